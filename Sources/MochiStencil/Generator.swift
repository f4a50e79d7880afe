// Building a stencil library: find clang, compile every stencil source with the
// fixed flags below (each with its reason), read the objects with our ELF reader,
// extract the stencils, and stamp the library with a digest of its inputs (the
// sources and headers, the flags, the compiler's version), so mochi-jitrun can
// tell a stale or foreign library from a current one. Output is reproducible:
// sources are compiled in sorted order, stencils sorted by name, no paths or
// times are recorded.

import MochiSupport
#if canImport(Glibc)
import Glibc
#endif

/// Where the stencil inputs live, relative to the repository root.
public enum StencilSources {
    public static let stencilDir = "Sources/MochiStencil/stencils"
    public static let includeDirs = ["Sources/MochiRuntime/include", "Sources/MochiJITSupport/include"]
    public static let headers = ["Sources/MochiStencil/stencils/stencil.h",
                                 "Sources/MochiRuntime/include/mochi_runtime.h",
                                 "Sources/MochiJITSupport/include/mochi_jit.h"]

    /// The C sources (repository-relative), sorted.
    public static func sources(root: String) throws -> [String] {
        guard let names = Posix.listDirectory(root + "/" + stencilDir) else {
            throw StencilError("cannot read the stencil sources in \(root)/\(stencilDir)")
        }
        return names.filter { $0.hasSuffix(".c") }.sorted().map { stencilDir + "/" + $0 }
    }

    /// The repository root: `start` or the first ancestor holding the stencil sources.
    public static func findRoot(from start: String) -> String? {
        guard var dir = Posix.realPath(start) else { return nil }
        for _ in 0..<12 {
            if Posix.exists(dir + "/" + stencilDir + "/stencil.h") { return dir }
            let up = Posix.directory(of: dir)
            if up == dir { break }
            dir = up
        }
        return nil
    }
}

/// The clang flags for a target, each with the reason it is there.
public func stencilFlags(_ target: StencilTarget, branchProtection: BranchProtection? = nil)
    -> [(flag: String, reason: String)] {
    var f: [(String, String)] = [
        ("--target=\(target.clangTriple)", "stencils are machine code for this target, whatever the host"),
        ("-O2", "stencils are the JIT's code: optimise them"),
        ("-c", "one relocatable object per source; its relocations become holes"),
        ("-std=c11", "a fixed language level"),
        ("-fno-pic", "holes are filled with absolute values and direct jumps, not through a GOT"),
        ("-fno-asynchronous-unwind-tables", "no .eh_frame: stencil fragments cannot be unwound as functions anyway"),
        ("-fno-stack-protector", "no canary: it would reference __stack_chk_guard and grow every stencil"),
        ("-fno-exceptions", "C stencils never unwind"),
        ("-ffunction-sections", "each stencil in its own section, so a section is a stencil"),
        ("-fdata-sections", "constants per stencil, so a stencil copies only the data it uses"),
        ("-fno-math-errno", "sqrt becomes one instruction, like the interpreter's squareRoot()"),
        ("-fno-plt", "(not used: under -fno-pic it turns calls into GOT loads; PLT32 calls are patched directly)"),
        ("-Xclang -fno-split-cold-code", "this clang outlines cold paths into separate .cold functions; a stencil must be one section"),
        ("-ffile-prefix-map=ROOT=.", "no absolute paths in the objects: reproducible output"),
        ("-Wall -Werror", "a warning in a stencil is a bug in the JIT"),
    ]
    f.removeAll { $0.0 == "-fno-plt" }
    switch target {
    case .x86_64Linux:
        f.append(("-mcmodel=medium", "code model medium: each hole symbol picks model small (32-bit immediate) or large (movabs 64-bit)"))
        f.append(("-mlarge-data-threshold=0", "any other data clang creates is large: reachable from wherever the code is mapped"))
    case .aarch64Linux, .aarch64Macos:
        f.append(("-mcmodel=large", "every data hole is a MOVZ/MOVK sequence (MOVW_UABS_G0..G3): any 64-bit value"))
        f.append(("-ffreestanding", "no AArch64 libc headers here; stencils need only stdint.h and stddef.h"))
        if target == .aarch64Macos {
            f.append(("-ffixed-x18", "Darwin reserves x18 for the platform: a stencil must never touch it"))
        }
        if (branchProtection ?? .defaultFor(target)) == .standard {
            f.append(("-mbranch-protection=standard",
                      "BTI and PAC-RET (BranchProtection): every stencil starts with `bti c` (stencilgen strips it; the JIT puts landing pads where indirect calls land) or `paciasp`, and authenticates before it leaves"))
        }
    }
    return f
}

/// The flag list as passed to clang (ROOT replaced by the repository root).
func clangArguments(_ target: StencilTarget, branchProtection: BranchProtection? = nil, root: String) -> [String] {
    var args: [String] = []
    for (flag, _) in stencilFlags(target, branchProtection: branchProtection) {
        for part in flag.split(separator: " ") {
            args.append(part.hasPrefix("-ffile-prefix-map=ROOT") ? "-ffile-prefix-map=" + root + part.dropFirst(22) : String(part))
        }
    }
    for d in StencilSources.includeDirs { args.append("-I" + d) }
    return args
}

/// The digest of a library's inputs: target, flags, every source and header
/// (name and bytes), and the compiler's version line.
public func stencilInputDigest(target: StencilTarget, root: String, compiler: String,
                               branchProtection: BranchProtection? = nil) throws -> [UInt8] {
    var h = SHA256()
    h.update("mochi-stencils \(StencilLibrary.version)\n\(target.rawValue)\n")
    for (flag, _) in stencilFlags(target, branchProtection: branchProtection) { h.update(flag + "\n") }
    for path in try StencilSources.sources(root: root) + StencilSources.headers {
        guard let data = Posix.readFile(root + "/" + path) else {
            throw StencilError("cannot read stencil input \(path)")
        }
        h.update("\(path) \(data.count)\n")
        h.update(data)
    }
    h.update(compiler + "\n")
    return h.finish()
}

/// The clang to compile stencils with: $MOCHI_CLANG, the Swift toolchain's clang
/// (beside `swift` on PATH), or `clang` on PATH.
public func findClang() -> String? {
    if let c = Posix.environment("MOCHI_CLANG"), !c.isEmpty { return c }
    let path = (Posix.environment("PATH") ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    for dir in path where Posix.isExecutable(dir + "/swift") {
        let bin = Posix.directory(of: Posix.realPath(dir + "/swift") ?? dir + "/swift")
        if Posix.isExecutable(bin + "/clang") { return bin + "/clang" }
    }
    for dir in path where Posix.isExecutable(dir + "/clang") { return dir + "/clang" }
    return nil
}

/// Runs a program and returns (status, stdout, stderr).
func runProcess(_ exe: String, _ args: [String], cwd: String? = nil) throws -> (Int32, [UInt8], String) {
    guard let r = Posix.run(exe, args, cwd: cwd) else { throw StencilError("cannot run \(exe)") }
    return (r.status, r.out, r.err)
}

/// The compiler's version line (`clang version 21...`).
public func compilerVersion(clang: String) throws -> String {
    let (status, out, err) = try runProcess(clang, ["--version"])
    guard status == 0 else { throw StencilError("\(clang) --version failed: \(err)") }
    return String(decoding: out, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "unknown"
}

/// Compiles every stencil source for `target` and builds the library.
public func generateStencilLibrary(target: StencilTarget, root: String, clang: String,
                                   branchProtection: BranchProtection? = nil) throws -> StencilLibrary {
    let bp = branchProtection ?? .defaultFor(target)
    guard bp.isSupported(on: target) else {
        throw StencilError("branch protection \(bp.rawValue) is for AArch64 targets, not \(target.rawValue)")
    }
    let compiler = try compilerVersion(clang: clang)
    let digest = try stencilInputDigest(target: target, root: root, compiler: compiler, branchProtection: bp)
    guard let tmp = Posix.makeTemporaryDirectory("mochi-stencilgen-\(target.rawValue)-") else {
        throw StencilError("cannot create a temporary directory")
    }
    defer { Posix.removeDirectory(tmp) }
    var symbols = SymbolTable()
    var stencils: [Stencil] = []
    for src in try StencilSources.sources(root: root) {
        let obj = tmp + "/" + Posix.lastComponent(of: src) + ".o"
        let (status, _, err) = try runProcess(clang, clangArguments(target, branchProtection: bp, root: root) + [src, "-o", obj], cwd: root)
        guard status == 0 else { throw StencilError("clang failed on \(src):\n\(err)") }
        guard let bytes = Posix.readFile(obj) else { throw StencilError("no object for \(src)") }
        let elf: ELFFile
        do { elf = try ELFFile(bytes: bytes) } catch { throw StencilError("\(src): \(error)") }
        stencils += try extractStencils(from: elf, target: target, symbols: &symbols, objectName: src)
    }
    stencils.sort { $0.name < $1.name }
    for k in stencils.indices.dropFirst() where stencils[k].name == stencils[k - 1].name {
        throw StencilError("stencil \(stencils[k].name) is defined twice")
    }
    return StencilLibrary(target: target, digest: digest, compiler: compiler, symbols: symbols.names, stencils: stencils,
                          branchProtection: bp)
}
