// The canonical text printer (docs/IR.md). Values and blocks are renumbered densely
// in layout order (block parameters, then instruction results), so two modules that
// differ only in table order print the same bytes, and print(parse(x)) == x for
// canonical x. Output is built as bytes into one reserved buffer; nothing here
// iterates a Dictionary, so the output is deterministic.
//
// The printer never traps on a malformed module (a fuzzed binary may decode to one):
// values or blocks that are used but not laid out get numbers after the dense ones,
// and impossible references print as `?` forms the parser rejects.

/// Canonical numbers of one function's values and blocks, as the printer, the binary
/// encoder and the verifier's messages use them.
public struct CanonicalNumbering {
    /// Canonical number of each value by `Value.index`, or -1 when not defined in
    /// the layout.
    public private(set) var valueNumber: [Int32]
    /// Canonical number of each block by `Block.index`, or -1 when not in the layout.
    public private(set) var blockNumber: [Int32]
    /// Number of values defined in the layout (canonical numbers 0..<definedValues).
    public let definedValues: Int
    /// Number of distinct blocks in the layout.
    public let laidOutBlocks: Int

    public init(_ f: Function) {
        var vn = [Int32](repeating: -1, count: f.valueTypes.count)
        var bn = [Int32](repeating: -1, count: f.blocks.count)
        var nextV: Int32 = 0, nextB: Int32 = 0
        for b in f.layout {
            let bi = Int(b.index)
            guard bi >= 0, bi < bn.count, bn[bi] < 0 else { continue }
            bn[bi] = nextB; nextB += 1
            let data = f.blocks[bi]
            for p in data.params {
                let pi = Int(p.index)
                if pi >= 0, pi < vn.count, vn[pi] < 0 { vn[pi] = nextV; nextV += 1 }
            }
            for i in data.insts {
                let ii = Int(i.index)
                guard ii >= 0, ii < f.insts.count, let r = f.insts[ii].result else { continue }
                let ri = Int(r.index)
                if ri >= 0, ri < vn.count, vn[ri] < 0 { vn[ri] = nextV; nextV += 1 }
            }
        }
        valueNumber = vn; blockNumber = bn
        definedValues = Int(nextV); laidOutBlocks = Int(nextB)
    }

    /// The canonical number of `v`, or nil when it is not defined in the layout.
    public func number(of v: Value) -> Int? {
        let i = Int(v.index)
        guard i >= 0, i < valueNumber.count, valueNumber[i] >= 0 else { return nil }
        return Int(valueNumber[i])
    }

    public func number(of b: Block) -> Int? {
        let i = Int(b.index)
        guard i >= 0, i < blockNumber.count, blockNumber[i] >= 0 else { return nil }
        return Int(blockNumber[i])
    }
}

/// Options for the printer; the defaults give the canonical form.
public struct PrintOptions {
    /// Prefix every instruction line with its Mochi source line (`  12 | `) instead of
    /// writing `!line:col` after it: the listing `mochi-objdump` shows.
    public var sourceLineGutter = false
    public init(sourceLineGutter: Bool = false) { self.sourceLineGutter = sourceLineGutter }
}

/// The canonical text of a module.
public func printModule(_ m: Module) -> String {
    var p = Printer()
    p.print(m)
    return p.text
}

/// The canonical text of a module as UTF-8 bytes, for writing out: the same bytes as
/// `printModule`, without building a String from them and transcoding it back.
public func printModuleBytes(_ m: Module) -> [UInt8] {
    var p = Printer()
    p.print(m)
    return p.out
}

/// The canonical text of one function (as it appears inside `printModule`).
public func printFunction(_ f: Function, in m: Module? = nil) -> String {
    var p = Printer(module: m)
    p.print(f)
    return p.text
}

/// The text spelling of a type (names quoted when they are not plain).
public func typeText(_ t: IRType) -> String {
    var p = Printer()
    p.type(t)
    return p.text
}

public struct Printer {
    public var out: [UInt8] = []
    public var options: PrintOptions

    public init(options: PrintOptions = PrintOptions()) { self.options = options }

    public var text: String { String(decoding: out, as: UTF8.self) }

    @inline(__always) mutating func put(_ s: StaticString) {
        // Byte by byte: the pieces are a few bytes long, and the generic
        // `append(contentsOf:)` cost more per call than copying them (it was the
        // printer's largest single cost).
        let p = s.utf8Start
        for k in 0..<s.utf8CodeUnitCount { out.append(p[k]) }
    }
    @inline(__always) mutating func put(_ c: UInt8) { out.append(c) }

    public mutating func print(_ m: Module) {
        var estimate = 64
        for f in m.functions { estimate += 48 * (f.insts.count + f.blocks.count) + 64 }
        out.reserveCapacity(out.count + estimate)
        if module !== m { setModule(m) }
        put("mochi-ir 1\n")
        if !m.sourceFile.isEmpty {
            put("source ")
            IRLex.appendQuoted(m.sourceFile, to: &out)
            put(10)
        }
        if !m.types.isEmpty {
            put(10)
            for d in m.types { typeDecl(d) }
        }
        if !m.globals.isEmpty {
            put(10)
            for g in m.globals {
                put("global @")
                IRLex.appendName(g.name, dots: true, to: &out)
                put(": ")
                type(g.type)
                put(10)
            }
        }
        for f in m.functions {
            put(10)
            print(f)
        }
    }

    public mutating func typeDecl(_ d: TypeDecl) {
        put("type %")
        IRLex.appendName(d.name, dots: false, to: &out)
        switch d.kind {
        case .structure(let fs):
            put(" = struct {")
            fields(fs, spaced: true)
            put("}\n")
        case .union(let vs):
            put(" = union {")
            for (i, v) in vs.enumerated() {
                put(i == 0 ? " " : ", ")
                IRLex.appendName(v.name, dots: false, to: &out)
                put(40)
                fields(v.fields, spaced: false)
                put(41)
            }
            put(vs.isEmpty ? "}\n" : " }\n")
        }
    }

    private mutating func fields(_ fs: [FieldDecl], spaced: Bool) {
        for (i, f) in fs.enumerated() {
            if i > 0 { put(", ") } else if spaced { put(32) }
            IRLex.appendName(f.name, dots: false, to: &out)
            put(": ")
            type(f.type)
        }
        if spaced && !fs.isEmpty { put(32) }
    }

    public mutating func type(_ t: IRType) {
        switch t {
        case .i64: put("i64")
        case .f64: put("f64")
        case .bool: put("bool")
        case .str: put("str")
        case .unit: put("unit")
        case .any: put("any")
        case .list(let e): put("list<"); type(e); put(62)
        case .map(let k, let v): put("map<"); type(k); put(", "); type(v); put(62)
        case .named(let n): put(37); IRLex.appendName(n, dots: false, to: &out)
        case .fn(let ps, let r):
            put("fn(")
            for (i, p) in ps.enumerated() {
                if i > 0 { put(", ") }
                type(p)
            }
            put(") -> ")
            type(r)
        }
    }

    private mutating func loc(_ l: SourceLoc) {
        guard l.isKnown, !options.sourceLineGutter else { return }
        put(" !")
        IRLex.appendUInt(UInt64(l.line), to: &out)
        put(58)
        IRLex.appendUInt(UInt64(l.column), to: &out)
    }

    /// Starts an instruction line: the indent, or the source-line gutter.
    private mutating func lineStart(_ l: SourceLoc, indent: Bool) {
        if options.sourceLineGutter {
            var digits: [UInt8] = []
            if l.isKnown { IRLex.appendUInt(UInt64(l.line), to: &digits) }
            for _ in digits.count..<max(6, digits.count) { put(32) }
            out.append(contentsOf: digits)
            put(" | ")
        }
        if indent { put("  ") }
    }

    public mutating func print(_ f: Function) {
        var names = LocalNames(f)
        if options.sourceLineGutter { lineStart(f.loc, indent: false) }
        put("func @")
        IRLex.appendName(f.name, dots: true, to: &out)
        put(40)
        for (i, t) in f.paramTypes.enumerated() {
            if i > 0 { put(", ") }
            put(118)
            IRLex.appendUInt(UInt64(i), to: &out)
            put(": ")
            type(t)
        }
        put(") -> ")
        type(f.returnType)
        loc(f.loc)
        put(" {\n")
        var seen = [Bool](repeating: false, count: f.blocks.count)
        for b in f.layout {
            let bi = Int(b.index)
            guard bi >= 0, bi < f.blocks.count, !seen[bi] else { continue }
            seen[bi] = true
            let data = f.blocks[bi]
            if options.sourceLineGutter { lineStart(.unknown, indent: false) }
            blockName(b, &names)
            if !data.params.isEmpty {
                put(40)
                for (i, p) in data.params.enumerated() {
                    if i > 0 { put(", ") }
                    valueDef(p, &names, f)
                }
                put(41)
            }
            put(":\n")
            for id in data.insts {
                let ii = Int(id.index)
                guard ii >= 0, ii < f.insts.count else {
                    lineStart(.unknown, indent: true)
                    put("?inst\n")
                    continue
                }
                inst(f.insts[ii], &names, f)
            }
            terminator(data.terminator, data.terminatorLoc, &names)
        }
        if options.sourceLineGutter { lineStart(.unknown, indent: false) }
        put("}\n")
    }

    private mutating func inst(_ i: Inst, _ names: inout LocalNames, _ f: Function) {
        lineStart(i.loc, indent: true)
        if let r = i.result {
            valueDef(r, &names, f)
            put(" = ")
        }
        out.append(contentsOf: Printer.opcodeNames[Int(i.op.rawValue)])
        // Operands follow a comma after an immediate, except after a condition.
        var bare = false
        switch i.imm {
        case .none: bare = true
        case .int(let v): put(32); IRLex.appendInt(v, to: &out)
        case .float(let bits): put(32); out.append(contentsOf: IRLex.formatFloat(bits: bits).utf8)
        case .string(let s): put(32); IRLex.appendQuoted(s, to: &out)
        case .cond(let c): put(32); out.append(contentsOf: c.rawValue.utf8); bare = true
        case .field(let r):
            put(" %")
            IRLex.appendName(r.typeName, dots: false, to: &out)
            fieldPath(r)
        case .variant(let r):
            put(" %")
            IRLex.appendName(r.typeName, dots: false, to: &out)
            put(46)
            if let d = decl(r.typeName), case .union(let vs) = d.kind, vs.indices.contains(Int(r.variant)) {
                IRLex.appendName(vs[Int(r.variant)].name, dots: false, to: &out)
            } else {
                put("?"); IRLex.appendInt(Int64(r.variant), to: &out)
            }
        case .function(let n): put(" @"); IRLex.appendName(n, dots: true, to: &out)
        case .global(let n): put(" @"); IRLex.appendName(n, dots: true, to: &out)
        }
        for (k, a) in i.args.enumerated() {
            put(k == 0 && bare ? " " : ", ")
            valueUse(a, &names)
        }
        loc(i.loc)
        put(10)
    }

    /// Each opcode's text name as bytes, by raw value: `Opcode.info` builds a whole
    /// OpInfo per call and the name is then transcoded, once per printed instruction.
    static let opcodeNames: [[UInt8]] = Opcode.allCases.map { Array($0.info.name.utf8) }

    /// The module whose declarations resolve field and variant indices to names.
    public private(set) var module: Module?
    private var typeLookup: [String: Int] = [:]

    public mutating func setModule(_ m: Module?) {
        module = m
        typeLookup = m.map { SymbolIndex($0).types } ?? [:]
    }

    private func decl(_ name: String) -> TypeDecl? {
        guard let m = module, let i = typeLookup[name] else { return nil }
        return m.types[i]
    }

    private mutating func fieldPath(_ r: FieldRef) {
        guard let d = decl(r.typeName) else {
            put(".?"); IRLex.appendInt(Int64(r.variant), to: &out)
            put(".?"); IRLex.appendInt(Int64(r.field), to: &out)
            return
        }
        var fs: [FieldDecl]? = nil
        switch d.kind {
        case .structure(let s) where r.variant == -1: fs = s
        case .union(let vs) where vs.indices.contains(Int(r.variant)):
            put(46)
            IRLex.appendName(vs[Int(r.variant)].name, dots: false, to: &out)
            fs = vs[Int(r.variant)].fields
        default:
            put(".?"); IRLex.appendInt(Int64(r.variant), to: &out)
        }
        put(46)
        if let fs = fs, fs.indices.contains(Int(r.field)) {
            IRLex.appendName(fs[Int(r.field)].name, dots: false, to: &out)
        } else {
            put("?"); IRLex.appendInt(Int64(r.field), to: &out)
        }
    }

    private mutating func terminator(_ t: Terminator, _ l: SourceLoc, _ names: inout LocalNames) {
        lineStart(l, indent: true)
        switch t {
        case .jump(let c):
            put("jump ")
            blockCall(c, &names)
        case .brif(let v, let a, let b):
            put("brif ")
            valueUse(v, &names)
            put(", ")
            blockCall(a, &names)
            put(", ")
            blockCall(b, &names)
        case .ret(let v):
            put("ret")
            if let v = v { put(32); valueUse(v, &names) }
        case .unreachable:
            put("unreachable")
        }
        loc(l)
        put(10)
    }

    private mutating func blockCall(_ c: BlockCall, _ names: inout LocalNames) {
        blockName(c.block, &names)
        if !c.args.isEmpty {
            put(40)
            for (i, a) in c.args.enumerated() {
                if i > 0 { put(", ") }
                valueUse(a, &names)
            }
            put(41)
        }
    }

    private mutating func blockName(_ b: Block, _ names: inout LocalNames) {
        put(98)
        IRLex.appendUInt(UInt64(names.block(b)), to: &out)
    }

    private mutating func valueUse(_ v: Value, _ names: inout LocalNames) {
        put(118)
        IRLex.appendUInt(UInt64(names.value(v)), to: &out)
    }

    private mutating func valueDef(_ v: Value, _ names: inout LocalNames, _ f: Function) {
        valueUse(v, &names)
        put(": ")
        let i = Int(v.index)
        if i >= 0, i < f.valueTypes.count { type(f.valueTypes[i]) } else { put("?type") }
    }
}

extension Printer {
    /// A printer that resolves field and variant names against `module`.
    public init(module: Module?, options: PrintOptions = PrintOptions()) {
        self.init(options: options)
        setModule(module)
    }
}

/// Canonical numbers plus numbers handed out on first use to values and blocks that
/// are referenced but not laid out (only in malformed modules).
struct LocalNames {
    let numbering: CanonicalNumbering
    var extraValues: [Int32: Int] = [:]
    var extraBlocks: [Int32: Int] = [:]
    var nextValue: Int
    var nextBlock: Int

    init(_ f: Function) {
        numbering = CanonicalNumbering(f)
        nextValue = numbering.definedValues
        nextBlock = numbering.laidOutBlocks
    }

    mutating func value(_ v: Value) -> Int {
        if let n = numbering.number(of: v) { return n }
        if let n = extraValues[v.index] { return n }
        extraValues[v.index] = nextValue
        nextValue += 1
        return nextValue - 1
    }

    mutating func block(_ b: Block) -> Int {
        if let n = numbering.number(of: b) { return n }
        if let n = extraBlocks[b.index] { return n }
        extraBlocks[b.index] = nextBlock
        nextBlock += 1
        return nextBlock - 1
    }
}
