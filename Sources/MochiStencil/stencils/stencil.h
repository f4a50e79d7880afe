/*
 * stencil.h: the vocabulary every stencil is written in.
 *
 * A stencil is one C function per IR op and operand-location variant, compiled
 * once by mochi-stencilgen; its machine code is copied and patched at JIT time.
 * Its parameters are the live values that travel in registers from stencil to
 * stencil: the frame pointer `fp` (one 8-byte slot per IR value, the
 * interpreter's frame layout), the call depth, and the register homes: four
 * integer registers x0-x3 and four float registers d0-d3 in which the JIT keeps
 * the function's hottest integer, bool and float values instead of their frame
 * slots (Lowering.swift/RegisterHomes.swift choose them). Every stencil has the
 * same type and ends in a `musttail` call of `_JIT_CONTINUE` under
 * preserve_none, so the continuation is a plain jump with every home still in
 * its register; the JIT lays stencils out back to back and stencilgen deletes
 * that trailing jump. Across a runtime call inside a stencil the C compiler
 * saves the homes it passes on, so a home survives every stencil.
 *
 * Register-aware stencils come in one variant per operand location, named by a
 * suffix with one character per operand (result first): `m` the frame slot,
 * `0`-`3` x0-x3, `4`-`7` d0-d3. `iadd_m01` is slot A = x0 + x1; `fadd_456`
 * is d0 = d1 + d2. The families are generated below with the EACH_* macros.
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
 *   _JIT_ERROR, _JIT_ERROR2   the instruction's error exits: stubs after the
 *                             function that report `integer overflow` and
 *                             `division by zero` at its line
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

#define REG_PARAMS int64_t x0, int64_t x1, int64_t x2, int64_t x3, double d0, double d1, double d2, double d3
#define REGS x0, x1, x2, x3, d0, d1, d2, d3
typedef PN uint64_t (*stencil_fn)(mochi_slot *fp, int64_t depth, REG_PARAMS);

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
extern PN uint64_t _JIT_CONTINUE(mochi_slot *fp, int64_t depth, REG_PARAMS);
extern PN uint64_t _JIT_TARGET(mochi_slot *fp, int64_t depth, REG_PARAMS);
extern PN uint64_t _JIT_CALLEE(mochi_slot *fp, int64_t depth, REG_PARAMS);
extern PN uint64_t _JIT_ERROR(mochi_slot *fp, int64_t depth, REG_PARAMS);
extern PN uint64_t _JIT_ERROR2(mochi_slot *fp, int64_t depth, REG_PARAMS);
extern double _JIT_FN(double);
extern double _JIT_FN2(double, double);

#define STENCIL(name) PN uint64_t mochi_st_##name(mochi_slot *fp, int64_t depth, REG_PARAMS)
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

#define NEXT() __attribute__((musttail)) return _JIT_CONTINUE(fp, depth, REGS)
#define JUMP() __attribute__((musttail)) return _JIT_TARGET(fp, depth, REGS)
/* A conditional branch: to _JIT_TARGET when c holds, else on. Written with the
 * continuation first so the compiler emits `jcc TARGET; jmp CONTINUE`, whose
 * trailing jump stencilgen elides (`if (c) JUMP(); NEXT();` comes out the other
 * way round, leaving a jump in every branch). */
#define BRANCH_IF(c) do { if (!(c)) NEXT(); JUMP(); } while (0)
/* A failed check: a conditional jump to the instruction's error exit, so no
 * cold code sits in the stencil and its continuation jump stays last. */
#define OVERFLOW() __attribute__((musttail)) return _JIT_ERROR(fp, depth, REGS)
#define DIVZERO() __attribute__((musttail)) return _JIT_ERROR2(fp, depth, REGS)
/* On unless `fail`, else out through EXIT (OVERFLOW or DIVZERO). Written this way
 * round, clang emits `jcc ERROR; jmp CONTINUE` (the latter elided); a result
 * stored before it is harmless, since an error exit ends the run. */
#define NEXT_UNLESS(fail, EXIT) do { if (!(fail)) NEXT(); EXIT(); } while (0)

/* Operand locations. GI_l(o)/PI_l(o, v): get/put an integer operand o (A..D)
 * at location l; GF_l/PF_l the same for floats; GS_l/PS_l move raw slot bits
 * from or to any location (list elements and fields of either class). */
#define GI_m(o) I(o)
#define GI_0(o) x0
#define GI_1(o) x1
#define GI_2(o) x2
#define GI_3(o) x3
#define PI_m(o, v) (S(o) = (mochi_slot)(int64_t)(v))
#define PI_0(o, v) (x0 = (int64_t)(v))
#define PI_1(o, v) (x1 = (int64_t)(v))
#define PI_2(o, v) (x2 = (int64_t)(v))
#define PI_3(o, v) (x3 = (int64_t)(v))
#define GF_m(o) F(o)
#define GF_4(o) d0
#define GF_5(o) d1
#define GF_6(o) d2
#define GF_7(o) d3
#define PF_m(o, v) (S(o) = mochi_f2s(v))
#define PF_4(o, v) (d0 = (v))
#define PF_5(o, v) (d1 = (v))
#define PF_6(o, v) (d2 = (v))
#define PF_7(o, v) (d3 = (v))
#define GS_m(o) S(o)
#define GS_0(o) ((mochi_slot)x0)
#define GS_1(o) ((mochi_slot)x1)
#define GS_2(o) ((mochi_slot)x2)
#define GS_3(o) ((mochi_slot)x3)
#define GS_4(o) mochi_f2s(d0)
#define GS_5(o) mochi_f2s(d1)
#define GS_6(o) mochi_f2s(d2)
#define GS_7(o) mochi_f2s(d3)
#define PS_m(o, v) (S(o) = (v))
#define PS_0(o, v) (x0 = (int64_t)(v))
#define PS_1(o, v) (x1 = (int64_t)(v))
#define PS_2(o, v) (x2 = (int64_t)(v))
#define PS_3(o, v) (x3 = (int64_t)(v))
#define PS_4(o, v) (d0 = mochi_s2f(v))
#define PS_5(o, v) (d1 = mochi_s2f(v))
#define PS_6(o, v) (d2 = mochi_s2f(v))
#define PS_7(o, v) (d3 = mochi_s2f(v))

/* EACH_I<n>(M, args...) expands M(l, args...) for every integer location l;
 * EACH_F<n> for float locations, EACH_S<n> for all of them. The numbered copies
 * exist because a macro cannot expand inside its own expansion: a family with
 * three operands nests levels 1, 2 and 3. */
#define EACH_I1(M, ...) M(m, __VA_ARGS__) M(0, __VA_ARGS__) M(1, __VA_ARGS__) M(2, __VA_ARGS__) M(3, __VA_ARGS__)
#define EACH_I2(M, ...) M(m, __VA_ARGS__) M(0, __VA_ARGS__) M(1, __VA_ARGS__) M(2, __VA_ARGS__) M(3, __VA_ARGS__)
#define EACH_I3(M, ...) M(m, __VA_ARGS__) M(0, __VA_ARGS__) M(1, __VA_ARGS__) M(2, __VA_ARGS__) M(3, __VA_ARGS__)
#define EACH_F1(M, ...) M(m, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__) M(6, __VA_ARGS__) M(7, __VA_ARGS__)
#define EACH_F2(M, ...) M(m, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__) M(6, __VA_ARGS__) M(7, __VA_ARGS__)
#define EACH_F3(M, ...) M(m, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__) M(6, __VA_ARGS__) M(7, __VA_ARGS__)
#define EACH_S1(M, ...) EACH_I1(M, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__) M(6, __VA_ARGS__) M(7, __VA_ARGS__)
#define EACH_S2(M, ...) EACH_I2(M, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__) M(6, __VA_ARGS__) M(7, __VA_ARGS__)

#define LINE() (mochi_loc_line = (int32_t)V(LINE))
/* Before a runtime call: the line for its errors, and the slot stack in use so a
 * collection it triggers scans every live frame (this one included). */
#define SYNC() do { LINE(); \
    mochi_jit_ctx.stack_count = (size_t)(((char *)fp + V(FRAME)) - (char *)mochi_jit_ctx.stack_base) >> 3; } while (0)
#define UNLIKELY(c) __builtin_expect(!!(c), 0)

#endif
