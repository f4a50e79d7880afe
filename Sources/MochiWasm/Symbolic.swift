// The symbolic module: what the WAT assembler produces and what the emitter builds,
// before linking. Entities may carry `$names` and every reference is an `Idx`: a
// name, or a number counted in this module's own index spaces (imports first, as
// in WAT). Several symbolic modules (the emitter's code, runtime fragments written
// in WAT) are merged by `WasmModuleBuilder`/`linkWasm` into one numeric `WasmModule`; names are
// the link between them.
//
// Differences from the numeric model: functions name their type by a `TypeUse`
// (an index, or an inline signature the linker turns into a deduplicated func type),
// block types may be inline signatures, struct fields and locals have names, labels
// are names or depths, and exports may come from anywhere.

/// A type definition with its names.
public struct TypeDef: Hashable, Sendable {
    public var name: String?
    public var type: SubType
    /// One entry per struct field (nil: unnamed); empty for other types.
    public var fieldNames: [String?]
    public init(_ name: String?, _ type: SubType, fieldNames: [String?] = []) {
        self.name = name; self.type = type; self.fieldNames = fieldNames
    }
}

/// A group of type definitions: a `(rec ...)` or a single `(type ...)`.
public struct TypeGroup: Hashable, Sendable {
    public var types: [TypeDef]
    /// Written as `(rec ...)`; a singleton group then keeps the 0x4E prefix.
    public var explicitRec: Bool
    public init(_ types: [TypeDef], explicitRec: Bool = false) { self.types = types; self.explicitRec = explicitRec || types.count != 1 }
}

/// How a function or import names its type: an index, an inline signature, or
/// both (WAT allows `(type $t) (param ...)`: the signature then only names params).
public struct TypeUse: Hashable, Sendable {
    public var index: Idx?
    public var signature: FuncType?
    /// Names of the parameters (nil: unnamed), one per parameter when given.
    public var paramNames: [String?]
    public init(index: Idx? = nil, signature: FuncType? = nil, paramNames: [String?] = []) {
        self.index = index; self.signature = signature; self.paramNames = paramNames
    }
    public static func type(_ t: Idx) -> TypeUse { TypeUse(index: t) }
    public static func signature(_ params: [ValType], _ results: [ValType] = []) -> TypeUse { TypeUse(signature: FuncType(params, results)) }
}

public struct SymbolicImport: Hashable, Sendable {
    public enum Descriptor: Hashable, Sendable {
        case function(TypeUse)
        case table(TableType)
        case memory(MemoryType)
        case global(GlobalType)
    }
    public var name: String?
    public var module: String
    public var field: String
    public var descriptor: Descriptor
    public init(name: String?, module: String, field: String, _ descriptor: Descriptor) {
        self.name = name; self.module = module; self.field = field; self.descriptor = descriptor
    }
    public var kind: ExternalKind {
        switch descriptor {
        case .function: return .function
        case .table: return .table
        case .memory: return .memory
        case .global: return .global
        }
    }
}

public struct Local: Hashable, Sendable {
    public var name: String?
    public var type: ValType
    public init(_ name: String?, _ type: ValType) { self.name = name; self.type = type }
}

public struct SymbolicFunction: Hashable, Sendable {
    public var name: String?
    public var type: TypeUse
    public var locals: [Local]
    /// Flat instructions without the final `end`; labels may be names.
    public var body: [Instruction]
    public init(name: String?, type: TypeUse, locals: [Local] = [], body: [Instruction] = []) {
        self.name = name; self.type = type; self.locals = locals; self.body = body
    }
}

public struct SymbolicTable: Hashable, Sendable {
    public var name: String?
    public var type: TableType
    public var initializer: [Instruction]?
    public init(name: String?, _ type: TableType, initializer: [Instruction]? = nil) { self.name = name; self.type = type; self.initializer = initializer }
}

public struct SymbolicMemory: Hashable, Sendable {
    public var name: String?
    public var type: MemoryType
    public init(name: String?, _ type: MemoryType) { self.name = name; self.type = type }
}

public struct SymbolicGlobal: Hashable, Sendable {
    public var name: String?
    public var type: GlobalType
    public var initializer: [Instruction]
    public init(name: String?, _ type: GlobalType, initializer: [Instruction]) { self.name = name; self.type = type; self.initializer = initializer }
}

public struct SymbolicElement: Hashable, Sendable {
    public var name: String?
    public var segment: ElementSegment
    public init(name: String?, _ segment: ElementSegment) { self.name = name; self.segment = segment }
}

public struct SymbolicData: Hashable, Sendable {
    public var name: String?
    public var segment: DataSegment
    public init(name: String?, _ segment: DataSegment) { self.name = name; self.segment = segment }
}

/// One module's worth of definitions with names, before linking.
public struct SymbolicModule: Sendable {
    /// What diagnostics call this module (a file name, "builder").
    public var origin: String
    public var name: String?
    public var types: [TypeGroup] = []
    public var imports: [SymbolicImport] = []
    public var functions: [SymbolicFunction] = []
    public var tables: [SymbolicTable] = []
    public var memories: [SymbolicMemory] = []
    public var globals: [SymbolicGlobal] = []
    public var exports: [Export] = []
    public var start: Idx?
    public var elements: [SymbolicElement] = []
    public var data: [SymbolicData] = []
    /// Custom sections, passed through to the linked module in order.
    public var customSections: [CustomSection] = []
    /// Functions and globals to keep even when nothing reachable uses them.
    public var roots: [(IndexSpace, Idx)] = []
    public init(origin: String = "module") { self.origin = origin }
}
