// Runs as mochi-jitrun makes them (Runner.run): exit statuses, traps, the
// sandbox limits (fuel, deadline, memory), deep recursion, the cache, and
// WASI arguments. The modules here print nothing: output is checked through
// the tool itself in CLITests.

import Foundation
import XCTest
@testable import MochiWasmtime

final class RunnerTests: XCTestCase {
    func run(_ text: String, _ configure: (inout RunOptions) -> Void = { _ in }) throws -> RunReport {
        var o = RunOptions()
        o.cacheRoot = Fixtures.scratchDirectory()
        configure(&o)
        return try Runner.run(try Fixtures.wasm(text), path: nil, displayName: "t.wasm", options: o,
                              library: try Fixtures.library(), environment: [:])
    }

    static func exitWith(_ status: Int32) -> String {
        """
        (module
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (func $main (export "_start") (call $proc_exit (i32.const \(status))) unreachable))
        """
    }

    func testExitStatus() throws {
        XCTAssertEqual(try run("(module (func (export \"_start\")))").status, 0)
        XCTAssertEqual(try run(RunnerTests.exitWith(0)).status, 0)
        XCTAssertEqual(try run(RunnerTests.exitWith(3)).status, 3)
        XCTAssertEqual(try run(RunnerTests.exitWith(125)).status, 125)
    }

    func testTrapNamesTheFunction() throws {
        let text = """
        (module
          (func $mochi_fn_divide (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
          (func $main (export "_start") (drop (call $mochi_fn_divide (i32.const 0)))))
        """
        XCTAssertThrowsError(try run(text)) { e in
            XCTAssertEqual("\(e)", "wasm trap: integer divide by zero (in function 'mochi_fn_divide')")
        }
    }

    func testNoStartIsAnError() throws {
        XCTAssertThrowsError(try run("(module (func (export \"main\")))")) { e in
            XCTAssertEqual(e as? WasmtimeError, .usage("t.wasm exports no `_start` function (it is not a WASI command module)"))
        }
    }

    func testFuelLimit() throws {
        XCTAssertThrowsError(try run(WAT.spin) { $0.fuel = 100_000 }) { e in
            XCTAssertEqual(e as? WasmtimeError, .limit("fuel exhausted: the run used all 100000 units of --fuel (in function 'spin')"))
        }
        // Enough fuel: a short loop finishes.
        let counted = """
        (module
          (func (export "_start") (local $i i32)
            (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 1000))))))
        """
        XCTAssertEqual(try run(counted) { $0.fuel = 100_000 }.status, 0)
        XCTAssertThrowsError(try run(counted) { $0.fuel = 500 })
    }

    func testDeadline() throws {
        let t0 = Date()
        XCTAssertThrowsError(try run(WAT.spin) { $0.deadlineMilliseconds = 200 }) { e in
            XCTAssertEqual(e as? WasmtimeError, .limit("deadline exceeded: the run took longer than --deadline=200 ms (in function 'spin')"))
        }
        let took = Date().timeIntervalSince(t0)
        XCTAssertGreaterThanOrEqual(took, 0.2)
        XCTAssertLessThan(took, 10)
        // A quick run under a generous deadline is not held up by the timer.
        let t1 = Date()
        XCTAssertEqual(try run(RunnerTests.exitWith(4)) { $0.deadlineMilliseconds = 60_000 }.status, 4)
        XCTAssertLessThan(Date().timeIntervalSince(t1), 10)
    }

    func testMemoryLimitOnLinearMemory() throws {
        // Grows until refused, then traps (as a C program's failed malloc would end).
        let text = """
        (module
          (memory (export "memory") 1)
          (func $grow_all (export "_start")
            (loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
            unreachable))
        """
        XCTAssertThrowsError(try run(text) { $0.memoryLimit = 4 << 20 }) { e in
            XCTAssertEqual(e as? WasmtimeError, .limit("memory limit reached: the run needed more than --max-memory=4194304 bytes "
                + "(wasm trap: wasm `unreachable` instruction executed (in function 'grow_all'))"))
        }
    }

    func testMemoryLimitOnTheGCHeap() throws {
        let text = """
        (module
          (type $arr (array (mut i64)))
          (type $list (array (mut (ref null $arr))))
          (func $hoard (export "_start") (local $l (ref $list)) (local $i i32)
            (local.set $l (array.new_default $list (i32.const 100000)))
            (loop $lp
              (array.set $list (local.get $l) (local.get $i) (array.new_default $arr (i32.const 1024)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $lp (i32.lt_u (local.get $i) (i32.const 100000))))))
        """
        XCTAssertThrowsError(try run(text) { $0.memoryLimit = 16 << 20 }) { e in
            guard case WasmtimeError.limit(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.hasPrefix("memory limit reached: the run needed more than --max-memory=16777216 bytes (GC heap out of memory"), m)
        }
    }

    /// `_start` recurses `depth` calls deep with GC references live across each
    /// call, checks the sum, and exits 0 (or 1 on a wrong sum).
    static func deepGC(_ depth: Int) -> String {
        """
        (module
          (type $box (struct (field i64)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (func $down (param $n i64) (result i64) (local $b (ref null $box)) (local $c anyref)
            (if (result i64) (i64.eqz (local.get $n)) (then (i64.const 0))
              (else
                (local.set $b (struct.new $box (local.get $n)))
                (local.set $c (local.get $b))
                (i64.add (call $down (i64.sub (local.get $n) (i64.const 1)))
                         (struct.get $box 0 (ref.cast (ref $box) (local.get $c)))))))
          (func (export "_start")
            (call $proc_exit (i64.ne (call $down (i64.const \(depth))) (i64.const \(depth * (depth + 1) / 2))))))
        """
    }

    func testRecursion100000DeepWorks() throws {
        XCTAssertEqual(try run(RunnerTests.deepGC(100_000)).status, 0)
        // And under Winch, whose frames are larger (no GC there: a plain recursion).
        XCTAssertEqual(try run(WAT.recursionCommand(100_000)) { $0.strategy = .winch }.status, 0)
    }

    func testRunawayRecursionTrapsCleanly() throws {
        XCTAssertThrowsError(try run(WAT.recursionCommand(-1))) { e in
            guard case WasmtimeError.trap(let t)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertEqual(t.code, .stackOverflow)
            XCTAssertEqual(t.function?.functionName, "depth")
        }
    }

    func testCacheHitOnSecondRun() throws {
        let root = Fixtures.scratchDirectory()
        let text = RunnerTests.exitWith(7)
        let first = try run(text) { $0.cacheRoot = root }
        XCTAssertEqual(first.loadKind, .compiled)
        XCTAssertNil(first.cacheNote)
        let second = try run(text) { $0.cacheRoot = root }
        XCTAssertEqual(second.loadKind, .cached)
        XCTAssertEqual(second.status, 7)
        // Another configuration is another entry.
        XCTAssertEqual(try run(text) { $0.cacheRoot = root; $0.fuel = 1000 }.loadKind, .compiled)
        XCTAssertEqual(try run(text) { $0.cacheRoot = root; $0.fuel = 1000 }.loadKind, .cached)
        // Without the cache nothing is written.
        let none = Fixtures.scratchDirectory()
        XCTAssertEqual(try run(text) { $0.cacheRoot = none; $0.useCache = false }.loadKind, .compiled)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: none), [])
    }

    func testPrecompiledRun() throws {
        let library = try Fixtures.library()
        let image = try Runner.precompile(try Fixtures.wasm(RunnerTests.exitWith(9)), settings: RunOptions().engineSettings,
                                          library: library)
        let r = try Runner.run(image, path: nil, displayName: "t.cwasm", options: RunOptions(), library: library, environment: [:])
        XCTAssertEqual(r.loadKind, .precompiled)
        XCTAssertEqual(r.status, 9)
        XCTAssertThrowsError(try Runner.precompile(image, settings: EngineSettings(), library: library)) { e in
            XCTAssertEqual(e as? WasmtimeError, .usage("the input is already precompiled (a .cwasm)"))
        }
    }

    func testArgumentsReachTheModule() throws {
        // args_sizes_get: exits with argc * 10 + the bytes of all arguments (NULs
        // included); WASI exit statuses stop at 125.
        let text = """
        (module
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (drop (call $sizes (i32.const 0) (i32.const 4)))
            (call $proc_exit (i32.add (i32.mul (i32.load (i32.const 0)) (i32.const 10)) (i32.load (i32.const 4))))))
        """
        XCTAssertEqual(try run(text).status, 17) // argv is ["t.wasm"]: 1 argument of 7 bytes
        XCTAssertEqual(try run(text) { $0.arguments = ["prog", "a", "bc"] }.status, 40)
    }
}

extension WAT {
    /// A command that recurses `n` deep (n < 0: forever) and exits 0.
    static func recursionCommand(_ n: Int) -> String {
        """
        (module
          (memory (export "memory") 1)
          (func $depth (param $n i32) (result i32)
            (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
              (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get $n) (i32.const 1)))))))
          (func (export "_start") (drop (call $depth (i32.const \(n))))))
        """
    }
}
