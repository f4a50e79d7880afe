// Finding and opening Wasmtime's C API library (`_libwasmtime.so` in the
// `wasmtime` PyPI wheel, or the file `MOCHI_WASMTIME_LIB` names) and telling
// which Wasmtime it is.
//
// The library is optional: everything that does not run Wasm works without it,
// so a missing library is a WasmtimeError whose message says how to install it
// and what works meanwhile, never a crash. The wheel is found without starting
// Python (a start-up costs tens of milliseconds on every run): the usual
// site-packages folders (virtualenv, pyenv, user, system) are probed first, and
// only when none holds the wheel is `python3` asked where it is.
//
// The version comes from the library file itself: Wasmtime exports two symbols
// whose names end in its version (`set_vmctx_memory_51_0_0`), so the dynamic
// string table names it exactly, whatever file or wheel it came from.

#if canImport(Glibc)
import Glibc
#endif

public final class WasmtimeLibrary {
    /// The Wasmtime major version whose C API the declarations in CAPI.swift follow.
    public static let supportedVersion = "51"
    public static let installHint = "install it with `pip install wasmtime` (or set MOCHI_WASMTIME_LIB to its "
        + "_libwasmtime.so); without it Mochi IR still runs (JIT and interpreter) and `mochi build` still makes "
        + "native executables and .wasm files"

    /// The file that was opened.
    public let path: String
    /// Wasmtime's version, e.g. "51.0.0" (nil when the file does not say).
    public let version: String?
    let api: CAPI
    private let handle: UnsafeMutableRawPointer

    private init(path: String) throws {
        // The version first, from the file: a library of another version is
        // refused before any of its code runs (its structs may differ from ours).
        let version = libraryVersion(path: path)
        try WasmtimeLibrary.checkVersion(version, path: path)
        // RTLD_LAZY: symbols are bound on first call, so loading does not resolve
        // the thousands this embedding never calls.
        guard let h = dlopen(path, RTLD_LAZY | RTLD_LOCAL) else {
            let why = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw WasmtimeError.library("cannot load the Wasmtime library \(path): \(why); " + WasmtimeLibrary.installHint)
        }
        handle = h
        self.path = path
        self.version = version
        do { api = try CAPI(handle: h, path: path) } catch { dlclose(h); throw error }
    }

    static func checkVersion(_ version: String?, path: String) throws {
        guard let v = version, v.split(separator: ".").first.map(String.init) != supportedVersion else { return }
        throw WasmtimeError.library("\(path) is Wasmtime \(v), but this build speaks the C API of Wasmtime "
            + "\(supportedVersion).x: install that with `pip install 'wasmtime==\(supportedVersion).*'` "
            + "(or point MOCHI_WASMTIME_LIB at a \(supportedVersion).x _libwasmtime.so)")
    }

    // The library is never closed: Wasmtime installs signal handlers and
    // thread-local state that outlive any one object, and unloading it under them
    // would be unsafe. One library per process is cached.
    nonisolated(unsafe) private static var loaded: [String: WasmtimeLibrary] = [:]
    private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    /// Opens the library at `path` (once per process).
    public static func open(path: String) throws -> WasmtimeLibrary {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let l = loaded[path] { return l }
        let l = try WasmtimeLibrary(path: path)
        loaded[path] = l
        return l
    }

    /// Finds and opens the library: `MOCHI_WASMTIME_LIB`, else the wheel.
    public static func load(environment: [String: String] = currentEnvironment()) throws -> WasmtimeLibrary {
        try open(path: try locate(environment: environment))
    }

    /// Where the library is, without opening it.
    public static func locate(environment: [String: String] = currentEnvironment()) throws -> String {
        if let p = environment["MOCHI_WASMTIME_LIB"], !p.isEmpty {
            guard isFile(p) else {
                throw WasmtimeError.library("MOCHI_WASMTIME_LIB=\(p): no such file; unset it to use the `wasmtime` wheel, "
                    + "or " + installHint)
            }
            return p
        }
        for dir in sitePackagesCandidates(environment: environment) {
            let p = dir + "/wasmtime/" + wheelLibraryPath
            if isFile(p) { return p }
        }
        if let p = askPython(environment: environment), isFile(p) { return p }
        throw WasmtimeError.library("the Wasmtime library was not found: " + installHint)
    }

    /// The library's path inside the wheel's `wasmtime` package for this machine.
    static var wheelLibraryPath: String {
        #if arch(x86_64)
        return "linux-x86_64/_libwasmtime.so"
        #elseif arch(arm64)
        return "linux-aarch64/_libwasmtime.so"
        #else
        return "unsupported-machine/_libwasmtime.so"
        #endif
    }

    /// site-packages folders where pip puts wheels, most specific first.
    static func sitePackagesCandidates(environment env: [String: String]) -> [String] {
        var out: [String] = []
        if let v = env["VIRTUAL_ENV"], !v.isEmpty { out += globSorted(v + "/lib/python3*/site-packages") }
        let home = env["HOME"] ?? ""
        var pyenvRoot = env["PYENV_ROOT"] ?? ""
        if pyenvRoot.isEmpty && !home.isEmpty { pyenvRoot = home + "/.pyenv" }
        if !pyenvRoot.isEmpty {
            // The active version first (PYENV_VERSION, else the global version file).
            var active = env["PYENV_VERSION"] ?? ""
            if active.isEmpty, let text = readSmallFile(pyenvRoot + "/version") {
                active = String(text.split(whereSeparator: { $0 == "\n" || $0 == " " }).first ?? "")
            }
            if !active.isEmpty && !active.contains("/") {
                out += globSorted(pyenvRoot + "/versions/" + active + "/lib/python3*/site-packages")
            }
            out += globSorted(pyenvRoot + "/versions/*/lib/python3*/site-packages")
        }
        if !home.isEmpty { out += globSorted(home + "/.local/lib/python3*/site-packages") }
        out += globSorted("/usr/local/lib/python3*/site-packages")
        out += globSorted("/usr/local/lib/python3*/dist-packages")
        out += ["/usr/lib/python3/dist-packages"]
        return out
    }

    /// The wheel as Python sees it (last resort: the probes above missed it).
    static func askPython(environment: [String: String]) -> String? {
        let script = "import importlib.util, os; s = importlib.util.find_spec('wasmtime'); "
            + "print(os.path.join(os.path.dirname(s.origin), '\(wheelLibraryPath)') if s and s.origin else '')"
        guard let out = runCapturingStdout(["python3", "-c", script], environment: environment) else { return nil }
        let line = out.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? nil : line
    }
}

/// The process environment as a dictionary (read once by the mains; the library
/// takes it as a parameter so tests can pass their own).
public func currentEnvironment() -> [String: String] {
    var env: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
        let s = String(cString: entry)
        if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
        p += 1
    }
    return env
}

func isFile(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
}

func globSorted(_ pattern: String) -> [String] {
    var g = glob_t()
    defer { globfree(&g) }
    guard glob(pattern, 0, nil, &g) == 0 else { return [] }
    var out: [String] = []
    for i in 0..<Int(g.gl_pathc) {
        if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
    }
    // Newest Python first ("python3.12" before "python3.9": by number, not by text).
    return out.sorted { minorVersion($0) > minorVersion($1) }
}

/// The minor version in a path's "python3.N", or -1.
private func minorVersion(_ path: String) -> Int {
    guard let r = path.firstRange(of: "python3.") else { return -1 }
    return Int(path[r.upperBound...].prefix { $0.isNumber }) ?? -1
}

func readSmallFile(_ path: String) -> String? {
    guard let bytes = readWholeFile(path, limit: 1 << 16) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
}

/// Wasmtime's version from the names in the library's dynamic string table
/// (`set_vmctx_memory_51_0_0`): the ELF header, the section headers and that one
/// table are read, every offset checked against the file's size.
func libraryVersion(path: String) -> String? {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { return nil }
    let size = Int(st.st_size)
    func read(_ offset: Int, _ count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, count <= size, offset <= size - count else { return nil }
        var buf = [UInt8](repeating: 0, count: count)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return n == count ? buf : nil
    }
    func u(_ b: [UInt8], _ at: Int, _ width: Int) -> Int {
        var v = 0
        for k in 0..<width { v |= Int(b[at + k]) << (8 * k) }
        return v
    }
    guard let eh = read(0, 64), eh[0] == 0x7f, eh[1] == 0x45, eh[2] == 0x4c, eh[3] == 0x46,
          eh[4] == 2, eh[5] == 1 else { return nil } // 64-bit little-endian ELF only
    let shoff = u(eh, 0x28, 8), shentsize = u(eh, 0x3a, 2), shnum = u(eh, 0x3c, 2)
    guard shentsize == 64, shnum > 0, shnum < 4096, let sh = read(shoff, shnum * 64) else { return nil }
    for i in 0..<shnum where u(sh, i * 64 + 4, 4) == 11 { // SHT_DYNSYM: its sh_link is the string table
        let link = u(sh, i * 64 + 40, 4)
        guard link < shnum else { return nil }
        let off = u(sh, link * 64 + 24, 8), len = u(sh, link * 64 + 32, 8)
        guard len < 64 << 20, let strtab = read(off, len) else { return nil }
        let marker = Array("set_vmctx_memory_".utf8)
        var at = 0
        while at + marker.count <= strtab.count {
            if strtab[at] == marker[0] && Array(strtab[at..<(at + marker.count)]) == marker {
                var end = at + marker.count
                while end < strtab.count && strtab[end] != 0 { end += 1 }
                let tail = String(decoding: strtab[(at + marker.count)..<end], as: UTF8.self)
                let parts = tail.split(separator: "_")
                if parts.count == 3 && parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
                    return parts.joined(separator: ".")
                }
            }
            at += 1
        }
    }
    return nil
}

/// The whole file, or nil (missing, unreadable, or larger than `limit`).
func readWholeFile(_ path: String, limit: Int = Int.max) -> [UInt8]? {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var st = stat()
    if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
        out.reserveCapacity(min(Int(st.st_size), limit))
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; return nil }
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<n])
        if out.count > limit { return nil }
    }
    return out
}

/// Runs a program found on PATH and returns its standard output, or nil when it
/// cannot be started or fails.
func runCapturingStdout(_ argv: [String], environment: [String: String]) -> String? {
    var pipeFDs: [Int32] = [0, 0]
    guard pipe(&pipeFDs) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
    var pid = pid_t()
    let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, cEnv)
    close(pipeFDs[1])
    guard rc == 0 else { close(pipeFDs[0]); return nil }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = chunk.withUnsafeMutableBytes { Glibc.read(pipeFDs[0], $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    close(pipeFDs[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    guard status == 0 else { return nil }
    return String(decoding: out, as: UTF8.self)
}
