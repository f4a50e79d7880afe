// The stencil data model, after CPython's Tools/jit: a `Hole` is one relocation
// left to fill at JIT time (an ELF RELA entry, resolved to what fills it), a
// `Stencil` is one stencil function's code section (plus the read-only data it
// references, appended after it), and a `StencilLibrary` is every stencil of one
// target, as the stencil objects compiled by mochi-stencilgen describe them.
// Patching (Patch.swift) is one table from relocation kind to patch function.

/// The machines stencils are generated for.
public enum StencilTarget: String, CaseIterable, Sendable {
    case x86_64Linux = "x86_64-linux"
    case aarch64Linux = "aarch64-linux"
    /// Apple Silicon. The stencils are ELF objects built for AAPCS64 with x18
    /// reserved (-ffixed-x18), which is what Darwin's arm64 ABI adds for every
    /// call a stencil makes: no runtime function a stencil calls is variadic or
    /// takes an argument narrower than 32 bits (where the two ABIs differ), and
    /// runtime symbols are resolved by the JIT's own table, not by a linker, so
    /// Mach-O objects (and a Mach-O reader) would add nothing.
    case aarch64Macos = "aarch64-macos"

    /// The target this process runs on, if stencils exist for it.
    public static var host: StencilTarget? {
        #if arch(x86_64) && os(Linux)
        return .x86_64Linux
        #elseif arch(arm64) && os(Linux)
        return .aarch64Linux
        #elseif arch(arm64) && os(macOS)
        return .aarch64Macos
        #else
        return nil
        #endif
    }

    public var elfMachine: UInt16 { self == .x86_64Linux ? ELF.machineX86_64 : ELF.machineAArch64 }
    public var isAArch64: Bool { elfMachine == ELF.machineAArch64 }
    public var clangTriple: String { self == .x86_64Linux ? "x86_64-unknown-linux-gnu" : "aarch64-unknown-linux-gnu" }
}

/// The relocation kinds the patcher handles: those clang emits for stencils under
/// mochi-stencilgen's flags (TOOLCHAIN.md). Raw values are the library encoding.
public enum RelocationKind: UInt8, CaseIterable, Sendable {
    case x86_64_64 = 1, x86_64_PC32, x86_64_PLT32, x86_64_32, x86_64_32S
    case aarch64_ABS64 = 32, aarch64_MOVW_UABS_G0_NC, aarch64_MOVW_UABS_G1_NC, aarch64_MOVW_UABS_G2_NC
    case aarch64_MOVW_UABS_G3, aarch64_CALL26, aarch64_JUMP26, aarch64_PREL32
    /// The small code model's kinds (ADRP + ADD/LDST pairs, conditional and
    /// test branches): mochi-stencilgen's flags (-mcmodel=large) do not produce
    /// them today, but the patcher and the image loader handle them, range
    /// checked, so a library built with other flags is patched, not refused.
    case aarch64_ADR_PREL_PG_HI21 = 41, aarch64_ADD_ABS_LO12_NC, aarch64_LDST8_ABS_LO12_NC
    case aarch64_LDST16_ABS_LO12_NC, aarch64_LDST32_ABS_LO12_NC, aarch64_LDST64_ABS_LO12_NC
    case aarch64_LDST128_ABS_LO12_NC, aarch64_CONDBR19, aarch64_TSTBR14
    /// MOVZ of bits 16-31, range-checked (the value must fit 32 bits): with a
    /// MOVK of G0_NC, the two-instruction load of a small operand (stencil.h).
    case aarch64_MOVW_UABS_G1 = 50

    /// The kind of an ELF relocation type on a machine, nil when unhandled.
    public init?(machine: UInt16, elfType: UInt32) {
        switch (machine, elfType) {
        case (ELF.machineX86_64, 1): self = .x86_64_64
        case (ELF.machineX86_64, 2): self = .x86_64_PC32
        case (ELF.machineX86_64, 4): self = .x86_64_PLT32
        case (ELF.machineX86_64, 10): self = .x86_64_32
        case (ELF.machineX86_64, 11): self = .x86_64_32S
        case (ELF.machineAArch64, 257): self = .aarch64_ABS64
        case (ELF.machineAArch64, 261): self = .aarch64_PREL32
        case (ELF.machineAArch64, 264): self = .aarch64_MOVW_UABS_G0_NC
        case (ELF.machineAArch64, 266): self = .aarch64_MOVW_UABS_G1_NC
        case (ELF.machineAArch64, 268): self = .aarch64_MOVW_UABS_G2_NC
        case (ELF.machineAArch64, 269): self = .aarch64_MOVW_UABS_G3
        case (ELF.machineAArch64, 282): self = .aarch64_JUMP26
        case (ELF.machineAArch64, 283): self = .aarch64_CALL26
        case (ELF.machineAArch64, 275): self = .aarch64_ADR_PREL_PG_HI21
        case (ELF.machineAArch64, 277): self = .aarch64_ADD_ABS_LO12_NC
        case (ELF.machineAArch64, 278): self = .aarch64_LDST8_ABS_LO12_NC
        case (ELF.machineAArch64, 284): self = .aarch64_LDST16_ABS_LO12_NC
        case (ELF.machineAArch64, 285): self = .aarch64_LDST32_ABS_LO12_NC
        case (ELF.machineAArch64, 286): self = .aarch64_LDST64_ABS_LO12_NC
        case (ELF.machineAArch64, 299): self = .aarch64_LDST128_ABS_LO12_NC
        case (ELF.machineAArch64, 280): self = .aarch64_CONDBR19
        case (ELF.machineAArch64, 279): self = .aarch64_TSTBR14
        case (ELF.machineAArch64, 265): self = .aarch64_MOVW_UABS_G1
        default: return nil
        }
    }

    /// The ELF relocation type number (the inverse of `init(machine:elfType:)`).
    public var elfType: UInt32 {
        switch self {
        case .x86_64_64: return 1
        case .x86_64_PC32: return 2
        case .x86_64_PLT32: return 4
        case .x86_64_32: return 10
        case .x86_64_32S: return 11
        case .aarch64_ABS64: return 257
        case .aarch64_PREL32: return 261
        case .aarch64_MOVW_UABS_G0_NC: return 264
        case .aarch64_MOVW_UABS_G1_NC: return 266
        case .aarch64_MOVW_UABS_G2_NC: return 268
        case .aarch64_MOVW_UABS_G3: return 269
        case .aarch64_JUMP26: return 282
        case .aarch64_CALL26: return 283
        case .aarch64_ADR_PREL_PG_HI21: return 275
        case .aarch64_ADD_ABS_LO12_NC: return 277
        case .aarch64_LDST8_ABS_LO12_NC: return 278
        case .aarch64_LDST16_ABS_LO12_NC: return 284
        case .aarch64_LDST32_ABS_LO12_NC: return 285
        case .aarch64_LDST64_ABS_LO12_NC: return 286
        case .aarch64_LDST128_ABS_LO12_NC: return 299
        case .aarch64_CONDBR19: return 280
        case .aarch64_TSTBR14: return 279
        case .aarch64_MOVW_UABS_G1: return 265
        }
    }

    /// The ELF name of the relocation kind.
    public var name: String {
        switch self {
        case .x86_64_64: return "R_X86_64_64"
        case .x86_64_PC32: return "R_X86_64_PC32"
        case .x86_64_PLT32: return "R_X86_64_PLT32"
        case .x86_64_32: return "R_X86_64_32"
        case .x86_64_32S: return "R_X86_64_32S"
        case .aarch64_ABS64: return "R_AARCH64_ABS64"
        case .aarch64_PREL32: return "R_AARCH64_PREL32"
        case .aarch64_MOVW_UABS_G0_NC: return "R_AARCH64_MOVW_UABS_G0_NC"
        case .aarch64_MOVW_UABS_G1_NC: return "R_AARCH64_MOVW_UABS_G1_NC"
        case .aarch64_MOVW_UABS_G2_NC: return "R_AARCH64_MOVW_UABS_G2_NC"
        case .aarch64_MOVW_UABS_G3: return "R_AARCH64_MOVW_UABS_G3"
        case .aarch64_JUMP26: return "R_AARCH64_JUMP26"
        case .aarch64_CALL26: return "R_AARCH64_CALL26"
        case .aarch64_ADR_PREL_PG_HI21: return "R_AARCH64_ADR_PREL_PG_HI21"
        case .aarch64_ADD_ABS_LO12_NC: return "R_AARCH64_ADD_ABS_LO12_NC"
        case .aarch64_LDST8_ABS_LO12_NC: return "R_AARCH64_LDST8_ABS_LO12_NC"
        case .aarch64_LDST16_ABS_LO12_NC: return "R_AARCH64_LDST16_ABS_LO12_NC"
        case .aarch64_LDST32_ABS_LO12_NC: return "R_AARCH64_LDST32_ABS_LO12_NC"
        case .aarch64_LDST64_ABS_LO12_NC: return "R_AARCH64_LDST64_ABS_LO12_NC"
        case .aarch64_LDST128_ABS_LO12_NC: return "R_AARCH64_LDST128_ABS_LO12_NC"
        case .aarch64_CONDBR19: return "R_AARCH64_CONDBR19"
        case .aarch64_TSTBR14: return "R_AARCH64_TSTBR14"
        case .aarch64_MOVW_UABS_G1: return "R_AARCH64_MOVW_UABS_G1"
        }
    }

    /// True for kinds computed relative to the patched place (calls, jumps).
    public var isPCRelative: Bool {
        switch self {
        case .x86_64_PC32, .x86_64_PLT32, .aarch64_JUMP26, .aarch64_CALL26, .aarch64_PREL32,
             .aarch64_ADR_PREL_PG_HI21, .aarch64_CONDBR19, .aarch64_TSTBR14: return true
        default: return false
        }
    }

    /// The name of an ELF relocation type, for error messages about unhandled ones.
    public static func elfName(machine: UInt16, type: UInt32) -> String {
        let x86: [UInt32: String] = [0: "R_X86_64_NONE", 3: "R_X86_64_GOT32", 5: "R_X86_64_COPY",
                                     9: "R_X86_64_GOTPCREL", 12: "R_X86_64_16", 13: "R_X86_64_PC16",
                                     24: "R_X86_64_PC64", 26: "R_X86_64_GOTPC32", 41: "R_X86_64_GOTPCRELX",
                                     42: "R_X86_64_REX_GOTPCRELX"]
        let a64: [UInt32: String] = [275: "R_AARCH64_ADR_PREL_PG_HI21", 277: "R_AARCH64_ADD_ABS_LO12_NC",
                                     286: "R_AARCH64_LDST64_ABS_LO12_NC", 311: "R_AARCH64_ADR_GOT_PAGE",
                                     312: "R_AARCH64_LD64_GOT_LO12_NC", 280: "R_AARCH64_CONDBR19"]
        if machine == ELF.machineX86_64, let n = x86[type] { return n }
        if machine == ELF.machineAArch64, let n = a64[type] { return n }
        return "relocation type \(type)"
    }
}

/// The per-instruction operands a stencil's `_JIT_<NAME>` symbols stand for. The
/// raw value indexes the operand array the JIT fills for each instruction.
public enum Operand: UInt8, CaseIterable, Sendable {
    case A, B, C, D, G, LINE, FRAME, N, CFRAME, KIND, KIND2, IMM, IMM2, FN, FN2
    /// A small immediate, 0 <= value < 2^31: an instruction's 32-bit immediate
    /// field instead of a 64-bit load into a register.
    case SIMM

    public var symbol: String { "_JIT_\(self)" }
    public static let bySymbol: [String: Operand] = {
        var m: [String: Operand] = [:]
        for o in allCases { m[o.symbol] = o }
        return m
    }()
}

/// What fills a hole.
public enum HoleValue: Equatable, Hashable, Sendable {
    /// A per-instruction operand (`_JIT_A`, `_JIT_IMM`, ...; `_JIT_FN` is a code address).
    case operand(Operand)
    /// The next stencil (`_JIT_CONTINUE`): where the instruction after this one starts.
    case continuation
    /// The branch target (`_JIT_TARGET`).
    case target
    /// The callee's entry (`_JIT_CALLEE`).
    case callee
    /// Where a failed check goes: the instruction's exit k, a stub the JIT puts
    /// after the function. k is one of `ErrorExit`'s numbers.
    case errorExit(Int)
    /// A runtime symbol by name (index into the library's symbol names).
    case symbol(Int)
    /// This stencil's own read-only data (the addend is the offset into it).
    case data
}

/// The exits a stencil may jump to besides its continuation and target: stubs
/// after the function. The first three report a runtime error at the
/// instruction's line and are shared by the function's instructions of one line;
/// the slow path is the instruction's own (its stencil name plus `_slow`, with
/// the instruction's operands), which jumps back to the instruction after it.
public enum ErrorExit {
    /// `_JIT_ERROR`: `integer overflow`.
    public static let overflow = 0
    /// `_JIT_ERROR2`: `division by zero`.
    public static let divisionByZero = 1
    /// `_JIT_SLOW`: the out-of-line slow path.
    public static let slowPath = 2
    /// `_JIT_ERROR3`: `stack overflow`.
    public static let stackOverflow = 3
    /// The hole symbol of each exit, by number.
    public static let symbols = ["_JIT_ERROR", "_JIT_ERROR2", "_JIT_SLOW", "_JIT_ERROR3"]
}

/// One relocation to fill at JIT time: patch `offset` (from the stencil's start)
/// with `kind`, computed from `value` plus `addend`.
public struct Hole: Equatable, Sendable {
    public var offset: Int
    public var kind: RelocationKind
    public var value: HoleValue
    public var addend: Int64
    public init(offset: Int, kind: RelocationKind, value: HoleValue, addend: Int64) {
        self.offset = offset; self.kind = kind; self.value = value; self.addend = addend
    }
}

/// One stencil: the machine code of one stencil function (its trailing jump to
/// the continuation already removed), the read-only data it references (the JIT
/// places it in a 16-byte aligned data area after the code), and its holes sorted
/// by offset.
public struct Stencil: Equatable, Sendable {
    public var name: String
    public var code: [UInt8]
    public var data: [UInt8]
    public var holes: [Hole]
    /// Bytes of trailing jump stencilgen removed (0 when the stencil did not end in one).
    public var elidedBytes: Int
    public init(name: String, code: [UInt8], data: [UInt8] = [], holes: [Hole], elidedBytes: Int = 0) {
        self.name = name; self.code = code; self.data = data; self.holes = holes; self.elidedBytes = elidedBytes
    }
}

/// A malformed or unusable stencil library, or a stencil generation failure.
public struct StencilError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// AArch64 branch protection (`-mbranch-protection`): `standard` is BTI landing
/// pads (`bti c` where an indirect call may land) and PAC-signed returns
/// (`paciasp` ... `autiasp` around every saved link register), all in the hint
/// space, so the code also runs, unprotected, on cores without BTI or PAC.
public enum BranchProtection: String, Sendable, CaseIterable {
    case none, standard

    /// The default per target: `standard` for AArch64 Linux, as the major
    /// distributions now build all their arm64 code (Fedora since 33, Ubuntu
    /// since 23.10, Debian's dpkg-buildflags since 1.22): a JIT is exactly the
    /// code a return- or jump-oriented attack would reuse, and on cores without
    /// the features the extra instructions are NOPs. `none` elsewhere: x86-64 has
    /// no such flag, and Apple's arm64 (not arm64e) ABI uses neither BTI nor PAC.
    public static func defaultFor(_ target: StencilTarget) -> BranchProtection {
        target == .aarch64Linux ? .standard : .none
    }

    /// Whether `target` can be compiled this way.
    public func isSupported(on target: StencilTarget) -> Bool { self == .none || target.isAArch64 }
}

/// Every stencil of one target, plus the digest of the inputs they came from.
public struct StencilLibrary: Equatable, Sendable {
    public static let magic: [UInt8] = Array("MSTL".utf8)
    public static let version: UInt16 = 4

    public var target: StencilTarget
    /// SHA-256 of the inputs: stencil sources and headers, clang flags, clang version.
    public var digest: [UInt8]
    /// The compiler's version line (part of the digest; kept so a reader can
    /// recompute the digest from the sources without running the compiler).
    public var compiler: String
    /// Runtime symbol names referenced by `.symbol` holes, in first-use order.
    public var symbols: [String]
    /// Stencils sorted by name.
    public var stencils: [Stencil]
    /// How the stencils were compiled: with BTI landing pads and PAC-signed
    /// returns, or without (the JIT then inserts landing pads at the entries
    /// indirect branches reach, and the image asks its loader for guarded pages).
    public var branchProtection: BranchProtection

    public init(target: StencilTarget, digest: [UInt8], compiler: String, symbols: [String], stencils: [Stencil],
                branchProtection: BranchProtection = .none) {
        self.target = target; self.digest = digest; self.compiler = compiler; self.symbols = symbols; self.stencils = stencils
        self.branchProtection = branchProtection
    }

    public func stencil(named name: String) -> Stencil? {
        stencils.first { $0.name == name }
    }

    public var digestHex: String { hex(digest) }
}

func hex(_ bytes: [UInt8]) -> String {
    let d = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in bytes { out.append(d[Int(b >> 4)]); out.append(d[Int(b & 15)]) }
    return String(decoding: out, as: UTF8.self)
}
