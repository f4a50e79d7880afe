// Loop versioning for element accesses: a loop whose indices are provably in range
// once a few facts hold at its entry gets a second copy in the generated C without
// those accesses' bounds checks, entered when one test at the loop's entry edge
// finds the facts true; otherwise the loop runs as before, checked. This is what
// n_body needs: `for j in i + 1..nb` indexes seven lists by `len(mass)`, which
// nothing static can relate to the other lists' lengths, but `nb <= len(x)` for
// each of them is one compare before the loop instead of one per element access.
//
// A loop (the natural loop of a header H, found with dominators) is versioned when:
// - nothing in it can change a list header other than list.set's slow path (only
//   ops in keepsListHeaders, or calls of functions that keep them): inside it a
//   length never decreases (LANGUAGE.md lists only grow; the runtime's set only
//   raises the writable length), so a fact `hi <= len(xs)` found at entry holds
//   on every iteration, and the cached data pointers stay right (an unproven
//   access's slow path still reads every header again);
// - some access `xs[a]` in it is proven: xs is cached in C locals and defined
//   outside the loop; the block is dominated by the true target T of a branch on
//   `icmp lt a, hi` (or `icmp le a, hi`) whose other predecessors T dominates
//   (back edges of a loop at T), with `a` defined above T: every entry into T
//   comes through that edge or from below T, where `a` still has the value tested
//   (values are SSA, and its definition is not re-run without passing the edge
//   again); hi is defined outside the loop;
//   and a >= 0 (see nonNegative). The guard then asks `hi <= nXS` for a read and
//   `hi <= wXS` for a write (the writable length, 0 while the store is shared);
//   `hi < nXS` and `hi < wXS` after `le`.
// Non-negative: MochiIR's NonNegativeValues (ValueFacts.swift, shared with the
// bce pass and the Wasm emitter): constants >= 0, list and string lengths, copies,
// `x + y` for x and y non-negative (a checked add that overflows stops the program
// before its result is used), and the parameters of blocks in the loop whose every
// incoming value is (a greatest fixpoint, so induction variables qualify); H's
// values from outside the loop are tested by the guard (`vP >= 0`) instead.
//
// The fast copy is the loop's blocks again, labelled bNf, with the proven accesses
// as plain loads and stores through the cached locals; its edges inside the loop go
// to the fast labels and its exits to the ordinary blocks. Every edge into H from
// outside the loop tests the guard after its parameter moves. Loops of more than
// 400 instructions are left alone (code size), as are loops nested in a versioned
// one (they are copied with it).

import MochiIR

/// One loop with a fast (unchecked) copy: its header, its blocks (header included)
/// and the C condition under which the copy runs.
struct VersionedLoop {
    var header: Int32
    var blocks: Set<Int32>
    var guardCondition: String
}

extension FunctionEmitter {
    mutating func planVersionedLoops() {
        guard let entryBlock = f.entry, f.layout.count > 1, !cachedLists.isEmpty else { return }
        let nb = f.blocks.count
        let entry = Int(entryBlock.index)
        var inLayout = [Bool](repeating: false, count: nb)
        var instBlock = [Int](repeating: -1, count: f.insts.count)
        for b in f.layout {
            inLayout[Int(b.index)] = true
            for id in f[b].insts { instBlock[Int(id.index)] = Int(b.index) }
        }

        // Reverse postorder from the entry (iterative DFS), then predecessors among
        // reachable blocks.
        var visited = [Bool](repeating: false, count: nb)
        var post: [Int] = []
        var stack: [(block: Int, next: Int)] = [(entry, 0)]
        visited[entry] = true
        while let top = stack.last {
            let succ = f.blocks[top.block].terminator.successors
            if top.next < succ.count {
                stack[stack.count - 1].next += 1
                let s = Int(succ[top.next].block.index)
                if s < nb, inLayout[s], !visited[s] { visited[s] = true; stack.append((s, 0)) }
            } else {
                post.append(top.block)
                stack.removeLast()
            }
        }
        let rpo = Array(post.reversed())
        var rpoNum = [Int](repeating: -1, count: nb)
        for (i, b) in rpo.enumerated() { rpoNum[b] = i }
        var preds = [[Int]](repeating: [], count: nb)
        for b in rpo {
            for s in f.blocks[b].terminator.successors where rpoNum[Int(s.block.index)] >= 0 {
                preds[Int(s.block.index)].append(b)
            }
        }

        // Immediate dominators (MochiIR's Cooper-Harvey-Kennedy over reverse-postorder
        // positions), mapped back to block indices.
        var idom = [Int](repeating: -1, count: nb)
        let idomPos = immediateDominators(preds: rpo.map { b in preds[b].map { rpoNum[$0] } })
        for (i, b) in rpo.enumerated() where idomPos[i] >= 0 { idom[b] = rpo[idomPos[i]] }
        func dominates(_ a: Int, _ b: Int) -> Bool {
            if b < 0 || rpoNum[b] < 0 { return false }
            var x = b
            while true {
                if x == a { return true }
                if x == entry || idom[x] == -1 { return false }
                x = idom[x]
            }
        }
        func defBlock(_ v: Value) -> Int {
            switch f.valueDefs[Int(v.index)] {
            case .param(let b, _): return Int(b.index)
            case .inst(let id): return instBlock[Int(id.index)]
            }
        }

        // Natural loops, one per header (all its back edges together).
        var loops: [(header: Int, body: Set<Int>)] = []
        for h in rpo where h != entry {
            let latches = preds[h].filter { dominates(h, $0) }
            if latches.isEmpty { continue }
            var body: Set<Int> = [h]
            var work = latches
            while let x = work.popLast() {
                if body.insert(x).inserted { work += preds[x] }
            }
            loops.append((h, body))
        }
        loops.sort { $0.body.count > $1.body.count }

        var taken: Set<Int> = []
        for (h, body) in loops {
            // Nested in (or, in an irreducible graph, overlapping) one already chosen.
            if body.contains(where: { taken.contains($0) }) { continue }
            if !preds[h].contains(where: { !body.contains($0) }) { continue }
            var size = 0, eligible = true
            for b in body {
                for id in f.blocks[b].insts {
                    let inst = f[id]
                    size += 1
                    if !(FunctionEmitter.keepsListHeaders(inst.op) || callKeepsListHeaders(inst)) { eligible = false }
                }
            }
            if !eligible || size > 400 { continue }
            func outside(_ v: Value) -> Bool { defBlock(v) >= 0 && !body.contains(defBlock(v)) }

            // Non-negative values (MochiIR's shared analysis, ValueFacts.swift): the
            // loop's block parameters are the candidates, and the edges into H from
            // outside the loop do not count, because the guard tests H's parameters
            // (`vP >= 0`) where the loop is entered.
            var nonNeg = NonNegativeValues(f, predecessors: preds, candidate: { body.contains($0) },
                                           counts: { from, to in to != h || body.contains(from) })
            func isNonNeg(_ v: Value) -> Bool { nonNeg.contains(v) }

            // The loop's blocks in reverse postorder: a Set's order changes from run
            // to run, and the facts found first and the guard's terms follow it.
            let ordered = rpo.filter { body.contains($0) }

            // Facts `a < hi` from branches inside the loop, by the true target.
            var facts: [(target: Int, index: Value, bound: Value, inclusive: Bool)] = []
            for b in ordered {
                guard case .brif(let c, let t, let e) = f.blocks[b].terminator, t.block != e.block,
                      case .inst(let cid) = f.valueDefs[Int(c.index)], f[cid].op == .icmp,
                      case .cond(let cc) = f[cid].imm, cc == .lt || cc == .le else { continue }
                let a = f[cid].args[0], hi = f[cid].args[1]
                let tb = Int(t.block.index)
                // T's other predecessors are back edges from below T, and `a` is defined
                // above T: whenever control is in a block T dominates, the last entry
                // into T came through this edge or `a` is unchanged since one that did.
                guard type(a) == .i64, body.contains(tb), tb != b,
                      preds[tb].allSatisfy({ $0 == b || dominates(tb, $0) }),
                      defBlock(a) >= 0, !dominates(tb, defBlock(a)),
                      outside(hi), needed[Int(hi.index)], isNonNeg(a) else { continue }
                facts.append((tb, a, hi, cc == .le))
            }
            if facts.isEmpty { continue }

            var conditions: [String] = []
            var proven: [Int32] = []
            for b in ordered {
                for id in f.blocks[b].insts {
                    let inst = f[id]
                    // A list.get the bce pass marked inbounds is unchecked in both copies
                    // (EmitFunction), so it adds nothing to the guard; a marked list.set
                    // still tests the writable length (copy-on-write), so the guard helps.
                    guard inst.op == .listGet || inst.op == .listSet, isEmitted(inst),
                          !(inst.op == .listGet && inst.inBounds) else { continue }
                    let l = inst.args[0], a = inst.args[1]
                    guard let c = cachedLists.first(where: { $0.list == l }), outside(l) else { continue }
                    guard let fact = facts.first(where: { $0.index == a && dominates($0.target, b) }) else { continue }
                    let write = inst.op == .listSet
                    if write ? !c.writes : !c.reads { continue }
                    proven.append(id.index)
                    // `a < hi` needs hi <= len; `a <= hi` (a sieve's `while k <= m`) hi < len.
                    let cond = "\(v(fact.bound)) \(fact.inclusive ? "<" : "<=") \(write ? "w" : "n")\(l.index)"
                    if !conditions.contains(cond) { conditions.append(cond) }
                }
            }
            if proven.isEmpty { continue }
            var starts: [String] = []
            for p in f.blocks[h].params where isNonNeg(p) && needed[Int(p.index)] { starts.append("\(v(p)) >= 0") }
            provenAccess.formUnion(proven)
            for b in body { taken.insert(b) }
            loopOfHeader[Int32(h)] = versionedLoops.count
            versionedLoops.append(VersionedLoop(header: Int32(h), blocks: Set(body.map { Int32($0) }),
                                                guardCondition: (starts + conditions).joined(separator: " && ")))
        }
    }
}
