// PlanTests.swift: table-style tests of mochi-link's plans: for each target,
// compiler and mode, the planned command lines carry the right flags; requests no
// compiler can satisfy fail with the exact message; the runtime cache key follows
// the runtime's digest. No compiler runs here: plans are pure data.

import MochiSupport
import XCTest
@testable import MochiLink

final class PlanTests: XCTestCase {
    let host = Target.named("x86_64-linux")!
    let runtime = RuntimeSources(directory: "/rt", cFiles: ["/rt/a.c", "/rt/b.c"], digest: "d1")
    let zig = Compiler(kind: .zig, command: ["/usr/bin/python3", "-m", "ziglang", "cc"])

    func compiler(_ kind: CompilerKind) -> Compiler {
        kind == .zig ? zig : Compiler(kind: kind, command: ["/usr/bin/\(kind.rawValue)"])
    }

    func plan(_ target: String, _ kind: CompilerKind, _ mode: BuildMode, portable: Bool = false,
              cached: Bool = false, output: String = "out") throws -> Plan {
        let request = LinkRequest(inputs: ["p.c"], output: output, target: Target.named(target)!, compiler: kind,
                                  mode: mode, portable: portable)
        return try Planner.plan(request, compiler: compiler(kind), runtime: runtime, cacheRoot: "/cache", host: host,
                                runtimeCached: cached, stagingTag: "7")
    }

    /// The words of the final (program) job.
    func linkWords(_ p: Plan) -> [String] {
        let job = p.jobs.last!
        return [job.executable] + job.arguments
    }

    func testRuntimeJobsThenPublishThenLink() throws {
        let p = try plan("x86_64-linux", .cc, .dev)
        XCTAssertEqual(p.jobs.map(\.action), [.makeDirectory, .run, .run, .rename, .run])
        let key = Planner.runtimeCacheKey(LinkRequest(inputs: ["p.c"], output: "out", target: host, compiler: .cc,
                                                                      mode: .dev),
                                          compiler(.cc), runtime: runtime, host: host)
        XCTAssertTrue(key.hasPrefix("x86_64-linux-cc-dev-"))
        XCTAssertEqual(p.commandLines, [
            "mkdir -p /cache/runtime/\(key).tmp-7",
            "/usr/bin/cc -O0 -g -fno-strict-aliasing -std=c99 -I/rt/include -c /rt/a.c -o /cache/runtime/\(key).tmp-7/a.o",
            "/usr/bin/cc -O0 -g -fno-strict-aliasing -std=c99 -I/rt/include -c /rt/b.c -o /cache/runtime/\(key).tmp-7/b.o",
            "mv -T /cache/runtime/\(key).tmp-7 /cache/runtime/\(key)",
            "/usr/bin/cc -O0 -g -fno-strict-aliasing -I/rt/include p.c /cache/runtime/\(key)/a.o "
                + "/cache/runtime/\(key)/b.o -o out -lm",
        ])
    }

    func testCachedRuntimeLeavesOnlyTheLink() throws {
        let p = try plan("x86_64-linux", .cc, .release, cached: true)
        XCTAssertEqual(p.jobs.count, 1)
        XCTAssertEqual(p.jobs[0].role, .program)
        XCTAssertTrue(p.runtimeCached)
    }

    /// (target, compiler, mode, portable) -> words the link line must hold / must not hold.
    func testFlagTable() throws {
        typealias Row = (String, CompilerKind, BuildMode, Bool, [String], [String])
        let rows: [Row] = [
            ("x86_64-linux", .cc, .dev, false, ["-O0", "-g", "-lm"], ["-s", "-O2", "-target"]),
            ("x86_64-linux", .cc, .release, false,
             ["-O2", "-s", "-ffunction-sections", "-fdata-sections", "-Wl,--gc-sections", "-lm"], ["-g", "-O0"]),
            ("x86_64-linux", .gcc, .release, false, ["-O2", "-s", "-Wl,--gc-sections", "-fomit-frame-pointer"], ["-g"]),
            // The default: optimised, line tables kept, not stripped (as `go build`).
            ("x86_64-linux", .cc, .optimized, false,
             ["-O2", "-g1", "-ffunction-sections", "-Wl,--gc-sections", "-lm"], ["-s", "-g", "-O0"]),
            ("x86_64-linux", .tcc, .optimized, false, ["-O2", "-g", "-lm"], ["-s", "-g1", "-Wl,--gc-sections"]),
            ("x86_64-linux", .zig, .optimized, false, ["-target", "x86_64-linux-gnu", "-O2", "-g1"],
             ["-s", "-O0", "-fomit-frame-pointer"]),
            ("x86_64-linux", .clang, .dev, false, ["-O0", "-g", "-lm"], ["-s"]),
            ("x86_64-linux", .tcc, .dev, false, ["-O0", "-g", "-lm"], ["-ffunction-sections"]),
            ("x86_64-linux", .tcc, .release, false, ["-O2", "-s", "-lm"],
             ["-ffunction-sections", "-fdata-sections", "-Wl,--gc-sections", "-fomit-frame-pointer"]),
            ("x86_64-linux", .zig, .dev, false, ["-target", "x86_64-linux-gnu", "-fno-sanitize=undefined", "-O0", "-g"],
             ["-static", "-s"]),
            ("x86_64-linux", .zig, .release, true, ["x86_64-linux-musl", "-static", "-O2", "-s", "-Wl,--gc-sections"],
             ["x86_64-linux-gnu"]),
            ("aarch64-linux", .zig, .release, false, ["aarch64-linux-musl", "-static", "-Wl,--gc-sections", "-s"], []),
            ("riscv64-linux", .zig, .dev, false, ["riscv64-linux-musl", "-static", "-O0", "-g"], ["-s"]),
            ("x86_64-macos", .zig, .release, false, ["x86_64-macos", "-Wl,-dead_strip", "-s", "-lm"],
             ["-static", "-Wl,--gc-sections"]),
            ("aarch64-macos", .zig, .dev, false, ["aarch64-macos", "-g"], ["-Wl,-dead_strip"]),
            ("x86_64-windows", .zig, .release, false, ["x86_64-windows-gnu", "-O2", "-s", "out.exe"],
             ["-Wl,--gc-sections", "-static"]),
            ("wasm32-wasi", .zig, .release, false, ["wasm32-wasi", "-Wl,--gc-sections", "-s", "out.wasm"], ["-static"]),
        ]
        for (target, kind, mode, portable, present, absent) in rows {
            let p = try plan(target, kind, mode, portable: portable)
            let words = linkWords(p)
            let label = "\(target) \(kind) \(mode)\(portable ? " portable" : "")"
            for w in present { XCTAssertTrue(words.contains(w), "\(label): missing \(w) in \(words)") }
            for w in absent { XCTAssertFalse(words.contains(w), "\(label): unexpected \(w) in \(words)") }
            // Runtime objects are compiled with the same target and code flags as the program.
            let runtimeJob = p.jobs[1]
            XCTAssertEqual(runtimeJob.role, .runtime)
            for w in ["-O0", "-O2", "-g", "-g1", "-target", "-static", "-ffunction-sections"] {
                XCTAssertEqual(words.contains(w), runtimeJob.arguments.contains(w), "\(label): \(w) differs")
            }
            XCTAssertTrue(runtimeJob.arguments.contains("-std=c99"), label)
            XCTAssertEqual(words.first, kind == .zig ? "/usr/bin/python3" : "/usr/bin/\(kind.rawValue)", label)
        }
    }

    func testEveryTargetIsReachableByZig() throws {
        for t in Target.all {
            for mode in BuildMode.allCases {
                let p = try plan(t.name, .zig, mode)
                XCTAssertEqual(p.output, "out" + t.executableSuffix)
                XCTAssertEqual(Array(p.jobs.last!.arguments.prefix(5)), ["-m", "ziglang", "cc", "-target",
                                                                          t.zigTarget(portable: false, host: host)])
            }
        }
    }

    func testSuffixIsNotDoubled() throws {
        XCTAssertEqual(try plan("x86_64-windows", .zig, .dev, output: "a.exe").output, "a.exe")
        XCTAssertEqual(try plan("wasm32-wasi", .zig, .dev, output: "a.wasm").output, "a.wasm")
    }

    func testCrossTargetWithNativeCompilerIsAUsageError() {
        for kind: CompilerKind in [.cc, .gcc, .clang, .tcc] {
            XCTAssertThrowsError(try plan("aarch64-linux", kind, .dev)) { e in
                let err = e as! LinkError
                XCTAssertTrue(err.isUsage)
                XCTAssertEqual(err.message, "--cc=\(kind.rawValue) cannot build for aarch64-linux: cross targets need zig "
                    + "(pip install ziglang, or scripts/setup-cross)")
            }
        }
    }

    func testPortableNeedsZigAndLinux() {
        XCTAssertThrowsError(try plan("x86_64-linux", .gcc, .release, portable: true)) { e in
            XCTAssertEqual((e as! LinkError).message,
                           "--portable needs zig (static musl) but --cc=gcc was given: pip install ziglang and use --cc=zig")
        }
        XCTAssertThrowsError(try plan("x86_64-windows", .zig, .release, portable: true)) { e in
            XCTAssertTrue((e as! LinkError).isUsage)
        }
    }

    func testBadInputsAndCwasm() {
        let t = host
        XCTAssertThrowsError(try Planner.validate(LinkRequest(inputs: ["x.txt"], output: "o", target: t), host: t)) { e in
            XCTAssertEqual((e as! LinkError).message, "unsupported input 'x.txt' (expected .c or .o)")
        }
        XCTAssertThrowsError(try Planner.validate(LinkRequest(inputs: ["x.c"], output: "o", target: t, emit: .cwasm),
                                                  host: t)) { e in
            XCTAssertEqual((e as! LinkError).message, "--emit=cwasm plans no C compiler jobs: the .wasm is precompiled by "
                + "Wasmtime (MochiWasmtime's Runner.precompile, as mochi-link does)")
            XCTAssertFalse((e as! LinkError).isUsage)
        }
    }

    func testMissingCompilerMessages() {
        let none = CompilerLocator(findProgram: { _ in nil }, findZigModulePython: { nil })
        let expected: [(CompilerKind, String)] = [
            (.zig, "zig not found: pip install ziglang (or run scripts/setup-cross); without it only native builds work (--cc=cc)"),
            (.tcc, "tcc not found: apt-get install tcc (or run scripts/setup-cross); --cc=cc works without it"),
            (.gcc, "gcc not found: apt-get install gcc; --cc=cc or --cc=zig work without it"),
        ]
        for (kind, message) in expected {
            XCTAssertThrowsError(try none.locate(kind)) { e in XCTAssertEqual((e as! LinkError).message, message) }
        }
        // With no compiler requested, a cross target says it needs zig.
        let cross = LinkRequest(inputs: ["p.c"], output: "o", target: Target.named("riscv64-linux")!)
        XCTAssertThrowsError(try Planner.chooseCompiler(cross, host: host, locator: none)) { e in
            XCTAssertTrue((e as! LinkError).message.hasSuffix("(riscv64-linux needs zig)"))
        }
    }

    func testDefaultCompilerPrefersZigThenCc() throws {
        let onlyCc = CompilerLocator(findProgram: { $0 == "cc" ? "/usr/bin/cc" : nil }, findZigModulePython: { nil })
        XCTAssertEqual(try onlyCc.locateDefault(), Compiler(kind: .cc, command: ["/usr/bin/cc"]))
        let pipZig = CompilerLocator(findProgram: { $0 == "cc" ? "/usr/bin/cc" : nil }, findZigModulePython: { "/py" })
        XCTAssertEqual(try pipZig.locateDefault(), Compiler(kind: .zig, command: ["/py", "-m", "ziglang", "cc"]))
        let pathZig = CompilerLocator(findProgram: { "/bin/" + $0 }, findZigModulePython: { "/py" })
        XCTAssertEqual(try pathZig.locateDefault(), Compiler(kind: .zig, command: ["/bin/zig", "cc"]))
    }

    func testCacheKeyFollowsDigestCompilerModeAndTarget() {
        func key(_ digest: String, _ kind: CompilerKind = .cc, _ mode: BuildMode = .dev, _ target: String = "x86_64-linux",
                 portable: Bool = false) -> String {
            var rt = runtime
            rt.digest = digest
            let r = LinkRequest(inputs: ["p.c"], output: "o", target: Target.named(target)!, compiler: kind, mode: mode,
                                portable: portable)
            return Planner.runtimeCacheKey(r, compiler(kind), runtime: rt, host: host)
        }
        XCTAssertEqual(key("d1"), key("d1"))
        XCTAssertNotEqual(key("d1"), key("d2"))
        XCTAssertNotEqual(key("d1"), key("d1", .gcc))
        XCTAssertNotEqual(key("d1"), key("d1", .cc, .release))
        XCTAssertNotEqual(key("d1"), key("d1", .cc, .optimized))
        XCTAssertNotEqual(key("d1", .cc, .optimized), key("d1", .cc, .release))
        XCTAssertNotEqual(key("d1", .zig), key("d1", .zig, .dev, "aarch64-linux"))
        XCTAssertNotEqual(key("d1", .zig), key("d1", .zig, portable: true))
        XCTAssertTrue(key("d1", .zig, portable: true).hasPrefix("x86_64-linux-musl-zig-dev-"))
    }

    func testRuntimeDigestChangesWhenASourceChanges() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mochi-link-digest-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir + "/include", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "int x;".write(toFile: dir + "/a.c", atomically: true, encoding: .utf8)
        try "/* h */".write(toFile: dir + "/include/mochi_runtime.h", atomically: true, encoding: .utf8)
        let d1 = try RuntimeSources.load(directory: dir).digest
        try "int x = 1;".write(toFile: dir + "/a.c", atomically: true, encoding: .utf8)
        let d2 = try RuntimeSources.load(directory: dir).digest
        try "/* h2 */".write(toFile: dir + "/include/mochi_runtime.h", atomically: true, encoding: .utf8)
        let d3 = try RuntimeSources.load(directory: dir).digest
        XCTAssertNotEqual(d1, d2)
        XCTAssertNotEqual(d2, d3)
        XCTAssertEqual(try RuntimeSources.load(directory: dir).cFiles, [dir + "/a.c"])
    }

    func testMissingRuntimeIsAClearError() {
        XCTAssertThrowsError(try RuntimeSources.locate(environment: ["MOCHI_RUNTIME_DIR": "/nonexistent"],
                                                       executablePath: nil)) { e in
            XCTAssertEqual((e as! LinkError).message, "runtime sources not found: no include/mochi_runtime.h in "
                + "/nonexistent; set MOCHI_RUNTIME_DIR to the Sources/MochiRuntime directory")
        }
        XCTAssertThrowsError(try RuntimeSources.locate(environment: [:], executablePath: "/nowhere/bin/mochi-link"))
    }

    func testCacheRootOrder() throws {
        XCTAssertEqual(try cacheRoot(environment: ["MOCHI_CACHE": "/m", "XDG_CACHE_HOME": "/x", "HOME": "/h"]), "/m")
        XCTAssertEqual(try cacheRoot(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]), "/x/mochi")
        XCTAssertEqual(try cacheRoot(environment: ["HOME": "/h"]), "/h/.cache/mochi")
    }

    func testShellQuoting() {
        XCTAssertEqual(shellQuote("-O2"), "-O2")
        XCTAssertEqual(shellQuote("a b"), "'a b'")
        XCTAssertEqual(shellQuote("it's"), "'it'\\''s'")
        XCTAssertEqual(shellQuote(""), "''")
        XCTAssertEqual(Job(role: .program, executable: "/bin/cc", arguments: ["x y.c"], environment: [("A", "1")])
            .commandLine, "env A=1 /bin/cc 'x y.c'")
    }

    func testSHA256KnownAnswers() {
        var a = SHA256()
        XCTAssertEqual(a.hexDigest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var b = SHA256()
        b.update(Array("abc".utf8))
        XCTAssertEqual(b.hexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var c = SHA256()
        c.update(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        XCTAssertEqual(c.hexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
