// Facts about function bodies that lowering needs before it lowers a body, gathered
// for the whole program in one walk instead of one walk per body (and one more for
// the names functions mention): the walk keeps a stack of the function bodies it is
// inside, so each node is visited once and credited to every body it matters to.
//
// * `namesInFunctions`: names mentioned inside any function body (fun, method, test
//   block, lambda); a top-level variable of such a name becomes an IR global.
// * per body, `cells`: variables that a nested function of the body mentions and that
//   are assigned somewhere in the body (nested functions included); they live in
//   one-element list cells (`Checker.declareLocal`).
//
// A body is keyed by its first statement (each statement belongs to exactly one
// body; an empty body has no facts to record).

struct BodyFacts {
    var cells: Set<Int32> = []
    /// Statements and expressions of the body outside nested functions: a size
    /// estimate the lowering reserves its tables by.
    var size = 0
}

struct BodyFactsCollector {
    /// By `Name.id`.
    private(set) var namesInFunctions: [Bool]
    private(set) var facts: [ObjectIdentifier: BodyFacts] = [:]

    private struct Frame {
        /// Names mentioned in functions nested in this body.
        var usedInNested: Set<Int32> = []
        /// Names assigned (as a whole) anywhere in this body, nested functions included.
        var assigned: Set<Int32> = []
        var size = 0
    }
    private var frames: [Frame] = []

    init(nameCount: Int) {
        namesInFunctions = Array(repeatElement(false, count: nameCount))
    }

    mutating func program(_ stmts: [Stmt]) { block(stmts) }

    private mutating func block(_ stmts: [Stmt]) {
        for s in stmts { stmt(s) }
    }

    /// A function body: its own frame; `record` when the lowering asks for its facts.
    private mutating func functionBody(_ body: [Stmt]) {
        frames.append(Frame())
        block(body)
        let f = frames.removeLast()
        if let first = body.first {
            var cells = f.usedInNested
            if !cells.isEmpty { cells.formIntersection(f.assigned) }
            facts[ObjectIdentifier(first)] = BodyFacts(cells: cells, size: f.size)
        }
    }

    private mutating func markInFunctions(_ id: Int32) {
        if id >= 0 && Int(id) < namesInFunctions.count { namesInFunctions[Int(id)] = true }
    }

    private mutating func nameUse(_ id: Int32) {
        let k = frames.count
        guard k > 0 else { return }
        markInFunctions(id)
        if k > 1 {
            for j in 0..<(k - 1) { frames[j].usedInNested.insert(id) }
        }
    }

    private mutating func assignment(_ target: Expr) {
        let k = frames.count
        guard k > 0, let r = Checker.rootName(target) else { return }
        var plain = false
        if case .name = target.kind { plain = true }
        for j in 0..<k {
            if plain { frames[j].assigned.insert(r.id) }
            if j < k - 1 { frames[j].usedInNested.insert(r.id) }
        }
    }

    @inline(__always) private mutating func count() {
        if !frames.isEmpty { frames[frames.count - 1].size += 1 }
    }

    private mutating func stmt(_ s: Stmt) {
        count()
        switch s.kind {
        case .variable(let d): if let e = d.initializer { expr(e) }
        case .function(let f): functionBody(f.body)
        case .type(let t):
            if case .structure(_, let methods) = t.kind {
                for m in methods { functionBody(m.body) }
            }
        case .expression(let e), .expect(let e): expr(e)
        case .assignment(let t, let v):
            assignment(t)
            expr(t)
            expr(v)
        case .ifElse(let c, let t, let e):
            expr(c)
            block(t)
            if let e { block(e) }
        case .whileLoop(let c, let b):
            expr(c)
            block(b)
        case .forRange(_, _, _, let a, let b, let body):
            expr(a)
            expr(b)
            block(body)
        case .forIn(_, _, _, let src, let body):
            expr(src)
            block(body)
        case .returnValue(let e): if let e { expr(e) }
        case .test(_, let body): functionBody(body)
        case .bench(_, let body): block(body)
        case .update(let target, _, let assigns, let cond):
            if !frames.isEmpty { markInFunctions(target.id) }
            for a in assigns { expr(a.value) }
            if let cond { expr(cond) }
        default: break
        }
    }

    private mutating func expr(_ e: Expr) {
        count()
        switch e.kind {
        case .name(let n): nameUse(n.id)
        case .list(let xs): for x in xs { expr(x) }
        case .map(let es): for m in es { expr(m.key); expr(m.value) }
        case .structLiteral(_, _, let fs): for f in fs { expr(f.value) }
        case .unary(_, let x): expr(x)
        case .binary(_, let a, let b): expr(a); expr(b)
        case .call(let c, let args): expr(c); for a in args { expr(a) }
        case .index(let b, let i, _): expr(b); expr(i)
        case .slice(let b, let s, let en, let st):
            expr(b)
            if let s { expr(s) }
            if let en { expr(en) }
            if let st { expr(st) }
        case .field(let b, _, _, _): expr(b)
        case .cast(let x, _): expr(x)
        case .conditional(let c, let t, let el):
            expr(c)
            expr(t)
            if let el { expr(el) }
        case .match(let s, let cases):
            expr(s)
            for c in cases {
                if case .expression(let p) = c.pattern { expr(p) }
                switch c.body {
                case .expression(let x): expr(x)
                case .block(let b): block(b)
                }
            }
        case .function(let f):
            switch f.body {
            case .expression(let x):
                frames.append(Frame())
                expr(x)
                frames.removeLast()
            case .block(let b): functionBody(b)
            }
        case .query(let q):
            for s in q.sources { expr(s.source) }
            for j in q.joins { expr(j.source); expr(j.condition) }
            if let f = q.filter { expr(f) }
            if let g = q.group {
                for k in g.keys { expr(k) }
                if let h = g.having { expr(h) }
            }
            if let x = q.sortKey { expr(x) }
            if let x = q.skip { expr(x) }
            if let x = q.take { expr(x) }
            expr(q.select)
        default: break
        }
    }
}
