// Which reads and writes of a union variant's field are proved to meet a value of
// that variant. A union value is one object per variant, sized for that variant's
// fields, so `field.get %T variant V field k, x` on a value of another variant would
// read past its object (or read one variant's int as another's reference) in the
// interpreter, the JIT and generated C, which read the field as a plain load. The
// front end only reads a variant's fields where a `match` has tested the tag; the
// verifier checks the same of every IR file, which is untrusted.
//
// Requires: a valid function (the verifier runs it only after the function passed).
// Cost: one walk when the function has no variant field access; otherwise
// dominators and one walk over the branches.
//
// The proof for an access to variant V of x in block B: some block T dominating B
// (B itself included) is the target of one arm of `brif c` from block P, T has no
// other incoming edge (so the edge P -> T dominates B), the arms go to different
// blocks, and c is `icmp eq` (true arm) or `icmp ne` (false arm) between
// `variant.tag x` (the same SSA value x) and an integer constant V. x keeps its value
// at B (SSA), and a union value never changes variant, so the tag read at the test is
// the tag at B. Or such tests rule out every other variant of the union on the way
// to B (`icmp ne` on its true arm, `icmp eq` on its false one): then x is of variant
// V or null, and every backend reads a field of a null union as the runtime error
// its null check makes. Or x is made by `variant.new` of that variant (x never
// changes variant).

/// The field.get / field.set instructions of a valid function that name a union
/// variant's field without a proof that the operand is of that variant (see the
/// header), in reverse postorder of their blocks.
public func unprovedVariantAccesses(_ f: Function, variantCount: (String) -> Int?) -> [InstID] {
    let rpo = f.reversePostorder()

    var accesses: [(InstID, Int)] = [] // (instruction, rpo position of its block)
    for (p, b) in rpo.enumerated() {
        for id in f.blocks[Int(b.index)].insts {
            let inst = f.insts[Int(id.index)]
            guard inst.op == .fieldGet || inst.op == .fieldSet, case .field(let r) = inst.imm, r.variant >= 0 else { continue }
            accesses.append((id, p))
        }
    }
    if accesses.isEmpty { return [] }

    let g = ProofGraph(f, rpo: rpo)
    func tagOperand(_ v: Value) -> Value? {
        if let d = g.def(v), d.op == .variantTag, d.args.count == 1 { return d.args[0] }
        return nil
    }

    // At rpo position T: (union value, variant, is) facts that hold on every path in:
    // the value is of that variant (is), or is not (!is).
    var facts: [[(value: Value, variant: Int64, is: Bool)]] = Array(repeatElement([], count: rpo.count))
    for b in rpo {
        guard case .brif(let c, let t, let e) = f.blocks[Int(b.index)].terminator, t.block != e.block,
              let cmp = g.def(c), cmp.op == .icmp, cmp.args.count == 2, case .cond(let cc) = cmp.imm,
              cc == .eq || cc == .ne else { continue }
        let x = cmp.args[0], y = cmp.args[1]
        var found: (Value, Int64)? = nil
        if let u = tagOperand(x), let k = g.constant(y) { found = (u, k) }
        else if let u = tagOperand(y), let k = g.constant(x) { found = (u, k) }
        guard let (u, k) = found else { continue }
        let q = g.soleEntry(t), r = g.soleEntry(e)
        if q >= 0 { facts[q].append((value: u, variant: k, is: cc == .eq)) }
        if r >= 0 { facts[r].append((value: u, variant: k, is: cc == .ne)) }
    }

    var unproved: [InstID] = []
    for (id, p) in accesses {
        let inst = f.insts[Int(id.index)]
        guard case .field(let r) = inst.imm, let x = inst.args.first else { unproved.append(id); continue }
        if let d = g.def(x), d.op == .variantNew, case .variant(let made) = d.imm,
           made.typeName == r.typeName, made.variant == r.variant { continue }
        let v = Int64(r.variant)
        if g.anyDominator(of: p, { q in facts[q].contains(where: { $0.value == x && $0.variant == v && $0.is }) }) { continue }
        // Or every other variant is ruled out on the way (`if tag == 0 {...} else
        // {read Node}` of a two-variant union).
        guard let n = variantCount(r.typeName), n > 0, n <= 64 else { unproved.append(id); continue }
        var excluded = Set<Int64>()
        _ = g.anyDominator(of: p) { q in
            for fact in facts[q] where fact.value == x && !fact.is { excluded.insert(fact.variant) }
            return false
        }
        if (0..<Int64(n)).contains(where: { $0 != v && !excluded.contains($0) }) { unproved.append(id) }
    }
    return unproved
}
