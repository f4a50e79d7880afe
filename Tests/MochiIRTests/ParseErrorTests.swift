// Text parser error paths: each malformed input gives exactly one `line:col: message`.

import XCTest
@testable import MochiIR

final class ParseErrorTests: XCTestCase {
    func check(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try parseModule(text)
            XCTFail("parsed: \(text)", file: file, line: line)
        } catch let e as IRParseError {
            XCTAssertEqual(e.description, expected, file: file, line: line)
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }

    let fHead = "mochi-ir 1\nfunc @f(v0: i64) -> i64 {\nb0(v0: i64):\n"

    func testErrors() {
        check("", "1:1: expected 'mochi-ir 1' header, found end of input")
        check("mochi-ir 2\n", "1:10: unsupported IR version 2")
        check("mochi-ir 1 x\n", "1:12: expected end of line, found 'x'")
        check("mochi-ir 1\nfoo\n", "2:1: expected 'type', 'global' or 'func', found 'foo'")
        check("mochi-ir 1\nglobal @g: lisst<i64>\n", "2:12: expected a type, found 'lisst'")
        check("mochi-ir 1\nglobal @g: list<i64\n", "2:20: expected '>', found end of line")
        check("mochi-ir 1\ntype %P = class {}\n", "2:11: expected 'struct' or 'union', found 'class'")
        check("mochi-ir 1\nsource \"a\nb\"\n", "2:8: unterminated string")
        check("mochi-ir 1\nsource \"\\q\"\n", "2:9: unknown escape in string")
        check("mochi-ir 1\nsource \"\\xc3\"\n", "2:8: string is not valid UTF-8")
        check(fHead + "  v1: i64 = iadd v0, v9\n  ret v1\n}\n", "4:22: undefined value v9")
        check(fHead + "  v1: i64 = frob v0\n  ret v1\n}\n", "4:13: unknown opcode 'frob'")
        check(fHead + "  v0: i64 = iconst 1\n  ret v0\n}\n", "4:3: value v0 defined twice")
        check(fHead + "  jump b7\n}\n", "4:8: undefined block b7")
        check(fHead + "  v1: i64 = iconst 1\n}\n", "5:1: block b0 has no terminator")
        check(fHead + "  v1: i64 = iconst 1\nb1:\n  ret v1\n}\n", "5:1: block b0 has no terminator")
        check(fHead + "  ret v0\nb0:\n  ret v0\n}\n", "5:1: block b0 defined twice")
        check(fHead + "  ret v0\n", "5:1: unexpected end of input in function @f")
        check(fHead + "  v1: i64 = iconst 99999999999999999999\n", "4:20: number too large")
        check(fHead + "  v1: f64 = fconst 1.2.3\n", "4:20: malformed float '1.2.3'")
        check(fHead + "  v1: bool = icmp lq v0, v0\n", "4:19: expected a condition (eq ne lt le gt ge), found 'lq'")
        check(fHead + "  ret v0 !3\n}\n", "4:12: expected ':' in location, found end of line")
        check(fHead + "  v1: % = iconst 1\n", "4:9: expected a type name, found '='")
        check(fHead + "  v1: i64 = field.get %Q.x, v0\n  ret v1\n}\n", "4:23: unknown type %Q")
        check("mochi-ir 1\ntype %U = union { A() }\n" + fHead.dropFirst(11) + "  v1: i64 = field.get %U.x, v0\n  ret v1\n}\n",
              "5:23: %U is a union: expected %U.VARIANT.FIELD")
        let deep = String(repeating: "list<", count: 70) + "i64" + String(repeating: ">", count: 70)
        check("mochi-ir 1\nglobal @g: \(deep)\n", "2:332: type nested too deeply")
    }
}
