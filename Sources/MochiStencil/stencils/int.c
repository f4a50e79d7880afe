/*
 * int.c: checked integer arithmetic and integer comparisons, the way the
 * interpreter runs them: overflow and zero division are runtime errors with the
 * runtime's messages; `_i` variants take the constant operand as a 64-bit
 * immediate; `br_icmp_*` fuse a comparison into the conditional branch that is
 * its only use.
 */
#include "stencil.h"

#define OVERFLOW() do { LINE(); mochi_err_overflow(); } while (0)
#define DIVZERO() do { LINE(); mochi_err_div_zero(); } while (0)

#define ARITH(name, builtin)                                               \
    STENCIL(name) {                                                        \
        int64_t r;                                                         \
        if (UNLIKELY(builtin(I(B), I(C), &r))) OVERFLOW();                 \
        S(A) = (mochi_slot)r;                                              \
        NEXT();                                                            \
    }                                                                      \
    STENCIL(name##_i) {                                                    \
        int64_t r;                                                         \
        if (UNLIKELY(builtin(I(B), IMM, &r))) OVERFLOW();                  \
        S(A) = (mochi_slot)r;                                              \
        NEXT();                                                            \
    }
ARITH(iadd, __builtin_add_overflow)
ARITH(isub, __builtin_sub_overflow)
ARITH(imul, __builtin_mul_overflow)

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
    STENCIL(icmp_i_##cond) { S(A) = I(B) op IMM; NEXT(); }                 \
    STENCIL(br_icmp_##cond) { if (I(B) op I(C)) JUMP(); NEXT(); }         \
    STENCIL(br_icmp_i_##cond) { if (I(B) op IMM) JUMP(); NEXT(); }
CMP(eq, ==)
CMP(ne, !=)
CMP(lt, <)
CMP(le, <=)
CMP(gt, >)
CMP(ge, >=)
