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
        var vn: [Int32] = Array(repeatElement(-1, count: f.valueTypes.count))
        var bn: [Int32] = Array(repeatElement(-1, count: f.blocks.count))
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
    return p.sink.bytes
}

/// Calls `body` with the canonical text of a module as UTF-8 bytes in the printer's
/// own buffer (valid only during the call): the same bytes as `printModuleBytes`,
/// without copying megabytes of output into an array just to write them out.
public func withModuleText<R>(_ m: Module, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    var p = Printer()
    p.print(m)
    return try withExtendedLifetime(p) {
        try body(UnsafeRawBufferPointer(start: p.sink.base, count: p.sink.count))
    }
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

/// The growable byte buffer the printer writes into: a raw pointer with a count and
/// a capacity held in the (mutating) printer itself, so writing a byte is a compare
/// and a store. Appending to an `[UInt8]` instead checked uniqueness through the
/// runtime on every byte, which was most of the printer's time. `Owner` frees the
/// memory when the last printer copy goes away.
struct ByteSink {
    final class Owner {
        var base: UnsafeMutablePointer<UInt8>
        init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }
        deinit { base.deallocate() }
    }
    private var owner: Owner
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        let c = Swift.max(capacity, 16)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        self.capacity = c
        owner = Owner(base)
    }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Makes room for `n` more bytes.
    @inline(__always) mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    @inline(never) private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        nb.update(from: base, count: count)
        if isKnownUniquelyReferenced(&owner) {
            owner.base.deallocate()
            owner.base = nb
        } else {
            // A copy of the printer still reads the old buffer: leave it to that copy.
            owner = Owner(nb)
        }
        base = nb
        capacity = c
    }

    @inline(__always) mutating func append(_ b: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = b
        count += 1
    }

    /// Appends without a capacity check; the caller reserved room.
    @inline(__always) mutating func appendUnchecked(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    @inline(__always) mutating func append(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n)
        (base + count).update(from: s.utf8Start, count: n)
        count += n
    }

    mutating func append(_ p: UnsafeRawBufferPointer) {
        let n = p.count
        guard n > 0 else { return }
        reserve(n)
        (base + count).update(from: p.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    mutating func append(_ a: [UInt8]) { a.withUnsafeBytes { append($0) } }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    mutating func removeAll() { count = 0 }

    /// Decimal digits of `v`, written from the last one back (divisions by the
    /// constant 10 compile to multiplications; dividing by a running power of ten
    /// did not).
    @inline(__always) mutating func appendUInt(_ v: UInt64) {
        if v < 10 { append(48 + UInt8(v)); return }
        if v < 100 {
            // Two digits (most columns, value and block numbers): no loop.
            reserve(2)
            base[count] = 48 + UInt8(truncatingIfNeeded: v / 10)
            base[count + 1] = 48 + UInt8(truncatingIfNeeded: v % 10)
            count += 2
            return
        }
        var n = 2
        var bound: UInt64 = 100
        while n < 20 && v >= bound { n += 1; bound &*= 10 }
        reserve(n)
        var x = v
        var i = count + n - 1
        while i >= count {
            base[i] = 48 + UInt8(truncatingIfNeeded: x % 10)
            x /= 10
            i -= 1
        }
        count += n
    }

    mutating func appendInt(_ v: Int64) {
        if v < 0 {
            append(45)
            appendUInt(v.magnitude)
        } else {
            appendUInt(UInt64(v))
        }
    }

    /// `s` double-quoted with the escapes of the grammar (as `IRLex.appendQuoted`).
    mutating func appendQuoted(_ s: String) {
        append(34)
        var s = s
        s.withUTF8 { u in
            reserve(u.count * 4 + 1)
            for c in u {
                switch c {
                case 10: appendUnchecked(92); appendUnchecked(110)
                case 9: appendUnchecked(92); appendUnchecked(116)
                case 13: appendUnchecked(92); appendUnchecked(114)
                case 92: appendUnchecked(92); appendUnchecked(92)
                case 34: appendUnchecked(92); appendUnchecked(34)
                case 0..<32, 127...255:
                    appendUnchecked(92); appendUnchecked(120)
                    appendUnchecked(IRLex.hexDigits[Int(c >> 4)]); appendUnchecked(IRLex.hexDigits[Int(c & 15)])
                default: appendUnchecked(c)
                }
            }
        }
        append(34)
    }

    /// A name bare when the grammar allows it, quoted otherwise (as `IRLex.appendName`).
    mutating func appendName(_ s: String, dots: Bool) {
        var s = s
        let plain: Bool = s.withUTF8 { u in
            guard let first = u.first, IRLex.isAlpha(first) else { return false }
            for c in u.dropFirst() where !(dots ? IRLex.isNameChar(c) : IRLex.isComponentChar(c)) { return false }
            return true
        }
        if plain { append(s) } else { appendQuoted(s) }
    }
}

public struct Printer {
    var sink = ByteSink(capacity: 256)
    public var options: PrintOptions
    /// The opcode names, read once per printer rather than through the lazy static
    /// on every instruction.
    private let opNames: [[UInt8]] = Printer.opcodeNames

    public init(options: PrintOptions = PrintOptions()) { self.options = options }

    /// The bytes printed so far.
    public var out: [UInt8] {
        get { sink.bytes }
        set { sink.removeAll(); sink.append(newValue) }
    }

    public var text: String {
        String(decoding: UnsafeBufferPointer(start: sink.base, count: sink.count), as: UTF8.self)
    }

    @inline(__always) mutating func put(_ s: StaticString) { sink.append(s) }
    @inline(__always) mutating func put(_ c: UInt8) { sink.append(c) }

    /// Appends text of the caller's own between printed items (listings with a
    /// gutter). `out.append` would copy everything printed so far each time.
    public mutating func write(_ s: String) { sink.append(s) }
    public mutating func write(_ c: UInt8) { sink.append(c) }

    public mutating func print(_ m: Module) {
        var estimate = 64
        for f in m.functions { estimate += 48 * (f.insts.count + f.blocks.count) + 64 }
        sink.reserve(estimate)
        if module !== m { setModule(m) }
        put("mochi-ir 1\n")
        if !m.sourceFile.isEmpty {
            put("source ")
            sink.appendQuoted(m.sourceFile)
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
                sink.appendName(g.name, dots: true)
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
        sink.appendName(d.name, dots: false)
        switch d.kind {
        case .structure(let fs):
            put(" = struct {")
            fields(fs, spaced: true)
            put("}\n")
        case .union(let vs):
            put(" = union {")
            for (i, v) in vs.enumerated() {
                put(i == 0 ? " " : ", ")
                sink.appendName(v.name, dots: false)
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
            sink.appendName(f.name, dots: false)
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
        case .bigint: put("bigint")
        case .bigrat: put("bigrat")
        case .list(let e): put("list<"); type(e); put(62)
        case .map(let k, let v): put("map<"); type(k); put(", "); type(v); put(62)
        case .named(let n): put(37); sink.appendName(n, dots: false)
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
        sink.appendUInt(UInt64(l.line))
        put(58)
        sink.appendUInt(UInt64(l.column))
    }

    /// Starts an instruction line: the indent, or the source-line gutter.
    private mutating func lineStart(_ l: SourceLoc, indent: Bool) {
        if options.sourceLineGutter {
            var digits: [UInt8] = []
            if l.isKnown { IRLex.appendUInt(UInt64(l.line), to: &digits) }
            for _ in digits.count..<max(6, digits.count) { put(32) }
            sink.append(digits)
            put(" | ")
        }
        if indent { put("  ") }
    }

    public mutating func print(_ f: Function) {
        var names = LocalNames(f)
        if options.sourceLineGutter { lineStart(f.loc, indent: false) }
        put("func @")
        sink.appendName(f.name, dots: true)
        put(40)
        for (i, t) in f.paramTypes.enumerated() {
            if i > 0 { put(", ") }
            put(118)
            sink.appendUInt(UInt64(i))
            put(": ")
            type(t)
        }
        put(") -> ")
        type(f.returnType)
        loc(f.loc)
        put(" {\n")
        var seen: [Bool] = Array(repeatElement(false, count: f.blocks.count))
        for b in f.layout {
            let bi = Int(b.index)
            guard bi >= 0, bi < f.blocks.count, !seen[bi] else { continue }
            seen[bi] = true
            if options.sourceLineGutter { lineStart(.unknown, indent: false) }
            blockName(b, &names)
            let nparams = f.blocks[bi].params.count
            if nparams > 0 {
                put(40)
                for i in 0..<nparams {
                    if i > 0 { put(", ") }
                    valueDef(f.blocks[bi].params[i], &names, f)
                }
                put(41)
            }
            put(":\n")
            let ninsts = f.blocks[bi].insts.count
            for k in 0..<ninsts {
                let ii = Int(f.blocks[bi].insts[k].index)
                guard ii >= 0, ii < f.insts.count else {
                    lineStart(.unknown, indent: true)
                    put("?inst\n")
                    continue
                }
                inst(ii, &names, f)
            }
            terminator(f.blocks[bi].terminator, f.blocks[bi].terminatorLoc, &names)
        }
        if options.sourceLineGutter { lineStart(.unknown, indent: false) }
        put("}\n")
    }

    private mutating func inst(_ ii: Int, _ names: inout LocalNames, _ f: Function) {
        let l = f.insts[ii].loc
        lineStart(l, indent: true)
        if let r = f.insts[ii].result {
            valueDef(r, &names, f)
            put(" = ")
        }
        let op = f.insts[ii].op
        opNames[Int(op.rawValue)].withUnsafeBytes { sink.append($0) }
        if f.insts[ii].inBounds { put(" inbounds") }
        // Operands follow a comma after an immediate, except after a condition.
        var bare = false
        switch f.insts[ii].imm {
        case .none: bare = true
        case .int(let v): put(32); sink.appendInt(v)
        case .float(let bits): put(32); sink.append(IRLex.formatFloat(bits: bits))
        case .string(let s): put(32); sink.appendQuoted(s)
        case .cond(let c): put(32); put(c.printName); bare = true
        case .field(let r):
            put(" %")
            sink.appendName(r.typeName, dots: false)
            fieldPath(r)
        case .variant(let r):
            put(" %")
            sink.appendName(r.typeName, dots: false)
            put(46)
            if let d = decl(r.typeName), case .union(let vs) = d.kind, vs.indices.contains(Int(r.variant)) {
                sink.appendName(vs[Int(r.variant)].name, dots: false)
            } else {
                put("?"); sink.appendInt(Int64(r.variant))
            }
        case .function(let n): put(" @"); sink.appendName(n, dots: true)
        case .global(let n): put(" @"); sink.appendName(n, dots: true)
        }
        let nargs = f.insts[ii].args.count
        for k in 0..<nargs {
            if k == 0 && bare { put(32) } else { put(", ") }
            valueUse(f.insts[ii].args[k], &names)
        }
        loc(l)
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
            put(".?"); sink.appendInt(Int64(r.variant))
            put(".?"); sink.appendInt(Int64(r.field))
            return
        }
        var fs: [FieldDecl]? = nil
        switch d.kind {
        case .structure(let s) where r.variant == -1: fs = s
        case .union(let vs) where vs.indices.contains(Int(r.variant)):
            put(46)
            sink.appendName(vs[Int(r.variant)].name, dots: false)
            fs = vs[Int(r.variant)].fields
        default:
            put(".?"); sink.appendInt(Int64(r.variant))
        }
        put(46)
        if let fs = fs, fs.indices.contains(Int(r.field)) {
            sink.appendName(fs[Int(r.field)].name, dots: false)
        } else {
            put("?"); sink.appendInt(Int64(r.field))
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
        sink.appendUInt(UInt64(names.block(b)))
    }

    private mutating func valueUse(_ v: Value, _ names: inout LocalNames) {
        put(118)
        sink.appendUInt(UInt64(names.value(v)))
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

extension CondCode {
    /// The text name (the raw value) as a static string, for the printer.
    var printName: StaticString {
        switch self {
        case .eq: return "eq"
        case .ne: return "ne"
        case .lt: return "lt"
        case .le: return "le"
        case .gt: return "gt"
        case .ge: return "ge"
        }
    }
}
