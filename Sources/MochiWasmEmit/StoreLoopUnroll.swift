// Store loops unrolled by four in versioned loops' fast copies. A loop emitted as
//
//     loop  X  br 0  end
//
// (X: its test, `if EXIT end` leaving it, and its body, ending by falling through to
// the back edge) runs X, X, X, ... until X branches out. `loop X X X X br 0 end` runs
// the same sequence: each copy falls into the next exactly as `br 0` would start X
// again, and every copy sits at X's own depth, so its branches (out of the loop, or
// back to its top) keep their meaning. Nothing else changes: the same stores, checks
// and errors in the same order, with the same locals.
//
// What it saves: an `array.set` costs Wasmtime's whole element-access sequence (null
// test, length load, index compare, object-size arithmetic; docs/WASM.md, "What an
// element access costs") after any store, so a store loop shares nothing between
// iterations and unrolling saves few instructions; but the copies are straight-line
// code with one taken branch (the jump back) per four stores instead of one per
// store. nsieve's inner loop `while k <= m { flags[k] = false; k = k + i }`, 22
// machine instructions per store: instructions -0.2%, CPU time about 0.9x at its
// bench size. Loops in the other shape, `loop TEST if BODY br 1 else EXIT end end`, are
// left alone (their copies would sit one `if` deeper, their branches moved).
// Loops that only read are unrolled by unrollReadLoop (which shares the access
// sequence between its copies); loops with calls, nested loops or tables are left
// alone, and so are long bodies (code size).

extension FunctionEmitter {
    /// Unrolls by four a store loop `loop X br 0 end` in a fast copy (see the header).
    /// `out[start]` is the `loop` line just emitted; the loop ends at the last line.
    mutating func unrollStoreLoop(from start: Int) {
        func trimmed(_ line: String) -> Substring { line.drop { $0 == " " } }
        func op(_ line: String) -> Substring { trimmed(line).prefix { $0 != " " } }
        let n = out.count
        guard n - start >= 4, trimmed(out[start]) == "loop", trimmed(out[n - 1]) == "end",
              trimmed(out[n - 2]) == "br 0" else { return }
        let body = (start + 1)..<(n - 2)
        guard body.count >= 3, body.count <= 40 else { return }
        // X: no nested loop (its own copies would multiply), no call but a check's cold
        // error call, no table branch, no bulk operation; at least one array.set; its
        // `if`/`block`/`end` balanced, so that each copy closes what it opens.
        let stop: Set<Substring> = ["loop", "call", "call_indirect", "return_call", "return_call_ref",
                                    "return_call_indirect", "br_table", "throw", "try_table", "array.fill",
                                    "array.copy", "array.init_data", "array.init_elem", "memory.copy",
                                    "memory.fill", "global.set"]
        var stores = false
        var open = 0
        for k in body {
            let o = op(out[k])
            if stop.contains(o) { return }
            switch o {
            case "block", "if": open += 1
            case "end": open -= 1; if open < 0 { return }
            case "else": if open == 0 { return }
            case "call_ref":
                if !(k > start + 1 && trimmed(out[k - 1]).hasPrefix("global.get $#cold.")) { return }
            case "array.set": stores = true
            default: break
            }
        }
        guard stores, open == 0 else { return }
        let copy = Array(out[body])
        out.insert(contentsOf: copy + copy + copy, at: n - 2)
    }
}
