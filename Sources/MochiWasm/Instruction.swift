// An instruction as data: an `Op` from the table and an `Immediate` of the case its
// shape calls for. Function bodies and constant expressions are flat lists of them,
// in binary order (`block ... else ... end`), without the body's final `end`.
//
// Also here: the lookups derived from the table (binary code to op, text name to
// ops), the factory functions the emitter writes code with (`.call("f")`,
// `.structGet("node", "left")`), and `mapIndices`, the one place that knows which
// index space every immediate belongs to (used by the linker to resolve and renumber
// and by tree shaking to find references).

/// `align` is the log2 alignment; `memory` is the memory index (multi-memory).
public struct MemArg: Hashable, Sendable {
    public var align: UInt32
    public var offset: UInt64
    public var memory: Idx
    public init(align: UInt32, offset: UInt64 = 0, memory: Idx = .index(0)) {
        self.align = align; self.offset = offset; self.memory = memory
    }
}

public enum WasmImmediate: Hashable, Sendable {
    case none
    /// block, loop, if: the block type and, in the symbolic layer, the label's name.
    case block(BlockType, label: String?)
    /// Every shape with one index (label, function, type, local, global, table,
    /// memory, elem, data).
    case index(Idx)
    /// Shapes with two indices, in binary order: callIndirect (type, table),
    /// typeField (type, field), typeData, typeElem, typeType (dst, src), tableTable
    /// (dst, src), elemTable (elem, table), dataMemory (data, memory), memoryMemory.
    case indices(Idx, Idx)
    case brTable([Idx], default: Idx)
    case typeCount(Idx, UInt32)
    case memarg(MemArg)
    case i32(Int32)
    case i64(Int64)
    /// The bit pattern, so NaN payloads survive.
    case f32(UInt32)
    case f64(UInt64)
    case heapType(HeapType)
    /// br_on_cast: label, source and target reference types.
    case brOnCast(Idx, RefType, RefType)
    case valTypes([ValType])
}

public struct Instruction: Hashable, Sendable {
    public var op: Op
    public var immediate: WasmImmediate

    public init(_ op: Op, _ immediate: WasmImmediate = .none) { self.op = op; self.immediate = immediate }

    /// Whether the immediate's case is the one the op's shape calls for.
    public var isWellFormed: Bool {
        switch (op.info.shape, immediate) {
        case (.none, .none): return true
        case (.block, .block): return true
        case (.label, .index), (.function, .index), (.type, .index), (.local, .index), (.global, .index),
             (.table, .index), (.elem, .index), (.data, .index), (.memory, .index): return true
        case (.callIndirect, .indices), (.typeField, .indices), (.typeData, .indices), (.typeElem, .indices),
             (.typeType, .indices), (.tableTable, .indices), (.elemTable, .indices), (.dataMemory, .indices),
             (.memoryMemory, .indices): return true
        case (.brTable, .brTable), (.typeCount, .typeCount), (.memarg, .memarg): return true
        case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64), (.heapType, .heapType): return true
        case (.refType(let n), .heapType): return n == (op == .refTestNull || op == .refCastNull)
        case (.brOnCast, .brOnCast), (.valTypes, .valTypes): return true
        default: return false
        }
    }
}

// MARK: - Lookups derived from the table

extension Op {
    /// Single-byte opcodes by code.
    static let byCode: [Op?] = {
        var t = [Op?](repeating: nil, count: 256)
        for op in Op.allCases where op.info.prefix == 0 { t[Int(op.info.code)] = op }
        return t
    }()
    /// 0xFB-prefixed (GC) opcodes by sub-code.
    static let byGCCode: [Op?] = {
        var t = [Op?](repeating: nil, count: 32)
        for op in Op.allCases where op.info.prefix == 0xFB { t[Int(op.info.code)] = op }
        return t
    }()
    /// 0xFC-prefixed opcodes by sub-code.
    static let byMiscCode: [Op?] = {
        var t = [Op?](repeating: nil, count: 18)
        for op in Op.allCases where op.info.prefix == 0xFC { t[Int(op.info.code)] = op }
        return t
    }()
    /// Text names to ops (two ops for `select`, `ref.test`, `ref.cast`).
    static let byName: [String: [Op]] = {
        var t: [String: [Op]] = [:]
        for op in Op.allCases { t[op.info.name, default: []].append(op) }
        return t
    }()

    /// The op with this binary encoding, if the table has one.
    public static func decode(prefix: UInt8, code: UInt32) -> Op? {
        switch prefix {
        case 0: return code < 256 ? byCode[Int(code)] : nil
        case 0xFB: return code < UInt32(byGCCode.count) ? byGCCode[Int(code)] : nil
        case 0xFC: return code < UInt32(byMiscCode.count) ? byMiscCode[Int(code)] : nil
        default: return nil
        }
    }

    /// The ops with this text name.
    public static func named(_ name: String) -> [Op] { byName[name] ?? [] }

    /// Whether the op opens a block (and so a label).
    public var opensBlock: Bool { self == .block || self == .loop || self == .if }
}

// MARK: - Factories for writing code

extension Instruction {
    public static func block(_ type: BlockType = .empty, label: String? = nil) -> Instruction { Instruction(.block, .block(type, label: label)) }
    public static func loop(_ type: BlockType = .empty, label: String? = nil) -> Instruction { Instruction(.loop, .block(type, label: label)) }
    public static func `if`(_ type: BlockType = .empty, label: String? = nil) -> Instruction { Instruction(.if, .block(type, label: label)) }
    public static func br(_ label: Idx) -> Instruction { Instruction(.br, .index(label)) }
    public static func brIf(_ label: Idx) -> Instruction { Instruction(.brIf, .index(label)) }
    public static func brTable(_ labels: [Idx], default d: Idx) -> Instruction { Instruction(.brTable, .brTable(labels, default: d)) }
    public static func brOnNull(_ label: Idx) -> Instruction { Instruction(.brOnNull, .index(label)) }
    public static func brOnNonNull(_ label: Idx) -> Instruction { Instruction(.brOnNonNull, .index(label)) }
    public static func brOnCast(_ label: Idx, from: RefType, to: RefType) -> Instruction { Instruction(.brOnCast, .brOnCast(label, from, to)) }
    public static func brOnCastFail(_ label: Idx, from: RefType, to: RefType) -> Instruction { Instruction(.brOnCastFail, .brOnCast(label, from, to)) }

    public static func call(_ f: Idx) -> Instruction { Instruction(.call, .index(f)) }
    public static func returnCall(_ f: Idx) -> Instruction { Instruction(.returnCall, .index(f)) }
    public static func callRef(_ type: Idx) -> Instruction { Instruction(.callRef, .index(type)) }
    public static func returnCallRef(_ type: Idx) -> Instruction { Instruction(.returnCallRef, .index(type)) }
    public static func callIndirect(_ type: Idx, table: Idx = .index(0)) -> Instruction { Instruction(.callIndirect, .indices(type, table)) }
    public static func returnCallIndirect(_ type: Idx, table: Idx = .index(0)) -> Instruction { Instruction(.returnCallIndirect, .indices(type, table)) }
    public static func refFunc(_ f: Idx) -> Instruction { Instruction(.refFunc, .index(f)) }

    public static func select(_ types: [ValType]) -> Instruction { Instruction(.selectTyped, .valTypes(types)) }
    public static func localGet(_ l: Idx) -> Instruction { Instruction(.localGet, .index(l)) }
    public static func localSet(_ l: Idx) -> Instruction { Instruction(.localSet, .index(l)) }
    public static func localTee(_ l: Idx) -> Instruction { Instruction(.localTee, .index(l)) }
    public static func globalGet(_ g: Idx) -> Instruction { Instruction(.globalGet, .index(g)) }
    public static func globalSet(_ g: Idx) -> Instruction { Instruction(.globalSet, .index(g)) }

    public static func i32Const(_ v: Int32) -> Instruction { Instruction(.i32Const, .i32(v)) }
    public static func i64Const(_ v: Int64) -> Instruction { Instruction(.i64Const, .i64(v)) }
    public static func f32Const(_ v: Float) -> Instruction { Instruction(.f32Const, .f32(v.bitPattern)) }
    public static func f64Const(_ v: Double) -> Instruction { Instruction(.f64Const, .f64(v.bitPattern)) }

    /// A load or store with the op's natural alignment unless given.
    public static func memory(_ op: Op, offset: UInt64 = 0, align: UInt32? = nil, memory: Idx = .index(0)) -> Instruction {
        var natural: UInt32 = 0
        if case .memarg(let n) = op.info.shape { natural = n }
        return Instruction(op, .memarg(MemArg(align: align ?? natural, offset: offset, memory: memory)))
    }
    public static func memorySize(_ m: Idx = .index(0)) -> Instruction { Instruction(.memorySize, .index(m)) }
    public static func memoryGrow(_ m: Idx = .index(0)) -> Instruction { Instruction(.memoryGrow, .index(m)) }
    public static func memoryFill(_ m: Idx = .index(0)) -> Instruction { Instruction(.memoryFill, .index(m)) }
    public static func memoryCopy(_ dst: Idx = .index(0), _ src: Idx = .index(0)) -> Instruction { Instruction(.memoryCopy, .indices(dst, src)) }
    public static func memoryInit(_ data: Idx, memory: Idx = .index(0)) -> Instruction { Instruction(.memoryInit, .indices(data, memory)) }
    public static func dataDrop(_ data: Idx) -> Instruction { Instruction(.dataDrop, .index(data)) }

    public static func refNull(_ h: HeapType) -> Instruction { Instruction(.refNull, .heapType(h)) }
    /// `ref.null $t`.
    public static func refNull(_ t: Idx) -> Instruction { Instruction(.refNull, .heapType(.concrete(t))) }
    public static func refTest(_ t: RefType) -> Instruction { Instruction(t.nullable ? .refTestNull : .refTest, .heapType(t.heap)) }
    public static func refCast(_ t: RefType) -> Instruction { Instruction(t.nullable ? .refCastNull : .refCast, .heapType(t.heap)) }

    public static func structNew(_ t: Idx) -> Instruction { Instruction(.structNew, .index(t)) }
    public static func structNewDefault(_ t: Idx) -> Instruction { Instruction(.structNewDefault, .index(t)) }
    public static func structGet(_ t: Idx, _ field: Idx) -> Instruction { Instruction(.structGet, .indices(t, field)) }
    public static func structGetS(_ t: Idx, _ field: Idx) -> Instruction { Instruction(.structGetS, .indices(t, field)) }
    public static func structGetU(_ t: Idx, _ field: Idx) -> Instruction { Instruction(.structGetU, .indices(t, field)) }
    public static func structSet(_ t: Idx, _ field: Idx) -> Instruction { Instruction(.structSet, .indices(t, field)) }
    public static func arrayNew(_ t: Idx) -> Instruction { Instruction(.arrayNew, .index(t)) }
    public static func arrayNewDefault(_ t: Idx) -> Instruction { Instruction(.arrayNewDefault, .index(t)) }
    public static func arrayNewFixed(_ t: Idx, _ count: UInt32) -> Instruction { Instruction(.arrayNewFixed, .typeCount(t, count)) }
    public static func arrayNewData(_ t: Idx, _ data: Idx) -> Instruction { Instruction(.arrayNewData, .indices(t, data)) }
    public static func arrayNewElem(_ t: Idx, _ elem: Idx) -> Instruction { Instruction(.arrayNewElem, .indices(t, elem)) }
    public static func arrayGet(_ t: Idx) -> Instruction { Instruction(.arrayGet, .index(t)) }
    public static func arrayGetS(_ t: Idx) -> Instruction { Instruction(.arrayGetS, .index(t)) }
    public static func arrayGetU(_ t: Idx) -> Instruction { Instruction(.arrayGetU, .index(t)) }
    public static func arraySet(_ t: Idx) -> Instruction { Instruction(.arraySet, .index(t)) }
    public static func arrayFill(_ t: Idx) -> Instruction { Instruction(.arrayFill, .index(t)) }
    public static func arrayCopy(_ dst: Idx, _ src: Idx) -> Instruction { Instruction(.arrayCopy, .indices(dst, src)) }
    public static func arrayInitData(_ t: Idx, _ data: Idx) -> Instruction { Instruction(.arrayInitData, .indices(t, data)) }
    public static func arrayInitElem(_ t: Idx, _ elem: Idx) -> Instruction { Instruction(.arrayInitElem, .indices(t, elem)) }
}

// MARK: - Index visiting

extension Instruction {
    /// The instruction with every index passed through `f`, told its index space.
    /// A field index is passed after its type index and `f` gets that (already
    /// rewritten) type as `context`. Types inside value types, block types and heap
    /// types are passed as `.type`.
    public func mapIndices(_ f: (IndexSpace, Idx, _ context: Idx?) throws -> Idx) rethrows -> Instruction {
        let shape = op.info.shape
        func t(_ i: Idx) throws -> Idx { try f(.type, i, nil) }
        var imm = immediate
        switch (shape, immediate) {
        case (.block, .block(let bt, let label)): imm = .block(try bt.mapTypes(t), label: label)
        case (_, .index(let i)):
            let space: IndexSpace
            switch shape {
            case .label: space = .label
            case .function: space = .function
            case .type: space = .type
            case .local: space = .local
            case .global: space = .global
            case .table: space = .table
            case .elem: space = .element
            case .data: space = .data
            case .memory: space = .memory
            default: return self
            }
            imm = .index(try f(space, i, nil))
        case (_, .indices(let a, let b)):
            switch shape {
            case .callIndirect: imm = .indices(try t(a), try f(.table, b, nil))
            case .typeField:
                let ty = try t(a)
                imm = .indices(ty, try f(.field, b, ty))
            case .typeData: imm = .indices(try t(a), try f(.data, b, nil))
            case .typeElem: imm = .indices(try t(a), try f(.element, b, nil))
            case .typeType: imm = .indices(try t(a), try t(b))
            case .tableTable: imm = .indices(try f(.table, a, nil), try f(.table, b, nil))
            case .elemTable: imm = .indices(try f(.element, a, nil), try f(.table, b, nil))
            case .dataMemory: imm = .indices(try f(.data, a, nil), try f(.memory, b, nil))
            case .memoryMemory: imm = .indices(try f(.memory, a, nil), try f(.memory, b, nil))
            default: return self
            }
        case (.brTable, .brTable(let ls, let d)): imm = .brTable(try ls.map { try f(.label, $0, nil) }, default: try f(.label, d, nil))
        case (.typeCount, .typeCount(let ty, let n)): imm = .typeCount(try t(ty), n)
        case (.memarg, .memarg(var m)):
            m.memory = try f(.memory, m.memory, nil)
            imm = .memarg(m)
        case (_, .heapType(let h)): imm = .heapType(try h.mapTypes(t))
        case (.brOnCast, .brOnCast(let l, let a, let b)): imm = .brOnCast(try f(.label, l, nil), try a.mapTypes(t), try b.mapTypes(t))
        case (.valTypes, .valTypes(let vs)): imm = .valTypes(try vs.map { try $0.mapTypes(t) })
        default: return self
        }
        return Instruction(op, imm)
    }

    /// Calls `f` with every index the instruction holds.
    public func forEachIndex(_ f: (IndexSpace, Idx, _ context: Idx?) throws -> Void) rethrows {
        _ = try mapIndices { space, i, c in try f(space, i, c); return i }
    }
}
