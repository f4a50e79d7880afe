// Unit tests of the runtime's bigint and bigrat (mochi_bigint.c) through the public
// header: the edge cases by name (zero, signs, INT64_MIN, carries and borrows across
// limbs, truncating division in every sign combination, lowest terms, rounding to
// float) and the language-level hooks: printing in every form of LANGUAGE.md §9,
// JSON, equality and hashing across int/float/bigint/bigrat, map keys, sorting,
// truthiness, dynamic arithmetic in `any`, and the collector keeping what bigrats
// refer to. scripts/bigint-differential checks the arithmetic at random against
// Python; runtime errors exit the process, so they are tested there, in a child.
import MochiRuntime
import XCTest

private func text(_ r: mochi_ref?) -> String { String(cString: mochi_str_bytes(r)) }
private func big(_ s: String) -> mochi_ref? {
    let r = s.withCString { mochi_bigint_parse($0, Int64(strlen($0))) }
    precondition(r != nil, "not an integer: \(s)")
    return r
}
private func rat(_ s: String) -> mochi_ref? {
    let r = s.withCString { mochi_bigrat_parse($0, Int64(strlen($0))) }
    precondition(r != nil, "not a rational: \(s)")
    return r
}
private func b(_ v: Int64) -> mochi_ref? { mochi_bigint_from_i64(v) }
private func s(_ r: mochi_ref?) -> String { text(mochi_bigint_to_str(r)) }
private func rs(_ r: mochi_ref?) -> String { text(mochi_bigrat_to_str(r)) }
private func top(_ r: mochi_ref?) -> String { text(mochi_fmt_any(r)) }
private func refList(_ xs: [mochi_ref?]) -> mochi_ref? {
    let l = mochi_list_new(MOCHI_K_REF, 0)
    for x in xs { mochi_list_push(l, mochi_r2s(x)) }
    return l
}

final class BigIntTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        mochi_rt_init(0, nil, nil)
    }

    func testZeroAndNil() {
        XCTAssertEqual(s(b(0)), "0")
        XCTAssertEqual(mochi_bigint_sign(b(0)), 0)
        XCTAssertEqual(s(mochi_bigint_neg(b(0))), "0") // never "-0"
        XCTAssertEqual(s(mochi_bigint_sub(b(5), b(5))), "0")
        XCTAssertEqual(s(mochi_bigint_mul(big("-123456789012345678901234567890"), b(0))), "0")
        // A nil bigint (a zeroed struct field) reads as 0, a nil bigrat as 0/1.
        XCTAssertEqual(s(mochi_bigint_add(nil, b(7))), "7")
        XCTAssertEqual(s(mochi_bigint_add(b(7), nil)), "7")
        XCTAssertEqual(s(mochi_bigint_abs(nil)), "0")
        XCTAssertEqual(rs(mochi_bigrat_add(nil, rat("1/2"))), "1/2")
        XCTAssertEqual(s(mochi_bigrat_denom(nil)), "1")
        XCTAssertEqual(s(big("-0")), "0")
        XCTAssertEqual(s(big("+000123")), "123")
    }

    func testSignsOfAdditionAndSubtraction() {
        let cases: [(Int64, Int64)] = [(7, 5), (-7, 5), (7, -5), (-7, -5), (5, 7), (-5, 7), (5, -7), (-5, -7)]
        for (x, y) in cases {
            XCTAssertEqual(s(mochi_bigint_add(b(x), b(y))), String(x + y), "\(x) + \(y)")
            XCTAssertEqual(s(mochi_bigint_sub(b(x), b(y))), String(x - y), "\(x) - \(y)")
            XCTAssertEqual(s(mochi_bigint_mul(b(x), b(y))), String(x * y), "\(x) * \(y)")
        }
        // The same across limbs: 2^64 +- small, with both signs.
        XCTAssertEqual(s(mochi_bigint_add(big("18446744073709551616"), b(-1))), "18446744073709551615")
        XCTAssertEqual(s(mochi_bigint_add(big("-18446744073709551616"), b(1))), "-18446744073709551615")
        XCTAssertEqual(s(mochi_bigint_sub(b(1), big("18446744073709551616"))), "-18446744073709551615")
    }

    func testInt64Boundaries() {
        XCTAssertEqual(s(b(Int64.min)), "-9223372036854775808")
        XCTAssertEqual(s(b(Int64.max)), "9223372036854775807")
        XCTAssertEqual(mochi_bigint_to_i64(b(Int64.min)), Int64.min)
        XCTAssertEqual(mochi_bigint_to_i64(big("-9223372036854775808")), Int64.min)
        XCTAssertEqual(mochi_bigint_fits_i64(big("9223372036854775807")), 1)
        XCTAssertEqual(mochi_bigint_fits_i64(big("9223372036854775808")), 0)
        XCTAssertEqual(mochi_bigint_fits_i64(big("-9223372036854775809")), 0)
        XCTAssertEqual(s(mochi_bigint_neg(b(Int64.min))), "9223372036854775808")
        XCTAssertEqual(s(mochi_bigint_div(b(Int64.min), b(-1))), "9223372036854775808")
        XCTAssertEqual(s(mochi_bigint_rem(b(Int64.min), b(-1))), "0")
        XCTAssertEqual(s(mochi_bigint_mul(b(Int64.min), b(Int64.min))), "85070591730234615865843651857942052864")
        XCTAssertEqual(s(mochi_bigint_sub(b(Int64.min), b(1))), "-9223372036854775809")
    }

    func testCarriesAndBorrowsAcrossLimbs() {
        let b64 = "18446744073709551616"
        XCTAssertEqual(s(mochi_bigint_add(big("18446744073709551615"), b(1))), b64)
        XCTAssertEqual(s(mochi_bigint_add(big("340282366920938463463374607431768211455"), b(1))),
                       "340282366920938463463374607431768211456")
        // 2^192 - 1: a borrow through three zero limbs
        XCTAssertEqual(s(mochi_bigint_sub(big("6277101735386680763835789423207666416102355444464034512896"), b(1))),
                       "6277101735386680763835789423207666416102355444464034512895")
        // (2^64-1)^2 = 2^128 - 2^65 + 1: the largest two-limb product
        XCTAssertEqual(s(mochi_bigint_mul(big("18446744073709551615"), big("18446744073709551615"))),
                       "340282366920938463426481119284349108225")
        XCTAssertEqual(s(mochi_bigint_pow(b(2), 64)), b64)
        XCTAssertEqual(s(mochi_bigint_pow(b(-3), 3)), "-27")
        XCTAssertEqual(s(mochi_bigint_pow(big("123456789123456789123"), 0)), "1")
        XCTAssertEqual(s(mochi_bigint_pow(b(2), -1)), "0") // 1/2 truncated, as `/` does
        XCTAssertEqual(s(mochi_bigint_pow(b(-1), -3)), "-1")
    }

    func testTruncatingDivisionInEverySignCombination() {
        // `/` truncates toward zero, `%` has the dividend's sign (LANGUAGE.md §10).
        let cases: [(Int64, Int64, String, String)] = [
            (7, 2, "3", "1"), (-7, 2, "-3", "-1"), (7, -2, "-3", "1"), (-7, -2, "3", "-1"),
            (6, 3, "2", "0"), (-6, 3, "-2", "0"), (1, 5, "0", "1"), (-1, 5, "0", "-1"),
        ]
        for (x, y, q, r) in cases {
            XCTAssertEqual(s(mochi_bigint_div(b(x), b(y))), q, "\(x) / \(y)")
            XCTAssertEqual(s(mochi_bigint_rem(b(x), b(y))), r, "\(x) % \(y)")
        }
        // The same with a multi-limb dividend and divisor: 10^40 +- 7 by +-(10^20 + 3).
        let a = "10000000000000000000000000000000000000007", d = "100000000000000000003"
        for (sa, sd) in [("", ""), ("-", ""), ("", "-"), ("-", "-")] {
            var rem: mochi_ref? = nil
            let q = mochi_bigint_divrem(big(sa + a), big(sd + d), &rem)
            let qs = (sa == sd ? "" : "-") + "99999999999999999997"
            let rsign = sa == "-" ? "-" : ""
            XCTAssertEqual(s(q), qs, "\(sa)a / \(sd)d")
            XCTAssertEqual(s(rem), rsign + "16", "\(sa)a % \(sd)d")
        }
    }

    func testBigrationalsAreInLowestTerms() {
        XCTAssertEqual(rs(mochi_bigrat_new(b(6), b(-4))), "-3/2")
        XCTAssertEqual(rs(mochi_bigrat_new(b(0), b(-5))), "0/1")
        XCTAssertEqual(rs(mochi_bigrat_new(b(-10), b(-5))), "2/1")
        XCTAssertEqual(rs(mochi_bigrat_add(rat("1/6"), rat("1/3"))), "1/2")
        XCTAssertEqual(rs(mochi_bigrat_sub(rat("1/6"), rat("1/6"))), "0/1")
        XCTAssertEqual(rs(mochi_bigrat_mul(rat("2/3"), rat("9/4"))), "3/2")
        XCTAssertEqual(rs(mochi_bigrat_div(rat("2/3"), rat("-4/9"))), "-3/2")
        XCTAssertEqual(rs(mochi_bigrat_pow(rat("-2/3"), -3)), "-27/8")
        XCTAssertEqual(rs(rat("-1.25e-3")), "-1/800")
        XCTAssertEqual(rs(rat("10/4")), "5/2")
        XCTAssertEqual(s(mochi_bigrat_num(rat("-10/4"))), "-5")
        XCTAssertEqual(s(mochi_bigrat_denom(rat("-10/4"))), "2")
        XCTAssertEqual(s(mochi_bigrat_trunc(rat("-7/2"))), "-3")
        XCTAssertEqual(mochi_bigrat_cmp(rat("1/3"), rat("1/2")), -1)
        XCTAssertEqual(mochi_bigrat_cmp(rat("-1/3"), rat("-1/2")), 1)
        XCTAssertEqual(mochi_bigrat_eq(rat("2/4"), rat("1/2")), 1)
        // The harmonic number H(30) by repeated addition: still in lowest terms.
        var h = mochi_bigrat_from_i64(0)
        for i in 1...30 { h = mochi_bigrat_add(h, mochi_bigrat_new(b(1), b(Int64(i)))) }
        XCTAssertEqual(rs(h), "9304682830147/2329089562800")
        XCTAssertEqual(s(mochi_bigint_gcd(big("-9304682830147000"), b(2329089562800))), "200")
    }

    func testFloatConversions() {
        XCTAssertEqual(s(mochi_bigint_from_f64(1e20)), "100000000000000000000")
        XCTAssertEqual(s(mochi_bigint_from_f64(-2.9)), "-2")
        XCTAssertEqual(s(mochi_bigint_from_f64(-9223372036854775808.0)), "-9223372036854775808")
        XCTAssertEqual(rs(mochi_bigrat_from_f64(0.1)), "3602879701896397/36028797018963968")
        XCTAssertEqual(rs(mochi_bigrat_from_f64(-2.5)), "-5/2")
        XCTAssertEqual(mochi_bigint_to_f64(big("9007199254740993")), 9007199254740992) // 2^53+1: tie to even
        XCTAssertEqual(mochi_bigint_to_f64(big("9007199254740995")), 9007199254740996)
        XCTAssertEqual(mochi_bigint_to_f64(mochi_bigint_pow(b(2), 1024)), .infinity)
        XCTAssertEqual(mochi_bigint_to_f64(mochi_bigint_neg(mochi_bigint_pow(b(2), 1024))), -.infinity)
        XCTAssertEqual(mochi_bigrat_to_f64(rat("1/3")), 1.0 / 3.0)
        XCTAssertEqual(mochi_bigrat_to_f64(mochi_bigrat_new(b(1), mochi_bigint_pow(b(2), 1074))), 5e-324)
        XCTAssertEqual(mochi_bigrat_to_f64(mochi_bigrat_new(b(1), mochi_bigint_pow(b(2), 1075))), 0) // a tie: to even 0
    }

    func testDecimalTextRoundTripsAtPowerOfTenEdges() {
        // 200,000 digits: an estimate of the digit count that is 1 in 200,000 short
        // (1233/4096 for log10 2) would overrun the buffer there.
        for k in [18, 19, 20, 38, 57, 600, 1000, 5000, 20000, 200_000] {
            let p = mochi_bigint_pow(b(10), Int64(k))
            XCTAssertEqual(s(p), "1" + String(repeating: "0", count: k))
            XCTAssertEqual(s(mochi_bigint_sub(p, b(1))), String(repeating: "9", count: k))
            XCTAssertEqual(s(mochi_bigint_neg(mochi_bigint_add(p, b(1)))), "-1" + String(repeating: "0", count: k - 1) + "1")
        }
        // A 25,000-digit number with runs of zeros inside the chunks the printer splits at.
        var digits = ""
        for i in 0..<25_000 { digits.append(i % 97 < 40 ? "0" : Character(String(i % 10))) }
        digits = "7" + digits
        XCTAssertEqual(s(big(digits)), digits)
        XCTAssertEqual(s(big("-" + digits)), "-" + digits)
    }

    func testPrintingInEveryForm() {
        // LANGUAGE.md §9: bigint as exact decimal; bigrat as n/d, always with a
        // denominator, at top level and in containers; str() the same inside `[ ]`.
        let two64 = big("18446744073709551616")
        XCTAssertEqual(top(two64), "18446744073709551616")
        XCTAssertEqual(top(rat("3")), "3/1")
        XCTAssertEqual(top(rat("-5/2")), "-5/2")
        let l = refList([b(1), two64, rat("1/3"), rat("3/1")])
        XCTAssertEqual(top(l), "[1, 18446744073709551616, 1/3, 3/1]")
        XCTAssertEqual(text(mochi_str_value(MOCHI_K_REF, mochi_r2s(l))), "[1 18446744073709551616 1/3 3/1]")
        XCTAssertEqual(text(mochi_str_value(MOCHI_K_REF, mochi_r2s(rat("1/3")))), "1/3")
        // JSON as the reference VM writes it (Go's encoding/json): a bigint is a
        // number, a bigrat the string of *big.Rat's MarshalText ("n/d", "n" when whole).
        XCTAssertEqual(text(mochi_to_json_value(MOCHI_K_REF, mochi_r2s(l))), #"[1,18446744073709551616,"1/3","3"]"#)
        XCTAssertEqual(text(mochi_json_value(MOCHI_K_REF, mochi_r2s(refList([rat("-1/3")])))), "[\n  \"-1/3\"\n]")
        // map printing: bigint keys quoted, sorted by their text as int keys are
        let m = mochi_map_new(MOCHI_K_REF, MOCHI_K_REF)
        mochi_map_set(m, mochi_r2s(b(10)), mochi_r2s(rat("1/2")))
        mochi_map_set(m, mochi_r2s(big("9" + String(repeating: "0", count: 30))), mochi_r2s(b(-1)))
        XCTAssertEqual(top(m), #"{"10": 1/2, "9000000000000000000000000000000": -1}"#)
        XCTAssertEqual(text(mochi_str_value(MOCHI_K_REF, mochi_r2s(m))), "map[10:1/2 9000000000000000000000000000000:-1]")
    }

    func testEqualityAndHashingAcrossNumberKinds() {
        // Equal numbers of different kinds are equal in `any` and hash alike, so they
        // are one key in a map: int 5 and bigint 5, bigrat 3/1 and int 3, bigrat 1/2
        // and float 0.5, bigint 2^70 and float 2^70.
        let pairs: [(mochi_ref?, mochi_ref?)] = [
            (b(5), mochi_box_int(5)), (rat("3/1"), mochi_box_int(3)), (rat("3/1"), b(3)),
            (rat("1/2"), mochi_box_float(0.5)), (mochi_bigint_pow(b(2), 70), mochi_box_float(1180591620717411303424.0)),
            (big("123456789012345678901234567890"), big("123456789012345678901234567890")),
            (rat("7/3"), rat("14/6")), (b(Int64.min), mochi_box_int(Int64.min)), (rat("3/1"), mochi_box_float(3)),
        ]
        for (x, y) in pairs {
            XCTAssertEqual(mochi_any_eq(x, y), 1, "\(top(x)) == \(top(y))")
            XCTAssertEqual(mochi_any_eq(y, x), 1, "\(top(y)) == \(top(x))")
            // a map finds y under x only when their hashes agree too
            let m = mochi_map_new(MOCHI_K_REF, MOCHI_K_I64)
            mochi_map_set(m, mochi_r2s(x), 1)
            XCTAssertEqual(mochi_map_has(m, mochi_r2s(y)), 1, "key \(top(x)) found as \(top(y))")
        }
        XCTAssertEqual(mochi_any_eq(b(5), mochi_box_int(6)), 0)
        XCTAssertEqual(mochi_any_eq(rat("1/3"), mochi_box_float(1.0 / 3.0)), 1) // promoted to float
        XCTAssertEqual(mochi_any_eq(b(1), mochi_str_lit("1")), 0)
        XCTAssertEqual(mochi_any_eq(b(1), nil), 0)
        // As map keys: an equal bigint made separately finds the entry, and int 5 is the same key.
        let m = mochi_map_new(MOCHI_K_REF, MOCHI_K_I64)
        let k = "1" + String(repeating: "0", count: 40)
        mochi_map_set(m, mochi_r2s(big(k)), 1)
        mochi_map_set(m, mochi_r2s(b(5)), 2)
        mochi_map_set(m, mochi_r2s(mochi_box_int(5)), 3)
        mochi_map_set(m, mochi_r2s(rat("1/2")), 4)
        XCTAssertEqual(mochi_map_len(m), 3)
        XCTAssertEqual(mochi_map_get_or(m, mochi_r2s(big(k)), 0), 1)
        XCTAssertEqual(mochi_map_get_or(m, mochi_r2s(b(5)), 0), 3)
        XCTAssertEqual(mochi_map_get_or(m, mochi_r2s(mochi_bigrat_new(b(2), b(4))), 0), 4)
        XCTAssertEqual(mochi_list_contains(refList([b(1), big(k)]), mochi_r2s(big(k))), 1)
    }

    func testOrderSortingAndTruthiness() {
        let xs = [big("-18446744073709551617"), b(3), rat("5/2"), mochi_box_int(-4), big("100000000000000000000"),
                  mochi_box_float(2.75), b(0), rat("-1/3")]
        let sorted = mochi_list_sorted(refList(xs))
        XCTAssertEqual(top(sorted), "[-18446744073709551617, -4, -1/3, 0, 5/2, 2.75, 3, 100000000000000000000]")
        XCTAssertLessThan(mochi_any_cmp(b(2), mochi_box_int(3)), 0)
        XCTAssertGreaterThan(mochi_any_cmp(rat("7/2"), b(3)), 0)
        XCTAssertEqual(mochi_bigint_cmp(big("-100000000000000000000"), big("-99999999999999999999")), -1)
        XCTAssertEqual(mochi_any_truthy(b(0)), 0)
        XCTAssertEqual(mochi_any_truthy(big("-100000000000000000000")), 1)
        XCTAssertEqual(mochi_any_truthy(rat("0/7")), 0)
        XCTAssertEqual(mochi_any_truthy(rat("1/7")), 1)
        XCTAssertEqual(mochi_any_kind(b(1)), MOCHI_A_BIGINT)
        XCTAssertEqual(mochi_any_kind(rat("1/2")), MOCHI_A_BIGRAT)
    }

    func testDynamicArithmeticPromotes() {
        // int < bigint < bigrat < float (LANGUAGE.md §10)
        let r1 = mochi_any_add(mochi_box_int(1), big("18446744073709551615"))
        XCTAssertEqual(mochi_any_kind(r1), MOCHI_A_BIGINT)
        XCTAssertEqual(top(r1), "18446744073709551616")
        let r2 = mochi_any_div(b(1), rat("3/1"))
        XCTAssertEqual(mochi_any_kind(r2), MOCHI_A_BIGRAT)
        XCTAssertEqual(top(r2), "1/3")
        let r3 = mochi_any_mul(rat("1/2"), mochi_box_float(3))
        XCTAssertEqual(mochi_any_kind(r3), MOCHI_A_FLOAT)
        XCTAssertEqual(top(r3), "1.5")
        XCTAssertEqual(top(mochi_any_div(b(-7), mochi_box_int(2))), "-3")
        XCTAssertEqual(top(mochi_any_mod(b(-7), mochi_box_int(2))), "-1")
        XCTAssertEqual(top(mochi_any_neg(rat("1/2"))), "-1/2")
        XCTAssertEqual(mochi_any_to_int(big("-42")), -42)
        XCTAssertEqual(mochi_any_to_int(rat("-7/2")), -3)
        XCTAssertEqual(mochi_any_to_float(rat("1/4")), 0.25)
        // sum of a list of any: exact while no float is in it
        XCTAssertEqual(top(mochi_list_sum_any(refList([mochi_box_int(1), big("18446744073709551615"), b(-2)]))),
                       "18446744073709551614")
        XCTAssertEqual(top(mochi_list_sum_any(refList([rat("1/3"), b(1), mochi_box_int(2)]))), "10/3")
        XCTAssertEqual(top(mochi_list_sum_any(refList([rat("1/2"), mochi_box_float(0.25)]))), "0.75")
    }

    func testUnboxFromAny() {
        // The IR's unbox to bigint/bigrat: the value itself, a lower-ranked number
        // converted, nil as nil (bad kinds are runtime errors: tests/errors).
        let x = big("-18446744073709551617")
        XCTAssertEqual(mochi_bigint_from_any(x), x)
        XCTAssertEqual(s(mochi_bigint_from_any(mochi_box_int(-5))), "-5")
        XCTAssertNil(mochi_bigint_from_any(nil))
        let r = rat("-7/3")
        XCTAssertEqual(mochi_bigrat_from_any(r), r)
        XCTAssertEqual(rs(mochi_bigrat_from_any(x)), "-18446744073709551617/1")
        XCTAssertEqual(rs(mochi_bigrat_from_any(mochi_box_int(9))), "9/1")
        XCTAssertNil(mochi_bigrat_from_any(nil))
    }

    func testOverflowNoteText() {
        var buf = [CChar](repeating: 0, count: 256)
        let file = strdup("prog.mochi")
        mochi_loc_file = UnsafePointer(file)
        mochi_loc_line = 3
        _ = mochi_rt_error_text_note(&buf, 256, "integer overflow", MOCHI_OVERFLOW_NOTE)
        XCTAssertEqual(String(cString: buf), """
            error: integer overflow
              at prog.mochi:3
              note: int is 64-bit; declare the value as bigint for arbitrary precision

            """)
        mochi_loc_line = 0
        _ = mochi_rt_error_text_note(&buf, 256, "integer overflow", MOCHI_OVERFLOW_NOTE)
        XCTAssertEqual(String(cString: buf), "error: integer overflow\n"
                       + "  note: int is 64-bit; declare the value as bigint for arbitrary precision\n")
        // A buffer too small for the note keeps the lines that fit, NUL-terminated.
        var small = [CChar](repeating: 0, count: 30)
        let n = mochi_rt_error_text_note(&small, 30, "integer overflow", MOCHI_OVERFLOW_NOTE)
        XCTAssertEqual(n, 29)
        XCTAssertEqual(String(cString: small), "error: integer overflow\n  not")
        mochi_loc_file = nil
        free(file)
    }

    func testCollectorKeepsWhatBigrationalsReferTo() {
        // A bigrat is the only holder of its parts; a list the only holder of the
        // bigrat. Plenty of garbage bigints in between must not take them along.
        let keep = mochi_list_new(MOCHI_K_REF, 0)
        var want: [String] = []
        for i in 1...200 {
            let n = mochi_bigint_pow(b(3), Int64(40 + i))
            let d = mochi_bigint_pow(b(7), Int64(30 + i))
            let r = mochi_bigrat_new(n, d)
            mochi_list_push(keep, mochi_r2s(r))
            want.append(rs(r))
            var junk = b(1)
            for j in 1...50 { junk = mochi_bigint_mul(junk, mochi_bigint_pow(b(Int64(j)), 40)) }
            _ = junk
            if i % 50 == 0 { mochi_gc_collect() }
        }
        mochi_gc_collect()
        for i in 0..<200 {
            XCTAssertEqual(rs(mochi_s2r(mochi_list_get(keep, Int64(i)))), want[i])
        }
    }
}
