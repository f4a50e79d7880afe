// Modules the IR tests share: one that uses every opcode, every type form, quoted
// names, special float constants, loops with block parameters and a forward value
// reference across the layout; and the example from docs/IR.md.

import MochiIR

enum Fixtures {
    static let docExample = """
    mochi-ir 1
    source "examples/hello.mochi"

    type %Person = struct { name: str, age: i64 }
    type %Tree = union { Leaf(), Node(left: %Tree, value: i64, right: %Tree) }

    global @count: i64

    func @add(v0: i64, v1: i64) -> i64 !3:1 {
    b0(v0: i64, v1: i64):
      v2: i64 = iadd v0, v1 !4:12
      ret v2
    }

    func @main() -> unit {
    b0:
      v0: i64 = iconst 1 !7:9
      v1: i64 = call @add, v0, v0 !7:5
      v2: str = fmt v1
      print v2 !7:1
      v3: bool = icmp lt v0, v1
      brif v3, b1(v0), b2
    b1(v4: i64):
      jump b2
    b2:
      ret
    }

    """

    static let pType = IRType.named("P")
    static let tType = IRType.named("T")

    /// A module exercising every opcode (the switch is exhaustive, so a new opcode
    /// does not compile here until it is covered).
    static func everything() -> Module {
        let m = Module(sourceFile: "tests/everything.mochi")
        m.types = [
            TypeDecl(name: "P", kind: .structure([FieldDecl(name: "name", type: .str), FieldDecl(name: "age", type: .i64)])),
            TypeDecl(name: "T", kind: .union([
                VariantDecl(name: "Leaf", fields: []),
                VariantDecl(name: "Node", fields: [FieldDecl(name: "left", type: .named("T")), FieldDecl(name: "value", type: .i64)]),
            ])),
            TypeDecl(name: "odd type", kind: .structure([FieldDecl(name: "a.b", type: .map(.str, .list(.fn([.i64, .named("P")], .any))))])),
            TypeDecl(name: "Empty", kind: .structure([])),
            TypeDecl(name: "Never", kind: .union([])),
        ]
        m.globals = [Global(name: "count", type: .i64), Global(name: "my.global", type: .list(.str)),
                     Global(name: "weird name!", type: .unit)]

        let add = Function(name: "add", paramTypes: [.i64, .i64], returnType: .i64, loc: SourceLoc(line: 3, column: 1))
        var fb = FunctionBuilder(add)
        fb.loc = SourceLoc(line: 4, column: 12)
        fb.ret(fb.emit(.iadd, .i64, fb.entryParams))
        m.functions.append(add)

        let noop = Function(name: "noop", paramTypes: [], returnType: .unit)
        var nb = FunctionBuilder(noop)
        nb.ret(nil)
        m.functions.append(noop)

        m.functions.append(all())
        m.functions.append(loop())
        m.functions.append(forward())
        m.functions.append(floats())
        return m
    }

    static func all() -> Function {
        let k = IRType.fn([.i64], .i64)
        let f = Function(name: "all", paramTypes: [.i64, .f64, .str, .bool, .any, .list(.i64), .map(.str, .i64), pType, tType, k,
                                                   .named("odd type")],
                         returnType: .unit, loc: SourceLoc(line: 10, column: 1))
        var b = FunctionBuilder(f)
        let ps = b.entryParams
        let (a, x, s, c, d, l, mp, p, t, kk, odd) = (ps[0], ps[1], ps[2], ps[3], ps[4], ps[5], ps[6], ps[7], ps[8], ps[9], ps[10])
        var line: UInt32 = 11
        var group = a
        var strs = a
        let bi = b.emit(.bigFromInt, .bigint, [a]), br = b.emit(.bigFromInt, .bigrat, [a])
        for op in Opcode.allCases {
            b.loc = line % 3 == 0 ? .unknown : SourceLoc(line: line, column: line % 7)
            line += 1
            switch op {
            case .iconst: _ = b.emit(op, .i64, imm: .int(Int64.min))
            case .fconst: _ = b.emit(op, .f64, imm: .double(1.5))
            case .bconst: _ = b.emit(op, .bool, imm: .int(1))
            case .sconst: _ = b.emit(op, .str, imm: .string("hi\n\t\r\\\"é\u{0}\u{7f}😀"))
            case .null: _ = b.emit(op, .list(.str))
            case .copy: _ = b.emit(op, .i64, [a])
            case .iadd, .isub, .imul, .idiv, .irem: _ = b.emit(op, .i64, [a, a])
            case .ineg: _ = b.emit(op, .i64, [a])
            case .icmp: _ = b.emit(op, .bool, [c, c], imm: .cond(.ne))
            case .not: _ = b.emit(op, .bool, [c])
            case .fadd, .fsub, .fmul, .fdiv, .frem: _ = b.emit(op, .f64, [x, x])
            case .fneg: _ = b.emit(op, .f64, [x])
            case .fcmp: _ = b.emit(op, .bool, [x, x], imm: .cond(.ge))
            case .itof: _ = b.emit(op, .f64, [a])
            case .ftoi: _ = b.emit(op, .i64, [x])
            case .math1: _ = b.emit(op, .f64, [x], imm: .string("sqrt"))
            case .math2: _ = b.emit(op, .f64, [x, x], imm: .string("atan2"))
            case .box: _ = b.emit(op, .any, [p])
            case .unbox: _ = b.emit(op, .i64, [d])
            case .anyAdd, .anySub, .anyMul, .anyDiv, .anyRem, .anyIndex: _ = b.emit(op, .any, [d, d])
            case .anyNeg: _ = b.emit(op, .any, [d])
            case .anyCmp: _ = b.emit(op, .bool, [d, d], imm: .cond(.le))
            case .anyTruthy: _ = b.emit(op, .bool, [d])
            case .anyField: _ = b.emit(op, .any, [d], imm: .string("name"))
            case .anyLen: _ = b.emit(op, .i64, [d])
            case .cmp: _ = b.emit(op, .bool, [mp, mp], imm: .cond(.eq))
            case .tostr: _ = b.emit(op, .str, [a])
            case .fmt: _ = b.emit(op, .str, [l])
            case .tojson: _ = b.emit(op, .str, [mp])
            case .json: b.emitVoid(op, [p])
            case .print: b.emitVoid(op, [s])
            case .sha256: _ = b.emit(op, .list(.i64), [s])
            case .bigFromInt: _ = b.emit(op, .bigrat, [a])
            case .bigFromFloat: _ = b.emit(op, .bigint, [x])
            case .bigFromStr: _ = b.emit(op, .bigrat, [s])
            case .bigToInt: _ = b.emit(op, .i64, [br])
            case .bigToFloat: _ = b.emit(op, .f64, [bi])
            case .bigTrunc, .bigNum, .bigDenom: _ = b.emit(op, .bigint, [br])
            case .bigToRat: _ = b.emit(op, .bigrat, [bi])
            case .bigAdd, .bigSub, .bigMul, .bigDiv: _ = b.emit(op, .bigrat, [br, br])
            case .bigRem: _ = b.emit(op, .bigint, [bi, bi])
            case .bigNeg, .bigAbs: _ = b.emit(op, .bigint, [bi])
            case .bigPow: _ = b.emit(op, .bigrat, [br, a])
            case .bigCmp: _ = b.emit(op, .bool, [bi, bi], imm: .cond(.ge))
            case .strConcat: _ = b.emit(op, .str, [s, s])
            case .strLen, .strToInt, .strOrd: _ = b.emit(op, .i64, [s])
            case .strIndex, .strRepeat: _ = b.emit(op, .str, [s, a])
            case .strSlice: _ = b.emit(op, .str, [s, a, a])
            case .strContains, .strHasPrefix, .strHasSuffix: _ = b.emit(op, .bool, [s, s])
            case .strFind: _ = b.emit(op, .i64, [s, s])
            case .strUpper, .strLower, .strTrim, .strReverse: _ = b.emit(op, .str, [s])
            case .strSplit: strs = b.emit(op, .list(.str), [s, s])
            case .strJoin: _ = b.emit(op, .str, [strs, s])
            case .strPadStart: _ = b.emit(op, .str, [s, a, s])
            case .strToFloat: _ = b.emit(op, .f64, [s])
            case .strChr: _ = b.emit(op, .str, [a])
            case .strParseBase: _ = b.emit(op, .i64, [s, a])
            case .listNew: _ = b.emit(op, .list(.i64), [a, a, a])
            case .listLen, .listSum, .listMin, .listMax: _ = b.emit(op, .i64, [l])
            case .listGet: _ = b.emit(op, .i64, [l, a])
            case .listSet: b.emitVoid(op, [l, a, a])
            case .listPush: b.emitVoid(op, [l, a])
            case .listAppend: _ = b.emit(op, .list(.i64), [l, a])
            case .listSlice: _ = b.emit(op, .list(.i64), [l, a, a])
            case .listConcat, .listUnion, .listUnionAll, .listExcept, .listIntersect, .listSortBy:
                _ = b.emit(op, .list(.i64), [l, l])
            case .listContains: _ = b.emit(op, .bool, [l, a])
            case .listReverse, .listDistinct: _ = b.emit(op, .list(.i64), [l])
            case .listAvg: _ = b.emit(op, .f64, [l])
            case .listRange: _ = b.emit(op, .list(.i64), [a, a, a])
            case .mapNew: _ = b.emit(op, .map(.str, .i64), [s, a, s, a])
            case .mapGet: _ = b.emit(op, .i64, [mp, s])
            case .mapGetAny: _ = b.emit(op, .any, [mp, s])
            case .mapSet: b.emitVoid(op, [mp, s, a])
            case .mapHas: _ = b.emit(op, .bool, [mp, s])
            case .mapLen: _ = b.emit(op, .i64, [mp])
            case .mapDelete: b.emitVoid(op, [mp, s])
            case .mapKeys: _ = b.emit(op, .list(.str), [mp])
            case .mapValues: _ = b.emit(op, .list(.i64), [mp])
            case .structNew, .recordNew: _ = b.emit(op, pType, [s, a])
            case .variantNew:
                _ = b.emit(op, tType, [t, a], imm: .variant(VariantRef(typeName: "T", variant: 1)))
                _ = b.emit(op, tType, [], imm: .variant(VariantRef(typeName: "T", variant: 0)))
            case .fieldGet:
                _ = b.emit(op, .i64, [p], imm: .field(FieldRef(typeName: "P", variant: -1, field: 1)))
                // A variant's field is read from a value made of that variant (the
                // verifier wants it proved: VariantProof.swift).
                let node = b.emit(.variantNew, tType, [t, a], imm: .variant(VariantRef(typeName: "T", variant: 1)))
                _ = b.emit(op, .i64, [node], imm: .field(FieldRef(typeName: "T", variant: 1, field: 1)))
                _ = b.emit(op, .map(.str, .list(.fn([.i64, pType], .any))), [odd],
                           imm: .field(FieldRef(typeName: "odd type", variant: -1, field: 0)))
            case .fieldSet: b.emitVoid(op, [p, s], imm: .field(FieldRef(typeName: "P", variant: -1, field: 0)))
            case .variantTag: _ = b.emit(op, .i64, [t])
            case .call:
                _ = b.emit(op, .i64, [a, a], imm: .function("add"))
                b.emitVoid(op, [], imm: .function("noop"))
            case .callClosure: _ = b.emit(op, .i64, [kk, a])
            case .closureNew: _ = b.emit(op, k, [a], imm: .function("add"))
            case .globalGet: _ = b.emit(op, .i64, imm: .global("count"))
            case .globalSet: b.emitVoid(op, [a], imm: .global("count"))
            case .groupNew: group = b.emit(op, .any)
            case .groupAdd: b.emitVoid(op, [group, d, a])
            case .groupResult: _ = b.emit(op, .list(.any), [group])
            case .groupKey, .groupItems: _ = b.emit(op, .any, [d])
            case .expect: b.emitVoid(op, [c])
            case .panic: b.emitVoid(op, [s])
            case .testBegin: b.emitVoid(op, [s])
            case .testEnd: b.emitVoid(op, [])
            }
        }
        b.loc = SourceLoc(line: 200, column: 3)
        b.ret(nil)
        return f
    }

    /// sum of 0..<n: a loop whose header has block parameters.
    static func loop() -> Function {
        let f = Function(name: "loop", paramTypes: [.i64], returnType: .i64)
        var b = FunctionBuilder(f)
        let n = b.entryParams[0]
        let zero = b.iconst(0)
        let one = b.iconst(1)
        let head = b.makeBlock(params: [.i64, .i64])
        let body = b.makeBlock()
        let exit = b.makeBlock(params: [.i64])
        b.jump(head, [zero, zero])
        b.switchTo(head)
        let i = b.params(of: head)[0], acc = b.params(of: head)[1]
        let more = b.emit(.icmp, .bool, [i, n], imm: .cond(.lt))
        b.brif(more, body, [], exit, [acc])
        b.switchTo(body)
        let acc2 = b.emit(.iadd, .i64, [acc, i])
        let i2 = b.emit(.iadd, .i64, [i, one])
        b.jump(head, [i2, acc2])
        b.switchTo(exit)
        b.ret(b.params(of: exit)[0])
        return f
    }

    /// A block laid out before the block that defines a value it uses (legal: the
    /// definition dominates the use), so the text has a forward reference.
    static func forward() -> Function {
        let f = Function(name: "forward", paramTypes: [], returnType: .i64)
        var b = FunctionBuilder(f)
        let early = b.makeBlock()
        let late = b.makeBlock()
        b.jump(late)
        b.switchTo(late)
        let v = b.iconst(42)
        b.jump(early)
        b.switchTo(early)
        b.ret(v)
        // Lay out: entry, early, late.
        f.layout = [f.layout[0], early, late]
        return f
    }

    static let specialFloats: [Double] = [0, -0.0, 1, -1, 0.1, 1.5, 1e300, -1e300, 4.9406564584124654e-324, 2.2250738585072014e-308,
                                          .greatestFiniteMagnitude, .infinity, -.infinity, .nan, 123456789012345680,
                                          1e16, 1e-7, 3.141592653589793]

    static func floats() -> Function {
        let f = Function(name: "floats", paramTypes: [], returnType: .f64)
        var b = FunctionBuilder(f)
        var last = b.fconst(0)
        for d in specialFloats { last = b.fconst(d) }
        last = b.emit(.fconst, .f64, imm: .float(0xFFF8_0000_0000_0001)) // a NaN with sign and payload
        b.ret(last)
        return f
    }
}
