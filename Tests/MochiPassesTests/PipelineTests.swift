// The -O1 pipeline: pass names and lookup, the --print-after hook, an end-to-end
// fold of a small program, and a property test over a few hundred random functions:
// every pass output stays well formed (and verifies, through the IR verifier) and
// the reference evaluator gives the same answer before and after -O1.

import MochiIR
import MochiPasses
import XCTest

final class PipelineTests: XCTestCase {
    func testPassNamesAndLookup() {
        XCTAssertEqual(PassPipeline.passNames, ["constfold", "copyprop", "dce", "simplifycfg", "accum", "licm", "cse",
                                                "concatappend", "appendinplace", "stringbuild", "bce"])
        for name in PassPipeline.passNames { XCTAssertEqual(PassPipeline.pass(named: name)?.name, name) }
        XCTAssertNil(PassPipeline.pass(named: "inline"))
        XCTAssertEqual(PassPipeline(level: .O0).passes.count, 0)
        let o1 = PassPipeline(level: .O1).passes.map(\.name)
        XCTAssertEqual(o1, ["simplifycfg", "constfold", "copyprop", "dce", "simplifycfg", "accum", "licm", "cse", "concatappend",
                            "appendinplace", "stringbuild", "constfold", "copyprop", "dce", "simplifycfg",
                            "constfold", "copyprop", "dce", "simplifycfg", "bce"])
    }

    private func sampleModule() -> Module {
        let m = Module(sourceFile: "t.mochi")
        // if 2 * 3 > 5 { x = 1 } else { x = 2 }; return x + p
        let f = makeFunction([.i64], name: "main") { b in
            let six = b.emit(.imul, .i64, [b.iconst(2), b.iconst(3)])
            let c = b.emit(.icmp, .bool, [six, b.iconst(5)], imm: .cond(.gt))
            let t = b.makeBlock(), e = b.makeBlock(), join = b.makeBlock(params: [.i64])
            b.brif(c, t, [], e, [])
            b.switchTo(t); b.jump(join, [b.emit(.copy, .i64, [b.iconst(1)])])
            b.switchTo(e); b.jump(join, [b.iconst(2)])
            b.switchTo(join)
            b.ret(b.emit(.iadd, .i64, [b.params(of: join)[0], b.entryParams[0]]))
        }
        m.functions = [f]
        return m
    }

    func testO1FoldsAConstantBranchAway() {
        let m = sampleModule()
        optimize(m, level: .O1, printAfter: nil) { _ in XCTFail("no dump asked for") }
        let f = m.functions[0]
        assertWellFormed(f)
        XCTAssertEqual(f.layout.count, 1)
        XCTAssertEqual(opcodes(f), [.iconst, .iadd])
        XCTAssertEqual(f[f.orderedInsts[0]].imm, .int(1))
        XCTAssertEqual(evaluate(f, [41]), .value(42))
    }

    func testO0ChangesNothing() {
        let m = sampleModule()
        let before = printModule(m)
        optimize(m, level: .O0, printAfter: "dce") { _ in XCTFail("no pass runs at -O0") }
        XCTAssertEqual(printModule(m), before)
    }

    func testPrintAfterDumpsAfterEveryRunOfThatPass() {
        let m = sampleModule()
        var dumps: [String] = []
        optimize(m, level: .O1, printAfter: "constfold") { dumps.append($0) }
        XCTAssertEqual(dumps.count, 3, "constfold runs three times at -O1")
        XCTAssertTrue(dumps.allSatisfy { $0.hasPrefix("mochi-ir 1") })
        XCTAssertEqual(dumps.last, printModule(m), "nothing changes after the last fold here")
        var none = 0
        optimize(sampleModule(), level: .O1, printAfter: "nosuchpass") { _ in none += 1 }
        XCTAssertEqual(none, 0)
    }

    func testOptimisedOutputIsDeterministic() {
        var texts: [String] = []
        for _ in 0..<2 {
            var g = RandomFunctionGenerator(seed: 7)
            let m = Module()
            m.functions = [g.generate()]
            optimize(m, level: .O1, printAfter: nil) { _ in }
            texts.append(printModule(m))
        }
        XCTAssertEqual(texts[0], texts[1])
    }

    /// Random functions through every -O1 pass one at a time: each intermediate
    /// function is well formed, and the answers on a few inputs do not change.
    func testRandomFunctionsKeepTheirMeaningUnderO1() {
        let inputs: [[Int64]] = [[0, 0], [1, -1], [3, 7], [-5, 2], [.max, 1], [.min, -3], [100, 100]]
        let pipeline = PassPipeline(level: .O1)
        var blocksBefore = 0, blocksAfter = 0, instsBefore = 0, instsAfter = 0
        for seed in UInt64(1)...300 {
            var g = RandomFunctionGenerator(seed: seed)
            let f = g.generate()
            assertWellFormed(f, "seed \(seed) as generated")
            let expected = inputs.map { evaluate(f, $0) }
            blocksBefore += f.layout.count; instsBefore += f.orderedInsts.count
            for pass in pipeline.passes {
                _ = pass.run(on: f)
                let m = Module()
                m.functions = [f]
                let errors = wellFormednessErrors(f) + verify(m).map(\.description)
                if !errors.isEmpty {
                    XCTFail("seed \(seed) after \(pass.name): \(errors.joined(separator: "; "))\n\(printFunction(f))")
                    break
                }
            }
            blocksAfter += f.layout.count; instsAfter += f.orderedInsts.count
            let got = inputs.map { evaluate(f, $0) }
            XCTAssertEqual(got, expected, "seed \(seed)\n\(printFunction(f))")
            XCTAssertFalse(expected.contains(.tooLong), "seed \(seed): the generator made a long-running loop")
        }
        // The passes must actually do something on these programs.
        XCTAssertLessThan(blocksAfter, blocksBefore)
        XCTAssertLessThan(instsAfter, instsBefore)
    }

    /// Running -O1 a second time over its own output changes nothing: the pipeline
    /// reaches its fixed point on these programs.
    func testO1IsIdempotentOnRandomFunctions() {
        for seed in UInt64(1)...100 {
            var g = RandomFunctionGenerator(seed: seed)
            let m = Module()
            m.functions = [g.generate()]
            optimize(m, level: .O1, printAfter: nil) { _ in }
            let once = printModule(m)
            optimize(m, level: .O1, printAfter: nil) { _ in }
            XCTAssertEqual(printModule(m), once, "seed \(seed)")
        }
    }
}
