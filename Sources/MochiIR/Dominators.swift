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
