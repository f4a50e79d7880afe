// Runtime.swift: finding the C runtime's sources, digesting them, and naming the
// cache entry that holds them compiled.
//
// The runtime (Sources/MochiRuntime) is compiled once per target, compiler, mode
// and source digest, then reused by every link. The digest covers every source and
// header byte and the exact compile flags, so an edited runtime or a changed flag
// gets a fresh entry instead of a stale one.

import Foundation
import MochiSupport

/// The runtime's source tree: `*.c` beside an `include/` holding `mochi_runtime.h`.
public struct RuntimeSources: Equatable, Sendable {
    public var directory: String
    /// The `.c` files, sorted by name (the order of the compile jobs).
    public var cFiles: [String]
    /// Hex SHA-256 over every `.c` and `.h` file's name and contents.
    public var digest: String

    public init(directory: String, cFiles: [String], digest: String) {
        self.directory = directory
        self.cFiles = cFiles
        self.digest = digest
    }

    public var includeDirectory: String { directory + "/include" }

    /// Reads the runtime tree at `directory`, or throws naming what is missing.
    public static func load(directory: String) throws -> RuntimeSources {
        let fm = FileManager.default
        let dir = (directory as NSString).standardizingPath
        guard fm.fileExists(atPath: dir + "/include/mochi_runtime.h") else {
            throw LinkError("runtime sources not found: no include/mochi_runtime.h in \(dir); "
                + "set MOCHI_RUNTIME_DIR to the Sources/MochiRuntime directory")
        }
        let top = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        let headers = ((try? fm.contentsOfDirectory(atPath: dir + "/include")) ?? []).sorted()
        let cNames = top.filter { $0.hasSuffix(".c") }
        guard !cNames.isEmpty else { throw LinkError("runtime sources not found: no .c files in \(dir)") }
        var hasher = SHA256()
        let digested = top.filter { $0.hasSuffix(".c") || $0.hasSuffix(".h") } + headers.filter { $0.hasSuffix(".h") }
            .map { "include/" + $0 }
        for name in digested {
            guard let data = fm.contents(atPath: dir + "/" + name) else {
                throw LinkError("cannot read runtime source \(dir)/\(name)")
            }
            hasher.update(Array(name.utf8) + [0])
            hasher.update(Array(String(data.count).utf8) + [0])
            hasher.update([UInt8](data))
        }
        return RuntimeSources(directory: dir, cFiles: cNames.map { dir + "/" + $0 }, digest: hasher.hexDigest())
    }

    /// Finds the runtime: `$MOCHI_RUNTIME_DIR`, else relative to the running tool
    /// (`.build/<config>/mochi-link` -> `../../Sources/MochiRuntime`; SwiftPM's
    /// `.build/<config>` is a symlink to `.build/<triple>/<config>`, which resolving
    /// /proc/self/exe lands in, hence one more level), else an installed share dir.
    public static func locate(environment: [String: String], executablePath: String?) throws -> RuntimeSources {
        if let dir = environment["MOCHI_RUNTIME_DIR"], !dir.isEmpty {
            return try load(directory: dir)
        }
        guard let exe = executablePath else {
            throw LinkError("runtime sources not found: cannot resolve the tool's own path; set MOCHI_RUNTIME_DIR")
        }
        let binDir = (exe as NSString).deletingLastPathComponent
        let candidates = [binDir + "/../../Sources/MochiRuntime", binDir + "/../../../Sources/MochiRuntime",
                          binDir + "/../share/mochi/runtime"]
        for c in candidates where FileManager.default.fileExists(atPath: c + "/include/mochi_runtime.h") {
            return try load(directory: c)
        }
        throw LinkError("runtime sources not found near \(exe) (looked in "
            + candidates.map { ($0 as NSString).standardizingPath }.joined(separator: ", ")
            + "); set MOCHI_RUNTIME_DIR to the Sources/MochiRuntime directory")
    }
}

/// The cache root: `$MOCHI_CACHE`, else `$XDG_CACHE_HOME/mochi`, else `~/.cache/mochi`.
public func cacheRoot(environment: [String: String]) throws -> String {
    if let c = environment["MOCHI_CACHE"], !c.isEmpty { return c }
    if let x = environment["XDG_CACHE_HOME"], !x.isEmpty { return x + "/mochi" }
    if let h = environment["HOME"], !h.isEmpty { return h + "/.cache/mochi" }
    throw LinkError("no cache directory: set MOCHI_CACHE (or HOME)")
}

/// The resolved path of the running executable (`/proc/self/exe`), if the OS has one.
public func currentExecutablePath() -> String? {
    if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
    return CommandLine.arguments.first.map { ($0 as NSString).standardizingPath }
}
