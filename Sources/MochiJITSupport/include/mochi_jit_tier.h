/*
 * mochi_jit_tier.h: what compiling on demand and tiering up need from C: a
 * memfd for the code arena's two views (read-execute for running, read-write
 * for writing: never one mapping both), the entry that function stubs jump to
 * (it asks the resolver for the function's code, or for its result when the
 * resolver ran it in the interpreter), and an entry into JIT code at a given
 * call depth (a call out of the interpreter).
 */
#ifndef MOCHI_JIT_TIER_H
#define MOCHI_JIT_TIER_H

#include <stdint.h>
#include "mochi_runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An anonymous memory file of `size` bytes (sparse), or -1. */
int mochi_jit_memfd(int64_t size);

/** Called by a stub of function `fn` whose frame is `fp`, at call depth
 * `depth`: returns the function's entry to jump to, or NULL after storing the
 * function's result in *result (the function ran elsewhere: the interpreter). */
typedef const void *(*mochi_jit_resolver)(int64_t fn, mochi_slot *fp, int64_t depth, uint64_t *result);
void mochi_jit_set_resolver(mochi_jit_resolver r);

/** The address stubs jump to with the function index in the stencils' t0
 * argument register (see mochi_jit_tier.c). */
const void *mochi_jit_stub_target(void);

/** Call JIT code at `entry` with frame `fp` at call depth `depth`. */
uint64_t mochi_jit_enter_at(const void *entry, mochi_slot *fp, int64_t depth);

#ifdef __cplusplus
}
#endif
#endif
