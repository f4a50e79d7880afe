// Turning one compiled stencil object into stencils (CPython's _stencils.py and
// _targets.py in one): every global function named `mochi_st_<name>` must sit
// alone in its own code section (-ffunction-sections); its RELA relocations
// become holes, each resolved to what fills it (an operand, the continuation,
// the branch target, the callee, a runtime symbol, or the stencil's own read-only
// data); a trailing jump to the continuation is removed, because the JIT lays the
// next stencil right there. Anything the patcher could not handle (a relocation
// kind, a writable section, a call into another stencil) is an error naming it
// and the stencil.
//
// AArch64 branch protection (-mbranch-protection=standard): clang starts every
// function with `bti c`, or with `paciasp` (which is itself a landing pad for
// BLR and BR x16/x17) where it saves the link register. Stencils are reached by
// falling through or by direct branches, never indirectly, so a leading `bti c`
// is stripped here (one instruction less per stencil laid out); the JIT puts
// `bti c` itself at the function entries that indirect calls reach. `paciasp`
// stays, and the checks below prove each such stencil authenticates the link
// register (`autiasp`, same SP: the compiler's epilogue) right before every way
// out, so a signed return address never leaks into the next stencil.

public let stencilPrefix = "mochi_st_"

/// Symbol names interned for `.symbol` holes, shared across objects.
public struct SymbolTable {
    public private(set) var names: [String] = []
    var index: [String: Int] = [:]
    public init() {}
    public mutating func intern(_ s: String) -> Int {
        if let i = index[s] { return i }
        names.append(s)
        index[s] = names.count - 1
        return names.count - 1
    }
}

/// The stencils of one object file, in symbol-table order.
public func extractStencils(from elf: ELFFile, target: StencilTarget, symbols: inout SymbolTable,
                            objectName: String = "object") throws -> [Stencil] {
    guard elf.machine == target.elfMachine else {
        throw StencilError("\(objectName): ELF machine \(elf.machine) is not \(target.rawValue)")
    }
    guard elf.fileType == 1 else { throw StencilError("\(objectName): not a relocatable object (type \(elf.fileType))") }
    var out: [Stencil] = []
    for sym in elf.symbols where sym.type == ELF.typeFunc && sym.name.hasPrefix(stencilPrefix) {
        let name = String(sym.name.dropFirst(stencilPrefix.count))
        guard !sym.isUndefined, Int(sym.sectionIndex) < elf.sections.count else {
            throw StencilError("stencil \(name): function symbol is not defined in a section")
        }
        let section = elf.sections[Int(sym.sectionIndex)]
        guard section.isExecutable, section.type == ELF.sectionProgbits else {
            throw StencilError("stencil \(name): section \(section.name) is not a code section")
        }
        guard sym.value == 0, sym.size == UInt64(section.size) else {
            throw StencilError("stencil \(name): section \(section.name) holds more than the stencil (compile with -ffunction-sections)")
        }
        var code = Array(elf.data(of: section))
        var data: [UInt8] = []
        var dataStart: [Int: Int] = [:] // ELF section index -> offset in `data`
        var holes: [Hole] = []
        for rel in try elf.relocations(for: section.index) {
            guard let kind = RelocationKind(machine: elf.machine, elfType: rel.type) else {
                throw StencilError("stencil \(name): unhandled relocation \(RelocationKind.elfName(machine: elf.machine, type: rel.type)) at offset \(rel.offset)")
            }
            // The reader checks only that the offset is inside the section: the
            // patched bytes must be too.
            guard rel.offset <= UInt64(code.count) - UInt64(min(kind.patchWidth, code.count)),
                  kind.patchWidth <= code.count else {
                throw StencilError("stencil \(name): relocation at offset \(rel.offset) patches \(kind.patchWidth) bytes past its \(code.count)-byte code")
            }
            let target = elf.symbols[rel.symbol]
            var value: HoleValue
            var addend = rel.addend
            if target.isUndefined {
                if target.name == "_JIT_CONTINUE" { value = .continuation }
                else if target.name == "_JIT_TARGET" { value = .target }
                else if target.name == "_JIT_CALLEE" { value = .callee }
                else if let k = ErrorExit.symbols.firstIndex(of: target.name) { value = .errorExit(k) }
                else if let o = Operand.bySymbol[target.name] { value = .operand(o) }
                else if target.name.hasPrefix("_JIT_") {
                    throw StencilError("stencil \(name): unknown hole symbol \(target.name)")
                } else if target.name.isEmpty {
                    throw StencilError("stencil \(name): relocation against an unnamed undefined symbol")
                } else {
                    value = .symbol(symbols.intern(target.name))
                }
            } else {
                guard Int(target.sectionIndex) < elf.sections.count else {
                    throw StencilError("stencil \(name): relocation against symbol \(target.name) in special section \(target.sectionIndex)")
                }
                let ts = elf.sections[Int(target.sectionIndex)]
                if ts.index == section.index || ts.isExecutable {
                    throw StencilError("stencil \(name): reference to code in \(ts.name) (\(target.name.isEmpty ? "section" : target.name)); stencils may only jump to holes")
                }
                guard ts.isAllocated, !ts.isWritable, ts.type == ELF.sectionProgbits else {
                    throw StencilError("stencil \(name): unhandled section kind: \(ts.name) (\(ts.isWritable ? "writable" : "not read-only data")); stencils must not keep state")
                }
                if dataStart[ts.index] == nil {
                    let align = max(1, min(Int(ts.alignment), 64))
                    while data.count % align != 0 { data.append(0) }
                    dataStart[ts.index] = data.count
                    data.append(contentsOf: elf.data(of: ts))
                }
                value = .data
                addend += Int64(dataStart[ts.index]!) + Int64(bitPattern: target.value)
            }
            if case .operand(let o) = value, kind.isPCRelative, o != .FN, o != .FN2 {
                // A value hole used as an address relative to the code (`lea sym+k(%rip)`):
                // it cannot be patched wherever the code lands. Rewrite the stencil.
                throw StencilError("stencil \(name): operand \(o.symbol) used PC-relatively (\(kind.name)); avoid arithmetic on it in C")
            }
            holes.append(Hole(offset: Int(rel.offset), kind: kind, value: value, addend: addend))
        }
        holes.sort { $0.offset < $1.offset }
        if target.isAArch64 { try checkPointerAuthentication(name, code, holes) }
        // Elide a trailing jump to the continuation.
        var elided = 0
        if let last = holes.last, last.value == .continuation {
            switch target {
            case .x86_64Linux:
                if code.count >= 5, code[code.count - 5] == 0xe9, last.offset == code.count - 4,
                   last.kind == .x86_64_PLT32 || last.kind == .x86_64_PC32, last.addend == -4 {
                    elided = 5
                }
            case .aarch64Linux, .aarch64Macos:
                if code.count >= 4, last.offset == code.count - 4, last.kind == .aarch64_JUMP26, last.addend == 0 {
                    elided = 4
                }
            }
            if elided > 0 {
                code.removeLast(elided)
                holes.removeLast()
                if let h = holes.first(where: { $0.offset + $0.kind.patchWidth > code.count }) {
                    throw StencilError("stencil \(name): the hole at offset \(h.offset) overlaps the jump to the continuation")
                }
            }
        }
        if target.isAArch64, code.count >= 4, AArch64Word.at(code, 0) == AArch64Word.btiC {
            // Only kept if something inside the stencil branches back to it.
            if !(0..<code.count / 4).contains(where: { k in
                !holes.contains { $0.offset == 4 * k } && AArch64Word.branchTarget(AArch64Word.at(code, 4 * k), at: 4 * k) == 0
            }) {
                code.removeFirst(4)
                for k in holes.indices { holes[k].offset -= 4 }
            }
        }
        out.append(Stencil(name: name, code: code, data: data, holes: holes, elidedBytes: elided))
    }
    return out
}

/// The AArch64 instruction words branch protection is about.
public enum AArch64Word {
    public static let btiC: UInt32 = 0xd503_245f
    public static let paciasp: UInt32 = 0xd503_233f
    public static let autiasp: UInt32 = 0xd503_23bf
    public static let ret: UInt32 = 0xd65f_03c0
    public static let nop: UInt32 = 0xd503_201f

    static func at(_ code: [UInt8], _ o: Int) -> UInt32 {
        UInt32(code[o]) | UInt32(code[o + 1]) << 8 | UInt32(code[o + 2]) << 16 | UInt32(code[o + 3]) << 24
    }

    /// The target offset of a direct branch (B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ) at `pc`, nil for anything else.
    static func branchTarget(_ w: UInt32, at pc: Int) -> Int? {
        func sext(_ v: UInt32, _ bits: Int) -> Int { Int(Int32(bitPattern: v << (32 - bits)) >> (32 - bits)) }
        if w & 0x7c00_0000 == 0x1400_0000 { return pc + 4 * sext(w & 0x3ff_ffff, 26) }
        if w & 0xff00_0010 == 0x5400_0000 || w & 0x7e00_0000 == 0x3400_0000 { return pc + 4 * sext((w >> 5) & 0x7_ffff, 19) }
        if w & 0x7e00_0000 == 0x3600_0000 { return pc + 4 * sext((w >> 5) & 0x3fff, 14) }
        return nil
    }
}

/// PAC-RET in one stencil: if it signs the link register it does so first
/// thing, and authenticates it right before every instruction that leaves (a
/// `ret`, a jump to a hole, including the trailing jump to the continuation);
/// it never leaves by a conditional branch to a hole, which would skip that.
func checkPointerAuthentication(_ name: String, _ code: [UInt8], _ holes: [Hole]) throws {
    let words = (0..<code.count / 4).map { AArch64Word.at(code, 4 * $0) }
    let signs = words.first == AArch64Word.paciasp
    for (k, w) in words.enumerated() where (w == AArch64Word.paciasp && k > 0) || (w == AArch64Word.autiasp && !signs) {
        throw StencilError("stencil \(name): pointer authentication at offset \(4 * k) away from its entry (cannot be checked)")
    }
    guard signs else { return }
    let jumps = Set(holes.filter { $0.kind == .aarch64_JUMP26 }.map(\.offset))
    for h in holes where h.kind == .aarch64_CONDBR19 || h.kind == .aarch64_TSTBR14 {
        throw StencilError("stencil \(name): signs its return address but leaves by a conditional branch at offset \(h.offset)")
    }
    for (k, w) in words.enumerated() where w == AArch64Word.ret || jumps.contains(4 * k) {
        guard k > 0, words[k - 1] == AArch64Word.autiasp else {
            throw StencilError("stencil \(name): signs its return address but leaves at offset \(4 * k) without authenticating it")
        }
    }
}
