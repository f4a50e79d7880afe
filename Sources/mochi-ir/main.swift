// mochi-ir: Mochi source (or IR text/binary) in, verified and optimised IR out.
// A thin main: parse options into `Options`, read the input, call the libraries,
// print diagnostics, exit 0 (success), 1 (bad input) or 2 (bad usage).
// No Foundation (Glibc and MochiSupport): loading it took about half of a small
// program's whole `mochi-ir` run, which every `mochi run` pays.

import MochiFrontend
import MochiIR
import MochiPasses
import MochiSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let version = "mochi-ir 0.1.0 (IR text format 1, binary format 1)"

let usage = """
    usage: mochi-ir [FILE|-] [-o OUT] [--emit=text|binary] [-O0|-O1] [--print-after=PASS]
                    [--time-phases] [--verify-each] [--color=auto|always|never]
                    [--diagnostics=text|json]

    Lowers a Mochi program to the typed SSA IR, or reads IR (text or binary) and
    re-emits it verified and canonical. The input kind is told apart by content:
    binary IR starts with the bytes "MIRB", IR text with the line "mochi-ir 1",
    anything else is Mochi source.

    options:
      FILE, -              input file; standard input when "-" or absent
      -o OUT               write the output to OUT instead of standard output
      --emit=text|binary   output encoding (default: text)
      -O0                  lower only (no optimisation)
      -O1                  constant folding, copy propagation, dead code
                           elimination, CFG simplification, common
                           subexpressions, loop-invariant code motion,
                           `xs + [v]` as appends, appends in place, fib-like
                           recursion as one call and an accumulating loop, list
                           accesses proved in range marked inbounds (default)
      --print-after=PASS   print the IR to stderr after each run of PASS
                           (\(PassPipeline.passNames.joined(separator: ", ")))
      --no-verify          skip the verifier (debugging only)
      --verify-each        also verify lowered Mochi source before optimising
                           (IR input is always verified as read, and the
                           output always after optimising)
      --color=auto|always|never
                           colour diagnostics as clang does (auto: when
                           stderr is a terminal and NO_COLOR is unset)
      --diagnostics=text|json
                           json: each diagnostic as one JSON object per line
                           on stderr (file, line, column, severity, message,
                           and code when there is one), for editors
      --test-run=PATTERN   only the test blocks whose name PATTERN (a regular
                           expression, found anywhere in the name, as with
                           `go test -run`) matches are run; the others are
                           still checked (`mochi test --run`)
      --expect-details     a failed `expect a OP b` (a comparison) prints
                           both values first (`mochi test`)
      --time-phases        print the wall time of each phase (parse,
                           check+lower, verify, each pass run, emit) to stderr
      -h, --help           show this help
      --version            show the version

    exit status: 0 success, 1 bad input (diagnostics on stderr), 2 bad usage
    """

struct Options {
    var input = "-"
    var output: String?
    var emitBinary = false
    var level = OptLevel.O1
    var printAfter: String?
    var verifyIR = true
    var verifyEach = false
    var timePhases = false
    var color = ColorMode.auto
    var jsonDiagnostics = false
    var tests = TestOptions()
}

func fail(_ message: String, status: Int32) -> Never {
    Tool("mochi-ir").fail(message, status: status)
}

func parseOptions(_ args: [String]) -> Options {
    var o = Options()
    var sawInput = false
    var i = 0
    while i < args.count {
        let a = args[i]
        switch a {
        case "-h", "--help": print(usage); exit(0)
        case "--version": print(version); exit(0)
        case "-O0": o.level = .O0
        case "-O1", "-O": o.level = .O1
        case "--emit=text": o.emitBinary = false
        case "--emit=binary": o.emitBinary = true
        case "--no-verify": o.verifyIR = false
        case "--verify-each": o.verifyEach = true
        case "--time-phases": o.timePhases = true
        case "--expect-details": o.tests.expectDetails = true
        case "--diagnostics=json": o.jsonDiagnostics = true
        case "--diagnostics=text": o.jsonDiagnostics = false
        case "-o":
            i += 1
            guard i < args.count else { fail("option '-o' needs a file name", status: 2) }
            o.output = args[i]
        default:
            if a.hasPrefix("--print-after=") {
                let p = String(a.dropFirst("--print-after=".count))
                guard PassPipeline.passNames.contains(p) else {
                    fail("unknown pass '\(p)' (known: \(PassPipeline.passNames.joined(separator: ", ")))", status: 2)
                }
                o.printAfter = p
            } else if let v = optionValue(a, "--color") {
                guard let m = ColorMode(rawValue: v) else { fail("unknown colour mode '\(v)' (auto, always, never)", status: 2) }
                o.color = m
            } else if let v = optionValue(a, "--test-run") {
                // As `go test -run`: a regular expression found anywhere in the name.
                let pattern: Regex<AnyRegexOutput>
                do { pattern = try Regex(v) } catch {
                    fail("--test-run: '\(v)' is not a regular expression (\(error))", status: 2)
                }
                o.tests.picks = { $0.contains(pattern) }
            } else if let v = optionValue(a, "--diagnostics") {
                fail("unknown diagnostics format '\(v)' (text or json)", status: 2)
            } else if a.hasPrefix("--emit=") {
                fail("unknown output kind '\(a.dropFirst(7))' (use text or binary)", status: 2)
            } else if a.hasPrefix("-o") && a.count > 2 {
                o.output = String(a.dropFirst(2))
            } else if a != "-" && a.hasPrefix("-") {
                fail("unknown option '\(a)' (see --help)", status: 2)
            } else {
                if sawInput { fail("more than one input file given", status: 2) }
                sawInput = true
                o.input = a
            }
        }
        i += 1
    }
    return o
}

func readInput(_ path: String) -> [UInt8] {
    do { return try readFileOrStdin(path) } catch { fail("\(error)", status: 1) }
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))

/// Phase timing for --time-phases: each phase's wall time, printed to stderr at exit
/// in the order the phases ran (a pass that runs several times is listed per run).
var phaseTimes: [(name: String, seconds: Double)] = []
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// `seconds` as milliseconds, right-aligned with two decimals (printf's "%9.2f ms").
func milliseconds(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100_000).rounded())
    let frac = hundredths % 100
    let text = "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    return String(repeating: " ", count: max(0, 9 - text.count)) + text + " ms"
}

func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    guard options.timePhases else { return try body() }
    let start = monotonicSeconds()
    defer { phaseTimes.append((name, monotonicSeconds() - start)) }
    return try body()
}
func reportPhaseTimes() {
    guard options.timePhases else { return }
    var text = ""
    var total = 0.0
    for (name, s) in phaseTimes {
        total += s
        let ms = milliseconds(s)
        text += "mochi-ir: time \(ms)  \(name)\n"
    }
    text += "mochi-ir: time \(milliseconds(total))  total\n"
    fputs(text, stderr)
}

let bytes = timed("read") { readInput(options.input) }
let displayName = options.input == "-" ? "<stdin>" : options.input

let module: Module
/// The front end's result lives in a global until exit (globals are never freed), so
/// the AST it holds is not released node by node before the process ends anyway.
var compiled: CompileResult?
let irInput = isIRInput(bytes)
if irInput {
    do {
        module = try timed("read IR") { try readModule(bytes: bytes) }
    } catch {
        fail("\(displayName): \(error)", status: 1)
    }
} else {
    compiled = compileMochi(source: bytes, fileName: displayName, tests: options.tests) { name, body in timed(name, body) }
    let result = compiled!
    guard let m = result.module else {
        // Already in source order; clang's colours on a terminal, or one JSON
        // object per line for editors.
        let file = SourceFile(path: displayName, bytes: bytes)
        let text = options.jsonDiagnostics
            ? result.diagnostics.map { renderJSON($0, file: file) }.joined()
            : result.diagnostics.map { render($0, file: file, color: options.color.enabled(fd: 2)) }.joined()
        fputs(text, stderr)
        exit(1)
    }
    module = m
}

/// Prints the first verifier errors, naming the input, and exits 1.
func failVerification(_ errors: [VerifierError]) -> Never {
    let text = errors.prefix(20).map { "mochi-ir: \(displayName): \($0)" }.joined(separator: "\n")
    fputs(text + "\n", stderr)
    exit(1)
}

// Every IR input is verified as read: it comes from outside and the passes require
// valid IR. The lowering's output is verified once, after optimising (a lowering bug
// still surfaces there, and the passes keep valid IR valid), unless --verify-each
// asks for the check before the passes too; at -O0 that one check is this one.
let verifyInput = options.verifyIR && (irInput || options.verifyEach || options.level == .O0)
if verifyInput {
    let errors = timed("verify") { verify(module) }
    if !errors.isEmpty { failVerification(errors) }
}

optimize(module, level: options.level, printAfter: options.printAfter, dump: { text in
    fputs(text, stderr)
}, timePass: options.timePhases ? { k, name, body in timed("pass \(k + 1) \(name)", body) } : nil)

if options.verifyIR && options.level != .O0 {
    let errors = timed("verify") { verify(module) }
    if !errors.isEmpty {
        // Without --verify-each the fault may be the lowering's as well as a pass's.
        fail("internal error: optimised IR does not verify: \(errors[0])", status: 1)
    }
}

/// Writes `buf` to `path` in place. Not `FileManager.createFile`: that writes a
/// temporary file and renames it over `path`, which as root replaces `-o /dev/null`
/// (the benchmark's sink) with a regular file.
func writeOutput(_ buf: UnsafeRawBufferPointer, to path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var done = 0
    while done < buf.count {
        let n = write(fd, buf.baseAddress! + done, buf.count - done)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        done += n
    }
    return true
}

/// Writes the output bytes to -o's file or to standard output; false on a write error.
func emit(_ buf: UnsafeRawBufferPointer) -> Bool {
    if let path = options.output { return writeOutput(buf, to: path) }
    guard buf.count > 0 else { return true }
    return fwrite(buf.baseAddress!, 1, buf.count, stdout) == buf.count && fflush(stdout) == 0
}

// Text is written straight from the printer's buffer (no copy of the whole output).
let written: Bool = timed("emit \(options.emitBinary ? "binary" : "text")") {
    options.emitBinary ? encodeBinary(module).withUnsafeBytes { emit($0) } : withModuleText(module) { emit($0) }
}
if !written, let path = options.output {
    fail("\(path): cannot write file", status: 1)
}
reportPhaseTimes()
exit(0)
