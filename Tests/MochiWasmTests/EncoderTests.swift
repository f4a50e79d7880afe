// The encoder's leaf code against byte sequences from the spec (LEB128, value, heap,
// field, composite and sub types, rec groups, limits), the instruction table's
// consistency, and a module holding every instruction of the table, which
// wasm-tools must validate, print with the table's mnemonics, and parse back from
// its own printout to the very bytes we wrote.

import XCTest
@testable import MochiWasm

final class EncoderTests: XCTestCase {
    func testUnsignedLEB128() {
        let cases: [(UInt64, [UInt8])] = [
            (0, [0x00]), (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (255, [0xFF, 0x01]),
            (624_485, [0xE5, 0x8E, 0x26]), // the spec's (and Wikipedia's) example
            (16_384, [0x80, 0x80, 0x01]),
            (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
            (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        ]
        for (v, bytes) in cases {
            XCTAssertEqual(WasmLEB128.unsigned(v), bytes, "\(v)")
            XCTAssertEqual(self.bytes { $0.u64(v) }, bytes, "writer \(v)")
            guard case .success(let (d, n)) = WasmLEB128.decodeUnsigned(bytes, at: 0, bits: 64) else { XCTFail("\(v)"); continue }
            XCTAssertEqual(d, v)
            XCTAssertEqual(n, bytes.count)
        }
    }

    func testSignedLEB128() {
        let cases: [(Int64, [UInt8])] = [
            (0, [0x00]), (1, [0x01]), (-1, [0x7F]), (63, [0x3F]), (64, [0xC0, 0x00]), (-64, [0x40]),
            (-65, [0xBF, 0x7F]), (-123_456, [0xC0, 0xBB, 0x78]), // the spec's example
            (Int64(Int32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x07]), (Int64(Int32.min), [0x80, 0x80, 0x80, 0x80, 0x78]),
            (Int64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]),
            (Int64.min, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F]),
        ]
        for (v, bytes) in cases {
            XCTAssertEqual(WasmLEB128.signed(v), bytes, "\(v)")
            XCTAssertEqual(self.bytes { $0.s64(v) }, bytes, "writer \(v)")
            guard case .success(let (d, n)) = WasmLEB128.decodeSigned(bytes, at: 0, bits: 64) else { XCTFail("\(v)"); continue }
            XCTAssertEqual(d, v)
            XCTAssertEqual(n, bytes.count)
        }
    }

    /// The spec's malformed-LEB cases (binary-leb128.wast): too long, unused bits set.
    func testMalformedLEB128() {
        typealias F = WasmLEB128.DecodeFailure
        let unsigned: [([UInt8], Int, F)] = [
            ([0x80], 32, .truncated), ([], 32, .truncated),
            ([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 32, .tooLong), // 6 bytes for a u32
            ([0xFF, 0xFF, 0xFF, 0xFF, 0x1F], 32, .tooLong),       // bit 32 set
            ([0x82, 0x80, 0x80, 0x80, 0x70], 32, .tooLong),
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02], 64, .tooLong),
        ]
        for (bytes, bits, failure) in unsigned {
            guard case .failure(let f) = WasmLEB128.decodeUnsigned(bytes, at: 0, bits: bits) else { XCTFail(hex(bytes)); continue }
            XCTAssertEqual(f, failure, hex(bytes))
        }
        let signed: [([UInt8], Int, F)] = [
            ([0xFF], 32, .truncated),
            ([0x80, 0x80, 0x80, 0x80, 0x70], 32, .tooLong), // positive with high bits set
            ([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], 32, .tooLong), // negative without sign extension
            ([0xFF, 0xFF, 0xFF, 0xFF, 0x4F], 32, .tooLong),
            ([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], 32, .tooLong),
            ([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7E], 64, .tooLong),
        ]
        for (bytes, bits, failure) in signed {
            guard case .failure(let f) = WasmLEB128.decodeSigned(bytes, at: 0, bits: bits) else { XCTFail(hex(bytes)); continue }
            XCTAssertEqual(f, failure, hex(bytes))
        }
        // Non-minimal encodings within the length limit are valid.
        guard case .success(let (v, n)) = WasmLEB128.decodeUnsigned([0x83, 0x80, 0x00], at: 0, bits: 32) else { return XCTFail() }
        XCTAssertEqual(v, 3); XCTAssertEqual(n, 3)
        guard case .success(let (s, _)) = WasmLEB128.decodeSigned([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], at: 0, bits: 32) else { return XCTFail() }
        XCTAssertEqual(s, -1)
    }

    func bytes(_ build: (inout WasmWriter) throws -> Void) rethrows -> [UInt8] {
        var w = WasmWriter()
        try build(&w)
        return w.bytes
    }

    /// Type encodings as the GC proposal's binary format gives them.
    func testTypeEncodings() throws {
        let valTypes: [(ValType, [UInt8])] = [
            (.i32, [0x7F]), (.i64, [0x7E]), (.f32, [0x7D]), (.f64, [0x7C]),
            (.funcref, [0x70]), (.externref, [0x6F]), (.anyref, [0x6E]), (.eqref, [0x6D]), (.i31ref, [0x6C]),
            (.structref, [0x6B]), (.arrayref, [0x6A]), (.ref(.nullref), [0x71]),
            (.ref(RefType(nullable: true, .nofunc)), [0x73]), (.ref(RefType(nullable: true, .noextern)), [0x72]),
            (.ref(.func, nullable: false), [0x64, 0x70]), (.ref(.any, nullable: false), [0x64, 0x6E]),
            (.ref(.index(3)), [0x64, 0x03]), (.ref(null: .index(3)), [0x63, 0x03]),
            (.ref(.index(64)), [0x64, 0xC0, 0x00]), // s33: 64 needs a second byte
            (.ref(null: .index(300)), [0x63, 0xAC, 0x02]),
        ]
        for (t, expected) in valTypes {
            XCTAssertEqual(try bytes { try $0.valType(t) }, expected, "\(t)")
        }
        let composites: [(CompositeType, [UInt8])] = [
            (.func(FuncType([.i32, .i64], [.f64])), [0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7C]),
            (.func(FuncType()), [0x60, 0x00, 0x00]),
            (.struct([FieldType(.i64, mutable: true), FieldType(.i8)]), [0x5F, 0x02, 0x7E, 0x01, 0x78, 0x00]),
            (.struct([FieldType(.i16, mutable: true), FieldType(.ref(null: .index(0)))]), [0x5F, 0x02, 0x77, 0x01, 0x63, 0x00, 0x00]),
            (.array(FieldType(.i8, mutable: true)), [0x5E, 0x78, 0x01]),
            (.array(FieldType(.anyref)), [0x5E, 0x6E, 0x00]),
        ]
        for (c, expected) in composites {
            XCTAssertEqual(try bytes { try $0.compositeType(c) }, expected, "\(c)")
        }
        let s = CompositeType.struct([])
        let subs: [(SubType, [UInt8])] = [
            (SubType(s), [0x5F, 0x00]), // final without supertype: the bare composite
            (SubType(final: false, s), [0x50, 0x00, 0x5F, 0x00]),
            (SubType(final: false, supertypes: [0], s), [0x50, 0x01, 0x00, 0x5F, 0x00]),
            (SubType(final: true, supertypes: [2], s), [0x4F, 0x01, 0x02, 0x5F, 0x00]),
        ]
        for (t, expected) in subs {
            XCTAssertEqual(try bytes { try $0.subType(t) }, expected, "\(t)")
        }
        XCTAssertEqual(try bytes { try $0.recGroup(RecGroup([SubType(s)])) }, [0x5F, 0x00])
        XCTAssertEqual(try bytes { try $0.recGroup(RecGroup([SubType(s)], explicitRec: true)) }, [0x4E, 0x01, 0x5F, 0x00])
        XCTAssertEqual(try bytes { try $0.recGroup(RecGroup([SubType(final: false, s), SubType(final: true, supertypes: [0], s)])) },
                       [0x4E, 0x02, 0x50, 0x00, 0x5F, 0x00, 0x4F, 0x01, 0x00, 0x5F, 0x00])
        XCTAssertEqual(try bytes { try $0.recGroup(RecGroup([])) }, [0x4E, 0x00])
        XCTAssertEqual(bytes { $0.limits(Limits(min: 1)) }, [0x00, 0x01])
        XCTAssertEqual(bytes { $0.limits(Limits(min: 1, max: 2)) }, [0x01, 0x01, 0x02])
        XCTAssertEqual(bytes { $0.limits(Limits(min: 1, max: 2, shared: true)) }, [0x03, 0x01, 0x02])
        XCTAssertEqual(try bytes { try $0.tableType(TableType(.funcref, Limits(min: 0))) }, [0x70, 0x00, 0x00])
        XCTAssertEqual(try bytes { try $0.globalType(GlobalType(.i64, mutable: true)) }, [0x7E, 0x01])
        XCTAssertEqual(try bytes { try $0.blockType(.empty) }, [0x40])
        XCTAssertEqual(try bytes { try $0.blockType(.value(.i32)) }, [0x7F])
        XCTAssertEqual(try bytes { try $0.blockType(.type(5)) }, [0x05])
    }

    func testInstructionEncodings() throws {
        let cases: [(Instruction, [UInt8])] = [
            (Instruction(.i32Add), [0x6A]),
            (.i32Const(-1), [0x41, 0x7F]),
            (.i64Const(624_485), [0x42, 0xE5, 0x8E, 0x26]),
            (.f32Const(1.5), [0x43, 0x00, 0x00, 0xC0, 0x3F]),
            (.f64Const(-0.25), [0x44, 0, 0, 0, 0, 0, 0, 0xD0, 0xBF]),
            (.localGet(3), [0x20, 0x03]),
            (.call(200), [0x10, 0xC8, 0x01]),
            (.callIndirect(1, table: 2), [0x11, 0x01, 0x02]),
            (.brTable([0, 1], default: 2), [0x0E, 0x02, 0x00, 0x01, 0x02]),
            (.memory(.i64Load, offset: 8), [0x29, 0x03, 0x08]),
            (.memory(.i32Store8, offset: 1, memory: 1), [0x3A, 0x40, 0x01, 0x01]),
            (.memorySize(), [0x3F, 0x00]),
            (.memoryCopy(), [0xFC, 0x0A, 0x00, 0x00]),
            (.memoryInit(3), [0xFC, 0x08, 0x03, 0x00]),
            (Instruction(.i64TruncSatF64U), [0xFC, 0x07]),
            (.structNew(4), [0xFB, 0x00, 0x04]),
            (.structGet(4, 1), [0xFB, 0x02, 0x04, 0x01]),
            (.arrayNewFixed(2, 3), [0xFB, 0x08, 0x02, 0x03]),
            (.arrayCopy(1, 2), [0xFB, 0x11, 0x01, 0x02]),
            (.refTest(.to(0)), [0xFB, 0x14, 0x00]),
            (.refTest(.nullable(0)), [0xFB, 0x15, 0x00]),
            (.refCast(RefType(nullable: false, .i31)), [0xFB, 0x16, 0x6C]),
            (.refCast(.eqref), [0xFB, 0x17, 0x6D]),
            (.brOnCast(0, from: .anyref, to: .to(0)), [0xFB, 0x18, 0x01, 0x00, 0x6E, 0x00]),
            (.brOnCastFail(1, from: .anyref, to: .nullable(2)), [0xFB, 0x19, 0x03, 0x01, 0x6E, 0x02]),
            (Instruction(.refI31), [0xFB, 0x1C]),
            (.refNull(.none), [0xD0, 0x71]),
            (.refNull(7), [0xD0, 0x07]),
            (.select([.i32]), [0x1C, 0x01, 0x7F]),
            (.block(.value(.i64)), [0x02, 0x7E]),
            (.returnCallRef(1), [0x15, 0x01]),
            (.brOnNonNull(0), [0xD6, 0x00]),
        ]
        for (i, expected) in cases {
            XCTAssertEqual(try bytes { try $0.instruction(i) }, expected, "\(i)")
        }
    }

    func testEncoderRejectsUnresolvedNamesAndBadImmediates() {
        XCTAssertThrowsError(try bytes { try $0.instruction(.call("f")) }) { XCTAssertEqual("\($0)", "unresolved name $f") }
        XCTAssertThrowsError(try bytes { try $0.instruction(Instruction(.call)) }) {
            XCTAssertEqual("\($0)", "call: immediate none does not fit the instruction")
        }
        XCTAssertNoThrow(try bytes { try $0.instruction(Instruction(.refTest, .heapType(.concrete(0)))) })
        XCTAssertThrowsError(try bytes { try $0.instruction(Instruction(.refTestNull, .index(0))) })
        XCTAssertThrowsError(try bytes { try $0.blockType(.inline(FuncType([.i32], [.i32]))) })
        var m = WasmModule()
        m.types = [RecGroup([SubType(.func(FuncType()))])]
        m.functions = [WasmFunction(type: 0, body: [.call("missing")])]
        XCTAssertThrowsError(try encodeWasmModule(m)) { XCTAssertEqual("\($0)", "unresolved name $missing") }
    }

    func testTableIsConsistent() {
        var encodings = Set<String>()
        for op in Op.allCases {
            let i = op.info
            XCTAssertTrue(encodings.insert("\(i.prefix).\(i.code)").inserted, "\(op): encoding used twice")
            XCTAssertEqual(Op.decode(prefix: i.prefix, code: i.code), op)
            let same = Op.named(i.name)
            XCTAssertTrue(same.contains(op))
            if same.count > 1 { XCTAssertTrue(["select", "ref.test", "ref.cast"].contains(i.name), i.name) }
        }
        // The numeric block is contiguous and immediate-free.
        for code in UInt32(0x45)...0xC4 {
            guard let op = Op.decode(prefix: 0, code: code) else { XCTFail(String(code, radix: 16)); continue }
            XCTAssertEqual(op.info.shape, .none)
        }
        XCTAssertNil(Op.decode(prefix: 0, code: 0x06)) // exception handling: not in the table
        XCTAssertNil(Op.decode(prefix: 0xFD, code: 0))  // SIMD
        // 17 control, 3 parametric, 7 variable/table, 25 memory, 4 constants, 128
        // numeric, 7 reference, 18 with 0xFC, 31 with 0xFB.
        XCTAssertEqual(Op.allCases.count, 240)
    }

    func testEmptyModule() throws {
        let empty = try encodeWasmModule(WasmModule())
        XCTAssertEqual(empty, [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
        try assertValid(empty, "empty module")
    }

    /// A hand-made module against the bytes the binary format spells out.
    func testSmallModuleBytes() throws {
        var m = WasmModule()
        m.types = [RecGroup([SubType(.func(FuncType([], [.i32])))])]
        m.functions = [WasmFunction(type: 0, locals: [.i64, .i64, .i32], body: [.i32Const(42)])]
        m.exports = [Export("answer", .function, 0)]
        let expected: [UInt8] = [
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,                    // type section
            0x03, 0x02, 0x01, 0x00,                                      // function section
            0x07, 0x0A, 0x01, 0x06, 0x61, 0x6E, 0x73, 0x77, 0x65, 0x72, 0x00, 0x00, // export "answer"
            0x0A, 0x0A, 0x01, 0x08, 0x02, 0x02, 0x7E, 0x01, 0x7F, 0x41, 0x2A, 0x0B, // code: 2 local runs
        ]
        XCTAssertEqual(try encodeWasmModule(m), expected)
        try assertValid(expected)
    }

    // MARK: Every instruction

    /// One function per op: `unreachable`, the op with sample immediates (with its
    /// `end`, or inside an `if` for `else`), `unreachable`; the polymorphic stack
    /// after `unreachable` lets every instruction validate on its own.
    static func everyInstructionModule() -> WasmModule {
        var m = WasmModule()
        // 0 struct {mut i64, mut i8}, 1 array (mut i8), 2 array (mut funcref), 3 func () -> (), 4 struct sub of nothing.
        m.types = [
            RecGroup([SubType(final: false, .struct([FieldType(.i64, mutable: true), FieldType(.i8, mutable: true)]))]),
            RecGroup([SubType(.array(FieldType(.i8, mutable: true)))]),
            RecGroup([SubType(.array(FieldType(.funcref, mutable: true)))]),
            RecGroup([SubType(.func(FuncType()))]),
        ]
        m.tables = [Table(TableType(.funcref, Limits(min: 1)))]
        m.memories = [MemoryType(Limits(min: 1))]
        m.globals = [WasmGlobal(GlobalType(.i32, mutable: true), initializer: [.i32Const(0)])]
        m.elements = [ElementSegment(.passive, .functions([0])), ElementSegment(.declarative, .functions([0]))]
        m.data = [DataSegment(.passive, Array("data".utf8))]
        m.dataCount = 1
        var names = NameSection()
        for op in Op.allCases where op != .end {
            var body: [Instruction] = [Instruction(.unreachable)]
            body.append(contentsOf: sample(op))
            body.append(Instruction(.unreachable))
            m.functions.append(WasmFunction(type: 3, locals: [.i32], body: body))
            names.functions.append((UInt32(m.functions.count - 1), "\(op)"))
        }
        m.names = names
        return m
    }

    static func sample(_ op: Op) -> [Instruction] {
        switch op.info.shape {
        case .none:
            if op == .else { return [.if(), Instruction(.else), Instruction(.end)] }
            return [Instruction(op)]
        case .block: return [Instruction(op, .block(.empty, label: nil)), Instruction(.end)]
        case .label:
            // br_on_non_null's target must take a reference.
            if op == .brOnNonNull { return [.block(.value(.anyref)), Instruction(.unreachable), Instruction(op, .index(0)), Instruction(.end)] }
            return [Instruction(op, .index(0))]
        case .brTable: return [.brTable([0, 0], default: 0)]
        case .function: return [Instruction(op, .index(0))]
        case .callIndirect: return [Instruction(op, .indices(3, 0))]
        case .type:
            let t: Idx
            switch op {
            case .callRef, .returnCallRef: t = 3
            case .structNew, .structNewDefault: t = 0
            case .arrayGet: t = 2 // unpacked
            default: t = 1 // arrays: the packed i8 array serves every array op
            }
            return [Instruction(op, .index(t))]
        case .typeField: return [Instruction(op, .indices(0, op == .structGetS || op == .structGetU ? 1 : 0))]
        case .typeCount: return [.arrayNewFixed(1, 2)]
        case .typeData: return [Instruction(op, .indices(1, 0))]
        case .typeElem: return [Instruction(op, .indices(2, 0))]
        case .typeType: return [Instruction(op, .indices(1, 1))]
        case .local, .global, .table, .elem, .data, .memory: return [Instruction(op, .index(0))]
        case .tableTable, .elemTable, .dataMemory, .memoryMemory: return [Instruction(op, .indices(0, 0))]
        case .memarg(let natural): return [Instruction(op, .memarg(MemArg(align: natural, offset: 8)))]
        case .i32: return [.i32Const(-5)]
        case .i64: return [.i64Const(1 << 40)]
        case .f32: return [.f32Const(1.5)]
        case .f64: return [.f64Const(-0.25)]
        case .heapType: return [.refNull(.none)]
        case .refType: return [Instruction(op, .heapType(.concrete(0)))]
        case .brOnCast:
            // The label takes the target type (br_on_cast) or the source type (br_on_cast_fail).
            let label: ValType = op == .brOnCast ? .ref(0) : .anyref
            return [.block(.value(label)), Instruction(.unreachable), Instruction(op, .brOnCast(0, .anyref, .to(0))), Instruction(.unreachable), Instruction(.end)]
        case .valTypes: return [.select([.i32])]
        }
    }

    func testEveryInstructionValidatesAndPrintsWithItsName() throws {
        let bytes = try encodeWasmModule(EncoderTests.everyInstructionModule())
        try assertValid(bytes, "every-instruction module")
        let text = try Tools.print(bytes)
        // Each function's instructions, as wasm-tools prints them, are the sample's.
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var checked = 0
        for op in Op.allCases where op != .end {
            guard let k = lines.firstIndex(where: { $0.hasPrefix("(func $\(op) ") }) else { XCTFail("no function $\(op)"); continue }
            var j = k + 1
            while j < lines.count, lines[j].hasPrefix("(local") { j += 1 }
            let expected = ["unreachable"] + EncoderTests.sample(op).map(\.op.info.name) + ["unreachable"]
            let printed = lines[j..<min(lines.count, j + expected.count)].map { String($0.prefix { $0 != " " }) }
            XCTAssertEqual(printed, expected, "\(op)")
            checked += 1
        }
        XCTAssertEqual(checked, Op.allCases.count - 1)
        // wasm-tools reading its own printout gives our bytes back: same encoding choices.
        XCTAssertEqual(try Tools.parseWAT(text), bytes)
    }
}
