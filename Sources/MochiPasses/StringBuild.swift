// String building: a loop that grows a string by appending to it (`s = s + t` in a
// `for` or `while`) copies everything built so far on every pass, so building a
// 10 MB string from 10-byte pieces copied 5 TB (minutes in every mode). This pass
// carries a list of the pieces through the loop instead and joins it once where the
// loop is left:
//
//   b1(.., p: str):  ..  v = str.concat p, t  ..  jump b1(.., v)     (the back edge)
//   b3 (the exit):   .. uses of p ..
// becomes
//   before the loop: l = list.new s0                (s0: the string entering the loop)
//   b1(.., p: list<str>):  ..  list.push p, t  ..  jump b1(.., p)
//   b3:              e = sconst ""; j = str.join p, e; .. uses of j ..
//
// str.join of the pieces is the concatenation of them (each piece is a string, and
// `p` is no one else's: it is made by the list.new and read only by the push and
// the final join), in time linear in the result.
//
// Requires: a valid function. Establishes: a valid function in which a loop-carried
// `str` block parameter p of a block h has been rewritten only when all hold:
//   * h has exactly one predecessor edge from a block that h dominates (the back
//     edge, from the latch L), and the blocks that reach L without passing h (the
//     loop) are entered only through h;
//   * on the back edge p receives v = str.concat(p, t), where t is not p, and v
//     has no other use;
//   * inside the loop p has no use but that concat (the loop never reads the
//     string it builds);
//   * every edge leaving the loop goes to one block E whose predecessors are all
//     in the loop, so every use of p outside the loop is dominated by E, where the
//     joined string is made;
//   * p never holds null and no piece t is null (join would spell a null piece
//     `<nil>`, concat spells it ""): the entering values and t are made by ops that
//     always return a string (constants, concatenations, formatting, the string
//     builtins);
// (The concat's block dominates L, since v is used there: it runs once a pass.)
// Anything else is left alone.

import MochiIR

public struct StringBuild: FunctionPass {
    public let name = "stringbuild"
    public init() {}

    /// Ops whose `str` result is never null (each runtime function returns a new
    /// string or one of its operands, which are not null either).
    private static let nonNullStrings: Set<Opcode> = [
        .sconst, .strConcat, .tostr, .fmt, .tojson, .strIndex, .strSlice, .strUpper, .strLower, .strTrim,
        .strJoin, .strRepeat, .strPadStart, .strReverse, .strChr,
    ]

    public func run(on f: Function) -> Bool {
        guard f.entry != nil else { return false }
        // Quick exit: no concatenation, nothing to do.
        var any = false
        for b in f.layout where !any {
            for id in f.blocks[Int(b.index)].insts where f.insts[Int(id.index)].op == .strConcat { any = true; break }
        }
        if !any { return false }
        // One loop at a time, with the tables made afresh: each rewrite turns a `str`
        // parameter into a list, so this ends.
        var changed = false
        while rewriteOne(f) { changed = true }
        return changed
    }

    private func rewriteOne(_ f: Function) -> Bool {

        let nb = f.blocks.count
        let reachable = f.reachableBlocks()
        var preds: [[Int32]] = Array(repeating: [], count: nb)
        for b in f.layout where reachable[Int(b.index)] {
            let (s0, s1) = f.successorIndices(Int(b.index))
            if s0 >= 0 { preds[Int(s0)].append(b.index) }
            if s1 >= 0 { preds[Int(s1)].append(b.index) }
        }
        // Where each value is defined: its instruction (-1 for a parameter).
        var defInst: [Int32] = Array(repeating: -1, count: f.valueTypes.count)
        for b in f.layout {
            for id in f.blocks[Int(b.index)].insts {
                if let r = f.insts[Int(id.index)].result { defInst[Int(r.index)] = id.index }
            }
        }
        func nonNull(_ v: Value) -> Bool {
            let i = defInst[Int(v.index)]
            return i >= 0 && StringBuild.nonNullStrings.contains(f.insts[Int(i)].op)
        }

        for h in f.layout where reachable[Int(h.index)] {
            let hi = Int(h.index)
            for (k, p) in f.blocks[hi].params.enumerated() where f.valueTypes[Int(p.index)] == .str {
                if rewrite(f, header: hi, param: k, p, preds: preds, reachable: reachable, defInst: defInst,
                           nonNull: nonNull) {
                    return true
                }
            }
        }
        return false
    }

    private func rewrite(_ f: Function, header hi: Int, param k: Int, _ p: Value, preds: [[Int32]],
                         reachable: [Bool], defInst: [Int32], nonNull: (Value) -> Bool) -> Bool {
        // The loop of each candidate latch: blocks reaching it without passing h.
        var latch: Int32 = -1
        var loop: [Bool] = []
        for l in preds[hi] {
            var inLoop = Array(repeating: false, count: f.blocks.count)
            inLoop[hi] = true
            var stack: [Int32] = []
            if !inLoop[Int(l)] { inLoop[Int(l)] = true; stack.append(l) }
            while let b = stack.popLast() {
                for q in preds[Int(b)] where !inLoop[Int(q)] {
                    inLoop[Int(q)] = true
                    stack.append(q)
                }
            }
            // A back edge only if the walk stayed away from the entry: the entry block
            // reaches nothing backwards, so it is in the set only when it is h itself
            // or the walk escaped the loop.
            let entry = Int(f.entry!.index)
            if inLoop[entry] && entry != hi { continue }
            if latch >= 0 { return false } // two back edges
            latch = l
            loop = inLoop
        }
        guard latch >= 0 else { return false }
        // Entered only through h: no block of the loop but h has a predecessor outside.
        for b in 0..<loop.count where loop[b] && b != hi {
            for q in preds[b] where !loop[Int(q)] { return false }
        }
        // The value carried back: v = str.concat(p, t), used only on the back edge.
        guard case .jump(let back) = f.blocks[Int(latch)].terminator, back.block.index == Int32(hi),
              k < back.args.count else { return false }
        let v = back.args[k]
        let ci = defInst[Int(v.index)]
        guard ci >= 0, f.insts[Int(ci)].op == .strConcat, f.insts[Int(ci)].args.count == 2,
              f.insts[Int(ci)].args[0] == p, f.insts[Int(ci)].args[1] != p, nonNull(f.insts[Int(ci)].args[1]) else {
            return false
        }
        // Uses: p only by that concat inside the loop; v only on the back edge.
        var exitBlock: Int32 = -1
        for b in f.layout {
            let bi = Int(b.index)
            let inside = bi < loop.count && loop[bi]
            // Uses in blocks the entry cannot reach are not rewritten: leave such a loop.
            let strict = inside || !reachable[bi]
            for id in f.blocks[bi].insts {
                let i = Int(id.index)
                for a in f.insts[i].args {
                    if a == v && i != Int(ci) { return false }
                    if a == p && strict && i != Int(ci) { return false }
                }
            }
            var bad = false
            var vUses = 0
            f.blocks[bi].terminator.forEachUse { u in
                if u == p && strict { bad = true }
                if u == v { vUses += 1 }
            }
            if bad || (vUses > 0 && (bi != Int(latch) || vUses != 1)) { return false }
            // Exits: edges from the loop to outside blocks, all to one block whose
            // predecessors are all in the loop.
            if inside {
                let (s0, s1) = f.successorIndices(bi)
                for s in [s0, s1] where s >= 0 && !loop[Int(s)] {
                    if exitBlock >= 0 && exitBlock != s { return false }
                    exitBlock = s
                }
            }
        }
        if exitBlock >= 0 {
            for q in preds[Int(exitBlock)] where !loop[Int(q)] { return false }
        }
        // What enters the loop in p must not be null either.
        var entries: [Int32] = []
        for q in preds[hi] where q != latch {
            guard !loop[Int(q)] else { return false }
            var ok = true
            forEachEdge(f, from: q, to: Int32(hi)) { c in
                if k >= c.args.count || !nonNull(c.args[k]) { ok = false }
            }
            if !ok { return false }
            if !entries.contains(q) { entries.append(q) }
        }
        guard !entries.isEmpty else { return false }

        // Rewrite. Before the loop: each entering string becomes a one-piece list.
        let listType = IRType.list(.str)
        for q in entries {
            let qi = Int(q)
            var entering: [Value] = []
            forEachEdge(f, from: q, to: Int32(hi)) { c in entering.append(c.args[k]) }
            var made: [Value: Value] = [:]
            for s0 in entering where made[s0] == nil {
                let id = f.append(to: Block(q), .listNew, type: listType, args: [s0], loc: f.blocks[qi].terminatorLoc)
                made[s0] = f.insts[Int(id.index)].result!
            }
            f.blocks[qi].terminator = f.blocks[qi].terminator.mapCalls { c in
                guard c.block.index == Int32(hi) else { return c }
                var c2 = c
                c2.args[k] = made[c.args[k]]!
                return c2
            }
        }
        f.valueTypes[Int(p.index)] = listType
        // The concatenation becomes a push; the back edge carries the list itself.
        let t = f.insts[Int(ci)].args[1]
        f.insts[Int(ci)].op = .listPush
        f.insts[Int(ci)].args = [p, t]
        f.insts[Int(ci)].result = nil
        f.blocks[Int(latch)].terminator = f.blocks[Int(latch)].terminator.mapCalls { c in
            guard c.block.index == Int32(hi) else { return c }
            var c2 = c
            c2.args[k] = p
            return c2
        }
        // Outside the loop the string is the pieces joined, made once where the loop exits.
        guard exitBlock >= 0 else { return true } // the loop is never left normally
        let ei = Int(exitBlock)
        let loc = f.blocks[ei].insts.first.map { f.insts[Int($0.index)].loc } ?? f.blocks[ei].terminatorLoc
        let sep = f.append(to: Block(exitBlock), .sconst, type: .str, args: [], imm: .string(""), loc: loc)
        let join = f.append(to: Block(exitBlock), .strJoin, type: .str, args: [p, f.insts[Int(sep.index)].result!], loc: loc)
        var insts = f.blocks[ei].insts
        insts.removeLast(2)
        f.blocks[ei].insts = [sep, join] + insts
        let j = f.insts[Int(join.index)].result!
        for b in f.layout {
            let bi = Int(b.index)
            if bi < loop.count && loop[bi] { continue }
            for id in f.blocks[bi].insts where id != join {
                let i = Int(id.index)
                for a in 0..<f.insts[i].args.count where f.insts[i].args[a] == p { f.insts[i].args[a] = j }
            }
            f.blocks[bi].terminator = f.blocks[bi].terminator.mapValues { $0 == p ? j : $0 }
        }
        return true
    }

    private func forEachEdge(_ f: Function, from q: Int32, to h: Int32, _ body: (BlockCall) -> Void) {
        f.blocks[Int(q)].terminator.forEachCall { c in if c.block.index == h { body(c) } }
    }

}
