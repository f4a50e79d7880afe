// The compiled-module cache: its key (SHA-256 of the library version, the
// engine settings and the module), hits and misses, replacement of damaged
// entries, atomic writes, private folders, and an unwritable cache.

import MochiSupport
import Foundation
import XCTest
@testable import MochiWasmtime

final class CacheTests: XCTestCase {
    func testSHA256Vectors() {
        func hex(_ s: String) -> String { var h = SHA256(); h.update(s); return SHA256.hex(h.finish()) }
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // A million 'a's, fed in uneven pieces: exercises the partial-block path.
        var h = SHA256()
        var left = 1_000_000, n = 1
        while left > 0 { let k = min(n, left); h.update([UInt8](repeating: 0x61, count: k)); left -= k; n = n * 7 % 997 + 1 }
        XCTAssertEqual(SHA256.hex(h.finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func cache() throws -> (ModuleCache, String) {
        let root = Fixtures.scratchDirectory() + "/cache"
        return (ModuleCache(root: root, library: try Fixtures.library()), root)
    }

    func testKeyDependsOnBytesAndCodeShapingSettingsOnly() throws {
        let (c, _) = try cache()
        let a = try Fixtures.wasm(WAT.arith), b = try Fixtures.wasm(WAT.hello)
        let e = try Fixtures.engine()
        XCTAssertEqual(c.key(for: a, engine: e), c.key(for: a, engine: try Fixtures.engine()))
        XCTAssertNotEqual(c.key(for: a, engine: e), c.key(for: b, engine: e))
        XCTAssertNotEqual(c.key(for: a, engine: e), c.key(for: a, engine: try Fixtures.engine(EngineSettings(consumeFuel: true))))
        XCTAssertNotEqual(c.key(for: a, engine: e), c.key(for: a, engine: try Fixtures.engine(EngineSettings(epochInterruption: true))))
        XCTAssertNotEqual(c.key(for: a, engine: e), c.key(for: a, engine: try Fixtures.engine(EngineSettings(strategy: .winch))))
        var deep = EngineSettings()
        deep.maxWasmStack = EngineSettings.deepRecursionStack
        XCTAssertEqual(c.key(for: a, engine: e), c.key(for: a, engine: try Fixtures.engine(deep)),
                       "the stack limit is not compiled in: the same entry serves both")
        XCTAssertEqual(c.key(for: a, engine: e).count, 64)
        XCTAssertTrue(c.directory.hasSuffix("/wasmtime/\(try Fixtures.library().version ?? "")"))
    }

    func testMissThenHit() throws {
        let (c, _) = try cache()
        let wasm = try Fixtures.wasm(WAT.gc)
        let engine = try Fixtures.engine()
        let (m1, o1) = try c.module(for: wasm, engine: engine)
        XCTAssertEqual(o1, .stored)
        let file = c.path(for: wasm, engine: engine)
        XCTAssertTrue(FileManager.default.fileExists(atPath: file))
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: file))), try m1.serialize())
        let (m2, o2) = try c.module(for: wasm, engine: engine)
        XCTAssertEqual(o2, .hit)
        let inst = try Linker(engine: engine).instantiate(m2, in: try Store(engine: engine))
        XCTAssertEqual(try inst.function("sum")?.call([.i32(5)]), [.i64(10)])
        // Nothing but the entry: no temporary file is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: c.directory), [(file as NSString).lastPathComponent])
    }

    func testFoldersArePrivate() throws {
        let (c, root) = try cache()
        _ = try c.module(for: try Fixtures.wasm(WAT.arith), engine: try Fixtures.engine())
        for dir in [root, root + "/wasmtime", c.directory] {
            let mode = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as? Int
            XCTAssertEqual(mode, 0o700, dir)
        }
    }

    func testDamagedEntryIsCompiledAgainAndReplaced() throws {
        let (c, _) = try cache()
        let wasm = try Fixtures.wasm(WAT.arith)
        let engine = try Fixtures.engine()
        _ = try c.module(for: wasm, engine: engine)
        let file = c.path(for: wasm, engine: engine)
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: file))
        let (m, o) = try c.module(for: wasm, engine: engine)
        XCTAssertEqual(o, .stored)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), good)
        let inst = try Linker(engine: engine).instantiate(m, in: try Store(engine: engine))
        XCTAssertEqual(try inst.function("add")?.call([.i32(1), .i32(2)]), [.i32(3)])
    }

    func testUnwritableCacheStillRuns() throws {
        // The root is a file, so no folder can be made under it.
        let root = Fixtures.scratchDirectory() + "/a-file"
        FileManager.default.createFile(atPath: root, contents: Data())
        let c = ModuleCache(root: root, library: try Fixtures.library())
        let (m, o) = try c.module(for: try Fixtures.wasm(WAT.arith), engine: try Fixtures.engine())
        guard case .notStored(let why) = o else { return XCTFail("\(o)") }
        XCTAssertTrue(why.hasPrefix("cannot create \(root)/wasmtime: "), why)
        XCTAssertEqual(m.exports.count, 10)
    }

    func testDefaultRoot() {
        XCTAssertEqual(ModuleCache.defaultRoot(environment: ["MOCHI_CACHE": "/c", "HOME": "/h"]), "/c")
        XCTAssertEqual(ModuleCache.defaultRoot(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]), "/x/mochi")
        XCTAssertEqual(ModuleCache.defaultRoot(environment: ["HOME": "/h"]), "/h/.cache/mochi")
        XCTAssertNil(ModuleCache.defaultRoot(environment: [:]))
    }
}
