// mochi-jitrun: run a Mochi IR module (text `.mir` or binary, told apart by their
// first bytes). A thin main: options into one struct, read the file or stdin,
// read + verify the module, hand it to an execution engine, pass the exit status
// through (0; 1 for bad input or a Mochi runtime error; 2 for bad usage).
//
// The default engine is the copy-and-patch JIT (MochiJIT), over the stencil library
// scripts/setup generates beside this executable ($MOCHI_STENCILS overrides);
// --interp runs the reference interpreter instead. WebAssembly (`\0asm`) and
// precompiled Wasmtime code (`.cwasm`, an ELF image) run in-process through the
// embedded Wasmtime (MochiWasmtime); their exit status is the module's.

import MochiIR
import MochiInterp
import MochiJIT
import MochiJITSupport
import MochiRuntime
import MochiSupport
import enum MochiStencil.BranchProtection
// Only the runner's names: the embedding's Module, Function and Value would
// collide with the IR's.
import enum MochiWasmtime.CompilerStrategy
import enum MochiWasmtime.Runner
import struct MochiWasmtime.RunOptions
import class MochiWasmtime.WasmtimeLibrary
import enum MochiWasmtime.WasmtimeError
import func MochiWasmtime.currentEnvironment
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let toolName = "mochi-jitrun"
let toolVersion = "0.1.0"

let usage = """
    usage: mochi-jitrun [options] [FILE | -] [-- ARGS...]

    Runs a Mochi IR module (text or binary form) read from FILE, or from standard
    input when FILE is '-' or absent. The program's exit status is passed through:
    0 on success, 1 on a runtime error or malformed input, 2 on bad usage.

    FILE may also be a WebAssembly module (.wasm: a WASI command exporting
    _start) or one precompiled by `mochi-link --emit=cwasm` (.cwasm); either runs
    in-process through Wasmtime, with ARGS as its arguments and its exit status
    (proc_exit) as ours. A .wasm is compiled through the cache in
    $MOCHI_CACHE/wasmtime (else ~/.cache/mochi/wasmtime), so its second run
    skips compilation. A .cwasm is native code that is run as it is: load only
    .cwasm files you made or trust.

    options:
      --interp     run with the reference interpreter instead of the JIT
      --fallback-interp
                   when the JIT cannot run on this machine (no stencil library
                   for it, executable memory refused), say so in one line and
                   run the interpreter; without it that is an error (exit 1)
      --stats      print compile statistics to standard error (JIT: per function
                   compile time in microseconds, code bytes, stencils; --interp:
                   decoded instructions and decode time)
      --dump-code  JIT-compile and print each function's machine code (stencil
                   by stencil, disassembled), without running it
      --no-register-homes
                   JIT: keep every value in its frame slot (no values in the
                   stencils' registers); for measuring and for bisecting
      --no-inline  JIT: call small leaf functions instead of inlining them;
                   for measuring and for bisecting
      --jit=tiered|lazy|eager
                   JIT: run in the interpreter until a function is hot, a hot
                   loop moving to JIT code at its loop header (tiered, the
                   default), compile each function when first called (lazy),
                   or every function before running (eager)
      --jit-threshold=N
                   tiered: calls or loop back edges before a function is
                   compiled (default 100; 1 compiles at the first)
      --jit-call-threshold=N
                   tiered: calls before a function is compiled, when not the
                   same as for back edges (a large N tests on-stack replacement)
      --jit-osr-loop=K
                   tiered, for tests: enter JIT code at the K-th loop header
                   the interpreter reaches (from 0, by first back edge) and
                   nowhere else; no function is compiled by its counts; -1
                   enters none (--stats: how many loop headers were reached)
      --target=aarch64-linux --image=OUT
                   JIT for AArch64 Linux: lay out and patch the whole program
                   with that target's stencils ($MOCHI_STENCILS_AARCH64, else
                   aarch64-linux.stencils beside this program) and write it as
                   an image to OUT instead of running it; scripts/mochi-aarch64-exec
                   runs images (under qemu-aarch64-static on other machines)
      --branch-protection=standard|none
                   with --target=aarch64-linux: BTI landing pads at the entries
                   indirect calls reach and PROT_BTI-guarded code (standard), or
                   neither (none); default: as the stencil library was generated
                   (mochi-stencilgen --branch-protection, standard by default)
      --help       show this help
      --version    show the version

    WebAssembly options:
      --stats      print engine, compile or load, instantiation and run times
                   (microseconds) to standard error
      --engine=cranelift|winch
                   Wasmtime's optimising (default) or baseline compiler; Winch
                   supports neither GC nor function references
      --fuel=N     sandbox: trap after N units of fuel (about one per instruction)
      --deadline=MS
                   sandbox: trap once MS milliseconds have passed
      --max-memory=BYTES
                   sandbox: no memory may grow past BYTES (suffix K, M or G)
      --no-cache   compile a .wasm without the on-disk cache
      --no-env     hide the environment from the module (it sees it by
                   default, as Mochi programs do in the native modes)
      --wasmtime   print the Wasmtime library this program uses and its
                   version (exit 1, saying how to install it, when missing)

    The JIT's stencil library is <dir of this program>/x86_64-linux.stencils (made
    by scripts/setup), or $MOCHI_STENCILS; a tiered run checks its header at
    start and reads it at the first tier-up (a run that never tiers up does not). Wasmtime is the `wasmtime` Python
    wheel's _libwasmtime.so (pip install wasmtime), or $MOCHI_WASMTIME_LIB.

    """

struct Options {
    var input = "-"
    var interpret = false
    var stats = false
    var dumpCode = false
    var registerHomes = true
    var inlining = true
    var policy = JITPolicy.tiered
    var threshold = defaultTierUpThreshold
    var callThreshold: Int?
    var forcedOSRLoop: Int?
    /// --target=aarch64-linux: write an image (Image.swift) to `image`.
    var target: String?
    var image: String?
    /// --branch-protection (nil: the stencil library's).
    var branchProtection: BranchProtection?
    /// When the JIT cannot run on this machine, say so and interpret (`mochi run`).
    var fallback = false
    var wasm = RunOptions()
    /// Options that only apply to WebAssembly input, for refusing them with IR.
    var wasmOnly: [String] = []
}

enum InputKind {
    case ir
    /// WebAssembly (`\0asm`) or precompiled Wasmtime code (ELF): run by Wasmtime.
    case wasm

    init(_ bytes: [UInt8]) {
        if bytes.starts(with: [0x00, 0x61, 0x73, 0x6d]) || bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]) {
            self = .wasm
        } else {
            self = .ir
        }
    }
}

func fail(_ message: String, status: Int32) -> Never { Tool(toolName).fail(message, status: status) }

/// A byte count with an optional K, M or G suffix (powers of 1024).
func parseSize(_ text: String) -> Int? {
    var digits = Substring(text)
    var scale = 1
    switch digits.last {
    case "K", "k": scale = 1 << 10
    case "M", "m": scale = 1 << 20
    case "G", "g": scale = 1 << 30
    default: break
    }
    if scale > 1 { digits = digits.dropLast() }
    guard let n = Int(digits), n > 0, n <= Int.max / scale else { return nil }
    return n * scale
}

func parseOptions(_ args: [String]) -> Options {
    var o = Options()
    var sawInput = false
    var onlyFiles = false
    var programArguments: [String]?
    let value = optionValue
    for arg in args {
        if programArguments != nil {
            programArguments!.append(arg)
            continue
        }
        if arg == "--" && sawInput {
            programArguments = []
            continue
        }
        if !onlyFiles && arg.hasPrefix("-") && arg != "-" {
            if let v = value(arg, "--engine") {
                guard let e = CompilerStrategy(rawValue: v) else { fail("unknown engine '\(v)' (cranelift, winch)", status: 2) }
                o.wasm.strategy = e
                o.wasmOnly.append(arg)
                continue
            }
            if let v = value(arg, "--fuel") {
                guard let n = UInt64(v), n > 0 else { fail("--fuel needs a positive number of units", status: 2) }
                o.wasm.fuel = n
                o.wasmOnly.append(arg)
                continue
            }
            if let v = value(arg, "--deadline") {
                guard let n = UInt64(v), n > 0, n < 1 << 40 else { fail("--deadline needs a positive number of milliseconds", status: 2) }
                o.wasm.deadlineMilliseconds = n
                o.wasmOnly.append(arg)
                continue
            }
            if let v = value(arg, "--max-memory") {
                guard let n = parseSize(v) else { fail("--max-memory needs a size in bytes (suffix K, M or G)", status: 2) }
                o.wasm.memoryLimit = n
                o.wasmOnly.append(arg)
                continue
            }
            if let v = value(arg, "--jit") {
                guard let p = JITPolicy(rawValue: v) else { fail("unknown JIT policy '\(v)' (eager, lazy, tiered)", status: 2) }
                o.policy = p
                continue
            }
            if let v = value(arg, "--jit-call-threshold") {
                guard let n = Int(v), n >= 0, n < 1 << 30 else { fail("--jit-call-threshold needs a count (0 or more)", status: 2) }
                o.callThreshold = max(n, 1)
                continue
            }
            if let v = value(arg, "--jit-osr-loop") {
                guard let n = Int(v), n >= -1, n < 1 << 30 else { fail("--jit-osr-loop needs a loop number (-1 or more)", status: 2) }
                o.forcedOSRLoop = n
                continue
            }
            if let v = value(arg, "--jit-threshold") {
                guard let n = Int(v), n >= 0, n < 1 << 30 else { fail("--jit-threshold needs a count (0 or more)", status: 2) }
                o.threshold = max(n, 1)
                continue
            }
            if let v = value(arg, "--target") {
                guard v == "aarch64-linux" else { fail("unknown JIT target '\(v)' (aarch64-linux)", status: 2) }
                o.target = v
                continue
            }
            if let v = value(arg, "--branch-protection") {
                guard let b = BranchProtection(rawValue: v) else {
                    fail("unknown branch protection '\(v)' (standard or none)", status: 2)
                }
                o.branchProtection = b
                continue
            }
            if let v = value(arg, "--image") {
                guard !v.isEmpty else { fail("--image needs a file name", status: 2) }
                o.image = v
                continue
            }
            switch arg {
            case "--": onlyFiles = true
            case "--no-cache": o.wasm.useCache = false; o.wasmOnly.append(arg)
            case "--no-env": o.wasm.inheritEnvironment = false; o.wasmOnly.append(arg)
            case "--interp": o.interpret = true
            case "--fallback-interp": o.fallback = true
            case "--stats": o.stats = true
            case "--dump-code": o.dumpCode = true
            case "--no-register-homes": o.registerHomes = false
            case "--no-inline": o.inlining = false
            case "--help", "-h":
                fputs(usage, stdout)
                exit(0)
            case "--version":
                print("\(toolName) \(toolVersion)")
                exit(0)
            case "--wasmtime":
                do {
                    let lib = try WasmtimeLibrary.load(environment: currentEnvironment())
                    print("Wasmtime \(lib.version ?? "(version unknown)") at \(lib.path)")
                    exit(0)
                } catch {
                    fail("\(error)", status: 1)
                }
            default:
                fail("unknown option '\(arg)' (see --help)", status: 2)
            }
        } else {
            if sawInput { fail("more than one input file (see --help)", status: 2) }
            o.input = arg
            sawInput = true
            if onlyFiles { programArguments = [] }
        }
    }
    if let a = programArguments {
        o.wasm.arguments = [o.input] + a
        o.wasmOnly.append("--")
    }
    if (o.target == nil) != (o.image == nil) { fail("--target=aarch64-linux and --image=OUT go together", status: 2) }
    if o.branchProtection != nil && o.target == nil { fail("--branch-protection goes with --target=aarch64-linux", status: 2) }
    if o.target != nil && (o.interpret || o.dumpCode) {
        fail("--target=aarch64-linux writes an image: it does not go with \(o.interpret ? "--interp" : "--dump-code")", status: 2)
    }
    return o
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let displayName = options.input == "-" ? "<stdin>" : options.input
let bytes = Tool(toolName).readInput(options.input)
let kind = InputKind(bytes)

switch kind {
case .wasm:
    runWasm(bytes)
case .ir:
    if let flag = options.wasmOnly.first {
        fail("\(flag == "--" ? "program arguments" : flag) applies to WebAssembly input only, "
             + "and \(displayName) is Mochi IR", status: 2)
    }
    let module: Module
    do {
        module = try readModule(bytes: bytes)
    } catch {
        fail("\(displayName): \(error)", status: 1)
    }
    if let first = verify(module).first {
        fail("\(displayName): \(first)", status: 1)
    }
    if let image = options.image {
        writeAArch64Image(module, to: image, stats: options.stats, registerHomes: options.registerHomes,
                          inlining: options.inlining, branchProtection: options.branchProtection)
    }
    // The code that read, checked and compiled the module is not kept resident as
    // the heap grows: the clean code pages are released at 4 MiB of heap, each time
    // it has grown by half after, and after a JIT compile once it has grown by 1 MiB
    // (MochiJITSupport/mochi_code_pages.c).
    mochi_code_pages_release_as_heap_grows(4 << 20)
    if options.stats {
        atexit { fputs("code pages released: \(mochi_code_pages_releases()) times\n", stderr) }
    }
    if !options.interpret {
        // The JIT needs a stencil library for this machine and executable memory;
        // without either it cannot run here, which is no fault of the program.
        do {
            if options.policy == .tiered && !options.dumpCode {
                // Read at the first tier-up: a program that never gets hot
                // never reads the library. Checked now, from its header.
                try checkHostJIT()
                runJIT(module, nil)
            }
            runJIT(module, try hostJITStencils())
        } catch {
            guard options.fallback else {
                fail("the JIT cannot run here: \(error) (--interp runs the interpreter)", status: 1)
            }
            fputs("\(toolName): the JIT cannot run here (\(error)); running the interpreter\n", stderr)
        }
    }
    let interpreter: Interpreter
    do {
        interpreter = try Interpreter(module: module)
    } catch {
        fail("\(displayName): \(error)", status: 1)
    }
    if options.stats {
        let s = interpreter.stats
        fputs("functions: \(s.functions)\ndecoded instructions: \(s.instructions)\n"
              + "decode time: \(Int(s.decodeMicroseconds.rounded())) us\n", stderr)
    }
    interpreter.run()
    finishRun()
}

/// The end of an IR run: the runtime's last output and status, then the process
/// ends without running exit's handlers and destructors (with --stats, whose
/// figures an exit hook prints, it runs them): they only touch code, and the
/// code pages they fault in came on top of the program's largest heap, at its end.
func finishRun() -> Never {
    let status = mochi_rt_finish()
    if options.stats { exit(status) }
    fflush(nil)
    _exit(status)
}

/// Where this executable is (the stencil library's default place) and the
/// environment that may name another library.
func stencilPlace() -> (String, [String: String]) {
    let exeDir: String = {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        let path = n > 0 ? String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        return path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    }()
    var env: [String: String] = [:]
    if let v = getenv("MOCHI_STENCILS") { env["MOCHI_STENCILS"] = String(cString: v) }
    return (exeDir.isEmpty ? "." : exeDir, env)
}

/// Checks that the system lets a process map code executable (a hardened
/// kernel or seccomp policy may refuse it).
func probeExecutableMemory() throws {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    guard let probe = mmap(nil, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
          probe != MAP_FAILED else {
        throw JITError("cannot map memory for code (mmap: \(String(cString: strerror(errno))))")
    }
    defer { munmap(probe, page) }
    guard mprotect(probe, page, PROT_READ | PROT_EXEC) == 0 else {
        throw JITError("executable memory refused (mprotect: \(String(cString: strerror(errno))))")
    }
}

/// The stencil library for this machine ($MOCHI_STENCILS, else beside this
/// executable), after checking executable memory. Throws the reason the JIT
/// cannot run here.
func hostJITStencils() throws -> LoadedStencils {
    try probeExecutableMemory()
    let (dir, env) = stencilPlace()
    return try loadHostStencils(executableDir: dir, environment: env)
}

/// What `hostJITStencils` checks without reading the library: executable
/// memory, and the library's header (there, for this machine, not stale).
func checkHostJIT() throws {
    try probeExecutableMemory()
    let (dir, env) = stencilPlace()
    try checkHostStencils(executableDir: dir, environment: env)
}

/// A tiered run's stencil library, read at its first tier-up (its header was
/// checked at start). When it cannot be read after all, that is said as at
/// start: with --fallback-interp the run goes on in the interpreter, without
/// it the run stops (its output so far written).
func tierUpStencils() throws -> LoadedStencils {
    do {
        let (dir, env) = stencilPlace()
        return try loadHostStencils(executableDir: dir, environment: env, checkedHeader: true)
    } catch {
        guard options.fallback else {
            mochi_out_flush()
            fail("the JIT cannot run here: \(error) (--interp runs the interpreter)", status: 1)
        }
        fputs("\(toolName): the JIT cannot run here (\(error)); running the interpreter\n", stderr)
        throw error
    }
}

/// The default engine: compile with the copy-and-patch JIT and run (nil
/// stencils: tiered, read at the first tier-up).
func runJIT(_ module: Module, _ stencils: LoadedStencils?) -> Never {
    do {
        let jit = try stencils.map { try JIT(module: module, stencils: $0) }
            ?? JIT(module: module, loadStencils: tierUpStencils)
        runningJIT = jit
        jit.registerHomes = options.registerHomes
        jit.inlining = options.inlining
        jit.policy = options.policy
        jit.tierThreshold = options.threshold
        jit.tierCallThreshold = options.callThreshold
        jit.forcedOSRLoop = options.forcedOSRLoop
        jit.onLazyCompileError = { fail("\(displayName): \($0)", status: 1) }
        if options.dumpCode {
            fputs(try jit.dumpCode(), stdout)
            exit(0)
        }
        // Once @main has returned the process ends there, on the run's thread: the
        // run's teardown and the thread's exit only touch code (see finishRun).
        jit.onFinished = { finishRun() }
        if options.stats {
            jit.onCompiled = { _ in printCompileStats(jit.stats, total: "total") }
            jit.onFinished = { statsJIT = nil; printTierStats(jit) }
            // A runtime error exits from inside the program (the runtime
            // prints it and calls exit(1)): the figures so far, then.
            statsJIT = jit
            atexit {
                guard let j = statsJIT else { return }
                statsJIT = nil
                if j.snapshotStats() { printTierStats(j) }
            }
        }
        try jit.decodeForTiering()
        try jit.run()
    } catch {
        fail("\(displayName): \(error)", status: 1)
    }
    finishRun()
}

/// The JIT's compile figures, per function and in total, to standard error (the
/// in-process JIT's and an AArch64 image's: `total` names which, `extra` adds
/// what only one has).
func printCompileStats(_ s: JITStats, total: String, extra: String = "") {
    var text = ""
    for f in s.functions {
        text += "function @\(f.name): \(Int(f.microseconds.rounded())) us, \(f.irInstructions) IR instructions, "
            + "\(f.stencils) stencils, \(f.codeBytes) code bytes\n"
    }
    let ir = s.functions.reduce(0) { $0 + $1.irInstructions }
    text += "\(total): \(s.functions.count) functions, \(ir) IR instructions, \(s.codeBytes) code bytes, "
        + "\(s.dataBytes) data bytes, \(s.veneers) veneers, \(extra)compile time \(Int(s.totalMicroseconds.rounded())) us"
        + (ir > 0 ? " (\((s.totalMicroseconds / Double(ir) * 1000).rounded() / 1000) us per IR instruction)" : "") + "\n"
    fputs(text, stderr)
}

/// The run's JIT, held to the process's exit, which frees its memory at once
/// (as the interpreter's, a global, is held): freeing a tiered run's decoded
/// program object by object cost the 50,000-line program 4.5M instructions.
nonisolated(unsafe) var runningJIT: JIT?

/// The JIT whose tier figures an exit hook prints when the run ends in a
/// runtime error (nil once printed).
nonisolated(unsafe) var statsJIT: JIT?

/// A lazy or tiered run's figures (Tiers.swift), at its end.
func printTierStats(_ jit: JIT) {
    let t = jit.tierStats
    if t.policy == .eager {
        if let why = t.eagerBecause { fputs("tiers: compiled eagerly: \(why)\n", stderr) }
        return
    }
    let s = jit.stats
    let ir = s.functions.reduce(0) { $0 + $1.irInstructions }
    fputs("tiers (\(t.policy.rawValue)): \(jit.module.functions.count) functions, \(t.interpreted) interpreted, "
          + "\(t.compiled) compiled (\(ir) IR instructions, \(s.codeBytes) code bytes), \(t.tieredUp) tiered up, "
          + "\(t.osrEntries) OSR entries, "
          + (t.loopHeaders.map { "\($0) loop headers reached, " } ?? "")
          + "compile time \(Int(s.totalMicroseconds.rounded())) us"
          + (ir > 0 ? " (\((s.totalMicroseconds / Double(ir) * 1000).rounded() / 1000) us per IR instruction)" : "")
          + "\n", stderr)
}

/// WebAssembly or a `.cwasm`: run in-process through the embedded Wasmtime.
func runWasm(_ bytes: [UInt8]) -> Never {
    if options.interpret || options.dumpCode {
        fail("\(options.interpret ? "--interp" : "--dump-code") applies to Mochi IR only, and \(displayName) is "
             + "WebAssembly", status: 2)
    }
    let environment = currentEnvironment()
    do {
        let library = try WasmtimeLibrary.load(environment: environment)
        let report = try Runner.run(bytes, path: options.input == "-" ? nil : options.input, displayName: displayName,
                                    options: options.wasm, library: library, environment: environment)
        if options.stats {
            func us(_ v: Double) -> String { "\(Int(v.rounded())) us" }
            let load: String
            switch report.loadKind {
            case .compiled: load = "compile: \(us(report.loadMicroseconds))"
                + (report.cacheNote.map { " (not cached: \($0))" } ?? "")
            case .cached: load = "load (cache hit): \(us(report.loadMicroseconds))"
            case .precompiled: load = "load .cwasm: \(us(report.loadMicroseconds))"
            }
            fputs("wasmtime \(library.version ?? "?") (\(options.wasm.engineSettings.summary)): engine \(us(report.engineMicroseconds))\n"
                  + "\(load)\ninstantiate: \(us(report.instantiateMicroseconds))\nrun: \(us(report.runMicroseconds))\n", stderr)
        }
        exit(report.status)
    } catch {
        // Messages about the input that name it already are not prefixed twice.
        let text = "\(error)"
        fail(text.hasPrefix(displayName + " ") ? text : "\(displayName): \(text)", status: 1)
    }
}
