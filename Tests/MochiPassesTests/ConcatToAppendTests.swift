// Concat to append: `xs + [v]` (a concat whose second operand is a literal nothing
// else reads) becomes appends, one per element, in order; a literal read elsewhere,
// a second operand that is not a literal, an empty literal and a literal in first
// position are left alone. At -O1 a local buffer grown by `xs = xs + [v]` in a loop
// ends up as one list grown by pushes, as `xs = append(xs, v)` does.

import MochiIR
import MochiPasses
import XCTest

final class ConcatToAppendTests: XCTestCase {
    private func run(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws
        -> (changed: Bool, f: Function) {
        let m = try parseModule("mochi-ir 1\n" + body)
        XCTAssertEqual(verify(m).map(\.description), [], "input verifies", file: file, line: line)
        let f = m.functions[0]
        let changed = ConcatToAppend().run(on: f)
        XCTAssertEqual(verify(m).map(\.description), [], "output verifies", file: file, line: line)
        XCTAssertEqual(wellFormednessErrors(f), [], file: file, line: line)
        return (changed, f)
    }

    private func loop(_ lit: String, extra: String = "") -> String {
        """
        func @f(v0: i64) -> i64 {
        b0(v0: i64):
          v1: list<i64> = list.new
          v2: i64 = iconst 0
          jump b1(v2, v1)
        b1(v3: i64, v4: list<i64>):
          v5: bool = icmp lt v3, v0
          brif v5, b2, b3
        b2:
          v6: i64 = iconst 7
          v7: list<i64> = \(lit)
          v8: list<i64> = list.concat v4, v7
          v9: i64 = iconst 1
          v10: i64 = iadd v3, v9\(extra)
          jump b1(v10, v8)
        b3:
          v11: i64 = list.len v4
          ret v11
        }

        """
    }

    func testOneElementLiteralBecomesOneAppend() throws {
        let r = try run(loop("list.new v3"))
        XCTAssertTrue(r.changed)
        let text = printFunction(r.f)
        XCTAssertTrue(text.contains("v8: list<i64> = list.append v4, v3"), text)
        XCTAssertFalse(text.contains("list.concat"), text)
    }

    func testElementsAreAppendedInOrder() throws {
        let r = try run(loop("list.new v3, v6, v3"))
        XCTAssertTrue(r.changed)
        let text = printFunction(r.f)
        // A chain of three appends where the concat was (the printer numbers values
        // in order), the last one's result going round the loop.
        XCTAssertEqual(opcodes(r.f).filter { $0 == .listAppend }.count, 3, text)
        XCTAssertTrue(text.contains("""
              v8: list<i64> = list.append v4, v3
              v9: list<i64> = list.append v8, v6
              v10: list<i64> = list.append v9, v3
            """), text)
        XCTAssertTrue(text.contains("jump b1(v12, v10)"), text)
    }

    func testLeftAlone() throws {
        // The literal is read again, so it must exist as its own list.
        XCTAssertFalse(try run(loop("list.new v3", extra: "\n  v20: i64 = list.len v7")).changed)
        // An empty literal, and a second operand that is not a literal.
        XCTAssertFalse(try run(loop("list.new")).changed)
        XCTAssertFalse(try run(loop("list.reverse v4")).changed)
        // The literal first: [v] + xs is not an append.
        let pre = loop("list.new v3").replacingOccurrences(of: "list.concat v4, v7", with: "list.concat v7, v4")
        XCTAssertFalse(try run(pre).changed)
    }

    func testO1GrowsOneListByPushes() throws {
        let m = try parseModule("mochi-ir 1\n" + loop("list.new v3"))
        optimize(m, level: .O1, printAfter: nil) { _ in }
        XCTAssertEqual(verify(m).map(\.description), [])
        let ops = opcodes(m.functions[0]).filter { [.listNew, .listAppend, .listPush, .listConcat].contains($0) }
        XCTAssertEqual(ops, [.listNew, .listPush])
    }
}
