// Register homes: which integer, bool and float values of a function live in
// the stencils' registers (x0-x5, d0-d7; stencil.h) instead of their frame
// slots. A linear scan over live intervals, weighted by loop depth:
//
//  1. Liveness: the usual backward dataflow over blocks, with block parameters
//     defined at the top of their block and edge arguments used at the end of
//     the predecessor.
//  2. Intervals: blocks get positions in layout order (top, one per instruction,
//     the terminator, the edge moves); a value's interval is the hull of every
//     position where it is defined, used or live. A hull over-approximates the
//     real lifetime, so two values with disjoint intervals never need one
//     register at the same time.
//  3. Weights: every definition or use the lowering can serve from a register
//     (`RegisterUse`) counts 8^depth, depth being how many loops (back edges in
//     layout order) hold its block. A value no register-aware stencil touches is
//     never a candidate.
//  4. Linear scan per class: intervals by start; a free register is taken; with
//     none free the lightest of the candidate and the active values stays in its
//     slot.
//
// Only scalars get homes. References stay in slots, where the collector finds
// them; so do values whose slot something else reads, which the lowering keeps
// written through (`Lowering.swift`).

import MochiIR
import MochiInterp // reset, shared with the interpreter's liveness scratch

/// The register files: six integer homes and eight float homes.
enum RegisterFile {
    static let intCount = 6
    static let floatCount = 8
    /// Home numbers: 0..<6 are x0-x5, 6..<14 are d0-d7, -1 is the frame slot.
    static let firstFloat: Int8 = 6
    /// A home's letter in stencil names (stencil.h): `0`-`5`, `a`-`h`; `m` the slot.
    /// (Literals: formatting the number would build a string per stencil name.)
    static func letter(_ home: Int8) -> String {
        switch home {
        case 0: return "0"
        case 1: return "1"
        case 2: return "2"
        case 3: return "3"
        case 4: return "4"
        case 5: return "5"
        case 6: return "a"
        case 7: return "b"
        case 8: return "c"
        case 9: return "d"
        case 10: return "e"
        case 11: return "f"
        case 12: return "g"
        case 13: return "h"
        default: return "m"
        }
    }
    static let intLetters = ["0", "1", "2", "3", "4", "5"]
    static let floatLetters = ["a", "b", "c", "d", "e", "f", "g", "h"]
}

/// Which operands of an instruction a register-aware stencil serves (the
/// lowering's choices, mirrored for the weights; a mismatch costs speed only).
enum RegisterUse {
    /// Whether the result can be written straight into a home.
    static func definesInHome(_ op: Opcode) -> Bool {
        switch op {
        case .iconst, .bconst, .fconst, .copy, .iadd, .isub, .imul, .idiv, .irem, .ineg, .not,
             .fadd, .fsub, .fmul, .fdiv, .fneg, .itof, .ftoi, .math1, .listGet, .listLen, .fieldGet, .call,
             .variantTag, .globalGet, .mapGet, .mapHas:
            return true
        default:
            return false
        }
    }

    /// Whether the instruction's stencil stores and reloads the live homes
    /// around it (stencil.h: the stencils that call the runtime); an estimate
    /// for the weights, as the lowering picks the stencils.
    static func clobbersHomes(_ op: Opcode) -> Bool {
        switch op {
        case .iconst, .bconst, .fconst, .null, .sconst, .copy, .iadd, .isub, .imul, .idiv, .irem, .ineg, .not,
             .icmp, .fcmp, .fadd, .fsub, .fmul, .fdiv, .fneg, .itof, .ftoi, .math1, .listGet, .listSet, .listLen,
             .listPush, .mapGet, .mapHas, .mapSet, .fieldGet, .fieldSet, .variantTag, .globalGet, .globalSet:
            return false
        default:
            return true
        }
    }

    /// Whether operand k can be read straight from a home.
    static func readsFromHome(_ op: Opcode, _ k: Int) -> Bool {
        switch op {
        case .copy, .iadd, .isub, .imul, .idiv, .irem, .ineg, .not, .icmp, .fcmp, .cmp,
             .fadd, .fsub, .fmul, .fdiv, .fneg, .itof, .ftoi, .math1:
            return true
        case .listGet: return k == 1
        case .listSet: return k == 1 || k == 2
        case .listPush: return k == 1
        case .mapGet, .mapHas: return k == 1 // int keys (map_get_i, map_has_i)
        case .mapSet: return k == 1 || k == 2
        case .fieldSet: return k == 1
        case .globalSet: return true
        case .call, .callClosure, .closureNew, .listNew, .mapNew, .structNew, .recordNew, .variantNew:
            return true // moved into the callee frame or the gather area
        default:
            return false
        }
    }
}

/// The choice for one function.
struct RegisterHomes {
    /// Per value: -1 its frame slot, 0-5 x0-x5, 6-13 d0-d7.
    var home: [Int8]
    /// The rest, in one array (a compile chooses for thousands of small
    /// functions: a dozen arrays each, allocated and freed, cost more than the
    /// choosing), at the offsets below:
    /// - per value its live interval [lo, hi] in positions (see above);
    /// - per instruction (InstID index) its position;
    /// - per block (by index) the position of its top;
    /// - the values that got a home (`homed(k)`);
    /// - per home register the intervals of its values merged into disjoint
    ///   clusters, by start (a register holds one value at a time, and a value
    ///   coalesced into another lies within its hull), so what is live at a
    ///   position is found by a binary search per register, not a scan of
    ///   every homed value (which made a long @main's lowering quadratic):
    ///   register r's clusters are clusterStart[r]..<clusterStart[r + 1], each
    ///   with its hull [clusterLo, clusterHi] and its values
    ///   clusterValues[valueStart[c]..<valueStart[c + 1]].
    var ints: [Int32] = []
    var valueCount = 0
    var instCount = 0
    /// Blocks with a top position (0 when nothing was chosen).
    var blockCount = 0
    var homedCount = 0
    var clusterCount = 0

    /// No homes at all.
    init(valueCount n: Int) {
        home = [Int8](repeating: -1, count: n)
    }

    static let registers = RegisterFile.intCount + RegisterFile.floatCount
    var positionAt: Int { 2 * valueCount }
    var topAt: Int { positionAt + instCount }
    var homedAt: Int { topAt + blockCount }
    var clusterStartAt: Int { homedAt + homedCount }
    var clusterLoAt: Int { clusterStartAt + Self.registers + 1 }
    var clusterHiAt: Int { clusterLoAt + clusterCount }
    var valueStartAt: Int { clusterHiAt + clusterCount }
    var clusterValuesAt: Int { valueStartAt + clusterCount + 1 }

    func lo(_ v: Int) -> Int32 { ints[v] }
    func hi(_ v: Int) -> Int32 { ints[valueCount + v] }
    func position(_ x: Int) -> Int32 { ints[positionAt + x] }
    func blockTop(_ b: Int) -> Int32 { ints[topAt + b] }
    func homed(_ k: Int) -> Value { Value(ints[homedAt + k]) }
}

extension RegisterHomes {
    /// The homed values live across position p (their interval holds p inside),
    /// but for the value `except` and any in the register `skipHome`, by value.
    func liveAcross(_ p: Int32, except: Value?, skipHome: Int8) -> [Value] {
        var out: [Value] = []
        if homedCount == 0 { return out }
        let n = valueCount
        let cs = clusterStartAt, cl = clusterLoAt, ch = clusterHiAt, vs = valueStartAt, cv = clusterValuesAt
        let ex = except.map { Int32($0.index) } ?? -1
        ints.withUnsafeBufferPointer { x in
            for r in 0..<Self.registers where Int8(r) != skipHome && x[cs + r] < x[cs + r + 1] {
                // The last cluster starting before p.
                var a = Int(x[cs + r]), b = Int(x[cs + r + 1])
                let first = a
                while a < b {
                    let m = (a + b) / 2
                    if x[cl + m] < p { a = m + 1 } else { b = m }
                }
                guard a > first, x[ch + a - 1] > p else { continue }
                for k in Int(x[vs + a - 1])..<Int(x[vs + a]) {
                    let v = Int(x[cv + k])
                    if v != ex && x[v] < p && x[n + v] > p { out.append(Value(Int32(v))) }
                }
            }
        }
        if out.count > 1 { out.sort { $0.index < $1.index } }
        return out
    }
}

/// Whether terminator `t` reads `v`.
@inline(__always)
func terminatorReads(_ t: Terminator, _ v: Value) -> Bool {
    var found = false
    t.forEachUse { if $0 == v { found = true } }
    return found
}

/// Calls `body` with each successor of terminator `t`, in `successors`
/// order, without building that array.
@inline(__always)
func forEachSuccessor(_ t: Terminator, _ body: (BlockCall) -> Void) {
    switch t {
    case .jump(let c): body(c)
    case .brif(_, let x, let y): body(x); body(y)
    case .ret, .unreachable: break
    }
}

/// Loop depth per layout position of `f`, judged by the layout: a branch to an
/// earlier (or the same) block closes a loop over the positions in between.
func loopDepths(_ f: Function) -> [Int] {
    var order: [Int] = [], depth: [Int] = []
    loopDepths(f, order: &order, depth: &depth)
    return depth
}

/// `loopDepths` into `depth`, with `order` as work space (both reset here).
func loopDepths(_ f: Function, order: inout [Int], depth: inout [Int]) {
    reset(&order, f.blocks.count, -1) // block index -> layout position
    for (i, b) in f.layout.enumerated() { order[Int(b.index)] = i }
    reset(&depth, f.layout.count, 0)
    f.blocks.withUnsafeBufferPointer { blocks in
        for (j, b) in f.layout.enumerated() {
            forEachSuccessor(blocks[Int(b.index)].terminator) { s in
                let i = order[Int(s.block.index)]
                if i >= 0 && i <= j { for k in i...j { depth[k] += 1 } }
            }
        }
    }
}

/// The work arrays of `chooseRegisterHomes`, kept from one function to the
/// next (a compile lowers thousands of small functions: allocating and
/// freeing twenty-odd arrays for each cost more than the choosing). One
/// scratch serves one thread at a time.
final class RegisterHomesScratch {
    var cls: [Int8] = []
    var order: [Int] = []
    var depth: [Int] = []
    var w: [Int] = []
    var end: [Int32] = []
    var clobberAt: [Int] = []
    var liveIn: [UInt64] = []
    var gen: [UInt64] = []
    var kill: [UInt64] = []
    var liveOut: [UInt64] = []
    var succ: [Int] = []
    var leader: [Int] = []
    var leads: [Bool] = []
    var useCount: [Int32] = []
    var clobbersBefore: [Int] = []
    var cands: [Int] = []
    var active: [Int] = []
    var owner: [Int] = []
    var lo: [Int32] = []
    var hi: [Int32] = []
    var position: [Int32] = []
    var top: [Int32] = []
    var byStart: [Int32] = []
    var byHome: [Int32] = []
    var clusterStart: [Int32] = []
    var clusterLo: [Int32] = []
    var clusterHi: [Int32] = []
    var valueStart: [Int32] = []
}

/// Chooses homes for `f`'s values. `skip[v]` marks values that have no
/// definition to serve (constants folded into their users); `uses`, when
/// given, is each value's number of uses by the instructions and terminators
/// of the blocks in the layout (FunctionLowering has it), else it is counted.
func chooseRegisterHomes(_ f: Function, skip: [Bool], uses: [Int32]? = nil,
                         scratch: RegisterHomesScratch = RegisterHomesScratch()) -> RegisterHomes {
    let n = f.valueTypes.count
    var result = RegisterHomes(valueCount: n)
    let layout = f.layout
    guard n > 0, !layout.isEmpty else { return result }
    let sc = scratch
    // The work arrays, moved out of the scratch while in use (so each stays
    // uniquely referenced: no copy on write) and moved back at the end.
    var cls = sc.cls; sc.cls = []
    var order = sc.order; sc.order = []
    var depth = sc.depth; sc.depth = []
    var w = sc.w; sc.w = []
    var end = sc.end; sc.end = []
    var clobberAt = sc.clobberAt; sc.clobberAt = []
    var liveIn = sc.liveIn; sc.liveIn = []
    var gen = sc.gen; sc.gen = []
    var kill = sc.kill; sc.kill = []
    var liveOut = sc.liveOut; sc.liveOut = []
    var succ = sc.succ; sc.succ = []
    var leader = sc.leader; sc.leader = []
    var leads = sc.leads; sc.leads = []
    var useCount = sc.useCount; sc.useCount = []
    var clobbersBefore = sc.clobbersBefore; sc.clobbersBefore = []
    var cands = sc.cands; sc.cands = []
    var active = sc.active; sc.active = []
    var owner = sc.owner; sc.owner = []
    var lo = sc.lo; sc.lo = []
    var hi = sc.hi; sc.hi = []
    var position = sc.position; sc.position = []
    var top = sc.top; sc.top = []
    var byStart = sc.byStart; sc.byStart = []
    var byHome = sc.byHome; sc.byHome = []
    var clusterStart = sc.clusterStart; sc.clusterStart = []
    var clusterLo = sc.clusterLo; sc.clusterLo = []
    var clusterHi = sc.clusterHi; sc.clusterHi = []
    var valueStart = sc.valueStart; sc.valueStart = []
    defer {
        sc.cls = cls; sc.order = order; sc.depth = depth; sc.w = w; sc.end = end; sc.clobberAt = clobberAt
        sc.liveIn = liveIn; sc.gen = gen; sc.kill = kill; sc.liveOut = liveOut; sc.succ = succ
        sc.leader = leader; sc.leads = leads; sc.useCount = useCount; sc.clobbersBefore = clobbersBefore
        sc.cands = cands; sc.active = active; sc.owner = owner
        sc.lo = lo; sc.hi = hi; sc.position = position; sc.top = top; sc.byStart = byStart; sc.byHome = byHome
        sc.clusterStart = clusterStart; sc.clusterLo = clusterLo; sc.clusterHi = clusterHi; sc.valueStart = valueStart
    }

    var home = result.home; result.home = [] // (moved out: no copy on write)
    reset(&position, f.insts.count, -1)
    reset(&cls, n, -1) // 0 integer, 1 float, -1 none
    f.valueTypes.withUnsafeBufferPointer { types in
        for v in 0..<n where !skip[v] {
            switch types[v].slotKind {
            case .i64, .bool: cls[v] = 0
            case .f64: cls[v] = 1
            case .ref: break
            }
        }
    }
    let nb = f.blocks.count
    loopDepths(f, order: &order, depth: &depth)

    // Positions and weights.
    reset(&lo, n, Int32.max)
    reset(&hi, n, -1)
    reset(&w, n, 0)
    reset(&top, nb, 0)
    reset(&end, nb, 0)
    let words = (n + 63) / 64
    // (lo and hi through their buffers: `touch` runs several times per
    // instruction, and through the arrays each store was a call.)
    lo.withUnsafeMutableBufferPointer { lo in
    hi.withUnsafeMutableBufferPointer { hi in
    f.blocks.withUnsafeBufferPointer { blocks in
    f.insts.withUnsafeBufferPointer { insts in
    @inline(__always) func weight(_ li: Int) -> Int { 1 << (3 * min(depth[li], 6)) }
    @inline(__always) func touch(_ v: Value, _ p: Int32) {
        let i = Int(v.index)
        if p < lo[i] { lo[i] = p }
        if p > hi[i] { hi[i] = p }
    }
    var pos: Int32 = 0
    for b in layout {
        top[Int(b.index)] = pos
        pos += Int32(blocks[Int(b.index)].insts.count) + 3
        end[Int(b.index)] = pos - 1
    }
    // The weight of the instructions that clobber the homes, by position.
    reset(&clobberAt, Int(pos) + 1, 0)

    // Liveness (bit sets over values, one row of `words` words per block, in
    // flat arrays: this runs in the JIT's compile time).
    reset(&liveIn, nb * words, 0)
    reset(&gen, nb * words, 0)
    reset(&kill, nb * words, 0)
    for b in layout {
        let row = Int(b.index) * words
        @inline(__always) func def(_ v: Value) { kill[row + Int(v.index) >> 6] |= 1 << UInt64(v.index & 63) }
        @inline(__always) func use(_ v: Value) {
            let i = Int(v.index)
            if kill[row + i >> 6] & (1 << UInt64(i & 63)) == 0 { gen[row + i >> 6] |= 1 << UInt64(i & 63) }
        }
        for p in blocks[Int(b.index)].params { def(p) }
        for id in blocks[Int(b.index)].insts {
            for a in insts[Int(id.index)].args { use(a) }
            if let r = insts[Int(id.index)].result { def(r) }
        }
        blocks[Int(b.index)].terminator.forEachUse { use($0) }
    }
    var changed = true
    reset(&liveOut, nb * words, 0)
    // Successors flat, two per block (-1 none): an array per block cost an
    // allocation each and reference counting in the fixed point below.
    reset(&succ, 2 * nb, -1)
    for bi in 0..<nb {
        var k = 0
        forEachSuccessor(blocks[bi].terminator) { s in
            if k < 2 { succ[2 * bi + k] = Int(s.block.index) }
            k += 1
        }
    }
    while changed {
        changed = false
        for b in layout.reversed() {
            let row = Int(b.index) * words
            let s0 = succ[2 * Int(b.index)], s1 = succ[2 * Int(b.index) + 1]
            for k in 0..<words {
                var out: UInt64 = 0
                if s0 >= 0 { out |= liveIn[s0 * words + k] }
                if s1 >= 0 { out |= liveIn[s1 * words + k] }
                liveOut[row + k] = out
                let inn = gen[row + k] | (out & ~kill[row + k])
                if inn != liveIn[row + k] { liveIn[row + k] = inn; changed = true }
            }
        }
    }

    for (li, b) in layout.enumerated() {
        let bi = Int(b.index)
        let wt = weight(li)
        for k in 0..<words {
            var m = liveIn[bi * words + k]
            while m != 0 {
                let v = k * 64 + m.trailingZeroBitCount
                m &= m - 1
                touch(Value(Int32(v)), top[bi])
            }
            m = liveOut[bi * words + k]
            while m != 0 {
                let v = k * 64 + m.trailingZeroBitCount
                m &= m - 1
                touch(Value(Int32(v)), end[bi])
            }
        }
        for p in blocks[bi].params { touch(p, top[bi]) }
        var p = top[bi] + 1
        for id in blocks[bi].insts {
            let x = Int(id.index)
            let op = insts[x].op
            position[x] = p
            if RegisterUse.clobbersHomes(op) { clobberAt[Int(p)] = wt }
            for (k, a) in insts[x].args.enumerated() {
                touch(a, p)
                if RegisterUse.readsFromHome(op, k) { w[Int(a.index)] += wt }
            }
            if let r = insts[x].result {
                touch(r, p)
                if RegisterUse.definesInHome(op) { w[Int(r.index)] += wt }
            }
            p += 1
        }
        // The terminator reads its condition at p and its edge arguments (and
        // defines the successors' parameters) at p + 1, the edge moves.
        switch blocks[bi].terminator {
        case .brif(let c, _, _):
            touch(c, p); w[Int(c.index)] += wt
        case .ret(let v?):
            touch(v, p); w[Int(v.index)] += wt
        default: break
        }
        forEachSuccessor(blocks[bi].terminator) { s in
            for (param, a) in zip(blocks[Int(s.block.index)].params, s.args) {
                touch(a, p + 1); w[Int(a.index)] += wt
                touch(param, p + 1); w[Int(param.index)] += wt
            }
        }
    }
    if let e = f.entry { for prm in blocks[Int(e.index)].params { touch(prm, 0) } }

    // Coalescing: a value computed in a block only to be passed to a
    // successor's parameter (`i = i + 1` at the back edge of a loop) shares the
    // parameter's home when the parameter is dead from that definition on (no
    // later use in the block, not live out of it): the edge move disappears.
    // The pair is one candidate of the scan, over the hull of both intervals.
    leader.removeAll(keepingCapacity: true)
    leader.append(contentsOf: 0..<n)
    reset(&leads, n, false) // has a value coalesced into it
    // (The lowering has counted the uses already: it passes its counts.)
    let counts: [Int32]
    if let uses, uses.count == n {
        counts = uses
    } else {
        reset(&useCount, n, 0)
        for b in layout {
            for id in blocks[Int(b.index)].insts { for a in insts[Int(id.index)].args { useCount[Int(a.index)] += 1 } }
            blocks[Int(b.index)].terminator.forEachUse { useCount[Int($0.index)] += 1 }
        }
        counts = useCount
    }
    for b in layout {
        let bi = Int(b.index)
        // (Not when a branch passes two values to the same block's parameters:
        // both are live at its edge moves.)
        if case .brif(_, let t, let e) = blocks[bi].terminator, t.block == e.block { continue }
        forEachSuccessor(blocks[bi].terminator) { s in
            for (param, a) in zip(blocks[Int(s.block.index)].params, s.args) {
                let pi = Int(param.index), ai = Int(a.index)
                guard cls[pi] >= 0, cls[pi] == cls[ai], pi != ai, leader[ai] == ai, leader[pi] == pi, !leads[ai],
                      counts[ai] == 1, case .inst(let d) = f.valueDefs[ai],
                      let k = blocks[bi].insts.firstIndex(of: d),
                      liveOut[bi * words + pi >> 6] & (1 << UInt64(pi & 63)) == 0,
                      !terminatorReads(blocks[bi].terminator, param) else { continue }
                // No use of the parameter after the definition (a use by the
                // defining instruction itself is fine: operands are read before
                // the result is written).
                var laterUse = false
                for id in blocks[bi].insts[(k + 1)...] where insts[Int(id.index)].args.contains(param) { laterUse = true; break }
                if laterUse { continue }
                leader[ai] = pi
                leads[pi] = true
            }
        }
    }
    }
    }
    }
    }
    for v in 0..<n where leader[v] != v {
        let l = leader[v]
        lo[l] = min(lo[l], lo[v]); hi[l] = max(hi[l], hi[v]); w[l] += w[v]
    }
    // A home live across a clobbering instruction is stored before it and
    // loaded after: a value whose interval spans more of those (by weight)
    // than half its register uses is cheaper in its slot. (A long straight
    // @main of calls would otherwise save and reload the same few constants
    // around every call: nine stencils per IR instruction, and its compile
    // time with them.)
    reset(&clobbersBefore, clobberAt.count + 1, 0)
    for k in clobberAt.indices { clobbersBefore[k + 1] = clobbersBefore[k] + clobberAt[k] }
    for v in 0..<n where cls[v] >= 0 && leader[v] == v && hi[v] >= 0 && Int(hi[v]) > Int(lo[v]) + 1 {
        let across = clobbersBefore[Int(hi[v])] - clobbersBefore[Int(lo[v]) + 1]
        if 2 * across > w[v] { w[v] = 0 }
    }

    // Linear scan, one class at a time.
    for c: Int8 in 0...1 {
        let regs = c == 0 ? RegisterFile.intCount : RegisterFile.floatCount
        let base: Int8 = c == 0 ? 0 : RegisterFile.firstFloat
        cands.removeAll(keepingCapacity: true)
        for v in 0..<n where cls[v] == c && w[v] > 0 && hi[v] >= 0 && leader[v] == v { cands.append(v) }
        if cands.isEmpty { continue }
        // (Intervals by start, ties by value: a total order, so any sort gives this one.)
        cands.sort { lo[$0] != lo[$1] ? lo[$0] < lo[$1] : $0 < $1 }
        active.removeAll(keepingCapacity: true) // values holding a register
        reset(&owner, regs, -1)
        for v in cands {
            active.removeAll { a in
                if hi[a] < lo[v] { owner[Int(home[a] - base)] = -1; return true }
                return false
            }
            if let r = owner.firstIndex(of: -1) {
                owner[r] = v; home[v] = base + Int8(r); active.append(v)
                continue
            }
            // All taken: the lightest of the active values and v gives way.
            guard let (ai, a) = active.enumerated().min(by: { w[$0.1] < w[$1.1] || (w[$0.1] == w[$1.1] && $0.1 > $1.1) }),
                  w[a] < w[v] else { continue }
            let r = Int(home[a] - base)
            home[a] = -1
            active.remove(at: ai)
            owner[r] = v; home[v] = base + Int8(r); active.append(v)
        }
    }
    // A coalesced value takes its parameter's home (or its slot, with it).
    for v in 0..<n where leader[v] != v { home[v] = home[leader[v]] }
    var homedCount = 0
    for v in 0..<n where home[v] >= 0 { homedCount += 1 }
    result.home = home
    result.valueCount = n
    result.instCount = position.count
    result.blockCount = nb
    result.homedCount = homedCount
    // Clusters per register, each register's values by start: the homed
    // values sorted by start, then dealt out by register in that order.
    let regs = RegisterHomes.registers
    byStart.removeAll(keepingCapacity: true)
    for v in 0..<n where home[v] >= 0 { byStart.append(Int32(v)) }
    if byStart.count > 1 { byStart.sort(by: { lo[Int($0)] < lo[Int($1)] }) }
    reset(&byHome, homedCount + regs + 1, 0) // per register its start, then the values
    for v in byStart { byHome[Int(home[Int(v)]) + 1] += 1 }
    for r in 0..<regs { byHome[r + 1] += byHome[r] }
    for v in byStart {
        let r = Int(home[Int(v)])
        byHome[regs + 1 + Int(byHome[r])] = v
        byHome[r] += 1
    }
    // (byHome[r] is now where register r's values end.)
    reset(&clusterStart, regs + 1, 0)
    clusterLo.removeAll(keepingCapacity: true)
    clusterHi.removeAll(keepingCapacity: true)
    reset(&valueStart, 1, 0)
    if homedCount > 0 {
        for r in 0..<regs {
            clusterStart[r] = Int32(clusterLo.count)
            for k in (r == 0 ? 0 : Int(byHome[r - 1]))..<Int(byHome[r]) {
                let i = Int(byHome[regs + 1 + k])
                if Int32(clusterLo.count) > clusterStart[r], lo[i] <= clusterHi[clusterHi.count - 1] {
                    clusterHi[clusterHi.count - 1] = max(clusterHi[clusterHi.count - 1], hi[i])
                } else {
                    clusterLo.append(lo[i]); clusterHi.append(hi[i])
                    valueStart.append(valueStart[valueStart.count - 1])
                }
                valueStart[valueStart.count - 1] += 1
            }
        }
        clusterStart[regs] = Int32(clusterLo.count)
    }
    result.clusterCount = clusterLo.count
    var ints: [Int32] = []
    ints.reserveCapacity(2 * n + position.count + nb + 2 * homedCount + regs + 1 + 3 * clusterLo.count + 1)
    ints.append(contentsOf: lo)
    ints.append(contentsOf: hi)
    ints.append(contentsOf: position)
    ints.append(contentsOf: top)
    for v in 0..<n where home[v] >= 0 { ints.append(Int32(v)) }
    if homedCount > 0 {
        ints.append(contentsOf: clusterStart)
        ints.append(contentsOf: clusterLo)
        ints.append(contentsOf: clusterHi)
        ints.append(contentsOf: valueStart)
        // Each register's values in start order are the clusters' values in order.
        ints.append(contentsOf: byHome[(regs + 1)...])
    }
    result.ints = ints
    return result
}
