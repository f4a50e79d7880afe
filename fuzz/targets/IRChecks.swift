// What the ir-text and ir-binary targets require of every module their reader
// accepts (shared by both, built into each).

@testable import MochiIR
import MochiPasses

func checkParsedModule(_ m: Module) {
    let text = printModule(m)
    // The fast verifier must never accept a function the full one rejects.
    let index = SymbolIndex(m)
    var fast = FastVerifier(m, index: index)
    let ctx = VerifierContext(m: m, index: index)
    for f in m.functions where fast.check(f) {
        var full = FunctionVerifier(f, ctx)
        full.run()
        precondition(full.errors.isEmpty, "the fast verifier accepted @\(f.name), the full one says: \(full.errors[0])")
    }
    guard verify(m).isEmpty else { return }
    guard let reparsed = try? parseModule(text) else { preconditionFailure("the text of a valid module does not parse") }
    precondition(printModule(reparsed) == text, "print, parse, print is not the identity")
    guard let decoded = try? decodeBinary(encodeBinary(m)) else { preconditionFailure("the binary form of a valid module does not decode") }
    precondition(printModule(decoded) == text, "the binary round trip changed a valid module")
    optimize(m, level: .O1, printAfter: nil, dump: { _ in })
    let after = verify(m)
    precondition(after.isEmpty, "the passes made a valid module invalid: \(after[0])")
}
