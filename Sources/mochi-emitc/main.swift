// mochi-emitc: Mochi IR (text `.mir` or binary, told apart by their first bytes) ->
// one C99 translation unit that includes "mochi_runtime.h" and defines `main`.
// A thin main: options into one struct, read the file or stdin, read + verify the
// module, one library call (MochiEmitC.emitC), write the C to -o or stdout.
// Exit 0 on success, 1 on bad input (one line `mochi-emitc: FILE: message`), 2 on
// bad usage.

import MochiIR
import MochiEmitC
import MochiSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let tool = Tool("mochi-emitc")
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

func fail(_ message: String, status: Int32) -> Never { tool.fail(message, status: status) }

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
                guard i < args.count else { fail("-o needs a file name (see --help)", status: ExitStatus.usage) }
                o.output = args[i]
                i += 1
            case "--no-line": o.lineDirectives = false
            case "--help", "-h":
                fputs(usage, stdout)
                exit(0)
            case "--version":
                print("\(tool.name) \(toolVersion)")
                exit(0)
            default:
                if arg.hasPrefix("-o") && arg.count > 2 {
                    o.output = String(arg.dropFirst(2))
                } else if arg.hasPrefix("--output=") {
                    o.output = String(arg.dropFirst("--output=".count))
                } else {
                    fail("unknown option '\(arg)' (see --help)", status: ExitStatus.usage)
                }
            }
        } else {
            if sawInput { fail("more than one input file (see --help)", status: ExitStatus.usage) }
            o.input = arg
            sawInput = true
        }
    }
    return o
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let displayName = options.input == "-" ? "<stdin>" : options.input
let bytes = tool.readInput(options.input)

let module: Module
do {
    module = try readModule(bytes: bytes)
} catch {
    fail("\(displayName): \(error)", status: ExitStatus.failure)
}
if let first = verify(module).first {
    fail("\(displayName): \(first)", status: ExitStatus.failure)
}
var emitOptions = EmitCOptions()
emitOptions.lineDirectives = options.lineDirectives
let text: String
do {
    text = try emitC(module, options: emitOptions)
} catch {
    fail("\(displayName): \(error)", status: ExitStatus.failure)
}

tool.writeOutput(Array(text.utf8), to: options.output)
exit(ExitStatus.success)
