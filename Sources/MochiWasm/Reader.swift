// The binary reader: bytes to the numeric `WasmModule`, the inverse of the encoder, for
// objdump and the tests. It trusts nothing: every LEB128 is length-checked, every
// count is checked against the bytes left before anything is allocated for it, every
// length against its section or body, every index against its table (types and
// their kinds, functions, tables, memories, globals, element and data segments,
// locals, labels, struct fields), and block nesting is tracked without recursion.
// A bad module is one `WasmReadError` with the byte offset; no input makes it trap,
// hang or allocate more than a small multiple of its own size (locals, the one
// count that is not backed by bytes, are capped like engines cap them).
//
// It checks the binary format and indices, not types: a module it accepts may still
// fail `wasm-tools validate` (a wrong operand type, say). SIMD, threads, exception
// handling and the component model are rejected by name. For objdump it can record
// what every byte range means (`WasmNote`).

public struct WasmReadError: Error, CustomStringConvertible, Equatable {
    public var offset: Int
    public var message: String
    public init(_ offset: Int, _ message: String) { self.offset = offset; self.message = message }
    public var description: String { "at byte \(offset) (0x\(String(offset, radix: 16))): \(message)" }
}

/// What a byte range of the input means (for `offset | bytes | meaning` views).
public struct WasmNote: Equatable {
    public var offset: Int
    public var length: Int
    public var depth: Int
    public var meaning: String
}

/// A section as found in the file.
public struct WasmSectionInfo: Equatable {
    public var id: UInt8
    public var name: String
    /// Offset of the id byte, and of the contents.
    public var offset: Int
    public var contentOffset: Int
    public var size: Int
    /// Entry count, for vector sections.
    public var count: Int?
}

/// The most locals a function may declare (wasmparser's and engines' limit).
public let maxLocals = 50_000

/// Reads a module; throws `WasmReadError`.
public func readWasmModule(_ bytes: [UInt8]) throws -> WasmModule {
    var r = WasmReader(bytes, notes: false)
    return try r.module()
}

/// Reads a module recording sections and notes; on error, what was read so far.
public func annotateWasmModule(_ bytes: [UInt8]) -> (module: WasmModule?, sections: [WasmSectionInfo], notes: [WasmNote], error: WasmReadError?) {
    var r = WasmReader(bytes, notes: true)
    do {
        let m = try r.module()
        return (m, r.sections, r.notes, nil)
    } catch let e as WasmReadError {
        return (nil, r.sections, r.notes, e)
    } catch {
        return (nil, r.sections, r.notes, WasmReadError(r.pos, "\(error)"))
    }
}

/// Describes entities in notes; names are not known while reading, so no module.
let plain = WATPrinter(WasmModule())

struct WasmReader {
    let b: [UInt8]
    var pos = 0
    /// Reads stop here: the end of the current section or body.
    var limit: Int
    /// Notes go to a reference so that noting is not a mutation of the reader (the
    /// note's text reads the reader's state).
    final class NoteSink { var notes: [WasmNote] = [] }
    let sink: NoteSink?
    var recording: Bool { sink != nil }
    var notes: [WasmNote] { sink?.notes ?? [] }
    var sections: [WasmSectionInfo] = []
    var m = WasmModule()

    // What the index checks need.
    var types: [SubType] = []
    var funcTypes: [UInt32] = []
    var definedFunctionCount = 0
    var tableCount = 0
    var memories: [MemoryType] = []
    var globalCount = 0
    var elemCount: Int?
    var declaredDataCount: Int?

    init(_ bytes: [UInt8], notes: Bool) {
        b = bytes
        limit = bytes.count
        sink = notes ? NoteSink() : nil
    }

    // MARK: Primitives

    func fail(_ at: Int, _ msg: String) -> WasmReadError { WasmReadError(at, msg) }

    func note(_ from: Int, _ depth: Int, _ meaning: @autoclosure () -> String) {
        sink?.notes.append(WasmNote(offset: from, length: pos - from, depth: depth, meaning: meaning()))
    }

    var left: Int { limit - pos }

    mutating func byte(_ what: String) throws -> UInt8 {
        guard pos < limit else { throw fail(pos, "unexpected end \(endName) reading \(what)") }
        pos += 1
        return b[pos - 1]
    }

    /// What `limit` ends, for messages: "data", "the type section", "function 3's body".
    var scope = "data"
    var endName: String { "of " + scope }

    func peek() -> UInt8? { pos < limit ? b[pos] : nil }

    mutating func leb(_ what: String, _ r: Result<(UInt64, Int), WasmLEB128.DecodeFailure>) throws -> UInt64 {
        switch r {
        case .success(let (v, n)):
            pos += n
            return v
        case .failure(.truncated): throw fail(pos, "unexpected end \(endName) reading \(what)")
        case .failure(.tooLong): throw fail(pos, "malformed WasmLEB128 reading \(what) (too long or out of range)")
        }
    }

    mutating func u32(_ what: String) throws -> UInt32 {
        UInt32(try leb(what, WasmLEB128.decodeUnsigned(b, at: pos, bits: 32, end: limit)))
    }

    mutating func u64(_ what: String) throws -> UInt64 {
        try leb(what, WasmLEB128.decodeUnsigned(b, at: pos, bits: 64, end: limit))
    }

    mutating func signed(_ what: String, bits: Int) throws -> Int64 {
        let r = WasmLEB128.decodeSigned(b, at: pos, bits: bits, end: limit)
        switch r {
        case .success(let (v, n)):
            pos += n
            return v
        case .failure(.truncated): throw fail(pos, "unexpected end \(endName) reading \(what)")
        case .failure(.tooLong): throw fail(pos, "malformed WasmLEB128 reading \(what) (too long or out of range)")
        }
    }

    /// A count of entries each at least `minSize` bytes long, checked against the bytes left.
    mutating func count(_ what: String, minSize: Int = 1) throws -> Int {
        let at = pos
        let n = Int(try u32(what))
        if n > left / max(minSize, 1) { throw fail(at, "\(what) \(n) exceeds the \(left) bytes left") }
        return n
    }

    mutating func bytes(_ n: Int, _ what: String) throws -> [UInt8] {
        guard n <= left else { throw fail(pos, "\(what) length \(n) exceeds the \(left) bytes left") }
        pos += n
        return Array(b[(pos - n)..<pos])
    }

    mutating func name(_ what: String) throws -> String {
        let at = pos
        let n = Int(try u32("\(what) length"))
        guard n <= left else { throw fail(at, "\(what) length \(n) exceeds the \(left) bytes left") }
        let raw = b[pos..<(pos + n)]
        let s = String(decoding: raw, as: UTF8.self)
        guard s.utf8.elementsEqual(raw) else { throw fail(pos, "\(what) is not valid UTF-8") }
        pos += n
        return s
    }

    // MARK: Types

    /// A type index below `bound` (the types defined so far, or the end of the
    /// current rec group).
    mutating func typeIndex(_ what: String, bound: Int? = nil) throws -> UInt32 {
        let at = pos
        let i = try u32(what)
        let n = bound ?? types.count
        guard Int(i) < n else { throw fail(at, "\(what) \(i) out of range (\(n) types)") }
        return i
    }

    func kindName(_ c: CompositeType) -> String {
        switch c {
        case .func: return "a func type"
        case .struct: return "a struct type"
        case .array: return "an array type"
        }
    }

    mutating func funcTypeIndex(_ what: String) throws -> UInt32 {
        let at = pos
        let i = try typeIndex(what)
        guard case .func = types[Int(i)].composite else { throw fail(at, "\(what) \(i) is \(kindName(types[Int(i)].composite)), not a func type") }
        return i
    }

    mutating func heapType(bound: Int? = nil) throws -> HeapType {
        let at = pos
        if let c = peek(), let a = AbstractHeapType(rawValue: c) {
            pos += 1
            return .abstract(a)
        }
        if let c = peek(), c == 0x69 || c == 0x74 { throw fail(at, "exception handling heap type 0x\(String(c, radix: 16)) is not supported") }
        let v = try signed("heap type", bits: 33)
        guard v >= 0 else { throw fail(at, "invalid heap type 0x\(String(b[at], radix: 16))") }
        let n = bound ?? types.count
        guard v < Int64(n) else { throw fail(at, "heap type index \(v) out of range (\(n) types)") }
        return .concrete(.index(UInt32(v)))
    }

    mutating func refType(bound: Int? = nil) throws -> RefType {
        let at = pos
        let c = try byte("reference type")
        switch c {
        case 0x63, 0x64: return RefType(nullable: c == 0x63, try heapType(bound: bound))
        default:
            if let a = AbstractHeapType(rawValue: c) { return RefType(nullable: true, .abstract(a)) }
            throw fail(at, "invalid reference type 0x\(String(c, radix: 16))")
        }
    }

    mutating func valType(bound: Int? = nil) throws -> ValType {
        let at = pos
        guard let c = peek() else { _ = try byte("value type"); return .i32 }
        switch c {
        case 0x7F: pos += 1; return .i32
        case 0x7E: pos += 1; return .i64
        case 0x7D: pos += 1; return .f32
        case 0x7C: pos += 1; return .f64
        case 0x7B: throw fail(at, "SIMD type v128 is not supported")
        case 0x63, 0x64: return .ref(try refType(bound: bound))
        case 0x69, 0x74: throw fail(at, "exception handling type 0x\(String(c, radix: 16)) is not supported")
        default:
            if AbstractHeapType(rawValue: c) != nil { return .ref(try refType(bound: bound)) }
            throw fail(at, "invalid value type 0x\(String(c, radix: 16))")
        }
    }

    mutating func valTypes(_ what: String, bound: Int? = nil) throws -> [ValType] {
        let n = try count(what)
        var out: [ValType] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try valType(bound: bound)) }
        return out
    }

    mutating func fieldType(bound: Int) throws -> FieldType {
        var f: FieldType
        switch peek() {
        case 0x78: pos += 1; f = FieldType(.i8)
        case 0x77: pos += 1; f = FieldType(.i16)
        default: f = FieldType(.val(try valType(bound: bound)))
        }
        let at = pos
        let mut = try byte("field mutability")
        guard mut <= 1 else { throw fail(at, "invalid mutability 0x\(String(mut, radix: 16))") }
        f.mutable = mut == 1
        return f
    }

    mutating func subType(index: Int, bound: Int) throws -> SubType {
        let at = pos
        var c = try byte("type form")
        var s = SubType(.struct([]))
        if c == 0x50 || c == 0x4F {
            s.isFinal = c == 0x4F
            let n = try count("supertype count")
            if n > 1 { throw fail(at, "\(n) supertypes (at most one)") }
            for _ in 0..<n {
                let sat = pos
                let t = try typeIndex("supertype", bound: bound)
                guard Int(t) < index else { throw fail(sat, "supertype \(t) is not defined before type \(index)") }
                s.supertypes.append(.index(t))
            }
            c = try byte("composite type form")
        }
        switch c {
        case 0x60:
            let params = try valTypes("parameter count", bound: bound)
            let results = try valTypes("result count", bound: bound)
            s.composite = .func(FuncType(params, results))
        case 0x5F:
            let n = try count("field count", minSize: 2)
            var fields: [FieldType] = []
            fields.reserveCapacity(n)
            for _ in 0..<n { fields.append(try fieldType(bound: bound)) }
            s.composite = .struct(fields)
        case 0x5E:
            s.composite = .array(try fieldType(bound: bound))
        default:
            throw fail(pos - 1, "unknown type form 0x\(String(c, radix: 16)) (expected func 0x60, struct 0x5f, array 0x5e, sub 0x50/0x4f or rec 0x4e)")
        }
        return s
    }

    mutating func limits(_ what: String) throws -> Limits {
        let at = pos
        let flags = try byte("\(what) limits flags")
        guard flags <= 7 else { throw fail(at, "invalid limits flags 0x\(String(flags, radix: 16))") }
        let is64 = flags & 4 != 0
        var l = Limits(min: 0, is64: is64, shared: flags & 2 != 0)
        l.min = is64 ? try u64("\(what) minimum") : UInt64(try u32("\(what) minimum"))
        if flags & 1 != 0 {
            let mat = pos
            let mx = is64 ? try u64("\(what) maximum") : UInt64(try u32("\(what) maximum"))
            guard mx >= l.min else { throw fail(mat, "\(what) maximum \(mx) below its minimum \(l.min)") }
            l.max = mx
        }
        return l
    }

    mutating func tableType() throws -> TableType {
        let e = try refType()
        return TableType(e, try limits("table"))
    }

    mutating func globalType() throws -> GlobalType {
        let t = try valType()
        let at = pos
        let mut = try byte("global mutability")
        guard mut <= 1 else { throw fail(at, "invalid mutability 0x\(String(mut, radix: 16))") }
        return GlobalType(t, mutable: mut == 1)
    }

    // MARK: Module

    static let order: [UInt8: Int] = {
        var d: [UInt8: Int] = [:]
        for (k, id) in sectionOrder.enumerated() { d[id] = k }
        return d
    }()

    mutating func module() throws -> WasmModule {
        guard b.count >= 4 else { throw fail(0, "not a Wasm module: \(b.count) bytes, too short for the magic") }
        guard Array(b[0..<4]) == [0x00, 0x61, 0x73, 0x6D] else { throw fail(0, "not a Wasm module (no \\0asm magic)") }
        guard b.count >= 8 else { throw fail(4, "unexpected end of data reading the version") }
        let version = Array(b[4..<8])
        if version != [1, 0, 0, 0] {
            if version[2] == 1 && version[3] == 0 { throw fail(4, "a component (layer 1), not a core module: not supported") }
            throw fail(4, "unsupported version \(version.map { String($0) }.joined(separator: " ")) (expected 1 0 0 0)")
        }
        pos = 8
        note(0, 0, "magic \\0asm, version 1")
        var lastRank = -1
        var lastId: UInt8 = 0
        var functionCount: Int?
        var sawCode = false
        var lastNonCustom: UInt8 = 0
        while pos < b.count {
            limit = b.count
            scope = "data"
            let start = pos
            let id = try byte("section id")
            let size = Int(try u32("section size"))
            guard size <= left else { throw fail(start, "\(sectionName(id)) section size \(size) exceeds the \(left) bytes left") }
            let contentStart = pos
            limit = pos + size
            scope = "the \(sectionName(id)) section"
            var info = WasmSectionInfo(id: id, name: sectionName(id), offset: start, contentOffset: contentStart, size: size)
            if id != 0 {
                if id == 13 { throw fail(start, "tag section (exception handling) is not supported") }
                guard let rank = WasmReader.order[id] else { throw fail(start, "unknown section id \(id)") }
                if rank == lastRank { throw fail(start, "duplicate \(sectionName(id)) section") }
                if rank < lastRank { throw fail(start, "\(sectionName(id)) section after the \(sectionName(lastId)) section (out of order)") }
                lastRank = rank
                lastId = id
            }
            note(start, 0, "\(sectionName(id)) section, \(size) bytes")
            switch id {
            case 0:
                try customSection(after: lastNonCustom, &info)
            case 1: info.count = try typeSection()
            case 2: info.count = try importSection()
            case 3:
                let n = try count("function count")
                info.count = n
                functionCount = n
                for k in 0..<n {
                    let at = pos
                    let t = try funcTypeIndex("function \(m.importedFunctionCount + k): type")
                    m.functions.append(WasmFunction(type: .index(t)))
                    funcTypes.append(t)
                    note(at, 1, "function \(m.importedFunctionCount + k): type \(t)")
                }
                definedFunctionCount = n
            case 4: info.count = try tableSection()
            case 5:
                let n = try count("memory count")
                info.count = n
                for k in 0..<n {
                    let at = pos
                    let l = try limits("memory")
                    m.memories.append(MemoryType(l))
                    memories.append(MemoryType(l))
                    note(at, 1, "memory \(memories.count - 1): \(plain.limits(l))")
                    _ = k
                }
            case 6: info.count = try globalSection()
            case 7: info.count = try exportSection()
            case 8:
                let at = pos
                let f = try functionIndex("start function")
                m.start = .index(f)
                note(at, 1, "start: function \(f)")
            case 9: info.count = try elementSection()
            case 12:
                let at = pos
                let n = try u32("data count")
                m.dataCount = n
                declaredDataCount = Int(n)
                note(at, 1, "data count: \(n)")
            case 10:
                sawCode = true
                let at = pos
                let n = try count("function body count", minSize: 2)
                info.count = n
                guard n == (functionCount ?? 0) else {
                    throw fail(at, "the code section has \(n) bodies but the function section declares \(functionCount ?? 0) functions")
                }
                for k in 0..<n { try functionBody(k) }
            case 11: info.count = try dataSection()
            default: break
            }
            if id != 0 { lastNonCustom = id }
            if pos != limit { throw fail(pos, "\(limit - pos) unread bytes at the end of the \(sectionName(id)) section") }
            sections.append(info)
        }
        limit = b.count
        if let n = functionCount, n > 0, !sawCode {
            throw fail(b.count, "the function section declares \(n) functions but there is no code section")
        }
        if let n = declaredDataCount, n != m.data.count {
            throw fail(b.count, "the data count section says \(n) segments but the data section has \(m.data.count)")
        }
        return m
    }

    mutating func typeSection() throws -> Int {
        let n = try count("rec group count", minSize: 2)
        for _ in 0..<n {
            let at = pos
            let first = types.count
            if peek() == 0x4E {
                pos += 1
                let k = try count("rec group size", minSize: 2)
                // Types in the group may refer to each other: bound is the group's end.
                let bound = first + k
                var group: [SubType] = []
                for j in 0..<k {
                    let tat = pos
                    let s = try subType(index: first + j, bound: bound)
                    group.append(s)
                    types.append(s)
                    note(tat, 2, "type \(first + j): \(plain.subType(s, typeIndex: UInt32(first + j)))")
                }
                m.types.append(RecGroup(group, explicitRec: true))
                note(at, 1, "rec group of \(k) types (\(first)...\(first + k - 1))")
            } else {
                let s = try subType(index: first, bound: first + 1)
                types.append(s)
                m.types.append(RecGroup([s]))
                note(at, 1, "type \(first): \(plain.subType(s, typeIndex: UInt32(first)))")
            }
        }
        return n
    }

    mutating func importSection() throws -> Int {
        let n = try count("import count", minSize: 4)
        for _ in 0..<n {
            let at = pos
            let module = try name("import module name")
            let field = try name("import name")
            let kat = pos
            let kind = try byte("import kind")
            let d: Import.Descriptor
            switch kind {
            case 0:
                let t = try funcTypeIndex("import type")
                d = .function(.index(t))
                funcTypes.append(t)
            case 1: d = .table(try tableType()); tableCount += 1
            case 2:
                let l = try limits("memory")
                d = .memory(MemoryType(l))
                memories.append(MemoryType(l))
            case 3: d = .global(try globalType()); globalCount += 1
            case 4: throw fail(kat, "tag imports (exception handling) are not supported")
            default: throw fail(kat, "invalid import kind 0x\(String(kind, radix: 16))")
            }
            m.imports.append(Import(module: module, name: field, d))
            note(at, 1, "import \(quoted(module)) \(quoted(field)): \(ExternalKind(rawValue: kind)!.keyword)")
        }
        return n
    }

    mutating func tableSection() throws -> Int {
        let n = try count("table count", minSize: 3)
        for _ in 0..<n {
            let at = pos
            if peek() == 0x40 {
                pos += 1
                let zat = pos
                guard try byte("table initializer marker") == 0 else { throw fail(zat, "expected 0x00 after 0x40 in a table definition") }
                let t = try tableType()
                let e = try constantExpression("table initializer")
                m.tables.append(Table(t, initializer: e))
            } else {
                m.tables.append(Table(try tableType()))
            }
            tableCount += 1
            note(at, 1, "table \(tableCount - 1): \(plain.refType(m.tables.last!.type.element))")
        }
        return n
    }

    mutating func globalSection() throws -> Int {
        let n = try count("global count", minSize: 3)
        for _ in 0..<n {
            let at = pos
            let t = try globalType()
            // An initializer may read the globals before it (imported or defined).
            let e = try constantExpression("global initializer")
            m.globals.append(WasmGlobal(t, initializer: e))
            globalCount += 1
            note(at, 1, "global \(globalCount - 1): \(plain.globalType(t))")
        }
        return n
    }

    mutating func exportSection() throws -> Int {
        let n = try count("export count", minSize: 3)
        var seen = Set<String>()
        for _ in 0..<n {
            let at = pos
            let nm = try name("export name")
            guard seen.insert(nm).inserted else { throw fail(at, "duplicate export name \(quoted(nm))") }
            let kat = pos
            let kind = try byte("export kind")
            let iat = pos
            let i = try u32("export index")
            let bound: Int
            switch kind {
            case 0: bound = funcTypes.count
            case 1: bound = tableCount
            case 2: bound = memories.count
            case 3: bound = globalCount
            case 4: throw fail(kat, "tag exports (exception handling) are not supported")
            default: throw fail(kat, "invalid export kind 0x\(String(kind, radix: 16))")
            }
            let k = ExternalKind(rawValue: kind)!
            guard Int(i) < bound else { throw fail(iat, "exported \(k.keyword) \(i) out of range (\(bound) defined)") }
            m.exports.append(Export(nm, k, .index(i)))
            note(at, 1, "export \(quoted(nm)): \(k.keyword) \(i)")
        }
        return n
    }

    mutating func functionIndex(_ what: String) throws -> UInt32 {
        let at = pos
        let f = try u32(what)
        guard Int(f) < funcTypes.count else { throw fail(at, "\(what) \(f) out of range (\(funcTypes.count) functions)") }
        return f
    }

    mutating func elementSection() throws -> Int {
        let n = try count("element segment count", minSize: 2)
        elemCount = n
        for k in 0..<n {
            let at = pos
            let fat = pos
            let flags = try u32("element segment flags")
            guard flags <= 7 else { throw fail(fat, "invalid element segment flags \(flags)") }
            var mode: SegmentMode
            var compact = true
            if flags & 1 == 0 {
                var table: UInt32 = 0
                if flags & 2 != 0 {
                    compact = false
                    let tat = pos
                    table = try u32("element table")
                    guard Int(table) < tableCount else { throw fail(tat, "table \(table) out of range (\(tableCount) tables)") }
                } else if tableCount == 0 {
                    throw fail(fat, "active element segment for table 0, but there is no table")
                }
                mode = .active(.index(table), offset: try constantExpression("element offset"))
            } else {
                mode = flags & 2 != 0 ? .declarative : .passive
            }
            var items: ElementSegment.Items
            let implicitKind = flags & 3 == 0
            if flags & 4 == 0 {
                if !implicitKind {
                    let kat = pos
                    guard try byte("element kind") == 0 else { throw fail(kat, "invalid element kind (only 0x00, funcref)") }
                }
                let c = try count("element count")
                var fs: [Idx] = []
                fs.reserveCapacity(c)
                for _ in 0..<c { fs.append(.index(try functionIndex("element function"))) }
                items = .functions(fs)
            } else {
                let t = implicitKind ? RefType.funcref : try refType()
                let c = try count("element count", minSize: 2)
                var es: [[Instruction]] = []
                es.reserveCapacity(c)
                for _ in 0..<c { es.append(try constantExpression("element expression")) }
                items = .expressions(t, es)
            }
            m.elements.append(ElementSegment(mode, items, compact: compact))
            note(at, 1, "element segment \(k): \(m.elements[k].count) entries")
        }
        return n
    }

    mutating func dataSection() throws -> Int {
        let at0 = pos
        let n = try count("data segment count", minSize: 2)
        if let d = declaredDataCount, d != n {
            throw fail(at0, "the data section has \(n) segments but the data count section says \(d)")
        }
        for k in 0..<n {
            let at = pos
            let fat = pos
            let flags = try u32("data segment flags")
            var mode: SegmentMode = .passive
            switch flags {
            case 0, 2:
                var mem: UInt32 = 0
                if flags == 2 { mem = try u32("data memory") }
                guard Int(mem) < memories.count else { throw fail(fat, "data segment for memory \(mem), but there are \(memories.count) memories") }
                mode = .active(.index(mem), offset: try constantExpression("data offset"))
            case 1: break
            default: throw fail(fat, "invalid data segment flags \(flags)")
            }
            let lat = pos
            let len = Int(try u32("data length"))
            guard len <= left else { throw fail(lat, "data segment length \(len) exceeds the \(left) bytes left") }
            let data = Array(b[pos..<(pos + len)])
            pos += len
            m.data.append(DataSegment(mode, data))
            note(at, 1, "data segment \(k): \(len) bytes")
        }
        return n
    }

    // MARK: Custom sections

    mutating func customSection(after: UInt8, _ info: inout WasmSectionInfo) throws {
        let nat = pos
        let nm = try name("custom section name")
        info.name = "custom \(quoted(nm))"
        note(nat, 1, "name \(quoted(nm))")
        let payload = Array(b[pos..<limit])
        if nm == "name" && m.names == nil {
            var sub = WasmReader(Array(b[0..<limit]), notes: recording)
            sub.pos = pos
            sub.limit = limit
            do {
                m.names = try sub.nameSection(functions: funcTypes.count)
                sink?.notes.append(contentsOf: sub.notes)
                m.customSections.append(CustomSection(name: "name", bytes: [], after: after))
            } catch let e as WasmReadError {
                // A malformed name section is not fatal (the spec ignores it): keep it raw.
                m.customSections.append(CustomSection(name: nm, bytes: payload, after: after))
                sink?.notes.append(WasmNote(offset: e.offset, length: 0, depth: 1, meaning: "malformed name section, kept raw: \(e.message)"))
            }
        } else {
            m.customSections.append(CustomSection(name: nm, bytes: payload, after: after))
            if !payload.isEmpty { let at = pos; pos = limit; note(at, 1, "\(payload.count) bytes of contents") }
        }
        pos = limit
    }

    mutating func nameMap(_ what: String, depth: Int) throws -> NameMap {
        let n = try count("\(what) count", minSize: 2)
        var out: NameMap = []
        out.reserveCapacity(n)
        var last: UInt32?
        for _ in 0..<n {
            let at = pos
            let i = try u32("\(what) index")
            if let l = last, i <= l { throw fail(at, "\(what) indices not in increasing order") }
            last = i
            let s = try name(what)
            out.append((i, s))
            note(at, depth, "\(what) \(i): \(quoted(s))")
        }
        return out
    }

    mutating func indirectNameMap(_ what: String, _ inner: String) throws -> IndirectNameMap {
        let n = try count("\(what) count", minSize: 2)
        var out: IndirectNameMap = []
        var last: UInt32?
        for _ in 0..<n {
            let at = pos
            let i = try u32("\(what) index")
            if let l = last, i <= l { throw fail(at, "\(what) indices not in increasing order") }
            last = i
            note(at, 2, "\(what) \(i)")
            out.append((i, try nameMap(inner, depth: 3)))
        }
        return out
    }

    mutating func nameSection(functions: Int) throws -> NameSection {
        var n = NameSection()
        var lastId: Int = -1
        let end = limit
        while pos < end {
            let at = pos
            let id = try byte("name subsection id")
            let size = Int(try u32("name subsection size"))
            guard size <= end - pos else { throw fail(at, "name subsection size \(size) exceeds the \(end - pos) bytes left") }
            if Int(id) <= lastId { throw fail(at, "name subsection \(id) out of order") }
            lastId = Int(id)
            limit = pos + size
            scope = "name subsection \(id)"
            note(at, 1, "name subsection \(id), \(size) bytes")
            switch id {
            case 0: n.module = try name("module name")
            case 1: n.functions = try nameMap("function name", depth: 2)
            case 2: n.locals = try indirectNameMap("local names of function", "local name")
            case 3: n.labels = try indirectNameMap("label names of function", "label name")
            case 4: n.types = try nameMap("type name", depth: 2)
            case 5: n.tables = try nameMap("table name", depth: 2)
            case 6: n.memories = try nameMap("memory name", depth: 2)
            case 7: n.globals = try nameMap("global name", depth: 2)
            case 8: n.elements = try nameMap("element segment name", depth: 2)
            case 9: n.data = try nameMap("data segment name", depth: 2)
            case 10: n.fields = try indirectNameMap("field names of type", "field name")
            case 11: n.tags = try nameMap("tag name", depth: 2)
            default:
                n.unknown.append((id, Array(b[pos..<limit])))
                pos = limit
            }
            if pos != limit { throw fail(pos, "\(limit - pos) unread bytes at the end of name subsection \(id)") }
            limit = end
        }
        return n
    }

    // MARK: Code

    mutating func functionBody(_ k: Int) throws {
        let at = pos
        let size = Int(try u32("body size"))
        guard size <= left else { throw fail(at, "function body size \(size) exceeds the \(left) bytes left") }
        let sectionEnd = limit
        let bodyEnd = pos + size
        limit = bodyEnd
        scope = "function \(m.importedFunctionCount + k)'s body"
        let index = m.importedFunctionCount + k
        let runs = try count("local declaration count", minSize: 2)
        var locals: [ValType] = []
        for _ in 0..<runs {
            let lat = pos
            let c = Int(try u32("local count"))
            guard c <= maxLocals - locals.count else { throw fail(lat, "more than \(maxLocals) locals") }
            let t = try valType()
            locals.append(contentsOf: repeatElement(t, count: c))
        }
        let t = funcTypes[index]
        let params = types[Int(t)].composite.funcType?.params.count ?? 0
        note(at, 1, "function \(index) body: \(size) bytes, \(locals.count) locals")
        let body = try code(localCount: params + locals.count, what: "function \(index)")
        m.functions[k].locals = locals
        m.functions[k].body = body
        limit = sectionEnd
        scope = "the code section"
    }

    /// A constant expression: instructions up to its `end`.
    mutating func constantExpression(_ what: String) throws -> [Instruction] {
        try code(localCount: 0, what: what, bodyMustFill: false)
    }

    /// Instructions up to the `end` closing the implicit outermost block; for a
    /// function body that `end` must be its last byte.
    mutating func code(localCount: Int, what: String, bodyMustFill: Bool = true) throws -> [Instruction] {
        var out: [Instruction] = []
        // Open blocks: true for an `if` not yet given its `else`.
        var open: [Bool] = [false]
        while true {
            let at = pos
            guard pos < limit else { throw fail(pos, "\(what) ends without its final end") }
            let ins = try instruction(localCount: localCount, depth: open.count)
            // Notes are indented by nesting (capped, for the byte view's width).
            let noteDepth = min(max(open.count - (ins.op == .end || ins.op == .else ? 1 : 0), 1), 15) + 1
            switch ins.op {
            case .block, .loop: open.append(false)
            case .if: open.append(true)
            case .else:
                guard open.count > 1, open[open.count - 1] else { throw fail(at, "else without a matching if") }
                open[open.count - 1] = false
            case .end:
                open.removeLast()
                if open.isEmpty {
                    if bodyMustFill && pos != limit { throw fail(pos, "\(what) continues after its final end") }
                    note(at, noteDepth, "end")
                    return out
                }
            default: break
            }
            note(at, noteDepth, plain.instruction(ins))
            out.append(ins)
        }
    }

    mutating func checkedIndex(_ what: String, _ bound: Int) throws -> Idx {
        let at = pos
        let i = try u32(what)
        guard Int(i) < bound else { throw fail(at, "\(what) \(i) out of range (\(bound) defined)") }
        return .index(i)
    }

    mutating func typeOfKind(_ what: String, _ kind: String) throws -> (Idx, SubType) {
        let at = pos
        let i = try typeIndex(what)
        let s = types[Int(i)]
        let ok: Bool
        switch (kind, s.composite) {
        case ("func", .func), ("struct", .struct), ("array", .array): ok = true
        default: ok = false
        }
        guard ok else { throw fail(at, "type \(i) is \(kindName(s.composite)), not \(kind == "array" ? "an" : "a") \(kind) type") }
        return (.index(i), s)
    }

    mutating func dataIndex(_ op: String) throws -> Idx {
        guard let n = declaredDataCount else { throw fail(pos, "\(op) needs a data count section") }
        return try checkedIndex("data segment", n)
    }

    mutating func elemIndex() throws -> Idx {
        try checkedIndex("element segment", elemCount ?? 0)
    }

    mutating func instruction(localCount: Int, depth: Int) throws -> Instruction {
        let at = pos
        let c = try byte("opcode")
        let op: Op
        switch c {
        case 0xFB, 0xFC:
            let sub = try u32("opcode")
            guard let o = Op.decode(prefix: c, code: sub) else { throw fail(at, "unknown instruction 0x\(String(c, radix: 16)) \(sub)") }
            op = o
        case 0xFD: throw fail(at, "SIMD instruction (0xfd prefix) is not supported")
        case 0xFE: throw fail(at, "threads instruction (0xfe prefix) is not supported")
        case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F:
            throw fail(at, "exception handling instruction 0x\(String(c, radix: 16)) is not supported")
        default:
            guard let o = Op.decode(prefix: 0, code: UInt32(c)) else { throw fail(at, "unknown opcode 0x\(String(c, radix: 16))") }
            op = o
        }
        let name = op.info.name
        switch op.info.shape {
        case .none: return Instruction(op)
        case .block:
            let bat = pos
            guard let p = peek() else { _ = try byte("block type"); return Instruction(op) }
            if p == 0x40 { pos += 1; return Instruction(op, .block(.empty, label: nil)) }
            // One byte from 0x40 to 0x7f is a negative s33: a value type; else a type index.
            if p >= 0x40 && p < 0x80 { return Instruction(op, .block(.value(try valType()), label: nil)) }
            let v = try signed("block type", bits: 33)
            guard v >= 0, v < Int64(types.count) else { throw fail(bat, "block type index \(v) out of range (\(types.count) types)") }
            guard case .func = types[Int(v)].composite else { throw fail(bat, "block type \(v) is not a func type") }
            return Instruction(op, .block(.type(.index(UInt32(v))), label: nil))
        case .label:
            return Instruction(op, .index(try checkedIndex("\(name) label depth", depth)))
        case .brTable:
            let n = try count("br_table label count")
            var ls: [Idx] = []
            ls.reserveCapacity(n)
            for _ in 0..<n { ls.append(try checkedIndex("br_table label depth", depth)) }
            return Instruction(op, .brTable(ls, default: try checkedIndex("br_table default label depth", depth)))
        case .function:
            return Instruction(op, .index(.index(try functionIndex("\(name) function"))))
        case .callIndirect:
            let t = try funcTypeIndex("\(name) type")
            return Instruction(op, .indices(.index(t), try checkedIndex("table", tableCount)))
        case .type:
            let kind: String
            switch op {
            case .callRef, .returnCallRef: kind = "func"
            case .structNew, .structNewDefault: kind = "struct"
            default: kind = "array"
            }
            return Instruction(op, .index(try typeOfKind("\(name) type", kind).0))
        case .typeField:
            let (t, s) = try typeOfKind("\(name) type", "struct")
            let fields = s.composite.fields?.count ?? 0
            return Instruction(op, .indices(t, try checkedIndex("field", fields)))
        case .typeCount:
            let (t, _) = try typeOfKind("\(name) type", "array")
            return Instruction(op, .typeCount(t, try u32("array.new_fixed count")))
        case .typeData:
            let (t, _) = try typeOfKind("\(name) type", "array")
            return Instruction(op, .indices(t, try dataIndex(name)))
        case .typeElem:
            let (t, _) = try typeOfKind("\(name) type", "array")
            return Instruction(op, .indices(t, try elemIndex()))
        case .typeType:
            let (a, _) = try typeOfKind("\(name) destination type", "array")
            return Instruction(op, .indices(a, try typeOfKind("\(name) source type", "array").0))
        case .local: return Instruction(op, .index(try checkedIndex("local", localCount)))
        case .global: return Instruction(op, .index(try checkedIndex("global", globalCount)))
        case .table: return Instruction(op, .index(try checkedIndex("table", tableCount)))
        case .tableTable:
            let a = try checkedIndex("table", tableCount)
            return Instruction(op, .indices(a, try checkedIndex("table", tableCount)))
        case .elemTable:
            let e = try elemIndex()
            return Instruction(op, .indices(e, try checkedIndex("table", tableCount)))
        case .elem: return Instruction(op, .index(try elemIndex()))
        case .data: return Instruction(op, .index(try dataIndex(name)))
        case .dataMemory:
            let d = try dataIndex(name)
            return Instruction(op, .indices(d, try checkedIndex("memory", memories.count)))
        case .memory: return Instruction(op, .index(try checkedIndex("memory", memories.count)))
        case .memoryMemory:
            let a = try checkedIndex("memory", memories.count)
            return Instruction(op, .indices(a, try checkedIndex("memory", memories.count)))
        case .memarg:
            let aat = pos
            var align = try u32("alignment")
            var mem: UInt32 = 0
            if align & 0x40 != 0 {
                align &= ~0x40
                mem = try u32("memory index")
            }
            guard align < 64 else { throw fail(aat, "alignment 2^\(align) out of range") }
            guard Int(mem) < memories.count else { throw fail(aat, "\(name): memory \(mem) out of range (\(memories.count) memories)") }
            let offset = memories[Int(mem)].limits.is64 ? try u64("offset") : UInt64(try u32("offset"))
            return Instruction(op, .memarg(MemArg(align: align, offset: offset, memory: .index(mem))))
        case .i32: return Instruction(op, .i32(Int32(truncatingIfNeeded: try signed("i32 constant", bits: 32))))
        case .i64: return Instruction(op, .i64(try signed("i64 constant", bits: 64)))
        case .f32:
            guard left >= 4 else { throw fail(pos, "unexpected end \(endName) reading an f32 constant") }
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(b[pos + k]) << UInt32(8 * k) }
            pos += 4
            return Instruction(op, .f32(v))
        case .f64:
            guard left >= 8 else { throw fail(pos, "unexpected end \(endName) reading an f64 constant") }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(b[pos + k]) << UInt64(8 * k) }
            pos += 8
            return Instruction(op, .f64(v))
        case .heapType, .refType: return Instruction(op, .heapType(try heapType()))
        case .brOnCast:
            let fat = pos
            let flags = try byte("cast flags")
            guard flags <= 3 else { throw fail(fat, "invalid cast flags 0x\(String(flags, radix: 16))") }
            let l = try checkedIndex("\(name) label depth", depth)
            let a = try heapType()
            let bh = try heapType()
            return Instruction(op, .brOnCast(l, RefType(nullable: flags & 1 != 0, a), RefType(nullable: flags & 2 != 0, bh)))
        case .valTypes:
            return Instruction(op, .valTypes(try valTypes("select type count")))
        }
    }
}
