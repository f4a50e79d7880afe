// The verifier's fast path: a yes/no check that a function is well formed, run
// before the full check of Verifier.swift. It decides exactly the same rules, but
// it only has to say "valid" (every tool verifies its input and the lowering's
// output, and those are nearly always valid), so it builds no messages, copies no
// instructions and compares types as small integers: every type the function uses is
// interned once into a `TypeIDs` table, and the opcode signatures are compiled into
// flat pattern nodes over those ids. When it answers "not valid" (or cannot decide),
// the full `FunctionVerifier` runs and writes the errors; so the fast path may be
// conservative, but it must never accept what the full check rejects.

/// Interned types: an integer id per distinct `IRType`, with its shape.
struct TypeIDs {
    enum Kind: UInt8 { case i64, f64, bool, str, unit, any, bigint, bigrat, list, map, named, fn }

    /// Shape of each id (ids 0...7 are the scalar types in `Kind` order).
    private(set) var kind: [Kind] = [.i64, .f64, .bool, .str, .unit, .any, .bigint, .bigrat]
    /// list: element; map: key; fn: result; named: declaration index or -1.
    private(set) var a: [Int32] = [-1, -1, -1, -1, -1, -1, -1, -1]
    /// map: value; fn: start of the parameters in `fnParams`.
    private(set) var b: [Int32] = [-1, -1, -1, -1, -1, -1, -1, -1]
    /// fn: parameter count.
    private(set) var c: [Int32] = [0, 0, 0, 0, 0, 0, 0, 0]
    /// True when every named type inside is declared in the module.
    private(set) var declared: [Bool] = [true, true, true, true, true, true, true, true]
    private(set) var fnParams: [Int32] = []
    private var table: [IRType: Int32] = [:]
    let typeIndex: [String: Int]

    init(typeIndex: [String: Int]) { self.typeIndex = typeIndex }

    static let i64: Int32 = 0, f64: Int32 = 1, bool: Int32 = 2, str: Int32 = 3, unit: Int32 = 4, any: Int32 = 5
    static let bigint: Int32 = 6, bigrat: Int32 = 7

    @inline(__always) mutating func id(_ t: IRType) -> Int32 {
        switch t {
        case .i64: return 0
        case .f64: return 1
        case .bool: return 2
        case .str: return 3
        case .unit: return 4
        case .any: return 5
        case .bigint: return 6
        case .bigrat: return 7
        default:
            if let x = table[t] { return x }
            return add(t)
        }
    }

    private mutating func add(_ t: IRType) -> Int32 {
        var k = Kind.any, x: Int32 = -1, y: Int32 = -1, n: Int32 = 0, ok = true
        switch t {
        case .list(let e):
            k = .list; x = id(e); ok = declared[Int(x)]
        case .map(let kt, let vt):
            k = .map; x = id(kt); y = id(vt); ok = declared[Int(x)] && declared[Int(y)]
        case .named(let name):
            k = .named
            if let d = typeIndex[name] { x = Int32(d) } else { ok = false }
        case .fn(let ps, let r):
            k = .fn
            var ids: [Int32] = []
            ids.reserveCapacity(ps.count)
            for p in ps {
                let i = id(p)
                ids.append(i)
                // missingName checks the parameters before the result.
                if !declared[Int(i)] { ok = false }
            }
            x = id(r)
            if !declared[Int(x)] { ok = false }
            y = Int32(fnParams.count)
            n = Int32(ids.count)
            fnParams.append(contentsOf: ids)
        case .i64, .f64, .bool, .str, .unit, .any, .bigint, .bigrat:
            preconditionFailure("scalar types have fixed ids")
        }
        let newID = Int32(kind.count)
        kind.append(k); a.append(x); b.append(y); c.append(n); declared.append(ok)
        table[t] = newID
        return newID
    }

    /// The register bank of a type, as `IRType.bank`.
    @inline(__always) func bank(_ t: Int32) -> Bank {
        switch kind[Int(t)] {
        case .i64, .bool: return .integer
        case .f64: return .float
        default: return .reference
        }
    }

    @inline(__always) func admits(_ cls: TypeClass, _ t: Int32) -> Bool {
        switch cls {
        case .anyType: return true
        case .integer: return bank(t) == .integer
        case .numeric: return t == TypeIDs.i64 || t == TypeIDs.f64
        case .reference: return bank(t) == .reference
        case .summable: return t == TypeIDs.i64 || t == TypeIDs.f64 || t == TypeIDs.any
        case .exact: return t == TypeIDs.bigint || t == TypeIDs.bigrat
        }
    }
}

/// One node of a compiled signature pattern.
struct PatternNode {
    enum Tag: UInt8 { case concrete, variable, list, map }
    var tag: Tag
    /// concrete: the type id; variable: the binding slot (0 K, 1 T, 2 V; -1 none).
    var value: Int32
    var cls: TypeClass
    /// list: element node; map: key node.
    var first: Int32
    /// map: value node.
    var second: Int32
}

/// The opcode signatures as pattern nodes over type ids (as `FastSignature`).
struct CompiledSignatures {
    struct Sig {
        var operandStart: Int32, operandCount: Int32
        var repeatedStart: Int32, repeatedCount: Int32
        /// Root node of the result pattern, or -1 when the instruction defines none.
        var result: Int32
    }
    var nodes: [PatternNode] = []
    /// Root node indices of operand patterns (fixed, then repeated), per signature.
    var roots: [Int32] = []
    /// By opcode raw value; nil for the custom ops.
    var sigs: [Sig?] = []

    init(_ ids: inout TypeIDs) {
        for op in Opcode.allCases {
            guard let s = op.signature else { sigs.append(nil); continue }
            let os = Int32(roots.count)
            for p in s.operands { let r = compile(p, &ids); roots.append(r) }
            let rs = Int32(roots.count)
            for p in s.repeated { let r = compile(p, &ids); roots.append(r) }
            let res = s.result.map { compile($0, &ids) } ?? -1
            sigs.append(Sig(operandStart: os, operandCount: Int32(s.operands.count),
                            repeatedStart: rs, repeatedCount: Int32(s.repeated.count), result: res))
        }
    }

    private mutating func compile(_ p: TypePattern, _ ids: inout TypeIDs) -> Int32 {
        let node: PatternNode
        switch p {
        case .concrete(let t):
            node = PatternNode(tag: .concrete, value: ids.id(t), cls: .anyType, first: -1, second: -1)
        case .variable(let ch, let cls):
            let slot: Int32 = ch == "K" ? 0 : ch == "T" ? 1 : ch == "V" ? 2 : -1
            node = PatternNode(tag: .variable, value: slot, cls: cls, first: -1, second: -1)
        case .list(let e):
            let ei = compile(e, &ids)
            node = PatternNode(tag: .list, value: -1, cls: .anyType, first: ei, second: -1)
        case .map(let k, let v):
            let ki = compile(k, &ids)
            let vi = compile(v, &ids)
            node = PatternNode(tag: .map, value: -1, cls: .anyType, first: ki, second: vi)
        }
        nodes.append(node)
        return Int32(nodes.count - 1)
    }
}

/// The fast check of every function of one module (see the file comment).
struct FastVerifier {
    let m: Module
    let index: SymbolIndex
    var ids: TypeIDs
    let signatures: CompiledSignatures
    let immediates: [ImmediateKind]
    /// Per function (by index in the module): parameter type ids, then the result
    /// type id; computed on first call.
    private var calleeTypes: [[Int32]?]
    private var globalTypes: [Int32?]
    /// Field type ids of each declared type: struct fields (variant -1 at index 0),
    /// or each union variant's fields; computed on first use.
    private var declFields: [[[Int32]]?]

    // Per-function scratch, reused from one function to the next.
    private var vt: [Int32] = []          // type id per value
    private var defBlock: [Int32] = []    // layout position of the defining block
    private var defPos: [Int32] = []      // position in the block (-1 param, -2 undefined)
    private var layoutPos: [Int32] = []   // layout position per block, -1 when not laid out
    private var instSeen: [Bool] = []
    private var laid: [Block] = []
    private var idom: [Int32] = []
    private var rpo: [Int32] = []
    private var succStart: [Int32] = []
    private var succs: [Int32] = []
    private var predStart: [Int32] = []
    private var preds: [Int32] = []
    private var fill: [Int32] = []
    private var order: [Int32] = []
    private var visited: [Bool] = []
    private var stack: [(Int32, Int32)] = []
    private var argT: [Int32] = []
    private var slots: (Int32, Int32, Int32) = (-1, -1, -1)

    init(_ m: Module, index: SymbolIndex) {
        self.m = m
        self.index = index
        var ids = TypeIDs(typeIndex: index.types)
        signatures = CompiledSignatures(&ids)
        self.ids = ids
        immediates = VerifierOpTable.immediate
        calleeTypes = Array(repeatElement(nil, count: m.functions.count))
        globalTypes = Array(repeatElement(nil, count: m.globals.count))
        declFields = Array(repeatElement(nil, count: m.types.count))
    }

    // MARK: module facts

    private mutating func callee(_ i: Int) -> [Int32] {
        if let t = calleeTypes[i] { return t }
        let f = m.functions[i]
        var t: [Int32] = []
        t.reserveCapacity(f.paramTypes.count + 1)
        for p in f.paramTypes { t.append(ids.id(p)) }
        t.append(ids.id(f.returnType))
        calleeTypes[i] = t
        return t
    }

    private mutating func globalType(_ i: Int) -> Int32 {
        if let t = globalTypes[i] { return t }
        let t = ids.id(m.globals[i].type)
        globalTypes[i] = t
        return t
    }

    private mutating func fields(ofDecl d: Int) -> [[Int32]] {
        if let fs = declFields[d] { return fs }
        var out: [[Int32]] = []
        switch m.types[d].kind {
        case .structure(let fs): out.append(fs.map { ids.id($0.type) })
        case .union(let vs): for v in vs { out.append(v.fields.map { ids.id($0.type) }) }
        }
        declFields[d] = out
        return out
    }

    private func isStruct(_ d: Int) -> Bool {
        if case .structure = m.types[d].kind { return true }
        return false
    }

    /// The declaration a `.named` type id refers to, or -1.
    @inline(__always) private func namedDecl(_ t: Int32) -> Int {
        ids.kind[Int(t)] == .named ? Int(ids.a[Int(t)]) : -1
    }

    // MARK: functions

    /// True when `FunctionVerifier` would report no error for `f`.
    mutating func check(_ f: Function) -> Bool {
        let nv = f.valueTypes.count
        guard f.valueDefs.count == nv, !f.layout.isEmpty else { return false }
        for t in f.paramTypes {
            let x = ids.id(t)
            guard ids.declared[Int(x)] else { return false }
        }
        let rx = ids.id(f.returnType)
        guard ids.declared[Int(rx)] else { return false }

        vt.removeAll(keepingCapacity: true)
        vt.reserveCapacity(nv)
        for i in 0..<nv { vt.append(ids.id(f.valueTypes[i])) }
        reset(&defPos, to: -2, count: nv)
        reset(&defBlock, to: -1, count: nv)
        reset(&layoutPos, to: -1, count: f.blocks.count)
        reset(&instSeen, to: false, count: f.insts.count)

        laid.removeAll(keepingCapacity: true)
        for b in f.layout {
            let bi = Int(b.index)
            guard bi >= 0, bi < f.blocks.count, layoutPos[bi] < 0 else { return false }
            layoutPos[bi] = Int32(laid.count)
            laid.append(b)
        }
        // Definitions, in layout order.
        for pos in 0..<laid.count {
            let b = laid[pos]
            let bi = Int(b.index)
            let np = f.blocks[bi].params.count
            for k in 0..<np {
                let p = f.blocks[bi].params[k]
                let i = Int(p.index)
                guard i >= 0, i < nv, defPos[i] == -2 else { return false }
                defBlock[i] = Int32(pos)
                defPos[i] = -1
                guard case .param(let ob, let ok) = f.valueDefs[i], ob == b, ok == k else { return false }
                guard ids.declared[Int(vt[i])] else { return false }
            }
            let ni = f.blocks[bi].insts.count
            for k in 0..<ni {
                let id = f.blocks[bi].insts[k]
                let ii = Int(id.index)
                guard ii >= 0, ii < f.insts.count, !instSeen[ii] else { return false }
                instSeen[ii] = true
                if let r = f.insts[ii].result {
                    let i = Int(r.index)
                    guard i >= 0, i < nv, defPos[i] == -2 else { return false }
                    defBlock[i] = Int32(pos)
                    defPos[i] = Int32(k)
                    guard case .inst(let d) = f.valueDefs[i], d == id else { return false }
                    guard ids.declared[Int(vt[i])] else { return false }
                }
            }
        }
        // Entry parameters are the function's parameters.
        let e = Int(laid[0].index)
        guard f.blocks[e].params.count == f.paramTypes.count else { return false }
        for k in 0..<f.paramTypes.count {
            guard vt[Int(f.blocks[e].params[k].index)] == ids.id(f.paramTypes[k]) else { return false }
        }

        if laid.count == 1 {
            reset(&rpo, to: 0, count: 1)
            reset(&idom, to: 0, count: 1)
        } else {
            computeDominators(f)
        }

        for pos in 0..<laid.count {
            let bi = Int(laid[pos].index)
            let ni = f.blocks[bi].insts.count
            for k in 0..<ni {
                guard checkInst(f, Int(f.blocks[bi].insts[k].index), pos, k) else { return false }
            }
            guard checkTerminator(f, bi, pos, ni) else { return false }
        }
        return true
    }

    @inline(__always) private func reset<T>(_ a: inout [T], to x: T, count n: Int) {
        a.removeAll(keepingCapacity: true)
        a.append(contentsOf: repeatElement(x, count: n))
    }

    // MARK: dominators (as FunctionVerifier.computeDominators)

    private mutating func computeDominators(_ f: Function) {
        let n = laid.count
        reset(&succStart, to: 0, count: n + 1)
        succs.removeAll(keepingCapacity: true)
        for p in 0..<n {
            switch f.blocks[Int(laid[p].index)].terminator {
            case .jump(let c): addSucc(c.block)
            case .brif(_, let t, let e): addSucc(t.block); addSucc(e.block)
            case .ret, .unreachable: break
            }
            succStart[p + 1] = Int32(succs.count)
        }
        order.removeAll(keepingCapacity: true)
        reset(&visited, to: false, count: n)
        stack.removeAll(keepingCapacity: true)
        stack.append((0, succStart[0]))
        visited[0] = true
        while !stack.isEmpty {
            let (node, next) = stack[stack.count - 1]
            if next < succStart[Int(node) + 1] {
                stack[stack.count - 1].1 += 1
                let s = succs[Int(next)]
                if !visited[Int(s)] { visited[Int(s)] = true; stack.append((s, succStart[Int(s)])) }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        order.reverse()
        reset(&rpo, to: -1, count: n)
        for (k, p) in order.enumerated() { rpo[Int(p)] = Int32(k) }
        reset(&predStart, to: 0, count: n + 1)
        for p in 0..<n where rpo[p] >= 0 {
            for k in Int(succStart[p])..<Int(succStart[p + 1]) { predStart[Int(succs[k]) + 1] += 1 }
        }
        for p in 0..<n { predStart[p + 1] += predStart[p] }
        reset(&preds, to: 0, count: Int(predStart[n]))
        fill.removeAll(keepingCapacity: true)
        fill.append(contentsOf: predStart)
        for p in 0..<n where rpo[p] >= 0 {
            for k in Int(succStart[p])..<Int(succStart[p + 1]) {
                let s = Int(succs[k])
                preds[Int(fill[s])] = Int32(p)
                fill[s] += 1
            }
        }
        reset(&idom, to: -1, count: n)
        idom[0] = 0
        var changed = true
        while changed {
            changed = false
            for oi in 1..<order.count {
                let p = Int(order[oi])
                var new: Int32 = -1
                for k in Int(predStart[p])..<Int(predStart[p + 1]) {
                    let q = preds[k]
                    if idom[Int(q)] >= 0 { new = new < 0 ? q : intersect(q, new) }
                }
                if new >= 0, idom[p] != new { idom[p] = new; changed = true }
            }
        }
    }

    @inline(__always) private mutating func addSucc(_ b: Block) {
        let bi = Int(b.index)
        if bi >= 0 && bi < layoutPos.count && layoutPos[bi] >= 0 { succs.append(layoutPos[bi]) }
    }

    private func intersect(_ a: Int32, _ b: Int32) -> Int32 {
        var x = a, y = b
        while x != y {
            while rpo[Int(x)] > rpo[Int(y)] { x = idom[Int(x)] }
            while rpo[Int(y)] > rpo[Int(x)] { y = idom[Int(y)] }
        }
        return x
    }

    private func dominates(_ a: Int32, _ b: Int32) -> Bool {
        var x = b
        while true {
            if x == a { return true }
            if x == 0 || idom[Int(x)] < 0 { return false }
            x = idom[Int(x)]
        }
    }

    /// The type id of a use, or -1 when the use is an error.
    @inline(__always) private func use(_ v: Value, _ blockPos: Int, _ instPos: Int) -> Int32 {
        let i = Int(v.index)
        guard i >= 0, i < defPos.count, defPos[i] != -2 else { return -1 }
        if rpo[blockPos] >= 0 {
            let db = defBlock[i]
            let ok = Int(db) == blockPos ? Int(defPos[i]) < instPos : (rpo[Int(db)] >= 0 && dominates(db, Int32(blockPos)))
            if !ok { return -1 }
        }
        return vt[i]
    }

    // MARK: instructions

    private mutating func checkInst(_ f: Function, _ ii: Int, _ blockPos: Int, _ instPos: Int) -> Bool {
        // Popped one by one: `removeAll(keepingCapacity:)` cost more than the few
        // operands an instruction has.
        while !argT.isEmpty { argT.removeLast() }
        let na = f.insts[ii].args.count
        for k in 0..<na {
            let t = use(f.insts[ii].args[k], blockPos, instPos)
            if t < 0 { return false }
            argT.append(t)
        }
        var result: Int32 = -1
        if let r = f.insts[ii].result { result = vt[Int(r.index)] }
        let op = f.insts[ii].op
        let opi = Int(op.rawValue)
        guard f.insts[ii].imm.kind == immediates[opi] else { return false }
        if f.insts[ii].inBounds && op != .listGet && op != .listSet { return false }
        if let sig = signatures.sigs[opi] {
            guard matches(sig, result) else { return false }
            switch op {
            case .bconst:
                if case .int(let v) = f.insts[ii].imm, v != 0 && v != 1 { return false }
            case .math1:
                if case .string(let s) = f.insts[ii].imm, !math1Functions.contains(s) { return false }
            case .math2:
                if case .string(let s) = f.insts[ii].imm, !math2Functions.contains(s) { return false }
            default: break
            }
            return true
        }
        return checkCustom(f, ii, op, result)
    }

    private mutating func matches(_ sig: CompiledSignatures.Sig, _ result: Int32) -> Bool {
        slots = (-1, -1, -1)
        if sig.result >= 0 {
            guard result >= 0, unify(sig.result, result) == true else { return false }
        } else if result >= 0 {
            return false
        }
        let fixed = Int(sig.operandCount)
        let count = argT.count
        if sig.repeatedCount == 0 {
            guard count == fixed else { return false }
        } else {
            let extra = count - fixed
            guard extra >= 0, extra % Int(sig.repeatedCount) == 0 else { return false }
        }
        for i in 0..<count {
            let root = i < fixed ? signatures.roots[Int(sig.operandStart) + i]
                : signatures.roots[Int(sig.repeatedStart) + (i - fixed) % Int(sig.repeatedCount)]
            guard unify(root, argT[i]) == true else { return false }
        }
        return true
    }

    /// As `FastBindings.unify`: nil for a variable without a slot.
    private mutating func unify(_ n: Int32, _ t: Int32) -> Bool? {
        let node = signatures.nodes[Int(n)]
        switch node.tag {
        case .concrete: return node.value == t
        case .variable:
            switch node.value {
            case 0: return bind(&slots.0, node.cls, t)
            case 1: return bind(&slots.1, node.cls, t)
            case 2: return bind(&slots.2, node.cls, t)
            default: return nil
            }
        case .list:
            guard ids.kind[Int(t)] == .list else { return false }
            return unify(node.first, ids.a[Int(t)])
        case .map:
            guard ids.kind[Int(t)] == .map else { return false }
            guard let x = unify(node.first, ids.a[Int(t)]) else { return nil }
            if !x { return false }
            return unify(node.second, ids.b[Int(t)])
        }
    }

    @inline(__always) private func bind(_ slot: inout Int32, _ cls: TypeClass, _ t: Int32) -> Bool {
        // Every occurrence's class holds, not only the first one's: in
        // "(T:big, T:big) -> T" the result binds T first, with no class.
        guard ids.admits(cls, t) else { return false }
        if slot >= 0 { return slot == t }
        slot = t
        return true
    }

    /// The field type ids a field immediate names, or nil when it names none.
    private mutating func fieldTypes(_ r: FieldRef) -> (decl: Int, types: [Int32])? {
        guard let d = index.types[r.typeName] else { return nil }
        let fs = fields(ofDecl: d)
        if isStruct(d) {
            guard r.variant == -1 else { return nil }
            return (d, fs[0])
        }
        guard r.variant >= 0, Int(r.variant) < fs.count else { return nil }
        return (d, fs[Int(r.variant)])
    }

    private mutating func checkCustom(_ f: Function, _ ii: Int, _ op: Opcode, _ result: Int32) -> Bool {
        switch (op, f.insts[ii].imm) {
        case (.structNew, _), (.recordNew, _):
            let d = result >= 0 ? namedDecl(result) : -1
            guard d >= 0, isStruct(d) else { return false }
            return argT == fields(ofDecl: d)[0]
        case (.variantNew, .variant(let r)):
            guard let d = index.types[r.typeName], !isStruct(d) else { return false }
            let fs = fields(ofDecl: d)
            guard r.variant >= 0, Int(r.variant) < fs.count else { return false }
            guard result >= 0, namedDecl(result) == d else { return false }
            return argT == fs[Int(r.variant)]
        case (.fieldGet, .field(let r)):
            guard let (d, fs) = fieldTypes(r), r.field >= 0, Int(r.field) < fs.count else { return false }
            guard argT.count == 1, namedDecl(argT[0]) == d else { return false }
            return result >= 0 && result == fs[Int(r.field)]
        case (.fieldSet, .field(let r)):
            guard let (d, fs) = fieldTypes(r), r.field >= 0, Int(r.field) < fs.count else { return false }
            guard argT.count == 2, namedDecl(argT[0]) == d else { return false }
            return argT[1] == fs[Int(r.field)] && result < 0
        case (.variantTag, _):
            guard argT.count == 1 else { return false }
            let d = namedDecl(argT[0])
            guard d >= 0, !isStruct(d) else { return false }
            return result == TypeIDs.i64
        case (.call, .function(let name)):
            guard let ci = index.functions[name] else { return false }
            let t = callee(ci)
            let np = t.count - 1
            guard argT.count == np else { return false }
            for k in 0..<np where argT[k] != t[k] { return false }
            let rt = t[np]
            return rt == TypeIDs.unit ? result < 0 : result == rt
        case (.closureNew, .function(let name)):
            guard let ci = index.functions[name] else { return false }
            guard result >= 0, ids.kind[Int(result)] == .fn else { return false }
            let t = callee(ci)
            let np = t.count - 1
            let ps = Int(ids.b[Int(result)]), pc = Int(ids.c[Int(result)])
            guard argT.count + pc == np else { return false }
            for k in 0..<argT.count where argT[k] != t[k] { return false }
            for k in 0..<pc where ids.fnParams[ps + k] != t[argT.count + k] { return false }
            return ids.a[Int(result)] == t[np]
        case (.callClosure, _):
            guard let first = argT.first, ids.kind[Int(first)] == .fn else { return false }
            let ps = Int(ids.b[Int(first)]), pc = Int(ids.c[Int(first)])
            guard argT.count - 1 == pc else { return false }
            for k in 0..<pc where argT[k + 1] != ids.fnParams[ps + k] { return false }
            let rt = ids.a[Int(first)]
            return rt == TypeIDs.unit ? result < 0 : result == rt
        case (.globalGet, .global(let g)):
            guard let gi = index.globals[g], argT.isEmpty else { return false }
            return result >= 0 && result == globalType(gi)
        case (.globalSet, .global(let g)):
            guard let gi = index.globals[g], argT.count == 1 else { return false }
            return argT[0] == globalType(gi) && result < 0
        default:
            return false
        }
    }

    // MARK: terminators

    private mutating func checkCall(_ f: Function, _ c: BlockCall, _ pos: Int, _ at: Int) -> Bool {
        let bi = Int(c.block.index)
        guard bi >= 0, bi < layoutPos.count, layoutPos[bi] >= 0 else { return false }
        let n = c.args.count
        guard f.blocks[bi].params.count == n else { return false }
        for k in 0..<n {
            let t = use(c.args[k], pos, at)
            guard t >= 0, t == vt[Int(f.blocks[bi].params[k].index)] else { return false }
        }
        return true
    }

    private mutating func checkTerminator(_ f: Function, _ bi: Int, _ pos: Int, _ at: Int) -> Bool {
        switch f.blocks[bi].terminator {
        case .jump(let c): return checkCall(f, c, pos, at)
        case .brif(let cond, let x, let y):
            guard use(cond, pos, at) == TypeIDs.bool else { return false }
            return checkCall(f, x, pos, at) && checkCall(f, y, pos, at)
        case .ret(let v):
            let rt = ids.id(f.returnType)
            guard let v = v else { return rt == TypeIDs.unit }
            let t = use(v, pos, at)
            return t >= 0 && rt != TypeIDs.unit && t == rt
        case .unreachable: return true
        }
    }
}
