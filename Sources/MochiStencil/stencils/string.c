/*
 * string.c: string ops, all runtime calls (the runtime counts code points and
 * reports range and parse errors), and sha256 (a string or a list of bytes in).
 * One stencil per IR op.
 */
#include "stencil.h"

#define R1(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B))); KNEXT(); }
#define R2(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B), R(C))); KNEXT(); }
#define B2(name, fn) STENCIL(name) { SYNC(); S(A) = fn(R(B), R(C)) != 0; KNEXT(); }
#define I1(name, fn) STENCIL(name) { SYNC(); S(A) = (mochi_slot)fn(R(B)); KNEXT(); }

R2(str_concat, mochi_str_concat)
I1(str_len, mochi_str_len)
STENCIL(str_index) { SYNC(); S(A) = mochi_r2s(mochi_str_index(R(B), I(C))); KNEXT(); }
STENCIL(str_slice) { SYNC(); S(A) = mochi_r2s(mochi_str_slice(R(B), I(C), I(D))); KNEXT(); }
B2(str_contains, mochi_str_contains)
STENCIL(str_find) { SYNC(); S(A) = (mochi_slot)mochi_str_index_of(R(B), R(C)); KNEXT(); }
R1(str_upper, mochi_str_upper)
R1(str_lower, mochi_str_lower)
R1(str_trim, mochi_str_trim)
R2(str_split, mochi_str_split)
R2(str_join, mochi_str_join)
STENCIL(str_repeat) { SYNC(); S(A) = mochi_r2s(mochi_str_repeat(R(B), I(C))); KNEXT(); }
STENCIL(str_padstart) { SYNC(); S(A) = mochi_r2s(mochi_str_pad_start(R(B), I(C), R(D))); KNEXT(); }
R1(str_reverse, mochi_str_reverse)
R1(sha256, mochi_sha256)
I1(str_toint, mochi_str_to_int)
STENCIL(str_tofloat) { SYNC(); S(A) = mochi_f2s(mochi_str_to_float(R(B))); KNEXT(); }
I1(str_ord, mochi_str_code_point)
STENCIL(str_chr) { SYNC(); S(A) = mochi_r2s(mochi_str_from_code_point(I(B))); KNEXT(); }
B2(str_hasprefix, mochi_str_starts_with)
B2(str_hassuffix, mochi_str_ends_with)
STENCIL(str_parsebase) { SYNC(); S(A) = (mochi_slot)mochi_str_to_int_base(R(B), I(C)); KNEXT(); }
