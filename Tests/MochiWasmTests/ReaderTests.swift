// The reader: modules produced by wasm-tools from the WAT samples read and encode back
// to the same bytes (it keeps everything: rec prefixes, element forms, custom
// section placement, names); the disassembly of each reads back through our
// assembler to the same bytes; malformed inputs give the exact error and offset.

import XCTest
@testable import MochiWasm

final class ReaderTests: XCTestCase {
    func roundTrip(_ bytes: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let m = try readWasmModule(bytes)
        let again = try encodeWasmModule(m)
        if again != bytes {
            let a = try Tools.write(bytes, what + ".in.wasm"), b = try Tools.write(again, what + ".out.wasm")
            XCTFail("\(what): read then encode changed the bytes (\(a) vs \(b))", file: file, line: line)
        }
    }

    func testWasmToolsOutputRoundTrips() throws {
        for (name, text) in try WATTests.samples() {
            try roundTrip(try Tools.parseWAT(text, name: name), name)
        }
    }

    func testOwnOutputRoundTrips() throws {
        try roundTrip(try encodeWasmModule(EncoderTests.everyInstructionModule()), "every-instruction")
        try roundTrip(try BuilderTests.helloWorld().encode(), "hello")
        try roundTrip(try BuilderTests.helloWorld().encode(LinkOptions(treeShake: false)), "hello-unshaken")
    }

    func testCustomSectionsKeepTheirPlace() throws {
        var m = WasmModule()
        m.types = [RecGroup([SubType(.func(FuncType()))])]
        m.functions = [WasmFunction(type: 0)]
        m.customSections = [CustomSection(name: "first", bytes: [1, 2], after: 0),
                            CustomSection(name: "after-types", bytes: [], after: 1),
                            CustomSection(name: "name", bytes: [], after: 10),
                            CustomSection(name: "producers", bytes: [0], after: 10)]
        var n = NameSection()
        n.functions = [(0, "f")]
        n.unknown = [(12, [7, 7])]
        m.names = n
        let bytes = try encodeWasmModule(m)
        try roundTrip(bytes, "customs")
        let back = try readWasmModule(bytes)
        XCTAssertEqual(back.customSections, m.customSections)
        XCTAssertEqual(back.names?.functions.map(\.name), ["f"])
        XCTAssertEqual(back.names?.unknown.map(\.id), [12])
        try assertValid(bytes, "customs")
    }

    /// Print, assemble, link without shaking, encode: the module we started from.
    func testDisassemblyAssemblesBack() throws {
        var inputs: [(String, [UInt8])] = []
        for (name, text) in try WATTests.samples() { inputs.append((name, try Tools.parseWAT(text, name: name))) }
        inputs.append(("every-instruction", try encodeWasmModule(EncoderTests.everyInstructionModule())))
        inputs.append(("hello", try BuilderTests.helloWorld().encode()))
        for (name, bytes) in inputs {
            let text = WATPrinter(try readWasmModule(bytes)).moduleText()
            let again: [UInt8]
            do {
                again = try encodeWasmModule(try linkWasm([try parseWAT(text, origin: name + ".printed")], options: LinkOptions(treeShake: false)))
            } catch {
                let p = try Tools.write(Array(text.utf8), name + ".printed.wat")
                XCTFail("\(name): the disassembly does not assemble (\(p)): \(error)")
                continue
            }
            if again != bytes {
                let p = try Tools.write(Array(text.utf8), name + ".printed.wat")
                let a = try Tools.write(again, name + ".reassembled.wasm")
                XCTFail("\(name): disassembled and reassembled bytes differ (\(p), \(a))")
            }
        }
    }

    func testDisassemblyShowsNames() throws {
        let text = WATPrinter(try readWasmModule(try BuilderTests.helloWorld().encode())).moduleText()
        for expected in [
            "(module $hello",
            "(type $pair (;1;) (struct (field $text (ref $bytes)) (field $count (mut i64))))",
            "(import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (;0;) (type 2)))",
            "(func $print (;2;) (type 4) (param $s (ref $bytes))",
            "    (local $i i32)",
            "    block $done",
            "      loop $copy",
            "        array.get_u $bytes",
            "    struct.get $pair $text",
            "  (export \"_start\" (func $start))",
        ] {
            XCTAssertTrue(text.contains(expected + "\n") || text.contains(expected + " "), "missing: \(expected)\n\(text)")
        }
    }

    func testSIMDIsRejectedByName() throws {
        let simd = try Tools.parseWAT("(module (func (result v128) (v128.const i32x4 1 2 3 4)))", name: "simd.wat")
        XCTAssertThrowsError(try readWasmModule(simd)) { XCTAssertEqual("\($0)", "at byte 14 (0xe): SIMD type v128 is not supported") }
        let op = try Tools.parseWAT("(module (func (drop (i32x4.splat (i32.const 1)))))", name: "simd2.wat")
        XCTAssertThrowsError(try readWasmModule(op)) { XCTAssertTrue("\($0)".hasSuffix("SIMD instruction (0xfd prefix) is not supported"), "\($0)") }
    }

    /// Hand-made malformed modules and the exact error each gives.
    func testMalformedModules() {
        let h: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        let voidType: [UInt8] = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]
        let oneFunc: [UInt8] = voidType + [0x03, 0x02, 0x01, 0x00]
        func body(_ code: [UInt8], locals: [UInt8] = [0x00]) -> [UInt8] {
            let b = locals + code
            return [0x0A, UInt8(b.count + 2), 0x01, UInt8(b.count)] + b
        }
        let cases: [([UInt8], String)] = [
            ([], "at byte 0 (0x0): not a Wasm module: 0 bytes, too short for the magic"),
            ([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], "at byte 0 (0x0): not a Wasm module (no \\0asm magic)"),
            ([0x00, 0x61, 0x73, 0x6D, 0x01], "at byte 4 (0x4): unexpected end of data reading the version"),
            ([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00], "at byte 4 (0x4): unsupported version 2 0 0 0 (expected 1 0 0 0)"),
            ([0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00], "at byte 4 (0x4): a component (layer 1), not a core module: not supported"),
            (h + [0x01], "at byte 9 (0x9): unexpected end of data reading section size"),
            (h + [0x01, 0x80, 0x80, 0x80, 0x80, 0x10], "at byte 9 (0x9): malformed WasmLEB128 reading section size (too long or out of range)"),
            (h + [0x01, 0x05, 0x01], "at byte 8 (0x8): type section size 5 exceeds the 1 bytes left"),
            (h + [0x0E, 0x00], "at byte 8 (0x8): unknown section id 14"),
            (h + [0x0D, 0x00], "at byte 8 (0x8): tag section (exception handling) is not supported"),
            (h + voidType + voidType, "at byte 14 (0xe): duplicate type section"),
            (h + [0x03, 0x01, 0x00] + voidType, "at byte 11 (0xb): type section after the function section (out of order)"),
            (h + [0x01, 0x02, 0xFF, 0x0F], "at byte 10 (0xa): rec group count 2047 exceeds the 0 bytes left"),
            (h + [0x01, 0x02, 0x01, 0x61], "at byte 10 (0xa): rec group count 1 exceeds the 1 bytes left"), // a group takes 2 bytes at least
            (h + [0x01, 0x03, 0x01, 0x50, 0x00], "at byte 13 (0xd): unexpected end of the type section reading composite type form"),
            (h + [0x01, 0x03, 0x01, 0x61, 0x00], "at byte 11 (0xb): unknown type form 0x61 (expected func 0x60, struct 0x5f, array 0x5e, sub 0x50/0x4f or rec 0x4e)"),
            (h + [0x01, 0x05, 0x01, 0x60, 0x01, 0x7B, 0x00], "at byte 13 (0xd): SIMD type v128 is not supported"),
            (h + [0x01, 0x05, 0x01, 0x5F, 0x01, 0x63, 0x05], "at byte 14 (0xe): heap type index 5 out of range (1 types)"),
            (h + [0x01, 0x05, 0x01, 0x5F, 0x01, 0x7F, 0x02], "at byte 14 (0xe): invalid mutability 0x2"),
            (h + [0x01, 0x06, 0x01, 0x50, 0x01, 0x00, 0x5F, 0x00], "at byte 13 (0xd): supertype 0 is not defined before type 0"),
            (h + [0x01, 0x04, 0x01, 0x5E, 0x7F, 0x00, 0x03, 0x02, 0x01, 0x00], "at byte 17 (0x11): function 0: type 0 is an array type, not a func type"),
            (h + voidType + [0x03, 0x02, 0x01, 0x01], "at byte 17 (0x11): function 0: type 1 out of range (1 types)"),
            (h + oneFunc, "at byte 18 (0x12): the function section declares 1 functions but there is no code section"),
            (h + oneFunc + [0x0A, 0x01, 0x00], "at byte 20 (0x14): the code section has 0 bodies but the function section declares 1 functions"),
            (h + oneFunc + body([0x01]), "at byte 24 (0x18): function 0 ends without its final end"),
            (h + oneFunc + body([0x0B, 0x01]), "at byte 24 (0x18): function 0 continues after its final end"),
            (h + oneFunc + body([0x0B], locals: [0x01, 0xD1, 0x86, 0x03, 0x7F]), "at byte 23 (0x17): more than 50000 locals"),
            (h + oneFunc + body([0x0C, 0x01, 0x0B]), "at byte 24 (0x18): br label depth 1 out of range (1 defined)"),
            (h + oneFunc + body([0x20, 0x00, 0x0B]), "at byte 24 (0x18): local 0 out of range (0 defined)"),
            (h + oneFunc + body([0x10, 0x01, 0x0B]), "at byte 24 (0x18): call function 1 out of range (1 functions)"),
            (h + oneFunc + body([0x05, 0x0B]), "at byte 23 (0x17): else without a matching if"),
            (h + oneFunc + body([0xFD, 0x0C, 0x0B]), "at byte 23 (0x17): SIMD instruction (0xfd prefix) is not supported"),
            (h + oneFunc + body([0x06, 0x40, 0x0B]), "at byte 23 (0x17): exception handling instruction 0x6 is not supported"),
            (h + oneFunc + body([0xC5, 0x0B]), "at byte 23 (0x17): unknown opcode 0xc5"),
            (h + oneFunc + body([0xFB, 0x7F, 0x0B]), "at byte 23 (0x17): unknown instruction 0xfb 127"),
            (h + oneFunc + body([0xFB, 0x02, 0x00, 0x00, 0x0B]), "at byte 25 (0x19): type 0 is a func type, not a struct type"),
            (h + oneFunc + body([0xFC, 0x09, 0x00, 0x0B]), "at byte 25 (0x19): data.drop needs a data count section"),
            (h + oneFunc + body([0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x0B]), "at byte 24 (0x18): malformed WasmLEB128 reading i32 constant (too long or out of range)"),
            (h + oneFunc + body([0x28, 0x02, 0x00, 0x0B]), "at byte 24 (0x18): i32.load: memory 0 out of range (0 memories)"),
            (h + oneFunc + body([0x02, 0x05, 0x0B, 0x0B]), "at byte 24 (0x18): block type index 5 out of range (1 types)"),
            (h + oneFunc + body([0x44, 0x00, 0x00, 0x0B]), "at byte 24 (0x18): unexpected end of function 0's body reading an f64 constant"),
            (h + [0x07, 0x05, 0x01, 0x01, 0x61, 0x00, 0x00], "at byte 14 (0xe): exported func 0 out of range (0 defined)"),
            (h + [0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x09, 0x02, 0x01, 0x61, 0x02, 0x00, 0x01, 0x61, 0x02, 0x00],
             "at byte 20 (0x14): duplicate export name \"a\""),
            (h + [0x05, 0x03, 0x01, 0x01, 0x02, 0x00, 0x61], "at byte 13 (0xd): unexpected end of the memory section reading memory maximum"),
            (h + [0x05, 0x04, 0x01, 0x01, 0x02, 0x01], "at byte 13 (0xd): memory maximum 1 below its minimum 2"),
            (h + [0x02, 0x06, 0x01, 0x01, 0xFF, 0x01, 0x61, 0x00], "at byte 12 (0xc): import module name is not valid UTF-8"),
            (h + [0x0B, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x01, 0x61], "at byte 11 (0xb): data segment for memory 0, but there are 0 memories"),
            (h + [0x05, 0x03, 0x01, 0x00, 0x01, 0x0B, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x09, 0x61], "at byte 20 (0x14): data segment length 9 exceeds the 1 bytes left"),
            (h + [0x0C, 0x01, 0x02], "at byte 11 (0xb): the data count section says 2 segments but the data section has 0"),
            (h + [0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00], "at byte 14 (0xe): 1 unread bytes at the end of the type section"),
            (h + [0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x00], "at byte 15 (0xf): unexpected end of data reading section size"),
        ]
        for (bytes, message) in cases {
            XCTAssertThrowsError(try readWasmModule(bytes), hex(bytes)) { XCTAssertEqual("\($0)", message, hex(bytes)) }
        }
    }

    func testMalformedNameSectionIsKeptRaw() throws {
        var bytes: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
        let payload: [UInt8] = [0x04, 0x6E, 0x61, 0x6D, 0x65, 0x01, 0x05, 0x09, 0x00] // function names claiming 9 entries
        bytes += [0x00, UInt8(payload.count)] + payload
        let m = try readWasmModule(bytes)
        XCTAssertNil(m.names)
        XCTAssertEqual(m.customSections, [CustomSection(name: "name", bytes: Array(payload[5...]), after: 0)])
        XCTAssertEqual(try encodeWasmModule(m), bytes)
        try assertValid(bytes, "malformed name section") // custom sections are not validated
    }

    func testAnnotationCoversEveryByte() throws {
        let bytes = try BuilderTests.helloWorld().encode()
        let (m, sections, notes, error) = annotateWasmModule(bytes)
        XCTAssertNil(error)
        XCTAssertNotNil(m)
        XCTAssertEqual(sections.map(\.name), ["type", "import", "function", "memory", "global", "export", "data count", "code", "data", "custom \"name\""])
        // A depth-0 note at the header and at each section's id byte, covering its header.
        let top = notes.filter { $0.depth == 0 }
        XCTAssertEqual(top.map(\.offset), [0] + sections.map(\.offset))
        for (n, s) in zip(top.dropFirst(), sections) { XCTAssertEqual(n.offset + n.length, s.contentOffset) }
        // Notes stay inside the file.
        for n in notes { XCTAssertTrue(n.offset >= 0 && n.length >= 0 && n.offset + n.length <= bytes.count, n.meaning) }
        XCTAssertTrue(notes.contains { $0.meaning == "call 0" && $0.depth == 2 })
    }
}
