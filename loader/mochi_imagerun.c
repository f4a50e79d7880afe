/*
 * mochi_imagerun.c: runs a program image the JIT laid out and patched for this
 * machine (MochiJIT/AArch64Image.swift; `mochi-jitrun --target=aarch64-linux
 * --image=OUT`). Linked statically with the C runtime and the JIT support code
 * (scripts/mochi-aarch64-exec builds and caches it with zig cc), so the image's
 * runtime calls land in this process's runtime.
 *
 * usage: mochi-imagerun [--check-wx] IMAGE [ARGS...]
 *
 * The image holds the code exactly as the JIT patched it; the only holes left
 * are references to runtime symbols, which only this process can fill: each is a
 * relocation naming the symbol and an ELF relocation type, patched here through
 * the one table in `apply` (a type not in it is an error naming it). Every
 * length and offset in the file is checked before it is used, as the Swift
 * readers check theirs: a bad image gets one diagnostic and exit status 1,
 * never a crash in the reader. The image is mapped at the address it was laid
 * out for, written and patched while read-write, then its code is made
 * read-execute (never writable and executable at once) and the instruction
 * cache is flushed before anything jumps there (mochi_jit_code_seal, as the
 * in-process JIT does). --check-wx prints the image's
 * mappings from /proc/self/maps and fails if any is writable and executable.
 *
 * Branch protection: an image whose header has the BTI flag has a `bti c` at
 * every place an indirect branch lands (MochiJIT/AArch64Image.swift), so its
 * code is mapped guarded (PROT_BTI) where the CPU has BTI (AT_HWCAP2): there an
 * indirect branch to anything else is a SIGILL, not a gadget. On a CPU without
 * BTI the landing pads and the PAC instructions are NOPs and the code runs
 * unguarded. This loader is itself built with -mbranch-protection=standard
 * (scripts/mochi-aarch64-exec), so the runtime functions the image's veneers
 * reach by BR x16 have landing pads too.
 *
 * The run itself is what MochiJIT/JIT.swift's `Run` does: a slot stack for the
 * frames, the globals and string constants registered with the collector as
 * root ranges, the run context stencils read, and @main entered through
 * mochi_jit_enter on a thread with a 1 GiB stack (runaway recursion ends in the
 * runtime's `stack overflow` at the interpreter's depth, never in a crash).
 */
#define _GNU_SOURCE
#include "mochi_jit.h"
#include "mochi_runtime.h"
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define IMAGE_VERSION 2
#define IMAGE_MACHINE_AARCH64 183
#define IMAGE_FIELDS 19
#define IMAGE_FLAG_BTI 1u
#define IMAGE_FLAG_PAC 2u
#define IMAGE_HEADER (16 + 8 * IMAGE_FIELDS)
#define REGION_ALIGN 65536u
/* Limits on what a well-formed image can hold (far above any real program):
 * they keep every size computation below from overflowing. */
#define MAX_REGION ((uint64_t)1 << 32)
#define MAX_COUNT ((uint64_t)1 << 26)

enum {
    F_BASE, F_DATA_SIZE, F_TEXT_OFFSET, F_TEXT_SIZE, F_ENTRY, F_MAIN_FRAME, F_FUNC_COUNT, F_ENTRIES, F_FRAMES,
    F_GLOBALS, F_GLOBAL_COUNT, F_STRINGS, F_STRING_COUNT, F_MAX_DEPTH, F_STACK_SLOTS, F_SYMBOL_COUNT,
    F_RELOC_COUNT, F_FILE_NAME_LEN, F_FLAGS
};

static const char *image_path = "image";

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mochi-imagerun: %s: ", image_path);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* A bounds-checked cursor over the file's bytes. */
typedef struct { const uint8_t *p; uint64_t len, at; } Reader;

static const uint8_t *take(Reader *r, uint64_t n, const char *what) {
    if (n > r->len - r->at) die("truncated image: %s needs %llu bytes past the end", what, (unsigned long long)(r->at + n - r->len));
    const uint8_t *p = r->p + r->at;
    r->at += n;
    return p;
}
static uint64_t rd64(const uint8_t *p) { uint64_t v = 0; for (int k = 7; k >= 0; k--) v = v << 8 | p[k]; return v; }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t u64(Reader *r, const char *what) { return rd64(take(r, 8, what)); }
static uint32_t u32(Reader *r, const char *what) { return rd32(take(r, 4, what)); }

typedef struct {
    uint64_t place;
    uint32_t type, symbol;
    int64_t addend;
    uint64_t veneer;
} Reloc;

typedef struct {
    uint64_t h[IMAGE_FIELDS];
    char **symbols;
    const void **addresses;
    Reloc *relocs;
    const uint8_t **strings;
    uint64_t *string_lens;
    char *file_name;
    const uint8_t *data, *text;
} Image;

static void *xcalloc(uint64_t n, uint64_t size) {
    void *p = calloc(n ? (size_t)n : 1, (size_t)size);
    if (!p) die("out of memory (%llu entries)", (unsigned long long)n);
    return p;
}

/* Reads and checks the whole file: every count, size and offset. */
static void parse(const uint8_t *bytes, uint64_t len, Image *im) {
    Reader r = { bytes, len, 0 };
    if (memcmp(take(&r, 8, "the magic"), "MOCHIIMG", 8) != 0) die("not a Mochi image (bad magic)");
    uint32_t version = u32(&r, "the version");
    if (version != IMAGE_VERSION) die("image version %u is not the version this loader reads (%d)", version, IMAGE_VERSION);
    uint32_t machine = u32(&r, "the machine");
#if defined(__aarch64__)
    if (machine != IMAGE_MACHINE_AARCH64) die("image for ELF machine %u, this loader runs AArch64 (183)", machine);
#else
    die("this loader runs AArch64 images only, and was built for another machine (image machine %u)", machine);
#endif
    for (int k = 0; k < IMAGE_FIELDS; k++) im->h[k] = u64(&r, "the header");
    uint64_t *h = im->h;
    if (h[F_BASE] == 0 || h[F_BASE] % REGION_ALIGN != 0 || h[F_BASE] >= ((uint64_t)1 << 47))
        die("image base %#llx is not a 64 KiB aligned user address", (unsigned long long)h[F_BASE]);
    if (h[F_DATA_SIZE] > MAX_REGION || h[F_TEXT_SIZE] > MAX_REGION || h[F_TEXT_SIZE] == 0)
        die("region sizes out of range (text %llu bytes)", (unsigned long long)h[F_TEXT_SIZE]);
    if (h[F_TEXT_OFFSET] % REGION_ALIGN != 0 || h[F_TEXT_OFFSET] < h[F_DATA_SIZE] || h[F_TEXT_OFFSET] > 2 * MAX_REGION)
        die("text offset %llu overlaps the data or is unaligned", (unsigned long long)h[F_TEXT_OFFSET]);
    if (h[F_FLAGS] & ~(uint64_t)(IMAGE_FLAG_BTI | IMAGE_FLAG_PAC))
        die("unknown header flags %#llx", (unsigned long long)h[F_FLAGS]);
    uint64_t text_end = h[F_TEXT_OFFSET] + h[F_TEXT_SIZE];
    if (h[F_ENTRY] < h[F_TEXT_OFFSET] || h[F_ENTRY] >= text_end || h[F_ENTRY] % 4 != 0)
        die("entry %llu is not an instruction in the text", (unsigned long long)h[F_ENTRY]);
    if (h[F_FUNC_COUNT] == 0 || h[F_FUNC_COUNT] > MAX_COUNT || h[F_GLOBAL_COUNT] > MAX_COUNT ||
        h[F_STRING_COUNT] > MAX_COUNT || h[F_SYMBOL_COUNT] > MAX_COUNT || h[F_RELOC_COUNT] > MAX_COUNT)
        die("a count is out of range (%llu functions)", (unsigned long long)h[F_FUNC_COUNT]);
    /* Tables in the data region: inside it, 8-byte aligned. */
    const struct { int off, count; const char *what; } tables[] = {
        { F_ENTRIES, F_FUNC_COUNT, "entry table" }, { F_FRAMES, F_FUNC_COUNT, "frame table" },
        { F_GLOBALS, F_GLOBAL_COUNT, "globals" }, { F_STRINGS, F_STRING_COUNT, "string slots" },
    };
    for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
        uint64_t off = h[tables[k].off], n = h[tables[k].count];
        if (off % 8 != 0 || off > h[F_DATA_SIZE] || 8 * n > h[F_DATA_SIZE] - off)
            die("the %s lies outside the data region (offset %llu)", tables[k].what, (unsigned long long)off);
    }
    if (h[F_MAIN_FRAME] % 8 != 0 || h[F_MAIN_FRAME] / 8 >= h[F_STACK_SLOTS] || h[F_STACK_SLOTS] > ((uint64_t)1 << 28) ||
        h[F_STACK_SLOTS] == 0)
        die("the slot stack (%llu slots) cannot hold @main's frame", (unsigned long long)h[F_STACK_SLOTS]);
    if (h[F_MAX_DEPTH] > ((uint64_t)1 << 31)) die("call depth limit %llu out of range", (unsigned long long)h[F_MAX_DEPTH]);

    uint64_t ns = h[F_SYMBOL_COUNT];
    im->symbols = xcalloc(ns, sizeof(char *));
    im->addresses = xcalloc(ns, sizeof(void *));
    for (uint64_t i = 0; i < ns; i++) {
        uint32_t n = u32(&r, "a symbol name's length");
        if (n == 0 || n > 256) die("symbol name length %u out of range", n);
        const uint8_t *p = take(&r, n, "a symbol name");
        char *s = xcalloc(n + 1, 1);
        memcpy(s, p, n);
        if (strlen(s) != n) die("symbol name %s (%llu bytes) holds a NUL", s, (unsigned long long)n);
        im->symbols[i] = s;
        const void *a = mochi_jit_symbol(s);
        if (!a) die("the image references '%s', which this loader does not provide (symbol %llu)", s, (unsigned long long)i);
        im->addresses[i] = a;
    }
    uint64_t nr = h[F_RELOC_COUNT];
    im->relocs = xcalloc(nr, sizeof(Reloc));
    for (uint64_t i = 0; i < nr; i++) {
        Reloc *x = &im->relocs[i];
        x->place = u64(&r, "a relocation");
        x->type = u32(&r, "a relocation");
        x->symbol = u32(&r, "a relocation");
        x->addend = (int64_t)u64(&r, "a relocation");
        x->veneer = u64(&r, "a relocation");
        int width = x->type == 257 ? 8 : 4;
        if (x->place < h[F_TEXT_OFFSET] || x->place > text_end - (uint64_t)width || x->place % (uint64_t)(width == 8 ? 8 : 4) != 0)
            die("relocation %llu patches outside the text", (unsigned long long)i);
        if (x->symbol >= ns) die("relocation %llu names a symbol past the table", (unsigned long long)i);
        if (x->veneer != 0 && (x->veneer < h[F_TEXT_OFFSET] || x->veneer > text_end - 16 || x->veneer % 4 != 0))
            die("relocation %llu has its veneer outside the text", (unsigned long long)i);
    }
    uint64_t nstr = h[F_STRING_COUNT];
    im->strings = xcalloc(nstr, sizeof(uint8_t *));
    im->string_lens = xcalloc(nstr, sizeof(uint64_t));
    for (uint64_t i = 0; i < nstr; i++) {
        uint64_t n = u64(&r, "a string constant's length");
        if (n > MAX_REGION) die("string constant length %llu out of range", (unsigned long long)n);
        im->string_lens[i] = n;
        im->strings[i] = take(&r, n, "a string constant");
    }
    if (h[F_FILE_NAME_LEN] > 4096) die("file name length %llu out of range", (unsigned long long)h[F_FILE_NAME_LEN]);
    const uint8_t *fn = take(&r, h[F_FILE_NAME_LEN], "the file name");
    im->file_name = NULL;
    if (h[F_FILE_NAME_LEN] > 0) {
        im->file_name = xcalloc(h[F_FILE_NAME_LEN] + 1, 1);
        memcpy(im->file_name, fn, h[F_FILE_NAME_LEN]);
    }
    im->data = take(&r, h[F_DATA_SIZE], "the data region");
    im->text = take(&r, h[F_TEXT_SIZE], "the text region");
    if (r.at != r.len) die("%llu bytes after the text region", (unsigned long long)(r.len - r.at));
}

/* ---- patching: one case per ELF relocation type ---- */

static uint32_t ld32(const uint8_t *p) { return rd32(p); }
static void st32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24); }

static const char *type_name(uint32_t t) {
    switch (t) {
    case 257: return "R_AARCH64_ABS64";
    case 264: return "R_AARCH64_MOVW_UABS_G0_NC";
    case 265: return "R_AARCH64_MOVW_UABS_G1";
    case 266: return "R_AARCH64_MOVW_UABS_G1_NC";
    case 268: return "R_AARCH64_MOVW_UABS_G2_NC";
    case 269: return "R_AARCH64_MOVW_UABS_G3";
    case 275: return "R_AARCH64_ADR_PREL_PG_HI21";
    case 277: return "R_AARCH64_ADD_ABS_LO12_NC";
    case 279: return "R_AARCH64_TSTBR14";
    case 280: return "R_AARCH64_CONDBR19";
    case 282: return "R_AARCH64_JUMP26";
    case 283: return "R_AARCH64_CALL26";
    case 278: return "R_AARCH64_LDST8_ABS_LO12_NC";
    case 284: return "R_AARCH64_LDST16_ABS_LO12_NC";
    case 285: return "R_AARCH64_LDST32_ABS_LO12_NC";
    case 286: return "R_AARCH64_LDST64_ABS_LO12_NC";
    case 299: return "R_AARCH64_LDST128_ABS_LO12_NC";
    default: return NULL;
    }
}

/* Patches the field of ELF relocation `type` at p (address place) so the
 * instruction computes value (S + A). Returns NULL, or why it could not. */
static const char *apply(uint32_t type, uint8_t *p, uint64_t place, uint64_t value) {
    uint32_t insn;
    int64_t d;
    switch (type) {
    case 257: /* ABS64 */
        for (int k = 0; k < 8; k++) p[k] = (uint8_t)(value >> (8 * k));
        return NULL;
    case 264: case 265: case 266: case 268: case 269: { /* MOVZ/MOVK imm16 of one 16-bit group */
        int shift = type == 264 ? 0 : type == 265 || type == 266 ? 16 : type == 268 ? 32 : 48;
        if (type == 265 && value >> 32 != 0) return "out of range (more than 32 bits)";
        insn = ld32(p);
        if ((insn >> 23 & 0x1ff) != 0x1a5 && (insn >> 23 & 0x1ff) != 0x1e5) return "not a 64-bit MOVZ/MOVK";
        if ((insn >> 21 & 3) != (uint32_t)(shift / 16)) return "MOVZ/MOVK shifts another group";
        st32(p, (insn & ~((uint32_t)0xffff << 5)) | (uint32_t)((value >> shift) & 0xffff) << 5);
        return NULL;
    }
    case 282: case 283: /* B / BL: imm26 words, +-128 MiB */
        d = (int64_t)(value - place);
        insn = ld32(p);
        if ((insn >> 26) != (type == 282 ? 0x05u : 0x25u)) return type == 282 ? "not a B" : "not a BL";
        if (d & 3 || d < -((int64_t)1 << 27) || d >= ((int64_t)1 << 27)) return "out of range";
        st32(p, (insn & 0xfc000000u) | ((uint32_t)(d >> 2) & 0x03ffffffu));
        return NULL;
    case 280: /* B.cond / CBZ / CBNZ: imm19 words, +-1 MiB */
        d = (int64_t)(value - place);
        if (d & 3 || d < -((int64_t)1 << 20) || d >= ((int64_t)1 << 20)) return "out of range";
        insn = ld32(p);
        st32(p, (insn & ~((uint32_t)0x7ffff << 5)) | ((uint32_t)(d >> 2) & 0x7ffff) << 5);
        return NULL;
    case 279: /* TBZ / TBNZ: imm14 words, +-32 KiB */
        d = (int64_t)(value - place);
        if (d & 3 || d < -((int64_t)1 << 15) || d >= ((int64_t)1 << 15)) return "out of range";
        insn = ld32(p);
        st32(p, (insn & ~((uint32_t)0x3fff << 5)) | ((uint32_t)(d >> 2) & 0x3fff) << 5);
        return NULL;
    case 275: { /* ADRP: page delta, +-4 GiB */
        d = (int64_t)((value & ~(uint64_t)0xfff) - (place & ~(uint64_t)0xfff)) >> 12;
        if (d < -((int64_t)1 << 20) || d >= ((int64_t)1 << 20)) return "out of range";
        insn = ld32(p);
        uint32_t imm = (uint32_t)d & 0x1fffff;
        st32(p, (insn & 0x9f00001fu) | (imm & 3) << 29 | (imm >> 2) << 5);
        return NULL;
    }
    case 277: case 278: case 284: case 285: case 286: case 299: { /* low 12 bits, scaled by the access size */
        int scale = type == 284 ? 1 : type == 285 ? 2 : type == 286 ? 3 : type == 299 ? 4 : 0;
        uint64_t lo = value & 0xfff;
        if (lo & (((uint64_t)1 << scale) - 1)) return "misaligned for the access size";
        insn = ld32(p);
        st32(p, (insn & ~((uint32_t)0xfff << 10)) | (uint32_t)(lo >> scale) << 10);
        return NULL;
    }
    default:
        return "unhandled";
    }
}

static void check_wx(uint64_t lo, uint64_t hi) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) die("--check-wx: cannot read /proc/self/maps");
    char line[512];
    int bad = 0, seen = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long long a, b;
        char perms[8] = { 0 };
        if (sscanf(line, "%llx-%llx %7s", &a, &b, perms) != 3) continue;
        if (b <= lo || a >= hi) continue;
        seen++;
        fprintf(stderr, "image mapping %llx-%llx %s\n", a, b, perms);
        if (perms[1] == 'w' && perms[2] == 'x') bad = 1;
    }
    fclose(f);
    if (!seen) die("--check-wx: no mapping of the image found");
    if (bad) die("--check-wx: a mapping of the image is writable and executable");
}

typedef struct { Image *im; uint8_t *base; int argc; char **argv; } RunArgs;

static void *run_main(void *p) {
    RunArgs *a = p;
    Image *im = a->im;
    uint64_t *h = im->h;
    char top = 0;
    mochi_rt_init(a->argc, a->argv, &top);
    MochiJITContext *ctx = mochi_jit_context();
    size_t stack_bytes = (size_t)h[F_STACK_SLOTS] * 8;
    void *stack = mmap(NULL, stack_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (stack == MAP_FAILED) die("cannot map the slot stack (%llu bytes)", (unsigned long long)stack_bytes);
    ctx->stack_base = stack;
    ctx->stack_count = (size_t)(h[F_MAIN_FRAME] / 8);
    ctx->stack_end = (mochi_slot *)stack + h[F_STACK_SLOTS];
    ctx->max_depth = (int64_t)h[F_MAX_DEPTH];
    ctx->code = (void *const *)(a->base + h[F_ENTRIES]);
    ctx->frame_bytes = (const int64_t *)(a->base + h[F_FRAMES]);
    ctx->func_count = (int64_t)h[F_FUNC_COUNT];
    ctx->stack_count = 0;
    mochi_gc_register_range(stack, &ctx->stack_count);
    static size_t global_count, string_count;
    global_count = (size_t)h[F_GLOBAL_COUNT];
    mochi_gc_register_range((mochi_slot *)(a->base + h[F_GLOBALS]), &global_count);
    mochi_slot *strs = (mochi_slot *)(a->base + h[F_STRINGS]);
    string_count = 0;
    mochi_gc_register_range(strs, &string_count);
    /* One at a time, counted as roots as they are made (a collection while they
     * are being made never scans a half-written slot). */
    for (uint64_t i = 0; i < h[F_STRING_COUNT]; i++) {
        char *tmp = xcalloc(im->string_lens[i] + 1, 1);
        memcpy(tmp, im->strings[i], (size_t)im->string_lens[i]);
        strs[i] = mochi_r2s(mochi_str_new(tmp, (int64_t)im->string_lens[i]));
        string_count = (size_t)i + 1;
        free(tmp);
    }
    mochi_loc_file = im->file_name;
    mochi_loc_line = 0;
    ctx->stack_count = (size_t)(h[F_MAIN_FRAME] / 8);
    (void)mochi_jit_enter(a->base + h[F_ENTRY], stack);
    mochi_rt_exit(0);
    return NULL;
}

int main(int argc, char **argv) {
    int check = 0, i = 1;
    if (i < argc && strcmp(argv[i], "--check-wx") == 0) { check = 1; i++; }
    if (i >= argc || argv[i][0] == '-') {
        fprintf(stderr, "usage: mochi-imagerun [--check-wx] IMAGE [ARGS...]\n");
        return 2;
    }
    image_path = argv[i];
    FILE *f = fopen(image_path, "rb");
    if (!f) die("%s", strerror(errno));
    uint8_t *bytes = NULL;
    uint64_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 1 << 16;
            if (cap > ((uint64_t)1 << 34)) die("image too large");
            bytes = realloc(bytes, (size_t)cap);
            if (!bytes) die("out of memory");
        }
        size_t n = fread(bytes + len, 1, (size_t)(cap - len), f);
        len += n;
        if (n == 0) {
            if (ferror(f)) die("read error");
            break;
        }
    }
    fclose(f);
    if (len < IMAGE_HEADER) die("truncated image: %llu bytes, the header alone is %d", (unsigned long long)len, IMAGE_HEADER);
    Image im;
    parse(bytes, len, &im);
    uint64_t *h = im.h;

    /* Map at the address the image was laid out for: read-write while it is
     * written and patched. */
    uint64_t text_map = (h[F_TEXT_SIZE] + REGION_ALIGN - 1) / REGION_ALIGN * REGION_ALIGN;
    uint64_t total = h[F_TEXT_OFFSET] + text_map;
    void *want = (void *)(uintptr_t)h[F_BASE];
    void *mem = mmap(want, (size_t)total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (mem == MAP_FAILED || mem != want) {
        if (mem != MAP_FAILED) munmap(mem, (size_t)total);
        die("cannot map the image at %#llx (the address range is taken)", (unsigned long long)h[F_BASE]);
    }
    uint8_t *base = mem;
    memcpy(base, im.data, (size_t)h[F_DATA_SIZE]);
    memcpy(base + h[F_TEXT_OFFSET], im.text, (size_t)h[F_TEXT_SIZE]);
    for (uint64_t k = 0; k < h[F_RELOC_COUNT]; k++) {
        Reloc *x = &im.relocs[k];
        uint64_t s = (uint64_t)(uintptr_t)im.addresses[x->symbol];
        uint64_t place = h[F_BASE] + x->place;
        const char *why = apply(x->type, base + x->place, place, s + (uint64_t)x->addend);
        if (why && x->veneer != 0 && (x->type == 282 || x->type == 283) && strcmp(why, "out of range") == 0) {
            /* Out of a B/BL's reach: through the veneer the JIT made (its quad is
             * an ABS64 relocation of its own). */
            why = apply(x->type, base + x->place, place, h[F_BASE] + x->veneer);
        }
        if (why) {
            const char *tn = type_name(x->type);
            if (tn) die("relocation %llu (%s) against '%s': %s", (unsigned long long)k, tn, im.symbols[x->symbol], why);
            die("relocation %llu: unhandled ELF relocation type %u against '%s'", (unsigned long long)k, x->type,
                im.symbols[x->symbol]);
        }
    }
    /* W^X: the code becomes read-execute, never writable and executable at once;
     * then the instruction cache is made to see what was written. */
    if (mochi_jit_code_seal(base + h[F_TEXT_OFFSET], (size_t)text_map) != 0)
        die("cannot make the code executable (mprotect: %s)", strerror(errno));
    /* Guarded pages where the image has landing pads and the CPU has BTI. */
    int guarded = 0;
    if (h[F_FLAGS] & IMAGE_FLAG_BTI) {
        guarded = mochi_jit_code_guard(base + h[F_TEXT_OFFSET], (size_t)text_map);
        if (guarded < 0) die("cannot guard the code with PROT_BTI (mprotect: %s)", strerror(errno));
    }
    if (check) {
        check_wx(h[F_BASE], h[F_BASE] + total);
        fprintf(stderr, "image code: %s, %s\n", guarded ? "BTI-guarded (PROT_BTI)" : "not BTI-guarded",
                h[F_FLAGS] & IMAGE_FLAG_PAC ? "PAC-signed returns" : "no PAC");
    }

    RunArgs ra = { &im, base, argc - i, argv + i };
    pthread_t tid;
    pthread_attr_t attr;
    size_t sizes[] = { (size_t)1 << 30, (size_t)1 << 28, (size_t)1 << 26 };
    for (size_t k = 0; k < 3; k++) {
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, sizes[k]);
        int rc = pthread_create(&tid, &attr, run_main, &ra);
        pthread_attr_destroy(&attr);
        if (rc == 0) {
            pthread_join(tid, NULL);
            return 0;
        }
    }
    run_main(&ra);
    return 0;
}
