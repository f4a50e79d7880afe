// Shared fixtures for the stencil and JIT tests: the stencil libraries for both
// targets, generated once per test process from this checkout's sources with the
// toolchain's clang (exactly what scripts/setup does), and the repository root.

import Foundation
import XCTest
import MochiIR
import MochiFrontend
@testable import MochiStencil
import MochiJIT

enum Fixtures {
    static let root: String = StencilSources.findRoot(from: #filePath) ?? "."

    static let clang: String? = findClang()

    static let libraries: [StencilTarget: Result<StencilLibrary, Error>] = {
        var out: [StencilTarget: Result<StencilLibrary, Error>] = [:]
        guard let clang else { return out }
        for t in StencilTarget.allCases {
            out[t] = Result { try generateStencilLibrary(target: t, root: root, clang: clang) }
        }
        return out
    }()

    static func library(_ t: StencilTarget) throws -> StencilLibrary {
        guard let r = libraries[t] else { throw XCTSkip("no clang to generate stencils with") }
        return try r.get()
    }

    static let loaded: Result<LoadedStencils, Error> = Result { try LoadedStencils(try library(.x86_64Linux)) }
}

extension XCTestCase {
    /// `source` compiled to verified IR; a program that does not compile fails the
    /// test and skips the rest of it.
    func compile(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> Module {
        let r = compileMochi(source: Array(source.utf8), fileName: "t.mochi")
        guard let m = r.module else {
            XCTFail("does not compile:\n" + r.renderedDiagnostics, file: file, line: line)
            throw XCTSkip("")
        }
        XCTAssertEqual(verify(m).map(\.description), [], file: file, line: line)
        return m
    }
}
