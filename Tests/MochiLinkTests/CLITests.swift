// CLITests.swift: the mochi-link command line itself: exit statuses (0 success,
// 1 failed build, 2 bad usage), the one-line diagnostics, and --print-jobs printing
// the plan without running it. Runs the tool SwiftPM built beside the test bundle.

import XCTest
@testable import MochiLink

final class CLITests: XCTestCase {
    func tool() throws -> String {
        let dir = ((currentExecutablePath() ?? "") as NSString).deletingLastPathComponent
        let exe = dir + "/mochi-link"
        guard FileManager.default.isExecutableFile(atPath: exe) else {
            throw XCTSkip("mochi-link not built next to the tests (\(exe)): swift build --product mochi-link")
        }
        return exe
    }

    func mochiLink(_ args: [String], env: [(String, String)] = []) throws -> (status: Int32, output: String) {
        let runtime = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path + "/Sources/MochiRuntime"
        return try runCapturing(try tool(), args, environment: [("MOCHI_RUNTIME_DIR", runtime),
                                                                ("MOCHI_CACHE", NSTemporaryDirectory() + "mochi-link-cli-cache")] + env)
    }

    func testHelpAndVersion() throws {
        let help = try mochiLink(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.hasPrefix("usage: mochi-link INPUT... -o OUT"))
        XCTAssertEqual(try mochiLink(["--version"]).output, "mochi-link 0.1.0\n")
    }

    func testUsageErrorsExitTwo() throws {
        let cases: [([String], String)] = [
            (["x.c"], "mochi-link: error: no output file: give -o OUT (see --help)\n"),
            (["x.c", "-o", "x", "--target=pdp11"], "mochi-link: error: unknown target 'pdp11' (known: x86_64-linux, "
                + "aarch64-linux, riscv64-linux, x86_64-macos, aarch64-macos, x86_64-windows, wasm32-wasi)\n"),
            (["x.c", "-o", "x", "--cc=icc"], "mochi-link: error: unknown compiler 'icc' (zig, cc, clang, gcc, tcc)\n"),
            (["x.c", "-o", "x", "--frobnicate"], "mochi-link: error: unknown option '--frobnicate' (see --help)\n"),
            (["-o", "x"], "mochi-link: error: no input files (see --help)\n"),
        ]
        for (args, message) in cases {
            let r = try mochiLink(args)
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertEqual(r.output, message)
        }
    }

    func testCrossWithGccIsUsageError() throws {
        let src = NSTemporaryDirectory() + "mochi-link-cli-\(getpid()).c"
        try "int main(void){return 0;}\n".write(toFile: src, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: src) }
        let r = try mochiLink([src, "-o", "x", "--target=aarch64-linux", "--cc=gcc"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.output, "mochi-link: error: --cc=gcc cannot build for aarch64-linux: cross targets need zig "
            + "(pip install ziglang, or scripts/setup-cross)\n")
    }

    func testCwasmNeedsOneWasmInput() throws {
        let src = NSTemporaryDirectory() + "mochi-link-cli-\(getpid())-cwasm.c"
        try "int main(void){return 0;}\n".write(toFile: src, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: src) }
        let r = try mochiLink([src, "-o", "x.cwasm", "--emit=cwasm"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.output, "mochi-link: error: \(src) is not a WebAssembly module (--emit=cwasm precompiles a .wasm)\n")
        let two = try mochiLink([src, src, "-o", "x.cwasm", "--emit=cwasm"])
        XCTAssertEqual(two.status, 2)
        XCTAssertEqual(two.output, "mochi-link: error: --emit=cwasm takes exactly one .wasm input\n")
        let cc = try mochiLink([src, "-o", "x.cwasm", "--emit=cwasm", "--cc=gcc"])
        XCTAssertEqual(cc.status, 2)
        XCTAssertEqual(cc.output, "mochi-link: error: --cc applies to C builds, not to --emit=cwasm\n")
        let fuel = try mochiLink([src, "-o", "x", "--fuel"])
        XCTAssertEqual(fuel.status, 2)
        XCTAssertEqual(fuel.output, "mochi-link: error: --fuel applies to --emit=cwasm only\n")
    }

    func testMissingInputExitsOne() throws {
        let r = try mochiLink(["/nonexistent/x.c", "-o", "x"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.output, "mochi-link: error: /nonexistent/x.c: no such file\n")
    }

    func testMissingRuntimeExitsOne() throws {
        let src = NSTemporaryDirectory() + "mochi-link-cli-rt-\(getpid()).c"
        try "int main(void){return 0;}\n".write(toFile: src, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: src) }
        let r = try mochiLink([src, "-o", "x", "--cc=cc"], env: [("MOCHI_RUNTIME_DIR", "/nonexistent")])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.output, "mochi-link: error: runtime sources not found: no include/mochi_runtime.h in "
            + "/nonexistent; set MOCHI_RUNTIME_DIR to the Sources/MochiRuntime directory\n")
    }

    func testPrintJobsRunsNothing() throws {
        let dir = NSTemporaryDirectory() + "mochi-link-cli-pj-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "int main(void){return 0;}\n".write(toFile: dir + "/p.c", atomically: true, encoding: .utf8)
        let r = try mochiLink([dir + "/p.c", "-o", dir + "/p", "--cc=cc", "--mode=release", "--print-jobs"],
                              env: [("MOCHI_CACHE", dir + "/cache")])
        XCTAssertEqual(r.status, 0, r.output)
        let lines = r.output.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first!.hasPrefix("mkdir -p \(dir)/cache/runtime/x86_64-linux-cc-release-"))
        XCTAssertTrue(lines.last!.hasSuffix("-o \(dir)/p -Wl,--gc-sections -s -lm"), lines.last!)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/p"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/cache"))
    }
    /// With no --mode the build is optimised with line tables and not stripped (as
    /// `go build`); --mode=default says the same; --mode=dev is -O0 -g.
    func testDefaultModeOptimisesAndKeepsLineTables() throws {
        let dir = NSTemporaryDirectory() + "mochi-link-cli-mode-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "int main(void){return 0;}\n".write(toFile: dir + "/p.c", atomically: true, encoding: .utf8)
        func lastJob(_ extra: [String]) throws -> [String] {
            let r = try mochiLink([dir + "/p.c", "-o", dir + "/p", "--cc=cc", "--print-jobs"] + extra,
                                  env: [("MOCHI_CACHE", dir + "/cache")])
            XCTAssertEqual(r.status, 0, r.output)
            return r.output.split(separator: "\n").last!.split(separator: " ").map(String.init)
        }
        for words in [try lastJob([]), try lastJob(["--mode=default"])] {
            XCTAssertTrue(words.contains("-O2") && words.contains("-g1") && words.contains("-Wl,--gc-sections"), "\(words)")
            XCTAssertFalse(words.contains("-s") || words.contains("-O0"), "\(words)")
        }
        let dev = try lastJob(["--mode=dev"])
        XCTAssertTrue(dev.contains("-O0") && dev.contains("-g"), "\(dev)")
        let bad = try mochiLink([dir + "/p.c", "-o", dir + "/p", "--mode=fast"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.output.contains("unknown mode 'fast' (default, dev, release)"), bad.output)
    }
}
