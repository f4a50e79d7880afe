// Concat to append: `r = list.concat a, b` where b is a list literal `list.new x1..xn`
// that nothing else reads becomes `t1 = list.append a, x1 ... r = list.append t(n-1), xn`.
// `xs = xs + [v]` is how Mochi programs often grow a buffer; as a concat it copies
// every element of xs each time (quadratic in the buffer's length), as an append it
// costs what `append(xs, v)` costs: the runtime's append shares the element store
// when xs owns its end, so it is amortised constant even when xs is a global or a
// parameter, and AppendInPlace (run after this pass) can then turn a local buffer's
// appends into in-place pushes.
//
// Requires: a valid function.
// Establishes: a valid function in which every `list.concat` whose second operand is
// defined by a `list.new` with 1 to 16 elements, used by nothing but that concat
// (neither by another instruction nor by a terminator), has become that many
// `list.append`s, the last keeping the concat's result value. The literal's
// `list.new` is left, unused, for DeadCodeElimination.
//
// Why it is the same program: concat builds a new list holding a's elements and then
// b's; appending b's elements one by one to a builds a new list holding the same
// elements in the same order, and a is left as it was either way (append never
// changes its operand). The element values are b's operands, already computed before
// the literal and so before the concat; the literal itself was observable only
// through the concat, which no longer reads it. Both ops have the same list type, so
// each append's element operand already has the element type.

import MochiIR

public struct ConcatToAppend: FunctionPass {
    public let name = "concatappend"
    public init() {}

    /// Longer literals stay one concat (one copy of a's elements either way).
    static let maxElements = 16

    public func run(on f: Function) -> Bool {
        let nv = f.valueTypes.count
        // Candidate literals: list.new with elements; uses counted over everything.
        var literal: [Int32] = Array(repeatElement(-1, count: nv)) // value -> its list.new inst
        var anyConcat = false
        for b in f.layout {
            for id in f.blocks[Int(b.index)].insts {
                let i = Int(id.index)
                let op = f.insts[i].op
                if op == .listNew, let r = f.insts[i].result, !f.insts[i].args.isEmpty,
                   f.insts[i].args.count <= ConcatToAppend.maxElements {
                    literal[Int(r.index)] = id.index
                }
                if op == .listConcat { anyConcat = true }
            }
        }
        if !anyConcat { return false }
        var uses: [Int32] = Array(repeatElement(0, count: nv))
        for b in f.layout {
            let bi = Int(b.index)
            for id in f.blocks[bi].insts {
                for a in f.insts[Int(id.index)].args { uses[Int(a.index)] += 1 }
            }
            f.blocks[bi].terminator.forEachUse { uses[Int($0.index)] += 1 }
        }

        var changed = false
        for b in f.layout {
            let bi = Int(b.index)
            var k = 0
            while k < f.blocks[bi].insts.count {
                let id = f.blocks[bi].insts[k]
                let i = Int(id.index)
                guard f.insts[i].op == .listConcat, f.insts[i].args.count == 2, let r = f.insts[i].result else {
                    k += 1
                    continue
                }
                let lit = f.insts[i].args[1]
                let li = literal[Int(lit.index)]
                guard li >= 0, uses[Int(lit.index)] == 1, f.type(of: lit) == f.type(of: r),
                      f.type(of: f.insts[i].args[0]) == f.type(of: r) else {
                    k += 1
                    continue
                }
                let elems = f.insts[Int(li)].args
                let loc = f.insts[i].loc
                var acc = f.insts[i].args[0]
                // Every append but the last is a new instruction just before the concat.
                var added: [InstID] = []
                for x in elems.dropLast() {
                    let nid = InstID(Int32(f.insts.count))
                    let t = f.makeValue(f.type(of: r), .inst(nid))
                    f.insts.append(Inst(op: .listAppend, result: t, args: [acc, x], loc: loc))
                    added.append(nid)
                    acc = t
                }
                f.insts[i].op = .listAppend
                f.insts[i].args = [acc, elems[elems.count - 1]]
                uses[Int(lit.index)] = 0
                f.blocks[bi].insts.insert(contentsOf: added, at: k)
                k += added.count + 1
                changed = true
            }
        }
        return changed
    }
}
