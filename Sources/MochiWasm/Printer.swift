// The disassembler: a numeric `WasmModule` as WAT text, in the style of `wasm-tools
// print` — rec groups, sub/final and supertypes, fields, imports, exports, functions
// with one instruction per line indented by block nesting — with `$names` from the
// name section where they are valid, unique WAT ids, and `(;N;)` index comments.
// The output is WAT our assembler reads back (tests check print, parse, link,
// encode gives the same module). Instruction text comes from the table's mnemonics
// and shapes, like everything else.

public struct WATPrinter {
    public let module: WasmModule
    let names: NameSection
    var typeIds: [UInt32: String] = [:]
    var funcIds: [UInt32: String] = [:]
    var globalIds: [UInt32: String] = [:]
    var tableIds: [UInt32: String] = [:]
    var memoryIds: [UInt32: String] = [:]
    var elemIds: [UInt32: String] = [:]
    var dataIds: [UInt32: String] = [:]
    let types: [SubType]

    public init(_ module: WasmModule) {
        self.module = module
        names = module.names ?? NameSection()
        types = module.typeDefinitions
        typeIds = WATPrinter.ids(names.types)
        funcIds = WATPrinter.ids(names.functions)
        globalIds = WATPrinter.ids(names.globals)
        tableIds = WATPrinter.ids(names.tables)
        memoryIds = WATPrinter.ids(names.memories)
        elemIds = WATPrinter.ids(names.elements)
        dataIds = WATPrinter.ids(names.data)
    }

    /// Names usable as `$ids`: valid id characters, unique in their map.
    static func ids(_ m: NameMap) -> [UInt32: String] {
        var seen: [String: Int] = [:]
        for (_, n) in m { seen[n, default: 0] += 1 }
        var out: [UInt32: String] = [:]
        for (i, n) in m where seen[n] == 1 && isValidId(n) { out[i] = n }
        return out
    }

    static func isValidId(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy(isIdChar) }

    func ref(_ ids: [UInt32: String], _ i: Idx) -> String {
        switch i {
        case .index(let n): return ids[n].map { "$" + $0 } ?? String(n)
        case .name(let s): return "$" + s
        }
    }

    func localIds(_ function: UInt32) -> [UInt32: String] {
        guard let m = names.locals.first(where: { $0.index == function }) else { return [:] }
        return WATPrinter.ids(m.names)
    }

    func fieldIds(_ type: UInt32) -> [UInt32: String] {
        guard let m = names.fields.first(where: { $0.index == type }) else { return [:] }
        return WATPrinter.ids(m.names)
    }

    // MARK: Types

    public func heapType(_ h: HeapType) -> String {
        switch h {
        case .abstract(let a): return a.name
        case .concrete(let i): return ref(typeIds, i)
        }
    }

    public func refType(_ r: RefType) -> String {
        if r.nullable, case .abstract(let a) = r.heap { return a.nullableShorthand }
        return "(ref \(r.nullable ? "null " : "")\(heapType(r.heap)))"
    }

    public func valType(_ v: ValType) -> String {
        switch v {
        case .i32: return "i32"
        case .i64: return "i64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .ref(let r): return refType(r)
        }
    }

    public func fieldType(_ f: FieldType) -> String {
        var s: String
        switch f.storage {
        case .i8: s = "i8"
        case .i16: s = "i16"
        case .val(let v): s = valType(v)
        }
        if f.mutable { s = "(mut \(s))" }
        return s
    }

    func signature(_ ft: FuncType, paramIds: [UInt32: String] = [:]) -> String {
        var parts: [String] = []
        var unnamed: [String] = [] // consecutive unnamed params share one (param ...)
        for (k, p) in ft.params.enumerated() {
            if let n = paramIds[UInt32(k)] {
                if !unnamed.isEmpty { parts.append("(param \(unnamed.joined(separator: " ")))"); unnamed = [] }
                parts.append("(param $\(n) \(valType(p)))")
            } else {
                unnamed.append(valType(p))
            }
        }
        if !unnamed.isEmpty { parts.append("(param \(unnamed.joined(separator: " ")))") }
        if !ft.results.isEmpty { parts.append("(result \(ft.results.map(valType).joined(separator: " ")))") }
        return parts.joined(separator: " ")
    }

    public func compositeType(_ c: CompositeType, typeIndex: UInt32) -> String {
        switch c {
        case .func(let ft):
            let s = signature(ft)
            return s.isEmpty ? "(func)" : "(func \(s))"
        case .struct(let fields):
            if fields.isEmpty { return "(struct)" }
            let fids = fieldIds(typeIndex)
            return "(struct " + fields.enumerated().map { k, f in
                if let n = fids[UInt32(k)] { return "(field $\(n) \(fieldType(f)))" }
                return "(field \(fieldType(f)))"
            }.joined(separator: " ") + ")"
        case .array(let e): return "(array \(fieldType(e)))"
        }
    }

    public func subType(_ s: SubType, typeIndex: UInt32) -> String {
        let c = compositeType(s.composite, typeIndex: typeIndex)
        if s.isFinal && s.supertypes.isEmpty { return c }
        let supers = s.supertypes.map { " " + ref(typeIds, $0) }.joined()
        return "(sub\(s.isFinal ? " final" : "")\(supers) \(c))"
    }

    /// `(type $name (;N;) ...)`.
    public func typeDefinition(_ index: UInt32) -> String {
        let s = types[Int(index)]
        let id = typeIds[index].map { "$\($0) " } ?? ""
        return "(type \(id)(;\(index);) \(subType(s, typeIndex: index)))"
    }

    func limits(_ l: Limits) -> String {
        var s = (l.is64 ? "i64 " : "") + String(l.min)
        if let m = l.max { s += " \(m)" }
        if l.shared { s += " shared" }
        return s
    }

    // MARK: Instructions

    /// Printing context of a function body: its locals' and labels' names.
    public struct Context {
        var locals: [UInt32: String] = [:]
        var labels: [UInt32: String] = [:]
        public init() {}
    }

    public func context(function: UInt32) -> Context {
        var c = Context()
        c.locals = localIds(function)
        if let m = names.labels.first(where: { $0.index == function }) { c.labels = WATPrinter.ids(m.names) }
        return c
    }

    static func floatText(bits: UInt64, f32: Bool) -> String {
        let signBit: UInt64 = f32 ? 0x8000_0000 : 0x8000_0000_0000_0000
        let expMask: UInt64 = f32 ? 0x7F80_0000 : 0x7FF0_0000_0000_0000
        let payloadMask: UInt64 = f32 ? 0x007F_FFFF : 0x000F_FFFF_FFFF_FFFF
        let sign = bits & signBit != 0 ? "-" : ""
        if bits & expMask == expMask {
            let payload = bits & payloadMask
            if payload == 0 { return sign + "inf" }
            return sign + "nan:0x" + String(payload, radix: 16)
        }
        // Shortest text that reads back to the same bits.
        if f32 { return Float(bitPattern: UInt32(bits)).description }
        return Double(bitPattern: bits).description
    }

    /// One instruction as WAT text; `label` is the label name of a block it opens.
    public func instruction(_ ins: Instruction, _ ctx: Context = Context(), label: String? = nil) -> String {
        let info = ins.op.info
        var s = info.name
        func add(_ t: String) { s += " " + t }
        switch ins.immediate {
        case .none: break
        case .block(let bt, let l):
            if let name = l ?? label { add("$" + name) }
            switch bt {
            case .empty: break
            case .value(let v): add("(result \(valType(v)))")
            case .type(let i): add("(type \(ref(typeIds, i)))")
            case .inline(let ft): add(signature(ft))
            }
        case .index(let i):
            switch info.shape {
            case .function: add(ref(funcIds, i))
            case .type: add(ref(typeIds, i))
            case .local: add(ref(ctx.locals, i))
            case .global: add(ref(globalIds, i))
            case .table: add(ref(tableIds, i))
            case .elem: add(ref(elemIds, i))
            case .data: add(ref(dataIds, i))
            case .memory: if i != .index(0) { add(ref(memoryIds, i)) }
            default: add(i.description)
            }
        case .indices(let a, let b):
            switch info.shape {
            case .callIndirect: add(ref(tableIds, b)); add("(type \(ref(typeIds, a)))")
            case .typeField:
                add(ref(typeIds, a))
                if case .index(let t) = a { add(ref(fieldIds(t), b)) } else { add(b.description) }
            case .typeData: add(ref(typeIds, a)); add(ref(dataIds, b))
            case .typeElem: add(ref(typeIds, a)); add(ref(elemIds, b))
            case .typeType: add(ref(typeIds, a)); add(ref(typeIds, b))
            case .tableTable: add(ref(tableIds, a)); add(ref(tableIds, b))
            case .elemTable: add(ref(tableIds, b)); add(ref(elemIds, a)) // text order: table, then segment
            case .dataMemory: add(ref(memoryIds, b)); add(ref(dataIds, a))
            case .memoryMemory: add(ref(memoryIds, a)); add(ref(memoryIds, b))
            default: add(a.description); add(b.description)
            }
        case .brTable(let ls, let d): for l in ls + [d] { add(l.description) }
        case .typeCount(let t, let n): add(ref(typeIds, t)); add(String(n))
        case .memarg(let m):
            if m.memory != .index(0) { add(ref(memoryIds, m.memory)) }
            if m.offset != 0 { add("offset=\(m.offset)") }
            if case .memarg(let natural) = info.shape, m.align != natural {
                add(m.align < 64 ? "align=\(UInt64(1) << UInt64(m.align))" : "align=2^\(m.align)")
            }
        case .i32(let v): add(String(v))
        case .i64(let v): add(String(v))
        case .f32(let b): add(WATPrinter.floatText(bits: UInt64(b), f32: true))
        case .f64(let b): add(WATPrinter.floatText(bits: b, f32: false))
        case .heapType(let h):
            // ref.test/ref.cast: the op fixes nullability, so always the explicit form.
            if case .refType(let nullable) = info.shape { add("(ref \(nullable ? "null " : "")\(heapType(h)))") }
            else { add(heapType(h)) }
        case .brOnCast(let l, let a, let b): add(l.description); add(refType(a)); add(refType(b))
        case .valTypes(let vs): if !vs.isEmpty { add("(result \(vs.map(valType).joined(separator: " ")))") }
        }
        return s
    }

    /// A constant expression: folded when it is one instruction.
    func expression(_ code: [Instruction]) -> String {
        if code.count == 1 { return "(\(instruction(code[0])))" }
        return "(offset " + code.map { instruction($0) }.joined(separator: " ") + ")"
    }

    // MARK: Module

    /// The whole module as WAT.
    public func moduleText() -> String {
        var out = "(module"
        if let n = names.module, WATPrinter.isValidId(n) { out += " $" + n }
        out += "\n"
        var ti: UInt32 = 0
        for g in module.types {
            if g.explicitRec {
                out += "  (rec\n"
                for _ in g.types { out += "    " + typeDefinition(ti) + "\n"; ti += 1 }
                out += "  )\n"
            } else {
                out += "  " + typeDefinition(ti) + "\n"
                ti += 1
            }
        }
        var counts: [ExternalKind: UInt32] = [:]
        for imp in module.imports {
            let k = counts[imp.kind, default: 0]
            counts[imp.kind] = k + 1
            let desc: String
            switch imp.descriptor {
            case .function(let t): desc = "(func \(idPrefix(funcIds, k))(;\(k);) (type \(ref(typeIds, t))))"
            case .table(let t): desc = "(table \(idPrefix(tableIds, k))(;\(k);) \(limits(t.limits)) \(refType(t.element)))"
            case .memory(let mt): desc = "(memory \(idPrefix(memoryIds, k))(;\(k);) \(limits(mt.limits)))"
            case .global(let g): desc = "(global \(idPrefix(globalIds, k))(;\(k);) \(globalType(g)))"
            }
            out += "  (import \(quoted(imp.module)) \(quoted(imp.name)) \(desc))\n"
        }
        let firstFunc = counts[.function, default: 0]
        for (k, t) in module.tables.enumerated() {
            let i = counts[.table, default: 0] + UInt32(k)
            out += "  (table \(idPrefix(tableIds, i))(;\(i);) \(limits(t.type.limits)) \(refType(t.type.element))"
            if let e = t.initializer { out += " " + e.map { instruction($0) }.joined(separator: " ") }
            out += ")\n"
        }
        for (k, mt) in module.memories.enumerated() {
            let i = counts[.memory, default: 0] + UInt32(k)
            out += "  (memory \(idPrefix(memoryIds, i))(;\(i);) \(limits(mt.limits)))\n"
        }
        for (k, g) in module.globals.enumerated() {
            let i = counts[.global, default: 0] + UInt32(k)
            out += "  (global \(idPrefix(globalIds, i))(;\(i);) \(globalType(g.type)) \(g.initializer.map { instruction($0) }.joined(separator: " ")))\n"
        }
        for e in module.exports {
            let target: String
            switch e.kind {
            case .function: target = ref(funcIds, e.index)
            case .table: target = ref(tableIds, e.index)
            case .memory: target = ref(memoryIds, e.index)
            case .global: target = ref(globalIds, e.index)
            case .tag: target = e.index.description
            }
            out += "  (export \(quoted(e.name)) (\(e.kind.keyword) \(target)))\n"
        }
        if let s = module.start { out += "  (start \(ref(funcIds, s)))\n" }
        for (k, e) in module.elements.enumerated() {
            out += "  (elem \(idPrefix(elemIds, UInt32(k)))(;\(k);)"
            switch e.mode {
            case .passive: break
            case .declarative: out += " declare"
            case .active(let t, let offset):
                var compactForm = e.compact && t == .index(0)
                if case .expressions(let rt, _) = e.items, rt != .funcref { compactForm = false }
                if !compactForm { out += " (table \(ref(tableIds, t)))" }
                out += " " + expression(offset)
            }
            switch e.items {
            case .functions(let fs): out += " func" + fs.map { " " + ref(funcIds, $0) }.joined()
            case .expressions(let rt, let es):
                out += " " + refType(rt)
                for x in es { out += " (item " + x.map { instruction($0) }.joined(separator: " ") + ")" }
            }
            out += ")\n"
        }
        for (k, f) in module.functions.enumerated() {
            out += functionText(UInt32(k) + firstFunc, f, indent: "  ")
        }
        for (k, d) in module.data.enumerated() {
            out += "  (data \(idPrefix(dataIds, UInt32(k)))(;\(k);)"
            if case .active(let mem, let offset) = d.mode {
                if mem != .index(0) { out += " (memory \(ref(memoryIds, mem)))" }
                out += " " + expression(offset)
            }
            out += " " + quoted(d.bytes) + ")\n"
        }
        // Custom sections (not the parsed name section) with their explicit place.
        for c in module.customSections where !(c.name == "name" && c.bytes.isEmpty) {
            let place = c.after == 0 ? "(before first)" : "(after \(WATPrinter.sectionKeyword(c.after)))"
            out += "  (@custom \(quoted(c.name)) \(place) \(quoted(c.bytes)))\n"
        }
        out += ")\n"
        return out
    }

    static func sectionKeyword(_ id: UInt8) -> String {
        switch id {
        case 3: return "func"
        case 9: return "elem"
        case 10: return "code"
        case 12: return "datacount"
        default: return sectionName(id)
        }
    }

    func idPrefix(_ ids: [UInt32: String], _ i: UInt32) -> String { ids[i].map { "$\($0) " } ?? "" }

    func globalType(_ g: GlobalType) -> String { g.mutable ? "(mut \(valType(g.type)))" : valType(g.type) }

    /// A defined function: header, locals, one instruction per line indented by nesting.
    public func functionText(_ index: UInt32, _ f: WasmFunction, indent: String) -> String {
        let ctx = context(function: index)
        var out = indent + "(func \(idPrefix(funcIds, index))(;\(index);) (type \(ref(typeIds, f.type)))"
        if case .index(let t) = f.type, Int(t) < types.count, let ft = types[Int(t)].composite.funcType {
            let sig = signature(ft, paramIds: ctx.locals)
            if !sig.isEmpty { out += " " + sig }
        }
        out += "\n"
        var nparams = 0
        if case .index(let t) = f.type, Int(t) < types.count { nparams = types[Int(t)].composite.funcType?.params.count ?? 0 }
        for (k, l) in f.locals.enumerated() {
            let li = UInt32(nparams + k)
            out += indent + "  (local " + (ctx.locals[li].map { "$\($0) " } ?? "") + valType(l) + ")\n"
        }
        var depth = 1
        var block: UInt32 = 0
        for ins in f.body {
            if ins.op == .end || ins.op == .else { depth -= 1 }
            var label: String? = nil
            if ins.op.opensBlock { label = ctx.labels[block]; block += 1 }
            out += indent + String(repeating: "  ", count: max(depth, 1)) + instruction(ins, ctx, label: label) + "\n"
            if ins.op.opensBlock || ins.op == .else { depth += 1 }
        }
        out += indent + ")\n"
        return out
    }
}

func quoted(_ s: String) -> String { quoted(Array(s.utf8)) }

/// A WAT string literal: printable ASCII as is, the rest as `\hh`.
func quoted(_ bytes: [UInt8]) -> String {
    var out = "\""
    let hex = Array("0123456789abcdef")
    for b in bytes {
        switch b {
        case UInt8(ascii: "\""): out += "\\\""
        case UInt8(ascii: "\\"): out += "\\\\"
        case 0x20..<0x7F: out.append(Character(Unicode.Scalar(b)))
        default: out += "\\" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
        }
    }
    return out + "\""
}
