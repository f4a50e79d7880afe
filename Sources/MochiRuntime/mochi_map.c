/*
 * mochi_map.c: hash maps with sorted iteration.
 *
 * Entries are stored densely (a deletion moves the last entry into the hole) and
 * indexed by an open-addressing table (linear probing) of entry numbers tagged with
 * half of the key's hash, so a probe reads an entry only when the tags agree. Int and
 * string keys are hashed and compared inline; the last key looked up is remembered,
 * so `if k in m { m[k] = m[k] + 1 }` finds its key once, not three times.
 * Every observable order (for-in, keys(), values(), printing) is the sorted key
 * order of LANGUAGE.md §4/§10: keys compare bytewise by their text (the decimal
 * form for ints, the bytes for strings, str() for other keys), as the VM sorts
 * them. That order is computed on first use and cached until a key is added or
 * removed, so updating values in a loop keeps it.
 */
#include "mochi_internal.h"

#define T_EMPTY 0u
#define T_TOMB 1u
#define T_TAG(h) ((h) & 0xFFFFFFFF00000000ull)
#define T_ENTRY(t) ((int64_t)(uint32_t)(t) - 2)

static MochiMap *M(mochi_ref r) {
    return (MochiMap *)r;
}

mochi_ref mochi_map_new(MochiSlotKind key_kind, MochiSlotKind val_kind) {
    MochiMap *m = (MochiMap *)mochi_gc_alloc(MOCHI_O_MAP, sizeof(MochiMap));
    m->key_kind = (uint32_t)key_kind;
    m->val_kind = (uint32_t)val_kind;
    m->cpos = -1;
    return (mochi_ref)m;
}

MochiSlotKind mochi_map_key_kind(mochi_ref m) {
    return m ? (MochiSlotKind)M(m)->key_kind : MOCHI_K_REF;
}

MochiSlotKind mochi_map_val_kind(mochi_ref m) {
    return m ? (MochiSlotKind)M(m)->val_kind : MOCHI_K_REF;
}

int64_t mochi_map_len(mochi_ref m) {
    return m ? M(m)->len : 0;
}

/* The same value as mochi_slot_hash(key_kind, key), with ints and strings inline. */
static inline uint64_t key_hash(const MochiMap *m, mochi_slot key) {
    if (m->key_kind == MOCHI_K_I64) return mochi_hash_i64(key);
    if (m->key_kind == MOCHI_K_REF) {
        mochi_ref r = mochi_s2r(key);
        if (r && r->kind == MOCHI_O_STR) return mochi_hash_bytes(((MochiStr *)r)->data, ((MochiStr *)r)->len);
    }
    return mochi_slot_hash((MochiSlotKind)m->key_kind, key);
}

/* mochi_slot_eq for keys, with ints and strings inline. */
static inline int key_eq(const MochiMap *m, mochi_slot a, mochi_slot b) {
    switch (m->key_kind) {
    case MOCHI_K_I64: case MOCHI_K_BOOL: return a == b;
    case MOCHI_K_REF: {
        if (a == b) return 1;
        mochi_ref x = mochi_s2r(a), y = mochi_s2r(b);
        if (x && y && x->kind == MOCHI_O_STR && y->kind == MOCHI_O_STR) {
            const MochiStr *p = (const MochiStr *)x, *q = (const MochiStr *)y;
            return p->len == q->len && memcmp(p->data, q->data, (size_t)p->len) == 0;
        }
        return (int)mochi_any_eq(x, y);
    }
    default: return (int)mochi_slot_eq((MochiSlotKind)m->key_kind, a, b);
    }
}

/* Maps with int keys are probed by mochi_map_probe_i64 (mochi_runtime.h), the same
 * probe inline in generated code and the JIT, and here through the one-key cache
 * (mochi_map_find_i64_cached) by mochi_map_find. */

void mochi_map_note_absent(MochiMap *m, int64_t key, int64_t end) {
    uint64_t h = mochi_hash_i64((uint64_t)key), mask = (uint64_t)m->tcap - 1, i = h & mask;
    if (m->tombs)
        for (; (int64_t)i != end; i = (i + 1) & mask)
            if (m->table[i] == T_TOMB) break;
    m->ckey = (mochi_slot)key;
    m->chash = h;
    m->cpos = -(int64_t)(m->tombs ? i : (uint64_t)end) - 2;
}

/* Table slot holding key (hash h), or -1; then *ins is the first free slot on its
 * probe path. Slots carry the hash's high half, so a probe reads an entry only when
 * that matches. Fills the one-key cache. */
static int64_t probe(MochiMap *m, mochi_slot key, uint64_t h, int64_t *ins) {
    *ins = -1;
    if (!m->tcap) return -1;
    uint64_t mask = (uint64_t)m->tcap - 1, i = h & mask, tag = T_TAG(h);
    int64_t first_free = -1;
    for (;;) {
        uint64_t t = m->table[i];
        if (t == T_EMPTY) {
            *ins = first_free >= 0 ? first_free : (int64_t)i;
            m->ckey = key;
            m->chash = h;
            m->cpos = -*ins - 2;
            return -1;
        }
        if (t == T_TOMB) {
            if (first_free < 0) first_free = (int64_t)i;
        } else if (T_TAG(t) == tag && key_eq(m, m->entries[T_ENTRY(t)].key, key)) {
            m->ckey = key;
            m->cpos = (int64_t)i;
            return (int64_t)i;
        }
        i = (i + 1) & mask;
    }
}

/* The table slot of key (or -1, with *ins and *h set for an insertion), through the
 * cache when it holds this very key. A key of identical bits is the same key (a NaN
 * is never found, so never cached as present). */
static inline int64_t lookup(MochiMap *m, mochi_slot key, uint64_t *h, int64_t *ins) {
    if (m->cpos != -1 && m->ckey == key) {
        if (m->cpos >= 0) return m->cpos;
        *h = m->chash;
        *ins = -m->cpos - 2;
        return -1;
    }
    *h = key_hash(m, key);
    return probe(m, key, *h, ins);
}

static void rebuild(MochiMap *m, int64_t tcap) {
    size_t old = (size_t)m->tcap;
    free(m->table);
    free(m->sorted);
    m->sorted = NULL;
    m->sorted_ok = 0;
    m->cpos = -1;
    m->table = (uint64_t *)calloc((size_t)tcap, sizeof(uint64_t));
    if (!m->table) mochi_rt_error("out of memory");
    if ((size_t)tcap > old) mochi_gc_note_external(((size_t)tcap - old) * sizeof(uint64_t) * 2);
    m->tcap = tcap;
    m->tombs = 0;
    uint64_t mask = (uint64_t)tcap - 1;
    for (int64_t e = 0; e < m->len; e++) {
        uint64_t h = m->entries[e].hash, i = h & mask;
        while (m->table[i] != T_EMPTY) i = (i + 1) & mask;
        m->table[i] = T_TAG(h) | (uint64_t)(e + 2);
    }
}

MochiMapEntry *mochi_map_find(mochi_ref r, mochi_slot key) {
    if (!r) return NULL;
    MochiMap *m = M(r);
    if (m->key_kind == MOCHI_K_I64) return mochi_map_find_i64_cached(r, key);
    uint64_t h;
    int64_t ins, i = lookup(m, key, &h, &ins);
    return i < 0 ? NULL : &m->entries[T_ENTRY(m->table[i])];
}

int64_t mochi_map_get(mochi_ref r, mochi_slot key, mochi_slot *out) {
    MochiMapEntry *e = mochi_map_find(r, key);
    if (!e) return 0;
    if (out) *out = e->val;
    return 1;
}

mochi_ref mochi_map_get_any(mochi_ref m, mochi_slot key) {
    mochi_slot v;
    if (!mochi_map_get(m, key, &v)) return NULL;
    return mochi_box((MochiSlotKind)M(m)->val_kind, v);
}

mochi_slot mochi_map_get_or(mochi_ref m, mochi_slot key, mochi_slot dflt) {
    mochi_slot v;
    return mochi_map_get(m, key, &v) ? v : dflt;
}

/* Adds key (hash h, absent) with value; ins is the table slot it goes to (a deleted
 * one or the empty one that ended its probe), or -1 (no table). */
static void add_entry(MochiMap *m, mochi_slot key, mochi_slot value, uint64_t h, int64_t ins) {
    if (m->len >= (int64_t)0xFFFFFFF0) mochi_rt_error("out of memory");
    if (m->len == m->ecap) {
        int64_t nc = m->ecap ? m->ecap * 2 : 4;
        m->entries = (MochiMapEntry *)mochi_xrealloc(m->entries, (size_t)nc * sizeof(MochiMapEntry));
        mochi_gc_note_external((size_t)(nc - m->ecap) * sizeof(MochiMapEntry));
        m->ecap = nc;
    }
    int64_t e = m->len++;
    m->entries[e].key = key;
    m->entries[e].val = value;
    m->entries[e].hash = h;
    m->sorted_ok = 0;
    m->cpos = -1;
    /* Live entries and deleted slots both lengthen probes: keep them under 3/4. */
    if (ins >= 0 && (m->len + m->tombs) * 4 <= m->tcap * 3) {
        if (m->table[ins] == T_TOMB) m->tombs--;
        m->table[ins] = T_TAG(h) | (uint64_t)(e + 2);
        return;
    }
    int64_t tc = m->tcap ? m->tcap : 8;
    while (m->len * 4 > tc * 3) tc *= 2;
    rebuild(m, tc);
}

void mochi_map_set(mochi_ref r, mochi_slot key, mochi_slot value) {
    if (!r) mochi_rt_error("assignment to a nil map");
    MochiMap *m = M(r);
    /* One probe finds the key or where it goes (generated code and the JIT update
     * an int key's value in place themselves and call here to insert). */
    uint64_t h;
    int64_t ins, i = lookup(m, key, &h, &ins);
    if (i >= 0) {
        m->entries[T_ENTRY(m->table[i])].val = value;
        return;
    }
    add_entry(m, key, value, h, ins);
}

void mochi_map_insert_i64_at(mochi_ref r, int64_t key, mochi_slot value, int64_t end, int32_t line) {
    mochi_loc_line = line;
    if (!r || end < 0) {
        mochi_map_set(r, (mochi_slot)key, value);
        return;
    }
    /* The probe passed no slot of this key: it goes to the first deleted slot on its
     * path, else to the empty one that ended it (as probe() finds). */
    MochiMap *m = M(r);
    uint64_t h = mochi_hash_i64((uint64_t)key), mask = (uint64_t)m->tcap - 1, i = h & mask;
    int64_t ins = end;
    if (m->tombs)
        for (; (int64_t)i != end; i = (i + 1) & mask)
            if (m->table[i] == T_TOMB) {
                ins = (int64_t)i;
                break;
            }
    add_entry(m, (mochi_slot)key, value, h, ins);
}

int64_t mochi_map_has(mochi_ref m, mochi_slot key) {
    return mochi_map_get(m, key, NULL);
}

int64_t mochi_map_delete(mochi_ref r, mochi_slot key) {
    if (!r) return 0;
    MochiMap *m = M(r);
    uint64_t h;
    int64_t ins, i = lookup(m, key, &h, &ins);
    if (i < 0) return 0;
    int64_t e = T_ENTRY(m->table[i]);
    m->table[i] = T_TOMB;
    m->tombs++;
    m->cpos = -1;
    int64_t last = m->len - 1;
    if (e != last) {
        /* move the last entry into the hole and repoint its table slot */
        uint64_t mask = (uint64_t)m->tcap - 1, j = m->entries[last].hash & mask;
        while (T_ENTRY(m->table[j]) != last || m->table[j] < 2) j = (j + 1) & mask;
        m->table[j] = T_TAG(m->table[j]) | (uint64_t)(e + 2);
        m->entries[e] = m->entries[last];
    }
    m->len--;
    m->sorted_ok = 0;
    if (m->tombs > m->tcap / 4) rebuild(m, m->tcap);
    return 1;
}

/* ---- sorted order ---- */

typedef struct KeyText {
    const char *p;
    int64_t n;
    int64_t idx;
    int64_t rank; /* tie-break between keys with equal text (e.g. 1 and "1") */
    char small[24];
    char *heap;
} KeyText;

static int kt_cmp(const void *a, const void *b) {
    const KeyText *x = (const KeyText *)a, *y = (const KeyText *)b;
    int64_t m = x->n < y->n ? x->n : y->n;
    const char *xp = x->p ? x->p : x->small, *yp = y->p ? y->p : y->small;
    int c = m ? memcmp(xp, yp, (size_t)m) : 0;
    if (c) return c < 0 ? -1 : 1;
    if (x->n != y->n) return x->n < y->n ? -1 : 1;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

const int64_t *mochi_map_order(MochiMap *m) {
    if (m->sorted_ok && m->sorted) return m->sorted;
    int64_t n = m->len;
    free(m->sorted);
    m->sorted = (int64_t *)mochi_xmalloc((size_t)(n ? n : 1) * sizeof(int64_t));
    KeyText *kt = (KeyText *)mochi_xmalloc((size_t)(n ? n : 1) * sizeof(KeyText));
    for (int64_t i = 0; i < n; i++) {
        KeyText *k = &kt[i];
        mochi_slot key = m->entries[i].key;
        k->idx = i;
        k->heap = NULL;
        k->rank = 0;
        if (m->key_kind == MOCHI_K_I64) {
            k->n = snprintf(k->small, sizeof k->small, "%lld", (long long)(int64_t)key);
            k->p = NULL; /* the text is in k->small: a pointer into the entry itself
                            would be left behind when qsort moves the entry (musl's does) */
            continue;
        }
        mochi_ref a = m->key_kind == MOCHI_K_REF ? mochi_s2r(key) : NULL;
        if (a && a->kind == MOCHI_O_STR) {
            k->p = mochi_str_bytes(a);
            k->n = mochi_str_byte_len(a);
            k->rank = 1;
            continue;
        }
        MochiBuf b;
        mochi_buf_init(&b);
        mochi_key_text(&b, (MochiSlotKind)m->key_kind, key);
        k->heap = b.p;
        k->p = b.p ? b.p : "";
        k->n = (int64_t)b.n;
        k->rank = a ? (int64_t)a->kind + 1 : 0;
    }
    if (n > 1) qsort(kt, (size_t)n, sizeof(KeyText), kt_cmp);
    for (int64_t i = 0; i < n; i++) {
        m->sorted[i] = kt[i].idx;
        free(kt[i].heap);
    }
    free(kt);
    m->sorted_ok = 1;
    return m->sorted;
}

mochi_ref mochi_map_keys(mochi_ref r) {
    int64_t n = mochi_map_len(r);
    mochi_ref out = mochi_list_new(mochi_map_key_kind(r), n);
    if (!n) return out;
    const int64_t *ord = mochi_map_order(M(r));
    MochiList *l = (MochiList *)out;
    for (int64_t i = 0; i < n; i++) mochi_list_put(l, i, M(r)->entries[ord[i]].key);
    l->len = n;
    return out;
}

mochi_ref mochi_map_values(mochi_ref r) {
    int64_t n = mochi_map_len(r);
    mochi_ref out = mochi_list_new(mochi_map_val_kind(r), n);
    if (!n) return out;
    const int64_t *ord = mochi_map_order(M(r));
    MochiList *l = (MochiList *)out;
    for (int64_t i = 0; i < n; i++) mochi_list_put(l, i, M(r)->entries[ord[i]].val);
    l->len = n;
    return out;
}

mochi_slot mochi_map_key_at(mochi_ref r, int64_t i) {
    int64_t n = mochi_map_len(r);
    if (i < 0 || i >= n) mochi_err_index("map", i, n);
    return M(r)->entries[mochi_map_order(M(r))[i]].key;
}

mochi_slot mochi_map_value_at(mochi_ref r, int64_t i) {
    int64_t n = mochi_map_len(r);
    if (i < 0 || i >= n) mochi_err_index("map", i, n);
    return M(r)->entries[mochi_map_order(M(r))[i]].val;
}

mochi_ref mochi_map_copy(mochi_ref r) {
    mochi_ref out = mochi_map_new(mochi_map_key_kind(r), mochi_map_val_kind(r));
    int64_t n = mochi_map_len(r);
    if (!n) return out;
    /* Same keys, same hashes: the entries are copied as they are and indexed once. */
    MochiMap *m = M(out);
    m->entries = (MochiMapEntry *)mochi_xmalloc((size_t)n * sizeof(MochiMapEntry));
    memcpy(m->entries, M(r)->entries, (size_t)n * sizeof(MochiMapEntry));
    mochi_gc_note_external((size_t)n * sizeof(MochiMapEntry));
    m->ecap = n;
    m->len = n;
    int64_t tc = 8;
    while (n * 4 > tc * 3) tc *= 2;
    rebuild(m, tc);
    return out;
}

int64_t mochi_map_eq(mochi_ref a, mochi_ref b) {
    if (a == b) return 1;
    if (!a || !b || M(a)->len != M(b)->len) return 0;
    int same = M(a)->key_kind == M(b)->key_kind;
    for (int64_t i = 0; i < M(a)->len; i++) {
        mochi_slot k = M(a)->entries[i].key, v;
        if (same) {
            if (!mochi_map_get(b, k, &v)) return 0;
            if (M(a)->val_kind == M(b)->val_kind) {
                if (!mochi_slot_eq((MochiSlotKind)M(a)->val_kind, M(a)->entries[i].val, v)) return 0;
                continue;
            }
            if (!mochi_any_eq(mochi_box((MochiSlotKind)M(a)->val_kind, M(a)->entries[i].val),
                              mochi_box((MochiSlotKind)M(b)->val_kind, v)))
                return 0;
            continue;
        }
        /* different key kinds: compare through boxed keys */
        int found = 0;
        mochi_ref ka = mochi_box((MochiSlotKind)M(a)->key_kind, k);
        for (int64_t j = 0; j < M(b)->len && !found; j++) {
            if (mochi_any_eq(ka, mochi_box((MochiSlotKind)M(b)->key_kind, M(b)->entries[j].key))) {
                if (!mochi_any_eq(mochi_box((MochiSlotKind)M(a)->val_kind, M(a)->entries[i].val),
                                  mochi_box((MochiSlotKind)M(b)->val_kind, M(b)->entries[j].val)))
                    return 0;
                found = 1;
            }
        }
        if (!found) return 0;
    }
    return 1;
}
