// Lexical pieces shared by the IR printer, the text parser and the dump tool: how
// names, strings, integers and floats are spelled in the text form (docs/IR.md).
// Keeping both directions in one file is what makes print -> parse -> print exact:
// every spelling written here has its reader right beside it.

/// Byte classes of the text form.
enum IRLex {
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 // a-z A-Z _
    }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    /// Characters after the first of a type, field or variant name (no '.', which
    /// separates the parts of a field or variant immediate).
    @inline(__always) static func isComponentChar(_ c: UInt8) -> Bool {
        isAlpha(c) || isDigit(c) || c == 36 // $
    }
    /// Characters after the first of a function or global name.
    @inline(__always) static func isNameChar(_ c: UInt8) -> Bool { isComponentChar(c) || c == 46 }

    /// True when `s` may be written bare after `@` (functions, globals).
    static func isPlainName(_ s: String) -> Bool { isPlain(s, dots: true) }
    /// True when `s` may be written bare as a type, field or variant name.
    static func isPlainComponent(_ s: String) -> Bool { isPlain(s, dots: false) }

    private static func isPlain(_ s: String, dots: Bool) -> Bool {
        var first = true
        for c in s.utf8 {
            if first {
                guard isAlpha(c) else { return false }
                first = false
            } else if !(dots ? isNameChar(c) : isComponentChar(c)) {
                return false
            }
        }
        return !first
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` double-quoted with the escapes of the grammar.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(34)
        for c in s.utf8 {
            switch c {
            case 10: out.append(92); out.append(110)
            case 9: out.append(92); out.append(116)
            case 13: out.append(92); out.append(114)
            case 92: out.append(92); out.append(92)
            case 34: out.append(92); out.append(34)
            case 0..<32, 127...255:
                out.append(92); out.append(120)
                out.append(hexDigits[Int(c >> 4)]); out.append(hexDigits[Int(c & 15)])
            default: out.append(c)
            }
        }
        out.append(34)
    }

    static func appendName(_ s: String, dots: Bool, to out: inout [UInt8]) {
        if dots ? isPlainName(s) : isPlainComponent(s) { out.append(contentsOf: s.utf8) } else { appendQuoted(s, to: &out) }
    }

    static func appendInt(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 {
            out.append(45)
            appendUInt(v.magnitude, to: &out)
        } else {
            appendUInt(UInt64(v), to: &out)
        }
    }

    static func appendUInt(_ v: UInt64, to out: inout [UInt8]) {
        if v < 10 { out.append(48 + UInt8(v)); return }
        // Digits are written most significant first by dividing by the largest power
        // of ten not above `v`: no scratch buffer (the printer formats every value and
        // block number through here, and an array per number cost an allocation).
        var power: UInt64 = 10
        while power <= v / 10 { power *= 10 }
        var x = v
        while power > 0 {
            out.append(48 + UInt8(x / power))
            x %= power
            power /= 10
        }
    }

    /// The bit pattern of the NaN the printer spells plain `nan`.
    static let canonicalNaN: UInt64 = 0x7ff8_0000_0000_0000

    /// The text spelling of a float constant: the shortest decimal that reads back to
    /// the same bits (always containing '.' or 'e'), or inf, -inf, nan; a NaN with
    /// another bit pattern is `nan(0x...)` so its payload and sign survive.
    public static func formatFloat(bits: UInt64) -> String {
        let d = Double(bitPattern: bits)
        if d.isNaN {
            if bits == canonicalNaN { return "nan" }
            var out: [UInt8] = Array("nan(0x".utf8)
            for shift in stride(from: 60, through: 0, by: -4) { out.append(hexDigits[Int((bits >> UInt64(shift)) & 15)]) }
            out.append(41)
            return String(decoding: out, as: UTF8.self)
        }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        let s = d.description
        for c in s.utf8 where c == 46 || c == 101 { return s }
        return s + ".0"
    }

    /// Reads a float spelled as `formatFloat` writes it (and also plain decimals such
    /// as `2` or `1e5`); nil when the bytes are not one.
    public static func parseFloat(_ b: ArraySlice<UInt8>) -> UInt64? {
        let t = Array(b)
        if t == Array("inf".utf8) { return Double.infinity.bitPattern }
        if t == Array("-inf".utf8) { return (-Double.infinity).bitPattern }
        if t == Array("nan".utf8) { return canonicalNaN }
        if t.count == 23, t.starts(with: Array("nan(0x".utf8)), t[22] == 41 {
            var bits: UInt64 = 0
            for c in t[6..<22] {
                guard let h = hexValue(c) else { return nil }
                bits = bits << 4 | UInt64(h)
            }
            return Double(bitPattern: bits).isNaN ? bits : nil
        }
        // [-] digits [. digits] [e [+-] digits]
        var i = 0
        if i < t.count, t[i] == 45 { i += 1 }
        let intStart = i
        while i < t.count, isDigit(t[i]) { i += 1 }
        guard i > intStart else { return nil }
        if i < t.count, t[i] == 46 {
            i += 1
            let f = i
            while i < t.count, isDigit(t[i]) { i += 1 }
            guard i > f else { return nil }
        }
        if i < t.count, t[i] == 101 || t[i] == 69 {
            i += 1
            if i < t.count, t[i] == 43 || t[i] == 45 { i += 1 }
            let e = i
            while i < t.count, isDigit(t[i]) { i += 1 }
            guard i > e else { return nil }
        }
        guard i == t.count, t.count <= 1100 else { return nil }
        guard let d = Double(String(decoding: t, as: UTF8.self)) else { return nil }
        return d.bitPattern
    }

    @inline(__always) static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }

    /// True when the bytes are well-formed UTF-8 (the only strings the IR holds).
    static func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var it = bytes.makeIterator()
        while let c = it.next() {
            if c < 0x80 { continue }
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32 = 0
            if c & 0xE0 == 0xC0 { need = 1; min = 0x80; cp = UInt32(c & 0x1F) }
            else if c & 0xF0 == 0xE0 { need = 2; min = 0x800; cp = UInt32(c & 0x0F) }
            else if c & 0xF8 == 0xF0 { need = 3; min = 0x10000; cp = UInt32(c & 0x07) }
            else { return false }
            for _ in 0..<need {
                guard let d = it.next(), d & 0xC0 == 0x80 else { return false }
                cp = cp << 6 | UInt32(d & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return false }
        }
        return true
    }
}
