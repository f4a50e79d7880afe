// Small pieces the C emitter is built from: C identifiers derived from Mochi names
// (sanitised, prefixed, made unique in declaration order), C literal spelling for
// strings, integers and floats, and the C types, slot conversions and runtime kind
// names of IR types. Kept apart from the emitter so each rule is stated once.

import MochiIR

/// A failure to translate a module (the IR is verified first, so these are the few
/// things the verifier does not rule out, such as an unknown libm function name).
public struct EmitCError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Hands out C identifiers: `prefix` + the Mochi name with every byte outside
/// [A-Za-z0-9_] turned into `_`, then `_2`, `_3`... when that is already taken, so
/// backtraces still show the Mochi name and two names never collide.
struct CNamer {
    private var taken: Set<String> = []

    mutating func make(_ prefix: String, _ name: String) -> String {
        var base = prefix
        for u in name.utf8 {
            let ok = (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u == 0x5F
            base.append(ok ? Character(Unicode.Scalar(u)) : "_")
        }
        var candidate = base
        var n = 2
        while taken.contains(candidate) {
            candidate = base + "_\(n)"
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }
}

/// A C string literal holding exactly these bytes. Non-printable and non-ASCII bytes
/// become three-digit octal escapes (so a following digit cannot extend them), and
/// `?` is escaped because -std=c99 turns `??=` and friends into trigraphs.
func cStringLiteral(_ s: String) -> String {
    var out = "\""
    for u in s.utf8 {
        switch u {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x3F: out += "\\?"
        case 0x20...0x7E: out.append(Character(Unicode.Scalar(u)))
        default:
            let o = String(u, radix: 8)
            out += "\\" + String(repeating: "0", count: 3 - o.count) + o
        }
    }
    return out + "\""
}

/// An `int64_t` literal; INT64_MIN has no literal of its own in C.
func cInt(_ v: Int64) -> String {
    if v == Int64.min { return "(-INT64_C(9223372036854775807) - 1)" }
    if v >= -2147483647 && v <= 2147483647 { return "\(v)" }
    return "INT64_C(\(v))"
}

/// A `double` with exactly the given bits: the shortest round-tripping decimal for
/// finite values, the bit pattern for infinities and NaNs.
func cDouble(bits: UInt64) -> String {
    let d = Double(bitPattern: bits)
    if d.isFinite {
        var s = "\(d)"
        if !s.contains(".") && !s.contains("e") { s += ".0" }
        return s
    }
    return "mochi_s2f(UINT64_C(0x" + String(bits, radix: 16) + "))"
}

extension IRType {
    /// The C type a value of this type lives in: one machine word per bank.
    var cType: String {
        switch bank {
        case .integer: return "int64_t"
        case .float: return "double"
        case .reference: return "mochi_ref"
        }
    }

    /// The runtime's MochiSlotKind constant for this type.
    var cKind: String {
        switch slotKind {
        case .i64: return "MOCHI_K_I64"
        case .f64: return "MOCHI_K_F64"
        case .bool: return "MOCHI_K_BOOL"
        case .ref: return "MOCHI_K_REF"
        }
    }

    /// A C expression turning `e` (of this type's C type) into a `mochi_slot`.
    func toSlot(_ e: String) -> String {
        switch bank {
        case .integer: return "(mochi_slot)" + e
        case .float: return "mochi_f2s(\(e))"
        case .reference: return "mochi_r2s(\(e))"
        }
    }

    /// A C expression turning the `mochi_slot` expression `e` into this type's C type.
    func fromSlot(_ e: String) -> String {
        switch bank {
        case .integer: return "(int64_t)\(e)"
        case .float: return "mochi_s2f(\(e))"
        case .reference: return "mochi_s2r(\(e))"
        }
    }
}

/// The C comparison operator of a condition code.
func cOperator(_ c: CondCode) -> String {
    switch c {
    case .eq: return "=="
    case .ne: return "!="
    case .lt: return "<"
    case .le: return "<="
    case .gt: return ">"
    case .ge: return ">="
    }
}

/// The C function behind a `math1`/`math2` immediate (the interpreter's MathFn
/// table, including its aliases): the runtime's own `mochi_math_*` (mochi_math.c)
/// where IEEE 754 leaves the result to the library, so every target rounds alike;
/// the C99 <math.h> function for the exact ones.
func cMathFunction(_ name: String, arity: Int) -> String? {
    let own: Set<String> = ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log",
                            "log2", "log10", "cbrt", "expm1", "log1p", "pow", "atan2", "hypot"]
    let one: Set<String> = ["sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
                            "exp", "log", "log2", "log10", "floor", "ceil", "fabs", "round", "trunc",
                            "cbrt", "expm1", "log1p"]
    let two: Set<String> = ["pow", "atan2", "fmod", "hypot", "fmin", "fmax"]
    let c: String?
    if arity == 1 {
        c = name == "abs" ? "fabs" : (one.contains(name) ? name : nil)
    } else {
        switch name {
        case "mod": c = "fmod"
        case "min": c = "fmin"
        case "max": c = "fmax"
        default: c = two.contains(name) ? name : nil
        }
    }
    guard let c else { return nil }
    return own.contains(c) ? "mochi_math_" + c : c
}
