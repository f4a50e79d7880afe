// The store: the unit of instantiation and of freeing. Every instance,
// function, memory and GC object lives in exactly one store and is freed with
// it, so one run's resources go away together when its `Store` is released
// (`wasmtime_store_delete` in `deinit`), never by a collector at some later time.
//
// A store also carries a run's sandbox: fuel, the epoch deadline and the memory
// limit, and its WASI context (arguments and inherited standard streams).
// Its data pointer is a `StoreState`, through which a host function's Swift
// error travels past Wasmtime back to the caller of `Function.call`.

#if canImport(Glibc)
import Glibc
#endif

/// What a module sees through WASI preview 1.
public struct WASIOptions: Equatable, Sendable {
    /// `argv`, the program name first.
    public var arguments: [String]
    /// Standard input, output and error are the process's own.
    public var inheritStdio: Bool
    /// The process environment is visible to the module.
    public var inheritEnvironment: Bool

    public init(arguments: [String] = [], inheritStdio: Bool = true, inheritEnvironment: Bool = false) {
        self.arguments = arguments
        self.inheritStdio = inheritStdio
        self.inheritEnvironment = inheritEnvironment
    }
}

/// Per-store Swift state, reachable from C callbacks through the store's data pointer.
final class StoreState {
    /// The error a host function threw, waiting for the call that trapped through it.
    var hostError: Error?
}

public final class Store {
    public let engine: Engine
    let raw: OpaquePointer
    let context: OpaquePointer
    let state = StoreState()
    var api: CAPI { engine.api }
    /// The memory limit set with `limitMemory`, to explain failures that hit it.
    public private(set) var memoryLimit: Int?

    public init(engine: Engine) throws {
        self.engine = engine
        let api = engine.api
        // The store holds the state unretained: the state lives as long as this object.
        guard let s = api.wasmtime_store_new(engine.raw, Unmanaged.passUnretained(state).toOpaque(), nil) else {
            throw WasmtimeError.wasmtime("wasmtime_store_new failed")
        }
        guard let c = api.wasmtime_store_context(s) else {
            api.wasmtime_store_delete(s)
            throw WasmtimeError.wasmtime("wasmtime_store_context failed")
        }
        raw = s
        context = c
    }

    deinit { api.wasmtime_store_delete(raw) }

    /// Gives the store a WASI context. A store that instantiates a module
    /// importing WASI must have one (Wasmtime aborts the process otherwise), so
    /// `Linker.instantiate` sets a default one when this was not called.
    public func configureWASI(_ options: WASIOptions) throws {
        guard let config = api.wasi_config_new() else { throw WasmtimeError.wasmtime("wasi_config_new failed") }
        if !options.arguments.isEmpty {
            let cStrings = options.arguments.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            let ok = cStrings.map { UnsafePointer<CChar>($0) }.withUnsafeBufferPointer { buf in
                api.wasi_config_set_argv(config, buf.count, buf.baseAddress)
            }
            if !ok {
                api.wasi_config_delete(config)
                throw WasmtimeError.usage("WASI arguments must be valid UTF-8")
            }
        }
        if options.inheritStdio {
            api.wasi_config_inherit_stdin(config)
            api.wasi_config_inherit_stdout(config)
            api.wasi_config_inherit_stderr(config)
        }
        if options.inheritEnvironment { api.wasi_config_inherit_env(config) }
        // wasmtime_context_set_wasi takes the config, also on failure.
        try api.check(api.wasmtime_context_set_wasi(context, config))
        hasWASI = true
    }
    var hasWASI = false

    /// Fuel left for wasm to burn (engine with `consumeFuel` only); running out
    /// traps with `TrapCode.outOfFuel`.
    public func setFuel(_ fuel: UInt64) throws {
        try api.check(api.wasmtime_context_set_fuel(context, fuel))
    }

    public func fuel() throws -> UInt64 {
        var f: UInt64 = 0
        try api.check(api.wasmtime_context_get_fuel(context, &f))
        return f
    }

    /// Wasm traps with `TrapCode.interrupt` once the engine's epoch has advanced
    /// `ticks` beyond its current value (engine with `epochInterruption` only).
    public func setEpochDeadline(ticks: UInt64) {
        api.wasmtime_context_set_epoch_deadline(context, ticks)
    }

    /// No linear memory (nor GC heap) of this store may grow beyond `bytes`; a
    /// `memory.grow` past it returns -1, and an allocation that cannot grow traps.
    public func limitMemory(bytes: Int) {
        memoryLimit = bytes
        api.wasmtime_store_limiter(raw, Int64(bytes), -1, -1, -1, -1)
    }

    /// Runs a garbage collection of the store's GC heap.
    public func collectGarbage() throws {
        try api.check(api.wasmtime_context_gc(context))
    }

    /// The host error a host function threw during the last call, consumed.
    func takeHostError() -> Error? {
        defer { state.hostError = nil }
        return state.hostError
    }
}
