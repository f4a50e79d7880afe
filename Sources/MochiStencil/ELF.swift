// A reader for ELF64 little-endian relocatable objects: just what turning clang's
// stencil objects into a stencil library needs (the section headers, the symbol
// table and RELA relocations), with every offset, size and index checked against
// the file. A malformed object is an `ELFError` carrying the byte offset of the
// bad field, never a trap, because the reader is fuzzed with hostile bytes.

/// A malformed object: what is wrong and the byte offset of the field that says so.
public struct ELFError: Error, CustomStringConvertible, Equatable {
    public var offset: Int
    public var message: String
    public init(_ message: String, at offset: Int) { self.message = message; self.offset = offset }
    public var description: String { "ELF offset \(offset): \(message)" }
}

/// ELF constants the stencil tools use (the ELF-64 object file format, System V ABI).
public enum ELF {
    public static let machineX86_64: UInt16 = 62
    public static let machineAArch64: UInt16 = 183
    public static let sectionProgbits: UInt32 = 1
    public static let sectionSymtab: UInt32 = 2
    public static let sectionStrtab: UInt32 = 3
    public static let sectionRela: UInt32 = 4
    public static let sectionNobits: UInt32 = 8
    public static let sectionRel: UInt32 = 9
    public static let flagWrite: UInt64 = 1
    public static let flagAlloc: UInt64 = 2
    public static let flagExec: UInt64 = 4
    public static let symbolUndefined: UInt16 = 0
    public static let symbolAbsolute: UInt16 = 0xfff1
    public static let symbolCommon: UInt16 = 0xfff2
    public static let typeFunc: UInt8 = 2
    public static let typeSection: UInt8 = 3
}

/// One section header (`Elf64_Shdr`), with its name resolved.
public struct ELFSection: Equatable {
    public var index: Int
    public var name: String
    public var type: UInt32
    public var flags: UInt64
    public var offset: Int
    public var size: Int
    public var link: Int
    public var info: Int
    public var alignment: UInt64
    public var entrySize: Int
    public var isExecutable: Bool { flags & ELF.flagExec != 0 }
    public var isWritable: Bool { flags & ELF.flagWrite != 0 }
    public var isAllocated: Bool { flags & ELF.flagAlloc != 0 }
}

/// One symbol (`Elf64_Sym`), with its name resolved.
public struct ELFSymbol: Equatable {
    public var name: String
    public var value: UInt64
    public var size: UInt64
    public var type: UInt8
    public var binding: UInt8
    public var sectionIndex: UInt16
    public var isUndefined: Bool { sectionIndex == ELF.symbolUndefined }
}

/// One RELA relocation (`Elf64_Rela`): patch `offset` of the target section with
/// `type`, computed from symbol `symbol` plus `addend`.
public struct ELFRelocation: Equatable {
    public var offset: UInt64
    public var type: UInt32
    public var symbol: Int
    public var addend: Int64
}

/// A parsed ELF64 little-endian object file.
public struct ELFFile {
    public let bytes: [UInt8]
    public let machine: UInt16
    public let fileType: UInt16
    public private(set) var sections: [ELFSection] = []
    public private(set) var symbols: [ELFSymbol] = []

    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 64 else { throw ELFError("file too short for an ELF header (\(bytes.count) bytes)", at: 0) }
        guard bytes[0] == 0x7f, bytes[1] == 0x45, bytes[2] == 0x4c, bytes[3] == 0x46 else {
            throw ELFError("not an ELF file (bad magic)", at: 0)
        }
        guard bytes[4] == 2 else { throw ELFError("not a 64-bit ELF file (class \(bytes[4]))", at: 4) }
        guard bytes[5] == 1 else { throw ELFError("not a little-endian ELF file (data \(bytes[5]))", at: 5) }
        let r = ByteReader(bytes)
        fileType = try r.u16(16)
        machine = try r.u16(18)
        let shoff = try r.offset(40, "section header table offset")
        let shentsize = Int(try r.u16(58))
        let shnum = Int(try r.u16(60))
        let shstrndx = Int(try r.u16(62))
        if shnum == 0 { return }
        guard shentsize == 64 else { throw ELFError("section header size \(shentsize), expected 64", at: 58) }
        guard shoff <= bytes.count, shnum * 64 <= bytes.count - shoff else {
            throw ELFError("section header table (\(shnum) entries at \(shoff)) runs past the end of the file", at: 40)
        }
        guard shstrndx < shnum else { throw ELFError("section name table index \(shstrndx) out of range (\(shnum) sections)", at: 62) }

        var raw: [(nameOffset: Int, section: ELFSection)] = []
        for i in 0..<shnum {
            let h = shoff + i * 64
            let type = try r.u32(h + 4)
            let offset = try r.offset(h + 24, "section offset")
            let size = try r.offset(h + 32, "section size")
            if type != ELF.sectionNobits {
                guard offset <= bytes.count, size <= bytes.count - offset else {
                    throw ELFError("section \(i) (\(size) bytes at \(offset)) runs past the end of the file", at: h + 24)
                }
            }
            let s = ELFSection(index: i, name: "", type: type, flags: try r.u64(h + 8), offset: offset, size: size,
                               link: Int(try r.u32(h + 40)), info: Int(try r.u32(h + 44)),
                               alignment: try r.u64(h + 48), entrySize: try r.offset(h + 56, "entry size"))
            raw.append((Int(try r.u32(h)), s))
        }
        let names = raw[shstrndx].section
        guard names.type == ELF.sectionStrtab else {
            throw ELFError("section name table (section \(shstrndx)) is not a string table", at: shoff + shstrndx * 64 + 4)
        }
        for (nameOffset, var s) in raw {
            s.name = try r.string(in: names, at: nameOffset, field: shoff + s.index * 64)
            sections.append(s)
        }
        // The symbol table (relocatable objects have at most one).
        if let symtab = sections.first(where: { $0.type == ELF.sectionSymtab }) {
            let h = shoff + symtab.index * 64
            guard symtab.entrySize == 24 else { throw ELFError("symbol entry size \(symtab.entrySize), expected 24", at: h + 56) }
            guard symtab.link < sections.count, sections[symtab.link].type == ELF.sectionStrtab else {
                throw ELFError("symbol table's string table link \(symtab.link) is not a string table", at: h + 40)
            }
            let strtab = sections[symtab.link]
            for k in 0..<(symtab.size / 24) {
                let e = symtab.offset + k * 24
                let info = bytes[e + 4]
                let shndx = try r.u16(e + 6)
                if shndx != ELF.symbolUndefined && shndx < 0xff00 && Int(shndx) >= sections.count {
                    throw ELFError("symbol \(k) names section \(shndx), but there are \(sections.count)", at: e + 6)
                }
                symbols.append(ELFSymbol(name: try r.string(in: strtab, at: Int(try r.u32(e)), field: e),
                                         value: try r.u64(e + 8), size: try r.u64(e + 16),
                                         type: info & 0xf, binding: info >> 4, sectionIndex: shndx))
            }
        }
    }

    /// The bytes of a section (empty for NOBITS sections).
    public func data(of s: ELFSection) -> ArraySlice<UInt8> {
        s.type == ELF.sectionNobits ? [] : bytes[s.offset..<(s.offset + s.size)]
    }

    /// The RELA relocations that apply to section `index`, in file order.
    public func relocations(for index: Int) throws -> [ELFRelocation] {
        var out: [ELFRelocation] = []
        let r = ByteReader(bytes)
        for s in sections where s.type == ELF.sectionRel && s.info == index {
            throw ELFError("REL relocations (section \(s.name)) are not supported; expected RELA", at: s.offset)
        }
        for s in sections where s.type == ELF.sectionRela && s.info == index {
            guard s.entrySize == 24 else { throw ELFError("relocation entry size \(s.entrySize) in \(s.name), expected 24", at: s.offset) }
            for k in 0..<(s.size / 24) {
                let e = s.offset + k * 24
                let info = try r.u64(e + 8)
                let sym = Int(info >> 32)
                guard sym < symbols.count else {
                    throw ELFError("relocation \(k) of \(s.name) names symbol \(sym), but there are \(symbols.count)", at: e + 8)
                }
                let offset = try r.u64(e)
                if index < sections.count, offset >= UInt64(sections[index].size) {
                    throw ELFError("relocation \(k) of \(s.name) patches offset \(offset), past its section's \(sections[index].size) bytes", at: e)
                }
                out.append(ELFRelocation(offset: offset, type: UInt32(truncatingIfNeeded: info),
                                         symbol: sym, addend: Int64(bitPattern: try r.u64(e + 16))))
            }
        }
        return out
    }
}

/// Bounds-checked little-endian reads; every failure names the offset.
struct ByteReader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func need(_ at: Int, _ n: Int) throws {
        guard at >= 0, at <= bytes.count - n else {
            throw ELFError("\(n)-byte field runs past the end of the file (\(bytes.count) bytes)", at: at)
        }
    }
    func u16(_ at: Int) throws -> UInt16 {
        try need(at, 2)
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }
    func u32(_ at: Int) throws -> UInt32 {
        try need(at, 4)
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[at + k]) << (8 * k) }
        return v
    }
    func u64(_ at: Int) throws -> UInt64 {
        try need(at, 8)
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * k) }
        return v
    }
    /// A 64-bit size or offset, which must fit comfortably in an Int.
    func offset(_ at: Int, _ what: String) throws -> Int {
        let v = try u64(at)
        guard v < 1 << 48 else { throw ELFError("\(what) \(v) is implausibly large", at: at) }
        return Int(v)
    }
    /// A NUL-terminated name at `at` inside string table `table`.
    func string(in table: ELFSection, at: Int, field: Int) throws -> String {
        guard at >= 0, at < table.size else {
            throw ELFError("name offset \(at) is outside string table \(table.index) (\(table.size) bytes)", at: field)
        }
        let start = table.offset + at, end = table.offset + table.size
        var i = start
        while i < end, bytes[i] != 0 { i += 1 }
        guard i < end else { throw ELFError("name at \(start) is not NUL-terminated", at: start) }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }
}
