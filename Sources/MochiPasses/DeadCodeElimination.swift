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
        var live: [Bool] = Array(repeatElement(false, count: f.insts.count))
        var work: [InstID] = []

        func need(_ v: Value) {
            guard case .inst(let id) = f.valueDefs[Int(v.index)], !live[Int(id.index)] else { return }
            live[Int(id.index)] = true
            work.append(id)
        }

        for b in f.layout {
            let data = f.blocks[Int(b.index)]
            for id in data.insts {
                let inst = f.insts[Int(id.index)]
                if inst.result == nil || !OpTraits.isRemovableIfUnused(inst.op) {
                    if !live[Int(id.index)] {
                        live[Int(id.index)] = true
                        work.append(id)
                    }
                }
            }
            data.terminator.forEachUse { need($0) }
        }
        while let id = work.popLast() {
            for a in f.insts[Int(id.index)].args { need(a) }
        }

        var changed = false
        for b in f.layout {
            let insts = f.blocks[Int(b.index)].insts
            if insts.allSatisfy({ live[Int($0.index)] }) { continue }
            f.blocks[Int(b.index)].insts = insts.filter { live[Int($0.index)] }
            changed = true
        }
        return changed
    }
}
