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
