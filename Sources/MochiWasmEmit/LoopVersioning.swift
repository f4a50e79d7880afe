// Loop versioning for element accesses, as the C emitter's LoopVersioning.swift does
// it for generated C: a loop whose indexes are provably in range once a few facts
// hold where it is entered is emitted twice, `if GUARD (fast loop) else (loop) end`.
// The fast copy makes those accesses without our own index check (the compare, the
// negative-index path and its error call): `local.get $data; local.get i;
// i32.wrap_i64; array.get`. Wasm's own bounds check stays and cannot fire. n_body's
// `for j in i + 1..nb` indexes seven lists by `len(mass)`; `nb <= len(x)` for each
// of them is one compare where the loop is entered instead of one per access, and
// the lengths no longer need to stay live (in registers or spilled) inside the loop.
//
// A loop (the natural loop of header H) is versioned when:
// - its lists are hoisted (findHoistedLists) at H or at a loop around it: their
//   length and store sit in locals loaded before H's loop is entered, and nothing in
//   the hoisting loop changes a length or a store but the list's own set (no push,
//   no call that may push); a written list's store is its own from the start, so
//   `list.set` writes the cached store directly. Lists never shrink (LANGUAGE.md), so
//   a fact `hi <= len` found at entry holds on every iteration;
// - some access `xs[a]` in it is proven: xs is such a list; the access's block is
//   dominated by the target T of a branch on `a < hi` or `a <= hi` (any of the
//   equivalent icmp forms, on either arm) whose other predecessors T dominates (the
//   loop's back edges to T), with `a` defined above T (so whenever control is in a
//   block T dominates, `a` still has the tested value) and hi defined outside the
//   loop; and a >= 0 (nonNegative). The guard asks `hi <= len(xs)` (`hi < len(xs)`
//   for `<=`) of the hoisted length;
// Non-negative: MochiIR's NonNegativeValues (ValueFacts.swift, shared with the
// bce pass and the C emitter): constants >= 0, list and string lengths, copies,
// `x + y` of non-negative values (a checked add that overflows stops the program
// before its result is used; an unchecked one was proven not to overflow), and the
// parameters of blocks in the loop whose every incoming value is (a greatest
// fixpoint, so induction variables qualify); H's own parameters, which come from
// outside the loop, are tested by the guard (`p >= 0`) instead.
//
// A parameter of H that the loop only ever decreases (`hi = hi - 1`) is at most its
// value at entry: the guard tests that value, for a fact `a < hi` and for an access
// `xs[hi]` itself (under `x < hi` with x >= 0, so hi >= 0). fannkuch's flip loop
// `while lo < hi { ... perm[lo] ... perm[hi] ... }`.
//
// Outermost loops first; loops nested in a versioned one are copied with it (their
// accesses are proven by the outer guard when their bounds are defined outside it;
// the rest may be proven by their own guard, in each copy: two levels at most).
// Structured code puts everything H dominates inside H's `loop`, the code after the
// loop's exits included, so that is copied too: loops over 400 instructions so
// counted are left alone (code size). Branches in a copy that leave it count the
// `if` around it (adjustBranchDepths).
//
// The guard can also make the fast copy drop other checks: overflow checks of
// arithmetic on the proven indexes (with `bound <= 2^30` when they are multiplied),
// the zero check of a division by a float made of a positive int, the depth checks
// (`$#d < 100000`: spectral_norm's evalA, inlined into the inner loop, checked the
// depth on every element). See the end of findVersionedLoops.

import MochiIR

/// One versioned loop's guard: header parameters that must be >= 0, and
/// (bound, list, strict, offset) facts: `bound <= len(list) - offset` for a strict
/// `a < bound`, `bound < len(list) - offset` for `a <= bound`.
struct LoopGuard {
    var nonNegative: [Value] = []
    var bounds: [(bound: Value, list: Value, strict: Bool, offset: Int64)] = []
    /// Bounds also tested `<= 2^30`, so that products of indexes need no overflow check.
    var small: [Value] = []
    /// The function's depth is tested (`$#d < max`): the fast copy makes no depth check.
    var depth = false
}

extension FunctionEmitter {
    /// Plans the versioned loops (versionGuards, provenBy). Called at the end of
    /// analyse (it needs the hoisted lists and which values have locals).
    mutating func findVersionedLoops() {
        guard !hoistedLists.isEmpty, let entry = f.entry else { return }
        var succ = Array(repeating: [Int](), count: f.blocks.count)
        for b in f.layout { succ[Int(b.index)] = f[b].terminator.successors.map { Int($0.block.index) } }
        let a = Analysis(ControlFlowGraph(successors: succ, entry: Int(entry.index)))
        guard a.reducible else { return }
        var preds = Array(repeating: [Int](), count: f.blocks.count)
        for x in a.order { for t in succ[x] { preds[t].append(x) } }
        var blockOfInst: [Int32: Int] = [:]
        for b in f.layout { for id in f[b].insts { blockOfInst[id.index] = Int(b.index) } }
        func defBlock(_ v: Value) -> Int {
            switch f.valueDefs[Int(v.index)] {
            case .param(let b, _): return Int(b.index)
            case .inst(let id): return blockOfInst[id.index] ?? -1
            }
        }
        // Natural loops by header (all back edges to one header together).
        var loops: [(header: Int, body: Set<Int>)] = []
        for h in a.order {
            let latches = preds[h].filter { a.rpo[$0] >= 0 && a.dominates(h, $0) }
            if latches.isEmpty { continue }
            var body: Set<Int> = [h]
            var work = latches
            while let x = work.popLast() {
                if body.insert(x).inserted { work += preds[x].filter { a.rpo[$0] >= 0 } }
            }
            loops.append((h, body))
        }
        loops.sort { $0.body.count != $1.body.count ? $0.body.count > $1.body.count : $0.header < $1.header }

        // The code a `loop` of H holds: every block H dominates.
        func dominatedSize(_ h: Int) -> Int {
            var size = 0
            var work = [h]
            while let x = work.popLast() {
                size += f.blocks[x].insts.count + 1
                work += a.domChildren[x]
            }
            return size
        }

        // The versioned loops' headers. A versioned loop's `loop` holds all that its
        // header dominates, so a loop there is copied with it: at most one versioned
        // loop may hold another (whose code is then emitted up to four times).
        var chosen: [Int] = []
        for (h, body) in loops {
            if chosen.filter({ a.dominates($0, h) }).count >= 2 { continue }
            // The lists cached for the whole loop: hoisted at H or around it.
            var cached: [Int32: Bool] = [:] // list -> writable
            for outer in loopHeadersOf[h] ?? [] where outer == h || a.dominates(outer, h) {
                for (v, _, w) in hoistedLists[outer] ?? [] { cached[v.index] = (cached[v.index] ?? false) || w }
            }
            if cached.isEmpty { continue }
            func outside(_ v: Value) -> Bool { let d = defBlock(v); return d >= 0 && !body.contains(d) }

            // Non-negative values (MochiIR's shared analysis, ValueFacts.swift): the
            // loop's block parameters are the candidates, and the edges into H from
            // outside the loop do not count, because the guard tests H's parameters
            // (`p >= 0`) where the loop is entered.
            var nonNeg = NonNegativeValues(f, predecessors: preds, candidate: { body.contains($0) },
                                           counts: { from, to in to != h || body.contains(from) })
            func isNonNeg(_ v: Value) -> Bool { nonNeg.contains(v) }

            // H's parameters that never grow in the loop (every value the loop passes
            // back is the parameter itself or it minus a constant >= 0): at most their
            // value at entry, which the guard can test. fannkuch's `while lo < hi`
            // with hi = hi - 1.
            var decreasing: Set<Int32> = []
            for p in f.blocks[h].params where type(p) == .i64 { decreasing.insert(p.index) }
            for q in preds[h] where a.rpo[q] >= 0 && body.contains(q) {
                for s in f.blocks[q].terminator.successors where Int(s.block.index) == h {
                    for (k, x) in s.args.enumerated() where k < f.blocks[h].params.count {
                        let p = f.blocks[h].params[k]
                        if x == p { continue }
                        if case .inst(let id) = f.valueDefs[Int(x.index)], f[id].op == .isub, f[id].args[0] == p,
                           let c = constInt(f[id].args[1]), c >= 0 { continue }
                        decreasing.remove(p.index)
                    }
                }
            }
            func bounded(_ hi: Value) -> Bool {
                outside(hi) || (decreasing.contains(hi.index) && needed[Int(hi.index)])
            }

            // The loop's blocks in reverse postorder: a Set's order changes from run
            // to run, and the facts found first and the guard's terms follow it.
            let ordered = a.order.filter { body.contains($0) }

            // Facts `a < hi` (strict) or `a <= hi` from branches in the loop, by target.
            var facts: [(target: Int, index: Value, bound: Value, strict: Bool)] = []
            for b in ordered {
                guard case .brif(let c, let t, let e) = f.blocks[b].terminator, t.block != e.block,
                      case .inst(let cid) = f.valueDefs[Int(c.index)], f[cid].op == .icmp,
                      case .cond(let cc) = f[cid].imm else { continue }
                let x = f[cid].args[0], y = f[cid].args[1]
                guard type(x) == .i64 else { continue }
                for (target, truth) in [(t.block, true), (e.block, false)] {
                    var code = cc
                    if !truth {
                        switch cc { case .lt: code = .ge; case .le: code = .gt; case .gt: code = .le; case .ge: code = .lt; default: continue }
                    }
                    let fact: (Value, Value, Bool)
                    switch code {
                    case .lt: fact = (x, y, true)
                    case .le: fact = (x, y, false)
                    case .gt: fact = (y, x, true)
                    case .ge: fact = (y, x, false)
                    default: continue
                    }
                    let (ix, hi, strict) = fact
                    let tb = Int(target.index)
                    guard body.contains(tb), tb != b,
                          preds[tb].allSatisfy({ $0 == b || a.rpo[$0] < 0 || a.dominates(tb, $0) }),
                          inlineConst[ix.index] == nil, defBlock(ix) >= 0, !a.dominates(tb, defBlock(ix)),
                          bounded(hi), needed[Int(hi.index)] || inlineConst[hi.index] != nil,
                          inlineConst[hi.index] != nil || defBlock(hi) < 0 || !a.dominates(tb, defBlock(hi)),
                          isNonNeg(ix) else { continue }
                    facts.append((tb, ix, hi, strict))
                }
            }
            if facts.isEmpty { continue }

            var g = LoopGuard()
            var proven: [Int32] = []
            for b in ordered {
                for id in f.blocks[b].insts {
                    let inst = f[id]
                    guard inst.op == .listGet || inst.op == .listSet, !inst.inBounds, isEmitted(inst) else { continue }
                    let l = inst.args[0], ix = inst.args[1]
                    guard let w = cached[l.index], outside(l), inst.op == .listGet || w else { continue }
                    guard provenBy[id.index] == nil else { continue }
                    // xs[a] under a < hi (a <= hi): hi <= len (hi < len) at entry. Or a is
                    // a decreasing parameter under x < a with x >= 0: a >= 0, a < len
                    // while its entry value is. Or xs[a + c] (a constant c > 0) under
                    // a < hi: hi <= len - c (compared so, len - c cannot overflow;
                    // fannkuch's rotation `perm1[i] = perm1[i + 1]`).
                    let need: (Value, Bool, Int64)
                    if let fact = facts.first(where: { $0.index == ix && a.dominates($0.target, b) }) {
                        need = (fact.bound, fact.strict, 0)
                    } else if decreasing.contains(ix.index), needed[Int(ix.index)],
                              facts.contains(where: { $0.bound == ix && $0.strict && a.dominates($0.target, b) }) {
                        need = (ix, false, 0)
                    } else if case .inst(let sid) = f.valueDefs[Int(ix.index)], f[sid].op == .iadd, f[sid].args.count == 2,
                              let c = constInt(f[sid].args[1]), c > 0, c < 1 << 30,
                              let fact = facts.first(where: { $0.index == f[sid].args[0] && a.dominates($0.target, b) }) {
                        need = (fact.bound, fact.strict, c)
                    } else { continue }
                    proven.append(id.index)
                    if !g.bounds.contains(where: { $0.bound == need.0 && $0.list == l && $0.strict == need.1 && $0.offset == need.2 }) {
                        g.bounds.append((need.0, l, need.1, need.2))
                    }
                }
            }
            if proven.isEmpty || dominatedSize(h) > 400 { continue }
            for p in f.blocks[h].params where isNonNeg(p) && needed[Int(p.index)] { g.nonNegative.append(p) }
            for id in proven { provenBy[id] = h }
            chosen.append(h)
            versionGuards[h] = g

            // In the fast copy a fact's index whose bound the guard compares with a
            // length is in [0, 2^32) (a length is a u32): a sum or difference of such
            // indexes and small constants cannot overflow, and needs no check there
            // (spectral_norm's evalA(i, j): i + j, then + 1). When the loop multiplies
            // such values, the guard also asks `hi <= 2^30` of those bounds: indexes are
            // then below 2^30 in magnitude, and products, quotients by constants, sums
            // and differences of them that stay below 2^63 need no check either
            // (evalA's `(i + j) * (i + j + 1) / 2 + i + 1`).
            let guarded = Set(g.bounds.map { $0.bound.index })
            let small = facts.filter { guarded.contains($0.bound.index) }
            func magnitudes(indexBound: Int64, products: Bool) -> [Int32: Int64] {
                var sumBound: [Int32: Int64] = [:]
                for b in a.order where body.contains(b) {
                    for id in f.blocks[b].insts {
                        let inst = f[id]
                        guard inst.op == .iadd || inst.op == .isub || (products && (inst.op == .imul || inst.op == .idiv)),
                              let r = inst.result, inst.args.count == 2 else { continue }
                        func magnitude(_ x: Value) -> Int64? {
                            if let k = constInt(x) { return k == Int64.min ? nil : abs(k) }
                            if let m = sumBound[x.index] { return m }
                            if small.contains(where: { $0.index == x && a.dominates($0.target, b) }) { return indexBound }
                            return nil
                        }
                        if inst.op == .idiv {
                            // |x / k| <= |x| for a constant k other than 0 and -1.
                            guard let k = constInt(inst.args[1]), k != 0, k != -1,
                                  let m = magnitude(inst.args[0]) else { continue }
                            sumBound[r.index] = m
                            continue
                        }
                        guard let m0 = magnitude(inst.args[0]), let m1 = magnitude(inst.args[1]) else { continue }
                        let (m, over) = inst.op == .imul ? m0.multipliedReportingOverflow(by: m1) : m0.addingReportingOverflow(m1)
                        if over || m == Int64.max { continue }
                        sumBound[r.index] = m
                    }
                }
                return sumBound
            }
            var bounded = magnitudes(indexBound: 1 << 32, products: false)
            let withProducts = magnitudes(indexBound: 1 << 30, products: true)
            let multiplies = withProducts.keys.contains { k in
                if case .inst(let id) = f.valueDefs[Int(k)] { return f[id].op == .imul }
                return false
            }
            if multiplies {
                bounded = withProducts
                versionGuards[h]?.small = g.bounds.map { $0.bound }.reduce(into: [Value]()) { if !$0.contains($1) { $0.append($1) } }
            }
            for (r, _) in bounded {
                guard case .inst(let id) = f.valueDefs[Int(r)], f[id].op != .idiv else { continue }
                if fastBounded[r] == nil { fastBounded[r] = h }
            }

            // Signs in the fast copy: the loop's non-negative values (the guard tested
            // H's parameters), and sums, products and quotients by positive constants
            // of them (exact: a checked operation that overflows stops the program; an
            // unchecked one was proven above not to). A float made of a positive int
            // is at least 1, so dividing by it needs no zero check (evalA's
            // `1.0 / (... + i + 1)`). A non-negative value divided by a power of two
            // is shifted, its remainder masked (evalA's `/ 2`).
            var positive: Set<Int32> = []
            var nonNegative: Set<Int32> = []
            func sign(_ x: Value) -> Int { // 2 positive, 1 non-negative, 0 unknown
                if let k = constInt(x) { return k > 0 ? 2 : k == 0 ? 1 : 0 }
                if positive.contains(x.index) { return 2 }
                if nonNegative.contains(x.index) || isNonNeg(x) { return 1 }
                return 0
            }
            for b in ordered {
                for id in f.blocks[b].insts {
                    let inst = f[id]
                    guard let r = inst.result else { continue }
                    var s = 0
                    switch inst.op {
                    case .iadd where inst.args.count == 2:
                        let s0 = sign(inst.args[0]), s1 = sign(inst.args[1])
                        s = s0 == 0 || s1 == 0 ? 0 : max(s0, s1)
                    case .imul where inst.args.count == 2:
                        s = min(sign(inst.args[0]), sign(inst.args[1]))
                    case .idiv where inst.args.count == 2, .irem where inst.args.count == 2:
                        if let k = constInt(inst.args[1]), k > 0, sign(inst.args[0]) > 0 {
                            s = 1
                            if k > 1, k & (k - 1) == 0 { fastShift[r.index] = fastShift[r.index] ?? h }
                        }
                    case .itof:
                        if sign(inst.args[0]) == 2 { fastNonZero[r.index] = fastNonZero[r.index] ?? h }
                    default:
                        break
                    }
                    if s == 2 { positive.insert(r.index) } else if s == 1 { nonNegative.insert(r.index) }
                }
            }

            // The function's depth never changes in it: tested once by the guard, the
            // fast copy makes none of the depth checks of the code it holds (the calls
            // inlined into the loop, calls after its exits).
            if !module.leaf[index] {
                let checks = module.depthChecks[index]
                var work = [h]
                var found = false
                while let x = work.popLast(), !found {
                    for id in f.blocks[x].insts where checks[id.index] != nil || f[id].op == .call || f[id].op == .callClosure {
                        found = true
                    }
                    work += a.domChildren[x]
                }
                if found { versionGuards[h]?.depth = true }
            }
        }
    }

    /// Pushes the i32 guard of a versioned loop (its lists' caches are loaded).
    mutating func emitGuard(_ g: LoopGuard) {
        var terms = 0
        for p in g.nonNegative {
            get(p); emit("i64.const 0"); emit("i64.ge_s")
            if terms > 0 { emit("i32.and") }
            terms += 1
        }
        for (bound, l, strict, offset) in g.bounds {
            guard let c = loopCache(for: l) else { continue }
            get(bound); emit("local.get \(c.len)")
            if offset != 0 { emit("i64.const \(offset)"); emit("i64.sub") }
            emit(strict ? "i64.le_s" : "i64.lt_s")
            if terms > 0 { emit("i32.and") }
            terms += 1
        }
        for bound in g.small {
            get(bound); emit("i64.const \(1 << 30)"); emit("i64.le_s")
            if terms > 0 { emit("i32.and") }
            terms += 1
        }
        if g.depth {
            emit("local.get \(FunctionEmitter.depthParam)"); emit("i32.const \(FunctionEmitter.maxDepth)"); emit("i32.lt_u")
            if terms > 0 { emit("i32.and") }
            terms += 1
        }
        if terms == 0 { emit("i32.const 1") }
    }

    /// True in a versioned loop's fast copy whose guard tested the depth.
    var depthGuarded: Bool { fastCopies.contains { versionGuards[$0]?.depth ?? false } }

    /// Every guard list has a cache here (the plan's premise; checked, not assumed).
    func guardIsEmittable(_ g: LoopGuard) -> Bool {
        g.bounds.allSatisfy { loopCache(for: $0.list) != nil }
    }

    /// Adds one to the depth of every branch in `out[start...]` that leaves that code
    /// (the copy is now inside one more label, the guard's `if`).
    mutating func adjustBranchDepths(from start: Int) {
        var open = 0
        for k in start..<out.count {
            let line = out[k]
            var s = Substring(line)
            while s.first == " " { s = s.dropFirst() }
            let words = s.split(separator: " ", omittingEmptySubsequences: true)
            guard let op = words.first else { continue }
            switch op {
            case "block", "loop", "if": open += 1
            case "end": open -= 1
            case "br", "br_if", "br_on_null", "br_on_non_null", "br_on_cast", "br_on_cast_fail":
                guard words.count >= 2, let d = Int(words[1]), d >= open else { continue }
                var w = words.map(String.init)
                w[1] = String(d + 1)
                out[k] = String(line.prefix(line.count - s.count)) + w.joined(separator: " ")
            case "br_table":
                var w = words.map(String.init)
                var touched = false
                for i in 1..<w.count { if let d = Int(w[i]), d >= open { w[i] = String(d + 1); touched = true } }
                if touched { out[k] = String(line.prefix(line.count - s.count)) + w.joined(separator: " ") }
            default: break
            }
        }
    }
}

extension FunctionEmitter {
    /// Unrolls by two a loop in a versioned loop's fast copy that only reads lists:
    /// `loop TEST if BODY br 1 else EXIT end end`, with TEST and BODY code that
    /// branches nowhere, stores nothing and calls nothing (but an error), becomes
    /// `loop TEST if BODY TEST if BODY end br 1 else EXIT end end`: the second copy
    /// is the next iteration, run when its test holds (both copies compute from the
    /// locals the first one set, so it is that iteration exactly). Wasmtime 49
    /// reloads an array's length and recomputes its size and bounds on every
    /// iteration, but shares them between two accesses with no store between
    /// (docs/WASM.md, "What an element access costs"): the second copy's access
    /// costs about 6 instructions instead of 20 (spectral_norm's `s + evalA(i, j) *
    /// v[j]`). `out[start]` is the `loop` line just emitted.
    mutating func unrollReadLoop(from start: Int) {
        func op(_ line: String) -> Substring {
            let t = line.drop { $0 == " " }
            return t.prefix { $0 != " " }
        }
        let n = out.count
        guard n - start >= 8, op(out[start]) == "loop", op(out[n - 1]) == "end", op(out[n - 2]) == "end" else { return }
        // TEST: up to the first `if`; pure reads of locals and constants, compares.
        var k = start + 1
        while k < n, op(out[k]) != "if" {
            let o = op(out[k])
            guard o == "local.get" || o.hasSuffix(".const") || o.hasPrefix("i64.") || o.hasPrefix("i32.") || o.hasPrefix("f64."),
                  !o.contains(".store") else { return }
            k += 1
        }
        guard k < n, out[k].drop(while: { $0 == " " }) == "if", k > start + 1, k - start <= 8 else { return }
        let ifLine = k
        // BODY: up to `br 1`; no branch, no loop, no store, no call but a check's
        // cold error call (`if ... global.get $#cold.X call_ref ... unreachable end`,
        // which stops the program: in the second copy it is the next iteration's
        // error), and at least one array.get.
        k += 1
        var reads = false
        var open = 0
        let stop: Set<Substring> = ["block", "loop", "br", "br_if", "br_table", "br_on_null",
                                    "br_on_non_null", "br_on_cast", "br_on_cast_fail", "call",
                                    "call_indirect", "return", "return_call", "return_call_ref",
                                    "array.set", "array.fill", "array.copy", "array.init_data", "array.init_elem",
                                    "struct.set", "global.set", "throw", "memory.copy", "memory.fill"]
        while k < n, open > 0 || out[k].drop(while: { $0 == " " }) != "br 1" {
            let o = op(out[k])
            if o.contains(".store") || stop.contains(o) { return }
            switch o {
            case "if": open += 1
            case "end": open -= 1; if open < 0 { return }
            case "else": if open == 0 { return }
            case "call_ref": if !(k > 0 && out[k - 1].drop(while: { $0 == " " }).hasPrefix("global.get $#cold.")) { return }
            case "array.get", "array.get_s", "array.get_u": reads = true
            default: break
            }
            k += 1
        }
        guard reads, k < n, k - ifLine <= 160 else { return }
        let brLine = k
        let indent = String(out[ifLine].prefix { $0 == " " })
        var copy = out[(start + 1)...ifLine].map { "  " + $0 }
        copy += out[(ifLine + 1)..<brLine].map { "  " + $0 }
        copy.append("  " + indent + "end")
        out.insert(contentsOf: copy, at: brLine)
    }
}
