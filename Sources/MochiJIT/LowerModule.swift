// Lowering a whole module, as both whole-module compilers do it: the in-process
// JIT's eager compile (JIT.swift) and the AArch64 image (AArch64Image.swift).
// Each function is lowered with the LoweringContext its compiler made (which
// decides where slots, strings and descriptors live), with inlining when asked;
// and since an inlined call keeps its depth check but not a slot-stack check,
// a module whose inlined frames could reach the slot stack's end is lowered
// again without inlining. Their functions are entered only at their starts,
// so no frame maps are kept (`FunctionLowering.lower(keepFrameMap:)`), only
// block starts, which the layout needs for loop headers.

import MochiIR

/// Every function of a module, lowered, with the time each took.
struct LoweredModule {
    var funcs: [JFunction] = []
    /// Microseconds per function (the emitter adds its own share).
    var lowerMicros: [Double] = []
    /// One entry per function, its IR size filled in (the emitter fills the rest).
    var functionStats: [JITFunctionStats] = []
}

/// Lowers every function of `m`; with `inlining`, lowers again without it when
/// the inlined frames fail `framesFit` (no chain of the deepest calls may
/// outgrow the slot stack).
func lowerModule(_ m: Module, context: LoweringContext, registerHomes: Bool, inlining: Bool,
                 framesFit: ([JFunction]) -> Bool) throws -> LoweredModule {
    func lowerAll(inlining: Bool) throws -> (LoweredModule, inlined: Bool) {
        var out = LoweredModule()
        out.funcs.reserveCapacity(m.functions.count)
        out.lowerMicros.reserveCapacity(m.functions.count)
        out.functionStats.reserveCapacity(m.functions.count)
        // (The context's index when it is this module's: building one costs
        // a dictionary insertion per function and global.)
        let symbols = context.module === m ? context.symbols : m.symbolIndex()
        let candidates = inlining ? Inliner.candidates(m) : []
        var inlined = false
        for f in m.functions {
            let tf = monotonicMicros()
            let inl = inlining ? Inliner.inline(f, module: m, symbols: symbols, candidates: candidates) : nil
            inlined = inlined || inl != nil
            out.funcs.append(try FunctionLowering.lower(function: inl?.function ?? f, context: context,
                                                        registerHomes: registerHomes, depthChecks: inl?.depthChecks ?? [],
                                                        keepFrameMap: false))
            out.lowerMicros.append(monotonicMicros() - tf)
            out.functionStats.append(JITFunctionStats(name: f.name, irInstructions: f.insts.count, stencils: 0,
                                                      codeBytes: 0, microseconds: 0))
        }
        return (out, inlined)
    }
    let (first, inlined) = try lowerAll(inlining: inlining)
    if inlined && !framesFit(first.funcs) { return try lowerAll(inlining: false).0 }
    return first
}
