/*
 * mochi_code_pages.c: releasing this process's clean code pages as the heap grows.
 *
 * The kernel maps a file-backed page together with its 64 KiB neighbourhood
 * (fault-around) and counts every mapped page as resident. Reading, verifying,
 * decoding and compiling a module runs code all over mochi-jitrun's 6 MB of text,
 * the Swift runtime's and libc's, so a run holds about 5 MiB of code pages that its
 * steady state (the interpreter loop or JIT code, the runtime, the collector) no
 * longer runs, where an AOT executable of the same program holds a few hundred KB.
 *
 * The pages of read-only segments are clean copies of their files: dropping their
 * mappings (MADV_DONTNEED) changes nothing but the resident count, and a page run
 * again is mapped again from the page cache by one minor fault (the kernel may drop
 * them at any time itself, under memory pressure). So when the collector's heap
 * reaches a mark (mochi_gc_growth_hook: the first, then half as much again each
 * time, a handful of times in a run), every loaded object's non-writable PT_LOAD
 * segments are released, and the run's peak holds its heap and the code it runs at
 * that size rather than all the code it ever ran. A JIT compile runs the compiler
 * again: once the heap has grown by a chunk after it, the pages are released again
 * (a compile after which the heap stays as it is has had its peak already).
 * Writable segments (RELRO included: PF_W) are never touched, as their written pages
 * would be lost; nor objects with text relocations, nor the vDSO; nor anything
 * while a debugger traces the process (its breakpoints are written into code pages). The JIT's code is
 * in a memory file, not in these segments.
 *
 * binary_trees 16, peak RSS: JIT 19.3 -> 16.3 MiB, --interp 18.0 -> 15.4 MiB (with
 * mochi-jitrun ending the process as soon as the run is over: main.swift, finishRun).
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif
#include "mochi_code_pages.h"
#include "mochi_runtime.h"

static uint64_t releases;

#if defined(__linux__)
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static MochiPageRange *ranges;
static size_t nranges, ranges_cap;

/* The loader wrote into a read-only segment of this object: its pages are not copies
 * of the file. */
static int has_text_relocations(const struct dl_phdr_info *info) {
    for (size_t i = 0; i < info->dlpi_phnum; i++) {
        if (info->dlpi_phdr[i].p_type != PT_DYNAMIC) continue;
        const ElfW(Dyn) *d = (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
        for (; d->d_tag != DT_NULL; d++) {
            if (d->d_tag == DT_TEXTREL) return 1;
            if (d->d_tag == DT_FLAGS && (d->d_un.d_val & DF_TEXTREL)) return 1;
        }
    }
    return 0;
}

static int collect_object(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    uintptr_t page = *(uintptr_t *)data;
    if (info->dlpi_name && (strstr(info->dlpi_name, "linux-vdso") || strstr(info->dlpi_name, "linux-gate")))
        return 0;
    if (has_text_relocations(info)) return 0;
    for (size_t i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W)) continue;
        /* Whole pages only: a page shared with a neighbouring segment is left alone. */
        uintptr_t lo = (info->dlpi_addr + ph->p_vaddr + page - 1) & ~(page - 1);
        uintptr_t hi = (info->dlpi_addr + ph->p_vaddr + ph->p_memsz) & ~(page - 1);
        if (hi <= lo) continue;
        if (nranges == ranges_cap) {
            size_t cap = ranges_cap ? ranges_cap * 2 : 32;
            MochiPageRange *r = (MochiPageRange *)realloc(ranges, cap * sizeof *r);
            if (!r) return 1; /* keep what was found */
            ranges = r;
            ranges_cap = cap;
        }
        ranges[nranges].start = lo;
        ranges[nranges].length = hi - lo;
        nranges++;
    }
    return 0;
}

size_t mochi_code_pages_collect(void) {
    long page = sysconf(_SC_PAGESIZE);
    uintptr_t p = page > 0 ? (uintptr_t)page : 4096;
    nranges = 0;
    dl_iterate_phdr(collect_object, &p);
    return nranges;
}

/* Whether a debugger traces this process (TracerPid in /proc/self/status): its
 * breakpoints are written into code pages, which a release would drop. */
static int traced(void) {
    char buf[4096];
    int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = 0;
    const char *t = strstr(buf, "TracerPid:");
    if (!t) return 0;
    for (t += 10; *t == ' ' || *t == '\t'; t++) {}
    return *t != '0';
}

void mochi_code_pages_release(void) {
    if (traced()) return;
    for (size_t i = 0; i < nranges; i++) madvise((void *)ranges[i].start, ranges[i].length, MADV_DONTNEED);
    releases++;
}
#else
static const MochiPageRange *ranges;
static size_t nranges;
size_t mochi_code_pages_collect(void) { return 0; }
void mochi_code_pages_release(void) {}
#endif

const MochiPageRange *mochi_code_pages_ranges(size_t *n) {
    *n = nranges;
    return ranges;
}

/* The first release's heap size; each release sets the next mark half as much again
 * above the heap it saw, and a compile one chunk above the heap of its end. */
static uint64_t first_mark;
#define AFTER_COMPILE ((uint64_t)1 << 20)

static void on_heap_growth(uint64_t heap_bytes) {
    mochi_gc_growth_mark = heap_bytes + heap_bytes / 2;
    mochi_code_pages_release();
}

void mochi_code_pages_release_as_heap_grows(uint64_t first_heap_bytes) {
    if (mochi_code_pages_collect() == 0) return;
    first_mark = first_heap_bytes;
    mochi_gc_growth_hook = on_heap_growth;
    mochi_gc_growth_mark = first_heap_bytes;
}

void mochi_code_pages_compiled(void) {
    if (mochi_gc_growth_hook != on_heap_growth) return;
    uint64_t soon = mochi_gc_stats().heap_bytes + AFTER_COMPILE;
    if (soon < first_mark) soon = first_mark;
    if (soon < mochi_gc_growth_mark) mochi_gc_growth_mark = soon;
}

uint64_t mochi_code_pages_releases(void) { return releases; }
