// Append in place: `v2 = list.append v1, x` becomes `list.push v1, x`, and every use
// of v2 reads v1 instead, when no one can tell the difference. `append` builds a new
// list and leaves v1 as it was; `push` grows v1's own object. The two differ only
// to someone who still looks at the object v1 refers to after the append, so the
// rewrite needs to know every name that object goes by and that none of them is
// read afterwards. In a loop `xs = append(xs, v)` this turns an allocation per
// element (a fresh list header) into an amortised in-place store.
//
// Requires: a valid function; runs best after copy propagation and dead code
// elimination (fewer copies, no unused appends).
// Establishes: a valid function in which a `list.append` has been rewritten only when
// all of the following hold for the alias class of its list operand, the set of
// list values joined by `copy`, by block arguments and their parameters, and by the
// operand and result of `list.append` itself:
//   * every member is defined by `copy`, by a non-entry block parameter or by an op
//     that returns a list no one else holds (`freshLists` below): so the objects
//     the class names were made here, not received (parameters, globals, calls,
//     loads from containers, null);
//   * no member escapes: every use is a jump/branch argument, a `copy`, a
//     `ret` (returning ends the function: no name of the object is used here
//     again, and the caller gets the one object), or an operand position on the
//     allow-list below (ops that only read the list, or mutate it in place
//     without keeping a reference); being stored in a list, map, struct, closure
//     or global, passed to a call, boxed or added to a group all escape, as does
//     any op not listed;
//   * right after the append, no member of the class other than its result is
//     live, so nothing can read the old contents (length) of the object.
// Every other `list.append` is left alone. The rewritten appends' results are
// replaced by their operands; the result values are left unused.
//
// Why this is enough: the objects of a class are reachable only through its members
// (they were made fresh and never stored or passed anywhere), so after the append
// only live members can ever observe the object, and the only live one is the
// append's result, which should see the old elements plus x: exactly what `push`
// leaves in the object. Rewriting several appends of one class at once keeps this
// true, because each check already allows only the result to be live, and a
// replacement maps a member to a member of the same class.

import MochiIR

public struct AppendInPlace: FunctionPass {
    public let name = "appendinplace"
    public init() {}

    /// Ops whose list result is a new object shared with nothing (the runtime builds
    /// each with mochi_list_new or mochi_list_from; `append` may share the element
    /// store with its operand, but never the list object, and `push` on a list that
    /// does not own the end of a shared store copies the store first).
    private static let freshLists: Set<Opcode> = [.listNew, .listAppend, .listSlice, .listConcat, .listUnionAll,
                                                  .listReverse, .listRange, .mapKeys, .mapValues, .sha256]

    /// The operand positions where a list may be read, or mutated in place, without
    /// a reference to it being kept anywhere.
    private static func allowsUse(_ op: Opcode, _ k: Int) -> Bool {
        switch op {
        case .copy, .listAppend, .listLen, .listGet, .listSet, .listPush, .listSlice, .listContains,
             .listReverse, .listSum, .listAvg, .listMin, .listMax, .strJoin, .fmt, .tostr, .tojson, .json, .sha256:
            return k == 0
        case .listConcat, .listUnionAll, .cmp:
            return k <= 1
        default:
            return false
        }
    }

    public func run(on f: Function) -> Bool {
        guard let entry = f.entry else { return false }
        var anyAppend = false
        for b in f.layout where !anyAppend {
            for id in f.blocks[Int(b.index)].insts where f.insts[Int(id.index)].op == .listAppend {
                anyAppend = true
                break
            }
        }
        if !anyAppend { return false }

        let nv = f.valueTypes.count
        var isList: [Bool] = Array(repeatElement(false, count: nv))
        for v in 0..<nv { if case .list = f.valueTypes[v] { isList[v] = true } }

        // Alias classes by union-find over value indices.
        var parent: [Int32] = Array(0..<Int32(nv))
        func find(_ v: Int32) -> Int32 {
            var r = v
            while parent[Int(r)] != r { r = parent[Int(r)] }
            var c = v
            while parent[Int(c)] != r {
                let next = parent[Int(c)]
                parent[Int(c)] = r
                c = next
            }
            return r
        }
        func union(_ a: Value, _ b: Value) {
            let ra = find(a.index), rb = find(b.index)
            if ra != rb { parent[Int(ra)] = rb }
        }
        for b in f.layout {
            let bi = Int(b.index)
            for id in f.blocks[bi].insts {
                let i = Int(id.index)
                guard let r = f.insts[i].result, isList[Int(r.index)] else { continue }
                let op = f.insts[i].op
                if (op == .copy || op == .listAppend) && !f.insts[i].args.isEmpty { union(f.insts[i].args[0], r) }
            }
            f.blocks[bi].terminator.forEachCall { c in
                let params = f.blocks[Int(c.block.index)].params
                for (k, a) in c.args.enumerated() where k < params.count && isList[Int(a.index)] {
                    union(a, params[k])
                }
            }
        }

        // A class is rejected (`bad` at its root) when a member has a foreign source
        // or escapes.
        var bad: [Bool] = Array(repeatElement(false, count: nv))
        for p in f.blocks[Int(entry.index)].params where isList[Int(p.index)] { bad[Int(find(p.index))] = true }
        for b in f.layout {
            let bi = Int(b.index)
            for id in f.blocks[bi].insts {
                let i = Int(id.index)
                let op = f.insts[i].op
                if let r = f.insts[i].result, isList[Int(r.index)], op != .copy, !AppendInPlace.freshLists.contains(op) {
                    bad[Int(find(r.index))] = true
                }
                for (k, a) in f.insts[i].args.enumerated() where isList[Int(a.index)] {
                    if !AppendInPlace.allowsUse(op, k) { bad[Int(find(a.index))] = true }
                }
            }
        }

        // The appends worth checking, and the members of their classes, numbered
        // densely for the liveness bit sets.
        var candidateRoot: [Bool] = Array(repeatElement(false, count: nv))
        var anyCandidate = false
        for b in f.layout {
            for id in f.blocks[Int(b.index)].insts where f.insts[Int(id.index)].op == .listAppend {
                let root = Int(find(f.insts[Int(id.index)].args[0].index))
                if !bad[root] {
                    candidateRoot[root] = true
                    anyCandidate = true
                }
            }
        }
        if !anyCandidate { return false }
        var slot: [Int32] = Array(repeatElement(-1, count: nv))
        var members: [Int32] = []
        for v in 0..<nv where isList[v] && candidateRoot[Int(find(Int32(v)))] {
            slot[v] = Int32(members.count)
            members.append(Int32(v))
        }
        let liveOut = liveOutSets(f, slot: slot, width: members.count)

        // Walk each block backwards from its live-out set; at a candidate append, the
        // live set is what is live just after it.
        var repl = ValueReplacements(count: nv)
        var rewrites: [Int] = []
        let words = (members.count + 63) / 64
        // Blocks the entry cannot reach have no live-out facts; nothing there is touched.
        let reachable = f.reachableBlocks()
        for b in f.layout where reachable[Int(b.index)] {
            let bi = Int(b.index)
            var live = liveOut[bi]
            func use(_ v: Value) {
                let s = slot[Int(v.index)]
                if s >= 0 { live[Int(s) >> 6] |= 1 << UInt64(s & 63) }
            }
            func kill(_ v: Value) {
                let s = slot[Int(v.index)]
                if s >= 0 { live[Int(s) >> 6] &= ~(1 << UInt64(s & 63)) }
            }
            f.blocks[bi].terminator.forEachUse(use)
            for id in f.blocks[bi].insts.reversed() {
                let i = Int(id.index)
                if f.insts[i].op == .listAppend, let r = f.insts[i].result, slot[Int(r.index)] >= 0 {
                    let root = find(r.index)
                    var othersLive = false
                    for w in 0..<words where live[w] != 0 && !othersLive {
                        var bits = live[w]
                        while bits != 0 {
                            let s = w * 64 + bits.trailingZeroBitCount
                            bits &= bits - 1
                            let m = members[s]
                            if m != r.index && find(m) == root { othersLive = true; break }
                        }
                    }
                    if !othersLive {
                        repl.replace(r, with: f.insts[i].args[0])
                        rewrites.append(i)
                    }
                }
                if let r = f.insts[i].result { kill(r) }
                for a in f.insts[i].args { use(a) }
            }
        }
        if rewrites.isEmpty { return false }
        for i in rewrites {
            f.insts[i].op = .listPush
            f.insts[i].result = nil
        }
        f.applyReplacements(&repl)
        return true
    }

    /// Live-out sets of the numbered values (`slot[v] >= 0`) per block, as bit sets
    /// indexed by `Block.index`: the usual backward fixed point, in which a block's
    /// parameters are defined at its top and jump arguments are read at the end of
    /// the jumping block.
    private func liveOutSets(_ f: Function, slot: [Int32], width: Int) -> [[UInt64]] {
        let words = (width + 63) / 64
        let nb = f.blocks.count
        var gen: [[UInt64]] = Array(repeatElement([], count: nb))
        var killed: [[UInt64]] = Array(repeatElement([], count: nb))
        var liveIn: [[UInt64]] = Array(repeatElement([UInt64](repeating: 0, count: words), count: nb))
        var liveOut: [[UInt64]] = Array(repeatElement([UInt64](repeating: 0, count: words), count: nb))
        for b in f.layout {
            let bi = Int(b.index)
            var g = [UInt64](repeating: 0, count: words), k = g
            func use(_ v: Value) {
                let s = slot[Int(v.index)]
                if s >= 0 && k[Int(s) >> 6] & (1 << UInt64(s & 63)) == 0 { g[Int(s) >> 6] |= 1 << UInt64(s & 63) }
            }
            func def(_ v: Value) {
                let s = slot[Int(v.index)]
                if s >= 0 { k[Int(s) >> 6] |= 1 << UInt64(s & 63) }
            }
            for p in f.blocks[bi].params { def(p) }
            for id in f.blocks[bi].insts {
                for a in f.insts[Int(id.index)].args { use(a) }
                if let r = f.insts[Int(id.index)].result { def(r) }
            }
            f.blocks[bi].terminator.forEachUse(use)
            gen[bi] = g
            killed[bi] = k
        }
        // Postorder (successors first) converges in a few rounds on reducible CFGs.
        let order = Array(f.reversePostorder().reversed())
        var changed = true
        while changed {
            changed = false
            for b in order {
                let bi = Int(b.index)
                var out = [UInt64](repeating: 0, count: words)
                let (s0, s1) = f.successorIndices(bi)
                for s in [s0, s1] where s >= 0 {
                    for w in 0..<words { out[w] |= liveIn[Int(s)][w] }
                }
                var inn = out
                for w in 0..<words { inn[w] = gen[bi][w] | (out[w] & ~killed[bi][w]) }
                if out != liveOut[bi] { liveOut[bi] = out; changed = true }
                if inn != liveIn[bi] { liveIn[bi] = inn; changed = true }
            }
        }
        return liveOut
    }
}
