// The signature pattern language of the opcode table, and the matcher the verifier
// uses to check an instruction's operand and result types against it. Keeping the
// rules as data lets one table drive the verifier, the docs and every backend's
// coverage checks; only ops that depend on module declarations are "custom".

public indirect enum TypePattern: Equatable, Sendable {
    case concrete(IRType)
    case variable(Character, TypeClass)
    case list(TypePattern)
    case map(TypePattern, TypePattern)
}

/// Which types a type variable may stand for.
public enum TypeClass: Equatable, Sendable {
    case anyType, integer, numeric, reference, summable, exact

    func admits(_ t: IRType) -> Bool {
        switch self {
        case .anyType: return true
        case .integer: return t.bank == .integer
        case .numeric: return t == .i64 || t == .f64
        case .reference: return t.bank == .reference
        case .summable: return t == .i64 || t == .f64 || t == .any
        case .exact: return t == .bigint || t == .bigrat
        }
    }
}

public struct Signature: Sendable {
    /// Fixed leading operands.
    public var operands: [TypePattern]
    /// A group repeated zero or more times after the fixed operands (empty: none).
    public var repeated: [TypePattern]
    /// nil: the instruction defines no value.
    public var result: TypePattern?

    static let table: [Signature?] = Opcode.allCases.map { op in
        let text = op.info.signature
        if text == "custom" { return nil }
        guard let sig = Signature.parse(text) else {
            preconditionFailure("opcode table: bad signature for \(op.info.name): \(text)")
        }
        return sig
    }

    /// Parses "(list<T>, i64) -> T", "(T...) -> list<T>", "([K, V]...) -> map<K, V>".
    public static func parse(_ text: String) -> Signature? {
        var p = PatternScanner(Array(text.utf8))
        guard p.eat("(") else { return nil }
        var fixed: [TypePattern] = []
        var repeated: [TypePattern] = []
        if !p.eat(")") {
            while true {
                if p.eat("[") {
                    var group: [TypePattern] = []
                    repeat {
                        guard let t = p.pattern() else { return nil }
                        group.append(t)
                    } while p.eat(",")
                    guard p.eat("]"), p.eat("...") else { return nil }
                    repeated = group
                } else {
                    guard let t = p.pattern() else { return nil }
                    if p.eat("...") { repeated = [t] } else { fixed.append(t) }
                }
                if p.eat(")") { break }
                guard repeated.isEmpty, p.eat(",") else { return nil }
            }
        }
        guard p.eat("->") else { return nil }
        let result: TypePattern?
        if p.eat("none") { result = nil } else {
            guard let r = p.pattern() else { return nil }
            result = r
        }
        guard p.atEnd else { return nil }
        return Signature(operands: fixed, repeated: repeated, result: result)
    }

    /// Checks operand and result types; returns a message describing the first
    /// mismatch, or nil when they fit.
    public func check(operands ops: [IRType], result: IRType?) -> String? {
        var bindings: [Character: IRType] = [:]
        if let rp = self.result {
            guard let r = result else { return "expected a result" }
            if !Signature.unify(rp, r, &bindings) { return "result type \(r) does not fit \(rp.text)" }
        } else if result != nil {
            return "defines no value"
        }
        if repeated.isEmpty {
            guard ops.count == operands.count else {
                return "expected \(operands.count) operand(s), got \(ops.count)"
            }
        } else {
            let extra = ops.count - operands.count
            guard extra >= 0, extra % repeated.count == 0 else {
                return "expected \(operands.count) operand(s) then groups of \(repeated.count), got \(ops.count)"
            }
        }
        for (i, t) in ops.enumerated() {
            let pat = i < operands.count ? operands[i] : repeated[(i - operands.count) % repeated.count]
            let before = bindings
            if !Signature.unify(pat, t, &bindings) {
                return "operand \(i + 1) has type \(t), which does not fit \(pat.text)" + pat.boundText(before)
            }
        }
        return nil
    }

    static func unify(_ p: TypePattern, _ t: IRType, _ b: inout [Character: IRType]) -> Bool {
        switch p {
        case .concrete(let c): return c == t
        case .variable(let name, let cls):
            // The class of every occurrence holds, not only of the one that binds
            // the variable first (a result `T` binds before the operands' `T:big`).
            guard cls.admits(t) else { return false }
            if let bound = b[name] { return bound == t }
            b[name] = t
            return true
        case .list(let e):
            if case .list(let te) = t { return unify(e, te, &b) }
            return false
        case .map(let k, let v):
            if case .map(let tk, let tv) = t { return unify(k, tk, &b) && unify(v, tv, &b) }
            return false
        }
    }
}

extension TypePattern {
    /// " (T is bigrat)" for the variables of this pattern bound before it was
    /// matched, so a message says why a type that fits the class does not fit.
    func boundText(_ b: [Character: IRType]) -> String {
        var names: [Character] = []
        func collect(_ p: TypePattern) {
            switch p {
            case .concrete: break
            case .variable(let c, _): if b[c] != nil && !names.contains(c) { names.append(c) }
            case .list(let e): collect(e)
            case .map(let k, let v): collect(k); collect(v)
            }
        }
        collect(self)
        if names.isEmpty { return "" }
        return " (" + names.map { "\($0) is \(b[$0]!)" }.joined(separator: ", ") + ")"
    }

    public var text: String {
        switch self {
        case .concrete(let t): return t.description
        case .variable(let c, let cls):
            switch cls {
            case .anyType: return String(c)
            case .integer: return "\(c):int"
            case .numeric: return "\(c):num"
            case .reference: return "\(c):ref"
            case .summable: return "\(c):sum"
            case .exact: return "\(c):big"
            }
        case .list(let e): return "list<\(e.text)>"
        case .map(let k, let v): return "map<\(k.text), \(v.text)>"
        }
    }
}

/// A tiny scanner over the signature text (only used at start-up on the fixed table).
private struct PatternScanner {
    let b: [UInt8]
    var i = 0
    init(_ b: [UInt8]) { self.b = b }

    var atEnd: Bool { mutating get { skip(); return i >= b.count } }

    mutating func skip() { while i < b.count, b[i] == 32 { i += 1 } }

    mutating func eat(_ s: String) -> Bool {
        skip()
        let u = Array(s.utf8)
        guard i + u.count <= b.count, Array(b[i..<i + u.count]) == u else { return false }
        i += u.count
        return true
    }

    mutating func word() -> String {
        skip()
        let start = i
        while i < b.count, (b[i] >= 97 && b[i] <= 122) || (b[i] >= 65 && b[i] <= 90) || (b[i] >= 48 && b[i] <= 57) { i += 1 }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    mutating func pattern() -> TypePattern? {
        let w = word()
        switch w {
        case "i64": return .concrete(.i64)
        case "f64": return .concrete(.f64)
        case "bool": return .concrete(.bool)
        case "str": return .concrete(.str)
        case "unit": return .concrete(.unit)
        case "any": return .concrete(.any)
        case "bigint": return .concrete(.bigint)
        case "bigrat": return .concrete(.bigrat)
        case "list":
            guard eat("<"), let e = pattern(), eat(">") else { return nil }
            return .list(e)
        case "map":
            guard eat("<"), let k = pattern(), eat(","), let v = pattern(), eat(">") else { return nil }
            return .map(k, v)
        default:
            guard w.count == 1, let c = w.first, c.isUppercase else { return nil }
            var cls = TypeClass.anyType
            if i < b.count, b[i] == UInt8(ascii: ":") {
                i += 1
                switch word() {
                case "int": cls = .integer
                case "num": cls = .numeric
                case "ref": cls = .reference
                case "sum": cls = .summable
                case "big": cls = .exact
                default: return nil
                }
            }
            return .variable(c, cls)
        }
    }
}
