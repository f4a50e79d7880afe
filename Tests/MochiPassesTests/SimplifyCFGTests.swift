// CFG simplification: unreachable blocks leave the layout (order of the rest kept),
// jump chains merge into one block with parameters substituted, empty forwarding
// blocks are bypassed unless their parameters are read beyond their own jump, and a
// brif with identical arms becomes a jump.

import MochiIR
import MochiPasses
import XCTest

final class SimplifyCFGTests: XCTestCase {
    func testUnreachableBlocksLeaveTheLayoutInOrder() {
        var blocks: [Block] = []
        let f = makeFunction([.bool]) { b in
            let c = b.entryParams[0]
            let dead1 = b.makeBlock(), t = b.makeBlock(), dead2 = b.makeBlock(), e = b.makeBlock()
            blocks = [dead1, t, dead2, e]
            b.brif(c, t, [], e, [])
            b.switchTo(dead1); b.jump(t)
            b.switchTo(t); b.ret(b.iconst(1))
            b.switchTo(dead2); b.jump(dead1)
            b.switchTo(e); b.ret(b.iconst(2))
        }
        XCTAssertTrue(SimplifyCFG().run(on: f))
        XCTAssertEqual(f.layout, [f.layout[0], blocks[1], blocks[3]])
        assertWellFormed(f)
    }

    func testJumpChainMergesIntoOneBlock() {
        var sum = Value(0), x = Value(0)
        let f = makeFunction([.i64]) { b in
            x = b.entryParams[0]
            let b1 = b.makeBlock(params: [.i64]), b2 = b.makeBlock(params: [.i64])
            b.jump(b1, [x])
            b.switchTo(b1)
            let p1 = b.params(of: b1)[0]
            let y = b.emit(.iadd, .i64, [p1, p1])
            b.jump(b2, [y])
            b.switchTo(b2)
            sum = b.emit(.imul, .i64, [b.params(of: b2)[0], p1])
            b.ret(sum)
        }
        XCTAssertTrue(SimplifyCFG().run(on: f))
        XCTAssertEqual(f.layout.count, 1)
        XCTAssertEqual(opcodes(f), [.iadd, .imul])
        let add = f[f.orderedInsts[0]]
        XCTAssertEqual(add.args, [x, x])
        XCTAssertEqual(definingInst(sum, in: f)?.args, [add.result!, x])
        XCTAssertEqual(f[f.entry!].terminator, .ret(sum))
        assertWellFormed(f)
    }

    func testBlocksWithSeveralPredecessorsOrBranchingPredecessorsAreNotMerged() {
        let g = makeFunction([.bool, .str]) { b in
            let c = b.entryParams[0]
            let t = b.makeBlock(), join = b.makeBlock()
            b.brif(c, t, [], join, [])
            b.switchTo(t); b.emitVoid(.print, [b.entryParams[1]]); b.jump(join)
            b.switchTo(join); b.ret(b.iconst(0))
        }
        XCTAssertFalse(SimplifyCFG().run(on: g))
        XCTAssertEqual(g.layout.count, 3)
        assertWellFormed(g)
    }

    func testEmptyForwardingBlocksAreBypassed() {
        var join = Block(0), v = Value(0), w = Value(0)
        let f = makeFunction([.bool, .i64]) { b in
            let c = b.entryParams[0]
            v = b.entryParams[1]
            w = b.iconst(7)
            let f1 = b.makeBlock(params: [.i64]), f2 = b.makeBlock()
            join = b.makeBlock(params: [.i64, .i64])
            b.brif(c, f1, [v], f2, [])
            b.switchTo(f1); b.jump(join, [w, b.params(of: f1)[0]])
            b.switchTo(f2); b.jump(join, [v, w])
            b.switchTo(join)
            let ps = b.params(of: join)
            b.ret(b.emit(.isub, .i64, [ps[0], ps[1]]))
        }
        XCTAssertTrue(SimplifyCFG().run(on: f))
        XCTAssertEqual(f.layout, [f.entry!, join])
        let c = f[f.entry!].params[0]
        XCTAssertEqual(f[f.entry!].terminator, .brif(c, BlockCall(join, [w, v]), BlockCall(join, [v, w])))
        assertWellFormed(f)
    }

    func testForwardingBlockWhoseParameterIsReadLaterIsKept() {
        let f = makeFunction([.bool, .i64]) { b in
            let c = b.entryParams[0]
            let fwd = b.makeBlock(params: [.i64]), other = b.makeBlock()
            let next = b.makeBlock(params: [.i64])
            b.brif(c, fwd, [b.entryParams[1]], other, [])
            b.switchTo(fwd); b.jump(next, [b.iconst(1)])
            b.switchTo(other); b.ret(b.iconst(0))
            b.switchTo(next)
            // Reads fwd's parameter directly: fwd dominates next.
            b.ret(b.emit(.iadd, .i64, [b.params(of: next)[0], b.params(of: fwd)[0]]))
        }
        _ = SimplifyCFG().run(on: f)
        assertWellFormed(f)
        // next has a single jumping predecessor, so it merges into fwd instead.
        XCTAssertEqual(f.layout.count, 3)
    }

    func testIdenticalBranchArmsBecomeAJump() {
        let f = makeFunction([.bool, .i64]) { b in
            let next = b.makeBlock(params: [.i64])
            b.brif(b.entryParams[0], next, [b.entryParams[1]], next, [b.entryParams[1]])
            b.switchTo(next); b.ret(b.params(of: next)[0])
        }
        XCTAssertTrue(SimplifyCFG().run(on: f))
        XCTAssertEqual(f.layout.count, 1, "the jump then merges")
        XCTAssertEqual(f[f.entry!].terminator, .ret(f[f.entry!].params[1]))
        assertWellFormed(f)
    }

    func testDifferentArgumentsKeepTheBranch() {
        let f = makeFunction([.bool, .i64]) { b in
            let next = b.makeBlock(params: [.i64])
            b.brif(b.entryParams[0], next, [b.entryParams[1]], next, [b.iconst(0)])
            b.switchTo(next); b.ret(b.params(of: next)[0])
        }
        XCTAssertFalse(SimplifyCFG().run(on: f))
        assertWellFormed(f)
    }

    func testLoopsAndTheEntryAreNeverMergedAway() {
        let f = makeFunction([.i64]) { b in
            let loop = b.makeBlock(params: [.i64])
            b.jump(loop, [b.entryParams[0]])
            b.switchTo(loop)
            let i = b.emit(.iadd, .i64, [b.params(of: loop)[0], b.iconst(1)])
            b.jump(loop, [i])
        }
        XCTAssertFalse(SimplifyCFG().run(on: f))
        XCTAssertEqual(f.layout.count, 2)
        assertWellFormed(f)
    }
}
