// Common subexpression elimination: an instruction that computes what an instruction
// dominating it already computed (same opcode, same operands, same immediate) is
// deleted, and its uses read the earlier result. `(i + j) * (i + j + 1)` computes and
// checks `i + j` once.
//
// Requires: a valid function.
// Establishes: a valid function in which no reachable instruction of the kinds below
// is dominated by an equal one (operands compared after earlier replacements, and
// in either order for iadd, imul, fadd, fmul and the symmetric comparisons).
//
// Which instructions: those whose result depends on nothing but their operands and
// immediate, and which do nothing but compute it or stop the program with a runtime
// error: constants, integer and float arithmetic (iadd ... ineg, fadd ... fneg),
// comparisons, not, itof, ftoi and the libm calls. Memory reads, allocations, calls
// and everything with an effect are left alone.
//
// Why deleting a trapping one is sound: it is dominated by an equal instruction,
// so whenever it runs the earlier one ran before it with the same operand values. If
// that one trapped, control never got here; if it did not, this one would not trap
// either and computes the same value. Scopes follow the dominator tree (Cooper,
// Harvey and Kennedy's iterative algorithm over the reverse postorder), so an
// instruction is only ever replaced by one whose block dominates its own, or by an
// earlier one in the same block.

import MochiIR

public struct CommonSubexpressions: FunctionPass {
    public let name = "cse"
    public init() {}

    private struct Key: Hashable {
        var op: Opcode
        var args: [Value]
        var imm: Immediate
    }

    static func isCandidate(_ op: Opcode) -> Bool {
        switch op {
        case .iconst, .fconst, .bconst, .iadd, .isub, .imul, .idiv, .irem, .ineg, .icmp, .not,
             .fadd, .fsub, .fmul, .fdiv, .frem, .fneg, .fcmp, .itof, .ftoi, .math1, .math2:
            return true
        default:
            return false
        }
    }

    public func run(on f: Function) -> Bool {
        let rpo = f.reversePostorder()
        if rpo.isEmpty { return false }
        let nb = f.blocks.count
        var order: [Int] = Array(repeatElement(-1, count: nb)) // block index -> rpo position
        for (i, b) in rpo.enumerated() { order[Int(b.index)] = i }
        var preds: [[Int]] = Array(repeatElement([], count: rpo.count)) // by rpo position
        for (i, b) in rpo.enumerated() {
            let (s0, s1) = f.successorIndices(Int(b.index))
            if s0 >= 0, order[Int(s0)] >= 0 { preds[order[Int(s0)]].append(i) }
            if s1 >= 0, s1 != s0, order[Int(s1)] >= 0 { preds[order[Int(s1)]].append(i) }
        }
        let idom = immediateDominators(preds: preds)
        var children: [[Int]] = Array(repeatElement([], count: rpo.count))
        for p in 1..<rpo.count where idom[p] >= 0 { children[idom[p]].append(p) }

        var repl = ValueReplacements(count: f.valueTypes.count)
        var table: [Key: Value] = [:]
        var any = false
        // Preorder walk of the dominator tree; `undo` lists the keys each block added.
        var stack: [(pos: Int, entered: Bool)] = [(0, false)]
        var undo: [[Key]] = Array(repeatElement([], count: rpo.count))
        while let (p, entered) = stack.popLast() {
            if entered {
                for k in undo[p] { table[k] = nil }
                continue
            }
            stack.append((p, true))
            let bi = Int(rpo[p].index)
            var kept: [InstID] = []
            kept.reserveCapacity(f.blocks[bi].insts.count)
            for id in f.blocks[bi].insts {
                let i = Int(id.index)
                let op = f.insts[i].op
                guard CommonSubexpressions.isCandidate(op), let r = f.insts[i].result else {
                    kept.append(id)
                    continue
                }
                var args = f.insts[i].args.map { repl.resolve($0) }
                var imm = f.insts[i].imm
                if args.count == 2 && args[1].index < args[0].index {
                    switch op {
                    case .iadd, .imul, .fadd, .fmul:
                        args.swapAt(0, 1)
                    case .icmp, .fcmp:
                        if case .cond(let c) = imm {
                            args.swapAt(0, 1)
                            imm = .cond(CommonSubexpressions.swapped(c))
                        }
                    default: break
                    }
                }
                let key = Key(op: op, args: args, imm: imm)
                if let earlier = table[key], f.type(of: earlier) == f.type(of: r) {
                    repl.replace(r, with: earlier)
                    any = true
                } else {
                    table[key] = r
                    undo[p].append(key)
                    kept.append(id)
                }
            }
            if kept.count != f.blocks[bi].insts.count { f.blocks[bi].insts = kept }
            for c in children[p].reversed() { stack.append((c, false)) }
        }
        if !any { return false }
        f.applyReplacements(&repl)
        return true
    }

    /// The condition that holds for (b, a) exactly when c holds for (a, b).
    static func swapped(_ c: CondCode) -> CondCode {
        switch c {
        case .eq: return .eq
        case .ne: return .ne
        case .lt: return .gt
        case .gt: return .lt
        case .le: return .ge
        case .ge: return .le
        }
    }
}
