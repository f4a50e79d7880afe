// Tests of the C emitter: the emitted C compiles without a warning under
// -std=c99 -Wall -Wextra -Werror, and the executable prints, fails and exits exactly
// as the reference interpreter does on the same IR (stdout, stderr, status). Covers
// every opcode (checked against the opcode table), each runtime error, parallel
// block-parameter moves, deterministic output, and a stress run of a few hundred
// random functions. Tests that need a C compiler or the interpreter tool skip
// when they are missing.

import Foundation
import MochiIR
import MochiEmitC
import MochiTestPrograms
import XCTest

final class EmitCTests: XCTestCase {
    func parse(_ text: String) throws -> Module {
        let m = try parseModule(text)
        let errs = verify(m)
        XCTAssert(errs.isEmpty, "verifier: \(errs)")
        return m
    }

    /// Emits, compiles (-Werror) and runs `m`, and compares with the interpreter.
    @discardableResult
    func checkAgainstInterpreter(_ m: Module, flags: [String] = ["-O1"], file: StaticString = #filePath,
                                 line: UInt = #line) throws -> RunResult? {
        let c = try emitC(m)
        guard CTestSupport.compiler != nil else { throw XCTSkip("no C compiler") }
        let (exe, messages) = CTestSupport.compile(c, flags: flags)
        XCTAssertEqual(messages, "", "compiler messages", file: file, line: line)
        guard let exe else { XCTFail("compile failed", file: file, line: line); return nil }
        if let tcc = CTestSupport.find("tcc") {
            XCTAssertEqual(CTestSupport.compileOnly(c, with: tcc, flags: ["-Wall", "-Werror"]), "", "tcc",
                           file: file, line: line)
        }
        let got = CTestSupport.run(exe, [])
        guard let want = CTestSupport.interpret(m) else { throw XCTSkip("mochi-jitrun not built") }
        XCTAssertEqual(got, want, file: file, line: line)
        return got
    }

    func testCoverageProgramUsesEveryOpcodeAndMatchesInterpreter() throws {
        let m = try parse(Programs.coverage)
        var seen = Set<Opcode>()
        for f in m.functions { for id in f.orderedInsts { seen.insert(f[id].op) } }
        let missing = Opcode.allCases.filter { !seen.contains($0) }.map(\.info.name)
        XCTAssertEqual(missing, [], "opcodes the coverage program does not use")
        let got = try checkAgainstInterpreter(m, flags: ["-O2"])
        let c = try emitC(m)
        if let clang = CTestSupport.find("clang") {
            XCTAssertEqual(CTestSupport.compileOnly(c, with: clang, flags: CTestSupport.warningFlags + ["-O2"]), "")
        }
        if let tcc = CTestSupport.find("tcc") {
            XCTAssertEqual(CTestSupport.compileOnly(c, with: tcc, flags: ["-Wall", "-Werror"]), "")
        }
        XCTAssertEqual(got?.status, 1)
        XCTAssertEqual(got?.stderr, "error: the end\n  at coverage.mochi:31\n")
    }

    func testEveryOpcodeHasAnEmitterCase() throws {
        // Each op alone in a function whose result is used, so nothing is dropped as dead:
        // the emitted C must contain the runtime call or operator for it.
        let m = try parse(Programs.coverage)
        let c = try emitC(m)
        let expected: [Opcode: String] = [
            // 7 - -3 and 4 * 10 cannot overflow (Ranges.swift): plain C; @addk's iadd of
            // a parameter keeps its check.
            .iadd: "mochi_i64_add", .isub: "(v0 - v1)", .imul: "(v8 * v9)",
            // By the constant -3 nothing can fail: plain C (tests/errors covers the checks).
            .idiv: "(v10 / v1)", .irem: "(v10 % v1)", .ineg: "mochi_i64_neg", .fdiv: "mochi_f64_div", .frem: "mochi_f64_mod",
            .ftoi: "mochi_emitc_ftoi", .math1: "sqrt(", .math2: "pow(", .box: "mochi_box(", .unbox: "mochi_unbox(",
            .anyAdd: "mochi_any_add", .anySub: "mochi_any_sub", .anyMul: "mochi_any_mul", .anyDiv: "mochi_any_div",
            .anyRem: "mochi_any_mod", .anyNeg: "mochi_any_neg", .anyCmp: "mochi_any_cmp", .anyTruthy: "mochi_any_truthy",
            .anyIndex: "mochi_any_index", .anyField: "mochi_any_field", .anyLen: "mochi_any_len",
            .cmp: "mochi_slot_eq", .tostr: "mochi_str_value", .fmt: "mochi_fmt_value", .tojson: "mochi_to_json_value",
            .json: "mochi_json_print", .print: "mochi_print_str", .strConcat: "mochi_str_concat", .strLen: "mochi_str_len",
            .strIndex: "mochi_str_index(", .strSlice: "mochi_str_slice", .strContains: "mochi_str_contains",
            .strFind: "mochi_str_index_of", .strUpper: "mochi_str_upper", .strLower: "mochi_str_lower",
            .strTrim: "mochi_str_trim", .strSplit: "mochi_str_split", .strJoin: "mochi_str_join",
            .strRepeat: "mochi_str_repeat", .strPadStart: "mochi_str_pad_start", .strReverse: "mochi_str_reverse",
            .strToInt: "mochi_str_to_int(", .strToFloat: "mochi_str_to_float", .strOrd: "mochi_str_code_point",
            .strChr: "mochi_str_from_code_point", .strHasPrefix: "mochi_str_starts_with",
            .strHasSuffix: "mochi_str_ends_with", .strParseBase: "mochi_str_to_int_base",
            .listNew: "mochi_list_from", .listLen: "->len", .listGet: "mochi_emitc_list_get",
            .listSet: "mochi_emitc_list_set", .listPush: "mochi_list_push", .listAppend: "mochi_list_append",
            .listSlice: "mochi_list_slice", .listConcat: "mochi_list_concat", .listContains: "mochi_list_contains",
            .listReverse: "mochi_list_reverse", .listDistinct: "mochi_list_distinct", .listUnion: "mochi_list_union(",
            .listUnionAll: "mochi_list_concat", .listExcept: "mochi_list_except", .listIntersect: "mochi_list_intersect",
            .listSum: "mochi_list_sum_i64", .listAvg: "mochi_list_avg", .listMin: "mochi_list_min",
            .listMax: "mochi_list_max", .listSortBy: "mochi_list_sort_by", .listRange: "mochi_range3",
            .mapNew: "mochi_map_new", .mapGet: "->val : 0)", .mapGetAny: "mochi_map_get_any",
            .mapSet: "mochi_map_set", .mapHas: " != NULL)", .mapLen: "mochi_map_len", .mapDelete: "mochi_map_delete",
            .mapKeys: "mochi_map_keys", .mapValues: "mochi_map_values", .structNew: "s_->h.desc = mochi_desc_id(&mochi_desc_P);", .recordNew: "s_->h.desc = mochi_desc_id(&mochi_desc_P_anon);",
            .variantNew: "s_->h.desc = mochi_desc_id(&mochi_desc_T_Node);", .fieldGet: "mochi_emitc_field_get",
            .fieldSet: "mochi_emitc_field_set", .variantTag: "mochi_struct_tag",
            .call: "mochi_fn_addk(", .callClosure: "mochi_emitc_call_closure", .closureNew: "mochi_closure_new",
            .globalGet: "= mochi_g_count", .globalSet: "mochi_g_count =", .groupNew: "mochi_groupby_new",
            .groupAdd: "mochi_groupby_add", .groupResult: "mochi_groupby_result", .groupKey: "mochi_struct_get(",
            .groupItems: "mochi_struct_get(", .expect: "mochi_rt_expect", .panic: "mochi_rt_panic",
            .testBegin: "mochi_rt_test_begin", .testEnd: "mochi_rt_test_end", .sha256: "mochi_sha256(",
            .bigFromInt: "mochi_bigrat_from_i64(", .bigFromFloat: "mochi_bigint_from_f64(",
            .bigFromStr: "mochi_bigrat_from_str(", .bigToInt: "mochi_bigint_to_i64(", .bigToFloat: "mochi_bigrat_to_f64(",
            .bigTrunc: "mochi_bigrat_trunc(", .bigToRat: "mochi_bigrat_from_bigint(", .bigNum: "mochi_bigrat_num(",
            .bigDenom: "mochi_bigrat_denom(", .bigAdd: "mochi_bigint_add(", .bigSub: "mochi_bigrat_sub(",
            .bigMul: "mochi_bigint_mul(", .bigDiv: "mochi_bigrat_div(", .bigRem: "mochi_bigint_rem(",
            .bigNeg: "mochi_bigrat_neg(", .bigAbs: "mochi_bigint_abs(", .bigPow: "mochi_bigint_pow(",
            .bigCmp: "mochi_bigint_cmp(",
            .iconst: "= 7;", .fconst: "= 2.5;", .bconst: "= 1;", .sconst: "mochi_strs[", .null: "= NULL;",
            .copy: "= v0;", .icmp: " <= ", .not: "= !", .fadd: " + ", .fsub: " - ", .fmul: " * ", .fneg: "= -",
            .fcmp: " < ", .itof: "(double)",
        ]
        for op in Opcode.allCases {
            guard let needle = expected[op] else { XCTFail("no expectation for \(op.info.name)"); continue }
            XCTAssert(c.contains(needle), "\(op.info.name): '\(needle)' not in the emitted C")
        }
    }

    func testRuntimeErrorsMatchInterpreter() throws {
        for (name, body) in Programs.errors {
            let m = try parse(Programs.errorModule(body))
            let got = try checkAgainstInterpreter(m)
            XCTAssertEqual(got?.status, 1, name)
            XCTAssert(got?.stdout == "before\n", "\(name): \(String(describing: got))")
        }
    }

    func testParallelMovesThroughCycles() throws {
        let m = try parse("""
            mochi-ir 1
            source "moves.mochi"

            func @main() -> unit {
            b0:
              v0: i64 = iconst 1
              v1: i64 = iconst 2
              v2: i64 = iconst 3
              v3: i64 = iconst 0
              jump b1(v3, v0, v1, v2)
            b1(v4: i64, v5: i64, v6: i64, v7: i64):
              v8: list<i64> = list.new v5, v6, v7
              v9: str = fmt v8
              print v9
              v10: i64 = iconst 4
              v11: bool = icmp lt v4, v10
              v12: i64 = iconst 1
              v13: i64 = iadd v4, v12
              brif v11, b1(v13, v6, v7, v5), b2(v7, v6)
            b2(v14: i64, v15: i64):
              brif v11, b2(v15, v14), b3(v15, v14, v15)
            b3(v16: i64, v17: i64, v18: i64):
              v19: list<i64> = list.new v16, v17, v18
              v20: str = fmt v19
              print v20
              ret
            }
            """)
        let got = try checkAgainstInterpreter(m)
        XCTAssertEqual(got?.stdout, "[1, 2, 3]\n[2, 3, 1]\n[3, 1, 2]\n[1, 2, 3]\n[2, 3, 1]\n[3, 1, 3]\n")
    }

    func testUnboxConvertsListAndMapRepresentations() throws {
        // `{}` is a map<any, any>; as map<str, i64> it must hold unboxed ints, and a
        // list<any> as list<i64> likewise (the interpreter copies both).
        let m = try parse("""
            mochi-ir 1
            source "conv.mochi"

            func @main() -> unit {
            b0:
              v0: map<any, any> = map.new !1:1
              v1: any = box v0 !1:1
              v2: map<str, i64> = unbox v1 !2:1
              v3: str = sconst "k" !3:1
              v4: i64 = iconst 41 !3:1
              map.set v2, v3, v4 !3:1
              v5: any = map.getany v2, v3 !4:1
              v6: i64 = unbox v5 !4:1
              v7: str = fmt v6 !4:1
              print v7 !4:1
              v8: any = box v4 !5:1
              v9: any = box v3 !5:1
              v10: map<any, any> = map.new v9, v8 !5:1
              v11: any = box v10 !5:1
              v12: map<str, i64> = unbox v11 !6:1
              v13: str = fmt v12 !6:1
              print v13 !6:1
              v14: list<any> = list.new v8, v8 !7:1
              v15: any = box v14 !7:1
              v16: list<i64> = unbox v15 !7:1
              v17: i64 = list.sum v16 !7:1
              v18: str = fmt v17 !7:1
              print v18 !7:1
              v19: map<any, any> = map.new v9, v9 !8:1
              v20: any = box v19 !8:1
              v21: map<str, i64> = unbox v20 !9:1
              ret
            }
            """)
        let got = try checkAgainstInterpreter(m)
        XCTAssertEqual(got?.stdout, "41\n{\"k\": 41}\n82\n")
        XCTAssertEqual(got?.status, 1)
    }

    func testOutputIsDeterministicAndMapsLines() throws {
        let m = try parse(Programs.coverage)
        let a = try emitC(m), b = try emitC(try parse(Programs.coverage))
        XCTAssertEqual(a, b)
        XCTAssert(a.contains("#line 10 \"coverage.mochi\""))
        XCTAssert(a.contains("static void mochi_fn_main(int64_t mochi_depth)"))  // it calls: takes its depth
        XCTAssert(a.contains("int main(int argc, char **argv)"))
        var o = EmitCOptions()
        o.lineDirectives = false
        XCTAssertFalse(try emitC(m, options: o).contains("#line"))
    }

    func testNamesAreSanitisedAndUnique() throws {
        let m = Module(sourceFile: "n.mochi")
        for name in ["a.b", "a_b", "main", "x-y"] {
            let f = Function(name: name, paramTypes: [], returnType: .unit)
            var b = FunctionBuilder(f)
            if name == "main" {
                for callee in ["a.b", "a_b", "x-y"] { b.emitVoid(.call, [], imm: .function(callee)) }
            }
            b.ret(nil)
            m.functions.append(f)
        }
        XCTAssert(verify(m).isEmpty)
        let c = try emitC(m)
        XCTAssert(c.contains("mochi_fn_a_b(void)"))
        XCTAssert(c.contains("mochi_fn_a_b_2(void)"))
        XCTAssert(c.contains("mochi_fn_x_y(void)"))
        try checkAgainstInterpreter(m)
    }

    func testMissingMainIsAnError() throws {
        let m = Module(sourceFile: "n.mochi")
        XCTAssertThrowsError(try emitC(m))
    }

    /// Loop versioning (LoopVersioning.swift), on `ys[j] = ys[j] + xs[i] * k + ys[0] * 0.0`
    /// in `for i in 0..n { for j in i..n { ... } }` with n = len(xs): ys[j] is proven
    /// by `j < n`, xs[i] by `i < n` (the inner header's other predecessor is its
    /// latch), both non-negative, so the outer loop (the inner one in it) gets a fast
    /// copy (labels b1f, b4f) with those unchecked, entered when i starts
    /// non-negative and n is at most xs's length and ys's length and writable
    /// length; ys[0] keeps its check there. Run against the interpreter: two
    /// distinct lists, one list under both names, a destination whose store is
    /// shared (writable length 0: the guard fails, the checked copy writes through
    /// copy-on-write), and a short destination, where the guard fails and the
    /// checked loop stops with the interpreter's error.
    func testVersionedLoopMatchesInterpreter() throws {
        let m = try parse("""
        mochi-ir 1
        source "vers.mochi"

        func @main() -> unit {
        b0:
          call @run !26:4
          ret !26:4
        }

        func @spread(v0: list<f64>, v1: list<f64>, v2: f64) -> unit !1:5 {
        b0(v0: list<f64>, v1: list<f64>, v2: f64):
          v3: i64 = list.len v0 !2:14
          v4: i64 = iconst 0 !3:12
          v5: i64 = iconst 1 !5:9
          jump b1(v4) !3:3
        b1(v6: i64):
          v7: bool = icmp lt v6, v3 !3:3
          brif v7, b4(v6), b3 !3:3
        b2:
          v8: i64 = iadd v6, v5 !5:9
          jump b1(v8) !5:9
        b3:
          ret !5:9
        b4(v9: i64):
          v10: bool = icmp lt v9, v3 !4:5
          brif v10, b5, b2 !4:5
        b5:
          v11: f64 = list.get v1, v9 !5:17
          v12: f64 = list.get v0, v6 !5:25
          v13: f64 = fmul v12, v2 !5:29
          v14: f64 = fadd v11, v13 !5:21
          v15: f64 = list.get v1, v4 !5:37
          v16: f64 = fconst 0.0 !5:45
          v17: f64 = fmul v15, v16 !5:42
          v18: f64 = fadd v14, v17 !5:33
          list.set v1, v9, v18 !5:9
          v19: i64 = iadd v9, v5 !5:9
          jump b4(v19) !5:9
        }

        func @run() -> unit !10:5 {
        b0:
          v0: f64 = fconst 1.0 !11:12
          v1: f64 = fconst 2.0 !11:17
          v2: f64 = fconst 3.0 !11:22
          v3: list<f64> = list.new v0, v1, v2 !11:11
          v4: f64 = fconst 0.0 !12:12
          v5: list<f64> = list.new v4, v4, v4 !12:11
          call @spread, v3, v5, v1 !13:9
          v6: str = fmt v5 !14:8
          print v6 !14:8
          call @spread, v3, v3, v0 !15:9
          v7: str = fmt v3 !16:8
          print v7 !16:8
          v8: f64 = fconst 4.0 !17:27
          v9: list<f64> = list.new v0, v1, v2, v8 !17:11
          v10: f64 = fconst 5.0 !18:21
          v11: list<f64> = list.append v9, v10 !18:17
          call @spread, v9, v11, v0 !19:9
          v12: str = fmt v9 !20:8
          print v12 !20:8
          v13: str = fmt v11 !21:8
          print v13 !21:8
          v14: list<f64> = list.new v4, v0 !22:13
          call @spread, v3, v14, v0 !22:9
          v15: str = sconst "not reached" !23:9
          print v15 !23:8
          ret !23:8
        }
        """)
        let c = try emitC(m)
        XCTAssert(c.contains("b1f:;") && c.contains("b4f:;"), "the loops have a fast copy")
        XCTAssert(c.contains("{ if (v6 >= 0 && v3 <= n1 && v3 <= n0 && v3 <= w1) goto b1f; goto b1; }"),
                  "entered by its guard")
        let fast = c[c.range(of: "b4f:;")!.lowerBound...]
        XCTAssert(fast.contains("v11 = mochi_s2f(d1[v9]); v12 = mochi_s2f(d0[v6]);"), "proven loads unchecked")
        XCTAssert(fast.contains(" d1[v9] = mochi_f2s(v18);"), "the proven store is unchecked")
        XCTAssert(fast.contains("(uint64_t)v4 < (uint64_t)n1 ? d1[v4]"), "ys[0] keeps its check")
        let got = try checkAgainstInterpreter(m, flags: ["-O2"])
        XCTAssertEqual(got?.stdout, "[2.0, 6.0, 12.0]\n[2.0, 8.0, 26.0]\n[1.0, 2.0, 3.0, 4.0]\n[2.0, 5.0, 9.0, 14.0, 5.0]\n")
        XCTAssertEqual(got?.status, 1)
        XCTAssertEqual(got?.stderr, "error: list index out of range: 2 (len 2)\n  at vers.mochi:5\n")
    }

    func testRandomProgramsCompileCleanlyAndMatchInterpreter() throws {
        guard CTestSupport.compiler != nil else { throw XCTSkip("no C compiler") }
        guard CTestSupport.jitrun != nil else { throw XCTSkip("mochi-jitrun not built") }
        let modules = 12, perModule = 25
        var warnings = 0, mismatches = 0, functions = 0, compilations = 0
        for seed in 0..<modules {
            var g = RandomPrograms(seed: UInt64(seed + 1))
            let m = g.module(functions: perModule)
            let errs = verify(m)
            XCTAssert(errs.isEmpty, "seed \(seed): \(errs.prefix(3))")
            if !errs.isEmpty { continue }
            functions += perModule
            let c = try emitC(m)
            let (exe, messages) = CTestSupport.compile(c, flags: ["-O2"])
            if !messages.isEmpty { warnings += 1; XCTFail("seed \(seed): \(messages.prefix(2000))") }
            // The same C through the other compilers at hand: clang with the same
            // warnings (and -O0, where different warnings fire), tcc as the small one.
            var others: [(String, [String])] = []
            if let clang = CTestSupport.find("clang") {
                others.append((clang, CTestSupport.warningFlags + ["-O2"]))
                others.append((clang, CTestSupport.warningFlags + ["-O0"]))
            }
            if let tcc = CTestSupport.find("tcc") { others.append((tcc, ["-Wall", "-Werror"])) }
            for (cc, flags) in others {
                let m = CTestSupport.compileOnly(c, with: cc, flags: flags)
                compilations += 1
                if !m.isEmpty { warnings += 1; XCTFail("seed \(seed) \(cc) \(flags): \(m.prefix(2000))") }
            }
            compilations += 1
            guard let exe else { continue }
            let got = CTestSupport.run(exe, [])
            let want = CTestSupport.interpret(m)!
            if got != want {
                mismatches += 1
                XCTFail("seed \(seed): compiled \(got) vs interpreted \(want)")
            }
            XCTAssertEqual(got.status, 0, "seed \(seed)")
        }
        print("random programs: \(functions) functions in \(modules) modules, \(compilations) compilations, "
              + "\(warnings) with compiler messages, \(mismatches) mismatches")
    }
}
