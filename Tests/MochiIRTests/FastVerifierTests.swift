// The verifier's fast path (FastVerifier.swift) may only say "valid" when the full
// check finds nothing: thousands of functions broken in memory in every way the
// tables allow (operands, types, opcodes, immediates, block calls, layout, value
// definitions, signatures) go through both, and the fast check must never accept
// one the full check rejects, nor trap. It must also accept the valid fixtures, or
// it would not be a fast path.

import XCTest
@testable import MochiIR

final class FastVerifierTests: XCTestCase {
    /// The full check alone, as `verify` ran before it had a fast path.
    private func fullErrors(_ f: Function, _ m: Module) -> [VerifierError] {
        var fv = FunctionVerifier(f, VerifierContext(m: m, index: SymbolIndex(m)))
        fv.run()
        return fv.errors
    }

    private func fresh() -> Module {
        try! readModule(bytes: encodeBinary(Fixtures.everything()))
    }

    func testFastPathAcceptsValidFunctions() {
        let m = fresh()
        var fast = FastVerifier(m, index: SymbolIndex(m))
        for f in m.functions {
            XCTAssertTrue(fullErrors(f, m).isEmpty, "fixture @\(f.name) should be valid")
            XCTAssertTrue(fast.check(f), "fast path rejects valid @\(f.name)")
        }
        let doc = try! parseModule(Fixtures.docExample)
        var fastDoc = FastVerifier(doc, index: SymbolIndex(doc))
        for f in doc.functions { XCTAssertTrue(fastDoc.check(f)) }
    }

    func testFastPathNeverAcceptsWhatTheFullCheckRejects() {
        let types: [IRType] = [.i64, .f64, .bool, .str, .unit, .any, .list(.i64), .list(.any), .map(.str, .i64),
                               .named("P"), .named("T"), .named("Nope"), .fn([.i64], .i64), .fn([], .unit)]
        let immediates: [Immediate] = [.none, .int(0), .int(2), .float(0), .string("sqrt"), .string("nope"),
                                       .cond(.lt), .field(FieldRef(typeName: "P", variant: -1, field: 1)),
                                       .field(FieldRef(typeName: "P", variant: 0, field: 9)),
                                       .variant(VariantRef(typeName: "T", variant: 1)), .function("add"),
                                       .function("nope"), .global("count"), .global("nope")]
        var rng = SplitMix64(seed: 0x4641_5354)
        var rejected = 0, cases = 0
        for _ in 0..<3_000 {
            let m = fresh()
            let f = m.functions[rng.below(m.functions.count)]
            for _ in 0..<(1 + rng.below(3)) {
                let nv = f.valueTypes.count
                let randomValue = Value(Int32(rng.below(nv + 2)) - 1)
                switch rng.below(12) {
                case 0 where !f.insts.isEmpty:
                    let i = rng.below(f.insts.count)
                    if !f.insts[i].args.isEmpty { f.insts[i].args[rng.below(f.insts[i].args.count)] = randomValue }
                case 1 where nv > 0:
                    f.valueTypes[rng.below(nv)] = types[rng.below(types.count)]
                case 2 where !f.insts.isEmpty:
                    f.insts[rng.below(f.insts.count)].op = Opcode.allCases[rng.below(Opcode.allCases.count)]
                case 3 where !f.insts.isEmpty:
                    f.insts[rng.below(f.insts.count)].imm = immediates[rng.below(immediates.count)]
                case 4 where !f.insts.isEmpty:
                    let i = rng.below(f.insts.count)
                    if rng.below(2) == 0 { f.insts[i].args.append(randomValue) } else if !f.insts[i].args.isEmpty { f.insts[i].args.removeLast() }
                case 5 where !f.layout.isEmpty:
                    let b = Int(f.layout[rng.below(f.layout.count)].index)
                    let target = Block(Int32(rng.below(f.blocks.count + 1)))
                    switch rng.below(4) {
                    case 0: f.blocks[b].terminator = .jump(BlockCall(target, [randomValue]))
                    case 1: f.blocks[b].terminator = .brif(randomValue, BlockCall(target), BlockCall(f.layout[0]))
                    case 2: f.blocks[b].terminator = .ret(rng.below(2) == 0 ? nil : randomValue)
                    default: f.blocks[b].terminator = .unreachable
                    }
                case 6 where f.layout.count > 1:
                    if rng.below(2) == 0 { f.layout.remove(at: rng.below(f.layout.count)) } else { f.layout.swapAt(0, f.layout.count - 1) }
                case 7 where nv > 0:
                    f.valueDefs[rng.below(nv)] = rng.below(2) == 0 ? .inst(InstID(Int32(rng.below(f.insts.count + 1))))
                        : .param(f.layout.first ?? Block(0), rng.below(3))
                case 8 where !f.layout.isEmpty:
                    let b = Int(f.layout[rng.below(f.layout.count)].index)
                    if rng.below(2) == 0, !f.blocks[b].params.isEmpty { f.blocks[b].params.removeLast() } else {
                        f.blocks[b].insts.reverse()
                    }
                case 9:
                    if rng.below(2) == 0 { f.returnType = types[rng.below(types.count)] } else if !f.paramTypes.isEmpty {
                        f.paramTypes[rng.below(f.paramTypes.count)] = types[rng.below(types.count)]
                    }
                case 10 where !f.insts.isEmpty:
                    let i = rng.below(f.insts.count)
                    f.insts[i].result = rng.below(3) == 0 ? nil : randomValue
                default:
                    if !m.globals.isEmpty { m.globals[rng.below(m.globals.count)].type = types[rng.below(types.count)] }
                }
            }
            var fast = FastVerifier(m, index: SymbolIndex(m))
            for g in m.functions {
                cases += 1
                let full = fullErrors(g, m)
                if fast.check(g) {
                    XCTAssertTrue(full.isEmpty, "fast path accepted @\(g.name), full check: \(full.first.map { "\($0)" } ?? "")")
                } else {
                    rejected += 1
                }
            }
        }
        XCTAssertGreaterThan(rejected, 100, "the mutations should break some functions")
        XCTAssertGreaterThan(cases, rejected)
    }
}
