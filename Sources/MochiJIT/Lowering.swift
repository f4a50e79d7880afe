// IR -> stencil instructions. The same translation the interpreter's decoder does
// (MochiInterp/Decoder.swift), so a JIT frame is an interpreter frame: every SSA
// value gets one 8-byte slot (parameters first, so a call moves its arguments
// into slots 0..n-1 of the callee frame, which starts right after the caller's);
// block parameters become moves on edges (parallel copies sequentialised, with a
// temporary per cycle); a jump to the next block is dropped; an icmp/fcmp that
// only feeds the block's branch is fused into it; an integer constant operand of
// iadd/isub/imul/icmp (and a constant divisor of idiv/irem) becomes a 64-bit
// immediate. A last peephole is the register cache: an integer result whose
// only use is the first operand of the very next stencil (not a branch target)
// travels in the accumulator register instead of its frame slot (`_ra` producer,
// `_ba` consumer variants). Variadic ops (list.new,
// struct.new, closures, closure calls) first move their operands into the
// frame's gather area. Each instruction names its stencil and the values of its
// operand holes; code addresses (continuation, branch target, callee) are filled
// at layout (Compiler.swift).
//
// `stencilNames(for:)` is the exhaustive table from IR opcode to the stencils
// that implement it; a test checks every name exists in the library, so an op
// without a stencil fails the build's tests, never a run.

import MochiIR
import MochiJITSupport
import MochiRuntime

/// One stencil instance: which stencil, its operand values, and where it jumps.
struct JInst {
    var stencil: Int32
    var line: Int32
    var a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, d: Int32 = 0
    var n: Int32 = 0, kind: Int32 = 0, kind2: Int32 = 0
    var imm: Int64 = 0, imm2: Int64 = 0, fn: Int64 = 0
    /// Branch target: a block index while lowering, an instruction index after.
    var target: Int32 = -1
    var callee: Int32 = -1
    /// A is relative to the gather area (1) or to the callee frame (2), resolved
    /// once the frame size is known.
    var aBase: UInt8 = 0
    init(_ stencil: Int32, line: Int32) { self.stencil = stencil; self.line = line }
}

/// A lowered function.
struct JFunction {
    var name: String
    var insts: [JInst]
    /// Slots in one frame (values, edge temporaries, gather area).
    var frameSlots: Int
    var gatherBase: Int
}

public struct JITError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The stencils implementing each IR opcode (all variants).
public func stencilNames(for op: Opcode) -> [String] {
    let conds = ["eq", "ne", "lt", "le", "gt", "ge"]
    switch op {
    case .iconst, .fconst, .bconst, .null: return ["const"]
    case .sconst: return ["load_abs"]
    case .copy: return ["move"]
    case .iadd: return ["iadd", "iadd_i"]
    case .isub: return ["isub", "isub_i"]
    case .imul: return ["imul", "imul_i"]
    case .idiv: return ["idiv", "idiv_i"]
    case .irem: return ["irem", "irem_i"]
    case .ineg: return ["ineg"]
    case .icmp: return conds.flatMap { ["icmp_\($0)", "icmp_i_\($0)", "br_icmp_\($0)", "br_icmp_i_\($0)"] }
    case .not: return ["not"]
    case .fadd: return ["fadd"]
    case .fsub: return ["fsub"]
    case .fmul: return ["fmul"]
    case .fdiv: return ["fdiv"]
    case .frem: return ["frem"]
    case .fneg: return ["fneg"]
    case .fcmp: return conds.flatMap { ["fcmp_\($0)", "br_fcmp_\($0)", "br_nfcmp_\($0)"] }
    case .itof: return ["itof"]
    case .ftoi: return ["ftoi"]
    case .math1: return ["math1", "sqrt"]
    case .math2: return ["math2"]
    case .box: return ["box"]
    case .unbox: return ["unbox", "unbox_ref"]
    case .anyAdd: return ["any_add"]
    case .anySub: return ["any_sub"]
    case .anyMul: return ["any_mul"]
    case .anyDiv: return ["any_div"]
    case .anyRem: return ["any_rem"]
    case .anyNeg: return ["any_neg"]
    case .anyCmp: return conds.map { "any_cmp_\($0)" }
    case .anyTruthy: return ["any_truthy"]
    case .anyIndex: return ["any_index"]
    case .anyField: return ["any_field"]
    case .anyLen: return ["any_len"]
    case .cmp: return conds.flatMap { ["cmp_ref_\($0)", "icmp_\($0)", "fcmp_\($0)"] }
    case .tostr: return ["tostr"]
    case .fmt: return ["fmt"]
    case .tojson: return ["tojson"]
    case .json: return ["json"]
    case .print: return ["print"]
    case .strConcat: return ["str_concat"]
    case .strLen: return ["str_len"]
    case .strIndex: return ["str_index"]
    case .strSlice: return ["str_slice"]
    case .strContains: return ["str_contains"]
    case .strFind: return ["str_find"]
    case .strUpper: return ["str_upper"]
    case .strLower: return ["str_lower"]
    case .strTrim: return ["str_trim"]
    case .strSplit: return ["str_split"]
    case .strJoin: return ["str_join"]
    case .strRepeat: return ["str_repeat"]
    case .strPadStart: return ["str_padstart"]
    case .strReverse: return ["str_reverse"]
    case .strToInt: return ["str_toint"]
    case .strToFloat: return ["str_tofloat"]
    case .strOrd: return ["str_ord"]
    case .strChr: return ["str_chr"]
    case .strHasPrefix: return ["str_hasprefix"]
    case .strHasSuffix: return ["str_hassuffix"]
    case .strParseBase: return ["str_parsebase"]
    case .listNew: return ["list_new", "move"]
    case .listLen: return ["list_len"]
    case .listGet: return ["list_get"]
    case .listSet: return ["list_set"]
    case .listPush: return ["list_push"]
    case .listAppend: return ["list_append"]
    case .listSlice: return ["list_slice"]
    case .listConcat, .listUnionAll: return ["list_concat"]
    case .listContains: return ["list_contains"]
    case .listReverse: return ["list_reverse"]
    case .listDistinct: return ["list_distinct"]
    case .listUnion: return ["list_union"]
    case .listExcept: return ["list_except"]
    case .listIntersect: return ["list_intersect"]
    case .listSum: return ["list_sum_i64", "list_sum_f64", "list_sum_any"]
    case .listAvg: return ["list_avg"]
    case .listMin: return ["list_min"]
    case .listMax: return ["list_max"]
    case .listSortBy: return ["list_sortby"]
    case .listRange: return ["list_range"]
    case .mapNew: return ["map_new", "move"]
    case .mapGet: return ["map_get"]
    case .mapGetAny: return ["map_getany"]
    case .mapSet: return ["map_set"]
    case .mapHas: return ["map_has"]
    case .mapLen: return ["map_len"]
    case .mapDelete: return ["map_delete"]
    case .mapKeys: return ["map_keys"]
    case .mapValues: return ["map_values"]
    case .structNew, .variantNew: return ["struct_new", "move"]
    case .fieldGet: return ["field_get"]
    case .fieldSet: return ["field_set"]
    case .structCopy: return ["struct_copy"]
    case .variantTag: return ["variant_tag"]
    case .call: return ["call", "call_void", "move"]
    case .callClosure: return ["call_closure", "call_closure_void", "move"]
    case .closureNew: return ["closure_new", "move"]
    case .globalGet: return ["load_abs"]
    case .globalSet: return ["store_abs"]
    case .groupNew: return ["group_new"]
    case .groupAdd: return ["group_add", "group_add_boxed"]
    case .groupResult: return ["group_result"]
    case .groupKey: return ["group_key"]
    case .groupItems: return ["group_items"]
    case .expect: return ["expect"]
    case .panic: return ["panic"]
    case .testBegin: return ["test_begin"]
    case .testEnd: return ["test_end"]
    }
}

/// Stencils for control flow that no opcode owns (terminators, edge moves).
public let controlStencilNames = ["jump", "br_true", "br_false", "ret", "ret_void", "unreachable", "move"]

/// The JIT's name for a libm function the IR's math1/math2 immediate names.
func libmName(_ s: String, arity: Int) -> String? {
    let one: Set<String> = ["sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp",
                            "log", "log2", "log10", "floor", "ceil", "fabs", "round", "trunc", "cbrt", "expm1", "log1p"]
    let two: [String: String] = ["pow": "pow", "atan2": "atan2", "fmod": "fmod", "mod": "fmod", "hypot": "hypot",
                                 "min": "fmin", "fmin": "fmin", "max": "fmax", "fmax": "fmax"]
    if arity == 1 { return s == "abs" ? "fabs" : (one.contains(s) ? s : nil) }
    return two[s]
}

/// Module-level data the lowering needs addresses of.
struct LoweringContext {
    let module: Module
    let symbols: SymbolIndex
    /// Stencil index by name, and name by index.
    let stencilIndex: [String: Int32]
    let stencilName: [String]
    /// Address of string constant i's slot / global i's slot / descriptor i.
    var stringSlot: (String) -> Int64
    var globalSlot: (Int) -> Int64
    var descriptor: (String, Int32) -> Int64?
    var cString: (String) -> Int64
    var bytes: (UnsafeMutableRawPointer) -> Void
}

private let condNames = ["eq", "ne", "lt", "le", "gt", "ge"]
private let condIndex: [CondCode: Int] = [.eq: 0, .ne: 1, .lt: 2, .le: 3, .gt: 4, .ge: 5]
private let condInverse: [Int] = [1, 0, 5, 4, 3, 2]
private let condSwapped: [Int] = [0, 1, 4, 5, 2, 3]

enum BranchCond {
    case slot(Int32)
    case icmp(Int, Int32, Int32)
    case icmpI(Int, Int32, Int64)
    case fcmp(Int, Int32, Int32)
}

struct FunctionLowering {
    let f: Function
    var ctx: LoweringContext
    var slot: [Int32]
    var nextSlot: Int32 = 0
    var useCount: [Int32]
    var constant: [Int64?]
    var elided: [Bool] = []
    var code: [JInst] = []
    var blockStart: [Int32]
    var maxGather = 0
    var line: Int32 = 0

    init(function: Function, context: LoweringContext) {
        f = function
        ctx = context
        let n = function.valueTypes.count
        slot = Array(repeating: -1, count: n)
        if let e = function.entry {
            for p in function[e].params where slot[Int(p.index)] < 0 { slot[Int(p.index)] = nextSlot; nextSlot += 1 }
        }
        for v in 0..<n where slot[v] < 0 { slot[v] = nextSlot; nextSlot += 1 }
        useCount = Array(repeating: 0, count: n)
        constant = Array(repeating: nil, count: n)
        blockStart = Array(repeating: -1, count: function.blocks.count)
        for b in function.layout {
            let bd = function[b]
            for id in bd.insts {
                let inst = function[id]
                for a in inst.args { useCount[Int(a.index)] += 1 }
                if inst.op == .iconst, let r = inst.result, case .int(let v) = inst.imm { constant[Int(r.index)] = v }
            }
            for a in bd.terminator.uses { useCount[Int(a.index)] += 1 }
        }
        var folded = Array(repeating: Int32(0), count: n)
        for b in function.layout {
            for id in function[b].insts {
                let inst = function[id]
                if let k = Self.foldedOperand(inst, constant, function) { folded[Int(inst.args[k].index)] += 1 }
            }
        }
        elided = (0..<n).map { constant[$0] != nil && useCount[$0] == folded[$0] }
    }

    static func foldedOperand(_ inst: Inst, _ constant: [Int64?], _ f: Function) -> Int? {
        func isConst(_ i: Int) -> Bool { constant[Int(inst.args[i].index)] != nil && f.type(of: inst.args[i]) == .i64 }
        switch inst.op {
        case .iadd, .imul, .icmp: return isConst(1) ? 1 : (isConst(0) ? 0 : nil)
        case .isub: return isConst(1) ? 1 : nil
        case .idiv, .irem: return isConst(1) ? 1 : nil
        default: return nil
        }
    }

    func s(_ v: Value) -> Int32 { slot[Int(v.index)] }
    func fail(_ msg: String) -> JITError { JITError("function @\(f.name): \(msg)") }

    func stencil(_ name: String) throws -> Int32 {
        guard let i = ctx.stencilIndex[name] else { throw JITError("the stencil library has no stencil '\(name)'") }
        return i
    }

    @discardableResult
    mutating func emit(_ name: String, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0, d: Int32 = 0,
                       imm: Int64 = 0) throws -> Int {
        var i = JInst(try stencil(name), line: line)
        i.a = a; i.b = b; i.c = c; i.d = d; i.imm = imm
        code.append(i)
        return code.count - 1
    }

    /// Moves operands into the gather area (slots gatherBase + k).
    mutating func gather(_ vs: ArraySlice<Value>) throws {
        for (k, v) in vs.enumerated() {
            let at = try emit("move", a: Int32(k), b: s(v))
            code[at].aBase = 1
        }
        maxGather = max(maxGather, vs.count)
    }

    mutating func lower() throws -> JFunction {
        for (li, b) in f.layout.enumerated() {
            blockStart[Int(b.index)] = Int32(code.count)
            let next = li + 1 < f.layout.count ? Int(f.layout[li + 1].index) : -1
            let bd = f[b]
            var fusedLast = false
            var cond: BranchCond? = nil
            if case .brif(let c, _, _) = bd.terminator, let last = bd.insts.last {
                let li = f[last]
                if li.result == c, useCount[Int(c.index)] == 1, case .cond(let cc) = li.imm {
                    let ci = condIndex[cc]!
                    if li.op == .icmp {
                        if let k = Self.foldedOperand(li, constant, f) {
                            cond = .icmpI(k == 1 ? ci : condSwapped[ci], s(li.args[1 - k]), constant[Int(li.args[k].index)]!)
                        } else {
                            cond = .icmp(ci, s(li.args[0]), s(li.args[1]))
                        }
                        fusedLast = true
                    } else if li.op == .fcmp {
                        cond = .fcmp(ci, s(li.args[0]), s(li.args[1]))
                        fusedLast = true
                    }
                }
            }
            for (k, id) in bd.insts.enumerated() {
                if fusedLast && k == bd.insts.count - 1 { line = Int32(clamping: f[id].loc.line); break }
                try lowerInst(f[id])
            }
            line = Int32(bd.terminatorLoc.line != 0 ? Int32(clamping: bd.terminatorLoc.line) : max(line, 0))
            switch bd.terminator {
            case .jump(let bc):
                try edge(bc, next: next)
            case .brif(let c, let t, let e):
                let bc = cond ?? .slot(s(c))
                if t.args.isEmpty {
                    try branch(bc, true, to: Int32(t.block.index))
                    try edge(e, next: next)
                } else if e.args.isEmpty {
                    try branch(bc, false, to: Int32(e.block.index))
                    try edge(t, next: next)
                } else {
                    try branch(bc, false, to: -1)
                    let patchAt = code.count - 1
                    try edge(t, next: -1)
                    code[patchAt].target = -2 - Int32(code.count) // an instruction index, not a block
                    try edge(e, next: next)
                }
            case .ret(let v):
                if let v { try emit("ret", b: s(v)) } else { try emit("ret_void") }
            case .unreachable:
                try emit("unreachable")
            }
        }
        if code.isEmpty { try emit("unreachable") }
        // Block targets -> instruction indices; gather/outgoing operands -> slots.
        let gatherBase = Int(nextSlot)
        let frameSlots = gatherBase + maxGather
        for k in code.indices {
            let t = code[k].target
            if t <= -2 {
                code[k].target = -2 - t
            } else if t >= 0 {
                let st = blockStart[Int(t)]
                guard st >= 0 else { throw fail("branch to block b\(t), which is not in the layout") }
                code[k].target = st
            }
            switch code[k].aBase {
            case 1: code[k].a += Int32(gatherBase)
            case 2: code[k].a += Int32(frameSlots)
            default: break
            }
        }
        cacheInRegister()
        // Slot indices -> byte offsets happen at patch time (operand * 8).
        return JFunction(name: f.name, insts: code, frameSlots: frameSlots, gatherBase: gatherBase)
    }

    /// The register-cache peephole (see the file comment). A slot qualifies when
    /// it is named exactly once as an operand anywhere in the function (over-
    /// counting only forgoes the optimisation) and that use is operand B of the
    /// next stencil, which is not a branch target.
    mutating func cacheInRegister() {
        guard code.count > 1 else { return }
        var reads = [Int32](repeating: 0, count: Int(nextSlot) + maxGather + 1)
        func read(_ s: Int32) { if s >= 0 && Int(s) < reads.count { reads[Int(s)] += 1 } }
        var isTarget = [Bool](repeating: false, count: code.count)
        for ins in code {
            read(ins.b); read(ins.c); read(ins.d)
            if ins.target >= 0 && Int(ins.target) < code.count { isTarget[Int(ins.target)] = true }
        }
        var inAcc = [Bool](repeating: false, count: code.count)
        var outAcc = [Bool](repeating: false, count: code.count)
        func variant(_ k: Int, _ i: Bool, _ o: Bool) -> Int32? {
            ctx.stencilIndex[ctx.stencilName[Int(code[k].stencil)] + (i ? "_ba" : "") + (o ? "_ra" : "")]
        }
        for k in 0..<(code.count - 1) {
            let p = code[k], q = code[k + 1]
            guard p.aBase == 0, p.a >= 0, Int(p.a) < Int(nextSlot), reads[Int(p.a)] == 1, q.b == p.a,
                  q.c != p.a, q.d != p.a, !isTarget[k + 1], p.target < 0,
                  variant(k, inAcc[k], true) != nil, variant(k + 1, true, outAcc[k + 1]) != nil else { continue }
            outAcc[k] = true
            inAcc[k + 1] = true
        }
        for k in code.indices where inAcc[k] || outAcc[k] {
            code[k].stencil = variant(k, inAcc[k], outAcc[k])!
        }
    }

    mutating func branch(_ c: BranchCond, _ whenTrue: Bool, to block: Int32) throws {
        let at: Int
        switch c {
        case .slot(let sl):
            at = try emit(whenTrue ? "br_true" : "br_false", b: sl)
        case .icmp(let ci, let x, let y):
            at = try emit("br_icmp_" + condNames[whenTrue ? ci : condInverse[ci]], b: x, c: y)
        case .icmpI(let ci, let x, let k):
            at = try emit("br_icmp_i_" + condNames[whenTrue ? ci : condInverse[ci]], b: x, imm: k)
        case .fcmp(let ci, let x, let y):
            at = try emit((whenTrue ? "br_fcmp_" : "br_nfcmp_") + condNames[ci], b: x, c: y)
        }
        code[at].target = block
    }

    mutating func edge(_ bc: BlockCall, next: Int) throws {
        let params = f[bc.block].params
        var moves: [(dst: Int32, src: Int32)] = []
        for (p, a) in zip(params, bc.args) where s(p) != s(a) { moves.append((s(p), s(a))) }
        while !moves.isEmpty {
            if let i = moves.firstIndex(where: { m in !moves.contains { $0.src == m.dst } }) {
                try emit("move", a: moves[i].dst, b: moves[i].src)
                moves.remove(at: i)
            } else {
                let t = nextSlot; nextSlot += 1
                let d = moves[0].dst
                try emit("move", a: t, b: d)
                for j in moves.indices where moves[j].src == d { moves[j].src = t }
            }
        }
        let target = Int(bc.block.index)
        if target != next {
            let at = try emit("jump")
            code[at].target = Int32(target)
        }
    }

    func kindOf(_ v: Value) -> Int32 { Int32(f.type(of: v).slotKind.rawValue) }

    func groupItemKind(_ v: Value) -> Int32 {
        var kind: Int32? = nil
        for inst in f.insts where inst.op == .groupAdd && inst.args.count == 3 && inst.args[0] == v {
            let k = kindOf(inst.args[2])
            if kind == nil { kind = k } else if kind != k { return Int32(SlotKind.ref.rawValue) }
        }
        return kind ?? Int32(SlotKind.ref.rawValue)
    }

    /// The common shape: result in a, operands in b, c, d.
    mutating func simple(_ name: String, _ inst: Inst, kind: Int32 = 0, imm: Int64 = 0) throws {
        let args = inst.args
        let at = try emit(name, a: inst.result.map { s($0) } ?? 0,
                          b: args.count > 0 ? s(args[0]) : 0, c: args.count > 1 ? s(args[1]) : 0,
                          d: args.count > 2 ? s(args[2]) : 0, imm: imm)
        code[at].kind = kind
    }

    mutating func lowerInst(_ inst: Inst) throws {
        line = Int32(clamping: inst.loc.line)
        let a = inst.result.map { s($0) } ?? 0
        let args = inst.args
        func arg(_ i: Int) -> Int32 { s(args[i]) }
        switch inst.op {
        case .iconst, .bconst:
            if inst.op == .iconst, let r = inst.result, elided[Int(r.index)] { return }
            guard case .int(let v) = inst.imm else { throw fail("\(inst.op.info.name) without an integer") }
            try emit("const", a: a, imm: v)
        case .fconst:
            guard case .float(let bits) = inst.imm else { throw fail("fconst without a float") }
            try emit("const", a: a, imm: Int64(bitPattern: bits))
        case .null:
            try emit("const", a: a, imm: 0)
        case .sconst:
            guard case .string(let str) = inst.imm else { throw fail("sconst without a string") }
            try emit("load_abs", a: a, imm: ctx.stringSlot(str))
        case .copy:
            try emit("move", a: a, b: arg(0))
        case .idiv, .irem:
            let name = inst.op == .idiv ? "idiv" : "irem"
            if Self.foldedOperand(inst, constant, f) != nil {
                try emit(name + "_i", a: a, b: arg(0), imm: constant[Int(args[1].index)]!)
            } else {
                try emit(name, a: a, b: arg(0), c: arg(1))
            }
        case .iadd, .imul, .isub:
            let name = inst.op == .iadd ? "iadd" : inst.op == .imul ? "imul" : "isub"
            if let k = Self.foldedOperand(inst, constant, f) {
                try emit(name + "_i", a: a, b: arg(1 - k), imm: constant[Int(args[k].index)]!)
            } else {
                try emit(name, a: a, b: arg(0), c: arg(1))
            }
        case .icmp:
            guard case .cond(let cc) = inst.imm else { throw fail("icmp without a condition") }
            let ci = condIndex[cc]!
            if let k = Self.foldedOperand(inst, constant, f) {
                try emit("icmp_i_" + condNames[k == 1 ? ci : condSwapped[ci]], a: a, b: arg(1 - k), imm: constant[Int(args[k].index)]!)
            } else {
                try emit("icmp_" + condNames[ci], a: a, b: arg(0), c: arg(1))
            }
        case .fcmp:
            guard case .cond(let cc) = inst.imm else { throw fail("fcmp without a condition") }
            try emit("fcmp_" + condNames[condIndex[cc]!], a: a, b: arg(0), c: arg(1))
        case .math1, .math2:
            let arity = inst.op == .math1 ? 1 : 2
            guard case .string(let name) = inst.imm, let c = libmName(name, arity: arity) else {
                throw fail("\(inst.op.info.name): unknown math function \(inst.imm)")
            }
            if c == "sqrt" { try emit("sqrt", a: a, b: arg(0)); return }
            guard let addr = mochi_jit_symbol(c) else { throw fail("no libm function \(c)") }
            let at = try emit(arity == 1 ? "math1" : "math2", a: a, b: arg(0), c: arity == 2 ? arg(1) : 0)
            code[at].fn = Int64(Int(bitPattern: addr))

        case .call:
            guard case .function(let name) = inst.imm, let fi = ctx.symbols.functions[name] else {
                throw fail("call of unknown function \(inst.imm)")
            }
            for (k, v) in args.enumerated() {
                let at = try emit("move", a: Int32(k), b: s(v))
                code[at].aBase = 2
            }
            let at = try emit(inst.result == nil ? "call_void" : "call", a: a)
            code[at].callee = Int32(fi)
        case .callClosure:
            try gather(args[1...])
            let at = try emit(inst.result == nil ? "call_closure_void" : "call_closure", a: a, b: arg(0))
            code[at].n = Int32(args.count - 1)
        case .closureNew:
            guard case .function(let name) = inst.imm, let fi = ctx.symbols.functions[name] else {
                throw fail("closure of unknown function \(inst.imm)")
            }
            let kinds = UnsafeMutableRawPointer.allocate(byteCount: max(args.count, 1), alignment: 1)
            for (i, v) in args.enumerated() { kinds.storeBytes(of: UInt8(kindOf(v)), toByteOffset: i, as: UInt8.self) }
            ctx.bytes(kinds)
            try gather(args[...])
            let at = try emit("closure_new", a: a, imm: Int64(Int(bitPattern: kinds)))
            code[at].n = Int32(args.count)
            code[at].imm2 = Int64(fi)

        case .fieldGet, .fieldSet:
            guard case .field(let fr) = inst.imm else { throw fail("\(inst.op.info.name) without a field") }
            guard ctx.descriptor(fr.typeName, fr.variant) != nil else { throw fail("no type %\(fr.typeName)") }
            let at = inst.op == .fieldGet ? try emit("field_get", a: a, b: arg(0))
                                          : try emit("field_set", b: arg(0), c: arg(1))
            code[at].n = Int32(MemoryLayout<MochiStruct>.size) + 8 * fr.field
            code[at].imm = Int64(fr.field)
        case .globalGet, .globalSet:
            guard case .global(let name) = inst.imm, let gi = ctx.symbols.globals[name] else {
                throw fail("unknown global \(inst.imm)")
            }
            if inst.op == .globalGet { try emit("load_abs", a: a, imm: ctx.globalSlot(gi)) }
            else { try emit("store_abs", b: arg(0), imm: ctx.globalSlot(gi)) }

        case .box, .tostr, .fmt, .tojson, .json:
            try simple(stencilNames(for: inst.op)[0], inst, kind: kindOf(args[0]))
        case .cmp:
            guard case .cond(let cc) = inst.imm else { throw fail("cmp without a condition") }
            let cn = condNames[condIndex[cc]!]
            switch f.type(of: args[0]).slotKind {
            case .i64, .bool: try simple("icmp_" + cn, inst)
            case .f64: try simple("fcmp_" + cn, inst)
            case .ref: try simple("cmp_ref_" + cn, inst, kind: kindOf(args[0]))
            }
        case .anyCmp:
            guard case .cond(let cc) = inst.imm else { throw fail("any.cmp without a condition") }
            try simple("any_cmp_" + condNames[condIndex[cc]!], inst)
        case .anyField:
            guard case .string(let name) = inst.imm else { throw fail("any.field without a name") }
            try simple("any_field", inst, imm: ctx.cString(name))
        case .unbox:
            guard let r = inst.result else { throw fail("unbox without a result") }
            let t = f.type(of: r)
            var check: Int32 = 0
            var imm: Int64 = 0
            switch t {
            case .str: check = 1
            case .list(let e): check = 2; imm = Int64(e.slotKind.rawValue)
            case .map(let k, let v): check = 3; imm = Int64(k.slotKind.rawValue) | Int64(v.slotKind.rawValue) << 8
            case .named(let n): check = 4; imm = ctx.cString(n)
            case .fn: check = 5
            default: break
            }
            if t.slotKind == .ref {
                try simple("unbox_ref", inst, imm: imm)
                code[code.count - 1].kind2 = check
            } else {
                try simple("unbox", inst, kind: Int32(t.slotKind.rawValue))
            }
        case .listNew:
            guard let r = inst.result, case .list(let e) = f.type(of: r) else { throw fail("list.new without a list type") }
            try gather(args[...])
            let at = try emit("list_new", a: a)
            code[at].kind = Int32(e.slotKind.rawValue)
            code[at].n = Int32(args.count)
        case .listSum:
            guard case .list(let e) = f.type(of: args[0]) else { throw fail("list.sum of a non-list") }
            switch e.slotKind {
            case .i64: try simple("list_sum_i64", inst)
            case .f64: try simple("list_sum_f64", inst)
            default: try simple("list_sum_any", inst)
            }
        case .mapNew:
            guard let r = inst.result, case .map(let k, let v) = f.type(of: r) else { throw fail("map.new without a map type") }
            try gather(args[...])
            let at = try emit("map_new", a: a)
            code[at].kind = Int32(k.slotKind.rawValue)
            code[at].kind2 = Int32(v.slotKind.rawValue)
            code[at].n = Int32(args.count)
        case .structNew, .variantNew:
            let desc: Int64?
            if inst.op == .structNew {
                guard let r = inst.result, case .named(let n) = f.type(of: r) else { throw fail("struct.new without a struct type") }
                desc = ctx.descriptor(n, -1)
            } else {
                guard case .variant(let vr) = inst.imm else { throw fail("variant.new without a variant") }
                desc = ctx.descriptor(vr.typeName, vr.variant)
            }
            guard let desc else { throw fail("\(inst.op.info.name) of an unknown type") }
            try gather(args[...])
            try emit("struct_new", a: a, imm: desc)
        case .groupNew:
            try simple("group_new", inst, kind: inst.result.map { groupItemKind($0) } ?? Int32(SlotKind.ref.rawValue))
        case .groupAdd:
            let itemKind = kindOf(args[2])
            var builderKind = Int32(SlotKind.ref.rawValue)
            if case .inst(let def) = f.valueDefs[Int(args[0].index)], f[def].op == .groupNew {
                builderKind = groupItemKind(args[0])
            }
            try simple(builderKind != itemKind ? "group_add_boxed" : "group_add", inst, kind: itemKind)
        default:
            let names = stencilNames(for: inst.op)
            try simple(names[0], inst)
        }
    }
}
