/*
 * mochi_value.c: structs, unions, closures, the dynamic `any` value and group-by.
 *
 * `any` is a plain reference: scalars are boxed (small ints and both bools come
 * from preallocated boxes), everything else is referenced directly. Equality is
 * deep and structural everywhere (ints and floats compare numerically across
 * kinds), and the hash functions here agree with it so maps and set operations
 * can key on any value. The group-by builder keys groups by structural equality
 * and keeps them in first-appearance order, as `group by ... into g` requires.
 */
#include "mochi_internal.h"
#include <math.h>

/* ---- structs ---- */

static char *dup_str(const char *s) {
    size_t n = strlen(s ? s : "");
    char *d = (char *)mochi_xmalloc(n + 1);
    memcpy(d, s ? s : "", n + 1);
    return d;
}

const MochiTypeDesc *mochi_desc_new(const char *name, int32_t nfields, const char *const *field_names,
                                    const uint8_t *field_kinds, int32_t tag, const char *union_name) {
    MochiTypeDesc *d = (MochiTypeDesc *)mochi_xmalloc(sizeof(MochiTypeDesc));
    if (nfields < 0) nfields = 0;
    char **names = (char **)mochi_xmalloc(sizeof(char *) * (size_t)(nfields ? nfields : 1));
    uint8_t *kinds = (uint8_t *)mochi_xmalloc((size_t)(nfields ? nfields : 1));
    for (int32_t i = 0; i < nfields; i++) {
        names[i] = dup_str(field_names[i]);
        kinds[i] = field_kinds[i] <= MOCHI_K_REF ? field_kinds[i] : MOCHI_K_REF;
    }
    d->name = dup_str(name);
    d->nfields = nfields;
    d->tag = tag;
    d->field_names = (const char *const *)names;
    d->field_kinds = kinds;
    d->union_name = union_name ? dup_str(union_name) : NULL;
    d->anonymous = 0;
    d->id = 0; /* given on its first struct (mochi_desc_register) */
    return d;
}

const MochiTypeDesc *mochi_desc_anonymous(const MochiTypeDesc *desc) {
    MochiTypeDesc *d = (MochiTypeDesc *)mochi_xmalloc(sizeof(MochiTypeDesc));
    *d = *desc;
    d->anonymous = 1;
    d->id = 0; /* prints differently: not the original's id */
    return d;
}

/* Descriptor ids. A struct's header keeps a 16-bit id where it would otherwise need
 * a pointer word of its own. Ids are handed out on a descriptor's first struct and
 * shared by descriptors with equal contents, so a process that makes descriptors
 * over and over (an interpreter per test, a fuzzer per input) reuses ids instead of
 * running out; the table keeps the first descriptor of each contents, and
 * descriptors are never freed. */
static const MochiTypeDesc *desc_table0[1];
const MochiTypeDesc **mochi_desc_table = desc_table0;
static size_t desc_n = 1, desc_cap = 1;
static uint16_t *desc_index; /* open addressing over contents: ids, 0 empty */
static size_t desc_index_cap;

static int same_desc(const MochiTypeDesc *a, const MochiTypeDesc *b);

/* The name's hash is the runtime's string hash; the field count, tag and anonymous
 * flag are folded in through the int hash (both mix into the low bits the index uses). */
static uint64_t desc_hash(const MochiTypeDesc *d) {
    const char *name = d->name ? d->name : "";
    uint64_t rest = ((uint64_t)(uint32_t)d->nfields << 33) ^ ((uint64_t)(uint32_t)d->tag << 1)
                    ^ (uint64_t)(d->anonymous != 0);
    return mochi_hash_bytes(name, (int64_t)strlen(name)) ^ mochi_hash_i64(rest);
}

static int same_contents(const MochiTypeDesc *a, const MochiTypeDesc *b) {
    if (!same_desc(a, b) || a->anonymous != b->anonymous) return 0;
    if (!a->union_name || !b->union_name) return a->union_name == b->union_name;
    return strcmp(a->union_name, b->union_name) == 0;
}

uint16_t mochi_desc_register(const MochiTypeDesc *d) {
    if (!d) return 0;
    if (d->id) return (uint16_t)d->id;
    if (2 * desc_n >= desc_index_cap) {
        size_t cap = desc_index_cap ? desc_index_cap * 2 : 64;
        uint16_t *t = (uint16_t *)mochi_xmalloc(cap * sizeof(uint16_t));
        memset(t, 0, cap * sizeof(uint16_t));
        for (size_t id = 1; id < desc_n; id++) {
            size_t j = (size_t)desc_hash(mochi_desc_table[id]) & (cap - 1);
            while (t[j]) j = (j + 1) & (cap - 1);
            t[j] = (uint16_t)id;
        }
        free(desc_index);
        desc_index = t;
        desc_index_cap = cap;
    }
    size_t j = (size_t)desc_hash(d) & (desc_index_cap - 1);
    while (desc_index[j] && !same_contents(mochi_desc_table[desc_index[j]], d)) j = (j + 1) & (desc_index_cap - 1);
    if (!desc_index[j]) {
        if (desc_n > UINT16_MAX) mochi_rt_error("too many struct types (more than 65535)");
        if (desc_n == desc_cap) {
            size_t cap = desc_cap * 2 < 64 ? 64 : desc_cap * 2;
            const MochiTypeDesc **t = (const MochiTypeDesc **)mochi_xmalloc(cap * sizeof(*t));
            memcpy(t, mochi_desc_table, desc_n * sizeof(*t));
            /* The old table is left as it is (not freed): code holding its address
             * from before this call still reads correct entries. */
            mochi_desc_table = t;
            desc_cap = cap;
        }
        mochi_desc_table[desc_n] = d;
        desc_index[j] = (uint16_t)desc_n++;
    }
    ((MochiTypeDesc *)d)->id = desc_index[j]; /* descriptors are writable data (see the header) */
    return desc_index[j];
}

int32_t mochi_desc_field_index(const MochiTypeDesc *d, const char *name, int64_t name_len) {
    if (!d || !name) return -1;
    for (int32_t i = 0; i < d->nfields; i++)
        if ((int64_t)strlen(d->field_names[i]) == name_len && memcmp(d->field_names[i], name, (size_t)name_len) == 0) return i;
    return -1;
}

mochi_ref mochi_struct_new(const MochiTypeDesc *desc) {
    int32_t n = desc ? desc->nfields : 0;
    uint16_t id = mochi_desc_id(desc);
    MochiStruct *s = (MochiStruct *)mochi_gc_alloc(MOCHI_O_STRUCT, sizeof(MochiStruct) + (size_t)n * sizeof(mochi_slot));
    s->h.desc = id;
    return (mochi_ref)s;
}

/* A struct or variant without fields (`Leaf`, `None`) has no state to tell two apart:
 * equality is structural and nothing can be stored into it. So each descriptor gets
 * one shared instance, made on first use, instead of an allocation per value (a third
 * of binary_trees' bytes). The instances live outside the collected heap and are
 * never freed; marking one through a reference just leaves its mark bit set (it has
 * no children, and sweeping never visits it). Looked up by descriptor address in an
 * open-addressing table; the instance's descriptor is that address, so a descriptor
 * freed and another made at the same address is still answered correctly. */
typedef struct {
    const MochiTypeDesc *desc;
    MochiStruct *obj;
} EmptyEntry;

static EmptyEntry *empties;
static size_t empties_n, empties_cap;

static size_t empty_slot(EmptyEntry *t, size_t cap, const MochiTypeDesc *desc) {
    size_t i = (size_t)(((uint64_t)(uintptr_t)desc >> 3) * 0x9E3779B97F4A7C15ull >> 40) & (cap - 1);
    while (t[i].desc && t[i].desc != desc) i = (i + 1) & (cap - 1);
    return i;
}

/* The last descriptor asked for: a union's one empty variant (`Leaf`) is asked for
 * over and over. */
static const MochiTypeDesc *last_empty_desc;
MochiStruct *mochi_last_empty;

static mochi_ref shared_empty(const MochiTypeDesc *desc) {
    if (desc == last_empty_desc && mochi_last_empty) return (mochi_ref)mochi_last_empty;
    if (empties_cap) {
        size_t i = empty_slot(empties, empties_cap, desc);
        if (empties[i].desc) {
            last_empty_desc = desc;
            mochi_last_empty = empties[i].obj;
            return (mochi_ref)mochi_last_empty;
        }
    }
    if (2 * (empties_n + 1) > empties_cap) {
        size_t cap = empties_cap ? empties_cap * 2 : 64;
        EmptyEntry *t = (EmptyEntry *)mochi_xmalloc(cap * sizeof(EmptyEntry));
        memset(t, 0, cap * sizeof(EmptyEntry));
        for (size_t i = 0; i < empties_cap; i++)
            if (empties[i].desc) t[empty_slot(t, cap, empties[i].desc)] = empties[i];
        free(empties);
        empties = t;
        empties_cap = cap;
    }
    MochiStruct *o = (MochiStruct *)mochi_xmalloc(sizeof(MochiStruct));
    memset(o, 0, sizeof(MochiStruct));
    o->h.kind = MOCHI_O_STRUCT;
    o->h.desc = mochi_desc_id(desc);
    size_t i = empty_slot(empties, empties_cap, desc);
    empties[i].desc = desc;
    empties[i].obj = o;
    empties_n++;
    last_empty_desc = desc;
    mochi_last_empty = o;
    return (mochi_ref)o;
}

mochi_ref mochi_struct_from(const MochiTypeDesc *desc, const mochi_slot *slots) {
    if (!desc || !slots) return desc && desc->nfields == 0 ? shared_empty(desc) : mochi_struct_new(desc);
    int32_t n = desc->nfields;
    if (n == 0) return shared_empty(desc);
    /* Every field is written below, so the cell need not be zeroed first. */
    size_t size = sizeof(MochiStruct) + (size_t)n * sizeof(mochi_slot);
    uint16_t id = mochi_desc_id(desc);
    MochiStruct *s = (MochiStruct *)(size <= MOCHI_GC_INLINE_MAX ? mochi_gc_alloc_small(MOCHI_O_STRUCT, size)
                                                                 : mochi_gc_alloc_uninit(MOCHI_O_STRUCT, size));
    s->h.desc = id;
    for (int32_t i = 0; i < n; i++) s->f[i] = slots[i];
    return (mochi_ref)s;
}

const MochiTypeDesc *mochi_struct_desc(mochi_ref s) {
    return s && s->kind == MOCHI_O_STRUCT ? MOCHI_STRUCT_DESC(s) : NULL;
}

static void check_field(mochi_ref s, int64_t i) {
    if (!s || s->kind != MOCHI_O_STRUCT) mochi_rt_error("field access on a non-struct value");
    const MochiTypeDesc *d = MOCHI_STRUCT_DESC(s);
    int64_t n = d ? d->nfields : 0;
    if (i < 0 || i >= n) mochi_err_index("field", i, n);
}

mochi_slot mochi_struct_get(mochi_ref s, int64_t i) {
    check_field(s, i);
    return ((MochiStruct *)s)->f[i];
}

void mochi_struct_set(mochi_ref s, int64_t i, mochi_slot v) {
    check_field(s, i);
    ((MochiStruct *)s)->f[i] = v;
}

int64_t mochi_struct_tag(mochi_ref s) {
    const MochiTypeDesc *d = mochi_struct_desc(s);
    return d ? d->tag : -1;
}

static int same_desc(const MochiTypeDesc *a, const MochiTypeDesc *b) {
    if (a == b) return 1;
    if (!a || !b || a->nfields != b->nfields || a->tag != b->tag) return 0;
    if (strcmp(a->name, b->name) != 0) return 0;
    for (int32_t i = 0; i < a->nfields; i++)
        if (a->field_kinds[i] != b->field_kinds[i] || strcmp(a->field_names[i], b->field_names[i]) != 0) return 0;
    return 1;
}

int64_t mochi_struct_eq(mochi_ref a, mochi_ref b) {
    if (a == b) return 1;
    if (!a || !b || a->kind != MOCHI_O_STRUCT || b->kind != MOCHI_O_STRUCT) return 0;
    MochiStruct *x = (MochiStruct *)a, *y = (MochiStruct *)b;
    const MochiTypeDesc *d = MOCHI_STRUCT_DESC(x);
    if (x->h.desc != y->h.desc && !same_desc(d, MOCHI_STRUCT_DESC(y))) return 0;
    for (int32_t i = 0; d && i < d->nfields; i++)
        if (!mochi_slot_eq((MochiSlotKind)d->field_kinds[i], x->f[i], y->f[i])) return 0;
    return 1;
}

mochi_ref mochi_struct_from_map(const MochiTypeDesc *desc, mochi_ref m) {
    if (m && m->kind == MOCHI_O_STRUCT && same_desc(MOCHI_STRUCT_DESC(m), desc)) return m;
    mochi_ref s = mochi_struct_new(desc);
    if (!m) return s;
    if (m->kind != MOCHI_O_MAP && m->kind != MOCHI_O_STRUCT) mochi_rt_error("invalid cast: value is not a map");
    for (int32_t i = 0; desc && i < desc->nfields; i++) {
        mochi_ref v = mochi_any_field(m, desc->field_names[i]);
        ((MochiStruct *)s)->f[i] = mochi_unbox(v, (MochiSlotKind)desc->field_kinds[i]);
    }
    return s;
}

/* ---- closures ---- */

mochi_ref mochi_closure_new(int64_t fn_id, void *code, int64_t ncap, const uint8_t *kinds, const mochi_slot *slots) {
    if (ncap < 0) ncap = 0;
    MochiClosure *c = (MochiClosure *)mochi_gc_alloc(MOCHI_O_CLOSURE, sizeof(MochiClosure) + (size_t)ncap * (sizeof(mochi_slot) + 1));
    c->fn_id = fn_id;
    c->code = code;
    c->ncap = ncap;
    uint8_t *ks = (uint8_t *)(c->caps + ncap);
    for (int64_t i = 0; i < ncap; i++) {
        ks[i] = kinds ? (kinds[i] <= MOCHI_K_REF ? kinds[i] : MOCHI_K_REF) : MOCHI_K_REF;
        c->caps[i] = slots ? slots[i] : 0;
    }
    return (mochi_ref)c;
}

static MochiClosure *closure_at(mochi_ref c, int64_t i) {
    if (!c || c->kind != MOCHI_O_CLOSURE) mochi_rt_error("call of a non-function value");
    if (i < 0 || i >= ((MochiClosure *)c)->ncap) mochi_err_index("capture", i, ((MochiClosure *)c)->ncap);
    return (MochiClosure *)c;
}

mochi_slot mochi_closure_get(mochi_ref c, int64_t i) {
    return closure_at(c, i)->caps[i];
}

void mochi_closure_set(mochi_ref c, int64_t i, mochi_slot v) {
    closure_at(c, i)->caps[i] = v;
}

MochiSlotKind mochi_closure_cap_kind(mochi_ref c, int64_t i) {
    MochiClosure *cl = closure_at(c, i);
    return (MochiSlotKind)((const uint8_t *)(cl->caps + cl->ncap))[i];
}

int64_t mochi_closure_fn_id(mochi_ref c) {
    if (!c || c->kind != MOCHI_O_CLOSURE) mochi_rt_error("call of a non-function value");
    return ((MochiClosure *)c)->fn_id;
}

void *mochi_closure_code(mochi_ref c) {
    if (!c || c->kind != MOCHI_O_CLOSURE) mochi_rt_error("call of a non-function value");
    return ((MochiClosure *)c)->code;
}

/* ---- boxing ---- */

#define SMALL_LO (-256)
#define SMALL_HI 1024
static MochiBox small_ints[SMALL_HI - SMALL_LO];
static MochiBox bool_boxes[2];
static int boxes_ready;

static void init_boxes(void) {
    for (int i = 0; i < SMALL_HI - SMALL_LO; i++) {
        small_ints[i].h.kind = MOCHI_O_INT;
        small_ints[i].v = (mochi_slot)(int64_t)(i + SMALL_LO);
    }
    for (int i = 0; i < 2; i++) {
        bool_boxes[i].h.kind = MOCHI_O_BOOL;
        bool_boxes[i].v = (mochi_slot)i;
    }
    boxes_ready = 1;
}

mochi_ref mochi_box_int(int64_t v) {
    if (v >= SMALL_LO && v < SMALL_HI) {
        if (!boxes_ready) init_boxes();
        return (mochi_ref)&small_ints[v - SMALL_LO];
    }
    MochiBox *b = (MochiBox *)mochi_gc_alloc(MOCHI_O_INT, sizeof(MochiBox));
    b->v = (mochi_slot)v;
    return (mochi_ref)b;
}

mochi_ref mochi_box_float(double v) {
    MochiBox *b = (MochiBox *)mochi_gc_alloc(MOCHI_O_FLOAT, sizeof(MochiBox));
    b->v = mochi_f2s(v);
    return (mochi_ref)b;
}

mochi_ref mochi_box_bool(int64_t v) {
    if (!boxes_ready) init_boxes();
    return (mochi_ref)&bool_boxes[v ? 1 : 0];
}

mochi_ref mochi_box(MochiSlotKind kind, mochi_slot v) {
    switch (kind) {
    case MOCHI_K_I64: return mochi_box_int((int64_t)v);
    case MOCHI_K_F64: return mochi_box_float(mochi_s2f(v));
    case MOCHI_K_BOOL: return mochi_box_bool((int64_t)v);
    default: return mochi_s2r(v);
    }
}

MochiAnyKind mochi_any_kind(mochi_ref a) {
    if (!a) return MOCHI_A_NIL;
    switch (a->kind) {
    case MOCHI_O_INT: return MOCHI_A_INT;
    case MOCHI_O_FLOAT: return MOCHI_A_FLOAT;
    case MOCHI_O_BOOL: return MOCHI_A_BOOL;
    case MOCHI_O_STR: return MOCHI_A_STR;
    case MOCHI_O_LIST: return MOCHI_A_LIST;
    case MOCHI_O_MAP: return MOCHI_A_MAP;
    case MOCHI_O_STRUCT: return MOCHI_A_STRUCT;
    case MOCHI_O_CLOSURE: return MOCHI_A_CLOSURE;
    case MOCHI_O_BIGINT: return MOCHI_A_BIGINT;
    case MOCHI_O_BIGRAT: return MOCHI_A_BIGRAT;
    default: return MOCHI_A_NIL;
    }
}

static const char *kind_name(mochi_ref a) {
    static const char *names[] = {"nil", "int", "float", "bool", "string", "list", "map", "struct", "function",
                                  "bigint", "bigrat"};
    return names[mochi_any_kind(a)];
}

static MOCHI_NORETURN void bad_cast(mochi_ref a, const char *to) {
    char msg[96];
    snprintf(msg, sizeof msg, "invalid cast: %s to %s", kind_name(a), to);
    mochi_rt_error(msg);
}

mochi_slot mochi_unbox(mochi_ref a, MochiSlotKind kind) {
    MochiAnyKind k = mochi_any_kind(a);
    switch (kind) {
    case MOCHI_K_I64:
        if (k == MOCHI_A_INT) return ((MochiBox *)a)->v;
        bad_cast(a, "int");
    case MOCHI_K_F64:
        if (k == MOCHI_A_FLOAT) return ((MochiBox *)a)->v;
        if (k == MOCHI_A_INT) return mochi_f2s((double)(int64_t)((MochiBox *)a)->v);
        bad_cast(a, "float");
    case MOCHI_K_BOOL:
        if (k == MOCHI_A_BOOL) return ((MochiBox *)a)->v;
        bad_cast(a, "bool");
    default:
        return mochi_r2s(a);
    }
}

int64_t mochi_any_truthy(mochi_ref a) {
    switch (mochi_any_kind(a)) {
    case MOCHI_A_NIL: return 0;
    case MOCHI_A_BOOL: return ((MochiBox *)a)->v != 0;
    case MOCHI_A_INT: return ((MochiBox *)a)->v != 0;
    case MOCHI_A_FLOAT: return mochi_s2f(((MochiBox *)a)->v) != 0.0;
    case MOCHI_A_BIGINT: return mochi_bigint_sign(a) != 0;
    case MOCHI_A_BIGRAT: return mochi_bigrat_sign(a) != 0;
    default: return 1;
    }
}

/* ---- equality and hashing ---- */

static int is_num(MochiAnyKind k) {
    return k == MOCHI_A_INT || k == MOCHI_A_FLOAT;
}

/* bigint and bigrat: numbers too, compared and combined in mochi_bigint.c. */
static int is_big(MochiAnyKind k) {
    return k == MOCHI_A_BIGINT || k == MOCHI_A_BIGRAT;
}

static double num_of(mochi_ref a) {
    return a->kind == MOCHI_O_INT ? (double)(int64_t)((MochiBox *)a)->v : mochi_s2f(((MochiBox *)a)->v);
}

int64_t mochi_any_eq(mochi_ref a, mochi_ref b) {
    if (a == b) return 1;
    MochiAnyKind ka = mochi_any_kind(a), kb = mochi_any_kind(b);
    if (is_big(ka) || is_big(kb)) return mochi_num_any_eq(a, b);
    if (is_num(ka) && is_num(kb)) {
        if (ka == MOCHI_A_INT && kb == MOCHI_A_INT) return ((MochiBox *)a)->v == ((MochiBox *)b)->v;
        return num_of(a) == num_of(b);
    }
    if (ka != kb) return 0;
    switch (ka) {
    case MOCHI_A_BOOL: return ((MochiBox *)a)->v == ((MochiBox *)b)->v;
    case MOCHI_A_STR: return mochi_str_eq(a, b);
    case MOCHI_A_LIST: return mochi_list_eq(a, b);
    case MOCHI_A_MAP: return mochi_map_eq(a, b);
    case MOCHI_A_STRUCT: return mochi_struct_eq(a, b);
    default: return 0;
    }
}

int64_t mochi_slot_eq(MochiSlotKind kind, mochi_slot a, mochi_slot b) {
    switch (kind) {
    case MOCHI_K_I64: case MOCHI_K_BOOL: return a == b;
    case MOCHI_K_F64: return mochi_s2f(a) == mochi_s2f(b);
    default: return mochi_any_eq(mochi_s2r(a), mochi_s2r(b));
    }
}

static uint64_t mix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static uint64_t hash_float(double d) {
    if (d >= -9.2e18 && d <= 9.2e18 && d == (double)(int64_t)d) return mochi_hash_i64((uint64_t)(int64_t)d);
    return mix(mochi_f2s(d));
}

uint64_t mochi_hash_f64(double d) {
    return hash_float(d);
}

/* Eight bytes per multiply; the tail is read as one zero-padded word. Word order is
 * the machine's, which only changes table positions, never anything printed. */
uint64_t mochi_hash_bytes(const char *p, int64_t n) {
    uint64_t h = 0x243F6A8885A308D3ull ^ (uint64_t)n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    if (n > 0) {
        uint64_t w = 0;
        memcpy(&w, p, (size_t)n);
        h = (h ^ w) * 0x94D049BB133111EBull;
    }
    return mix(h);
}

static uint64_t hash_bytes(const char *p, int64_t n) {
    return mochi_hash_bytes(p, n);
}

uint64_t mochi_slot_hash(MochiSlotKind kind, mochi_slot v) {
    switch (kind) {
    case MOCHI_K_I64: return mochi_hash_i64(v);
    case MOCHI_K_F64: return hash_float(mochi_s2f(v));
    case MOCHI_K_BOOL: return mix(v ^ 0xB001ull);
    default: return mochi_any_hash(mochi_s2r(v));
    }
}

uint64_t mochi_any_hash(mochi_ref a) {
    switch (mochi_any_kind(a)) {
    case MOCHI_A_NIL: return 0x5EED;
    case MOCHI_A_INT: return mochi_hash_i64(((MochiBox *)a)->v);
    case MOCHI_A_FLOAT: return hash_float(mochi_s2f(((MochiBox *)a)->v));
    case MOCHI_A_BOOL: return mix(((MochiBox *)a)->v ^ 0xB001ull);
    case MOCHI_A_BIGINT: return mochi_bigint_hash(a);
    case MOCHI_A_BIGRAT: return mochi_bigrat_hash(a);
    case MOCHI_A_STR: return hash_bytes(mochi_str_bytes(a), mochi_str_byte_len(a));
    case MOCHI_A_LIST: {
        MochiList *l = (MochiList *)a;
        uint64_t h = 0x1157;
        for (int64_t i = 0; i < l->len; i++) h = mix(h * 31 + mochi_slot_hash((MochiSlotKind)l->elem_kind, mochi_list_at(l, i)));
        return h;
    }
    case MOCHI_A_MAP: {
        MochiMap *m = (MochiMap *)a;
        uint64_t h = 0x3A9;
        for (int64_t i = 0; i < m->len; i++)
            h += mix(m->entries[i].hash * 31 + mochi_slot_hash((MochiSlotKind)m->val_kind, m->entries[i].val));
        return h;
    }
    case MOCHI_A_STRUCT: {
        MochiStruct *s = (MochiStruct *)a;
        const MochiTypeDesc *d = MOCHI_STRUCT_DESC(s);
        uint64_t h = d ? hash_bytes(d->name, (int64_t)strlen(d->name)) : 0;
        for (int32_t i = 0; d && i < d->nfields; i++)
            h = mix(h * 31 + mochi_slot_hash((MochiSlotKind)d->field_kinds[i], s->f[i]));
        return h;
    }
    default:
        return mix((uint64_t)(uintptr_t)a);
    }
}

/* ---- ordering ---- */

int64_t mochi_any_cmp(mochi_ref a, mochi_ref b) {
    if (a == b) return 0;
    MochiAnyKind ka = mochi_any_kind(a), kb = mochi_any_kind(b);
    if (ka == MOCHI_A_NIL) return -1;
    if (kb == MOCHI_A_NIL) return 1;
    if (is_big(ka) || is_big(kb)) {
        int ok;
        int64_t c = mochi_num_any_cmp(a, b, &ok);
        if (ok) return c;
    }
    if (is_num(ka) && is_num(kb)) {
        if (ka == MOCHI_A_INT && kb == MOCHI_A_INT) {
            int64_t x = (int64_t)((MochiBox *)a)->v, y = (int64_t)((MochiBox *)b)->v;
            return x < y ? -1 : x > y;
        }
        double x = num_of(a), y = num_of(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (ka == MOCHI_A_STR && kb == MOCHI_A_STR) return mochi_str_cmp(a, b);
    if (ka == MOCHI_A_BOOL && kb == MOCHI_A_BOOL) {
        int64_t x = (int64_t)((MochiBox *)a)->v, y = (int64_t)((MochiBox *)b)->v;
        return x < y ? -1 : x > y;
    }
    MochiBuf x, y;
    mochi_buf_init(&x);
    mochi_buf_init(&y);
    mochi_fmt_slot(&x, MOCHI_K_REF, mochi_r2s(a), MOCHI_FMT_STR);
    mochi_fmt_slot(&y, MOCHI_K_REF, mochi_r2s(b), MOCHI_FMT_STR);
    size_t m = x.n < y.n ? x.n : y.n;
    int c = m ? memcmp(x.p, y.p, m) : 0;
    int64_t r = c ? (c < 0 ? -1 : 1) : (x.n < y.n ? -1 : x.n > y.n ? 1 : 0);
    mochi_buf_free(&x);
    mochi_buf_free(&y);
    return r;
}

int64_t mochi_slot_cmp(MochiSlotKind kind, mochi_slot a, mochi_slot b) {
    switch (kind) {
    case MOCHI_K_I64: return (int64_t)a < (int64_t)b ? -1 : (int64_t)a > (int64_t)b;
    case MOCHI_K_BOOL: return a < b ? -1 : a > b;
    case MOCHI_K_F64: {
        double x = mochi_s2f(a), y = mochi_s2f(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    default: return mochi_any_cmp(mochi_s2r(a), mochi_s2r(b));
    }
}

/* ---- dynamic arithmetic ---- */

static MOCHI_NORETURN void bad_operands(const char *op, mochi_ref a, mochi_ref b) {
    char msg[128];
    snprintf(msg, sizeof msg, "invalid operands for %s: %s and %s", op, kind_name(a), kind_name(b));
    mochi_rt_error(msg);
}

static mochi_ref arith(int op, mochi_ref a, mochi_ref b) {
    static const char *ops[] = {"+", "-", "*", "/", "%"};
    MochiAnyKind ka = mochi_any_kind(a), kb = mochi_any_kind(b);
    if (ka == MOCHI_A_NIL || kb == MOCHI_A_NIL) return NULL; /* null propagates, as in the VM */
    if (is_big(ka) || is_big(kb)) {
        mochi_ref r = mochi_num_any_arith(op, a, b);
        if (r) return r;
        bad_operands(ops[op], a, b);
    }
    if (ka == MOCHI_A_INT && kb == MOCHI_A_INT) {
        int64_t x = (int64_t)((MochiBox *)a)->v, y = (int64_t)((MochiBox *)b)->v;
        switch (op) {
        case 0: return mochi_box_int(mochi_i64_add(x, y));
        case 1: return mochi_box_int(mochi_i64_sub(x, y));
        case 2: return mochi_box_int(mochi_i64_mul(x, y));
        case 3: return mochi_box_int(mochi_i64_div(x, y));
        default: return mochi_box_int(mochi_i64_rem(x, y));
        }
    }
    if (is_num(ka) && is_num(kb)) {
        double x = num_of(a), y = num_of(b);
        switch (op) {
        case 0: return mochi_box_float(x + y);
        case 1: return mochi_box_float(x - y);
        case 2: return mochi_box_float(x * y);
        case 3: return mochi_box_float(mochi_f64_div(x, y));
        default: return mochi_box_float(mochi_f64_mod(x, y));
        }
    }
    if (op == 0 && ka == MOCHI_A_STR && kb == MOCHI_A_STR) return mochi_str_concat(a, b);
    if (op == 0 && ka == MOCHI_A_LIST && kb == MOCHI_A_LIST) return mochi_list_concat(a, b);
    bad_operands(ops[op], a, b);
}

mochi_ref mochi_any_add(mochi_ref a, mochi_ref b) { return arith(0, a, b); }
mochi_ref mochi_any_sub(mochi_ref a, mochi_ref b) { return arith(1, a, b); }
mochi_ref mochi_any_mul(mochi_ref a, mochi_ref b) { return arith(2, a, b); }
mochi_ref mochi_any_div(mochi_ref a, mochi_ref b) { return arith(3, a, b); }
mochi_ref mochi_any_mod(mochi_ref a, mochi_ref b) { return arith(4, a, b); }

mochi_ref mochi_any_neg(mochi_ref a) {
    switch (mochi_any_kind(a)) {
    case MOCHI_A_NIL: return NULL;
    case MOCHI_A_INT: return mochi_box_int(mochi_i64_neg((int64_t)((MochiBox *)a)->v));
    case MOCHI_A_FLOAT: return mochi_box_float(-mochi_s2f(((MochiBox *)a)->v));
    case MOCHI_A_BIGINT: return mochi_bigint_neg(a);
    case MOCHI_A_BIGRAT: return mochi_bigrat_neg(a);
    default: bad_operands("-", a, a);
    }
}

/* ---- dynamic access ---- */

/* Convert an any to a key of kind k; returns 0 when it cannot be such a key. */
static int to_key(mochi_ref i, MochiSlotKind k, mochi_slot *out) {
    MochiAnyKind ki = mochi_any_kind(i);
    switch (k) {
    case MOCHI_K_I64:
        if (ki != MOCHI_A_INT) return 0;
        *out = ((MochiBox *)i)->v;
        return 1;
    case MOCHI_K_F64:
        if (!is_num(ki)) return 0;
        *out = mochi_f2s(num_of(i));
        return 1;
    case MOCHI_K_BOOL:
        if (ki != MOCHI_A_BOOL) return 0;
        *out = ((MochiBox *)i)->v;
        return 1;
    default:
        *out = mochi_r2s(i);
        return 1;
    }
}

mochi_ref mochi_any_index(mochi_ref x, mochi_ref i) {
    switch (mochi_any_kind(x)) {
    case MOCHI_A_NIL:
        return NULL;
    case MOCHI_A_LIST:
        if (mochi_any_kind(i) != MOCHI_A_INT) bad_cast(i, "int");
        return mochi_box(mochi_list_kind(x), mochi_list_get(x, (int64_t)((MochiBox *)i)->v));
    case MOCHI_A_STR:
        if (mochi_any_kind(i) != MOCHI_A_INT) bad_cast(i, "int");
        return mochi_str_index(x, (int64_t)((MochiBox *)i)->v);
    case MOCHI_A_MAP: {
        mochi_slot k;
        if (!to_key(i, mochi_map_key_kind(x), &k)) return NULL;
        return mochi_map_get_any(x, k);
    }
    case MOCHI_A_STRUCT:
        if (mochi_any_kind(i) == MOCHI_A_STR) return mochi_any_field(x, mochi_str_bytes(i));
        /* fall through */
    default:
        bad_operands("[]", x, i);
    }
}

mochi_ref mochi_any_field(mochi_ref x, const char *name) {
    switch (mochi_any_kind(x)) {
    case MOCHI_A_STRUCT: {
        MochiStruct *s = (MochiStruct *)x;
        const MochiTypeDesc *d = MOCHI_STRUCT_DESC(s);
        int32_t i = mochi_desc_field_index(d, name, (int64_t)strlen(name));
        if (i < 0) return NULL;
        return mochi_box((MochiSlotKind)d->field_kinds[i], s->f[i]);
    }
    case MOCHI_A_MAP: {
        if (mochi_map_key_kind(x) != MOCHI_K_REF) return NULL;
        mochi_ref key = mochi_str_lit(name);
        return mochi_map_get_any(x, mochi_r2s(key));
    }
    default:
        return NULL;
    }
}

int64_t mochi_any_len(mochi_ref x) {
    switch (mochi_any_kind(x)) {
    case MOCHI_A_LIST: return mochi_list_len(x);
    case MOCHI_A_MAP: return mochi_map_len(x);
    case MOCHI_A_STR: return mochi_str_len(x);
    case MOCHI_A_STRUCT: {
        /* a group: its items */
        mochi_ref items = mochi_any_field(x, "items");
        return mochi_any_kind(items) == MOCHI_A_LIST ? mochi_list_len(items) : 0;
    }
    default: return 0;
    }
}

int64_t mochi_any_in(mochi_ref v, mochi_ref x) {
    switch (mochi_any_kind(x)) {
    case MOCHI_A_LIST: {
        MochiList *l = (MochiList *)x;
        for (int64_t i = 0; i < l->len; i++)
            if (mochi_any_eq(v, mochi_box((MochiSlotKind)l->elem_kind, mochi_list_at(l, i)))) return 1;
        return 0;
    }
    case MOCHI_A_MAP: {
        mochi_slot k;
        return to_key(v, mochi_map_key_kind(x), &k) && mochi_map_has(x, k);
    }
    case MOCHI_A_STR:
        return mochi_any_kind(v) == MOCHI_A_STR && mochi_str_contains(x, v);
    default:
        return 0;
    }
}

int64_t mochi_any_to_int(mochi_ref x) {
    switch (mochi_any_kind(x)) {
    case MOCHI_A_INT: return (int64_t)((MochiBox *)x)->v;
    case MOCHI_A_BOOL: return (int64_t)((MochiBox *)x)->v;
    case MOCHI_A_FLOAT: {
        double d = mochi_s2f(((MochiBox *)x)->v);
        if (!(d > -9223372036854775808.0 - 1025.0 && d < 9223372036854775808.0)) mochi_err_overflow();
        return (int64_t)d;
    }
    case MOCHI_A_STR: return mochi_str_to_int(x);
    case MOCHI_A_BIGINT: return mochi_bigint_to_i64(x);
    case MOCHI_A_BIGRAT: return mochi_bigrat_to_i64(x);
    default: bad_cast(x, "int");
    }
}

double mochi_any_to_float(mochi_ref x) {
    switch (mochi_any_kind(x)) {
    case MOCHI_A_INT: return (double)(int64_t)((MochiBox *)x)->v;
    case MOCHI_A_BOOL: return (double)((MochiBox *)x)->v;
    case MOCHI_A_FLOAT: return mochi_s2f(((MochiBox *)x)->v);
    case MOCHI_A_STR: return mochi_str_to_float(x);
    case MOCHI_A_BIGINT: return mochi_bigint_to_f64(x);
    case MOCHI_A_BIGRAT: return mochi_bigrat_to_f64(x);
    default: bad_cast(x, "float");
    }
}

/* ---- group by ---- */

static const char *const group_names[] = {"key", "items"};
static const uint8_t group_kinds[] = {MOCHI_K_REF, MOCHI_K_REF};
MochiTypeDesc mochi_group_desc = {"group", 2, -1, group_names, group_kinds, NULL, 1, 0};

/* The builder is a heap struct: index map (any key -> group number), group list, item kind. */
static const char *const builder_names[] = {"index", "groups", "item_kind"};
static const uint8_t builder_kinds[] = {MOCHI_K_REF, MOCHI_K_REF, MOCHI_K_I64};
static MochiTypeDesc builder_desc = {"groupby", 3, -1, builder_names, builder_kinds, NULL, 0, 0};

mochi_ref mochi_groupby_new(MochiSlotKind item_kind) {
    mochi_ref b = mochi_struct_new(&builder_desc);
    MochiStruct *s = (MochiStruct *)b;
    s->f[0] = mochi_r2s(mochi_map_new(MOCHI_K_REF, MOCHI_K_I64));
    s->f[1] = mochi_r2s(mochi_list_new(MOCHI_K_REF, 0));
    s->f[2] = (mochi_slot)item_kind;
    return b;
}

void mochi_groupby_add(mochi_ref builder, mochi_ref key, mochi_slot item) {
    if (mochi_struct_desc(builder) != &builder_desc) mochi_rt_error("invalid group-by builder");
    MochiStruct *s = (MochiStruct *)builder;
    mochi_ref index = mochi_s2r(s->f[0]), groups = mochi_s2r(s->f[1]);
    mochi_slot at;
    mochi_ref g;
    if (mochi_map_get(index, mochi_r2s(key), &at)) {
        g = mochi_s2r(mochi_list_get(groups, (int64_t)at));
    } else {
        mochi_ref items = mochi_list_new((MochiSlotKind)s->f[2], 0);
        mochi_slot f[2];
        f[0] = mochi_r2s(key);
        f[1] = mochi_r2s(items);
        g = mochi_struct_from(&mochi_group_desc, f);
        mochi_map_set(index, mochi_r2s(key), (mochi_slot)mochi_list_len(groups));
        mochi_list_push(groups, mochi_r2s(g));
    }
    mochi_list_push(mochi_s2r(((MochiStruct *)g)->f[1]), item);
}

mochi_ref mochi_groupby_result(mochi_ref builder) {
    if (mochi_struct_desc(builder) != &builder_desc) mochi_rt_error("invalid group-by builder");
    return mochi_s2r(((MochiStruct *)builder)->f[1]);
}
