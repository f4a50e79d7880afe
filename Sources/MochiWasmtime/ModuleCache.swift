// The on-disk cache of compiled modules, so a second run of the same program
// skips compilation and maps its code from a file (the `.cwasm` start path).
//
// Layout: `<root>/wasmtime/<wasmtime version>/<key>.cwasm`, where root is
// $MOCHI_CACHE, else $XDG_CACHE_HOME/mochi, else ~/.cache/mochi (the folder
// mochi-link caches compiled runtimes in), and key is the SHA-256 of a format
// tag, the library's version, the engine settings' canonical text and the
// module's bytes. Anything that changes the machine code changes the key; a
// library upgrade also changes the folder, so old entries are never even read.
//
// Entries are written to a temporary file in the same folder and renamed into
// place, so a reader never sees half a file and concurrent writers of the same
// entry both leave a whole one. An entry that fails to load (damaged, or from a
// library that reports the same version but differs) is compiled again and
// replaced. Entries are native code that is run without further checks, so the
// folders are created private to the user (0700), like any cache of
// executable code; never point MOCHI_CACHE at a folder others can write.

import MochiSupport
#if canImport(Glibc)
import Glibc
#endif

public struct ModuleCache {
    /// Bump when the layout or key recipe changes.
    static let formatTag = "mochi-wasmtime-cache 1"

    public let directory: String

    public init(root: String, library: WasmtimeLibrary) {
        directory = root + "/wasmtime/" + (library.version ?? "unknown")
    }

    /// The cache root from the environment, or nil when there is no home to put it in.
    public static func defaultRoot(environment env: [String: String]) -> String? {
        if let c = env["MOCHI_CACHE"], !c.isEmpty { return c }
        if let x = env["XDG_CACHE_HOME"], !x.isEmpty { return x + "/mochi" }
        if let h = env["HOME"], !h.isEmpty { return h + "/.cache/mochi" }
        return nil
    }

    /// The entry name for `bytes` compiled by `engine`.
    public func key(for bytes: [UInt8], engine: Engine) -> String {
        var h = SHA256()
        h.update(ModuleCache.formatTag + "\n")
        h.update("wasmtime=\(engine.library.version ?? "unknown")\n")
        h.update(engine.settings.cacheKeyText)
        h.update("module-bytes=\(bytes.count)\n")
        h.update(bytes)
        return SHA256.hex(h.finish())
    }

    public func path(for bytes: [UInt8], engine: Engine) -> String {
        directory + "/" + key(for: bytes, engine: engine) + ".cwasm"
    }

    public enum Outcome: Equatable, Sendable {
        /// Loaded from the cache: no compilation.
        case hit
        /// Compiled and stored.
        case stored
        /// Compiled; the entry could not be written (the reason), the run goes on.
        case notStored(String)
    }

    /// The compiled module for `bytes`: loaded from the cache, or compiled and stored.
    public func module(for bytes: [UInt8], engine: Engine) throws -> (Module, Outcome) {
        let file = path(for: bytes, engine: engine)
        if isFile(file), let m = try? Module(deserializingFile: file, engine: engine) {
            return (m, .hit)
        }
        let module = try Module(compiling: bytes, engine: engine)
        do {
            try store(try module.serialize(), at: file)
            return (module, .stored)
        } catch {
            return (module, .notStored("\(error)"))
        }
    }

    /// Writes `image` to `file` atomically (temporary file + rename).
    func store(_ image: [UInt8], at file: String) throws {
        try makeDirectories(directory)
        let template = directory + "/.tmp-XXXXXX"
        var name = Array(template.utf8CString)
        let fd = name.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WasmtimeError.wasmtime("cannot create a file in \(directory): \(errnoText())") }
        let tmp = String(cString: name)
        var ok = true
        image.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                done += n
            }
        }
        // The entry must be whole on disk before its name appears.
        if ok && fsync(fd) != 0 { ok = false }
        let why = errnoText()
        close(fd)
        guard ok, rename(tmp, file) == 0 else {
            let reason = ok ? errnoText() : why
            unlink(tmp)
            throw WasmtimeError.wasmtime("cannot write \(file): \(reason)")
        }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

/// `mkdir -p` with mode 0700 for the folders it creates.
func makeDirectories(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        prefix += "/" + part
        if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
            throw WasmtimeError.wasmtime("cannot create \(prefix): \(errnoText())")
        }
    }
}
