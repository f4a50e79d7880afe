// Checking and lowering of the exact numbers, `bigint` and `bigrat` (LANGUAGE.md
// §10): the promotion of mixed operands along int < bigint < bigrat < float, the
// conversions between the four number types (implicit ones widen along that order;
// `as` may also narrow), and the operators and builtins on them, all lowered to the
// IR's `big.*` ops (Opcodes.swift), whose result type says which of the two exact
// types an op works on.
//
// Nothing here touches `int` alone: two ints stay machine arithmetic (checked,
// `integer overflow` on overflow); exactness is asked for by type.

import MochiIR

extension Checker {
    /// The type both operands of a mixed numeric operation are converted to: the
    /// higher of the two in the promotion order, when at least one is exact and
    /// both are numbers; nil otherwise (the int and float rules apply).
    func exactPromotion(_ a: MType, _ b: MType) -> MType? {
        guard let ra = a.numericRank, let rb = b.numericRank, a.isExact || b.isExact else { return nil }
        return ra >= rb ? a : b
    }

    /// A number converted to another number type: widening along the promotion
    /// order (what `coerce` does implicitly), or, for `as`, narrowing (a bigint or
    /// bigrat to int traps with `integer overflow` when it does not fit, a bigrat to
    /// bigint truncates, a float to an exact type is exact or traps on NaN and
    /// infinities). nil when either type is not a number.
    func convertNumber(_ tv: TV, to t: MType) -> Value? {
        guard tv.t.numericRank != nil, t.numericRank != nil else { return nil }
        if tv.t == t { return tv.v }
        switch (tv.t, t) {
        case (.int, .float): return cur.emit(.itof, .f64, [tv.v])
        case (.float, .int): return cur.emit(.ftoi, .i64, [tv.v])
        case (.int, _): return cur.emit(.bigFromInt, ir(t), [tv.v])
        case (.float, _): return cur.emit(.bigFromFloat, ir(t), [tv.v])
        case (_, .int): return cur.emit(.bigToInt, .i64, [tv.v])
        case (_, .float): return cur.emit(.bigToFloat, .f64, [tv.v])
        case (.bigint, .bigrat): return cur.emit(.bigToRat, .bigrat, [tv.v])
        case (.bigrat, .bigint): return cur.emit(.bigTrunc, .bigint, [tv.v])
        default: return nil
        }
    }

    /// Whether `coerce` converts a value of type `from` to `to` by itself: a number
    /// to a number of a higher rank (int to float included, as before bigints).
    func widens(_ from: MType, _ to: MType) -> Bool {
        guard let a = from.numericRank, let b = to.numericRank else { return false }
        return a < b
    }

    /// `a op b` with at least one exact operand and both numbers.
    func exactArithmetic(_ op: BinaryOperator, _ l: TV, _ r: TV, _ t: MType, _ loc: SourceLocation) -> TV {
        let a = convertNumber(l, to: t)!, b = convertNumber(r, to: t)!
        if t == .float {
            let opc = Checker.arithmeticOpcode(op, .fadd, .fsub, .fmul, .fdiv, .frem)
            return TV(v: cur.emit(opc, .f64, [a, b]), t: .float)
        }
        if op == .remainder && t == .bigrat {
            error("invalid operands of '%': \(describe(l.t)) and \(describe(r.t)) (% needs integers: bigint or int)", loc)
            return poison()
        }
        let opc = Checker.arithmeticOpcode(op, .bigAdd, .bigSub, .bigMul, .bigDiv, .bigRem)
        return TV(v: cur.emit(opc, ir(t), [a, b]), t: t)
    }

    /// `a cmp b` with at least one exact operand and both numbers.
    func exactCompare(_ c: CondCode, _ l: TV, _ r: TV, _ t: MType) -> Value {
        let a = convertNumber(l, to: t)!, b = convertNumber(r, to: t)!
        if t == .float { return cur.emit(.fcmp, .bool, [a, b], imm: .cond(c)) }
        return cur.emit(.bigCmp, .bool, [a, b], imm: .cond(c))
    }

    /// `abs(x)` of an exact number.
    func exactAbs(_ tv: TV) -> TV {
        TV(v: cur.emit(.bigAbs, ir(tv.t), [tv.v]), t: tv.t)
    }

    /// `pow(a, e)` when the base is exact, or an int raised to a bigint exponent
    /// (the base is then a bigint): an exact power with an int exponent (a bigint
    /// exponent that does not fit an int is `integer overflow`).
    func exactPow(_ a: TV, _ e: TV, _ loc: SourceLocation) -> TV? {
        guard a.t.isExact || (a.t == .int && e.t == .bigint) else { return nil }
        let t: MType = a.t.isExact ? a.t : .bigint
        guard e.t == .int || e.t == .bigint else {
            error("pow() of \(describe(a.t)) needs an int exponent, got \(describe(e.t))", loc)
            return poison()
        }
        let base = convertNumber(a, to: t)!
        let exp = convertNumber(e, to: .int)!
        return TV(v: cur.emit(.bigPow, ir(t), [base, exp]), t: t)
    }

    /// `num(x)` / `denom(x)`: the numerator and the positive denominator in lowest
    /// terms, as bigints; a bigint (or an int) is its own numerator over 1.
    func numDenom(_ tv: TV, denominator: Bool, _ spelled: String, _ loc: SourceLocation) -> TV {
        switch tv.t {
        case .bigrat:
            return TV(v: cur.emit(denominator ? .bigDenom : .bigNum, .bigint, [tv.v]), t: .bigint)
        case .bigint, .int:
            if denominator {
                let one = cur.emit(.iconst, .i64, imm: .int(1))
                return TV(v: cur.emit(.bigFromInt, .bigint, [one]), t: .bigint)
            }
            return TV(v: convertNumber(tv, to: .bigint)!, t: .bigint)
        default:
            error("\(spelled)() needs a bigrat, bigint or int, got \(describe(tv.t))", loc)
            return poison()
        }
    }

    /// `sum(xs)` of a list of exact numbers: the runtime's exact sum of a list of
    /// anys (an int 0 for an empty list), converted back to the element type.
    func exactSum(_ list: TV, _ e: MType, _ loc: SourceLocation) -> TV {
        let l = coerce(list, to: .list(.any), at: loc)
        let s = cur.emit(.listSum, .any, [l])
        return TV(v: cur.emit(.unbox, ir(e), [s]), t: e)
    }
}
