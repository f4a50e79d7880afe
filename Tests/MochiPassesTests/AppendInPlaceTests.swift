// Append in place: `xs = append(xs, v)` on a list the function made and keeps to
// itself becomes an in-place push (in a loop, through the header's block parameter),
// and every way the old list could still be seen keeps the append: another name
// read after it, the old value read after it, passing it to a call, storing it in a
// list, map, struct or closure, returning the old name, and lists that come from a
// parameter, a global or a container. Returning the list itself ends the function
// and keeps the push.

import MochiIR
import MochiPasses
import XCTest

final class AppendInPlaceTests: XCTestCase {
    /// Parses `body` (functions, plus any declarations) as a module, runs the pass on
    /// the function `fn`, checks the module still verifies, and returns that
    /// function's opcodes and whether the pass changed it.
    private func run(_ body: String, fn: String = "f", file: StaticString = #filePath,
                     line: UInt = #line) throws -> (changed: Bool, ops: [Opcode], f: Function) {
        let m = try parseModule("mochi-ir 1\n" + body)
        XCTAssertEqual(verify(m).map(\.description), [], "input verifies", file: file, line: line)
        guard let f = m.function(named: fn) else {
            XCTFail("no function \(fn)", file: file, line: line)
            throw CancellationError()
        }
        let changed = AppendInPlace().run(on: f)
        XCTAssertEqual(verify(m).map(\.description), [], "output verifies", file: file, line: line)
        XCTAssertEqual(wellFormednessErrors(f), [], file: file, line: line)
        return (changed, opcodes(f), f)
    }

    /// Asserts that the pass leaves `body`'s function `fn` exactly as it was.
    private func assertUnchanged(_ body: String, fn: String = "f", file: StaticString = #filePath,
                                 line: UInt = #line) throws {
        let before = printModule(try parseModule("mochi-ir 1\n" + body))
        let r = try run(body, fn: fn, file: file, line: line)
        XCTAssertFalse(r.changed, file: file, line: line)
        XCTAssertTrue(r.ops.contains(.listAppend), file: file, line: line)
        let m = try parseModule("mochi-ir 1\n" + body)
        _ = AppendInPlace().run(on: m.function(named: fn)!)
        XCTAssertEqual(printModule(m), before, file: file, line: line)
    }

    // var xs = []; for i in 0..n { xs = append(xs, i) }; return len(xs)
    private let loop = """
        func @f(v0: i64) -> i64 {
        b0(v0: i64):
          v1: list<i64> = list.new
          v2: i64 = iconst 0
          jump b1(v2, v1)
        b1(v3: i64, v4: list<i64>):
          v5: bool = icmp lt v3, v0
          brif v5, b2, b3
        b2:
          v6: list<i64> = list.append v4, v3
          v7: i64 = iconst 1
          v8: i64 = iadd v3, v7
          jump b1(v8, v6)
        b3:
          v9: i64 = list.len v4
          ret v9
        }

        """

    func testAppendInALoopBecomesAPush() throws {
        let r = try run(loop)
        XCTAssertTrue(r.changed)
        XCTAssertEqual(r.ops.filter { $0 == .listAppend || $0 == .listPush }, [.listPush])
        // The back edge now passes the header's own parameter: the list is one object.
        let text = printFunction(r.f)
        XCTAssertTrue(text.contains("list.push v4, v3"), text)
        XCTAssertTrue(text.contains("jump b1(v7, v4)"), text)
    }

    func testO1LeavesOneListThroughTheLoop() throws {
        let m = try parseModule("mochi-ir 1\n" + loop)
        optimize(m, level: .O1, printAfter: nil) { _ in }
        XCTAssertEqual(verify(m).map(\.description), [])
        let f = m.functions[0]
        XCTAssertEqual(opcodes(f).filter { $0 == .listNew || $0 == .listAppend || $0 == .listPush }, [.listNew, .listPush])
        // Copy propagation removed the header parameter that only carried the list.
        for b in f.layout {
            for p in f[b].params {
                if case .list = f.type(of: p) { XCTFail("b\(b.index) still has a list parameter") }
            }
        }
    }

    func testStraightLineAppendsBecomePushes() throws {
        let r = try run("""
            func @f() -> i64 {
            b0:
              v0: list<i64> = list.new
              v1: i64 = iconst 1
              v2: list<i64> = list.append v0, v1
              v3: list<i64> = list.append v2, v1
              v4: str = fmt v3
              print v4
              v5: i64 = list.len v3
              ret v5
            }

            """)
        XCTAssertTrue(r.changed)
        XCTAssertEqual(r.ops.filter { $0 == .listAppend || $0 == .listPush }, [.listPush, .listPush])
        XCTAssertTrue(printFunction(r.f).contains("fmt v0"))
    }

    // let ys = xs (a copy); xs = append(xs, 1); print(ys)
    func testAnotherNameReadAfterTheAppendKeepsIt() throws {
        try assertUnchanged("""
            func @f() -> unit {
            b0:
              v0: list<i64> = list.new
              v1: list<i64> = copy v0
              v2: i64 = iconst 1
              v3: list<i64> = list.append v0, v2
              v4: str = fmt v1
              print v4
              v5: str = fmt v3
              print v5
              ret
            }

            """)
    }

    // ys = append(xs, 1); print(xs): the old value itself is read after the append.
    func testOldValueReadAfterTheAppendKeepsIt() throws {
        try assertUnchanged("""
            func @f() -> i64 {
            b0:
              v0: list<i64> = list.new
              v1: i64 = iconst 1
              v2: list<i64> = list.append v0, v1
              v3: i64 = list.len v0
              v4: i64 = list.len v2
              v5: i64 = iadd v3, v4
              ret v5
            }

            """)
    }

    // In a loop, the old list is read after the loop through the header parameter
    // while the back edge carries the new one under another parameter.
    func testOldValueLiveAcrossTheBackEdgeKeepsIt() throws {
        try assertUnchanged("""
            func @f(v0: i64) -> i64 {
            b0(v0: i64):
              v1: list<i64> = list.new
              v2: i64 = iconst 0
              jump b1(v2, v1, v1)
            b1(v3: i64, v4: list<i64>, v5: list<i64>):
              v6: bool = icmp lt v3, v0
              brif v6, b2, b3
            b2:
              v7: list<i64> = list.append v4, v3
              v8: i64 = iconst 1
              v9: i64 = iadd v3, v8
              jump b1(v9, v7, v4)
            b3:
              v10: i64 = list.len v5
              ret v10
            }

            """)
    }

    func testListPassedToAFunctionKeepsTheAppend() throws {
        try assertUnchanged("""
            func @g(v0: list<i64>) -> i64 {
            b0(v0: list<i64>):
              v1: i64 = list.len v0
              ret v1
            }

            func @f() -> i64 {
            b0:
              v0: list<i64> = list.new
              v1: i64 = call @g, v0
              v2: list<i64> = list.append v0, v1
              v3: i64 = list.len v2
              ret v3
            }

            """)
    }

    func testListStoredInAnotherListKeepsTheAppend() throws {
        for store in ["v2: list<list<i64>> = list.new v0", "v2: list<list<i64>> = list.new\n  list.push v2, v0"] {
            try assertUnchanged("""
                func @f() -> i64 {
                b0:
                  v0: list<i64> = list.new
                  v1: i64 = iconst 1
                  \(store)
                  v3: list<i64> = list.append v0, v1
                  v4: i64 = list.len v3
                  ret v4
                }

                """)
        }
    }

    func testListStoredInAMapKeepsTheAppend() throws {
        try assertUnchanged("""
            func @f() -> i64 {
            b0:
              v0: list<i64> = list.new
              v1: i64 = iconst 1
              v2: map<i64, list<i64>> = map.new
              map.set v2, v1, v0
              v3: list<i64> = list.append v0, v1
              v4: i64 = list.len v3
              ret v4
            }

            """)
    }

    func testListStoredInAStructFieldKeepsTheAppend() throws {
        try assertUnchanged("""
            type %S = struct { xs: list<i64> }

            func @f(v0: %S) -> i64 {
            b0(v0: %S):
              v1: list<i64> = list.new
              v2: i64 = iconst 1
              field.set %S.xs, v0, v1
              v3: list<i64> = list.append v1, v2
              v4: i64 = list.len v3
              ret v4
            }

            """)
        try assertUnchanged("""
            type %S = struct { xs: list<i64> }

            func @f() -> %S {
            b0:
              v0: list<i64> = list.new
              v1: i64 = iconst 1
              v2: %S = struct.new v0
              v3: list<i64> = list.append v0, v1
              v4: i64 = list.len v3
              ret v2
            }

            """)
    }

    func testListCapturedByAClosureKeepsTheAppend() throws {
        try assertUnchanged("""
            func @g(v0: list<i64>) -> i64 {
            b0(v0: list<i64>):
              v1: i64 = list.len v0
              ret v1
            }

            func @f() -> i64 {
            b0:
              v0: list<i64> = list.new
              v1: fn() -> i64 = closure.new @g, v0
              v2: i64 = iconst 1
              v3: list<i64> = list.append v0, v2
              v4: i64 = call.closure v1
              ret v4
            }

            """)
    }

    /// Returning the list ends the function: the caller gets the one object,
    /// and no name of it is used here any more, so a builder that returns its
    /// list still pushes.
    func testReturnedListBecomesAPush() throws {
        let r = try run("""
            func @f() -> list<i64> {
            b0:
              v0: list<i64> = list.new
              v1: i64 = iconst 1
              v2: list<i64> = list.append v0, v1
              ret v2
            }

            """)
        XCTAssertTrue(r.changed)
        XCTAssertFalse(r.ops.contains(.listAppend))
        XCTAssertTrue(r.ops.contains(.listPush))
    }

    /// Returning the old name after the append: it is live there, so the append stays.
    func testReturningTheOldListKeepsTheAppend() throws {
        try assertUnchanged("""
            func @f() -> list<i64> {
            b0:
              v0: list<i64> = list.new
              v1: i64 = iconst 1
              v2: list<i64> = list.append v0, v1
              v3: i64 = list.len v2
              ret v0
            }

            """)
    }

    func testListFromAParameterKeepsTheAppend() throws {
        try assertUnchanged("""
            func @f(v0: list<i64>) -> i64 {
            b0(v0: list<i64>):
              v1: i64 = iconst 1
              v2: list<i64> = list.append v0, v1
              v3: i64 = list.len v2
              ret v3
            }

            """)
    }

    func testListFromAGlobalKeepsTheAppend() throws {
        try assertUnchanged("""
            global @xs: list<i64>

            func @f() -> i64 {
            b0:
              v0: list<i64> = global.get @xs
              v1: i64 = iconst 1
              v2: list<i64> = list.append v0, v1
              v3: i64 = list.len v2
              ret v3
            }

            """)
    }

    // A list read out of a container (a captured `var` lives in a one-element list).
    func testListLoadedFromAContainerKeepsTheAppend() throws {
        try assertUnchanged("""
            func @f(v0: list<list<i64>>) -> i64 {
            b0(v0: list<list<i64>>):
              v1: i64 = iconst 0
              v2: list<i64> = list.get v0, v1
              v3: list<i64> = list.append v2, v1
              v4: i64 = list.len v3
              ret v4
            }

            """)
    }

    // One source of a join is foreign: the whole class is left alone.
    func testJoinWithAForeignListKeepsTheAppend() throws {
        try assertUnchanged("""
            func @f(v0: bool, v1: list<i64>) -> i64 {
            b0(v0: bool, v1: list<i64>):
              v2: list<i64> = list.new
              brif v0, b1(v2), b1(v1)
            b1(v3: list<i64>):
              v4: i64 = iconst 1
              v5: list<i64> = list.append v3, v4
              v6: i64 = list.len v5
              ret v6
            }

            """)
    }

    // xss = append(xss, xs): xs is stored as an element, so its own append stays
    // (the outer list, which nothing else sees, may still grow in place).
    func testAppendingTheListAsAnElementEscapes() throws {
        let r = try run("""
            func @f() -> i64 {
            b0:
              v0: list<i64> = list.new
              v1: list<list<i64>> = list.new
              v2: list<list<i64>> = list.append v1, v0
              v3: i64 = iconst 1
              v4: list<i64> = list.append v0, v3
              v5: i64 = list.len v4
              v6: i64 = list.len v2
              v7: i64 = iadd v5, v6
              ret v7
            }

            """)
        let text = printFunction(r.f)
        XCTAssertTrue(text.contains("list.push v1, v0"), text)
        XCTAssertTrue(text.contains("list.append v0, v2"), text)
    }

    func testNothingToDoWithoutAppends() throws {
        let r = try run("""
            func @f() -> i64 {
            b0:
              v0: list<i64> = list.new
              v1: i64 = list.len v0
              ret v1
            }

            """)
        XCTAssertFalse(r.changed)
    }
}
