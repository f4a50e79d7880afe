// mochi-stencilgen: compile the JIT's stencil sources with clang and write the
// stencil library for a target. A thin main over MochiStencil: options, find the
// repository and clang, one library call, write the bytes; exit 0 on success, 1 on
// failure (a clang error, an unhandled relocation...), 2 on bad usage.

import Foundation
import MochiStencil

let usage = """
usage: mochi-stencilgen [--target=x86_64-linux|aarch64-linux|aarch64-macos] [--branch-protection=standard|none]
                        [-o FILE] [--root=DIR]

Compiles the stencil sources (Sources/MochiStencil/stencils/*.c) with clang and
writes the stencil library for the target (default: this machine's) to FILE, or
standard output when FILE is '-' or absent.

  --target=T     x86_64-linux, aarch64-linux or aarch64-macos (ELF stencils with x18
                 left alone: Apple Silicon)
  --branch-protection=standard|none
                 AArch64: compile the stencils with BTI landing pads and PAC-signed
                 returns (standard; the default for aarch64-linux, as Linux
                 distributions build arm64 code today) or without (none; the default
                 for aarch64-macos; x86_64-linux has only none)
  -o FILE        output file
  --root=DIR     the repository (default: found from the current directory or
                 from this executable's location)
  --print-flags  print the clang flags with their reasons and exit
  --help, --version

clang is $MOCHI_CLANG, else the Swift toolchain's clang, else clang on PATH.
"""

func fail(_ code: Int32, _ msg: String) -> Never {
    FileHandle.standardError.write(("mochi-stencilgen: " + msg + "\n").data(using: .utf8)!)
    exit(code)
}

var target = StencilTarget.host ?? .x86_64Linux
var output = "-"
var root: String? = nil
var printFlags = false
var branchProtection: BranchProtection? = nil
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
    let a = args.removeFirst()
    if a == "--help" || a == "-h" { print(usage); exit(0) }
    else if a == "--version" { print("mochi-stencilgen 0.1.0"); exit(0) }
    else if a.hasPrefix("--target=") {
        guard let t = StencilTarget(rawValue: String(a.dropFirst(9))) else {
            fail(2, "unknown target '\(a.dropFirst(9))' (x86_64-linux, aarch64-linux or aarch64-macos)")
        }
        target = t
    } else if a.hasPrefix("--branch-protection=") {
        guard let b = BranchProtection(rawValue: String(a.dropFirst(20))) else {
            fail(2, "unknown branch protection '\(a.dropFirst(20))' (standard or none)")
        }
        branchProtection = b
    } else if a == "-o" {
        guard !args.isEmpty else { fail(2, "-o needs a file name") }
        output = args.removeFirst()
    } else if a.hasPrefix("-o") && a.count > 2 { output = String(a.dropFirst(2)) }
    else if a.hasPrefix("--root=") { root = String(a.dropFirst(7)) }
    else if a == "--print-flags" { printFlags = true }
    else { fail(2, "unknown argument '\(a)' (see --help)") }
}

if let b = branchProtection, !b.isSupported(on: target) {
    fail(2, "--branch-protection=\(b.rawValue) is for AArch64 targets, not \(target.rawValue)")
}
if printFlags {
    for (flag, reason) in stencilFlags(target, branchProtection: branchProtection) { print("\(flag)\n    \(reason)") }
    exit(0)
}
let exeDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
guard let repo = root ?? StencilSources.findRoot(from: FileManager.default.currentDirectoryPath)
        ?? StencilSources.findRoot(from: exeDir) else {
    fail(1, "cannot find the stencil sources (\(StencilSources.stencilDir)); pass --root=DIR")
}
guard let clang = findClang() else { fail(1, "no clang found: set MOCHI_CLANG or put the Swift toolchain on PATH") }
do {
    let lib = try generateStencilLibrary(target: target, root: repo, clang: clang, branchProtection: branchProtection)
    let bytes = Data(lib.encoded())
    if output == "-" {
        FileHandle.standardOutput.write(bytes)
    } else {
        // A regular file (or a new one) is replaced atomically through a rename;
        // anything else (/dev/null, a pipe) is written in place, never renamed over.
        var st = stat()
        if stat(output, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            guard let h = FileHandle(forWritingAtPath: output) else { fail(1, "\(output): cannot write") }
            h.write(bytes)
            try? h.close()
        } else {
            let tmp = output + ".tmp\(getpid())"
            guard FileManager.default.createFile(atPath: tmp, contents: bytes) else { fail(1, "\(output): cannot write") }
            guard rename(tmp, output) == 0 else { unlink(tmp); fail(1, "\(output): cannot write") }
        }
    }
} catch {
    fail(1, "\(error)")
}
