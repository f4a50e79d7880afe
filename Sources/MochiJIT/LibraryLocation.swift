// Finding and checking the stencil library a JIT run uses: $MOCHI_STENCILS, or
// `<target>.stencils` beside the mochi-jitrun executable (where scripts/setup has
// mochi-stencilgen write it). A library for another target, from other stencil
// sources or flags (its digest differs from the inputs' in this checkout), or
// referencing stencils or symbols this binary lacks is refused with a message
// saying how to regenerate it: a stale library is never run.

import MochiStencil

public func loadHostStencils(executableDir: String, environment: [String: String]) throws -> LoadedStencils {
    guard let host = StencilTarget.host else { throw JITError("the JIT has no stencils for this machine") }
    let path = environment["MOCHI_STENCILS"].flatMap { $0.isEmpty ? nil : $0 } ?? executableDir + "/\(host.rawValue).stencils"
    let regenerate = "run scripts/setup, or mochi-stencilgen -o \(path)"
    guard let data = readFileBytes(path) else {
        throw JITError("no stencil library at \(path): \(regenerate) (or set MOCHI_STENCILS)")
    }
    let lib: LazyStencilLibrary
    do { lib = try LazyStencilLibrary(bytes: data) } catch {
        throw JITError("\(path): \(error); \(regenerate)")
    }
    guard lib.target == host else {
        throw JITError("\(path) is a stencil library for \(lib.target.rawValue), this machine needs \(host.rawValue): \(regenerate)")
    }
    if let root = StencilSources.findRoot(from: executableDir),
       let now = try? stencilInputDigest(target: host, root: root, compiler: lib.compiler,
                                         branchProtection: lib.branchProtection), now != lib.digest {
        throw JITError("\(path) is stale (the stencil sources or flags changed since it was generated): \(regenerate)")
    }
    do { return try LoadedStencils(lazy: lib) } catch let e as JITError {
        throw JITError("\(path): \(e.message); \(regenerate)")
    }
}
