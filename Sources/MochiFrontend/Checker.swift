// The type checker and IR lowering of Mochi, run as one walk over the AST.
//
// Checking and lowering share every decision (which overload of `+`, whether a map
// read may miss, which record type a literal has), so they are done together: each
// expression is checked against its expected type and lowered at once, and the
// resulting IR module is thrown away when any error was reported ("stop before
// lowering" as far as anyone can observe). This file holds the state, the scopes,
// the resolution of written types, the pre-passes that decide which variables are
// globals or mutable closure cells, and the driver; the statement, expression, call
// and query lowerings are in the Lower*.swift files.

import MochiIR

/// A typed IR value: what lowering an expression yields.
struct TV {
    var v: Value
    var t: MType
}

/// What a name denotes in a scope.
enum Binding {
    /// A local SSA variable of the function at `depth` (index in the function stack).
    case local(depth: Int, slot: Int, type: MType, mutable: Bool)
    /// A local variable kept in a one-element list (captured and mutated).
    case cell(depth: Int, slot: Int, type: MType)
    case global(name: String, type: MType)
    /// A function, by index into `Checker.funcs`.
    case function(Int)
    /// A field of the receiver inside a method (bare field name).
    case receiverField(depth: Int, slot: Int, structIndex: Int, field: Int)
    /// A sibling method inside a method (bare method name), called on the receiver.
    case receiverMethod(depth: Int, slot: Int, structIndex: Int, function: Int)
    /// The math library alias (`import python "math" as math`).
    case mathModule
}

/// A function the program declares (top level, nested, method, lambda or test). A
/// class: lowering reads it at every call, and copying the struct (its declaration
/// included) cost a dozen retains each time.
final class FunInfo {
    var irName: String
    var name: String
    var params: [MType]
    var result: MType
    var decl: FunDecl?
    /// Depth of the function that declares it (0: top level).
    var ownerDepth: Int
    var isNested: Bool
    /// Struct index of a method's receiver.
    var receiver: Int?
    /// Captures, known once the body is lowered (nested functions only).
    var captures: [(key: CaptureKey, type: MType, isCell: Bool)] = []
    var irFunction: Function
    var lowering: FnCtx? = nil
    var lowered = false

    init(irName: String, name: String, params: [MType], result: MType, decl: FunDecl?, ownerDepth: Int,
         isNested: Bool, receiver: Int?, irFunction: Function) {
        self.irName = irName; self.name = name; self.params = params; self.result = result
        self.decl = decl; self.ownerDepth = ownerDepth; self.isNested = isNested
        self.receiver = receiver; self.irFunction = irFunction
    }
}

final class Checker {
    let program: Program
    var diags: DiagnosticEngine
    let types = TypeTable()
    let module: Module
    let builtins = Builtin.table()

    // Scopes: one table by Name.id plus an undo log for leaving scopes.
    var scope = NameMap<Binding>()
    var undo: [(Int32, Binding?)] = []
    var typeNames = NameMap<MType>()
    var variants = NameMap<(union: Int, variant: Int)>()

    var fns: [FnCtx] = []
    var funcs: [FunInfo] = []
    var funcNames: Set<String> = []
    var deferred: [Int] = []
    var testCount = 0
    var lambdaCounts: [String: Int] = [:]
    /// Function-conversion adapters made so far, by "from -> to" type text.
    var adapters: [String: String] = [:]

    /// Names used inside any function body: top-level variables of these names are
    /// IR globals.
    var namesInFunctions: [Bool] = []
    /// Facts about each function body, by its first statement (BodyFacts.swift).
    var bodyFacts: [ObjectIdentifier: BodyFacts] = [:]
    var globalNames: Set<String> = []
    /// Names of `var`s that closures capture and someone mutates, per function being
    /// lowered (parallel to `fns`).
    var cellNames: [Set<Int32>] = []
    /// True while lowering statements directly at the top level of the program.
    var atTopLevel = false
    /// Blocks that `where`/`on` branches of a query jump to when a row is skipped,
    /// closed when the row's code ends.
    var pendingSkips: [Block] = []
    /// The last map read lowered as `map.getany` (a missing key must read as nil):
    /// its function (IR functions live as long as the compilation, so the identity is
    /// never reused), its value and the map's value type. `m[k] ?? 0` on a map of
    /// bigints then has a bigint result, not the int of its default (LowerExpr.swift,
    /// lowerCoalesce).
    var lastAnyMapRead: (fn: ObjectIdentifier, value: Value, type: MType)? = nil

    var cur: FnCtx { fns[fns.count - 1] }

    /// SSA builder tables, reused from one function to the next.
    var ssaPool: [SSAScratch] = []

    /// A new SSA builder for `fn`; `body` (when known) sizes its tables.
    func makeFnCtx(_ fn: Function, depth: Int, returnType: MType, body: [Stmt]?) -> FnCtx {
        var hint = 0
        if let first = body?.first, let f = bodyFacts[ObjectIdentifier(first)] { hint = f.size + 8 }
        return FnCtx(fn: fn, depth: depth, returnType: returnType, scratch: ssaPool.popLast() ?? SSAScratch(),
                     sizeHint: hint)
    }

    /// Finishes a function's SSA and returns its tables to the pool.
    func finishFnCtx(_ ctx: FnCtx) {
        ctx.finish()
        ssaPool.append(ctx.takeScratch())
    }

    /// What `mochi test` asks of the lowering (`TestOptions`).
    var tests = TestOptions()

    init(program: Program, diagnostics: DiagnosticEngine) {
        self.program = program
        self.diags = diagnostics
        self.module = Module(sourceFile: program.file.path)
    }

    // MARK: Diagnostics

    func error(_ message: String, _ at: SourceLocation) {
        diags.error(message, at: at)
    }

    func outOfScope(_ feature: String, _ at: SourceLocation) {
        error("out of scope: \(feature) (not supported by this compiler, LANGUAGE.md §10)", at)
    }

    func describe(_ t: MType) -> String { types.describe(t) }
    func ir(_ t: MType) -> IRType { types.irType(t) }

    func setLoc(_ l: SourceLocation) {
        cur.loc = SourceLoc(line: UInt32(max(0, l.line)), column: UInt32(max(0, l.column)))
    }

    // MARK: Scopes

    var scopeMark: Int { undo.count }

    func bind(_ name: Name, _ b: Binding) {
        undo.append((name.id, scope[name.id]))
        scope[name.id] = b
    }

    func popScope(to mark: Int) {
        while undo.count > mark {
            let (id, old) = undo.removeLast()
            scope[id] = old
        }
    }

    func uniqueFunctionName(_ base: String) -> String {
        var n = base
        var k = 1
        while !funcNames.insert(n).inserted { k += 1; n = "\(base).\(k)" }
        return n
    }

    // MARK: Written types

    func resolve(_ te: TypeExpr, generics: Set<Int32> = []) -> MType {
        switch te.kind {
        case .named(let name, let args):
            if generics.contains(name.id) { return .any }
            switch name.text {
            case "int": return .int
            case "float": return .float
            case "bool": return .bool
            case "string": return .string
            case "any": return .any
            case "void", "unit": return .unit
            case "bigint": return .bigint
            case "bigrat": return .bigrat
            case "list" where args.count == 1: return .list(resolve(args[0], generics: generics))
            case "map" where args.count == 2:
                return .map(resolve(args[0], generics: generics), resolve(args[1], generics: generics))
            default:
                if let t = typeNames[name.id] { return t }
                if let v = variants[name.id] { return .union(v.union) }
                error("unknown type '\(name.text)'", te.location)
                return .any
            }
        case .list(let e): return .list(resolve(e, generics: generics))
        case .map(let k, let v): return .map(resolve(k, generics: generics), resolve(v, generics: generics))
        case .function(let ps, let r):
            return .fn(ps.map { resolve($0, generics: generics) }, r.map { resolve($0, generics: generics) } ?? .unit)
        case .record(let fields):
            let fs = distinctFields(fields, of: "record type").map { FieldInfo(name: $0.name, type: resolve($0.type, generics: generics)) }
            return .structure(types.record(fs))
        case .optional(let inner):
            let t = resolve(inner, generics: generics)
            return t.isNullable ? t : .any
        }
    }

    // MARK: Pre-passes

    /// Visits every statement and expression below `stmts`; `inFunction` tells the
    /// callback whether the node is inside a function body (fun, lambda, method, test).
    func walk(_ stmts: [Stmt], inFunction: Bool, _ visit: (Expr?, Stmt?, Bool) -> Void) {
        for s in stmts { walkStmt(s, inFunction, visit) }
    }

    func walkStmt(_ s: Stmt, _ inFn: Bool, _ visit: (Expr?, Stmt?, Bool) -> Void) {
        visit(nil, s, inFn)
        switch s.kind {
        case .variable(let d): if let e = d.initializer { walkExpr(e, inFn, visit) }
        case .function(let f): walk(f.body, inFunction: true, visit)
        case .type(let t):
            if case .structure(_, let methods) = t.kind {
                for m in methods { walk(m.body, inFunction: true, visit) }
            }
        case .expression(let e), .expect(let e): walkExpr(e, inFn, visit)
        case .assignment(let t, let v): walkExpr(t, inFn, visit); walkExpr(v, inFn, visit)
        case .ifElse(let c, let t, let e):
            walkExpr(c, inFn, visit); walk(t, inFunction: inFn, visit)
            if let e { walk(e, inFunction: inFn, visit) }
        case .whileLoop(let c, let b): walkExpr(c, inFn, visit); walk(b, inFunction: inFn, visit)
        case .forRange(_, _, _, let a, let b, let body):
            walkExpr(a, inFn, visit); walkExpr(b, inFn, visit); walk(body, inFunction: inFn, visit)
        case .forIn(_, _, _, let src, let body):
            walkExpr(src, inFn, visit); walk(body, inFunction: inFn, visit)
        case .returnValue(let e): if let e { walkExpr(e, inFn, visit) }
        case .test(_, let body): walk(body, inFunction: true, visit)
        case .bench(_, let body): walk(body, inFunction: inFn, visit)
        case .update(_, _, let assigns, let cond):
            for a in assigns { walkExpr(a.value, inFn, visit) }
            if let cond { walkExpr(cond, inFn, visit) }
        default: break
        }
    }

    func walkExpr(_ e: Expr, _ inFn: Bool, _ visit: (Expr?, Stmt?, Bool) -> Void) {
        visit(e, nil, inFn)
        switch e.kind {
        case .list(let xs): for x in xs { walkExpr(x, inFn, visit) }
        case .map(let es): for m in es { walkExpr(m.key, inFn, visit); walkExpr(m.value, inFn, visit) }
        case .structLiteral(_, _, let fs): for f in fs { walkExpr(f.value, inFn, visit) }
        case .unary(_, let x): walkExpr(x, inFn, visit)
        case .binary(_, let a, let b): walkExpr(a, inFn, visit); walkExpr(b, inFn, visit)
        case .call(let c, let args): walkExpr(c, inFn, visit); for a in args { walkExpr(a, inFn, visit) }
        case .index(let b, let i, _): walkExpr(b, inFn, visit); walkExpr(i, inFn, visit)
        case .slice(let b, let s, let en, let st):
            walkExpr(b, inFn, visit)
            for x in [s, en, st] { if let x { walkExpr(x, inFn, visit) } }
        case .field(let b, _, _, _): walkExpr(b, inFn, visit)
        case .cast(let x, _): walkExpr(x, inFn, visit)
        case .conditional(let c, let t, let el):
            walkExpr(c, inFn, visit); walkExpr(t, inFn, visit)
            if let el { walkExpr(el, inFn, visit) }
        case .match(let s, let cases):
            walkExpr(s, inFn, visit)
            for c in cases {
                if case .expression(let p) = c.pattern { walkExpr(p, inFn, visit) }
                switch c.body {
                case .expression(let x): walkExpr(x, inFn, visit)
                case .block(let b): walk(b, inFunction: inFn, visit)
                }
            }
        case .function(let f):
            switch f.body {
            case .expression(let x): walkExpr(x, true, visit)
            case .block(let b): walk(b, inFunction: true, visit)
            }
        case .query(let q):
            for s in q.sources { walkExpr(s.source, inFn, visit) }
            for j in q.joins { walkExpr(j.source, inFn, visit); walkExpr(j.condition, inFn, visit) }
            if let f = q.filter { walkExpr(f, inFn, visit) }
            if let g = q.group {
                for k in g.keys { walkExpr(k, inFn, visit) }
                if let h = g.having { walkExpr(h, inFn, visit) }
            }
            for x in [q.sortKey, q.skip, q.take] { if let x { walkExpr(x, inFn, visit) } }
            walkExpr(q.select, inFn, visit)
        default: break
        }
    }

    /// A declaration's fields with any repeated name reported (at the repeat) and left
    /// out: a type with two fields of one name has no meaning to give `x.f`.
    func distinctFields(_ fields: [FieldDecl], of what: String) -> [FieldDecl] {
        var seen: Set<String> = []
        var out: [FieldDecl] = []
        for f in fields {
            if !seen.insert(f.name.text).inserted {
                error("\(what) has two fields named '\(f.name.text)'", f.location)
                continue
            }
            out.append(f)
        }
        return out
    }

    /// The root name of an assignment target (`a` in `a[i].f = v`).
    static func rootName(_ e: Expr) -> Name? {
        var x = e
        while true {
            switch x.kind {
            case .name(let n): return n
            case .index(let b, _, _), .field(let b, _, _, _): x = b
            default: return nil
            }
        }
    }

    func rootName(_ e: Expr) -> Name? { Checker.rootName(e) }

    /// Names of variables that nested functions of `body` mention and that are
    /// assigned somewhere in `body` (including inside the nested functions).
    func computeCellNames(_ body: [Stmt]) -> Set<Int32> {
        guard let first = body.first else { return [] }
        if let f = bodyFacts[ObjectIdentifier(first)] { return f.cells }
        return walkCellNames(body)
    }

    /// `computeCellNames` by a walk of its own, for a body the program walk did not see.
    func walkCellNames(_ body: [Stmt]) -> Set<Int32> {
        var usedInNested: Set<Int32> = []
        var assigned: Set<Int32> = []
        walk(body, inFunction: false) { e, s, inFn in
            if let e, inFn, case .name(let n) = e.kind { usedInNested.insert(n.id) }
            if let s {
                if case .assignment(let t, _) = s.kind, let r = rootName(t) {
                    if case .name = t.kind { assigned.insert(r.id) }
                    if inFn { usedInNested.insert(r.id) }
                }
            }
        }
        return usedInNested.intersection(assigned)
    }

    /// One walk of the whole program for `namesInFunctions` and the facts about every
    /// function body (BodyFacts.swift).
    func collectNamesInFunctions() {
        var c = BodyFactsCollector(nameCount: program.names.names.count)
        c.program(program.statements)
        namesInFunctions = c.namesInFunctions
        bodyFacts = c.facts
    }

    func isNameInFunctions(_ id: Int32) -> Bool {
        id >= 0 && Int(id) < namesInFunctions.count && namesInFunctions[Int(id)]
    }

    // MARK: Declarations

    func registerTypes() {
        // Names first, so fields may refer to any type of the program.
        var decls: [(TypeDecl, MType)] = []
        for s in program.statements {
            guard case .type(let td) = s.kind else { continue }
            switch td.kind {
            case .structure:
                let i = types.addStruct(name: td.name.text, isRecord: false)
                typeNames[td.name.id] = .structure(i)
                decls.append((td, .structure(i)))
            case .union(let vs):
                let u = types.addUnion(name: td.name.text)
                typeNames[td.name.id] = .union(u)
                for (k, v) in vs.enumerated() { variants[v.name.id] = (u, k) }
                decls.append((td, .union(u)))
            case .alias:
                decls.append((td, .unit))
            }
        }
        // Aliases (in order; an alias may name a type declared later).
        for (td, _) in decls {
            guard case .alias(let te) = td.kind else { continue }
            if case .named(let n, let args) = te.kind, args.isEmpty, typeNames[n.id] == nil,
               variants[n.id] == nil, !["int", "float", "bool", "string", "any", "void", "bigint", "bigrat"].contains(n.text) {
                // `type T = V`: a union with one bare variant.
                let u = types.addUnion(name: td.name.text)
                types.unions[u].variants = [VariantInfo(name: n, fields: [], fieldIndex: [:])]
                typeNames[td.name.id] = .union(u)
                variants[n.id] = (u, 0)
                continue
            }
            let generics = Set(td.genericParams.map { $0.name.id })
            var t = resolve(te, generics: generics)
            if case .structure(let i) = t, types.structs[i].isRecord {
                // A named record type: give it its own name for messages.
                let j = types.addStruct(name: td.name.text, isRecord: false)
                types.structs[j].setFields(types.structs[i].fields)
                t = .structure(j)
            }
            typeNames[td.name.id] = t
        }
        for (td, t) in decls {
            let generics = Set(td.genericParams.map { $0.name.id })
            switch (td.kind, t) {
            case (.structure(let fields, let methods), .structure(let i)):
                types.structs[i].setFields(distinctFields(fields, of: "type '\(td.name.text)'").map {
                    FieldInfo(name: $0.name, type: resolve($0.type, generics: generics))
                })
                for m in methods {
                    let fi = registerFunction(m, irName: uniqueFunctionName("\(td.name.text).\(m.name.text)"),
                                              ownerDepth: 0, isNested: false, receiver: i)
                    types.structs[i].methods[m.name.id] = fi
                    deferred.append(fi)
                }
            case (.union(let vs), .union(let u)):
                types.unions[u].variants = vs.map { v in
                    let fs = distinctFields(v.fields, of: "variant '\(v.name.text)'").map {
                        FieldInfo(name: $0.name, type: resolve($0.type, generics: generics))
                    }
                    var idx: [Int32: Int] = [:]
                    for (k, f) in fs.enumerated() { idx[f.name.id] = k }
                    return VariantInfo(name: v.name, fields: fs, fieldIndex: idx)
                }
            default: break
            }
        }
    }

    /// Creates the FunInfo and the (empty) IR function for a declaration. A test
    /// block's function always returns unit (`return x` in it is an error), however
    /// its body returns.
    func registerFunction(_ f: FunDecl, irName: String, ownerDepth: Int, isNested: Bool, receiver: Int?,
                          isTestBlock: Bool = false) -> Int {
        let generics = Set(f.genericParams.map { $0.name.id })
        var params = f.params.map { p in p.type.map { resolve($0, generics: generics) } ?? .any }
        var result: MType = f.returnType.map { resolve($0, generics: generics) } ?? .unit
        if f.returnType == nil && !isTestBlock && bodyReturnsValue(f.body) { result = .any }
        var irParams = params.map { ir($0) }
        if let r = receiver {
            irParams.insert(.named(types.structs[r].irName), at: 0)
            params.insert(.structure(r), at: 0)
        }
        let fn = Function(name: irName, paramTypes: irParams, returnType: ir(result),
                          loc: SourceLoc(line: UInt32(f.location.line), column: UInt32(f.location.column)))
        module.functions.append(fn)
        funcs.append(FunInfo(irName: irName, name: f.name.text, params: params, result: result, decl: f,
                             ownerDepth: ownerDepth, isNested: isNested, receiver: receiver, irFunction: fn))
        return funcs.count - 1
    }

    func bodyReturnsValue(_ body: [Stmt]) -> Bool {
        var found = false
        func scan(_ ss: [Stmt]) {
            for s in ss {
                switch s.kind {
                case .returnValue(let e): if e != nil { found = true }
                case .ifElse(_, let t, let e): scan(t); if let e { scan(e) }
                case .whileLoop(_, let b), .forRange(_, _, _, _, _, let b), .forIn(_, _, _, _, let b): scan(b)
                default: break
                }
            }
        }
        scan(body)
        return found
    }

    // MARK: Driver

    func run() -> Module? {
        collectNamesInFunctions()
        // The entry point is always @main; a program's own `main` gets another name.
        funcNames.insert("main")
        registerTypes()
        for s in program.statements {
            switch s.kind {
            case .function(let f):
                let i = registerFunction(f, irName: uniqueFunctionName(f.name.text), ownerDepth: 0,
                                         isNested: false, receiver: nil)
                bind(f.name, .function(i))
                deferred.append(i)
            case .importDecl(let d):
                lowerImport(d)
            default: break
            }
        }
        let mainFn = Function(name: "main", paramTypes: [], returnType: .unit)
        module.functions.insert(mainFn, at: 0)
        let main = makeFnCtx(mainFn, depth: 0, returnType: .unit, body: program.statements)
        fns = [main]
        cellNames = [[]]
        atTopLevel = true
        lowerBlock(program.statements, newScope: false)
        atTopLevel = false
        if !cur.isTerminated { cur.ret(nil) }
        // Function bodies see every top-level declaration, so they are lowered last.
        var k = 0
        while k < deferred.count {
            lowerFunctionBody(deferred[k])
            k += 1
        }
        finishFnCtx(main)
        module.types = types.irDecls()
        return diags.hasErrors ? nil : module
    }

    /// Lowers the body of a registered function (top-level, method, nested or test).
    func lowerFunctionBody(_ index: Int) {
        let info = funcs[index]
        guard let decl = info.decl, !info.lowered else { return }
        let ctx = makeFnCtx(info.irFunction, depth: info.isNested ? fns.count : 1, returnType: info.result,
                            body: decl.body)
        let savedFns = fns
        let savedCells = cellNames
        let savedTop = atTopLevel
        atTopLevel = false
        if !info.isNested { fns = [fns[0]] }
        fns.append(ctx)
        cellNames.append(computeCellNames(decl.body))
        funcs[index].lowering = ctx
        let mark = scopeMark
        setLoc(decl.location)
        // Parameters. A struct parameter is the caller's object, never a copy: structs
        // are shared references (LANGUAGE.md §4), so a field the body assigns is seen
        // by the caller.
        var params = ctx.declaredParams
        var ptypes = info.params
        if let r = info.receiver {
            let slot = ctx.newSlot(ir(.structure(r)))
            ctx.write(slot, params[0])
            // Sibling methods, then fields (a field shadows a method of its name).
            for (id, m) in types.structs[r].methods {
                guard let name = funcs[m].decl?.name, name.id == id else { continue }
                bind(name, .receiverMethod(depth: ctx.depth, slot: slot, structIndex: r, function: m))
            }
            for (k, f) in types.structs[r].fields.enumerated() {
                bind(f.name, .receiverField(depth: ctx.depth, slot: slot, structIndex: r, field: k))
            }
            params.removeFirst()
            ptypes.removeFirst()
        }
        for (k, p) in decl.params.enumerated() {
            declareLocal(p.name, TV(v: params[k], t: ptypes[k]), mutable: true)
        }
        lowerBlock(decl.body, newScope: false)
        if !ctx.isTerminated {
            ctx.ret(info.result == .unit ? nil : ctx.zero(ir(info.result)))
        }
        popScope(to: mark)
        finishFnCtx(ctx)
        funcs[index].captures = ctx.captures.map { ($0.key, $0.type, $0.isCell) }
        patchSelfCalls(ctx)
        funcs[index].lowering = nil
        funcs[index].lowered = true
        fns = savedFns
        cellNames = savedCells
        atTopLevel = savedTop
    }

    /// Direct recursive calls inside a nested function get its capture parameters.
    func patchSelfCalls(_ ctx: FnCtx) {
        guard !ctx.selfCalls.isEmpty else { return }
        let caps = ctx.captures.map { $0.param }
        for id in ctx.selfCalls {
            ctx.fn.insts[Int(id.index)].args = caps + ctx.fn.insts[Int(id.index)].args
        }
    }

    /// Declares a local variable (or a cell when closures capture and mutate it, or a
    /// global at the top level when functions use it).
    func declareLocal(_ name: Name, _ tv: TV, mutable: Bool) {
        let ctx = cur
        if atTopLevel && fns.count == 1 && isNameInFunctions(name.id) {
            let g = uniqueGlobalName(name.text)
            module.globals.append(Global(name: g, type: ir(tv.t)))
            ctx.emitVoid(.globalSet, [tv.v], imm: .global(g))
            bind(name, .global(name: g, type: tv.t))
            return
        }
        if cellNames[cellNames.count - 1].contains(name.id) {
            _ = mutable
            let cellType = IRType.list(ir(tv.t))
            let cell = ctx.emit(.listNew, cellType, [tv.v])
            let slot = ctx.newSlot(cellType)
            ctx.write(slot, cell)
            bind(name, .cell(depth: ctx.depth, slot: slot, type: tv.t))
            return
        }
        let slot = ctx.newSlot(ir(tv.t))
        ctx.write(slot, tv.v)
        bind(name, .local(depth: ctx.depth, slot: slot, type: tv.t, mutable: mutable))
    }

    func uniqueGlobalName(_ base: String) -> String {
        var n = base
        var k = 1
        while globalNames.contains(n) { k += 1; n = "\(base).\(k)" }
        globalNames.insert(n)
        return n
    }

    func lowerImport(_ d: ImportDecl) {
        let lang = d.language?.text
        if (lang == "python" || lang == "go") && d.path == "math" {
            if let a = d.alias { bind(a, .mathModule) } else if let n = program.names.lookup("math") {
                bind(n, .mathModule)
            }
            return
        }
        outOfScope("import of \(lang.map { "\($0) package " } ?? "")\"\(d.path)\"; only the math library can be imported", d.location)
    }

    // MARK: Captures

    /// The slot in the current function holding the variable `key` of an enclosing
    /// function, adding a capture parameter on first use.
    func localSlot(for key: CaptureKey, irType: IRType, type: MType, isCell: Bool) -> Int {
        let ctx = cur
        if key.depth == ctx.depth { return key.slot }
        if let s = ctx.captureSlot[key] { return s }
        let p = ctx.addCaptureParam(irType)
        let s = ctx.newSlot(irType)
        ctx.write(s, p, in: ctx.entry)
        ctx.captures.append((key, p, type, isCell))
        ctx.captureSlot[key] = s
        return s
    }

    /// The current value (in the current function) of a capture of an inner function.
    func captureValue(_ key: CaptureKey, type: MType, isCell: Bool) -> Value {
        let irT = isCell ? IRType.list(ir(type)) : ir(type)
        return cur.read(localSlot(for: key, irType: irT, type: type, isCell: isCell))
    }
}

/// A table by `Name.id`: names are dense small integers, so an array indexed by id
/// replaces a dictionary (every name the checker resolves was a hash lookup). Ids
/// outside the array (synthesised names have id -1) live in a dictionary.
struct NameMap<T> {
    private var slots: [T?] = []
    private var other: [Int32: T] = [:]

    subscript(id: Int32) -> T? {
        get {
            if id >= 0 { return Int(id) < slots.count ? slots[Int(id)] : nil }
            return other[id]
        }
        set {
            if id >= 0 {
                let i = Int(id)
                if i >= slots.count {
                    if newValue == nil { return }
                    slots.append(contentsOf: repeatElement(nil, count: i + 1 - slots.count))
                }
                slots[i] = newValue
            } else {
                other[id] = newValue
            }
        }
    }
}
