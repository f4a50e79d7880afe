// Accumulating recursion (-O1's accum pass): a function shaped like fib,
//
//   func @f(n: i64) -> i64 { if n < K { ..base: ret v.. }  ..a = f(n-k1) .. ret a + f(n-k2) }
//
// calls itself twice per level; the second call's result is only added to a value
// computed before it. The pass turns that last call into a loop iteration that adds
// into an accumulator, so each level makes one call instead of two:
//
//   b0'(p):  ..the old entry's test on p..; zero = iconst 0; max = iconst INT64_MAX
//            brif c', base'(..), h(p, max)      (base': a copy of the base blocks)
//   h(n, room):  ..the old entry, unchanged..   (room = INT64_MAX - acc)
//   base:        ..  acc = isub max, room; r = iadd acc, v; ret r  (every `ret v`)
//   R:           ..  t = call @f(n-k1) .. b = isub n, k2   (R, up to its last call)
//                g = icmp ge t, zero; brif g, R2, SLOW
//   R2:          g2 = icmp le t, room; brif g2, ADV, SLOW
//   ADV:         room' = isub room, t; jump h(b, room')
//   SLOW:        c = call @f(b); s = iadd t, c; acc = isub max, room; r = iadd acc, s; ret r
//
// (t stands for whatever R adds to the last call's result: here the first call's.)
// The copy of the entry test and base blocks in front keeps the function starting
// with `if n < 2 { return n }`, which a backend may answer at the call site (the
// Wasm emitter's GuardInliner does); the loop re-runs the test, which is pure: the
// entry may hold only integer arithmetic and comparisons, and computed once they
// cannot trap the second time. Carrying room rather than acc makes each iteration's
// guard and update one compare and one subtraction that cannot overflow.
//
// Why this is exact (LANGUAGE.md §10: `+` traps with `integer overflow`; runaway
// recursion ends in `stack overflow` at a fixed call depth, at the call's line):
//
// * Values. The original computes f(n) = a0 + (a1 + (... + (a_k-1 + v))): the
//   addends of the levels of the second call's chain, innermost first. The loop adds
//   a0, a1, ... to acc in the other order, and only while each addend is >= 0 and
//   the sum fits (the guard: a >= 0 and a <= INT64_MAX - acc, which is room, never
//   negative). So acc is always a sum of non-negative addends that fits, and no
//   subtraction of the loop's can overflow. Adding non-negative numbers to any start value x gives a
//   non-decreasing sequence of partial sums, whose largest is the last: the
//   original's chain of adds on top of x overflows exactly when x + acc does, and
//   produces x + acc otherwise. Both exits compute x + acc with one checked add at
//   the original add's location: x = v at a base return, and at a guard failure
//   x = a + f(b), computed by the original call and add (which trap exactly as the
//   original's do). So every result and every `integer overflow` is the original's.
// * Order of everything else. Each loop iteration runs the old body's instructions
//   up to the last call, in the original order; in the original that call would run
//   the same instructions for the next level straight away. What the loop skips is
//   only the adds that followed the call, which run after the whole chain returns
//   with nothing in between: nothing observable moves. (The body is also limited to
//   integer arithmetic, comparisons and calls to itself: no output, no allocation,
//   no globals, nothing else that could be seen.)
// * Call depth. The loop makes the chain of second calls shallower, so a program the
//   original runs without a stack overflow never gets one. The converse needs the
//   shape: the recursive block is entered exactly when n >= K (a threshold test on
//   n against a constant in the entry), every call passes n - k for a constant
//   k >= 1, and the first call has the smallest k. Then the depth reached below
//   f(n) never decreases with n, the chain of first calls (every level's first
//   call, none of them a loop iteration: the same frames in both programs) reaches
//   every depth the whole tree reaches, and it reaches it before any other call
//   does. So when the original overflows, its first overflowing call is one of
//   those first calls, and the transformed function makes the same call at the same
//   depth after the same work: the same `stack overflow` at the same line. And the
//   loop ends: n drops by k2 >= 1 per iteration until the test sends it to a base
//   return (an isub that would wrap traps, as in the original).
//
// Requires: a valid function. Establishes: a valid function, changed only when all
// the conditions above hold: one i64 parameter, an i64 result; the entry ends in
// `brif (icmp n, K)` with the recursive block R on the arm taken when n >= K' (K' is
// K or K+1 by the condition), R has only the entry as predecessor, no block jumps
// back to the entry, R holds every call; every call is `call @f(isub n, k)` with k a
// constant >= 1, at least two of them, the first with the smallest k; R ends in
// `s = iadd t, c` (or `iadd c, t`), `ret s`, where c is the result of R's last
// call, t is not c, and nothing but the add follows the call. The base blocks make
// no call and do not reach R. Anything else is left alone.

import MochiIR

public struct AccumulateRecursion: FunctionPass {
    public let name = "accum"
    public init() {}

    /// The operations the body may use: integer arithmetic and comparisons, which
    /// can trap but have no other effect, constants, and (checked apart) calls.
    private static let allowed: Set<Opcode> = [.iconst, .bconst, .iadd, .isub, .imul, .idiv, .irem, .ineg,
                                               .icmp, .not, .call]

    public func run(on f: Function) -> Bool {
        guard f.paramTypes == [.i64], f.returnType == .i64, let entry = f.entry else { return false }
        let e = Int(entry.index)
        guard f.blocks[e].params.count == 1 else { return false }
        let n = f.blocks[e].params[0]

        // The instruction defining v, if an instruction does.
        func def(_ v: Value) -> Inst? {
            guard case .inst(let id) = f.valueDefs[Int(v.index)] else { return nil }
            return f.insts[Int(id.index)]
        }
        func constant(_ v: Value) -> Int64? {
            guard let d = def(v), d.op == .iconst, case .int(let k) = d.imm else { return nil }
            return k
        }

        // The entry: a threshold test on n. Normalised to `n OP k`.
        guard case .brif(let cv, let tArm, let fArm) = f.blocks[e].terminator,
              tArm.args.isEmpty, fArm.args.isEmpty, tArm.block != fArm.block,
              let cmp = def(cv), cmp.op == .icmp, case .cond(var cond) = cmp.imm, cmp.args.count == 2
        else { return false }
        if cmp.args[0] == n, constant(cmp.args[1]) != nil {
            // n OP k already.
        } else if cmp.args[1] == n, constant(cmp.args[0]) != nil {
            switch cond {
            case .lt: cond = .gt
            case .le: cond = .ge
            case .gt: cond = .lt
            case .ge: cond = .le
            case .eq, .ne: break
            }
        } else {
            return false
        }
        // R is the arm taken when n is at least some threshold.
        let recBlock: Block
        switch cond {
        case .gt, .ge: recBlock = tArm.block
        case .lt, .le: recBlock = fArm.block
        case .eq, .ne: return false
        }
        let r = Int(recBlock.index)

        // Only allowed operations; calls only to f itself and only in R; the entry
        // has no predecessor and R only the entry (unreachable blocks included: the
        // entry gains a parameter).
        let reachable = f.reachableBlocks()
        for b in f.layout {
            let bi = Int(b.index)
            if reachable[bi] {
                for id in f.blocks[bi].insts {
                    let op = f.insts[Int(id.index)].op
                    guard AccumulateRecursion.allowed.contains(op) else { return false }
                    if op == .call && bi != r { return false }
                }
            }
            let (s0, s1) = f.successorIndices(bi)
            for s in [s0, s1] where s >= 0 {
                if Int(s) == e { return false }
                if Int(s) == r && bi != e { return false }
            }
        }
        guard f.blocks[r].params.isEmpty, case .ret(let retValue?) = f.blocks[r].terminator else { return false }

        // R's calls: each `call @f(n - k)`, k >= 1; the first has the smallest k.
        let rInsts = f.blocks[r].insts
        var callPositions: [Int] = []
        var decrements: [Int64] = []
        for (j, id) in rInsts.enumerated() where f.insts[Int(id.index)].op == .call {
            let c = f.insts[Int(id.index)]
            guard case .function(let callee) = c.imm, callee == f.name, c.args.count == 1,
                  let sub = def(c.args[0]), sub.op == .isub, sub.args.count == 2, sub.args[0] == n,
                  let d = constant(sub.args[1]), d >= 1
            else { return false }
            callPositions.append(j)
            decrements.append(d)
        }
        guard callPositions.count >= 2, let firstK = decrements.first, decrements.allSatisfy({ $0 >= firstK })
        else { return false }

        // R ends with the last call, then `s = iadd t, c`, `ret s`.
        let tailPos = callPositions[callPositions.count - 1]
        guard tailPos == rInsts.count - 2 else { return false }
        let tailID = rInsts[tailPos], addID = rInsts[tailPos + 1]
        let tail = f.insts[Int(tailID.index)], add = f.insts[Int(addID.index)]
        guard let c = tail.result, add.op == .iadd, add.args.count == 2, let s = add.result, s == retValue
        else { return false }
        let t: Value
        if add.args[0] == c && add.args[1] != c {
            t = add.args[1]
        } else if add.args[1] == c && add.args[0] != c {
            t = add.args[0]
        } else {
            return false
        }
        let nextArg = tail.args[0]
        let loc = add.loc
        let retLoc = f.blocks[r].terminatorLoc

        // The rewrite. The old entry becomes the loop header h(n, acc); a new entry
        // repeats its test and its base blocks for the call itself (so a caller's
        // backend can still inline `if n < 2 { return n }` at the call, as the Wasm
        // emitter does), and enters the loop with acc = 0 otherwise.
        let baseArm = recBlock == tArm.block ? fArm.block : tArm.block
        // The loop carries room = INT64_MAX - acc, so each iteration's test and
        // update are one compare and one subtraction that cannot trap.
        let room = f.makeValue(.i64, .param(entry, 1))
        f.blocks[e].params.append(room)
        let newEntry = f.makeBlock(params: [.i64])
        let p = f.blocks[Int(newEntry.index)].params[0]
        var valueMap: [Int32: Value] = [n.index: p]
        func mapped(_ v: Value) -> Value { valueMap[v.index] ?? v }
        func clone(_ id: InstID, into b: Block) {
            let inst = f.insts[Int(id.index)]
            let nid = f.append(to: b, inst.op, type: inst.result.map { f.type(of: $0) }, args: inst.args.map(mapped),
                               imm: inst.imm, loc: inst.loc)
            if let r = inst.result { valueMap[r.index] = f.insts[Int(nid.index)].result! }
        }
        for id in f.blocks[e].insts { clone(id, into: newEntry) }
        let zero = f.append(to: newEntry, .iconst, type: .i64, args: [], imm: .int(0), loc: loc)
        let maxv = f.append(to: newEntry, .iconst, type: .i64, args: [], imm: .int(Int64.max), loc: loc)
        let zeroV = f.insts[Int(zero.index)].result!, maxV = f.insts[Int(maxv.index)].result!

        // The base region (what the base arm reaches: neither h nor R), copied in
        // reverse postorder so each definition is copied before its uses.
        var inRegion: [Bool] = Array(repeating: false, count: f.blocks.count)
        var stack = [baseArm]
        inRegion[Int(baseArm.index)] = true
        while let b = stack.popLast() {
            let (s0, s1) = f.successorIndices(Int(b.index))
            for s in [s0, s1] where s >= 0 && !inRegion[Int(s)] {
                inRegion[Int(s)] = true
                stack.append(Block(s))
            }
        }
        let region = f.reversePostorder().filter { inRegion[Int($0.index)] }
        var blockMap: [Int32: Block] = [:]
        for b in region {
            let nb = f.makeBlock(params: f.blocks[Int(b.index)].params.map { f.type(of: $0) })
            for (old, new) in zip(f.blocks[Int(b.index)].params, f.blocks[Int(nb.index)].params) { valueMap[old.index] = new }
            blockMap[b.index] = nb
        }
        func mappedCall(_ c: BlockCall) -> BlockCall { BlockCall(blockMap[c.block.index] ?? c.block, c.args.map(mapped)) }
        for b in region {
            let nb = blockMap[b.index]!
            for id in f.blocks[Int(b.index)].insts { clone(id, into: nb) }
            f.blocks[Int(nb.index)].terminator = f.blocks[Int(b.index)].terminator.mapValues(mapped).mapCalls(mappedCall)
            f.blocks[Int(nb.index)].terminatorLoc = f.blocks[Int(b.index)].terminatorLoc
        }
        let intoLoop = BlockCall(entry, [p, maxV])
        let intoBase = BlockCall(blockMap[baseArm.index]!)
        f.blocks[Int(newEntry.index)].terminator = .brif(mapped(cv), recBlock == tArm.block ? intoLoop : intoBase,
                                                         recBlock == tArm.block ? intoBase : intoLoop)
        f.blocks[Int(newEntry.index)].terminatorLoc = f.blocks[e].terminatorLoc

        // Base returns add the accumulator.
        for b in f.layout where reachable[Int(b.index)] && Int(b.index) != r {
            let bi = Int(b.index)
            guard case .ret(let v?) = f.blocks[bi].terminator else { continue }
            let acc = f.append(to: b, .isub, type: .i64, args: [maxV, room], loc: loc)
            let sum = f.append(to: b, .iadd, type: .i64, args: [f.insts[Int(acc.index)].result!, v], loc: loc)
            f.blocks[bi].terminator = .ret(f.insts[Int(sum.index)].result!)
        }

        // R keeps its instructions up to the last call, then tests the addend.
        let check2 = f.makeBlock(), advance = f.makeBlock(), slow = f.makeBlock()
        f.blocks[r].insts.removeLast(2)
        let g1 = f.append(to: recBlock, .icmp, type: .bool, args: [t, zeroV], imm: .cond(.ge), loc: loc)
        f.blocks[r].terminator = .brif(f.insts[Int(g1.index)].result!, BlockCall(check2), BlockCall(slow))
        f.blocks[r].terminatorLoc = loc

        let g2 = f.append(to: check2, .icmp, type: .bool, args: [t, room], imm: .cond(.le), loc: loc)
        f.blocks[Int(check2.index)].terminator = .brif(f.insts[Int(g2.index)].result!, BlockCall(advance),
                                                       BlockCall(slow))
        f.blocks[Int(check2.index)].terminatorLoc = loc

        let next = f.append(to: advance, .isub, type: .i64, args: [room, t], loc: loc)
        f.blocks[Int(advance.index)].terminator = .jump(BlockCall(entry, [nextArg, f.insts[Int(next.index)].result!]))
        f.blocks[Int(advance.index)].terminatorLoc = retLoc

        // The slow exit: the original call and add, then the accumulator.
        f.blocks[Int(slow.index)].insts = [tailID, addID]
        let acc = f.append(to: slow, .isub, type: .i64, args: [maxV, room], loc: loc)
        let total = f.append(to: slow, .iadd, type: .i64, args: [f.insts[Int(acc.index)].result!, s], loc: loc)
        f.blocks[Int(slow.index)].terminator = .ret(f.insts[Int(total.index)].result!)
        f.blocks[Int(slow.index)].terminatorLoc = retLoc

        f.layout.insert(contentsOf: [newEntry] + region.map { blockMap[$0.index]! }, at: 0)
        let at = f.layout.firstIndex(of: recBlock)! + 1
        f.layout.insert(contentsOf: [check2, advance, slow], at: at)
        return true
    }
}
