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

/// Renders one diagnostic clang-style:
///
///     FILE:LINE:COL: error: MESSAGE
///     the source line
///         ^
///
/// The caret line copies tabs from the source line so the caret lines up in a terminal.
public func render(_ diagnostic: Diagnostic, file: SourceFile) -> String {
    let loc = diagnostic.location
    var out = "\(file.path):\(loc.line):\(loc.column): \(diagnostic.severity.rawValue): \(diagnostic.fullMessage)\n"
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
    out += caret + "^\n"
    return out
}

/// Renders every diagnostic of `engine` in order.
public func render(_ engine: DiagnosticEngine, file: SourceFile) -> String {
    engine.diagnostics.map { render($0, file: file) }.joined()
}
