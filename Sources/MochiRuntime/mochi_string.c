/*
 * mochi_string.c: immutable UTF-8 strings measured and indexed by code point.
 *
 * The code-point count is computed once at creation; when it equals the byte
 * length the string is ASCII and indexing/slicing are O(1), otherwise they walk
 * the bytes. Invalid UTF-8 never crashes: every byte that is not a continuation
 * byte starts a code point. Also here: parsing of `as int` / `as float`, and the
 * string builtins (split, join, trim, padStart, ...).
 */
#include "mochi_internal.h"
#include <math.h>

static int64_t count_cps(const char *p, int64_t n) {
    int64_t c = 0;
    for (int64_t i = 0; i < n; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80) c++;
    return c;
}

/* A string of n bytes whose code-point count is already known (ncp >= 0), or is
 * counted here (ncp < 0). */
static mochi_ref str_new_ncp(const char *bytes, int64_t n, int64_t ncp) {
    if (n < 0) n = 0;
    MochiStr *s = (MochiStr *)mochi_gc_alloc(MOCHI_O_STR, sizeof(MochiStr) + (size_t)n + 1);
    if (n) memcpy(s->data, bytes, (size_t)n);
    s->data[n] = 0;
    s->len = n;
    s->ncp = ncp >= 0 ? ncp : count_cps(s->data, n);
    return (mochi_ref)s;
}

mochi_ref mochi_str_new(const char *bytes, int64_t n) {
    return str_new_ncp(bytes, n, -1);
}

mochi_ref mochi_str_lit(const char *cstr) {
    return mochi_str_new(cstr ? cstr : "", cstr ? (int64_t)strlen(cstr) : 0);
}

const char *mochi_str_bytes(mochi_ref s) {
    return s ? ((MochiStr *)s)->data : "";
}

int64_t mochi_str_byte_len(mochi_ref s) {
    return s ? ((MochiStr *)s)->len : 0;
}

int64_t mochi_str_len(mochi_ref s) {
    return s ? ((MochiStr *)s)->ncp : 0;
}

mochi_ref mochi_str_concat(mochi_ref a, mochi_ref b) {
    MochiStr *x = (MochiStr *)a, *y = (MochiStr *)b;
    int64_t nx = x ? x->len : 0, ny = y ? y->len : 0;
    MochiStr *s = (MochiStr *)mochi_gc_alloc(MOCHI_O_STR, sizeof(MochiStr) + (size_t)(nx + ny) + 1);
    if (nx) memcpy(s->data, x->data, (size_t)nx);
    if (ny) memcpy(s->data + nx, y->data, (size_t)ny);
    s->data[nx + ny] = 0;
    s->len = nx + ny;
    s->ncp = (x ? x->ncp : 0) + (y ? y->ncp : 0);
    return (mochi_ref)s;
}

/* Byte offset of code point i (0 <= i <= ncp). */
static int64_t cp_offset(const MochiStr *s, int64_t i) {
    if (s->ncp == s->len) return i;
    if (i >= s->ncp) return s->len;
    int64_t c = -1;
    for (int64_t b = 0; b < s->len; b++) {
        if (((unsigned char)s->data[b] & 0xC0) != 0x80) {
            c++;
            if (c == i) return b;
        }
    }
    return s->len;
}

/* Code points a..b of s (0 <= a <= b <= ncp): a piece of an ASCII string is ASCII,
 * b - a bytes and as many code points, neither searched for nor counted again. */
static mochi_ref cp_range(const MochiStr *s, int64_t a, int64_t b) {
    if (s->ncp == s->len) return str_new_ncp(s->data + a, b - a, b - a);
    int64_t oa = cp_offset(s, a);
    int64_t ob = cp_offset(s, b);
    return mochi_str_new(s->data + oa, ob - oa);
}

mochi_ref mochi_str_index(mochi_ref r, int64_t i) {
    MochiStr *s = (MochiStr *)r;
    int64_t n = s ? s->ncp : 0;
    int64_t j = i < 0 ? i + n : i;
    if (j < 0 || j >= n) mochi_err_index("string", i, n);
    return cp_range(s, j, j + 1);
}

static void clamp_bounds(int64_t n, int64_t *a, int64_t *b) {
    if (*a < 0) *a += n;
    if (*b < 0) *b += n;
    if (*a < 0) *a = 0;
    if (*b > n) *b = n;
    if (*a > n) *a = n;
    if (*b < *a) *b = *a;
}

mochi_ref mochi_str_slice(mochi_ref r, int64_t a, int64_t b) {
    MochiStr *s = (MochiStr *)r;
    if (!s) return mochi_str_new("", 0);
    clamp_bounds(s->ncp, &a, &b);
    return cp_range(s, a, b);
}

mochi_ref mochi_str_slice_opt(mochi_ref s, int64_t a, int64_t has_a, int64_t b, int64_t has_b) {
    return mochi_str_slice(s, has_a ? a : 0, has_b ? b : mochi_str_len(s));
}

mochi_ref mochi_str_substring(mochi_ref r, int64_t i, int64_t j) {
    MochiStr *s = (MochiStr *)r;
    if (!s) return mochi_str_new("", 0);
    int64_t n = s->ncp;
    if (i < 0) i = 0;
    if (j > n) j = n;
    if (i > n) i = n;
    if (j < i) j = i;
    return cp_range(s, i, j);
}

int64_t mochi_str_eq(mochi_ref a, mochi_ref b) {
    if (a == b) return 1;
    MochiStr *x = (MochiStr *)a, *y = (MochiStr *)b;
    int64_t nx = x ? x->len : 0, ny = y ? y->len : 0;
    if (nx != ny) return 0;
    return nx == 0 || memcmp(x->data, y->data, (size_t)nx) == 0;
}

int64_t mochi_str_cmp(mochi_ref a, mochi_ref b) {
    MochiStr *x = (MochiStr *)a, *y = (MochiStr *)b;
    int64_t nx = x ? x->len : 0, ny = y ? y->len : 0;
    int64_t m = nx < ny ? nx : ny;
    int c = m ? memcmp(x->data, y->data, (size_t)m) : 0;
    if (c) return c < 0 ? -1 : 1;
    return nx < ny ? -1 : nx > ny ? 1 : 0;
}

/* Byte offset of the first occurrence of needle in hay, -1 when absent. */
static int64_t find_bytes(const char *hay, int64_t nh, const char *needle, int64_t nn, int64_t from) {
    if (nn == 0) return from <= nh ? from : -1;
    for (int64_t i = from; i + nn <= nh; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)nn) == 0) return i;
    return -1;
}

int64_t mochi_str_contains(mochi_ref s, mochi_ref sub) {
    return find_bytes(mochi_str_bytes(s), mochi_str_byte_len(s), mochi_str_bytes(sub), mochi_str_byte_len(sub), 0) >= 0;
}

int64_t mochi_str_index_of(mochi_ref s, mochi_ref sub) {
    int64_t off = find_bytes(mochi_str_bytes(s), mochi_str_byte_len(s), mochi_str_bytes(sub), mochi_str_byte_len(sub), 0);
    if (off < 0) return -1;
    return count_cps(mochi_str_bytes(s), off);
}

int64_t mochi_str_starts_with(mochi_ref s, mochi_ref p) {
    int64_t ns = mochi_str_byte_len(s), np = mochi_str_byte_len(p);
    return np <= ns && memcmp(mochi_str_bytes(s), mochi_str_bytes(p), (size_t)np) == 0;
}

int64_t mochi_str_ends_with(mochi_ref s, mochi_ref p) {
    int64_t ns = mochi_str_byte_len(s), np = mochi_str_byte_len(p);
    return np <= ns && memcmp(mochi_str_bytes(s) + (ns - np), mochi_str_bytes(p), (size_t)np) == 0;
}

static mochi_ref map_ascii(mochi_ref s, int upper) {
    int64_t n = mochi_str_byte_len(s);
    mochi_ref r = mochi_str_new(mochi_str_bytes(s), n);
    char *d = ((MochiStr *)r)->data;
    for (int64_t i = 0; i < n; i++) {
        if (upper && d[i] >= 'a' && d[i] <= 'z') d[i] = (char)(d[i] - 32);
        if (!upper && d[i] >= 'A' && d[i] <= 'Z') d[i] = (char)(d[i] + 32);
    }
    return r;
}

mochi_ref mochi_str_upper(mochi_ref s) {
    return map_ascii(s, 1);
}

mochi_ref mochi_str_lower(mochi_ref s) {
    return map_ascii(s, 0);
}

static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

mochi_ref mochi_str_trim(mochi_ref s) {
    const char *p = mochi_str_bytes(s);
    int64_t a = 0, b = mochi_str_byte_len(s);
    while (a < b && is_space(p[a])) a++;
    while (b > a && is_space(p[b - 1])) b--;
    return mochi_str_new(p + a, b - a);
}

mochi_ref mochi_str_split(mochi_ref s, mochi_ref sep) {
    mochi_ref out = mochi_list_new(MOCHI_K_REF, 4);
    const char *p = mochi_str_bytes(s);
    int64_t n = mochi_str_byte_len(s), ns = mochi_str_byte_len(sep);
    if (ns == 0) {
        MochiStr *str = (MochiStr *)s;
        int64_t ncp = str ? str->ncp : 0;
        for (int64_t i = 0; i < ncp; i++) mochi_list_push(out, mochi_r2s(cp_range(str, i, i + 1)));
        return out;
    }
    int64_t start = 0;
    for (;;) {
        int64_t at = find_bytes(p, n, mochi_str_bytes(sep), ns, start);
        if (at < 0) break;
        mochi_list_push(out, mochi_r2s(mochi_str_new(p + start, at - start)));
        start = at + ns;
    }
    mochi_list_push(out, mochi_r2s(mochi_str_new(p + start, n - start)));
    return out;
}

mochi_ref mochi_str_join(mochi_ref list, mochi_ref sep) {
    MochiBuf b;
    mochi_buf_init(&b);
    int64_t n = mochi_list_len(list);
    MochiList *l = (MochiList *)list;
    for (int64_t i = 0; i < n; i++) {
        if (i) mochi_buf_put(&b, mochi_str_bytes(sep), (size_t)mochi_str_byte_len(sep));
        if (l->elem_kind == MOCHI_K_REF) {
            mochi_ref e = mochi_s2r(mochi_list_at(l, i));
            if (e && e->kind == MOCHI_O_STR) mochi_buf_put(&b, mochi_str_bytes(e), (size_t)mochi_str_byte_len(e));
            else mochi_fmt_slot(&b, MOCHI_K_REF, mochi_list_at(l, i), MOCHI_FMT_STR);
        } else {
            mochi_fmt_slot(&b, (MochiSlotKind)l->elem_kind, mochi_list_at(l, i), MOCHI_FMT_STR);
        }
    }
    return mochi_buf_to_str(&b);
}

mochi_ref mochi_str_repeat(mochi_ref s, int64_t n) {
    int64_t len = mochi_str_byte_len(s);
    if (n <= 0 || len == 0) return mochi_str_new("", 0);
    if (n > INT64_MAX / len || n * len > ((int64_t)1 << 40)) mochi_rt_error("out of memory");
    MochiStr *r = (MochiStr *)mochi_gc_alloc(MOCHI_O_STR, sizeof(MochiStr) + (size_t)(n * len) + 1);
    for (int64_t i = 0; i < n; i++) memcpy(r->data + i * len, mochi_str_bytes(s), (size_t)len);
    r->data[n * len] = 0;
    r->len = n * len;
    r->ncp = n * mochi_str_len(s);
    return (mochi_ref)r;
}

static mochi_ref pad(mochi_ref s, int64_t width, mochi_ref padding, int at_start) {
    int64_t n = mochi_str_len(s), np = mochi_str_len(padding);
    if (n >= width || np == 0) return s ? s : mochi_str_new("", 0);
    MochiBuf b;
    mochi_buf_init(&b);
    if (!at_start) mochi_buf_put(&b, mochi_str_bytes(s), (size_t)mochi_str_byte_len(s));
    MochiStr *ps = (MochiStr *)padding;
    for (int64_t k = 0; k < width - n; k++) {
        int64_t c = k % np;
        int64_t oa = cp_offset(ps, c), ob = cp_offset(ps, c + 1);
        mochi_buf_put(&b, ps->data + oa, (size_t)(ob - oa));
    }
    if (at_start) mochi_buf_put(&b, mochi_str_bytes(s), (size_t)mochi_str_byte_len(s));
    return mochi_buf_to_str(&b);
}

mochi_ref mochi_str_pad_start(mochi_ref s, int64_t width, mochi_ref p) {
    return pad(s, width, p, 1);
}

mochi_ref mochi_str_pad_end(mochi_ref s, int64_t width, mochi_ref p) {
    return pad(s, width, p, 0);
}

mochi_ref mochi_str_reverse(mochi_ref r) {
    int64_t n = mochi_str_byte_len(r);
    const char *p = mochi_str_bytes(r);
    char *tmp = (char *)mochi_xmalloc((size_t)n + 1);
    int64_t out = n;
    for (int64_t i = 0; i < n;) {
        int64_t j = i + 1;
        while (j < n && ((unsigned char)p[j] & 0xC0) == 0x80) j++;
        out -= j - i;
        memcpy(tmp + out, p + i, (size_t)(j - i));
        i = j;
    }
    mochi_ref s = mochi_str_new(tmp, n);
    free(tmp);
    return s;
}

static MOCHI_NORETURN void bad_text(const char *what, mochi_ref s) {
    MochiBuf b;
    mochi_buf_init(&b);
    mochi_buf_puts(&b, what);
    mochi_buf_putc(&b, ' ');
    mochi_ref q = mochi_str_quote(s);
    mochi_buf_put(&b, mochi_str_bytes(q), (size_t)mochi_str_byte_len(q));
    mochi_buf_putc(&b, 0);
    mochi_rt_error(b.p);
}

int64_t mochi_str_to_int_base(mochi_ref s, int64_t base) {
    const char *p = mochi_str_bytes(s);
    int64_t n = mochi_str_byte_len(s), i = 0;
    if (base < 2 || base > 36) mochi_rt_error("invalid base");
    int neg = 0;
    if (i < n && (p[i] == '+' || p[i] == '-')) neg = p[i++] == '-';
    if (i >= n) bad_text("invalid integer:", s);
    uint64_t acc = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < n; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
        if (d >= base) bad_text("invalid integer:", s);
        if (acc > (limit - (uint64_t)d) / (uint64_t)base) bad_text("invalid integer:", s);
        acc = acc * (uint64_t)base + (uint64_t)d;
    }
    if (neg) return acc == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)acc;
    return (int64_t)acc;
}

int64_t mochi_str_to_int(mochi_ref s) {
    return mochi_str_to_int_base(s, 10);
}

/* strtod's grammar and correctly rounded result over the whole text, by the runtime's
 * own parser (mochi_float.c): C libraries differ in rare cases. */
int mochi_f64_parse(const char *p, size_t n, double *out);

double mochi_str_to_float(mochi_ref s) {
    double d;
    if (!mochi_f64_parse(mochi_str_bytes(s), (size_t)mochi_str_byte_len(s), &d)) bad_text("invalid float:", s);
    return d;
}

mochi_ref mochi_str_from_int(int64_t v) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%lld", (long long)v);
    return mochi_str_new(buf, n);
}

mochi_ref mochi_str_from_float(double v) {
    char buf[64];
    size_t n = mochi_fmt_f64(buf, v);
    return mochi_str_new(buf, (int64_t)n);
}

mochi_ref mochi_str_from_bool(int64_t v) {
    return mochi_str_lit(v ? "true" : "false");
}

mochi_ref mochi_str_from_code_point(int64_t cp) {
    unsigned char b[4];
    int n;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) { b[0] = (unsigned char)cp; n = 1; }
    else if (cp < 0x800) { b[0] = (unsigned char)(0xC0 | (cp >> 6)); b[1] = (unsigned char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12)); b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18)); b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (unsigned char)(0x80 | (cp & 0x3F)); n = 4;
    }
    return mochi_str_new((const char *)b, n);
}

int64_t mochi_str_code_point(mochi_ref s) {
    const unsigned char *p = (const unsigned char *)mochi_str_bytes(s);
    int64_t n = mochi_str_byte_len(s);
    if (n == 0) mochi_err_index("string", 0, 0);
    unsigned c = p[0];
    int need = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (need < 0 || need >= n) return need == 0 ? c : 0xFFFD;
    int64_t cp = need == 0 ? c : need == 1 ? (c & 0x1F) : need == 2 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k <= need; k++) {
        if ((p[k] & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    return cp;
}

mochi_ref mochi_str_chars(mochi_ref r) {
    MochiStr *s = (MochiStr *)r;
    int64_t n = s ? s->ncp : 0;
    mochi_ref out = mochi_list_new(MOCHI_K_REF, n);
    if (!s) return out;
    const char *p = s->data;
    for (int64_t i = 0; i < s->len;) {
        int64_t j = i + 1;
        while (j < s->len && ((unsigned char)p[j] & 0xC0) == 0x80) j++;
        mochi_list_push(out, mochi_r2s(mochi_str_new(p + i, j - i)));
        i = j;
    }
    return out;
}
