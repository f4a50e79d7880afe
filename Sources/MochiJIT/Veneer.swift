// Veneers: 16-byte stubs after the code that jump to an absolute address, for
// PC-relative references (calls, jumps) to runtime and libm functions out of
// the relocation kind's reach. One per target, because the in-process JIT runs
// on x86-64 and AArch64 Linux and the image writer (AArch64Image.swift) writes
// AArch64 code from any host: x86-64 `jmp *0(%rip); .quad A` reaches from a
// rel32, AArch64 `ldr x16, #8; br x16; .quad A` from a B/BL (x16 is the
// intra-procedure-call scratch register the AAPCS64 gives veneers).

import MochiStencil

enum Veneer {
    static let size = 16

    /// The veneer's bytes for `target`, jumping to `address`.
    static func bytes(_ target: StencilTarget, to address: UInt64) -> [UInt8] {
        var out: [UInt8]
        switch target {
        case .x86_64Linux:
            out = [0xff, 0x25, 0, 0, 0, 0]
            for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: address >> (8 * UInt64(k)))) }
            out += [0x90, 0x90]
        case .aarch64Linux, .aarch64Macos:
            out = []
            for w in [UInt32(0x5800_0050), 0xd61f_0200] {
                for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: w >> (8 * UInt32(k)))) }
            }
            for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: address >> (8 * UInt64(k)))) }
        }
        return out
    }

    /// Whether a PC-relative hole of `kind` reaches a displacement of d bytes
    /// (else it goes through a veneer).
    static func reaches(_ kind: RelocationKind, _ d: Int64) -> Bool {
        switch kind {
        case .aarch64_JUMP26, .aarch64_CALL26: return d >= -(1 << 27) && d < (1 << 27)
        case .aarch64_CONDBR19: return d >= -(1 << 20) && d < (1 << 20)
        case .aarch64_TSTBR14: return d >= -(1 << 15) && d < (1 << 15)
        default: return d >= Int64(Int32.min) && d <= Int64(Int32.max)
        }
    }
}
