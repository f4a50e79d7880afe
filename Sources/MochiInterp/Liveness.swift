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
/// reference slots in one function: per instruction (by `InstID` index) the
/// values whose slots are cleared there, after the argument copy of a call,
/// before any other instruction; per control-flow edge (`edgeKey(block,
/// successor position)`) the values cleared on that edge, after its parameter
/// moves. Each place's values are a list in two flat arrays, not an array per
/// place: a compile analyses thousands of small functions, and an array made
/// and freed per place that clears anything cost more than the analysis.
/// Nothing is allocated when nothing is cleared (most functions).
public struct ReferenceClears {
    /// Per place (the instructions, then the edges from `instCount` on): its
    /// list's first and last entries, -1 when empty. Empty when no place
    /// clears anything.
    var ends: [Int32] = []
    /// The entries, two words each: a value, and the next entry of its list
    /// (-1 after the last).
    var entries: [Int32] = []
    var instCount = 0
    var edgeCount = 0

    public init() {}
    init(instCount: Int, edgeCount: Int) { self.instCount = instCount; self.edgeCount = edgeCount }

    public static func edgeKey(_ b: Block, _ k: Int) -> Int { Int(b.index) * 2 + k }

    /// The first entry of instruction i's list (`InstID` index), -1 when it
    /// clears nothing; `value` reads an entry, `next` moves on (-1 at the end).
    @inline(__always)
    public func first(at i: Int) -> Int32 { 2 * i < ends.count ? ends[2 * i] : -1 }

    /// The first entry of the list of edge `edgeKey(block, k)`, -1 when none.
    @inline(__always)
    public func first(edge key: Int) -> Int32 { first(at: instCount + key) }

    @inline(__always)
    public func value(_ e: Int32) -> Value { Value(entries[2 * Int(e)]) }

    @inline(__always)
    public func next(_ e: Int32) -> Int32 { entries[2 * Int(e) + 1] }

    /// The values cleared at instruction i (by `InstID` index).
    public func at(_ i: Int) -> [Value] { list(first(at: i)) }

    /// The values cleared on the edge `edgeKey(block, k)`.
    public func edge(_ key: Int) -> [Value] { list(first(edge: key)) }

    /// Per instruction, the values cleared there.
    public var atInst: [[Value]] { (0..<instCount).map { at($0) } }

    func list(_ first: Int32) -> [Value] {
        var out: [Value] = []
        var e = first
        while e >= 0 { out.append(value(e)); e = next(e) }
        return out
    }

    mutating func add(_ v: Value, at i: Int) {
        if ends.isEmpty { ends = [Int32](repeating: -1, count: 2 * (instCount + edgeCount)) }
        let e = Int32(entries.count / 2)
        entries.append(v.index)
        entries.append(-1)
        if ends[2 * i] < 0 { ends[2 * i] = e } else { entries[2 * Int(ends[2 * i + 1]) + 1] = e }
        ends[2 * i + 1] = e
    }

    mutating func add(_ v: Value, edge key: Int) { add(v, at: instCount + key) }
}

/// The work memory of `deadReferenceClears`, kept between calls: the JIT
/// lowers thousands of small functions in one compile, and allocating and
/// freeing some thirty arrays for each (with the reference counting of every
/// block and instruction copied out of the IR) cost more than the analysis
/// itself. Each call carves its tables from buffers kept here (their capacity
/// kept); one scratch serves one thread at a time.
public final class LivenessScratch {
    /// The reference arguments of the instructions, in layout order (the one
    /// table whose size is not known before the IR is read).
    var argRefs: [Int32] = []
    /// The raw bit rows (`bitRows`): capacity in words.
    private var bits: UnsafeMutablePointer<UInt64>?
    private var bitsCapacity = 0
    /// The work tables of one call, carved from one buffer (`ScratchBuffer`).
    let work = ScratchBuffer()

    public init() {}
    deinit { bits?.deallocate() }

    /// `count` zeroed words, valid until the next call.
    func bitRows(_ count: Int) -> UnsafeMutablePointer<UInt64> {
        if count > bitsCapacity || bits == nil {
            bits?.deallocate()
            bitsCapacity = max(count, 2 * bitsCapacity, 64)
            bits = .allocate(capacity: bitsCapacity)
        }
        bits!.update(repeating: 0, count: count)
        return bits!
    }
}

/// Work memory for an analysis run once per function: one raw buffer, carved
/// per call into typed tables (`take`) and reused by the next call (`start`).
/// The liveness scratch here and the JIT's register homes use it: a table
/// each as an array, moved out of its scratch, refilled and moved back, with
/// a uniqueness and a bounds check per store, cost them more than their
/// analyses on programs of thousands of small functions.
public final class ScratchBuffer {
    @usableFromInline var memory: UnsafeMutableRawPointer?
    @usableFromInline var capacity = 0
    @usableFromInline var used = 0

    public init() {}
    deinit { memory?.deallocate() }

    /// Makes room for `bytes` (the sum of the `bytes(_:_:)` of the tables to
    /// be taken) and forgets the tables taken before.
    public func start(_ bytes: Int) {
        used = 0
        if bytes > capacity || memory == nil {
            memory?.deallocate()
            capacity = max(bytes, 2 * capacity, 4096)
            memory = .allocate(byteCount: capacity, alignment: 16)
        }
    }

    /// `count` elements of T, each `fill`, carved from the buffer (8-byte
    /// aligned); valid until the next `start`. (Always inlined: an analysis
    /// takes some thirty tables per function, and a call each cost more than
    /// filling a small one.)
    @inlinable @inline(__always)
    public func take<T>(_ count: Int, _ fill: T) -> UnsafeMutablePointer<T> {
        let bytes = Self.bytes(count, T.self)
        precondition(used + bytes <= capacity, "scratch buffer overrun")
        let p = (memory! + used).bindMemory(to: T.self, capacity: max(count, 1))
        p.initialize(repeating: fill, count: max(count, 1))
        used += bytes
        return p
    }

    /// The bytes `take` uses for `count` elements of T.
    @inlinable @inline(__always)
    public static func bytes<T>(_ count: Int, _: T.Type) -> Int { (max(count, 1) * MemoryLayout<T>.stride + 7) & ~7 }
}

/// `a` made n copies of v, its capacity kept. In place: the elements it has
/// overwritten, the rest appended or removed one at a time. (The obvious
/// `removeAll(keepingCapacity:)` + `append(contentsOf: repeatElement(...))`
/// goes through the generic replaceSubrange and a generic append loop, about
/// 300 instructions per call before any element: a compile of the 50,000-line
/// program made some 250,000 of these calls, callgrind.) The JIT's lowering and
/// register homes use it too: public and inlinable so that it stays inlined there.
@inlinable @inline(__always)
public func reset<T>(_ a: inout [T], _ n: Int, _ v: T) {
    let kept = min(a.count, n)
    if kept > 0 { a.withUnsafeMutableBufferPointer { $0.baseAddress!.update(repeating: v, count: kept) } }
    // (A few elements one at a time; more in one call, whose fixed cost
    // is then the smaller part.)
    if a.count > n {
        if a.count - n > 16 { a.removeLast(a.count - n) } else { while a.count > n { a.removeLast() } }
    } else if a.count < n {
        if n - a.count > 8 { a.append(contentsOf: repeatElement(v, count: n - a.count)) } else { while a.count < n { a.append(v) } }
    }
}

/// The clears for `f`: only reference-typed values ever appear.
public func deadReferenceClears(_ f: Function) -> ReferenceClears {
    deadReferenceClears(f, scratch: LivenessScratch())
}

/// The clears for `f`, with `scratch`'s arrays as the work space.
/// `straightLine: false` runs the general fixed point on a function of one
/// block too (the tests compare the two).
public func deadReferenceClears(_ f: Function, scratch sc: LivenessScratch, straightLine: Bool = true) -> ReferenceClears {
    // (Arrays rather than sets and dictionaries throughout: their generic storage
    // types would cost the process a protocol-conformance search on first use.)
    var result = ReferenceClears(instCount: f.insts.count, edgeCount: f.blocks.count * 2)
    let n = f.valueTypes.count
    let layout = f.layout
    let nb = layout.count
    let ni = f.insts.count
    let maxWords = max(1, (n + 63) / 64)
    // The work tables, carved from the scratch's buffer (sized first, for the
    // general analysis or the straight-line one, whichever runs).
    typealias S = ScratchBuffer
    let buf = sc.work
    buf.start(S.bytes(n, Int32.self) + S.bytes(n, Int32.self) // refIndex, refValue
             + S.bytes(f.blocks.count, Int32.self) + S.bytes(nb * 2, Int32.self) + S.bytes(nb + 1, Int32.self)
             + S.bytes(nb * 2, Int32.self) + S.bytes(nb * 2, Bool.self) + S.bytes(nb, Bool.self)
             + S.bytes(nb, UInt8.self) + S.bytes(nb + 1, Int.self) // pos .. stack
             + 3 * S.bytes(ni, Int32.self) + S.bytes(ni + 1, Int32.self) // instID, instResult, collectRow, argStart
             + S.bytes(ni, UInt8.self) + S.bytes(nb + 1, Int32.self) + 2 * S.bytes(nb * maxWords, UInt64.self)
             + 2 * S.bytes(n, Int32.self) + S.bytes(ni + 1, Int32.self)) // straight line: lastUse, defAt, nextCollect
    // Dense indices for the reference-typed values.
    let refIndex = buf.take(n, Int32(-1))
    let refValue = buf.take(n, Int32(0))
    var width = 0
    f.valueTypes.withUnsafeBufferPointer { types in
        for v in 0..<n where types[v].slotKind == .ref {
            refIndex[v] = Int32(width)
            refValue[width] = Int32(v)
            width += 1
        }
    }
    if width == 0 || nb == 0 { return result }
    if straightLine && nb == 1 && straightLineClears(f, refIndex: refIndex, refValue: refValue, width: width, scratch: sc,
                                                     into: &result) { return result }
    let pos = buf.take(f.blocks.count, Int32(-1))
    let succ = buf.take(nb * 2, Int32(-1))
    let predStart = buf.take(nb + 1, Int32(0))
    let preds = buf.take(nb * 2, Int32(0))
    let backEdge = buf.take(nb * 2, false) // from * 2 + k
    let isHeader = buf.take(nb, false)
    let state = buf.take(nb, UInt8(0)) // 0 new, 1 on the stack, 2 done
    let stack = buf.take(nb + 1, 0)
    let instID = buf.take(ni, Int32(0))
    let instResult = buf.take(ni, Int32(0))
    let collectRow = buf.take(ni, Int32(-1))
    let argStart = buf.take(ni + 1, Int32(0))
    let collect = buf.take(ni, UInt8(0))
    let blockFirst = buf.take(nb + 1, Int32(0))
    var argRefs = sc.argRefs; sc.argRefs = []
    defer { sc.argRefs = argRefs }
    for (i, b) in layout.enumerated() { pos[Int(b.index)] = Int32(i) }
    // Edges by layout position, as plain integers: succ[i * 2 + k] is the
    // position of successor k of block i, or -1; preds[predStart[j]..<predStart[j + 1]]
    // lists i * 2 + k for each edge into j, by i and then k.
    f.blocks.withUnsafeBufferPointer { blocks in
        for i in 0..<nb {
            switch blocks[Int(layout[i].index)].terminator {
            case .jump(let c):
                succ[i * 2] = pos[Int(c.block.index)]
            case .brif(_, let t, let e):
                succ[i * 2] = pos[Int(t.block.index)]
                succ[i * 2 + 1] = pos[Int(e.block.index)]
            case .ret, .unreachable: break
            }
            for k in 0..<2 where succ[i * 2 + k] >= 0 { predStart[Int(succ[i * 2 + k]) + 1] += 1 }
        }
    }
    for j in 0..<nb { predStart[j + 1] += predStart[j] }
    do {
        // (Each start is advanced past its edges, then the starts shifted back.)
        for i in 0..<nb {
            for k in 0..<2 where succ[i * 2 + k] >= 0 {
                let j = Int(succ[i * 2 + k])
                preds[Int(predStart[j])] = Int32(i * 2 + k)
                predStart[j] += 1
            }
        }
        var j = nb
        while j >= 1 { predStart[j] = predStart[j - 1]; j -= 1 }
        predStart[0] = 0
    }
    // Back edges (to a block on the depth-first search stack) and loop headers.
    do {
        var depth = 1 // stack[0..<depth]
        stack[0] = 0 // block * 4 + the next successor to visit
        state[0] = 1
        while depth > 0 {
            let top = stack[depth - 1]
            let block = top >> 2, next = top & 3
            if next < 2 {
                stack[depth - 1] += 1
                let j = Int(succ[block * 2 + next])
                if j < 0 { continue }
                if state[j] == 1 {
                    backEdge[block * 2 + next] = true
                    isHeader[j] = true
                } else if state[j] == 0 {
                    state[j] = 1
                    stack[depth] = j << 2
                    depth += 1
                }
            } else {
                state[block] = 2
                depth -= 1
            }
        }
    }
    let words = max(1, (width + 63) / 64)
    let termUse = buf.take(nb * words, UInt64(0))
    let paramRow = buf.take(nb * words, UInt64(0))

    // The instructions in layout order, read out of the IR once into flat tables
    // (the fixed points below walk them several times): the result's and the
    // reference arguments' dense indices, and whether a collection can happen.
    var total = 0
    argRefs.removeAll(keepingCapacity: true)
    f.blocks.withUnsafeBufferPointer { blocks in
    f.insts.withUnsafeBufferPointer { insts in
        for i in 0..<nb {
            blockFirst[i] = Int32(total)
            let bi = Int(layout[i].index)
            for p in blocks[bi].params {
                let r = Int(refIndex[Int(p.index)])
                if r >= 0 { paramRow[i * words + r >> 6] |= 1 << UInt64(r & 63) }
            }
            for id in blocks[bi].insts {
                let x = Int(id.index)
                instID[total] = id.index
                instResult[total] = insts[x].result.map { refIndex[Int($0.index)] } ?? -1
                for a in insts[x].args where refIndex[Int(a.index)] >= 0 { argRefs.append(refIndex[Int(a.index)]) }
                argStart[total + 1] = Int32(argRefs.count)
                let op = insts[x].op
                collect[total] = !mayCollect(op) ? 0 : (op == .call || op == .callClosure) ? 2 : 1
                total += 1
            }
            blocks[bi].terminator.forEachUse { u in
                let r = Int(refIndex[Int(u.index)])
                if r >= 0 { termUse[i * words + r >> 6] |= 1 << UInt64(r & 63) }
            }
        }
    }
    }
    blockFirst[nb] = Int32(total)
    var rows = 0
    for k in 0..<total where collect[k] != 0 { collectRow[k] = Int32(rows); rows += 1 }

    // Every bit row of the fixed points in one raw buffer of the scratch:
    // per block the terminator's uses, the parameters, live-in and dirty-out;
    // live-after per collection point; five temporaries. (Row operations run
    // collection points x words times, through pointers: arrays checked each
    // access for uniqueness and bounds cost more than the operations.)
    let TU = sc.bitRows(words * (4 * nb + max(rows, 1) + 5))
    let PR = TU + nb * words, LI = PR + nb * words, DO = LI + nb * words, LA = DO + nb * words
    let T = LA + max(rows, 1) * words
    TU.update(from: termUse, count: nb * words)
    PR.update(from: paramRow, count: nb * words)
    // Temporary rows.
    let live = T, dirty = T + words, carried = T + 2 * words, dead = T + 3 * words, used = T + 4 * words
    @inline(__always) func insert(_ row: UnsafeMutablePointer<UInt64>, _ i: Int) { row[i >> 6] |= 1 << UInt64(i & 63) }
    @inline(__always) func remove(_ row: UnsafeMutablePointer<UInt64>, _ i: Int) { row[i >> 6] &= ~(1 << UInt64(i & 63)) }

    argRefs.withUnsafeBufferPointer { argRefs in
    @inline(__always) func liveAtEnd(_ i: Int) {
        let s0 = Int(succ[i * 2]), s1 = Int(succ[i * 2 + 1])
        for k in 0..<words {
            var x = TU[i * words + k]
            if s0 >= 0 { x |= LI[s0 * words + k] }
            if s1 >= 0 { x |= LI[s1 * words + k] }
            live[k] = x
        }
    }
    @inline(__always) func step(_ k: Int) {
        if instResult[k] >= 0 { remove(live, Int(instResult[k])) }
        for a in Int(argStart[k])..<Int(argStart[k + 1]) { insert(live, Int(argRefs[a])) }
    }

    // Liveness: liveIn[b] = live on entry to b after its parameters are bound.
    var changed = true
    while changed {
        changed = false
        // (Counting down with while loops: a stride's iterator was a call per step.)
        var i = nb - 1
        while i >= 0 {
            liveAtEnd(i)
            var x = Int(blockFirst[i + 1]) - 1
            while x >= Int(blockFirst[i]) { step(x); x -= 1 }
            for k in 0..<words {
                let x = live[k] & ~PR[i * words + k]
                if x != LI[i * words + k] { LI[i * words + k] = x; changed = true }
            }
            i -= 1
        }
    }

    // Live-after sets at each collection point (rows of LA, by position).
    for i in 0..<nb {
        liveAtEnd(i)
        var k = Int(blockFirst[i + 1]) - 1
        while k >= Int(blockFirst[i]) {
            if collectRow[k] >= 0 { (LA + Int(collectRow[k]) * words).update(from: live, count: words) }
            step(k)
            k -= 1
        }
    }

    // Dirty slots, forward to a fixed point; `record` fills in the clears on the
    // last pass (the sets only grow, so the final pass sees the final sets).
    // The block's dirty-out set is left in `dirty`.
    func transfer(_ i: Int, record: Bool) {
        dirty.update(repeating: 0, count: words)
        for q in Int(predStart[i])..<Int(predStart[i + 1]) {
            let e = Int(preds[q])
            let p = e >> 1, k = e & 1
            if isHeader[i] && !backEdge[p * 2 + k] {
                // A loop entry: what is dead in the loop is cleared on the edge.
                var any: UInt64 = 0
                for w in 0..<words {
                    let c = DO[p * words + w]
                    let d = c & ~(LI[i * words + w] | PR[i * words + w])
                    dead[w] = d
                    carried[w] = c & ~d
                    dirty[w] |= c & ~d
                    any |= d
                }
                if record && any != 0 {
                    let key = ReferenceClears.edgeKey(layout[p], k)
                    for w in 0..<words {
                        var x = dead[w]
                        while x != 0 {
                            result.add(Value(refValue[w * 64 + x.trailingZeroBitCount]), edge: key)
                            x &= x - 1
                        }
                    }
                }
            } else {
                for w in 0..<words { dirty[w] |= DO[p * words + w] }
            }
        }
        for w in 0..<words { dirty[w] |= PR[i * words + w] }
        for k in Int(blockFirst[i])..<Int(blockFirst[i + 1]) {
            if collectRow[k] >= 0 {
                used.update(repeating: 0, count: words)
                if collect[k] == 1 {
                    for a in Int(argStart[k])..<Int(argStart[k + 1]) { insert(used, Int(argRefs[a])) }
                }
                let r = LA + Int(collectRow[k]) * words
                var any: UInt64 = 0
                for w in 0..<words {
                    let d = dirty[w] & ~(r[w] | used[w])
                    dead[w] = d
                    dirty[w] &= ~d
                    any |= d
                }
                if record && any != 0 {
                    let at = Int(instID[k])
                    for w in 0..<words {
                        var x = dead[w]
                        while x != 0 {
                            result.add(Value(refValue[w * 64 + x.trailingZeroBitCount]), at: at)
                            x &= x - 1
                        }
                    }
                }
            }
            if instResult[k] >= 0 { insert(dirty, Int(instResult[k])) }
        }
    }
    changed = true
    while changed {
        changed = false
        for i in 0..<nb {
            transfer(i, record: false)
            for w in 0..<words where dirty[w] != DO[i * words + w] {
                DO[i * words + w] = dirty[w]
                changed = true
            }
        }
    }
    for i in 0..<nb { transfer(i, record: true) }
    }
    return result
}

/// `deadReferenceClears` for a function of one block that ends the function
/// (no successor: no loop, no edge), in time linear in its size: the general
/// fixed point keeps a bit row per collection point, which for a long straight
/// @main (thousands of calls and thousands of live strings and lists) is
/// quadratic in time and memory. Here each reference value is cleared at the
/// first collection point after it is defined (a parameter: from the start)
/// and at or after its last use: at its last use only when that is a call
/// (whose callee has its own copies of the arguments), else after it; never
/// when the terminator reads it. Values cleared at one point are listed in
/// ascending order, as the general analysis lists them, so the result is the
/// same. False (nothing done) when the block has a successor.
func straightLineClears(_ f: Function, refIndex: UnsafeMutablePointer<Int32>, refValue: UnsafeMutablePointer<Int32>,
                        width: Int, scratch sc: LivenessScratch, into result: inout ReferenceClears) -> Bool {
    let b = f.layout[0]
    return f.blocks.withUnsafeBufferPointer { blocks -> Bool in
        switch blocks[Int(b.index)].terminator {
        case .jump, .brif: return false
        case .ret, .unreachable: break
        }
        let never = Int32.max
        let count = blocks[Int(b.index)].insts.count
        let buf = sc.work
        let lastUse = buf.take(width, Int32(-1))
        let defAt = buf.take(width, never)
        let instID = buf.take(count, Int32(0))
        let collect = buf.take(count, UInt8(0))
        let nextCollect = buf.take(count + 1, Int32(count))
        for p in blocks[Int(b.index)].params {
            let r = Int(refIndex[Int(p.index)])
            if r >= 0 { defAt[r] = -1 }
        }
        f.insts.withUnsafeBufferPointer { insts in
            for (k, id) in blocks[Int(b.index)].insts.enumerated() {
                let x = Int(id.index)
                instID[k] = id.index
                for a in insts[x].args {
                    let r = Int(refIndex[Int(a.index)])
                    if r >= 0 { lastUse[r] = Int32(k) }
                }
                if let res = insts[x].result {
                    let r = Int(refIndex[Int(res.index)])
                    if r >= 0 { defAt[r] = Int32(k) }
                }
                let op = insts[x].op
                collect[k] = !mayCollect(op) ? 0 : (op == .call || op == .callClosure) ? 2 : 1
            }
        }
        let total = count
        blocks[Int(b.index)].terminator.forEachUse { u in
            let r = Int(refIndex[Int(u.index)])
            if r >= 0 { lastUse[r] = Int32(total) }
        }
        // nextCollect[i]: the first collection point at or after i (total: none).
        var k = total - 1
        while k >= 0 {
            nextCollect[k] = collect[k] != 0 ? Int32(k) : nextCollect[k + 1]
            k -= 1
        }
        for v in 0..<width where defAt[v] != never {
            let d = Int(defAt[v]), u = Int(lastUse[v])
            if u >= total { continue } // the terminator reads it
            var from = d + 1
            if u >= from { from = collect[u] == 2 ? u : u + 1 }
            let k = Int(nextCollect[from])
            if k < total { result.add(Value(refValue[v]), at: Int(instID[k])) }
        }
        return true
    }
}
