// Lowering of query expressions (LANGUAGE.md §5.11) to plain loops.
//
// Sources and joins become nested index loops; each produced row runs a
// continuation that filters (`where`), then either pushes the selected value (and
// its sort key) into result lists or adds the row to a group-by builder. Left,
// right and outer joins emit the continuation a second time for unmatched rows with
// the missing side null. The result list is created before the loops with a
// placeholder element type that is fixed once the `select` has been checked (its
// type is only known inside the innermost loop).

import MochiIR

extension Checker {
    private static let aggregates: Set<String> = ["sum", "count", "avg", "min", "max"]

    /// A query variable bound for the rest of the query.
    private struct QueryVar {
        var name: Name
        var type: MType
    }

    func lowerQuery(_ q: QueryExpr, _ expected: MType?, _ loc: SourceLocation) -> TV {
        let mark = scopeMark
        defer { popScope(to: mark) }
        // `select sum(x)` aggregates the whole filtered set.
        var aggregate: (Builtin, Expr)? = nil
        if q.group == nil, case .call(let callee, let args) = q.select.kind, args.count == 1,
           case .name(let n) = callee.kind, scope[n.id] == nil, Checker.aggregates.contains(n.text),
           let b = builtins[n.text], mentionsQueryVar(args[0], q) {
            aggregate = (b, args[0])
        }
        let selectExpr = aggregate?.1 ?? q.select
        var elemHint: MType? = nil
        if case .list(let e)? = expected { elemHint = e }

        setLoc(loc)
        let placeholder = IRType.list(.any)
        let result = cur.emit(.listNew, placeholder, [])
        var resultElem: MType? = nil
        let sortKeys: Value? = q.sortKey != nil ? cur.emit(.listNew, placeholder, []) : nil
        var sortElem: MType? = nil

        if let group = q.group {
            // Phase 1: rows into the group builder.
            let builder = cur.emit(.groupNew, .any, [])
            var keyType: MType? = nil
            var itemType: MType? = nil
            var vars: [QueryVar] = []
            emitRows(q, vars: &vars) { rowVars in
                if let f = q.filter {
                    guard self.branchIf(f) else { return }
                }
                let key = self.lowerGroupKey(group.keys)
                keyType = keyType.map { self.unify($0, key.t) } ?? key.t
                let boxedKey = self.coerce(key, to: .any, at: group.location)
                let item: TV
                if rowVars.count == 1 && q.joins.isEmpty {
                    item = self.readVar(rowVars[0])
                } else {
                    var fields: [FieldInfo] = []
                    var vals: [TV] = []
                    // A variable bound again later in the query is shadowed there: the
                    // item holds the variables in scope, each under its last binding.
                    for (i, v) in rowVars.enumerated()
                    where !rowVars[(i + 1)...].contains(where: { $0.name.text == v.name.text }) {
                        let tv = self.readVar(v)
                        fields.append(FieldInfo(name: v.name, type: tv.t == .null ? .any : tv.t))
                        vals.append(tv)
                    }
                    let si = self.types.record(fields)
                    let args = zip(vals, fields).map { self.coerce($0.0, to: $0.1.type, at: group.location) }
                    item = TV(v: self.newStruct(si, args), t: .structure(si))
                }
                if let it = itemType, it != item.t {
                    self.error("group items of different types (\(self.describe(it)) and \(self.describe(item.t)))", group.location)
                }
                itemType = item.t
                self.cur.emitVoid(.groupAdd, [builder, boxedKey, item.v])
            }
            // Phase 2: one row per group.
            setLoc(group.location)
            let groups = cur.emit(.groupResult, .list(.any), [builder])
            let gt = MType.group(key: keyType ?? .any, item: itemType ?? .any)
            let n = cur.emit(.listLen, .i64, [groups])
            let counter = cur.newSlot(.i64)
            cur.write(counter, cur.emit(.iconst, .i64, imm: .int(0)))
            lowerCountedLoopBody(counter: counter, end: n) { i in
                let g = self.cur.emit(.listGet, .any, [groups, i])
                let gm = self.scopeMark
                self.declareLocalPlain(group.variable, TV(v: g, t: gt))
                var skipTo: Block? = nil
                if let h = group.having {
                    let c = self.lowerCondition(h)
                    let yes = self.cur.makeBlock(), no = self.cur.makeBlock()
                    self.cur.brif(c, yes, no)
                    self.cur.seal(yes)
                    self.cur.switchTo(yes)
                    skipTo = no
                }
                self.pushSelected(selectExpr, elemHint, result, &resultElem, q.sortKey, sortKeys, &sortElem)
                self.popScope(to: gm)
                if let s = skipTo {
                    self.cur.jump(s)
                    self.cur.seal(s)
                    self.cur.switchTo(s)
                }
            }
        } else {
            var vars: [QueryVar] = []
            emitRows(q, vars: &vars) { _ in
                if let f = q.filter {
                    guard self.branchIf(f) else { return }
                }
                self.pushSelected(selectExpr, elemHint, result, &resultElem, q.sortKey, sortKeys, &sortElem)
            }
        }
        setLoc(loc)
        let et = resultElem ?? elemHint ?? .any
        cur.fn.valueTypes[Int(result.index)] = .list(ir(et))
        var out = TV(v: result, t: .list(et))
        if let sk = sortKeys {
            cur.fn.valueTypes[Int(sk.index)] = .list(ir(sortElem ?? .any))
            out = TV(v: cur.emit(.listSortBy, ir(out.t), [out.v, sk]), t: out.t)
        }
        if q.isDistinct { out = TV(v: cur.emit(.listDistinct, ir(out.t), [out.v]), t: out.t) }
        if q.skip != nil || q.take != nil {
            let start = q.skip.map { coerce(lowerExpr($0, .int), to: .int, at: $0.location) } ?? cur.emit(.iconst, .i64, imm: .int(0))
            var end = cur.emit(.listLen, .i64, [out.v])
            if let t = q.take {
                let n = coerce(lowerExpr(t, .int), to: .int, at: t.location)
                end = cur.emit(.iadd, .i64, [start, n])
                // Clamp to the length: a take past the end keeps what exists.
                let len = cur.emit(.listLen, .i64, [out.v])
                end = pickMinMax(TV(v: end, t: .int), TV(v: len, t: .int), isMin: true, loc).v
            }
            setLoc(loc)
            out = TV(v: cur.emit(.listSlice, ir(out.t), [out.v, start, end]), t: out.t)
        }
        if let (b, _) = aggregate {
            setLoc(q.select.location)
            switch b {
            case .count: return TV(v: cur.emit(.listLen, .i64, [out.v]), t: .int)
            case .avg: return TV(v: cur.emit(.listAvg, .f64, [out.v]), t: .float)
            case .sum:
                if et == .int || et == .float || et == .any { return TV(v: cur.emit(.listSum, ir(et), [out.v]), t: et) }
                if et.isExact { return exactSum(out, et, loc) }
                let l = coerce(out, to: .list(.any), at: loc)
                return TV(v: cur.emit(.listSum, .any, [l]), t: .any)
            default:
                return TV(v: cur.emit(b == .min ? .listMin : .listMax, ir(et), [out.v]), t: et)
            }
        }
        return out
    }

    private func mentionsQueryVar(_ e: Expr, _ q: QueryExpr) -> Bool {
        var ids: Set<Int32> = Set(q.sources.map { $0.variable.id })
        for j in q.joins { ids.insert(j.variable.id) }
        var found = false
        walkExpr(e, false) { x, _, _ in
            if let x, case .name(let n) = x.kind, ids.contains(n.id) { found = true }
        }
        return found
    }

    private func readVar(_ v: QueryVar) -> TV {
        guard let b = scope[v.name.id] else { return poison() }
        return readBinding(b, v.name, .unknown)
    }

    /// Branches on `cond`: code after continues only when it holds. The false edge
    /// goes to a block the caller never sees again; returns false if nothing follows.
    private func branchIf(_ cond: Expr) -> Bool {
        let c = lowerCondition(cond)
        let yes = cur.makeBlock(), no = cur.makeBlock()
        cur.brif(c, yes, no)
        cur.seal(yes)
        pendingSkips.append(no)
        cur.switchTo(yes)
        return true
    }

    private func pushSelected(_ sel: Expr, _ hint: MType?, _ result: Value, _ resultElem: inout MType?,
                              _ sortKey: Expr?, _ sortKeys: Value?, _ sortElem: inout MType?) {
        var tv = lowerExpr(sel, hint)
        if tv.t == .null { tv = TV(v: tv.v, t: .any) }
        if let re = resultElem, re != tv.t {
            tv = TV(v: coerce(tv, to: re, at: sel.location), t: re)
        }
        resultElem = tv.t
        setLoc(sel.location)
        cur.emitVoid(.listPush, [result, tv.v])
        if let sk = sortKey, let keys = sortKeys {
            var k = lowerExpr(sk, nil)
            if let se = sortElem, se != k.t { k = TV(v: coerce(k, to: se, at: sk.location), t: se) }
            sortElem = k.t
            cur.emitVoid(.listPush, [keys, k.v])
        }
    }

    private func lowerGroupKey(_ keys: [Expr]) -> TV {
        if keys.count == 1 { return lowerExpr(keys[0], nil) }
        var fields: [FieldInfo] = []
        var vals: [TV] = []
        for (k, e) in keys.enumerated() {
            let tv = lowerExpr(e, nil)
            var name = program.names.lookup("k\(k)") ?? Name(id: -100 - Int32(k), text: "k\(k)")
            if case .field(_, let n, _, _) = e.kind { name = n }
            if case .name(let n) = e.kind { name = n }
            if fields.contains(where: { $0.name.text == name.text }) {
                error("two group keys are named '\(name.text)'; a key record needs distinct field names", e.location)
                continue
            }
            fields.append(FieldInfo(name: name, type: tv.t == .null ? .any : tv.t))
            vals.append(tv)
        }
        let si = types.record(fields)
        let args = zip(vals, fields).map { coerce($0.0, to: $0.1.type, at: .unknown) }
        return TV(v: newStruct(si, args), t: .structure(si))
    }

    // MARK: Row generation

    /// Calls `row` once per produced row (possibly at several code positions for
    /// outer joins), with the query variables bound.
    private func emitRows(_ q: QueryExpr, vars: inout [QueryVar], _ row: @escaping ([QueryVar]) -> Void) {
        var allVars: [QueryVar] = []
        // Right and outer joins of a single source swap or extend the loop nest.
        if q.sources.count == 1, let j = q.joins.first, j.kind == .right || j.kind == .outer {
            if q.joins.count > 1 { error("unsupported: a right/outer join followed by more joins", j.location) }
            let left = q.sources[0]
            // Each source evaluated once, the left one first, as in the nested case.
            let lsrc = lowerSource(left.source)
            let lt = elementType(lsrc)
            let rsrc = lowerSource(j.source)
            let rt = elementType(rsrc)
            let lvar = QueryVar(name: left.variable, type: nullableOf(lt.elem))
            let rvar = QueryVar(name: j.variable, type: nullableOf(rt.elem))
            allVars = [lvar, rvar]
            if j.kind == .right {
                forEach(rsrc, rvar) {
                    let matched = self.flagSlot()
                    self.forEach(lsrc, lvar) {
                        if self.branchIf(j.condition) {
                            self.cur.write(matched, self.cur.emit(.bconst, .bool, imm: .int(1)))
                            self.runRow(row, allVars)
                        }
                    }
                    self.ifFlagFalse(matched) {
                        let m = self.scopeMark
                        self.declareLocalPlain(lvar.name, TV(v: self.cur.emit(.null, self.ir(lvar.type)), t: lvar.type))
                        self.runRow(row, allVars)
                        self.popScope(to: m)
                    }
                }
            } else {
                // Outer: left-join rows, then right rows no left row matched.
                let rlist = rsrc
                let n = cur.emit(.listLen, .i64, [rlist.v])
                let flags = cur.emit(.listNew, .list(.bool), [])
                let c0 = cur.newSlot(.i64)
                cur.write(c0, cur.emit(.iconst, .i64, imm: .int(0)))
                lowerCountedLoopBody(counter: c0, end: n) { _ in
                    self.cur.emitVoid(.listPush, [flags, self.cur.emit(.bconst, .bool, imm: .int(0))])
                }
                forEach(lsrc, lvar) {
                    let matched = self.flagSlot()
                    self.forEachIndexed(rlist, rvar) { idx in
                        if self.branchIf(j.condition) {
                            let t = self.cur.emit(.bconst, .bool, imm: .int(1))
                            self.cur.write(matched, t)
                            self.cur.emitVoid(.listSet, [flags, idx, t])
                            self.runRow(row, allVars)
                        }
                    }
                    self.ifFlagFalse(matched) {
                        let m = self.scopeMark
                        self.declareLocalPlain(rvar.name, TV(v: self.cur.emit(.null, self.ir(rvar.type)), t: rvar.type))
                        self.runRow(row, allVars)
                        self.popScope(to: m)
                    }
                }
                forEachIndexed(rlist, rvar) { idx in
                    let f = self.cur.emit(.listGet, .bool, [flags, idx])
                    let slot = self.cur.newSlot(.bool)
                    self.cur.write(slot, f)
                    self.ifFlagFalse(slot) {
                        let m = self.scopeMark
                        self.declareLocalPlain(lvar.name, TV(v: self.cur.emit(.null, self.ir(lvar.type)), t: lvar.type))
                        self.runRow(row, allVars)
                        self.popScope(to: m)
                    }
                }
            }
            vars = allVars
            return
        }
        // Sources are evaluated once, before the loops, in order.
        var nested: [(QueryVar, TV)] = []
        for s in q.sources {
            let src = lowerSource(s.source)
            let v = QueryVar(name: s.variable, type: elementType(src).elem)
            nested.append((v, src))
            allVars.append(v)
        }
        var joinSources: [TV] = []
        for j in q.joins {
            let src = lowerSource(j.source)
            joinSources.append(src)
            let et = elementType(src).elem
            allVars.append(QueryVar(name: j.variable, type: j.kind == .inner ? et : nullableOf(et)))
        }
        let vs = allVars
        func sourceLevel(_ k: Int) {
            if k == nested.count { joinLevel(0); return }
            forEach(nested[k].1, nested[k].0) { sourceLevel(k + 1) }
        }
        func joinLevel(_ k: Int) {
            if k == q.joins.count { runRow(row, vs); return }
            let j = q.joins[k]
            let jv = vs[nested.count + k]
            switch j.kind {
            case .inner:
                forEach(joinSources[k], jv) {
                    if self.branchIf(j.condition) { joinLevel(k + 1) }
                }
            case .left:
                let matched = flagSlot()
                forEach(joinSources[k], jv) {
                    if self.branchIf(j.condition) {
                        self.cur.write(matched, self.cur.emit(.bconst, .bool, imm: .int(1)))
                        joinLevel(k + 1)
                    }
                }
                ifFlagFalse(matched) {
                    let m = self.scopeMark
                    self.declareLocalPlain(jv.name, TV(v: self.cur.emit(.null, self.ir(jv.type)), t: jv.type))
                    joinLevel(k + 1)
                    self.popScope(to: m)
                }
            case .right, .outer:
                error("unsupported: \(j.kind == .right ? "right" : "outer") join after other sources or joins", j.location)
            }
        }
        sourceLevel(0)
        vars = allVars
    }

    /// Runs the row continuation; skip blocks opened by `where`/`on` branches inside
    /// it are closed afterwards so control continues with the next row.
    private func runRow(_ row: ([QueryVar]) -> Void, _ vars: [QueryVar]) {
        let depth = pendingSkips.count
        row(vars)
        closeSkips(to: depth)
    }

    private func closeSkips(to depth: Int) {
        while pendingSkips.count > depth {
            let s = pendingSkips.removeLast()
            if !cur.isTerminated { cur.jump(s) }
            cur.seal(s)
            cur.switchTo(s)
        }
    }

    private func nullableOf(_ t: MType) -> MType { t.isNullable ? t : .any }

    private func lowerSource(_ e: Expr) -> TV {
        var tv = lowerExpr(e, nil)
        setLoc(e.location)
        switch tv.t {
        case .group(_, let item): tv = groupItems(tv.v, item: item)
        case .any: tv = TV(v: cur.emit(.unbox, .list(.any), [tv.v]), t: .list(.any))
        case .map(let k, _): tv = TV(v: cur.emit(.mapKeys, .list(ir(k)), [tv.v]), t: .list(k))
        case .list: break
        default:
            error("a query source must be a list or group, got \(describe(tv.t))", e.location)
            tv = TV(v: cur.emit(.listNew, .list(.any), []), t: .list(.any))
        }
        return tv
    }

    private func elementType(_ tv: TV) -> (elem: MType, list: TV) {
        if case .list(let e) = tv.t { return (e, tv) }
        return (.any, tv)
    }

    private func forEach(_ src: TV, _ v: QueryVar, _ body: () -> Void) {
        forEachIndexed(src, v) { _ in body() }
    }

    /// A loop over a list binding `v` to each element (converted to v's type).
    private func forEachIndexed(_ src: TV, _ v: QueryVar, _ body: (Value) -> Void) {
        guard case .list(let e) = src.t else { return }
        let n = cur.emit(.listLen, .i64, [src.v])
        let counter = cur.newSlot(.i64)
        cur.write(counter, cur.emit(.iconst, .i64, imm: .int(0)))
        lowerCountedLoopBody(counter: counter, end: n) { i in
            let x = self.cur.emit(.listGet, self.ir(e), [src.v, i])
            let m = self.scopeMark
            let depth = self.pendingSkips.count
            self.declareLocalPlain(v.name, TV(v: self.coerce(TV(v: x, t: e), to: v.type, at: .unknown), t: v.type))
            body(i)
            self.closeSkips(to: depth)
            self.popScope(to: m)
        }
    }

    private func flagSlot() -> Int {
        let s = cur.newSlot(.bool)
        cur.write(s, cur.emit(.bconst, .bool, imm: .int(0)))
        return s
    }

    private func ifFlagFalse(_ slot: Int, _ body: () -> Void) {
        let f = cur.read(slot)
        let yes = cur.makeBlock(), join = cur.makeBlock()
        cur.brif(f, join, yes)
        cur.seal(yes)
        cur.switchTo(yes)
        let depth = pendingSkips.count
        body()
        closeSkips(to: depth)
        if !cur.isTerminated { cur.jump(join) }
        cur.seal(join)
        cur.switchTo(join)
    }
}
