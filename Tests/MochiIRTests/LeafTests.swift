// Table-style tests of the leaf encodings: LEB128 and zigzag, float spellings,
// string escapes, and the opcode table's own consistency.

import XCTest
@testable import MochiIR

final class LeafTests: XCTestCase {
    func testUnsignedLEB128() {
        let cases: [(UInt64, [UInt8])] = [
            (0, [0x00]), (1, [0x01]), (127, [0x7f]), (128, [0x80, 0x01]), (300, [0xac, 0x02]),
            (16384, [0x80, 0x80, 0x01]), (UInt64(UInt32.max), [0xff, 0xff, 0xff, 0xff, 0x0f]),
            (UInt64.max, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
        ]
        for (v, bytes) in cases {
            XCTAssertEqual(LEB128.encodeUnsigned(v), bytes, "encode \(v)")
            let d = LEB128.decodeUnsigned(bytes, at: 0)
            XCTAssertEqual(d?.0, v, "decode \(bytes)")
            XCTAssertEqual(d?.1, bytes.count)
        }
        // Truncated, and more than 64 bits.
        XCTAssertNil(LEB128.decodeUnsigned([0x80], at: 0))
        XCTAssertNil(LEB128.decodeUnsigned([], at: 0))
        XCTAssertNil(LEB128.decodeUnsigned([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02], at: 0))
        XCTAssertNil(LEB128.decodeUnsigned([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], at: 0))
        XCTAssertNil(LEB128.decodeUnsigned([0x80, 0x01], at: 0, end: 1))
    }

    func testZigzag() {
        let cases: [(Int64, UInt64)] = [(0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4), (63, 126), (-64, 127),
                                        (Int64.max, UInt64.max - 1), (Int64.min, UInt64.max)]
        for (s, u) in cases {
            XCTAssertEqual(LEB128.zigzag(s), u, "zigzag \(s)")
            XCTAssertEqual(LEB128.unzigzag(u), s, "unzigzag \(u)")
        }
    }

    func testFloatSpellings() {
        let cases: [(Double, String)] = [
            (0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (-2.5, "-2.5"), (0.1, "0.1"), (1e300, "1e+300"),
            (Double(bitPattern: 1), "5e-324"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"), (1e16, "1e+16"),
            (100, "100.0"), (123456.789, "123456.789"),
        ]
        for (d, text) in cases {
            XCTAssertEqual(IRLex.formatFloat(bits: d.bitPattern), text, "format \(d)")
            XCTAssertEqual(IRLex.parseFloat(ArraySlice(text.utf8)), d.bitPattern, "parse \(text)")
        }
        XCTAssertEqual(IRLex.formatFloat(bits: 0xFFF8_0000_0000_0001), "nan(0xfff8000000000001)")
        XCTAssertEqual(IRLex.parseFloat(ArraySlice("nan(0xfff8000000000001)".utf8)), 0xFFF8_0000_0000_0001)
    }

    func testFloatRoundTripsBitExact() {
        var rng = SplitMix64(seed: 7)
        var values = Fixtures.specialFloats.map(\.bitPattern)
        for _ in 0..<2000 { values.append(rng.next()) }
        for bits in values {
            let text = IRLex.formatFloat(bits: bits)
            let d = Double(bitPattern: bits)
            if !d.isNaN && !d.isInfinite {
                XCTAssertTrue(text.contains(".") || text.contains("e"), text)
            }
            XCTAssertEqual(IRLex.parseFloat(ArraySlice(text.utf8)), bits, text)
        }
    }

    func testMalformedFloats() {
        for bad in ["", "-", ".5", "1.", "1e", "1e+", "0x10", "nan(0x1)", "nan(0x0000000000000000)", "infinity", "1.0.0", "--1"] {
            XCTAssertNil(IRLex.parseFloat(ArraySlice(bad.utf8)), bad)
        }
        XCTAssertEqual(IRLex.parseFloat(ArraySlice("2".utf8)), (2.0).bitPattern)
    }

    func testStringEscapes() {
        let cases: [(String, String)] = [
            ("", "\"\""), ("abc", "\"abc\""), ("a\nb", "\"a\\nb\""), ("\t\r", "\"\\t\\r\""),
            ("q\"b\\", "\"q\\\"b\\\\\""), ("\u{0}\u{1f}\u{7f}", "\"\\x00\\x1f\\x7f\""), ("é", "\"\\xc3\\xa9\""),
        ]
        for (s, text) in cases {
            var out: [UInt8] = []
            IRLex.appendQuoted(s, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), text)
            var p = TextParser(Array(text.utf8))
            XCTAssertEqual(try p.string(), s)
        }
    }

    func testNameQuoting() {
        XCTAssertTrue(IRLex.isPlainName("List.map"))
        XCTAssertFalse(IRLex.isPlainComponent("List.map"))
        XCTAssertTrue(IRLex.isPlainComponent("_x$1"))
        XCTAssertFalse(IRLex.isPlainName("1x"))
        XCTAssertFalse(IRLex.isPlainName(""))
        XCTAssertFalse(IRLex.isPlainName("a b"))
    }

    func testEveryOpcodeHasAParseableSignatureAndAUniqueName() {
        var names: Set<String> = []
        for op in Opcode.allCases {
            let info = op.info
            XCTAssertTrue(names.insert(info.name).inserted, "duplicate opcode name \(info.name)")
            XCTAssertEqual(Opcode.byName[info.name], op)
            XCTAssertFalse(["jump", "brif", "ret", "unreachable"].contains(info.name), "\(info.name) collides with a terminator")
            if info.signature == "custom" {
                XCTAssertNil(op.signature)
            } else {
                XCTAssertNotNil(Signature.parse(info.signature), "\(info.name): \(info.signature)")
                XCTAssertNotNil(op.signature)
            }
            XCTAssertFalse(info.doc.isEmpty, info.name)
        }
        XCTAssertEqual(names.count, Opcode.allCases.count)
    }
}

/// A small deterministic random generator for tests.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

final class DocsTests: XCTestCase {
    /// docs/IR.md carries the generated opcode table; it must list every opcode with
    /// its current signature (regenerate with `mochi-objdump --ops`).
    func testDocsListEveryOpcode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/IR.md"), encoding: .utf8)
        for op in Opcode.allCases {
            XCTAssertTrue(doc.contains("| \(op.info.name) | \(op.info.signature) |"), "docs/IR.md lacks \(op.info.name)")
        }
    }
}
