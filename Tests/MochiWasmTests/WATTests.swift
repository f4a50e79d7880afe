// The WAT assembler against wasm-tools: each sample under tests/wasm (together they
// cover every section and GC feature) assembled by us (parse, link without tree
// shaking, encode) must give exactly the bytes `wasm-tools parse` gives, name section
// included. Then literal parsing in table form, and the error messages with their
// line:column.

import XCTest
@testable import MochiWasm

final class WATTests: XCTestCase {
    static let samplesDir = Tools.root + "/tests/wasm"

    static func samples() throws -> [(String, String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: samplesDir).filter { $0.hasSuffix(".wat") }.sorted()
        return try names.map { ($0, try String(contentsOfFile: samplesDir + "/" + $0, encoding: .utf8)) }
    }

    static func assemble(_ text: String, origin: String) throws -> [UInt8] {
        let sym = try parseWAT(text, origin: origin)
        return try encodeWasmModule(try linkWasm([sym], options: LinkOptions(treeShake: false)))
    }

    func testSamplesAssembleToWasmToolsBytes() throws {
        let samples = try WATTests.samples()
        XCTAssertGreaterThanOrEqual(samples.count, 6)
        for (name, text) in samples {
            let ours = try WATTests.assemble(text, origin: name)
            let theirs = try Tools.parseWAT(text, name: name)
            if ours != theirs {
                let a = try Tools.write(ours, name + ".ours.wasm"), b = try Tools.write(theirs, name + ".theirs.wasm")
                XCTFail("\(name): our bytes differ from wasm-tools' (compare \(a) and \(b))")
            }
            try assertValid(ours, name)
        }
    }

    func testSamplesRunOrValidate() throws {
        let text = try String(contentsOfFile: WATTests.samplesDir + "/wasi_hello.wat", encoding: .utf8)
        let path = try Tools.write(try WATTests.assemble(text, origin: "wasi_hello.wat"), "wasi_hello.wasm")
        let r = try Tools.run(try Tools.requireWasmtime(), ["run", path])
        XCTAssertEqual(r.stdout, "hello, wat\n")
        XCTAssertEqual(r.status, 0)
        let n = try Tools.run(try Tools.requireNode(), [Tools.root + "/scripts/wasi-node.mjs", path])
        XCTAssertEqual(n.stdout, "hello, wat\n")
        XCTAssertEqual(n.status, 0)
    }

    func testIntegerLiterals() {
        let cases: [(String, Int, UInt64?)] = [
            ("0", 32, 0), ("-1", 32, 0xFFFF_FFFF), ("0xffff_ffff", 32, 0xFFFF_FFFF), ("4294967296", 32, nil),
            ("-2147483648", 32, 0x8000_0000), ("-2147483649", 32, nil), ("+7", 32, 7), ("1_000", 32, 1000),
            ("1__0", 32, nil), ("_1", 32, nil), ("1_", 32, nil), ("0x", 32, nil), ("0x_1", 32, nil), ("12a", 32, nil),
            ("18446744073709551615", 64, .max), ("-9223372036854775808", 64, 0x8000_0000_0000_0000),
            ("18446744073709551616", 64, nil), ("-0x8000000000000001", 64, nil), ("", 32, nil), ("-", 32, nil),
        ]
        for (text, bits, expected) in cases {
            XCTAssertEqual(parseIntBits(text, bits: bits), expected, text)
        }
    }

    func testFloatLiterals() {
        let f32: [(String, UInt32?)] = [
            ("0", 0), ("-0", 0x8000_0000), ("1.5", 0x3FC0_0000), ("0x1p-149", 1), ("inf", 0x7F80_0000), ("-inf", 0xFF80_0000),
            ("nan", 0x7FC0_0000), ("-nan", 0xFFC0_0000), ("nan:0x1", 0x7F80_0001), ("nan:0x7fffff", 0x7FFF_FFFF),
            ("nan:0x800000", nil), ("nan:0x0", nil), ("1e39", nil), ("0x1.fffffep127", 0x7F7F_FFFF),
            ("3.4028235e38", 0x7F7F_FFFF), ("1_0.2_5", 0x4124_0000), ("0x1.8", 0x3FC0_0000), ("1.", 0x3F80_0000),
            ("1e", nil), (".5", nil), ("1._5", nil), ("0x1p", nil), ("infinity", nil),
            // Rounding is to nearest even, directly to f32 (not through f64).
            ("16777217", 0x4B80_0000), ("16777219", 0x4B80_0002),
        ]
        for (text, expected) in f32 {
            XCTAssertEqual(parseFloatBits(text, bits: 32).map { UInt32($0) }, expected, text)
        }
        let f64: [(String, UInt64?)] = [
            ("0.1", 0x3FB9_9999_9999_999A), ("-0x1.8p-3", 0xBFC8_0000_0000_0000), ("4.9e-324", 1),
            ("nan:0xfffffffffffff", 0x7FFF_FFFF_FFFF_FFFF), ("nan:0x10000000000000", nil), ("1e309", nil),
            ("123456789", 0x419D_6F34_5400_0000), ("0x10", 0x4030_0000_0000_0000),
        ]
        for (text, expected) in f64 {
            XCTAssertEqual(parseFloatBits(text, bits: 64), expected, text)
        }
    }

    func testFoldedAndFlatFormsAgree() throws {
        let folded = "(module (func (param $a i64) (param $b i64) (result i64) (i64.add (local.get $a) (i64.mul (local.get $b) (i64.const 3)))))"
        let flat = "(module (func (param $a i64) (param $b i64) (result i64) local.get $a local.get $b i64.const 3 i64.mul i64.add))"
        XCTAssertEqual(try WATTests.assemble(folded, origin: "a"), try WATTests.assemble(flat, origin: "b"))
        let ifFolded = "(func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))"
        let ifFlat = "(func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 else i32.const 2 end)"
        XCTAssertEqual(try WATTests.assemble(ifFolded, origin: "a"), try WATTests.assemble(ifFlat, origin: "b"))
        try assertValid(try WATTests.assemble(folded, origin: "a"), "folded")
        try assertValid(try WATTests.assemble(ifFolded, origin: "a"), "folded if")
    }

    func testFragmentsLinkWithTheBuilder() throws {
        let runtime = """
        ;; a runtime fragment: what the program does not use is dropped
        (type $str (array (mut i8)))
        (func $str_len (param $s (ref $str)) (result i32) (array.len (local.get $s)))
        (func $str_unused (param $s (ref $str)) (result i32) (call $str_len (local.get $s)))
        """
        let b = WasmModuleBuilder()
        let str = b.addArray("str", FieldType(.i8, mutable: true))
        let main = b.addFunction("main", results: [.i32])
        main.i32Const(4); main.emit(.arrayNewDefault(str)); main.call("str_len")
        b.exportFunction("main", "main")
        try b.merge(wat: runtime, origin: "runtime.wat")
        let m = try b.link()
        XCTAssertEqual(m.names?.functions.map(\.name), ["main", "str_len"])
        XCTAssertEqual(m.types.count, 3) // $str, () -> i32, (ref $str) -> i32
        try assertValid(try encodeWasmModule(m), "fragments")
    }

    func testErrorsHaveLineAndColumn() {
        let cases: [(String, String)] = [
            ("(module (func i32.ad))", "t.wat:1:15: error: unknown instruction 'i32.ad'"),
            ("(module\n  (func\n    (local.get)))", "t.wat:3:5: error: expected a local index or $name"),
            ("(module (func (i32.const 0x1_0000_0000)))", "t.wat:1:26: error: invalid i32 literal '0x1_0000_0000'"),
            ("(module (type $t (struct (field i33))))", "t.wat:1:33: error: expected a value type, found 'i33'"),
            ("(module (func (param v128)))", "t.wat:1:22: error: SIMD type v128 is not supported"),
            ("(module (func i8x16.add))", "t.wat:1:15: error: SIMD instruction 'i8x16.add' is not supported"),
            ("(module (func)", "t.wat:1:1: error: '(' is never closed"),
            ("(module))", "t.wat:1:9: error: unexpected ')'"),
            ("(module (data \"abc))", "t.wat:1:15: error: unterminated string"),
            ("(module (data \"\\q\"))", "t.wat:1:16: error: unknown escape '\\q'"),
            ("(module (frob))", "t.wat:1:9: error: unknown module field 'frob'"),
            ("(module (func) (import \"a\" \"b\" (func)))", "t.wat:1:32: error: import after a function definition (imports come first)"),
            ("(module (func (result i32) (if (i32.const 1) (i32.const 2))))", "t.wat:1:28: error: expected (then ...) in a folded if"),
            ("(module (memory 1 2 3))", "t.wat:1:21: error: unexpected '3' in (memory ...)"),
            ("(module (func (export \"a\" \"b\")))", "t.wat:1:27: error: unexpected string in (export ...)"),
            ("(module (func (i32.load align=3 (i32.const 0))))", "t.wat:1:16: error: malformed alignment 'align=3' (a power of two)"),
            ("(; never closed", "t.wat:1:1: error: unterminated block comment"),
            (String(repeating: "(", count: 1200), "t.wat:1:1001: error: nesting deeper than 1000 levels"),
            ("(module (func (block $l (br $m))))", "t.wat: function #0: unknown label $m"),
            ("(module (func (f64.const 1e400)))", "t.wat:1:26: error: invalid f64 literal '1e400'"),
            ("(module (func (f32.const)))", "t.wat:1:15: error: expected an f32 literal"),
        ]
        for (text, expected) in cases {
            do {
                _ = try WATTests.assemble(text, origin: "t.wat")
                XCTFail("accepted: \(text)")
            } catch {
                XCTAssertEqual("\(error)", expected, text.count > 80 ? String(text.prefix(80)) : text)
            }
        }
    }
}
