// The abstract syntax tree of a Mochi program, as produced by `Parser`.
//
// How later passes attach information (the design decision every pass relies on):
//
// * Every expression is an `Expr` (a final class) with a dense integer `id` assigned by
//   the parser in creation order, `0..<Program.exprCount`. The type checker keeps side
//   tables such as `[CheckedType?](repeating: nil, count: program.exprCount)` indexed by
//   `expr.id`; the AST itself is immutable after parsing. (Ids of nodes the parser built
//   and then discarded, e.g. while turning a match pattern into a `Pattern`, are simply
//   never looked up, so tables stay dense and valid.)
// * Every place that introduces a name (let/var, fun, parameter, generic parameter,
//   type, union variant, for-loop variable, query variable, join variable, group
//   variable, match binding, extern and import names) carries a dense `DeclID`
//   (`0..<Program.declCount`). Name resolution is a side table `[DeclID?]` indexed by
//   the `id` of each `.name` expression; declaration facts are tables indexed by DeclID.
// * Every node carries a `SourceLocation` (file id, line, byte column, byte offset).
// * Identifiers are interned: a `Name` compares and hashes by its interned integer and
//   also carries its spelling for messages. Names from one `NameTable` only.
//
// The tree covers LANGUAGE.md §1-7. Features the project rejects (§8, §10: fetch, load,
// save, generate, agent, stream, on, emit, fact, rule, model) are parsed just far enough
// to skip them and become `.outOfScope(feature)` nodes at their location, so the checker
// can report "out of scope: <feature>" there. `bench`, `import` and `extern` are parsed
// fully because the math-library FFI is in scope and `bench` needs a precise error.

/// An interned identifier. Equality and hashing use `id` only.
public struct Name: Hashable, Sendable, CustomStringConvertible {
    public let id: Int32
    public let text: String

    public init(id: Int32, text: String) {
        self.id = id
        self.text = text
    }

    public static func == (lhs: Name, rhs: Name) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    public var description: String { text }
}

/// The interner for identifiers: the same spelling always yields the same `Name`.
public struct NameTable: Sendable {
    public private(set) var names: [Name] = []
    private var index: [String: Int32] = [:]

    public init() {}

    /// The table of the lexer's spellings (byte-distinct, in first-use order), built
    /// with its index sized once. Returns the id each spelling got: its position,
    /// unless a spelling equals an earlier one as a String (canonically equivalent
    /// Unicode), which then shares that one's name exactly as `intern` would do.
    static func fromLexer(_ texts: [String]) -> (NameTable, ids: [Int32]?) {
        var t = NameTable()
        t.names.reserveCapacity(texts.count)
        t.index.reserveCapacity(texts.count)
        var ids: [Int32]? = nil
        for (i, text) in texts.enumerated() {
            let id = Int32(t.names.count)
            if let old = t.index.updateValue(id, forKey: text) {
                t.index[text] = old
                if ids == nil { ids = Array(0..<Int32(i)) }
                ids!.append(old)
                continue
            }
            t.names.append(Name(id: id, text: text))
            ids?.append(id)
        }
        return (t, ids)
    }

    /// Returns the `Name` for `text`, creating it on first use.
    public mutating func intern(_ text: String) -> Name {
        if let id = index[text] { return names[Int(id)] }
        let name = Name(id: Int32(names.count), text: text)
        names.append(name)
        index[text] = name.id
        return name
    }

    /// The `Name` for `text` if the program ever mentions it (lets the checker look up
    /// builtins such as `print` without growing the table).
    public func lookup(_ text: String) -> Name? {
        index[text].map { names[Int($0)] }
    }
}

/// Dense index of a name-introducing declaration (see the file comment).
public typealias DeclID = Int

/// A parsed program: one source file's statements plus the counts for side tables.
public struct Program {
    public var file: SourceFile
    /// `package name` if present.
    public var packageName: Name?
    public var statements: [Stmt]
    /// Number of expression ids handed out; valid ids are `0..<exprCount`.
    public var exprCount: Int
    /// Number of declaration ids handed out; valid ids are `0..<declCount`.
    public var declCount: Int
    public var names: NameTable
}

// MARK: - Types

/// A type as written in the source.
public struct TypeExpr {
    public var location: SourceLocation
    public var kind: TypeExprKind

    public init(location: SourceLocation, kind: TypeExprKind) {
        self.location = location
        self.kind = kind
    }
}

public indirect enum TypeExprKind {
    /// A named type with optional generic arguments: `int`, `float`, `bool`, `string`,
    /// `any`, `void`, `bigint`, a struct/union/alias/generic parameter name, or an
    /// unknown generic such as `set<T>`. `list<T>` and `map<K, V>` are NOT here.
    case named(Name, arguments: [TypeExpr])
    /// `list<T>` or `[T]`.
    case list(TypeExpr)
    /// `map<K, V>`.
    case map(key: TypeExpr, value: TypeExpr)
    /// `fun(T1, T2): R`; `result` is nil when no `: R` was written (unit).
    case function(parameters: [TypeExpr], result: TypeExpr?)
    /// Inline record type `{ a: int, b: string }`.
    case record([FieldDecl])
    /// `T?`.
    case optional(TypeExpr)
}

// MARK: - Declarations

/// A field of a struct, a record type or a union variant: `name: Type`.
public struct FieldDecl {
    public var name: Name
    public var location: SourceLocation
    public var type: TypeExpr
}

/// A generic parameter `T` in `fun f<T>(...)` or `type Box<T> { ... }`.
public struct GenericParam {
    public var name: Name
    public var location: SourceLocation
    public var declID: DeclID
}

/// A function parameter. `type` is nil only when the source omits it (`fun(x) => x + n`).
public struct Param {
    public var name: Name
    public var location: SourceLocation
    public var declID: DeclID
    public var type: TypeExpr?
}

/// `let`/`var` declaration (also used for `let` at top level).
public struct VarDecl {
    public var name: Name
    public var location: SourceLocation
    public var declID: DeclID
    public var isMutable: Bool
    public var type: TypeExpr?
    public var initializer: Expr?
}

/// A named function (top level, nested, or a method inside a struct type).
public struct FunDecl {
    public var name: Name
    public var location: SourceLocation
    public var declID: DeclID
    public var genericParams: [GenericParam]
    public var params: [Param]
    /// nil when no `: R` is written (the function returns unit).
    public var returnType: TypeExpr?
    /// Effect names after `!` (`fun f() ! io`); accepted and otherwise ignored.
    public var effects: [Name]
    public var body: [Stmt]
    /// `export fun ...`.
    public var isExported: Bool
}

/// How a union variant was written; the fields are the same information either way.
public enum VariantForm {
    case bare          // Leaf
    case parenthesized // Node(left: Tree, value: int)
    case braced        // Node { left: Tree, value: int }
}

public struct VariantDecl {
    public var name: Name
    public var location: SourceLocation
    public var declID: DeclID
    public var form: VariantForm
    public var fields: [FieldDecl]
}

public enum TypeDeclKind {
    /// `type P { a: int  fun m() { } }`: fields in order, plus methods.
    case structure(fields: [FieldDecl], methods: [FunDecl])
    /// `type T = A | B(x: int) | C { y: int }`, also the single-variant form
    /// `type T = V(x: int)`. A single bare name after `=` is an `.alias` instead (the
    /// checker decides whether `type T = V` names an existing type or a lone variant).
    case union([VariantDecl])
    /// `type Id = int`, `type Point = { x: float }` (an alias of an inline record type,
    /// which corpus programs then build with `Point { x: 1.0 }`).
    case alias(TypeExpr)
}

public struct TypeDecl {
    public var name: Name
    public var location: SourceLocation
    public var declID: DeclID
    public var genericParams: [GenericParam]
    public var kind: TypeDeclKind
}

/// `import [lang] "path" [as alias] [auto]`.
public struct ImportDecl {
    /// `python`, `go`, `typescript`, ... or nil for a plain Mochi import.
    public var language: Name?
    public var path: String
    public var alias: Name?
    public var aliasDeclID: DeclID?
    public var isAuto: Bool
    public var location: SourceLocation
}

public enum ExternDecl {
    /// `extern let math.pi: float` (also `extern var`); `path` is the dotted name.
    case value(path: [Name], declID: DeclID, type: TypeExpr, isMutable: Bool)
    /// `extern fun math.sqrt(x: float): float`.
    case function(path: [Name], declID: DeclID, params: [Param], returnType: TypeExpr?)
    /// `extern type Name`.
    case type(name: Name, declID: DeclID)
}

// MARK: - Statements

public final class Stmt {
    public let location: SourceLocation
    public let kind: StmtKind

    public init(location: SourceLocation, kind: StmtKind) {
        self.location = location
        self.kind = kind
    }
}

public enum StmtKind {
    case variable(VarDecl)
    case function(FunDecl)
    case type(TypeDecl)
    case expression(Expr)
    /// `target = value`; `target` is a `.name`, `.index` or `.field` chain rooted at a
    /// name (`Name Index* Field*` and the like; the parser rejects other shapes).
    case assignment(target: Expr, value: Expr)
    /// `if c { } else if d { } else { }`: an `else if` is an `.ifElse` statement alone
    /// inside `elseBody`, so the chain is a right-nested tree.
    case ifElse(condition: Expr, thenBody: [Stmt], elseBody: [Stmt]?)
    case whileLoop(condition: Expr, body: [Stmt])
    /// `for name in start..end { }` (end exclusive).
    case forRange(variable: Name, variableLocation: SourceLocation, declID: DeclID,
                  start: Expr, end: Expr, body: [Stmt])
    /// `for name in source { }` over a list, map (keys), string or group.
    case forIn(variable: Name, variableLocation: SourceLocation, declID: DeclID,
               source: Expr, body: [Stmt])
    case breakLoop
    case continueLoop
    case returnValue(Expr?)
    /// `test "name" { ... }`: run inline in its own scope.
    case test(name: String, body: [Stmt])
    case expect(Expr)
    /// `update target set { f: e, ... } [where cond]`: field names of the element are
    /// bare identifiers inside `assignments` values and `condition`.
    case update(target: Name, targetLocation: SourceLocation, assignments: [FieldInit],
                condition: Expr?)
    /// `bench "name" { ... }`: parsed fully; the checker rejects it (out of scope).
    case bench(name: String, body: [Stmt])
    case importDecl(ImportDecl)
    case externDecl(ExternDecl)
    /// A statement form the project does not support (fetch, load, save, generate,
    /// agent, stream, on, emit, fact, rule, model, ...); `feature` names it.
    case outOfScope(feature: String)
}

// MARK: - Expressions

public final class Expr {
    /// Dense id in `0..<Program.exprCount`, the key of every side table.
    public let id: Int
    public let location: SourceLocation
    public let kind: ExprKind

    public init(id: Int, location: SourceLocation, kind: ExprKind) {
        self.id = id
        self.location = location
        self.kind = kind
    }
}

public enum UnaryOperator: String {
    case negate = "-"
    case not = "!"
}

/// Binary operators, including the set operators. Ordered from loosest to tightest in
/// `precedence`.
public enum BinaryOperator: String {
    case multiply = "*", divide = "/", remainder = "%"
    case add = "+", subtract = "-"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case equal = "==", notEqual = "!=", contains = "in"
    case and = "&&"
    case or = "||"
    case coalesce = "??"
    case union = "union", unionAll = "union all", except = "except", intersect = "intersect"

    /// Larger binds tighter (LANGUAGE.md §5.1). All levels are left-associative.
    public var precedence: Int {
        switch self {
        case .multiply, .divide, .remainder: return 7
        case .add, .subtract: return 6
        case .less, .lessEqual, .greater, .greaterEqual: return 5
        case .equal, .notEqual, .contains: return 4
        case .and: return 3
        case .or: return 2
        case .coalesce: return 1
        case .union, .unionAll, .except, .intersect: return 0
        }
    }
}

/// `name: value` in a struct literal, a record literal key or an `update ... set`.
public struct FieldInit {
    public var name: Name
    public var location: SourceLocation
    public var value: Expr
}

/// `key: value` in a map literal. A bare identifier key (`{a: 1}`) has already been
/// turned into a `.string` literal key and `isIdentifierKey` is true.
public struct MapEntry {
    public var key: Expr
    public var value: Expr
    public var isIdentifierKey: Bool
}

public enum FunctionBody {
    /// `fun(x: int): int => x * x`
    case expression(Expr)
    /// `fun(x: int): int { return x }`
    case block([Stmt])
}

/// An anonymous function (closure) expression.
public struct FunctionExpr {
    public var params: [Param]
    public var returnType: TypeExpr?
    public var body: FunctionBody
}

public enum Pattern {
    /// `_`
    case wildcard
    /// A bare identifier: a union variant tag such as `Leaf` (the checker resolves it;
    /// anything that is not a variant is an error or a constant, its choice).
    case name(Name, declID: DeclID)
    /// `Node(left, _, right)`: positional bindings, nil for `_`. Each binding has a
    /// DeclID so uses inside the case body resolve to it.
    case variant(Name, bindings: [PatternBinding?])
    /// Any other expression, compared with `==` (literals, `-1`, ...).
    case expression(Expr)
}

public struct PatternBinding {
    public var name: Name
    public var location: SourceLocation
    public var declID: DeclID
}

public enum MatchBody {
    case expression(Expr)
    case block([Stmt])
}

public struct MatchCase {
    public var pattern: Pattern
    public var patternLocation: SourceLocation
    public var body: MatchBody
}

/// `from name in source` (the first source and every extra `from`).
public struct QuerySource {
    public var variable: Name
    public var location: SourceLocation
    public var declID: DeclID
    public var source: Expr
}

public enum JoinKind {
    case inner, left, right, outer
}

/// `[left|right|outer] join [from] name in source on condition`.
public struct JoinClause {
    public var kind: JoinKind
    public var variable: Name
    public var location: SourceLocation
    public var declID: DeclID
    public var source: Expr
    public var condition: Expr
}

/// `group by k1[, k2] into name [having cond]`.
public struct GroupClause {
    public var keys: [Expr]
    public var variable: Name
    public var location: SourceLocation
    public var declID: DeclID
    public var having: Expr?
}

/// A query expression (LANGUAGE.md §5.11). Clauses are in their fixed order.
public struct QueryExpr {
    /// The first `from` then every extra `from`, left to right (nested loops).
    public var sources: [QuerySource]
    public var joins: [JoinClause]
    public var filter: Expr?
    public var group: GroupClause?
    /// `sort by` / `order by` key.
    public var sortKey: Expr?
    public var skip: Expr?
    public var take: Expr?
    public var isDistinct: Bool
    public var select: Expr
}

/// Small payloads are stored inline in the `Expr` object (one allocation per node);
/// the large, rarer ones are boxed (`indirect`) so that they do not make every node
/// bigger.
public enum ExprKind {
    /// Integer literal, already range-checked to 64 bits.
    case int(Int64)
    case float(Double)
    /// String literal after unquoting (Go `strconv.Unquote` rules).
    case string(String)
    case bool(Bool)
    /// `none`
    case null
    /// A use of a name (variable, function, builtin, union variant, type in `x as T`'s
    /// position is a TypeExpr instead).
    case name(Name)
    case list([Expr])
    case map([MapEntry])
    /// `Name { f: e, ... }`, for structs and union variants.
    indirect case structLiteral(type: Name, typeLocation: SourceLocation, fields: [FieldInit])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case call(callee: Expr, arguments: [Expr])
    /// `base[index]`; `isOptionalChain` for `base?[index]`.
    case index(base: Expr, index: Expr, isOptionalChain: Bool)
    /// `base[start:end]` or `base[start:end:step]`, each part optional.
    indirect case slice(base: Expr, start: Expr?, end: Expr?, step: Expr?)
    /// `base.name`; `isOptionalChain` for `base?.name`.
    indirect case field(base: Expr, name: Name, nameLocation: SourceLocation, isOptionalChain: Bool)
    /// `value as T`.
    indirect case cast(Expr, TypeExpr)
    /// `if c then a else b` and the brace form `if c { a } else { b }`. `elseValue` is
    /// nil when the source has no else branch.
    case conditional(condition: Expr, thenValue: Expr, elseValue: Expr?)
    case match(subject: Expr, cases: [MatchCase])
    indirect case function(FunctionExpr)
    indirect case query(QueryExpr)
    /// An expression form the project does not support (fetch, load, generate, ...).
    case outOfScope(feature: String)
    /// Placeholder the parser builds after reporting an error, so that the tree stays
    /// complete; never present when parsing succeeded.
    case invalid
}

// MARK: - Debug dump

/// A compact S-expression rendering of a program, for tests and debugging. The format is
/// not a contract beyond "stable for the same tree".
public func dumpAST(_ program: Program) -> String {
    var out = ""
    for statement in program.statements {
        out += dump(statement)
        out += "\n"
    }
    return out
}

public func dump(_ statement: Stmt) -> String {
    func block(_ body: [Stmt]) -> String { "{" + body.map(dump).joined(separator: " ") + "}" }
    switch statement.kind {
    case .variable(let decl):
        let keyword = decl.isMutable ? "var" : "let"
        let type = decl.type.map { " : " + dump($0) } ?? ""
        let value = decl.initializer.map { " " + dump($0) } ?? ""
        return "(\(keyword) \(decl.name)\(type)\(value))"
    case .function(let decl):
        return dump(decl)
    case .type(let decl):
        let generics = decl.genericParams.isEmpty ? "" : "<" + decl.genericParams.map { $0.name.text }.joined(separator: ",") + ">"
        switch decl.kind {
        case .structure(let fields, let methods):
            return "(type \(decl.name)\(generics) struct " + fields.map(dump).joined(separator: " ")
                + methods.map { " " + dump($0) }.joined() + ")"
        case .union(let variants):
            return "(type \(decl.name)\(generics) union " + variants.map { variant in
                "(\(variant.name) \(variant.form)" + variant.fields.map { " " + dump($0) }.joined() + ")"
            }.joined(separator: " ") + ")"
        case .alias(let type):
            return "(type \(decl.name)\(generics) = \(dump(type)))"
        }
    case .expression(let expr):
        return dump(expr)
    case .assignment(let target, let value):
        return "(= \(dump(target)) \(dump(value)))"
    case .ifElse(let condition, let thenBody, let elseBody):
        return "(if \(dump(condition)) \(block(thenBody))" + (elseBody.map { " else " + block($0) } ?? "") + ")"
    case .whileLoop(let condition, let body):
        return "(while \(dump(condition)) \(block(body)))"
    case .forRange(let variable, _, _, let start, let end, let body):
        return "(for \(variable) \(dump(start))..\(dump(end)) \(block(body)))"
    case .forIn(let variable, _, _, let source, let body):
        return "(for \(variable) in \(dump(source)) \(block(body)))"
    case .breakLoop: return "(break)"
    case .continueLoop: return "(continue)"
    case .returnValue(let value): return "(return" + (value.map { " " + dump($0) } ?? "") + ")"
    case .test(let name, let body): return "(test \(quoted(name)) \(block(body)))"
    case .expect(let expr): return "(expect \(dump(expr)))"
    case .update(let target, _, let assignments, let condition):
        return "(update \(target) " + assignments.map { "\($0.name):\(dump($0.value))" }.joined(separator: " ")
            + (condition.map { " where " + dump($0) } ?? "") + ")"
    case .bench(let name, let body): return "(bench \(quoted(name)) \(block(body)))"
    case .importDecl(let decl):
        return "(import \(decl.language?.text ?? "-") \(quoted(decl.path)) \(decl.alias?.text ?? "-")\(decl.isAuto ? " auto" : ""))"
    case .externDecl(let decl):
        switch decl {
        case .value(let path, _, let type, _):
            return "(extern-let \(path.map { $0.text }.joined(separator: ".")) \(dump(type)))"
        case .function(let path, _, let params, let returnType):
            return "(extern-fun \(path.map { $0.text }.joined(separator: ".")) (" + params.map(dump).joined(separator: " ")
                + ")" + (returnType.map { " " + dump($0) } ?? "") + ")"
        case .type(let name, _):
            return "(extern-type \(name))"
        }
    case .outOfScope(let feature): return "(out-of-scope \(feature))"
    }
}

private func dump(_ decl: FunDecl) -> String {
    let generics = decl.genericParams.isEmpty ? "" : "<" + decl.genericParams.map { $0.name.text }.joined(separator: ",") + ">"
    return "(fun \(decl.name)\(generics) (" + decl.params.map(dump).joined(separator: " ") + ")"
        + (decl.returnType.map { " " + dump($0) } ?? "") + " {" + decl.body.map(dump).joined(separator: " ") + "})"
}

private func dump(_ param: Param) -> String {
    param.name.text + (param.type.map { ":" + dump($0) } ?? "")
}

private func dump(_ field: FieldDecl) -> String { "\(field.name):\(dump(field.type))" }

private func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

public func dump(_ type: TypeExpr) -> String {
    switch type.kind {
    case .named(let name, let arguments):
        return arguments.isEmpty ? name.text : "\(name)<" + arguments.map(dump).joined(separator: ",") + ">"
    case .list(let element): return "list<\(dump(element))>"
    case .map(let key, let value): return "map<\(dump(key)),\(dump(value))>"
    case .function(let parameters, let result):
        return "fun(" + parameters.map(dump).joined(separator: ",") + ")" + (result.map { ":" + dump($0) } ?? "")
    case .record(let fields): return "{" + fields.map(dump).joined(separator: ",") + "}"
    case .optional(let wrapped): return dump(wrapped) + "?"
    }
}

public func dump(_ expr: Expr) -> String {
    switch expr.kind {
    case .int(let value): return String(value)
    case .float(let value): return String(value)
    case .string(let value): return quoted(value)
    case .bool(let value): return String(value)
    case .null: return "none"
    case .name(let name): return name.text
    case .list(let items): return "[" + items.map(dump).joined(separator: " ") + "]"
    case .map(let entries):
        return "{" + entries.map { "\(dump($0.key)):\(dump($0.value))" }.joined(separator: " ") + "}"
    case .structLiteral(let type, _, let fields):
        return "(\(type) {" + fields.map { "\($0.name):\(dump($0.value))" }.joined(separator: " ") + "})"
    case .unary(let op, let operand): return "(\(op.rawValue) \(dump(operand)))"
    case .binary(let op, let lhs, let rhs): return "(\(op.rawValue) \(dump(lhs)) \(dump(rhs)))"
    case .call(let callee, let arguments):
        return "(call \(dump(callee))" + arguments.map { " " + dump($0) }.joined() + ")"
    case .index(let base, let index, let optional):
        return "(\(optional ? "?[]" : "[]") \(dump(base)) \(dump(index)))"
    case .slice(let base, let start, let end, let step):
        return "(slice \(dump(base)) \(start.map(dump) ?? "_") \(end.map(dump) ?? "_")" + (step.map { " " + dump($0) } ?? "") + ")"
    case .field(let base, let name, _, let optional):
        return "(\(optional ? "?." : ".") \(dump(base)) \(name))"
    case .cast(let value, let type): return "(as \(dump(value)) \(dump(type)))"
    case .conditional(let condition, let thenValue, let elseValue):
        return "(if \(dump(condition)) \(dump(thenValue))" + (elseValue.map { " " + dump($0) } ?? "") + ")"
    case .match(let subject, let cases):
        return "(match \(dump(subject))" + cases.map { matchCase in
            let pattern: String
            switch matchCase.pattern {
            case .wildcard: pattern = "_"
            case .name(let name, _): pattern = name.text
            case .variant(let name, let bindings):
                pattern = "\(name)(" + bindings.map { $0?.name.text ?? "_" }.joined(separator: ",") + ")"
            case .expression(let value): pattern = dump(value)
            }
            switch matchCase.body {
            case .expression(let value): return " (\(pattern) => \(dump(value)))"
            case .block(let body): return " (\(pattern) => {" + body.map(dump).joined(separator: " ") + "})"
            }
        }.joined() + ")"
    case .function(let function):
        let head = "(fun (" + function.params.map(dump).joined(separator: " ") + ")"
            + (function.returnType.map { " " + dump($0) } ?? "")
        switch function.body {
        case .expression(let value): return head + " => \(dump(value)))"
        case .block(let body): return head + " {" + body.map(dump).joined(separator: " ") + "})"
        }
    case .query(let query):
        var out = "(query"
        for source in query.sources { out += " (from \(source.variable) \(dump(source.source)))" }
        for join in query.joins { out += " (\(join.kind)-join \(join.variable) \(dump(join.source)) on \(dump(join.condition)))" }
        if let filter = query.filter { out += " (where \(dump(filter)))" }
        if let group = query.group {
            out += " (group " + group.keys.map(dump).joined(separator: " ") + " into \(group.variable)"
                + (group.having.map { " having " + dump($0) } ?? "") + ")"
        }
        if let key = query.sortKey { out += " (sort \(dump(key)))" }
        if let skip = query.skip { out += " (skip \(dump(skip)))" }
        if let take = query.take { out += " (take \(dump(take)))" }
        out += query.isDistinct ? " (select distinct \(dump(query.select))))" : " (select \(dump(query.select))))"
        return out
    case .outOfScope(let feature): return "(out-of-scope \(feature))"
    case .invalid: return "(invalid)"
    }
}
