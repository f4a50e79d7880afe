// mochi-emitwasm: Mochi IR (text `.mir` or binary, told apart by their first bytes) ->
// one self-contained WebAssembly module (Wasm GC, tail calls, WASI preview 1) with the
// WAT runtime it needs. A thin main: options into one struct, read the file or stdin,
// read + verify the module, one library call (MochiWasmEmit.emitWasmBinary, or
// emitWasmText for --emit=wat), write the bytes.
//
// The emitter's output format is WAT text; MochiWasm assembles, links (tree-shaking the
// runtime) and encodes it, with the name section: no outside tool is needed.
// Exit 0 on success, 1 on bad input (one line `mochi-emitwasm: FILE: message`), 2 on
// bad usage.

import MochiSupport
import MochiIR
import MochiWasmEmit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let toolName = "mochi-emitwasm"
let toolVersion = "0.1.0"

let usage = """
    usage: mochi-emitwasm [options] [FILE | -]

    Translates a Mochi IR module (text or binary form) read from FILE, or from
    standard input when FILE is '-' or absent, into one WebAssembly module (a WASI
    command: run it with wasmtime, or node scripts/wasi-node.mjs). Output goes to -o,
    or standard output.

    options:
      -o FILE           write the module to FILE instead of standard output
      --emit=wasm       a binary module (default)
      --emit=wat        the module's WAT text
      --no-shake        include every runtime fragment whole, not only what the
                        program reaches
      --shake=WHAT      for measuring: text (only the WAT text is pruned), linker
                        (only MochiWasm's linker prunes), both (default), none
      --runtime-dir=DIR take the WAT runtime from DIR/*.wat instead of the copy
                        built in (default: $MOCHI_WASM_RUNTIME_DIR when set); for
                        working on the runtime without rebuilding
      --help            show this help
      --version         show the version

    """

enum EmitKind { case wasm, wat }

struct Options {
    var input = "-"
    var output = "-"
    var emit = EmitKind.wasm
    var shakeText = true
    var shakeLinker = true
    var runtimeDir: String? = getenv("MOCHI_WASM_RUNTIME_DIR").map { String(cString: $0) }
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
            case "--emit=wasm": o.emit = .wasm
            case "--emit=wat": o.emit = .wat
            case "--no-shake", "--shake=none": o.shakeText = false; o.shakeLinker = false
            case "--shake=both": o.shakeText = true; o.shakeLinker = true
            case "--shake=text": o.shakeText = true; o.shakeLinker = false
            case "--shake=linker": o.shakeText = false; o.shakeLinker = true
            case _ where arg.hasPrefix("--runtime-dir="): o.runtimeDir = String(arg.dropFirst("--runtime-dir=".count))
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
    do { return try readFileOrStdin(path) } catch { fail("\(error)", status: 1) }
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    do { try writeFileOrStdout(bytes, to: path) } catch { fail("\(error)", status: 1) }
}

/// The `.wat` files of a directory, by name.
func readRuntimeDir(_ dir: String) -> [(name: String, text: String)] {
    guard let d = opendir(dir) else { fail("\(dir): \(String(cString: strerror(errno)))", status: 1) }
    var names: [String] = []
    while let e = readdir(d) {
        let name = withUnsafePointer(to: e.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name.hasSuffix(".wat") { names.append(name) }
    }
    closedir(d)
    guard names.contains("types.wat") else { fail("\(dir): no types.wat", status: 1) }
    return names.sorted().map { ($0, String(decoding: readInput(dir + "/" + $0), as: UTF8.self)) }
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
var emitOptions = EmitWasmOptions()
emitOptions.shakeRuntime = options.shakeText
emitOptions.shakeLinked = options.shakeLinker
if let dir = options.runtimeDir, !dir.isEmpty { emitOptions.runtime = readRuntimeDir(dir) }
do {
    switch options.emit {
    case .wat: writeFile(options.output, Array(try emitWasmText(module, options: emitOptions).utf8))
    case .wasm: writeFile(options.output, try emitWasmBinary(module, options: emitOptions))
    }
} catch {
    fail("\(displayName): \(error)", status: 1)
}
exit(0)
