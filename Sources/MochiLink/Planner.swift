// Planner.swift: turns a build request into the ordered compile and link jobs.
//
// Planning is pure: it takes the request, the compiler that was found, the
// runtime sources and the cache root, and returns a Plan; nothing is run or
// touched. The runtime is compiled into a staging directory and renamed into the
// cache in one step, so a crashed or concurrent build never leaves a half-filled
// entry that later links would trust. Every flag below carries the reason it is there.

import MochiSupport
import Foundation

/// `--mode=`: what the executable is for.
public enum BuildMode: String, CaseIterable, Sendable {
    /// The default (as `go build`): -O2 with line tables (-g1), unused code dropped,
    /// not stripped: fast, and a crash or a profiler still maps addresses to
    /// Mochi lines (#line).
    case optimized = "default"
    /// -O0 -g: full debug info for gdb, fast to compile.
    case dev
    /// -O2, stripped, unused code dropped: small and fast.
    case release
}

/// `--emit=`: the kind of output.
public enum EmitKind: String, CaseIterable, Sendable {
    case exe
    /// Precompiled Wasm for Wasmtime: one .wasm in, a .cwasm out, made by the
    /// embedded Wasmtime (MochiWasmtime), not by C compiler jobs.
    case cwasm
}

/// What the user asked for, after option parsing.
public struct LinkRequest: Equatable, Sendable {
    public var inputs: [String]
    public var output: String
    public var target: Target
    /// nil: the default compiler (zig where installed, else cc).
    public var compiler: CompilerKind?
    /// The compiler as a command with its wrapper (`--cc="ccache gcc"`, `CC`);
    /// its kind is `compiler`.
    public var compilerSpec: CompilerSpec?
    public var mode: BuildMode
    public var portable: Bool
    public var emit: EmitKind

    public init(inputs: [String], output: String, target: Target, compiler: CompilerKind? = nil,
                mode: BuildMode = .optimized, portable: Bool = false, emit: EmitKind = .exe) {
        self.inputs = inputs
        self.output = output
        self.target = target
        self.compiler = compiler
        self.mode = mode
        self.portable = portable
        self.emit = emit
    }
}

public enum Planner {
    /// Rejects requests no compiler can satisfy, before anything is looked up.
    public static func validate(_ request: LinkRequest, host: Target?) throws {
        if request.emit == .cwasm {
            throw LinkError("--emit=cwasm plans no C compiler jobs: the .wasm is precompiled by Wasmtime "
                + "(MochiWasmtime's Runner.precompile, as mochi-link does)")
        }
        if request.inputs.isEmpty { throw LinkError("no input files", usage: true) }
        for input in request.inputs where !(input.hasSuffix(".c") || input.hasSuffix(".o")) {
            throw LinkError("unsupported input '\(input)' (expected .c or .o)", usage: true)
        }
        if request.portable && !request.target.isLinux {
            throw LinkError("--portable applies to Linux targets only (\(request.target.name) is always self-contained)",
                            usage: true)
        }
        guard let kind = request.compiler, kind != .zig else { return }
        if request.target != host {
            throw LinkError("--cc=\(kind.rawValue) cannot build for \(request.target.name): cross targets need zig "
                + "(pip install ziglang, or scripts/setup-cross)", usage: true)
        }
        if request.portable {
            throw LinkError("--portable needs zig (static musl) but --cc=\(kind.rawValue) was given: "
                + "pip install ziglang and use --cc=zig", usage: true)
        }
    }

    /// The compiler to use: the requested one, else zig if found, else cc. A
    /// cross target or --portable with no compiler requested needs zig.
    public static func chooseCompiler(_ request: LinkRequest, host: Target?, locator: CompilerLocator) throws -> Compiler {
        if let spec = request.compilerSpec { return try locator.locate(spec: spec) }
        if let kind = request.compiler { return try locator.locate(kind) }
        if request.target != host || request.portable {
            do { return try locator.locate(.zig) } catch let e as LinkError {
                throw LinkError(e.message + " (\(request.target.name)\(request.portable ? " --portable" : "") needs zig)")
            }
        }
        return try locator.locateDefault()
    }

    /// The output path with the target's executable suffix (`.exe`, `.wasm`) added when missing.
    public static func outputPath(_ request: LinkRequest) -> String {
        let suffix = request.target.executableSuffix
        return suffix.isEmpty || request.output.hasSuffix(suffix) ? request.output : request.output + suffix
    }

    /// Flags that pick the target and its libc (empty for native compilers).
    static func targetFlags(_ request: LinkRequest, _ compiler: Compiler, host: Target?) -> [String] {
        guard compiler.kind == .zig else { return [] }
        var flags = ["-target", request.target.zigTarget(portable: request.portable, host: host)]
        // zig cc turns on UBSan-with-trap in unoptimised builds; the collector reads
        // raw stack words on purpose, and other compilers do not trap, so turn it off
        // to keep every compiler's executables behaving alike.
        flags.append("-fno-sanitize=undefined")
        if request.target.zigStatic(portable: request.portable, host: host) {
            // Static musl: one file with no loader or sysroot, so it runs under
            // qemu-user and on any Linux distribution.
            flags.append("-static")
        }
        return flags
    }

    /// Flags used when compiling both the runtime and the program.
    static func codeFlags(_ request: LinkRequest, _ compiler: Compiler) -> [String] {
        var flags: [String] = []
        switch request.mode {
        case .dev:
            flags.append("-O0") // fastest compile; every variable stays inspectable in gdb
            flags.append("-g") // debug info, so gdb maps code back to (#line) Mochi source lines
        case .optimized, .release:
            flags.append("-O2") // the optimisation level the runtime is tuned and tested at
            if request.mode == .optimized {
                // Line tables only: addresses map to (#line) Mochi lines in a backtrace
                // or a profile at a fraction of -g's size; tcc knows only -g.
                flags.append(compiler.kind == .tcc ? "-g" : "-g1")
            }
            if request.mode == .release && compiler.kind != .tcc {
                // No frame pointer in a stripped build (gcc's -O2 default; clang and
                // zig cc keep one): one more register in tight recursive code (fib(30)
                // under zig cc: 62.0M -> 58.8M instructions). The collector scans the
                // stack as a range, not through frame chains, so it does not need them.
                flags.append("-fomit-frame-pointer")
            }
            if compiler.kind != .tcc { // tcc has no per-function sections and ignores the flags with a warning
                // One section per function and per datum, so the linker can drop the
                // parts of the runtime a program never calls (--gc-sections / -dead_strip).
                flags.append("-ffunction-sections")
                flags.append("-fdata-sections")
            }
        }
        // The runtime reinterprets slot bits as pointers and doubles; type-based
        // alias analysis would reorder those accesses (the Swift package builds it the same way).
        flags.append("-fno-strict-aliasing")
        return flags
    }

    /// Flags for the final link step only.
    static func linkFlags(_ request: LinkRequest, _ compiler: Compiler) -> [String] {
        var flags: [String] = []
        if request.mode != .dev {
            switch request.target.format {
            case .elf where compiler.kind != .tcc, .wasm:
                flags.append("-Wl,--gc-sections") // drop the sections nothing references (see -ffunction-sections)
            case .machO:
                flags.append("-Wl,-dead_strip") // Mach-O's name for --gc-sections
            case .coff, .elf:
                break // zig's COFF link already drops unreferenced sections; tcc cannot
            }
        }
        if request.mode == .release {
            flags.append("-s") // strip symbols and debug info: release binaries ship small
        }
        flags.append("-lm") // the runtime formats and computes with <math.h> (floor, fmod, pow...)
        return flags
    }

    /// The cache entry name: target, libc flavour, compiler, mode and a digest of
    /// the runtime sources plus the exact compile flags.
    public static func runtimeCacheKey(_ request: LinkRequest, _ compiler: Compiler, runtime: RuntimeSources,
                                       host: Target?) -> String {
        let flags = runtimeCompileFlags(request, compiler, runtime: runtime, host: host)
        var hasher = SHA256()
        hasher.update(Array(runtime.digest.utf8))
        hasher.update(Array(flags.joined(separator: "\u{0}").utf8))
        let digest = String(hasher.hexDigest().prefix(16))
        let flavour = compiler.kind == .zig ? request.target.zigTarget(portable: request.portable, host: host)
            : request.target.name
        return "\(flavour)-\(compiler.kind.rawValue)-\(request.mode.rawValue)-\(digest)"
    }

    /// Compile flags of one runtime source (without the -c/-o words).
    static func runtimeCompileFlags(_ request: LinkRequest, _ compiler: Compiler, runtime: RuntimeSources,
                                    host: Target?) -> [String] {
        targetFlags(request, compiler, host: host) + codeFlags(request, compiler) + [
            "-std=c99", // the runtime is written to C99 (DESIGN.md §4); catch drift early
            "-I" + runtime.includeDirectory, // mochi_runtime.h
        ]
    }

    /// Plans the build. `runtimeCached` says whether the cache entry already exists;
    /// `stagingTag` makes the staging directory unique to this process.
    public static func plan(_ request: LinkRequest, compiler: Compiler, runtime: RuntimeSources, cacheRoot: String,
                            host: Target?, runtimeCached: Bool, stagingTag: String) throws -> Plan {
        try validate(request, host: host)
        let key = runtimeCacheKey(request, compiler, runtime: runtime, host: host)
        let entry = cacheRoot + "/runtime/" + key
        let staging = entry + ".tmp-" + stagingTag
        let exe = compiler.invocation[0]
        let lead = Array(compiler.invocation.dropFirst())
        let objects = runtime.cFiles.map { entry + "/" + objectName($0) }

        var jobs: [Job] = []
        if !runtimeCached {
            jobs.append(Job(action: .makeDirectory, role: .runtime, outputs: [staging]))
            let flags = runtimeCompileFlags(request, compiler, runtime: runtime, host: host)
            for source in runtime.cFiles {
                let object = staging + "/" + objectName(source)
                jobs.append(Job(role: .runtime, executable: exe,
                                arguments: lead + flags + ["-c", source, "-o", object],
                                inputs: [source], outputs: [object]))
            }
            jobs.append(Job(action: .rename, role: .runtime, inputs: [staging], outputs: [entry]))
        }
        let output = outputPath(request)
        if !compiler.wrapper.isEmpty {
            // A wrapper (ccache, distcc, ...) only caches or ships compiles, never a
            // compile-and-link: compile each C input to an object beside the output,
            // link, then remove the objects.
            var linked: [String] = []
            var made: [String] = []
            for (i, input) in request.inputs.enumerated() {
                guard input.hasSuffix(".c") else { linked.append(input); continue }
                let object = output + ".mochi-\(i).o"
                jobs.append(Job(role: .program, executable: exe,
                                arguments: lead + targetFlags(request, compiler, host: host) + codeFlags(request, compiler)
                                    + ["-I" + runtime.includeDirectory, "-c", input, "-o", object],
                                inputs: [input], outputs: [object]))
                linked.append(object)
                made.append(object)
            }
            let link = Array(compiler.command.dropFirst())
            jobs.append(Job(role: .program, executable: compiler.command[0],
                            arguments: link + targetFlags(request, compiler, host: host) + codeFlags(request, compiler)
                                + linked + objects + ["-o", output] + linkFlags(request, compiler),
                            inputs: linked + objects, outputs: [output]))
            jobs.append(Job(action: .remove, role: .program, inputs: made))
            return Plan(jobs: jobs, output: output, runtimeCacheDirectory: entry, runtimeCached: runtimeCached)
        }
        // One compile-and-link job: a program is one generated translation unit, so a
        // separate object step would only add a process and a temporary file.
        let arguments = lead + targetFlags(request, compiler, host: host) + codeFlags(request, compiler)
            + ["-I" + runtime.includeDirectory] + request.inputs + objects + ["-o", output]
            + linkFlags(request, compiler)
        jobs.append(Job(role: .program, executable: exe, arguments: arguments,
                        inputs: request.inputs + objects, outputs: [output]))
        return Plan(jobs: jobs, output: output, runtimeCacheDirectory: entry, runtimeCached: runtimeCached)
    }

    /// `mochi_gc.c` -> `mochi_gc.o`.
    static func objectName(_ source: String) -> String {
        let base = (source as NSString).lastPathComponent
        return (base as NSString).deletingPathExtension + ".o"
    }
}
