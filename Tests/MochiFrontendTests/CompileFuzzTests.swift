// Fuzzing of the whole front end: mutated conformance programs go through
// `compileMochi` (parse, type-check, lower) and, when they compile, through the IR
// verifier. The parser's own fuzz test stops at parsing; most mutations here still
// parse, so they reach the checker and the lowering with programs no human wrote:
// wrong types, dangling names, odd nesting, swapped statements. Finishing is the
// proof that nothing crashed; the test also checks that every rejected program got
// a diagnostic with a real position, and that every accepted one verifies.
//
// MOCHI_FUZZ_CASES sets the number of cases (default 10,000); the seed is fixed so a
// failure reproduces.

import MochiFrontend
import MochiIR
import XCTest

/// SplitMix64: small, seedable, no global state.
private struct FuzzRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}

final class CompileFuzzTests: XCTestCase {
    /// Source-level tokens that make mutations likely to parse but mistype.
    private static let splices: [[UInt8]] = [
        "1", "\"s\"", "2.5", "true", "[]", "{}", "none", "x", "xs[0]", "f(1)", " + ", " == ",
        " && ", " in ", ".len", " as int", " as float", "let q = 1\n", "return\n", "break\n",
        "{", "}", "(", ")", "[", "]", ",", ":", "fun(a: int): int => a", "match 1 { _ => 0 }",
        "from y in [1] select y", "if true then 1 else 2", "-", "!", "\n",
    ].map { Array($0.utf8) }

    func testMutatedProgramsNeverCrashTheFrontEnd() throws {
        let files = ParserTests.conformanceFiles()
        if files.isEmpty { throw XCTSkip("conformance corpus not found") }
        let sources = files.compactMap { FileManager.default.contents(atPath: $0.path).map { [UInt8]($0) } }
        let cases = Int(ProcessInfo.processInfo.environment["MOCHI_FUZZ_CASES"] ?? "") ?? 10_000
        var rng = FuzzRandom(state: 0x6D6F_6368_695F_6665)
        var compiled = 0, rejected = 0
        for n in 0..<cases {
            var b = sources[rng.below(sources.count)]
            for _ in 0...rng.below(3) { mutate(&b, &rng) }
            let result = compileMochi(source: b, fileName: "fuzz\(n).mochi")
            if let m = result.module {
                compiled += 1
                let errors = verify(m)
                if !errors.isEmpty {
                    // Keep the program so the failure can be reproduced with mochi-ir.
                    let path = NSTemporaryDirectory() + "compile-fuzz-\(n).mochi"
                    FileManager.default.createFile(atPath: path, contents: Data(b))
                    XCTFail("case \(n): accepted program does not verify (saved as \(path)): \(errors[0])")
                    break
                }
            } else {
                rejected += 1
                XCTAssertFalse(result.diagnostics.isEmpty, "case \(n): rejected without a diagnostic")
                XCTAssertTrue(result.renderedDiagnostics.contains("fuzz\(n).mochi:"),
                              "case \(n): diagnostic without a file position")
            }
        }
        print("compile fuzz: \(cases) cases, \(compiled) compiled and verified, \(rejected) rejected with diagnostics")
    }

    private func mutate(_ b: inout [UInt8], _ rng: inout FuzzRandom) {
        if b.isEmpty { b = Self.splices[rng.below(Self.splices.count)]; return }
        let i = rng.below(b.count)
        let len = 1 + rng.below(min(24, b.count - i))
        switch rng.below(6) {
        case 0: b.removeSubrange(i..<(i + len))                          // delete a range
        case 1: b.insert(contentsOf: b[i..<(i + len)], at: rng.below(b.count)) // duplicate a range
        case 2: b.insert(contentsOf: Self.splices[rng.below(Self.splices.count)], at: i)
        case 3: b.replaceSubrange(i..<(i + len), with: Self.splices[rng.below(Self.splices.count)])
        case 4: b.removeSubrange(rng.below(b.count)...)                  // truncate
        default:                                                         // swap two lines
            let lines = b.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            guard lines.count > 2 else { return }
            var ls = lines.map(Array.init)
            ls.swapAt(rng.below(ls.count), rng.below(ls.count))
            b = Array(ls.joined(separator: [UInt8(ascii: "\n")]))
        }
    }
}
