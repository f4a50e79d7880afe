// The tools over the embedding: mochi-jitrun running .wasm and .cwasm (output,
// exit statuses, traps, --stats, arguments, sandbox options, refusals) and
// mochi-link --emit=cwasm; plus fuzzing: garbage and truncated .wasm and .cwasm
// inputs must each end in one error line and exit status 1, never a crash.

import Foundation
import XCTest
@testable import MochiWasmtime

final class CLITests: XCTestCase {
    var cache = ""
    override func setUp() { cache = Fixtures.scratchDirectory() }

    func jitrun(_ args: [String], env: [String: String] = [:], stdin: Data? = nil) throws -> Fixtures.Output {
        var e = ["MOCHI_CACHE": cache]
        for (k, v) in env { e[k] = v }
        return try Fixtures.run(try Fixtures.tool("mochi-jitrun"), args, environment: e, stdin: stdin)
    }

    func link(_ args: [String]) throws -> Fixtures.Output {
        try Fixtures.run(try Fixtures.tool("mochi-link"), args, environment: ["MOCHI_CACHE": cache])
    }

    static let trapping = """
    (module
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 16) "before\\n")
      (func $divide_by (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
      (func $main (export "_start")
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const 7))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (drop (call $divide_by (i32.const 0)))))
    """

    func testHelloWasm() throws {
        _ = try Fixtures.library()
        let file = try Fixtures.wasmFile(WAT.hello, name: "hello.wasm")
        let r = try jitrun([file])
        XCTAssertEqual(r.stdout, "Hello, Mochi!\n")
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.status, 0)
        // From standard input too (no file to map: compiled from the bytes read).
        let s = try jitrun(["-"], stdin: Data(try Fixtures.wasm(WAT.hello)))
        XCTAssertEqual(s.stdout, "Hello, Mochi!\n")
        XCTAssertEqual(s.status, 0)
    }

    func testExitStatusPassesThrough() throws {
        _ = try Fixtures.library()
        let r = try jitrun([try Fixtures.wasmFile(WAT.exit(3), name: "exit.wasm")])
        XCTAssertEqual(r.stdout, "bye\n")
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.status, 3)
    }

    func testTrapIsOneLineNamingTheFunction() throws {
        _ = try Fixtures.library()
        let file = try Fixtures.wasmFile(CLITests.trapping, name: "trap.wasm")
        let r = try jitrun([file])
        XCTAssertEqual(r.stdout, "before\n", "output before the trap is kept")
        XCTAssertEqual(r.stderr, "mochi-jitrun: \(file): wasm trap: integer divide by zero (in function 'divide_by')\n")
        XCTAssertEqual(r.status, 1)
    }

    func testStatsAndTheCache() throws {
        _ = try Fixtures.library()
        let file = try Fixtures.wasmFile(WAT.hello, name: "hello.wasm")
        func lines(_ r: Fixtures.Output) -> [String] { r.stderr.split(separator: "\n").map(String.init) }
        func matches(_ line: String, _ prefix: String) -> Bool {
            line.hasPrefix(prefix) && line.hasSuffix(" us") && Int(line.dropFirst(prefix.count).dropLast(3)) != nil
        }
        let first = lines(try jitrun(["--stats", file]))
        XCTAssertEqual(first.count, 4, "\(first)")
        XCTAssertTrue(first[0].hasPrefix("wasmtime 51.") && first[0].contains(" (cranelift): engine "), first[0])
        XCTAssertTrue(matches(first[1], "compile: "), first[1])
        XCTAssertTrue(matches(first[2], "instantiate: "), first[2])
        XCTAssertTrue(matches(first[3], "run: "), first[3])
        let second = lines(try jitrun(["--stats", file]))
        XCTAssertTrue(matches(second[1], "load (cache hit): "), second[1])
        let uncached = lines(try jitrun(["--stats", "--no-cache", file]))
        XCTAssertTrue(matches(uncached[1], "compile: "), uncached[1])
        // A .cwasm made by mochi-link loads instead.
        let out = cache + "/hello.cwasm"
        XCTAssertEqual(try link(["--emit=cwasm", file, "-o", out]).status, 0)
        let pre = lines(try jitrun(["--stats", out]))
        XCTAssertTrue(matches(pre[1], "load .cwasm: "), pre[1])
    }

    func testProgramArguments() throws {
        _ = try Fixtures.library()
        let text = """
        (module
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start") (drop (call $sizes (i32.const 0) (i32.const 4))) (call $proc_exit (i32.load (i32.const 0)))))
        """
        let file = try Fixtures.wasmFile(text, name: "args.wasm")
        XCTAssertEqual(try jitrun([file]).status, 1)
        XCTAssertEqual(try jitrun([file, "--", "a", "--b", "c"]).status, 4)
        XCTAssertEqual(try jitrun(["--", file, "x"]).status, 2)
    }

    func testEnvironmentIsVisibleUnlessHidden() throws {
        _ = try Fixtures.library()
        // Exits with 1 when the module sees at least one environment variable.
        let text = """
        (module
          (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start") (drop (call $sizes (i32.const 0) (i32.const 4)))
            (call $proc_exit (i32.ne (i32.load (i32.const 0)) (i32.const 0)))))
        """
        let file = try Fixtures.wasmFile(text, name: "env.wasm")
        XCTAssertEqual(try jitrun([file], env: ["MOCHI_TEST": "1"]).status, 1)
        XCTAssertEqual(try jitrun(["--no-env", file], env: ["MOCHI_TEST": "1"]).status, 0)
    }

    func testSandboxOptions() throws {
        _ = try Fixtures.library()
        let spin = try Fixtures.wasmFile(WAT.spin, name: "spin.wasm")
        let fuel = try jitrun(["--fuel=100000", spin])
        XCTAssertEqual(fuel.stderr, "mochi-jitrun: \(spin): fuel exhausted: the run used all 100000 units of --fuel (in function 'spin')\n")
        XCTAssertEqual(fuel.status, 1)
        let deadline = try jitrun(["--deadline=100", spin])
        XCTAssertEqual(deadline.stderr, "mochi-jitrun: \(spin): deadline exceeded: the run took longer than --deadline=100 ms (in function 'spin')\n")
        XCTAssertEqual(deadline.status, 1)
        let grow = """
        (module (memory (export "memory") 1)
          (func $grow_all (export "_start") (loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1)))) unreachable))
        """
        let g = try jitrun(["--max-memory=1M", try Fixtures.wasmFile(grow, name: "grow.wasm")])
        XCTAssertTrue(g.stderr.hasSuffix("memory limit reached: the run needed more than --max-memory=1048576 bytes (wasm trap: wasm "
            + "`unreachable` instruction executed (in function 'grow_all'))\n"), g.stderr)
        XCTAssertEqual(g.status, 1)
        // The hello world runs within all three.
        let ok = try jitrun(["--fuel=1000000", "--deadline=60000", "--max-memory=64M", try Fixtures.wasmFile(WAT.hello)])
        XCTAssertEqual(ok.stdout, "Hello, Mochi!\n")
        XCTAssertEqual(ok.status, 0)
    }

    func testWinchEngine() throws {
        _ = try Fixtures.library()
        let r = try jitrun(["--engine=winch", try Fixtures.wasmFile(WAT.hello)])
        XCTAssertEqual(r.stdout, "Hello, Mochi!\n")
        XCTAssertEqual(r.status, 0)
        let gc = """
        (module (type $b (struct (field i32))) (memory (export "memory") 1)
          (func (export "_start") (drop (struct.new $b (i32.const 1)))))
        """
        let g = try jitrun(["--engine=winch", try Fixtures.wasmFile(gc, name: "gc.wasm")])
        XCTAssertEqual(g.status, 1)
        XCTAssertEqual(g.stderr.split(separator: "\n").count, 1, g.stderr)
        XCTAssertEqual(try jitrun([try Fixtures.wasmFile(gc, name: "gc.wasm")]).status, 0)
    }

    func testUsageErrors() throws {
        let cases: [([String], String)] = [
            (["--engine=v8", "x.wasm"], "mochi-jitrun: unknown engine 'v8' (cranelift, winch)\n"),
            (["--fuel=0", "x.wasm"], "mochi-jitrun: --fuel needs a positive number of units\n"),
            (["--deadline=soon", "x.wasm"], "mochi-jitrun: --deadline needs a positive number of milliseconds\n"),
            (["--max-memory=lots", "x.wasm"], "mochi-jitrun: --max-memory needs a size in bytes (suffix K, M or G)\n"),
        ]
        for (args, message) in cases {
            let r = try jitrun(args)
            XCTAssertEqual(r.stderr, message)
            XCTAssertEqual(r.status, 2)
        }
        // Wasm options with IR input, IR options with Wasm input.
        let ir = cache + "/p.mir"
        try "mochi-ir 1\n".write(toFile: ir, atomically: true, encoding: .utf8)
        let r = try jitrun(["--fuel=10", ir])
        XCTAssertEqual(r.stderr, "mochi-jitrun: --fuel=10 applies to WebAssembly input only, and \(ir) is Mochi IR\n")
        XCTAssertEqual(r.status, 2)
        if Fixtures.wasmToolsPath != nil {
            let w = try jitrun(["--interp", try Fixtures.wasmFile(WAT.hello, name: "h.wasm")])
            XCTAssertTrue(w.stderr.hasPrefix("mochi-jitrun: --interp applies to Mochi IR only"), w.stderr)
            XCTAssertEqual(w.status, 2)
        }
    }

    func testMissingLibrary() throws {
        let file = try Fixtures.wasmFile(WAT.hello)
        let r = try jitrun([file], env: ["MOCHI_WASMTIME_LIB": "/nonexistent/_libwasmtime.so"])
        XCTAssertEqual(r.stderr, "mochi-jitrun: \(file): MOCHI_WASMTIME_LIB=/nonexistent/_libwasmtime.so: no such file; unset it "
            + "to use the `wasmtime` wheel, or \(WasmtimeLibrary.installHint)\n")
        XCTAssertEqual(r.status, 1)
        let v = try jitrun(["--wasmtime"], env: ["MOCHI_WASMTIME_LIB": "/nonexistent/_libwasmtime.so"])
        XCTAssertEqual(v.status, 1)
        let found = try jitrun(["--wasmtime"])
        if found.status == 0 {
            XCTAssertTrue(found.stdout.hasPrefix("Wasmtime 51.") && found.stdout.hasSuffix("_libwasmtime.so\n"), found.stdout)
        }
    }

    func testLinkEmitCwasm() throws {
        _ = try Fixtures.library()
        let wasm = try Fixtures.wasmFile(WAT.exit(5), name: "five.wasm")
        let out = cache + "/five.cwasm"
        let r = try link(["--emit=cwasm", wasm, "-o", out])
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: out)).prefix(4)), [0x7f, 0x45, 0x4c, 0x46])
        let run = try jitrun([out])
        XCTAssertEqual(run.stdout, "bye\n")
        XCTAssertEqual(run.status, 5)
        // Fuel metering compiled in: runs with --fuel, is refused without it.
        let fueled = cache + "/five-fuel.cwasm"
        XCTAssertEqual(try link(["--emit=cwasm", "--fuel", wasm, "-o", fueled]).status, 0)
        XCTAssertEqual(try jitrun(["--fuel=100000", fueled]).status, 5)
        let refused = try jitrun([fueled])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.hasPrefix("mochi-jitrun: \(fueled) was precompiled with another configuration"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("run it with --fuel=N"), refused.stderr)
        // A compile error is one line naming the input.
        let bad = cache + "/bad.wasm"
        try Data([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x01]).write(to: URL(fileURLWithPath: bad))
        let b = try link(["--emit=cwasm", bad, "-o", cache + "/bad.cwasm"])
        XCTAssertEqual(b.status, 1)
        XCTAssertTrue(b.stderr.hasPrefix("mochi-link: error: \(bad): failed to parse WebAssembly module: "), b.stderr)
        XCTAssertEqual(b.stderr.split(separator: "\n").count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache + "/bad.cwasm"))
        let already = try link(["--emit=cwasm", out, "-o", cache + "/again.cwasm"])
        XCTAssertEqual(already.stderr, "mochi-link: error: \(out) is not a WebAssembly module (--emit=cwasm precompiles a .wasm)\n")
        let cross = try link(["--emit=cwasm", wasm, "-o", out, "--target=aarch64-linux"])
        XCTAssertEqual(cross.stderr, "mochi-link: error: --target=aarch64-linux (a .cwasm runs on this machine only) applies to C "
            + "builds, not to --emit=cwasm\n")
        XCTAssertEqual(cross.status, 2)
        XCTAssertEqual(try link(["--emit=cwasm", wasm, "-o", out, "--target=wasm32-wasi"]).status, 0)
    }

    /// How many inputs each fuzz test feeds the tool (each is a process start).
    var fuzzCases: Int {
        min(Int(ProcessInfo.processInfo.environment["MOCHI_FUZZ_CASES"] ?? "") ?? 150, 2000)
    }

    /// Every input must end with exit 1 and one line on stderr naming the tool and
    /// the file, or (a prefix that happens to be a whole module) run normally.
    func expectOneLineError(_ bytes: [UInt8], allowSuccess: Bool = false, _ what: String) throws {
        let path = cache + "/fuzz.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = try jitrun(["--no-cache", path])
        if allowSuccess && r.status == 0 { return }
        XCTAssertEqual(r.status, 1, "\(what): status \(r.status), stderr: \(r.stderr.prefix(300))")
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2, "\(what): \(r.stderr.prefix(300))")
        XCTAssertTrue(r.stderr.hasPrefix("mochi-jitrun: \(path)"), "\(what): \(r.stderr.prefix(300))")
    }

    func testFuzzGarbageAndTruncatedWasm() throws {
        _ = try Fixtures.library()
        let good = try Fixtures.wasm(CLITests.trapping)
        var rng = SystemRandomNumberGenerator()
        let n = fuzzCases
        for i in 0..<n {
            switch i % 3 {
            case 0: // a prefix (4 bytes at least: shorter is not recognised as Wasm)
                let cut = Int.random(in: 4..<good.count, using: &rng)
                try expectOneLineError(Array(good.prefix(cut)), allowSuccess: true, "prefix \(cut)")
            case 1: // random bytes after the magic
                let tail = (0..<Int.random(in: 0...512, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                try expectOneLineError([0, 0x61, 0x73, 0x6d] + tail, "garbage \(tail.count)")
            default: // a valid header and random sections
                let tail = (0..<Int.random(in: 1...512, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                try expectOneLineError([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0] + tail, "sections \(tail.count)")
            }
        }
    }

    func testFuzzGarbageAndTruncatedCwasm() throws {
        let library = try Fixtures.library()
        let good = try Runner.precompile(try Fixtures.wasm(CLITests.trapping), settings: RunOptions().engineSettings,
                                         library: library)
        var rng = SystemRandomNumberGenerator()
        for i in 0..<fuzzCases {
            switch i % 3 {
            case 0:
                let cut = Int.random(in: 4..<good.count, using: &rng)
                try expectOneLineError(Array(good.prefix(cut)), "prefix \(cut) of \(good.count)")
            case 1:
                let tail = (0..<Int.random(in: 0...4096, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                try expectOneLineError([0x7f, 0x45, 0x4c, 0x46] + tail, "garbage \(tail.count)")
            default: // a real ELF header (64 bytes) with random contents behind it
                let tail = (0..<Int.random(in: 0...4096, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                try expectOneLineError(Array(good.prefix(64)) + tail, "header + garbage \(tail.count)")
            }
        }
    }
}
