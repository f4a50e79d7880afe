/*
 * struct.c: structs, unions and query groups. field.get/set take the inline path
 * over the public MochiStruct layout (_JIT_N is the field's byte offset) and
 * fall back to the runtime for nil, which reports the error (_JIT_IMM is the
 * field index: arithmetic on a small hole could become a PC-relative lea); struct.new and
 * variant.new build from the gathered fields with the descriptor in _JIT_IMM.
 */
#include "stencil.h"

/* field_get_A: A = B.field; field_set_C: B.field = C; the field value at any
 * location. */
#define FIELD(l, _)                                                            \
    STENCIL(field_get_##l) {                                                   \
        char *s = (char *)R(B);                                                \
        if (__builtin_expect(s != NULL, 1)) {                                  \
            PS_##l(A, *(mochi_slot *)(s + V(N)));                              \
        } else {                                                               \
            LINE();                                                            \
            PS_##l(A, mochi_struct_get(NULL, IMM));                            \
        }                                                                      \
        NEXT();                                                                \
    }                                                                          \
    STENCIL(field_set_##l) {                                                   \
        char *s = (char *)R(B);                                                \
        if (__builtin_expect(s != NULL, 1)) {                                  \
            *(mochi_slot *)(s + V(N)) = GS_##l(C);                             \
        } else {                                                               \
            LINE();                                                            \
            mochi_struct_set(NULL, IMM, GS_##l(C));                            \
        }                                                                      \
        NEXT();                                                                \
    }
EACH_S1(FIELD, _)

STENCIL(struct_new) {
    SYNC();
    S(A) = mochi_r2s(mochi_struct_from((const MochiTypeDesc *)(uintptr_t)IMM, GATHER));
    NEXT();
}
STENCIL(struct_copy) { SYNC(); S(A) = mochi_r2s(mochi_struct_copy(R(B))); NEXT(); }
STENCIL(variant_tag) { SYNC(); S(A) = (mochi_slot)mochi_struct_tag(R(B)); NEXT(); }

STENCIL(group_new) { SYNC(); S(A) = mochi_r2s(mochi_groupby_new(KIND)); NEXT(); }
STENCIL(group_add) { SYNC(); mochi_groupby_add(R(B), R(C), S(D)); NEXT(); }
/* An item of another kind than the builder's lists hold goes in boxed. */
STENCIL(group_add_boxed) {
    SYNC();
    mochi_ref boxed = mochi_box(KIND, S(D));
    mochi_groupby_add(R(B), R(C), mochi_r2s(boxed));
    __asm__ volatile("" : : "r"(boxed) : "memory"); /* keep it a root until here */
    NEXT();
}
STENCIL(group_result) { SYNC(); S(A) = mochi_r2s(mochi_groupby_result(R(B))); NEXT(); }
STENCIL(group_key) { SYNC(); S(A) = mochi_struct_get(R(B), 0); NEXT(); }
STENCIL(group_items) { SYNC(); S(A) = mochi_struct_get(R(B), 1); NEXT(); }
