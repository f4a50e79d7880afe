/*
 * list.c: list ops. list.get/set/len take the interpreter's inline fast path
 * over the runtime's public MochiList layout and fall back to the runtime (which
 * reports `list index out of range` or handles negative indices), in one variant
 * per location of their scalar operands (stencil.h); the rest are runtime calls. Variadic list.new reads its elements from the gather area.
 */
#include "stencil.h"

/* list_get_AC: A = B[C]; list_set_CD: B[C] = D; list_len_A. The list is in
 * its slot; the index is at any integer location, the element at any location. */
#define LGET2(c, a, _)                                                         \
    STENCIL(list_get_##a##c) {                                                 \
        MochiList *l = (MochiList *)R(B);                                      \
        int64_t i = GI_##c(C);                                                 \
        if (__builtin_expect(l != NULL && i >= 0 && i < l->len, 1)) {          \
            PS_##a(A, l->data[i]);                                             \
        } else {                                                               \
            LINE();                                                            \
            PS_##a(A, mochi_list_get((mochi_ref)l, i));                        \
        }                                                                      \
        NEXT();                                                                \
    }
#define LGET1(a, _) EACH_I2(LGET2, a, _)
EACH_S1(LGET1, _)

#define LSET2(d, c, _)                                                         \
    STENCIL(list_set_##c##d) {                                                 \
        MochiList *l = (MochiList *)R(B);                                      \
        int64_t i = GI_##c(C);                                                 \
        if (__builtin_expect(l != NULL && i >= 0 && i < l->len, 1)) {          \
            l->data[i] = GS_##d(D);                                            \
        } else {                                                               \
            LINE();                                                            \
            mochi_list_set((mochi_ref)l, i, GS_##d(D));                        \
        }                                                                      \
        NEXT();                                                                \
    }
#define LSET1(c, _) EACH_S2(LSET2, c, _)
EACH_I1(LSET1, _)

#define LLEN(a, _)                                                             \
    STENCIL(list_len_##a) {                                                    \
        MochiList *l = (MochiList *)R(B);                                      \
        PI_##a(A, l ? l->len : 0);                                             \
        NEXT();                                                                \
    }
EACH_I1(LLEN, _)

STENCIL(list_new) { SYNC(); S(A) = mochi_r2s(mochi_list_from(KIND, GATHER, (int64_t)V(N))); NEXT(); }
STENCIL(list_push) { SYNC(); mochi_list_push(R(B), S(C)); NEXT(); }

#define R1(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B))); NEXT(); }
#define R2(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B), R(C))); NEXT(); }
R2(list_concat, mochi_list_concat)
R1(list_reverse, mochi_list_reverse)
R1(list_distinct, mochi_list_distinct)
R2(list_union, mochi_list_union)
R2(list_except, mochi_list_except)
R2(list_intersect, mochi_list_intersect)
R2(list_sortby, mochi_list_sort_by)
R1(list_sum_any, mochi_list_sum_any)

STENCIL(list_append) { SYNC(); S(A) = mochi_r2s(mochi_list_append(R(B), S(C))); NEXT(); }
STENCIL(list_slice) { SYNC(); S(A) = mochi_r2s(mochi_list_slice(R(B), I(C), I(D))); NEXT(); }
STENCIL(list_contains) { SYNC(); S(A) = mochi_list_contains(R(B), S(C)) != 0; NEXT(); }
STENCIL(list_sum_i64) { SYNC(); S(A) = (mochi_slot)mochi_list_sum_i64(R(B)); NEXT(); }
STENCIL(list_sum_f64) { SYNC(); S(A) = mochi_f2s(mochi_list_sum_f64(R(B))); NEXT(); }
STENCIL(list_avg) { SYNC(); S(A) = mochi_f2s(mochi_list_avg(R(B))); NEXT(); }
STENCIL(list_min) { SYNC(); S(A) = mochi_list_min(R(B)); NEXT(); }
STENCIL(list_max) { SYNC(); S(A) = mochi_list_max(R(B)); NEXT(); }
STENCIL(list_range) { SYNC(); S(A) = mochi_r2s(mochi_range3(I(B), I(C), I(D))); NEXT(); }
