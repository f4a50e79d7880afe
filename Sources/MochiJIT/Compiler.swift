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
    /// bit 4 whether it clobbers the homes.
    private var info: [UInt8]

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
        info = [UInt8](repeating: 0, count: library.count)
        var addrs: [UInt64] = []
        for name in library.symbols {
            guard let p = mochi_jit_symbol(name) else {
                throw JITError("the stencil library references '\(name)', which this mochi-jitrun does not provide (stale library?)")
            }
            addrs.append(UInt64(UInt(bitPattern: p)))
        }
        symbolAddress = addrs
        for op in Opcode.allCases {
            for n in stencilNames(for: op) where library.index(of: n) == nil {
                throw JITError("the stencil library has no stencil '\(n)' (stale library?)")
            }
        }
        for n in controlStencilNames where library.index(of: n) == nil {
            throw JITError("the stencil library has no stencil '\(n)' (stale library?)")
        }
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

    private func describe(_ i: Int32) throws -> UInt8 {
        if info[Int(i)] != 0 { return info[Int(i)] }
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

/// Machine code for a module, in a read-execute mapping.
public final class JITCode {
    public let base: UnsafeMutableRawPointer
    public let size: Int
    /// Entry address per function index.
    public let entries: [UInt64]
    let frameBytes: [Int64]
    /// Per function: where its code is and which stencil instances it is made of.
    let layout: [FunctionLayout]

    init(base: UnsafeMutableRawPointer, size: Int, entries: [UInt64], frameBytes: [Int64],
         layout: [FunctionLayout]) {
        self.base = base; self.size = size; self.entries = entries; self.frameBytes = frameBytes; self.layout = layout
    }
    deinit { munmap(base, size) }
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
    switch o {
    case .A: return UInt64(ins.a) &* 8
    case .B: return UInt64(ins.b) &* 8
    case .C: return UInt64(ins.c) &* 8
    case .D: return UInt64(ins.d) &* 8
    case .G: return UInt64(f.gatherBase * 8)
    case .LINE: return UInt64(max(ins.line, 0))
    case .FRAME: return frame
    case .N: return UInt64(ins.n)
    case .CFRAME:
        guard ins.callee >= 0 else { throw JITError("\(f.name): call without a callee") }
        return UInt64(calleeFrame(Int(ins.callee)))
    case .KIND: return UInt64(ins.kind)
    case .KIND2: return UInt64(ins.kind2)
    case .IMM: return UInt64(bitPattern: ins.imm)
    case .IMM2: return UInt64(bitPattern: ins.imm2)
    case .SIMM:
        guard ins.imm >= 0 && ins.imm < 1 << 31 else {
            throw JITError("\(f.name): stencil \(stencil()): small immediate \(ins.imm) out of range")
        }
        return UInt64(ins.imm)
    case .FN, .FN2: return UInt64(bitPattern: ins.fn)
    }
}

func emitCode(_ funcs: [JFunction], stencils: LoadedStencils, stats: inout JITStats, lowerMicros: [Double]) throws -> JITCode {
    // The stencils in use, decoded once each: local[i] is stencil i's index in
    // `used` (arrays, not dictionaries: a dictionary type's first use costs a
    // metadata instantiation on every run).
    var local = [Int32](repeating: -1, count: stencils.library.count)
    var used: [Stencil] = []
    for f in funcs {
        for ins in f.insts where local[Int(ins.stencil)] < 0 {
            local[Int(ins.stencil)] = Int32(used.count)
            used.append(try stencils.stencil(ins.stencil))
        }
    }
    let t0 = monotonicMicros()
    // Layout: instruction offsets, function starts, data per stencil, veneers.
    var offsets: [[Int]] = []
    var starts: [Int] = []
    var pc = 0
    var dataOffset = [Int](repeating: -1, count: used.count)
    var dataSize = 0
    var externalOrder: [UInt64] = [] // the veneers' addresses
    func external(_ a: UInt64) {
        if !externalOrder.contains(a) { externalOrder.append(a) }
    }
    // Branch protection (an AArch64 library built with BTI, the Linux default):
    // every function starts with `bti c`, since the in-process JIT's entries are
    // called through pointers (the run's entry, closures, the runtime), and the
    // code is mapped guarded below. Direct calls land just past the pad.
    let pad = stencils.library.target.isAArch64 && stencils.library.branchProtection == .standard ? 4 : 0
    for f in funcs {
        starts.append(pc)
        pc += pad
        var offs: [Int] = []
        offs.reserveCapacity(f.insts.count)
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
                if case .symbol(let i) = h.value { external(stencils.symbolAddress[i]) }
                if case .operand(let o) = h.value, o == .FN || o == .FN2 { external(UInt64(bitPattern: ins.fn)) }
            }
        }
        offsets.append(offs)
    }
    let codeSize = pc
    let dataStart = (codeSize + 15) & ~15
    let veneerStart = (dataStart + dataSize + 15) & ~15
    let total = veneerStart + 16 * externalOrder.count
    let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    let mapSize = max((total + pageSize - 1) / pageSize * pageSize, pageSize)

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
    for (li, st) in used.enumerated() where dataOffset[li] >= 0 {
        st.data.withUnsafeBytes { (mem + dataStart + dataOffset[li]).copyMemory(from: $0.baseAddress!, byteCount: st.data.count) }
    }
    let entries = starts.map { base + UInt64($0) }
    let frameBytes = funcs.map { Int64($0.frameSlots * 8) }
    var layout: [FunctionLayout] = []

    // The stencils' code and holes flattened once (one byte buffer, one hole
    // array, per used stencil its ranges): the loop below then copies and
    // patches through raw pointers, with no Stencil copied (four reference
    // counts each) per instruction. Holes are plain values, so the hole array
    // costs no reference counting either.
    var codeAt = [Int](repeating: 0, count: used.count + 1)
    for (li, st) in used.enumerated() { codeAt[li + 1] = codeAt[li] + st.code.count }
    var allCode = [UInt8](repeating: 0, count: max(codeAt[used.count], 1))
    var holeAt = [Int](repeating: 0, count: used.count + 1)
    var allHoles: [Hole] = []
    for (li, st) in used.enumerated() {
        allCode.withUnsafeMutableBytes { b in
            st.code.withUnsafeBytes { (b.baseAddress! + codeAt[li]).copyMemory(from: $0.baseAddress!, byteCount: st.code.count) }
        }
        allHoles.append(contentsOf: st.holes)
        holeAt[li + 1] = allHoles.count
    }
    let veneerIndex = { (s: UInt64) -> Int in externalOrder.firstIndex(of: s)! }

    try allCode.withUnsafeBytes { codeBytes in
    try allHoles.withUnsafeBufferPointer { holes in
    for (fi, f) in funcs.enumerated() {
        let tf = monotonicMicros()
        let offs = offsets[fi]
        let frame = UInt64(f.frameSlots * 8)
        try f.insts.withUnsafeBufferPointer { insts in
        for ii in 0..<insts.count {
            let ins = insts[ii]
            let li = Int(local[Int(ins.stencil)])
            let at = mem + offs[ii]
            let codeLen = codeAt[li + 1] - codeAt[li]
            at.copyMemory(from: codeBytes.baseAddress! + codeAt[li], byteCount: codeLen)
            let here = base + UInt64(offs[ii])
            for hi in holeAt[li]..<holeAt[li + 1] {
                let h = holes[hi]
                var s: UInt64
                var isExternal = false
                switch h.value {
                case .operand(let o):
                    s = try operandValue(o, ins, f, frame: frame, calleeFrame: { frameBytes[Int($0)] },
                                         stencil: stencils.name(ins.stencil))
                    isExternal = o == .FN || o == .FN2
                case .continuation: s = here + UInt64(codeLen)
                case .target:
                    guard ins.target >= 0 else { throw JITError("\(f.name): branch without a target") }
                    s = base + UInt64(offs[Int(ins.target)])
                case .callee:
                    guard ins.callee >= 0 else { throw JITError("\(f.name): call without a callee") }
                    s = entries[Int(ins.callee)] + UInt64(pad)
                case .symbol(let i): s = stencils.symbolAddress[i]; isExternal = true
                case .data: s = base + UInt64(dataStart + dataOffset[li])
                case .errorExit(let e):
                    let t = e == 0 ? ins.exits.0 : e == 1 ? ins.exits.1 : e == 2 ? ins.exits.2 : ins.exits.3
                    guard t >= 0 else {
                        throw JITError("\(f.name): stencil \(stencils.name(ins.stencil)) without its exit \(e)")
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
                do {
                    try patch(h.kind, at: at + h.offset, address: place, value: value)
                } catch let e as PatchError {
                    throw JITError("\(f.name): stencil \(stencils.name(ins.stencil)), hole at +\(h.offset): \(e.message)")
                }
            }
        }
        }
        let end = fi + 1 < funcs.count ? starts[fi + 1] : codeSize
        layout.append(FunctionLayout(name: f.name, start: starts[fi], end: end, offsets: offs,
                                     stencils: f.insts.map(\.stencil)))
        stats.functions[fi].codeBytes = end - starts[fi]
        stats.functions[fi].stencils = f.insts.count
        stats.functions[fi].microseconds = lowerMicros[fi] + (monotonicMicros() - tf)
    }
    }
    }
    // W^X: writable until here, executable from here on, never both; the
    // instruction cache flushed (AArch64's is not coherent with the data cache).
    if pad > 0 {
        for st in starts { (mem + st).storeBytes(of: AArch64Word.btiC.littleEndian, as: UInt32.self) }
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
    return JITCode(base: mem, size: mapSize, entries: entries, frameBytes: frameBytes, layout: layout)
}
