// Dead-reference clearing for the interpreter's frames.
//
// The collector scans every slot of every frame conservatively (Interpreter.swift),
// and the decoder gives each SSA value a slot of its own, so a reference stays a
// root until its frame returns, long after its last use: `check(bottomUp(n))` in a
// long-running function would keep the whole tree alive for the rest of that
// function. Compiled code does not have that problem (a dead register is reused).
// This analysis finds, for each point where a collection can happen while the frame
// is live, the reference slots that may still hold a value no later instruction
// reads, so the interpreter can zero them there:
//
//   * liveness (backward, over reference-typed values only): a value is live after
//     an instruction when some path from there reads it; block parameters are
//     defined on entry to their block, the arguments of a block call are read by the
//     terminator that passes them;
//   * "dirty" slots (forward, may): reference slots that may hold a non-zero value,
//     because the value was defined (parameters on entry) and not cleared since.
//     Frames start with every non-argument slot zeroed.
//
// Collection points are calls (anything can happen in the callee) and the runtime
// ops that may allocate. At a call, the slots cleared are the dirty ones not live
// after it: the callee has its own copies of the arguments by then, so an argument
// whose last use is the call is cleared too (the callee's frame keeps it only as
// long as the callee needs it). Before any other collection point the cleared slots
// are the dirty ones neither live after it nor read by it. Each dead slot is cleared
// once on each path, at the first collection point after its last use, so the cost
// is about one store per dead reference, and nothing at all for scalar values.
//
// Loops: a value that enters a loop dirty but is dead throughout it (typically the
// initial value of a loop-carried reference, copied into the header's parameter)
// would be found dirty at the header on every iteration, since the analysis merges
// the entry and back edges. Such values are cleared on the loop's entry edges
// instead, after the edge's parameter moves, so they cost nothing per iteration.

import MochiIR

/// A set of small integers (reference-value indices) in fixed-size word rows.
private struct BitRows {
    let words: Int
    var bits: [UInt64]

    init(rows: Int, width: Int) {
        words = max(1, (width + 63) / 64)
        bits = Array(repeating: 0, count: rows * words)
    }

    mutating func insert(_ r: Int, _ i: Int) { bits[r * words + i >> 6] |= 1 << UInt64(i & 63) }
}

/// One row of bits, copied out of a `BitRows` or built up. The first two words
/// are stored inline, so a function with at most 128 reference values never
/// allocates for a set (this analysis runs in the JIT's compile time too).
private struct Bits {
    var w0: UInt64 = 0
    var w1: UInt64 = 0
    var rest: [UInt64]? // words 2 and up (nil when there are none: no array to check for uniqueness)
    let words: Int

    init(words: Int) {
        self.words = words
        rest = words > 2 ? Array(repeating: 0, count: words - 2) : nil
    }
    init(_ rows: BitRows, _ r: Int) {
        self.init(words: rows.words)
        for k in 0..<words { self[k] = rows.bits[r * rows.words + k] }
    }

    subscript(k: Int) -> UInt64 {
        @inline(__always) get { k == 0 ? w0 : k == 1 ? w1 : rest![k - 2] }
        @inline(__always) set {
            if k == 0 { w0 = newValue } else if k == 1 { w1 = newValue } else { rest![k - 2] = newValue }
        }
    }
    @inline(__always) mutating func insert(_ i: Int) { self[i >> 6] |= 1 << UInt64(i & 63) }
    @inline(__always) mutating func remove(_ i: Int) { self[i >> 6] &= ~(1 << UInt64(i & 63)) }
    mutating func formUnion(_ rows: BitRows, _ r: Int) {
        for k in 0..<words { self[k] |= rows.bits[r * rows.words + k] }
    }
    mutating func formUnion(_ other: Bits) {
        for k in 0..<words { self[k] |= other[k] }
    }
    /// Removes the members of row `r` of `rows`.
    mutating func subtract(_ rows: BitRows, _ r: Int) {
        for k in 0..<words { self[k] &= ~rows.bits[r * rows.words + k] }
    }
    func store(_ rows: inout BitRows, _ r: Int) {
        for k in 0..<words { rows.bits[r * rows.words + k] = self[k] }
    }
    /// Whether `self` equals row `r` of `rows`.
    func equals(_ rows: BitRows, _ r: Int) -> Bool {
        for k in 0..<words where self[k] != rows.bits[r * rows.words + k] { return false }
        return true
    }
    /// The members of `self` that are neither in row `r` of `rows` nor in `b`.
    func minus(_ rows: BitRows, _ r: Int, _ b: Bits) -> Bits {
        var out = self
        for k in 0..<words { out[k] &= ~(rows.bits[r * rows.words + k] | b[k]) }
        return out
    }
    var isEmpty: Bool {
        for k in 0..<words where self[k] != 0 { return false }
        return true
    }
    func forEach(_ body: (Int) -> Void) {
        for k in 0..<words {
            var x = self[k]
            while x != 0 {
                body(k * 64 + x.trailingZeroBitCount)
                x &= x - 1
            }
        }
    }
}

/// Whether a collection can happen while `op` runs (with this frame live): calls,
/// and every op decoded into a runtime call except the few that never allocate nor
/// run Mochi code. (Only the placement of clears depends on this: an op wrongly
/// counted here gets clears merely earlier, one wrongly left out merely later.)
func mayCollect(_ op: Opcode) -> Bool {
    switch op {
    // Executed inline by the dispatch loop (Interpreter.swift).
    case .iconst, .fconst, .bconst, .sconst, .null, .copy, .iadd, .isub, .imul, .idiv, .irem,
         .ineg, .icmp, .not, .fadd, .fsub, .fmul, .fdiv, .frem, .fneg, .fcmp, .itof, .ftoi,
         .math1, .math2, .listGet, .listSet, .listLen, .fieldGet, .fieldSet, .globalGet,
         .globalSet:
        return false
    case .variantTag:
        return false
    default:
        return true
    }
}

/// Where the interpreter (and the JIT, whose frames are the same) clears dead
/// reference slots in one function.
public struct ReferenceClears {
    /// Per instruction (by `InstID` index): the values whose slots are cleared there,
    /// after the argument copy of a call, before any other instruction.
    public var atInst: [[Value]]
    /// Per control-flow edge, indexed by `edgeKey(block, successor position)`: the
    /// values cleared on that edge, after its parameter moves.
    public var onEdge: [[Value]]

    public static func edgeKey(_ b: Block, _ k: Int) -> Int { Int(b.index) * 2 + k }
}

/// The clears for `f`: only reference-typed values ever appear.
public func deadReferenceClears(_ f: Function) -> ReferenceClears {
    // (Arrays rather than sets and dictionaries throughout: their generic storage
    // types would cost the process a protocol-conformance search on first use.)
    var result = ReferenceClears(atInst: Array(repeating: [], count: f.insts.count),
                                 onEdge: Array(repeating: [], count: f.blocks.count * 2))
    let n = f.valueTypes.count
    // Dense indices for the reference-typed values.
    var refIndex = Array(repeating: -1, count: n)
    var refValue: [Value] = []
    for v in 0..<n where f.valueTypes[v].slotKind == .ref {
        refIndex[v] = refValue.count
        refValue.append(Value(Int32(v)))
    }
    if refValue.isEmpty { return result }
    let layout = f.layout
    var pos = Array(repeating: -1, count: f.blocks.count)
    for (i, b) in layout.enumerated() { pos[Int(b.index)] = i }
    let nb = layout.count
    // Edges by layout position, as plain Ints (arrays of tuples would each cost a
    // generic-metadata lookup as they grow): succ[i * 2 + k] is the position of
    // successor k of block i, or -1; preds[j] lists i * 2 + k for each edge into j.
    var succ = Array(repeating: -1, count: nb * 2)
    var preds = Array(repeating: [Int](), count: nb)
    for (i, b) in layout.enumerated() {
        for (k, s) in f[b].terminator.successors.enumerated() {
            let j = pos[Int(s.block.index)]
            guard j >= 0 else { continue }
            succ[i * 2 + k] = j
            preds[j].append(i * 2 + k)
        }
    }
    // Back edges (to a block on the depth-first search stack) and loop headers.
    var backEdge = Array(repeating: false, count: nb * 2) // from * 2 + k
    var isHeader = Array(repeating: false, count: nb)
    do {
        var state = Array(repeating: 0, count: nb) // 0 new, 1 on the stack, 2 done
        var stack: [Int] = [0] // block * 4 + the next successor to visit
        state[0] = 1
        while let top = stack.last {
            let block = top >> 2, next = top & 3
            if next < 2 {
                stack[stack.count - 1] += 1
                let j = succ[block * 2 + next]
                if j < 0 { continue }
                if state[j] == 1 {
                    backEdge[block * 2 + next] = true
                    isHeader[j] = true
                } else if state[j] == 0 {
                    state[j] = 1
                    stack.append(j << 2)
                }
            } else {
                state[block] = 2
                stack.removeLast()
            }
        }
    }
    @inline(__always) func ri(_ v: Value) -> Int { refIndex[Int(v.index)] }
    let width = refValue.count
    let words = max(1, (width + 63) / 64)

    // The instructions in layout order, read out of the IR once into flat arrays
    // (the fixed points below walk them several times): the result's and the
    // reference arguments' dense indices, and whether a collection can happen.
    var instID: [Int32] = [], instResult: [Int32] = [], argStart: [Int32] = [0], argRefs: [Int32] = []
    var collect: [UInt8] = [] // 0 no, 1 yes (its operands are still read), 2 a call
    var blockFirst = [Int](repeating: 0, count: nb + 1)
    var termUse = BitRows(rows: nb, width: width), paramRow = BitRows(rows: nb, width: width)
    instID.reserveCapacity(f.insts.count); instResult.reserveCapacity(f.insts.count)
    collect.reserveCapacity(f.insts.count); argStart.reserveCapacity(f.insts.count + 1)
    for (i, b) in layout.enumerated() {
        blockFirst[i] = instID.count
        let bd = f[b]
        for p in bd.params where ri(p) >= 0 { paramRow.insert(i, ri(p)) }
        for id in bd.insts {
            let inst = f[id]
            instID.append(id.index)
            instResult.append(inst.result.map { Int32(ri($0)) } ?? -1)
            for a in inst.args where ri(a) >= 0 { argRefs.append(Int32(ri(a))) }
            argStart.append(Int32(argRefs.count))
            collect.append(!mayCollect(inst.op) ? 0 : (inst.op == .call || inst.op == .callClosure) ? 2 : 1)
        }
        for u in bd.terminator.uses where ri(u) >= 0 { termUse.insert(i, ri(u)) }
    }
    blockFirst[nb] = instID.count
    let total = instID.count

    // Liveness: liveIn[b] = live on entry to b after its parameters are bound.
    var liveIn = BitRows(rows: nb, width: width)
    func liveAtEnd(_ i: Int) -> Bits {
        var live = Bits(termUse, i)
        for k in 0..<2 where succ[i * 2 + k] >= 0 { live.formUnion(liveIn, succ[i * 2 + k]) }
        return live
    }
    var changed = true
    while changed {
        changed = false
        for i in stride(from: nb - 1, through: 0, by: -1) {
            var live = liveAtEnd(i)
            for k in stride(from: blockFirst[i + 1] - 1, through: blockFirst[i], by: -1) {
                if instResult[k] >= 0 { live.remove(Int(instResult[k])) }
                for a in argStart[k]..<argStart[k + 1] { live.insert(Int(argRefs[Int(a)])) }
            }
            live.subtract(paramRow, i)
            if !live.equals(liveIn, i) { live.store(&liveIn, i); changed = true }
        }
    }

    // Live-after sets at each collection point (rows of `liveAfter`, by position).
    var collectRow = [Int32](repeating: -1, count: total)
    var rows = 0
    for k in 0..<total where collect[k] != 0 { collectRow[k] = Int32(rows); rows += 1 }
    var liveAfter = BitRows(rows: max(rows, 1), width: width)
    for i in 0..<nb {
        var live = liveAtEnd(i)
        for k in stride(from: blockFirst[i + 1] - 1, through: blockFirst[i], by: -1) {
            if collectRow[k] >= 0 { live.store(&liveAfter, Int(collectRow[k])) }
            if instResult[k] >= 0 { live.remove(Int(instResult[k])) }
            for a in argStart[k]..<argStart[k + 1] { live.insert(Int(argRefs[Int(a)])) }
        }
    }

    // Dirty slots, forward to a fixed point; `record` fills in the clears on the
    // last pass (the sets only grow, so the final pass sees the final sets).
    var dirtyOut = BitRows(rows: nb, width: width)
    func transfer(_ i: Int, record: Bool) -> Bits {
        var dirty = Bits(words: words)
        for e in preds[i] {
            let p = e >> 1, k = e & 1
            if isHeader[i] && !backEdge[p * 2 + k] {
                // A loop entry: what is dead in the loop is cleared on the edge.
                var carried = Bits(dirtyOut, p)
                let dead = carried.minus(liveIn, i, Bits(paramRow, i))
                if !dead.isEmpty {
                    dead.forEach { carried.remove($0) }
                    if record {
                        var vs: [Value] = []
                        dead.forEach { vs.append(refValue[$0]) }
                        result.onEdge[ReferenceClears.edgeKey(layout[p], k)] = vs
                    }
                }
                dirty.formUnion(carried)
            } else {
                dirty.formUnion(dirtyOut, p)
            }
        }
        dirty.formUnion(paramRow, i)
        for k in blockFirst[i]..<blockFirst[i + 1] {
            if collectRow[k] >= 0 {
                var used = Bits(words: words)
                if collect[k] == 1 {
                    for a in argStart[k]..<argStart[k + 1] { used.insert(Int(argRefs[Int(a)])) }
                }
                let dead = dirty.minus(liveAfter, Int(collectRow[k]), used)
                if !dead.isEmpty {
                    dead.forEach { dirty.remove($0) }
                    if record { dead.forEach { result.atInst[Int(instID[k])].append(refValue[$0]) } }
                }
            }
            if instResult[k] >= 0 { dirty.insert(Int(instResult[k])) }
        }
        return dirty
    }
    changed = true
    while changed {
        changed = false
        for i in 0..<nb {
            let out = transfer(i, record: false)
            if !out.equals(dirtyOut, i) { out.store(&dirtyOut, i); changed = true }
        }
    }
    for i in 0..<nb { _ = transfer(i, record: true) }
    return result
}
