// The JIT against the interpreter: Mochi programs covering every family of ops
// print the same bytes under both; the code mapping is never writable and
// executable at once (/proc/self/maps, read while a program runs); and through
// the built mochi-jitrun, runtime errors (message, `  at file:line`, exit
// status, stdout flushed first) and stack overflow match the interpreter's, and a
// stale or foreign library is refused.

import Foundation
import XCTest
import MochiIR
import MochiFrontend
import MochiInterp
import MochiJITSupport
import MochiTestPrograms
@testable import MochiJIT
@testable import MochiStencil

final class JITTests: XCTestCase {
    /// The JIT prints what the interpreter prints, with and without register
    /// homes, with and without inlining.
    func assertSame(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let m = try compile(source, file: file, line: line)
        let want = try Interpreter(module: m).runCapturingOutput()
        for (homes, inline) in [(true, true), (false, true), (true, false)] {
            let jit = try JIT(module: m, stencils: try Fixtures.loaded.get())
            jit.registerHomes = homes
            jit.inlining = inline
            let got = try jit.runCapturingOutput()
            XCTAssertEqual(got, want, "register homes \(homes ? "on" : "off"), inlining \(inline ? "on" : "off")",
                           file: file, line: line)
        }
        XCTAssertFalse(want.isEmpty, file: file, line: line)
    }

    /// Contained runs (the ir-exec fuzz target's in-process runs): a runtime error
    /// returns status 1 with the `error:` text after what was printed, in both
    /// engines alike, and leaves the runtime able to run the next program, whose
    /// output holds nothing of the one before; a normal end is status 0.
    func testContainedRunsReturnFromARuntimeError() throws {
        let failing = try compile("""
            fun f(n: int): int {
              if n == 0 { return 10 / n }
              return f(n - 1) + 1
            }
            print("before")
            print(f(50))
            """)
        let fine = try compile("""
            var xs: list<int> = []
            for i in 0..20000 { xs = append(xs, i * 2) }
            print(len(xs))
            """)
        for round in 0..<3 {
            let i1 = try Interpreter(module: failing).runContained(seconds: 0, heapBudget: 0)
            let j1 = try JIT(module: failing, stencils: try Fixtures.loaded.get()).runContained(seconds: 0, heapBudget: 0)
            XCTAssertEqual(i1.status, 1, "round \(round)")
            let text = String(decoding: i1.output, as: UTF8.self)
            XCTAssertTrue(text.hasPrefix("before\nerror: division by zero\n"), text)
            XCTAssertEqual(j1, i1, "round \(round)")
            let i2 = try Interpreter(module: fine).runContained(seconds: 0, heapBudget: 0)
            let j2 = try JIT(module: fine, stencils: try Fixtures.loaded.get()).runContained(seconds: 0, heapBudget: 0)
            XCTAssertEqual(i2, ContainedEnding(status: 0, output: Array("20000\n".utf8)), "round \(round)")
            XCTAssertEqual(j2, i2, "round \(round)")
        }
    }

    /// A contained run past its heap budget stops at the collector's next look
    /// with status -2 (the fuzz target then runs the input in a child).
    func testContainedRunStopsPastItsHeapBudget() throws {
        let m = try compile("""
            var s = "ab"
            for i in 0..40 { s = s + s }
            print(len(s))
            """)
        let i = try Interpreter(module: m).runContained(seconds: 0, heapBudget: 64 << 20)
        XCTAssertEqual(i.status, -2)
        let j = try JIT(module: m, stencils: try Fixtures.loaded.get()).runContained(seconds: 0, heapBudget: 64 << 20)
        XCTAssertEqual(j.status, -2)
    }

    /// A contained run that never allocates still stops once out of time (status
    /// -1), in both engines: a loop (the interpreter's back-edge polls, the JIT's
    /// block-start polls) and a recursion without loops (function-entry polls);
    /// a run after it in the same process runs as before. (A CPU-time timer:
    /// each stopped run takes about its 0.3 s of CPU time.)
    func testContainedRunStopsOutOfTimeWithoutAllocating() throws {
        let loop = try compile("""
            var i = 0
            var s = 0
            while true {
              s = (s * 31 + i) % 1000000007
              i = i + 1
            }
            """)
        let recursion = try compile("""
            fun fib(n: int): int {
              if n < 2 { return n }
              return fib(n - 1) + fib(n - 2)
            }
            print(fib(90))
            """)
        let fine = try compile("print(1 + 2)")
        for (name, m) in [("loop", loop), ("recursion", recursion)] {
            let interp = try Interpreter(module: m, contained: true).runContained(seconds: 0.3, heapBudget: 0)
            XCTAssertEqual(interp, ContainedEnding(status: -1, output: []), name)
            let jit = try JIT(module: m, stencils: try Fixtures.loaded.get()).runContained(seconds: 0.3, heapBudget: 0)
            XCTAssertEqual(jit, ContainedEnding(status: -1, output: []), name)
            let next = try JIT(module: fine, stencils: try Fixtures.loaded.get()).runContained(seconds: 0.3, heapBudget: 0)
            XCTAssertEqual(next, ContainedEnding(status: 0, output: Array("3\n".utf8)), name)
            XCTAssertEqual(try Interpreter(module: fine, contained: true).runContained(seconds: 0.3, heapBudget: 0), next, name)
        }
        // Uncontained runs of the same interpreter pass over its polls.
        XCTAssertEqual(try Interpreter(module: fine, contained: true).runCapturingOutput(), "3\n")
    }

    /// A contained run's output stops at MOCHI_CONTAIN_OUTPUT_CAP bytes: the run
    /// ends there with status -4 (`truncated`), its output the first 1 MB of what
    /// it printed, the same in both engines; a runtime error after the cap ends
    /// it the same way, its text dropped.
    func testContainedRunStopsAtTheOutputCap() throws {
        let endless = try compile("""
            var i = 0
            while true {
              print("line " + str(i))
              i = i + 1
            }
            """)
        let failsAfter = try compile("""
            var i = 0
            while i < 200000 {
              print("line " + str(i))
              i = i + 1
            }
            print(10 / (i - i))
            """)
        var expected: [UInt8] = []
        var k = 0
        while expected.count < 1 << 20 { expected += Array("line \(k)\n".utf8); k += 1 }
        expected = Array(expected.prefix(1 << 20))
        for (name, m) in [("endless", endless), ("fails after", failsAfter)] {
            let interp = try Interpreter(module: m, contained: true).runContained(seconds: 20, heapBudget: 0)
            XCTAssertTrue(interp.truncated, name)
            XCTAssertEqual(interp.status, -4, name)
            XCTAssertEqual(interp.output.count, 1 << 20, name)
            XCTAssertTrue(interp.output == expected, name)
            let jit = try JIT(module: m, stencils: try Fixtures.loaded.get()).runContained(seconds: 20, heapBudget: 0)
            XCTAssertTrue(jit == interp, name)
        }
    }

    /// The operands a frame gathers for a variadic op (`Node { ... }` here) are
    /// zeroed once the op has read them, as the interpreter's `clearGathered`
    /// does. Left in place, the root's operands in the outermost bottomUp frame
    /// kept the previous tree's right half alive through the whole next build
    /// of binary_trees' loop `c = c + check(bottomUp(d))` (at depth 16 the
    /// collector's peak was 19.6 MB against the interpreter's 15.4 MB). The
    /// program's output is the interpreter's; in the listing each Node's
    /// `struct_new` is followed by one zeroing store per reference operand.
    /// (Comparing the collector's peaks in-process does not work in a debug
    /// build: the debug interpreter's own peak is higher still.)
    func testGatheredReferencesAreZeroedAfterTheAllocation() throws {
        let source = """
            type Tree = Leaf | Node(left: Tree, right: Tree)
            fun bottomUp(depth: int): Tree {
              if depth <= 0 { return Node { left: Leaf, right: Leaf } }
              return Node { left: bottomUp(depth - 1), right: bottomUp(depth - 1) }
            }
            fun check(t: Tree): int {
              return match t {
                Leaf => 0
                Node(l, r) => 1 + check(l) + check(r)
              }
            }
            var c = 0
            for i in 0..4 { c = c + check(bottomUp(10)) }
            print(c)
            """
        try assertSame(source)
        let jit = try JIT(module: try compile(source), stencils: try Fixtures.loaded.get())
        let listing = try jit.dumpCode()
        let body = try XCTUnwrap(listing.components(separatedBy: "function @").first { $0.hasPrefix("bottomUp:") })
        let stencils = body.split(separator: "\n").filter { $0.hasPrefix("  ; ") }.map { $0.dropFirst(4) }
        // Four allocations: two Leafs (no operands) and a Node on the leaf path,
        // a Node on the other; each Node's two reference operands are zeroed
        // right after it.
        let news = stencils.indices.filter { stencils[$0] == "struct_new" }
        let cleared = news.filter { Array(stencils[($0 + 1)...].prefix(2)) == ["const_m", "const_m"] }
        XCTAssertEqual(news.count, 4, body)
        XCTAssertEqual(cleared.count, 2, "a Node's operands are not cleared after struct_new:\n\(body)")
    }

    /// Small leaf functions are inlined (no call stencil left for them in the
    /// caller) and behave as when called: several returns, branches and loops
    /// inside, no result, called twice in a block, from a loop, from main.
    func testInliningLeafFunctions() throws {
        let source = """
            fun clamp(x: int, lo: int, hi: int): int {
              if x < lo { return lo }
              if x > hi { return hi }
              return x
            }
            fun sumTo(n: int): int {
              var s = 0
              for i in 0..n { s = s + i }
              return s
            }
            fun scale(x: float): float { return x * 0.5 + 1.0 }
            fun poke(xs: list<int>, i: int) { xs[i] = xs[i] + 1 }
            fun both(a: int, b: int): bool { return a > 0 && b > 0 }
            fun outer(n: int): int {
              var t = 0
              let xs = [0, 0, 0]
              for i in 0..n {
                t = t + clamp(i * 7 % 23, 3, 17) + clamp(i, 5, 9)
                poke(xs, i % 3)
                if both(i % 2, i % 3) { t = t + 1 }
              }
              return t + sumTo(n) + xs[0] * 100 + xs[1] * 10 + xs[2]
            }
            print(outer(40), outer(41), scale(3.0), clamp(-5, 0, 9), sumTo(10))
            """
        try assertSame(source)
        let m = try compile(source)
        let jit = try JIT(module: m, stencils: try Fixtures.loaded.get())
        let listing = try jit.dumpCode()
        let outer = try XCTUnwrap(listing.components(separatedBy: "function @").first { $0.hasPrefix("outer:") })
        XCTAssertFalse(outer.contains("; call_m") || outer.contains("; call_0") || outer.contains("; call_void"), outer)
        XCTAssertTrue(outer.contains("; call_check"), "an inlined call keeps its depth check")
    }

    /// `&&`, `||` and loops as the JIT lays them out (jump threading through
    /// blocks that only test a value again, loop tests repeated at the back
    /// edge): short-circuiting, a condition also used as a value, nested and
    /// empty loops, float and integer tests.
    func testShortCircuitAndLoopShapes() throws {
        try assertSame("""
            var calls = 0
            fun yes(x: int): bool {
              calls = calls + 1
              return x > 2
            }
            fun run(n: int): int {
              var hits = 0
              var i = 0
              while i < n && yes(i) || i == 0 {
                let both = i % 2 == 0 && i % 3 == 0
                if both { hits = hits + 10 }
                if i > 5 || both { hits = hits + 1 }
                var b = both
                if !(i < 4) && b { hits = hits + 100 }
                i = i + 1
              }
              var x = 0.0
              var k = 0
              while x < 10.0 && !(x > 7.5) {
                x = x + 0.75
                k = k + 1
              }
              for a in 0..0 { hits = hits + 1000 }
              for a in 0..3 {
                for c in a..4 { hits = hits + a * c }
              }
              return hits * 1000 + k * 10 + calls
            }
            print(run(12), run(0), run(1))
            """)
    }

    /// Random well-typed programs (arithmetic over ints, floats and bools,
    /// strings, lists, maps and structs, diamonds whose join arguments arrive
    /// swapped, loops whose header parameters rotate on the back edge) print
    /// what the interpreter prints, with and without register homes and
    /// inlining: register allocation, coalescing, edge moves, threading and
    /// loop rotation against the reference.
    func testRandomProgramsMatchTheInterpreter() throws {
        let stencils = try Fixtures.loaded.get()
        for seed in 0..<40 {
            var g = RandomPrograms(seed: UInt64(1000 + seed))
            let m = g.module(functions: 8)
            XCTAssertEqual(verify(m).map(\.description), [], "seed \(seed)")
            let want = try Interpreter(module: m).runCapturingOutput()
            for (homes, inline) in [(true, true), (false, true), (true, false)] {
                let jit = try JIT(module: m, stencils: stencils)
                jit.registerHomes = homes
                jit.inlining = inline
                XCTAssertEqual(try jit.runCapturingOutput(), want, "seed \(seed), homes \(homes), inlining \(inline)")
            }
        }
    }

    /// More live values than homes across runtime calls and Mochi calls: the
    /// homes live across each one are saved and restored, the rest are not.
    func testHomesLiveAcrossCalls() throws {
        try assertSame("""
            fun id(s: string): string { return s + "" }
            fun work(n: int): int {
              var a = 1
              var b = 2
              var c = 3
              var d = 4
              var e = 5
              var f = 6
              var g = 7
              var h = 8
              var x = 0.5
              var y = 1.5
              var z = 2.5
              var w = 3.5
              var u = 4.5
              var v = 5.5
              var p = 6.5
              var q = 7.5
              var r = 8.5
              var names: list<string> = []
              for i in 0..n {
                names = append(names, id(str(i)))
                a = a + b + len(names)
                b = b + c
                c = c + d
                d = d + e
                e = e + f
                f = f + g
                g = g + h
                h = h + a % 5
                x = x + y
                y = y + z * 0.5
                z = z + w
                w = w + u
                u = u + v * 0.25
                v = v + p
                p = p + q
                q = q + r * 0.5
                r = r + x * 0.125
              }
              print(a, b, c, d, e, f, g, h)
              print(x, y, z, w, u, v, p, q, r)
              return len(names)
            }
            print(work(12))
            """)
    }

    /// Division by a constant is a magic-number multiplication: the same
    /// quotients and remainders as a divide, at the int64 edges too.
    func testDivisionByConstants() throws {
        try assertSame("""
            let xs = [0, 1, -1, 6, -6, 7, -7, 9223372036854775807, -9223372036854775807 - 1, 123456789, -987654321,
                      1000000006, 1000000007, -1000000008, 4611686018427387904, -4611686018427387905]
            for x in xs {
              print(x / 2, x % 2, x / 3, x % 3, x / 7, x % 7, x / 10, x % 10, x / 641, x % 641)
              print(x / 1000000007, x % 1000000007, x / 4611686018427387904, x % 4611686018427387904,
                    x / 9223372036854775807, x % 9223372036854775807, x / 1, x % 1, x / -3, x % -3)
            }
            """)
        var rng = SystemRandomNumberGenerator()
        var divisors: [Int64] = Array(2...300) + [641, 1_000_000_007, 139_968, 1 << 62, Int64.max, Int64.max - 1, (1 << 32) + 1]
        for _ in 0..<300 { divisors.append(Int64.random(in: 2...Int64.max, using: &rng)) }
        for d in divisors {
            let m = signedDivisionMagic(d)
            var xs: [Int64] = [0, 1, -1, Int64.max, Int64.min, Int64.min + 1, d, -d, d - 1, 1 - d]
            for _ in 0..<40 { xs.append(Int64.random(in: Int64.min...Int64.max, using: &rng)) }
            for x in xs {
                var q = x.multipliedFullWidth(by: m.multiplier).high
                if m.multiplier < 0 { q = q &+ x }
                q = (q >> Int64(m.shift)) &+ (x < 0 ? 1 : 0)
                XCTAssertEqual(q, x / d, "x=\(x) d=\(d)")
            }
        }
    }

    /// Register homes under pressure: more hot values than registers, swaps
    /// (cycles among block parameters), values live across calls, and mixed
    /// integer and float loops.
    func testRegisterHomesUnderPressure() throws {
        try assertSame("""
            fun sq(x: int): int { return x * x }
            fun half(x: float): float { return x * 0.5 }
            fun swaps(n: int): int {
              var a = 1
              var b = 2
              var c = 3
              for i in 0..n {
                let t = a
                a = b
                b = c
                c = t
                if i % 5 == 0 { let u = a
                  a = c
                  c = u }
              }
              return a * 100 + b * 10 + c
            }
            fun many(n: int): int {
              var a = 1
              var b = 2
              var c = 3
              var d = 4
              var e = 5
              var f = 6
              var g = 7
              for i in 0..n {
                a = a + b
                b = (b * 3 + c) % 1000
                c = c + sq(d % 10)
                d = d + e - i
                e = (e + f) % 977
                f = f + g / 3
                g = g + a % 7
              }
              return a + b + c + d + e + f + g
            }
            fun floats(n: int): float {
              var a = 1.0
              var b = 2.0
              var c = 3.0
              var d = 4.0
              var e = 5.0
              var f = 6.0
              var k = 0
              for i in 0..n {
                let t = a
                a = b * 0.5 + c
                b = c - d * 0.25
                c = half(d + e)
                d = e * 0.125 + (i as float)
                e = f + t
                f = t * 0.5 + (k as float)
                k = k + i % 3
                if a > 1000000.0 { a = a / 1000.0 }
              }
              return a + b + c + d + e + f + (k as float)
            }
            fun mixed(xs: list<float>): float {
              var s = 0.0
              var i = 0
              var best = -1.0
              var at = -1
              while i < len(xs) {
                let x = xs[i]
                s = s + x * x
                if x > best { best = x
                  at = i }
                i = i + 1
              }
              return s + best + (at as float)
            }
            print(swaps(20), swaps(21), many(50), many(51))
            print(floats(30), floats(31))
            print(mixed([1.5, -2.0, 7.25, 3.0, 7.0]))
            var grid: list<int> = []
            for i in 0..64 { grid = append(grid, (i * 37) % 11) }
            var acc = 0
            for i in 0..64 { grid[i] = grid[i] + grid[(i + 1) % 64] * 2
              acc = acc + grid[i] }
            print(acc, grid[0], grid[63])
            """)
    }

    func testIntegersCallsAndLoops() throws {
        try assertSame(OpFamilyPrograms.integersCallsAndLoops)
    }

    func testFloatsAndMath() throws {
        try assertSame(OpFamilyPrograms.floatsAndMath)
    }

    func testStringsListsMaps() throws {
        try assertSame(OpFamilyPrograms.stringsListsMaps)
    }

    func testStructsUnionsClosuresQueries() throws {
        try assertSame(OpFamilyPrograms.structsUnionsClosuresQueries)
    }

    func testUnboxConvertsRepresentations() throws {
        try assertSame(OpFamilyPrograms.unboxConvertsRepresentations)
    }

    /// Every function the runtime header declares resolves in the JIT's symbol
    /// table, so a stencil may call any of them.
    func testSymbolTableCoversTheRuntimeHeader() throws {
        let header = try String(contentsOfFile: Fixtures.root + "/Sources/MochiRuntime/include/mochi_runtime.h", encoding: .utf8)
        var names: [String] = []
        for line in header.split(separator: "\n") where !line.contains("static inline") && !line.hasPrefix(" ") && !line.hasPrefix("typedef") {
            guard let paren = line.firstIndex(of: "(") else { continue }
            let head = line[..<paren]
            guard let start = head.lastIndex(where: { $0 == " " || $0 == "*" }) else { continue }
            let name = String(head[head.index(after: start)...])
            if name.hasPrefix("mochi_") { names.append(name) }
        }
        XCTAssertGreaterThan(names.count, 150)
        for n in names { XCTAssertNotNil(mochi_jit_symbol(n), "mochi_jit_symbols.c lacks \(n)") }
    }

    /// W^X: while a JIT program runs, no mapping of the process is both
    /// writable and executable, and the code mapping is read-execute.
    func testCodeIsNeverWritableAndExecutable() throws {
        let m = try compile("print(1 + 2)")
        let jit = try JIT(module: m, stencils: try Fixtures.loaded.get())
        var maps = ""
        var codeBase: UInt = 0
        jit.onCompiled = { code in
            maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
            codeBase = UInt(bitPattern: code.base)
        }
        XCTAssertEqual(try jit.runCapturingOutput(), "3\n")
        XCTAssertFalse(maps.isEmpty)
        for line in maps.split(separator: "\n") {
            let perms = line.split(separator: " ")[1]
            XCTAssertFalse(perms.hasPrefix("rwx"), "writable and executable: \(line)")
        }
        let codeLine = maps.split(separator: "\n").first { l in
            let range = l.split(separator: " ")[0].split(separator: "-")
            return UInt(range[0], radix: 16) == codeBase
        }
        XCTAssertEqual(codeLine.map { String($0.split(separator: " ")[1]) }, "r-xp")
    }

    func testStatsCountEveryFunction() throws {
        let m = try compile("fun f(x: int): int { return x * 2 }\nprint(f(21))")
        let jit = try JIT(module: m, stencils: try Fixtures.loaded.get())
        XCTAssertEqual(try jit.runCapturingOutput(), "42\n")
        XCTAssertEqual(jit.stats.functions.map(\.name).sorted(), ["f", "main"])
        XCTAssertTrue(jit.stats.functions.allSatisfy { $0.codeBytes > 0 && $0.stencils > 0 })
    }

    // MARK: through the built tool (runtime errors end the process)

    static let tool: String? = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let dir = URL(fileURLWithPath: exe).deletingLastPathComponent().path
        let p = dir + "/mochi-jitrun"
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }()

    static let libraryPath: String? = {
        guard let lib = try? Fixtures.library(.x86_64Linux) else { return nil }
        let p = NSTemporaryDirectory() + "/mochi-jittest-\(getpid()).stencils"
        return FileManager.default.createFile(atPath: p, contents: Data(lib.encoded())) ? p : nil
    }()

    func runTool(_ args: [String], stencils: String?) throws -> (Int32, String, String) {
        try Self.runTool(args, stencils: stencils)
    }

    /// Runs the built mochi-jitrun with `stencils` as its library: (status, stdout, stderr).
    static func runTool(_ args: [String], stencils: String?) throws -> (Int32, String, String) {
        guard let tool = Self.tool else { throw XCTSkip("mochi-jitrun is not built beside the tests") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["MOCHI_STENCILS"] = stencils
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func testRuntimeErrorsMatchTheInterpreter() throws {
        guard let lib = Self.libraryPath else { throw XCTSkip("no stencil library") }
        let dir = Fixtures.root + "/tests/interp"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".mir") }.sorted()
        XCTAssertFalse(files.isEmpty)
        for f in files {
            let jit = try runTool([dir + "/" + f], stencils: lib)
            let interp = try runTool(["--interp", dir + "/" + f], stencils: lib)
            XCTAssertEqual(jit.0, interp.0, f)
            XCTAssertEqual(jit.1, interp.1, f)
            XCTAssertEqual(jit.2, interp.2, f)
        }
        let so = try runTool([dir + "/stack_overflow.mir"], stencils: lib)
        XCTAssertEqual(so.0, 1)
        XCTAssertTrue(so.2.hasPrefix("error: stack overflow"), so.2)
    }

    func testStaleAndForeignLibrariesAreRefused() throws {
        guard Self.tool != nil else { throw XCTSkip("mochi-jitrun is not built beside the tests") }
        let hello = Fixtures.root + "/tests/interp/hello.mir"
        var lib = try Fixtures.library(.x86_64Linux)
        lib.digest = [UInt8](repeating: 0, count: 32)
        let stale = NSTemporaryDirectory() + "/mochi-stale-\(getpid()).stencils"
        _ = FileManager.default.createFile(atPath: stale, contents: Data(lib.encoded()))
        defer { try? FileManager.default.removeItem(atPath: stale) }
        // The tool finds the sources from its own location (inside this checkout).
        let r = try runTool([hello], stencils: stale)
        XCTAssertEqual(r.0, 1)
        XCTAssertTrue(r.2.contains("is stale"), r.2)
        XCTAssertEqual(r.1, "")
        let foreign = NSTemporaryDirectory() + "/mochi-foreign-\(getpid()).stencils"
        _ = FileManager.default.createFile(atPath: foreign, contents: Data(try Fixtures.library(.aarch64Linux).encoded()))
        defer { try? FileManager.default.removeItem(atPath: foreign) }
        let f = try runTool([hello], stencils: foreign)
        XCTAssertEqual(f.0, 1)
        XCTAssertTrue(f.2.contains("for aarch64-linux, this machine needs x86_64-linux"), f.2)
        let missing = try runTool([hello], stencils: "/nonexistent/x.stencils")
        XCTAssertEqual(missing.0, 1)
        XCTAssertTrue(missing.2.contains("no stencil library at /nonexistent/x.stencils"), missing.2)
    }
}
