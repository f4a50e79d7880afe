/*
 * list.c: list ops. list.get/set/len take the interpreter's inline fast path
 * over the runtime's public MochiList layout and fall back to the runtime (which
 * reports `list index out of range` or handles negative indices); the rest are
 * runtime calls. Variadic list.new reads its elements from the gather area.
 */
#include "stencil.h"

STENCIL(list_get) {
    MochiList *l = (MochiList *)R(B);
    int64_t i = I(C);
    if (__builtin_expect(l != NULL && i >= 0 && i < l->len, 1)) {
        S(A) = l->data[i];
    } else {
        LINE();
        S(A) = mochi_list_get((mochi_ref)l, i);
    }
    NEXT();
}

STENCIL(list_set) {
    MochiList *l = (MochiList *)R(B);
    int64_t i = I(C);
    if (__builtin_expect(l != NULL && i >= 0 && i < l->len, 1)) {
        l->data[i] = S(D);
    } else {
        LINE();
        mochi_list_set((mochi_ref)l, i, S(D));
    }
    NEXT();
}

STENCIL(list_len) {
    MochiList *l = (MochiList *)R(B);
    S(A) = l ? (mochi_slot)l->len : 0;
    NEXT();
}

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
