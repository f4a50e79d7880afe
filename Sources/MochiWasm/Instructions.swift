// The one instruction table: every instruction this toolchain knows (Wasm 2.0: MVP,
// sign extension, non-trapping float-to-int, bulk memory, reference types,
// multi-value; plus tail calls, typed function references and GC), each with its
// text name, its binary encoding (an optional 0xFB/0xFC prefix and a code) and the
// shape of its immediates. The encoder, the reader, the printer/disassembler and the
// WAT parser all work from `Op.info` and `Shape`, never from per-instruction code, so
// an instruction added here is encoded, decoded, printed and parsed everywhere.
//
// Left out on purpose: SIMD (0xFD), threads (0xFE), exception handling; the reader
// rejects each by name. An instruction is an `Op` plus an `Immediate` whose case
// must fit the op's shape (`Instruction.isWellFormed`); index immediates are `Idx`,
// so the same values serve the symbolic layer (names) and the numeric one.

/// The layout of an instruction's immediates.
public enum Shape: Hashable, Sendable {
    case none
    /// block type (block, loop, if).
    case block
    /// a label (br, br_if, br_on_null, br_on_non_null).
    case label
    /// br_table: labels and a default.
    case brTable
    case function
    /// type index then table index (call_indirect, return_call_indirect).
    case callIndirect
    case type
    /// type index and field index (struct.get/set).
    case typeField
    /// type index and element count (array.new_fixed).
    case typeCount
    case typeData, typeElem
    /// two type indices, destination first (array.copy).
    case typeType
    case local, global, table
    /// destination and source tables (table.copy).
    case tableTable
    /// element segment then table (table.init).
    case elemTable
    case elem, data
    /// data segment then memory (memory.init).
    case dataMemory
    case memory
    /// destination and source memories (memory.copy).
    case memoryMemory
    /// alignment (log2; its natural value given here), offset and memory.
    case memarg(natural: UInt32)
    case i32, i64, f32, f64
    /// a heap type (ref.null).
    case heapType
    /// a reference type whose nullability the opcode fixes (ref.test, ref.cast).
    case refType(nullable: Bool)
    /// cast flags, label and two reference types (br_on_cast, br_on_cast_fail).
    case brOnCast
    /// a vector of value types (typed select).
    case valTypes
}

/// One row of the table.
public struct WasmOpInfo: Sendable {
    /// The text mnemonic. Two ops share one only where the text tells them apart by
    /// their immediates: `select` (typed or not), `ref.test` and `ref.cast` (nullable
    /// target or not).
    public var name: String
    /// 0 for single-byte opcodes, else 0xFB or 0xFC.
    public var prefix: UInt8
    public var code: UInt32
    public var shape: Shape

    init(_ name: String, _ code: UInt8, _ shape: Shape = .none) {
        self.name = name; self.prefix = 0; self.code = UInt32(code); self.shape = shape
    }
    init(_ name: String, _ prefix: UInt8, _ code: UInt32, _ shape: Shape = .none) {
        self.name = name; self.prefix = prefix; self.code = code; self.shape = shape
    }
}

public enum Op: UInt16, CaseIterable, Sendable {
    // Control
    case unreachable, nop, block, loop, `if`, `else`, end, br, brIf, brTable, `return`
    case call, callIndirect, returnCall, returnCallIndirect, callRef, returnCallRef
    // Parametric
    case drop, select, selectTyped
    // Variables and tables
    case localGet, localSet, localTee, globalGet, globalSet, tableGet, tableSet
    // Memory
    case i32Load, i64Load, f32Load, f64Load, i32Load8S, i32Load8U, i32Load16S, i32Load16U
    case i64Load8S, i64Load8U, i64Load16S, i64Load16U, i64Load32S, i64Load32U
    case i32Store, i64Store, f32Store, f64Store, i32Store8, i32Store16, i64Store8, i64Store16, i64Store32
    case memorySize, memoryGrow
    // Constants
    case i32Const, i64Const, f32Const, f64Const
    // Numeric (0x45...0xC4, no immediates)
    case i32Eqz, i32Eq, i32Ne, i32LtS, i32LtU, i32GtS, i32GtU, i32LeS, i32LeU, i32GeS, i32GeU, i64Eqz, i64Eq
    case i64Ne, i64LtS, i64LtU, i64GtS, i64GtU, i64LeS, i64LeU, i64GeS, i64GeU, f32Eq, f32Ne, f32Lt, f32Gt
    case f32Le, f32Ge, f64Eq, f64Ne, f64Lt, f64Gt, f64Le, f64Ge, i32Clz, i32Ctz, i32Popcnt, i32Add, i32Sub
    case i32Mul, i32DivS, i32DivU, i32RemS, i32RemU, i32And, i32Or, i32Xor, i32Shl, i32ShrS, i32ShrU
    case i32Rotl, i32Rotr, i64Clz, i64Ctz, i64Popcnt, i64Add, i64Sub, i64Mul, i64DivS, i64DivU, i64RemS
    case i64RemU, i64And, i64Or, i64Xor, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr, f32Abs, f32Neg, f32Ceil
    case f32Floor, f32Trunc, f32Nearest, f32Sqrt, f32Add, f32Sub, f32Mul, f32Div, f32Min, f32Max
    case f32Copysign, f64Abs, f64Neg, f64Ceil, f64Floor, f64Trunc, f64Nearest, f64Sqrt, f64Add, f64Sub
    case f64Mul, f64Div, f64Min, f64Max, f64Copysign, i32WrapI64, i32TruncF32S, i32TruncF32U, i32TruncF64S
    case i32TruncF64U, i64ExtendI32S, i64ExtendI32U, i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U
    case f32ConvertI32S, f32ConvertI32U, f32ConvertI64S, f32ConvertI64U, f32DemoteF64, f64ConvertI32S
    case f64ConvertI32U, f64ConvertI64S, f64ConvertI64U, f64PromoteF32, i32ReinterpretF32, i64ReinterpretF64
    case f32ReinterpretI32, f64ReinterpretI64, i32Extend8S, i32Extend16S, i64Extend8S, i64Extend16S
    case i64Extend32S
    // References and typed function references
    case refNull, refIsNull, refFunc, refEq, refAsNonNull, brOnNull, brOnNonNull
    // 0xFC: saturating truncation, bulk memory, tables
    case i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U, i64TruncSatF32S
    case i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U
    case memoryInit, dataDrop, memoryCopy, memoryFill, tableInit, elemDrop, tableCopy, tableGrow, tableSize, tableFill
    // 0xFB: GC
    case structNew, structNewDefault, structGet, structGetS, structGetU, structSet
    case arrayNew, arrayNewDefault, arrayNewFixed, arrayNewData, arrayNewElem
    case arrayGet, arrayGetS, arrayGetU, arraySet, arrayLen, arrayFill, arrayCopy, arrayInitData, arrayInitElem
    case refTest, refTestNull, refCast, refCastNull, brOnCast, brOnCastFail
    case anyConvertExtern, externConvertAny, refI31, i31GetS, i31GetU

    /// The table.
    public var info: WasmOpInfo {
        switch self {
        case .unreachable: return WasmOpInfo("unreachable", 0x00)
        case .nop: return WasmOpInfo("nop", 0x01)
        case .block: return WasmOpInfo("block", 0x02, .block)
        case .loop: return WasmOpInfo("loop", 0x03, .block)
        case .if: return WasmOpInfo("if", 0x04, .block)
        case .else: return WasmOpInfo("else", 0x05)
        case .end: return WasmOpInfo("end", 0x0B)
        case .br: return WasmOpInfo("br", 0x0C, .label)
        case .brIf: return WasmOpInfo("br_if", 0x0D, .label)
        case .brTable: return WasmOpInfo("br_table", 0x0E, .brTable)
        case .return: return WasmOpInfo("return", 0x0F)
        case .call: return WasmOpInfo("call", 0x10, .function)
        case .callIndirect: return WasmOpInfo("call_indirect", 0x11, .callIndirect)
        case .returnCall: return WasmOpInfo("return_call", 0x12, .function)
        case .returnCallIndirect: return WasmOpInfo("return_call_indirect", 0x13, .callIndirect)
        case .callRef: return WasmOpInfo("call_ref", 0x14, .type)
        case .returnCallRef: return WasmOpInfo("return_call_ref", 0x15, .type)

        case .drop: return WasmOpInfo("drop", 0x1A)
        case .select: return WasmOpInfo("select", 0x1B)
        case .selectTyped: return WasmOpInfo("select", 0x1C, .valTypes)

        case .localGet: return WasmOpInfo("local.get", 0x20, .local)
        case .localSet: return WasmOpInfo("local.set", 0x21, .local)
        case .localTee: return WasmOpInfo("local.tee", 0x22, .local)
        case .globalGet: return WasmOpInfo("global.get", 0x23, .global)
        case .globalSet: return WasmOpInfo("global.set", 0x24, .global)
        case .tableGet: return WasmOpInfo("table.get", 0x25, .table)
        case .tableSet: return WasmOpInfo("table.set", 0x26, .table)

        case .i32Load: return WasmOpInfo("i32.load", 0x28, .memarg(natural: 2))
        case .i64Load: return WasmOpInfo("i64.load", 0x29, .memarg(natural: 3))
        case .f32Load: return WasmOpInfo("f32.load", 0x2A, .memarg(natural: 2))
        case .f64Load: return WasmOpInfo("f64.load", 0x2B, .memarg(natural: 3))
        case .i32Load8S: return WasmOpInfo("i32.load8_s", 0x2C, .memarg(natural: 0))
        case .i32Load8U: return WasmOpInfo("i32.load8_u", 0x2D, .memarg(natural: 0))
        case .i32Load16S: return WasmOpInfo("i32.load16_s", 0x2E, .memarg(natural: 1))
        case .i32Load16U: return WasmOpInfo("i32.load16_u", 0x2F, .memarg(natural: 1))
        case .i64Load8S: return WasmOpInfo("i64.load8_s", 0x30, .memarg(natural: 0))
        case .i64Load8U: return WasmOpInfo("i64.load8_u", 0x31, .memarg(natural: 0))
        case .i64Load16S: return WasmOpInfo("i64.load16_s", 0x32, .memarg(natural: 1))
        case .i64Load16U: return WasmOpInfo("i64.load16_u", 0x33, .memarg(natural: 1))
        case .i64Load32S: return WasmOpInfo("i64.load32_s", 0x34, .memarg(natural: 2))
        case .i64Load32U: return WasmOpInfo("i64.load32_u", 0x35, .memarg(natural: 2))
        case .i32Store: return WasmOpInfo("i32.store", 0x36, .memarg(natural: 2))
        case .i64Store: return WasmOpInfo("i64.store", 0x37, .memarg(natural: 3))
        case .f32Store: return WasmOpInfo("f32.store", 0x38, .memarg(natural: 2))
        case .f64Store: return WasmOpInfo("f64.store", 0x39, .memarg(natural: 3))
        case .i32Store8: return WasmOpInfo("i32.store8", 0x3A, .memarg(natural: 0))
        case .i32Store16: return WasmOpInfo("i32.store16", 0x3B, .memarg(natural: 1))
        case .i64Store8: return WasmOpInfo("i64.store8", 0x3C, .memarg(natural: 0))
        case .i64Store16: return WasmOpInfo("i64.store16", 0x3D, .memarg(natural: 1))
        case .i64Store32: return WasmOpInfo("i64.store32", 0x3E, .memarg(natural: 2))
        case .memorySize: return WasmOpInfo("memory.size", 0x3F, .memory)
        case .memoryGrow: return WasmOpInfo("memory.grow", 0x40, .memory)

        case .i32Const: return WasmOpInfo("i32.const", 0x41, .i32)
        case .i64Const: return WasmOpInfo("i64.const", 0x42, .i64)
        case .f32Const: return WasmOpInfo("f32.const", 0x43, .f32)
        case .f64Const: return WasmOpInfo("f64.const", 0x44, .f64)

        case .i32Eqz: return WasmOpInfo("i32.eqz", 0x45)
        case .i32Eq: return WasmOpInfo("i32.eq", 0x46)
        case .i32Ne: return WasmOpInfo("i32.ne", 0x47)
        case .i32LtS: return WasmOpInfo("i32.lt_s", 0x48)
        case .i32LtU: return WasmOpInfo("i32.lt_u", 0x49)
        case .i32GtS: return WasmOpInfo("i32.gt_s", 0x4A)
        case .i32GtU: return WasmOpInfo("i32.gt_u", 0x4B)
        case .i32LeS: return WasmOpInfo("i32.le_s", 0x4C)
        case .i32LeU: return WasmOpInfo("i32.le_u", 0x4D)
        case .i32GeS: return WasmOpInfo("i32.ge_s", 0x4E)
        case .i32GeU: return WasmOpInfo("i32.ge_u", 0x4F)
        case .i64Eqz: return WasmOpInfo("i64.eqz", 0x50)
        case .i64Eq: return WasmOpInfo("i64.eq", 0x51)
        case .i64Ne: return WasmOpInfo("i64.ne", 0x52)
        case .i64LtS: return WasmOpInfo("i64.lt_s", 0x53)
        case .i64LtU: return WasmOpInfo("i64.lt_u", 0x54)
        case .i64GtS: return WasmOpInfo("i64.gt_s", 0x55)
        case .i64GtU: return WasmOpInfo("i64.gt_u", 0x56)
        case .i64LeS: return WasmOpInfo("i64.le_s", 0x57)
        case .i64LeU: return WasmOpInfo("i64.le_u", 0x58)
        case .i64GeS: return WasmOpInfo("i64.ge_s", 0x59)
        case .i64GeU: return WasmOpInfo("i64.ge_u", 0x5A)
        case .f32Eq: return WasmOpInfo("f32.eq", 0x5B)
        case .f32Ne: return WasmOpInfo("f32.ne", 0x5C)
        case .f32Lt: return WasmOpInfo("f32.lt", 0x5D)
        case .f32Gt: return WasmOpInfo("f32.gt", 0x5E)
        case .f32Le: return WasmOpInfo("f32.le", 0x5F)
        case .f32Ge: return WasmOpInfo("f32.ge", 0x60)
        case .f64Eq: return WasmOpInfo("f64.eq", 0x61)
        case .f64Ne: return WasmOpInfo("f64.ne", 0x62)
        case .f64Lt: return WasmOpInfo("f64.lt", 0x63)
        case .f64Gt: return WasmOpInfo("f64.gt", 0x64)
        case .f64Le: return WasmOpInfo("f64.le", 0x65)
        case .f64Ge: return WasmOpInfo("f64.ge", 0x66)
        case .i32Clz: return WasmOpInfo("i32.clz", 0x67)
        case .i32Ctz: return WasmOpInfo("i32.ctz", 0x68)
        case .i32Popcnt: return WasmOpInfo("i32.popcnt", 0x69)
        case .i32Add: return WasmOpInfo("i32.add", 0x6A)
        case .i32Sub: return WasmOpInfo("i32.sub", 0x6B)
        case .i32Mul: return WasmOpInfo("i32.mul", 0x6C)
        case .i32DivS: return WasmOpInfo("i32.div_s", 0x6D)
        case .i32DivU: return WasmOpInfo("i32.div_u", 0x6E)
        case .i32RemS: return WasmOpInfo("i32.rem_s", 0x6F)
        case .i32RemU: return WasmOpInfo("i32.rem_u", 0x70)
        case .i32And: return WasmOpInfo("i32.and", 0x71)
        case .i32Or: return WasmOpInfo("i32.or", 0x72)
        case .i32Xor: return WasmOpInfo("i32.xor", 0x73)
        case .i32Shl: return WasmOpInfo("i32.shl", 0x74)
        case .i32ShrS: return WasmOpInfo("i32.shr_s", 0x75)
        case .i32ShrU: return WasmOpInfo("i32.shr_u", 0x76)
        case .i32Rotl: return WasmOpInfo("i32.rotl", 0x77)
        case .i32Rotr: return WasmOpInfo("i32.rotr", 0x78)
        case .i64Clz: return WasmOpInfo("i64.clz", 0x79)
        case .i64Ctz: return WasmOpInfo("i64.ctz", 0x7A)
        case .i64Popcnt: return WasmOpInfo("i64.popcnt", 0x7B)
        case .i64Add: return WasmOpInfo("i64.add", 0x7C)
        case .i64Sub: return WasmOpInfo("i64.sub", 0x7D)
        case .i64Mul: return WasmOpInfo("i64.mul", 0x7E)
        case .i64DivS: return WasmOpInfo("i64.div_s", 0x7F)
        case .i64DivU: return WasmOpInfo("i64.div_u", 0x80)
        case .i64RemS: return WasmOpInfo("i64.rem_s", 0x81)
        case .i64RemU: return WasmOpInfo("i64.rem_u", 0x82)
        case .i64And: return WasmOpInfo("i64.and", 0x83)
        case .i64Or: return WasmOpInfo("i64.or", 0x84)
        case .i64Xor: return WasmOpInfo("i64.xor", 0x85)
        case .i64Shl: return WasmOpInfo("i64.shl", 0x86)
        case .i64ShrS: return WasmOpInfo("i64.shr_s", 0x87)
        case .i64ShrU: return WasmOpInfo("i64.shr_u", 0x88)
        case .i64Rotl: return WasmOpInfo("i64.rotl", 0x89)
        case .i64Rotr: return WasmOpInfo("i64.rotr", 0x8A)
        case .f32Abs: return WasmOpInfo("f32.abs", 0x8B)
        case .f32Neg: return WasmOpInfo("f32.neg", 0x8C)
        case .f32Ceil: return WasmOpInfo("f32.ceil", 0x8D)
        case .f32Floor: return WasmOpInfo("f32.floor", 0x8E)
        case .f32Trunc: return WasmOpInfo("f32.trunc", 0x8F)
        case .f32Nearest: return WasmOpInfo("f32.nearest", 0x90)
        case .f32Sqrt: return WasmOpInfo("f32.sqrt", 0x91)
        case .f32Add: return WasmOpInfo("f32.add", 0x92)
        case .f32Sub: return WasmOpInfo("f32.sub", 0x93)
        case .f32Mul: return WasmOpInfo("f32.mul", 0x94)
        case .f32Div: return WasmOpInfo("f32.div", 0x95)
        case .f32Min: return WasmOpInfo("f32.min", 0x96)
        case .f32Max: return WasmOpInfo("f32.max", 0x97)
        case .f32Copysign: return WasmOpInfo("f32.copysign", 0x98)
        case .f64Abs: return WasmOpInfo("f64.abs", 0x99)
        case .f64Neg: return WasmOpInfo("f64.neg", 0x9A)
        case .f64Ceil: return WasmOpInfo("f64.ceil", 0x9B)
        case .f64Floor: return WasmOpInfo("f64.floor", 0x9C)
        case .f64Trunc: return WasmOpInfo("f64.trunc", 0x9D)
        case .f64Nearest: return WasmOpInfo("f64.nearest", 0x9E)
        case .f64Sqrt: return WasmOpInfo("f64.sqrt", 0x9F)
        case .f64Add: return WasmOpInfo("f64.add", 0xA0)
        case .f64Sub: return WasmOpInfo("f64.sub", 0xA1)
        case .f64Mul: return WasmOpInfo("f64.mul", 0xA2)
        case .f64Div: return WasmOpInfo("f64.div", 0xA3)
        case .f64Min: return WasmOpInfo("f64.min", 0xA4)
        case .f64Max: return WasmOpInfo("f64.max", 0xA5)
        case .f64Copysign: return WasmOpInfo("f64.copysign", 0xA6)
        case .i32WrapI64: return WasmOpInfo("i32.wrap_i64", 0xA7)
        case .i32TruncF32S: return WasmOpInfo("i32.trunc_f32_s", 0xA8)
        case .i32TruncF32U: return WasmOpInfo("i32.trunc_f32_u", 0xA9)
        case .i32TruncF64S: return WasmOpInfo("i32.trunc_f64_s", 0xAA)
        case .i32TruncF64U: return WasmOpInfo("i32.trunc_f64_u", 0xAB)
        case .i64ExtendI32S: return WasmOpInfo("i64.extend_i32_s", 0xAC)
        case .i64ExtendI32U: return WasmOpInfo("i64.extend_i32_u", 0xAD)
        case .i64TruncF32S: return WasmOpInfo("i64.trunc_f32_s", 0xAE)
        case .i64TruncF32U: return WasmOpInfo("i64.trunc_f32_u", 0xAF)
        case .i64TruncF64S: return WasmOpInfo("i64.trunc_f64_s", 0xB0)
        case .i64TruncF64U: return WasmOpInfo("i64.trunc_f64_u", 0xB1)
        case .f32ConvertI32S: return WasmOpInfo("f32.convert_i32_s", 0xB2)
        case .f32ConvertI32U: return WasmOpInfo("f32.convert_i32_u", 0xB3)
        case .f32ConvertI64S: return WasmOpInfo("f32.convert_i64_s", 0xB4)
        case .f32ConvertI64U: return WasmOpInfo("f32.convert_i64_u", 0xB5)
        case .f32DemoteF64: return WasmOpInfo("f32.demote_f64", 0xB6)
        case .f64ConvertI32S: return WasmOpInfo("f64.convert_i32_s", 0xB7)
        case .f64ConvertI32U: return WasmOpInfo("f64.convert_i32_u", 0xB8)
        case .f64ConvertI64S: return WasmOpInfo("f64.convert_i64_s", 0xB9)
        case .f64ConvertI64U: return WasmOpInfo("f64.convert_i64_u", 0xBA)
        case .f64PromoteF32: return WasmOpInfo("f64.promote_f32", 0xBB)
        case .i32ReinterpretF32: return WasmOpInfo("i32.reinterpret_f32", 0xBC)
        case .i64ReinterpretF64: return WasmOpInfo("i64.reinterpret_f64", 0xBD)
        case .f32ReinterpretI32: return WasmOpInfo("f32.reinterpret_i32", 0xBE)
        case .f64ReinterpretI64: return WasmOpInfo("f64.reinterpret_i64", 0xBF)
        case .i32Extend8S: return WasmOpInfo("i32.extend8_s", 0xC0)
        case .i32Extend16S: return WasmOpInfo("i32.extend16_s", 0xC1)
        case .i64Extend8S: return WasmOpInfo("i64.extend8_s", 0xC2)
        case .i64Extend16S: return WasmOpInfo("i64.extend16_s", 0xC3)
        case .i64Extend32S: return WasmOpInfo("i64.extend32_s", 0xC4)

        case .refNull: return WasmOpInfo("ref.null", 0xD0, .heapType)
        case .refIsNull: return WasmOpInfo("ref.is_null", 0xD1)
        case .refFunc: return WasmOpInfo("ref.func", 0xD2, .function)
        case .refEq: return WasmOpInfo("ref.eq", 0xD3)
        case .refAsNonNull: return WasmOpInfo("ref.as_non_null", 0xD4)
        case .brOnNull: return WasmOpInfo("br_on_null", 0xD5, .label)
        case .brOnNonNull: return WasmOpInfo("br_on_non_null", 0xD6, .label)

        case .i32TruncSatF32S: return WasmOpInfo("i32.trunc_sat_f32_s", 0xFC, 0)
        case .i32TruncSatF32U: return WasmOpInfo("i32.trunc_sat_f32_u", 0xFC, 1)
        case .i32TruncSatF64S: return WasmOpInfo("i32.trunc_sat_f64_s", 0xFC, 2)
        case .i32TruncSatF64U: return WasmOpInfo("i32.trunc_sat_f64_u", 0xFC, 3)
        case .i64TruncSatF32S: return WasmOpInfo("i64.trunc_sat_f32_s", 0xFC, 4)
        case .i64TruncSatF32U: return WasmOpInfo("i64.trunc_sat_f32_u", 0xFC, 5)
        case .i64TruncSatF64S: return WasmOpInfo("i64.trunc_sat_f64_s", 0xFC, 6)
        case .i64TruncSatF64U: return WasmOpInfo("i64.trunc_sat_f64_u", 0xFC, 7)
        case .memoryInit: return WasmOpInfo("memory.init", 0xFC, 8, .dataMemory)
        case .dataDrop: return WasmOpInfo("data.drop", 0xFC, 9, .data)
        case .memoryCopy: return WasmOpInfo("memory.copy", 0xFC, 10, .memoryMemory)
        case .memoryFill: return WasmOpInfo("memory.fill", 0xFC, 11, .memory)
        case .tableInit: return WasmOpInfo("table.init", 0xFC, 12, .elemTable)
        case .elemDrop: return WasmOpInfo("elem.drop", 0xFC, 13, .elem)
        case .tableCopy: return WasmOpInfo("table.copy", 0xFC, 14, .tableTable)
        case .tableGrow: return WasmOpInfo("table.grow", 0xFC, 15, .table)
        case .tableSize: return WasmOpInfo("table.size", 0xFC, 16, .table)
        case .tableFill: return WasmOpInfo("table.fill", 0xFC, 17, .table)

        case .structNew: return WasmOpInfo("struct.new", 0xFB, 0, .type)
        case .structNewDefault: return WasmOpInfo("struct.new_default", 0xFB, 1, .type)
        case .structGet: return WasmOpInfo("struct.get", 0xFB, 2, .typeField)
        case .structGetS: return WasmOpInfo("struct.get_s", 0xFB, 3, .typeField)
        case .structGetU: return WasmOpInfo("struct.get_u", 0xFB, 4, .typeField)
        case .structSet: return WasmOpInfo("struct.set", 0xFB, 5, .typeField)
        case .arrayNew: return WasmOpInfo("array.new", 0xFB, 6, .type)
        case .arrayNewDefault: return WasmOpInfo("array.new_default", 0xFB, 7, .type)
        case .arrayNewFixed: return WasmOpInfo("array.new_fixed", 0xFB, 8, .typeCount)
        case .arrayNewData: return WasmOpInfo("array.new_data", 0xFB, 9, .typeData)
        case .arrayNewElem: return WasmOpInfo("array.new_elem", 0xFB, 10, .typeElem)
        case .arrayGet: return WasmOpInfo("array.get", 0xFB, 11, .type)
        case .arrayGetS: return WasmOpInfo("array.get_s", 0xFB, 12, .type)
        case .arrayGetU: return WasmOpInfo("array.get_u", 0xFB, 13, .type)
        case .arraySet: return WasmOpInfo("array.set", 0xFB, 14, .type)
        case .arrayLen: return WasmOpInfo("array.len", 0xFB, 15)
        case .arrayFill: return WasmOpInfo("array.fill", 0xFB, 16, .type)
        case .arrayCopy: return WasmOpInfo("array.copy", 0xFB, 17, .typeType)
        case .arrayInitData: return WasmOpInfo("array.init_data", 0xFB, 18, .typeData)
        case .arrayInitElem: return WasmOpInfo("array.init_elem", 0xFB, 19, .typeElem)
        case .refTest: return WasmOpInfo("ref.test", 0xFB, 20, .refType(nullable: false))
        case .refTestNull: return WasmOpInfo("ref.test", 0xFB, 21, .refType(nullable: true))
        case .refCast: return WasmOpInfo("ref.cast", 0xFB, 22, .refType(nullable: false))
        case .refCastNull: return WasmOpInfo("ref.cast", 0xFB, 23, .refType(nullable: true))
        case .brOnCast: return WasmOpInfo("br_on_cast", 0xFB, 24, .brOnCast)
        case .brOnCastFail: return WasmOpInfo("br_on_cast_fail", 0xFB, 25, .brOnCast)
        case .anyConvertExtern: return WasmOpInfo("any.convert_extern", 0xFB, 26)
        case .externConvertAny: return WasmOpInfo("extern.convert_any", 0xFB, 27)
        case .refI31: return WasmOpInfo("ref.i31", 0xFB, 28)
        case .i31GetS: return WasmOpInfo("i31.get_s", 0xFB, 29)
        case .i31GetU: return WasmOpInfo("i31.get_u", 0xFB, 30)
        }
    }
}
