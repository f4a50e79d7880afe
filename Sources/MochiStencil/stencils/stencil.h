/*
 * stencil.h: the vocabulary every stencil is written in.
 *
 * A stencil is one C function per IR op and operand-kind variant, compiled once
 * by mochi-stencilgen; its machine code is copied and patched at JIT time. Its
 * parameters are the live values that travel in registers from stencil to
 * stencil: the frame pointer `fp` (one 8-byte slot per IR value, the
 * interpreter's frame layout), the call depth, and an accumulator `acc` (a
 * register cache: an integer result handed to the very next stencil without
 * a trip through its frame slot; `_ra` variants write it, `_ba` variants read
 * their first operand from it). Every stencil has the same
 * type and ends in a `musttail` call of `_JIT_CONTINUE` under
 * preserve_none, so the continuation is a plain jump with fp still in r12
 * (x86-64) / x20 (AArch64); the JIT lays stencils out back to back and
 * stencilgen deletes that trailing jump.
 *
 * Everything a stencil does not know until JIT time is an extern symbol, which
 * the compiler leaves as a relocation and the library records as a hole:
 *   _JIT_A.._JIT_D, _JIT_G   frame byte offsets (result, operands, gather area)
 *   _JIT_LINE                 the source line, for runtime errors
 *   _JIT_FRAME                this function's frame size in bytes
 *   _JIT_N, _JIT_CFRAME       a count; the callee's frame size in bytes
 *   _JIT_KIND, _JIT_KIND2     runtime slot kinds
 *   _JIT_IMM, _JIT_IMM2       64-bit immediates (constants, addresses)
 *   _JIT_CONTINUE, _JIT_TARGET, _JIT_CALLEE, _JIT_FN  code addresses
 * and anything else undefined (mochi_str_concat, mochi_loc_line, ...) is a
 * runtime symbol the patcher looks up by name. Small operands are 32-bit
 * immediates (model "small" under -mcmodel=medium); 64-bit ones and runtime data
 * are "large" (movabs), so one object works wherever the JIT maps its code.
 */
#ifndef MOCHI_STENCIL_H
#define MOCHI_STENCIL_H

#include <stdint.h>
#include <stddef.h>
#include "mochi_runtime.h"
#include "mochi_jit.h"

#if defined(__x86_64__)
#define SMALL __attribute__((model("small")))
#define LARGE __attribute__((model("large")))
#else
#define SMALL
#define LARGE
#endif

#define PN __attribute__((preserve_none))

typedef PN uint64_t (*stencil_fn)(mochi_slot *fp, int64_t depth, uint64_t acc);

/* Small operands: frame offsets, line, counts, kinds (0 <= value < 2^31). */
extern char _JIT_A[] SMALL, _JIT_B[] SMALL, _JIT_C[] SMALL, _JIT_D[] SMALL, _JIT_G[] SMALL;
extern char _JIT_LINE[] SMALL, _JIT_FRAME[] SMALL, _JIT_N[] SMALL, _JIT_CFRAME[] SMALL;
extern char _JIT_KIND[] SMALL, _JIT_KIND2[] SMALL;
/* 64-bit immediates. */
extern char _JIT_IMM[] LARGE, _JIT_IMM2[] LARGE;
/* Runtime data stencils touch, reached by absolute 64-bit address. */
extern int32_t mochi_loc_line LARGE;
extern MochiJITContext mochi_jit_ctx LARGE;

/* Code holes. */
extern PN uint64_t _JIT_CONTINUE(mochi_slot *fp, int64_t depth, uint64_t acc);
extern PN uint64_t _JIT_TARGET(mochi_slot *fp, int64_t depth, uint64_t acc);
extern PN uint64_t _JIT_CALLEE(mochi_slot *fp, int64_t depth, uint64_t acc);
extern double _JIT_FN(double);
extern double _JIT_FN2(double, double);

#define STENCIL(name) PN uint64_t mochi_st_##name(mochi_slot *fp, int64_t depth, uint64_t acc)
#define V(x) ((uintptr_t)_JIT_##x)
#define S(x) (*(mochi_slot *)((char *)fp + V(x)))
#define I(x) ((int64_t)S(x))
#define F(x) mochi_s2f(S(x))
#define R(x) mochi_s2r(S(x))
#define IMM ((int64_t)(uintptr_t)_JIT_IMM)
/* A hole's value hidden from the optimiser. The address of an extern object is
 * never null as far as C is concerned, so `IMM == 0` or a loop bound V(N) might
 * be folded on that assumption; a value that is compared or counted with must
 * pass through here (an empty asm the compiler cannot see through). */
#define LAUNDER(v) ({ uintptr_t _v = (uintptr_t)(v); __asm__("" : "+r"(_v)); _v; })
#define IMM2 ((int64_t)(uintptr_t)_JIT_IMM2)
#define KIND ((MochiSlotKind)V(KIND))
#define KIND2 ((MochiSlotKind)V(KIND2))
#define GATHER ((mochi_slot *)((char *)fp + V(G)))

#define NEXT() __attribute__((musttail)) return _JIT_CONTINUE(fp, depth, acc)
#define JUMP() __attribute__((musttail)) return _JIT_TARGET(fp, depth, acc)
/* Register-cache variants: where the first operand comes from (frame slot B or
 * the accumulator) and where the integer result goes (slot A or the accumulator). */
#define IN_f I(B)
#define IN_a ((int64_t)acc)
#define OUT_f(r) do { S(A) = (mochi_slot)(r); NEXT(); } while (0)
#define OUT_a(r) do { __attribute__((musttail)) return _JIT_CONTINUE(fp, depth, (uint64_t)(r)); } while (0)
#define LINE() (mochi_loc_line = (int32_t)V(LINE))
/* Before a runtime call: the line for its errors, and the slot stack in use so a
 * collection it triggers scans every live frame (this one included). */
#define SYNC() do { LINE(); \
    mochi_jit_ctx.stack_count = (size_t)(((char *)fp + V(FRAME)) - (char *)mochi_jit_ctx.stack_base) >> 3; } while (0)
#define UNLIKELY(c) __builtin_expect(!!(c), 0)

#endif
