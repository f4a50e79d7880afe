// The Wasm part of objdump: a module's sections, the `offset | bytes | meaning` view
// (sections, entries, instructions) from the reader's notes, and the module as WAT
// (types with their GC structure, imports, exports, functions with names and
// instructions). In a file of its own because MochiWasm and MochiIR both define
// `Module`-like names and imports are per file.

import MochiWasm

/// A Wasm module: its sections, the byte view, the WAT listing. A malformed module
/// is one error naming the byte offset (what was read before it is not printed).
func wasmDump(_ bytes: [UInt8], options: DumpOptions) throws -> String {
    let (module, sections, notes, error) = annotateWasmModule(bytes)
    if let e = error { throw DumpError(e.description) }
    guard let m = module else { throw DumpError("decoding failed") }
    var out = "format: \(FileFormat.wasm.name) (binary format version 1), \(bytes.count) bytes\n"
    out += "\(m.types.count) rec groups, \(m.typeDefinitions.count) types, \(m.imports.count) imports, "
    out += "\(m.functions.count) functions, \(m.globals.count) globals, \(m.exports.count) exports\n"
    out += "\nsections:\n"
    let width = max(16, (sections.map(\.name.count).max() ?? 0) + 1)
    for s in sections {
        var line = "  " + pad(s.name, width) + " id " + pad(String(s.id), 2, right: true)
        line += "  at 0x" + hex8(s.offset) + "  size " + pad(String(s.size), 7, right: true)
        if let c = s.count { line += "  entries \(c)" }
        out += line + "\n"
    }
    if options.bytes {
        // Notes come in reading order; a rec group's note follows its types', so sort.
        let rows = notes.enumerated().sorted { a, b in
            (a.element.offset, a.element.depth, a.offset) < (b.element.offset, b.element.depth, b.offset)
        }.map { ($0.element.offset, $0.element.length, $0.element.depth, $0.element.meaning) }
        out += "\n" + byteView(bytes, rows: rows)
    }
    if options.listing { out += "\n" + WATPrinter(m).moduleText() }
    return out
}

func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, n - s.count))
    return right ? fill + s : s + fill
}

func hex8(_ v: Int) -> String {
    let h = String(v, radix: 16)
    return String(repeating: "0", count: max(0, 8 - h.count)) + h
}

/// The Wasm instruction table as a Markdown table: name, encoding, immediates.
public func wasmInstructionTable() -> String {
    var out = "| instruction | encoding | immediates |\n|---|---|---|\n"
    for op in Op.allCases {
        let i = op.info
        let enc = i.prefix == 0 ? "0x" + String(format2(i.code)) : "0x\(String(i.prefix, radix: 16)) \(i.code)"
        out += "| \(i.name) | \(enc) | \(shapeName(i.shape)) |\n"
    }
    return out
}

func format2(_ v: UInt32) -> String {
    let h = String(v, radix: 16)
    return h.count < 2 ? "0" + h : h
}

func shapeName(_ s: Shape) -> String {
    switch s {
    case .none: return "-"
    case .block: return "block type"
    case .label: return "label"
    case .brTable: return "labels, default label"
    case .function: return "function"
    case .callIndirect: return "type, table"
    case .type: return "type"
    case .typeField: return "type, field"
    case .typeCount: return "type, count"
    case .typeData: return "type, data segment"
    case .typeElem: return "type, element segment"
    case .typeType: return "destination type, source type"
    case .local: return "local"
    case .global: return "global"
    case .table: return "table"
    case .tableTable: return "destination table, source table"
    case .elemTable: return "element segment, table"
    case .elem: return "element segment"
    case .data: return "data segment"
    case .dataMemory: return "data segment, memory"
    case .memory: return "memory"
    case .memoryMemory: return "destination memory, source memory"
    case .memarg(let n): return "memarg (natural alignment \(1 << n))"
    case .i32: return "i32"
    case .i64: return "i64"
    case .f32: return "f32"
    case .f64: return "f64"
    case .heapType: return "heap type"
    case .refType(let nullable): return nullable ? "heap type (nullable target)" : "heap type (non-null target)"
    case .brOnCast: return "cast flags, label, heap type, heap type"
    case .valTypes: return "value types"
    }
}
