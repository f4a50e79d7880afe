// Layout, copy, patch and W^X: lowered functions become machine code.
//
// All functions of a module go into one mapping: code (function after function,
// each instruction's stencil copied back to back, so a stencil whose trailing
// jump was elided falls through into the next), then a 16-byte aligned area with
// each used stencil's read-only data (one copy per stencil), then veneers
// (`jmp *0(%rip)` + address) for runtime and libm functions out of rel32 reach.
// The mapping is read-write while it is written and patched, then made
// read-execute (mochi_jit_memory.c; MAP_JIT on Apple Silicon): never writable and
// executable at once. Every hole is filled
// through `patch` (MochiStencil/Patch.swift), one function per relocation kind;
// a value that does not fit is an error, never a silent truncation.

import MochiIR
import MochiJITSupport
import MochiRuntime
import MochiStencil
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-function compile figures for `mochi-jitrun --stats`.
public struct JITFunctionStats: Sendable {
    public var name: String
    public var irInstructions: Int
    public var stencils: Int
    public var codeBytes: Int
    public var microseconds: Double
}

/// Whole-module compile figures.
public struct JITStats: Sendable {
    public var functions: [JITFunctionStats] = []
    public var totalMicroseconds: Double = 0
    public var codeBytes: Int = 0
    public var dataBytes: Int = 0
    public var veneers: Int = 0
}

/// A stencil library checked against this process: its target, every runtime
/// symbol it references, and the stencil of every IR opcode and control
/// construct (the register-location variants are checked by the tests and
/// looked up when first asked for: checking all eight thousand here cost more
/// than compiling a program). Stencils are decoded on first use
/// (LazyStencilLibrary), and what the lowering asks of one (its exits, whether
/// it clobbers the homes) is computed then.
public final class LoadedStencils {
    public let library: LazyStencilLibrary
    let symbolAddress: [UInt64]
    /// Per stencil, once known: bit 7 set, bits 0-3 its exits (`ErrorExit`),
    /// bit 4 whether it clobbers the homes. (Raw memory: the lowering asks
    /// twice per stencil instance, and an array in a class property costs an
    /// exclusivity check and a bounds check per look.)
    private let info: UnsafeMutablePointer<UInt8>
    /// Per opcode (raw value) where its stencils start in `opStencilIndex`, in
    /// `stencilNames(for:)` order: resolved once here, not per instruction.
    private let opStencilStart: [Int32]
    private let opStencilIndex: [Int32]
    /// Stencil selection by key (`index(_:_:)`): an open-addressing table from
    /// (static prefix, packed suffix tokens) to stencil index, filled on first
    /// use of each key. Raw memory, so that the per-instruction probe is plain
    /// loads (no array bounds checks, reference counts or exclusivity checks).
    private let keyTable: UnsafeMutablePointer<StencilKeyEntry>
    private var keyCount = 0
    /// Whether `keyTable` was mapped (`mapKeyTable`) rather than allocated.
    private let keyTableMapped: Bool
    /// Per stencil its `_slow` stencil once looked up, -1 before.
    private let slowIndex: UnsafeMutablePointer<Int32>

    public convenience init(_ library: StencilLibrary) throws {
        try self.init(lazy: LazyStencilLibrary(bytes: library.encoded()))
    }

    /// `target`: the machine the code is for when it is not this one (an image
    /// for the loader, AArch64Image.swift); its symbols are still checked here.
    public init(lazy library: LazyStencilLibrary, target: StencilTarget? = nil) throws {
        if let target {
            guard library.target == target else {
                throw JITError("the stencil library is for \(library.target.rawValue), not \(target.rawValue)")
            }
        } else if library.target != StencilTarget.host {
            throw JITError("the stencil library is for \(library.target.rawValue), this machine is \(StencilTarget.host?.rawValue ?? "unsupported")")
        }
        self.library = library
        var addrs: [UInt64] = []
        for name in library.symbols {
            guard let p = mochi_jit_symbol(name) else {
                throw JITError("the stencil library references '\(name)', which this mochi-jitrun does not provide (stale library?)")
            }
            addrs.append(UInt64(UInt(bitPattern: p)))
        }
        symbolAddress = addrs
        info = .allocate(capacity: max(library.count, 1))
        info.initialize(repeating: 0, count: max(library.count, 1))
        (keyTable, keyTableMapped) = LoadedStencils.mapKeyTable()
        slowIndex = .allocate(capacity: max(library.count, 1))
        slowIndex.initialize(repeating: -1, count: max(library.count, 1))
        var starts = [Int32](repeating: 0, count: 257)
        var indices: [Int32] = []
        var byRaw = [Opcode?](repeating: nil, count: 256)
        for op in Opcode.allCases { byRaw[Int(op.rawValue)] = op }
        for raw in 0..<256 {
            starts[raw] = Int32(indices.count)
            guard let op = byRaw[raw] else { continue }
            for n in stencilNames(for: op) {
                guard let i = library.index(of: n) else {
                    LoadedStencils.freeKeyTable(keyTable, keyTableMapped); slowIndex.deallocate(); info.deallocate()
                    throw JITError("the stencil library has no stencil '\(n)' (stale library?)")
                }
                indices.append(Int32(i))
            }
        }
        starts[256] = Int32(indices.count)
        opStencilStart = starts
        opStencilIndex = indices
        for n in controlStencilNames where library.index(of: n) == nil {
            LoadedStencils.freeKeyTable(keyTable, keyTableMapped); slowIndex.deallocate(); info.deallocate()
            throw JITError("the stencil library has no stencil '\(n)' (stale library?)")
        }
    }

    deinit {
        LoadedStencils.freeKeyTable(keyTable, keyTableMapped)
        slowIndex.deallocate()
        info.deallocate()
    }

    /// The k-th stencil `stencilNames(for: op)` lists (checked at load).
    func opStencil(_ op: Opcode, _ k: Int) -> Int32 {
        let at = Int(opStencilStart[Int(op.rawValue)]) + k
        precondition(at < Int(opStencilStart[Int(op.rawValue) + 1]), "stencilNames(for: \(op)) has no entry \(k)")
        return opStencilIndex[at]
    }

    /// The stencil named `prefix` followed by the texts of `tokens`
    /// (`StencilToken`, one a byte from the low end, 0 ends): the same stencil
    /// `index(name)` finds for that name, found by an integer probe. A key is
    /// the prefix's address (a static string's text never moves, and the same
    /// address always holds the same text) and the tokens, so equal keys name
    /// equal stencils; the name is built only the first time a key is seen.
    @inline(__always)
    func index(_ prefix: StaticString, _ tokens: UInt64) throws -> Int32 {
        let p = UInt(bitPattern: prefix.utf8Start)
        let h = probe(p, tokens)
        if keyTable[h].prefix != 0 { return keyTable[h].index }
        return try insertKey(p, prefix.description, tokens, at: h)
    }

    /// `index(_:_:)` for a prefix that is not a static string: NUL-terminated
    /// text at an address that holds it (and nothing else) for as long as this
    /// library lives. For the tests, which look up every stencil of a library
    /// through the key table by prefixes taken from its names.
    func index(prefixAt prefix: UnsafePointer<CChar>, _ tokens: UInt64) throws -> Int32 {
        let p = UInt(bitPattern: prefix)
        let h = probe(p, tokens)
        if keyTable[h].prefix != 0 { return keyTable[h].index }
        return try insertKey(p, String(cString: prefix), tokens, at: h)
    }

    /// The key table's entry for (p, tokens), or the empty entry where it goes.
    @inline(__always)
    private func probe(_ p: UInt, _ tokens: UInt64) -> Int {
        let mask = stencilKeyCapacity - 1
        var h = Int(truncatingIfNeeded: (((UInt64(p) &* 0x9E37_79B9_7F4A_7C15) ^ tokens) &* 0xff51_afd7_ed55_8ccd) >> 50) & mask
        while true {
            let e = keyTable[h]
            if e.prefix == p && e.tokens == tokens { return h }
            if e.prefix == 0 { return h }
            h = (h + 1) & mask
        }
    }

    /// The key table's memory, every entry empty (all zero bytes): mapped rather
    /// than allocated and filled, so that a page stays unbacked until a key is
    /// written into it, and a run holds the pages its keys fall in instead of
    /// the whole 384 KiB. Allocated and filled when the mapping is refused.
    private static func mapKeyTable() -> (UnsafeMutablePointer<StencilKeyEntry>, Bool) {
        let bytes = stencilKeyCapacity * MemoryLayout<StencilKeyEntry>.stride
        if let m = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), m != MAP_FAILED {
            return (m.bindMemory(to: StencilKeyEntry.self, capacity: stencilKeyCapacity), true)
        }
        let t = UnsafeMutablePointer<StencilKeyEntry>.allocate(capacity: stencilKeyCapacity)
        t.initialize(repeating: StencilKeyEntry(prefix: 0, tokens: 0, index: 0), count: stencilKeyCapacity)
        return (t, false)
    }

    private static func freeKeyTable(_ table: UnsafeMutablePointer<StencilKeyEntry>, _ mapped: Bool) {
        if mapped {
            munmap(table, stencilKeyCapacity * MemoryLayout<StencilKeyEntry>.stride)
        } else {
            table.deallocate()
        }
    }

    /// Keys held in the table (at most half its capacity), for the tests.
    var keysHeld: Int { keyCount }

    private func insertKey(_ p: UInt, _ prefix: String, _ tokens: UInt64, at h: Int) throws -> Int32 {
        var name = prefix
        var t = tokens
        while t != 0 {
            let k = Int(t & 0xff)
            guard k < stencilTokenText.count else { throw JITError("stencil name token \(k) out of range") }
            name += stencilTokenText[k]
            t >>= 8
        }
        let i = try index(name)
        // Kept at most half full, so a probe ends quickly; past that (more
        // distinct keys than any library has stencils) names are looked up.
        if keyCount < stencilKeyCapacity / 2 {
            keyTable[h] = StencilKeyEntry(prefix: p, tokens: tokens, index: i)
            keyCount += 1
        }
        return i
    }

    /// Stencil i's out-of-line slow path (its name + `_slow`).
    func slowPath(_ i: Int32) throws -> Int32 {
        if slowIndex[Int(i)] >= 0 { return slowIndex[Int(i)] }
        let s = try index(name(i) + "_slow")
        slowIndex[Int(i)] = s
        return s
    }

    /// The stencil called `name`.
    func index(_ name: String) throws -> Int32 {
        guard let i = library.index(of: name) else { throw JITError("the stencil library has no stencil '\(name)'") }
        return Int32(i)
    }

    func stencil(_ i: Int32) throws -> Stencil {
        do { return try library.stencil(Int(i)) } catch let e as StencilError {
            throw JITError("the stencil library is malformed: \(e.message)")
        }
    }

    func name(_ i: Int32) -> String { library.name(Int(i)) }

    @inline(__always)
    private func describe(_ i: Int32) throws -> UInt8 {
        if info[Int(i)] != 0 { return info[Int(i)] }
        return try describeFirst(i)
    }

    private func describeFirst(_ i: Int32) throws -> UInt8 {
        let st = try stencil(i)
        var v: UInt8 = 0x80
        for h in st.holes { if case .errorExit(let k) = h.value { v |= UInt8(1 << k) } }
        if stencilClobbersHomes(st.name) { v |= 0x10 }
        info[Int(i)] = v
        return v
    }

    /// Bit k set when stencil i has exit k.
    func errorExits(_ i: Int32) throws -> UInt8 { try describe(i) & 0x0f }

    /// Whether stencil i clobbers the register homes.
    func clobbers(_ i: Int32) throws -> Bool { try describe(i) & 0x10 != 0 }
}

/// One entry of `LoadedStencils`' key table (prefix 0: empty).
struct StencilKeyEntry {
    var prefix: UInt
    var tokens: UInt64
    var index: Int32
}

/// The key table's size (a power of two): the lowering asks for a few
/// hundred distinct keys on large programs, the library has about eight
/// thousand stencils.
let stencilKeyCapacity = 16384

/// The texts of stencil-name tokens (`StencilToken`): 0 ends a key; 1-15 a
/// location (m, integer homes 0-5, float homes a-h: home + 2); 16-21 a
/// condition; then separators and forms.
let stencilTokenText: [String] = ["", "m", "0", "1", "2", "3", "4", "5", "a", "b", "c", "d", "e", "f", "g", "h",
                                  "eq", "ne", "lt", "le", "gt", "ge", "_", "s", "i", "k", "ka"]
enum StencilToken {
    static let m: UInt64 = 1
    /// A location token: home -1 (the slot, `m`) .. 13.
    @inline(__always) static func location(_ home: Int8) -> UInt64 {
        home >= 0 && home <= 13 ? UInt64(Int(home) + 2) : m // as RegisterFile.letter
    }
    @inline(__always) static func cond(_ ci: Int) -> UInt64 { UInt64(16 + ci) }
    static let underscore: UInt64 = 22
    static let s: UInt64 = 23
    static let i: UInt64 = 24
    static let k: UInt64 = 25
    static let ka: UInt64 = 26
    /// Tokens packed into a key, first at the low end.
    @inline(__always) static func pack(_ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0, _ d: UInt64 = 0,
                                       _ e: UInt64 = 0, _ f: UInt64 = 0) -> UInt64 {
        a | b << 8 | c << 16 | d << 24 | e << 32 | f << 40
    }
}

/// A stencil the emitter has met, by its index among those: where its code
/// and holes are in the emitter's flat buffers, its data's size and place
/// (-1 before it is placed) and its PC-relative outside holes (`emitCode`).
struct UsedStencil {
    var codeAt = 0, codeLen = 0
    var holeStart = 0, holeEnd = 0
    var externStart = 0, externEnd = 0
    var dataCount = 0, dataOffset = -1
}

/// Machine code for a module, in a read-execute mapping.
public final class JITCode {
    public let base: UnsafeMutableRawPointer
    public let size: Int
    /// Entry address per function index.
    public let entries: [UInt64]
    let frameBytes: [Int64]
    /// Where the code is and which stencil instances it is made of, flat (one
    /// array each for the whole module, not two per function): function i's
    /// code is [codeStart[i], codeEnd[i]) (up to codeStart[i + 1] is padding to
    /// the next function's alignment), its instances instStart[i]..<instStart[i + 1]
    /// of `instOffset` and `instStencil`.
    let names: [String]
    let codeStart: [Int]
    let codeEnd: [Int]
    let instStart: [Int]
    let instOffset: [Int]
    let instStencil: [Int32]

    init(base: UnsafeMutableRawPointer, size: Int, entries: [UInt64], frameBytes: [Int64], names: [String],
         codeStart: [Int], codeEnd: [Int], instStart: [Int], instOffset: [Int], instStencil: [Int32]) {
        self.base = base; self.size = size; self.entries = entries; self.frameBytes = frameBytes
        self.names = names; self.codeStart = codeStart; self.codeEnd = codeEnd; self.instStart = instStart
        self.instOffset = instOffset; self.instStencil = instStencil
    }
    deinit { munmap(base, size) }

    /// Per function its place in the code (for listings and perf maps).
    var layout: [FunctionLayout] {
        names.indices.map { i in
            let r = instStart[i]..<instStart[i + 1]
            return FunctionLayout(name: names[i], start: codeStart[i], end: codeEnd[i],
                                  offsets: Array(instOffset[r]), stencils: Array(instStencil[r]))
        }
    }
}

/// A compiled function's place in the code: [start, end) offsets, and per
/// stencil instance its offset and stencil. (A struct, not a tuple: a labelled
/// tuple type's metadata is built at run time, on every compile's clock.)
struct FunctionLayout {
    let name: String
    let start: Int
    let end: Int
    let offsets: [Int]
    let stencils: [Int32]
}

func monotonicMicros() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e6 + Double(ts.tv_nsec) / 1e3
}

/// Lays out, copies and patches lowered functions into a fresh W^X mapping.
/// The value an operand hole of a stencil takes for one lowered instruction:
/// the same in every layout (eager and lazy in-process code, tiered code, the
/// AArch64 image). `calleeFrame` gives a callee's frame size in bytes; `.FN` and
/// `.FN2` are the instruction's runtime function pointer, which the caller
/// treats as an outside symbol.
@inline(__always)
func operandValue(_ o: Operand, _ ins: JInst, _ f: JFunction, frame: UInt64,
                  calleeFrame: (Int) -> Int64, stencil: @autoclosure () -> String) throws -> UInt64 {
    if let v = operandValue(o, ins, gatherBase: f.gatherBase, frame: frame) { return v }
    switch o {
    case .CFRAME:
        guard ins.callee >= 0 else { throw JITError("\(f.name): call without a callee") }
        return UInt64(calleeFrame(Int(ins.callee)))
    default:
        throw JITError("\(f.name): stencil \(stencil()): small immediate \(ins.imm) out of range")
    }
}

/// `operandValue` without what needs more than the instruction: nil for
/// `.CFRAME` (the callee's frame size) and for an out-of-range `.SIMM` (an
/// error). No closures, so the emitter's per-hole loop keeps no context alive.
@inline(__always)
func operandValue(_ o: Operand, _ ins: JInst, gatherBase: Int, frame: UInt64) -> UInt64? {
    withUnsafePointer(to: ins) { operandValue(o, at: $0, gatherBase: gatherBase, frame: frame) }
}

/// `operandValue` of the instruction at `ins`, reading only the field the
/// operand names (the emitter's per-hole path: a copy of the whole
/// instruction per stencil instance cost more than its holes).
@inline(__always)
func operandValue(_ o: Operand, at ins: UnsafePointer<JInst>, gatherBase: Int, frame: UInt64) -> UInt64? {
    switch o {
    case .A: return UInt64(ins.pointee.a) &* 8
    case .B: return UInt64(ins.pointee.b) &* 8
    case .C: return UInt64(ins.pointee.c) &* 8
    case .D: return UInt64(ins.pointee.d) &* 8
    case .G: return UInt64(gatherBase * 8)
    case .LINE: return UInt64(max(ins.pointee.line, 0))
    case .FRAME: return frame
    case .N: return UInt64(ins.pointee.n)
    case .CFRAME: return nil
    case .KIND: return UInt64(ins.pointee.kind)
    case .KIND2: return UInt64(ins.pointee.kind2)
    case .IMM: return UInt64(bitPattern: ins.pointee.imm)
    case .IMM2: return UInt64(bitPattern: ins.pointee.imm2)
    case .SIMM:
        let imm = ins.pointee.imm
        guard imm >= 0 && imm < 1 << 31 else { return nil }
        return UInt64(imm)
    case .FN, .FN2: return UInt64(bitPattern: ins.pointee.fn)
    }
}

/// `replacing` (from, to): every instance of stencil `from` is laid out and
/// patched as stencil `to` (the direct calls' slot-stack check, JIT.swift).
func emitCode(_ funcs: [JFunction], stencils: LoadedStencils, stats: inout JITStats, lowerMicros: [Double],
              replacing: (Int32, Int32)? = nil) throws -> JITCode {
    let t0 = monotonicMicros()
    let (from, to) = replacing ?? (-1, -1)
    // The stencils in use, each decoded when the layout below first meets it
    // (local[i]: stencil i's index in `used`, -1 before; arrays, not
    // dictionaries: a dictionary type's first use costs a metadata
    // instantiation on every run), and its code and holes appended to one
    // byte buffer and one hole array, with per used stencil its ranges: the
    // layout and the copy-and-patch loop work from these, with no Stencil
    // copied (a reference count per array it holds) per instruction, and the
    // instructions are read once for the layout (one pass over them fewer: a
    // large program's stencil instances are megabytes). Holes are plain
    // values, so the hole array costs no reference counting either. `local`
    // and the per used stencil table (`UsedStencil`) are raw memory sized for
    // the whole library: both loops read them once per stencil instance, and
    // arrays cost a bounds check per read (a third of the per-instance work).
    let libraryCount = stencils.library.count
    let local = UnsafeMutablePointer<Int32>.allocate(capacity: max(libraryCount, 1))
    local.initialize(repeating: -1, count: max(libraryCount, 1))
    let usedTable = UnsafeMutablePointer<UsedStencil>.allocate(capacity: max(libraryCount, 1))
    defer { local.deallocate(); usedTable.deallocate() }
    var used: [Stencil] = []
    var allCode: [UInt8] = []
    var allHoles: [Hole] = []
    // Per used stencil its PC-relative holes that may need a veneer (runtime
    // symbols, >= 0 the symbol's index; `.FN`/`.FN2`, -1): what the layout loop
    // visits per instruction, instead of every hole of the stencil.
    var externs: [Int] = []
    func use(_ i: Int32) throws -> Int {
        let st = try stencils.stencil(i)
        let li = used.count
        local[Int(i)] = Int32(li)
        used.append(st)
        var u = UsedStencil()
        u.codeAt = allCode.count
        u.codeLen = st.code.count
        allCode.append(contentsOf: st.code)
        u.holeStart = allHoles.count
        allHoles.append(contentsOf: st.holes)
        u.holeEnd = allHoles.count
        u.dataCount = st.data.count
        u.externStart = externs.count
        for h in st.holes where h.kind.isPCRelative {
            if case .symbol(let i) = h.value { externs.append(i) }
            if case .operand(let o) = h.value, o == .FN || o == .FN2 { externs.append(-1) }
        }
        u.externEnd = externs.count
        (usedTable + li).initialize(to: u)
        return li
    }
    // Layout: instruction offsets, function starts, data per stencil, veneers;
    // one flat array of offsets (and of stencils, for listings) for the module.
    var total = 0
    for fi in funcs.indices { total += funcs[fi].insts.count }
    var instOffset = [Int](repeating: 0, count: total)
    var instStencil = [Int32](repeating: 0, count: total)
    var instStart = [Int](repeating: 0, count: funcs.count + 1)
    var codeStart = [Int](repeating: 0, count: funcs.count + 1)
    var pc = 0
    var dataSize = 0
    var externalOrder: [UInt64] = [] // the veneers' addresses
    func external(_ a: UInt64) {
        if !externalOrder.contains(a) { externalOrder.append(a) }
    }
    // Symbols already in `externalOrder` (the same order `external` gives:
    // only a symbol's first sighting searches it).
    var symbolSeen = [Bool](repeating: false, count: stencils.symbolAddress.count)
    // Branch protection (an AArch64 library built with BTI, the Linux default):
    // every function starts with `bti c`, since the in-process JIT's entries are
    // called through pointers (the run's entry, closures, the runtime), and the
    // code is mapped guarded below. Direct calls land just past the pad.
    let pad = stencils.library.target.isAArch64 && stencils.library.branchProtection == .standard ? 4 : 0
    // x86-64: functions and loop headers on their boundaries (CodePlacement.swift).
    let placed = !stencils.library.target.isAArch64
    var codeEnd = [Int](repeating: 0, count: funcs.count)
    var k = 0
    // (The per-instance tables through their buffers: a store into an array
    // checks its uniqueness and bounds each time.)
    try instOffset.withUnsafeMutableBufferPointer { instOffset in
    try instStencil.withUnsafeMutableBufferPointer { instStencil in
    for fi in funcs.indices {
        if placed { pc = CodePlacement.align(pc, CodePlacement.functionAlignment) }
        codeStart[fi] = pc
        instStart[fi] = k
        pc += pad
        try funcs[fi].insts.withUnsafeBufferPointer { insts in
            let headers = placed ? CodePlacement.loopHeaders(insts, blockStart: funcs[fi].blockStart) : nil
            for j in 0..<insts.count {
                if let h = headers, h[j] { pc = CodePlacement.align(pc, CodePlacement.loopAlignment) }
                let stencil = insts[j].stencil == from ? to : insts[j].stencil
                guard stencil >= 0 && Int(stencil) < libraryCount else {
                    throw JITError("\(funcs[fi].name): stencil index \(stencil) out of range")
                }
                instOffset[k] = pc
                instStencil[k] = stencil
                k += 1
                var li = Int(local[Int(stencil)])
                if li < 0 { li = try use(stencil) }
                let u = usedTable + li
                pc += u.pointee.codeLen
                if u.pointee.dataCount > 0 && u.pointee.dataOffset < 0 {
                    dataSize = (dataSize + 15) & ~15
                    u.pointee.dataOffset = dataSize
                    dataSize += u.pointee.dataCount
                }
                if u.pointee.externStart < u.pointee.externEnd {
                    for x in u.pointee.externStart..<u.pointee.externEnd {
                        let i = externs[x]
                        if i >= 0 {
                            if !symbolSeen[i] { symbolSeen[i] = true; external(stencils.symbolAddress[i]) }
                        } else {
                            external(UInt64(bitPattern: insts[j].fn))
                        }
                    }
                }
            }
        }
        codeEnd[fi] = pc
    }
    }
    }
    instStart[funcs.count] = k
    codeStart[funcs.count] = pc
    let codeSize = pc
    let dataStart = (codeSize + 15) & ~15
    let veneerStart = (dataStart + dataSize + 15) & ~15
    let mapped = veneerStart + 16 * externalOrder.count
    let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    let mapSize = max((mapped + pageSize - 1) / pageSize * pageSize, pageSize)

    // Map near the runtime's code so most helper calls reach with rel32.
    let near = UInt(bitPattern: mochi_jit_symbol("mochi_str_concat"))
    // (rel32 reaches ±2 GiB, an AArch64 B/BL ±128 MiB.)
    let below: UInt = stencils.library.target.isAArch64 ? 1 << 26 : 1 << 30
    let hint = UnsafeMutableRawPointer(bitPattern: near > below ? (near - below) & ~UInt(0xfffff) : 0)
    // Writable for this thread, never executable while it is (mochi_jit_memory.c:
    // mprotect on Linux, MAP_JIT toggled per thread on Apple Silicon).
    guard let mem = mochi_jit_code_map(mapSize, hint) else {
        throw JITError("cannot map \(mapSize) bytes for code")
    }
    let base = UInt64(UInt(bitPattern: mem))
    var ok = false
    defer { if !ok { mochi_jit_code_unmap(mem, mapSize) } }

    // Veneers (Veneer.swift): an absolute jump for each runtime function.
    for (i, a) in externalOrder.enumerated() {
        let v = Veneer.bytes(stencils.library.target, to: a)
        v.withUnsafeBytes { (mem + veneerStart + Veneer.size * i).copyMemory(from: $0.baseAddress!, byteCount: v.count) }
    }
    for (li, st) in used.enumerated() where usedTable[li].dataOffset >= 0 {
        st.data.withUnsafeBytes { (mem + dataStart + usedTable[li].dataOffset).copyMemory(from: $0.baseAddress!, byteCount: st.data.count) }
    }
    let entries = codeStart.dropLast().map { base + UInt64($0) }
    var frameBytes = [Int64](repeating: 0, count: funcs.count)
    for fi in funcs.indices { frameBytes[fi] = Int64(funcs[fi].frameSlots * 8) }

    let veneerIndex = { (s: UInt64) -> Int in externalOrder.firstIndex(of: s)! }

    try allCode.withUnsafeBytes { codeBytes in
    let symbolAddress = stencils.symbolAddress
    try allHoles.withUnsafeBufferPointer { holes in
    try frameBytes.withUnsafeBufferPointer { frames in
    try instOffset.withUnsafeBufferPointer { instOffset in
    // (Through the buffer: iterating `funcs` copies each JFunction, retaining its arrays.)
    try funcs.withUnsafeBufferPointer { funcs in
    for fi in funcs.indices {
        let tf = monotonicMicros()
        let offs = UnsafeBufferPointer(rebasing: instOffset[instStart[fi]..<instStart[fi + 1]])
        let frame = UInt64(funcs[fi].frameSlots * 8)
        let gatherBase = funcs[fi].gatherBase
        var filled = codeStart[fi] + pad
        try funcs[fi].insts.withUnsafeBufferPointer { insts in
        guard let first = insts.baseAddress else { return }
        for ii in 0..<insts.count {
            // (Read in place, field by field, not copied whole.)
            let ins = first + ii
            let stencil = ins.pointee.stencil == from ? to : ins.pointee.stencil
            let u = usedTable + Int(local[Int(stencil)]) // (every stencil met by the layout above)
            let at = mem + offs[ii]
            let codeLen = u.pointee.codeLen
            if offs[ii] > filled { CodePlacement.fillNops(mem + filled, count: offs[ii] - filled) }
            filled = offs[ii] + codeLen
            at.copyMemory(from: codeBytes.baseAddress! + u.pointee.codeAt, byteCount: codeLen)
            let here = base + UInt64(offs[ii])
            for hi in u.pointee.holeStart..<u.pointee.holeEnd {
                let h = holes[hi]
                var s: UInt64
                var isExternal = false
                switch h.value {
                case .operand(let o):
                    if let v = operandValue(o, at: ins, gatherBase: gatherBase, frame: frame) {
                        s = v
                    } else if o == .CFRAME && ins.pointee.callee >= 0 && Int(ins.pointee.callee) < frames.count {
                        s = UInt64(frames[Int(ins.pointee.callee)])
                    } else { // the error, as the other layouts report it
                        s = try operandValue(o, ins.pointee, funcs[fi], frame: frame, calleeFrame: { frames[Int($0)] },
                                             stencil: stencils.name(stencil))
                    }
                    isExternal = o == .FN || o == .FN2
                case .continuation: s = here + UInt64(codeLen)
                case .target:
                    let t = ins.pointee.target
                    guard t >= 0 else { throw JITError("\(funcs[fi].name): branch without a target") }
                    s = base + UInt64(offs[Int(t)])
                case .callee:
                    let c = ins.pointee.callee
                    guard c >= 0 else { throw JITError("\(funcs[fi].name): call without a callee") }
                    s = entries[Int(c)] + UInt64(pad)
                case .symbol(let i): s = symbolAddress[i]; isExternal = true
                case .data: s = base + UInt64(dataStart + u.pointee.dataOffset)
                case .errorExit(let e):
                    let x = ins.pointee.exits
                    let t = e == 0 ? x.0 : e == 1 ? x.1 : e == 2 ? x.2 : x.3
                    guard t >= 0 else {
                        throw JITError("\(funcs[fi].name): stencil \(stencils.name(stencil)) without its exit \(e)")
                    }
                    s = base + UInt64(offs[Int(t)])
                }
                let place = here + UInt64(h.offset)
                var value = s &+ UInt64(bitPattern: h.addend)
                if isExternal && h.kind.isPCRelative {
                    let d = Int64(bitPattern: value &- place)
                    if !Veneer.reaches(h.kind, d) {
                        value = base + UInt64(veneerStart + 16 * veneerIndex(s)) &+ UInt64(bitPattern: h.addend)
                    }
                }
                // (The x86-64 kinds inline; the rest, and a value that does
                // not fit, for its error, through `patch`.)
                if patchX86(h.kind, at: at + h.offset, address: place, value: value) { continue }
                do {
                    try patch(h.kind, at: at + h.offset, address: place, value: value)
                } catch let e as PatchError {
                    throw JITError("\(funcs[fi].name): stencil \(stencils.name(stencil)), hole at +\(h.offset): \(e.message)")
                }
            }
        }
        }
        stats.functions[fi].codeBytes = codeEnd[fi] - codeStart[fi]
        stats.functions[fi].stencils = instStart[fi + 1] - instStart[fi]
        stats.functions[fi].microseconds = lowerMicros[fi] + (monotonicMicros() - tf)
    }
    }
    }
    }
    }
    }
    // W^X: writable until here, executable from here on, never both; the
    // instruction cache flushed (AArch64's is not coherent with the data cache).
    if pad > 0 {
        for st in codeStart.dropLast() { (mem + st).storeBytes(of: AArch64Word.btiC.littleEndian, as: UInt32.self) }
    }
    guard mochi_jit_code_seal(mem, mapSize) == 0 else {
        throw JITError("cannot make the code executable (mochi_jit_code_seal failed)")
    }
    // Guarded pages (PROT_BTI) where the CPU has BTI; a no-op elsewhere.
    if pad > 0 && mochi_jit_code_guard(mem, mapSize) < 0 {
        throw JITError("cannot guard the code with PROT_BTI (mochi_jit_code_guard failed)")
    }
    ok = true
    stats.codeBytes = codeSize
    stats.dataBytes = dataSize
    stats.veneers = externalOrder.count
    stats.totalMicroseconds += monotonicMicros() - t0
    var names: [String] = []
    names.reserveCapacity(funcs.count)
    for fi in funcs.indices { names.append(funcs[fi].name) }
    return JITCode(base: mem, size: mapSize, entries: entries, frameBytes: frameBytes, names: names,
                   codeStart: codeStart, codeEnd: codeEnd, instStart: instStart, instOffset: instOffset,
                   instStencil: instStencil)
}
