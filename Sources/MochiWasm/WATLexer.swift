// The WAT text's tokens as S-expressions: lists, atoms (keywords, `$ids`, numbers)
// and strings, each with its line and column, comments (`;; ...`, nested `(; ;)`)
// dropped. Building the tree with an explicit stack bounds the nesting depth, so a
// hostile text cannot overflow the stack; the parser (WATParser.swift) reads the
// tree. Also here: WAT number literals (integers with `_` and hex, floats with
// hex floats, `inf`, `nan`, `nan:0x...`) and string escapes, per the text format.

public struct WATError: Error, CustomStringConvertible, Equatable {
    public var origin: String
    public var line: Int
    public var column: Int
    public var message: String
    public init(_ origin: String, _ line: Int, _ column: Int, _ message: String) {
        self.origin = origin; self.line = line; self.column = column; self.message = message
    }
    public var description: String { "\(origin):\(line):\(column): error: \(message)" }
}

struct SourcePos: Equatable {
    var line: Int
    var column: Int
}

enum SExpr {
    case list([SExpr], SourcePos)
    case atom(String, SourcePos)
    case string([UInt8], SourcePos)

    var pos: SourcePos {
        switch self {
        case .list(_, let p), .atom(_, let p), .string(_, let p): return p
        }
    }
    var atom: String? { if case .atom(let a, _) = self { return a }; return nil }
    /// The head keyword of a list.
    var head: String? {
        if case .list(let items, _) = self, let first = items.first, case .atom(let a, _) = first { return a }
        return nil
    }
    var items: [SExpr]? { if case .list(let i, _) = self { return i }; return nil }
}

/// Characters allowed in keywords, ids and numbers (the spec's idchar).
func isIdChar(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
        return true
    default:
        return Array("!#$%&'*+-./:<=>?@\\^_`|~".utf8).contains(c)
    }
}

let maxNesting = 1000

/// The top-level S-expressions of a text.
func readSExprs(_ text: String, origin: String) throws -> [SExpr] {
    let b = Array(text.utf8)
    var i = 0, line = 1, lineStart = 0
    func pos(_ at: Int) -> SourcePos { SourcePos(line: line, column: at - lineStart + 1) }
    func fail(_ at: Int, _ msg: String) -> WATError {
        let p = pos(at)
        return WATError(origin, p.line, p.column, msg)
    }
    var stack: [([SExpr], SourcePos)] = [([], SourcePos(line: 0, column: 0))]
    while i < b.count {
        let c = b[i]
        switch c {
        case 10:
            i += 1; line += 1; lineStart = i
        case 32, 9, 13:
            i += 1
        case UInt8(ascii: ";") where i + 1 < b.count && b[i + 1] == UInt8(ascii: ";"):
            while i < b.count && b[i] != 10 { i += 1 }
        case UInt8(ascii: "(") where i + 1 < b.count && b[i + 1] == UInt8(ascii: ";"):
            // Block comment, nested.
            let start = i
            var depth = 0
            repeat {
                if i + 1 < b.count && b[i] == UInt8(ascii: "(") && b[i + 1] == UInt8(ascii: ";") { depth += 1; i += 2 }
                else if i + 1 < b.count && b[i] == UInt8(ascii: ";") && b[i + 1] == UInt8(ascii: ")") { depth -= 1; i += 2 }
                else if i < b.count {
                    if b[i] == 10 { line += 1; lineStart = i + 1 }
                    i += 1
                } else {
                    throw fail(start, "unterminated block comment")
                }
            } while depth > 0
        case UInt8(ascii: "("):
            if stack.count > maxNesting { throw fail(i, "nesting deeper than \(maxNesting) levels") }
            stack.append(([], pos(i)))
            i += 1
        case UInt8(ascii: ")"):
            guard stack.count > 1 else { throw fail(i, "unexpected ')'") }
            let (items, p) = stack.removeLast()
            stack[stack.count - 1].0.append(.list(items, p))
            i += 1
        case UInt8(ascii: "\""):
            let p = pos(i)
            i += 1
            var out: [UInt8] = []
            while true {
                guard i < b.count else { throw WATError(origin, p.line, p.column, "unterminated string") }
                let ch = b[i]
                if ch == UInt8(ascii: "\"") { i += 1; break }
                if ch == 10 { throw fail(i, "newline in string (write \\n)") }
                if ch < 0x20 || ch == 0x7F { throw fail(i, "control character in string") }
                if ch != UInt8(ascii: "\\") { out.append(ch); i += 1; continue }
                guard i + 1 < b.count else { throw fail(i, "unterminated string") }
                let e = b[i + 1]
                switch e {
                case UInt8(ascii: "t"): out.append(9); i += 2
                case UInt8(ascii: "n"): out.append(10); i += 2
                case UInt8(ascii: "r"): out.append(13); i += 2
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): out.append(e); i += 2
                case UInt8(ascii: "u"):
                    // \u{hex}: a Unicode scalar, written as UTF-8.
                    guard i + 2 < b.count, b[i + 2] == UInt8(ascii: "{") else { throw fail(i, "malformed \\u escape (expected \\u{...})") }
                    var j = i + 3, v: UInt32 = 0, digits = 0
                    while j < b.count, let d = hexValue(b[j]) {
                        v = v &* 16 &+ UInt32(d); digits += 1; j += 1
                        if digits > 6 { throw fail(i, "\\u escape out of range") }
                    }
                    guard digits > 0, j < b.count, b[j] == UInt8(ascii: "}"), let scalar = Unicode.Scalar(v) else {
                        throw fail(i, "malformed \\u escape")
                    }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i = j + 1
                default:
                    guard i + 2 < b.count, let h = hexValue(e), let l = hexValue(b[i + 2]) else {
                        throw fail(i, "unknown escape '\\\(String(decoding: [e], as: UTF8.self))'")
                    }
                    out.append(h << 4 | l)
                    i += 3
                }
            }
            stack[stack.count - 1].0.append(.string(out, p))
        default:
            guard isIdChar(c) else { throw fail(i, "unexpected character '\(String(decoding: [c], as: UTF8.self))'") }
            let start = i
            while i < b.count && isIdChar(b[i]) { i += 1 }
            stack[stack.count - 1].0.append(.atom(String(decoding: b[start..<i], as: UTF8.self), pos(start)))
        }
    }
    guard stack.count == 1 else {
        let p = stack[stack.count - 1].1
        throw WATError(origin, p.line, p.column, "'(' is never closed")
    }
    return stack[0].0
}

func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}

// MARK: - Number literals

/// Digits with `_` only between digits; nil when malformed.
func stripUnderscores(_ s: Substring, hex: Bool) -> String? {
    var out = ""
    var prevDigit = false
    for c in s {
        if c == "_" {
            if !prevDigit { return nil }
            prevDigit = false
            continue
        }
        let isDigit = hex ? c.isHexDigit : c.isASCII && c.isNumber
        guard isDigit else { return nil }
        out.append(c)
        prevDigit = true
    }
    return prevDigit ? out : nil
}

/// An integer literal: its magnitude and sign; nil when not one.
func parseIntLiteral(_ text: String) -> (negative: Bool, magnitude: UInt64)? {
    var s = Substring(text)
    var negative = false
    if s.first == "+" || s.first == "-" { negative = s.first == "-"; s = s.dropFirst() }
    if s.hasPrefix("0x") {
        guard let digits = stripUnderscores(s.dropFirst(2), hex: true), let v = UInt64(digits, radix: 16) else { return nil }
        return (negative, v)
    }
    guard let digits = stripUnderscores(s, hex: false), let v = UInt64(digits) else { return nil }
    return (negative, v)
}

/// A `u32` index or count.
func parseU32(_ text: String) -> UInt32? {
    guard let first = text.first, first != "+" && first != "-", let (_, v) = parseIntLiteral(text), v <= UInt64(UInt32.max) else { return nil }
    return UInt32(v)
}

/// An integer literal of `bits` bits (signed or unsigned ranges both allowed), as the
/// two's complement bit pattern.
func parseIntBits(_ text: String, bits: Int) -> UInt64? {
    guard let (neg, mag) = parseIntLiteral(text) else { return nil }
    let unsignedMax: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
    if neg {
        guard mag <= (1 << UInt64(bits - 1)) else { return nil }
        return (0 &- mag) & unsignedMax
    }
    guard mag <= unsignedMax else { return nil }
    return mag
}

/// A float literal's bit pattern for f32 (`bits == 32`) or f64.
func parseFloatBits(_ text: String, bits: Int) -> UInt64? {
    var s = Substring(text)
    var negative = false
    if s.first == "+" || s.first == "-" { negative = s.first == "-"; s = s.dropFirst() }
    let sign: UInt64 = negative ? (bits == 32 ? 0x8000_0000 : 0x8000_0000_0000_0000) : 0
    let expMask: UInt64 = bits == 32 ? 0x7F80_0000 : 0x7FF0_0000_0000_0000
    let payloadMask: UInt64 = bits == 32 ? 0x007F_FFFF : 0x000F_FFFF_FFFF_FFFF
    if s == "inf" { return sign | expMask }
    if s == "nan" { return sign | expMask | (bits == 32 ? 0x0040_0000 : 0x0008_0000_0000_0000) }
    if s.hasPrefix("nan:0x") {
        guard let digits = stripUnderscores(s.dropFirst(6), hex: true), let p = UInt64(digits, radix: 16), p != 0, p <= payloadMask else { return nil }
        return sign | expMask | p
    }
    // Decimal or hex float: check the shape, drop underscores, let the C library round.
    let hex = s.hasPrefix("0x")
    let body = hex ? s.dropFirst(2) : s
    let expChar: Set<Character> = hex ? ["p", "P"] : ["e", "E"]
    var mantissa = body, exponent: Substring? = nil
    if let e = body.firstIndex(where: { expChar.contains($0) }) {
        mantissa = body[..<e]
        exponent = body[body.index(after: e)...]
    }
    var intPart = mantissa, fracPart: Substring? = nil
    if let dot = mantissa.firstIndex(of: ".") {
        intPart = mantissa[..<dot]
        fracPart = mantissa[mantissa.index(after: dot)...]
    }
    guard let ip = stripUnderscores(intPart, hex: hex) else { return nil }
    var clean = (hex ? "0x" : "") + ip
    if let f = fracPart {
        clean += "."
        if !f.isEmpty { guard let fp = stripUnderscores(f, hex: hex) else { return nil }; clean += fp }
    }
    if var e = exponent {
        var esign = ""
        if e.first == "+" || e.first == "-" { esign = String(e.first!); e = e.dropFirst() }
        guard let ep = stripUnderscores(e, hex: false) else { return nil }
        clean += (hex ? "p" : "e") + esign + ep
    } else if hex {
        clean += "p0" // strtod wants the exponent of a hex float
    }
    if bits == 32 {
        guard let v = Float(clean), v.isFinite else { return nil }
        return sign | UInt64(v.bitPattern)
    }
    guard let v = Double(clean), v.isFinite else { return nil }
    return sign | v.bitPattern
}
