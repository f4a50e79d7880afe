// Control flow graph -> structured Wasm control flow (block, loop, br, br_if,
// br_table), after Norman Ramsey, "Beyond Relooper: recursive translation of
// unstructured control flow to structured control flow" (ICFP 2022).
//
// For a reducible graph the translation follows the dominator tree. A node's code is
// followed by its exit; the code of every node it immediately dominates comes either
// inline at the one branch that reaches it (a node with a single forward in-edge) or,
// for a merge node (two or more forward in-edges), right after a `block` wrapped around
// the dominator's code, so a forward branch to it is a `br` out of that block. Merge
// children are nested by reverse postorder, the latest outermost, so every forward
// branch leaves blocks outward. A loop header's code and everything it dominates sit
// inside a `loop`, and a back edge is a `br` to it. No node is duplicated and no
// control variable is introduced.
//
// A graph that is not reducible (a retreating edge whose target does not dominate its
// source: a loop with two entries, which only a hand-written .mir can have) becomes a
// dispatch loop instead: a label local selects the node through a `br_table`, and
// every edge sets the label and branches back to the loop.
//
// The result is a tree of `StructuredCode` whose branch depths are final (relative to
// the branch's own position, counting the `if` an emitter opens for a two-way exit as
// the form says), so the emitter only prints it. Nodes unreachable from the entry are
// left out.

/// A control-flow graph over nodes `0..<successors.count`; `successors[n]` lists the
/// targets of node n's terminator in order (a two-way branch: then, else). A target
/// may appear twice (both arms of a branch to one node).
public struct ControlFlowGraph: Sendable {
    public var successors: [[Int]]
    public var entry: Int
    public init(successors: [[Int]], entry: Int) {
        self.successors = successors
        self.entry = entry
    }
}

/// Where an edge goes in the structured code.
public indirect enum Transfer: Equatable, Sendable {
    /// `br depth` (0 is the innermost enclosing label at the branch).
    case br(Int)
    /// The target's code right here (this edge is its only forward entry).
    case inline([StructuredCode])
    /// Irreducible fallback: set the label local to `label`, then `br depth` back to
    /// the dispatch loop.
    case dispatch(label: Int, depth: Int)
}

/// How a two-way exit is laid out. The then-edge is `successors[0]`.
public enum BranchForm: Equatable, Sendable {
    /// `if <then edge> end` then the else edge after it: the then transfer is a
    /// branch, so control never falls out of the `if` (its depths count the `if`).
    case thenInIf
    /// `i32.eqz if <else edge> end` then the then edge after it.
    case elseInIf
    /// `if <then edge> else <else edge> end`: both are inline code (depths count the `if`).
    case ifElse
}

public enum Exit: Equatable, Sendable {
    /// No successors (return, unreachable).
    case none
    case jump(Transfer)
    case branch(then: Transfer, else: Transfer, form: BranchForm)
}

public indirect enum StructuredCode: Equatable, Sendable {
    /// `block ... end`: a `br` to it continues after its end.
    case block([StructuredCode])
    /// `loop ... end`: a `br` to it continues at its start.
    case loop([StructuredCode])
    /// The node's code, then its exit.
    case node(Int, Exit)
    /// Irreducible fallback: `local.get $label` + `br_table 0 1 ... count-1`.
    case table(count: Int)
}

/// The structured form of a function body and what the emitter needs to know about it.
public struct StructuredFunction: Equatable, Sendable {
    public var code: [StructuredCode]
    /// True when the graph was irreducible and `code` is a dispatch loop over a label
    /// local (which starts at 0, the entry's label).
    public var usesDispatch: Bool
}

public enum Structurizer {
    public static func structure(_ g: ControlFlowGraph) -> StructuredFunction {
        let a = Analysis(g)
        if a.reducible {
            var s = Reducible(a: a)
            return StructuredFunction(code: s.doTree(g.entry, []), usesDispatch: false)
        }
        return StructuredFunction(code: dispatch(a), usesDispatch: true)
    }

    /// loop { block_{n-1} { ... block_0 { br_table } node_0 } node_1 ... } node_{n-1} }
    /// over the reachable nodes in reverse postorder (label k is the k-th; the entry is 0).
    static func dispatch(_ a: Analysis) -> [StructuredCode] {
        let order = a.order
        let n = order.count
        var label = [Int](repeating: -1, count: a.g.successors.count)
        for (k, x) in order.enumerated() { label[x] = k }
        // The node k's code sits inside blocks k+1 ... n-1 and the loop: `br` to the
        // loop is depth n-1-k (plus one inside an `if`).
        func exit(_ k: Int) -> Exit {
            let x = order[k]
            let succ = a.g.successors[x]
            let base = n - 1 - k
            switch succ.count {
            case 0: return .none
            case 1: return .jump(.dispatch(label: label[succ[0]], depth: base))
            default:
                return .branch(then: .dispatch(label: label[succ[0]], depth: base + 1),
                               else: .dispatch(label: label[succ[1]], depth: base + 1), form: .ifElse)
            }
        }
        var inner: [StructuredCode] = [.table(count: n)]
        for k in 0..<n {
            inner = [.block(inner), .node(order[k], exit(k))]
        }
        return [.loop(inner)]
    }
}

/// Reverse postorder, dominators, back edges and merge nodes of a graph.
struct Analysis {
    let g: ControlFlowGraph
    /// Reachable nodes in reverse postorder (entry first).
    var order: [Int] = []
    /// Position in `order`, -1 when unreachable.
    var rpo: [Int]
    var idom: [Int]
    var domChildren: [[Int]]
    var isLoopHeader: [Bool]
    var isMerge: [Bool]
    var reducible = true

    init(_ g: ControlFlowGraph) {
        self.g = g
        let n = g.successors.count
        rpo = Array(repeating: -1, count: n)
        idom = Array(repeating: -1, count: n)
        domChildren = Array(repeating: [], count: n)
        isLoopHeader = Array(repeating: false, count: n)
        isMerge = Array(repeating: false, count: n)
        guard g.entry >= 0 && g.entry < n else { return }

        // Postorder by an iterative depth-first search (deep graphs must not overflow
        // this stack); successors are visited in order.
        var post: [Int] = []
        var visited = Array(repeating: false, count: n)
        var work: [(node: Int, next: Int)] = [(g.entry, 0)]
        visited[g.entry] = true
        while let top = work.last {
            let succ = g.successors[top.node]
            if top.next < succ.count {
                work[work.count - 1].next += 1
                let s = succ[top.next]
                if s >= 0 && s < n && !visited[s] {
                    visited[s] = true
                    work.append((s, 0))
                }
                continue
            }
            work.removeLast()
            post.append(top.node)
        }
        order = post.reversed()
        for (i, x) in order.enumerated() { rpo[x] = i }

        // Predecessors (reachable ones), then dominators by the iterative algorithm of
        // Cooper, Harvey and Kennedy over reverse postorder.
        var preds: [[Int]] = Array(repeating: [], count: n)
        for x in order { for s in g.successors[x] { preds[s].append(x) } }
        idom[g.entry] = g.entry
        var changed = true
        while changed {
            changed = false
            for x in order.dropFirst() {
                var new = -1
                for p in preds[x] where idom[p] >= 0 {
                    new = new < 0 ? p : intersect(p, new)
                }
                if new >= 0 && idom[x] != new {
                    idom[x] = new
                    changed = true
                }
            }
        }
        for x in order.dropFirst() { domChildren[idom[x]].append(x) }

        // Retreating edges (target not later in reverse postorder) are back edges
        // when their target dominates their source; otherwise the graph is irreducible.
        var forwardIn = Array(repeating: 0, count: n)
        for x in order {
            for s in g.successors[x] {
                if rpo[s] <= rpo[x] {
                    isLoopHeader[s] = true
                    if !dominates(s, x) { reducible = false }
                } else {
                    forwardIn[s] += 1
                }
            }
        }
        for x in order { isMerge[x] = forwardIn[x] >= 2 }
    }

    func intersect(_ a: Int, _ b: Int) -> Int {
        var x = a, y = b
        while x != y {
            while rpo[x] > rpo[y] { x = idom[x] }
            while rpo[y] > rpo[x] { y = idom[y] }
        }
        return x
    }

    /// True when `a` dominates `b` (both reachable).
    func dominates(_ a: Int, _ b: Int) -> Bool {
        var x = b
        while true {
            if x == a { return true }
            let d = idom[x]
            if d == x { return false }
            x = d
        }
    }
}

/// The dominator-tree translation of a reducible graph.
struct Reducible {
    let a: Analysis

    enum Frame: Equatable {
        case loopHeadedBy(Int)
        case blockFollowedBy(Int)
        case ifThenElse
    }

    /// Branch depth of the frame in the context (innermost last).
    func depth(_ f: Frame, _ ctx: [Frame]) -> Int {
        guard let i = ctx.lastIndex(of: f) else {
            preconditionFailure("structurizer: no enclosing label for \(f)")
        }
        return ctx.count - 1 - i
    }

    mutating func doTree(_ x: Int, _ ctx: [Frame]) -> [StructuredCode] {
        let merges = a.domChildren[x].filter { a.isMerge[$0] }.sorted { a.rpo[$0] > a.rpo[$1] }
        if a.isLoopHeader[x] {
            return [.loop(nodeWithin(x, merges[...], ctx + [.loopHeadedBy(x)]))]
        }
        return nodeWithin(x, merges[...], ctx)
    }

    mutating func nodeWithin(_ x: Int, _ ys: ArraySlice<Int>, _ ctx: [Frame]) -> [StructuredCode] {
        if let y = ys.first {
            let inner = nodeWithin(x, ys.dropFirst(), ctx + [.blockFollowedBy(y)])
            return [.block(inner)] + doTree(y, ctx)
        }
        return [.node(x, exit(x, ctx))]
    }

    func isBranch(_ x: Int, _ y: Int) -> Bool { a.rpo[y] <= a.rpo[x] || a.isMerge[y] }

    mutating func transfer(_ x: Int, _ y: Int, _ ctx: [Frame]) -> Transfer {
        if a.rpo[y] <= a.rpo[x] { return .br(depth(.loopHeadedBy(y), ctx)) }
        if a.isMerge[y] { return .br(depth(.blockFollowedBy(y), ctx)) }
        return .inline(doTree(y, ctx))
    }

    mutating func exit(_ x: Int, _ ctx: [Frame]) -> Exit {
        let succ = a.g.successors[x]
        switch succ.count {
        case 0: return .none
        case 1: return .jump(transfer(x, succ[0], ctx))
        default:
            let t = succ[0], e = succ[1]
            let inIf = ctx + [.ifThenElse]
            if isBranch(x, t) {
                return .branch(then: transfer(x, t, inIf), else: transfer(x, e, ctx), form: .thenInIf)
            }
            if isBranch(x, e) {
                return .branch(then: transfer(x, t, ctx), else: transfer(x, e, inIf), form: .elseInIf)
            }
            return .branch(then: transfer(x, t, inIf), else: transfer(x, e, inIf), form: .ifElse)
        }
    }
}
