// Patching: the one table from relocation kind to patch function (CPython's
// Python/jit.c does the same). `patch` writes value (S + A, with P the patched
// place's address for PC-relative kinds) into the code; a value that does not
// fit the field is an error naming the kind, never a silent truncation.
// `instructionField` reads back what a hole's field holds, so tests can check
// that AArch64 holes sit on the instructions their kinds claim (it cannot run here).
// `patchX86` is the x86-64 part, inlinable and without errors: the JIT's
// emitter calls it for every hole (a call of `patch` per hole cost it more
// than the rest of the hole's work), and `patch` itself for those kinds, so
// the range rules are written once.

extension RelocationKind {
    /// Bytes the patch touches at the hole's offset.
    public var patchWidth: Int {
        switch self {
        case .x86_64_64, .aarch64_ABS64: return 8
        default: return 4
        }
    }
}

/// Why a patch failed.
public struct PatchError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

@usableFromInline @inline(__always)
func load32(_ p: UnsafeMutableRawPointer) -> UInt32 { p.loadUnaligned(as: UInt32.self).littleEndian }
@usableFromInline @inline(__always)
func store32(_ p: UnsafeMutableRawPointer, _ v: UInt32) { p.storeBytes(of: v.littleEndian, as: UInt32.self) }

/// The x86-64 kinds of `patch`: stores the field of `kind` at `place` (whose
/// final address is `address`) and returns true when `kind` is an x86-64 kind
/// and the value fits its field; false, with nothing stored, otherwise
/// (`patch` then says why, or patches an AArch64 kind).
@inlinable @inline(__always)
public func patchX86(_ kind: RelocationKind, at place: UnsafeMutableRawPointer, address: UInt64, value: UInt64) -> Bool {
    switch kind {
    case .x86_64_64:
        place.storeBytes(of: value.littleEndian, as: UInt64.self)
    case .x86_64_32:
        guard value <= UInt64(UInt32.max) else { return false }
        store32(place, UInt32(value))
    case .x86_64_32S:
        let v = Int64(bitPattern: value)
        guard v >= Int64(Int32.min), v <= Int64(Int32.max) else { return false }
        store32(place, UInt32(truncatingIfNeeded: v))
    case .x86_64_PC32, .x86_64_PLT32:
        let d = Int64(bitPattern: value &- address)
        guard d >= Int64(Int32.min), d <= Int64(Int32.max) else { return false }
        store32(place, UInt32(truncatingIfNeeded: d))
    default:
        return false
    }
    return true
}

/// Patches the field of `kind` at `place` (whose final address is `address`) so
/// the instruction computes `value` (S + A). For PC-relative kinds the field gets
/// value - address.
public func patch(_ kind: RelocationKind, at place: UnsafeMutableRawPointer, address: UInt64, value: UInt64) throws {
    switch kind {
    case .x86_64_64, .x86_64_32, .x86_64_32S, .x86_64_PC32, .x86_64_PLT32:
        if patchX86(kind, at: place, address: address, value: value) { return }
        let pcRelative = kind == .x86_64_PC32 || kind == .x86_64_PLT32
        throw rangeError(kind, Int64(bitPattern: pcRelative ? value &- address : value))
    case .aarch64_ABS64:
        place.storeBytes(of: value.littleEndian, as: UInt64.self)
    case .aarch64_PREL32:
        let d = Int64(bitPattern: value &- address)
        guard d >= Int64(Int32.min), d <= Int64(Int32.max) else { throw rangeError(kind, d) }
        store32(place, UInt32(truncatingIfNeeded: d))
    case .aarch64_JUMP26, .aarch64_CALL26:
        let d = Int64(bitPattern: value &- address)
        guard d & 3 == 0, d >= -(1 << 27), d < (1 << 27) else { throw rangeError(kind, d) }
        let insn = load32(place)
        store32(place, (insn & 0xfc00_0000) | (UInt32(truncatingIfNeeded: d >> 2) & 0x03ff_ffff))
    case .aarch64_MOVW_UABS_G0_NC, .aarch64_MOVW_UABS_G1_NC, .aarch64_MOVW_UABS_G2_NC, .aarch64_MOVW_UABS_G3,
         .aarch64_MOVW_UABS_G1:
        // G1 (checked) is the top half of a 32-bit value: the bits above must be 0.
        guard kind != .aarch64_MOVW_UABS_G1 || value >> 32 == 0 else { throw rangeError(kind, Int64(bitPattern: value)) }
        let shift: UInt64 = kind == .aarch64_MOVW_UABS_G0_NC ? 0
            : kind == .aarch64_MOVW_UABS_G1_NC || kind == .aarch64_MOVW_UABS_G1 ? 16
            : kind == .aarch64_MOVW_UABS_G2_NC ? 32 : 48
        let imm16 = UInt32((value >> shift) & 0xffff)
        let insn = load32(place)
        store32(place, (insn & ~(0xffff << 5)) | (imm16 << 5))
    case .aarch64_CONDBR19, .aarch64_TSTBR14:
        // B.cond/CBZ/CBNZ: imm19 words at bit 5 (±1 MiB); TBZ/TBNZ: imm14 (±32 KiB).
        let bits: Int64 = kind == .aarch64_CONDBR19 ? 19 : 14
        let d = Int64(bitPattern: value &- address)
        guard d & 3 == 0, d >= -(1 << (bits + 1)), d < (1 << (bits + 1)) else { throw rangeError(kind, d) }
        let mask = UInt32((1 << bits) - 1) << 5
        let insn = load32(place)
        store32(place, (insn & ~mask) | (UInt32(truncatingIfNeeded: d >> 2) << 5 & mask))
    case .aarch64_ADR_PREL_PG_HI21:
        // ADRP: the 4 KiB page delta (±4 GiB), immlo at bits 29-30, immhi at 5-23.
        let pages = (Int64(bitPattern: value & ~0xfff) &- Int64(bitPattern: address & ~0xfff)) >> 12
        guard pages >= -(1 << 20), pages < (1 << 20) else { throw rangeError(kind, pages << 12) }
        let imm = UInt32(truncatingIfNeeded: pages) & 0x1f_ffff
        let insn = load32(place)
        store32(place, (insn & 0x9f00_001f) | (imm & 3) << 29 | (imm >> 2) << 5)
    case .aarch64_ADD_ABS_LO12_NC, .aarch64_LDST8_ABS_LO12_NC, .aarch64_LDST16_ABS_LO12_NC,
         .aarch64_LDST32_ABS_LO12_NC, .aarch64_LDST64_ABS_LO12_NC, .aarch64_LDST128_ABS_LO12_NC:
        // The low 12 bits at bit 10, scaled by the access size for loads and stores.
        let scale: UInt64 = kind == .aarch64_LDST16_ABS_LO12_NC ? 1 : kind == .aarch64_LDST32_ABS_LO12_NC ? 2
            : kind == .aarch64_LDST64_ABS_LO12_NC ? 3 : kind == .aarch64_LDST128_ABS_LO12_NC ? 4 : 0
        let lo = value & 0xfff
        guard lo & ((1 << scale) - 1) == 0 else {
            throw PatchError(message: "value \(value) is not aligned for a \(kind.name) field")
        }
        let insn = load32(place)
        store32(place, (insn & ~(0xfff << 10)) | UInt32(lo >> scale) << 10)
    }
}

func rangeError(_ kind: RelocationKind, _ v: Int64) -> PatchError {
    PatchError(message: "value \(v) does not fit a \(kind.name) field")
}

/// What the field of a hole of `kind` currently holds in `code` at `offset`, and
/// whether the instruction there is one the kind can patch (nil when it is not).
/// For MOVW kinds: the 16-bit immediate of a MOVZ/MOVK; for JUMP26/CALL26: the
/// branch displacement in bytes of a B/BL; for data kinds: the raw field.
public func instructionField(_ kind: RelocationKind, in code: [UInt8], at offset: Int) -> Int64? {
    guard offset >= 0, offset <= code.count - kind.patchWidth else { return nil }
    var raw: UInt64 = 0
    for k in 0..<kind.patchWidth { raw |= UInt64(code[offset + k]) << (8 * UInt64(k)) }
    let insn = UInt32(truncatingIfNeeded: raw)
    switch kind {
    case .aarch64_MOVW_UABS_G0_NC, .aarch64_MOVW_UABS_G1_NC, .aarch64_MOVW_UABS_G2_NC, .aarch64_MOVW_UABS_G3,
         .aarch64_MOVW_UABS_G1:
        // MOVZ/MOVK (64-bit): sf=1, opc=10/11, 100101, hw = the kind's 16-bit group.
        let hw: UInt32 = kind == .aarch64_MOVW_UABS_G0_NC ? 0
            : kind == .aarch64_MOVW_UABS_G1_NC || kind == .aarch64_MOVW_UABS_G1 ? 1
            : kind == .aarch64_MOVW_UABS_G2_NC ? 2 : 3
        let opc = insn >> 23
        guard opc == 0b1_10_100101 || opc == 0b1_11_100101, (insn >> 21) & 3 == hw else { return nil }
        return Int64((insn >> 5) & 0xffff)
    case .aarch64_JUMP26, .aarch64_CALL26:
        let want: UInt32 = kind == .aarch64_JUMP26 ? 0b000101 : 0b100101
        guard insn >> 26 == want else { return nil }
        let imm = Int64(Int32(bitPattern: (insn & 0x03ff_ffff) << 6) >> 6)
        return imm * 4
    case .x86_64_64, .aarch64_ABS64:
        return Int64(bitPattern: raw)
    default:
        return Int64(Int32(bitPattern: insn))
    }
}
