// Instances and what they export: functions called with typed values, and
// linear memories read and written from the host.
//
// These are handles into a store (`wasmtime_func_t`, `wasmtime_memory_t` hold a
// store id and an index, nothing to free), and each keeps its `Store` alive so
// a handle can never outlive the objects it names. Reference results (GC
// objects, externrefs) are rooted by Wasmtime when handed to the host; they are
// unrooted as soon as they are read, so a long run of calls roots nothing.

#if canImport(Glibc)
import Glibc
#endif

/// A WebAssembly value type as the host sees it.
public enum ValueType: Equatable, Sendable, CustomStringConvertible {
    case i32, i64, f32, f64, v128
    /// A reference type; `heapType` is Wasmtime's `wasmtime_heaptype_kind_t`
    /// (0 extern, 2 func, 5 any, 7 eq, 12 a concrete struct type, ...).
    case reference(heapType: UInt8)

    /// The type a `wasm_valtype_t` stands for (it is not consumed).
    init(_ valtype: OpaquePointer, api: CAPI) {
        var t = CValType()
        api.wasmtime_valtype_new(valtype, &t)
        defer { api.wasmtime_valtype_delete(&t) }
        switch t.kind {
        case 0: self = .i32
        case 1: self = .i64
        case 2: self = .f32
        case 3: self = .f64
        case 4: self = .v128
        default: self = .reference(heapType: t.heapTypeKind)
        }
    }

    var wasmKind: UInt8? {
        switch self {
        case .i32: return CWasmValKind.i32
        case .i64: return CWasmValKind.i64
        case .f32: return CWasmValKind.f32
        case .f64: return CWasmValKind.f64
        case .v128, .reference: return nil
        }
    }

    public var description: String {
        switch self {
        case .i32: return "i32"
        case .i64: return "i64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .v128: return "v128"
        case .reference: return "ref"
        }
    }
}

/// A value passed to or returned from wasm.
public enum Value: Equatable, Sendable, CustomStringConvertible {
    case i32(Int32)
    case i64(Int64)
    case f32(Float)
    case f64(Double)
    /// A v128, little-endian: `low` holds bytes 0-7.
    case v128(low: UInt64, high: UInt64)
    /// A reference result, already unrooted: only whether it was null is kept.
    case reference(isNull: Bool)

    public var type: ValueType {
        switch self {
        case .i32: return .i32
        case .i64: return .i64
        case .f32: return .f32
        case .f64: return .f64
        case .v128: return .v128
        case .reference: return .reference(heapType: 5)
        }
    }

    public var description: String {
        switch self {
        case .i32(let v): return "\(v): i32"
        case .i64(let v): return "\(v): i64"
        case .f32(let v): return "\(v): f32"
        case .f64(let v): return "\(v): f64"
        case .v128(let lo, let hi): return "\(hi)_\(lo): v128"
        case .reference(let null): return null ? "null: ref" : "ref"
        }
    }

    /// The C form of a value the host passes in (numbers only).
    var cValue: CVal? {
        var v = CVal()
        switch self {
        case .i32(let x): v.kind = CValKind.i32; v.of.0 = UInt64(UInt32(bitPattern: x))
        case .i64(let x): v.kind = CValKind.i64; v.of.0 = UInt64(bitPattern: x)
        case .f32(let x): v.kind = CValKind.f32; v.of.0 = UInt64(x.bitPattern)
        case .f64(let x): v.kind = CValKind.f64; v.of.0 = x.bitPattern
        case .v128(let lo, let hi): v.kind = CValKind.v128; v.of.0 = lo; v.of.1 = hi
        case .reference: return nil
        }
        return v
    }

    /// Reads a value wasm produced; references are unrooted here (`unroot`).
    static func take(_ v: inout CVal, api: CAPI) -> Value {
        switch v.kind {
        case CValKind.i32: return .i32(Int32(truncatingIfNeeded: v.of.0))
        case CValKind.i64: return .i64(Int64(bitPattern: v.of.0))
        case CValKind.f32: return .f32(Float(bitPattern: UInt32(truncatingIfNeeded: v.of.0)))
        case CValKind.f64: return .f64(Double(bitPattern: v.of.0))
        case CValKind.v128: return .v128(low: v.of.0, high: v.of.1)
        default:
            // Every reference kind starts with its store id; 0 is null.
            let null = v.of.0 == 0
            if v.kind == CValKind.anyref || v.kind == CValKind.externref || v.kind == CValKind.exnref {
                api.wasmtime_val_unroot(&v)
            }
            return .reference(isNull: null)
        }
    }
}

public struct Instance {
    public let store: Store
    let raw: CInstance

    init(store: Store, raw: CInstance) {
        self.store = store
        self.raw = raw
    }

    /// The exported function `name`, or nil.
    public func function(_ name: String) -> Function? {
        guard let e = export(name), e.kind == CExternKind.function else { return nil }
        return Function(store: store, raw: CFunc(storeID: e.of.0, opaque: e.of.1))
    }

    /// The exported linear memory `name`, or nil.
    public func memory(_ name: String) -> Memory? {
        guard let e = export(name), e.kind == CExternKind.memory else { return nil }
        return Memory(store: store, raw: CMemory(storeID: e.of.0, opaque1: e.of.1, opaque2: e.of.2))
    }

    /// Every export, in the module's order.
    public var exports: [(name: String, kind: ExternKind)] {
        let api = store.api
        var out: [(String, ExternKind)] = []
        var inst = raw
        var i = 0
        while true {
            var namePtr: UnsafeMutablePointer<CChar>?
            var nameLen = 0
            var item = CExtern()
            guard api.wasmtime_instance_export_nth(store.context, &inst, i, &namePtr, &nameLen, &item) else { break }
            let name = namePtr.map { p in
                String(decoding: UnsafeRawBufferPointer(start: p, count: nameLen), as: UTF8.self)
            } ?? ""
            out.append((name, Instance.kind(item.kind)))
            api.wasmtime_extern_delete(&item)
            i += 1
        }
        return out
    }

    static func kind(_ k: UInt8) -> ExternKind {
        switch k {
        case CExternKind.function: return .function
        case CExternKind.global: return .global
        case CExternKind.table: return .table
        case CExternKind.memory, CExternKind.sharedMemory: return .memory
        case CExternKind.tag: return .tag
        default: return .unknown
        }
    }

    private func export(_ name: String) -> CExtern? {
        let api = store.api
        var inst = raw
        var item = CExtern()
        let found = name.withCString { p in
            api.wasmtime_instance_export_get(store.context, &inst, p, strlen(p), &item)
        }
        guard found else { return nil }
        let copy = item
        // Only shared memories own anything; deleting is what the API asks of every returned extern.
        if item.kind == CExternKind.sharedMemory { api.wasmtime_extern_delete(&item); return nil }
        return copy
    }
}

/// An exported (or host) function with its type.
public struct Function {
    public let store: Store
    let raw: CFunc
    public let parameters: [ValueType]
    public let results: [ValueType]

    init(store: Store, raw: CFunc) {
        self.store = store
        self.raw = raw
        let api = store.api
        var f = raw
        var params: [ValueType] = [], results: [ValueType] = []
        if let ty = api.wasmtime_func_type(store.context, &f) {
            params = Function.types(api.wasm_functype_params(ty), api)
            results = Function.types(api.wasm_functype_results(ty), api)
            api.wasm_functype_delete(ty)
        }
        parameters = params
        self.results = results
    }

    static func types(_ raw: UnsafeRawPointer?, _ api: CAPI) -> [ValueType] {
        guard let vec = raw?.load(as: CPointerVec.self), let data = vec.data else { return [] }
        return (0..<vec.size).map { i in data[i].map { ValueType($0, api: api) } ?? .i32 }
    }

    /// Calls the function. Throws `.trap` when wasm traps, `.exit(n)` when it
    /// calls WASI `proc_exit(n)`, the host function's own error when one threw,
    /// and `.usage` for arguments that do not match the parameters.
    @discardableResult
    public func call(_ arguments: [Value] = []) throws -> [Value] {
        guard arguments.count == parameters.count else {
            throw WasmtimeError.usage("the function takes \(parameters.count) arguments, \(arguments.count) given")
        }
        var args: [CVal] = []
        for (i, (a, t)) in zip(arguments, parameters).enumerated() {
            guard a.type == t, let c = a.cValue else {
                throw WasmtimeError.usage("argument \(i + 1) is \(a.type), the parameter is \(t)")
            }
            args.append(c)
        }
        let api = store.api
        var results = [CVal](repeating: CVal(), count: self.results.count)
        var trap: OpaquePointer?
        var f = raw
        let error = args.withUnsafeBufferPointer { a in
            results.withUnsafeMutableBufferPointer { r in
                api.wasmtime_func_call(store.context, &f, a.baseAddress, a.count, r.baseAddress, r.count, &trap)
            }
        }
        if let e = error {
            if let host = store.takeHostError() { api.wasmtime_error_delete(e); throw host }
            throw api.consume(error: e)
        }
        if let t = trap {
            if let host = store.takeHostError() { api.wasm_trap_delete(t); throw host }
            throw WasmtimeError.trap(api.consume(trap: t))
        }
        var out: [Value] = []
        for i in results.indices { out.append(Value.take(&results[i], api: api)) }
        return out
    }
}

/// A linear memory: its bytes, read and written with bounds checks.
public struct Memory {
    public let store: Store
    let raw: CMemory

    /// Current size in bytes.
    public var byteCount: Int {
        var m = raw
        return store.api.wasmtime_memory_data_size(store.context, &m)
    }

    /// Current size in pages.
    public var pageCount: UInt64 {
        var m = raw
        return store.api.wasmtime_memory_size(store.context, &m)
    }

    /// Grows by `pages`; returns the previous size in pages.
    @discardableResult
    public func grow(pages: UInt64) throws -> UInt64 {
        var m = raw
        var previous: UInt64 = 0
        try store.api.check(store.api.wasmtime_memory_grow(store.context, &m, pages, &previous))
        return previous
    }

    /// The memory's bytes for the duration of `body`. The buffer is invalid after
    /// any call into wasm (which may grow, and so move, the memory).
    public func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        var m = raw
        let base = store.api.wasmtime_memory_data(store.context, &m)
        let n = store.api.wasmtime_memory_data_size(store.context, &m)
        return try body(UnsafeMutableRawBufferPointer(start: base, count: base == nil ? 0 : n))
    }

    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        try withUnsafeMutableBytes { buf in
            guard offset >= 0, count >= 0, count <= buf.count, offset <= buf.count - count else {
                throw WasmtimeError.usage("memory read of \(count) bytes at \(offset) is out of bounds (size \(buf.count))")
            }
            return Array(UnsafeRawBufferPointer(rebasing: buf[offset..<(offset + count)]))
        }
    }

    public func write(_ bytes: [UInt8], at offset: Int) throws {
        try withUnsafeMutableBytes { buf in
            guard offset >= 0, bytes.count <= buf.count, offset <= buf.count - bytes.count else {
                throw WasmtimeError.usage("memory write of \(bytes.count) bytes at \(offset) is out of bounds (size \(buf.count))")
            }
            if !bytes.isEmpty { buf.baseAddress!.advanced(by: offset).copyMemory(from: bytes, byteCount: bytes.count) }
        }
    }
}
