// Shape of the lowered IR: an int loop is pure checked i64 arithmetic with no
// boxing, struct literals store fields in declaration order, closures capture by
// leading parameters, captured-and-mutated variables live in cells; every module
// passes the verifier.

import XCTest
import MochiIR
@testable import MochiFrontend

final class LowerTests: XCTestCase {
    func lower(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Module? {
        let r = compileMochi(source: Array(text.utf8), fileName: "t.mochi")
        guard let m = r.module else {
            XCTFail("compile failed: \(r.renderedDiagnostics)", file: file, line: line)
            return nil
        }
        XCTAssertEqual(verify(m), [], file: file, line: line)
        XCTAssertEqual(m.sourceFile, "t.mochi")
        return m
    }

    func ops(_ f: Function) -> [Opcode] { f.orderedInsts.map { f[$0].op } }

    func testIntLoopIsUnboxed() throws {
        let m = try XCTUnwrap(lower("fun f(n: int): int {\n var s = 0\n var i = 0\n while i < n { s = s + i\n i = i + 1 }\n return s\n}\nprint(f(10))\n"))
        let f = try XCTUnwrap(m.function(named: "f"))
        let o = ops(f)
        XCTAssertTrue(o.contains(.iadd))
        XCTAssertTrue(o.contains(.icmp))
        XCTAssertFalse(o.contains(.box))
        XCTAssertFalse(o.contains(.unbox))
        // The loop header carries i and s as block parameters.
        XCTAssertTrue(f.layout.contains { f[$0].params.count == 2 })
        XCTAssertTrue(f.valueTypes.allSatisfy { $0 == .i64 || $0 == .bool })
    }

    func testStructLiteralInDeclarationOrder() throws {
        let m = try XCTUnwrap(lower("type P { x: int, name: string }\nlet p = P { name: \"a\", x: 1 }\nprint(p.name)\n"))
        let main = try XCTUnwrap(m.function(named: "main"))
        let id = try XCTUnwrap(main.orderedInsts.first { main[$0].op == .structNew })
        let args = main[id].args
        XCTAssertEqual(main.type(of: args[0]), .i64)
        XCTAssertEqual(main.type(of: args[1]), .str)
        XCTAssertTrue(main.orderedInsts.contains { main[$0].op == .fieldGet && main[$0].imm == .field(FieldRef(typeName: "P", variant: -1, field: 1)) })
    }

    func testClosureCapturesAsLeadingParameters() throws {
        let m = try XCTUnwrap(lower("fun makeAdder(n: int): fun(int): int {\n return fun(x: int): int => x + n\n}\nprint(makeAdder(10)(7))\n"))
        let lam = try XCTUnwrap(m.function(named: "makeAdder.lambda1"))
        XCTAssertEqual(lam.paramTypes, [.i64, .i64])
        let mk = try XCTUnwrap(m.function(named: "makeAdder"))
        let id = try XCTUnwrap(mk.orderedInsts.first { mk[$0].op == .closureNew })
        XCTAssertEqual(mk[id].imm, .function("makeAdder.lambda1"))
        XCTAssertEqual(mk[id].args.count, 1)
    }

    func testMutatedCaptureUsesCell() throws {
        let m = try XCTUnwrap(lower("fun counter(): int {\n var c = 0\n fun inc() { c = c + 1 }\n inc()\n inc()\n return c\n}\nprint(counter())\n"))
        let inc = try XCTUnwrap(m.function(named: "counter.inc"))
        XCTAssertEqual(inc.paramTypes, [.list(.i64)])
        let o = ops(inc)
        XCTAssertTrue(o.contains(.listGet) && o.contains(.listSet))
    }

    func testUnionMatchAndGlobals() throws {
        let src = """
            type Tree = Leaf | Node(left: Tree, value: int, right: Tree)
            var total = 0
            fun sum(t: Tree): int {
              total = total + 1
              return match t {
                Leaf => 0
                Node(l, v, r) => sum(l) + v + sum(r)
              }
            }
            print(sum(Node { left: Leaf, value: 3, right: Leaf }), total)
            """
        let m = try XCTUnwrap(lower(src))
        XCTAssertEqual(m.globals.map(\.name), ["total"])
        let f = try XCTUnwrap(m.function(named: "sum"))
        XCTAssertTrue(ops(f).contains(.variantTag))
        XCTAssertTrue(f.orderedInsts.contains { f[$0].imm == .field(FieldRef(typeName: "Tree", variant: 1, field: 2)) })
    }

    func testQueryLowersToLoops() throws {
        let src = """
            let xs = [{a: 1, b: "x"}, {a: 2, b: "y"}]
            let ys = from x in xs where x.a > 1 sort by -x.a select x.b
            print(ys)
            """
        let m = try XCTUnwrap(lower(src))
        let o = ops(try XCTUnwrap(m.function(named: "main")))
        XCTAssertTrue(o.contains(.listPush) && o.contains(.listSortBy))
    }

    func testLocationsAreAttached() throws {
        let m = try XCTUnwrap(lower("let a = 1\nprint(a + 2)\n"))
        let main = try XCTUnwrap(m.function(named: "main"))
        let id = try XCTUnwrap(main.orderedInsts.first { main[$0].op == .iadd })
        XCTAssertEqual(main[id].loc, SourceLoc(line: 2, column: 9))
    }

    /// Exact numbers are typed IR values: an int literal in a bigint declaration is a
    /// big.fromint, mixed operands are converted before one big.* op (no boxing), a
    /// bigrat operand makes the op a bigrat one, and two ints stay checked i64 ops.
    func testExactNumbersLowerToBigOps() throws {
        let m = try XCTUnwrap(lower("""
            fun f(n: int): bigint {
              var r: bigint = 1
              var i = 1
              while i <= n { r = r * i
                i = i + 1 }
              return r
            }
            let h = (1 as bigrat) / 2
            print(f(20) + 1, h + f(3), h < 1, len("ab") * 3)
            """))
        let f = try XCTUnwrap(m.function(named: "f"))
        XCTAssertEqual(f.returnType, .bigint)
        let o = ops(f)
        XCTAssertTrue(o.contains(.bigFromInt))
        XCTAssertTrue(o.contains(.bigMul))
        XCTAssertTrue(o.contains(.iadd)) // i stays an int
        XCTAssertFalse(o.contains(.box) || o.contains(.unbox))
        let main = try XCTUnwrap(m.function(named: "main"))
        let typed = main.orderedInsts.map { (main[$0].op, main[$0].result.map { main.type(of: $0) }) }
        XCTAssertTrue(typed.contains { $0.0 == .bigAdd && $0.1 == .bigint })
        XCTAssertTrue(typed.contains { $0.0 == .bigAdd && $0.1 == .bigrat })
        XCTAssertTrue(typed.contains { $0.0 == .bigToRat })
        XCTAssertTrue(typed.contains { $0.0 == .bigCmp })
        XCTAssertTrue(typed.contains { $0.0 == .imul && $0.1 == .i64 })
        XCTAssertFalse(typed.contains { $0.0 == .box || $0.0 == .unbox })
    }
}
