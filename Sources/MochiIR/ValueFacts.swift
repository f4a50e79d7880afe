// Facts about integer values shared by the passes and both emitters: which i64 values
// are provably non-negative. Bounds-check elimination (MochiPasses) and the loop
// versioning of the C and Wasm emitters each need "is this index >= 0?"; they had
// three drifting copies of one recursive rule, one of them exponential on a chain of
// `x + x`. This is the one copy, as Dominators.swift is for dominance.
//
// The rule: a value is non-negative if it is an integer constant >= 0, a list.len or
// str.len result, a copy of a non-negative value, `iadd x, y` with x and y both
// non-negative (iadd traps on overflow, so a result that is used is the true sum),
// or a parameter of a candidate block whose every incoming argument, on the edges the
// caller counts, is non-negative. Parameters of other blocks (function parameters
// among them) are never assumed non-negative. Block parameters make the rule
// recursive through loops; the answer is the greatest fixpoint (a loop counter that
// starts at 0 and steps by +1 qualifies).
//
// Cost: each value is examined at most once per analysis. A query collects the values
// its answer depends on that have no verdict yet (a depth-first walk over operands
// and incoming arguments), assumes them all non-negative, then withdraws that from
// each one with a negative dependency, and from its users, by a worklist. The set a
// query collects is closed under dependency, so its fixpoint there is the fixpoint of
// the whole function restricted to it, and every verdict is final (memoised).

/// The non-negative i64 values of one function (see the header for the rule).
/// `candidate` says whose block parameters may be non-negative (never the entry
/// block's, whatever it says: those are the function's parameters); `counts(from, to)`
/// says whether the edge from block `from` into block `to` constrains `to`'s
/// parameters (an emitter versioning a loop skips the edges entering the loop: its
/// guard tests those values at run time). `predecessors` are by block index, from
/// reachable blocks only (an argument on an edge from dead code constrains nothing).
public struct NonNegativeValues {
    private let f: Function
    private let predecessors: [[Int]]
    private let candidate: (Int) -> Bool
    private let counts: (Int, Int) -> Bool
    // Per value: 0 not yet asked, 1 non-negative, 2 not, 3 assumed during a query.
    private var state: [UInt8]
    /// Values examined so far (each at most once): the linear-cost test reads it.
    public private(set) var visits = 0

    public init(_ f: Function, predecessors: [[Int]], candidate: @escaping (Int) -> Bool,
                counts: @escaping (Int, Int) -> Bool = { _, _ in true }) {
        self.f = f
        self.predecessors = predecessors
        self.candidate = candidate
        self.counts = counts
        self.state = Array(repeatElement(0, count: f.valueTypes.count))
    }

    /// Whether v is provably >= 0 (false for a value out of range).
    public mutating func contains(_ v: Value) -> Bool {
        let i = Int(v.index)
        guard i >= 0, i < state.count else { return false }
        if state[i] == 1 || state[i] == 2 { return state[i] == 1 }

        // The values this answer depends on that have no verdict yet: leaves get
        // theirs at once; the others (params, adds, copies) wait with their operands.
        var nodes: [Int32] = []
        var deps: [[Int32]] = []
        var stack: [Int32] = [v.index]
        state[i] = 3
        while let x = stack.popLast() {
            visits += 1
            guard let ds = dependencies(Int(x)) else { continue }
            nodes.append(x)
            deps.append(ds)
            for d in ds where state[Int(d)] == 0 {
                state[Int(d)] = 3
                stack.append(d)
            }
        }

        // Greatest fixpoint: all assumed non-negative, then withdrawn from every node
        // with a negative operand, and onwards to its users.
        var users: [Int32: [Int32]] = [:]
        var work: [Int32] = []
        for (n, ds) in zip(nodes, deps) {
            for d in ds {
                switch state[Int(d)] {
                case 2:
                    if state[Int(n)] == 3 { state[Int(n)] = 2; work.append(n) }
                case 3:
                    users[d, default: []].append(n)
                default:
                    break
                }
            }
        }
        while let x = work.popLast() {
            for u in users[x] ?? [] where state[Int(u)] == 3 {
                state[Int(u)] = 2
                work.append(u)
            }
        }
        for n in nodes where state[Int(n)] == 3 { state[Int(n)] = 1 }
        return state[i] == 1
    }

    /// The operands whose non-negativity x's needs (all of them), or nil after giving
    /// x its verdict directly (a leaf).
    private mutating func dependencies(_ x: Int) -> [Int32]? {
        switch f.valueDefs[x] {
        case .param(let b, let k):
            let bi = Int(b.index)
            // The entry block's parameters are the function's: its callers pass
            // anything, and no edge inside the function says otherwise.
            guard f.valueTypes[x] == .i64, bi >= 0, bi < predecessors.count, b != f.entry, candidate(bi) else {
                state[x] = 2
                return nil
            }
            var ds: [Int32] = []
            var seen: [Int] = []
            for q in predecessors[bi] where !seen.contains(q) && counts(q, bi) {
                seen.append(q)
                for s in f.blocks[q].terminator.successors where Int(s.block.index) == bi {
                    guard k < s.args.count else { continue }
                    ds.append(s.args[k].index)
                }
            }
            return ds
        case .inst(let id):
            let inst = f.insts[Int(id.index)]
            switch inst.op {
            case .iconst:
                if case .int(let c) = inst.imm, c >= 0 { state[x] = 1 } else { state[x] = 2 }
                return nil
            case .listLen, .strLen:
                state[x] = 1
                return nil
            case .copy where inst.args.count == 1:
                return [inst.args[0].index]
            case .iadd where inst.args.count == 2:
                return [inst.args[0].index, inst.args[1].index]
            default:
                state[x] = 2
                return nil
            }
        }
    }
}
