// Diagnostics of the type checker: the exact clang-style text for the main error
// kinds (undefined name, type mismatch, wrong arity, out-of-scope features), that
// several errors are reported in one run, and that no module is produced then.

import XCTest
@testable import MochiFrontend

final class CheckerTests: XCTestCase {
    func diagnose(_ text: String) -> String {
        let r = compileMochi(source: Array(text.utf8), fileName: "t.mochi")
        XCTAssertNil(r.module, "a program with errors must not produce a module")
        return r.renderedDiagnostics
    }

    func testUndefinedName() {
        XCTAssertEqual(diagnose("let x = y + 1\n"), """
            t.mochi:1:9: error: undefined name 'y'
            let x = y + 1
                    ^

            """)
    }

    func testTypeMismatch() {
        XCTAssertEqual(diagnose("let s: string = 5\n"), """
            t.mochi:1:17: error: type mismatch: expected string, got int
            let s: string = 5
                            ^

            """)
    }

    func testArgumentTypeMismatch() {
        let out = diagnose("fun f(x: int): int { return x }\nprint(f(\"a\"))\n")
        XCTAssertTrue(out.hasPrefix("t.mochi:2:9: error: type mismatch: expected int, got string\n"), out)
    }

    func testWrongArity() {
        XCTAssertEqual(diagnose("print(len(\"a\", \"b\"))\n"), """
            t.mochi:1:10: error: wrong number of arguments to 'len': expected 1, got 2
            print(len("a", "b"))
                     ^

            """)
    }

    func testOutOfScopeFeatures() {
        let out = diagnose("let t = now()\nfetch \"http://x\" into z\nimport go \"strings\" as strings\n")
        XCTAssertTrue(out.contains("t.mochi:1:12: error: out of scope: now() (the clock) (not supported by this compiler, LANGUAGE.md §10)"), out)
        XCTAssertTrue(out.contains("t.mochi:2:1: error: out of scope: fetch (not supported by this compiler, LANGUAGE.md §10)"), out)
        XCTAssertTrue(out.contains("error: out of scope: import of go package \"strings\"; only the math library can be imported (not supported by this compiler, LANGUAGE.md §10)"), out)
    }

    func testBenchIsOutOfScope() {
        let out = diagnose("bench \"b\" { print(1) }\n")
        XCTAssertTrue(out.hasPrefix("t.mochi:1:1: error: out of scope: bench blocks (not supported by this compiler, LANGUAGE.md §10)"), out)
    }

    func testSeveralErrorsAreReported() {
        let out = diagnose("let a = b\nlet c: int = \"x\"\nprint(d)\n")
        XCTAssertEqual(out.components(separatedBy: ": error: ").count - 1, 3, out)
    }

    func testUnknownFieldAndType() {
        let out = diagnose("type P { x: int }\nlet p = P { x: 1 }\nprint(p.z)\nlet q: Q = p\n")
        XCTAssertTrue(out.contains("t.mochi:3:9: error: type P has no field 'z'"), out)
        XCTAssertTrue(out.contains("t.mochi:4:8: error: unknown type 'Q'"), out)
    }

    func testMathLibraryIsAccepted() {
        let src = "import python \"math\" as math\nextern fun math.sqrt(x: float): float\nprint(math.sqrt(2.0) + math.pi)\n"
        let r = compileMochi(source: Array(src.utf8), fileName: "t.mochi")
        XCTAssertNotNil(r.module, r.renderedDiagnostics)
    }
}
