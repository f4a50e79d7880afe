// In-process tests of the reference interpreter: each builds a small IR module (from
// the text form, or with FunctionBuilder), verifies it, runs it with the runtime's
// stdout captured and compares the exact bytes printed. Runtime errors end the
// process by design, so those live in tests/interp/ and run as subprocesses
// (ErrorFileTests.swift).

import XCTest
import MochiIR
import MochiRuntime
@testable import MochiInterp

func runIR(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let m = try parseModule("mochi-ir 1\n" + text)
    let errors = verify(m)
    XCTAssertEqual(errors.map(\.description), [], "module does not verify", file: file, line: line)
    return try Interpreter(module: m).runCapturingOutput()
}

final class InterpreterTests: XCTestCase {
    func testRecursiveFib() throws {
        let out = try runIR("""
            func @fib(v0: i64) -> i64 {
            b0(v0: i64):
              v1: i64 = iconst 2
              v2: bool = icmp lt v0, v1
              brif v2, b1, b2
            b1:
              ret v0
            b2:
              v3: i64 = iconst 1
              v4: i64 = isub v0, v3
              v5: i64 = call @fib, v4
              v6: i64 = iconst 2
              v7: i64 = isub v0, v6
              v8: i64 = call @fib, v7
              v9: i64 = iadd v5, v8
              ret v9
            }
            func @main() -> unit {
            b0:
              v0: i64 = iconst 20
              v1: i64 = call @fib, v0
              v2: str = fmt v1
              print v2
              ret
            }
            """)
        XCTAssertEqual(out, "6765\n")
    }

    func testLoopWithBlockParamsAndSwap() throws {
        // Iterative fib passes (b, a + b) back to the loop header: the edge moves
        // must behave as a parallel copy. The sum loop checks a fused
        // compare-and-branch against a non-constant bound.
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: i64 = iconst 0
              v1: i64 = iconst 1
              v2: i64 = iconst 0
              jump b1(v0, v1, v2)
            b1(v3: i64, v4: i64, v5: i64):
              v6: i64 = iconst 50
              v7: bool = icmp lt v5, v6
              brif v7, b2, b3
            b2:
              v8: i64 = iadd v3, v4
              v9: i64 = iconst 1
              v10: i64 = iadd v5, v9
              jump b1(v4, v8, v10)
            b3:
              v11: str = fmt v3
              print v11
              v12: i64 = iconst 1000
              v13: i64 = iconst 0
              jump b4(v13, v13)
            b4(v14: i64, v15: i64):
              v16: bool = icmp ge v14, v12
              brif v16, b6, b5
            b5:
              v17: i64 = iadd v15, v14
              v18: i64 = iconst 1
              v19: i64 = iadd v14, v18
              jump b4(v19, v17)
            b6:
              v20: str = fmt v15
              print v20
              jump b7(v1, v0)
            b7(v21: i64, v22: i64):
              v23: bool = icmp gt v21, v22
              brif v23, b8(v22, v21), b9(v21, v22)
            b8(v24: i64, v25: i64):
              v26: str = fmt v24
              print v26
              ret
            b9(v27: i64, v28: i64):
              ret
            }
            """)
        XCTAssertEqual(out, "12586269025\n499500\n0\n")
    }

    func testIntegerArithmetic() throws {
        let out = try runIR("""
            func @show(v0: i64) -> unit {
            b0(v0: i64):
              v1: str = fmt v0
              print v1
              ret
            }
            func @main() -> unit {
            b0:
              v0: i64 = iconst -7
              v1: i64 = iconst 2
              v2: i64 = idiv v0, v1
              call @show, v2
              v3: i64 = irem v0, v1
              call @show, v3
              v4: i64 = imul v0, v1
              call @show, v4
              v5: i64 = ineg v0
              call @show, v5
              v6: i64 = iconst -9223372036854775808
              v7: i64 = iconst -1
              v8: i64 = irem v6, v7
              call @show, v8
              v9: bool = icmp le v1, v0
              v10: str = fmt v9
              print v10
              v11: bool = not v9
              v12: str = fmt v11
              print v12
              ret
            }
            """)
        XCTAssertEqual(out, "-3\n-1\n-14\n7\n0\nfalse\ntrue\n")
    }

    func testFloatMath() throws {
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: f64 = fconst 2.0
              v1: f64 = math1 "sqrt", v0
              v2: f64 = fmul v1, v1
              v3: str = fmt v2
              print v3
              v4: f64 = fconst 7.0
              v5: f64 = fconst 2.0
              v6: f64 = fdiv v4, v5
              v7: str = fmt v6
              print v7
              v8: f64 = frem v4, v5
              v9: str = fmt v8
              print v9
              v10: i64 = iconst 1000000
              v11: f64 = itof v10
              v12: str = fmt v11
              print v12
              v13: f64 = fconst -2.75
              v14: i64 = ftoi v13
              v15: str = fmt v14
              print v15
              v16: f64 = math2 "pow", v5, v4
              v17: str = fmt v16
              print v17
              v18: f64 = fneg v16
              v19: bool = fcmp lt v18, v5
              brif v19, b1, b2
            b1:
              v20: f64 = fsub v4, v5
              v21: f64 = fadd v20, v20
              v22: str = fmt v21
              print v22
              ret
            b2:
              ret
            }
            """)
        XCTAssertEqual(out, "2.0000000000000004\n3.5\n1\n1e+06\n-2\n128\n10\n")
    }

    func testFloatCompareBranchWithNaN() throws {
        // `!(nan < 1)` is true although `nan >= 1` is false: the fused branch taken
        // for the false edge (which has arguments) must not invert the condition.
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: f64 = fconst nan
              v1: f64 = fconst 1.0
              v2: bool = fcmp lt v0, v1
              brif v2, b1(v0), b2(v1)
            b1(v3: f64):
              v4: str = sconst "lt"
              print v4
              ret
            b2(v5: f64):
              v6: str = sconst "not lt"
              print v6
              ret
            }
            """)
        XCTAssertEqual(out, "not lt\n")
    }

    func testStrings() throws {
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: str = sconst "héllo"
              v1: str = sconst " world"
              v2: str = str.concat v0, v1
              print v2
              v3: i64 = str.len v2
              v4: str = fmt v3
              print v4
              v5: i64 = iconst -1
              v6: str = str.index v2, v5
              print v6
              v7: i64 = iconst 1
              v8: i64 = iconst 4
              v9: str = str.slice v2, v7, v8
              print v9
              v10: str = str.upper v2
              print v10
              v11: str = sconst "wor"
              v12: bool = str.contains v2, v11
              v13: str = fmt v12
              print v13
              v14: i64 = str.find v2, v11
              v15: str = fmt v14
              print v15
              v16: str = sconst "a,b,c"
              v17: str = sconst ","
              v18: list<str> = str.split v16, v17
              v19: str = fmt v18
              print v19
              v20: str = sconst "-"
              v21: str = str.join v18, v20
              print v21
              v22: str = sconst "42"
              v23: i64 = str.toint v22
              v24: i64 = iadd v23, v7
              v25: str = fmt v24
              print v25
              v26: str = str.reverse v0
              print v26
              v27: i64 = str.ord v6
              v28: str = fmt v27
              print v28
              v29: bool = cmp lt v0, v1
              v30: str = fmt v29
              print v30
              ret
            }
            """)
        XCTAssertEqual(out, "héllo world\n11\nd\néll\nHéLLO WORLD\ntrue\n6\n[\"a\", \"b\", \"c\"]\na-b-c\n43\nolléh\n100\nfalse\n")
    }

    func testLists() throws {
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: i64 = iconst 1
              v1: i64 = iconst 2
              v2: i64 = iconst 3
              v3: list<i64> = list.new v0, v1, v2
              v4: i64 = iconst 40
              list.push v3, v4
              v5: i64 = iconst -1
              v6: i64 = list.get v3, v5
              v7: str = fmt v6
              print v7
              v8: i64 = iconst 99
              list.set v3, v0, v8
              v9: i64 = iconst -4
              list.set v3, v9, v5
              v10: str = fmt v3
              print v10
              v11: i64 = list.len v3
              v12: str = fmt v11
              print v12
              v13: list<i64> = list.append v3, v2
              v14: str = fmt v13
              print v14
              v15: bool = list.contains v13, v8
              v16: str = fmt v15
              print v16
              v17: i64 = list.sum v13
              v18: str = fmt v17
              print v18
              v19: list<i64> = list.slice v13, v0, v2
              v20: str = fmt v19
              print v20
              v21: list<i64> = list.range v0, v4, v4
              v22: str = fmt v21
              print v22
              v23: f64 = fconst 0.5
              v24: list<f64> = list.new v23, v23
              v25: str = fmt v24
              print v25
              v26: str = sconst "x"
              v27: list<str> = list.new v26
              v28: list<list<str>> = list.new v27, v27
              v29: str = fmt v28
              print v29
              v30: str = tostr v3
              print v30
              ret
            }
            """)
        XCTAssertEqual(out, """
            40
            [-1, 99, 3, 40]
            4
            [-1, 99, 3, 40, 3]
            true
            144
            [99, 3]
            [1]
            [0.5, 0.5]
            [["x"], ["x"]]
            [-1 99 3 40]

            """)
    }

    func testMapsIterateSorted() throws {
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: str = sconst "b"
              v1: str = sconst "a"
              v2: str = sconst "c"
              v3: i64 = iconst 2
              v4: i64 = iconst 1
              v5: map<str, i64> = map.new v0, v3, v1, v4
              v6: i64 = iconst 3
              map.set v5, v2, v6
              v7: str = fmt v5
              print v7
              v8: i64 = map.get v5, v1
              v9: str = fmt v8
              print v9
              v10: str = sconst "zz"
              v11: i64 = map.get v5, v10
              v12: str = fmt v11
              print v12
              v13: any = map.getany v5, v10
              v14: str = fmt v13
              print v14
              v15: bool = map.has v5, v2
              v16: str = fmt v15
              print v16
              map.delete v5, v0
              v17: list<str> = map.keys v5
              v18: str = fmt v17
              print v18
              v19: list<i64> = map.values v5
              v20: str = fmt v19
              print v20
              v21: i64 = map.len v5
              v22: str = fmt v21
              print v22
              v23: map<i64, str> = map.new v6, v0, v4, v1
              v24: str = fmt v23
              print v24
              v25: str = tostr v23
              print v25
              ret
            }
            """)
        XCTAssertEqual(out, """
            {"a": 1, "b": 2, "c": 3}
            1
            0
            nil
            true
            ["a", "c"]
            [1, 3]
            2
            {"1": "a", "3": "b"}
            map[1:a 3:b]

            """)
    }

    func testStructsAndUnions() throws {
        let out = try runIR("""
            type %Person = struct { name: str, age: i64 }
            type %Tree = union { Leaf(), Node(left: %Tree, value: i64, right: %Tree) }

            func @sum(v0: %Tree) -> i64 {
            b0(v0: %Tree):
              v1: i64 = variant.tag v0
              v2: i64 = iconst 0
              v3: bool = icmp eq v1, v2
              brif v3, b1, b2
            b1:
              ret v2
            b2:
              v4: %Tree = field.get %Tree.Node.left, v0
              v5: i64 = call @sum, v4
              v6: i64 = field.get %Tree.Node.value, v0
              v7: %Tree = field.get %Tree.Node.right, v0
              v8: i64 = call @sum, v7
              v9: i64 = iadd v5, v6
              v10: i64 = iadd v9, v8
              ret v10
            }
            func @birthday(v0: %Person) -> unit {
            b0(v0: %Person):
              v1: i64 = field.get %Person.age, v0
              v2: i64 = iconst 1
              v3: i64 = iadd v1, v2
              field.set %Person.age, v0, v3
              ret
            }
            func @main() -> unit {
            b0:
              v0: str = sconst "Ann"
              v1: i64 = iconst 41
              v2: %Person = struct.new v0, v1
              v3: %Person = record.new v0, v1
              call @birthday, v2
              v4: str = fmt v2
              print v4
              v5: str = fmt v3
              print v5
              v6: %Tree = variant.new %Tree.Leaf
              v17: str = fmt v6
              print v17
              v7: i64 = iconst 5
              v8: %Tree = variant.new %Tree.Node, v6, v7, v6
              v9: i64 = iconst 7
              v10: %Tree = variant.new %Tree.Node, v8, v9, v8
              v11: i64 = call @sum, v10
              v12: str = fmt v11
              print v12
              v13: i64 = variant.tag v10
              v14: str = fmt v13
              print v14
              v15: bool = cmp eq v8, v8
              v16: str = fmt v15
              print v16
              ret
            }
            """)
        XCTAssertEqual(out, """
            {"__name": "Person", "age": 42, "name": "Ann"}
            {"age": 41, "name": "Ann"}
            {"__name": "Leaf"}
            17
            1
            true

            """)
    }

    func testClosuresGetCapturesThenArguments() throws {
        let out = try runIR("""
            func @addk(v0: i64, v1: str, v2: i64) -> i64 {
            b0(v0: i64, v1: str, v2: i64):
              print v1
              v3: i64 = iadd v0, v2
              ret v3
            }
            func @apply(v0: fn(i64) -> i64, v1: i64) -> i64 {
            b0(v0: fn(i64) -> i64, v1: i64):
              v2: i64 = call.closure v0, v1
              v3: i64 = call.closure v0, v2
              ret v3
            }
            func @main() -> unit {
            b0:
              v0: i64 = iconst 10
              v1: str = sconst "called"
              v2: fn(i64) -> i64 = closure.new @addk, v0, v1
              v3: i64 = iconst 5
              v4: i64 = call @apply, v2, v3
              v5: str = fmt v4
              print v5
              ret
            }
            """)
        XCTAssertEqual(out, "called\ncalled\n25\n")
    }

    func testGlobals() throws {
        let out = try runIR("""
            global @count: i64
            global @names: list<str>

            func @bump() -> unit {
            b0:
              v0: i64 = global.get @count
              v1: i64 = iconst 1
              v2: i64 = iadd v0, v1
              global.set @count, v2
              v3: list<str> = global.get @names
              v4: str = fmt v2
              list.push v3, v4
              ret
            }
            func @main() -> unit {
            b0:
              v0: list<str> = list.new
              global.set @names, v0
              call @bump
              call @bump
              call @bump
              v1: i64 = global.get @count
              v2: str = fmt v1
              print v2
              v3: list<str> = global.get @names
              v4: str = fmt v3
              print v4
              ret
            }
            """)
        XCTAssertEqual(out, "3\n[\"1\", \"2\", \"3\"]\n")
    }

    func testGroupBy() throws {
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: any = group.new
              v1: str = sconst "b"
              v2: str = sconst "a"
              v3: any = box v1
              v4: any = box v2
              v5: i64 = iconst 1
              v6: i64 = iconst 2
              v7: i64 = iconst 3
              group.add v0, v3, v5
              group.add v0, v4, v6
              group.add v0, v3, v7
              v8: list<any> = group.result v0
              v9: i64 = list.len v8
              v10: str = fmt v9
              print v10
              v11: i64 = iconst 0
              v12: any = list.get v8, v11
              v13: any = group.key v12
              v14: str = fmt v13
              print v14
              v15: any = group.items v12
              v16: str = fmt v15
              print v16
              v17: i64 = any.len v15
              v18: str = fmt v17
              print v18
              ret
            }
            """)
        XCTAssertEqual(out, "2\nb\n[1, 3]\n2\n")
    }

    func testBoxUnboxAndDynamicOps() throws {
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: i64 = iconst 40
              v1: any = box v0
              v2: f64 = fconst 2.5
              v3: any = box v2
              v4: any = any.add v1, v3
              v5: str = fmt v4
              print v5
              v6: i64 = unbox v1
              v7: i64 = iconst 2
              v8: i64 = iadd v6, v7
              v9: str = fmt v8
              print v9
              v10: f64 = unbox v1
              v11: str = fmt v10
              print v11
              v12: bool = any.cmp lt v3, v1
              v13: str = fmt v12
              print v13
              v14: bool = any.truthy v1
              v15: str = fmt v14
              print v15
              v16: any = null
              v17: str = fmt v16
              print v17
              v18: bool = bconst 1
              v19: any = box v18
              v20: str = fmt v19
              print v20
              v21: list<i64> = list.new v0, v7
              v22: any = box v21
              v23: list<i64> = unbox v22
              v24: str = fmt v23
              print v24
              v25: i64 = iconst 1
              v26: any = box v25
              v27: any = any.index v22, v26
              v28: str = fmt v27
              print v28
              ret
            }
            """)
        XCTAssertEqual(out, "42.5\n42\n40\ntrue\ntrue\nnil\ntrue\n[40, 2]\n2\n")
    }

    func testUnboxConvertsMapAndListRepresentations() throws {
        // `{}` is a map<any, any>; `{} as map<string, int>` must hold unboxed ints,
        // and a list<any> unboxed as list<i64> holds raw ints too.
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: map<any, any> = map.new
              v1: any = box v0
              v2: map<str, i64> = unbox v1
              v3: str = sconst "k"
              v4: i64 = iconst 41
              map.set v2, v3, v4
              v5: i64 = map.get v2, v3
              v6: i64 = iconst 1
              v7: i64 = iadd v5, v6
              v8: str = fmt v7
              print v8
              v9: str = fmt v2
              print v9
              v10: any = box v4
              v11: list<any> = list.new v10, v10
              v12: any = box v11
              v13: list<i64> = unbox v12
              v14: i64 = list.get v13, v6
              v15: i64 = iadd v14, v6
              v16: str = fmt v15
              print v16
              ret
            }
            """)
        XCTAssertEqual(out, "42\n{\"k\": 41}\n42\n")
    }

    func testFormattingOfEachKind() throws {
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: f64 = fconst 100000000.0
              v1: str = fmt v0
              print v1
              v2: f64 = fconst 0.00001
              v3: str = fmt v2
              print v3
              v4: list<f64> = list.new v0, v2
              v5: str = fmt v4
              print v5
              v6: bool = bconst 0
              v7: str = fmt v6
              print v7
              v8: str = sconst "q\\"uote"
              v9: list<str> = list.new v8
              v10: str = fmt v9
              print v10
              v11: str = tostr v9
              print v11
              v12: i64 = iconst 3
              v13: map<str, i64> = map.new v8, v12
              json v13
              v14: str = tojson v9
              print v14
              v15: f64 = fconst inf
              v16: str = fmt v15
              print v16
              ret
            }
            """)
        XCTAssertEqual(out, """
            1e+08
            1e-05
            [100000000.0, 0.00001]
            false
            ["q\\"uote"]
            [q"uote]
            {
              "q\\"uote": 3
            }
            ["q\\"uote"]
            +Inf

            """)
    }

    func testFunctionBuilderModule() throws {
        // The same kind of module a front end builds in memory, never printed.
        let m = Module(sourceFile: "built.mochi")
        let sq = Function(name: "square", paramTypes: [.i64], returnType: .i64)
        var b = FunctionBuilder(sq)
        let x = b.entryParams[0]
        b.ret(b.emit(.imul, .i64, [x, x]))
        m.functions.append(sq)

        let main = Function(name: "main", paramTypes: [], returnType: .unit)
        var mb = FunctionBuilder(main)
        let n = mb.iconst(12)
        let r = mb.emit(.call, .i64, [n], imm: .function("square"))
        let s = mb.emit(.fmt, .str, [r])
        mb.emitVoid(.print, [s])
        mb.ret(nil)
        m.functions.append(main)

        XCTAssertEqual(verify(m).map(\.description), [])
        let interp = try Interpreter(module: m)
        XCTAssertEqual(interp.stats.functions, 2)
        XCTAssertEqual(try interp.runCapturingOutput(), "144\n")
    }

    func testDeepRecursionWithinLimit() throws {
        // 50,000 nested calls is well inside the depth limit and the thread's stack.
        let out = try runIR("""
            func @down(v0: i64) -> i64 {
            b0(v0: i64):
              v1: i64 = iconst 0
              v2: bool = icmp eq v0, v1
              brif v2, b1, b2
            b1:
              ret v1
            b2:
              v3: i64 = iconst 1
              v4: i64 = isub v0, v3
              v5: i64 = call @down, v4
              v6: i64 = iadd v5, v3
              ret v6
            }
            func @main() -> unit {
            b0:
              v0: i64 = iconst 50000
              v1: i64 = call @down, v0
              v2: str = fmt v1
              print v2
              ret
            }
            """)
        XCTAssertEqual(out, "50000\n")
    }

    func testGarbageIsCollectedWhileFramesKeepTheirObjects() throws {
        // Allocates ~200k short-lived lists while one list built before the loop
        // must survive every collection through its frame slot alone.
        let before = mochi_gc_stats().collections
        let out = try runIR("""
            func @main() -> unit {
            b0:
              v0: str = sconst "kept"
              v1: list<str> = list.new v0, v0
              v2: i64 = iconst 0
              jump b1(v2)
            b1(v3: i64):
              v4: i64 = iconst 200000
              v5: bool = icmp lt v3, v4
              brif v5, b2, b3
            b2:
              v6: list<i64> = list.new v3, v3, v3, v3
              v7: str = fmt v6
              v8: i64 = iconst 1
              v9: i64 = iadd v3, v8
              jump b1(v9)
            b3:
              v10: str = fmt v1
              print v10
              ret
            }
            """)
        XCTAssertEqual(out, "[\"kept\", \"kept\"]\n")
        XCTAssertGreaterThan(mochi_gc_stats().collections, before, "no collection ran")
    }
}
