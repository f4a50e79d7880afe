// The text-form reader (docs/IR.md): a byte-level scanner over [UInt8] that builds a
// Module directly, reporting the first problem as an `IRParseError` with line and
// column. Every tool re-reads IR files, so this is a hot path: no String slicing or
// regexes, names are decoded only when a definition is made.
//
// Values and blocks named in the text are mapped to fresh dense indices in
// definition order (for canonical input these equal the printed numbers). Uses may
// precede definitions (within a function for values and blocks, across the module
// for functions, types and globals); they are resolved when the function or module
// ends. Type nesting is capped so hostile input cannot exhaust the stack.

public struct IRParseError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public init(line: Int, column: Int, message: String) {
        self.line = line; self.column = column; self.message = message
    }
    public var description: String { "\(line):\(column): \(message)" }
}

/// Parses the text form of a module.
public func parseModule(_ text: String) throws -> Module {
    try parseModule(bytes: Array(text.utf8))
}

public func parseModule(bytes: [UInt8]) throws -> Module {
    var p = TextParser(bytes)
    return try p.module()
}

/// Deepest type nesting the readers accept.
public let maxTypeDepth = 64

struct TextParser {
    let b: [UInt8]
    var i = 0
    var line = 1
    var lineStart = 0

    init(_ bytes: [UInt8]) { b = bytes }

    // MARK: errors and positions

    struct Pos { var line: Int32; var col: Int32 }

    var pos: Pos { Pos(line: Int32(truncatingIfNeeded: line), col: Int32(truncatingIfNeeded: i - lineStart + 1)) }

    func fail(_ msg: String) -> IRParseError {
        IRParseError(line: line, column: i - lineStart + 1, message: msg)
    }
    func fail(_ msg: String, at p: Pos) -> IRParseError {
        IRParseError(line: Int(p.line), column: Int(p.col), message: msg)
    }

    /// What is at the cursor, for messages.
    func found() -> String {
        guard i < b.count else { return "end of input" }
        let c = b[i]
        if c == 10 { return "end of line" }
        if IRLex.isAlpha(c) || IRLex.isDigit(c) {
            var j = i
            while j < b.count, j - i < 32, IRLex.isNameChar(b[j]) { j += 1 }
            return "'" + String(decoding: b[i..<j], as: UTF8.self) + "'"
        }
        if c >= 32 && c < 127 { return "'" + String(UnicodeScalar(c)) + "'" }
        return "byte 0x" + String(IRLex.hexDigits[Int(c >> 4)]) + String(IRLex.hexDigits[Int(c & 15)])
    }

    // MARK: whitespace

    /// Skips spaces, tabs, carriage returns and a comment, staying on the line.
    @inline(__always) mutating func skipInline() {
        while i < b.count {
            let c = b[i]
            if c == 32 || c == 9 || c == 13 { i += 1 }
            else if c == 59 { while i < b.count, b[i] != 10 { i += 1 } }
            else { break }
        }
    }

    /// Skips white space, comments and blank lines.
    mutating func skipBlank() {
        while true {
            skipInline()
            guard i < b.count, b[i] == 10 else { return }
            i += 1; line += 1; lineStart = i
        }
    }

    mutating func expectEOL() throws {
        skipInline()
        if i >= b.count { return }
        guard b[i] == 10 else { throw fail("expected end of line, found \(found())") }
        i += 1; line += 1; lineStart = i
    }

    @inline(__always) mutating func peek() -> UInt8? {
        skipInline()
        return i < b.count ? b[i] : nil
    }

    mutating func eat(_ c: UInt8) -> Bool {
        skipInline()
        if i < b.count, b[i] == c { i += 1; return true }
        return false
    }

    mutating func expect(_ c: UInt8, _ what: String) throws {
        guard eat(c) else { throw fail("expected \(what), found \(found())") }
    }

    mutating func eatArrow() -> Bool {
        skipInline()
        if i + 1 < b.count, b[i] == 45, b[i + 1] == 62 { i += 2; return true }
        return false
    }

    /// A bare word: letters, digits, '_', '.', '$' (keywords and opcode names).
    mutating func word() -> ArraySlice<UInt8> {
        skipInline()
        let s = i
        while i < b.count, IRLex.isNameChar(b[i]) { i += 1 }
        return b[s..<i]
    }

    mutating func keyword(_ k: StaticString) -> Bool {
        skipInline()
        let n = k.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let match = k.withUTF8Buffer { kb -> Bool in
            for j in 0..<n where b[i + j] != kb[j] { return false }
            return true
        }
        guard match, i + n == b.count || !IRLex.isNameChar(b[i + n]) else { return false }
        i += n
        return true
    }

    // MARK: literals

    mutating func decimal(max: UInt64) throws -> UInt64 {
        skipInline()
        guard i < b.count, IRLex.isDigit(b[i]) else { throw fail("expected a number, found \(found())") }
        let start = pos
        var v: UInt64 = 0
        while i < b.count, IRLex.isDigit(b[i]) {
            let d = UInt64(b[i] - 48)
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2, s <= max else { throw fail("number too large", at: start) }
            v = s
            i += 1
        }
        return v
    }

    mutating func signedInt() throws -> Int64 {
        skipInline()
        let neg = i < b.count && b[i] == 45
        if neg { i += 1 }
        guard i < b.count, IRLex.isDigit(b[i]) else { throw fail("expected an integer, found \(found())") }
        let mag = try decimal(max: neg ? UInt64(Int64.max) + 1 : UInt64(Int64.max))
        return neg ? Int64(truncatingIfNeeded: 0 &- mag) : Int64(mag)
    }

    mutating func float() throws -> UInt64 {
        skipInline()
        let s = i
        while i < b.count {
            let c = b[i]
            if IRLex.isAlpha(c) || IRLex.isDigit(c) || c == 45 || c == 43 || c == 46 || c == 40 || c == 41 { i += 1 } else { break }
        }
        guard i > s else { throw fail("expected a float, found \(found())") }
        guard let bits = IRLex.parseFloat(b[s..<i]) else {
            let p = Pos(line: Int32(truncatingIfNeeded: line), col: Int32(truncatingIfNeeded: s - lineStart + 1))
            throw fail("malformed float '" + String(decoding: b[s..<i], as: UTF8.self) + "'", at: p)
        }
        return bits
    }

    /// A double-quoted string with the grammar's escapes; must be valid UTF-8.
    mutating func string() throws -> String {
        skipInline()
        guard i < b.count, b[i] == 34 else { throw fail("expected a string, found \(found())") }
        let start = pos
        i += 1
        var bytes: [UInt8] = []
        while true {
            guard i < b.count, b[i] != 10 else { throw fail("unterminated string", at: start) }
            let c = b[i]
            if c == 34 { i += 1; break }
            if c == 92 {
                guard i + 1 < b.count else { throw fail("unterminated string", at: start) }
                let e = b[i + 1]
                switch e {
                case 110: bytes.append(10); i += 2
                case 116: bytes.append(9); i += 2
                case 114: bytes.append(13); i += 2
                case 92: bytes.append(92); i += 2
                case 34: bytes.append(34); i += 2
                case 120:
                    guard i + 3 < b.count, let h = IRLex.hexValue(b[i + 2]), let l = IRLex.hexValue(b[i + 3]) else {
                        throw fail("bad \\x escape in string")
                    }
                    bytes.append(h << 4 | l); i += 4
                default: throw fail("unknown escape in string")
                }
                continue
            }
            bytes.append(c)
            i += 1
        }
        guard IRLex.isValidUTF8(bytes) else { throw fail("string is not valid UTF-8", at: start) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A name after '%' or '@', or a field/variant name: bare or quoted.
    mutating func name(dots: Bool, what: String) throws -> String {
        skipInline()
        guard i < b.count else { throw fail("expected \(what), found end of input") }
        if b[i] == 34 { return try string() }
        guard IRLex.isAlpha(b[i]) else { throw fail("expected \(what), found \(found())") }
        let s = i
        i += 1
        while i < b.count, dots ? IRLex.isNameChar(b[i]) : IRLex.isComponentChar(b[i]) { i += 1 }
        return String(decoding: b[s..<i], as: UTF8.self)
    }

    mutating func loc() throws -> SourceLoc {
        guard eat(33) else { return .unknown } // !
        let l = try decimal(max: UInt64(UInt32.max))
        try expect(58, "':' in location")
        let c = try decimal(max: UInt64(UInt32.max))
        return SourceLoc(line: UInt32(l), column: UInt32(c))
    }

    // MARK: types

    mutating func type(depth: Int = 0) throws -> IRType {
        guard depth < maxTypeDepth else { throw fail("type nested too deeply") }
        skipInline()
        if i < b.count, b[i] == 37 { // %
            i += 1
            return .named(try name(dots: false, what: "a type name"))
        }
        let start = pos
        let w = word()
        switch w.count {
        case 3 where w.elementsEqual("i64".utf8): return .i64
        case 3 where w.elementsEqual("f64".utf8): return .f64
        case 4 where w.elementsEqual("bool".utf8): return .bool
        case 3 where w.elementsEqual("str".utf8): return .str
        case 4 where w.elementsEqual("unit".utf8): return .unit
        case 3 where w.elementsEqual("any".utf8): return .any
        case 6 where w.elementsEqual("bigint".utf8): return .bigint
        case 6 where w.elementsEqual("bigrat".utf8): return .bigrat
        case 4 where w.elementsEqual("list".utf8):
            try expect(60, "'<'")
            let e = try type(depth: depth + 1)
            try expect(62, "'>'")
            return .list(e)
        case 3 where w.elementsEqual("map".utf8):
            try expect(60, "'<'")
            let k = try type(depth: depth + 1)
            try expect(44, "','")
            let v = try type(depth: depth + 1)
            try expect(62, "'>'")
            return .map(k, v)
        case 2 where w.elementsEqual("fn".utf8):
            try expect(40, "'('")
            var ps: [IRType] = []
            if !eat(41) {
                repeat {
                    ps.append(try type(depth: depth + 1))
                } while eat(44)
                try expect(41, "')'")
            }
            guard eatArrow() else { throw fail("expected '->', found \(found())") }
            return .fn(ps, try type(depth: depth + 1))
        default:
            i = w.startIndex
            throw fail("expected a type, found \(found())", at: start)
        }
    }

    mutating func fieldDecls(close: UInt8) throws -> [FieldDecl] {
        var fs: [FieldDecl] = []
        if eat(close) { return fs }
        repeat {
            let n = try name(dots: false, what: "a field name")
            try expect(58, "':'")
            fs.append(FieldDecl(name: n, type: try type()))
        } while eat(44)
        try expect(close, close == 41 ? "')'" : "'}'")
        return fs
    }

    // MARK: module

    /// A field or variant immediate awaiting the module's type declarations.
    struct PendingRef {
        var function: Int
        var inst: Int
        var typeName: String
        var parts: [String]
        var isField: Bool
        var at: Pos
    }

    mutating func module() throws -> Module {
        skipBlank()
        guard keyword("mochi-ir") else { throw fail("expected 'mochi-ir 1' header, found \(found())") }
        skipInline()
        let vAt = pos
        let v = try decimal(max: UInt64(UInt32.max))
        guard v == 1 else { throw fail("unsupported IR version \(v)", at: vAt) }
        try expectEOL()
        let m = Module()
        var pending: [PendingRef] = []
        var sawSource = false
        while true {
            skipBlank()
            if i >= b.count { break }
            if keyword("type") {
                try expect(37, "'%'")
                let n = try name(dots: false, what: "a type name")
                try expect(61, "'='")
                if keyword("struct") {
                    try expect(123, "'{'")
                    m.types.append(TypeDecl(name: n, kind: .structure(try fieldDecls(close: 125))))
                } else if keyword("union") {
                    try expect(123, "'{'")
                    var vs: [VariantDecl] = []
                    if !eat(125) {
                        repeat {
                            let vn = try name(dots: false, what: "a variant name")
                            try expect(40, "'('")
                            vs.append(VariantDecl(name: vn, fields: try fieldDecls(close: 41)))
                        } while eat(44)
                        try expect(125, "'}'")
                    }
                    m.types.append(TypeDecl(name: n, kind: .union(vs)))
                } else {
                    throw fail("expected 'struct' or 'union', found \(found())")
                }
                try expectEOL()
            } else if keyword("global") {
                try expect(64, "'@'")
                let n = try name(dots: true, what: "a global name")
                try expect(58, "':'")
                m.globals.append(Global(name: n, type: try type()))
                try expectEOL()
            } else if keyword("func") {
                m.functions.append(try function(index: m.functions.count, &pending))
            } else if keyword("source") {
                guard !sawSource else { throw fail("duplicate 'source' line") }
                sawSource = true
                m.sourceFile = try string()
                try expectEOL()
            } else {
                throw fail("expected 'type', 'global' or 'func', found \(found())")
            }
        }
        try resolve(pending, in: m)
        return m
    }

    /// Turns field and variant names into indices once every type is declared.
    func resolve(_ pending: [PendingRef], in m: Module) throws {
        guard !pending.isEmpty else { return }
        let index = SymbolIndex(m)
        for r in pending {
            guard let ti = index.types[r.typeName] else {
                throw fail("unknown type %\(r.typeName)", at: r.at)
            }
            let d = m.types[ti]
            let f = m.functions[r.function]
            if !r.isField {
                guard case .union(let vs) = d.kind, let vi = vs.firstIndex(where: { $0.name == r.parts[0] }) else {
                    throw fail("%\(r.typeName) has no variant \(r.parts[0])", at: r.at)
                }
                f.insts[r.inst].imm = .variant(VariantRef(typeName: r.typeName, variant: Int32(vi)))
                continue
            }
            switch d.kind {
            case .structure(let fs):
                guard r.parts.count == 1 else {
                    throw fail("%\(r.typeName) is a struct: expected %\(r.typeName).FIELD", at: r.at)
                }
                guard let fi = fs.firstIndex(where: { $0.name == r.parts[0] }) else {
                    throw fail("%\(r.typeName) has no field \(r.parts[0])", at: r.at)
                }
                f.insts[r.inst].imm = .field(FieldRef(typeName: r.typeName, variant: -1, field: Int32(fi)))
            case .union(let vs):
                guard r.parts.count == 2 else {
                    throw fail("%\(r.typeName) is a union: expected %\(r.typeName).VARIANT.FIELD", at: r.at)
                }
                guard let vi = vs.firstIndex(where: { $0.name == r.parts[0] }) else {
                    throw fail("%\(r.typeName) has no variant \(r.parts[0])", at: r.at)
                }
                guard let fi = vs[vi].fields.firstIndex(where: { $0.name == r.parts[1] }) else {
                    throw fail("%\(r.typeName).\(r.parts[0]) has no field \(r.parts[1])", at: r.at)
                }
                f.insts[r.inst].imm = .field(FieldRef(typeName: r.typeName, variant: Int32(vi), field: Int32(fi)))
            }
        }
    }

    // MARK: functions

    /// A value or block named in the text, before it is mapped to its dense index.
    struct Ref { var num: Int; var at: Pos }
    struct RawCall { var block: Ref; var args: [Ref] }
    enum RawTerm {
        case jump(RawCall)
        case brif(Ref, RawCall, RawCall)
        case ret(Ref?)
        case unreachable
    }

    /// Text numbers to dense indices: an array for small numbers, a dictionary for
    /// the rest (looked up, never iterated).
    struct NameMap {
        var small: [Int32] = []
        var large: [Int: Int32] = [:]
        static let smallLimit = 1 << 16

        func get(_ n: Int) -> Int32? {
            if n < NameMap.smallLimit {
                return n < small.count && small[n] >= 0 ? small[n] : nil
            }
            return large[n]
        }
        /// Records a definition; false when already defined.
        mutating func define(_ n: Int, _ v: Int32) -> Bool {
            if n < NameMap.smallLimit {
                if n >= small.count { small.append(contentsOf: repeatElement(-1, count: n + 1 - small.count)) }
                if small[n] >= 0 { return false }
                small[n] = v
                return true
            }
            if large[n] != nil { return false }
            large[n] = v
            return true
        }
    }

    /// `v12` / `b3` at the cursor: the number, or nil (cursor unmoved) when absent.
    mutating func localName(_ sigil: UInt8) throws -> Ref? {
        skipInline()
        guard i + 1 < b.count, b[i] == sigil, IRLex.isDigit(b[i + 1]) else { return nil }
        let save = i
        let p = pos
        i += 1
        var n = 0
        while i < b.count, IRLex.isDigit(b[i]) {
            n = n * 10 + Int(b[i] - 48)
            guard n <= Int(Int32.max) else { throw fail("number too large") }
            i += 1
        }
        if i < b.count, IRLex.isNameChar(b[i]) { i = save; return nil }
        return Ref(num: n, at: p)
    }

    mutating func valueRef() throws -> Ref {
        guard let r = try localName(118) else { throw fail("expected a value, found \(found())") }
        return r
    }

    mutating func blockCall() throws -> RawCall {
        guard let blk = try localName(98) else { throw fail("expected a block, found \(found())") }
        var args: [Ref] = []
        if eat(40) {
            if !eat(41) {
                repeat { args.append(try valueRef()) } while eat(44)
                try expect(41, "')'")
            }
        }
        return RawCall(block: blk, args: args)
    }

    mutating func function(index: Int, _ pending: inout [PendingRef]) throws -> Function {
        try expect(64, "'@'")
        let fname = try name(dots: true, what: "a function name")
        try expect(40, "'('")
        var ptypes: [IRType] = []
        if !eat(41) {
            repeat {
                _ = try valueRef()
                try expect(58, "':'")
                ptypes.append(try type())
            } while eat(44)
            try expect(41, "')'")
        }
        guard eatArrow() else { throw fail("expected '->', found \(found())") }
        let rtype = try type()
        let floc = try loc()
        try expect(123, "'{'")
        try expectEOL()
        let f = Function(name: fname, paramTypes: ptypes, returnType: rtype, loc: floc)

        var values = NameMap()
        var blockNames = NameMap()
        var instArgs: [[Ref]] = []
        var terms: [RawTerm] = []


        while true {
            skipBlank()
            if eat(125) { try expectEOL(); break }
            guard let label = try localName(98) else {
                throw fail(i >= b.count ? "unexpected end of input in function @\(fname)" : "expected a block label or '}', found \(found())")
            }
            let blk = Block(Int32(f.blocks.count))
            guard blockNames.define(label.num, blk.index) else { throw fail("block b\(label.num) defined twice", at: label.at) }
            f.blocks.append(BlockData())
            f.layout.append(blk)
            var params: [Value] = []
            if eat(40) {
                if !eat(41) {
                    repeat {
                        let r = try valueRef()
                        try expect(58, "':'")
                        let t = try type()
                        params.append(try defineValue(f, r, t, .param(blk, params.count), &values))
                    } while eat(44)
                    try expect(41, "')'")
                }
            }
            try expect(58, "':' after block label")
            try expectEOL()
            f.blocks[Int(blk.index)].params = params

            // Instructions, then the terminator.
            while true {
                skipBlank()
                guard i < b.count else { throw fail("unexpected end of input in block b\(label.num)") }
                let lineAt = pos
                if keyword("jump") {
                    terms.append(.jump(try blockCall()))
                } else if keyword("brif") {
                    let c = try valueRef()
                    try expect(44, "','")
                    let t = try blockCall()
                    try expect(44, "','")
                    terms.append(.brif(c, t, try blockCall()))
                } else if keyword("ret") {
                    terms.append(.ret(try localName(118)))
                } else if keyword("unreachable") {
                    terms.append(.unreachable)
                } else {
                    let isLabel = try localName(98) != nil
                    if b[i] == 125 || isLabel {
                        throw fail("block b\(label.num) has no terminator", at: lineAt)
                    }
                    try instruction(f, blk, &values, &instArgs, &pending, index)
                    continue
                }
                f.blocks[Int(blk.index)].terminatorLoc = try loc()
                try expectEOL()
                break
            }
        }

        // Resolve every use now that all definitions are known.
        func value(_ r: Ref) throws -> Value {
            guard let v = values.get(r.num) else { throw fail("undefined value v\(r.num)", at: r.at) }
            return Value(v)
        }
        func call(_ c: RawCall) throws -> BlockCall {
            guard let blk = blockNames.get(c.block.num) else { throw fail("undefined block b\(c.block.num)", at: c.block.at) }
            return BlockCall(Block(blk), try c.args.map(value))
        }
        for k in 0..<instArgs.count {
            f.insts[k].args = try instArgs[k].map(value)
        }
        for (k, t) in terms.enumerated() {
            let term: Terminator
            switch t {
            case .jump(let c): term = .jump(try call(c))
            case .brif(let c, let x, let y): term = .brif(try value(c), try call(x), try call(y))
            case .ret(let r): term = .ret(try r.map(value))
            case .unreachable: term = .unreachable
            }
            f.blocks[k].terminator = term
        }
        return f
    }

    func defineValue(_ f: Function, _ r: Ref, _ t: IRType, _ def: ValueDef, _ values: inout NameMap) throws -> Value {
        let v = Value(Int32(f.valueTypes.count))
        guard values.define(r.num, v.index) else { throw fail("value v\(r.num) defined twice", at: r.at) }
        f.valueTypes.append(t)
        f.valueDefs.append(def)
        return v
    }

    mutating func instruction(_ f: Function, _ blk: Block, _ values: inout NameMap, _ instArgs: inout [[Ref]],
                              _ pending: inout [PendingRef], _ fIndex: Int) throws {
        let id = InstID(Int32(f.insts.count))
        var result: Value? = nil
        if let r = try localName(118) {
            try expect(58, "':'")
            let t = try type()
            try expect(61, "'='")
            result = try defineValue(f, r, t, .inst(id), &values)
        }
        skipInline()
        let opAt = pos
        let w = word()
        guard !w.isEmpty else { throw fail("expected an instruction, found \(found())") }
        guard let op = Opcode.byName[String(decoding: w, as: UTF8.self)] else {
            throw fail("unknown opcode '\(String(decoding: w, as: UTF8.self))'", at: opAt)
        }
        // The bounds-proved mark (`list.get inbounds v1, v2`); which ops may carry it
        // is the verifier's rule, not the syntax's.
        let inBounds = keyword("inbounds")
        var imm = Immediate.none
        switch op.info.immediate {
        case .none: break
        case .int: imm = .int(try signedInt())
        case .float: imm = .float(try float())
        case .string: imm = .string(try string())
        case .cond:
            skipInline()
            let cAt = pos
            let cw = word()
            guard let c = CondCode(rawValue: String(decoding: cw, as: UTF8.self)) else {
                i = cw.startIndex
                throw fail("expected a condition (eq ne lt le gt ge), found \(found())", at: cAt)
            }
            imm = .cond(c)
        case .field, .variant:
            skipInline()
            let at = pos
            try expect(37, "'%'")
            let tn = try name(dots: false, what: "a type name")
            var parts: [String] = []
            while i < b.count, b[i] == 46, parts.count < 3 {
                i += 1
                parts.append(try name(dots: false, what: op.info.immediate == .field ? "a field name" : "a variant name"))
            }
            let want = op.info.immediate == .field ? 1...2 : 1...1
            guard want.contains(parts.count) else {
                throw fail(op.info.immediate == .field ? "expected %TYPE.FIELD or %TYPE.VARIANT.FIELD" : "expected %TYPE.VARIANT", at: at)
            }
            pending.append(PendingRef(function: fIndex, inst: Int(id.index), typeName: tn, parts: parts,
                                      isField: op.info.immediate == .field, at: at))
            // A placeholder until the module's types are known.
            imm = op.info.immediate == .field ? .field(FieldRef(typeName: tn, variant: -1, field: -1))
                                               : .variant(VariantRef(typeName: tn, variant: -1))
        case .function:
            try expect(64, "'@'")
            imm = .function(try name(dots: true, what: "a function name"))
        case .global:
            try expect(64, "'@'")
            imm = .global(try name(dots: true, what: "a global name"))
        }
        var args: [Ref] = []
        let hasImm = op.info.immediate != .none
        // After an immediate the operands follow a comma (canonical for all but a
        // condition, which reads like a prefix: `icmp lt v0, v1`); either is accepted.
        if hasImm && eat(44) {
            repeat { args.append(try valueRef()) } while eat(44)
        } else if let first = try localName(118) {
            args.append(first)
            while eat(44) { args.append(try valueRef()) }
        }
        let l = try loc()
        try expectEOL()
        f.insts.append(Inst(op: op, result: result, args: [], imm: imm, loc: l, inBounds: inBounds))
        instArgs.append(args)
        f.blocks[Int(blk.index)].insts.append(id)
    }
}
