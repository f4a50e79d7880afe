// The hand-declared C layouts (CAPI.swift) against the C headers' layouts, and
// against the loaded library itself: each struct the library writes is given
// canary bytes past its declared end, which must survive the call, and fields
// whose values are known (kinds, store ids shared by an instance and its exports,
// numbers at the 32-byte stride of `wasmtime_val_t`) must read back right. A
// library whose structs grew or moved would fail here, not corrupt memory later.

import XCTest
@testable import MochiWasmtime

final class LayoutTests: XCTestCase {
    func testDeclaredLayoutsMatchTheHeaders() {
        XCTAssertEqual(MemoryLayout<CByteVec>.size, 16)
        XCTAssertEqual(MemoryLayout<CPointerVec>.size, 16)
        XCTAssertEqual(MemoryLayout<CFunc>.size, 16)
        XCTAssertEqual(MemoryLayout<CInstance>.size, 16)
        XCTAssertEqual(MemoryLayout<CMemory>.size, 24)
        XCTAssertEqual(MemoryLayout<CExtern>.size, 32)
        XCTAssertEqual(MemoryLayout<CExtern>.offset(of: \.of), 8)
        XCTAssertEqual(MemoryLayout<CVal>.size, 32)
        XCTAssertEqual(MemoryLayout<CVal>.stride, 32)
        XCTAssertEqual(MemoryLayout<CVal>.alignment, 8)
        XCTAssertEqual(MemoryLayout<CVal>.offset(of: \.of), 8)
        XCTAssertEqual(MemoryLayout<CValType>.size, 32)
    }

    static let canary: UInt8 = 0xa5

    /// Runs `body` on a buffer of `size` bytes followed by 32 canary bytes and
    /// checks the canaries; returns the first `size` bytes.
    func guarded(_ size: Int, _ body: (UnsafeMutableRawPointer) throws -> Void) rethrows -> [UInt8] {
        let buf = UnsafeMutableRawPointer.allocate(byteCount: size + 32, alignment: 16)
        defer { buf.deallocate() }
        buf.initializeMemory(as: UInt8.self, repeating: LayoutTests.canary, count: size + 32)
        try body(buf)
        let all = Array(UnsafeRawBufferPointer(start: buf, count: size + 32))
        XCTAssertEqual(Array(all[size...]), [UInt8](repeating: LayoutTests.canary, count: 32),
                       "the library wrote past the \(size) bytes declared")
        return Array(all[..<size])
    }

    func u64(_ b: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) }
    }

    func testInstanceAndExternAgainstTheLibrary() throws {
        let engine = try Fixtures.engine()
        let api = engine.api
        let module = try Module(compiling: try Fixtures.wasm(WAT.arith), engine: engine)
        let store = try Store(engine: engine)
        let linker = try Linker(engine: engine)
        var trap: OpaquePointer?
        let inst = try guarded(16) { p in
            XCTAssertNil(api.wasmtime_linker_instantiate(linker.raw, store.context, module.raw, p, &trap))
        }
        XCTAssertNil(trap)
        let storeID = u64(inst, 0)
        XCTAssertNotEqual(storeID, 0)
        var instance = CInstance(storeID: storeID, opaque: u64(inst, 8))
        // Export 0 is the memory: kind 3, then the same store id at offset 8.
        let ext = try guarded(32) { p in
            var name: UnsafeMutablePointer<CChar>?
            var len = 0
            XCTAssertTrue(api.wasmtime_instance_export_nth(store.context, &instance, 0, &name, &len, p))
            XCTAssertEqual(name.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: len), as: UTF8.self) }, "memory")
        }
        XCTAssertEqual(ext[0], CExternKind.memory)
        XCTAssertEqual(u64(ext, 8), storeID)
        // Export 1 is a function: kind 0, same store id.
        let fn = try guarded(32) { p in
            XCTAssertTrue("add".withCString { api.wasmtime_instance_export_get(store.context, &instance, $0, 3, p) })
        }
        XCTAssertEqual(fn[0], CExternKind.function)
        XCTAssertEqual(u64(fn, 8), storeID)
        // The memory handle as declared (24 bytes) works with the memory functions.
        var mem = CMemory(storeID: u64(ext, 8), opaque1: u64(ext, 16), opaque2: u64(ext, 24))
        XCTAssertEqual(api.wasmtime_memory_data_size(store.context, &mem), 65536)
        XCTAssertEqual(api.wasmtime_memory_size(store.context, &mem), 1)
    }

    func testValuesAtTheirStride() throws {
        let engine = try Fixtures.engine()
        let api = engine.api
        let inst = try Fixtures.instantiate(WAT.arith, engine: engine)
        let pair = try XCTUnwrap(inst.function("pair"))
        var f = pair.raw
        var trap: OpaquePointer?
        let results = try guarded(64) { p in
            XCTAssertNil(api.wasmtime_func_call(inst.store.context, &f, nil, 0, p, 2, &trap))
        }
        XCTAssertNil(trap)
        XCTAssertEqual(results[0], CValKind.i32)
        XCTAssertEqual(UInt32(truncatingIfNeeded: u64(results, 8)), UInt32(bitPattern: -7))
        XCTAssertEqual(results[32], CValKind.i64)
        XCTAssertEqual(u64(results, 40), 1 << 40)
    }

    func testByteVecAndFrameVec() throws {
        let engine = try Fixtures.engine()
        let api = engine.api
        let module = try Module(compiling: try Fixtures.wasm(WAT.arith), engine: engine)
        var size = 0
        let vec = try guarded(16) { p in
            XCTAssertNil(api.wasmtime_module_serialize(module.raw, p))
            let v = p.load(as: CByteVec.self)
            size = v.size
            XCTAssertEqual(v.data.map { Array(UnsafeBufferPointer(start: $0, count: 4)) }, [0x7f, 0x45, 0x4c, 0x46])
            var copy = v
            api.wasm_byte_vec_delete(&copy)
        }
        XCTAssertGreaterThan(size, 1000)
        XCTAssertEqual(u64(vec, 0), UInt64(size))

        let inst = try Fixtures.instantiate(WAT.arith, engine: engine)
        var f = try XCTUnwrap(inst.function("div_outer")).raw
        var arg = Value.i32(0).cValue!
        var result = CVal()
        var trap: OpaquePointer?
        XCTAssertNil(api.wasmtime_func_call(inst.store.context, &f, &arg, 1, &result, 1, &trap))
        let t = try XCTUnwrap(trap)
        defer { api.wasm_trap_delete(t) }
        let frames = try guarded(16) { p in api.wasm_trap_trace(t, p) }
        XCTAssertEqual(u64(frames, 0), 2, "two frames: divide_by and calls_divide")
        var v = CPointerVec(size: Int(u64(frames, 0)), data: UnsafeMutablePointer(bitPattern: UInt(u64(frames, 8))))
        XCTAssertEqual(api.frames(&v).map(\.functionName), ["divide_by", "calls_divide"])
    }

    func testValTypeOfAGCReference() throws {
        // `make` returns (ref $box): kind 5 (ref), heap type 12 (concrete struct) at offset 16.
        let inst = try Fixtures.instantiate(WAT.gc)
        let make = try XCTUnwrap(inst.function("make"))
        XCTAssertEqual(make.results, [.reference(heapType: 12)])
        XCTAssertEqual(try XCTUnwrap(inst.function("sum")).parameters, [.i32])
        XCTAssertEqual(try XCTUnwrap(inst.function("sum")).results, [.i64])
    }
}
