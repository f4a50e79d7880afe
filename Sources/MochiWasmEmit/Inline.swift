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
        let c = Function(name: f.name, paramTypes: f.paramTypes, returnType: f.returnType, loc: f.loc)
        c.valueTypes = f.valueTypes
        c.valueDefs = f.valueDefs
        c.insts = f.insts
        c.blocks = f.blocks
        c.layout = f.layout
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
                    let gi = g[gid]
                    let nid = InstID(Int32(c.insts.count))
                    var result: Value? = nil
                    if let r = gi.result {
                        let v = c.makeValue(g.type(of: r), .inst(nid))
                        map[r.index] = v
                        result = v
                    }
                    c.insts.append(Inst(op: gi.op, result: result, args: gi.args.map(remap), imm: gi.imm, loc: gi.loc))
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
