/*
 * mochi_format.c: every textual form of a value, byte-exact to LANGUAGE.md §9.
 *
 * Three print forms share one walker: top level (print: strings raw, floats as
 * Go %v), container (inside a list/map/struct: strings Go-quoted, floats with a
 * fraction and never an exponent) and str() (Go fmt.Sprint: `[1 2]`,
 * `map[a:1]`, `<nil>`), plus JSON (json() indented, to_json compact, with Go's
 * encoding/json float and string rules). A struct or union variant prints as a
 * map of its fields with one more entry, "__name": its type or variant name,
 * unless it came from a map literal or a query record. Floats print with the
 * shortest digits that round-trip, chosen as Go chooses them (mochi_float.c) and
 * laid out by hand, so the output does not depend on the C library's printf.
 */
#include "mochi_internal.h"
#include <math.h>

#define MAX_DEPTH 2000

/* Shortest round-trip digits of a finite v > 0: digits (no dot) and the decimal
 * exponent of the first digit (v = d.ddd * 10^exp). Returns the digit count.
 * Schubfach, in mochi_float.c (shared with nothing else, so declared here). */
int mochi_f64_shortest(double v, char *digits, int *exp10);
static int shortest_digits(double v, char *digits, int *exp10) {
    return mochi_f64_shortest(v, digits, exp10);
}

/* Non-finite forms as Go prints them; returns 0 when v is finite. */
static size_t nonfinite(char *buf, double v) {
    if (v != v) { memcpy(buf, "NaN", 4); return 3; }
    if (v == HUGE_VAL) { memcpy(buf, "+Inf", 5); return 4; }
    if (v == -HUGE_VAL) { memcpy(buf, "-Inf", 5); return 4; }
    return 0;
}

/* %f layout of digits/exp with no trailing zeros in the fraction. */
static size_t layout_fixed(char *buf, int neg, const char *d, int nd, int exp, int force_fraction) {
    size_t n = 0;
    if (neg) buf[n++] = '-';
    if (exp < 0) {
        buf[n++] = '0';
        buf[n++] = '.';
        for (int i = 0; i < -exp - 1; i++) buf[n++] = '0';
        for (int i = 0; i < nd; i++) buf[n++] = d[i];
    } else {
        for (int i = 0; i <= exp; i++) buf[n++] = i < nd ? d[i] : '0';
        if (nd > exp + 1) {
            buf[n++] = '.';
            for (int i = exp + 1; i < nd; i++) buf[n++] = d[i];
        } else if (force_fraction) {
            buf[n++] = '.';
            buf[n++] = '0';
        }
    }
    buf[n] = 0;
    return n;
}

/* %e layout: d[.ddd]e±XX (at least two exponent digits); json drops the padding. */
static size_t layout_exp(char *buf, int neg, const char *d, int nd, int exp, int json) {
    size_t n = 0;
    if (neg) buf[n++] = '-';
    buf[n++] = d[0];
    if (nd > 1) {
        buf[n++] = '.';
        for (int i = 1; i < nd; i++) buf[n++] = d[i];
    }
    buf[n++] = 'e';
    buf[n++] = exp < 0 ? '-' : '+';
    int a = exp < 0 ? -exp : exp;
    if (a < 10 && !json) buf[n++] = '0';
    n += (size_t)sprintf(buf + n, "%d", a);
    return n;
}

size_t mochi_fmt_f64(char *buf, double v) {
    size_t n = nonfinite(buf, v);
    if (n) return n;
    int neg = signbit(v) != 0;
    if (v == 0) {
        if (neg) { memcpy(buf, "-0", 3); return 2; }
        memcpy(buf, "0", 2);
        return 1;
    }
    char d[24];
    int exp;
    int nd = shortest_digits(fabs(v), d, &exp);
    if (exp < -4 || exp >= 6) return layout_exp(buf, neg, d, nd, exp, 0);
    return layout_fixed(buf, neg, d, nd, exp, 0);
}

size_t mochi_fmt_f64_container(char *buf, double v) {
    size_t n = nonfinite(buf, v);
    if (n) return n;
    int neg = signbit(v) != 0;
    if (v == 0) {
        if (neg) { memcpy(buf, "-0.0", 5); return 4; }
        memcpy(buf, "0.0", 4);
        return 3;
    }
    char d[24];
    int exp;
    int nd = shortest_digits(fabs(v), d, &exp);
    return layout_fixed(buf, neg, d, nd, exp, 1);
}

/* encoding/json: 'f' unless |v| < 1e-6 or >= 1e21, then 'e' with e-7 style exponents. */
static size_t fmt_json_f64(char *buf, double v) {
    if (v != v || v == HUGE_VAL || v == -HUGE_VAL) { memcpy(buf, "null", 5); return 4; }
    if (v == 0) {
        if (signbit(v)) { memcpy(buf, "-0", 3); return 2; }
        memcpy(buf, "0", 2);
        return 1;
    }
    char d[24];
    int exp;
    int neg = v < 0;
    int nd = shortest_digits(fabs(v), d, &exp);
    if (fabs(v) < 1e-6 || fabs(v) >= 1e21) return layout_exp(buf, neg, d, nd, exp, 1);
    return layout_fixed(buf, neg, d, nd, exp, 0);
}

/* ---- strings ---- */

/* Length of a valid UTF-8 sequence at p (n bytes left), 0 when invalid. */
static int utf8_len(const unsigned char *p, int64_t n) {
    unsigned c = p[0];
    int need = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (need == 0 || need > n) return 0;
    for (int i = 1; i < need; i++)
        if ((p[i] & 0xC0) != 0x80) return 0;
    if (need == 2 && c < 0xC2) return 0;
    return need;
}

static void quote_go(MochiBuf *b, const char *s, int64_t n) {
    static const char hex[] = "0123456789abcdef";
    mochi_buf_putc(b, '"');
    for (int64_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int l = utf8_len((const unsigned char *)s + i, n - i);
            if (l) { mochi_buf_put(b, s + i, (size_t)l); i += l; continue; }
            char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            mochi_buf_put(b, e, 4);
            i++;
            continue;
        }
        switch (c) {
        case '"': mochi_buf_puts(b, "\\\""); break;
        case '\\': mochi_buf_puts(b, "\\\\"); break;
        case '\n': mochi_buf_puts(b, "\\n"); break;
        case '\t': mochi_buf_puts(b, "\\t"); break;
        case '\r': mochi_buf_puts(b, "\\r"); break;
        case '\a': mochi_buf_puts(b, "\\a"); break;
        case '\b': mochi_buf_puts(b, "\\b"); break;
        case '\f': mochi_buf_puts(b, "\\f"); break;
        case '\v': mochi_buf_puts(b, "\\v"); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
                mochi_buf_put(b, e, 4);
            } else {
                mochi_buf_putc(b, (char)c);
            }
        }
        i++;
    }
    mochi_buf_putc(b, '"');
}

static void quote_json(MochiBuf *b, const char *s, int64_t n) {
    static const char hex[] = "0123456789abcdef";
    mochi_buf_putc(b, '"');
    for (int64_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int l = utf8_len((const unsigned char *)s + i, n - i);
            if (!l) { mochi_buf_puts(b, "\\ufffd"); i++; continue; }
            if (l == 3 && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 && ((unsigned char)s[i + 2] & 0xFE) == 0xA8) {
                mochi_buf_puts(b, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
            } else {
                mochi_buf_put(b, s + i, (size_t)l);
            }
            i += l;
            continue;
        }
        switch (c) {
        case '"': mochi_buf_puts(b, "\\\""); break;
        case '\\': mochi_buf_puts(b, "\\\\"); break;
        case '\n': mochi_buf_puts(b, "\\n"); break;
        case '\t': mochi_buf_puts(b, "\\t"); break;
        case '\r': mochi_buf_puts(b, "\\r"); break;
        default:
            if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                mochi_buf_put(b, e, 6);
            } else {
                mochi_buf_putc(b, (char)c);
            }
        }
        i++;
    }
    mochi_buf_putc(b, '"');
}

mochi_ref mochi_str_quote(mochi_ref s) {
    MochiBuf b;
    mochi_buf_init(&b);
    quote_go(&b, mochi_str_bytes(s), mochi_str_byte_len(s));
    return mochi_buf_to_str(&b);
}

/* ---- the value walker ---- */

static void fmt_rec(MochiBuf *b, MochiSlotKind kind, mochi_slot v, int mode, int depth);

static void put_int(MochiBuf *b, int64_t v) {
    char t[24];
    int n = snprintf(t, sizeof t, "%lld", (long long)v);
    mochi_buf_put(b, t, (size_t)n);
}

void mochi_key_text(MochiBuf *b, MochiSlotKind kind, mochi_slot k) {
    if (kind == MOCHI_K_REF) {
        mochi_ref a = mochi_s2r(k);
        if (a && a->kind == MOCHI_O_STR) {
            mochi_buf_put(b, mochi_str_bytes(a), (size_t)mochi_str_byte_len(a));
            return;
        }
    }
    fmt_rec(b, kind, k, MOCHI_FMT_STR, 0);
}

/* A struct prints as a map of its fields plus, unless its descriptor is anonymous
 * (a map literal or query record), the entry "__name": its type or variant name
 * (§9). Entry -1 stands for "__name". */
#define NAME_KEY "__name"

static const char *entry_key(const MochiTypeDesc *d, int32_t f) {
    return f < 0 ? NAME_KEY : d->field_names[f];
}

/* The entries of a struct sorted bytewise by key (insertion sort; structs are
 * small), so "__name" lands after upper-case and before lower-case field names.
 * ord has room for nfields + 1; returns the number of entries. */
static int32_t sorted_entries(const MochiTypeDesc *d, int32_t *ord) {
    if (!d) return 0;
    int32_t n = 0;
    for (int32_t i = d->anonymous ? 0 : -1; i < d->nfields; i++) {
        int32_t j = n++;
        while (j > 0 && strcmp(entry_key(d, ord[j - 1]), entry_key(d, i)) > 0) {
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = i;
    }
    return n;
}

/* Room for a struct's sorted entries: a small stack array, else the heap. */
static int32_t *entry_order(const MochiTypeDesc *d, int32_t *small, size_t nsmall) {
    size_t need = (size_t)(d ? d->nfields : 0) + 1;
    return need <= nsmall ? small : (int32_t *)mochi_xmalloc(need * sizeof(int32_t));
}

/* A map key in print form: always quoted (int keys print as "1"). */
static void put_quoted_key(MochiBuf *b, MochiSlotKind kind, mochi_slot k) {
    MochiBuf t;
    mochi_buf_init(&t);
    mochi_key_text(&t, kind, k);
    quote_go(b, t.p ? t.p : "", (int64_t)t.n);
    mochi_buf_free(&t);
}

static void fmt_ref(MochiBuf *b, mochi_ref a, int mode, int depth) {
    if (depth > MAX_DEPTH) {
        mochi_buf_puts(b, "...");
        return;
    }
    int str = mode == MOCHI_FMT_STR;
    switch (mochi_any_kind(a)) {
    case MOCHI_A_NIL: mochi_buf_puts(b, str ? "<nil>" : "nil"); return;
    case MOCHI_A_INT: put_int(b, (int64_t)((MochiBox *)a)->v); return;
    case MOCHI_A_FLOAT: fmt_rec(b, MOCHI_K_F64, ((MochiBox *)a)->v, mode, depth); return;
    case MOCHI_A_BOOL: mochi_buf_puts(b, ((MochiBox *)a)->v ? "true" : "false"); return;
    case MOCHI_A_STR:
        if (mode == MOCHI_FMT_CONTAINER) quote_go(b, mochi_str_bytes(a), mochi_str_byte_len(a));
        else mochi_buf_put(b, mochi_str_bytes(a), (size_t)mochi_str_byte_len(a));
        return;
    case MOCHI_A_LIST: {
        MochiList *l = (MochiList *)a;
        mochi_buf_putc(b, '[');
        for (int64_t i = 0; i < l->len; i++) {
            if (i) mochi_buf_puts(b, str ? " " : ", ");
            fmt_rec(b, (MochiSlotKind)l->elem_kind, mochi_list_at(l, i), str ? MOCHI_FMT_STR : MOCHI_FMT_CONTAINER, depth + 1);
        }
        mochi_buf_putc(b, ']');
        return;
    }
    case MOCHI_A_MAP: {
        MochiMap *m = (MochiMap *)a;
        const int64_t *ord = mochi_map_order(m);
        int64_t n = m->len;
        /* copy the order: formatting nested maps cannot disturb it, but be safe */
        int64_t *o = (int64_t *)mochi_xmalloc((size_t)(n ? n : 1) * sizeof(int64_t));
        memcpy(o, ord, (size_t)n * sizeof(int64_t));
        mochi_buf_puts(b, str ? "map[" : "{");
        for (int64_t i = 0; i < n; i++) {
            MochiMapEntry *e = &m->entries[o[i]];
            if (i) mochi_buf_puts(b, str ? " " : ", ");
            if (str) {
                mochi_key_text(b, (MochiSlotKind)m->key_kind, e->key);
                mochi_buf_putc(b, ':');
                fmt_rec(b, (MochiSlotKind)m->val_kind, e->val, MOCHI_FMT_STR, depth + 1);
            } else {
                put_quoted_key(b, (MochiSlotKind)m->key_kind, e->key);
                mochi_buf_puts(b, ": ");
                fmt_rec(b, (MochiSlotKind)m->val_kind, e->val, MOCHI_FMT_CONTAINER, depth + 1);
            }
        }
        free(o);
        mochi_buf_puts(b, str ? "]" : "}");
        return;
    }
    case MOCHI_A_STRUCT: {
        MochiStruct *s = (MochiStruct *)a;
        const MochiTypeDesc *d = MOCHI_STRUCT_DESC(s);
        int32_t small[17];
        int32_t *ord = entry_order(d, small, 17);
        int32_t n = sorted_entries(d, ord);
        mochi_buf_puts(b, str ? "map[" : "{");
        for (int32_t i = 0; i < n; i++) {
            int32_t f = ord[i];
            const char *key = entry_key(d, f);
            if (i) mochi_buf_puts(b, str ? " " : ", ");
            if (str) {
                mochi_buf_puts(b, key);
                mochi_buf_putc(b, ':');
            } else {
                quote_go(b, key, (int64_t)strlen(key));
                mochi_buf_puts(b, ": ");
            }
            if (f < 0) {
                if (str) mochi_buf_puts(b, d->name);
                else quote_go(b, d->name, (int64_t)strlen(d->name));
            } else {
                fmt_rec(b, (MochiSlotKind)d->field_kinds[f], s->f[f], str ? MOCHI_FMT_STR : MOCHI_FMT_CONTAINER, depth + 1);
            }
        }
        if (ord != small) free(ord);
        mochi_buf_puts(b, str ? "]" : "}");
        return;
    }
    case MOCHI_A_CLOSURE:
        mochi_buf_puts(b, "<func>");
        return;
    case MOCHI_A_BIGINT: mochi_bigint_fmt(b, a); return;
    case MOCHI_A_BIGRAT: mochi_bigrat_fmt(b, a, 0); return;
    }
}

static void fmt_rec(MochiBuf *b, MochiSlotKind kind, mochi_slot v, int mode, int depth) {
    char t[400];
    switch (kind) {
    case MOCHI_K_I64: put_int(b, (int64_t)v); return;
    case MOCHI_K_BOOL: mochi_buf_puts(b, v ? "true" : "false"); return;
    case MOCHI_K_F64: {
        size_t n = mode == MOCHI_FMT_CONTAINER ? mochi_fmt_f64_container(t, mochi_s2f(v)) : mochi_fmt_f64(t, mochi_s2f(v));
        mochi_buf_put(b, t, n);
        return;
    }
    default: fmt_ref(b, mochi_s2r(v), mode, depth); return;
    }
}

void mochi_fmt_slot(MochiBuf *b, MochiSlotKind kind, mochi_slot v, int mode) {
    fmt_rec(b, kind, v, mode, 0);
}

mochi_ref mochi_fmt_value(MochiSlotKind kind, mochi_slot v) {
    if (kind == MOCHI_K_REF && mochi_s2r(v) && mochi_s2r(v)->kind == MOCHI_O_STR) return mochi_s2r(v);
    MochiBuf b;
    mochi_buf_init(&b);
    fmt_rec(&b, kind, v, MOCHI_FMT_TOP, 0);
    return mochi_buf_to_str(&b);
}

mochi_ref mochi_fmt_any(mochi_ref a) {
    return mochi_fmt_value(MOCHI_K_REF, mochi_r2s(a));
}

mochi_ref mochi_str_value(MochiSlotKind kind, mochi_slot v) {
    if (kind == MOCHI_K_REF && mochi_s2r(v) && mochi_s2r(v)->kind == MOCHI_O_STR) return mochi_s2r(v);
    MochiBuf b;
    mochi_buf_init(&b);
    fmt_rec(&b, kind, v, MOCHI_FMT_STR, 0);
    return mochi_buf_to_str(&b);
}

/* ---- JSON ---- */

static void indent(MochiBuf *b, int pretty, int level) {
    if (!pretty) return;
    mochi_buf_putc(b, '\n');
    for (int i = 0; i < level; i++) mochi_buf_puts(b, "  ");
}

static void json_rec(MochiBuf *b, MochiSlotKind kind, mochi_slot v, int pretty, int level) {
    char t[400];
    if (level > MAX_DEPTH) {
        mochi_buf_puts(b, "null");
        return;
    }
    if (kind == MOCHI_K_I64) { put_int(b, (int64_t)v); return; }
    if (kind == MOCHI_K_BOOL) { mochi_buf_puts(b, v ? "true" : "false"); return; }
    if (kind == MOCHI_K_F64) { mochi_buf_put(b, t, fmt_json_f64(t, mochi_s2f(v))); return; }
    mochi_ref a = mochi_s2r(v);
    switch (mochi_any_kind(a)) {
    case MOCHI_A_NIL: case MOCHI_A_CLOSURE: mochi_buf_puts(b, "null"); return;
    case MOCHI_A_INT: put_int(b, (int64_t)((MochiBox *)a)->v); return;
    case MOCHI_A_FLOAT: mochi_buf_put(b, t, fmt_json_f64(t, mochi_s2f(((MochiBox *)a)->v))); return;
    case MOCHI_A_BOOL: mochi_buf_puts(b, ((MochiBox *)a)->v ? "true" : "false"); return;
    case MOCHI_A_STR: quote_json(b, mochi_str_bytes(a), mochi_str_byte_len(a)); return;
    case MOCHI_A_BIGINT: mochi_bigint_fmt(b, a); return;
    case MOCHI_A_BIGRAT: mochi_bigrat_fmt(b, a, 1); return;
    case MOCHI_A_LIST: {
        MochiList *l = (MochiList *)a;
        if (l->len == 0) { mochi_buf_puts(b, "[]"); return; }
        mochi_buf_putc(b, '[');
        for (int64_t i = 0; i < l->len; i++) {
            if (i) mochi_buf_putc(b, ',');
            indent(b, pretty, level + 1);
            json_rec(b, (MochiSlotKind)l->elem_kind, mochi_list_at(l, i), pretty, level + 1);
        }
        indent(b, pretty, level);
        mochi_buf_putc(b, ']');
        return;
    }
    case MOCHI_A_MAP: {
        MochiMap *m = (MochiMap *)a;
        if (m->len == 0) { mochi_buf_puts(b, "{}"); return; }
        int64_t n = m->len;
        int64_t *o = (int64_t *)mochi_xmalloc((size_t)n * sizeof(int64_t));
        memcpy(o, mochi_map_order(m), (size_t)n * sizeof(int64_t));
        mochi_buf_putc(b, '{');
        for (int64_t i = 0; i < n; i++) {
            MochiMapEntry *e = &m->entries[o[i]];
            MochiBuf k;
            if (i) mochi_buf_putc(b, ',');
            indent(b, pretty, level + 1);
            mochi_buf_init(&k);
            mochi_key_text(&k, (MochiSlotKind)m->key_kind, e->key);
            quote_json(b, k.p ? k.p : "", (int64_t)k.n);
            mochi_buf_free(&k);
            mochi_buf_puts(b, pretty ? ": " : ":");
            json_rec(b, (MochiSlotKind)m->val_kind, e->val, pretty, level + 1);
        }
        free(o);
        indent(b, pretty, level);
        mochi_buf_putc(b, '}');
        return;
    }
    case MOCHI_A_STRUCT: {
        MochiStruct *s = (MochiStruct *)a;
        const MochiTypeDesc *d = MOCHI_STRUCT_DESC(s);
        int32_t small[17];
        int32_t *ord = entry_order(d, small, 17);
        int32_t n = sorted_entries(d, ord);
        if (n == 0) {
            if (ord != small) free(ord);
            mochi_buf_puts(b, "{}");
            return;
        }
        mochi_buf_putc(b, '{');
        for (int32_t i = 0; i < n; i++) {
            int32_t f = ord[i];
            const char *key = entry_key(d, f);
            if (i) mochi_buf_putc(b, ',');
            indent(b, pretty, level + 1);
            quote_json(b, key, (int64_t)strlen(key));
            mochi_buf_puts(b, pretty ? ": " : ":");
            if (f < 0) quote_json(b, d->name, (int64_t)strlen(d->name));
            else json_rec(b, (MochiSlotKind)d->field_kinds[f], s->f[f], pretty, level + 1);
        }
        if (ord != small) free(ord);
        indent(b, pretty, level);
        mochi_buf_putc(b, '}');
        return;
    }
    }
}

mochi_ref mochi_json_value(MochiSlotKind kind, mochi_slot v) {
    MochiBuf b;
    mochi_buf_init(&b);
    json_rec(&b, kind, v, 1, 0);
    return mochi_buf_to_str(&b);
}

mochi_ref mochi_to_json_value(MochiSlotKind kind, mochi_slot v) {
    MochiBuf b;
    mochi_buf_init(&b);
    json_rec(&b, kind, v, 0, 0);
    return mochi_buf_to_str(&b);
}

void mochi_json_print(MochiSlotKind kind, mochi_slot v) {
    MochiBuf b;
    mochi_buf_init(&b);
    json_rec(&b, kind, v, 1, 0);
    mochi_buf_putc(&b, '\n');
    mochi_out_write(b.p, b.n);
    mochi_buf_free(&b);
}
