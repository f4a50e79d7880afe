// End-to-end: Mochi source through the front end (`compileMochi`) into the
// interpreter. A few snippets run in-process with their exact output asserted; the
// conformance corpus (../shared/conformance, when present) runs as a sweep through
// printed IR text and the built `mochi-jitrun` in subprocesses, because a program
// that hits a runtime error ends its process. The sweep is slow, so it runs only
// with MOCHI_CONFORMANCE=1, and only reports its counts unless
// MOCHI_CONFORMANCE_STRICT=1, since the front end is still growing.

import XCTest
import Foundation
import MochiIR
import MochiFrontend
@testable import MochiInterp

final class EndToEndTests: XCTestCase {
    func runMochi(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = compileMochi(source: Array(source.utf8), fileName: "t.mochi")
        guard let m = r.module else {
            XCTFail("does not compile:\n" + r.renderedDiagnostics, file: file, line: line)
            return ""
        }
        XCTAssertEqual(verify(m).map(\.description), [], file: file, line: line)
        return try Interpreter(module: m).runCapturingOutput()
    }

    func testFunctionsAndArithmetic() throws {
        XCTAssertEqual(try runMochi("""
            fun add(a: int, b: int): int {
              return a + b
            }
            print(add(2, 3))
            """), "5\n")
    }

    func testRecursionAndLoops() throws {
        XCTAssertEqual(try runMochi("""
            fun fib(n: int): int {
              if n < 2 { return n }
              return fib(n - 1) + fib(n - 2)
            }
            var total = 0
            for i in 0..10 {
              total = total + fib(i)
            }
            print(total)
            """), "88\n")
    }

    func testListsMapsAndStrings() throws {
        XCTAssertEqual(try runMochi("""
            let xs = [3, 1, 2]
            var m = {"b": 2, "a": 1}
            m["c"] = xs[0]
            print(xs, len(xs))
            print(m)
            print("ab" + "cd", len("héllo"))
            """), "[3, 1, 2] 3\n{\"a\": 1, \"b\": 2, \"c\": 3}\nabcd 5\n")
    }

    func testStructsAndClosures() throws {
        XCTAssertEqual(try runMochi("""
            type Point { x: int, y: int }
            fun adder(k: int): fun(int): int {
              return fun(v: int): int => v + k
            }
            let p = Point { x: 1, y: 2 }
            let add3 = adder(3)
            print(p.x + p.y, add3(4))
            """), "3 7\n")
    }

    // MARK: the conformance sweep

    func testConformanceCorpus() throws {
        guard ProcessInfo.processInfo.environment["MOCHI_CONFORMANCE"] == "1" else {
            throw XCTSkip("set MOCHI_CONFORMANCE=1 to sweep the conformance corpus")
        }
        let root = ErrorFileTests.root
        let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/conformance")
        guard FileManager.default.fileExists(atPath: corpus.path) else { throw XCTSkip("no conformance corpus") }
        let exe = try ErrorFileTests.tool()
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("mochi-interp-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }

        var passed = 0, failed: [String] = [], notCompiled = 0
        for suite in ["vm", "algorithms", "rosetta"] {
            let dir = corpus.appendingPathComponent(suite)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
                .filter { $0.hasSuffix(".mochi") }.sorted()
            for name in names {
                let src = dir.appendingPathComponent(name)
                let expectURL = src.deletingPathExtension().appendingPathExtension("out")
                guard let bytes = FileManager.default.contents(atPath: src.path),
                      let expected = try? String(contentsOf: expectURL, encoding: .utf8) else { continue }
                let r = compileMochi(source: Array(bytes), fileName: name)
                guard let m = r.module, verify(m).isEmpty else { notCompiled += 1; continue }
                let mir = tmp.appendingPathComponent(name + ".mir")
                try printModule(m).write(to: mir, atomically: true, encoding: .utf8)
                let outFile = tmp.appendingPathComponent(name + ".stdout")
                FileManager.default.createFile(atPath: outFile.path, contents: nil)
                let p = Process()
                p.executableURL = exe
                p.arguments = ["--interp", mir.path]
                p.standardOutput = try FileHandle(forWritingTo: outFile)
                p.standardError = FileHandle.nullDevice
                try p.run()
                // Some corpus programs are long-running kernels: a debug build gets
                // a fixed budget each, and a program over it counts as failed.
                let deadline = Date().addingTimeInterval(20)
                while p.isRunning && Date() < deadline { usleep(10_000) }
                if p.isRunning { p.terminate(); p.waitUntilExit() }
                let got = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
                let trim = { (s: String) in s.hasSuffix("\n") ? String(s.dropLast()) : s }
                if p.terminationReason == .exit && trim(got) == trim(expected) { passed += 1 }
                else { failed.append("\(suite)/\(name)") }
            }
        }
        print("conformance through the interpreter: \(passed) passed, \(failed.count) failed, "
              + "\(notCompiled) not compiled by the front end")
        if !failed.isEmpty { print("failed: " + failed.joined(separator: " ")) }
        if ProcessInfo.processInfo.environment["MOCHI_CONFORMANCE_STRICT"] == "1" {
            XCTAssertEqual(failed, [])
        }
    }
}
