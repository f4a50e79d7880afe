// IR -> stencil instructions. The same translation the interpreter's decoder does
// (MochiInterp/Decoder.swift), so a JIT frame is an interpreter frame: every SSA
// value gets one 8-byte slot (parameters first, so a call moves its arguments
// into slots 0..n-1 of the callee frame, which starts right after the caller's).
//
// Values: hot integer, bool and float values live in register homes
// (RegisterHomes.swift chooses them): a register-aware stencil names each
// operand's location in its suffix (stencil.h), so `i = i + 1` on a home is one
// register add. A value computed by a stencil that only writes slots is loaded
// into its home right after; a homed value whose slot some stencil reads is
// written through at its definition (every write-through is emitted, and those
// of values whose slot no stencil turned out to read are dropped once the
// function is lowered); parameters with homes are loaded at entry. Stencils
// that call the runtime clobber the homes: the homes live across one are
// stored to their slots before it and loaded after. An integer
// constant operand of iadd/isub/imul/icmp (and a constant divisor) becomes an
// immediate; a constant divisor d >= 2 a magic-number multiplication.
// Variadic ops (list.new, struct.new, closures, closure calls) first move their
// operands into the frame's gather area. Dead references are zeroed where the
// interpreter zeroes them (MochiInterp/Liveness.swift), and a frame's reference
// slots on entry.
//
// Control: block parameters become moves on edges (parallel copies
// sequentialised, with a temporary per cycle); a jump to the next block is
// dropped; a compare that only decides a branch is fused into it; a jump to a
// block that only branches on the value passed to it is threaded through to
// the branch's targets (`a && b`, `a || b`); a jump to a block whose whole work
// is a compare and branch repeats them instead (the back edge of a loop tests
// the loop condition). Failed checks leave through stubs placed after the
// function (runtime errors at the instruction's line, and each instruction's
// out-of-line slow path). Each instruction names its stencil and the values of
// its operand holes; code addresses (continuation, branch target, callee) are
// filled at layout (Compiler.swift).
//
// `stencilNames(for:)` is the exhaustive table from IR opcode to the stencils
// that implement it, `registerVariantNames()` every location variant; loading a
// library checks the former, a test checks both, and a name the lowering asks
// for that the library lacks is an error naming it, never a bad run.

import MochiIR
import MochiInterp // deadReferenceClears: JIT frames clear dead references where the interpreter's do
import MochiJITSupport
import MochiRuntime
import MochiStencil

/// One stencil instance: which stencil, its operand values, and where it jumps.
struct JInst {
    var stencil: Int32
    var line: Int32
    var a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, d: Int32 = 0
    var n: Int32 = 0, kind: Int32 = 0, kind2: Int32 = 0
    var imm: Int64 = 0, imm2: Int64 = 0, fn: Int64 = 0
    /// Branch target: a block index while lowering, an instruction index after.
    var target: Int32 = -1
    var callee: Int32 = -1
    /// The exits' stubs (instruction indices) by `ErrorExit` number, for
    /// stencils that have them.
    var exits: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    /// A is relative to the gather area (1) or to the callee frame (2), resolved
    /// once the frame size is known.
    var aBase: UInt8 = 0
    /// A write-through of a homed value to its slot, kept only if some stencil
    /// reads that slot (known once the whole function is lowered): the value's
    /// index; -1 for every other instruction.
    var writeThrough: Int32 = -1
    init(_ stencil: Int32, line: Int32) { self.stencil = stencil; self.line = line }
}

/// A lowered function.
struct JFunction {
    var name: String
    var insts: [JInst]
    /// Slots in one frame (values, edge temporaries, gather area).
    var frameSlots: Int
    var gatherBase: Int
    /// For entries at a block (on-stack replacement, Tiers.swift): each
    /// block's first instruction (-1 when it has no code of its own), the
    /// register homes and each value's slot.
    var blockStart: [Int32] = []
    var homes: RegisterHomes?
    var slot: [Int32] = []
}

public struct JITError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The stencils implementing each IR opcode (one per family: the all-slots
/// variant; `registerVariantNames` lists the rest).
public func stencilNames(for op: Opcode) -> [String] {
    let conds = ["eq", "ne", "lt", "le", "gt", "ge"]
    switch op {
    case .iconst, .fconst, .bconst, .null: return ["const_m"]
    case .sconst: return ["load_abs_m"]
    case .copy: return ["move_mm"]
    case .iadd: return ["iadd_mmm", "iadd_i_mm"]
    case .isub: return ["isub_mmm", "isub_i_mm"]
    case .imul: return ["imul_mmm", "imul_i_mm"]
    case .idiv: return ["idiv_mmm", "idiv_i_mm"]
    case .irem: return ["irem_mmm", "irem_i_mm"]
    case .ineg: return ["ineg_mm"]
    case .icmp: return conds.flatMap { ["icmp_\($0)_mmm", "icmp_i_\($0)_mm", "br_icmp_\($0)_mm", "br_icmp_i_\($0)_m"] }
    case .not: return ["not_mm"]
    case .fadd: return ["fadd_mmm"]
    case .fsub: return ["fsub_mmm"]
    case .fmul: return ["fmul_mmm"]
    case .fdiv: return ["fdiv_mmm"]
    case .frem: return ["frem"]
    case .fneg: return ["fneg_mm"]
    case .fcmp: return conds.flatMap { ["fcmp_\($0)_mmm", "br_fcmp_\($0)_mm"] } + conds.dropFirst(2).map { "br_nfcmp_\($0)_mm" }
    case .itof: return ["itof_mm"]
    case .ftoi: return ["ftoi_mm"]
    case .math1: return ["math1_mm", "sqrt_mm"]
    case .math2: return ["math2"]
    case .box: return ["box"]
    case .unbox: return ["unbox", "unbox_ref"]
    case .anyAdd: return ["any_add"]
    case .anySub: return ["any_sub"]
    case .anyMul: return ["any_mul"]
    case .anyDiv: return ["any_div"]
    case .anyRem: return ["any_rem"]
    case .anyNeg: return ["any_neg"]
    case .anyCmp: return conds.map { "any_cmp_\($0)" }
    case .anyTruthy: return ["any_truthy"]
    case .anyIndex: return ["any_index"]
    case .anyField: return ["any_field"]
    case .anyLen: return ["any_len"]
    case .cmp: return conds.flatMap { ["cmp_ref_\($0)", "icmp_\($0)_mmm", "fcmp_\($0)_mmm"] }
    case .tostr: return ["tostr"]
    case .fmt: return ["fmt"]
    case .tojson: return ["tojson"]
    case .json: return ["json"]
    case .print: return ["print"]
    case .strConcat: return ["str_concat"]
    case .strLen: return ["str_len"]
    case .strIndex: return ["str_index"]
    case .strSlice: return ["str_slice"]
    case .strContains: return ["str_contains"]
    case .strFind: return ["str_find"]
    case .strUpper: return ["str_upper"]
    case .sha256: return ["sha256"]
    // The exact numbers: the bigint stencil first, then the bigrat one (exact.c).
    case .bigFromInt: return ["big_fromint", "rat_fromint"]
    case .bigFromFloat: return ["big_fromfloat", "rat_fromfloat"]
    case .bigFromStr: return ["big_fromstr", "rat_fromstr"]
    case .bigToInt: return ["big_toint", "rat_toint"]
    case .bigToFloat: return ["big_tofloat", "rat_tofloat"]
    case .bigTrunc: return ["rat_trunc"]
    case .bigToRat: return ["big_torat"]
    case .bigNum: return ["rat_num"]
    case .bigDenom: return ["rat_denom"]
    case .bigAdd: return ["big_add", "rat_add"]
    case .bigSub: return ["big_sub", "rat_sub"]
    case .bigMul: return ["big_mul", "rat_mul"]
    case .bigDiv: return ["big_div", "rat_div"]
    case .bigRem: return ["big_rem"]
    case .bigNeg: return ["big_neg", "rat_neg"]
    case .bigAbs: return ["big_abs", "rat_abs"]
    case .bigPow: return ["big_pow", "rat_pow"]
    case .bigCmp: return conds.flatMap { ["big_cmp_\($0)", "rat_cmp_\($0)"] }
    case .strLower: return ["str_lower"]
    case .strTrim: return ["str_trim"]
    case .strSplit: return ["str_split"]
    case .strJoin: return ["str_join"]
    case .strRepeat: return ["str_repeat"]
    case .strPadStart: return ["str_padstart"]
    case .strReverse: return ["str_reverse"]
    case .strToInt: return ["str_toint"]
    case .strToFloat: return ["str_tofloat"]
    case .strOrd: return ["str_ord"]
    case .strChr: return ["str_chr"]
    case .strHasPrefix: return ["str_hasprefix"]
    case .strHasSuffix: return ["str_hassuffix"]
    case .strParseBase: return ["str_parsebase"]
    case .listNew: return ["list_new", "move_mm"]
    case .listLen: return ["list_len_m"]
    case .listGet: return ["list_get_mm", "listb_get_mm"]
    case .listSet: return ["list_set_mm", "listb_set_mm"]
    case .listPush: return ["list_push_m", "listb_push_m"]
    case .listAppend: return ["list_append"]
    case .listSlice: return ["list_slice"]
    case .listConcat, .listUnionAll: return ["list_concat"]
    case .listContains: return ["list_contains"]
    case .listReverse: return ["list_reverse"]
    case .listDistinct: return ["list_distinct"]
    case .listUnion: return ["list_union"]
    case .listExcept: return ["list_except"]
    case .listIntersect: return ["list_intersect"]
    case .listSum: return ["list_sum_i64", "list_sum_f64", "list_sum_any"]
    case .listAvg: return ["list_avg"]
    case .listMin: return ["list_min"]
    case .listMax: return ["list_max"]
    case .listSortBy: return ["list_sortby"]
    case .listRange: return ["list_range"]
    case .mapNew: return ["map_new", "move_mm"]
    case .mapGet: return ["map_get", "map_get_i_mm"]
    case .mapGetAny: return ["map_getany"]
    case .mapSet: return ["map_set", "map_set_i_mm"]
    case .mapHas: return ["map_has", "map_has_i_mm"]
    case .mapLen: return ["map_len"]
    case .mapDelete: return ["map_delete"]
    case .mapKeys: return ["map_keys"]
    case .mapValues: return ["map_values"]
    case .structNew, .recordNew, .variantNew: return ["struct_new", "move_mm"]
    case .fieldGet: return ["field_get_m"]
    case .fieldSet: return ["field_set_m"]
    case .variantTag: return ["variant_tag_m"]
    case .call: return ["call_check", "call_checkx", "call_m", "call_void", "move_mm"]
    case .callClosure: return ["call_closure", "call_closure_void", "move_mm"]
    case .closureNew: return ["closure_new", "move_mm"]
    case .globalGet: return ["load_abs_m"]
    case .globalSet: return ["store_abs_m"]
    case .groupNew: return ["group_new"]
    case .groupAdd: return ["group_add", "group_add_boxed"]
    case .groupResult: return ["group_result"]
    case .groupKey: return ["group_key"]
    case .groupItems: return ["group_items"]
    case .expect: return ["expect"]
    case .panic: return ["panic"]
    case .testBegin: return ["test_begin"]
    case .testEnd: return ["test_end"]
    }
}

/// Stencils for control flow that no opcode owns (terminators, edge moves).
public let controlStencilNames = ["jump", "br_true_m", "br_false_m", "ret_m", "ret_void", "unreachable", "move_mm",
                                  "err_overflow", "err_div_zero", "err_stack", "poll"]

/// Whether a stencil clobbers the register homes (stencil.h: the stencils that
/// exist to call the runtime end in KNEXT): every stencil but the
/// register-aware families and the pure control and move stencils, which keep
/// every home. The lowering stores the homes live across a clobbering stencil
/// before it and loads them after.
public func stencilClobbersHomes(_ name: String) -> Bool {
    for p in homeKeepingPrefixes where name.hasPrefix(p) { return false }
    return true
}

let homeKeepingPrefixes = [
    "const_", "move_", "load_abs_", "store_abs_", "jump", "br_", "ret_", "unreachable", "err_",
    "iadd_", "isub_", "imul_", "idiv_", "irem_", "ineg_", "not_", "icmp_", "fcmp_",
    "fadd_", "fsub_", "fmul_", "fdiv_", "fneg_", "sqrt_", "math1_", "itof_", "ftoi_",
    "list_get_", "list_set_", "list_len_", "list_push_", "listb_get_", "listb_set_", "listb_push_",
    "map_get_i_", "map_has_i_", "map_set_i_", "field_get_", "field_set_", "variant_tag_", "call_check", "poll",
]

/// Every register-location variant the lowering can ask for (stencil.h's
/// families; a location is m, an integer home 0-5 or a float home a-h), and
/// the `_slow` stubs of those with an out-of-line slow path. The library must
/// hold them all.
public func registerVariantNames() -> [String] {
    let i = ["m"] + RegisterFile.intLetters, fl = ["m"] + RegisterFile.floatLetters
    let fr = RegisterFile.floatLetters, any = i + fr
    func x(_ a: [String], _ b: [String]) -> [String] { a.flatMap { p in b.map { p + $0 } } }
    let conds = ["eq", "ne", "lt", "le", "gt", "ge"]
    var names: [String] = []
    for op in ["iadd", "isub", "imul", "idiv", "irem"] {
        names += x(i, x(i, i)).map { "\(op)_\($0)" } + x(i, i).map { "\(op)_i_\($0)" }
        if op == "iadd" || op == "isub" || op == "imul" { names += x(i, i).map { "\(op)_s_\($0)" } }
    }
    for op in ["idiv", "irem"] { names += x(i, i).flatMap { ["\(op)_k_\($0)", "\(op)_ka_\($0)"] } }
    names += x(i, i).flatMap { ["ineg_\($0)", "not_\($0)", "move_\($0)"] }
    names += (x(fl, fr) + x(fr, ["m"])).map { "move_\($0)" }
    for c in conds {
        names += x(i, i).flatMap { ["icmp_\(c)_m\($0)", "br_icmp_\(c)_\($0)"] }
        names += i.flatMap { ["icmp_i_\(c)_m\($0)", "br_icmp_i_\(c)_\($0)", "icmp_s_\(c)_m\($0)", "br_icmp_s_\(c)_\($0)"] }
        names += x(fl, fl).flatMap { ["fcmp_\(c)_m\($0)", "br_fcmp_\(c)_\($0)"] }
        if c != "eq" && c != "ne" { names += x(fl, fl).map { "br_nfcmp_\(c)_\($0)" } }
    }
    names += i.flatMap { ["br_true_\($0)", "br_false_\($0)", "list_len_\($0)", "variant_tag_\($0)", "const_s_\($0)"] }
        + any.map { "ret_\($0)" }
    names += any.flatMap { ["const_\($0)", "field_get_\($0)", "field_set_\($0)", "field_get_\($0)_slow", "field_set_\($0)_slow"] }
    names += x(fl, x(fl, fl)).flatMap { ["fadd_\($0)", "fsub_\($0)", "fmul_\($0)", "fdiv_\($0)"] }
    names += x(fl, fl).flatMap { ["fneg_\($0)", "sqrt_\($0)", "math1_\($0)"] }
    names += x(fl, i).map { "itof_\($0)" } + x(i, fl).map { "ftoi_\($0)" }
    names += x(any, i).flatMap { ["list_get_\($0)", "list_get_\($0)_slow"] }
    names += x(i, any).flatMap { ["list_set_\($0)", "list_set_\($0)_slow"] }
    names += any.flatMap { ["list_push_\($0)", "list_push_\($0)_slow"] }
    names += x(i, i).flatMap { ["listb_get_\($0)", "listb_get_\($0)_slow", "listb_set_\($0)", "listb_set_\($0)_slow"] }
    names += i.flatMap { ["listb_push_\($0)", "listb_push_\($0)_slow"] }
    names += x(any, i).map { "map_get_i_\($0)" } + x(i, i).map { "map_has_i_\($0)" }
    names += x(i, any).flatMap { ["map_set_i_\($0)", "map_set_i_\($0)_slow"] }
    names += any.flatMap { ["call_\($0)", "load_abs_\($0)", "store_abs_\($0)"] }
    return names
}

/// The symbol the JIT calls for the function a math1/math2 immediate names: the
/// runtime's own libm (mochi_math.c) where IEEE 754 leaves the result to the library,
/// so the JIT rounds as the interpreter and AOT code do; the C library's exact ones.
func libmName(_ s: String, arity: Int) -> String? {
    let own: Set<String> = ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log",
                            "log2", "log10", "cbrt", "expm1", "log1p", "pow", "atan2", "hypot"]
    let one: Set<String> = ["sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp",
                            "log", "log2", "log10", "floor", "ceil", "fabs", "round", "trunc", "cbrt", "expm1", "log1p"]
    let two: [String: String] = ["pow": "pow", "atan2": "atan2", "fmod": "fmod", "mod": "fmod", "hypot": "hypot",
                                 "min": "fmin", "fmin": "fmin", "max": "fmax", "fmax": "fmax"]
    let name = arity == 1 ? (s == "abs" ? "fabs" : (one.contains(s) ? s : nil)) : two[s]
    guard let name else { return nil }
    return own.contains(name) ? "mochi_math_" + name : name
}

/// The magic multiplier and shift that turn signed division by a constant
/// d >= 2 into a multiplication (Hacker's Delight, 10-1, for 64 bits): q is the
/// high half of x * multiplier (plus x when the multiplier is negative), shifted
/// right by `shift`, plus one when x is negative.
func signedDivisionMagic(_ d: Int64) -> (multiplier: Int64, shift: Int32) {
    precondition(d >= 2)
    let two63: UInt64 = 1 << 63
    let ad = UInt64(d)
    let anc = two63 - 1 - two63 % ad
    var p = 63
    var q1 = two63 / anc, r1 = two63 - q1 &* anc
    var q2 = two63 / ad, r2 = two63 - q2 &* ad
    var delta: UInt64
    repeat {
        p += 1
        q1 = q1 &* 2; r1 = r1 &* 2
        if r1 >= anc { q1 &+= 1; r1 &-= anc }
        q2 = q2 &* 2; r2 = r2 &* 2
        if r2 >= ad { q2 &+= 1; r2 &-= ad }
        delta = ad &- r2
    } while q1 < delta || (q1 == delta && r1 == 0)
    return (Int64(bitPattern: q2 &+ 1), Int32(p - 64))
}

/// Module-level data the lowering needs addresses of. (A class: each
/// function's lowering holds it, and a struct of a dozen references cost a
/// retain and a release of each per copy, twice per function.)
final class LoweringContext {
    let module: Module
    let symbols: SymbolIndex
    /// The stencils: by name, their exits, whether they clobber the homes.
    let stencils: LoadedStencils
    /// The run's call depth limit (the call stencils' _JIT_N).
    let maxDepth: Int64
    /// A contained run's code (`JIT.runContained`): a `poll` at every block
    /// start, where the run stops once out of time or past its output cap.
    var polls = false
    /// Address of string constant i's slot / global i's slot / the descriptor of a
    /// type's struct (-1), variant (its tag) or anonymous twin (`anonymousDescriptor`).
    let stringSlot: (String) -> Int64
    let globalSlot: (Int) -> Int64
    let descriptor: (String, Int32) -> Int64?
    let cString: (String) -> Int64
    /// Takes bytes the lowering allocated (count of them) and returns the address
    /// the code is to use for them.
    let bytes: (UnsafeMutableRawPointer, Int) -> Int64
    /// The analyses' work arrays, reused from one function to the next.
    let scratch = LoweringScratch()

    init(module: Module, symbols: SymbolIndex, stencils: LoadedStencils, maxDepth: Int64,
         stringSlot: @escaping (String) -> Int64, globalSlot: @escaping (Int) -> Int64,
         descriptor: @escaping (String, Int32) -> Int64?, cString: @escaping (String) -> Int64,
         bytes: @escaping (UnsafeMutableRawPointer, Int) -> Int64) {
        self.module = module; self.symbols = symbols; self.stencils = stencils; self.maxDepth = maxDepth
        self.stringSlot = stringSlot; self.globalSlot = globalSlot; self.descriptor = descriptor
        self.cString = cString; self.bytes = bytes
    }
}

/// Work arrays the per-function analyses keep between functions (a compile
/// lowers thousands of small functions; allocating each analysis's arrays
/// afresh for every one was most of their cost). One per compiler, used by
/// one thread at a time.
final class LoweringScratch {
    let homes = RegisterHomesScratch()
    let liveness = LivenessScratch()
    /// FunctionLowering's per-value arrays (use counts, integer constants,
    /// folded uses, elided constants): taken by a lowering while it runs and
    /// given back when it ends (`FunctionLowering.lower`).
    var uses: [Int32] = []
    var consts: [Int64?] = []
    var folded: [Int32] = []
    var elided: [Bool] = []
    /// `dropUnreadWriteThroughs`' instruction renumbering.
    var newIndex: [Int32] = []
    /// Per value, whether it is a parameter of the entry block (`lower`).
    var isParam: [Bool] = []
    /// The last lowering's slot reads, for the next one to clear and reuse.
    var reads: SlotReads? = nil
    /// `homesLiveAcross`' answer, per instruction that clobbers the homes.
    var live: [Value] = []
    /// `RegisterHomes.liveAcross`' per-register cursors, and the position
    /// they were last moved to (Int32.max: to be reset before use).
    let liveCursor = UnsafeMutablePointer<Int32>.allocate(capacity: RegisterHomes.registers + 1)
    var liveCursorAt = Int32.max
    deinit { liveCursor.deallocate() }
    /// The error stubs' keys and instructions (`lower`), and an edge's moves (`edge`).
    var stubKeys: [Int64] = []
    var stubAt: [Int32] = []
    var moveDst: [Int32] = []
    var moveSrc: [Int32] = []
    /// The exit stubs of the function being lowered, before they are appended.
    var stubs: [JInst] = []
    /// The slot table of a function lowered without its frame map, for the
    /// next one (`FunctionLowering.lower(keepFrameMap:)`).
    var spareSlot: [Int32] = []
}

/// A function's error stubs by key (exit << 32 | line), once it has more than
/// a few: open addressing over non-negative keys. (A long @main has a stub per
/// line that can overflow; a linear search per exit made its lowering
/// quadratic: 25.8M instructions of the 50,000-line program's compile.)
struct StubIndex {
    static let linearLimit = 16
    var keys: [Int64] = []
    var at: [Int32] = []
    var count = 0

    func find(_ key: Int64) -> Int32 {
        if keys.isEmpty { return -1 }
        let mask = keys.count - 1
        var h = Self.hash(key) & mask
        while true {
            let k = keys[h]
            if k == key { return at[h] }
            if k < 0 { return -1 }
            h = (h + 1) & mask
        }
    }

    mutating func insert(_ key: Int64, _ v: Int32) {
        if 2 * (count + 1) > keys.count {
            let oldKeys = keys, oldAt = at
            keys = [Int64](repeating: -1, count: max(64, 2 * keys.count))
            at = [Int32](repeating: -1, count: keys.count)
            count = 0
            for i in oldKeys.indices where oldKeys[i] >= 0 { insert(oldKeys[i], oldAt[i]) }
        }
        let mask = keys.count - 1
        var h = Self.hash(key) & mask
        while keys[h] >= 0 && keys[h] != key { h = (h + 1) & mask }
        if keys[h] < 0 { count += 1 }
        keys[h] = key
        at[h] = v
    }

    @inline(__always) static func hash(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }
}

/// The descriptor key of a struct type's anonymous twin (`record.new`).
let anonymousDescriptor: Int32 = -2

private typealias Tok = StencilToken
/// A condition's position in eq, ne, lt, le, gt, ge (StencilToken.cond; a switch: a dictionary's first use
/// costs a metadata instantiation on every run's compile).
func condIndexOf(_ c: CondCode) -> Int {
    switch c {
    case .eq: return 0
    case .ne: return 1
    case .lt: return 2
    case .le: return 3
    case .gt: return 4
    case .ge: return 5
    }
}
private let condInverse: [Int] = [1, 0, 5, 4, 3, 2]
private let condSwapped: [Int] = [0, 1, 4, 5, 2, 3]

enum BranchCond {
    case value(Value)
    case icmp(Int, Value, Value)
    case icmpI(Int, Value, Int64)
    case fcmp(Int, Value, Value)
}

/// Which values' slots some stencil reads. A value with a register home whose
/// slot is read is written through: its definition also stores the slot.
final class SlotReads {
    var read: [Bool]
    init(_ n: Int) { read = [Bool](repeating: false, count: n) }
}

struct FunctionLowering {
    let f: Function
    let ctx: LoweringContext
    var slot: [Int32]
    var nextSlot: Int32 = 0
    var useCount: [Int32]
    var constant: [Int64?]
    var elided: [Bool] = []
    var code: [JInst] = []
    var blockStart: [Int32]
    var maxGather = 0
    var line: Int32 = 0
    /// Each value's home (-1 its frame slot, 0-5 x0-x5, 6-13 d0-d7), live
    /// interval and each instruction's position (for what a call must keep).
    let homes: RegisterHomes
    /// Slots read by some stencil, for the write-throughs.
    let reads: SlotReads
    /// Set by a register-aware lowering that wrote the result to its home.
    var wroteHome = false
    /// Where dead reference slots are zeroed (MochiInterp/Liveness.swift), so a
    /// frame keeps alive only what it will still read, as the interpreter's.
    let clears: ReferenceClears
    /// Per block: the line of the inlined call whose jump ends it
    /// (Inline.swift), whose depth check goes before its terminator; -1 none.
    let depthChecks: [Int32]

    init(function: Function, context: LoweringContext, registerHomes: Bool = true, depthChecks: [Int32] = []) {
        f = function
        ctx = context
        self.depthChecks = depthChecks
        clears = deadReferenceClears(function, scratch: context.scratch.liveness)
        let n = function.valueTypes.count
        // (The slot and block tables of the last function lowered without its
        // frame map, when there is one: `lower(keepFrameMap:)`.)
        let sc = context.scratch
        var sl = sc.spareSlot; sc.spareSlot = []
        reset(&sl, n, -1)
        slot = sl
        if let e = function.entry {
            for p in function[e].params where slot[Int(p.index)] < 0 { slot[Int(p.index)] = nextSlot; nextSlot += 1 }
        }
        for v in 0..<n where slot[v] < 0 { slot[v] = nextSlot; nextSlot += 1 }
        blockStart = [Int32](repeating: -1, count: function.blocks.count)
        code.reserveCapacity(2 * function.insts.count + 8)
        // (Through the buffers: `function[b]` and `function[id]` copy the block
        // or instruction, retaining each of its arrays.)
        var uses = sc.uses; sc.uses = []
        var consts = sc.consts; sc.consts = []
        var folded = sc.folded; sc.folded = []
        reset(&uses, n, 0)
        reset(&consts, n, nil)
        reset(&folded, n, 0)
        // (The counts through their buffers: a store into a local array
        // checked its uniqueness per use.)
        function.blocks.withUnsafeBufferPointer { blocks in
        function.insts.withUnsafeBufferPointer { insts in
        uses.withUnsafeMutableBufferPointer { uses in
            consts.withUnsafeMutableBufferPointer { consts in
                for b in function.layout {
                    for id in blocks[Int(b.index)].insts {
                        let x = Int(id.index)
                        for a in insts[x].args { uses[Int(a.index)] += 1 }
                        if insts[x].op == .iconst, let r = insts[x].result, case .int(let v) = insts[x].imm { consts[Int(r.index)] = v }
                    }
                    blocks[Int(b.index)].terminator.forEachUse { uses[Int($0.index)] += 1 }
                }
            }
        }
        folded.withUnsafeMutableBufferPointer { folded in
            for b in function.layout {
                for id in blocks[Int(b.index)].insts {
                    let x = Int(id.index)
                    // (Only the ops that fold a constant: no Inst copied for the rest.)
                    guard Self.mayFold(insts[x].op) else { continue }
                    if let k = Self.foldedOperand(insts[x].op, insts[x].args, consts, function) { folded[Int(insts[x].args[k].index)] += 1 }
                }
            }
        }
        }
        }
        useCount = uses
        constant = consts
        var elide = sc.elided; sc.elided = []
        reset(&elide, n, false)
        for v in 0..<n { elide[v] = consts[v] != nil && uses[v] == folded[v] }
        sc.folded = folded
        elided = elide
        homes = registerHomes ? chooseRegisterHomes(function, skip: elide, uses: uses, scratch: context.scratch.homes)
                              : RegisterHomes(valueCount: n)
        sc.liveCursorAt = Int32.max // (this function's cursors are set at its first ask)
        // (The scratch's, cleared, when no lowering holds it: an object and
        // an array fewer to make and free per function.)
        var last = context.scratch.reads
        context.scratch.reads = nil
        if isKnownUniquelyReferenced(&last), let r = last {
            reset(&r.read, n, false)
            reads = r
        } else {
            reads = SlotReads(n)
        }
    }

    /// Lowers `function`. A homed value is written through to its slot when a
    /// stencil reads the slot; the lowering emits every write-through and drops
    /// those whose slot turned out unread (`dropUnreadWriteThroughs`).
    ///
    /// Without `keepFrameMap` the function has no homes or slot map (what an
    /// entry at a block needs, Tiers.swift): a whole-module compile, whose
    /// functions are entered only at their starts, gives those tables back to
    /// the scratch for the next function to fill (three arrays fewer to make and
    /// free per function). Block starts stay: the layout puts loop headers on
    /// their lines (CodePlacement.swift).
    static func lower(function: Function, context: LoweringContext, registerHomes: Bool,
                      depthChecks: [Int32] = [], keepFrameMap: Bool = true) throws -> JFunction {
        var l = FunctionLowering(function: function, context: context, registerHomes: registerHomes,
                                 depthChecks: depthChecks)
        defer {
            let sc = context.scratch
            sc.uses = l.useCount; sc.consts = l.constant; sc.elided = l.elided
            sc.reads = l.reads
        }
        var jf = try l.lower()
        if !keepFrameMap {
            let sc = context.scratch
            sc.spareSlot = jf.slot; jf.slot = []
            if let h = jf.homes { sc.homes.spareHome = h.home; sc.homes.spareInts = h.ints }
            jf.homes = nil
        }
        return jf
    }

    /// Whether `foldedOperand` can fold an operand of `op`.
    static func mayFold(_ op: Opcode) -> Bool {
        switch op {
        case .iadd, .imul, .icmp, .isub, .idiv, .irem: return true
        default: return false
        }
    }

    /// (The op and operands, not the instruction: a whole `Inst` read out of
    /// the IR is copied, its arrays retained.)
    static func foldedOperand(_ op: Opcode, _ args: [Value], _ constant: [Int64?], _ f: Function) -> Int? {
        func isConst(_ i: Int) -> Bool { constant[Int(args[i].index)] != nil && f.type(of: args[i]) == .i64 }
        switch op {
        case .iadd, .imul, .icmp: return isConst(1) ? 1 : (isConst(0) ? 0 : nil)
        case .isub: return isConst(1) ? 1 : nil
        case .idiv, .irem: return isConst(1) ? 1 : nil
        default: return nil
        }
    }

    /// A value's slot as an operand a stencil reads from memory.
    func s(_ v: Value) -> Int32 {
        reads.read[Int(v.index)] = true
        return slot[Int(v.index)]
    }
    /// A value's slot, for a result or a register-aware operand.
    func slotOf(_ v: Value) -> Int32 { slot[Int(v.index)] }
    func isHomed(_ v: Value) -> Bool { homes.home[Int(v.index)] >= 0 }

    func fail(_ msg: String) -> JITError { JITError("function @\(f.name): \(msg)") }

    /// A value's location as a stencil-name token (StencilToken).
    func L(_ v: Value) -> UInt64 { Tok.location(homes.home[Int(v.index)]) }

    /// The stencil named `prefix` + the texts of `tokens` (StencilToken): an
    /// integer probe of the library's key table, no String built.
    func stencil(_ prefix: StaticString, _ tokens: UInt64 = 0) throws -> Int32 {
        try ctx.stencils.index(prefix, tokens)
    }

    @discardableResult
    mutating func emit(_ prefix: StaticString, _ tokens: UInt64 = 0, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, d: Int32 = 0,
                       imm: Int64 = 0) throws -> Int {
        try emit(stencil: try stencil(prefix, tokens), a: a, b: b, c: c, d: d, imm: imm)
    }

    @discardableResult
    mutating func emit(stencil: Int32, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, d: Int32 = 0,
                       imm: Int64 = 0) throws -> Int {
        var i = JInst(stencil, line: line)
        i.a = a; i.b = b; i.c = c; i.d = d; i.imm = imm
        code.append(i)
        return code.count - 1
    }

    /// A move of v's value (from its home or slot) to slot `to`, relative to the
    /// gather area (aBase 1) or the callee frame (aBase 2).
    mutating func moveOut(_ v: Value, to: Int32, aBase: UInt8) throws {
        let at = try emit("move_m", Tok.pack(L(v)), a: to, b: isHomed(v) ? 0 : s(v))
        code[at].aBase = aBase
    }

    /// Moves operands into the gather area (slots gatherBase + k).
    mutating func gather(_ vs: ArraySlice<Value>) throws {
        for (k, v) in vs.enumerated() { try moveOut(v, to: Int32(k), aBase: 1) }
        maxGather = max(maxGather, vs.count)
    }

    /// Zeroes the gather slots that `gather(vs)` filled with references, once the
    /// op that read them is done: as the interpreter's `clearGathered`, so a copy
    /// left there is not a root while the frame lives on (binary_trees: a tree's
    /// last `Node` operands kept half of the previous tree alive while the next
    /// one was built). Scalars are left as they are; the collector never
    /// follows them.
    mutating func clearGather(_ vs: ArraySlice<Value>) throws {
        for (k, v) in vs.enumerated() where f.type(of: v).slotKind == .ref {
            let at = try emit("const_m", a: Int32(k), imm: 0)
            code[at].aBase = 1
        }
    }

    mutating func lower() throws -> JFunction {
        // Parameters with homes are loaded from the slots the caller filled.
        if let e = f.entry {
            for p in f[e].params where isHomed(p) { try emit("move_", Tok.pack(L(p), Tok.m), a: 0, b: slotOf(p)) }
            // A frame reuses the memory of frames that have returned; its
            // reference slots start at zero, so an old frame's references do
            // not stay roots until this one overwrites them (scalar functions
            // pay nothing).
            let sc = ctx.scratch
            var isParam = sc.isParam; sc.isParam = []
            defer { sc.isParam = isParam }
            reset(&isParam, f.valueTypes.count, false)
            for p in f[e].params { isParam[Int(p.index)] = true }
            for v in 0..<f.valueTypes.count where !isParam[v] && f.valueTypes[v].slotKind == .ref {
                try emit("const_m", a: slot[v], imm: 0)
            }
        }
        for (li, b) in f.layout.enumerated() {
            blockStart[Int(b.index)] = Int32(code.count)
            if ctx.polls { try emit("poll") }
            let next = li + 1 < f.layout.count ? Int(f.layout[li + 1].index) : -1
            // (The block's parts, not a copy of the whole BlockData: its params go unread.)
            let bdInsts = f.blocks[Int(b.index)].insts
            let bdTerminator = f.blocks[Int(b.index)].terminator
            let bdTerminatorLoc = f.blocks[Int(b.index)].terminatorLoc
            // The block's last instruction, a compare, is not lowered when its
            // result only decides a branch: the branch of this block, or (jump
            // threading) the branch of a block it jumps to that does nothing
            // else; the branch stencil does the comparison.
            var fused: BranchCond? = nil
            if let last = bdInsts.last, let r = f[last].result, useCount[Int(r.index)] >= 1 {
                var decides = false
                switch bdTerminator {
                case .brif(let c, let t, let e):
                    // Its other uses may be arguments of this branch's own edges
                    // that threading removes (`a && b`: the false side passes
                    // the condition on to a block that only tests it again).
                    var onEdges = 0
                    for x in t.args where x == r { onEdges += 1 }
                    for x in e.args where x == r { onEdges += 1 }
                    decides = c == r && useCount[Int(r.index)] == 1 + Int32(onEdges)
                        && (onEdges == 0 || (!resolve(t, known: (c, true)).args.contains(r)
                                             && !resolve(e, known: (c, false)).args.contains(r)))
                case .jump(let bc):
                    decides = useCount[Int(r.index)] == 1 && bc.args.count == 1 && bc.args[0] == r && threadable(bc.block) != nil
                default: break
                }
                if decides { fused = compareCond(f[last]) }
            }
            try f.insts.withUnsafeBufferPointer { insts in
                for (k, id) in bdInsts.enumerated() {
                    if fused != nil && k == bdInsts.count - 1 { line = Int32(clamping: insts[Int(id.index)].loc.line); break }
                    try lowerInst(id, insts.baseAddress! + Int(id.index))
                }
            }
            line = Int32(bdTerminatorLoc.line != 0 ? Int32(clamping: bdTerminatorLoc.line) : max(line, 0))
            if Int(b.index) < depthChecks.count, depthChecks[Int(b.index)] >= 0 {
                let callLine = depthChecks[Int(b.index)]
                let at = try emit("call_check")
                code[at].line = callLine
                code[at].n = Int32(clamping: ctx.maxDepth)
            }
            switch bdTerminator {
            case .jump(let bc):
                let r = resolve(bc, known: nil)
                if let (t, e) = threadable(r.block), r.args.count == 1 {
                    // Jump threading: branch on the value passed for the parameter.
                    let v = r.args[0]
                    try twoWay(fused != nil && bc.args.count == 1 && bc.args[0] == v && Int(r.block.index) == Int(bc.block.index) ? fused! : .value(v),
                               t, e, next: next)
                } else {
                    try edge(r, next: next, clearing: r == bc ? edgeClears(b, 0) : -1)
                }
            case .brif(let c, let t0, let e0):
                // On each side the condition's value is known: blocks that only
                // branch on it again are skipped.
                let t = resolve(t0, known: (c, true)), e = resolve(e0, known: (c, false))
                let tClears = t == t0 ? edgeClears(b, 0) : -1, eClears = e == e0 ? edgeClears(b, 1) : -1
                let bc = fused ?? .value(c)
                // A side with clears gets its own edge code, like a side with arguments.
                let tPlain = t.args.isEmpty && tClears < 0, ePlain = e.args.isEmpty && eClears < 0
                if ePlain && Int(t.block.index) == next {
                    try branch(bc, false, to: Int32(e.block.index)) // fall through into the next block
                    try edge(t, next: next, clearing: tClears)
                } else if tPlain {
                    try branch(bc, true, to: Int32(t.block.index))
                    try edge(e, next: next, clearing: eClears)
                } else if ePlain {
                    try branch(bc, false, to: Int32(e.block.index))
                    try edge(t, next: next, clearing: tClears)
                } else {
                    try branch(bc, false, to: -1)
                    let patchAt = code.count - 1
                    try edge(t, next: -1, clearing: tClears)
                    code[patchAt].target = -2 - Int32(code.count) // an instruction index, not a block
                    try edge(e, next: next, clearing: eClears)
                }
            case .ret(let v):
                if let v { try emit("ret_", Tok.pack(L(v)), b: slotOf(v)) } else { try emit("ret_void") }
            case .unreachable:
                try emit("unreachable")
            }
        }
        dropUnreadWriteThroughs()
        if code.isEmpty { try emit("unreachable") }
        // Exits, after the last instruction (which never falls through: every
        // block ends in a jump or a return): one error stub per kind and line,
        // and each slow path its own stub, the instruction's `_slow` stencil with
        // its operands, jumping back to the instruction after it.
        // (The stubs' keys and instructions in the scratch's arrays: no array
        // of tuples made per function, whose element type's metadata is built
        // at run time.)
        let sc = ctx.scratch
        var stubKeys = sc.stubKeys; sc.stubKeys = []
        var stubAt = sc.stubAt; sc.stubAt = []
        stubKeys.removeAll(keepingCapacity: true)
        stubAt.removeAll(keepingCapacity: true)
        defer { sc.stubKeys = stubKeys; sc.stubAt = stubAt }
        var stubIndex = StubIndex()
        // (The instructions through their buffer, the stubs gathered in the
        // scratch and appended after: no uniqueness and bounds check per
        // access, and no self inside, which the buffer's access holds.)
        var extra = sc.stubs; sc.stubs = []
        extra.removeAll(keepingCapacity: true)
        defer { sc.stubs = extra }
        let stencils = ctx.stencils
        let n = code.count
        try code.withUnsafeMutableBufferPointer { code in
        for k in 0..<n {
            let exits = try stencils.errorExits(code[k].stencil)
            guard exits != 0 else { continue }
            for e in 0..<4 where exits & (1 << e) != 0 {
                var at: Int32
                if e == ErrorExit.slowPath {
                    at = Int32(n + extra.count)
                    var stub = code[k]
                    stub.stencil = try stencils.slowPath(code[k].stencil)
                    stub.target = -2 - Int32(k + 1)
                    stub.exits = (-1, -1, -1, -1)
                    extra.append(stub)
                } else {
                    let key = Int64(e) << 32 | Int64(UInt32(bitPattern: code[k].line))
                    if stubKeys.count <= StubIndex.linearLimit {
                        at = -1
                        for j in stubKeys.indices where stubKeys[j] == key { at = stubAt[j]; break }
                    } else {
                        at = stubIndex.find(key)
                    }
                    if at < 0 {
                        at = Int32(n + extra.count)
                        extra.append(JInst(try stencils.index(e == 0 ? "err_overflow" : e == 1 ? "err_div_zero" : "err_stack", 0),
                                           line: code[k].line))
                        stubKeys.append(key)
                        stubAt.append(at)
                        if stubKeys.count > StubIndex.linearLimit {
                            if stubIndex.count == 0 { for j in stubKeys.indices { stubIndex.insert(stubKeys[j], stubAt[j]) } }
                            else { stubIndex.insert(key, at) }
                        }
                    }
                }
                switch e {
                case 0: code[k].exits.0 = at
                case 1: code[k].exits.1 = at
                case 2: code[k].exits.2 = at
                default: code[k].exits.3 = at
                }
            }
        }
        }
        code.append(contentsOf: extra)
        // Block targets -> instruction indices; gather/outgoing operands -> slots.
        let gatherBase = Int(nextSlot)
        let frameSlots = gatherBase + maxGather
        let blockStart = self.blockStart, name = f.name
        try code.withUnsafeMutableBufferPointer { code in
        for k in code.indices {
            let t = code[k].target
            if t <= -2 {
                code[k].target = -2 - t
            } else if t >= 0 {
                let st = blockStart[Int(t)]
                guard st >= 0 else { throw JITError("function @\(name): branch to block b\(t), which is not in the layout") }
                code[k].target = st
            }
            switch code[k].aBase {
            case 1: code[k].a += Int32(gatherBase)
            case 2: code[k].a += Int32(frameSlots)
            default: break
            }
        }
        }
        // Slot indices -> byte offsets happen at patch time (operand * 8).
        var jf = JFunction(name: f.name, insts: code, frameSlots: frameSlots, gatherBase: gatherBase)
        jf.blockStart = blockStart
        jf.homes = homes
        jf.slot = slot
        return jf
    }

    /// `s` for a constant the instruction can encode (0 <= k < 2^31, _JIT_SIMM),
    /// else `i` (a 64-bit immediate): the name token.
    func immediateForm(_ k: Int64) -> UInt64 { k >= 0 && k < 1 << 31 ? Tok.s : Tok.i }

    /// The first of the values cleared on edge k of block b (`ReferenceClears`), -1 none.
    func edgeClears(_ b: Block, _ k: Int) -> Int32 { clears.first(edge: ReferenceClears.edgeKey(b, k)) }

    /// The branch condition a compare computes, when a branch stencil can do
    /// the comparison itself: icmp, fcmp, and cmp of integers, bools or floats.
    func compareCond(_ inst: Inst) -> BranchCond? {
        guard case .cond(let cc) = inst.imm, true else { return nil }
        let ci = condIndexOf(cc)
        let kind = inst.args.first.map { f.type(of: $0).slotKind }
        if inst.op == .icmp || (inst.op == .cmp && (kind == .i64 || kind == .bool)) {
            if inst.op == .icmp, let k = Self.foldedOperand(inst.op, inst.args, constant, f) {
                return .icmpI(k == 1 ? ci : condSwapped[ci], inst.args[1 - k], constant[Int(inst.args[k].index)]!)
            }
            return .icmp(ci, inst.args[0], inst.args[1])
        }
        if inst.op == .fcmp || (inst.op == .cmp && kind == .f64) { return .fcmp(ci, inst.args[0], inst.args[1]) }
        return nil
    }

    /// A block that only branches on its one parameter (`b(p): brif p, T, E`,
    /// p used nowhere else, T and E without arguments): a predecessor can
    /// branch to T or E itself (jump threading), skipping the block.
    func threadable(_ b: Block) -> (t: BlockCall, e: BlockCall)? {
        let bd = f[b]
        guard bd.insts.isEmpty, bd.params.count == 1, case .brif(let c, let t, let e) = bd.terminator,
              c == bd.params[0], useCount[Int(c.index)] == 1, t.args.isEmpty, e.args.isEmpty else { return nil }
        return (t, e)
    }

    /// Follows an edge through threadable blocks while the value it passes is
    /// known: a boolean constant, or the branch condition `known` on this side.
    func resolve(_ bc: BlockCall, known: (Value, Bool)?) -> BlockCall {
        var bc = bc
        for _ in 0..<8 {
            guard let (t, e) = threadable(bc.block), let a = bc.args.first else { break }
            var value: Bool? = nil
            if let (k, v) = known, k == a { value = v }
            if value == nil, case .inst(let d) = f.valueDefs[Int(a.index)], f[d].op == .bconst,
               case .int(let x) = f[d].imm { value = x != 0 }
            guard let v = value else { break }
            bc = v ? t : e
        }
        return bc
    }

    /// A block whose whole work is its branch: a compare the branch fuses, or
    /// nothing before a branch on a value; both targets without arguments. A
    /// jump to it can test and branch itself (loop rotation: the back edge of a
    /// `for` or `while` loop tests the condition instead of jumping to it).
    func repeatableTest(_ b: Block) -> (cond: BranchCond, t: BlockCall, e: BlockCall)? {
        let bd = f[b]
        guard case .brif(let c, let t, let e) = bd.terminator, t.args.isEmpty, e.args.isEmpty,
              bd.insts.count <= 1 else { return nil }
        if let last = bd.insts.last {
            guard f[last].result == c, useCount[Int(c.index)] == 1, let cond = compareCond(f[last]) else { return nil }
            return (cond, t, e)
        }
        return (.value(c), t, e)
    }

    /// Branches to t when c holds, else to e (blocks without arguments),
    /// falling through into whichever is next.
    mutating func twoWay(_ c: BranchCond, _ t: BlockCall, _ e: BlockCall, next: Int) throws {
        if Int(t.block.index) == next {
            try branch(c, false, to: Int32(e.block.index))
        } else {
            try branch(c, true, to: Int32(t.block.index))
            if Int(e.block.index) != next {
                let at = try emit("jump")
                code[at].target = Int32(e.block.index)
            }
        }
    }

    mutating func branch(_ c: BranchCond, _ whenTrue: Bool, to block: Int32) throws {
        let at: Int
        switch c {
        case .value(let v):
            at = try emit(whenTrue ? "br_true_" : "br_false_", Tok.pack(L(v)), b: slotOf(v))
        case .icmp(let ci, let x, let y):
            at = try emit("br_icmp_", Tok.pack(Tok.cond(whenTrue ? ci : condInverse[ci]), Tok.underscore, L(x), L(y)),
                          b: slotOf(x), c: slotOf(y))
        case .icmpI(let ci, let x, let k):
            at = try emit("br_icmp_", Tok.pack(immediateForm(k), Tok.underscore, Tok.cond(whenTrue ? ci : condInverse[ci]),
                                                Tok.underscore, L(x)),
                          b: slotOf(x), imm: k)
        case .fcmp(let ci, let x, let y):
            // Not (x == y) is x != y, NaN included, and the other way round; the
            // orderings need the inverted-branch stencils.
            let prefix: StaticString = whenTrue || ci <= 1 ? "br_fcmp_" : "br_nfcmp_"
            let cc = whenTrue ? ci : ci <= 1 ? condInverse[ci] : ci
            at = try emit(prefix, Tok.pack(Tok.cond(cc), Tok.underscore, L(x), L(y)),
                          b: slotOf(x), c: slotOf(y))
        }
        code[at].target = block
    }

    /// The edge moves binding a block's parameters: a parallel copy between
    /// locations (a slot index >= 0, or -1 - home for a register), sequentialised
    /// with a temporary slot per cycle; parameters whose slots are read are then
    /// written through.
    mutating func edge(_ bc: BlockCall, next: Int, clearing dead: Int32 = -1) throws {
        let params = f[bc.block].params
        func place(_ v: Value) -> Int32 { isHomed(v) ? -1 - Int32(homes.home[Int(v.index)]) : slotOf(v) }
        func letter(_ l: Int32) -> UInt64 { l >= 0 ? Tok.m : Tok.location(Int8(-1 - l)) }
        // (The moves in the scratch's two arrays: an array of tuples costs a
        // run-time metadata lookup per array made.)
        let sc = ctx.scratch
        var dst = sc.moveDst, src = sc.moveSrc
        sc.moveDst = []; sc.moveSrc = []
        defer { sc.moveDst = dst; sc.moveSrc = src }
        // (Empty after the last edge's moves: no call to empty them then.)
        if !dst.isEmpty { dst.removeAll(keepingCapacity: true) }
        if !src.isEmpty { src.removeAll(keepingCapacity: true) }
        for (p, a) in zip(params, bc.args) where place(p) != place(a) {
            if !isHomed(a) { _ = s(a) }
            dst.append(place(p))
            src.append(place(a))
        }
        while !dst.isEmpty {
            // The first move whose destination no other move still reads.
            var ready = -1
            for i in dst.indices where !src.contains(dst[i]) { ready = i; break }
            if ready >= 0 {
                let d = dst.remove(at: ready), r = src.remove(at: ready)
                try emit("move_", Tok.pack(letter(d), letter(r)), a: max(d, 0), b: max(r, 0))
            } else {
                let t = nextSlot; nextSlot += 1
                let d = dst[0]
                try emit("move_m", Tok.pack(letter(d)), a: t, b: max(d, 0))
                for j in src.indices where src[j] == d { src[j] = t }
            }
        }
        for p in params where isHomed(p) {
            code[try emit("move_m", Tok.pack(L(p)), a: slotOf(p))].writeThrough = p.index
        }
        try clear(from: dead)
        let target = Int(bc.block.index)
        if target != next {
            if let (c, t, e) = repeatableTest(bc.block) {
                try twoWay(c, t, e, next: next)
            } else {
                let at = try emit("jump")
                code[at].target = Int32(target)
            }
        }
    }

    func kindOf(_ v: Value) -> Int32 { Int32(f.type(of: v).slotKind.rawValue) }
    /// A map<int, V>: the inline probe's stencils.
    func isIntKeyMap(_ v: Value) -> Bool {
        if case .map(let k, _) = f.type(of: v), k == .i64 { return true }
        return false
    }
    /// A list<bool> keeps one byte an element (MochiList): its own stencils.
    func isBoolList(_ v: Value) -> Bool {
        if case .list(let e) = f.type(of: v), e.slotKind == .bool { return true }
        return false
    }

    func groupItemKind(_ v: Value) -> Int32 {
        var kind: Int32? = nil
        for inst in f.insts where inst.op == .groupAdd && inst.args.count == 3 && inst.args[0] == v {
            let k = kindOf(inst.args[2])
            if kind == nil { kind = k } else if kind != k { return Int32(SlotKind.ref.rawValue) }
        }
        return kind ?? Int32(SlotKind.ref.rawValue)
    }

    /// The common shape: result in a, operands in b, c, d, all in slots.
    mutating func simple(_ prefix: StaticString, tokens: UInt64 = 0, _ inst: UnsafePointer<Inst>, kind: Int32 = 0, imm: Int64 = 0) throws {
        try simple(stencil: try stencil(prefix, tokens), inst, kind: kind, imm: imm)
    }

    mutating func simple(stencil: Int32, _ inst: UnsafePointer<Inst>, kind: Int32 = 0, imm: Int64 = 0) throws {
        let args = inst.pointee.args
        let at = try emit(stencil: stencil, a: inst.pointee.result.map { slotOf($0) } ?? 0,
                          b: args.count > 0 ? s(args[0]) : 0, c: args.count > 1 ? s(args[1]) : 0,
                          d: args.count > 2 ? s(args[2]) : 0, imm: imm)
        code[at].kind = kind
    }

    /// A register-aware stencil: `base` + "_" + the locations of l0, l1, l2
    /// (result first); operands a, b, c, d are the slots of result and arguments.
    @discardableResult
    mutating func aware(_ base: StaticString, _ inst: UnsafePointer<Inst>, _ l0: Value, _ l1: Value? = nil, _ l2: Value? = nil,
                        imm: Int64 = 0) throws -> Int {
        let tokens = Tok.pack(Tok.underscore, L(l0), l1.map { L($0) } ?? 0, l2.map { L($0) } ?? 0)
        let args = inst.pointee.args
        let at = try emit(base, tokens, a: inst.pointee.result.map { slotOf($0) } ?? 0,
                          b: args.count > 0 ? slotOf(args[0]) : 0, c: args.count > 1 ? slotOf(args[1]) : 0,
                          d: args.count > 2 ? slotOf(args[2]) : 0, imm: imm)
        if let r = inst.pointee.result, l0 == r { wroteHome = true }
        return at
    }

    /// The homed values live across instruction `id` (its result aside): what
    /// a clobbering stencil there must not lose.
    func homesLiveAcross(_ id: InstID, result: Value?, into out: inout [Value]) {
        if !out.isEmpty { out.removeAll(keepingCapacity: true) }
        if homes.homedCount == 0 { return }
        let p = homes.position(Int(id.index))
        // The result's own home is not kept: the instruction writes it (a
        // parameter the result was coalesced with shares it, RegisterHomes.swift).
        let written: Int8 = result.map { homes.home[Int($0.index)] } ?? -1
        let sc = ctx.scratch
        if p < sc.liveCursorAt { homes.resetCursor(sc.liveCursor) }
        sc.liveCursorAt = p
        homes.liveAcross(p, except: result, skipHome: written, cursor: sc.liveCursor, into: &out)
    }

    /// Removes the write-throughs of values whose slot no stencil reads, and
    /// renumbers what refers to instruction indices (block starts, targets
    /// given as `-2 - index`). Runs before the exit stubs are added.
    mutating func dropUnreadWriteThroughs() {
        // (Through the buffers: no closure call, uniqueness or bounds check per instruction.)
        let unread = code.withUnsafeBufferPointer { code in
            reads.read.withUnsafeBufferPointer { read in
                for k in code.indices where code[k].writeThrough >= 0 && !read[Int(code[k].writeThrough)] { return true }
                return false
            }
        }
        guard unread else { return }
        // newIndex[k]: where the first kept instruction at or after k lands.
        // The kept instructions are moved down within `code` (a kept one never
        // lands after where it was), and the index is the scratch's: no array
        // made per function.
        let sc = ctx.scratch
        var newIndex = sc.newIndex; sc.newIndex = []
        defer { sc.newIndex = newIndex }
        reset(&newIndex, code.count + 1, 0)
        let n = code.count
        var kept = 0
        // (All through buffers: a store into the array `newIndex` from the
        // closure checked its uniqueness per instruction.)
        reads.read.withUnsafeBufferPointer { read in
        newIndex.withUnsafeMutableBufferPointer { newIndex in
        code.withUnsafeMutableBufferPointer { code in
            guard let c = code.baseAddress, let ni = newIndex.baseAddress, let rd = read.baseAddress else { return }
            for k in 0..<n {
                ni[k] = Int32(kept)
                let wt = c[k].writeThrough
                if wt < 0 || rd[Int(wt)] {
                    if kept != k { (c + kept).update(from: c + k, count: 1) }
                    kept += 1
                }
            }
            ni[n] = Int32(kept)
        }
        }
        }
        code.removeLast(n - kept)
        newIndex.withUnsafeBufferPointer { newIndex in
            code.withUnsafeMutableBufferPointer { code in
                for k in code.indices where code[k].target <= -2 {
                    code[k].target = -2 - newIndex[Int(-2 - code[k].target)]
                }
            }
            blockStart.withUnsafeMutableBufferPointer { blockStart in
                for b in blockStart.indices where blockStart[b] >= 0 { blockStart[b] = newIndex[Int(blockStart[b])] }
            }
        }
    }

    /// Zeroes the slots of the dead references of one list of `clears`, from
    /// its entry `first` (-1: none) on, all but `except`.
    mutating func clear(from first: Int32, except: Value? = nil) throws {
        var e = first
        while e >= 0 {
            let v = clears.value(e)
            if v != except { try emit("const_m", a: slotOf(v), imm: 0) }
            e = clears.next(e)
        }
    }

    mutating func lowerInst(_ id: InstID, _ inst: UnsafePointer<Inst>) throws {
        wroteHome = false
        if inst.pointee.op != .call && inst.pointee.op != .callClosure { try clear(from: clears.first(at: Int(id.index))) }
        let start = code.count
        try lowerOp(id, inst)
        var clobbers = false
        if homes.homedCount > 0 {
            let stencils = ctx.stencils
            for k in start..<code.count where try stencils.clobbers(code[k].stencil) { clobbers = true; break }
        }
        if clobbers {
            // Homes live across a clobbering stencil: stored before, loaded after.
            // (Into the scratch's array: no array made per instruction.)
            let sc = ctx.scratch
            var live = sc.live; sc.live = []
            defer { sc.live = live }
            homesLiveAcross(id, result: inst.pointee.result, into: &live)
            if !live.isEmpty {
                code.insert(contentsOf: repeatElement(JInst(0, line: line), count: live.count), at: start)
                for (j, v) in live.enumerated() {
                    code[start + j].stencil = try stencil("move_m", Tok.pack(L(v)))
                    code[start + j].a = slotOf(v)
                    try emit("move_", Tok.pack(L(v), Tok.m), b: slotOf(v))
                }
            }
        }
        guard let r = inst.pointee.result, isHomed(r) else { return }
        if !wroteHome {
            try emit("move_", Tok.pack(L(r), Tok.m), a: 0, b: slotOf(r))   // load the home from the slot just written
        } else {
            code[try emit("move_m", Tok.pack(L(r)), a: slotOf(r))].writeThrough = r.index // write through
        }
    }

    mutating func lowerOp(_ id: InstID, _ inst: UnsafePointer<Inst>) throws {
        line = Int32(clamping: inst.pointee.loc.line)
        let a = inst.pointee.result.map { slotOf($0) } ?? 0
        let args = inst.pointee.args
        func arg(_ i: Int) -> Int32 { s(args[i]) }
        let r = inst.pointee.result
        switch inst.pointee.op {
        case .iconst, .bconst:
            if inst.pointee.op == .iconst, let r, elided[Int(r.index)] { return }
            guard case .int(let v) = inst.pointee.imm else { throw fail("\(inst.pointee.op.info.name) without an integer") }
            try aware(v >= 0 && v < 1 << 31 && inst.pointee.op == .iconst ? "const_s" : "const", inst, r!, imm: v)
        case .fconst:
            guard case .float(let bits) = inst.pointee.imm else { throw fail("fconst without a float") }
            try aware("const", inst, r!, imm: Int64(bitPattern: bits))
        case .null:
            try emit("const_m", a: a, imm: 0)
        case .sconst:
            guard case .string(let str) = inst.pointee.imm else { throw fail("sconst without a string") }
            try emit("load_abs_m", a: a, imm: ctx.stringSlot(str))
        case .copy:
            let cls = f.type(of: args[0]).slotKind
            if cls == .ref || (!isHomed(r!) && !isHomed(args[0])) {
                try emit("move_mm", a: a, b: arg(0))
            } else {
                try aware("move", inst, r!, args[0])
            }
        case .idiv, .irem, .iadd, .imul, .isub:
            let name: StaticString = inst.pointee.op == .iadd ? "iadd" : inst.pointee.op == .imul ? "imul" : inst.pointee.op == .isub ? "isub"
                : inst.pointee.op == .idiv ? "idiv" : "irem"
            if let k = Self.foldedOperand(inst.pointee.op, args, constant, f) {
                let x = args[1 - k]
                let y = constant[Int(args[k].index)]!
                if (inst.pointee.op == .idiv || inst.pointee.op == .irem) && y >= 2 {
                    let m = signedDivisionMagic(y)
                    let at = try emit(name, Tok.pack(Tok.underscore, m.multiplier < 0 ? Tok.ka : Tok.k, Tok.underscore, L(r!), L(x)),
                                      a: a, b: slotOf(x),
                                      imm: m.multiplier)
                    code[at].imm2 = y
                    code[at].n = m.shift
                } else {
                    let form = inst.pointee.op == .idiv || inst.pointee.op == .irem ? Tok.i : immediateForm(y)
                    try emit(name, Tok.pack(Tok.underscore, form, Tok.underscore, L(r!), L(x)), a: a, b: slotOf(x), imm: y)
                }
                wroteHome = true
            } else {
                try aware(name, inst, r!, args[0], args[1])
            }
        case .ineg, .not:
            try aware(inst.pointee.op == .ineg ? "ineg" : "not", inst, r!, args[0])
        case .icmp:
            guard case .cond(let cc) = inst.pointee.imm else { throw fail("icmp without a condition") }
            let ci = condIndexOf(cc)
            if let k = Self.foldedOperand(inst.pointee.op, args, constant, f) {
                let x = args[1 - k]
                let y = constant[Int(args[k].index)]!
                try emit("icmp_", Tok.pack(immediateForm(y), Tok.underscore, Tok.cond(k == 1 ? ci : condSwapped[ci]), Tok.underscore,
                                          Tok.m, L(x)), a: a, b: slotOf(x),
                         imm: constant[Int(args[k].index)]!)
            } else {
                try emit("icmp_", Tok.pack(Tok.cond(ci), Tok.underscore, Tok.m, L(args[0]), L(args[1])),
                         a: a, b: slotOf(args[0]), c: slotOf(args[1]))
            }
        case .fcmp:
            guard case .cond(let cc) = inst.pointee.imm else { throw fail("fcmp without a condition") }
            try emit("fcmp_", Tok.pack(Tok.cond(condIndexOf(cc)), Tok.underscore, Tok.m, L(args[0]), L(args[1])),
                     a: a, b: slotOf(args[0]), c: slotOf(args[1]))
        case .fadd, .fsub, .fmul, .fdiv:
            let name: StaticString = inst.pointee.op == .fadd ? "fadd" : inst.pointee.op == .fsub ? "fsub" : inst.pointee.op == .fmul ? "fmul" : "fdiv"
            try aware(name, inst, r!, args[0], args[1])
        case .fneg:
            try aware("fneg", inst, r!, args[0])
        case .itof, .ftoi:
            try aware(inst.pointee.op == .itof ? "itof" : "ftoi", inst, r!, args[0])
        case .math1, .math2:
            let arity = inst.pointee.op == .math1 ? 1 : 2
            guard case .string(let name) = inst.pointee.imm, let c = libmName(name, arity: arity) else {
                throw fail("\(inst.pointee.op.info.name): unknown math function \(inst.pointee.imm)")
            }
            if c == "sqrt" { try aware("sqrt", inst, r!, args[0]); return }
            guard let addr = mochi_jit_symbol(c) else { throw fail("no libm function \(c)") }
            let at = arity == 1 ? try aware("math1", inst, r!, args[0])
                                : try emit("math2", a: a, b: arg(0), c: arg(1))
            code[at].fn = Int64(Int(bitPattern: addr))

        case .call:
            guard case .function(let name) = inst.pointee.imm, let fi = ctx.symbols.functions[name] else {
                throw fail("call of unknown function \(inst.pointee.imm)")
            }
            for (k, v) in args.enumerated() { try moveOut(v, to: Int32(k), aBase: 2) }
            try clear(from: clears.first(at: Int(id.index))) // after the arguments are copied
            let check = try emit("call_check")
            code[check].callee = Int32(fi)
            code[check].n = Int32(clamping: ctx.maxDepth)
            let at: Int
            if let r {
                at = try emit("call_", Tok.pack(L(r)), a: a)
                wroteHome = true
            } else {
                at = try emit("call_void")
            }
            code[at].callee = Int32(fi)
        case .callClosure:
            try gather(args[1...])
            try clear(from: clears.first(at: Int(id.index)), except: args[0])
            let at = try emit(inst.pointee.result == nil ? "call_closure_void" : "call_closure", a: a, b: arg(0))
            code[at].n = Int32(args.count - 1)
            try clearGather(args[1...])
        case .closureNew:
            guard case .function(let name) = inst.pointee.imm, let fi = ctx.symbols.functions[name] else {
                throw fail("closure of unknown function \(inst.pointee.imm)")
            }
            let kinds = UnsafeMutableRawPointer.allocate(byteCount: max(args.count, 1), alignment: 1)
            for (i, v) in args.enumerated() { kinds.storeBytes(of: UInt8(kindOf(v)), toByteOffset: i, as: UInt8.self) }
            let kindsAddress = ctx.bytes(kinds, max(args.count, 1))
            try gather(args[...])
            let at = try emit("closure_new", a: a, imm: kindsAddress)
            code[at].n = Int32(args.count)
            code[at].imm2 = Int64(fi)
            try clearGather(args[...])

        case .fieldGet, .fieldSet:
            guard case .field(let fr) = inst.pointee.imm else { throw fail("\(inst.pointee.op.info.name) without a field") }
            guard ctx.descriptor(fr.typeName, fr.variant) != nil else { throw fail("no type %\(fr.typeName)") }
            _ = s(args[0])
            let at = inst.pointee.op == .fieldGet ? try aware("field_get", inst, r!)
                                          : try aware("field_set", inst, args[1])
            code[at].n = Int32(MemoryLayout<MochiStruct>.size) + 8 * fr.field
            code[at].imm = Int64(fr.field)
        case .listGet:
            _ = s(args[0])
            try aware(isBoolList(args[0]) ? "listb_get" : "list_get", inst, r!, args[1])
        case .listSet:
            _ = s(args[0])
            try aware(isBoolList(args[0]) ? "listb_set" : "list_set", inst, args[1], args[2])
        case .listLen:
            _ = s(args[0])
            try aware("list_len", inst, r!)
        // Maps with int keys: the probe inline (map_*_i stencils).
        case .mapGet where isIntKeyMap(args[0]):
            _ = s(args[0])
            try aware("map_get_i", inst, r!, args[1])
        case .mapHas where isIntKeyMap(args[0]):
            _ = s(args[0])
            try aware("map_has_i", inst, r!, args[1])
        case .mapSet where isIntKeyMap(args[0]):
            _ = s(args[0])
            try aware("map_set_i", inst, args[1], args[2])
        case .listPush:
            _ = s(args[0])
            let at = try aware(isBoolList(args[0]) ? "listb_push" : "list_push", inst, args[1])
            // The element kind, for the slow path: an empty list made from nil has none.
            if case .list(let e) = f.type(of: args[0]) { code[at].kind = Int32(e.slotKind.rawValue) }
        case .variantTag:
            _ = s(args[0])
            try aware("variant_tag", inst, r!)
        case .globalGet, .globalSet:
            guard case .global(let name) = inst.pointee.imm, let gi = ctx.symbols.globals[name] else {
                throw fail("unknown global \(inst.pointee.imm)")
            }
            if inst.pointee.op == .globalGet { try aware("load_abs", inst, r!, imm: ctx.globalSlot(gi)) }
            else { try aware("store_abs", inst, args[0], imm: ctx.globalSlot(gi)) }

        case .box, .tostr, .fmt, .tojson, .json:
            try simple(stencil: ctx.stencils.opStencil(inst.pointee.op, 0), inst, kind: kindOf(args[0]))
        case .cmp:
            guard case .cond(let cc) = inst.pointee.imm else { throw fail("cmp without a condition") }
            let cn = Tok.cond(condIndexOf(cc))
            switch f.type(of: args[0]).slotKind {
            case .i64, .bool:
                try emit("icmp_", Tok.pack(cn, Tok.underscore, Tok.m, L(args[0]), L(args[1])),
                         a: a, b: slotOf(args[0]), c: slotOf(args[1]))
            case .f64:
                try emit("fcmp_", Tok.pack(cn, Tok.underscore, Tok.m, L(args[0]), L(args[1])),
                         a: a, b: slotOf(args[0]), c: slotOf(args[1]))
            case .ref: try simple("cmp_ref_", tokens: Tok.pack(cn), inst, kind: kindOf(args[0]))
            }
        case .anyCmp:
            guard case .cond(let cc) = inst.pointee.imm else { throw fail("any.cmp without a condition") }
            try simple("any_cmp_", tokens: Tok.pack(Tok.cond(condIndexOf(cc))), inst)
        case .anyField:
            guard case .string(let name) = inst.pointee.imm else { throw fail("any.field without a name") }
            try simple("any_field", inst, imm: ctx.cString(name))
        case .unbox:
            guard let r = inst.pointee.result else { throw fail("unbox without a result") }
            let t = f.type(of: r)
            var check: Int32 = 0
            var imm: Int64 = 0
            switch t {
            case .str: check = 1
            case .list(let e): check = 2; imm = Int64(e.slotKind.rawValue)
            case .map(let k, let v): check = 3; imm = Int64(k.slotKind.rawValue) | Int64(v.slotKind.rawValue) << 8
            case .named(let n): check = 4; imm = ctx.cString(n)
            case .fn: check = 5
            case .bigint: check = 6
            case .bigrat: check = 7
            default: break
            }
            if t.slotKind == .ref {
                try simple("unbox_ref", inst, imm: imm)
                code[code.count - 1].kind2 = check
            } else {
                try simple("unbox", inst, kind: Int32(t.slotKind.rawValue))
            }
        case .listNew:
            guard let r = inst.pointee.result, case .list(let e) = f.type(of: r) else { throw fail("list.new without a list type") }
            try gather(args[...])
            let at = try emit("list_new", a: a)
            code[at].kind = Int32(e.slotKind.rawValue)
            code[at].n = Int32(args.count)
            try clearGather(args[...])
        case .listAppend:
            // The element kind, for a nil list (a missing map key), which has none.
            guard let r = inst.pointee.result, case .list(let e) = f.type(of: r) else { throw fail("list.append without a list type") }
            try simple("list_append", inst, kind: Int32(e.slotKind.rawValue))
        case .listSum:
            guard case .list(let e) = f.type(of: args[0]) else { throw fail("list.sum of a non-list") }
            switch e.slotKind {
            case .i64: try simple("list_sum_i64", inst)
            case .f64: try simple("list_sum_f64", inst)
            default: try simple("list_sum_any", inst)
            }
        case .mapNew:
            guard let r = inst.pointee.result, case .map(let k, let v) = f.type(of: r) else { throw fail("map.new without a map type") }
            try gather(args[...])
            let at = try emit("map_new", a: a)
            code[at].kind = Int32(k.slotKind.rawValue)
            code[at].kind2 = Int32(v.slotKind.rawValue)
            code[at].n = Int32(args.count)
            try clearGather(args[...])
        case .structNew, .recordNew, .variantNew:
            let desc: Int64?
            if inst.pointee.op != .variantNew {
                guard let r = inst.pointee.result, case .named(let n) = f.type(of: r) else { throw fail("\(inst.pointee.op.info.name) without a struct type") }
                desc = ctx.descriptor(n, inst.pointee.op == .recordNew ? anonymousDescriptor : -1)
            } else {
                guard case .variant(let vr) = inst.pointee.imm else { throw fail("variant.new without a variant") }
                desc = ctx.descriptor(vr.typeName, vr.variant)
            }
            guard let desc else { throw fail("\(inst.pointee.op.info.name) of an unknown type") }
            try gather(args[...])
            try emit("struct_new", a: a, imm: desc)
            try clearGather(args[...])
        case .bigFromInt, .bigFromFloat, .bigFromStr, .bigAdd, .bigSub, .bigMul, .bigDiv, .bigNeg, .bigAbs, .bigPow:
            // The result type picks the bigint or the bigrat stencil.
            guard let r else { throw fail("\(inst.pointee.op.info.name) without a result") }
            try simple(stencil: ctx.stencils.opStencil(inst.pointee.op, f.type(of: r) == .bigrat ? 1 : 0), inst)
        case .bigToInt, .bigToFloat:
            try simple(stencil: ctx.stencils.opStencil(inst.pointee.op, f.type(of: args[0]) == .bigrat ? 1 : 0), inst)
        case .bigCmp:
            guard case .cond(let cc) = inst.pointee.imm else { throw fail("big.cmp without a condition") }
            let prefix: StaticString = f.type(of: args[0]) == .bigrat ? "rat_cmp_" : "big_cmp_"
            try simple(prefix, tokens: Tok.pack(Tok.cond(condIndexOf(cc))), inst)
        case .groupNew:
            try simple("group_new", inst, kind: inst.pointee.result.map { groupItemKind($0) } ?? Int32(SlotKind.ref.rawValue))
        case .groupAdd:
            let itemKind = kindOf(args[2])
            var builderKind = Int32(SlotKind.ref.rawValue)
            if case .inst(let def) = f.valueDefs[Int(args[0].index)], f[def].op == .groupNew {
                builderKind = groupItemKind(args[0])
            }
            try simple(builderKind != itemKind ? "group_add_boxed" : "group_add", inst, kind: itemKind)
        default:
            try simple(stencil: ctx.stencils.opStencil(inst.pointee.op, 0), inst)
        }
    }
}
