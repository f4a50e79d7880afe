// SSA construction for one IR function being lowered, after Braun, Buchwald, Hack,
// Leißa, Mallon and Zwinkau, "Simple and Efficient Construction of Static Single
// Assignment Form" (CC 2013).
//
// Mochi variables are numbered slots; `write`/`read` map a slot to its current value
// per block. Reading in a block whose predecessors are not all known yet ("unsealed":
// loop headers, join blocks) adds an incomplete block parameter that is completed
// when the block is sealed. Trivial parameters (all incoming values the same) are
// replaced on the fly and once more to a fixpoint in `finish()`, which then rewrites
// every use and deletes the dead parameters with their jump arguments, so the
// function comes out as clean SSA with block parameters only where values merge.

import MochiIR

// Blocks and instructions are reached as `fn.blocks[...]`/`fn.insts[...]`, not through
// `fn[b]`/`fn[id]`: from outside MochiIR those subscripts' coroutines are not inlined
// and each call heap-allocated its frame.

/// Where a captured variable lives in the function that owns it.
struct CaptureKey: Hashable {
    var depth: Int
    var slot: Int
}

final class FnCtx {
    let fn: Function
    let depth: Int
    var current: Block
    var loc = SourceLoc.unknown
    var returnType: MType

    private var preds: [[Block]] = []
    private var sealed: [Bool] = []
    private var terminated: [Bool] = []
    private var incomplete: [[(slot: Int, param: Value)]] = []
    /// The current value of each slot per block, by `Block.index` then slot (-1: no
    /// definition yet; a block's row grows to the highest slot written). Arrays, not
    /// a dictionary per block: every variable read and write goes through here, and
    /// hashing plus one dictionary allocation per block was a large share of lowering.
    private var defs: [[Int32]] = []
    private(set) var slotTypes: [IRType] = []
    /// The value each trivial block parameter stands for, by `Value.index` (-1: not
    /// replaced); an array for the same reason (`find` runs on every read).
    private var replacedBy: [Int32] = []
    /// True once any parameter has been replaced (the use rewrite is skipped otherwise).
    private var anyReplaced = false
    let entry: Block

    /// Captured variables, in the order they become leading parameters.
    var captures: [(key: CaptureKey, param: Value, type: MType, isCell: Bool)] = []
    var captureSlot: [CaptureKey: Int] = [:]
    /// The entry parameters the source declares (captures are prepended in `finish`).
    var declaredParams: [Value] = []
    /// Loop targets, innermost last.
    var loops: [(continueTarget: Block, breakTarget: Block)] = []
    /// Direct self-calls whose capture arguments are prepended once captures are known.
    var selfCalls: [InstID] = []
    /// Slots of variables stored in one-element list cells (captured and mutated).
    var cellSlots: Set<Int> = []

    init(fn: Function, depth: Int, returnType: MType) {
        self.fn = fn
        self.depth = depth
        self.returnType = returnType
        let e = fn.makeBlock(params: fn.paramTypes)
        fn.layout.append(e)
        entry = e
        current = e
        grow()
        sealed[Int(e.index)] = true
        declaredParams = fn.blocks[Int(e.index)].params
    }

    private func grow() {
        while preds.count < fn.blocks.count {
            preds.append([])
            sealed.append(false)
            terminated.append(false)
            incomplete.append([])
            defs.append([])
        }
    }

    // MARK: Blocks

    func makeBlock() -> Block {
        let b = fn.makeBlock()
        fn.layout.append(b)
        grow()
        return b
    }

    var isTerminated: Bool { terminated[Int(current.index)] }

    func switchTo(_ b: Block) { current = b }

    /// After a terminator, code continues in a fresh block nobody jumps to.
    private func ensureOpen() {
        if terminated[Int(current.index)] {
            let b = makeBlock()
            sealed[Int(b.index)] = true
            current = b
        }
    }

    func emit(_ op: Opcode, _ type: IRType, _ args: [Value] = [], imm: Immediate = .none) -> Value {
        ensureOpen()
        let id = fn.append(to: current, op, type: type, args: args, imm: imm, loc: loc)
        return fn.insts[Int(id.index)].result!
    }

    @discardableResult
    func emitInst(_ op: Opcode, _ type: IRType?, _ args: [Value], imm: Immediate = .none) -> InstID {
        ensureOpen()
        return fn.append(to: current, op, type: type, args: args, imm: imm, loc: loc)
    }

    func emitVoid(_ op: Opcode, _ args: [Value] = [], imm: Immediate = .none) {
        ensureOpen()
        fn.append(to: current, op, type: nil, args: args, imm: imm, loc: loc)
    }

    private func terminate(_ t: Terminator) {
        ensureOpen()
        let b = current
        fn.blocks[Int(b.index)].terminator = t
        fn.blocks[Int(b.index)].terminatorLoc = loc
        terminated[Int(b.index)] = true
        for s in t.successors { preds[Int(s.block.index)].append(b) }
    }

    func jump(_ target: Block) { terminate(.jump(BlockCall(target, []))) }

    /// A conditional branch; both targets must differ (phi operands are per edge).
    func brif(_ c: Value, _ t: Block, _ e: Block) {
        precondition(t != e)
        terminate(.brif(c, BlockCall(t, []), BlockCall(e, [])))
    }

    func ret(_ v: Value?) { terminate(.ret(v)) }

    func unreachable() { terminate(.unreachable) }

    /// Declares that every predecessor of `b` is known: completes its pending params.
    func seal(_ b: Block) {
        let i = Int(b.index)
        guard !sealed[i] else { return }
        sealed[i] = true
        let pending = incomplete[i]
        incomplete[i] = []
        for (slot, p) in pending { _ = addOperands(slot: slot, param: p, block: b) }
    }

    // MARK: Variables

    func newSlot(_ type: IRType) -> Int {
        slotTypes.append(type)
        return slotTypes.count - 1
    }

    func write(_ slot: Int, _ v: Value) { setDef(Int(current.index), slot, v) }

    func write(_ slot: Int, _ v: Value, in b: Block) { setDef(Int(b.index), slot, v) }

    private func setDef(_ b: Int, _ slot: Int, _ v: Value) {
        if slot >= defs[b].count {
            defs[b].append(contentsOf: repeatElement(-1, count: slot + 1 - defs[b].count))
        }
        defs[b][slot] = v.index
    }

    private func def(_ b: Int, _ slot: Int) -> Value? {
        let row = defs[b]
        guard slot < row.count, row[slot] >= 0 else { return nil }
        return Value(row[slot])
    }

    private func replacement(_ v: Value) -> Value? {
        let i = Int(v.index)
        guard i < replacedBy.count, replacedBy[i] >= 0 else { return nil }
        return Value(replacedBy[i])
    }

    private func setReplacement(_ v: Value, _ r: Value) {
        let i = Int(v.index)
        if i >= replacedBy.count {
            replacedBy.append(contentsOf: repeatElement(-1, count: i + 1 - replacedBy.count))
        }
        replacedBy[i] = r.index
        anyReplaced = true
    }

    func read(_ slot: Int) -> Value {
        ensureOpen()
        return read(slot, in: current)
    }

    func find(_ v: Value) -> Value {
        var x = v
        while let r = replacement(x) { x = r }
        return x
    }

    private func read(_ slot: Int, in b: Block) -> Value {
        if let v = def(Int(b.index), slot) { return find(v) }
        let i = Int(b.index)
        var value: Value
        if !sealed[i] {
            let p = addParam(b, slotTypes[slot])
            incomplete[i].append((slot, p))
            value = p
        } else if preds[i].count == 1 {
            value = read(slot, in: preds[i][0])
        } else if preds[i].isEmpty {
            value = zero(slotTypes[slot], in: b)
        } else {
            let p = addParam(b, slotTypes[slot])
            setDef(i, slot, p)
            value = addOperands(slot: slot, param: p, block: b)
        }
        setDef(i, slot, value)
        return value
    }

    private func addParam(_ b: Block, _ t: IRType) -> Value {
        let index = fn.blocks[Int(b.index)].params.count
        let v = fn.makeValue(t, .param(b, index))
        fn.blocks[Int(b.index)].params.append(v)
        return v
    }

    private func addOperands(slot: Int, param: Value, block: Block) -> Value {
        for p in preds[Int(block.index)] {
            let v = read(slot, in: p)
            appendArg(from: p, to: block, v)
        }
        return tryRemoveTrivial(param, block: block)
    }

    private func appendArg(from p: Block, to b: Block, _ v: Value) {
        switch fn.blocks[Int(p.index)].terminator {
        case .jump(var c):
            c.args.append(v)
            fn.blocks[Int(p.index)].terminator = .jump(c)
        case .brif(let cond, var t, var e):
            if t.block == b { t.args.append(v) } else { e.args.append(v) }
            fn.blocks[Int(p.index)].terminator = .brif(cond, t, e)
        default:
            break
        }
    }

    private func incoming(_ b: Block, index: Int) -> [Value] {
        preds[Int(b.index)].map { p -> Value in
            switch fn.blocks[Int(p.index)].terminator {
            case .jump(let c): return c.args[index]
            case .brif(_, let t, let e): return t.block == b ? t.args[index] : e.args[index]
            default: preconditionFailure("predecessor without a jump")
            }
        }
    }

    private func tryRemoveTrivial(_ param: Value, block: Block) -> Value {
        guard case .param(_, let index) = fn.valueDefs[Int(param.index)] else { return param }
        var same: Value? = nil
        for a in incoming(block, index: index) {
            let r = find(a)
            if r == same || r == param { continue }
            if same != nil { return param }
            same = r
        }
        guard let s = same else { return param }
        setReplacement(param, s)
        return s
    }

    /// The zero value of a type, defined at the start of block `b` (reads of a
    /// variable in code that is never reached, or never assigned on some path).
    func zero(_ t: IRType, in b: Block) -> Value {
        let id: InstID
        switch t {
        case .i64: id = fn.append(to: b, .iconst, type: .i64, args: [], imm: .int(0))
        case .f64: id = fn.append(to: b, .fconst, type: .f64, args: [], imm: .double(0))
        case .bool: id = fn.append(to: b, .bconst, type: .bool, args: [], imm: .int(0))
        default: id = fn.append(to: b, .null, type: t, args: [])
        }
        var list = fn.blocks[Int(b.index)].insts
        list.removeLast()
        list.insert(id, at: 0)
        fn.blocks[Int(b.index)].insts = list
        return fn.insts[Int(id.index)].result!
    }

    func zero(_ t: IRType) -> Value {
        ensureOpen()
        switch t {
        case .i64: return emit(.iconst, .i64, imm: .int(0))
        case .f64: return emit(.fconst, .f64, imm: .double(0))
        case .bool: return emit(.bconst, .bool, imm: .int(0))
        default: return emit(.null, t)
        }
    }

    /// A new leading parameter for a captured variable.
    func addCaptureParam(_ t: IRType) -> Value {
        fn.makeValue(t, .param(entry, 0))
    }

    // MARK: Finishing

    /// Rewrites uses of trivial parameters, deletes them, prepends capture parameters
    /// and renumbers parameter definitions. Call once, after the last instruction.
    func finish() {
        for b in fn.layout { seal(b) }
        // Trivial parameters to a fixpoint (removing one may make another trivial).
        var changed = true
        while changed {
            changed = false
            for b in fn.layout where b != entry {
                let params = fn.blocks[Int(b.index)].params
                for (i, p) in params.enumerated() where replacement(p) == nil {
                    var same: Value? = nil
                    var trivial = true
                    for a in incoming(b, index: i) {
                        let r = find(a)
                        if r == same || r == p { continue }
                        if same != nil { trivial = false; break }
                        same = r
                    }
                    if trivial, let s = same {
                        setReplacement(p, s)
                        changed = true
                    }
                }
            }
        }
        // Rewrite every use.
        if anyReplaced {
            for i in fn.insts.indices {
                var inst = fn.insts[i]
                var dirty = false
                for k in inst.args.indices {
                    let r = find(inst.args[k])
                    if r != inst.args[k] { inst.args[k] = r; dirty = true }
                }
                if dirty { fn.insts[i] = inst }
            }
        }
        // Drop the removed parameters with their arguments, rewriting terminators.
        var keep: [[Bool]] = fn.blocks.map { $0.params.map { replacement($0) == nil } }
        keep[Int(entry.index)] = fn.blocks[Int(entry.index)].params.map { _ in true }
        for b in fn.layout {
            var data = fn.blocks[Int(b.index)]
            func fix(_ c: BlockCall) -> BlockCall {
                let mask = keep[Int(c.block.index)]
                var args: [Value] = []
                args.reserveCapacity(c.args.count)
                for (k, a) in c.args.enumerated() where k < mask.count && mask[k] { args.append(find(a)) }
                return BlockCall(c.block, args)
            }
            switch data.terminator {
            case .jump(let c): data.terminator = .jump(fix(c))
            case .brif(let v, let t, let e): data.terminator = .brif(find(v), fix(t), fix(e))
            case .ret(let v): data.terminator = .ret(v.map { find($0) })
            case .unreachable: break
            }
            if b != entry {
                let mask = keep[Int(b.index)]
                data.params = data.params.enumerated().filter { mask[$0.offset] }.map { $0.element }
            }
            fn.blocks[Int(b.index)] = data
        }
        // Captures become leading parameters of the entry block and the signature.
        if !captures.isEmpty {
            let capParams = captures.map { $0.param }
            fn.blocks[Int(entry.index)].params = capParams + declaredParams
            fn.paramTypes = capParams.map { fn.type(of: $0) } + fn.paramTypes
        }
        for b in fn.layout {
            for (i, p) in fn.blocks[Int(b.index)].params.enumerated() { fn.valueDefs[Int(p.index)] = .param(b, i) }
        }
    }
}
