// mochi-jitrun: run a Mochi IR module (text `.mir` or binary, told apart by their
// first bytes). A thin main: options into one struct, read the file or stdin,
// read + verify the module, hand it to an execution engine, pass the exit status
// through (0; 1 for bad input or a Mochi runtime error; 2 for bad usage).
//
// The default engine is the copy-and-patch JIT (MochiJIT), over the stencil library
// scripts/setup generates beside this executable ($MOCHI_STENCILS overrides);
// --interp runs the reference interpreter instead.

import MochiIR
import MochiInterp
import MochiJIT
import MochiRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let toolName = "mochi-jitrun"
let toolVersion = "0.1.0"

let usage = """
    usage: mochi-jitrun [options] [FILE | -]

    Runs a Mochi IR module (text or binary form) read from FILE, or from standard
    input when FILE is '-' or absent. The program's exit status is passed through:
    0 on success, 1 on a runtime error or malformed input, 2 on bad usage.

    options:
      --interp     run with the reference interpreter instead of the JIT
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
      --help       show this help
      --version    show the version

    The JIT's stencil library is <dir of this program>/x86_64-linux.stencils (made
    by scripts/setup), or $MOCHI_STENCILS.

    """

struct Options {
    var input = "-"
    var interpret = false
    var stats = false
    var dumpCode = false
    var registerHomes = true
    var inlining = true
}

enum InputKind {
    case ir
    /// WebAssembly (`\0asm`) or precompiled Wasmtime code (ELF): not runnable yet.
    case wasm

    init(_ bytes: [UInt8]) {
        if bytes.starts(with: [0x00, 0x61, 0x73, 0x6d]) || bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]) {
            self = .wasm
        } else {
            self = .ir
        }
    }
}

func fail(_ message: String, status: Int32) -> Never {
    fputs("\(toolName): \(message)\n", stderr)
    exit(status)
}

func parseOptions(_ args: [String]) -> Options {
    var o = Options()
    var sawInput = false
    var onlyFiles = false
    for arg in args {
        if !onlyFiles && arg.hasPrefix("-") && arg != "-" {
            switch arg {
            case "--": onlyFiles = true
            case "--interp": o.interpret = true
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
            default:
                fail("unknown option '\(arg)' (see --help)", status: 2)
            }
        } else {
            if sawInput { fail("more than one input file (see --help)", status: 2) }
            o.input = arg
            sawInput = true
        }
    }
    return o
}

func readInput(_ path: String) -> [UInt8] {
    let fp: UnsafeMutablePointer<FILE>? = path == "-" ? stdin : fopen(path, "rb")
    guard let fp else { fail("\(path): \(String(cString: strerror(errno)))", status: 1) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&chunk, 1, chunk.count, fp)
        if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
        if n < chunk.count {
            if ferror(fp) != 0 { fail("\(path): read error", status: 1) }
            break
        }
    }
    if path != "-" { fclose(fp) }
    return bytes
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let displayName = options.input == "-" ? "<stdin>" : options.input
let bytes = readInput(options.input)
let kind = InputKind(bytes)

switch kind {
case .wasm:
    fail("\(displayName): WebAssembly input is not supported yet (only Mochi IR)", status: 1)
case .ir:
    let module: Module
    do {
        module = try readModule(bytes: bytes)
    } catch {
        fail("\(displayName): \(error)", status: 1)
    }
    if let first = verify(module).first {
        fail("\(displayName): \(first)", status: 1)
    }
    if !options.interpret {
        runJIT(module)
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
    exit(mochi_rt_finish())
}

/// The default engine: compile with the copy-and-patch JIT and run.
func runJIT(_ module: Module) -> Never {
    let exeDir: String = {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        let path = n > 0 ? String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        return path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    }()
    var env: [String: String] = [:]
    if let v = getenv("MOCHI_STENCILS") { env["MOCHI_STENCILS"] = String(cString: v) }
    do {
        let stencils = try loadHostStencils(executableDir: exeDir.isEmpty ? "." : exeDir, environment: env)
        let jit = try JIT(module: module, stencils: stencils)
        jit.registerHomes = options.registerHomes
        jit.inlining = options.inlining
        if options.dumpCode {
            fputs(try jit.dumpCode(), stdout)
            exit(0)
        }
        if options.stats {
            jit.onCompiled = { _ in
                let s = jit.stats
                var text = ""
                for f in s.functions {
                    text += "function @\(f.name): \(Int(f.microseconds.rounded())) us, \(f.irInstructions) IR instructions, "
                        + "\(f.stencils) stencils, \(f.codeBytes) code bytes\n"
                }
                let ir = s.functions.reduce(0) { $0 + $1.irInstructions }
                text += "total: \(s.functions.count) functions, \(ir) IR instructions, \(s.codeBytes) code bytes, "
                    + "\(s.dataBytes) data bytes, \(s.veneers) veneers, compile time \(Int(s.totalMicroseconds.rounded())) us"
                    + (ir > 0 ? " (\((s.totalMicroseconds / Double(ir) * 1000).rounded() / 1000) us per IR instruction)" : "") + "\n"
                fputs(text, stderr)
            }
        }
        try jit.run()
    } catch {
        fail("\(displayName): \(error)", status: 1)
    }
    exit(mochi_rt_finish())
}
