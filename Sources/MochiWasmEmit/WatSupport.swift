// Small pieces the Wasm emitter is built from: WAT identifiers derived from Mochi names
// (sanitised, made unique in declaration order), WAT string and number literals, and
// the Wasm value types of IR types (docs/WASM.md, "Values").
//
// Name spaces in the emitted text: Mochi functions keep their IR names (`$fib`,
// `$main.lambda1`), so engine backtraces and the name section read as Mochi; user
// types are `$%Name` and `$%Union.Variant`, user globals `$@name` (the IR's own sigils,
// which are WAT identifier characters); everything the emitter invents contains a `#`
// (`$#s3` a string constant, `$fib#clo1` a closure adapter), which no IR name can hold,
// and the runtime's names all start with `mochi_`.

import MochiIR

/// A failure to translate a module (the IR is verified first, so these are the few
/// things the verifier does not rule out, such as an unknown libm function name).
public struct EmitWasmError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Hands out WAT identifiers (without the `$`): the name with every character outside
/// [A-Za-z0-9_.$] turned into `_`, then `_2`, `_3`... when taken.
struct WatNamer {
    private var taken: Set<String> = []

    init(reserved: [String] = []) { taken = Set(reserved) }

    mutating func make(_ prefix: String, _ name: String, avoidPrefix: String? = nil) -> String {
        var base = prefix
        for u in name.unicodeScalars {
            let v = u.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                || v == 0x5F || v == 0x2E || v == 0x24
            base.unicodeScalars.append(ok ? u : "_")
        }
        if base.isEmpty { base = "_" }
        // A Mochi function may not take a runtime name (`mochi_print_str`).
        if let p = avoidPrefix, base.hasPrefix(p) { base = "_" + base }
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

/// A WAT string literal holding exactly these bytes.
func watString(_ bytes: [UInt8]) -> String {
    let hex: [Character] = Array("0123456789abcdef")
    var out = "\""
    for u in bytes {
        switch u {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x20...0x7E: out.append(Character(Unicode.Scalar(u)))
        default:
            out.append("\\")
            out.append(hex[Int(u >> 4)])
            out.append(hex[Int(u & 15)])
        }
    }
    return out + "\""
}

func watString(_ s: String) -> String { watString(Array(s.utf8)) }

/// A comment-safe rendering of a Mochi name or type (no newlines, no `;)`).
func watComment(_ s: String) -> String {
    var r = ""
    for u in s.unicodeScalars {
        r.unicodeScalars.append(u.value < 0x20 || u.value == 0x7F ? "?" : u)
    }
    return r
}

/// An `f64.const` operand with exactly these bits (hex float for the non-finite and
/// for every finite value, so no decimal rounding question arises).
func watF64(bits: UInt64) -> String {
    let d = Double(bitPattern: bits)
    if d.isNaN {
        let sign = bits >> 63 == 1 ? "-" : ""
        let payload = bits & 0x000F_FFFF_FFFF_FFFF
        return sign + "nan:0x" + String(payload, radix: 16)
    }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == 0 { return bits >> 63 == 1 ? "-0x0p+0" : "0x0p+0" }
    // Finite: Swift's shortest round-trip decimal reads back exactly.
    var s = "\(d)"
    if !s.contains(".") && !s.contains("e") && !s.contains("E") { s += ".0" }
    return s
}

/// The bank of a list's element storage (docs/WASM.md: list<bool> stores bytes).
enum ListBank: Int {
    case i64 = 0, f64 = 1, bool = 2, ref = 3

    init(element t: IRType) {
        switch t {
        case .i64: self = .i64
        case .f64: self = .f64
        case .bool: self = .bool
        default: self = .ref
        }
    }

    var suffix: String {
        switch self {
        case .i64: return "i64"
        case .f64: return "f64"
        case .bool: return "bool"
        case .ref: return "ref"
        }
    }
    var listType: String { "$list_" + suffix }
    var arrayType: String {
        switch self {
        case .i64: return "$arr_i64"
        case .f64: return "$arr_f64"
        case .bool: return "$arr_i8"
        case .ref: return "$arr_ref"
        }
    }
}

extension IRType {
    /// True for the IR types held in Wasm scalars.
    var isScalar: Bool {
        switch self {
        case .i64, .f64, .bool: return true
        default: return false
        }
    }
}
