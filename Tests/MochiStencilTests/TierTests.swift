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

    /// Loops whose back edges are all conditional branches: a `continue`, and
    /// a test at the bottom (`if ... { break }` last, or a `continue` before a
    /// final `break`) that branches back to the header. As IR, the way
    /// `mochi-ir` (optimising) lowers this program, so the branches stay what
    /// they are whatever the optimiser later does:
    ///
    ///     var steps = 0
    ///     var rounds = 0
    ///     fun spin(limit: int) {
    ///       while true {
    ///         steps = steps + 1
    ///         if steps % 4 == 0 { continue }
    ///         if steps >= limit { break }
    ///       }
    ///     }
    ///     fun settle(limit: int) {
    ///       while true {
    ///         rounds = rounds + 3
    ///         if rounds < limit { continue }
    ///         break
    ///       }
    ///     }
    ///     var n = 0
    ///     var hits = 0
    ///     while true {
    ///       n = n + 1
    ///       if n % 3 == 0 { continue }
    ///       hits = hits + 1
    ///       spin(n * 2)
    ///       settle(n * 5)
    ///       if n >= 300 { break }
    ///     }
    ///     print(n, hits, steps, rounds)
    ///
    /// The globals @spin and @settle update keep their loop headers without
    /// parameters, so each of their back edges is one branch with nothing to move.
    static let latches = """
        mochi-ir 1
        source "latches.mochi"

        global @steps: i64
        global @rounds: i64

        func @main() -> unit {
        b0:
          v0: i64 = iconst 0 !1:13
          global.set @steps, v0 !1:13
          global.set @rounds, v0 !2:14
          v1: i64 = iconst 1 !20:11
          v2: i64 = iconst 3 !21:10
          v3: i64 = iconst 2 !23:12
          v4: i64 = iconst 5 !24:14
          v5: i64 = iconst 300 !25:11
          jump b1(v0, v0) !19:1
        b1(v6: i64, v7: i64):
          v8: i64 = iadd v6, v1 !20:9
          v9: i64 = irem v8, v2 !21:8
          v10: bool = icmp eq v9, v0 !21:12
          brif v10, b1(v8, v7), b3 !21:12
        b2:
          v11: str = fmt v8 !27:6
          v12: str = fmt v25 !27:6
          v13: i64 = global.get @steps !27:16
          v14: str = fmt v13 !27:6
          v15: i64 = global.get @rounds !27:23
          v16: str = fmt v15 !27:6
          v17: str = sconst " " !27:6
          v18: str = str.concat v11, v17 !27:6
          v19: str = str.concat v18, v12 !27:6
          v20: str = str.concat v19, v17 !27:6
          v21: str = str.concat v20, v14 !27:6
          v22: str = str.concat v21, v17 !27:6
          v23: str = str.concat v22, v16 !27:6
          v24: str = str.trim v23 !27:6
          print v24 !27:6
          ret !27:6
        b3:
          v25: i64 = iadd v7, v1 !22:15
          v26: i64 = imul v8, v3 !23:10
          call @spin, v26 !23:7
          v27: i64 = imul v8, v4 !24:12
          call @settle, v27 !24:9
          v28: bool = icmp ge v8, v5 !25:8
          brif v28, b2, b1(v8, v25) !25:8
        }

        func @spin(v0: i64) -> unit !3:5 {
        b0(v0: i64):
          v1: i64 = iconst 1 !5:21
          v2: i64 = iconst 4 !6:16
          v3: i64 = iconst 0 !6:21
          jump b1 !4:3
        b1:
          v4: i64 = global.get @steps !5:13
          v5: i64 = iadd v4, v1 !5:19
          global.set @steps, v5 !5:5
          v6: i64 = global.get @steps !6:8
          v7: i64 = irem v6, v2 !6:14
          v8: bool = icmp eq v7, v3 !6:18
          brif v8, b1, b3 !6:18
        b2:
          ret !7:25
        b3:
          v9: i64 = global.get @steps !7:8
          v10: bool = icmp ge v9, v0 !7:14
          brif v10, b2, b1 !7:14
        }

        func @settle(v0: i64) -> unit !10:5 {
        b0(v0: i64):
          v1: i64 = iconst 3 !12:23
          jump b1 !11:3
        b1:
          v2: i64 = global.get @rounds !12:14
          v3: i64 = iadd v2, v1 !12:21
          global.set @rounds, v3 !12:5
          v4: i64 = global.get @rounds !13:8
          v5: bool = icmp lt v4, v0 !13:15
          brif v5, b1, b2 !13:15
        b2:
          ret !14:5
        }
        """

    /// A loop whose latch is a conditional branch is an OSR point too: with
    /// calls never tiering up, @spin and @settle (called many times, each
    /// call looping) move to JIT code at their loop headers, which only their
    /// conditional back edges reach; and each of the program's loops, entered
    /// in turn, enters JIT code exactly once.
    func testConditionalLatchesAreOSRPoints() throws {
        let m = try parseModule(TierTests.latches)
        XCTAssertEqual(verify(m).map { "\($0)" }, [])
        // The premise: every edge back to an earlier block in @spin and
        // @settle is a conditional branch's, without arguments.
        for name in ["spin", "settle"] {
            let f = try XCTUnwrap(m.function(named: name))
            var position = [Int](repeating: -1, count: f.blocks.count)
            for (i, b) in f.layout.enumerated() { position[Int(b.index)] = i }
            var conditional = 0, other = 0
            for b in f.layout {
                let term = f[b].terminator
                for s in term.successors where position[Int(s.block.index)] <= position[Int(b.index)] {
                    if case .brif = term, s.args.isEmpty { conditional += 1 } else { other += 1 }
                }
            }
            XCTAssertGreaterThan(conditional, 0, "@\(name)")
            XCTAssertEqual(other, 0, "@\(name) has a back edge that is not a conditional branch")
        }
        let want = try Interpreter(module: m).runCapturingOutput()
        XCTAssertEqual(want, "301 201 602 1506\n")
        for threshold in [1, 3, 100] {
            let jit = try JIT(module: m, stencils: try Fixtures.loaded.get())
            jit.inlining = false
            jit.policy = .tiered
            jit.tierThreshold = threshold
            jit.tierCallThreshold = 1 << 30
            XCTAssertEqual(try jit.runCapturingOutput(), want, "back-edge threshold \(threshold)")
            // @main's, @spin's and @settle's loops: one entry each.
            XCTAssertEqual(jit.tierStats.osrEntries, 3, "threshold \(threshold)")
            XCTAssertEqual(Set(jit.stats.functions.map(\.name)), ["main", "spin", "settle"], "threshold \(threshold)")
        }
        let count = try JIT(module: m, stencils: try Fixtures.loaded.get())
        count.policy = .tiered
        count.forcedOSRLoop = -1
        XCTAssertEqual(try count.runCapturingOutput(), want)
        XCTAssertEqual(count.tierStats.loopHeaders, 3)
        for k in 0..<3 {
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

    /// A tiered run reads the stencil library at its first tier-up, once: a
    /// program that never gets hot never asks for it; one that does asks
    /// once; and when it cannot be read the run goes on in the interpreter,
    /// printing the same.
    func testStencilsAreReadAtTheFirstTierUp() throws {
        let m = try compile(TierTests.mixed)
        let want = try Interpreter(module: m).runCapturingOutput()
        for (threshold, reads) in [(1 << 20, 0), (1, 1), (100, 1)] {
            var asked = 0
            let jit = try JIT(module: m, loadStencils: { asked += 1; return try Fixtures.loaded.get() })
            jit.policy = .tiered
            jit.tierThreshold = threshold
            try jit.decodeForTiering()
            XCTAssertEqual(try jit.runCapturingOutput(), want, "threshold \(threshold)")
            XCTAssertEqual(asked, reads, "threshold \(threshold)")
            XCTAssertEqual(jit.tierStats.compiled > 0, reads > 0, "threshold \(threshold)")
        }
        struct Unreadable: Error {}
        var asked = 0
        let jit = try JIT(module: m, loadStencils: { asked += 1; throw Unreadable() })
        jit.policy = .tiered
        jit.tierThreshold = 1
        XCTAssertEqual(try jit.runCapturingOutput(), want)
        XCTAssertEqual(asked, 1)
        XCTAssertEqual(jit.tierStats.compiled, 0)
        XCTAssertGreaterThan(jit.tierStats.interpreted, 3)
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

    /// Code placement (CodePlacement.swift): a loop header is the start of a
    /// block that a later branch jumps back to; a slow path's jump back into
    /// the middle of a block does not make one.
    func testLoopHeadersAreBlockStartsJumpedBackTo() {
        var insts = (0..<6).map { _ in JInst(0, line: 0) }
        insts[3].target = 1 // the loop's back edge
        insts[5].target = 2 // a slow path rejoining mid-block
        insts[0].target = 4 // forward
        let marks = insts.withUnsafeBufferPointer { CodePlacement.loopHeaders($0, blockStart: [0, 1, 4, -1]) }
        XCTAssertEqual(marks, [false, true, false, false, false, false])
        let none = insts.withUnsafeBufferPointer { CodePlacement.loopHeaders($0, blockStart: [0, 4]) }
        XCTAssertNil(none)
    }

    /// A function's code sits at the same offsets within its 64-byte lines
    /// whether compiled before the run (after other functions) or when it
    /// got hot: each function starts on a line and each loop header too.
    func testLoopsLandAtTheSameOffsetsEagerAndTiered() throws {
        let m = try compile("""
            fun first(n: int): int { var t = 0; for i in 0..n { t = t + i % 3 }; return t }
            fun loop(n: int): int {
              var t = 0
              var i = 0
              while i < n {
                var j = 0
                while j < 3 { t = t + (i * 3 + j) % 7; j = j + 1 }
                i = i + 1
              }
              return t
            }
            print(first(10), loop(3000))
            """)
        let fi = m.functions.firstIndex { $0.name == "loop" }!
        let eager = try JIT(module: m, stencils: try Fixtures.loaded.get())
        eager.inlining = false
        var layout: FunctionLayout?
        var eagerBase: UInt64 = 0
        eager.onCompiled = { code in
            layout = code.layout.first { $0.name == "loop" }
            eagerBase = UInt64(UInt(bitPattern: code.base))
        }
        let want = try eager.runCapturingOutput()
        let tiered = try JIT(module: m, stencils: try Fixtures.loaded.get())
        tiered.inlining = false
        tiered.policy = .tiered
        tiered.tierThreshold = 50
        var blocks: [(Int, UInt64)] = []
        var entry: UInt64 = 0
        tiered.onFinished = {
            guard let l = activeLazyCode, let info = l.osrInfo[fi] else { return }
            entry = l.entries[fi]
            for (b, a) in info.blockAddress.enumerated() where a != 0 { blocks.append((Int(info.function.blockStart[b]), a)) }
        }
        XCTAssertEqual(try tiered.runCapturingOutput(), want)
        XCTAssertEqual(tiered.tierStats.osrEntries, 1)
        let l = try XCTUnwrap(layout)
        XCTAssertFalse(blocks.isEmpty)
        XCTAssertEqual((eagerBase + UInt64(l.start)) % 64, 0)
        XCTAssertEqual(entry % 64, 0)
        var headersAligned = 0
        for (k, a) in blocks {
            let eagerAt = eagerBase + UInt64(l.offsets[k])
            XCTAssertEqual(eagerAt - (eagerBase + UInt64(l.start)), a - entry, "stencil \(k)")
            if a % 64 == 0 && k > 0 { headersAligned += 1 }
        }
        XCTAssertGreaterThanOrEqual(headersAligned, 2) // both loops
    }
}
