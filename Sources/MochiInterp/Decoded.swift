// The interpreter's pre-decoded form of IR functions. Each function is decoded once,
// at load time, into a flat array of fixed-size 32-byte records (`DInst`) whose
// operands are frame-slot indices and whose branch targets are instruction indices;
// block parameters become plain moves on the edges that pass them. The dispatch
// loop then never looks at the IR again: no dictionaries, no Swift arrays, no enums
// with payloads, just a switch over a one-byte opcode and loads/stores of 8-byte
// slots relative to the frame pointer.
//
// Ops the loop executes inline (arithmetic, comparisons, branches, calls, the common
// list/struct/global accesses) have their own `DOp`; everything that is a runtime
// call anyway goes through `DOp.complex`, whose `sub` byte is the IR opcode, so the
// hot function stays small and its machine frame shallow (it recurses per call).

import MochiIR

/// Decoded opcodes. Fused forms exist for what kernels do in their inner loops:
/// compare-and-branch (`brIcmp*`), and integer ops with a constant operand (`*I`).
enum DOp: UInt8 {
    // Control flow. Targets are in `d`.
    case jump           // goto d
    /// goto d along a loop's back edge, counted for tiering up and on-stack
    /// replacement (Tiering.swift); only a tiered run's decoding has it
    /// (Decoder.countsBackEdges), so no other branch pays for counting.
    case loopJump
    /// Where a contained run looks whether to stop (mochi_rt_contained_poll): at
    /// function entry and before each loop back edge, in a contained run's
    /// decoding only (Decoder.polls).
    case poll
    case brTrue         // if slot b != 0 goto d
    case brFalse        // if slot b == 0 goto d
    case ret            // return slot b
    case retVoid        // return 0
    case unreachable    // runtime error: control reached an unreachable terminator
    case move           // a = b
    /// Zero the d slots listed in the operand table from c: references no later
    /// instruction reads, so the collector does not keep them alive (Liveness.swift).
    case clear

    // Constants: a = imm (sconst: a = the module's string pool entry imm).
    case iconst, sconst

    // Checked integer arithmetic: a = b op c (the I forms: a = b op imm).
    case iadd, isub, imul, idiv, irem, ineg
    case iaddI, isubI, imulI

    // Integer comparison to a bool: a = b cond c (I forms: b cond imm).
    case icmpEq, icmpNe, icmpLt, icmpLe, icmpGt, icmpGe
    case icmpEqI, icmpNeI, icmpLtI, icmpLeI, icmpGtI, icmpGeI
    // Fused compare and branch: if b cond c goto d (I forms: b cond imm).
    case brIcmpEq, brIcmpNe, brIcmpLt, brIcmpLe, brIcmpGt, brIcmpGe
    case brIcmpEqI, brIcmpNeI, brIcmpLtI, brIcmpLeI, brIcmpGtI, brIcmpGeI
    case not

    // IEEE float arithmetic and comparisons (fdiv/frem trap on a zero divisor).
    case fadd, fsub, fmul, fdiv, frem, fneg
    case fcmpEq, fcmpNe, fcmpLt, fcmpLe, fcmpGt, fcmpGe
    // Fused float compare and branch, in both polarities (NaN makes `!(a < b)`
    // differ from `a >= b`, so the false form cannot be an inverted condition).
    case brFcmpEq, brFcmpNe, brFcmpLt, brFcmpLe, brFcmpGt, brFcmpGe
    case brNFcmpEq, brNFcmpNe, brNFcmpLt, brNFcmpLe, brNFcmpGt, brNFcmpGe
    case itof, ftoi
    case math1, math2   // sub = MathFn

    // Calls: a = result slot (-1: none); b = callee function index (call) or the
    // closure slot (callClosure); c = start of the argument slots in the function's
    // operand table; d = argument count; imm = the caller's slots cleared once the
    // arguments are copied (Decoder.callClears gives the encoding).
    case call, callClosure

    // Inline fast paths over the runtime's public object layouts.
    case listGet        // a = list b [c]
    case listSet        // list b [c] = d
    case listGetB       // listGet of a list<bool> (one byte an element)
    case listSetB       // listSet of a list<bool>
    case listLen        // a = len(list b)
    case fieldGet       // a = struct b .f[imm]
    case fieldSet       // struct b .f[imm] = c
    case globalGet      // a = globals[imm]
    case globalSet      // globals[imm] = b

    /// Any other IR op: `sub` is the `Opcode` raw value; a = result, b/c/d = operands
    /// (or c = operand-table start and d = count for variadic ops); `kind` and `imm`
    /// carry what the op needs (slot kinds, conditions, descriptor indices...).
    case complex
}

/// One decoded instruction: 32 bytes, so two share a cache line.
struct DInst {
    var op: DOp
    /// A runtime slot kind (MochiSlotKind raw value) the op needs, when it needs one.
    var kind: UInt8 = 0
    /// Sub-opcode: the IR opcode of a complex op, or the MathFn of math1/math2.
    var sub: UInt8 = 0
    /// A second kind for the few ops that need two (map.new: value kind).
    var kind2: UInt8 = 0
    /// Source line for runtime errors (0: unknown).
    var line: Int32 = 0
    var a: Int32 = -1
    var b: Int32 = 0
    var c: Int32 = 0
    var d: Int32 = 0
    var imm: Int64 = 0

    init(_ op: DOp, line: Int32) { self.op = op; self.line = line }
}

/// One decoded function: the instruction array and the operand table, owned by
/// the program (freed in `DecodedProgram.deinit`), plus its frame shape.
struct DFunc {
    var code: UnsafeMutablePointer<DInst>
    var codeCount: Int
    /// Operand slot indices of variadic instructions (calls, list.new, ...).
    var operands: UnsafeMutablePointer<Int32>
    /// Slots in one frame: every SSA value, then edge-move temporaries.
    var frameSize: Int
    /// Parameters occupy slots 0 ..< paramCount.
    var paramCount: Int
    var returnsValue: Bool
    /// Start of the scratch slots where variadic ops gather their operands.
    var gatherBase: Int
}

/// The libm functions `math1`/`math2` may name (the immediate's text).
enum MathFn: UInt8 {
    case sqrt, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, log2, log10
    case floor, ceil, fabs, round, trunc, cbrt, expm1, log1p
    case pow, atan2, fmod, hypot, fmin, fmax

    static func named(_ s: String, arity: Int) -> MathFn? {
        let one: [String: MathFn] = [
            "sqrt": .sqrt, "sin": .sin, "cos": .cos, "tan": .tan, "asin": .asin, "acos": .acos,
            "atan": .atan, "sinh": .sinh, "cosh": .cosh, "tanh": .tanh, "exp": .exp, "log": .log,
            "log2": .log2, "log10": .log10, "floor": .floor, "ceil": .ceil, "fabs": .fabs,
            "abs": .fabs, "round": .round, "trunc": .trunc, "cbrt": .cbrt, "expm1": .expm1,
            "log1p": .log1p,
        ]
        let two: [String: MathFn] = [
            "pow": .pow, "atan2": .atan2, "fmod": .fmod, "mod": .fmod, "hypot": .hypot,
            "min": .fmin, "fmin": .fmin, "max": .fmax, "fmax": .fmax,
        ]
        return arity == 1 ? one[s] : two[s]
    }
}
