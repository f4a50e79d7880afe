// What every mochi-* main does the same way: exit statuses, the one-line failure
// message, `--name=value` options, reading the input file or standard input and
// writing the output file or standard output, and whether to colour diagnostics.
// Glibc only (no Foundation), so tools that avoid Foundation for start-up time
// (mochi-jitrun, mochi-emitc) can use it.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit statuses every tool uses (README, "The tools").
public enum ExitStatus {
    public static let success: Int32 = 0
    /// Bad input, a failed build or a Mochi runtime error: one diagnostic on stderr.
    public static let failure: Int32 = 1
    /// Bad usage: an unknown option, a missing operand.
    public static let usage: Int32 = 2
}

/// A tool's name, for its messages (`mochi-emitc: f.mir: ...`).
public struct Tool {
    public let name: String
    public init(_ name: String) { self.name = name }

    /// Prints `NAME: MESSAGE` on stderr and exits with `status`.
    public func fail(_ message: String, status: Int32) -> Never {
        fputs("\(name): \(message)\n", stderr)
        exit(status)
    }

    /// The input's bytes (standard input for "-"), or exits 1 naming the file and why.
    public func readInput(_ path: String) -> [UInt8] {
        do { return try readFileOrStdin(path) } catch { fail("\(error)", status: ExitStatus.failure) }
    }

    /// Writes `bytes` to `path` (standard output for "-"), or exits 1 naming the file.
    public func writeOutput(_ bytes: [UInt8], to path: String) {
        do { try writeFileOrStdout(bytes, to: path) } catch { fail("\(error)", status: ExitStatus.failure) }
    }
}

/// A failed read or write, with the message to print (`PATH: reason`).
public struct IOFailure: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// `--name=value` -> `value`; nil when `arg` is not that option.
public func optionValue(_ arg: String, _ name: String) -> String? {
    arg.hasPrefix(name + "=") ? String(arg.dropFirst(name.count + 1)) : nil
}

/// Every byte of `path`, or of standard input when `path` is "-".
public func readFileOrStdin(_ path: String) throws -> [UInt8] {
    let fp: UnsafeMutablePointer<FILE>? = path == "-" ? stdin : fopen(path, "rb")
    guard let fp else { throw IOFailure("\(path): \(String(cString: strerror(errno)))") }
    defer { if path != "-" { fclose(fp) } }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&chunk, 1, chunk.count, fp)
        if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
        if n < chunk.count {
            if ferror(fp) != 0 { throw IOFailure("\(path == "-" ? "<stdin>" : path): read error") }
            break
        }
    }
    return bytes
}

/// Writes `bytes` to `path`, or to standard output when `path` is "-".
public func writeFileOrStdout(_ bytes: [UInt8], to path: String) throws {
    if path == "-" {
        let n = fwrite(bytes, 1, bytes.count, stdout)
        if n != bytes.count || fflush(stdout) != 0 { throw IOFailure("<stdout>: write error") }
        return
    }
    guard let fp = fopen(path, "wb") else { throw IOFailure("\(path): \(String(cString: strerror(errno)))") }
    let n = fwrite(bytes, 1, bytes.count, fp)
    if n != bytes.count || fclose(fp) != 0 { throw IOFailure("\(path): write error") }
}

/// `--color=auto|always|never`, as clang and gcc spell it.
public enum ColorMode: String, CaseIterable, Sendable {
    case auto, always, never

    /// Whether to colour what goes to file descriptor `fd`: `always` and `never`
    /// decide; `auto` colours a terminal unless NO_COLOR is set to anything
    /// non-empty (no-color.org) or TERM is "dumb".
    public func enabled(fd: Int32, environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let v = environment("NO_COLOR"), !v.isEmpty { return false }
            if environment("TERM") == "dumb" { return false }
            return isatty(fd) == 1
        }
    }
}
