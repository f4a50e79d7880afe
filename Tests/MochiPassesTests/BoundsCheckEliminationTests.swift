// Bounds-check elimination: list.get / list.set get `inbounds` only where a
// dominating test a < len(xs) on the same list value, on an edge that is the only
// way into its target, and a >= 0 prove the index in range; each missing premise
// leaves the access unmarked.

import MochiIR
import MochiPasses
import XCTest

final class BoundsCheckEliminationTests: XCTestCase {
    private func run(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws
        -> (changed: Bool, marks: [Bool], f: Function) {
        let m = try parseModule("mochi-ir 1\n" + body)
        XCTAssertEqual(verify(m).map(\.description), [], "input verifies", file: file, line: line)
        let f = m.functions[0]
        let changed = BoundsCheckElimination().run(on: f)
        XCTAssertEqual(verify(m).map(\.description), [], "output verifies", file: file, line: line)
        XCTAssertEqual(wellFormednessErrors(f), [], file: file, line: line)
        // Text and binary carry the marks.
        XCTAssertEqual(printModule(try parseModule(printModule(m))), printModule(m), file: file, line: line)
        XCTAssertEqual(printModule(try decodeBinary(encodeBinary(m))), printModule(m), file: file, line: line)
        let marks = f.orderedInsts.filter { f[$0].op == .listGet || f[$0].op == .listSet }.map { f[$0].inBounds }
        return (changed, marks, f)
    }

    /// for i in START..len(LEN) { s = s + GOT[i]; GOT[i] = s }, with the pieces given.
    private func loop(start: String = "v3: i64 = iconst 0", len: String = "v0", got: String = "v0",
                      headerParams: String = "", headerArgs: String = "", backArgs: String = "") -> String {
        """
        func @f(v0: list<i64>, v1: list<i64>) -> i64 {
        b0(v0: list<i64>, v1: list<i64>):
          v2: i64 = list.len \(len)
          \(start)
          v4: i64 = iconst 1
          jump b1(v3, v3\(headerArgs))
        b1(v5: i64, v6: i64\(headerParams)):
          v7: bool = icmp lt v5, v2
          brif v7, b2, b3
        b2:
          v8: i64 = list.get \(got), v5
          v9: i64 = iadd v6, v8
          list.set \(got), v5, v9
          v10: i64 = iadd v5, v4
          jump b1(v10, v9\(backArgs))
        b3:
          ret v6
        }

        """
    }

    func testCanonicalLoopIsMarked() throws {
        let r = try run(loop())
        XCTAssertTrue(r.changed)
        XCTAssertEqual(r.marks, [true, true], printFunction(r.f))
        // A second run finds nothing more to do.
        XCTAssertFalse(BoundsCheckElimination().run(on: r.f))
    }

    func testLengthOfAnotherListProvesNothing() throws {
        let r = try run(loop(len: "v1"))
        XCTAssertFalse(r.changed)
        XCTAssertEqual(r.marks, [false, false])
    }

    func testNegativeStartIsNotMarked() throws {
        let r = try run(loop(start: "v3: i64 = iconst -1"))
        XCTAssertFalse(r.changed)
        XCTAssertEqual(r.marks, [false, false])
    }

    func testParameterStartIsNotMarked() throws {
        // The start is a function parameter's length-less value: it may be negative.
        let body = loop().replacingOccurrences(of: "jump b1(v3, v3)", with: "jump b1(v11, v3)")
            .replacingOccurrences(of: "func @f(v0: list<i64>, v1: list<i64>)", with: "func @f(v0: list<i64>, v1: list<i64>, v11: i64)")
            .replacingOccurrences(of: "b0(v0: list<i64>, v1: list<i64>):", with: "b0(v0: list<i64>, v1: list<i64>, v11: i64):")
        let r = try run(body)
        XCTAssertEqual(r.marks, [false, false])
    }

    func testReassignedListIsNotMarked() throws {
        // The list is a loop variable (v11), reassigned to v1 on the back edge; the
        // length was read from v0 before the loop.
        let r = try run(loop(got: "v11", headerParams: ", v11: list<i64>", headerArgs: ", v0", backArgs: ", v1"))
        XCTAssertFalse(r.changed)
        XCTAssertEqual(r.marks, [false, false])
    }

    func testTargetWithAnotherEntryIsNotMarked() throws {
        // b2 is also entered from b0 with any index: the test does not dominate it.
        let r = try run("""
            func @f(v0: list<i64>, v1: i64, v2: bool) -> i64 {
            b0(v0: list<i64>, v1: list<i64>, v2: bool):
              v3: i64 = list.len v0
              brif v2, b1, b2
            b1:
              v4: bool = icmp lt v3, v3
              brif v4, b2, b3
            b2:
              v5: i64 = list.get v0, v3
              ret v5
            b3:
              ret v3
            }

            """.replacingOccurrences(of: "v1: list<i64>, v2: bool):", with: "v1: i64, v2: bool):"))
        XCTAssertEqual(r.marks, [false])
    }

    func testDominatingTestOnTheFalseArm() throws {
        // if len(s) >= len(xs) { ret -1 } else { xs[len(s)] }: marked; the same on
        // a parameter index (maybe negative) is not.
        let body = """
            func @f(v0: list<i64>, v1: str, v2: i64) -> i64 {
            b0(v0: list<i64>, v1: str, v2: i64):
              v3: i64 = str.len v1
              v4: i64 = list.len v0
              v5: bool = icmp ge v3, v4
              brif v5, b1, b2
            b1:
              v6: i64 = iconst -1
              ret v6
            b2:
              v7: i64 = list.get v0, v3
              v8: bool = icmp gt v4, v2
              brif v8, b3, b4
            b3:
              v9: i64 = list.get v0, v2
              ret v9
            b4:
              ret v7
            }

            """
        let r = try run(body)
        XCTAssertTrue(r.changed)
        XCTAssertEqual(r.marks, [true, false], printFunction(r.f))
    }

    func testDominatingLowerBoundTest() throws {
        // if a >= 0 { if a < len(xs) { xs[a] } } marks; with a > -2 (a may be -1) it
        // does not; the constant on the left (0 <= a) marks too.
        func body(_ lower: String) -> String {
            """
            func @f(v0: list<i64>, v1: i64) -> i64 {
            b0(v0: list<i64>, v1: i64):
              \(lower)
              brif v3, b1, b3
            b1:
              v4: i64 = list.len v0
              v5: bool = icmp lt v1, v4
              brif v5, b2, b3
            b2:
              v6: i64 = list.get v0, v1
              ret v6
            b3:
              ret v1
            }

            """
        }
        XCTAssertEqual(try run(body("v2: i64 = iconst 0\n  v3: bool = icmp ge v1, v2")).marks, [true])
        XCTAssertEqual(try run(body("v2: i64 = iconst 0\n  v3: bool = icmp le v2, v1")).marks, [true])
        XCTAssertEqual(try run(body("v2: i64 = iconst -1\n  v3: bool = icmp gt v1, v2")).marks, [true])
        XCTAssertEqual(try run(body("v2: i64 = iconst -2\n  v3: bool = icmp gt v1, v2")).marks, [false])
        XCTAssertEqual(try run(body("v2: i64 = iconst 0\n  v3: bool = icmp lt v1, v2")).marks, [false])
    }

    func testSharedNonNegativityRule() throws {
        // The lower bound is MochiIR's NonNegativeValues: a copy of a non-negative value
        // and a long chain of `x + x` qualify (the recursive rule this pass had gave up
        // at depth 64); a chain from the function's parameter does not.
        func body(_ start: String, adds: Int) -> String {
            var lines = ["v3: i64 = " + start]
            for k in 0..<adds { lines.append("v\(k + 4): i64 = iadd v\(k + 3), v\(k + 3)") }
            let a = adds + 3
            return """
            func @f(v0: list<i64>, v1: i64) -> i64 {
            b0(v0: list<i64>, v1: i64):
              v2: i64 = list.len v0
              \(lines.joined(separator: "\n  "))
              v\(a + 1): bool = icmp lt v\(a), v2
              brif v\(a + 1), b1, b2
            b1:
              v\(a + 2): i64 = list.get v0, v\(a)
              ret v\(a + 2)
            b2:
              ret v1
            }

            """
        }
        XCTAssertEqual(try run(body("copy v2", adds: 0)).marks, [true])
        XCTAssertEqual(try run(body("copy v2", adds: 100)).marks, [true])
        XCTAssertEqual(try run(body("copy v1", adds: 100)).marks, [false])
    }

    func testO1MarksTheCanonicalLoop() throws {
        let m = try parseModule("mochi-ir 1\n" + loop())
        optimize(m, level: .O1, printAfter: nil, dump: { _ in })
        XCTAssertEqual(verify(m).map(\.description), [])
        let f = m.functions[0]
        let marks = f.orderedInsts.filter { f[$0].op == .listGet || f[$0].op == .listSet }.map { f[$0].inBounds }
        XCTAssertEqual(marks, [true, true], printFunction(f))
    }
}
