// Joining the WAT runtime to the emitted code, at the level of WAT text: each runtime
// fragment is split into its top-level module fields, and only the fields the program
// reaches are kept (a function, global or passive data segment is kept when a kept
// field names it; types, memories and active data segments always are). The test of
// "names it" is textual (any `$id` token in a kept field), which can only keep too
// much, never too little. Imports are hoisted in front of every definition, as WAT
// requires. This is a stand-in for the tree-shaking linker of MochiWasm, which works
// on the assembled module; the emitter's output format (WAT text) does not change
// when that lands.

/// One top-level field of a WAT fragment.
struct WatField {
    /// `func`, `global`, `type`, `rec`, `import`, `memory`, `data`, `elem`, `export`, ...
    var kind: String
    /// For an import, the kind of what it imports (`func`, `memory`, ...).
    var importKind: String?
    /// Its `$name`, without the `$`.
    var name: String?
    var text: String
    /// Every `$id` token in the field (names it refers to, and its own).
    var refs: [String]
    /// A data segment placed at an offset in memory (kept even when no one names it).
    var isActiveData = false
}

enum WatScanError: Error, CustomStringConvertible {
    case unbalanced(String, Int)
    var description: String {
        switch self {
        case .unbalanced(let f, let line): return "runtime fragment \(f): unbalanced parentheses near line \(line)"
        }
    }
}

enum WatFields {
    static func isIdChar(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
             UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    /// Splits a fragment into its top-level fields (comments between them dropped).
    static func split(_ text: String, file: String) throws -> [WatField] {
        let b = Array(text.utf8)
        var fields: [WatField] = []
        var i = 0
        var line = 1
        func skipBlockComment() {
            // at "(;"
            var depth = 0
            while i < b.count {
                if b[i] == UInt8(ascii: "(") && i + 1 < b.count && b[i + 1] == UInt8(ascii: ";") {
                    depth += 1; i += 2; continue
                }
                if b[i] == UInt8(ascii: ";") && i + 1 < b.count && b[i + 1] == UInt8(ascii: ")") {
                    depth -= 1; i += 2
                    if depth == 0 { return }
                    continue
                }
                if b[i] == 10 { line += 1 }
                i += 1
            }
        }
        while i < b.count {
            let c = b[i]
            if c == 10 { line += 1; i += 1; continue }
            if c == 32 || c == 9 || c == 13 { i += 1; continue }
            if c == UInt8(ascii: ";") && i + 1 < b.count && b[i + 1] == UInt8(ascii: ";") {
                while i < b.count && b[i] != 10 { i += 1 }
                continue
            }
            if c == UInt8(ascii: "(") && i + 1 < b.count && b[i + 1] == UInt8(ascii: ";") {
                skipBlockComment()
                continue
            }
            guard c == UInt8(ascii: "(") else { throw WatScanError.unbalanced(file, line) }
            let start = i
            let startLine = line
            var depth = 0
            var refs: [String] = []
            var tokens: [String] = []   // the first few tokens, to classify the field
            var tokenDepths: [Int] = []
            while i < b.count {
                let d = b[i]
                if d == 10 { line += 1; i += 1; continue }
                if d == UInt8(ascii: ";") && i + 1 < b.count && b[i + 1] == UInt8(ascii: ";") {
                    while i < b.count && b[i] != 10 { i += 1 }
                    continue
                }
                if d == UInt8(ascii: "(") && i + 1 < b.count && b[i + 1] == UInt8(ascii: ";") {
                    skipBlockComment()
                    continue
                }
                if d == UInt8(ascii: "(") {
                    depth += 1; i += 1
                    if tokens.count < 8 { tokens.append("("); tokenDepths.append(depth) }
                    continue
                }
                if d == UInt8(ascii: ")") {
                    depth -= 1; i += 1
                    if depth == 0 { break }
                    continue
                }
                if d == UInt8(ascii: "\"") {
                    let s = i
                    i += 1
                    while i < b.count && b[i] != UInt8(ascii: "\"") {
                        if b[i] == UInt8(ascii: "\\") { i += 1 }
                        if i < b.count && b[i] == 10 { line += 1 }
                        i += 1
                    }
                    i += 1
                    if tokens.count < 8 { tokens.append(String(decoding: b[s..<min(i, b.count)], as: UTF8.self)); tokenDepths.append(depth) }
                    continue
                }
                if isIdChar(d) {
                    let s = i
                    while i < b.count && isIdChar(b[i]) { i += 1 }
                    // (id characters are ASCII: a byte count is a character count)
                    if d == UInt8(ascii: "$") && i - s > 1 { refs.append(String(decoding: b[s + 1..<i], as: UTF8.self)) }
                    if tokens.count < 8 { tokens.append(String(decoding: b[s..<i], as: UTF8.self)); tokenDepths.append(depth) }
                    continue
                }
                i += 1
            }
            if depth != 0 { throw WatScanError.unbalanced(file, startLine) }
            let fieldText = String(decoding: b[start..<i], as: UTF8.self)
            var f = WatField(kind: tokens.count > 1 ? tokens[1] : "", importKind: nil, name: nil, text: fieldText, refs: refs)
            if f.kind == "import" {
                // (import "m" "n" (func $name ...))
                if let k = tokens.dropFirst().firstIndex(where: { $0 == "(" }), k + 1 < tokens.count {
                    f.importKind = tokens[k + 1]
                    if k + 2 < tokens.count, tokens[k + 2].hasPrefix("$") { f.name = String(tokens[k + 2].dropFirst()) }
                }
            } else if tokens.count > 2, tokens[2].hasPrefix("$"), tokenDepths[2] == 1 {
                f.name = String(tokens[2].dropFirst())
            }
            if f.kind == "data" {
                // Passive: (data $n "bytes"...); active: (data $n? (memory ..)? (offset ..) or (i32.const ..) "bytes")
                let next = f.name == nil ? 2 : 3
                f.isActiveData = next < tokens.count && tokens[next] == "("
            }
            fields.append(f)
        }
        return fields
    }
}

/// The runtime fragments as fields, with a name index for reachability.
struct RuntimeLibrary {
    /// The runtime's recursion group of types (types.wat), verbatim.
    var typesText: String
    var fields: [WatField] = []
    /// Field indices by the name they define (func, global, data, memory, import...).
    var byName: [String: [Int]] = [:]
    /// True when types.wat declares bigint.wat's types (`$bigint`, `$bigrat`). Found
    /// once here: the emitter asks for every exact-number type it lowers, and a
    /// `String.contains` over the types text cost about 0.9M instructions a call (39%
    /// of a generated program's emit).
    var hasBigTypes = false

    /// `exact`: the program makes bigints or bigrats. When it does not, no `any` can hold
    /// one, and the lines between `;; BEGIN exact` and `;; END exact` in the fragments
    /// (value.wat's and list.wat's dispatch to bigint.wat) are left out, so that the
    /// dynamic-value code of every other program does not reach bigint.wat.
    init(fragments: [(name: String, text: String)], exact: Bool = true) throws {
        typesText = ""
        for (name, text) in fragments {
            if name == "types.wat" {
                typesText = text
                hasBigTypes = text.contains("(type $bigint") && text.contains("(type $bigrat")
                continue
            }
            let body = exact ? try RuntimeLibrary.checkExactBlocks(text, file: name)
                             : try RuntimeLibrary.dropExactBlocks(text, file: name)
            for f in try WatFields.split(body, file: name) {
                if let n = f.name { byName[n, default: []].append(fields.count) }
                fields.append(f)
            }
        }
    }

    static let exactBegin = Array(";; BEGIN exact".utf8)
    static let exactEnd = Array(";; END exact".utf8)

    /// The text with its `exact` blocks removed (each marker line alone on its line,
    /// blocks not nested; removed lines stay as empty lines, so line numbers hold); an
    /// unmatched marker is an error naming the line. Works on bytes: the runtime is
    /// half a megabyte of text, read on every run.
    static func dropExactBlocks(_ text: String, file: String) throws -> String {
        let b = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var inBlock = 0
        var lineNo = 0
        var i = 0
        while i < b.count {
            var j = i
            while j < b.count && b[j] != 10 { j += 1 }
            lineNo += 1
            var s = i, e = j
            while s < e && (b[s] == 32 || b[s] == 9) { s += 1 }
            while e > s && (b[e - 1] == 32 || b[e - 1] == 9 || b[e - 1] == 13) { e -= 1 }
            let isBegin = e - s == exactBegin.count && b[s..<e].elementsEqual(exactBegin)
            let isEnd = e - s == exactEnd.count && b[s..<e].elementsEqual(exactEnd)
            if isBegin {
                if inBlock != 0 { throw WatScanError.unbalanced(file + " (nested ;; BEGIN exact)", lineNo) }
                inBlock = lineNo
            } else if isEnd {
                if inBlock == 0 { throw WatScanError.unbalanced(file + " (;; END exact without BEGIN)", lineNo) }
                inBlock = 0
            } else if inBlock == 0 {
                out.append(contentsOf: b[i..<j])
            }
            if j < b.count { out.append(10) }
            i = j + 1
        }
        if inBlock != 0 { throw WatScanError.unbalanced(file + " (;; BEGIN exact without END)", inBlock) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text unchanged, after the same marker check (a fragment's blocks must match
    /// whether or not they are used).
    static func checkExactBlocks(_ text: String, file: String) throws -> String {
        _ = try dropExactBlocks(text, file: file)
        return text
    }

    /// Names of the functions the runtime defines (imports included).
    func defines(function name: String) -> Bool {
        byName[name]?.contains { fields[$0].kind == "func" || (fields[$0].kind == "import" && fields[$0].importKind == "func") } ?? false
    }

    func defines(global name: String) -> Bool {
        byName[name]?.contains { fields[$0].kind == "global" || (fields[$0].kind == "import" && fields[$0].importKind == "global") } ?? false
    }

    /// The name of the runtime's linear memory (core.wat's), if it has one.
    var memoryName: String? {
        fields.first { $0.kind == "memory" && $0.name != nil }?.name
    }

    /// The fields to include: everything when `shake` is false, else what `roots` reach.
    /// `export` fields and `elem declare` fields are left out (the emitter writes its
    /// own exports and one declarative element segment).
    func select(roots: Set<String>, shake: Bool) -> [Int] {
        func droppable(_ f: WatField) -> Bool {
            f.kind == "export" || (f.kind == "elem" && f.text.contains("declare"))
        }
        if !shake {
            return fields.indices.filter { !droppable(fields[$0]) }
        }
        var keep = Array(repeating: false, count: fields.count)
        var work: [Int] = []
        func reach(_ name: String) {
            for k in byName[name] ?? [] where !keep[k] {
                keep[k] = true
                work.append(k)
            }
        }
        for (k, f) in fields.enumerated() where !droppable(f) {
            let always = f.kind == "type" || f.kind == "rec" || f.kind == "memory" || f.isActiveData
                || f.kind == "start" || f.kind == "table" || (f.kind == "elem" && !f.text.contains("declare"))
            if always && !keep[k] { keep[k] = true; work.append(k) }
        }
        for r in roots { reach(r) }
        while let k = work.popLast() {
            for r in fields[k].refs { reach(r) }
        }
        return fields.indices.filter { keep[$0] && !droppable(fields[$0]) }
    }
}

/// `ref.func $x` targets in WAT text (folded or flat), for the declarative segment.
func refFuncTargets(_ text: String) -> [String] {
    var out: [String] = []
    let b = Array(text.utf8)
    let key = Array("ref.func".utf8)
    var i = 0
    while i + key.count < b.count {
        if b[i] == key[0] && Array(b[i..<i + key.count]) == key
            && (i == 0 || !WatFields.isIdChar(b[i - 1])) && !WatFields.isIdChar(b[i + key.count]) {
            var j = i + key.count
            while j < b.count && (b[j] == 32 || b[j] == 9 || b[j] == 10 || b[j] == 13) { j += 1 }
            if j < b.count && b[j] == UInt8(ascii: "$") {
                let s = j + 1
                j += 1
                while j < b.count && WatFields.isIdChar(b[j]) { j += 1 }
                out.append(String(decoding: b[s..<j], as: UTF8.self))
            }
            i = j
            continue
        }
        i += 1
    }
    return out
}
