// Releasing clean code pages (MochiJITSupport/mochi_code_pages.c): the ranges are
// read-only file mappings only, the code in them runs again after a release, the
// release lowers the resident file pages, and mochi-jitrun releases them as a
// program's heap grows (in the JIT and the interpreter) with the output unchanged.

import Foundation
import MochiIR
import MochiInterp
import MochiJITSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class CodePagesTests: XCTestCase {
    /// The lines of a /proc file (read with stdio: its size reads as 0).
    func procLines(_ path: String) -> [String] {
        guard let f = fopen(path, "r") else { return [] }
        defer { fclose(f) }
        var lines: [String] = []
        var buf = [CChar](repeating: 0, count: 4096)
        while fgets(&buf, Int32(buf.count), f) != nil {
            lines.append(String(cString: buf).trimmingCharacters(in: .newlines))
        }
        return lines
    }

    /// /proc/self/maps: (start, end, permissions, inode) per mapping.
    func mappings() -> [(UInt, UInt, String, UInt64)] {
        procLines("/proc/self/maps").compactMap { line in
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 5 else { return nil }
            let r = f[0].split(separator: "-")
            guard r.count == 2, let lo = UInt(r[0], radix: 16), let hi = UInt(r[1], radix: 16),
                  let inode = UInt64(f[4]) else { return nil }
            return (lo, hi, String(f[1]), inode)
        }
    }

    /// Resident file-backed and shared pages (statm's third field).
    func residentFilePages() -> Int {
        let f = procLines("/proc/self/statm").first?.split(separator: " ") ?? []
        return f.count > 2 ? Int(f[2]) ?? -1 : -1
    }

    func testRangesAreReadOnlyFileMappingsHoldingThisCode() throws {
        #if os(Linux)
        let n = mochi_code_pages_collect()
        XCTAssertGreaterThan(n, 0)
        var count = 0
        let ranges = mochi_code_pages_ranges(&count)!
        XCTAssertEqual(count, n)
        let maps = mappings()
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        for i in 0..<count {
            let lo = ranges[i].start, hi = lo + UInt(ranges[i].length)
            XCTAssertEqual(lo % page, 0)
            XCTAssertEqual(hi % page, 0)
            let over = maps.filter { $0.0 < hi && $0.1 > lo }
            XCTAssertFalse(over.isEmpty, "range \(String(lo, radix: 16)) is not mapped")
            for m in over {
                XCTAssertFalse(m.2.contains("w"), "range \(String(lo, radix: 16)) overlaps a writable mapping \(m.2)")
                XCTAssertNotEqual(m.3, 0, "range \(String(lo, radix: 16)) overlaps an anonymous mapping")
            }
        }
        // The collector's code (linked into this test program) is in one of them.
        let fn = unsafeBitCast(mochi_code_pages_collect as @convention(c) () -> Int, to: UInt.self)
        XCTAssertTrue((0..<count).contains { fn >= ranges[$0].start && fn < ranges[$0].start + UInt(ranges[$0].length) })
        #else
        throw XCTSkip("Linux only")
        #endif
    }

    func testReleasedPagesAreNoLongerResidentAndRunAgain() throws {
        #if os(Linux)
        XCTAssertGreaterThan(mochi_code_pages_collect(), 0)
        let before = residentFilePages()
        let releases = mochi_code_pages_releases()
        mochi_code_pages_release()
        let after = residentFilePages()
        XCTAssertEqual(mochi_code_pages_releases(), releases + 1)
        // This test runs with megabytes of code mapped (XCTest, Foundation, the
        // libraries under test); what it ran since the release is far less.
        XCTAssertGreaterThan(after, 0)
        XCTAssertLessThan(after, before - 64, "resident file pages \(before) -> \(after)")
        // Code and read-only data are still there: a compile and a run in this process.
        let m = try compile("fun f(n: int): int { return n * 3 }\nprint(f(14))")
        XCTAssertEqual(verify(m).count, 0)
        #else
        throw XCTSkip("Linux only")
        #endif
    }

    /// binary_trees 14 builds about 11 MB of heap: mochi-jitrun releases the code pages
    /// at 4 MiB and after (--stats says how often), and prints what the interpreter
    /// prints.
    func testToolReleasesCodePagesAsTheHeapGrows() throws {
        guard let lib = JITTests.libraryPath else { throw XCTSkip("no stencil library") }
        var source = try String(contentsOfFile: Fixtures.root + "/bench/binary_trees/binary_trees.mochi", encoding: .utf8)
        source = source.replacingOccurrences(of: "let N = 10\n", with: "let N = 14\n")
        XCTAssertTrue(source.contains("let N = 14\n"))
        let m = try compile(source)
        let path = NSTemporaryDirectory() + "/mochi-codepages-\(getpid()).mirb"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(encodeBinary(m))))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var outputs: [String] = []
        for mode in [[], ["--interp"], ["--jit=eager"]] {
            let (status, out, err) = try JITTests.runTool(mode + ["--stats", path], stencils: lib)
            XCTAssertEqual(status, 0, "\(mode): \(err)")
            let line = err.split(separator: "\n").first { $0.hasPrefix("code pages released: ") }
            let times = line.flatMap { Int($0.dropFirst("code pages released: ".count).prefix { $0.isNumber }) }
            XCTAssertNotNil(times, "\(mode): \(err)")
            XCTAssertGreaterThanOrEqual(times ?? 0, 2, "\(mode): \(err)")
            outputs.append(out)
        }
        // The oracle: the interpreter in this process, with no pages released.
        XCTAssertEqual(outputs[0], try Interpreter(module: m).runCapturingOutput())
        XCTAssertEqual(Set(outputs).count, 1, "\(outputs)")
        // A small heap never reaches the first mark.
        let hello = try JITTests.runTool(["--stats", Fixtures.root + "/tests/interp/hello.mir"], stencils: lib)
        XCTAssertEqual(hello.0, 0)
        XCTAssertTrue(hello.2.contains("code pages released: 0 times"), hello.2)
    }
}
