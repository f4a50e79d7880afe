// The runtime interface the emitter calls (docs/WASM.md, "Runtime interface"): every
// runtime function's Wasm signature, stated once. The emitter uses it to type its calls
// and, while the WAT runtime is still being written, to stand in for a function the
// runtime does not define yet: the module then still assembles and validates, and the
// stand-in stops the program with `error: wasm runtime function mochi_x is missing`
// (so a conformance run names exactly what is missing).

struct RuntimeSignature {
    var params: [String]
    var result: String?
    /// The function never returns (runtime errors).
    var noReturn = false
}

enum RuntimeABI {
    static let str = "(ref null $str)"
    static let strNN = "(ref $str)"
    static let any = "anyref"
    static let map = "(ref null $map)"
    static let list = "(ref null $list)"

    static func listB(_ b: String) -> String { "(ref null $list_\(b))" }

    static let table: [String: RuntimeSignature] = {
        var t: [String: RuntimeSignature] = [:]
        func f(_ name: String, _ params: [String], _ result: String? = nil, noReturn: Bool = false) {
            t["mochi_" + name] = RuntimeSignature(params: params, result: result, noReturn: noReturn)
        }
        // core.wat
        f("print_str", [str])
        f("out_flush", [])
        f("rt_error", [strNN], noReturn: true)
        f("rt_panic", [str], noReturn: true)
        f("rt_expect", ["i32"])
        f("err_overflow_at", ["i32"], noReturn: true)
        f("err_div_zero_at", ["i32"], noReturn: true)
        f("err_stack_overflow_at", ["i32"], noReturn: true)
        f("list_index", ["i64", "i32", "i32"], "i32")
        f("rt_test_begin", [str])
        f("rt_test_end", [])
        // string.wat
        f("str_concat", [str, str], strNN)
        f("str_len", [str], "i64")
        f("str_index", [str, "i64"], strNN)
        f("str_slice", [str, "i64", "i64"], strNN)
        f("str_contains", [str, str], "i32")
        f("str_index_of", [str, str], "i64")
        for n in ["upper", "lower", "trim", "reverse"] { f("str_" + n, [str], strNN) }
        f("str_split", [str, str], "(ref $list_ref)")
        f("str_join", [listB("ref"), str], strNN)
        f("str_repeat", [str, "i64"], strNN)
        f("str_pad_start", [str, "i64", str], strNN)
        f("str_to_int", [str], "i64")
        f("str_to_float", [str], "f64")
        f("str_code_point", [str], "i64")
        f("str_from_code_point", ["i64"], strNN)
        f("str_starts_with", [str, str], "i32")
        f("str_ends_with", [str, str], "i32")
        f("str_to_int_base", [str, "i64"], "i64")
        f("str_eq", [str, str], "i32")
        f("str_cmp", [str, str], "i32")
        f("str_value_eq", [str, str], "i32")
        f("str_value_cmp", [str, str], "i32")
        // format.wat
        f("fmt_i64", ["i64"], strNN)
        f("fmt_f64", ["f64"], strNN)
        f("fmt_bool", ["i32"], strNN)
        f("fmt_f64_container", ["f64"], strNN)
        f("str_quote", [str], strNN)
        // float.wat (requested: fmod and libm)
        f("f64_mod", ["f64", "f64"], "f64")
        for n in ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log",
                  "log2", "log10", "cbrt", "expm1", "log1p"] {
            f("math_" + n, ["f64"], "f64")
        }
        for n in ["pow", "atan2", "hypot"] { f("math_" + n, ["f64", "f64"], "f64") }
        // value.wat
        f("box_i64", ["i64"], "(ref any)")
        f("box_f64", ["f64"], "(ref $box_f64)")
        f("box_bool", ["i32"], "(ref $box_bool)")
        f("unbox_i64", [any], "i64")
        f("unbox_f64", [any], "f64")
        f("unbox_bool", [any], "i32")
        f("unbox_i64_or0", [any], "i64")
        f("unbox_f64_or0", [any], "f64")
        f("unbox_bool_or0", [any], "i32")
        f("unbox_str", [any], str)
        for b in ["i64", "f64", "bool", "ref"] { f("unbox_list_" + b, [any], listB(b)) }
        f("unbox_map", [any], map)
        f("bad_cast", [any, strNN], noReturn: true)
        for n in ["add", "sub", "mul", "div", "mod"] { f("any_" + n, [any, any], any) }
        f("any_neg", [any], any)
        f("any_eq", [any, any], "i32")
        f("any_cmp", [any, any], "i32")
        f("any_truthy", [any], "i32")
        f("any_index", [any, any], any)
        f("any_field", [any, strNN], any)
        f("any_len", [any], "i64")
        f("fmt_any", [any], strNN)
        f("str_any", [any], strNN)
        f("to_json_any", [any], strNN)
        f("json_print_any", [any])
        // bigint.wat: C's mochi_bigint_* / mochi_bigrat_* by the value table
        for (p, t) in [("bigint", "(ref null $bigint)"), ("bigrat", "(ref null $bigrat)")] {
            let nn = t.replacingNull()
            f(p + "_from_i64", ["i64"], nn)
            f(p + "_from_f64", ["f64"], nn)
            f(p + "_from_str", [str], nn)
            for op in ["add", "sub", "mul", "div"] { f(p + "_" + op, [t, t], nn) }
            for op in ["neg", "abs"] { f(p + "_" + op, [t], nn) }
            f(p + "_pow", [t, "i64"], nn)
            f(p + "_to_i64", [t], "i64")
            f(p + "_to_f64", [t], "f64")
            f(p + "_cmp", [t, t], "i32")
            f(p + "_from_any", [any], t)
        }
        f("bigint_rem", ["(ref null $bigint)", "(ref null $bigint)"], "(ref $bigint)")
        f("bigrat_trunc", ["(ref null $bigrat)"], "(ref $bigint)")
        f("bigrat_from_bigint", ["(ref null $bigint)"], "(ref $bigrat)")
        f("bigrat_num", ["(ref null $bigrat)"], "(ref $bigint)")
        f("bigrat_denom", ["(ref null $bigrat)"], "(ref $bigint)")
        // sha256.wat (the emitter's own fragment)
        f("sha256", [any], "(ref $list_i64)")
        f("group_new", [], "(ref any)")
        f("group_add", [any, any, any])
        f("group_result", [any], "(ref $list_ref)")
        f("group_key", [any], any)
        f("group_items", [any], any)
        // list.wat
        for b in ["i64", "f64", "bool", "ref"] {
            let elem = b == "i64" ? "i64" : b == "f64" ? "f64" : b == "bool" ? "i32" : any
            f("list_new_" + b, ["i32"], "(ref $list_\(b))")
            f("list_push_" + b, [listB(b), elem])
            f("list_append_" + b, [listB(b), elem], "(ref $list_\(b))")
            f("list_unshare_" + b, [listB(b)])
        }
        f("list_slice", [list, "i64", "i64"], "(ref $list)")
        f("list_concat", [list, list], "(ref $list)")
        f("list_contains", [list, any], "i32")
        for n in ["reverse", "distinct"] { f("list_" + n, [list], "(ref $list)") }
        for n in ["union", "except", "intersect"] { f("list_" + n, [list, list], "(ref $list)") }
        f("list_sum_i64", [listB("i64")], "i64")
        f("list_sum_f64", [listB("f64")], "f64")
        f("list_sum_any", [listB("ref")], any)
        f("list_avg", [list], "f64")
        f("list_min", [list], any)
        f("list_max", [list], any)
        f("list_sort_by", [list, list], "(ref $list)")
        f("range3", ["i64", "i64", "i64"], "(ref $list_i64)")
        f("list_eq", [list, list], "i32")
        // map.wat
        f("map_new", ["i32"], "(ref $map)")
        f("map_get", [map, any], any)
        f("map_set", [map, any, any])
        f("map_has", [map, any], "i32")
        f("map_len", [map], "i64")
        f("map_delete", [map, any])
        f("map_keys", [map, "i32"], "(ref $list)")
        f("map_values", [map, "i32"], "(ref $list)")
        f("map_eq", [map, map], "i32")
        f("map_new_ii", ["i32"], "(ref $map)")
        f("map_get_ii", [map, "i64"], "i64")
        f("map_set_ii", [map, "i64", "i64"])
        f("map_has_ii", [map, "i64"], "i32")
        f("map_add_ii", [map, "i64", "i64", "i32", "i32"])
        return t
    }()

    /// Globals the emitted code reads or writes, with their declarations (used when
    /// the runtime does not define them yet).
    static let globals: [String: String] = [
        "mochi_loc_line": "(mut i32) (i32.const 0)",
        "mochi_loc_file": "(mut (ref null $str)) (ref.null none)",
        "mochi_depth": "(mut i32) (i32.const 0)",
    ]
}

extension String {
    /// `(ref null $t)` -> `(ref $t)`.
    func replacingNull() -> String {
        hasPrefix("(ref null ") ? "(ref " + dropFirst("(ref null ".count) : self
    }
}
