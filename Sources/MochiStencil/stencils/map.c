/*
 * map.c: map ops, all runtime calls. map.new creates the map and then stores the
 * gathered key/value pairs one by one, as the interpreter does, so duplicate keys
 * resolve the same way.
 */
#include "stencil.h"

STENCIL(map_new) {
    SYNC();
    mochi_ref m = mochi_map_new(KIND, KIND2);
    S(A) = mochi_r2s(m);
    mochi_slot *g = GATHER;
    int64_t n = (int64_t)LAUNDER(V(N));
    for (int64_t k = 0; k + 1 < n; k += 2) mochi_map_set(m, g[k], g[k + 1]);
    KNEXT();
}

STENCIL(map_get) { SYNC(); S(A) = mochi_map_get_or(R(B), S(C), 0); KNEXT(); }
STENCIL(map_getany) { SYNC(); S(A) = mochi_r2s(mochi_map_get_any(R(B), S(C))); KNEXT(); }
STENCIL(map_set) { SYNC(); mochi_map_set(R(B), S(C), S(D)); KNEXT(); }
STENCIL(map_has) { SYNC(); S(A) = mochi_map_has(R(B), S(C)) != 0; KNEXT(); }
STENCIL(map_len) { SYNC(); S(A) = (mochi_slot)mochi_map_len(R(B)); KNEXT(); }
STENCIL(map_delete) { SYNC(); (void)mochi_map_delete(R(B), S(C)); KNEXT(); }
STENCIL(map_keys) { SYNC(); S(A) = mochi_r2s(mochi_map_keys(R(B))); KNEXT(); }
STENCIL(map_values) { SYNC(); S(A) = mochi_r2s(mochi_map_values(R(B))); KNEXT(); }

/* Maps with int keys (key kind I64), inline: mochi_map_find_i64_cached is the
 * runtime's own probe through its one-key cache, so `if k in m { m[k] = m[k] + 1 }`
 * probes once across the three stencils. map_get_i_AC: A = B[C] (the zero value
 * when absent, which is all map.get returns then, nil maps included);
 * map_has_i_AC: A = C in B; map_set_i_CD: B[C] = D in place when the key is there, else the `_slow` stub
 * (the runtime inserts, which may collect, or reports a nil map). The key is at
 * an integer location, the value at any. */
#define MGETI2(c, a, _)                                                        \
    STENCIL(map_get_i_##a##c) {                                                \
        MochiMapEntry *e = mochi_map_find_i64_cached(R(B), GI_##c(C));         \
        PS_##a(A, e ? e->val : 0);                                             \
        NEXT();                                                                \
    }
#define MGETI1(a, _) EACH_I2(MGETI2, a, _)
EACH_S1(MGETI1, _)

#define MHASI2(c, a, _)                                                        \
    STENCIL(map_has_i_##a##c) {                                                \
        PI_##a(A, mochi_map_find_i64_cached(R(B), GI_##c(C)) != NULL);         \
        NEXT();                                                                \
    }
#define MHASI1(a, _) EACH_I2(MHASI2, a, _)
EACH_I1(MHASI1, _)

#define MSETI2(d, c, _)                                                        \
    STENCIL(map_set_i_##c##d) {                                                \
        MochiMapEntry *e = mochi_map_find_i64_cached(R(B), GI_##c(C));         \
        if (UNLIKELY(e == NULL)) SLOW();                                       \
        e->val = GS_##d(D);                                                    \
        NEXT();                                                                \
    }                                                                          \
    STENCIL(map_set_i_##c##d##_slow) {                                         \
        SYNC();                                                                \
        mochi_map_set(R(B), GS_##c(C), GS_##d(D));                             \
        JUMP();                                                                \
    }
#define MSETI1(c, _) EACH_S2(MSETI2, c, _)
EACH_I1(MSETI1, _)
