// Checking and lowering of Mochi statements: declarations, assignments, control flow
// (if, while, for over ranges, lists, maps, strings and groups), return, test blocks,
// expect and `update`. Loops create their header as an unsealed block so the SSA
// builder turns the variables they change into header parameters.

import MochiIR

extension Checker {
    func lowerBlock(_ stmts: [Stmt], newScope: Bool = true) {
        let mark = scopeMark
        for s in stmts {
            lowerStmt(s)
        }
        if newScope { popScope(to: mark) }
    }

    func lowerStmt(_ s: Stmt) {
        setLoc(s.location)
        switch s.kind {
        case .variable(let d):
            var declared: MType? = d.type.map { resolve($0) }
            var tv: TV
            if let e = d.initializer {
                tv = lowerExpr(e, declared)
                if let t = declared {
                    tv = TV(v: coerce(tv, to: t, at: e.location), t: t)
                } else if tv.t == .null {
                    tv = TV(v: tv.v, t: .any)
                } else if tv.t == .unit {
                    error("cannot bind '\(d.name.text)' to a value of type void", e.location)
                    declared = .any
                    tv = TV(v: cur.zero(.any), t: .any)
                }
            } else {
                let t = declared ?? .any
                tv = TV(v: zeroValue(t), t: t)
            }
            declareLocal(d.name, tv, mutable: d.isMutable)
        case .function(let f):
            if atTopLevel && fns.count == 1 { return } // registered and lowered separately
            let owner = cur
            let i = registerFunction(f, irName: uniqueFunctionName("\(owner.fn.name).\(f.name.text)"),
                                     ownerDepth: owner.depth, isNested: true, receiver: nil)
            bind(f.name, .function(i))
            lowerFunctionBody(i)
        case .type(let td):
            if !(atTopLevel && fns.count == 1) {
                error("type declarations are only supported at the top level ('\(td.name.text)')", td.location)
            }
        case .expression(let e):
            _ = lowerExpr(e, nil)
        case .assignment(let target, let value):
            lowerAssignment(target, value)
        case .ifElse(let c, let t, let e):
            let cond = lowerCondition(c)
            let thenB = cur.makeBlock(), join = cur.makeBlock()
            let elseB = e != nil ? cur.makeBlock() : join
            cur.brif(cond, thenB, elseB)
            cur.seal(thenB)
            cur.switchTo(thenB)
            lowerBlock(t)
            if !cur.isTerminated { cur.jump(join) }
            if let e {
                cur.seal(elseB)
                cur.switchTo(elseB)
                lowerBlock(e)
                if !cur.isTerminated { cur.jump(join) }
            }
            cur.seal(join)
            cur.switchTo(join)
        case .whileLoop(let c, let body):
            let header = cur.makeBlock(), bodyB = cur.makeBlock(), exit = cur.makeBlock()
            cur.jump(header)
            cur.switchTo(header)
            let cond = lowerCondition(c)
            cur.brif(cond, bodyB, exit)
            cur.seal(bodyB)
            cur.switchTo(bodyB)
            cur.loops.append((header, exit))
            lowerBlock(body)
            cur.loops.removeLast()
            if !cur.isTerminated { cur.jump(header) }
            cur.seal(header)
            cur.seal(exit)
            cur.switchTo(exit)
        case .forRange(let name, _, _, let a, let b, let body):
            let start = coerce(lowerExpr(a, .int), to: .int, at: a.location)
            let end = coerce(lowerExpr(b, .int), to: .int, at: b.location)
            setLoc(s.location)
            let counter = cur.newSlot(.i64)
            cur.write(counter, start)
            lowerCountedLoop(counter: counter, end: end, body: body) { i in
                self.declareLocal(name, TV(v: i, t: .int), mutable: true)
            }
        case .forIn(let name, _, _, let src, let body):
            lowerForIn(name, src, body, s.location)
        case .breakLoop:
            if let l = cur.loops.last { cur.jump(l.breakTarget) } else { error("'break' outside a loop", s.location) }
        case .continueLoop:
            if let l = cur.loops.last { cur.jump(l.continueTarget) } else { error("'continue' outside a loop", s.location) }
        case .returnValue(let e):
            let rt = cur.returnType
            if let e {
                let tv = lowerExpr(e, rt)
                setLoc(s.location)
                if rt == .unit {
                    if fns.count == 1 { error("'return' with a value at the top level", e.location) }
                    else { error("function returns no value, but 'return' has one", e.location) }
                    cur.ret(nil)
                } else {
                    cur.ret(coerce(tv, to: rt, at: e.location))
                }
            } else {
                cur.ret(rt == .unit ? nil : cur.zero(ir(rt)))
            }
        case .test(let name, let body):
            testCount += 1
            let fd = FunDecl(name: program.names.lookup("main") ?? Name(id: -1, text: "test"),
                             location: s.location, declID: -1, genericParams: [], params: [],
                             returnType: nil, effects: [], body: body, isExported: false)
            let i = registerFunction(fd, irName: uniqueFunctionName("test.\(testCount)"), ownerDepth: 0,
                                     isNested: false, receiver: nil, isTestBlock: true)
            deferred.append(i)
            // A test `mochi test --run` did not pick is still checked and lowered
            // (its errors are reported), only not called.
            if let picks = tests.picks, !picks(name) { break }
            // test.begin/test.end bracket the call so `mochi test` can report each
            // block; in a plain run they do nothing and the body runs inline.
            let title = cur.emit(.sconst, .str, [], imm: .string(name))
            cur.emitVoid(.testBegin, [title])
            cur.emitInst(.call, nil, [], imm: .function(funcs[i].irName))
            cur.emitVoid(.testEnd, [])
        case .expect(let e):
            if tests.expectDetails, case .binary(let op, let a, let b) = e.kind,
               [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(op) {
                lowerDetailedExpect(op, a, b, e.location, s.location)
                break
            }
            let c = lowerCondition(e)
            setLoc(s.location)
            cur.emitVoid(.expect, [c])
        case .update(let target, let tloc, let assigns, let cond):
            lowerUpdate(target, tloc, assigns, cond)
        case .bench:
            outOfScope("bench blocks", s.location)
        case .importDecl(let d):
            if !(atTopLevel && fns.count == 1) { lowerImport(d) }
        case .externDecl(let d):
            lowerExtern(d, s.location)
        case .outOfScope(let feature):
            outOfScope(feature, s.location)
        }
    }

    func lowerExtern(_ d: ExternDecl, _ loc: SourceLocation) {
        switch d {
        case .value(let path, _, _, _):
            if path.count == 2, isMath(path[0]), MathLibrary.constants[path[1].text] != nil { return }
            outOfScope("extern '\(path.map(\.text).joined(separator: "."))'", loc)
        case .function(let path, _, _, _):
            if path.count == 2, isMath(path[0]),
               MathLibrary.unary.contains(path[1].text) || MathLibrary.binary.contains(path[1].text) { return }
            outOfScope("extern fun '\(path.map(\.text).joined(separator: "."))'", loc)
        case .type(let name, _):
            outOfScope("extern type '\(name.text)'", loc)
        }
    }

    func isMath(_ n: Name) -> Bool {
        if case .mathModule = scope[n.id] { return true }
        return false
    }

    /// A loop `counter in [counter, end)` whose body sees the counter value.
    func lowerCountedLoop(counter: Int, end: Value, body: [Stmt], bindVars: (Value) -> Void) {
        let header = cur.makeBlock(), bodyB = cur.makeBlock(), latch = cur.makeBlock(), exit = cur.makeBlock()
        cur.jump(header)
        cur.switchTo(header)
        let i = cur.read(counter)
        let c = cur.emit(.icmp, .bool, [i, end], imm: .cond(.lt))
        cur.brif(c, bodyB, exit)
        cur.seal(bodyB)
        cur.switchTo(bodyB)
        let mark = scopeMark
        bindVars(i)
        cur.loops.append((latch, exit))
        lowerBlock(body)
        cur.loops.removeLast()
        popScope(to: mark)
        if !cur.isTerminated { cur.jump(latch) }
        cur.seal(latch)
        cur.switchTo(latch)
        let one = cur.emit(.iconst, .i64, imm: .int(1))
        let next = cur.emit(.iadd, .i64, [cur.read(counter), one])
        cur.write(counter, next)
        cur.jump(header)
        cur.seal(header)
        cur.seal(exit)
        cur.switchTo(exit)
    }

    func lowerForIn(_ name: Name, _ src: Expr, _ body: [Stmt], _ loc: SourceLocation) {
        var tv = lowerExpr(src, nil)
        setLoc(loc)
        if case .group(_, let item) = tv.t {
            tv = groupItems(tv.v, item: item)
        }
        if tv.t == .any {
            tv = TV(v: cur.emit(.unbox, .list(.any), [tv.v]), t: .list(.any))
        }
        let zero = cur.emit(.iconst, .i64, imm: .int(0))
        let counter = cur.newSlot(.i64)
        cur.write(counter, zero)
        switch tv.t {
        case .list(let e):
            let n = cur.emit(.listLen, .i64, [tv.v])
            lowerCountedLoop(counter: counter, end: n, body: body) { i in
                let x = self.cur.emit(.listGet, self.ir(e), [tv.v, i])
                self.declareLocal(name, TV(v: x, t: e), mutable: true)
            }
        case .map(let k, _):
            let keys = cur.emit(.mapKeys, .list(ir(k)), [tv.v])
            let n = cur.emit(.listLen, .i64, [keys])
            lowerCountedLoop(counter: counter, end: n, body: body) { i in
                let x = self.cur.emit(.listGet, self.ir(k), [keys, i])
                self.declareLocal(name, TV(v: x, t: k), mutable: true)
            }
        case .string:
            let n = cur.emit(.strLen, .i64, [tv.v])
            lowerCountedLoop(counter: counter, end: n, body: body) { i in
                let x = self.cur.emit(.strIndex, .str, [tv.v, i])
                self.declareLocal(name, TV(v: x, t: .string), mutable: true)
            }
        default:
            error("cannot iterate over a value of type \(describe(tv.t))", src.location)
        }
    }

    // MARK: Assignment

    func lowerAssignment(_ target: Expr, _ value: Expr) {
        switch target.kind {
        case .name(let n):
            guard let b = scope[n.id] else {
                error("undefined name '\(n.text)'", target.location)
                _ = lowerExpr(value, nil)
                return
            }
            switch b {
            case .local(let depth, let slot, let t, let mutable):
                // The VM lets `let` bindings be reassigned (corpus programs rely on it).
                _ = mutable
                let v = coerce(lowerExpr(value, t), to: t, at: value.location)
                if depth != cur.depth {
                    error("cannot assign to captured variable '\(n.text)'", target.location)
                    return
                }
                cur.write(slot, v)
            case .cell(let depth, let slot, let t):
                let v = coerce(lowerExpr(value, t), to: t, at: value.location)
                setLoc(target.location)
                let cell = cur.read(localSlot(for: CaptureKey(depth: depth, slot: slot), irType: .list(ir(t)), type: t, isCell: true))
                let zero = cur.emit(.iconst, .i64, imm: .int(0))
                cur.emitVoid(.listSet, [cell, zero, v])
            case .global(let g, let t):
                let v = coerce(lowerExpr(value, t), to: t, at: value.location)
                setLoc(target.location)
                cur.emitVoid(.globalSet, [v], imm: .global(g))
            case .receiverField(let depth, let slot, let si, let fi):
                let ft = types.structs[si].fields[fi].type
                let v = coerce(lowerExpr(value, ft), to: ft, at: value.location)
                let recv = cur.read(localSlot(for: CaptureKey(depth: depth, slot: slot), irType: ir(.structure(si)), type: .structure(si), isCell: false))
                cur.emitVoid(.fieldSet, [recv, v], imm: .field(FieldRef(typeName: types.structs[si].irName, variant: -1, field: Int32(fi))))
            default:
                error("cannot assign to '\(n.text)'", target.location)
            }
        case .index(let base, let index, _):
            let container = lowerExpr(base, nil)
            switch container.t {
            case .list(let e):
                let i = coerce(lowerExpr(index, .int), to: .int, at: index.location)
                let v = coerce(lowerExpr(value, e), to: e, at: value.location)
                setLoc(target.location)
                cur.emitVoid(.listSet, [container.v, i, v])
            case .map(let k, let vt):
                let key = coerce(lowerExpr(index, k), to: k, at: index.location)
                let v = coerce(lowerExpr(value, vt), to: vt, at: value.location)
                setLoc(target.location)
                cur.emitVoid(.mapSet, [container.v, key, v])
            case .structure(let si):
                if case .string(let s) = index.kind, let n = program.names.lookup(s),
                   let fi = types.structs[si].fieldIndex[n.id] {
                    storeField(container, si, fi, value, target.location)
                } else {
                    error("cannot assign to a record field with a non-constant key", index.location)
                }
            case .any:
                error("cannot assign into a value of type any; give the container a type", target.location)
            default:
                error("cannot index-assign into a value of type \(describe(container.t))", target.location)
            }
        case .field(let base, let name, let nloc, _):
            let container = lowerExpr(base, nil)
            switch container.t {
            case .structure(let si):
                if let fi = types.structs[si].fieldIndex[name.id] {
                    storeField(container, si, fi, value, target.location)
                } else {
                    error("type \(describe(container.t)) has no field '\(name.text)'", nloc)
                }
            case .map(let k, let vt) where k == .string || k == .any:
                let key = coerce(TV(v: cur.emit(.sconst, .str, imm: .string(name.text)), t: .string), to: k, at: nloc)
                let v = coerce(lowerExpr(value, vt), to: vt, at: value.location)
                cur.emitVoid(.mapSet, [container.v, key, v])
            default:
                error("cannot assign to field '\(name.text)' of a value of type \(describe(container.t))", nloc)
            }
        default:
            error("invalid assignment target", target.location)
        }
    }

    func storeField(_ container: TV, _ si: Int, _ fi: Int, _ value: Expr, _ loc: SourceLocation) {
        let ft = types.structs[si].fields[fi].type
        let v = coerce(lowerExpr(value, ft), to: ft, at: value.location)
        setLoc(loc)
        cur.emitVoid(.fieldSet, [container.v, v],
                     imm: .field(FieldRef(typeName: types.structs[si].irName, variant: -1, field: Int32(fi))))
    }

    // MARK: update

    func lowerUpdate(_ target: Name, _ tloc: SourceLocation, _ assigns: [FieldInit], _ cond: Expr?) {
        guard let b = scope[target.id] else { error("undefined name '\(target.text)'", tloc); return }
        let list = readBinding(b, target, tloc)
        guard case .list(let et) = list.t, case .structure(let si) = et else {
            error("'update' needs a list of structs, got \(describe(list.t))", tloc)
            return
        }
        let n = cur.emit(.listLen, .i64, [list.v])
        let counter = cur.newSlot(.i64)
        cur.write(counter, cur.emit(.iconst, .i64, imm: .int(0)))
        let irName = types.structs[si].irName
        lowerCountedLoopBody(counter: counter, end: n) { i in
            let item = self.cur.emit(.listGet, self.ir(et), [list.v, i])
            let mark = self.scopeMark
            for (k, f) in self.types.structs[si].fields.enumerated() {
                let fv = self.cur.emit(.fieldGet, self.ir(f.type), [item], imm: .field(FieldRef(typeName: irName, variant: -1, field: Int32(k))))
                self.declareLocalPlain(f.name, TV(v: fv, t: f.type))
            }
            var skip: Block? = nil
            if let cond {
                let c = self.lowerCondition(cond)
                let yes = self.cur.makeBlock(), no = self.cur.makeBlock()
                self.cur.brif(c, yes, no)
                self.cur.seal(yes)
                self.cur.switchTo(yes)
                skip = no
            }
            var values: [(Int, Value)] = []
            for a in assigns {
                guard let fi = self.types.structs[si].fieldIndex[a.name.id] else {
                    self.error("type \(self.describe(et)) has no field '\(a.name.text)'", a.location)
                    continue
                }
                let ft = self.types.structs[si].fields[fi].type
                values.append((fi, self.coerce(self.lowerExpr(a.value, ft), to: ft, at: a.value.location)))
            }
            // The element itself is updated (structs are shared references, §4): every
            // holder of it sees the new fields. The values were all computed from the
            // old fields first, so `set { a: b, b: a }` swaps.
            for (fi, v) in values {
                self.cur.emitVoid(.fieldSet, [item, v], imm: .field(FieldRef(typeName: irName, variant: -1, field: Int32(fi))))
            }
            self.popScope(to: mark)
            if let skip {
                self.cur.jump(skip)
                self.cur.seal(skip)
                self.cur.switchTo(skip)
            }
        }
    }

    /// A plain SSA local, never a global or cell (query and update variables).
    func declareLocalPlain(_ name: Name, _ tv: TV) {
        let slot = cur.newSlot(ir(tv.t))
        cur.write(slot, tv.v)
        bind(name, .local(depth: cur.depth, slot: slot, type: tv.t, mutable: false))
    }

    /// A counted loop whose body is generated by `body` (no `break`/`continue`).
    func lowerCountedLoopBody(counter: Int, end: Value, body: (Value) -> Void) {
        let header = cur.makeBlock(), bodyB = cur.makeBlock(), exit = cur.makeBlock()
        cur.jump(header)
        cur.switchTo(header)
        let i = cur.read(counter)
        let c = cur.emit(.icmp, .bool, [i, end], imm: .cond(.lt))
        cur.brif(c, bodyB, exit)
        cur.seal(bodyB)
        cur.switchTo(bodyB)
        body(i)
        let one = cur.emit(.iconst, .i64, imm: .int(1))
        cur.write(counter, cur.emit(.iadd, .i64, [cur.read(counter), one]))
        cur.jump(header)
        cur.seal(header)
        cur.seal(exit)
        cur.switchTo(exit)
    }

    /// The zero value of a declared type (`var x: int` binds 0, `[]`, `{}`...).
    func zeroValue(_ t: MType) -> Value {
        switch t {
        case .int: return cur.emit(.iconst, .i64, imm: .int(0))
        case .float: return cur.emit(.fconst, .f64, imm: .double(0))
        case .bool: return cur.emit(.bconst, .bool, imm: .int(0))
        case .bigint, .bigrat: return cur.emit(.bigFromInt, ir(t), [cur.emit(.iconst, .i64, imm: .int(0))])
        case .string: return cur.emit(.sconst, .str, imm: .string(""))
        case .list: return cur.emit(.listNew, ir(t), [])
        case .map: return cur.emit(.mapNew, ir(t), [])
        default: return cur.emit(.null, ir(t))
        }
    }

    /// `expect a OP b` for `mochi test`: each side evaluated once, and when the
    /// comparison fails, both values printed (`    left:  …`, `    right: …`, strings
    /// quoted) before the failing expect reports its file:line, so a failure says
    /// what the values were, not only where.
    func lowerDetailedExpect(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ loc: SourceLocation,
                             _ stmtLoc: SourceLocation) {
        let l = lowerExpr(a, nil)
        let r = lowerExpr(b, l.t == .float || l.t == .string ? l.t : nil)
        setLoc(loc)
        let c = compare(op, l, r, loc)
        let failed = cur.makeBlock(), done = cur.makeBlock()
        cur.brif(c, done, failed)
        cur.seal(failed)
        cur.switchTo(failed)
        for (label, tv) in [("    left:  ", l), ("    right: ", r)] {
            var text: Value
            switch tv.t {
            case .string:
                let q = cur.emit(.sconst, .str, imm: .string("\""))
                text = cur.emit(.strConcat, .str, [cur.emit(.strConcat, .str, [q, tv.v]), q])
            case .unit:
                text = cur.emit(.sconst, .str, imm: .string("nil"))
            default:
                text = cur.emit(.fmt, .str, [tv.v])
            }
            let head = cur.emit(.sconst, .str, imm: .string(label))
            cur.emitVoid(.print, [cur.emit(.strConcat, .str, [head, text])])
        }
        setLoc(stmtLoc)
        cur.emitVoid(.expect, [c])
        cur.jump(done)
        cur.seal(done)
        cur.switchTo(done)
    }
}
