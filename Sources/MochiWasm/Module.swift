// The numeric module model: a Wasm module as its index spaces, exactly what the
// binary format holds and in the same order. The encoder writes it, the reader
// produces it, objdump prints it. Every `Idx` in it is a number (`.index`); the
// symbolic layer (`SymbolicModule`, `WasmModuleBuilder`) is where names live until the
// linker resolves them into this model.
//
// Encoding choices that change bytes but not meaning are kept as small flags
// (`RecGroup.explicitRec`, `ElementSegment.compact`, custom section placement), so a
// module read from bytes is written back to the same bytes.

public struct Import: Hashable, Sendable {
    public enum Descriptor: Hashable, Sendable {
        case function(Idx)
        case table(TableType)
        case memory(MemoryType)
        case global(GlobalType)
    }
    public var module: String
    public var name: String
    public var descriptor: Descriptor
    public init(module: String, name: String, _ descriptor: Descriptor) { self.module = module; self.name = name; self.descriptor = descriptor }

    public var kind: ExternalKind {
        switch descriptor {
        case .function: return .function
        case .table: return .table
        case .memory: return .memory
        case .global: return .global
        }
    }
}

/// A defined function: its type index, its locals beyond the parameters, its body
/// (without the final `end`).
public struct WasmFunction: Hashable, Sendable {
    public var type: Idx
    public var locals: [ValType]
    public var body: [Instruction]
    public init(type: Idx, locals: [ValType] = [], body: [Instruction] = []) { self.type = type; self.locals = locals; self.body = body }
}

/// A table; `initializer` (a constant expression) is required for tables of
/// non-nullable references and written with the 0x40 0x00 prefix.
public struct Table: Hashable, Sendable {
    public var type: TableType
    public var initializer: [Instruction]?
    public init(_ type: TableType, initializer: [Instruction]? = nil) { self.type = type; self.initializer = initializer }
}

public struct WasmGlobal: Hashable, Sendable {
    public var type: GlobalType
    public var initializer: [Instruction]
    public init(_ type: GlobalType, initializer: [Instruction]) { self.type = type; self.initializer = initializer }
}

public struct Export: Hashable, Sendable {
    public var name: String
    public var kind: ExternalKind
    public var index: Idx
    public init(_ name: String, _ kind: ExternalKind, _ index: Idx) { self.name = name; self.kind = kind; self.index = index }
}

public enum SegmentMode: Hashable, Sendable {
    case passive
    /// Element segments only: declares functions for `ref.func`.
    case declarative
    /// The table (element segments) or memory (data segments), and the offset.
    case active(Idx, offset: [Instruction])
}

public struct ElementSegment: Hashable, Sendable {
    public enum Items: Hashable, Sendable {
        /// Function indices (element kind 0x00, elements of type funcref).
        case functions([Idx])
        /// Constant expressions of the given reference type.
        case expressions(RefType, [[Instruction]])
    }
    public var mode: SegmentMode
    public var items: Items
    /// For an active segment into table 0 whose elements are funcref: write the short
    /// forms (flags 0 and 4) that leave the table and the type implicit.
    public var compact: Bool
    public init(_ mode: SegmentMode, _ items: Items, compact: Bool = true) { self.mode = mode; self.items = items; self.compact = compact }

    public var count: Int {
        switch items {
        case .functions(let fs): return fs.count
        case .expressions(_, let es): return es.count
        }
    }
}

public struct DataSegment: Hashable, Sendable {
    public var mode: SegmentMode
    public var bytes: [UInt8]
    public init(_ mode: SegmentMode, _ bytes: [UInt8]) { self.mode = mode; self.bytes = bytes }
}

/// An index-to-name map, sorted by index.
public typealias NameMap = [(index: UInt32, name: String)]

/// A name map per outer index (locals of each function, fields of each type).
public typealias IndirectNameMap = [(index: UInt32, names: NameMap)]

/// The `name` custom section with the extended-name-section subsections.
public struct NameSection: Sendable {
    public var module: String?
    public var functions: NameMap = []
    public var locals: IndirectNameMap = []
    public var labels: IndirectNameMap = []
    public var types: NameMap = []
    public var tables: NameMap = []
    public var memories: NameMap = []
    public var globals: NameMap = []
    public var elements: NameMap = []
    public var data: NameMap = []
    public var fields: IndirectNameMap = []
    public var tags: NameMap = []
    /// Subsections this model does not know, kept as (id, payload).
    public var unknown: [(id: UInt8, bytes: [UInt8])] = []
    public init() {}

    public var isEmpty: Bool {
        module == nil && functions.isEmpty && locals.isEmpty && labels.isEmpty && types.isEmpty && tables.isEmpty
            && memories.isEmpty && globals.isEmpty && elements.isEmpty && data.isEmpty && fields.isEmpty && tags.isEmpty
            && unknown.isEmpty
    }

    public func functionName(_ i: UInt32) -> String? { NameSection.lookup(functions, i) }
    public func typeName(_ i: UInt32) -> String? { NameSection.lookup(types, i) }
    public func globalName(_ i: UInt32) -> String? { NameSection.lookup(globals, i) }
    public func localName(function f: UInt32, _ i: UInt32) -> String? {
        guard let m = locals.first(where: { $0.index == f }) else { return nil }
        return NameSection.lookup(m.names, i)
    }
    public func fieldName(type t: UInt32, _ i: UInt32) -> String? {
        guard let m = fields.first(where: { $0.index == t }) else { return nil }
        return NameSection.lookup(m.names, i)
    }

    static func lookup(_ m: NameMap, _ i: UInt32) -> String? {
        // Maps are sorted by index: binary search.
        var lo = 0, hi = m.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if m[mid].index < i { lo = mid + 1 } else { hi = mid }
        }
        return lo < m.count && m[lo].index == i ? m[lo].name : nil
    }
}

/// A custom section other than `name`, with where it stood: after the last
/// non-custom section of id `after` (0: before all of them).
public struct CustomSection: Hashable, Sendable {
    public var name: String
    public var bytes: [UInt8]
    public var after: UInt8
    public init(name: String, bytes: [UInt8], after: UInt8 = 0) { self.name = name; self.bytes = bytes; self.after = after }
}

public struct WasmModule: Sendable {
    public var types: [RecGroup] = []
    public var imports: [Import] = []
    public var functions: [WasmFunction] = []
    public var tables: [Table] = []
    public var memories: [MemoryType] = []
    public var globals: [WasmGlobal] = []
    public var exports: [Export] = []
    public var start: Idx?
    public var elements: [ElementSegment] = []
    /// When set, a data count section is written (needed when code names data
    /// segments: memory.init, data.drop, array.new_data, array.init_data).
    public var dataCount: UInt32?
    public var data: [DataSegment] = []
    public var names: NameSection?
    public var customSections: [CustomSection] = []
    public init() {}

    /// The definitions of the type index space, in order, each with its rec group.
    public var typeDefinitions: [SubType] { types.flatMap { $0.types } }

    public var importedFunctionCount: Int { imports.reduce(0) { $0 + ($1.kind == .function ? 1 : 0) } }
    public var importedGlobalCount: Int { imports.reduce(0) { $0 + ($1.kind == .global ? 1 : 0) } }
    public var importedTableCount: Int { imports.reduce(0) { $0 + ($1.kind == .table ? 1 : 0) } }
    public var importedMemoryCount: Int { imports.reduce(0) { $0 + ($1.kind == .memory ? 1 : 0) } }

    /// The type index of every function of the function index space (imports first).
    public var functionTypeIndices: [Idx] {
        var out: [Idx] = []
        for i in imports { if case .function(let t) = i.descriptor { out.append(t) } }
        for f in functions { out.append(f.type) }
        return out
    }
}
