// Compiles every conformance program (../shared/conformance from the package root)
// to IR and verifies the result, reporting the pass count per directory and each
// failure with its first diagnostic. Programs that fail must fail with a diagnostic,
// never a crash; the pass rates must meet the project's goals.

import XCTest
import MochiIR
@testable import MochiFrontend

final class CorpusTests: XCTestCase {
    static var conformanceRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/conformance")
    }

    /// (passed, total, failures) for one directory.
    func run(_ dir: String) throws -> (Int, Int, [String]) {
        let url = Self.conformanceRoot.appendingPathComponent(dir)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            throw XCTSkip("conformance corpus not found at \(url.path)")
        }
        var passed = 0, total = 0
        var failures: [String] = []
        for name in names.sorted() where name.hasSuffix(".mochi") {
            total += 1
            let data = try Data(contentsOf: url.appendingPathComponent(name))
            let result = compileMochi(source: [UInt8](data), fileName: "\(dir)/\(name)")
            guard let module = result.module else {
                let first = result.renderedDiagnostics.split(separator: "\n").first.map(String.init) ?? "no diagnostic"
                XCTAssertFalse(result.diagnostics.isEmpty, "\(name) failed without a diagnostic")
                failures.append("\(dir)/\(name): \(first)")
                continue
            }
            let errors = verify(module)
            if errors.isEmpty {
                passed += 1
            } else {
                failures.append("\(dir)/\(name): verifier: \(errors[0]) (\(errors.count) errors)")
            }
        }
        return (passed, total, failures)
    }

    func testConformanceCorpus() throws {
        var stats: [String: (Int, Int)] = [:]
        var allFailures: [String] = []
        for dir in ["vm", "rosetta", "algorithms"] {
            let (p, t, f) = try run(dir)
            stats[dir] = (p, t)
            allFailures += f
            print("corpus \(dir): \(p)/\(t) compiled and verified")
        }
        for f in allFailures { print("FAIL \(f)") }
        let vm = stats["vm"]!
        XCTAssertGreaterThanOrEqual(Double(vm.0), 0.98 * Double(vm.1), "vm pass rate below 98%")
        let r = stats["rosetta"]!, a = stats["algorithms"]!
        XCTAssertGreaterThanOrEqual(Double(r.0 + a.0), 0.95 * Double(r.1 + a.1),
                                    "rosetta + algorithms pass rate below 95%")
    }
}
