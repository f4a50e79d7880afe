/*
 * call.c: direct and closure calls. A callee's frame starts right after the
 * caller's (fp + _JIT_FRAME); the caller has already moved the arguments into
 * its first slots (direct calls) or gathered them (closure calls, whose captures
 * go first and whose count is only known at run time). Each call checks the
 * interpreter's limits, so runaway recursion ends in `error: stack overflow` at
 * the same depth in both: a `call_check` stencil before the call compares the
 * depth with _JIT_N (the run's maximum depth, a 32-bit immediate), and
 * `call_checkx`, which the JIT picks when the module's frames could outgrow the
 * slot stack before that depth, also checks the slot-stack end. A failed check
 * leaves through the error exit (_JIT_ERROR3).
 *
 * A call clobbers every register home (KNEXT): the JIT stores the homes live
 * across the call to their slots before it and loads them after, so only what
 * is live is saved, and the callee has all the registers.
 */
#include "stencil.h"

/* call_check: the depth check before a direct call (a stencil of its own, so
 * that both it and the call are straight-line code): depth >= _JIT_N is a stack
 * overflow. call_checkx also checks that the callee's frame (_JIT_CFRAME bytes
 * from fp + _JIT_FRAME) fits the slot stack. */
STENCIL(call_check) {
    NEXT_UNLESS(depth >= (int64_t)V(N), STACKOVERFLOW);
}

STENCIL(call_checkx) {
    if (UNLIKELY(depth >= (int64_t)V(N))) STACKOVERFLOW();
    if (UNLIKELY((char *)fp + V(FRAME) + V(CFRAME) > (char *)mochi_jit_ctx.stack_end)) STACKOVERFLOW();
    NEXT();
}

/* call_A: the result to any location A; call_void. */
#define CALL1(a, _)                                                            \
    STENCIL(call_##a) {                                                        \
        SCRATCH();                                                             \
        mochi_slot r = _JIT_CALLEE((mochi_slot *)((char *)fp + V(FRAME)), depth + 1, REGS); \
        KILL_HOMES();                                                          \
        PS_##a(A, r);                                                          \
        NEXT();                                                                \
    }
EACH_S1(CALL1, _)

STENCIL(call_void) {
    SCRATCH();
    (void)_JIT_CALLEE((mochi_slot *)((char *)fp + V(FRAME)), depth + 1, REGS);
    KNEXT();
}

/* A closure call: its frame size is the callee's, known only at run time, so it
 * always checks both limits (the interpreter's, with its messages). */
static inline __attribute__((always_inline)) uint64_t call_closure(mochi_slot *fp, int64_t depth, REG_PARAMS) {
    MochiClosure *cl = (MochiClosure *)R(B);
    if (UNLIKELY(cl == NULL || cl->h.kind != MOCHI_O_CLOSURE))
        mochi_jit_bad_closure(R(B), (int64_t)V(LINE));
    int64_t id = cl->fn_id;
    if (UNLIKELY(id < 0 || id >= mochi_jit_ctx.func_count))
        mochi_jit_unreachable((int64_t)V(LINE));
    mochi_slot *nfp = (mochi_slot *)((char *)fp + V(FRAME));
    if (UNLIKELY(depth >= mochi_jit_ctx.max_depth ||
                 (char *)nfp + mochi_jit_ctx.frame_bytes[id] > (char *)mochi_jit_ctx.stack_end))
        mochi_jit_stack_overflow((int64_t)V(LINE));
    int64_t ncap = cl->ncap, n = (int64_t)LAUNDER(V(N));
    for (int64_t k = 0; k < ncap; k++) nfp[k] = cl->caps[k];
    mochi_slot *g = GATHER;
    for (int64_t k = 0; k < n; k++) nfp[ncap + k] = g[k];
    SCRATCH();
    return ((stencil_fn)mochi_jit_ctx.code[id])(nfp, depth + 1, REGS);
}

STENCIL(call_closure) {
    S(A) = call_closure(fp, depth, REGS);
    KNEXT();
}

STENCIL(call_closure_void) {
    (void)call_closure(fp, depth, REGS);
    KNEXT();
}

STENCIL(closure_new) {
    SYNC();
    S(A) = mochi_r2s(mochi_closure_new(IMM2, NULL, (int64_t)V(N), (const uint8_t *)(uintptr_t)IMM, GATHER));
    KNEXT();
}
