// Runs the self-describing IR files under tests/interp/ through the built
// `mochi-jitrun`, as separate processes: runtime errors end the process by design,
// so they cannot run in the test process. Each file says, in `; RUN:`/`; EXIT:`
// comment lines, how it is run and its expected exit status (the format of
// scripts/filetests); the expected stdout/stderr bytes sit beside it as
// `NAME.mir.stdout` / `NAME.mir.stderr`. Here only `mochi-jitrun --interp %s` is supported,
// which is all those files use (`--interp`: these test the interpreter, not the JIT).

import XCTest
import Foundation

final class ErrorFileTests: XCTestCase {
    /// The repository root (this file is Tests/MochiInterpTests/ErrorFileTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `mochi-jitrun` built beside the test bundle.
    static func tool() throws -> URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("mochi-jitrun")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        for b in Bundle.allBundles {
            let candidate = b.bundleURL.deletingLastPathComponent().appendingPathComponent("mochi-jitrun")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw XCTSkip("mochi-jitrun is not built next to the tests")
    }

    func testInterpFiles() throws {
        let exe = try Self.tool()
        let dir = Self.root.appendingPathComponent("tests/interp")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".mir") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 10)
        for name in files {
            let rel = "tests/interp/" + name
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            var expectExit: Int32 = 0
            var hasRun = false
            for line in text.split(separator: "\n") {
                if line.hasPrefix("; RUN: ") {
                    XCTAssertEqual(line.dropFirst(7), "mochi-jitrun --interp %s", "\(name): unsupported RUN line")
                    hasRun = true
                }
                if line.hasPrefix("; EXIT: ") { expectExit = Int32(line.dropFirst(8)) ?? -1 }
            }
            XCTAssertTrue(hasRun, "\(name) has no RUN line")

            let p = Process()
            p.executableURL = exe
            p.arguments = ["--interp", rel]
            p.currentDirectoryURL = Self.root
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            let errData = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()

            XCTAssertEqual(p.terminationReason, .exit, "\(name): killed by a signal")
            XCTAssertEqual(p.terminationStatus, expectExit, "\(name): exit status")
            for (ext, data) in [("stdout", outData), ("stderr", errData)] {
                let snap = dir.appendingPathComponent(name + "." + ext)
                let want = (try? String(contentsOf: snap, encoding: .utf8)) ?? ""
                XCTAssertEqual(String(decoding: data, as: UTF8.self), want, "\(name): \(ext)")
            }
        }
    }
}
