// Running a WASI command module the way `mochi-jitrun` does, and precompiling
// one the way `mochi-link --emit=cwasm` does: the two entry points the tools
// call, over the wrappers of this library.
//
// A run compiles the `.wasm` through the module cache (or maps a `.cwasm`),
// instantiates it against WASI preview 1 with the process's standard streams
// and the given arguments, and calls `_start`. Its outcome is an exit status:
// 0 when `_start` returns, n when the module calls `proc_exit(n)`. A trap
// throws, naming the function it happened in; a sandbox limit that was reached
// throws `.limit` saying which one.
//
// The whole run happens on a thread of its own whose stack is larger than the
// engine's wasm stack limit (EngineSettings.maxWasmStack) plus room for host
// frames: Wasmtime runs wasm on the calling thread's stack and relies on its
// limit being reached before the thread's real stack ends.

#if canImport(Glibc)
import Glibc
#endif

public struct RunOptions: Sendable {
    public var strategy: CompilerStrategy = .cranelift
    /// Fuel units the run may burn (`--fuel=N`); compiles fuel checks in.
    public var fuel: UInt64?
    /// Wall-clock budget in milliseconds (`--deadline=MS`); compiles epoch checks in.
    public var deadlineMilliseconds: UInt64?
    /// Largest size in bytes any memory (linear or GC heap) may grow to (`--max-memory=`).
    public var memoryLimit: Int?
    /// The module's argv, program name first.
    public var arguments: [String] = []
    /// Compile `.wasm` through the on-disk cache.
    public var useCache = true
    /// The cache root (nil: ModuleCache.defaultRoot).
    public var cacheRoot: String?
    /// The process environment is visible to the module, as it is to programs in
    /// the native modes (a Mochi program may read it; `mochi test` sets MOCHI_TEST).
    public var inheritEnvironment = true

    public init() {}

    /// The engine these options need: fuel and deadlines are compiled into the code.
    public var engineSettings: EngineSettings {
        var s = EngineSettings(strategy: strategy, consumeFuel: fuel != nil, epochInterruption: deadlineMilliseconds != nil)
        s.maxWasmStack = EngineSettings.deepRecursionStack
        return s
    }
}

public enum LoadKind: String, Sendable {
    /// A `.wasm` compiled now (not found in the cache, or the cache is off).
    case compiled
    /// A `.wasm` whose compiled code came from the cache.
    case cached
    /// A `.cwasm` loaded.
    case precompiled
}

public struct RunReport: Sendable {
    public var status: Int32 = 0
    public var loadKind = LoadKind.compiled
    /// Why a compiled module could not be cached, when it could not.
    public var cacheNote: String?
    public var engineMicroseconds = 0.0
    /// Compiling (or loading compiled code).
    public var loadMicroseconds = 0.0
    /// Store, WASI context, linking and instantiation.
    public var instantiateMicroseconds = 0.0
    public var runMicroseconds = 0.0
}

public enum Runner {
    /// Runs `input` (Wasm or `.cwasm` bytes; `path` is its file, when it has one,
    /// so a `.cwasm` is mapped rather than copied).
    public static func run(_ input: [UInt8], path: String?, displayName: String, options: RunOptions,
                           library: WasmtimeLibrary, environment: [String: String]) throws -> RunReport {
        let settings = options.engineSettings
        var outcome: Result<RunReport, Error> = .failure(WasmtimeError.usage("the run did not start"))
        let stack = settings.maxWasmStack + (64 << 20)
        let started = onLargeStack(bytes: stack) {
            outcome = Result { try runHere(input, path: path, displayName: displayName, options: options,
                                           settings: settings, library: library, environment: environment) }
        }
        // Wasm on a smaller stack could overrun it before Wasmtime's limit: refuse.
        guard started else { throw WasmtimeError.wasmtime("cannot start a thread with a \(stack >> 20) MiB stack to run wasm on") }
        return try outcome.get()
    }

    private static func runHere(_ input: [UInt8], path: String?, displayName: String, options: RunOptions,
                                settings: EngineSettings, library: WasmtimeLibrary,
                                environment: [String: String]) throws -> RunReport {
        var report = RunReport()
        var t0 = monotonicMicros()
        let engine = try Engine(library: library, settings: settings)
        var t1 = monotonicMicros()
        report.engineMicroseconds = t1 - t0
        t0 = t1

        let module: Module
        if Module.isPrecompiled(input) {
            report.loadKind = .precompiled
            if let path { module = try Module(deserializingFile: path, engine: engine) }
            else { module = try Module(deserializing: input, engine: engine, source: displayName) }
        } else if options.useCache, let root = options.cacheRoot ?? ModuleCache.defaultRoot(environment: environment) {
            let (m, outcome) = try ModuleCache(root: root, library: library).module(for: input, engine: engine)
            module = m
            switch outcome {
            case .hit: report.loadKind = .cached
            case .stored: report.loadKind = .compiled
            case .notStored(let why): report.loadKind = .compiled; report.cacheNote = why
            }
        } else {
            module = try Module(compiling: input, engine: engine)
        }
        t1 = monotonicMicros()
        report.loadMicroseconds = t1 - t0
        t0 = t1

        let store = try Store(engine: engine)
        try store.configureWASI(WASIOptions(arguments: options.arguments.isEmpty ? [displayName] : options.arguments,
                                            inheritStdio: true, inheritEnvironment: options.inheritEnvironment))
        if let fuel = options.fuel { try store.setFuel(fuel) }
        if options.deadlineMilliseconds != nil { store.setEpochDeadline(ticks: 1) }
        if let limit = options.memoryLimit { store.limitMemory(bytes: limit) }
        let linker = try Linker(engine: engine)
        try linker.defineWASI()
        // The deadline covers instantiation (a start function) and the run.
        let timer = options.deadlineMilliseconds.map { EpochTimer(engine: engine, milliseconds: $0) }
        defer { timer?.cancel() }
        let instance: Instance
        do { instance = try linker.instantiate(module, in: store) } catch {
            throw explain(error, options: options, store: store, instance: nil)
        }
        guard let start = instance.function("_start") else {
            throw WasmtimeError.usage("\(displayName) exports no `_start` function (it is not a WASI command module)")
        }
        t1 = monotonicMicros()
        report.instantiateMicroseconds = t1 - t0
        t0 = t1
        do {
            try start.call()
            report.status = 0
        } catch WasmtimeError.exit(let status) {
            report.status = status
        } catch {
            throw explain(error, options: options, store: store, instance: instance)
        }
        report.runMicroseconds = monotonicMicros() - t0
        return report
    }

    /// A trap caused by a sandbox limit becomes `.limit` naming the limit.
    static func explain(_ error: Error, options: RunOptions, store: Store, instance: Instance?) -> Error {
        guard case WasmtimeError.trap(let trap) = error else { return error }
        if trap.code == .outOfFuel, let fuel = options.fuel {
            return WasmtimeError.limit("fuel exhausted: the run used all \(fuel) units of --fuel"
                + (trap.function.map { " (in function \($0.displayName))" } ?? ""))
        }
        if trap.code == .interrupt, let ms = options.deadlineMilliseconds {
            return WasmtimeError.limit("deadline exceeded: the run took longer than --deadline=\(ms) ms"
                + (trap.function.map { " (in function \($0.displayName))" } ?? ""))
        }
        if let limit = options.memoryLimit {
            // A refused growth shows as a GC allocation failure, or as the module
            // trapping with its linear memory already at the limit.
            let memory = instance?.memory("memory")
            let atLimit = memory.map { $0.byteCount + 65536 > limit } ?? false
            if atLimit || trap.code == .allocationTooLarge || trap.message.contains("out of memory")
                || trap.message.contains("GC heap") {
                return WasmtimeError.limit("memory limit reached: the run needed more than --max-memory=\(limit) bytes"
                    + " (\(trap.description))")
            }
        }
        return error
    }

    /// Precompiles Wasm bytes to a `.cwasm` image for an engine of `settings`.
    public static func precompile(_ wasm: [UInt8], settings: EngineSettings, library: WasmtimeLibrary) throws -> [UInt8] {
        guard Module.isWasm(wasm) else {
            throw WasmtimeError.usage(Module.isPrecompiled(wasm) ? "the input is already precompiled (a .cwasm)"
                                                                 : "the input is not a WebAssembly module (no \\0asm header)")
        }
        let engine = try Engine(library: library, settings: settings)
        return try Module(compiling: wasm, engine: engine).serialize()
    }
}

/// Advances an engine's epoch once, after a delay, unless cancelled first.
final class EpochTimer {
    private let engine: Engine
    private let milliseconds: UInt64
    private var mutex = pthread_mutex_t()
    private var cond = pthread_cond_t()
    private var cancelled = false
    private var thread: pthread_t?

    init(engine: Engine, milliseconds: UInt64) {
        self.engine = engine
        self.milliseconds = milliseconds
        pthread_mutex_init(&mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        pthread_cond_init(&cond, &attr)
        pthread_condattr_destroy(&attr)
        var tid = pthread_t()
        let me = Unmanaged.passRetained(self).toOpaque()
        if pthread_create(&tid, nil, { p in
            let timer = Unmanaged<EpochTimer>.fromOpaque(p!).takeRetainedValue()
            timer.wait()
            return nil
        }, me) == 0 {
            thread = tid
        } else {
            Unmanaged<EpochTimer>.fromOpaque(me).release()
            engine.incrementEpoch() // no timer thread: expire at once rather than never
        }
    }

    private func wait() {
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let ns = Int(deadline.tv_nsec) + Int(milliseconds % 1000) * 1_000_000
        deadline.tv_sec += Int(milliseconds / 1000) + ns / 1_000_000_000
        deadline.tv_nsec = ns % 1_000_000_000
        pthread_mutex_lock(&mutex)
        while !cancelled {
            if pthread_cond_timedwait(&cond, &mutex, &deadline) == ETIMEDOUT { break }
        }
        let fire = !cancelled
        pthread_mutex_unlock(&mutex)
        if fire { engine.incrementEpoch() }
    }

    func cancel() {
        pthread_mutex_lock(&mutex)
        cancelled = true
        pthread_cond_signal(&cond)
        pthread_mutex_unlock(&mutex)
        if let t = thread { pthread_join(t, nil); thread = nil }
    }

    deinit {
        pthread_cond_destroy(&cond)
        pthread_mutex_destroy(&mutex)
    }
}

private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Runs `body` on a new thread with a stack of `bytes` and waits for it; false
/// (and `body` not run) when no such thread can be made.
func onLargeStack(bytes: Int, _ body: @escaping () -> Void) -> Bool {
    let ctx = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    defer { pthread_attr_destroy(&attr) }
    var tid = pthread_t()
    guard pthread_attr_setstacksize(&attr, bytes) == 0,
          pthread_create(&tid, &attr, { p in
              Unmanaged<ThreadBody>.fromOpaque(p!).takeRetainedValue().body()
              return nil
          }, ctx) == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(ctx).release()
        return false
    }
    pthread_join(tid, nil)
    return true
}

func monotonicMicros() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e6 + Double(ts.tv_nsec) / 1e3
}
