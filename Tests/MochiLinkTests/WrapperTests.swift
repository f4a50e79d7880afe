// Compiler commands and wrappers (`--cc="ccache gcc"`, `CC=...`): which word is the
// compiler, how each word is found, and the plan a wrapper gets (objects compiled
// through the wrapper, then linked without it, then removed). No compiler runs.

import XCTest
@testable import MochiLink

final class WrapperTests: XCTestCase {
    func testSpecFindsTheCompilerWord() {
        func parts(_ s: String) -> (CompilerKind, [String], [String])? {
            CompilerSpec.parse(s).map { ($0.kind, $0.wrapper, $0.command) }
        }
        XCTAssertEqual(parts("ccache gcc")?.0, .gcc)
        XCTAssertEqual(parts("ccache gcc")?.1, ["ccache"])
        XCTAssertEqual(parts("  distcc   /usr/bin/clang-16 ")?.0, .clang)
        XCTAssertEqual(parts("  distcc   /usr/bin/clang-16 ")?.2, ["/usr/bin/clang-16"])
        XCTAssertEqual(parts("x86_64-linux-gnu-gcc-12")?.0, .gcc)
        XCTAssertEqual(parts("sccache zig cc")?.0, .zig)
        XCTAssertEqual(parts("sccache zig cc")?.2, ["zig", "cc"])
        XCTAssertEqual(parts("python3 -m ziglang cc")?.0, .zig)
        XCTAssertEqual(parts("icecc tcc")?.0, .tcc)
        XCTAssertEqual(parts("cc")?.0, .cc)
        // No word naming a known compiler: refused (the kind decides the flags).
        XCTAssertNil(parts("icc"))
        XCTAssertNil(parts("ccache mycompiler"))
        XCTAssertNil(parts("   "))
    }

    func locator(_ programs: [String: String], zigPython: String? = nil) -> CompilerLocator {
        CompilerLocator(findProgram: { programs[$0] ?? ($0.hasPrefix("/") ? $0 : nil) }, findZigModulePython: { zigPython })
    }

    func testLocateResolvesEveryWord() throws {
        let l = locator(["ccache": "/usr/bin/ccache", "gcc": "/usr/bin/gcc"])
        let c = try l.locate(spec: CompilerSpec.parse("ccache gcc")!)
        XCTAssertEqual(c, Compiler(kind: .gcc, command: ["/usr/bin/gcc"], wrapper: ["/usr/bin/ccache"]))
        XCTAssertEqual(c.invocation, ["/usr/bin/ccache", "/usr/bin/gcc"])
        // zig without zig on PATH: pip's module, as --cc=zig finds it.
        let z = try locator(["ccache": "/usr/bin/ccache"], zigPython: "/py").locate(spec: CompilerSpec.parse("ccache zig")!)
        XCTAssertEqual(z.command, ["/py", "-m", "ziglang", "cc"])
        XCTAssertThrowsError(try locator(["gcc": "/usr/bin/gcc"]).locate(spec: CompilerSpec.parse("ccache gcc")!)) { e in
            XCTAssertTrue("\(e)".contains("ccache not found"))
        }
    }

    func testWrappedPlanCompilesThroughTheWrapperThenLinks() throws {
        let runtime = RuntimeSources(directory: "/rt", cFiles: ["/rt/a.c"], digest: "d1")
        let host = Target.named("x86_64-linux")!
        let gcc = Compiler(kind: .gcc, command: ["/usr/bin/gcc"], wrapper: ["/usr/bin/ccache"])
        var request = LinkRequest(inputs: ["p.c"], output: "out", target: host, compiler: .gcc, mode: .dev)
        request.compilerSpec = CompilerSpec.parse("ccache gcc")
        let p = try Planner.plan(request, compiler: gcc, runtime: runtime, cacheRoot: "/cache", host: host,
                                 runtimeCached: true, stagingTag: "7")
        let key = Planner.runtimeCacheKey(request, gcc, runtime: runtime, host: host)
        XCTAssertEqual(p.commandLines, [
            "/usr/bin/ccache /usr/bin/gcc -O0 -g -fno-strict-aliasing -I/rt/include -c p.c -o out.mochi-0.o",
            "/usr/bin/gcc -O0 -g -fno-strict-aliasing out.mochi-0.o /cache/runtime/\(key)/a.o -o out -lm",
            "rm -f out.mochi-0.o",
        ])
    }
}
