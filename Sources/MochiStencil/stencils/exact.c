/*
 * exact.c: the exact numbers, bigint and bigrat (the IR's big.* ops): all runtime
 * calls, which report division by zero, overflow of a conversion to int and bad
 * text themselves at the line SYNC stored. One stencil per op and type, `big_`
 * for bigint and `rat_` for bigrat (the op's result or operand type picks it,
 * Lowering.swift), and one per condition of big.cmp.
 */
#include "stencil.h"

#define R1(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B))); KNEXT(); }
#define R2(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B), R(C))); KNEXT(); }

STENCIL(big_fromint) { SYNC(); S(A) = mochi_r2s(mochi_bigint_from_i64(I(B))); KNEXT(); }
STENCIL(rat_fromint) { SYNC(); S(A) = mochi_r2s(mochi_bigrat_from_i64(I(B))); KNEXT(); }
STENCIL(big_fromfloat) { SYNC(); S(A) = mochi_r2s(mochi_bigint_from_f64(F(B))); KNEXT(); }
STENCIL(rat_fromfloat) { SYNC(); S(A) = mochi_r2s(mochi_bigrat_from_f64(F(B))); KNEXT(); }
R1(big_fromstr, mochi_bigint_from_str)
R1(rat_fromstr, mochi_bigrat_from_str)
STENCIL(big_toint) { SYNC(); S(A) = (mochi_slot)mochi_bigint_to_i64(R(B)); KNEXT(); }
STENCIL(rat_toint) { SYNC(); S(A) = (mochi_slot)mochi_bigrat_to_i64(R(B)); KNEXT(); }
STENCIL(big_tofloat) { SYNC(); S(A) = mochi_f2s(mochi_bigint_to_f64(R(B))); KNEXT(); }
STENCIL(rat_tofloat) { SYNC(); S(A) = mochi_f2s(mochi_bigrat_to_f64(R(B))); KNEXT(); }
R1(rat_trunc, mochi_bigrat_trunc)
R1(big_torat, mochi_bigrat_from_bigint)
R1(rat_num, mochi_bigrat_num)
R1(rat_denom, mochi_bigrat_denom)

R2(big_add, mochi_bigint_add)
R2(rat_add, mochi_bigrat_add)
R2(big_sub, mochi_bigint_sub)
R2(rat_sub, mochi_bigrat_sub)
R2(big_mul, mochi_bigint_mul)
R2(rat_mul, mochi_bigrat_mul)
R2(big_div, mochi_bigint_div)
R2(rat_div, mochi_bigrat_div)
R2(big_rem, mochi_bigint_rem)
R1(big_neg, mochi_bigint_neg)
R1(rat_neg, mochi_bigrat_neg)
R1(big_abs, mochi_bigint_abs)
R1(rat_abs, mochi_bigrat_abs)
STENCIL(big_pow) { SYNC(); S(A) = mochi_r2s(mochi_bigint_pow(R(B), I(C))); KNEXT(); }
STENCIL(rat_pow) { SYNC(); S(A) = mochi_r2s(mochi_bigrat_pow(R(B), I(C))); KNEXT(); }

#define CMP(cond, op) \
    STENCIL(big_cmp_##cond) { SYNC(); S(A) = mochi_bigint_cmp(R(B), R(C)) op 0; KNEXT(); } \
    STENCIL(rat_cmp_##cond) { SYNC(); S(A) = mochi_bigrat_cmp(R(B), R(C)) op 0; KNEXT(); }
CMP(eq, ==)
CMP(ne, !=)
CMP(lt, <)
CMP(le, <=)
CMP(gt, >)
CMP(ge, >=)
