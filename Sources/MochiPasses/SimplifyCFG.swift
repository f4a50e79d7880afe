// CFG simplification: drops blocks the entry cannot reach, turns a `brif` whose two
// arms are the same call into a `jump`, routes edges around empty forwarding blocks,
// and merges a block into its only predecessor when that predecessor ends in a
// `jump` to it.
//
// Requires: a valid function.
// Establishes: a valid function whose layout holds only blocks reachable from the
// entry, with no `brif` of two identical arms, no edge into a bypassable empty
// forwarding block, and no block (other than the entry) whose only incoming edge is
// an unconditional jump. Surviving blocks keep their relative layout order.
//
// Forwarding: a block F with no instructions ending in `jump G(args)` can be skipped
// by its predecessors when F's parameters are read nowhere but in that jump (then
// substituting the arguments F would have received is all the rewrite needs).
// Values F's jump reads that are not its parameters dominate F, hence dominate the
// end of every predecessor, so dominance survives; G's dominators are unchanged
// because every new path to G is an old one with F cut out.
//
// Merging B into its only predecessor P (P ends in `jump B(args)`): B's parameters
// become the jump's arguments, B's instructions and terminator move to the end of P.
// P dominates B, so everything B could read is still available.

import MochiIR

public struct SimplifyCFG: FunctionPass {
    public let name = "simplifycfg"
    public init() {}

    public func run(on f: Function) -> Bool {
        guard f.entry != nil else { return false }
        var changed = f.removeUnreachableBlocks()
        // Each step only removes edges or blocks, so this settles quickly; the
        // bound is a guard, not a tuning knob.
        // Every laid-out block is reachable from here on: folding identical arms keeps
        // each block's successors and merging moves a block's edges to its only
        // predecessor, so only bypassing can strand a block, and reachability is
        // recomputed only after a bypass.
        for _ in 0..<8 {
            var round = false
            if foldIdenticalBranches(f) { round = true }
            if bypassForwardingBlocks(f) {
                round = true
                _ = f.removeUnreachableBlocks()
            }
            if foldIdenticalBranches(f) { round = true }
            if mergeBlocks(f) { round = true }
            if !round { break }
            changed = true
        }
        return changed
    }

    /// brif c, bX(a), bX(a)  ->  jump bX(a)
    private func foldIdenticalBranches(_ f: Function) -> Bool {
        var changed = false
        for b in f.layout {
            if case .brif(_, let t, let e) = f.blocks[Int(b.index)].terminator, t == e {
                f.blocks[Int(b.index)].terminator = .jump(t)
                changed = true
            }
        }
        return changed
    }

    private func bypassForwardingBlocks(_ f: Function) -> Bool {
        let entry = f.entry!
        // Cheap test first: without an empty block that jumps on there is nothing to
        // bypass, and the use scan below (every operand of the function) is skipped.
        var anyCandidate = false
        for x in f.layout where x != entry {
            let xi = Int(x.index)
            if f.blocks[xi].insts.isEmpty, case .jump(let g) = f.blocks[xi].terminator, g.block != x, g.block != entry {
                anyCandidate = true
                break
            }
        }
        if !anyCandidate { return false }
        // Values read outside the terminator of the block that defines them as
        // parameters: a forwarding block whose parameter is among them is needed.
        var readElsewhere: [Bool] = Array(repeatElement(false, count: f.valueTypes.count))
        func terminatorRead(_ v: Value, _ b: Block, _ readElsewhere: inout [Bool]) {
            if case .param(let owner, _) = f.valueDefs[Int(v.index)], owner == b { return }
            readElsewhere[Int(v.index)] = true
        }
        for b in f.layout {
            let bi = Int(b.index)
            let n = f.blocks[bi].insts.count
            for k in 0..<n {
                let i = Int(f.blocks[bi].insts[k].index)
                let na = f.insts[i].args.count
                for j in 0..<na { readElsewhere[Int(f.insts[i].args[j].index)] = true }
            }
            switch f.blocks[bi].terminator {
            case .jump(let c): for a in c.args { terminatorRead(a, b, &readElsewhere) }
            case .brif(let v, let t, let e):
                terminatorRead(v, b, &readElsewhere)
                for a in t.args { terminatorRead(a, b, &readElsewhere) }
                for a in e.args { terminatorRead(a, b, &readElsewhere) }
            case .ret(let v): if let v { terminatorRead(v, b, &readElsewhere) }
            case .unreachable: break
            }
        }
        func isForwarder(_ x: Block) -> Bool {
            if x == entry { return false }
            let xi = Int(x.index)
            guard f.blocks[xi].insts.isEmpty, case .jump(let g) = f.blocks[xi].terminator,
                  g.block != x, g.block != entry else { return false }
            for p in f.blocks[xi].params where readElsewhere[Int(p.index)] { return false }
            return true
        }
        // A call into block `x` with arguments `args`, rewritten as the call `x`'s
        // jump makes: x's parameters replaced by the arguments.
        func substitute(_ inner: BlockCall, through x: Block, _ args: [Value]) -> BlockCall {
            let params = f.blocks[Int(x.index)].params
            if params.isEmpty { return inner }
            return BlockCall(inner.block, inner.args.map { a in
                if case .param(let owner, let i) = f.valueDefs[Int(a.index)], owner == x,
                   i < params.count, params[i] == a, i < args.count {
                    return args[i]
                }
                return a
            })
        }
        // The call each forwarding block finally makes once every forwarding block
        // after it is skipped too, expressed over its own parameters. Memoised, so a
        // long chain of forwarders costs linear time, not quadratic; a cycle made
        // only of forwarders stops where it closes.
        var state: [UInt8] = Array(repeatElement(0, count: f.blocks.count))  // 0 new, 1 on path, 2 done
        var final: [BlockCall?] = Array(repeatElement(nil, count: f.blocks.count))
        func finalCall(from start: Block) -> BlockCall {
            var path: [Block] = []
            var x = start
            while isForwarder(x), state[Int(x.index)] == 0 {
                state[Int(x.index)] = 1
                path.append(x)
                guard case .jump(let g) = f.blocks[Int(x.index)].terminator else { break }
                x = g.block
            }
            // Unwind: each block's final call is its own jump continued through the
            // final call of its target (when that target is a finished forwarder).
            for y in path.reversed() {
                guard case .jump(let g) = f.blocks[Int(y.index)].terminator else { continue }
                var r = g
                if state[Int(g.block.index)] == 2, let inner = final[Int(g.block.index)] {
                    r = substitute(inner, through: g.block, g.args)
                }
                final[Int(y.index)] = r
                state[Int(y.index)] = 2
            }
            return final[Int(start.index)]!
        }
        var changed = false
        for b in f.layout {
            let t = f.blocks[Int(b.index)].terminator
            let nt = t.mapCalls { c in
                guard isForwarder(c.block) else { return c }
                return substitute(finalCall(from: c.block), through: c.block, c.args)
            }
            if nt != t {
                f.blocks[Int(b.index)].terminator = nt
                changed = true
            }
        }
        return changed
    }

    private func mergeBlocks(_ f: Function) -> Bool {
        let entry = f.entry!
        let preds = f.predecessorCounts()
        // Cheap test first: no jump into a single-predecessor block means no merge,
        // and the value-sized replacement table below is never built.
        var anyCandidate = false
        for p in f.layout {
            if case .jump(let call) = f.blocks[Int(p.index)].terminator, call.block != p, call.block != entry,
               preds[Int(call.block.index)] == 1 {
                anyCandidate = true
                break
            }
        }
        if !anyCandidate { return false }
        var merged: [Bool] = Array(repeatElement(false, count: f.blocks.count))
        var repl = ValueReplacements(count: f.valueTypes.count)
        var any = false
        for p in f.layout where !merged[Int(p.index)] {
            while case .jump(let call) = f.blocks[Int(p.index)].terminator {
                let b = call.block
                guard b != p, b != entry, preds[Int(b.index)] == 1, !merged[Int(b.index)] else { break }
                let data = f.blocks[Int(b.index)]
                for (param, arg) in zip(data.params, call.args) { repl.replace(param, with: arg) }
                // Through `blocks` directly: the Function subscript copies the block,
                // which would make merging a long chain quadratic.
                let pi = Int(p.index), bi = Int(b.index)
                f.blocks[pi].insts.append(contentsOf: data.insts)
                f.blocks[pi].terminator = data.terminator
                f.blocks[pi].terminatorLoc = data.terminatorLoc
                // The merged block keeps no edges, so nothing is counted twice.
                f.blocks[bi].insts = []
                f.blocks[bi].terminator = .unreachable
                merged[Int(b.index)] = true
                any = true
            }
        }
        guard any else { return false }
        f.layout.removeAll { merged[Int($0.index)] }
        f.applyReplacements(&repl)
        return true
    }
}
