// The binary encoder: numeric `WasmModule` to bytes. `WasmWriter` is a value over
// `[UInt8]` with the LEB128 and vector primitives; every section is written into a
// writer of its own by one builder function and length-prefixed when appended, so
// nothing is ever back-patched (the WasmKit encoder's way). Types follow the GC
// binary format: 0x4E rec groups, 0x50/0x4F sub types, 0x60/0x5F/0x5E composite
// types, 0x63/0x64 references with the one-byte shorthand for nullable abstract
// heap types, as wasm-tools writes them.
//
// The encoder checks what the model cannot express in its types: a name left
// unresolved, an immediate that does not fit its op, an inline block type; each is
// a `WasmEncodeError`, never a trap.

public struct WasmEncodeError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public enum WasmLEB128 {
    public static func unsigned(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        repeat {
            var b = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { b |= 0x80 }
            out.append(b)
        } while v != 0
        return out
    }

    public static func signed(_ value: Int64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        while true {
            let b = UInt8(truncatingIfNeeded: v & 0x7F)
            v >>= 7
            let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0)
            out.append(done ? b : b | 0x80)
            if done { return out }
        }
    }

    public enum DecodeFailure: Error, Equatable {
        /// The bytes ended inside the number.
        case truncated
        /// More bytes than the type allows, or unused bits of the last byte set
        /// (unsigned) or not a sign extension (signed).
        case tooLong
    }

    /// Decodes an unsigned number of at most `bits` bits at `offset`; the value and the
    /// number of bytes it took.
    /// Reads stop at `end` (default: the end of `bytes`).
    public static func decodeUnsigned(_ bytes: [UInt8], at offset: Int, bits: Int, end: Int? = nil) -> Result<(UInt64, Int), DecodeFailure> {
        var result: UInt64 = 0, shift = 0, i = offset
        let maxBytes = (bits + 6) / 7
        let stop = min(end ?? bytes.count, bytes.count)
        while true {
            guard i < stop else { return .failure(.truncated) }
            let b = bytes[i]
            i += 1
            let n = i - offset
            if n == maxBytes {
                // The last permitted byte: no continuation, no bits beyond `bits`.
                let used = bits - shift
                if b & 0x80 != 0 || (used < 7 && b >> UInt8(used) != 0) { return .failure(.tooLong) }
                result |= UInt64(b) << UInt64(shift)
                return .success((result, n))
            }
            result |= UInt64(b & 0x7F) << UInt64(shift)
            if b & 0x80 == 0 { return .success((result, n)) }
            shift += 7
        }
    }

    /// Decodes a signed number of at most `bits` bits (32, 33 or 64).
    public static func decodeSigned(_ bytes: [UInt8], at offset: Int, bits: Int, end: Int? = nil) -> Result<(Int64, Int), DecodeFailure> {
        var result: Int64 = 0, shift = 0, i = offset
        let maxBytes = (bits + 6) / 7
        let stop = min(end ?? bytes.count, bytes.count)
        while true {
            guard i < stop else { return .failure(.truncated) }
            let b = bytes[i]
            i += 1
            let n = i - offset
            if n == maxBytes {
                if b & 0x80 != 0 { return .failure(.tooLong) }
                // The bits of the last byte beyond `bits` must all equal the sign bit.
                let used = bits - shift // value bits this byte carries, 1...7
                let value = Int64(b & 0x7F)
                if used < 7 {
                    let signBit = (value >> Int64(used - 1)) & 1
                    let rest = value >> Int64(used)
                    let expect: Int64 = signBit == 1 ? (0x7F >> Int64(used)) : 0
                    if rest != expect { return .failure(.tooLong) }
                }
                result |= value << Int64(shift)
                let total = shift + 7
                if total < 64 && value & 0x40 != 0 { result |= -1 << Int64(total) }
                return .success((result, n))
            }
            result |= Int64(b & 0x7F) << Int64(shift)
            shift += 7
            if b & 0x80 == 0 {
                if shift < 64 && b & 0x40 != 0 { result |= -1 << Int64(shift) }
                return .success((result, n))
            }
        }
    }
}

/// Bytes being written, with the primitives of the binary format.
public struct WasmWriter {
    public private(set) var bytes: [UInt8] = []
    public init() {}

    public mutating func byte(_ b: UInt8) { bytes.append(b) }
    public mutating func raw(_ bs: [UInt8]) { bytes.append(contentsOf: bs) }
    // LEB128 straight into the buffer (no array per number: bodies are mostly numbers).
    public mutating func u64(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
    public mutating func u32(_ v: UInt32) { u64(UInt64(v)) }
    public mutating func u32(_ v: Int) { u64(UInt64(UInt32(truncatingIfNeeded: v))) }
    public mutating func s64(_ value: Int64) {
        var v = value
        while true {
            let b = UInt8(truncatingIfNeeded: v & 0x7F)
            v >>= 7
            if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) {
                bytes.append(b)
                return
            }
            bytes.append(b | 0x80)
        }
    }
    public mutating func s32(_ v: Int32) { s64(Int64(v)) }
    public mutating func s33(_ v: Int64) { s64(v) }
    public mutating func f32(_ bits: UInt32) { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(8 * k))) } }
    public mutating func f64(_ bits: UInt64) { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * k))) } }
    public mutating func name(_ s: String) {
        let u = Array(s.utf8)
        u32(u.count)
        raw(u)
    }
    /// A length-prefixed byte vector (a section's or a body's contents).
    public mutating func sized(_ w: WasmWriter) {
        u32(w.bytes.count)
        raw(w.bytes)
    }

    // MARK: Types

    public mutating func index(_ i: Idx) throws {
        guard case .index(let n) = i else { throw WasmEncodeError("unresolved name \(i)") }
        u32(n)
    }

    public mutating func heapType(_ h: HeapType) throws {
        switch h {
        case .abstract(let a): byte(a.rawValue)
        case .concrete(let i):
            guard case .index(let n) = i else { throw WasmEncodeError("unresolved type name \(i)") }
            s33(Int64(n))
        }
    }

    public mutating func refType(_ r: RefType) throws {
        if r.nullable, case .abstract(let a) = r.heap {
            byte(a.rawValue) // funcref, anyref, ...: the one-byte shorthand
            return
        }
        byte(r.nullable ? 0x63 : 0x64)
        try heapType(r.heap)
    }

    public mutating func valType(_ v: ValType) throws {
        switch v {
        case .i32: byte(0x7F)
        case .i64: byte(0x7E)
        case .f32: byte(0x7D)
        case .f64: byte(0x7C)
        case .ref(let r): try refType(r)
        }
    }

    public mutating func valTypes(_ vs: [ValType]) throws {
        u32(vs.count)
        for v in vs { try valType(v) }
    }

    public mutating func fieldType(_ f: FieldType) throws {
        switch f.storage {
        case .i8: byte(0x78)
        case .i16: byte(0x77)
        case .val(let v): try valType(v)
        }
        byte(f.mutable ? 1 : 0)
    }

    public mutating func compositeType(_ c: CompositeType) throws {
        switch c {
        case .func(let ft):
            byte(0x60)
            try valTypes(ft.params)
            try valTypes(ft.results)
        case .struct(let fields):
            byte(0x5F)
            u32(fields.count)
            for f in fields { try fieldType(f) }
        case .array(let e):
            byte(0x5E)
            try fieldType(e)
        }
    }

    public mutating func subType(_ s: SubType) throws {
        if s.isFinal && s.supertypes.isEmpty {
            try compositeType(s.composite) // the shorthand for `sub final` without supertypes
            return
        }
        byte(s.isFinal ? 0x4F : 0x50)
        u32(s.supertypes.count)
        for t in s.supertypes { try index(t) }
        try compositeType(s.composite)
    }

    public mutating func recGroup(_ g: RecGroup) throws {
        if g.types.count == 1 && !g.explicitRec {
            try subType(g.types[0])
            return
        }
        byte(0x4E)
        u32(g.types.count)
        for t in g.types { try subType(t) }
    }

    public mutating func limits(_ l: Limits) {
        var flags: UInt8 = l.max != nil ? 1 : 0
        if l.shared { flags |= 2 }
        if l.is64 { flags |= 4 }
        byte(flags)
        u64(l.min)
        if let m = l.max { u64(m) }
    }

    public mutating func tableType(_ t: TableType) throws {
        try refType(t.element)
        limits(t.limits)
    }

    public mutating func globalType(_ g: GlobalType) throws {
        try valType(g.type)
        byte(g.mutable ? 1 : 0)
    }

    // MARK: Instructions

    public mutating func blockType(_ bt: BlockType) throws {
        switch bt {
        case .empty: byte(0x40)
        case .value(let v): try valType(v)
        case .type(let i):
            guard case .index(let n) = i else { throw WasmEncodeError("unresolved block type \(i)") }
            s33(Int64(n))
        case .inline(let ft):
            if ft.params.isEmpty && ft.results.isEmpty { byte(0x40) }
            else if ft.params.isEmpty && ft.results.count == 1 { try valType(ft.results[0]) }
            else { throw WasmEncodeError("block type with parameters or several results needs a type index (link the module first)") }
        }
    }

    public mutating func instruction(_ ins: Instruction) throws {
        let info = ins.op.info
        guard ins.isWellFormed else { throw WasmEncodeError("\(info.name): immediate \(ins.immediate) does not fit the instruction") }
        if info.prefix != 0 {
            byte(info.prefix)
            u32(info.code)
        } else {
            byte(UInt8(info.code))
        }
        switch ins.immediate {
        case .none: break
        case .block(let bt, _): try blockType(bt)
        case .index(let i): try index(i)
        case .indices(let a, let b):
            try index(a)
            try index(b)
        case .brTable(let ls, let d):
            u32(ls.count)
            for l in ls { try index(l) }
            try index(d)
        case .typeCount(let t, let n):
            try index(t)
            u32(n)
        case .memarg(let m):
            guard case .index(let mem) = m.memory else { throw WasmEncodeError("unresolved memory name \(m.memory)") }
            if mem == 0 {
                u32(m.align)
            } else {
                u32(m.align | 0x40) // bit 6: a memory index follows (multi-memory)
                u32(mem)
            }
            u64(m.offset)
        case .i32(let v): s32(v)
        case .i64(let v): s64(v)
        case .f32(let b): f32(b)
        case .f64(let b): f64(b)
        case .heapType(let h): try heapType(h)
        case .brOnCast(let l, let from, let to):
            byte((from.nullable ? 1 : 0) | (to.nullable ? 2 : 0))
            try index(l)
            try heapType(from.heap)
            try heapType(to.heap)
        case .valTypes(let vs): try valTypes(vs)
        }
    }

    /// A constant expression or body: the instructions and the closing `end`.
    public mutating func expression(_ body: [Instruction]) throws {
        for i in body { try instruction(i) }
        byte(0x0B)
    }
}

/// The section ids in the order the binary format requires.
public let sectionOrder: [UInt8] = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11]

public func sectionName(_ id: UInt8) -> String {
    switch id {
    case 0: return "custom"
    case 1: return "type"
    case 2: return "import"
    case 3: return "function"
    case 4: return "table"
    case 5: return "memory"
    case 6: return "global"
    case 7: return "export"
    case 8: return "start"
    case 9: return "element"
    case 10: return "code"
    case 11: return "data"
    case 12: return "data count"
    case 13: return "tag"
    default: return "unknown"
    }
}

/// Writes the module. Throws `WasmEncodeError` on anything the binary format cannot
/// hold (an unresolved name, an ill-formed immediate).
public func encodeWasmModule(_ m: WasmModule) throws -> [UInt8] {
    var out = WasmWriter()
    out.raw([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00])
    func append(_ id: UInt8, _ contents: WasmWriter) {
        out.byte(id)
        out.sized(contents)
    }
    var wroteNames = false
    func customs(after id: UInt8) throws {
        for c in m.customSections where c.after == id {
            if c.name == "name" && c.bytes.isEmpty {
                // The place of the parsed name section (see `WasmModule.names`).
                if let n = m.names, !wroteNames {
                    append(0, try SectionBuilder.names(n))
                    wroteNames = true
                }
                continue
            }
            var w = WasmWriter()
            w.name(c.name)
            w.raw(c.bytes)
            append(0, w)
        }
    }
    try customs(after: 0)
    for id in sectionOrder {
        if let contents = try SectionBuilder.section(id, of: m) { append(id, contents) }
        try customs(after: id)
    }
    if let n = m.names, !wroteNames { append(0, try SectionBuilder.names(n)) }
    return out.bytes
}

/// One builder per section: each writes its section's contents into a writer of its
/// own (nil when the module has nothing for it); `encodeWasmModule` length-prefixes
/// and orders them.
public enum SectionBuilder {
    public static func section(_ id: UInt8, of m: WasmModule) throws -> WasmWriter? {
        switch id {
        case 1: return try types(m)
        case 2: return try imports(m)
        case 3: return try functions(m)
        case 4: return try tables(m)
        case 5: return memories(m)
        case 6: return try globals(m)
        case 7: return try exports(m)
        case 8: return try start(m)
        case 9: return try elements(m)
        case 10: return try code(m)
        case 11: return try data(m)
        case 12: return dataCount(m)
        default: return nil
        }
    }

    public static func types(_ m: WasmModule) throws -> WasmWriter? {
        guard !m.types.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.types.count)
        for g in m.types { try w.recGroup(g) }
        return w
    }

    public static func imports(_ m: WasmModule) throws -> WasmWriter? {
        guard !m.imports.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.imports.count)
        for i in m.imports {
            w.name(i.module)
            w.name(i.name)
            w.byte(i.kind.rawValue)
            switch i.descriptor {
            case .function(let t): try w.index(t)
            case .table(let t): try w.tableType(t)
            case .memory(let mt): w.limits(mt.limits)
            case .global(let g): try w.globalType(g)
            }
        }
        return w
    }

    public static func functions(_ m: WasmModule) throws -> WasmWriter? {
        guard !m.functions.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.functions.count)
        for f in m.functions { try w.index(f.type) }
        return w
    }

    public static func tables(_ m: WasmModule) throws -> WasmWriter? {
        guard !m.tables.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.tables.count)
        for t in m.tables {
            if let e = t.initializer {
                w.raw([0x40, 0x00])
                try w.tableType(t.type)
                try w.expression(e)
            } else {
                try w.tableType(t.type)
            }
        }
        return w
    }

    public static func memories(_ m: WasmModule) -> WasmWriter? {
        guard !m.memories.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.memories.count)
        for mem in m.memories { w.limits(mem.limits) }
        return w
    }

    public static func globals(_ m: WasmModule) throws -> WasmWriter? {
        guard !m.globals.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.globals.count)
        for g in m.globals {
            try w.globalType(g.type)
            try w.expression(g.initializer)
        }
        return w
    }

    public static func exports(_ m: WasmModule) throws -> WasmWriter? {
        guard !m.exports.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.exports.count)
        for e in m.exports {
            w.name(e.name)
            w.byte(e.kind.rawValue)
            try w.index(e.index)
        }
        return w
    }

    public static func start(_ m: WasmModule) throws -> WasmWriter? {
        guard let s = m.start else { return nil }
        var w = WasmWriter()
        try w.index(s)
        return w
    }

    public static func elements(_ m: WasmModule) throws -> WasmWriter? {
        guard !m.elements.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.elements.count)
        for e in m.elements { try encodeElement(e, into: &w) }
        return w
    }

    public static func dataCount(_ m: WasmModule) -> WasmWriter? {
        guard let n = m.dataCount else { return nil }
        var w = WasmWriter()
        w.u32(n)
        return w
    }

    public static func code(_ m: WasmModule) throws -> WasmWriter? {
        guard !m.functions.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.functions.count)
        for f in m.functions {
            var body = WasmWriter()
            // Locals as runs of equal types.
            var runs: [(UInt32, ValType)] = []
            for l in f.locals {
                if let last = runs.last, last.1 == l { runs[runs.count - 1].0 += 1 } else { runs.append((1, l)) }
            }
            body.u32(runs.count)
            for (n, t) in runs {
                body.u32(n)
                try body.valType(t)
            }
            try body.expression(f.body)
            w.sized(body)
        }
        return w
    }

    public static func data(_ m: WasmModule) throws -> WasmWriter? {
        guard !m.data.isEmpty else { return nil }
        var w = WasmWriter()
        w.u32(m.data.count)
        for d in m.data {
            switch d.mode {
            case .passive: w.byte(1)
            case .active(let mem, let offset):
                if mem == .index(0) {
                    w.byte(0)
                } else {
                    w.byte(2)
                    try w.index(mem)
                }
                try w.expression(offset)
            case .declarative: throw WasmEncodeError("a data segment cannot be declarative")
            }
            w.u32(d.bytes.count)
            w.raw(d.bytes)
        }
        return w
    }

    /// The `name` custom section's contents, its name included.
    public static func names(_ n: NameSection) throws -> WasmWriter {
        var w = WasmWriter()
        w.name("name")
        try encodeNameSection(n, into: &w)
        return w
    }
}

func encodeElement(_ e: ElementSegment, into w: inout WasmWriter) throws {
    // Flags: bit 0 passive or declarative, bit 1 explicit table (active) or
    // declarative (otherwise), bit 2 expressions instead of function indices.
    var exprs = false
    if case .expressions = e.items { exprs = true }
    var flags: UInt8 = exprs ? 4 : 0
    var implicitKind = false
    switch e.mode {
    case .passive: flags |= 1
    case .declarative: flags |= 3
    case .active(let table, _):
        var funcrefItems = true
        if case .expressions(let t, _) = e.items { funcrefItems = t == .funcref }
        if e.compact && table == .index(0) && funcrefItems { implicitKind = true } else { flags |= 2 }
    }
    w.byte(flags)
    if case .active(let table, let offset) = e.mode {
        if flags & 2 != 0 { try w.index(table) }
        try w.expression(offset)
    }
    if !implicitKind {
        switch e.items {
        case .functions: w.byte(0x00) // element kind funcref
        case .expressions(let t, _): try w.refType(t)
        }
    }
    switch e.items {
    case .functions(let fs):
        w.u32(fs.count)
        for f in fs { try w.index(f) }
    case .expressions(_, let es):
        w.u32(es.count)
        for x in es { try w.expression(x) }
    }
}

func encodeNameSection(_ n: NameSection, into w: inout WasmWriter) throws {
    func sub(_ id: UInt8, _ build: (inout WasmWriter) -> Void) {
        var s = WasmWriter()
        build(&s)
        w.byte(id)
        w.sized(s)
    }
    func nameMap(_ m: NameMap, _ s: inout WasmWriter) {
        s.u32(m.count)
        for (i, name) in m {
            s.u32(i)
            s.name(name)
        }
    }
    func indirect(_ m: IndirectNameMap, _ s: inout WasmWriter) {
        s.u32(m.count)
        for (i, names) in m {
            s.u32(i)
            nameMap(names, &s)
        }
    }
    // Subsections in increasing id, as the extended name section requires; unknown
    // ones are put back in their place by id.
    var pending = n.unknown[...]
    func unknownBefore(_ id: UInt8) {
        while let u = pending.first, u.id < id {
            w.byte(u.id)
            w.u32(u.bytes.count)
            w.raw(u.bytes)
            pending = pending.dropFirst()
        }
    }
    unknownBefore(0)
    if let m = n.module { sub(0) { $0.name(m) } }
    let maps: [(UInt8, NameMap?, IndirectNameMap?)] = [
        (1, n.functions, nil), (2, nil, n.locals), (3, nil, n.labels), (4, n.types, nil), (5, n.tables, nil),
        (6, n.memories, nil), (7, n.globals, nil), (8, n.elements, nil), (9, n.data, nil), (10, nil, n.fields),
        (11, n.tags, nil),
    ]
    for (id, direct, ind) in maps {
        unknownBefore(id)
        if let d = direct, !d.isEmpty { sub(id) { nameMap(d, &$0) } }
        if let d = ind, !d.isEmpty { sub(id) { indirect(d, &$0) } }
    }
    unknownBefore(255)
    while let u = pending.first {
        w.byte(u.id)
        w.u32(u.bytes.count)
        w.raw(u.bytes)
        pending = pending.dropFirst()
    }
}
