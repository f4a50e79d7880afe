/*
 * mochi_runtime.h: the public interface of the Mochi runtime library.
 *
 * This is the one definition of Mochi's runtime behaviour (LANGUAGE.md §9-10,
 * DESIGN.md §4), shared by the Swift interpreter (imported through this header),
 * the JIT stencils (which call these functions by address) and AOT executables
 * compiled from generated C. Every value is one 8-byte slot whose kind (i64, f64,
 * bool, ref) is known statically by the caller; heap objects share one header and
 * are owned by a non-moving mark-sweep collector with conservative stack roots.
 * Object layouts are public so generated code can take fast paths (list element
 * loads, struct field loads) without a call; everything that can fail goes
 * through a call that reports the exact runtime error.
 */
#ifndef MOCHI_RUNTIME_H
#define MOCHI_RUNTIME_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define MOCHI_NORETURN __attribute__((noreturn))
#else
#define MOCHI_NORETURN
#endif

/* ------------------------------------------------------------------------- */
/* Value model                                                               */
/* ------------------------------------------------------------------------- */

/** One Mochi value: an i64, the bits of an f64, a bool (0/1) or a heap pointer. */
typedef uint64_t mochi_slot;
typedef struct MochiObj MochiObj;
/** A reference to a heap object; NULL is nil. Also the representation of `any`. */
typedef MochiObj *mochi_ref;

/** The kind of a slot, always known statically by whoever holds the slot. */
typedef enum MochiSlotKind {
    MOCHI_K_I64 = 0,
    MOCHI_K_F64 = 1,
    MOCHI_K_BOOL = 2,
    MOCHI_K_REF = 3
} MochiSlotKind;

/** The kind of a heap object, stored in its header. 0 marks a free GC cell. */
typedef enum MochiObjKind {
    MOCHI_O_FREE = 0,
    MOCHI_O_STR = 1,
    MOCHI_O_LIST = 2,
    MOCHI_O_MAP = 3,
    MOCHI_O_STRUCT = 4,
    MOCHI_O_CLOSURE = 5,
    MOCHI_O_INT = 6,   /* boxed int (an `any` holding an int) */
    MOCHI_O_FLOAT = 7, /* boxed float */
    MOCHI_O_BOOL = 8,  /* boxed bool */
    MOCHI_O_SLOTS = 9, /* a list's element store (internal; never a Mochi value) */
    MOCHI_O_BIGINT = 10, /* bigint (MochiBigInt) */
    MOCHI_O_BIGRAT = 11  /* bigrat (MochiBigRat) */
} MochiObjKind;

/** The common header of every heap object. */
struct MochiObj {
    uint16_t kind; /* MochiObjKind */
    uint16_t desc; /* a struct's descriptor id (mochi_desc_id); meaningless in other objects */
    uint32_t gc;   /* collector bits (mark); never touched by callers */
};

/** Immutable UTF-8 string; `ncp == len` means pure ASCII (O(1) indexing). */
typedef struct MochiStr {
    MochiObj h;
    int64_t len;  /* bytes, excluding the trailing NUL */
    int64_t ncp;  /* code points */
    char data[];  /* len bytes followed by a NUL */
} MochiStr;

/** Growable list of elements of one kind; shared and mutable in place. Elements
 * are slots, except in a list<bool> (elem_kind MOCHI_K_BOOL), which keeps one byte
 * (0 or 1) an element: `data` then points at bytes, `((uint8_t *)data)[i]`, and
 * cap, len, wlen and the store's `used` still count elements. A list's length
 * never decreases (nothing removes elements in place), so a length read earlier
 * is a lower bound of the length now. */
typedef struct MochiList {
    MochiObj h;
    uint8_t elem_kind;  /* MochiSlotKind */
    uint8_t shared;     /* 1 when the store may hold elements another list sees too
                           (append shared it): writing an element first gives this
                           list a copy of its own (mochi_list_set) */
    uint16_t reserved;
    uint32_t wlen;      /* writable length: generated code writes element i in place
                           only when i < wlen. At most len, 0 while shared; the
                           runtime raises it lazily (a write it does itself), so a
                           low value only sends a write the slow way */
    int64_t len;
    int64_t cap;        /* slots available from data on, in the store */
    mochi_slot *data;   /* the first element, inside the store (bytes for a list<bool>) */
    MochiObj *store;    /* the collected element store; may be shared with other
                           lists made from this one by append (see mochi_list.c) */
} MochiList;

/** A list's element store: a collected object holding the slots. Lists made by
 * `append` share their source's store when the source ends at the store's
 * high-water mark `used` (Go slices work the same way), which makes the idiom
 * `xs = append(xs, v)` amortised O(1) while `append` still leaves `xs` as it
 * was. Public for generated code's push fast path (a list may write slot
 * data[len] in place when len < cap and data + len is the store's `used`
 * mark); anything else goes through mochi_list_push. */
typedef struct MochiSlots {
    MochiObj h;
    uint32_t elem_kind;
    uint32_t shared; /* set once a second list refers to this store (append); a store
                        never shared has one owner, which may grow it in place or free it */
    int64_t used; /* elements claimed by some list sharing this store */
    int64_t cap;  /* elements */
    mochi_slot s[]; /* the elements (one byte each for bool) */
} MochiSlots;

/** Struct (and union variant) type descriptor. Declarable as a static C
 * initializer by generated code, or built at run time by mochi_desc_new. */
typedef struct MochiTypeDesc {
    const char *name;               /* struct or variant name */
    int32_t nfields;
    int32_t tag;                    /* variant tag within its union, -1 for plain structs */
    const char *const *field_names; /* nfields names, declaration order */
    const uint8_t *field_kinds;     /* nfields MochiSlotKind values */
    const char *union_name;         /* union name for variants, NULL otherwise */
    int32_t anonymous;              /* 1: instances print as plain maps, without the
                                       "__name" entry (a map literal, even one typed as
                                       a struct, or a query record: LANGUAGE.md §9);
                                       a named struct's twin (mochi_desc_anonymous) */
    uint32_t id;                    /* 0 until first used by a struct, then its index
                                       in mochi_desc_table (set by the runtime, so a
                                       descriptor is never const data) */
} MochiTypeDesc;

/** Struct instance: header (its `desc` the descriptor's id), one slot per field in
 * declaration order. The descriptor lives in the header's spare half instead of a
 * pointer word of its own: a node with two children is 24 bytes, not 32. */
typedef struct MochiStruct {
    MochiObj h;
    mochi_slot f[];
} MochiStruct;

/** Every descriptor a struct was made with, by id; entry 0 is NULL (no descriptor).
 * Descriptors with the same contents share one id. Grows by reallocation: read it
 * afresh after anything that can make a struct. */
extern const MochiTypeDesc **mochi_desc_table;
/** Give d its id (registering it on first use; at most 65535 distinct descriptors). */
uint16_t mochi_desc_register(const MochiTypeDesc *d);
/** The id a struct of descriptor d carries in its header (0 for NULL). */
static inline uint16_t mochi_desc_id(const MochiTypeDesc *d) {
    if (!d) return 0;
    return d->id != 0 ? (uint16_t)d->id : mochi_desc_register(d);
}
/** The descriptor of a struct (s non-NULL and a struct). */
#define MOCHI_STRUCT_DESC(s) (mochi_desc_table[((const MochiStruct *)(s))->h.desc])

/** Closure: function id, optional code pointer, captured slots. Capture kinds
 * are stored as bytes right after the ncap slots (see mochi_closure_cap_kind). */
typedef struct MochiClosure {
    MochiObj h;
    int64_t fn_id;
    void *code;
    int64_t ncap;
    mochi_slot caps[];
} MochiClosure;

/** Boxed int/float/bool (an `any` holding a scalar); v holds the slot bits. */
typedef struct MochiBox {
    MochiObj h;
    mochi_slot v;
} MochiBox;

/** One map entry; entries are kept dense (a deletion moves the last one into the hole). */
typedef struct MochiMapEntry {
    mochi_slot key;
    mochi_slot val;
    uint64_t hash; /* the key's hash, kept: growing the table never rehashes a key */
} MochiMapEntry;

/** Map: dense entries indexed by an open-addressing table (linear probing) of entry
 * numbers tagged with the high half of the key's hash, plus a cached sorted key
 * order. Public so generated code and the JIT look int keys up inline
 * (mochi_map_find_i64); everything that changes the key set is the runtime's. */
typedef struct MochiMap {
    MochiObj h;
    uint32_t key_kind;
    uint32_t val_kind;
    int64_t len;
    int64_t ecap;          /* capacity of entries */
    MochiMapEntry *entries;
    int64_t tcap;          /* hash table size (power of two, or 0) */
    uint64_t *table;       /* 0 empty, 1 deleted, else (hash's high 32 bits << 32) | (entry + 2) */
    int64_t tombs;         /* deleted table slots */
    int64_t *sorted;       /* entry indices in sorted key order, valid when sorted_ok */
    int64_t sorted_ok;
    /* The last key the runtime looked up: `in`, then `m[k]`, then `m[k] = v` on one
     * key probe once. cpos >= 0: the key's table slot; cpos < -1: absent, insert at
     * slot -cpos - 2 (valid until the next insertion); -1: nothing cached. */
    mochi_slot ckey;
    uint64_t chash;
    int64_t cpos;
} MochiMap;

/** Hash of an int, and of an integral float (equal values hash alike): one multiply,
 * with the high half folded into the low bits that index tables. */
static inline uint64_t mochi_hash_i64(uint64_t x) {
    uint64_t h = x * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 32);
}

/** Notes in map m's one-key cache that `key` is absent and where it goes: the first
 * deleted slot on its probe path, else `end`, the empty slot that ended the probe.
 * Out of line, so the inline probe keeps no more than its slot. */
void mochi_map_note_absent(MochiMap *m, int64_t key, int64_t end);

/** The entry of `key` in a non-nil map with int keys (key kind MOCHI_K_I64) and its
 * table slot in *slot, or NULL when it is absent, with the empty slot that ended
 * the probe in *slot: the runtime's probe, inline. With `note` (the map itself) given, an absent key is noted in the map's one-key
 * cache with the empty slot that ended the probe (mochi_map_note_absent). A slot t
 * holds an entry of this key's tag exactly when t ^ tag is an entry number (2 and
 * up) below 2^32, one compare: empty (0) and deleted (1) slots and other tags fail
 * it, so the loop tests emptiness only after a tag miss. */
static inline MochiMapEntry *mochi_map_probe_i64_at(const MochiMap *M, int64_t key, int64_t *slot, MochiMap *note) {
    uint64_t h, mask, i, tag;
    if (!M->tcap) return NULL;
    h = mochi_hash_i64((uint64_t)key);
    mask = (uint64_t)M->tcap - 1;
    tag = h & 0xFFFFFFFF00000000ull;
    for (i = h & mask;; i = (i + 1) & mask) {
        uint64_t t = M->table[i];
        if ((t ^ tag) - 2 < 0xFFFFFFFEull) {
            MochiMapEntry *e = &M->entries[(uint32_t)t - 2];
            if ((int64_t)e->key == key) {
                *slot = (int64_t)i;
                return e;
            }
        } else if (t == 0) {
            *slot = (int64_t)i;
            if (note) mochi_map_note_absent(note, key, (int64_t)i);
            return NULL;
        }
    }
}

/** The entry of `key` in a non-nil map with int keys (key kind MOCHI_K_I64) and its
 * table slot in *slot, or NULL when it is absent: the runtime's probe, inline. */
static inline MochiMapEntry *mochi_map_probe_i64(const MochiMap *M, int64_t key, int64_t *slot) {
    return mochi_map_probe_i64_at(M, key, slot, NULL);
}

/** The entry of `key` in a map with int keys (key kind MOCHI_K_I64), or NULL when it
 * is absent or m is nil: the runtime's own probe, inline. The entry's value may be
 * read and written in place; the pointer is good until the next insertion into or
 * deletion from any map. */
static inline MochiMapEntry *mochi_map_find_i64(mochi_ref m, int64_t key) {
    int64_t slot;
    return m ? mochi_map_probe_i64((const MochiMap *)m, key, &slot) : NULL;
}

/** mochi_map_find_i64 that, when the key is absent from a map with a table, leaves
 * where it would go in the map's one-key cache (ckey, chash, cpos < -1: the first
 * deleted slot on the key's probe path, else the empty slot that ends it), as the
 * runtime's own probe does: a `m[k] = v` that follows inserts without probing
 * again (mochi_map_set). The cache is the runtime's, cleared by every insertion,
 * deletion and rebuild, so the slot is used only while it is still right. A key
 * that is there costs what mochi_map_find_i64 costs. */
static inline MochiMapEntry *mochi_map_find_i64_ins(mochi_ref m, int64_t key) {
    MochiMap *M = (MochiMap *)m;
    int64_t slot;
    if (!M) return NULL;
    return mochi_map_probe_i64_at(M, key, &slot, M);
}

/** mochi_map_find_i64 through the map's one-key cache (ckey/cpos, the runtime's own,
 * which every insertion, deletion and rebuild clears), filling it when the key is
 * found: the JIT's `k in m`, `m[k]` and `m[k] = v` are separate stencils, so the
 * second and third of `if k in m { m[k] = m[k] + 1 }` go straight to the entry
 * instead of hashing and probing again. The same contract as mochi_map_find_i64. */
static inline MochiMapEntry *mochi_map_find_i64_cached(mochi_ref m, int64_t key) {
    MochiMap *M = (MochiMap *)m;
    MochiMapEntry *e;
    int64_t slot;
    if (!M) return NULL;
    if (M->cpos >= 0 && (int64_t)M->ckey == key) return &M->entries[(uint32_t)M->table[M->cpos] - 2];
    e = mochi_map_probe_i64(M, key, &slot);
    if (e) {
        M->ckey = (mochi_slot)key;
        M->cpos = slot;
    }
    return e;
}

/** Reinterpret an f64 as slot bits. */
static inline mochi_slot mochi_f2s(double d) { union { double d; mochi_slot s; } u; u.d = d; return u.s; }
/** Reinterpret slot bits as an f64. */
static inline double mochi_s2f(mochi_slot s) { union { double d; mochi_slot s; } u; u.s = s; return u.d; }
/** A ref as slot bits. */
static inline mochi_slot mochi_r2s(mochi_ref r) { return (mochi_slot)(uintptr_t)r; }
/** Slot bits as a ref. */
static inline mochi_ref mochi_s2r(mochi_slot s) { return (mochi_ref)(uintptr_t)s; }

/* ------------------------------------------------------------------------- */
/* Process: init, exit, errors, locations, stdout                            */
/* ------------------------------------------------------------------------- */

/** Source file of the operation about to run (for error messages); NULL if unknown. */
extern const char *mochi_loc_file;
/** Source line of the operation about to run; <= 0 if unknown. */
extern int32_t mochi_loc_line;

/** Initialise the runtime; stack_base is the highest stack address to scan (NULL: detect). */
void mochi_rt_init(int argc, char **argv, void *stack_base);
/** Flush stdout and exit the process with status. */
MOCHI_NORETURN void mochi_rt_exit(int status);
/** Report a runtime error: flush stdout, print `error: msg` (+ `  at file:line`) to stderr, exit 1. */
MOCHI_NORETURN void mochi_rt_error(const char *msg);
/** Build the exact stderr text mochi_rt_error would print into buf (NUL-terminated); returns its length. */
size_t mochi_rt_error_text(char *buf, size_t cap, const char *msg);
/** A runtime error with a note: the lines of mochi_rt_error, then `  note: <note>` (none when NULL). */
MOCHI_NORETURN void mochi_rt_error_note(const char *msg, const char *note);
/** The stderr text of mochi_rt_error_note (see mochi_rt_error_text). */
size_t mochi_rt_error_text_note(char *buf, size_t cap, const char *msg, const char *note);
/** The note the `integer overflow` of int arithmetic (and of a float converted to
 * int) carries, on its own line after the location, in every mode (Wasm too):
 *   error: integer overflow
 *     at f.mochi:3
 *     note: int is 64-bit; declare the value as bigint for arbitrary precision
 * A bigint or bigrat converted to an int that does not fit is the plain message. */
#define MOCHI_OVERFLOW_NOTE "int is 64-bit; declare the value as bigint for arbitrary precision"
/** panic(msg) / error(msg): runtime error with the string's text as message. */
MOCHI_NORETURN void mochi_rt_panic(mochi_ref msg);
/** Runtime error `expect condition failed` unless cond is nonzero. */
void mochi_rt_expect(int64_t cond);
/** Test mode (`mochi test`): on when MOCHI_TEST=1 is in the environment or after
 * mochi_rt_set_test_mode(1). Then each test reports a line, a failed expect inside a
 * test fails that test without stopping the run, and mochi_rt_exit prints the closing
 * line `N passed, N failed` (and exits 1 when any test failed). */
int mochi_rt_test_mode(void);
/** Turns test mode on or off (overrides MOCHI_TEST). */
void mochi_rt_set_test_mode(int on);
/** Starts the test named by the string `name` (nothing outside test mode). */
void mochi_rt_test_begin(mochi_ref name);
/** Ends the current test and reports it (nothing outside test mode). */
void mochi_rt_test_end(void);
/** Ends the run without exiting: in test mode prints `N passed, N failed`; with
 * MOCHI_GC_STATS=1 in the environment prints the collector's figures to stderr; flushes
 * stdout; returns the exit status the program should end with (1 when a test failed). */
int mochi_rt_finish(void);
/** Set the main-thread stack base for scanning and overflow checks (NULL: detect). */
void mochi_rt_set_stack_base(void *stack_base);
/** Set the stack budget in bytes used by mochi_rt_stack_check (default 7 MiB). */
void mochi_rt_set_stack_limit(size_t bytes);
/** Runtime error `stack overflow` when the stack used exceeds the budget. */
void mochi_rt_stack_check(void);
/** Enter a call for depth counting; runtime error `stack overflow` past the maximum depth. */
void mochi_rt_depth_enter(void);
/** Leave a call entered with mochi_rt_depth_enter. */
void mochi_rt_depth_leave(void);
/** Set the maximum call depth of mochi_rt_depth_enter (default 100000). */
void mochi_rt_set_max_depth(int64_t depth);
/** Number of program arguments given to mochi_rt_init. */
int64_t mochi_rt_argc(void);

/** Append bytes to the buffered stdout. */
void mochi_out_write(const char *bytes, size_t n);
/** Flush the buffered stdout. */
void mochi_out_flush(void);
/** Capture stdout into memory instead of fd 1 (for tests); on=0 restores. */
void mochi_out_capture(int on);
/** Take the captured output as a string and clear the capture buffer. */
mochi_ref mochi_out_take_capture(void);
/** A contained run, for an in-process harness (the ir-exec fuzz target; no tool
 * calls it): runs body(ctx) with the program's stdout captured, and returns instead
 * of exiting: 0 when body returned, 1 after a runtime error (its `error:` text
 * appended to the output, as it would follow stdout), the status given to
 * mochi_rt_exit (or its test-mode status), -1 when `seconds` (> 0) of CPU time passed,
 * -2 when the bytes in use grew past `heap_budget` (> 0), -4 when the output grew
 * past MOCHI_CONTAIN_OUTPUT_CAP (the output is then its first that many bytes).
 * The limits are seen where the runtime's state is whole: when the allocation credit
 * runs out, and at the polls of a contained run's code (mochi_rt_contained_poll,
 * mochi_rt_contained_stop: the time limit is a SIGPROF timer whose handler sets
 * mochi_rt_contain_stop, which the polls read). The frames of
 * body are left by longjmp: what they own is not released (the caller releases the
 * run's roots and memory). mochi_rt_contained_output gives the output until the next
 * contained run. On wasm32 (no setjmp) it returns -3 without running body. */
int mochi_rt_contained(void (*body)(void *), void *ctx, double seconds, uint64_t heap_budget);
const char *mochi_rt_contained_output(size_t *len);
#ifndef MOCHI_CONTAIN_OUTPUT_CAP /* (a build may set another, to measure) */
#define MOCHI_CONTAIN_OUTPUT_CAP ((size_t)1 << 20)
#endif
/** The limits of a contained run (called by the collector when the credit runs out). */
void mochi_rt_contained_check(uint64_t bytes_in_use);
/** Nonzero when a contained run is to stop (out of time, or past the output cap). */
extern volatile int mochi_rt_contain_stop;
/** A poll of a contained run's code, when mochi_rt_contain_stop is nonzero: leaves
 * the run (outside one it clears the flag and returns). */
void mochi_rt_contained_poll(void);
/** The same for JIT code, which polls only inside a contained run: never returns. */
MOCHI_NORETURN void mochi_rt_contained_stop(void);
/** print(s): write the string followed by a newline. */
void mochi_print_str(mochi_ref s);
/** print of one value of the given kind (top-level form) followed by a newline. */
void mochi_print_value(MochiSlotKind kind, mochi_slot v);

/* ------------------------------------------------------------------------- */
/* Checked arithmetic                                                        */
/* ------------------------------------------------------------------------- */

/** Runtime error `integer overflow`, with MOCHI_OVERFLOW_NOTE. */
MOCHI_NORETURN void mochi_err_overflow(void);
/** Runtime error `division by zero`. */
MOCHI_NORETURN void mochi_err_div_zero(void);

/** a + b, runtime error on overflow. */
static inline int64_t mochi_i64_add(int64_t a, int64_t b) {
#if defined(__GNUC__) || defined(__clang__)
    int64_t r; if (__builtin_add_overflow(a, b, &r)) mochi_err_overflow(); return r;
#else
    if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) mochi_err_overflow(); return a + b;
#endif
}
/** a - b, runtime error on overflow. */
static inline int64_t mochi_i64_sub(int64_t a, int64_t b) {
#if defined(__GNUC__) || defined(__clang__)
    int64_t r; if (__builtin_sub_overflow(a, b, &r)) mochi_err_overflow(); return r;
#else
    if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b)) mochi_err_overflow(); return a - b;
#endif
}
/** a * b, runtime error on overflow. */
static inline int64_t mochi_i64_mul(int64_t a, int64_t b) {
#if defined(__GNUC__) || defined(__clang__)
    int64_t r; if (__builtin_mul_overflow(a, b, &r)) mochi_err_overflow(); return r;
#else
    if (a != 0 && b != 0) {
        if (a == -1) { if (b == INT64_MIN) mochi_err_overflow(); }
        else if (b == -1) { if (a == INT64_MIN) mochi_err_overflow(); }
        else if ((a > 0) == (b > 0) ? (a > 0 ? a > INT64_MAX / b : a < INT64_MAX / b)
                                    : (a > 0 ? b < INT64_MIN / a : a < INT64_MIN / b)) mochi_err_overflow();
    }
    return (int64_t)((uint64_t)a * (uint64_t)b);
#endif
}
/** -a, runtime error on overflow. */
static inline int64_t mochi_i64_neg(int64_t a) { if (a == INT64_MIN) mochi_err_overflow(); return -a; }
/** a / b truncating, runtime error on zero divisor or overflow. */
static inline int64_t mochi_i64_div(int64_t a, int64_t b) {
    if (b == 0) mochi_err_div_zero();
    if (b == -1 && a == INT64_MIN) mochi_err_overflow();
    return a / b;
}
/** a % b with the dividend's sign, runtime error on zero divisor. */
static inline int64_t mochi_i64_rem(int64_t a, int64_t b) {
    if (b == 0) mochi_err_div_zero();
    if (b == -1) return 0;
    return a % b;
}
/** a / b on floats, runtime error `division by zero` when b == 0. */
static inline double mochi_f64_div(double a, double b) { if (b == 0.0) mochi_err_div_zero(); return a / b; }
/** fmod(a, b) (Go math.Mod), runtime error `division by zero` when b == 0. */
double mochi_f64_mod(double a, double b);

/* The same checks reporting at a given Mochi line: compiled code passes the line as a
 * constant, so it is only stored (into mochi_loc_line) on the failing path. */
#if defined(__GNUC__) || defined(__clang__)
#define MOCHI_COLD __attribute__((cold, noinline))
#define MOCHI_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define MOCHI_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define MOCHI_COLD
#define MOCHI_UNLIKELY(x) (x)
#define MOCHI_LIKELY(x) (x)
#endif
/** Runtime error `integer overflow` at `line`. */
MOCHI_NORETURN MOCHI_COLD void mochi_err_overflow_at(int32_t line);
/** Runtime error `division by zero` at `line`. */
MOCHI_NORETURN MOCHI_COLD void mochi_err_div_zero_at(int32_t line);
/** Runtime error `stack overflow` at `line`. */
MOCHI_NORETURN MOCHI_COLD void mochi_err_stack_overflow_at(int32_t line);
/** mochi_i64_add reporting at `line`. */
static inline int64_t mochi_i64_add_at(int64_t a, int64_t b, int32_t line) {
#if defined(__GNUC__) || defined(__clang__)
    int64_t r; if (__builtin_add_overflow(a, b, &r)) mochi_err_overflow_at(line); return r;
#else
    if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) mochi_err_overflow_at(line); return a + b;
#endif
}
/** mochi_i64_sub reporting at `line`. */
static inline int64_t mochi_i64_sub_at(int64_t a, int64_t b, int32_t line) {
#if defined(__GNUC__) || defined(__clang__)
    int64_t r; if (__builtin_sub_overflow(a, b, &r)) mochi_err_overflow_at(line); return r;
#else
    if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b)) mochi_err_overflow_at(line); return a - b;
#endif
}
/** mochi_i64_mul reporting at `line`. */
static inline int64_t mochi_i64_mul_at(int64_t a, int64_t b, int32_t line) {
#if defined(__GNUC__) || defined(__clang__)
    int64_t r; if (__builtin_mul_overflow(a, b, &r)) mochi_err_overflow_at(line); return r;
#else
    if (a != 0 && b != 0) {
        if (a == -1) { if (b == INT64_MIN) mochi_err_overflow_at(line); }
        else if (b == -1) { if (a == INT64_MIN) mochi_err_overflow_at(line); }
        else if ((a > 0) == (b > 0) ? (a > 0 ? a > INT64_MAX / b : a < INT64_MAX / b)
                                    : (a > 0 ? b < INT64_MIN / a : a < INT64_MIN / b)) mochi_err_overflow_at(line);
    }
    return (int64_t)((uint64_t)a * (uint64_t)b);
#endif
}
/** a + b, a - b, a * b wrapped, or-ing 1 into *ovf on overflow: compiled code checks
 * a run of arithmetic on one line with one branch at its end (mochi_err_overflow_at),
 * which lets C compilers keep the run branch-free (and vectorise the loop around it). */
static inline int64_t mochi_i64_add_ovf(int64_t a, int64_t b, int64_t *ovf) {
#if defined(__GNUC__) || defined(__clang__)
    int64_t r; *ovf |= __builtin_add_overflow(a, b, &r); return r;
#else
    *ovf |= (b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b);
    return (int64_t)((uint64_t)a + (uint64_t)b);
#endif
}
static inline int64_t mochi_i64_sub_ovf(int64_t a, int64_t b, int64_t *ovf) {
#if defined(__GNUC__) || defined(__clang__)
    int64_t r; *ovf |= __builtin_sub_overflow(a, b, &r); return r;
#else
    *ovf |= (b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b);
    return (int64_t)((uint64_t)a - (uint64_t)b);
#endif
}
static inline int64_t mochi_i64_mul_ovf(int64_t a, int64_t b, int64_t *ovf) {
#if defined(__GNUC__) || defined(__clang__)
    int64_t r; *ovf |= __builtin_mul_overflow(a, b, &r); return r;
#else
    if (a != 0 && b != 0) {
        if (a == -1) *ovf |= b == INT64_MIN;
        else if (b == -1) *ovf |= a == INT64_MIN;
        else *ovf |= (a > 0) == (b > 0) ? (a > 0 ? a > INT64_MAX / b : a < INT64_MAX / b)
                                        : (a > 0 ? b < INT64_MIN / a : a < INT64_MIN / b);
    }
    return (int64_t)((uint64_t)a * (uint64_t)b);
#endif
}
/** mochi_i64_neg reporting at `line`. */
static inline int64_t mochi_i64_neg_at(int64_t a, int32_t line) {
    if (MOCHI_UNLIKELY(a == INT64_MIN)) mochi_err_overflow_at(line);
    return -a;
}
/** mochi_i64_div reporting at `line`. */
static inline int64_t mochi_i64_div_at(int64_t a, int64_t b, int32_t line) {
    if (MOCHI_UNLIKELY(b == 0)) mochi_err_div_zero_at(line);
    if (MOCHI_UNLIKELY(b == -1 && a == INT64_MIN)) mochi_err_overflow_at(line);
    return a / b;
}
/** mochi_i64_rem reporting at `line`. */
static inline int64_t mochi_i64_rem_at(int64_t a, int64_t b, int32_t line) {
    if (MOCHI_UNLIKELY(b == 0)) mochi_err_div_zero_at(line);
    if (b == -1) return 0;
    return a % b;
}
/** mochi_i64_div_at of a quotient a loop carries (generated code's, for a divisor
 * that is no constant): a non-negative a by a power of two b = 2^s > 0 is a shift,
 * with no division on the loop's critical path; anything else is mochi_i64_div_at. */
static inline int64_t mochi_i64_div_p2_at(int64_t a, int64_t b, int32_t line) {
#if defined(__GNUC__) || defined(__clang__)
    if (a >= 0 && b > 0 && (b & (b - 1)) == 0) return a >> __builtin_ctzll((unsigned long long)b);
#endif
    return mochi_i64_div_at(a, b, line);
}
/** mochi_i64_rem_at of a remainder a loop carries (generated code's, for a divisor
 * that is no constant: k_nucleotide's `key = (key * 4 + c) % mod`, mod = 4^k): a
 * non-negative a by a power of two b = 2^s > 0 is a & (b - 1), with no division on
 * the loop's critical path; anything else is mochi_i64_rem_at. */
static inline int64_t mochi_i64_rem_p2_at(int64_t a, int64_t b, int32_t line) {
    if (a >= 0 && b > 0 && (b & (b - 1)) == 0) return a & (b - 1);
    return mochi_i64_rem_at(a, b, line);
}
/** mochi_f64_div reporting at `line`. */
static inline double mochi_f64_div_at(double a, double b, int32_t line) {
    if (MOCHI_UNLIKELY(b == 0.0)) mochi_err_div_zero_at(line);
    return a / b;
}

/* ------------------------------------------------------------------------- */
/* Strings (lengths, indices and slices count code points)                   */
/* ------------------------------------------------------------------------- */

/** New string from n UTF-8 bytes (copied). */
mochi_ref mochi_str_new(const char *bytes, int64_t n);
/** New string from a NUL-terminated C string. */
mochi_ref mochi_str_lit(const char *cstr);
/** Byte pointer of a string (NUL-terminated); "" for NULL. */
const char *mochi_str_bytes(mochi_ref s);
/** Byte length of a string. */
int64_t mochi_str_byte_len(mochi_ref s);
/** Length in code points. */
int64_t mochi_str_len(mochi_ref s);
/** a + b. */
mochi_ref mochi_str_concat(mochi_ref a, mochi_ref b);
/** s[i] as a one-code-point string; negative i counts from the end; range error otherwise. */
mochi_ref mochi_str_index(mochi_ref s, int64_t i);
/** s[a:b] by code points; negative bounds count from the end; bounds clamp to [0, len]. */
mochi_ref mochi_str_slice(mochi_ref s, int64_t a, int64_t b);
/** s[a:] / s[:b] helper: has_a/has_b say which bounds were given. */
mochi_ref mochi_str_slice_opt(mochi_ref s, int64_t a, int64_t has_a, int64_t b, int64_t has_b);
/** substring(s, i, j): code points [i, j), clamped. */
mochi_ref mochi_str_substring(mochi_ref s, int64_t i, int64_t j);
/** Byte equality (1/0). */
int64_t mochi_str_eq(mochi_ref a, mochi_ref b);
/** Bytewise comparison: <0, 0, >0. */
int64_t mochi_str_cmp(mochi_ref a, mochi_ref b);
/** Substring test (1/0). */
int64_t mochi_str_contains(mochi_ref s, mochi_ref sub);
/** Code-point index of the first occurrence of sub, -1 when absent. */
int64_t mochi_str_index_of(mochi_ref s, mochi_ref sub);
/** Prefix test (1/0). */
int64_t mochi_str_starts_with(mochi_ref s, mochi_ref prefix);
/** Suffix test (1/0). */
int64_t mochi_str_ends_with(mochi_ref s, mochi_ref suffix);
/** ASCII upper-casing (other bytes unchanged). */
mochi_ref mochi_str_upper(mochi_ref s);
/** ASCII lower-casing (other bytes unchanged). */
mochi_ref mochi_str_lower(mochi_ref s);
/** Strip leading and trailing ASCII whitespace. */
mochi_ref mochi_str_trim(mochi_ref s);
/** Split on sep (Go strings.Split; empty sep splits into code points); list of strings. */
mochi_ref mochi_str_split(mochi_ref s, mochi_ref sep);
/** Join a list of strings with sep. */
mochi_ref mochi_str_join(mochi_ref list, mochi_ref sep);
/** s repeated n times (n <= 0: ""). */
mochi_ref mochi_str_repeat(mochi_ref s, int64_t n);
/** Left-pad s with pad (cycled) up to width code points. */
mochi_ref mochi_str_pad_start(mochi_ref s, int64_t width, mochi_ref pad);
/** Right-pad s with pad (cycled) up to width code points. */
mochi_ref mochi_str_pad_end(mochi_ref s, int64_t width, mochi_ref pad);
/** Reverse by code points. */
mochi_ref mochi_str_reverse(mochi_ref s);
/** `s as int` / int(s): parse a decimal int (optional sign, surrounding space
 * not allowed); runtime error `invalid integer: "s"` otherwise. */
int64_t mochi_str_to_int(mochi_ref s);
/** parseIntStr(s, base): parse in base 2..36; runtime error on bad text. */
int64_t mochi_str_to_int_base(mochi_ref s, int64_t base);
/** `s as float`: parse a float; runtime error `invalid float: "s"` otherwise. */
double mochi_str_to_float(mochi_ref s);
/** Decimal text of an int. */
mochi_ref mochi_str_from_int(int64_t v);
/** Top-level text of a float (Go %v). */
mochi_ref mochi_str_from_float(double v);
/** "true"/"false". */
mochi_ref mochi_str_from_bool(int64_t v);
/** One-code-point string of cp (chr); invalid code points give U+FFFD. */
mochi_ref mochi_str_from_code_point(int64_t cp);
/** Code point of the first character of s (ord); runtime error when s is empty. */
int64_t mochi_str_code_point(mochi_ref s);
/** List of the one-character strings of s (for `for c in s`). */
mochi_ref mochi_str_chars(mochi_ref s);

/* ------------------------------------------------------------------------- */
/* Lists                                                                     */
/* ------------------------------------------------------------------------- */

/** New empty list of the given element kind with room for cap elements. */
mochi_ref mochi_list_new(MochiSlotKind elem_kind, int64_t cap);
/** New list of n elements copied from slots. */
mochi_ref mochi_list_from(MochiSlotKind elem_kind, const mochi_slot *slots, int64_t n);
/** Element kind of a list. */
MochiSlotKind mochi_list_kind(mochi_ref l);
/** Length (0 for NULL). */
int64_t mochi_list_len(mochi_ref l);
/** xs[i] with negative i from the end; runtime error `list index out of range: I (len N)`. */
mochi_slot mochi_list_get(mochi_ref l, int64_t i);
/** xs[i] = v in place, same index rules as mochi_list_get. */
void mochi_list_set(mochi_ref l, int64_t i, mochi_slot v);
/** Append v in place (grows the list). */
void mochi_list_push(mochi_ref l, mochi_slot v);
/** push with the element kind (MochiSlotKind) of the list's type: an empty list of another kind takes it. */
void mochi_list_push_kind(mochi_ref l, mochi_slot v, int64_t kind);
/** push_kind for a loop that pushes `more` elements right after this one: when the
 *  list has no room in place its store grows once to hold them all (not by doubling). */
void mochi_list_push_reserve(mochi_ref l, mochi_slot v, int64_t kind, int64_t more);
/** append(xs, v): a new list with v added. */
mochi_ref mochi_list_append(mochi_ref l, mochi_slot v);
/** append with the element kind (MochiSlotKind) of the list's type: a nil l is the empty list. */
mochi_ref mochi_list_append_kind(mochi_ref l, mochi_slot v, int64_t kind);
/** xs[a:b], negative bounds from the end, clamped; a new list. */
mochi_ref mochi_list_slice(mochi_ref l, int64_t a, int64_t b);
/** Slice with optional bounds (has_a/has_b say which were given). */
mochi_ref mochi_list_slice_opt(mochi_ref l, int64_t a, int64_t has_a, int64_t b, int64_t has_b);
/** a + b / union all: a new list. */
mochi_ref mochi_list_concat(mochi_ref a, mochi_ref b);
/** Shallow copy. */
mochi_ref mochi_list_copy(mochi_ref l);
/** v in xs by structural equality (1/0). */
int64_t mochi_list_contains(mochi_ref l, mochi_slot v);
/** Index of the first element equal to v, -1 when absent. */
int64_t mochi_list_index_of(mochi_ref l, mochi_slot v);
/** reverse(xs): a new list. */
mochi_ref mochi_list_reverse(mochi_ref l);
/** distinct(xs): first occurrences in order, a new list. */
mochi_ref mochi_list_distinct(mochi_ref l);
/** a union b: concat then dedupe, first-occurrence order. */
mochi_ref mochi_list_union(mochi_ref a, mochi_ref b);
/** a except b: elements of a not in b (in order, duplicates kept). */
mochi_ref mochi_list_except(mochi_ref a, mochi_ref b);
/** a intersect b: elements of a also in b (deduplicated, in order). */
mochi_ref mochi_list_intersect(mochi_ref a, mochi_ref b);
/** Structural equality of two lists (1/0). */
int64_t mochi_list_eq(mochi_ref a, mochi_ref b);
/** sum of an int list (0 for []); overflow is a runtime error. */
int64_t mochi_list_sum_i64(mochi_ref l);
/** sum of a float list. */
double mochi_list_sum_f64(mochi_ref l);
/** sum of a list of any: int when all ints, else float; boxed result (int 0 for []). */
mochi_ref mochi_list_sum_any(mochi_ref l);
/** avg of an int or float (or any numeric) list as float; 0 for []. */
double mochi_list_avg(mochi_ref l);
/** min of a list (elements of its kind; ints/floats/strings); nil/0 for []. */
mochi_slot mochi_list_min(mochi_ref l);
/** max of a list; nil/0 for []. */
mochi_slot mochi_list_max(mochi_ref l);
/** first(xs) as any (nil when empty). */
mochi_ref mochi_list_first_any(mochi_ref l);
/** Stable ascending sort of l by the parallel keys list; returns a new list. */
mochi_ref mochi_list_sort_by(mochi_ref l, mochi_ref keys);
/** Stable ascending sort of l by its own elements; returns a new list. */
mochi_ref mochi_list_sorted(mochi_ref l);
/** range(n): [0, n). */
mochi_ref mochi_range1(int64_t n);
/** range(a, b): [a, b). */
mochi_ref mochi_range2(int64_t a, int64_t b);
/** range(a, b, step): runtime error when step is 0. */
mochi_ref mochi_range3(int64_t a, int64_t b, int64_t step);
/** A list converted to element kind REF (ints/floats/bools boxed); returned as is if already REF. */
mochi_ref mochi_list_to_any(mochi_ref l);
/** A REF list converted to elem_kind by unboxing each element (bad cast error on mismatch). */
mochi_ref mochi_list_from_any(mochi_ref l, MochiSlotKind elem_kind);

/* ------------------------------------------------------------------------- */
/* Maps (iteration, keys, values and printing in sorted key order)           */
/* ------------------------------------------------------------------------- */

/** New empty map; key_kind is I64, BOOL or REF (strings or any), value kind any. */
mochi_ref mochi_map_new(MochiSlotKind key_kind, MochiSlotKind val_kind);
/** Key kind of a map. */
MochiSlotKind mochi_map_key_kind(mochi_ref m);
/** Value kind of a map. */
MochiSlotKind mochi_map_val_kind(mochi_ref m);
/** Number of entries (0 for NULL). */
int64_t mochi_map_len(mochi_ref m);
/** The entry of key in m, or NULL when absent (or m is nil): the one probe behind
 * get, has and set, for generated code that reads and updates the value in place
 * (mochi_map_find_i64 is the same for int keys, inline). Good until the next
 * insertion into or deletion from any map. */
MochiMapEntry *mochi_map_find(mochi_ref m, mochi_slot key);
/** Look key up: returns 1 and stores the value in *out when found, else 0. */
int64_t mochi_map_get(mochi_ref m, mochi_slot key, mochi_slot *out);
/** m[key] as any (value boxed when scalar); NULL (nil) when absent. */
mochi_ref mochi_map_get_any(mochi_ref m, mochi_slot key);
/** m[key] or the given default when absent. */
mochi_slot mochi_map_get_or(mochi_ref m, mochi_slot key, mochi_slot dflt);
/** m[key] = value in place. */
void mochi_map_set(mochi_ref m, mochi_slot key, mochi_slot value);
/** key in m (1/0). */
int64_t mochi_map_has(mochi_ref m, mochi_slot key);
/** `m[key] = value` of an int key (key kind MOCHI_K_I64) that a probe of m's table
 * just found absent, ending at the empty slot `end` (-1: m is nil or has no table),
 * with its errors (a nil map's, out of memory) at `line`: mochi_map_set without its
 * second probe. Out of line, for mochi_map_count_i64. */
void mochi_map_insert_i64_at(mochi_ref m, int64_t key, mochi_slot value, int64_t end, int32_t line);
/** `if key in m { m[key] = m[key] + d } else { m[key] = d }` on a map with int keys
 * and int values, as generated code writes that idiom (k_nucleotide's counting): one
 * probe, the runtime's (mochi_map_probe_i64_at), inline. A key that is there has d
 * added to its value in place (`integer overflow` at add_line); an absent one is
 * inserted from the empty slot that ended the probe (mochi_map_insert_i64_at, errors
 * at set_line: a nil map's among them). Returns whether the key was there. The
 * one-key cache is left as the separate operations leave it: a hit does not touch
 * it, an insertion clears it. */
static inline int64_t mochi_map_count_i64(mochi_ref m, int64_t key, int64_t d, int32_t add_line, int32_t set_line) {
    const MochiMap *M = (const MochiMap *)m;
    MochiMapEntry *e;
    int64_t slot = -1;
    if (!M || !M->tcap) {
        mochi_map_insert_i64_at(m, key, (mochi_slot)d, -1, set_line);
        return 0;
    }
    e = mochi_map_probe_i64_at(M, key, &slot, NULL);
    if (e) {
        e->val = (mochi_slot)mochi_i64_add_at((int64_t)e->val, d, add_line);
        return 1;
    }
    mochi_map_insert_i64_at(m, key, (mochi_slot)d, slot, set_line);
    return 0;
}
/** Remove key; returns 1 when it was present. */
int64_t mochi_map_delete(mochi_ref m, mochi_slot key);
/** keys(m): list of keys in sorted order (element kind = key kind). */
mochi_ref mochi_map_keys(mochi_ref m);
/** values(m): list of values in sorted-key order (element kind = value kind). */
mochi_ref mochi_map_values(mochi_ref m);
/** The i-th key in sorted order (0 <= i < len), for `for k in m`. */
mochi_slot mochi_map_key_at(mochi_ref m, int64_t i);
/** The value of the i-th key in sorted order. */
mochi_slot mochi_map_value_at(mochi_ref m, int64_t i);
/** Shallow copy. */
mochi_ref mochi_map_copy(mochi_ref m);
/** Structural equality of two maps (1/0). */
int64_t mochi_map_eq(mochi_ref a, mochi_ref b);

/* ------------------------------------------------------------------------- */
/* Structs, unions and closures                                              */
/* ------------------------------------------------------------------------- */

/** Build a descriptor at run time (all strings and arrays are copied; never freed). */
const MochiTypeDesc *mochi_desc_new(const char *name, int32_t nfields, const char *const *field_names,
                                    const uint8_t *field_kinds, int32_t tag, const char *union_name);
/** The anonymous twin of a struct descriptor: the same type (equal, same hash),
 * whose instances print without "__name". Made once per call; never freed. */
const MochiTypeDesc *mochi_desc_anonymous(const MochiTypeDesc *desc);
/** Field index of name in desc, -1 when absent. */
int32_t mochi_desc_field_index(const MochiTypeDesc *desc, const char *name, int64_t name_len);
/** New struct with all fields zero (0, 0.0, false, nil). */
mochi_ref mochi_struct_new(const MochiTypeDesc *desc);
/** New struct with fields copied from slots (nfields of them). */
mochi_ref mochi_struct_from(const MochiTypeDesc *desc, const mochi_slot *slots);
/** Descriptor of a struct. */
const MochiTypeDesc *mochi_struct_desc(mochi_ref s);
/** Field i. */
mochi_slot mochi_struct_get(mochi_ref s, int64_t i);
/** Field i = v in place. */
void mochi_struct_set(mochi_ref s, int64_t i, mochi_slot v);
/** Variant tag of a union value (-1 for plain structs or non-structs). */
int64_t mochi_struct_tag(mochi_ref s);
/** Deep structural equality of two structs (1/0). */
int64_t mochi_struct_eq(mochi_ref a, mochi_ref b);
/** `m as T`: struct of desc from a string-keyed map (missing fields zero; values
 * unboxed); a struct of that type already is returned itself (structs are shared). */
mochi_ref mochi_struct_from_map(const MochiTypeDesc *desc, mochi_ref m);

/** New closure with ncap captures (kinds[i] per capture, slots may be NULL for zeros). */
mochi_ref mochi_closure_new(int64_t fn_id, void *code, int64_t ncap, const uint8_t *kinds, const mochi_slot *slots);
/** Capture i. */
mochi_slot mochi_closure_get(mochi_ref c, int64_t i);
/** Capture i = v. */
void mochi_closure_set(mochi_ref c, int64_t i, mochi_slot v);
/** Kind of capture i. */
MochiSlotKind mochi_closure_cap_kind(mochi_ref c, int64_t i);
/** Function id of a closure. */
int64_t mochi_closure_fn_id(mochi_ref c);
/** Code pointer of a closure (may be NULL). */
void *mochi_closure_code(mochi_ref c);

/* ------------------------------------------------------------------------- */
/* The dynamic value `any`                                                   */
/* ------------------------------------------------------------------------- */

/** Dynamic kinds reported by mochi_any_kind. */
typedef enum MochiAnyKind {
    MOCHI_A_NIL = 0, MOCHI_A_INT, MOCHI_A_FLOAT, MOCHI_A_BOOL, MOCHI_A_STR,
    MOCHI_A_LIST, MOCHI_A_MAP, MOCHI_A_STRUCT, MOCHI_A_CLOSURE,
    MOCHI_A_BIGINT, MOCHI_A_BIGRAT
} MochiAnyKind;

/** Box a slot of the given kind as any (refs are returned as they are). */
mochi_ref mochi_box(MochiSlotKind kind, mochi_slot v);
/** Box an int. */
mochi_ref mochi_box_int(int64_t v);
/** Box a float. */
mochi_ref mochi_box_float(double v);
/** Box a bool. */
mochi_ref mochi_box_bool(int64_t v);
/** Unbox any to kind: ints convert to float when asked; mismatch is a bad-cast runtime error. */
mochi_slot mochi_unbox(mochi_ref a, MochiSlotKind kind);
/** Dynamic kind of an any. */
MochiAnyKind mochi_any_kind(mochi_ref a);
/** Truthiness: nil/false/0 are false, other values true. */
int64_t mochi_any_truthy(mochi_ref a);
/** Deep structural equality of any two values (numbers compare across int/float). */
int64_t mochi_any_eq(mochi_ref a, mochi_ref b);
/** Equality of two slots of one kind (refs compared structurally). */
int64_t mochi_slot_eq(MochiSlotKind kind, mochi_slot a, mochi_slot b);
/** Total order for sorting and `<` on any: numbers numerically, strings bytewise,
 * others by their str() form; nil first. Returns <0, 0, >0. */
int64_t mochi_any_cmp(mochi_ref a, mochi_ref b);
/** Order of two slots of one kind (see mochi_any_cmp). */
int64_t mochi_slot_cmp(MochiSlotKind kind, mochi_slot a, mochi_slot b);
/** a + b on any (int/float promotion, string and list concat). */
mochi_ref mochi_any_add(mochi_ref a, mochi_ref b);
/** a - b on any. */
mochi_ref mochi_any_sub(mochi_ref a, mochi_ref b);
/** a * b on any. */
mochi_ref mochi_any_mul(mochi_ref a, mochi_ref b);
/** a / b on any (int / int truncates). */
mochi_ref mochi_any_div(mochi_ref a, mochi_ref b);
/** a % b on any. */
mochi_ref mochi_any_mod(mochi_ref a, mochi_ref b);
/** -a on any. */
mochi_ref mochi_any_neg(mochi_ref a);
/** x[i] on any: list element, map value (nil when missing) or string character. */
mochi_ref mochi_any_index(mochi_ref x, mochi_ref i);
/** x.name on any: struct field or string-keyed map entry; nil when absent. */
mochi_ref mochi_any_field(mochi_ref x, const char *name);
/** len(x) on any (list, map, string; 0 for nil). */
int64_t mochi_any_len(mochi_ref x);
/** v in x on any: list membership, map key, substring. */
int64_t mochi_any_in(mochi_ref v, mochi_ref x);
/** int(x): ints as is, floats truncated, strings parsed, bools 0/1. */
int64_t mochi_any_to_int(mochi_ref x);
/** float(x): numbers converted, strings parsed. */
double mochi_any_to_float(mochi_ref x);

/* ------------------------------------------------------------------------- */
/* Formatting (LANGUAGE.md §9)                                               */
/* ------------------------------------------------------------------------- */

/** Top-level print form of a slot (strings raw, floats Go %v, containers `[1, 2]`). */
mochi_ref mochi_fmt_value(MochiSlotKind kind, mochi_slot v);
/** Top-level print form of an any. */
mochi_ref mochi_fmt_any(mochi_ref a);
/** Top-level float form into buf (Go %v; needs 32 bytes); returns the length. */
size_t mochi_fmt_f64(char *buf, double v);
/** Container float form into buf (always a fraction, never an exponent; needs 400 bytes). */
size_t mochi_fmt_f64_container(char *buf, double v);
/** str(x): Go fmt.Sprint form (`[1 2 3]`, `map[a:1]`, `<nil>`). */
mochi_ref mochi_str_value(MochiSlotKind kind, mochi_slot v);
/** json(x) text: 2-space indent, sorted keys, no trailing newline. */
mochi_ref mochi_json_value(MochiSlotKind kind, mochi_slot v);
/** to_json(x): compact JSON text. */
mochi_ref mochi_to_json_value(MochiSlotKind kind, mochi_slot v);
/** json(x) as a statement: print the indented JSON and a newline. */
void mochi_json_print(MochiSlotKind kind, mochi_slot v);
/** Go-quoted form of a string (`"a\n"`). */
mochi_ref mochi_str_quote(mochi_ref s);

/* ------------------------------------------------------------------------- */
/* Hashing                                                                   */
/* ------------------------------------------------------------------------- */

/** sha256(x): the SHA-256 digest of a string's UTF-8 bytes, or of a list of ints
 * (I64 or boxed-int REF elements, each taken modulo 256), as a new list of 32 ints
 * (I64). Anything else is a runtime error. */
mochi_ref mochi_sha256(mochi_ref x);

/* ------------------------------------------------------------------------- */
/* bigint and bigrat (LANGUAGE.md §9-10; mochi_bigint.c)                     */
/* ------------------------------------------------------------------------- */

/** Arbitrary-precision integer, immutable: sign and magnitude, the magnitude in
 * 64-bit limbs, least significant first, its top limb nonzero (zero has len 0).
 * A bigint slot is a REF; a nil one (a zeroed slot) reads as 0 everywhere below. */
typedef struct MochiBigInt {
    MochiObj h;
    uint32_t neg;  /* 1 when negative (never for zero) */
    uint32_t len;  /* limbs in use */
    uint64_t d[];
} MochiBigInt;

/** Exact rational, immutable: two bigints in lowest terms, the denominator
 * positive (1 for integers). A nil bigrat reads as 0/1. */
typedef struct MochiBigRat {
    MochiObj h;
    mochi_ref num;
    mochi_ref den;
} MochiBigRat;

/** bigint of an int. */
mochi_ref mochi_bigint_from_i64(int64_t v);
/** `x as bigint` of a float: truncated toward zero; NaN and infinities are the
 * runtime error `invalid cast: NaN to bigint` (`+Inf`, `-Inf`). */
mochi_ref mochi_bigint_from_f64(double v);
/** `s as bigint`: decimal digits with an optional sign, nothing else; runtime error
 * `invalid integer: "s"` otherwise. */
mochi_ref mochi_bigint_from_str(mochi_ref s);
/** The same parse from n bytes; NULL when the text is not an integer. */
mochi_ref mochi_bigint_parse(const char *p, int64_t n);
/** `x as int`: runtime error `integer overflow` when x is outside int64. */
int64_t mochi_bigint_to_i64(mochi_ref x);
/** 1 when x fits in an int64, else 0. */
int64_t mochi_bigint_fits_i64(mochi_ref x);
/** The nearest float (ties to even); beyond the float range, +Inf or -Inf. */
double mochi_bigint_to_f64(mochi_ref x);
/** a + b. */
mochi_ref mochi_bigint_add(mochi_ref a, mochi_ref b);
/** a - b. */
mochi_ref mochi_bigint_sub(mochi_ref a, mochi_ref b);
/** a * b. */
mochi_ref mochi_bigint_mul(mochi_ref a, mochi_ref b);
/** a / b truncated toward zero; runtime error `division by zero` when b is 0. */
mochi_ref mochi_bigint_div(mochi_ref a, mochi_ref b);
/** a % b with the dividend's sign; runtime error `division by zero` when b is 0. */
mochi_ref mochi_bigint_rem(mochi_ref a, mochi_ref b);
/** a / b and (in *rem, when not NULL) a % b at the cost of one division. */
mochi_ref mochi_bigint_divrem(mochi_ref a, mochi_ref b, mochi_ref *rem);
/** -a. */
mochi_ref mochi_bigint_neg(mochi_ref a);
/** abs(a). */
mochi_ref mochi_bigint_abs(mochi_ref a);
/** pow(a, e). A negative e gives 1 / a^-e truncated toward zero, as `/` does: 0
 * unless a is 1 or -1; a == 0 is then `division by zero`. */
mochi_ref mochi_bigint_pow(mochi_ref a, int64_t e);
/** gcd(|a|, |b|) (gcd(0, 0) == 0). */
mochi_ref mochi_bigint_gcd(mochi_ref a, mochi_ref b);
/** -1, 0 or 1 as a < b, a == b, a > b. */
int64_t mochi_bigint_cmp(mochi_ref a, mochi_ref b);
/** a == b (1/0). */
int64_t mochi_bigint_eq(mochi_ref a, mochi_ref b);
/** -1, 0 or 1. */
int64_t mochi_bigint_sign(mochi_ref a);
/** Hash consistent with mochi_any_eq (a bigint equal to an int or a float hashes alike). */
uint64_t mochi_bigint_hash(mochi_ref a);
/** Decimal text (`-` for negatives), as print, str and json write it. */
mochi_ref mochi_bigint_to_str(mochi_ref a);

/** bigrat of an int. */
mochi_ref mochi_bigrat_from_i64(int64_t v);
/** bigrat of a bigint. */
mochi_ref mochi_bigrat_from_bigint(mochi_ref a);
/** num / den in lowest terms; runtime error `division by zero` when den is 0. */
mochi_ref mochi_bigrat_new(mochi_ref num, mochi_ref den);
/** `x as bigrat` of a float, exactly (0.1 is 3602879701896397/36028797018963968);
 * NaN and infinities are the runtime error `invalid cast: NaN to bigrat`. */
mochi_ref mochi_bigrat_from_f64(double v);
/** `s as bigrat`: `n/d`, an integer, or a decimal with optional fraction and
 * exponent (`-1.25e-3`); runtime error `invalid rational: "s"` otherwise. */
mochi_ref mochi_bigrat_from_str(mochi_ref s);
/** The same parse from n bytes; NULL when the text is not a rational. */
mochi_ref mochi_bigrat_parse(const char *p, int64_t n);
/** a + b. */
mochi_ref mochi_bigrat_add(mochi_ref a, mochi_ref b);
/** a - b. */
mochi_ref mochi_bigrat_sub(mochi_ref a, mochi_ref b);
/** a * b. */
mochi_ref mochi_bigrat_mul(mochi_ref a, mochi_ref b);
/** a / b; runtime error `division by zero` when b is 0. */
mochi_ref mochi_bigrat_div(mochi_ref a, mochi_ref b);
/** -a. */
mochi_ref mochi_bigrat_neg(mochi_ref a);
/** abs(a). */
mochi_ref mochi_bigrat_abs(mochi_ref a);
/** pow(a, e), exact for any e; a == 0 with e < 0 is `division by zero`. */
mochi_ref mochi_bigrat_pow(mochi_ref a, int64_t e);
/** -1, 0 or 1 as a < b, a == b, a > b. */
int64_t mochi_bigrat_cmp(mochi_ref a, mochi_ref b);
/** a == b (1/0). */
int64_t mochi_bigrat_eq(mochi_ref a, mochi_ref b);
/** -1, 0 or 1. */
int64_t mochi_bigrat_sign(mochi_ref a);
/** Hash consistent with mochi_any_eq (3/1 hashes as 3, 1/2 as 0.5). */
uint64_t mochi_bigrat_hash(mochi_ref a);
/** num(r): the numerator, a bigint carrying the sign. */
mochi_ref mochi_bigrat_num(mochi_ref r);
/** denom(r): the denominator, a positive bigint. */
mochi_ref mochi_bigrat_denom(mochi_ref r);
/** The nearest float (ties to even, subnormals included); +-Inf beyond the range. */
double mochi_bigrat_to_f64(mochi_ref r);
/** `r as bigint`: truncated toward zero. */
mochi_ref mochi_bigrat_trunc(mochi_ref r);
/** `r as int`: truncated toward zero; runtime error `integer overflow` outside int64. */
int64_t mochi_bigrat_to_i64(mochi_ref r);
/** `n/d` text, always with the denominator (`3/1`), as print and str write it. */
mochi_ref mochi_bigrat_to_str(mochi_ref r);
/** An any as a bigint (the IR's unbox to bigint): a bigint itself, an int converted,
 * nil as nil; anything else is the runtime error `invalid cast: <kind> to bigint`. */
mochi_ref mochi_bigint_from_any(mochi_ref a);
/** An any as a bigrat: a bigrat itself, an int or a bigint converted, nil as nil;
 * anything else is the runtime error `invalid cast: <kind> to bigrat`. */
mochi_ref mochi_bigrat_from_any(mochi_ref a);

/* ------------------------------------------------------------------------- */
/* Query group-by                                                            */
/* ------------------------------------------------------------------------- */

/** Descriptor of group structs: fields `key` (REF, any) and `items` (REF, list). */
extern MochiTypeDesc mochi_group_desc;
/** New group-by builder whose item lists have the given element kind. */
mochi_ref mochi_groupby_new(MochiSlotKind item_kind);
/** Add item under key (structural equality; first appearance fixes group order). */
void mochi_groupby_add(mochi_ref builder, mochi_ref key, mochi_slot item);
/** The list (element kind REF) of group structs in first-appearance order. */
mochi_ref mochi_groupby_result(mochi_ref builder);

/* ------------------------------------------------------------------------- */
/* Memory management                                                         */
/* ------------------------------------------------------------------------- */

/** Allocate a zeroed heap object of size bytes with the given object kind. */
mochi_ref mochi_gc_alloc(MochiObjKind kind, size_t size);
/** mochi_gc_alloc without zeroing the body (only the header is set). */
mochi_ref mochi_gc_alloc_uninit(MochiObjKind kind, size_t size);

/** The allocation fast path, for the runtime's own constructors and generated C:
 * small objects come from per-size-class free lists, and a credit counts down the
 * bytes that may still be taken before the collector must decide whether to run.
 * A cell on a free list is a header (its `gc` word the collector's) and a link.
 * Classes are 16 bytes, then 8-byte steps up to 128 bytes (class c holds 16 + 8c
 * bytes), so an object of 16 + 8n bytes (a struct of n fields) fills its cell;
 * the credit is the collector's (mochi_gc.c keeps it in step with its trigger). */
typedef struct MochiFreeCell {
    MochiObj h;
    struct MochiFreeCell *next;
} MochiFreeCell;
extern MochiFreeCell *mochi_gc_free_lists[];
extern int64_t mochi_gc_credit;
/** Size class of a small object of `size` bytes (1 <= size <= MOCHI_GC_INLINE_MAX). */
#define MOCHI_GC_INLINE_MAX 128
#define MOCHI_GC_CLASS_OF(size) ((size) <= 16 ? 0 : (int)(((size) + 7) / 8) - 2)
/** A cell of `size` bytes (at most MOCHI_GC_INLINE_MAX; the body not zeroed) taken
 * inline when its class has one and the credit lasts, else mochi_gc_alloc_uninit. */
static inline mochi_ref mochi_gc_alloc_small(MochiObjKind kind, size_t size) {
    int cls = MOCHI_GC_CLASS_OF(size);
    int64_t bytes = 16 + (int64_t)cls * 8;
    MochiFreeCell *c = mochi_gc_free_lists[cls];
    if (MOCHI_LIKELY(c != NULL && mochi_gc_credit > 0)) {
        mochi_gc_free_lists[cls] = c->next;
        mochi_gc_credit -= bytes;
        c->h.kind = (uint32_t)kind;
        return (mochi_ref)c;
    }
    return mochi_gc_alloc_uninit(kind, size);
}
/** Run a full collection now. */
void mochi_gc_collect(void);
/** Register a global root: *slot is scanned at every collection. */
void mochi_gc_add_root(mochi_ref *slot);
/** Unregister a global root. */
void mochi_gc_remove_root(mochi_ref *slot);
/** Register a root range base[0 .. *count_ptr) scanned conservatively (count re-read at each collection). */
void mochi_gc_register_range(mochi_slot *base, size_t *count_ptr);
/** Register a growable root range (*base_ptr)[0 .. *count_ptr): both re-read at each collection. */
void mochi_gc_register_range_ptr(mochi_slot **base_ptr, size_t *count_ptr);
/** Unregister a root range by its count pointer. */
void mochi_gc_unregister_range(size_t *count_ptr);
/** Disable (n > 0 nested) or re-enable automatic collection. */
void mochi_gc_pause(int on);

/** Collector statistics. */
typedef struct MochiGCStats {
    uint64_t bytes_live;      /* bytes in use after the last collection (+ since) */
    uint64_t bytes_peak;      /* highest bytes in use ever observed */
    uint64_t collections;     /* collections run */
    uint64_t bytes_allocated; /* total bytes ever allocated */
    uint64_t heap_bytes;      /* bytes reserved from the system (pages + large objects) */
} MochiGCStats;
/** Current collector statistics. */
MochiGCStats mochi_gc_stats(void);
/** Restart the peak: bytes_peak becomes the bytes in use now (for measuring the
 *  peak of one phase of a process, as the runtime's tests do). */
void mochi_gc_reset_peak(void);
/** Called (when set) once the collector's heap_bytes reaches mochi_gc_growth_mark, as
 *  a new chunk or large object grows it, with the new heap_bytes; the hook sets the next
 *  mark. The embedder's: mochi-jitrun releases its clean code pages there (nothing in
 *  an AOT program sets it). */
extern void (*mochi_gc_growth_hook)(uint64_t heap_bytes);
extern uint64_t mochi_gc_growth_mark;

/* ------------------------------------------------------------------------- */
/* Math library (mochi_math.c)                                               */
/* ------------------------------------------------------------------------- */

/* The math1/math2 functions whose results IEEE 754 leaves to the library, computed
 * by the runtime itself so that every mode and every target gives the same bits
 * (runtime/math.wat mirrors them for Wasm). The exact ones (sqrt, floor, ceil,
 * trunc, fabs, round, fmin, fmax, fmod) stay the C library's. */
double mochi_math_sin(double x);
double mochi_math_cos(double x);
double mochi_math_tan(double x);
double mochi_math_asin(double x);
double mochi_math_acos(double x);
double mochi_math_atan(double x);
double mochi_math_sinh(double x);
double mochi_math_cosh(double x);
double mochi_math_tanh(double x);
double mochi_math_exp(double x);
double mochi_math_log(double x);
double mochi_math_log2(double x);
double mochi_math_log10(double x);
double mochi_math_cbrt(double x);
double mochi_math_expm1(double x);
double mochi_math_log1p(double x);
double mochi_math_pow(double x, double y);
double mochi_math_atan2(double y, double x);
double mochi_math_hypot(double x, double y);

#ifdef __cplusplus
}
#endif
#endif
