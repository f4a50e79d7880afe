/*
 * control.c: stencils for control flow, moves and constants: the block
 * terminators (jump, conditional branches, return), the moves that bind block
 * parameters, pass arguments and load or spill register homes (move_AB between
 * any two locations of one class), constants (iconst, fconst, bconst and null
 * share `const`: they are all 64-bit patterns), and loads/stores at a patched
 * absolute address (string constants and module globals live in slot arrays
 * the JIT allocates).
 */
#include "stencil.h"

STENCIL(jump) { JUMP(); }

#define BR1(b, _)                                                              \
    /* LAUNDER: knowing the home is 0 on one side, clang would set it to 0     \
     * again there instead of going straight on. */                           \
    STENCIL(br_true_##b) {                                                     \
        BRANCH_IF(LAUNDER(GI_##b(B)) != 0);                                    \
    }                                                                          \
    STENCIL(br_false_##b) {                                                    \
        BRANCH_IF(LAUNDER(GI_##b(B)) == 0);                                    \
    }                                                                          \
    STENCIL(ret_##b) { return (uint64_t)GI_##b(B); }
EACH_I1(BR1, _)
#define RETF(b, _) STENCIL(ret_##b) { return mochi_f2s(GF_##b(B)); }
EACH_FH1(RETF, _)

STENCIL(ret_void) { return 0; }

STENCIL(unreachable) { mochi_jit_unreachable((int64_t)V(LINE)); }

/* poll: where a contained run (mochi_runtime.h: the ir-exec fuzz target's
 * in-process runs) looks whether to stop, out of time or past its output cap; the
 * JIT puts one at every block start of a contained run's code, and nowhere else.
 * The stop is the out-of-line slow path, so the stencil makes no call (on AArch64
 * a call in it would sign the return address in the cold path, away from its
 * entry, which the library cannot check); that call does not return, so the
 * homes are kept. */
STENCIL(poll) {
    if (UNLIKELY(mochi_rt_contain_stop)) SLOW();
    NEXT();
}
STENCIL(poll_slow) { mochi_rt_contained_stop(); }

/* Error exits (stencil.h): the stubs failed checks jump to. */
STENCIL(err_overflow) { LINE(); mochi_err_overflow(); }
STENCIL(err_div_zero) { LINE(); mochi_err_div_zero(); }
STENCIL(err_stack) { mochi_jit_stack_overflow((int64_t)V(LINE)); }

/* move_AB: integer or float moves between slots and homes. */
#define MOVEI2(b, a, _) STENCIL(move_##a##b) { PI_##a(A, GI_##b(B)); NEXT(); }
#define MOVEI1(a, _) EACH_I2(MOVEI2, a, _)
EACH_I1(MOVEI1, _)
#define MOVEF2(b, a, _) STENCIL(move_##a##b) { PF_##a(A, GF_##b(B)); NEXT(); }
/* To any float location from a float home, and to a float home from a slot
 * (move_mm is the integer family's: raw slot bits either way). */
#define MOVEF1(a, _) EACH_FH2(MOVEF2, a, _)
EACH_F1(MOVEF1, _)
#define MOVEFM(a, _) MOVEF2(m, a, _)
EACH_FH1(MOVEFM, _)

/* const_A: a 64-bit pattern into a slot, an integer home or a float home. */
#define CONST1(a, _) STENCIL(const_##a) { PS_##a(A, (mochi_slot)IMM); NEXT(); }
EACH_S1(CONST1, _)
/* const_s_A: an integer constant in [0, 2^31), a 32-bit move. */
#define CONSTS(a, _) STENCIL(const_s_##a) { PI_##a(A, SIMM); NEXT(); }
EACH_I1(CONSTS, _)

/* load_abs_A: A = *(slot *)IMM, sconst (the module's string table) and
 * global.get; store_abs_B: *(slot *)IMM = B, global.set. A scalar global's
 * value comes from or goes to any location. */
#define ABS(l, _)                                                              \
    STENCIL(load_abs_##l) { PS_##l(A, *(mochi_slot *)(uintptr_t)IMM); NEXT(); } \
    STENCIL(store_abs_##l) { *(mochi_slot *)(uintptr_t)IMM = GS_##l(B); NEXT(); }
EACH_S1(ABS, _)
