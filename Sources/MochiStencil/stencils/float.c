/*
 * float.c: IEEE float arithmetic, comparisons and conversions. fdiv and frem
 * trap on a zero divisor; ftoi traps outside [-2^63, 2^63) and on NaN with
 * `integer overflow` (the runtime's float-to-int rule). Fused float branches come
 * in both polarities (`br_nfcmp_*` jumps when the comparison is false), because
 * NaN makes !(a < b) differ from a >= b. fneg flips the sign bit. math1/math2
 * call the libm function the JIT patches into _JIT_FN/_JIT_FN2; sqrt has its
 * own stencil (one instruction). The hot families come in one variant per
 * operand location (stencil.h): `fadd_abc` is d0 = d1 + d2.
 */
#include "stencil.h"

#define FARITH3(c, b, a, _)                                                    \
    STENCIL(fadd_##a##b##c) { PF_##a(A, GF_##b(B) + GF_##c(C)); NEXT(); }      \
    STENCIL(fsub_##a##b##c) { PF_##a(A, GF_##b(B) - GF_##c(C)); NEXT(); }      \
    STENCIL(fmul_##a##b##c) { PF_##a(A, GF_##b(B) * GF_##c(C)); NEXT(); }      \
    STENCIL(fdiv_##a##b##c) {                                                  \
        double y = GF_##c(C);                                                  \
        PF_##a(A, GF_##b(B) / y);                                              \
        NEXT_UNLESS((LAUNDER(mochi_f2s(y)) << 1) == 0, DIVZERO);               \
    }
#define FARITH2(b, a, _) EACH_F3(FARITH3, b, a, _)
#define FARITH1(a, _) EACH_F2(FARITH2, a, _)
EACH_F1(FARITH1, _)

/* fdiv computes before it checks (dividing by zero does not trap; the error
 * exit ends the run), and tests y for +-0 on its bits, so the check is one
 * integer comparison and the fast path falls through. */

/* One-operand float ops and conversions, A and B at any location of their class. */
#define FUN2(b, a, _)                                                          \
    STENCIL(fneg_##a##b) { PF_##a(A, -GF_##b(B)); NEXT(); }                    \
    STENCIL(sqrt_##a##b) { PF_##a(A, __builtin_sqrt(GF_##b(B))); NEXT(); }     \
    STENCIL(math1_##a##b) { PF_##a(A, _JIT_FN(GF_##b(B))); NEXT(); }
#define FUN1(a, _) EACH_F2(FUN2, a, _)
EACH_F1(FUN1, _)

#define ITOF2(b, a, _) STENCIL(itof_##a##b) { PF_##a(A, (double)GI_##b(B)); NEXT(); }
#define ITOF1(a, _) EACH_I2(ITOF2, a, _)
EACH_F1(ITOF1, _)

#define FTOI2(b, a, _)                                                         \
    STENCIL(ftoi_##a##b) {                                                     \
        double x = GF_##b(B);                                                  \
        _Bool in = (x >= -9223372036854775808.0) & (x < 9223372036854775808.0); \
        PI_##a(A, (int64_t)(in ? x : 0.0));                                    \
        NEXT_UNLESS(!in, OVERFLOW);                                            \
    }
#define FTOI1(a, _) EACH_F2(FTOI2, a, _)
EACH_I1(FTOI1, _)

STENCIL(frem) {
    SYNC();
    S(A) = mochi_f2s(mochi_f64_mod(F(B), F(C)));
    KNEXT();
}

STENCIL(math2) { S(A) = mochi_f2s(_JIT_FN2(F(B), F(C))); KNEXT(); }

/* fcmp_COND (the boolean to its slot) and the fused branches in both
 * polarities, br_fcmp_COND_BC / br_nfcmp_COND_BC. */
#define FCMP2(c, b, cond, op)                                                  \
    STENCIL(br_fcmp_##cond##_##b##c) { BRANCH_IF(GF_##b(B) op GF_##c(C)); }    \
    STENCIL(fcmp_##cond##_m##b##c) { S(A) = GF_##b(B) op GF_##c(C); NEXT(); }
/* !(a == b) is a != b and !(a != b) is a == b even with NaNs, so the inverted
 * branches exist for the orderings only. */
#define NFCMP2(c, b, cond, op)                                                 \
    STENCIL(br_nfcmp_##cond##_##b##c) { BRANCH_IF(!(GF_##b(B) op GF_##c(C))); }
#define FCMP1(b, cond, op) EACH_F2(FCMP2, b, cond, op)
#define FCMP(cond, op) EACH_F1(FCMP1, cond, op)
#define NFCMP1(b, cond, op) EACH_F2(NFCMP2, b, cond, op)
#define NFCMP(cond, op) EACH_F1(NFCMP1, cond, op)
FCMP(eq, ==)
FCMP(ne, !=)
FCMP(lt, <)
FCMP(le, <=)
FCMP(gt, >)
FCMP(ge, >=)
NFCMP(lt, <)
NFCMP(le, <=)
NFCMP(gt, >)
NFCMP(ge, >=)
