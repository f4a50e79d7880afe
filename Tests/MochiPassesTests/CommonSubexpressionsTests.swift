// Common subexpressions: an arithmetic op dominated by an equal one (same operands,
// in either order where the op is symmetric) is deleted and its uses read the
// earlier result; ops in sibling branches, memory reads and calls are left alone;
// the earlier op's trap stands for the deleted one's.

import MochiIR
import MochiPasses
import XCTest

final class CommonSubexpressionsTests: XCTestCase {
    private func run(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws
        -> (changed: Bool, text: String, ops: [Opcode]) {
        let m = try parseModule("mochi-ir 1\n" + body)
        XCTAssertEqual(verify(m).map(\.description), [], "input verifies", file: file, line: line)
        let f = m.functions[0]
        let changed = CommonSubexpressions().run(on: f)
        XCTAssertEqual(verify(m).map(\.description), [], "output verifies", file: file, line: line)
        XCTAssertEqual(wellFormednessErrors(f), [], file: file, line: line)
        return (changed, printFunction(f), opcodes(f))
    }

    func testRepeatedCheckedAddIsComputedOnce() throws {
        // (i + j) * (j + i + 1): the second i + j (operands swapped) and the second
        // constant 1 go.
        let r = try run("""
            func @f(v0: i64, v1: i64) -> i64 {
            b0(v0: i64, v1: i64):
              v2: i64 = iadd v0, v1
              v3: i64 = iadd v1, v0
              v4: i64 = iconst 1
              v5: i64 = iadd v3, v4
              v6: i64 = imul v2, v5
              v7: i64 = iconst 1
              v8: i64 = iadd v6, v7
              ret v8
            }

            """)
        XCTAssertTrue(r.changed)
        XCTAssertEqual(r.ops, [.iadd, .iconst, .iadd, .imul, .iadd], r.text)
        // (The printer numbers values in order.)
        XCTAssertTrue(r.text.contains("""
              v2: i64 = iadd v0, v1
              v3: i64 = iconst 1
              v4: i64 = iadd v2, v3
              v5: i64 = imul v2, v4
              v6: i64 = iadd v5, v3
            """), r.text)
    }

    func testDominatingBlockServesItsDominatedBlocksOnly() throws {
        // v2 in b0 dominates both arms: their copies go. The arms' own v5/v7 are in
        // sibling blocks: neither dominates the other, both stay; a subtraction with
        // swapped operands is a different value and stays too; so do list reads.
        let r = try run("""
            func @f(v0: i64, v1: i64, v9: list<i64>) -> i64 {
            b0(v0: i64, v1: i64, v9: list<i64>):
              v2: i64 = imul v0, v1
              v3: bool = icmp lt v0, v1
              v10: i64 = list.len v9
              brif v3, b1, b2
            b1:
              v4: i64 = imul v0, v1
              v5: i64 = isub v0, v1
              v11: i64 = list.len v9
              v12: i64 = iadd v5, v11
              ret v12
            b2:
              v6: i64 = imul v1, v0
              v7: i64 = isub v0, v1
              v8: i64 = isub v1, v0
              v13: i64 = iadd v7, v8
              v14: i64 = iadd v13, v6
              v15: i64 = iadd v14, v10
              ret v15
            }

            """)
        XCTAssertTrue(r.changed)
        XCTAssertEqual(r.ops.filter { $0 == .imul }.count, 1, r.text)
        XCTAssertEqual(r.ops.filter { $0 == .isub }.count, 3, r.text)
        XCTAssertEqual(r.ops.filter { $0 == .listLen }.count, 2, r.text)
    }

    func testComparisonsMatchMirrored() throws {
        let r = try run("""
            func @f(v0: i64, v1: i64) -> bool {
            b0(v0: i64, v1: i64):
              v2: bool = icmp lt v0, v1
              v3: bool = icmp gt v1, v0
              v4: bool = icmp le v1, v0
              v5: bool = not v2
              v6: bool = icmp eq v3, v5
              v7: bool = icmp eq v6, v4
              ret v7
            }

            """)
        XCTAssertTrue(r.changed)
        XCTAssertEqual(r.ops.filter { $0 == .icmp }.count, 4, r.text)
    }

    func testNothingToDo() throws {
        let r = try run("""
            func @f(v0: i64) -> i64 {
            b0(v0: i64):
              v1: i64 = iconst 3
              v2: i64 = imul v0, v1
              ret v2
            }

            """)
        XCTAssertFalse(r.changed)
    }
}
