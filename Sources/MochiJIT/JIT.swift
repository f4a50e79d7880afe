// The public face of the copy-and-patch JIT and the machinery of one run.
//
// `JIT(module:stencils:)` takes a verified module and a stencil library checked
// against this process; `run()` compiles and runs `@main` on a thread with a
// 1 GiB stack (a Mochi call is a native call through the `call` stencil, and
// runaway recursion must end in the runtime's `stack overflow` at the
// interpreter's depth, never in a crash). A run owns what the interpreter's does:
// one contiguous, lazily committed slot stack for all frames, the globals and the
// string constants as slot arrays, all registered with the collector as root
// ranges; the machine stack (stencils' registers spilled around calls) is
// scanned conservatively from the stack base given to `mochi_rt_init`.

import MochiIR
import MochiInterp // onBigStack: the runtime-initialised big-stack thread both engines run on
import MochiJITSupport
import MochiRuntime
import MochiStencil
#if canImport(Glibc)
import Glibc
#endif

public final class JIT {
    public let module: Module
    /// The stencil library: the one given, or read by the loader given when
    /// first needed, which in a tiered run is its first tier-up (Tiers.swift):
    /// a run that never tiers up never reads it.
    var stencils: LoadedStencils { get throws { try loadStencils() } }
    private var loadedStencils: LoadedStencils?
    private let stencilLoader: () throws -> LoadedStencils
    public var maxDepth = 100_000
    /// Keep hot scalar values in the stencils' registers (RegisterHomes.swift);
    /// off, every value lives in its frame slot.
    public var registerHomes = true
    /// Inline calls of small leaf functions (Inline.swift).
    public var inlining = true
    /// Compile figures of the last run (or `compileOnly`).
    public private(set) var stats = JITStats()
    /// Called after the code is mapped read-execute and before `@main` runs
    /// (tests look at /proc/self/maps here).
    public var onCompiled: ((JITCode) -> Void)?
    /// When functions are compiled (Tiers.swift); `dumpCode` compiles all.
    public var policy: JITPolicy = .eager
    /// Tiered: calls or back edges after which a function is compiled.
    public var tierThreshold = defaultTierUpThreshold
    /// Tiered: calls after which a function is compiled, when not `tierThreshold`
    /// (a huge count leaves back edges as the only way up: on-stack replacement).
    public var tierCallThreshold: Int?
    /// Tiered, for tests: enter JIT code at the K-th loop header the
    /// interpreter reaches (from 0, by first back edge) and nowhere else, no
    /// function hot by its counts (TieredInterpreter); -1 only counts them.
    public var forcedOSRLoop: Int?
    /// Tiered: the module decoded for the interpreter ahead of the run
    /// (`decodeForTiering`, Tiers.swift).
    var tieredProgram: TieredProgram?
    /// Per-tier figures of the last lazy or tiered run.
    public private(set) var tierStats = TierStats()
    /// Called when @main has returned, before the run's memory is released
    /// (lazy and tiered runs' figures are final then; tests look at maps).
    public var onFinished: (() -> Void)?
    /// A function compiled on demand failed to compile while the program ran:
    /// there is no returning into the program, so this must end the process.
    public var onLazyCompileError: (Error) -> Never = { error in
        fputs("error: \(error)\n", stderr)
        exit(1)
    }

    public convenience init(module: Module, stencils: LoadedStencils) throws {
        try self.init(module: module, loadStencils: { stencils })
        loadedStencils = stencils
    }

    /// `loadStencils` reads the library when it is first needed (a tiered run's
    /// first tier-up: Tiers.swift, which says what happens when it throws).
    public init(module: Module, loadStencils: @escaping () throws -> LoadedStencils) throws {
        self.module = module
        stencilLoader = loadStencils
        guard let main = module.function(named: "main") else { throw JITError("the module has no @main function") }
        guard main.paramTypes.isEmpty else { throw JITError("@main must take no parameters") }
    }

    /// Compiles and runs `@main`, then flushes the program's output. A runtime error
    /// does not return: the runtime prints it and exits with status 1.
    public func run() throws {
        var failure: Error?
        onBigStack { [self] in
            do {
                let r = try Run(jit: self)
                currentRun = r
                defer { currentRun = nil }
                try r.compile()
                r.runMain()
                r.finish()
                r.release()
                mochi_out_flush()
            } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Compiles and runs `@main` in this process as a contained run (see
    /// `Interpreter.runContained`), then releases the run (its code memory too).
    /// Its code has a `poll` at every block start, where the run stops once out
    /// of time or past its output cap (no other compile has them).
    /// For an in-process harness (the ir-exec fuzz target); tools use `run`.
    public func runContained(seconds: Double, heapBudget: UInt64) throws -> ContainedEnding {
        var ending = ContainedEnding(status: 0, output: [])
        var failure: Error?
        guard policy == .eager else { throw JITError("a contained run compiles eagerly") }
        onBigStack { [self] in
            do {
                // Only the program's own code runs contained: a runtime error then
                // leaves nothing but its (native) frames.
                let r = try Run(jit: self)
                r.contained = (seconds, heapBudget)
                try r.compile()
                r.runMain()
                ending = r.containedEnding ?? ending
                r.release()
            } catch { failure = error }
            mochi_gc_collect()
        }
        if let failure { throw failure }
        return ending
    }

    /// Runs with the program's output captured and returned (for tests).
    public func runCapturingOutput() throws -> String {
        var out = ""
        var failure: Error?
        onBigStack { [self] in
            do {
                mochi_out_capture(1)
                let r = try Run(jit: self)
                try r.compile()
                r.runMain()
                r.finish()
                r.release()
                let s = mochi_out_take_capture()
                out = String(decoding: UnsafeRawBufferPointer(start: mochi_str_bytes(s), count: Int(mochi_str_byte_len(s))), as: UTF8.self)
                mochi_out_capture(0)
            } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    /// Compiles without running and returns the code listing of every function.
    public func dumpCode() throws -> String {
        var text = ""
        var failure: Error?
        let policy = self.policy
        self.policy = .eager // a listing of every function
        defer { self.policy = policy }
        onBigStack { [self] in
            do {
                let r = try Run(jit: self)
                try r.compile()
                text = codeListing(r.code!, library: try stencils.library)
                r.release()
            } catch { failure = error }
        }
        if let failure { throw failure }
        return text
    }

    /// The run in progress (for `snapshotStats`, called from an exit hook).
    weak var currentRun: Run?

    /// A lazy or tiered run's figures so far, made final: for a run that ends
    /// in a runtime error, which exits the process from inside the program
    /// (`mochi_rt_error`), so `onFinished` never comes. False when no lazy or
    /// tiered run is in progress (an eager run's figures are final before it
    /// starts).
    @discardableResult
    public func snapshotStats() -> Bool {
        guard let r = currentRun, r.lazy != nil || r.tiered != nil else { return false }
        r.finishStats()
        return true
    }

    func loadStencils() throws -> LoadedStencils {
        if let s = loadedStencils { return s }
        let s = try stencilLoader()
        loadedStencils = s
        return s
    }

    func setStats(_ s: JITStats) { stats = s }
    func setTierStats(_ s: TierStats) { tierStats = s }
}

/// One run's memory and compiled code.
final class Run {
    let jit: JIT
    let ctx: UnsafeMutablePointer<MochiJITContext>
    let stackBase: UnsafeMutablePointer<UInt64>
    let stackBytes: Int
    let globals: UnsafeMutablePointer<UInt64>
    let globalCount: UnsafeMutablePointer<Int>
    let strings: UnsafeMutablePointer<UInt64>
    let stringCount: UnsafeMutablePointer<Int>
    var stringIndex: [String: Int] = [:]
    /// Per type name: the descriptor of the struct (index 0) or of each variant
    /// (index tag + 1).
    var descs: [String: [Int64]] = [:]
    /// Per struct type name: its anonymous twin (`record.new`: no "__name" when printed).
    var anonymousDescs: [String: Int64] = [:]
    var owned: [UnsafeMutableRawPointer] = []
    var code: JITCode?
    var entryTable: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    var frameTable: UnsafeMutablePointer<Int64>?
    /// A lazy or tiered run's code (Tiers.swift); nil when compiled eagerly,
    /// and in a tiered run until its first tier-up.
    var lazy: LazyCode?
    /// A tiered run's interpreter (Tiers.swift).
    var tiered: TieredInterpreter?
    /// A contained run's limits (`JIT.runContained`), and how it ended.
    var contained: (Double, UInt64)?
    var containedEnding: ContainedEnding?

    init(jit: JIT) throws {
        self.jit = jit
        ctx = mochi_jit_context()
        let slots = 1 << 26
        stackBytes = slots * 8
        guard let mem = mmap(nil, stackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
              mem != MAP_FAILED else { throw JITError("cannot map the slot stack") }
        stackBase = mem.bindMemory(to: UInt64.self, capacity: slots)
        ctx.pointee.stack_base = stackBase
        ctx.pointee.stack_count = 0
        ctx.pointee.stack_end = stackBase + slots
        ctx.pointee.max_depth = Int64(jit.maxDepth)
        mochi_gc_register_range(stackBase, &ctx.pointee.stack_count)

        let m = jit.module
        globals = .allocate(capacity: max(m.globals.count, 1))
        globals.initialize(repeating: 0, count: max(m.globals.count, 1))
        globalCount = .allocate(capacity: 1)
        globalCount.pointee = m.globals.count
        mochi_gc_register_range(globals, globalCount)

        var nstr = 0
        for f in m.functions {
            // (Through the buffer: iterating f.insts copies every instruction.)
            f.insts.withUnsafeBufferPointer { b in for k in b.indices where b[k].op == .sconst { nstr += 1 } }
        }
        strings = .allocate(capacity: max(nstr, 1))
        strings.initialize(repeating: 0, count: max(nstr, 1))
        stringCount = .allocate(capacity: 1)
        stringCount.pointee = 0
        mochi_gc_register_range(strings, stringCount)

        for decl in m.types {
            switch decl.kind {
            case .structure(let fs):
                let d = makeDesc(decl.name, fs.map(\.name), fs.map { $0.type.slotKind.rawValue }, -1, nil)
                descs[decl.name] = [d]
                let twin = mochi_desc_anonymous(UnsafePointer<MochiTypeDesc>(bitPattern: Int(d)))
                anonymousDescs[decl.name] = Int64(Int(bitPattern: twin))
            case .union(let vs):
                var ds: [Int64] = [0]
                for (tag, v) in vs.enumerated() {
                    ds.append(makeDesc(v.name, v.fields.map(\.name), v.fields.map { $0.type.slotKind.rawValue }, Int32(tag), decl.name))
                }
                descs[decl.name] = ds
            }
        }
        // The string constants are the module's data: made here, before
        // compiling, which only patches their slots' addresses in. (Compiling
        // on demand makes each when a function using it is compiled: most of
        // a large program's never are.)
        for f in m.functions where jit.policy == .eager {
            for i in f.insts where i.op == .sconst {
                if case .string(let str) = i.imm { _ = stringSlot(str) }
            }
        }
    }

    func cString(_ s: String) -> UnsafeMutablePointer<CChar> {
        let u = Array(s.utf8)
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: u.count + 1)
        for (i, c) in u.enumerated() { p[i] = CChar(bitPattern: c) }
        p[u.count] = 0
        owned.append(UnsafeMutableRawPointer(p))
        return p
    }

    func makeDesc(_ name: String, _ fields: [String], _ kinds: [UInt8], _ tag: Int32, _ union: String?) -> Int64 {
        let names = fields.map { cString($0) }
        let namePtrs = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: max(names.count, 1))
        for (k, n) in names.enumerated() { namePtrs[k] = UnsafePointer(n) }
        let kp = UnsafeMutablePointer<UInt8>.allocate(capacity: max(kinds.count, 1))
        for (k, v) in kinds.enumerated() { kp[k] = v }
        let d = mochi_desc_new(cString(name), Int32(names.count), namePtrs, kp, tag, union.map { UnsafePointer(cString($0)) })
        namePtrs.deallocate()
        kp.deallocate()
        return Int64(Int(bitPattern: d))
    }

    func stringSlot(_ s: String) -> Int64 {
        if let i = stringIndex[s] { return Int64(Int(bitPattern: strings + i)) }
        let i = stringCount.pointee
        var u = Array(s.utf8)
        u.append(0)
        u.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                strings[i] = UInt64(UInt(bitPattern: mochi_str_new(p, Int64(b.count - 1))))
            }
        }
        stringCount.pointee = i + 1
        stringIndex[s] = i
        return Int64(Int(bitPattern: strings + i))
    }

    func compile() throws {
        // Tiered: the interpreter starts; the JIT's side waits for a tier-up.
        if jit.policy == .tiered, try startTiered() { return }
        let m = jit.module
        var stats = JITStats()
        let t0 = monotonicMicros()
        let context = try loweringContext()
        context.polls = contained != nil
        if jit.policy != .eager, try startLazy(context: context) { return }
        // (LowerModule.swift: inlining only where frames cannot reach the slot stack's end.)
        let lowered = try lowerModule(m, context: context, registerHomes: jit.registerHomes, inlining: jit.inlining,
                                      framesFit: slotStackCannotOverflow)
        stats.functions = lowered.functionStats
        let c = try emitCode(lowered.funcs, stencils: try jit.stencils, stats: &stats, lowerMicros: lowered.lowerMicros,
                             replacing: try slotStackChecksWhereNeeded(lowered.funcs))
        stats.totalMicroseconds = monotonicMicros() - t0
        code = c
        let et = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: max(c.entries.count, 1))
        for (i, e) in c.entries.enumerated() { et[i] = UnsafeMutableRawPointer(bitPattern: UInt(e)) }
        let ft = UnsafeMutablePointer<Int64>.allocate(capacity: max(c.frameBytes.count, 1))
        for (i, b) in c.frameBytes.enumerated() { ft[i] = b }
        entryTable = et
        frameTable = ft
        ctx.pointee.code = UnsafePointer(et)
        ctx.pointee.frame_bytes = UnsafePointer(ft)
        ctx.pointee.func_count = Int64(c.entries.count)
        jit.setStats(stats)
        writePerfMapIfAsked(c)
        jit.onCompiled?(c)
    }

    /// What lowering needs of this run: the stencils (read now, if not yet),
    /// and the addresses of its constants, globals and descriptors.
    func loweringContext() throws -> LoweringContext {
        let m = jit.module
        return LoweringContext(
            module: m, symbols: m.symbolIndex(), stencils: try jit.stencils, maxDepth: Int64(jit.maxDepth),
            stringSlot: { [unowned self] in self.stringSlot($0) },
            globalSlot: { [unowned self] in Int64(Int(bitPattern: self.globals + $0)) },
            descriptor: { [unowned self] name, tag in
                if tag == anonymousDescriptor { return self.anonymousDescs[name] }
                guard let ds = self.descs[name], tag + 1 >= 0, Int(tag + 1) < ds.count, ds[Int(tag + 1)] != 0 else { return nil }
                return ds[Int(tag + 1)]
            },
            cString: { [unowned self] in Int64(Int(bitPattern: self.cString($0))) },
            bytes: { [unowned self] p, _ in self.owned.append(p); return Int64(Int(bitPattern: p)) })
    }

    /// Direct calls check the call depth only (`call_check`), which suffices
    /// when no chain of maxDepth + 1 frames can reach past the slot stack. When
    /// the largest frame makes that possible, every direct call checks the slot
    /// stack's end as well (`call_checkx`), as the interpreter does, so a program
    /// ends in `stack overflow` at the same call in both: the stencil the
    /// emitter puts in place of which (nil: none), as it lays the code out
    /// (a pass over every instruction of the module fewer).
    func slotStackChecksWhereNeeded(_ funcs: [JFunction]) throws -> (Int32, Int32)? {
        if slotStackCannotOverflow(funcs) { return nil }
        return (try jit.stencils.index("call_check"), try jit.stencils.index("call_checkx"))
    }

    /// Whether maxDepth + 2 frames of the largest size fit the slot stack.
    func slotStackCannotOverflow(_ funcs: [JFunction]) -> Bool {
        var largest = 0
        for fi in funcs.indices { largest = max(largest, funcs[fi].frameSlots) }
        return largest <= stackBytes / 8 / (jit.maxDepth + 2)
    }

    /// MOCHI_JIT_PERFMAP=1 (functions) or =stencils writes /tmp/perf-PID.map for
    /// `perf report`; a map that cannot be written is skipped silently (profiling
    /// aid only, never a reason to stop a run).
    func writePerfMapIfAsked(_ c: JITCode) {
        guard let v = getenv("MOCHI_JIT_PERFMAP").map({ String(cString: $0) }), !v.isEmpty, v != "0" else { return }
        guard let library = try? jit.stencils.library else { return }
        let text = perfMap(c, library: library, perStencil: v == "stencils")
        guard let fp = fopen("/tmp/perf-\(getpid()).map", "w") else { return }
        _ = text.withCString { fputs($0, fp) }
        fclose(fp)
    }

    /// Sets up compiling on demand; false when the module must be compiled
    /// eagerly (the reason goes to the stats). (Tiered runs: Tiers.swift.)
    func startLazy(context: LoweringContext) throws -> Bool {
        var why: String?
        guard let l = try LazyCode.make(run: self, context: context, policy: jit.policy, threshold: jit.tierThreshold,
                                        interpretedFrames: nil, why: &why) else {
            var t = TierStats()
            t.policy = .eager
            t.eagerBecause = why
            jit.setTierStats(t)
            return false
        }
        lazy = l
        ctx.pointee.code = UnsafePointer(l.entryTable)
        ctx.pointee.frame_bytes = UnsafePointer(l.frameTable)
        ctx.pointee.func_count = Int64(jit.module.functions.count)
        return true
    }

    /// A lazy or tiered run's figures, once @main has returned.
    func finish() {
        finishStats()
        jit.onFinished?()
    }

    /// Copies a lazy or tiered run's figures so far into the JIT's.
    func finishStats() {
        if let (s, t) = onDemandStats() {
            jit.setStats(s)
            jit.setTierStats(t)
        }
    }

    func runMain() {
        if let t = tiered { return runMainTiered(t) }
        if let l = lazy { return runMainLazily(l) }
        let m = jit.module
        // (The first function so named, as the symbol index has it, without
        // building the index's three dictionaries for one lookup.)
        guard let code, let mainIndex = m.functions.firstIndex(where: { $0.name == "main" }) else { return }
        let file = m.sourceFile.isEmpty ? nil : cString(m.sourceFile)
        mochi_loc_file = file.map { UnsafePointer($0) }
        mochi_loc_line = 0
        ctx.pointee.stack_count = Int(code.frameBytes[mainIndex] / 8)
        let entry = UnsafeRawPointer(bitPattern: UInt(code.entries[mainIndex]))
        if let (seconds, heapBudget) = contained {
            let base = stackBase
            containedEnding = runContainedBody(seconds: seconds, heapBudget: heapBudget) { _ = mochi_jit_enter(entry, base) }
            return
        }
        _ = mochi_jit_enter(entry, stackBase)
    }

    func runMainLazily(_ l: LazyCode) {
        let m = jit.module
        guard let mainIndex = l.symbols.functions["main"] else { return }
        let file = m.sourceFile.isEmpty ? nil : cString(m.sourceFile)
        mochi_loc_file = file.map { UnsafePointer($0) }
        mochi_loc_line = 0
        do { try l.compile(mainIndex) } catch { jit.onLazyCompileError(error) }
        ctx.pointee.stack_count = Int(l.frameTable[mainIndex] / 8)
        _ = mochi_jit_enter(UnsafeRawPointer(bitPattern: UInt(l.entries[mainIndex])), stackBase)
    }

    func release() {
        mochi_gc_unregister_range(&ctx.pointee.stack_count)
        mochi_gc_unregister_range(globalCount)
        mochi_gc_unregister_range(stringCount)
        munmap(stackBase, stackBytes)
        globals.deallocate(); globalCount.deallocate()
        strings.deallocate(); stringCount.deallocate()
        entryTable?.deallocate(); frameTable?.deallocate()
        lazy?.release()
        lazy = nil
        tiered?.release()
        tiered = nil
        ctx.pointee.code = nil
        ctx.pointee.frame_bytes = nil
        ctx.pointee.func_count = 0
        for p in owned { p.deallocate() }
        owned = []
        code = nil
    }
}
