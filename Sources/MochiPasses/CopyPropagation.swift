// Copy propagation: every use of a `copy` result is replaced by the copied value,
// and every block parameter that always receives the same value is replaced by that
// value (the parameter and the matching argument on every incoming edge are removed).
//
// Requires: a valid function.
// Establishes: a valid function in which no operand is a `copy` result and no
// parameter of a reachable, non-entry block receives one single value on all its
// incoming edges (an argument that is the parameter itself, as on a loop back edge,
// does not count). The `copy` instructions themselves are left, unused, for
// DeadCodeElimination.
//
// Why removing such a parameter is sound: if every edge into block B passes either v
// or the parameter p itself, the first arrival at B on any path from the entry must
// pass v (an edge passing p starts in a block B dominates), so v's definition
// dominates B and can stand for p everywhere. This is the trivial-phi rule of Braun
// et al., "Simple and Efficient Construction of SSA Form". Parameters of blocks not
// reachable from the entry are left alone: dominance says nothing there. Removing one
// parameter can make another trivial (nested loop headers), so the pass repeats until
// nothing changes; the number of rounds is bounded by the loop nesting depth in
// practice and by the number of parameters in any case.

import MochiIR

public struct CopyPropagation: FunctionPass {
    public let name = "copyprop"
    public init() {}

    public func run(on f: Function) -> Bool {
        guard let entry = f.entry else { return false }
        var repl = ValueReplacements(count: f.valueTypes.count)
        var anyParams = false
        for b in f.layout {
            let bi = Int(b.index)
            if b != entry && !f.blocks[bi].params.isEmpty { anyParams = true }
            let n = f.blocks[bi].insts.count
            for k in 0..<n {
                // Field by field: copying the instruction out retains its operands.
                let i = Int(f.blocks[bi].insts[k].index)
                if f.insts[i].op == .copy, let r = f.insts[i].result, f.insts[i].args.count == 1,
                   f.insts[i].args[0] != r {
                    repl.replace(r, with: f.insts[i].args[0])
                }
            }
        }
        // No copy and no parameter outside the entry block: nothing to replace.
        if repl.isEmpty && !anyParams { return false }

        let reachable = f.reachableBlocks()
        // For each parameter: unseen (-1), one incoming value (its index), or
        // several (-2). Reset per round over the parameters only.
        var incoming: [Int32] = Array(repeatElement(-1, count: f.valueTypes.count))
        var removedParams: [Bool] = Array(repeatElement(false, count: f.valueTypes.count))
        while true {
            for b in f.layout {
                for p in f.blocks[Int(b.index)].params { incoming[Int(p.index)] = -1 }
            }
            // The arrays are passed inout rather than captured by a closure (a capture
            // was retained per call, so each write copied the array).
            func tally(_ call: BlockCall, _ incoming: inout [Int32], _ repl: inout ValueReplacements) {
                if call.args.isEmpty { return }
                let params = f.blocks[Int(call.block.index)].params
                for (k, a) in call.args.enumerated() where k < params.count {
                    let p = params[k]
                    let v = repl.resolve(a)
                    if v == p { continue }
                    let s = incoming[Int(p.index)]
                    if s == -1 { incoming[Int(p.index)] = v.index } else if s != v.index { incoming[Int(p.index)] = -2 }
                }
            }
            for b in f.layout {
                switch f.blocks[Int(b.index)].terminator {
                case .jump(let c): tally(c, &incoming, &repl)
                case .brif(_, let t, let e):
                    tally(t, &incoming, &repl)
                    tally(e, &incoming, &repl)
                case .ret, .unreachable: break
                }
            }
            // Decide, block by block in layout order; a decision made earlier in
            // the round is seen through `repl`, which keeps the substitution acyclic.
            var touched: [Block] = []
            for b in f.layout where b != entry && reachable[Int(b.index)] {
                var any = false
                for p in f.blocks[Int(b.index)].params {
                    let s = incoming[Int(p.index)]
                    guard s >= 0 else { continue }
                    let v = repl.resolve(Value(s))
                    if v == p { continue }
                    repl.replace(p, with: v)
                    removedParams[Int(p.index)] = true
                    any = true
                }
                if any { touched.append(b) }
            }
            if touched.isEmpty { break }
            removeParameters(of: touched, removed: removedParams, in: f)
        }
        if repl.isEmpty { return false }
        f.applyReplacements(&repl)
        return true
    }

    /// Drops the flagged parameters of `blocks` and the matching arguments on every
    /// incoming edge, renumbering the surviving parameters' definitions.
    private func removeParameters(of blocks: [Block], removed: [Bool], in f: Function) {
        // Which argument positions survive, per touched block.
        var keep: [[Bool]?] = Array(repeatElement(nil, count: f.blocks.count))
        for b in blocks {
            let params = f.blocks[Int(b.index)].params
            let k = params.map { !removed[Int($0.index)] }
            keep[Int(b.index)] = k
            var survivors: [Value] = []
            for (i, p) in params.enumerated() where k[i] {
                f.valueDefs[Int(p.index)] = .param(b, survivors.count)
                survivors.append(p)
            }
            f.blocks[Int(b.index)].params = survivors
        }
        for b in f.layout {
            let t = f.blocks[Int(b.index)].terminator
            var hit = false
            let (s0, s1) = f.successorIndices(Int(b.index))
            if (s0 >= 0 && keep[Int(s0)] != nil) || (s1 >= 0 && keep[Int(s1)] != nil) { hit = true }
            if !hit { continue }
            f.blocks[Int(b.index)].terminator = t.mapCalls { c in
                guard let k = keep[Int(c.block.index)] else { return c }
                var args: [Value] = []
                for (i, a) in c.args.enumerated() where i >= k.count || k[i] { args.append(a) }
                return BlockCall(c.block, args)
            }
        }
    }
}
