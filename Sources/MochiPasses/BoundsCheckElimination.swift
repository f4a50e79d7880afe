// Bounds-check elimination: marks `list.get xs, a` and `list.set xs, a, v` as
// `inbounds` (Inst.inBounds) where a is proved in [0, len(xs)) at that point. The
// canonical case is `for i in 0..len(xs) { ... xs[i] ... }`; any access under a
// dominating test `a < len(xs)` with a >= 0 qualifies the same way. Backends may
// read the mark to drop the check (and the negative-index path); ignoring it is
// always correct.
//
// Requires: a valid function.
// Establishes: the same function, with `inBounds` set on some list.get / list.set.
// Nothing else changes, so this pass never makes another pass's work stale; it runs
// last in -O1.
//
// The proof is MochiIR's provedInBoundsAccesses (InBoundsProof.swift), shared with
// the verifier, which refuses a mark the proof does not give.

import MochiIR

public struct BoundsCheckElimination: FunctionPass {
    public let name = "bce"
    public init() {}

    public func run(on f: Function) -> Bool {
        var any = false
        for id in provedInBoundsAccesses(f) where !f.insts[Int(id.index)].inBounds {
            f.insts[Int(id.index)].inBounds = true
            any = true
        }
        return any
    }
}
