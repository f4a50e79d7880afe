// The engine and its configuration.
//
// `EngineSettings` is everything this embedding configures, as a value: it
// builds the `wasm_config_t`, and its canonical text (`cacheKeyText`) is part of
// the compiled-module cache key, so code compiled under one configuration is
// never loaded into an engine of another. Mochi modules use the GC,
// function-references and tail-call proposals, so those are on by default.
//
// The stack: Mochi programs recurse up to 100,000 calls deep (the modules count
// depth themselves and report `stack overflow` as a Mochi runtime error), so
// Wasmtime's own limit must sit well above what that depth takes. Measured
// frames: 32 bytes for a small recursive function under Cranelift, 80 under
// Winch, 96 with GC references live across the call; a Mochi function with many
// locals takes a few hundred. `EngineSettings.deepRecursionStack`, 256 MiB, allows
// 2.6 KiB per frame at depth 100,000, and is what runs use (RunOptions). Wasm
// runs on the calling thread's stack and Wasmtime relies on reaching its limit
// before the thread's real stack ends, so such an engine's code must be called
// from a thread with a larger stack: Runner starts one (limit + 64 MiB). Its
// stack is reserved, not committed: only the depth a program reaches costs
// memory (a runaway recursion without a depth check commits up to the limit
// before it traps). The library's default is Wasmtime's own 512 KiB, safe on
// any thread. The limit is a run-time setting: it is not part of the cache key,
// and a `.cwasm` loads under any limit.
//
// What this engine cannot match in the wasmtime CLI's configuration
// (scripts/mochi-wasm-exec): Wasmtime 51's C API has no setter for the garbage
// collector, the GC heap's initial size or inlining, so this engine keeps the
// library's defaults, the DRC collector among them (binary_trees takes about 5x
// the CPU time it takes under the CLI's copying collector; docs/WASM.md, "Engine
// configuration").

#if canImport(Glibc)
import Glibc
#endif

/// Which Wasmtime compiler makes machine code.
public enum CompilerStrategy: String, CaseIterable, Sendable {
    /// The optimising compiler (Wasmtime's default).
    case cranelift
    /// The baseline compiler: compiles faster, runs slower.
    case winch

    var cValue: UInt8 { self == .cranelift ? 1 : 2 } // WASMTIME_STRATEGY_CRANELIFT, _WINCH
}

public struct EngineSettings: Equatable, Sendable {
    /// Wasmtime's default wasm stack limit: safe on any thread.
    public static let defaultMaxWasmStack = 512 << 10
    /// What Mochi's 100,000-deep recursion needs (see the header comment).
    public static let deepRecursionStack = 256 << 20

    public var strategy: CompilerStrategy = .cranelift
    public var gc = true
    public var functionReferences = true
    public var tailCalls = true
    /// Fuel metering (a compile-time setting: fuel checks are compiled in).
    public var consumeFuel = false
    /// Epoch interruption (compiled in as well).
    public var epochInterruption = false
    /// Bytes of native stack wasm may use, counted from its first entry.
    public var maxWasmStack = EngineSettings.defaultMaxWasmStack

    /// Winch (Wasmtime 51) supports neither GC nor function references, and an
    /// engine asking for them is refused; its settings leave them off.
    public init(strategy: CompilerStrategy = .cranelift, consumeFuel: Bool = false, epochInterruption: Bool = false) {
        self.strategy = strategy
        self.consumeFuel = consumeFuel
        self.epochInterruption = epochInterruption
        gc = strategy == .cranelift
        functionReferences = strategy == .cranelift
    }

    /// The settings that shape machine code, as canonical text, one `key=value`
    /// per line in a fixed order: part of the compiled-module cache key
    /// (ModuleCache.swift). The stack limit is checked at run time and left out.
    public var cacheKeyText: String {
        "strategy=\(strategy.rawValue)\ngc=\(gc)\nfunction-references=\(functionReferences)\ntail-calls=\(tailCalls)\n"
            + "consume-fuel=\(consumeFuel)\nepoch-interruption=\(epochInterruption)\n"
    }

    /// The `mochi-link --emit=cwasm` flags that precompile for these settings.
    public var precompileFlags: String {
        var flags: [String] = []
        if strategy != .cranelift { flags.append("--engine=\(strategy.rawValue)") }
        if consumeFuel { flags.append("--fuel") }
        if epochInterruption { flags.append("--epoch") }
        return flags.joined(separator: " ")
    }

    /// A short description for messages ("cranelift, fuel metering").
    public var summary: String {
        var parts = [strategy.rawValue]
        if consumeFuel { parts.append("fuel metering") }
        if epochInterruption { parts.append("epoch interruption") }
        if !gc { parts.append("no GC") }
        return parts.joined(separator: ", ")
    }
}

/// A `wasm_engine_t`: compiles modules and owns their code. Thread-safe in
/// Wasmtime; deleted when the last reference goes.
public final class Engine {
    public let library: WasmtimeLibrary
    public let settings: EngineSettings
    let raw: OpaquePointer
    var api: CAPI { library.api }

    public init(library: WasmtimeLibrary, settings: EngineSettings = EngineSettings()) throws {
        self.library = library
        self.settings = settings
        let api = library.api
        if settings.strategy == .winch && (settings.gc || settings.functionReferences) {
            throw WasmtimeError.usage("Winch, Wasmtime's baseline compiler, supports neither the GC nor the "
                + "function-references proposal (Mochi modules use both): use the Cranelift engine")
        }
        guard let config = api.wasm_config_new() else { throw WasmtimeError.wasmtime("wasm_config_new failed") }
        // Reference types are standard WebAssembly (and Winch refuses to run
        // without them); GC and function references build on them.
        api.wasmtime_config_wasm_reference_types_set(config, true)
        api.wasmtime_config_wasm_function_references_set(config, settings.functionReferences)
        api.wasmtime_config_wasm_gc_set(config, settings.gc)
        api.wasmtime_config_wasm_tail_call_set(config, settings.tailCalls)
        api.wasmtime_config_strategy_set(config, settings.strategy.cValue)
        api.wasmtime_config_consume_fuel_set(config, settings.consumeFuel)
        api.wasmtime_config_epoch_interruption_set(config, settings.epochInterruption)
        api.wasmtime_config_max_wasm_stack_set(config, settings.maxWasmStack)
        // Wasmtime refuses a wasm stack limit above the async stack size (2 MiB
        // by default) even when nothing runs asynchronously, as here; async
        // stacks are only made for async calls, so raising it costs nothing.
        api.wasmtime_config_async_stack_size_set(config, settings.maxWasmStack + (1 << 20))
        // wasm_engine_new_with_config takes the config, also when it fails.
        guard let e = api.wasm_engine_new_with_config(config) else {
            throw WasmtimeError.wasmtime("Wasmtime refused the engine configuration (\(settings.summary))")
        }
        raw = e
    }

    deinit { api.wasm_engine_delete(raw) }

    /// Advances the engine's epoch: stores past their epoch deadline trap with
    /// `TrapCode.interrupt` at their next check. Safe from any thread.
    public func incrementEpoch() { api.wasmtime_engine_increment_epoch(raw) }
}
