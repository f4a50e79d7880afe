// Stencil libraries as mochi-stencilgen builds them: every IR op has its
// stencils on both targets, holes use only handled relocation kinds, AArch64
// holes sit on the instructions their kinds patch, the binary form round-trips
// and rejects malformed bytes with an offset, generation is reproducible, and an
// unhandled relocation is an error naming it and the stencil.

import MochiSupport
import Foundation
import XCTest
@testable import MochiStencil
import MochiIR
import MochiJIT
import MochiDump

final class LibraryTests: XCTestCase {
    func testEveryOpcodeHasItsStencilsOnBothTargets() throws {
        for t in StencilTarget.allCases {
            let lib = try Fixtures.library(t)
            let names = Set(lib.stencils.map(\.name))
            for op in Opcode.allCases {
                let want = stencilNames(for: op)
                XCTAssertFalse(want.isEmpty, "\(op.info.name) maps to no stencil")
                for n in want { XCTAssertTrue(names.contains(n), "\(t.rawValue): op \(op.info.name) has no stencil '\(n)'") }
            }
            for n in controlStencilNames + registerVariantNames() {
                XCTAssertTrue(names.contains(n), "\(t.rawValue): no stencil '\(n)'")
            }
        }
    }

    func testX86HolesAndElision() throws {
        let lib = try Fixtures.library(.x86_64Linux)
        let allowed: Set<RelocationKind> = [.x86_64_64, .x86_64_PC32, .x86_64_PLT32, .x86_64_32, .x86_64_32S]
        var elided = 0
        for s in lib.stencils {
            for h in s.holes { XCTAssertTrue(allowed.contains(h.kind), "\(s.name): \(h.kind.name)") }
            if s.elidedBytes > 0 { elided += 1 }
            // Nothing ends in a jump to the continuation any more.
            if let last = s.holes.last, last.value == .continuation {
                XCTAssertNotEqual(last.offset, s.code.count - 4, "\(s.name) still ends in its continuation jump")
            }
        }
        XCTAssertGreaterThan(elided, lib.stencils.count / 2)
        // iadd: operands as 32-bit immediates, overflow leaves through the error exit
        // (a conditional jump), whose stub calls the runtime.
        let iadd = try XCTUnwrap(lib.stencil(named: "iadd_mmm"))
        XCTAssertEqual(iadd.holes.filter { $0.value == .operand(.A) }.map(\.kind), [.x86_64_32S])
        XCTAssertEqual(iadd.holes.filter { $0.value == .errorExit(0) }.map(\.kind), [.x86_64_PLT32])
        XCTAssertGreaterThan(iadd.elidedBytes, 0)
        let stub = try XCTUnwrap(lib.stencil(named: "err_overflow"))
        XCTAssertTrue(stub.holes.contains { if case .symbol(let i) = $0.value { return lib.symbols[i] == "mochi_err_overflow" }; return false })
        // Register homes: x0 = x1 + x2 touches no frame slot.
        let inRegs = try XCTUnwrap(lib.stencil(named: "iadd_012"))
        XCTAssertFalse(inRegs.holes.contains { if case .operand = $0.value { return true }; return false })
        let const_ = try XCTUnwrap(lib.stencil(named: "const_m"))
        XCTAssertEqual(const_.holes.first { $0.value == .operand(.IMM) }?.kind, .x86_64_64)
    }

    func testAArch64HolesDecode() throws {
        let lib = try Fixtures.library(.aarch64Linux)
        var count = 0
        for s in lib.stencils {
            for h in s.holes {
                XCTAssertGreaterThanOrEqual(h.kind.rawValue, 32, "\(s.name): \(h.kind.name) is not an AArch64 kind")
                XCTAssertNotNil(instructionField(h.kind, in: s.code, at: h.offset),
                                "\(s.name)+\(h.offset): \(h.kind.name) is not on a matching instruction")
                count += 1
            }
        }
        XCTAssertGreaterThan(count, 1000)
        // Patching MOVW groups and a branch, then reading the fields back: a small
        // operand (_JIT_A) is two groups (stencil.h), a 64-bit one (_JIT_IMM) four.
        for (name, operand, value, want) in [("iadd_mmm", Operand.A, UInt64(0x1234_5678), Set<Int64>([0x5678, 0x1234])),
                                             ("const_m", Operand.IMM, 0x1234_5678_9abc_def0, [0xdef0, 0x9abc, 0x5678, 0x1234])] {
            let st = try XCTUnwrap(lib.stencil(named: name))
            var code = st.code
            try code.withUnsafeMutableBytes { p in
                for h in st.holes where h.value == .operand(operand) {
                    try patch(h.kind, at: p.baseAddress! + h.offset, address: 0x10000 + UInt64(h.offset), value: value)
                }
            }
            let parts = st.holes.filter { $0.value == .operand(operand) }.map { instructionField($0.kind, in: code, at: $0.offset)! }
            XCTAssertEqual(Set(parts), want, name)
        }
        var b: [UInt8] = [0, 0, 0, 0x14] // b .
        try b.withUnsafeMutableBytes { try patch(.aarch64_JUMP26, at: $0.baseAddress!, address: 0x1000, value: 0x1000 - 64) }
        XCTAssertEqual(instructionField(.aarch64_JUMP26, in: b, at: 0), -64)
    }

    func testPatchRangeChecks() throws {
        var b = [UInt8](repeating: 0, count: 8)
        try b.withUnsafeMutableBytes { p in
            XCTAssertThrowsError(try patch(.x86_64_32, at: p.baseAddress!, address: 0, value: 1 << 32))
            XCTAssertThrowsError(try patch(.x86_64_32S, at: p.baseAddress!, address: 0, value: 1 << 31))
            XCTAssertThrowsError(try patch(.x86_64_PC32, at: p.baseAddress!, address: 0, value: 1 << 40))
            try patch(.x86_64_PLT32, at: p.baseAddress!, address: 0x1000, value: 0x0ff0)
        }
        XCTAssertEqual(Array(b[0..<4]), [0xf0, 0xff, 0xff, 0xff])
    }

    func testRoundTripAndReproducible() throws {
        for t in StencilTarget.allCases {
            let lib = try Fixtures.library(t)
            let bytes = lib.encoded()
            XCTAssertEqual(try StencilLibrary(bytes: bytes), lib)
            XCTAssertTrue(StencilLibrary.isLibrary(bytes))
            let again = try generateStencilLibrary(target: t, root: Fixtures.root, clang: Fixtures.clang!)
            XCTAssertEqual(again.encoded(), bytes, "\(t.rawValue) generation is not reproducible")
            XCTAssertEqual(lib.digest, try stencilInputDigest(target: t, root: Fixtures.root, compiler: lib.compiler))
        }
        XCTAssertNotEqual(try Fixtures.library(.x86_64Linux).digest, try Fixtures.library(.aarch64Linux).digest)
    }

    func testMalformedLibrariesAreErrors() throws {
        let bytes = try Fixtures.library(.x86_64Linux).encoded()
        var rng = SplitMix(seed: 42)
        var failures = 0
        for i in 0..<2000 {
            var b = bytes
            if i % 2 == 0 {
                b = Array(b[0..<Int(rng.next() % UInt64(b.count))])
            } else {
                for _ in 0..<3 { b[Int(rng.next() % UInt64(min(b.count, 4096)))] = UInt8(truncatingIfNeeded: rng.next()) }
            }
            do { _ = try StencilLibrary(bytes: b) } catch is StencilError { failures += 1 }
        }
        XCTAssertGreaterThan(failures, 1000)
        var foreign = bytes
        foreign[4] = 9
        XCTAssertThrowsError(try StencilLibrary(bytes: foreign)) { XCTAssertTrue("\($0)".contains("version 9")) }
    }

    /// The operand byte and symbol index of a hole whose value has none must be zero
    /// (found by the stencil-library fuzz target: they were ignored, so two encodings
    /// read as one library).
    func testUnusedHoleFieldsMustBeZero() throws {
        let lib = StencilLibrary(target: .x86_64Linux, digest: Array(repeating: 0, count: 32), compiler: "c",
                                 symbols: ["f"], stencils: [Stencil(name: "s", code: Array(repeating: 0x90, count: 8),
                                                                    holes: [Hole(offset: 0, kind: .x86_64_64,
                                                                                 value: .continuation, addend: 0)])])
        let good = lib.encoded()
        XCTAssertEqual(try StencilLibrary(bytes: good).encoded(), good)
        // The hole record ends the library: u32 offset, u8 kind, u8 tag, u8 operand, u32 symbol, i64 addend.
        for at in [good.count - 13, good.count - 12] {
            var bad = good
            bad[at] = 1
            XCTAssertThrowsError(try StencilLibrary(bytes: bad)) { XCTAssertTrue("\($0)".contains("unused hole field"), "\($0)") }
            let lazy = try LazyStencilLibrary(bytes: bad)
            XCTAssertThrowsError(try lazy.stencil(0))
        }
    }

    /// A name that is not UTF-8 (found by the stencil-library fuzz target: a byte of
    /// a runtime symbol's name replaced) is an error in both readers, not decoded
    /// lossily into a library that re-encodes to other bytes.
    func testNamesMustBeUTF8() throws {
        var bytes = try Fixtures.library(.x86_64Linux).encoded()
        let name = Array("mochi_err_overflow".utf8)
        guard let at = (0..<(bytes.count - name.count)).first(where: { Array(bytes[$0..<($0 + name.count)]) == name }) else {
            return XCTFail("no symbol mochi_err_overflow in the library")
        }
        bytes[at + 13] = 0x86
        XCTAssertThrowsError(try StencilLibrary(bytes: bytes)) { XCTAssertTrue("\($0)".contains("not UTF-8"), "\($0)") }
        XCTAssertThrowsError(try LazyStencilLibrary(bytes: bytes)) { XCTAssertTrue("\($0)".contains("not UTF-8"), "\($0)") }
    }

    /// The lazy reader the JIT uses: hostile bytes anywhere (not only in the
    /// header) are an error when the library is opened or when a stencil is
    /// first decoded, never a trap; names always find a stencil of that name.
    func testLazyReaderFromAFileMatchesTheEagerOne() throws {
        // Opened from a file, the library keeps no copy of its bytes: every stencil
        // and name is read again from the file, and must be what the eager reader
        // decodes; a missing file is nil, a truncated one an error.
        let bytes = try Fixtures.library(.x86_64Linux).encoded()
        let eager = try StencilLibrary(bytes: bytes)
        let path = "/tmp/mochi-lazy-\(getpid()).stencils"
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, bytes.count)
        close(fd)
        guard let lib = try LazyStencilLibrary(path: path) else { return XCTFail("cannot open \(path)") }
        XCTAssertEqual(lib.count, eager.stencils.count)
        XCTAssertEqual(lib.symbols, eager.symbols)
        for i in 0..<eager.stencils.count {
            XCTAssertEqual(lib.name(i), eager.stencils[i].name)
            XCTAssertEqual(lib.index(of: eager.stencils[i].name), i)
        }
        for i in stride(from: 0, to: eager.stencils.count, by: 7) { XCTAssertEqual(try lib.stencil(i), eager.stencils[i]) }
        XCTAssertNil(lib.index(of: "no_such_stencil"))
        XCTAssertNil(try LazyStencilLibrary(path: path + ".missing"))
        let cut = open(path, O_WRONLY | O_TRUNC)
        _ = bytes.withUnsafeBytes { write(cut, $0.baseAddress, $0.count - 100) }
        close(cut)
        XCTAssertThrowsError(try LazyStencilLibrary(path: path))
    }

    func testLazyReaderOnMalformedLibraries() throws {
        let bytes = try Fixtures.library(.x86_64Linux).encoded()
        let clean = try LazyStencilLibrary(bytes: bytes)
        let eager = try StencilLibrary(bytes: bytes)
        XCTAssertEqual(clean.count, eager.stencils.count)
        for i in stride(from: 0, to: eager.stencils.count, by: 97) {
            XCTAssertEqual(try clean.stencil(i), eager.stencils[i])
            XCTAssertEqual(clean.index(of: eager.stencils[i].name), i)
        }
        XCTAssertNil(clean.index(of: "no_such_stencil"))
        var rng = SplitMix(seed: 7)
        var opened = 0, refused = 0
        for i in 0..<300 {
            var b = bytes
            if i % 3 == 0 {
                b = Array(b[0..<Int(rng.next() % UInt64(b.count))])
            } else {
                for _ in 0..<4 { b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            }
            guard let lib = try? LazyStencilLibrary(bytes: b) else { refused += 1; continue }
            opened += 1
            for _ in 0..<60 {
                let k = Int(rng.next() % UInt64(lib.count))
                let name = lib.name(k)
                // A name whose bytes are not UTF-8 reads back with U+FFFD and
                // finds nothing; any other finds a stencil of that name.
                if !name.contains("\u{FFFD}") {
                    if let j = lib.index(of: name) { XCTAssertEqual(lib.name(j), name) } else { XCTFail("\(name) not found") }
                }
                do { _ = try lib.stencil(k) } catch is StencilError {}
            }
        }
        XCTAssertGreaterThan(refused, 50)
        XCTAssertGreaterThan(opened, 50)
    }

    func testLoadedStencilsRefuseForeignTargets() throws {
        let a64 = try Fixtures.library(.aarch64Linux)
        XCTAssertThrowsError(try LoadedStencils(a64)) { XCTAssertTrue("\($0)".contains("aarch64-linux")) }
        var lib = try Fixtures.library(.x86_64Linux)
        lib.stencils.removeAll { $0.name == "str_concat" }
        XCTAssertThrowsError(try LoadedStencils(lib)) { XCTAssertTrue("\($0)".contains("str_concat")) }
        lib = try Fixtures.library(.x86_64Linux)
        lib.symbols[0] = "no_such_runtime_function"
        XCTAssertThrowsError(try LoadedStencils(lib)) { XCTAssertTrue("\($0)".contains("no_such_runtime_function")) }
    }

    /// A stencil compiled with -fpic takes GOT relocations the patcher does not
    /// handle: the error names the relocation and the stencil.
    func testUnhandledRelocationIsNamed() throws {
        guard let clang = Fixtures.clang else { throw XCTSkip("no clang") }
        let dir = NSTemporaryDirectory() + "/mochi-bad-stencil-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "extern char _JIT_A[]; extern long glob;\nlong mochi_st_bad(void) { return glob + (long)_JIT_A; }\n"
            .write(toFile: dir + "/bad.c", atomically: true, encoding: .utf8)
        let (status, _, err) = try runProcess(clang, ["-O2", "-fpic", "-c", "bad.c", "-o", "bad.o"], cwd: dir)
        XCTAssertEqual(status, 0, err)
        let elf = try ELFFile(bytes: [UInt8](FileManager.default.contents(atPath: dir + "/bad.o")!))
        var syms = SymbolTable()
        XCTAssertThrowsError(try extractStencils(from: elf, target: .x86_64Linux, symbols: &syms)) { e in
            XCTAssertTrue("\(e)".contains("stencil bad: unhandled relocation R_X86_64_REX_GOTPCRELX"), "\(e)")
        }
    }

    func testSHA256Vectors() {
        XCTAssertEqual(hex(SHA256.hash([])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex(SHA256.hash(Array("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var s = SHA256()
        for _ in 0..<1000 { s.update(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
        XCTAssertEqual(hex(s.finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testDisassemblyListingShowsHoles() throws {
        let lib = try Fixtures.library(.x86_64Linux)
        let iadd = try XCTUnwrap(lib.stencil(named: "iadd_mmm"))
        let text = disassemblyListing(iadd.code, target: .x86_64Linux, holes: iadd.holes, symbols: lib.symbols)
        XCTAssertTrue(text.contains("R_X86_64_32S _JIT_B"), text)
        if findObjdump() != nil { XCTAssertTrue(text.contains("addq"), text) }
    }

    func testObjdumpRecognisesLibraries() throws {
        let bytes = try Fixtures.library(.x86_64Linux).encoded()
        XCTAssertEqual(detectFormat(bytes), .stencilLibrary)
        let text = try dump(bytes: bytes)
        XCTAssertTrue(text.hasPrefix("format: Mochi stencil library v\(StencilLibrary.version)"), text)
        XCTAssertTrue(text.contains("\nstencil iadd_mmm: "), text)
        XCTAssertTrue(text.contains("R_X86_64_PLT32 mochi_err_overflow"), text)
        XCTAssertThrowsError(try dump(bytes: Array(bytes.prefix(40))))
    }
}
