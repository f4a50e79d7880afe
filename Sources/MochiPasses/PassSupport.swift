// Shared machinery for the passes: the `FunctionPass` protocol, CFG walks
// (reachability, reverse postorder, predecessor counts) and use rewriting through a
// replacement table. Everything is indexed by `Value.index` / `Block.index` in plain
// arrays so that each pass stays linear in the size of the function and its output
// never depends on hash order.
//
// The passes reach blocks and instructions as `f.blocks[Int(b.index)]` and
// `f.insts[Int(i.index)]` rather than through `f[b]`/`f[i]`: from outside MochiIR
// those subscripts' `_read`/`_modify` coroutines are not inlined, and each call
// allocated (and freed) its coroutine frame on the heap.

import MochiIR

/// One IR -> IR transformation over a single function.
public protocol FunctionPass {
    /// The name used by `--print-after=NAME`.
    var name: String { get }
    /// Transforms `f` in place; returns true when anything changed. The function must
    /// be valid on entry and is valid on exit.
    func run(on f: Function) -> Bool
}

/// Per-opcode facts the passes consult in hot loops, computed once from the opcode
/// table (OpInfo is rebuilt on every `info` access, so it is not read per instruction).
enum OpTraits {
    static let removableIfUnused: [Bool] = Opcode.allCases.map { $0.info.effects.isRemovableIfUnused }

    @inline(__always)
    static func isRemovableIfUnused(_ op: Opcode) -> Bool { removableIfUnused[Int(op.rawValue)] }
}

/// A value-to-value substitution built up by a pass and applied in one sweep.
/// Chains (v1 -> v2 -> v3) are followed and compressed, so the order in which a pass
/// records replacements does not matter as long as it records no cycle.
struct ValueReplacements {
    private var target: [Int32]
    private(set) var isEmpty = true

    init(count: Int) { target = Array(0..<Int32(count)) }

    mutating func replace(_ v: Value, with w: Value) {
        target[Int(v.index)] = w.index
        isEmpty = false
    }

    /// The value `v` finally stands for.
    mutating func resolve(_ v: Value) -> Value {
        var r = v.index
        while target[Int(r)] != r { r = target[Int(r)] }
        // Path compression keeps repeated lookups along long copy chains linear.
        var c = v.index
        while target[Int(c)] != r {
            let next = target[Int(c)]
            target[Int(c)] = r
            c = next
        }
        return Value(r)
    }
}

extension Terminator {
    // Allocation-free walks: `successors` and `uses` build a fresh array on every
    // call, and the passes ask for them for every block several times per run.

    /// Calls `body` with each successor block, in order (a brif's arms may repeat).
    @inline(__always)
    func forEachSuccessor(_ body: (Block) -> Void) {
        switch self {
        case .jump(let c): body(c.block)
        case .brif(_, let t, let e): body(t.block); body(e.block)
        case .ret, .unreachable: break
        }
    }

    /// Calls `body` with each successor call, in `successors` order.
    @inline(__always)
    func forEachCall(_ body: (BlockCall) -> Void) {
        switch self {
        case .jump(let c): body(c)
        case .brif(_, let t, let e): body(t); body(e)
        case .ret, .unreachable: break
        }
    }

    /// The number of successor edges and the `k`th successor block, for walks that
    /// keep a position (reverse postorder) without materialising `successors`.
    var successorCount: Int {
        switch self {
        case .jump: return 1
        case .brif: return 2
        case .ret, .unreachable: return 0
        }
    }

    func successor(_ k: Int) -> Block {
        switch self {
        case .jump(let c): return c.block
        case .brif(_, let t, let e): return k == 0 ? t.block : e.block
        case .ret, .unreachable: preconditionFailure("no successor")
        }
    }

    /// The same terminator with every successor call transformed.
    func mapCalls(_ body: (BlockCall) -> BlockCall) -> Terminator {
        switch self {
        case .jump(let c): return .jump(body(c))
        case .brif(let v, let t, let e): return .brif(v, body(t), body(e))
        case .ret, .unreachable: return self
        }
    }

    /// The same terminator with every value it reads transformed.
    func mapValues(_ body: (Value) -> Value) -> Terminator {
        switch self {
        case .jump(let c): return .jump(BlockCall(c.block, c.args.map(body)))
        case .brif(let v, let t, let e):
            return .brif(body(v), BlockCall(t.block, t.args.map(body)), BlockCall(e.block, e.args.map(body)))
        case .ret(let v): return .ret(v.map(body))
        case .unreachable: return self
        }
    }
}

extension Function {
    /// Blocks reachable from the entry, as flags indexed by `Block.index`.
    func reachableBlocks() -> [Bool] {
        var seen: [Bool] = Array(repeatElement(false, count: blocks.count))
        guard let e = entry else { return seen }
        var stack: [Int32] = [e.index]
        stack.reserveCapacity(8)
        seen[Int(e.index)] = true
        while let b = stack.popLast() {
            let (s0, s1) = successorIndices(Int(b))
            if s0 >= 0 && !seen[Int(s0)] {
                seen[Int(s0)] = true
                stack.append(s0)
            }
            if s1 >= 0 && !seen[Int(s1)] {
                seen[Int(s1)] = true
                stack.append(s1)
            }
        }
        return seen
    }

    /// Number of incoming CFG edges of each block from blocks in the layout (a brif
    /// with both arms to one block counts twice).
    func predecessorCounts() -> [Int] {
        var n: [Int] = Array(repeatElement(0, count: blocks.count))
        for b in layout {
            let (s0, s1) = successorIndices(Int(b.index))
            if s0 >= 0 { n[Int(s0)] += 1 }
            if s1 >= 0 { n[Int(s1)] += 1 }
        }
        return n
    }

    /// Rewrites every operand in the laid-out blocks through `r`.
    func applyReplacements(_ r: inout ValueReplacements) {
        if r.isEmpty { return }
        for b in layout {
            let bi = Int(b.index)
            let n = blocks[bi].insts.count
            for j in 0..<n {
                // Operands are rewritten in place, only where they change.
                let i = Int(blocks[bi].insts[j].index)
                let na = insts[i].args.count
                for k in 0..<na {
                    let a = insts[i].args[k]
                    let x = r.resolve(a)
                    if x != a { insts[i].args[k] = x }
                }
            }
            // Rebuild the terminator only when one of its operands is replaced.
            var hit = false
            switch blocks[bi].terminator {
            case .jump(let c):
                for a in c.args where r.resolve(a) != a { hit = true; break }
            case .brif(let v, let t, let e):
                if r.resolve(v) != v { hit = true }
                for a in t.args where !hit && r.resolve(a) != a { hit = true }
                for a in e.args where !hit && r.resolve(a) != a { hit = true }
            case .ret(let v):
                if let v, r.resolve(v) != v { hit = true }
            case .unreachable: break
            }
            if hit { blocks[bi].terminator = blocks[bi].terminator.mapValues { r.resolve($0) } }
        }
    }

    /// Drops the blocks not reachable from the entry from the layout, keeping the
    /// relative order of the rest. Returns true when any was dropped.
    func removeUnreachableBlocks() -> Bool {
        let live = reachableBlocks()
        let before = layout.count
        layout.removeAll { !live[Int($0.index)] }
        return layout.count != before
    }
}
