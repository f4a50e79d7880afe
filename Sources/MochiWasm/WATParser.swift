// The WAT assembler: text to a `SymbolicModule`, for the runtime library written in
// WAT and for tests. It reads the subset a hand-written runtime uses (see
// docs/WASM-ENCODING.md): `(module ...)` or bare fields; types with `(rec ...)`,
// `(sub final? $super (struct|array|func ...))`, named fields; imports (also inline
// `(import ...)` in funcs, globals, memories, tables); functions with named params
// and locals; folded and flat instructions with labels and block types; tables,
// memories, globals, exports (also inline), start, element segments (active,
// passive, declarative) and data segments (active and passive).
//
// Instructions are read through the instruction table: a mnemonic gives its ops and
// the op's shape says which immediates follow, so every instruction of the table
// is accepted without code of its own. References stay symbolic (`$name` or number);
// the linker resolves them. Errors carry line:column.

/// Parses WAT text into a symbolic module.
public func parseWAT(_ text: String, origin: String = "input.wat") throws -> SymbolicModule {
    let top = try readSExprs(text, origin: origin)
    var p = WATParser(origin: origin)
    return try p.module(top)
}

struct WATParser {
    let origin: String
    var m: SymbolicModule
    /// Counts of the index spaces so far (for inline exports of unnamed entities).
    var counts: [ExternalKind: Int] = [:]
    var defined: Set<ExternalKind> = []
    var typeCount = 0
    /// Signatures of call_indirect's inline type uses, turned into types at the end.
    var implicitSignatures: [FuncType] = []
    static let implicitBase = UInt32.max - 1_000_000

    init(origin: String) {
        self.origin = origin
        m = SymbolicModule(origin: origin)
    }

    func fail(_ at: SExpr, _ msg: String) -> WATError { WATError(origin, at.pos.line, at.pos.column, msg) }
    func fail(_ p: SourcePos, _ msg: String) -> WATError { WATError(origin, p.line, p.column, msg) }

    // MARK: Cursor over a list's items

    struct Cursor {
        let items: [SExpr]
        var i: Int
        let end: SourcePos
        init(_ items: [SExpr], from: Int = 0, end: SourcePos) { self.items = items; self.i = from; self.end = end }
        var atEnd: Bool { i >= items.count }
        var peek: SExpr? { i < items.count ? items[i] : nil }
        mutating func next() -> SExpr? {
            guard i < items.count else { return nil }
            i += 1
            return items[i - 1]
        }
        /// Position for "expected ..." errors.
        var here: SourcePos { peek?.pos ?? end }
        /// Takes a `$id` atom.
        mutating func id() -> String? {
            if let a = peek?.atom, a.hasPrefix("$"), a.count > 1 { i += 1; return String(a.dropFirst()) }
            return nil
        }
        mutating func keyword(_ k: String) -> Bool {
            if peek?.atom == k { i += 1; return true }
            return false
        }
        /// Takes a list whose head is `k`.
        mutating func list(_ k: String) -> SExpr? {
            if let p = peek, p.head == k { i += 1; return p }
            return nil
        }
    }

    func cursor(_ list: SExpr, skipHead: Bool = true) -> Cursor {
        Cursor(list.items ?? [], from: skipHead ? 1 : 0, end: list.pos)
    }

    func expectEnd(_ c: Cursor, _ what: String) throws {
        if let extra = c.peek { throw fail(extra, "unexpected \(describe(extra)) in \(what)") }
    }

    func describe(_ e: SExpr) -> String {
        switch e {
        case .atom(let a, _): return "'\(a)'"
        case .string: return "string"
        case .list: return e.head.map { "'(\($0) ...)'" } ?? "list"
        }
    }

    // MARK: Module

    mutating func module(_ top: [SExpr]) throws -> SymbolicModule {
        var fields = top
        if top.count == 1, top[0].head == "module" {
            var c = cursor(top[0])
            m.name = c.id()
            fields = Array(c.items[c.i...])
        }
        for f in fields {
            guard let h = f.head else { throw fail(f, "expected a module field such as '(func ...)', found \(describe(f))") }
            switch h {
            case "type": try typeField(f)
            case "rec": try recField(f)
            case "import": try importField(f)
            case "func": try funcField(f)
            case "table": try tableField(f)
            case "memory": try memoryField(f)
            case "global": try globalField(f)
            case "export": try exportField(f)
            case "start":
                var c = cursor(f)
                guard m.start == nil else { throw fail(f, "a second start function") }
                m.start = try index(&c, "function")
                try expectEnd(c, "start")
            case "elem": try elemField(f)
            case "data": try dataField(f)
            case "@custom": try customField(f)
            case "module": throw fail(f, "nested module")
            default: throw fail(f, "unknown module field '\(h)'")
            }
        }
        try finishImplicitTypes()
        return m
    }

    mutating func finishImplicitTypes() throws {
        guard !implicitSignatures.isEmpty else { return }
        let base = UInt32(typeCount)
        for sig in implicitSignatures { m.types.append(TypeGroup([TypeDef(nil, SubType(.func(sig)))])) }
        func fix(_ code: [Instruction]) -> [Instruction] {
            code.map { ins in
                ins.mapIndices { space, i, _ in
                    if space == .type, case .index(let n) = i, n >= WATParser.implicitBase { return .index(base + (n - WATParser.implicitBase)) }
                    return i
                }
            }
        }
        for k in m.functions.indices { m.functions[k].body = fix(m.functions[k].body) }
        for k in m.globals.indices { m.globals[k].initializer = fix(m.globals[k].initializer) }
    }

    // MARK: Indices, numbers, types

    func index(_ c: inout Cursor, _ what: String) throws -> Idx {
        if let n = c.id() { return .name(n) }
        guard let e = c.next() else { throw fail(c.here, "expected a \(what) index or $name") }
        guard let a = e.atom, let v = parseU32(a) else { throw fail(e, "expected a \(what) index or $name, found \(describe(e))") }
        return .index(v)
    }

    /// An index when the next atom is one (`$name` or a number).
    func optionalIndex(_ c: inout Cursor) -> Idx? {
        guard let a = c.peek?.atom else { return nil }
        if a.hasPrefix("$"), a.count > 1 { c.i += 1; return .name(String(a.dropFirst())) }
        if let v = parseU32(a) { c.i += 1; return .index(v) }
        return nil
    }

    func u32(_ c: inout Cursor, _ what: String) throws -> UInt32 {
        guard let e = c.next() else { throw fail(c.here, "expected \(what)") }
        guard let a = e.atom, let v = parseU32(a) else { throw fail(e, "expected \(what), found \(describe(e))") }
        return v
    }

    func u64(_ c: inout Cursor, _ what: String) throws -> UInt64 {
        guard let e = c.next() else { throw fail(c.here, "expected \(what)") }
        guard let a = e.atom, let first = a.first, first != "-" && first != "+", let (_, v) = parseIntLiteral(a) else {
            throw fail(e, "expected \(what), found \(describe(e))")
        }
        return v
    }

    func name(_ c: inout Cursor, _ what: String) throws -> String {
        guard let e = c.next() else { throw fail(c.here, "expected \(what)") }
        guard case .string(let bytes, _) = e else { throw fail(e, "expected \(what) (a string), found \(describe(e))") }
        let s = String(decoding: bytes, as: UTF8.self)
        guard Array(s.utf8) == bytes else { throw fail(e, "\(what) is not valid UTF-8") }
        return s
    }

    func heapType(_ e: SExpr) throws -> HeapType {
        guard let a = e.atom else { throw fail(e, "expected a heap type, found \(describe(e))") }
        if let h = AbstractHeapType(name: a) { return .abstract(h) }
        if a.hasPrefix("$"), a.count > 1 { return .concrete(.name(String(a.dropFirst()))) }
        if let v = parseU32(a) { return .concrete(.index(v)) }
        throw fail(e, "unknown heap type '\(a)'")
    }

    func refType(_ e: SExpr) throws -> RefType? {
        if let a = e.atom {
            switch a {
            case "funcref": return .funcref
            case "externref": return .externref
            case "anyref": return .anyref
            case "eqref": return .eqref
            case "i31ref": return .i31ref
            case "structref": return .structref
            case "arrayref": return .arrayref
            case "nullref": return .nullref
            case "nullfuncref": return RefType(nullable: true, .nofunc)
            case "nullexternref": return RefType(nullable: true, .noextern)
            default: return nil
            }
        }
        guard e.head == "ref" else { return nil }
        var c = cursor(e)
        let nullable = c.keyword("null")
        guard let h = c.next() else { throw fail(c.here, "expected a heap type in (ref ...)") }
        let r = RefType(nullable: nullable, try heapType(h))
        try expectEnd(c, "(ref ...)")
        return r
    }

    func valType(_ e: SExpr) throws -> ValType {
        if let a = e.atom {
            switch a {
            case "i32": return .i32
            case "i64": return .i64
            case "f32": return .f32
            case "f64": return .f64
            case "v128": throw fail(e, "SIMD type v128 is not supported")
            default: break
            }
        }
        if let r = try refType(e) { return .ref(r) }
        throw fail(e, "expected a value type, found \(describe(e))")
    }

    func storageType(_ e: SExpr) throws -> StorageType {
        if e.atom == "i8" { return .i8 }
        if e.atom == "i16" { return .i16 }
        return .val(try valType(e))
    }

    func fieldType(_ e: SExpr) throws -> FieldType {
        if e.head == "mut" {
            var c = cursor(e)
            guard let t = c.next() else { throw fail(c.here, "expected a storage type in (mut ...)") }
            try expectEnd(c, "(mut ...)")
            return FieldType(try storageType(t), mutable: true)
        }
        return FieldType(try storageType(e))
    }

    /// `(param ...)*` `(result ...)*`, with param names.
    func signature(_ c: inout Cursor, names: Bool) throws -> (FuncType, [String?]) {
        var ft = FuncType()
        var paramNames: [String?] = []
        while let p = c.list("param") {
            var pc = cursor(p)
            if let n = pc.id() {
                guard names else { throw fail(p, "a named parameter is not allowed here") }
                guard let t = pc.next() else { throw fail(pc.here, "expected the type of $\(n)") }
                ft.params.append(try valType(t))
                paramNames.append(n)
                try expectEnd(pc, "(param ...)")
            } else {
                while let t = pc.next() { ft.params.append(try valType(t)); paramNames.append(nil) }
            }
        }
        while let r = c.list("result") {
            var rc = cursor(r)
            while let t = rc.next() { ft.results.append(try valType(t)) }
        }
        if let p = c.peek, p.head == "param" { throw fail(p, "(param ...) after (result ...)") }
        return (ft, paramNames)
    }

    /// `(type idx)? (param ...)* (result ...)*`.
    func typeUse(_ c: inout Cursor) throws -> TypeUse {
        var use = TypeUse()
        if let t = c.list("type") {
            var tc = cursor(t)
            use.index = try index(&tc, "type")
            try expectEnd(tc, "(type ...)")
        }
        let (ft, names) = try signature(&c, names: true)
        if use.index == nil || !ft.params.isEmpty || !ft.results.isEmpty {
            use.signature = ft
            use.paramNames = names
        }
        return use
    }

    // MARK: Types

    mutating func typeDef(_ f: SExpr) throws -> TypeDef {
        var c = cursor(f)
        let name = c.id()
        guard let body = c.next() else { throw fail(c.here, "expected a type definition") }
        try expectEnd(c, "(type ...)")
        var sub = SubType(.struct([]))
        var comp = body
        if body.head == "sub" {
            var sc = cursor(body)
            sub.isFinal = sc.keyword("final")
            while let s = optionalIndex(&sc) { sub.supertypes.append(s) }
            guard let x = sc.next() else { throw fail(sc.here, "expected a composite type in (sub ...)") }
            try expectEnd(sc, "(sub ...)")
            comp = x
        }
        var fieldNames: [String?] = []
        var cc = cursor(comp)
        switch comp.head {
        case "func":
            let (ft, _) = try signature(&cc, names: true)
            sub.composite = .func(ft)
        case "struct":
            var fields: [FieldType] = []
            while let fd = cc.list("field") {
                var fc = cursor(fd)
                if let n = fc.id() {
                    guard let t = fc.next() else { throw fail(fc.here, "expected the type of field $\(n)") }
                    fields.append(try fieldType(t))
                    fieldNames.append(n)
                    try expectEnd(fc, "(field ...)")
                } else {
                    while let t = fc.next() { fields.append(try fieldType(t)); fieldNames.append(nil) }
                }
            }
            sub.composite = .struct(fields)
            if fieldNames.allSatisfy({ $0 == nil }) { fieldNames = [] }
        case "array":
            guard let t = cc.next() else { throw fail(cc.here, "expected the element type of the array") }
            sub.composite = .array(try fieldType(t))
        default:
            throw fail(comp, "expected (func ...), (struct ...), (array ...) or (sub ...), found \(describe(comp))")
        }
        try expectEnd(cc, "the type definition")
        return TypeDef(name, sub, fieldNames: fieldNames)
    }

    mutating func typeField(_ f: SExpr) throws {
        m.types.append(TypeGroup([try typeDef(f)]))
        typeCount += 1
    }

    mutating func recField(_ f: SExpr) throws {
        var c = cursor(f)
        var defs: [TypeDef] = []
        while let t = c.list("type") { defs.append(try typeDef(t)) }
        try expectEnd(c, "(rec ...)")
        m.types.append(TypeGroup(defs, explicitRec: true))
        typeCount += defs.count
    }

    // MARK: Imports and exports

    /// The index an inline export refers to: the entity's name, else its number.
    func selfIndex(_ name: String?, _ kind: ExternalKind) -> Idx {
        name.map { .name($0) } ?? .index(UInt32(counts[kind, default: 0]))
    }

    /// Inline `(export "n")*` and `(import "m" "n")?` after an entity's id.
    mutating func inlineExportsAndImport(_ c: inout Cursor, _ name: String?, _ kind: ExternalKind) throws -> (String, String)? {
        while let e = c.list("export") {
            var ec = cursor(e)
            m.exports.append(Export(try self.name(&ec, "export name"), kind, selfIndex(name, kind)))
            try expectEnd(ec, "(export ...)")
        }
        if let i = c.list("import") {
            var ic = cursor(i)
            let r = (try self.name(&ic, "module name"), try self.name(&ic, "import name"))
            try expectEnd(ic, "(import ...)")
            if let e = c.peek, e.head == "export" { throw fail(e, "(export ...) after (import ...)") }
            return r
        }
        return nil
    }

    mutating func addImport(_ at: SExpr, _ imp: SymbolicImport) throws {
        if defined.contains(imp.kind) {
            throw fail(at, "import after a \(imp.kind == .function ? "function" : imp.kind.keyword) definition (imports come first)")
        }
        m.imports.append(imp)
        counts[imp.kind, default: 0] += 1
    }

    mutating func importField(_ f: SExpr) throws {
        var c = cursor(f)
        let module = try name(&c, "module name")
        let field = try name(&c, "import name")
        guard let d = c.next() else { throw fail(c.here, "expected an import description such as (func ...)") }
        try expectEnd(c, "(import ...)")
        var dc = cursor(d)
        let id = dc.id()
        let desc: SymbolicImport.Descriptor
        switch d.head {
        case "func": desc = .function(try typeUse(&dc))
        case "table": desc = .table(try tableType(&dc))
        case "memory": desc = .memory(try memoryType(&dc))
        case "global": desc = .global(try globalType(&dc))
        default: throw fail(d, "expected (func ...), (table ...), (memory ...) or (global ...), found \(describe(d))")
        }
        try expectEnd(dc, "the import description")
        try addImport(d, SymbolicImport(name: id, module: module, field: field, desc))
    }

    mutating func exportField(_ f: SExpr) throws {
        var c = cursor(f)
        let n = try name(&c, "export name")
        guard let d = c.next() else { throw fail(c.here, "expected (func ...), (table ...), (memory ...) or (global ...)") }
        try expectEnd(c, "(export ...)")
        var dc = cursor(d)
        let kind: ExternalKind
        switch d.head {
        case "func": kind = .function
        case "table": kind = .table
        case "memory": kind = .memory
        case "global": kind = .global
        default: throw fail(d, "expected (func ...), (table ...), (memory ...) or (global ...), found \(describe(d))")
        }
        m.exports.append(Export(n, kind, try index(&dc, kind.keyword)))
        try expectEnd(dc, "the export description")
    }

    // MARK: Functions

    mutating func funcField(_ f: SExpr) throws {
        var c = cursor(f)
        let id = c.id()
        if let (module, field) = try inlineExportsAndImport(&c, id, .function) {
            let use = try typeUse(&c)
            try expectEnd(c, "an imported function")
            try addImport(f, SymbolicImport(name: id, module: module, field: field, .function(use)))
            return
        }
        let use = try typeUse(&c)
        var locals: [Local] = []
        while let l = c.list("local") {
            var lc = cursor(l)
            if let n = lc.id() {
                guard let t = lc.next() else { throw fail(lc.here, "expected the type of $\(n)") }
                locals.append(Local(n, try valType(t)))
                try expectEnd(lc, "(local ...)")
            } else {
                while let t = lc.next() { locals.append(Local(nil, try valType(t))) }
            }
        }
        let body = try instructions(&c)
        defined.insert(.function)
        counts[.function, default: 0] += 1
        m.functions.append(SymbolicFunction(name: id, type: use, locals: locals, body: body))
    }

    // MARK: Tables, memories, globals

    func limits(_ c: inout Cursor, is64: Bool) throws -> Limits {
        let min = try u64(&c, "a minimum size")
        var l = Limits(min: min, is64: is64)
        if let a = c.peek?.atom, parseIntLiteral(a) != nil { l.max = try u64(&c, "a maximum size") }
        if c.keyword("shared") { l.shared = true }
        if !is64, min > UInt64(UInt32.max) || (l.max ?? 0) > UInt64(UInt32.max) { throw fail(c.here, "limits out of range for a 32-bit index type") }
        return l
    }

    func tableType(_ c: inout Cursor) throws -> TableType {
        let is64 = c.keyword("i64")
        _ = c.keyword("i32")
        let l = try limits(&c, is64: is64)
        guard let t = c.next() else { throw fail(c.here, "expected the table's reference type") }
        guard let r = try refType(t) else { throw fail(t, "expected a reference type, found \(describe(t))") }
        return TableType(r, l)
    }

    func memoryType(_ c: inout Cursor) throws -> MemoryType {
        let is64 = c.keyword("i64")
        _ = c.keyword("i32")
        return MemoryType(try limits(&c, is64: is64))
    }

    func globalType(_ c: inout Cursor) throws -> GlobalType {
        guard let t = c.next() else { throw fail(c.here, "expected the global's type") }
        if t.head == "mut" {
            var mc = cursor(t)
            guard let v = mc.next() else { throw fail(mc.here, "expected a value type in (mut ...)") }
            try expectEnd(mc, "(mut ...)")
            return GlobalType(try valType(v), mutable: true)
        }
        return GlobalType(try valType(t))
    }

    mutating func tableField(_ f: SExpr) throws {
        var c = cursor(f)
        let id = c.id()
        if let (module, field) = try inlineExportsAndImport(&c, id, .table) {
            let t = try tableType(&c)
            try expectEnd(c, "an imported table")
            try addImport(f, SymbolicImport(name: id, module: module, field: field, .table(t)))
            return
        }
        let t = try tableType(&c)
        var initializer: [Instruction]? = nil
        if !c.atEnd { initializer = try instructions(&c) }
        defined.insert(.table)
        counts[.table, default: 0] += 1
        m.tables.append(SymbolicTable(name: id, t, initializer: initializer))
    }

    mutating func memoryField(_ f: SExpr) throws {
        var c = cursor(f)
        let id = c.id()
        if let (module, field) = try inlineExportsAndImport(&c, id, .memory) {
            let t = try memoryType(&c)
            try expectEnd(c, "an imported memory")
            try addImport(f, SymbolicImport(name: id, module: module, field: field, .memory(t)))
            return
        }
        let t = try memoryType(&c)
        try expectEnd(c, "(memory ...)")
        defined.insert(.memory)
        counts[.memory, default: 0] += 1
        m.memories.append(SymbolicMemory(name: id, t))
    }

    mutating func globalField(_ f: SExpr) throws {
        var c = cursor(f)
        let id = c.id()
        if let (module, field) = try inlineExportsAndImport(&c, id, .global) {
            let t = try globalType(&c)
            try expectEnd(c, "an imported global")
            try addImport(f, SymbolicImport(name: id, module: module, field: field, .global(t)))
            return
        }
        let t = try globalType(&c)
        let initializer = try instructions(&c)
        defined.insert(.global)
        counts[.global, default: 0] += 1
        m.globals.append(SymbolicGlobal(name: id, t, initializer: initializer))
    }

    // MARK: Custom sections

    /// Section keywords of `(@custom ... (before|after X) ...)`.
    static let sectionKeywords: [String: UInt8] = [
        "type": 1, "import": 2, "func": 3, "table": 4, "memory": 5, "global": 6, "export": 7,
        "start": 8, "elem": 9, "code": 10, "data": 11, "datacount": 12, "tag": 13,
    ]

    /// `(@custom "name" (before|after section|first|last)? "bytes"*)`; placed at the end
    /// by default, as wasm-tools does.
    mutating func customField(_ f: SExpr) throws {
        var c = cursor(f)
        let n = try name(&c, "custom section name")
        var after: UInt8 = sectionOrder.last!
        if let p = c.peek, let h = p.head, h == "before" || h == "after" {
            c.i += 1
            var pc = cursor(p)
            guard let w = pc.next()?.atom else { throw fail(pc.here, "expected a section name, 'first' or 'last'") }
            try expectEnd(pc, "the placement")
            switch (h, w) {
            case ("before", "first"): after = 0
            case ("after", "last"): after = sectionOrder.last!
            case (_, let k):
                guard let id = WATParser.sectionKeywords[k], let at = sectionOrder.firstIndex(of: id) else {
                    throw fail(p, "unknown section '\(k)' in the placement")
                }
                after = h == "after" ? id : (at == 0 ? 0 : sectionOrder[at - 1])
            }
        }
        var bytes: [UInt8] = []
        while let s = c.next() {
            guard case .string(let b, _) = s else { throw fail(s, "expected a string, found \(describe(s))") }
            bytes.append(contentsOf: b)
        }
        m.customSections.append(CustomSection(name: n, bytes: bytes, after: after))
    }

    // MARK: Segments

    /// `(offset instr*)` or one folded instruction.
    mutating func offset(_ c: inout Cursor) throws -> [Instruction]? {
        if let o = c.list("offset") {
            var oc = cursor(o)
            return try instructions(&oc)
        }
        if let p = c.peek, let h = p.head, !Op.named(h).isEmpty {
            c.i += 1
            var one = Cursor([p], end: p.pos)
            return try instructions(&one)
        }
        return nil
    }

    mutating func elemField(_ f: SExpr) throws {
        var c = cursor(f)
        let id = c.id()
        var mode: SegmentMode = .passive
        var compact = true
        if c.keyword("declare") {
            mode = .declarative
        } else {
            var table: Idx = .index(0)
            if let t = c.list("table") {
                var tc = cursor(t)
                table = try index(&tc, "table")
                try expectEnd(tc, "(table ...)")
                compact = false
            }
            if let o = try offset(&c) {
                mode = .active(table, offset: o)
            } else if !compact {
                throw fail(c.here, "expected (offset ...) after (table ...)")
            }
        }
        // Items: `func idx*`, bare `idx*` (active only), or `reftype expr*`.
        var items: ElementSegment.Items
        if c.keyword("func") {
            var fs: [Idx] = []
            while let i = optionalIndex(&c) { fs.append(i) }
            items = .functions(fs)
        } else if let p = c.peek, let r = try refType(p) {
            c.i += 1
            var es: [[Instruction]] = []
            while let e = c.next() {
                if e.head == "item" {
                    var ic = cursor(e)
                    es.append(try instructions(&ic))
                } else if e.items != nil {
                    var one = Cursor([e], end: e.pos)
                    es.append(try instructions(&one))
                } else {
                    throw fail(e, "expected (item ...) or a folded instruction, found \(describe(e))")
                }
            }
            items = .expressions(r, es)
        } else {
            guard case .active = mode else { throw fail(c.here, "expected 'func' or a reference type") }
            var fs: [Idx] = []
            while let i = optionalIndex(&c) { fs.append(i) }
            items = .functions(fs)
        }
        try expectEnd(c, "(elem ...)")
        m.elements.append(SymbolicElement(name: id, ElementSegment(mode, items, compact: compact)))
    }

    mutating func dataField(_ f: SExpr) throws {
        var c = cursor(f)
        let id = c.id()
        var mode: SegmentMode = .passive
        var memory: Idx = .index(0)
        var explicitMemory = false
        if let mm = c.list("memory") {
            var mc = cursor(mm)
            memory = try index(&mc, "memory")
            try expectEnd(mc, "(memory ...)")
            explicitMemory = true
        }
        if let o = try offset(&c) {
            mode = .active(memory, offset: o)
        } else if explicitMemory {
            throw fail(c.here, "expected (offset ...) after (memory ...)")
        }
        var bytes: [UInt8] = []
        while let s = c.next() {
            guard case .string(let b, _) = s else { throw fail(s, "expected a string, found \(describe(s))") }
            bytes.append(contentsOf: b)
        }
        m.data.append(SymbolicData(name: id, DataSegment(mode, bytes)))
    }

    // MARK: Instructions

    /// The rest of the cursor as instructions (flat and folded forms).
    mutating func instructions(_ c: inout Cursor) throws -> [Instruction] {
        var out: [Instruction] = []
        while !c.atEnd { try instruction(&c, into: &out, depth: 0) }
        return out
    }

    /// One instruction (flat: consuming its immediates from the cursor; folded: a list).
    mutating func instruction(_ c: inout Cursor, into out: inout [Instruction], depth: Int) throws {
        guard let e = c.next() else { return }
        if depth > maxNesting { throw fail(e, "instructions nested deeper than \(maxNesting) levels") }
        switch e {
        case .string: throw fail(e, "expected an instruction, found a string")
        case .atom(let a, _):
            let ops = Op.named(a)
            guard !ops.isEmpty else {
                if a.hasPrefix("v128.") || a.hasPrefix("i8x16.") || a.hasPrefix("i16x8.") || a.hasPrefix("i32x4.")
                    || a.hasPrefix("i64x2.") || a.hasPrefix("f32x4.") || a.hasPrefix("f64x2.") {
                    throw fail(e, "SIMD instruction '\(a)' is not supported")
                }
                throw fail(e, "unknown instruction '\(a)'")
            }
            let ins = try immediates(ops, at: e, &c, flat: true)
            out.append(ins)
            if ins.op == .else || ins.op == .end {
                _ = c.id() // `else $l` / `end $l`: the label repeated
            }
        case .list(let items, _):
            guard let h = e.head else { throw fail(e, "expected an instruction") }
            var lc = Cursor(items, from: 1, end: e.pos)
            switch h {
            case "block", "loop":
                let op: Op = h == "block" ? .block : .loop
                let label = lc.id()
                let bt = try blockType(&lc)
                out.append(Instruction(op, .block(bt, label: label)))
                while !lc.atEnd { try instruction(&lc, into: &out, depth: depth + 1) }
                out.append(Instruction(.end))
            case "if":
                let label = lc.id()
                let bt = try blockType(&lc)
                while let p = lc.peek, p.head != "then" {
                    guard p.items != nil else { throw fail(p, "expected a folded condition or (then ...), found \(describe(p))") }
                    try instruction(&lc, into: &out, depth: depth + 1)
                }
                guard let then = lc.list("then") else { throw fail(lc.here, "expected (then ...) in a folded if") }
                out.append(Instruction(.if, .block(bt, label: label)))
                var tc = cursor(then)
                while !tc.atEnd { try instruction(&tc, into: &out, depth: depth + 1) }
                if let els = lc.list("else") {
                    out.append(Instruction(.else))
                    var ec = cursor(els)
                    while !ec.atEnd { try instruction(&ec, into: &out, depth: depth + 1) }
                }
                try expectEnd(lc, "a folded if")
                out.append(Instruction(.end))
            default:
                let ops = Op.named(h)
                guard !ops.isEmpty else { throw fail(items[0], "unknown instruction '\(h)'") }
                let ins = try immediates(ops, at: items[0], &lc, flat: false)
                if ins.op == .else || ins.op == .end { throw fail(e, "'\(h)' cannot be folded") }
                while !lc.atEnd {
                    guard let p = lc.peek, p.items != nil else {
                        throw fail(lc.here, "unexpected \(lc.peek.map(describe) ?? "end") in folded '\(h)' (operands must be folded instructions)")
                    }
                    try instruction(&lc, into: &out, depth: depth + 1)
                }
                out.append(ins)
            }
        }
    }

    /// `$label`? `(type idx)`? `(param ...)*` `(result ...)*`.
    func blockType(_ c: inout Cursor) throws -> BlockType {
        var index: Idx? = nil
        if let t = c.list("type") {
            var tc = cursor(t)
            index = try self.index(&tc, "type")
            try expectEnd(tc, "(type ...)")
        }
        let (ft, _) = try signature(&c, names: false)
        if let i = index { return .type(i) }
        if ft.params.isEmpty && ft.results.isEmpty { return .empty }
        if ft.params.isEmpty && ft.results.count == 1 { return .value(ft.results[0]) }
        return .inline(ft)
    }

    func literal(_ c: inout Cursor, _ what: String) throws -> (String, SExpr) {
        guard let n = c.next() else { throw fail(c.here, "expected an \(what) literal") }
        guard let a = n.atom else { throw fail(n, "expected an \(what) literal, found \(describe(n))") }
        return (a, n)
    }

    /// An instruction's immediates, by the shape the table gives its op.
    mutating func immediates(_ ops: [Op], at e: SExpr, _ c: inout Cursor, flat: Bool) throws -> Instruction {
        let op = ops[0]
        switch op.info.shape {
        case .none:
            if op == .select, let typed = ops.first(where: { $0 == .selectTyped }), c.peek?.head == "result" {
                var types: [ValType] = []
                while let r = c.list("result") {
                    var rc = cursor(r)
                    while let t = rc.next() { types.append(try valType(t)) }
                }
                return Instruction(typed, .valTypes(types))
            }
            return Instruction(op)
        case .block:
            let label = c.id()
            return Instruction(op, .block(try blockType(&c), label: label))
        case .label, .function, .type, .local, .global, .elem, .data:
            let what: String
            switch op.info.shape {
            case .label: what = "label"
            case .function: what = "function"
            case .type: what = "type"
            case .local: what = "local"
            case .global: what = "global"
            case .elem: what = "element segment"
            default: what = "data segment"
            }
            return Instruction(op, .index(try index(&c, what)))
        case .table, .memory:
            return Instruction(op, .index(optionalIndex(&c) ?? .index(0)))
        case .brTable:
            var labels: [Idx] = []
            while let l = optionalIndex(&c) { labels.append(l) }
            guard let d = labels.popLast() else { throw fail(c.here, "br_table needs at least one label") }
            return Instruction(op, .brTable(labels, default: d))
        case .callIndirect:
            let table = optionalIndex(&c) ?? .index(0)
            let use = try typeUse(&c)
            var type: Idx
            if let i = use.index {
                type = i
            } else {
                let sig = use.signature ?? FuncType()
                if let k = implicitSignatures.firstIndex(of: sig) { type = .index(WATParser.implicitBase + UInt32(k)) }
                else {
                    guard implicitSignatures.count < 1_000_000 else { throw fail(e, "too many call_indirect signatures") }
                    implicitSignatures.append(sig)
                    type = .index(WATParser.implicitBase + UInt32(implicitSignatures.count - 1))
                }
            }
            return Instruction(op, .indices(type, table))
        case .typeField:
            let t = try index(&c, "type")
            return Instruction(op, .indices(t, try index(&c, "field")))
        case .typeCount:
            let t = try index(&c, "type")
            return Instruction(op, .typeCount(t, try u32(&c, "an element count")))
        case .typeData:
            let t = try index(&c, "type")
            return Instruction(op, .indices(t, try index(&c, "data segment")))
        case .typeElem:
            let t = try index(&c, "type")
            return Instruction(op, .indices(t, try index(&c, "element segment")))
        case .typeType:
            let t = try index(&c, "type")
            return Instruction(op, .indices(t, try index(&c, "type")))
        case .tableTable, .memoryMemory:
            // Both or neither: `table.copy $dst $src`.
            guard let a = optionalIndex(&c) else { return Instruction(op, .indices(.index(0), .index(0))) }
            return Instruction(op, .indices(a, try index(&c, op.info.shape == .tableTable ? "table" : "memory")))
        case .elemTable, .dataMemory:
            // Text order: `table.init $table? $elem`, `memory.init $memory? $data`.
            let first = try index(&c, op.info.shape == .elemTable ? "element segment" : "data segment")
            if let second = optionalIndex(&c) { return Instruction(op, .indices(second, first)) }
            return Instruction(op, .indices(first, .index(0)))
        case .memarg(let natural):
            var arg = MemArg(align: natural)
            if let mem = optionalIndex(&c) { arg.memory = mem }
            if let a = c.peek?.atom, a.hasPrefix("offset=") {
                c.i += 1
                guard let (neg, v) = parseIntLiteral(String(a.dropFirst(7))), !neg else { throw fail(e, "malformed offset '\(a)'") }
                arg.offset = v
            }
            if let a = c.peek?.atom, a.hasPrefix("align=") {
                c.i += 1
                guard let (neg, v) = parseIntLiteral(String(a.dropFirst(6))), !neg, v > 0, v & (v - 1) == 0, v <= 1 << 16 else {
                    throw fail(e, "malformed alignment '\(a)' (a power of two)")
                }
                arg.align = UInt32(v.trailingZeroBitCount)
            }
            return Instruction(op, .memarg(arg))
        case .i32:
            let (a, n) = try literal(&c, "i32")
            guard let v = parseIntBits(a, bits: 32) else { throw fail(n, "invalid i32 literal '\(a)'") }
            return Instruction(op, .i32(Int32(bitPattern: UInt32(v))))
        case .i64:
            let (a, n) = try literal(&c, "i64")
            guard let v = parseIntBits(a, bits: 64) else { throw fail(n, "invalid i64 literal '\(a)'") }
            return Instruction(op, .i64(Int64(bitPattern: v)))
        case .f32:
            let (a, n) = try literal(&c, "f32")
            guard let v = parseFloatBits(a, bits: 32) else { throw fail(n, "invalid f32 literal '\(a)'") }
            return Instruction(op, .f32(UInt32(v)))
        case .f64:
            let (a, n) = try literal(&c, "f64")
            guard let v = parseFloatBits(a, bits: 64) else { throw fail(n, "invalid f64 literal '\(a)'") }
            return Instruction(op, .f64(v))
        case .heapType:
            guard let h = c.next() else { throw fail(c.here, "expected a heap type") }
            return Instruction(op, .heapType(try heapType(h)))
        case .refType:
            guard let t = c.next() else { throw fail(c.here, "expected a reference type") }
            guard let r = try refType(t) else { throw fail(t, "expected a reference type, found \(describe(t))") }
            let chosen = ops.first { if case .refType(let n) = $0.info.shape { return n == r.nullable }; return false } ?? op
            return Instruction(chosen, .heapType(r.heap))
        case .brOnCast:
            let l = try index(&c, "label")
            guard let a = c.next(), let from = try refType(a) else { throw fail(c.here, "expected the source reference type") }
            guard let b = c.next(), let to = try refType(b) else { throw fail(c.here, "expected the target reference type") }
            return Instruction(op, .brOnCast(l, from, to))
        case .valTypes:
            return Instruction(op, .valTypes([]))
        }
    }
}
