// The public face of the reference interpreter, and the machinery of one run.
//
// `Interpreter(module:)` decodes a verified module once (Decoder.swift); `run()`
// executes `@main` on a dedicated thread with a 1 GiB stack, because calls recurse on
// the Swift stack (one `Machine.run` activation per Mochi call) and runaway Mochi
// recursion must end in the runtime's `stack overflow` error at a fixed depth, never
// in a crash.
//
// Memory: every frame lives in one contiguous, lazily committed slot stack; globals
// and the string constants are slot arrays too. All three are registered with the
// runtime's collector as conservatively scanned root ranges, so a reference stored
// in any live frame, global or constant keeps its object alive; the thread's machine
// stack (Swift locals holding a reference across a runtime call) is scanned by the
// collector from the stack base given to `mochi_rt_init`. A frame's dead references
// are zeroed at the first point after their last use where a collection can happen
// (Liveness.swift), so a frame keeps alive only what it will still read, as compiled
// code does.

import MochiIR
import MochiRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What decoding produced, for `mochi-jitrun --stats`.
public struct InterpStats: Sendable {
    public var functions: Int
    public var instructions: Int
    public var decodeMicroseconds: Double
}

public final class Interpreter {
    let program: DecodedProgram
    public let stats: InterpStats
    /// Calls deeper than this end in `error: stack overflow`.
    public var maxDepth = 100_000
    /// Decoded with the polls of a contained run (`runContained`).
    let polls: Bool

    /// Decodes every function of a verified module; `contained`: with the polls
    /// where a contained run stops once out of time (`runContained`), which
    /// other runs pass over.
    public init(module: Module, contained: Bool = false) throws {
        let t0 = monotonicMicros()
        var decoder = Decoder(module: module)
        decoder.countsBackEdges = contained
        decoder.polls = contained
        polls = contained
        program = try decoder.decodeAll()
        guard program.mainIndex >= 0 else { throw InterpError("the module has no @main function") }
        let main = program.funcs[program.mainIndex]
        guard main.paramCount == 0 else { throw InterpError("@main must take no parameters") }
        stats = InterpStats(functions: program.funcCount, instructions: program.instructionCount,
                            decodeMicroseconds: monotonicMicros() - t0)
    }

    /// Runs `@main` to completion and flushes the program's standard output. A Mochi
    /// runtime error does not return: the runtime prints it and exits with status 1.
    public func run() {
        onBigStack { [self] in
            let m = Machine(program: program, maxDepth: maxDepth)
            m.runMain()
            m.release()
            mochi_out_flush()
        }
    }

    /// Runs `@main` with the program's standard output captured, and returns it
    /// (for tests; runtime errors still end the process).
    public func runCapturingOutput() -> String {
        var out = ""
        onBigStack { [self] in
            mochi_out_capture(1)
            let m = Machine(program: program, maxDepth: maxDepth)
            m.runMain()
            m.release()
            let s = mochi_out_take_capture()
            out = String(decoding: UnsafeRawBufferPointer(start: mochi_str_bytes(s),
                                                          count: Int(mochi_str_byte_len(s))), as: UTF8.self)
            mochi_out_capture(0)
        }
        return out
    }
}

/// How a contained run ended (`mochi_rt_contained`, mochi_runtime.h): its status
/// (0 returned, 1 runtime error, -1 out of time, -2 over its heap budget, -4 its
/// output past the cap, else the status given to `exit`) and its output (stdout,
/// then any `error:` text; past the cap, its first MOCHI_CONTAIN_OUTPUT_CAP bytes).
public struct ContainedEnding: Equatable {
    public var status: Int32
    public var output: [UInt8]
    /// The output passed the cap: `output` is its beginning, and the run stopped.
    public var truncated: Bool { status == -4 }
    public init(status: Int32, output: [UInt8]) {
        self.status = status
        self.output = output
    }
}

/// The body of a contained run, handed through C.
final class ContainedBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Runs `body` as a contained run (on the calling thread, whose runtime state must
/// be set up) and returns how it ended. What `body` made must be released by the
/// caller after: a runtime error leaves its frames by longjmp.
public func runContainedBody(seconds: Double, heapBudget: UInt64, _ body: @escaping () -> Void) -> ContainedEnding {
    let box = Unmanaged.passRetained(ContainedBody(body))
    defer { box.release() }
    let status = mochi_rt_contained({ p in
        Unmanaged<ContainedBody>.fromOpaque(p!).takeUnretainedValue().body()
    }, box.toOpaque(), seconds, heapBudget)
    var n = 0
    let p = mochi_rt_contained_output(&n)
    let output = n == 0 ? [] : Array(UnsafeRawBufferPointer(start: p, count: n))
    return ContainedEnding(status: status, output: output)
}

extension Interpreter {
    /// Runs `@main` in this process as a contained run (`mochi_rt_contained`): a
    /// runtime error, `exit`, the time limit or the heap budget ends it without
    /// ending the process, and the run's roots and memory are released after.
    /// For an in-process harness (the ir-exec fuzz target); tools use `run`.
    /// The time limit is seen at the polls of an interpreter made `contained`
    /// (function entries, loop back edges), and where the collector's credit runs
    /// out: a time limit asks for such an interpreter (a loop that does not
    /// allocate would not stop in another).
    public func runContained(seconds: Double, heapBudget: UInt64) -> ContainedEnding {
        precondition(seconds <= 0 || polls, "a contained run with a time limit needs Interpreter(module:contained: true)")
        var ending = ContainedEnding(status: 0, output: [])
        onBigStack { [self] in
            let m = Machine(program: program, maxDepth: maxDepth)
            // Only the program runs contained; the body holds no reference of its
            // own to the machine (a runtime error would leave it unreleased).
            let unowned = Unmanaged.passUnretained(m)
            ending = runContainedBody(seconds: seconds, heapBudget: heapBudget) {
                unowned._withUnsafeGuaranteedRef { $0.runMain() }
            }
            m.release()
            mochi_gc_collect()
        }
        return ending
    }
}

func monotonicMicros() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e6 + Double(ts.tv_nsec) / 1e3
}

private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Runs `body` on a new thread with a large stack and waits for it; the runtime is
/// (re)initialised there with that thread's stack top as the collector's stack base.
/// The interpreter and the JIT both run programs this way.
public func onBigStack(_ body: @escaping () -> Void) {
    let ctx = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var tid = pthread_t()
    var started = false
    for size in [1 << 30, 1 << 28, 1 << 26] {
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        pthread_attr_setstacksize(&attr, size)
        let rc = pthread_create(&tid, &attr, { p in
            let box = Unmanaged<ThreadBody>.fromOpaque(p!).takeRetainedValue()
            // nil: the runtime finds this thread's stack top in /proc/self/maps.
            mochi_rt_init(0, nil, nil)
            box.body()
            return nil
        }, ctx)
        pthread_attr_destroy(&attr)
        if rc == 0 { started = true; break }
    }
    if !started {
        // No thread could be made: run here, with the runtime's own stack detection.
        let box = Unmanaged<ThreadBody>.fromOpaque(ctx).takeRetainedValue()
        mochi_rt_init(0, nil, nil)
        box.body()
        return
    }
    pthread_join(tid, nil)
}

@inline(__always) func ref(_ s: UInt64) -> mochi_ref? { UnsafeMutablePointer(bitPattern: UInt(truncatingIfNeeded: s)) }
@inline(__always) func slot(_ r: mochi_ref?) -> UInt64 { UInt64(UInt(bitPattern: r)) }
@inline(__always) func slotKind(_ k: UInt8) -> MochiSlotKind { MochiSlotKind(rawValue: UInt32(k)) }

// Object layout offsets (mochi_runtime.h), checked against the imported structs.
let listLenOffset = 16, listDataOffset = 32, listSharedOffset = 9
let structFieldsOffset = 8
let closureFnOffset = 8, closureNcapOffset = 24, closureCapsOffset = 32

/// The state of one run: frames, globals, constants, descriptors, call depth.
final class Machine {
    let program: DecodedProgram
    let funcs: UnsafeMutablePointer<DFunc>
    let funcCount: Int
    let maxDepth: Int
    var depth = 0

    let stackBase: UnsafeMutablePointer<UInt64>
    let stackEnd: UnsafeMutablePointer<UInt64>
    let stackBytes: Int
    /// Slots of the slot stack in use (the collector scans [base, base + count)).
    let stackCount: UnsafeMutablePointer<Int>
    let globals: UnsafeMutablePointer<UInt64>
    let globalCount: UnsafeMutablePointer<Int>
    let strings: UnsafeMutablePointer<UInt64>
    let stringCount: UnsafeMutablePointer<Int>
    let descs: UnsafeMutablePointer<UnsafePointer<MochiTypeDesc>?>
    let fileName: UnsafeMutablePointer<CChar>?
    /// A tiered run's link to the JIT (Tiering.swift); nil in a plain run.
    var tier: TierLink?
    /// Whether the slot stack and globals are the JIT's (a tiered run).
    let sharesMemory: Bool

    init(program: DecodedProgram, maxDepth: Int, shared: SharedMemory? = nil) {
        precondition(MemoryLayout<MochiList>.offset(of: \MochiList.len) == listLenOffset
                     && MemoryLayout<MochiList>.offset(of: \MochiList.shared) == listSharedOffset
                     && MemoryLayout<MochiList>.offset(of: \MochiList.data) == listDataOffset
                     && MemoryLayout<MochiStruct>.size == structFieldsOffset
                     && MemoryLayout<MochiClosure>.offset(of: \MochiClosure.fn_id) == closureFnOffset
                     && MemoryLayout<MochiClosure>.offset(of: \MochiClosure.ncap) == closureNcapOffset
                     && MemoryLayout<MochiClosure>.size == closureCapsOffset,
                     "runtime object layouts differ from the interpreter's fast paths")
        self.program = program
        funcs = program.funcs
        funcCount = program.funcCount
        self.maxDepth = maxDepth

        // 512 MiB of address space, committed only as frames touch it: room for the
        // maximum call depth with frames of up to ~670 slots.
        sharesMemory = shared != nil
        if let shared {
            // A tiered run: the JIT's slot stack and globals, already roots.
            stackBase = shared.stackBase
            stackEnd = shared.stackEnd
            stackBytes = (shared.stackEnd - shared.stackBase) * 8
            stackCount = shared.stackCount
            globals = shared.globals
            globalCount = shared.globalCount
        } else {
            let slots = 1 << 26
            stackBytes = slots * 8
            let mem = mmap(nil, stackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            guard let mem, mem != MAP_FAILED else { mochi_rt_error("out of memory") }
            stackBase = mem.bindMemory(to: UInt64.self, capacity: slots)
            stackEnd = stackBase + slots
            stackCount = .allocate(capacity: 1)
            stackCount.pointee = 0
            mochi_gc_register_range(stackBase, stackCount)

            globals = .allocate(capacity: max(program.globalCount, 1))
            globals.initialize(repeating: 0, count: max(program.globalCount, 1))
            globalCount = .allocate(capacity: 1)
            globalCount.pointee = program.globalCount
            mochi_gc_register_range(globals, globalCount)
        }

        // Constants are made before being counted as roots, one at a time, so a
        // collection during their creation never sees a half-written entry.
        let strings = UnsafeMutablePointer<UInt64>.allocate(capacity: max(program.strings.count, 1))
        strings.initialize(repeating: 0, count: max(program.strings.count, 1))
        let stringCount = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        stringCount.pointee = 0
        mochi_gc_register_range(strings, stringCount)
        for (i, s) in program.strings.enumerated() {
            var u = Array(s.utf8)
            u.append(0)
            u.withUnsafeBufferPointer { b in
                b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                    strings[i] = slot(mochi_str_new(p, Int64(b.count - 1)))
                }
            }
            stringCount.pointee = i + 1
        }
        self.strings = strings
        self.stringCount = stringCount

        descs = .allocate(capacity: max(program.descs.count, 1))
        for (i, d) in program.descs.enumerated() {
            // A tiered run's values cross the tiers: one descriptor per type.
            if let shared, let p = shared.descriptor(d.unionName ?? d.name,
                                                     d.unionName != nil ? d.tag : d.anonymous ? anonymousDescKey : -1) {
                descs[i] = p
                continue
            }
            let names = d.fieldNames.map { program.cString($0) }
            let namePtrs = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: max(names.count, 1))
            for (k, n) in names.enumerated() { namePtrs[k] = UnsafePointer(n) }
            let kinds = UnsafeMutablePointer<UInt8>.allocate(capacity: max(d.fieldKinds.count, 1))
            for (k, v) in d.fieldKinds.enumerated() { kinds[k] = v }
            let un = d.unionName.map { UnsafePointer(program.cString($0)) }
            // mochi_desc_new copies everything it is given.
            let desc = mochi_desc_new(program.cString(d.name), Int32(names.count), namePtrs, kinds, d.tag, un)
            descs[i] = d.anonymous ? mochi_desc_anonymous(desc) : desc
            namePtrs.deallocate()
            kinds.deallocate()
        }
        fileName = program.sourceFile.isEmpty ? nil : program.cString(program.sourceFile)
    }

    /// Unregisters the root ranges and frees what this run allocated.
    func release() {
        if sharesMemory {
            mochi_gc_unregister_range(stringCount)
            strings.deallocate(); stringCount.deallocate()
            descs.deallocate()
            return
        }
        mochi_gc_unregister_range(stackCount)
        mochi_gc_unregister_range(globalCount)
        mochi_gc_unregister_range(stringCount)
        munmap(stackBase, stackBytes)
        stackCount.deallocate()
        globals.deallocate(); globalCount.deallocate()
        strings.deallocate(); stringCount.deallocate()
        descs.deallocate()
    }

    func runMain() {
        mochi_loc_file = fileName.map { UnsafePointer($0) }
        mochi_loc_line = 0
        let f = funcs + program.mainIndex
        stackCount.pointee = f.pointee.frameSize
        _ = run(f, stackBase)
    }

    /// A call's clears (DOp.call; encoding in Decoder.callClears): the caller's
    /// references that are dead once the arguments are in the callee's frame.
    @inline(__always)
    func clearDead(_ imm: Int64, _ fp: UnsafeMutablePointer<UInt64>, _ operands: UnsafeMutablePointer<Int32>) {
        if imm > 0 {
            fp[Int(truncatingIfNeeded: imm & 0xFFFF_FFFF) &- 1] = 0
            let second = Int(truncatingIfNeeded: imm >> 32)
            if second != 0 { fp[second &- 1] = 0 }
        } else if imm < 0 {
            clearDeadList(~imm, fp, operands)
        }
    }

    @inline(never)
    func clearDeadList(_ x: Int64, _ fp: UnsafeMutablePointer<UInt64>, _ operands: UnsafeMutablePointer<Int32>) {
        let slots = operands + Int(truncatingIfNeeded: x & 0xFFFF_FFFF)
        for k in 0..<Int(truncatingIfNeeded: x >> 32) { fp[Int(slots[k])] = 0 }
    }

    @inline(never)
    func stackOverflow(_ line: Int32) -> Never {
        depth = 0
        mochi_loc_line = line
        mochi_rt_error("stack overflow")
    }

    @inline(never)
    func trap(_ line: Int32, _ what: Int) -> Never {
        mochi_loc_line = line
        switch what {
        case 0: mochi_err_overflow()
        case 1: mochi_err_div_zero()
        default: mochi_rt_error("unreachable code reached")
        }
    }

    /// Runs function `f` whose frame starts at `fp` (arguments already in slots
    /// 0..<paramCount) and returns its result slot (0 for unit functions).
    func run(_ f: UnsafeMutablePointer<DFunc>, _ fp: UnsafeMutablePointer<UInt64>) -> UInt64 {
        let code = f.pointee.code
        let operands = f.pointee.operands
        let top = fp + f.pointee.frameSize
        var pc = 0
        while true {
            let ins = code + pc
            pc += 1
            let a = Int(ins.pointee.a), b = Int(ins.pointee.b), c = Int(ins.pointee.c)
            switch ins.pointee.op {
            case .jump:
                pc = Int(ins.pointee.d)
            case .poll:
                mochi_rt_contained_poll()
            case .loopJump:
                // A loop's back edge, in a tiered or contained run (the only decodings with these).
                if let t = tier, let entry = t.backEdge(f - funcs, to: Int(ins.pointee.d), program: program) {
                    // On-stack replacement: the loop goes on in JIT code, in this frame.
                    return t.enter(entry, fp, depth)
                }
                pc = Int(ins.pointee.d)
            case .brTrue:
                if fp[b] != 0 { pc = Int(ins.pointee.d) }
            case .brFalse:
                if fp[b] == 0 { pc = Int(ins.pointee.d) }
            case .ret:
                return fp[b]
            case .retVoid:
                return 0
            case .unreachable:
                trap(ins.pointee.line, 2)
            case .move:
                fp[a] = fp[b]
            case .clear:
                let slots = operands + c
                for k in 0..<Int(ins.pointee.d) { fp[Int(slots[k])] = 0 }
            case .iconst:
                fp[a] = UInt64(bitPattern: ins.pointee.imm)
            case .sconst:
                fp[a] = strings[Int(ins.pointee.imm)]

            case .iadd:
                let (r, o) = Int64(bitPattern: fp[b]).addingReportingOverflow(Int64(bitPattern: fp[c]))
                if o { trap(ins.pointee.line, 0) }
                fp[a] = UInt64(bitPattern: r)
            case .isub:
                let (r, o) = Int64(bitPattern: fp[b]).subtractingReportingOverflow(Int64(bitPattern: fp[c]))
                if o { trap(ins.pointee.line, 0) }
                fp[a] = UInt64(bitPattern: r)
            case .imul:
                let (r, o) = Int64(bitPattern: fp[b]).multipliedReportingOverflow(by: Int64(bitPattern: fp[c]))
                if o { trap(ins.pointee.line, 0) }
                fp[a] = UInt64(bitPattern: r)
            case .iaddI:
                let (r, o) = Int64(bitPattern: fp[b]).addingReportingOverflow(ins.pointee.imm)
                if o { trap(ins.pointee.line, 0) }
                fp[a] = UInt64(bitPattern: r)
            case .isubI:
                let (r, o) = Int64(bitPattern: fp[b]).subtractingReportingOverflow(ins.pointee.imm)
                if o { trap(ins.pointee.line, 0) }
                fp[a] = UInt64(bitPattern: r)
            case .imulI:
                let (r, o) = Int64(bitPattern: fp[b]).multipliedReportingOverflow(by: ins.pointee.imm)
                if o { trap(ins.pointee.line, 0) }
                fp[a] = UInt64(bitPattern: r)
            case .idiv:
                let x = Int64(bitPattern: fp[b]), y = Int64(bitPattern: fp[c])
                if y == 0 { trap(ins.pointee.line, 1) }
                if y == -1 && x == .min { trap(ins.pointee.line, 0) }
                fp[a] = UInt64(bitPattern: x / y)
            case .irem:
                let x = Int64(bitPattern: fp[b]), y = Int64(bitPattern: fp[c])
                if y == 0 { trap(ins.pointee.line, 1) }
                fp[a] = y == -1 ? 0 : UInt64(bitPattern: x % y)
            case .ineg:
                let x = Int64(bitPattern: fp[b])
                if x == .min { trap(ins.pointee.line, 0) }
                fp[a] = UInt64(bitPattern: -x)

            case .icmpEq: fp[a] = fp[b] == fp[c] ? 1 : 0
            case .icmpNe: fp[a] = fp[b] != fp[c] ? 1 : 0
            case .icmpLt: fp[a] = Int64(bitPattern: fp[b]) < Int64(bitPattern: fp[c]) ? 1 : 0
            case .icmpLe: fp[a] = Int64(bitPattern: fp[b]) <= Int64(bitPattern: fp[c]) ? 1 : 0
            case .icmpGt: fp[a] = Int64(bitPattern: fp[b]) > Int64(bitPattern: fp[c]) ? 1 : 0
            case .icmpGe: fp[a] = Int64(bitPattern: fp[b]) >= Int64(bitPattern: fp[c]) ? 1 : 0
            case .icmpEqI: fp[a] = Int64(bitPattern: fp[b]) == ins.pointee.imm ? 1 : 0
            case .icmpNeI: fp[a] = Int64(bitPattern: fp[b]) != ins.pointee.imm ? 1 : 0
            case .icmpLtI: fp[a] = Int64(bitPattern: fp[b]) < ins.pointee.imm ? 1 : 0
            case .icmpLeI: fp[a] = Int64(bitPattern: fp[b]) <= ins.pointee.imm ? 1 : 0
            case .icmpGtI: fp[a] = Int64(bitPattern: fp[b]) > ins.pointee.imm ? 1 : 0
            case .icmpGeI: fp[a] = Int64(bitPattern: fp[b]) >= ins.pointee.imm ? 1 : 0
            case .brIcmpEq: if fp[b] == fp[c] { pc = Int(ins.pointee.d) }
            case .brIcmpNe: if fp[b] != fp[c] { pc = Int(ins.pointee.d) }
            case .brIcmpLt: if Int64(bitPattern: fp[b]) < Int64(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brIcmpLe: if Int64(bitPattern: fp[b]) <= Int64(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brIcmpGt: if Int64(bitPattern: fp[b]) > Int64(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brIcmpGe: if Int64(bitPattern: fp[b]) >= Int64(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brIcmpEqI: if Int64(bitPattern: fp[b]) == ins.pointee.imm { pc = Int(ins.pointee.d) }
            case .brIcmpNeI: if Int64(bitPattern: fp[b]) != ins.pointee.imm { pc = Int(ins.pointee.d) }
            case .brIcmpLtI: if Int64(bitPattern: fp[b]) < ins.pointee.imm { pc = Int(ins.pointee.d) }
            case .brIcmpLeI: if Int64(bitPattern: fp[b]) <= ins.pointee.imm { pc = Int(ins.pointee.d) }
            case .brIcmpGtI: if Int64(bitPattern: fp[b]) > ins.pointee.imm { pc = Int(ins.pointee.d) }
            case .brIcmpGeI: if Int64(bitPattern: fp[b]) >= ins.pointee.imm { pc = Int(ins.pointee.d) }
            case .not:
                fp[a] = fp[b] == 0 ? 1 : 0

            case .fadd: fp[a] = (Double(bitPattern: fp[b]) + Double(bitPattern: fp[c])).bitPattern
            case .fsub: fp[a] = (Double(bitPattern: fp[b]) - Double(bitPattern: fp[c])).bitPattern
            case .fmul: fp[a] = (Double(bitPattern: fp[b]) * Double(bitPattern: fp[c])).bitPattern
            case .fdiv:
                let y = Double(bitPattern: fp[c])
                if y == 0 { trap(ins.pointee.line, 1) }
                fp[a] = (Double(bitPattern: fp[b]) / y).bitPattern
            case .frem:
                mochi_loc_line = ins.pointee.line
                fp[a] = mochi_f64_mod(Double(bitPattern: fp[b]), Double(bitPattern: fp[c])).bitPattern
            case .fneg: fp[a] = (-Double(bitPattern: fp[b])).bitPattern
            case .fcmpEq: fp[a] = Double(bitPattern: fp[b]) == Double(bitPattern: fp[c]) ? 1 : 0
            case .fcmpNe: fp[a] = Double(bitPattern: fp[b]) != Double(bitPattern: fp[c]) ? 1 : 0
            case .fcmpLt: fp[a] = Double(bitPattern: fp[b]) < Double(bitPattern: fp[c]) ? 1 : 0
            case .fcmpLe: fp[a] = Double(bitPattern: fp[b]) <= Double(bitPattern: fp[c]) ? 1 : 0
            case .fcmpGt: fp[a] = Double(bitPattern: fp[b]) > Double(bitPattern: fp[c]) ? 1 : 0
            case .fcmpGe: fp[a] = Double(bitPattern: fp[b]) >= Double(bitPattern: fp[c]) ? 1 : 0
            case .brFcmpEq: if Double(bitPattern: fp[b]) == Double(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brFcmpNe: if Double(bitPattern: fp[b]) != Double(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brFcmpLt: if Double(bitPattern: fp[b]) < Double(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brFcmpLe: if Double(bitPattern: fp[b]) <= Double(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brFcmpGt: if Double(bitPattern: fp[b]) > Double(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brFcmpGe: if Double(bitPattern: fp[b]) >= Double(bitPattern: fp[c]) { pc = Int(ins.pointee.d) }
            case .brNFcmpEq: if !(Double(bitPattern: fp[b]) == Double(bitPattern: fp[c])) { pc = Int(ins.pointee.d) }
            case .brNFcmpNe: if !(Double(bitPattern: fp[b]) != Double(bitPattern: fp[c])) { pc = Int(ins.pointee.d) }
            case .brNFcmpLt: if !(Double(bitPattern: fp[b]) < Double(bitPattern: fp[c])) { pc = Int(ins.pointee.d) }
            case .brNFcmpLe: if !(Double(bitPattern: fp[b]) <= Double(bitPattern: fp[c])) { pc = Int(ins.pointee.d) }
            case .brNFcmpGt: if !(Double(bitPattern: fp[b]) > Double(bitPattern: fp[c])) { pc = Int(ins.pointee.d) }
            case .brNFcmpGe: if !(Double(bitPattern: fp[b]) >= Double(bitPattern: fp[c])) { pc = Int(ins.pointee.d) }
            case .itof:
                fp[a] = Double(Int64(bitPattern: fp[b])).bitPattern
            case .ftoi:
                let x = Double(bitPattern: fp[b])
                // The runtime's float-to-int rule (mochi_any_to_int): NaN and values
                // outside [-2^63, 2^63) are an integer overflow.
                guard x >= -9223372036854775808.0 && x < 9223372036854775808.0 else { trap(ins.pointee.line, 0) }
                fp[a] = UInt64(bitPattern: Int64(x))
            case .math1:
                fp[a] = math1(ins.pointee.sub, Double(bitPattern: fp[b])).bitPattern
            case .math2:
                fp[a] = math2(ins.pointee.sub, Double(bitPattern: fp[b]), Double(bitPattern: fp[c])).bitPattern

            case .call:
                let callee = funcs + b
                let nfp = top
                let ntop = nfp + callee.pointee.frameSize
                if ntop > stackEnd || depth >= maxDepth { stackOverflow(ins.pointee.line) }
                let args = operands + c
                let nargs = Int(ins.pointee.d)
                for k in 0..<nargs { nfp[k] = fp[Int(args[k])] }
                // The rest of the frame still holds a dead frame's values, which the
                // collector would scan as roots (keeping old garbage alive): clear it.
                (nfp + nargs).update(repeating: 0, count: callee.pointee.frameSize - nargs)
                clearDead(ins.pointee.imm, fp, operands)
                depth += 1
                stackCount.pointee = ntop - stackBase
                let r = tier == nil ? run(callee, nfp) : tieredCall(callee, nfp)
                depth -= 1
                stackCount.pointee = top - stackBase
                if a >= 0 { fp[a] = r }
            case .callClosure:
                guard let cl = UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: fp[b])),
                      cl.load(as: UInt32.self) == MOCHI_O_CLOSURE.rawValue else {
                    mochi_loc_line = ins.pointee.line
                    _ = mochi_closure_fn_id(ref(fp[b])) // reports the runtime's error
                    trap(ins.pointee.line, 2)
                }
                let fnId = Int(cl.load(fromByteOffset: closureFnOffset, as: Int64.self))
                let ncap = Int(cl.load(fromByteOffset: closureNcapOffset, as: Int64.self))
                precondition(fnId >= 0 && fnId < funcCount, "closure of an unknown function")
                let callee = funcs + fnId
                let nfp = top
                let ntop = nfp + callee.pointee.frameSize
                if ntop > stackEnd || depth >= maxDepth { stackOverflow(ins.pointee.line) }
                let caps = (cl + closureCapsOffset).assumingMemoryBound(to: UInt64.self)
                for k in 0..<ncap { nfp[k] = caps[k] }
                let args = operands + c
                let nargs = ncap + Int(ins.pointee.d)
                for k in 0..<Int(ins.pointee.d) { nfp[ncap + k] = fp[Int(args[k])] }
                (nfp + nargs).update(repeating: 0, count: callee.pointee.frameSize - nargs)
                clearDead(ins.pointee.imm, fp, operands)
                depth += 1
                stackCount.pointee = ntop - stackBase
                let r = tier == nil ? run(callee, nfp) : tieredCall(callee, nfp)
                depth -= 1
                stackCount.pointee = top - stackBase
                if a >= 0 { fp[a] = r }

            case .listGet:
                let i = Int64(bitPattern: fp[c])
                if let l = UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: fp[b])),
                   i >= 0, i < l.load(fromByteOffset: listLenOffset, as: Int64.self) {
                    fp[a] = l.load(fromByteOffset: listDataOffset, as: UnsafeMutablePointer<UInt64>.self)[Int(i)]
                } else {
                    mochi_loc_line = ins.pointee.line
                    fp[a] = mochi_list_get(ref(fp[b]), i)
                }
            case .listSet:
                let i = Int64(bitPattern: fp[c])
                // In place unless the store is shared (copy-on-write: the runtime's).
                // The shared flag, not the writable length generated code reads:
                // the latter's 32-bit load made Swift compile this whole
                // dispatch loop slower (mandelbrot, which sets no list, 2x).
                if let l = UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: fp[b])),
                   i >= 0, i < l.load(fromByteOffset: listLenOffset, as: Int64.self),
                   l.load(fromByteOffset: listSharedOffset, as: UInt8.self) == 0 {
                    l.load(fromByteOffset: listDataOffset, as: UnsafeMutablePointer<UInt64>.self)[Int(i)] = fp[Int(ins.pointee.d)]
                } else {
                    mochi_loc_line = ins.pointee.line
                    mochi_list_set(ref(fp[b]), i, fp[Int(ins.pointee.d)])
                }
            case .listGetB: // a list<bool>: one byte an element
                let i = Int64(bitPattern: fp[c])
                if let l = UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: fp[b])),
                   i >= 0, i < l.load(fromByteOffset: listLenOffset, as: Int64.self) {
                    fp[a] = UInt64(l.load(fromByteOffset: listDataOffset, as: UnsafeMutablePointer<UInt8>.self)[Int(i)])
                } else {
                    mochi_loc_line = ins.pointee.line
                    fp[a] = mochi_list_get(ref(fp[b]), i)
                }
            case .listSetB:
                let i = Int64(bitPattern: fp[c])
                if let l = UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: fp[b])),
                   i >= 0, i < l.load(fromByteOffset: listLenOffset, as: Int64.self),
                   l.load(fromByteOffset: listSharedOffset, as: UInt8.self) == 0 {
                    l.load(fromByteOffset: listDataOffset, as: UnsafeMutablePointer<UInt8>.self)[Int(i)] = fp[Int(ins.pointee.d)] != 0 ? 1 : 0
                } else {
                    mochi_loc_line = ins.pointee.line
                    mochi_list_set(ref(fp[b]), i, fp[Int(ins.pointee.d)])
                }
            case .listLen:
                if let l = UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: fp[b])) {
                    fp[a] = l.load(fromByteOffset: listLenOffset, as: UInt64.self)
                } else {
                    fp[a] = 0
                }
            case .fieldGet:
                if let s = UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: fp[b])) {
                    fp[a] = s.load(fromByteOffset: structFieldsOffset + 8 * Int(ins.pointee.imm), as: UInt64.self)
                } else {
                    mochi_loc_line = ins.pointee.line
                    fp[a] = mochi_struct_get(nil, ins.pointee.imm)
                }
            case .fieldSet:
                if let s = UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: fp[b])) {
                    s.storeBytes(of: fp[c], toByteOffset: structFieldsOffset + 8 * Int(ins.pointee.imm), as: UInt64.self)
                } else {
                    mochi_loc_line = ins.pointee.line
                    mochi_struct_set(nil, ins.pointee.imm, fp[c])
                }
            case .globalGet:
                fp[a] = globals[Int(ins.pointee.imm)]
            case .globalSet:
                globals[Int(ins.pointee.imm)] = fp[b]

            case .complex:
                complex(ins, fp, f)
            }
        }
    }

    @inline(never)
    func math1(_ fn: UInt8, _ x: Double) -> Double {
        switch MathFn(rawValue: fn)! {
        case .sqrt: return x.squareRoot()
        case .sin: return mochi_math_sin(x)
        case .cos: return mochi_math_cos(x)
        case .tan: return mochi_math_tan(x)
        case .asin: return mochi_math_asin(x)
        case .acos: return mochi_math_acos(x)
        case .atan: return mochi_math_atan(x)
        case .sinh: return mochi_math_sinh(x)
        case .cosh: return mochi_math_cosh(x)
        case .tanh: return mochi_math_tanh(x)
        case .exp: return mochi_math_exp(x)
        case .log: return mochi_math_log(x)
        case .log2: return mochi_math_log2(x)
        case .log10: return mochi_math_log10(x)
        case .floor: return floor(x)
        case .ceil: return ceil(x)
        case .fabs: return fabs(x)
        case .round: return round(x)
        case .trunc: return trunc(x)
        case .cbrt: return mochi_math_cbrt(x)
        case .expm1: return mochi_math_expm1(x)
        case .log1p: return mochi_math_log1p(x)
        default: return .nan
        }
    }

    @inline(never)
    func math2(_ fn: UInt8, _ x: Double, _ y: Double) -> Double {
        switch MathFn(rawValue: fn)! {
        case .pow: return mochi_math_pow(x, y)
        case .atan2: return mochi_math_atan2(x, y)
        case .fmod: return fmod(x, y)
        case .hypot: return mochi_math_hypot(x, y)
        case .fmin: return fmin(x, y)
        case .fmax: return fmax(x, y)
        default: return .nan
        }
    }
}
