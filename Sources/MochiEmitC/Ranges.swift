// Integer ranges for overflow checks: an interval [lo, hi] for every i64 value, so
// an iadd, isub or imul whose operands' intervals cannot make it overflow is plain C
// (LANGUAGE.md §10: a check stays unless it is proved unnecessary). sum_loop's
// `s * 31` with s a remainder of 1000000007 and fib's `n - 1` after `n < 2` failed
// are such ops.
//
// The same intervals show idiv and irem that cannot fail: a divisor whose interval
// holds neither 0 nor -1 (prime_count's `n % d` with d counting up from 3).
//
// Intervals: a constant is [k, k]; a length is [0, INT64_MAX]; a remainder by a
// constant k (not 0, not -1) lies within (-|k|, |k|) with the dividend's sign (C's
// and the interpreter's truncating remainder), any other remainder within the
// dividend's interval widened to 0; a division by a constant k > 0 maps the bounds
// through x / k (truncation is monotone); a checked iadd, isub, imul or ineg gives
// the interval of its exact result, cut to the int64 range (an op that overflows
// stops the program, so its result is never seen); a block parameter the union of
// what its incoming edges pass (the entry's parameters are unknown). Loops are
// iterated in reverse postorder to a fixpoint; from the third sweep on, a bound
// that still moves goes to its extreme (widening), and after 12 sweeps the function
// is left alone (nothing proved). Three sweeps down from the fixpoint then take
// each parameter as just the union of its edges (narrowing), which gives back
// bounds such as a remainder's that the widening lost.
//
// Branch facts: where block B has one predecessor P ending in `brif (icmp cc x, y)`
// with two distinct targets, `x cc y` (or its negation on the false edge) holds in
// B and in every block B dominates (SSA values never change, and every path into
// such a block enters B through that edge); an edge's own fact also holds for the
// values it passes. A fact narrows x by y's interval and y by x's where a value is
// read (up to 32 facts up the dominator tree are consulted).

import MochiIR

/// A closed interval of int64 values.
struct IntRange: Equatable {
    var lo: Int64
    var hi: Int64
    static let full = IntRange(lo: .min, hi: .max)
    func union(_ o: IntRange) -> IntRange { IntRange(lo: min(lo, o.lo), hi: max(hi, o.hi)) }
}

/// One branch fact `l cc r`, with the fact of the dominating block above it.
private final class RangeFact {
    let cc: CondCode
    let l: Value
    let r: Value
    let up: RangeFact?
    init(_ cc: CondCode, _ l: Value, _ r: Value, _ up: RangeFact?) { self.cc = cc; self.l = l; self.r = r; self.up = up }
}

private func negate(_ cc: CondCode) -> CondCode {
    switch cc {
    case .lt: return .ge
    case .le: return .gt
    case .gt: return .le
    case .ge: return .lt
    case .eq: return .ne
    case .ne: return .eq
    }
}

private func mirror(_ cc: CondCode) -> CondCode {
    switch cc {
    case .lt: return .gt
    case .le: return .ge
    case .gt: return .lt
    case .ge: return .le
    case .eq, .ne: return cc
    }
}

/// Interval arithmetic: the exact result's interval, and whether some pair of
/// operands in the intervals overflows int64.
private func addRange(_ a: IntRange, _ b: IntRange) -> (IntRange, Bool) {
    let (lo, o1) = a.lo.addingReportingOverflow(b.lo)
    let (hi, o2) = a.hi.addingReportingOverflow(b.hi)
    return (IntRange(lo: o1 ? .min : lo, hi: o2 ? .max : hi), o1 || o2)
}

private func subRange(_ a: IntRange, _ b: IntRange) -> (IntRange, Bool) {
    let (lo, o1) = a.lo.subtractingReportingOverflow(b.hi)
    let (hi, o2) = a.hi.subtractingReportingOverflow(b.lo)
    return (IntRange(lo: o1 ? .min : lo, hi: o2 ? .max : hi), o1 || o2)
}

private func mulRange(_ a: IntRange, _ b: IntRange) -> (IntRange, Bool) {
    var lo = Int64.max, hi = Int64.min
    for x in [a.lo, a.hi] {
        for y in [b.lo, b.hi] {
            let (p, o) = x.multipliedReportingOverflow(by: y)
            if o { return (.full, true) }
            lo = min(lo, p)
            hi = max(hi, p)
        }
    }
    return (IntRange(lo: lo, hi: hi), false)
}

extension FunctionEmitter {
    /// Adds to safeSteps every iadd, isub and imul that the intervals prove cannot
    /// overflow (see the header).
    mutating func planRangeSafeOps() {
        guard f.entry != nil else { return }
        let rpo = f.reversePostorder()
        if rpo.count > 2000 { return }
        let nb = f.blocks.count
        let nv = f.valueDefs.count
        func isInt(_ v: Value) -> Bool { f.type(of: v) == .i64 }

        // Facts: each reachable block's chain, from its immediate dominator's.
        var pos = [Int](repeating: -1, count: nb)
        for (i, b) in rpo.enumerated() { pos[Int(b.index)] = i }
        var preds = [[Int]](repeating: [], count: rpo.count)
        var incoming = [[(pred: Int32, args: [Value], fact: (CondCode, Value, Value)?)]](repeating: [], count: nb)
        var edgeFact: [Int32: (CondCode, Value, Value)] = [:]
        for b in rpo {
            let bd = f[b]
            var edges: [(BlockCall, (CondCode, Value, Value)?)] = []
            switch bd.terminator {
            case .jump(let c): edges = [(c, nil)]
            case .brif(let c, let t, let e):
                var ft: (CondCode, Value, Value)? = nil, fe: (CondCode, Value, Value)? = nil
                if t.block != e.block, case .inst(let cid) = f.valueDefs[Int(c.index)], f[cid].op == .icmp,
                   case .cond(let cc) = f[cid].imm, isInt(f[cid].args[0]), isInt(f[cid].args[1]) {
                    ft = (cc, f[cid].args[0], f[cid].args[1])
                    fe = (negate(cc), f[cid].args[0], f[cid].args[1])
                }
                edges = [(t, ft), (e, fe)]
            case .ret, .unreachable: break
            }
            for (bc, fact) in edges {
                let s = Int(bc.block.index)
                guard s < nb, pos[s] >= 0 else { continue }
                preds[pos[s]].append(pos[Int(b.index)])
                incoming[s].append((b.index, bc.args, fact))
                if let fact, singlePred[bc.block.index] == b.index { edgeFact[bc.block.index] = fact }
            }
        }
        let idom = immediateDominators(preds: preds)
        var chain = [RangeFact?](repeating: nil, count: nb)
        for (i, b) in rpo.enumerated() {
            var c: RangeFact? = i > 0 && idom[i] >= 0 ? chain[Int(rpo[idom[i]].index)] : nil
            if let (cc, l, r) = edgeFact[b.index] { c = RangeFact(cc, l, r, c) }
            chain[Int(b.index)] = c
        }

        var rng = [IntRange?](repeating: nil, count: nv)
        // x's interval where `facts` hold (nil: no value reaches here yet).
        func at(_ x: Value, _ facts: RangeFact?) -> IntRange? {
            guard var r = rng[Int(x.index)] else { return nil }
            var node = facts, n = 0
            while let fact = node, n < 32 {
                n += 1
                node = fact.up
                let cc: CondCode, other: Value
                if fact.l == x { cc = fact.cc; other = fact.r } else if fact.r == x { cc = mirror(fact.cc); other = fact.l } else { continue }
                guard let o = rng[Int(other.index)] else { continue }
                var t = r
                switch cc {
                case .lt: if o.hi > .min { t.hi = min(t.hi, o.hi - 1) }
                case .le: t.hi = min(t.hi, o.hi)
                case .gt: if o.lo < .max { t.lo = max(t.lo, o.lo + 1) }
                case .ge: t.lo = max(t.lo, o.lo)
                case .eq: t.lo = max(t.lo, o.lo); t.hi = min(t.hi, o.hi)
                case .ne: break
                }
                if t.lo <= t.hi { r = t }
            }
            return r
        }
        func withEdge(_ facts: RangeFact?, _ e: (CondCode, Value, Value)?) -> RangeFact? {
            guard let (cc, l, r) = e else { return facts }
            return RangeFact(cc, l, r, facts)
        }
        // The interval of an instruction's result, and whether it may overflow.
        func transfer(_ inst: Inst, _ facts: RangeFact?) -> (IntRange?, Bool) {
            let a = inst.args
            switch inst.op {
            case .iconst:
                if case .int(let k) = inst.imm { return (IntRange(lo: k, hi: k), false) }
                return (.full, false)
            case .listLen, .strLen: return (IntRange(lo: 0, hi: .max), false)
            case .copy: return (at(a[0], facts), false)
            case .iadd, .isub, .imul:
                guard let x = at(a[0], facts), let y = at(a[1], facts) else { return (nil, true) }
                return inst.op == .iadd ? addRange(x, y) : inst.op == .isub ? subRange(x, y) : mulRange(x, y)
            case .ineg:
                guard let x = at(a[0], facts) else { return (nil, true) }
                return subRange(IntRange(lo: 0, hi: 0), x)
            case .irem:
                guard let x = at(a[0], facts) else { return (nil, false) }
                var r = IntRange(lo: min(x.lo, 0), hi: max(x.hi, 0))
                if let k = constantInt(a[1]), k != 0, k != -1 {
                    let m = k == .min ? Int64.max : abs(k) - 1
                    r.lo = max(r.lo, -m)
                    r.hi = min(r.hi, m)
                }
                return (r, false)
            case .idiv:
                guard let x = at(a[0], facts) else { return (nil, false) }
                if let k = constantInt(a[1]), k > 0 { return (IntRange(lo: x.lo / k, hi: x.hi / k), false) }
                return (.full, false)
            default:
                return (.full, false)
            }
        }

        // Sweeps up to a fixpoint (widening from the third), then three sweeps down:
        // from intervals that hold, each parameter is set to the union of what its
        // edges pass, which holds too and can only shrink (narrowing: a remainder's
        // bound comes back after the widening lost it).
        if let e = f.entry { for p in f[e].params { rng[Int(p.index)] = .full } }
        var sweep = 0
        var changed = true
        var down = 0
        while changed || down < 3 {
            if !changed { down += 1 }
            sweep += 1
            if sweep > 12 + down { return }
            changed = false
            for b in rpo {
                let facts = chain[Int(b.index)]
                if b != f.entry {
                    for (i, p) in f[b].params.enumerated() where isInt(p) {
                        var u: IntRange? = nil
                        for inc in incoming[Int(b.index)] where i < inc.args.count {
                            guard let r = at(inc.args[i], withEdge(chain[Int(inc.pred)], inc.fact)) else { continue }
                            u = u.map { $0.union(r) } ?? r
                        }
                        guard var new = u else { continue }
                        if down > 0 {
                            rng[Int(p.index)] = new
                            continue
                        }
                        if let old = rng[Int(p.index)] {
                            new = new.union(old)
                            if sweep >= 3 {
                                if new.lo < old.lo { new.lo = .min }
                                if new.hi > old.hi { new.hi = .max }
                            }
                            if new == old { continue }
                        }
                        rng[Int(p.index)] = new
                        changed = true
                    }
                }
                for id in f[b].insts {
                    let inst = f[id]
                    guard let r = inst.result, isInt(r) else { continue }
                    rng[Int(r.index)] = transfer(inst, facts).0
                }
            }
        }
        for b in rpo {
            let facts = chain[Int(b.index)]
            for id in f[b].insts {
                let inst = f[id]
                switch inst.op {
                case .iadd, .isub, .imul:
                    guard let r = inst.result, isInt(r) else { continue }
                    let (range, mayOverflow) = transfer(inst, facts)
                    if range != nil && !mayOverflow { safeSteps.insert(id.index) }
                case .idiv, .irem:
                    // Neither 0 (the error) nor -1 (the overflowing quotient) possible.
                    guard let d = at(inst.args[1], facts) else { continue }
                    if d.lo > 0 || d.hi < -1 { safeDivisions.insert(id.index) }
                default: continue
                }
            }
        }
    }
}
