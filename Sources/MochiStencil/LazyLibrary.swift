// A stencil library read for running it: the JIT needs a few hundred of the
// library's thousands of stencils per program, and decoding them all (every
// name a String, every code and hole array allocated) cost more than compiling
// a whole program. `LazyStencilLibrary` checks the header and the symbol table,
// walks the stencil records once to check their lengths and find where each
// starts, and indexes the names in a hash table over the bytes themselves; a
// stencil is decoded, with every check the eager reader makes
// (LibraryFormat.swift, the same code), the first time it is asked for.
// mochi-stencilgen, mochi-objdump and the tests keep using the eager
// `StencilLibrary`, which decodes and checks everything at once.
// A library opened from a file (`LazyStencilLibrary(path:)`, what a JIT run
// uses) keeps none of the file's megabyte in memory once it is scanned: a
// stencil's record is read again (pread) when it is first decoded, and a name
// compared only when its 64-bit hash matches, so a run's resident memory holds
// the few hundred stencils it uses, not all eight thousand.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class LazyStencilLibrary {
    public let target: StencilTarget
    public let digest: [UInt8]
    public let compiler: String
    public let branchProtection: BranchProtection
    public let symbols: [String]
    /// The library's bytes when it was given in memory; empty when it is read
    /// from `fd` as needed.
    let bytes: [UInt8]
    /// The open library file (`init(path:)`), else -1. Set last in the
    /// initializer, once nothing can throw: a throw closes it there.
    private(set) var fd: Int32 = -1
    /// The library's size in bytes.
    let size: Int
    /// Per stencil: where its record starts.
    var recordStart: [Int32] = []
    /// Per stencil: the FNV-1a hash of its name (the lookup compares names only
    /// when these match).
    var nameHash: [UInt64] = []
    /// Open addressing over FNV-1a hashes of the names: stencil index + 1, 0 empty.
    var table: [Int32] = []
    /// Per stencil: its index in `decodedStencils` once decoded, else -1 (not
    /// an array of optional stencils: zeroing eight thousand of those cost
    /// more than the whole lazy scan).
    var decodedAt: [Int32] = []
    var decodedStencils: [Stencil] = []

    public var count: Int { recordStart.count }

    /// Checks the header, the symbol table and every record's lengths; errors
    /// name the byte offset, as the eager reader's do.
    public convenience init(bytes: [UInt8]) throws {
        try self.init(scanning: bytes, fd: -1)
    }

    /// The library in the file at `path`, read once to be checked and indexed
    /// and then again record by record as stencils are decoded; nil when the
    /// file cannot be opened or read.
    public convenience init?(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let bytes = Posix.readAll(fd) else { close(fd); return nil }
        do { try self.init(scanning: bytes, fd: fd) } catch { close(fd); throw error }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    init(scanning bytes: [UInt8], fd: Int32) throws {
        self.size = bytes.count
        self.bytes = fd >= 0 ? [] : bytes
        var r = LibraryReader(bytes: bytes)
        (target, digest, compiler, branchProtection, symbols) = try r.header()
        let n = try r.count(minEntrySize: 18)
        var size = 16
        while size < 2 * n { size *= 2 }
        // One pass over the records with raw pointers (this runs on every JIT
        // start): each record's lengths checked against the bytes left, its
        // start noted and its name hashed into the table.
        var starts = [Int32](repeating: 0, count: n)
        var hashes = [UInt64](repeating: 0, count: n)
        var tab = [Int32](repeating: 0, count: size)
        var at = r.at
        // The first offset whose record does not fit, or -1: the loop below
        // only notes it, so that it stays a plain loop over bytes.
        var badAt = -1
        bytes.withUnsafeBufferPointer { buf in
            let p = buf.baseAddress!, end = buf.count
            @inline(__always) func u32(_ a: Int) -> Int { Int(p[a]) | Int(p[a + 1]) << 8 | Int(p[a + 2]) << 16 | Int(p[a + 3]) << 24 }
            for i in 0..<n {
                starts[i] = Int32(at)
                guard end - at >= 2 else { badAt = at; return }
                let nameLen = Int(p[at]) | Int(p[at + 1]) << 8
                guard end - at - 2 >= nameLen + 8 else { badAt = at; return }
                var h: UInt64 = 0xcbf29ce484222325
                for k in (at + 2)..<(at + 2 + nameLen) { h = (h ^ UInt64(p[k])) &* 0x100000001b3 }
                hashes[i] = h
                var q = at + 2 + nameLen + 4
                let codeLen = u32(q); q += 4
                guard codeLen <= end - q - 4 else { badAt = at; return }
                q += codeLen
                let dataLen = u32(q); q += 4
                guard dataLen <= end - q - 4 else { badAt = at; return }
                q += dataLen
                let holes = u32(q); q += 4
                guard holes <= (end - q) / 19 else { badAt = at; return }
                at = q + holes * 19
                var k = Int(h & UInt64(size - 1))
                while tab[k] != 0 { k = (k + 1) & (size - 1) }
                tab[k] = Int32(i + 1)
            }
        }
        if badAt >= 0 { throw StencilError("truncated stencil library: the stencil record at offset \(badAt) does not fit in the \(bytes.count) bytes") }
        guard at == bytes.count else { throw StencilError("\(bytes.count - at) trailing bytes at offset \(at)") }
        recordStart = starts
        nameHash = hashes
        table = tab
        decodedAt = Array(repeating: -1, count: n)
        self.fd = fd
    }

    /// The stencil called `name`, by index, or nil.
    public func index(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { u -> Int? in
            var h: UInt64 = 0xcbf29ce484222325
            for b in u { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            var k = Int(h & UInt64(table.count - 1))
            while table[k] != 0 {
                let i = Int(table[k] - 1)
                if nameHash[i] == h {
                    let name = nameBytes(i)
                    if name.count == u.count && name.withUnsafeBufferPointer({ memeq($0.baseAddress!, u.baseAddress, u.count) }) {
                        return i
                    }
                }
                k = (k + 1) & (table.count - 1)
            }
            return nil
        }
    }

    /// Stencil i's name.
    public func name(_ i: Int) -> String {
        String(decoding: nameBytes(i), as: UTF8.self)
    }

    /// Stencil i, decoded and checked on first use.
    public func stencil(_ i: Int) throws -> Stencil {
        if decodedAt[i] >= 0 { return decodedStencils[Int(decodedAt[i])] }
        let s: Stencil
        if fd >= 0 {
            let start = Int(recordStart[i])
            var r = LibraryReader(bytes: try readBytes(start, recordEnd(i) - start))
            do { s = try r.stencil(symbolCount: symbols.count) } catch let e as StencilError {
                throw StencilError("in the stencil record at offset \(start): \(e.message)")
            }
        } else {
            var r = LibraryReader(bytes: bytes)
            r.at = Int(recordStart[i])
            s = try r.stencil(symbolCount: symbols.count)
        }
        decodedAt[i] = Int32(decodedStencils.count)
        decodedStencils.append(s)
        return s
    }

    /// Where stencil i's record ends (the next one's start, or the end).
    func recordEnd(_ i: Int) -> Int {
        i + 1 < recordStart.count ? Int(recordStart[i + 1]) : size
    }

    /// Stencil i's name, from memory or the file (the scan checked that it fits).
    func nameBytes(_ i: Int) -> [UInt8] {
        let at = Int(recordStart[i])
        if fd < 0 {
            let len = Int(bytes[at]) | Int(bytes[at + 1]) << 8
            return Array(bytes[(at + 2)..<(at + 2 + len)])
        }
        guard let head = try? readBytes(at, 2) else { return [] }
        let len = Int(head[0]) | Int(head[1]) << 8
        return (try? readBytes(at + 2, len)) ?? []
    }

    /// n bytes of the library file from offset `at`.
    func readBytes(_ at: Int, _ n: Int) throws -> [UInt8] {
        var got = 0
        let out = try [UInt8](unsafeUninitializedCapacity: n) { buf, count in
            while got < n {
                let r = pread(fd, buf.baseAddress! + got, n - got, off_t(at + got))
                if r < 0 { if errno == EINTR { continue }; break }
                if r == 0 { break }
                got += r
            }
            count = got
            if got < n { throw StencilError("the stencil library file changed or cannot be read: \(n) bytes at offset \(at)") }
        }
        return out
    }

}

private func memeq(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
    guard let b else { return n == 0 }
    for k in 0..<n where a[k] != b[k] { return false }
    return true
}

extension LazyStencilLibrary {
    /// The header of the library at `path`, read from its first 64 KiB (a
    /// header is a few KiB) and checked as the whole library's is: for
    /// checking that a library is the right one before reading all of it.
    /// Nil when the file cannot be read.
    public static func header(path: String) throws
        -> (target: StencilTarget, digest: [UInt8], compiler: String, branchProtection: BranchProtection)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var prefix = [UInt8](repeating: 0, count: 1 << 16)
        var got = 0
        while got < prefix.count {
            let r = prefix.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, $0.count - got) }
            if r < 0 { if errno == EINTR { continue }; return nil }
            if r == 0 { break }
            got += r
        }
        prefix.removeSubrange(got...)
        var r = LibraryReader(bytes: prefix)
        let (target, digest, compiler, branchProtection, _) = try r.header()
        return (target, digest, compiler, branchProtection)
    }
}
