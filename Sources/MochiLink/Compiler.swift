// Compiler.swift: which C compilers mochi-link drives and how it finds them.
//
// A Compiler is a kind plus the command prefix that runs it (`/usr/bin/cc`, or
// `/usr/bin/python3 -m ziglang cc` for the pip-installed zig). Finding one is the
// only part that looks at the machine (PATH, a Python import); it is kept apart
// from planning so plans can be built in tests for compilers that are not installed.

import Foundation

/// The compilers `--cc=` names.
public enum CompilerKind: String, CaseIterable, Sendable {
    case zig, cc, clang, gcc, tcc

    /// What to install when this compiler is missing, and what works without it.
    public var missingMessage: String {
        switch self {
        case .zig:
            return "zig not found: pip install ziglang (or run scripts/setup-cross); without it only native builds work (--cc=cc)"
        case .tcc:
            return "tcc not found: apt-get install tcc (or run scripts/setup-cross); --cc=cc works without it"
        case .clang:
            return "clang not found: apt-get install clang (the Swift toolchain's usr/bin also has one); --cc=cc works without it"
        case .gcc:
            return "gcc not found: apt-get install gcc; --cc=cc or --cc=zig work without it"
        case .cc:
            return "cc not found: apt-get install gcc, or pip install ziglang and use --cc=zig"
        }
    }
}

/// A compiler that was found: its kind and the words that start it.
public struct Compiler: Equatable, Sendable {
    public var kind: CompilerKind
    /// The executable and leading arguments (`zig cc` needs its `cc` subcommand).
    public var command: [String]
    /// Words run before the compiler: a wrapper such as `ccache`, `sccache`,
    /// `distcc` or `icecc` (from `--cc="ccache gcc"` or `CC`), resolved on PATH.
    public var wrapper: [String]

    public init(kind: CompilerKind, command: [String], wrapper: [String] = []) {
        self.kind = kind
        self.command = command
        self.wrapper = wrapper
    }

    /// The words every job starts with: the wrapper, then the compiler.
    public var invocation: [String] { wrapper + command }
}

/// A compiler given as a command (`--cc="ccache gcc"`, `CC=clang-16`): which
/// word is the compiler, its kind, and the wrapper words before it.
public struct CompilerSpec: Equatable, Sendable {
    public var kind: CompilerKind
    public var wrapper: [String]
    /// The compiler word and any words after it (`zig cc`, `python3 -m ziglang cc`).
    public var command: [String]

    /// Splits `text` at blanks (no quoting: paths with blanks need a wrapper
    /// script, as with make's CC) and finds the compiler: the first word named
    /// like one (`gcc`, `x86_64-linux-gnu-gcc-12`, `clang-16`, `tcc`, `zig`,
    /// `python3 -m ziglang`, `cc`); nil when no word names one (the kind decides
    /// the flags, so an unknown compiler is refused rather than guessed at).
    public static func parse(_ text: String) -> CompilerSpec? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return nil }
        for (i, word) in words.enumerated() {
            let rest = Array(words[(i + 1)...])
            if let kind = kindOfWord(word, rest: rest) {
                return CompilerSpec(kind: kind, wrapper: Array(words[..<i]), command: Array(words[i...]))
            }
        }
        return nil
    }

    /// The kind a word names: its file name without a version suffix (`-12`, `-16.0`).
    static func kindOfWord(_ word: String, rest: [String]) -> CompilerKind? {
        var name = Substring(word.split(separator: "/").last ?? "")
        if name.hasPrefix("python"), rest.starts(with: ["-m", "ziglang"]) { return .zig }
        while let dash = name.lastIndex(of: "-"), name[name.index(after: dash)...].allSatisfy({ $0.isNumber || $0 == "." }),
              name.index(after: dash) < name.endIndex {
            name = name[..<dash]
        }
        if name == "zig" { return .zig }
        if name == "tcc" { return .tcc }
        if name == "clang" || name.hasSuffix("-clang") { return .clang }
        if name == "gcc" || name.hasSuffix("-gcc") { return .gcc }
        if name == "cc" || name.hasSuffix("-cc") || name == "c99" { return .cc }
        return nil
    }
}

/// Finds compilers on this machine. The lookups are injectable so tests can
/// pretend a compiler is absent.
public struct CompilerLocator {
    /// Resolves a program name to an absolute executable path, or nil.
    public var findProgram: (String) -> String?
    /// Returns the Python interpreter that can `import ziglang`, or nil.
    public var findZigModulePython: () -> String?

    public init(findProgram: @escaping (String) -> String?, findZigModulePython: @escaping () -> String?) {
        self.findProgram = findProgram
        self.findZigModulePython = findZigModulePython
    }

    /// The locator for this machine, searching the given PATH.
    public static func system(path: String) -> CompilerLocator {
        let find: (String) -> String? = { name in findInPath(name, path: path) }
        return CompilerLocator(findProgram: find, findZigModulePython: {
            guard let python = find("python3") else { return nil }
            // Ask Python for its real interpreter: pyenv's python3 is a shell shim
            // that costs ~100 ms per compiler run.
            let result = try? runCapturing(python, ["-c", "import ziglang, sys; print(sys.executable)"])
            guard let r = result, r.status == 0 else { return nil }
            let exe = r.output.trimmingCharacters(in: .whitespacesAndNewlines)
            return exe.isEmpty ? python : exe
        })
    }

    /// Finds the compiler of a kind, or throws the message naming what to install.
    public func locate(_ kind: CompilerKind) throws -> Compiler {
        switch kind {
        case .zig:
            if let zig = findProgram("zig") { return Compiler(kind: .zig, command: [zig, "cc"]) }
            if let python = findZigModulePython() {
                return Compiler(kind: .zig, command: [python, "-m", "ziglang", "cc"])
            }
        default:
            if let exe = findProgram(kind.rawValue) { return Compiler(kind: kind, command: [exe]) }
        }
        throw LinkError(kind.missingMessage)
    }

    /// Finds the compiler a command names (`--cc="ccache gcc"`, `CC`): every
    /// program word resolved on PATH, the kind from the compiler word. A bare
    /// `zig` gets its `cc` subcommand, and without zig on PATH, pip's `python3 -m
    /// ziglang` stands in, as for `--cc=zig`.
    public func locate(spec: CompilerSpec) throws -> Compiler {
        var wrapper = spec.wrapper
        if let first = wrapper.first {
            guard let exe = findProgram(first) else {
                throw LinkError("\(first) not found (the compiler wrapper in '\((spec.wrapper + spec.command).joined(separator: " "))')")
            }
            wrapper[0] = exe
        }
        var command = spec.command
        if spec.kind == .zig, (command[0].split(separator: "/").last ?? "") == "zig" {
            if command.count == 1 { command.append("cc") }
            if let zig = findProgram(command[0]) {
                command[0] = zig
            } else if command[0] == "zig", let python = findZigModulePython() {
                command = [python, "-m", "ziglang"] + command.dropFirst()
            } else {
                throw LinkError(CompilerKind.zig.missingMessage)
            }
        } else {
            guard let exe = findProgram(command[0]) else {
                throw LinkError("\(command[0]) not found (--cc or CC names it); "
                    + (spec.kind == .cc ? CompilerKind.cc.missingMessage : spec.kind.missingMessage))
            }
            command[0] = exe
        }
        return Compiler(kind: spec.kind, command: command, wrapper: wrapper)
    }

    /// The default compiler: zig where installed (it reaches every target), else cc.
    public func locateDefault() throws -> Compiler {
        if let zig = try? locate(.zig) { return zig }
        return try locate(.cc)
    }
}

/// The first executable file called `name` in a colon-separated PATH.
public func findInPath(_ name: String, path: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    for dir in path.split(separator: ":", omittingEmptySubsequences: true) {
        let candidate = String(dir) + "/" + name
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue,
           FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
    }
    return nil
}

/// Runs a program to completion, returning its exit status and its stdout and
/// stderr merged (read before waiting, so a chatty child cannot fill the pipe and stall).
func runCapturing(_ executable: String, _ arguments: [String], environment: [(String, String)] = [])
    throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if !environment.isEmpty {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
    }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        throw LinkError("cannot run \(executable): \(error.localizedDescription)")
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
