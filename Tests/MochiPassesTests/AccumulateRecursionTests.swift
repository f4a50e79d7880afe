// Accumulating recursion: fib-like functions are rewritten and compute what they
// computed before, value for value, `integer overflow` for `integer overflow` and
// call-depth overflow for call-depth overflow (checked by a small evaluator with
// calls and a depth limit, over random thresholds, decrements and base values of
// both signs, some near the int limits); and each shape the pass must refuse is
// left exactly as it was.

import MochiIR
import MochiPasses
import XCTest

final class AccumulateRecursionTests: XCTestCase {
    enum Result: Equatable { case value(Int64), overflow, depth, other }

    /// Evaluates `f` (integer ops, icmp, calls to itself) on `n`; a call nested deeper
    /// than `maxDepth` is a depth error, as in every execution mode.
    private func run(_ f: Function, _ n: Int64, depth: Int = 0, maxDepth: Int) -> Result {
        var regs = [Int64](repeating: 0, count: f.valueTypes.count)
        var b = f.entry!
        regs[Int(f[b].params[0].index)] = n
        while true {
            for id in f[b].insts {
                let inst = f[id]
                let x = inst.args.map { regs[Int($0.index)] }
                var r: Int64 = 0
                switch inst.op {
                case .iconst:
                    guard case .int(let k) = inst.imm else { return .other }
                    r = k
                case .iadd:
                    let (s, o) = x[0].addingReportingOverflow(x[1]); if o { return .overflow }; r = s
                case .isub:
                    let (s, o) = x[0].subtractingReportingOverflow(x[1]); if o { return .overflow }; r = s
                case .icmp:
                    guard case .cond(let cc) = inst.imm else { return .other }
                    switch cc {
                    case .eq: r = x[0] == x[1] ? 1 : 0
                    case .ne: r = x[0] != x[1] ? 1 : 0
                    case .lt: r = x[0] < x[1] ? 1 : 0
                    case .le: r = x[0] <= x[1] ? 1 : 0
                    case .gt: r = x[0] > x[1] ? 1 : 0
                    case .ge: r = x[0] >= x[1] ? 1 : 0
                    }
                case .call:
                    if depth + 1 > maxDepth { return .depth }
                    switch run(f, x[0], depth: depth + 1, maxDepth: maxDepth) {
                    case .value(let v): r = v
                    case let e: return e
                    }
                default:
                    return .other
                }
                regs[Int(inst.result!.index)] = r
            }
            func take(_ c: BlockCall) {
                let vals = c.args.map { regs[Int($0.index)] }
                for (p, v) in zip(f[c.block].params, vals) { regs[Int(p.index)] = v }
                b = c.block
            }
            switch f[b].terminator {
            case .jump(let c): take(c)
            case .brif(let v, let t, let e): take(regs[Int(v.index)] != 0 ? t : e)
            case .ret(let v?): return .value(regs[Int(v.index)])
            default: return .other
            }
        }
    }

    /// A fib-like function: `if n COND k { if n == 1 { ret a } ret b }`, then
    /// `f(n - k1) + f(n - k2)` (operands swapped when `swap`).
    private func source(cond: String, k: Int64, a: Int64, b: Int64, k1: Int64, k2: Int64, swap: Bool,
                        baseOnTrue: Bool) -> String {
        let add = swap ? "v11: i64 = iadd v10, v8" : "v11: i64 = iadd v8, v10"
        let arms = baseOnTrue ? "b1, b4" : "b4, b1"
        return """
            mochi-ir 1
            func @f(v0: i64) -> i64 {
            b0(v0: i64):
              v1: i64 = iconst \(k)
              v2: bool = icmp \(cond) v0, v1
              brif v2, \(arms)
            b1:
              v3: i64 = iconst 1
              v4: bool = icmp eq v0, v3
              brif v4, b2, b3
            b2:
              v5: i64 = iconst \(a)
              ret v5
            b3:
              v6: i64 = iconst \(b)
              ret v6
            b4:
              v12: i64 = iconst \(k1)
              v7: i64 = isub v0, v12
              v8: i64 = call @f, v7
              v13: i64 = iconst \(k2)
              v9: i64 = isub v0, v13
              v10: i64 = call @f, v9
              \(add)
              ret v11
            }

            """
    }

    func testRewrittenFunctionsComputeTheSame() throws {
        var rng = SplitMix64(seed: 0x5eed_acc0)
        let bases: [Int64] = [0, 1, -1, 3, -7, 1 << 40, -(1 << 40), 6_000_000_000_000_000_000,
                              -8_000_000_000_000_000_000, Int64.max, Int64.min]
        var rewritten = 0, checked = 0, errors = 0
        for _ in 0..<120 {
            let upward = rng.next() % 2 == 0
            let cond = upward ? ["lt", "le"][Int(rng.next() % 2)] : ["gt", "ge"][Int(rng.next() % 2)]
            let k = Int64(rng.next() % 4)
            let k1 = Int64(1 + rng.next() % 2)
            let k2 = k1 + Int64(rng.next() % 3)
            let a = bases[Int(rng.next() % UInt64(bases.count))]
            let b = bases[Int(rng.next() % UInt64(bases.count))]
            // `n > k` on the true arm means the recursive block is the true arm.
            let text = source(cond: cond, k: k, a: a, b: b, k1: k1, k2: k2, swap: rng.next() % 2 == 0,
                              baseOnTrue: upward)
            let before = try parseModule(text), after = try parseModule(text)
            let f0 = before.functions[0], f1 = after.functions[0]
            XCTAssertTrue(AccumulateRecursion().run(on: f1), text)
            XCTAssertEqual(verify(after).map(\.description), [], text)
            rewritten += 1
            let maxDepth = Int(4 + rng.next() % 10)
            for n in Int64(-2)...Int64(14) {
                let r0 = run(f0, n, maxDepth: maxDepth), r1 = run(f1, n, maxDepth: maxDepth)
                XCTAssertEqual(r0, r1, "n = \(n), depth limit \(maxDepth)\n\(text)")
                XCTAssertNotEqual(r0, .other)
                checked += 1
                if r0 == .overflow || r0 == .depth { errors += 1 }
            }
        }
        XCTAssertEqual(rewritten, 120)
        // The sample reaches both kinds of error, not only values.
        XCTAssertGreaterThan(errors, 100)
        XCTAssertGreaterThan(checked - errors, 100)
    }

    private func assertRefused(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = "mochi-ir 1\n" + body
        let m = try parseModule(text)
        let before = printModule(m)
        XCTAssertEqual(verify(m).map(\.description), [], file: file, line: line)
        XCTAssertFalse(AccumulateRecursion().run(on: m.functions[0]), file: file, line: line)
        XCTAssertEqual(printModule(m), before, file: file, line: line)
    }

    /// fib with `SECOND` as the second call's line and `ADD` as the sum.
    private func fib(first: String = "v4: i64 = call @f, v3", second: String = "v6: i64 = call @f, v5",
                     add: String = "v7: i64 = iadd v4, v6", extra: String = "", cond: String = "lt",
                     decl: String = "") -> String {
        """
        \(decl)func @f(v0: i64) -> i64 {
        b0(v0: i64):
          v1: i64 = iconst 2
          v2: bool = icmp \(cond) v0, v1
          brif v2, b1, b2
        b1:
          ret v0
        b2:
          v8: i64 = iconst 1
          v3: i64 = isub v0, v8
          \(first)
          v5: i64 = isub v0, v1
          \(extra)
          \(second)
          \(add)
          ret v7
        }

        """
    }

    func testTheFibShapeIsRewritten() throws {
        let m = try parseModule("mochi-ir 1\n" + fib())
        XCTAssertTrue(AccumulateRecursion().run(on: m.functions[0]))
        XCTAssertEqual(verify(m).map(\.description), [])
        // One call in the loop body and one on the guard's way out.
        XCTAssertEqual(opcodes(m.functions[0]).filter { $0 == .call }.count, 2)
    }

    func testRefusals() throws {
        // The first call is not the deepest: fib(n - 2) + fib(n - 1).
        try assertRefused(fib(first: "v9: i64 = isub v0, v1\n  v4: i64 = call @f, v9", second: "v6: i64 = call @f, v3"))
        // One call: the loop would change the call depth.
        try assertRefused(fib(first: "v4: i64 = iconst 7", second: "v6: i64 = call @f, v5"))
        // An equality test is no threshold.
        try assertRefused(fib(cond: "eq"))
        try assertRefused(fib(cond: "ne"))
        // Work after the last call.
        try assertRefused(fib(add: "v9: i64 = imul v6, v1\n  v7: i64 = iadd v4, v9"))
        // Not a sum: the last call's result is multiplied.
        try assertRefused(fib(add: "v7: i64 = imul v4, v6"))
        // The argument is not n - k.
        try assertRefused(fib(second: "v6: i64 = call @f, v1"))
        try assertRefused(fib(second: "v9: i64 = isub v0, v10\n  v6: i64 = call @f, v9", extra: "v10: i64 = iconst 0"))
        // Side effects: a global written, a call to another function.
        try assertRefused(fib(extra: "global.set @g, v5", decl: "global @g: i64\n"))
        try assertRefused(fib(first: "v4: i64 = call @g, v3",
                              decl: "func @g(v0: i64) -> i64 {\nb0(v0: i64):\n  ret v0\n}\n"))
    }

    func testNonIntFunctionsAreRefused() throws {
        try assertRefused("""
            func @f(v0: f64) -> f64 {
            b0(v0: f64):
              v1: f64 = fconst 2.0
              v2: bool = fcmp lt v0, v1
              brif v2, b1, b2
            b1:
              ret v0
            b2:
              v8: f64 = fconst 1.0
              v3: f64 = fsub v0, v8
              v4: f64 = call @f, v3
              v5: f64 = fsub v0, v1
              v6: f64 = call @f, v5
              v7: f64 = fadd v4, v6
              ret v7
            }

            """)
    }
}
