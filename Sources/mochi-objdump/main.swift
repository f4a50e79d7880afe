// mochi-objdump: a human-readable dump of any file the toolchain writes (IR text or
// binary, stencil libraries, Wasm modules). A thin main: options into one struct, read the input, call
// MochiDump, print; exit 0 on success, 1 on bad input, 2 on bad usage.

import MochiSupport
import MochiDump
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Options {
    var file = "-"
    var ops = false
    var wasmOps = false
    var dump = DumpOptions()
}

let usage = """
usage: mochi-objdump [options] [FILE]
Dump a Mochi toolchain file (IR text, MIRB binary, an MSTL stencil library or a
Wasm module) in readable form. FILE '-' or absent reads standard input.

  --ops          print the opcode table (name, signature, immediate, effects, doc)
  --wasm-ops     print the Wasm instruction table (name, encoding, immediates)
  --no-bytes     binary input: leave out the offset | bytes | meaning view
  --no-listing   leave out the instruction listing
  --help         show this help
  --version      show the version
"""

func fail(_ code: Int32, _ msg: String) -> Never {
    fputs("mochi-objdump: \(msg)\n", stderr)
    exit(code)
}

func parseOptions(_ args: [String]) -> Options {
    var o = Options()
    var sawFile = false
    for a in args {
        switch a {
        case "--help", "-h": print(usage); exit(0)
        case "--version": print("mochi-objdump 0.1.0"); exit(0)
        case "--ops": o.ops = true
        case "--wasm-ops": o.wasmOps = true
        case "--no-bytes": o.dump.bytes = false
        case "--no-listing": o.dump.listing = false
        default:
            if a.hasPrefix("-") && a != "-" { fail(2, "unknown option '\(a)' (see --help)") }
            if sawFile { fail(2, "more than one input file (see --help)") }
            o.file = a
            sawFile = true
        }
    }
    return o
}

func readInput(_ path: String) -> [UInt8]? { try? readFileOrStdin(path) }

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
if options.ops {
    print(opcodeTable(), terminator: "")
    exit(0)
}
if options.wasmOps {
    print(wasmInstructionTable(), terminator: "")
    exit(0)
}
guard let bytes = readInput(options.file) else {
    fail(1, "\(options.file): cannot read: \(String(cString: strerror(errno)))")
}
do {
    print(try dump(bytes: bytes, options: options.dump), terminator: "")
} catch {
    fail(1, "\(options.file): \(error)")
}
