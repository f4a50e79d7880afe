// Deterministic freeing: 10,000 instantiations, each with its own store, WASI
// context, linker and host function, calls that return GC references and
// traps, must leave the process's resident memory where it was, and every
// host-function box must be released by Wasmtime's finalizer when its linker goes.

import XCTest
@testable import MochiWasmtime

final class LeakTests: XCTestCase {
    final class Counted {
        nonisolated(unsafe) static var live = 0
        init() { Counted.live += 1 }
        deinit { Counted.live -= 1 }
    }

    static let module = """
    (module
      (import "env" "twice" (func $twice (param i32) (result i32)))
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (type $box (struct (field i64)))
      (memory (export "memory") 1)
      (func (export "work") (param i32) (result i32) (call $twice (local.get 0)))
      (func (export "make") (result (ref $box)) (struct.new $box (i64.const 1)))
      (func (export "boom") (result i32) (i32.div_u (i32.const 1) (i32.const 0))))
    """

    func testTenThousandInstantiationsLeakNothing() throws {
        let engine = try Fixtures.engine()
        let module = try Module(compiling: try Fixtures.wasm(LeakTests.module), engine: engine)

        func once() throws {
            let store = try Store(engine: engine)
            try store.configureWASI(WASIOptions(arguments: ["leak", "test"], inheritStdio: false))
            let linker = try Linker(engine: engine)
            try linker.defineWASI()
            let counted = Counted()
            try linker.defineFunction(module: "env", name: "twice", parameters: [.i32], results: [.i32]) { _, args in
                _ = counted
                guard case .i32(let n) = args[0] else { return [] }
                return [.i32(n * 2)]
            }
            let inst = try linker.instantiate(module, in: store)
            guard try inst.function("work")?.call([.i32(21)]) == [.i32(42)] else { throw TestFailure("wrong result") }
            _ = try inst.function("make")?.call()
            do { _ = try inst.function("boom")?.call(); throw TestFailure("no trap") } catch WasmtimeError.trap {}
            try inst.memory("memory")?.write([1, 2, 3], at: 0)
        }

        for _ in 0..<500 { try once() } // warm-up: allocator pools, lazily made Wasmtime state
        XCTAssertEqual(Counted.live, 0, "every host function box is released with its linker")
        let before = residentBytes()
        for _ in 0..<10_000 { try once() }
        let after = residentBytes()
        XCTAssertEqual(Counted.live, 0)
        let growth = after - before
        print("leak check: RSS \(before >> 10) KiB before, \(after >> 10) KiB after 10,000 instantiations "
              + "(\(growth / 10_000) bytes per instantiation)")
        // A leak of even one small object per instantiation (a store, a WASI
        // context, a root) would add megabytes over 10,000.
        XCTAssertLessThan(growth, 2 << 20, "RSS grew \(growth) bytes over 10,000 instantiations")
    }
}
