// The Mochi lexer: source bytes -> a contiguous array of `Token`s (LANGUAGE.md §1).
//
// It scans an `UnsafeBufferPointer<UInt8>` in one pass, never builds Characters or
// substrings, and interns identifiers through a byte-keyed hash table so that each
// distinct spelling becomes a `String` exactly once. Keywords live in the same table
// (with a negative value), so keyword recognition costs the same hash probe as any
// identifier. Errors are reported to the `DiagnosticEngine` and lexing continues; a
// malformed literal still yields a literal token (flagged in `payload`) so the parser
// does not report a second, confusing error for the same bytes.

/// Payload bit set on integer, float and string tokens whose text was malformed and
/// already diagnosed by the lexer; the parser then uses a neutral value silently.
let malformedLiteralFlag: Int32 = 1

public struct LexedFile {
    public var tokens: [Token]
    public var names: NameTable
}

public enum Lexer {
    /// Splits `file` into tokens, ending with exactly one `.endOfFile` token.
    public static func tokenize(_ file: SourceFile, diagnostics: inout DiagnosticEngine) -> LexedFile {
        file.bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(buffer: buffer, fileID: file.id)
            scanner.run(diagnostics: &diagnostics)
            let (names, ids) = NameTable.fromLexer(scanner.interner.texts)
            if let ids {
                for k in scanner.tokens.indices where scanner.tokens[k].kind == .identifier {
                    scanner.tokens[k].payload = ids[Int(scanner.tokens[k].payload)]
                }
            }
            return LexedFile(tokens: scanner.tokens, names: names)
        }
    }
}

// MARK: - Identifier interning

/// Open-addressing hash table from identifier bytes to a name id (>= 0) or a keyword
/// (value < 0, `-1 - TokenKind.rawValue`). Keys are copied into `arena` on insertion.
struct IdentifierInterner {
    private var arena: [UInt8] = []
    private var slots: [Int32]
    private var entryHash: [UInt32] = []
    private var entryStart: [Int32] = []
    private var entryLength: [Int32] = []
    private var entryValue: [Int32] = []
    /// The spelling of each name id, in id order.
    private(set) var texts: [String] = []

    init() {
        slots = Array(repeatElement(-1 as Int32, count: 256))
        for (kind, spelling) in TokenKind.spellings where kind.isKeyword {
            let bytes = Array(spelling.utf8)
            bytes.withUnsafeBufferPointer { keyword in
                _ = insert(keyword.baseAddress!, keyword.count, hash: Self.hash(keyword.baseAddress!, keyword.count),
                           value: -1 - Int32(kind.rawValue))
            }
        }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt32 {
        var h: UInt32 = 2_166_136_261 // FNV-1a: short keys, fast and good enough
        for index in 0..<count {
            h = (h ^ UInt32(bytes[index])) &* 16_777_619
        }
        return h
    }

    /// Returns the value for the identifier, interning it as a new name on first use.
    mutating func value(for bytes: UnsafePointer<UInt8>, count: Int) -> Int32 {
        let h = Self.hash(bytes, count)
        let mask = slots.count - 1
        var slot = Int(h) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            let e = Int(entry)
            if entryHash[e] == h, Int(entryLength[e]) == count, equalsArena(Int(entryStart[e]), bytes, count) {
                return entryValue[e]
            }
            slot = (slot + 1) & mask
        }
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        texts.append(text)
        return insert(bytes, count, hash: h, value: Int32(texts.count - 1))
    }

    private func equalsArena(_ start: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        arena.withUnsafeBufferPointer { stored in
            for index in 0..<count where stored[start + index] != bytes[index] { return false }
            return true
        }
    }

    private mutating func insert(_ bytes: UnsafePointer<UInt8>, _ count: Int, hash h: UInt32, value: Int32) -> Int32 {
        if (entryHash.count + 1) * 2 > slots.count { grow() }
        let index = Int32(entryHash.count)
        entryHash.append(h)
        entryStart.append(Int32(arena.count))
        entryLength.append(Int32(count))
        entryValue.append(value)
        arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        place(index)
        return value
    }

    private mutating func place(_ index: Int32) {
        let mask = slots.count - 1
        var slot = Int(entryHash[Int(index)]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = index
    }

    private mutating func grow() {
        slots = Array(repeatElement(-1 as Int32, count: slots.count * 2))
        for index in 0..<entryHash.count { place(Int32(index)) }
    }
}

// MARK: - Byte classes

@inline(__always) private func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
@inline(__always) private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
@inline(__always) private func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }

/// Length of the well-formed UTF-8 sequence at `index` (2...4), or 0 if it is malformed.
/// Only called for bytes >= 0x80.
@inline(__always)
func utf8SequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
    let lead = buffer[index]
    let length: Int
    var lowest: UInt8 = 0x80
    var highest: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; lowest = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; highest = 0x9F
    case 0xF0: length = 4; lowest = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; highest = 0x8F
    default: return 0
    }
    guard index + length <= buffer.count else { return 0 }
    let second = buffer[index + 1]
    guard second >= lowest, second <= highest else { return 0 }
    for offset in 2..<length where buffer[index + offset] & 0xC0 != 0x80 { return 0 }
    return length
}

// MARK: - Scanner

private struct Scanner {
    let buffer: UnsafeBufferPointer<UInt8>
    let fileID: Int32
    var position = 0
    var line: Int32 = 1
    var lineStart = 0
    var tokens: [Token] = []
    var interner = IdentifierInterner()

    init(buffer: UnsafeBufferPointer<UInt8>, fileID: Int32) {
        self.buffer = buffer
        self.fileID = fileID
        tokens.reserveCapacity(buffer.count / 2 + 16)
    }

    @inline(__always) func peek(_ ahead: Int = 0) -> UInt8 {
        let index = position + ahead
        return index < buffer.count ? buffer[index] : 0
    }

    func location(_ offset: Int, line: Int32, lineStart: Int) -> SourceLocation {
        SourceLocation(file: fileID, line: line, column: Int32(offset - lineStart + 1), offset: Int32(offset))
    }

    var here: SourceLocation { location(position, line: line, lineStart: lineStart) }

    mutating func run(diagnostics: inout DiagnosticEngine) {
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            position = 3
        }
        let count = buffer.count
        while true {
            skipTrivia(diagnostics: &diagnostics)
            if position >= count { break }
            let start = position
            let startLine = line
            let column = Int32(start - lineStart + 1)
            let byte = buffer[position]
            var kind: TokenKind
            var payload: Int32 = 0
            if isLetter(byte) || byte == 0x5F || byte >= 0x80 {
                if byte >= 0x80, utf8SequenceLength(buffer, position) == 0 {
                    // Collapse a run of bad bytes into one token and one error.
                    diagnostics.error("invalid UTF-8 byte 0x\(hex(byte)) in source", at: here)
                    position += 1
                    while position < count, buffer[position] >= 0x80,
                          utf8SequenceLength(buffer, position) == 0 { position += 1 }
                    kind = .invalid
                } else {
                    scanIdentifierTail()
                    let value = interner.value(for: buffer.baseAddress! + start, count: position - start)
                    if value < 0 {
                        kind = TokenKind(rawValue: UInt8(-1 - value))!
                    } else {
                        kind = .identifier
                        payload = value
                    }
                }
            } else if isDigit(byte) {
                (kind, payload) = scanNumber(diagnostics: &diagnostics)
            } else if byte == 0x22 {
                (kind, payload) = scanString(diagnostics: &diagnostics)
            } else {
                kind = scanPunctuation(diagnostics: &diagnostics)
            }
            tokens.append(Token(kind: kind, start: Int32(start), end: Int32(position),
                                line: startLine, column: column, payload: payload))
        }
        tokens.append(Token(kind: .endOfFile, start: Int32(count), end: Int32(count),
                            line: line, column: Int32(count - lineStart + 1)))
    }

    mutating func newline(at index: Int) {
        line += 1
        lineStart = index + 1
    }

    mutating func skipTrivia(diagnostics: inout DiagnosticEngine) {
        let count = buffer.count
        while position < count {
            let byte = buffer[position]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x3B: // space, tab, CR, ';' (semicolons are whitespace)
                position += 1
            case 0x0A:
                newline(at: position)
                position += 1
            case 0x23: // '#' comment
                skipLineComment()
            case 0x2F where peek(1) == 0x2F:
                skipLineComment()
            case 0x2F where peek(1) == 0x2A:
                let start = here
                position += 2
                var closed = false
                while position < count {
                    let b = buffer[position]
                    if b == 0x2A, position + 1 < count, buffer[position + 1] == 0x2F {
                        position += 2
                        closed = true
                        break
                    }
                    if b == 0x0A { newline(at: position) }
                    position += 1
                }
                if !closed {
                    diagnostics.error("unterminated block comment", at: start, code: "P042")
                }
            default:
                return
            }
        }
    }

    mutating func skipLineComment() {
        while position < buffer.count, buffer[position] != 0x0A { position += 1 }
    }

    mutating func scanIdentifierTail() {
        let count = buffer.count
        while position < count {
            let b = buffer[position]
            if isLetter(b) || isDigit(b) || b == 0x5F {
                position += 1
            } else if b >= 0x80 {
                let length = utf8SequenceLength(buffer, position)
                if length == 0 { return }
                position += length
            } else {
                return
            }
        }
    }

    /// True if the byte at `position` would continue an identifier (a glued suffix).
    func atIdentifierByte() -> Bool {
        guard position < buffer.count else { return false }
        let b = buffer[position]
        return isLetter(b) || isDigit(b) || b == 0x5F || (b >= 0x80 && utf8SequenceLength(buffer, position) > 0)
    }

    mutating func scanNumber(diagnostics: inout DiagnosticEngine) -> (TokenKind, Int32) {
        let start = position
        let startLocation = here
        if buffer[position] == 0x30, position + 1 < buffer.count {
            let radix: UInt64
            switch buffer[position + 1] | 0x20 {
            case 0x78: radix = 16 // x
            case 0x62: radix = 2  // b
            case 0x6F: radix = 8  // o
            default: radix = 0
            }
            if radix != 0 {
                position += 2
                let digitsStart = position
                var value: UInt64 = 0
                var overflow = false
                while position < buffer.count {
                    let b = buffer[position]
                    let digit: UInt64
                    if isDigit(b) { digit = UInt64(b - 0x30) }
                    else if isHexDigit(b) { digit = UInt64((b | 0x20) - 0x61 + 10) }
                    else { break }
                    if digit >= radix { break }
                    let (m, o1) = value.multipliedReportingOverflow(by: radix)
                    let (s, o2) = m.addingReportingOverflow(digit)
                    overflow = overflow || o1 || o2
                    value = s
                    position += 1
                }
                if position == digitsStart || atIdentifierByte() {
                    let noDigits = position == digitsStart
                    scanIdentifierTail()
                    let text = String(decoding: buffer[start..<position], as: UTF8.self)
                    diagnostics.error("malformed number '\(text)': a number cannot be glued to an identifier",
                                      at: startLocation, code: noDigits ? "P046" : "P043")
                    return (.integer, malformedLiteralFlag)
                }
                if overflow || value > UInt64(Int64.max) {
                    reportOverflow(start, startLocation, &diagnostics)
                    return (.integer, malformedLiteralFlag)
                }
                return (.integer, 0)
            }
        }
        while position < buffer.count, isDigit(buffer[position]) { position += 1 }
        var isFloat = false
        if peek() == 0x2E, isDigit(peek(1)) {
            isFloat = true
            position += 1
            while position < buffer.count, isDigit(buffer[position]) { position += 1 }
        }
        if peek() | 0x20 == 0x65 { // e / E
            var probe = 1
            if peek(1) == 0x2B || peek(1) == 0x2D { probe = 2 }
            if isDigit(peek(probe)) {
                isFloat = true
                position += probe
                while position < buffer.count, isDigit(buffer[position]) { position += 1 }
            }
        }
        if atIdentifierByte() {
            scanIdentifierTail()
            let text = String(decoding: buffer[start..<position], as: UTF8.self)
            diagnostics.error("malformed number '\(text)': a number cannot be glued to an identifier",
                              at: startLocation, code: "P043")
            return (isFloat ? .float : .integer, malformedLiteralFlag)
        }
        if isFloat { return (.float, 0) }
        var value: Int64 = 0
        for index in start..<position {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(buffer[index] - 0x30))
            if o1 || o2 {
                reportOverflow(start, startLocation, &diagnostics)
                return (.integer, malformedLiteralFlag)
            }
            value = s
        }
        return (.integer, 0)
    }

    func reportOverflow(_ start: Int, _ location: SourceLocation, _ diagnostics: inout DiagnosticEngine) {
        var text = String(decoding: buffer[start..<min(position, start + 40)], as: UTF8.self)
        if position - start > 40 { text += "..." }
        diagnostics.error("integer literal '\(text)' overflows a 64-bit signed int", at: location, code: "P045")
    }

    mutating func scanString(diagnostics: inout DiagnosticEngine) -> (TokenKind, Int32) {
        let startLocation = here
        position += 1
        let count = buffer.count
        while position < count {
            let b = buffer[position]
            if b == 0x22 {
                position += 1
                return (.string, 0)
            }
            if b == 0x5C {
                position += 1
                if position < count, buffer[position] == 0x0A { newline(at: position) }
            } else if b == 0x0A {
                newline(at: position)
            }
            position += 1
        }
        position = min(position, count)
        diagnostics.error("unterminated string literal", at: startLocation)
        return (.string, malformedLiteralFlag)
    }

    mutating func scanPunctuation(diagnostics: inout DiagnosticEngine) -> TokenKind {
        let b = buffer[position]
        let next = peek(1)
        var kind: TokenKind
        var width = 1
        switch b {
        case 0x3D: // =
            if next == 0x3D { kind = .equalEqual; width = 2 }
            else if next == 0x3E { kind = .fatArrow; width = 2 }
            else { kind = .equal }
        case 0x21: if next == 0x3D { kind = .bangEqual; width = 2 } else { kind = .bang }
        case 0x3C: if next == 0x3D { kind = .lessEqual; width = 2 } else { kind = .less }
        case 0x3E: if next == 0x3D { kind = .greaterEqual; width = 2 } else { kind = .greater }
        case 0x26:
            if next == 0x26 { kind = .ampAmp; width = 2 } else { kind = .invalid }
        case 0x7C: if next == 0x7C { kind = .pipePipe; width = 2 } else { kind = .pipe }
        case 0x3A: if next == 0x2D { kind = .colonMinus; width = 2 } else { kind = .colon }
        case 0x2E: if next == 0x2E { kind = .dotDot; width = 2 } else { kind = .dot }
        case 0x3F: if next == 0x3F { kind = .questionQuestion; width = 2 } else { kind = .question }
        case 0x2D: kind = .minus
        case 0x2B: kind = .plus
        case 0x2A: kind = .star
        case 0x2F: kind = .slash
        case 0x25: kind = .percent
        case 0x7B: kind = .leftBrace
        case 0x7D: kind = .rightBrace
        case 0x5B: kind = .leftBracket
        case 0x5D: kind = .rightBracket
        case 0x28: kind = .leftParen
        case 0x29: kind = .rightParen
        case 0x2C: kind = .comma
        default: kind = .invalid
        }
        if kind == .invalid {
            if b >= 0x20 && b < 0x7F {
                diagnostics.error("unexpected character '\(String(UnicodeScalar(b)))'", at: here)
            } else {
                diagnostics.error("unexpected byte 0x\(hex(b)) in source", at: here)
            }
        }
        position += width
        return kind
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
}
