// Source files and source locations for the Mochi front end.
//
// A `SourceFile` owns the raw bytes of one program (the lexer works on bytes, never on
// Characters) and knows where its lines start, so diagnostics can quote the offending
// line. A `SourceLocation` is a small value (file id, 1-based line and byte column, byte
// offset) that every token and AST node carries; it is cheap to copy and stable across
// passes, so the checker and the IR lowering can attach it to their own output.

/// A position in a source file. `line` and `column` are 1-based; `column` counts bytes,
/// as clang does, so it is exact for ASCII and still points at the right byte otherwise.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: Int32
    public var line: Int32
    public var column: Int32
    public var offset: Int32

    public init(file: Int32, line: Int32, column: Int32, offset: Int32) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The location used for nodes that have no real position (synthesised nodes).
    public static let unknown = SourceLocation(file: 0, line: 0, column: 0, offset: 0)

    public var description: String { "\(line):\(column)" }
}

/// One source file: its name as shown in diagnostics, its bytes and its line table.
public final class SourceFile: @unchecked Sendable {
    public let id: Int32
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// Creates a file from raw bytes. A leading UTF-8 byte order mark is kept in `bytes`
    /// (offsets stay honest) and skipped by the lexer.
    public init(id: Int32 = 0, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 24 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where buffer[index] == 0x0A {
                starts.append(index + 1)
            }
        }
        self.lineStarts = starts
    }

    public convenience init(id: Int32 = 0, path: String, text: String) {
        self.init(id: id, path: path, bytes: Array(text.utf8))
    }

    /// The text of line `line` (1-based) without its line terminator, with invalid UTF-8
    /// repaired, for quoting in diagnostics. Returns nil for a line outside the file.
    public func lineText(_ line: Int) -> String? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        guard end >= start else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The location of byte `offset`, computed by binary search over the line table.
    public func location(ofOffset offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return SourceLocation(file: id, line: Int32(low + 1),
                              column: Int32(clamped - lineStarts[low] + 1), offset: Int32(clamped))
    }
}
