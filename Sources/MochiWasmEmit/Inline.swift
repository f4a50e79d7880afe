// Inlining of small leaf functions, for the Wasm emitter only (the IR is not changed:
// callers are rewritten in copies). Wasmtime embedded in mochi-jitrun inlines
// nothing, so spectral_norm's `evalA(i, j)` was a real call on every element; worse,
// any call that returns inside a loop makes Cranelift keep the loop's GC references
// (the hoisted list stores) in stack slots, reloaded at every access, and a call
// means the loop's lists cannot be hoisted at all when the callee is not list-inert.
//
// A callee qualifies when it calls nothing, is one block ending in `ret v` with a
// value, and has at most `maxInsts` instructions. Its instructions are cloned where
// the call was (arguments for its parameters, fresh values for its results, its own
// source locations, so an error inside reports the callee's line as before), and the
// call becomes `copy` of the returned value. The call's depth check stays: the
// emitter makes it before the first cloned instruction (`depthChecks`), at the call's
// line, so runaway recursion stops where it did.

import MochiIR

enum LeafInliner {
    static let maxInsts = 24

    /// The function itself when nothing is inlined, else a rewritten copy, and the
    /// depth checks to make (instruction index -> the inlined call's line).
    static func inline(_ f: Function, module: Module, symbols: [String: Int], leaf: [Bool]) -> (Function, [Int32: Int32]) {
        func candidate(_ inst: Inst) -> Function? {
            guard inst.op == .call, inst.result != nil, case .function(let name) = inst.imm,
                  let fi = symbols[name], leaf[fi] else { return nil }
            let g = module.functions[fi]
            guard g !== f, g.layout.count == 1, let e = g.entry, case .ret(let r) = g[e].terminator, r != nil,
                  g[e].insts.count <= maxInsts, g.returnType != .unit,
                  g[e].params.count == inst.args.count else { return nil }
            return g
        }
        guard f.layout.contains(where: { b in f[b].insts.contains { candidate(f[$0]) != nil } }) else { return (f, [:]) }
        let c = f.rewritableCopy()
        var checks: [Int32: Int32] = [:]
        for b in c.layout {
            var out: [InstID] = []
            for id in c[b].insts {
                let inst = c[id]
                guard let g = candidate(inst), let e = g.entry, case .ret(let rv?) = g[e].terminator else {
                    out.append(id)
                    continue
                }
                var map: [Int32: Value] = [:]
                for (p, a) in zip(g[e].params, inst.args) { map[p.index] = a }
                func remap(_ v: Value) -> Value { map[v.index] ?? v }
                var first: InstID? = nil
                for gid in g[e].insts {
                    let nid = c.appendClone(of: gid, from: g, map: &map)
                    out.append(nid)
                    if first == nil { first = nid }
                }
                c[id] = Inst(op: .copy, result: inst.result, args: [remap(rv)], imm: .none, loc: inst.loc)
                out.append(id)
                checks[(first ?? id).index] = Int32(clamping: inst.loc.line)
            }
            c[b].insts = out
        }
        return (c, checks)
    }
}

// Partial inlining of a callee's early return (`if n < 2 { return n }` at the top of
// fib). A callee qualifies when its entry block computes only pure values (no call,
// nothing that writes or fails) and branches, on one side, straight to a block that
// calls nothing and returns: that test and that block are cloned where the call was,
// and the call stays on the other side only. fib(38) made 126 million calls, half of
// them for n < 2 that returned at once; now the caller answers those itself (and
// binary_trees' check(Leaf) and bottomUp(0) the same way).
//
// The call's block is split: the part before the call ends with the cloned test
// (the call's depth check made before it, at the call's line, as the leaf inliner
// does, so runaway recursion stops at the same call); one arm runs the cloned
// return block, the other makes the call; both join in a block that takes the
// result as its parameter (the call's result value itself, so its uses need no
// rewriting) and holds the rest of the split block. A call in tail position keeps
// its `return_call`: both arms return instead of joining. The callee's entry test is
// made twice when the call is made (once here, once in the callee); it is pure, so
// only its cost is seen.
enum GuardInliner {
    static let maxInsts = 8

    /// Ops the cloned entry test may hold: their only effect is their result.
    static func isPureTest(_ op: Opcode) -> Bool {
        switch op {
        case .iconst, .fconst, .bconst, .sconst, .null, .copy, .icmp, .not, .fcmp, .fadd, .fsub, .fmul, .fneg, .itof,
             .variantTag:
            return true
        default:
            return false
        }
    }

    /// The callee's entry block, its test and the block it returns from, when `g`
    /// qualifies.
    static func guardOf(_ g: Function) -> (entry: Block, ret: BlockCall, retIsThen: Bool)? {
        guard g.layout.count >= 2, let e = g.entry, case .brif(_, let t, let el) = g[e].terminator,
              t.block != el.block else { return nil }
        let ed = g[e]
        guard !ed.insts.isEmpty, ed.insts.count <= maxInsts,
              ed.insts.allSatisfy({ isPureTest(g[$0].op) }) else { return nil }
        func returns(_ bc: BlockCall) -> Bool {
            guard bc.block != e else { return false }
            let bd = g[bc.block]
            guard bd.params.count == bc.args.count, bd.insts.count <= maxInsts, case .ret(let r) = bd.terminator else { return false }
            if g.returnType != .unit && r == nil { return false }
            return !bd.insts.contains { g[$0].op == .call || g[$0].op == .callClosure }
        }
        if returns(t) { return (e, t, true) }
        if returns(el) { return (e, el, false) }
        return nil
    }

    /// `f` rewritten (a copy) with the guards of its qualifying calls inlined, and the
    /// depth checks to add (instruction index -> the call's line), merged into `checks`.
    static func inline(_ f: Function, module: Module, symbols: [String: Int],
                       checks: [Int32: Int32]) -> (Function, [Int32: Int32]) {
        var guards: [Int: (entry: Block, ret: BlockCall, retIsThen: Bool)] = [:]
        func candidate(_ inst: Inst) -> (Function, (entry: Block, ret: BlockCall, retIsThen: Bool))? {
            guard inst.op == .call, case .function(let name) = inst.imm, let fi = symbols[name] else { return nil }
            let g = module.functions[fi]
            if let q = guards[fi] { return (g, q) }
            guard g.paramTypes.count == inst.args.count, let q = guardOf(g) else { return nil }
            guards[fi] = q
            return (g, q)
        }
        guard f.layout.contains(where: { b in f[b].insts.contains { candidate(f[$0]) != nil } }) else { return (f, checks) }
        let c = f.rewritableCopy()
        var checks = checks
        var layout: [Block] = []
        for b0 in f.layout {
            var work = [b0]
            while let b = work.popLast() {
                layout.append(b)
                let insts = c[b].insts
                guard let k = insts.firstIndex(where: { candidate(c[$0]) != nil }),
                      let (g, q) = candidate(c[insts[k]]) else { continue }
                let callID = insts[k]
                let call = c[callID]
                let ge = g[q.entry]
                var map: [Int32: Value] = [:]
                for (p, a) in zip(ge.params, call.args) { map[p.index] = a }
                func remap(_ v: Value) -> Value { map[v.index] ?? v }
                func clone(_ gid: InstID) -> InstID { c.appendClone(of: gid, from: g, map: &map) }
                // A tail call: the call ends its block, which returns its result.
                let oldTerm = c[b].terminator
                var tail = false
                if k == insts.count - 1, case .ret(let r) = oldTerm {
                    tail = f.returnType == .unit ? (g.returnType == .unit) : (r != nil && r == call.result && g.returnType == f.returnType)
                }
                let test = ge.insts.map(clone)
                guard case .brif(let cond, _, _) = ge.terminator else { continue }
                let cv = remap(cond)
                let leafB = c.makeBlock()
                let callB = c.makeBlock()
                // (the return block's parameters are the entry's arguments for them)
                for (p, a) in zip(g[q.ret.block].params, q.ret.args) { map[p.index] = remap(a) }
                c[leafB].insts = g[q.ret.block].insts.map(clone)
                guard case .ret(let rv) = g[q.ret.block].terminator else { continue }
                let leafValue = rv.map(remap)
                let tloc = c[b].terminatorLoc
                c[leafB].terminatorLoc = call.loc
                c[callB].terminatorLoc = call.loc
                c[b].insts = Array(insts[..<k]) + test
                c[b].terminator = q.retIsThen ? .brif(cv, BlockCall(leafB), BlockCall(callB))
                                              : .brif(cv, BlockCall(callB), BlockCall(leafB))
                c[b].terminatorLoc = call.loc
                checks[test[0].index] = Int32(clamping: call.loc.line)
                if tail {
                    c[leafB].terminator = .ret(f.returnType == .unit ? nil : leafValue)
                    c[callB].insts = [callID]
                    c[callB].terminator = oldTerm
                    c[callB].terminatorLoc = tloc
                    layout.append(contentsOf: [callB, leafB])
                    continue
                }
                let join = c.makeBlock()
                if let r = call.result, let lv = leafValue {
                    // The join's parameter is the call's result value itself.
                    let r2 = c.makeValue(c.type(of: r), .inst(callID))
                    c[callID].result = r2
                    c.valueDefs[Int(r.index)] = .param(join, 0)
                    c[join].params = [r]
                    c[leafB].terminator = .jump(BlockCall(join, [lv]))
                    c[callB].terminator = .jump(BlockCall(join, [r2]))
                } else {
                    c[leafB].terminator = .jump(BlockCall(join))
                    c[callB].terminator = .jump(BlockCall(join))
                }
                c[callB].insts = [callID]
                c[join].insts = Array(insts[(k + 1)...])
                c[join].terminator = oldTerm
                c[join].terminatorLoc = tloc
                layout.append(contentsOf: [callB, leafB])
                work.append(join)
            }
        }
        c.layout = layout
        return (c, checks)
    }
}

extension Function {
    /// A copy of the function to rewrite, sharing nothing mutable with it (the
    /// caller's module keeps the original).
    fileprivate func rewritableCopy() -> Function {
        let c = Function(name: name, paramTypes: paramTypes, returnType: returnType, loc: loc)
        c.valueTypes = valueTypes
        c.valueDefs = valueDefs
        c.insts = insts
        c.blocks = blocks
        c.layout = layout
        return c
    }

    /// Appends a copy of `g`'s instruction `gid`: its arguments renamed through
    /// `map` (a value not in it is the caller's own), its result a fresh value of
    /// this function, recorded in `map` for the instructions after it.
    fileprivate func appendClone(of gid: InstID, from g: Function, map: inout [Int32: Value]) -> InstID {
        let gi = g[gid]
        let nid = InstID(Int32(insts.count))
        var result: Value? = nil
        if let r = gi.result {
            let v = makeValue(g.type(of: r), .inst(nid))
            map[r.index] = v
            result = v
        }
        let m = map
        insts.append(Inst(op: gi.op, result: result, args: gi.args.map { m[$0.index] ?? $0 }, imm: gi.imm, loc: gi.loc))
        return nid
    }
}
