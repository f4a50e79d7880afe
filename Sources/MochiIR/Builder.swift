// A cursor for building a function: it remembers the current block and location so
// the lowering can emit instructions one call at a time, and it refuses (by
// returning a fresh dead block) to append after a terminator, which keeps lowering
// of `return`/`break` in the middle of a block simple.

public struct FunctionBuilder {
    public let function: Function
    public private(set) var current: Block
    public var loc: SourceLoc = .unknown
    /// Blocks already given a terminator.
    private var sealed: Set<Int32> = []

    public init(_ function: Function) {
        self.function = function
        if let e = function.entry {
            current = e
        } else {
            let e = function.makeBlock(params: function.paramTypes)
            function.layout.append(e)
            current = e
        }
    }

    public var entryParams: [Value] { function[function.layout[0]].params }

    /// True once the current block has its terminator (code after it is dead).
    public var isTerminated: Bool { sealed.contains(current.index) }

    /// A new block, placed at the end of the layout.
    public mutating func makeBlock(params: [IRType] = []) -> Block {
        let b = function.makeBlock(params: params)
        function.layout.append(b)
        return b
    }

    public func params(of b: Block) -> [Value] { function[b].params }

    public mutating func switchTo(_ b: Block) { current = b }

    /// Emits an instruction with a result of `type`.
    @discardableResult
    public mutating func emit(_ op: Opcode, _ type: IRType, _ args: [Value] = [], imm: Immediate = .none) -> Value {
        ensureOpen()
        let id = function.append(to: current, op, type: type, args: args, imm: imm, loc: loc)
        return function[id].result!
    }

    /// Emits an instruction that defines no value.
    public mutating func emitVoid(_ op: Opcode, _ args: [Value] = [], imm: Immediate = .none) {
        ensureOpen()
        function.append(to: current, op, type: nil, args: args, imm: imm, loc: loc)
    }

    public mutating func terminate(_ t: Terminator) {
        ensureOpen()
        function[current].terminator = t
        function[current].terminatorLoc = loc
        sealed.insert(current.index)
    }

    public mutating func jump(_ b: Block, _ args: [Value] = []) { terminate(.jump(BlockCall(b, args))) }

    public mutating func brif(_ c: Value, _ t: Block, _ targs: [Value] = [], _ e: Block, _ eargs: [Value] = []) {
        terminate(.brif(c, BlockCall(t, targs), BlockCall(e, eargs)))
    }

    public mutating func ret(_ v: Value?) { terminate(.ret(v)) }

    /// After a terminator, further code goes to an unreachable block that
    /// CFG simplification removes.
    private mutating func ensureOpen() {
        if sealed.contains(current.index) {
            current = makeBlock()
        }
    }

    // Small conveniences for constants.
    public mutating func iconst(_ v: Int64) -> Value { emit(.iconst, .i64, imm: .int(v)) }
    public mutating func fconst(_ v: Double) -> Value { emit(.fconst, .f64, imm: .double(v)) }
    public mutating func bconst(_ v: Bool) -> Value { emit(.bconst, .bool, imm: .int(v ? 1 : 0)) }
    public mutating func sconst(_ s: String) -> Value { emit(.sconst, .str, imm: .string(s)) }
}
