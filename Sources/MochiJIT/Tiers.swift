// Compiling on demand (`JITPolicy.lazy`) and tiering up from the interpreter
// (`.tiered`): the JIT's cost follows the code that runs, not the program's size.
//
// The code arena is one memfd mapped twice: read-execute where code runs and
// read-write where it is written, so no page is ever writable and executable
// at once, and code added while the program runs is written through the second
// view. The arena starts with one 16-byte stub per function (`mov $index, %edx;
// jmp stub-veneer`): t0, the stencils' scratch argument register, carries the
// index to mochi_jit_stub_entry (MochiJITSupport/mochi_jit_tier.c), which asks
// `resolve` for the code. Every call site and the closure table point at the
// stub until the function is compiled; compiling it lays it out, copies and
// patches it (as Compiler.swift does for a whole module, one function at a
// time, into the arena's free space), then rewrites the stub into `jmp entry`,
// re-patches the call sites that were made against the stub to call the entry
// directly, and fills the closure table, so a function goes through its stub
// at most once per call site.
//
// Calls check the depth only (`call_check`, no slot-stack check) when the
// module's frames cannot reach the slot stack's end before the depth limit;
// eager compiling knows each frame after lowering every function, on demand
// only an upper bound is known before lowering (`frameSlotBound`). When the
// bound does not prove it, the run compiles eagerly (the stats say so).
//
// Tiered runs start in the interpreter, which runs on the JIT's own slot stack,
// globals and constants (MochiInterp/Interpreter.swift's `Machine(shared:)`):
// the frame layouts are the same, so a call between the tiers passes the frame
// pointer and nothing is translated. A function is compiled when its call count
// reaches the threshold, or when a back edge in one of its loops has been taken
// that many times (its next call then runs compiled code). Until the first
// function is compiled a tiered run is the interpreter alone: the stencil
// library is read, and the code arena, stubs and lowering context made, at
// that first tier-up (`Run.tierUp`), so a program that never gets hot pays
// for none of it, in time or in memory.

import MochiIR
import MochiInterp
import MochiJITSupport
import MochiRuntime
import MochiStencil
#if canImport(Glibc)
import Glibc
#endif

/// When functions are compiled.
public enum JITPolicy: String, CaseIterable, Sendable {
    /// Every function before `@main` runs.
    case eager
    /// Each function when it is first called.
    case lazy
    /// Functions run in the interpreter until they are hot.
    case tiered
}

/// Calls of a function, or back edges taken in its loops, after which a tiered
/// run compiles it. The interpreter runs cold code at roughly a tenth of the
/// JIT's speed and compiling costs about 2 us per IR instruction, i.e. a few
/// hundred interpreted instructions' worth per instruction compiled: a function
/// called or looping 100 times has run long enough that compiling it pays back
/// on its next hundred, while code that runs a handful of times (most of a
/// large program) is never compiled. A low count also keeps a long loop in a
/// function called once from spending long in the interpreter.
public let defaultTierUpThreshold = 100

/// Per-tier figures of a lazy or tiered run (`mochi-jitrun --stats`).
public struct TierStats: Sendable {
    public var policy: JITPolicy = .eager
    /// Functions the interpreter ran at least once.
    public var interpreted = 0
    /// Functions compiled (on first call or when hot).
    public var compiled = 0
    /// Of those, the ones that had run in the interpreter first.
    public var tieredUp = 0
    /// Transitions into compiled code inside a running loop.
    public var osrEntries = 0
    /// With `JIT.forcedOSRLoop`: the loop headers the interpreter reached.
    public var loopHeaders: Int?
    /// Why the run fell back to compiling eagerly, when it did.
    public var eagerBecause: String?
}

/// The frame a function's lowering can need at most, in slots: one per value,
/// the gather area (at most the largest operand list), and the edge moves'
/// temporaries: one per cycle of a parallel copy, so at most half the target's
/// parameters per edge, for a block's own edges and for the edges of a
/// compare-and-branch block it may thread through or repeat. With inlining,
/// each candidate call adds the callee's bound and the blocks the call is
/// split into.
func frameSlotBound(_ f: Function, module m: Module, symbols: SymbolIndex, candidates: [Bool]) -> Int {
    func own(_ g: Function) -> Int {
        var maxArgs = 0, temps = 0
        for i in g.insts { maxArgs = max(maxArgs, i.args.count) }
        for b in g.blocks {
            for s in b.terminator.successors {
                temps += g[s.block].params.count / 2
                for s2 in g[s.block].terminator.successors { temps += g[s2.block].params.count / 2 }
            }
        }
        return g.valueTypes.count + maxArgs + temps + 1
    }
    var bound = own(f)
    if !candidates.isEmpty {
        for i in f.insts where i.op == .call {
            if case .function(let n) = i.imm, let gi = symbols.functions[n], candidates[gi] {
                bound += own(m.functions[gi]) + 8
            }
        }
    }
    return bound
}

/// One function inlined into (when there are candidates) and lowered.
func lowerFunction(_ f: Function, module: Module, context: LoweringContext, symbols: SymbolIndex,
                   candidates: [Bool], registerHomes: Bool) throws -> JFunction {
    let inl = candidates.isEmpty ? nil : Inliner.inline(f, module: module, symbols: symbols, candidates: candidates)
    return try FunctionLowering.lower(function: inl?.function ?? f, context: context, registerHomes: registerHomes,
                                      depthChecks: inl?.depthChecks ?? [])
}

/// A compiled function's block addresses and homes, for entries at a loop
/// header (its instructions dropped).
struct OSRInfo {
    var function: JFunction
    var blockAddress: [UInt64] = []
    var entries: [Int: UInt64] = [:]
    init(function: JFunction) { self.function = function }
}

/// A call site patched against a stub, to be re-patched to the entry.
struct PendingCall {
    let kind: RelocationKind
    let offset: Int
    let addend: Int64
}

/// The run whose stubs the C entry resolves (one JIT run at a time per
/// process, as the runtime's own state).
nonisolated(unsafe) var activeLazyCode: LazyCode?

let stubResolver: mochi_jit_resolver = { fn, fp, depth, result in
    guard let l = activeLazyCode else { mochi_rt_error("JIT stub called with no run"); }
    return l.resolve(Int(fn), fp!, depth, result!)
}

/// The code of a lazy or tiered run: the arena, the stubs, what is compiled.
final class LazyCode {
    unowned let run: Run
    let module: Module
    let context: LoweringContext
    let symbols: SymbolIndex
    let candidates: [Bool]
    let registerHomes: Bool
    let stencils: LoadedStencils
    let policy: JITPolicy
    let threshold: Int

    let fd: Int32
    let rx: UnsafeMutableRawPointer
    let rw: UnsafeMutableRawPointer
    let capacity: Int
    var top: Int
    let base: UInt64
    static let stubSize = 16

    /// Per function: its entry once compiled (0 before), its frame in bytes
    /// (the bound before), the call sites still aimed at its stub.
    var entries: [UInt64]
    var pending: [[PendingCall]]
    let entryTable: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    let frameTable: UnsafeMutablePointer<Int64>
    /// Per library stencil: its data's arena offset (-1 none yet). (Stencils
    /// are decoded once by the library itself; a per-stencil cache here cost
    /// three quarters of a megabyte of zeroed memory at every tiered start.)
    var dataOffset: [Int]
    var dataBytes = 0
    var veneers: [UInt64: Int] = [:]

    var stats = JITStats()
    var tiers = TierStats()
    /// Functions lowered before the run (for their exact frames), not emitted yet.
    var lowered: [Int: JFunction] = [:]
    /// Tiered: the largest frame a compiled function may have (@main's own),
    /// and the functions over it, which stay interpreted.
    var frameLimit = Int.max
    var mainFrameLimit = Int.max
    var mainIndex = -1
    var tooLarge: [Int: Bool] = [:]
    /// Tiered: per compiled function, what entries at its loop headers need.
    var osrInfo: [Int: OSRInfo] = [:]
    /// Tiered: the interpreter (which counts calls and back edges).
    var interp: TieredInterpreter?
    var wasInterpreted: [Bool]

    /// nil when on-demand compiling cannot be used for this module (the reason
    /// in `why`); the caller compiles eagerly then.
    static func make(run: Run, context: LoweringContext, policy: JITPolicy, threshold: Int,
                     interpretedFrames: [Int]?, why: inout String?) throws -> LazyCode? {
        #if arch(x86_64)
        let jit = run.jit
        let m = jit.module
        let symbols = context.symbols
        let candidates = jit.inlining ? Inliner.candidates(m) : []
        var bounds: [Int64] = []
        bounds.reserveCapacity(m.functions.count)
        // @main's frame is at the bottom of the stack once when nothing calls
        // it (nor makes a closure of it): then the rest must fit beside it.
        let stackSlots = run.stackBytes / 8
        let mainIndex = symbols.functions["main"] ?? -1
        var mainOnce = mainIndex >= 0
        for f in m.functions where mainOnce {
            // (Through the buffer: a `for i in f.insts` copies each instruction,
            // retaining its operands, which on a large program cost a few ms.)
            f.insts.withUnsafeBufferPointer { b in
                for k in b.indices where b[k].op == .call || b[k].op == .closureNew {
                    if case .function(let n) = b[k].imm, n == "main" { mainOnce = false; break }
                }
            }
        }
        var limit = stackSlots / (jit.maxDepth + 2)
        // A function whose bound is over the limit (a long @main, typically)
        // is lowered now, for its exact frame; it is emitted when first called.
        var lowered: [Int: JFunction] = [:]
        if let frames = interpretedFrames {
            // Tiered: every function starts in the interpreter, which checks
            // its frames; each is checked against the limit when compiled,
            // and one over it stays interpreted (`compile`).
            if mainOnce { limit = max(stackSlots - frames[mainIndex], 0) / (jit.maxDepth + 1) }
            let l = try LazyCode(run: run, context: context, symbols: symbols, candidates: candidates,
                                 bounds: frames.map { Int64($0 * 8) }, policy: policy, threshold: threshold)
            l.frameLimit = limit
            l.mainFrameLimit = mainOnce ? stackSlots - limit * (jit.maxDepth + 1) : limit
            l.mainIndex = mainIndex
            return l
        }
        if mainOnce {
            let f = m.functions[mainIndex]
            var b = frameSlotBound(f, module: m, symbols: symbols, candidates: candidates)
            if b > limit {
                let jf = try lowerFunction(f, module: m, context: context, symbols: symbols, candidates: candidates,
                                           registerHomes: jit.registerHomes)
                b = jf.frameSlots
                lowered[mainIndex] = jf
            }
            limit = max(stackSlots - b, 0) / (jit.maxDepth + 1)
        }
        for (fi, f) in m.functions.enumerated() {
            if let jf = lowered[fi] {
                bounds.append(Int64(jf.frameSlots * 8))
                continue
            }
            var b = frameSlotBound(f, module: m, symbols: symbols, candidates: candidates)
            if b > limit {
                let jf = try lowerFunction(f, module: m, context: context, symbols: symbols, candidates: candidates,
                                           registerHomes: jit.registerHomes)
                b = jf.frameSlots
                guard b <= limit else {
                    why = "@\(f.name)'s frame of \(b) slots could reach the slot stack's end before the depth limit"
                    return nil
                }
                lowered[fi] = jf
            }
            bounds.append(Int64(b * 8))
        }
        let l = try LazyCode(run: run, context: context, symbols: symbols, candidates: candidates, bounds: bounds,
                             policy: policy, threshold: threshold)
        l.lowered = lowered
        return l
        #else
        why = "compiling on demand is implemented for x86-64 only"
        return nil
        #endif
    }

    private init(run: Run, context: LoweringContext, symbols: SymbolIndex, candidates: [Bool], bounds: [Int64],
                 policy: JITPolicy, threshold: Int) throws {
        self.run = run
        module = run.jit.module
        self.context = context
        self.symbols = symbols
        self.candidates = candidates
        registerHomes = run.jit.registerHomes
        stencils = try run.jit.stencils
        self.policy = policy
        self.threshold = max(threshold, 1)
        let n = module.functions.count
        // Address space only: pages are committed as code is written. Code must
        // stay within rel32 reach of itself, hence well under 2 GiB.
        capacity = 1 << 30
        fd = mochi_jit_memfd(Int64(capacity))
        guard fd >= 0 else { throw JITError("cannot create the code arena (memfd_create failed)") }
        let near = UInt(bitPattern: mochi_jit_symbol("mochi_str_concat"))
        let hint = UnsafeMutableRawPointer(bitPattern: near > (1 << 31) ? (near - (1 << 31)) & ~UInt(0xfffff) : 0)
        guard let x = mmap(hint, capacity, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0), x != MAP_FAILED else {
            close(fd)
            throw JITError("cannot map the code arena")
        }
        guard let w = mmap(nil, capacity, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), w != MAP_FAILED else {
            munmap(x, capacity); close(fd)
            throw JITError("cannot map the code arena")
        }
        rx = x; rw = w
        base = UInt64(UInt(bitPattern: x))
        entries = [UInt64](repeating: 0, count: n)
        pending = [[PendingCall]](repeating: [], count: n)
        dataOffset = [Int](repeating: -1, count: stencils.library.count)
        wasInterpreted = [Bool](repeating: false, count: n)
        entryTable = .allocate(capacity: max(n, 1))
        frameTable = .allocate(capacity: max(n, 1))
        // The stubs, then the veneer they all jump to.
        let veneer = n * LazyCode.stubSize
        top = veneer + 16
        writeVeneer(at: veneer, to: UInt64(UInt(bitPattern: mochi_jit_stub_target())))
        for i in 0..<n {
            let at = rw + i * LazyCode.stubSize
            at.storeBytes(of: 0xba, as: UInt8.self) // mov $i, %edx
            at.storeBytes(of: UInt32(i).littleEndian, toByteOffset: 1, as: UInt32.self)
            writeJump(at: i * LazyCode.stubSize + 5, to: base + UInt64(veneer))
            entryTable[i] = UnsafeMutableRawPointer(bitPattern: UInt(base) + UInt(i * LazyCode.stubSize))
            frameTable[i] = bounds[i]
        }
        tiers.policy = policy
        activeLazyCode = self
        mochi_jit_set_resolver(stubResolver)
    }

    func release() {
        if activeLazyCode === self { activeLazyCode = nil }
        munmap(rx, capacity); munmap(rw, capacity); close(fd)
        entryTable.deallocate(); frameTable.deallocate()
    }

    func stubAddress(_ i: Int) -> UInt64 { base + UInt64(i * LazyCode.stubSize) }

    /// `jmp rel32` at arena offset `at` to address `to` (in reach: one arena).
    func writeJump(at: Int, to: UInt64) {
        let p = rw + at
        p.storeBytes(of: 0xe9, as: UInt8.self)
        let d = Int64(bitPattern: to &- (base + UInt64(at + 5)))
        p.storeBytes(of: Int32(truncatingIfNeeded: d).littleEndian, toByteOffset: 1, as: Int32.self)
    }

    /// `jmp *0(%rip); .quad to` at arena offset `at` (16 bytes).
    func writeVeneer(at: Int, to: UInt64) {
        let p = rw + at
        let jmp: [UInt8] = [0xff, 0x25, 0, 0, 0, 0]
        for (k, b) in jmp.enumerated() { p.storeBytes(of: b, toByteOffset: k, as: UInt8.self) }
        p.storeBytes(of: to.littleEndian, toByteOffset: 6, as: UInt64.self)
        p.storeBytes(of: UInt16(0x9090), toByteOffset: 14, as: UInt16.self)
    }

    func allocate(_ bytes: Int, align: Int = 16) throws -> Int {
        let at = (top + align - 1) & ~(align - 1)
        guard at + bytes <= capacity else { throw JITError("the code arena is full (\(capacity >> 20) MiB)") }
        top = at + bytes
        return at
    }

    func stencil(_ i: Int32) throws -> Stencil { try stencils.stencil(i) }

    /// The veneer for an external address out of rel32 reach.
    func veneer(_ a: UInt64) throws -> UInt64 {
        if let v = veneers[a] { return base + UInt64(v) }
        let v = try allocate(16)
        writeVeneer(at: v, to: a)
        veneers[a] = v
        return base + UInt64(v)
    }

    /// What a stub's call asks for: the entry of function `fn` (compiling it
    /// if it is time), or nil with its result after running it interpreted.
    func resolve(_ fn: Int, _ fp: UnsafeMutablePointer<UInt64>, _ depth: Int64,
                 _ result: UnsafeMutablePointer<UInt64>) -> UnsafeRawPointer? {
        do {
            if let t = interp, entries[fn] == 0 {
                t.countCall(fn)
                if !t.isHot(fn) {
                    wasInterpreted[fn] = true
                    result.pointee = t.call(fn, fp, depth: Int(depth))
                    // Its loops may have made it hot while it ran: compiled
                    // for its next call (no entry in the middle of a loop yet).
                    if t.isHot(fn) { try compile(fn) }
                    return nil
                }
            }
            let e = try compile(fn)
            if e == 0, let t = interp {
                result.pointee = t.call(fn, fp, depth: Int(depth))
                return nil
            }
            return UnsafeRawPointer(bitPattern: UInt(e))
        } catch {
            run.jit.onLazyCompileError(error)
        }
    }

    /// Compiles function `fi` (once) and returns its entry; 0 when its frame
    /// is over the limit (tiered: it stays interpreted).
    @discardableResult
    func compile(_ fi: Int) throws -> UInt64 {
        if entries[fi] != 0 { return entries[fi] }
        if tooLarge[fi] != nil { return 0 }
        let t0 = monotonicMicros()
        let f = module.functions[fi]
        let jf = try lowered.removeValue(forKey: fi)
            ?? lowerFunction(f, module: module, context: context, symbols: symbols, candidates: candidates,
                             registerHomes: registerHomes)
        if jf.frameSlots > (fi == mainIndex ? mainFrameLimit : frameLimit) {
            tooLarge[fi] = true
            return 0
        }
        let (start, offs, size) = try emit(jf.insts, of: jf, index: fi, tail: 0)
        let entry = base + UInt64(start)
        // Publish: the stub jumps to the code, call sites call it directly.
        entries[fi] = entry
        frameTable[fi] = Int64(jf.frameSlots * 8)
        entryTable[fi] = UnsafeMutableRawPointer(bitPattern: UInt(entry))
        writeJump(at: fi * LazyCode.stubSize, to: entry)
        for p in pending[fi] {
            let place = base + UInt64(p.offset)
            try patch(p.kind, at: rw + p.offset, address: place, value: entry &+ UInt64(bitPattern: p.addend))
        }
        pending[fi] = []
        interp?.setEntry(fi, UnsafeRawPointer(bitPattern: UInt(entry))!)
        if interp != nil {
            // What an entry at a loop header needs (tiered runs only).
            var info = OSRInfo(function: jf)
            info.function.insts = []
            info.blockAddress = jf.blockStart.map { $0 >= 0 ? entry + UInt64(offs[Int($0)]) : 0 }
            osrInfo[fi] = info
        }
        let us = monotonicMicros() - t0
        stats.functions.append(JITFunctionStats(name: f.name, irInstructions: f.insts.count, stencils: jf.insts.count,
                                                codeBytes: size, microseconds: us))
        stats.totalMicroseconds += us
        stats.codeBytes += size
        stats.veneers = veneers.count
        tiers.compiled += 1
        if wasInterpreted[fi] || interp?.ranInterpreted(fi) == true { tiers.tieredUp += 1 }
        mochi_code_pages_compiled()
        return entry
    }

    /// The entry of function fi's code at the start of block b, for a loop
    /// the interpreter is running in that function's frame: the values that
    /// have register homes there are loaded from their slots (where the
    /// interpreter keeps every value, in the same slots), then a jump to the
    /// block's code. Nil when the block has no code of its own.
    func osrEntry(_ fi: Int, block b: Int) throws -> UInt64? {
        guard try compile(fi) != 0 else { return nil }
        guard var info = osrInfo[fi], b < info.blockAddress.count, info.blockAddress[b] != 0 else { return nil }
        if let e = info.entries[b] { return e }
        var loads: [JInst] = []
        if let h = info.function.homes, b < h.blockCount {
            let top = h.blockTop(b)
            var byHome = [Int](repeating: -1, count: RegisterFile.intCount + RegisterFile.floatCount)
            let params = module.functions[fi].blocks.indices.contains(b) ? module.functions[fi].blocks[b].params : []
            for k in 0..<h.homedCount {
                let v = h.homed(k), i = Int(v.index)
                guard h.lo(i) <= top && h.hi(i) >= top else { continue }
                let r = Int(h.home[i]), other = byHome[r]
                // Two values of one register both around the top: the block's
                // parameter, else the later-defined, is the one there.
                if other >= 0 && (params.contains(Value(Int32(other)))
                                  || (!params.contains(v) && h.lo(other) >= h.lo(i))) { continue }
                byHome[r] = i
            }
            for (r, v) in byHome.enumerated() where v >= 0 {
                var ins = JInst(try stencils.index("move_" + RegisterFile.letter(Int8(r)) + "m"), line: 0)
                ins.b = info.function.slot[v]
                loads.append(ins)
            }
        }
        let (start, _, size) = try emit(loads, of: info.function, index: fi, tail: 5)
        writeJump(at: start + size, to: info.blockAddress[b])
        let e = base + UInt64(start)
        info.entries[b] = e
        osrInfo[fi] = info
        return e
    }

    /// Lays out, copies and patches `insts` (of function `jf`, index fi) into
    /// the arena with `tail` bytes after them; their start, each one's offset
    /// from it, and their size.
    func emit(_ insts: [JInst], of jf: JFunction, index fi: Int, tail: Int) throws -> (Int, [Int], Int) {
        // Layout; data and veneers are placed as first needed.
        var offs: [Int] = []
        offs.reserveCapacity(insts.count)
        var size = 0
        // Loop headers on their boundary (CodePlacement.swift), as eager code.
        let headers = insts.withUnsafeBufferPointer { CodePlacement.loopHeaders($0, blockStart: jf.blockStart) }
        for (ii, ins) in insts.enumerated() {
            let st = try stencil(ins.stencil)
            if let h = headers, h[ii] { size = CodePlacement.align(size, CodePlacement.loopAlignment) }
            offs.append(size)
            size += st.code.count
            if !st.data.isEmpty && dataOffset[Int(ins.stencil)] < 0 {
                let d = try allocate(st.data.count)
                st.data.withUnsafeBytes { (rw + d).copyMemory(from: $0.baseAddress!, byteCount: st.data.count) }
                dataOffset[Int(ins.stencil)] = d
                dataBytes += st.data.count
            }
        }
        // Code starts on a cache line.
        let start = try allocate(size + tail, align: CodePlacement.functionAlignment)
        let entry = base + UInt64(start)
        let frame = UInt64(jf.frameSlots * 8)
        var end = start
        for (ii, ins) in insts.enumerated() {
            let st = try stencil(ins.stencil)
            let off = start + offs[ii]
            let at = rw + off
            if off > end { CodePlacement.fillNops(rw + end, count: off - end) }
            end = off + st.code.count
            st.code.withUnsafeBytes { at.copyMemory(from: $0.baseAddress!, byteCount: st.code.count) }
            let here = base + UInt64(off)
            for h in st.holes {
                var s: UInt64
                var isExternal = false
                switch h.value {
                case .operand(let o):
                    s = try operandValue(o, ins, jf, frame: frame, calleeFrame: { frameTable[Int($0)] }, stencil: st.name)
                    isExternal = o == .FN || o == .FN2
                case .continuation: s = here + UInt64(st.code.count)
                case .target:
                    guard ins.target >= 0 else { throw JITError("\(jf.name): branch without a target") }
                    s = entry + UInt64(offs[Int(ins.target)])
                case .callee:
                    guard ins.callee >= 0 else { throw JITError("\(jf.name): call without a callee") }
                    let c = Int(ins.callee)
                    if c == fi {
                        s = entry
                    } else if entries[c] != 0 {
                        s = entries[c]
                    } else {
                        s = stubAddress(c)
                        if h.kind.isPCRelative {
                            pending[c].append(PendingCall(kind: h.kind, offset: off + h.offset, addend: h.addend))
                        }
                    }
                case .symbol(let i): s = stencils.symbolAddress[i]; isExternal = true
                case .data: s = base + UInt64(dataOffset[Int(ins.stencil)])
                case .errorExit(let e):
                    let t = e == 0 ? ins.exits.0 : e == 1 ? ins.exits.1 : e == 2 ? ins.exits.2 : ins.exits.3
                    guard t >= 0 else { throw JITError("\(jf.name): stencil \(st.name) without its exit \(e)") }
                    s = entry + UInt64(offs[Int(t)])
                }
                let place = here + UInt64(h.offset)
                var value = s &+ UInt64(bitPattern: h.addend)
                if isExternal && h.kind.isPCRelative {
                    let d = Int64(bitPattern: value &- place)
                    if d < Int64(Int32.min) || d > Int64(Int32.max) {
                        value = try veneer(s) &+ UInt64(bitPattern: h.addend)
                    }
                }
                if patchX86(h.kind, at: at + h.offset, address: place, value: value) { continue }
                do {
                    try patch(h.kind, at: at + h.offset, address: place, value: value)
                } catch let e as PatchError {
                    throw JITError("\(jf.name): stencil \(st.name), hole at +\(h.offset): \(e.message)")
                }
            }
        }
        return (start, offs, size)
    }

    /// The figures so far (data bytes: the stencils' read-only data placed).
    func currentStats() -> (JITStats, TierStats) {
        var s = stats
        s.dataBytes = dataBytes
        var t = tiers
        if let i = interp {
            t.interpreted = wasInterpreted.indices.reduce(0) { $0 + (wasInterpreted[$1] || i.ranInterpreted($1) ? 1 : 0) }
            t.osrEntries = i.osrEntries
            if run.jit.forcedOSRLoop != nil { t.loopHeaders = i.loopHeadersReached }
        }
        return (s, t)
    }
}

extension JIT {
    /// A tiered run's decoding of the module for its interpreter, done now,
    /// before `run`: on the calling thread, as a plain interpreter run does
    /// (`run` works on a thread of its own, and what the decoder allocates
    /// and frees there stays in that thread's malloc arena: about half a
    /// megabyte more at the peak on a 50,000-line program).
    public func decodeForTiering() throws {
        guard policy == .tiered, tieredProgram == nil else { return }
        tieredProgram = try TieredProgram(module: module)
    }
}

extension Run {
    /// Starts a tiered run: the interpreter, on this run's slot stack, globals
    /// and descriptors; the JIT's side is made at the first tier-up. False
    /// where compiling on demand is not implemented (then the caller
    /// compiles eagerly, as LazyCode.make says).
    func startTiered() throws -> Bool {
        #if arch(x86_64)
        let count = (UnsafeMutableRawPointer(ctx) + MemoryLayout<MochiJITContext>.offset(of: \.stack_count)!)
            .assumingMemoryBound(to: Int.self)
        let shared = SharedMemory(
            stackBase: stackBase, stackEnd: ctx.pointee.stack_end, stackCount: count,
            globals: globals, globalCount: globalCount,
            descriptor: { [unowned self] name, key in
                let d: Int64?
                if key == anonymousDescriptor { d = self.anonymousDescs[name] } else {
                    let ds = self.descs[name]
                    d = ds.flatMap { key + 1 >= 0 && Int(key + 1) < $0.count ? $0[Int(key + 1)] : nil }
                }
                return d.flatMap { UnsafePointer<MochiTypeDesc>(bitPattern: Int($0)) }
            })
        tiered = try TieredInterpreter(
            module: jit.module, decoded: jit.tieredProgram, maxDepth: jit.maxDepth, shared: shared, threshold: jit.tierThreshold,
            callThreshold: jit.tierCallThreshold ?? jit.tierThreshold,
            compile: { [unowned self] i in
                do {
                    guard let l = try self.tierUp() else { return nil }
                    return UnsafeRawPointer(bitPattern: UInt(try l.compile(i)))
                } catch {
                    self.jit.onLazyCompileError(error)
                }
            },
            enter: { entry, fp, depth in mochi_jit_enter_at(entry, fp, Int64(depth)) },
            osrEntry: { [unowned self] i, block in
                do {
                    guard let l = try self.tierUp() else { return nil }
                    return try l.osrEntry(i, block: block).flatMap { UnsafeRawPointer(bitPattern: UInt($0)) }
                } catch {
                    self.jit.onLazyCompileError(error)
                }
            }, forcedLoop: jit.forcedOSRLoop)
        return true
        #else
        return false
        #endif
    }

    /// The JIT's side of a tiered run, made at its first tier-up: the stencil
    /// library read (`JIT.loadStencils`), the lowering context, the code arena
    /// with a stub per function. Nil when the library cannot be read: the
    /// run goes on in the interpreter, tiering up no more (the loader given
    /// to `JIT(module:loadStencils:)` decides what to say, or to stop).
    func tierUp() throws -> LazyCode? {
        if let l = lazy { return l }
        guard let interp = tiered, !interp.stoppedTiering else { return nil }
        let context: LoweringContext
        do { context = try loweringContext() } catch {
            interp.stayInterpreted()
            return nil
        }
        var why: String?
        guard let l = try LazyCode.make(run: self, context: context, policy: .tiered, threshold: jit.tierThreshold,
                                        interpretedFrames: interp.frameSlots, why: &why) else {
            interp.stayInterpreted()
            return nil
        }
        lazy = l
        l.interp = interp
        ctx.pointee.code = UnsafePointer(l.entryTable)
        ctx.pointee.frame_bytes = UnsafePointer(l.frameTable)
        ctx.pointee.func_count = Int64(jit.module.functions.count)
        return l
    }

    func runMainTiered(_ t: TieredInterpreter) {
        let m = jit.module
        let file = m.sourceFile.isEmpty ? nil : cString(m.sourceFile)
        mochi_loc_file = file.map { UnsafePointer($0) }
        mochi_loc_line = 0
        t.runMain()
    }

    /// A lazy or tiered run's figures so far (nil: an eager run's are final
    /// before it starts); a tiered run that has not tiered up has compiled
    /// nothing.
    func onDemandStats() -> (JITStats, TierStats)? {
        if let l = lazy { return l.currentStats() }
        guard let t = tiered else { return nil }
        var tiers = TierStats()
        tiers.policy = .tiered
        tiers.interpreted = (0..<jit.module.functions.count).reduce(0) { $0 + (t.ranInterpreted($1) ? 1 : 0) }
        tiers.osrEntries = t.osrEntries
        if jit.forcedOSRLoop != nil { tiers.loopHeaders = t.loopHeadersReached }
        return (JITStats(), tiers)
    }
}
