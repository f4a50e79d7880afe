// Runtime.swift: finding the C runtime's sources, digesting them, and naming the
// cache entry that holds them compiled.
//
// The runtime (Sources/MochiRuntime) is compiled once per target, compiler, mode
// and source digest, then reused by every link. The digest covers every source and
// header byte and the exact compile flags, so an edited runtime or a changed flag
// gets a fresh entry instead of a stale one.

import Foundation

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

/// SHA-256 (FIPS 180-4): Foundation on Linux has no CryptoKit, and the cache key
/// must not collide when the runtime changes.
public struct SHA256 {
    private var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public init() {}

    public mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        pending.append(contentsOf: bytes)
        var start = 0
        while pending.count - start >= 64 {
            compress(pending, at: start)
            start += 64
        }
        pending.removeFirst(start)
    }

    public mutating func hexDigest() -> String {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        while (pending.count + tail.count) % 64 != 56 { tail.append(0) }
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        pending.append(contentsOf: tail)
        var start = 0
        while start < pending.count {
            compress(pending, at: start)
            start += 64
        }
        pending = []
        let hex: [Character] = Array("0123456789abcdef")
        var out = ""
        for word in h {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(hex[Int((word >> UInt32(shift)) & 0xf)]) }
        }
        return out
    }

    private mutating func compress(_ block: [UInt8], at offset: Int) {
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        var w = [UInt32](repeating: 0, count: 64)
        for i in 0..<16 {
            let b = offset + i * 4
            w[i] = UInt32(block[b]) << 24 | UInt32(block[b + 1]) << 16 | UInt32(block[b + 2]) << 8 | UInt32(block[b + 3])
        }
        for i in 16..<64 {
            let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7]
        for i in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let ch = (e & f) ^ (~e & g)
            let t1 = hh &+ s1 &+ ch &+ SHA256.k[i] &+ w[i]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ maj
            hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
        }
        h[0] &+= a; h[1] &+= b; h[2] &+= c; h[3] &+= d; h[4] &+= e; h[5] &+= f; h[6] &+= g; h[7] &+= hh
    }
}
