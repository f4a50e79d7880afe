// The interpreter's side of a tiered JIT run (MochiJIT/Tiers.swift): it runs
// on the JIT's slot stack and globals and with the JIT's type descriptors, so a
// frame or value is the same in both tiers and a call between them passes the
// frame pointer. Per function it counts calls and loop back edges; a call of a
// function that has JIT code, or that has become hot (which compiles it), goes
// to the JIT instead of `Machine.run`. The JIT calls back into `call` for a
// function that is not compiled yet.

import MochiIR
import MochiRuntime

/// The memory a tiered run's interpreter shares with the JIT.
public struct SharedMemory {
    public var stackBase: UnsafeMutablePointer<UInt64>
    public var stackEnd: UnsafeMutablePointer<UInt64>
    /// Slots in use (the collector's count for the slot stack).
    public var stackCount: UnsafeMutablePointer<Int>
    public var globals: UnsafeMutablePointer<UInt64>
    public var globalCount: UnsafeMutablePointer<Int>
    /// The JIT's descriptor of a type: a struct (key -1), its anonymous twin
    /// (-2) or a union's variant (its tag).
    public var descriptor: (String, Int32) -> UnsafePointer<MochiTypeDesc>?

    public init(stackBase: UnsafeMutablePointer<UInt64>, stackEnd: UnsafeMutablePointer<UInt64>,
                stackCount: UnsafeMutablePointer<Int>, globals: UnsafeMutablePointer<UInt64>,
                globalCount: UnsafeMutablePointer<Int>,
                descriptor: @escaping (String, Int32) -> UnsafePointer<MochiTypeDesc>?) {
        self.stackBase = stackBase; self.stackEnd = stackEnd; self.stackCount = stackCount
        self.globals = globals; self.globalCount = globalCount; self.descriptor = descriptor
    }
}

/// Counts and the way into JIT code.
final class TierLink {
    /// Back edges, and calls, after which a function is hot.
    var threshold: Int32
    var callThreshold: Int32
    var calls: [Int32]
    var backEdges: [Int32]
    /// Per function: its JIT entry once compiled.
    var entries: [UnsafeRawPointer?]
    /// Per function: whether the interpreter has run it.
    var ran: [Bool]
    /// Compiles function i and returns its entry (nil: it stays interpreted).
    let compile: (Int) -> UnsafeRawPointer?
    /// Runs JIT code at an entry with a frame, at a call depth.
    let enter: (UnsafeRawPointer, UnsafeMutablePointer<UInt64>, Int) -> UInt64

    init(functions n: Int, threshold: Int, callThreshold: Int, compile: @escaping (Int) -> UnsafeRawPointer?,
         enter: @escaping (UnsafeRawPointer, UnsafeMutablePointer<UInt64>, Int) -> UInt64,
         osrEntry: @escaping (Int, Int) -> UnsafeRawPointer?) {
        self.osrEntry = osrEntry
        self.threshold = Int32(clamping: max(threshold, 1))
        self.callThreshold = Int32(clamping: max(callThreshold, 1))
        calls = [Int32](repeating: 0, count: n)
        backEdges = [Int32](repeating: 0, count: n)
        entries = [UnsafeRawPointer?](repeating: nil, count: n)
        ran = [Bool](repeating: false, count: n)
        self.compile = compile
        self.enter = enter
    }

    /// Enters compiled code of function i at the start of block b with the
    /// frame's slots as they are (nil: no entry there).
    let osrEntry: (Int, Int) -> UnsafeRawPointer?
    var osrEntries = 0

    /// A test mode (`mochi-jitrun --jit-osr-loop=K`): on-stack replacement at
    /// the K-th loop header the interpreter reaches (from 0, in the order of
    /// their first back edges), once, and at no other; no function is hot by
    /// its counts. A harness runs K = 0, 1, ... to enter JIT code at every
    /// loop in turn (scripts/conformance's jit-osr-every). -1: none (the loop
    /// headers are only counted).
    var forcedLoop = -2
    /// In that mode: per function, per code index, the number of the loop
    /// header there (-1: not reached yet); a function's row is made at its
    /// first back edge. (Looked up at every back edge: a dictionary there made
    /// a loop-heavy program's run twice as slow as the interpreter's.)
    var loopNumber: [[Int32]] = []
    var loopsReached = 0
    var forcedDone = false

    /// A back edge of function f to code index `target`: the JIT entry at that
    /// loop header when this is the back edge that makes f hot.
    func backEdge(_ f: Int, to target: Int, program: DecodedProgram) -> UnsafeRawPointer? {
        if forcedLoop >= -1 {
            if loopNumber.isEmpty { loopNumber = [[Int32]](repeating: [], count: calls.count) }
            if loopNumber[f].isEmpty { loopNumber[f] = [Int32](repeating: -1, count: program.funcs[f].codeCount) }
            var k = Int(loopNumber[f][target])
            if k < 0 {
                k = loopsReached
                loopNumber[f][target] = Int32(k)
                loopsReached += 1
            }
            guard k == forcedLoop, !forcedDone else { return nil }
            forcedDone = true
            return enter(f, at: target, program: program)
        }
        guard backEdges[f] < threshold else { return nil }
        backEdges[f] += 1
        guard backEdges[f] == threshold else { return nil }
        return enter(f, at: target, program: program)
    }

    /// The JIT entry at the loop header at code index `target` of function f.
    private func enter(_ f: Int, at target: Int, program: DecodedProgram) -> UnsafeRawPointer? {
        let starts = program.blockStarts[f]
        var k = 0
        while k < starts.count && Int(starts[k]) != target { k += 2 }
        guard k < starts.count, let e = osrEntry(f, Int(starts[k + 1])) else { return nil }
        osrEntries += 1
        return e
    }

    func isHot(_ f: Int) -> Bool { calls[f] >= callThreshold || backEdges[f] >= threshold }
}

extension Machine {
    /// A call made by interpreted code in a tiered run: to JIT code when the
    /// callee has it or is now hot, else interpreted. The callee's frame is
    /// set up and the depth counted by the caller, as for `run`.
    @inline(never)
    func tieredCall(_ callee: UnsafeMutablePointer<DFunc>, _ nfp: UnsafeMutablePointer<UInt64>) -> UInt64 {
        let t = tier!
        let i = callee - funcs
        if t.entries[i] == nil {
            if t.calls[i] < t.callThreshold { t.calls[i] += 1 }
            if !t.isHot(i) {
                t.ran[i] = true
                return run(callee, nfp)
            }
            guard let e = t.compile(i) else {
                t.ran[i] = true
                return run(callee, nfp)
            }
            t.entries[i] = e
        }
        return t.enter(t.entries[i]!, nfp, depth)
    }
}

/// A module decoded for a tiered run (every loop's back edges counted).
public final class TieredProgram {
    let program: DecodedProgram

    public init(module: Module) throws {
        var decoder = Decoder(module: module)
        // Every loop's back edges end in a loopJump, which the machine counts.
        decoder.countsBackEdges = true
        program = try decoder.decodeAll()
    }
}

/// A tiered run's interpreter (MochiJIT/Tiers.swift drives it).
public final class TieredInterpreter {
    let machine: Machine
    let program: DecodedProgram

    /// Sets up a machine for `decoded` (else `module`, decoded now) on the
    /// JIT's memory. `compile` makes function i's JIT code and returns its
    /// entry; `enter` runs JIT code.
    public init(module: Module, decoded: TieredProgram? = nil, maxDepth: Int, shared: SharedMemory, threshold: Int, callThreshold: Int,
                compile: @escaping (Int) -> UnsafeRawPointer?,
                enter: @escaping (UnsafeRawPointer, UnsafeMutablePointer<UInt64>, Int) -> UInt64,
                osrEntry: @escaping (Int, Int) -> UnsafeRawPointer?, forcedLoop: Int? = nil) throws {
        program = try (decoded ?? TieredProgram(module: module)).program
        machine = Machine(program: program, maxDepth: maxDepth, shared: shared)
        let never = Int(Int32.max)
        machine.tier = TierLink(functions: program.funcCount, threshold: forcedLoop == nil ? threshold : never,
                                callThreshold: forcedLoop == nil ? callThreshold : never, compile: compile, enter: enter,
                                osrEntry: osrEntry)
        if let k = forcedLoop { machine.tier!.forcedLoop = max(k, -1) }
    }

    /// With `forcedLoop`: the loop headers reached so far.
    public var loopHeadersReached: Int { machine.tier!.loopsReached }

    /// No function gets hot from now on, and no loop enters JIT code (the
    /// JIT cannot run after all: its stencil library could not be read).
    public func stayInterpreted() {
        let t = machine.tier!
        stoppedTiering = true
        t.threshold = .max
        t.callThreshold = .max
        if t.forcedLoop >= -1 { t.forcedDone = true }
    }

    /// Whether `stayInterpreted` was called.
    public private(set) var stoppedTiering = false

    /// Whether function i has been called or has looped `threshold` times.
    public func isHot(_ i: Int) -> Bool { machine.tier!.isHot(i) }

    /// Counts a call of function i from JIT code (through its stub).
    public func countCall(_ i: Int) {
        let t = machine.tier!
        if t.calls[i] < t.callThreshold { t.calls[i] += 1 }
    }

    /// Loops that went on in JIT code.
    public var osrEntries: Int { machine.tier!.osrEntries }

    /// Whether the interpreter has run function i (called from interpreted code).
    public func ranInterpreted(_ i: Int) -> Bool { machine.tier!.ran[i] }

    /// Tells the interpreter function i now has JIT code at `entry`.
    public func setEntry(_ i: Int, _ entry: UnsafeRawPointer) { machine.tier!.entries[i] = entry }

    /// Interprets function i on frame `fp` (its arguments in the first slots)
    /// at call depth `depth` (the callee's, as JIT code passes it).
    public func call(_ i: Int, _ fp: UnsafeMutablePointer<UInt64>, depth: Int) -> UInt64 {
        let f = machine.funcs + i
        let size = f.pointee.frameSize
        let top = fp + size
        if top > machine.stackEnd { machine.stackOverflow(mochi_loc_line) }
        let nparams = f.pointee.paramCount
        // The rest of the frame may hold a dead frame's values: not roots.
        (fp + nparams).update(repeating: 0, count: size - nparams)
        let savedDepth = machine.depth, savedCount = machine.stackCount.pointee
        machine.depth = depth
        machine.stackCount.pointee = top - machine.stackBase
        let r = machine.run(f, fp)
        machine.depth = savedDepth
        machine.stackCount.pointee = savedCount
        return r
    }

    /// Runs `@main` interpreted (from the slot stack's base).
    public func runMain() {
        machine.tier!.ran[program.mainIndex] = true
        machine.runMain()
    }

    public var mainIndex: Int { program.mainIndex }

    /// Each function's interpreter frame, in slots.
    public var frameSlots: [Int] { (0..<program.funcCount).map { machine.funcs[$0].frameSize } }

    public func release() { machine.release() }
}
