// `mochi-jitrun --target=aarch64-linux --image=OUT FILE`: lay out and patch the
// whole program for AArch64 Linux with that target's stencils and write it as an
// image (MochiJIT/AArch64Image.swift) for loader/mochi_imagerun.c, which maps and
// runs it (under qemu-aarch64-static on other machines; scripts/mochi-aarch64-exec).
// Only the laying out and patching runs here, so --stats gives the real compile
// time of AArch64 code.

import MochiIR
import MochiJIT
import enum MochiStencil.BranchProtection
#if canImport(Glibc)
import Glibc
#endif

/// Builds the image and writes it to `path`; exits.
func writeAArch64Image(_ module: Module, to path: String, stats: Bool, registerHomes: Bool, inlining: Bool,
                       branchProtection: BranchProtection?) -> Never {
    let exeDir: String = {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        let p = n > 0 ? String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        return p.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    }()
    var env: [String: String] = [:]
    if let v = getenv("MOCHI_STENCILS_AARCH64") { env["MOCHI_STENCILS_AARCH64"] = String(cString: v) }
    let image: AArch64Image
    do {
        let stencils = try loadImageStencils(executableDir: exeDir.isEmpty ? "." : exeDir, environment: env)
        image = try buildAArch64Image(module: module, stencils: stencils, registerHomes: registerHomes, inlining: inlining,
                                      branchProtection: branchProtection)
    } catch {
        fail("\(displayName): \(error)", status: 1)
    }
    if stats {
        let bti = image.header.flags & ImageLayout.flagBTI != 0, pac = image.header.flags & ImageLayout.flagPAC != 0
        printCompileStats(image.stats, total: "total (aarch64-linux image)",
                          extra: "\(image.relocations.count) loader relocations, \(image.landingPads.count) landing pads"
                              + " (\(bti ? "BTI" : "no BTI"), \(pac ? "PAC" : "no PAC")), ")
    }
    guard let fp = path == "-" ? stdout : fopen(path, "wb") else {
        fail("\(path): \(String(cString: strerror(errno)))", status: 1)
    }
    let written = image.bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, fp) }
    if written != image.bytes.count || (path == "-" ? fflush(fp) : fclose(fp)) != 0 {
        fail("\(path): write error", status: 1)
    }
    exit(0)
}
