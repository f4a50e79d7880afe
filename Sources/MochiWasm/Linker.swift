// The linker: several symbolic modules (the emitter's own, WAT runtime fragments) to
// one numeric `WasmModule`. It merges the modules' index spaces, resolves every `$name`
// and fragment-relative number, keeps only what is reachable (tree shaking), orders
// and renumbers what is kept, and writes the `name` section. The same inputs always
// give the same module: every order below is the order of the inputs, never of a
// dictionary.
//
// Linking rules:
// * Names are global across modules, one namespace per index space. A name defined
//   twice is an error, except for identical definitions that merge: imports with the
//   same module, field and type, and type groups whose names and resolved definitions
//   are equal (so every fragment may declare the shared types it uses).
// * Numbers refer to the module's own index spaces (imports first, as in WAT).
// * Tree shaking keeps the exports, the start function, declared roots, and what they
//   reach: functions through calls and `ref.func`, globals, tables, memories,
//   element and data segments through the instructions naming them, types through
//   everything that mentions them (a type keeps its whole rec group). Active data and
//   element segments are kept when their memory or table is. Declarative element
//   segments reach nothing; the linker adds one listing every function a kept body
//   takes with `ref.func` that nothing else declares.
//
// Type identity (GC proposal, iso-recursive types):
// * Types in one rec group are distinct types even when structurally equal, and a
//   group is only equal to a group of the same shape; so groups are never split or
//   merged, only kept or dropped whole, and a group's order is preserved.
// * Implicit func types (inline `(param ...)`/`(result ...)` of functions, imports
//   and blocks) are singleton final groups, deduplicated against each other and
//   against explicit singleton final func types without supertype, first one wins;
//   they are placed after the explicit types.
// * A func type used by an import from a `wasi*` module must be such a singleton
//   group: that is what the host's function types are, and a type inside a larger
//   group would not match them at instantiation. Anything else is a link error.
// * Groups are ordered as given, moved later only as far as needed so that every
//   group comes after the groups it refers to; references between groups that form a
//   cycle are an error (they must be one rec group).

public struct LinkOptions: Sendable {
    /// Keep only what the roots reach.
    public var treeShake: Bool
    /// Write the `name` section (function, local, type, field, global... names).
    public var nameSection: Bool
    /// The module name for the name section (else the first module's).
    public var moduleName: String?
    public init(treeShake: Bool = true, nameSection: Bool = true, moduleName: String? = nil) {
        self.treeShake = treeShake; self.nameSection = nameSection; self.moduleName = moduleName
    }
}

public struct LinkError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Links symbolic modules into one numeric module.
public func linkWasm(_ modules: [SymbolicModule], options: LinkOptions = LinkOptions()) throws -> WasmModule {
    var l = Linker(modules: modules, options: options)
    return try l.run()
}

struct Linker {
    let mods: [SymbolicModule]
    let options: LinkOptions

    init(modules: [SymbolicModule], options: LinkOptions) {
        self.mods = modules
        self.options = options
        fragTypes = Array(repeating: [], count: modules.count)
        for k in Space.Kind.allCases { spaces.append(Space(kind: k, fragments: modules.count)) }
    }

    // MARK: Flat entities

    /// A type group as linked. `frag` is -1 for implicit func types.
    struct Group {
        var frag: Int
        var defs: [TypeDef]
        var explicitRec: Bool
        var first: Int
        var resolved: [SubType] = []
    }
    var groups: [Group] = []
    var groupOfType: [Int] = []
    var fragTypes: [[Int]]
    var typeNames: [String: Int] = [:]
    /// Groups that repeat an earlier one by name: (fragment, group position in the
    /// fragment, the earlier group) — checked for equality once names resolve.
    var aliasChecks: [(frag: Int, position: Int, group: Int)] = []
    var implicitTypes: [FuncType: Int] = [:]

    /// One index space other than types: its entities in fragment order, each
    /// fragment's local numbering (imports first), and the global names.
    struct Space {
        enum Kind: Int, CaseIterable { case function, table, memory, global, element, data }
        struct Item {
            var frag: Int
            /// Position in the fragment's imports, or in its definitions of this kind.
            var position: Int
            var imported: Bool
            var name: String?
        }
        let kind: Kind
        var items: [Item] = []
        var local: [[Int]]
        var names: [String: Int] = [:]
        var importKeys: [Int: String] = [:]
        init(kind: Kind, fragments: Int) {
            self.kind = kind
            local = Array(repeating: [], count: fragments)
        }
    }
    var spaces: [Space] = []

    // Resolved entities, by flat id, with flat ids inside.
    var funcTypes: [Int] = []
    var funcBodies: [Int: WasmFunction] = [:]
    var funcLocalNames: [Int: NameMap] = [:]
    var funcLabelNames: [Int: NameMap] = [:]
    var tableDefs: [Int: Table] = [:]
    var memoryDefs: [Int: MemoryType] = [:]
    var globalDefs: [Int: WasmGlobal] = [:]
    var importDefs: [Int: [Int: Import]] = [:] // kind -> flat id -> import
    var elemDefs: [Int: ElementSegment] = [:]
    var dataDefs: [Int: DataSegment] = [:]
    var exports: [Export] = []
    var start: Int?
    var roots: [(Space.Kind, Int)] = []

    func origin(_ f: Int) -> String { f >= 0 && f < mods.count ? mods[f].origin : "linker" }

    // MARK: Driver

    mutating func run() throws -> WasmModule {
        try collectTypes()
        try resolveTypeGroups()
        try collectSpaces()
        try resolveDefinitions()
        let kept = try shake()
        return try emit(kept)
    }

    // MARK: Types

    mutating func collectTypes() throws {
        for (f, m) in mods.enumerated() {
            for (gi, g) in m.types.enumerated() {
                let names = g.types.compactMap(\.name)
                if let firstName = names.first, let existing = typeNames[firstName] {
                    let eg = groupOfType[existing]
                    let sameNames = groups[eg].defs.map(\.name) == g.types.map(\.name)
                    guard sameNames else {
                        throw LinkError("\(origin(f)): type $\(firstName) is already defined in \(origin(groups[eg].frag)) with a different rec group")
                    }
                    fragTypes[f].append(contentsOf: (0..<g.types.count).map { groups[eg].first + $0 })
                    aliasChecks.append((f, gi, eg))
                    continue
                }
                for n in names where typeNames[n] != nil {
                    throw LinkError("\(origin(f)): type $\(n) is already defined in \(origin(groups[groupOfType[typeNames[n]!]].frag))")
                }
                let first = groupOfType.count
                var seen = Set<String>()
                for (k, d) in g.types.enumerated() {
                    if let n = d.name {
                        if !seen.insert(n).inserted { throw LinkError("\(origin(f)): type $\(n) is defined twice in one rec group") }
                        typeNames[n] = first + k
                    }
                    groupOfType.append(groups.count)
                    fragTypes[f].append(first + k)
                }
                groups.append(Group(frag: f, defs: g.types, explicitRec: g.explicitRec, first: first))
            }
        }
    }

    func resolveType(_ i: Idx, _ f: Int) throws -> Int {
        switch i {
        case .name(let n):
            guard let t = typeNames[n] else { throw LinkError("\(origin(f)): unknown type $\(n)") }
            return t
        case .index(let n):
            guard f >= 0, Int(n) < fragTypes[f].count else { throw LinkError("\(origin(f)): type index \(n) out of range (\(f >= 0 ? fragTypes[f].count : 0) types)") }
            return fragTypes[f][Int(n)]
        }
    }

    func flat(_ t: Int) -> Idx { .index(UInt32(t)) }

    mutating func resolveTypeGroups() throws {
        for gi in groups.indices {
            let g = groups[gi]
            groups[gi].resolved = try g.defs.map { d in try d.type.mapTypes { flat(try resolveType($0, g.frag)) } }
        }
        for (f, position, eg) in aliasChecks {
            let again = try mods[f].types[position].types.map { d in try d.type.mapTypes { flat(try resolveType($0, f)) } }
            let fieldNames = mods[f].types[position].types.map(\.fieldNames)
            if again != groups[eg].resolved || fieldNames != groups[eg].defs.map(\.fieldNames) {
                let n = groups[eg].defs.compactMap(\.name).first ?? "?"
                throw LinkError("\(origin(f)): type $\(n) is already defined in \(origin(groups[eg].frag)) differently")
            }
        }
        // Explicit singleton final func types without supertype serve as implicit types.
        for g in groups where g.resolved.count == 1 {
            let s = g.resolved[0]
            if s.isFinal, s.supertypes.isEmpty, case .func(let ft) = s.composite, implicitTypes[ft] == nil {
                implicitTypes[ft] = g.first
            }
        }
    }

    /// The flat id of the implicit func type with this (resolved) signature.
    mutating func implicitType(_ ft: FuncType) -> Int {
        if let t = implicitTypes[ft] { return t }
        let id = groupOfType.count
        groupOfType.append(groups.count)
        let def = SubType(.func(ft))
        groups.append(Group(frag: -1, defs: [TypeDef(nil, def)], explicitRec: false, first: id, resolved: [def]))
        implicitTypes[ft] = id
        return id
    }

    func funcType(ofType t: Int) -> FuncType? {
        let g = groups[groupOfType[t]]
        return g.resolved[t - g.first].composite.funcType
    }

    mutating func resolveTypeUse(_ u: TypeUse, _ f: Int, what: String) throws -> Int {
        let sig = try u.signature.map { try $0.mapTypes { flat(try resolveType($0, f)) } }
        if let i = u.index {
            let t = try resolveType(i, f)
            guard let ft = funcType(ofType: t) else { throw LinkError("\(origin(f)): \(what): type \(i) is not a func type") }
            if let s = sig, s != ft, !(s.params.isEmpty && s.results.isEmpty && u.paramNames.isEmpty) {
                throw LinkError("\(origin(f)): \(what): inline signature does not match type \(i)")
            }
            return t
        }
        return implicitType(sig ?? FuncType())
    }

    // MARK: Other index spaces

    mutating func addItem(_ k: Space.Kind, frag f: Int, position: Int, imported: Bool, name: String?, importKey: String? = nil) throws {
        var s = spaces[k.rawValue]
        defer { spaces[k.rawValue] = s }
        if let n = name, let existing = s.names[n] {
            if imported, let key = importKey, s.importKeys[existing] == key {
                s.local[f].append(existing) // the same import again: one entity
                return
            }
            let other = s.items[existing]
            throw LinkError("\(origin(f)): \(Linker.kindName(k)) $\(n) is already defined in \(origin(other.frag))")
        }
        let id = s.items.count
        s.items.append(Space.Item(frag: f, position: position, imported: imported, name: name))
        s.local[f].append(id)
        if let n = name { s.names[n] = id }
        if let key = importKey { s.importKeys[id] = key }
    }

    static func kindName(_ k: Space.Kind) -> String {
        switch k {
        case .function: return "function"
        case .table: return "table"
        case .memory: return "memory"
        case .global: return "global"
        case .element: return "element segment"
        case .data: return "data segment"
        }
    }

    mutating func collectSpaces() throws {
        for (f, m) in mods.enumerated() {
            for (p, imp) in m.imports.enumerated() {
                let what = "import \"\(imp.module)\" \"\(imp.field)\""
                switch imp.descriptor {
                case .function(let use):
                    let t = try resolveTypeUse(use, f, what: what)
                    if imp.module.hasPrefix("wasi") {
                        let g = groups[groupOfType[t]]
                        if g.resolved.count != 1 || !g.resolved[0].isFinal || !g.resolved[0].supertypes.isEmpty {
                            throw LinkError("\(origin(f)): \(what): a WASI import's type must be a final func type in a rec group of its own (the host's types are)")
                        }
                    }
                    let key = "\(imp.module)\u{0}\(imp.field)\u{0}\(t)"
                    let before = spaces[0].items.count
                    try addItem(.function, frag: f, position: p, imported: true, name: imp.name, importKey: key)
                    if spaces[0].items.count > before {
                        funcTypes.append(t)
                        importDefs[0, default: [:]][before] = Import(module: imp.module, name: imp.field, .function(flat(t)))
                    }
                case .table(let tt):
                    let r = try tt.mapTypes { flat(try resolveType($0, f)) }
                    try addImport(.table, f, p, imp, Import(module: imp.module, name: imp.field, .table(r)))
                case .memory(let mt):
                    try addImport(.memory, f, p, imp, Import(module: imp.module, name: imp.field, .memory(mt)))
                case .global(let gt):
                    let r = try gt.mapTypes { flat(try resolveType($0, f)) }
                    try addImport(.global, f, p, imp, Import(module: imp.module, name: imp.field, .global(r)))
                }
            }
            for (p, fn) in m.functions.enumerated() {
                // The type is resolved with the body (resolveDefinitions), so implicit
                // types are created in the order they are met, as wasm-tools does.
                try addItem(.function, frag: f, position: p, imported: false, name: fn.name)
                funcTypes.append(-1)
            }
            for (p, t) in m.tables.enumerated() { try addItem(.table, frag: f, position: p, imported: false, name: t.name) }
            for (p, x) in m.memories.enumerated() { try addItem(.memory, frag: f, position: p, imported: false, name: x.name) }
            for (p, g) in m.globals.enumerated() { try addItem(.global, frag: f, position: p, imported: false, name: g.name) }
            for (p, e) in m.elements.enumerated() { try addItem(.element, frag: f, position: p, imported: false, name: e.name) }
            for (p, d) in m.data.enumerated() { try addItem(.data, frag: f, position: p, imported: false, name: d.name) }
        }
    }

    mutating func addImport(_ k: Space.Kind, _ f: Int, _ p: Int, _ imp: SymbolicImport, _ resolved: Import) throws {
        let key = "\(imp.module)\u{0}\(imp.field)\u{0}\(resolved.descriptor)"
        let before = spaces[k.rawValue].items.count
        try addItem(k, frag: f, position: p, imported: true, name: imp.name, importKey: key)
        if spaces[k.rawValue].items.count > before { importDefs[k.rawValue, default: [:]][before] = resolved }
    }

    func resolve(_ k: Space.Kind, _ i: Idx, _ f: Int) throws -> Int {
        let s = spaces[k.rawValue]
        switch i {
        case .name(let n):
            guard let id = s.names[n] else { throw LinkError("\(origin(f)): unknown \(Linker.kindName(k)) $\(n)") }
            return id
        case .index(let n):
            guard Int(n) < s.local[f].count else {
                throw LinkError("\(origin(f)): \(Linker.kindName(k)) index \(n) out of range (\(s.local[f].count) defined)")
            }
            return s.local[f][Int(n)]
        }
    }

    // MARK: Resolution

    /// A constant expression or body resolved to flat ids, outside any function
    /// (no locals or labels).
    mutating func resolveExpression(_ code: [Instruction], _ f: Int, what: String) throws -> [Instruction] {
        var scope = FunctionScope(localNames: [:], localCount: 0)
        return try resolveCode(code, f, scope: &scope, what: what)
    }

    struct FunctionScope {
        var localNames: [String: Int]
        var localCount: Int
    }

    mutating func resolveCode(_ code: [Instruction], _ f: Int, scope: inout FunctionScope, what: String) throws -> [Instruction] {
        var labels: [String?] = []
        var out: [Instruction] = []
        out.reserveCapacity(code.count)
        for (pc, ins) in code.enumerated() {
            guard ins.isWellFormed else {
                throw LinkError("\(origin(f)): \(what): instruction \(pc) (\(ins.op.info.name)): immediate \(ins.immediate) does not fit it")
            }
            var r = ins
            if case .block(let bt, let label) = ins.immediate {
                var t: BlockType
                if case .inline(let ft) = bt {
                    let rft = try ft.mapTypes { flat(try resolveType($0, f)) }
                    if rft.params.isEmpty && rft.results.isEmpty { t = .empty }
                    else if rft.params.isEmpty && rft.results.count == 1 { t = .value(rft.results[0]) }
                    else { t = .type(flat(implicitType(rft))) }
                } else {
                    t = try bt.mapTypes { flat(try resolveType($0, f)) }
                }
                r = Instruction(ins.op, .block(t, label: nil))
                labels.append(label)
            } else {
                let labelsNow = labels
                r = try ins.mapIndices { space, i, context in
                    switch space {
                    case .type: return flat(try resolveType(i, f))
                    case .function: return flat(try resolve(.function, i, f))
                    case .table: return flat(try resolve(.table, i, f))
                    case .memory: return flat(try resolve(.memory, i, f))
                    case .global: return flat(try resolve(.global, i, f))
                    case .element: return flat(try resolve(.element, i, f))
                    case .data: return flat(try resolve(.data, i, f))
                    case .tag: throw LinkError("\(origin(f)): \(what): tags are not supported")
                    case .local:
                        switch i {
                        case .name(let n):
                            guard let l = scope.localNames[n] else { throw LinkError("\(origin(f)): \(what): unknown local $\(n)") }
                            return .index(UInt32(l))
                        case .index(let n):
                            guard Int(n) < scope.localCount else {
                                throw LinkError("\(origin(f)): \(what): local index \(n) out of range (\(scope.localCount) locals)")
                            }
                            return i
                        }
                    case .label:
                        switch i {
                        case .name(let n):
                            guard let k = labelsNow.lastIndex(of: n) else { throw LinkError("\(origin(f)): \(what): unknown label $\(n)") }
                            return .index(UInt32(labelsNow.count - 1 - k))
                        case .index(let n):
                            // Depth `labels.count` is the function body itself.
                            guard Int(n) <= labelsNow.count else {
                                throw LinkError("\(origin(f)): \(what): label depth \(n) out of range")
                            }
                            return i
                        }
                    case .field:
                        guard case .name(let n) = i else { return i }
                        guard let t = context?.number, let k = groups[groupOfType[Int(t)]].defs[Int(t) - groups[groupOfType[Int(t)]].first].fieldNames.firstIndex(of: n) else {
                            throw LinkError("\(origin(f)): \(what): the struct type has no field $\(n)")
                        }
                        return .index(UInt32(k))
                    }
                }
                if ins.op == .end {
                    guard !labels.isEmpty else { throw LinkError("\(origin(f)): \(what): 'end' without a block to close (instruction \(pc))") }
                    labels.removeLast()
                }
            }
            out.append(r)
        }
        if !labels.isEmpty { throw LinkError("\(origin(f)): \(what): \(labels.count) block(s) not closed by 'end'") }
        return out
    }

    mutating func resolveDefinitions() throws {
        for (f, m) in mods.enumerated() {
            for (p, fn) in m.functions.enumerated() {
                let id = spaces[0].local[f][m.imports.filter { $0.kind == .function }.count + p]
                let what = "function \(fn.name.map { "$" + $0 } ?? "#\(p)")"
                let t = try resolveTypeUse(fn.type, f, what: what)
                funcTypes[id] = t
                guard let ft = funcType(ofType: t) else { throw LinkError("\(origin(f)): \(what): not a func type") }
                var scope = FunctionScope(localNames: [:], localCount: ft.params.count + fn.locals.count)
                var names: NameMap = []
                for (k, n) in fn.type.paramNames.enumerated() where k < ft.params.count {
                    if let n = n {
                        if scope.localNames[n] != nil { throw LinkError("\(origin(f)): \(what): local $\(n) defined twice") }
                        scope.localNames[n] = k
                        names.append((UInt32(k), n))
                    }
                }
                for (k, l) in fn.locals.enumerated() {
                    if let n = l.name {
                        if scope.localNames[n] != nil { throw LinkError("\(origin(f)): \(what): local $\(n) defined twice") }
                        scope.localNames[n] = ft.params.count + k
                        names.append((UInt32(ft.params.count + k), n))
                    }
                }
                let locals = try fn.locals.map { try $0.type.mapTypes { flat(try resolveType($0, f)) } }
                let body = try resolveCode(fn.body, f, scope: &scope, what: what)
                funcBodies[id] = WasmFunction(type: flat(t), locals: locals, body: body)
                if !names.isEmpty { funcLocalNames[id] = names }
                // Label names, numbered by the block's position among all blocks.
                var labelNames: NameMap = []
                var blocks: UInt32 = 0
                for ins in fn.body {
                    guard case .block(_, let label) = ins.immediate else { continue }
                    if let l = label { labelNames.append((blocks, l)) }
                    blocks += 1
                }
                if !labelNames.isEmpty { funcLabelNames[id] = labelNames }
            }
            func localId(_ k: Space.Kind, _ p: Int) -> Int {
                spaces[k.rawValue].local[f][m.imports.filter { Linker.spaceKind($0.kind) == k }.count + p]
            }
            for (p, t) in m.tables.enumerated() {
                let type = try t.type.mapTypes { flat(try resolveType($0, f)) }
                let e = try t.initializer.map { try resolveExpression($0, f, what: "table initializer") }
                tableDefs[localId(.table, p)] = Table(type, initializer: e)
            }
            for (p, x) in m.memories.enumerated() { memoryDefs[localId(.memory, p)] = x.type }
            for (p, g) in m.globals.enumerated() {
                let type = try g.type.mapTypes { flat(try resolveType($0, f)) }
                let what = "global \(g.name.map { "$" + $0 } ?? "#\(p)")"
                globalDefs[localId(.global, p)] = WasmGlobal(type, initializer: try resolveExpression(g.initializer, f, what: what))
            }
            for (p, e) in m.elements.enumerated() {
                var s = e.segment
                if case .active(let table, let offset) = s.mode {
                    s.mode = .active(flat(try resolve(.table, table, f)), offset: try resolveExpression(offset, f, what: "element offset"))
                }
                switch s.items {
                case .functions(let fs): s.items = .functions(try fs.map { flat(try resolve(.function, $0, f)) })
                case .expressions(let t, let es):
                    s.items = .expressions(try t.mapTypes { flat(try resolveType($0, f)) },
                                           try es.map { try resolveExpression($0, f, what: "element expression") })
                }
                elemDefs[spaces[Space.Kind.element.rawValue].local[f][p]] = s
            }
            for (p, d) in m.data.enumerated() {
                var s = d.segment
                if case .active(let mem, let offset) = s.mode {
                    s.mode = .active(flat(try resolve(.memory, mem, f)), offset: try resolveExpression(offset, f, what: "data offset"))
                }
                dataDefs[spaces[Space.Kind.data.rawValue].local[f][p]] = s
            }
            for e in m.exports {
                guard let k = Linker.spaceKind(e.kind) else { throw LinkError("\(origin(f)): export \"\(e.name)\": tags are not supported") }
                if exports.contains(where: { $0.name == e.name }) { throw LinkError("\(origin(f)): duplicate export \"\(e.name)\"") }
                exports.append(Export(e.name, e.kind, flat(try resolve(k, e.index, f))))
            }
            if let s = m.start {
                let id = try resolve(.function, s, f)
                if let old = start, old != id { throw LinkError("\(origin(f)): a second start function") }
                start = id
            }
            for (space, i) in m.roots {
                switch space {
                case .function: roots.append((.function, try resolve(.function, i, f)))
                case .global: roots.append((.global, try resolve(.global, i, f)))
                case .table: roots.append((.table, try resolve(.table, i, f)))
                case .memory: roots.append((.memory, try resolve(.memory, i, f)))
                case .data: roots.append((.data, try resolve(.data, i, f)))
                case .element: roots.append((.element, try resolve(.element, i, f)))
                default: throw LinkError("\(origin(f)): a root must be a function, global, table, memory or segment")
                }
            }
        }
    }

    static func spaceKind(_ k: ExternalKind) -> Space.Kind? {
        switch k {
        case .function: return .function
        case .table: return .table
        case .memory: return .memory
        case .global: return .global
        case .tag: return nil
        }
    }

    // MARK: Tree shaking

    struct Kept {
        var types = Set<Int>()
        var spaces: [Set<Int>] = Array(repeating: [], count: Space.Kind.allCases.count)
    }

    func isDeclarative(_ e: Int) -> Bool {
        if case .declarative = elemDefs[e]?.mode { return true }
        return false
    }

    func shake() throws -> Kept {
        var kept = Kept()
        var work: [(Space.Kind?, Int)] = [] // nil kind: a type

        func markType(_ t: Int) {
            let g = groupOfType[t]
            let first = groups[g].first
            if kept.types.contains(first) { return }
            for k in 0..<groups[g].defs.count {
                kept.types.insert(first + k)
                work.append((nil, first + k))
            }
        }
        func mark(_ k: Space.Kind, _ id: Int) {
            if kept.spaces[k.rawValue].insert(id).inserted { work.append((k, id)) }
        }
        func markCode(_ code: [Instruction]) {
            for ins in code {
                ins.forEachIndex { space, i, _ in
                    guard let n = i.number.map(Int.init) else { return }
                    switch space {
                    case .type: markType(n)
                    case .function: mark(.function, n)
                    case .table: mark(.table, n)
                    case .memory: mark(.memory, n)
                    case .global: mark(.global, n)
                    case .element: mark(.element, n)
                    case .data: mark(.data, n)
                    default: break
                    }
                }
            }
        }
        func markValType(_ v: ValType) { _ = v.mapTypes { i in markType(Int(i.number!)); return i } }
        func markImport(_ imp: Import) {
            switch imp.descriptor {
            case .function(let t): markType(Int(t.number!))
            case .table(let t): _ = t.mapTypes { i in markType(Int(i.number!)); return i }
            case .memory: break
            case .global(let g): markValType(g.type)
            }
        }

        if options.treeShake {
            for e in exports { mark(Linker.spaceKind(e.kind)!, Int(e.index.number!)) }
            if let s = start { mark(.function, s) }
            for (k, id) in roots { mark(k, id) }
        } else {
            for k in Space.Kind.allCases { for id in spaces[k.rawValue].items.indices { mark(k, id) } }
            for t in groupOfType.indices { markType(t) }
        }

        while true {
            while let (k, id) = work.popLast() {
                guard let kind = k else {
                    let g = groups[groupOfType[id]]
                    for r in g.resolved[id - g.first].referencedTypes { markType(Int(r.number!)) }
                    continue
                }
                if let imp = importDefs[kind.rawValue]?[id] { markImport(imp); continue }
                switch kind {
                case .function:
                    markType(funcTypes[id])
                    if let b = funcBodies[id] {
                        b.locals.forEach(markValType)
                        markCode(b.body)
                    }
                case .table:
                    if let t = tableDefs[id] {
                        _ = t.type.mapTypes { i in markType(Int(i.number!)); return i }
                        if let e = t.initializer { markCode(e) }
                    }
                case .memory: break
                case .global:
                    if let g = globalDefs[id] {
                        markValType(g.type.type)
                        markCode(g.initializer)
                    }
                case .element:
                    guard let e = elemDefs[id] else { break }
                    if case .active(let t, let offset) = e.mode {
                        mark(.table, Int(t.number!))
                        markCode(offset)
                    }
                    if case .declarative = e.mode { break } // declares, reaches nothing
                    switch e.items {
                    case .functions(let fs): for f in fs { mark(.function, Int(f.number!)) }
                    case .expressions(let t, let es):
                        _ = t.mapTypes { i in markType(Int(i.number!)); return i }
                        es.forEach(markCode)
                    }
                case .data:
                    if case .active(let mem, let offset)? = dataDefs[id]?.mode {
                        mark(.memory, Int(mem.number!))
                        markCode(offset)
                    }
                }
            }
            // Active segments follow their table or memory.
            var more = false
            for (id, e) in elemDefs where !kept.spaces[Space.Kind.element.rawValue].contains(id) {
                if case .active(let t, _) = e.mode, kept.spaces[Space.Kind.table.rawValue].contains(Int(t.number!)) {
                    mark(.element, id); more = true
                }
            }
            for (id, d) in dataDefs where !kept.spaces[Space.Kind.data.rawValue].contains(id) {
                if case .active(let mem, _) = d.mode, kept.spaces[Space.Kind.memory.rawValue].contains(Int(mem.number!)) {
                    mark(.data, id); more = true
                }
            }
            if !more { break }
        }
        // Declarative segments: kept (in shaking mode) when they still declare a kept function.
        if options.treeShake {
            let keptFuncs = kept.spaces[Space.Kind.function.rawValue]
            for (id, e) in elemDefs {
                guard case .declarative = e.mode else { continue }
                var uses: [Int] = []
                switch e.items {
                case .functions(let fs): uses = fs.map { Int($0.number!) }
                case .expressions(_, let es):
                    for x in es { for i in x { if i.op == .refFunc, case .index(let n) = i.immediate { uses.append(Int(n.number!)) } } }
                }
                if uses.contains(where: keptFuncs.contains) {
                    kept.spaces[Space.Kind.element.rawValue].insert(id)
                    if case .expressions(let t, _) = e.items { _ = t.mapTypes { i in markType(Int(i.number!)); return i } }
                    while let (k, tid) = work.popLast() {
                        if k == nil {
                            let g = groups[groupOfType[tid]]
                            for r in g.resolved[tid - g.first].referencedTypes { markType(Int(r.number!)) }
                        }
                    }
                }
            }
        }
        return kept
    }

    // MARK: Order, renumber, emit

    // Exports are handled outside `emit`: the Swift 6.3 optimizer (CopyPropagation)
    // crashed on loops over them inside that long function.
    func renumberedExports(_ finalIndex: [[Int: UInt32]]) -> [Export] {
        exports.map { e in
            let k = Linker.spaceKind(e.kind)!.rawValue
            return Export(e.name, e.kind, .index(finalIndex[k][Int(e.index.number!)]!))
        }
    }

    func exportedFunctions(_ es: [Export]) -> Set<UInt32> {
        Set(es.filter { $0.kind == .function }.map { $0.index.number! })
    }

    func orderGroups(_ kept: Kept) throws -> [Int] {
        let keptGroups = groups.indices.filter { kept.types.contains(groups[$0].first) }
        var deps: [Int: Set<Int>] = [:]
        for g in keptGroups {
            var d = Set<Int>()
            for s in groups[g].resolved { for r in s.referencedTypes { let h = groupOfType[Int(r.number!)]; if h != g { d.insert(h) } } }
            deps[g] = d
        }
        var placed = Set<Int>()
        var order: [Int] = []
        var pending = keptGroups
        while !pending.isEmpty {
            guard let k = pending.firstIndex(where: { deps[$0]!.isSubset(of: placed) }) else {
                let names = pending.compactMap { groups[$0].defs.compactMap(\.name).first }.prefix(4).map { "$" + $0 }
                throw LinkError("types \(names.joined(separator: ", ")) refer to each other across rec groups; put them in one (rec ...)")
            }
            let g = pending.remove(at: k)
            placed.insert(g)
            order.append(g)
        }
        return order
    }

    func emit(_ kept: Kept) throws -> WasmModule {
        var m = WasmModule()
        // Types.
        var typeIndex: [Int: UInt32] = [:]
        let order = try orderGroups(kept)
        var next: UInt32 = 0
        for g in order {
            for k in groups[g].defs.indices { typeIndex[groups[g].first + k] = next; next += 1 }
        }
        func T(_ i: Idx) -> Idx { .index(typeIndex[Int(i.number!)]!) }
        for g in order { m.types.append(RecGroup(groups[g].resolved.map { $0.mapTypes(T) }, explicitRec: groups[g].explicitRec)) }

        // Other spaces: imports first, each in input order.
        var finalIndex: [[Int: UInt32]] = Array(repeating: [:], count: Space.Kind.allCases.count)
        var orderOf: [[Int]] = Array(repeating: [], count: Space.Kind.allCases.count)
        var keptImports: [(frag: Int, position: Int, kind: Space.Kind, id: Int)] = []
        for k in Space.Kind.allCases {
            let s = spaces[k.rawValue]
            let keptIds = s.items.indices.filter { kept.spaces[k.rawValue].contains($0) }
            let ids = keptIds.filter { s.items[$0].imported } + keptIds.filter { !s.items[$0].imported }
            for (n, id) in ids.enumerated() { finalIndex[k.rawValue][id] = UInt32(n) }
            orderOf[k.rawValue] = ids
            for id in keptIds where s.items[id].imported { keptImports.append((s.items[id].frag, s.items[id].position, k, id)) }
        }
        keptImports.sort { ($0.frag, $0.position) < ($1.frag, $1.position) }
        func remapCode(_ code: [Instruction]) -> [Instruction] {
            code.map { ins in
                ins.mapIndices { space, i, _ in
                    guard let n = i.number.map(Int.init) else { return i }
                    switch space {
                    case .type: return T(i)
                    case .function: return .index(finalIndex[0][n]!)
                    case .table: return .index(finalIndex[1][n]!)
                    case .memory: return .index(finalIndex[2][n]!)
                    case .global: return .index(finalIndex[3][n]!)
                    case .element: return .index(finalIndex[4][n]!)
                    case .data: return .index(finalIndex[5][n]!)
                    default: return i
                    }
                }
            }
        }
        func remapImport(_ imp: Import) -> Import {
            var r = imp
            switch imp.descriptor {
            case .function(let t): r.descriptor = .function(T(t))
            case .table(let t): r.descriptor = .table(t.mapTypes(T))
            case .memory: break
            case .global(let g): r.descriptor = .global(g.mapTypes(T))
            }
            return r
        }
        for imp in keptImports { m.imports.append(remapImport(importDefs[imp.kind.rawValue]![imp.id]!)) }

        var referencedData = false
        for id in orderOf[0] where !spaces[0].items[id].imported {
            var f = funcBodies[id]!
            f.type = T(f.type)
            f.locals = f.locals.map { $0.mapTypes(T) }
            f.body = remapCode(f.body)
            if !referencedData {
                for ins in f.body {
                    switch ins.op {
                    case .memoryInit, .dataDrop, .arrayNewData, .arrayInitData: referencedData = true
                    default: continue
                    }
                    break
                }
            }
            m.functions.append(f)
        }
        for id in orderOf[1] where !spaces[1].items[id].imported {
            var t = tableDefs[id]!
            t.type = t.type.mapTypes(T)
            t.initializer = t.initializer.map(remapCode)
            m.tables.append(t)
        }
        for id in orderOf[2] where !spaces[2].items[id].imported { m.memories.append(memoryDefs[id]!) }
        for id in orderOf[3] where !spaces[3].items[id].imported {
            var g = globalDefs[id]!
            g.type = g.type.mapTypes(T)
            g.initializer = remapCode(g.initializer)
            m.globals.append(g)
        }
        m.exports = renumberedExports(finalIndex)
        if let s = start { m.start = .index(finalIndex[0][s]!) }

        // Element segments; declarative ones lose the functions that were dropped.
        let keptFuncs = finalIndex[0]
        var declared = Set<UInt32>()
        for id in orderOf[4] {
            var e = elemDefs[id]!
            if case .active(let t, let offset) = e.mode { e.mode = .active(.index(finalIndex[1][Int(t.number!)]!), offset: remapCode(offset)) }
            switch e.items {
            case .functions(let fs):
                let live = fs.filter { keptFuncs[Int($0.number!)] != nil }
                e.items = .functions(live.map { .index(keptFuncs[Int($0.number!)]!) })
            case .expressions(let t, let es):
                let live = es.filter { x in x.allSatisfy { i in i.op != .refFunc || keptFuncs[Int(i.immediate.indexValue!.number!)] != nil } }
                e.items = .expressions(t.mapTypes(T), live.map(remapCode))
            }
            switch e.items {
            case .functions(let fs): for f in fs { declared.insert(f.number!) }
            case .expressions(_, let es): for x in es { for i in x where i.op == .refFunc { declared.insert(i.immediate.indexValue!.number!) } }
            }
            m.elements.append(e)
        }
        declared.formUnion(exportedFunctions(m.exports))
        for g in m.globals { for i in g.initializer where i.op == .refFunc { declared.insert(i.immediate.indexValue!.number!) } }
        for t in m.tables { for i in t.initializer ?? [] where i.op == .refFunc { declared.insert(i.immediate.indexValue!.number!) } }
        var undeclared = Set<UInt32>()
        for f in m.functions { for i in f.body where i.op == .refFunc { let n = i.immediate.indexValue!.number!; if !declared.contains(n) { undeclared.insert(n) } } }
        if !undeclared.isEmpty {
            m.elements.append(ElementSegment(.declarative, .functions(undeclared.sorted().map { .index($0) })))
        }

        for id in orderOf[5] {
            var d = dataDefs[id]!
            if case .active(let mem, let offset) = d.mode { d.mode = .active(.index(finalIndex[2][Int(mem.number!)]!), offset: remapCode(offset)) }
            m.data.append(d)
        }
        if referencedData { m.dataCount = UInt32(m.data.count) }

        m.customSections = mods.flatMap(\.customSections)
        if options.nameSection {
            var n = NameSection()
            n.module = options.moduleName ?? mods.first(where: { $0.name != nil })?.name
            for g in order {
                for (k, d) in groups[g].defs.enumerated() {
                    let ti = typeIndex[groups[g].first + k]!
                    if let name = d.name { n.types.append((ti, name)) }
                    let fields = d.fieldNames.enumerated().compactMap { j, fname in fname.map { (UInt32(j), $0) } }
                    if !fields.isEmpty { n.fields.append((ti, fields)) }
                }
            }
            n.types.sort { $0.index < $1.index }
            n.fields.sort { $0.index < $1.index }
            func names(_ k: Space.Kind) -> NameMap {
                orderOf[k.rawValue].enumerated().compactMap { fi, id in spaces[k.rawValue].items[id].name.map { (UInt32(fi), $0) } }
            }
            n.functions = names(.function)
            n.tables = names(.table)
            n.memories = names(.memory)
            n.globals = names(.global)
            n.elements = names(.element)
            n.data = names(.data)
            for (fi, id) in orderOf[0].enumerated() {
                if let l = funcLocalNames[id] { n.locals.append((UInt32(fi), l)) }
                if let l = funcLabelNames[id] { n.labels.append((UInt32(fi), l)) }
            }
            if !n.isEmpty { m.names = n }
        }
        return m
    }
}

extension WasmImmediate {
    /// The index of a single-index immediate.
    public var indexValue: Idx? {
        if case .index(let i) = self { return i }
        return nil
    }
}
