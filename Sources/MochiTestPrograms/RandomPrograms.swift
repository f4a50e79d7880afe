// A generator of random well-typed IR modules for the backends' stress tests (the
// C emitter's, and the JIT's against the interpreter); a library of its own so
// both test targets share it:
// arithmetic DAGs over ints, floats and bools, strings, lists, maps and structs,
// if/else diamonds whose join parameters arrive swapped on one edge, and counted
// loops whose header parameters rotate on the back edge (parallel moves with a
// cycle). Integer results are kept small with `irem` by nonzero constants, so
// programs run to the end instead of stopping at the first overflow; the error
// paths have tests of their own. Deterministic for a given seed.

import MochiIR

public struct RandomPrograms {
    var state: UInt64

    public init(seed: UInt64) { state = seed &* 0x9E3779B97F4A7C15 | 1 }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }

    static let pType = IRType.named("P")

    /// The values in scope, by type.
    struct Pool {
        var ints: [Value] = []
        var floats: [Value] = []
        var bools: [Value] = []
        var strs: [Value] = []
        var lists: [Value] = []
        var maps: [Value] = []
        var structs: [Value] = []
    }

    public mutating func module(functions n: Int) -> Module {
        let m = Module(sourceFile: "random.mochi")
        m.types = [TypeDecl(name: "P", kind: .structure([FieldDecl(name: "name", type: .str),
                                                         FieldDecl(name: "age", type: .i64)]))]
        for k in 0..<n { m.functions.append(function("r\(k)")) }
        let main = Function(name: "main", paramTypes: [], returnType: .unit)
        var b = FunctionBuilder(main)
        for k in 0..<n {
            b.loc = SourceLoc(line: UInt32(1000 + k), column: 1)
            let a1 = b.iconst(Int64(below(200)) - 100)
            let a2 = b.iconst(Int64(below(50)) + 1)
            let x = b.fconst(Double(below(1000)) / 8 - 60)
            let s = b.sconst(pick(["abc", "héllo", "", "x,y,z", "Mochi"]))
            let r = b.emit(.call, .i64, [a1, a2, x, s], imm: .function("r\(k)"))
            b.emitVoid(.print, [b.emit(.fmt, .str, [r])])
        }
        b.ret(nil)
        m.functions.append(main)
        return m
    }

    mutating func small(_ b: inout FunctionBuilder, _ v: Value) -> Value {
        let k = b.iconst(Int64(below(900)) + 100)
        return b.emit(.irem, .i64, [v, k])
    }

    /// One straight-line step: adds a value to the pool (or prints one).
    mutating func step(_ b: inout FunctionBuilder, _ p: inout Pool) {
        switch below(22) {
        case 0, 1, 2:
            let op = pick([Opcode.iadd, .isub, .imul])
            p.ints.append(small(&b, b.emit(op, .i64, [pick(p.ints), pick(p.ints)])))
        case 3:
            let c = b.iconst(pick([1, 2, 3, 7, -1, -4]))
            p.ints.append(b.emit(pick([Opcode.idiv, .irem]), .i64, [pick(p.ints), c]))
        case 4:
            p.ints.append(b.emit(.ineg, .i64, [pick(p.ints)]))
        case 5:
            p.bools.append(b.emit(.icmp, .bool, [pick(p.ints), pick(p.ints)], imm: .cond(pick(CondCode.allCases))))
        case 6:
            if let x = p.bools.last { p.bools.append(b.emit(.not, .bool, [x])) }
            else { p.ints.append(b.iconst(Int64(below(10)))) }
        case 7:
            let op = pick([Opcode.fadd, .fsub, .fmul])
            p.floats.append(b.emit(op, .f64, [pick(p.floats), pick(p.floats)]))
        case 8:
            let c = b.fconst(pick([0.5, 3, -2.25, 10]))
            p.floats.append(b.emit(pick([Opcode.fdiv, .frem]), .f64, [pick(p.floats), c]))
        case 9:
            p.floats.append(b.emit(.itof, .f64, [pick(p.ints)]))
            p.bools.append(b.emit(.fcmp, .bool, [pick(p.floats), pick(p.floats)], imm: .cond(pick(CondCode.allCases))))
        case 10:
            let f = b.emit(.math1, .f64, [pick(p.floats)], imm: .string(pick(["fabs", "floor", "sin", "sqrt"])))
            p.floats.append(f)
        case 11:
            let s = b.emit(.tostr, .str, [pick(p.ints)])
            p.strs.append(b.emit(.strConcat, .str, [pick(p.strs), s]))
        case 12:
            let s = pick(p.strs)
            p.ints.append(b.emit(.strLen, .i64, [s]))
            p.strs.append(b.emit(.strSlice, .str, [s, pick(p.ints), pick(p.ints)]))
            p.bools.append(b.emit(.strContains, .bool, [pick(p.strs), s]))
        case 13:
            p.strs.append(b.emit(pick([Opcode.strUpper, .strReverse, .strTrim]), .str, [pick(p.strs)]))
        case 14:
            let n = 1 + below(4)
            p.lists.append(b.emit(.listNew, .list(.i64), (0..<n).map { _ in pick(p.ints) }))
        case 15:
            if let l = p.lists.randomLast(&self) {
                b.emitVoid(.listPush, [l, pick(p.ints)])
                let len = b.emit(.listLen, .i64, [l])
                let i = b.emit(.irem, .i64, [pick(p.ints), len])
                p.ints.append(b.emit(.listGet, .i64, [l, i]))
                b.emitVoid(.listSet, [l, i, pick(p.ints)])
                p.ints.append(b.emit(.listSum, .i64, [l]))
            }
        case 16:
            let m = b.emit(.mapNew, .map(.str, .i64), [pick(p.strs), pick(p.ints)])
            b.emitVoid(.mapSet, [m, pick(p.strs), pick(p.ints)])
            p.maps.append(m)
            p.ints.append(b.emit(.mapGet, .i64, [m, pick(p.strs)]))
            p.bools.append(b.emit(.mapHas, .bool, [m, pick(p.strs)]))
        case 17:
            let s = b.emit(.structNew, RandomPrograms.pType, [pick(p.strs), pick(p.ints)])
            b.emitVoid(.fieldSet, [s, pick(p.ints)], imm: .field(FieldRef(typeName: "P", variant: -1, field: 1)))
            p.structs.append(s)
            p.ints.append(b.emit(.fieldGet, .i64, [s], imm: .field(FieldRef(typeName: "P", variant: -1, field: 1))))
        case 18:
            // Print something of any kind the pool holds.
            let candidates: [(Value, IRType)] = [(pick(p.ints), .i64), (pick(p.floats), .f64), (pick(p.strs), .str)]
                + p.bools.suffix(1).map { ($0, .bool) } + p.lists.suffix(1).map { ($0, .list(.i64)) }
                + p.maps.suffix(1).map { ($0, .map(.str, .i64)) } + p.structs.suffix(1).map { ($0, RandomPrograms.pType) }
            let (v, _) = pick(candidates)
            b.emitVoid(.print, [b.emit(.fmt, .str, [v])])
        case 19:
            let boxed = b.emit(.box, .any, [pick(p.ints)])
            p.ints.append(b.emit(.unbox, .i64, [boxed]))
            p.bools.append(b.emit(.anyTruthy, .bool, [boxed]))
        case 20:
            p.ints.append(b.iconst(Int64(below(2000)) - 1000))
        default:
            let x = b.emit(.cmp, .bool, [pick(p.strs), pick(p.strs)], imm: .cond(pick(CondCode.allCases)))
            p.bools.append(x)
        }
    }

    mutating func function(_ name: String) -> Function {
        let f = Function(name: name, paramTypes: [.i64, .i64, .f64, .str], returnType: .i64)
        var b = FunctionBuilder(f)
        var line: UInt32 = 1
        var p = Pool()
        p.ints = [b.entryParams[0], b.entryParams[1]]
        p.floats = [b.entryParams[2]]
        p.strs = [b.entryParams[3]]
        // rK may call r(K-1) (never itself, so the calls end), outside loops.
        let callee = Int(name.dropFirst()).flatMap { $0 > 0 ? "r\($0 - 1)" : nil }
        for _ in 0..<(3 + below(4)) {
            b.loc = SourceLoc(line: line, column: 1); line += 1
            for _ in 0..<(2 + below(5)) { step(&b, &p) }
            if let callee, below(4) == 0 { p.ints.append(call(&b, &p, callee)) }
            switch below(3) {
            case 0: diamond(&b, &p, callee: callee)
            case 1: loop(&b, &p)
            default: break
            }
        }
        var acc = pick(p.ints)
        for _ in 0..<3 { acc = small(&b, b.emit(.iadd, .i64, [acc, pick(p.ints)])) }
        b.ret(acc)
        return f
    }

    /// A call of `callee` (another generated function) with small arguments.
    mutating func call(_ b: inout FunctionBuilder, _ p: inout Pool, _ callee: String) -> Value {
        let a1 = small(&b, pick(p.ints)), a2 = small(&b, pick(p.ints))
        return b.emit(.call, .i64, [a1, a2, pick(p.floats), pick(p.strs)], imm: .function(callee))
    }

    /// if c { (x, y) } else { (y', x) } -> join(p, q): swapped arguments on one edge.
    /// The then side's first value is sometimes the result of a runtime call or
    /// of a call of `callee`, passed straight to the join (a value that can share
    /// the join parameter's register in the JIT).
    mutating func diamond(_ b: inout FunctionBuilder, _ p: inout Pool, callee: String? = nil) {
        // Half the time a fresh comparison right before the branch (which fuses into it).
        let c: Value
        switch below(3) {
        case 0: c = p.bools.last ?? b.bconst(true)
        case 1: c = b.emit(.icmp, .bool, [pick(p.ints), pick(p.ints)], imm: .cond(pick(CondCode.allCases)))
        default: c = b.emit(.fcmp, .bool, [pick(p.floats), pick(p.floats)], imm: .cond(pick(CondCode.allCases)))
        }
        let thenB = b.makeBlock(), elseB = b.makeBlock()
        let join = b.makeBlock(params: [.i64, .i64])
        let x = pick(p.ints), y = pick(p.ints)
        // A third of the time the else side is the branch's own edge to the
        // join (as `a && b` lowers), laid out before the then side's values.
        let direct = below(3) == 0
        b.brif(c, thenB, [], direct ? join : elseB, direct ? [y, x] : [])
        let saved = p
        b.switchTo(thenB)
        for _ in 0..<below(3) { step(&b, &p) }
        let t: Value
        switch below(4) {
        case 0: t = b.emit(.strLen, .i64, [b.emit(.tostr, .str, [x])])
        case 1 where callee != nil: t = call(&b, &p, callee!)
        default: t = small(&b, b.emit(.iadd, .i64, [x, pick(p.ints)]))
        }
        b.jump(join, [t, y])
        p = saved
        b.switchTo(elseB)
        if direct {
            b.terminate(.unreachable) // no predecessor: removed by CFG simplification, never run
        } else {
            for _ in 0..<below(3) { step(&b, &p) }
            b.jump(join, [y, x])
        }
        p = saved
        b.switchTo(join)
        p.ints.append(contentsOf: b.params(of: join))
    }

    /// for i in 0..<n { (a, b, c) = (b, c, small(a + i)) }: a rotating parallel copy.
    mutating func loop(_ b: inout FunctionBuilder, _ p: inout Pool) {
        let head = b.makeBlock(params: [.i64, .i64, .i64, .i64])
        let body = b.makeBlock()
        let exit = b.makeBlock(params: [.i64, .i64])
        let zero = b.iconst(0)
        let n = b.iconst(Int64(1 + below(6)))
        b.jump(head, [zero, pick(p.ints), pick(p.ints), pick(p.ints)])
        b.switchTo(head)
        let hp = b.params(of: head)
        // lt or ne: both stop at n (i counts up from 0), and both fuse into the `if`.
        let more = b.emit(.icmp, .bool, [hp[0], n], imm: .cond(pick([CondCode.lt, .ne])))
        b.brif(more, body, [], exit, [hp[1], hp[3]])
        let saved = p
        b.switchTo(body)
        p.ints.append(contentsOf: hp)
        for _ in 0..<below(4) { step(&b, &p) }
        let one = b.iconst(1)
        let i1 = b.emit(.iadd, .i64, [hp[0], one])
        let na = small(&b, b.emit(.iadd, .i64, [hp[1], pick(p.ints)]))
        b.jump(head, [i1, hp[2], hp[3], na])
        p = saved
        b.switchTo(exit)
        p.ints.append(contentsOf: b.params(of: exit))
    }
}

extension Array {
    /// The last element most of the time, else a random one (nil when empty).
    func randomLast(_ g: inout RandomPrograms) -> Element? {
        if isEmpty { return nil }
        return g.below(3) == 0 ? self[g.below(count)] : last
    }
}
