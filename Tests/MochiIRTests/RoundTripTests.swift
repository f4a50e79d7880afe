// Round trips through both encodings: print -> parse -> print is the identity,
// encode -> decode -> print gives the same text, and every fixture verifies clean.

import XCTest
@testable import MochiIR

final class RoundTripTests: XCTestCase {
    func assertVerifies(_ m: Module, file: StaticString = #filePath, line: UInt = #line) {
        let errors = verify(m)
        XCTAssertEqual(errors.map(\.description), [], file: file, line: line)
    }

    func testEverythingModuleVerifies() {
        assertVerifies(Fixtures.everything())
    }

    func testTextRoundTrip() throws {
        let m = Fixtures.everything()
        let text = printModule(m)
        let parsed = try parseModule(text)
        XCTAssertEqual(printModule(parsed), text)
        assertVerifies(parsed)
        // Parsed modules are numbered densely in definition order.
        for f in parsed.functions {
            XCTAssertEqual(f.valueTypes.count, CanonicalNumbering(f).definedValues)
        }
    }

    func testBinaryRoundTrip() throws {
        let m = Fixtures.everything()
        let text = printModule(m)
        let bin = encodeBinary(m)
        XCTAssertTrue(bin.starts(with: Array("MIRB".utf8)))
        let decoded = try decodeBinary(bin)
        XCTAssertEqual(printModule(decoded), text)
        assertVerifies(decoded)
        XCTAssertEqual(encodeBinary(decoded), bin, "encoding is canonical")
        XCTAssertEqual(encodeBinary(try parseModule(text)), bin, "text -> binary equals model -> binary")
        XCTAssertLessThan(bin.count, text.utf8.count)
    }

    func testReadModuleDetectsEncoding() throws {
        let m = Fixtures.everything()
        let text = printModule(m)
        XCTAssertEqual(printModule(try readModule(bytes: Array(text.utf8))), text)
        XCTAssertEqual(printModule(try readModule(bytes: encodeBinary(m))), text)
    }

    func testDocExampleIsCanonical() throws {
        let m = try parseModule(Fixtures.docExample)
        XCTAssertEqual(printModule(m), Fixtures.docExample)
        assertVerifies(m)
        XCTAssertEqual(printModule(try decodeBinary(encodeBinary(m))), Fixtures.docExample)
    }

    func testFloatConstantsSurviveBitExact() throws {
        let m = Module()
        m.functions = [Fixtures.floats()]
        for decoded in [try parseModule(printModule(m)), try decodeBinary(encodeBinary(m))] {
            let want = m.functions[0].insts.map(\.imm)
            XCTAssertEqual(decoded.functions[0].insts.map(\.imm), want)
        }
    }

    func testForwardReferenceAcrossLayout() throws {
        let m = Module()
        m.functions = [Fixtures.forward()]
        let text = printModule(m)
        XCTAssertEqual(text, """
        mochi-ir 1

        func @forward() -> i64 {
        b0:
          jump b2
        b1:
          ret v0
        b2:
          v0: i64 = iconst 42
          jump b1
        }

        """)
        let parsed = try parseModule(text)
        assertVerifies(parsed)
        XCTAssertEqual(printModule(parsed), text)
    }

    func testNonCanonicalInputIsCanonicalised() throws {
        let messy = """
        ; a comment before the header
        mochi-ir 1   ; trailing comment

        func @f(v7: i64) -> i64 {   ; names are free-form
        b5(v7: i64):
          v9: i64 = iadd v7,v7
          v3: bool = icmp lt, v9, v7
          brif v3, b2(v9), b2(v7)
        b2(v1: i64):
          ret v1
        }
        """
        let m = try parseModule(messy)
        XCTAssertEqual(printModule(m), """
        mochi-ir 1

        func @f(v0: i64) -> i64 {
        b0(v0: i64):
          v1: i64 = iadd v0, v0
          v2: bool = icmp lt v1, v0
          brif v2, b1(v1), b1(v0)
        b1(v3: i64):
          ret v3
        }

        """)
        assertVerifies(m)
    }

    func testFieldImmediatesAndQuotedNames() throws {
        let text = printModule(Fixtures.everything())
        XCTAssertTrue(text.contains("type %\"odd type\" = struct { \"a.b\": map<str, list<fn(i64, %P) -> any>> }\n"))
        XCTAssertTrue(text.contains("field.get %\"odd type\".\"a.b\", v10"))
        XCTAssertTrue(text.contains("field.get %T.Node.value, v"))
        XCTAssertTrue(text.contains("variant.new %T.Leaf !"))
        XCTAssertTrue(text.contains("global @my.global: list<str>\n"))
        XCTAssertTrue(text.contains("global @\"weird name!\": unit\n"))
        XCTAssertTrue(text.contains("type %Never = union {}\n"))
        XCTAssertTrue(text.contains("type %Empty = struct {}\n"))
    }

    func testPrinterSurvivesMalformedModules() {
        let f = Function(name: "bad", paramTypes: [], returnType: .unit)
        let b = f.makeBlock()
        f.layout = [b, b, Block(99)]
        f.blocks[0].insts = [InstID(5)]
        f.blocks[0].terminator = .jump(BlockCall(Block(7), [Value(3), Value(-1)]))
        let m = Module()
        m.functions = [f]
        let text = printModule(m)
        XCTAssertTrue(text.contains("jump b1(v0, v1)"), text)
        XCTAssertThrowsError(try parseModule(text))
        _ = encodeBinary(m)
        XCTAssertFalse(verify(m).isEmpty)
    }
}
