// The opcode table: every IR operation is defined here once, with its text name, its
// type signature, the immediate it carries, its effects and a line of documentation.
// The printer, parser, verifier, passes, interpreter and every backend are driven by
// or checked against this table; `Opcode.info` is an exhaustive switch, so a new case
// is a compile error until it has an entry, and every backend that switches over
// `Opcode` is forced to handle it too.
//
// Signatures are written in a small pattern language (see `Signature`):
//   "(list<T>, i64) -> T"   operands and result unify; type variables are capitals;
//   "(T...) -> list<T>"     the last operand may repeat;
//   "([K, V]...) -> map<K, V>"  a repeated group;
//   "T:int"  integer bank (i64, bool); "T:num" i64 or f64; "T:ref" reference bank;
//   "T:sum" i64, f64 or any; "T:big" bigint or bigrat (the exact numbers);
//   "-> none" the instruction defines no value;
//   "custom" the verifier checks it by hand against the module (fields, callees).
// The result type of an instruction is always written on it (`v3: list<i64> = ...`),
// so signatures bind type variables from the result as well as from the operands.

/// What an instruction may do besides computing its result; passes use this to decide
/// what they may fold, move or delete.
public struct Effects: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// May stop the program with a runtime error (overflow, bounds, bad cast...).
    public static let traps = Effects(rawValue: 1)
    /// Reads mutable memory (list/map/struct contents, globals).
    public static let reads = Effects(rawValue: 2)
    /// Writes mutable memory.
    public static let writes = Effects(rawValue: 4)
    /// Performs I/O.
    public static let io = Effects(rawValue: 8)
    /// Calls Mochi code (anything may happen).
    public static let calls = Effects(rawValue: 16)
    /// Allocates a fresh object (the result is not shared with anything else).
    public static let allocates = Effects(rawValue: 32)

    public static let none: Effects = []

    /// True when an instruction whose result is unused can be deleted.
    public var isRemovableIfUnused: Bool { isDisjoint(with: [.traps, .writes, .io, .calls]) }
}

/// The kind of immediate operand an opcode carries (printed before the value operands).
public enum ImmediateKind: UInt8, Sendable {
    case none, int, float, string, cond, field, variant, function, global
}

/// Comparison condition for icmp/fcmp/cmp/any.cmp.
public enum CondCode: String, CaseIterable, Sendable {
    case eq, ne, lt, le, gt, ge
}

public struct OpInfo: Sendable {
    public let name: String
    public let signature: String
    public let immediate: ImmediateKind
    public let effects: Effects
    public let doc: String
}

public enum Opcode: UInt8, CaseIterable, Sendable {
    // Constants
    case iconst, fconst, bconst, sconst, null, copy
    // Integer arithmetic (checked: overflow and zero division trap)
    case iadd, isub, imul, idiv, irem, ineg, icmp, not
    // Float arithmetic
    case fadd, fsub, fmul, fdiv, frem, fneg, fcmp, itof, ftoi, math1, math2
    // Dynamic values
    case box, unbox, anyAdd, anySub, anyMul, anyDiv, anyRem, anyNeg, anyCmp, anyTruthy
    case anyIndex, anyField, anyLen
    // Generic structural operations and formatting
    case cmp, tostr, fmt, tojson, json, print
    // Hashing
    case sha256
    // Exact numbers (bigint and bigrat): conversions, arithmetic, comparison
    case bigFromInt, bigFromFloat, bigFromStr, bigToInt, bigToFloat, bigTrunc, bigToRat
    case bigNum, bigDenom
    case bigAdd, bigSub, bigMul, bigDiv, bigRem, bigNeg, bigAbs, bigPow, bigCmp
    // Strings
    case strConcat, strLen, strIndex, strSlice, strContains, strFind, strUpper, strLower
    case strTrim, strSplit, strJoin, strRepeat, strPadStart, strReverse, strToInt
    case strToFloat, strOrd, strChr, strHasPrefix, strHasSuffix, strParseBase
    // Lists
    case listNew, listLen, listGet, listSet, listPush, listAppend, listSlice, listConcat
    case listContains, listReverse, listDistinct, listUnion, listUnionAll, listExcept
    case listIntersect, listSum, listAvg, listMin, listMax, listSortBy, listRange
    // Maps
    case mapNew, mapGet, mapGetAny, mapSet, mapHas, mapLen, mapDelete, mapKeys, mapValues
    // Structs and unions
    case structNew, recordNew, variantNew, fieldGet, fieldSet, variantTag
    // Functions, closures, globals
    case call, callClosure, closureNew, globalGet, globalSet
    // Query grouping
    case groupNew, groupAdd, groupResult, groupKey, groupItems
    // Checks
    case expect, panic
    // Test blocks (`mochi test`)
    case testBegin, testEnd

    public var info: OpInfo {
        switch self {
        case .iconst: return OpInfo(name: "iconst", signature: "() -> i64", immediate: .int, effects: .none, doc: "an integer constant")
        case .fconst: return OpInfo(name: "fconst", signature: "() -> f64", immediate: .float, effects: .none, doc: "a float constant")
        case .bconst: return OpInfo(name: "bconst", signature: "() -> bool", immediate: .int, effects: .none, doc: "a boolean constant (0 or 1)")
        case .sconst: return OpInfo(name: "sconst", signature: "() -> str", immediate: .string, effects: .none, doc: "a string constant")
        case .null: return OpInfo(name: "null", signature: "() -> T:ref", immediate: .none, effects: .none, doc: "the null reference of a reference type (nil; also the unit value)")
        case .copy: return OpInfo(name: "copy", signature: "(T) -> T", immediate: .none, effects: .none, doc: "the same value under a new name")

        case .iadd: return OpInfo(name: "iadd", signature: "(i64, i64) -> i64", immediate: .none, effects: .traps, doc: "add; traps with 'integer overflow'")
        case .isub: return OpInfo(name: "isub", signature: "(i64, i64) -> i64", immediate: .none, effects: .traps, doc: "subtract; traps with 'integer overflow'")
        case .imul: return OpInfo(name: "imul", signature: "(i64, i64) -> i64", immediate: .none, effects: .traps, doc: "multiply; traps with 'integer overflow'")
        case .idiv: return OpInfo(name: "idiv", signature: "(i64, i64) -> i64", immediate: .none, effects: .traps, doc: "divide truncating toward zero; traps on zero divisor and on min / -1")
        case .irem: return OpInfo(name: "irem", signature: "(i64, i64) -> i64", immediate: .none, effects: .traps, doc: "remainder with the sign of the dividend; traps on zero divisor")
        case .ineg: return OpInfo(name: "ineg", signature: "(i64) -> i64", immediate: .none, effects: .traps, doc: "negate; traps on the minimum value")
        case .icmp: return OpInfo(name: "icmp", signature: "(T:int, T:int) -> bool", immediate: .cond, effects: .none, doc: "compare integers or booleans")
        case .not: return OpInfo(name: "not", signature: "(bool) -> bool", immediate: .none, effects: .none, doc: "boolean negation")

        case .fadd: return OpInfo(name: "fadd", signature: "(f64, f64) -> f64", immediate: .none, effects: .none, doc: "float add")
        case .fsub: return OpInfo(name: "fsub", signature: "(f64, f64) -> f64", immediate: .none, effects: .none, doc: "float subtract")
        case .fmul: return OpInfo(name: "fmul", signature: "(f64, f64) -> f64", immediate: .none, effects: .none, doc: "float multiply")
        case .fdiv: return OpInfo(name: "fdiv", signature: "(f64, f64) -> f64", immediate: .none, effects: .traps, doc: "float divide; traps with 'division by zero' on a zero divisor")
        case .frem: return OpInfo(name: "frem", signature: "(f64, f64) -> f64", immediate: .none, effects: .traps, doc: "float remainder (fmod); traps on a zero divisor")
        case .fneg: return OpInfo(name: "fneg", signature: "(f64) -> f64", immediate: .none, effects: .none, doc: "float negate")
        case .fcmp: return OpInfo(name: "fcmp", signature: "(f64, f64) -> bool", immediate: .cond, effects: .none, doc: "compare floats (ordered; NaN compares unequal)")
        case .itof: return OpInfo(name: "itof", signature: "(i64) -> f64", immediate: .none, effects: .none, doc: "integer to float")
        case .ftoi: return OpInfo(name: "ftoi", signature: "(f64) -> i64", immediate: .none, effects: .traps, doc: "float to integer, truncating; traps when out of range or NaN")
        case .math1: return OpInfo(name: "math1", signature: "(f64) -> f64", immediate: .string, effects: .none, doc: "a one-argument libm function named by the immediate (sqrt, sin, ...)")
        case .math2: return OpInfo(name: "math2", signature: "(f64, f64) -> f64", immediate: .string, effects: .none, doc: "a two-argument libm function named by the immediate (pow, atan2, ...)")

        case .box: return OpInfo(name: "box", signature: "(T) -> any", immediate: .none, effects: .allocates, doc: "a value as a dynamic any (references pass through unchanged)")
        case .unbox: return OpInfo(name: "unbox", signature: "(any) -> T", immediate: .none, effects: .traps, doc: "a dynamic any as the result type; traps with a bad-cast error")
        case .anyAdd: return OpInfo(name: "any.add", signature: "(any, any) -> any", immediate: .none, effects: .traps, doc: "dynamic + (ints, floats, strings)")
        case .anySub: return OpInfo(name: "any.sub", signature: "(any, any) -> any", immediate: .none, effects: .traps, doc: "dynamic -")
        case .anyMul: return OpInfo(name: "any.mul", signature: "(any, any) -> any", immediate: .none, effects: .traps, doc: "dynamic *")
        case .anyDiv: return OpInfo(name: "any.div", signature: "(any, any) -> any", immediate: .none, effects: .traps, doc: "dynamic /")
        case .anyRem: return OpInfo(name: "any.rem", signature: "(any, any) -> any", immediate: .none, effects: .traps, doc: "dynamic %")
        case .anyNeg: return OpInfo(name: "any.neg", signature: "(any) -> any", immediate: .none, effects: .traps, doc: "dynamic unary -")
        case .anyCmp: return OpInfo(name: "any.cmp", signature: "(any, any) -> bool", immediate: .cond, effects: .traps, doc: "dynamic comparison (numbers numerically, strings bytewise)")
        case .anyTruthy: return OpInfo(name: "any.truthy", signature: "(any) -> bool", immediate: .none, effects: .none, doc: "truthiness: null and false are false")
        case .anyIndex: return OpInfo(name: "any.index", signature: "(any, any) -> any", immediate: .none, effects: [.traps, .reads], doc: "dynamic x[i] on a list, map or string")
        case .anyField: return OpInfo(name: "any.field", signature: "(any) -> any", immediate: .string, effects: [.traps, .reads], doc: "dynamic x.name on a struct or a string-keyed map")
        case .anyLen: return OpInfo(name: "any.len", signature: "(any) -> i64", immediate: .none, effects: [.traps, .reads], doc: "dynamic len(x)")

        case .cmp: return OpInfo(name: "cmp", signature: "(T, T) -> bool", immediate: .cond, effects: .reads, doc: "structural comparison of any two values of one type (deep equality; ordering of strings bytewise)")
        case .tostr: return OpInfo(name: "tostr", signature: "(T) -> str", immediate: .none, effects: .reads, doc: "str(x): Go fmt.Sprint-like form")
        case .fmt: return OpInfo(name: "fmt", signature: "(T) -> str", immediate: .none, effects: .reads, doc: "print's top-level form of a value")
        case .tojson: return OpInfo(name: "tojson", signature: "(T) -> str", immediate: .none, effects: .reads, doc: "compact JSON text")
        case .json: return OpInfo(name: "json", signature: "(T) -> none", immediate: .none, effects: [.reads, .io], doc: "print as indented JSON with sorted keys, then a newline")
        case .print: return OpInfo(name: "print", signature: "(str) -> none", immediate: .none, effects: .io, doc: "write the string and a newline to standard output")

        case .sha256: return OpInfo(name: "sha256", signature: "(T:ref) -> list<i64>", immediate: .none, effects: [.traps, .reads, .allocates], doc: "SHA-256 digest of a string's UTF-8 bytes or of a list of ints (each modulo 256): 32 ints; anything else traps")
        case .bigFromInt: return OpInfo(name: "big.fromint", signature: "(i64) -> T:big", immediate: .none, effects: .none, doc: "an int as the result type: a bigint, or a bigrat n/1")
        case .bigFromFloat: return OpInfo(name: "big.fromfloat", signature: "(f64) -> T:big", immediate: .none, effects: .traps, doc: "x as bigint (truncated toward zero) or as bigrat (exact: 0.1 is 3602879701896397/36028797018963968); NaN and infinities trap with 'invalid cast: NaN to bigint' (+Inf, -Inf; bigrat)")
        case .bigFromStr: return OpInfo(name: "big.fromstr", signature: "(str) -> T:big", immediate: .none, effects: .traps, doc: "s as bigint (decimal digits, optional sign; else traps 'invalid integer: \"s\"') or as bigrat (n/d, an integer or a decimal with fraction and exponent; else 'invalid rational: \"s\"')")
        case .bigToInt: return OpInfo(name: "big.toint", signature: "(T:big) -> i64", immediate: .none, effects: .traps, doc: "x as int (a bigrat truncated toward zero); traps with 'integer overflow' outside the 64-bit range")
        case .bigToFloat: return OpInfo(name: "big.tofloat", signature: "(T:big) -> f64", immediate: .none, effects: .none, doc: "the nearest float (ties to even); +Inf or -Inf beyond the float range")
        case .bigTrunc: return OpInfo(name: "big.trunc", signature: "(bigrat) -> bigint", immediate: .none, effects: .none, doc: "r as bigint: truncated toward zero")
        case .bigToRat: return OpInfo(name: "big.torat", signature: "(bigint) -> bigrat", immediate: .none, effects: .none, doc: "x as bigrat: x/1")
        case .bigNum: return OpInfo(name: "big.num", signature: "(bigrat) -> bigint", immediate: .none, effects: .none, doc: "num(r): the numerator in lowest terms, carrying the sign")
        case .bigDenom: return OpInfo(name: "big.denom", signature: "(bigrat) -> bigint", immediate: .none, effects: .none, doc: "denom(r): the denominator in lowest terms, always positive")
        case .bigAdd: return OpInfo(name: "big.add", signature: "(T:big, T:big) -> T:big", immediate: .none, effects: .none, doc: "exact a + b")
        case .bigSub: return OpInfo(name: "big.sub", signature: "(T:big, T:big) -> T:big", immediate: .none, effects: .none, doc: "exact a - b")
        case .bigMul: return OpInfo(name: "big.mul", signature: "(T:big, T:big) -> T:big", immediate: .none, effects: .none, doc: "exact a * b")
        case .bigDiv: return OpInfo(name: "big.div", signature: "(T:big, T:big) -> T:big", immediate: .none, effects: .traps, doc: "a / b: bigints truncate toward zero, bigrats are exact; traps with 'division by zero' when b is 0")
        case .bigRem: return OpInfo(name: "big.rem", signature: "(bigint, bigint) -> bigint", immediate: .none, effects: .traps, doc: "a % b with the sign of the dividend (a == (a / b) * b + a % b); traps with 'division by zero' when b is 0")
        case .bigNeg: return OpInfo(name: "big.neg", signature: "(T:big) -> T:big", immediate: .none, effects: .none, doc: "-a")
        case .bigAbs: return OpInfo(name: "big.abs", signature: "(T:big) -> T:big", immediate: .none, effects: .none, doc: "abs(a)")
        case .bigPow: return OpInfo(name: "big.pow", signature: "(T:big, i64) -> T:big", immediate: .none, effects: .traps, doc: "pow(a, e); for e < 0 a bigrat is exact (1/a^-e) and a bigint truncates as / does (0 unless a is 1 or -1); traps with 'division by zero' when a is 0 and e < 0")
        // The exact numbers are immutable values, so none of their ops has an effect
        // beside its result (or its runtime error): a result may be an operand or a
        // shared small constant, which no program can tell apart.
        case .bigCmp: return OpInfo(name: "big.cmp", signature: "(T:big, T:big) -> bool", immediate: .cond, effects: .none, doc: "compare exact numbers numerically")

        case .strConcat: return OpInfo(name: "str.concat", signature: "(str, str) -> str", immediate: .none, effects: .allocates, doc: "concatenate")
        case .strLen: return OpInfo(name: "str.len", signature: "(str) -> i64", immediate: .none, effects: .none, doc: "length in code points")
        case .strIndex: return OpInfo(name: "str.index", signature: "(str, i64) -> str", immediate: .none, effects: .traps, doc: "the code point at i (negative from the end) as a string; traps out of range")
        case .strSlice: return OpInfo(name: "str.slice", signature: "(str, i64, i64) -> str", immediate: .none, effects: .traps, doc: "code points [a, b)")
        case .strContains: return OpInfo(name: "str.contains", signature: "(str, str) -> bool", immediate: .none, effects: .none, doc: "substring test")
        case .strFind: return OpInfo(name: "str.find", signature: "(str, str) -> i64", immediate: .none, effects: .none, doc: "code-point index of the first occurrence, or -1")
        case .strUpper: return OpInfo(name: "str.upper", signature: "(str) -> str", immediate: .none, effects: .allocates, doc: "upper case")
        case .strLower: return OpInfo(name: "str.lower", signature: "(str) -> str", immediate: .none, effects: .allocates, doc: "lower case")
        case .strTrim: return OpInfo(name: "str.trim", signature: "(str) -> str", immediate: .none, effects: .allocates, doc: "strip leading and trailing white space")
        case .strSplit: return OpInfo(name: "str.split", signature: "(str, str) -> list<str>", immediate: .none, effects: .allocates, doc: "split on a separator")
        case .strJoin: return OpInfo(name: "str.join", signature: "(list<str>, str) -> str", immediate: .none, effects: [.reads, .allocates], doc: "join with a separator")
        case .strRepeat: return OpInfo(name: "str.repeat", signature: "(str, i64) -> str", immediate: .none, effects: .allocates, doc: "repeat n times")
        case .strPadStart: return OpInfo(name: "str.padstart", signature: "(str, i64, str) -> str", immediate: .none, effects: .allocates, doc: "pad on the left to a width")
        case .strReverse: return OpInfo(name: "str.reverse", signature: "(str) -> str", immediate: .none, effects: .allocates, doc: "reverse by code points")
        case .strToInt: return OpInfo(name: "str.toint", signature: "(str) -> i64", immediate: .none, effects: .traps, doc: "parse a decimal integer; traps on bad text")
        case .strToFloat: return OpInfo(name: "str.tofloat", signature: "(str) -> f64", immediate: .none, effects: .traps, doc: "parse a float; traps on bad text")
        case .strOrd: return OpInfo(name: "str.ord", signature: "(str) -> i64", immediate: .none, effects: .traps, doc: "the code point of a one-code-point string")
        case .strChr: return OpInfo(name: "str.chr", signature: "(i64) -> str", immediate: .none, effects: .traps, doc: "the one-code-point string of a code point")
        case .strHasPrefix: return OpInfo(name: "str.hasprefix", signature: "(str, str) -> bool", immediate: .none, effects: .none, doc: "prefix test")
        case .strHasSuffix: return OpInfo(name: "str.hassuffix", signature: "(str, str) -> bool", immediate: .none, effects: .none, doc: "suffix test")
        case .strParseBase: return OpInfo(name: "str.parsebase", signature: "(str, i64) -> i64", immediate: .none, effects: .traps, doc: "parse an integer in a base")

        case .listNew: return OpInfo(name: "list.new", signature: "(T...) -> list<T>", immediate: .none, effects: .allocates, doc: "a new list of the operands")
        case .listLen: return OpInfo(name: "list.len", signature: "(list<T>) -> i64", immediate: .none, effects: .reads, doc: "length")
        case .listGet: return OpInfo(name: "list.get", signature: "(list<T>, i64) -> T", immediate: .none, effects: [.reads, .traps], doc: "element i (negative from the end); traps out of range")
        case .listSet: return OpInfo(name: "list.set", signature: "(list<T>, i64, T) -> none", immediate: .none, effects: [.writes, .traps], doc: "store element i in place; traps out of range")
        case .listPush: return OpInfo(name: "list.push", signature: "(list<T>, T) -> none", immediate: .none, effects: .writes, doc: "append in place")
        case .listAppend: return OpInfo(name: "list.append", signature: "(list<T>, T) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "a new list with one more element")
        case .listSlice: return OpInfo(name: "list.slice", signature: "(list<T>, i64, i64) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "a new list of elements [a, b)")
        case .listConcat: return OpInfo(name: "list.concat", signature: "(list<T>, list<T>) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "a new list, a then b")
        case .listContains: return OpInfo(name: "list.contains", signature: "(list<T>, T) -> bool", immediate: .none, effects: .reads, doc: "membership by structural equality")
        case .listReverse: return OpInfo(name: "list.reverse", signature: "(list<T>) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "a reversed copy")
        case .listDistinct: return OpInfo(name: "list.distinct", signature: "(list<T>) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "first occurrences, in order")
        case .listUnion: return OpInfo(name: "list.union", signature: "(list<T>, list<T>) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "a union b: concatenation without duplicates")
        case .listUnionAll: return OpInfo(name: "list.unionall", signature: "(list<T>, list<T>) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "a union all b: concatenation")
        case .listExcept: return OpInfo(name: "list.except", signature: "(list<T>, list<T>) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "elements of a not in b")
        case .listIntersect: return OpInfo(name: "list.intersect", signature: "(list<T>, list<T>) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "elements of a also in b")
        case .listSum: return OpInfo(name: "list.sum", signature: "(list<T:sum>) -> T", immediate: .none, effects: [.reads, .traps], doc: "sum (int for ints; 0 for an empty list)")
        case .listAvg: return OpInfo(name: "list.avg", signature: "(list<T>) -> f64", immediate: .none, effects: [.reads, .traps], doc: "mean as a float (0 for an empty list)")
        case .listMin: return OpInfo(name: "list.min", signature: "(list<T>) -> T", immediate: .none, effects: [.reads, .traps], doc: "smallest element")
        case .listMax: return OpInfo(name: "list.max", signature: "(list<T>) -> T", immediate: .none, effects: [.reads, .traps], doc: "largest element")
        case .listSortBy: return OpInfo(name: "list.sortby", signature: "(list<T>, list<K>) -> list<T>", immediate: .none, effects: [.reads, .allocates], doc: "a copy stably sorted ascending by the parallel key list")
        case .listRange: return OpInfo(name: "list.range", signature: "(i64, i64, i64) -> list<i64>", immediate: .none, effects: [.traps, .allocates], doc: "range(a, b, step)")

        case .mapNew: return OpInfo(name: "map.new", signature: "([K, V]...) -> map<K, V>", immediate: .none, effects: .allocates, doc: "a new map of key/value operand pairs")
        case .mapGet: return OpInfo(name: "map.get", signature: "(map<K, V>, K) -> V", immediate: .none, effects: .reads, doc: "the value at a key; the zero value (null for references) when missing")
        case .mapGetAny: return OpInfo(name: "map.getany", signature: "(map<K, V>, K) -> any", immediate: .none, effects: .reads, doc: "the value at a key as any; null when missing")
        case .mapSet: return OpInfo(name: "map.set", signature: "(map<K, V>, K, V) -> none", immediate: .none, effects: .writes, doc: "store in place")
        case .mapHas: return OpInfo(name: "map.has", signature: "(map<K, V>, K) -> bool", immediate: .none, effects: .reads, doc: "key present")
        case .mapLen: return OpInfo(name: "map.len", signature: "(map<K, V>) -> i64", immediate: .none, effects: .reads, doc: "number of entries")
        case .mapDelete: return OpInfo(name: "map.delete", signature: "(map<K, V>, K) -> none", immediate: .none, effects: .writes, doc: "remove a key in place")
        case .mapKeys: return OpInfo(name: "map.keys", signature: "(map<K, V>) -> list<K>", immediate: .none, effects: [.reads, .allocates], doc: "keys in sorted order")
        case .mapValues: return OpInfo(name: "map.values", signature: "(map<K, V>) -> list<V>", immediate: .none, effects: [.reads, .allocates], doc: "values in sorted-key order")

        case .structNew: return OpInfo(name: "struct.new", signature: "custom", immediate: .none, effects: .allocates, doc: "a new struct of the result type from its fields in order")
        case .recordNew: return OpInfo(name: "record.new", signature: "custom", immediate: .none, effects: .allocates, doc: "struct.new for a map literal or query record: the struct prints as a plain map, without a __name entry")
        case .variantNew: return OpInfo(name: "variant.new", signature: "custom", immediate: .variant, effects: .allocates, doc: "a new union value of the named variant from its fields in order")
        case .fieldGet: return OpInfo(name: "field.get", signature: "custom", immediate: .field, effects: .reads, doc: "read a field of a struct or of a union variant")
        case .fieldSet: return OpInfo(name: "field.set", signature: "custom", immediate: .field, effects: .writes, doc: "write a field in place")
        case .variantTag: return OpInfo(name: "variant.tag", signature: "custom", immediate: .none, effects: .none, doc: "the variant index of a union value")

        case .call: return OpInfo(name: "call", signature: "custom", immediate: .function, effects: .calls, doc: "call a function directly")
        case .callClosure: return OpInfo(name: "call.closure", signature: "custom", immediate: .none, effects: .calls, doc: "call a closure: its function gets the captures, then the arguments")
        case .closureNew: return OpInfo(name: "closure.new", signature: "custom", immediate: .function, effects: .allocates, doc: "a closure of a function over captured values (its leading parameters)")
        case .globalGet: return OpInfo(name: "global.get", signature: "custom", immediate: .global, effects: .reads, doc: "read a module global")
        case .globalSet: return OpInfo(name: "global.set", signature: "custom", immediate: .global, effects: .writes, doc: "write a module global")

        case .groupNew: return OpInfo(name: "group.new", signature: "() -> any", immediate: .none, effects: .allocates, doc: "a new group-by builder")
        case .groupAdd: return OpInfo(name: "group.add", signature: "(any, any, T) -> none", immediate: .none, effects: .writes, doc: "add an item under a key (keys by structural equality)")
        case .groupResult: return OpInfo(name: "group.result", signature: "(any) -> list<any>", immediate: .none, effects: [.reads, .allocates], doc: "the groups in first-appearance order of their keys")
        case .groupKey: return OpInfo(name: "group.key", signature: "(any) -> any", immediate: .none, effects: .none, doc: "a group's key")
        case .groupItems: return OpInfo(name: "group.items", signature: "(any) -> any", immediate: .none, effects: .none, doc: "a group's items, a list")

        case .expect: return OpInfo(name: "expect", signature: "(bool) -> none", immediate: .none, effects: .traps, doc: "trap with 'expect condition failed' unless true")
        case .panic: return OpInfo(name: "panic", signature: "(str) -> none", immediate: .none, effects: .traps, doc: "stop with the runtime error 'error: <message>'")
        case .testBegin: return OpInfo(name: "test.begin", signature: "(str) -> none", immediate: .none, effects: .io, doc: "start the test block of that name (in test mode: report it; a failed expect then fails the test instead of stopping)")
        case .testEnd: return OpInfo(name: "test.end", signature: "() -> none", immediate: .none, effects: .io, doc: "end the current test block (in test mode: report ok or FAIL)")
        }
    }

    /// Opcodes by their text name, for the parser and the binary reader.
    public static let byName: [String: Opcode] = {
        var m: [String: Opcode] = [:]
        for op in Opcode.allCases { m[op.info.name] = op }
        return m
    }()

    /// Parsed signatures, one per opcode (nil for "custom").
    public var signature: Signature? { Signature.table[Int(rawValue)] }
}

extension Opcode {
    /// The C runtime function (mochi_bigint.c) a `big.*` op computes with, by the
    /// type that picks bigint or bigrat: the result type for the constructors and the
    /// arithmetic, the first operand's for `big.toint`, `big.tofloat` and `big.cmp`
    /// (docs/IR.md, "Exact numbers"). The Wasm runtime's bigint.wat has the same
    /// names. `big.cmp`'s function returns <0, 0 or >0; nil for any other op.
    public func exactRuntimeFunction(result: IRType, operand: IRType?) -> String? {
        let byResult = result == .bigrat ? "mochi_bigrat_" : "mochi_bigint_"
        let byOperand = operand == .bigrat ? "mochi_bigrat_" : "mochi_bigint_"
        switch self {
        case .bigFromInt: return byResult + "from_i64"
        case .bigFromFloat: return byResult + "from_f64"
        case .bigFromStr: return byResult + "from_str"
        case .bigAdd: return byResult + "add"
        case .bigSub: return byResult + "sub"
        case .bigMul: return byResult + "mul"
        case .bigDiv: return byResult + "div"
        case .bigNeg: return byResult + "neg"
        case .bigAbs: return byResult + "abs"
        case .bigPow: return byResult + "pow"
        case .bigToInt: return byOperand + "to_i64"
        case .bigToFloat: return byOperand + "to_f64"
        case .bigCmp: return byOperand + "cmp"
        case .bigTrunc: return "mochi_bigrat_trunc"
        case .bigToRat: return "mochi_bigrat_from_bigint"
        case .bigNum: return "mochi_bigrat_num"
        case .bigDenom: return "mochi_bigrat_denom"
        case .bigRem: return "mochi_bigint_rem"
        default: return nil
        }
    }
}
