/*
 * mochi_gc.c: the heap and its non-moving mark-sweep collector (DESIGN.md §4).
 *
 * Small objects live in 64 KiB pages carved from 1 MiB chunks, one size class per
 * page, with free cells threaded into per-class free lists; objects above 2 KiB
 * are allocated one by one. Classes go in 8-byte steps up to 128 bytes, so a struct
 * of n fields (8 + 8n bytes: its descriptor is a 16-bit id in the header's spare
 * half, not a pointer word) fills its cell: a tree node with two children takes 24
 * bytes, not 32, a quarter less heap and marking on binary_trees. (Cells are 8-byte
 * aligned, which is all any object's fields need.) Marking is precise inside the
 * heap (each object kind says which of its slots are references) and conservative
 * for roots: the C stack between the recorded base and the current stack pointer
 * (registers spilled with setjmp), registered root ranges (the interpreter's
 * register file) and registered global roots. A word counts as a root when it
 * points anywhere inside a live object, so interior pointers held by optimised code
 * keep objects alive.
 * Sweeping is lazy: a collection only marks (counting the bytes it marks, so the
 * next trigger is known at once) and queues each class's pages; a class sweeps its
 * next page when its free list runs dry, so a page's cells are in cache when the
 * allocator hands them out, instead of the whole heap being read once by the sweep
 * and again by the allocator. A class that needs a fresh page, when the pool is
 * empty, sweeps other classes' queued pages for an empty one before the heap grows,
 * so memory follows the live set; the next collection first finishes the sweep.
 * A collection runs when the bytes allocated since the last one exceed the larger
 * of a floor and the live size, not counting big strings, big bigints and scalar
 * stores (marking and sweeping cost nothing per byte of those), so the heap grows to
 * about twice the live data it has to trace; the floor shrinks as the live size
 * nears a 12 MiB heap goal, so a heap with a few MiB live stays at the goal. A big
 * store that only one list refers to grows in place with realloc instead of being
 * copied and left behind as garbage.
 * On Linux a list's store of 4 MiB and more that a filling loop reserved in one go
 * (mochi_list_push_reserve: nsieve's flags; the loop writes all of it) is mapped by
 * itself, 2 MiB-aligned and advised for transparent huge pages (MADV_HUGEPAGE; the
 * system default is usually `madvise`, so malloc's memory gets none): the kernel
 * then faults it in 2 MiB at a time instead of 4 KiB, and a loop striding across it
 * (a sieve's `flags[k] = false`) misses the TLB far less. It grows by mremap (page
 * tables move, no bytes are copied) and is unmapped when swept. Stores grown by
 * doubling stay on malloc: advised for huge pages, a program making many of them
 * (reverse_complement's lists) paid for the kernel's compaction of 2 MiB pages at
 * fault time, up to half a second of system time in one run of four. Elsewhere, or
 * when the mapping fails, stores come from malloc as before.
 * Allocation counts down a credit (the bytes left before that trigger) rather than
 * adding up bytes: the free lists and the credit are public (mochi_runtime.h), so
 * constructors here and in generated C take a cell inline and call in only when a
 * class runs dry or the credit runs out.
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* mremap, MADV_HUGEPAGE (the runtime is built as -std=c99) */
#endif
#include "mochi_internal.h"
#if defined(__linux__)
#include <sys/mman.h>
#endif

/* WebAssembly keeps locals on its own value stack, out of reach of a conservative
 * scan of linear memory, and WASI's libc has no setjmp. So C compiled to Wasm never
 * collects: the heap only grows. (The Wasm backend proper uses WasmGC instead.) */
#if defined(__wasm__)
#define MOCHI_GC_SCANS_STACK 0
#else
#define MOCHI_GC_SCANS_STACK 1
#include <setjmp.h>
#endif

#define GC_PAGE ((size_t)64 * 1024)
#define GC_CHUNK_PAGES 16
#define GC_MAX_SMALL MOCHI_GC_MAX_SMALL
/* Overridable (-DGC_MIN_TRIGGER=4096) so stress builds collect every few cells. */
#ifndef GC_MIN_TRIGGER
#define GC_MIN_TRIGGER ((uint64_t)8 * 1024 * 1024)
#endif
/* The bytes allocated between two collections (the trigger), as a function of the
 * live bytes L the last one found: GC_MIN_TRIGGER while L + GC_MIN_TRIGGER fits in
 * GC_HEAP_GOAL (L up to 4 MiB), then GC_HEAP_GOAL - L, so the heap stays at the
 * goal, down to L itself (L from 6 MiB: the heap at twice the live data, as before),
 * never below GC_LOW_TRIGGER (L counting large strings and scalar stores, which cost
 * marking nothing). So the heap no longer peaks at L + 8 MiB for L between 4 and
 * 8 MiB: binary_trees 16 (L 3.1-6.3 MB, its long-lived tree and the one being built)
 * peaked at 13.6 MB in use in 14 MiB of chunks, now 12.6 MB in 13. A collection
 * then marks at most as many bytes as it waited for, as it already did from 8 MiB
 * of live data on. */
#define GC_HEAP_GOAL (GC_MIN_TRIGGER * 3 / 2)
#define GC_LOW_TRIGGER (GC_MIN_TRIGGER / 2)
/* Bigints of a few hundred bytes and more also start a collection once this many
 * bytes of them, or as many as there are live bytes to mark, were allocated
 * (mochi_gc_note_bigint): arithmetic (x = x * i) leaves each one garbage at once, and
 * reusing their memory saves the kernel faulting in and zeroing fresh pages, which
 * measured half the time of a factorial or Fibonacci loop waiting for 8 MiB. */
#define GC_BIGINT_TRIGGER ((uint64_t)1024 * 1024)
#define GC_MARK 1u
/* A large object keeps its index in `larges` in the collector bits above the mark and
 * large bits, so growing it in place finds its entry at once; the index is rewritten
 * whenever a collection reorders the array. A small object (and a free cell) keeps
 * its cell size in 8-byte units there instead, written when its page is carved or
 * swept (the inline allocator only writes the kind), so marking adds up live bytes
 * without finding the object's page. Objects outside the heap (static constants, the
 * empty-struct singletons) have 0 there and count nothing. */
#define GC_LARGE 2u
#define GC_INDEX_SHIFT 2
#define GC_SIZE_TAG(bytes) ((uint32_t)((bytes) / 8) << GC_INDEX_SHIFT)

static const uint32_t class_sizes[] = {16,  24,  32,  40,  48,  56,  64,   72,   80,   88,   96,
                                       104, 112, 120, 128, 160, 192, 224,  256,  320,  384,  448,
                                       512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048};
#define GC_NCLASS ((int)(sizeof(class_sizes) / sizeof(class_sizes[0])))
#define GC_NO_CLASS 0xFFFFu

/* The inline path (mochi_gc_alloc_small, MOCHI_GC_CLASS_OF) assumes classes 0..14 are
 * 16..128 bytes in 8-byte steps. */
typedef MochiFreeCell FreeCell;

typedef struct Page {
    char *base;
    uint32_t cls; /* GC_NO_CLASS when the page is in the pool */
    uint32_t objsize;
    uint32_t nobj;
    struct Page *next_free; /* link in the page pool, or in its class's unswept pages */
} Page;

typedef struct Chunk {
    char *raw;
    char *base; /* GC_PAGE-aligned */
    Page pages[GC_CHUNK_PAGES];
} Chunk;

typedef struct Large {
    char *p;
    size_t size;
    size_t mapped; /* bytes mapped for it by huge_map (a multiple of GC_HUGE_ALIGN), 0 if malloc'd */
} Large;

typedef struct RootRange {
    mochi_slot *base;
    mochi_slot **base_ptr;
    size_t *count_ptr;
} RootRange;

static Chunk **chunks;
static size_t nchunks, chunks_cap;
static Large *larges;
static size_t nlarge, large_cap;
MochiFreeCell *mochi_gc_free_lists[GC_NCLASS];
#define free_lists mochi_gc_free_lists
static Page *page_pool;
/* Each class's pages the last collection marked but nobody has swept yet. */
static Page *unswept[GC_NCLASS];
static int sweep_pending;          /* some class has unswept pages */
static uint64_t marked_bytes;      /* bytes of small objects (and map tables) marked so far */
static uint8_t size_to_class[GC_MAX_SMALL / 8 + 1];
static int gc_ready;
static int gc_paused;
static uintptr_t heap_lo = UINTPTR_MAX, heap_hi;

static mochi_ref **roots;
static size_t nroots, roots_cap;
static RootRange *ranges;
static size_t nranges, ranges_cap;

static mochi_ref *mark_stack;
static size_t mark_n, mark_cap;

static uint64_t bytes_live, bytes_since, bytes_peak, n_collections, bytes_total, heap_bytes;
static uint64_t trigger = GC_MIN_TRIGGER;
static uint64_t live_leaf_large; /* live bytes of large objects without references */
static uint64_t bigint_since, bigint_trigger = GC_BIGINT_TRIGGER; /* big bigints: see GC_BIGINT_TRIGGER */
/* Bytes that may be allocated before the collector looks again (counted down by every
 * allocation, inline ones included), and its value when last granted: the difference
 * is what was allocated since, folded into bytes_since and bytes_total by settle(). */
int64_t mochi_gc_credit;
static int64_t credit_granted;

static char *stack_base;
static size_t stack_limit = (size_t)7 * 1024 * 1024;
static int64_t call_depth, max_depth = 100000;

void (*mochi_gc_growth_hook)(uint64_t heap_bytes);
uint64_t mochi_gc_growth_mark = UINT64_MAX;

/* The heap grew (heap_bytes is already the new size): tell the embedder past its mark. */
static inline void note_growth(void) {
    if (MOCHI_UNLIKELY(heap_bytes >= mochi_gc_growth_mark) && mochi_gc_growth_hook) mochi_gc_growth_hook(heap_bytes);
}

static void gc_init_tables(void) {
    int c = 0;
    for (size_t s = 0; s <= GC_MAX_SMALL / 8; s++) {
        size_t bytes = s * 8;
        while (c < GC_NCLASS && class_sizes[c] < bytes) c++;
        size_to_class[s] = (uint8_t)c;
    }
    gc_ready = 1;
}

void *mochi_xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) mochi_rt_error("out of memory");
    return p;
}

void *mochi_xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) mochi_rt_error("out of memory");
    return q;
}

static void note_range(uintptr_t lo, uintptr_t hi) {
    if (lo < heap_lo) heap_lo = lo;
    if (hi > heap_hi) heap_hi = hi;
}

static uint32_t sweep_page(Page *pg, FreeCell **list);
static Page *sweep_for_empty_page(void);

static Page *new_page(void) {
    if (page_pool) {
        Page *pg = page_pool;
        page_pool = pg->next_free;
        return pg;
    }
    if (sweep_pending) {
        Page *pg = sweep_for_empty_page();
        if (pg) return pg;
    }
    Chunk *ch = (Chunk *)mochi_xmalloc(sizeof(Chunk));
    ch->raw = (char *)mochi_xmalloc(GC_PAGE * (GC_CHUNK_PAGES + 1));
    uintptr_t a = ((uintptr_t)ch->raw + GC_PAGE - 1) & ~(uintptr_t)(GC_PAGE - 1);
    ch->base = (char *)a;
    heap_bytes += GC_PAGE * (GC_CHUNK_PAGES + 1);
    note_range(a, a + GC_PAGE * GC_CHUNK_PAGES);
    for (int i = 0; i < GC_CHUNK_PAGES; i++) {
        ch->pages[i].base = ch->base + (size_t)i * GC_PAGE;
        ch->pages[i].cls = GC_NO_CLASS;
        ch->pages[i].objsize = 0;
        ch->pages[i].nobj = 0;
        ch->pages[i].next_free = (i + 1 < GC_CHUNK_PAGES) ? &ch->pages[i + 1] : page_pool;
    }
    page_pool = &ch->pages[0];
    /* keep chunks sorted by base for binary search */
    if (nchunks == chunks_cap) {
        chunks_cap = chunks_cap ? chunks_cap * 2 : 16;
        chunks = (Chunk **)mochi_xrealloc(chunks, chunks_cap * sizeof(Chunk *));
    }
    size_t at = nchunks;
    while (at > 0 && chunks[at - 1]->base > ch->base) {
        chunks[at] = chunks[at - 1];
        at--;
    }
    chunks[at] = ch;
    nchunks++;
    note_growth();
    return new_page();
}

static void refill(int cls) {
    /* Sweep this class's queued pages until one has a free cell. */
    while (unswept[cls]) {
        Page *pg = unswept[cls];
        unswept[cls] = pg->next_free;
        pg->next_free = NULL;
        (void)sweep_page(pg, &free_lists[cls]);
        if (free_lists[cls]) return;
    }
    Page *pg = new_page();
    uint32_t sz = class_sizes[cls];
    pg->cls = (uint32_t)cls;
    pg->objsize = sz;
    pg->nobj = (uint32_t)(GC_PAGE / sz);
    FreeCell *head = free_lists[cls];
    for (uint32_t i = pg->nobj; i > 0; i--) {
        FreeCell *c = (FreeCell *)(pg->base + (size_t)(i - 1) * sz);
        c->h.kind = MOCHI_O_FREE;
        c->h.gc = GC_SIZE_TAG(sz);
        c->next = head;
        head = c;
    }
    free_lists[cls] = head;
}

/* Folds what was allocated against the credit into bytes_since and bytes_total. */
static void settle(void) {
    int64_t used = credit_granted - mochi_gc_credit;
    if (used > 0) {
        bytes_since += (uint64_t)used;
        bytes_total += (uint64_t)used;
    }
    credit_granted = mochi_gc_credit;
}

/* A new credit: the bytes left before the trigger while a collection may run, else
 * (paused, no stack base yet, or Wasm) so much that only a change of that calls in. */
static void regrant(void) {
    settle();
    int64_t c = INT64_MAX / 4;
    if (MOCHI_GC_SCANS_STACK && !gc_paused && stack_base)
        c = bytes_since < trigger ? (int64_t)(trigger - bytes_since) : 0;
    mochi_gc_credit = credit_granted = c;
}

/* The peak is only noted where bytes in use can stop rising (a collection, a release,
 * a look at the figures), not on every allocation: in between they only grow. */
static void note_peak(void) {
    settle();
    if (bytes_live + bytes_since > bytes_peak) bytes_peak = bytes_live + bytes_since;
}

static inline void account(uint64_t n) {
    mochi_gc_credit -= (int64_t)n;
}

void mochi_gc_note_external(size_t n) {
    account(n);
}

/* The credit ran out: collect when the trigger is reached and a collection may run. */
static MOCHI_COLD void credit_out(void) {
    settle();
    mochi_rt_contained_check(bytes_live + bytes_since); /* nothing outside a contained run */
    if (MOCHI_GC_SCANS_STACK && bytes_since >= trigger && !gc_paused && stack_base) mochi_gc_collect();
    else regrant();
}

static inline void maybe_collect(void) {
    if (MOCHI_UNLIKELY(mochi_gc_credit <= 0)) credit_out();
}

/* Big objects mapped for huge pages (see the header). */
#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MREMAP_MAYMOVE) && defined(MREMAP_FIXED)
#define GC_HUGE 1
#define GC_HUGE_MIN ((size_t)4 << 20)
#define GC_HUGE_ALIGN ((size_t)2 << 20)
static size_t huge_len(size_t size) {
    return (size + GC_HUGE_ALIGN - 1) & ~(GC_HUGE_ALIGN - 1);
}
/* A fresh GC_HUGE_ALIGN-aligned range of len bytes (a multiple of GC_HUGE_ALIGN),
 * readable and writable, zero, not yet advised; NULL when the system has none. */
static char *huge_reserve(size_t len) {
    char *r = (char *)mmap(NULL, len + GC_HUGE_ALIGN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r == (char *)MAP_FAILED) return NULL;
    char *a = (char *)(((uintptr_t)r + GC_HUGE_ALIGN - 1) & ~(uintptr_t)(GC_HUGE_ALIGN - 1));
    if (a > r) munmap(r, (size_t)(a - r));
    if (a + len < r + len + GC_HUGE_ALIGN) munmap(a + len, (size_t)(r + len + GC_HUGE_ALIGN - (a + len)));
    return a;
}
static char *huge_map(size_t len) {
    char *a = huge_reserve(len);
    if (a) (void)madvise(a, len, MADV_HUGEPAGE); /* advice only: a refusal changes nothing */
    return a;
}
/* Grows a mapped object to len bytes (> its mapping): in place when the addresses
 * after it are free, else moved (page tables, not bytes) to a fresh aligned range.
 * NULL when neither can be had (the object is then unchanged). */
static char *huge_grow(char *p, size_t mapped, size_t len) {
    void *q = mremap(p, mapped, len, 0);
    if (q == MAP_FAILED) {
        char *a = huge_reserve(len);
        if (!a) return NULL;
        q = mremap(p, mapped, len, MREMAP_MAYMOVE | MREMAP_FIXED, a);
        if (q == MAP_FAILED) {
            munmap(a, len);
            return NULL;
        }
    }
    (void)madvise(q, len, MADV_HUGEPAGE);
    return (char *)q;
}
#else
#define GC_HUGE 0
#endif

/* Set by mochi_list's reserved growth (mochi_gc_huge_next) for the one store it asks
 * for next: a store whose whole size a filling loop is about to write. */
static int huge_next;

void mochi_gc_huge_next(int on) {
    huge_next = on;
}

static mochi_ref alloc_large(MochiObjKind kind, size_t size, int zero) {
    char *p = NULL;
    size_t mapped = 0;
#if GC_HUGE
    /* Fresh mapped memory is zero: good for either kind of request. */
    if (huge_next && kind == MOCHI_O_SLOTS && size >= GC_HUGE_MIN && (p = huge_map(huge_len(size))) != NULL)
        mapped = huge_len(size);
#endif
    if (!p) p = (char *)(zero ? calloc(1, size) : malloc(size));
    if (!p) mochi_rt_error("out of memory");
    if (nlarge == large_cap) {
        large_cap = large_cap ? large_cap * 2 : 64;
        larges = (Large *)mochi_xrealloc(larges, large_cap * sizeof(Large));
    }
    larges[nlarge].p = p;
    larges[nlarge].size = size;
    larges[nlarge].mapped = mapped;
    ((MochiObj *)p)->kind = (uint32_t)kind;
    ((MochiObj *)p)->gc = (uint32_t)(nlarge << GC_INDEX_SHIFT) | GC_LARGE;
    nlarge++;
    heap_bytes += size;
    note_range((uintptr_t)p, (uintptr_t)p + size);
    note_growth();
    account(size);
    return (mochi_ref)p;
}

/* A cell of class cls off its free list (a free cell's collector bits hold its size tag). */
static inline FreeCell *take_cell(int cls) {
    FreeCell *c = free_lists[cls];
    if (MOCHI_UNLIKELY(c == NULL)) {
        refill(cls);
        c = free_lists[cls];
    }
    free_lists[cls] = c->next;
#if defined(__GNUC__) || defined(__clang__)
    /* The next allocation reads the new head's link: start loading it now. */
    if (c->next) __builtin_prefetch(c->next, 1);
#endif
    account(class_sizes[cls]);
    return c;
}

void mochi_gc_note_bigint(size_t size) {
    bigint_since += size;
    if (MOCHI_GC_SCANS_STACK && bigint_since >= bigint_trigger && !gc_paused && stack_base) mochi_gc_collect();
}

mochi_ref mochi_gc_alloc(MochiObjKind kind, size_t size) {
    if (MOCHI_UNLIKELY(!gc_ready)) gc_init_tables();
    maybe_collect();
    if (MOCHI_LIKELY(size <= GC_MAX_SMALL)) {
        int cls = size_to_class[(size + 7) / 8];
        FreeCell *c = take_cell(cls);
        uint32_t n = class_sizes[cls];
        /* The small classes inline (a constant size each) rather than a memset call. */
        if (n == 16) memset(c, 0, 16);
        else if (n == 24) memset(c, 0, 24);
        else if (n == 32) memset(c, 0, 32);
        else if (n == 48) memset(c, 0, 48);
        else if (n == 64) memset(c, 0, 64);
        else memset(c, 0, n);
        c->h.kind = (uint32_t)kind;
        c->h.gc = GC_SIZE_TAG(n);
        return (mochi_ref)c;
    }
    return alloc_large(kind, size, 1);
}

mochi_ref mochi_gc_alloc_uninit(MochiObjKind kind, size_t size) {
    if (MOCHI_UNLIKELY(!gc_ready)) gc_init_tables();
    maybe_collect();
    if (MOCHI_LIKELY(size <= GC_MAX_SMALL)) {
        FreeCell *c = take_cell(size_to_class[(size + 7) / 8]);
        c->h.kind = (uint32_t)kind;
        return (mochi_ref)c;
    }
    /* Fresh pages from malloc (mmap for big sizes) are only touched as they are used. */
    return alloc_large(kind, size, 0);
}

MochiObj *mochi_gc_grow_large(MochiObj *o, size_t new_size) {
    /* Programs that only push allocate nothing else: their growth must be able to
     * start a collection too (before the lookup: a collection renumbers `larges`).
     * o stays reachable through the caller's list. */
    maybe_collect();
    size_t i = (size_t)(o->gc >> GC_INDEX_SHIFT);
    if (i >= nlarge || larges[i].p != (char *)o) {
        for (i = 0; i < nlarge && larges[i].p != (char *)o; i++) {}
        if (i == nlarge) mochi_rt_error("internal error: growing an object the heap does not know");
    }
    size_t old = larges[i].size;
    if (new_size <= old) return o;
    char *p = NULL;
#if GC_HUGE
    if (o->kind == MOCHI_O_SLOTS && new_size >= GC_HUGE_MIN) {
        size_t len = huge_len(new_size), mapped = larges[i].mapped;
        if (mapped >= len) {
            p = (char *)o; /* room in its mapping already */
        } else if (mapped) {
            p = huge_grow((char *)o, mapped, len);
            if (!p) mochi_rt_error("out of memory");
            larges[i].mapped = len;
        } else if (huge_next && (p = huge_map(len)) != NULL) {
            /* Once, from malloc's memory into a mapping of its own. */
            memcpy(p, o, old);
            free(o);
            larges[i].mapped = len;
        }
    }
#endif
    /* For big blocks glibc's realloc moves page mappings (mremap) instead of copying,
     * and the old block is gone at once rather than garbage until the next collection. */
    if (!p) p = (char *)realloc(o, new_size);
    if (!p) mochi_rt_error("out of memory");
    larges[i].p = p;
    larges[i].size = new_size;
    heap_bytes += new_size - old;
    note_range((uintptr_t)p, (uintptr_t)p + new_size);
    note_growth();
    account(new_size - old);
    return (MochiObj *)p;
}

void mochi_gc_release_small(MochiObj *o, size_t size) {
    if (size < sizeof(FreeCell)) size = sizeof(FreeCell);
    if (size > GC_MAX_SMALL) return; /* large objects are left to the collector */
    int cls = size_to_class[(size + 7) / 8];
    if (o->gc & GC_MARK) {
        /* Marked by the last collection, so its page is still queued for sweeping
         * (sweeping clears the marks of a page): threading it now would thread it
         * twice once the page is swept. Unmarked, it is simply dead to that sweep. */
        o->gc &= ~GC_MARK;
    } else {
        FreeCell *c = (FreeCell *)o;
        c->h.kind = MOCHI_O_FREE;
        c->h.gc = GC_SIZE_TAG(class_sizes[cls]);
        c->next = free_lists[cls];
        free_lists[cls] = c;
    }
    note_peak();
    /* The cell no longer counts toward the next collection's trigger. */
    bytes_since = bytes_since >= class_sizes[cls] ? bytes_since - class_sizes[cls] : 0;
    regrant();
}

/* ---- finding objects from arbitrary words ---- */

static int large_cmp(const void *a, const void *b) {
    const Large *x = (const Large *)a, *y = (const Large *)b;
    return x->p < y->p ? -1 : x->p > y->p ? 1 : 0;
}

static MochiObj *find_object(uintptr_t w) {
    if (w < heap_lo || w >= heap_hi) return NULL;
    size_t lo = 0, hi = nchunks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uintptr_t b = (uintptr_t)chunks[mid]->base;
        if (w < b) hi = mid;
        else if (w >= b + GC_PAGE * GC_CHUNK_PAGES) lo = mid + 1;
        else {
            Page *pg = &chunks[mid]->pages[(w - b) / GC_PAGE];
            if (pg->cls == GC_NO_CLASS) return NULL;
            size_t idx = (w - (uintptr_t)pg->base) / pg->objsize;
            if (idx >= pg->nobj) return NULL;
            MochiObj *o = (MochiObj *)(pg->base + idx * pg->objsize);
            return o->kind == MOCHI_O_FREE ? NULL : o;
        }
    }
    lo = 0;
    hi = nlarge; /* larges is sorted during a collection */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uintptr_t b = (uintptr_t)larges[mid].p;
        if (w < b) hi = mid;
        else if (w >= b + larges[mid].size) lo = mid + 1;
        else return (MochiObj *)larges[mid].p;
    }
    return NULL;
}

/* ---- marking ---- */

/* The mark stack holds two kinds of entries. An object marked when it was found
 * (roots, and the elements of list stores and maps, which can be many) is pushed
 * only when it has children, to be scanned. A struct field, closure capture or list
 * store is pushed unmarked with its low bit set and a prefetch of its header, and
 * is marked when drain gets to it: by then the header is usually in cache, and
 * traversing a large tree waits on memory far less. */
#define GC_DEFERRED ((uintptr_t)1)

static size_t external_size(MochiObj *o);

#define GC_CHILD_KINDS                                                                              \
    ((1u << MOCHI_O_LIST) | (1u << MOCHI_O_SLOTS) | (1u << MOCHI_O_MAP) | (1u << MOCHI_O_STRUCT) |   \
     (1u << MOCHI_O_CLOSURE) | (1u << MOCHI_O_BIGRAT))

static inline int has_children(uint32_t kind) {
    return kind < 32 && ((GC_CHILD_KINDS >> kind) & 1u);
}

static void grow_mark_stack(void) {
    mark_cap = mark_cap ? mark_cap * 2 : 1024;
    mark_stack = (mochi_ref *)mochi_xrealloc(mark_stack, mark_cap * sizeof(mochi_ref));
}

/* The bytes a marked object's cell counts for the trigger: its size tag (0 for a
 * large object, counted when `larges` is swept, and for objects outside the heap). */
static inline uint64_t tag_bytes(uint32_t gc) {
    return (gc & GC_LARGE) ? 0 : (uint64_t)(gc >> GC_INDEX_SHIFT) * 8;
}

static void push_mark(mochi_ref o) {
    if (!o || (o->gc & GC_MARK)) return;
    o->gc |= GC_MARK;
    marked_bytes += tag_bytes(o->gc);
    if (!has_children(o->kind)) return;
    if (MOCHI_UNLIKELY(mark_n == mark_cap)) grow_mark_stack();
    mark_stack[mark_n++] = o;
}

static inline void push_deferred(mochi_ref o) {
    if (!o) return;
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(o, 1);
#endif
    if (MOCHI_UNLIKELY(mark_n == mark_cap)) grow_mark_stack();
    mark_stack[mark_n++] = (mochi_ref)((uintptr_t)o | GC_DEFERRED);
}

static void scan_children(mochi_ref o) {
    switch (o->kind) {
    case MOCHI_O_LIST:
        push_deferred(((MochiList *)o)->store);
        break;
    case MOCHI_O_SLOTS: {
        /* Every slot up to cap: slots past any list's length are zero (ref stores
         * are allocated zeroed) or elements some sharing list still holds. */
        MochiSlots *st = (MochiSlots *)o;
        if (st->elem_kind == MOCHI_K_REF)
            for (int64_t i = 0; i < st->cap; i++) push_mark(mochi_s2r(st->s[i]));
        break;
    }
    case MOCHI_O_MAP: {
        MochiMap *m = (MochiMap *)o;
        int kr = m->key_kind == MOCHI_K_REF, vr = m->val_kind == MOCHI_K_REF;
        marked_bytes += external_size(o); /* its entries and table, malloc'd beside it */
        /* The lookup cache compares keys by address: the cached key must not die and
         * have its address reused by a different key while it is cached. */
        if (kr && m->cpos != -1) push_mark(mochi_s2r(m->ckey));
        if (kr || vr)
            for (int64_t i = 0; i < m->len; i++) {
                if (kr) push_mark(mochi_s2r(m->entries[i].key));
                if (vr) push_mark(mochi_s2r(m->entries[i].val));
            }
        break;
    }
    case MOCHI_O_STRUCT: /* drain scans structs itself */
        break;
    case MOCHI_O_CLOSURE: {
        MochiClosure *c = (MochiClosure *)o;
        const uint8_t *kinds = (const uint8_t *)(c->caps + c->ncap);
        for (int64_t i = 0; i < c->ncap; i++)
            if (kinds[i] == MOCHI_K_REF) push_deferred(mochi_s2r(c->caps[i]));
        break;
    }
    case MOCHI_O_BIGRAT: /* a bigint is a leaf: only rationals refer to others */
        push_deferred(((MochiBigRat *)o)->num);
        push_deferred(((MochiBigRat *)o)->den);
        break;
    default:
        break;
    }
}

/* Entries leave the stack through a small FIFO, so a deferred entry is looked at a
 * few entries after it was popped, giving its prefetch time to land.
 * Structs, the commonest case (every tree node), are scanned here rather than in
 * scan_children: the stack top, its capacity and the marked bytes stay in locals
 * (written back around the calls for other kinds), which stores through the globals
 * would otherwise force the compiler to reload at every node (the runtime is built
 * without strict aliasing). A union's field-less variant (a tree's Leaf) is one
 * shared instance outside the heap, often half of all the children: not worth a
 * trip through the stack. */
#define GC_PREFETCH_DEPTH 8

static void drain(void) {
    mochi_ref ring[GC_PREFETCH_DEPTH];
    unsigned head = 0, count = 0;
    mochi_ref *stack = mark_stack;
    size_t top = mark_n, cap = mark_cap;
    uint64_t marked = 0;
    const mochi_ref skip = (mochi_ref)mochi_last_empty;
    for (;;) {
        mochi_ref e;
        if (top > 0) {
            mochi_ref n = stack[--top];
            if (count < GC_PREFETCH_DEPTH) {
                ring[(head + count) % GC_PREFETCH_DEPTH] = n;
                count++;
                continue;
            }
            e = ring[head];
            ring[head] = n;
            head = (head + 1) % GC_PREFETCH_DEPTH;
        } else if (count > 0) {
            e = ring[head];
            head = (head + 1) % GC_PREFETCH_DEPTH;
            count--;
        } else {
            break;
        }
        mochi_ref o = e;
        if ((uintptr_t)e & GC_DEFERRED) {
            o = (mochi_ref)((uintptr_t)e & ~GC_DEFERRED);
            uint32_t gc = o->gc;
            if (gc & GC_MARK) continue;
            o->gc = gc | GC_MARK;
            marked += tag_bytes(gc);
            if (!has_children(o->kind)) continue;
        }
        if (o->kind == MOCHI_O_STRUCT) {
            const MochiTypeDesc *d = MOCHI_STRUCT_DESC(o);
            if (!d || d->nfields <= 0) continue;
            size_t n = (size_t)d->nfields;
            const uint8_t *kinds = d->field_kinds;
            const mochi_slot *f = ((MochiStruct *)o)->f;
            if (MOCHI_UNLIKELY(cap - top < n)) {
                mark_n = top;
                while (mark_cap - mark_n < n) grow_mark_stack();
                stack = mark_stack;
                cap = mark_cap;
            }
            for (size_t i = 0; i < n; i++) {
                if (kinds[i] != MOCHI_K_REF) continue;
                mochi_ref c = mochi_s2r(f[i]);
                if (!c || c == skip) continue;
#if defined(__GNUC__) || defined(__clang__)
                __builtin_prefetch(c, 1);
#endif
                stack[top++] = (mochi_ref)((uintptr_t)c | GC_DEFERRED);
            }
        } else {
            mark_n = top;
            scan_children(o);
            stack = mark_stack;
            top = mark_n;
            cap = mark_cap;
        }
    }
    mark_n = top;
    marked_bytes += marked;
}

/* The stack is scanned conservatively, AddressSanitizer's redzones between locals
 * included: that is no bug, so the scan is not instrumented, and it reads each word
 * with a plain aligned load (ASan intercepts memcpy whatever the attribute says). */
#if (defined(__clang__) || defined(__GNUC__)) && !defined(__TINYC__)
#define GC_NO_ASAN __attribute__((no_sanitize_address))
typedef uintptr_t __attribute__((may_alias)) gc_word;
#define GC_READ_WORD(a) (*(const gc_word *)(a))
#else
#define GC_NO_ASAN
static uintptr_t gc_read_word(uintptr_t a) { uintptr_t w; memcpy(&w, (const void *)a, sizeof w); return w; }
#define GC_READ_WORD(a) gc_read_word(a)
#endif

static GC_NO_ASAN void scan_words(const char *lo, const char *hi) {
    uintptr_t a = ((uintptr_t)lo + sizeof(void *) - 1) & ~(uintptr_t)(sizeof(void *) - 1);
    for (; a + sizeof(void *) <= (uintptr_t)hi; a += sizeof(void *)) {
        uintptr_t w = GC_READ_WORD(a);
        MochiObj *o = find_object(w);
        if (o) push_mark(o);
    }
    drain();
}

#if defined(__GNUC__) || defined(__clang__)
#define GC_NOINLINE __attribute__((noinline))
#else
#define GC_NOINLINE
#endif

static GC_NOINLINE void scan_stack(void) {
    volatile char here = 0;
    const char *sp = (const char *)&here;
    /* a base from another thread's stack would put gigabytes between the two: skip it */
    if (stack_base && sp < stack_base && (size_t)(stack_base - sp) < ((size_t)1 << 30)) scan_words(sp, stack_base);
}

/* ---- sweeping ---- */

static size_t external_size(MochiObj *o) {
    if (o->kind == MOCHI_O_MAP) {
        MochiMap *m = (MochiMap *)o;
        return (size_t)m->ecap * sizeof(MochiMapEntry) + (size_t)m->tcap * sizeof(uint64_t) * 2;
    }
    return 0;
}

static void finalize(MochiObj *o) {
    if (o->kind == MOCHI_O_MAP) {
        MochiMap *m = (MochiMap *)o;
        free(m->entries);
        free(m->table);
        free(m->sorted);
        m->entries = NULL;
        m->table = NULL;
        m->sorted = NULL;
    }
}

/* Sweeps one page of a class: unmarks its live objects, finalizes and frees its dead
 * ones and threads every free cell onto the front of *list, in address order.
 * Returns the number of live objects. */
static uint32_t sweep_page(Page *pg, FreeCell **list) {
    FreeCell *head = *list;
    uint32_t nlive = 0, sz = pg->objsize;
    uint32_t tag = GC_SIZE_TAG(sz);
    char *base = pg->base;
    for (char *p = base + (size_t)pg->nobj * sz; p != base;) {
        p -= sz;
        MochiObj *o = (MochiObj *)p;
        uint32_t kind = o->kind;
        if (kind != MOCHI_O_FREE) {
            if (o->gc & GC_MARK) {
                o->gc = tag;
                nlive++;
                continue;
            }
            if (kind == MOCHI_O_MAP) finalize(o);
            o->kind = MOCHI_O_FREE;
        }
        o->gc = tag;
        ((FreeCell *)o)->next = head;
        head = (FreeCell *)o;
    }
    *list = head;
    return nlive;
}

/* A page for another class when the pool is empty: the queued pages are swept, class
 * by class, until one turns out empty; the free cells of the others join their class's
 * free list (an empty page's cells, all threaded in front of it, are cut off again).
 * NULL when every queued page holds something live. */
static Page *sweep_for_empty_page(void) {
    for (int c = 0; c < GC_NCLASS; c++)
        while (unswept[c]) {
            Page *pg = unswept[c];
            unswept[c] = pg->next_free;
            pg->next_free = NULL;
            FreeCell *before = free_lists[c];
            if (sweep_page(pg, &free_lists[c]) == 0) {
                free_lists[c] = before;
                pg->cls = GC_NO_CLASS;
                return pg;
            }
        }
    sweep_pending = 0;
    return NULL;
}

/* Before marking: every page left unswept by the last cycle is swept (marks cleared,
 * dead objects finalized), so marking sees only live objects and free cells. Their
 * free cells are dropped: the free lists are rebuilt as the new cycle sweeps. */
static void finish_sweep(void) {
    if (!sweep_pending) return;
    for (int c = 0; c < GC_NCLASS; c++)
        while (unswept[c]) {
            Page *pg = unswept[c];
            unswept[c] = pg->next_free;
            pg->next_free = NULL;
            FreeCell *cells = NULL;
            (void)sweep_page(pg, &cells);
        }
    sweep_pending = 0;
}

/* After marking: large objects are swept now (few, and their memory goes back to the
 * C library at once); small pages are queued on their class, in address order, for
 * refill to sweep, and the free lists start empty. Returns the live bytes. */
static uint64_t sweep(void) {
    for (int c = 0; c < GC_NCLASS; c++) {
        free_lists[c] = NULL;
        unswept[c] = NULL;
    }
    page_pool = NULL;
    for (size_t ci = nchunks; ci > 0; ci--) {
        Chunk *ch = chunks[ci - 1];
        for (int pi = GC_CHUNK_PAGES; pi > 0; pi--) {
            Page *pg = &ch->pages[pi - 1];
            if (pg->cls == GC_NO_CLASS) {
                pg->next_free = page_pool;
                page_pool = pg;
            } else {
                pg->next_free = unswept[pg->cls];
                unswept[pg->cls] = pg;
                sweep_pending = 1;
            }
        }
    }
    uint64_t live = marked_bytes;
    size_t j = 0;
    live_leaf_large = 0;
    for (size_t i = 0; i < nlarge; i++) {
        MochiObj *o = (MochiObj *)larges[i].p;
        if (o->gc & GC_MARK) {
            o->gc = (uint32_t)(j << GC_INDEX_SHIFT) | GC_LARGE; /* unmarked, and its new index */
            live += larges[i].size;
            if (o->kind == MOCHI_O_STR || o->kind == MOCHI_O_BIGINT ||
                (o->kind == MOCHI_O_SLOTS && ((MochiSlots *)o)->elem_kind != MOCHI_K_REF))
                live_leaf_large += larges[i].size;
            larges[j++] = larges[i];
        } else {
            finalize(o);
            heap_bytes -= larges[i].size;
#if GC_HUGE
            if (larges[i].mapped) munmap(o, larges[i].mapped);
            else
#endif
            free(o);
        }
    }
    nlarge = j;
    return live;
}

void mochi_gc_collect(void) {
    if (!gc_ready) gc_init_tables();
#if !MOCHI_GC_SCANS_STACK
    (void)large_cmp; /* used only by a real collection */
    (void)scan_stack;
    (void)sweep;
    (void)finish_sweep;
    return; /* roots in Wasm locals cannot be found: collecting would be unsound */
#else
    jmp_buf regs; /* spills callee-saved registers onto the scanned stack */
    if (setjmp(regs) != 0) return;
    note_peak();
    finish_sweep();
    marked_bytes = 0;
    if (nlarge > 1) qsort(larges, nlarge, sizeof(Large), large_cmp);
    scan_stack();
    scan_words((const char *)&regs, (const char *)&regs + sizeof regs);
    for (size_t i = 0; i < nroots; i++) {
        push_mark(*roots[i] ? find_object((uintptr_t)*roots[i]) : NULL);
        drain();
    }
    for (size_t i = 0; i < nranges; i++) {
        mochi_slot *base = ranges[i].base_ptr ? *ranges[i].base_ptr : ranges[i].base;
        size_t n = *ranges[i].count_ptr;
        if (base && n) scan_words((const char *)base, (const char *)(base + n));
    }
    bytes_live = sweep();
    bytes_since = 0;
    n_collections++;
    /* The next collection waits for as many new bytes as there are live bytes to mark
     * and sweep, so collecting stays proportional to allocating. Large strings and
     * scalar stores are marked without being read and never swept page by page, so
     * they do not count: a program holding one big int list still collects every few
     * megabytes, and its dead big stores go promptly. Below that, the wait is
     * GC_MIN_TRIGGER while the live bytes and it fit in GC_HEAP_GOAL, and shrinks
     * towards GC_LOW_TRIGGER as the live bytes grow past the goal's other part: the
     * heap stays at the goal instead of growing to live + GC_MIN_TRIGGER (see the
     * definitions). */
    uint64_t work = bytes_live - live_leaf_large;
    uint64_t room = bytes_live < GC_HEAP_GOAL ? GC_HEAP_GOAL - bytes_live : 0;
    trigger = room < GC_MIN_TRIGGER ? room : GC_MIN_TRIGGER;
    if (trigger < GC_LOW_TRIGGER) trigger = GC_LOW_TRIGGER;
    if (trigger < work) trigger = work;
    bigint_since = 0;
    bigint_trigger = work > GC_BIGINT_TRIGGER ? work : GC_BIGINT_TRIGGER;
    regrant();
#endif
}

/* ---- roots ---- */

void mochi_gc_add_root(mochi_ref *slot) {
    if (nroots == roots_cap) {
        roots_cap = roots_cap ? roots_cap * 2 : 64;
        roots = (mochi_ref **)mochi_xrealloc(roots, roots_cap * sizeof(mochi_ref *));
    }
    roots[nroots++] = slot;
}

void mochi_gc_remove_root(mochi_ref *slot) {
    for (size_t i = 0; i < nroots; i++)
        if (roots[i] == slot) {
            roots[i] = roots[--nroots];
            return;
        }
}

static void add_range(mochi_slot *base, mochi_slot **base_ptr, size_t *count_ptr) {
    if (nranges == ranges_cap) {
        ranges_cap = ranges_cap ? ranges_cap * 2 : 16;
        ranges = (RootRange *)mochi_xrealloc(ranges, ranges_cap * sizeof(RootRange));
    }
    ranges[nranges].base = base;
    ranges[nranges].base_ptr = base_ptr;
    ranges[nranges].count_ptr = count_ptr;
    nranges++;
}

void mochi_gc_register_range(mochi_slot *base, size_t *count_ptr) {
    add_range(base, NULL, count_ptr);
}

void mochi_gc_register_range_ptr(mochi_slot **base_ptr, size_t *count_ptr) {
    add_range(NULL, base_ptr, count_ptr);
}

void mochi_gc_unregister_range(size_t *count_ptr) {
    for (size_t i = 0; i < nranges; i++)
        if (ranges[i].count_ptr == count_ptr) {
            ranges[i] = ranges[--nranges];
            return;
        }
}

void mochi_gc_pause(int on) {
    if (on) gc_paused++;
    else if (gc_paused > 0) gc_paused--;
    regrant();
}

MochiGCStats mochi_gc_stats(void) {
    MochiGCStats s;
    note_peak();
    s.bytes_live = bytes_live + bytes_since;
    s.bytes_peak = bytes_peak;
    s.collections = n_collections;
    s.bytes_allocated = bytes_total;
    s.heap_bytes = heap_bytes;
    return s;
}

void mochi_gc_reset_peak(void) {
    settle();
    bytes_peak = bytes_live + bytes_since;
}

/* ---- stack base and overflow checks ---- */

/* The top of the main thread's stack from /proc/self/maps when here lies in it. */
static char *detect_stack_top(const char *here) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return NULL;
    char line[512];
    char *top = NULL;
    while (fgets(line, sizeof line, f)) {
        unsigned long long lo = 0, hi = 0;
        if (sscanf(line, "%llx-%llx", &lo, &hi) != 2) continue;
        if ((uintptr_t)here >= (uintptr_t)lo && (uintptr_t)here < (uintptr_t)hi) {
            top = (char *)(uintptr_t)hi;
            break;
        }
    }
    fclose(f);
    return top;
}

void mochi_rt_set_stack_base(void *base) {
    volatile char here = 0;
    if (!gc_ready) gc_init_tables();
    if (base) {
        stack_base = (char *)base;
        regrant();
        return;
    }
    char *top = detect_stack_top((const char *)&here);
    /* Without /proc, the caller's frames above this one are not scanned. */
    stack_base = top ? top : (char *)&here;
    regrant();
}

void mochi_rt_set_stack_limit(size_t bytes) {
    stack_limit = bytes;
}

void mochi_rt_stack_check(void) {
    volatile char here = 0;
    if (stack_base && (const char *)&here < stack_base && (size_t)(stack_base - (const char *)&here) > stack_limit)
        mochi_rt_error("stack overflow");
}

void mochi_rt_depth_enter(void) {
    if (++call_depth > max_depth) {
        call_depth = 0;
        mochi_rt_error("stack overflow");
    }
}

void mochi_rt_depth_leave(void) {
    if (call_depth > 0) call_depth--;
}

void mochi_rt_set_max_depth(int64_t depth) {
    max_depth = depth;
}
