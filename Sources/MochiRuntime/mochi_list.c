/*
 * mochi_list.c: typed lists and the list builtins.
 *
 * A list keeps its elements unboxed in a separate, growable store of one kind
 * (i64, f64, bool or ref), so `xs[i] = v` in a callee is seen by the caller and
 * numeric kernels never box. `append` shares the store when it can (MochiSlots in
 * mochi_internal.h), so building a list with `xs = append(xs, v)` is linear. Set operations and `in` use structural equality
 * (with hashing for the deduplicating ones); sorting is a stable merge sort by a
 * parallel list of keys, as `sort by` needs.
 */
#include "mochi_internal.h"

static MochiList *L(mochi_ref r) {
    return (MochiList *)r;
}

/* Bytes an element takes in a store of this kind: a list<bool> keeps one byte an
 * element (eight times denser: nsieve's flags), every other kind one slot. */
static size_t esize(uint32_t kind) {
    return kind == MOCHI_K_BOOL ? 1 : sizeof(mochi_slot);
}

static size_t store_bytes(uint32_t kind, int64_t cap) {
    return sizeof(MochiSlots) + (size_t)cap * esize(kind);
}

/* l's first element as an element index into its store. */
static int64_t data_offset(const MochiList *l, const MochiSlots *st) {
    return (int64_t)(((const char *)l->data - (const char *)st->s) >> (l->elem_kind == MOCHI_K_BOOL ? 0 : 3));
}

/* Lets generated code write l's elements in place again (wlen = len) when its
 * store is its own; 0 (every write through the runtime) while shared. */
static void refresh_wlen(MochiList *l) {
    l->wlen = l->shared ? 0 : (uint32_t)(l->len < (int64_t)UINT32_MAX ? l->len : (int64_t)UINT32_MAX);
}

/* Gives l a fresh store of nc (>= len) slots, a copy of its elements, that no other
 * list refers to. (A ref store is zeroed: the collector scans it up to its capacity.) */
static void copy_to_new_store(MochiList *l, int64_t nc) {
    int ref = l->elem_kind == MOCHI_K_REF;
    MochiSlots *st = (MochiSlots *)(ref ? mochi_gc_alloc(MOCHI_O_SLOTS, store_bytes(l->elem_kind, nc))
                                        : mochi_gc_alloc_uninit(MOCHI_O_SLOTS, store_bytes(l->elem_kind, nc)));
    st->elem_kind = l->elem_kind;
    st->shared = 0;
    st->cap = nc;
    st->used = l->len;
    if (l->len) memcpy(st->s, l->data, (size_t)l->len * esize(l->elem_kind));
    l->store = (MochiObj *)st;
    l->data = st->s;
    l->cap = nc;
    l->shared = 0; /* a store of its own now */
}

/* Gives l a store of at least `need` slots holding its elements. A store l shares with
 * other lists stays as it is for them: l gets a copy. A store l alone refers to is
 * grown in place when it is a large object (realloc: no copy into fresh zeroed
 * memory, and no dead store left for the collector), or else copied and freed at once.
 * The capacity doubles until it holds need or, when exact and doubling once falls
 * short, is need itself (a filling loop's whole run: mochi_list_push_reserve). */
static void regrow_to(MochiList *l, int64_t need, int exact) {
    int64_t nc = l->cap > 2 ? l->cap * 2 : 4;
    if (exact && nc < need) nc = need;
    while (nc < need) nc *= 2;
    if ((uint64_t)nc > ((uint64_t)1 << 40)) mochi_rt_error("out of memory");
    int ref = l->elem_kind == MOCHI_K_REF;
    MochiSlots *old = (MochiSlots *)l->store;
    int owned = old && !old->shared && l->data == old->s;
    if (owned && store_bytes(l->elem_kind, old->cap) > MOCHI_GC_MAX_SMALL) {
        int64_t oc = old->cap;
        MochiSlots *st = (MochiSlots *)mochi_gc_grow_large(&old->h, store_bytes(l->elem_kind, nc));
        /* The collector scans a ref store up to its capacity: the new slots must be nil. */
        if (ref) memset(st->s + oc, 0, (size_t)(nc - oc) * sizeof(mochi_slot));
        st->cap = nc;
        l->store = (MochiObj *)st;
        l->data = st->s;
        l->cap = nc;
        return;
    }
    copy_to_new_store(l, nc);
    if (owned) mochi_gc_release_small(&old->h, store_bytes(l->elem_kind, old->cap));
}

static void regrow(MochiList *l, int64_t need) {
    regrow_to(l, need, 0);
}

/* True when l may write slot l->len of its store in place: it ends at the store's
 * high-water mark (no other list claimed that slot) and the store has room. */
static int can_extend(const MochiList *l) {
    return l->store && l->len < l->cap && ((MochiSlots *)l->store)->used == data_offset(l, (MochiSlots *)l->store) + l->len;
}

mochi_ref mochi_list_new(MochiSlotKind elem_kind, int64_t cap) {
    MochiList *l = (MochiList *)mochi_gc_alloc(MOCHI_O_LIST, sizeof(MochiList));
    l->elem_kind = (uint32_t)elem_kind;
    if (cap > 0) regrow(l, cap);
    return (mochi_ref)l;
}

mochi_ref mochi_list_from(MochiSlotKind elem_kind, const mochi_slot *slots, int64_t n) {
    mochi_ref r = mochi_list_new(elem_kind, n);
    if (n > 0) {
        if (elem_kind == MOCHI_K_BOOL)
            for (int64_t i = 0; i < n; i++) mochi_list_put(L(r), i, slots[i]);
        else
            memcpy(L(r)->data, slots, (size_t)n * sizeof(mochi_slot));
        L(r)->len = n;
        refresh_wlen(L(r));
    }
    return r;
}

MochiSlotKind mochi_list_kind(mochi_ref l) {
    return l ? (MochiSlotKind)L(l)->elem_kind : MOCHI_K_REF;
}

int64_t mochi_list_len(mochi_ref l) {
    return l ? L(l)->len : 0;
}

mochi_slot mochi_list_get(mochi_ref r, int64_t i) {
    int64_t n = r ? L(r)->len : 0;
    int64_t j = i < 0 ? i + n : i;
    if (j < 0 || j >= n) mochi_err_index("list", i, n);
    return mochi_list_at(L(r), j);
}

/* Copy-on-write: gives l a store of its own holding its elements, so that writing
 * one is not seen by the lists that share its old store (append). */
static void unshare(MochiList *l) {
    int64_t nc = l->cap > l->len ? l->cap : l->len;
    copy_to_new_store(l, nc < 1 ? 1 : nc);
}

void mochi_list_set(mochi_ref r, int64_t i, mochi_slot v) {
    int64_t n = r ? L(r)->len : 0;
    int64_t j = i < 0 ? i + n : i;
    if (j < 0 || j >= n) mochi_err_index("list", i, n);
    if (L(r)->shared) unshare(L(r));
    mochi_list_put(L(r), j, v);
    refresh_wlen(L(r));
}

void mochi_list_push(mochi_ref r, mochi_slot v) {
    MochiList *l = L(r);
    if (MOCHI_LIKELY(l != NULL)) {
        /* The common case, inline: room left and l owns the end of its store (its
         * next element is the store's first unclaimed one). */
        MochiSlots *st = (MochiSlots *)l->store;
        int64_t n = l->len;
        if (MOCHI_LIKELY(st != NULL && n < l->cap)) {
            int bytes = l->elem_kind == MOCHI_K_BOOL;
            unsigned sh = bytes ? 0 : 3;
            char *at = (char *)l->data + ((size_t)n << sh);
            if (MOCHI_LIKELY((char *)st->s + ((size_t)st->used << sh) == at)) {
                if (bytes) *(uint8_t *)at = (uint8_t)(v != 0);
                else *(mochi_slot *)at = v;
                l->len = n + 1;
                /* A list of its own stays writable to its end (a truncated
                 * length is still at most len); a shared one stays at 0. */
                if (!l->shared) l->wlen = (uint32_t)(n + 1);
                st->used++;
                return;
            }
        }
    } else {
        mochi_rt_error("push on nil list");
    }
    regrow(l, l->len + 1);
    mochi_list_put(l, l->len, v);
    l->len++;
    ((MochiSlots *)l->store)->used = l->len; /* a fresh or owned store starts at data */
    refresh_wlen(l);
}

/* append(xs, v): a new list; xs is unchanged. When xs ends at its store's high-water
 * mark the new list shares the store and v goes in the next slot (amortised O(1),
 * as with Go's append); otherwise the elements are copied to a new store. */
mochi_ref mochi_list_append(mochi_ref r, mochi_slot v) {
    /* Every field is set below (a collection can only run inside the allocation). */
    MochiList *out = (MochiList *)mochi_gc_alloc_uninit(MOCHI_O_LIST, sizeof(MochiList));
    out->elem_kind = (uint32_t)mochi_list_kind(r);
    out->shared = 0;
    out->reserved = 0;
    out->wlen = 0;
    if (r && can_extend(L(r))) {
        MochiSlots *st = (MochiSlots *)L(r)->store;
        int64_t n = L(r)->len;
        out->store = L(r)->store;
        out->data = L(r)->data;
        out->cap = L(r)->cap;
        /* Two lists now refer to the store: neither may move or free it, and
         * neither may write an element in place (copy-on-write, mochi_list_set). */
        st->shared = 1;
        L(r)->shared = 1;
        L(r)->wlen = 0;
        out->shared = 1;
        out->wlen = 0;
        mochi_list_put(out, n, v);
        out->len = n + 1;
        st->used++;
        return (mochi_ref)out;
    }
    /* No room, or r does not end at its store's high-water mark: out starts without
     * a store and the push copies r's elements into one of its own (r keeps its store
     * alive meanwhile). */
    out->store = NULL;
    out->data = r ? L(r)->data : NULL;
    out->cap = r ? L(r)->cap : 0;
    out->len = r ? L(r)->len : 0;
    mochi_list_push((mochi_ref)out, v);
    return (mochi_ref)out;
}

/* push with the element kind k of the list's type. An empty list of another kind (a
 * slice or reverse of nil, made without a kind; append-in-place pushes onto it)
 * first takes k: it has no elements to keep, and no other name still reads it. */
static void take_kind(MochiList *l, int64_t k) {
    if (l && l->len == 0 && l->elem_kind != (uint32_t)k) {
        l->elem_kind = (uint32_t)k;
        l->store = NULL;
        l->data = NULL;
        l->cap = 0;
        l->shared = 0;
        l->wlen = 0;
    }
}

void mochi_list_push_kind(mochi_ref r, mochi_slot v, int64_t k) {
    take_kind(L(r), k);
    mochi_list_push(r, v);
}

/* The most elements mochi_list_push_reserve makes room for at once; a longer run
 * grows by doubling as before. */
#define MOCHI_RESERVE_MAX ((int64_t)1 << 28)

void mochi_list_push_reserve(mochi_ref r, mochi_slot v, int64_t k, int64_t more) {
    MochiList *l = L(r);
    take_kind(l, k);
    /* No room in place: the store grows (or l gets one of its own) once, to hold this
     * element and the `more` after it, rather than doubling its way there. The
     * elements, and every error, are the plain push's; only the capacity differs. */
    if (l && more > 0 && more <= MOCHI_RESERVE_MAX && !can_extend(l)) {
        mochi_gc_huge_next(1);
        regrow_to(l, l->len + 1 + more, 1);
        mochi_gc_huge_next(0);
    }
    mochi_list_push(r, v);
}

/* append(xs, v) with the element kind k the program's types give. A nil xs (a missing
 * map key read as null) is the empty list, as in the VM (append of null is a
 * one-element list); it has no store to say what kind its elements are, so the
 * caller's k does, and an empty list of another kind (a slice of nil) is taken as
 * nil too: a raw int in a list of refs would be traced as a pointer. */
mochi_ref mochi_list_append_kind(mochi_ref r, mochi_slot v, int64_t k) {
    if (MOCHI_LIKELY(r != NULL && (L(r)->elem_kind == (uint32_t)k || L(r)->len > 0))) return mochi_list_append(r, v);
    mochi_ref out = mochi_list_new((MochiSlotKind)k, 4);
    mochi_list_push(out, v);
    return out;
}

mochi_ref mochi_list_slice(mochi_ref r, int64_t a, int64_t b) {
    int64_t n = mochi_list_len(r);
    if (a < 0) a += n;
    if (b < 0) b += n;
    if (a < 0) a = 0;
    if (a > n) a = n;
    if (b > n) b = n;
    if (b < a) b = a;
    MochiSlotKind k = mochi_list_kind(r);
    mochi_ref out = mochi_list_new(k, b - a);
    if (b > a) {
        memcpy(L(out)->data, (const char *)L(r)->data + (size_t)a * esize(k), (size_t)(b - a) * esize(k));
        L(out)->len = b - a;
        refresh_wlen(L(out));
    }
    return out;
}

mochi_ref mochi_list_slice_opt(mochi_ref l, int64_t a, int64_t has_a, int64_t b, int64_t has_b) {
    return mochi_list_slice(l, has_a ? a : 0, has_b ? b : mochi_list_len(l));
}

mochi_ref mochi_list_concat(mochi_ref a, mochi_ref b) {
    int64_t na = mochi_list_len(a), nb = mochi_list_len(b);
    /* An empty or nil a takes b's kind: nil has none, and a slice of nil was made
     * with the ref kind whatever the list's type says. */
    MochiSlotKind ka = a && (na > 0 || !b) ? mochi_list_kind(a) : mochi_list_kind(b);
    mochi_ref out = mochi_list_new(ka, na + nb);
    if (na) memcpy(L(out)->data, L(a)->data, (size_t)na * esize(ka));
    if (nb) {
        if (b && L(b)->elem_kind != (uint32_t)ka) {
            for (int64_t i = 0; i < nb; i++)
                mochi_list_put(L(out), na + i, ka == MOCHI_K_REF ? mochi_r2s(mochi_box((MochiSlotKind)L(b)->elem_kind, mochi_list_at(L(b), i)))
                                                                 : mochi_unbox(mochi_box((MochiSlotKind)L(b)->elem_kind, mochi_list_at(L(b), i)), ka));
        } else {
            memcpy((char *)L(out)->data + (size_t)na * esize(ka), L(b)->data, (size_t)nb * esize(ka));
        }
    }
    L(out)->len = na + nb;
    return out;
}

mochi_ref mochi_list_copy(mochi_ref l) {
    return mochi_list_slice(l, 0, mochi_list_len(l));
}

int64_t mochi_list_index_of(mochi_ref r, mochi_slot v) {
    int64_t n = mochi_list_len(r);
    MochiSlotKind k = mochi_list_kind(r);
    for (int64_t i = 0; i < n; i++)
        if (mochi_slot_eq(k, mochi_list_at(L(r), i), v)) return i;
    return -1;
}

int64_t mochi_list_contains(mochi_ref r, mochi_slot v) {
    return mochi_list_index_of(r, v) >= 0;
}

mochi_ref mochi_list_reverse(mochi_ref r) {
    int64_t n = mochi_list_len(r);
    mochi_ref out = mochi_list_new(mochi_list_kind(r), n);
    for (int64_t i = 0; i < n; i++) mochi_list_put(L(out), i, mochi_list_at(L(r), n - 1 - i));
    L(out)->len = n;
    return out;
}

/* A set of slots of one kind (open addressing over hashes) for dedupe and membership. */
typedef struct SlotSet {
    MochiSlotKind kind;
    mochi_slot *keys;
    uint8_t *used;
    int64_t cap, n;
} SlotSet;

static void set_init(SlotSet *s, MochiSlotKind kind, int64_t hint) {
    s->kind = kind;
    s->cap = 16;
    while (s->cap < hint * 2) s->cap *= 2;
    s->keys = (mochi_slot *)mochi_xmalloc((size_t)s->cap * sizeof(mochi_slot));
    s->used = (uint8_t *)calloc((size_t)s->cap, 1);
    if (!s->used) mochi_rt_error("out of memory");
    s->n = 0;
}

static void set_free(SlotSet *s) {
    free(s->keys);
    free(s->used);
}

static int set_find(SlotSet *s, mochi_slot v, int64_t *at) {
    uint64_t h = mochi_slot_hash(s->kind, v);
    int64_t i = (int64_t)(h & (uint64_t)(s->cap - 1));
    while (s->used[i]) {
        if (mochi_slot_eq(s->kind, s->keys[i], v)) {
            *at = i;
            return 1;
        }
        i = (i + 1) & (s->cap - 1);
    }
    *at = i;
    return 0;
}

/* Add v; returns 1 when it was not present. */
static int set_add(SlotSet *s, mochi_slot v) {
    int64_t at;
    if (set_find(s, v, &at)) return 0;
    s->keys[at] = v;
    s->used[at] = 1;
    s->n++;
    if (s->n * 2 > s->cap) {
        SlotSet t;
        set_init(&t, s->kind, s->cap);
        for (int64_t i = 0; i < s->cap; i++)
            if (s->used[i]) {
                int64_t j;
                set_find(&t, s->keys[i], &j);
                t.keys[j] = s->keys[i];
                t.used[j] = 1;
                t.n++;
            }
        set_free(s);
        *s = t;
    }
    return 1;
}

static int set_has(SlotSet *s, mochi_slot v) {
    int64_t at;
    return set_find(s, v, &at);
}

mochi_ref mochi_list_distinct(mochi_ref r) {
    return mochi_list_union(r, NULL);
}

mochi_ref mochi_list_union(mochi_ref a, mochi_ref b) {
    mochi_ref all = b ? mochi_list_concat(a, b) : a;
    int64_t n = mochi_list_len(all);
    MochiSlotKind k = mochi_list_kind(all);
    mochi_ref out = mochi_list_new(k, n);
    SlotSet s;
    set_init(&s, k, n);
    for (int64_t i = 0; i < n; i++)
        if (set_add(&s, mochi_list_at(L(all), i))) mochi_list_push(out, mochi_list_at(L(all), i));
    set_free(&s);
    return out;
}

static mochi_ref filter_by(mochi_ref a, mochi_ref b, int keep_if_in, int dedupe) {
    int64_t na = mochi_list_len(a), nb = mochi_list_len(b);
    MochiSlotKind k = mochi_list_kind(a);
    mochi_ref out = mochi_list_new(k, 0);
    /* b's elements converted to a's kind, kept in a heap list so boxes stay reachable */
    mochi_ref bc = mochi_list_new(k, nb);
    int same = b && mochi_list_kind(b) == k;
    for (int64_t i = 0; i < nb; i++) {
        mochi_slot v = mochi_list_at(L(b), i);
        if (!same) {
            mochi_ref boxed = mochi_box(mochi_list_kind(b), v);
            if (k == MOCHI_K_REF) v = mochi_r2s(boxed);
            else {
                MochiAnyKind ak = mochi_any_kind(boxed);
                int ok = (k == MOCHI_K_I64 && ak == MOCHI_A_INT) || (k == MOCHI_K_F64 && (ak == MOCHI_A_FLOAT || ak == MOCHI_A_INT)) ||
                         (k == MOCHI_K_BOOL && ak == MOCHI_A_BOOL);
                if (!ok) continue;
                v = mochi_unbox(boxed, k);
            }
        }
        mochi_list_push(bc, v);
    }
    SlotSet sb, seen;
    set_init(&sb, k, nb);
    set_init(&seen, k, 0);
    for (int64_t i = 0; i < L(bc)->len; i++) set_add(&sb, mochi_list_at(L(bc), i));
    for (int64_t i = 0; i < na; i++) {
        mochi_slot v = mochi_list_at(L(a), i);
        if (set_has(&sb, v) == keep_if_in) {
            if (dedupe && !set_add(&seen, v)) continue;
            mochi_list_push(out, v);
        }
    }
    set_free(&sb);
    set_free(&seen);
    if (mochi_list_len(bc) < 0) mochi_rt_error("unreachable"); /* keeps bc alive */
    return out;
}

mochi_ref mochi_list_except(mochi_ref a, mochi_ref b) {
    return filter_by(a, b, 0, 0);
}

mochi_ref mochi_list_intersect(mochi_ref a, mochi_ref b) {
    return filter_by(a, b, 1, 1);
}

int64_t mochi_list_eq(mochi_ref a, mochi_ref b) {
    if (a == b) return 1;
    int64_t n = mochi_list_len(a);
    if (!a || !b || n != mochi_list_len(b)) return 0;
    if (L(a)->elem_kind == L(b)->elem_kind) {
        MochiSlotKind k = (MochiSlotKind)L(a)->elem_kind;
        for (int64_t i = 0; i < n; i++)
            if (!mochi_slot_eq(k, mochi_list_at(L(a), i), mochi_list_at(L(b), i))) return 0;
        return 1;
    }
    for (int64_t i = 0; i < n; i++)
        if (!mochi_any_eq(mochi_box((MochiSlotKind)L(a)->elem_kind, mochi_list_at(L(a), i)),
                          mochi_box((MochiSlotKind)L(b)->elem_kind, mochi_list_at(L(b), i))))
            return 0;
    return 1;
}

int64_t mochi_list_sum_i64(mochi_ref r) {
    int64_t s = 0, n = mochi_list_len(r);
    for (int64_t i = 0; i < n; i++) s = mochi_i64_add(s, (int64_t)L(r)->data[i]);
    return s;
}

double mochi_list_sum_f64(mochi_ref r) {
    double s = 0;
    int64_t n = mochi_list_len(r);
    MochiSlotKind k = mochi_list_kind(r);
    for (int64_t i = 0; i < n; i++) s += k == MOCHI_K_I64 ? (double)(int64_t)L(r)->data[i] : k == MOCHI_K_F64 ? mochi_s2f(L(r)->data[i]) : mochi_any_to_float(mochi_s2r(L(r)->data[i]));
    return s;
}

mochi_ref mochi_list_sum_any(mochi_ref r) {
    MochiSlotKind k = mochi_list_kind(r);
    if (k == MOCHI_K_I64) return mochi_box_int(mochi_list_sum_i64(r));
    if (k == MOCHI_K_F64) return mochi_box_float(mochi_list_sum_f64(r));
    int64_t n = mochi_list_len(r), is = 0, all_int = 1;
    double fs = 0;
    if (k == MOCHI_K_REF) {
        /* bigints and bigrats and no float: an exact sum (int < bigint < bigrat) */
        int big = 0, flt = 0;
        for (int64_t i = 0; i < n; i++) {
            MochiAnyKind ak = mochi_any_kind(mochi_s2r(L(r)->data[i]));
            big |= ak == MOCHI_A_BIGINT || ak == MOCHI_A_BIGRAT;
            flt |= ak == MOCHI_A_FLOAT;
        }
        if (big && !flt) {
            mochi_ref acc = mochi_box_int(0);
            for (int64_t i = 0; i < n; i++) {
                mochi_ref e = mochi_s2r(L(r)->data[i]), t = mochi_num_any_arith(0, acc, e);
                if (!t) (void)mochi_any_to_float(e); /* not a number: the same error as below */
                acc = t;
            }
            return acc;
        }
    }
    for (int64_t i = 0; i < n; i++) {
        mochi_ref e = k == MOCHI_K_REF ? mochi_s2r(L(r)->data[i]) : mochi_box(k, L(r)->data[i]);
        MochiAnyKind ak = mochi_any_kind(e);
        if (ak == MOCHI_A_INT && all_int) is = mochi_i64_add(is, (int64_t)((MochiBox *)e)->v);
        else {
            if (all_int) fs = (double)is;
            all_int = 0;
            fs += mochi_any_to_float(e);
        }
    }
    return all_int ? mochi_box_int(is) : mochi_box_float(fs);
}

double mochi_list_avg(mochi_ref r) {
    int64_t n = mochi_list_len(r);
    if (n == 0) return 0;
    return mochi_list_sum_f64(r) / (double)n;
}

static mochi_slot extreme(mochi_ref r, int want) {
    int64_t n = mochi_list_len(r);
    if (n == 0) return MOCHI_ZERO;
    MochiSlotKind k = mochi_list_kind(r);
    mochi_slot best = mochi_list_at(L(r), 0);
    for (int64_t i = 1; i < n; i++) {
        int64_t c = mochi_slot_cmp(k, mochi_list_at(L(r), i), best);
        if ((want < 0 && c < 0) || (want > 0 && c > 0)) best = mochi_list_at(L(r), i);
    }
    return best;
}

mochi_slot mochi_list_min(mochi_ref r) {
    return extreme(r, -1);
}

mochi_slot mochi_list_max(mochi_ref r) {
    return extreme(r, 1);
}

mochi_ref mochi_list_first_any(mochi_ref r) {
    if (mochi_list_len(r) == 0) return NULL;
    return mochi_box(mochi_list_kind(r), mochi_list_at(L(r), 0));
}

/* ---- stable sort ---- */

typedef struct SortKey {
    int cls;        /* 0 nil, 1 number, 2 bool, 3 text */
    double num;
    int64_t inum;
    int is_int;
    const char *text;
    int64_t tlen;
    mochi_ref big;  /* a bigint or bigrat (num holds it as a float) */
} SortKey;

static int key_cmp(const SortKey *a, const SortKey *b) {
    if (a->cls != b->cls) return a->cls < b->cls ? -1 : 1;
    switch (a->cls) {
    case 1:
        if (a->is_int && b->is_int) return a->inum < b->inum ? -1 : a->inum > b->inum;
        if ((a->big || b->big) && (a->big || a->is_int) && (b->big || b->is_int)) {
            /* no float involved: exactly, as mochi_any_cmp orders them */
            int ok;
            return (int)mochi_num_any_cmp(a->big ? a->big : mochi_box_int(a->inum), b->big ? b->big : mochi_box_int(b->inum), &ok);
        }
        if (a->num < b->num) return -1;
        if (a->num > b->num) return 1;
        return 0;
    case 2:
        return a->inum < b->inum ? -1 : a->inum > b->inum;
    case 3: {
        int64_t m = a->tlen < b->tlen ? a->tlen : b->tlen;
        int c = m ? memcmp(a->text, b->text, (size_t)m) : 0;
        if (c) return c < 0 ? -1 : 1;
        return a->tlen < b->tlen ? -1 : a->tlen > b->tlen;
    }
    default:
        return 0;
    }
}

static void merge_sort(int64_t *idx, int64_t *tmp, int64_t n, const SortKey *keys) {
    if (n < 2) return;
    if (n <= 12) {
        for (int64_t i = 1; i < n; i++) {
            int64_t v = idx[i], j = i;
            while (j > 0 && key_cmp(&keys[idx[j - 1]], &keys[v]) > 0) {
                idx[j] = idx[j - 1];
                j--;
            }
            idx[j] = v;
        }
        return;
    }
    int64_t h = n / 2;
    merge_sort(idx, tmp, h, keys);
    merge_sort(idx + h, tmp, n - h, keys);
    int64_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = key_cmp(&keys[idx[j]], &keys[idx[i]]) < 0 ? idx[j++] : idx[i++];
    while (i < h) tmp[k++] = idx[i++];
    while (j < n) tmp[k++] = idx[j++];
    memcpy(idx, tmp, (size_t)n * sizeof(int64_t));
}

mochi_ref mochi_list_sort_by(mochi_ref r, mochi_ref keys_list) {
    int64_t n = mochi_list_len(r);
    if (mochi_list_len(keys_list) < n) mochi_rt_error("sort keys do not match the list");
    MochiSlotKind kk = mochi_list_kind(keys_list);
    SortKey *keys = (SortKey *)calloc((size_t)(n ? n : 1), sizeof(SortKey));
    int64_t *idx = (int64_t *)mochi_xmalloc((size_t)(n ? n : 1) * sizeof(int64_t));
    int64_t *tmp = (int64_t *)mochi_xmalloc((size_t)(n ? n : 1) * sizeof(int64_t));
    if (!keys) mochi_rt_error("out of memory");
    /* str forms of composite keys, kept alive in a list while sorting */
    mochi_ref texts = mochi_list_new(MOCHI_K_REF, 0);
    for (int64_t i = 0; i < n; i++) {
        SortKey *s = &keys[i];
        mochi_slot v = mochi_list_at(L(keys_list), i);
        idx[i] = i;
        if (kk == MOCHI_K_I64) { s->cls = 1; s->is_int = 1; s->inum = (int64_t)v; s->num = (double)s->inum; continue; }
        if (kk == MOCHI_K_F64) { s->cls = 1; s->num = mochi_s2f(v); continue; }
        if (kk == MOCHI_K_BOOL) { s->cls = 2; s->inum = (int64_t)v; continue; }
        mochi_ref a = mochi_s2r(v);
        switch (mochi_any_kind(a)) {
        case MOCHI_A_NIL: s->cls = 0; break;
        case MOCHI_A_INT: s->cls = 1; s->is_int = 1; s->inum = (int64_t)((MochiBox *)a)->v; s->num = (double)s->inum; break;
        case MOCHI_A_FLOAT: s->cls = 1; s->num = mochi_s2f(((MochiBox *)a)->v); break;
        case MOCHI_A_BOOL: s->cls = 2; s->inum = (int64_t)((MochiBox *)a)->v; break;
        case MOCHI_A_STR: s->cls = 3; s->text = mochi_str_bytes(a); s->tlen = mochi_str_byte_len(a); break;
        case MOCHI_A_BIGINT: s->cls = 1; s->big = a; s->num = mochi_bigint_to_f64(a); break;
        case MOCHI_A_BIGRAT: s->cls = 1; s->big = a; s->num = mochi_bigrat_to_f64(a); break;
        default: {
            mochi_ref t = mochi_str_value(MOCHI_K_REF, v);
            mochi_list_push(texts, mochi_r2s(t));
            s->cls = 3; s->text = mochi_str_bytes(t); s->tlen = mochi_str_byte_len(t);
        }
        }
    }
    merge_sort(idx, tmp, n, keys);
    mochi_ref out = mochi_list_new(mochi_list_kind(r), n);
    for (int64_t i = 0; i < n; i++) mochi_list_put(L(out), i, mochi_list_at(L(r), idx[i]));
    L(out)->len = n;
    free(keys);
    free(idx);
    free(tmp);
    /* texts must stay reachable until here */
    if (mochi_list_len(texts) < 0) mochi_rt_error("unreachable");
    return out;
}

mochi_ref mochi_list_sorted(mochi_ref l) {
    return mochi_list_sort_by(l, l);
}

/* ---- ranges ---- */

mochi_ref mochi_range3(int64_t a, int64_t b, int64_t step) {
    if (step == 0) mochi_rt_error("range step cannot be zero");
    mochi_ref out = mochi_list_new(MOCHI_K_I64, 0);
    if (step > 0) {
        if (a < b) regrow(L(out), (int64_t)(((uint64_t)b - (uint64_t)a - 1) / (uint64_t)step + 1));
        for (int64_t i = a; i < b; ) {
            mochi_list_push(out, (mochi_slot)i);
            if (i > INT64_MAX - step) break;
            i += step;
        }
    } else {
        for (int64_t i = a; i > b; ) {
            mochi_list_push(out, (mochi_slot)i);
            if (i < INT64_MIN - step) break;
            i += step;
        }
    }
    return out;
}

mochi_ref mochi_range2(int64_t a, int64_t b) {
    return mochi_range3(a, b, 1);
}

mochi_ref mochi_range1(int64_t n) {
    return mochi_range3(0, n, 1);
}

mochi_ref mochi_list_to_any(mochi_ref r) {
    if (!r || L(r)->elem_kind == MOCHI_K_REF) return r;
    int64_t n = L(r)->len;
    mochi_ref out = mochi_list_new(MOCHI_K_REF, n);
    for (int64_t i = 0; i < n; i++) mochi_list_put(L(out), i, mochi_r2s(mochi_box((MochiSlotKind)L(r)->elem_kind, mochi_list_at(L(r), i))));
    L(out)->len = n;
    return out;
}

mochi_ref mochi_list_from_any(mochi_ref r, MochiSlotKind k) {
    if (!r || L(r)->elem_kind == (uint32_t)k) return r;
    int64_t n = L(r)->len;
    mochi_ref out = mochi_list_new(k, n);
    for (int64_t i = 0; i < n; i++)
        mochi_list_put(L(out), i, mochi_unbox(mochi_box((MochiSlotKind)L(r)->elem_kind, mochi_list_at(L(r), i)), k));
    L(out)->len = n;
    return out;
}
