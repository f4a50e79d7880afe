// Calls with typed values, exports, memory access, host functions and traps.

import XCTest
@testable import MochiWasmtime

final class CallTests: XCTestCase {
    func testTypedCalls() throws {
        let inst = try Fixtures.instantiate(WAT.arith)
        XCTAssertEqual(try inst.function("add")?.call([.i32(40), .i32(2)]), [.i32(42)])
        XCTAssertEqual(try inst.function("add")?.call([.i32(Int32.max), .i32(1)]), [.i32(Int32.min)])
        XCTAssertEqual(try inst.function("add64")?.call([.i64(1 << 40), .i64(-1)]), [.i64((1 << 40) - 1)])
        XCTAssertEqual(try inst.function("mulf")?.call([.f32(1.5), .f64(-4.25)]), [.f64(-6.375)])
        XCTAssertEqual(try inst.function("pair")?.call(), [.i32(-7), .i64(1 << 40)])
    }

    func testV128() throws {
        let text = """
        (module (func (export "swap") (param v128) (result v128)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0))))
        """
        let swap = try XCTUnwrap(try Fixtures.instantiate(text).function("swap"))
        XCTAssertEqual(swap.parameters, [.v128])
        XCTAssertEqual(try swap.call([.v128(low: 0x0102_0304_0506_0708, high: 0x1112_1314_1516_1718)]),
                       [.v128(low: 0x1112_1314_1516_1718, high: 0x0102_0304_0506_0708)])
    }

    func testFunctionTypes() throws {
        let inst = try Fixtures.instantiate(WAT.arith)
        let mulf = try XCTUnwrap(inst.function("mulf"))
        XCTAssertEqual(mulf.parameters, [.f32, .f64])
        XCTAssertEqual(mulf.results, [.f64])
        XCTAssertEqual(inst.function("pair")?.results, [.i32, .i64])
    }

    func testWrongArgumentsAreUsageErrors() throws {
        let add = try XCTUnwrap(try Fixtures.instantiate(WAT.arith).function("add"))
        XCTAssertThrowsError(try add.call([.i32(1)])) { e in
            XCTAssertEqual(e as? WasmtimeError, .usage("the function takes 2 arguments, 1 given"))
        }
        XCTAssertThrowsError(try add.call([.i32(1), .i64(2)])) { e in
            XCTAssertEqual(e as? WasmtimeError, .usage("argument 2 is i64, the parameter is i32"))
        }
    }

    func testExportLookup() throws {
        let inst = try Fixtures.instantiate(WAT.arith)
        XCTAssertNil(inst.function("nope"))
        XCTAssertNil(inst.function("memory"), "a memory is not a function")
        XCTAssertNil(inst.memory("add"), "a function is not a memory")
        XCTAssertNotNil(inst.memory("memory"))
        let names = inst.exports.map(\.name)
        XCTAssertEqual(names, ["memory", "add", "add64", "mulf", "pair", "div", "div_outer", "load", "store", "grow"])
        XCTAssertEqual(inst.exports.first?.kind, .memory)
        XCTAssertEqual(inst.exports.last?.kind, .function)
    }

    func testMemoryAccess() throws {
        let inst = try Fixtures.instantiate(WAT.arith)
        let mem = try XCTUnwrap(inst.memory("memory"))
        XCTAssertEqual(mem.byteCount, 65536)
        XCTAssertEqual(mem.pageCount, 1)
        try mem.write([1, 2, 250], at: 100)
        XCTAssertEqual(try inst.function("load")?.call([.i32(102)]), [.i32(250)])
        try inst.function("store")?.call([.i32(65535), .i32(77)])
        XCTAssertEqual(try mem.read(at: 65534, count: 2), [0, 77])
        XCTAssertThrowsError(try mem.read(at: 65535, count: 2))
        XCTAssertThrowsError(try mem.write([1], at: 65536))
        XCTAssertThrowsError(try mem.read(at: -1, count: 1))
        XCTAssertEqual(try mem.grow(pages: 2), 1)
        XCTAssertEqual(mem.byteCount, 3 * 65536)
        XCTAssertEqual(try inst.function("grow")?.call([.i32(1)]), [.i32(3)])
        XCTAssertEqual(mem.pageCount, 4)
        try mem.write([9], at: 4 * 65536 - 1)
        XCTAssertEqual(try inst.function("load")?.call([.i32(4 * 65536 - 1)]), [.i32(9)])
    }

    func testTrapCarriesCodeMessageAndFunctionName() throws {
        let inst = try Fixtures.instantiate(WAT.arith)
        XCTAssertThrowsError(try inst.function("div_outer")?.call([.i32(0)])) { e in
            guard case WasmtimeError.trap(let t)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertEqual(t.code, .integerDivisionByZero)
            XCTAssertTrue(t.message.contains("integer divide by zero"), t.message)
            XCTAssertEqual(t.frames.map(\.functionName), ["divide_by", "calls_divide"])
            XCTAssertEqual(t.function?.functionIndex, 4)
            XCTAssertTrue(t.description.hasSuffix("(in function 'divide_by')"), t.description)
        }
        // The instance stays usable after a trap.
        XCTAssertEqual(try inst.function("div")?.call([.i32(9), .i32(3)]), [.i32(3)])
    }

    func testOutOfBoundsLoadTraps() throws {
        let inst = try Fixtures.instantiate(WAT.arith)
        XCTAssertThrowsError(try inst.function("load")?.call([.i32(-1)])) { e in
            guard case WasmtimeError.trap(let t)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertEqual(t.code, .memoryOutOfBounds)
        }
    }

    func testHostFunction() throws {
        let text = """
        (module
          (import "env" "scale" (func $scale (param i32 f64) (result f64)))
          (import "env" "poke" (func $poke (param i32)))
          (memory (export "memory") 1)
          (func (export "run") (param i32) (result f64)
            (call $poke (local.get 0))
            (call $scale (local.get 0) (f64.const 0.5))))
        """
        var seen: [[Value]] = []
        let inst = try Fixtures.instantiate(text) { linker in
            try linker.defineFunction(module: "env", name: "scale", parameters: [.i32, .f64], results: [.f64]) { _, args in
                seen.append(args)
                guard case .i32(let n) = args[0], case .f64(let f) = args[1] else { return [] }
                return [.f64(Double(n) * f)]
            }
            try linker.defineFunction(module: "env", name: "poke", parameters: [.i32], results: []) { caller, args in
                guard case .i32(let at) = args[0] else { return [] }
                try caller.withMemory { mem in mem[Int(at)] = 0x5a }
                return []
            }
        }
        XCTAssertEqual(try inst.function("run")?.call([.i32(7)]), [.f64(3.5)])
        XCTAssertEqual(seen, [[.i32(7), .f64(0.5)]])
        XCTAssertEqual(try inst.memory("memory")?.read(at: 7, count: 1), [0x5a])
    }

    struct HostFailure: Error, Equatable { var code: Int }

    func testHostErrorTravelsBackAsItself() throws {
        let text = """
        (module
          (import "env" "check" (func $check (param i32) (result i32)))
          (func (export "run") (param i32) (result i32) (i32.add (call $check (local.get 0)) (i32.const 1))))
        """
        let inst = try Fixtures.instantiate(text) { linker in
            try linker.defineFunction(module: "env", name: "check", parameters: [.i32], results: [.i32]) { _, args in
                guard case .i32(let n) = args[0], n >= 0 else { throw HostFailure(code: 17) }
                return [.i32(n * 2)]
            }
        }
        let run = try XCTUnwrap(inst.function("run"))
        XCTAssertEqual(try run.call([.i32(20)]), [.i32(41)])
        XCTAssertThrowsError(try run.call([.i32(-1)])) { e in XCTAssertEqual(e as? HostFailure, HostFailure(code: 17)) }
        XCTAssertEqual(try run.call([.i32(1)]), [.i32(3)], "a failed call leaves no error behind")
    }

    func testHostFunctionWrongResultTraps() throws {
        let text = """
        (module
          (import "env" "f" (func $f (result i32)))
          (func (export "run") (result i32) (call $f)))
        """
        let inst = try Fixtures.instantiate(text) { linker in
            try linker.defineFunction(module: "env", name: "f", parameters: [], results: [.i32]) { _, _ in [.i64(1)] }
        }
        XCTAssertThrowsError(try inst.function("run")?.call()) { e in
            XCTAssertEqual(e as? WasmtimeError, .usage("host function 'env.f' result 1 is i64, its type says i32"))
        }
    }

    func testDuplicateHostDefinitionIsAnError() throws {
        let linker = try Linker(engine: try Fixtures.engine())
        try linker.defineFunction(module: "env", name: "f", parameters: [], results: []) { _, _ in [] }
        XCTAssertThrowsError(try linker.defineFunction(module: "env", name: "f", parameters: [], results: []) { _, _ in [] }) { e in
            guard case WasmtimeError.wasmtime(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("defined twice") || m.contains("already defined"), m)
        }
    }

    func testMissingImportIsAnError() throws {
        let text = "(module (import \"env\" \"absent\" (func)))"
        XCTAssertThrowsError(try Fixtures.instantiate(text)) { e in
            guard case WasmtimeError.wasmtime(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("env::absent"), m)
        }
    }

    func testStartFunctionTrapDuringInstantiation() throws {
        let text = "(module (func $boom unreachable) (start $boom))"
        XCTAssertThrowsError(try Fixtures.instantiate(text)) { e in
            guard case WasmtimeError.trap(let t)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertEqual(t.code, .unreachableCodeReached)
            XCTAssertEqual(t.function?.functionName, "boom")
        }
    }

    func testGCModule() throws {
        let inst = try Fixtures.instantiate(WAT.gc)
        XCTAssertEqual(try inst.function("sum")?.call([.i32(1000)]), [.i64(499_500)])
        XCTAssertEqual(try inst.function("make")?.call(), [.reference(isNull: false)])
        XCTAssertThrowsError(try inst.function("bad_cast")?.call()) { e in
            guard case WasmtimeError.trap(let t)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertEqual(t.code, .castFailure)
            XCTAssertEqual(t.function?.functionName, "bad_cast")
        }
        try inst.store.collectGarbage()
        XCTAssertEqual(try inst.function("sum")?.call([.i32(10)]), [.i64(45)])
    }

    func testTailCallModule() throws {
        let text = """
        (module
          (func $count (export "count") (param $n i64) (param $acc i64) (result i64)
            (if (result i64) (i64.eqz (local.get $n)) (then (local.get $acc))
              (else (return_call $count (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (i64.const 1)))))))
        """
        // Ten million tail calls: without tail calls this would overflow any stack.
        let inst = try Fixtures.instantiate(text)
        XCTAssertEqual(try inst.function("count")?.call([.i64(10_000_000), .i64(0)]), [.i64(10_000_000)])
    }
}
