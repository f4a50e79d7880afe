// The in-memory IR: a module of named types, globals and functions; a function is
// typed SSA over basic blocks with block parameters (no phis) and explicit terminators.
//
// Entities are typed integer ids into arrays, as in Cranelift: `Value` indexes the
// function's value table (its type and where it is defined), `Block` its block table,
// `InstID` its instruction table. What exists (the tables) is kept apart from the
// order it runs in (`Function.layout` and each block's `insts`), so passes can
// delete or reorder without renumbering; the printer renumbers canonically.

/// A source position (1-based); line 0 means unknown.
public struct SourceLoc: Hashable, Sendable {
    public var line: UInt32
    public var column: UInt32
    public init(line: UInt32, column: UInt32) { self.line = line; self.column = column }
    public static let unknown = SourceLoc(line: 0, column: 0)
    public var isKnown: Bool { line != 0 }
}

public struct Value: Hashable, Comparable, Sendable {
    public var index: Int32
    public init(_ index: Int32) { self.index = index }
    public static func < (a: Value, b: Value) -> Bool { a.index < b.index }
}

public struct Block: Hashable, Comparable, Sendable {
    public var index: Int32
    public init(_ index: Int32) { self.index = index }
    public static func < (a: Block, b: Block) -> Bool { a.index < b.index }
}

public struct InstID: Hashable, Comparable, Sendable {
    public var index: Int32
    public init(_ index: Int32) { self.index = index }
    public static func < (a: InstID, b: InstID) -> Bool { a.index < b.index }
}

/// A field of a struct (`variant == -1`) or of a union variant, by index.
public struct FieldRef: Hashable, Sendable {
    public var typeName: String
    public var variant: Int32
    public var field: Int32
    public init(typeName: String, variant: Int32, field: Int32) {
        self.typeName = typeName; self.variant = variant; self.field = field
    }
}

/// A variant of a union, by index.
public struct VariantRef: Hashable, Sendable {
    public var typeName: String
    public var variant: Int32
    public init(typeName: String, variant: Int32) { self.typeName = typeName; self.variant = variant }
}

/// The immediate operand of an instruction; its case must match the opcode's
/// `ImmediateKind`. Floats are kept as bit patterns so NaN constants compare equal.
public enum Immediate: Hashable, Sendable {
    case none
    case int(Int64)
    case float(UInt64)
    case string(String)
    case cond(CondCode)
    case field(FieldRef)
    case variant(VariantRef)
    case function(String)
    case global(String)

    public var kind: ImmediateKind {
        switch self {
        case .none: return .none
        case .int: return .int
        case .float: return .float
        case .string: return .string
        case .cond: return .cond
        case .field: return .field
        case .variant: return .variant
        case .function: return .function
        case .global: return .global
        }
    }

    public static func double(_ d: Double) -> Immediate { .float(d.bitPattern) }
}

public struct Inst: Hashable, Sendable {
    public var op: Opcode
    public var result: Value?
    public var args: [Value]
    public var imm: Immediate
    public var loc: SourceLoc
    /// On list.get and list.set only (the verifier refuses it elsewhere): a pass has
    /// proved the index in [0, len) of the list at this point, so the access cannot
    /// trap and never counts from the end. Printed `list.get inbounds v1, v2`. No
    /// backend has to read it (ignoring it keeps the checked access, still correct);
    /// a pass that rebuilds an instruction drops it, which is always safe. The
    /// verifier refuses a mark that provedInBoundsAccesses does not give.
    public var inBounds: Bool
    public init(op: Opcode, result: Value?, args: [Value], imm: Immediate = .none, loc: SourceLoc = .unknown,
                inBounds: Bool = false) {
        self.op = op; self.result = result; self.args = args; self.imm = imm; self.loc = loc
        self.inBounds = inBounds
    }
}

/// A jump target with the values passed to the target block's parameters.
public struct BlockCall: Hashable, Sendable {
    public var block: Block
    public var args: [Value]
    public init(_ block: Block, _ args: [Value] = []) { self.block = block; self.args = args }
}

/// How a block ends. Every block has exactly one.
public enum Terminator: Hashable, Sendable {
    case jump(BlockCall)
    /// Branch on a bool: the first target when true.
    case brif(Value, BlockCall, BlockCall)
    /// Return the value, or nothing from a unit function.
    case ret(Value?)
    /// Never reached (after a call that cannot return, such as panic).
    case unreachable

    @inlinable public var successors: [BlockCall] {
        switch self {
        case .jump(let c): return [c]
        case .brif(_, let t, let e): return [t, e]
        case .ret, .unreachable: return []
        }
    }

    /// Values the terminator reads.
    @inlinable public var uses: [Value] {
        switch self {
        case .jump(let c): return c.args
        case .brif(let v, let t, let e): return [v] + t.args + e.args
        case .ret(let v): return v.map { [$0] } ?? []
        case .unreachable: return []
        }
    }

    /// Calls `body` with each value the terminator reads, in `uses` order, without
    /// building the array `uses` does (up to three allocations for a branch, which
    /// the JIT's compile time and the passes' walks would pay per block).
    @inlinable
    public func forEachUse(_ body: (Value) -> Void) {
        switch self {
        case .jump(let c): for a in c.args { body(a) }
        case .brif(let v, let t, let e):
            body(v)
            for a in t.args { body(a) }
            for a in e.args { body(a) }
        case .ret(let v): if let v { body(v) }
        case .unreachable: break
        }
    }
}

public struct BlockData: Hashable, Sendable {
    public var params: [Value]
    public var insts: [InstID]
    public var terminator: Terminator
    public var terminatorLoc: SourceLoc
    public init(params: [Value] = [], insts: [InstID] = [], terminator: Terminator = .unreachable,
                terminatorLoc: SourceLoc = .unknown) {
        self.params = params; self.insts = insts; self.terminator = terminator
        self.terminatorLoc = terminatorLoc
    }
}

/// Where a value comes from.
public enum ValueDef: Hashable, Sendable {
    case param(Block, Int)
    case inst(InstID)
}

public final class Function {
    public var name: String
    /// Parameter types; they are the entry block's parameters.
    public var paramTypes: [IRType]
    public var returnType: IRType
    public var loc: SourceLoc
    /// The type of each value, by `Value.index`.
    public var valueTypes: [IRType] = []
    public var valueDefs: [ValueDef] = []
    public var insts: [Inst] = []
    public var blocks: [BlockData] = []
    /// The order blocks run in when laid out; the first is the entry block.
    public var layout: [Block] = []

    public init(name: String, paramTypes: [IRType], returnType: IRType, loc: SourceLoc = .unknown) {
        self.name = name; self.paramTypes = paramTypes; self.returnType = returnType; self.loc = loc
    }

    @inlinable public var entry: Block? { layout.first }

    @inlinable public func type(of v: Value) -> IRType { valueTypes[Int(v.index)] }

    // The entity subscripts borrow (`_read`) and mutate in place (`_modify`) rather
    // than get/set: with get/set, `f[b].params` copies the whole BlockData (retaining
    // each of its arrays) and `f[b].terminator = t` copies it out and back; these
    // accessors are on every hot path of the lowering, the passes and the printer.
    // They are inlinable: called across modules (the interpreter's decoder, the
    // JIT) a `_read` coroutine would otherwise malloc and free a frame per access.

    @inlinable public subscript(b: Block) -> BlockData {
        _read { yield blocks[Int(b.index)] }
        _modify { yield &blocks[Int(b.index)] }
    }

    @inlinable public subscript(i: InstID) -> Inst {
        _read { yield insts[Int(i.index)] }
        _modify { yield &insts[Int(i.index)] }
    }

    public func makeValue(_ type: IRType, _ def: ValueDef) -> Value {
        let v = Value(Int32(valueTypes.count))
        valueTypes.append(type)
        valueDefs.append(def)
        return v
    }

    /// Creates a block (not yet placed in the layout) with parameters of these types.
    public func makeBlock(params: [IRType] = []) -> Block {
        let b = Block(Int32(blocks.count))
        blocks.append(BlockData())
        blocks[Int(b.index)].params = params.enumerated().map { makeValue($0.element, .param(b, $0.offset)) }
        return b
    }

    /// Adds an instruction at the end of a block and returns it; the result value (if
    /// the type is given) is created too.
    @discardableResult
    public func append(to block: Block, _ op: Opcode, type: IRType?, args: [Value],
                       imm: Immediate = .none, loc: SourceLoc = .unknown) -> InstID {
        let id = InstID(Int32(insts.count))
        let result = type.map { makeValue($0, .inst(id)) }
        insts.append(Inst(op: op, result: result, args: args, imm: imm, loc: loc))
        // A block's first instruction reserves room for a few more: growing the list
        // from one element by doubling cost an allocation per step.
        if blocks[Int(block.index)].insts.isEmpty { blocks[Int(block.index)].insts.reserveCapacity(8) }
        blocks[Int(block.index)].insts.append(id)
        return id
    }

    /// Every instruction in layout order.
    public var orderedInsts: [InstID] { layout.flatMap { blocks[Int($0.index)].insts } }
}

public struct Global: Hashable, Sendable {
    public var name: String
    public var type: IRType
    public init(name: String, type: IRType) { self.name = name; self.type = type }
}

public final class Module {
    /// The Mochi source file the module was lowered from (for diagnostics and #line).
    public var sourceFile: String
    public var types: [TypeDecl] = []
    public var globals: [Global] = []
    public var functions: [Function] = []

    public init(sourceFile: String = "") { self.sourceFile = sourceFile }

    public func typeDecl(named n: String) -> TypeDecl? { types.first { $0.name == n } }
    public func function(named n: String) -> Function? { functions.first { $0.name == n } }
    public func global(named n: String) -> Global? { globals.first { $0.name == n } }

    /// Name-to-index maps for readers and passes that look names up often.
    public func symbolIndex() -> SymbolIndex { SymbolIndex(self) }
}

/// Name lookups over a module, built once (never iterated while printing).
public struct SymbolIndex {
    public let types: [String: Int]
    public let functions: [String: Int]
    public let globals: [String: Int]
    public init(_ m: Module) {
        // (Sized up front, and filled from the end so that the first of a
        // name wins with one hash per entry: a JIT compile of a large
        // program builds this index before anything else.)
        var t: [String: Int] = [:], f: [String: Int] = [:], g: [String: Int] = [:]
        t.reserveCapacity(m.types.count); f.reserveCapacity(m.functions.count); g.reserveCapacity(m.globals.count)
        for i in m.types.indices.reversed() { t[m.types[i].name] = i }
        for i in m.functions.indices.reversed() { f[m.functions[i].name] = i }
        for i in m.globals.indices.reversed() { g[m.globals[i].name] = i }
        types = t; functions = f; globals = g
    }
}
