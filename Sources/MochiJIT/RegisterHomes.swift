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
import MochiInterp // ScratchBuffer, shared with the interpreter's liveness scratch

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
    /// but for the value `except` and any in the register `skipHome`, by value:
    /// appended to `out`. `cursor` (`registers` + 1 entries) carries per register
    /// how many of its clusters start before the last position asked, from
    /// one call to the next: the lowering asks in increasing positions, so
    /// each cursor only moves forward over the clusters (a binary search per
    /// register and call made this most of the cost of a long @main's
    /// calls). `resetCursor` before the first call, and whenever a position
    /// is asked that is below the last one.
    /// (`cursor[registers]` holds a mask of the registers that have clusters.)
    func resetCursor(_ cursor: UnsafeMutablePointer<Int32>) {
        if homedCount == 0 { return }
        let cs = clusterStartAt
        ints.withUnsafeBufferPointer { x in
            var used: Int32 = 0
            for r in 0..<Self.registers {
                cursor[r] = x[cs + r]
                if x[cs + r] < x[cs + r + 1] { used |= 1 << Int32(r) }
            }
            cursor[Self.registers] = used
        }
    }

    func liveAcross(_ p: Int32, except: Value?, skipHome: Int8, cursor: UnsafeMutablePointer<Int32>,
                    into out: inout [Value]) {
        if homedCount == 0 { return }
        let n = valueCount
        let cs = clusterStartAt, cl = clusterLoAt, ch = clusterHiAt, vs = valueStartAt, cv = clusterValuesAt
        let ex = except.map { Int32($0.index) } ?? -1
        ints.withUnsafeBufferPointer { x in
            var used = cursor[Self.registers]
            while used != 0 {
                let r = used.trailingZeroBitCount
                used &= used - 1
                // The first cluster starting at or after p (the one before it,
                // the last starting before p, may hold p).
                let first = Int(x[cs + r]), end = Int(x[cs + r + 1])
                var a = Int(cursor[r])
                while a < end && x[cl + a] < p { a += 1 }
                cursor[r] = Int32(a)
                guard Int8(r) != skipHome, a > first, x[ch + a - 1] > p else { continue }
                for k in Int(x[vs + a - 1])..<Int(x[vs + a]) {
                    let v = Int(x[cv + k])
                    if v != ex && x[v] < p && x[n + v] > p { out.append(Value(Int32(v))) }
                }
            }
        }
        // By value (an insertion sort: a handful of values, and no closure).
        if out.count > 1 {
            out.withUnsafeMutableBufferPointer { o in
                for i in 1..<o.count {
                    let v = o[i]
                    var j = i
                    while j > 0 && o[j - 1].index > v.index { o[j] = o[j - 1]; j -= 1 }
                    o[j] = v
                }
            }
        }
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
    var order = [Int](repeating: -1, count: f.blocks.count)
    var depth = [Int](repeating: 0, count: f.layout.count)
    order.withUnsafeMutableBufferPointer { o in
        depth.withUnsafeMutableBufferPointer { d in loopDepths(f, order: o.baseAddress, depth: d.baseAddress) }
    }
    return depth
}

/// `loopDepths` into `depth` (f.layout.count entries, zeroed), with `order`
/// (f.blocks.count entries, all -1) as work space.
func loopDepths(_ f: Function, order: UnsafeMutablePointer<Int>?, depth: UnsafeMutablePointer<Int>?) {
    guard let order, let depth else { return }
    f.layout.withUnsafeBufferPointer { layout in
        for (i, b) in layout.enumerated() { order[Int(b.index)] = i } // block index -> layout position
        f.blocks.withUnsafeBufferPointer { blocks in
            for (j, b) in layout.enumerated() {
                forEachSuccessor(blocks[Int(b.index)].terminator) { s in
                    let i = order[Int(s.block.index)]
                    if i >= 0 && i <= j { for k in i...j { depth[k] += 1 } }
                }
            }
        }
    }
}

/// The work memory of `chooseRegisterHomes`, kept from one function to the
/// next: its tables are carved from one buffer per call (a compile chooses
/// for thousands of small functions). One scratch serves one thread at a time.
final class RegisterHomesScratch {
    let work = ScratchBuffer()
    /// A choice's two arrays given back when its function was lowered
    /// without its frame map (`FunctionLowering.lower(keepFrameMap:)`): the
    /// next choice fills them instead of making its own.
    var spareHome: [Int8] = []
    var spareInts: [Int32] = []
}

/// Chooses homes for `f`'s values. `skip[v]` marks values that have no
/// definition to serve (constants folded into their users); `uses`, when
/// given, is each value's number of uses by the instructions and terminators
/// of the blocks in the layout (FunctionLowering has it), else it is counted.
func chooseRegisterHomes(_ f: Function, skip: [Bool], uses: [Int32]? = nil,
                         scratch: RegisterHomesScratch = RegisterHomesScratch()) -> RegisterHomes {
    let n = f.valueTypes.count
    let sc = scratch
    var result = RegisterHomes(valueCount: 0)
    // (Moved, never copied: a second reference to the array would make the
    // scan's first store copy it.)
    var home = sc.spareHome; sc.spareHome = []
    reset(&home, n, -1)
    let layout = f.layout
    guard n > 0, !layout.isEmpty else { result.home = home; return result }
    let nb = f.blocks.count
    let nl = layout.count
    let words = (n + 63) / 64
    let regs = RegisterHomes.registers
    // Positions: per block in the layout its top, its instructions, the
    // terminator and the edge moves.
    var maxPos = 0
    f.blocks.withUnsafeBufferPointer { blocks in for b in layout { maxPos += blocks[Int(b.index)].insts.count + 3 } }
    // The work tables, carved from the scratch's buffer (sized first).
    typealias S = ScratchBuffer
    let buf = sc.work
    buf.start(S.bytes(n, Int8.self) + S.bytes(nb, Int.self) + S.bytes(nl, Int.self) + S.bytes(n, Int.self)
             + S.bytes(nb, Int32.self) + S.bytes(maxPos + 1, Int.self) + 4 * S.bytes(nb * words, UInt64.self)
             + S.bytes(2 * nb, Int.self) + S.bytes(n, Int.self) + S.bytes(n, Bool.self) + S.bytes(n, Int32.self)
             + S.bytes(maxPos + 2, Int.self) + S.bytes(n, Int.self) + S.bytes(regs, Int.self) + S.bytes(regs, Int.self)
             + 2 * S.bytes(n, Int32.self) + S.bytes(f.insts.count, Int32.self) + S.bytes(nb, Int32.self)
             + S.bytes(n, Int32.self) + S.bytes(n + regs + 1, Int32.self) + S.bytes(regs + 1, Int32.self)
             + 2 * S.bytes(n, Int32.self) + S.bytes(n + 1, Int32.self))
    let cls = buf.take(n, Int8(-1)) // 0 integer, 1 float, -1 none
    let order = buf.take(nb, -1)
    let depth = buf.take(nl, 0)
    let w = buf.take(n, 0)
    let end = buf.take(nb, Int32(0))
    let clobberAt = buf.take(maxPos + 1, 0)
    let liveIn = buf.take(nb * words, UInt64(0))
    let gen = buf.take(nb * words, UInt64(0))
    let kill = buf.take(nb * words, UInt64(0))
    let liveOut = buf.take(nb * words, UInt64(0))
    let succ = buf.take(2 * nb, -1)
    let leader = buf.take(n, 0)
    let leads = buf.take(n, false) // has a value coalesced into it
    let counts = buf.take(n, Int32(0))
    let clobbersBefore = buf.take(maxPos + 2, 0)
    let cands = buf.take(n, 0)
    let active = buf.take(regs, 0) // values holding a register
    let owner = buf.take(regs, -1)
    let lo = buf.take(n, Int32.max)
    let hi = buf.take(n, Int32(-1))
    let position = buf.take(f.insts.count, Int32(-1))
    let top = buf.take(nb, Int32(0))
    let byStart = buf.take(n, Int32(0))
    let byHome = buf.take(n + regs + 1, Int32(0)) // per register its start, then the values
    let clusterStart = buf.take(regs + 1, Int32(0))
    let clusterLo = buf.take(n, Int32(0))
    let clusterHi = buf.take(n, Int32(0))
    let valueStart = buf.take(n + 1, Int32(0))

    f.valueTypes.withUnsafeBufferPointer { types in
        for v in 0..<n where !skip[v] {
            switch types[v].slotKind {
            case .i64, .bool: cls[v] = 0
            case .f64: cls[v] = 1
            case .ref: break
            }
        }
    }
    loopDepths(f, order: order, depth: depth)

    // Positions and weights.
    var pos: Int32 = 0
    f.blocks.withUnsafeBufferPointer { blocks in
    f.insts.withUnsafeBufferPointer { insts in
    @inline(__always) func weight(_ li: Int) -> Int { 1 << (3 * min(depth[li], 6)) }
    @inline(__always) func touch(_ v: Value, _ p: Int32) {
        let i = Int(v.index)
        if p < lo[i] { lo[i] = p }
        if p > hi[i] { hi[i] = p }
    }
    for b in layout {
        top[Int(b.index)] = pos
        pos += Int32(blocks[Int(b.index)].insts.count) + 3
        end[Int(b.index)] = pos - 1
    }
    // (clobberAt: the weight of the instructions that clobber the homes, by position.)

    // Liveness (bit sets over values, one row of `words` words per block, in
    // flat tables: this runs in the JIT's compile time).
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
    // Successors flat, two per block (-1 none).
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
    for v in 0..<n { leader[v] = v }
    // (The lowering has counted the uses already: it passes its counts.)
    if let uses, uses.count == n {
        uses.withUnsafeBufferPointer { counts.update(from: $0.baseAddress!, count: n) }
    } else {
        for b in layout {
            for id in blocks[Int(b.index)].insts { for a in insts[Int(id.index)].args { counts[Int(a.index)] += 1 } }
            blocks[Int(b.index)].terminator.forEachUse { counts[Int($0.index)] += 1 }
        }
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
    for k in 0...Int(pos) { clobbersBefore[k + 1] = clobbersBefore[k] + clobberAt[k] }
    for v in 0..<n where cls[v] >= 0 && leader[v] == v && hi[v] >= 0 && Int(hi[v]) > Int(lo[v]) + 1 {
        let across = clobbersBefore[Int(hi[v])] - clobbersBefore[Int(lo[v]) + 1]
        if 2 * across > w[v] { w[v] = 0 }
    }

    // Linear scan, one class at a time.
    home.withUnsafeMutableBufferPointer { home in
    for c: Int8 in 0...1 {
        let regs = c == 0 ? RegisterFile.intCount : RegisterFile.floatCount
        let base: Int8 = c == 0 ? 0 : RegisterFile.firstFloat
        var nc = 0
        for v in 0..<n where cls[v] == c && w[v] > 0 && hi[v] >= 0 && leader[v] == v { cands[nc] = v; nc += 1 }
        if nc == 0 { continue }
        // (Intervals by start, ties by value: a total order, so any sort gives this one.)
        var sorted = UnsafeMutableBufferPointer(start: cands, count: nc)
        sorted.sort { lo[$0] != lo[$1] ? lo[$0] < lo[$1] : $0 < $1 }
        var na = 0 // active[0..<na]: the values holding a register
        for r in 0..<regs { owner[r] = -1 }
        for ci in 0..<nc {
            let v = cands[ci]
            // The intervals ended before v's start free their registers.
            var kept = 0
            for k in 0..<na {
                let a = active[k]
                if hi[a] < lo[v] { owner[Int(home[a] - base)] = -1 } else { active[kept] = a; kept += 1 }
            }
            na = kept
            var free = -1
            for r in 0..<regs where owner[r] == -1 { free = r; break }
            if free >= 0 {
                owner[free] = v; home[v] = base + Int8(free); active[na] = v; na += 1
                continue
            }
            // All taken: the lightest of the active values and v gives way
            // (the lightest; of equal weights, the latest value).
            var ai = 0
            for k in 1..<na {
                let x = active[k], y = active[ai]
                if w[x] < w[y] || (w[x] == w[y] && x > y) { ai = k }
            }
            let a = active[ai]
            guard w[a] < w[v] else { continue }
            let r = Int(home[a] - base)
            home[a] = -1
            for k in ai..<(na - 1) { active[k] = active[k + 1] }
            na -= 1
            owner[r] = v; home[v] = base + Int8(r); active[na] = v; na += 1
        }
    }
    }
    // A coalesced value takes its parameter's home (or its slot, with it).
    for v in 0..<n where leader[v] != v { home[v] = home[leader[v]] }
    var homedCount = 0
    for v in 0..<n where home[v] >= 0 { homedCount += 1 }
    result.valueCount = n
    result.instCount = f.insts.count
    result.blockCount = nb
    result.homedCount = homedCount
    // Clusters per register, each register's values by start: the homed
    // values sorted by start, then dealt out by register in that order.
    var ns = 0
    for v in 0..<n where home[v] >= 0 { byStart[ns] = Int32(v); ns += 1 }
    if ns > 1 {
        var sorted = UnsafeMutableBufferPointer(start: byStart, count: ns)
        sorted.sort(by: { lo[Int($0)] < lo[Int($1)] })
    }
    for k in 0..<ns { byHome[Int(home[Int(byStart[k])]) + 1] += 1 }
    for r in 0..<regs { byHome[r + 1] += byHome[r] }
    for k in 0..<ns {
        let v = byStart[k]
        let r = Int(home[Int(v)])
        byHome[regs + 1 + Int(byHome[r])] = v
        byHome[r] += 1
    }
    // (byHome[r] is now where register r's values end.)
    var clusters = 0
    var values = 1 // valueStart[0..<values]
    if homedCount > 0 {
        for r in 0..<regs {
            clusterStart[r] = Int32(clusters)
            for k in (r == 0 ? 0 : Int(byHome[r - 1]))..<Int(byHome[r]) {
                let i = Int(byHome[regs + 1 + k])
                if Int32(clusters) > clusterStart[r], lo[i] <= clusterHi[clusters - 1] {
                    clusterHi[clusters - 1] = max(clusterHi[clusters - 1], hi[i])
                } else {
                    clusterLo[clusters] = lo[i]; clusterHi[clusters] = hi[i]; clusters += 1
                    valueStart[values] = valueStart[values - 1]; values += 1
                }
                valueStart[values - 1] += 1
            }
        }
        clusterStart[regs] = Int32(clusters)
    }
    result.clusterCount = clusters
    // (Sized once and filled through its buffer: an append per table cost
    // a call, a uniqueness check and a capacity check each.)
    var ints = sc.spareInts; sc.spareInts = []
    let total = 2 * n + f.insts.count + nb + homedCount + (homedCount > 0 ? regs + 1 + 2 * clusters + values + homedCount : 0)
    reset(&ints, total, 0)
    ints.withUnsafeMutableBufferPointer { out in
        guard var p = out.baseAddress else { return }
        func append(_ q: UnsafeMutablePointer<Int32>, _ count: Int) {
            p.update(from: q, count: count)
            p += count
        }
        append(lo, n)
        append(hi, n)
        append(position, f.insts.count)
        append(top, nb)
        for v in 0..<n where home[v] >= 0 { p.pointee = Int32(v); p += 1 }
        if homedCount > 0 {
            append(clusterStart, regs + 1)
            append(clusterLo, clusters)
            append(clusterHi, clusters)
            append(valueStart, values)
            // Each register's values in start order are the clusters' values in order.
            append(byHome + regs + 1, homedCount)
        }
        precondition(p == out.baseAddress! + total, "register homes: table sizes disagree")
    }
    result.home = home
    result.ints = ints
    return result
}
