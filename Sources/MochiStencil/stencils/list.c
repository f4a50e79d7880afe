/*
 * list.c: list ops. list.get/set/len take the interpreter's inline fast path
 * over the runtime's public MochiList layout and fall back to the runtime (which
 * reports `list index out of range` or handles negative indices), in one variant
 * per location of their scalar operands (stencil.h), with the rest out of line;
 * the other ops are runtime calls (KNEXT). Variadic list.new reads its
 * elements from the gather area.
 */
#include "stencil.h"

/* list_get_AC: A = B[C]; list_set_CD: B[C] = D; list_len_A (nil reads the
 * length of a static empty list, no branch). The list is in
 * its slot; the index is at any integer location, the element at any location.
 * One unsigned comparison checks 0 <= C < len (list_set: < wlen, the writable
 * length, which is 0 while the store is shared and copy-on-write applies);
 * anything else (nil, a negative index counting from the end, out of range)
 * takes the `_slow` stub, which asks the runtime (and so reports the runtime's
 * error). The two checks are
 * separate ifs: so each becomes a conditional jump to _JIT_SLOW and the fast
 * path ends in the continuation jump stencilgen elides (one combined condition
 * makes clang share a `jmp _JIT_SLOW` block placed after that jump). */
#define LGET2(c, a, _)                                                         \
    STENCIL(list_get_##a##c) {                                                 \
        MochiList *l = (MochiList *)R(B);                                      \
        uint64_t i = (uint64_t)GI_##c(C);                                      \
        if (UNLIKELY(l == NULL)) SLOW();                                       \
        if (UNLIKELY(i >= (uint64_t)l->len)) SLOW();                           \
        PS_##a(A, l->data[i]);                                                 \
        NEXT();                                                                \
    }                                                                          \
    STENCIL(list_get_##a##c##_slow) {                                          \
        LINE();                                                                \
        PS_##a(A, mochi_list_get(R(B), GI_##c(C)));                            \
        JUMP();                                                                \
    }
#define LGET1(a, _) EACH_I2(LGET2, a, _)
EACH_S1(LGET1, _)

#define LSET2(d, c, _)                                                         \
    STENCIL(list_set_##c##d) {                                                 \
        MochiList *l = (MochiList *)R(B);                                      \
        uint64_t i = (uint64_t)GI_##c(C);                                      \
        if (UNLIKELY(l == NULL)) SLOW();                                       \
        if (UNLIKELY(i >= (uint64_t)l->wlen)) SLOW(); /* writable length */    \
        l->data[i] = GS_##d(D);                                                \
        NEXT();                                                                \
    }                                                                          \
    STENCIL(list_set_##c##d##_slow) {                                          \
        LINE();                                                                \
        mochi_list_set(R(B), GI_##c(C), GS_##d(D));                            \
        JUMP();                                                                \
    }
#define LSET1(c, _) EACH_S2(LSET2, c, _)
EACH_I1(LSET1, _)

/* The same for a list<bool>, whose store holds one byte an element (MochiList):
 * listb_get_AC, listb_set_CD and listb_push_C, the element at an integer location. */
#define LBGET2(c, a, _)                                                        \
    STENCIL(listb_get_##a##c) {                                                \
        MochiList *l = (MochiList *)R(B);                                      \
        uint64_t i = (uint64_t)GI_##c(C);                                      \
        if (UNLIKELY(l == NULL)) SLOW();                                       \
        if (UNLIKELY(i >= (uint64_t)l->len)) SLOW();                           \
        PI_##a(A, ((const uint8_t *)l->data)[i]);                              \
        NEXT();                                                                \
    }                                                                          \
    STENCIL(listb_get_##a##c##_slow) {                                         \
        LINE();                                                                \
        PS_##a(A, mochi_list_get(R(B), GI_##c(C)));                            \
        JUMP();                                                                \
    }
#define LBGET1(a, _) EACH_I2(LBGET2, a, _)
EACH_I1(LBGET1, _)

#define LBSET2(d, c, _)                                                        \
    STENCIL(listb_set_##c##d) {                                                \
        MochiList *l = (MochiList *)R(B);                                      \
        uint64_t i = (uint64_t)GI_##c(C);                                      \
        if (UNLIKELY(l == NULL)) SLOW();                                       \
        if (UNLIKELY(i >= (uint64_t)l->wlen)) SLOW(); /* writable length */    \
        ((uint8_t *)l->data)[i] = (uint8_t)(GI_##d(D) != 0);                   \
        NEXT();                                                                \
    }                                                                          \
    STENCIL(listb_set_##c##d##_slow) {                                         \
        LINE();                                                                \
        mochi_list_set(R(B), GI_##c(C), GS_##d(D));                            \
        JUMP();                                                                \
    }
#define LBSET1(c, _) EACH_I2(LBSET2, c, _)
EACH_I1(LBSET1, _)

#define LBPUSH(c, _)                                                           \
    STENCIL(listb_push_##c) {                                                  \
        MochiList *l = (MochiList *)R(B);                                      \
        if (UNLIKELY(l == NULL)) SLOW();                                       \
        int64_t n = l->len;                                                    \
        if (UNLIKELY(n >= l->cap)) SLOW(); /* room means a store */            \
        MochiSlots *st = (MochiSlots *)l->store;                               \
        uint8_t *at = (uint8_t *)l->data + n;                                  \
        if (UNLIKELY((uint8_t *)st->s + st->used != at)) SLOW();               \
        *at = (uint8_t)(GI_##c(C) != 0);                                       \
        l->len = n + 1;                                                        \
        if (!l->shared) l->wlen = (uint32_t)(n + 1); /* mochi_list_push's rule */ \
        st->used++;                                                            \
        NEXT();                                                                \
    }                                                                          \
    STENCIL(listb_push_##c##_slow) {                                           \
        SYNC();                                                                \
        mochi_list_push_kind(R(B), GS_##c(C), KIND);                           \
        JUMP();                                                                \
    }
EACH_I1(LBPUSH, _)

#define LLEN(a, _)                                                             \
    STENCIL(list_len_##a) {                                                    \
        static const MochiList empty;                                          \
        const MochiList *l = (const MochiList *)R(B);                          \
        PI_##a(A, (l ? l : &empty)->len);                                      \
        NEXT();                                                                \
    }
EACH_I1(LLEN, _)

STENCIL(list_new) { SYNC(); S(A) = mochi_r2s(mochi_list_from(KIND, GATHER, (int64_t)V(N))); KNEXT(); }
/* list_push_C: B.push(C), the element at any location. Inline while the list
 * owns the end of its store and has room (the runtime's own fast path,
 * mochi_list_push); anything else takes the `_slow` stub: the runtime grows the
 * store (which may collect: SYNC) or reports a nil list. */
#define LPUSH(c, _)                                                            \
    STENCIL(list_push_##c) {                                                   \
        MochiList *l = (MochiList *)R(B);                                      \
        if (UNLIKELY(l == NULL)) SLOW();                                       \
        int64_t n = l->len;                                                    \
        if (UNLIKELY(n >= l->cap)) SLOW(); /* room means a store */            \
        MochiSlots *st = (MochiSlots *)l->store;                               \
        mochi_slot *at = l->data + n;                                          \
        if (UNLIKELY(st->s + st->used != at)) SLOW();                          \
        *at = GS_##c(C);                                                       \
        l->len = n + 1;                                                        \
        if (!l->shared) l->wlen = (uint32_t)(n + 1); /* mochi_list_push's rule */ \
        st->used++;                                                            \
        NEXT();                                                                \
    }                                                                          \
    STENCIL(list_push_##c##_slow) {                                            \
        SYNC();                                                                \
        mochi_list_push_kind(R(B), GS_##c(C), KIND);                           \
        JUMP();                                                                \
    }
EACH_S1(LPUSH, _)

#define R1(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B))); KNEXT(); }
#define R2(name, fn) STENCIL(name) { SYNC(); S(A) = mochi_r2s(fn(R(B), R(C))); KNEXT(); }
R2(list_concat, mochi_list_concat)
R1(list_reverse, mochi_list_reverse)
R1(list_distinct, mochi_list_distinct)
R2(list_union, mochi_list_union)
R2(list_except, mochi_list_except)
R2(list_intersect, mochi_list_intersect)
R2(list_sortby, mochi_list_sort_by)
R1(list_sum_any, mochi_list_sum_any)

STENCIL(list_append) { SYNC(); S(A) = mochi_r2s(mochi_list_append_kind(R(B), S(C), KIND)); KNEXT(); }
STENCIL(list_slice) { SYNC(); S(A) = mochi_r2s(mochi_list_slice(R(B), I(C), I(D))); KNEXT(); }
STENCIL(list_contains) { SYNC(); S(A) = mochi_list_contains(R(B), S(C)) != 0; KNEXT(); }
STENCIL(list_sum_i64) { SYNC(); S(A) = (mochi_slot)mochi_list_sum_i64(R(B)); KNEXT(); }
STENCIL(list_sum_f64) { SYNC(); S(A) = mochi_f2s(mochi_list_sum_f64(R(B))); KNEXT(); }
STENCIL(list_avg) { SYNC(); S(A) = mochi_f2s(mochi_list_avg(R(B))); KNEXT(); }
STENCIL(list_min) { SYNC(); S(A) = mochi_list_min(R(B)); KNEXT(); }
STENCIL(list_max) { SYNC(); S(A) = mochi_list_max(R(B)); KNEXT(); }
STENCIL(list_range) { SYNC(); S(A) = mochi_r2s(mochi_range3(I(B), I(C), I(D))); KNEXT(); }
