// The one-time translation of a verified IR module into the interpreter's decoded
// form (Decoded.swift). Per function it:
//   * gives every SSA value a frame slot (parameters first, so a call copies its
//     arguments to slots 0..n-1 of the callee frame);
//   * lays the blocks out in IR layout order, turning block parameters into moves on
//     the edges that pass them (sequentialised parallel copies, with temporaries for
//     cycles), eliding a jump to the block that follows;
//   * fuses `icmp`/`fcmp` into the `brif` that is its only use, and folds integer
//     constants into `iadd`/`isub`/`imul`/`icmp` as immediates;
//   * resolves names (functions, globals, struct and variant descriptors, libm
//     functions) to indices, so nothing is looked up while running.
// Module-level data the runtime must create (string constants, type descriptors) is
// collected as plain Swift values here and turned into runtime objects when a run
// starts, on the interpreter thread (Interpreter.swift).

import MochiIR
import MochiRuntime

public struct InterpError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A struct or union-variant layout, made into a MochiTypeDesc at run start.
struct DescSpec {
    var name: String
    var fieldNames: [String]
    var fieldKinds: [UInt8]
    var tag: Int32
    var unionName: String?
    /// The twin `record.new` uses: prints without "__name".
    var anonymous = false
}

/// The descriptor key of a struct type's anonymous twin (variants use their tag,
/// the named struct -1).
let anonymousDescKey: Int32 = -2

/// Unbox checks for reference result types (`DInst.kind2` of an unbox).
enum UnboxCheck: UInt8 {
    case none = 0, string, list, map, named, closure, bigint, bigrat
}

/// Which exact number type a `big.*` op works on (`DInst.kind2`).
func exactKind(_ t: IRType) -> UInt8 { t == .bigrat ? 1 : 0 }

/// The decoded program: every function, plus the module data the runtime needs.
final class DecodedProgram {
    var funcs: UnsafeMutablePointer<DFunc>
    let funcCount: Int
    var names: [String] = []
    var strings: [String] = []
    var descs: [DescSpec] = []
    var globalCount = 0
    var mainIndex = -1
    var sourceFile = ""
    var instructionCount = 0
    /// Per function, in layout order: each block's first code index and the
    /// block's index (a tiered run maps a loop header's code index to its block).
    var blockStarts: [[Int32]] = []
    /// Memory owned by decoded instructions (capture kinds, field names as C strings).
    var owned: [UnsafeMutableRawPointer] = []

    init(funcCount: Int) {
        self.funcCount = funcCount
        funcs = .allocate(capacity: max(funcCount, 1))
    }

    deinit {
        for i in 0..<funcCount {
            funcs[i].code.deallocate()
            funcs[i].operands.deallocate()
        }
        funcs.deallocate()
        for p in owned { p.deallocate() }
    }

    func cString(_ s: String) -> UnsafeMutablePointer<CChar> {
        let u = Array(s.utf8)
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: u.count + 1)
        for (i, c) in u.enumerated() { p[i] = CChar(bitPattern: c) }
        p[u.count] = 0
        owned.append(UnsafeMutableRawPointer(p))
        return p
    }
}

/// The kind byte the runtime uses for a value of this type.
@inline(__always) func kindByte(_ t: IRType) -> UInt8 { t.slotKind.rawValue }

private let condIndex: [CondCode: Int] = [.eq: 0, .ne: 1, .lt: 2, .le: 3, .gt: 4, .ge: 5]
private let condInverse: [Int] = [1, 0, 5, 4, 3, 2]
private let condSwapped: [Int] = [0, 1, 4, 5, 2, 3] // a < b  <=>  b > a

private func dop(_ base: DOp, _ offset: Int) -> DOp { DOp(rawValue: base.rawValue + UInt8(offset))! }

struct Decoder {
    let module: Module
    let symbols: SymbolIndex
    let program: DecodedProgram
    var stringIndex: [String: Int] = [:]
    /// Descriptor index of (type name, variant) (variant -1 for structs).
    var descIndex: [String: [Int32: Int]] = [:]
    /// A tiered run's decoding: every back edge of a loop, whatever branch
    /// ends it (a jump, a `continue` or a test at the bottom that branches to
    /// the header), ends in a `loopJump` to the header, which the interpreter
    /// counts; a conditional one becomes the inverted branch over it (one
    /// dispatch more an iteration, while the loop is interpreted).
    var countsBackEdges = false
    /// A contained run's decoding (Interpreter.runContained): a `poll` at each
    /// function's entry and before each loop back edge (with countsBackEdges).
    var polls = false
    /// The dead-reference analysis' work arrays, shared by the functions
    /// decoded (a fresh set per function cost the 50,000-line program's
    /// --interp run 47M instructions, callgrind).
    let liveness = LivenessScratch()

    init(module: Module) {
        self.module = module
        self.symbols = module.symbolIndex()
        self.program = DecodedProgram(funcCount: module.functions.count)
        program.sourceFile = module.sourceFile
        program.globalCount = module.globals.count
        program.names = module.functions.map(\.name)
        program.mainIndex = symbols.functions["main"] ?? -1
        for decl in module.types {
            switch decl.kind {
            case .structure(let fs):
                var spec = DescSpec(name: decl.name, fieldNames: fs.map(\.name),
                                    fieldKinds: fs.map { kindByte($0.type) }, tag: -1, unionName: nil)
                descIndex[decl.name, default: [:]][-1] = program.descs.count
                program.descs.append(spec)
                spec.anonymous = true
                descIndex[decl.name, default: [:]][anonymousDescKey] = program.descs.count
                program.descs.append(spec)
            case .union(let vs):
                for (tag, v) in vs.enumerated() {
                    descIndex[decl.name, default: [:]][Int32(tag)] = program.descs.count
                    program.descs.append(DescSpec(name: v.name, fieldNames: v.fields.map(\.name),
                                                  fieldKinds: v.fields.map { kindByte($0.type) },
                                                  tag: Int32(tag), unionName: decl.name))
                }
            }
        }
    }

    mutating func decodeAll() throws -> DecodedProgram {
        for (i, f) in module.functions.enumerated() {
            var fd = FunctionDecoder(function: f, decoder: self)
            let d = try fd.decode()
            stringIndex = fd.decoder.stringIndex
            program.blockStarts.append(f.layout.flatMap { [Int32(fd.blockStart[Int($0.index)]), $0.index] })
            program.funcs.advanced(by: i).initialize(to: d)
            program.instructionCount += d.codeCount
        }
        return program
    }

    mutating func stringConstant(_ s: String) -> Int {
        if let i = stringIndex[s] { return i }
        let i = program.strings.count
        program.strings.append(s)
        stringIndex[s] = i
        return i
    }
}

/// A condition a branch tests: a bool slot, or a fused comparison.
private enum BranchCond {
    case slot(Int32)
    case icmp(Int, Int32, Int32)
    case icmpI(Int, Int32, Int64)
    case fcmp(Int, Int32, Int32)
}

private struct FunctionDecoder {
    let f: Function
    var decoder: Decoder
    var slot: [Int32]
    var nextSlot: Int32
    var useCount: [Int32]
    var constant: [Int64?]
    /// Constants whose every use was folded into an immediate: not emitted.
    var elided: [Bool] = []
    var code: [DInst] = []
    var operands: [Int32] = []
    var blockStart: [Int]
    /// (code index, target block) pairs patched once every block has a start.
    var fixups: [(Int, Int)] = []
    var maxGather = 0
    var line: Int32 = 0
    /// Per instruction: the dead reference values whose slots are cleared there
    /// (Liveness.swift), and those of the instruction being decoded.
    var clears = ReferenceClears()
    var pendingClears: [Value] = []
    /// With `Decoder.countsBackEdges`: per block index, bit k set when its
    /// terminator's successor k is a back edge (to a block on the stack of a
    /// depth-first search from the entry: the loop's header).
    var backEdges: [UInt8] = []

    init(function: Function, decoder: Decoder) {
        self.f = function
        self.decoder = decoder
        let n = function.valueTypes.count
        slot = Array(repeating: -1, count: n)
        nextSlot = 0
        if let e = function.entry {
            for p in function[e].params where slot[Int(p.index)] < 0 {
                slot[Int(p.index)] = nextSlot; nextSlot += 1
            }
        }
        for v in 0..<n where slot[v] < 0 { slot[v] = nextSlot; nextSlot += 1 }
        useCount = Array(repeating: 0, count: n)
        constant = Array(repeating: nil, count: n)
        blockStart = Array(repeating: -1, count: function.blocks.count)
        for b in function.layout {
            let bd = function[b]
            for id in bd.insts {
                let inst = function[id]
                for a in inst.args { useCount[Int(a.index)] += 1 }
                if inst.op == .iconst, let r = inst.result, case .int(let v) = inst.imm {
                    constant[Int(r.index)] = v
                }
            }
            for a in bd.terminator.uses { useCount[Int(a.index)] += 1 }
        }
        // A constant whose every use becomes an immediate needs no instruction.
        var folded = Array(repeating: Int32(0), count: n)
        for b in function.layout {
            for id in function[b].insts {
                let inst = function[id]
                if let k = Self.foldedOperand(inst, constant, function) { folded[Int(inst.args[k].index)] += 1 }
            }
        }
        elided = (0..<n).map { constant[$0] != nil && useCount[$0] == folded[$0] }
        // (A large function gets work arrays of its own, freed after it: kept
        // in the shared scratch they stayed for the rest of the decoding, and
        // held memory the decoded code could have reused.)
        clears = deadReferenceClears(function, scratch: n <= 1024 ? decoder.liveness : LivenessScratch())
        if decoder.countsBackEdges { backEdges = Self.backEdges(function) }
    }

    /// Per block index, the successors (bit k) its edges to which are back
    /// edges: those to a block still on the depth-first search's stack. (The
    /// successors are read out of the IR once, into a flat array, and the
    /// stack is of plain integers: `terminator.successors` makes an array per
    /// call and a stack of labelled tuples looks up its type's metadata at
    /// run time, which on a 5,000-function program cost more than decoding.)
    /// Empty when the function has no loop.
    static func backEdges(_ f: Function) -> [UInt8] {
        let n = f.blocks.count
        guard let entry = f.entry else { return [] }
        if n <= 64 {
            // No edge to a block laid out at or before its own: no cycle, so
            // no back edge (most functions), found without an array.
            var seen: UInt64 = 0
            var backward = false
            f.blocks.withUnsafeBufferPointer { blocks in
                for b in f.layout where !backward {
                    seen |= 1 << UInt64(b.index)
                    switch blocks[Int(b.index)].terminator {
                    case .jump(let c): backward = seen & 1 << UInt64(c.block.index) != 0
                    case .brif(_, let t, let e):
                        backward = seen & (1 << UInt64(t.block.index) | 1 << UInt64(e.block.index)) != 0
                    case .ret, .unreachable: break
                    }
                }
            }
            if !backward { return [] }
        }
        var marks = [UInt8](repeating: 0, count: n)
        // Scratch on the machine stack: the successors (two per block, -1
        // none), each block's state (0 new, 1 on the search's stack, 2 done)
        // and the search's stack (block << 2 | the next successor to visit).
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 4 * n + 1) { scratch in
            let succ = scratch.baseAddress!, state = succ + 2 * n, stack = state + n
            succ.initialize(repeating: -1, count: 2 * n)
            state.initialize(repeating: 0, count: n)
            f.blocks.withUnsafeBufferPointer { blocks in
                for b in f.layout {
                    let i = Int(b.index)
                    switch blocks[i].terminator {
                    case .jump(let c): succ[i * 2] = c.block.index
                    case .brif(_, let t, let e): succ[i * 2] = t.block.index; succ[i * 2 + 1] = e.block.index
                    case .ret, .unreachable: break
                    }
                }
            }
            // Each block is pushed once, when first reached: at most n + 1 entries.
            var depth = 1
            stack[0] = entry.index << 2
            state[Int(entry.index)] = 1
            while depth > 0 {
                let top = Int(stack[depth - 1])
                let block = top >> 2, next = top & 3
                if next < 2 {
                    stack[depth - 1] += 1
                    let j = Int(succ[block * 2 + next])
                    if j < 0 { continue }
                    if state[j] == 1 {
                        marks[block] |= UInt8(1 << next)
                    } else if state[j] == 0 {
                        state[j] = 1
                        stack[depth] = Int32(j << 2)
                        depth += 1
                    }
                } else {
                    state[block] = 2
                    depth -= 1
                }
            }
        }
        return marks
    }

    func isBackEdge(_ b: Block, _ k: Int) -> Bool {
        !backEdges.isEmpty && backEdges[Int(b.index)] & UInt8(1 << k) != 0
    }

    /// Which operand of `inst` (if any) is a constant folded into the decoded op as an
    /// immediate. The decoding below and the dead-constant analysis above share it.
    static func foldedOperand(_ inst: Inst, _ constant: [Int64?], _ f: Function) -> Int? {
        func isConst(_ i: Int) -> Bool {
            constant[Int(inst.args[i].index)] != nil && f.type(of: inst.args[i]) == .i64
        }
        switch inst.op {
        case .iadd, .imul, .icmp:
            return isConst(1) ? 1 : (isConst(0) ? 0 : nil)
        case .isub:
            return isConst(1) ? 1 : nil
        default:
            return nil
        }
    }

    func s(_ v: Value) -> Int32 { slot[Int(v.index)] }

    func fail(_ msg: String) -> InterpError {
        InterpError("function @\(f.name): \(msg)")
    }

    mutating func emit(_ i: DInst) { code.append(i) }

    mutating func inst(_ op: DOp, a: Int32 = -1, b: Int32 = 0, c: Int32 = 0, d: Int32 = 0, imm: Int64 = 0) {
        var i = DInst(op, line: line)
        i.a = a; i.b = b; i.c = c; i.d = d; i.imm = imm
        code.append(i)
    }

    mutating func operandList(_ vs: ArraySlice<Value>) -> Int32 {
        let start = Int32(operands.count)
        for v in vs { operands.append(s(v)) }
        maxGather = max(maxGather, vs.count)
        return start
    }

    mutating func decode() throws -> DFunc {
        let layout = f.layout
        for (li, b) in layout.enumerated() {
            let bd = f[b]
            blockStart[Int(b.index)] = code.count
            if decoder.polls && b == f.entry { inst(.poll) }
            let next = li + 1 < layout.count ? Int(layout[li + 1].index) : -1
            var fusedLast = false
            // A comparison whose only use is this block's brif becomes part of it.
            var cond: BranchCond? = nil
            if case .brif(let c, _, _) = bd.terminator, let last = bd.insts.last {
                let li = f[last]
                if li.result == c, useCount[Int(c.index)] == 1, case .cond(let cc) = li.imm {
                    let ci = condIndex[cc]!
                    if li.op == .icmp {
                        if let k = Self.foldedOperand(li, constant, f) {
                            cond = .icmpI(k == 1 ? ci : condSwapped[ci], s(li.args[1 - k]),
                                          constant[Int(li.args[k].index)]!)
                        } else {
                            cond = .icmp(ci, s(li.args[0]), s(li.args[1]))
                        }
                        fusedLast = true
                    } else if li.op == .fcmp {
                        cond = .fcmp(ci, s(li.args[0]), s(li.args[1]))
                        fusedLast = true
                    }
                }
            }
            for (k, id) in bd.insts.enumerated() {
                if fusedLast && k == bd.insts.count - 1 { line = Int32(f[id].loc.line); break }
                pendingClears = clears.at(Int(id.index))
                let op = f[id].op
                if !pendingClears.isEmpty && op != .call && op != .callClosure {
                    // Cleared before the op runs (calls clear after copying their arguments).
                    line = Int32(clamping: f[id].loc.line)
                    let start = Int32(operands.count)
                    for v in pendingClears { operands.append(s(v)) }
                    inst(.clear, c: start, d: Int32(pendingClears.count))
                    pendingClears = []
                }
                try decodeInst(f[id])
            }
            line = Int32(bd.terminatorLoc.line != 0 ? bd.terminatorLoc.line : UInt32(max(line, 0)))
            switch bd.terminator {
            case .jump(let bc):
                emitEdge(bc, next: next, clearing: edgeClears(b, 0), backEdge: isBackEdge(b, 0))
            case .brif(let c, let t, let e):
                let bc = cond ?? .slot(s(c))
                let tClears = edgeClears(b, 0), eClears = edgeClears(b, 1)
                let tBack = isBackEdge(b, 0), eBack = isBackEdge(b, 1)
                // An edge with no moves and no clears is the branch itself
                // (unless it is a back edge to count, which ends in a loopJump).
                if t.args.isEmpty && tClears.isEmpty && !tBack {
                    branch(bc, true, to: Int(t.block.index))
                    emitEdge(e, next: next, clearing: eClears, backEdge: eBack)
                } else if e.args.isEmpty && eClears.isEmpty && !eBack {
                    branch(bc, false, to: Int(e.block.index))
                    emitEdge(t, next: next, clearing: tClears, backEdge: tBack)
                } else {
                    branch(bc, false, to: -1)
                    let patch = code.count - 1
                    emitEdge(t, next: -1, clearing: tClears, backEdge: tBack)
                    code[patch].d = Int32(code.count)
                    emitEdge(e, next: next, clearing: eClears, backEdge: eBack)
                }
            case .ret(let v):
                if let v { inst(.ret, b: s(v)) } else { inst(.retVoid) }
            case .unreachable:
                inst(.unreachable)
            }
        }
        for (at, block) in fixups {
            let start = blockStart[block]
            guard start >= 0 else { throw fail("branch to block b\(block), which is not in the layout") }
            code[at].d = Int32(start)
        }
        if code.isEmpty { inst(.unreachable) }

        let codePtr = UnsafeMutablePointer<DInst>.allocate(capacity: code.count)
        codePtr.initialize(from: code, count: code.count)
        let opPtr = UnsafeMutablePointer<Int32>.allocate(capacity: max(operands.count, 1))
        opPtr.initialize(from: operands, count: operands.count)
        return DFunc(code: codePtr, codeCount: code.count, operands: opPtr,
                     frameSize: Int(nextSlot) + maxGather, paramCount: f.paramTypes.count,
                     returnsValue: f.returnType != .unit, gatherBase: Int(nextSlot))
    }

    /// A conditional branch to `block` (or, with -1, to a code index patched later).
    mutating func branch(_ c: BranchCond, _ whenTrue: Bool, to block: Int) {
        switch c {
        case .slot(let sl):
            inst(whenTrue ? .brTrue : .brFalse, b: sl)
        case .icmp(let ci, let x, let y):
            inst(dop(.brIcmpEq, whenTrue ? ci : condInverse[ci]), b: x, c: y)
        case .icmpI(let ci, let x, let k):
            inst(dop(.brIcmpEqI, whenTrue ? ci : condInverse[ci]), b: x, imm: k)
        case .fcmp(let ci, let x, let y):
            inst(dop(whenTrue ? .brFcmpEq : .brNFcmpEq, ci), b: x, c: y)
        }
        if block >= 0 { fixups.append((code.count - 1, block)) }
    }

    func edgeClears(_ b: Block, _ k: Int) -> [Value] {
        clears.edge(ReferenceClears.edgeKey(b, k))
    }

    /// The moves binding a target block's parameters, the clears of references dead
    /// from there on (a loop entry's, Liveness.swift), then the jump (elided when the
    /// target is `next`, the block laid out right after); a back edge to count
    /// (Decoder.countsBackEdges) ends in a loopJump, never elided.
    mutating func emitEdge(_ bc: BlockCall, next: Int, clearing dead: [Value], backEdge: Bool = false) {
        let params = f[bc.block].params
        var moves: [(dst: Int32, src: Int32)] = []
        var refTemps: [Int32] = []
        for (p, a) in zip(params, bc.args) where s(p) != s(a) { moves.append((s(p), s(a))) }
        while !moves.isEmpty {
            if let i = moves.firstIndex(where: { m in !moves.contains { $0.src == m.dst } }) {
                inst(.move, a: moves[i].dst, b: moves[i].src)
                moves.remove(at: i)
            } else {
                // A cycle: save the first destination's old value and read it from there.
                let t = nextSlot; nextSlot += 1
                let d = moves[0].dst
                inst(.move, a: t, b: d)
                for j in moves.indices where moves[j].src == d { moves[j].src = t }
                if let p = params.first(where: { s($0) == d }), f.type(of: p).slotKind == .ref { refTemps.append(t) }
            }
        }
        // A temporary's copy of a reference would stay a root: clear it.
        for t in refTemps { inst(.iconst, a: t, imm: 0) }
        if !dead.isEmpty {
            let start = Int32(operands.count)
            for v in dead { operands.append(s(v)) }
            inst(.clear, c: start, d: Int32(dead.count))
        }
        let target = Int(bc.block.index)
        if backEdge {
            if decoder.polls { inst(.poll) }
            inst(.loopJump)
            fixups.append((code.count - 1, target))
        } else if target != next {
            inst(.jump)
            fixups.append((code.count - 1, target))
        }
    }

    mutating func complex(_ inst: Inst, kind: UInt8 = 0, kind2: UInt8 = 0, imm: Int64 = 0) {
        var d = DInst(.complex, line: line)
        d.sub = inst.op.rawValue
        d.kind = kind; d.kind2 = kind2; d.imm = imm
        d.a = inst.result.map { s($0) } ?? -1
        if inst.args.count > 0 { d.b = s(inst.args[0]) }
        if inst.args.count > 1 { d.c = s(inst.args[1]) }
        if inst.args.count > 2 { d.d = s(inst.args[2]) }
        code.append(d)
    }

    /// A complex op over a variadic operand list: c = operand-table start, d = count.
    mutating func complexList(_ inst: Inst, _ ops: ArraySlice<Value>, kind: UInt8 = 0, kind2: UInt8 = 0, b: Int32 = 0, imm: Int64 = 0) {
        var d = DInst(.complex, line: line)
        d.sub = inst.op.rawValue
        d.kind = kind; d.kind2 = kind2; d.imm = imm; d.b = b
        d.a = inst.result.map { s($0) } ?? -1
        d.c = operandList(ops)
        d.d = Int32(ops.count)
        code.append(d)
    }

    /// The slots a call clears once its arguments are in the callee's frame, as the
    /// call's immediate (DOp.call): 0 for none; up to two slots inline, each plus one,
    /// in the low and high 32 bits of a positive immediate; more as the complement of
    /// an operand-table start (low 32 bits) and count (high 32).
    mutating func callClears() -> Int64 {
        let sl = pendingClears.map { s($0) }
        switch sl.count {
        case 0: return 0
        case 1: return Int64(sl[0]) + 1
        case 2: return (Int64(sl[0]) + 1) | (Int64(sl[1]) + 1) << 32
        default:
            let start = operands.count
            operands.append(contentsOf: sl)
            return ~(Int64(start) | Int64(sl.count) << 32)
        }
    }

    func descFor(_ typeName: String, _ variant: Int32) throws -> Int {
        guard let i = decoder.descIndex[typeName]?[variant] else {
            throw fail("no type %\(typeName)" + (variant >= 0 ? " variant \(variant)" : ""))
        }
        return i
    }

    /// The item kind of the group-by builder `v`: the type its group.add calls pass.
    func groupItemKind(_ v: Value) -> UInt8 {
        var kind: UInt8? = nil
        for inst in f.insts where inst.op == .groupAdd && inst.args.count == 3 && inst.args[0] == v {
            let k = kindByte(f.type(of: inst.args[2]))
            if kind == nil { kind = k } else if kind != k { return SlotKind.ref.rawValue }
        }
        return kind ?? SlotKind.ref.rawValue
    }

    /// True for a list<bool> operand (its elements are bytes: MochiList).
    func isBoolList(_ v: Value) -> Bool {
        if case .list(let e) = f.type(of: v), e.slotKind == .bool { return true }
        return false
    }

    mutating func decodeInst(_ inst: Inst) throws {
        line = Int32(clamping: inst.loc.line)
        let a = inst.result.map { s($0) } ?? -1
        let args = inst.args
        func arg(_ i: Int) -> Int32 { s(args[i]) }
        func constArg(_ i: Int) -> Int64? { constant[Int(args[i].index)] }
        switch inst.op {
        case .iconst, .bconst:
            if inst.op == .iconst, let r = inst.result, elided[Int(r.index)] { return }
            guard case .int(let v) = inst.imm else { throw fail("\(inst.op.info.name) without an integer") }
            self.inst(.iconst, a: a, imm: v)
        case .fconst:
            guard case .float(let bits) = inst.imm else { throw fail("fconst without a float") }
            self.inst(.iconst, a: a, imm: Int64(bitPattern: bits))
        case .null:
            self.inst(.iconst, a: a, imm: 0)
        case .sconst:
            guard case .string(let str) = inst.imm else { throw fail("sconst without a string") }
            self.inst(.sconst, a: a, imm: Int64(decoder.stringConstant(str)))
        case .copy:
            self.inst(.move, a: a, b: arg(0))
        case .iadd, .imul, .isub:
            let (op, opI): (DOp, DOp) = inst.op == .iadd ? (.iadd, .iaddI) : inst.op == .imul ? (.imul, .imulI) : (.isub, .isubI)
            if let k = Self.foldedOperand(inst, constant, f) {
                self.inst(opI, a: a, b: arg(1 - k), imm: constArg(k)!)
            } else {
                self.inst(op, a: a, b: arg(0), c: arg(1))
            }
        case .idiv: self.inst(.idiv, a: a, b: arg(0), c: arg(1))
        case .irem: self.inst(.irem, a: a, b: arg(0), c: arg(1))
        case .ineg: self.inst(.ineg, a: a, b: arg(0))
        case .icmp:
            guard case .cond(let cc) = inst.imm else { throw fail("icmp without a condition") }
            let ci = condIndex[cc]!
            if let k = Self.foldedOperand(inst, constant, f) {
                self.inst(dop(.icmpEqI, k == 1 ? ci : condSwapped[ci]), a: a, b: arg(1 - k), imm: constArg(k)!)
            } else {
                self.inst(dop(.icmpEq, ci), a: a, b: arg(0), c: arg(1))
            }
        case .not: self.inst(.not, a: a, b: arg(0))
        case .fadd: self.inst(.fadd, a: a, b: arg(0), c: arg(1))
        case .fsub: self.inst(.fsub, a: a, b: arg(0), c: arg(1))
        case .fmul: self.inst(.fmul, a: a, b: arg(0), c: arg(1))
        case .fdiv: self.inst(.fdiv, a: a, b: arg(0), c: arg(1))
        case .frem: self.inst(.frem, a: a, b: arg(0), c: arg(1))
        case .fneg: self.inst(.fneg, a: a, b: arg(0))
        case .fcmp:
            guard case .cond(let cc) = inst.imm else { throw fail("fcmp without a condition") }
            self.inst(dop(.fcmpEq, condIndex[cc]!), a: a, b: arg(0), c: arg(1))
        case .itof: self.inst(.itof, a: a, b: arg(0))
        case .ftoi: self.inst(.ftoi, a: a, b: arg(0))
        case .math1, .math2:
            guard case .string(let name) = inst.imm,
                  let fn = MathFn.named(name, arity: inst.op == .math1 ? 1 : 2) else {
                throw fail("\(inst.op.info.name): unknown math function \(inst.imm)")
            }
            var d = DInst(inst.op == .math1 ? .math1 : .math2, line: line)
            d.sub = fn.rawValue; d.a = a; d.b = arg(0)
            if inst.op == .math2 { d.c = arg(1) }
            code.append(d)

        case .call:
            guard case .function(let name) = inst.imm, let fi = decoder.symbols.functions[name] else {
                throw fail("call of unknown function \(inst.imm)")
            }
            let start = operandList(args[...])
            self.inst(.call, a: a, b: Int32(fi), c: start, d: Int32(args.count), imm: callClears())
        case .callClosure:
            let start = operandList(args[1...])
            self.inst(.callClosure, a: a, b: arg(0), c: start, d: Int32(args.count - 1), imm: callClears())
        case .closureNew:
            guard case .function(let name) = inst.imm, let fi = decoder.symbols.functions[name] else {
                throw fail("closure of unknown function \(inst.imm)")
            }
            let kinds = UnsafeMutablePointer<UInt8>.allocate(capacity: max(args.count, 1))
            for (i, v) in args.enumerated() { kinds[i] = kindByte(f.type(of: v)) }
            decoder.program.owned.append(UnsafeMutableRawPointer(kinds))
            complexList(inst, args[...], b: Int32(fi), imm: Int64(Int(bitPattern: kinds)))

        // A list<bool> keeps one byte an element: inline paths of its own.
        case .listGet where isBoolList(args[0]): self.inst(.listGetB, a: a, b: arg(0), c: arg(1))
        case .listSet where isBoolList(args[0]): self.inst(.listSetB, b: arg(0), c: arg(1), d: arg(2))
        case .listGet: self.inst(.listGet, a: a, b: arg(0), c: arg(1))
        case .listSet: self.inst(.listSet, b: arg(0), c: arg(1), d: arg(2))
        case .listLen: self.inst(.listLen, a: a, b: arg(0))
        case .fieldGet, .fieldSet:
            guard case .field(let fr) = inst.imm else { throw fail("\(inst.op.info.name) without a field") }
            _ = try descFor(fr.typeName, fr.variant)
            if inst.op == .fieldGet { self.inst(.fieldGet, a: a, b: arg(0), imm: Int64(fr.field)) }
            else { self.inst(.fieldSet, b: arg(0), c: arg(1), imm: Int64(fr.field)) }
        case .globalGet, .globalSet:
            guard case .global(let name) = inst.imm, let gi = decoder.symbols.globals[name] else {
                throw fail("unknown global \(inst.imm)")
            }
            if inst.op == .globalGet { self.inst(.globalGet, a: a, imm: Int64(gi)) }
            else { self.inst(.globalSet, b: arg(0), imm: Int64(gi)) }

        case .box, .tostr, .fmt, .tojson, .json:
            complex(inst, kind: kindByte(f.type(of: args[0])))
        case .cmp:
            guard case .cond(let cc) = inst.imm else { throw fail("cmp without a condition") }
            complex(inst, kind: kindByte(f.type(of: args[0])), imm: Int64(condIndex[cc]!))
        case .anyCmp:
            guard case .cond(let cc) = inst.imm else { throw fail("any.cmp without a condition") }
            complex(inst, imm: Int64(condIndex[cc]!))
        case .anyField:
            guard case .string(let name) = inst.imm else { throw fail("any.field without a name") }
            complex(inst, imm: Int64(Int(bitPattern: decoder.program.cString(name))))
        case .unbox:
            guard let r = inst.result else { throw fail("unbox without a result") }
            let t = f.type(of: r)
            var check = UnboxCheck.none
            var imm: Int64 = 0
            switch t {
            case .str: check = .string
            case .list(let e): check = .list; imm = Int64(kindByte(e))
            case .map(let k, let v): check = .map; imm = Int64(kindByte(k)) | Int64(kindByte(v)) << 8
            case .named(let n):
                check = .named
                imm = Int64(Int(bitPattern: decoder.program.cString(n)))
            case .fn: check = .closure
            case .bigint: check = .bigint
            case .bigrat: check = .bigrat
            default: break
            }
            complex(inst, kind: kindByte(t), kind2: check.rawValue, imm: imm)
        case .bigFromInt, .bigFromFloat, .bigFromStr, .bigAdd, .bigSub, .bigMul, .bigDiv, .bigNeg, .bigAbs, .bigPow:
            guard let r = inst.result else { throw fail("\(inst.op.info.name) without a result") }
            complex(inst, kind2: exactKind(f.type(of: r)))
        case .bigToInt, .bigToFloat:
            complex(inst, kind2: exactKind(f.type(of: args[0])))
        case .bigCmp:
            guard case .cond(let cc) = inst.imm else { throw fail("big.cmp without a condition") }
            complex(inst, kind2: exactKind(f.type(of: args[0])), imm: Int64(condIndex[cc]!))
        case .listNew:
            guard let r = inst.result, case .list(let e) = f.type(of: r) else { throw fail("list.new without a list type") }
            complexList(inst, args[...], kind: kindByte(e))
        case .listSum:
            guard case .list(let e) = f.type(of: args[0]) else { throw fail("list.sum of a non-list") }
            complex(inst, kind: kindByte(e))
        case .listPush:
            guard case .list(let e) = f.type(of: args[0]) else { throw fail("list.push of a non-list") }
            complex(inst, kind: kindByte(e))
        case .listAppend:
            // The element kind, for a nil list (a missing map key), which has none.
            guard let r = inst.result, case .list(let e) = f.type(of: r) else { throw fail("list.append without a list type") }
            complex(inst, kind: kindByte(e))
        case .mapNew:
            guard let r = inst.result, case .map(let k, let v) = f.type(of: r) else { throw fail("map.new without a map type") }
            complexList(inst, args[...], kind: kindByte(k), kind2: kindByte(v))
        case .structNew, .recordNew:
            guard let r = inst.result, case .named(let n) = f.type(of: r) else { throw fail("\(inst.op.info.name) without a struct type") }
            complexList(inst, args[...], imm: Int64(try descFor(n, inst.op == .recordNew ? anonymousDescKey : -1)))
        case .variantNew:
            guard case .variant(let vr) = inst.imm else { throw fail("variant.new without a variant") }
            complexList(inst, args[...], imm: Int64(try descFor(vr.typeName, vr.variant)))
        case .groupNew:
            complex(inst, kind: inst.result.map { groupItemKind($0) } ?? SlotKind.ref.rawValue)
        case .groupAdd:
            let itemKind = kindByte(f.type(of: args[2]))
            var builderKind = SlotKind.ref.rawValue
            if case .inst(let def) = f.valueDefs[Int(args[0].index)], f[def].op == .groupNew {
                builderKind = groupItemKind(args[0])
            }
            // An item of another kind than the builder's lists hold goes in boxed.
            complex(inst, kind: itemKind, kind2: builderKind != itemKind ? 1 : 0)
        default:
            complex(inst)
        }
    }
}
