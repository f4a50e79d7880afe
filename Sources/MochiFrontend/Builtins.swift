// The predeclared functions of Mochi (LANGUAGE.md §6 and §6.1) and the features the
// compiler rejects by name (§10).
//
// A builtin is found only when no program declaration of the same name is in scope,
// so a program may shadow any of them with its own `fun`. The arity range is checked
// by the call lowering; the lowering of each builtin lives in LowerCall.swift.

enum Builtin: String, CaseIterable {
    case print, len, count, append, push, concat, keys, values, str
    case int, float, substring, substr, upper, lower, trim, split, join, `repeat`
    case padStart, indexOf, contains, reverse, distinct, first, range
    case min, max, sum, avg, abs, ceil, floor, round, pow, sqrt
    case parseIntStr, panic, error, exists, json, toJson = "to_json", collect
    case ord, chr, slice, sha256, num, denom
    // Rejected with an out-of-scope diagnostic.
    case now, input, eval

    /// Allowed argument counts (inclusive).
    var arity: ClosedRange<Int> {
        switch self {
        case .print: return 0...Int.max
        case .concat: return 1...Int.max
        case .range: return 1...3
        case .len, .count, .keys, .values, .str, .int, .float, .upper, .lower, .trim,
             .reverse, .distinct, .first, .sum, .avg, .abs, .ceil, .floor, .sqrt,
             .panic, .error, .exists, .json, .toJson, .collect, .ord, .chr,
             .sha256, .num, .denom:
            return 1...1
        case .min, .max: return 1...Int.max
        case .append, .push, .split, .join, .repeat, .indexOf, .contains, .pow, .parseIntStr:
            return 2...2
        case .round: return 1...2
        case .substring, .substr, .slice: return 3...3
        case .padStart: return 3...3
        case .now, .input: return 0...0
        case .eval: return 1...1
        }
    }

    /// The feature a rejected builtin stands for, or nil when it is supported.
    var outOfScopeFeature: String? {
        switch self {
        case .now: return "now() (the clock)"
        case .input: return "input()"
        case .eval: return "eval()"
        default: return nil
        }
    }

    /// The table from spelling to builtin, built once per compilation.
    static func table() -> [String: Builtin] {
        var t: [String: Builtin] = [:]
        for b in Builtin.allCases { t[b.rawValue] = b }
        return t
    }
}

/// Names of the math library (`import python "math" as math`): one-argument and
/// two-argument libm functions and constants. Anything else is reported by name.
enum MathLibrary {
    static let unary: Set<String> = [
        "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "exp", "log", "log2", "log10",
        "floor", "ceil", "fabs", "abs", "sinh", "cosh", "tanh", "trunc", "round", "cbrt",
        "log1p", "expm1",
    ]
    static let binary: Set<String> = ["pow", "atan2", "fmod", "hypot", "copysign"]
    static let constants: [String: Double] = [
        "pi": Double.pi, "e": 2.718281828459045, "tau": 2 * Double.pi,
        "inf": Double.infinity,
    ]
}
