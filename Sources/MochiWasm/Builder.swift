// The API the emitter writes Wasm with: `WasmModuleBuilder` collects types, imports,
// functions, globals, memories, data and exports (its own symbolic module), merges
// in WAT fragments such as the runtime library, and links everything into one
// numeric `WasmModule` (tree-shaken, names resolved, deterministic) or straight to bytes.
// `WasmFunctionBuilder` appends instructions to one function body:
//
//     let m = WasmModuleBuilder()
//     let node = m.addStruct("node", [("left", FieldType(.ref(null: "node"))), ("val", FieldType(.i64))])
//     let f = m.addFunction("sum", params: [Local("n", .ref(null: node))], results: [.i64])
//     f.localGet("n"); f.structGet(node, "val"); f.call("helper")
//     f.emit(.i64Add)                       // any op without immediates
//     f.emit(.structGet(node, "left"))      // or any instruction value
//     try m.merge(wat: runtimeText, origin: "runtime.wat")
//     m.exportFunction("_start", "start")
//     let bytes = try m.encode()
//
// References returned by the add methods are names when a name was given, else
// numbers in the builder's own index spaces. Imports must be added before
// definitions of the same kind that are referred to by number (as in WAT).

public final class WasmFunctionBuilder {
    public let name: String
    public var params: [Local]
    public var results: [ValType]
    /// An explicit type (e.g. a closure type that `call_ref` needs exactly); nil
    /// gives the function the deduplicated func type of its signature.
    public var type: Idx?
    public private(set) var locals: [Local] = []
    public private(set) var body: [Instruction] = []

    public init(name: String, params: [Local], results: [ValType], type: Idx? = nil) {
        self.name = name; self.params = params; self.results = results; self.type = type
    }

    /// A new local; the returned reference is its name when it has one, else its index.
    @discardableResult
    public func addLocal(_ type: ValType, name: String? = nil) -> Idx {
        locals.append(Local(name, type))
        if let n = name { return .name(n) }
        return .index(UInt32(params.count + locals.count - 1))
    }

    /// The `i`th parameter.
    public func param(_ i: Int) -> Idx { .index(UInt32(i)) }

    public func emit(_ i: Instruction) { body.append(i) }
    /// An instruction without immediates (`f.emit(.i64Add)`).
    public func emit(_ op: Op) { body.append(Instruction(op)) }
    public func emit(contentsOf code: [Instruction]) { body.append(contentsOf: code) }

    // The most frequent instructions as methods; everything else through `emit`.
    public func localGet(_ l: Idx) { emit(.localGet(l)) }
    public func localSet(_ l: Idx) { emit(.localSet(l)) }
    public func localTee(_ l: Idx) { emit(.localTee(l)) }
    public func globalGet(_ g: Idx) { emit(.globalGet(g)) }
    public func globalSet(_ g: Idx) { emit(.globalSet(g)) }
    public func i32Const(_ v: Int32) { emit(.i32Const(v)) }
    public func i64Const(_ v: Int64) { emit(.i64Const(v)) }
    public func f64Const(_ v: Double) { emit(.f64Const(v)) }
    public func call(_ f: Idx) { emit(.call(f)) }
    public func returnCall(_ f: Idx) { emit(.returnCall(f)) }
    public func callRef(_ t: Idx) { emit(.callRef(t)) }
    public func drop() { emit(.drop) }
    public func `return`() { emit(.return) }
    public func unreachable() { emit(.unreachable) }
    public func br(_ l: Idx) { emit(.br(l)) }
    public func brIf(_ l: Idx) { emit(.brIf(l)) }
    public func structNew(_ t: Idx) { emit(.structNew(t)) }
    public func structGet(_ t: Idx, _ field: Idx) { emit(.structGet(t, field)) }
    public func structSet(_ t: Idx, _ field: Idx) { emit(.structSet(t, field)) }
    public func arrayNew(_ t: Idx) { emit(.arrayNew(t)) }
    public func arrayNewFixed(_ t: Idx, _ n: UInt32) { emit(.arrayNewFixed(t, n)) }
    public func arrayNewData(_ t: Idx, _ data: Idx) { emit(.arrayNewData(t, data)) }
    public func arrayGet(_ t: Idx) { emit(.arrayGet(t)) }
    public func arrayGetU(_ t: Idx) { emit(.arrayGetU(t)) }
    public func arraySet(_ t: Idx) { emit(.arraySet(t)) }
    public func arrayLen() { emit(.arrayLen) }
    public func refNull(_ h: HeapType) { emit(.refNull(h)) }
    public func refCast(_ t: RefType) { emit(.refCast(t)) }
    public func refTest(_ t: RefType) { emit(.refTest(t)) }

    public func block(_ type: BlockType = .empty, label: String? = nil) { emit(.block(type, label: label)) }
    public func loop(_ type: BlockType = .empty, label: String? = nil) { emit(.loop(type, label: label)) }
    public func `if`(_ type: BlockType = .empty, label: String? = nil) { emit(.if(type, label: label)) }
    public func `else`() { emit(.else) }
    public func end() { emit(.end) }

    /// `block ... end` around what `body` emits.
    public func block(_ type: BlockType = .empty, label: String? = nil, _ body: (WasmFunctionBuilder) -> Void) {
        block(type, label: label); body(self); end()
    }
    public func loop(_ type: BlockType = .empty, label: String? = nil, _ body: (WasmFunctionBuilder) -> Void) {
        loop(type, label: label); body(self); end()
    }
    /// `if ... [else ...] end`.
    public func `if`(_ type: BlockType = .empty, label: String? = nil, then: (WasmFunctionBuilder) -> Void,
                     else otherwise: ((WasmFunctionBuilder) -> Void)? = nil) {
        self.if(type, label: label)
        then(self)
        if let o = otherwise { self.else(); o(self) }
        end()
    }

    /// The function as a symbolic definition.
    public var definition: SymbolicFunction {
        let use = TypeUse(index: type, signature: FuncType(params.map(\.type), results), paramNames: params.map(\.name))
        return SymbolicFunction(name: name, type: use, locals: locals, body: body)
    }
}

public final class WasmModuleBuilder {
    /// The builder's own definitions (functions live in `functionBuilders` until linking).
    public private(set) var module: SymbolicModule
    public private(set) var functionBuilders: [WasmFunctionBuilder] = []
    /// Modules merged in, in order (after the builder's own).
    public private(set) var fragments: [SymbolicModule] = []
    private var errors: [String] = []

    public init(name: String? = nil) {
        module = SymbolicModule(origin: "builder")
        module.name = name
    }

    private func typeCount() -> Int { module.types.reduce(0) { $0 + $1.types.count } }

    // MARK: Types

    /// A type in a recursion group of its own.
    @discardableResult
    public func addType(_ name: String?, _ type: SubType, fieldNames: [String?] = []) -> Idx {
        let index = typeCount()
        module.types.append(TypeGroup([TypeDef(name, type, fieldNames: fieldNames)]))
        return name.map { .name($0) } ?? .index(UInt32(index))
    }

    @discardableResult
    public func addStruct(_ name: String?, _ fields: [(String?, FieldType)], supertype: Idx? = nil, final: Bool = true) -> Idx {
        addType(name, SubType(final: final, supertypes: supertype.map { [$0] } ?? [], .struct(fields.map(\.1))), fieldNames: fields.map(\.0))
    }

    @discardableResult
    public func addArray(_ name: String?, _ element: FieldType, supertype: Idx? = nil, final: Bool = true) -> Idx {
        addType(name, SubType(final: final, supertypes: supertype.map { [$0] } ?? [], .array(element)))
    }

    @discardableResult
    public func addFuncType(_ name: String?, _ params: [ValType], _ results: [ValType], supertype: Idx? = nil, final: Bool = true) -> Idx {
        addType(name, SubType(final: final, supertypes: supertype.map { [$0] } ?? [], .func(FuncType(params, results))))
    }

    /// Types that refer to each other, in one recursion group; their references.
    @discardableResult
    public func addRecGroup(_ defs: [TypeDef]) -> [Idx] {
        let first = typeCount()
        module.types.append(TypeGroup(defs, explicitRec: true))
        return defs.enumerated().map { k, d in d.name.map { .name($0) } ?? .index(UInt32(first + k)) }
    }

    // MARK: Imports

    private func checkImportOrder(_ kind: ExternalKind) {
        let defined: Bool
        switch kind {
        case .function: defined = !functionBuilders.isEmpty
        case .table: defined = !module.tables.isEmpty
        case .memory: defined = !module.memories.isEmpty
        case .global: defined = !module.globals.isEmpty
        case .tag: defined = false
        }
        let word = kind == .function ? "function" : kind.keyword
        if defined { errors.append("builder: \(word) import added after a \(word) definition; add imports first") }
    }

    @discardableResult
    public func importFunction(_ name: String, module m: String, field: String, params: [ValType], results: [ValType]) -> Idx {
        checkImportOrder(.function)
        module.imports.append(SymbolicImport(name: name, module: m, field: field, .function(.signature(params, results))))
        return .name(name)
    }

    /// A function import whose type is a named type.
    @discardableResult
    public func importFunction(_ name: String, module m: String, field: String, type: Idx) -> Idx {
        checkImportOrder(.function)
        module.imports.append(SymbolicImport(name: name, module: m, field: field, .function(.type(type))))
        return .name(name)
    }

    @discardableResult
    public func importMemory(_ name: String, module m: String, field: String, min: UInt64, max: UInt64? = nil) -> Idx {
        checkImportOrder(.memory)
        module.imports.append(SymbolicImport(name: name, module: m, field: field, .memory(MemoryType(Limits(min: min, max: max)))))
        return .name(name)
    }

    @discardableResult
    public func importGlobal(_ name: String, module m: String, field: String, _ type: GlobalType) -> Idx {
        checkImportOrder(.global)
        module.imports.append(SymbolicImport(name: name, module: m, field: field, .global(type)))
        return .name(name)
    }

    @discardableResult
    public func importTable(_ name: String, module m: String, field: String, _ type: TableType) -> Idx {
        checkImportOrder(.table)
        module.imports.append(SymbolicImport(name: name, module: m, field: field, .table(type)))
        return .name(name)
    }

    // MARK: Definitions

    /// A new function, already part of the module; fill its body through the result.
    public func addFunction(_ name: String, params: [Local] = [], results: [ValType] = [], type: Idx? = nil) -> WasmFunctionBuilder {
        let f = WasmFunctionBuilder(name: name, params: params, results: results, type: type)
        functionBuilders.append(f)
        return f
    }

    @discardableResult
    public func addGlobal(_ name: String, _ type: GlobalType, _ initializer: [Instruction]) -> Idx {
        module.globals.append(SymbolicGlobal(name: name, type, initializer: initializer))
        return .name(name)
    }

    @discardableResult
    public func addMemory(_ name: String?, min: UInt64, max: UInt64? = nil) -> Idx {
        module.memories.append(SymbolicMemory(name: name, MemoryType(Limits(min: min, max: max))))
        let imported = module.imports.filter { $0.kind == .memory }.count
        return name.map { .name($0) } ?? .index(UInt32(imported + module.memories.count - 1))
    }

    @discardableResult
    public func addTable(_ name: String?, _ type: TableType, initializer: [Instruction]? = nil) -> Idx {
        module.tables.append(SymbolicTable(name: name, type, initializer: initializer))
        let imported = module.imports.filter { $0.kind == .table }.count
        return name.map { .name($0) } ?? .index(UInt32(imported + module.tables.count - 1))
    }

    /// A passive data segment (for `array.new_data`, `memory.init`).
    @discardableResult
    public func addData(_ name: String?, _ bytes: [UInt8]) -> Idx {
        module.data.append(SymbolicData(name: name, DataSegment(.passive, bytes)))
        return name.map { .name($0) } ?? .index(UInt32(module.data.count - 1))
    }

    /// An active data segment at a constant offset.
    @discardableResult
    public func addData(_ name: String?, memory: Idx = .index(0), offset: Int32, _ bytes: [UInt8]) -> Idx {
        module.data.append(SymbolicData(name: name, DataSegment(.active(memory, offset: [.i32Const(offset)]), bytes)))
        return name.map { .name($0) } ?? .index(UInt32(module.data.count - 1))
    }

    @discardableResult
    public func addElement(_ name: String?, _ segment: ElementSegment) -> Idx {
        module.elements.append(SymbolicElement(name: name, segment))
        return name.map { .name($0) } ?? .index(UInt32(module.elements.count - 1))
    }

    public func export(_ name: String, _ kind: ExternalKind, _ target: Idx) {
        module.exports.append(Export(name, kind, target))
    }
    public func exportFunction(_ name: String, _ f: Idx) { export(name, .function, f) }
    public func exportMemory(_ name: String, _ m: Idx) { export(name, .memory, m) }

    public func setStart(_ f: Idx) { module.start = f }

    /// Keeps a function (or global) even when nothing reachable refers to it.
    public func addRoot(_ space: IndexSpace = .function, _ i: Idx) { module.roots.append((space, i)) }

    // MARK: Fragments and linking

    /// Adds a symbolic module (e.g. parsed WAT) whose names link with this one's.
    public func merge(_ m: SymbolicModule) { fragments.append(m) }

    /// Parses WAT text (e.g. a runtime fragment) and merges it.
    public func merge(wat text: String, origin: String) throws {
        fragments.append(try parseWAT(text, origin: origin))
    }

    /// The builder's definitions and the merged fragments, in link order.
    public var symbolicModules: [SymbolicModule] {
        var own = module
        own.functions = functionBuilders.map(\.definition)
        return [own] + fragments
    }

    public func link(_ options: LinkOptions = LinkOptions()) throws -> WasmModule {
        if let e = errors.first { throw LinkError(e) }
        return try linkWasm(symbolicModules, options: options)
    }

    public func encode(_ options: LinkOptions = LinkOptions()) throws -> [UInt8] {
        let m = try link(options)
        do { return try encodeWasmModule(m) } catch let e as WasmEncodeError { throw LinkError(e.message) }
    }
}
