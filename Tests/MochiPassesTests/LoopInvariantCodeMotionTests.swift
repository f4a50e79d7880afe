// Loop-invariant code motion: computations whose operands come from outside a loop
// move to its preheader (out of nested loops one level per loop); trapping ops,
// memory reads and computations on the loop's own values stay; a loop whose
// header has two outside predecessors (no preheader) is left alone.

import MochiIR
import MochiPasses
import XCTest

final class LoopInvariantCodeMotionTests: XCTestCase {
    private func run(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws
        -> (changed: Bool, f: Function) {
        let m = try parseModule("mochi-ir 1\n" + body)
        XCTAssertEqual(verify(m).map(\.description), [], "input verifies", file: file, line: line)
        let f = m.functions[0]
        let changed = LoopInvariantCodeMotion().run(on: f)
        XCTAssertEqual(verify(m).map(\.description), [], "output verifies", file: file, line: line)
        XCTAssertEqual(wellFormednessErrors(f), [], file: file, line: line)
        return (changed, f)
    }

    /// The opcodes of block `b` (by its index in the text).
    private func ops(_ f: Function, _ b: Int32) -> [Opcode] { f.blocks[Int(b)].insts.map { f[$0].op } }

    // for i in 0..n { s = s + x * y + i / 0 ... }: x * y and its constant move out;
    // the division (it traps), the list read and what uses i stay.
    private let loop = """
        func @f(v0: i64, v1: f64, v2: f64, v3: list<f64>) -> f64 {
        b0(v0: i64, v1: f64, v2: f64, v3: list<f64>):
          v4: i64 = iconst 0
          v5: f64 = fconst 0.0
          jump b1(v4, v5)
        b1(v6: i64, v7: f64):
          v8: bool = icmp lt v6, v0
          brif v8, b2, b3
        b2:
          v9: f64 = fmul v1, v2
          v10: f64 = fconst 2.0
          v11: f64 = fadd v9, v10
          v12: f64 = fdiv v1, v2
          v13: f64 = list.get v3, v6
          v14: f64 = itof v6
          v15: f64 = fadd v7, v11
          v16: f64 = fadd v15, v12
          v17: f64 = fadd v16, v13
          v18: f64 = fadd v17, v14
          v19: i64 = iconst 1
          v20: i64 = iadd v6, v19
          jump b1(v20, v18)
        b3:
          ret v7
        }

        """

    func testInvariantsMoveToThePreheader() throws {
        let r = try run(loop)
        XCTAssertTrue(r.changed)
        XCTAssertEqual(ops(r.f, 0), [.iconst, .fconst, .fmul, .fconst, .fadd, .iconst], printFunction(r.f))
        XCTAssertEqual(ops(r.f, 2), [.fdiv, .listGet, .itof, .fadd, .fadd, .fadd, .fadd, .iadd], printFunction(r.f))
    }

    func testNestedLoopsMoveOneLevelPerLoop() throws {
        // for i { for j { s = s + itof(i) * x } }: itof(i) * x goes to the inner
        // loop's preheader (inside the outer loop), not further; the inner step's
        // constant goes on out of the outer loop too.
        let r = try run("""
            func @f(v0: i64, v1: f64) -> f64 {
            b0(v0: i64, v1: f64):
              v2: i64 = iconst 0
              v3: f64 = fconst 0.0
              jump b1(v2, v3)
            b1(v4: i64, v5: f64):
              v6: bool = icmp lt v4, v0
              brif v6, b2, b5
            b2:
              jump b3(v2, v5)
            b3(v7: i64, v8: f64):
              v9: bool = icmp lt v7, v0
              brif v9, b4, b6
            b4:
              v10: f64 = itof v4
              v11: f64 = fmul v10, v1
              v12: f64 = fadd v8, v11
              v13: i64 = iconst 1
              v14: i64 = iadd v7, v13
              jump b3(v14, v12)
            b6:
              v15: i64 = iconst 1
              v16: i64 = iadd v4, v15
              jump b1(v16, v8)
            b5:
              ret v5
            }

            """)
        XCTAssertTrue(r.changed)
        XCTAssertEqual(ops(r.f, 2), [.itof, .fmul], printFunction(r.f))
        XCTAssertEqual(ops(r.f, 4), [.fadd, .iadd], printFunction(r.f))
        XCTAssertEqual(ops(r.f, 0), [.iconst, .fconst, .iconst, .iconst], printFunction(r.f))
    }

    func testNoPreheaderNoMotion() throws {
        // The header is entered from b0 and from b4: no single outside predecessor.
        let r = try run("""
            func @f(v0: i64, v1: f64, v9: bool) -> f64 {
            b0(v0: i64, v1: f64, v9: bool):
              v2: i64 = iconst 0
              brif v9, b1(v2), b4
            b4:
              jump b1(v0)
            b1(v3: i64):
              v4: bool = icmp lt v3, v0
              brif v4, b2, b3
            b2:
              v5: f64 = fmul v1, v1
              v6: i64 = iconst 1
              v7: i64 = iadd v3, v6
              jump b1(v7)
            b3:
              ret v1
            }

            """)
        XCTAssertFalse(r.changed)
    }
}
