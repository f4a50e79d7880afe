// The pass pipeline behind `mochi-ir -O1`: which passes run, in what order, and the
// `--print-after=NAME` hook that shows the IR after each run of one pass.
//
// -O1 first cleans the CFG the lowering left (dead blocks after `return`, forwarding
// blocks), then folds, propagates and sweeps, turns a fib-like function's second
// recursive call into a loop that adds into an accumulator (AccumulateRecursion,
// before LICM so that the new loop's constants leave it), moves loop-invariant
// computations out of their loops (LoopInvariantCodeMotion), computes each repeated
// expression once (CommonSubexpressions, which also merges what LICM gathered in one
// preheader), then turns `xs + [v]` into appends (ConcatToAppend), unobservable
// appends into in-place pushes (AppendInPlace) and strings grown in a loop into
// lists of their pieces joined after it (StringBuild); folding branches exposes new
// dead blocks and new trivially-merged blocks, and merging exposes new copies and
// constants, so the fold/propagate/sweep/simplify group runs twice more. Last,
// BoundsCheckElimination marks list accesses proved in range (`inbounds`); it runs
// after everything that moves or rebuilds code, and changes nothing else. The order
// is fixed, so the output is a function of the input alone.

import MochiIR

public enum OptLevel: Sendable {
    /// No optimisation: the IR is printed as lowered.
    case O0
    /// Constant folding, copy propagation, dead code elimination, CFG simplification,
    /// loop invariants moved out of loops, common subexpressions computed once,
    /// `xs + [v]` turned into appends, appends turned into in-place pushes where no
    /// one can tell, strings built in loops joined once, fib-like double recursion
    /// turned into one call and an accumulating loop, list accesses proved in range
    /// marked `inbounds`.
    case O1
}

public struct PassPipeline {
    /// The passes in the order they run; a pass may appear several times.
    public var passes: [any FunctionPass]

    public init(passes: [any FunctionPass]) { self.passes = passes }

    public init(level: OptLevel) {
        switch level {
        case .O0:
            passes = []
        case .O1:
            // Appends are turned into pushes once copies are gone and unused appends
            // deleted (both widen what it can prove); the copy propagation after it
            // then drops the loop parameters that only carried the list around.
            var ps: [any FunctionPass] = [SimplifyCFG(), ConstantFolding(), CopyPropagation(),
                                          DeadCodeElimination(), SimplifyCFG(), AccumulateRecursion(), LoopInvariantCodeMotion(),
                                          CommonSubexpressions(), ConcatToAppend(), AppendInPlace(), StringBuild()]
            for _ in 0..<2 {
                ps += [ConstantFolding(), CopyPropagation(), DeadCodeElimination(), SimplifyCFG()] as [any FunctionPass]
            }
            ps.append(BoundsCheckElimination())
            passes = ps
        }
    }

    /// Every pass name `--print-after` accepts, in a fixed order (for --help).
    public static var passNames: [String] {
        ["constfold", "copyprop", "dce", "simplifycfg", "accum", "licm", "cse", "concatappend", "appendinplace", "stringbuild", "bce"]
    }

    /// A fresh instance of the pass called `name`, or nil for an unknown name.
    public static func pass(named name: String) -> (any FunctionPass)? {
        switch name {
        case "constfold": return ConstantFolding()
        case "copyprop": return CopyPropagation()
        case "dce": return DeadCodeElimination()
        case "simplifycfg": return SimplifyCFG()
        case "cse": return CommonSubexpressions()
        case "licm": return LoopInvariantCodeMotion()
        case "concatappend": return ConcatToAppend()
        case "appendinplace": return AppendInPlace()
        case "stringbuild": return StringBuild()
        case "accum": return AccumulateRecursion()
        case "bce": return BoundsCheckElimination()
        default: return nil
        }
    }

    /// Runs every pass over every function of `m`, pass by pass (so a dump after a
    /// pass shows the whole module in one consistent state). After each run of the
    /// pass named `printAfter`, `dump` receives the module's IR text as
    /// `render` writes it. Returns true when anything changed.
    /// `timePass`, when given, runs around each pass run over the whole module (the
    /// tool's `--time-phases` measures through it); it must call its body once.
    @discardableResult
    public func run(on m: Module, printAfter: String? = nil,
                    render: (Module) -> String = { printModule($0) },
                    dump: (String) -> Void = { _ in },
                    timePass: ((_ index: Int, _ name: String, _ body: () -> Void) -> Void)? = nil) -> Bool {
        var changed = false
        // A pass is a deterministic function of the one function it runs on, and it
        // reports every change. So when a pass last ran on a function without
        // changing it, and no pass has changed that function since, running it
        // again would find the same nothing: it is skipped. Most functions settle in
        // the first group of the pipeline, and the later groups then cost nothing.
        // `version[f]` counts the changes to function f; `clean[f][p]` is the
        // version at which pass name p last left f unchanged (-1: not yet).
        let names = PassPipeline.passNames
        var version: [Int] = Array(repeatElement(0, count: m.functions.count))
        var clean: [[Int]] = Array(repeatElement([Int](repeating: -1, count: names.count), count: m.functions.count))
        for (k, pass) in passes.enumerated() {
            let p = names.firstIndex(of: pass.name)
            let body = {
                for (i, fn) in m.functions.enumerated() {
                    guard let p = p else {
                        // A pass outside the known set: always run, never recorded.
                        if pass.run(on: fn) { changed = true; version[i] += 1 }
                        continue
                    }
                    if clean[i][p] == version[i] { continue }
                    if pass.run(on: fn) {
                        changed = true
                        version[i] += 1
                    } else {
                        clean[i][p] = version[i]
                    }
                }
            }
            if let t = timePass { t(k, pass.name, body) } else { body() }
            if let name = printAfter, name == pass.name { dump(render(m)) }
        }
        return changed
    }
}

/// Optimises `m` in place at `level`. When `printAfter` names a pass, `dump` receives
/// the IR text after every run of that pass (nothing at -O0: no pass runs).
/// `timePass` is as in `PassPipeline.run`.
public func optimize(_ m: Module, level: OptLevel, printAfter: String?, dump: (String) -> Void,
                     timePass: ((_ index: Int, _ name: String, _ body: () -> Void) -> Void)? = nil) {
    PassPipeline(level: level).run(on: m, printAfter: printAfter, dump: dump, timePass: timePass)
}
