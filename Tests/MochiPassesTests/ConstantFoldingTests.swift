// Constant folding: one table-style test per kind of operation, including the cases
// that must not fold because the runtime would stop the program (overflow, zero
// divisors, min / -1) or because the float result is a NaN, plus bit-exactness of
// float results, string folding in code points, and branch folding.

import MochiIR
import MochiPasses
import XCTest

final class ConstantFoldingTests: XCTestCase {
    /// Builds `ret op(consts...)` and runs constant folding; returns the instruction
    /// that now defines the returned value.
    private func foldBinary(_ op: Opcode, _ type: IRType, _ operands: [(inout FunctionBuilder) -> Value],
                            imm: Immediate = .none, file: StaticString = #filePath, line: UInt = #line) -> Inst? {
        var result: Value?
        let f = makeFunction(returns: type) { b in
            let xs = operands.map { $0(&b) }
            result = b.emit(op, type, xs, imm: imm)
            b.ret(result)
        }
        _ = ConstantFolding().run(on: f)
        assertWellFormed(f, "\(op.info.name)", file: file, line: line)
        return definingInst(result!, in: f, file: file, line: line)
    }

    private func i(_ x: Int64) -> (inout FunctionBuilder) -> Value { { $0.iconst(x) } }
    private func d(_ x: Double) -> (inout FunctionBuilder) -> Value { { $0.fconst(x) } }
    private func s(_ x: String) -> (inout FunctionBuilder) -> Value { { $0.sconst(x) } }
    private func bo(_ x: Bool) -> (inout FunctionBuilder) -> Value { { $0.bconst(x) } }

    private func assertInt(_ op: Opcode, _ a: Int64, _ b: Int64, _ expected: Int64?,
                           file: StaticString = #filePath, line: UInt = #line) {
        let inst = foldBinary(op, .i64, [i(a), i(b)], file: file, line: line)
        if let e = expected {
            XCTAssertEqual(inst?.op, .iconst, "\(op.info.name) \(a), \(b)", file: file, line: line)
            XCTAssertEqual(inst?.imm, .int(e), "\(op.info.name) \(a), \(b)", file: file, line: line)
        } else {
            XCTAssertEqual(inst?.op, op, "\(op.info.name) \(a), \(b) must stay for the runtime error", file: file, line: line)
            XCTAssertEqual(inst?.args.count, 2, file: file, line: line)
        }
    }

    func testIntegerArithmeticFoldsWhenItCannotTrap() {
        assertInt(.iadd, 2, 3, 5)
        assertInt(.iadd, .max - 1, 1, .max)
        assertInt(.iadd, .max, 1, nil)
        assertInt(.iadd, .min, -1, nil)
        assertInt(.isub, 2, 7, -5)
        assertInt(.isub, .min, 1, nil)
        assertInt(.isub, 0, .min, nil)
        assertInt(.imul, -6, 7, -42)
        assertInt(.imul, .max, 2, nil)
        assertInt(.imul, .min, -1, nil)
        assertInt(.imul, 1 << 32, 1 << 32, nil)
    }

    func testDivisionTruncatesTowardZeroAndLeavesTrapsAlone() {
        assertInt(.idiv, 7, 2, 3)
        assertInt(.idiv, -7, 2, -3)
        assertInt(.idiv, 7, -2, -3)
        assertInt(.idiv, -7, -2, 3)
        assertInt(.idiv, 5, 0, nil)
        assertInt(.idiv, .min, -1, nil)
        assertInt(.idiv, .min, 1, .min)
        assertInt(.irem, 7, 2, 1)
        assertInt(.irem, -7, 2, -1)
        assertInt(.irem, 7, -2, 1)
        assertInt(.irem, -7, -2, -1)
        assertInt(.irem, 5, 0, nil)
        // The runtime answers 0 for x % -1, the minimum included.
        assertInt(.irem, .min, -1, 0)
        assertInt(.irem, 9, -1, 0)
    }

    func testNegation() {
        let a = foldBinary(.ineg, .i64, [i(5)])
        XCTAssertEqual(a?.op, .iconst); XCTAssertEqual(a?.imm, .int(-5))
        let b = foldBinary(.ineg, .i64, [i(.min)])
        XCTAssertEqual(b?.op, .ineg)
        let n = foldBinary(.not, .bool, [bo(true)])
        XCTAssertEqual(n?.op, .bconst); XCTAssertEqual(n?.imm, .int(0))
    }

    func testIntegerAndBoolComparisons() {
        let cases: [(CondCode, Int64, Int64, Bool)] = [
            (.eq, 3, 3, true), (.ne, 3, 3, false), (.lt, -1, 0, true), (.le, 0, 0, true),
            (.gt, .min, .max, false), (.ge, .max, .min, true), (.lt, 5, -5, false),
        ]
        for (cc, a, b, want) in cases {
            let inst = foldBinary(.icmp, .bool, [i(a), i(b)], imm: .cond(cc))
            XCTAssertEqual(inst?.op, .bconst, "\(cc) \(a) \(b)")
            XCTAssertEqual(inst?.imm, .int(want ? 1 : 0), "\(cc) \(a) \(b)")
        }
        let lt = foldBinary(.icmp, .bool, [bo(false), bo(true)], imm: .cond(.lt))
        XCTAssertEqual(lt?.imm, .int(1))
        let eq = foldBinary(.icmp, .bool, [bo(true), bo(true)], imm: .cond(.eq))
        XCTAssertEqual(eq?.imm, .int(1))
    }

    private func assertFloat(_ op: Opcode, _ xs: [Double], _ expected: Double?,
                             file: StaticString = #filePath, line: UInt = #line) {
        let inst = foldBinary(op, .f64, xs.map { d($0) }, file: file, line: line)
        if let e = expected {
            XCTAssertEqual(inst?.op, .fconst, "\(op.info.name) \(xs)", file: file, line: line)
            // Bit patterns, so -0.0 differs from 0.0 and rounding is checked exactly.
            XCTAssertEqual(inst?.imm, .float(e.bitPattern), "\(op.info.name) \(xs)", file: file, line: line)
        } else {
            XCTAssertEqual(inst?.op, op, "\(op.info.name) \(xs) must stay", file: file, line: line)
        }
    }

    func testFloatArithmeticIsBitExact() {
        assertFloat(.fadd, [0.1, 0.2], 0.30000000000000004)
        assertFloat(.fsub, [0.0, 0.0], 0.0)
        assertFloat(.fsub, [-0.0, 0.0], -0.0)
        assertFloat(.fmul, [1e308, 10], .infinity)
        assertFloat(.fmul, [-1e-300, 1e-300], -0.0)
        assertFloat(.fdiv, [1, 3], 1.0 / 3.0)
        assertFloat(.fdiv, [1, 0], nil)
        assertFloat(.fdiv, [1, -0.0], nil)
        assertFloat(.frem, [5.5, 2], 1.5)
        assertFloat(.frem, [-5.5, 2], -1.5)
        assertFloat(.frem, [5.5, -2], 1.5)
        assertFloat(.frem, [1, 0], nil)
        assertFloat(.fneg, [0.0], -0.0)
        assertFloat(.fneg, [-2.5], 2.5)
        // NaN results are left to the runtime: their bits differ between targets.
        assertFloat(.fadd, [.infinity, -.infinity], nil)
        assertFloat(.fmul, [.nan, 1], nil)
    }

    func testFloatComparisonsAreOrdered() {
        let cases: [(CondCode, Double, Double, Bool)] = [
            (.lt, 1, 2, true), (.eq, 0.0, -0.0, true), (.eq, .nan, .nan, false),
            (.ne, .nan, .nan, true), (.lt, .nan, 1, false), (.ge, .nan, 1, false),
            (.gt, .infinity, .greatestFiniteMagnitude, true),
        ]
        for (cc, a, b, want) in cases {
            let inst = foldBinary(.fcmp, .bool, [d(a), d(b)], imm: .cond(cc))
            XCTAssertEqual(inst?.op, .bconst, "\(cc) \(a) \(b)")
            XCTAssertEqual(inst?.imm, .int(want ? 1 : 0), "\(cc) \(a) \(b)")
        }
    }

    func testIntToFloatRoundsToNearestEven() {
        let a = foldBinary(.itof, .f64, [i((1 << 53) + 1)])
        XCTAssertEqual(a?.imm, .float(Double(1 << 53).bitPattern))
        let b = foldBinary(.itof, .f64, [i(.min)])
        XCTAssertEqual(b?.imm, .float((-9223372036854775808.0).bitPattern))
        let c = foldBinary(.itof, .f64, [i(-3)])
        XCTAssertEqual(c?.imm, .double(-3))
    }

    func testStringsFoldInCodePoints() {
        let c = foldBinary(.strConcat, .str, [s("héllo, "), s("wörld 🙂")])
        XCTAssertEqual(c?.op, .sconst); XCTAssertEqual(c?.imm, .string("héllo, wörld 🙂"))
        let n = foldBinary(.strLen, .i64, [s("héllo🙂")])
        XCTAssertEqual(n?.op, .iconst); XCTAssertEqual(n?.imm, .int(6))
        // A combining sequence is two code points, though one grapheme.
        let m = foldBinary(.strLen, .i64, [s("e\u{301}")])
        XCTAssertEqual(m?.imm, .int(2))
        let e = foldBinary(.strLen, .i64, [s("")])
        XCTAssertEqual(e?.imm, .int(0))
    }

    func testCopiesOfConstantsBecomeConstants() {
        XCTAssertEqual(foldBinary(.copy, .i64, [i(7)])?.imm, .int(7))
        XCTAssertEqual(foldBinary(.copy, .str, [s("x")])?.op, .sconst)
        let fl = foldBinary(.copy, .f64, [d(-0.0)])
        XCTAssertEqual(fl?.op, .fconst); XCTAssertEqual(fl?.imm, .float((-0.0).bitPattern))
        XCTAssertEqual(foldBinary(.copy, .bool, [bo(true)])?.imm, .int(1))
    }

    func testChainsFoldInOneRunAndParametersStopFolding() {
        var r: Value?, r2: Value?
        let f = makeFunction([.i64]) { b in
            let x = b.iadd2(2, 3)
            let y = b.emit(.imul, .i64, [x, b.iconst(4)])
            r = b.emit(.isub, .i64, [y, b.iconst(1)])
            r2 = b.emit(.iadd, .i64, [r!, b.entryParams[0]])
            b.ret(r2)
        }
        XCTAssertTrue(ConstantFolding().run(on: f))
        XCTAssertEqual(definingInst(r!, in: f)?.imm, .int(19))
        XCTAssertEqual(definingInst(r2!, in: f)?.op, .iadd)
        XCTAssertFalse(ConstantFolding().run(on: f), "a second run finds nothing new")
        assertWellFormed(f)
    }

    func testImpureAndUnknownOpsAreNotFolded() {
        var l: Value?
        let f = makeFunction(returns: .i64) { b in
            let one = b.iconst(1)
            let list = b.emit(.listNew, .list(.i64), [one, one])
            l = b.emit(.listLen, .i64, [list])
            b.ret(l)
        }
        XCTAssertFalse(ConstantFolding().run(on: f))
        XCTAssertEqual(definingInst(l!, in: f)?.op, .listLen)
    }

    func testBranchOnConstantBecomesJump() {
        var thenB = Block(0), elseB = Block(0), x = Value(0)
        let f = makeFunction([.i64]) { b in
            let c = b.emit(.icmp, .bool, [b.iconst(1), b.iconst(2)], imm: .cond(.gt))
            thenB = b.makeBlock(params: [.i64]); elseB = b.makeBlock(params: [.i64])
            x = b.entryParams[0]
            b.brif(c, thenB, [x], elseB, [b.iconst(9)])
            b.switchTo(thenB); b.ret(b.params(of: thenB)[0])
            b.switchTo(elseB); b.ret(b.params(of: elseB)[0])
        }
        XCTAssertTrue(ConstantFolding().run(on: f))
        guard case .jump(let c) = f[f.entry!].terminator else { return XCTFail("expected a jump") }
        XCTAssertEqual(c.block, elseB)
        XCTAssertEqual(c.args.count, 1)
        XCTAssertEqual(definingInst(c.args[0], in: f)?.imm, .int(9))
        assertWellFormed(f)
        XCTAssertEqual(f.layout.count, 3, "dead blocks are left for simplifycfg")
    }
}

extension FunctionBuilder {
    /// `iadd` of two fresh constants.
    mutating func iadd2(_ a: Int64, _ b: Int64) -> Value {
        let x = iconst(a), y = iconst(b)
        return emit(.iadd, .i64, [x, y])
    }
}
