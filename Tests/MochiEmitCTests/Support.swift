// What the C emitter tests share: compiling emitted C with the host C compiler under
// -std=c99 -Wall -Wextra -Werror against the runtime (built once per test run into
// objects in a scratch folder), running the executable, and running the same IR under
// the reference interpreter (the `mochi-jitrun --interp` built beside the tests) so
// stdout, stderr and the exit status can be compared byte for byte.

import Foundation
import MochiIR
import MochiEmitC
import XCTest

struct RunResult: Equatable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

enum CTestSupport {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let runtimeDir = repo.appendingPathComponent("Sources/MochiRuntime")
    static let scratch: URL = {
        let u = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("mochi-emitc-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }()

    /// The first C compiler found on PATH (cc, gcc, clang), or nil.
    static let compiler: String? = {
        for c in ["cc", "gcc", "clang"] {
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let p = "\(dir)/\(c)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }()

    /// Another compiler by name on PATH, for compile-only checks (clang, tcc).
    static func find(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Compiles C text to an object file only; returns the compiler's messages.
    static func compileOnly(_ c: String, with cc: String, flags: [String]) -> String {
        counter += 1
        let src = scratch.appendingPathComponent("c\(counter).c")
        try? c.write(to: src, atomically: true, encoding: .utf8)
        let r = run(cc, flags + ["-I", runtimeDir.path + "/include", "-c", src.path, "-o", src.path + ".o"])
        return r.status == 0 ? r.stdout + r.stderr : "exit \(r.status): " + r.stdout + r.stderr
    }

    static let warningFlags = ["-std=c99", "-Wall", "-Wextra", "-Werror"]

    /// Runtime objects, compiled once (the runtime's own warnings are not ours to judge).
    static let runtimeObjects: [String]? = {
        guard let cc = compiler else { return nil }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: runtimeDir.path))?
            .filter { $0.hasSuffix(".c") }.sorted() ?? []
        var objs: [String] = []
        for f in files {
            let o = scratch.appendingPathComponent("rt_" + f + ".o").path
            let r = run(cc, ["-std=c99", "-O2", "-fno-strict-aliasing", "-I", runtimeDir.path + "/include", "-c",
                             runtimeDir.appendingPathComponent(f).path, "-o", o])
            if r.status != 0 { return nil }
            objs.append(o)
        }
        return objs
    }()

    /// The interpreter tool built with these tests, if any.
    static let jitrun: String? = {
        let here = Bundle.main.bundleURL
        for base in [here.deletingLastPathComponent(), here, here.deletingLastPathComponent().deletingLastPathComponent()] {
            let p = base.appendingPathComponent("mochi-jitrun").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        for b in Bundle.allBundles {
            let p = b.bundleURL.deletingLastPathComponent().appendingPathComponent("mochi-jitrun").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    static func run(_ exe: String, _ args: [String], stdin: Data? = nil) -> RunResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = Pipe()
        p.standardInput = inPipe
        do { try p.run() } catch { return RunResult(status: -1, stdout: "", stderr: "\(error)") }
        if let stdin { inPipe.fileHandleForWriting.write(stdin) }
        try? inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let g = DispatchGroup()
        g.enter()
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); g.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        g.wait()
        let errData = errBox.data
        p.waitUntilExit()
        return RunResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    static var counter = 0

    /// Compiles C text to an executable; returns its path, or the compiler's messages.
    static func compile(_ c: String, flags: [String] = ["-O1"], compiler cc: String? = compiler) -> (exe: String?, messages: String) {
        guard let cc, let rt = runtimeObjects else { return (nil, "no C compiler") }
        counter += 1
        let src = scratch.appendingPathComponent("p\(counter).c")
        let exe = scratch.appendingPathComponent("p\(counter)").path
        try? c.write(to: src, atomically: true, encoding: .utf8)
        let r = run(cc, warningFlags + flags + ["-I", runtimeDir.path + "/include", src.path] + rt + ["-lm", "-o", exe])
        let messages = r.stdout + r.stderr
        return (r.status == 0 ? exe : nil, messages)
    }

    /// Runs IR under the reference interpreter (subprocess), or nil when it is not built.
    static func interpret(_ m: Module) -> RunResult? {
        guard let j = jitrun else { return nil }
        counter += 1
        let path = scratch.appendingPathComponent("m\(counter).mir")
        try? printModule(m).write(to: path, atomically: true, encoding: .utf8)
        return run(j, ["--interp", path.path])
    }
}
