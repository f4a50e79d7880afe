// Shared fixtures for the stencil and JIT tests: the stencil libraries for both
// targets, generated once per test process from this checkout's sources with the
// toolchain's clang (exactly what scripts/setup does), and the repository root.

import Foundation
import XCTest
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
