// Diagnostics as the user sees them: source order whatever order the checker
// reported in (notes stay with their error), clang's colours only when asked,
// and the JSON lines editors read, with every string escaped.

import MochiFrontend
import XCTest

final class DiagnosticOrderTests: XCTestCase {
    func at(_ line: Int32, _ column: Int32) -> SourceLocation {
        SourceLocation(file: 0, line: line, column: column, offset: 0)
    }

    func testSortedByLineThenColumnKeepingNotes() {
        let ds = [
            Diagnostic(location: at(4, 1), message: "four"),
            Diagnostic(severity: .note, location: at(1, 1), message: "note of four"),
            Diagnostic(location: at(2, 9), message: "two-nine"),
            Diagnostic(location: at(2, 3), message: "two-three"),
            Diagnostic(location: at(2, 3), message: "two-three again"),
        ]
        XCTAssertEqual(sortedByPosition(ds).map(\.message),
                       ["two-three", "two-three again", "two-nine", "four", "note of four"])
    }

    func testTooManyErrorsNoteStaysLast() {
        var engine = DiagnosticEngine(errorLimit: 2)
        engine.error("late", at: at(9, 1))
        engine.error("early", at: at(1, 1))
        XCTAssertEqual(sortedByPosition(engine.diagnostics).map(\.message),
                       ["early", "late", "too many errors, stopping"])
    }

    func testCheckerOrderBecomesSourceOrder() {
        // The checker reaches f's body (line 2) after the top-level statements
        // (lines 4 and 5), and reported in that order; the result reads top to bottom.
        let src = "fun f(): int {\n  return \"s\"\n}\nlet a: int = \"x\"\nprint(y)\n"
        let r = compileMochi(source: Array(src.utf8), fileName: "t.mochi")
        XCTAssertEqual(r.diagnostics.map(\.location.line), [2, 4, 5])
        XCTAssertEqual(r.renderedDiagnostics.split(separator: "\n").filter { $0.hasPrefix("t.mochi:") }
                        .map { $0.split(separator: ":")[1] }, ["2", "4", "5"])
    }

    func testColourOnlyWhenAsked() {
        let file = SourceFile(path: "f.mochi", bytes: Array("print(y)\n".utf8))
        let d = Diagnostic(location: at(1, 7), message: "undefined name 'y'")
        XCTAssertEqual(render(d, file: file), "f.mochi:1:7: error: undefined name 'y'\nprint(y)\n      ^\n")
        let c = render(d, file: file, color: true)
        XCTAssertTrue(c.hasPrefix("\u{1B}[1mf.mochi:1:7: \u{1B}[0m\u{1B}[1;31merror:\u{1B}[0m "))
        XCTAssertTrue(c.hasSuffix("      \u{1B}[1;32m^\u{1B}[0m\n"))
    }

    func testJSONLineEscapesStrings() {
        let file = SourceFile(path: "dir/\"q\"\\f.mochi", bytes: [])
        let d = Diagnostic(location: at(3, 5), message: "tab\there \"quoted\" back\\slash\nnew\u{01}é", code: "P042")
        XCTAssertEqual(renderJSON(d, file: file),
                       #"{"file":"dir/\"q\"\\f.mochi","line":3,"column":5,"severity":"error","#
                       + #""message":"tab\there \"quoted\" back\\slash\nnew\u0001é","code":"P042"}"# + "\n")
        let w = Diagnostic(severity: .warning, location: at(1, 1), message: "w")
        XCTAssertEqual(renderJSON(w, file: SourceFile(path: "a", bytes: [])),
                       #"{"file":"a","line":1,"column":1,"severity":"warning","message":"w"}"# + "\n")
    }
}
