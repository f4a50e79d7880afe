// Finding and checking the stencil library a JIT run uses: $MOCHI_STENCILS, or
// `<target>.stencils` beside the mochi-jitrun executable (where scripts/setup has
// mochi-stencilgen write it). A library for another target, from other stencil
// sources or flags (its digest differs from the inputs' in this checkout), or
// referencing stencils or symbols this binary lacks is refused with a message
// saying how to regenerate it: a stale library is never run. A tiered run
// checks the library's header at start (`checkHostStencils`: there, for this
// machine, not stale) and reads the whole library only at its first tier-up.

import MochiStencil

/// The host's target and the path of its library.
func hostStencilPath(executableDir: String, environment: [String: String]) throws -> (StencilTarget, String) {
    guard let host = StencilTarget.host else { throw JITError("the JIT has no stencils for this machine") }
    let path = environment["MOCHI_STENCILS"].flatMap { $0.isEmpty ? nil : $0 } ?? executableDir + "/\(host.rawValue).stencils"
    return (host, path)
}

func regenerateHint(_ path: String) -> String { "run scripts/setup, or mochi-stencilgen -o \(path)" }

/// Refuses a library whose header says it is for another machine, or (when
/// the stencil sources are beside the executable, in a checkout) that was
/// generated from other sources or flags than these.
func checkHeader(path: String, host: StencilTarget, executableDir: String, target: StencilTarget, digest: [UInt8],
                 compiler: String, branchProtection: BranchProtection) throws {
    let regenerate = regenerateHint(path)
    guard target == host else {
        throw JITError("\(path) is a stencil library for \(target.rawValue), this machine needs \(host.rawValue): \(regenerate)")
    }
    if let root = StencilSources.findRoot(from: executableDir),
       let now = try? stencilInputDigest(target: host, root: root, compiler: compiler,
                                         branchProtection: branchProtection), now != digest {
        throw JITError("\(path) is stale (the stencil sources or flags changed since it was generated): \(regenerate)")
    }
}

/// Reads and checks the host's stencil library. `checkedHeader`: the header
/// was checked already (`checkHostStencils`), so the stencil sources' digest
/// is not computed again.
public func loadHostStencils(executableDir: String, environment: [String: String],
                             checkedHeader: Bool = false) throws -> LoadedStencils {
    let (host, path) = try hostStencilPath(executableDir: executableDir, environment: environment)
    let regenerate = regenerateHint(path)
    let opened: LazyStencilLibrary?
    do { opened = try LazyStencilLibrary(path: path) } catch {
        throw JITError("\(path): \(error); \(regenerate)")
    }
    guard let lib = opened else {
        throw JITError("no stencil library at \(path): \(regenerate) (or set MOCHI_STENCILS)")
    }
    if checkedHeader {
        guard lib.target == host else {
            throw JITError("\(path) is a stencil library for \(lib.target.rawValue), this machine needs \(host.rawValue): \(regenerate)")
        }
    } else {
        try checkHeader(path: path, host: host, executableDir: executableDir, target: lib.target, digest: lib.digest,
                        compiler: lib.compiler, branchProtection: lib.branchProtection)
    }
    do { return try LoadedStencils(lazy: lib) } catch let e as JITError {
        throw JITError("\(path): \(e.message); \(regenerate)")
    }
}

/// What `loadHostStencils` checks first, from the library's header alone
/// (its first bytes): that it is there, for this machine, and not stale.
public func checkHostStencils(executableDir: String, environment: [String: String]) throws {
    let (host, path) = try hostStencilPath(executableDir: executableDir, environment: environment)
    let regenerate = regenerateHint(path)
    let header: (target: StencilTarget, digest: [UInt8], compiler: String, branchProtection: BranchProtection)?
    do { header = try LazyStencilLibrary.header(path: path) } catch {
        throw JITError("\(path): \(error); \(regenerate)")
    }
    guard let h = header else {
        throw JITError("no stencil library at \(path): \(regenerate) (or set MOCHI_STENCILS)")
    }
    try checkHeader(path: path, host: host, executableDir: executableDir, target: h.target, digest: h.digest,
                    compiler: h.compiler, branchProtection: h.branchProtection)
}
