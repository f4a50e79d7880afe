// The linker: resolves a module's imports by name (WASI preview 1, host
// functions written in Swift) and instantiates it in a store.
//
// A host function is a Swift closure boxed in a `HostFunction`; Wasmtime holds
// the box through its `env` pointer and releases it through the finalizer when
// the linker (and every function made from the definition) is gone. A closure
// that throws makes the wasm call trap; the Swift error is parked in the
// store's state and rethrown from `Function.call` as itself, so nothing about
// it is lost in the trip through C.

#if canImport(Glibc)
import Glibc
#endif

/// What a host function sees of its caller while it runs.
public struct Caller {
    let api: CAPI
    let raw: OpaquePointer

    /// The calling instance's exported memory `name` (usually "memory"), as
    /// bytes for the duration of `body`.
    public func withMemory<R>(_ name: String = "memory", _ body: (UnsafeMutableRawBufferPointer) throws -> R) throws -> R {
        var item = CExtern()
        let found = name.withCString { p in api.wasmtime_caller_export_get(raw, p, strlen(p), &item) }
        guard found, item.kind == CExternKind.memory, let ctx = api.wasmtime_caller_context(raw) else {
            if found { api.wasmtime_extern_delete(&item) }
            throw WasmtimeError.usage("the caller exports no memory named '\(name)'")
        }
        var m = CMemory(storeID: item.of.0, opaque1: item.of.1, opaque2: item.of.2)
        let base = api.wasmtime_memory_data(ctx, &m)
        let n = api.wasmtime_memory_data_size(ctx, &m)
        return try body(UnsafeMutableRawBufferPointer(start: base, count: base == nil ? 0 : n))
    }
}

public typealias HostFunctionBody = (Caller, [Value]) throws -> [Value]

final class HostFunction {
    let api: CAPI
    let name: String
    let parameters: [ValueType]
    let results: [ValueType]
    let body: HostFunctionBody

    init(api: CAPI, name: String, parameters: [ValueType], results: [ValueType], body: @escaping HostFunctionBody) {
        self.api = api
        self.name = name
        self.parameters = parameters
        self.results = results
        self.body = body
    }
}

private let hostTrampoline: CHostCallback = { env, caller, args, nargs, results, nresults in
    let f = Unmanaged<HostFunction>.fromOpaque(env!).takeUnretainedValue()
    let api = f.api
    var values: [Value] = []
    values.reserveCapacity(nargs)
    for i in 0..<nargs {
        var v = args!.load(fromByteOffset: i * MemoryLayout<CVal>.stride, as: CVal.self)
        // Arguments are borrowed: numbers are copied, references are not unrooted here.
        switch v.kind {
        case CValKind.i32, CValKind.i64, CValKind.f32, CValKind.f64, CValKind.v128: values.append(Value.take(&v, api: api))
        default: values.append(.reference(isNull: v.of.0 == 0))
        }
    }
    func fail(_ error: Error) -> OpaquePointer? {
        if let caller, let ctx = api.wasmtime_caller_context(caller),
           let data = api.wasmtime_context_get_data(ctx) {
            Unmanaged<StoreState>.fromOpaque(data).takeUnretainedValue().hostError = error
        }
        let message = "host function '\(f.name)' failed: \(error)"
        return message.withCString { api.wasmtime_trap_new($0, strlen($0)) }
    }
    do {
        let out = try f.body(Caller(api: api, raw: caller!), values)
        guard out.count == nresults else {
            return fail(WasmtimeError.usage("host function '\(f.name)' returned \(out.count) results, its type has \(nresults)"))
        }
        for (i, v) in out.enumerated() {
            guard v.type == f.results[i], let c = v.cValue else {
                return fail(WasmtimeError.usage("host function '\(f.name)' result \(i + 1) is \(v.type), its type says \(f.results[i])"))
            }
            results!.storeBytes(of: c, toByteOffset: i * MemoryLayout<CVal>.stride, as: CVal.self)
        }
        return nil
    } catch {
        return fail(error)
    }
}

private let hostFinalizer: CFinalizer = { env in
    if let env { Unmanaged<HostFunction>.fromOpaque(env).release() }
}

public final class Linker {
    public let engine: Engine
    let raw: OpaquePointer
    var api: CAPI { engine.api }
    private var definesWASI = false

    public init(engine: Engine) throws {
        self.engine = engine
        guard let l = engine.api.wasmtime_linker_new(engine.raw) else {
            throw WasmtimeError.wasmtime("wasmtime_linker_new failed")
        }
        raw = l
    }

    deinit { api.wasmtime_linker_delete(raw) }

    /// Defines every `wasi_snapshot_preview1` function.
    public func defineWASI() throws {
        try api.check(api.wasmtime_linker_define_wasi(raw))
        definesWASI = true
    }

    /// Defines `module`.`name` as a host function of numeric parameters and results.
    public func defineFunction(module: String, name: String, parameters: [ValueType], results: [ValueType],
                               _ body: @escaping HostFunctionBody) throws {
        func kinds(_ types: [ValueType]) throws -> [UInt8] {
            try types.map { t in
                guard let k = t.wasmKind else { throw WasmtimeError.usage("host functions take and return numbers only, not \(t)") }
                return k
            }
        }
        let pk = try kinds(parameters), rk = try kinds(results)
        let api = self.api
        func vec(_ ks: [UInt8]) -> CPointerVec {
            var v = CPointerVec()
            let types = ks.map { api.wasm_valtype_new($0) }
            types.withUnsafeBufferPointer { api.wasm_valtype_vec_new(&v, $0.count, $0.baseAddress) }
            return v
        }
        var p = vec(pk), r = vec(rk)
        // wasm_functype_new takes both vectors; the linker borrows the type.
        guard let ty = api.wasm_functype_new(&p, &r) else { throw WasmtimeError.wasmtime("wasm_functype_new failed") }
        defer { api.wasm_functype_delete(ty) }
        let box = HostFunction(api: api, name: "\(module).\(name)", parameters: parameters, results: results, body: body)
        let env = Unmanaged.passRetained(box).toOpaque()
        let error = module.withCString { m in
            name.withCString { n in
                api.wasmtime_linker_define_func(raw, m, strlen(m), n, strlen(n), ty, hostTrampoline, env, hostFinalizer)
            }
        }
        // On failure too Wasmtime owns `env` and has already run the finalizer
        // (the names are valid UTF-8, the only check made before it takes them).
        try api.check(error)
    }

    /// Instantiates `module` in `store`, resolving its imports from this linker.
    /// A start function that traps throws `.trap`.
    public func instantiate(_ module: Module, in store: Store) throws -> Instance {
        if definesWASI && !store.hasWASI { try store.configureWASI(WASIOptions(inheritStdio: false)) }
        var inst = CInstance()
        var trap: OpaquePointer?
        let error = api.wasmtime_linker_instantiate(raw, store.context, module.raw, &inst, &trap)
        if let e = error {
            if let host = store.takeHostError() { api.wasmtime_error_delete(e); throw host }
            throw api.consume(error: e)
        }
        if let t = trap {
            if let host = store.takeHostError() { api.wasm_trap_delete(t); throw host }
            throw WasmtimeError.trap(api.consume(trap: t))
        }
        return Instance(store: store, raw: inst)
    }
}
