// One IR function -> one C function. SSA values become C locals of their bank's type
// (`int64_t` for i64 and bool, `double` for f64, `mochi_ref` for references) named
// `v<index>`; blocks become labels in layout order; a terminator becomes `goto`s
// (elided when the target is laid out next), and the values an edge passes are
// assigned to the target's parameter locals first, as a sequentialised parallel copy
// (temporaries in a brace scope break cycles such as `jump b1(v2, v1)`).
//
// Each op is translated the way the reference interpreter executes it (Decoder.swift,
// Interpreter.swift, Complex.swift): checked integer arithmetic through the runtime's
// inline helpers, every complex op through the same runtime call with the same slot
// kinds. Before an op that may fail, `mochi_loc_line` is stored (once per line and
// block), so runtime errors print the same `at file:line` as the interpreter.
//
// Overflow checks of a run of int arithmetic: iadd/isub/imul on one Mochi line,
// separated only by pure ops and divisions that cannot fail (by constants other
// than 0 and -1, or by a divisor whose interval holds neither: Ranges.swift), or
// their overflow into one local `ovf` (mochi_i64_add_ovf...) and branch once
// after the run's last op. Nothing in between can be seen or fail, so the program
// stops at the same point with the same error and line; the C compiler
// gets a branch-free stretch (spectral_norm's evalA: five checks, one branch).
//
// Increments that cannot overflow: `x + 1` where a branch that leads here (down
// single-predecessor blocks) found x < y (so x < INT64_MAX), and `x - 1` where one
// found x > y, are plain C: a loop counter's step is unchecked, as in C. So is any
// iadd, isub or imul that integer ranges prove cannot overflow (Ranges.swift).
//
// List headers in C locals: every list value that some list.get or list.set indexes
// (up to 8 a function) gets its length, writable length and data pointer in C
// locals (nN, wN, dN for vN; dN is a byte pointer for a list<bool>), read where the
// value is defined (after its instruction, or at the top of the block whose
// parameter it is) and read again, for every such list, right after each
// instruction that may change some list's header (a call, a push or append, any
// op outside keepsListHeaders) and after list.set's slow path (copy-on-write,
// lazily raised writable length; two values may name one list). Element reads and
// writes go through the locals, so a store into one list does not make the C
// compiler (under -fno-strict-aliasing) reload every list's header, and a loop's
// bounds checks see loop-invariant lengths, in functions with calls too. Reading
// a value's header before its definition on some path reads a zeroed local or
// an older value that the local keeps alive: never a dangling one.
// A list that is pushed (while fewer than 8 are cached) also gets locals: its
// length, its store, and the room it may grow to in place (rN: its capacity when it
// owns the end of an unshared store, else 0). A push below the room writes the
// element and moves the locals on, reading no memory back; the header's length and
// writable length and the store's mark are left pending (pN) and written before
// anything that could read them from memory (pushInPlace); another cached list is
// read again when it is the same list (its value compares equal), and after the
// slow path (mochi_list_push) all are.
// A loop whose element accesses are provably in range once a few compares hold at
// its entry also gets a copy without those checks (LoopVersioning.swift).
// A loop that only pushes one fixed value a trip, counting up to a bound, stores
// as many copies at once as the room and the bound allow (FillLoops.swift).
//
// A `match` arm's variant test (`variant.tag x` == k) compares the descriptor id in
// x's header with the variant's (tagTest): one header load the arms share, not the
// tag's read through the descriptor table. A call's recursion check is written once
// per activation (a later call at the same depth would pass it too).
//
// Structs and variants are built inline: a cell from the collector's free list
// (mochi_gc_alloc_small), its descriptor id and fields stored in place, for up to 15
// fields; a field-less one is the runtime's shared instance, kept in a static.
//
// Map lookups probe once: `map.has`, `map.get` and `map.set` find the key's entry
// (inline for int keys, mochi_map_find_i64_ins; one runtime call otherwise) into a
// local `eN`, and a later lookup of the same map and key value reuses it while no
// instruction in between can add or remove a map entry (only arithmetic, list,
// field and global accesses and map reads keep it) and control has only come down
// single-predecessor blocks, so `if k in m { m[k] = m[k] + 1 }` probes once.
// The whole counting idiom on a map<int, int>, `if k in m { m[k] = m[k] + d } else
// { m[k] = d }` (a map.has whose branch leads to a block holding only the read, the
// add and the write back and one holding only `m[k] = d`, each reached only from
// that branch), is one mochi_map_count_i64 in place of the test (findMapCounts): one
// inline probe that adds to a found key's value in place or inserts an absent key
// from the slot that ended the probe, returning the test's result; the branch and
// its two (now empty) blocks stay as they were.
//
// A quotient or remainder by a divisor that is no constant, carried to a block
// parameter (a recurrence such as k_nucleotide's `key = (key * 4 + seq[i]) % mod`,
// mod = 4^k, the division's latency on the loop's critical path), tests for a
// non-negative dividend and a power-of-two divisor and then shifts or masks
// (mochi_i64_div_p2_at, mochi_i64_rem_p2_at); anything else divides as before.
//
// Warning-free output under -Wall -Wextra: only values some emitted code reads are
// declared (a fixpoint drops pure ops whose results nobody needs, and what only they
// read), locals are zero-initialised (no maybe-uninitialised paths through gotos),
// unused parameters get `(void)`, and only blocks some `goto` names get a label; the
// body is produced twice, the first time only to learn which labels are jumped to.

import MochiIR

struct FunctionEmitter {
    let f: Function
    let index: Int
    var module: ModuleEmitter
    var out: [String] = []
    /// Values some emitted code reads (by value index).
    var needed: [Bool]
    /// Blocks named by a goto (learned by the first pass).
    var labels: Set<Int32> = []
    var jumpTargets: Set<Int32> = []
    /// The value mochi_loc_line is known to hold here, if any.
    var knownLine: Int32? = nil
    /// The Mochi line the C compiler maps the next physical line to (after #line).
    var mappedLine: UInt32? = nil
    /// The Mochi line of the last physical line written (0: none or unknown).
    var lastLine: UInt32 = 0
    var tempCounter = 0
    /// Map entries found so far that are still good here: (map, key, C local).
    var entryCache: [(map: Value, key: Value, local: String)] = []
    /// The entry cache at the end of each block emitted so far.
    var blockEndCache: [Int32: [(map: Value, key: Value, local: String)]] = [:]
    /// Entry locals some code assigned (pass 1), declared by pass 2.
    var entryLocals: [String] = []
    var entryLocalsUsed: Set<String> = []
    var entryCounter = 0
    /// Whether a call's check earlier in this activation, on every path here (down
    /// the block and single-predecessor blocks), tested the depth and, when the depth
    /// was a multiple of 8, the stack (a sparse or a full check; see probed below),
    /// and the same at the end of each block emitted so far.
    var probed = false
    var blockEndProbed: [Int32: Bool] = [:]
    /// The counting idiom on a map<int, int> (findMapCounts), by its map.has (InstID
    /// index): the add and the insertion it does, and the delta.
    var mapCounts: [Int32: (add: Inst, insert: Inst, delta: Value)] = [:]
    /// Instructions (InstID index) a fused form does: not emitted themselves.
    var absorbed: Set<Int32> = []
    /// Values some edge passes to a block parameter (carried around a loop, say).
    var carriedValues: Set<Int32> = []
    /// The one predecessor of each block that has exactly one (by Block.index).
    var singlePred: [Int32: Int32] = [:]
    /// Checked int ops written in the deferred form (or-ing into `ovf`), and the
    /// last op of each run, after which the one check goes (with its line).
    var deferredOverflow: Set<Int32> = []
    var overflowCheckAfter: [Int32: UInt32] = [:]
    /// The instruction being emitted (InstID index).
    var currentInst: Int32 = -1
    /// iadd/isub instructions (InstID index) that cannot overflow (see the header).
    var safeSteps: Set<Int32> = []
    /// idiv/irem instructions (InstID index) whose divisor's interval holds neither
    /// 0 nor -1 (Ranges.swift): they cannot fail.
    var safeDivisions: Set<Int32> = []
    /// List values whose header fields live in C locals (see the header), with
    /// which fields are read: the length (element reads) and the writable length
    /// (element writes); the data pointer always (bytes for a list<bool>).
    var cachedLists: [(list: Value, reads: Bool, writes: Bool, bytes: Bool, pushes: Bool)] = []
    /// Cached lists by the block whose parameters they are (read at its top).
    var cachedParams: [Int32: [Value]] = [:]
    /// Loops with a fast copy (LoopVersioning.swift), by header too; the list.get and
    /// list.set instructions (InstID index) the fast copies do without a check; the
    /// loop whose fast copy is being written, the block being written, and the blocks
    /// some goto names by their fast label (bNf).
    var versionedLoops: [VersionedLoop] = []
    var loopOfHeader: [Int32: Int] = [:]
    var provenAccess: Set<Int32> = []
    var fastLoop: Int? = nil
    /// The pushes of filling loops (FillLoops.swift), by InstID index: the loop's
    /// counter and bound.
    var fillPushes: [Int32: (counter: Value, bound: Value)] = [:]
    var currentBlock: Int32 = -1
    var fastJumpTargets: Set<Int32> = []
    var fastLabels: Set<Int32> = []
    /// The interpreter decoder's running line (last instruction's, or the last
    /// terminator's): where an `unreachable` terminator without a location reports.
    var decoderLine: UInt32 = 0

    init(function: Function, index: Int, module: ModuleEmitter) {
        self.f = function
        self.index = index
        self.module = module
        needed = Array(repeating: false, count: function.valueTypes.count)
    }

    /// Ops that cannot add or remove a map entry (nor run code that might): a map
    /// entry found before one is still the key's entry after it.
    static func keepsMapEntries(_ op: Opcode) -> Bool {
        if isPure(op) { return true }
        switch op {
        case .iadd, .isub, .imul, .idiv, .irem, .ineg, .fdiv, .frem, .ftoi, .listGet, .listSet, .listLen,
             .listPush, .fieldGet, .fieldSet, .globalGet, .globalSet, .mapGet, .mapHas:
            return true
        default:
            return false
        }
    }

    /// Ops with no effect but their result: skipped when the result is unused.
    static func isPure(_ op: Opcode) -> Bool {
        switch op {
        case .iconst, .fconst, .bconst, .sconst, .null, .copy, .icmp, .not, .fadd, .fsub, .fmul,
             .fneg, .fcmp, .itof, .math1, .math2, .globalGet, .listLen, .variantTag:
            return true
        default:
            return false
        }
    }

    /// Ops that can never reach a runtime error, so they need no location store
    /// (map reads are a probe; map.set stores its line only on the path that
    /// calls the runtime; a variant tag of nil or a non-struct is -1).
    static func cannotFail(_ op: Opcode) -> Bool {
        isPure(op) || op == .globalSet || op == .mapGet || op == .mapHas || op == .mapSet || op == .variantTag
    }

    /// Ops whose checks are inline and take their line as an argument (stored into
    /// mochi_loc_line only on the failing path), and direct calls (the callee sets
    /// its own lines; a call that can recurse checks the stack with its line).
    static func passesLine(_ op: Opcode) -> Bool {
        switch op {
        case .iadd, .isub, .imul, .idiv, .irem, .ineg, .fdiv, .ftoi, .listGet, .listSet, .listPush, .fieldGet, .fieldSet,
             .call:
            return true
        default:
            return false
        }
    }

    func v(_ x: Value) -> String { "v\(x.index)" }
    func type(_ x: Value) -> IRType { f.type(of: x) }

    func isEmitted(_ inst: Inst) -> Bool {
        guard FunctionEmitter.isPure(inst.op) else { return true }
        guard let r = inst.result else { return true }
        return needed[Int(r.index)]
    }

    /// Comparisons whose only use is their block's `brif`: written into the `if`
    /// itself (`if (v2 < v0)`), as a C programmer would, instead of through a local.
    var fusedCompare: [Int32: InstID] = [:]

    mutating func findFusedCompares() {
        var uses = Array(repeating: 0, count: f.valueTypes.count)
        for b in f.layout {
            let bd = f[b]
            for id in bd.insts { for a in f[id].args { uses[Int(a.index)] += 1 } }
            for a in bd.terminator.uses { uses[Int(a.index)] += 1 }
        }
        for b in f.layout {
            let bd = f[b]
            guard case .brif(let c, _, _) = bd.terminator, let last = bd.insts.last else { continue }
            let inst = f[last]
            guard inst.result == c, uses[Int(c.index)] == 1 else { continue }
            if inst.op == .icmp || inst.op == .fcmp { fusedCompare[b.index] = last }
        }
    }

    /// The C condition of a fused comparison, without enclosing parentheses (clang
    /// warns about `if ((a == b))`).
    mutating func compareExpression(_ inst: Inst) throws -> String {
        let c = try cond(inst)
        let e = inst.op == .icmp ? tagTestExpression(inst) ?? intCompare(inst.args[0], inst.args[1], c)
            : "(\(v(inst.args[0])) \(cOperator(c)) \(v(inst.args[1])))"
        return String(e.dropFirst().dropLast())
    }

    /// `v = map.has m, k; brif v, T, E` where T is only `g = map.get m, k; s = iadd
    /// g, d (or d, g); map.set m, k, s` and E only `map.set m, k, d` (d itself or a
    /// constant equal to it), integer constants aside, on a map<int, int> with an
    /// int key, T and E reached only from that branch and v, g and s read only there
    /// (a count's `if k in m { m[k] = m[k] + 1 } else { m[k] = 1 }`): one
    /// mochi_map_count_i64 in place of the test, which returns the test's result and
    /// has done the branch's update, so T and E emit nothing but their jumps. The
    /// add's overflow reports at its line and the insertion's errors (a nil map's) at
    /// the insertion's, as the three would. Also notes the carried values.
    mutating func findMapCounts() {
        var uses = Array(repeating: 0, count: f.valueTypes.count)
        var preds = [Int32: Int]()
        for b in f.layout {
            let bd = f[b]
            for id in bd.insts { for a in f[id].args { uses[Int(a.index)] += 1 } }
            for a in bd.terminator.uses { uses[Int(a.index)] += 1 }
            for t in bd.terminator.successors {
                preds[t.block.index, default: 0] += 1
                for a in t.args { carriedValues.insert(a.index) }
            }
        }
        for b in f.layout {
            let bd = f[b]
            guard case .brif(let c, let tc, let ec) = bd.terminator, tc.block != ec.block,
                  tc.args.isEmpty, ec.args.isEmpty, preds[tc.block.index] == 1, preds[ec.block.index] == 1,
                  let hid = bd.insts.last else { continue }
            let h = f[hid]
            guard h.op == .mapHas, h.result == c, uses[Int(c.index)] == 1, h.args.count == 2,
                  type(h.args[0]) == .map(.i64, .i64), type(h.args[1]) == .i64 else { continue }
            // (Integer constants aside: -O1 leaves them in their blocks.)
            let t = f[tc.block].insts.filter { f[$0].op != .iconst }
            let e = f[ec.block].insts.filter { f[$0].op != .iconst }
            guard t.count == 3, e.count == 1 else { continue }
            let g = f[t[0]], a = f[t[1]], st = f[t[2]], ins = f[e[0]]
            guard g.op == .mapGet, a.op == .iadd, st.op == .mapSet, ins.op == .mapSet,
                  let r1 = g.result, let r2 = a.result, type(r1) == .i64,
                  g.args.count == 2, g.args[0] == h.args[0], g.args[1] == h.args[1],
                  uses[Int(r1.index)] == 1, uses[Int(r2.index)] == 1,
                  a.args.count == 2, (a.args[0] == r1) != (a.args[1] == r1),
                  st.args.count == 3, st.args[0] == h.args[0], st.args[1] == h.args[1], st.args[2] == r2
            else { continue }
            let d = a.args[0] == r1 ? a.args[1] : a.args[0]
            guard ins.args.count == 3, ins.args[0] == h.args[0], ins.args[1] == h.args[1],
                  type(ins.args[2]) == .i64,
                  ins.args[2] == d || (constantInt(ins.args[2]) != nil && constantInt(ins.args[2]) == constantInt(d))
            else { continue }
            // A constant delta may be defined in T itself: it is written as its value.
            if case .inst(let did) = f.valueDefs[Int(d.index)], f[tc.block].insts.contains(did),
               constantInt(d) == nil { continue }
            mapCounts[hid.index] = (a, ins, d)
            for id in t + e { absorbed.insert(id.index) }
        }
    }

    mutating func computeNeeded() {
        findFusedCompares()
        findMapCounts()
        var changed = true
        func mark(_ x: Value, _ changed: inout Bool) {
            if !needed[Int(x.index)] { needed[Int(x.index)] = true; changed = true }
        }
        while changed {
            changed = false
            for b in f.layout {
                let bd = f[b]
                for id in bd.insts where !absorbed.contains(id.index) {
                    let inst = f[id]
                    if isEmitted(inst) { for a in readArgs(inst) { mark(a, &changed) } }
                    if let mc = mapCounts[id.index], constantInt(mc.delta) == nil { mark(mc.delta, &changed) }
                }
                switch bd.terminator {
                case .brif(let c, _, _):
                    if let id = fusedCompare[b.index] { for a in readArgs(f[id]) { mark(a, &changed) } }
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
    }

    mutating func emit() throws -> String {
        computeNeeded()
        // Pass 1 learns which blocks are goto targets; pass 2 writes them as labels.
        var predCount: [Int32: Int] = [:], pred: [Int32: Int32] = [:]
        for b in f.layout {
            for s in f[b].terminator.successors { predCount[s.block.index, default: 0] += 1; pred[s.block.index] = b.index }
        }
        for (b, n) in predCount where n == 1 { singlePred[b] = pred[b] }
        planSafeSteps()
        planRangeSafeOps()
        planOverflowRuns()
        planListHeaders()
        planFillLoops()
        planVersionedLoops()
        try emitBody()
        labels = jumpTargets
        fastLabels = fastJumpTargets
        entryLocals = entryLocalsUsed.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
        blockEndCache = [:]
        blockEndProbed = [:]
        out = []
        knownLine = nil
        mappedLine = nil
        lastLine = 0
        tempCounter = 0
        entryCounter = 0
        decoderLine = 0
        try emitBody()
        return out.joined(separator: "\n") + "\n\n"
    }

    // MARK: output with #line bookkeeping

    /// One physical line of C; `line` is the Mochi line it belongs to (0: unknown).
    /// Statements of one Mochi line share a physical line (one `#line`, one gdb
    /// step); anything with an unknown line or a label starts a new one.
    mutating func put(_ s: String, line: UInt32 = 0) {
        if line != 0, line == lastLine, !out.isEmpty {
            out[out.count - 1] += " " + s.drop(while: { $0 == " " })
            return
        }
        if line != 0, module.options.lineDirectives, let file = module.fileLiteral, mappedLine != line {
            out.append("#line \(line) \(file)")
            mappedLine = line
        }
        out.append(s)
        lastLine = line
        if let m = mappedLine { mappedLine = m + 1 }
    }

    mutating func setLine(_ line: UInt32) {
        let l = Int32(clamping: line)
        if knownLine == l { return }
        put("    mochi_loc_line = \(l);", line: line)
        knownLine = l
    }

    mutating func emitBody() throws {
        let entryParams = f.entry.map { f[$0].params } ?? []
        put("/* @\(module.sanitizedComment(f.name)) */")
        put((module.inlineHint[index] ? "static inline " : "static ") + module.prototype(f, index) + " {", line: f.loc.line)
        // Locals: every needed value that is not a parameter, zero-initialised, grouped
        // by C type (a few declarators per declaration).
        let paramSet = Set(entryParams)
        var byBank: [[String]] = [[], [], []]
        for b in f.layout {
            let bd = f[b]
            var defs: [Value] = bd.params.filter { !paramSet.contains($0) }
            for id in bd.insts { if let r = f[id].result { defs.append(r) } }
            for d in defs where needed[Int(d.index)] {
                let t = type(d)
                byBank[Int(t.bank.rawValue)].append("\(v(d)) = \(t.bank == .reference ? "NULL" : "0")")
            }
        }
        for (bank, cType) in [(0, "int64_t"), (1, "double"), (2, "mochi_ref")] {
            var k = 0
            let decls = byBank[bank]
            while k < decls.count {
                let chunk = decls[k..<min(k + 8, decls.count)]
                put("    \(cType) " + chunk.joined(separator: ", ") + ";", line: f.loc.line)
                k += 8
            }
        }
        var k = 0
        while k < entryLocals.count {
            let chunk = entryLocals[k..<min(k + 8, entryLocals.count)]
            put("    MochiMapEntry " + chunk.map { "*\($0) = NULL" }.joined(separator: ", ") + ";", line: f.loc.line)
            k += 8
        }
        if !deferredOverflow.isEmpty { put("    int64_t ovf = 0;", line: f.loc.line) }
        for c in cachedLists {
            let n = c.list.index
            var decl = "   "
            if c.reads || c.writes || c.pushes {
                decl += " int64_t " + ([c.reads || c.pushes ? "n\(n) = 0" : nil, c.writes ? "w\(n) = 0" : nil,
                                        c.pushes ? "r\(n) = 0" : nil, c.pushes ? "p\(n) = 0" : nil]
                    .compactMap { $0 }.joined(separator: ", ")) + ";"
            }
            decl += c.bytes ? " uint8_t *d\(n) = NULL;" : " mochi_slot *d\(n) = NULL;"
            if c.pushes { decl += " MochiSlots *s\(n) = NULL;" }
            put(decl, line: f.loc.line)
        }
        for p in entryParams where !needed[Int(p.index)] { put("    (void)\(v(p));", line: f.loc.line) }
        // The declarations share the `fun` line's physical line: on lines of their own
        // they would count as the Mochi lines after them, and a breakpoint on one of
        // those would stop on every call.
        let layout = f.layout
        fastLoop = nil
        for (li, b) in layout.enumerated() {
            var next: Block? = li + 1 < layout.count ? layout[li + 1] : nil
            // An edge into a versioned loop's header from outside tests the guard: no fallthrough.
            if let n = next, let k = loopOfHeader[n.index], !versionedLoops[k].blocks.contains(b.index) { next = nil }
            try emitBlock(b, next: next)
        }
        // The fast copies, after everything else (LoopVersioning.swift).
        for k in versionedLoops.indices {
            fastLoop = k
            blockEndCache = [:]
            blockEndProbed = [:]
            let blocks = layout.filter { versionedLoops[k].blocks.contains($0.index) }
            for (i, b) in blocks.enumerated() { try emitBlock(b, next: i + 1 < blocks.count ? blocks[i + 1] : nil) }
        }
        fastLoop = nil
        put("}")
    }

    /// One block: its label, the headers of its cached list parameters, its
    /// instructions and its terminator (`next` is the block written after it).
    mutating func emitBlock(_ b: Block, next: Block?) throws {
        let bd = f[b]
        currentBlock = b.index
        knownLine = nil
        if fastLoop != nil {
            if fastLabels.contains(b.index) { put("b\(b.index)f:;") }
        } else if labels.contains(b.index) { put("b\(b.index):;") }
        if let ps = cachedParams[b.index] {
            put("    " + ps.map(loadListHeader).joined(separator: " "))
        }
        // Entries found in the one block that leads here are still good.
        if let p = singlePred[b.index], let c = blockEndCache[p] { entryCache = c } else { entryCache = [] }
        probed = singlePred[b.index].flatMap { blockEndProbed[$0] } ?? false
        for id in bd.insts {
            let inst = f[id]
            decoderLine = inst.loc.line
            if !isEmitted(inst) || absorbed.contains(id.index) { continue }
            currentInst = id.index
            if !keepsPendingPushes(inst) {
                let fl = flushPendingPushes()
                if !fl.isEmpty { put("    " + fl, line: inst.loc.line) }
            }
            try emitInst(inst)
            if !cachedLists.isEmpty {
                // A store into a list without cached locals reloads them too: its
                // slow path may have given a cached list (the same one) a new store.
                let uncachedStore = inst.op == .listSet && !cachedLists.contains { $0.list == inst.args[0] }
                if inst.op == .listPush && cachedLists.contains(where: { $0.list == inst.args[0] && $0.pushes }) {
                    // Both of its paths read what they changed (pushInPlace).
                } else if (!FunctionEmitter.keepsListHeaders(inst.op) && !callKeepsListHeaders(inst)) || uncachedStore {
                    put("    " + reloadListHeaders(), line: inst.loc.line)
                } else if let r = inst.result, cachedLists.contains(where: { $0.list == r }) {
                    put("    " + loadListHeader(r), line: inst.loc.line)
                }
            }
            if let l = overflowCheckAfter[id.index] {
                put("    if (MOCHI_UNLIKELY(ovf)) mochi_err_overflow_at(\(Int32(clamping: l)));", line: l)
            }
            // A fused count may insert: entries found before it may have moved.
            if !FunctionEmitter.keepsMapEntries(inst.op) || mapCounts[id.index] != nil { entryCache = [] }
        }
        blockEndCache[b.index] = entryCache
        blockEndProbed[b.index] = probed
        if bd.terminatorLoc.line != 0 { decoderLine = bd.terminatorLoc.line }
        try emitTerminator(bd, next: next, fused: fusedCompare[b.index])
    }

    // MARK: terminators and edges

    /// The parameter moves of an edge, as C statements on one line (may be empty).
    mutating func edgeMoves(_ bc: BlockCall) -> String {
        let params = f[bc.block].params
        var moves: [(dst: Value, src: String)] = []
        for (p, a) in zip(params, bc.args) where needed[Int(p.index)] && p != a {
            moves.append((p, v(a)))
        }
        var stmts: [String] = []
        var temps: [String] = []
        while !moves.isEmpty {
            if let i = moves.firstIndex(where: { m in !moves.contains { $0.src == v(m.dst) } }) {
                stmts.append("\(v(moves[i].dst)) = \(moves[i].src);")
                moves.remove(at: i)
            } else {
                // A cycle: keep the first destination's old value in a temporary.
                let d = moves[0].dst
                let t = "t\(tempCounter)"
                tempCounter += 1
                temps.append("\(type(d).cType) \(t) = \(v(d));")
                for j in moves.indices where moves[j].src == v(d) { moves[j].src = t }
            }
        }
        if temps.isEmpty { return stmts.joined(separator: " ") }
        // Temporaries are declared first in a scope of their own (C99 allows it, but a
        // brace keeps them away from the function's other locals and labels).
        return "{ " + (temps + stmts).joined(separator: " ") + " }"
    }

    mutating func goto_(_ b: Block) -> String {
        if let k = fastLoop, versionedLoops[k].blocks.contains(b.index) {
            fastJumpTargets.insert(b.index)
            return "goto b\(b.index)f;"
        }
        jumpTargets.insert(b.index)
        if let k = loopOfHeader[b.index], !versionedLoops[k].blocks.contains(currentBlock) {
            // Entering a versioned loop: its fast copy when the guard holds.
            fastJumpTargets.insert(b.index)
            return "{ if (\(versionedLoops[k].guardCondition)) goto b\(b.index)f; goto b\(b.index); }"
        }
        return "goto b\(b.index);"
    }

    mutating func emitTerminator(_ bd: BlockData, next: Block?, fused: InstID?) throws {
        // A fused comparison lends its line to the `if` when the branch has none.
        let line = bd.terminatorLoc.line != 0 ? bd.terminatorLoc.line : fused.map { f[$0].loc.line } ?? 0
        // A return, or an edge passing a reference (a list may become a parameter whose
        // header is read from memory), writes pending push headers first.
        var passesRef = false
        switch bd.terminator {
        case .ret: passesRef = true
        case .jump(let bc): passesRef = bc.args.contains { type($0).bank == .reference }
        case .brif(_, let t, let e): passesRef = (t.args + e.args).contains { type($0).bank == .reference }
        case .unreachable: break
        }
        if passesRef {
            let fl = flushPendingPushes()
            if !fl.isEmpty { put("    " + fl, line: line) }
        }
        switch bd.terminator {
        case .jump(let bc):
            let moves = edgeMoves(bc)
            if !moves.isEmpty { put("    " + moves, line: line) }
            if bc.block != next { put("    " + goto_(bc.block), line: line) }
        case .brif(let c, let t, let e):
            var cond = v(c), notCond = "!" + v(c)
            if let id = fused {
                cond = try compareExpression(f[id])
                notCond = "!(" + cond + ")"
            }
            let tm = edgeMoves(t)
            if t.block == next && tm.isEmpty && e.block != next {
                let em = edgeMoves(e)
                put("    if (\(notCond)) { " + (em.isEmpty ? "" : em + " ") + goto_(e.block) + " }", line: line)
            } else {
                put("    if (\(cond)) { " + (tm.isEmpty ? "" : tm + " ") + goto_(t.block) + " }", line: line)
                let em = edgeMoves(e)
                if !em.isEmpty { put("    " + em, line: line) }
                if e.block != next { put("    " + goto_(e.block), line: line) }
            }
        case .ret(let r):
            if let r, f.returnType != .unit {
                put("    return \(v(r));", line: line)
            } else {
                put("    return\(f.returnType == .unit ? "" : " 0");", line: line)
            }
        case .unreachable:
            let l = decoderLine
            // The return is never reached; it is there for compilers that do not know
            // mochi_rt_error does not return (tcc), so they see a value on every path.
            let ret = f.returnType == .unit ? "" : " return " + (f.returnType.bank == .reference ? "NULL;" : "0;")
            put("    mochi_loc_line = \(Int32(clamping: l)); mochi_rt_error(\"unreachable code reached\");" + ret, line: l)
        }
    }

    // MARK: instructions

    /// Assigns `rhs` to the result (or evaluates it for its effect).
    mutating func assign(_ inst: Inst, _ rhs: String) {
        if let r = inst.result, needed[Int(r.index)] {
            put("    \(v(r)) = \(rhs);", line: inst.loc.line)
        } else {
            put("    (void)\(rhs);", line: inst.loc.line)
        }
    }

    mutating func stmt(_ inst: Inst, _ s: String) {
        put("    " + s, line: inst.loc.line)
    }

    /// A scope holding the operands as a slot array `a_`, then `body` (one line).
    mutating func withSlots(_ inst: Inst, _ vals: [Value], _ body: String) {
        let inits = vals.isEmpty ? "0" : vals.map { type($0).toSlot(v($0)) }.joined(separator: ", ")
        put("    { mochi_slot a_[\(max(vals.count, 1))] = {\(inits)}; \(body) }", line: inst.loc.line)
    }

    /// `vN = rhs;` inside a scope, or `(void)rhs;`.
    func target(_ inst: Inst, _ rhs: String) -> String {
        if let r = inst.result, needed[Int(r.index)] { return "\(v(r)) = \(rhs);" }
        return "(void)\(rhs);"
    }

    func fail(_ msg: String) -> EmitCError { EmitCError("function @\(f.name): \(msg)") }

    func cond(_ inst: Inst) throws -> CondCode {
        guard case .cond(let c) = inst.imm else { throw fail("\(inst.op.info.name) without a condition") }
        return c
    }

    func descName(_ type: String, _ variant: Int32) throws -> String {
        guard let n = module.descNames[type]?[variant] else {
            throw fail("no type %\(type)" + (variant >= 0 ? " variant \(variant)" : ""))
        }
        return n
    }

    /// The item kind of group builder `b`, as the interpreter decides it: the kind of
    /// every `group.add` item into it when they agree, else REF.
    func groupItemKind(_ b: Value) -> SlotKind {
        var kind: SlotKind? = nil
        for inst in f.insts where inst.op == .groupAdd && inst.args.count == 3 && inst.args[0] == b {
            let k = f.type(of: inst.args[2]).slotKind
            if kind == nil { kind = k } else if kind != k { return .ref }
        }
        return kind ?? .ref
    }

    mutating func emitInst(_ inst: Inst) throws {
        if !FunctionEmitter.cannotFail(inst.op) && !FunctionEmitter.passesLine(inst.op) { setLine(inst.loc.line) }
        let a = inst.args
        func x(_ i: Int) -> String { v(a[i]) }
        let ln = "\(Int32(clamping: inst.loc.line))"
        let rt: IRType = inst.result.map { type($0) } ?? .unit
        switch inst.op {
        case .iconst, .bconst:
            guard case .int(let k) = inst.imm else { throw fail("\(inst.op.info.name) without an integer") }
            assign(inst, cInt(k))
        case .fconst:
            guard case .float(let bits) = inst.imm else { throw fail("fconst without a float") }
            assign(inst, cDouble(bits: bits))
        case .sconst:
            guard case .string(let s) = inst.imm else { throw fail("sconst without a string") }
            let k = module.stringConstant(s)
            assign(inst, "mochi_s2r(mochi_strs[\(k)])")
        case .null: assign(inst, "NULL")
        case .copy: assign(inst, x(0))

        case .iadd where safeSteps.contains(currentInst): assign(inst, "(\(x(0)) + \(x(1)))")
        case .isub where safeSteps.contains(currentInst): assign(inst, "(\(x(0)) - \(x(1)))")
        case .imul where safeSteps.contains(currentInst): assign(inst, "(\(x(0)) * \(x(1)))")
        case .iadd, .isub, .imul:
            let name = inst.op == .iadd ? "add" : inst.op == .isub ? "sub" : "mul"
            if deferredOverflow.contains(currentInst) {
                assign(inst, "mochi_i64_\(name)_ovf(\(x(0)), \(x(1)), &ovf)")
            } else {
                assign(inst, "mochi_i64_\(name)_at(\(x(0)), \(x(1)), \(ln))")
            }
        // By a constant other than 0 and -1 nothing can fail: plain C, for the
        // compiler to fold (a shift, a multiply) even where it inlines nothing.
        // So by a divisor whose interval holds neither (Ranges.swift).
        case .idiv where safeDivision(currentInst, a[1]): assign(inst, "(\(x(0)) / \(x(1)))")
        case .irem where safeDivision(currentInst, a[1]): assign(inst, "(\(x(0)) % \(x(1)))")
        // A divisor that is no constant, of a quotient or remainder carried to a block
        // parameter (a recurrence: k_nucleotide's `key = (key * 4 + seq[i]) % mod`):
        // a power of two of a non-negative dividend is a shift or a mask, tested
        // where it is computed (not for every division: it would only add the test
        // to prime_count's `n % d == 0`).
        case .idiv where constantInt(a[1]) == nil && inst.result.map({ carriedValues.contains($0.index) }) == true:
            assign(inst, "mochi_i64_div_p2_at(\(x(0)), \(x(1)), \(ln))")
        case .irem where constantInt(a[1]) == nil && inst.result.map({ carriedValues.contains($0.index) }) == true:
            assign(inst, "mochi_i64_rem_p2_at(\(x(0)), \(x(1)), \(ln))")
        case .idiv: assign(inst, "mochi_i64_div_at(\(x(0)), \(x(1)), \(ln))")
        case .irem: assign(inst, "mochi_i64_rem_at(\(x(0)), \(x(1)), \(ln))")
        case .ineg: assign(inst, "mochi_i64_neg_at(\(x(0)), \(ln))")
        case .icmp: assign(inst, try tagTestExpression(inst) ?? intCompare(a[0], a[1], cond(inst)))
        case .not: assign(inst, "!\(x(0))")

        case .fadd: assign(inst, "\(x(0)) + \(x(1))")
        case .fsub: assign(inst, "\(x(0)) - \(x(1))")
        case .fmul: assign(inst, "\(x(0)) * \(x(1))")
        case .fdiv: assign(inst, "mochi_f64_div_at(\(x(0)), \(x(1)), \(ln))")
        case .frem: assign(inst, "mochi_f64_mod(\(x(0)), \(x(1)))")
        case .fneg: assign(inst, "-\(x(0))")
        case .fcmp: assign(inst, "(\(x(0)) \(cOperator(try cond(inst))) \(x(1)))")
        case .itof: assign(inst, "(double)\(x(0))")
        case .ftoi:
            module.helpers.insert(.ftoi)
            assign(inst, "mochi_emitc_ftoi(\(x(0)), \(ln))")
        case .math1, .math2:
            let arity = inst.op == .math1 ? 1 : 2
            guard case .string(let name) = inst.imm, let fn = cMathFunction(name, arity: arity) else {
                throw fail("\(inst.op.info.name): unknown math function \(inst.imm)")
            }
            assign(inst, arity == 1 ? "\(fn)(\(x(0)))" : "\(fn)(\(x(0)), \(x(1)))")

        case .box: assign(inst, "mochi_box(\(type(a[0]).cKind), \(type(a[0]).toSlot(x(0))))")
        case .unbox:
            switch rt {
            case .i64, .f64, .bool:
                assign(inst, rt.fromSlot("mochi_unbox(\(x(0)), \(rt.cKind))"))
            case .str: unboxRef(inst, 1, 0, "\"\"")
            case .list(let e): unboxRef(inst, 2, Int(e.slotKind.rawValue), "\"\"")
            case .map(let k, let val):
                unboxRef(inst, 3, Int(k.slotKind.rawValue) | Int(val.slotKind.rawValue) << 8, "\"\"")
            case .named(let n): unboxRef(inst, 4, 0, cStringLiteral(n))
            case .fn: unboxRef(inst, 5, 0, "\"\"")
            case .bigint: unboxRef(inst, 6, 0, "\"\"")
            case .bigrat: unboxRef(inst, 7, 0, "\"\"")
            default: assign(inst, x(0))
            }
        case .anyAdd: assign(inst, "mochi_any_add(\(x(0)), \(x(1)))")
        case .anySub: assign(inst, "mochi_any_sub(\(x(0)), \(x(1)))")
        case .anyMul: assign(inst, "mochi_any_mul(\(x(0)), \(x(1)))")
        case .anyDiv: assign(inst, "mochi_any_div(\(x(0)), \(x(1)))")
        case .anyRem: assign(inst, "mochi_any_mod(\(x(0)), \(x(1)))")
        case .anyNeg: assign(inst, "mochi_any_neg(\(x(0)))")
        case .anyCmp:
            let c = try cond(inst)
            switch c {
            case .eq: assign(inst, "(mochi_any_eq(\(x(0)), \(x(1))) != 0)")
            case .ne: assign(inst, "(mochi_any_eq(\(x(0)), \(x(1))) == 0)")
            default: assign(inst, "(mochi_any_cmp(\(x(0)), \(x(1))) \(cOperator(c)) 0)")
            }
        case .anyTruthy: assign(inst, "(mochi_any_truthy(\(x(0))) != 0)")
        case .anyIndex: assign(inst, "mochi_any_index(\(x(0)), \(x(1)))")
        case .anyField:
            guard case .string(let name) = inst.imm else { throw fail("any.field without a name") }
            assign(inst, "mochi_any_field(\(x(0)), \(cStringLiteral(name)))")
        case .anyLen: assign(inst, "mochi_any_len(\(x(0)))")

        case .cmp:
            let c = try cond(inst)
            let t = type(a[0])
            switch t.bank {
            case .integer:
                assign(inst, intCompare(a[0], a[1], c))
            case .float:
                assign(inst, "(\(x(0)) \(cOperator(c)) \(x(1)))")
            case .reference:
                let s0 = t.toSlot(x(0)), s1 = t.toSlot(x(1))
                switch c {
                case .eq: assign(inst, "(mochi_slot_eq(\(t.cKind), \(s0), \(s1)) != 0)")
                case .ne: assign(inst, "(mochi_slot_eq(\(t.cKind), \(s0), \(s1)) == 0)")
                default: assign(inst, "(mochi_slot_cmp(\(t.cKind), \(s0), \(s1)) \(cOperator(c)) 0)")
                }
            }
        case .tostr: assign(inst, "mochi_str_value(\(type(a[0]).cKind), \(type(a[0]).toSlot(x(0))))")
        case .fmt: assign(inst, "mochi_fmt_value(\(type(a[0]).cKind), \(type(a[0]).toSlot(x(0))))")
        case .tojson: assign(inst, "mochi_to_json_value(\(type(a[0]).cKind), \(type(a[0]).toSlot(x(0))))")
        case .json: stmt(inst, "mochi_json_print(\(type(a[0]).cKind), \(type(a[0]).toSlot(x(0))));")
        case .print: stmt(inst, "mochi_print_str(\(x(0)));")

        case .strConcat: assign(inst, "mochi_str_concat(\(x(0)), \(x(1)))")
        case .strLen: assign(inst, "mochi_str_len(\(x(0)))")
        case .strIndex: assign(inst, "mochi_str_index(\(x(0)), \(x(1)))")
        case .strSlice: assign(inst, "mochi_str_slice(\(x(0)), \(x(1)), \(x(2)))")
        case .strContains: assign(inst, "(mochi_str_contains(\(x(0)), \(x(1))) != 0)")
        case .strFind: assign(inst, "mochi_str_index_of(\(x(0)), \(x(1)))")
        case .strUpper: assign(inst, "mochi_str_upper(\(x(0)))")
        case .sha256: assign(inst, "mochi_sha256(\(x(0)))")
        case .strLower: assign(inst, "mochi_str_lower(\(x(0)))")
        case .strTrim: assign(inst, "mochi_str_trim(\(x(0)))")
        case .strSplit: assign(inst, "mochi_str_split(\(x(0)), \(x(1)))")
        case .strJoin: assign(inst, "mochi_str_join(\(x(0)), \(x(1)))")
        case .strRepeat: assign(inst, "mochi_str_repeat(\(x(0)), \(x(1)))")
        case .strPadStart: assign(inst, "mochi_str_pad_start(\(x(0)), \(x(1)), \(x(2)))")
        case .strReverse: assign(inst, "mochi_str_reverse(\(x(0)))")
        case .strToInt: assign(inst, "mochi_str_to_int(\(x(0)))")
        case .strToFloat: assign(inst, "mochi_str_to_float(\(x(0)))")
        case .strOrd: assign(inst, "mochi_str_code_point(\(x(0)))")
        case .strChr: assign(inst, "mochi_str_from_code_point(\(x(0)))")
        case .strHasPrefix: assign(inst, "(mochi_str_starts_with(\(x(0)), \(x(1))) != 0)")
        case .strHasSuffix: assign(inst, "(mochi_str_ends_with(\(x(0)), \(x(1))) != 0)")
        case .strParseBase: assign(inst, "mochi_str_to_int_base(\(x(0)), \(x(1)))")

        case .listNew:
            guard case .list(let e) = rt else { throw fail("list.new without a list type") }
            withSlots(inst, a, target(inst, "mochi_list_from(\(e.cKind), a_, \(a.count))"))
        // The cached length itself, so a loop bounded by len(xs) and a check of
        // xs[i] against the same local let the C compiler drop the check.
        case .listLen where cachedLists.contains(where: { $0.list == a[0] && ($0.reads || $0.pushes) }):
            assign(inst, "n\(a[0].index)")
        case .listLen:
            assign(inst, "(\(x(0)) ? ((MochiList *)\(x(0)))->len : 0)")
        case .listGet where (fastLoop != nil && provenAccess.contains(currentInst))
                || (inst.inBounds && cachedLists.contains(where: { $0.list == a[0] })):
            // In range by the loop's guard (LoopVersioning.swift), or marked so by the
            // bce pass (`list.get inbounds`, docs/IR.md): a load through the cached
            // data pointer, no compare, no slow path.
            let bytes = cachedLists.contains { $0.list == a[0] && $0.bytes }
            assign(inst, bytes ? "(int64_t)d\(a[0].index)[\(x(1))]" : rt.fromSlot("d\(a[0].index)[\(x(1))]"))
        case .listGet where inst.inBounds:
            // Marked in range by the bce pass, without cached locals: 0 <= i < len
            // holds, so the list is not nil (len(nil) is 0) and the load is plain.
            if rt == .bool {
                assign(inst, "(int64_t)((const uint8_t *)((MochiList *)\(x(0)))->data)[\(x(1))]")
            } else {
                assign(inst, rt.fromSlot("((MochiList *)\(x(0)))->data[\(x(1))]"))
            }
        case .listSet where fastLoop != nil && provenAccess.contains(currentInst):
            let bytes = cachedLists.contains { $0.list == a[0] && $0.bytes }
            stmt(inst, "d\(a[0].index)[\(x(1))] = " + (bytes ? "(uint8_t)(\(x(2)) != 0);" : "\(type(a[2]).toSlot(x(2)));"))
        case .listGet where cachedLists.contains(where: { $0.list == a[0] && $0.bytes }):
            module.helpers.insert(.listbGetSlow)
            let n = a[0].index
            assign(inst, "((uint64_t)\(x(1)) < (uint64_t)n\(n) ? (int64_t)d\(n)[\(x(1))] : "
                   + "\(afterFlush("mochi_emitc_listb_get_slow(\(x(0)), \(x(1)), \(ln))")))")
        case .listSet where cachedLists.contains(where: { $0.list == a[0] && $0.bytes }):
            module.helpers.insert(.listbSetSlow)
            let n = a[0].index
            stmt(inst, "if ((uint64_t)\(x(1)) < (uint64_t)w\(n)) d\(n)[\(x(1))] = (uint8_t)(\(x(2)) != 0); else { "
                 + "\(flushPendingPushes(trailingSpace: true))mochi_emitc_listb_set_slow(\(x(0)), \(x(1)), \(x(2)), \(ln)); \(reloadListHeaders()) }")
        case .listGet where rt == .bool:
            module.helpers.formUnion([.listbGetSlow, .listbGet])
            assign(inst, "mochi_emitc_listb_get(\(x(0)), \(x(1)), \(ln))")
        case .listSet where type(a[2]) == .bool:
            module.helpers.formUnion([.listbSetSlow, .listbSet])
            stmt(inst, "mochi_emitc_listb_set(\(x(0)), \(x(1)), \(x(2)), \(ln));")
        case .listGet where cachedLists.contains(where: { $0.list == a[0] }):
            module.helpers.insert(.listGetSlow)
            let n = a[0].index
            assign(inst, rt.fromSlot("((uint64_t)\(x(1)) < (uint64_t)n\(n) ? d\(n)[\(x(1))] : "
                                     + "\(afterFlush("mochi_emitc_list_get_slow(\(x(0)), \(x(1)), \(ln))")))"))
        case .listSet where cachedLists.contains(where: { $0.list == a[0] }):
            module.helpers.insert(.listSetSlow)
            let n = a[0].index, val = type(a[2]).toSlot(x(2))
            stmt(inst, "if ((uint64_t)\(x(1)) < (uint64_t)w\(n)) d\(n)[\(x(1))] = \(val); else { "
                 + "\(flushPendingPushes(trailingSpace: true))mochi_emitc_list_set_slow(\(x(0)), \(x(1)), \(val), \(ln)); \(reloadListHeaders()) }")
        case .listGet:
            module.helpers.formUnion([.listGetSlow, .listGet])
            assign(inst, rt.fromSlot("mochi_emitc_list_get(\(x(0)), \(x(1)), \(ln))"))
        case .listSet:
            module.helpers.formUnion([.listSetSlow, .listSet])
            stmt(inst, "mochi_emitc_list_set(\(x(0)), \(x(1)), \(type(a[2]).toSlot(x(2))), \(ln));")
        case .listPush where cachedLists.contains(where: { $0.list == a[0] && $0.pushes }):
            pushInPlace(inst)
        case .listPush where type(a[1]) == .bool:
            module.helpers.formUnion([.listPushSlow, .listbPush])
            stmt(inst, "mochi_emitc_listb_push(\(x(0)), \(x(1)), \(ln));")
            knownLine = nil  // the slow path stores its own line
        case .listPush:
            module.helpers.formUnion([.listPushSlow, .listPush])
            guard case .list(let e) = type(a[0]) else { throw fail("list.push of a non-list") }
            stmt(inst, "mochi_emitc_list_push(\(x(0)), \(type(a[1]).toSlot(x(1))), \(ln), \(e.cKind));")
            knownLine = nil
        case .listAppend:
            // The element kind goes along: a nil list (a missing map key) has none.
            guard case .list(let e) = rt else { throw fail("list.append without a list type") }
            assign(inst, "mochi_list_append_kind(\(x(0)), \(type(a[1]).toSlot(x(1))), \(e.cKind))")
        case .listSlice: assign(inst, "mochi_list_slice(\(x(0)), \(x(1)), \(x(2)))")
        case .listConcat, .listUnionAll: assign(inst, "mochi_list_concat(\(x(0)), \(x(1)))")
        case .listContains: assign(inst, "(mochi_list_contains(\(x(0)), \(type(a[1]).toSlot(x(1)))) != 0)")
        case .listReverse: assign(inst, "mochi_list_reverse(\(x(0)))")
        case .listDistinct: assign(inst, "mochi_list_distinct(\(x(0)))")
        case .listUnion: assign(inst, "mochi_list_union(\(x(0)), \(x(1)))")
        case .listExcept: assign(inst, "mochi_list_except(\(x(0)), \(x(1)))")
        case .listIntersect: assign(inst, "mochi_list_intersect(\(x(0)), \(x(1)))")
        case .listSum:
            guard case .list(let e) = type(a[0]) else { throw fail("list.sum of a non-list") }
            switch e.slotKind {
            case .i64: assign(inst, "mochi_list_sum_i64(\(x(0)))")
            case .f64: assign(inst, "mochi_list_sum_f64(\(x(0)))")
            default: assign(inst, rt.fromSlot("mochi_r2s(mochi_list_sum_any(\(x(0))))"))
            }
        case .listAvg: assign(inst, "mochi_list_avg(\(x(0)))")
        case .listMin: assign(inst, rt.fromSlot("mochi_list_min(\(x(0)))"))
        case .listMax: assign(inst, rt.fromSlot("mochi_list_max(\(x(0)))"))
        case .listSortBy: assign(inst, "mochi_list_sort_by(\(x(0)), \(x(1)))")
        case .listRange: assign(inst, "mochi_range3(\(x(0)), \(x(1)), \(x(2)))")

        case .mapNew:
            guard case .map(let k, let val) = rt else { throw fail("map.new without a map type") }
            // The map is stored in its local before the entries are added, so it is a
            // root while they allocate.
            var s = "{ mochi_ref m_ = mochi_map_new(\(k.cKind), \(val.cKind)); "
            if let r = inst.result, needed[Int(r.index)] { s += "\(v(r)) = m_; " }
            var i = 0
            while i + 1 < a.count {
                s += "mochi_map_set(m_, \(type(a[i]).toSlot(x(i))), \(type(a[i + 1]).toSlot(x(i + 1)))); "
                i += 2
            }
            stmt(inst, s + "}")
        case .mapGet: assign(inst, rt.fromSlot("(\(mapEntry(inst)) ? \(mapEntry(inst))->val : 0)"))
        case .mapGetAny: assign(inst, "mochi_map_get_any(\(x(0)), \(type(a[1]).toSlot(x(1))))")
        case .mapSet:
            // In place when the key is there; the runtime inserts (or reports a nil map).
            let e = mapEntry(inst)
            stmt(inst, "if (\(e)) \(e)->val = \(type(a[2]).toSlot(x(2))); else { mochi_loc_line = \(ln); mochi_map_set(\(x(0)), "
                 + "\(type(a[1]).toSlot(x(1))), \(type(a[2]).toSlot(x(2)))); }")
            knownLine = nil
        case .mapHas where mapCounts[currentInst] != nil:
            let mc = mapCounts[currentInst]!
            let d = constantInt(mc.delta).map(cInt) ?? v(mc.delta)
            assign(inst, "(mochi_map_count_i64(\(x(0)), \(x(1)), \(d), \(Int32(clamping: mc.add.loc.line)), "
                   + "\(Int32(clamping: mc.insert.loc.line))) != 0)")
            knownLine = nil // (the insertion's line when it inserted)
        case .mapHas: assign(inst, "(\(mapEntry(inst)) != NULL)")
        case .mapLen: assign(inst, "mochi_map_len(\(x(0)))")
        case .mapDelete: stmt(inst, "(void)mochi_map_delete(\(x(0)), \(type(a[1]).toSlot(x(1))));")
        case .mapKeys: assign(inst, "mochi_map_keys(\(x(0)))")
        case .mapValues: assign(inst, "mochi_map_values(\(x(0)))")

        case .structNew, .recordNew:
            guard case .named(let n) = rt else { throw fail("\(inst.op.info.name) without a struct type") }
            let d = try descName(n, inst.op == .recordNew ? -2 : -1)
            newStruct(inst, d)
        case .variantNew:
            guard case .variant(let vr) = inst.imm else { throw fail("variant.new without a variant") }
            let d = try descName(vr.typeName, vr.variant)
            newStruct(inst, d)
        case .fieldGet:
            guard case .field(let fr) = inst.imm else { throw fail("field.get without a field") }
            _ = try descName(fr.typeName, fr.variant)
            module.helpers.insert(.fieldGet)
            assign(inst, rt.fromSlot("mochi_emitc_field_get(\(x(0)), \(fr.field), \(ln))"))
        case .fieldSet:
            guard case .field(let fr) = inst.imm else { throw fail("field.set without a field") }
            _ = try descName(fr.typeName, fr.variant)
            module.helpers.insert(.fieldSet)
            stmt(inst, "mochi_emitc_field_set(\(x(0)), \(fr.field), \(type(a[1]).toSlot(x(1))), \(ln));")
        case .variantTag:
            module.helpers.insert(.variantTag)
            assign(inst, "mochi_emitc_variant_tag(\(x(0)))")

        case .call:
            guard case .function(let name) = inst.imm, let fi = module.symbols.functions[name] else {
                throw fail("call of unknown function \(inst.imm)")
            }
            var actuals = a.map(v)
            if module.takesDepth[fi] { actuals.append("mochi_depth + 1") }
            let call = "\(module.functionNames[fi])(\(actuals.joined(separator: ", ")))"
            // A sparse check after an earlier one of this activation is left out: the
            // depth is the same, so it passed then and would pass now (the stack
            // pointer at a call site of this function is where it was: the frame is
            // the same). It is the same for a depth check (which compilers drop
            // themselves); a full stack check is always written.
            if !module.recursive[fi] {
                if !probed { stmt(inst, "MOCHI_DEPTH_CHECK(mochi_depth, \(ln));") }
            } else if module.sparseProbe[fi] && module.sparseProbe[index] {
                if !probed { stmt(inst, "MOCHI_SPARSE_CHECK(mochi_depth, \(ln));") }
                probed = true
            } else {
                stmt(inst, "MOCHI_STACK_CHECK(\(ln)); MOCHI_DEPTH_CHECK(mochi_depth, \(ln));")
                probed = true
            }
            if let r = inst.result, needed[Int(r.index)], module.module.functions[fi].returnType != .unit {
                stmt(inst, "\(v(r)) = \(call);")
            } else {
                stmt(inst, call + ";")
            }
            knownLine = nil
        case .callClosure:
            module.helpers.insert(.callClosure)
            let call = "mochi_emitc_call_closure(\(x(0)), a_)"
            let body: String
            if let r = inst.result, needed[Int(r.index)] {
                body = "\(v(r)) = \(rt.fromSlot(call));"
            } else {
                body = "(void)\(call);"
            }
            stmt(inst, "MOCHI_STACK_CHECK(\(ln)); MOCHI_DEPTH_CHECK(mochi_depth, \(ln)); mochi_closure_depth = mochi_depth + 1;")
            withSlots(inst, Array(a.dropFirst()), body)
            knownLine = nil
        case .closureNew:
            guard case .function(let name) = inst.imm, let fi = module.symbols.functions[name] else {
                throw fail("closure of unknown function \(inst.imm)")
            }
            let tramp = module.trampoline(function: fi, captures: a.count)
            let kinds = a.isEmpty ? "0" : a.map { type($0).cKind }.joined(separator: ", ")
            withSlots(inst, a, "static const uint8_t k_[\(max(a.count, 1))] = {\(kinds)}; "
                      + target(inst, "mochi_closure_new(\(fi), (void *)\(tramp), \(a.count), k_, a_)"))
        case .globalGet, .globalSet:
            guard case .global(let name) = inst.imm, let gi = module.symbols.globals[name] else {
                throw fail("unknown global \(inst.imm)")
            }
            if inst.op == .globalGet { assign(inst, module.globalNames[gi]) }
            else { stmt(inst, "\(module.globalNames[gi]) = \(x(0));") }

        case .groupNew:
            let k = inst.result.map { groupItemKind($0) } ?? .ref
            assign(inst, "mochi_groupby_new(\(slotKindConstant(k)))")
        case .groupAdd:
            let itemType = type(a[2])
            var builderKind = SlotKind.ref
            if case .inst(let def) = f.valueDefs[Int(a[0].index)], f[def].op == .groupNew {
                builderKind = groupItemKind(a[0])
            }
            if builderKind != itemType.slotKind {
                // An item of another kind than the builder's lists hold goes in boxed.
                stmt(inst, "{ mochi_ref b_ = mochi_box(\(itemType.cKind), \(itemType.toSlot(x(2)))); "
                     + "mochi_groupby_add(\(x(0)), \(x(1)), mochi_r2s(b_)); }")
            } else {
                stmt(inst, "mochi_groupby_add(\(x(0)), \(x(1)), \(itemType.toSlot(x(2))));")
            }
        case .groupResult: assign(inst, "mochi_groupby_result(\(x(0)))")
        case .groupKey: assign(inst, rt.fromSlot("mochi_struct_get(\(x(0)), 0)"))
        case .groupItems: assign(inst, rt.fromSlot("mochi_struct_get(\(x(0)), 1)"))

        // The exact numbers: the result type (or the operand's) picks the runtime's
        // bigint or bigrat function, as in the interpreter.
        case .bigFromInt, .bigFromFloat, .bigFromStr, .bigAdd, .bigSub, .bigMul, .bigDiv, .bigNeg, .bigAbs, .bigPow,
             .bigToInt, .bigToFloat, .bigTrunc, .bigToRat, .bigNum, .bigDenom, .bigRem, .bigCmp:
            guard let fn = inst.op.exactRuntimeFunction(result: rt, operand: a.first.map { type($0) }) else {
                throw fail("\(inst.op.info.name): no runtime function")
            }
            let call = fn + "(" + a.map(v).joined(separator: ", ") + ")"
            if inst.op == .bigCmp {
                assign(inst, "(\(call) \(cOperator(try cond(inst))) 0)")
            } else {
                assign(inst, call)
            }

        case .expect: stmt(inst, "mochi_rt_expect(\(x(0)));")
        case .panic: stmt(inst, "mochi_rt_panic(\(x(0)));")
        case .testBegin: stmt(inst, "mochi_rt_test_begin(\(x(0)));")
        case .testEnd: stmt(inst, "mochi_rt_test_end();")
        }
    }

    /// The value of an `iconst`, or nil for anything else.
    func constantInt(_ x: Value) -> Int64? {
        guard case .inst(let id) = f.valueDefs[Int(x.index)], f[id].op == .iconst,
              case .int(let k) = f[id].imm else { return nil }
        return k
    }

    /// A divisor that makes idiv and irem unable to fail (not 0, not -1).
    func safeDivisor(_ x: Value) -> Bool {
        guard let k = constantInt(x) else { return false }
        return k != 0 && k != -1
    }

    /// Whether the idiv or irem `id` (InstID index) cannot fail: its divisor is a
    /// constant other than 0 and -1, or its interval holds neither (Ranges.swift).
    func safeDivision(_ id: Int32, _ divisor: Value) -> Bool {
        safeDivisions.contains(id) || safeDivisor(divisor)
    }

    /// Finds the increments that cannot overflow: facts `x < y` and `x > y` come
    /// from the branch on an icmp that leads into a block whose one predecessor it
    /// ends, and hold in that block and every block below it along single
    /// predecessors (values are SSA: a fact about them never stops holding). Only
    /// predecessors laid out earlier are followed (one walk in layout order).
    mutating func planSafeSteps() {
        var below: [Int32: Set<Value>] = [:], above: [Int32: Set<Value>] = [:]
        for b in f.layout {
            var lt: Set<Value> = [], gt: Set<Value> = []
            if let p = singlePred[b.index], let pl = below[p], let pg = above[p] {
                lt = pl
                gt = pg
                if case .brif(let c, let t, let e) = f.blocks[Int(p)].terminator, t.block != e.block,
                   case .inst(let cid) = f.valueDefs[Int(c.index)], f[cid].op == .icmp,
                   case .cond(var cc) = f[cid].imm, f.type(of: f[cid].args[0]) == .i64 {
                    let l = f[cid].args[0], r = f[cid].args[1]
                    if e.block == b {
                        // The false edge: the negation holds.
                        switch cc {
                        case .lt: cc = .ge
                        case .le: cc = .gt
                        case .gt: cc = .le
                        case .ge: cc = .lt
                        case .eq, .ne: cc = .eq
                        }
                    }
                    switch cc {
                    case .lt: lt.insert(l); gt.insert(r)
                    case .gt: gt.insert(l); lt.insert(r)
                    default: break
                    }
                }
            }
            below[b.index] = lt
            above[b.index] = gt
            for id in f[b].insts {
                let inst = f[id]
                guard inst.args.count == 2 else { continue }
                let x = inst.args[0], y = inst.args[1]
                if inst.op == .iadd,
                   (constantInt(y) == 1 && lt.contains(x)) || (constantInt(x) == 1 && lt.contains(y)) {
                    safeSteps.insert(id.index)
                }
                if inst.op == .isub, constantInt(y) == 1, gt.contains(x) { safeSteps.insert(id.index) }
            }
        }
    }

    /// Groups each block's checked iadd/isub/imul into runs (see the header): same
    /// Mochi line, with only pure ops and safe divisions between them. A run of two
    /// or more is deferred, checked once after its last op; a lone op keeps its own
    /// check. Only emitted instructions count (a pure op nobody reads is skipped).
    mutating func planOverflowRuns() {
        func close(_ run: inout [Int32], _ line: UInt32) {
            if run.count >= 2 {
                deferredOverflow.formUnion(run)
                overflowCheckAfter[run[run.count - 1]] = line
            }
            run = []
        }
        for b in f.layout {
            var run: [Int32] = []
            var line: UInt32 = 0
            for id in f[b].insts {
                let inst = f[id]
                if !isEmitted(inst) || absorbed.contains(id.index) { continue }
                if safeSteps.contains(id.index) { continue }
                switch inst.op {
                case .iadd, .isub, .imul:
                    if !run.isEmpty && inst.loc.line != line { close(&run, line) }
                    run.append(id.index)
                    line = inst.loc.line
                case .idiv where safeDivision(id.index, inst.args[1]), .irem where safeDivision(id.index, inst.args[1]):
                    continue
                default:
                    if FunctionEmitter.isPure(inst.op) { continue }
                    close(&run, line)
                }
            }
            close(&run, line)
        }
    }

    /// Ops that cannot change any list's header (length, writable length, data
    /// pointer) except through list.set's slow path, which reloads the locals: none
    /// of them runs Mochi code, grows a list or shares a list's store.
    static func keepsListHeaders(_ op: Opcode) -> Bool {
        if isPure(op) { return true }
        switch op {
        case .iadd, .isub, .imul, .idiv, .irem, .ineg, .fdiv, .frem, .ftoi, .listGet, .listSet, .fieldGet,
             .fieldSet, .globalSet, .mapGet, .mapHas, .listNew, .strLen, .strIndex, .print:
            return true
        default:
            return false
        }
    }

    /// Chooses the list values whose headers live in locals (see the header): those
    /// some emitted list.get or list.set indexes, the first 8 in value order, then
    /// those only pushed, while fewer than 8.
    mutating func planListHeaders() {
        var reads: [Value: Bool] = [:], writes: [Value: Bool] = [:], pushes: [Value: Bool] = [:]
        for b in f.layout {
            for id in f[b].insts {
                let inst = f[id]
                if inst.op == .listGet, isEmitted(inst) { reads[inst.args[0]] = true }
                if inst.op == .listSet { writes[inst.args[0]] = true }
                if inst.op == .listPush { pushes[inst.args[0]] = true }
            }
        }
        let indexed = Set(reads.keys).union(writes.keys)
        var lists = Array(indexed.sorted { $0.index < $1.index }.prefix(8))
        lists += pushes.keys.filter { !indexed.contains($0) }.sorted { $0.index < $1.index }.prefix(8 - lists.count)
        for l in lists {
            guard case .list(let e) = type(l) else { continue }
            cachedLists.append((l, reads[l] ?? false, writes[l] ?? false, e.slotKind == .bool, pushes[l] ?? false))
        }
        // Block parameters (the entry's too) are read at the top of their block.
        for b in f.layout {
            let ps = f[b].params.filter { p in cachedLists.contains { $0.list == p } }
            if !ps.isEmpty { cachedParams[b.index] = ps }
        }
    }

    /// A direct call of a function that cannot change any list's header.
    func callKeepsListHeaders(_ inst: Inst) -> Bool {
        guard inst.op == .call, case .function(let name) = inst.imm, let fi = module.symbols.functions[name] else {
            return false
        }
        return module.keepsListHeaders[fi]
    }

    /// Statements that read list `l`'s header into its locals.
    func loadListHeader(_ l: Value) -> String {
        guard let c = cachedLists.first(where: { $0.list == l }) else { return "" }
        let n = l.index
        var s = ""
        if c.reads || c.pushes { s += "n\(n) = v\(n) ? ((MochiList *)v\(n))->len : 0; " }
        if c.writes { s += "w\(n) = v\(n) ? (int64_t)((MochiList *)v\(n))->wlen : 0; " }
        s += "d\(n) = v\(n) ? \(c.bytes ? "(uint8_t *)" : "")((MochiList *)v\(n))->data : NULL;"
        if c.pushes {
            s += " s\(n) = v\(n) ? (MochiSlots *)((MochiList *)v\(n))->store : NULL;"
                + " r\(n) = mochi_emitc_push_room(v\(n), \(c.bytes ? 1 : 0));"
        }
        return s
    }

    /// A push onto a list whose header lives in locals: in place while the length
    /// local is below the room local (mochi_emitc_push_room: the list owns the end
    /// of its unshared store and has capacity left there), which writes the element
    /// and moves this list's locals on, reading no memory, and marks the header's
    /// length, writable length and the store's high-water mark pending (pN): they are
    /// written (flushPendingPushes) before anything that could read them from memory
    /// (keepsPendingPushes says what cannot), before a return and an edge passing a
    /// reference, and before every slow path, so a filling loop stores one element
    /// an iteration, as C does, and its header once at the end. The high-water mark
    /// is where the list ends (the room test found the list ending there), computed
    /// from the locals. Another cached list is read again (after the stores) when it
    /// is this list under another name (not asked of a parameter while this list is
    /// a new one: distinctLists). Otherwise mochi_list_push, then every cached
    /// header is read again.
    mutating func pushInPlace(_ inst: Inst) {
        guard let c = cachedLists.first(where: { $0.list == inst.args[0] }) else { return }
        let a = inst.args, n = a[0].index, ln = Int32(clamping: inst.loc.line)
        module.helpers.insert(.pushRoom)
        module.helpers.insert(fillPushes[currentInst] == nil ? .listPushSlow : .listFillSlow)
        let elem = c.bytes ? "(uint8_t)(\(v(a[1])) != 0)" : type(a[1]).toSlot(v(a[1]))
        var kind = "MOCHI_K_REF"
        if case .list(let e) = type(a[0]) { kind = e.cKind }
        let others = cachedLists.filter { $0.list != a[0] && !distinctLists($0.list, a[0]) }
            .map { "if (\(v($0.list)) == v\(n)) { \(flushPendingPushes(trailingSpace: true))\(loadListHeader($0.list)) }" }
            .joined(separator: " ")
        var store = "d\(n)[n\(n)] = \(elem); n\(n) += 1;"
        var slow = "mochi_emitc_list_push_slow(v\(n), \(type(a[1]).toSlot(v(a[1]))), \(ln), \(kind));"
        if let fill = fillPushes[currentInst] {
            // A filling loop's push (FillLoops.swift): as many as the room and the
            // loop allow, the counter moved on by all but the one its step adds.
            let iv = v(fill.counter), hi = v(fill.bound)
            let copies = c.bytes ? "memset(d\(n) + n\(n), \(elem), (size_t)k_);"
                : "for (uint64_t j_ = 0; j_ < k_; j_++) d\(n)[n\(n) + (int64_t)j_] = \(elem);"
            store = "uint64_t k_ = (uint64_t)(r\(n) - n\(n)); if (k_ > (uint64_t)\(hi) - (uint64_t)\(iv)) k_ = (uint64_t)\(hi) - (uint64_t)\(iv);"
                + " \(copies) n\(n) += (int64_t)k_; \(iv) += (int64_t)k_ - 1;"
            // Without room, the store grows once for the loop's remaining pushes: this
            // one and hi - iv - 1 more (iv < hi here; a difference past INT64_MAX
            // wraps negative, which asks for nothing).
            slow = "mochi_emitc_list_fill_slow(v\(n), \(type(a[1]).toSlot(v(a[1]))), \(ln), \(kind),"
                + " (int64_t)((uint64_t)\(hi) - (uint64_t)\(iv) - 1u));"
        }
        stmt(inst, "if (n\(n) < r\(n)) { \(store) p\(n) = 1;"
             + (c.writes ? " w\(n) = (int64_t)(uint32_t)n\(n);" : "") + (others.isEmpty ? "" : " " + others)
             + " } else { \(flushPendingPushes(trailingSpace: true))\(slow) "
             + reloadListHeaders() + " }")
        knownLine = nil  // the slow path stores its own line
    }

    /// Whether lists `x` and `y` are never one list: one is made by a `list.new` of
    /// this function and the other is a parameter of the function, which existed
    /// before the activation (a new list is a new object): a push onto the one
    /// need not compare it with the other.
    func distinctLists(_ x: Value, _ y: Value) -> Bool {
        func isNew(_ v: Value) -> Bool {
            if case .inst(let id) = f.valueDefs[Int(v.index)] { return f[id].op == .listNew }
            return false
        }
        func isParam(_ v: Value) -> Bool {
            guard let e = f.entry, case .param(let b, _) = f.valueDefs[Int(v.index)], b == e else { return false }
            // (and no edge comes back to the entry to pass it something else)
            return f.layout.allSatisfy { f[$0].terminator.successors.allSatisfy { $0.block != e } }
        }
        return (isNew(x) && isParam(y)) || (isNew(y) && isParam(x))
    }

    /// A struct of descriptor `d` with the instruction's operands as its fields (one
    /// operand a field, as mochi_struct_from reads them): a field-less one is the
    /// runtime's shared instance, kept in a static after the first; a small one is a
    /// cell taken inline (mochi_gc_alloc_small) with its fields stored in place; a
    /// larger one goes through mochi_struct_from.
    mutating func newStruct(_ inst: Inst, _ d: String) {
        let a = inst.args
        let size = 8 + 8 * a.count
        if a.isEmpty {
            module.emptyStructs.insert(d)
            put("    " + target(inst, "(mochi_one_\(d) ? mochi_one_\(d) : (mochi_one_\(d) = mochi_struct_from(&\(d), NULL)))"),
                line: inst.loc.line)
        } else if size <= 128 {
            let fields = a.enumerated().map { "s_->f[\($0.offset)] = \(type($0.element).toSlot(v($0.element)));" }
            put("    { MochiStruct *s_ = (MochiStruct *)mochi_gc_alloc_small(MOCHI_O_STRUCT, sizeof(MochiStruct) + \(a.count) * sizeof(mochi_slot)); s_->h.desc = mochi_desc_id(&\(d)); "
                + fields.joined(separator: " ") + " " + target(inst, "(mochi_ref)s_") + " }", line: inst.loc.line)
        } else {
            withSlots(inst, a, target(inst, "mochi_struct_from(&\(d), a_)"))
        }
    }

    /// Statements that read every cached list header again.
    /// Whether `inst` leaves pending push headers unwritten (see pushInPlace): it
    /// touches lists only through their locals and runs nothing that could read a
    /// header from memory (no call, no allocation, no reference in or out but an
    /// element read), so the header in memory may lag behind the locals across it.
    func keepsPendingPushes(_ inst: Inst) -> Bool {
        let a = inst.args
        switch inst.op {
        case .listGet:
            return cachedLists.contains { $0.list == a[0] } && type(a[1]).bank != .reference
        case .listSet:
            return cachedLists.contains { $0.list == a[0] } && a.count == 3 && type(a[2]).bank != .reference
        case .listLen:
            return cachedLists.contains { $0.list == a[0] && ($0.reads || $0.pushes) }
        case .listPush:
            // pushInPlace writes them itself where it must (its slow path, and before
            // reading another name for the same list: two names are never both pending).
            return cachedLists.contains { $0.list == a[0] && $0.pushes } && type(a[1]).bank != .reference
        default:
            let scalar: Bool
            switch inst.op {
            // A global's read or write of a number touches one C static: no header.
            case .iadd, .isub, .imul, .idiv, .irem, .ineg, .fdiv, .frem, .ftoi, .globalSet: scalar = true
            default: scalar = FunctionEmitter.isPure(inst.op)
            }
            if !scalar { return false }
            if a.contains(where: { type($0).bank == .reference }) { return false }
            if let r = inst.result, type(r).bank == .reference { return false }
            return true
        }
    }

    /// The header stores that in-place pushes left pending (pN set), as statements:
    /// length, writable length and the store's high-water mark, for each pushed list.
    func flushPendingPushes(trailingSpace: Bool = false) -> String {
        let s = cachedLists.filter { $0.pushes }.map { c -> String in
            let n = c.list.index
            let hw = c.bytes ? "(int64_t)(d\(n) + n\(n) - (uint8_t *)s\(n)->s)" : "(int64_t)(d\(n) + n\(n) - s\(n)->s)"
            return "if (p\(n)) { ((MochiList *)v\(n))->len = n\(n); ((MochiList *)v\(n))->wlen = (uint32_t)n\(n); "
                + "s\(n)->used = \(hw); p\(n) = 0; }"
        }.joined(separator: " ")
        return s.isEmpty || !trailingSpace ? s : s + " "
    }

    /// The expression `call` after the same stores (a comma expression), for a slow
    /// path inside a conditional expression; `call` itself when no list is pushed.
    func afterFlush(_ call: String) -> String {
        let s = cachedLists.filter { $0.pushes }.map { c -> String in
            let n = c.list.index
            let hw = c.bytes ? "(int64_t)(d\(n) + n\(n) - (uint8_t *)s\(n)->s)" : "(int64_t)(d\(n) + n\(n) - s\(n)->s)"
            return "(void)(p\(n) && (((MochiList *)v\(n))->len = n\(n), ((MochiList *)v\(n))->wlen = (uint32_t)n\(n), "
                + "s\(n)->used = \(hw), p\(n) = 0)), "
        }.joined()
        return s.isEmpty ? call : "(" + s + call + ")"
    }

    func reloadListHeaders() -> String {
        cachedLists.map { loadListHeader($0.list) }.joined(separator: " ")
    }

    /// The C local holding the entry of `inst`'s map (operand 0) and key (operand 1):
    /// one found earlier and still good, else a new one, found here (inline for int
    /// keys, leaving an absent key's slot for the insertion that often follows:
    /// mochi_map_find_i64_ins) before the instruction's own statement.
    mutating func mapEntry(_ inst: Inst) -> String {
        let m = inst.args[0], k = inst.args[1]
        if let c = entryCache.first(where: { $0.map == m && $0.key == k }) { return c.local }
        let local = "e\(entryCounter)"
        entryCounter += 1
        entryLocalsUsed.insert(local)
        let find: String
        if case .map(let kt, _) = type(m), kt == .i64 {
            find = "mochi_map_find_i64_ins(\(v(m)), \(v(k)))"
        } else {
            find = "mochi_map_find(\(v(m)), \(type(k).toSlot(v(k))))"
        }
        put("    \(local) = \(find);", line: inst.loc.line)
        entryCache.append((m, k, local))
        return local
    }

    /// `variant.tag x` compared (eq or ne) with a constant naming one of the variants
    /// of x's union, as a test of x's header: `x && x->desc == id`, id the variant
    /// descriptor's id. A value of a union type is nil or a struct of one of its
    /// variants (an unbox to a union checks the union's name), descriptors with equal
    /// contents share one id, and start-up registers every descriptor a test names
    /// (mochi_emitc_init), so its id is never 0 here: the test holds exactly when the
    /// tag is the constant. One load of the header, which the arms of a `match` share,
    /// instead of the tag's read through the descriptor table (two dependent loads and
    /// two checks). The tag itself is then not computed at all when nothing else reads it.
    func tagTest(_ inst: Inst) -> (value: Value, desc: String, eq: Bool)? {
        guard inst.op == .icmp, inst.args.count == 2, case .cond(let c) = inst.imm, c == .eq || c == .ne else {
            return nil
        }
        for (t, k) in [(inst.args[0], inst.args[1]), (inst.args[1], inst.args[0])] {
            guard case .inst(let id) = f.valueDefs[Int(t.index)], f[id].op == .variantTag, f[id].args.count == 1,
                  let kv = constantInt(k), kv >= 0, kv <= Int64(Int32.max), case .named(let n) = type(f[id].args[0]),
                  let d = module.descNames[n]?[Int32(kv)] else { continue }
            return (f[id].args[0], d, c == .eq)
        }
        return nil
    }

    /// The values the C written for `inst` reads (a tag test reads the union value,
    /// not its tag).
    func readArgs(_ inst: Inst) -> [Value] {
        if let t = tagTest(inst) { return [t.value] }
        return inst.args
    }

    /// The C of a tag test (see tagTest), recording its descriptor for start-up; nil
    /// when `inst` is no tag test.
    mutating func tagTestExpression(_ inst: Inst) -> String? {
        guard let t = tagTest(inst) else { return nil }
        module.tagTestDescs.insert(t.desc)
        let e = "\(v(t.value)) && (uint32_t)\(v(t.value))->desc == \(t.desc).id"
        return t.eq ? "(" + e + ")" : "(!(" + e + "))"
    }

    /// An integer comparison; a value compared with itself is a constant, written so
    /// compilers do not flag the self-comparison (-Wtautological-compare).
    func intCompare(_ l: Value, _ r: Value, _ c: CondCode) -> String {
        if l == r {
            let holds = c == .eq || c == .le || c == .ge
            return "((void)\(v(l)), \(holds ? 1 : 0))"
        }
        return "(\(v(l)) \(cOperator(c)) \(v(r)))"
    }

    mutating func unboxRef(_ inst: Inst, _ check: Int, _ elem: Int, _ name: String) {
        module.helpers.insert(.unboxRef)
        assign(inst, "mochi_emitc_unbox_ref(\(v(inst.args[0])), \(check), \(elem), \(name))")
    }
}

/// The MochiSlotKind constant of a slot kind.
func slotKindConstant(_ k: SlotKind) -> String {
    switch k {
    case .i64: return "MOCHI_K_I64"
    case .f64: return "MOCHI_K_F64"
    case .bool: return "MOCHI_K_BOOL"
    case .ref: return "MOCHI_K_REF"
    }
}
