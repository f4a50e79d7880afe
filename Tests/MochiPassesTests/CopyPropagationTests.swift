// Copy propagation: uses of copies are rewritten to the copied value (through
// chains), and block parameters that always receive one value disappear together
// with their arguments, including loop headers whose back edge passes the
// parameter itself and nested loops that need a second round.

import MochiIR
import MochiPasses
import XCTest

final class CopyPropagationTests: XCTestCase {
    func testUsesOfCopiesReadTheSource() {
        var sum = Value(0)
        let f = makeFunction([.i64]) { b in
            let p = b.entryParams[0]
            let c1 = b.emit(.copy, .i64, [p])
            let c2 = b.emit(.copy, .i64, [c1])
            sum = b.emit(.iadd, .i64, [c2, c1])
            b.ret(c2)
        }
        let p = f[f.entry!].params[0]
        XCTAssertTrue(CopyPropagation().run(on: f))
        XCTAssertEqual(definingInst(sum, in: f)?.args, [p, p])
        XCTAssertEqual(f[f.entry!].terminator, .ret(p))
        assertWellFormed(f)
    }

    func testJoinParameterWithOneIncomingValueIsRemoved() {
        var join = Block(0), kept = Value(0)
        let f = makeFunction([.i64, .bool]) { b in
            let x = b.entryParams[0], c = b.entryParams[1]
            let t = b.makeBlock(), e = b.makeBlock()
            join = b.makeBlock(params: [.i64, .i64])
            b.brif(c, t, [], e, [])
            b.switchTo(t); b.jump(join, [x, b.iconst(1)])
            b.switchTo(e); b.jump(join, [x, b.iconst(2)])
            b.switchTo(join)
            let ps = b.params(of: join)
            kept = ps[1]
            b.ret(b.emit(.iadd, .i64, [ps[0], ps[1]]))
        }
        let x = f[f.entry!].params[0]
        XCTAssertTrue(CopyPropagation().run(on: f))
        XCTAssertEqual(f[join].params, [kept])
        XCTAssertEqual(f.valueDefs[Int(kept.index)], .param(join, 0), "surviving parameters are renumbered")
        for b in f.layout {
            for c in f[b].terminator.successors where c.block == join { XCTAssertEqual(c.args.count, 1) }
        }
        let add = f[join].insts.last.map { f[$0] }
        XCTAssertEqual(add?.args, [x, kept])
        assertWellFormed(f)
    }

    func testCopyFeedingAParameterCountsAsTheSource() {
        var join = Block(0)
        let f = makeFunction([.i64, .bool]) { b in
            let x = b.entryParams[0], c = b.entryParams[1]
            let t = b.makeBlock()
            join = b.makeBlock(params: [.i64])
            b.brif(c, t, [], join, [x])
            b.switchTo(t); b.jump(join, [b.emit(.copy, .i64, [x])])
            b.switchTo(join); b.ret(b.params(of: join)[0])
        }
        XCTAssertTrue(CopyPropagation().run(on: f))
        XCTAssertEqual(f[join].params, [])
        XCTAssertEqual(f[join].terminator, .ret(f[f.entry!].params[0]))
        assertWellFormed(f)
    }

    func testLoopInvariantParameterIsRemovedButTheCounterStays() {
        var header = Block(0)
        let f = makeFunction([.i64]) { b in
            let x = b.entryParams[0]
            header = b.makeBlock(params: [.i64, .i64])
            let body = b.makeBlock(), exit = b.makeBlock()
            b.jump(header, [b.iconst(0), x])
            b.switchTo(header)
            let (i, inv) = (b.params(of: header)[0], b.params(of: header)[1])
            b.brif(b.emit(.icmp, .bool, [i, inv], imm: .cond(.lt)), body, [], exit, [])
            b.switchTo(body)
            b.jump(header, [b.emit(.iadd, .i64, [i, b.iconst(1)]), inv])
            b.switchTo(exit); b.ret(inv)
        }
        let x = f[f.entry!].params[0]
        XCTAssertTrue(CopyPropagation().run(on: f))
        XCTAssertEqual(f[header].params.count, 1)
        XCTAssertEqual(f[f.layout.last!].terminator, .ret(x))
        assertWellFormed(f)
    }

    func testNestedLoopHeadersResolveOverRounds() {
        // outer(a): inner(b): ... inner passes b back, exits to outer with b; the
        // outer parameter only ever receives x or (through inner) itself.
        var outer = Block(0), inner = Block(0)
        let f = makeFunction([.i64, .bool]) { b in
            let x = b.entryParams[0], c = b.entryParams[1]
            outer = b.makeBlock(params: [.i64])
            inner = b.makeBlock(params: [.i64])
            let latch = b.makeBlock(), exit = b.makeBlock()
            b.jump(outer, [x])
            b.switchTo(outer); b.jump(inner, [b.params(of: outer)[0]])
            b.switchTo(inner)
            let v = b.params(of: inner)[0]
            b.brif(c, inner, [v], latch, [])
            b.switchTo(latch); b.brif(c, outer, [v], exit, [])
            b.switchTo(exit); b.ret(v)
        }
        let x = f[f.entry!].params[0]
        XCTAssertTrue(CopyPropagation().run(on: f))
        XCTAssertEqual(f[outer].params, [])
        XCTAssertEqual(f[inner].params, [])
        XCTAssertEqual(f[f.layout.last!].terminator, .ret(x))
        assertWellFormed(f)
    }

    func testDifferentIncomingValuesKeepTheParameter() {
        var join = Block(0)
        let f = makeFunction([.i64, .i64, .bool]) { b in
            let (x, y, c) = (b.entryParams[0], b.entryParams[1], b.entryParams[2])
            join = b.makeBlock(params: [.i64])
            let t = b.makeBlock()
            b.brif(c, t, [], join, [x])
            b.switchTo(t); b.jump(join, [y])
            b.switchTo(join); b.ret(b.params(of: join)[0])
        }
        XCTAssertFalse(CopyPropagation().run(on: f))
        XCTAssertEqual(f[join].params.count, 1)
        XCTAssertEqual(f[f.entry!].params.count, 3, "entry parameters are the signature")
    }
}
