// String building: `s = s + t` in a loop that never reads s becomes a list of the
// pieces joined once after the loop, and every loop where that could show is left
// alone: the string read inside the loop (its length in the condition, printed in
// the body), a piece that may be null (a parameter), the string entering the loop
// possibly null, two back edges, a prepend, `s + s`, the new string used besides the
// back edge, and an exit block also reached from outside the loop.

import MochiIR
import MochiPasses
import XCTest

final class StringBuildTests: XCTestCase {
    private func run(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws -> (Bool, Module) {
        let m = try parseModule("mochi-ir 1\n" + body)
        XCTAssertEqual(verify(m).map(\.description), [], "input verifies", file: file, line: line)
        let changed = StringBuild().run(on: m.function(named: "f")!)
        XCTAssertEqual(verify(m).map(\.description), [], "output verifies", file: file, line: line)
        XCTAssertEqual(wellFormednessErrors(m.function(named: "f")!), [], file: file, line: line)
        return (changed, m)
    }

    private func assertUnchanged(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = printModule(try parseModule("mochi-ir 1\n" + body))
        let (changed, m) = try run(body, file: file, line: line)
        XCTAssertFalse(changed, file: file, line: line)
        XCTAssertEqual(printModule(m), before, file: file, line: line)
    }

    // var s = ""; for i in 0..n { s = s + "ab" }; return len(s)
    private func loop(piece: String = "v6: str = sconst \"ab\"", start: String = "v0: str = sconst \"\"",
                      concat: String = "v7: str = str.concat v4, v6", cond: String = "v5: bool = icmp lt v3, v10",
                      exit: String = "v9: i64 = str.len v4\n  ret v9") -> String {
        """
        func @f(v10: i64, v11: str) -> i64 {
        b0(v10: i64, v11: str):
          \(start)
          v1: i64 = iconst 0
          jump b1(v1, v0)
        b1(v3: i64, v4: str):
          \(cond)
          brif v5, b2, b3
        b2:
          \(piece)
          \(concat)
          v8: i64 = iadd v3, v10
          jump b1(v8, v7)
        b3:
          \(exit)
        }
        """
    }

    func testLoopBuildsAListAndJoinsItOnce() throws {
        let (changed, m) = try run(loop())
        XCTAssertTrue(changed)
        let ops = opcodes(m.function(named: "f")!)
        XCTAssertFalse(ops.contains(.strConcat))
        XCTAssertEqual(ops.filter { $0 == .listNew }.count, 1)
        XCTAssertEqual(ops.filter { $0 == .listPush }.count, 1)
        XCTAssertEqual(ops.filter { $0 == .strJoin }.count, 1)
        // The join comes first in the exit block and feeds the length.
        let text = printModule(m)
        XCTAssertTrue(text.contains(": list<str>):"), text)
        XCTAssertTrue(text.contains("str.join"), text)
    }

    func testStringReadInsideTheLoopIsKept() throws {
        // The loop condition reads the length of the string being built.
        try assertUnchanged(loop(cond: "v12: i64 = str.len v4\n  v5: bool = icmp lt v12, v10"))
        // The body prints it.
        try assertUnchanged(loop(piece: "v6: str = sconst \"ab\"\n  print v4"))
    }

    func testPiecesThatMayBeNullAreKept() throws {
        // A parameter may be null (a missing map key read as str): join would spell it <nil>.
        try assertUnchanged(loop(concat: "v7: str = str.concat v4, v11"))
        try assertUnchanged(loop(start: "v0: str = copy v11"))
    }

    func testOtherShapesAreKept() throws {
        try assertUnchanged(loop(concat: "v7: str = str.concat v6, v4"))            // a prepend
        try assertUnchanged(loop(concat: "v7: str = str.concat v4, v4"))            // s + s
        try assertUnchanged(loop(piece: "v6: str = sconst \"ab\"",
                                 concat: "v7: str = str.concat v4, v6\n  print v7")) // the new string read
        // Two back edges (a `continue` straight to the header).
        try assertUnchanged("""
            func @f(v10: i64, v11: str) -> i64 {
            b0(v10: i64, v11: str):
              v0: str = sconst ""
              v1: i64 = iconst 0
              jump b1(v1, v0)
            b1(v3: i64, v4: str):
              v5: bool = icmp lt v3, v10
              brif v5, b2, b3
            b2:
              v6: str = sconst "ab"
              v7: str = str.concat v4, v6
              v8: i64 = iadd v3, v10
              v12: bool = icmp eq v3, v10
              brif v12, b1(v8, v7), b4
            b4:
              jump b1(v8, v7)
            b3:
              v9: i64 = str.len v4
              ret v9
            }
            """)
        // The exit block is also reached from before the loop.
        try assertUnchanged("""
            func @f(v10: i64, v11: str) -> i64 {
            b0(v10: i64, v11: str):
              v0: str = sconst ""
              v1: i64 = iconst 0
              v13: bool = icmp eq v10, v1
              brif v13, b3(v0), b1(v1, v0)
            b1(v3: i64, v4: str):
              v5: bool = icmp lt v3, v10
              brif v5, b2, b3(v4)
            b2:
              v6: str = sconst "ab"
              v7: str = str.concat v4, v6
              v8: i64 = iadd v3, v10
              jump b1(v8, v7)
            b3(v14: str):
              v9: i64 = str.len v14
              ret v9
            }
            """)
    }
}
