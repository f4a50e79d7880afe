// Which list accesses are proved in range: the proof behind the `inbounds` mark
// (Inst.inBounds). The bce pass (MochiPasses) marks what this proves, and the
// verifier checks every mark in its input against it: an IR file is untrusted, and a
// backend that drops a marked access's check (generated C reads it as a plain load)
// must never read or write outside the list because a file claimed a proof it does
// not have. The proof reads only the function's structure, never the marks, so the
// verifier's answer for bce's own output is the one bce computed.
//
// Requires: a valid function (the verifier runs it only after the function passed).
// Cost: one walk when the function has no list access; otherwise dominators, one
// walk over the branches, and the shared non-negativity analysis (linear).
//
// The proof for an access `xs[a]` in block B:
// - An upper bound: some block T dominating B (B itself included) is the target of
//   one arm of `brif c` from block P, T has no other incoming edge (so the edge
//   P -> T dominates B), the arms go to different blocks, and c is `icmp` on a and
//   `n = list.len xs` that is true on that arm exactly when a < n (`lt a, n` or
//   `gt n, a` on the true arm, `ge a, n` or `le n, a` on the false one). The list
//   operand must be the same SSA value as the access's: a list variable reassigned
//   in the loop is a different value (a block parameter), so `len` of the old list
//   proves nothing about the new one. a is the same SSA value too, and it still has
//   the tested value at B: a's definition dominates P, and re-running it would need
//   a path back to B avoiding the edge, which dominance rules out.
//   The length read at the test still bounds the list at B: lists never shrink
//   (LANGUAGE.md; no IR op removes elements: list.set replaces one, list.push
//   adds one, everything else builds a new list), so len(xs) at B >= n > a.
// - A lower bound, a >= 0 (see nonNegative): an access with a negative index counts
//   from the end, which is a different access from the unchecked one.
//   Non-negative values are MochiIR's NonNegativeValues (ValueFacts.swift, shared
//   with both emitters' loop versioning): integer constants >= 0, list.len and
//   str.len results, copies, `iadd x, y` with both non-negative (iadd traps on
//   overflow, so its result, when there is one, is the true sum), and block
//   parameters whose every incoming argument is non-negative (a greatest fixpoint:
//   induction variables that start at 0 and step by +1 qualify). Here every block's
//   parameters are candidates and every edge counts; function parameters are never
//   assumed non-negative.
//   Or a dominating test the same way as the upper bound: an edge, the only way
//   into its target, on which `icmp` shows a >= k for a constant k >= 0 (`ge a, k`,
//   `gt a, k`, `le k, a`, `lt k, a` on the true arm; `lt a, k`, `le a, k`,
//   `gt k, a`, `ge k, a` on the false one; gt needs k >= -1), as in
//   `if i >= 0 && i < len(xs) { xs[i] }`.


/// The list.get / list.set instructions of a valid function whose index is proved in
/// [0, len(list)) at that point (see the header), in reverse postorder of their blocks.
public func provedInBoundsAccesses(_ f: Function) -> [InstID] {
    let rpo = f.reversePostorder()
    let nb = f.blocks.count

    // Any access to mark at all? Most functions have none; they cost one walk.
    var accesses: [(InstID, Int)] = [] // (instruction, rpo position of its block)
    for (p, b) in rpo.enumerated() {
        for id in f.blocks[Int(b.index)].insts {
            let inst = f.insts[Int(id.index)]
            if (inst.op == .listGet || inst.op == .listSet) && inst.args.count >= 2 {
                accesses.append((id, p))
            }
        }
    }
    if accesses.isEmpty { return [] }

    let g = ProofGraph(f, rpo: rpo)
    let pos = g.pos, preds = g.preds
    func def(_ v: Value) -> Inst? { g.def(v) }

    // Upper-bound facts: at rpo position T, (list, index) pairs with index < len(list);
    // lower-bound facts: values >= 0 on every path into T.
    var facts: [[(list: Value, index: Value)]] = Array(repeatElement([], count: rpo.count))
    var atLeastZero: [[Value]] = Array(repeatElement([], count: rpo.count))
    func constant(_ v: Value) -> Int64? { g.constant(v) }
    for b in rpo {
        guard case .brif(let c, let t, let e) = f.blocks[Int(b.index)].terminator, t.block != e.block,
              let cmp = def(c), cmp.op == .icmp, cmp.args.count == 2, case .cond(let cc) = cmp.imm else { continue }
        // a >= k (k >= 0) on one arm: (a, k as the smallest value a can have there, arm).
        var lower: (Value, Int64, BlockCall)? = nil
        let x = cmp.args[0], y = cmp.args[1]
        if let k = constant(y) {
            switch cc {
            case .ge: lower = (x, k, t)
            case .gt: lower = (x, k == Int64.max ? k : k + 1, t)
            case .lt: lower = (x, k, e)
            case .le: lower = (x, k == Int64.max ? k : k + 1, e)
            default: break
            }
        } else if let k = constant(x) {
            switch cc {
            case .le: lower = (y, k, t)
            case .lt: lower = (y, k == Int64.max ? k : k + 1, t)
            case .gt: lower = (y, k, e)
            case .ge: lower = (y, k == Int64.max ? k : k + 1, e)
            default: break
            }
        }
        if let (a, k, arm) = lower, k >= 0 {
            let q = g.soleEntry(arm)
            if q >= 0 { atLeastZero[q].append(a) }
        }
        // (index, length value, arm on which index < length holds)
        var found: (Value, Value, BlockCall)? = nil
        switch cc {
        case .lt: found = (cmp.args[0], cmp.args[1], t)
        case .gt: found = (cmp.args[1], cmp.args[0], t)
        case .ge: found = (cmp.args[0], cmp.args[1], e)
        case .le: found = (cmp.args[1], cmp.args[0], e)
        default: break
        }
        guard let (a, n, arm) = found, let len = def(n), len.op == .listLen, len.args.count == 1 else { continue }
        let q = g.soleEntry(arm)
        guard q >= 0 else { continue }
        facts[q].append((list: len.args[0], index: a))
    }
    if facts.allSatisfy({ $0.isEmpty }) { return [] }

    // Non-negative values: MochiIR's shared analysis (the rule is in ValueFacts.swift),
    // over every reachable block's parameters (the entry's, the function's own, are
    // never assumed), with every incoming edge counted.
    var blockPreds: [[Int]] = Array(repeatElement([], count: nb))
    for (q, ps) in preds.enumerated() {
        for p in ps { blockPreds[Int(rpo[q].index)].append(Int(rpo[p].index)) }
    }
    var nonNeg = NonNegativeValues(f, predecessors: blockPreds, candidate: { b in pos[b] >= 0 })
    func nonNegative(_ v: Value) -> Bool { nonNeg.contains(v) }

    var proven: [InstID] = []
    for (id, p) in accesses {
        let inst = f.insts[Int(id.index)]
        let xs = inst.args[0], a = inst.args[1]
        let proved = g.anyDominator(of: p) { x in facts[x].contains(where: { $0.list == xs && $0.index == a }) }
        let lowerProved = proved && (nonNegative(a) || g.anyDominator(of: p) { x in atLeastZero[x].contains(a) })
        if proved && lowerProved {
            proven.append(id)
        }
    }
    return proven
}
