// mochi-link: compiles C files made by mochi-emitc, plus the cached C runtime, into
// an executable for a target from the table (DESIGN.md §6). A thin main: options
// into one LinkRequest, MochiLink plans (and runs) the jobs; exit 0 on success,
// 1 on a failed build (one line), 2 on bad usage.

import Foundation
import MochiLink

let usage = """
usage: mochi-link INPUT... -o OUT [options]
Compile C translation units (.c; .o are linked as given) with the Mochi runtime
into an executable. The runtime is compiled once per target, compiler and mode
into $MOCHI_CACHE (else $XDG_CACHE_HOME/mochi, else ~/.cache/mochi) and reused.

  -o OUT               output executable (.exe / .wasm added for Windows / WASI)
  --target=TRIPLE      \(Target.all.map(\.name).joined(separator: ", "))
                       (default: this machine; other targets need zig)
  --cc=zig|cc|clang|gcc|tcc
                       compiler (default: zig cc where installed, else cc)
  --mode=dev|release   dev: -O0 -g (default); release: -O2, stripped, unused code dropped
  --portable           Linux: one static musl executable (needs zig)
  --print-jobs         print the command lines instead of running them
  --emit=exe|cwasm     output kind (cwasm: not implemented yet)
  --help, --version

environment: MOCHI_RUNTIME_DIR (runtime sources), MOCHI_CACHE (cache root).
scripts/setup-cross installs zig, qemu-user-static, tcc and wasmtime.
"""

struct Options {
    var inputs: [String] = []
    var output: String?
    var target: Target? = Target.host
    var compiler: CompilerKind?
    var mode = BuildMode.dev
    var portable = false
    var printJobs = false
    var emit = EmitKind.exe
}

func fail(_ code: Int32, _ msg: String) -> Never {
    fputs("mochi-link: error: \(msg)\n", stderr)
    exit(code)
}

func value(_ arg: String, _ name: String) -> String? {
    arg.hasPrefix(name + "=") ? String(arg.dropFirst(name.count + 1)) : nil
}

func parseOptions(_ args: [String]) -> Options {
    var o = Options()
    var i = 0
    while i < args.count {
        let a = args[i]
        i += 1
        if a == "--help" || a == "-h" { print(usage); exit(0) }
        if a == "--version" { print("mochi-link 0.1.0"); exit(0) }
        if a == "--portable" { o.portable = true; continue }
        if a == "--print-jobs" { o.printJobs = true; continue }
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
            continue
        }
        if let v = value(a, "--cc") {
            guard let k = CompilerKind(rawValue: v) else { fail(2, "unknown compiler '\(v)' (zig, cc, clang, gcc, tcc)") }
            o.compiler = k
            continue
        }
        if let v = value(a, "--mode") {
            guard let m = BuildMode(rawValue: v) else { fail(2, "unknown mode '\(v)' (dev, release)") }
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

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
if options.emit == .cwasm { fail(1, "--emit=cwasm is not implemented yet") }
guard let output = options.output else { fail(2, "no output file: give -o OUT (see --help)") }
guard let target = options.target else { fail(2, "this machine is not in the target table: give --target=") }
if options.inputs.isEmpty { fail(2, "no input files (see --help)") }
for input in options.inputs where !FileManager.default.fileExists(atPath: input) {
    fail(1, "\(input): no such file")
}

let request = LinkRequest(inputs: options.inputs, output: output, target: target, compiler: options.compiler,
                          mode: options.mode, portable: options.portable, emit: options.emit)
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
