// Loop-invariant code motion: a computation inside a loop whose operands are all
// defined outside it (or by computations already moved out) is moved to the end of
// the loop's preheader and computed once. `for i in 0..n { s = s + x * y }` computes
// `x * y` (floats) once.
//
// Requires: a valid function.
// Establishes: a valid function in which no instruction of the kinds below, inside
// a loop with a preheader, has all its operands defined outside that loop.
//
// Which instructions: only those that can neither trap nor touch memory and whose
// result depends on nothing but their operands and immediate: constants, float
// arithmetic (fadd, fsub, fmul, fneg), comparisons (icmp, fcmp), not, itof and the
// libm calls. Trapping ops (int arithmetic, fdiv) stay: moved out of a loop that
// runs zero times they would stop a program that does not stop.
//
// Loops are natural loops: a back edge t -> h where h dominates t (dominators by
// Cooper, Harvey and Kennedy's iterative algorithm); the body is h plus every block
// that reaches t without passing h. The preheader is h's one predecessor outside
// the body when that block jumps to h and nowhere else; loops without one are left
// alone. Why moving is sound: an operand defined outside the body dominates its use
// in it, so it dominates the preheader (every path to the use passes the
// preheader's edge into h), and the moved instruction computes the same value
// there; having no effect, computing it when the loop body would not run is unseen.
// Inner loops are handled before the loops around them, so a computation can move
// out of several levels, one per loop.

import MochiIR

public struct LoopInvariantCodeMotion: FunctionPass {
    public let name = "licm"
    public init() {}

    static func isMovable(_ op: Opcode) -> Bool {
        switch op {
        case .iconst, .fconst, .bconst, .fadd, .fsub, .fmul, .fneg, .icmp, .fcmp, .not, .itof, .math1, .math2:
            return true
        default:
            return false
        }
    }

    public func run(on f: Function) -> Bool {
        let rpo = f.reversePostorder()
        if rpo.count < 2 { return false }
        let nb = f.blocks.count
        var pos: [Int] = Array(repeatElement(-1, count: nb)) // block index -> rpo position
        for (i, b) in rpo.enumerated() { pos[Int(b.index)] = i }
        var preds: [[Int]] = Array(repeatElement([], count: rpo.count))
        var succs: [[Int]] = Array(repeatElement([], count: rpo.count))
        for (i, b) in rpo.enumerated() {
            let (s0, s1) = f.successorIndices(Int(b.index))
            for s in [s0, s1] where s >= 0 && pos[Int(s)] >= 0 {
                let q = pos[Int(s)]
                if !succs[i].contains(q) { succs[i].append(q); preds[q].append(i) }
            }
        }
        let idom = immediateDominators(preds: preds)
        func dominates(_ a: Int, _ b: Int) -> Bool {
            var x = b
            while true {
                if x == a { return true }
                if x == 0 || idom[x] < 0 { return false }
                x = idom[x]
            }
        }

        // Natural loops by header (back edges into one header share a body).
        var bodies: [Int: Set<Int>] = [:]
        for t in 0..<rpo.count {
            for h in succs[t] where dominates(h, t) {
                var body = bodies[h] ?? [h]
                var work = [t]
                while let x = work.popLast() {
                    if body.insert(x).inserted { work.append(contentsOf: preds[x]) }
                }
                bodies[h] = body
            }
        }
        if bodies.isEmpty { return false }
        // Innermost first: smaller bodies before the bodies that contain them.
        let loops = bodies.sorted { $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.key < $1.key }

        // Where each value is defined: the rpo position of its block (-1 unknown).
        var defBlock: [Int] = Array(repeatElement(-1, count: f.valueTypes.count))
        for (i, b) in rpo.enumerated() {
            for p in f.blocks[Int(b.index)].params { defBlock[Int(p.index)] = i }
            for id in f.blocks[Int(b.index)].insts {
                if let r = f.insts[Int(id.index)].result { defBlock[Int(r.index)] = i }
            }
        }

        var any = false
        for (h, body) in loops {
            let outside = preds[h].filter { !body.contains($0) }
            guard outside.count == 1, case .jump = f.blocks[Int(rpo[outside[0]].index)].terminator else { continue }
            let pre = outside[0]
            let preIndex = Int(rpo[pre].index)
            // Blocks of the body in rpo order, so an invariant's invariant operand is
            // seen (and moved) before it.
            for p in body.sorted() {
                let bi = Int(rpo[p].index)
                var kept: [InstID] = []
                var moved = false
                for id in f.blocks[bi].insts {
                    let inst = f.insts[Int(id.index)]
                    if LoopInvariantCodeMotion.isMovable(inst.op), let r = inst.result,
                       inst.args.allSatisfy({ defBlock[Int($0.index)] >= 0 && !body.contains(defBlock[Int($0.index)]) }) {
                        f.blocks[preIndex].insts.append(id)
                        defBlock[Int(r.index)] = pre
                        moved = true
                    } else {
                        kept.append(id)
                    }
                }
                if moved {
                    f.blocks[bi].insts = kept
                    any = true
                }
            }
        }
        return any
    }
}
