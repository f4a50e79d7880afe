// Robustness: thousands of hostile inputs (random bytes, truncations and mutations
// of valid text and binary modules, binary modules with lying lengths and counts)
// go through `readModule`; each must either decode (and then verify, print and
// re-encode without trapping) or throw. The test finishing is the proof of no crash.
// MOCHI_FUZZ_CASES sets the number of cases (default 10,000).

import XCTest
@testable import MochiIR
#if canImport(Glibc)
import Glibc
#endif

final class FuzzTests: XCTestCase {
    func testHostileInputsNeverCrash() {
        var caseCount = 10_000
        if let env = getenv("MOCHI_FUZZ_CASES"), let n = Int(String(cString: env)), n > 0 { caseCount = n }

        let everything = Fixtures.everything()
        let docModule = try! parseModule(Fixtures.docExample)
        let texts: [[UInt8]] = [Array(printModule(everything).utf8), Array(Fixtures.docExample.utf8)]
        let binaries: [[UInt8]] = [encodeBinary(everything), encodeBinary(docModule)]
        // Offsets of LEB128 fields worth lying about: the section sizes and the
        // first bytes of each section (its entry count).
        let lieTargets: [[Int]] = binaries.map { bin in
            var offs: [Int] = []
            var i = 6
            while i < bin.count {
                offs.append(i + 1)
                guard let (size, n) = LEB128.decodeUnsigned(bin, at: i + 1) else { break }
                offs.append(i + 1 + n)
                i += 1 + n + Int(size)
            }
            return offs
        }

        var rng = SplitMix64(seed: 0x4d49_5242)
        var decoded = 0, rejected = 0
        let start = clock()
        for k in 0..<caseCount {
            var input: [UInt8]
            let useBinary = rng.below(2) == 0
            let base = useBinary ? binaries[rng.below(binaries.count)] : texts[rng.below(texts.count)]
            switch k % 6 {
            case 0: // random bytes, sometimes behind a valid magic or header
                input = (0..<rng.below(200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                if rng.below(2) == 0 { input = (useBinary ? [0x4D, 0x49, 0x52, 0x42, 2, 0] : Array("mochi-ir 1\n".utf8)) + input }
            case 1: // truncation
                input = Array(base.prefix(rng.below(base.count + 1)))
            case 2, 3: // a few byte mutations
                input = base
                for _ in 0..<(1 + rng.below(4)) {
                    let at = rng.below(input.count)
                    switch rng.below(4) {
                    case 0: input[at] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: input[at] ^= UInt8(1 << rng.below(8))
                    case 2: input.remove(at: at)
                    default: input.insert(useBinary ? 0xFF : [10, 32, 44, 58, 40, 41, 118, 98, 37, 34][rng.below(10)], at: at)
                    }
                }
            case 4: // binary with a lying length or count
                let which = rng.below(binaries.count)
                input = binaries[which]
                let offs = lieTargets[which]
                let at = offs[rng.below(offs.count)]
                var lie: [UInt8]
                switch rng.below(3) {
                case 0: lie = LEB128.encodeUnsigned(UInt64.max)
                case 1: lie = LEB128.encodeUnsigned(UInt64(rng.below(1 << 20)))
                default: lie = LEB128.encodeUnsigned(UInt64(Int32.max) + UInt64(rng.below(10)))
                }
                if let (_, n) = LEB128.decodeUnsigned(input, at: at) { input.replaceSubrange(at..<(at + n), with: lie) }
            default: // text with a random line duplicated, dropped or swapped
                var lines = texts[rng.below(texts.count)].split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
                let a = rng.below(lines.count), b = rng.below(lines.count)
                switch rng.below(3) {
                case 0: lines.insert(lines[a], at: b)
                case 1: lines.remove(at: a)
                default: lines.swapAt(a, b)
                }
                input = Array(lines.joined(separator: [10]))
            }
            do {
                let m = try readModule(bytes: input)
                _ = verify(m)
                _ = printModule(m)
                _ = encodeBinary(m)
                decoded += 1
            } catch {
                XCTAssertTrue(error is IRParseError || error is BinaryDecodeError, "\(error)")
                rejected += 1
            }
        }
        let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
        print("fuzz: \(caseCount) inputs (\(decoded) decoded, \(rejected) rejected) in \(seconds) s")
        XCTAssertEqual(decoded + rejected, caseCount)
        XCTAssertGreaterThan(rejected, 0)
    }

    /// Hand-made binary inputs whose counts and lengths lie.
    func testLyingBinaryLengths() {
        let header: [UInt8] = [0x4D, 0x49, 0x52, 0x42, 2, 0]
        let cases: [([UInt8], String)] = [
            ([0x4D, 0x49, 0x52], "at byte 0: truncated header (3 bytes)"),
            ([0x4D, 0x49, 0x52, 0x42, 4, 0],
             "at byte 4: unsupported version 4 (this reader reads versions 2 to 3; regenerate the file with this mochi-ir)"),
            // Version 1 numbered the opcodes differently: refused, never misread.
            ([0x4D, 0x49, 0x52, 0x42, 1, 0] + [UInt8](repeating: 0, count: 8),
             "at byte 4: unsupported version 1 (this reader reads versions 2 to 3; regenerate the file with this mochi-ir)"),
            (header, "at byte 6: unexpected end of data reading section id"),
            (header + [2, 0], "at byte 6: expected section 1 (strings), found id 2"),
            (header + [1, 0xff, 0xff, 0xff, 0xff, 0x0f], "at byte 6: strings section size 4294967295 exceeds the 0 bytes left"),
            (header + [1, 2, 0xff, 0x7f], "at byte 8: string count 16383 exceeds the 0 bytes left"),
            (header + [1, 3, 1, 5, 65], "at byte 9: string length 5 exceeds the 1 bytes left"),
            (header + [1, 1, 0x80], "at byte 8: unexpected end of data reading string count"),
            (header + [1, 11] + [UInt8](repeating: 0xff, count: 11), "at byte 8: malformed LEB128 reading string count"),
            (header + [1, 1, 0, 2, 1, 0], "at byte 11: source file string 0 out of range (0 entries)"),
            (header + [1, 1, 0, 2, 0], "at byte 11: unexpected end of data reading source file string"),
            (header + [1, 2, 0, 0], "at byte 9: 1 unread bytes at the end of the strings section"),
            (header + [1, 2, 1, 0, 2, 1, 0, 3, 3, 1, 6, 0], "at byte 17: type index 0 out of range (0 entries)"),
            (header + [1, 2, 1, 0, 2, 1, 0, 3, 1, 9], "at byte 15: type count 9 exceeds the 0 bytes left"),
            (header + [1, 2, 1, 0, 2, 1, 0, 3, 2, 0, 0, 4, 1, 0, 5, 2, 0xC8, 0x01], "at byte 22: function count 200 exceeds the 0 bytes left"),
        ]
        for (bytes, message) in cases {
            XCTAssertThrowsError(try decodeBinary(bytes)) { XCTAssertEqual("\($0)", message) }
        }
    }
}
