// The binary form of the IR (`.mirb`; layout in docs/IR.md): the same model as the
// text form, smaller and faster to read. Magic `MIRB`, a u16 version, then five
// sections in fixed order (strings, module, types, globals, functions), each encoded
// into its own buffer and written with its id and LEB128 length, so nothing is
// back-patched. Integers are LEB128 (zigzag for signed), floats 8 raw bytes LE.
//
// The encoder numbers values and blocks exactly as the printer does, so text ->
// binary -> text is the identity. The decoder trusts nothing: every count, length
// and index is checked against the remaining bytes and the tables, and the first
// problem is a `BinaryDecodeError` carrying its byte offset. It can also record
// what every byte range means, which is what `mochi-objdump` shows.

public struct BinaryDecodeError: Error, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public init(offset: Int, message: String) { self.offset = offset; self.message = message }
    public var description: String { "at byte \(offset): \(message)" }
}

/// The binary format's fixed constants.
public enum BinaryFormat {
    public static let magic: [UInt8] = [0x4D, 0x49, 0x52, 0x42] // "MIRB"
    /// 2: the opcode numbering with the exact-number ops (`big.*`) and the types
    /// bigint (tag 10) and bigrat (11). Opcodes are numbered by their position in the
    /// table, so a file of another version is refused rather than misread.
    /// 3: as 2, with bit 7 of an instruction's immediate-kind byte marking the
    /// instruction `inbounds` (`Inst.inBounds`). Version 2 files are still read (that
    /// bit is never set in them); this writer writes 3.
    public static let version: UInt16 = 3
    /// The oldest version the reader accepts: 2 differs from 3 only by lacking the flag.
    public static let oldestReadable: UInt16 = 2
    /// Bit of the immediate-kind byte that carries `Inst.inBounds` (version 3).
    public static let inBoundsBit: UInt8 = 0x80

    public enum Section: UInt8, CaseIterable {
        case strings = 1, module = 2, types = 3, globals = 4, functions = 5
        public var name: String {
            switch self {
            case .strings: return "strings"
            case .module: return "module"
            case .types: return "types"
            case .globals: return "globals"
            case .functions: return "functions"
            }
        }
    }

    /// Tags of the type table entries.
    public enum TypeTag: UInt8 {
        case i64 = 0, f64 = 1, bool = 2, str = 3, unit = 4, any = 5, list = 6, map = 7, named = 8, fn = 9
        case bigint = 10, bigrat = 11
    }

    /// Tags of terminators.
    public enum TermTag: UInt8 {
        case jump = 0, brif = 1, ret = 2, retValue = 3, unreachable = 4
    }
}

// MARK: - LEB128 and zigzag

public enum LEB128 {
    public static func appendUnsigned(_ v: UInt64, to out: inout [UInt8]) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    public static func encodeUnsigned(_ v: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        appendUnsigned(v, to: &out)
        return out
    }

    /// Zigzag maps small magnitudes of either sign to small unsigned numbers.
    @inline(__always) public static func zigzag(_ v: Int64) -> UInt64 {
        UInt64(bitPattern: (v << 1) ^ (v >> 63))
    }

    @inline(__always) public static func unzigzag(_ u: UInt64) -> Int64 {
        Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// Decodes an unsigned LEB128 at `offset`: the value and the byte count, or nil
    /// when truncated or longer than 64 bits.
    public static func decodeUnsigned(_ b: [UInt8], at offset: Int, end: Int? = nil) -> (UInt64, Int)? {
        let end = min(end ?? b.count, b.count)
        var v: UInt64 = 0
        var shift: UInt64 = 0
        var i = offset
        while i < end {
            let c = b[i]
            if shift == 63 && c > 1 { return nil }
            v |= UInt64(c & 0x7F) << shift
            i += 1
            if c & 0x80 == 0 { return (v, i - offset) }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }
}

// MARK: - Writer

/// An append-only byte buffer with the format's primitive encodings.
public struct ByteWriter {
    public var bytes: [UInt8] = []
    public init() {}
    @inline(__always) public mutating func u8(_ v: UInt8) { bytes.append(v) }
    @inline(__always) public mutating func uleb(_ v: UInt64) { LEB128.appendUnsigned(v, to: &bytes) }
    @inline(__always) public mutating func uleb(_ v: Int) { LEB128.appendUnsigned(UInt64(v), to: &bytes) }
    @inline(__always) public mutating func sleb(_ v: Int64) { LEB128.appendUnsigned(LEB128.zigzag(v), to: &bytes) }
    public mutating func u16(_ v: UInt16) { bytes.append(UInt8(v & 0xFF)); bytes.append(UInt8(v >> 8)) }
    public mutating func f64(bits: UInt64) {
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(k)))) }
    }
    /// A length-prefixed section.
    public mutating func section(_ id: UInt8, _ payload: [UInt8]) {
        u8(id)
        uleb(payload.count)
        bytes.append(contentsOf: payload)
    }
}

// MARK: - Encoder

public func encodeBinary(_ m: Module) -> [UInt8] {
    var e = BinaryEncoder()
    return e.encode(m)
}

struct BinaryEncoder {
    var strings: [String] = []
    var stringIndex: [String: Int] = [:]
    var table = ByteWriter()
    var tableCount = 0
    var typeIndex: [IRType: Int] = [:]

    mutating func str(_ s: String) -> Int {
        if let k = stringIndex[s] { return k }
        strings.append(s)
        stringIndex[s] = strings.count - 1
        return strings.count - 1
    }

    /// Interns a type: children first, so every entry refers only to earlier ones.
    mutating func type(_ t: IRType) -> Int {
        if let k = typeIndex[t] { return k }
        var w = ByteWriter()
        switch t {
        case .i64: w.u8(BinaryFormat.TypeTag.i64.rawValue)
        case .f64: w.u8(BinaryFormat.TypeTag.f64.rawValue)
        case .bool: w.u8(BinaryFormat.TypeTag.bool.rawValue)
        case .str: w.u8(BinaryFormat.TypeTag.str.rawValue)
        case .unit: w.u8(BinaryFormat.TypeTag.unit.rawValue)
        case .any: w.u8(BinaryFormat.TypeTag.any.rawValue)
        case .bigint: w.u8(BinaryFormat.TypeTag.bigint.rawValue)
        case .bigrat: w.u8(BinaryFormat.TypeTag.bigrat.rawValue)
        case .list(let e):
            let ei = type(e)
            w.u8(BinaryFormat.TypeTag.list.rawValue); w.uleb(ei)
        case .map(let k, let v):
            let ki = type(k), vi = type(v)
            w.u8(BinaryFormat.TypeTag.map.rawValue); w.uleb(ki); w.uleb(vi)
        case .named(let n):
            let si = str(n)
            w.u8(BinaryFormat.TypeTag.named.rawValue); w.uleb(si)
        case .fn(let ps, let r):
            let pis = ps.map { type($0) }
            let ri = type(r)
            w.u8(BinaryFormat.TypeTag.fn.rawValue); w.uleb(pis.count)
            for p in pis { w.uleb(p) }
            w.uleb(ri)
        }
        table.bytes.append(contentsOf: w.bytes)
        typeIndex[t] = tableCount
        tableCount += 1
        return tableCount - 1
    }

    mutating func loc(_ l: SourceLoc, _ w: inout ByteWriter) {
        w.uleb(UInt64(l.line))
        if l.line != 0 { w.uleb(UInt64(l.column)) }
    }

    mutating func fields(_ fs: [FieldDecl], _ w: inout ByteWriter) {
        w.uleb(fs.count)
        for f in fs { w.uleb(str(f.name)); w.uleb(type(f.type)) }
    }

    mutating func encode(_ m: Module) -> [UInt8] {
        var mod = ByteWriter()
        mod.uleb(str(m.sourceFile))

        var decls = ByteWriter()
        decls.uleb(m.types.count)
        for d in m.types {
            decls.uleb(str(d.name))
            switch d.kind {
            case .structure(let fs):
                decls.u8(0)
                fields(fs, &decls)
            case .union(let vs):
                decls.u8(1)
                decls.uleb(vs.count)
                for v in vs { decls.uleb(str(v.name)); fields(v.fields, &decls) }
            }
        }

        var globals = ByteWriter()
        globals.uleb(m.globals.count)
        for g in m.globals { globals.uleb(str(g.name)); globals.uleb(type(g.type)) }

        var funcs = ByteWriter()
        funcs.uleb(m.functions.count)
        for f in m.functions { function(f, &funcs) }

        var strs = ByteWriter()
        strs.uleb(strings.count)
        for s in strings {
            strs.uleb(s.utf8.count)
            strs.bytes.append(contentsOf: s.utf8)
        }

        var types = ByteWriter()
        types.uleb(tableCount)
        types.bytes.append(contentsOf: table.bytes)
        types.bytes.append(contentsOf: decls.bytes)

        var out = ByteWriter()
        out.bytes.reserveCapacity(strs.bytes.count + types.bytes.count + globals.bytes.count + funcs.bytes.count + 32)
        out.bytes.append(contentsOf: BinaryFormat.magic)
        out.u16(BinaryFormat.version)
        out.section(BinaryFormat.Section.strings.rawValue, strs.bytes)
        out.section(BinaryFormat.Section.module.rawValue, mod.bytes)
        out.section(BinaryFormat.Section.types.rawValue, types.bytes)
        out.section(BinaryFormat.Section.globals.rawValue, globals.bytes)
        out.section(BinaryFormat.Section.functions.rawValue, funcs.bytes)
        return out.bytes
    }

    mutating func function(_ f: Function, _ w: inout ByteWriter) {
        var names = LocalNames(f)
        w.uleb(str(f.name))
        w.uleb(f.paramTypes.count)
        for t in f.paramTypes { w.uleb(type(t)) }
        w.uleb(type(f.returnType))
        loc(f.loc, &w)
        w.uleb(names.numbering.laidOutBlocks)
        var seen: [Bool] = Array(repeatElement(false, count: f.blocks.count))
        for b in f.layout {
            let bi = Int(b.index)
            guard bi >= 0, bi < f.blocks.count, !seen[bi] else { continue }
            seen[bi] = true
            let data = f.blocks[bi]
            w.uleb(data.params.count)
            for p in data.params { w.uleb(valueType(p, f)) }
            var ids: [Int] = []
            for id in data.insts where id.index >= 0 && Int(id.index) < f.insts.count { ids.append(Int(id.index)) }
            w.uleb(ids.count)
            for ii in ids {
                let inst = f.insts[ii]
                w.u8(inst.op.rawValue)
                if let r = inst.result { w.uleb(valueType(r, f) + 1) } else { w.uleb(0) }
                immediate(inst.imm, &w, inBounds: inst.inBounds)
                w.uleb(inst.args.count)
                for a in inst.args { w.uleb(names.value(a)) }
                loc(inst.loc, &w)
            }
            func call(_ c: BlockCall, _ w: inout ByteWriter) {
                w.uleb(names.block(c.block))
                w.uleb(c.args.count)
                for a in c.args { w.uleb(names.value(a)) }
            }
            switch data.terminator {
            case .jump(let c): w.u8(BinaryFormat.TermTag.jump.rawValue); call(c, &w)
            case .brif(let v, let x, let y):
                w.u8(BinaryFormat.TermTag.brif.rawValue); w.uleb(names.value(v)); call(x, &w); call(y, &w)
            case .ret(nil): w.u8(BinaryFormat.TermTag.ret.rawValue)
            case .ret(let v?): w.u8(BinaryFormat.TermTag.retValue.rawValue); w.uleb(names.value(v))
            case .unreachable: w.u8(BinaryFormat.TermTag.unreachable.rawValue)
            }
            loc(data.terminatorLoc, &w)
        }
    }

    mutating func valueType(_ v: Value, _ f: Function) -> Int {
        let i = Int(v.index)
        return type(i >= 0 && i < f.valueTypes.count ? f.valueTypes[i] : .unit)
    }

    mutating func immediate(_ imm: Immediate, _ w: inout ByteWriter, inBounds: Bool = false) {
        w.u8(imm.kind.rawValue | (inBounds ? BinaryFormat.inBoundsBit : 0))
        switch imm {
        case .none: break
        case .int(let v): w.sleb(v)
        case .float(let bits): w.f64(bits: bits)
        case .string(let s): w.uleb(str(s))
        case .cond(let c): w.u8(UInt8(CondCode.allCases.firstIndex(of: c)!))
        case .field(let r): w.uleb(str(r.typeName)); w.sleb(Int64(r.variant)); w.uleb(UInt64(UInt32(bitPattern: r.field)))
        case .variant(let r): w.uleb(str(r.typeName)); w.uleb(UInt64(UInt32(bitPattern: r.variant)))
        case .function(let n): w.uleb(str(n))
        case .global(let n): w.uleb(str(n))
        }
    }
}

// MARK: - Decoder

/// What a byte range of a binary module encodes (for dumps).
public struct BinaryNote: Equatable {
    public var offset: Int
    public var length: Int
    public var meaning: String
    /// Nesting level (section, entry, part) for indentation.
    public var depth: Int
}

public func decodeBinary(_ bytes: [UInt8]) throws -> Module {
    var d = BinaryDecoder(bytes, annotate: false)
    return try d.decode()
}

/// Decodes and also explains every byte range; on bad input the notes up to the
/// error are returned with it.
public func annotateBinary(_ bytes: [UInt8]) -> (module: Module?, notes: [BinaryNote], error: BinaryDecodeError?) {
    var d = BinaryDecoder(bytes, annotate: true)
    do {
        let m = try d.decode()
        return (m, d.notes, nil)
    } catch let e as BinaryDecodeError {
        return (nil, d.notes, e)
    } catch {
        return (nil, d.notes, BinaryDecodeError(offset: 0, message: "\(error)"))
    }
}

/// Reads a module in either encoding, chosen by its first bytes.
public func readModule(bytes: [UInt8]) throws -> Module {
    if bytes.starts(with: BinaryFormat.magic) { return try decodeBinary(bytes) }
    return try parseModule(bytes: bytes)
}

struct BinaryDecoder {
    let b: [UInt8]
    var i = 0
    /// End of the current section.
    var end: Int
    let annotate: Bool
    var notes: [BinaryNote] = []
    var depth = 0
    var strings: [String] = []
    var types: [IRType] = []
    /// The header's version (set before any section is read).
    var fileVersion: UInt16 = BinaryFormat.version

    init(_ bytes: [UInt8], annotate: Bool) {
        b = bytes; end = bytes.count; self.annotate = annotate
    }

    func fail(_ msg: String, at off: Int? = nil) -> BinaryDecodeError {
        BinaryDecodeError(offset: off ?? i, message: msg)
    }

    @inline(__always) mutating func note(_ start: Int, _ meaning: @autoclosure () -> String) {
        if annotate { notes.append(BinaryNote(offset: start, length: i - start, meaning: meaning(), depth: depth)) }
    }

    var remaining: Int { end - i }

    @inline(__always) mutating func u8(_ what: String) throws -> UInt8 {
        guard i < end else { throw fail("unexpected end of data reading \(what)") }
        i += 1
        return b[i - 1]
    }

    @inline(__always) mutating func uleb(_ what: String) throws -> UInt64 {
        // Fast path: one byte.
        if i < end, b[i] < 0x80 { i += 1; return UInt64(b[i - 1]) }
        guard let (v, n) = LEB128.decodeUnsigned(b, at: i, end: end) else {
            var truncated = true
            var k = i
            while k < end { if b[k] & 0x80 == 0 || k - i >= 9 { truncated = false; break }; k += 1 }
            if truncated { throw fail("unexpected end of data reading \(what)") }
            throw fail("malformed LEB128 reading \(what)")
        }
        i += n
        return v
    }

    mutating func sleb(_ what: String) throws -> Int64 { LEB128.unzigzag(try uleb(what)) }

    /// A count of items each at least `minSize` bytes long: checked against the bytes left.
    mutating func count(_ what: String, minSize: Int = 1) throws -> Int {
        let start = i
        let n = try uleb(what)
        guard n <= UInt64(remaining / max(minSize, 1)) else {
            throw fail("\(what) \(n) exceeds the \(remaining) bytes left", at: start)
        }
        return Int(n)
    }

    mutating func index(_ what: String, below limit: Int) throws -> Int {
        let start = i
        let n = try uleb(what)
        guard n < UInt64(limit) else { throw fail("\(what) \(n) out of range (\(limit) entries)", at: start) }
        return Int(n)
    }

    mutating func str(_ what: String) throws -> String { strings[try index(what, below: strings.count)] }
    mutating func typeRef(_ what: String) throws -> IRType { types[try index(what, below: types.count)] }

    mutating func u32(_ what: String) throws -> UInt32 {
        let start = i
        let v = try uleb(what)
        guard v <= UInt64(UInt32.max) else { throw fail("\(what) \(v) too large", at: start) }
        return UInt32(v)
    }

    mutating func loc() throws -> SourceLoc {
        let line = try u32("line")
        if line == 0 { return .unknown }
        return SourceLoc(line: line, column: try u32("column"))
    }

    mutating func decode() throws -> Module {
        guard b.count >= 6 else { throw fail("truncated header (\(b.count) bytes)", at: 0) }
        guard b.starts(with: BinaryFormat.magic) else { throw fail("bad magic (expected MIRB)", at: 0) }
        i = 4
        note(0, "magic \"MIRB\"")
        let version = UInt16(b[4]) | UInt16(b[5]) << 8
        i = 6
        note(4, "version \(version)")
        guard version >= BinaryFormat.oldestReadable && version <= BinaryFormat.version else {
            // Opcodes are numbered by table position, so another version's ops would be
            // misread: refuse the file and say how to get a current one.
            throw fail("unsupported version \(version) (this reader reads versions \(BinaryFormat.oldestReadable) to \(BinaryFormat.version); "
                       + "regenerate the file with this mochi-ir)", at: 4)
        }
        fileVersion = version
        let m = Module()
        for s in BinaryFormat.Section.allCases {
            end = b.count
            let start = i
            let id = try u8("section id")
            guard id == s.rawValue else {
                throw fail("expected section \(s.rawValue) (\(s.name)), found id \(id)", at: start)
            }
            let size = try uleb("section size")
            guard size <= UInt64(b.count - i) else {
                throw fail("\(s.name) section size \(size) exceeds the \(b.count - i) bytes left", at: start)
            }
            note(start, "section \(s.rawValue) (\(s.name)), \(size) bytes")
            end = i + Int(size)
            depth = 1
            switch s {
            case .strings: try stringsSection()
            case .module: try moduleSection(m)
            case .types: try typesSection(m)
            case .globals: try globalsSection(m)
            case .functions: try functionsSection(m)
            }
            depth = 0
            guard i == end else { throw fail("\(end - i) unread bytes at the end of the \(s.name) section") }
        }
        end = b.count
        guard i == b.count else { throw fail("\(b.count - i) trailing bytes after the last section") }
        return m
    }

    mutating func stringsSection() throws {
        var start = i
        let n = try count("string count")
        note(start, "\(n) strings")
        strings.reserveCapacity(n)
        for k in 0..<n {
            start = i
            let len = try count("string length")
            let s = i
            i += len
            guard IRLex.isValidUTF8(b[s..<i]) else { throw fail("string \(k) is not valid UTF-8", at: s) }
            let str = String(decoding: b[s..<i], as: UTF8.self)
            strings.append(str)
            if annotate { let t = quotedForNote("string \(k) = ", str); note(start, t) }
        }
    }

    func quotedForNote(_ prefix: String, _ s: String) -> String {
        var out: [UInt8] = Array(prefix.utf8)
        IRLex.appendQuoted(s.utf8.count > 60 ? String(decoding: Array(s.utf8.prefix(60)), as: UTF8.self) + "..." : s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    mutating func moduleSection(_ m: Module) throws {
        let start = i
        m.sourceFile = try str("source file string")
        if annotate { let t = quotedForNote("source ", m.sourceFile); note(start, t) }
    }

    mutating func typesSection(_ m: Module) throws {
        var start = i
        let n = try count("type count")
        note(start, "\(n) table types")
        var depths: [Int] = []
        types.reserveCapacity(n)
        depths.reserveCapacity(n)
        for k in 0..<n {
            start = i
            let tag = try u8("type tag")
            var t: IRType
            var dep = 0
            func child(_ d: inout BinaryDecoder) throws -> IRType {
                let c = try d.index("type index", below: k)
                dep = max(dep, depths[c] + 1)
                return d.types[c]
            }
            switch BinaryFormat.TypeTag(rawValue: tag) {
            case .i64?: t = .i64
            case .f64?: t = .f64
            case .bool?: t = .bool
            case .str?: t = .str
            case .unit?: t = .unit
            case .any?: t = .any
            case .bigint?: t = .bigint
            case .bigrat?: t = .bigrat
            case .list?: t = .list(try child(&self))
            case .map?:
                let kt = try child(&self)
                t = .map(kt, try child(&self))
            case .named?: t = .named(try str("type name string"))
            case .fn?:
                let pc = try count("fn parameter count")
                var ps: [IRType] = []
                for _ in 0..<pc { ps.append(try child(&self)) }
                t = .fn(ps, try child(&self))
            case nil: throw fail("unknown type tag \(tag)", at: start)
            }
            guard dep < maxTypeDepth else { throw fail("type nested too deeply", at: start) }
            types.append(t)
            depths.append(dep)
            note(start, "type #\(k) = \(typeText(t))")
        }
        start = i
        let nd = try count("type declaration count")
        note(start, "\(nd) type declarations")
        for _ in 0..<nd {
            start = i
            let name = try str("type name string")
            let kind = try u8("type kind")
            switch kind {
            case 0:
                m.types.append(TypeDecl(name: name, kind: .structure(try fields())))
            case 1:
                let vn = try count("variant count", minSize: 2)
                var vs: [VariantDecl] = []
                for _ in 0..<vn {
                    let n = try str("variant name string")
                    vs.append(VariantDecl(name: n, fields: try fields()))
                }
                m.types.append(TypeDecl(name: name, kind: .union(vs)))
            default: throw fail("unknown type declaration kind \(kind)", at: i - 1)
            }
            if annotate {
                var p = Printer()
                p.typeDecl(m.types[m.types.count - 1])
                note(start, String(decoding: p.out.dropLast(), as: UTF8.self))
            }
        }
    }

    mutating func fields() throws -> [FieldDecl] {
        let n = try count("field count", minSize: 2)
        var fs: [FieldDecl] = []
        fs.reserveCapacity(n)
        for _ in 0..<n {
            let name = try str("field name string")
            fs.append(FieldDecl(name: name, type: try typeRef("field type")))
        }
        return fs
    }

    mutating func globalsSection(_ m: Module) throws {
        var start = i
        let n = try count("global count", minSize: 2)
        note(start, "\(n) globals")
        for _ in 0..<n {
            start = i
            let name = try str("global name string")
            let g = Global(name: name, type: try typeRef("global type"))
            m.globals.append(g)
            note(start, "global @\(g.name): \(typeText(g.type))")
        }
    }

    mutating func functionsSection(_ m: Module) throws {
        let start = i
        let n = try count("function count", minSize: 4)
        note(start, "\(n) functions")
        m.functions.reserveCapacity(n)
        for _ in 0..<n { m.functions.append(try function()) }
    }

    mutating func function() throws -> Function {
        var start = i
        let name = try str("function name string")
        let np = try count("parameter count")
        var ps: [IRType] = []
        ps.reserveCapacity(np)
        for _ in 0..<np { ps.append(try typeRef("parameter type")) }
        let rt = try typeRef("return type")
        let floc = try loc()
        let nb = try count("block count", minSize: 3)
        let f = Function(name: name, paramTypes: ps, returnType: rt, loc: floc)
        note(start, "func @\(name), \(np) params -> \(typeText(rt)), \(nb) blocks")
        depth += 1
        defer { depth -= 1 }
        f.blocks.reserveCapacity(nb)
        // The largest value index used, checked once every value is defined.
        var maxUse = -1
        var maxUseAt = 0
        @inline(__always) func use(_ d: inout BinaryDecoder) throws -> Value {
            let at = d.i
            let v = try d.uleb("value index")
            guard v <= UInt64(Int32.max) else { throw d.fail("value index \(v) too large", at: at) }
            if Int(v) > maxUse { maxUse = Int(v); maxUseAt = at }
            return Value(Int32(v))
        }
        func call(_ d: inout BinaryDecoder) throws -> BlockCall {
            let blk = try d.index("block index", below: nb)
            let na = try d.count("block argument count")
            var args: [Value] = []
            args.reserveCapacity(na)
            for _ in 0..<na { args.append(try use(&d)) }
            return BlockCall(Block(Int32(blk)), args)
        }
        for k in 0..<nb {
            start = i
            let blk = Block(Int32(k))
            f.blocks.append(BlockData())
            f.layout.append(blk)
            let pc = try count("block parameter count")
            var params: [Value] = []
            params.reserveCapacity(pc)
            for p in 0..<pc { params.append(f.makeValue(try typeRef("block parameter type"), .param(blk, p))) }
            f.blocks[k].params = params
            let ni = try count("instruction count", minSize: 4)
            if annotate {
                note(start, "block b\(k)" + (params.isEmpty ? "" : "(" + params.map { "v\($0.index): " + typeText(f.type(of: $0)) }.joined(separator: ", ") + ")") + ", \(ni) instructions")
            }
            depth += 1
            f.blocks[k].insts.reserveCapacity(ni)
            for _ in 0..<ni {
                start = i
                let opb = try u8("opcode")
                guard opb < Opcode.allCases.count, let op = Opcode(rawValue: opb) else {
                    throw fail("unknown opcode \(opb)", at: start)
                }
                let id = InstID(Int32(f.insts.count))
                let rt = try uleb("result type")
                var result: Value? = nil
                if rt > 0 {
                    guard rt <= UInt64(types.count) else { throw fail("result type index \(rt - 1) out of range (\(types.count) entries)", at: i - 1) }
                    result = f.makeValue(types[Int(rt - 1)], .inst(id))
                }
                let (imm, inBounds) = try immediate(flagged: true)
                let na = try count("operand count")
                var args: [Value] = []
                args.reserveCapacity(na)
                for _ in 0..<na { args.append(try use(&self)) }
                let l = try loc()
                f.insts.append(Inst(op: op, result: result, args: args, imm: imm, loc: l, inBounds: inBounds))
                f.blocks[k].insts.append(id)
                if annotate {
                    var p = Printer()
                    p.out.append(contentsOf: "inst ".utf8)
                    if let r = result { p.out.append(contentsOf: "v\(r.index): ".utf8); p.type(f.type(of: r)); p.out.append(contentsOf: " = ".utf8) }
                    p.out.append(contentsOf: op.info.name.utf8)
                    if inBounds { p.out.append(contentsOf: " inbounds".utf8) }
                    let t = p.text + immText(imm) + (args.isEmpty ? "" : (imm == .none || imm.kind == .cond ? " " : ", ") + args.map { "v\($0.index)" }.joined(separator: ", ")) + locText(l)
                    note(start, t)
                }
            }
            start = i
            let tag = try u8("terminator tag")
            var desc = ""
            switch BinaryFormat.TermTag(rawValue: tag) {
            case .jump?:
                let c = try call(&self)
                f.blocks[k].terminator = .jump(c)
                desc = "jump " + callText(c)
            case .brif?:
                let c = try use(&self)
                let x = try call(&self)
                let y = try call(&self)
                f.blocks[k].terminator = .brif(c, x, y)
                desc = "brif v\(c.index), " + callText(x) + ", " + callText(y)
            case .ret?: f.blocks[k].terminator = .ret(nil); desc = "ret"
            case .retValue?:
                let v = try use(&self)
                f.blocks[k].terminator = .ret(v)
                desc = "ret v\(v.index)"
            case .unreachable?: f.blocks[k].terminator = .unreachable; desc = "unreachable"
            case nil: throw fail("unknown terminator tag \(tag)", at: start)
            }
            f.blocks[k].terminatorLoc = try loc()
            if annotate { let t = desc + locText(f.blocks[k].terminatorLoc); note(start, t) }
            depth -= 1
        }
        if maxUse >= f.valueTypes.count {
            throw fail("value index \(maxUse) out of range (function @\(name) defines \(f.valueTypes.count) values)", at: maxUseAt)
        }
        return f
    }

    func callText(_ c: BlockCall) -> String {
        "b\(c.block.index)" + (c.args.isEmpty ? "" : "(" + c.args.map { "v\($0.index)" }.joined(separator: ", ") + ")")
    }

    func locText(_ l: SourceLoc) -> String { l.isKnown ? " !\(l.line):\(l.column)" : "" }

    func immText(_ imm: Immediate) -> String {
        var out: [UInt8] = []
        switch imm {
        case .none: return ""
        case .int(let v): return " \(v)"
        case .float(let bits): return " " + IRLex.formatFloat(bits: bits)
        case .string(let s): IRLex.appendQuoted(s, to: &out); return " " + String(decoding: out, as: UTF8.self)
        case .cond(let c): return " " + c.rawValue
        case .field(let r): return " %\(r.typeName) variant \(r.variant) field \(r.field)"
        case .variant(let r): return " %\(r.typeName) variant \(r.variant)"
        case .function(let n), .global(let n): return " @" + n
        }
    }

    mutating func immediate() throws -> Immediate { try immediate(flagged: false).0 }

    /// An immediate and, when `flagged` and the file is version 3 or later, the
    /// `inbounds` bit of its kind byte (in an older file that bit is an error).
    mutating func immediate(flagged: Bool) throws -> (Immediate, Bool) {
        let start = i
        var tag = try u8("immediate kind")
        var inBounds = false
        if flagged && fileVersion >= 3 && tag & BinaryFormat.inBoundsBit != 0 {
            inBounds = true
            tag &= ~BinaryFormat.inBoundsBit
        }
        return (try immediateBody(kindByte: tag, at: start), inBounds)
    }

    mutating func immediateBody(kindByte tag: UInt8, at start: Int) throws -> Immediate {
        guard let kind = ImmediateKind(rawValue: tag) else { throw fail("unknown immediate kind \(tag)", at: start) }
        switch kind {
        case .none: return .none
        case .int: return .int(try sleb("integer immediate"))
        case .float:
            guard remaining >= 8 else { throw fail("unexpected end of data reading float immediate") }
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(b[i + k]) << (8 * UInt64(k)) }
            i += 8
            return .float(bits)
        case .string: return .string(try str("string immediate"))
        case .cond:
            let c = try u8("condition")
            guard Int(c) < CondCode.allCases.count else { throw fail("unknown condition \(c)", at: i - 1) }
            return .cond(CondCode.allCases[Int(c)])
        case .field:
            let tn = try str("field type name")
            let vAt = i
            let v = try sleb("variant index")
            guard v >= -1, v <= Int64(Int32.max) else { throw fail("variant index \(v) out of range", at: vAt) }
            let fAt = i
            let fi = try uleb("field index")
            guard fi <= UInt64(Int32.max) else { throw fail("field index \(fi) out of range", at: fAt) }
            return .field(FieldRef(typeName: tn, variant: Int32(v), field: Int32(fi)))
        case .variant:
            let tn = try str("variant type name")
            let vAt = i
            let v = try uleb("variant index")
            guard v <= UInt64(Int32.max) else { throw fail("variant index \(v) out of range", at: vAt) }
            return .variant(VariantRef(typeName: tn, variant: Int32(v)))
        case .function: return .function(try str("function name"))
        case .global: return .global(try str("global name"))
        }
    }
}
