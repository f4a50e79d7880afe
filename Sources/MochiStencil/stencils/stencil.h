/*
 * stencil.h: the vocabulary every stencil is written in.
 *
 * A stencil is one C function per IR op and operand-location variant, compiled
 * once by mochi-stencilgen; its machine code is copied and patched at JIT time.
 * Its parameters are the live values that travel in registers from stencil to
 * stencil: the frame pointer `fp` (one 8-byte slot per IR value, the
 * interpreter's frame layout), the call depth, and the register homes: six
 * integer registers x0-x5 and eight float registers d0-d7 in which the JIT keeps
 * the function's hottest integer, bool and float values instead of their frame
 * slots (Lowering.swift/RegisterHomes.swift choose them). Every stencil has the
 * same type and ends in a `musttail` call of `_JIT_CONTINUE` under
 * preserve_none, so the continuation is a plain jump with every home still in
 * its register; the JIT lays stencils out back to back and stencilgen deletes
 * that trailing jump.
 *
 * Two kinds of stencil treat the homes differently across a runtime call:
 *  - register-aware stencils (the EACH_* families below, moves, constants,
 *    branches) keep every home: a call inside one (a slow path, a libm
 *    function) is surrounded by saves the C compiler makes;
 *  - the others, which exist to call the runtime (strings, maps, allocation,
 *    Mochi calls), end in KNEXT, which declares every home dead after the call,
 *    so the compiler saves none; the JIT stores the homes still live across such
 *    an instruction to their slots before it and loads them after
 *    (Lowering.swift, `clobbersHomes`).
 *
 * Register-aware stencils come in one variant per operand location, named by a
 * suffix with one character per operand (result first): `m` the frame slot,
 * `0`-`5` x0-x5, `a`-`h` d0-d7. `iadd_m01` is slot A = x0 + x1; `fadd_abc`
 * is d0 = d1 + d2. The families are generated below with the EACH_* macros.
 *
 * Slow paths live out of line: a register-aware stencil whose fast path can
 * fail (an index out of range, a nil struct) jumps to `_JIT_SLOW`, a stub the
 * JIT places after the function: the stencil of the same name plus `_slow`,
 * patched with the same operands, which does the whole operation through the
 * runtime and jumps (`_JIT_TARGET`) back to the instruction after. So the fast
 * path is straight-line code that falls through into the next stencil.
 *
 * Everything a stencil does not know until JIT time is an extern symbol, which
 * the compiler leaves as a relocation and the library records as a hole:
 *   _JIT_A.._JIT_D, _JIT_G   frame byte offsets (result, operands, gather area)
 *   _JIT_LINE                 the source line, for runtime errors
 *   _JIT_FRAME                this function's frame size in bytes
 *   _JIT_N, _JIT_CFRAME       a count; the callee's frame size in bytes
 *   _JIT_KIND, _JIT_KIND2     runtime slot kinds
 *   _JIT_IMM, _JIT_IMM2       64-bit immediates (constants, addresses)
 *   _JIT_SIMM                 a constant in [0, 2^31), as an instruction's immediate
 *   _JIT_CONTINUE, _JIT_TARGET, _JIT_CALLEE, _JIT_FN  code addresses
 *   _JIT_ERROR, _JIT_ERROR2,  the instruction's error exits: stubs after the
 *   _JIT_ERROR3               function that report `integer overflow`,
 *                             `division by zero` and `stack overflow` at its line
 *   _JIT_SLOW                 the instruction's slow-path stub (above)
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

/* t0 and t1 are no homes: they hold the argument registers that come after x3
 * (rdx and rcx on x86-64, which division, wide multiplication and shifts need)
 * so that x4 and x5 land in registers no instruction claims (r8, r9). Every
 * continuation passes them on undefined (SCRATCH), so they cost nothing. */
#define REG_PARAMS int64_t x0, int64_t x1, int64_t x2, int64_t x3, int64_t t0, int64_t t1, int64_t x4, int64_t x5, \
    double d0, double d1, double d2, double d3, double d4, double d5, double d6, double d7
#define REGS x0, x1, x2, x3, t0, t1, x4, x5, d0, d1, d2, d3, d4, d5, d6, d7
/* t0 and t1 undefined from here (an empty asm that "defines" them: no code;
 * volatile, or clang takes two of them for one value and keeps it alive).
 * The exits (OVERFLOW, SLOW, ...) pass t0 and t1 on as they came instead: a
 * block holding nothing but the tail call becomes a conditional jump to the
 * exit, which an asm statement in it would prevent. */
#define SCRATCH() __asm__ volatile("" : "=r"(t0), "=r"(t1))
typedef PN uint64_t (*stencil_fn)(mochi_slot *fp, int64_t depth, REG_PARAMS);

/* Small operands: frame offsets, line, counts, kinds (0 <= value < 2^31). */
extern char _JIT_A[] SMALL, _JIT_B[] SMALL, _JIT_C[] SMALL, _JIT_D[] SMALL, _JIT_G[] SMALL;
extern char _JIT_LINE[] SMALL, _JIT_FRAME[] SMALL, _JIT_N[] SMALL, _JIT_CFRAME[] SMALL;
extern char _JIT_KIND[] SMALL, _JIT_KIND2[] SMALL;
/* A small immediate (0 <= value < 2^31): the `_s` families' constant operand,
 * which x86-64 encodes in the instruction (model small) instead of a movabs. */
extern char _JIT_SIMM[] SMALL;
#define SIMM ((int64_t)V(SIMM))
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
extern PN uint64_t _JIT_ERROR3(mochi_slot *fp, int64_t depth, REG_PARAMS);
extern PN uint64_t _JIT_SLOW(mochi_slot *fp, int64_t depth, REG_PARAMS);
extern double _JIT_FN(double);
extern double _JIT_FN2(double, double);

#define STENCIL(name) PN uint64_t mochi_st_##name(mochi_slot *fp, int64_t depth, REG_PARAMS)
#if defined(__aarch64__)
/* AArch64 has no code model that puts an absolute symbol's value into one
 * instruction (-mcmodel=large loads every hole with MOVZ + 3 MOVK), so a small
 * operand (< 2^31: the SMALL holes above) is loaded here with two: MOVZ of bits
 * 16-31 (R_AARCH64_MOVW_UABS_G1, range-checked by the patcher) and MOVK of bits
 * 0-15. Not volatile: the compiler may share and move it like any value. */
#define V(x) ({ uintptr_t _v; __asm__("movz %0, #:abs_g1:_JIT_" #x "\n\tmovk %0, #:abs_g0_nc:_JIT_" #x : "=r"(_v)); _v; })
#else
#define V(x) ((uintptr_t)_JIT_##x)
#endif
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

#define NEXT() do { SCRATCH(); __attribute__((musttail)) return _JIT_CONTINUE(fp, depth, REGS); } while (0)
#define JUMP() do { SCRATCH(); __attribute__((musttail)) return _JIT_TARGET(fp, depth, REGS); } while (0)
/* A conditional branch: to _JIT_TARGET when c holds, else on. Written with the
 * continuation first so the compiler emits `jcc TARGET; jmp CONTINUE`, whose
 * trailing jump stencilgen elides (`if (c) JUMP(); NEXT();` comes out the other
 * way round, leaving a jump in every branch). */
#define BRANCH_IF(c) do { if (!(c)) NEXT(); JUMP(); } while (0)
/* A failed check: a conditional jump to the instruction's error exit, so no
 * cold code sits in the stencil and its continuation jump stays last. */
#define OVERFLOW() __attribute__((musttail)) return _JIT_ERROR(fp, depth, REGS)
#define DIVZERO() __attribute__((musttail)) return _JIT_ERROR2(fp, depth, REGS)
#define STACKOVERFLOW() __attribute__((musttail)) return _JIT_ERROR3(fp, depth, REGS)
/* The out-of-line slow path (see the top of this file). */
#define SLOW() __attribute__((musttail)) return _JIT_SLOW(fp, depth, REGS)
/* Every home dead from here: an empty asm "defines" them, so the compiler keeps
 * none across a runtime call made before it and emits no instruction for it. */
#if defined(__x86_64__)
#define FREG "=x"
#else
#define FREG "=w"
#endif
#define KILL_HOMES() __asm__ volatile("" : "=r"(x0), "=r"(x1), "=r"(x2), "=r"(x3), "=r"(x4), "=r"(x5), \
    FREG(d0), FREG(d1), FREG(d2), FREG(d3), FREG(d4), FREG(d5), FREG(d6), FREG(d7))
/* NEXT for a stencil that clobbers the homes (see the top of this file). */
#define KNEXT() do { KILL_HOMES(); NEXT(); } while (0)
/* On unless `fail`, else out through EXIT (OVERFLOW or DIVZERO). Written this way
 * round, clang emits `jcc ERROR; jmp CONTINUE` (the latter elided); a result
 * stored before it is harmless, since an error exit ends the run. */
#define NEXT_UNLESS(fail, EXIT) do { if (!(fail)) NEXT(); EXIT(); } while (0)

/* Operand locations. GI_l(o)/PI_l(o, v): get/put an integer operand o (A..D)
 * at location l; GF_l/PF_l the same for floats; GS_l/PS_l move raw slot bits
 * from or to any location (list elements and fields of either class). */
#define GI_m(o) I(o)
#define PI_m(o, v) (S(o) = (mochi_slot)(int64_t)(v))
#define GF_m(o) F(o)
#define PF_m(o, v) (S(o) = mochi_f2s(v))
#define GS_m(o) S(o)
#define PS_m(o, v) (S(o) = (v))
#define GI_0(o) x0
#define PI_0(o, v) (x0 = (int64_t)(v))
#define GS_0(o) ((mochi_slot)x0)
#define PS_0(o, v) (x0 = (int64_t)(v))
#define GI_1(o) x1
#define PI_1(o, v) (x1 = (int64_t)(v))
#define GS_1(o) ((mochi_slot)x1)
#define PS_1(o, v) (x1 = (int64_t)(v))
#define GI_2(o) x2
#define PI_2(o, v) (x2 = (int64_t)(v))
#define GS_2(o) ((mochi_slot)x2)
#define PS_2(o, v) (x2 = (int64_t)(v))
#define GI_3(o) x3
#define PI_3(o, v) (x3 = (int64_t)(v))
#define GS_3(o) ((mochi_slot)x3)
#define PS_3(o, v) (x3 = (int64_t)(v))
#define GI_4(o) x4
#define PI_4(o, v) (x4 = (int64_t)(v))
#define GS_4(o) ((mochi_slot)x4)
#define PS_4(o, v) (x4 = (int64_t)(v))
#define GI_5(o) x5
#define PI_5(o, v) (x5 = (int64_t)(v))
#define GS_5(o) ((mochi_slot)x5)
#define PS_5(o, v) (x5 = (int64_t)(v))
#define GF_a(o) d0
#define PF_a(o, v) (d0 = (v))
#define GS_a(o) mochi_f2s(d0)
#define PS_a(o, v) (d0 = mochi_s2f(v))
#define GF_b(o) d1
#define PF_b(o, v) (d1 = (v))
#define GS_b(o) mochi_f2s(d1)
#define PS_b(o, v) (d1 = mochi_s2f(v))
#define GF_c(o) d2
#define PF_c(o, v) (d2 = (v))
#define GS_c(o) mochi_f2s(d2)
#define PS_c(o, v) (d2 = mochi_s2f(v))
#define GF_d(o) d3
#define PF_d(o, v) (d3 = (v))
#define GS_d(o) mochi_f2s(d3)
#define PS_d(o, v) (d3 = mochi_s2f(v))
#define GF_e(o) d4
#define PF_e(o, v) (d4 = (v))
#define GS_e(o) mochi_f2s(d4)
#define PS_e(o, v) (d4 = mochi_s2f(v))
#define GF_f(o) d5
#define PF_f(o, v) (d5 = (v))
#define GS_f(o) mochi_f2s(d5)
#define PS_f(o, v) (d5 = mochi_s2f(v))
#define GF_g(o) d6
#define PF_g(o, v) (d6 = (v))
#define GS_g(o) mochi_f2s(d6)
#define PS_g(o, v) (d6 = mochi_s2f(v))
#define GF_h(o) d7
#define PF_h(o, v) (d7 = (v))
#define GS_h(o) mochi_f2s(d7)
#define PS_h(o, v) (d7 = mochi_s2f(v))

/* EACH_I<n>(M, args...) expands M(l, args...) for every integer location l;
 * EACH_F<n> for float locations, EACH_FH<n> for the float homes alone,
 * EACH_S<n> for all of them. The numbered copies
 * exist because a macro cannot expand inside its own expansion: a family with
 * three operands nests levels 1, 2 and 3. */
#define EACH_I1(M, ...) M(m, __VA_ARGS__) M(0, __VA_ARGS__) M(1, __VA_ARGS__) M(2, __VA_ARGS__) M(3, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__)
#define EACH_I2(M, ...) M(m, __VA_ARGS__) M(0, __VA_ARGS__) M(1, __VA_ARGS__) M(2, __VA_ARGS__) M(3, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__)
#define EACH_I3(M, ...) M(m, __VA_ARGS__) M(0, __VA_ARGS__) M(1, __VA_ARGS__) M(2, __VA_ARGS__) M(3, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__)
#define EACH_F1(M, ...) M(m, __VA_ARGS__) M(a, __VA_ARGS__) M(b, __VA_ARGS__) M(c, __VA_ARGS__) M(d, __VA_ARGS__) M(e, __VA_ARGS__) M(f, __VA_ARGS__) M(g, __VA_ARGS__) M(h, __VA_ARGS__)
#define EACH_F2(M, ...) M(m, __VA_ARGS__) M(a, __VA_ARGS__) M(b, __VA_ARGS__) M(c, __VA_ARGS__) M(d, __VA_ARGS__) M(e, __VA_ARGS__) M(f, __VA_ARGS__) M(g, __VA_ARGS__) M(h, __VA_ARGS__)
#define EACH_F3(M, ...) M(m, __VA_ARGS__) M(a, __VA_ARGS__) M(b, __VA_ARGS__) M(c, __VA_ARGS__) M(d, __VA_ARGS__) M(e, __VA_ARGS__) M(f, __VA_ARGS__) M(g, __VA_ARGS__) M(h, __VA_ARGS__)
#define EACH_FH1(M, ...) M(a, __VA_ARGS__) M(b, __VA_ARGS__) M(c, __VA_ARGS__) M(d, __VA_ARGS__) M(e, __VA_ARGS__) M(f, __VA_ARGS__) M(g, __VA_ARGS__) M(h, __VA_ARGS__)
#define EACH_FH2(M, ...) M(a, __VA_ARGS__) M(b, __VA_ARGS__) M(c, __VA_ARGS__) M(d, __VA_ARGS__) M(e, __VA_ARGS__) M(f, __VA_ARGS__) M(g, __VA_ARGS__) M(h, __VA_ARGS__)
#define EACH_S1(M, ...) M(m, __VA_ARGS__) M(0, __VA_ARGS__) M(1, __VA_ARGS__) M(2, __VA_ARGS__) M(3, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__) M(a, __VA_ARGS__) M(b, __VA_ARGS__) M(c, __VA_ARGS__) M(d, __VA_ARGS__) M(e, __VA_ARGS__) M(f, __VA_ARGS__) M(g, __VA_ARGS__) M(h, __VA_ARGS__)
#define EACH_S2(M, ...) M(m, __VA_ARGS__) M(0, __VA_ARGS__) M(1, __VA_ARGS__) M(2, __VA_ARGS__) M(3, __VA_ARGS__) M(4, __VA_ARGS__) M(5, __VA_ARGS__) M(a, __VA_ARGS__) M(b, __VA_ARGS__) M(c, __VA_ARGS__) M(d, __VA_ARGS__) M(e, __VA_ARGS__) M(f, __VA_ARGS__) M(g, __VA_ARGS__) M(h, __VA_ARGS__)

#define LINE() (mochi_loc_line = (int32_t)V(LINE))
/* Before a runtime call: the line for its errors, and the slot stack in use so a
 * collection it triggers scans every live frame (this one included). */
#define SYNC() do { LINE(); \
    mochi_jit_ctx.stack_count = (size_t)(((char *)fp + V(FRAME)) - (char *)mochi_jit_ctx.stack_base) >> 3; } while (0)
#define UNLIKELY(c) __builtin_expect(!!(c), 0)

#endif
