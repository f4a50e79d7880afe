// libFuzzer target `elf` (scripts/fuzz): the ELF object reader that
// mochi-stencilgen extracts stencils with, on arbitrary bytes. Reading must throw
// an ELFError or give sections, symbols and relocations that stay inside the
// file; stencil extraction (for the file's own machine) must throw a
// StencilError/ELFError or give stencils whose holes lie inside their code.

import MochiStencil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let elf = try? ELFFile(bytes: bytes) else { return 0 }
    for s in elf.sections {
        _ = elf.data(of: s)
        _ = try? elf.relocations(for: s.index)
    }
    for target in StencilTarget.allCases where target.elfMachine == elf.machine {
        var symbols = SymbolTable()
        guard let stencils = try? extractStencils(from: elf, target: target, symbols: &symbols, objectName: "fuzz.o") else {
            continue
        }
        for s in stencils {
            for h in s.holes {
                precondition(h.offset >= 0 && h.offset + h.kind.patchWidth <= s.code.count,
                             "stencil \(s.name): a hole at \(h.offset) outside its \(s.code.count)-byte code")
            }
        }
    }
    return 0
}
