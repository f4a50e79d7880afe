// The code listing of a compiled module (`mochi-jitrun --dump-code`): per
// function, each instruction's stencil name and its patched bytes with their
// disassembly (llvm-objdump, through MochiStencil's disassembler; hex bytes only
// when it is not installed).

import MochiStencil

func codeListing(_ code: JITCode, library: LazyStencilLibrary) -> String {
    var out = ""
    for f in code.layout {
        out += "function @\(f.name): \(f.end - f.start) bytes, \(f.stencils.count) stencils\n"
        let bytes = (f.start..<f.end).map { code.base.load(fromByteOffset: $0, as: UInt8.self) }
        let base = UInt64(UInt(bitPattern: code.base)) + UInt64(f.start)
        var marks: [Int: String] = [:]
        for (off, st) in zip(f.offsets, f.stencils) { marks[off - f.start] = library.name(Int(st)) }
        out += disassemblyListing(bytes, target: library.target, baseAddress: base, marks: marks, holes: [])
        out += "\n"
    }
    return out
}

/// The perf map of a compiled module (`/tmp/perf-PID.map`, the format `perf
/// report` reads for JIT code: `START SIZE NAME` in hex, one line a symbol):
/// one symbol per function, or with `perStencil` one per stencil instance
/// named `function:stencil`, so a profile says which stencils the time goes to.
func perfMap(_ code: JITCode, library: LazyStencilLibrary, perStencil: Bool) -> String {
    let base = UInt(bitPattern: code.base)
    var out = ""
    func line(_ start: Int, _ end: Int, _ name: String) {
        guard end > start else { return }
        out += String(base + UInt(start), radix: 16) + " " + String(end - start, radix: 16) + " " + name + "\n"
    }
    for f in code.layout {
        guard perStencil else { line(f.start, f.end, "mochi:" + f.name); continue }
        for (k, (off, st)) in zip(f.offsets, f.stencils).enumerated() {
            let next = k + 1 < f.offsets.count ? f.offsets[k + 1] : f.end
            line(off, next, f.name + ":" + library.name(Int(st)))
        }
    }
    return out
}
