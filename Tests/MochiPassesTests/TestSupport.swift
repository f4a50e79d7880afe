// Helpers shared by the pass tests: building small functions, finding the
// instruction that defines a value, the IR verifier plus an independent
// well-formedness checker (SSA dominance, block argument/parameter agreement,
// operand types against the opcode table) that every pass output must pass, and a
// tiny reference evaluator for straight-line and branching integer code used to
// check that -O1 preserves meaning.

import MochiIR
import MochiPasses
import XCTest

/// A function `name(params) -> returns` whose body `body` builds.
func makeFunction(_ params: [IRType] = [], returns: IRType = .i64, name: String = "f",
                  _ body: (inout FunctionBuilder) -> Void) -> Function {
    let f = Function(name: name, paramTypes: params, returnType: returns)
    var b = FunctionBuilder(f)
    body(&b)
    return f
}

/// The instruction that defines `v` (fails the test when `v` is a parameter).
func definingInst(_ v: Value, in f: Function, file: StaticString = #filePath, line: UInt = #line) -> Inst? {
    guard case .inst(let id) = f.valueDefs[Int(v.index)] else {
        XCTFail("\(v) is not an instruction result", file: file, line: line)
        return nil
    }
    return f[id]
}

/// The opcodes of the instructions laid out in `f`, in order.
func opcodes(_ f: Function) -> [Opcode] { f.orderedInsts.map { f[$0].op } }

/// Every value `f` reads, in layout order.
func allUses(_ f: Function) -> [Value] {
    var out: [Value] = []
    for b in f.layout {
        for id in f[b].insts { out += f[id].args }
        out += f[b].terminator.uses
    }
    return out
}

/// Asserts that `f` is well formed, both by the IR verifier and by the independent
/// checker below; reports every problem found.
func assertWellFormed(_ f: Function, others: [Function] = [], _ context: @autoclosure () -> String = "",
                      file: StaticString = #filePath, line: UInt = #line) {
    assertVerifies(f, others: others, context(), file: file, line: line)
    let errors = wellFormednessErrors(f)
    if !errors.isEmpty {
        // The first few problems and a bounded listing keep a failure on a large
        // function readable.
        let listing = printFunction(f)
        XCTFail("\(context()): \(errors.prefix(10).joined(separator: "; "))\n\(listing.prefix(4000))",
                file: file, line: line)
    }
}

/// Asserts that the IR verifier accepts `f` (alone in a module, with `others`
/// beside it for calls).
func assertVerifies(_ f: Function, others: [Function] = [], _ context: @autoclosure () -> String = "",
                    file: StaticString = #filePath, line: UInt = #line) {
    let m = Module()
    m.functions = others + [f]
    let errors = verify(m)
    if !errors.isEmpty {
        XCTFail("\(context()): verifier: \(errors.prefix(10).map(\.description).joined(separator: "; "))\n\(printFunction(f).prefix(4000))",
                file: file, line: line)
    }
}

/// The structural checks the verifier makes, written independently of it so the
/// pass tests do not depend on its progress: definitions in the layout, dominance of
/// every use, argument counts and types on every edge, operand types.
func wellFormednessErrors(_ f: Function) -> [String] {
    var errors: [String] = []
    guard let entry = f.entry else { return ["no entry block"] }
    let nb = f.blocks.count
    var inLayout = [Bool](repeating: false, count: nb)
    for b in f.layout {
        if inLayout[Int(b.index)] { errors.append("b\(b.index) laid out twice") }
        inLayout[Int(b.index)] = true
    }
    if f[entry].params.map({ f.type(of: $0) }) != f.paramTypes { errors.append("entry parameters differ from the signature") }

    // Where each value is defined: block and position (-1 for parameters).
    var defBlock = [Int32](repeating: -1, count: f.valueTypes.count)
    var defPos = [Int](repeating: 0, count: f.valueTypes.count)
    for b in f.layout {
        for (i, p) in f[b].params.enumerated() {
            if defBlock[Int(p.index)] >= 0 { errors.append("v\(p.index) defined twice") }
            defBlock[Int(p.index)] = b.index; defPos[Int(p.index)] = -1
            if f.valueDefs[Int(p.index)] != .param(b, i) { errors.append("v\(p.index): stale parameter definition") }
        }
        for (k, id) in f[b].insts.enumerated() {
            guard let r = f[id].result else { continue }
            if defBlock[Int(r.index)] >= 0 { errors.append("v\(r.index) defined twice") }
            defBlock[Int(r.index)] = b.index; defPos[Int(r.index)] = k
            if f.valueDefs[Int(r.index)] != .inst(id) { errors.append("v\(r.index): stale instruction definition") }
        }
    }

    // Immediate dominators (Cooper, Harvey, Kennedy) over the reachable blocks.
    var rpo: [Block] = []
    var seen = [Bool](repeating: false, count: nb)
    // Iterative depth-first search: the scale test has CFGs deeper than the stack.
    var stack: [(Block, Int)] = [(entry, 0)]
    seen[Int(entry.index)] = true
    while let (b, i) = stack.last {
        let succs = f[b].terminator.successors
        if i < succs.count {
            stack[stack.count - 1].1 += 1
            let s = succs[i].block
            if !seen[Int(s.index)] { seen[Int(s.index)] = true; stack.append((s, 0)) }
        } else {
            rpo.append(b)
            stack.removeLast()
        }
    }
    rpo.reverse()
    var order = [Int](repeating: -1, count: nb)
    for (i, b) in rpo.enumerated() { order[Int(b.index)] = i }
    var preds = [[Int]](repeating: [], count: nb)
    for b in rpo { for c in f[b].terminator.successors { preds[Int(c.block.index)].append(Int(b.index)) } }
    var idom = [Int](repeating: -1, count: nb)
    idom[Int(entry.index)] = Int(entry.index)
    var changed = true
    while changed {
        changed = false
        for b in rpo.dropFirst() {
            var new = -1
            for p in preds[Int(b.index)] where idom[p] >= 0 {
                if new < 0 { new = p; continue }
                var x = p, y = new
                while x != y {
                    while order[x] > order[y] { x = idom[x] }
                    while order[y] > order[x] { y = idom[y] }
                }
                new = x
            }
            if new != idom[Int(b.index)] { idom[Int(b.index)] = new; changed = true }
        }
    }
    func dominates(_ a: Int, _ b: Int) -> Bool {
        var x = b
        while true {
            if x == a { return true }
            if idom[x] == x || idom[x] < 0 { return false }
            x = idom[x]
        }
    }
    func checkUse(_ v: Value, in b: Block, at pos: Int, _ what: String) {
        guard Int(v.index) < defBlock.count, defBlock[Int(v.index)] >= 0 else {
            errors.append("\(what) in b\(b.index) reads v\(v.index), defined nowhere in the layout")
            return
        }
        guard seen[Int(b.index)] else { return }  // no dominance in unreachable code
        let db = Int(defBlock[Int(v.index)])
        if db == Int(b.index) {
            if defPos[Int(v.index)] >= pos { errors.append("\(what) in b\(b.index) reads v\(v.index) before its definition") }
        } else if !seen[db] || !dominates(db, Int(b.index)) {
            errors.append("\(what) in b\(b.index) reads v\(v.index), whose definition does not dominate it")
        }
    }

    for b in f.layout {
        for (k, id) in f[b].insts.enumerated() {
            let inst = f[id]
            for a in inst.args { checkUse(a, in: b, at: k, "\(inst.op.info.name)") }
            if inst.imm.kind != inst.op.info.immediate { errors.append("\(inst.op.info.name): wrong immediate kind") }
            if let sig = inst.op.signature,
               let msg = sig.check(operands: inst.args.map { f.type(of: $0) }, result: inst.result.map { f.type(of: $0) }) {
                errors.append("\(inst.op.info.name): \(msg)")
            }
        }
        let t = f[b].terminator
        let end = f[b].insts.count
        for v in t.uses { checkUse(v, in: b, at: end, "terminator") }
        for c in t.successors {
            if !inLayout[Int(c.block.index)] { errors.append("b\(b.index) branches to b\(c.block.index), not laid out") }
            if c.block == entry { errors.append("b\(b.index) branches to the entry") }
            let ps = f[c.block].params
            if ps.count != c.args.count {
                errors.append("b\(b.index) passes \(c.args.count) argument(s) to b\(c.block.index), which has \(ps.count)")
            } else {
                for (a, p) in zip(c.args, ps) where f.type(of: a) != f.type(of: p) {
                    errors.append("b\(b.index) passes \(f.type(of: a)) for a \(f.type(of: p)) parameter")
                }
            }
        }
        switch t {
        case .brif(let c, _, _): if f.type(of: c) != .bool { errors.append("brif on a non-bool") }
        case .ret(let v):
            if let v = v { if f.type(of: v) != f.returnType { errors.append("ret of the wrong type") } }
            else if f.returnType != .unit { errors.append("bare ret in a non-unit function") }
        default: break
        }
    }
    return errors
}

// MARK: - Reference evaluator

enum Outcome: Equatable {
    case value(Int64)
    case trap
    case tooLong
}

/// Runs integer code made of iconst, bconst, copy, iadd, isub, imul, icmp, brif,
/// jump and ret; anything else fails the test. Traps on overflow as the runtime does.
func evaluate(_ f: Function, _ args: [Int64], fuel: Int = 100_000) -> Outcome {
    var regs = [Int64](repeating: 0, count: f.valueTypes.count)
    var b = f.entry!
    for (p, a) in zip(f[b].params, args) { regs[Int(p.index)] = a }
    var fuel = fuel
    while true {
        for id in f[b].insts {
            fuel -= 1
            if fuel == 0 { return .tooLong }
            let inst = f[id]
            let x = inst.args.map { regs[Int($0.index)] }
            let r: Int64
            switch inst.op {
            case .iconst, .bconst:
                guard case .int(let k) = inst.imm else { XCTFail("bad immediate"); return .trap }
                r = k
            case .copy: r = x[0]
            case .iadd:
                let (s, o) = x[0].addingReportingOverflow(x[1]); if o { return .trap }; r = s
            case .isub:
                let (s, o) = x[0].subtractingReportingOverflow(x[1]); if o { return .trap }; r = s
            case .imul:
                let (s, o) = x[0].multipliedReportingOverflow(by: x[1]); if o { return .trap }; r = s
            case .icmp:
                guard case .cond(let cc) = inst.imm else { XCTFail("bad immediate"); return .trap }
                let t: Bool
                switch cc {
                case .eq: t = x[0] == x[1]
                case .ne: t = x[0] != x[1]
                case .lt: t = x[0] < x[1]
                case .le: t = x[0] <= x[1]
                case .gt: t = x[0] > x[1]
                case .ge: t = x[0] >= x[1]
                }
                r = t ? 1 : 0
            default:
                XCTFail("evaluator does not know \(inst.op.info.name)")
                return .trap
            }
            regs[Int(inst.result!.index)] = r
        }
        func take(_ c: BlockCall) {
            // Read every argument before writing any parameter (parallel assignment).
            let vals = c.args.map { regs[Int($0.index)] }
            for (p, v) in zip(f[c.block].params, vals) { regs[Int(p.index)] = v }
            b = c.block
        }
        fuel -= 1
        if fuel == 0 { return .tooLong }
        switch f[b].terminator {
        case .jump(let c): take(c)
        case .brif(let v, let t, let e): take(regs[Int(v.index)] != 0 ? t : e)
        case .ret(let v): return .value(v.map { regs[Int($0.index)] } ?? 0)
        case .unreachable: return .trap
        }
    }
}

// MARK: - Random programs

/// SplitMix64: a tiny deterministic generator, so a failing seed reproduces.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builds random well-typed `(i64, i64) -> i64` functions: arithmetic DAGs over
/// constants and parameters, diamonds joining in block parameters (sometimes with the
/// same value on both arms, sometimes through empty forwarding blocks), counted
/// loops with loop-carried parameters, copies, dead computations and branches on
/// constant conditions.
struct RandomFunctionGenerator {
    var rng: SplitMix64
    var b: FunctionBuilder
    var pool: [Value] = []
    var depth = 0

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        let f = Function(name: "r\(seed)", paramTypes: [.i64, .i64], returnType: .i64)
        b = FunctionBuilder(f)
        pool = b.entryParams
    }

    mutating func int(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
    mutating func pick() -> Value { pool[int(pool.count)] }

    mutating func constant() -> Int64 {
        switch int(6) {
        case 0: return .max - Int64(int(3))
        case 1: return .min + Int64(int(3))
        default: return Int64(int(21)) - 10
        }
    }

    mutating func arithmetic() -> Value {
        switch int(7) {
        case 0, 1: return b.iconst(constant())
        case 2: return b.emit(.copy, .i64, [pick()])
        default:
            let op: Opcode = [.iadd, .isub, .imul][int(3)]
            return b.emit(op, .i64, [pick(), pick()])
        }
    }

    mutating func condition() -> Value {
        let cc = CondCode.allCases[int(6)]
        if int(4) == 0 {
            let x = b.iconst(Int64(int(5))), y = b.iconst(Int64(int(5)))
            return b.emit(.icmp, .bool, [x, y], imm: .cond(cc))
        }
        return b.emit(.icmp, .bool, [pick(), pick()], imm: .cond(cc))
    }

    mutating func straight() {
        for _ in 0..<(1 + int(4)) { pool.append(arithmetic()) }
    }

    mutating func diamond() {
        let c = condition()
        let outer = pool
        let thenB = b.makeBlock(), elseB = b.makeBlock(params: [.i64])
        let join = b.makeBlock(params: [.i64, .i64])
        let shared = pick()
        b.brif(c, thenB, [], elseB, [pick()])
        b.switchTo(thenB)
        region()
        let t1 = pick()
        if int(3) == 0 {
            // Through an empty forwarding block.
            let fwd = b.makeBlock(params: [.i64])
            b.jump(fwd, [t1])
            b.switchTo(fwd)
            b.jump(join, [b.params(of: fwd)[0], shared])
        } else {
            b.jump(join, [t1, shared])
        }
        pool = outer
        b.switchTo(elseB)
        pool.append(b.params(of: elseB)[0])
        region()
        b.jump(join, [pick(), int(2) == 0 ? shared : pick()])
        pool = outer
        b.switchTo(join)
        pool += b.params(of: join)
    }

    mutating func loop() {
        let n = b.iconst(Int64(int(4)))
        let one = b.iconst(1)
        let zero = b.iconst(0)
        let outer = pool
        let invariant = pick()
        let header = b.makeBlock(params: [.i64, .i64, .i64])
        let body = b.makeBlock(), exit = b.makeBlock()
        b.jump(header, [zero, pick(), invariant])
        b.switchTo(header)
        let hp = b.params(of: header)
        let c = b.emit(.icmp, .bool, [hp[0], n], imm: .cond(.lt))
        b.brif(c, body, [], exit, [])
        b.switchTo(body)
        pool = outer + hp
        region()
        let next = b.emit(.iadd, .i64, [hp[0], one])
        // The third parameter is loop-invariant: every edge passes it or itself.
        b.jump(header, [next, pick(), hp[2]])
        b.switchTo(exit)
        pool = outer + hp
    }

    mutating func region() {
        depth += 1
        defer { depth -= 1 }
        straight()
        if depth < 4 {
            switch int(5) {
            case 0, 1: diamond()
            case 2: loop()
            default: break
            }
            if int(2) == 0 { straight() }
        }
    }

    mutating func generate() -> Function {
        region()
        _ = arithmetic()  // often dead
        b.ret(pick())
        return b.function
    }
}
