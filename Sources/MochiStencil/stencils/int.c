/*
 * int.c: checked integer arithmetic and integer comparisons, the way the
 * interpreter runs them: overflow and zero division are runtime errors with the
 * runtime's messages; `_i` variants take the constant operand as a 64-bit
 * immediate; `br_icmp_*` fuse a comparison into the conditional branch that is
 * its only use. The `_ba`/`_ra` variants are the register cache (stencil.h).
 */
#include "stencil.h"

#define OVERFLOW() do { LINE(); mochi_err_overflow(); } while (0)
#define DIVZERO() do { LINE(); mochi_err_div_zero(); } while (0)

/* Each arithmetic op in four variants: operand B from its slot or from the
 * accumulator (_ba), result to slot A or to the accumulator (_ra). */
#define ARITH1(name, builtin, RHS, in, IN, out, OUT)                       \
    STENCIL(name##in##out) {                                               \
        int64_t r;                                                         \
        if (UNLIKELY(builtin(IN, RHS, &r))) OVERFLOW();                    \
        OUT(r);                                                            \
    }
#define ARITH(name, builtin)                                               \
    ARITH1(name, builtin, I(C), , IN_f, , OUT_f)                           \
    ARITH1(name, builtin, I(C), _ba, IN_a, , OUT_f)                        \
    ARITH1(name, builtin, I(C), , IN_f, _ra, OUT_a)                        \
    ARITH1(name, builtin, I(C), _ba, IN_a, _ra, OUT_a)                     \
    ARITH1(name##_i, builtin, IMM, , IN_f, , OUT_f)                        \
    ARITH1(name##_i, builtin, IMM, _ba, IN_a, , OUT_f)                     \
    ARITH1(name##_i, builtin, IMM, , IN_f, _ra, OUT_a)                     \
    ARITH1(name##_i, builtin, IMM, _ba, IN_a, _ra, OUT_a)
ARITH(iadd, __builtin_add_overflow)
ARITH(isub, __builtin_sub_overflow)
ARITH(imul, __builtin_mul_overflow)

/* Division by a constant (_i) or a slot, with the same variants. */
#define DIV1(name, RHS, in, IN, out, OUT)                                  \
    STENCIL(name##in##out) {                                               \
        int64_t x = IN, y = RHS;                                           \
        if (UNLIKELY(y == 0)) DIVZERO();                                   \
        if (UNLIKELY(y == -1 && x == INT64_MIN)) OVERFLOW();               \
        OUT(x / y);                                                        \
    }
#define REM1(name, RHS, in, IN, out, OUT)                                  \
    STENCIL(name##in##out) {                                               \
        int64_t x = IN, y = RHS;                                           \
        if (UNLIKELY(y == 0)) DIVZERO();                                   \
        OUT(y == -1 ? 0 : x % y);                                          \
    }
#define DIVREM(M, name, RHS)                                               \
    M(name, RHS, , IN_f, , OUT_f) M(name, RHS, _ba, IN_a, , OUT_f)         \
    M(name, RHS, , IN_f, _ra, OUT_a) M(name, RHS, _ba, IN_a, _ra, OUT_a)
DIVREM(DIV1, idiv_i, (int64_t)LAUNDER(IMM))
DIVREM(REM1, irem_i, (int64_t)LAUNDER(IMM))

STENCIL(idiv) {
    int64_t x = I(B), y = I(C);
    if (UNLIKELY(y == 0)) DIVZERO();
    if (UNLIKELY(y == -1 && x == INT64_MIN)) OVERFLOW();
    S(A) = (mochi_slot)(x / y);
    NEXT();
}

STENCIL(irem) {
    int64_t x = I(B), y = I(C);
    if (UNLIKELY(y == 0)) DIVZERO();
    S(A) = y == -1 ? 0 : (mochi_slot)(x % y);
    NEXT();
}

STENCIL(ineg) {
    int64_t x = I(B);
    if (UNLIKELY(x == INT64_MIN)) OVERFLOW();
    S(A) = (mochi_slot)-x;
    NEXT();
}

STENCIL(not) {
    S(A) = S(B) == 0;
    NEXT();
}

#define CMP(cond, op)                                                      \
    STENCIL(icmp_##cond) { S(A) = I(B) op I(C); NEXT(); }                  \
    STENCIL(icmp_##cond##_ba) { S(A) = IN_a op I(C); NEXT(); }             \
    STENCIL(icmp_i_##cond) { S(A) = I(B) op IMM; NEXT(); }                 \
    STENCIL(icmp_i_##cond##_ba) { S(A) = IN_a op IMM; NEXT(); }            \
    STENCIL(br_icmp_##cond) { if (I(B) op I(C)) JUMP(); NEXT(); }         \
    STENCIL(br_icmp_##cond##_ba) { if (IN_a op I(C)) JUMP(); NEXT(); }    \
    STENCIL(br_icmp_i_##cond) { if (I(B) op IMM) JUMP(); NEXT(); }        \
    STENCIL(br_icmp_i_##cond##_ba) { if (IN_a op IMM) JUMP(); NEXT(); }
CMP(eq, ==)
CMP(ne, !=)
CMP(lt, <)
CMP(le, <=)
CMP(gt, >)
CMP(ge, >=)
