/*
 * int.c: checked integer arithmetic and integer comparisons, the way the
 * interpreter runs them: overflow and zero division leave through the
 * instruction's error exits (stencil.h) to the runtime's errors; `_i` variants take the constant operand as a 64-bit
 * immediate; `br_icmp_*` fuse a comparison into the conditional branch that is
 * its only use (BRANCH_IF, stencil.h). Every family comes in one variant per operand location (the
 * name's last part, result first: stencil.h), so an operand kept in a register
 * home is read from it and a result written to one.
 */
#include "stencil.h"

/* name_ABC: A = B op C, and name_i_AB: A = B op IMM, for every location. */
#define ARITH3(c, b, a, name, builtin)                                         \
    STENCIL(name##_##a##b##c) {                                                \
        int64_t r;                                                             \
        _Bool o = builtin(GI_##b(B), GI_##c(C), &r);                           \
        PI_##a(A, r);                                                          \
        NEXT_UNLESS(o, OVERFLOW);                                              \
    }
#define ARITH2(b, a, name, builtin) EACH_I3(ARITH3, b, a, name, builtin)
#define ARITH1(a, name, builtin) EACH_I2(ARITH2, a, name, builtin)
#define ARITHI2(b, a, name, builtin)                                           \
    STENCIL(name##_i_##a##b) {                                                 \
        int64_t r;                                                             \
        _Bool o = builtin(GI_##b(B), IMM, &r);                                 \
        PI_##a(A, r);                                                          \
        NEXT_UNLESS(o, OVERFLOW);                                              \
    }
#define ARITHI1(a, name, builtin) EACH_I2(ARITHI2, a, name, builtin)
/* name_s_AB: A = B op SIMM, a constant in [0, 2^31) the instruction encodes. */
#define ARITHS2(b, a, name, builtin)                                           \
    STENCIL(name##_s_##a##b) {                                                 \
        int64_t r;                                                             \
        _Bool o = builtin(GI_##b(B), SIMM, &r);                                \
        PI_##a(A, r);                                                          \
        NEXT_UNLESS(o, OVERFLOW);                                              \
    }
#define ARITHS1(a, name, builtin) EACH_I2(ARITHS2, a, name, builtin)
#define ARITH(name, builtin) EACH_I1(ARITH1, name, builtin) EACH_I1(ARITHI1, name, builtin) \
    EACH_I1(ARITHS1, name, builtin)
ARITH(iadd, __builtin_add_overflow)
ARITH(isub, __builtin_sub_overflow)
ARITH(imul, __builtin_mul_overflow)

/* Division and remainder: y == 0 is a runtime error, INT64_MIN / -1 overflows
 * and INT64_MIN % -1 is 0. A constant divisor passes through LAUNDER so the
 * compiler cannot assume the hole's address is non-zero. */
#define DIVBODY(name, X, Y, a)                                                 \
    int64_t x = X, y = Y;                                                      \
    if (UNLIKELY(y == 0)) DIVZERO();                                           \
    if (UNLIKELY(y == -1 && x == INT64_MIN)) OVERFLOW();                       \
    PI_##a(A, x / y);                                                          \
    NEXT();
#define REMBODY(name, X, Y, a)                                                 \
    int64_t x = X, y = Y;                                                      \
    if (UNLIKELY(y == 0)) DIVZERO();                                           \
    PI_##a(A, y == -1 ? 0 : x % y);                                            \
    NEXT();
#define DIV3(c, b, a, name, BODY) STENCIL(name##_##a##b##c) { BODY(name, GI_##b(B), GI_##c(C), a) }
#define DIV2(b, a, name, BODY) EACH_I3(DIV3, b, a, name, BODY)
#define DIV1(a, name, BODY) EACH_I2(DIV2, a, name, BODY)
#define DIVI2(b, a, name, BODY) STENCIL(name##_i_##a##b) { BODY(name, GI_##b(B), (int64_t)LAUNDER(IMM), a) }
#define DIVI1(a, name, BODY) EACH_I2(DIVI2, a, name, BODY)
EACH_I1(DIV1, idiv, DIVBODY)
EACH_I1(DIVI1, idiv, DIVBODY)
EACH_I1(DIV1, irem, REMBODY)
EACH_I1(DIVI1, irem, REMBODY)

/* Division and remainder by a constant d >= 2 without a divide instruction
 * (Hacker's Delight, signed magic numbers): the JIT computes the multiplier M
 * (IMM), the shift (N) and passes d (IMM2). q = high half of x * M, plus x when
 * M is negative as a signed number (the `_ka` variants), shifted right, plus one
 * when x < 0 (rounding toward zero); x % d = x - q * d. Never overflows or traps. */
#define MAGIC_Q(X, ADD) ({                                                     \
        int64_t _x = (X);                                                      \
        int64_t _q = (int64_t)(((__int128)_x * (__int128)IMM) >> 64);          \
        if (ADD) _q += _x;                                                     \
        _q >>= (int)LAUNDER(V(N));                                             \
        _q + (int64_t)((uint64_t)_x >> 63);                                    \
    })
#define MAGIC2(b, a, _)                                                        \
    STENCIL(idiv_k_##a##b) { PI_##a(A, MAGIC_Q(GI_##b(B), 0)); NEXT(); }       \
    STENCIL(idiv_ka_##a##b) { PI_##a(A, MAGIC_Q(GI_##b(B), 1)); NEXT(); }      \
    STENCIL(irem_k_##a##b) {                                                   \
        int64_t x = GI_##b(B);                                                 \
        PI_##a(A, x - MAGIC_Q(x, 0) * IMM2);                                   \
        NEXT();                                                                \
    }                                                                          \
    STENCIL(irem_ka_##a##b) {                                                  \
        int64_t x = GI_##b(B);                                                 \
        PI_##a(A, x - MAGIC_Q(x, 1) * IMM2);                                   \
        NEXT();                                                                \
    }
#define MAGIC1(a, _) EACH_I2(MAGIC2, a, _)
EACH_I1(MAGIC1, _)

#define NEG2(b, a, _)                                                          \
    STENCIL(ineg_##a##b) {                                                     \
        int64_t r;                                                             \
        _Bool o = __builtin_sub_overflow((int64_t)0, GI_##b(B), &r);           \
        PI_##a(A, r);                                                          \
        NEXT_UNLESS(o, OVERFLOW);                                              \
    }                                                                          \
    STENCIL(not_##a##b) {                                                      \
        PI_##a(A, GI_##b(B) == 0);                                             \
        NEXT();                                                                \
    }
#define NEG1(a, _) EACH_I2(NEG2, a, _)
EACH_I1(NEG1, _)

/* Comparisons: icmp_COND_mBC (the boolean goes to its slot) and the fused
 * branches br_icmp_COND_BC, br_icmp_i_COND_B. */
#define CMP2(c, b, cond, op)                                                   \
    STENCIL(icmp_##cond##_m##b##c) { S(A) = GI_##b(B) op GI_##c(C); NEXT(); }  \
    STENCIL(br_icmp_##cond##_##b##c) {                                         \
        BRANCH_IF(GI_##b(B) op GI_##c(C));                                     \
    }
#define CMP1(b, cond, op)                                                      \
    EACH_I2(CMP2, b, cond, op)                                                 \
    STENCIL(icmp_i_##cond##_m##b) { S(A) = GI_##b(B) op IMM; NEXT(); }         \
    STENCIL(br_icmp_i_##cond##_##b) {                                          \
        BRANCH_IF(GI_##b(B) op IMM);                                           \
    }                                                                          \
    STENCIL(icmp_s_##cond##_m##b) { S(A) = GI_##b(B) op SIMM; NEXT(); }        \
    STENCIL(br_icmp_s_##cond##_##b) {                                          \
        BRANCH_IF(GI_##b(B) op SIMM);                                          \
    }
#define CMP(cond, op) EACH_I1(CMP1, cond, op)
CMP(eq, ==)
CMP(ne, !=)
CMP(lt, <)
CMP(le, <=)
CMP(gt, >)
CMP(ge, >=)
