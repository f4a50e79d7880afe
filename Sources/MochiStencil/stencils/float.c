/*
 * float.c: IEEE float arithmetic, comparisons and conversions. fdiv and frem
 * trap on a zero divisor; ftoi traps outside [-2^63, 2^63) and on NaN with
 * `integer overflow` (the runtime's float-to-int rule). Fused float branches come
 * in both polarities (`br_nfcmp_*` jumps when the comparison is false), because
 * NaN makes !(a < b) differ from a >= b. fneg flips the sign bit on the integer
 * bits, so no constant pool is needed. math1/math2 call the libm function the
 * JIT patches into _JIT_FN/_JIT_FN2; sqrt has its own stencil (one instruction).
 */
#include "stencil.h"

STENCIL(fadd) { S(A) = mochi_f2s(F(B) + F(C)); NEXT(); }
STENCIL(fsub) { S(A) = mochi_f2s(F(B) - F(C)); NEXT(); }
STENCIL(fmul) { S(A) = mochi_f2s(F(B) * F(C)); NEXT(); }

STENCIL(fdiv) {
    double y = F(C);
    if (UNLIKELY(y == 0.0)) { LINE(); mochi_err_div_zero(); }
    S(A) = mochi_f2s(F(B) / y);
    NEXT();
}

STENCIL(frem) {
    SYNC();
    S(A) = mochi_f2s(mochi_f64_mod(F(B), F(C)));
    NEXT();
}

STENCIL(fneg) { S(A) = S(B) ^ 0x8000000000000000ull; NEXT(); }

#define FCMP(cond, op)                                                     \
    STENCIL(fcmp_##cond) { S(A) = F(B) op F(C); NEXT(); }                  \
    STENCIL(br_fcmp_##cond) { if (F(B) op F(C)) JUMP(); NEXT(); }          \
    STENCIL(br_nfcmp_##cond) { if (!(F(B) op F(C))) JUMP(); NEXT(); }
FCMP(eq, ==)
FCMP(ne, !=)
FCMP(lt, <)
FCMP(le, <=)
FCMP(gt, >)
FCMP(ge, >=)

STENCIL(itof) { S(A) = mochi_f2s((double)I(B)); NEXT(); }

STENCIL(ftoi) {
    double x = F(B);
    if (UNLIKELY(!(x >= -9223372036854775808.0 && x < 9223372036854775808.0))) {
        LINE();
        mochi_err_overflow();
    }
    S(A) = (mochi_slot)(int64_t)x;
    NEXT();
}

STENCIL(sqrt) { S(A) = mochi_f2s(__builtin_sqrt(F(B))); NEXT(); }
STENCIL(math1) { S(A) = mochi_f2s(_JIT_FN(F(B))); NEXT(); }
STENCIL(math2) { S(A) = mochi_f2s(_JIT_FN2(F(B), F(C))); NEXT(); }
