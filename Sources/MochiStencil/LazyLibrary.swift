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

public final class LazyStencilLibrary {
    public let target: StencilTarget
    public let digest: [UInt8]
    public let compiler: String
    public let symbols: [String]
    let bytes: [UInt8]
    /// Per stencil: where its record starts.
    var recordStart: [Int32] = []
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
    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        var r = LibraryReader(bytes: bytes)
        (target, digest, compiler, symbols) = try r.header()
        let n = try r.count(minEntrySize: 18)
        recordStart.reserveCapacity(n)
        for _ in 0..<n {
            recordStart.append(Int32(r.at))
            try r.skipStencil()
        }
        guard r.at == bytes.count else { throw StencilError("\(bytes.count - r.at) trailing bytes at offset \(r.at)") }
        decodedAt = Array(repeating: -1, count: n)
        var size = 16
        while size < 2 * n { size *= 2 }
        table = Array(repeating: 0, count: size)
        for i in 0..<n {
            let (lo, len) = nameRange(i)
            var k = Int(hash(lo, len) & UInt64(size - 1))
            while table[k] != 0 { k = (k + 1) & (size - 1) }
            table[k] = Int32(i + 1)
        }
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
                let (lo, len) = nameRange(i)
                if len == u.count && bytes.withUnsafeBufferPointer({ memeq($0.baseAddress! + lo, u.baseAddress, len) }) {
                    return i
                }
                k = (k + 1) & (table.count - 1)
            }
            return nil
        }
    }

    /// Stencil i's name.
    public func name(_ i: Int) -> String {
        let (lo, len) = nameRange(i)
        return String(decoding: bytes[lo..<(lo + len)], as: UTF8.self)
    }

    /// Stencil i, decoded and checked on first use.
    public func stencil(_ i: Int) throws -> Stencil {
        if decodedAt[i] >= 0 { return decodedStencils[Int(decodedAt[i])] }
        var r = LibraryReader(bytes: bytes)
        r.at = Int(recordStart[i])
        let s = try r.stencil(symbolCount: symbols.count)
        decodedAt[i] = Int32(decodedStencils.count)
        decodedStencils.append(s)
        return s
    }

    func nameRange(_ i: Int) -> (Int, Int) {
        let at = Int(recordStart[i])
        return (at + 2, Int(bytes[at]) | Int(bytes[at + 1]) << 8)
    }

    func hash(_ lo: Int, _ len: Int) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for k in lo..<(lo + len) { h = (h ^ UInt64(bytes[k])) &* 0x100000001b3 }
        return h
    }
}

private func memeq(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
    guard let b else { return n == 0 }
    for k in 0..<n where a[k] != b[k] { return false }
    return true
}
