// The stencil library's binary form (`*.stencils`): what mochi-stencilgen writes
// and mochi-jitrun / mochi-objdump read. Versioned and self-describing, so a
// library from another target or other inputs is recognised and refused.
//
//   magic "MSTL" | u16 version | u8 target length, target name ("x86_64-linux")
//   32-byte SHA-256 digest of the inputs | u16 length, compiler version line
//   u8 branch protection (0 none, 1 standard: BTI + PAC-RET, AArch64 only)
//   u32 symbol count, then per symbol: u16 length, UTF-8 name
//   u32 stencil count, then per stencil:
//     u16 name length, name | u32 elided bytes
//     u32 code length, code | u32 data length, data
//     u32 hole count, then per hole: u32 offset, u8 kind, u8 value tag, u8 operand
//                                   (the error exit for tag 6), u32 symbol index,
//                                   i64 addend
// All integers little-endian. Decoding checks every length against the bytes
// left and every index against its table; errors carry the byte offset.

extension StencilLibrary {
    /// The library as bytes.
    public func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.bytes(StencilLibrary.magic)
        w.u16(StencilLibrary.version)
        w.u8(UInt8(target.rawValue.utf8.count)); w.bytes(Array(target.rawValue.utf8))
        w.bytes(digest)
        w.u16(UInt16(compiler.utf8.count)); w.bytes(Array(compiler.utf8))
        w.u8(branchProtection == .standard ? 1 : 0)
        w.u32(UInt32(symbols.count))
        for s in symbols { w.u16(UInt16(s.utf8.count)); w.bytes(Array(s.utf8)) }
        w.u32(UInt32(stencils.count))
        for s in stencils {
            w.u16(UInt16(s.name.utf8.count)); w.bytes(Array(s.name.utf8))
            w.u32(UInt32(s.elidedBytes))
            w.u32(UInt32(s.code.count)); w.bytes(s.code)
            w.u32(UInt32(s.data.count)); w.bytes(s.data)
            w.u32(UInt32(s.holes.count))
            for h in s.holes {
                w.u32(UInt32(h.offset))
                w.u8(h.kind.rawValue)
                switch h.value {
                case .operand(let o): w.u8(0); w.u8(o.rawValue); w.u32(0)
                case .continuation: w.u8(1); w.u8(0); w.u32(0)
                case .target: w.u8(2); w.u8(0); w.u32(0)
                case .callee: w.u8(3); w.u8(0); w.u32(0)
                case .symbol(let i): w.u8(4); w.u8(0); w.u32(UInt32(i))
                case .data: w.u8(5); w.u8(0); w.u32(0)
                case .errorExit(let k): w.u8(6); w.u8(UInt8(k)); w.u32(0)
                }
                w.u64(UInt64(bitPattern: h.addend))
            }
        }
        return w.out
    }

    /// True when `bytes` start with the stencil library magic.
    public static func isLibrary(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    /// Decodes a library, checking everything; errors name the byte offset.
    public init(bytes: [UInt8]) throws {
        var r = LibraryReader(bytes: bytes)
        (target, digest, compiler, branchProtection, symbols) = try r.header()
        let nst = try r.count(minEntrySize: 18)
        stencils = []
        for _ in 0..<nst { stencils.append(try r.stencil(symbolCount: symbols.count)) }
        guard r.at == bytes.count else { throw StencilError("\(bytes.count - r.at) trailing bytes at offset \(r.at)") }
    }
}

extension LibraryReader {
    /// Magic, version, target, digest, compiler line and symbol table.
    mutating func header() throws -> (StencilTarget, [UInt8], String, BranchProtection, [String]) {
        guard bytes.starts(with: StencilLibrary.magic) else { throw StencilError("not a stencil library (bad magic) at offset 0") }
        at = 4
        let version = try u16()
        guard version == StencilLibrary.version else {
            throw StencilError("stencil library version \(version), this tool reads version \(StencilLibrary.version) (offset 4)")
        }
        let tAt = at
        let tName = try string(Int(try u8()))
        guard let t = StencilTarget(rawValue: tName) else { throw StencilError("unknown stencil target '\(tName)' at offset \(tAt)") }
        let digest = try take(32)
        let compiler = try string(Int(try u16()))
        let bAt = at
        let bp: BranchProtection
        switch try u8() {
        case 0: bp = .none
        case 1: bp = .standard
        case let v: throw StencilError("unknown branch protection \(v) at offset \(bAt)")
        }
        guard bp.isSupported(on: t) else { throw StencilError("branch protection on \(t.rawValue) at offset \(bAt)") }
        let nsym = try count(minEntrySize: 2)
        var symbols: [String] = []
        for _ in 0..<nsym { symbols.append(try string(Int(try u16()))) }
        return (t, digest, compiler, bp, symbols)
    }

    /// One stencil record, every field checked.
    mutating func stencil(symbolCount: Int) throws -> Stencil {
        let name = try string(Int(try u16()))
        let elided = Int(try u32())
        let code = try take(Int(try u32()))
        let data = try take(Int(try u32()))
        let nh = try count(minEntrySize: 19)
        var holes: [Hole] = []
        holes.reserveCapacity(nh)
        for _ in 0..<nh {
            let hAt = at
            let offset = Int(try u32())
            let kAt = at
            guard let kind = RelocationKind(rawValue: try u8()) else {
                throw StencilError("stencil \(name): unknown relocation kind \(bytes[kAt]) at offset \(kAt)")
            }
            let tag = try u8(), op = try u8(), sym = Int(try u32())
            let addend = Int64(bitPattern: try u64())
            let value: HoleValue
            switch tag {
            case 0:
                guard let o = Operand(rawValue: op) else { throw StencilError("stencil \(name): unknown operand \(op) at offset \(hAt)") }
                value = .operand(o)
            case 1: value = .continuation
            case 2: value = .target
            case 3: value = .callee
            case 4:
                guard sym < symbolCount else { throw StencilError("stencil \(name): symbol index \(sym) out of range at offset \(hAt)") }
                value = .symbol(sym)
            case 5: value = .data
            case 6:
                guard op < ErrorExit.symbols.count else { throw StencilError("stencil \(name): unknown error exit \(op) at offset \(hAt)") }
                value = .errorExit(Int(op))
            default: throw StencilError("stencil \(name): unknown hole value tag \(tag) at offset \(hAt)")
            }
            // The operand byte and the symbol index of a tag that has none are zero,
            // so a library has one encoding (the writer's).
            guard (op == 0 || tag == 0 || tag == 6) && (sym == 0 || tag == 4) else {
                throw StencilError("stencil \(name): an unused hole field is not zero at offset \(hAt)")
            }
            let width = kind.patchWidth
            guard offset <= code.count - width else {
                throw StencilError("stencil \(name): hole at \(offset) (\(width) bytes) is outside its \(code.count)-byte code (offset \(hAt))")
            }
            holes.append(Hole(offset: offset, kind: kind, value: value, addend: addend))
        }
        return Stencil(name: name, code: code, data: data, holes: holes, elidedBytes: elided)
    }
}

struct ByteWriter {
    var out: [UInt8] = []
    mutating func u8(_ v: UInt8) { out.append(v) }
    mutating func u16(_ v: UInt16) { out.append(UInt8(v & 0xff)); out.append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
    mutating func u64(_ v: UInt64) { for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) } }
    mutating func bytes(_ b: [UInt8]) { out.append(contentsOf: b) }
}

struct LibraryReader {
    let bytes: [UInt8]
    var at = 0
    mutating func take(_ n: Int) throws -> [UInt8] {
        guard n >= 0, n <= bytes.count - at else {
            throw StencilError("truncated stencil library: \(n) bytes needed at offset \(at), \(bytes.count - at) left")
        }
        defer { at += n }
        return Array(bytes[at..<(at + n)])
    }
    mutating func skip(_ n: Int) throws {
        guard n >= 0, n <= bytes.count - at else {
            throw StencilError("truncated stencil library: \(n) bytes needed at offset \(at), \(bytes.count - at) left")
        }
        at += n
    }
    mutating func u8() throws -> UInt8 { try skip(1); return bytes[at - 1] }
    mutating func u16() throws -> UInt16 { try skip(2); return UInt16(bytes[at - 2]) | UInt16(bytes[at - 1]) << 8 }
    mutating func u32() throws -> UInt32 {
        try skip(4)
        return UInt32(bytes[at - 4]) | UInt32(bytes[at - 3]) << 8 | UInt32(bytes[at - 2]) << 16 | UInt32(bytes[at - 1]) << 24
    }
    mutating func u64() throws -> UInt64 { UInt64(try u32()) | UInt64(try u32()) << 32 }
    mutating func string(_ n: Int) throws -> String {
        try skip(n)
        // Names are UTF-8: a lossy decoding would accept a library that does not
        // re-encode to its own bytes and whose names match nothing.
        guard let s = String(validating: bytes[(at - n)..<at], as: UTF8.self) else {
            throw StencilError("a name that is not UTF-8 at offset \(at - n)")
        }
        return s
    }
    /// A u32 count of entries of at least `minEntrySize` bytes each, checked
    /// against the bytes left so a hostile count cannot make us allocate.
    mutating func count(minEntrySize: Int) throws -> Int {
        let cAt = at
        let n = Int(try u32())
        guard n <= (bytes.count - at) / minEntrySize else {
            throw StencilError("count \(n) at offset \(cAt) exceeds what the remaining \(bytes.count - at) bytes can hold")
        }
        return n
    }
}
