// The code listing of a compiled module (`mochi-jitrun --dump-code`): per
// function, each instruction's stencil name and its patched bytes with their
// disassembly (llvm-objdump, through MochiStencil's disassembler; hex bytes only
// when it is not installed).

import MochiStencil

func codeListing(_ code: JITCode, library: StencilLibrary) -> String {
    var out = ""
    for f in code.layout {
        out += "function @\(f.name): \(f.end - f.start) bytes, \(f.insts.count) stencils\n"
        let bytes = (f.start..<f.end).map { code.base.load(fromByteOffset: $0, as: UInt8.self) }
        let base = UInt64(UInt(bitPattern: code.base)) + UInt64(f.start)
        var marks: [Int: String] = [:]
        for (off, st) in f.insts { marks[off - f.start] = library.stencils[Int(st)].name }
        out += disassemblyListing(bytes, target: library.target, baseAddress: base, marks: marks, holes: [])
        out += "\n"
    }
    return out
}
