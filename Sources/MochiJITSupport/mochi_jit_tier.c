/*
 * mochi_jit_tier.c: the C side of compiling on demand and tiering up.
 *
 * A function that has no code yet is called through its stub (MochiJIT/
 * Tiers.swift), a few bytes that put the function's index in the t0 argument
 * register (stencil.h: t0 carries nothing across a call, the callee loads its
 * parameters from its frame) and jump here. mochi_jit_stub_entry has the
 * stencils' own type, so it receives the frame and depth of the call as the
 * callee would; it asks the resolver, which compiles the function (and patches
 * the stub and call sites so that later calls go straight to the code) and
 * returns the entry, which is then tail-called with the same arguments: the
 * callee returns straight to the caller's call stencil. When the resolver runs
 * the function in the interpreter instead (tiered, still cold), its result is
 * returned as the callee's would be.
 */
/* syscall() is a GNU/BSD extension: glibc and musl declare it only with this. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "mochi_jit_tier.h"
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PN __attribute__((preserve_none))
typedef PN uint64_t (*tier_fn)(mochi_slot *fp, int64_t depth, int64_t x0, int64_t x1, int64_t x2, int64_t x3,
                               int64_t t0, int64_t t1, int64_t x4, int64_t x5, double d0, double d1, double d2,
                               double d3, double d4, double d5, double d6, double d7);

static mochi_jit_resolver resolver;

void mochi_jit_set_resolver(mochi_jit_resolver r) { resolver = r; }

int mochi_jit_memfd(int64_t size) {
#ifdef SYS_memfd_create
    int fd = (int)syscall(SYS_memfd_create, "mochi-jit", 1u /* MFD_CLOEXEC */);
    if (fd < 0) return -1;
    if (ftruncate(fd, (off_t)size) != 0) {
        close(fd);
        return -1;
    }
    return fd;
#else
    (void)size;
    return -1;
#endif
}

static PN uint64_t mochi_jit_stub_entry(mochi_slot *fp, int64_t depth, int64_t x0, int64_t x1, int64_t x2,
                                        int64_t x3, int64_t t0, int64_t t1, int64_t x4, int64_t x5, double d0,
                                        double d1, double d2, double d3, double d4, double d5, double d6,
                                        double d7) {
    uint64_t result = 0;
    const void *entry = resolver(t0, fp, depth, &result);
    if (entry == NULL) return result;
    __attribute__((musttail)) return ((tier_fn)entry)(fp, depth, x0, x1, x2, x3, t0, t1, x4, x5, d0, d1, d2, d3,
                                                      d4, d5, d6, d7);
}

const void *mochi_jit_stub_target(void) { return (const void *)mochi_jit_stub_entry; }

uint64_t mochi_jit_enter_at(const void *entry, mochi_slot *fp, int64_t depth) {
    return ((tier_fn)entry)(fp, depth, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
}
