// mochi-jitrun: run a Mochi IR module (text `.mir` or binary, told apart by their
// first bytes). A thin main: options into one struct, read the file or stdin,
// read + verify the module, hand it to an execution engine, pass the exit status
// through (0; 1 for bad input or a Mochi runtime error; 2 for bad usage).
//
// The copy-and-patch JIT does not exist yet, so both modes interpret for now; the
// input kind is dispatched on so `.wasm`/`.cwasm` inputs can join later.

import MochiIR
import MochiInterp
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
      --interp     run with the reference interpreter
      --stats      print decode statistics (functions, decoded instructions,
                   decode time in microseconds) to standard error
      --help       show this help
      --version    show the version

    The copy-and-patch JIT is not built yet: the default mode also interprets.

    """

struct Options {
    var input = "-"
    var interpret = false
    var stats = false
}

enum InputKind {
    case ir
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
let kind = InputKind.ir

switch kind {
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
    // Until the JIT exists, the default mode interprets too (see --help).
    interpreter.run()
    exit(0)
}
