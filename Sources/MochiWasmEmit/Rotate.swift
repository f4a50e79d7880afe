// Loop rotation before structuring, in recursive functions: a loop header H that
// holds only a pure test (GuardInliner.isPureTest ops) and branches out of the loop
// on one arm (X) and into the body on the other (Y) is copied into each of its
// predecessors, so the loop's back edge tests and branches straight to X or Y, and
// Y becomes the loop's header. -O1's accum pass makes such a loop of fib's second
// call (`while n >= 2 { ..call.. n = n - 2 }`, the test repeated at the top); in
// that form Cranelift kept the loop's values in more registers than it had (moves
// on every iteration, five callee-saved registers saved) and took three taken
// branches per iteration. Rotated, with the predecessor's own identical test
// answering the entry's copy (the accum pass's copy of the entry test in front):
// fib 27 Wasm: fib's own code 18.4M -> 14.3M instructions with the check below.
//
// The rewrite (on a copy; the IR is not changed): every predecessor P of H ends in
// `jump H(a...)` (the test is appended to P, its values renamed, and P branches to
// X(a...) or Y(a...)) or in a `brif c0` one of whose arms is H(a...) where c0 is the
// very test H makes on a... (same icmp on the same operands: that arm goes to X(a...)
// or Y(a...) as c0 decides). Y takes H's parameters (the same values: Y and the
// blocks it dominates read them unchanged), X fresh ones that replace H's in the
// blocks X dominates. Conditions: X and Y have H as their only predecessor and are
// the only blocks H immediately dominates, H's results are read only by its own
// branch. The test is pure, so running it in P instead of H changes nothing but its
// cost. The emitter's branch facts (findBoundedArithmetic) learn what held on H's
// edge to Y through `Fact`: it holds on every edge into Y, as Y's parameters are
// the values the test was made on.
//
// Only loops that call their own function are rotated (the accum loop): the
// list-loop recognisers (fill, copy, reserve, versioned loops) expect loops whose
// header tests (a recursive function's `for` loop that does not call it, such as
// tests/wasm/versioned_arith.mochi's `deep`, keeps its versioned copy), and this is
// the shape measured.

import MochiIR

enum LoopRotation {
    /// The test `test` (an icmp of the removed header) had outcome `truth` on every
    /// edge into `target`.
    struct Fact { var target: Block; var test: InstID; var truth: Bool }

    static func rotate(_ f0: Function) -> (Function, [Fact]) {
        guard f0.insts.contains(where: { inst in
            if inst.op == .call, case .function(let name) = inst.imm { return name == f0.name }
            return false
        }) else { return (f0, []) }
        var f = f0
        var copied = false
        var facts: [Fact] = []
        for _ in 0..<4 {
            guard let (g, fact) = rotateOne(f, copy: !copied) else { break }
            f = g
            copied = true
            facts.append(fact)
        }
        return (f, facts)
    }

    private static func rotateOne(_ f: Function, copy: Bool) -> (Function, Fact)? {
        guard let entry = f.entry else { return nil }
        let n = f.blocks.count
        var succ = Array(repeating: [Int](), count: n)
        for b in f.layout { succ[Int(b.index)] = f[b].terminator.successors.map { Int($0.block.index) } }
        let a = Analysis(ControlFlowGraph(successors: succ, entry: Int(entry.index)))
        guard a.reducible else { return nil }
        var preds = Array(repeating: [Int](), count: n)
        for x in a.order { for s in succ[x] { preds[s].append(x) } }
        var def: [Int32: InstID] = [:]
        for b in f.layout { for id in f[b].insts { if let r = f[id].result { def[r.index] = id } } }
        func sameTest(_ c0: Value, _ test: Inst, _ map: [Int32: Value]) -> Bool {
            guard let d = def[c0.index], f[d].op == .icmp, test.op == .icmp, f[d].imm == test.imm else { return false }
            return f[d].args == test.args.map { map[$0.index] ?? $0 }
        }
        for h in a.order where a.isLoopHeader[h] && h != Int(entry.index) {
            let hd = f.blocks[h]
            guard hd.insts.count <= 8, hd.insts.allSatisfy({ GuardInliner.isPureTest(f[$0].op) }),
                  case .brif(let c, let t, let e) = hd.terminator, t.args.isEmpty, e.args.isEmpty,
                  t.block != e.block, Int(t.block.index) != h, Int(e.block.index) != h,
                  preds[Int(t.block.index)] == [h], preds[Int(e.block.index)] == [h],
                  Set(a.domChildren[h]) == Set([Int(t.block.index), Int(e.block.index)]),
                  let cid = def[c.index], hd.insts.contains(cid) else { continue }
            // H's results are read by its branch only.
            var own = Set<Int32>()
            for id in hd.insts { if let r = f[id].result { own.insert(r.index) } }
            var readElsewhere = false
            for b in f.layout where Int(b.index) != h {
                for id in f[b].insts where f[id].args.contains(where: { own.contains($0.index) }) { readElsewhere = true }
                f[b].terminator.forEachUse { if own.contains($0.index) { readElsewhere = true } }
            }
            if readElsewhere { continue }
            // Y: the arm the loop's back edges come from.
            let latches = preds[h].filter { a.rpo[$0] >= a.rpo[h] }
            let ti = Int(t.block.index), ei = Int(e.block.index)
            let y: Int
            if !latches.isEmpty && latches.allSatisfy({ a.dominates(ti, $0) }) { y = ti }
            else if !latches.isEmpty && latches.allSatisfy({ a.dominates(ei, $0) }) { y = ei }
            else { continue }
            let x = y == ti ? ei : ti
            // The loop (its blocks: back from the latches to H) calls f itself.
            var inLoop: Set<Int> = [h]
            var back = latches
            while let b = back.popLast() {
                if inLoop.insert(b).inserted { back += preds[b] }
            }
            guard inLoop.contains(where: { b in
                f.blocks[b].insts.contains { id in
                    if f[id].op == .call, case .function(let name) = f[id].imm { return name == f.name }
                    return false
                }
            }) else { continue }
            // Every predecessor must be rewritable.
            var ok = true
            for p in preds[h] {
                switch f.blocks[p].terminator {
                case .jump: break
                case .brif(let c0, let pt, let pe):
                    for arm in [pt, pe] where Int(arm.block.index) == h {
                        var map: [Int32: Value] = [:]
                        for (q, v) in zip(hd.params, arm.args) { map[q.index] = v }
                        if !sameTest(c0, f[cid], map) { ok = false }
                    }
                    if pt.block == pe.block { ok = false }
                default: ok = false
                }
            }
            if !ok { continue }

            // Rewrite.
            let g: Function
            if copy {
                g = Function(name: f.name, paramTypes: f.paramTypes, returnType: f.returnType, loc: f.loc)
                g.valueTypes = f.valueTypes
                g.valueDefs = f.valueDefs
                g.insts = f.insts
                g.blocks = f.blocks
                g.layout = f.layout
            } else {
                g = f
            }
            let hb = Block(Int32(h)), yb = Block(Int32(y)), xb = Block(Int32(x))
            let params = hd.params
            for p in preds[h] {
                let pb = Block(Int32(p))
                switch g[pb].terminator {
                case .jump(let bc):
                    var map: [Int32: Value] = [:]
                    for (q, v) in zip(params, bc.args) { map[q.index] = v }
                    for id in hd.insts {
                        let inst = g[id]
                        let nid = InstID(Int32(g.insts.count))
                        var result: Value? = nil
                        if let r = inst.result {
                            let v = g.makeValue(g.type(of: r), .inst(nid))
                            map[r.index] = v
                            result = v
                        }
                        let m = map
                        g.insts.append(Inst(op: inst.op, result: result, args: inst.args.map { m[$0.index] ?? $0 },
                                            imm: inst.imm, loc: inst.loc))
                        g[pb].insts.append(nid)
                    }
                    let c2 = map[c.index]!
                    g[pb].terminator = .brif(c2, BlockCall(t.block, bc.args), BlockCall(e.block, bc.args))
                    g[pb].terminatorLoc = hd.terminatorLoc
                case .brif(let c0, let pt, let pe):
                    // (checked above: c0 is H's test on this arm's arguments)
                    func redirect(_ arm: BlockCall, _ outcome: Bool) -> BlockCall {
                        guard arm.block == hb else { return arm }
                        return BlockCall(outcome ? t.block : e.block, arm.args)
                    }
                    g[pb].terminator = .brif(c0, redirect(pt, true), redirect(pe, false))
                default:
                    break
                }
            }
            // Y takes H's parameters; X fresh ones, renamed in the blocks X dominates.
            for (i, q) in params.enumerated() { g.valueDefs[Int(q.index)] = .param(yb, i) }
            g[yb].params = params
            var rename: [Int32: Value] = [:]
            var xParams: [Value] = []
            for (i, q) in params.enumerated() {
                let v = g.makeValue(g.type(of: q), .param(xb, i))
                rename[q.index] = v
                xParams.append(v)
            }
            g[xb].params = xParams
            var work = [x]
            while let b = work.popLast() {
                work += a.domChildren[b]
                let bb = Block(Int32(b))
                for id in g[bb].insts { g[id].args = g[id].args.map { rename[$0.index] ?? $0 } }
                func r(_ bc: BlockCall) -> BlockCall { BlockCall(bc.block, bc.args.map { rename[$0.index] ?? $0 }) }
                switch g[bb].terminator {
                case .jump(let bc): g[bb].terminator = .jump(r(bc))
                case .brif(let v, let bt, let be): g[bb].terminator = .brif(rename[v.index] ?? v, r(bt), r(be))
                case .ret(let v): g[bb].terminator = .ret(v.map { rename[$0.index] ?? $0 })
                case .unreachable: break
                }
            }
            g[hb].params = []
            g[hb].insts = []
            g[hb].terminator = .unreachable
            g.layout.removeAll { $0 == hb }
            return (g, Fact(target: yb, test: cid, truth: y == ti))
        }
        return nil
    }
}
