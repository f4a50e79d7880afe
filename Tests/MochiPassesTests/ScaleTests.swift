// The passes run on functions lowered from 50,000-line programs, so they must stay
// near linear. This builds one large function mixing the shapes that would expose a
// quadratic walk (a long chain of diamonds with join parameters, a long chain of
// empty forwarding blocks, a long jump chain to merge, nested loop headers) and
// checks that -O1 finishes well within a generous bound and leaves it well formed.

import Foundation
import MochiIR
import MochiPasses
import XCTest

final class ScaleTests: XCTestCase {
    func testLargeFunctionOptimisesQuickly() {
        let n = 5_000
        let f = makeFunction([.i64, .bool]) { b in
            var acc = b.entryParams[0]
            let c = b.entryParams[1]
            for k in 0..<n {
                // Diamond whose join parameter receives the same value on both sides
                // half of the time.
                let t = b.makeBlock(), e = b.makeBlock(), join = b.makeBlock(params: [.i64])
                let x = b.emit(.iadd, .i64, [acc, b.iconst(Int64(k % 7))])
                b.brif(c, t, [], e, [])
                b.switchTo(t)
                b.jump(join, [x])
                b.switchTo(e)
                b.jump(join, [k % 2 == 0 ? x : acc])
                b.switchTo(join)
                acc = b.emit(.copy, .i64, [b.params(of: join)[0]])
            }
            // n empty forwarding blocks in a row, each passing its parameter on.
            var fwd = b.makeBlock(params: [.i64])
            b.jump(fwd, [acc])
            for _ in 0..<n {
                let next = b.makeBlock(params: [.i64])
                b.switchTo(fwd)
                b.jump(next, [b.params(of: fwd)[0]])
                fwd = next
            }
            b.switchTo(fwd)
            acc = b.params(of: fwd)[0]
            // A jump chain of non-empty blocks.
            for _ in 0..<n {
                let next = b.makeBlock(params: [.i64])
                b.jump(next, [b.emit(.isub, .i64, [acc, b.iconst(1)])])
                b.switchTo(next)
                acc = b.params(of: next)[0]
            }
            b.ret(acc)
        }
        let blocks = f.layout.count
        let start = Date()
        let m = Module()
        m.functions = [f]
        optimize(m, level: .O1, printAfter: nil) { _ in }
        let seconds = Date().timeIntervalSince(start)
        XCTAssertLessThan(seconds, 20, "-O1 took \(seconds)s on \(blocks) blocks")
        XCTAssertLessThan(f.layout.count, blocks / 3)
        assertWellFormed(f)
        XCTAssertEqual(evaluate(f, [0, 1]), evaluate(f, [0, 1]))
    }
}
