// The interpreter's dead-reference clearing (Liveness.swift): where the analysis puts
// the clears, and programs whose references stay live across calls, loops, branches
// and swapped block parameters still run correctly with them in place.

import XCTest
import MochiIR
@testable import MochiInterp

final class LivenessTests: XCTestCase {
    let tree = """
        type %Tree = union { Leaf(), Node(left: %Tree, right: %Tree) }

        func @check(v0: %Tree) -> i64 {
        b0(v0: %Tree):
          v1: i64 = variant.tag v0
          v2: i64 = iconst 0
          v3: bool = icmp eq v1, v2
          brif v3, b1(v2), b2
        b1(v4: i64):
          ret v4
        b2:
          v5: %Tree = field.get %Tree.Node.left, v0
          v6: %Tree = field.get %Tree.Node.right, v0
          v7: i64 = call @check, v5
          v8: i64 = call @check, v6
          v9: i64 = iadd v7, v8
          v10: i64 = iconst 1
          v11: i64 = iadd v9, v10
          jump b1(v11)
        }
        func @make(v0: i64) -> %Tree {
        b0(v0: i64):
          v1: i64 = iconst 0
          v2: bool = icmp le v0, v1
          brif v2, b1, b2
        b1:
          v3: %Tree = variant.new %Tree.Leaf
          ret v3
        b2:
          v4: i64 = iconst 1
          v5: i64 = isub v0, v4
          v6: %Tree = call @make, v5
          v7: %Tree = call @make, v5
          v8: %Tree = variant.new %Tree.Node, v6, v7
          ret v8
        }

        """

    // The programs (with `tree`) that the tests below read clears from, and
    // that the straight-line analysis is checked against the fixed point on.
    /// Two trees made, each consumed by a call to check.
    static let twoTrees = """
        func @main() -> unit {
        b0:
          v0: i64 = iconst 2
          v1: %Tree = call @make, v0
          v2: i64 = call @check, v1
          v3: %Tree = call @make, v0
          v4: i64 = call @check, v3
          v5: i64 = iadd v2, v4
          v6: str = fmt v5
          print v6
          ret
        }
        """
    /// A tree read on one branch only.
    static let pickOneBranch = """
        func @pick(v0: %Tree, v1: bool) -> i64 {
        b0(v0: %Tree, v1: bool):
          brif v1, b1, b2
        b1:
          v2: i64 = call @check, v0
          ret v2
        b2:
          v3: i64 = iconst 3
          v4: %Tree = call @make, v3
          v5: i64 = call @check, v4
          ret v5
        }
        func @main() -> unit {
        b0:
          v0: i64 = iconst 2
          v1: %Tree = call @make, v0
          v2: bool = bconst 1
          v3: i64 = call @pick, v1, v2
          v4: bool = bconst 0
          v5: i64 = call @pick, v1, v4
          v6: i64 = iadd v3, v5
          v7: str = fmt v6
          print v7
          ret
        }
        """
    /// A loop keeping one tree throughout, making and dropping another per
    /// iteration, with allocating runtime ops in between.
    static let loopCarried = """
        func @main() -> unit {
        b0:
          v0: i64 = iconst 3
          v1: %Tree = call @make, v0
          v2: i64 = iconst 0
          v3: str = sconst ""
          jump b1(v2, v3)
        b1(v4: i64, v5: str):
          v6: i64 = iconst 4
          v7: bool = icmp lt v4, v6
          brif v7, b2, b3
        b2:
          v8: %Tree = call @make, v4
          v9: i64 = call @check, v8
          v10: str = tostr v9
          v11: str = str.concat v5, v10
          v12: i64 = iconst 1
          v13: i64 = iadd v4, v12
          jump b1(v13, v11)
        b3:
          v14: i64 = call @check, v1
          v15: str = tostr v14
          v16: str = str.concat v5, v15
          print v16
          ret
        }
        """

    func module(_ text: String) throws -> Module {
        let m = try parseModule("mochi-ir 1\n" + text)
        XCTAssertEqual(verify(m).map(\.description), [])
        return m
    }

    /// The values cleared at each instruction of `name`, keyed by the instruction's
    /// result value (or by "op#k" for the k-th result-less instruction).
    func clears(_ m: Module, _ name: String) -> [String: [Int32]] {
        let f = m.functions.first { $0.name == name }!
        let c = deadReferenceClears(f)
        var out: [String: [Int32]] = [:]
        for (i, inst) in f.insts.enumerated() where !c.at(i).isEmpty {
            out[inst.result.map { "v\($0.index)" } ?? "\(inst.op.info.name)#\(i)"] = c.at(i).map(\.index).sorted()
        }
        return out
    }

    /// The values cleared on each control-flow edge of `name`, keyed "bN->bM".
    func edgeClears(_ m: Module, _ name: String) -> [String: [Int32]] {
        let f = m.functions.first { $0.name == name }!
        let c = deadReferenceClears(f)
        var out: [String: [Int32]] = [:]
        for b in f.layout {
            for (k, s) in f[b].terminator.successors.enumerated() {
                let vs = c.edge(ReferenceClears.edgeKey(b, k))
                if !vs.isEmpty {
                    out["b\(b.index)->b\(s.block.index)"] = vs.map(\.index).sorted()
                }
            }
        }
        return out
    }

    func testCallClearsDeadArgumentsAndDeadValues() throws {
        let m = try module(tree + Self.twoTrees)
        // check: the node and its left child die at the first recursive call, the
        // right child at the second; nothing else holds a reference.
        XCTAssertEqual(clears(m, "check"), ["v7": [0, 5], "v8": [6]])
        // make: the left subtree stays live across the second call; variant.new
        // reads both, and the frame returns right after.
        XCTAssertEqual(clears(m, "make"), [:])
        // main: each tree is cleared by the call that consumes it, and the string
        // before the print that reads it is never cleared (it is read there).
        XCTAssertEqual(clears(m, "main"), ["v2": [1], "v4": [3]])
        XCTAssertEqual(try Interpreter(module: m).runCapturingOutput(), "6\n")
    }

    func testValueDeadOnOneBranchIsClearedAtTheNextCollectionPoint() throws {
        let m = try module(tree + Self.pickOneBranch)
        // pick: v0 is read only on the true branch; on the false one it is dead from
        // the start and cleared at the first call there.
        XCTAssertEqual(clears(m, "pick"), ["v2": [0], "v4": [0], "v5": [4]])
        // main: v1 stays live across the first call to pick and dies at the second.
        XCTAssertEqual(clears(m, "main"), ["v5": [1]])
        XCTAssertEqual(try Interpreter(module: m).runCapturingOutput(), "10\n")
    }

    func testLoopCarriedReferencesAndRuntimeOps() throws {
        // A loop that keeps one tree for the whole loop, makes and drops another per
        // iteration, and builds strings (runtime ops that allocate) in between.
        let m = try module(tree + Self.loopCarried)
        let c = clears(m, "main")
        // The per-iteration tree dies at check. The number's text and the new
        // accumulator's slot (copied into v5 on the back edge) are dead once the
        // loop goes round, and cleared at the next collection point: the next
        // iteration's make, or the check after the loop. The initial string is
        // cleared once, on the loop's entry edge, not on every iteration. The
        // long-lived tree v1 is cleared only where it is last read.
        XCTAssertEqual(c["v9"], [8])
        XCTAssertEqual(c["v8"], [10, 11])
        XCTAssertEqual(c["v14"], [1, 10, 11])
        XCTAssertEqual(edgeClears(m, "main"), ["b0->b1": [3]])
        for (k, v) in c where k != "v14" { XCTAssertFalse(v.contains(1), "v1 cleared at \(k)") }
        XCTAssertEqual(try Interpreter(module: m).runCapturingOutput(), "01377\n")
    }

    func testSwappedReferenceParameters() throws {
        // Block parameters that swap each iteration (a parallel-copy cycle through a
        // temporary) while calls in the loop may collect.
        let out = try runIR(tree + """
            func @main() -> unit {
            b0:
              v0: i64 = iconst 1
              v1: %Tree = call @make, v0
              v2: i64 = iconst 3
              v3: %Tree = call @make, v2
              v4: i64 = iconst 0
              jump b1(v1, v3, v4)
            b1(v5: %Tree, v6: %Tree, v7: i64):
              v8: i64 = call @check, v5
              v9: str = tostr v8
              print v9
              v10: i64 = iconst 1
              v11: i64 = iadd v7, v10
              v12: i64 = iconst 4
              v13: bool = icmp lt v11, v12
              brif v13, b1(v6, v5, v11), b2
            b2:
              v14: i64 = call @check, v6
              v15: str = tostr v14
              print v15
              ret
            }
            """)
        XCTAssertEqual(out, "1\n7\n1\n7\n1\n")
    }
}

/// The linear analysis of one-block functions (`straightLineClears`) against the
/// general fixed point, on random straight-line functions of calls, runtime ops
/// that allocate or not, and values read by the terminator, and on the
/// hand-written ones above: the same clears, in the same order.
final class StraightLineClearsTests: XCTestCase {
    struct Rng {
        var s: UInt64
        mutating func below(_ n: Int) -> Int {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Int((s >> 33) % UInt64(n))
        }
    }

    func randomFunction(_ rng: inout Rng, size: Int) -> Function {
        let f = Function(name: "f", paramTypes: [.str, .list(.str), .i64], returnType: .str)
        var b = FunctionBuilder(f)
        var strs = [b.entryParams[0]], lists = [b.entryParams[1]], ints = [b.entryParams[2]]
        func pick(_ xs: [Value], _ rng: inout Rng) -> Value { xs[rng.below(xs.count)] }
        for _ in 0..<size {
            switch rng.below(9) {
            case 0: strs.append(b.sconst("s\(rng.below(5))"))
            case 1: strs.append(b.emit(.call, .str, [pick(strs, &rng), pick(strs, &rng)], imm: .function("g")))
            case 2: lists.append(b.emit(.listNew, .list(.str), [pick(strs, &rng), pick(strs, &rng)]))
            case 3: ints.append(b.emit(.strLen, .i64, [pick(strs, &rng)]))
            case 4: ints.append(b.emit(.listLen, .i64, [pick(lists, &rng)]))
            case 5: strs.append(b.emit(.strConcat, .str, [pick(strs, &rng), pick(strs, &rng)]))
            case 6: b.emitVoid(.print, [b.emit(.fmt, .str, [pick(ints, &rng)])])
            case 7: strs.append(b.emit(.copy, .str, [pick(strs, &rng)]))
            default: ints.append(b.emit(.iadd, .i64, [pick(ints, &rng), pick(ints, &rng)]))
            }
        }
        b.ret(rng.below(4) == 0 ? nil : pick(strs, &rng))
        return f
    }

    static func assertSame(_ f: Function, _ note: String) {
        let fast = deadReferenceClears(f, scratch: LivenessScratch())
        let general = deadReferenceClears(f, scratch: LivenessScratch(), straightLine: false)
        XCTAssertEqual(f.insts.indices.map { fast.at($0).map(\.index) }, f.insts.indices.map { general.at($0).map(\.index) }, note)
        let edges = 0..<(2 * f.blocks.count)
        XCTAssertEqual(edges.map { fast.edge($0).map(\.index) }, edges.map { general.edge($0).map(\.index) }, note)
    }

    func testRandomStraightLineFunctions() {
        var rng = Rng(s: 19)
        var cleared = 0
        for k in 0..<400 {
            let f = randomFunction(&rng, size: 1 + rng.below(k < 300 ? 40 : 400))
            Self.assertSame(f, "function \(k)")
            cleared += deadReferenceClears(f).atInst.reduce(0) { $0 + $1.count }
        }
        XCTAssertGreaterThan(cleared, 1000) // the functions do clear values
    }

}

extension LivenessTests {
    /// The hand-written functions above (the one-block ones and, through the
    /// fixed point, the others): the linear analysis gives what the fixed
    /// point gives.
    func testStraightLineClearsOnHandWrittenFunctions() throws {
        for text in [Self.twoTrees, Self.pickOneBranch, Self.loopCarried] {
            let m = try module(tree + text)
            for f in m.functions { StraightLineClearsTests.assertSame(f, "\(f.name) in \(text.prefix(40))") }
        }
    }
}
