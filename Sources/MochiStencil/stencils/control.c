/*
 * control.c: stencils for control flow, moves and constants: the block
 * terminators (jump, conditional branches, return), the edge moves that bind
 * block parameters, constants (iconst, fconst, bconst and null share `const`:
 * they are all 64-bit patterns), and loads/stores at a patched absolute address
 * (string constants and module globals live in slot arrays the JIT allocates).
 */
#include "stencil.h"

STENCIL(jump) { JUMP(); }

STENCIL(br_true) {
    if (S(B) != 0) JUMP();
    NEXT();
}

STENCIL(br_false) {
    if (S(B) == 0) JUMP();
    NEXT();
}

STENCIL(ret) { return S(B); }
STENCIL(ret_ba) { return acc; }

STENCIL(ret_void) { return 0; }

STENCIL(unreachable) { mochi_jit_unreachable((int64_t)V(LINE)); }

STENCIL(move) {
    S(A) = S(B);
    NEXT();
}

STENCIL(move_ba) {
    S(A) = acc;
    NEXT();
}

STENCIL(const) {
    S(A) = (mochi_slot)IMM;
    NEXT();
}

/* a = *(slot *)IMM: sconst (the module's string table) and global.get. */
STENCIL(load_abs) {
    S(A) = *(mochi_slot *)(uintptr_t)IMM;
    NEXT();
}

/* *(slot *)IMM = b: global.set. */
STENCIL(store_abs) {
    *(mochi_slot *)(uintptr_t)IMM = S(B);
    NEXT();
}
