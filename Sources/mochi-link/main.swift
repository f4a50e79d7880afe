// mochi-link: compiles C files made by mochi-emitc, plus the cached C runtime, into
// an executable for a target from the table (DESIGN.md §6). A thin main: options
// into one LinkRequest, MochiLink plans (and runs) the jobs; exit 0 on success,
// 1 on a failed build (one line), 2 on bad usage.

import Foundation
import MochiLink
import MochiSupport
import enum MochiWasmtime.CompilerStrategy
import struct MochiWasmtime.EngineSettings
import enum MochiWasmtime.Runner
import class MochiWasmtime.WasmtimeLibrary
import func MochiWasmtime.currentEnvironment

let usage = """
usage: mochi-link INPUT... -o OUT [options]
Compile C translation units (.c; .o are linked as given) with the Mochi runtime
into an executable. The runtime is compiled once per target, compiler and mode
into $MOCHI_CACHE (else $XDG_CACHE_HOME/mochi, else ~/.cache/mochi) and reused.

  -o OUT               output executable (.exe / .wasm added for Windows / WASI)
  --target=TRIPLE      \(Target.all.map(\.name).joined(separator: ", "))
                       (default: this machine; other targets need zig)
  --cc=zig|cc|clang|gcc|tcc|COMMAND
                       compiler (default: $CC when set, else zig cc where
                       installed, else cc); a COMMAND may name a wrapper
                       first, as in --cc="ccache gcc" or CC="distcc clang":
                       the C files are then compiled to objects through it
                       (so ccache, sccache, distcc and icecc work), then linked
  --mode=default|dev|release
                       default: -O2 with line tables (-g1), unused code dropped;
                       dev: -O0 -g; release: -O2, stripped, unused code dropped
  --portable           Linux: one static musl executable (needs zig)
  --print-jobs         print the command lines instead of running them
  --compilers          print each compiler --cc can name as this tool finds it
                       (`KIND COMMAND`, or `KIND missing: HOW TO INSTALL`), then
                       `default COMMAND` (what a build uses with no --cc)
  --emit=exe|cwasm     output kind; cwasm: precompile one WebAssembly module
                       (IN.wasm) for this machine with the embedded Wasmtime,
                       for `mochi-jitrun OUT.cwasm`
  --engine=cranelift|winch   cwasm: Wasmtime's compiler (default cranelift)
  --fuel, --epoch      cwasm: compile in fuel metering / epoch checks, which
                       `mochi-jitrun --fuel=N` / `--deadline=MS` need
  --help, --version

environment: CC (the compiler command), MOCHI_RUNTIME_DIR (runtime sources), MOCHI_CACHE (cache root),
MOCHI_WASMTIME_LIB (Wasmtime's _libwasmtime.so; default: the `wasmtime` wheel).
scripts/setup-cross installs zig, qemu-user-static, tcc and wasmtime.
A .cwasm is native code for this machine and this Wasmtime version; it is
loaded without further checks, so load only the ones you made or trust.
"""

struct Options {
    var inputs: [String] = []
    var output: String?
    var target: Target? = Target.host
    var compiler: CompilerKind?
    /// A compiler command (`--cc="ccache gcc"`, or CC when --cc is absent).
    var spec: CompilerSpec?
    var mode = BuildMode.optimized
    var portable = false
    var printJobs = false
    var emit = EmitKind.exe
    var strategy = CompilerStrategy.cranelift
    var fuel = false
    var epoch = false
    /// Flags given that only apply to one output kind, for refusing them with the other.
    var cOnly: [String] = []
    var cwasmOnly: [String] = []
}

func fail(_ code: Int32, _ msg: String) -> Never {
    fputs("mochi-link: error: \(msg)\n", stderr)
    exit(code)
}

let value = optionValue

func parseOptions(_ args: [String]) -> Options {
    var o = Options()
    var i = 0
    while i < args.count {
        let a = args[i]
        i += 1
        if a == "--help" || a == "-h" { print(usage); exit(0) }
        if a == "--version" { print("mochi-link 0.1.0"); exit(0) }
        if a == "--compilers" { printCompilers() }
        if a == "--portable" { o.portable = true; o.cOnly.append("--portable"); continue }
        if a == "--print-jobs" { o.printJobs = true; o.cOnly.append("--print-jobs"); continue }
        if a == "--fuel" { o.fuel = true; o.cwasmOnly.append(a); continue }
        if a == "--epoch" { o.epoch = true; o.cwasmOnly.append(a); continue }
        if let v = value(a, "--engine") {
            guard let e = CompilerStrategy(rawValue: v) else { fail(2, "unknown engine '\(v)' (cranelift, winch)") }
            o.strategy = e
            o.cwasmOnly.append("--engine")
            continue
        }
        if a == "-o" {
            guard i < args.count else { fail(2, "-o needs a file name (see --help)") }
            o.output = args[i]
            i += 1
            continue
        }
        if a.hasPrefix("-o") && a.count > 2 && !a.hasPrefix("--") { o.output = String(a.dropFirst(2)); continue }
        if let v = value(a, "--target") {
            guard let t = Target.named(v) else {
                fail(2, "unknown target '\(v)' (known: \(Target.all.map(\.name).joined(separator: ", ")))")
            }
            o.target = t
            if t != Target.host && t.name != "wasm32-wasi" { o.cOnly.append("--target=\(t.name)") }
            continue
        }
        if let v = value(a, "--cc") {
            o.cOnly.append("--cc")
            if let k = CompilerKind(rawValue: v) { o.compiler = k; continue }
            guard let spec = CompilerSpec.parse(v) else {
                if !v.contains(" ") { fail(2, "unknown compiler '\(v)' (zig, cc, clang, gcc, tcc)") }
                fail(2, "cannot tell the compiler in --cc='\(v)' (zig, cc, clang, gcc or tcc after any wrapper, "
                     + "as in \"ccache gcc\")")
            }
            o.compiler = spec.kind
            o.spec = spec
            continue
        }
        if let v = value(a, "--mode") {
            guard let m = BuildMode(rawValue: v) else { fail(2, "unknown mode '\(v)' (default, dev, release)") }
            o.mode = m
            continue
        }
        if let v = value(a, "--emit") {
            guard let e = EmitKind(rawValue: v) else { fail(2, "unknown output kind '\(v)' (exe, cwasm)") }
            o.emit = e
            continue
        }
        if a.hasPrefix("-") { fail(2, "unknown option '\(a)' (see --help)") }
        o.inputs.append(a)
    }
    return o
}

var options = parseOptions(Array(CommandLine.arguments.dropFirst()))
// make's convention: CC names the C compiler (a command, wrapper words allowed)
// unless --cc says otherwise.
if options.compiler == nil, let cc = ProcessInfo.processInfo.environment["CC"],
   !cc.trimmingCharacters(in: .whitespaces).isEmpty {
    guard let spec = CompilerSpec.parse(cc) else {
        fail(2, "cannot tell the compiler in CC='\(cc)' (give --cc=zig|cc|clang|gcc|tcc)")
    }
    options.compiler = spec.kind
    options.spec = spec.wrapper.isEmpty && spec.command.count == 1 && CompilerKind(rawValue: spec.command[0]) != nil
        ? nil : spec
}
if options.emit == .cwasm { precompile() }
if let flag = options.cwasmOnly.first { fail(2, "\(flag) applies to --emit=cwasm only") }
guard let output = options.output else { fail(2, "no output file: give -o OUT (see --help)") }
guard let target = options.target else { fail(2, "this machine is not in the target table: give --target=") }
if options.inputs.isEmpty { fail(2, "no input files (see --help)") }
for input in options.inputs where !FileManager.default.fileExists(atPath: input) {
    fail(1, "\(input): no such file")
}

var request = LinkRequest(inputs: options.inputs, output: output, target: target, compiler: options.compiler,
                          mode: options.mode, portable: options.portable, emit: options.emit)
request.compilerSpec = options.spec
do {
    let plan = try Linker.prepare(request, in: .current())
    if options.printJobs {
        for line in plan.commandLines { print(line) }
        exit(0)
    }
    let report = try Linker.run(plan, target: target)
    if !report.diagnostics.isEmpty { fputs(report.diagnostics, stderr) }
} catch let e as LinkError {
    fail(e.isUsage ? 2 : 1, e.message)
} catch {
    fail(1, "\(error)")
}

/// `--emit=cwasm`: one .wasm in, precompiled by the embedded Wasmtime for this
/// machine, written atomically to OUT.
func precompile() -> Never {
    if let flag = options.cOnly.first {
        fail(2, "\(flag.hasPrefix("--target") ? "--target=" + flag.dropFirst(9) + " (a .cwasm runs on this machine only)" : flag) "
             + "applies to C builds, not to --emit=cwasm")
    }
    guard let output = options.output else { fail(2, "no output file: give -o OUT.cwasm (see --help)") }
    guard options.inputs.count == 1, let input = options.inputs.first else {
        fail(2, options.inputs.isEmpty ? "no input files (see --help)" : "--emit=cwasm takes exactly one .wasm input")
    }
    guard let data = FileManager.default.contents(atPath: input) else { fail(1, "\(input): no such file") }
    let wasm = [UInt8](data)
    guard wasm.starts(with: [0x00, 0x61, 0x73, 0x6d]) else {
        fail(1, "\(input) is not a WebAssembly module (--emit=cwasm precompiles a .wasm)")
    }
    var settings = EngineSettings(strategy: options.strategy, consumeFuel: options.fuel, epochInterruption: options.epoch)
    settings.maxWasmStack = EngineSettings.deepRecursionStack
    do {
        let library = try WasmtimeLibrary.load(environment: currentEnvironment())
        let image = try Runner.precompile(wasm, settings: settings, library: library)
        // Written beside the output and renamed over it: never half a .cwasm under its name.
        let tmp = output + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(image)) else { fail(1, "cannot write \(tmp)") }
        guard rename(tmp, output) == 0 else {
            unlink(tmp)
            fail(1, "cannot write \(output): \(String(cString: strerror(errno)))")
        }
    } catch {
        fail(1, "\(input): \(error)")
    }
    exit(0)
}

/// `--compilers`: every compiler kind as this tool finds it (what `mochi doctor`
/// reports, so the two can never disagree), then the default one.
func printCompilers() -> Never {
    let env = BuildEnvironment.current()
    for kind in CompilerKind.allCases {
        do {
            let c = try env.locator.locate(kind)
            print("\(kind.rawValue) \(c.command.joined(separator: " "))")
        } catch let e as LinkError {
            print("\(kind.rawValue) missing: \(e.message)")
        } catch {
            print("\(kind.rawValue) missing: \(error)")
        }
    }
    if let cc = env.variables["CC"], !cc.trimmingCharacters(in: .whitespaces).isEmpty {
        if let spec = CompilerSpec.parse(cc), let c = try? env.locator.locate(spec: spec) {
            print("default \(c.invocation.joined(separator: " ")) (CC)")
        } else {
            print("default missing: CC='\(cc)' names no compiler this tool can find")
        }
    } else if let c = try? env.locator.locateDefault() {
        print("default \(c.command.joined(separator: " "))")
    } else {
        print("default missing: \(CompilerKind.cc.missingMessage)")
    }
    exit(0)
}
