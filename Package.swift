// swift-tools-version:5.9
// The Mochi native toolchain: single-purpose command-line tools (thin mains) over
// library targets that hold the work, so tests call the libraries directly.
// No third-party packages: Foundation, Glibc and the toolchain only.
import PackageDescription

// Release builds of the interpreter and front end are hot paths: drop exclusivity
// checks (the libraries never rely on them for correctness). Every module mochi-jitrun
// links puts each function in a section of its own, so its link can order them
// (`jitrunLink` below).
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked", "-Xfrontend", "-function-sections"])]
// The interpreter's functions start on 64-byte lines: its dispatch loop's speed depends
// on where it sits within a line (mandelbrot 600 --interp: 0.35 s at one placement,
// 0.54 s at another of the same build's code, 0.24 s on a line), so a link that moves
// it by 16 bytes no longer changes the interpreter's speed.
let interp: [SwiftSetting] = fast + [.unsafeFlags(["-Xllvm", "-align-all-functions=6"])]
let sections: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-function-sections"])]

// The C++ runtime under the Swift runtime, linked in statically: scripts/setup links
// the compiler's libstdc++.a into .build/static-libstdc++, searched before the compiler's
// own directories, so `-lstdc++` finds the archive there and no libstdc++.so is loaded
// (its symbol tables, relocations and code were about 0.8 MiB of every tool run's
// resident memory: mochi-jitrun --version 6.3 -> 5.5 MiB).
// Without that directory the tools link against libstdc++.so as before.
let tools: [LinkerSetting] = [.unsafeFlags(["-L\(Context.packageDirectory)/.build/static-libstdc++"])]
// mochi-jitrun is linked by lld with the functions typical runs execute placed together
// (Sources/mochi-jitrun/hot-functions.txt, written by scripts/gen-hot-functions): the
// kernel maps a touched code page with its 64 KiB neighbourhood, so the few hundred KB a
// run executes, scattered over 6 MB, made about 4 MiB resident. Relative relocations
// are packed (DT_RELR, glibc 2.36+), which the loader reads in 4 KB instead of 500 KB.
// binary_trees 16 peak RSS: --interp 20.4 -> 18.5 MiB, JIT 22.2 -> 20.3 MiB.
let jitrunLink: [LinkerSetting] = [.unsafeFlags(["-L\(Context.packageDirectory)/.build/static-libstdc++",
    "-use-ld=lld", "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/mochi-jitrun/hot-functions.txt",
    "-Xlinker", "--no-warn-symbol-ordering", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"])]

let package = Package(
    name: "MochiNative",
    products: [
        .executable(name: "mochi-ir", targets: ["mochi-ir"]),
        .executable(name: "mochi-objdump", targets: ["mochi-objdump"]),
        .executable(name: "mochi-jitrun", targets: ["mochi-jitrun"]),
        .executable(name: "mochi-link", targets: ["mochi-link"]),
        .executable(name: "mochi-emitc", targets: ["mochi-emitc"]),
        .executable(name: "mochi-stencilgen", targets: ["mochi-stencilgen"]),
        .executable(name: "mochi-emitwasm", targets: ["mochi-emitwasm"]),
    ],
    targets: [
        // The one definition of Mochi's runtime behaviour, in portable C99: shared by
        // the interpreter, the JIT and AOT executables.
        .target(name: "MochiRuntime", path: "Sources/MochiRuntime",
                cSettings: [.unsafeFlags(["-O2", "-std=c99", "-fno-strict-aliasing", "-ffunction-sections"])]),
        // The typed SSA IR: types, the opcode table, text and binary forms, verifier.
        .target(name: "MochiIR", swiftSettings: fast),
        // Mochi source -> AST -> checked types -> IR.
        .target(name: "MochiFrontend", dependencies: ["MochiIR"], swiftSettings: fast),
        // IR -> IR optimisation passes, one file each.
        .target(name: "MochiPasses", dependencies: ["MochiIR"], swiftSettings: fast),
        // The reference interpreter over pre-decoded IR, on the C runtime.
        .target(name: "MochiInterp", dependencies: ["MochiIR", "MochiRuntime"], swiftSettings: interp),
        // WebAssembly: the instruction table, the module model, encoder, reader, WAT
        // assembler and the symbolic module builder/linker the Wasm backend builds on.
        .target(name: "MochiWasm", exclude: ["runtime"]),
        // What every tool's main shares: exit statuses, input/output, option values,
        // colour decisions, and the project's one SHA-256 (Glibc only: no Foundation).
        .target(name: "MochiSupport", swiftSettings: sections),
        // Human-readable dumps of every file format the tools write.
        .target(name: "MochiDump", dependencies: ["MochiIR", "MochiStencil", "MochiWasm"]),
        // Plans and runs the C compiler and linker jobs of C-as-target AOT (mochi-link).
        .target(name: "MochiLink", dependencies: ["MochiSupport"]),
        // IR -> one C99 translation unit over the runtime (C-as-target AOT).
        .target(name: "MochiEmitC", dependencies: ["MochiIR"]),
        // IR -> one WebAssembly module (Wasm GC, tail calls, WASI) with its WAT runtime:
        // WAT text, assembled and tree-shaken by MochiWasm.
        .target(name: "MochiWasmEmit", dependencies: ["MochiIR", "MochiWasm"]),
        // Wasmtime embedded through its C API (loaded with dlopen): engine, modules,
        // .cwasm, WASI, host functions, the compiled-module cache; runs .wasm/.cwasm.
        .target(name: "MochiWasmtime", dependencies: ["MochiSupport"], swiftSettings: sections),
        // Random well-typed IR programs for the backends' differential tests (tests only).
        .target(name: "MochiTestPrograms", dependencies: ["MochiIR"]),

        // Copy-and-patch JIT: stencil data model, ELF reader, stencil generation (the
        // C stencil sources are compiled by mochi-stencilgen, not by SwiftPM).
        .target(name: "MochiStencil", dependencies: ["MochiSupport"], exclude: ["stencils"], swiftSettings: sections),
        // What stencils reach outside the runtime: run context, entry trampoline, helpers, symbol table.
        .target(name: "MochiJITSupport", dependencies: ["MochiRuntime"],
                cSettings: [.unsafeFlags(["-O2", "-fno-strict-aliasing", "-ffunction-sections"])]),
        // IR -> stencil layout -> patched code in W^X memory; runs it.
        .target(name: "MochiJIT", dependencies: ["MochiIR", "MochiRuntime", "MochiInterp", "MochiStencil", "MochiJITSupport"], swiftSettings: fast),
        .executableTarget(name: "mochi-stencilgen", dependencies: ["MochiStencil"], linkerSettings: tools),
        .testTarget(name: "MochiStencilTests", dependencies: ["MochiSupport", "MochiStencil", "MochiJIT", "MochiJITSupport", "MochiIR", "MochiInterp", "MochiFrontend", "MochiDump", "MochiTestPrograms"]),

        .executableTarget(name: "mochi-ir", dependencies: ["MochiSupport", "MochiIR", "MochiFrontend", "MochiPasses"], linkerSettings: tools),
        .executableTarget(name: "mochi-objdump", dependencies: ["MochiSupport", "MochiIR", "MochiDump"], linkerSettings: tools),
        .executableTarget(name: "mochi-jitrun", dependencies: ["MochiSupport", "MochiIR", "MochiInterp", "MochiJIT", "MochiStencil", "MochiWasmtime"], exclude: ["hot-functions.txt"], swiftSettings: sections, linkerSettings: jitrunLink),
        .executableTarget(name: "mochi-link", dependencies: ["MochiSupport", "MochiLink", "MochiWasmtime"], linkerSettings: tools),
        .executableTarget(name: "mochi-emitc", dependencies: ["MochiSupport", "MochiIR", "MochiEmitC"], linkerSettings: tools),
        .executableTarget(name: "mochi-emitwasm", dependencies: ["MochiSupport", "MochiIR", "MochiWasmEmit", "MochiWasm"], linkerSettings: tools),

        .testTarget(name: "MochiIRTests", dependencies: ["MochiIR"]),
        .testTarget(name: "MochiFrontendTests", dependencies: ["MochiFrontend", "MochiIR"]),
        .testTarget(name: "MochiPassesTests", dependencies: ["MochiPasses", "MochiIR", "MochiFrontend"]),
        .testTarget(name: "MochiInterpTests", dependencies: ["MochiInterp", "MochiIR", "MochiFrontend"]),
        .testTarget(name: "MochiRuntimeTests", dependencies: ["MochiRuntime"]),
        .testTarget(name: "MochiLinkTests", dependencies: ["MochiLink", "MochiSupport"]),
        .testTarget(name: "MochiWasmEmitTests", dependencies: ["MochiWasmEmit", "MochiWasm", "MochiIR", "MochiFrontend", "MochiTestPrograms"]),
        .testTarget(name: "MochiWasmtimeTests", dependencies: ["MochiWasmtime", "MochiSupport"]),
        .testTarget(name: "MochiWasmTests", dependencies: ["MochiWasm", "MochiDump"]),
        .testTarget(name: "MochiSupportTests", dependencies: ["MochiSupport"]),
        .testTarget(name: "MochiEmitCTests", dependencies: ["MochiEmitC", "MochiIR", "MochiInterp", "MochiTestPrograms"]),
    ]
)
