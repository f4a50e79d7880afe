// Diagnostics: the errors the front end reports, and their clang-style rendering.
//
// Libraries never print and never exit: the lexer, the parser (and later the checker)
// append `Diagnostic` values to a `DiagnosticEngine`, and a tool's main renders them with
// `render(_:file:)`. The engine caps the number of errors so that a hostile input cannot
// make the front end produce (or loop over) an unbounded stream of messages.

public enum DiagnosticSeverity: String, Sendable {
    case error
    case warning
    case note
}

public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    public var severity: DiagnosticSeverity
    public var location: SourceLocation
    public var message: String
    /// The LANGUAGE.md error code (`P042`, `P045`, ...) when there is one.
    public var code: String?

    public init(severity: DiagnosticSeverity = .error, location: SourceLocation,
                message: String, code: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.code = code
    }

    /// `LINE:COL: error: MESSAGE [CODE]` without the file name or source excerpt.
    public var description: String {
        "\(location.line):\(location.column): \(severity.rawValue): \(fullMessage)"
    }

    /// The message with its code appended, as it appears in rendered output.
    public var fullMessage: String {
        if let code { return "\(message) [\(code)]" }
        return message
    }
}

/// Collects diagnostics for one compilation. Value type: pass it `inout`.
public struct DiagnosticEngine: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Maximum number of errors kept; once reached, `isFull` is true and further errors
    /// are dropped (one final note says so).
    public let errorLimit: Int
    public private(set) var errorCount = 0

    public init(errorLimit: Int = 20) {
        self.errorLimit = max(1, errorLimit)
    }

    public var hasErrors: Bool { errorCount > 0 }
    public var isFull: Bool { errorCount >= errorLimit }

    public mutating func report(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error {
            guard errorCount < errorLimit else { return }
            errorCount += 1
            diagnostics.append(diagnostic)
            if errorCount == errorLimit {
                diagnostics.append(Diagnostic(severity: .note, location: diagnostic.location,
                                              message: "too many errors, stopping"))
            }
        } else if !isFull {
            diagnostics.append(diagnostic)
        }
    }

    public mutating func error(_ message: String, at location: SourceLocation, code: String? = nil) {
        report(Diagnostic(severity: .error, location: location, message: message, code: code))
    }
}

/// The diagnostics in source order (line, then column), as a reader goes through
/// the file, where the checker reports in its own walk order. A note stays after
/// the error or warning it follows, and the closing "too many errors" note stays
/// last. Stable: diagnostics at one position keep their reported order.
public func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var groups: [[Diagnostic]] = []
    var tail: [Diagnostic] = []
    for (i, d) in diagnostics.enumerated() {
        if d.severity == .note, i == diagnostics.count - 1, d.message == "too many errors, stopping" {
            tail.append(d)
        } else if d.severity == .note, !groups.isEmpty {
            groups[groups.count - 1].append(d)
        } else {
            groups.append([d])
        }
    }
    let order = groups.indices.sorted { a, b in
        let x = groups[a][0].location, y = groups[b][0].location
        if x.line != y.line { return x.line < y.line }
        if x.column != y.column { return x.column < y.column }
        return a < b
    }
    return order.flatMap { groups[$0] } + tail
}

/// Terminal colours as clang uses them: bold location and message, red
/// "error:", magenta "warning:", cyan "note:", green caret.
enum ANSI {
    static let bold = "\u{1B}[1m"
    static let red = "\u{1B}[1;31m"
    static let magenta = "\u{1B}[1;35m"
    static let cyan = "\u{1B}[1;36m"
    static let green = "\u{1B}[1;32m"
    static let reset = "\u{1B}[0m"
}

/// Renders one diagnostic clang-style:
///
///     FILE:LINE:COL: error: MESSAGE
///     the source line
///         ^
///
/// The caret line copies tabs from the source line so the caret lines up in a terminal.
/// With `color`, the ANSI colours clang uses on a terminal (the tool decides:
/// `--color=auto|always|never`, NO_COLOR).
public func render(_ diagnostic: Diagnostic, file: SourceFile, color: Bool = false) -> String {
    let loc = diagnostic.location
    var out: String
    if color {
        let tint: String
        switch diagnostic.severity {
        case .error: tint = ANSI.red
        case .warning: tint = ANSI.magenta
        case .note: tint = ANSI.cyan
        }
        out = "\(ANSI.bold)\(file.path):\(loc.line):\(loc.column): \(ANSI.reset)\(tint)\(diagnostic.severity.rawValue):"
            + "\(ANSI.reset) \(ANSI.bold)\(diagnostic.fullMessage)\(ANSI.reset)\n"
    } else {
        out = "\(file.path):\(loc.line):\(loc.column): \(diagnostic.severity.rawValue): \(diagnostic.fullMessage)\n"
    }
    guard loc.line >= 1, let text = file.lineText(Int(loc.line)) else { return out }
    out += text
    out += "\n"
    let start = file.lineStarts[Int(loc.line) - 1]
    var caret = ""
    var offset = start
    let stop = min(start + Int(loc.column) - 1, file.bytes.count)
    while offset < stop {
        let byte = file.bytes[offset]
        if byte == 0x09 {
            caret.append("\t")
        } else if byte & 0xC0 != 0x80 {
            caret.append(" ") // one column per code point, not per byte
        }
        offset += 1
    }
    out += color ? caret + ANSI.green + "^" + ANSI.reset + "\n" : caret + "^\n"
    return out
}

/// Renders every diagnostic of `engine` in source order.
public func render(_ engine: DiagnosticEngine, file: SourceFile, color: Bool = false) -> String {
    sortedByPosition(engine.diagnostics).map { render($0, file: file, color: color) }.joined()
}

/// One diagnostic as one line of JSON (for editors; `mochi-ir --diagnostics=json`):
/// `{"file":…,"line":N,"column":N,"severity":"error","message":…}` plus `"code"`
/// when it has one. Strings are escaped as RFC 8259 requires (quote, backslash,
/// control characters); other characters are passed through as UTF-8.
public func renderJSON(_ diagnostic: Diagnostic, file: SourceFile) -> String {
    let loc = diagnostic.location
    var out = "{\"file\":\(jsonString(file.path)),\"line\":\(loc.line),\"column\":\(loc.column),"
        + "\"severity\":\"\(diagnostic.severity.rawValue)\",\"message\":\(jsonString(diagnostic.message))"
    if let code = diagnostic.code { out += ",\"code\":\(jsonString(code))" }
    return out + "}\n"
}

/// `text` as a JSON string literal.
public func jsonString(_ text: String) -> String {
    var out = "\""
    for u in text.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if u.value < 0x20 || u.value == 0x7F {
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
