/*
 * mochi_jit.h: what the copy-and-patch JIT's stencils need besides the runtime.
 *
 * Stencils (the C files in Sources/MochiStencil/stencils) are compiled separately by
 * mochi-stencilgen and reach everything here by patched address: the run's
 * context (slot stack bounds for the collector and the overflow check, the
 * closure dispatch tables), a few helpers that would otherwise put string
 * literals or long slow paths into stencils, and the table from symbol names to
 * addresses the patcher uses to fill runtime-helper holes. mochi-jitrun enters
 * JIT code through mochi_jit_enter, because Swift cannot call a preserve_none
 * function itself.
 */
#ifndef MOCHI_JIT_H
#define MOCHI_JIT_H

#include <stdint.h>
#include <stddef.h>
#include "mochi_runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The state of one JIT run that stencils read. One run at a time per process
 * (the runtime's own state, mochi_loc_line and the collector, is global too). */
typedef struct MochiJITContext {
    mochi_slot *stack_base;   /* the slot stack: frames, one 8-byte slot per value */
    size_t stack_count;       /* slots in use: the collector scans [base, base + count) */
    mochi_slot *stack_end;    /* a frame reaching past this is a stack overflow */
    int64_t max_depth;        /* calls nested deeper than this are a stack overflow */
    void *const *code;        /* entry address per function index (closure calls) */
    const int64_t *frame_bytes; /* frame size in bytes per function index */
    int64_t func_count;
} MochiJITContext;

extern MochiJITContext mochi_jit_ctx;
/** The context's address (Swift cannot take a C global's address reliably). */
MochiJITContext *mochi_jit_context(void);

/** Call JIT code: a preserve_none function taking (frame pointer, call depth, register homes). */
uint64_t mochi_jit_enter(const void *entry, mochi_slot *fp);

/** Runtime error `stack overflow` at line. */
MOCHI_NORETURN void mochi_jit_stack_overflow(int64_t line);
/** Runtime error `unreachable code reached` at line. */
MOCHI_NORETURN void mochi_jit_unreachable(int64_t line);
/** call.closure of something that is not a closure: the runtime's error, at line. */
MOCHI_NORETURN void mochi_jit_bad_closure(mochi_ref c, int64_t line);
/** unbox to a reference type: check v against the result type (check: 1 string,
 * 2 list (imm: element kind), 3 map (imm: key kind | value kind << 8), 4 named
 * type (imm: its name as a C string), 5 closure, 6 bigint and 7 bigrat (an int,
 * and for bigrat a bigint, converts)) in the interpreter's wording,
 * converting lists and maps to the representation the result type needs (a new
 * map is stored in *out, the result slot, before anything else allocates).
 * Returns the result slot. */
mochi_slot mochi_jit_unbox_ref(mochi_slot v, int64_t check, int64_t imm, mochi_slot *out);

/** Code memory (mochi_jit_memory.c), W^X on every platform: a mapping of size
 * bytes the calling thread may write (near hint where it can be placed; NULL on
 * failure), then sealed: executable and no longer writable, with the
 * instruction cache flushed (0, or -1 when the protection change failed).
 * On Apple Silicon a MAP_JIT mapping toggled per thread. */
void *mochi_jit_code_map(size_t size, void *hint);
int mochi_jit_code_seal(void *p, size_t size);
void mochi_jit_code_unmap(void *p, size_t size);
/** Branch protection for sealed code whose indirect-branch targets start with
 * `bti c`: on AArch64 Linux with a BTI CPU the pages become guarded (PROT_BTI)
 * and 1 is returned; 0 where there is nothing to do (no BTI, another target);
 * -1 when the protection change failed. */
int mochi_jit_code_guard(void *p, size_t size);
/** Make the instruction cache see code written at [p, p + size). */
void mochi_jit_flush_icache(void *p, size_t size);

/** The address of a runtime, libm or JIT-support symbol a stencil may reference,
 * or NULL when the name is unknown. */
const void *mochi_jit_symbol(const char *name);
/** The number of names mochi_jit_symbol knows, and the i-th of them (for tests). */
int64_t mochi_jit_symbol_count(void);
const char *mochi_jit_symbol_name(int64_t i);

#ifdef __cplusplus
}
#endif
#endif
