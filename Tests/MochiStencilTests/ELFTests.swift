// The ELF64 reader: real stencil objects parse (sections, symbols, RELA), and
// malformed input (truncated, wrong magic/class, out-of-range offsets and indices,
// random byte flips) is an ELFError with a byte offset, never a trap.

import Foundation
import XCTest
@testable import MochiStencil

final class ELFTests: XCTestCase {
    /// A real relocatable object: int.c compiled for x86-64 with the stencil flags.
    static let object: [UInt8]? = compile("int.c")
    /// A small one (string.c: a few dozen stencils), for the fuzz test's thousands of parses.
    static let smallObject: [UInt8]? = compile("string.c")

    static func compile(_ source: String) -> [UInt8]? {
        guard let clang = Fixtures.clang else { return nil }
        let out = NSTemporaryDirectory() + "/mochi-elftest-\(getpid())-\(source).o"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let args = clangArguments(.x86_64Linux, root: Fixtures.root) + [StencilSources.stencilDir + "/" + source, "-o", out]
        guard let (status, _, _) = try? runProcess(clang, args, cwd: Fixtures.root), status == 0,
              let d = FileManager.default.contents(atPath: out) else { return nil }
        return [UInt8](d)
    }

    func object() throws -> [UInt8] {
        guard let o = Self.object else { throw XCTSkip("no clang") }
        return o
    }

    func testParsesAStencilObject() throws {
        let elf = try ELFFile(bytes: try object())
        XCTAssertEqual(elf.machine, ELF.machineX86_64)
        XCTAssertEqual(elf.fileType, 1)
        let iadd = try XCTUnwrap(elf.sections.first { $0.name == ".text.mochi_st_iadd_mmm" })
        XCTAssertTrue(iadd.isExecutable)
        let sym = try XCTUnwrap(elf.symbols.first { $0.name == "mochi_st_iadd_mmm" })
        XCTAssertEqual(Int(sym.sectionIndex), iadd.index)
        let rels = try elf.relocations(for: iadd.index)
        let names = Set(rels.map { elf.symbols[$0.symbol].name })
        XCTAssertTrue(names.isSuperset(of: ["_JIT_A", "_JIT_B", "_JIT_C", "_JIT_CONTINUE", "_JIT_ERROR"]), "\(names)")
    }

    func testMinimalWrappedObject() throws {
        let code: [UInt8] = [0x90, 0xc3]
        let elf = try ELFFile(bytes: wrapInELF(code, machine: ELF.machineAArch64))
        XCTAssertEqual(elf.machine, ELF.machineAArch64)
        XCTAssertEqual(elf.sections.map(\.name), ["", ".text", ".shstrtab"])
        XCTAssertEqual(Array(elf.data(of: elf.sections[1])), code)
        XCTAssertEqual(elf.symbols, [])
    }

    func testHeaderErrorsNameTheOffset() throws {
        let good = wrapInELF([0xc3], machine: ELF.machineX86_64)
        func error(_ b: [UInt8]) -> ELFError? {
            do { _ = try ELFFile(bytes: b); return nil } catch let e as ELFError { return e } catch { return nil }
        }
        XCTAssertEqual(error(Array(good[0..<10]))?.offset, 0)
        var bad = good; bad[1] = 0x46
        XCTAssertEqual(error(bad), ELFError("not an ELF file (bad magic)", at: 0))
        bad = good; bad[4] = 1
        XCTAssertEqual(error(bad)?.offset, 4)
        bad = good; bad[5] = 2
        XCTAssertEqual(error(bad)?.offset, 5)
        bad = good; bad[40] = 0xff; bad[41] = 0xff // section header offset past the end
        XCTAssertEqual(error(bad)?.offset, 40)
        bad = good; bad[58] = 32 // wrong section header size
        XCTAssertEqual(error(bad)?.offset, 58)
        bad = good; bad[62] = 9 // name table index out of range
        XCTAssertEqual(error(bad)?.offset, 62)
        // .text's size made to run past the end of the file.
        let shoff = Int(good[40]) | Int(good[41]) << 8
        bad = good; bad[shoff + 64 + 32 + 2] = 0x7f
        XCTAssertEqual(error(bad)?.offset, shoff + 64 + 24)
    }

    func testRelocationIndicesAreChecked() throws {
        var o = try object()
        let elf = try ELFFile(bytes: o)
        let rela = try XCTUnwrap(elf.sections.first { $0.type == ELF.sectionRela })
        // Symbol index of the first relocation -> huge.
        o[rela.offset + 12] = 0xff; o[rela.offset + 13] = 0xff; o[rela.offset + 14] = 0xff
        let bad = try ELFFile(bytes: o)
        XCTAssertThrowsError(try bad.relocations(for: rela.info)) { e in
            XCTAssertEqual((e as? ELFError)?.offset, rela.offset + 8)
        }
    }

    /// A relocation inside its section whose patched bytes run past the section's
    /// end (found by the elf fuzz target) is a StencilError from extraction, not a
    /// hole outside the stencil's code.
    func testRelocationPatchingPastTheCodeIsAnError() throws {
        var o = try object()
        let elf = try ELFFile(bytes: o)
        let rela = try XCTUnwrap(elf.sections.first {
            $0.type == ELF.sectionRela && Int($0.info) < elf.sections.count && elf.sections[Int($0.info)].isExecutable
        })
        let end = UInt64(elf.sections[Int(rela.info)].size - 1)
        for k in 0..<8 { o[rela.offset + k] = UInt8(truncatingIfNeeded: end >> (8 * UInt64(k))) }
        let bad = try ELFFile(bytes: o)
        var symbols = SymbolTable()
        XCTAssertThrowsError(try extractStencils(from: bad, target: .x86_64Linux, symbols: &symbols)) { e in
            XCTAssertTrue("\(e)".contains("past its"), "\(e)")
        }
    }

    /// Random truncations and byte flips: every outcome is a parse or an ELFError.
    func testFuzzNeverTraps() throws {
        guard let base = Self.smallObject else { throw XCTSkip("no clang") }
        var rng = SplitMix(seed: 0x5eed)
        var errors = 0, parsed = 0
        for i in 0..<3000 {
            var b = base
            if i % 3 == 0 {
                b = Array(b[0..<Int(rng.next() % UInt64(b.count))])
            } else {
                for _ in 0..<(1 + Int(rng.next() % 8)) {
                    let at = i % 3 == 1 ? Int(rng.next() % 64) + (Int(rng.next() % 2) == 0 ? 0 : max(0, b.count - 1200))
                                        : Int(rng.next() % UInt64(b.count))
                    if at < b.count { b[at] = UInt8(truncatingIfNeeded: rng.next()) }
                }
            }
            do {
                let e = try ELFFile(bytes: b)
                for s in e.sections { _ = try? e.relocations(for: s.index); _ = e.data(of: s) }
                parsed += 1
            } catch is ELFError {
                errors += 1
            }
        }
        XCTAssertGreaterThan(errors, 500)
        XCTAssertGreaterThan(parsed, 100)
    }
}

/// A small deterministic random number generator for the fuzz tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
