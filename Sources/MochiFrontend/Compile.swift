// The front end's one entry point: Mochi source bytes -> parsed, type-checked and
// lowered IR module, or the clang-style diagnostics that stopped it. Tools call this
// and decide what to print and how to exit; the library never prints or exits.

import MochiIR

public struct CompileResult {
    /// The lowered module; nil when any error was reported.
    public var module: Module?
    /// Every diagnostic, in source order (`sortedByPosition`).
    public var diagnostics: [Diagnostic]
    /// The diagnostics rendered clang-style (`FILE:LINE:COL: error: MESSAGE`, the
    /// source line, a caret), ready to print.
    public var renderedDiagnostics: String
    /// The checker, holding the AST and the checker's tables. Kept so that they are
    /// freed with the result rather than when `compileMochi` returns: a tool that
    /// exits right after compiling then never pays for releasing a large program's
    /// AST node by node (a few percent of a whole `mochi-ir -O1` run).
    var frontEnd: AnyObject? = nil

    public var succeeded: Bool { module != nil }
}

/// Parses, checks and lowers one Mochi program. The module's `sourceFile` is
/// `fileName` exactly as given. `timePhase`, when given, runs around each phase
/// ("parse", then "check+lower": type checking and lowering are one walk) and must
/// call its body once; the tool's `--time-phases` measures through it.
/// What `mochi test` asks of the lowering: `picks` chooses the test blocks that
/// run (`--run PATTERN`; the others are still checked), and `expectDetails` makes
/// a failed `expect a == b` (any comparison) print both values first.
public struct TestOptions {
    public var picks: ((String) -> Bool)?
    public var expectDetails: Bool

    public init(picks: ((String) -> Bool)? = nil, expectDetails: Bool = false) {
        self.picks = picks
        self.expectDetails = expectDetails
    }
}

public func compileMochi(source: [UInt8], fileName: String, tests: TestOptions = TestOptions(),
                         timePhase: ((_ name: String, _ body: () -> Void) -> Void)? = nil) -> CompileResult {
    let phase = timePhase ?? { _, body in body() }
    let file = SourceFile(path: fileName, bytes: source)
    var diags = DiagnosticEngine()
    var parsed: Program?
    phase("parse") { parsed = Parser.parse(file, diagnostics: &diags) }
    let program = parsed!
    if diags.hasErrors {
        return CompileResult(module: nil, diagnostics: sortedByPosition(diags.diagnostics),
                             renderedDiagnostics: render(diags, file: file))
    }
    let checker = Checker(program: program, diagnostics: diags)
    checker.tests = tests
    var lowered: Module?
    phase("check+lower") { lowered = checker.run() }
    let module = lowered
    let final = checker.diags
    return CompileResult(module: final.hasErrors ? nil : module, diagnostics: sortedByPosition(final.diagnostics),
                         renderedDiagnostics: render(final, file: file), frontEnd: checker)
}
