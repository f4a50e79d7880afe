// Inlining small leaf functions into their callers, the JIT's one IR
// transformation: a copy-and-patch call costs a frame setup, argument moves, a
// native call and return, and the homes live across it must be saved; a small
// function called in a loop (spectral_norm's evalA) costs more in calls than
// in work. The module is not changed: callers are rewritten on copies.
//
// A callee is inlined when it is a leaf (no call, closure call or closure of
// its own), small, and not @main, at call sites inside a loop of the caller
// (a call made once per caller run gains nothing from it, and inlining it
// would only add to the compile time), or anywhere when the callee is tiny
// (its body is about the size of the call sequence). The call's observable effects stay as the
// interpreter has them: the call site keeps its depth check (`call_check`
// before the jump into the inlined body, with the call's line), and because
// the callee is a leaf nothing inside it can be deeper. Runtime errors inside
// report the callee's own lines, as instructions keep their locations. The
// slot stack: inlined values live in the caller's frame, which the JIT sizes
// before running; `JIT.compile` inlines only when no chain of frames can reach
// the slot stack's end before the depth limit (it lowers again without
// inlining otherwise), so no slot-stack check can differ either.
//
// The rewrite, for `r = call @g(a...)` in block B:
//   B: insts before the call; jump G0'(a...)          (depth check here)
//   G0'..Gn': g's blocks, cloned with fresh values; `ret v` -> jump C(v)
//   C(r): the insts after the call; B's old terminator
// The call's result keeps its value number, redefined as C's parameter, so no
// use needs rewriting.

import MochiIR

/// A function after inlining, with the blocks whose terminator must be preceded
/// by a depth check (the inlined call sites) and the line each check reports.
struct InlinedFunction {
    let function: Function
    /// Per block: the inlined call's source line when the block ends in the
    /// jump into its body, -1 otherwise.
    let depthChecks: [Int32]
}

enum Inliner {
    /// Callees of at most this many instructions are inlined.
    static let maxCalleeInsts = 40
    /// A caller stops growing past this many instructions.
    static let maxCallerInsts = 4000
    /// Callees of at most this many instructions are inlined outside loops too.
    static let maxTinyCalleeInsts = 6

    /// Per block of `f` (by index): whether it lies in a loop (`loopDepths`).
    static func blocksInLoops(_ f: Function) -> [Bool] {
        var out = [Bool](repeating: false, count: f.blocks.count)
        for (i, d) in loopDepths(f).enumerated() { out[Int(f.layout[i].index)] = d > 0 }
        return out
    }

    /// Which functions of `m` may be inlined (by index).
    static func candidates(_ m: Module) -> [Bool] {
        m.functions.map { g in
            guard g.name != "main", g.insts.count <= maxCalleeInsts else { return false }
            for b in g.layout {
                for id in g[b].insts {
                    switch g[id].op {
                    case .call, .callClosure, .closureNew, .testBegin, .testEnd: return false
                    default: break
                    }
                }
            }
            return true
        }
    }

    /// `f` with every call of a candidate inlined, or nil when there is none.
    static func inline(_ f: Function, module m: Module, symbols: SymbolIndex, candidates: [Bool]) -> InlinedFunction? {
        // (Most functions call nothing: no loop analysis for them.)
        // (Each op read in place: `contains` hands its closure a copy of each
        // instruction, retaining its arguments and immediate.)
        let calls = f.insts.withUnsafeBufferPointer { insts in
            for i in 0..<insts.count where insts[i].op == .call { return true }
            return false
        }
        if !calls { return nil }
        var hot = blocksInLoops(f)
        // The callee to inline at `id` in block `b` of `h`, if any.
        func callee(_ h: Function, _ b: Block, _ id: InstID) -> Function? {
            guard h[id].op == .call, case .function(let n) = h[id].imm, let gi = symbols.functions[n],
                  candidates[gi] else { return nil }
            let g = m.functions[gi]
            return hot[Int(b.index)] || g.insts.count <= maxTinyCalleeInsts ? g : nil
        }
        var sites = 0
        for b in f.layout {
            for id in f[b].insts where callee(f, b, id) != nil { sites += 1 }
        }
        guard sites > 0 else { return nil }
        let out = copy(f)
        var checks: [Int32] = []
        var li = 0
        while li < out.layout.count {
            let b = out.layout[li]
            guard out.insts.count < maxCallerInsts,
                  let k = out[b].insts.firstIndex(where: { callee(out, b, $0) != nil }),
                  let g = callee(out, b, out[b].insts[k]) else {
                li += 1
                continue
            }
            let callID = out[b].insts[k]
            let call = out[callID]
            // C: the rest of B after the call, with the call's result as its parameter.
            let cont = out.makeBlock()
            while hot.count < out.blocks.count { hot.append(false) }
            hot[Int(cont.index)] = hot[Int(b.index)]
            let rest = Array(out[b].insts[(k + 1)...])
            out[cont].insts = rest
            out[cont].terminator = out[b].terminator
            out[cont].terminatorLoc = out[b].terminatorLoc
            if let r = call.result {
                out[cont].params = [r]
                out.valueDefs[Int(r.index)] = .param(cont, 0)
            }
            out[b].insts.removeSubrange(k...)
            // g's blocks, cloned.
            var vmap = [Int32](repeating: -1, count: g.valueTypes.count)
            var bmap = [Int32](repeating: -1, count: g.blocks.count)
            for gb in g.layout {
                let nb = out.makeBlock(params: g[gb].params.map { g.type(of: $0) })
                bmap[Int(gb.index)] = nb.index
                for (p, np) in zip(g[gb].params, out[nb].params) { vmap[Int(p.index)] = np.index }
            }
            func v(_ x: Value) -> Value { Value(vmap[Int(x.index)]) }
            func blk(_ x: Block) -> Block { Block(bmap[Int(x.index)]) }
            func callOf(_ c: BlockCall) -> BlockCall { BlockCall(blk(c.block), c.args.map(v)) }
            for gb in g.layout {
                let nb = blk(gb)
                for id in g[gb].insts {
                    let inst = g[id]
                    let nid = out.append(to: nb, inst.op, type: inst.result.map { g.type(of: $0) },
                                         args: inst.args.map(v), imm: inst.imm, loc: inst.loc)
                    if let r = inst.result, let nr = out[nid].result { vmap[Int(r.index)] = nr.index }
                }
            }
            for gb in g.layout {
                let t: Terminator
                switch g[gb].terminator {
                case .jump(let c): t = .jump(callOf(c))
                case .brif(let c, let x, let y): t = .brif(v(c), callOf(x), callOf(y))
                case .ret(let r): t = .jump(BlockCall(cont, call.result == nil ? [] : r.map { [v($0)] } ?? []))
                case .unreachable: t = .unreachable
                }
                out[blk(gb)].terminator = t
                out[blk(gb)].terminatorLoc = g[gb].terminatorLoc
            }
            out[b].terminator = .jump(BlockCall(blk(g.layout[0]), call.args))
            out[b].terminatorLoc = call.loc
            while checks.count <= Int(b.index) { checks.append(-1) }
            checks[Int(b.index)] = Int32(clamping: call.loc.line)
            out.layout.insert(contentsOf: g.layout.map(blk) + [cont], at: li + 1)
            // B is done; C may hold further calls.
            li += 1 + g.layout.count
        }
        return InlinedFunction(function: out, depthChecks: checks)
    }

    /// A copy of `f` that can be rewritten without touching `f`.
    static func copy(_ f: Function) -> Function {
        let c = Function(name: f.name, paramTypes: f.paramTypes, returnType: f.returnType, loc: f.loc)
        c.valueTypes = f.valueTypes
        c.valueDefs = f.valueDefs
        c.insts = f.insts
        c.blocks = f.blocks
        c.layout = f.layout
        return c
    }
}
