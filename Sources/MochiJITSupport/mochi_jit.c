/*
 * mochi_jit.c: the JIT's C-side support: the run context stencils read, the entry
 * trampoline (Swift cannot call preserve_none code), and the slow-path helpers
 * whose text would otherwise live in every stencil (error messages as string
 * literals, the reference-type unbox checks). The unbox check mirrors the
 * interpreter's (MochiInterp/Complex.swift) message for message, because a JIT
 * run must print exactly what the interpreter prints.
 */
#include "mochi_jit.h"
#include <stdio.h>
#include <string.h>

MochiJITContext mochi_jit_ctx;

MochiJITContext *mochi_jit_context(void) { return &mochi_jit_ctx; }

/* The stencils' type (stencil.h): frame, depth, then the register homes x0-x3,
 * two scratch registers, x4-x5 and d0-d7, which hold nothing yet on entry. */
typedef __attribute__((preserve_none)) uint64_t (*mochi_jit_fn)(mochi_slot *fp, int64_t depth, int64_t x0, int64_t x1,
                                                                int64_t x2, int64_t x3, int64_t t0, int64_t t1,
                                                                int64_t x4, int64_t x5,
                                                                double d0, double d1, double d2, double d3,
                                                                double d4, double d5, double d6, double d7);

uint64_t mochi_jit_enter(const void *entry, mochi_slot *fp) {
    return ((mochi_jit_fn)entry)(fp, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
}

void mochi_jit_stack_overflow(int64_t line) {
    mochi_loc_line = (int32_t)line;
    mochi_rt_error("stack overflow");
}

void mochi_jit_unreachable(int64_t line) {
    mochi_loc_line = (int32_t)line;
    mochi_rt_error("unreachable code reached");
}

void mochi_jit_bad_closure(mochi_ref c, int64_t line) {
    mochi_loc_line = (int32_t)line;
    (void)mochi_closure_fn_id(c); /* reports the runtime's own error */
    mochi_rt_error("unreachable code reached");
}

static const char *const any_kind_names[] = {
    "nil", "int", "float", "bool", "string", "list", "map", "struct", "function", "bigint", "bigrat"
};

static MOCHI_NORETURN void bad_cast(int have, const char *to) {
    char msg[512];
    const char *from = have >= 0 && have < 11 ? any_kind_names[have] : "value";
    snprintf(msg, sizeof msg, "invalid cast: %s to %s", from, to);
    mochi_rt_error(msg);
}

/* A slot of one kind as another: boxing into `any`, unboxing out of it (a bad
 * cast is the runtime's error), or through a box between scalar kinds. */
static mochi_slot convert(mochi_slot v, MochiSlotKind from, MochiSlotKind to) {
    if (from == to) return v;
    if (from == MOCHI_K_REF) return mochi_unbox(mochi_s2r(v), to);
    mochi_ref boxed = mochi_box(from, v);
    if (to == MOCHI_K_REF) return mochi_r2s(boxed);
    return mochi_unbox(boxed, to);
}

mochi_slot mochi_jit_unbox_ref(mochi_slot v, int64_t check, int64_t imm, mochi_slot *out) {
    mochi_ref x = mochi_s2r(v);
    if (x == NULL || check == 0) return v;
    int have = (int)mochi_any_kind(x);
    switch (check) {
    case 1:
        if (have != MOCHI_A_STR) bad_cast(have, "string");
        return v;
    case 2: {
        if (have != MOCHI_A_LIST) bad_cast(have, "list");
        MochiSlotKind want = (MochiSlotKind)imm;
        if (mochi_list_kind(x) == want) return v;
        if (want == MOCHI_K_REF) return mochi_r2s(mochi_list_to_any(x));
        return mochi_r2s(mochi_list_from_any(x, want));
    }
    case 3: {
        if (have != MOCHI_A_MAP) bad_cast(have, "map");
        MochiSlotKind want_k = (MochiSlotKind)(imm & 0xff), want_v = (MochiSlotKind)((imm >> 8) & 0xff);
        MochiSlotKind have_k = mochi_map_key_kind(x), have_v = mochi_map_val_kind(x);
        if (have_k == want_k && have_v == want_v) return v;
        mochi_ref m = mochi_map_new(want_k, want_v);
        *out = mochi_r2s(m);
        int64_t n = mochi_map_len(x);
        for (int64_t i = 0; i < n; i++) {
            mochi_slot k = convert(mochi_map_key_at(x, i), have_k, want_k);
            mochi_slot val = convert(mochi_map_value_at(x, i), have_v, want_v);
            mochi_map_set(m, k, val);
        }
        return mochi_r2s(m);
    }
    case 4: {
        const char *name = (const char *)(uintptr_t)imm;
        if (have != MOCHI_A_STRUCT) bad_cast(have, name);
        const MochiTypeDesc *d = mochi_struct_desc(x);
        if (d) {
            const char *own = d->union_name ? d->union_name : d->name;
            if (own && strcmp(own, name) != 0) bad_cast(have, name);
        }
        return v;
    }
    case 5:
        if (have != MOCHI_A_CLOSURE) bad_cast(have, "function");
        return v;
    case 6: return mochi_r2s(mochi_bigint_from_any(x)); /* an int converts */
    case 7: return mochi_r2s(mochi_bigrat_from_any(x)); /* an int or bigint converts */
    default:
        return v;
    }
}
