/*
 * mochi_internal.h: declarations shared by the runtime's C files and nothing else.
 *
 * The public header fixes the value model; this one holds the pieces the runtime
 * files need from each other: element access of lists, the byte buffer used to build
 * strings and formatted text, the collector's hooks for memory owned outside the
 * heap pages (list slot arrays, map tables), and the formatting entry points.
 */
#ifndef MOCHI_INTERNAL_H
#define MOCHI_INTERNAL_H

#include "mochi_runtime.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Growable byte buffer (malloc-backed, outside the collected heap). */
typedef struct MochiBuf {
    char *p;
    size_t n;
    size_t cap;
} MochiBuf;

void mochi_buf_init(MochiBuf *b);
void mochi_buf_put(MochiBuf *b, const char *s, size_t n);
void mochi_buf_putc(MochiBuf *b, char c);
void mochi_buf_puts(MochiBuf *b, const char *s);
void mochi_buf_free(MochiBuf *b);
/* Turn the buffer into a Mochi string and free the buffer. */
mochi_ref mochi_buf_to_str(MochiBuf *b);

/* Checked malloc/realloc/calloc that report out-of-memory as a runtime error. */
void *mochi_xmalloc(size_t n);
void *mochi_xrealloc(void *p, size_t n);
/* Tell the collector about bytes allocated outside the heap pages (counts toward the trigger). */
void mochi_gc_note_external(size_t n);

/* Formatting into a buffer: the three forms of LANGUAGE.md §9 plus JSON. */
enum { MOCHI_FMT_TOP = 0, MOCHI_FMT_CONTAINER = 1, MOCHI_FMT_STR = 2 };
void mochi_fmt_slot(MochiBuf *b, MochiSlotKind kind, mochi_slot v, int mode);
/* The sort-order string of a map key (decimal for ints, raw for strings, str() otherwise). */
void mochi_key_text(MochiBuf *b, MochiSlotKind kind, mochi_slot k);

/* mochi_hash_i64 (the hash of an int) is in mochi_runtime.h: generated code hashes
 * int map keys inline. */
/* Hash of a byte string (the hash of a Mochi string). */
uint64_t mochi_hash_bytes(const char *p, int64_t n);
/* Hash of a slot consistent with mochi_slot_eq. */
uint64_t mochi_slot_hash(MochiSlotKind kind, mochi_slot v);
/* Hash of an any consistent with mochi_any_eq. */
uint64_t mochi_any_hash(mochi_ref a);

/* A list<bool> keeps one byte an element (mochi_runtime.h, MochiList); every other
 * list one slot. The runtime reads and writes elements through these two. */
static inline mochi_slot mochi_list_at(const MochiList *l, int64_t i) {
    return l->elem_kind == MOCHI_K_BOOL ? (mochi_slot)((const uint8_t *)l->data)[i] : l->data[i];
}
static inline void mochi_list_put(MochiList *l, int64_t i, mochi_slot v) {
    if (l->elem_kind == MOCHI_K_BOOL) ((uint8_t *)l->data)[i] = (uint8_t)(v != 0);
    else l->data[i] = v;
}

/* Hash of a float consistent with mochi_any_eq (an integral float hashes as the int). */
uint64_t mochi_hash_f64(double d);

/* bigint and bigrat text into a buffer: decimal, and `n/d` (json: the string Go's
 * encoding/json writes for a *big.Rat, "n/d", or "n" when d is 1). */
void mochi_bigint_fmt(MochiBuf *b, mochi_ref x);
void mochi_bigrat_fmt(MochiBuf *b, mochi_ref x, int json);
/* Numbers of mixed kinds in `any` after promotion along int < bigint < bigrat <
 * float. cmp sets *ok to 0 when either is not a number; arith (op 0..4: + - * / %)
 * returns NULL when the operation does not apply (% on rationals). */
int64_t mochi_num_any_cmp(mochi_ref a, mochi_ref b, int *ok);
int64_t mochi_num_any_eq(mochi_ref a, mochi_ref b);
mochi_ref mochi_num_any_arith(int op, mochi_ref a, mochi_ref b);

/* Raise a range error for a list or string index. */
MOCHI_NORETURN void mochi_err_index(const char *what, int64_t i, int64_t n);

/* MOCHI_LIKELY and MOCHI_UNLIKELY are in mochi_runtime.h. */

/* Zero slot value of a kind (all kinds are 0 bits). */
#define MOCHI_ZERO ((mochi_slot)0)

/* The sorted order of a map's entries (computed lazily, cached until the key set changes). */
const int64_t *mochi_map_order(MochiMap *m);

/* MochiSlots, a list's element store, is in mochi_runtime.h: the JIT's push
 * stencil reads it. */

/* Objects larger than this are allocated one by one (malloc); smaller ones in pages. */
#define MOCHI_GC_MAX_SMALL 2048
/* mochi_gc_alloc_uninit (mochi_runtime.h) is for stores of scalars, which nothing
 * reads past the length, and for objects whose every field is written at once. */
/* Grows a large object (one allocated above MOCHI_GC_MAX_SMALL bytes) to new_size bytes
 * with realloc, which may move it; bytes past the old size are uninitialised. Only for an
 * object whose one reference the caller holds and updates. Returns its new address. */
MochiObj *mochi_gc_grow_large(MochiObj *o, size_t new_size);
/* on: the next store allocated or grown (mochi_gc_alloc*, mochi_gc_grow_large) will be
 * written to its end at once (a reserved fill): on Linux one of 4 MiB and more is then
 * mapped by itself for huge pages (mochi_gc.c). Reset to 0 after that call. */
void mochi_gc_huge_next(int on);
/* Counts a bigint of `size` bytes about to be allocated toward the collection that
 * bigint arithmetic's garbage starts early (mochi_gc.c, GC_BIGINT_TRIGGER); may collect. */
void mochi_gc_note_bigint(size_t size);
/* Returns a small object of `size` bytes to its free list at once. Only for an object
 * nothing refers to any more (the caller dropped its one reference). */
void mochi_gc_release_small(MochiObj *o, size_t size);

/* The shared instance of the field-less struct last asked for (mochi_value.c); the
 * collector skips references to it (instances live outside the heap, no children). */
extern MochiStruct *mochi_last_empty;
#endif
