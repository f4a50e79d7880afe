// Compiled modules: compiling and validating Wasm bytes, serializing compiled
// code (a `.cwasm`: an ELF image of native code plus Wasmtime's metadata) and
// loading it back from memory or from a file.
//
// A `.cwasm` is machine code that Wasmtime maps and runs after checking only
// that its header matches the engine (version, target, compile settings): its
// contents are trusted. Load only `.cwasm` files this toolchain (or a
// `wasmtime compile` you trust) produced, as Wasmtime's documentation says of
// `Module::deserialize`. When the header does not match, Wasmtime's refusal is
// turned into a message saying what differs and how to make a matching one.

#if canImport(Glibc)
import Glibc
#endif

/// What an import or export is.
public enum ExternKind: String, Sendable {
    case function, global, table, memory, tag, unknown
}

public struct ExportType: Equatable, Sendable {
    public var name: String
    public var kind: ExternKind
}

public struct ImportType: Equatable, Sendable {
    public var module: String
    public var name: String
    public var kind: ExternKind
}

public final class Module {
    public let engine: Engine
    let raw: OpaquePointer
    var api: CAPI { engine.api }

    private init(engine: Engine, raw: OpaquePointer) {
        self.engine = engine
        self.raw = raw
    }

    deinit { api.wasmtime_module_delete(raw) }

    /// True when `bytes` start like a WebAssembly binary module (`\0asm`).
    public static func isWasm(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x00, 0x61, 0x73, 0x6d]) }
    /// True when `bytes` start like precompiled code (an ELF image).
    public static func isPrecompiled(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]) }

    /// Checks that `bytes` are a valid module for this engine's features, without compiling.
    public static func validate(_ bytes: [UInt8], engine: Engine) throws {
        let api = engine.api
        try bytes.withUnsafeBufferPointer { b in
            try api.check(api.wasmtime_module_validate(engine.raw, b.baseAddress, b.count))
        }
    }

    /// Compiles Wasm bytes (binary format) to machine code.
    public convenience init(compiling bytes: [UInt8], engine: Engine) throws {
        let api = engine.api
        var out: OpaquePointer?
        try bytes.withUnsafeBufferPointer { b in
            try api.check(api.wasmtime_module_new(engine.raw, b.baseAddress, b.count, &out))
        }
        guard let m = out else { throw WasmtimeError.wasmtime("wasmtime_module_new returned no module") }
        self.init(engine: engine, raw: m)
    }

    /// Loads code `serialize()` (or `wasmtime compile`) produced. Trusted input:
    /// see the header comment. `source` names it in messages.
    public convenience init(deserializing bytes: [UInt8], engine: Engine, source: String = "the precompiled module") throws {
        let api = engine.api
        var out: OpaquePointer?
        let error = bytes.withUnsafeBufferPointer { b in
            api.wasmtime_module_deserialize(engine.raw, b.baseAddress, b.count, &out)
        }
        if let e = error { throw Module.explainLoadFailure(api.consume(error: e), source: source, engine: engine) }
        guard let m = out else { throw WasmtimeError.wasmtime("wasmtime_module_deserialize returned no module") }
        self.init(engine: engine, raw: m)
    }

    /// Loads a `.cwasm` file by mapping it (no copy): the fastest start. Trusted input.
    public convenience init(deserializingFile path: String, engine: Engine) throws {
        let api = engine.api
        var out: OpaquePointer?
        if let e = api.wasmtime_module_deserialize_file(engine.raw, path, &out) {
            throw Module.explainLoadFailure(api.consume(error: e), source: path, engine: engine)
        }
        guard let m = out else { throw WasmtimeError.wasmtime("wasmtime_module_deserialize_file returned no module") }
        self.init(engine: engine, raw: m)
    }

    /// The compiled code as a `.cwasm` image.
    public func serialize() throws -> [UInt8] {
        var vec = CByteVec()
        try api.check(api.wasmtime_module_serialize(raw, &vec))
        return api.take(&vec)
    }

    public var exports: [ExportType] {
        var vec = CPointerVec()
        api.wasmtime_module_exports(raw, &vec)
        defer { api.wasm_exporttype_vec_delete(&vec) }
        var out: [ExportType] = []
        for i in 0..<vec.size {
            guard let t = vec.data?[i] else { continue }
            out.append(ExportType(name: api.string(api.wasm_exporttype_name(t)) ?? "",
                                  kind: kind(api.wasm_exporttype_type(t))))
        }
        return out
    }

    public var imports: [ImportType] {
        var vec = CPointerVec()
        api.wasmtime_module_imports(raw, &vec)
        defer { api.wasm_importtype_vec_delete(&vec) }
        var out: [ImportType] = []
        for i in 0..<vec.size {
            guard let t = vec.data?[i] else { continue }
            out.append(ImportType(module: api.string(api.wasm_importtype_module(t)) ?? "",
                                  name: api.string(api.wasm_importtype_name(t)) ?? "",
                                  kind: kind(api.wasm_importtype_type(t))))
        }
        return out
    }

    private func kind(_ externType: OpaquePointer?) -> ExternKind {
        guard let t = externType else { return .unknown }
        switch api.wasm_externtype_kind(t) {
        case CWasmExternKind.function: return .function
        case CWasmExternKind.global: return .global
        case CWasmExternKind.table: return .table
        case CWasmExternKind.memory: return .memory
        case CWasmExternKind.tag: return .tag
        default: return .unknown
        }
    }

    /// Turns Wasmtime's refusal of precompiled code into one line that says what
    /// differs (version, compile settings, target) and what to do; anything
    /// else (not an image at all, a damaged one) says it is not a usable `.cwasm`.
    static func explainLoadFailure(_ error: WasmtimeError, source: String, engine: Engine) -> WasmtimeError {
        guard case .wasmtime(let full) = error else { return error }
        // "failed deserialization for: FILE: reason": the file is named by the caller.
        var reason = full
        if let r = reason.firstRange(of: "for: \(source): ") { reason = String(reason[r.upperBound...]) }
        let lower = reason.lowercased()
        let this = "Wasmtime \(engine.library.version ?? WasmtimeLibrary.supportedVersion)"
        let out = source.hasSuffix(".cwasm") ? source : "OUT.cwasm"
        let flags = engine.settings.precompileFlags
        let remake = "mochi-link --emit=cwasm \(flags.isEmpty ? "" : flags + " ")IN.wasm -o \(out)"
        if let r = reason.firstRange(of: "incompatible version '") {
            let v = reason[r.upperBound...].prefix { $0 != "'" }
            return .incompatible("\(source) was precompiled by Wasmtime \(v), but this is \(this): precompile it again "
                + "from its .wasm with this toolchain (\(remake)), or run the .wasm itself")
        }
        if lower.contains("compiled with") || lower.contains("compiled without") || lower.contains("compiled for") {
            // Fuel and epoch checks and the compiler are part of the code: name the run option that matches it.
            var hint = ""
            if lower.contains("winch") {
                hint = " (it was compiled by Winch: run it with --engine=winch)"
            } else if lower.contains("gc") && engine.settings.strategy == .winch {
                hint = " (it was compiled by Cranelift with GC: run it without --engine=winch)"
            } else if reason.contains("fuel") {
                hint = engine.settings.consumeFuel ? " (--fuel needs code compiled with fuel metering)"
                                                   : " (it has fuel metering compiled in: run it with --fuel=N)"
            } else if reason.contains("epoch") {
                hint = engine.settings.epochInterruption ? " (--deadline needs code compiled with epoch checks)"
                                                         : " (it has epoch checks compiled in: run it with --deadline=MS)"
            }
            return .incompatible("\(source) was precompiled with another configuration than this run's "
                + "(\(engine.settings.summary)): \(reason)\(hint); precompile it for this configuration "
                + "(\(remake)), or run the .wasm itself")
        }
        return .incompatible("\(source) is not a usable precompiled module for \(this) (\(full)); precompile it again "
            + "from its .wasm (\(remake)), or run the .wasm itself")
    }
}

/// Wasmtime's multi-line messages as one line: the context, then each cause
/// ("failed to parse WebAssembly module\n\nCaused by:\n    unexpected
/// end-of-file" becomes "failed to parse WebAssembly module: unexpected
/// end-of-file"); a trap's backtrace ("error while executing at wasm
/// backtrace:" and its numbered frames) is dropped, the frames being kept
/// apart in `Trap.frames`.
func oneLine(_ message: String) -> String {
    var parts: [String] = []
    var inCauses = false, inBacktrace = false
    for line in message.split(separator: "\n") {
        let t = line.trimming(" \t")
        if t.isEmpty { continue }
        if t == "Caused by:" { inCauses = true; inBacktrace = false; continue }
        if !inCauses && t.hasSuffix("wasm backtrace:") { inBacktrace = true; continue }
        if inBacktrace { continue }
        // Numbered causes ("0: reason") lose their numbers.
        if inCauses, let colon = t.firstIndex(of: ":"), !t[..<colon].isEmpty, t[..<colon].allSatisfy(\.isNumber) {
            parts.append(String(t[t.index(after: colon)...]).trimming(" "))
        } else {
            parts.append(t)
        }
    }
    return parts.isEmpty ? message.trimming(" \n") : parts.joined(separator: ": ")
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
