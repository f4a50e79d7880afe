// Tests of the control-flow structuring (Structure.swift): for each graph, the
// structured code is executed by a small interpreter of block/loop/if/br/br_table
// semantics and must visit exactly the nodes a walk of the graph visits, branch for
// branch, under the same sequence of branch decisions. Hand-made shapes (nested loops,
// break and continue, early returns, short-circuit merges, loops with several exits,
// irreducible loops) and a few thousand random graphs; plus the shape of the output
// (loops where the graph has loops, no dispatch for a reducible graph).

import MochiWasmEmit
import XCTest

/// A deterministic stream of branch decisions.
struct Decisions {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
    mutating func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) & 1)
    }
}

/// Runs structured code: block/loop labels, `if` labels for two-way exits, br depths.
struct StructuredMachine {
    let g: ControlFlowGraph
    var decisions: Decisions
    var trace: [Int] = []
    var label = 0
    let limit: Int
    var failure: String?

    enum Outcome: Equatable { case fallOff, br(Int), stop }

    init(_ g: ControlFlowGraph, seed: UInt64, limit: Int) {
        self.g = g
        decisions = Decisions(seed: seed)
        self.limit = limit
    }

    mutating func run(_ code: [StructuredCode]) -> Outcome {
        for c in code {
            switch c {
            case .block(let body):
                let o = run(body)
                switch o {
                case .fallOff, .br(0): continue
                case .br(let n): return .br(n - 1)
                case .stop: return .stop
                }
            case .loop(let body):
                while true {
                    let o = run(body)
                    if o == .br(0) { continue }
                    if case .br(let n) = o { return .br(n - 1) }
                    if o == .stop { return .stop }
                    break // fell out of the loop's end
                }
            case .table(let n):
                guard label >= 0 && label < n else { failure = "label \(label) outside the table"; return .stop }
                return .br(label)
            case .node(let x, let exit):
                trace.append(x)
                if trace.count >= limit { return .stop }
                let o = runExit(x, exit)
                if o != .fallOff { return o }
            }
        }
        return .fallOff
    }

    /// Runs a transfer; inside an `if` (inIf), `br 0` leaves the `if` and falls through.
    mutating func transfer(_ t: Transfer, inIf: Bool) -> Outcome {
        let o: Outcome
        switch t {
        case .br(let d): o = .br(d)
        case .inline(let code): o = run(code)
        case .dispatch(let l, let d): label = l; o = .br(d)
        }
        if inIf, case .br(let n) = o { return n == 0 ? .fallOff : .br(n - 1) }
        return o
    }

    mutating func runExit(_ x: Int, _ exit: Exit) -> Outcome {
        switch exit {
        case .none:
            if !g.successors[x].isEmpty { failure = "node \(x) has successors but no exit" }
            return .stop
        case .jump(let t):
            return transfer(t, inIf: false)
        case .branch(let t, let e, let form):
            let takeThen = decisions.next() == 0
            switch form {
            case .thenInIf:
                if takeThen {
                    let o = transfer(t, inIf: true)
                    if o != .fallOff { return o }
                }
                return transfer(e, inIf: false)
            case .elseInIf:
                if !takeThen {
                    let o = transfer(e, inIf: true)
                    if o != .fallOff { return o }
                }
                return transfer(t, inIf: false)
            case .ifElse:
                return transfer(takeThen ? t : e, inIf: true)
            }
        }
    }
}

/// The reference: walk the graph with the same decisions.
func walk(_ g: ControlFlowGraph, seed: UInt64, limit: Int) -> [Int] {
    var d = Decisions(seed: seed)
    var trace: [Int] = []
    var x = g.entry
    while true {
        trace.append(x)
        if trace.count >= limit { return trace }
        let s = g.successors[x]
        if s.isEmpty { return trace }
        x = s.count == 1 ? s[0] : s[d.next()]
    }
}

func countLoops(_ code: [StructuredCode]) -> Int {
    var n = 0
    func visit(_ c: [StructuredCode]) {
        for s in c {
            switch s {
            case .block(let b): visit(b)
            case .loop(let b): n += 1; visit(b)
            case .table: break
            case .node(_, let exit):
                func t(_ x: Transfer) { if case .inline(let c) = x { visit(c) } }
                switch exit {
                case .none: break
                case .jump(let x): t(x)
                case .branch(let a, let b, _): t(a); t(b)
                }
            }
        }
    }
    visit(code)
    return n
}

/// Every reachable node's code appears exactly once.
func nodeCounts(_ code: [StructuredCode]) -> [Int: Int] {
    var n: [Int: Int] = [:]
    func visit(_ c: [StructuredCode]) {
        for s in c {
            switch s {
            case .block(let b), .loop(let b): visit(b)
            case .table: break
            case .node(let x, let exit):
                n[x, default: 0] += 1
                func t(_ x: Transfer) { if case .inline(let c) = x { visit(c) } }
                switch exit {
                case .none: break
                case .jump(let x): t(x)
                case .branch(let a, let b, _): t(a); t(b)
                }
            }
        }
    }
    visit(code)
    return n
}

final class StructureTests: XCTestCase {
    func check(_ succ: [[Int]], entry: Int = 0, reducible: Bool = true, loops: Int? = nil,
               seeds: Int = 200, file: StaticString = #filePath, line: UInt = #line) {
        let g = ControlFlowGraph(successors: succ, entry: entry)
        let s = Structurizer.structure(g)
        XCTAssertEqual(s.usesDispatch, !reducible, "dispatch fallback", file: file, line: line)
        if let loops { XCTAssertEqual(countLoops(s.code), loops, "loops", file: file, line: line) }
        XCTAssert(nodeCounts(s.code).values.allSatisfy { $0 == 1 }, "a node emitted twice", file: file, line: line)
        for seed in 0..<UInt64(seeds) {
            var m = StructuredMachine(g, seed: seed, limit: 300)
            let outcome = m.run(s.code)
            XCTAssertNil(m.failure, file: file, line: line)
            let want = walk(g, seed: seed, limit: 300)
            XCTAssertEqual(m.trace, want, "seed \(seed)", file: file, line: line)
            if want.count < 300 {
                XCTAssertEqual(outcome, .stop, "control fell out of the function (seed \(seed))", file: file, line: line)
            }
            if m.trace != want { return }
        }
    }

    func testStraightLineAndDiamond() {
        check([[1], [2], []], loops: 0)
        // if/else merging: 0 -> 1 | 2 -> 3
        check([[1, 2], [3], [3], []], loops: 0)
        // if without else: 0 -> 1 -> 2, 0 -> 2
        check([[1, 2], [2], []], loops: 0)
        // both arms to one block (brif c, b1, b1)
        check([[1, 1], []], loops: 0)
    }

    func testNestedIfsAndShortCircuit() {
        // if a && b { x } else { y }; z   with the && as its own merge
        check([[1, 3], [2, 3], [4], [4], []], loops: 0)
        // (a || b) && c
        check([[2, 1], [2, 4], [3, 4], [5], [5], []], loops: 0)
        // nested diamonds sharing the final merge
        check([[1, 4], [2, 3], [6], [6], [5, 6], [6], []], loops: 0)
    }

    func testLoops() {
        // while c { body }: 0 -> 1(header) -> 2(body) -> 1, 1 -> 3(exit)
        check([[1], [2, 3], [1], []], loops: 1)
        // do-while
        check([[1], [1, 2], []], loops: 1)
        // self loop at entry
        check([[0, 1], []], loops: 1)
        // nested loops: outer header 1, inner header 2
        check([[1], [2, 5], [3, 4], [2], [1], []], loops: 2)
        // three deep
        check([[1], [2, 7], [3, 6], [4, 5], [3], [2], [1], []], loops: 3)
    }

    func testBreakContinueAndEarlyReturns() {
        // loop with continue (3 -> 1) and break (4 -> 6), early return (5)
        check([[1], [2, 6], [3, 4], [1], [6, 5], [], []], loops: 1)
        // break out of an inner loop to the outer loop's latch, and out of both
        check([[1], [2, 8], [3, 7], [4, 6], [2, 5], [8, 6], [1], [1], []], loops: 2)
        // return from inside a nested loop
        check([[1], [2, 6], [3, 5], [2, 4], [], [1], []], loops: 2)
        // two loops in sequence
        check([[1], [2, 3], [1], [4], [5, 6], [4], []], loops: 2)
    }

    func testLoopWithSeveralExitsToOneMerge() {
        // exits from the header and from the body both reach 4
        check([[1], [2, 4], [3, 4], [1], []], loops: 1)
        // exits to different blocks that merge later
        check([[1], [2, 4], [3, 5], [1], [6], [6], []], loops: 1)
    }

    func testUnreachableNodesAreLeftOut() {
        let g = ControlFlowGraph(successors: [[2], [2], []], entry: 0)
        let s = Structurizer.structure(g)
        XCTAssertNil(nodeCounts(s.code)[1])
        check([[2], [2], []])
    }

    func testIrreducibleLoopUsesDispatch() {
        // 0 enters the 1 <-> 2 cycle at both nodes.
        check([[1, 2], [2, 3], [1, 3], []], reducible: false)
        // An irreducible region inside a loop.
        check([[1], [2, 3], [3, 5], [2, 4], [1], []], reducible: false)
    }

    func testRandomGraphs() {
        var rng = Decisions(seed: 12345)
        func r(_ n: Int) -> Int {
            var x = 0
            for _ in 0..<20 { x = x * 2 + rng.next() }
            return x % n
        }
        var irreducible = 0
        for _ in 0..<1500 {
            let n = 2 + r(11)
            var succ: [[Int]] = []
            for i in 0..<n {
                let k = r(10)
                if k < 1 || i == n - 1 && k < 5 { succ.append([]) }
                else if k < 4 { succ.append([r(n)]) }
                else { succ.append([r(n), r(n)]) }
            }
            let g = ControlFlowGraph(successors: succ, entry: 0)
            let s = Structurizer.structure(g)
            if s.usesDispatch { irreducible += 1 }
            XCTAssert(nodeCounts(s.code).values.allSatisfy { $0 == 1 }, "\(succ)")
            for seed in 0..<UInt64(20) {
                var m = StructuredMachine(g, seed: seed, limit: 200)
                _ = m.run(s.code)
                let want = walk(g, seed: seed, limit: 200)
                if m.trace != want || m.failure != nil {
                    XCTFail("graph \(succ) seed \(seed): got \(m.trace.prefix(20)), want \(want.prefix(20)) \(m.failure ?? "")")
                    return
                }
            }
        }
        // Both translations were exercised.
        XCTAssertGreaterThan(irreducible, 10)
        XCTAssertLessThan(irreducible, 1400)
    }
}
