// Constant folding: an instruction whose operands are all constants and whose result
// the compiler can compute exactly as the runtime would is rewritten, in place, into
// a constant instruction defining the same value; a `brif` on a constant condition
// becomes a `jump`.
//
// Requires: a valid function.
// Establishes: a valid function in which no foldable instruction has only constant
// operands (operands are visited in reverse postorder, so chains fold in one run)
// and no reachable `brif` tests a constant. Blocks a folded branch no longer reaches
// stay in the layout for SimplifyCFG to remove.
//
// Folding never changes what a program does: an operation that would stop the
// program at run time (integer overflow, zero divisor, min / -1, negating the
// minimum) is left alone so the runtime error still happens. Float folds whose result
// is a NaN are left to the runtime too, because the NaN bit pattern produced by an
// operation differs between targets (x86 and Wasm disagree), and the rule here is
// bit-exact agreement with every backend. Integer / and % truncate toward zero, as in
// Go and in the runtime (mochi_i64_div / mochi_i64_rem, where x % -1 is 0).

import MochiIR

public struct ConstantFolding: FunctionPass {
    public let name = "constfold"
    public init() {}

    public func run(on f: Function) -> Bool {
        // Most functions have nothing to fold after the first run; a layout scan that
        // allocates nothing finds that out before the reverse postorder is built.
        // Folding only starts from an instruction or branch whose operands are already
        // constants, so when there is none the run below would change nothing.
        if !hasFoldCandidate(f) { return false }
        var changed = false
        // Reverse postorder sees a definition before its uses, so a folded result
        // feeds the folds downstream in the same run. Unreachable blocks follow in
        // layout order only so that the run is complete and deterministic.
        var order = f.reversePostorder()
        if order.count != f.layout.count {
            let live = f.reachableBlocks()
            order += f.layout.filter { !live[Int($0.index)] }
        }
        for b in order {
            for id in f.blocks[Int(b.index)].insts {
                if let (op, imm) = ConstantFolding.fold(f.insts[Int(id.index)], in: f) {
                    f.insts[Int(id.index)].op = op
                    f.insts[Int(id.index)].imm = imm
                    f.insts[Int(id.index)].args = []
                    changed = true
                }
            }
            if case .brif(let c, let t, let e) = f.blocks[Int(b.index)].terminator,
               case .bool(let taken)? = ConstantFolding.constant(c, in: f) {
                f.blocks[Int(b.index)].terminator = .jump(taken ? t : e)
                changed = true
            }
        }
        return changed
    }

    /// True when some laid-out instruction has a foldable opcode and only constant
    /// operands, or some `brif` tests a constant: a necessary condition for `run` to
    /// change anything (the fold itself may still decline, e.g. on overflow).
    private func hasFoldCandidate(_ f: Function) -> Bool {
        func isConstant(_ v: Value) -> Bool {
            guard case .inst(let id) = f.valueDefs[Int(v.index)] else { return false }
            switch f.insts[Int(id.index)].op {
            case .iconst, .fconst, .bconst, .sconst, .null: return true
            default: return false
            }
        }
        for b in f.layout {
            for id in f.blocks[Int(b.index)].insts {
                let i = Int(id.index)
                switch f.insts[i].op {
                case .copy, .iadd, .isub, .imul, .idiv, .irem, .ineg, .icmp, .not,
                     .fadd, .fsub, .fmul, .fdiv, .frem, .fneg, .fcmp, .itof, .strConcat, .strLen:
                    if f.insts[i].result != nil, !f.insts[i].args.isEmpty,
                       f.insts[i].args.allSatisfy(isConstant) { return true }
                default:
                    continue
                }
            }
            if case .brif(let c, _, _) = f.blocks[Int(b.index)].terminator, isConstant(c) { return true }
        }
        return false
    }

    /// A compile-time value of a constant instruction.
    enum Constant {
        case int(Int64)
        case float(Double)
        case bool(Bool)
        case string(String)
        case null
    }

    /// The constant `v` holds, when it is defined by a constant instruction.
    static func constant(_ v: Value, in f: Function) -> Constant? {
        guard case .inst(let id) = f.valueDefs[Int(v.index)] else { return nil }
        let inst = f.insts[Int(id.index)]
        switch (inst.op, inst.imm) {
        case (.iconst, .int(let x)): return .int(x)
        case (.fconst, .float(let bits)): return .float(Double(bitPattern: bits))
        case (.bconst, .int(let x)): return .bool(x != 0)
        case (.sconst, .string(let s)): return .string(s)
        case (.null, _): return .null
        default: return nil
        }
    }

    /// The constant instruction (opcode and immediate) that computes `c`.
    static func materialize(_ c: Constant) -> (Opcode, Immediate) {
        switch c {
        case .int(let x): return (.iconst, .int(x))
        case .float(let d): return (.fconst, .float(d.bitPattern))
        case .bool(let b): return (.bconst, .int(b ? 1 : 0))
        case .string(let s): return (.sconst, .string(s))
        case .null: return (.null, .none)
        }
    }

    /// The constant instruction `inst` can be replaced by, or nil when it must stay.
    static func fold(_ inst: Inst, in f: Function) -> (Opcode, Immediate)? {
        guard inst.result != nil, !inst.args.isEmpty else { return nil }
        switch inst.op {
        case .copy, .iadd, .isub, .imul, .idiv, .irem, .ineg, .icmp, .not,
             .fadd, .fsub, .fmul, .fdiv, .frem, .fneg, .fcmp, .itof, .strConcat, .strLen:
            break
        default:
            return nil
        }
        var operands: [Constant] = []
        operands.reserveCapacity(inst.args.count)
        for a in inst.args {
            guard let c = constant(a, in: f) else { return nil }
            operands.append(c)
        }
        guard let result = evaluate(inst.op, inst.imm, operands) else { return nil }
        return materialize(result)
    }

    /// What the runtime computes for `op` on constant operands, or nil when it would
    /// trap, when the result is not reproducible bit for bit, or when the operands do
    /// not have the shapes the opcode table promises (a malformed input is left for
    /// the verifier to report rather than folded).
    static func evaluate(_ op: Opcode, _ imm: Immediate, _ xs: [Constant]) -> Constant? {
        switch (op, xs.count) {
        case (.copy, 1):
            return xs[0]
        case (.iadd, 2), (.isub, 2), (.imul, 2), (.idiv, 2), (.irem, 2):
            guard case .int(let a) = xs[0], case .int(let b) = xs[1] else { return nil }
            return foldInt(op, a, b).map { .int($0) }
        case (.ineg, 1):
            guard case .int(let a) = xs[0], a != .min else { return nil }
            return .int(-a)
        case (.icmp, 2):
            guard case .cond(let cc) = imm else { return nil }
            switch (xs[0], xs[1]) {
            case (.int(let a), .int(let b)): return .bool(compare(cc, a, b))
            // Booleans compare as the integers 0 and 1, as the runtime stores them.
            case (.bool(let a), .bool(let b)): return .bool(compare(cc, a ? 1 : 0, b ? 1 : 0))
            default: return nil
            }
        case (.not, 1):
            guard case .bool(let a) = xs[0] else { return nil }
            return .bool(!a)
        case (.fadd, 2), (.fsub, 2), (.fmul, 2), (.fdiv, 2), (.frem, 2):
            guard case .float(let a) = xs[0], case .float(let b) = xs[1] else { return nil }
            let r: Double
            switch op {
            case .fadd: r = a + b
            case .fsub: r = a - b
            case .fmul: r = a * b
            case .fdiv:
                guard b != 0 else { return nil }  // -0.0 too: the runtime tests b == 0.0
                r = a / b
            default:
                guard b != 0 else { return nil }
                r = a.truncatingRemainder(dividingBy: b)  // C fmod, exact
            }
            return r.isNaN ? nil : .float(r)
        case (.fneg, 1):
            // A sign-bit flip on every target, NaNs included.
            guard case .float(let a) = xs[0] else { return nil }
            return .float(Double(bitPattern: a.bitPattern ^ (1 << 63)))
        case (.fcmp, 2):
            guard case .cond(let cc) = imm, case .float(let a) = xs[0], case .float(let b) = xs[1] else { return nil }
            // Ordered comparisons: with a NaN operand only `ne` holds, as in C.
            switch cc {
            case .eq: return .bool(a == b)
            case .ne: return .bool(a != b)
            case .lt: return .bool(a < b)
            case .le: return .bool(a <= b)
            case .gt: return .bool(a > b)
            case .ge: return .bool(a >= b)
            }
        case (.itof, 1):
            // Round to nearest even, like the C conversion the runtime performs.
            guard case .int(let a) = xs[0] else { return nil }
            return .float(Double(a))
        case (.strConcat, 2):
            guard case .string(let a) = xs[0], case .string(let b) = xs[1] else { return nil }
            return .string(a + b)
        case (.strLen, 1):
            guard case .string(let a) = xs[0] else { return nil }
            return .int(Int64(a.unicodeScalars.count))
        default:
            return nil
        }
    }

    /// Checked integer arithmetic: nil exactly when the runtime would stop.
    static func foldInt(_ op: Opcode, _ a: Int64, _ b: Int64) -> Int64? {
        switch op {
        case .iadd:
            let (r, o) = a.addingReportingOverflow(b)
            return o ? nil : r
        case .isub:
            let (r, o) = a.subtractingReportingOverflow(b)
            return o ? nil : r
        case .imul:
            let (r, o) = a.multipliedReportingOverflow(by: b)
            return o ? nil : r
        case .idiv:
            if b == 0 || (a == .min && b == -1) { return nil }
            return a / b
        case .irem:
            if b == 0 { return nil }
            // The runtime answers 0 for any x % -1 (so min % -1 does not trap).
            return b == -1 ? 0 : a % b
        default:
            return nil
        }
    }

    static func compare(_ cc: CondCode, _ a: Int64, _ b: Int64) -> Bool {
        switch cc {
        case .eq: return a == b
        case .ne: return a != b
        case .lt: return a < b
        case .le: return a <= b
        case .gt: return a > b
        case .ge: return a >= b
        }
    }
}
