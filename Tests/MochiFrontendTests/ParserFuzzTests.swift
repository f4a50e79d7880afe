// Robustness tests: the lexer and parser must never crash, trap or hang, whatever the
// bytes. Inputs are random byte strings, random soups of Mochi tokens and mutations of
// the conformance programs (truncations, deleted, duplicated and swapped byte ranges).
// A seeded generator keeps every run reproducible; the case counts keep the whole test
// under a few seconds in a debug build. Completing is the proof of "no crash, no hang";
// the assertions check that every failure came with a diagnostic at a real position.
import XCTest
@testable import MochiFrontend

/// SplitMix64: tiny, seedable, good enough for fuzzing; no global state.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

final class ParserFuzzTests: XCTestCase {
    private var generator = SeededGenerator(state: 0x4D6F_6368_6921)

    /// Parses `bytes` and checks the diagnostics' invariants.
    private func check(_ bytes: [UInt8], _ label: String) {
        let file = SourceFile(path: "fuzz.mochi", bytes: bytes)
        var diagnostics = DiagnosticEngine()
        let program = Parser.parse(file, diagnostics: &diagnostics)
        XCTAssertLessThanOrEqual(program.exprCount, bytes.count + 1, label)
        for diagnostic in diagnostics.diagnostics {
            let loc = diagnostic.location
            XCTAssertGreaterThanOrEqual(loc.line, 1, label)
            XCTAssertLessThanOrEqual(Int(loc.line), file.lineStarts.count, label)
            XCTAssertGreaterThanOrEqual(loc.column, 1, label)
            XCTAssertLessThanOrEqual(Int(loc.offset), bytes.count, label)
            _ = render(diagnostic, file: file) // rendering must not trap either
        }
        XCTAssertLessThanOrEqual(diagnostics.errorCount, diagnostics.errorLimit, label)
    }

    func testRandomBytes() {
        for round in 0..<2000 {
            let count = Int.random(in: 0..<200, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            check(bytes, "random bytes #\(round)")
        }
        // Printable ASCII hits more of the grammar than uniform bytes do.
        for round in 0..<2000 {
            let count = Int.random(in: 0..<200, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0x09...0x7E, using: &generator) }
            check(bytes, "random ascii #\(round)")
        }
    }

    func testTokenSoup() {
        let pieces = ["let", "var", "fun", "type", "if", "else", "then", "for", "while", "in", "return",
                      "break", "continue", "match", "from", "where", "select", "group", "by", "into",
                      "join", "left", "on", "sort", "take", "skip", "union", "all", "as", "test", "expect",
                      "update", "set", "bench", "import", "extern", "fetch", "load", "stream", "model",
                      "x", "Foo", "_", "1", "0x1F", "2.5", "1e3", "\"s\"", "\"\\n\"", "true", "none",
                      "(", ")", "[", "]", "{", "}", ",", ".", ":", "?", "=", "==", "=>", "..", "+", "-",
                      "*", "/", "%", "<", ">", "<=", "&&", "||", "!", "??", "|", "\n", " ", "//c\n", "/*"]
        for round in 0..<3000 {
            let count = Int.random(in: 0..<60, using: &generator)
            var text = ""
            for _ in 0..<count {
                text += pieces.randomElement(using: &generator)!
                text += " "
            }
            check(Array(text.utf8), "token soup #\(round): \(text)")
        }
    }

    func testCorpusMutations() throws {
        let files = ParserTests.conformanceFiles()
        if files.isEmpty { throw XCTSkip("conformance corpus not found") }
        let corpus = files.compactMap { try? [UInt8](Data(contentsOf: $0)) }.filter { !$0.isEmpty }
        let deadline = Date().addingTimeInterval(12)
        var round = 0
        while round < 3000 && Date() < deadline {
            var bytes = corpus.randomElement(using: &generator)!
            let mutations = Int.random(in: 1...3, using: &generator)
            for _ in 0..<mutations {
                let a = Int.random(in: 0...bytes.count, using: &generator)
                let b = Int.random(in: a...min(bytes.count, a + 64), using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: bytes.removeSubrange(a...) // truncation
                case 1: bytes.removeSubrange(a..<b) // deletion
                case 2: bytes.insert(contentsOf: Array(bytes[a..<b]), at: a) // duplication
                case 3: // swap with another range
                    let c = Int.random(in: 0...bytes.count, using: &generator)
                    let d = Int.random(in: c...min(bytes.count, c + 64), using: &generator)
                    if b <= c {
                        let first = Array(bytes[a..<b]), second = Array(bytes[c..<d])
                        bytes.replaceSubrange(c..<d, with: first)
                        bytes.replaceSubrange(a..<b, with: second)
                    }
                default: // flip a byte
                    if a < bytes.count { bytes[a] = UInt8.random(in: 0...255, using: &generator) }
                }
            }
            check(bytes, "mutation #\(round)")
            round += 1
        }
        XCTAssertGreaterThan(round, 100)
    }
}
