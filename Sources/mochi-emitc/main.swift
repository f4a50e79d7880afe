// mochi-emitc: Mochi IR (text `.mir` or binary, told apart by their first bytes) ->
// one C99 translation unit that includes "mochi_runtime.h" and defines `main`.
// A thin main: options into one struct, read the file or stdin, read + verify the
// module, one library call (MochiEmitC.emitC), write the C to -o or stdout.
// Exit 0 on success, 1 on bad input (one line `mochi-emitc: FILE: message`), 2 on
// bad usage.

import MochiIR
import MochiEmitC
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let toolName = "mochi-emitc"
let toolVersion = "0.1.0"

let usage = """
    usage: mochi-emitc [options] [FILE | -]

    Translates a Mochi IR module (text or binary form) read from FILE, or from
    standard input when FILE is '-' or absent, into one C99 translation unit.
    Compile it together with the Mochi runtime (Sources/MochiRuntime), for example
    with mochi-link, or: cc -std=c99 -I RUNTIME/include f.c RUNTIME/*.c -lm

    options:
      -o FILE           write the C to FILE instead of standard output
      --no-line         leave out the #line directives that map C to Mochi lines
      --help            show this help
      --version         show the version

    """

struct Options {
    var input = "-"
    var output = "-"
    var lineDirectives = true
}

func fail(_ message: String, status: Int32) -> Never {
    fputs("\(toolName): \(message)\n", stderr)
    exit(status)
}

func parseOptions(_ args: [String]) -> Options {
    var o = Options()
    var sawInput = false
    var onlyFiles = false
    var i = 0
    while i < args.count {
        let arg = args[i]
        i += 1
        if !onlyFiles && arg.hasPrefix("-") && arg != "-" {
            switch arg {
            case "--": onlyFiles = true
            case "-o":
                guard i < args.count else { fail("-o needs a file name (see --help)", status: 2) }
                o.output = args[i]
                i += 1
            case "--no-line": o.lineDirectives = false
            case "--help", "-h":
                fputs(usage, stdout)
                exit(0)
            case "--version":
                print("\(toolName) \(toolVersion)")
                exit(0)
            default:
                if arg.hasPrefix("-o") && arg.count > 2 {
                    o.output = String(arg.dropFirst(2))
                } else if arg.hasPrefix("--output=") {
                    o.output = String(arg.dropFirst("--output=".count))
                } else {
                    fail("unknown option '\(arg)' (see --help)", status: 2)
                }
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

let module: Module
do {
    module = try readModule(bytes: bytes)
} catch {
    fail("\(displayName): \(error)", status: 1)
}
if let first = verify(module).first {
    fail("\(displayName): \(first)", status: 1)
}
var emitOptions = EmitCOptions()
emitOptions.lineDirectives = options.lineDirectives
let text: String
do {
    text = try emitC(module, options: emitOptions)
} catch {
    fail("\(displayName): \(error)", status: 1)
}

let outBytes = Array(text.utf8)
if options.output == "-" {
    let n = fwrite(outBytes, 1, outBytes.count, stdout)
    if n != outBytes.count || fflush(stdout) != 0 { fail("<stdout>: write error", status: 1) }
} else {
    guard let fp = fopen(options.output, "wb") else {
        fail("\(options.output): \(String(cString: strerror(errno)))", status: 1)
    }
    let n = fwrite(outBytes, 1, outBytes.count, fp)
    if n != outBytes.count || fclose(fp) != 0 { fail("\(options.output): write error", status: 1) }
}
exit(0)
