// Verifier negative tests: each malformed function yields exactly the expected
// one-line diagnostics (function, block, instruction, location, what is wrong).

import XCTest
@testable import MochiIR

final class VerifierTests: XCTestCase {
    /// Parses `body` (functions and declarations after the header) and returns the
    /// verifier's messages.
    func errors(_ body: String) throws -> [String] {
        verify(try parseModule("mochi-ir 1\n" + body)).map(\.description)
    }

    func testCleanModule() throws {
        XCTAssertEqual(try errors("func @f(v0: i64) -> i64 {\nb0(v0: i64):\n  ret v0\n}\n"), [])
    }

    func testUndefinedValueBuiltInMemory() {
        let f = Function(name: "f", paramTypes: [], returnType: .i64)
        var b = FunctionBuilder(f)
        b.loc = SourceLoc(line: 3, column: 4)
        let v = b.emit(.iadd, .i64, [Value(40), Value(41)])
        b.ret(v)
        let m = Module()
        m.functions = [f]
        XCTAssertEqual(verify(m).map(\.description), [
            "@f b0 inst 0 !3:4: uses value #40, which is not defined in any block",
            "@f b0 inst 0 !3:4: uses value #41, which is not defined in any block",
        ])
    }

    func testWrongOperandType() throws {
        XCTAssertEqual(try errors("""
        func @f(v0: i64, v1: f64) -> i64 {
        b0(v0: i64, v1: f64):
          v2: i64 = iadd v0, v1 !2:5
          ret v2
        }
        """), ["@f b0 inst 0 !2:5: iadd: operand 2 has type f64, which does not fit i64"])
    }

    /// A type variable's class holds at every occurrence, not only where it is bound
    /// first: list.sum's result `T` binds T before its operand's `list<T:sum>`.
    func testTypeClassHoldsAtEveryOccurrence() throws {
        XCTAssertEqual(try errors("""
        func @f(v0: list<str>, v1: bigint, v2: bigrat) -> unit {
        b0(v0: list<str>, v1: bigint, v2: bigrat):
          v3: str = list.sum v0
          v4: bigrat = big.mul v1, v2
          v5: bigint = big.add v1, v1
          ret
        }
        """), ["@f b0 inst 0: list.sum: operand 1 has type list<str>, which does not fit list<T:sum> (T is str)",
               "@f b0 inst 1: big.mul: operand 1 has type bigint, which does not fit T:big (T is bigrat)"])
    }

    func testUseNotDominated() throws {
        XCTAssertEqual(try errors("""
        func @f(v0: bool) -> i64 {
        b0(v0: bool):
          brif v0, b1, b2
        b1:
          v1: i64 = iconst 1
          jump b3
        b2:
          jump b3
        b3:
          ret v1 !9:3
        }
        """), ["@f b3 terminator !9:3: v1 does not dominate this use"])
    }

    func testUseBeforeDefinitionInBlock() throws {
        XCTAssertEqual(try errors("""
        func @f() -> i64 {
        b0:
          v0: i64 = iadd v1, v1
          v1: i64 = iconst 1
          ret v0
        }
        """), ["@f b0 inst 0: v1 does not dominate this use", "@f b0 inst 0: v1 does not dominate this use"])
    }

    func testWrongBlockArgumentCountAndType() throws {
        XCTAssertEqual(try errors("""
        func @f(v0: i64) -> unit {
        b0(v0: i64):
          v1: bool = bconst 1
          brif v1, b1(v0, v0), b1(v1)
        b1(v2: i64):
          ret
        }
        """), [
            "@f b0 terminator: brif passes 2 argument(s) to b1, which takes 1",
            "@f b0 terminator: brif argument 1 to b1 has type bool, the parameter i64",
        ])
    }

    func testUnknownFieldBuiltInMemory() {
        let m = Module()
        m.types = [TypeDecl(name: "P", kind: .structure([FieldDecl(name: "x", type: .i64)]))]
        let f = Function(name: "f", paramTypes: [.named("P")], returnType: .i64)
        var b = FunctionBuilder(f)
        let v = b.emit(.fieldGet, .i64, b.entryParams, imm: .field(FieldRef(typeName: "P", variant: -1, field: 3)))
        b.ret(v)
        m.functions = [f]
        XCTAssertEqual(verify(m).map(\.description), ["@f b0 inst 0: field.get: unknown field #3 of %P"])
    }

    func testUnknownFieldInText() {
        XCTAssertThrowsError(try parseModule("""
        mochi-ir 1
        type %P = struct { x: i64 }
        func @f(v0: %P) -> i64 {
        b0(v0: %P):
          v1: i64 = field.get %P.y, v0
          ret v1
        }
        """)) { XCTAssertEqual("\($0)", "5:23: %P has no field y") }
    }

    func testMissingTerminatorBuiltInMemory() {
        // A block the builder never terminated keeps the default `unreachable`; the
        // text form has no way to leave it out (see the parser's error tests).
        let f = Function(name: "f", paramTypes: [], returnType: .i64)
        _ = FunctionBuilder(f)
        let m = Module()
        m.functions = [f]
        XCTAssertEqual(verify(m).map(\.description), [])
        XCTAssertEqual(printFunction(f), "func @f() -> i64 {\nb0:\n  unreachable\n}\n")
    }

    func testReturnsAndConditions() throws {
        XCTAssertEqual(try errors("""
        func @f(v0: i64) -> i64 {
        b0(v0: i64):
          brif v0, b1, b2
        b1:
          ret
        b2:
          v1: str = sconst "x"
          ret v1
        }
        func @g() -> unit {
        b0:
          v0: i64 = iconst 0
          ret v0
        }
        """), [
            "@f b0 terminator: brif condition v0 has type i64, expected bool",
            "@f b1 terminator: ret without a value from a function returning i64",
            "@f b2 terminator: ret value has type str, the function returns i64",
            "@g b0 terminator: ret of a value from a function returning unit",
        ])
    }

    func testModuleTables() throws {
        XCTAssertEqual(try errors("""
        type %A = struct { x: %Missing, x: i64 }
        type %A = union { V(), V(y: list<%Gone>) }
        global @g: i64
        global @g: %Nope
        func @f() -> unit {
        b0:
          ret
        }
        func @f() -> unit {
        b0:
          ret
        }
        """), [
            "duplicate type %A",
            "duplicate global @g",
            "duplicate function @f",
            "type %A: field x has undeclared type %Missing",
            "type %A: duplicate field x",
            "type %A: duplicate variant V",
            "type %A.V: field y has undeclared type %Gone",
            "global @g has undeclared type %Nope",
        ])
    }

    func testEntryParametersAndLayout() {
        let f = Function(name: "f", paramTypes: [.i64], returnType: .unit)
        let b0 = f.makeBlock(params: [.f64])
        f.layout = [b0, b0]
        f.blocks[0].terminator = .ret(nil)
        let m = Module()
        m.functions = [f]
        XCTAssertEqual(verify(m).map(\.description), [
            "@f: block b0 appears twice in the layout",
            "@f b0: entry parameter 1 has type f64, the function's is i64",
        ])
        let empty = Function(name: "e", paramTypes: [], returnType: .unit)
        m.functions = [empty]
        XCTAssertEqual(verify(m).map(\.description), ["@e: function has no blocks"])
    }

    func testCustomOps() throws {
        XCTAssertEqual(try errors("""
        type %P = struct { name: str, age: i64 }
        type %U = union { A(x: i64), B() }
        global @count: i64
        func @two(v0: i64, v1: str) -> i64 {
        b0(v0: i64, v1: str):
          ret v0
        }
        func @f(v0: i64, v1: %P, v2: %U) -> unit {
        b0(v0: i64, v1: %P, v2: %U):
          v3: %P = struct.new v0, v0
          v4: %U = variant.new %U.A
          v5: str = field.get %P.age, v1
          field.set %U.A.x, v2, v0
          v6: %U = record.new v0
          v7: bool = variant.tag v2
          v8: i64 = call @two, v0
          call @two, v0, v0
          v9: fn(i64) -> str = closure.new @two, v0
          v10: i64 = call.closure v0
          v11: str = global.get @count
          global.set @count, v1
          v12: i64 = call @nobody
          v13: f64 = math1 "erf", v12
          v14: bool = bconst 2
          ret
        }
        """), [
            "@f b0 inst 0: struct.new: operand 1 has type i64, field name of %P is str",
            "@f b0 inst 1: variant.new: %U.A has 1 field(s), got 0 operand(s)",
            "@f b0 inst 2: field.get: result type str should be i64",
            "@f b0 inst 4: record.new: result must be a declared struct type, got %U",
            "@f b0 inst 5: variant.tag: result type bool should be i64",
            "@f b0 inst 6: call: @two takes 2 argument(s), got 1",
            "@f b0 inst 7: call: argument 2 has type i64, @two expects str",
            "@f b0 inst 7: call: expected a result of type i64",
            "@f b0 inst 8: closure.new: captures (i64) then parameters (i64) do not match @two's parameters (i64, str)",
            "@f b0 inst 8: closure.new: result returns str, @two returns i64",
            "@f b0 inst 9: call.closure: operand 1 has type i64, expected a fn type",
            "@f b0 inst 10: global.get: result type str should be i64",
            "@f b0 inst 11: global.set: value has type %P, @count is i64",
            "@f b0 inst 12: call: unknown function @nobody",
            "@f b0 inst 13: math1: operand 1 has type i64, which does not fit f64",
            "@f b0 inst 13: math1: unknown function \"erf\"",
            "@f b0 inst 14: bconst: immediate must be 0 or 1, got 2",
        ])
    }

    func testImmediateKindAndResultPresence() {
        let f = Function(name: "f", paramTypes: [], returnType: .unit)
        var b = FunctionBuilder(f)
        _ = b.emit(.iconst, .i64, imm: .string("1"))
        b.emitVoid(.iconst, imm: .int(1))
        _ = b.emit(.print, .unit, [b.sconst("x")])
        b.ret(nil)
        let m = Module()
        m.functions = [f]
        XCTAssertEqual(verify(m).map(\.description), [
            "@f b0 inst 0: iconst expects an int immediate, got a string",
            "@f b0 inst 1: iconst: expected a result",
            "@f b0 inst 3: print: defines no value",
        ])
    }
}
