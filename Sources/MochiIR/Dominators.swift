// Dominators for the passes and the backends: one implementation of Cooper, Harvey
// and Kennedy's iterative algorithm ("A Simple, Fast Dominance Algorithm") over
// reverse-postorder positions, so each user numbers its blocks as it likes and maps
// the result back. The verifiers and the Wasm structurer keep their own: the
// verifiers run on unverified input with their own scratch arrays and error paths,
// and the structurer answers dominance on its own numbering throughout. The CFG walks
// they start from (successors by index, reverse postorder) are here too, shared by the
// passes and the in-bounds proof the verifier runs.

/// Immediate dominators over reverse-postorder positions (position 0 is the entry, its
/// own dominator), from each position's predecessor positions: the iterative algorithm
/// of Cooper, Harvey and Kennedy. A position no predecessor reaches keeps -1.
public func immediateDominators(preds: [[Int]]) -> [Int] {
    var idom: [Int] = Array(repeatElement(-1, count: preds.count))
    if preds.isEmpty { return idom }
    idom[0] = 0
    var changed = true
    while changed {
        changed = false
        for p in 1..<preds.count {
            var new = -1
            for q in preds[p] where idom[q] >= 0 {
                if new < 0 { new = q; continue }
                var a = q, b = new
                while a != b {
                    while a > b { a = idom[a] }
                    while b > a { b = idom[b] }
                }
                new = a
            }
            if new >= 0 && idom[p] != new { idom[p] = new; changed = true }
        }
    }
    return idom
}

extension Function {
    /// The successor blocks of block `bi` as indices (-1 where there is none). The
    /// CFG walks below use this instead of `forEachSuccessor` with a closure: the
    /// closure's captured arrays were retained per edge, which made writing to them
    /// copy them.
    @inline(__always)
    public func successorIndices(_ bi: Int) -> (Int32, Int32) {
        switch blocks[bi].terminator {
        case .jump(let c): return (c.block.index, -1)
        case .brif(_, let t, let e): return (t.block.index, e.block.index)
        case .ret, .unreachable: return (-1, -1)
        }
    }

    /// Reachable blocks in reverse postorder: every block comes after its dominators,
    /// so a forward walk sees each definition before its uses.
    public func reversePostorder() -> [Block] {
        guard let e = entry else { return [] }
        var visited: [Bool] = Array(repeatElement(false, count: blocks.count))
        var post: [Block] = []
        post.reserveCapacity(layout.count)
        // Explicit stack of (block, next successor index) to survive deep CFGs.
        var stack: [(Int32, Int)] = [(e.index, 0)]
        visited[Int(e.index)] = true
        while !stack.isEmpty {
            let (b, i) = stack[stack.count - 1]
            let (s0, s1) = successorIndices(Int(b))
            let count = s0 < 0 ? 0 : s1 < 0 ? 1 : 2
            if i < count {
                stack[stack.count - 1].1 = i + 1
                let s = i == 0 ? s0 : s1
                if !visited[Int(s)] {
                    visited[Int(s)] = true
                    stack.append((s, 0))
                }
            } else {
                post.append(Block(b))
                stack.removeLast()
            }
        }
        return post.reversed()
    }
}

/// The reachable CFG of a valid function as the verifier's proofs read it
/// (InBoundsProof.swift, VariantProof.swift): reverse-postorder positions, each
/// position's distinct predecessors and incoming edge count (a brif with both arms to
/// one block counts twice), immediate dominators, and each value's defining
/// instruction. A fact that holds on an edge holds at its target when that target has
/// one incoming edge, and then at every block the target dominates.
struct ProofGraph {
    let f: Function
    let rpo: [Block]
    /// Block index -> rpo position (-1: unreachable).
    var pos: [Int]
    var preds: [[Int]]
    var incoming: [Int]
    var idom: [Int] = []
    /// Value index -> defining instruction index (-1: a block parameter or undefined).
    var defInst: [Int32]

    init(_ f: Function, rpo: [Block]) {
        self.f = f
        self.rpo = rpo
        pos = Array(repeatElement(-1, count: f.blocks.count))
        for (i, b) in rpo.enumerated() { pos[Int(b.index)] = i }
        preds = Array(repeatElement([], count: rpo.count))
        incoming = Array(repeatElement(0, count: rpo.count))
        for (i, b) in rpo.enumerated() {
            let (s0, s1) = f.successorIndices(Int(b.index))
            for s in [s0, s1] where s >= 0 && pos[Int(s)] >= 0 {
                let q = pos[Int(s)]
                incoming[q] += 1
                if !preds[q].contains(i) { preds[q].append(i) }
            }
        }
        idom = immediateDominators(preds: preds)
        defInst = Array(repeatElement(-1, count: f.valueTypes.count))
        for b in rpo {
            for id in f.blocks[Int(b.index)].insts {
                if let r = f.insts[Int(id.index)].result { defInst[Int(r.index)] = id.index }
            }
        }
    }

    /// The instruction defining `v`, nil for a block parameter.
    func def(_ v: Value) -> Inst? {
        let i = Int(v.index)
        guard i >= 0, i < defInst.count, defInst[i] >= 0 else { return nil }
        return f.insts[Int(defInst[i])]
    }

    /// The integer `v` holds when an `iconst` defines it.
    func constant(_ v: Value) -> Int64? {
        if let d = def(v), d.op == .iconst, case .int(let k) = d.imm { return k }
        return nil
    }

    /// The rpo position an arm enters when that arm is its only way in (-1 otherwise).
    func soleEntry(_ arm: BlockCall) -> Int {
        let q = pos[Int(arm.block.index)]
        return q >= 0 && incoming[q] == 1 ? q : -1
    }

    /// Whether `holds` is true at rpo position `p` or at one of its dominators.
    func anyDominator(of p: Int, _ holds: (Int) -> Bool) -> Bool {
        var q = p
        while true {
            if holds(q) { return true }
            if q == 0 || idom[q] < 0 || idom[q] == q { return false }
            q = idom[q]
        }
    }
}
