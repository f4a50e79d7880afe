// Compiling on demand and tiering up (MochiJIT/Tiers.swift): programs print
// what the interpreter prints under every policy and threshold (calls crossing
// the tiers both ways, closures, globals, structs and unions made in one tier
// and read in the other); the code arena is never writable and executable at
// once, code written while the program runs included; the per-tier figures
// count what ran where.

import Foundation
import XCTest
import MochiIR
import MochiFrontend
import MochiInterp
@testable import MochiJIT

final class TierTests: XCTestCase {
    func compile(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> Module {
        let r = compileMochi(source: Array(source.utf8), fileName: "t.mochi")
        guard let m = r.module else {
            XCTFail("does not compile:\n" + r.renderedDiagnostics, file: file, line: line)
            throw XCTSkip("")
        }
        return m
    }

    static let mixed = """
        type Point { x: int, y: int }
        type Shape = Circle(r: float) | Rect(w: float, h: float)
        var counter = 0
        fun area(s: Shape): float {
          return match s {
            Circle(r) => 3.0 * r * r
            Rect(w, h) => w * h
          }
        }
        fun fib(n: int): int { if n < 2 { return n } return fib(n - 1) + fib(n - 2) }
        fun mk(i: int): Point { counter = counter + 1; return Point { x: i, y: i * 2 } }
        fun shape(i: int): Shape { if i % 2 == 0 { return Circle(float(i)) } return Rect(1.5, float(i)) }
        fun words(n: int): list<string> {
          var out: list<string> = []
          for i in 0..n { out = out + ["w" + str(i)] }
          return out
        }
        fun apply(f: fun(int): int, x: int): int { return f(x) }
        fun loop(n: int): int {
          var t = 0
          var i = 0
          while i < n { t = t + i % 7; i = i + 1 }
          return t
        }
        var total = 0.0
        var ys = 0
        for i in 0..120 {
          total = total + area(shape(i))
          ys = ys + mk(i).y + fib(i % 12)
        }
        let k = 5
        print(total, ys, counter, apply(fun(a: int): int => a * k, 9), len(words(30)), loop(5000))
        print(mk(3), shape(4), shape(5))
        """

    /// Every policy and threshold prints what the interpreter prints.
    func testPoliciesPrintWhatTheInterpreterPrints() throws {
        let m = try compile(TierTests.mixed)
        let want = try Interpreter(module: m).runCapturingOutput()
        XCTAssertFalse(want.isEmpty)
        for (policy, threshold) in [(JITPolicy.eager, 1), (.lazy, 1), (.tiered, 1), (.tiered, 2), (.tiered, 50),
                                    (.tiered, 1000)] {
            let jit = try JIT(module: m, stencils: try Fixtures.loaded.get())
            jit.policy = policy
            jit.tierThreshold = threshold
            XCTAssertEqual(try jit.runCapturingOutput(), want, "\(policy) threshold \(threshold)")
        }
    }

    /// On-stack replacement: with calls never tiering up, every function that
    /// loops enters JIT code at a loop header in the middle of its run (values
    /// in registers loaded from the shared frame), and prints what the
    /// interpreter prints, whichever back edge makes it hot.
    func testLoopsMoveToJITCodeWhileRunning() throws {
        let m = try compile(TierTests.mixed)
        let want = try Interpreter(module: m).runCapturingOutput()
        for threshold in [1, 2, 7, 100] {
            let jit = try JIT(module: m, stencils: try Fixtures.loaded.get())
            jit.policy = .tiered
            jit.tierThreshold = threshold
            jit.tierCallThreshold = 1 << 30
            XCTAssertEqual(try jit.runCapturingOutput(), want, "back-edge threshold \(threshold)")
            XCTAssertGreaterThanOrEqual(jit.tierStats.osrEntries, threshold <= 7 ? 3 : 1, "threshold \(threshold)")
        }
    }

    /// Every loop in turn: with `forcedOSRLoop = k` the interpreter enters JIT
    /// code at the k-th loop header it reaches and nowhere else (no function
    /// is hot by its counts), for each k the uncounting run (-1) reached, and
    /// each run prints what the interpreter prints after exactly one entry.
    func testEveryLoopEntersJITCodeInTurn() throws {
        let m = try compile(TierTests.mixed)
        let want = try Interpreter(module: m).runCapturingOutput()
        let count = try JIT(module: m, stencils: try Fixtures.loaded.get())
        count.policy = .tiered
        count.forcedOSRLoop = -1
        XCTAssertEqual(try count.runCapturingOutput(), want)
        XCTAssertEqual(count.tierStats.osrEntries, 0)
        XCTAssertEqual(count.tierStats.compiled, 0)
        let loops = try XCTUnwrap(count.tierStats.loopHeaders)
        XCTAssertGreaterThanOrEqual(loops, 3) // @main's, words', loop's
        for k in 0..<loops {
            let jit = try JIT(module: m, stencils: try Fixtures.loaded.get())
            jit.policy = .tiered
            jit.forcedOSRLoop = k
            XCTAssertEqual(try jit.runCapturingOutput(), want, "loop \(k)")
            XCTAssertEqual(jit.tierStats.osrEntries, 1, "loop \(k)")
        }
    }

    /// Lazy: only what is called is compiled; tiered: what stays cold is
    /// interpreted, what gets hot is compiled after running interpreted, and
    /// @main's loop goes on in JIT code once it has looped 100 times (without
    /// inlining, which would fold the small functions into @main).
    func testTierFigures() throws {
        let m = try compile("""
            fun never(x: int): int { return x + 1 }
            fun once(x: int): int { return x * 3 }
            fun often(x: int): int { return x % 5 }
            var s = 0
            for i in 0..200 { s = s + often(i) }
            print(s + once(2))
            """)
        let lazy = try JIT(module: m, stencils: try Fixtures.loaded.get())
        lazy.inlining = false
        lazy.policy = .lazy
        XCTAssertEqual(try lazy.runCapturingOutput(), "406\n")
        XCTAssertEqual(lazy.tierStats.compiled, 3) // main, once, often
        XCTAssertEqual(Set(lazy.stats.functions.map(\.name)), ["main", "once", "often"])
        let tiered = try JIT(module: m, stencils: try Fixtures.loaded.get())
        tiered.inlining = false
        tiered.policy = .tiered
        tiered.tierThreshold = 100
        XCTAssertEqual(try tiered.runCapturingOutput(), "406\n")
        // often's 100th call comes before @main's 100th back edge.
        XCTAssertEqual(tiered.stats.functions.map(\.name), ["often", "main"])
        XCTAssertEqual(tiered.tierStats.compiled, 2)
        XCTAssertEqual(tiered.tierStats.tieredUp, 2)
        XCTAssertEqual(tiered.tierStats.osrEntries, 1)
        XCTAssertEqual(tiered.tierStats.interpreted, 3) // main, once, often
    }

    /// W^X: after code was added while the program ran, no mapping is both
    /// writable and executable; the arena is one memfd seen read-execute and,
    /// elsewhere, read-write.
    func testArenaIsNeverWritableAndExecutable() throws {
        let m = try compile(TierTests.mixed)
        for policy in [JITPolicy.lazy, .tiered] {
            let jit = try JIT(module: m, stencils: try Fixtures.loaded.get())
            jit.policy = policy
            jit.tierThreshold = 1
            var maps = ""
            jit.onFinished = { maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? "" }
            _ = try jit.runCapturingOutput()
            XCTAssertGreaterThan(jit.tierStats.compiled, 3)
            var arena: [String] = []
            for line in maps.split(separator: "\n") {
                let perms = String(line.split(separator: " ")[1])
                XCTAssertFalse(perms.contains("w") && perms.contains("x"), "writable and executable: \(line)")
                if line.contains("mochi-jit") { arena.append(perms) }
            }
            XCTAssertEqual(arena.sorted(), ["r-xs", "rw-s"], "\(policy): \(maps)")
        }
    }
}
