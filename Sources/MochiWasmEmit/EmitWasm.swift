// IR -> one WebAssembly module as WAT text (docs/WASM.md): the module-level half of the
// Wasm emitter. It names everything, lays the module out in a fixed order, and writes
// what the functions share:
//   * the runtime's recursion group of types (types.wat), then one group of the
//     program's own: a struct type per struct, a base type per union with a final
//     subtype per variant, a func type and a closure type per closure signature, and a
//     capture type per (function, capture count) that `closure.new` makes;
//   * a descriptor global per struct and variant (name, tag, field names, getter and
//     setter functions), all constant expressions; one shared instance of each
//     field-less struct or variant and of each capture-less closure;
//   * string constants: short ones as constant expressions, longer ones as passive data
//     segments made into `$str` objects once, by `_start`;
//   * the program's globals, its functions (FunctionEmit.swift), the closure adapters,
//     the getters and setters, and small helpers the code calls on cold paths;
//   * the runtime fragments the program reaches (RuntimeLink.swift);
//   * `_start`: constants, `$mochi_loc_file`, `@main`, flush.
// The output depends only on the module (declaration order everywhere), so the same IR
// always gives the same bytes.

import MochiIR
import MochiWasm

public struct EmitWasmOptions: Sendable {
    /// Keep only the runtime fields the program reaches in the WAT text (false: every
    /// fragment whole).
    public var shakeRuntime = true
    /// Let MochiWasm's linker drop what nothing reaches when it assembles the binary.
    public var shakeLinked = true
    /// The runtime fragments (file name, WAT text); types.wat among them.
    public var runtime: [(name: String, text: String)] = embeddedRuntime
    public init() {}
}

/// Translates a verified module into the WAT text of one self-contained module.
public func emitWasmText(_ module: Module, options: EmitWasmOptions = EmitWasmOptions()) throws -> String {
    var e = try ModuleEmitter(module: module, options: options)
    return try e.emit()
}

/// Translates a verified module into the bytes of one WebAssembly module: the WAT text
/// of `emitWasmText`, assembled, linked (tree-shaken unless `shakeRuntime` is off) and
/// encoded with its name section by MochiWasm. Same module, same bytes.
public func emitWasmBinary(_ module: Module, options: EmitWasmOptions = EmitWasmOptions()) throws -> [UInt8] {
    let text = try emitWasmText(module, options: options)
    return try assembleWasm(text, origin: module.sourceFile.isEmpty ? "module.wat" : module.sourceFile + ".wat",
                            treeShake: options.shakeLinked)
}

/// WAT text to module bytes through MochiWasm's assembler, linker and encoder. A
/// failure here is the emitter's (its text must always assemble): it says so.
public func assembleWasm(_ text: String, origin: String, treeShake: Bool = true) throws -> [UInt8] {
    do {
        let symbolic = try parseWAT(text, origin: origin)
        let linked = try linkWasm([symbolic], options: LinkOptions(treeShake: treeShake))
        return try encodeWasmModule(linked)
    } catch {
        throw EmitWasmError("internal error: the emitted module does not assemble: \(error)")
    }
}

/// What a closure signature lowers to.
struct ClosureSig {
    var index: Int
    var params: [String]
    var result: String?
    var irType: IRType
    var fnType: String { "$#fn\(index)" }
    var cloType: String { "$#clo\(index)" }
}

/// Cold-path and shared helper functions the emitter writes when some code uses them.
enum EmitHelper: Int, CaseIterable, Comparable {
    case mulSlow, fieldNull, round, fmin, fmax, nonFunction
    static func < (a: EmitHelper, b: EmitHelper) -> Bool { a.rawValue < b.rawValue }

    var name: String {
        switch self {
        case .mulSlow: return "$#mul_slow"
        case .fieldNull: return "$#field_null_at"
        case .round: return "$#round"
        case .fmin: return "$#fmin"
        case .fmax: return "$#fmax"
        case .nonFunction: return "$#non_function"
        }
    }
}

struct ModuleEmitter {
    let module: Module
    let options: EmitWasmOptions
    let symbols: SymbolIndex
    let runtime: RuntimeLibrary
    var funcNames: [String] = []
    var globalNames: [String] = []
    /// Wasm type name of each struct / union (`$%P`), and of each variant (`$%U.V`).
    var typeNames: [String: String] = [:]
    var variantTypeNames: [String: [String]] = [:]
    var closureSigs: [ClosureSig] = []
    var closureSigIndex: [String: Int] = [:]
    /// Capture types in first-use order: (function index, capture count).
    var captures: [(function: Int, count: Int)] = []
    var captureIndex: [Int: [Int: Int]] = [:]
    var strings: [[UInt8]] = []
    var stringIndex: [[UInt8]: Int] = [:]
    var helpers: Set<EmitHelper> = []
    /// Types of the globals values are pinned with (FunctionEmitter.findAnchors).
    var anchors: Set<String> = []
    /// Struct types some `record.new` makes (they get a record descriptor too).
    var recordTypes: Set<String> = []
    /// List banks whose shared empty store hoisted list caches use for a nil list.
    var emptyArrays: Set<Int> = []
    /// Runtime functions and globals the emitted code names.
    var runtimeUses: Set<String> = []
    /// Functions that call nothing (no call, no closure call). A call of one needs
    /// only the depth check, not the count: nothing inside it reads the depth, and
    /// the check is the same one (`stack overflow` at the call when the depth has
    /// reached the limit). Every other function takes its depth as a last parameter
    /// (FunctionEmitter.depthParam).
    var leaf: [Bool] = []
    /// Leaf functions that change no list's length, store or ownership (no list.set,
    /// list.push, list.append, group.add): a call of one keeps the caller's list
    /// caches, and a loop that calls one may still hoist its lists.
    var listInert: [Bool] = []
    /// Per function: the depth checks of inlined calls (LeafInliner), by instruction.
    var depthChecks: [[Int32: Int32]] = []
    /// Per function: what the tests of headers removed by loop rotation held on the
    /// edges into their bodies (Rotate.swift).
    var rotationFacts: [[LoopRotation.Fact]] = []
    /// Error functions called on cold paths, by name, with their func type (see
    /// coldCallee).
    var coldTargets: [String: String] = [:]

    /// The functions a failing check calls (`$mochi_err_overflow_at`, the list index
    /// error, ...) are called through `call_ref` on a constant global instead of by
    /// `call`: Cranelift inlines small direct callees, and these (an allocation of the
    /// message, a call) inlined into every check's cold arm made fib save five
    /// callee-saved registers per call instead of three (fib(38) 15% slower). An
    /// indirect call is never inlined; the cold arm costs the same. The global
    /// holding `fn` (a `$`-name) is returned; `type` is one of coldTypes' names.
    mutating func coldCallee(_ fn: String, type: String) -> String {
        coldTargets[fn] = type
        return "$#cold." + fn.dropFirst()
    }

    /// The func types of cold callees: each in a recursion group of its own, so it is
    /// the same type as the function's own (implicit) one.
    static let coldTypes: [String: String] = [
        "$#cold_line": "(func (param i32))",
        "$#cold_index": "(func (param i64 i32 i32) (result i32))",
    ]
    var namer = WatNamer(reserved: ["_start"])

    /// True when the runtime declares bigint.wat's types (`$bigint`, `$bigrat`).
    var hasBigTypes: Bool { runtime.hasBigTypes }

    /// Strings up to this many bytes are constant expressions; longer ones are data.
    static let inlineStringLimit = 16

    init(module: Module, options: EmitWasmOptions) throws {
        self.module = module
        self.options = options
        self.symbols = module.symbolIndex()
        // A program without bigint or bigrat values (every one is made by a big.* op or
        // an unbox to those types, whose results carry the type) needs no exact-number
        // dispatch in the runtime's dynamic-value code.
        let exact = module.functions.contains { f in f.valueTypes.contains { $0 == .bigint || $0 == .bigrat } }
        self.runtime = try RuntimeLibrary(fragments: options.runtime, exact: exact)
    }

    // MARK: names and types

    mutating func stringConstant(_ s: [UInt8]) -> String {
        if let i = stringIndex[s] { return "$#s\(i)" }
        strings.append(s)
        stringIndex[s] = strings.count - 1
        return "$#s\(strings.count - 1)"
    }

    mutating func stringConstant(_ s: String) -> String { stringConstant(Array(s.utf8)) }

    /// True when the constant's global is a non-null `(ref $str)`.
    func stringIsInline(_ name: String) -> Bool {
        guard let k = Int(name.dropFirst(3)) else { return false }
        return strings[k].count <= ModuleEmitter.inlineStringLimit
    }

    mutating func use(_ runtimeName: String) -> String {
        runtimeUses.insert(runtimeName)
        return "$" + runtimeName
    }

    /// The Wasm value type of an IR type.
    mutating func wasmType(_ t: IRType) -> String {
        switch t {
        case .i64: return "i64"
        case .f64: return "f64"
        case .bool: return "i32"
        case .unit, .any: return "anyref"
        case .str: return "(ref null $str)"
        case .list(let e): return "(ref null \(ListBank(element: e).listType))"
        case .map: return "(ref null $map)"
        case .named(let n): return "(ref null \(typeNames[n] ?? "$struct"))"
        case .fn: return "(ref null \(closureSig(t).cloType))"
        // Exact numbers: bigint.wat's objects once types.wat has them (until then a
        // program using them is refused with a clear error, see FunctionEmitter).
        case .bigint: return hasBigTypes ? "(ref null $bigint)" : "anyref"
        case .bigrat: return hasBigTypes ? "(ref null $bigrat)" : "anyref"
        }
    }

    /// The result type of a function returning `t` (none for unit).
    mutating func resultType(_ t: IRType) -> String? { t == .unit ? nil : wasmType(t) }

    mutating func closureSig(_ t: IRType) -> ClosureSig {
        guard case .fn(let ps, let r) = t else { preconditionFailure("closureSig of \(t)") }
        let params = ps.map { wasmType($0) }
        let result = resultType(r)
        let key = params.joined(separator: " ") + " -> " + (result ?? "")
        if let k = closureSigIndex[key] { return closureSigs[k] }
        let sig = ClosureSig(index: closureSigs.count, params: params, result: result, irType: t)
        closureSigs.append(sig)
        closureSigIndex[key] = sig.index
        return sig
    }

    mutating func captureType(function fi: Int, count: Int) -> String {
        let f = module.functions[fi]
        if captureIndex[fi]?[count] == nil {
            captureIndex[fi, default: [:]][count] = captures.count
            captures.append((fi, count))
            _ = closureSig(.fn(Array(f.paramTypes.dropFirst(count)), f.returnType))
        }
        return "$#cap.\(funcNames[fi].dropFirst()).\(count)"
    }

    func adapterName(function fi: Int, count: Int) -> String { funcNames[fi] + "#clo\(count)" }

    // MARK: the module

    mutating func emit() throws -> String {
        guard let mainIndex = symbols.functions["main"] else {
            throw EmitWasmError("the module has no @main function")
        }
        guard module.functions[mainIndex].paramTypes.isEmpty else {
            throw EmitWasmError("@main must take no parameters")
        }
        // Names first, in declaration order, so they do not depend on use order.
        for f in module.functions { funcNames.append("$" + namer.make("", f.name, avoidPrefix: "mochi_")) }
        var gnamer = WatNamer()
        for g in module.globals { globalNames.append("$@" + gnamer.make("", g.name)) }
        // One namer for types and variants: a quoted type name "U.V" and variant V
        // of union U must not both be `$%U.V`.
        var tnamer = WatNamer()
        for d in module.types { typeNames[d.name] = "$" + tnamer.make("%", d.name) }
        for d in module.types {
            if case .union(let vs) = d.kind {
                let n = typeNames[d.name]!.dropFirst()
                variantTypeNames[d.name] = vs.map { "$" + tnamer.make(String(n) + ".", $0.name) }
            }
        }
        // Closure signatures named by the program's declarations come first, in
        // declaration order (a deterministic numbering of `$#fn<k>`).
        for d in module.types {
            switch d.kind {
            case .structure(let fs): for fd in fs { _ = wasmType(fd.type) }
            case .union(let vs): for v in vs { for fd in v.fields { _ = wasmType(fd.type) } }
            }
        }
        for g in module.globals { _ = wasmType(g.type) }
        for f in module.functions {
            for t in f.paramTypes { _ = wasmType(t) }
            _ = wasmType(f.returnType)
        }

        for f in module.functions {
            let isLeaf = !f.insts.contains { $0.op == .call || $0.op == .callClosure }
            leaf.append(isLeaf)
            listInert.append(isLeaf && !f.insts.contains {
                [.listSet, .listPush, .listAppend, .groupAdd].contains($0.op)
            })
        }

        // Small leaf functions inlined into copies of their callers (after `leaf` is
        // known: a caller keeps its depth parameter for the inlined calls' checks),
        // then the early returns of callees that test and return first (Inline.swift).
        var sources: [Function] = []
        for f in module.functions {
            let (g0, checks0) = LeafInliner.inline(f, module: module, symbols: symbols.functions, leaf: leaf)
            let (g1, checks) = GuardInliner.inline(g0, module: module, symbols: symbols.functions, checks: checks0)
            let (g, rfacts) = LoopRotation.rotate(g1)
            sources.append(g)
            rotationFacts.append(rfacts)
            depthChecks.append(checks)
        }

        // Function bodies: they discover strings, closures, helpers and runtime uses.
        var bodies: [String] = []
        for (i, f) in sources.enumerated() {
            var fe = FunctionEmitter(function: f, index: i, module: self)
            bodies.append(try fe.emit())
            self = fe.module
        }

        var defs: [String] = []
        // Descriptors, getters and setters.
        var descGlobals: [String] = []
        for d in module.types {
            switch d.kind {
            case .structure(let fs):
                descGlobals.append(contentsOf: descriptor(d.name, variant: -1, name: d.name, fields: fs, tag: -1))
                if recordTypes.contains(d.name) {
                    descGlobals.append(contentsOf: recordDescriptor(d.name, fields: fs))
                }
                defs.append(try accessors(d.name, variant: -1, fields: fs))
            case .union(let vs):
                for (tag, v) in vs.enumerated() {
                    descGlobals.append(contentsOf: descriptor(d.name, variant: tag, name: v.name, fields: v.fields, tag: tag))
                    defs.append(try accessors(d.name, variant: tag, fields: v.fields))
                }
            }
        }
        // Closure adapters and the shared capture-less closures.
        var closureGlobals: [String] = []
        var k = 0
        while k < captures.count {
            let (fi, n) = captures[k]
            defs.append(adapter(function: fi, count: n))
            if n == 0 {
                closureGlobals.append("(global \(captureSingleton(fi)) (ref \(captureType(function: fi, count: 0))) "
                                      + "(struct.new \(captureType(function: fi, count: 0)) (ref.func \(adapterName(function: fi, count: 0)))))")
            }
            k += 1
        }
        for h in EmitHelper.allCases where helpers.contains(h) { defs.append(helperCode(h)) }
        let start = startFunction(mainIndex)

        // The runtime: what the program reaches, plus stand-ins for what it lacks.
        var roots = runtimeUses
        for t in [bodies.joined(), defs.joined(), start] { for r in refTokens(t) { roots.insert(r) } }
        var kept = runtime.select(roots: roots, shake: options.shakeRuntime)
        // Runtime functions of the interface that kept runtime code calls are stood in
        // for too, while the runtime is incomplete.
        for k in kept {
            for r in runtime.fields[k].refs where RuntimeABI.table[r] != nil { runtimeUses.insert(r) }
        }
        var stubs: [String] = []
        for name in runtimeUses.sorted() {
            if RuntimeABI.globals[name] != nil {
                if !runtime.defines(global: name) {
                    stubs.append("(global $\(name) \(RuntimeABI.globals[name]!))")
                }
                continue
            }
            if runtime.defines(function: name) { continue }
            guard let sig = RuntimeABI.table[name] else {
                throw EmitWasmError("internal: no signature for runtime function \(name)")
            }
            stubs.append(missingStub(name, sig))
        }
        // The stand-ins call $mochi_rt_error: keep it (and what it needs) then.
        if stubs.contains(where: { $0.hasPrefix("(func") }) && runtime.defines(function: "mochi_rt_error") {
            for k in runtime.select(roots: roots.union(["mochi_rt_error"]), shake: options.shakeRuntime) where !kept.contains(k) {
                kept.append(k)
            }
            kept.sort()
        }
        let memory = runtime.memoryName ?? "mochi_memory"
        if runtime.memoryName == nil {
            stubs.append("(memory $mochi_memory 1)")
        }

        var out = "(module $" + namer.make("", moduleName()) + "\n"
        out += ";; Generated by mochi-emitwasm from the Mochi IR of "
            + (module.sourceFile.isEmpty ? "an unnamed module" : "'" + watComment(module.sourceFile) + "'") + ".\n"
        out += ";; ---- runtime types (types.wat)\n" + runtime.typesText + "\n"
        out += userTypes()
        let keptFields = kept.map { runtime.fields[$0] }
        let imports = keptFields.filter { $0.kind == "import" }
        if !imports.isEmpty {
            out += ";; ---- imports\n"
            for f in imports { out += f.text + "\n" }
        }
        out += ";; ---- runtime\n"
        for f in keptFields where f.kind != "import" { out += f.text + "\n" }
        if !stubs.isEmpty {
            out += ";; ---- stand-ins for runtime functions not written yet\n"
            for s in stubs { out += s + "\n" }
        }
        out += ";; ---- constants\n"
        out += stringGlobals()
        for g in descGlobals { out += g + "\n" }
        for g in closureGlobals { out += g + "\n" }
        for t in Set(coldTargets.values).sorted() { out += "(type \(t) \(ModuleEmitter.coldTypes[t]!))\n" }
        for (fn, t) in coldTargets.sorted(by: { $0.key < $1.key }) {
            out += "(global $#cold.\(fn.dropFirst()) (ref \(t)) (ref.func \(fn)))\n"
        }
        for t in anchors.sorted() { out += "(global $#anchor_\(t) (mut \(t)) (\(t).const 0))\n" }
        for k in emptyArrays.sorted() {
            let b = ListBank(rawValue: k)!
            out += "(global $#empty_\(b.suffix) (ref \(b.arrayType)) (array.new_fixed \(b.arrayType) 0))\n"
        }
        if !module.globals.isEmpty {
            out += ";; ---- globals\n"
            for (i, g) in module.globals.enumerated() {
                let t = wasmType(g.type)
                out += "(global \(globalNames[i]) (mut \(t)) \(zeroValue(g.type)))  ;; @\(watComment(g.name)): \(watComment(g.type.description))\n"
            }
        }
        out += ";; ---- functions\n"
        for b in bodies { out += b }
        for d in defs { out += d }
        out += start
        // Functions named by ref.func in code need a declaration.
        var declared: [String] = []
        var seen: Set<String> = []
        for t in [out] {
            for n in refFuncTargets(t) where !seen.contains(n) {
                seen.insert(n)
                declared.append(n)
            }
        }
        // Those only named in global initialisers are declared already, but a
        // redundant declaration is harmless and keeps this simple.
        if !declared.isEmpty {
            out += "(elem declare func " + declared.map { "$" + $0 }.joined(separator: " ") + ")\n"
        }
        for (i, s) in strings.enumerated() where s.count > ModuleEmitter.inlineStringLimit {
            out += "(data $#d\(i) \(watString(s)))\n"
        }
        out += "(export \"_start\" (func $_start))\n"
        out += "(export \"memory\" (memory $\(memory)))\n"
        out += ")\n"
        return out
    }

    func moduleName() -> String {
        var base = module.sourceFile
        if let slash = base.lastIndex(of: "/") { base = String(base[base.index(after: slash)...]) }
        if base.hasSuffix(".mochi") { base = String(base.dropLast(6)) }
        return base.isEmpty ? "mochi" : base
    }

    /// Every `$id` token of emitted text (roots for the runtime's reachability).
    func refTokens(_ text: String) -> [String] {
        var out: [String] = []
        let b = Array(text.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "$") {
                let s = i + 1
                var j = s
                while j < b.count && WatFields.isIdChar(b[j]) { j += 1 }
                if j > s { out.append(String(decoding: b[s..<j], as: UTF8.self)) }
                i = j
                continue
            }
            if b[i] == UInt8(ascii: "\"") {
                i += 1
                while i < b.count && b[i] != UInt8(ascii: "\"") { if b[i] == UInt8(ascii: "\\") { i += 1 }; i += 1 }
            }
            i += 1
        }
        return out
    }

    func zeroValue(_ t: IRType) -> String {
        switch t {
        case .i64: return "(i64.const 0)"
        case .f64: return "(f64.const 0)"
        case .bool: return "(i32.const 0)"
        default: return "(ref.null none)"
        }
    }

    func captureSingleton(_ fi: Int) -> String { "$#closure." + funcNames[fi].dropFirst() }

    // MARK: types

    mutating func userTypes() -> String {
        var lines: [String] = []
        for d in module.types {
            let n = typeNames[d.name]!
            switch d.kind {
            case .structure(let fs):
                lines.append("  ;; %\(watComment(d.name)) = struct")
                lines.append("  (type \(n) (sub final $struct (struct (field $desc (ref $desc))" + fieldList(fs) + ")))")
            case .union(let vs):
                lines.append("  ;; %\(watComment(d.name)) = union")
                lines.append("  (type \(n) (sub $struct (struct (field $desc (ref $desc)))))")
                for (tag, v) in vs.enumerated() {
                    lines.append("  (type \(variantTypeNames[d.name]![tag]) (sub final \(n) (struct (field $desc (ref $desc))" + fieldList(v.fields) + ")))")
                }
            }
        }
        // Closure signatures (capture types may add more while being written).
        var k = 0
        var sigLines: [String] = []
        while k < closureSigs.count {
            let s = closureSigs[k]
            sigLines.append("  ;; \(watComment(s.irType.description))")
            sigLines.append("  (type \(s.fnType) (func (param (ref $clo))" + s.params.map { " (param \($0))" }.joined()
                            + (s.result.map { " (result \($0))" } ?? "") + "))")
            sigLines.append("  (type \(s.cloType) (sub $clo (struct (field $code (ref \(s.fnType))))))")
            k += 1
        }
        for (fi, n) in captures {
            let f = module.functions[fi]
            let sig = closureSig(.fn(Array(f.paramTypes.dropFirst(n)), f.returnType))
            var fields = " (field $code (ref \(sig.fnType)))"
            for (j, t) in f.paramTypes.prefix(n).enumerated() { fields += " (field $c\(j) \(wasmType(t)))" }
            sigLines.append("  (type \(captureType(function: fi, count: n)) (sub final \(sig.cloType) (struct" + fields + ")))")
        }
        lines += sigLines
        if lines.isEmpty { return "" }
        return ";; ---- the program's types\n(rec\n" + lines.joined(separator: "\n") + "\n)\n"
    }

    mutating func fieldList(_ fs: [FieldDecl]) -> String {
        var vnamer = WatNamer(reserved: ["desc"])
        return fs.map { " (field $\(vnamer.make("", $0.name)) (mut \(wasmType($0.type))))" }.joined()
    }

    func wasmTypeName(_ type: String, _ variant: Int) -> String {
        variant < 0 ? typeNames[type]! : variantTypeNames[type]![variant]
    }

    func descName(_ type: String, _ variant: Int) -> String {
        "$#desc." + wasmTypeName(type, variant).dropFirst()
    }

    /// The record twin of a struct's descriptor (`record.new`: map literals and query
    /// rows): tag -2, so value.wat prints it as a plain map, without "__name".
    func recordDescName(_ type: String) -> String { "$#rdesc." + wasmTypeName(type, -1).dropFirst() }
    func recordSingletonName(_ type: String) -> String { "$#rone." + wasmTypeName(type, -1).dropFirst() }

    mutating func recordDescriptor(_ type: String, fields: [FieldDecl]) -> [String] {
        let tn = wasmTypeName(type, -1)
        let accessor = String(tn.dropFirst())
        var out = ["(global \(recordDescName(type)) (ref $desc) (struct.new $desc " + constStr(type)
                   + " (i32.const -2) (array.new_fixed $arr_str \(fields.count)"
                   + fields.map { " " + constStr($0.name) }.joined()
                   + ") (ref.func $#get.\(accessor)) (ref.func $#set.\(accessor))))"]
        if fields.isEmpty {
            out.append("(global \(recordSingletonName(type)) (ref \(tn)) (struct.new \(tn) (global.get \(recordDescName(type)))))")
        }
        return out
    }

    func singletonName(_ type: String, _ variant: Int) -> String {
        "$#one." + wasmTypeName(type, variant).dropFirst()
    }

    /// A `$str` as a constant expression.
    func constStr(_ s: String) -> String {
        let b = Array(s.utf8)
        let ncp = s.unicodeScalars.count
        return "(struct.new $str (array.new_fixed $bytes \(b.count)" + b.map { " (i32.const \($0))" }.joined()
            + ") (i32.const \(ncp)))"
    }

    mutating func descriptor(_ type: String, variant: Int, name: String, fields: [FieldDecl], tag: Int) -> [String] {
        let tn = wasmTypeName(type, variant)
        let accessor = String(tn.dropFirst())
        var out = ["(global \(descName(type, variant)) (ref $desc) (struct.new $desc " + constStr(name)
                   + " (i32.const \(tag)) (array.new_fixed $arr_str \(fields.count)"
                   + fields.map { " " + constStr($0.name) }.joined()
                   + ") (ref.func $#get.\(accessor)) (ref.func $#set.\(accessor))))"]
        if fields.isEmpty {
            out.append("(global \(singletonName(type, variant)) (ref \(tn)) (struct.new \(tn) (global.get \(descName(type, variant)))))")
        }
        return out
    }

    /// The getter (field i boxed as any) and setter (field i = any, unboxed) of a
    /// struct or variant, for the runtime's printing, equality and JSON.
    mutating func accessors(_ type: String, variant: Int, fields: [FieldDecl]) throws -> String {
        let tn = wasmTypeName(type, variant)
        let accessor = String(tn.dropFirst())
        var get = "(func $#get.\(accessor) (type $getter) (param $s (ref $struct)) (param $i i32) (result anyref)\n"
        var set = "(func $#set.\(accessor) (type $setter) (param $s (ref $struct)) (param $i i32) (param $v anyref)\n"
        if fields.isEmpty {
            get += "  ref.null none)\n"
            set += ")\n"
            return get + set
        }
        let n = fields.count
        func table(_ indent: String) -> String {
            var t = ""
            for _ in 0...n { t += indent + "block\n" }
            t += indent + "  local.get $i\n" + indent + "  br_table" + (0...n).map { " \($0)" }.joined() + "\n"
            return t
        }
        get += table("  ")
        set += table("  ")
        for (k, fd) in fields.enumerated() {
            let ind = "  "
            get += ind + "end\n" + ind + "local.get $s\n" + ind + "ref.cast (ref \(tn))\n" + ind + "struct.get \(tn) \(k + 1)\n"
            get += box(fd.type).map { ind + $0 + "\n" }.joined() + ind + "return\n"
            set += ind + "end\n" + ind + "local.get $s\n" + ind + "ref.cast (ref \(tn))\n"
            set += unboxAny(fd.type, push: ["local.get $v"]).map { ind + $0 + "\n" }.joined()
            set += ind + "struct.set \(tn) \(k + 1)\n" + ind + "return\n"
        }
        get += "  end\n  ref.null none)\n"
        set += "  end)\n"
        return get + set
    }

    /// Instructions turning a value of type t on the stack into an anyref.
    mutating func box(_ t: IRType) -> [String] {
        switch t {
        case .i64: return ["call " + use("mochi_box_i64")]
        case .f64: return ["call " + use("mochi_box_f64")]
        case .bool: return ["call " + use("mochi_box_bool")]
        case .unit: return ["drop", "ref.null none"]
        default: return []
        }
    }

    /// Instructions pushing an anyref (by `push`) and turning it into a value of type
    /// t (a bad cast is the runtime's error).
    mutating func unboxAny(_ t: IRType, push: [String]) -> [String] {
        switch t {
        case .i64: return push + ["call " + use("mochi_unbox_i64")]
        case .f64: return push + ["call " + use("mochi_unbox_f64")]
        case .bool: return push + ["call " + use("mochi_unbox_bool")]
        case .str: return push + ["call " + use("mochi_unbox_str")]
        case .list(let e): return push + ["call " + use("mochi_unbox_list_" + ListBank(element: e).suffix)]
        case .map: return push + ["call " + use("mochi_unbox_map")]
        case .any: return push
        case .unit: return ["ref.null none"]
        // an int (or, for a bigrat, a bigint) converts, as C's mochi_bigint_from_any does
        case .bigint: return push + ["call " + use("mochi_bigint_from_any")]
        case .bigrat: return push + ["call " + use("mochi_bigrat_from_any")]
        case .named, .fn:
            let target: String, want: String
            if case .named(let n) = t { target = typeNames[n]!; want = n } else { target = closureSig(t).cloType; want = "function" }
            let s = stringConstant(want)
            // br_on_cast passes the value on when it has the type (or is nil); what
            // falls through is reported with the runtime's wording.
            let fail = ["global.get \(s)"] + (stringIsInline(s) ? [] : ["ref.as_non_null"])
                + ["call " + use("mochi_bad_cast"), "unreachable"]
            // (with nothing to push, the value is on the stack already: the caller has
            // tested it with br_on_cast and this is the failing path)
            if push.isEmpty { return fail }
            return ["block (result (ref null \(target)))"] + push.map { "  " + $0 }
                + ["  br_on_cast 0 anyref (ref null \(target))"] + fail.map { "  " + $0 } + ["end"]
        }
    }

    /// The closure entry of `@f` over `n` captures: cast the closure, load the
    /// captures, tail-call `@f` with them and the arguments.
    mutating func adapter(function fi: Int, count n: Int) -> String {
        let f = module.functions[fi]
        let sig = closureSig(.fn(Array(f.paramTypes.dropFirst(n)), f.returnType))
        let cap = captureType(function: fi, count: n)
        var s = "(func \(adapterName(function: fi, count: n)) (type \(sig.fnType)) (param $c (ref $clo))"
        for (j, t) in sig.params.enumerated() { s += " (param $a\(j) \(t))" }
        if let r = sig.result { s += " (result \(r))" }
        s += "\n"
        for j in 0..<n {
            s += "  local.get $c\n  ref.cast (ref \(cap))\n  struct.get \(cap) \(j + 1)\n"
        }
        for j in 0..<sig.params.count { s += "  local.get $a\(j)\n" }
        // The caller stored the callee's depth just before its call_ref.
        if !leaf[fi] { s += "  global.get \(use("mochi_depth"))\n" }
        s += "  return_call \(funcNames[fi]))\n"
        return s
    }

    mutating func stringGlobals() -> String {
        var out = ""
        for (i, s) in strings.enumerated() {
            let text = String(decoding: s, as: UTF8.self)
            if s.count <= ModuleEmitter.inlineStringLimit {
                out += "(global $#s\(i) (ref $str) " + constStr(text) + ")\n"
            } else {
                out += "(global $#s\(i) (mut (ref null $str)) (ref.null none))\n"
            }
        }
        return out
    }

    mutating func startFunction(_ mainIndex: Int) -> String {
        let file = module.sourceFile.isEmpty ? nil : stringConstant(module.sourceFile)
        var s = "(func $_start\n"
        // String constants made once, before anything can use them.
        for (i, b) in strings.enumerated() where b.count > ModuleEmitter.inlineStringLimit {
            let ncp = String(decoding: b, as: UTF8.self).unicodeScalars.count
            s += "  i32.const 0\n  i32.const \(b.count)\n  array.new_data $bytes $#d\(i)\n  i32.const \(ncp)\n  struct.new $str\n  global.set $#s\(i)\n"
        }
        if let file {
            s += "  global.get \(file)\n  global.set \(use("mochi_loc_file"))\n"
        }
        s += "  i32.const 0\n  global.set \(use("mochi_loc_line"))\n"
        if !leaf[mainIndex] { s += "  i32.const 0\n" }  // main runs at depth 0
        s += "  call \(funcNames[mainIndex])\n"
        s += "  call \(use("mochi_out_flush")))\n"
        return s
    }

    func missingStub(_ name: String, _ sig: RuntimeSignature) -> String {
        var s = ";; stand-in: \(name)\n(func $\(name)"
        for (j, p) in sig.params.enumerated() { s += " (param $p\(j) \(p))" }
        if let r = sig.result { s += " (result \(r))" }
        // The message is built in place (constant strings are all made by now).
        s += "\n  " + constStr("wasm runtime function \(name) is missing") + "\n  call $mochi_rt_error\n  unreachable)"
        return s
    }

    mutating func helperCode(_ h: EmitHelper) -> String {
        switch h {
        case .mulSlow:
            // The exact overflow test of a product whose operands do not both fit in 32
            // bits: r / a == b unless the product wrapped (a = -1 apart: MIN / -1 traps).
            return """
            (func $#mul_slow (param $a i64) (param $b i64) (param $line i32) (result i64)
              (local $r i64)
              local.get $a
              i64.const -1
              i64.eq
              if
                local.get $b
                i64.const 0x8000000000000000
                i64.eq
                if
                  local.get $line
                  call \(use("mochi_err_overflow_at"))
                end
                i64.const 0
                local.get $b
                i64.sub
                return
              end
              local.get $a
              i64.eqz
              if
                i64.const 0
                return
              end
              local.get $a
              local.get $b
              i64.mul
              local.tee $r
              local.get $a
              i64.div_s
              local.get $b
              i64.ne
              if
                local.get $line
                call \(use("mochi_err_overflow_at"))
              end
              local.get $r)

            """
        case .fieldNull:
            let s = stringConstant("field access on a non-struct value")
            return """
            (func $#field_null_at (param $line i32)
              local.get $line
              global.set \(use("mochi_loc_line"))
              global.get \(s)\(stringIsInline(s) ? "" : "\n  ref.as_non_null")
              call \(use("mochi_rt_error")))

            """
        case .nonFunction:
            let s = stringConstant("call of a non-function value")
            return """
            (func $#non_function
              global.get \(s)\(stringIsInline(s) ? "" : "\n  ref.as_non_null")
              call \(use("mochi_rt_error")))

            """
        case .round:
            // C round(): halfway cases away from zero (f64.nearest rounds to even).
            return """
            (func $#round (param $x f64) (result f64)
              (local $t f64)
              local.get $x
              f64.trunc
              local.set $t
              local.get $x
              local.get $t
              f64.sub
              f64.abs
              f64.const 0.5
              f64.ge
              if (result f64)
                local.get $t
                f64.const 1
                local.get $x
                f64.copysign
                f64.add
              else
                local.get $t
              end)

            """
        case .fmin, .fmax:
            // C fmin/fmax: a NaN operand yields the other operand.
            let op = h == .fmin ? "f64.min" : "f64.max"
            return """
            (func \(h.name) (param $a f64) (param $b f64) (result f64)
              local.get $a
              local.get $a
              f64.ne
              if
                local.get $b
                return
              end
              local.get $b
              local.get $b
              f64.ne
              if
                local.get $a
                return
              end
              local.get $a
              local.get $b
              \(op))

            """
        }
    }
}
