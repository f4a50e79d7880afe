/*
 * call.c: direct and closure calls. A callee's frame starts right after the
 * caller's (fp + _JIT_FRAME); the caller has already moved the arguments into
 * its first slots (direct calls) or gathered them (closure calls, whose captures
 * go first and whose count is only known at run time). Each call checks the
 * interpreter's two limits, call depth and slot-stack end, so runaway recursion
 * ends in `error: stack overflow` at the same depth in both. A direct call
 * keeps only the register homes still live after it (call_A_L below).
 */
#include "stencil.h"

static inline __attribute__((always_inline)) mochi_slot *callee_frame(mochi_slot *fp, int64_t depth, int64_t bytes) {
    mochi_slot *nfp = (mochi_slot *)((char *)fp + V(FRAME));
    if (UNLIKELY(depth >= mochi_jit_ctx.max_depth ||
                 (char *)nfp + bytes > (char *)mochi_jit_ctx.stack_end))
        mochi_jit_stack_overflow((int64_t)V(LINE));
    return nfp;
}

/* call_A_L: the result to any location A; L says which register homes are
 * live after the call and must be kept across it: `a` all, `i` the integer
 * ones, `f` the float ones, `n` none (the dead ones are set to 0 after the
 * call, so the compiler does not save them around the callee). */
#define KILL_a
#define KILL_i d0 = d1 = d2 = d3 = 0.0;
#define KILL_f x0 = x1 = x2 = x3 = 0;
#define KILL_n x0 = x1 = x2 = x3 = 0; d0 = d1 = d2 = d3 = 0.0;
#define CALL2(k, a)                                                            \
    STENCIL(call_##a##_##k) {                                                  \
        mochi_slot *nfp = callee_frame(fp, depth, (int64_t)V(CFRAME));         \
        mochi_slot r = _JIT_CALLEE(nfp, depth + 1, REGS);                      \
        KILL_##k                                                               \
        PS_##a(A, r);                                                          \
        NEXT();                                                                \
    }
#define CALL1(l, _) CALL2(a, l) CALL2(i, l) CALL2(f, l) CALL2(n, l)
EACH_S1(CALL1, _)
#define CALLV(k)                                                               \
    STENCIL(call_void_##k) {                                                   \
        mochi_slot *nfp = callee_frame(fp, depth, (int64_t)V(CFRAME));         \
        (void)_JIT_CALLEE(nfp, depth + 1, REGS);                               \
        KILL_##k                                                               \
        NEXT();                                                                \
    }
CALLV(a)
CALLV(i)
CALLV(f)
CALLV(n)

static inline __attribute__((always_inline)) uint64_t call_closure(mochi_slot *fp, int64_t depth, REG_PARAMS) {
    MochiClosure *cl = (MochiClosure *)R(B);
    if (UNLIKELY(cl == NULL || cl->h.kind != MOCHI_O_CLOSURE))
        mochi_jit_bad_closure(R(B), (int64_t)V(LINE));
    int64_t id = cl->fn_id;
    if (UNLIKELY(id < 0 || id >= mochi_jit_ctx.func_count))
        mochi_jit_unreachable((int64_t)V(LINE));
    mochi_slot *nfp = callee_frame(fp, depth, mochi_jit_ctx.frame_bytes[id]);
    int64_t ncap = cl->ncap, n = (int64_t)LAUNDER(V(N));
    for (int64_t k = 0; k < ncap; k++) nfp[k] = cl->caps[k];
    mochi_slot *g = GATHER;
    for (int64_t k = 0; k < n; k++) nfp[ncap + k] = g[k];
    return ((stencil_fn)mochi_jit_ctx.code[id])(nfp, depth + 1, REGS);
}

STENCIL(call_closure) {
    S(A) = call_closure(fp, depth, REGS);
    NEXT();
}

STENCIL(call_closure_void) {
    (void)call_closure(fp, depth, REGS);
    NEXT();
}

STENCIL(closure_new) {
    SYNC();
    S(A) = mochi_r2s(mochi_closure_new(IMM2, NULL, (int64_t)V(N), (const uint8_t *)(uintptr_t)IMM, GATHER));
    NEXT();
}
