// Dead code elimination: unused pure chains go, instructions with effects the opcode
// table says forbid deletion stay (print, list.set, call, trapping arithmetic,
// expect, panic), and so does everything they or the terminators read.

import MochiIR
import MochiPasses
import XCTest

final class DeadCodeEliminationTests: XCTestCase {
    func testUnusedPureChainIsRemoved() {
        let f = makeFunction([.i64, .f64], returns: .i64) { b in
            let s = b.emit(.strConcat, .str, [b.sconst("a"), b.sconst("b")])
            _ = b.emit(.strLen, .i64, [s])
            let x = b.fconst(1)
            _ = b.emit(.fadd, .f64, [x, b.entryParams[1]])
            _ = b.emit(.listNew, .list(.i64), [b.entryParams[0]])
            _ = b.emit(.icmp, .bool, [b.entryParams[0], b.entryParams[0]], imm: .cond(.eq))
            b.ret(b.entryParams[0])
        }
        XCTAssertTrue(DeadCodeElimination().run(on: f))
        XCTAssertEqual(opcodes(f), [])
        XCTAssertFalse(DeadCodeElimination().run(on: f))
        assertWellFormed(f)
    }

    func testEffectfulInstructionsAndTheirOperandsStay() {
        let m = Module()
        let callee = makeFunction([.i64], returns: .i64, name: "g") { b in b.ret(b.entryParams[0]) }
        let f = makeFunction([.i64], returns: .unit, name: "main") { b in
            let p = b.entryParams[0]
            let msg = b.emit(.strConcat, .str, [b.sconst("n="), b.emit(.tostr, .str, [p])])
            b.emitVoid(.print, [msg])
            let list = b.emit(.listNew, .list(.i64), [p])
            b.emitVoid(.listSet, [list, b.iconst(0), b.iconst(5)])
            _ = b.emit(.call, .i64, [p], imm: .function("g"))         // result unused, still a call
            _ = b.emit(.iadd, .i64, [p, p])                           // may trap: overflow
            _ = b.emit(.idiv, .i64, [p, b.iconst(0)])                 // will trap
            b.emitVoid(.expect, [b.emit(.icmp, .bool, [p, p], imm: .cond(.eq))])
            b.emitVoid(.panic, [b.sconst("boom")])
            _ = b.emit(.imul, .i64, [b.iconst(2), b.iconst(3)])      // traps in principle: kept
            _ = b.emit(.copy, .i64, [p])                             // pure: removed
            b.ret(nil)
        }
        m.functions = [callee, f]
        let before = opcodes(f)
        XCTAssertTrue(DeadCodeElimination().run(on: f))
        let after = opcodes(f)
        XCTAssertEqual(before.filter { $0 != .copy }, after, "only the copy goes")
        assertWellFormed(f, others: [callee])
    }

    func testValuesReadByTerminatorsStay() {
        var kept = Value(0)
        let f = makeFunction([.i64]) { b in
            let next = b.makeBlock(params: [.i64])
            kept = b.emit(.copy, .i64, [b.entryParams[0]])
            let c = b.emit(.icmp, .bool, [kept, b.iconst(0)], imm: .cond(.lt))
            _ = b.emit(.fneg, .f64, [b.fconst(1)])
            b.brif(c, next, [kept], next, [b.iconst(3)])
            b.switchTo(next); b.ret(b.params(of: next)[0])
        }
        XCTAssertTrue(DeadCodeElimination().run(on: f))
        XCTAssertEqual(opcodes(f), [.copy, .iconst, .icmp, .iconst])
        assertWellFormed(f)
    }
}
