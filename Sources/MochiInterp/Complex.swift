// The interpreter's slow path: every IR op that is a runtime call anyway (strings,
// lists, maps, structs, closures, dynamic values, formatting, group-by, checks).
// It lives outside `Machine.run` so the hot loop stays small and its machine frame
// shallow; the switch is over the IR `Opcode` itself (the decoded `sub` byte), and
// it is exhaustive, so a new opcode cannot be forgotten here silently.
//
// Conventions (Decoder.swift): a = result slot (-1: none), b/c/d = operand slots, or
// c = operand-table start and d = count for variadic ops. The source line is stored
// for the runtime before the call, so any error it raises names the right place.
// Results are written to their frame slot as soon as they exist, so an object is a
// root before the next allocation can collect.

import MochiIR
import MochiRuntime

private let anyKindNames = ["nil", "int", "float", "bool", "string", "list", "map", "struct", "function",
                            "bigint", "bigrat"]

extension Machine {
    @inline(never)
    func complex(_ ins: UnsafeMutablePointer<DInst>, _ fp: UnsafeMutablePointer<UInt64>,
                 _ f: UnsafeMutablePointer<DFunc>) {
        mochi_loc_line = ins.pointee.line
        let a = Int(ins.pointee.a), b = Int(ins.pointee.b), c = Int(ins.pointee.c), d = Int(ins.pointee.d)
        let kind = slotKind(ins.pointee.kind)
        let rat = ins.pointee.kind2 != 0
        @inline(__always) func r(_ i: Int) -> mochi_ref? { ref(fp[i]) }
        @inline(__always) func i64(_ i: Int) -> Int64 { Int64(bitPattern: fp[i]) }
        @inline(__always) func bool(_ x: Bool) -> UInt64 { x ? 1 : 0 }
        /// The variadic operands copied into the frame's scratch slots, contiguous.
        func gathered() -> UnsafeMutablePointer<UInt64> {
            let g = fp + f.pointee.gatherBase
            let ops = f.pointee.operands + c
            for k in 0..<d { g[k] = fp[Int(ops[k])] }
            return g
        }
        /// The scratch copies are not roots once the new object holds the operands.
        func clearGathered() {
            (fp + f.pointee.gatherBase).update(repeating: 0, count: d)
        }
        func condHolds(_ order: Int64) -> Bool {
            switch ins.pointee.imm {
            case 0: return order == 0
            case 1: return order != 0
            case 2: return order < 0
            case 3: return order <= 0
            case 4: return order > 0
            default: return order >= 0
            }
        }

        switch Opcode(rawValue: ins.pointee.sub)! {
        // Handled inline by the decoded loop; never reach here.
        case .iconst, .fconst, .bconst, .sconst, .null, .copy, .iadd, .isub, .imul, .idiv, .irem,
             .ineg, .icmp, .not, .fadd, .fsub, .fmul, .fdiv, .frem, .fneg, .fcmp, .itof, .ftoi,
             .math1, .math2, .listGet, .listSet, .listLen, .fieldGet, .fieldSet, .call,
             .callClosure, .globalGet, .globalSet:
            preconditionFailure("inline op decoded as complex")

        case .box: fp[a] = slot(mochi_box(kind, fp[b]))
        case .unbox: fp[a] = unbox(fp[b], ins, into: fp + a)
        case .anyAdd: fp[a] = slot(mochi_any_add(r(b), r(c)))
        case .anySub: fp[a] = slot(mochi_any_sub(r(b), r(c)))
        case .anyMul: fp[a] = slot(mochi_any_mul(r(b), r(c)))
        case .anyDiv: fp[a] = slot(mochi_any_div(r(b), r(c)))
        case .anyRem: fp[a] = slot(mochi_any_mod(r(b), r(c)))
        case .anyNeg: fp[a] = slot(mochi_any_neg(r(b)))
        case .anyCmp:
            if ins.pointee.imm <= 1 {
                let eq = mochi_any_eq(r(b), r(c)) != 0
                fp[a] = bool(ins.pointee.imm == 0 ? eq : !eq)
            } else {
                fp[a] = bool(condHolds(mochi_any_cmp(r(b), r(c))))
            }
        case .anyTruthy: fp[a] = bool(mochi_any_truthy(r(b)) != 0)
        case .anyIndex: fp[a] = slot(mochi_any_index(r(b), r(c)))
        case .anyField:
            let name = UnsafePointer<CChar>(bitPattern: Int(ins.pointee.imm))
            fp[a] = slot(mochi_any_field(r(b), name))
        case .anyLen: fp[a] = UInt64(bitPattern: mochi_any_len(r(b)))

        case .cmp:
            let x = fp[b], y = fp[c]
            switch ins.pointee.kind {
            case SlotKind.i64.rawValue, SlotKind.bool.rawValue:
                let p = Int64(bitPattern: x), q = Int64(bitPattern: y)
                fp[a] = bool(condHolds(p < q ? -1 : (p == q ? 0 : 1)))
            case SlotKind.f64.rawValue:
                let p = Double(bitPattern: x), q = Double(bitPattern: y)
                let res: Bool
                switch ins.pointee.imm {
                case 0: res = p == q
                case 1: res = p != q
                case 2: res = p < q
                case 3: res = p <= q
                case 4: res = p > q
                default: res = p >= q
                }
                fp[a] = bool(res)
            default:
                if ins.pointee.imm <= 1 {
                    let eq = mochi_slot_eq(kind, x, y) != 0
                    fp[a] = bool(ins.pointee.imm == 0 ? eq : !eq)
                } else {
                    fp[a] = bool(condHolds(mochi_slot_cmp(kind, x, y)))
                }
            }
        case .tostr: fp[a] = slot(mochi_str_value(kind, fp[b]))
        case .fmt: fp[a] = slot(mochi_fmt_value(kind, fp[b]))
        case .tojson: fp[a] = slot(mochi_to_json_value(kind, fp[b]))
        case .json: mochi_json_print(kind, fp[b])
        case .print: mochi_print_str(r(b))

        case .strConcat: fp[a] = slot(mochi_str_concat(r(b), r(c)))
        case .strLen: fp[a] = UInt64(bitPattern: mochi_str_len(r(b)))
        case .strIndex: fp[a] = slot(mochi_str_index(r(b), i64(c)))
        case .strSlice: fp[a] = slot(mochi_str_slice(r(b), i64(c), i64(d)))
        case .strContains: fp[a] = bool(mochi_str_contains(r(b), r(c)) != 0)
        case .strFind: fp[a] = UInt64(bitPattern: mochi_str_index_of(r(b), r(c)))
        case .strUpper: fp[a] = slot(mochi_str_upper(r(b)))
        case .sha256: fp[a] = slot(mochi_sha256(r(b)))
        case .strLower: fp[a] = slot(mochi_str_lower(r(b)))
        case .strTrim: fp[a] = slot(mochi_str_trim(r(b)))
        case .strSplit: fp[a] = slot(mochi_str_split(r(b), r(c)))
        case .strJoin: fp[a] = slot(mochi_str_join(r(b), r(c)))
        case .strRepeat: fp[a] = slot(mochi_str_repeat(r(b), i64(c)))
        case .strPadStart: fp[a] = slot(mochi_str_pad_start(r(b), i64(c), r(d)))
        case .strReverse: fp[a] = slot(mochi_str_reverse(r(b)))
        case .strToInt: fp[a] = UInt64(bitPattern: mochi_str_to_int(r(b)))
        case .strToFloat: fp[a] = mochi_str_to_float(r(b)).bitPattern
        case .strOrd: fp[a] = UInt64(bitPattern: mochi_str_code_point(r(b)))
        case .strChr: fp[a] = slot(mochi_str_from_code_point(i64(b)))
        case .strHasPrefix: fp[a] = bool(mochi_str_starts_with(r(b), r(c)) != 0)
        case .strHasSuffix: fp[a] = bool(mochi_str_ends_with(r(b), r(c)) != 0)
        case .strParseBase: fp[a] = UInt64(bitPattern: mochi_str_to_int_base(r(b), i64(c)))

        case .listNew:
            fp[a] = slot(mochi_list_from(kind, gathered(), Int64(d)))
            clearGathered()
        case .listPush: mochi_list_push_kind(r(b), fp[c], Int64(kind.rawValue))
        case .listAppend: fp[a] = slot(mochi_list_append_kind(r(b), fp[c], Int64(kind.rawValue)))
        case .listSlice: fp[a] = slot(mochi_list_slice(r(b), i64(c), i64(d)))
        case .listConcat, .listUnionAll: fp[a] = slot(mochi_list_concat(r(b), r(c)))
        case .listContains: fp[a] = bool(mochi_list_contains(r(b), fp[c]) != 0)
        case .listReverse: fp[a] = slot(mochi_list_reverse(r(b)))
        case .listDistinct: fp[a] = slot(mochi_list_distinct(r(b)))
        case .listUnion: fp[a] = slot(mochi_list_union(r(b), r(c)))
        case .listExcept: fp[a] = slot(mochi_list_except(r(b), r(c)))
        case .listIntersect: fp[a] = slot(mochi_list_intersect(r(b), r(c)))
        case .listSum:
            switch ins.pointee.kind {
            case SlotKind.i64.rawValue: fp[a] = UInt64(bitPattern: mochi_list_sum_i64(r(b)))
            case SlotKind.f64.rawValue: fp[a] = mochi_list_sum_f64(r(b)).bitPattern
            default: fp[a] = slot(mochi_list_sum_any(r(b)))
            }
        case .listAvg: fp[a] = mochi_list_avg(r(b)).bitPattern
        case .listMin: fp[a] = mochi_list_min(r(b))
        case .listMax: fp[a] = mochi_list_max(r(b))
        case .listSortBy: fp[a] = slot(mochi_list_sort_by(r(b), r(c)))
        case .listRange: fp[a] = slot(mochi_range3(i64(b), i64(c), i64(d)))

        case .mapNew:
            let m = mochi_map_new(kind, slotKind(ins.pointee.kind2))
            fp[a] = slot(m)
            let ops = f.pointee.operands + c
            var k = 0
            while k + 1 < d {
                mochi_map_set(m, fp[Int(ops[k])], fp[Int(ops[k + 1])])
                k += 2
            }
        case .mapGet: fp[a] = mochi_map_get_or(r(b), fp[c], 0)
        case .mapGetAny: fp[a] = slot(mochi_map_get_any(r(b), fp[c]))
        case .mapSet: mochi_map_set(r(b), fp[c], fp[d])
        case .mapHas: fp[a] = bool(mochi_map_has(r(b), fp[c]) != 0)
        case .mapLen: fp[a] = UInt64(bitPattern: mochi_map_len(r(b)))
        case .mapDelete: _ = mochi_map_delete(r(b), fp[c])
        case .mapKeys: fp[a] = slot(mochi_map_keys(r(b)))
        case .mapValues: fp[a] = slot(mochi_map_values(r(b)))

        case .structNew, .recordNew, .variantNew:
            fp[a] = slot(mochi_struct_from(descs[Int(ins.pointee.imm)], gathered()))
            clearGathered()
        case .variantTag: fp[a] = UInt64(bitPattern: mochi_struct_tag(r(b)))
        case .closureNew:
            let kinds = UnsafePointer<UInt8>(bitPattern: Int(ins.pointee.imm))
            fp[a] = slot(mochi_closure_new(Int64(b), nil, Int64(d), kinds, gathered()))
            clearGathered()

        case .groupNew: fp[a] = slot(mochi_groupby_new(kind))
        case .groupAdd:
            if ins.pointee.kind2 != 0 {
                let boxed = mochi_box(kind, fp[d])
                mochi_groupby_add(r(b), r(c), slot(boxed))
                withExtendedLifetime(boxed) {}
            } else {
                mochi_groupby_add(r(b), r(c), fp[d])
            }
        case .groupResult: fp[a] = slot(mochi_groupby_result(r(b)))
        case .groupKey: fp[a] = mochi_struct_get(r(b), 0)
        case .groupItems: fp[a] = mochi_struct_get(r(b), 1)

        // The exact numbers: kind2 is 1 for bigrat, 0 for bigint (Decoder.exactKind).
        case .bigFromInt:
            fp[a] = slot(rat ? mochi_bigrat_from_i64(i64(b)) : mochi_bigint_from_i64(i64(b)))
        case .bigFromFloat:
            let x = Double(bitPattern: fp[b])
            fp[a] = slot(rat ? mochi_bigrat_from_f64(x) : mochi_bigint_from_f64(x))
        case .bigFromStr: fp[a] = slot(rat ? mochi_bigrat_from_str(r(b)) : mochi_bigint_from_str(r(b)))
        case .bigToInt: fp[a] = UInt64(bitPattern: rat ? mochi_bigrat_to_i64(r(b)) : mochi_bigint_to_i64(r(b)))
        case .bigToFloat: fp[a] = (rat ? mochi_bigrat_to_f64(r(b)) : mochi_bigint_to_f64(r(b))).bitPattern
        case .bigTrunc: fp[a] = slot(mochi_bigrat_trunc(r(b)))
        case .bigToRat: fp[a] = slot(mochi_bigrat_from_bigint(r(b)))
        case .bigNum: fp[a] = slot(mochi_bigrat_num(r(b)))
        case .bigDenom: fp[a] = slot(mochi_bigrat_denom(r(b)))
        case .bigAdd: fp[a] = slot(rat ? mochi_bigrat_add(r(b), r(c)) : mochi_bigint_add(r(b), r(c)))
        case .bigSub: fp[a] = slot(rat ? mochi_bigrat_sub(r(b), r(c)) : mochi_bigint_sub(r(b), r(c)))
        case .bigMul: fp[a] = slot(rat ? mochi_bigrat_mul(r(b), r(c)) : mochi_bigint_mul(r(b), r(c)))
        case .bigDiv: fp[a] = slot(rat ? mochi_bigrat_div(r(b), r(c)) : mochi_bigint_div(r(b), r(c)))
        case .bigRem: fp[a] = slot(mochi_bigint_rem(r(b), r(c)))
        case .bigNeg: fp[a] = slot(rat ? mochi_bigrat_neg(r(b)) : mochi_bigint_neg(r(b)))
        case .bigAbs: fp[a] = slot(rat ? mochi_bigrat_abs(r(b)) : mochi_bigint_abs(r(b)))
        case .bigPow: fp[a] = slot(rat ? mochi_bigrat_pow(r(b), i64(c)) : mochi_bigint_pow(r(b), i64(c)))
        case .bigCmp:
            fp[a] = bool(condHolds(rat ? mochi_bigrat_cmp(r(b), r(c)) : mochi_bigint_cmp(r(b), r(c))))

        case .expect: mochi_rt_expect(i64(b))
        case .panic: mochi_rt_panic(r(b))
        case .testBegin: mochi_rt_test_begin(r(b))
        case .testEnd: mochi_rt_test_end()
        }
    }

    /// `unbox`: scalars through the runtime (which reports bad casts); references are
    /// checked against the result type here, in the runtime's wording, and lists and
    /// maps are converted (copied) to the element representation the result type
    /// needs, as `mochi_list_from_any` does: `{}` is a `map<any, any>`, and
    /// `{} as map<string, int>` must store unboxed ints. A new object is stored in
    /// `out` (the result slot, a GC root) before anything else allocates.
    func unbox(_ v: UInt64, _ ins: UnsafeMutablePointer<DInst>, into out: UnsafeMutablePointer<UInt64>) -> UInt64 {
        let k = ins.pointee.kind
        if k != SlotKind.ref.rawValue { return mochi_unbox(ref(v), slotKind(k)) }
        let x = ref(v)
        guard x != nil, let check = UnboxCheck(rawValue: ins.pointee.kind2), check != .none else { return v }
        let have = Int(mochi_any_kind(x).rawValue)
        func badCast(_ to: String) -> Never {
            let from = have < anyKindNames.count ? anyKindNames[have] : "value"
            mochi_rt_error("invalid cast: \(from) to \(to)")
        }
        switch check {
        case .none: return v
        case .string:
            if have != Int(MOCHI_A_STR.rawValue) { badCast("string") }
            return v
        case .list:
            if have != Int(MOCHI_A_LIST.rawValue) { badCast("list") }
            let want = slotKind(UInt8(ins.pointee.imm))
            let haveKind = mochi_list_kind(x)
            if haveKind == want { return v }
            if want == MOCHI_K_REF { return slot(mochi_list_to_any(x)) }
            return slot(mochi_list_from_any(x, want))
        case .map:
            if have != Int(MOCHI_A_MAP.rawValue) { badCast("map") }
            let wantK = slotKind(UInt8(ins.pointee.imm & 0xff)), wantV = slotKind(UInt8(ins.pointee.imm >> 8))
            let haveK = mochi_map_key_kind(x), haveV = mochi_map_val_kind(x)
            if haveK == wantK && haveV == wantV { return v }
            let m = mochi_map_new(wantK, wantV)
            out.pointee = slot(m)
            let n = mochi_map_len(x)
            for i in 0..<n {
                let k = convert(mochi_map_key_at(x, i), from: haveK, to: wantK)
                let val = convert(mochi_map_value_at(x, i), from: haveV, to: wantV)
                mochi_map_set(m, k, val)
            }
            return slot(m)
        case .named:
            let name = String(cString: UnsafePointer<CChar>(bitPattern: Int(ins.pointee.imm))!)
            if have != Int(MOCHI_A_STRUCT.rawValue) { badCast(name) }
            if let desc = mochi_struct_desc(x) {
                let own = desc.pointee.union_name ?? desc.pointee.name
                if let own, String(cString: own) != name { badCast(name) }
            }
            return v
        case .closure:
            if have != Int(MOCHI_A_CLOSURE.rawValue) { badCast("function") }
            return v
        case .bigint: return slot(mochi_bigint_from_any(x))
        case .bigrat: return slot(mochi_bigrat_from_any(x))
        }
    }

    /// A slot of one kind as another: boxing into `any`, unboxing out of it (a bad
    /// cast is the runtime's error), or through a box between scalar kinds.
    func convert(_ v: UInt64, from: MochiSlotKind, to: MochiSlotKind) -> UInt64 {
        if from == to { return v }
        if from == MOCHI_K_REF { return mochi_unbox(ref(v), to) }
        let boxed = mochi_box(from, v)
        if to == MOCHI_K_REF { return slot(boxed) }
        return mochi_unbox(boxed, to)
    }
}
