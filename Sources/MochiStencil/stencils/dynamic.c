/*
 * dynamic.c: the dynamic `any` value, structural comparison, formatting, output
 * and checks: all runtime calls, written so each IR op (and each condition of
 * the comparing ops) has its own stencil. Kinds arrive in _JIT_KIND; any.field's
 * name and unbox's type name are C strings the JIT owns, in _JIT_IMM.
 */
#include "stencil.h"

STENCIL(box) { SYNC(); S(A) = mochi_r2s(mochi_box(KIND, S(B))); KNEXT(); }
STENCIL(unbox) { SYNC(); S(A) = mochi_unbox(R(B), KIND); KNEXT(); }
/* unbox to a reference type: _JIT_KIND2 says what to check (mochi_jit.h). */
STENCIL(unbox_ref) { SYNC(); S(A) = mochi_jit_unbox_ref(S(B), (int64_t)V(KIND2), IMM, &S(A)); KNEXT(); }

#define R1(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B))); KNEXT(); }
#define R2(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B), R(C))); KNEXT(); }
R2(any_add, mochi_any_add)
R2(any_sub, mochi_any_sub)
R2(any_mul, mochi_any_mul)
R2(any_div, mochi_any_div)
R2(any_rem, mochi_any_mod)
R1(any_neg, mochi_any_neg)
R2(any_index, mochi_any_index)

STENCIL(any_cmp_eq) { SYNC(); S(A) = mochi_any_eq(R(B), R(C)) != 0; KNEXT(); }
STENCIL(any_cmp_ne) { SYNC(); S(A) = mochi_any_eq(R(B), R(C)) == 0; KNEXT(); }
#define ORDER(name, fn, op) STENCIL(name) { SYNC(); S(A) = fn op 0; KNEXT(); }
ORDER(any_cmp_lt, mochi_any_cmp(R(B), R(C)), <)
ORDER(any_cmp_le, mochi_any_cmp(R(B), R(C)), <=)
ORDER(any_cmp_gt, mochi_any_cmp(R(B), R(C)), >)
ORDER(any_cmp_ge, mochi_any_cmp(R(B), R(C)), >=)

STENCIL(any_truthy) { SYNC(); S(A) = mochi_any_truthy(R(B)) != 0; KNEXT(); }
STENCIL(any_field) { SYNC(); S(A) = mochi_r2s(mochi_any_field(R(B), (const char *)(uintptr_t)IMM)); KNEXT(); }
STENCIL(any_len) { SYNC(); S(A) = (mochi_slot)mochi_any_len(R(B)); KNEXT(); }

/* cmp of reference types (ints, bools and floats use the icmp/fcmp stencils). */
STENCIL(cmp_ref_eq) { SYNC(); S(A) = mochi_slot_eq(KIND, S(B), S(C)) != 0; KNEXT(); }
STENCIL(cmp_ref_ne) { SYNC(); S(A) = mochi_slot_eq(KIND, S(B), S(C)) == 0; KNEXT(); }
ORDER(cmp_ref_lt, mochi_slot_cmp(KIND, S(B), S(C)), <)
ORDER(cmp_ref_le, mochi_slot_cmp(KIND, S(B), S(C)), <=)
ORDER(cmp_ref_gt, mochi_slot_cmp(KIND, S(B), S(C)), >)
ORDER(cmp_ref_ge, mochi_slot_cmp(KIND, S(B), S(C)), >=)

STENCIL(tostr) { SYNC(); S(A) = mochi_r2s(mochi_str_value(KIND, S(B))); KNEXT(); }
STENCIL(fmt) { SYNC(); S(A) = mochi_r2s(mochi_fmt_value(KIND, S(B))); KNEXT(); }
STENCIL(tojson) { SYNC(); S(A) = mochi_r2s(mochi_to_json_value(KIND, S(B))); KNEXT(); }
STENCIL(json) { SYNC(); mochi_json_print(KIND, S(B)); KNEXT(); }
STENCIL(print) { SYNC(); mochi_print_str(R(B)); KNEXT(); }

STENCIL(expect) { SYNC(); mochi_rt_expect(I(B)); KNEXT(); }
STENCIL(panic) { SYNC(); mochi_rt_panic(R(B)); }
STENCIL(test_begin) { SYNC(); mochi_rt_test_begin(R(B)); KNEXT(); }
STENCIL(test_end) { SYNC(); mochi_rt_test_end(); KNEXT(); }
