// The JIT's AArch64 output, checked two ways: every AArch64 relocation kind the
// patcher knows is patched into a real instruction and its encoded bits read
// back (range limits refused with the kind's name); and whole programs laid out
// and patched for AArch64 (MochiJIT/AArch64Image.swift) run under
// qemu-aarch64-static through the loader (loader/mochi_imagerun.c, built by
// scripts/mochi-aarch64-exec) and print what the interpreter prints, with the
// image's code mapped read-execute and never writable and executable at once.
// Hand-made images run the small-code-model kinds the stencils do not use today
// (ADRP with ADD and LDST against a runtime symbol) and check that the loader
// refuses a malformed image, an unhandled relocation type and an out-of-range
// conditional branch with one message naming it; the Apple Silicon stencils
// leave x18 alone and their code memory (MAP_JIT) compiles for aarch64-macos.
// Branch protection (BTI + PAC-RET, the aarch64-linux default): stencils carry
// no landing pad of their own and authenticate before every way out; images put
// `bti c` exactly at the entries indirect calls reach; the loader maps the code
// guarded (PROT_BTI) and qemu (-cpu max) enforces it: an indirect call to an entry
// without its pad dies of SIGILL, a return address left signed of SIGSEGV.
// The qemu tests are skipped
// only when qemu-aarch64-static or zig is missing (scripts/setup-cross installs both).

import Foundation
import XCTest
import MochiIR
import MochiFrontend
import MochiInterp
import MochiTestPrograms
@testable import MochiJIT
@testable import MochiStencil

final class AArch64Tests: XCTestCase {
    // MARK: patching each kind

    func patched(_ kind: RelocationKind, _ insn: UInt32, place: UInt64 = 0x10000, value: UInt64) throws -> UInt32 {
        var b = withUnsafeBytes(of: insn.littleEndian) { Array($0) }
        try b.withUnsafeMutableBytes { try patch(kind, at: $0.baseAddress!, address: place, value: value) }
        return b.withUnsafeBytes { $0.load(as: UInt32.self).littleEndian }
    }

    func assertRefused(_ kind: RelocationKind, _ insn: UInt32, place: UInt64 = 0x10000, value: UInt64,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try patched(kind, insn, place: place, value: value), file: file, line: line) {
            XCTAssertTrue("\($0)".contains(kind.name), "\($0)", file: file, line: line)
        }
    }

    func testMovwGroupsPatchEach16Bits() throws {
        let v: UInt64 = 0x1234_5678_9abc_def0
        // movz x3, #0 ; movk x3, #0, lsl 16 ; lsl 32 ; lsl 48
        XCTAssertEqual(try patched(.aarch64_MOVW_UABS_G0_NC, 0xd280_0003, value: v), 0xd280_0003 | 0xdef0 << 5)
        XCTAssertEqual(try patched(.aarch64_MOVW_UABS_G1_NC, 0xf2a0_0003, value: v), 0xf2a0_0003 | 0x9abc << 5)
        XCTAssertEqual(try patched(.aarch64_MOVW_UABS_G2_NC, 0xf2c0_0003, value: v), 0xf2c0_0003 | 0x5678 << 5)
        XCTAssertEqual(try patched(.aarch64_MOVW_UABS_G3, 0xf2e0_0003, value: v), 0xf2e0_0003 | 0x1234 << 5)
        // A small operand: movz x8, #:abs_g1: (checked: 32 bits at most); movk x8, #:abs_g0_nc:.
        XCTAssertEqual(try patched(.aarch64_MOVW_UABS_G1, 0xd2a0_0008, value: 0x7fff_1234), 0xd2a0_0008 | 0x7fff << 5)
        XCTAssertEqual(try patched(.aarch64_MOVW_UABS_G0_NC, 0xf280_0008, value: 0x7fff_1234), 0xf280_0008 | 0x1234 << 5)
        assertRefused(.aarch64_MOVW_UABS_G1, 0xd2a0_0008, value: 1 << 32)
        // Every small-operand load in the library is that pair: MOVZ (G1) then MOVK (G0_NC)
        // of the same register and hole, so the two halves make the whole value.
        let lib = try Fixtures.library(.aarch64Linux)
        var pairs = 0
        for st in lib.stencils {
            for h in st.holes where h.kind == .aarch64_MOVW_UABS_G1 {
                XCTAssertNotNil(instructionField(h.kind, in: st.code, at: h.offset), "\(st.name) +\(h.offset)")
                let lo = st.holes.first { $0.kind == .aarch64_MOVW_UABS_G0_NC && $0.value == h.value && $0.offset == h.offset + 4 }
                XCTAssertNotNil(lo, "\(st.name) +\(h.offset): no MOVK of bits 0-15 right after")
                if lo != nil { pairs += 1 }
            }
        }
        XCTAssertGreaterThan(pairs, 1000)
        // An old immediate is replaced, not or-ed into.
        XCTAssertEqual(try patched(.aarch64_MOVW_UABS_G0_NC, 0xd280_0003 | 0xffff << 5, value: 1), 0xd280_0003 | 1 << 5)
    }

    func testBranchesAndTheirRanges() throws {
        // b / bl: imm26 words, +-128 MiB.
        XCTAssertEqual(try patched(.aarch64_JUMP26, 0x1400_0000, place: 0x10000, value: 0x10000 + 0x40), 0x1400_0010)
        XCTAssertEqual(try patched(.aarch64_CALL26, 0x9400_0000, place: 0x10000, value: 0x10000 - 8), 0x97ff_fffe)
        XCTAssertEqual(try patched(.aarch64_CALL26, 0x9400_0000, place: 1 << 28, value: (1 << 28) + (1 << 27) - 4), 0x95ff_ffff)
        assertRefused(.aarch64_CALL26, 0x9400_0000, place: 1 << 28, value: (1 << 28) + (1 << 27))
        assertRefused(.aarch64_JUMP26, 0x1400_0000, place: 1 << 28, value: (1 << 28) - (1 << 27) - 4)
        assertRefused(.aarch64_JUMP26, 0x1400_0000, place: 0x10000, value: 0x10002) // not a whole instruction
        // b.ne / cbz: imm19 words at bit 5, +-1 MiB; the condition and register stay.
        XCTAssertEqual(try patched(.aarch64_CONDBR19, 0x5400_0001, place: 0x10000, value: 0x10000 + 12), 0x5400_0061)
        XCTAssertEqual(try patched(.aarch64_CONDBR19, 0xb400_0005, place: 0x10000, value: 0x10000 - 4), 0xb4ff_ffe5)
        assertRefused(.aarch64_CONDBR19, 0x5400_0001, place: 1 << 24, value: (1 << 24) + (1 << 20))
        XCTAssertNoThrow(try patched(.aarch64_CONDBR19, 0x5400_0001, place: 1 << 24, value: (1 << 24) - (1 << 20)))
        // tbz x1, #3: imm14 words at bit 5, +-32 KiB.
        XCTAssertEqual(try patched(.aarch64_TSTBR14, 0x3618_0001, place: 0x10000, value: 0x10000 + 0x20), 0x3618_0101)
        assertRefused(.aarch64_TSTBR14, 0x3618_0001, place: 0x10000, value: 0x10000 + (1 << 15))
        XCTAssertNoThrow(try patched(.aarch64_TSTBR14, 0x3618_0001, place: 0x10000, value: 0x10000 - (1 << 15)))
    }

    func testAdrpAndLow12Pairs() throws {
        // adrp x0: page delta split into immlo (bits 29-30) and immhi (5-23).
        let place: UInt64 = 0x40_1234, value: UInt64 = 0x1234_5678
        let pages = (value >> 12) - (place >> 12) // 0x11f44
        let adrp = try patched(.aarch64_ADR_PREL_PG_HI21, 0x9000_0000, place: place, value: value)
        XCTAssertEqual(adrp, 0x9000_0000 | UInt32(pages & 3) << 29 | UInt32(pages >> 2) << 5)
        XCTAssertEqual(try patched(.aarch64_ADR_PREL_PG_HI21, 0x9000_0000, place: 0x5000, value: 0x3fff), 0xd0ff_ffe0) // two pages back
        assertRefused(.aarch64_ADR_PREL_PG_HI21, 0x9000_0000, place: 0, value: 1 << 32)
        // add x0, x0, :lo12: and the scaled loads: the low 12 bits / access size at bit 10.
        XCTAssertEqual(try patched(.aarch64_ADD_ABS_LO12_NC, 0x9100_0000, value: value), 0x9100_0000 | 0x678 << 10)
        XCTAssertEqual(try patched(.aarch64_LDST8_ABS_LO12_NC, 0x3940_0000, value: value), 0x3940_0000 | 0x678 << 10)
        XCTAssertEqual(try patched(.aarch64_LDST16_ABS_LO12_NC, 0x7940_0000, value: value), 0x7940_0000 | 0x33c << 10)
        XCTAssertEqual(try patched(.aarch64_LDST32_ABS_LO12_NC, 0xb940_0000, value: value), 0xb940_0000 | 0x19e << 10)
        XCTAssertEqual(try patched(.aarch64_LDST64_ABS_LO12_NC, 0xf940_0000, value: 0x1000_0ff8), 0xf940_0000 | 0x1ff << 10)
        XCTAssertEqual(try patched(.aarch64_LDST128_ABS_LO12_NC, 0x3dc0_0000, value: 0x1000_0ff0), 0x3dc0_0000 | 0xff << 10)
        assertRefused(.aarch64_LDST64_ABS_LO12_NC, 0xf940_0000, value: 0x1234_567c) // 0x67c is not 8-byte aligned
        assertRefused(.aarch64_LDST128_ABS_LO12_NC, 0x3dc0_0000, value: 0x1000_0ff8)
    }

    func testEveryKindHasItsElfNumberBothWays() {
        for k in RelocationKind.allCases {
            let machine = k.rawValue >= 32 ? ELF.machineAArch64 : ELF.machineX86_64
            XCTAssertEqual(RelocationKind(machine: machine, elfType: k.elfType), k, k.name)
        }
    }

    /// The library's kinds are the ones the loader and the patcher handle; the
    /// image leaves the loader only runtime symbols, with MOVW, B/BL and ABS64.
    func testLibraryKindsAreHandled() throws {
        let lib = try Fixtures.library(.aarch64Linux)
        var kinds = Set<RelocationKind>()
        for s in lib.stencils { for h in s.holes { kinds.insert(h.kind) } }
        XCTAssertEqual(kinds, [.aarch64_MOVW_UABS_G0_NC, .aarch64_MOVW_UABS_G1_NC, .aarch64_MOVW_UABS_G2_NC,
                               .aarch64_MOVW_UABS_G3, .aarch64_MOVW_UABS_G1, .aarch64_CALL26, .aarch64_JUMP26],
                       "a new kind in the AArch64 library: add it to the loader's `apply` and to these tests")
    }

    // MARK: running images under qemu

    static let execScript = Fixtures.root + "/scripts/mochi-aarch64-exec"

    /// The loader, built once per test process (nil when zig or qemu is missing).
    static let loaderReady: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/qemu-aarch64-static")
                || ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
                    .contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/qemu-aarch64-static") }) == true
        else { return false }
        return (try? run([execScript, "--loader"]).0) == 0
    }()

    static func run(_ argv: [String]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        // A signal is reported as a distinct status, so a crash never passes for an exit.
        let status = p.terminationReason == .uncaughtSignal ? 1000 + p.terminationStatus : p.terminationStatus
        return (status, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static let stencils: Result<LoadedStencils, Error> = Result {
        try LoadedStencils(lazy: LazyStencilLibrary(bytes: try Fixtures.library(.aarch64Linux).encoded()), target: .aarch64Linux)
    }

    /// Runs image bytes through the loader under qemu.
    func runImage(_ bytes: [UInt8], checkWX: Bool = false) throws -> (Int32, String, String) {
        guard Self.loaderReady else { throw XCTSkip("qemu-aarch64-static or zig is missing (scripts/setup-cross)") }
        let path = NSTemporaryDirectory() + "/mochi-a64-\(getpid())-\(UInt32.random(in: 0 ... .max)).img"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Self.run([Self.execScript] + (checkWX ? ["--check-wx"] : []) + [path])
    }


    /// The image prints what the interpreter prints, with and without register
    /// homes and inlining.
    func assertSameAsInterpreter(_ m: Module, _ what: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        let want = try Interpreter(module: m).runCapturingOutput()
        for (homes, inline) in [(true, true), (false, true), (true, false)] {
            let image = try buildAArch64Image(module: m, stencils: try Self.stencils.get(), registerHomes: homes, inlining: inline)
            let (status, out, err) = try runImage(image.bytes)
            XCTAssertEqual(status, 0, "\(what) homes \(homes) inlining \(inline): \(err)", file: file, line: line)
            XCTAssertEqual(out, want, "\(what) homes \(homes) inlining \(inline)", file: file, line: line)
        }
    }

    func testProgramsRunAsTheInterpreterPrints() throws {
        // The programs of JITTests (every family of ops), plus a map keyed by
        // integers and exact integers.
        let sources = OpFamilyPrograms.all + [
            """
            var ids: map<int, int> = {}
            for i in 0..50 { ids[i * 7 % 13] = i }
            print(len(ids), ids[5])
            """,
            """
            var f: bigint = 1
            for i in 1..30 { f = f * (i as bigint) }
            print(f, f / (1000000007 as bigint), f % (97 as bigint))
            """,
        ]
        for (k, s) in sources.enumerated() { try assertSameAsInterpreter(try compile(s), "program \(k)") }
    }

    func testRandomProgramsRunAsTheInterpreterPrints() throws {
        for seed in 0..<6 {
            var g = RandomPrograms(seed: UInt64(3000 + seed))
            try assertSameAsInterpreter(g.module(functions: 6), "seed \(seed)")
        }
    }

    /// Mapped far from the loader's runtime, every runtime call is out of a BL's
    /// reach and goes through the image's veneers; the program still runs.
    func testVeneersWhenTheRuntimeIsOutOfReach() throws {
        let m = try compile("var s = \"\"\nfor i in 0..30 { s = s + str(i % 10) }\nprint(s, len(s))")
        let want = try Interpreter(module: m).runCapturingOutput()
        let near = try buildAArch64Image(module: m, stencils: try Self.stencils.get())
        let far = try buildAArch64Image(module: m, stencils: try Self.stencils.get(), base: 0x40_0000_0000)
        XCTAssertGreaterThan(far.stats.veneers, 0)
        XCTAssertTrue(far.relocations.contains { $0.elfType == 283 && $0.veneer != 0 })
        for image in [near, far] {
            let (status, out, err) = try runImage(image.bytes)
            XCTAssertEqual(status, 0, err)
            XCTAssertEqual(out, want)
        }
    }

    func testCodeIsNeverWritableAndExecutable() throws {
        let image = try buildAArch64Image(module: try compile("print(6 * 7)"), stencils: try Self.stencils.get())
        let (status, out, err) = try runImage(image.bytes, checkWX: true)
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out, "42\n")
        let maps = err.split(separator: "\n").filter { $0.hasPrefix("image mapping") }
        XCTAssertTrue(maps.contains { $0.hasSuffix("r-xp") }, err)
        XCTAssertTrue(maps.contains { $0.hasSuffix("rw-p") }, err)
        XCTAssertFalse(maps.contains { $0.contains("wx") }, err)
    }

    /// A runtime error: the interpreter's message and line on stderr, what was
    /// printed before it on stdout, exit status 1.
    func testRuntimeErrorsAsTheInterpreter() throws {
        let m = try compile("print(\"before\")\nlet xs = [1, 2]\nvar i = 1\nwhile i < 5 { print(xs[i]) i = i + 1 }")
        let image = try buildAArch64Image(module: m, stencils: try Self.stencils.get())
        let (status, out, err) = try runImage(image.bytes)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(out, "before\n2\n")
        XCTAssertTrue(err.hasPrefix("error: list index out of range"), err)
        XCTAssertTrue(err.contains("  at t.mochi:4"), err)
        let deep = try compile("fun f(n: int): int { return f(n + 1) + 1 }\nprint(f(0))")
        let so = try runImage(try buildAArch64Image(module: deep, stencils: try Self.stencils.get()).bytes)
        XCTAssertEqual(so.0, 1)
        XCTAssertTrue(so.2.hasPrefix("error: stack overflow"), so.2)
    }

    // MARK: code memory on other platforms

    /// mochi_jit_memory.c compiled by zig cc for Apple Silicon takes the MAP_JIT
    /// path (per-thread write protection, the kernel's icache invalidation), and
    /// for AArch64 Linux the mprotect path with the compiler's cache flush.
    func testCodeMemoryCompilesForAppleSiliconAndLinux() throws {
        guard Self.loaderReady else { throw XCTSkip("zig is missing (scripts/setup-cross)") }
        let src = Fixtures.root + "/Sources/MochiJITSupport/mochi_jit_memory.c"
        for (target, want, not) in [("aarch64-macos", ["_pthread_jit_write_protect_np", "_sys_icache_invalidate"], "_mprotect"),
                                    ("aarch64-linux-musl", ["mprotect", "__clear_cache"], "pthread_jit_write_protect_np")] {
            let obj = NSTemporaryDirectory() + "/mochi-jitmem-\(getpid())-\(target).o"
            defer { try? FileManager.default.removeItem(atPath: obj) }
            let r = try Self.run(["/usr/bin/env", "python3", "-m", "ziglang", "cc", "-target", target, "-std=c99", "-Wall",
                                  "-Werror", "-O2", "-c", "-I" + Fixtures.root + "/Sources/MochiRuntime/include",
                                  "-I" + Fixtures.root + "/Sources/MochiJITSupport/include", src, "-o", obj])
            XCTAssertEqual(r.0, 0, "\(target): \(r.2)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: obj))
            let text = String(decoding: bytes, as: UTF8.self)
            for w in want { XCTAssertTrue(text.contains(w), "\(target) object does not reference \(w)") }
            XCTAssertFalse(text.contains(not), "\(target) object references \(not)")
        }
    }

    /// The Apple Silicon stencils (ELF, AAPCS64, x18 reserved: Stencil.swift says
    /// why that is Darwin's ABI for every call a stencil makes): no instruction
    /// names x18, and a program made of them runs (here under Linux, whose ABI
    /// differs from Darwin's, for the calls stencils make, only in x18) as the
    /// interpreter prints.
    func testAppleSiliconStencilsLeaveX18Alone() throws {
        XCTAssertTrue(stencilFlags(.aarch64Macos).contains { $0.flag == "-ffixed-x18" })
        XCTAssertFalse(stencilFlags(.aarch64Linux).contains { $0.flag == "-ffixed-x18" })
        let lib = try Fixtures.library(.aarch64Macos)
        XCTAssertNotEqual(lib.digest, try Fixtures.library(.aarch64Linux).digest)
        let all = lib.stencils.flatMap(\.code)
        guard let lines = disassemble(all, target: .aarch64Macos) else { throw XCTSkip("no llvm-objdump") }
        XCTAssertGreaterThan(lines.count, all.count / 8)
        let x18 = try NSRegularExpression(pattern: "\\b[xw]18\\b")
        let uses = lines.filter { x18.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil }
        XCTAssertEqual(uses.map(\.text), [])
        let mac = try LoadedStencils(lazy: LazyStencilLibrary(bytes: lib.encoded()), target: .aarch64Macos)
        let m = try compile("fun f(n: int): int { if n < 2 { return n } return f(n - 1) + f(n - 2) }\nprint(f(15), [1, 2] + [3], \"x\" + str(1.5))")
        let (status, out, err) = try runImage(try buildAArch64Image(module: m, stencils: mac).bytes)
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out, try Interpreter(module: m).runCapturingOutput())
    }

    // MARK: hand-made images

    /// An image of raw AArch64 code `words` at the text start (the entry), with
    /// relocations at word indices against the named runtime symbols.
    func rawImage(_ words: [UInt32], relocations: [(word: Int, kind: UInt32, symbol: Int, veneer: UInt64)],
                  symbols: [String]) -> [UInt8] {
        let base = ImageLayout.defaultBase, textOffset = UInt64(ImageLayout.regionAlign)
        var h = ImageHeader()
        h.base = base
        h.textOffset = textOffset
        h.entry = textOffset
        h.mainFrameBytes = 8
        h.funcCount = 1
        h.entriesOffset = 0
        h.framesOffset = 8
        h.globalsOffset = 16
        h.stringsOffset = 16
        h.maxDepth = 100
        h.stackSlots = 1 << 16
        var data = [UInt8](repeating: 0, count: 24)
        for k in 0..<8 { data[k] = UInt8(truncatingIfNeeded: (base + textOffset) >> (8 * UInt64(k))) }
        data[8] = 8
        var text: [UInt8] = []
        for w in words { text += withUnsafeBytes(of: w.littleEndian) { Array($0) } }
        let rs = relocations.map {
            ImageRelocation(place: textOffset + UInt64(4 * $0.word), elfType: $0.kind, symbol: UInt32($0.symbol), addend: 0,
                            veneer: $0.veneer)
        }
        return encodeImage(header: h, symbols: symbols, relocations: rs, strings: [], fileName: [], data: data, text: text)
    }

    /// ADRP + ADD and ADRP + LDR (LDST64) against mochi_jit_ctx, filled by the
    /// loader: both reach the context, whose first field is the slot stack the
    /// entry got in x20 (preserve_none's first argument). Exit 7 when all three
    /// agree, else 3 (through BL mochi_rt_exit, a CALL26 the loader patches).
    func testSmallModelKindsRunUnderQemu() throws {
        let code: [UInt32] = [
            0x9000_0000, // 0 adrp x0, ctx            ADR_PREL_PG_HI21
            0x9100_0000, // 1 add  x0, x0, :lo12:ctx  ADD_ABS_LO12_NC
            0x9000_0001, // 2 adrp x1, ctx
            0xf940_0021, // 3 ldr  x1, [x1, :lo12:ctx] LDST64_ABS_LO12_NC
            0xf940_0002, // 4 ldr  x2, [x0]
            0xeb02_003f, // 5 cmp  x1, x2
            0x5400_00a1, // 6 b.ne 11
            0xeb14_003f, // 7 cmp  x1, x20
            0x5400_0061, // 8 b.ne 11
            0x5280_00e0, // 9 mov  w0, #7
            0x9400_0000, // 10 bl  mochi_rt_exit      CALL26
            0x5280_0060, // 11 mov w0, #3
            0x9400_0000, // 12 bl  mochi_rt_exit      CALL26
        ]
        let image = rawImage(code, relocations: [(0, 275, 0, 0), (1, 277, 0, 0), (2, 275, 0, 0), (3, 286, 0, 0),
                                                 (10, 283, 1, 0), (12, 283, 1, 0)],
                             symbols: ["mochi_jit_ctx", "mochi_rt_exit"])
        let (status, _, err) = try runImage(image)
        XCTAssertEqual(status, 7, err)
    }

    func testLoaderRefusesWhatItCannotPatch() throws {
        // A conditional branch to the runtime, megabytes away: out of range, by name.
        let condbr = rawImage([0x5400_0000, 0xd65f_03c0], relocations: [(0, 280, 0, 0)], symbols: ["mochi_rt_exit"])
        var r = try runImage(condbr)
        XCTAssertEqual(r.0, 1)
        XCTAssertTrue(r.2.contains("R_AARCH64_CONDBR19") && r.2.contains("mochi_rt_exit") && r.2.contains("out of range"), r.2)
        // A type the loader does not know.
        r = try runImage(rawImage([0xd65f_03c0], relocations: [(0, 999, 0, 0)], symbols: ["mochi_rt_exit"]))
        XCTAssertEqual(r.0, 1)
        XCTAssertTrue(r.2.contains("unhandled ELF relocation type 999"), r.2)
        // A symbol the loader does not provide.
        r = try runImage(rawImage([0xd65f_03c0], relocations: [(0, 283, 0, 0)], symbols: ["no_such_symbol"]))
        XCTAssertEqual(r.0, 1)
        XCTAssertTrue(r.2.contains("'no_such_symbol'"), r.2)
        // MOVW on an instruction that is not a MOVZ/MOVK.
        r = try runImage(rawImage([0xd65f_03c0], relocations: [(0, 264, 0, 0)], symbols: ["mochi_rt_exit"]))
        XCTAssertEqual(r.0, 1)
        XCTAssertTrue(r.2.contains("R_AARCH64_MOVW_UABS_G0_NC"), r.2)
    }

    /// Truncated, corrupted and inconsistent images: one diagnostic, exit 1, never a crash.
    func testLoaderChecksEveryLengthAndOffset() throws {
        let good = try buildAArch64Image(module: try compile("print(\"ok\")"), stencils: try Self.stencils.get()).bytes
        let ran = try runImage(good) // (skips, not fails, without qemu or zig)
        XCTAssertEqual(ran.1, "ok\n")
        var bad: [(String, [UInt8])] = []
        for cut in [0, 7, 40, ImageLayout.headerSize, ImageLayout.headerSize + 9, good.count / 2, good.count - 1] {
            bad.append(("cut at \(cut)", Array(good.prefix(cut))))
        }
        bad.append(("trailing byte", good + [0]))
        var magic = good; magic[0] ^= 0xff
        bad.append(("magic", magic))
        // Header fields (u64s after 16 bytes): entry past the text, text offset inside the data,
        // a huge relocation count, a symbol count past the file.
        // An unknown header flag.
        for (field, value) in [(4, UInt64(1) << 40), (2, UInt64(8)), (16, UInt64(1) << 40), (15, UInt64(1000)), (18, UInt64(4))] {
            var b = good
            for k in 0..<8 { b[16 + 8 * field + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
            bad.append(("field \(field) = \(value)", b))
        }
        for (what, bytes) in bad {
            let (status, out, err) = try runImage(bytes)
            XCTAssertEqual(status, 1, "\(what): \(err)")
            XCTAssertEqual(out, "", what)
            XCTAssertTrue(err.hasPrefix("mochi-imagerun: ") && err.split(separator: "\n").count == 1, "\(what): \(err)")
        }
    }

    // MARK: branch protection

    func word(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }

    func testStencilsAreCompiledWithBranchProtection() throws {
        let lib = try Fixtures.library(.aarch64Linux)
        XCTAssertEqual(lib.branchProtection, .standard)
        XCTAssertTrue(stencilFlags(.aarch64Linux).contains { $0.flag == "-mbranch-protection=standard" })
        XCTAssertFalse(stencilFlags(.aarch64Macos).contains { $0.flag.hasPrefix("-mbranch-protection") })
        XCTAssertFalse(stencilFlags(.aarch64Linux, branchProtection: BranchProtection.none).contains { $0.flag.hasPrefix("-mbranch-protection") })
        XCTAssertThrowsError(try generateStencilLibrary(target: .x86_64Linux, root: Fixtures.root, clang: "/nonexistent",
                                                        branchProtection: .standard))
        // Reached only by fall-through and direct branches, no stencil keeps its
        // `bti c`; the ones that save the link register start by signing it.
        var signing = 0
        for st in lib.stencils where st.code.count >= 4 {
            XCTAssertNotEqual(word(st.code, 0), AArch64Word.btiC, st.name)
            if word(st.code, 0) == AArch64Word.paciasp { signing += 1 }
        }
        XCTAssertGreaterThan(signing, 100)
        // Survives the library format.
        XCTAssertEqual(try StencilLibrary(bytes: lib.encoded()).branchProtection, .standard)
        var bad = lib.encoded()
        let at = 4 + 2 + 1 + lib.target.rawValue.utf8.count + 32 + 2 + lib.compiler.utf8.count
        XCTAssertEqual(bad[at], 1)
        bad[at] = 7
        XCTAssertThrowsError(try StencilLibrary(bytes: bad)) { XCTAssertTrue("\($0)".contains("branch protection 7 at offset \(at)")) }
    }

    func testSignedReturnsMustBeAuthenticatedOnEveryExit() throws {
        func words(_ ws: [UInt32]) -> [UInt8] { ws.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> (8 * UInt32($0))) } } }
        let b = UInt32(0x1400_0000), bcond = UInt32(0x5400_000a)
        let jump = { (k: Int) in Hole(offset: 4 * k, kind: .aarch64_JUMP26, value: .continuation, addend: 0) }
        // paciasp ... autiasp; b CONTINUE: balanced.
        XCTAssertNoThrow(try checkPointerAuthentication("ok", words([AArch64Word.paciasp, AArch64Word.nop, AArch64Word.autiasp, b]), [jump(3)]))
        XCTAssertNoThrow(try checkPointerAuthentication("leaf", words([AArch64Word.nop, b]), [jump(1)]))
        let bad: [(String, [UInt32], [Hole])] = [
            ("leaves signed", [AArch64Word.paciasp, AArch64Word.nop, b], [jump(2)]),
            ("returns signed", [AArch64Word.paciasp, AArch64Word.nop, AArch64Word.ret], []),
            ("conditional exit", [AArch64Word.paciasp, bcond, AArch64Word.autiasp, b],
             [Hole(offset: 4, kind: .aarch64_CONDBR19, value: .errorExit(0), addend: 0), jump(3)]),
            ("signs late", [AArch64Word.nop, AArch64Word.paciasp, AArch64Word.autiasp, b], [jump(3)]),
        ]
        for (what, ws, holes) in bad {
            XCTAssertThrowsError(try checkPointerAuthentication(what, words(ws), holes), what)
        }
    }

    let closureProgram = """
        fun adder(k: int): fun(int): int { return fun(x: int): int => x + k }
        fun fib(n: int): int {
          if n < 2 { return n }
          return fib(n - 1) + fib(n - 2)
        }
        let add5 = adder(5)
        print(add5(10), fib(15))
        """

    /// The entry (offset in `image.bytes`) of function `fi`, from the image's entry table.
    func entryOffset(_ image: AArch64Image, _ fi: Int) -> Int {
        let h = image.header
        let dataStart = image.bytes.count - Int(h.textSize) - Int(h.dataSize)
        var e: UInt64 = 0
        for k in 0..<8 { e |= UInt64(image.bytes[dataStart + Int(h.entriesOffset) + 8 * fi + k]) << (8 * UInt64(k)) }
        return image.bytes.count - Int(h.textSize) + Int(e - h.base - h.textOffset)
    }

    func testLandingPadsExactlyWhereIndirectCallsLand() throws {
        let m = try compile(closureProgram)
        let want = try Interpreter(module: m).runCapturingOutput()
        let image = try buildAArch64Image(module: m, stencils: try Self.stencils.get())
        let index = m.symbolIndex().functions
        let closures = m.functions.indices.filter { m.functions[$0].name != "main" && m.functions[$0].name != "fib"
                                                    && m.functions[$0].name != "adder" }
        XCTAssertEqual(closures.count, 1, "\(m.functions.map(\.name))")
        XCTAssertEqual(image.landingPads, Set([index["main"]!] + closures))
        XCTAssertEqual(image.header.flags, ImageLayout.flagBTI | ImageLayout.flagPAC)
        for fi in m.functions.indices {
            XCTAssertEqual(word(image.bytes, entryOffset(image, fi)) == AArch64Word.btiC, image.landingPads.contains(fi),
                           m.functions[fi].name)
        }
        let (status, out, err) = try runImage(image.bytes, checkWX: true)
        XCTAssertEqual(status, 0, err)
        XCTAssertEqual(out, want)
        XCTAssertTrue(err.contains("image code: BTI-guarded (PROT_BTI), PAC-signed returns"), err)

        // Without branch protection: no pads, not guarded, the same output.
        let plain = try buildAArch64Image(module: m, stencils: try Self.stencils.get(), branchProtection: BranchProtection.none)
        XCTAssertEqual(plain.landingPads, [])
        XCTAssertEqual(plain.header.flags, ImageLayout.flagPAC)
        XCTAssertEqual(plain.stats.codeBytes, image.stats.codeBytes - 4 * image.landingPads.count)
        let p = try runImage(plain.bytes, checkWX: true)
        XCTAssertEqual(p.0, 0, p.2)
        XCTAssertEqual(p.1, want)
        XCTAssertTrue(p.2.contains("image code: not BTI-guarded"), p.2)
    }

    /// The negative test: with a landing pad turned into a NOP, the guarded code
    /// dies of SIGILL at the indirect call (the loader's call of @main, and
    /// call_closure's BLR), and the same bytes run when the image does not ask
    /// for guarded pages, so it is the guard that stops them.
    func testMissingLandingPadFaultsWhenGuarded() throws {
        let m = try compile(closureProgram)
        let want = try Interpreter(module: m).runCapturingOutput()
        let image = try buildAArch64Image(module: m, stencils: try Self.stencils.get())
        for fi in image.landingPads.sorted() {
            var b = image.bytes
            let at = entryOffset(image, fi)
            XCTAssertEqual(word(b, at), AArch64Word.btiC)
            for k in 0..<4 { b[at + k] = UInt8(truncatingIfNeeded: AArch64Word.nop >> (8 * UInt32(k))) }
            let (status, _, err) = try runImage(b)
            XCTAssertEqual(status, 1000 + SIGILL, "\(m.functions[fi].name): \(err)")
            b[16 + 8 * 18] &= ~UInt8(ImageLayout.flagBTI) // the flags field: not guarded
            let (status2, out2, err2) = try runImage(b)
            XCTAssertEqual(status2, 0, "\(m.functions[fi].name) unguarded: \(err2)")
            XCTAssertEqual(out2, want)
        }
    }

    /// PAC is enforced too: with every `autiasp` turned into a NOP, a return
    /// address stays signed and the return through it faults.
    func testUnauthenticatedReturnFaults() throws {
        let image = try buildAArch64Image(module: try compile(closureProgram), stencils: try Self.stencils.get())
        var b = image.bytes
        var n = 0
        for at in stride(from: b.count - Int(image.header.textSize), to: b.count - 3, by: 4) where word(b, at) == AArch64Word.autiasp {
            for k in 0..<4 { b[at + k] = UInt8(truncatingIfNeeded: AArch64Word.nop >> (8 * UInt32(k))) }
            n += 1
        }
        XCTAssertGreaterThan(n, 0)
        let (status, _, err) = try runImage(b)
        XCTAssertEqual(status, 1000 + SIGSEGV, err)
    }
}
