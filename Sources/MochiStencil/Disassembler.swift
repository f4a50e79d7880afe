// Disassembly for the stencil dumps (mochi-objdump on a library, mochi-jitrun
// --dump-code): the bytes are wrapped in a minimal ELF relocatable object (one
// .text section) and handed to llvm-objdump from the Swift toolchain; its lines
// are then annotated with stencil boundaries and the holes that fall in each
// instruction, so code and holes read side by side. Without llvm-objdump the
// listing is hex, 16 bytes a line, with the same annotations.


/// llvm-objdump: $MOCHI_OBJDUMP, beside the toolchain's clang, or on PATH.
public func findObjdump() -> String? {
    if let o = Posix.environment("MOCHI_OBJDUMP"), !o.isEmpty { return o }
    if let clang = findClang() {
        let o = Posix.directory(of: clang) + "/llvm-objdump"
        if Posix.isExecutable(o) { return o }
    }
    for dir in (Posix.environment("PATH") ?? "").split(separator: ":") where Posix.isExecutable("\(dir)/llvm-objdump") {
        return "\(dir)/llvm-objdump"
    }
    return nil
}

/// A minimal ELF64 relocatable object holding `code` as its .text section.
func wrapInELF(_ code: [UInt8], machine: UInt16) -> [UInt8] {
    var w = ByteWriter()
    let shstr: [UInt8] = Array("\0.text\0.shstrtab\0".utf8)
    let textOff = 64, strOff = 64 + code.count
    let shOff = (strOff + shstr.count + 7) & ~7
    w.bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]); w.bytes([UInt8](repeating: 0, count: 8))
    w.u16(1); w.u16(machine); w.u32(1); w.u64(0); w.u64(0); w.u64(UInt64(shOff))
    w.u32(0); w.u16(64); w.u16(0); w.u16(0); w.u16(64); w.u16(3); w.u16(2)
    w.bytes(code); w.bytes(shstr)
    while w.out.count < shOff { w.u8(0) }
    func section(_ name: UInt32, _ type: UInt32, _ flags: UInt64, _ off: Int, _ size: Int, _ align: UInt64) {
        w.u32(name); w.u32(type); w.u64(flags); w.u64(0); w.u64(UInt64(off)); w.u64(UInt64(size))
        w.u32(0); w.u32(0); w.u64(align); w.u64(0)
    }
    section(0, 0, 0, 0, 0, 0)
    section(1, ELF.sectionProgbits, ELF.flagAlloc | ELF.flagExec, textOff, code.count, 16)
    section(7, ELF.sectionStrtab, 0, strOff, shstr.count, 1)
    return w.out
}

/// Disassembled lines of `code`: (offset, text), or nil without llvm-objdump.
public func disassemble(_ code: [UInt8], target: StencilTarget) -> [(offset: Int, text: String)]? {
    guard !code.isEmpty, let objdump = findObjdump() else { return nil }
    guard let dir = Posix.makeTemporaryDirectory("mochi-disasm-") else { return nil }
    defer { Posix.removeDirectory(dir) }
    let path = dir + "/code.o"
    guard Posix.writeFile(path, wrapInELF(code, machine: target.elfMachine)) else { return nil }
    guard let (status, out, _) = try? runProcess(objdump, ["-d", "--no-show-raw-insn", path]), status == 0 else { return nil }
    var lines: [(Int, String)] = []
    for line in String(decoding: out, as: UTF8.self).split(separator: "\n") {
        let t = trimmed(line)
        guard let colon = t.firstIndex(of: ":"), let off = Int(t[..<colon], radix: 16),
              !t.hasSuffix(">:") else { continue }
        lines.append((off, trimmed(t[t.index(after: colon)...])))
    }
    return lines
}

/// Listings of many pieces of code (each stencil of a library) with one run of
/// the disassembler: the pieces are laid end to end, which keeps instruction
/// boundaries (every piece is whole instructions), and the lines split back.
public func disassemblyListings(_ pieces: [(code: [UInt8], holes: [Hole])], target: StencilTarget,
                                symbols: [String] = []) -> [String] {
    var all: [UInt8] = []
    var starts: [Int] = []
    for p in pieces { starts.append(all.count); all += p.code }
    let lines = disassemble(all, target: target)
    var out: [String] = []
    var li = 0
    for (k, p) in pieces.enumerated() {
        var mine: [(offset: Int, text: String)]? = nil
        if let lines {
            let lo = starts[k], hi = lo + p.code.count
            var part: [(offset: Int, text: String)] = []
            while li < lines.count && lines[li].offset < hi {
                if lines[li].offset >= lo { part.append((lines[li].offset - lo, rebase(lines[li].text, by: lo))) }
                li += 1
            }
            mine = part
        }
        out.append(listing(p.code, lines: mine, baseAddress: 0, marks: [:], holes: p.holes, symbols: symbols))
    }
    return out
}

/// A branch target in llvm-objdump's text (`jo 0x1a2 <.text+0x1a2>`) made
/// relative to the piece that starts at `base`.
func rebase(_ text: String, by base: Int) -> String {
    let b = Array(text.utf8)
    let marker = Array(" <.text+0x".utf8)
    guard b.count >= marker.count,
          let lt = (0...(b.count - marker.count)).first(where: { b[$0..<$0 + marker.count].elementsEqual(marker) }) else { return text }
    var ox = lt - 1
    while ox > 0 && !(b[ox - 1] == UInt8(ascii: "0") && b[ox] == UInt8(ascii: "x")) { ox -= 1 }
    guard ox > 0, let v = Int(String(decoding: b[(ox + 1)..<lt], as: UTF8.self), radix: 16) else { return text }
    return String(decoding: b[..<(ox - 1)], as: UTF8.self) + "0x" + String(v - base, radix: 16)
}

/// `s` without leading and trailing blanks.
func trimmed<S: StringProtocol>(_ s: S) -> String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = s.firstIndex(where: { !blank($0) }), let last = s.lastIndex(where: { !blank($0) }) else { return "" }
    return String(s[first...last])
}

/// `offset | bytes | instruction | holes`, with `marks` (offset -> label) printed
/// as headings, e.g. stencil names in a JIT-compiled function.
public func disassemblyListing(_ code: [UInt8], target: StencilTarget, baseAddress: UInt64 = 0,
                               marks: [Int: String] = [:], holes: [Hole] = [], symbols: [String] = []) -> String {
    listing(code, lines: disassemble(code, target: target), baseAddress: baseAddress, marks: marks, holes: holes,
            symbols: symbols)
}

func listing(_ code: [UInt8], lines: [(offset: Int, text: String)]?, baseAddress: UInt64,
             marks: [Int: String], holes: [Hole], symbols: [String]) -> String {
    func hex(_ v: Int, _ width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    var out = ""
    var rows: [(Int, Int, String)] = [] // offset, length, text
    if let lines {
        for (k, l) in lines.enumerated() {
            let end = k + 1 < lines.count ? lines[k + 1].offset : code.count
            rows.append((l.offset, end - l.offset, l.text))
        }
    } else {
        var o = 0
        while o < code.count { rows.append((o, min(16, code.count - o), "")); o += 16 }
    }
    for (off, len, text) in rows {
        for m in marks.keys.sorted() where m >= off && m < off + max(len, 1) { out += "  ; \(marks[m]!)\n" }
        var bytes = ""
        for k in off..<min(off + len, code.count) { bytes += hex(Int(code[k]), 2) + " " }
        if bytes.count < 30 { bytes += String(repeating: " ", count: 30 - bytes.count) }
        var line = "  \(hex(Int(baseAddress) + off, baseAddress == 0 ? 4 : 12)): \(bytes) \(text)"
        let inHere = holes.filter { $0.offset >= off && $0.offset < off + len }
        if !inHere.isEmpty {
            if line.count < 80 { line += String(repeating: " ", count: 80 - line.count) }
            line += " ; " + inHere.map { "hole +\(hex($0.offset, 2)) \($0.kind.name) \(holeValueName($0.value, symbols))\($0.addend != 0 ? " \($0.addend >= 0 ? "+" : "")\($0.addend)" : "")" }.joined(separator: ", ")
        }
        out += line + "\n"
    }
    return out
}

/// A hole value as the dumps print it.
public func holeValueName(_ v: HoleValue, _ symbols: [String]) -> String {
    switch v {
    case .operand(let o): return o.symbol
    case .continuation: return "_JIT_CONTINUE"
    case .target: return "_JIT_TARGET"
    case .callee: return "_JIT_CALLEE"
    case .symbol(let i): return i < symbols.count ? symbols[i] : "symbol#\(i)"
    case .data: return "<data>"
    case .errorExit(let k): return k >= 0 && k < ErrorExit.symbols.count ? ErrorExit.symbols[k] : "_JIT_EXIT\(k)"
    }
}
