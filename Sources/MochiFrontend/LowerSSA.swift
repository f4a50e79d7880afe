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

/// The current definition of each (block, slot) pair: an open-addressing hash table
/// over flat arrays. Every variable read and write of the lowering goes through
/// here. Entries carry the generation they were written in, so emptying the table
/// for the next function is a counter increment.
struct DefTable {
    private var keys: [UInt64]
    private var vals: [Int32]
    private var gens: [UInt32]
    private var gen: UInt32 = 1
    private var count = 0
    private var mask: Int

    init() {
        keys = Array(repeatElement(0, count: 64))
        vals = Array(repeatElement(-1, count: 64))
        gens = Array(repeatElement(0, count: 64))
        mask = 63
    }

    /// Forgets every entry.
    mutating func reset() {
        count = 0
        if mask > 4095 {
            // One very large function: do not make every later one pay for its table.
            self = DefTable()
            return
        }
        gen &+= 1
        if gen == 0 {
            gens = Array(repeatElement(0, count: mask + 1))
            gen = 1
        }
    }

    @inline(__always) private static func key(_ b: Int, _ slot: Int) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: b)) << 32 | UInt64(UInt32(truncatingIfNeeded: slot))
    }

    @inline(__always) private func home(_ k: UInt64) -> Int {
        Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    func get(_ b: Int, _ slot: Int) -> Int32 {
        let k = DefTable.key(b, slot)
        var i = home(k)
        while gens[i] == gen {
            if keys[i] == k { return vals[i] }
            i = (i + 1) & mask
        }
        return -1
    }

    mutating func set(_ b: Int, _ slot: Int, _ v: Int32) {
        let k = DefTable.key(b, slot)
        var i = home(k)
        while gens[i] == gen {
            if keys[i] == k { vals[i] = v; return }
            i = (i + 1) & mask
        }
        keys[i] = k
        vals[i] = v
        gens[i] = gen
        count += 1
        if count * 2 > mask { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys, oldVals = vals, oldGens = gens, oldGen = gen
        let cap = (mask + 1) * 2
        keys = Array(repeatElement(0, count: cap))
        vals = Array(repeatElement(-1, count: cap))
        gens = Array(repeatElement(0, count: cap))
        gen = 1
        mask = cap - 1
        for j in 0..<oldKeys.count where oldGens[j] == oldGen {
            var i = home(oldKeys[j])
            while gens[i] == gen { i = (i + 1) & mask }
            keys[i] = oldKeys[j]
            vals[i] = oldVals[j]
            gens[i] = gen
        }
    }
}

/// The SSA builder's tables for one function, kept in a pool by the checker and
/// reused from one function to the next (emptied, capacity kept), so building a
/// function allocates none of them.
final class SSAScratch {
    // Per block, by `Block.index`. Predecessors are chains of edges in flat arrays
    // (in the order the edges were added, which is the order of the block
    // arguments), and so are the incomplete parameters of unsealed blocks.
    var sealed: [Bool] = []
    var terminated: [Bool] = []
    var predCount: [Int32] = []
    var predHead: [Int32] = []
    var predTail: [Int32] = []
    var edgeFrom: [Int32] = []
    var edgeNext: [Int32] = []
    var incHead: [Int32] = []
    var incTail: [Int32] = []
    var incSlot: [Int32] = []
    var incParam: [Int32] = []
    var incNext: [Int32] = []
    var defs = DefTable()
    /// The value each trivial block parameter stands for, by `Value.index` (-1: not
    /// replaced).
    var replacedBy: [Int32] = []

    init() {
        sealed.reserveCapacity(32); terminated.reserveCapacity(32)
        predCount.reserveCapacity(32); predHead.reserveCapacity(32); predTail.reserveCapacity(32)
        edgeFrom.reserveCapacity(48); edgeNext.reserveCapacity(48)
        incHead.reserveCapacity(32); incTail.reserveCapacity(32)
        incSlot.reserveCapacity(16); incParam.reserveCapacity(16); incNext.reserveCapacity(16)
        replacedBy.reserveCapacity(64)
    }

    func reset() {
        sealed.removeAll(keepingCapacity: true)
        terminated.removeAll(keepingCapacity: true)
        predCount.removeAll(keepingCapacity: true)
        predHead.removeAll(keepingCapacity: true)
        predTail.removeAll(keepingCapacity: true)
        edgeFrom.removeAll(keepingCapacity: true)
        edgeNext.removeAll(keepingCapacity: true)
        incHead.removeAll(keepingCapacity: true)
        incTail.removeAll(keepingCapacity: true)
        incSlot.removeAll(keepingCapacity: true)
        incParam.removeAll(keepingCapacity: true)
        incNext.removeAll(keepingCapacity: true)
        replacedBy.removeAll(keepingCapacity: true)
        defs.reset()
    }
}

final class FnCtx {
    let fn: Function
    let depth: Int
    var current: Block
    var loc = SourceLoc.unknown
    var returnType: MType

    /// The SSA tables (SSAScratch); handed back to the pool by `finish`.
    private let s: SSAScratch
    private(set) var slotTypes: [IRType] = []
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

    /// `scratch` must be empty (fresh or reset); `sizeHint` is a rough count of the
    /// instructions to expect, used to reserve the function's tables once.
    init(fn: Function, depth: Int, returnType: MType, scratch: SSAScratch = SSAScratch(), sizeHint: Int = 0) {
        self.fn = fn
        self.depth = depth
        self.returnType = returnType
        self.s = scratch
        if sizeHint > 0 {
            fn.insts.reserveCapacity(sizeHint)
            fn.valueTypes.reserveCapacity(sizeHint + fn.paramTypes.count)
            fn.valueDefs.reserveCapacity(sizeHint + fn.paramTypes.count)
            fn.blocks.reserveCapacity(sizeHint / 3 + 2)
            fn.layout.reserveCapacity(sizeHint / 3 + 2)
        }
        let e = fn.makeBlock(params: fn.paramTypes)
        fn.layout.append(e)
        entry = e
        current = e
        grow()
        s.sealed[Int(e.index)] = true
        declaredParams = fn.blocks[Int(e.index)].params
    }

    /// The scratch tables, emptied, for the next function (after `finish`).
    func takeScratch() -> SSAScratch {
        s.reset()
        return s
    }

    private func grow() {
        while s.sealed.count < fn.blocks.count {
            s.sealed.append(false)
            s.terminated.append(false)
            s.predCount.append(0)
            s.predHead.append(-1)
            s.predTail.append(-1)
            s.incHead.append(-1)
            s.incTail.append(-1)
        }
    }

    // MARK: Blocks

    func makeBlock() -> Block {
        let b = fn.makeBlock()
        fn.layout.append(b)
        grow()
        return b
    }

    var isTerminated: Bool { s.terminated[Int(current.index)] }

    func switchTo(_ b: Block) { current = b }

    /// After a terminator, code continues in a fresh block nobody jumps to.
    private func ensureOpen() {
        if s.terminated[Int(current.index)] {
            let b = makeBlock()
            s.sealed[Int(b.index)] = true
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

    private func addPred(_ target: Block, _ from: Block) {
        let t = Int(target.index)
        let e = Int32(s.edgeFrom.count)
        s.edgeFrom.append(from.index)
        s.edgeNext.append(-1)
        if s.predTail[t] < 0 { s.predHead[t] = e } else { s.edgeNext[Int(s.predTail[t])] = e }
        s.predTail[t] = e
        s.predCount[t] += 1
    }

    private func terminate(_ t: Terminator) {
        ensureOpen()
        let b = current
        fn.blocks[Int(b.index)].terminator = t
        fn.blocks[Int(b.index)].terminatorLoc = loc
        s.terminated[Int(b.index)] = true
        switch t {
        case .jump(let c): addPred(c.block, b)
        case .brif(_, let x, let y): addPred(x.block, b); addPred(y.block, b)
        case .ret, .unreachable: break
        }
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
        guard !s.sealed[i] else { return }
        s.sealed[i] = true
        var k = s.incHead[i]
        s.incHead[i] = -1
        s.incTail[i] = -1
        while k >= 0 {
            _ = addOperands(slot: Int(s.incSlot[Int(k)]), param: Value(s.incParam[Int(k)]), block: b)
            k = s.incNext[Int(k)]
        }
    }

    // MARK: Variables

    func newSlot(_ type: IRType) -> Int {
        slotTypes.append(type)
        return slotTypes.count - 1
    }

    func write(_ slot: Int, _ v: Value) { s.defs.set(Int(current.index), slot, v.index) }

    func write(_ slot: Int, _ v: Value, in b: Block) { s.defs.set(Int(b.index), slot, v.index) }

    @inline(__always) private func replacement(_ v: Value) -> Value? {
        let i = Int(v.index)
        guard i < s.replacedBy.count, s.replacedBy[i] >= 0 else { return nil }
        return Value(s.replacedBy[i])
    }

    private func setReplacement(_ v: Value, _ r: Value) {
        let i = Int(v.index)
        if i >= s.replacedBy.count {
            s.replacedBy.append(contentsOf: repeatElement(-1, count: i + 1 - s.replacedBy.count))
        }
        s.replacedBy[i] = r.index
        anyReplaced = true
    }

    func read(_ slot: Int) -> Value {
        ensureOpen()
        return read(slot, in: current)
    }

    func find(_ v: Value) -> Value {
        var x = v.index
        while Int(x) < s.replacedBy.count, s.replacedBy[Int(x)] >= 0 { x = s.replacedBy[Int(x)] }
        return Value(x)
    }

    private func read(_ slot: Int, in b: Block) -> Value {
        let i = Int(b.index)
        let d = s.defs.get(i, slot)
        if d >= 0 { return find(Value(d)) }
        var value: Value
        if !s.sealed[i] {
            let p = addParam(b, slotTypes[slot])
            let k = Int32(s.incSlot.count)
            s.incSlot.append(Int32(slot))
            s.incParam.append(p.index)
            s.incNext.append(-1)
            if s.incTail[i] < 0 { s.incHead[i] = k } else { s.incNext[Int(s.incTail[i])] = k }
            s.incTail[i] = k
            value = p
        } else if s.predCount[i] == 1 {
            value = read(slot, in: Block(s.edgeFrom[Int(s.predHead[i])]))
        } else if s.predCount[i] == 0 {
            value = zero(slotTypes[slot], in: b)
        } else {
            let p = addParam(b, slotTypes[slot])
            s.defs.set(i, slot, p.index)
            value = addOperands(slot: slot, param: p, block: b)
        }
        s.defs.set(i, slot, value.index)
        return value
    }

    private func addParam(_ b: Block, _ t: IRType) -> Value {
        let index = fn.blocks[Int(b.index)].params.count
        let v = fn.makeValue(t, .param(b, index))
        fn.blocks[Int(b.index)].params.append(v)
        return v
    }

    private func addOperands(slot: Int, param: Value, block: Block) -> Value {
        var e = s.predHead[Int(block.index)]
        while e >= 0 {
            let p = Block(s.edgeFrom[Int(e)])
            let v = read(slot, in: p)
            appendArg(from: p, to: block, v)
            e = s.edgeNext[Int(e)]
        }
        return tryRemoveTrivial(param, block: block)
    }

    private func appendArg(from p: Block, to b: Block, _ v: Value) {
        let pi = Int(p.index)
        switch fn.blocks[pi].terminator {
        case .jump:
            fn.blocks[pi].terminator.appendJumpArg(v)
        case .brif(_, let t, _):
            fn.blocks[pi].terminator.appendBrifArg(v, toFirst: t.block == b)
        default:
            break
        }
    }

    /// The argument the edge from `p` passes for parameter `index` of `b`.
    @inline(__always) private func incomingArg(_ p: Block, _ b: Block, _ index: Int) -> Value {
        switch fn.blocks[Int(p.index)].terminator {
        case .jump(let c): return c.args[index]
        case .brif(_, let t, let e): return t.block == b ? t.args[index] : e.args[index]
        default: preconditionFailure("predecessor without a jump")
        }
    }

    /// The single value other than `param` that every incoming edge of `block` passes
    /// for parameter `index`, or nil when there are several (or none).
    private func soleIncoming(_ param: Value, _ block: Block, _ index: Int) -> Value? {
        var same: Value? = nil
        var e = s.predHead[Int(block.index)]
        while e >= 0 {
            let r = find(incomingArg(Block(s.edgeFrom[Int(e)]), block, index))
            e = s.edgeNext[Int(e)]
            if r == same || r == param { continue }
            if same != nil { return nil }
            same = r
        }
        return same
    }

    private func tryRemoveTrivial(_ param: Value, block: Block) -> Value {
        guard case .param(_, let index) = fn.valueDefs[Int(param.index)] else { return param }
        guard let s = soleIncoming(param, block, index) else { return param }
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
        // A null bigint computes as 0 but would print as nil: a real zero.
        case .bigint, .bigrat: return emit(.bigFromInt, t, [emit(.iconst, .i64, imm: .int(0))])
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
                let bi = Int(b.index)
                let n = fn.blocks[bi].params.count
                for i in 0..<n {
                    let p = fn.blocks[bi].params[i]
                    guard replacement(p) == nil else { continue }
                    if let s = soleIncoming(p, b, i) {
                        setReplacement(p, s)
                        changed = true
                    }
                }
            }
        }
        // Rewrite every use, in place (only the operands that change are written).
        if anyReplaced {
            for i in 0..<fn.insts.count {
                let n = fn.insts[i].args.count
                for k in 0..<n {
                    let a = fn.insts[i].args[k]
                    let r = find(a)
                    if r != a { fn.insts[i].args[k] = r }
                }
            }
        }
        // Drop the removed parameters with their arguments, rewriting terminators
        // (all of them first: a call's arguments line up with its target's parameters
        // as they were). Nothing to drop or rewrite unless some parameter was replaced.
        if anyReplaced {
            for b in fn.layout {
                let bi = Int(b.index)
                switch fn.blocks[bi].terminator {
                case .jump(let c):
                    if let nc = fixCall(c) { fn.blocks[bi].terminator = .jump(nc) }
                case .brif(let v, let t, let e):
                    let fv = find(v)
                    let nt = fixCall(t), ne = fixCall(e)
                    if fv != v || nt != nil || ne != nil {
                        fn.blocks[bi].terminator = .brif(fv, nt ?? t, ne ?? e)
                    }
                case .ret(let v):
                    if let v, find(v) != v { fn.blocks[bi].terminator = .ret(find(v)) }
                case .unreachable: break
                }
            }
            for b in fn.layout {
                let bi = Int(b.index)
                if b != entry {
                    var removed = false
                    for p in fn.blocks[bi].params where replacement(p) != nil { removed = true; break }
                    if removed {
                        let kept = fn.blocks[bi].params.filter { replacement($0) == nil }
                        fn.blocks[bi].params = kept
                    }
                }
            }
        }
        // Captures become leading parameters of the entry block and the signature.
        if !captures.isEmpty {
            let capParams = captures.map { $0.param }
            fn.blocks[Int(entry.index)].params = capParams + declaredParams
            fn.paramTypes = capParams.map { fn.type(of: $0) } + fn.paramTypes
        }
        for b in fn.layout {
            let bi = Int(b.index)
            let n = fn.blocks[bi].params.count
            for i in 0..<n {
                let p = fn.blocks[bi].params[i]
                fn.valueDefs[Int(p.index)] = .param(b, i)
            }
        }
    }

    /// A block call without the arguments of removed parameters and with replaced
    /// arguments substituted, or nil when it is unchanged.
    private func fixCall(_ c: BlockCall) -> BlockCall? {
        let target = Int(c.block.index)
        let isEntry = c.block == entry
        let np = fn.blocks[target].params.count
        // An argument is kept when its parameter is (every entry parameter is).
        func keeps(_ k: Int) -> Bool {
            k < np && (isEntry || replacement(fn.blocks[target].params[k]) == nil)
        }
        var dirty = false
        for (k, a) in c.args.enumerated() where !keeps(k) || find(a) != a {
            dirty = true
            break
        }
        if !dirty { return nil }
        var args: [Value] = []
        args.reserveCapacity(c.args.count)
        for (k, a) in c.args.enumerated() where keeps(k) { args.append(find(a)) }
        return BlockCall(c.block, args)
    }
}

private extension Terminator {
    /// Appends a jump argument in place (the payload is moved out first, so the
    /// argument array is not copied on every append).
    mutating func appendJumpArg(_ v: Value) {
        guard case .jump(var c) = self else { return }
        self = .unreachable
        c.args.append(v)
        self = .jump(c)
    }

    /// Appends an argument to the first or the second call of a brif, in place.
    mutating func appendBrifArg(_ v: Value, toFirst: Bool) {
        guard case .brif(let cond, var t, var e) = self else { return }
        self = .unreachable
        if toFirst { t.args.append(v) } else { e.args.append(v) }
        self = .brif(cond, t, e)
    }
}
