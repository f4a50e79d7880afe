// Target.swift: the table of targets mochi-link can build for, and how each
// compiler reaches them.
//
// A target is named by a short triple (`aarch64-linux`). Native compilers (cc, gcc,
// clang, tcc) only reach the host's own target: this machine has no cross sysroots.
// zig cc carries its own libc for every entry, so it reaches all of them; Linux
// targets other than the host (and `--portable` builds) use static musl so they
// run anywhere, including under qemu-user without a sysroot.

/// How the linker's output is laid out; decides which dead-code flags apply.
public enum ObjectFormat: String, Sendable {
    case elf, machO, coff, wasm
}

/// One entry of the target table.
public struct Target: Equatable, Sendable {
    /// The name users pass to `--target=`.
    public var name: String
    public var arch: String
    public var os: String
    public var format: ObjectFormat
    /// zig's `-target` for this entry when it is not a Linux target (Linux picks gnu or musl).
    public var zigTriple: String
    /// Appended to `-o` when missing, because the platform's loader expects it.
    public var executableSuffix: String

    public var isLinux: Bool { os == "linux" }

    /// The zig `-target` triple: a dynamically linked glibc executable when building
    /// for the host itself (it runs here and stays small), static musl otherwise.
    public func zigTarget(portable: Bool, host: Target?) -> String {
        guard isLinux else { return zigTriple }
        return (!portable && host == self) ? "\(arch)-linux-gnu" : "\(arch)-linux-musl"
    }

    /// True when zig links this target statically (static musl).
    public func zigStatic(portable: Bool, host: Target?) -> Bool {
        isLinux && zigTarget(portable: portable, host: host).hasSuffix("-musl")
    }

    /// Every supported target, in the order `--help` lists them.
    public static let all: [Target] = [
        Target(name: "x86_64-linux", arch: "x86_64", os: "linux", format: .elf, zigTriple: "", executableSuffix: ""),
        Target(name: "aarch64-linux", arch: "aarch64", os: "linux", format: .elf, zigTriple: "", executableSuffix: ""),
        Target(name: "riscv64-linux", arch: "riscv64", os: "linux", format: .elf, zigTriple: "", executableSuffix: ""),
        Target(name: "x86_64-macos", arch: "x86_64", os: "macos", format: .machO, zigTriple: "x86_64-macos",
               executableSuffix: ""),
        Target(name: "aarch64-macos", arch: "aarch64", os: "macos", format: .machO, zigTriple: "aarch64-macos",
               executableSuffix: ""),
        Target(name: "x86_64-windows", arch: "x86_64", os: "windows", format: .coff, zigTriple: "x86_64-windows-gnu",
               executableSuffix: ".exe"),
        Target(name: "wasm32-wasi", arch: "wasm32", os: "wasi", format: .wasm, zigTriple: "wasm32-wasi",
               executableSuffix: ".wasm"),
    ]

    /// Looks a target up by name; also accepts the spellings other tools use.
    public static func named(_ name: String) -> Target? {
        let aliases: [(String, String)] = [
            ("x86_64-linux-gnu", "x86_64-linux"), ("x86_64-unknown-linux-gnu", "x86_64-linux"),
            ("aarch64-linux-gnu", "aarch64-linux"), ("aarch64-unknown-linux-gnu", "aarch64-linux"),
            ("riscv64-linux-gnu", "riscv64-linux"), ("riscv64gc-unknown-linux-gnu", "riscv64-linux"),
            ("x86_64-apple-darwin", "x86_64-macos"), ("arm64-apple-darwin", "aarch64-macos"),
            ("aarch64-apple-darwin", "aarch64-macos"), ("x86_64-windows-gnu", "x86_64-windows"),
            ("x86_64-pc-windows-gnu", "x86_64-windows"), ("wasm32-wasip1", "wasm32-wasi"),
        ]
        let canonical = aliases.first { $0.0 == name }?.1 ?? name
        return all.first { $0.name == canonical }
    }

    /// The target of the machine this code was compiled for, if the table has it.
    public static var host: Target? {
        #if arch(x86_64) && os(Linux)
        return named("x86_64-linux")
        #elseif arch(arm64) && os(Linux)
        return named("aarch64-linux")
        #elseif arch(riscv64) && os(Linux)
        return named("riscv64-linux")
        #elseif arch(x86_64) && os(macOS)
        return named("x86_64-macos")
        #elseif arch(arm64) && os(macOS)
        return named("aarch64-macos")
        #else
        return nil
        #endif
    }
}
