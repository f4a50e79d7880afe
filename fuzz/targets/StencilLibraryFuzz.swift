// libFuzzer target `stencil-library` (scripts/fuzz): the readers of the JIT's
// stencil library (`*.stencils`) on arbitrary bytes. The eager reader
// (StencilLibrary, used by mochi-objdump and mochi-stencilgen) and the lazy one
// (LazyStencilLibrary, used by every JIT start) must agree: both reject, or both
// accept and decode the same stencils, which re-encode to the input; each hole is
// then patched into a copy of its stencil's code as the JIT patches it (a value
// out of the relocation's range is an error, never a write outside the code).
//
// With MOCHI_FUZZ_MAKE_SEEDS=DIR and MOCHI_STENCILS=LIBRARY set, the binary writes
// seed libraries (small slices of the real one) to DIR and exits.

import MochiStencil
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInit(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    guard let dir = getenv("MOCHI_FUZZ_MAKE_SEEDS"), let path = getenv("MOCHI_STENCILS") else { return 0 }
    guard let bytes = readWholeFile(String(cString: path)), let lib = try? StencilLibrary(bytes: bytes) else {
        fputs("stencil-library: cannot read \(String(cString: path))\n", stderr)
        exit(1)
    }
    // Slices of a few stencils each, with the symbol table they need (all of it: it is small).
    var k = 0
    var at = 0
    while at < lib.stencils.count && k < 64 {
        let n = 1 + (k % 4)
        let slice = StencilLibrary(target: lib.target, digest: lib.digest, compiler: lib.compiler, symbols: lib.symbols,
                                   stencils: Array(lib.stencils[at..<min(at + n, lib.stencils.count)]))
        writeWholeFile("\(String(cString: dir))/seed-\(k).stencils", slice.encoded())
        at += max(1, lib.stencils.count / 64)
        k += 1
    }
    exit(0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let eager = try? StencilLibrary(bytes: bytes)
    let lazy = try? LazyStencilLibrary(bytes: bytes)
    guard let lib = eager else {
        if let lazy {
            // The lazy reader checks records as they are used: one of them must fail.
            var failed = false
            for i in 0..<lazy.count where (try? lazy.stencil(i)) == nil { failed = true; break }
            precondition(failed, "the lazy reader accepted every stencil of a library the eager reader rejects")
        }
        return 0
    }
    guard let lazy else { preconditionFailure("the lazy reader rejected a library the eager reader accepts") }
    precondition(lazy.count == lib.stencils.count, "the readers disagree on the stencil count")
    precondition(lib.encoded() == bytes, "an accepted library does not re-encode to its bytes")
    for (i, s) in lib.stencils.enumerated() {
        guard let t = try? lazy.stencil(i) else { preconditionFailure("the lazy reader rejected stencil \(i)") }
        precondition(t == s, "the readers decode stencil \(i) differently")
        precondition(lazy.index(of: s.name) != nil, "the lazy index does not find stencil \(s.name)")
        var code = s.code
        code.withUnsafeMutableBytes { buf in
            for h in s.holes {
                precondition(h.offset >= 0 && h.offset + h.kind.patchWidth <= buf.count, "a hole outside its code")
                _ = instructionField(h.kind, in: s.code, at: h.offset)
                for address in [UInt64(0x1000), UInt64(0x7fff_0000_0000)] {
                    try? patch(h.kind, at: buf.baseAddress! + h.offset, address: address + UInt64(h.offset),
                               value: UInt64(bitPattern: h.addend) &+ address)
                }
            }
        }
    }
    return 0
}

func readWholeFile(_ path: String) -> [UInt8]? {
    guard let fp = fopen(path, "rb") else { return nil }
    defer { fclose(fp) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&buf, 1, buf.count, fp)
        if n > 0 { out.append(contentsOf: buf[0..<n]) }
        if n < buf.count { break }
    }
    return out
}

func writeWholeFile(_ path: String, _ bytes: [UInt8]) {
    guard let fp = fopen(path, "wb") else { return }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, fp) }
    fclose(fp)
}
