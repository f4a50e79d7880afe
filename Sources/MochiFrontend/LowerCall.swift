// Checking and lowering of calls: program functions (direct calls, nested functions
// with their captures as leading arguments, partial application), closure values,
// struct methods, method-style calls on strings and lists, the math library and
// every builtin of Builtins.swift.

import MochiIR

extension Checker {
    func lowerCall(_ callee: Expr, _ args: [Expr], _ loc: SourceLocation, _ expected: MType?) -> TV {
        switch callee.kind {
        case .name(let n):
            if let b = scope[n.id] {
                if case .function(let i) = b { return callFunction(i, receiver: nil, args, loc) }
                if case .receiverMethod(let depth, let slot, let si, let m) = b {
                    return callFunction(m, receiver: receiverValue(depth, slot, si), args, loc)
                }
                if case .mathModule = b { break }
                let f = readBinding(b, n, callee.location)
                return callValue(f, args, loc)
            }
            if let v = variants[n.id] {
                let vi = types.unions[v.union].variants[v.variant]
                if args.count != vi.fields.count {
                    error("wrong number of arguments to '\(n.text)': expected \(vi.fields.count), got \(args.count)", loc)
                }
                var vals: [Value?] = []
                for (k, a) in args.enumerated() where k < vi.fields.count {
                    vals.append(coerce(lowerExpr(a, vi.fields[k].type), to: vi.fields[k].type, at: a.location))
                }
                while vals.count < vi.fields.count { vals.append(nil) }
                return makeVariant(v.union, v.variant, vals, loc)
            }
            if let b = builtins[n.text] {
                return lowerBuiltin(b, n.text, receiver: nil, args, loc, expected)
            }
            error("undefined name '\(n.text)'", callee.location)
            for a in args { _ = lowerExpr(a, nil) }
            return poison()
        case .field(let base, let name, let nloc, _):
            if case .name(let m) = base.kind, isMath(m) {
                return lowerMathCall(name, args, loc, nloc)
            }
            let recv = lowerExpr(base, nil)
            return lowerMethodCall(recv, name, nloc, args, loc, expected)
        default:
            break
        }
        let f = lowerExpr(callee, nil)
        return callValue(f, args, loc)
    }

    /// Lowers arguments against parameter types; extra arguments are evaluated and dropped.
    func lowerArgs(_ args: [Expr], _ params: [MType]) -> [Value] {
        var out: [Value] = []
        for (k, a) in args.enumerated() {
            if k < params.count {
                out.append(coerce(lowerExpr(a, params[k]), to: params[k], at: a.location))
            } else {
                _ = lowerExpr(a, nil)
            }
        }
        return out
    }

    func callFunction(_ i: Int, receiver: TV?, _ args: [Expr], _ loc: SourceLocation) -> TV {
        let info = funcs[i]
        var params = info.params
        var vals: [Value] = []
        if let r = receiver {
            vals.append(coerce(r, to: params[0], at: loc))
            params.removeFirst()
        }
        if args.count < params.count {
            // Partial application: a closure over the supplied arguments.
            var bound: [TV] = receiver.map { [$0] } ?? []
            for (k, a) in args.enumerated() { bound.append(lowerExpr(a, params[k])) }
            setLoc(loc)
            return functionValue(i, bound: bound, loc)
        }
        vals += lowerArgs(args, params)
        setLoc(loc)
        let rtype: IRType? = info.result == .unit ? nil : ir(info.result)
        if info.isNested {
            if let l = info.lowering {
                if l === cur {
                    let id = cur.emitInst(.call, rtype, vals, imm: .function(info.irName))
                    cur.selfCalls.append(id)
                    return callResult(id, info.result)
                }
                error("unsupported: recursive call of nested function '\(info.name)' from a closure", loc)
                return poison()
            }
            var caps: [Value] = []
            for c in info.captures { caps.append(captureValue(c.key, type: c.type, isCell: c.isCell)) }
            vals = caps + vals
        }
        let id = cur.emitInst(.call, rtype, vals, imm: .function(info.irName))
        return callResult(id, info.result)
    }

    func callResult(_ id: InstID, _ t: MType) -> TV {
        if t == .unit { return TV(v: cur.emit(.null, .unit), t: .unit) }
        return TV(v: cur.fn.insts[Int(id.index)].result!, t: t)
    }

    func callValue(_ f: TV, _ args: [Expr], _ loc: SourceLocation) -> TV {
        switch f.t {
        case .fn(let ps, let r):
            if args.count < ps.count {
                error("wrong number of arguments to a function value: expected \(ps.count), got \(args.count)", loc)
            }
            let vals = lowerArgs(args, ps)
            guard vals.count == ps.count else { return poison() }
            setLoc(loc)
            let id = cur.emitInst(.callClosure, r == .unit ? nil : ir(r), [f.v] + vals)
            return callResult(id, r)
        case .any:
            let ps: [MType] = Array(repeatElement(.any, count: args.count))
            let vals = lowerArgs(args, ps)
            setLoc(loc)
            let fnT = MType.fn(ps, .any)
            let k = cur.emit(.unbox, ir(fnT), [f.v])
            return TV(v: cur.emit(.callClosure, .any, [k] + vals), t: .any)
        default:
            error("cannot call a value of type \(describe(f.t))", loc)
            for a in args { _ = lowerExpr(a, nil) }
            return poison()
        }
    }

    func lowerMethodCall(_ recv: TV, _ name: Name, _ nloc: SourceLocation, _ args: [Expr], _ loc: SourceLocation, _ expected: MType?) -> TV {
        switch recv.t {
        case .structure(let si):
            if let m = types.structs[si].methods[name.id] {
                return callFunction(m, receiver: recv, args, loc)
            }
            if let fi = types.structs[si].fieldIndex[name.id] {
                let f = fieldOf(recv, name, nloc, nil)
                _ = fi
                return callValue(f, args, loc)
            }
        case .string, .list, .map, .group:
            if let b = Checker.methodAliases[name.text] {
                if b == .push, case .list(let e) = recv.t, args.count == 1 {
                    // xs.push(v) appends in place.
                    let v = coerce(lowerExpr(args[0], e), to: e, at: args[0].location)
                    setLoc(loc)
                    cur.emitVoid(.listPush, [recv.v, v])
                    return TV(v: cur.emit(.null, .unit), t: .unit)
                }
                return lowerBuiltin(b, name.text, receiver: recv, args, loc, expected)
            }
            if recv.t == .string, name.text == "startsWith" || name.text == "hasPrefix" || name.text == "endsWith" || name.text == "hasSuffix", args.count == 1 {
                let a = coerce(lowerExpr(args[0], .string), to: .string, at: args[0].location)
                setLoc(loc)
                let op: Opcode = name.text.hasPrefix("ends") || name.text == "hasSuffix" ? .strHasSuffix : .strHasPrefix
                return TV(v: cur.emit(op, .bool, [recv.v, a]), t: .bool)
            }
        case .map(let k, _) where k == .string:
            break
        case .any:
            let f = fieldOf(recv, name, nloc, nil)
            return callValue(f, args, loc)
        default: break
        }
        if case .map(let k, _) = recv.t, k == .string || k == .any {
            let f = fieldOf(recv, name, nloc, nil)
            return callValue(f, args, loc)
        }
        error("type \(describe(recv.t)) has no method '\(name.text)'", nloc)
        for a in args { _ = lowerExpr(a, nil) }
        return poison()
    }

    /// Method names on strings, lists, maps and groups that call a builtin (built once,
    /// not per method call).
    static let methodAliases: [String: Builtin] = [
        "contains": .contains, "upper": .upper, "lower": .lower, "trim": .trim, "split": .split,
        "len": .len, "padStart": .padStart, "indexOf": .indexOf, "substring": .substring,
        "substr": .substr, "repeat": .repeat, "reverse": .reverse, "join": .join, "keys": .keys,
        "values": .values, "count": .count, "push": .push, "append": .append,
        "toUpper": .upper, "toLower": .lower, "distinct": .distinct,
    ]

    func lowerMathCall(_ name: Name, _ args: [Expr], _ loc: SourceLocation, _ nloc: SourceLocation) -> TV {
        var fname = name.text
        if fname == "abs" { fname = "fabs" }
        let unary = MathLibrary.unary.contains(fname), binary = MathLibrary.binary.contains(fname)
        guard unary || binary else {
            error("unknown math function '\(name.text)'", nloc)
            for a in args { _ = lowerExpr(a, nil) }
            return poison()
        }
        let want = unary ? 1 : 2
        if args.count != want {
            error("wrong number of arguments to 'math.\(name.text)': expected \(want), got \(args.count)", loc)
            for a in args { _ = lowerExpr(a, nil) }
            return poison()
        }
        let vals = args.map { coerce(lowerExpr($0, .float), to: .float, at: $0.location) }
        setLoc(loc)
        return TV(v: cur.emit(unary ? .math1 : .math2, .f64, vals, imm: .string(fname)), t: .float)
    }

    // MARK: Builtins

    func lowerBuiltin(_ b: Builtin, _ spelled: String, receiver: TV?, _ args: [Expr], _ loc: SourceLocation, _ expected: MType?) -> TV {
        if let f = b.outOfScopeFeature {
            outOfScope(f, loc)
            return poison()
        }
        let total = args.count + (receiver == nil ? 0 : 1)
        var arity = b.arity
        if b == .parseIntStr { arity = 1...2 }
        guard arity.contains(total) else {
            let want = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)"
                : arity.upperBound == Int.max ? "at least \(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
            error("wrong number of arguments to '\(spelled)': expected \(want), got \(total)", loc)
            for a in args { _ = lowerExpr(a, nil) }
            return poison()
        }
        // Argument k (0 is the receiver of a method-style call).
        var lowered: [TV?] = [receiver] + [TV?](repeating: nil, count: args.count)
        if receiver == nil { lowered.removeFirst() }
        let offset = receiver == nil ? 0 : 1
        func arg(_ k: Int, _ hint: MType? = nil) -> TV {
            if let t = lowered[k] { return t }
            let tv = lowerExpr(args[k - offset], hint)
            lowered[k] = tv
            return tv
        }
        func argAs(_ k: Int, _ t: MType) -> Value {
            let tv = arg(k, t)
            return coerce(tv, to: t, at: k - offset >= 0 ? args[k - offset].location : loc)
        }
        func emit(_ op: Opcode, _ t: MType, _ vs: [Value], imm: Immediate = .none) -> TV {
            setLoc(loc)
            return TV(v: cur.emit(op, ir(t), vs, imm: imm), t: t)
        }
        func listArg(_ k: Int) -> TV {
            var tv = arg(k)
            if case .group(_, let item) = tv.t { tv = groupItems(tv.v, item: item) }
            if tv.t == .any { tv = TV(v: cur.emit(.unbox, .list(.any), [tv.v]), t: .list(.any)) }
            return tv
        }

        switch b {
        case .print:
            var parts: [Value] = []
            for k in 0..<total {
                let tv = arg(k, .any)
                setLoc(loc)
                // A lone string is printed as it is (the print op writes a null one, a
                // missing map key, as nil); beside others, fmt gives the same string
                // object back, or "nil" for null, so concatenation never sees a null.
                if tv.t == .string && total == 1 { parts.append(tv.v) } else if tv.t == .unit {
                    parts.append(cur.emit(.sconst, .str, imm: .string("nil")))
                } else { parts.append(cur.emit(.fmt, .str, [tv.v])) }
            }
            setLoc(loc)
            var line = parts.first ?? cur.emit(.sconst, .str, imm: .string(""))
            if parts.count > 1 {
                let space = cur.emit(.sconst, .str, imm: .string(" "))
                for p in parts.dropFirst() {
                    line = cur.emit(.strConcat, .str, [line, space])
                    line = cur.emit(.strConcat, .str, [line, p])
                }
            }
            // LANGUAGE.md §9 trims spaces for 3+ arguments; str.trim strips all white
            // space, which differs only for tabs/newlines at the ends of the line.
            if parts.count >= 3 { line = cur.emit(.strTrim, .str, [line]) }
            cur.emitVoid(.print, [line])
            return TV(v: cur.emit(.null, .unit), t: .unit)
        case .len, .count:
            let tv = arg(0)
            setLoc(loc)
            switch tv.t {
            case .list: return emit(.listLen, .int, [tv.v])
            case .map: return emit(.mapLen, .int, [tv.v])
            case .string: return emit(.strLen, .int, [tv.v])
            case .any: return emit(.anyLen, .int, [tv.v])
            case .group(_, let item): return emit(.listLen, .int, [groupItems(tv.v, item: item).v])
            case .structure(let si) where types.structs[si].isRecord:
                return emit(.iconst, .int, [], imm: .int(Int64(types.structs[si].fields.count)))
            default:
                error("\(spelled)() needs a list, map or string, got \(describe(tv.t))", loc)
                return poison()
            }
        case .exists:
            var tv = arg(0)
            if case .group(_, let item) = tv.t { tv = groupItems(tv.v, item: item) }
            let n: Value
            switch tv.t {
            // A scalar or null held in an `any` has no elements: false (§10).
            case .any: n = cur.emit(.anyLen, .i64, [tv.v])
            case .list: n = cur.emit(.listLen, .i64, [tv.v])
            case .map: n = cur.emit(.mapLen, .i64, [tv.v])
            case .string: n = cur.emit(.strLen, .i64, [tv.v])
            default:
                error("exists() needs a list, got \(describe(tv.t))", loc)
                return poison()
            }
            let z = cur.emit(.iconst, .i64, imm: .int(0))
            return emit(.icmp, .bool, [n, z], imm: .cond(.gt))
        case .append, .push:
            var xs = listArg(0)
            guard case .list(var e) = xs.t else {
                error("\(spelled)() needs a list, got \(describe(xs.t))", loc)
                return poison()
            }
            var v = arg(1, e)
            if e == .any, xs.t == .list(.any), case .list(let ee)? = expected, ee != .any {
                // `append([], x)` typed by its context.
                e = ee
                xs = TV(v: coerce(xs, to: .list(e), at: loc), t: .list(e))
            }
            if case .structure(let a) = v.t, case .structure(let bb) = e, a != bb {
                let u = unify(e, v.t)
                if u != .any && u != e {
                    xs = TV(v: coerce(xs, to: .list(u), at: loc), t: .list(u))
                    e = u
                }
            }
            v = TV(v: coerce(v, to: e, at: args[args.count - 1].location), t: e)
            return emit(.listAppend, xs.t, [xs.v, v.v])
        case .concat:
            var acc = listArg(0)
            for k in 1..<total {
                let next = listArg(k)
                let t = unify(acc.t, next.t)
                let a = coerce(acc, to: t, at: loc), c = coerce(next, to: t, at: loc)
                acc = emit(.listConcat, t, [a, c])
            }
            return acc
        case .keys, .values:
            let tv = arg(0)
            guard case .map(let k, let v) = tv.t else {
                error("\(spelled)() needs a map, got \(describe(tv.t))", loc)
                return poison()
            }
            return b == .keys ? emit(.mapKeys, .list(k), [tv.v]) : emit(.mapValues, .list(v), [tv.v])
        case .str:
            let tv = arg(0)
            // tostr of a string is the string itself, and <nil> for a null one.
            return emit(.tostr, .string, [tv.v])
        case .int:
            let tv = arg(0)
            switch tv.t {
            case .int: return tv
            case .float: return emit(.ftoi, .int, [tv.v])
            case .bigint, .bigrat: return emit(.bigToInt, .int, [tv.v])
            case .string: return emit(.strToInt, .int, [tv.v])
            case .bool:
                return emit(.unbox, .int, [cur.emit(.box, .any, [tv.v])])
            default: return TV(v: coerce(tv, to: .int, at: loc), t: .int)
            }
        case .float:
            let tv = arg(0)
            switch tv.t {
            case .float: return tv
            case .int: return emit(.itof, .float, [tv.v])
            case .bigint, .bigrat: return emit(.bigToFloat, .float, [tv.v])
            case .string: return emit(.strToFloat, .float, [tv.v])
            default: return TV(v: coerce(tv, to: .float, at: loc), t: .float)
            }
        case .substring, .substr:
            let s = argAs(0, .string), a = argAs(1, .int), e = argAs(2, .int)
            return emit(.strSlice, .string, [s, a, e])
        case .slice:
            var xs = arg(0)
            if xs.t == .any { xs = TV(v: cur.emit(.unbox, .list(.any), [xs.v]), t: .list(.any)) }
            let a = argAs(1, .int), e = argAs(2, .int)
            if xs.t == .string { return emit(.strSlice, .string, [xs.v, a, e]) }
            guard case .list = xs.t else { error("slice() needs a list or string, got \(describe(xs.t))", loc); return poison() }
            return emit(.listSlice, xs.t, [xs.v, a, e])
        case .upper: return emit(.strUpper, .string, [argAs(0, .string)])
        case .lower: return emit(.strLower, .string, [argAs(0, .string)])
        case .trim: return emit(.strTrim, .string, [argAs(0, .string)])
        case .split: return emit(.strSplit, .list(.string), [argAs(0, .string), argAs(1, .string)])
        case .join: return emit(.strJoin, .string, [argAs(0, .list(.string)), argAs(1, .string)])
        case .repeat: return emit(.strRepeat, .string, [argAs(0, .string), argAs(1, .int)])
        case .padStart:
            return emit(.strPadStart, .string, [argAs(0, .string), argAs(1, .int), argAs(2, .string)])
        case .indexOf:
            let s = arg(0)
            if case .list(let e) = s.t {
                // list.indexOf has no op of its own: a loop would do; keep it an error.
                _ = e
                error("indexOf() on a list is not supported", loc)
                return poison()
            }
            return emit(.strFind, .int, [coerce(s, to: .string, at: loc), argAs(1, .string)])
        case .contains:
            let s = arg(0)
            let x = arg(1)
            setLoc(loc)
            return TV(v: membership(x, s, loc), t: .bool)
        case .reverse:
            let tv = listArg(0)
            if tv.t == .string { return emit(.strReverse, .string, [tv.v]) }
            if case .list = tv.t { return emit(.listReverse, tv.t, [tv.v]) }
            error("reverse() needs a list or string, got \(describe(tv.t))", loc)
            return poison()
        case .distinct:
            let tv = listArg(0)
            guard case .list = tv.t else { error("distinct() needs a list, got \(describe(tv.t))", loc); return poison() }
            return emit(.listDistinct, tv.t, [tv.v])
        case .collect:
            return listArg(0)
        case .first:
            let tv = listArg(0)
            guard case .list(let e) = tv.t else { error("first() needs a list, got \(describe(tv.t))", loc); return poison() }
            let rt: MType = e.isNullable ? e : .any
            let n = cur.emit(.listLen, .i64, [tv.v])
            let z = cur.emit(.iconst, .i64, imm: .int(0))
            let c = cur.emit(.icmp, .bool, [n, z], imm: .cond(.gt))
            let slot = cur.newSlot(ir(rt))
            cur.write(slot, cur.emit(.null, ir(rt)))
            let yes = cur.makeBlock(), join = cur.makeBlock()
            cur.brif(c, yes, join)
            cur.seal(yes)
            cur.switchTo(yes)
            let x = cur.emit(.listGet, ir(e), [tv.v, z])
            cur.write(slot, coerce(TV(v: x, t: e), to: rt, at: loc))
            cur.jump(join)
            cur.seal(join)
            cur.switchTo(join)
            return TV(v: cur.read(slot), t: rt)
        case .range:
            var a = cur.emit(.iconst, .i64, imm: .int(0)), e: Value, step = cur.emit(.iconst, .i64, imm: .int(1))
            if total == 1 { e = argAs(0, .int) } else {
                a = argAs(0, .int)
                e = argAs(1, .int)
                if total == 3 { step = argAs(2, .int) }
            }
            return emit(.listRange, .list(.int), [a, e, step])
        case .min, .max:
            if total >= 2 {
                var acc = arg(0)
                for k in 1..<total {
                    let next = arg(k)
                    acc = pickMinMax(acc, next, isMin: b == .min, loc)
                }
                return acc
            }
            let tv = listArg(0)
            guard case .list(let e) = tv.t else { error("\(spelled)() needs a list, got \(describe(tv.t))", loc); return poison() }
            return emit(b == .min ? .listMin : .listMax, e, [tv.v])
        case .sum:
            var tv = listArg(0)
            guard case .list(let e) = tv.t else { error("sum() needs a list, got \(describe(tv.t))", loc); return poison() }
            if e.isExact {
                setLoc(loc)
                return exactSum(tv, e, loc)
            }
            if e != .int && e != .float && e != .any {
                tv = TV(v: coerce(tv, to: .list(.any), at: loc), t: .list(.any))
                return emit(.listSum, .any, [tv.v])
            }
            return emit(.listSum, e, [tv.v])
        case .avg:
            let tv = listArg(0)
            guard case .list = tv.t else { error("avg() needs a list, got \(describe(tv.t))", loc); return poison() }
            return emit(.listAvg, .float, [tv.v])
        case .abs:
            let tv = arg(0)
            switch tv.t {
            case .int:
                let z = cur.emit(.iconst, .i64, imm: .int(0))
                let neg = cur.emit(.icmp, .bool, [tv.v, z], imm: .cond(.lt))
                let slot = cur.newSlot(.i64)
                cur.write(slot, tv.v)
                let yes = cur.makeBlock(), join = cur.makeBlock()
                cur.brif(neg, yes, join)
                cur.seal(yes)
                cur.switchTo(yes)
                cur.write(slot, cur.emit(.ineg, .i64, [tv.v]))
                cur.jump(join)
                cur.seal(join)
                cur.switchTo(join)
                return TV(v: cur.read(slot), t: .int)
            case .bigint, .bigrat:
                setLoc(loc)
                return exactAbs(tv)
            default:
                return emit(.math1, .float, [coerce(tv, to: .float, at: loc)], imm: .string("fabs"))
            }
        case .ceil, .floor, .sqrt:
            return emit(.math1, .float, [argAs(0, .float)], imm: .string(b.rawValue))
        case .round:
            let x = argAs(0, .float)
            if total == 2 {
                let d = argAs(1, .int)
                let ten = cur.emit(.fconst, .f64, imm: .double(10))
                let scale = cur.emit(.math2, .f64, [ten, cur.emit(.itof, .f64, [d])], imm: .string("pow"))
                let r = cur.emit(.math1, .f64, [cur.emit(.fmul, .f64, [x, scale])], imm: .string("round"))
                return emit(.fdiv, .float, [r, scale])
            }
            return emit(.math1, .float, [x], imm: .string("round"))
        case .pow:
            let a = arg(0), e = arg(1)
            setLoc(loc)
            if let p = exactPow(a, e, loc) { return p }
            if a.t == .int && e.t == .int {
                // Integer power stays an int (a float pow would lose precision).
                let r = cur.emit(.math2, .f64, [coerce(a, to: .float, at: loc), coerce(e, to: .float, at: loc)], imm: .string("pow"))
                return emit(.ftoi, .int, [r])
            }
            return emit(.math2, .float, [coerce(a, to: .float, at: loc), coerce(e, to: .float, at: loc)], imm: .string("pow"))
        case .parseIntStr:
            let s = argAs(0, .string)
            let base = total == 2 ? argAs(1, .int) : cur.emit(.iconst, .i64, imm: .int(10))
            return emit(.strParseBase, .int, [s, base])
        case .panic, .error:
            let tv = arg(0)
            setLoc(loc)
            let msg = tv.t == .string ? tv.v : cur.emit(.fmt, .str, [tv.v])
            cur.emitVoid(.panic, [msg])
            cur.unreachable()
            let t = expected ?? .unit
            if t == .unit { return TV(v: cur.emit(.null, .unit), t: .unit) }
            return TV(v: zeroValue(t), t: t)
        case .json:
            let tv = arg(0)
            setLoc(loc)
            cur.emitVoid(.json, [tv.v])
            return TV(v: cur.emit(.null, .unit), t: .unit)
        case .toJson:
            return emit(.tojson, .string, [arg(0).v])
        case .ord:
            return emit(.strOrd, .int, [argAs(0, .string)])
        case .chr:
            return emit(.strChr, .string, [argAs(0, .int)])
        case .sha256:
            // A string (its UTF-8 bytes), a list of byte values, or an `any` holding
            // either (checked when it runs).
            let tv = arg(0)
            switch tv.t {
            case .string, .list(.int), .list(.any), .any: return emit(.sha256, .list(.int), [tv.v])
            default:
                error("sha256() needs a string or a list<int>, got \(describe(tv.t))", loc)
                return poison()
            }
        case .num, .denom:
            let tv = arg(0)
            setLoc(loc)
            return numDenom(tv, denominator: b == .denom, spelled, loc)
        case .now, .input, .eval:
            outOfScope(spelled, loc)
            return poison()
        }
    }

    func pickMinMax(_ a: TV, _ b: TV, isMin: Bool, _ loc: SourceLocation) -> TV {
        let t = unify(a.t, b.t)
        let x = coerce(a, to: t, at: loc), y = coerce(b, to: t, at: loc)
        let c = compare(isMin ? .less : .greater, TV(v: y, t: t), TV(v: x, t: t), loc)
        let slot = cur.newSlot(ir(t))
        cur.write(slot, x)
        let yes = cur.makeBlock(), join = cur.makeBlock()
        cur.brif(c, yes, join)
        cur.seal(yes)
        cur.switchTo(yes)
        cur.write(slot, y)
        cur.jump(join)
        cur.seal(join)
        cur.switchTo(join)
        return TV(v: cur.read(slot), t: t)
    }
}
