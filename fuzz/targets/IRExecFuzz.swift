// libFuzzer target `ir-exec` (scripts/fuzz): the verifier as a security boundary.
// Inputs are binary IR, edited by the structure-aware mutator (IRMutator.swift) so
// that many still verify. A module the verifier accepts is run, as mochi-jitrun
// runs it, by the interpreter and by the JIT, each in a child process over the
// runtime built with AddressSanitizer (exec_support.c): either may print, end
// with status 0 or with a Mochi runtime error (status 1), or run out of its fuel,
// but a signal, a trap, a sanitizer report or any other exit status is a bug,
// and so is the JIT ending differently from the interpreter (other status or
// other output).
//
// Fuel: before running, every block of the module gets four instructions that
// add a step of Int64.max / fuelBlocks to a global (zero at the start), so after
// a fixed number of blocks (fuelBlocks) `iadd` overflows and the program stops with
// `integer overflow` in both engines: mutated branches cannot loop forever. (The
// global was once set near the bottom of the i64 range in @main's entry block and
// counted down: a mutated branch back to that block set it again, and the loop
// ran until the time limit.)
// Decoding, verifying and the interpreter's and JIT's set-up run in this process,
// which is what libFuzzer's coverage sees.
//
// Both engines run in this process, one after the other, each as a contained run
// (Interpreter.runContained, JIT.runContained over mochi_rt_contained): the
// program's output is captured, and a runtime error (status 1) or `exit` returns
// to here by longjmp instead of ending the process; the run's roots, slot stack,
// globals and JIT code are released after it, and a collection frees what it
// allocated. A signal or sanitizer report in an engine is then libFuzzer's own
// finding. A run past containedSeconds of CPU time stops (a CPU-time timer, seen
// at the polls of the contained run's code: the interpreter's function entries and
// loop back edges, the JIT's block starts, and where the collector's credit runs
// out), as a child stopped at its timeout, and is not compared. A run whose output
// passes MOCHI_CONTAIN_OUTPUT_CAP (1 MB) stops there too (status -4): the engines
// are compared on that first megabyte. An input whose run grows past containedHeap
// bytes in use runs again, both engines, in children with the full memory budget,
// as every input did before.
// MOCHI_FUZZ_FORK=1 runs every input in children (for comparison).
//
// The children are forked by a zygote (exec_support.c) started at initialisation,
// while this process is small: each child decodes, verifies and fuels the input
// again (about a millisecond) and runs its engine. Forking the grown fuzzer was
// most of an input's time. MOCHI_FUZZ_NO_ZYGOTE=1 forks this process instead, as
// before (for comparison); so does a zygote that died.
//
// MOCHI_STENCILS names the JIT's stencil library (scripts/fuzz sets it).

import MochiFuzzSupport
import MochiIR
import MochiInterp
import MochiJIT
import MochiRuntime
#if canImport(Glibc)
import Glibc
#endif

/// Blocks a program may run (MOCHI_FUZZ_FUEL overrides). 50,000 since the zygote
/// (200,000 before): a mutated program's blocks can each do much work (a string
/// doubled, a bigint squared), and one that ran into the 5 s child timeout in both
/// engines cost 10 s of fuzzing and compared nothing; coverage over the same
/// seconds did not drop (see the commit).
let fuelBlocks: Int64 = max(1, getenv("MOCHI_FUZZ_FUEL").flatMap { Int64(String(cString: $0)) } ?? 50_000)
let childTimeoutMs: CInt = 5_000
let childMemory = 3 << 30

var stencils: LoadedStencils?

/// A contained run's limits. Out of time (CPU seconds; the statuses are
/// mochi_rt_contained's) is a child's timeout was: no crash, not compared. Over
/// the heap budget, the input runs in children instead, with 3 GiB each.
let containedSeconds = 3.0
let containedHeap: UInt64 = 768 << 20
let outOfTime: Int32 = -1, outOfHeap: Int32 = -2, outputCapped: Int32 = -4
let forkEveryInput = getenv("MOCHI_FUZZ_FORK") != nil

/// MOCHI_FUZZ_PROFILE=N: wall-clock seconds and counts per step, printed to stderr
/// every N inputs (where an input's time goes).
let profiling = getenv("MOCHI_FUZZ_PROFILE") != nil
let profileEvery = max(1, Int(String(cString: getenv("MOCHI_FUZZ_PROFILE") ?? strdup("1"))) ?? 1)
var profile: [String: (Double, Int)] = [:]
var profiledInputs = 0
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
func timed<T>(_ step: String, _ body: () throws -> T) rethrows -> T {
    guard profiling else { return try body() }
    let t0 = now()
    defer { let e = profile[step, default: (0, 0)]; profile[step] = (e.0 + now() - t0, e.1 + 1) }
    return try body()
}
func reportProfile() {
    profiledInputs += 1
    guard profiling, profiledInputs % profileEvery == 0 else { return }
    var lines = "ir-exec profile after \(profiledInputs) inputs:\n"
    for (k, v) in profile.sorted(by: { $0.value.0 > $1.value.0 }) {
        lines += "  \(k): \(Int(v.0 * 1000)) ms, \(v.1) times\n"
    }
    fputs(lines, stderr)
}
var compareEngines = getenv("MOCHI_FUZZ_NO_COMPARE") == nil

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInit(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    var env: [String: String] = [:]
    if let v = getenv("MOCHI_STENCILS") { env["MOCHI_STENCILS"] = String(cString: v) }
    do {
        stencils = try loadHostStencils(executableDir: ".", environment: env)
    } catch {
        fputs("ir-exec: no stencil library (\(error)); set MOCHI_STENCILS\n", stderr)
        exit(1)
    }
    if getenv("MOCHI_FUZZ_NO_ZYGOTE") == nil && mochi_fuzz_zygote_start(zygoteHandler, childTimeoutMs, childMemory) != 0 {
        fputs("ir-exec: no zygote (fork failed); forking the fuzzer per input\n", stderr)
    }
    if profiling {
        let t0 = now()
        for _ in 0..<20 { _ = inChild { exit(0) } }
        fputs("ir-exec: an empty child at start-up: \(Int((now() - t0) * 50_000)) us\n", stderr)
    }
    return 0
}

/// Adds the fuel count; nil when the module already has a global of its name.
func withFuel(_ m: Module) -> Module? {
    let g = "__fuzz_fuel"
    guard m.global(named: g) == nil, let main = m.function(named: "main"), main.entry != nil else { return nil }
    m.globals.append(Global(name: g, type: .i64))
    for f in m.functions {
        for b in f.layout {
            var ids: [InstID] = []
            let cur = f.append(to: b, .globalGet, type: .i64, args: [], imm: .global(g))
            ids.append(cur)
            let step = f.append(to: b, .iconst, type: .i64, args: [], imm: .int(Int64.max / fuelBlocks))
            ids.append(step)
            let next = f.append(to: b, .iadd, type: .i64, args: [f.insts[Int(cur.index)].result!, f.insts[Int(step.index)].result!])
            ids.append(next)
            ids.append(f.append(to: b, .globalSet, type: nil, args: [f.insts[Int(next.index)].result!], imm: .global(g)))
            var insts = f.blocks[Int(b.index)].insts
            insts.removeLast(ids.count)
            f.blocks[Int(b.index)].insts = ids + insts
        }
    }
    return m
}

final class ChildBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

struct Ending: Equatable {
    var kind: CInt   // 0 exited, 1 signal, 2 timeout
    var code: CInt
    var output: [UInt8]
}

func inChild(_ body: @escaping () -> Void) -> Ending {
    let box = Unmanaged.passRetained(ChildBody(body))
    defer { box.release() }
    var code: CInt = 0
    var out: UnsafeMutablePointer<CChar>?
    var len = 0
    let kind = mochi_fuzz_run_child({ p in
        Unmanaged<ChildBody>.fromOpaque(p!).takeUnretainedValue().run()
    }, box.toOpaque(), childTimeoutMs, childMemory, &code, &out, &len)
    precondition(kind >= 0, "ir-exec: fork failed")
    var bytes: [UInt8] = []
    if let out {
        bytes = Array(UnsafeRawBufferPointer(start: out, count: len))
        free(out)
    }
    return Ending(kind: kind, code: code, output: withoutAllocatorWarnings(bytes))
}

/// A child's output without ASan's `==PID==WARNING: AddressSanitizer failed to
/// allocate 0x... bytes` lines: with allocator_may_return_null the allocator says so
/// when a large request fails and the runtime goes on to its own out-of-memory error.
/// Which engine's request fails first is no disagreement (the JIT's did, on a map
/// grown past the child's 3 GiB, where the interpreter's did not print it).
func withoutAllocatorWarnings(_ bytes: [UInt8]) -> [UInt8] {
    let marker = Array("WARNING: AddressSanitizer failed to allocate".utf8)
    guard bytes.count >= marker.count, bytes.firstRange(of: marker) != nil else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var start = 0
    while start < bytes.count {
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
        let line = bytes[start..<end]
        let isWarning = line.starts(with: Array("==".utf8)) && line.firstRange(of: marker) != nil
        if !isWarning { out.append(contentsOf: line) }
        start = end
    }
    return out
}

/// Status of a zygote's child that could not set up what this process set up from
/// the same bytes (it should never happen: a crash, since both must agree).
let setupDiffers: CInt = 75

/// What a zygote's child runs: the input, decoded, verified and fuelled as
/// fuzzOne does, in engine 0 (the interpreter) or 1 (the JIT).
let zygoteHandler: @convention(c) (CInt, UnsafePointer<UInt8>?, Int) -> Void = { engine, data, size in
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let parsed = try? readModule(bytes: bytes), verify(parsed).isEmpty,
          let m = withFuel(parsed), verify(m).isEmpty else { exit(setupDiffers) }
    if engine == 0 {
        guard let interp = try? Interpreter(module: m) else { exit(setupDiffers) }
        interp.run()
        exit(mochi_rt_finish())
    }
    guard let jit = try? JIT(module: m, stencils: stencils!) else { exit(setupDiffers) }
    do { try jit.run() } catch { fputs("jit: \(error)\n", stderr); exit(3) }
    exit(mochi_rt_finish())
}

/// Runs `bytes` in `engine` in a child of the zygote; without one, `body` in a
/// child of this process.
func inZygote(_ engine: CInt, _ bytes: [UInt8], orElse body: @escaping () -> Void) -> Ending {
    var code: CInt = 0
    var out: UnsafeMutablePointer<CChar>?
    var len = 0
    let kind = bytes.withUnsafeBufferPointer {
        mochi_fuzz_zygote_run(engine, $0.baseAddress, $0.count, &code, &out, &len)
    }
    guard kind >= 0 else { return inChild(body) }
    var output: [UInt8] = []
    if let out {
        output = Array(UnsafeRawBufferPointer(start: out, count: len))
        free(out)
    }
    return Ending(kind: kind, code: code, output: withoutAllocatorWarnings(output))
}

func describe(_ e: Ending) -> String {
    let what = e.kind == 0 ? "exit status \(e.code)" : e.kind == 1 ? "signal \(e.code)" : "timeout"
    return what + "\n" + String(decoding: e.output.suffix(4000), as: UTF8.self)
}

/// A crash of an engine: print what it said and stop the fuzzer (libFuzzer then
/// saves the input).
func crash(_ engine: String, _ e: Ending) -> Never {
    fputs("ir-exec: the \(engine) ended with \(describe(e))\n", stderr)
    abort()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    defer { reportProfile() }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let parsed = timed("decode", { try? readModule(bytes: bytes) }), timed("verify", { verify(parsed).isEmpty }),
          let m = timed("fuel+verify", { withFuel(parsed).flatMap { verify($0).isEmpty ? $0 : nil } }) else { return 0 }
    guard let interp = timed("interp init", { try? Interpreter(module: m, contained: !forkEveryInput) }) else { return 0 }
    if !forkEveryInput {
        let inInterp = timed("interp contained") { interp.runContained(seconds: containedSeconds, heapBudget: containedHeap) }
        if inInterp.status != outOfHeap {
            guard let jit = timed("jit init", { try? JIT(module: m, stencils: stencils!) }) else { return 0 }
            let inJIT: ContainedEnding
            do {
                inJIT = try timed("jit contained") { try jit.runContained(seconds: containedSeconds, heapBudget: containedHeap) }
            } catch {
                crash("JIT", Ending(kind: 0, code: 3, output: Array("jit: \(error)\n".utf8)))
            }
            if inJIT.status != outOfHeap {
                // Out of time is a child's timeout: that engine is not compared.
                if inInterp.status == outOfTime || inJIT.status == outOfTime { timed("out of time") {} }
                check(contained: inInterp, inJIT)
                return 0
            }
        }
        // Over the heap budget: both engines in children, with the full budgets.
        timed("over the heap budget") {}
    }
    let viaInterp = timed("interp child") { inZygote(0, bytes) {
        interp.run()
        exit(mochi_rt_finish())
    } }
    if viaInterp.kind == 1 || (viaInterp.kind == 0 && viaInterp.code != 0 && viaInterp.code != 1) {
        crash("interpreter", viaInterp)
    }
    guard let jit = timed("jit init", { try? JIT(module: m, stencils: stencils!) }) else { return 0 }
    let viaJIT = timed("jit child") { inZygote(1, bytes) {
        do { try jit.run() } catch { fputs("jit: \(error)\n", stderr); exit(3) }
        exit(mochi_rt_finish())
    } }
    if viaJIT.kind == 1 || (viaJIT.kind == 0 && viaJIT.code != 0 && viaJIT.code != 1) {
        crash("JIT", viaJIT)
    }
    if compareEngines && viaInterp.kind == 0 && viaJIT.kind == 0 && viaInterp != viaJIT {
        fputs("ir-exec: the JIT and the interpreter disagree\n--- interpreter: \(describe(viaInterp))\n--- JIT: \(describe(viaJIT))\n", stderr)
        abort()
    }
    return 0
}

/// The checks of fuzzOne on two contained runs: each ends with status 0 or 1, or
/// stopped at the output cap (its output the first MOCHI_CONTAIN_OUTPUT_CAP bytes),
/// and both the same way with the same output.
func check(contained interp: ContainedEnding, _ jit: ContainedEnding) {
    if interp.status != 0 && interp.status != 1 && interp.status != outOfTime && interp.status != outputCapped {
        crash("interpreter", Ending(kind: 0, code: interp.status, output: interp.output))
    }
    if jit.status != 0 && jit.status != 1 && jit.status != outOfTime && jit.status != outputCapped {
        crash("JIT", Ending(kind: 0, code: jit.status, output: jit.output))
    }
    if compareEngines && interp.status != outOfTime && jit.status != outOfTime && interp != jit {
        let a = Ending(kind: 0, code: interp.status, output: interp.output)
        let b = Ending(kind: 0, code: jit.status, output: jit.output)
        fputs("ir-exec: the JIT and the interpreter disagree\n--- interpreter: \(describe(a))\n--- JIT: \(describe(b))\n", stderr)
        abort()
    }
}

@_cdecl("LLVMFuzzerCustomMutator")
public func customMutator(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    mutateIRInput(data, size, maxSize, seed)
}
