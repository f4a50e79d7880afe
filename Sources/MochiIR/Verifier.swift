// The IR verifier: every tool runs it on its input so a malformed module is a clear
// list of errors instead of a crash or a miscompile downstream. It checks the module
// tables (unique names, declared types), the shape of each function (layout, entry
// parameters, single definitions, dominance of every use, block-call arguments,
// terminators) and the types of every instruction: table-driven through
// `Opcode.signature` for ordinary ops, by hand for the "custom" ops whose types
// depend on module declarations.
//
// It never traps on a malformed module (indices out of range are reported, not
// followed), and values and blocks are named by their canonical numbers, so a
// message lines up with the printed text of the function.

public struct VerifierError: Error, Equatable, CustomStringConvertible {
    /// The function, when the error is inside one.
    public var function: String?
    /// Canonical block number.
    public var block: Int?
    /// Index of the instruction in its block; equal to the block's instruction count
    /// for the terminator.
    public var inst: Int?
    public var isTerminator: Bool
    public var loc: SourceLoc
    public var message: String

    public init(function: String? = nil, block: Int? = nil, inst: Int? = nil, isTerminator: Bool = false,
                loc: SourceLoc = .unknown, message: String) {
        self.function = function; self.block = block; self.inst = inst
        self.isTerminator = isTerminator; self.loc = loc; self.message = message
    }

    /// `@main b1 inst 2 !4:12: message` (parts that are unknown are left out).
    public var description: String {
        var s = ""
        if let f = function { s += "@" + f }
        if let b = block { s += (s.isEmpty ? "" : " ") + "b\(b)" }
        if isTerminator { s += " terminator" } else if let i = inst { s += " inst \(i)" }
        if loc.isKnown { s += " !\(loc.line):\(loc.column)" }
        return s.isEmpty ? message : s + ": " + message
    }
}

/// The libm functions `math1` and `math2` may name.
public let math1Functions: [String] = ["sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "exp", "log", "log10",
                                       "log2", "floor", "ceil", "fabs", "round", "trunc",
                                       "sinh", "cosh", "tanh", "cbrt", "expm1", "log1p"]
public let math2Functions: [String] = ["pow", "atan2", "fmod", "hypot", "fmin", "fmax"]

/// Checks a module; an empty result means it is well formed.
public func verify(_ m: Module) -> [VerifierError] {
    var v = Verifier(m)
    v.run()
    return v.errors
}

extension ImmediateKind {
    var label: String {
        switch self {
        case .none: return "no"
        case .int: return "an int"
        case .float: return "a float"
        case .string: return "a string"
        case .cond: return "a condition"
        case .field: return "a field"
        case .variant: return "a variant"
        case .function: return "a function"
        case .global: return "a global"
        }
    }
}

/// The module and its name lookups, shared read-only by the function checks.
struct VerifierContext {
    let m: Module
    let index: SymbolIndex

    func decl(_ name: String) -> TypeDecl? { index.types[name].map { m.types[$0] } }

    /// The first named type inside `t` that is not declared.
    func missingName(_ t: IRType) -> String? {
        switch t {
        case .i64, .f64, .bool, .str, .unit, .any, .bigint, .bigrat: return nil
        case .list(let e): return missingName(e)
        case .map(let k, let v): return missingName(k) ?? missingName(v)
        case .named(let n): return index.types[n] == nil ? n : nil
        case .fn(let ps, let r):
            for p in ps { if let n = missingName(p) { return n } }
            return missingName(r)
        }
    }
}

struct Verifier {
    let ctx: VerifierContext
    var errors: [VerifierError] = []
    var m: Module { ctx.m }
    var index: SymbolIndex { ctx.index }

    init(_ m: Module) {
        ctx = VerifierContext(m: m, index: SymbolIndex(m))
    }

    mutating func moduleError(_ msg: String) { errors.append(VerifierError(message: msg)) }
    func missingName(_ t: IRType) -> String? { ctx.missingName(t) }

    mutating func run() {
        for (k, d) in m.types.enumerated() where index.types[d.name] != k {
            moduleError("duplicate type %\(d.name)")
        }
        for (k, g) in m.globals.enumerated() where index.globals[g.name] != k {
            moduleError("duplicate global @\(g.name)")
        }
        for (k, f) in m.functions.enumerated() where index.functions[f.name] != k {
            moduleError("duplicate function @\(f.name)")
        }
        for d in m.types {
            func checkFields(_ fs: [FieldDecl], _ owner: String, _ v: inout Verifier) {
                for (k, f) in fs.enumerated() {
                    if fs[..<k].contains(where: { $0.name == f.name }) { v.moduleError("\(owner): duplicate field \(f.name)") }
                    if let n = v.missingName(f.type) { v.moduleError("\(owner): field \(f.name) has undeclared type %\(n)") }
                }
            }
            switch d.kind {
            case .structure(let fs): checkFields(fs, "type %\(d.name)", &self)
            case .union(let vs):
                for (k, vd) in vs.enumerated() {
                    if vs[..<k].contains(where: { $0.name == vd.name }) { moduleError("type %\(d.name): duplicate variant \(vd.name)") }
                    checkFields(vd.fields, "type %\(d.name).\(vd.name)", &self)
                }
            }
        }
        for g in m.globals {
            if let n = missingName(g.type) { moduleError("global @\(g.name) has undeclared type %\(n)") }
        }
        // Each function gets the fast yes/no check first; only a function it does not
        // accept is checked again in full, which finds and words the errors.
        var fast = FastVerifier(m, index: index)
        for f in m.functions {
            if fast.check(f) {
                checkInBoundsMarks(f)
                checkVariantAccesses(f)
                continue
            }
            var fv = FunctionVerifier(f, ctx)
            fv.run()
            errors.append(contentsOf: fv.errors)
            if fv.errors.isEmpty {
                checkInBoundsMarks(f)
                checkVariantAccesses(f)
            }
        }
    }

    /// An `inbounds` mark is a claim that the access cannot go out of range, and a
    /// backend may drop the access's check because of it: the claim is checked here
    /// against the proof that makes it (InBoundsProof.swift), so a file cannot buy an
    /// unchecked access with a mark. Only a valid function gets here; a function with
    /// no mark costs one walk.
    mutating func checkInBoundsMarks(_ f: Function) {
        guard f.insts.contains(where: { $0.inBounds }) else { return }
        var proved = Set<Int32>()
        for id in provedInBoundsAccesses(f) { proved.insert(id.index) }
        let numbering = CanonicalNumbering(f)
        for (bp, b) in f.layout.enumerated() {
            for (k, id) in f[b].insts.enumerated() {
                let inst = f.insts[Int(id.index)]
                guard inst.inBounds, !proved.contains(id.index) else { continue }
                let block = Int(numbering.blockNumber[Int(b.index)])
                errors.append(VerifierError(function: f.name, block: block >= 0 ? block : bp, inst: k, loc: inst.loc,
                                            message: "\(inst.op.info.name) is marked inbounds, but its index is not "
                                                + "proved in range here (the mark is only valid where the bce pass can prove it)"))
            }
        }
    }
}

extension Verifier {
    /// A union variant's field is read or written only where the operand is proved to
    /// be of that variant (VariantProof.swift): the backends read it as a plain load
    /// from an object sized for its own variant. Only a valid function gets here; a
    /// function with no variant field access costs one walk.
    mutating func checkVariantAccesses(_ f: Function) {
        let unproved = Set(unprovedVariantAccesses(f, variantCount: { name in
            guard let d = self.ctx.decl(name), case .union(let vs) = d.kind else { return nil }
            return vs.count
        }).map { $0.index })
        if unproved.isEmpty { return }
        let numbering = CanonicalNumbering(f)
        for (bp, b) in f.layout.enumerated() {
            for (k, id) in f[b].insts.enumerated() where unproved.contains(id.index) {
                let inst = f.insts[Int(id.index)]
                var what = "a union variant"
                if case .field(let r) = inst.imm, let d = ctx.decl(r.typeName), case .union(let vs) = d.kind,
                   vs.indices.contains(Int(r.variant)) {
                    what = "%\(r.typeName).\(vs[Int(r.variant)].name)"
                }
                let block = Int(numbering.blockNumber[Int(b.index)])
                errors.append(VerifierError(function: f.name, block: block >= 0 ? block : bp, inst: k, loc: inst.loc,
                                            message: "\(inst.op.info.name) of a field of \(what), but its operand "
                                                + "is not tested to be that variant here (a dominating branch on its variant.tag)"))
            }
        }
    }
}

/// Canonical numbers, computed on first use: they only name values and blocks in
/// messages, and a valid function (the common case) never asks, so numbering every
/// function up front was pure overhead (a class so that `name` can stay non-mutating).
final class LazyNumbering {
    let f: Function
    init(_ f: Function) { self.f = f }
    lazy var numbering = CanonicalNumbering(f)
}

/// Per-opcode facts checked for every instruction, read from the opcode table once:
/// `Opcode.info` builds a whole `OpInfo` on each access, and only the immediate kind
/// is needed unless there is an error to describe.
enum VerifierOpTable {
    static let immediate: [ImmediateKind] = Opcode.allCases.map { $0.info.immediate }
}

struct FunctionVerifier {
    let f: Function
    let mv: VerifierContext
    let numbering: LazyNumbering
    var errors: [VerifierError] = []

    // Where each value is defined: layout position of its block and its position in
    // the block (-1 for a block parameter); -1/-2 when undefined.
    var defBlock: [Int]
    var defPos: [Int]
    // Layout position of each block (by Block.index), -1 when not laid out.
    var layoutPos: [Int]
    var laid: [Block] = []
    var idom: [Int] = []
    var rpoIndex: [Int] = []
    // Scratch operand types, reused for every instruction and block call rather than
    // building a fresh array per instruction (one allocation each).
    var argTypes: [IRType] = []
    var callTypes: [IRType?] = []

    // Where the current error is.
    var curBlock: Int?
    var curInst: Int?
    var curTerm = false
    var curLoc = SourceLoc.unknown

    init(_ f: Function, _ mv: VerifierContext) {
        self.f = f
        self.mv = mv
        numbering = LazyNumbering(f)
        defBlock = Array(repeatElement(-1 as Int, count: f.valueTypes.count))
        defPos = Array(repeatElement(-2 as Int, count: f.valueTypes.count))
        layoutPos = Array(repeatElement(-1 as Int, count: f.blocks.count))
    }

    mutating func error(_ msg: String) {
        errors.append(VerifierError(function: f.name, block: curBlock, inst: curInst, isTerminator: curTerm,
                                    loc: curLoc, message: msg))
    }

    func name(_ v: Value) -> String {
        if let n = numbering.numbering.number(of: v) { return "v\(n)" }
        return "value #\(v.index)"
    }

    func name(_ b: Block) -> String {
        if let n = numbering.numbering.number(of: b) { return "b\(n)" }
        return "block #\(b.index)"
    }

    func type(_ v: Value) -> IRType? {
        let i = Int(v.index)
        return i >= 0 && i < f.valueTypes.count ? f.valueTypes[i] : nil
    }

    mutating func run() {
        if f.valueDefs.count != f.valueTypes.count {
            error("value tables differ in length (\(f.valueTypes.count) types, \(f.valueDefs.count) definitions)")
        }
        for t in f.paramTypes { if let n = mv.missingName(t) { error("parameter type has undeclared type %\(n)") } }
        if let n = mv.missingName(f.returnType) { error("return type has undeclared type %\(n)") }
        guard !f.layout.isEmpty else { error("function has no blocks"); return }

        // Layout and definitions.
        var instSeen: [Bool] = Array(repeatElement(false, count: f.insts.count))
        for b in f.layout {
            let bi = Int(b.index)
            guard bi >= 0, bi < f.blocks.count else { error("layout names block #\(b.index), which does not exist"); continue }
            guard layoutPos[bi] < 0 else { error("block \(name(b)) appears twice in the layout"); continue }
            layoutPos[bi] = laid.count
            laid.append(b)
        }
        guard !laid.isEmpty else { return }
        for (pos, b) in laid.enumerated() {
            curBlock = pos
            let data = f.blocks[Int(b.index)]
            for (k, p) in data.params.enumerated() {
                define(p, pos, -1)
                if let t = type(p) {
                    if Int(p.index) < f.valueDefs.count, f.valueDefs[Int(p.index)] != .param(b, k) {
                        error("\(name(p)) is recorded with another definition")
                    }
                    if let n = mv.missingName(t) { error("\(name(p)) has undeclared type %\(n)") }
                }
            }
            for (k, id) in data.insts.enumerated() {
                curInst = k
                let ii = Int(id.index)
                guard ii >= 0, ii < f.insts.count else { error("block lists instruction #\(id.index), which does not exist"); continue }
                guard !instSeen[ii] else { error("instruction #\(id.index) appears in more than one place"); continue }
                instSeen[ii] = true
                if let r = f.insts[ii].result {
                    curLoc = f.insts[ii].loc
                    define(r, pos, k)
                    if let t = type(r) {
                        if Int(r.index) < f.valueDefs.count, f.valueDefs[Int(r.index)] != .inst(id) {
                            error("\(name(r)) is recorded with another definition")
                        }
                        if let n = mv.missingName(t) { error("\(name(r)) has undeclared type %\(n)") }
                    }
                    curLoc = .unknown
                }
            }
            curInst = nil
        }
        curBlock = nil

        // Entry parameters are the function's parameters.
        let entry = f.blocks[Int(laid[0].index)]
        curBlock = 0
        if entry.params.count != f.paramTypes.count {
            error("entry block has \(entry.params.count) parameter(s), the function \(f.paramTypes.count)")
        } else {
            for (k, p) in entry.params.enumerated() {
                if let t = type(p), t != f.paramTypes[k] {
                    error("entry parameter \(k + 1) has type \(typeText(t)), the function's is \(typeText(f.paramTypes[k]))")
                }
            }
        }
        curBlock = nil

        if laid.count == 1 {
            // One block: it is its own (reachable) dominator; every use is checked
            // against the position in the block, so the CFG walk is not needed.
            rpoIndex = [0]
            idom = [0]
        } else {
            computeDominators()
        }

        for (pos, b) in laid.enumerated() {
            curBlock = pos
            let data = f.blocks[Int(b.index)]
            for (k, id) in data.insts.enumerated() {
                let ii = Int(id.index)
                guard ii >= 0, ii < f.insts.count else { continue }
                curInst = k
                curLoc = f.insts[ii].loc
                checkInst(f.insts[ii], pos, k)
            }
            curInst = data.insts.count
            curTerm = true
            curLoc = data.terminatorLoc
            checkTerminator(data, pos)
            curTerm = false
            curInst = nil
            curLoc = .unknown
        }
    }

    mutating func define(_ v: Value, _ blockPos: Int, _ instPos: Int) {
        let i = Int(v.index)
        guard i >= 0, i < f.valueTypes.count else { error("defines value #\(v.index), which does not exist"); return }
        guard defPos[i] == -2 else { error("\(name(v)) is defined more than once"); return }
        defBlock[i] = blockPos
        defPos[i] = instPos
    }

    // MARK: dominators (Cooper, Harvey, Kennedy: "A Simple, Fast Dominance Algorithm")

    /// Calls `body` with the layout position of each laid-out successor of the block
    /// at `pos`, in `Terminator.successors` order, without building that array.
    func forEachSuccessor(_ pos: Int, _ body: (Int) -> Void) {
        func visit(_ c: BlockCall) {
            let bi = Int(c.block.index)
            if bi >= 0 && bi < layoutPos.count && layoutPos[bi] >= 0 { body(layoutPos[bi]) }
        }
        switch f.blocks[Int(laid[pos].index)].terminator {
        case .jump(let c): visit(c)
        case .brif(_, let t, let e): visit(t); visit(e)
        case .ret, .unreachable: break
        }
    }

    mutating func computeDominators() {
        let n = laid.count
        // Successor and predecessor lists flattened into one array each (start
        // offsets per block), instead of an array per block: a few allocations per
        // function rather than two per block.
        var succStart: [Int] = Array(repeatElement(0, count: n + 1))
        var succs: [Int] = []
        succs.reserveCapacity(2 * n)
        for p in 0..<n {
            forEachSuccessor(p) { succs.append($0) }
            succStart[p + 1] = succs.count
        }
        // Reverse postorder by an explicit-stack DFS from the entry.
        var order: [Int] = []
        order.reserveCapacity(n)
        var visited: [Bool] = Array(repeatElement(false, count: n))
        var stack: [(Int, Int)] = [(0, succStart[0])]
        visited[0] = true
        while !stack.isEmpty {
            let (node, next) = stack[stack.count - 1]
            if next < succStart[node + 1] {
                stack[stack.count - 1].1 += 1
                let s = succs[next]
                if !visited[s] { visited[s] = true; stack.append((s, succStart[s])) }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        order.reverse()
        rpoIndex = Array(repeatElement(-1 as Int, count: n))
        for (k, p) in order.enumerated() { rpoIndex[p] = k }
        // Predecessors of each block, from reachable blocks only, in the order the
        // per-block lists had them (by predecessor position, then successor order).
        var predStart: [Int] = Array(repeatElement(0, count: n + 1))
        for p in 0..<n where rpoIndex[p] >= 0 {
            for k in succStart[p]..<succStart[p + 1] { predStart[succs[k] + 1] += 1 }
        }
        for p in 0..<n { predStart[p + 1] += predStart[p] }
        var preds: [Int] = Array(repeatElement(0, count: predStart[n]))
        var fill = predStart
        for p in 0..<n where rpoIndex[p] >= 0 {
            for k in succStart[p]..<succStart[p + 1] {
                let s = succs[k]
                preds[fill[s]] = p
                fill[s] += 1
            }
        }
        idom = Array(repeatElement(-1 as Int, count: n))
        idom[0] = 0
        var changed = true
        while changed {
            changed = false
            for p in order.dropFirst() {
                var new = -1
                for k in predStart[p]..<predStart[p + 1] {
                    let q = preds[k]
                    if idom[q] >= 0 { new = new < 0 ? q : intersect(q, new) }
                }
                if new >= 0, idom[p] != new { idom[p] = new; changed = true }
            }
        }
    }

    func intersect(_ a: Int, _ b: Int) -> Int {
        var x = a, y = b
        while x != y {
            while rpoIndex[x] > rpoIndex[y] { x = idom[x] }
            while rpoIndex[y] > rpoIndex[x] { y = idom[y] }
        }
        return x
    }

    /// True when block `a` dominates block `b` (both reachable).
    func dominates(_ a: Int, _ b: Int) -> Bool {
        var x = b
        while true {
            if x == a { return true }
            if x == 0 || idom[x] < 0 { return false }
            x = idom[x]
        }
    }

    /// Checks one use; returns its type when the value is usable.
    mutating func use(_ v: Value, _ blockPos: Int, _ instPos: Int) -> IRType? {
        let i = Int(v.index)
        guard i >= 0, i < f.valueTypes.count, defPos[i] != -2 else {
            error("uses value #\(v.index), which is not defined in any block")
            return nil
        }
        let reachable = rpoIndex[blockPos] >= 0
        if reachable {
            let db = defBlock[i]
            let ok = db == blockPos ? defPos[i] < instPos : (rpoIndex[db] >= 0 && dominates(db, blockPos))
            if !ok { error("\(name(v)) does not dominate this use") }
        }
        return f.valueTypes[i]
    }

    // MARK: instructions

    mutating func checkInst(_ inst: Inst, _ blockPos: Int, _ instPos: Int) {
        argTypes.removeAll(keepingCapacity: true)
        var allKnown = true
        for a in inst.args {
            if let t = use(a, blockPos, instPos) { argTypes.append(t) } else { allKnown = false }
        }
        let resultType = inst.result.flatMap { type($0) }
        let immediate = VerifierOpTable.immediate[Int(inst.op.rawValue)]
        guard inst.imm.kind == immediate else {
            let info = inst.op.info
            error("\(info.name) expects \(info.immediate.label) immediate, got \(inst.imm.kind.label)")
            return
        }
        // `inbounds` is a proof the verifier cannot check; it only keeps it where it
        // means something (an element read or write of a list).
        if inst.inBounds && inst.op != .listGet && inst.op != .listSet {
            error("\(inst.op.info.name) cannot be marked inbounds (only list.get and list.set)")
        }
        guard allKnown, inst.result == nil || resultType != nil else { return }
        if let fast = FastSignature.table[Int(inst.op.rawValue)] {
            // The fast matcher decides the common, well-typed case without building
            // messages or a bindings dictionary; `check` (the reference) runs only
            // when it fails or cannot decide, and writes the message.
            if fast.matches(argTypes, resultType) != true, let sig = inst.op.signature,
               let msg = sig.check(operands: argTypes, result: resultType) {
                error("\(inst.op.info.name): \(msg)")
            }
            switch (inst.op, inst.imm) {
            case (.bconst, .int(let v)) where v != 0 && v != 1: error("bconst: immediate must be 0 or 1, got \(v)")
            case (.math1, .string(let s)) where !math1Functions.contains(s): error("math1: unknown function \"\(s)\"")
            case (.math2, .string(let s)) where !math2Functions.contains(s): error("math2: unknown function \"\(s)\"")
            default: break
            }
            return
        }
        checkCustom(inst, argTypes, resultType)
    }

    mutating func expectCount(_ op: String, _ got: Int, _ want: Int) -> Bool {
        if got != want { error("\(op): expected \(want) operand(s), got \(got)") }
        return got == want
    }

    mutating func expectResult(_ op: String, _ r: IRType?, _ want: IRType?) {
        switch (r, want) {
        case (nil, nil): break
        case (nil, let w?): error("\(op): expected a result of type \(typeText(w))")
        case (let g?, nil): error("\(op): defines no value, but has a result of type \(typeText(g))")
        case (let g?, let w?): if g != w { error("\(op): result type \(typeText(g)) should be \(typeText(w))") }
        }
    }

    /// Operand types against field types, in order.
    mutating func matchFields(_ op: String, _ args: [IRType], _ fields: [FieldDecl], _ owner: String) {
        guard args.count == fields.count else {
            error("\(op): \(owner) has \(fields.count) field(s), got \(args.count) operand(s)")
            return
        }
        for (k, (a, fd)) in zip(args, fields).enumerated() where a != fd.type {
            error("\(op): operand \(k + 1) has type \(typeText(a)), field \(fd.name) of \(owner) is \(typeText(fd.type))")
        }
    }

    mutating func matchParams(_ op: String, _ args: [IRType], _ params: [IRType], _ callee: String) {
        guard args.count == params.count else {
            error("\(op): \(callee) takes \(params.count) argument(s), got \(args.count)")
            return
        }
        for (k, (a, p)) in zip(args, params).enumerated() where a != p {
            error("\(op): argument \(k + 1) has type \(typeText(a)), \(callee) expects \(typeText(p))")
        }
    }

    /// The fields a field immediate names, or nil after reporting why not.
    mutating func fieldDecl(_ op: String, _ r: FieldRef) -> FieldDecl? {
        guard let d = mv.decl(r.typeName) else { error("\(op): unknown type %\(r.typeName)"); return nil }
        let fs: [FieldDecl]
        switch d.kind {
        case .structure(let s):
            guard r.variant == -1 else { error("\(op): %\(r.typeName) is a struct, but the field names variant \(r.variant)"); return nil }
            fs = s
        case .union(let vs):
            guard vs.indices.contains(Int(r.variant)) else { error("\(op): %\(r.typeName) has no variant #\(r.variant)"); return nil }
            fs = vs[Int(r.variant)].fields
        }
        guard fs.indices.contains(Int(r.field)) else { error("\(op): unknown field #\(r.field) of %\(r.typeName)"); return nil }
        return fs[Int(r.field)]
    }

    mutating func checkCustom(_ inst: Inst, _ args: [IRType], _ result: IRType?) {
        let op = inst.op.info.name
        switch (inst.op, inst.imm) {
        case (.structNew, _), (.recordNew, _):
            guard case .named(let n)? = result, let d = mv.decl(n), case .structure(let fs) = d.kind else {
                error("\(op): result must be a declared struct type" + (result.map { ", got \(typeText($0))" } ?? ""))
                return
            }
            matchFields(op, args, fs, "%\(n)")
        case (.variantNew, .variant(let r)):
            guard let d = mv.decl(r.typeName) else { error("variant.new: unknown type %\(r.typeName)"); return }
            guard case .union(let vs) = d.kind, vs.indices.contains(Int(r.variant)) else {
                error("variant.new: %\(r.typeName) has no variant #\(r.variant)")
                return
            }
            expectResult(op, result, .named(r.typeName))
            matchFields(op, args, vs[Int(r.variant)].fields, "%\(r.typeName).\(vs[Int(r.variant)].name)")
        case (.fieldGet, .field(let r)):
            guard let fd = fieldDecl(op, r), expectCount(op, args.count, 1) else { return }
            if args[0] != .named(r.typeName) { error("field.get: operand has type \(typeText(args[0])), expected %\(r.typeName)") }
            expectResult(op, result, fd.type)
        case (.fieldSet, .field(let r)):
            guard let fd = fieldDecl(op, r), expectCount(op, args.count, 2) else { return }
            if args[0] != .named(r.typeName) { error("field.set: operand 1 has type \(typeText(args[0])), expected %\(r.typeName)") }
            if args[1] != fd.type { error("field.set: value has type \(typeText(args[1])), field \(fd.name) is \(typeText(fd.type))") }
            expectResult(op, result, nil)
        case (.variantTag, _):
            guard expectCount(op, args.count, 1) else { return }
            guard case .named(let n) = args[0], let d = mv.decl(n), case .union = d.kind else {
                error("variant.tag: operand has type \(typeText(args[0])), expected a declared union")
                return
            }
            expectResult(op, result, .i64)
        case (.call, .function(let fname)):
            guard let ci = mv.index.functions[fname] else { error("call: unknown function @\(fname)"); return }
            let callee = mv.m.functions[ci]
            matchParams(op, args, callee.paramTypes, "@\(fname)")
            expectResult(op, result, callee.returnType == .unit ? nil : callee.returnType)
        case (.closureNew, .function(let fname)):
            guard let ci = mv.index.functions[fname] else { error("closure.new: unknown function @\(fname)"); return }
            let callee = mv.m.functions[ci]
            guard case .fn(let ps, let r)? = result else {
                error("closure.new: result must be a fn type" + (result.map { ", got \(typeText($0))" } ?? ""))
                return
            }
            let want = args + ps
            if want != callee.paramTypes {
                error("closure.new: captures (\(args.map(typeText).joined(separator: ", "))) then parameters (\(ps.map(typeText).joined(separator: ", "))) do not match @\(fname)'s parameters (\(callee.paramTypes.map(typeText).joined(separator: ", ")))")
            }
            if r != callee.returnType {
                error("closure.new: result returns \(typeText(r)), @\(fname) returns \(typeText(callee.returnType))")
            }
        case (.callClosure, _):
            guard let first = args.first else { error("call.closure: expected a closure operand"); return }
            guard case .fn(let ps, let r) = first else {
                error("call.closure: operand 1 has type \(typeText(first)), expected a fn type")
                return
            }
            matchParams(op, Array(args.dropFirst()), ps, "the closure")
            expectResult(op, result, r == .unit ? nil : r)
        case (.globalGet, .global(let g)):
            guard let gi = mv.index.globals[g] else { error("global.get: unknown global @\(g)"); return }
            _ = expectCount(op, args.count, 0)
            expectResult(op, result, mv.m.globals[gi].type)
        case (.globalSet, .global(let g)):
            guard let gi = mv.index.globals[g] else { error("global.set: unknown global @\(g)"); return }
            guard expectCount(op, args.count, 1) else { return }
            let t = mv.m.globals[gi].type
            if args[0] != t { error("global.set: value has type \(typeText(args[0])), @\(g) is \(typeText(t))") }
            expectResult(op, result, nil)
        default:
            error("\(op): no type rule") // unreachable while the immediate kind matched
        }
    }

    // MARK: terminators

    mutating func checkTerminator(_ data: BlockData, _ pos: Int) {
        let at = data.insts.count
        func call(_ c: BlockCall, _ kw: String, _ v: inout FunctionVerifier) {
            v.callTypes.removeAll(keepingCapacity: true)
            for a in c.args { v.callTypes.append(v.use(a, pos, at)) }
            let types = v.callTypes
            let bi = Int(c.block.index)
            guard bi >= 0, bi < v.layoutPos.count, v.layoutPos[bi] >= 0 else {
                v.error("\(kw) to block #\(c.block.index), which is not in the layout")
                return
            }
            let params = v.f.blocks[bi].params
            guard params.count == c.args.count else {
                v.error("\(kw) passes \(c.args.count) argument(s) to \(v.name(c.block)), which takes \(params.count)")
                return
            }
            for (k, (t, p)) in zip(types, params).enumerated() {
                if let t = t, let pt = v.type(p), t != pt {
                    v.error("\(kw) argument \(k + 1) to \(v.name(c.block)) has type \(typeText(t)), the parameter \(typeText(pt))")
                }
            }
        }
        switch data.terminator {
        case .jump(let c): call(c, "jump", &self)
        case .brif(let cond, let x, let y):
            if let t = use(cond, pos, at), t != .bool { error("brif condition \(name(cond)) has type \(typeText(t)), expected bool") }
            call(x, "brif", &self)
            call(y, "brif", &self)
        case .ret(let v):
            if let v = v {
                if let t = use(v, pos, at) {
                    if f.returnType == .unit { error("ret of a value from a function returning unit") }
                    else if t != f.returnType { error("ret value has type \(typeText(t)), the function returns \(typeText(f.returnType))") }
                }
            } else if f.returnType != .unit {
                error("ret without a value from a function returning \(typeText(f.returnType))")
            }
        case .unreachable: break
        }
    }
}

/// A type pattern with its variables numbered (K, T, V: 0, 1, 2), so matching
/// compares small integers instead of Characters; nil slot for any other letter.
indirect enum FastPattern {
    case concrete(IRType)
    case variable(Int?, TypeClass)
    case list(FastPattern)
    case map(FastPattern, FastPattern)

    init(_ p: TypePattern) {
        switch p {
        case .concrete(let t): self = .concrete(t)
        case .variable(let c, let cls):
            self = .variable(c == "K" ? 0 : c == "T" ? 1 : c == "V" ? 2 : nil, cls)
        case .list(let e): self = .list(FastPattern(e))
        case .map(let k, let v): self = .map(FastPattern(k), FastPattern(v))
        }
    }
}

/// An opcode's `Signature` in matcher-friendly form, built once per opcode (nil for
/// the custom ops). `matches` says true exactly when `Signature.check` would return
/// nil, or nil when it cannot decide (leaving it to `check`); bindings live in three
/// optionals instead of check's `[Character: IRType]`, which hashed a Character per
/// operand of every instruction.
struct FastSignature {
    let operands: [FastPattern]
    let repeated: [FastPattern]
    let result: FastPattern?

    static let table: [FastSignature?] = Opcode.allCases.map { op in
        op.signature.map {
            FastSignature(operands: $0.operands.map(FastPattern.init), repeated: $0.repeated.map(FastPattern.init),
                          result: $0.result.map(FastPattern.init))
        }
    }

    func matches(_ ops: [IRType], _ result: IRType?) -> Bool? {
        var b = FastBindings()
        if let rp = self.result {
            guard let r = result else { return false }
            guard let ok = b.unify(rp, r), ok else { return false }
        } else if result != nil {
            return false
        }
        let fixed = operands.count
        if repeated.isEmpty {
            guard ops.count == fixed else { return false }
        } else {
            let extra = ops.count - fixed
            guard extra >= 0, extra % repeated.count == 0 else { return false }
        }
        var i = 0
        for t in ops {
            let pat = i < fixed ? operands[i] : repeated[(i - fixed) % repeated.count]
            guard let ok = b.unify(pat, t) else { return nil }
            if !ok { return false }
            i += 1
        }
        return true
    }
}

/// The type-variable bindings of one signature match.
private struct FastBindings {
    var slots: (IRType?, IRType?, IRType?) = (nil, nil, nil)

    /// As `Signature.unify`; nil for a variable without a slot.
    mutating func unify(_ p: FastPattern, _ ty: IRType) -> Bool? {
        switch p {
        case .concrete(let c): return c == ty
        case .variable(let slot, let cls):
            switch slot {
            case 0: return FastBindings.bind(&slots.0, cls, ty)
            case 1: return FastBindings.bind(&slots.1, cls, ty)
            case 2: return FastBindings.bind(&slots.2, cls, ty)
            default: return nil
            }
        case .list(let e):
            if case .list(let te) = ty { return unify(e, te) }
            return false
        case .map(let kp, let vp):
            if case .map(let tk, let tv) = ty {
                guard let a = unify(kp, tk) else { return nil }
                if !a { return false }
                return unify(vp, tv)
            }
            return false
        }
    }

    private static func bind(_ slot: inout IRType?, _ cls: TypeClass, _ ty: IRType) -> Bool {
        guard cls.admits(ty) else { return false }
        if let bound = slot { return bound == ty }
        slot = ty
        return true
    }
}
