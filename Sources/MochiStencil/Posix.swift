// The little of the operating system the stencil library needs (read a file,
// list a directory, find an executable, run a compiler and collect its output),
// on Glibc directly. MochiStencil, and so mochi-jitrun, does not link Foundation:
// on Linux that costs every JIT run ~10 MiB of resident libraries (Foundation,
// ICU) and milliseconds of start-up.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The whole file at `path`, or nil when it cannot be read.
public func readFileBytes(_ path: String) -> [UInt8]? { Posix.readFile(path) }

enum Posix {
    /// The whole file, or nil when it cannot be read.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readAll(fd)
    }

    static func readAll(_ fd: Int32) -> [UInt8]? {
        var out: [UInt8] = []
        // A regular file is read straight into an array of its size (the stencil
        // library is a megabyte: growing an array 64 KiB at a time copied it over
        // and over); anything else, or a file that grows, falls back to chunks.
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 {
            let size = Int(st.st_size)
            var got = 0, failed = false
            out = [UInt8](unsafeUninitializedCapacity: size) { buf, n in
                while got < size {
                    let r = read(fd, buf.baseAddress! + got, size - got)
                    if r < 0 { if errno == EINTR { continue }; failed = true; break }
                    if r == 0 { break }
                    got += r
                }
                n = got
            }
            if failed { return nil }
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    /// Writes `bytes` to a new file at `path` (created or truncated).
    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 { if errno == EINTR { continue }; return false }
            off += n
        }
        return true
    }

    /// The names in a directory (without . and ..), or nil.
    static func listDirectory(_ path: String) -> [String]? {
        guard let d = opendir(path) else { return nil }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
    static func isExecutable(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// The absolute, symlink-free form of `path`, or nil.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// `path` without its last component ("/a/b" -> "/a", "b" -> ".").
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// A fresh private directory under $TMPDIR (or /tmp).
    static func makeTemporaryDirectory(_ prefix: String) -> String? {
        let base = environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/" + prefix + "XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { return nil }
        return String(cString: template)
    }

    /// Removes a directory holding only plain files (our temporary directories).
    static func removeDirectory(_ path: String) {
        for name in listDirectory(path) ?? [] { unlink(path + "/" + name) }
        rmdir(path)
    }

    /// Runs `exe` with `args` (in `cwd`), returning its exit status, stdout and
    /// stderr. Both streams go to temporary files, so neither can fill a pipe and
    /// block the child.
    static func run(_ exe: String, _ args: [String], cwd: String? = nil) -> (status: Int32, out: [UInt8], err: String)? {
        guard let tmp = makeTemporaryDirectory("mochi-run-") else { return nil }
        defer { removeDirectory(tmp) }
        let outPath = tmp + "/out", errPath = tmp + "/err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // In another directory: through the shell, which changes to it and execs.
        let (path, full) = cwd.map { ("/bin/sh", ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, exe] + args) }
            ?? (exe, [exe] + args)
        let argv = full.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 { if errno != EINTR { return nil } }
        let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, readFile(outPath) ?? [], String(decoding: readFile(errPath) ?? [], as: UTF8.self))
    }
}
