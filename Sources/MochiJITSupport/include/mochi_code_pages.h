/*
 * mochi_code_pages.h: releasing the process's clean code pages as the heap grows
 * (mochi-jitrun's interpreter and JIT runs; see mochi_code_pages.c).
 */
#ifndef MOCHI_CODE_PAGES_H
#define MOCHI_CODE_PAGES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A page-aligned address range. */
typedef struct MochiPageRange {
    uintptr_t start;
    size_t length;
} MochiPageRange;

/** Finds the loaded objects' read-only segments (whole pages) and keeps them for
 *  mochi_code_pages_release; returns how many. 0 where not supported (not Linux). */
size_t mochi_code_pages_collect(void);
/** The ranges the last mochi_code_pages_collect found (count in *n). */
const MochiPageRange *mochi_code_pages_ranges(size_t *n);
/** Drops this process's mappings of those pages (MADV_DONTNEED): they are mapped
 *  again from the page cache when next used. */
void mochi_code_pages_release(void);
/** Collects the ranges and releases them when the collector's heap reaches
 *  `first_heap_bytes`, then each time it has grown by half since the last release. */
void mochi_code_pages_release_as_heap_grows(uint64_t first_heap_bytes);
/** A JIT compile ran (its code pages are resident again): with the above, releases
 *  once the heap grows by 1 MiB (and is past the first mark). */
void mochi_code_pages_compiled(void);
/** How many times mochi_code_pages_release ran. */
uint64_t mochi_code_pages_releases(void);

#ifdef __cplusplus
}
#endif
#endif
