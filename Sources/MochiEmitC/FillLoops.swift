// Filling loops: `for i in lo..hi { xs = append(xs, v) }` with v fixed (nsieve's
// flags) is, after the append-in-place pass, the two-block loop
//
//     H(iv):  c = icmp lt iv, hi;  brif c, B, X
//     B:      list.push xs, v;  iv2 = iadd iv, 1;  jump H(iv2)
//
// with hi and v defined outside the loop and iv used by nothing else in it. Its push
// (when xs's header is in locals: pushInPlace) stores, while the list has room in
// place, min(room, hi - iv) copies of v at once (memset for a list<bool>, a plain
// loop the C compiler vectorises otherwise) and moves iv on by as many less one, so
// the iteration's own increment ends the run; without room it is the one ordinary
// push, whose slow path (mochi_list_push_reserve) grows the store once for all the
// loop's remaining pushes, hi - iv of them, rather than doubling its way there (one
// allocation of the final size: nsieve's flags are then one mapping, faulted in as
// huge pages, with no copies or moves on the way). The loop runs the same pushes in
// the same order with the same outcome (a push cannot fail but for a nil list, which
// has no room, so it takes the ordinary path and fails there); only the number of
// trips through the header changes. iv leaves the loop as hi either way (it only
// grows by one a trip, and k <= hi - iv).

import MochiIR

extension FunctionEmitter {
    /// Finds the filling loops (see the header): by the push's InstID index, the
    /// loop's counter and bound.
    mutating func planFillLoops() {
        var targeted: [Int32: Int] = [:]
        for b in f.layout {
            for s in f[b].terminator.successors { targeted[s.block.index, default: 0] += 1 }
        }
        for hb in f.layout {
            let h = f[hb]
            guard h.params.count == 1, h.insts.count == 1, case .brif(let c, let t, _) = h.terminator,
                  t.args.isEmpty, t.block != hb, targeted[t.block.index] == 1 else { continue }
            let iv = h.params[0]
            let cmp = f[h.insts[0]]
            guard cmp.op == .icmp, cmp.result == c, case .cond(let cc) = cmp.imm, cc == .lt,
                  cmp.args[0] == iv, cmp.args[1] != iv, type(iv) == .i64 else { continue }
            let hi = cmp.args[1]
            let body = f[t.block]
            guard body.params.isEmpty, body.insts.count == 2,
                  case .jump(let back) = body.terminator, back.block == hb, back.args.count == 1 else { continue }
            let pushID = body.insts.first { f[$0].op == .listPush }
            let stepID = body.insts.first { f[$0].op == .iadd }
            guard let pushID, let stepID else { continue }
            let push = f[pushID], step = f[stepID]
            guard step.result == back.args[0], step.args.count == 2,
                  (step.args[0] == iv && constantInt(step.args[1]) == 1) || (step.args[1] == iv && constantInt(step.args[0]) == 1),
                  // iv's uses in the loop: the compare and the step (H's exit edge
                  // may pass it on: it leaves as before).
                  push.args.count == 2, !push.args.contains(iv), !push.args.contains(c),
                  push.args[1] != step.result, push.args[0] != step.result,
                  let cl = cachedLists.first(where: { $0.list == push.args[0] }), cl.pushes,
                  type(push.args[1]).bank != .reference else { continue }
            fillPushes[pushID.index] = (iv, hi)
        }
    }
}
