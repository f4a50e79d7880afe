/*
 * struct.c: structs, unions and query groups. field.get/set take the inline path
 * over the public MochiStruct layout (_JIT_N is the field's byte offset) and
 * fall back to the runtime for nil, which reports the error (_JIT_IMM is the
 * field index: arithmetic on a small hole could become a PC-relative lea); struct.new and
 * variant.new build from the gathered fields with the descriptor in _JIT_IMM.
 */
#include "stencil.h"

/* field_get_A: A = B.field; field_set_C: B.field = C; the field value at any
 * location. A nil struct takes the `_slow` stub: the runtime's error. */
#define FIELD(l, _)                                                            \
    STENCIL(field_get_##l) {                                                   \
        char *s = (char *)R(B);                                                \
        if (__builtin_expect(s != NULL, 1)) {                                  \
            PS_##l(A, *(mochi_slot *)(s + V(N)));                              \
            NEXT();                                                            \
        }                                                                      \
        SLOW();                                                                \
    }                                                                          \
    STENCIL(field_get_##l##_slow) {                                            \
        LINE();                                                                \
        PS_##l(A, mochi_struct_get(NULL, IMM));                                \
        JUMP();                                                                \
    }                                                                          \
    STENCIL(field_set_##l) {                                                   \
        char *s = (char *)R(B);                                                \
        if (__builtin_expect(s != NULL, 1)) {                                  \
            *(mochi_slot *)(s + V(N)) = GS_##l(C);                             \
            NEXT();                                                            \
        }                                                                      \
        SLOW();                                                                \
    }                                                                          \
    STENCIL(field_set_##l##_slow) {                                            \
        LINE();                                                                \
        mochi_struct_set(NULL, IMM, GS_##l(C));                                \
        JUMP();                                                                \
    }
EACH_S1(FIELD, _)

STENCIL(struct_new) {
    SYNC();
    S(A) = mochi_r2s(mochi_struct_from((const MochiTypeDesc *)(uintptr_t)IMM, GATHER));
    KNEXT();
}
/* variant.tag: the descriptor's tag, read inline (mochi_struct_tag's rule: -1
 * for nil or a struct without a descriptor), into any integer location. */
#define VTAG(a, _)                                                             \
    STENCIL(variant_tag_##a) {                                                 \
        MochiStruct *s = (MochiStruct *)R(B);                                  \
        int64_t tag = -1;                                                      \
        if (s && s->h.kind == MOCHI_O_STRUCT && s->h.desc)                     \
            tag = MOCHI_STRUCT_DESC(s)->tag;                                   \
        PI_##a(A, tag);                                                        \
        NEXT();                                                                \
    }
EACH_I1(VTAG, _)

STENCIL(group_new) { SYNC(); S(A) = mochi_r2s(mochi_groupby_new(KIND)); KNEXT(); }
STENCIL(group_add) { SYNC(); mochi_groupby_add(R(B), R(C), S(D)); KNEXT(); }
/* An item of another kind than the builder's lists hold goes in boxed. */
STENCIL(group_add_boxed) {
    SYNC();
    mochi_ref boxed = mochi_box(KIND, S(D));
    mochi_groupby_add(R(B), R(C), mochi_r2s(boxed));
    __asm__ volatile("" : : "r"(boxed) : "memory"); /* keep it a root until here */
    KNEXT();
}
STENCIL(group_result) { SYNC(); S(A) = mochi_r2s(mochi_groupby_result(R(B))); KNEXT(); }
STENCIL(group_key) { SYNC(); S(A) = mochi_struct_get(R(B), 0); KNEXT(); }
STENCIL(group_items) { SYNC(); S(A) = mochi_struct_get(R(B), 1); KNEXT(); }
