// Checking and lowering of Mochi expressions (everything but calls and queries):
// literals, names, operators, indexing, fields, casts, conditional and match
// expressions, function expressions, plus the conversions between checked types
// (`coerce`) and the join of two types (`unify`).
//
// `expected` is a hint from the context (an annotation, a parameter type): it types
// empty literals, decides record-vs-map for identifier-keyed literals, types the
// parameters of lambdas and chooses `map.getany` where a missing key must read as
// nil. The caller still coerces the result to the type it needs.

import MochiIR

extension Checker {
    func lowerExpr(_ e: Expr, _ expected: MType?) -> TV {
        let tv = lowerExprInner(e, expected)
        return tv
    }

    private func lowerExprInner(_ e: Expr, _ expected: MType?) -> TV {
        setLoc(e.location)
        switch e.kind {
        case .int(let n):
            if expected == .float { return TV(v: cur.emit(.fconst, .f64, imm: .double(Double(n))), t: .float) }
            return TV(v: cur.emit(.iconst, .i64, imm: .int(n)), t: .int)
        case .float(let d): return TV(v: cur.emit(.fconst, .f64, imm: .double(d)), t: .float)
        case .string(let s): return TV(v: cur.emit(.sconst, .str, imm: .string(s)), t: .string)
        case .bool(let b): return TV(v: cur.emit(.bconst, .bool, imm: .int(b ? 1 : 0)), t: .bool)
        case .null:
            if let t = expected, t.isNullable, t != .unit { return TV(v: cur.emit(.null, ir(t)), t: t) }
            return TV(v: cur.emit(.null, .any), t: .null)
        case .name(let n):
            if let b = scope[n.id] { return readBinding(b, n, e.location) }
            if n.text == "nil" {
                if let t = expected, t.isNullable, t != .unit { return TV(v: cur.emit(.null, ir(t)), t: t) }
                return TV(v: cur.emit(.null, .any), t: .null)
            }
            if let v = variants[n.id] {
                let u = types.unions[v.union]
                if !u.variants[v.variant].fields.isEmpty {
                    error("variant '\(n.text)' needs its fields", e.location)
                }
                return TV(v: cur.emit(.variantNew, .named(u.irName), [],
                                      imm: .variant(VariantRef(typeName: u.irName, variant: Int32(v.variant)))),
                          t: .union(v.union))
            }
            if let b = builtins[n.text] {
                if let f = b.outOfScopeFeature { outOfScope(f, e.location) } else {
                    error("builtin '\(n.text)' cannot be used as a value", e.location)
                }
                return poison()
            }
            error("undefined name '\(n.text)'", e.location)
            return poison()
        case .list(let items):
            return lowerListLiteral(items, expected, e.location)
        case .map(let entries):
            return lowerMapLiteral(entries, expected, e.location)
        case .structLiteral(let tn, let tloc, let fields):
            return lowerStructLiteral(tn, tloc, fields, e.location)
        case .unary(let op, let x):
            return lowerUnary(op, x, e.location)
        case .binary(let op, let a, let b):
            return lowerBinary(op, a, b, e.location, expected)
        case .call(let callee, let args):
            return lowerCall(callee, args, e.location, expected)
        case .index(let base, let index, _):
            return lowerIndex(base, index, e.location, expected)
        case .slice(let base, let start, let end, let step):
            return lowerSlice(base, start, end, step, e.location)
        case .field(let base, let name, let nloc, _):
            return lowerField(base, name, nloc, e.location, expected)
        case .cast(let x, let te):
            let target = resolve(te)
            // A conditional or match converted to a scalar is converted as a whole:
            // its branches keep their own types (`(if c then r else s) as string` for
            // bigrats r and s was "expected string"); other operands, literals such
            // as `[] as list<int>`, take the target as their hint.
            var hint: MType? = target
            switch x.kind {
            case .conditional, .match:
                if [.int, .float, .bool, .string, .bigint, .bigrat].contains(target) { hint = nil }
            default: break
            }
            let tv = lowerExpr(x, hint)
            setLoc(e.location)
            return TV(v: cast(tv, to: target, at: e.location), t: target)
        case .conditional(let c, let t, let el):
            return lowerConditional(c, t, el, expected, e.location)
        case .match(let subject, let cases):
            return lowerMatch(subject, cases, expected, e.location)
        case .function(let f):
            return lowerLambda(f, expected, e.location)
        case .query(let q):
            return lowerQuery(q, expected, e.location)
        case .outOfScope(let feature):
            outOfScope(feature, e.location)
            return poison()
        case .invalid:
            return poison()
        }
    }

    /// The value of an erroneous expression: `any` keeps later checks quiet.
    func poison() -> TV { TV(v: cur.emit(.null, .any), t: .any) }

    func readBinding(_ b: Binding, _ n: Name, _ loc: SourceLocation) -> TV {
        switch b {
        case .local(let depth, let slot, let t, _):
            let s = localSlot(for: CaptureKey(depth: depth, slot: slot), irType: ir(t), type: t, isCell: false)
            return TV(v: cur.read(s), t: t)
        case .cell(let depth, let slot, let t):
            let s = localSlot(for: CaptureKey(depth: depth, slot: slot), irType: .list(ir(t)), type: t, isCell: true)
            let cell = cur.read(s)
            let zero = cur.emit(.iconst, .i64, imm: .int(0))
            return TV(v: cur.emit(.listGet, ir(t), [cell, zero]), t: t)
        case .global(let g, let t):
            return TV(v: cur.emit(.globalGet, ir(t), imm: .global(g)), t: t)
        case .function(let i):
            return functionValue(i, bound: [], loc)
        case .receiverField(let depth, let slot, let si, let fi):
            let st = MType.structure(si)
            let s = localSlot(for: CaptureKey(depth: depth, slot: slot), irType: ir(st), type: st, isCell: false)
            let recv = cur.read(s)
            let ft = types.structs[si].fields[fi].type
            return TV(v: cur.emit(.fieldGet, ir(ft), [recv], imm: .field(FieldRef(typeName: types.structs[si].irName, variant: -1, field: Int32(fi)))), t: ft)
        case .receiverMethod(let depth, let slot, let si, let m):
            let recv = receiverValue(depth, slot, si)
            return functionValue(m, bound: [recv], loc)
        case .mathModule:
            error("the math module '\(n.text)' is not a value", loc)
            return poison()
        }
    }

    /// The receiver of the method at `depth` (read through captures from a closure in it).
    func receiverValue(_ depth: Int, _ slot: Int, _ si: Int) -> TV {
        let st = MType.structure(si)
        let s = localSlot(for: CaptureKey(depth: depth, slot: slot), irType: ir(st), type: st, isCell: false)
        return TV(v: cur.read(s), t: st)
    }

    /// A closure over function `i` with its captures and any partially applied args.
    func functionValue(_ i: Int, bound: [TV], _ loc: SourceLocation) -> TV {
        let info = funcs[i]
        if info.lowering != nil && info.isNested {
            error("a nested function cannot be used as a value inside its own body ('\(info.name)')", loc)
            return poison()
        }
        var args: [Value] = []
        for c in info.captures { args.append(captureValue(c.key, type: c.type, isCell: c.isCell)) }
        var k = 0
        for b in bound {
            args.append(coerce(b, to: info.params[k], at: loc))
            k += 1
        }
        let rest = Array(info.params[k...])
        let t = MType.fn(rest, info.result)
        return TV(v: cur.emit(.closureNew, ir(t), args, imm: .function(info.irName)), t: t)
    }

    // MARK: Conversions

    func coerce(_ tv: TV, to t: MType, at loc: SourceLocation) -> Value {
        if tv.t == t { return tv.v }
        let from = ir(tv.t), to = ir(t)
        if widens(tv.t, t), let v = convertNumber(tv, to: t) { return v }
        switch (tv.t, t) {
        case (.null, _):
            if t.isNullable { return t == .unit ? cur.emit(.null, .unit) : cur.emit(.null, to) }
        case (.any, .unit):
            return cur.emit(.null, .unit)
        case (.group(_, let item), .list):
            return coerce(groupItems(tv.v, item: item), to: t, at: loc)
        case (.structure(let a), .structure(let b)) where from != to:
            if let v = convertStruct(tv.v, a, b) { return v }
        case (.list(let a), .list(let b)) where from != to:
            return convertList(tv.v, a, b, at: loc)
        case (.map(let ka, let va), .map(let kb, let vb)) where from != to:
            return convertMap(tv.v, ka, va, kb, vb, at: loc)
        case (.fn, .fn) where from != to:
            if functionFits(tv.t, t) { return adaptFunction(tv.v, from: tv.t, to: t, loc) }
            error("type mismatch: expected \(describe(t)), got \(describe(tv.t))", loc)
            return cur.zero(to)
        case (.fn(let ps, _), .any):
            // `any` accepts a function of any type (§3), held in the one form a call
            // through `any` makes: every parameter and the result `any`.
            let general = MType.fn(ps.map { _ in .any }, .any)
            let v = tv.t == general ? tv.v : adaptFunction(tv.v, from: tv.t, to: general, loc)
            return cur.emit(.box, .any, [v])
        case (.any, .fn(let ps, _)):
            let general = MType.fn(ps.map { _ in .any }, .any)
            let v = cur.emit(.unbox, ir(general), [tv.v])
            return t == general ? v : adaptFunction(v, from: general, to: t, loc)
        default: break
        }
        if from == to { return tv.v }
        if t == .any || to == .any && from != .unit {
            if from == .unit { return cur.emit(.null, .any) }
            return cur.emit(.box, .any, [tv.v])
        }
        if from == .any {
            if to == .unit { return cur.emit(.null, .unit) }
            return cur.emit(.unbox, to, [tv.v])
        }
        error("type mismatch: expected \(describe(t)), got \(describe(tv.t))", loc)
        return cur.zero(to)
    }

    /// Whether a function of type `a` may stand where `b` is expected: the same
    /// number of parameters, each the same type or `any` on one side (converted by
    /// an adapter; from `any` checked when called), and a result that converts the
    /// same way or is ignored (`b` has none, §3).
    func functionFits(_ a: MType, _ b: MType) -> Bool {
        guard case .fn(let pa, let ra) = a, case .fn(let pb, let rb) = b, pa.count == pb.count else { return false }
        func fits(_ x: MType, _ y: MType) -> Bool {
            x == y || x == .any || y == .any || functionFits(x, y)
        }
        for (x, y) in zip(pb, pa) where !fits(x, y) { return false }
        return rb == .unit || fits(ra, rb)
    }

    /// A closure of type `to` over `f` (of type `from`, `functionFits`): an adapter
    /// function, made once per pair of types, converts each argument to `from`'s
    /// parameter type, calls `f` and converts its result (or drops it).
    func adaptFunction(_ f: Value, from: MType, to: MType, _ loc: SourceLocation) -> Value {
        guard case .fn(let pa, let ra) = from, case .fn(let pb, let rb) = to else { return f }
        let key = describe(from) + " -> " + describe(to)
        let name: String
        if let n = adapters[key] {
            name = n
        } else {
            name = uniqueFunctionName("adapt")
            adapters[key] = name
            let fn = Function(name: name, paramTypes: [ir(from)] + pb.map { ir($0) }, returnType: ir(rb))
            module.functions.append(fn)
            let ctx = makeFnCtx(fn, depth: 1, returnType: rb, body: nil)
            let savedFns = fns
            // The adapter serves every conversion of this pair of types, so its
            // instructions carry no source location of their own.
            fns = [fns[0], ctx]
            let ps = ctx.declaredParams
            var args: [Value] = []
            for (k, p) in ps.dropFirst().enumerated() { args.append(coerce(TV(v: p, t: pb[k]), to: pa[k], at: loc)) }
            let id = ctx.emitInst(.callClosure, ra == .unit ? nil : ir(ra), [ps[0]] + args)
            if rb == .unit {
                ctx.ret(nil)
            } else {
                ctx.ret(coerce(callResult(id, ra), to: rb, at: loc))
            }
            finishFnCtx(ctx)
            fns = savedFns
        }
        return cur.emit(.closureNew, ir(to), [f], imm: .function(name))
    }

    /// Field-by-field copy between record/struct types with the same field names.
    func convertStruct(_ v: Value, _ a: Int, _ b: Int) -> Value? {
        let fa = types.structs[a], fb = types.structs[b]
        guard fa.fields.count == fb.fields.count else { return nil }
        var args: [Value] = []
        for f in fb.fields {
            guard let k = fa.fieldIndex[f.name.id] else { return nil }
            let x = cur.emit(.fieldGet, ir(fa.fields[k].type), [v], imm: .field(FieldRef(typeName: fa.irName, variant: -1, field: Int32(k))))
            args.append(coerce(TV(v: x, t: fa.fields[k].type), to: f.type, at: .unknown))
        }
        return newStruct(b, args, anonymous: fa.isRecord)
    }

    /// A new struct of type `si` from its fields: `record.new` (printed without
    /// "__name", §9) for a record type or when `anonymous` (a map literal typed as a
    /// struct), else `struct.new`.
    func newStruct(_ si: Int, _ args: [Value], anonymous: Bool = false) -> Value {
        let s = types.structs[si]
        return cur.emit(anonymous || s.isRecord ? .recordNew : .structNew, s.irType, args)
    }

    /// A new list with every element converted (e.g. list<int> -> list<any>).
    func convertList(_ v: Value, _ a: MType, _ b: MType, at loc: SourceLocation) -> Value {
        let out = cur.emit(.listNew, .list(ir(b)), [])
        let n = cur.emit(.listLen, .i64, [v])
        let counter = cur.newSlot(.i64)
        cur.write(counter, cur.emit(.iconst, .i64, imm: .int(0)))
        lowerCountedLoopBody(counter: counter, end: n) { i in
            let x = self.cur.emit(.listGet, self.ir(a), [v, i])
            let y = self.coerce(TV(v: x, t: a), to: b, at: loc)
            self.cur.emitVoid(.listPush, [out, y])
        }
        return out
    }

    func convertMap(_ v: Value, _ ka: MType, _ va: MType, _ kb: MType, _ vb: MType, at loc: SourceLocation) -> Value {
        let out = cur.emit(.mapNew, .map(ir(kb), ir(vb)), [])
        let keys = cur.emit(.mapKeys, .list(ir(ka)), [v])
        let n = cur.emit(.listLen, .i64, [keys])
        let counter = cur.newSlot(.i64)
        cur.write(counter, cur.emit(.iconst, .i64, imm: .int(0)))
        lowerCountedLoopBody(counter: counter, end: n) { i in
            let k = self.cur.emit(.listGet, self.ir(ka), [keys, i])
            let x = self.cur.emit(.mapGet, self.ir(va), [v, k])
            self.cur.emitVoid(.mapSet, [out, self.coerce(TV(v: k, t: ka), to: kb, at: loc),
                                        self.coerce(TV(v: x, t: va), to: vb, at: loc)])
        }
        return out
    }

    /// `x as T`.
    func cast(_ tv: TV, to t: MType, at loc: SourceLocation) -> Value {
        switch (tv.t, t) {
        case (.string, .int): return cur.emit(.strToInt, .i64, [tv.v])
        case (.string, .float): return cur.emit(.strToFloat, .f64, [tv.v])
        case (.float, .int): return cur.emit(.ftoi, .i64, [tv.v])
        case (.string, .bigint), (.string, .bigrat): return cur.emit(.bigFromStr, ir(t), [tv.v])
        case (.int, .string), (.float, .string), (.bool, .string), (.bigint, .string), (.bigrat, .string):
            return cur.emit(.tostr, .str, [tv.v])
        case (.bigint, _), (.bigrat, _), (.float, .bigint), (.float, .bigrat):
            if let v = convertNumber(tv, to: t) { return v }
            return coerce(tv, to: t, at: loc)
        case (.map(_, let vt), .structure(let si)):
            let s = types.structs[si]
            var args: [Value] = []
            for f in s.fields {
                let key = coerce(TV(v: cur.emit(.sconst, .str, imm: .string(f.name.text)), t: .string), to: mapKeyType(tv.t), at: loc)
                let x = cur.emit(.mapGetAny, .any, [tv.v, key])
                _ = vt
                args.append(coerce(TV(v: x, t: .any), to: f.type, at: loc))
            }
            return newStruct(si, args)
        default:
            return coerce(tv, to: t, at: loc)
        }
    }

    func mapKeyType(_ t: MType) -> MType {
        if case .map(let k, _) = t { return k }
        return .any
    }

    /// The join of two types (branches of a conditional, elements of a literal).
    func unify(_ a: MType, _ b: MType) -> MType {
        if a == b { return a }
        switch (a, b) {
        case (.null, _): return b.isNullable && b != .unit ? b : .any
        case (_, .null): return a.isNullable && a != .unit ? a : .any
        case (.int, .float), (.float, .int): return .float
        case _ where exactPromotion(a, b) != nil: return exactPromotion(a, b)!
        case (.list(let x), .list(let y)): return .list(unify(x, y))
        case (.map(let k1, let v1), .map(let k2, let v2)): return .map(unify(k1, k2), unify(v1, v2))
        case (.structure(let i), .structure(let j)) where types.structs[i].isRecord && types.structs[j].isRecord:
            let fa = types.structs[i].fields, fb = types.structs[j].fields
            guard fa.count == fb.count else { return .any }
            var fs: [FieldInfo] = []
            for f in fa {
                guard let k = types.structs[j].fieldIndex[f.name.id] else { return .any }
                let u = unify(f.type, fb[k].type)
                fs.append(FieldInfo(name: f.name, type: u == .null ? .any : u))
            }
            return .structure(types.record(fs))
        default: return .any
        }
    }

    // MARK: Literals

    func lowerListLiteral(_ items: [Expr], _ expected: MType?, _ loc: SourceLocation) -> TV {
        if case .list(let et)? = expected {
            let vs = items.map { coerce(lowerExpr($0, et), to: et, at: $0.location) }
            setLoc(loc)
            return TV(v: cur.emit(.listNew, .list(ir(et)), vs), t: .list(et))
        }
        if items.isEmpty {
            return TV(v: cur.emit(.listNew, .list(.any), []), t: .list(.any))
        }
        let tvs = items.map { lowerExpr($0, nil) }
        var et = tvs[0].t
        for tv in tvs.dropFirst() { et = unify(et, tv.t) }
        if et == .null || et == .unit { et = .any }
        let vs = zip(tvs, items).map { coerce($0.0, to: et, at: $0.1.location) }
        setLoc(loc)
        return TV(v: cur.emit(.listNew, .list(ir(et)), vs), t: .list(et))
    }

    func lowerMapLiteral(_ entries: [MapEntry], _ expected: MType?, _ loc: SourceLocation) -> TV {
        let allIdent = !entries.isEmpty && entries.allSatisfy { $0.isIdentifierKey }
        if case .structure(let si)? = expected, allIdent {
            return buildStruct(si, entries.map { e -> (Name?, Expr, SourceLocation) in
                if case .string(let s) = e.key.kind { return (program.names.lookup(s), e.value, e.key.location) }
                return (nil, e.value, e.key.location)
            }, loc, anonymous: true)
        }
        var mapExpected: (MType, MType)? = nil
        if case .map(let k, let v)? = expected { mapExpected = (k, v) }
        if allIdent && mapExpected == nil {
            // An anonymous record.
            var fields: [FieldInfo] = []
            var vals: [TV] = []
            var seen: Set<Int32> = []
            for e in entries {
                guard case .string(let s) = e.key.kind, let n = program.names.lookup(s) else { continue }
                let tv = lowerExpr(e.value, nil)
                if seen.contains(n.id) { continue }
                seen.insert(n.id)
                var t = tv.t
                if t == .null || t == .unit { t = .any }
                fields.append(FieldInfo(name: n, type: t))
                vals.append(tv)
            }
            let si = types.record(fields)
            let args = zip(vals, fields).map { coerce($0.0, to: $0.1.type, at: loc) }
            setLoc(loc)
            return TV(v: newStruct(si, args), t: .structure(si))
        }
        if let (kt, vt) = mapExpected {
            var args: [Value] = []
            for e in entries {
                args.append(coerce(lowerExpr(e.key, kt), to: kt, at: e.key.location))
                args.append(coerce(lowerExpr(e.value, vt), to: vt, at: e.value.location))
            }
            setLoc(loc)
            return TV(v: cur.emit(.mapNew, .map(ir(kt), ir(vt)), args), t: .map(kt, vt))
        }
        if entries.isEmpty {
            return TV(v: cur.emit(.mapNew, .map(.any, .any), []), t: .map(.any, .any))
        }
        var ks: [TV] = [], vs: [TV] = []
        for e in entries {
            ks.append(lowerExpr(e.key, nil))
            vs.append(lowerExpr(e.value, nil))
        }
        var kt = ks[0].t, vt = vs[0].t
        for k in ks.dropFirst() { kt = unify(kt, k.t) }
        for v in vs.dropFirst() { vt = unify(vt, v.t) }
        if kt == .null { kt = .any }
        if vt == .null || vt == .unit { vt = .any }
        var args: [Value] = []
        for i in entries.indices {
            args.append(coerce(ks[i], to: kt, at: entries[i].key.location))
            args.append(coerce(vs[i], to: vt, at: entries[i].value.location))
        }
        setLoc(loc)
        return TV(v: cur.emit(.mapNew, .map(ir(kt), ir(vt)), args), t: .map(kt, vt))
    }

    func lowerStructLiteral(_ tn: Name, _ tloc: SourceLocation, _ fields: [FieldInit], _ loc: SourceLocation) -> TV {
        if let t = typeNames[tn.id] {
            switch t {
            case .structure(let si):
                return buildStruct(si, fields.map { ($0.name, $0.value, $0.location) }, loc)
            case .union(let u) where types.unions[u].variants.count == 1:
                return buildVariant(u, 0, fields, loc)
            default:
                error("'\(tn.text)' is not a struct type", tloc)
                return poison()
            }
        }
        if let v = variants[tn.id] { return buildVariant(v.union, v.variant, fields, loc) }
        error("unknown type '\(tn.text)'", tloc)
        for f in fields { _ = lowerExpr(f.value, nil) }
        return poison()
    }

    func buildStruct(_ si: Int, _ fields: [(Name?, Expr, SourceLocation)], _ loc: SourceLocation,
                     anonymous: Bool = false) -> TV {
        let s = types.structs[si]
        var vals: [Value?] = Array(repeatElement(nil, count: s.fields.count))
        for (n, e, floc) in fields {
            guard let n, let k = s.fieldIndex[n.id] else {
                error("type \(s.name) has no field '\(n?.text ?? "?")'", floc)
                _ = lowerExpr(e, nil)
                continue
            }
            let ft = s.fields[k].type
            vals[k] = coerce(lowerExpr(e, ft), to: ft, at: e.location)
        }
        setLoc(loc)
        let args = vals.enumerated().map { $0.element ?? zeroValue(s.fields[$0.offset].type) }
        return TV(v: newStruct(si, args, anonymous: anonymous), t: .structure(si))
    }

    func buildVariant(_ u: Int, _ vi: Int, _ fields: [FieldInit], _ loc: SourceLocation) -> TV {
        let v = types.unions[u].variants[vi]
        var vals: [Value?] = Array(repeatElement(nil, count: v.fields.count))
        for f in fields {
            guard let k = v.fieldIndex[f.name.id] else {
                error("variant \(v.name.text) has no field '\(f.name.text)'", f.location)
                _ = lowerExpr(f.value, nil)
                continue
            }
            let ft = v.fields[k].type
            vals[k] = coerce(lowerExpr(f.value, ft), to: ft, at: f.value.location)
        }
        return makeVariant(u, vi, vals, loc)
    }

    func makeVariant(_ u: Int, _ vi: Int, _ vals: [Value?], _ loc: SourceLocation) -> TV {
        let v = types.unions[u].variants[vi]
        setLoc(loc)
        let args = vals.enumerated().map { $0.element ?? zeroValue(v.fields[$0.offset].type) }
        let irName = types.unions[u].irName
        return TV(v: cur.emit(.variantNew, .named(irName), args, imm: .variant(VariantRef(typeName: irName, variant: Int32(vi)))),
                  t: .union(u))
    }

    // MARK: Operators

    func lowerUnary(_ op: UnaryOperator, _ x: Expr, _ loc: SourceLocation) -> TV {
        switch op {
        case .negate:
            if case .int(let n) = x.kind, n != Int64.min {
                setLoc(loc)
                return TV(v: cur.emit(.iconst, .i64, imm: .int(-n)), t: .int)
            }
            if case .float(let d) = x.kind {
                setLoc(loc)
                return TV(v: cur.emit(.fconst, .f64, imm: .double(-d)), t: .float)
            }
            let tv = lowerExpr(x, nil)
            setLoc(loc)
            switch tv.t {
            case .int: return TV(v: cur.emit(.ineg, .i64, [tv.v]), t: .int)
            case .float: return TV(v: cur.emit(.fneg, .f64, [tv.v]), t: .float)
            case .bigint, .bigrat: return TV(v: cur.emit(.bigNeg, ir(tv.t), [tv.v]), t: tv.t)
            case .any: return TV(v: cur.emit(.anyNeg, .any, [tv.v]), t: .any)
            default:
                error("invalid operand of unary '-': \(describe(tv.t))", loc)
                return poison()
            }
        case .not:
            let c = lowerCondition(x)
            setLoc(loc)
            return TV(v: cur.emit(.not, .bool, [c]), t: .bool)
        }
    }

    /// A condition as a bool: bools directly, `any` and nullable references by
    /// truthiness (`if row.order { ... }`).
    func lowerCondition(_ e: Expr) -> Value {
        let tv = lowerExpr(e, .bool)
        setLoc(e.location)
        return truthy(tv, e.location)
    }

    func truthy(_ tv: TV, _ loc: SourceLocation) -> Value {
        switch tv.t {
        case .bool: return tv.v
        case .any, .null: return cur.emit(.anyTruthy, .bool, [tv.v])
        case .int, .float, .string, .unit, .fn, .bigint, .bigrat:
            error("type mismatch: expected bool, got \(describe(tv.t))", loc)
            return cur.emit(.bconst, .bool, imm: .int(0))
        default:
            // A nullable reference: true when not null.
            let n = cur.emit(.null, ir(tv.t))
            return cur.emit(.cmp, .bool, [tv.v, n], imm: .cond(.ne))
        }
    }

    func lowerBinary(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ loc: SourceLocation, _ expected: MType?) -> TV {
        switch op {
        case .and, .or:
            let l = lowerCondition(a)
            let slot = cur.newSlot(.bool)
            cur.write(slot, l)
            let rhsB = cur.makeBlock(), join = cur.makeBlock()
            if op == .and { cur.brif(l, rhsB, join) } else { cur.brif(l, join, rhsB) }
            cur.seal(rhsB)
            cur.switchTo(rhsB)
            let r = lowerCondition(b)
            cur.write(slot, r)
            cur.jump(join)
            cur.seal(join)
            cur.switchTo(join)
            return TV(v: cur.read(slot), t: .bool)
        case .coalesce:
            return lowerCoalesce(a, b, loc, expected)
        default: break
        }
        let l = lowerExpr(a, nil)
        var rhsExpected: MType? = nil
        // Not for an int: a conditional or match on the right would be typed int by
        // the hint, and `1 + (if c then 2 else 3.5)` or a bigint branch rejected
        // instead of promoted (int < bigint < bigrat < float).
        if l.t == .float || l.t == .string { rhsExpected = l.t }
        if case .list(let et) = l.t, (op == .union || op == .unionAll || op == .except || op == .intersect || op == .add) {
            rhsExpected = .list(et)
        }
        let r = lowerExpr(b, rhsExpected)
        setLoc(loc)
        return binaryOp(op, l, r, loc)
    }

    func binaryOp(_ op: BinaryOperator, _ l: TV, _ r: TV, _ loc: SourceLocation) -> TV {
        switch op {
        case .add, .subtract, .multiply, .divide, .remainder:
            return arithmetic(op, l, r, loc)
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            return TV(v: compare(op, l, r, loc), t: .bool)
        case .contains:
            return TV(v: membership(l, r, loc), t: .bool)
        case .union, .unionAll, .except, .intersect:
            let opc: Opcode = op == .union ? .listUnion : op == .unionAll ? .listUnionAll : op == .except ? .listExcept : .listIntersect
            guard case .list = l.t, case .list = r.t else {
                error("invalid operands of '\(op.rawValue)': \(describe(l.t)) and \(describe(r.t))", loc)
                return poison()
            }
            let t = unify(l.t, r.t)
            let a = coerce(l, to: t, at: loc), b = coerce(r, to: t, at: loc)
            return TV(v: cur.emit(opc, ir(t), [a, b]), t: t)
        default:
            error("invalid operator '\(op.rawValue)'", loc)
            return poison()
        }
    }

    func arithmetic(_ op: BinaryOperator, _ l: TV, _ r: TV, _ loc: SourceLocation) -> TV {
        if let t = exactPromotion(l.t, r.t) { return exactArithmetic(op, l, r, t, loc) }
        switch (l.t, r.t) {
        case (.int, .int):
            let opc = Checker.arithmeticOpcode(op, .iadd, .isub, .imul, .idiv, .irem)
            return TV(v: cur.emit(opc, .i64, [l.v, r.v]), t: .int)
        case (.int, .float), (.float, .int), (.float, .float):
            let a = coerce(l, to: .float, at: loc), b = coerce(r, to: .float, at: loc)
            let opc = Checker.arithmeticOpcode(op, .fadd, .fsub, .fmul, .fdiv, .frem)
            return TV(v: cur.emit(opc, .f64, [a, b]), t: .float)
        case (.string, .string) where op == .add:
            return TV(v: cur.emit(.strConcat, .str, [l.v, r.v]), t: .string)
        case (.list, .list) where op == .add:
            let t = unify(l.t, r.t)
            let a = coerce(l, to: t, at: loc), b = coerce(r, to: t, at: loc)
            return TV(v: cur.emit(.listConcat, ir(t), [a, b]), t: t)
        case (.any, _), (_, .any):
            let okOther: (MType) -> Bool = { $0 == .any || $0.isNumeric || $0 == .string || $0 == .null }
            guard okOther(l.t), okOther(r.t) else { break }
            let a = coerce(l, to: .any, at: loc), b = coerce(r, to: .any, at: loc)
            let opc = Checker.arithmeticOpcode(op, .anyAdd, .anySub, .anyMul, .anyDiv, .anyRem)
            let v = cur.emit(opc, .any, [a, b])
            // A known numeric side fixes the result type (any + int stays dynamic).
            return TV(v: v, t: .any)
        default: break
        }
        error("invalid operands of '\(op.rawValue)': \(describe(l.t)) and \(describe(r.t))", loc)
        return poison()
    }

    /// The opcode of an arithmetic operator among one family's five (a switch, not a
    /// dictionary literal: that built and hashed a dictionary per operator lowered).
    static func arithmeticOpcode(_ op: BinaryOperator, _ add: Opcode, _ sub: Opcode, _ mul: Opcode,
                                 _ div: Opcode, _ rem: Opcode) -> Opcode {
        switch op {
        case .add: return add
        case .subtract: return sub
        case .multiply: return mul
        case .divide: return div
        case .remainder: return rem
        default: preconditionFailure("not an arithmetic operator: \(op)")
        }
    }

    func cond(_ op: BinaryOperator) -> CondCode {
        switch op {
        case .less: return .lt
        case .lessEqual: return .le
        case .greater: return .gt
        case .greaterEqual: return .ge
        case .equal: return .eq
        default: return .ne
        }
    }

    func compare(_ op: BinaryOperator, _ l: TV, _ r: TV, _ loc: SourceLocation) -> Value {
        let c = cond(op)
        let isEq = op == .equal || op == .notEqual
        if let t = exactPromotion(l.t, r.t) { return exactCompare(c, l, r, t) }
        switch (l.t, r.t) {
        case (.int, .int), (.bool, .bool):
            if !isEq && l.t == .bool { break }
            return cur.emit(.icmp, .bool, [l.v, r.v], imm: .cond(c))
        case (.int, .float), (.float, .int), (.float, .float):
            return cur.emit(.fcmp, .bool, [coerce(l, to: .float, at: loc), coerce(r, to: .float, at: loc)], imm: .cond(c))
        case (.string, .string):
            return cur.emit(.cmp, .bool, [l.v, r.v], imm: .cond(c))
        case (.null, .null):
            return cur.emit(.bconst, .bool, imm: .int(isEq == (op == .equal) ? 1 : 0))
        case (.null, _) where isEq && r.t != .any, (_, .null) where isEq && l.t != .any:
            let x = l.t == .null ? r : l
            if !x.t.isNullable {
                return cur.emit(.bconst, .bool, imm: .int(op == .equal ? 0 : 1))
            }
            let n = cur.emit(.null, ir(x.t))
            return cur.emit(.cmp, .bool, [x.v, n], imm: .cond(c))
        case (.any, _), (_, .any), (.null, _), (_, .null):
            return cur.emit(.anyCmp, .bool, [coerce(l, to: .any, at: loc), coerce(r, to: .any, at: loc)], imm: .cond(c))
        default:
            if isEq {
                let t = unify(l.t, r.t)
                if t != .any || (l.t == .any && r.t == .any) {
                    return cur.emit(.cmp, .bool, [coerce(l, to: t, at: loc), coerce(r, to: t, at: loc)], imm: .cond(c))
                }
                error("cannot compare \(describe(l.t)) and \(describe(r.t))", loc)
                return cur.emit(.bconst, .bool, imm: .int(0))
            }
            if l.t == r.t {
                return cur.emit(.cmp, .bool, [l.v, r.v], imm: .cond(c))
            }
        }
        error("cannot compare \(describe(l.t)) and \(describe(r.t)) with '\(op.rawValue)'", loc)
        return cur.emit(.bconst, .bool, imm: .int(0))
    }

    func membership(_ l: TV, _ r: TV, _ loc: SourceLocation) -> Value {
        switch r.t {
        case .list(let e):
            return cur.emit(.listContains, .bool, [r.v, coerce(l, to: e, at: loc)])
        case .map(let k, _):
            return cur.emit(.mapHas, .bool, [r.v, coerce(l, to: k, at: loc)])
        case .string:
            return cur.emit(.strContains, .bool, [r.v, coerce(l, to: .string, at: loc)])
        case .group(_, let item):
            let items = groupItems(r.v, item: item)
            return membership(l, items, loc)
        case .structure(let si) where types.structs[si].isRecord:
            if l.t == .string {
                // A record has exactly its fields: compare the key with each name.
                var acc = cur.emit(.bconst, .bool, imm: .int(0))
                for f in types.structs[si].fields {
                    let name = cur.emit(.sconst, .str, imm: .string(f.name.text))
                    let eq = cur.emit(.cmp, .bool, [l.v, name], imm: .cond(.eq))
                    // Field names differ, so at most one test holds: xor is or.
                    acc = cur.emit(.icmp, .bool, [acc, eq], imm: .cond(.ne))
                }
                return acc
            }
        default: break
        }
        error("invalid operands of 'in': \(describe(l.t)) and \(describe(r.t))", loc)
        return cur.emit(.bconst, .bool, imm: .int(0))
    }

    /// `a ?? b`: b only when a is null.
    func lowerCoalesce(_ a: Expr, _ b: Expr, _ loc: SourceLocation, _ expected: MType?) -> TV {
        let l = lowerExpr(a, .any)
        setLoc(loc)
        if !l.t.isNullable { return l }
        let n = cur.emit(.null, ir(l.t))
        let isNull = cur.emit(.cmp, .bool, [l.v, n], imm: .cond(.eq))
        let rhsB = cur.makeBlock(), lhsB = cur.makeBlock(), join = cur.makeBlock()
        cur.brif(isNull, rhsB, lhsB)
        cur.seal(rhsB)
        cur.switchTo(rhsB)
        // A map read of exact numbers: the result is of their type (an int default
        // converts), where otherwise an `any` takes the default's type.
        var read: MType? = nil
        if l.t == .any, let last = lastAnyMapRead, last.fn == ObjectIdentifier(cur.fn), last.value == l.v,
           last.type.isExact { read = last.type }
        let r = lowerExpr(b, l.t == .any ? (read ?? expected) : l.t)
        let rEnd = cur.current
        var t: MType = l.t == .any || l.t == .null ? (r.t == .null ? .any : r.t) : unify(l.t, r.t)
        if let read, let p = exactPromotion(read, r.t), p.isExact { t = p }
        let slot = cur.newSlot(ir(t))
        cur.write(slot, coerce(r, to: t, at: b.location))
        cur.jump(join)
        _ = rEnd
        cur.seal(lhsB)
        cur.switchTo(lhsB)
        cur.write(slot, coerce(l, to: t, at: loc))
        cur.jump(join)
        cur.seal(join)
        cur.switchTo(join)
        return TV(v: cur.read(slot), t: t)
    }

    // MARK: Indexing and fields

    func lowerIndex(_ base: Expr, _ index: Expr, _ loc: SourceLocation, _ expected: MType?) -> TV {
        let b = lowerExpr(base, nil)
        switch b.t {
        case .list(let e):
            let i = coerce(lowerExpr(index, .int), to: .int, at: index.location)
            setLoc(loc)
            return TV(v: cur.emit(.listGet, ir(e), [b.v, i]), t: e)
        case .string:
            let i = coerce(lowerExpr(index, .int), to: .int, at: index.location)
            setLoc(loc)
            return TV(v: cur.emit(.strIndex, .str, [b.v, i]), t: .string)
        case .map(let k, let v):
            let key = coerce(lowerExpr(index, k), to: k, at: index.location)
            setLoc(loc)
            return mapRead(b.v, key, v, expected)
        case .structure(let si):
            if case .string(let s) = index.kind, let n = program.names.lookup(s),
               let fi = types.structs[si].fieldIndex[n.id] {
                let ft = types.structs[si].fields[fi].type
                setLoc(loc)
                return TV(v: cur.emit(.fieldGet, ir(ft), [b.v], imm: .field(FieldRef(typeName: types.structs[si].irName, variant: -1, field: Int32(fi)))), t: ft)
            }
            error("cannot index a value of type \(describe(b.t)) with a non-constant key", index.location)
            return poison()
        case .any:
            let i = coerce(lowerExpr(index, nil), to: .any, at: index.location)
            setLoc(loc)
            return TV(v: cur.emit(.anyIndex, .any, [b.v, i]), t: .any)
        case .group(_, let item):
            let items = groupItems(b.v, item: item)
            let i = coerce(lowerExpr(index, .int), to: .int, at: index.location)
            return TV(v: cur.emit(.listGet, ir(item), [items.v, i]), t: item)
        default:
            _ = lowerExpr(index, nil)
            error("cannot index a value of type \(describe(b.t))", loc)
            return poison()
        }
    }

    /// `m[k]`: a missing key reads as nil where the context can show it.
    func mapRead(_ m: Value, _ key: Value, _ v: MType, _ expected: MType?) -> TV {
        if !v.isNullable && expected == .any {
            let r = cur.emit(.mapGetAny, .any, [m, key])
            lastAnyMapRead = (ObjectIdentifier(cur.fn), r, v)
            return TV(v: r, t: .any)
        }
        return TV(v: cur.emit(.mapGet, ir(v), [m, key]), t: v)
    }

    func lowerSlice(_ base: Expr, _ start: Expr?, _ end: Expr?, _ step: Expr?, _ loc: SourceLocation) -> TV {
        var b = lowerExpr(base, nil)
        if step != nil { error("slices with a step are not supported", loc) }
        if b.t == .any { b = TV(v: cur.emit(.unbox, .list(.any), [b.v]), t: .list(.any)) }
        let s = start.map { coerce(lowerExpr($0, .int), to: .int, at: $0.location) } ?? cur.emit(.iconst, .i64, imm: .int(0))
        var e = end.map { coerce(lowerExpr($0, .int), to: .int, at: $0.location) }
        setLoc(loc)
        switch b.t {
        case .list:
            if e == nil { e = cur.emit(.listLen, .i64, [b.v]) }
            return TV(v: cur.emit(.listSlice, ir(b.t), [b.v, s, e!]), t: b.t)
        case .string:
            if e == nil { e = cur.emit(.strLen, .i64, [b.v]) }
            return TV(v: cur.emit(.strSlice, .str, [b.v, s, e!]), t: .string)
        default:
            error("cannot slice a value of type \(describe(b.t))", loc)
            return poison()
        }
    }

    func lowerField(_ base: Expr, _ name: Name, _ nloc: SourceLocation, _ loc: SourceLocation, _ expected: MType?) -> TV {
        if case .name(let m) = base.kind, isMath(m) {
            if let c = MathLibrary.constants[name.text] {
                setLoc(loc)
                return TV(v: cur.emit(.fconst, .f64, imm: .double(c)), t: .float)
            }
            error("unknown math constant '\(name.text)'", nloc)
            return poison()
        }
        let b = lowerExpr(base, nil)
        setLoc(loc)
        return fieldOf(b, name, nloc, expected)
    }

    func fieldOf(_ b: TV, _ name: Name, _ nloc: SourceLocation, _ expected: MType?) -> TV {
        switch b.t {
        case .structure(let si):
            if let fi = types.structs[si].fieldIndex[name.id] {
                let ft = types.structs[si].fields[fi].type
                return TV(v: cur.emit(.fieldGet, ir(ft), [b.v], imm: .field(FieldRef(typeName: types.structs[si].irName, variant: -1, field: Int32(fi)))), t: ft)
            }
            error("type \(describe(b.t)) has no field '\(name.text)'", nloc)
            return poison()
        case .union(let u):
            for (vi, v) in types.unions[u].variants.enumerated() {
                if let fi = v.fieldIndex[name.id] {
                    let ft = v.fields[fi].type
                    return TV(v: cur.emit(.fieldGet, ir(ft), [b.v], imm: .field(FieldRef(typeName: types.unions[u].irName, variant: Int32(vi), field: Int32(fi)))), t: ft)
                }
            }
            error("type \(describe(b.t)) has no field '\(name.text)'", nloc)
            return poison()
        case .map(let k, let v) where k == .string || k == .any:
            let key = coerce(TV(v: cur.emit(.sconst, .str, imm: .string(name.text)), t: .string), to: k, at: nloc)
            return mapRead(b.v, key, v, expected)
        case .group(let k, let item):
            if name.text == "key" {
                let kv = cur.emit(.groupKey, .any, [b.v])
                return TV(v: coerce(TV(v: kv, t: .any), to: k, at: nloc), t: k)
            }
            if name.text == "items" { return groupItems(b.v, item: item) }
            error("a group has no field '\(name.text)' (only 'key' and 'items')", nloc)
            return poison()
        case .any, .null:
            return TV(v: cur.emit(.anyField, .any, [b.v], imm: .string(name.text)), t: .any)
        default:
            error("type \(describe(b.t)) has no field '\(name.text)'", nloc)
            return poison()
        }
    }

    func groupItems(_ g: Value, item: MType) -> TV {
        let items = cur.emit(.groupItems, .any, [g])
        return TV(v: cur.emit(.unbox, .list(ir(item)), [items]), t: .list(item))
    }

    // MARK: Conditional and match

    func lowerConditional(_ c: Expr, _ t: Expr, _ el: Expr?, _ expected: MType?, _ loc: SourceLocation) -> TV {
        let cv = lowerCondition(c)
        let thenB = cur.makeBlock(), elseB = cur.makeBlock(), join = cur.makeBlock()
        cur.brif(cv, thenB, elseB)
        cur.seal(thenB)
        cur.switchTo(thenB)
        let hint = expected == .any ? nil : expected
        let tv = lowerExpr(t, hint)
        let thenEnd = cur.current
        cur.seal(elseB)
        cur.switchTo(elseB)
        let ev: TV = el.map { lowerExpr($0, hint ?? tv.t) } ?? TV(v: cur.emit(.null, .any), t: .null)
        let elseEnd = cur.current
        var rt = hint ?? unify(tv.t, ev.t)
        if rt == .null { rt = .any }
        let slot = cur.newSlot(ir(rt))
        cur.switchTo(thenEnd)
        cur.write(slot, coerce(tv, to: rt, at: t.location))
        cur.jump(join)
        cur.switchTo(elseEnd)
        cur.write(slot, coerce(ev, to: rt, at: el?.location ?? loc))
        cur.jump(join)
        cur.seal(join)
        cur.switchTo(join)
        return TV(v: cur.read(slot), t: rt)
    }

    func lowerMatch(_ subject: Expr, _ cases: [MatchCase], _ expected: MType?, _ loc: SourceLocation) -> TV {
        let subj = lowerExpr(subject, nil)
        let join = cur.makeBlock()
        var ends: [(Block, TV, SourceLocation)] = []
        let hint = expected == .any ? nil : expected
        var hasDefault = false
        var reachedDefault = false
        for c in cases {
            let mark = scopeMark
            setLoc(c.patternLocation)
            var test: Value? = nil
            switch c.pattern {
            case .wildcard:
                hasDefault = true
            case .name(let n, _):
                if case .union(let u) = subj.t, let v = variants[n.id], v.union == u {
                    test = tagTest(subj.v, u, v.variant)
                } else if let b = scope[n.id] {
                    let x = readBinding(b, n, c.patternLocation)
                    test = compare(.equal, subj, x, c.patternLocation)
                } else if variants[n.id] != nil {
                    error("'\(n.text)' is not a variant of \(describe(subj.t))", c.patternLocation)
                } else {
                    // A bare name that is nothing else binds the subject.
                    declareLocalPlain(n, subj)
                    hasDefault = true
                }
            case .variant(let n, let bindings):
                guard case .union(let u) = subj.t, let v = variants[n.id], v.union == u else {
                    error("'\(n.text)' is not a variant of \(describe(subj.t))", c.patternLocation)
                    break
                }
                test = tagTest(subj.v, u, v.variant)
                _ = bindings
            case .expression(let pe):
                let x = lowerExpr(pe, subj.t)
                setLoc(c.patternLocation)
                test = compare(.equal, subj, x, c.patternLocation)
            }
            var next: Block? = nil
            if let test {
                let yes = cur.makeBlock()
                next = cur.makeBlock()
                cur.brif(test, yes, next!)
                cur.seal(yes)
                cur.switchTo(yes)
            }
            if case .variant(let n, let bindings) = c.pattern, case .union(let u) = subj.t, let v = variants[n.id], v.union == u {
                let vinfo = types.unions[u].variants[v.variant]
                if bindings.count > vinfo.fields.count {
                    error("variant \(n.text) has \(vinfo.fields.count) fields, pattern binds \(bindings.count)", c.patternLocation)
                }
                for (k, bnd) in bindings.enumerated() where k < vinfo.fields.count {
                    guard let bnd else { continue }
                    let ft = vinfo.fields[k].type
                    let fv = cur.emit(.fieldGet, ir(ft), [subj.v], imm: .field(FieldRef(typeName: types.unions[u].irName, variant: Int32(v.variant), field: Int32(k))))
                    declareLocalPlain(bnd.name, TV(v: fv, t: ft))
                }
            }
            switch c.body {
            case .expression(let x):
                let tv = lowerExpr(x, hint)
                ends.append((cur.current, tv, x.location))
            case .block(let stmts):
                lowerMatchBlock(stmts, hint, &ends, c.patternLocation)
            }
            popScope(to: mark)
            if let next {
                cur.seal(next)
                cur.switchTo(next)
            } else {
                reachedDefault = true
                break
            }
        }
        _ = hasDefault
        // No case matched: null / zero.
        let noMatchEnd: Block? = reachedDefault ? nil : cur.current
        let live = ends
        // Without a default case a match may yield null (LANGUAGE.md 5.9), so its type
        // starts from null; with one, it is its cases' (an int match is an int, not any).
        var rt: MType
        if let hint {
            rt = hint
        } else if reachedDefault, let first = live.first {
            rt = live.dropFirst().reduce(first.1.t) { unify($0, $1.1.t) }
        } else {
            rt = live.reduce(MType.null) { unify($0, $1.1.t) }
        }
        if rt == .null || rt == .unit { rt = hint ?? .any }
        if rt == .unit { rt = .any }
        let slot = cur.newSlot(ir(rt))
        for (b, tv, l) in live {
            cur.switchTo(b)
            if cur.isTerminated { continue }
            cur.write(slot, coerce(tv, to: rt, at: l))
            cur.jump(join)
        }
        if let nm = noMatchEnd {
            cur.switchTo(nm)
            if !cur.isTerminated {
                cur.write(slot, zeroValue(rt))
                cur.jump(join)
            }
        }
        cur.seal(join)
        cur.switchTo(join)
        return TV(v: cur.read(slot), t: rt)
    }

    /// A `{ statements }` case body: its value is the last expression statement.
    func lowerMatchBlock(_ stmts: [Stmt], _ hint: MType?, _ ends: inout [(Block, TV, SourceLocation)], _ loc: SourceLocation) {
        let mark = scopeMark
        for (i, s) in stmts.enumerated() {
            if i == stmts.count - 1, case .expression(let x) = s.kind {
                let tv = lowerExpr(x, hint)
                ends.append((cur.current, tv, x.location))
                popScope(to: mark)
                return
            }
            lowerStmt(s)
        }
        popScope(to: mark)
        if !cur.isTerminated {
            ends.append((cur.current, TV(v: cur.emit(.null, .any), t: .null), loc))
        }
    }

    func tagTest(_ v: Value, _ u: Int, _ variant: Int) -> Value {
        let tag = cur.emit(.variantTag, .i64, [v])
        let k = cur.emit(.iconst, .i64, imm: .int(Int64(variant)))
        return cur.emit(.icmp, .bool, [tag, k], imm: .cond(.eq))
    }

    // MARK: Function expressions

    func lowerLambda(_ f: FunctionExpr, _ expected: MType?, _ loc: SourceLocation) -> TV {
        var expParams: [MType] = [], expResult: MType? = nil
        if case .fn(let ps, let r)? = expected { expParams = ps; expResult = r }
        let params: [MType] = f.params.enumerated().map { k, p in
            if let t = p.type { return resolve(t) }
            return k < expParams.count ? expParams[k] : .any
        }
        var result: MType? = f.returnType.map { resolve($0) } ?? expResult
        if result == nil, case .block(let b) = f.body { result = bodyReturnsValue(b) ? .any : .unit }
        let owner = cur
        let count = (lambdaCounts[owner.fn.name] ?? 0) + 1
        lambdaCounts[owner.fn.name] = count
        let name = uniqueFunctionName("\(owner.fn.name).lambda\(count)")
        let fn = Function(name: name, paramTypes: params.map { ir($0) }, returnType: ir(result ?? .any),
                          loc: SourceLoc(line: UInt32(loc.line), column: UInt32(loc.column)))
        module.functions.append(fn)
        var body: [Stmt]? = nil
        if case .block(let b) = f.body { body = b }
        let ctx = makeFnCtx(fn, depth: fns.count, returnType: result ?? .any, body: body)
        fns.append(ctx)
        let savedTop = atTopLevel
        atTopLevel = false
        switch f.body {
        case .block(let b): cellNames.append(computeCellNames(b))
        case .expression: cellNames.append([])
        }
        let mark = scopeMark
        setLoc(loc)
        for (k, p) in f.params.enumerated() {
            declareLocal(p.name, TV(v: ctx.declaredParams[k], t: params[k]), mutable: true)
        }
        switch f.body {
        case .expression(let x):
            let tv = lowerExpr(x, result)
            if result == nil {
                result = tv.t == .null ? .any : tv.t
                ctx.returnType = result!
                fn.returnType = ir(result!)
            }
            setLoc(x.location)
            if result == .unit { ctx.ret(nil) } else { ctx.ret(coerce(tv, to: result!, at: x.location)) }
        case .block(let b):
            lowerBlock(b, newScope: false)
            if !ctx.isTerminated { ctx.ret(result == .unit ? nil : ctx.zero(ir(result!))) }
        }
        popScope(to: mark)
        finishFnCtx(ctx)
        fns.removeLast()
        cellNames.removeLast()
        atTopLevel = savedTop
        setLoc(loc)
        var caps: [Value] = []
        for c in ctx.captures { caps.append(captureValue(c.key, type: c.type, isCell: c.isCell)) }
        let t = MType.fn(params, result!)
        return TV(v: cur.emit(.closureNew, ir(t), caps, imm: .function(name)), t: t)
    }
}
