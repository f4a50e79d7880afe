// A whole program laid out and patched for another machine (today AArch64 Linux),
// written as an image file that the C loader in loader/mochi_imagerun.c maps and
// runs (under qemu-aarch64-static here). The point: the bytes the JIT writes for
// AArch64 are the bytes that run, so the AArch64 stencils, their holes and the
// patcher are checked by running programs, not only by decoding.
//
// The image is laid out for one fixed address (`ImageLayout.defaultBase`, which
// the loader maps with MAP_FIXED_NOREPLACE): everything the JIT knows is patched
// here, exactly as the in-process JIT patches it, including addresses of the
// program's data, which live in the image's data region instead of this
// process's heap: global slots, string constant slots, type descriptors (laid
// out as the C struct, LP64), C strings and closure capture kinds. Only what
// the running process alone knows is left to the loader, as relocations naming
// runtime symbols (each an ELF relocation type the loader patches, or rejects
// by name), and the string constants, which are runtime objects the loader
// makes at start-up from the image's string table. A PC-relative reference to a
// runtime symbol is patched here to a veneer in the image (`ldr x16, #8; br
// x16; .quad SYM`, the quad an ABS64 relocation), so it works wherever the
// runtime is; the loader re-points the branch straight at the symbol when it
// is within the ±128 MiB a B/BL reaches.
//
// Branch protection: with a library compiled with -mbranch-protection=standard
// (BTI + PAC-RET; stencilgen has stripped each stencil's leading `bti c`), the
// functions an indirect call reaches (@main, which the loader enters through a
// function pointer, and every function a closure is made of, which call_closure
// reaches by BLR through the entry table) start with a `bti c` of their own;
// direct calls (BL) go past it. Nothing else in the image is an indirect-branch
// target: stencils follow each other or are reached by B/BL/B.cond, and the
// veneers are reached by B/BL and leave by BR x16, which the runtime's own `bti
// c` or `paciasp` accepts. The header's flags tell the loader to map the code
// with PROT_BTI (guarded pages: any other indirect-branch target faults).
//
// Layout: [data region, read-write][text region, read-execute], each 64 KiB
// aligned (the largest AArch64 page size). Data first, because the lowering asks
// for data addresses before the code size is known. The format, all integers
// little-endian (the loader checks every length and offset):
//   header (ImageLayout.headerSize bytes, fields in `ImageHeader` order)
//   symbols:    count x (u32 length, bytes)
//   relocations: count x (u64 place, u32 ELF type, u32 symbol, i64 addend, u64 veneer)
//               (place and veneer are offsets from the base; veneer 0: none)
//   strings:    count x (u64 length, bytes)  the string constants, slot order
//   file name:  bytes (the source file for runtime error locations)
//   data region bytes, text region bytes (their sizes in the header)

import MochiIR
import MochiJITSupport
import MochiRuntime
import MochiStencil
#if canImport(Glibc)
import Glibc
#endif

/// Constants of the image format, shared with loader/mochi_imagerun.c.
public enum ImageLayout {
    public static let magic: [UInt8] = Array("MOCHIIMG".utf8)
    public static let version: UInt32 = 2
    /// Where the image is mapped: low, so a static loader's runtime (linked at
    /// about 2 MiB) is within a B/BL's ±128 MiB of the code and most runtime calls
    /// go straight to it; the loader refuses to run when the range is taken.
    public static let defaultBase: UInt64 = 0x400_0000
    /// Region alignment: the largest page size AArch64 kernels use.
    public static let regionAlign = 65536
    /// Slots in the slot stack the loader maps (as `Run`'s).
    public static let stackSlots = 1 << 26
    /// 8 bytes of magic, then u32 version, u32 machine, then `ImageHeader`'s u64s.
    public static let headerSize = 16 + 8 * ImageHeader.fieldCount
    /// ELF machine number of AArch64.
    public static let machineAArch64: UInt32 = 183
    /// Header flags: the code has BTI landing pads (map it guarded, PROT_BTI);
    /// the code signs and authenticates return addresses (PAC-RET).
    public static let flagBTI: UInt64 = 1
    public static let flagPAC: UInt64 = 2
}

/// The header's u64 fields, in file order after magic, version and machine.
public struct ImageHeader: Equatable {
    public init() {}
    public var base: UInt64 = 0
    public var dataSize: UInt64 = 0
    public var textOffset: UInt64 = 0
    public var textSize: UInt64 = 0
    public var entry: UInt64 = 0
    public var mainFrameBytes: UInt64 = 0
    public var funcCount: UInt64 = 0
    public var entriesOffset: UInt64 = 0
    public var framesOffset: UInt64 = 0
    public var globalsOffset: UInt64 = 0
    public var globalCount: UInt64 = 0
    public var stringsOffset: UInt64 = 0
    public var stringCount: UInt64 = 0
    public var maxDepth: UInt64 = 0
    public var stackSlots: UInt64 = 0
    public var symbolCount: UInt64 = 0
    public var relocationCount: UInt64 = 0
    public var fileNameLength: UInt64 = 0
    /// `ImageLayout.flagBTI`, `flagPAC`.
    public var flags: UInt64 = 0
    static let fieldCount = 19
    var fields: [UInt64] {
        [base, dataSize, textOffset, textSize, entry, mainFrameBytes, funcCount, entriesOffset, framesOffset,
         globalsOffset, globalCount, stringsOffset, stringCount, maxDepth, stackSlots, symbolCount,
         relocationCount, fileNameLength, flags]
    }
}

/// One hole the loader fills: a runtime symbol's address, patched with an ELF
/// relocation type at `place` (an offset from the base).
public struct ImageRelocation: Equatable {
    public var place: UInt64
    public var elfType: UInt32
    public var symbol: UInt32
    public var addend: Int64
    /// The veneer a PC-relative branch was patched to (offset from the base), 0 none.
    public var veneer: UInt64
    public init(place: UInt64, elfType: UInt32, symbol: UInt32, addend: Int64, veneer: UInt64) {
        self.place = place; self.elfType = elfType; self.symbol = symbol; self.addend = addend; self.veneer = veneer
    }
}

/// A built image: its bytes and what went into them.
public struct AArch64Image {
    public var bytes: [UInt8]
    public var header: ImageHeader
    public var symbols: [String]
    public var relocations: [ImageRelocation]
    public var stats: JITStats
    /// The functions that start with a `bti c` (indirect-call targets), by index.
    public var landingPads: Set<Int>
}

/// The image's data region while it is built: bytes at fixed addresses.
struct ImageData {
    let base: UInt64
    var bytes: [UInt8] = []
    var cStrings: [String: UInt64] = [:]

    init(base: UInt64) { self.base = base }

    mutating func reserve(_ count: Int, align: Int = 8) -> Int {
        while bytes.count % align != 0 { bytes.append(0) }
        let at = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        return at
    }
    mutating func put64(_ offset: Int, _ v: UInt64) {
        for k in 0..<8 { bytes[offset + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
    }
    mutating func put32(_ offset: Int, _ v: UInt32) {
        for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
    }
    func address(_ offset: Int) -> UInt64 { base + UInt64(offset) }

    /// A NUL-terminated copy of s (one per distinct string).
    mutating func cString(_ s: String) -> UInt64 {
        if let a = cStrings[s] { return a }
        let u = Array(s.utf8)
        let at = reserve(u.count + 1, align: 1)
        for (k, c) in u.enumerated() { bytes[at + k] = c }
        cStrings[s] = address(at)
        return address(at)
    }

    /// A MochiTypeDesc as the C struct lays it out on LP64 (name, nfields, tag,
    /// field_names, field_kinds, union_name, anonymous), as mochi_desc_new makes it.
    mutating func descriptor(name: String, fields: [String], kinds: [UInt8], tag: Int32, union: String?,
                             anonymous: Bool) -> UInt64 {
        let namePtrs = fields.map { cString($0) }
        let names = reserve(8 * max(fields.count, 1))
        for (k, p) in namePtrs.enumerated() { put64(names + 8 * k, p) }
        let kindBytes = reserve(max(kinds.count, 1), align: 1)
        for (k, v) in kinds.enumerated() { bytes[kindBytes + k] = min(v, SlotKind.ref.rawValue) }
        let nameAddr = cString(name)
        let unionAddr = union.map { cString($0) } ?? 0
        let d = reserve(MemoryLayout<MochiTypeDesc>.size)
        put64(d + MemoryLayout<MochiTypeDesc>.offset(of: \.name)!, nameAddr)
        put32(d + MemoryLayout<MochiTypeDesc>.offset(of: \.nfields)!, UInt32(fields.count))
        put32(d + MemoryLayout<MochiTypeDesc>.offset(of: \.tag)!, UInt32(bitPattern: tag))
        put64(d + MemoryLayout<MochiTypeDesc>.offset(of: \.field_names)!, address(names))
        put64(d + MemoryLayout<MochiTypeDesc>.offset(of: \.field_kinds)!, address(kindBytes))
        put64(d + MemoryLayout<MochiTypeDesc>.offset(of: \.union_name)!, unionAddr)
        put32(d + MemoryLayout<MochiTypeDesc>.offset(of: \.anonymous)!, anonymous ? 1 : 0)
        return address(d)
    }
}

func alignUp(_ v: Int, _ a: Int) -> Int { (v + a - 1) / a * a }

/// Builds the image of `module` for the stencils' target (AArch64 Linux).
public func buildAArch64Image(module m: Module, stencils: LoadedStencils, base: UInt64 = ImageLayout.defaultBase,
                              maxDepth: Int = 100_000, registerHomes: Bool = true,
                              inlining: Bool = true, branchProtection: BranchProtection? = nil) throws -> AArch64Image {
    // (aarch64-macos stencils run on Linux too: they only leave x18 alone.)
    guard stencils.library.target.isAArch64 else {
        throw JITError("an image needs an AArch64 stencil library, not \(stencils.library.target.rawValue)")
    }
    guard base % UInt64(ImageLayout.regionAlign) == 0, base != 0 else {
        throw JITError("image base \(base) is not a non-zero multiple of \(ImageLayout.regionAlign)")
    }
    guard let mainIndex = m.symbolIndex().functions["main"] else { throw JITError("the module has no @main function") }
    guard m.functions[mainIndex].paramTypes.isEmpty else { throw JITError("@main must take no parameters") }
    // Landing pads need stencils compiled for them (their own leading pads
    // stripped, indirect calls inside them known); PAC is in the stencils or not.
    let compiled = stencils.library.branchProtection
    let protection = branchProtection ?? compiled
    if protection == .standard && compiled == .none {
        throw JITError("branch protection needs a stencil library generated with --branch-protection=standard")
    }
    var landingPads: Set<Int> = []
    if protection == .standard {
        let index = m.symbolIndex().functions
        landingPads.insert(mainIndex)
        for f in m.functions {
            for i in f.insts where i.op == .closureNew {
                if case .function(let name) = i.imm, let k = index[name] { landingPads.insert(k) }
            }
        }
    }
    var stats = JITStats()
    let t0 = monotonicMicros()

    // The data region: tables and slots first (their sizes are known), then
    // what the lowering asks for.
    var data = ImageData(base: base)
    let funcCount = m.functions.count
    let entriesAt = data.reserve(8 * max(funcCount, 1))
    let framesAt = data.reserve(8 * max(funcCount, 1))
    let globalsAt = data.reserve(8 * max(m.globals.count, 1))
    var strings: [String] = []
    var stringIndex: [String: Int] = [:]
    for f in m.functions {
        for i in f.insts where i.op == .sconst {
            if case .string(let s) = i.imm, stringIndex[s] == nil { stringIndex[s] = strings.count; strings.append(s) }
        }
    }
    let stringsAt = data.reserve(8 * max(strings.count, 1))
    var descs: [String: [Int64]] = [:]
    var anonymousDescs: [String: Int64] = [:]
    for decl in m.types {
        switch decl.kind {
        case .structure(let fs):
            let kinds = fs.map { $0.type.slotKind.rawValue }
            descs[decl.name] = [Int64(bitPattern: data.descriptor(name: decl.name, fields: fs.map(\.name), kinds: kinds,
                                                                  tag: -1, union: nil, anonymous: false))]
            anonymousDescs[decl.name] = Int64(bitPattern: data.descriptor(name: decl.name, fields: fs.map(\.name), kinds: kinds,
                                                                          tag: -1, union: nil, anonymous: true))
        case .union(let vs):
            var ds: [Int64] = [0]
            for (tag, v) in vs.enumerated() {
                ds.append(Int64(bitPattern: data.descriptor(name: v.name, fields: v.fields.map(\.name),
                                                            kinds: v.fields.map { $0.type.slotKind.rawValue },
                                                            tag: Int32(tag), union: decl.name, anonymous: false)))
            }
            descs[decl.name] = ds
        }
    }

    // The lowering, as `Run.compile` does it, with this image's addresses.
    final class Box { var data: ImageData; var unknownString: String?; init(_ d: ImageData) { data = d } }
    let box = Box(data)
    let context = LoweringContext(
        module: m, symbols: m.symbolIndex(), stencils: stencils, maxDepth: Int64(maxDepth),
        stringSlot: { s in
            guard let i = stringIndex[s] else { box.unknownString = s; return 0 }
            return Int64(bitPattern: base + UInt64(stringsAt + 8 * i))
        },
        globalSlot: { Int64(bitPattern: base + UInt64(globalsAt + 8 * $0)) },
        descriptor: { name, tag in
            if tag == anonymousDescriptor { return anonymousDescs[name] }
            guard let ds = descs[name], tag + 1 >= 0, Int(tag + 1) < ds.count, ds[Int(tag + 1)] != 0 else { return nil }
            return ds[Int(tag + 1)]
        },
        cString: { Int64(bitPattern: box.data.cString($0)) },
        bytes: { p, n in
            let at = box.data.reserve(n, align: 1)
            for k in 0..<n { box.data.bytes[at + k] = p.load(fromByteOffset: k, as: UInt8.self) }
            p.deallocate()
            return Int64(bitPattern: box.data.address(at))
        })
    func cannotOverflow(_ funcs: [JFunction]) -> Bool {
        (funcs.map(\.frameSlots).max() ?? 0) <= ImageLayout.stackSlots / (maxDepth + 2)
    }
    let lowered = try lowerModule(m, context: context, registerHomes: registerHomes, inlining: inlining,
                                  framesFit: cannotOverflow)
    var funcs = lowered.funcs
    let lowerMicros = lowered.lowerMicros
    stats.functions = lowered.functionStats
    if !cannotOverflow(funcs) {
        let check = try stencils.index("call_check"), checkx = try stencils.index("call_checkx")
        for fi in funcs.indices {
            for k in funcs[fi].insts.indices where funcs[fi].insts[k].stencil == check { funcs[fi].insts[k].stencil = checkx }
        }
    }
    if let s = box.unknownString { throw JITError("string constant \"\(s)\" was not found before lowering") }
    data = box.data

    // The text region goes after the data.
    let textOffset = alignUp(max(data.bytes.count, 1), ImageLayout.regionAlign)
    var image = try emitAArch64Text(funcs, stencils: stencils, textBase: base + UInt64(textOffset), stats: &stats,
                                    lowerMicros: lowerMicros, landingPads: landingPads)
    for (i, e) in image.entries.enumerated() { data.put64(entriesAt + 8 * i, e) }
    for (i, f) in funcs.enumerated() { data.put64(framesAt + 8 * i, UInt64(f.frameSlots * 8)) }
    for k in image.relocations.indices {
        image.relocations[k].place += UInt64(textOffset)
        if image.relocations[k].veneer != 0 { image.relocations[k].veneer += UInt64(textOffset) }
    }

    var h = ImageHeader()
    h.base = base
    h.dataSize = UInt64(data.bytes.count)
    h.textOffset = UInt64(textOffset)
    h.textSize = UInt64(image.text.count)
    h.entry = UInt64(textOffset) + image.entries[mainIndex] - (base + UInt64(textOffset))
    h.mainFrameBytes = UInt64(funcs[mainIndex].frameSlots * 8)
    h.funcCount = UInt64(funcCount)
    h.entriesOffset = UInt64(entriesAt)
    h.framesOffset = UInt64(framesAt)
    h.globalsOffset = UInt64(globalsAt)
    h.globalCount = UInt64(m.globals.count)
    h.stringsOffset = UInt64(stringsAt)
    h.stringCount = UInt64(strings.count)
    h.maxDepth = UInt64(maxDepth)
    h.stackSlots = UInt64(ImageLayout.stackSlots)
    h.symbolCount = UInt64(image.symbols.count)
    h.relocationCount = UInt64(image.relocations.count)
    let file = Array(m.sourceFile.utf8)
    h.fileNameLength = UInt64(file.count)
    h.flags = (protection == .standard ? ImageLayout.flagBTI : 0) | (compiled == .standard ? ImageLayout.flagPAC : 0)

    let out = encodeImage(header: h, symbols: image.symbols, relocations: image.relocations, strings: strings,
                          fileName: file, data: data.bytes, text: image.text)
    stats.totalMicroseconds = monotonicMicros() - t0
    return AArch64Image(bytes: out, header: h, symbols: image.symbols, relocations: image.relocations, stats: stats,
                        landingPads: landingPads)
}

/// The image file: `header` with its counts and sizes taken from the parts.
public func encodeImage(header: ImageHeader, symbols: [String], relocations: [ImageRelocation], strings: [String],
                        fileName: [UInt8], data: [UInt8], text: [UInt8]) -> [UInt8] {
    var h = header
    h.symbolCount = UInt64(symbols.count)
    h.relocationCount = UInt64(relocations.count)
    h.stringCount = UInt64(strings.count)
    h.fileNameLength = UInt64(fileName.count)
    h.dataSize = UInt64(data.count)
    h.textSize = UInt64(text.count)
    var out: [UInt8] = ImageLayout.magic
    func u32(_ v: UInt32) { for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
    func u64(_ v: UInt64) { for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) } }
    u32(ImageLayout.version)
    u32(ImageLayout.machineAArch64)
    for f in h.fields { u64(f) }
    for s in symbols { let u = Array(s.utf8); u32(UInt32(u.count)); out += u }
    for r in relocations { u64(r.place); u32(r.elfType); u32(r.symbol); u64(UInt64(bitPattern: r.addend)); u64(r.veneer) }
    for s in strings { let u = Array(s.utf8); u64(UInt64(u.count)); out += u }
    out += fileName
    out += data
    out += text
    return out
}

/// The text region of an image: code, each used stencil's read-only data, veneers.
struct AArch64Text {
    var text: [UInt8]
    var entries: [UInt64]
    var symbols: [String]
    /// Places relative to the text region (the caller rebases them).
    var relocations: [ImageRelocation]
}

/// Lays out, copies and patches lowered functions at `textBase`, as `emitCode`
/// does in process, into a byte array; runtime symbols become relocations. The
/// functions in `landingPads` start with `bti c` (their entry, which the entry
/// table holds); direct calls to them go to the instruction after it.
func emitAArch64Text(_ funcs: [JFunction], stencils: LoadedStencils, textBase: UInt64, stats: inout JITStats,
                     lowerMicros: [Double], landingPads: Set<Int> = []) throws -> AArch64Text {
    var local = [Int32](repeating: -1, count: stencils.library.count)
    var used: [Stencil] = []
    for f in funcs {
        for ins in f.insts where local[Int(ins.stencil)] < 0 {
            local[Int(ins.stencil)] = Int32(used.count)
            used.append(try stencils.stencil(ins.stencil))
        }
    }
    // A code address an FN operand holds (this process's libm) back to its name.
    var hostNames: [Int64: String] = [:]
    for i in 0..<mochi_jit_symbol_count() {
        if let n = mochi_jit_symbol_name(i), let p = mochi_jit_symbol(n) { hostNames[Int64(Int(bitPattern: p))] = String(cString: n) }
    }
    var symbols: [String] = []
    var symbolIndex: [String: Int] = [:]
    var veneerOf: [Int] = [] // per symbol: veneer number, -1 none
    func symbol(_ name: String) -> Int {
        if let i = symbolIndex[name] { return i }
        symbols.append(name); veneerOf.append(-1)
        symbolIndex[name] = symbols.count - 1
        return symbols.count - 1
    }
    var veneerCount = 0
    func externalName(_ h: Hole, _ ins: JInst, _ f: JFunction) throws -> String? {
        switch h.value {
        case .symbol(let i): return stencils.library.symbols[i]
        case .operand(let o) where o == .FN || o == .FN2:
            guard let n = hostNames[ins.fn] else { throw JITError("\(f.name): a call of an unknown function address") }
            return n
        default: return nil
        }
    }
    var offsets: [[Int]] = []
    var starts: [Int] = []
    var pc = 0
    var dataOffset = [Int](repeating: -1, count: used.count)
    var dataSize = 0
    for (fi, f) in funcs.enumerated() {
        starts.append(pc)
        if landingPads.contains(fi) { pc += 4 }
        var offs: [Int] = []
        for ins in f.insts {
            offs.append(pc)
            let li = Int(local[Int(ins.stencil)])
            let st = used[li]
            pc += st.code.count
            if !st.data.isEmpty && dataOffset[li] < 0 {
                dataSize = (dataSize + 15) & ~15
                dataOffset[li] = dataSize
                dataSize += st.data.count
            }
            for h in st.holes where h.kind.isPCRelative {
                if let n = try externalName(h, ins, f) {
                    let s = symbol(n)
                    if veneerOf[s] < 0 { veneerOf[s] = veneerCount; veneerCount += 1 }
                }
            }
        }
        offsets.append(offs)
    }
    let codeSize = pc
    let dataStart = (codeSize + 15) & ~15
    let veneerStart = (dataStart + dataSize + 15) & ~15
    var text = [UInt8](repeating: 0, count: veneerStart + 16 * veneerCount)
    var relocations: [ImageRelocation] = []
    // Veneers (Veneer.swift): ldr x16, #8; br x16; .quad SYM, the quad an ABS64
    // relocation the loader fills.
    for s in symbols.indices where veneerOf[s] >= 0 {
        let v = veneerStart + Veneer.size * veneerOf[s]
        for (k, b) in Veneer.bytes(.aarch64Linux, to: 0).enumerated() { text[v + k] = b }
        relocations.append(ImageRelocation(place: UInt64(v + 8), elfType: 257, symbol: UInt32(s), addend: 0, veneer: 0))
    }
    for (li, st) in used.enumerated() where dataOffset[li] >= 0 {
        for (k, b) in st.data.enumerated() { text[dataStart + dataOffset[li] + k] = b }
    }
    let entries = starts.map { textBase + UInt64($0) }
    for fi in landingPads {
        for k in 0..<4 { text[starts[fi] + k] = UInt8(truncatingIfNeeded: AArch64Word.btiC >> (8 * UInt32(k))) }
    }
    let frameBytes = funcs.map { Int64($0.frameSlots * 8) }
    try text.withUnsafeMutableBytes { buf in
        let mem = buf.baseAddress!
        for (fi, f) in funcs.enumerated() {
            let tf = monotonicMicros()
            let offs = offsets[fi]
            let frame = UInt64(f.frameSlots * 8)
            for (ii, ins) in f.insts.enumerated() {
                let li = Int(local[Int(ins.stencil)])
                let st = used[li]
                let at = mem + offs[ii]
                st.code.withUnsafeBytes { at.copyMemory(from: $0.baseAddress!, byteCount: st.code.count) }
                let here = textBase + UInt64(offs[ii])
                for h in st.holes {
                    let place = here + UInt64(h.offset)
                    var s: UInt64
                    if let n = try externalName(h, ins, f) {
                        let si = symbol(n)
                        var r = ImageRelocation(place: place - textBase, elfType: h.kind.elfType,
                                                symbol: UInt32(si), addend: h.addend, veneer: 0)
                        if h.kind.isPCRelative {
                            guard h.addend == 0 else {
                                throw JITError("\(f.name): stencil \(st.name): \(h.kind.name) to \(n) with addend \(h.addend) cannot go through a veneer")
                            }
                            r.veneer = UInt64(veneerStart + 16 * veneerOf[si])
                            s = textBase + r.veneer
                        } else {
                            s = 0 // filled by the loader
                        }
                        relocations.append(r)
                        // The veneer is the runtime symbol's stand-in: the addend applies
                        // to the symbol, so the branch itself goes to the veneer exactly.
                        if h.kind.isPCRelative {
                            try patchImage(h, st, f, at: at, place: place, value: s)
                            continue
                        }
                    } else {
                        switch h.value {
                        case .operand(let o):
                            // (.FN and .FN2 were handled above.)
                            s = try operandValue(o, ins, f, frame: frame, calleeFrame: { frameBytes[Int($0)] }, stencil: st.name)
                        case .continuation: s = here + UInt64(st.code.count)
                        case .target:
                            guard ins.target >= 0 else { throw JITError("\(f.name): branch without a target") }
                            s = textBase + UInt64(offs[Int(ins.target)])
                        case .callee:
                            guard ins.callee >= 0 else { throw JITError("\(f.name): call without a callee") }
                            s = entries[Int(ins.callee)] + (landingPads.contains(Int(ins.callee)) ? 4 : 0)
                        case .symbol: s = 0 // handled above
                        case .data: s = textBase + UInt64(dataStart + dataOffset[li])
                        case .errorExit(let e):
                            let t = e == 0 ? ins.exits.0 : e == 1 ? ins.exits.1 : e == 2 ? ins.exits.2 : ins.exits.3
                            guard t >= 0 else { throw JITError("\(f.name): stencil \(st.name) without its exit \(e)") }
                            s = textBase + UInt64(offs[Int(t)])
                        }
                    }
                    try patchImage(h, st, f, at: at, place: place, value: s &+ UInt64(bitPattern: h.addend))
                }
            }
            let end = fi + 1 < funcs.count ? starts[fi + 1] : codeSize
            stats.functions[fi].codeBytes = end - starts[fi]
            stats.functions[fi].stencils = f.insts.count
            stats.functions[fi].microseconds = lowerMicros[fi] + (monotonicMicros() - tf)
        }
    }
    stats.codeBytes = codeSize
    stats.dataBytes = dataSize
    stats.veneers = veneerCount
    return AArch64Text(text: text, entries: entries, symbols: symbols, relocations: relocations)
}

@inline(__always)
private func patchImage(_ h: Hole, _ st: Stencil, _ f: JFunction, at: UnsafeMutableRawPointer, place: UInt64,
                        value: UInt64) throws {
    do {
        try patch(h.kind, at: at + h.offset, address: place, value: value)
    } catch let e as PatchError {
        throw JITError("\(f.name): stencil \(st.name), hole at +\(h.offset): \(e.message)")
    }
}

/// The aarch64-linux stencil library for images: $MOCHI_STENCILS_AARCH64, or
/// `aarch64-linux.stencils` beside the executable; checked against this
/// checkout's stencil sources as the host library is.
public func loadImageStencils(executableDir: String, environment: [String: String]) throws -> LoadedStencils {
    let target = StencilTarget.aarch64Linux
    let path = environment["MOCHI_STENCILS_AARCH64"].flatMap { $0.isEmpty ? nil : $0 }
        ?? executableDir + "/\(target.rawValue).stencils"
    let regenerate = "mochi-stencilgen --target=\(target.rawValue) -o \(path)"
    guard let bytes = readFileBytes(path) else {
        throw JITError("no stencil library at \(path): \(regenerate) (or set MOCHI_STENCILS_AARCH64)")
    }
    let lib: LazyStencilLibrary
    do { lib = try LazyStencilLibrary(bytes: bytes) } catch { throw JITError("\(path): \(error); \(regenerate)") }
    guard lib.target == target else {
        throw JITError("\(path) is a stencil library for \(lib.target.rawValue), not \(target.rawValue): \(regenerate)")
    }
    if let root = StencilSources.findRoot(from: executableDir),
       let now = try? stencilInputDigest(target: target, root: root, compiler: lib.compiler,
                                         branchProtection: lib.branchProtection), now != lib.digest {
        throw JITError("\(path) is stale (the stencil sources or flags changed since it was generated): \(regenerate)")
    }
    do { return try LoadedStencils(lazy: lib, target: target) } catch let e as JITError {
        throw JITError("\(path): \(e.message); \(regenerate)")
    }
}
