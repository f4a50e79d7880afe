// One IR function -> one Wasm function (WAT text, flat instructions). SSA values become
// typed locals `$v<index>` (i64, f64, i32 for bool, a reference type otherwise);
// constants are not given locals but written where they are used. Block parameters
// are locals assigned on each edge as a sequentialised parallel copy (a temporary
// breaks a cycle such as `jump b1(v2, v1)`). The control flow graph becomes structured
// code (Structure.swift): loops are `loop`s, forward merges nested `block`s, and edges
// `br`, `br_if` or the target's code inline.
//
// Each op is translated the way the C emitter translates it (EmitFunction.swift in
// MochiEmitC): typed arithmetic inline with its checks (overflow by sign tests, the
// product of two 32-bit values without a check, zero divisors, MIN / -1, float to int
// range) calling a cold `$mochi_err_*_at (line)`; lists' len/get/set/push inline with the
// runtime on the slow path; everything else a call into the runtime, with values boxed
// to `anyref` where the runtime is generic. Before an op that may fail,
// `$mochi_loc_line` is stored exactly where the C emitter stores `mochi_loc_line` (once
// per line and block), so runtime errors print the same `  at file:line`.
//
// A call in tail position (the block returns its result) is a `return_call`. Every
// call of a Mochi function (direct or through a closure) counts the call depth against
// the interpreter's limit and stops with `stack overflow` at the call's line, as every
// other mode does (so runaway recursion that calls a leaf at each level stops at the
// same call and after the same output). The depth travels as a parameter: every
// function that calls something takes its own depth as a last `i32` parameter `$#d`
// and passes `$#d + 1` to the functions it calls (a leaf reads no depth and takes
// none). A register instead of a global that each call loaded, stored and restored:
// fib's two calls a level were a fifth of its time. A closure call stores `$#d + 1` in
// `$mochi_depth` right before `call_ref`, and the closure's adapter passes it on. A
// chain of tail calls counts every link, as the interpreter does.

import MochiIR

struct FunctionEmitter {
    let f: Function
    let index: Int
    var module: ModuleEmitter
    var out: [String] = []
    var depth = 1
    /// Values some emitted code reads (by value index).
    var needed: [Bool]
    /// Values written inline at each use (constants), by value index.
    var inlineConst: [Int32: Inst] = [:]
    var fusedCompare: [Int32: InstID] = [:]
    /// Blocks whose last instruction is a call in tail position.
    var tailCall: Set<Int32> = []
    /// Headers of fill loops (findFillLoops), by block index.
    var fillLoops: [Int32: FillLoop] = [:]
    /// Headers of copy loops (findCopyLoops), by block index.
    var copyLoops: [Int32: CopyLoop] = [:]
    /// Lists to reserve room in where a loop is entered (findReserveLoops), by header.
    var reserveLoops: [Int: [ReserveLoop]] = [:]
    /// map<int, int> updates `m[x] = m[x] + d` (findMapAdds): by the read's
    /// instruction index, the add and the write it absorbs.
    var mapAdds: [Int32: (add: InstID, store: InstID)] = [:]
    /// map<int, int> counts `if x in m { m[x] = m[x] + d } else { m[x] = d }`
    /// (findMapCounts): by the test's instruction index, the add and the two writes
    /// it absorbs.
    var mapCounts: [Int32: (add: InstID, store: InstID, insert: InstID)] = [:]
    var absorbed: Set<Int32> = []
    /// The value `$mochi_loc_line` is known to hold here, if any.
    var knownLine: Int32? = nil
    /// The interpreter decoder's running line at each block's terminator (where an
    /// `unreachable` terminator without a location reports).
    var terminatorLine: [Int32: UInt32] = [:]
    /// Scratch locals the code needs, by name, with their types (declaration order).
    var scratch: [(name: String, type: String)] = []
    var scratchNames: Set<String> = []
    var tempCounter = 0
    var usesDispatch = false
    /// Lists whose length and store are in locals here (see cachedList).
    var listCache: [Int32: ListCache] = [:]
    /// Checked element indexes made in this block while the list caches they used
    /// hold: by the cache's length local and the index value, the i32 local holding
    /// it. `vx[i] = vx[i] - d` checks i against vx once. Emptied with listCache.
    var checkedIndex: [String: String] = [:]
    /// Scalars already boxed in this block, by value index (see getBoxed).
    var boxCache: [Int32: String] = [:]

    /// `writable`: the list's store was made its own (copy-on-write, wlen = len) when
    /// the cache was loaded, so `list.set` may store into `data` directly.
    struct ListCache { var len: String; var data: String; var writable: Bool = false }
    /// Lists that `list.set` writes in the block being emitted (their caches are
    /// loaded writable from the first access on).
    var blockWrites: Set<Int32> = []
    /// Versioned loops' guards by header, and the accesses (instruction indexes) their
    /// fast copies make without an index check (LoopVersioning.swift).
    var versionGuards: [Int: LoopGuard] = [:]
    var provenBy: [Int32: Int] = [:]
    /// `iadd` / `isub` / `imul` results that cannot overflow in a versioned loop's
    /// fast copy (by result index: the loop's header).
    var fastBounded: [Int32: Int] = [:]
    /// f64 values that are at least 1 in a versioned loop's fast copy (by value
    /// index: the loop's header): a division by one needs no zero check there.
    var fastNonZero: [Int32: Int] = [:]
    /// `idiv` / `irem` by a constant power of two of a non-negative value in a
    /// versioned loop's fast copy (by result index: the loop's header): a shift or a
    /// mask there (Cranelift's signed division by 2 is four instructions, a shift one).
    var fastShift: [Int32: Int] = [:]
    /// The versioned loops whose fast copy is being emitted, by header.
    var fastCopies: Set<Int> = []
    /// The access being emitted needs no index check of ours: the IR marked it
    /// `inbounds` (mochi-ir -O1's bce pass), or a versioned loop's guard proved it.
    var uncheckedAccess = false

    static let maxDepth = 100_000

    init(function: Function, index: Int, module: ModuleEmitter) {
        self.f = BranchThreading.thread(function)
        self.index = index
        self.module = module
        needed = Array(repeating: false, count: function.valueTypes.count)
    }

    /// Ops with no effect but their result: skipped when the result is unused.
    static func isPure(_ op: Opcode) -> Bool {
        switch op {
        case .iconst, .fconst, .bconst, .sconst, .null, .copy, .icmp, .not, .fadd, .fsub, .fmul,
             .fneg, .fcmp, .itof, .math1, .math2, .globalGet, .listLen:
            return true
        default:
            return false
        }
    }

    static func cannotFail(_ op: Opcode) -> Bool { isPure(op) || op == .globalSet || op == .variantTag }

    /// Ops whose checks are inline and take their line as an argument (stored into
    /// `$mochi_loc_line` only on the failing path), and direct calls.
    static func passesLine(_ op: Opcode) -> Bool {
        switch op {
        case .iadd, .isub, .imul, .idiv, .irem, .ineg, .fdiv, .ftoi, .listGet, .listSet, .fieldGet, .fieldSet, .call:
            return true
        default:
            return false
        }
    }

    func type(_ x: Value) -> IRType { f.type(of: x) }
    func local(_ x: Value) -> String { "$v\(x.index)" }

    func isEmitted(_ inst: Inst) -> Bool {
        guard FunctionEmitter.isPure(inst.op) else { return true }
        guard let r = inst.result else { return true }
        if inlineConst[r.index] != nil { return false }
        return needed[Int(r.index)]
    }

    func fail(_ msg: String) -> EmitWasmError { EmitWasmError("function @\(f.name): \(msg)") }

    // MARK: analysis

    /// Values computed outside a loop and used inside it whose computation Cranelift
    /// would otherwise sink into the loop (its e-graph places a pure operation at its
    /// use and does not hoist it back out of a loop when the use is not in the loop's
    /// header block: mandelbrot's loop-invariant divisions ran on every iteration). A
    /// store of the value to a global right where it is computed pins it there.
    var anchored: Set<Int32> = []

    mutating func findAnchors() {
        let n = f.blocks.count
        var succ = Array(repeating: [Int](), count: n)
        for b in f.layout { succ[Int(b.index)] = f[b].terminator.successors.map { Int($0.block.index) } }
        guard let entry = f.entry else { return }
        let a = Analysis(ControlFlowGraph(successors: succ, entry: Int(entry.index)))
        var preds = Array(repeating: [Int](), count: n)
        for x in a.order { for t in succ[x] { preds[t].append(x) } }
        // Natural loops: the blocks of each back edge's loop, as a set of loop ids per block.
        var loops = Array(repeating: Set<Int>(), count: n)
        var loopCount = 0
        for x in a.order {
            for h in succ[x] where a.rpo[h] <= a.rpo[x] && a.dominates(h, x) {
                let id = loopCount
                loopCount += 1
                var work = [x]
                var seen: Set<Int> = [h]
                loops[h].insert(id)
                while let y = work.popLast() {
                    if seen.contains(y) { continue }
                    seen.insert(y)
                    loops[y].insert(id)
                    for p in preds[y] where a.rpo[p] >= 0 { work.append(p) }
                }
            }
        }
        if loopCount == 0 { return }
        findHoistedLists(loops, a)
        var defBlock: [Int32: Int] = [:]
        for b in f.layout {
            for id in f[b].insts {
                let inst = f[id]
                guard let r = inst.result else { continue }
                switch inst.op {
                case .fadd, .fsub, .fmul, .fdiv, .frem, .fneg, .itof, .ftoi, .math1, .math2,
                     .iadd, .isub, .imul, .idiv, .irem, .ineg:
                    defBlock[r.index] = Int(b.index)
                default: break
                }
            }
        }
        func use(_ v: Value, in u: Int) {
            guard let d = defBlock[v.index], !loops[u].isSubset(of: loops[d]) else { return }
            anchored.insert(v.index)
        }
        for b in f.layout {
            let u = Int(b.index)
            for id in f[b].insts { for x in f[id].args { use(x, in: u) } }
            for x in f[b].terminator.uses { use(x, in: u) }
        }
    }

    /// `iadd` / `isub` (by result index) that cannot overflow: of a constant, when a
    /// branch that dominates them bounds the other operand (the loop counter's
    /// `i + 1` under `i < n`, so i < max; fib's `n - 1` under `n >= 2`), or of two
    /// operands both small in magnitude (constants, list indexes already checked,
    /// sums of those). They get no overflow check (a compare and branch each).
    var boundedArithmetic: Set<Int32> = []
    /// Each block's immediate dominator (-1 unreachable; the entry its own).
    var idomOf: [Int] = []
    /// The boxes made by the end of each block emitted so far (see getBoxed).
    var boxCacheAtEnd: [Int: [Int32: String]] = [:]
    /// Struct values already null-checked (and cast to the variant), by value index
    /// and variant: the local holding the non-null reference. Follows the dominator
    /// tree as boxCache does (the local only ever holds that value).
    var refCache: [String: String] = [:]
    var refCacheAtEnd: [Int: [String: String]] = [:]
    /// A depth check has been made in this block or in one that dominates it.
    var depthChecked = false
    var depthCheckedAtEnd: [Int: Bool] = [:]

    /// Int values that are always > 0 (by value index). A greatest fixpoint over a sign per value (positive, then
    /// non-negative, then unknown, each value only ever lowered): a constant has its
    /// own; a list or string length is non-negative; a copy, and a block parameter, has
    /// the least of its incoming values' (so `var d = 3 ... d = d + 2` is positive); a
    /// sum is positive when one operand is and the other is non-negative, non-negative
    /// when both are; a product likewise when both are positive / non-negative; a
    /// quotient or remainder of a non-negative value by a positive one is non-negative
    /// (a checked operation that overflows stops the program before its result is
    /// used; an unchecked one was proven not to). A division or remainder by a
    /// positive value needs no zero check, and a division no check of `MIN / -1`
    /// (prime_count's `n % d`).
    var positiveValues: Set<Int32> = []
    /// Values passed to a block parameter (a jump's or branch's arguments).
    var carriedValues: Set<Int32> = []
    /// `idiv` / `irem` (by result index) of a non-negative value by a positive one:
    /// the unsigned instruction gives the same result, and Cranelift makes it without
    /// the sign extension and the `-1` test of `idiv`, and by a constant with a
    /// shorter multiply. Non-negative: by the fixpoint above, or under a branch that
    /// bounds it below by 0 (nonNegativeFacts: prime_count's n past
    /// `if n < 2 { return false }`; sum_loop's `(s * 31 + i) % 1000000007`).
    var unsignedDivisions: Set<Int32> = []
    /// (target block, value) of branch facts `value >= 0` (findBoundedArithmetic).
    var nonNegativeFacts: [(target: Int, value: Int32)] = []
    /// Int values that are >= 0 wherever they are defined (findBoundedArithmetic's
    /// sign fixpoint, which also reads branch facts and order facts `q <= p`).
    var nonNegativeValues: Set<Int32> = []
    /// `iadd` (by result index) of a non-negative operand and another, `other`: the
    /// sum can only overflow upwards, and then exactly when the wrapped result is
    /// below `other` (the accum exit's `(max - room) + v`): one compare, not four
    /// instructions of sign tests.
    var nonNegativeAdds: [Int32: Value] = [:]
    /// Two guards `t >= 0` then `t <= r` (or `t < r`) with r >= 0, fused into one
    /// unsigned compare `t <=u r` in the first block (by its compare's result), and
    /// the second block, whose test is then always true, by block index: the arm it
    /// takes (true: its `then` target). The accum loop's `t >= 0 && t <= room`.
    var fusedGuards: [Int32: (t: Value, r: Value, strict: Bool, towardsTrue: Bool)] = [:]
    var answeredGuards: [Int32: Bool] = [:]
    /// The branch facts `value >= 0` by value: their targets (findBoundedArithmetic).
    var signFacts: [Int32: [Int]] = [:]
    var signAnalysis: Analysis? = nil

    /// v >= 0 holds in block bi: a constant, a value of the sign fixpoint, or a branch
    /// fact `v >= 0` whose target dominates bi.
    func nonNegative(_ v: Value, at bi: Int) -> Bool {
        if let k = constInt(v) { return k >= 0 }
        if nonNegativeValues.contains(v.index) { return true }
        guard let a = signAnalysis, bi < a.rpo.count, a.rpo[bi] >= 0 else { return false }
        return (signFacts[v.index] ?? []).contains { a.dominates($0, bi) }
    }

    mutating func findPositiveValues() {
        guard let entry = f.entry else { return }
        var succ = Array(repeating: [Int](), count: f.blocks.count)
        for b in f.layout { succ[Int(b.index)] = f[b].terminator.successors.map { Int($0.block.index) } }
        let a = Analysis(ControlFlowGraph(successors: succ, entry: Int(entry.index)))
        // Incoming values of each reachable block's parameters, from reachable blocks.
        var incoming: [Int32: [Value]] = [:]
        for x in a.order {
            for s in f.blocks[x].terminator.successors {
                for (p, v) in zip(f[s.block].params, s.args) { incoming[p.index, default: []].append(v) }
            }
        }
        // value, operands, kind: 0 the least of its operands (a block parameter's
        // incoming values, a copy's operand), 1 a sum, 2 a product, 3 a quotient or
        // remainder, 4 a length (always non-negative)
        var candidates: [(Value, [Value], Int)] = []
        for x in a.order where x != Int(entry.index) {
            for p in f.blocks[x].params where type(p) == .i64 {
                candidates.append((p, incoming[p.index] ?? [], 0))
            }
        }
        for x in a.order {
            for id in f.blocks[x].insts {
                let inst = f[id]
                guard let r = inst.result, type(r) == .i64 else { continue }
                switch inst.op {
                case .copy where inst.args.count == 1: candidates.append((r, inst.args, 0))
                case .iadd where inst.args.count == 2: candidates.append((r, inst.args, 1))
                case .imul where inst.args.count == 2: candidates.append((r, inst.args, 2))
                case .idiv where inst.args.count == 2, .irem where inst.args.count == 2: candidates.append((r, inst.args, 3))
                case .listLen, .strLen: candidates.append((r, [], 4))
                default: break
                }
            }
        }
        // 2 positive, 1 non-negative, 0 unknown; every candidate starts at 2.
        var level: [Int32: Int] = [:]
        for c in candidates { level[c.0.index] = 2 }
        func sign(_ v: Value) -> Int {
            if let k = constInt(v) { return k > 0 ? 2 : k == 0 ? 1 : 0 }
            return level[v.index] ?? 0
        }
        // Lowered at each candidate whose rule gives less, then its users rechecked
        // (a worklist: each candidate is rechecked only when an operand is lowered).
        var users: [Int32: [Int]] = [:]
        for (k, c) in candidates.enumerated() { for x in c.1 { users[x.index, default: []].append(k) } }
        var work = Array(candidates.indices)
        while let k = work.popLast() {
            let (v, ops, kind) = candidates[k]
            let now = level[v.index] ?? 0
            guard now > 0 else { continue }
            var s: Int
            switch kind {
            case 0:
                s = ops.isEmpty ? 0 : ops.map(sign).min()!
            case 1:
                let s0 = sign(ops[0]), s1 = sign(ops[1])
                s = min(s0, s1) == 0 ? 0 : max(s0, s1)
            case 2:
                s = min(sign(ops[0]), sign(ops[1]))
            case 3:
                s = sign(ops[1]) == 2 && sign(ops[0]) >= 1 ? 1 : 0
            default:
                s = 1
            }
            if s < now {
                level[v.index] = s
                work += users[v.index] ?? []
            }
        }
        for (v, l) in level where l == 2 { positiveValues.insert(v) }
        for x in a.order {
            for id in f.blocks[x].insts {
                let inst = f[id]
                guard inst.op == .idiv || inst.op == .irem, inst.args.count == 2, let r = inst.result,
                      sign(inst.args[1]) == 2 else { continue }
                let v = inst.args[0]
                if sign(v) >= 1 || nonNegativeFacts.contains(where: { $0.value == v.index && a.dominates($0.target, x) }) {
                    unsignedDivisions.insert(r.index)
                }
            }
        }
    }

    /// The sign fixpoint behind nonNegative(_:at:): a greatest fixpoint over the
    /// function's int block parameters and sums, differences, products and copies
    /// (each starts >= 0 and is only ever lowered to unknown). A block parameter is
    /// >= 0 when every incoming value is where its edge leaves; a sum or a product
    /// when both operands are (checked: an overflow stops the program before the
    /// result is used); a difference p - q when a branch `q <= p` (or `q < p`)
    /// dominates it, or p is the constant max and q >= 0; a length always. Branch
    /// facts `x >= 0` hold where their target dominates (the accum loop's room,
    /// `room - t` under `t >= 0 && t <= room`, enters the loop as max).
    mutating func findNonNegativeValues(_ a: Analysis, _ orderFacts: [(target: Int, lo: Int32, hi: Int32)]) {
        signAnalysis = a
        for fact in nonNegativeFacts { signFacts[fact.value, default: []].append(fact.target) }
        guard let entry = f.entry else { return }
        var incoming: [Int32: [(Int, Value)]] = [:]
        for x in a.order {
            for s in f.blocks[x].terminator.successors {
                for (p, v) in zip(f[s.block].params, s.args) { incoming[p.index, default: []].append((x, v)) }
            }
        }
        // (value, block, rule): 0 parameter, 1 sum/product, 2 difference, 3 copy, 4 length
        var candidates: [(Value, Int, Int, [Value])] = []
        for x in a.order {
            if x != Int(entry.index) {
                for p in f.blocks[x].params where type(p) == .i64 { candidates.append((p, x, 0, [])) }
            }
            for id in f.blocks[x].insts {
                let inst = f[id]
                guard let r = inst.result, type(r) == .i64 else { continue }
                switch inst.op {
                case .iadd where inst.args.count == 2, .imul where inst.args.count == 2: candidates.append((r, x, 1, inst.args))
                case .isub where inst.args.count == 2: candidates.append((r, x, 2, inst.args))
                case .copy where inst.args.count == 1: candidates.append((r, x, 3, inst.args))
                case .listLen, .strLen: candidates.append((r, x, 4, []))
                default: break
                }
            }
        }
        for c in candidates { nonNegativeValues.insert(c.0.index) }
        // A worklist: a candidate is rechecked when a value it reads is lowered.
        var users: [Int32: [Int]] = [:]
        for (k, c) in candidates.enumerated() {
            let reads = c.2 == 0 ? (incoming[c.0.index] ?? []).map { $0.1 } : c.3
            for x in reads { users[x.index, default: []].append(k) }
        }
        var work = Array(candidates.indices.reversed())
        while let k = work.popLast() {
            let (v, x, rule, ops) = candidates[k]
            if nonNegativeValues.contains(v.index) {
                let holds: Bool
                switch rule {
                case 0: holds = (incoming[v.index] ?? []).allSatisfy { nonNegative($0.1, at: $0.0) }
                case 1: holds = nonNegative(ops[0], at: x) && nonNegative(ops[1], at: x)
                case 2:
                    let p = ops[0].index, q = ops[1].index
                    holds = orderFacts.contains(where: { $0.lo == q && $0.hi == p && a.dominates($0.target, x) })
                        || (constInt(ops[0]) == Int64.max && nonNegative(ops[1], at: x))
                case 3: holds = nonNegative(ops[0], at: x)
                default: holds = true
                }
                if !holds {
                    nonNegativeValues.remove(v.index)
                    work += users[v.index] ?? []
                }
            }
        }
    }

    /// Fills fusedGuards / answeredGuards: block A ends in a fused `brif` on
    /// `t >= 0` (or `0 <= t`, `t > -1`) whose arm to B is taken when it holds and
    /// whose other arm goes to X; B has A as its only predecessor, no parameters and
    /// nothing but a fused compare `t <= r` (or `t < r`) whose arm taken when it
    /// holds goes to Y != X and whose other arm is the same edge to X (same
    /// arguments); r is defined outside B and r >= 0 holds in A. Then 0 <= t <= r
    /// exactly when t <=u r (as unsigned), so A tests that and B goes to Y: the
    /// same blocks are reached with the same values, one compare and branch fewer.
    mutating func findFusedGuards() {
        var predCount = Array(repeating: 0, count: f.blocks.count)
        for b in f.layout { for s in f[b].terminator.successors { predCount[Int(s.block.index)] += 1 } }
        // (lo, hi, strict) of `lo < hi` / `lo <= hi` holding on the arm taken when
        // the compare's outcome is `truth`.
        func relation(_ inst: Inst, _ truth: Bool) -> (Value, Value, Bool)? {
            guard inst.op == .icmp, inst.args.count == 2, type(inst.args[0]) == .i64,
                  case .cond(let cc) = inst.imm else { return nil }
            var code = cc
            if !truth {
                switch cc { case .lt: code = .ge; case .le: code = .gt; case .gt: code = .le; case .ge: code = .lt; default: return nil }
            }
            switch code {
            case .lt: return (inst.args[0], inst.args[1], true)
            case .le: return (inst.args[0], inst.args[1], false)
            case .gt: return (inst.args[1], inst.args[0], true)
            case .ge: return (inst.args[1], inst.args[0], false)
            default: return nil
            }
        }
        for ab in f.layout {
            guard let c1id = fusedCompare[ab.index], case .brif(_, let at, let ae) = f[ab].terminator,
                  at.block != ae.block else { continue }
            let c1 = f[c1id]
            for towardsTrue in [true, false] {
                let toB = towardsTrue ? at : ae, toX = towardsTrue ? ae : at
                // t >= 0 on the arm to B
                guard toB.args.isEmpty, let (lo, hi, strict) = relation(c1, towardsTrue), constInt(hi) == nil,
                      let k = constInt(lo), strict ? k == -1 : k == 0 else { continue }
                let t = hi
                let bb = toB.block
                guard predCount[Int(bb.index)] == 1, f[bb].params.isEmpty, f[bb].insts.count == 1,
                      let c2id = fusedCompare[bb.index], case .brif(_, let bt, let be) = f[bb].terminator,
                      bt.block != be.block else { continue }
                let c2 = f[c2id]
                for yTrue in [true, false] {
                    let toY = yTrue ? bt : be, toX2 = yTrue ? be : bt
                    guard toX2.block == toX.block, toX2.args == toX.args, toY.block != toX.block,
                          let (lo2, r, strict2) = relation(c2, yTrue), lo2 == t, constInt(r) == nil, r != t,
                          nonNegative(r, at: Int(ab.index)) else { continue }
                    fusedGuards[c1.result!.index] = (t, r, strict2, towardsTrue)
                    answeredGuards[bb.index] = yTrue
                    break
                }
                break
            }
        }
    }

    mutating func findBoundedArithmetic() {
        let n = f.blocks.count
        var succ = Array(repeating: [Int](), count: n)
        for b in f.layout { succ[Int(b.index)] = f[b].terminator.successors.map { Int($0.block.index) } }
        guard let entry = f.entry else { return }
        let a = Analysis(ControlFlowGraph(successors: succ, entry: Int(entry.index)))
        idomOf = a.idom
        var predCount = Array(repeating: 0, count: n)
        for x in a.order { for t in succ[x] { predCount[t] += 1 } }
        var def: [Int32: Inst] = [:]
        for b in f.layout { for id in f[b].insts { let i = f[id]; if let r = i.result { def[r.index] = i } } }
        // Bounds on a value that hold in every block the target dominates: the edge
        // from a `brif` on an int compare to a target with no other predecessor.
        struct Fact { var target: Int; var value: Int32; var upper: Int64?; var lower: Int64? }
        var facts: [Fact] = []
        // (target, lo, hi): lo <= hi (or lo < hi) holds where target dominates
        var orderFacts: [(target: Int, lo: Int32, hi: Int32)] = []
        // (a rotated loop's body: its removed header's test had one outcome on every
        // edge into it, made on the values its parameters hold)
        var edges: [(cmp: Inst, arms: [(Block, Bool)])] = module.rotationFacts[index].map { (f[$0.test], [($0.target, $0.truth)]) }
        for b in f.layout {
            guard case .brif(let c, let t, let e) = f[b].terminator, t.block != e.block,
                  let cmp = def[c.index] else { continue }
            edges.append((cmp, [(t.block, true), (e.block, false)].filter { predCount[Int($0.0.index)] == 1 }))
        }
        for (cmp, arms) in edges {
            guard cmp.op == .icmp, type(cmp.args[0]) == .i64, case .cond(let cc) = cmp.imm else { continue }
            for (target, truth) in arms where a.rpo[Int(target.index)] >= 0 {
                var code = cc
                if !truth {
                    switch cc { case .lt: code = .ge; case .le: code = .gt; case .gt: code = .le; case .ge: code = .lt; default: continue }
                }
                // Normalised to lo < hi or lo <= hi.
                var lo = cmp.args[0], hi = cmp.args[1]
                if code == .gt || code == .ge { swap(&lo, &hi) }
                let strict = code == .lt || code == .gt
                guard code != .eq, code != .ne else { continue }
                let loK = constInt(lo), hiK = constInt(hi)
                let x = Int(target.index)
                if loK == nil && hiK == nil { orderFacts.append((x, lo.index, hi.index)) }
                if loK == nil {
                    // lo < hi <= max, or lo <= the constant hi.
                    if strict { facts.append(Fact(target: x, value: lo.index, upper: hiK.map { $0 == Int64.min ? Int64.min : $0 - 1 } ?? Int64.max - 1, lower: nil)) }
                    else if let k = hiK { facts.append(Fact(target: x, value: lo.index, upper: k, lower: nil)) }
                }
                if hiK == nil {
                    if strict { facts.append(Fact(target: x, value: hi.index, upper: nil, lower: loK.map { $0 == Int64.max ? Int64.max : $0 + 1 } ?? Int64.min + 1)) }
                    else if let k = loK { facts.append(Fact(target: x, value: hi.index, upper: nil, lower: k)) }
                }
            }
        }
        for fact in facts where (fact.lower.map { $0 >= 0 } ?? false) { nonNegativeFacts.append((fact.target, fact.value)) }
        findNonNegativeValues(a, orderFacts)
        // Values an element access has indexed: past the access, |x| <= 2^32 (a list's
        // length is a u32 and the access fails unless -len <= x < len), in the rest of
        // its block and in every block it dominates; a list's length likewise. The sieve's `k + i`, with k and i
        // both indexes, then needs no overflow check.
        var indexedAt: [Int32: [(block: Int, pos: Int)]] = [:]
        for b in f.layout {
            for (k, id) in f[b].insts.enumerated() where f[id].op == .listGet || f[id].op == .listSet {
                indexedAt[f[id].args[1].index, default: []].append((Int(b.index), k))
            }
        }
        // |x| bounds of sums and differences proven safe below (hold wherever the
        // value is defined, so wherever it is used).
        var sumBound: [Int32: Int64] = [:]
        let indexBound: Int64 = 1 << 32
        for bi in a.order {
            for (pos, id) in f[Block(Int32(bi))].insts.enumerated() {
                let inst = f[id]
                guard inst.op == .iadd || inst.op == .isub, let r = inst.result else { continue }
                let add = inst.op == .iadd
                func magnitude(_ x: Value) -> Int64? {
                    if let k = constInt(x) { return k == Int64.min ? nil : abs(k) }
                    if let m = sumBound[x.index] { return m }
                    if def[x.index]?.op == .listLen { return indexBound }
                    if let uses = indexedAt[x.index],
                       uses.contains(where: { ($0.block == bi && $0.pos < pos) || ($0.block != bi && a.dominates($0.block, bi)) }) {
                        return indexBound
                    }
                    return nil
                }
                if let m0 = magnitude(inst.args[0]), let m1 = magnitude(inst.args[1]) {
                    let (m, over) = m0.addingReportingOverflow(m1)
                    if !over {
                        boundedArithmetic.insert(r.index)
                        sumBound[r.index] = m
                        continue
                    }
                }
                // p - q with p, q >= 0 lies in [-max, max] (the accum exit's `max - room`
                // with room >= 0).
                if !add, nonNegative(inst.args[0], at: bi), nonNegative(inst.args[1], at: bi) {
                    boundedArithmetic.insert(r.index)
                    continue
                }
                if add, constInt(inst.args[0]) == nil, constInt(inst.args[1]) == nil {
                    if nonNegative(inst.args[0], at: bi) { nonNegativeAdds[r.index] = inst.args[1] }
                    else if nonNegative(inst.args[1], at: bi) { nonNegativeAdds[r.index] = inst.args[0] }
                }
                guard !facts.isEmpty else { continue }
                if !add, constInt(inst.args[0]) == nil, constInt(inst.args[1]) == nil, a.rpo[bi] >= 0 {
                    // p - q with 0 <= q <= p lies in [0, p]: the accum loop's `room - t`
                    // under its guard `t >= 0 && t <= room`.
                    let p = inst.args[0].index, q = inst.args[1].index
                    if orderFacts.contains(where: { $0.lo == q && $0.hi == p && a.dominates($0.target, bi) }),
                       facts.contains(where: { $0.value == q && ($0.lower ?? -1) >= 0 && a.dominates($0.target, bi) }) {
                        boundedArithmetic.insert(r.index)
                        continue
                    }
                }
                guard let k = constInt(inst.args[1]) ?? (add ? constInt(inst.args[0]) : nil), k != 0 else { continue }
                let x = constInt(inst.args[1]) != nil ? inst.args[0] : inst.args[1]
                var upper = Int64.max, lower = Int64.min
                for fact in facts where fact.value == x.index && a.rpo[bi] >= 0 && a.dominates(fact.target, bi) {
                    if let u = fact.upper { upper = min(upper, u) }
                    if let l = fact.lower { lower = max(lower, l) }
                }
                // x + k for k > 0 overflows only when x > max - k; x - k only when x < min + k.
                let grows = add == (k > 0)
                let safe: Bool
                if grows {
                    let room = add ? Int64.max - k : Int64.max &+ k   // largest x that is safe
                    safe = upper <= room
                } else {
                    let room = add ? Int64.min - k : Int64.min + k    // smallest x that is safe
                    safe = lower >= room
                }
                if safe { boundedArithmetic.insert(r.index) }
            }
        }
    }

    /// Lists whose length and store are loaded once where a loop is entered (into the
    /// locals cachedList uses), by loop header: the loop's blocks contain nothing that
    /// may change a list's length or store (no push, no call), and the list is defined
    /// outside the loop. Every block of the loop then starts with them cached.
    /// A list the loop writes (`list.set`) is made the owner of its store first
    /// (copy-on-write while shared, `$mochi_list_unshare_B`), so the loop may store
    /// into the cached store. For that to stay true, and for no other cache to go
    /// stale, a loop hoists no list of a bank (one Wasm list type: lists of two banks
    /// are never one list) that it writes without hoisting (that write's
    /// copy-on-write could replace the store of a hoisted list of the bank), nor of
    /// a bank it both appends to (which shares a store) and writes.
    var hoistedLists: [Int: [(Value, ListBank, Bool)]] = [:]
    /// The natural loops each block belongs to (by header), for the hoisted caches.
    var loopHeadersOf: [Int: Set<Int>] = [:]

    mutating func findHoistedLists(_ loops: [Set<Int>], _ a: Analysis) {
        // Each loop's blocks, by header (the member dominating all the others); back
        // edges to one header make one loop here.
        var blocksOfHeader: [Int: Set<Int>] = [:]
        var members: [Int: [Int]] = [:]
        for (b, ids) in loops.enumerated() { for id in ids { members[id, default: []].append(b) } }
        for (_, bs) in members {
            guard let h = bs.first(where: { h in bs.allSatisfy { a.dominates(h, $0) } }) else { continue }
            blocksOfHeader[h, default: []].formUnion(bs)
        }
        var blockOfInst: [Int32: Int] = [:]
        for b in f.layout { for id in f[b].insts { blockOfInst[id.index] = Int(b.index) } }
        func defBlock(_ v: Value) -> Int? {
            switch f.valueDefs[Int(v.index)] {
            case .param(let b, _): return Int(b.index)
            case .inst(let id): return blockOfInst[id.index]
            }
        }
        for (h, body) in blocksOfHeader {
            var invalidates = false
            var lists: [Int32: ListBank] = [:]
            var written: Set<Int32> = []
            var appendBanks: Set<ListBank> = []
            var writtenBanks: Set<ListBank> = []
            var unhoistedWriteBanks: Set<ListBank> = []
            for b in body {
                for id in f.blocks[b].insts {
                    let inst = f[id]
                    switch inst.op {
                    case .call:
                        // a call of a leaf that changes no list keeps the hoisted caches
                        if case .function(let name) = inst.imm, let fi = module.symbols.functions[name],
                           module.listInert[fi] { break }
                        invalidates = true
                    case .listPush, .callClosure, .groupAdd: invalidates = true
                    case .listAppend:
                        if case .list(let e) = type(inst.args[0]) { appendBanks.insert(ListBank(element: e)) }
                    case .listGet, .listSet, .listLen:
                        let v = inst.args[0]
                        guard case .list(let e) = type(v) else { continue }
                        let bank = ListBank(element: e)
                        if inst.op == .listSet { writtenBanks.insert(bank) }
                        guard inlineConst[v.index] == nil,
                              let d = defBlock(v), !body.contains(d), a.rpo[d] >= 0, a.dominates(d, h) else {
                            if inst.op == .listSet { unhoistedWriteBanks.insert(bank) }
                            continue
                        }
                        lists[v.index] = bank
                        if inst.op == .listSet { written.insert(v.index) }
                    default: break
                    }
                }
            }
            let unsafe = unhoistedWriteBanks.union(appendBanks.intersection(writtenBanks))
            lists = lists.filter { !unsafe.contains($0.value) }
            if invalidates || lists.isEmpty { continue }
            hoistedLists[h] = lists.keys.sorted().map { (Value($0), lists[$0]!, written.contains($0)) }
            for b in body { loopHeadersOf[b, default: []].insert(h) }
        }
    }

    mutating func analyse() {
        findAnchors()
        for b in f.layout {
            for id in f[b].insts {
                let inst = f[id]
                guard let r = inst.result else { continue }
                switch inst.op {
                case .iconst, .bconst, .fconst, .sconst, .null: inlineConst[r.index] = inst
                default: break
                }
            }
        }
        findBoundedArithmetic()
        findPositiveValues()
        var uses = Array(repeating: 0, count: f.valueTypes.count)
        for b in f.layout {
            let bd = f[b]
            for c in bd.terminator.successors { for v in c.args { carriedValues.insert(v.index) } }
            for id in bd.insts { for a in f[id].args { uses[Int(a.index)] += 1 } }
            for a in bd.terminator.uses { uses[Int(a.index)] += 1 }
        }
        for b in f.layout {
            let bd = f[b]
            if case .brif(let c, _, _) = bd.terminator, let last = bd.insts.last {
                let inst = f[last]
                if inst.result == c, uses[Int(c.index)] == 1, inst.op == .icmp || inst.op == .fcmp {
                    fusedCompare[b.index] = last
                }
            }
            if case .ret(let r) = bd.terminator, let last = bd.insts.last {
                let inst = f[last]
                if isTailCall(inst, returning: r) { tailCall.insert(b.index) }
            }
        }
        findFusedGuards()
        findFillLoops(uses)
        findCopyLoops(uses)
        findReserveLoops()
        findMapAdds(uses)
        findMapCounts(uses)
        // Which values are read (a fixpoint: pure ops nobody reads are dropped, and
        // so is what only they read).
        var changed = true
        func mark(_ x: Value, _ changed: inout Bool) {
            if !needed[Int(x.index)] { needed[Int(x.index)] = true; changed = true }
        }
        while changed {
            changed = false
            for b in f.layout {
                let bd = f[b]
                for id in bd.insts {
                    let inst = f[id]
                    if isEmitted(inst) || (inst.result.map { inlineConst[$0.index] != nil && needed[Int($0.index)] } ?? false) {
                        for a in inst.args { mark(a, &changed) }
                    }
                }
                switch bd.terminator {
                case .brif(let c, _, _):
                    if let id = fusedCompare[b.index] { for a in f[id].args { mark(a, &changed) } }
                    else { mark(c, &changed) }
                case .ret(let r): if let r, f.returnType != .unit { mark(r, &changed) }
                default: break
                }
                for bc in bd.terminator.successors {
                    let ps = f[bc.block].params
                    for (p, a) in zip(ps, bc.args) where needed[Int(p.index)] { mark(a, &changed) }
                }
            }
        }
        // The decoder's running line, in layout order.
        var line: UInt32 = 0
        for b in f.layout {
            let bd = f[b]
            for id in bd.insts { line = f[id].loc.line }
            if bd.terminatorLoc.line != 0 { line = bd.terminatorLoc.line }
            terminatorLine[b.index] = line
        }
        // (needs `needed` and the hoisted lists)
        findVersionedLoops()
    }

    /// A loop that only pushes one value computed before it, once per step of a
    /// counter over `i0..n`:
    ///
    ///     h(i):  c = icmp lt i, n;  brif c, body, exit(...)
    ///     body:  list.push l, x;  j = iadd i, 1;  jump h(j)
    ///
    /// (and constants in the body): `for i in 0..size { flags = append(flags, true) }`,
    /// the way programs build a list of n equal elements. Its header calls
    /// `$mochi_list_fill_B` first: the n - i pushes at once (the store grown once to
    /// the capacity the pushes would have reached, the slots filled by array.fill),
    /// and the counter set to where the loop ends, so the header's test exits at
    /// once and the body never runs.
    /// A push's errors (a nil list, out of memory) are the fill's, at the same line.
    struct FillLoop {
        var list: Value, value: Value, counter: Value, bound: Value
        var bank: ListBank
        var line: UInt32
    }

    /// A counted loop: a header h(i) whose one instruction is `i < n` (an i64 i),
    /// branching to a body that only h enters and that jumps back to h with one
    /// value. Returns the header's parts, the body's work (its instructions but the
    /// constants, which are written where they are read) and the value passed back.
    func countedLoop(_ h: Block, _ predCount: [Int32: Int], _ uses: [Int])
        -> (i: Value, c: Value, n: Value, work: [InstID], next: Value)? {
        let hd = f[h]
        guard hd.params.count == 1, hd.insts.count == 1,
              case .brif(let c, let tc, _) = hd.terminator, tc.args.isEmpty, tc.block != h,
              predCount[tc.block.index] == 1 else { return nil }
        let i = hd.params[0]
        let cmp = f[hd.insts[0]]
        guard cmp.op == .icmp, cmp.result == c, case .cond(.lt) = cmp.imm, cmp.args.count == 2,
              cmp.args[0] == i, cmp.args[1] != i, type(i) == .i64, uses[Int(c.index)] == 1 else { return nil }
        let bd = f[tc.block]
        guard case .jump(let back) = bd.terminator, back.block == h, back.args.count == 1 else { return nil }
        let work = bd.insts.filter { f[$0].result.map { inlineConst[$0.index] == nil } ?? true }
        return (i, c, cmp.args[1], work, back.args[0])
    }

    func blockPredecessorCounts() -> [Int32: Int] {
        var predCount: [Int32: Int] = [:]
        for b in f.layout { for bc in f[b].terminator.successors { predCount[bc.block.index, default: 0] += 1 } }
        return predCount
    }

    mutating func findFillLoops(_ uses: [Int]) {
        let predCount = blockPredecessorCounts()
        for h in f.layout {
            // (the body's constants are written where they are read: the header's
            // call reads the pushed one there)
            guard let (i, c, n, work, next) = countedLoop(h, predCount, uses), work.count == 2 else { continue }
            var push: Inst? = nil, step: Inst? = nil
            for id in work {
                let inst = f[id]
                if inst.op == .listPush { push = inst } else if inst.op == .iadd { step = inst }
            }
            guard let push, let step, let j = step.result, next == j, uses[Int(j.index)] == 1,
                  step.args.count == 2, step.args[0] == i, constInt(step.args[1]) == 1,
                  push.args.count == 2, case .list(let e) = type(push.args[0]) else { continue }
            let inLoop: Set<Int32> = [i.index, c.index, j.index]
            let l = push.args[0], x = push.args[1]
            guard !inLoop.contains(l.index), !inLoop.contains(x.index), !inLoop.contains(n.index) else { continue }
            fillLoops[h.index] = FillLoop(list: l, value: x, counter: i, bound: n,
                                          bank: ListBank(element: e), line: push.loc.line)
        }
    }

    /// A loop that pushes onto a list at least once per step of a counter over
    /// `i0..n` and leaves only through its header's test:
    ///
    ///     h(i, ...):  c = icmp lt i, n;  brif c, body, exit(...)
    ///     body ...:   blocks that only h enters and that reach only each other, h
    ///                 (passing `i + 1` for i) or an `unreachable`; every way from
    ///                 body back to h passes a block with `list.push l, x`
    ///
    /// with l and n defined before the loop (`for i in 0..n { ...; xs = append(xs, v) }`
    /// with any branches and inner loops around the append: reverse_complement's
    /// randomSeq, k_nucleotide's homoSapiens). Where the loop is entered,
    /// `$mochi_list_reserve_B(l, i, n)` makes l's store room for n - i more elements
    /// at once, so its pushes do not grow it step by step (each growth a new zeroed
    /// store and a copy). Nothing observable changes (list.wat's reserve). Not for
    /// fill loops, which push all their elements at once.
    struct ReserveLoop {
        var list: Value, counter: Value, bound: Value
        var bank: ListBank
    }

    mutating func findReserveLoops() {
        var blockOfInst: [Int32: Int32] = [:]
        for b in f.layout { for id in f[b].insts { blockOfInst[id.index] = b.index } }
        func defBlock(_ v: Value) -> Int32? {
            switch f.valueDefs[Int(v.index)] {
            case .param(let b, _): return b.index
            case .inst(let id): return blockOfInst[id.index]
            }
        }
        // (branch threading leaves the joins it bypassed in the layout, unreachable)
        var reachable: Set<Int32> = []
        if let entry = f.layout.first {
            var stack = [entry]
            reachable.insert(entry.index)
            while let b = stack.popLast() {
                for bc in f[b].terminator.successors where reachable.insert(bc.block.index).inserted { stack.append(bc.block) }
            }
        }
        for h in f.layout where fillLoops[h.index] == nil && reachable.contains(h.index) {
            let hd = f[h]
            guard hd.insts.count == 1, case .brif(let c, let tc, let ec) = hd.terminator, tc.block != h,
                  ec.block != tc.block else { continue }
            let cmp = f[hd.insts[0]]
            guard cmp.op == .icmp, cmp.result == c, case .cond(.lt) = cmp.imm, cmp.args.count == 2,
                  let p = hd.params.firstIndex(of: cmp.args[0]), type(cmp.args[0]) == .i64 else { continue }
            let i = cmp.args[0], n = cmp.args[1]
            // the loop's blocks but h: all that the body reaches without passing h
            var region: Set<Int32> = [tc.block.index]
            var work = [tc.block]
            var ok = true
            while ok, let b = work.popLast() {
                let bd = f[b]
                if case .ret = bd.terminator { ok = false; break }
                for bc in bd.terminator.successors {
                    if bc.block == h {
                        // a step back: i + 1 for i
                        guard p < bc.args.count else { ok = false; break }
                        let j = bc.args[p]
                        guard case .inst(let jd) = f.valueDefs[Int(j.index)] else { ok = false; break }
                        let step = f[jd]
                        guard step.op == .iadd, step.args.count == 2, step.args[0] == i,
                              constInt(step.args[1]) == 1 else { ok = false; break }
                    } else if !region.contains(bc.block.index) {
                        region.insert(bc.block.index)
                        work.append(bc.block)
                    }
                }
            }
            guard ok, !region.contains(h.index), !region.contains(ec.block.index) else { continue }
            // only h enters the loop's blocks
            var entered = true
            for b in f.layout where reachable.contains(b.index) && !region.contains(b.index) && b != h {
                if f[b].terminator.successors.contains(where: { region.contains($0.block.index) }) { entered = false; break }
            }
            guard entered, let nd = defBlock(n), !region.contains(nd), nd != h.index else { continue }
            // the lists pushed in the loop, defined before it
            var lists: [Value] = []
            for b in region {
                for id in f.blocks[Int(b)].insts {
                    let inst = f[id]
                    guard inst.op == .listPush, inst.args.count == 2, case .list = type(inst.args[0]),
                          !lists.contains(inst.args[0]), let ld = defBlock(inst.args[0]),
                          !region.contains(ld), ld != h.index else { continue }
                    lists.append(inst.args[0])
                }
            }
            var found: [ReserveLoop] = []
            for l in lists {
                // every way from the body back to h pushes onto l
                func pushes(_ b: Block) -> Bool {
                    f[b].insts.contains { f[$0].op == .listPush && f[$0].args[0] == l }
                }
                var seen: Set<Int32> = [tc.block.index]
                var stack = [tc.block]
                var reachesH = false
                while let b = stack.popLast(), !reachesH {
                    if pushes(b) { continue }
                    for bc in f[b].terminator.successors {
                        if bc.block == h { reachesH = true; break }
                        if seen.insert(bc.block.index).inserted { stack.append(bc.block) }
                    }
                }
                guard !reachesH, case .list(let e) = type(l) else { continue }
                found.append(ReserveLoop(list: l, counter: i, bound: n, bank: ListBank(element: e)))
            }
            if !found.isEmpty { reserveLoops[Int(h.index)] = found }
        }
    }

    /// A loop that only copies elements, `for i in a..n { dst[i] = src[i + c] }` with
    /// a constant c >= 0 (fannkuch's `perm[i] = perm1[i]` and `perm1[i] = perm1[i + 1]`):
    /// a header `i < n` with the single parameter i, and a body of the get, the set
    /// and `i + 1` only. In a versioned loop's fast copy that proves both accesses
    /// in range (for every i the loop reaches), its header copies the n - i elements
    /// with one `array.copy` between the cached stores and sets i to n, so the test
    /// exits at once and the body never runs. array.copy moves as memmove does, which
    /// is what the loop does when both are one store: with c >= 0 each element is
    /// read before the loop overwrites it. Not for the `any` bank (the get and the
    /// set convert elements).
    struct CopyLoop {
        var dst: Value, src: Value, counter: Value, bound: Value
        var offset: Int64
        var bank: ListBank
        var get: InstID, set: InstID
    }

    mutating func findCopyLoops(_ uses: [Int]) {
        let predCount = blockPredecessorCounts()
        for h in f.layout {
            guard let (i, c, n, work, j) = countedLoop(h, predCount, uses) else { continue }
            var get: InstID? = nil, set: InstID? = nil
            var adds: [InstID] = []
            var other = false
            for id in work {
                switch f[id].op {
                case .listGet where get == nil: get = id
                case .listSet where set == nil: set = id
                case .iadd: adds.append(id)
                default: other = true
                }
            }
            guard !other, let get, let set, adds.count <= 2 else { continue }
            let g = f[get], st = f[set]
            guard let v = g.result, g.args.count == 2, st.args.count == 3, st.args[1] == i, st.args[2] == v,
                  uses[Int(v.index)] == 1, case .list(let e) = type(st.args[0]) else { continue }
            let bank = ListBank(element: e)
            guard bank != .ref, type(g.args[0]) == type(st.args[0]) else { continue }
            // the step: j = i + 1, passed back
            guard let step = adds.first(where: { f[$0].result == j }), f[step].args.count == 2,
                  f[step].args[0] == i, constInt(f[step].args[1]) == 1 else { continue }
            // the source index: i, or i + c (c >= 0; the step itself when c = 1)
            let idx = g.args[1]
            var offset: Int64 = 0
            if idx == i {
                guard adds.count == 1 else { continue }
            } else if let a = adds.first(where: { f[$0].result == idx }), f[a].args.count == 2, f[a].args[0] == i,
                      let k = constInt(f[a].args[1]), k >= 0 {
                offset = k
                if a == step {
                    guard adds.count == 1, uses[Int(j.index)] == 2 else { continue }
                } else {
                    guard adds.count == 2, uses[Int(idx.index)] == 1 else { continue }
                }
            } else {
                continue
            }
            if idx != j { guard uses[Int(j.index)] == 1 else { continue } }
            let inLoop: Set<Int32> = [i.index, c.index, v.index, idx.index, j.index]
            let dst = st.args[0], src = g.args[0]
            guard !inLoop.contains(dst.index), !inLoop.contains(src.index), !inLoop.contains(n.index) else { continue }
            copyLoops[h.index] = CopyLoop(dst: dst, src: src, counter: i, bound: n, offset: offset,
                                          bank: bank, get: get, set: set)
        }
    }

    /// Emits a copy loop's copy at its header (findCopyLoops), when this copy of the
    /// loop proves both accesses and has both stores cached (the written one writable).
    mutating func emitCopyLoop(_ cl: CopyLoop) {
        guard isUnchecked(cl.get), isUnchecked(cl.set), let d = listCache[cl.dst.index], d.writable,
              let s = listCache[cl.src.index] else { return }
        get(cl.counter); get(cl.bound); emit("i64.lt_s")
        emit("if")
        depth += 1
        emit("local.get \(d.data)"); get(cl.counter); emit("i32.wrap_i64")
        emit("local.get \(s.data)"); get(cl.counter)
        if cl.offset != 0 { emit("i64.const \(cl.offset)"); emit("i64.add") }
        emit("i32.wrap_i64")
        get(cl.bound); get(cl.counter); emit("i64.sub"); emit("i32.wrap_i64")
        emit("array.copy \(cl.bank.arrayType) \(cl.bank.arrayType)")
        get(cl.bound); emit("local.set \(local(cl.counter))")
        depth -= 1
        emit("end")
    }

    func isTailCall(_ inst: Inst, returning r: Value?) -> Bool {
        let calleeResult: IRType
        switch inst.op {
        case .call:
            guard case .function(let name) = inst.imm, let fi = module.symbols.functions[name] else { return false }
            calleeResult = module.module.functions[fi].returnType
        case .callClosure:
            guard let k = inst.args.first, case .fn(_, let rt) = type(k) else { return false }
            calleeResult = rt
        default:
            return false
        }
        if f.returnType == .unit { return calleeResult == .unit }
        guard let r, let res = inst.result, r == res else { return false }
        return calleeResult == f.returnType
    }

    // MARK: output

    mutating func emit(_ s: String) {
        out.append(String(repeating: "  ", count: depth) + s)
    }

    mutating func scratchLocal(_ name: String, _ type: String) -> String {
        if !scratchNames.contains(name) {
            scratchNames.insert(name)
            scratch.append((name, type))
        }
        return name
    }

    /// A fresh temporary of a Wasm type (parallel-copy cycles).
    mutating func temp(_ type: String) -> String {
        tempCounter += 1
        return scratchLocal("$#c\(tempCounter)", type)
    }

    /// Pushes a value: its constant, or its local.
    mutating func get(_ x: Value) {
        if let c = inlineConst[x.index] {
            switch c.imm {
            case .int(let k):
                emit(c.op == .bconst ? "i32.const \(k != 0 ? 1 : 0)" : "i64.const \(k)")
            case .float(let bits):
                emit("f64.const \(watF64(bits: bits))")
            case .string(let s):
                emit("global.get \(module.stringConstant(s))")
            default:
                emit("ref.null none")
            }
            return
        }
        emit("local.get \(local(x))")
    }

    func constInt(_ x: Value) -> Int64? {
        if let c = inlineConst[x.index], c.op == .iconst, case .int(let k) = c.imm { return k }
        return nil
    }

    /// Stores the value on the stack into the result (or drops it).
    mutating func set(_ inst: Inst) {
        if let r = inst.result, needed[Int(r.index)] {
            emit("local.set \(local(r))")
        } else {
            emit("drop")
        }
    }

    /// The local the result goes to even when no one reads it (ops whose checks need it).
    mutating func resultLocal(_ inst: Inst, _ wasmType: String) -> String {
        if let r = inst.result, needed[Int(r.index)] { return local(r) }
        // one scratch local per Wasm type, named by the type's characters that may
        // stand in a WAT name (`(ref null $map)` gives `$#r_ref_null_$map`)
        var name = "$#r_"
        for ch in wasmType.unicodeScalars {
            let ok = ch.isASCII && ch.value > 0x20 && ch != "(" && ch != ")" && ch != "\"" && ch != "," && ch != ";"
            name.unicodeScalars.append(ok ? ch : "_")
        }
        return scratchLocal(name, wasmType)
    }

    mutating func call(_ runtimeName: String) { emit("call " + module.use(runtimeName)) }

    mutating func setLine(_ line: UInt32) {
        let l = Int32(clamping: line)
        if knownLine == l { return }
        emit("i32.const \(l)")
        emit("global.set " + module.use("mochi_loc_line"))
        knownLine = l
    }

    /// Calls a function only failing checks call (ModuleEmitter.coldCallee: through
    /// `call_ref`, so that the engine does not inline it into the hot code).
    mutating func coldCall(_ fn: String, _ type: String) {
        emit("global.get \(module.coldCallee(fn, type: type))")
        emit("call_ref \(type)")
    }

    /// `if <cold error at line> end` on the i32 condition on the stack.
    mutating func failIf(_ errorFunction: String, _ line: Int32) {
        emit("if")
        depth += 1
        emit("i32.const \(line)")
        coldCall(module.use(errorFunction), "$#cold_line")
        emit("unreachable")
        depth -= 1
        emit("end")
    }

    // MARK: the function

    mutating func emit() throws -> String {
        analyse()
        guard let entry = f.entry else { throw fail("no entry block") }
        var succ = Array(repeating: [Int](), count: f.blocks.count)
        for b in f.layout { succ[Int(b.index)] = f[b].terminator.successors.map { Int($0.block.index) } }
        let structured = Structurizer.structure(ControlFlowGraph(successors: succ, entry: Int(entry.index)))
        usesDispatch = structured.usesDispatch
        if usesDispatch { _ = scratchLocal("$#label", "i32") }
        try emitCode(structured.code)
        if f.returnType != .unit { emit("unreachable") }

        // Header: signature, then locals (every value with a local but the parameters).
        var head = "(func \(module.funcNames[index])"
        let params = f[entry].params
        for p in params { head += " (param \(local(p)) \(module.wasmType(type(p))))" }
        if !module.leaf[index] { head += " (param \(FunctionEmitter.depthParam) i32)" }
        if let r = module.resultType(f.returnType) { head += " (result \(r))" }
        head += "  ;; @\(watComment(f.name))"
        var lines = [head]
        let paramSet = Set(params)
        for b in f.layout {
            let bd = f[b]
            var defs: [Value] = bd.params.filter { !paramSet.contains($0) }
            for id in bd.insts { if let r = f[id].result { defs.append(r) } }
            for d in defs where needed[Int(d.index)] && inlineConst[d.index] == nil {
                lines.append("  (local \(local(d)) \(module.wasmType(type(d))))")
            }
        }
        for s in scratch { lines.append("  (local \(s.name) \(s.type))") }
        return (lines + out).joined(separator: "\n") + ")\n"
    }

    mutating func emitCode(_ code: [StructuredCode]) throws {
        for c in code {
            switch c {
            case .block(let body):
                emit("block")
                depth += 1
                try emitCode(body)
                depth -= 1
                emit("end")
            case .loop(let body):
                let header = FunctionEmitter.firstNode(body)
                var pushed = false
                if let h = header, let lists = hoistedLists[h] {
                    var frame: [Int32: ListCache] = [:]
                    // Cached already only by a loop around this one: the structured
                    // code of a loop also holds the loops after its exits (all that
                    // its header dominates), whose blocks its caches do not cover
                    // (n_body's position update after its pair loop).
                    let around = loopHeadersOf[h] ?? []
                    let fresh = lists.filter { l in
                        !loopCacheStack.contains { around.contains($0.header) && $0.lists[l.0.index] != nil }
                    }
                    // Every written list owns its store before any cache is loaded.
                    for (v, bank, w) in fresh where w { unshare(v, bank) }
                    for (v, bank, w) in fresh {
                        var c = hoistListHeader(v, bank)
                        c.writable = w
                        frame[v.index] = c
                    }
                    loopCacheStack.append((h, frame))
                    pushed = true
                }
                if let h = header, let rs = reserveLoops[h] {
                    for r in rs {
                        get(r.list); get(r.counter); get(r.bound)
                        call("mochi_list_reserve_" + r.bank.suffix)
                    }
                    // (a reserve may give a list a new store)
                    listCache = [:]
                    checkedIndex = [:]
                }
                if let h = header, let g = versionGuards[h], guardIsEmittable(g) {
                    // if GUARD (the loop without the proven index checks) else (the loop) end
                    emitGuard(g)
                    emit("if")
                    depth += 1
                    var start = out.count
                    fastCopies.insert(h)
                    emit("loop")
                    depth += 1
                    try emitCode(body)
                    depth -= 1
                    emit("end")
                    unrollReadLoop(from: start)
                    unrollStoreLoop(from: start)
                    fastCopies.remove(h)
                    adjustBranchDepths(from: start)
                    depth -= 1
                    emit("else")
                    depth += 1
                    start = out.count
                    emit("loop")
                    depth += 1
                    try emitCode(body)
                    depth -= 1
                    emit("end")
                    adjustBranchDepths(from: start)
                    depth -= 1
                    emit("end")
                } else {
                    let start = out.count
                    emit("loop")
                    depth += 1
                    try emitCode(body)
                    depth -= 1
                    emit("end")
                    if !fastCopies.isEmpty { unrollReadLoop(from: start); unrollStoreLoop(from: start) }
                }
                if pushed { loopCacheStack.removeLast() }
            case .table(let n):
                emit("local.get $#label")
                emit("br_table" + (0..<n).map { " \($0)" }.joined() + " \(n - 1)")
            case .node(let x, let exit):
                try emitNode(Block(Int32(x)), exit)
            }
        }
    }

    mutating func emitNode(_ b: Block, _ exit: Exit) throws {
        let bd = f[b]
        knownLine = nil
        listCache = [:]
        checkedIndex = [:]
        // A box made in a dominating block is in its local here too (the local only
        // ever holds that value's box): `if k in m { m[k] = m[k] + 1 }` boxes k once,
        // and the map's last-key cache, which compares keys by identity, hits.
        let bi = Int(b.index)
        if bi < idomOf.count, idomOf[bi] >= 0, idomOf[bi] != bi, let inherited = boxCacheAtEnd[idomOf[bi]] {
            boxCache = inherited
            refCache = refCacheAtEnd[idomOf[bi]] ?? [:]
            depthChecked = depthCheckedAtEnd[idomOf[bi]] ?? false
        } else {
            boxCache = [:]
            refCache = [:]
            depthChecked = false
        }
        blockWrites = []
        for id in bd.insts where f[id].op == .listSet { blockWrites.insert(f[id].args[0].index) }
        if let hs = loopHeadersOf[Int(b.index)] {
            for (h, frame) in loopCacheStack where hs.contains(h) {
                for (k, c) in frame { listCache[k] = c }
            }
        }
        if let fl = fillLoops[b.index] {
            setLine(fl.line)
            get(fl.list); get(fl.value); get(fl.counter); get(fl.bound)
            call("mochi_list_fill_" + fl.bank.suffix)
            // the counter where the loop ends: max(i, n)
            get(fl.counter); get(fl.bound)
            get(fl.counter); get(fl.bound); emit("i64.ge_s")
            emit("select")
            emit("local.set \(local(fl.counter))")
            listCache = [:]
            checkedIndex = [:]
        }
        if let cl = copyLoops[b.index] { emitCopyLoop(cl) }
        let fused = fusedCompare[b.index]
        let tail = tailCall.contains(b.index)
        let checks = module.depthChecks[index]
        for (k, id) in bd.insts.enumerated() {
            let inst = f[id]
            // An inlined call's depth check, where the call was.
            if let line = checks[id.index] { depthCheck(line) }
            if id == fused || !isEmitted(inst) || absorbed.contains(id.index) { continue }
            if let ma = mapAdds[id.index] { emitMapAdd(inst, f[ma.add], f[ma.store]); continue }
            if let mc = mapCounts[id.index] { emitMapCount(inst, f[mc.add], f[mc.insert]); continue }
            uncheckedAccess = isUnchecked(id)
            if (inst.op == .listGet || inst.op == .listSet) && !uncheckedAccess { checkIndexesAhead(bd.insts, from: k, depthChecks: checks) }
            try emitInst(inst, tail: tail && k == bd.insts.count - 1)
            uncheckedAccess = false
            if let r = inst.result, anchored.contains(r.index), needed[Int(r.index)] {
                let t = type(r) == .f64 ? "f64" : "i64"
                module.anchors.insert(t)
                emit("local.get \(local(r))")
                emit("global.set $#anchor_\(t)")
            }
        }
        boxCacheAtEnd[bi] = boxCache
        refCacheAtEnd[bi] = refCache
        depthCheckedAtEnd[bi] = depthChecked
        switch (exit, bd.terminator) {
        case (.none, .ret(let r)):
            if tail { return }
            if let r, f.returnType != .unit { get(r) }
            emit("return")
        case (.none, _):
            let l = Int32(clamping: terminatorLine[b.index] ?? 0)
            emit("i32.const \(l)")
            emit("global.set " + module.use("mochi_loc_line"))
            let s = module.stringConstant("unreachable code reached")
            emit("global.get \(s)")
            if !module.stringIsInline(s) { emit("ref.as_non_null") }
            call("mochi_rt_error")
            emit("unreachable")
        case (.jump(let t), .jump(let bc)):
            moves(bc)
            try transfer(t)
        case (.branch(let t, let e, let form), .brif(let c, let tc, let ec)):
            let tm = moveList(tc), em = moveList(ec)
            if let yTrue = answeredGuards[b.index] {
                // the fused guard in front already made this test (findFusedGuards)
                emitMoves(yTrue ? tm : em)
                try transfer(yTrue ? t : e)
                return
            }
            // The else arm alone in the `if`: test the negated condition. An integer
            // comparison negates exactly (lt -> ge); a float one cannot (NaN), so its
            // else arm goes in the `else` of an empty `then` instead of behind i32.eqz
            // (Cranelift then branches on the comparison itself).
            if form == .elseInIf, let id = fused {
                let inst = f[id]
                if inst.op == .icmp {
                    try compare(inst, negated: true)
                } else {
                    try compare(inst)
                    emit("if")
                    emit("else")
                    depth += 1
                    emitMoves(em)
                    try transfer(e)
                    depth -= 1
                    emit("end")
                    emitMoves(tm)
                    try transfer(t)
                    return
                }
                if em.isEmpty, case .br(let d) = e {
                    emit("br_if \(d - 1)")
                } else {
                    emit("if")
                    depth += 1
                    emitMoves(em)
                    try transfer(e)
                    depth -= 1
                    emit("end")
                }
                emitMoves(tm)
                try transfer(t)
                return
            }
            try condition(c, fused)
            switch form {
            case .thenInIf:
                if tm.isEmpty, case .br(let d) = t {
                    emit("br_if \(d - 1)")
                } else {
                    emit("if")
                    depth += 1
                    emitMoves(tm)
                    try transfer(t)
                    depth -= 1
                    emit("end")
                }
                emitMoves(em)
                try transfer(e)
            case .elseInIf:
                emit("i32.eqz")
                if em.isEmpty, case .br(let d) = e {
                    emit("br_if \(d - 1)")
                } else {
                    emit("if")
                    depth += 1
                    emitMoves(em)
                    try transfer(e)
                    depth -= 1
                    emit("end")
                }
                emitMoves(tm)
                try transfer(t)
            case .ifElse:
                emit("if")
                depth += 1
                emitMoves(tm)
                try transfer(t)
                depth -= 1
                emit("else")
                depth += 1
                emitMoves(em)
                try transfer(e)
                depth -= 1
                emit("end")
            }
        default:
            throw fail("block b\(b.index): structured exit does not match its terminator")
        }
    }

    mutating func transfer(_ t: Transfer) throws {
        switch t {
        case .br(let d): emit("br \(d)")
        case .inline(let code): try emitCode(code)
        case .dispatch(let label, let d):
            emit("i32.const \(label)")
            emit("local.set $#label")
            emit("br \(d)")
        }
    }

    /// Pushes a branch condition: a fused comparison, or the bool's local.
    mutating func condition(_ c: Value, _ fused: InstID?) throws {
        if let id = fused {
            try compare(f[id])
        } else {
            get(c)
        }
    }

    // MARK: edges

    enum MoveSource { case value(Value), temp(String) }

    func moveList(_ bc: BlockCall) -> [(dst: Value, src: Value)] {
        let params = f[bc.block].params
        var m: [(dst: Value, src: Value)] = []
        for (p, a) in zip(params, bc.args) where needed[Int(p.index)] && p != a { m.append((p, a)) }
        return m
    }

    mutating func moves(_ bc: BlockCall) { emitMoves(moveList(bc)) }

    /// The parallel copy dst_i := src_i, sequentialised.
    mutating func emitMoves(_ list: [(dst: Value, src: Value)]) {
        var pending: [(dst: Value, src: MoveSource)] = list.map { ($0.dst, .value($0.src)) }
        func reads(_ s: MoveSource, _ d: Value) -> Bool {
            if case .value(let v) = s { return v == d && inlineConst[v.index] == nil }
            return false
        }
        while !pending.isEmpty {
            if let i = pending.firstIndex(where: { m in !pending.contains { reads($0.src, m.dst) } }) {
                let m = pending.remove(at: i)
                switch m.src {
                case .value(let v): get(v)
                case .temp(let t): emit("local.get \(t)")
                }
                emit("local.set \(local(m.dst))")
            } else {
                // A cycle: keep the first destination's old value in a temporary.
                let d = pending[0].dst
                let t = temp(module.wasmType(type(d)))
                emit("local.get \(local(d))")
                emit("local.set \(t)")
                for j in pending.indices where reads(pending[j].src, d) { pending[j].src = .temp(t) }
            }
        }
    }

    // MARK: instructions

    func cond(_ inst: Inst) throws -> CondCode {
        guard case .cond(let c) = inst.imm else { throw fail("\(inst.op.info.name) without a condition") }
        return c
    }

    static func intOp(_ c: CondCode, _ w: String) -> String {
        switch c {
        case .eq: return "\(w).eq"
        case .ne: return "\(w).ne"
        case .lt: return "\(w).lt_s"
        case .le: return "\(w).le_s"
        case .gt: return "\(w).gt_s"
        case .ge: return "\(w).ge_s"
        }
    }

    static func floatOp(_ c: CondCode) -> String { "f64." + c.rawValue }

    static func negate(_ c: CondCode) -> CondCode {
        switch c {
        case .eq: return .ne
        case .ne: return .eq
        case .lt: return .ge
        case .le: return .gt
        case .gt: return .le
        case .ge: return .lt
        }
    }

    /// Pushes the i32 result of an icmp or fcmp (`negated`: of the opposite integer
    /// comparison; not for fcmp, where NaN makes the opposite a different test).
    mutating func compare(_ inst: Inst, negated: Bool = false) throws {
        if let r = inst.result, let g = fusedGuards[r.index] {
            // 0 <= t <= r (or < r) as one unsigned compare; its outcome is the one
            // that goes to the second guard's block (findFusedGuards).
            get(g.t)
            get(g.r)
            if g.towardsTrue != negated { emit(g.strict ? "i64.lt_u" : "i64.le_u") }
            else { emit(g.strict ? "i64.ge_u" : "i64.gt_u") }
            return
        }
        var c = try cond(inst)
        if negated {
            precondition(inst.op == .icmp, "negated float comparison")
            c = FunctionEmitter.negate(c)
        }
        get(inst.args[0])
        get(inst.args[1])
        if inst.op == .fcmp {
            emit(FunctionEmitter.floatOp(c))
        } else {
            emit(FunctionEmitter.intOp(c, type(inst.args[0]) == .bool ? "i32" : "i64"))
        }
    }

    /// Converts the anyref on the stack (a value of type t, or null) to t's Wasm type.
    /// References take a cast when they have the type (the fast path); otherwise the
    /// runtime's unbox converts them (a list of another bank, as C converts) or
    /// reports the bad cast, never an engine trap.
    mutating func fromAny(_ t: IRType) {
        switch t {
        case .i64:
            // An i31 (every int in 31 bits: map counts, small keys) inline; boxes,
            // null and bad casts in the runtime. A call less per `m[k]` of an int map.
            let r = scratchLocal("$#any", "anyref")
            emit("local.tee \(r)")
            emit("ref.test (ref i31)")
            emit("if (result i64)")
            depth += 1
            emit("local.get \(r)"); emit("ref.cast (ref i31)"); emit("i31.get_s"); emit("i64.extend_i32_s")
            depth -= 1
            emit("else")
            depth += 1
            emit("local.get \(r)"); call("mochi_unbox_i64_or0")
            depth -= 1
            emit("end")
        case .f64: call("mochi_unbox_f64_or0")
        case .bool: call("mochi_unbox_bool_or0")
        case .any, .unit: break
        default:
            let wt = module.wasmType(t)
            emit("block (param anyref) (result \(wt))")
            depth += 1
            emit("br_on_cast 0 anyref \(wt)")
            for s in module.unboxAny(t, push: []) { emit(s) }
            depth -= 1
            emit("end")
        }
    }

    /// Boxes the value on the stack (of type t) into an anyref.
    mutating func box(_ t: IRType) {
        guard t == .i64 else {
            for s in module.box(t) { emit(s) }
            return
        }
        // An int in 31 bits is an i31 made inline (what $mochi_box_i64 does first):
        // map keys and counts take no call.
        let v = scratchLocal("$#bx", "i64")
        emit("local.tee \(v)")
        emit("i64.const 0x40000000"); emit("i64.add")
        emit("i64.const 0x80000000"); emit("i64.lt_u")
        emit("if (result (ref any))")
        depth += 1
        emit("local.get \(v)"); emit("i32.wrap_i64"); emit("ref.i31")
        depth -= 1
        emit("else")
        depth += 1
        emit("local.get \(v)"); call("mochi_box_i64")
        depth -= 1
        emit("end")
    }

    /// Pushes x as an anyref. A scalar boxed once in a block (or in a block that
    /// dominates it) is boxed once: map code passes the same key to has, get and set
    /// (boxes are immutable, so sharing one is invisible). Not a float: equality of
    /// any values takes a box as equal to itself (the runtime's identity test, in C
    /// too), so one shared box of NaN would make two NaN elements equal where every
    /// other mode boxes each and finds them unequal (`distinct` kept one).
    mutating func getBoxed(_ x: Value) {
        let t = type(x)
        guard t.isScalar, t != .f64, inlineConst[x.index] == nil else {
            get(x)
            box(t)
            return
        }
        if let l = boxCache[x.index] {
            emit("local.get \(l)")
            return
        }
        let l = scratchLocal("$#box\(x.index)", "anyref")
        get(x)
        box(t)
        emit("local.tee \(l)")
        boxCache[x.index] = l
    }

    /// `v1 = map.get m, x; v2 = iadd v1, d; map.set m, x, v2` on a map<int, int>, the
    /// three consecutive in one block and v1, v2 read only there (a count's
    /// `m[x] = m[x] + 1`): one call of $mochi_map_add_ii (map.wat), which reads and
    /// writes the entry with one test of the map's cached key, instead of the read's
    /// and the write's each.
    mutating func findMapAdds(_ uses: [Int]) {
        for b in f.layout {
            let ids = f[b].insts
            var k = 0
            while k + 2 < ids.count {
                let g = f[ids[k]], a = f[ids[k + 1]], st = f[ids[k + 2]]
                k += 1
                guard g.op == .mapGet, a.op == .iadd, st.op == .mapSet,
                      let r1 = g.result, let r2 = a.result,
                      type(g.args[0]) == .map(.i64, .i64), type(g.args[1]) == .i64, type(r1) == .i64,
                      uses[Int(r1.index)] == 1, uses[Int(r2.index)] == 1,
                      (a.args[0] == r1) != (a.args[1] == r1),
                      st.args.count == 3, st.args[0] == g.args[0], st.args[1] == g.args[1], st.args[2] == r2,
                      !anchored.contains(r1.index), !anchored.contains(r2.index) else { continue }
                mapAdds[ids[k - 1].index] = (ids[k], ids[k + 1])
                absorbed.insert(ids[k].index)
                absorbed.insert(ids[k + 1].index)
                k += 2
            }
        }
    }

    /// `v = map.has m, x; brif v, T, E` where T is only a fused `m[x] = m[x] + d`
    /// (findMapAdds) and E only `map.set m, x, d`, on a map<int, int>, T and E
    /// reached only from that branch and v read only by it (a count's `if x in m
    /// { m[x] = m[x] + 1 } else { m[x] = 1 }`): one call of $mochi_map_count_ii
    /// (map.wat) in place of the test, which returns the test's result and has done
    /// the branch's update, so T and E emit nothing but their jumps. Its fast path is
    /// one probe that finds x and adds to its value in place, with no cache written
    /// and read back between the test and the update.
    mutating func findMapCounts(_ uses: [Int]) {
        var preds = [Int32: Int]()
        for b in f.layout { for t in f[b].terminator.successors { preds[t.block.index, default: 0] += 1 } }
        for b in f.layout {
            let bd = f[b]
            guard case .brif(let c, let tc, let ec) = bd.terminator, tc.block != ec.block,
                  tc.args.isEmpty, ec.args.isEmpty,
                  preds[tc.block.index] == 1, preds[ec.block.index] == 1,
                  let hid = bd.insts.last else { continue }
            let h = f[hid]
            guard h.op == .mapHas, h.result == c, uses[Int(c.index)] == 1,
                  type(h.args[0]) == .map(.i64, .i64), type(h.args[1]) == .i64 else { continue }
            let t = f[tc.block].insts, e = f[ec.block].insts
            guard t.count == 3, e.count == 1, let ma = mapAdds[t[0].index], ma.add == t[1], ma.store == t[2] else { continue }
            let g = f[t[0]], a = f[t[1]], ins = f[e[0]]
            guard g.args[0] == h.args[0], g.args[1] == h.args[1] else { continue }
            let d = a.args[0] == g.result! ? a.args[1] : a.args[0]
            guard ins.op == .mapSet, ins.args.count == 3, ins.args[0] == h.args[0], ins.args[1] == h.args[1],
                  type(ins.args[2]) == .i64,
                  ins.args[2] == d || (constInt(ins.args[2]) != nil && constInt(ins.args[2]) == constInt(d)) else { continue }
            mapAdds[t[0].index] = nil
            mapCounts[hid.index] = (t[1], t[2], e[0])
            absorbed.insert(t[0].index)
            absorbed.insert(e[0].index)
        }
    }

    mutating func emitMapCount(_ h: Inst, _ add: Inst, _ insert: Inst) {
        let d = insert.args[2]
        get(h.args[0]); get(h.args[1]); get(d)
        emit("i32.const \(Int32(clamping: add.loc.line))")
        emit("i32.const \(Int32(clamping: insert.loc.line))")
        call("mochi_map_count_ii")
        set(h)
        // (the insertion's line when it took the slow path)
        if Int32(clamping: insert.loc.line) != knownLine { knownLine = nil }
    }

    mutating func emitMapAdd(_ g: Inst, _ add: Inst, _ store: Inst) {
        setLine(g.loc.line)
        let d = add.args[0] == g.result! ? add.args[1] : add.args[0]
        get(g.args[0]); get(g.args[1]); get(d)
        emit("i32.const \(Int32(clamping: add.loc.line))")
        emit("i32.const \(Int32(clamping: store.loc.line))")
        call("mochi_map_add_ii")
        // (the write's line when it took the slow path)
        if Int32(clamping: store.loc.line) != knownLine { knownLine = nil }
    }

    mutating func emitInst(_ inst: Inst, tail: Bool) throws {
        // A push may grow any list (two values may be one list); a call may push; an
        // append may share its operand's store (a writable cache would not be).
        switch inst.op {
        case .call:
            if case .function(let name) = inst.imm, let fi = module.symbols.functions[name], module.listInert[fi] { break }
            listCache = [:]
            checkedIndex = [:]
        case .listPush, .callClosure, .groupAdd, .listAppend:
            listCache = [:]
            checkedIndex = [:]
        default: break
        }
        if !FunctionEmitter.cannotFail(inst.op) && !FunctionEmitter.passesLine(inst.op) { setLine(inst.loc.line) }
        let a = inst.args
        let line = Int32(clamping: inst.loc.line)
        let rt: IRType = inst.result.map { type($0) } ?? .unit
        func simple(_ name: String, _ args: [Value]) {
            for x in args { get(x) }
            call(name)
            set(inst)
        }
        switch inst.op {
        case .iconst, .bconst, .fconst, .sconst, .null:
            // Written at each use (get).
            if let r = inst.result, needed[Int(r.index)] {
                get(r)
                emit("local.set \(local(r))")
            }
        case .copy:
            get(a[0])
            set(inst)

        case .iadd, .isub:
            let r = resultLocal(inst, "i64")
            let add = inst.op == .iadd
            if let k = constInt(a[1]) ?? (add ? constInt(a[0]) : nil) {
                // One operand constant: a single comparison against the limit.
                let x = constInt(a[1]) != nil ? a[0] : a[1]
                if k != 0 && !boundedArithmetic.contains(inst.result!.index) && !isFastBounded(inst.result!) {
                    get(x)
                    if add {
                        emit(k > 0 ? "i64.const \(Int64.max - k)" : "i64.const \(Int64.min - k)")
                        emit(k > 0 ? "i64.gt_s" : "i64.lt_s")
                    } else {
                        emit(k > 0 ? "i64.const \(Int64.min + k)" : "i64.const \(Int64.max &+ k)")
                        emit(k > 0 ? "i64.lt_s" : "i64.gt_s")
                    }
                    failIf("mochi_err_overflow_at", line)
                }
                get(a[0])
                get(a[1])
                emit(add ? "i64.add" : "i64.sub")
                emit("local.set \(r)")
            } else {
                get(a[0])
                get(a[1])
                emit(add ? "i64.add" : "i64.sub")
                emit("local.set \(r)")
                if boundedArithmetic.contains(inst.result!.index) || isFastBounded(inst.result!) { break }
                if add, let other = nonNegativeAdds[inst.result!.index] {
                    // x >= 0: x + y overflows only upwards, exactly when the wrapped
                    // result is below y.
                    emit("local.get \(r)")
                    get(other)
                    emit("i64.lt_s")
                    failIf("mochi_err_overflow_at", line)
                    break
                }
                // add: the result's sign differs from both operands'; sub: the operands'
                // signs differ and the result's differs from the first's.
                get(a[0])
                emit("local.get \(r)")
                emit("i64.xor")
                if add {
                    get(a[1])
                    emit("local.get \(r)")
                } else {
                    get(a[0])
                    get(a[1])
                }
                emit("i64.xor")
                emit("i64.and")
                emit("i64.const 0")
                emit("i64.lt_s")
                failIf("mochi_err_overflow_at", line)
            }
        case .imul:
            let r = resultLocal(inst, "i64")
            let k0 = constInt(a[0]), k1 = constInt(a[1])
            func fits(_ k: Int64?) -> Bool { k.map { $0 >= Int64(Int32.min) && $0 <= Int64(Int32.max) } ?? false }
            if isFastBounded(inst.result!) {
                // (a versioned loop's fast copy: both factors are small, LoopVersioning.swift)
                get(a[0]); get(a[1]); emit("i64.mul")
                emit("local.set \(r)")
            } else if k0 != nil && k1 != nil {
                // Both constant (not folded): exact check through the slow helper.
                module.helpers.insert(.mulSlow)
                get(a[0]); get(a[1]); emit("i32.const \(line)"); emit("call $#mul_slow")
                emit("local.set \(r)")
            } else if a[0] == a[1] {
                // A square overflows exactly when |x| > 3037000499 (floor of sqrt(2^63)):
                // one range check (prime_count's `d * d <= n`).
                get(a[0]); emit("i64.const 3037000499"); emit("i64.add")
                emit("i64.const 6074000998"); emit("i64.gt_u")
                failIf("mochi_err_overflow_at", line)
                get(a[0]); get(a[1]); emit("i64.mul")
                emit("local.set \(r)")
            } else if let k = k0 ?? k1 {
                // Times a constant: x * k overflows exactly when x is outside
                // [lo, hi], one unsigned compare (x - lo > hi - lo) and no slow call
                // (`key * 4` of a k-mer above 2^31, a random seed times 3877).
                let x = k0 != nil ? a[1] : a[0]
                if k == -1 {
                    get(x); emit("i64.const \(Int64.min)"); emit("i64.eq")
                    failIf("mochi_err_overflow_at", line)
                } else if k != 0 && k != 1 {
                    let lo = k > 0 ? Int64.min / k : Int64.max / k
                    let hi = k > 0 ? Int64.max / k : Int64.min / k
                    get(x); emit("i64.const \(lo)"); emit("i64.sub")
                    emit("i64.const \(hi - lo)"); emit("i64.gt_u")
                    failIf("mochi_err_overflow_at", line)
                }
                get(a[0]); get(a[1]); emit("i64.mul")
                emit("local.set \(r)")
            } else {
                // Fast path: both operands fit in 32 bits, so the product fits in 64.
                var tests = 0
                for (k, x) in [(k0, a[0]), (k1, a[1])] where !fits(k) {
                    get(x); get(x); emit("i32.wrap_i64"); emit("i64.extend_i32_s"); emit("i64.eq")
                    tests += 1
                }
                if tests == 2 { emit("i32.and") }
                // The slow path inline too (a call that returns would make Cranelift
                // spill a loop's GC references around it): the product overflowed
                // unless a is 0 or (a*b)/a == b; a = -1 is only b = min (whose
                // division would trap).
                emit("i32.eqz")
                emit("if")
                depth += 1
                get(a[0]); emit("i64.const -1"); emit("i64.eq")
                emit("if (result i32)")
                depth += 1
                get(a[1]); emit("i64.const \(Int64.min)"); emit("i64.eq")
                depth -= 1
                emit("else")
                depth += 1
                get(a[0]); emit("i64.eqz")
                emit("if (result i32)")
                depth += 1
                emit("i32.const 0")
                depth -= 1
                emit("else")
                depth += 1
                get(a[0]); get(a[1]); emit("i64.mul"); get(a[0]); emit("i64.div_s"); get(a[1]); emit("i64.ne")
                depth -= 1
                emit("end")
                depth -= 1
                emit("end")
                failIf("mochi_err_overflow_at", line)
                depth -= 1
                emit("end")
                get(a[0]); get(a[1]); emit("i64.mul")
                emit("local.set \(r)")
            }
        case .idiv, .irem:
            let r = resultLocal(inst, "i64")
            let k = constInt(a[1])
            if let k, let h = inst.result.flatMap({ fastShift[$0.index] }), fastCopies.contains(h) {
                // x >= 0 and k = 2^s > 1: x / k = x >> s, x % k = x & (k - 1).
                get(a[0])
                if inst.op == .idiv { emit("i64.const \(k.trailingZeroBitCount)"); emit("i64.shr_u") }
                else { emit("i64.const \(k - 1)"); emit("i64.and") }
                emit("local.set \(r)")
                break
            }
            // A divisor that is no constant, of a quotient or remainder carried to a
            // block parameter (a recurrence such as k_nucleotide's `key = (key * 4 +
            // seq[i]) % mod`, mod = 4^k: the division's latency is on the loop's
            // critical path): a power of two 2^s > 0 of a non-negative dividend is a
            // mask or a shift (x % m = x & (m - 1), x / m = x >> s), tested where it
            // is computed; anything else takes the division below. (Not for every
            // division: prime_count's `n % d == 0` took 61% more instructions.)
            let pow2 = k == nil && (inst.result.map { carriedValues.contains($0.index) } ?? false)
            if pow2 {
                get(a[0]); emit("i64.const 0"); emit("i64.ge_s")
                get(a[1]); get(a[1]); emit("i64.const 1"); emit("i64.sub"); emit("i64.and"); emit("i64.eqz")
                emit("i32.and")
                get(a[1]); emit("i64.const 0"); emit("i64.gt_s")
                emit("i32.and")
                emit("if")
                depth += 1
                get(a[0])
                if inst.op == .idiv { get(a[1]); emit("i64.ctz"); emit("i64.shr_u") }
                else { get(a[1]); emit("i64.const 1"); emit("i64.sub"); emit("i64.and") }
                emit("local.set \(r)")
                depth -= 1
                emit("else")
                depth += 1
            }
            defer {
                if pow2 {
                    depth -= 1
                    emit("end")
                }
            }
            let positive = (k ?? 0) > 0 || positiveValues.contains(a[1].index)
            if (k == nil || k == 0) && !positive {
                get(a[1]); emit("i64.eqz")
                failIf("mochi_err_div_zero_at", line)
            }
            if inst.op == .idiv && (k == nil || k == -1) && !positive {
                get(a[0]); emit("i64.const \(Int64.min)"); emit("i64.eq")
                get(a[1]); emit("i64.const -1"); emit("i64.eq")
                emit("i32.and")
                failIf("mochi_err_overflow_at", line)
            }
            // i64.rem_s of MIN by -1 is 0, as the C runtime returns.
            let unsigned = inst.result.map { unsignedDivisions.contains($0.index) } ?? false
            get(a[0]); get(a[1])
            emit(inst.op == .idiv ? (unsigned ? "i64.div_u" : "i64.div_s") : (unsigned ? "i64.rem_u" : "i64.rem_s"))
            emit("local.set \(r)")
        case .ineg:
            let r = resultLocal(inst, "i64")
            get(a[0]); emit("i64.const \(Int64.min)"); emit("i64.eq")
            failIf("mochi_err_overflow_at", line)
            emit("i64.const 0"); get(a[0]); emit("i64.sub")
            emit("local.set \(r)")
        case .icmp, .fcmp:
            try compare(inst)
            set(inst)
        case .not:
            get(a[0]); emit("i32.eqz"); set(inst)

        case .fadd, .fsub, .fmul:
            get(a[0]); get(a[1])
            emit(inst.op == .fadd ? "f64.add" : inst.op == .fsub ? "f64.sub" : "f64.mul")
            set(inst)
        case .fdiv:
            if !(fastNonZero[a[1].index].map { fastCopies.contains($0) } ?? false) {
                get(a[1]); emit("f64.const 0"); emit("f64.eq")
                failIf("mochi_err_div_zero_at", line)
            }
            get(a[0]); get(a[1]); emit("f64.div")
            set(inst)
        case .frem:
            get(a[1]); emit("f64.const 0"); emit("f64.eq")
            failIf("mochi_err_div_zero_at", line)
            get(a[0]); get(a[1]); call("mochi_f64_mod")
            set(inst)
        case .fneg:
            get(a[0]); emit("f64.neg"); set(inst)
        case .itof:
            get(a[0]); emit("f64.convert_i64_s"); set(inst)
        case .ftoi:
            let r = resultLocal(inst, "i64")
            // NaN fails both comparisons; -2^63 <= x < 2^63 fits.
            get(a[0]); emit("f64.const -0x1p63"); emit("f64.ge")
            get(a[0]); emit("f64.const 0x1p63"); emit("f64.lt")
            emit("i32.and"); emit("i32.eqz")
            failIf("mochi_err_overflow_at", line)
            get(a[0]); emit("i64.trunc_f64_s")
            emit("local.set \(r)")
        case .math1:
            guard case .string(let name) = inst.imm else { throw fail("math1 without a name") }
            get(a[0])
            switch name {
            case "sqrt": emit("f64.sqrt")
            case "floor": emit("f64.floor")
            case "ceil": emit("f64.ceil")
            case "trunc": emit("f64.trunc")
            case "fabs", "abs": emit("f64.abs")
            case "round":
                module.helpers.insert(.round)
                emit("call $#round")
            case "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log",
                 "log2", "log10", "cbrt", "expm1", "log1p":
                call("mochi_math_" + name)
            default: throw fail("math1: unknown math function \(name)")
            }
            set(inst)
        case .math2:
            guard case .string(let name) = inst.imm else { throw fail("math2 without a name") }
            get(a[0]); get(a[1])
            switch name {
            case "fmin", "min":
                module.helpers.insert(.fmin)
                emit("call $#fmin")
            case "fmax", "max":
                module.helpers.insert(.fmax)
                emit("call $#fmax")
            case "fmod", "mod":
                // libm's fmod: NaN for a zero divisor, no error (the runtime's
                // mochi_f64_mod, shared with `%`, reports division by zero).
                let t = scratchLocal("$#f", "f64")
                emit("local.set \(t)")
                emit("local.get \(t)")
                emit("f64.const 0")
                emit("f64.eq")
                emit("if (param f64) (result f64)")
                depth += 1
                emit("drop")
                emit("f64.const nan")
                depth -= 1
                emit("else")
                depth += 1
                emit("local.get \(t)")
                call("mochi_f64_mod")
                depth -= 1
                emit("end")
            case "pow", "atan2", "hypot": call("mochi_math_" + name)
            default: throw fail("math2: unknown math function \(name)")
            }
            set(inst)

        case .box:
            getBoxed(a[0])
            set(inst)
        case .unbox:
            let push: [String]
            if let c = inlineConst[a[0].index] {
                // (only nil can be a constant any)
                _ = c
                push = ["ref.null none"]
            } else {
                push = ["local.get \(local(a[0]))"]
            }
            for s in module.unboxAny(rt, push: push) { emit(s) }
            set(inst)
        case .anyAdd: simple("mochi_any_add", a)
        case .anySub: simple("mochi_any_sub", a)
        case .anyMul: simple("mochi_any_mul", a)
        case .anyDiv: simple("mochi_any_div", a)
        case .anyRem: simple("mochi_any_mod", a)
        case .anyNeg: simple("mochi_any_neg", a)
        case .anyCmp:
            let c = try cond(inst)
            get(a[0]); get(a[1])
            switch c {
            case .eq: call("mochi_any_eq")
            case .ne: call("mochi_any_eq"); emit("i32.eqz")
            default:
                call("mochi_any_cmp"); emit("i32.const 0"); emit(FunctionEmitter.intOp(c, "i32"))
            }
            set(inst)
        case .anyTruthy: simple("mochi_any_truthy", a)
        case .anyIndex: simple("mochi_any_index", a)
        case .anyField:
            guard case .string(let name) = inst.imm else { throw fail("any.field without a name") }
            get(a[0])
            let s = module.stringConstant(name)
            emit("global.get \(s)")
            if !module.stringIsInline(s) { emit("ref.as_non_null") }
            call("mochi_any_field")
            set(inst)
        case .anyLen: simple("mochi_any_len", a)

        case .cmp:
            let c = try cond(inst)
            let t = type(a[0])
            switch t {
            case .i64, .bool:
                get(a[0]); get(a[1]); emit(FunctionEmitter.intOp(c, t == .bool ? "i32" : "i64"))
            case .f64:
                get(a[0]); get(a[1]); emit(FunctionEmitter.floatOp(c))
            default:
                // strings by their bytes, but nil as an any compares (C's mochi_slot_eq and
                // mochi_slot_cmp): nil equals only nil and orders first
                let eq = t == .str ? "mochi_str_value_eq" : "mochi_any_eq"
                let cmp = t == .str ? "mochi_str_value_cmp" : "mochi_any_cmp"
                get(a[0]); get(a[1])
                switch c {
                case .eq: call(eq)
                case .ne: call(eq); emit("i32.eqz")
                default: call(cmp); emit("i32.const 0"); emit(FunctionEmitter.intOp(c, "i32"))
                }
            }
            set(inst)
        case .tostr, .fmt:
            let t = type(a[0])
            get(a[0])
            switch t {
            case .i64: call("mochi_fmt_i64")
            case .f64: call("mochi_fmt_f64")
            case .bool: call("mochi_fmt_bool")
            case .unit: emit("drop"); emit("ref.null none"); call(inst.op == .fmt ? "mochi_fmt_any" : "mochi_str_any")
            default: call(inst.op == .fmt ? "mochi_fmt_any" : "mochi_str_any")
            }
            set(inst)
        case .tojson:
            getBoxed(a[0]); call("mochi_to_json_any"); set(inst)
        case .json:
            getBoxed(a[0]); call("mochi_json_print_any")
        case .bigFromInt, .bigFromFloat, .bigFromStr, .bigAdd, .bigSub, .bigMul, .bigDiv, .bigNeg, .bigAbs,
             .bigPow, .bigToInt, .bigToFloat, .bigTrunc, .bigToRat, .bigNum, .bigDenom, .bigRem, .bigCmp:
            guard module.hasBigTypes else {
                throw fail("\(inst.op.info.name) (bigint/bigrat) is not supported in wasm yet: the runtime has no bigint.wat")
            }
            // The C runtime's bigint/bigrat function of the same name (bigint.wat).
            guard let fn = inst.op.exactRuntimeFunction(result: rt, operand: a.first.map { type($0) }) else {
                throw fail("\(inst.op.info.name): no runtime function")
            }
            if inst.op == .bigCmp {
                get(a[0]); get(a[1]); call(fn)
                emit("i32.const 0"); emit(FunctionEmitter.intOp(try cond(inst), "i32"))
                set(inst)
            } else {
                simple(fn, a)
            }
        case .print:
            get(a[0]); call("mochi_print_str")
        case .sha256:
            get(a[0]); call("mochi_sha256"); set(inst)

        case .strConcat: simple("mochi_str_concat", a)
        case .strLen: simple("mochi_str_len", a)
        case .strIndex: simple("mochi_str_index", a)
        case .strSlice: simple("mochi_str_slice", a)
        case .strContains: simple("mochi_str_contains", a)
        case .strFind: simple("mochi_str_index_of", a)
        case .strUpper: simple("mochi_str_upper", a)
        case .strLower: simple("mochi_str_lower", a)
        case .strTrim: simple("mochi_str_trim", a)
        case .strSplit: simple("mochi_str_split", a)
        case .strJoin: simple("mochi_str_join", a)
        case .strRepeat: simple("mochi_str_repeat", a)
        case .strPadStart: simple("mochi_str_pad_start", a)
        case .strReverse: simple("mochi_str_reverse", a)
        case .strToInt: simple("mochi_str_to_int", a)
        case .strToFloat: simple("mochi_str_to_float", a)
        case .strOrd: simple("mochi_str_code_point", a)
        case .strChr: simple("mochi_str_from_code_point", a)
        case .strHasPrefix: simple("mochi_str_starts_with", a)
        case .strHasSuffix: simple("mochi_str_ends_with", a)
        case .strParseBase: simple("mochi_str_to_int_base", a)

        case .listNew:
            guard case .list(let e) = rt else { throw fail("list.new without a list type") }
            let bank = ListBank(element: e)
            if a.count <= 10_000 {
                // len, wlen = len, own = 1: a store of its own (list.wat's header)
                emit("i32.const \(a.count)")
                emit("i32.const \(a.count)")
                emit("i32.const 1")
                for x in a { get(x) }
                emit("array.new_fixed \(bank.arrayType) \(a.count)")
                emit("struct.new \(bank.listType)")
                set(inst)
            } else {
                let r = resultLocal(inst, "(ref null \(bank.listType))")
                emit("i32.const \(a.count)")
                call("mochi_list_new_" + bank.suffix)
                emit("local.set \(r)")
                for x in a { emit("local.get \(r)"); get(x); call("mochi_list_push_" + bank.suffix) }
            }
        case .listLen:
            guard case .list(let e) = type(a[0]) else { throw fail("list.len of a non-list") }
            let bank = ListBank(element: e)
            if let c = listCache[a[0].index] {
                emit("local.get \(c.len)")
                set(inst)
                break
            }
            get(a[0]); emit("ref.is_null")
            emit("if (result i64)")
            depth += 1
            emit("i64.const 0")
            depth -= 1
            emit("else")
            depth += 1
            get(a[0]); emit("struct.get \(bank.listType) $len"); emit("i64.extend_i32_u")
            depth -= 1
            emit("end")
            set(inst)
        case .listGet, .listSet:
            guard case .list(let e) = type(a[0]) else { throw fail("\(inst.op.info.name) of a non-list") }
            let bank = ListBank(element: e)
            let unchecked = uncheckedAccess
            let c = cachedList(a[0], a[1], bank, line, unchecked: unchecked)
            let key = "\(c.len) \(a[1].index)"
            let ix: String
            if unchecked && checkedIndex[key] == nil {
                // in range: 0 <= i < len <= the store's length
                ix = scratchLocal("$#ix\(a[0].index)_\(a[1].index)", "i32")
                get(a[1]); emit("i32.wrap_i64"); emit("local.set \(ix)")
                checkedIndex[key] = ix
            } else if let done = checkedIndex[key] {
                ix = done
            } else {
                ix = scratchLocal("$#ix\(a[0].index)_\(a[1].index)", "i32")
                listIndex(c, a[1], line)
                emit("local.set \(ix)")
                checkedIndex[key] = ix
            }
            emit("local.get \(c.data)"); emit("local.get \(ix)")
            if inst.op == .listGet {
                emit(bank == .bool ? "array.get_u \(bank.arrayType)" : "array.get \(bank.arrayType)")
                if bank == .ref { fromAny(e) }
                set(inst)
            } else {
                get(a[2])
                emit("array.set \(bank.arrayType)")
            }
        case .listPush:
            guard case .list(let e) = type(a[0]) else { throw fail("list.push of a non-list") }
            let bank = ListBank(element: e)
            let n = scratchLocal("$#ix", "i32")
            // In place while the list owns the end of its store (own: no other list
            // sees slot len) and the store has room; a store of its own stays
            // writable to its end (wlen = len). The runtime grows or copies the store
            // (or reports nil).
            emit("block")
            depth += 1
            emit("block")
            depth += 1
            get(a[0]); emit("br_on_null 0"); emit("struct.get \(bank.listType) $len"); emit("local.tee \(n)")
            get(a[0]); emit("struct.get \(bank.listType) $data"); emit("array.len")
            emit("i32.ge_u"); emit("br_if 0")
            get(a[0]); emit("struct.get \(bank.listType) $own"); emit("i32.eqz"); emit("br_if 0")
            get(a[0]); emit("struct.get \(bank.listType) $data"); emit("local.get \(n)"); get(a[1])
            emit("array.set \(bank.arrayType)")
            get(a[0]); emit("local.get \(n)"); emit("i32.const 1"); emit("i32.add")
            emit("struct.set \(bank.listType) $len")
            get(a[0]); emit("struct.get \(bank.listType) $wlen"); emit("local.get \(n)"); emit("i32.eq")
            emit("if")
            depth += 1
            get(a[0]); emit("local.get \(n)"); emit("i32.const 1"); emit("i32.add")
            emit("struct.set \(bank.listType) $wlen")
            depth -= 1
            emit("end")
            emit("br 1")
            depth -= 1
            emit("end")
            get(a[0]); get(a[1]); call("mochi_list_push_" + bank.suffix)
            depth -= 1
            emit("end")
        case .listAppend:
            guard case .list(let e) = type(a[0]) else { throw fail("list.append of a non-list") }
            simple("mochi_list_append_" + ListBank(element: e).suffix, a)
        case .listSlice, .listConcat, .listUnionAll, .listReverse, .listDistinct, .listUnion,
             .listExcept, .listIntersect, .listSortBy:
            let name: String
            switch inst.op {
            case .listSlice: name = "mochi_list_slice"
            case .listConcat, .listUnionAll: name = "mochi_list_concat"
            case .listReverse: name = "mochi_list_reverse"
            case .listDistinct: name = "mochi_list_distinct"
            case .listUnion: name = "mochi_list_union"
            case .listExcept: name = "mochi_list_except"
            case .listIntersect: name = "mochi_list_intersect"
            default: name = "mochi_list_sort_by"
            }
            for (i, x) in a.enumerated() {
                get(x)
                // A nil first operand (a missing map key) would give a result in the
                // ref bank, which the cast below refuses for a list<int>: it goes in
                // as the empty list of the result's bank.
                if i == 0, case .list(let e) = rt, ListBank(element: e) != .ref {
                    emit("i32.const \(ListBank(element: e).rawValue)")
                    call("list.nil_as")
                }
            }
            call(name)
            emit("ref.cast \(module.wasmType(rt))")
            set(inst)
        case .listContains:
            get(a[0]); getBoxed(a[1]); call("mochi_list_contains"); set(inst)
        case .listSum:
            guard case .list(let e) = type(a[0]) else { throw fail("list.sum of a non-list") }
            get(a[0])
            switch e {
            case .i64: call("mochi_list_sum_i64")
            case .f64: call("mochi_list_sum_f64")
            default: call("mochi_list_sum_any"); fromAny(rt)
            }
            set(inst)
        case .listAvg: simple("mochi_list_avg", a)
        case .listMin, .listMax:
            get(a[0]); call(inst.op == .listMin ? "mochi_list_min" : "mochi_list_max"); fromAny(rt); set(inst)
        case .listRange: simple("mochi_range3", a)

        // A map<int, int> keeps its entries unboxed (map.wat, "typed int maps"): it is
        // made by mochi_map_new_ii and read and written with int keys and values.
        case .mapNew:
            let r = resultLocal(inst, "(ref null $map)")
            let ii = rt == .map(.i64, .i64)
            emit("i32.const \(a.count / 2)")
            call(ii ? "mochi_map_new_ii" : "mochi_map_new")
            emit("local.set \(r)")
            var i = 0
            while i + 1 < a.count {
                if ii, type(a[i]) == .i64, type(a[i + 1]) == .i64 {
                    emit("local.get \(r)"); get(a[i]); get(a[i + 1]); call("mochi_map_set_ii")
                } else {
                    emit("local.get \(r)"); getBoxed(a[i]); getBoxed(a[i + 1]); call("mochi_map_set")
                }
                i += 2
            }
        case .mapGet:
            if type(a[0]) == .map(.i64, .i64), type(a[1]) == .i64, rt == .i64 {
                get(a[0]); get(a[1]); call("mochi_map_get_ii"); set(inst)
            } else {
                get(a[0]); getBoxed(a[1]); call("mochi_map_get"); fromAny(rt); set(inst)
            }
        case .mapGetAny:
            get(a[0]); getBoxed(a[1]); call("mochi_map_get"); set(inst)
        case .mapSet:
            if type(a[0]) == .map(.i64, .i64), type(a[1]) == .i64, type(a[2]) == .i64 {
                get(a[0]); get(a[1]); get(a[2]); call("mochi_map_set_ii")
            } else {
                get(a[0]); getBoxed(a[1]); getBoxed(a[2]); call("mochi_map_set")
            }
        case .mapHas:
            if type(a[0]) == .map(.i64, .i64), type(a[1]) == .i64 {
                get(a[0]); get(a[1]); call("mochi_map_has_ii"); set(inst)
            } else {
                get(a[0]); getBoxed(a[1]); call("mochi_map_has"); set(inst)
            }
        case .mapLen: simple("mochi_map_len", a)
        case .mapDelete:
            get(a[0]); getBoxed(a[1]); call("mochi_map_delete")
        case .mapKeys, .mapValues:
            guard case .list(let e) = rt else { throw fail("\(inst.op.info.name) without a list type") }
            get(a[0]); emit("i32.const \(ListBank(element: e).rawValue)")
            call(inst.op == .mapKeys ? "mochi_map_keys" : "mochi_map_values")
            emit("ref.cast \(module.wasmType(rt))")
            set(inst)

        case .structNew, .recordNew, .variantNew:
            let tn: String, fields: Int, desc: String, one: String
            if inst.op == .structNew || inst.op == .recordNew {
                guard case .named(let n) = rt, let d = module.module.typeDecl(named: n),
                      case .structure(let fs) = d.kind else { throw fail("\(inst.op.info.name) without a struct type") }
                tn = module.wasmTypeName(n, -1); fields = fs.count
                if inst.op == .recordNew {
                    // The same struct type with the record descriptor (tag -2): it
                    // prints as a plain map, without "__name" (LANGUAGE.md §9).
                    module.recordTypes.insert(n)
                    desc = module.recordDescName(n); one = module.recordSingletonName(n)
                } else {
                    desc = module.descName(n, -1); one = module.singletonName(n, -1)
                }
            } else {
                guard case .variant(let vr) = inst.imm, let d = module.module.typeDecl(named: vr.typeName),
                      let fs = d.fields(variant: Int(vr.variant)) else { throw fail("variant.new without a variant") }
                tn = module.wasmTypeName(vr.typeName, Int(vr.variant)); fields = fs.count
                desc = module.descName(vr.typeName, Int(vr.variant)); one = module.singletonName(vr.typeName, Int(vr.variant))
            }
            if fields == 0 {
                emit("global.get \(one)")
            } else {
                emit("global.get \(desc)")
                for x in a { get(x) }
                emit("struct.new \(tn)")
            }
            set(inst)
        case .fieldGet, .fieldSet:
            guard case .field(let fr) = inst.imm, module.module.typeDecl(named: fr.typeName)?.fields(variant: Int(fr.variant)) != nil else {
                throw fail("\(inst.op.info.name) without a field")
            }
            let tn = module.wasmTypeName(fr.typeName, Int(fr.variant))
            let key = "\(a[0].index)_\(Int(fr.variant) + 1)"
            if let l = refCache[key] {
                // Checked (and cast) in this block or one that dominates it.
                emit("local.get \(l)")
            } else {
                // A nil struct is the runtime error of the C runtime's struct access.
                module.helpers.insert(.fieldNull)
                get(a[0]); emit("ref.is_null")
                emit("if")
                depth += 1
                emit("i32.const \(line)"); coldCall("$#field_null_at", "$#cold_line"); emit("unreachable")
                depth -= 1
                emit("end")
                // The checked (variant) reference in a local for the value's other
                // field accesses: check(t)'s `Node(l, r)` casts t once, not twice.
                // (Nullable: a non-null local read in a block that a dominating
                // block's set does not enclose structurally would not validate.)
                let l = scratchLocal("$#ref\(key)", "(ref null \(tn))")
                get(a[0])
                emit(fr.variant >= 0 ? "ref.cast (ref \(tn))" : "ref.as_non_null")
                emit("local.tee \(l)")
                refCache[key] = l
            }
            if inst.op == .fieldGet {
                emit("struct.get \(tn) \(fr.field + 1)")
                set(inst)
            } else {
                get(a[1])
                emit("struct.set \(tn) \(fr.field + 1)")
            }
        case .variantTag:
            // C's mochi_struct_tag: -1 for nil (no error, so no line is stored for it).
            get(a[0]); emit("ref.is_null")
            emit("if (result i64)")
            depth += 1
            emit("i64.const -1")
            depth -= 1
            emit("else")
            depth += 1
            get(a[0]); emit("struct.get $struct 0"); emit("struct.get $desc $tag"); emit("i64.extend_i32_s")
            depth -= 1
            emit("end")
            set(inst)

        case .call:
            guard case .function(let name) = inst.imm, let fi = module.symbols.functions[name] else {
                throw fail("call of unknown function \(inst.imm)")
            }
            // Every call counts, as the interpreter, the JIT and generated C count
            // them: runaway recursion through a leaf stops at the same call. A leaf
            // callee reads no depth, so its call only checks it.
            depthCheck(line)
            for x in a { get(x) }
            if !module.leaf[fi] { emit("local.get \(FunctionEmitter.depthParam)"); emit("i32.const 1"); emit("i32.add") }
            let unitResult = module.module.functions[fi].returnType == .unit
            if tail {
                emit("return_call \(module.funcNames[fi])")
            } else {
                emit("call \(module.funcNames[fi])")
                if !unitResult { set(inst) }
            }
            knownLine = nil
        case .callClosure:
            guard case .fn(_, let r) = type(a[0]) else { throw fail("call.closure of a non-closure") }
            let sig = module.closureSig(type(a[0]))
            module.helpers.insert(.nonFunction)
            get(a[0]); emit("ref.is_null")
            emit("if"); depth += 1; emit("call $#non_function"); emit("unreachable"); depth -= 1; emit("end")
            depthCheck(line)
            get(a[0]); emit("ref.as_non_null")
            for x in a.dropFirst() { get(x) }
            get(a[0]); emit("struct.get \(sig.cloType) $code")
            // (the adapter reads the callee's depth right away; nothing else reads it)
            emit("local.get \(FunctionEmitter.depthParam)"); emit("i32.const 1"); emit("i32.add")
            emit("global.set " + module.use("mochi_depth"))
            if tail {
                emit("return_call_ref \(sig.fnType)")
            } else {
                emit("call_ref \(sig.fnType)")
                if r != .unit { set(inst) }
            }
            knownLine = nil
        case .closureNew:
            guard case .function(let name) = inst.imm, let fi = module.symbols.functions[name] else {
                throw fail("closure of unknown function \(inst.imm)")
            }
            let cap = module.captureType(function: fi, count: a.count)
            if a.isEmpty {
                emit("global.get \(module.captureSingleton(fi))")
            } else {
                emit("ref.func \(module.adapterName(function: fi, count: a.count))")
                for x in a { get(x) }
                emit("struct.new \(cap)")
            }
            set(inst)
        case .globalGet, .globalSet:
            guard case .global(let name) = inst.imm, let gi = module.symbols.globals[name] else {
                throw fail("unknown global \(inst.imm)")
            }
            if inst.op == .globalGet {
                emit("global.get \(module.globalNames[gi])"); set(inst)
            } else {
                get(a[0]); emit("global.set \(module.globalNames[gi])")
            }

        case .groupNew: simple("mochi_group_new", [])
        case .groupAdd:
            get(a[0]); get(a[1]); getBoxed(a[2]); call("mochi_group_add")
        case .groupResult: simple("mochi_group_result", a)
        case .groupKey: simple("mochi_group_key", a)
        case .groupItems: simple("mochi_group_items", a)

        case .expect: get(a[0]); call("mochi_rt_expect")
        case .panic: get(a[0]); call("mochi_rt_panic")
        case .testBegin: get(a[0]); call("mochi_rt_test_begin")
        case .testEnd: call("mochi_rt_test_end")
        }
    }

    /// The parameter holding the function's call depth (functions that call something).
    static let depthParam = "$#d"

    /// The depth check before a call: `stack overflow` at `line` when the caller's
    /// depth has reached the limit (the callee would run at depth + 1).
    mutating func depthCheck(_ line: Int32) {
        // $#d never changes in a function: once a check has passed on every path
        // here (this block or one that dominates it), another cannot fail.
        if depthChecked || depthGuarded { return }
        depthChecked = true
        emit("local.get \(FunctionEmitter.depthParam)")
        emit("i32.const \(FunctionEmitter.maxDepth)")
        emit("i32.ge_u")
        failIf("mochi_err_stack_overflow_at", line)
    }

    /// Hoisted list caches of the loops being emitted, innermost last.
    var loopCacheStack: [(header: Int, lists: [Int32: ListCache])] = []

    func loopCache(for v: Value) -> ListCache? {
        for (_, frame) in loopCacheStack.reversed() { if let c = frame[v.index] { return c } }
        return nil
    }

    /// The first node of structured code (a loop's header).
    static func firstNode(_ code: [StructuredCode]) -> Int? {
        guard let c = code.first else { return nil }
        switch c {
        case .node(let x, _): return x
        case .block(let inner), .loop(let inner): return firstNode(inner)
        case .table: return nil
        }
    }

    /// Loads list `l`'s length and store into its cache locals before a loop. A nil
    /// list loads length 0 and an empty store, so an access in the loop reports the
    /// index error C reports for a nil list (length 0), and only if it happens.
    mutating func hoistListHeader(_ l: Value, _ bank: ListBank) -> ListCache {
        let c = ListCache(len: scratchLocal("$#len\(l.index)", "i64"),
                          data: scratchLocal("$#data\(l.index)", "(ref \(bank.arrayType))"))
        module.emptyArrays.insert(bank.rawValue)
        emit("i64.const 0")
        emit("local.set \(c.len)")
        emit("global.get $#empty_\(bank.suffix)")
        emit("local.set \(c.data)")
        emit("block")
        depth += 1
        get(l); emit("br_on_null 0"); emit("struct.get \(bank.listType) $len"); emit("i64.extend_i32_u"); emit("local.set \(c.len)")
        get(l); emit("struct.get \(bank.listType) $data"); emit("local.set \(c.data)")
        depth -= 1
        emit("end")
        return c
    }

    /// Copy-on-write before in-place writes: gives list `l` (nil: nothing) a store of
    /// its own when it may share one (wlen != len), so that stores into it are not
    /// seen by the lists sharing the old one (list.wat's header).
    mutating func unshare(_ l: Value, _ bank: ListBank) {
        emit("block")
        depth += 1
        get(l); emit("br_on_null 0"); emit("struct.get \(bank.listType) $wlen")
        get(l); emit("struct.get \(bank.listType) $len")
        emit("i32.eq"); emit("br_if 0")
        get(l); call("mochi_list_unshare_" + bank.suffix)
        depth -= 1
        emit("end")
    }

    /// The locals holding list `l`'s length and element store in this block: loaded
    /// at its first element access (a nil list is the index error of C's
    /// mochi_list_get, length 0, at `line`), reused until something that may change a
    /// list's length or store (a push, a call, an append) runs. A list the block
    /// writes is loaded writable: its store made its own first (unshare), and since
    /// that may replace the store of a list another cached value refers to (two
    /// values may be one list), every other cache of the block is dropped then.
    mutating func cachedList(_ l: Value, _ i: Value, _ bank: ListBank, _ line: Int32, unchecked: Bool = false) -> ListCache {
        let write = blockWrites.contains(l.index)
        if let c = listCache[l.index], c.writable || !write { return c }
        let c = ListCache(len: scratchLocal("$#len\(l.index)", "i64"),
                          data: scratchLocal("$#data\(l.index)", "(ref \(bank.arrayType))"),
                          writable: write)
        // An access proven in range is of a list that is not nil (a nil list has
        // length 0): no test (struct.get's own null check cannot fire).
        if !unchecked {
            get(l); emit("ref.is_null")
            emit("if")
            depth += 1
            // (length 0: every index is the error; the call does not return)
            get(i); emit("i32.const 0"); emit("i32.const \(line)"); coldCall(module.use("mochi_list_index"), "$#cold_index"); emit("unreachable")
            depth -= 1
            emit("end")
        }
        if write {
            unshare(l, bank)
            listCache = [:]
            checkedIndex = [:]
        }
        get(l); emit("struct.get \(bank.listType) $len"); emit("i64.extend_i32_u"); emit("local.set \(c.len)")
        get(l); emit("struct.get \(bank.listType) $data"); emit("local.set \(c.data)")
        listCache[l.index] = c
        return c
    }

    /// Checks, in order, the indexes of the element accesses from `insts[k]` on that
    /// nothing which can fail or be seen separates (only accesses and operations that
    /// cannot fail), and whose list and index are computed before `insts[k]`; each
    /// access then finds its index checked (checkedIndex). The accesses themselves
    /// are left straight-line: Cranelift shares one load of an element store's length
    /// (and the address arithmetic Wasmtime derives from it) among the accesses of a
    /// loop body only when no branch of a check lies between them (n_body's x[i] and
    /// x[j]). Errors are the same, in the same order: the checks run in program order
    /// and what they move ahead of cannot fail. A list whose cache would be loaded
    /// writable here (its store made its own, every other cache dropped) ends the run.
    mutating func checkIndexesAhead(_ insts: [InstID], from k: Int, depthChecks: [Int32: Int32]) {
        var inRun: Set<Int32> = []
        var j = k
        while j < insts.count {
            let inst = f[insts[j]]
            if j > k && depthChecks[insts[j].index] != nil { return }
            if (inst.op == .listGet || inst.op == .listSet) && j > k && isUnchecked(insts[j]) {
                // needs no check, cannot fail: the run goes on past it
            } else if inst.op == .listGet || inst.op == .listSet {
                let l = inst.args[0], i = inst.args[1]
                guard !inRun.contains(l.index), !inRun.contains(i.index),
                      case .list(let e) = type(l) else { return }
                if blockWrites.contains(l.index), !(listCache[l.index]?.writable ?? false) { return }
                let c = cachedList(l, i, ListBank(element: e), Int32(clamping: inst.loc.line))
                let key = "\(c.len) \(i.index)"
                if checkedIndex[key] == nil {
                    let ix = scratchLocal("$#ix\(l.index)_\(i.index)", "i32")
                    listIndex(c, i, Int32(clamping: inst.loc.line))
                    emit("local.set \(ix)")
                    checkedIndex[key] = ix
                }
            } else if !FunctionEmitter.cannotFail(inst.op) {
                return
            }
            if let r = inst.result { inRun.insert(r.index) }
            j += 1
        }
    }

    /// True when the sum `r` needs no overflow check here (fastBounded).
    func isFastBounded(_ r: Value) -> Bool { fastBounded[r.index].map { fastCopies.contains($0) } ?? false }

    /// True when element access `id` needs no index check of ours (uncheckedAccess).
    func isUnchecked(_ id: InstID) -> Bool {
        let inst = f[id]
        guard inst.op == .listGet || inst.op == .listSet else { return false }
        return inst.inBounds || (provenBy[id.index].map { fastCopies.contains($0) } ?? false)
    }

    /// Pushes the checked i32 index of element `i` of a list: in range on the fast
    /// path; a negative index counts from the end (i + len, inline too); anything
    /// else is the error (at `line`) of `$mochi_list_index`, a call that does not
    /// return. No call returns into the loop: Cranelift keeps the GC references a
    /// loop reads (the element stores) in registers only when no safepoint that
    /// returns lies on the path, and spilled and reloaded them around each access.
    mutating func listIndex(_ c: ListCache, _ i: Value, _ line: Int32) {
        get(i); emit("local.get \(c.len)"); emit("i64.lt_u")
        emit("if (result i32)")
        depth += 1
        get(i); emit("i32.wrap_i64")
        depth -= 1
        emit("else")
        depth += 1
        let j = scratchLocal("$#j", "i64")
        // (i + len wraps past 2^63 only for i near the top: then it is negative, huge
        // unsigned, and the error)
        get(i); emit("local.get \(c.len)"); emit("i64.add"); emit("local.tee \(j)")
        emit("local.get \(c.len)"); emit("i64.lt_u")
        emit("if (result i32)")
        depth += 1
        emit("local.get \(j)"); emit("i32.wrap_i64")
        depth -= 1
        emit("else")
        depth += 1
        get(i); emit("local.get \(c.len)"); emit("i32.wrap_i64"); emit("i32.const \(line)"); coldCall(module.use("mochi_list_index"), "$#cold_index")
        emit("unreachable")
        depth -= 1
        emit("end")
        depth -= 1
        emit("end")
    }
}
