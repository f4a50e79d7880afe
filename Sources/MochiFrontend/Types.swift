// Checked Mochi types and the table of named types (structs, unions, synthesized
// records) one compilation declares.
//
// The checker reasons in `MType`, which keeps the distinctions Mochi programs make
// (a union vs. a struct, a group vs. a list, the null literal) and maps each type to
// exactly one IR type (`irType`). Named types are indices into `TypeTable`, so types
// stay small, hashable and cheap to compare; recursive types need no cycles.

import MochiIR

public indirect enum MType: Hashable {
    case int, float, bool, string, any, unit
    /// The exact numbers (LANGUAGE.md §10): IR `bigint` and `bigrat`, immutable
    /// runtime objects that behave as values (never null to the checker).
    case bigint, bigrat
    /// The type of the `nil`/`none` literal: converts to any reference type.
    case null
    case list(MType)
    case map(MType, MType)
    case fn([MType], MType)
    /// A struct or a synthesized record, by index into `TypeTable.structs`.
    case structure(Int)
    /// A union, by index into `TypeTable.unions`.
    case union(Int)
    /// A query group: `g.key` has the key type, its items the item type. At the IR
    /// level a group is an `any` (the runtime's group object).
    case group(key: MType, item: MType)

    var isNumeric: Bool { numericRank != nil }
    /// The place of a number type in the promotion order of mixed operands,
    /// int < bigint < bigrat < float (LANGUAGE.md §10); nil for other types.
    var numericRank: Int? {
        switch self {
        case .int: return 0
        case .bigint: return 1
        case .bigrat: return 2
        case .float: return 3
        default: return nil
        }
    }
    var isExact: Bool { self == .bigint || self == .bigrat }
    /// True when the IR value is a reference that may be null.
    var isNullable: Bool {
        switch self {
        case .int, .float, .bool, .bigint, .bigrat: return false
        default: return true
        }
    }
}

/// One field of a struct, record or union variant.
struct FieldInfo {
    var name: Name
    var type: MType
}

struct StructInfo {
    var name: String
    var irName: String {
        didSet { irType = .named(irName) }
    }
    /// `.named(irName)`, built once (each `.named` is a boxed allocation).
    private(set) var irType: IRType
    var fields: [FieldInfo] = []
    /// Field index by `Name.id`.
    var fieldIndex: [Int32: Int] = [:]
    /// Method function index (into the lowering's function table) by `Name.id`.
    var methods: [Int32: Int] = [:]
    var isRecord: Bool

    mutating func setFields(_ fs: [FieldInfo]) {
        fields = fs
        fieldIndex = [:]
        for (i, f) in fs.enumerated() where fieldIndex[f.name.id] == nil { fieldIndex[f.name.id] = i }
    }
}

struct VariantInfo {
    var name: Name
    var fields: [FieldInfo]
    var fieldIndex: [Int32: Int]
}

struct UnionInfo {
    var name: String
    var irName: String {
        didSet { irType = .named(irName) }
    }
    /// `.named(irName)`, built once.
    private(set) var irType: IRType
    var variants: [VariantInfo] = []
}

/// Every named type of the compilation, in creation order (which is also the order
/// the IR module declares them: deterministic). A class: the checker consults it
/// for every type it lowers, and calling a method of a struct held by the checker
/// copied the whole table (retaining each of its collections) per call.
final class TypeTable {
    var structs: [StructInfo] = []
    var unions: [UnionInfo] = []
    /// Creation order: (isUnion, index).
    var order: [(Bool, Int)] = []
    /// Synthesized records by their field names and types.
    var recordIndex: [[FieldKey]: Int] = [:]
    var usedIRNames: Set<String> = []
    var recordCounter = 0

    struct FieldKey: Hashable {
        var name: Int32
        var type: MType
    }

    func uniqueIRName(_ base: String) -> String {
        var candidate = base
        var n = 1
        while usedIRNames.contains(candidate) {
            n += 1
            candidate = "\(base)\(n)"
        }
        usedIRNames.insert(candidate)
        return candidate
    }

    func addStruct(name: String, isRecord: Bool) -> Int {
        let ir = uniqueIRName(name)
        structs.append(StructInfo(name: name, irName: ir, irType: .named(ir), isRecord: isRecord))
        order.append((false, structs.count - 1))
        return structs.count - 1
    }

    func addUnion(name: String) -> Int {
        let ir = uniqueIRName(name)
        unions.append(UnionInfo(name: name, irName: ir, irType: .named(ir)))
        order.append((true, unions.count - 1))
        return unions.count - 1
    }

    /// The record type with exactly these fields (in this order), created on first use.
    func record(_ fields: [FieldInfo]) -> Int {
        let key = fields.map { FieldKey(name: $0.name.id, type: $0.type) }
        if let i = recordIndex[key] { return i }
        recordCounter += 1
        let i = addStruct(name: "rec\(recordCounter)", isRecord: true)
        structs[i].setFields(fields)
        recordIndex[key] = i
        return i
    }

    func irType(_ t: MType) -> IRType {
        switch t {
        case .int: return .i64
        case .float: return .f64
        case .bool: return .bool
        case .string: return .str
        case .any, .null, .group: return .any
        case .unit: return .unit
        case .bigint: return .bigint
        case .bigrat: return .bigrat
        case .list(let e): return .list(irType(e))
        case .map(let k, let v): return .map(irType(k), irType(v))
        case .fn(let ps, let r): return .fn(ps.map { irType($0) }, irType(r))
        case .structure(let i): return structs[i].irType
        case .union(let i): return unions[i].irType
        }
    }

    /// The type as a message shows it.
    func describe(_ t: MType) -> String {
        switch t {
        case .int: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case .string: return "string"
        case .any: return "any"
        case .bigint: return "bigint"
        case .bigrat: return "bigrat"
        case .unit: return "void"
        case .null: return "nil"
        case .list(let e): return "list<\(describe(e))>"
        case .map(let k, let v): return "map<\(describe(k)), \(describe(v))>"
        case .fn(let ps, let r):
            let p = ps.map { describe($0) }.joined(separator: ", ")
            return r == .unit ? "fun(\(p))" : "fun(\(p)): \(describe(r))"
        case .structure(let i):
            let s = structs[i]
            if s.isRecord {
                return "{" + s.fields.map { "\($0.name.text): \(describe($0.type))" }.joined(separator: ", ") + "}"
            }
            return s.name
        case .union(let i): return unions[i].name
        case .group(let k, let v): return "group<\(describe(k)), \(describe(v))>"
        }
    }

    /// The IR declarations, in creation order.
    func irDecls() -> [MochiIR.TypeDecl] {
        order.map { (isUnion, i) in
            if isUnion {
                let u = unions[i]
                return MochiIR.TypeDecl(name: u.irName, kind: .union(u.variants.map { v in
                    MochiIR.VariantDecl(name: v.name.text, fields: v.fields.map {
                        MochiIR.FieldDecl(name: $0.name.text, type: irType($0.type)) })
                }))
            }
            let s = structs[i]
            return MochiIR.TypeDecl(name: s.irName, kind: .structure(s.fields.map {
                MochiIR.FieldDecl(name: $0.name.text, type: irType($0.type)) }))
        }
    }
}
