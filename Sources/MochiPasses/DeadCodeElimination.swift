// Dead code elimination: instructions whose results nothing needs are deleted.
//
// Requires: a valid function.
// Establishes: a valid function in which every remaining instruction either has an
// effect that forbids deleting it (`Effects.isRemovableIfUnused` is false: it may
// trap, write, do I/O or call), defines no value, or has a result that a kept
// instruction or a terminator reads. Block parameters are not touched.
//
// Mark and sweep rather than repeated "delete if use count is zero": marking from the
// roots (kept instructions and terminator operands) through operands reaches the
// fixed point in one walk, and a whole unused chain, including cycles through
// nothing but pure instructions, disappears at once.

import MochiIR

public struct DeadCodeElimination: FunctionPass {
    public let name = "dce"
    public init() {}

    public func run(on f: Function) -> Bool {
        // Instructions are read field by field (`f.insts[i].op`), never copied out
        // whole: a copy retains and releases the operand array and the immediate.
        let removable = OpTraits.removableIfUnused
        var live: [Bool] = Array(repeatElement(false, count: f.insts.count))
        var work: [Int32] = []
        work.reserveCapacity(f.insts.count)

        func need(_ v: Value) {
            guard case .inst(let id) = f.valueDefs[Int(v.index)], !live[Int(id.index)] else { return }
            live[Int(id.index)] = true
            work.append(id.index)
        }

        for b in f.layout {
            let bi = Int(b.index)
            let n = f.blocks[bi].insts.count
            for k in 0..<n {
                let i = Int(f.blocks[bi].insts[k].index)
                if f.insts[i].result == nil || !removable[Int(f.insts[i].op.rawValue)] {
                    if !live[i] {
                        live[i] = true
                        work.append(Int32(i))
                    }
                }
            }
            switch f.blocks[bi].terminator {
            case .jump(let c): for a in c.args { need(a) }
            case .brif(let v, let t, let e):
                need(v)
                for a in t.args { need(a) }
                for a in e.args { need(a) }
            case .ret(let v): if let v { need(v) }
            case .unreachable: break
            }
        }
        while let i = work.popLast() {
            let n = f.insts[Int(i)].args.count
            for k in 0..<n { need(f.insts[Int(i)].args[k]) }
        }

        var changed = false
        for b in f.layout {
            let bi = Int(b.index)
            let n = f.blocks[bi].insts.count
            var allLive = true
            for k in 0..<n where !live[Int(f.blocks[bi].insts[k].index)] { allLive = false; break }
            if allLive { continue }
            let kept = f.blocks[bi].insts.filter { live[Int($0.index)] }
            f.blocks[bi].insts = kept
            changed = true
        }
        return changed
    }
}
