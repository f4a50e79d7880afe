// Branch threading before structuring: a block that holds nothing but `brif p, X, Y`
// on one of its own parameters (the join of a short-circuit `a && b`, `a || b`) is
// folded into its predecessors. A `jump B(v...)` becomes `brif v', X, Y` with B's
// parameters replaced by the jump's arguments; an arm of `brif c, ..., B(...)` whose
// argument for p is c itself goes straight to X (then-arm, c is true) or Y (else-arm).
//
// The loop condition `while i < n && x <= 4.0` then branches directly instead of
// passing a bool through a join block, which is what Cranelift's register allocator
// handled badly (values live across the loop were spilled and reloaded on every
// iteration). The IR is not changed: the emitter works on a copy.

import MochiIR

enum BranchThreading {
    /// A copy of `f` with trivial branch joins threaded, or `f` itself when there are none.
    static func thread(_ f: Function) -> Function {
        // A join's parameters may be read only by its own terminator: code in the
        // blocks it dominates could read them too, and they would no longer be set.
        var usedElsewhere = Set<Value>()
        for b in f.layout {
            let bd = f[b]
            for id in bd.insts { for a in f[id].args { usedElsewhere.insert(a) } }
            if case .brif = bd.terminator, bd.insts.isEmpty {
                // a candidate join: its own reads do not count, but what it passes on does
                for bc in bd.terminator.successors { for a in bc.args { usedElsewhere.insert(a) } }
            } else {
                for a in bd.terminator.uses { usedElsewhere.insert(a) }
            }
        }
        func isTrivial(_ b: Block) -> (p: Value, t: BlockCall, e: BlockCall)? {
            let bd = f[b]
            guard bd.insts.isEmpty, case .brif(let p, let t, let e) = bd.terminator,
                  bd.params.contains(p), t.block != b, e.block != b,
                  !bd.params.contains(where: { usedElsewhere.contains($0) }) else { return nil }
            return (p, t, e)
        }
        var candidates = Set<Block>()
        for b in f.layout where isTrivial(b) != nil { candidates.insert(b) }
        if candidates.isEmpty { return f }

        let g = Function(name: f.name, paramTypes: f.paramTypes, returnType: f.returnType, loc: f.loc)
        g.valueTypes = f.valueTypes
        g.valueDefs = f.valueDefs
        g.insts = f.insts
        g.blocks = f.blocks
        g.layout = f.layout

        /// The target's terminator with the target's parameters replaced by `args`.
        func substitute(_ bc: BlockCall, _ params: [Value], _ args: [Value]) -> BlockCall {
            var map: [Value: Value] = [:]
            for (p, a) in zip(params, args) { map[p] = a }
            return BlockCall(bc.block, bc.args.map { map[$0] ?? $0 })
        }
        // Repeated until nothing changes: threading can expose another trivial join.
        var changed = true
        var rounds = 0
        while changed && rounds < 8 {
            changed = false
            rounds += 1
            for b in g.layout {
                let term = g[b].terminator
                switch term {
                case .jump(let bc):
                    guard bc.block != b, let (p, t, e) = trivial(g, bc.block) else { continue }
                    let params = g[bc.block].params
                    guard let k = params.firstIndex(of: p) else { continue }
                    g[b].terminator = .brif(bc.args[k], substitute(t, params, bc.args), substitute(e, params, bc.args))
                    changed = true
                case .brif(let c, let tc, let ec):
                    var newT = tc, newE = ec
                    if tc.block != b, let (p, t, e) = trivial(g, tc.block) {
                        let params = g[tc.block].params
                        if let k = params.firstIndex(of: p), tc.args[k] == c {
                            newT = substitute(t, params, tc.args)  // c is true on this arm
                            _ = e
                        }
                    }
                    if ec.block != b, let (p, t, e) = trivial(g, ec.block) {
                        let params = g[ec.block].params
                        if let k = params.firstIndex(of: p), ec.args[k] == c {
                            newE = substitute(e, params, ec.args)  // c is false on this arm
                            _ = t
                        }
                    }
                    if newT != tc || newE != ec {
                        g[b].terminator = .brif(c, newT, newE)
                        changed = true
                    }
                default:
                    break
                }
            }
        }
        return g

        func trivial(_ g: Function, _ b: Block) -> (p: Value, t: BlockCall, e: BlockCall)? {
            guard candidates.contains(b) else { return nil }
            let bd = g[b]
            guard case .brif(let p, let t, let e) = bd.terminator else { return nil }
            return (p, t, e)
        }
    }
}
