// Robustness of the Wasm reader: thousands of hostile inputs (random bytes, behind a
// valid header or not; truncations; byte mutations; lying section sizes, counts and
// body sizes; chunks spliced between modules) made from valid modules (the WAT
// samples as our assembler builds them, the every-instruction module, hello world).
// Each input must either be rejected with a `WasmReadError` or decode into a module
// that encodes, re-reads to the same bytes, prints and annotates without trapping.
// The test finishing is the proof of no crash, trap or hang; the peak RSS figure
// shows no huge allocation. MOCHI_FUZZ_CASES sets the number of cases (default
// 10,000); the seed is fixed, so a failure reproduces.

import XCTest
@testable import MochiWasm
#if canImport(Glibc)
import Glibc
#endif

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}

final class FuzzTests: XCTestCase {
    static func corpus() throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        for (name, text) in try WATTests.samples() { out.append(try WATTests.assemble(text, origin: name)) }
        out.append(try encodeWasmModule(EncoderTests.everyInstructionModule()))
        out.append(try BuilderTests.helloWorld().encode())
        return out
    }

    /// Offsets of LEB128 fields worth lying about: section sizes, the first LEB of each
    /// section (its count), and code section body sizes.
    static func lieTargets(_ bin: [UInt8]) -> [Int] {
        var offs: [Int] = []
        var i = 8
        while i < bin.count {
            let id = bin[i]
            offs.append(i + 1)
            guard case .success(let (size, n)) = WasmLEB128.decodeUnsigned(bin, at: i + 1, bits: 32) else { break }
            let content = i + 1 + n
            offs.append(content)
            if id == 10, case .success(let (count, cn)) = WasmLEB128.decodeUnsigned(bin, at: content, bits: 32) {
                var j = content + cn
                for _ in 0..<count {
                    offs.append(j)
                    guard case .success(let (bsize, bn)) = WasmLEB128.decodeUnsigned(bin, at: j, bits: 32) else { break }
                    j += bn + Int(bsize)
                }
            }
            i = content + Int(size)
        }
        return offs.filter { $0 < bin.count }
    }

    func testHostileInputsNeverCrash() throws {
        var caseCount = 10_000
        if let env = getenv("MOCHI_FUZZ_CASES"), let n = Int(String(cString: env)), n > 0 { caseCount = n }
        let corpus = try FuzzTests.corpus()
        let targets = corpus.map(FuzzTests.lieTargets)
        let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

        var rng = SplitMix64(seed: 0x5741_534D)
        var decoded = 0, rejected = 0
        let start = clock()
        for k in 0..<caseCount {
            let which = rng.below(corpus.count)
            let base = corpus[which]
            var input: [UInt8]
            switch k % 7 {
            case 0: // random bytes, often behind a valid header
                input = (0..<rng.below(300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                if rng.below(4) != 0 { input = header + input }
            case 1: // truncation
                input = Array(base.prefix(rng.below(base.count + 1)))
            case 2, 3: // a few byte mutations
                input = base
                for _ in 0..<(1 + rng.below(4)) {
                    guard !input.isEmpty else { break }
                    let at = rng.below(input.count)
                    switch rng.below(4) {
                    case 0: input[at] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: input[at] ^= UInt8(1 << rng.below(8))
                    case 2: input.remove(at: at)
                    default: input.insert([0x00, 0x0B, 0x80, 0xFF, 0x7F, 0x41, 0xFB, 0x4E][rng.below(8)], at: at)
                    }
                }
            case 4, 5: // a lying length or count
                input = base
                let offs = targets[which]
                guard !offs.isEmpty else { break }
                let at = offs[rng.below(offs.count)]
                let lie: [UInt8]
                switch rng.below(4) {
                case 0: lie = WasmLEB128.unsigned(UInt64(UInt32.max))
                case 1: lie = WasmLEB128.unsigned(UInt64(rng.below(1 << 20)))
                case 2: lie = WasmLEB128.unsigned(UInt64(rng.below(16)))
                default: lie = [0x80, 0x80, 0x80, 0x80, 0x80, 0x01] // overlong
                }
                if case .success(let (_, n)) = WasmLEB128.decodeUnsigned(input, at: at, bits: 32) {
                    input.replaceSubrange(at..<(at + n), with: lie)
                }
            default: // a chunk of another module spliced in
                let other = corpus[rng.below(corpus.count)]
                input = base
                let from = rng.below(other.count), len = rng.below(64)
                let chunk = other[from..<min(other.count, from + len)]
                let at = rng.below(input.count)
                input.replaceSubrange(at..<min(input.count, at + rng.below(64)), with: chunk)
            }
            do {
                let m = try readWasmModule(input)
                decoded += 1
                let again = try encodeWasmModule(m)
                XCTAssertEqual(try encodeWasmModule(try readWasmModule(again)), again, "case \(k): re-reading changed the module")
                _ = WATPrinter(m).moduleText()
            } catch is WasmReadError {
                rejected += 1
            } catch {
                XCTFail("case \(k): unexpected error \(error)")
            }
            let a = annotateWasmModule(input)
            XCTAssertTrue((a.module == nil) != (a.error == nil))
        }
        let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMiB = usage.ru_maxrss / 1024
        print("wasm fuzz: \(caseCount) inputs (\(decoded) decoded, \(rejected) rejected) in \(String(format: "%.1f", seconds)) s, peak RSS \(peakMiB) MiB")
        XCTAssertEqual(decoded + rejected, caseCount)
        XCTAssertGreaterThan(rejected, caseCount / 4)
        XCTAssertGreaterThan(decoded, 0)
        XCTAssertLessThan(peakMiB, 1024, "peak RSS suggests an allocation driven by a lying count")
    }

    /// The WAT assembler and the linker on hostile text: mutated, truncated and
    /// shuffled samples must assemble or fail with a WATError or LinkError, never trap.
    func testHostileWATNeverCrashes() throws {
        var caseCount = 10_000
        if let env = getenv("MOCHI_FUZZ_CASES"), let n = Int(String(cString: env)), n > 0 { caseCount = n }
        caseCount = max(1, caseCount / 5) // each case links and encodes a whole module
        let texts = try WATTests.samples().map { Array($0.1.utf8) }
        var rng = SplitMix64(seed: 0x5741_5454)
        var assembled = 0, rejected = 0
        let tokens = ["(", ")", "$a", "0", "-1", "0x", "\"", "i32.const", "end", "block", "(type 0)", "(ref null 0)",
                      "struct.get 0 0", "br 5", "local.get 9", "(rec", "nan:0x", "(then", "(@custom \"x\""]
        for k in 0..<caseCount {
            var t = texts[rng.below(texts.count)]
            switch k % 4 {
            case 0: t = Array(t.prefix(rng.below(t.count + 1)))
            case 1:
                for _ in 0..<(1 + rng.below(3)) {
                    let at = rng.below(t.count)
                    t.insert(contentsOf: Array(tokens[rng.below(tokens.count)].utf8) + [32], at: at)
                }
            case 2:
                for _ in 0..<(1 + rng.below(3)) where !t.isEmpty { t.remove(at: rng.below(t.count)) }
            default:
                var lines = t.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
                let a = rng.below(lines.count), b = rng.below(lines.count)
                if rng.below(2) == 0 { lines.swapAt(a, b) } else { lines.remove(at: a) }
                t = Array(lines.joined(separator: [10]))
            }
            do {
                let m = try linkWasm([try parseWAT(String(decoding: t, as: UTF8.self), origin: "f.wat")],
                                     options: LinkOptions(treeShake: rng.below(2) == 0))
                _ = try encodeWasmModule(m)
                assembled += 1
            } catch is WATError {
                rejected += 1
            } catch is LinkError {
                rejected += 1
            } catch {
                XCTFail("case \(k): unexpected error \(error)")
            }
        }
        print("wat fuzz: \(caseCount) texts (\(assembled) assembled, \(rejected) rejected)")
        XCTAssertEqual(assembled + rejected, caseCount)
        XCTAssertGreaterThan(rejected, 0)
    }
}
