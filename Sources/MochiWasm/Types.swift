// The WebAssembly type grammar, shared by the numeric module model (what the encoder
// writes and the reader produces) and the symbolic model (what the WAT assembler and
// the emitter build): value types with nullable and non-nullable references to
// abstract heap types or concrete type indices, packed storage types, fields with
// mutability, func/struct/array composite types, sub types with finality and a
// supertype, and recursion groups, as in the GC proposal (Wasm 3.0).
//
// Every reference to an indexed entity is an `Idx`: a number, or a `$name` that only
// the symbolic layer may hold. Keeping one type for both (as wasm-tools' `wast` crate
// does with its `Index::Num`/`Index::Id`) lets one instruction table, one encoder and
// one printer serve both layers; the linker replaces every name by a number before
// the encoder runs, and the encoder rejects a name it meets.

/// A reference to an entity of some index space: a number, or a symbolic `$name`
/// (without the `$`) that the linker resolves.
public enum Idx: Hashable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, CustomStringConvertible {
    case index(UInt32)
    case name(String)

    public init(integerLiteral value: UInt32) { self = .index(value) }
    public init(stringLiteral value: String) { self = .name(value) }
    public init(_ value: Int) { self = .index(UInt32(truncatingIfNeeded: value)) }

    /// The number, when resolved.
    public var number: UInt32? {
        if case .index(let n) = self { return n }
        return nil
    }

    public var description: String {
        switch self {
        case .index(let n): return String(n)
        case .name(let s): return "$" + s
        }
    }
}

/// The abstract heap types of the GC proposal, by their binary code.
public enum AbstractHeapType: UInt8, CaseIterable, Sendable {
    case nofunc = 0x73
    case noextern = 0x72
    case none = 0x71
    case `func` = 0x70
    case extern = 0x6F
    case any = 0x6E
    case eq = 0x6D
    case i31 = 0x6C
    case `struct` = 0x6B
    case array = 0x6A

    public var name: String {
        switch self {
        case .nofunc: return "nofunc"
        case .noextern: return "noextern"
        case .none: return "none"
        case .func: return "func"
        case .extern: return "extern"
        case .any: return "any"
        case .eq: return "eq"
        case .i31: return "i31"
        case .struct: return "struct"
        case .array: return "array"
        }
    }

    /// The WAT shorthand for the nullable reference to this heap type (`funcref`...).
    public var nullableShorthand: String {
        switch self {
        case .nofunc: return "nullfuncref"
        case .noextern: return "nullexternref"
        case .none: return "nullref"
        default: return name + "ref"
        }
    }

    public init?(name: String) {
        guard let t = AbstractHeapType.allCases.first(where: { $0.name == name }) else { return nil }
        self = t
    }
}

public enum HeapType: Hashable, Sendable {
    case abstract(AbstractHeapType)
    case concrete(Idx)

    public static let `func` = HeapType.abstract(.func)
    public static let extern = HeapType.abstract(.extern)
    public static let any = HeapType.abstract(.any)
    public static let eq = HeapType.abstract(.eq)
    public static let i31 = HeapType.abstract(.i31)
    public static let `struct` = HeapType.abstract(.struct)
    public static let array = HeapType.abstract(.array)
    public static let none = HeapType.abstract(.none)
    public static let nofunc = HeapType.abstract(.nofunc)
    public static let noextern = HeapType.abstract(.noextern)
}

public struct RefType: Hashable, Sendable {
    public var nullable: Bool
    public var heap: HeapType
    public init(nullable: Bool, _ heap: HeapType) { self.nullable = nullable; self.heap = heap }

    /// `(ref $t)`.
    public static func to(_ t: Idx) -> RefType { RefType(nullable: false, .concrete(t)) }
    /// `(ref null $t)`.
    public static func nullable(_ t: Idx) -> RefType { RefType(nullable: true, .concrete(t)) }

    public static let funcref = RefType(nullable: true, .func)
    public static let externref = RefType(nullable: true, .extern)
    public static let anyref = RefType(nullable: true, .any)
    public static let eqref = RefType(nullable: true, .eq)
    public static let i31ref = RefType(nullable: true, .i31)
    public static let structref = RefType(nullable: true, .struct)
    public static let arrayref = RefType(nullable: true, .array)
    public static let nullref = RefType(nullable: true, .none)
}

/// A value type. SIMD's `v128` is not supported (the reader rejects it by name).
public enum ValType: Hashable, Sendable {
    case i32, i64, f32, f64
    case ref(RefType)

    /// `(ref $t)`.
    public static func ref(_ t: Idx) -> ValType { .ref(RefType(nullable: false, .concrete(t))) }
    /// `(ref null $t)`.
    public static func ref(null t: Idx) -> ValType { .ref(RefType(nullable: true, .concrete(t))) }
    /// `(ref ht)` or `(ref null ht)` to an abstract heap type.
    public static func ref(_ h: AbstractHeapType, nullable: Bool) -> ValType { .ref(RefType(nullable: nullable, .abstract(h))) }

    public static let funcref = ValType.ref(.funcref)
    public static let externref = ValType.ref(.externref)
    public static let anyref = ValType.ref(.anyref)
    public static let eqref = ValType.ref(.eqref)
    public static let i31ref = ValType.ref(.i31ref)
    public static let structref = ValType.ref(.structref)
    public static let arrayref = ValType.ref(.arrayref)

    public var isReference: Bool { if case .ref = self { return true } else { return false } }
}

/// What a struct field or array element stores: a value type or a packed integer.
public enum StorageType: Hashable, Sendable {
    case i8, i16
    case val(ValType)
}

public struct FieldType: Hashable, Sendable {
    public var storage: StorageType
    public var mutable: Bool
    public init(_ storage: StorageType, mutable: Bool = false) { self.storage = storage; self.mutable = mutable }
    public init(_ type: ValType, mutable: Bool = false) { self.storage = .val(type); self.mutable = mutable }
}

public struct FuncType: Hashable, Sendable {
    public var params: [ValType]
    public var results: [ValType]
    public init(_ params: [ValType] = [], _ results: [ValType] = []) { self.params = params; self.results = results }
}

public enum CompositeType: Hashable, Sendable {
    case `func`(FuncType)
    case `struct`([FieldType])
    case array(FieldType)

    public var funcType: FuncType? { if case .func(let f) = self { return f }; return nil }
    public var fields: [FieldType]? { if case .struct(let f) = self { return f }; return nil }
    public var arrayElement: FieldType? { if case .array(let f) = self { return f }; return nil }
}

/// A type definition: its composite type, whether it may be subtyped further, and
/// its declared supertype (at most one in the GC proposal; the binary format allows
/// a vector, and so does the model).
public struct SubType: Hashable, Sendable {
    public var isFinal: Bool
    public var supertypes: [Idx]
    public var composite: CompositeType
    public init(final isFinal: Bool = true, supertypes: [Idx] = [], _ composite: CompositeType) {
        self.isFinal = isFinal; self.supertypes = supertypes; self.composite = composite
    }
}

/// A recursion group. Its types are distinct from every type outside it, even
/// from structurally equal ones in another group of the same shape only when the
/// whole groups differ (iso-recursive equivalence). `explicitRec` records whether
/// a singleton group was written with the `rec` prefix (0x4E); it changes the bytes,
/// not the meaning.
public struct RecGroup: Hashable, Sendable {
    public var types: [SubType]
    public var explicitRec: Bool
    public init(_ types: [SubType], explicitRec: Bool = false) { self.types = types; self.explicitRec = explicitRec || types.count != 1 }
}

/// Limits of a table or memory. `is64` selects a 64-bit index type (memory64),
/// `shared` a shared memory (threads); both only change the flags byte here.
public struct Limits: Hashable, Sendable {
    public var min: UInt64
    public var max: UInt64?
    public var is64: Bool
    public var shared: Bool
    public init(min: UInt64, max: UInt64? = nil, is64: Bool = false, shared: Bool = false) {
        self.min = min; self.max = max; self.is64 = is64; self.shared = shared
    }
}

public struct TableType: Hashable, Sendable {
    public var element: RefType
    public var limits: Limits
    public init(_ element: RefType, _ limits: Limits) { self.element = element; self.limits = limits }
}

public struct MemoryType: Hashable, Sendable {
    public var limits: Limits
    public init(_ limits: Limits) { self.limits = limits }
}

public struct GlobalType: Hashable, Sendable {
    public var type: ValType
    public var mutable: Bool
    public init(_ type: ValType, mutable: Bool = false) { self.type = type; self.mutable = mutable }
}

/// The type of a `block`, `loop` or `if`. `.inline` is symbolic only: a signature
/// written out in WAT (`(param ...) (result ...)`) that the linker turns into `.empty`,
/// `.value` or the index of a deduplicated func type.
public enum BlockType: Hashable, Sendable {
    case empty
    case value(ValType)
    case type(Idx)
    case inline(FuncType)
}

/// The kinds of entity a module imports or exports.
public enum ExternalKind: UInt8, Sendable, CaseIterable {
    case function = 0, table = 1, memory = 2, global = 3, tag = 4

    public var keyword: String {
        switch self {
        case .function: return "func"
        case .table: return "table"
        case .memory: return "memory"
        case .global: return "global"
        case .tag: return "tag"
        }
    }
}

// MARK: - Index rewriting

/// Index spaces, for code that visits or rewrites every index a construct holds.
public enum IndexSpace: Sendable {
    case type, function, table, memory, global, element, data, local, label, field, tag
}

extension HeapType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> HeapType {
        if case .concrete(let i) = self { return .concrete(try f(i)) }
        return self
    }
}

extension RefType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> RefType { RefType(nullable: nullable, try heap.mapTypes(f)) }
}

extension ValType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> ValType {
        if case .ref(let r) = self { return .ref(try r.mapTypes(f)) }
        return self
    }
}

extension FieldType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> FieldType {
        if case .val(let v) = storage { return FieldType(.val(try v.mapTypes(f)), mutable: mutable) }
        return self
    }
}

extension FuncType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> FuncType {
        FuncType(try params.map { try $0.mapTypes(f) }, try results.map { try $0.mapTypes(f) })
    }
}

extension CompositeType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> CompositeType {
        switch self {
        case .func(let ft): return .func(try ft.mapTypes(f))
        case .struct(let fields): return .struct(try fields.map { try $0.mapTypes(f) })
        case .array(let e): return .array(try e.mapTypes(f))
        }
    }
}

extension SubType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> SubType {
        SubType(final: isFinal, supertypes: try supertypes.map(f), try composite.mapTypes(f))
    }

    /// Every type index this definition mentions (supertypes first).
    public var referencedTypes: [Idx] {
        var out: [Idx] = []
        _ = mapTypes { out.append($0); return $0 }
        return out
    }
}

extension TableType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> TableType { TableType(try element.mapTypes(f), limits) }
}

extension GlobalType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> GlobalType { GlobalType(try type.mapTypes(f), mutable: mutable) }
}

extension BlockType {
    public func mapTypes(_ f: (Idx) throws -> Idx) rethrows -> BlockType {
        switch self {
        case .empty: return self
        case .value(let v): return .value(try v.mapTypes(f))
        case .type(let i): return .type(try f(i))
        case .inline(let ft): return .inline(try ft.mapTypes(f))
        }
    }
}
