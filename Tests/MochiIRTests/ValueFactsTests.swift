// NonNegativeValues (ValueFacts.swift): the rule on constants, lengths, adds, copies
// and block parameters (greatest fixpoint through a loop, with and without the
// loop's entry edge counted), and its cost: linear in the values it examines, where
// the recursive copies it replaced made 2^depth calls on a chain of `x + x`.

import XCTest
@testable import MochiIR

final class ValueFactsTests: XCTestCase {
    /// Predecessors by block index, from the terminators of the laid-out blocks.
    private func predecessors(_ f: Function) -> [[Int]] {
        var preds: [[Int]] = Array(repeating: [], count: f.blocks.count)
        for b in f.layout {
            for s in f[b].terminator.successors { preds[Int(s.block.index)].append(Int(b.index)) }
        }
        return preds
    }

    /// One block: v = START, then n times v = iadd v, v; returns (function, last value).
    private func chain(_ n: Int, fromParameter: Bool) -> (Function, Value) {
        let f = Function(name: "chain", paramTypes: [.i64], returnType: .i64)
        let b0 = f.makeBlock(params: [.i64])
        f.layout = [b0]
        var x = f[b0].params[0]
        if !fromParameter { x = f[f.append(to: b0, .iconst, type: .i64, args: [], imm: .int(1))].result! }
        for _ in 0..<n { x = f[f.append(to: b0, .iadd, type: .i64, args: [x, x])].result! }
        f[b0].terminator = .ret(x)
        return (f, x)
    }

    func testLongAddChainIsLinear() {
        for n in [20, 64, 5000] {
            let (f, x) = chain(n, fromParameter: false)
            var nn = NonNegativeValues(f, predecessors: predecessors(f), candidate: { _ in true })
            XCTAssertTrue(nn.contains(x))
            // Each value once: the n adds and the constant. A recursion into both
            // operands would make 2^n visits (or give up at a depth limit, answering no).
            XCTAssertEqual(nn.visits, n + 1, "n = \(n)")
            XCTAssertTrue(nn.contains(x))
            XCTAssertEqual(nn.visits, n + 1, "a second query is answered from the memo")
        }
    }

    func testChainFromFunctionParameterIsNotNonNegative() {
        let (f, x) = chain(64, fromParameter: true)
        var nn = NonNegativeValues(f, predecessors: predecessors(f), candidate: { _ in true })
        XCTAssertFalse(nn.contains(x))
        XCTAssertEqual(nn.visits, 65)
        // Every value on the chain got its verdict in that one walk.
        XCTAssertFalse(nn.contains(f[f[f.layout[0]].insts[10]].result!))
        XCTAssertEqual(nn.visits, 65)
    }

    /// i from START, i = i + STEP while i < len(v0); parameters v0 (list) and v1 (i64).
    private func loop(start: String, step: String) throws -> Function {
        let m = try parseModule("""
            mochi-ir 1

            func @f(v0: list<i64>, v1: i64) -> i64 {
            b0(v0: list<i64>, v1: i64):
              v2: i64 = list.len v0
              \(start)
              \(step)
              jump b1(v3)
            b1(v5: i64):
              v6: bool = icmp lt v5, v2
              brif v6, b2, b3
            b2:
              v7: i64 = copy v5
              v8: i64 = iadd v7, v4
              jump b1(v8)
            b3:
              ret v5
            }

            """)
        return m.functions[0]
    }

    func testInductionVariableThroughALoop() throws {
        let zero = "v3: i64 = iconst 0", one = "v4: i64 = iconst 1"
        func ask(_ f: Function, skipEntry: Bool = false) -> (Bool, Bool) {
            var nn = NonNegativeValues(f, predecessors: predecessors(f), candidate: { $0 != 0 },
                                       counts: { from, to in !skipEntry || to != 1 || from != 0 })
            return (nn.contains(Value(5)), nn.contains(Value(8)))
        }
        // From 0 by +1: the counter and its successor.
        var (i, next) = ask(try loop(start: zero, step: one))
        XCTAssertTrue(i); XCTAssertTrue(next)
        // From the function's parameter: nothing known ...
        (i, next) = ask(try loop(start: "v3: i64 = copy v1", step: one))
        XCTAssertFalse(i); XCTAssertFalse(next)
        // ... unless the entry edge is left to a run-time guard (loop versioning).
        (i, next) = ask(try loop(start: "v3: i64 = copy v1", step: one), skipEntry: true)
        XCTAssertTrue(i); XCTAssertTrue(next)
        // A negative step breaks the cycle's assumption, even with the entry skipped.
        (i, next) = ask(try loop(start: zero, step: "v4: i64 = iconst -1"), skipEntry: true)
        XCTAssertFalse(i); XCTAssertFalse(next)
        // A step by an op outside the rule (isub) proves nothing.
        (i, next) = ask(try loop(start: zero, step: "v4: i64 = isub v2, v2"))
        XCTAssertFalse(i); XCTAssertFalse(next)
    }

    func testOutOfRangeValueIsNo() {
        let (f, _) = chain(2, fromParameter: false)
        var nn = NonNegativeValues(f, predecessors: predecessors(f), candidate: { _ in true })
        XCTAssertFalse(nn.contains(Value(-1)))
        XCTAssertFalse(nn.contains(Value(1000)))
    }
}
