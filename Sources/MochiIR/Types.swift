// IR types. Every IR value has exactly one of these types, and every type lives in one
// of three register banks (integer, float, reference), as in Mochi's vm3: backends pick
// a machine representation from the bank, and typed operations never box.
//
// Named aggregate types (structs and unions) are declared once per module
// (`TypeDecl`) and referred to by name (`%Person`), so a type value stays small and
// hashable and recursive types (`%Tree` holding `%Tree`) need no cycles.

/// The register bank a value lives in; also the runtime's slot kind for it.
public enum Bank: UInt8, Sendable {
    case integer   // i64 and bool: one machine word
    case float     // f64
    case reference // a pointer to a runtime object, or null
}

/// The runtime slot kind, the finer split of a bank the runtime needs to print,
/// compare and scan a value (mirrors MOCHI_K_* in the runtime header).
public enum SlotKind: UInt8, Sendable {
    case i64 = 0, f64 = 1, bool = 2, ref = 3
}

public indirect enum IRType: Hashable, Sendable, CustomStringConvertible {
    case i64
    case f64
    case bool
    case str
    case unit
    /// A tagged dynamic value: a reference to any runtime object (ints, floats and
    /// bools boxed), or null.
    case any
    /// An arbitrary-precision integer: a reference to an immutable runtime bigint
    /// (a null one reads as 0).
    case bigint
    /// An exact rational in lowest terms: a reference to an immutable runtime bigrat
    /// (a null one reads as 0/1).
    case bigrat
    case list(IRType)
    case map(IRType, IRType)
    /// A struct or union declared in the module (`%Name`).
    case named(String)
    /// A closure: parameters and result.
    case fn([IRType], IRType)

    public var bank: Bank {
        switch self {
        case .i64, .bool: return .integer
        case .f64: return .float
        default: return .reference
        }
    }

    public var slotKind: SlotKind {
        switch self {
        case .i64: return .i64
        case .f64: return .f64
        case .bool: return .bool
        default: return .ref
        }
    }

    public var isReference: Bool { bank == .reference }

    /// The canonical text form, as the printer writes and the parser reads it.
    public var description: String {
        switch self {
        case .i64: return "i64"
        case .f64: return "f64"
        case .bool: return "bool"
        case .str: return "str"
        case .unit: return "unit"
        case .any: return "any"
        case .bigint: return "bigint"
        case .bigrat: return "bigrat"
        case .list(let e): return "list<\(e)>"
        case .map(let k, let v): return "map<\(k), \(v)>"
        case .named(let n): return "%" + n
        case .fn(let ps, let r):
            return "fn(" + ps.map(\.description).joined(separator: ", ") + ") -> \(r)"
        }
    }
}

/// A named field of a struct or of a union variant.
public struct FieldDecl: Hashable, Sendable {
    public var name: String
    public var type: IRType
    public init(name: String, type: IRType) { self.name = name; self.type = type }
}

/// One variant of a union; its tag is its index in the union's variant list.
public struct VariantDecl: Hashable, Sendable {
    public var name: String
    public var fields: [FieldDecl]
    public init(name: String, fields: [FieldDecl]) { self.name = name; self.fields = fields }
}

/// A module-level named type: `type %P = struct { ... }` or `type %U = union { ... }`.
public struct TypeDecl: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case structure([FieldDecl])
        case union([VariantDecl])
    }
    public var name: String
    public var kind: Kind
    public init(name: String, kind: Kind) { self.name = name; self.kind = kind }

    /// The fields of the struct, or of variant `variant` of the union.
    public func fields(variant: Int) -> [FieldDecl]? {
        switch kind {
        case .structure(let fs): return variant < 0 ? fs : nil
        case .union(let vs): return vs.indices.contains(variant) ? vs[variant].fields : nil
        }
    }
}
