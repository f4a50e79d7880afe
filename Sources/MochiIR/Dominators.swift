// Dominators for the passes and the backends: one implementation of Cooper, Harvey
// and Kennedy's iterative algorithm ("A Simple, Fast Dominance Algorithm") over
// reverse-postorder positions, so each user numbers its blocks as it likes and maps
// the result back. The verifiers and the Wasm structurer keep their own: the
// verifiers run on unverified input with their own scratch arrays and error paths,
// and the structurer answers dominance on its own numbering throughout.

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
