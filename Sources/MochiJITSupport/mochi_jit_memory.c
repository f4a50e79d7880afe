/*
 * mochi_jit_memory.c: the JIT's code memory, W^X on every platform it runs on.
 *
 * Linux (x86-64 and AArch64): the code is mapped read-write, written and
 * patched, then mprotect'ed read-execute, so no page is ever writable and
 * executable at once. Apple Silicon (macOS on arm64) refuses that sequence for
 * a hardened process and offers MAP_JIT instead: the mapping is made with
 * MAP_JIT, and each thread switches it between writable and executable with
 * pthread_jit_write_protect_np (the process needs the
 * com.apple.security.cs.allow-jit entitlement); a thread never sees it both.
 * Either way the instruction cache is made to see the written code before it
 * runs (a no-op on x86-64, required on AArch64, whose instruction and data
 * caches are not coherent). scripts/mochi-aarch64-exec's loader uses the same
 * functions, and a test compiles this file for aarch64-macos with zig cc.
 *
 * Branch protection (AArch64 Linux): code whose indirect-branch targets start
 * with `bti c` is mapped guarded (PROT_BTI) by mochi_jit_code_guard where the
 * CPU has BTI (AT_HWCAP2), so an indirect branch anywhere else is a SIGILL.
 * Elsewhere (x86-64, Apple Silicon, a CPU without BTI) it changes nothing.
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif
#include "mochi_jit.h"
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#if defined(__linux__) && defined(__aarch64__)
#include <sys/auxv.h>
#ifndef PROT_BTI
#define PROT_BTI 0x10
#endif
#ifndef AT_HWCAP2
#define AT_HWCAP2 26
#endif
#define MOCHI_HWCAP2_BTI (1UL << 17)
#endif
#if defined(__APPLE__)
#include <libkern/OSCacheControl.h>
#include <pthread.h>
#endif

#if defined(__APPLE__) && defined(__aarch64__)
#define MOCHI_JIT_MAP_JIT 1
#else
#define MOCHI_JIT_MAP_JIT 0
#endif

void *mochi_jit_code_map(size_t size, void *hint) {
#if MOCHI_JIT_MAP_JIT
    (void)hint;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANON | MAP_JIT, -1, 0);
    if (p == MAP_FAILED) return NULL;
    pthread_jit_write_protect_np(0); /* this thread writes it next */
    return p;
#else
    void *p = mmap(hint, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
#endif
}

int mochi_jit_code_seal(void *p, size_t size) {
#if MOCHI_JIT_MAP_JIT
    pthread_jit_write_protect_np(1);
    sys_icache_invalidate(p, size);
    return 0;
#else
    if (mprotect(p, size, PROT_READ | PROT_EXEC) != 0) return -1;
    mochi_jit_flush_icache(p, size);
    return 0;
#endif
}

int mochi_jit_code_guard(void *p, size_t size) {
#if defined(__linux__) && defined(__aarch64__)
    if (!(getauxval(AT_HWCAP2) & MOCHI_HWCAP2_BTI)) return 0;
    return mprotect(p, size, PROT_READ | PROT_EXEC | PROT_BTI) == 0 ? 1 : -1;
#else
    (void)p;
    (void)size;
    return 0;
#endif
}

void mochi_jit_flush_icache(void *p, size_t size) {
#if defined(__APPLE__)
    sys_icache_invalidate(p, size);
#else
    __builtin___clear_cache((char *)p, (char *)p + size);
#endif
}

void mochi_jit_code_unmap(void *p, size_t size) {
    munmap(p, size);
}
