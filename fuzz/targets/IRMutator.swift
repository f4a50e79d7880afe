// A structure-aware mutator for binary IR (libFuzzer's LLVMFuzzerCustomMutator in
// the ir-binary and ir-exec targets). Byte-level mutations of a `.mirb` almost
// never survive the decoder and the verifier; these edit the decoded module the
// way a hostile or buggy producer would (an operand swapped for another value, of
// the same type or of another; an immediate set to an edge value or to another
// field, variant, function or global; an opcode or a result type replaced; a
// branch retargeted; a declared field's type changed; a null reference put where a
// value was) and encode it again, so a good share of the results still verify and
// reach the interpreter and the JIT with values no front end would produce. The
// verifier is what decides; anything it accepts must run without a memory error.

import MochiIR

struct MutatorRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

let edgeInts: [Int64] = [0, 1, -1, 2, -2, 7, 31, 32, 63, 64, 255, 256, 65535, Int64(Int32.max), Int64(Int32.min),
                         1 << 32, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1, 1 << 40, -(1 << 40), 100_000,
                         1_000_000_007]
let edgeFloats: [Double] = [0, -0.0, 1, -1, .infinity, -.infinity, .nan, .greatestFiniteMagnitude,
                            .leastNonzeroMagnitude, 9.2233720368547758e18, -9.2233720368547758e18, 0.5, 1e300]
let someTypes: [IRType] = [.i64, .f64, .bool, .str, .unit, .any, .list(.i64), .list(.str), .list(.any),
                           .map(.str, .i64), .map(.i64, .str), .fn([.i64], .i64), .list(.f64), .list(.bool)]

/// Mutates `m` in place, a few edits at a time; false when nothing could be done.
func mutateModule(_ m: Module, _ rng: inout MutatorRandom) -> Bool {
    var did = false
    for _ in 0...rng.below(3) {
        if mutateOnce(m, &rng) { did = true }
    }
    return did
}

private func allTypes(_ m: Module) -> [IRType] {
    someTypes + m.types.map { IRType.named($0.name) }
}

private func mutateOnce(_ m: Module, _ rng: inout MutatorRandom) -> Bool {
    if m.functions.isEmpty { return false }
    let f = m.functions[rng.below(m.functions.count)]
    let k = rng.below(14)
    switch k {
    case 0, 1, 2: // an operand replaced by another value: of the same type mostly, else any
        guard !f.insts.isEmpty, !f.valueTypes.isEmpty else { return false }
        let i = rng.below(f.insts.count)
        guard !f.insts[i].args.isEmpty else { return false }
        let a = rng.below(f.insts[i].args.count)
        let old = f.insts[i].args[a]
        let want = f.valueTypes[Int(old.index)]
        let same = (0..<f.valueTypes.count).filter { f.valueTypes[$0] == want && $0 != Int(old.index) }
        if k < 2, !same.isEmpty {
            f.insts[i].args[a] = Value(Int32(rng.pick(same)))
        } else {
            f.insts[i].args[a] = Value(Int32(rng.below(f.valueTypes.count)))
        }
        return true
    case 3, 4: // an immediate changed
        guard !f.insts.isEmpty else { return false }
        let i = rng.below(f.insts.count)
        switch f.insts[i].imm {
        case .int(let v):
            f.insts[i].imm = .int(rng.below(3) == 0 ? v &+ (Int64(rng.below(5)) - 2) : rng.pick(edgeInts))
        case .float:
            f.insts[i].imm = .double(rng.pick(edgeFloats))
        case .string(let s):
            let choices = ["", "sqrt", "pow", "fmod", "nosuch", s + s, "é", "\u{0}", "name", "key"]
            f.insts[i].imm = .string(rng.pick(choices))
        case .cond:
            f.insts[i].imm = .cond(rng.pick(CondCode.allCases))
        case .field(var fr):
            switch rng.below(3) {
            case 0: fr.field = Int32(rng.below(6)) - 1
            case 1: fr.variant = Int32(rng.below(5)) - 1
            default: fr.typeName = m.types.isEmpty ? fr.typeName : rng.pick(m.types).name
            }
            f.insts[i].imm = .field(fr)
        case .variant(var vr):
            if rng.below(2) == 0 { vr.variant = Int32(rng.below(6)) - 1 } else if !m.types.isEmpty { vr.typeName = rng.pick(m.types).name }
            f.insts[i].imm = .variant(vr)
        case .function:
            f.insts[i].imm = .function(rng.pick(m.functions).name)
        case .global:
            if !m.globals.isEmpty { f.insts[i].imm = .global(rng.pick(m.globals).name) } else { return false }
        case .none:
            return false
        }
        return true
    case 5: // the opcode replaced by another with the same number of operands
        guard !f.insts.isEmpty else { return false }
        let i = rng.below(f.insts.count)
        f.insts[i].op = Opcode.allCases[rng.below(Opcode.allCases.count)]
        return true
    case 6: // a result type replaced
        guard !f.insts.isEmpty else { return false }
        let i = rng.below(f.insts.count)
        guard let r = f.insts[i].result else { return false }
        f.valueTypes[Int(r.index)] = rng.pick(allTypes(m))
        return true
    case 7: // a branch retargeted, or a block argument replaced
        guard !f.layout.isEmpty else { return false }
        let b = Int(rng.pick(f.layout).index)
        switch f.blocks[b].terminator {
        case .jump(var c):
            if rng.below(2) == 0 { c.block = rng.pick(f.layout) } else if !c.args.isEmpty, !f.valueTypes.isEmpty {
                c.args[rng.below(c.args.count)] = Value(Int32(rng.below(f.valueTypes.count)))
            }
            f.blocks[b].terminator = .jump(c)
        case .brif(let v, var t, var e):
            if rng.below(2) == 0 { t.block = rng.pick(f.layout) } else { e.block = rng.pick(f.layout) }
            f.blocks[b].terminator = .brif(v, t, e)
        case .ret(let v):
            if v != nil, !f.valueTypes.isEmpty { f.blocks[b].terminator = .ret(Value(Int32(rng.below(f.valueTypes.count)))) }
        case .unreachable:
            return false
        }
        return true
    case 8: // a declared field's or a global's type changed
        if !m.types.isEmpty && rng.below(2) == 0 {
            let d = rng.below(m.types.count)
            switch m.types[d].kind {
            case .structure(var fs):
                guard !fs.isEmpty else { return false }
                fs[rng.below(fs.count)].type = rng.pick(allTypes(m))
                m.types[d].kind = .structure(fs)
            case .union(var vs):
                let v = rng.below(vs.count)
                guard !vs[v].fields.isEmpty else { return false }
                vs[v].fields[rng.below(vs[v].fields.count)].type = rng.pick(allTypes(m))
                m.types[d].kind = .union(vs)
            }
            return true
        }
        guard !m.globals.isEmpty else { return false }
        m.globals[rng.below(m.globals.count)].type = rng.pick(allTypes(m))
        return true
    case 9: // a null reference of an operand's type used in its place
        guard !f.insts.isEmpty, let entry = f.entry else { return false }
        let i = rng.below(f.insts.count)
        guard !f.insts[i].args.isEmpty else { return false }
        let a = rng.below(f.insts[i].args.count)
        let t = f.valueTypes[Int(f.insts[i].args[a].index)]
        guard t.isReference else { return false }
        let id = f.append(to: entry, .null, type: t, args: [])
        // At the start of the entry block, where it dominates every use.
        f.blocks[Int(entry.index)].insts.removeLast()
        f.blocks[Int(entry.index)].insts.insert(id, at: 0)
        f.insts[i].args[a] = f.insts[Int(id.index)].result!
        return true
    case 10: // an instruction removed from its block
        let withInsts = f.layout.filter { !f.blocks[Int($0.index)].insts.isEmpty }
        guard !withInsts.isEmpty else { return false }
        let b = Int(rng.pick(withInsts).index)
        f.blocks[b].insts.remove(at: rng.below(f.blocks[b].insts.count))
        return true
    case 11: // an instruction's operands swapped
        guard !f.insts.isEmpty else { return false }
        let i = rng.below(f.insts.count)
        guard f.insts[i].args.count >= 2 else { return false }
        f.insts[i].args.swapAt(0, 1 + rng.below(f.insts[i].args.count - 1))
        return true
    case 12: // a parameter or the return type of a function changed
        if rng.below(2) == 0, !f.paramTypes.isEmpty {
            let p = rng.below(f.paramTypes.count)
            let t = rng.pick(allTypes(m))
            f.paramTypes[p] = t
            if let e = f.entry, p < f.blocks[Int(e.index)].params.count {
                f.valueTypes[Int(f.blocks[Int(e.index)].params[p].index)] = t
            }
        } else {
            f.returnType = rng.pick(allTypes(m))
        }
        return true
    default: // an operand dropped or added
        guard !f.insts.isEmpty, !f.valueTypes.isEmpty else { return false }
        let i = rng.below(f.insts.count)
        if rng.below(2) == 0, !f.insts[i].args.isEmpty {
            f.insts[i].args.removeLast()
        } else {
            f.insts[i].args.append(Value(Int32(rng.below(f.valueTypes.count))))
        }
        return true
    }
}

@_silgen_name("LLVMFuzzerMutate")
func LLVMFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

/// The custom mutator: half the time a structural edit of the decoded module,
/// otherwise (or when the input does not decode) libFuzzer's own byte mutations.
func mutateIRInput(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    var rng = MutatorRandom(state: UInt64(seed) &* 0x2545_F491_4F6C_DD1D | 1)
    if rng.below(2) == 0, let m = try? readModule(bytes: Array(UnsafeBufferPointer(start: data, count: size))),
       mutateModule(m, &rng) {
        let out = encodeBinary(m)
        if out.count <= maxSize {
            out.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: out.count) }
            return out.count
        }
    }
    return LLVMFuzzerMutate(data, size, maxSize)
}
