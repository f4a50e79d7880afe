// Human-readable dumps of the files the toolchain writes, behind one entry point,
// `dump(bytes:)`, that recognises the format by its first bytes: IR text, IR binary
// (`MIRB`), stencil libraries (`MSTL`) and WebAssembly modules (`\0asm`). A new
// format adds a case to `FileFormat`, a line to `detectFormat` and a dumper
// function; the tool's main never changes.
//
// An IR dump is a listing with the Mochi source line of every instruction in a
// gutter; a binary IR dump adds an `offset | bytes | meaning` view of every byte
// range (header, each section, each entry) above the listing. A Wasm dump lists the
// sections, the same byte view (sections, entries, instructions), and the module as
// WAT: types with their GC structure, imports, exports, functions with their names
// and instructions.

import MochiIR
import MochiStencil

public enum FileFormat: Equatable {
    case irText
    case irBinary
    case stencilLibrary
    case wasm

    public var name: String {
        switch self {
        case .irText: return "Mochi IR text"
        case .irBinary: return "Mochi IR binary"
        case .stencilLibrary: return "Mochi stencil library"
        case .wasm: return "WebAssembly module"
        }
    }
}

public struct DumpError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public struct DumpOptions {
    /// Show the byte view of binary formats.
    public var bytes = true
    /// Show the instruction listing.
    public var listing = true
    public init(bytes: Bool = true, listing: Bool = true) { self.bytes = bytes; self.listing = listing }
}

/// The format of a file, from its first bytes; nil when unknown.
public func detectFormat(_ bytes: [UInt8]) -> FileFormat? {
    if bytes.starts(with: BinaryFormat.magic) { return .irBinary }
    if bytes.starts(with: [0x00, 0x61, 0x73, 0x6D]) { return .wasm }
    if StencilLibrary.isLibrary(bytes) { return .stencilLibrary }
    // Text IR: after blank lines and `;` comments, the `mochi-ir` header.
    var i = 0
    while i < bytes.count {
        let c = bytes[i]
        if c == 32 || c == 9 || c == 10 || c == 13 { i += 1; continue }
        if c == 59 { while i < bytes.count, bytes[i] != 10 { i += 1 }; continue }
        break
    }
    if bytes[i...].starts(with: Array("mochi-ir".utf8)) { return .irText }
    return nil
}

/// A dump of any supported file.
public func dump(bytes: [UInt8], options: DumpOptions = DumpOptions()) throws -> String {
    guard let format = detectFormat(bytes) else {
        throw DumpError("unrecognized file format (expected IR text, MIRB binary, an MSTL stencil library or a \\0asm Wasm module)")
    }
    switch format {
    case .irText:
        let m: Module
        do { m = try parseModule(bytes: bytes) } catch let e as IRParseError { throw DumpError(e.description) }
        return irListing(m, format: format, size: bytes.count, options: options)
    case .wasm:
        return try wasmDump(bytes, options: options)
    case .stencilLibrary:
        let lib: StencilLibrary
        do { lib = try StencilLibrary(bytes: bytes) } catch { throw DumpError("\(error)") }
        return stencilLibraryListing(lib, size: bytes.count)
    case .irBinary:
        let (m, notes, err) = annotateBinary(bytes)
        var out = "format: \(format.name), \(bytes.count) bytes\n"
        if options.bytes {
            out += "\n" + byteView(bytes, notes)
        }
        if let e = err { throw DumpError(e.description) }
        guard let module = m else { throw DumpError("decoding failed") }
        if options.listing { out += "\n" + irListing(module, format: nil, size: bytes.count, options: options) }
        return out
    }
}

/// `offset | bytes | meaning`, one line per annotated byte range.
public func byteView(_ bytes: [UInt8], _ notes: [BinaryNote]) -> String {
    byteView(bytes, rows: notes.map { ($0.offset, $0.length, $0.depth, $0.meaning) })
}

func byteView(_ bytes: [UInt8], rows notes: [(offset: Int, length: Int, depth: Int, meaning: String)]) -> String {
    var out = "  offset | bytes                    | meaning\n"
    out += "---------+--------------------------+--------\n"
    let hex = Array("0123456789abcdef".utf8)
    for n in notes {
        var line: [UInt8] = []
        var off = String(n.offset, radix: 16)
        off = String(repeating: "0", count: max(0, 8 - off.count)) + off
        line.append(contentsOf: off.utf8)
        line.append(contentsOf: " | ".utf8)
        let shown = n.length > 8 ? 7 : n.length
        var cells: [UInt8] = []
        for k in 0..<shown {
            let c = bytes[n.offset + k]
            if k > 0 { cells.append(32) }
            cells.append(hex[Int(c >> 4)]); cells.append(hex[Int(c & 15)])
        }
        if n.length > shown { cells.append(contentsOf: " ..".utf8) }
        while cells.count < 24 { cells.append(32) }
        line.append(contentsOf: cells)
        line.append(contentsOf: " | ".utf8)
        for _ in 0..<n.depth { line.append(contentsOf: "  ".utf8) }
        line.append(contentsOf: n.meaning.utf8)
        line.append(10)
        out += String(decoding: line, as: UTF8.self)
    }
    return out
}

/// The module with each instruction's Mochi source line in a gutter, followed by
/// the verifier's findings.
public func irListing(_ m: Module, format: FileFormat?, size: Int, options: DumpOptions = DumpOptions()) -> String {
    var out = ""
    if let f = format { out += "format: \(f.name), \(size) bytes\n" }
    if !m.sourceFile.isEmpty { out += "source: \(m.sourceFile)\n" }
    out += "\(m.types.count) types, \(m.globals.count) globals, \(m.functions.count) functions\n"
    var p = Printer(module: m, options: PrintOptions(sourceLineGutter: true))
    // p.write, not p.out.append: `out` is a copy of the bytes so far, and appending
    // through it per function made a 200,000-line listing take a minute.
    for d in m.types { p.write("       | "); p.typeDecl(d) }
    for g in m.globals {
        p.write("       | global @\(g.name): ")
        p.type(g.type)
        p.write(10)
    }
    for f in m.functions {
        p.write(10)
        p.print(f)
    }
    out += p.text
    let errors = verify(m)
    out += errors.isEmpty ? "\nverifier: ok\n" : "\nverifier: \(errors.count) error(s)\n"
    for e in errors { out += "  \(e)\n" }
    return out
}

/// The opcode table as a Markdown table: name, signature, immediate, effects, doc.
public func opcodeTable() -> String {
    var out = "| op | signature | immediate | effects | doc |\n|---|---|---|---|---|\n"
    for op in Opcode.allCases {
        let i = op.info
        let cells = [i.name, i.signature, immediateName(i.immediate), effectNames(i.effects), i.doc]
        out += "| " + cells.map { String($0.flatMap { $0 == "|" ? ["\\", "|"] as [Character] : [$0] }) }.joined(separator: " | ") + " |\n"
    }
    return out
}

func immediateName(_ k: ImmediateKind) -> String {
    switch k {
    case .none: return "-"
    case .int: return "int"
    case .float: return "float"
    case .string: return "string"
    case .cond: return "cond"
    case .field: return "field"
    case .variant: return "variant"
    case .function: return "function"
    case .global: return "global"
    }
}

func effectNames(_ e: Effects) -> String {
    var parts: [String] = []
    if e.contains(.traps) { parts.append("traps") }
    if e.contains(.reads) { parts.append("reads") }
    if e.contains(.writes) { parts.append("writes") }
    if e.contains(.io) { parts.append("io") }
    if e.contains(.calls) { parts.append("calls") }
    if e.contains(.allocates) { parts.append("allocates") }
    return parts.isEmpty ? "-" : parts.joined(separator: ", ")
}

/// A stencil library: its header, then every stencil's code (bytes and
/// disassembly) with its holes beside the instructions they patch.
public func stencilLibraryListing(_ lib: StencilLibrary, size: Int) -> String {
    var out = "format: \(FileFormat.stencilLibrary.name) v\(StencilLibrary.version), \(size) bytes\n"
    out += "target: \(lib.target.rawValue)\ndigest: \(lib.digestHex)\ncompiler: \(lib.compiler)\n"
    let holes = lib.stencils.reduce(0) { $0 + $1.holes.count }
    let code = lib.stencils.reduce(0) { $0 + $1.code.count }
    out += "\(lib.stencils.count) stencils, \(code) code bytes, \(holes) holes, \(lib.symbols.count) runtime symbols\n"
    let listings = disassemblyListings(lib.stencils.map { ($0.code, $0.holes) }, target: lib.target, symbols: lib.symbols)
    for (s, text) in zip(lib.stencils, listings) {
        out += "\nstencil \(s.name): \(s.code.count) code bytes"
        if !s.data.isEmpty { out += ", \(s.data.count) data bytes" }
        out += ", \(s.holes.count) holes"
        if s.elidedBytes > 0 { out += ", trailing \(s.elidedBytes)-byte jump to the continuation elided" }
        out += "\n"
        out += text
    }
    return out
}
