/*
 * mochi_bigint.c: arbitrary-precision integers (`bigint`) and exact rationals
 * (`bigrat`), LANGUAGE.md §9-10. Our own code, no GMP: the runtime has to build
 * with every compiler and for every target it supports (tcc, zig cc to
 * aarch64/riscv64/macOS/Windows/wasm32-wasi).
 *
 * A bigint is an immutable collected object holding its sign and its magnitude in
 * 64-bit limbs, least significant first, inline (one allocation, a leaf for the
 * collector). The 64x64->128 bit product and the 128/64 bit division come from
 * `unsigned __int128` (and `divq` on x86-64) where the compiler has them, and
 * from 32-bit halves otherwise (tcc; -DMOCHI_BIGINT_PORTABLE forces that path
 * so it can be tested anywhere). Values of one limb take short paths with no
 * loops, and the most common small values are shared preallocated objects.
 *
 * The algorithms are the classical ones: schoolbook multiplication below a
 * threshold and Karatsuba above it (squaring has its own, cheaper, variants),
 * Knuth's algorithm D for division, Lehmer's algorithm for gcd. Decimal
 * conversion divides and conquers: a number is split by 10^(19*2^k) (powers
 * computed once by squaring, then cached) into halves printed independently, and
 * text is parsed by the same splitting in reverse, with Karatsuba products; so
 * numbers of tens of thousands of digits print and parse in milliseconds.
 *
 * A bigrat is a pair of bigints in lowest terms with a positive denominator
 * (integers have denominator 1); operations follow Knuth 4.5.1, dividing by small
 * gcds of the operands' parts instead of reducing big products afterwards.
 *
 * Mixed-kind helpers used by the dynamic `any` paths (mochi_value.c) and the
 * formatting hooks (mochi_format.c) are at the end: ints, bigints, bigrats and
 * floats compare and combine after promotion along int < bigint < bigrat < float,
 * and hash consistently with that equality (a bigint or bigrat equal to an int or
 * a float hashes as that int or float does).
 */
#include "mochi_internal.h"
#include <math.h>

typedef uint64_t limb;
#define LIMB_MAX (~(limb)0)
#define TEN19 ((limb)10000000000000000000ull)

/* At most 2^30 limbs (8 GiB) where size_t has 64 bits, 2^24 (128 MiB) where it has
 * 32 (wasm32): a number's bit count and the scratch sizes below then fit a size_t. */
#if SIZE_MAX > 0xFFFFFFFFu
#define MAX_LIMBS ((size_t)1 << 30)
#else
#define MAX_LIMBS ((size_t)1 << 24)
#endif

#if defined(__SIZEOF_INT128__) && !defined(MOCHI_BIGINT_PORTABLE)
#define HAVE_U128 1
__extension__ typedef unsigned __int128 u128; /* __extension__: not ISO C, and known */
#else
#define HAVE_U128 0
#endif

/* ------------------------------------------------------------------------- */
/* Single-limb primitives                                                    */
/* ------------------------------------------------------------------------- */

/* a * b as hi:lo. */
static inline limb mul_wide(limb a, limb b, limb *hi) {
#if HAVE_U128
    u128 p = (u128)a * b;
    *hi = (limb)(p >> 64);
    return (limb)p;
#else
    uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    return (mid << 32) | (p00 & 0xFFFFFFFFu);
#endif
}

static inline int clz64(limb x) { /* x != 0 */
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_clzll(x);
#else
    int n = 0;
    if (!(x >> 32)) { n += 32; x <<= 32; }
    if (!(x >> 48)) { n += 16; x <<= 16; }
    if (!(x >> 56)) { n += 8; x <<= 8; }
    if (!(x >> 60)) { n += 4; x <<= 4; }
    if (!(x >> 62)) { n += 2; x <<= 2; }
    if (!(x >> 63)) n += 1;
    return n;
#endif
}

static inline int ctz64(limb x) { /* x != 0 */
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctzll(x);
#else
    int n = 0;
    if (!(x & 0xFFFFFFFFu)) { n += 32; x >>= 32; }
    if (!(x & 0xFFFFu)) { n += 16; x >>= 16; }
    if (!(x & 0xFFu)) { n += 8; x >>= 8; }
    if (!(x & 0xFu)) { n += 4; x >>= 4; }
    if (!(x & 0x3u)) { n += 2; x >>= 2; }
    if (!(x & 0x1u)) n += 1;
    return n;
#endif
}

/* (n1:n0) / d with n1 < d: the quotient, and the remainder in *r. */
static inline limb div_wide(limb n1, limb n0, limb d, limb *r) {
#if HAVE_U128 && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    /* One instruction; the compiler's 128-bit division is a library call that
     * cannot know the quotient fits in 64 bits. */
    limb q, rr;
    __asm__("divq %4" : "=a"(q), "=d"(rr) : "0"(n0), "1"(n1), "rm"(d));
    *r = rr;
    return q;
#elif HAVE_U128
    u128 n = ((u128)n1 << 64) | n0;
    limb q = (limb)(n / d);
    *r = n0 - q * d;
    return q;
#else
    /* Hacker's Delight divlu: two 64/32-bit steps on the normalised divisor. */
    const uint64_t b = (uint64_t)1 << 32;
    int s = clz64(d);
    d <<= s;
    uint64_t un32 = s ? (n1 << s) | (n0 >> (64 - s)) : n1;
    uint64_t un10 = n0 << s;
    uint64_t vn1 = d >> 32, vn0 = d & 0xFFFFFFFFu;
    uint64_t un1 = un10 >> 32, un0 = un10 & 0xFFFFFFFFu;
    uint64_t q1 = un32 / vn1, rhat = un32 - q1 * vn1;
    while (q1 >= b || q1 * vn0 > ((rhat << 32) | un1)) {
        q1--;
        rhat += vn1;
        if (rhat >= b) break;
    }
    uint64_t un21 = (un32 << 32) + un1 - q1 * d;
    uint64_t q0 = un21 / vn1;
    rhat = un21 - q0 * vn1;
    while (q0 >= b || q0 * vn0 > ((rhat << 32) | un0)) {
        q0--;
        rhat += vn1;
        if (rhat >= b) break;
    }
    *r = ((un21 << 32) + un0 - q0 * d) >> s;
    return (q1 << 32) | q0;
#endif
}

static limb gcd64(limb a, limb b) {
    if (a == 0) return b;
    if (b == 0) return a;
    int s = ctz64(a | b);
    a >>= ctz64(a);
    while (b) {
        b >>= ctz64(b);
        if (a > b) { limb t = a; a = b; b = t; }
        b -= a;
    }
    return a << s;
}

/* ------------------------------------------------------------------------- */
/* Magnitudes: limb vectors, least significant first                         */
/* ------------------------------------------------------------------------- */

static size_t n_norm(const limb *a, size_t n) {
    while (n > 0 && a[n - 1] == 0) n--;
    return n;
}

static int n_cmp(const limb *a, size_t an, const limb *b, size_t bn) {
    if (an != bn) return an < bn ? -1 : 1;
    while (an > 0) {
        an--;
        if (a[an] != b[an]) return a[an] < b[an] ? -1 : 1;
    }
    return 0;
}

static size_t n_bits(const limb *a, size_t n) { /* a normalised */
    return n ? n * 64 - (size_t)clz64(a[n - 1]) : 0;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(MOCHI_BIGINT_PORTABLE)
/* x86-64: one add-with-carry chain. The index counts up from -n to 0 with `inc`,
 * which leaves the carry flag alone; C cannot express the chain (both compilers
 * test and rematerialise the carry for every limb, twice as many instructions). */
static limb n_add_n(limb *r, const limb *a, const limb *b, size_t n) {
    if (n == 0) return 0;
    limb c;
    intptr_t i = -(intptr_t)n;
    __asm__ volatile("clc\n"
                     "1:\n\t"
                     "movq (%[a],%[i],8), %[c]\n\t"
                     "adcq (%[b],%[i],8), %[c]\n\t"
                     "movq %[c], (%[r],%[i],8)\n\t"
                     "incq %[i]\n\t"
                     "jnz 1b\n\t"
                     "sbbq %[c], %[c]\n\t"
                     : [c] "=&r"(c), [i] "+r"(i)
                     : [a] "r"(a + n), [b] "r"(b + n), [r] "r"(r + n)
                     : "cc", "memory");
    return c & 1;
}

static limb n_sub_n(limb *r, const limb *a, const limb *b, size_t n) {
    if (n == 0) return 0;
    limb c;
    intptr_t i = -(intptr_t)n;
    __asm__ volatile("clc\n"
                     "1:\n\t"
                     "movq (%[a],%[i],8), %[c]\n\t"
                     "sbbq (%[b],%[i],8), %[c]\n\t"
                     "movq %[c], (%[r],%[i],8)\n\t"
                     "incq %[i]\n\t"
                     "jnz 1b\n\t"
                     "sbbq %[c], %[c]\n\t"
                     : [c] "=&r"(c), [i] "+r"(i)
                     : [a] "r"(a + n), [b] "r"(b + n), [r] "r"(r + n)
                     : "cc", "memory");
    return c & 1;
}
#else
/* r = a + b over n limbs; the carry out. r may be a or b. */
static limb n_add_n(limb *r, const limb *a, const limb *b, size_t n) {
    limb c = 0;
    for (size_t i = 0; i < n; i++) {
#if defined(__GNUC__) || defined(__clang__)
        /* Both compilers make these two flag tests tighter than the comparisons. */
        limb s;
        limb c1 = __builtin_add_overflow(a[i], b[i], &s);
        limb c2 = __builtin_add_overflow(s, c, &s);
        r[i] = s;
        c = c1 | c2;
#else
        limb s = a[i] + c;
        c = s < c;
        limb t = s + b[i];
        c += t < s;
        r[i] = t;
#endif
    }
    return c;
}

/* r = a - b over n limbs; the borrow out. */
static limb n_sub_n(limb *r, const limb *a, const limb *b, size_t n) {
    limb br = 0;
    for (size_t i = 0; i < n; i++) {
#if defined(__GNUC__) || defined(__clang__)
        limb d;
        limb b1 = __builtin_sub_overflow(a[i], b[i], &d);
        limb b2 = __builtin_sub_overflow(d, br, &d);
        r[i] = d;
        br = b1 | b2;
#else
        limb x = a[i], y = b[i];
        limb d = x - y;
        limb b1 = x < y;
        limb d2 = d - br;
        br = b1 | (d < br);
        r[i] = d2;
#endif
    }
    return br;
}

#endif

/* r = a + b for an >= bn; the carry out. r may be a or b. */
static limb n_add(limb *r, const limb *a, size_t an, const limb *b, size_t bn) {
    limb c = n_add_n(r, a, b, bn);
    size_t i = bn;
    for (; i < an && c; i++) {
        limb s = a[i] + 1;
        c = s == 0;
        r[i] = s;
    }
    if (r != a)
        for (; i < an; i++) r[i] = a[i];
    return c;
}

/* r = a - b for an >= bn; the borrow out. */
static limb n_sub(limb *r, const limb *a, size_t an, const limb *b, size_t bn) {
    limb br = n_sub_n(r, a, b, bn);
    size_t i = bn;
    for (; i < an && br; i++) {
        limb x = a[i];
        r[i] = x - 1;
        br = x == 0;
    }
    if (r != a)
        for (; i < an; i++) r[i] = a[i];
    return br;
}

/* r = a * b; the high limb out. r may be a. */
static limb n_mul_1(limb *r, const limb *a, size_t n, limb b) {
    limb c = 0;
    for (size_t i = 0; i < n; i++) {
#if HAVE_U128
        u128 t = (u128)a[i] * b + c;
        r[i] = (limb)t;
        c = (limb)(t >> 64);
#else
        limb hi, lo = mul_wide(a[i], b, &hi);
        lo += c;
        hi += lo < c;
        r[i] = lo;
        c = hi;
#endif
    }
    return c;
}

/* r += a * b over n limbs; the carry out. */
static limb n_addmul_1(limb *r, const limb *a, size_t n, limb b) {
    limb c = 0;
    for (size_t i = 0; i < n; i++) {
#if HAVE_U128
        u128 t = (u128)a[i] * b + r[i] + c;
        r[i] = (limb)t;
        c = (limb)(t >> 64);
#else
        limb hi, lo = mul_wide(a[i], b, &hi);
        lo += c;
        hi += lo < c;
        limb t = r[i] + lo;
        hi += t < lo;
        r[i] = t;
        c = hi;
#endif
    }
    return c;
}

/* r -= a * b over n limbs; the borrow out. */
static limb n_submul_1(limb *r, const limb *a, size_t n, limb b) {
    limb c = 0;
    for (size_t i = 0; i < n; i++) {
#if HAVE_U128
        u128 p = (u128)a[i] * b + c;
        limb lo = (limb)p;
        c = (limb)(p >> 64);
#else
        limb hi, lo = mul_wide(a[i], b, &hi);
        lo += c;
        hi += lo < c;
        c = hi;
#endif
        limb t = r[i];
        r[i] = t - lo;
        c += t < lo;
    }
    return c;
}

/* r = a << s for 0 < s < 64, n >= 1; the bits shifted out. r may be a (or above it). */
static limb n_lshift(limb *r, const limb *a, size_t n, unsigned s) {
    limb out = a[n - 1] >> (64 - s);
    for (size_t i = n - 1; i > 0; i--) r[i] = (a[i] << s) | (a[i - 1] >> (64 - s));
    r[0] = a[0] << s;
    return out;
}

/* r = a >> s for 0 < s < 64, n >= 1. r may be a (or below it). */
static void n_rshift(limb *r, const limb *a, size_t n, unsigned s) {
    for (size_t i = 0; i + 1 < n; i++) r[i] = (a[i] >> s) | (a[i + 1] << (64 - s));
    r[n - 1] = a[n - 1] >> s;
}

/* ---- multiplication ---- */

/* Below these many limbs schoolbook beats Karatsuba (measured on x86-64 with clang
 * -O2; -D overrides them for measuring). */
#ifndef KARA_MUL
#define KARA_MUL 28
#endif
#ifndef KARA_SQR
#define KARA_SQR 40
#endif

/* r[0 .. an+bn) = a * b, an >= bn >= 1; r overlaps neither. */
static void n_mul_base(limb *r, const limb *a, size_t an, const limb *b, size_t bn) {
    r[an] = n_mul_1(r, a, an, b[0]);
    for (size_t j = 1; j < bn; j++) r[an + j] = n_addmul_1(r + j, a, an, b[j]);
}

/* r[0 .. 2n) = a^2: each cross product once, doubled, plus the squares. */
static void n_sqr_base(limb *r, const limb *a, size_t n) {
    if (n == 1) {
        r[0] = mul_wide(a[0], a[0], &r[1]);
        return;
    }
    r[0] = 0;
    r[n] = n_mul_1(r + 1, a + 1, n - 1, a[0]);
    for (size_t i = 1; i + 1 < n; i++) r[n + i] = n_addmul_1(r + 2 * i + 1, a + i + 1, n - i - 1, a[i]);
    r[2 * n - 1] = n_lshift(r + 1, r + 1, 2 * n - 2, 1);
    limb c = 0;
    for (size_t i = 0; i < n; i++) {
        limb hi, lo = mul_wide(a[i], a[i], &hi);
        limb t = r[2 * i] + lo;
        limb c1 = t < lo;
        t += c;
        c1 += t < c;
        r[2 * i] = t;
        limb u = r[2 * i + 1] + hi;
        limb c2 = u < hi;
        u += c1;
        c2 += u < c1;
        r[2 * i + 1] = u;
        c = c2;
    }
}

/* Scratch limbs the Karatsuba recursion needs for a first operand of n limbs. */
static size_t kara_scratch(size_t n) {
    size_t w = 0;
    while (n >= KARA_MUL) {
        size_t h = (n + 1) / 2;
        w += 4 * h + 4;
        n = h + 1;
    }
    return w;
}

static void mul_rec(limb *r, const limb *a, size_t an, const limb *b, size_t bn, limb *ws) {
    if (bn < KARA_MUL) {
        n_mul_base(r, a, an, b, bn);
        return;
    }
    size_t h = (an + 1) / 2;
    if (bn <= h) {
        /* Unbalanced: a in pieces of bn limbs, each product balanced. */
        limb *t = ws;
        memset(r, 0, (an + bn) * sizeof(limb));
        for (size_t i = 0; i < an; i += bn) {
            size_t len = an - i < bn ? an - i : bn;
            if (len == bn) mul_rec(t, a + i, len, b, bn, ws + 2 * bn);
            else mul_rec(t, b, bn, a + i, len, ws + 2 * bn);
            n_add(r + i, r + i, an + bn - i, t, len + bn);
        }
        return;
    }
    /* a = a1 B^h + a0, b = b1 B^h + b0; z1 = (a0+a1)(b0+b1) - z0 - z2. */
    size_t a1n = an - h, b1n = bn - h;
    mul_rec(r, a, h, b, h, ws);
    mul_rec(r + 2 * h, a + h, a1n, b + h, b1n, ws);
    limb *s1 = ws, *s2 = ws + h + 1, *z1 = ws + 2 * h + 2;
    s1[h] = n_add(s1, a, h, a + h, a1n);
    s2[h] = n_add(s2, b, h, b + h, b1n);
    size_t s1n = h + (s1[h] != 0), s2n = h + (s2[h] != 0);
    if (s1n >= s2n) mul_rec(z1, s1, s1n, s2, s2n, ws + 4 * h + 4);
    else mul_rec(z1, s2, s2n, s1, s1n, ws + 4 * h + 4);
    size_t zn = s1n + s2n;
    n_sub(z1, z1, zn, r, 2 * h);
    n_sub(z1, z1, zn, r + 2 * h, a1n + b1n);
    zn = n_norm(z1, zn);
    n_add(r + h, r + h, an + bn - h, z1, zn);
}

static void sqr_rec(limb *r, const limb *a, size_t n, limb *ws) {
    if (n < KARA_SQR) {
        n_sqr_base(r, a, n);
        return;
    }
    size_t h = (n + 1) / 2, a1n = n - h;
    sqr_rec(r, a, h, ws);
    sqr_rec(r + 2 * h, a + h, a1n, ws);
    limb *s = ws, *z1 = ws + h + 1;
    s[h] = n_add(s, a, h, a + h, a1n);
    size_t sn = h + (s[h] != 0);
    sqr_rec(z1, s, sn, ws + 3 * h + 3);
    size_t zn = 2 * sn;
    n_sub(z1, z1, zn, r, 2 * h);
    n_sub(z1, z1, zn, r + 2 * h, 2 * a1n);
    zn = n_norm(z1, zn);
    n_add(r + h, r + h, 2 * n - h, z1, zn);
}

/* r[0 .. an+bn) = a * b for an, bn >= 1; r overlaps neither operand. */
static void n_mul(limb *r, const limb *a, size_t an, const limb *b, size_t bn) {
    if (an < bn) {
        const limb *t = a;
        a = b;
        b = t;
        size_t tn = an;
        an = bn;
        bn = tn;
    }
    if (bn < KARA_MUL) {
        n_mul_base(r, a, an, b, bn);
        return;
    }
    limb *ws = (limb *)mochi_xmalloc(kara_scratch(an) * sizeof(limb));
    mul_rec(r, a, an, b, bn, ws);
    free(ws);
}

/* r[0 .. 2n) = a^2; r does not overlap a. */
static void n_sqr(limb *r, const limb *a, size_t n) {
    if (n < KARA_SQR) {
        n_sqr_base(r, a, n);
        return;
    }
    limb *ws = (limb *)mochi_xmalloc(kara_scratch(n + 1) * sizeof(limb));
    sqr_rec(r, a, n, ws);
    free(ws);
}

/* ---- division ---- */

/* q[0..n) = a / d (q may be a); the remainder. */
static limb n_divrem_1(limb *q, const limb *a, size_t n, limb d) {
    limb r = 0;
    for (size_t i = n; i-- > 0;) q[i] = div_wide(r, a[i], d, &r);
    return r;
}

/* Knuth's algorithm D: q[0 .. an-bn+1) = a / b and, when r is not NULL,
 * r[0 .. bn) = a mod b, for an >= bn >= 2 with b[bn-1] != 0. q and r overlap
 * nothing. */
static void n_divrem(limb *q, limb *r, const limb *a, size_t an, const limb *b, size_t bn) {
    limb small[96];
    limb *u = an + 1 + bn <= 96 ? small : (limb *)mochi_xmalloc((an + 1 + bn) * sizeof(limb));
    limb *v = u + an + 1;
    unsigned s = (unsigned)clz64(b[bn - 1]);
    if (s) {
        n_lshift(v, b, bn, s);
        u[an] = n_lshift(u, a, an, s);
    } else {
        memcpy(v, b, bn * sizeof(limb));
        memcpy(u, a, an * sizeof(limb));
        u[an] = 0;
    }
    limb vh = v[bn - 1], vl = v[bn - 2];
    for (size_t j = an - bn + 1; j-- > 0;) {
        limb u2 = u[j + bn], u1 = u[j + bn - 1], u0 = u[j + bn - 2];
        limb qh, rh;
        int rh_big = 0;
        if (u2 >= vh) { /* u2 == vh: the estimate is B-1 */
            qh = LIMB_MAX;
            rh = u1 + vh;
            rh_big = rh < u1;
        } else {
            qh = div_wide(u2, u1, vh, &rh);
        }
        while (!rh_big) {
            limb ph, pl = mul_wide(qh, vl, &ph);
            if (ph < rh || (ph == rh && pl <= u0)) break;
            qh--;
            limb old = rh;
            rh += vh;
            rh_big = rh < old;
        }
        limb borrow = n_submul_1(u + j, v, bn, qh);
        limb top = u[j + bn];
        u[j + bn] = top - borrow;
        if (top < borrow) { /* the estimate was one too big (rare): add back */
            qh--;
            u[j + bn] += n_add_n(u + j, u + j, v, bn);
        }
        q[j] = qh;
    }
    if (r) {
        if (s) n_rshift(r, u, bn, s);
        else memcpy(r, u, bn * sizeof(limb));
    }
    if (u != small) free(u);
}

/* ------------------------------------------------------------------------- */
/* bigint objects                                                            */
/* ------------------------------------------------------------------------- */

#define BI(x) ((MochiBigInt *)(x))

static MochiBigInt bi_zero = {{MOCHI_O_BIGINT, 0}, 0, 0};

/* A nil bigint (a zeroed slot, such as a new struct's field) reads as 0. */
static inline const MochiBigInt *bi_get(mochi_ref x) {
    return x ? (const MochiBigInt *)x : &bi_zero;
}

static MochiBigInt *bi_new(size_t n) {
    if (n > MAX_LIMBS) mochi_rt_error("out of memory");
    size_t size = sizeof(MochiBigInt) + n * sizeof(limb);
    if (n >= 32) mochi_gc_note_bigint(size); /* before the allocation: it may collect */
    MochiBigInt *r = (MochiBigInt *)mochi_gc_alloc_uninit(MOCHI_O_BIGINT, size);
    r->neg = 0;
    r->len = 0;
    return r;
}

static mochi_ref bi_done(MochiBigInt *r, size_t n, int neg) {
    n = n_norm(r->d, n);
    r->len = (uint32_t)n;
    r->neg = n && neg ? 1u : 0u;
    return (mochi_ref)r;
}

/* The values -32 ..= 256 are shared objects outside the collected heap (as the
 * runtime's small boxed ints are): loop counters and constants never allocate. */
#define SMALL_LO (-32)
#define SMALL_HI 256
#define SMALL_STRIDE (sizeof(MochiBigInt) + sizeof(limb))
static unsigned char *small_bigs;

static mochi_ref bi_small(int64_t v) {
    if (!small_bigs) {
        size_t n = (size_t)(SMALL_HI - SMALL_LO + 1);
        unsigned char *t = (unsigned char *)mochi_xmalloc(n * SMALL_STRIDE);
        memset(t, 0, n * SMALL_STRIDE);
        for (int64_t i = SMALL_LO; i <= SMALL_HI; i++) {
            MochiBigInt *s = (MochiBigInt *)(void *)(t + (size_t)(i - SMALL_LO) * SMALL_STRIDE);
            s->h.kind = MOCHI_O_BIGINT;
            s->neg = i < 0;
            s->len = i != 0;
            s->d[0] = i < 0 ? (limb)(-i) : (limb)i;
        }
        small_bigs = t;
    }
    return (mochi_ref)(void *)(small_bigs + (size_t)(v - SMALL_LO) * SMALL_STRIDE);
}

/* A bigint of magnitude hi:lo and the given sign. */
static mochi_ref bi_from_mag2(limb lo, limb hi, int neg) {
    if (hi == 0) {
        if (!neg && lo <= (limb)SMALL_HI) return bi_small((int64_t)lo);
        if (neg && lo <= (limb)-SMALL_LO) return bi_small(-(int64_t)lo);
    }
    MochiBigInt *r = bi_new(hi ? 2 : 1);
    r->d[0] = lo;
    if (hi) r->d[1] = hi;
    return bi_done(r, hi ? 2 : 1, neg);
}

static mochi_ref bi_from_limbs(const limb *d, size_t n, int neg) {
    n = n_norm(d, n);
    if (n <= 2) return bi_from_mag2(n ? d[0] : 0, n > 1 ? d[1] : 0, neg);
    MochiBigInt *r = bi_new(n);
    memcpy(r->d, d, n * sizeof(limb));
    return bi_done(r, n, neg);
}

mochi_ref mochi_bigint_from_i64(int64_t v) {
    if (v >= SMALL_LO && v <= SMALL_HI) return bi_small(v);
    return bi_from_mag2(v < 0 ? (limb)0 - (limb)v : (limb)v, 0, v < 0);
}

/* An input returned as a result: the static zero that stands for nil is never handed out. */
static mochi_ref bi_ref(const MochiBigInt *a) {
    return a->len ? (mochi_ref)a : bi_small(0);
}

static int bi_is_one(const MochiBigInt *a) {
    return a->len == 1 && !a->neg && a->d[0] == 1;
}

int64_t mochi_bigint_sign(mochi_ref x) {
    const MochiBigInt *a = bi_get(x);
    return a->len == 0 ? 0 : a->neg ? -1 : 1;
}

int64_t mochi_bigint_fits_i64(mochi_ref x) {
    const MochiBigInt *a = bi_get(x);
    if (a->len == 0) return 1;
    if (a->len > 1) return 0;
    return a->neg ? a->d[0] <= (limb)1 << 63 : a->d[0] <= (limb)INT64_MAX;
}

int64_t mochi_bigint_to_i64(mochi_ref x) {
    const MochiBigInt *a = bi_get(x);
    /* Plain `integer overflow`, without the note of int arithmetic's overflow
     * (mochi_err_overflow: "declare the value as bigint"): this value is one. */
    if (!mochi_bigint_fits_i64(x)) mochi_rt_error("integer overflow");
    if (a->len == 0) return 0;
    return a->neg ? (int64_t)((limb)0 - a->d[0]) : (int64_t)a->d[0];
}

/* ---- to and from doubles ---- */

/* The double nearest m * 2^e2 (round half to even), where m = d[0..n) plus, when
 * sticky, something nonzero below its last bit. Handles subnormals and overflow. */
static double make_double(const limb *d, size_t n, int64_t e2, int sticky, int neg) {
    n = n_norm(d, n);
    if (n == 0) return neg ? -0.0 : 0.0;
    int64_t bits = (int64_t)n_bits(d, n);
    int64_t E = bits - 1 + e2; /* exponent of the leading bit */
    if (E > 1023) return neg ? -HUGE_VAL : HUGE_VAL;
    /* The top 64 bits, leading bit at bit 63; everything below joins the sticky bit. */
    int sh = clz64(d[n - 1]);
    limb top = d[n - 1] << sh;
    if (n > 1) {
        if (sh) {
            top |= d[n - 2] >> (64 - sh);
            if (d[n - 2] << sh) sticky = 1;
        } else if (d[n - 2]) {
            sticky = 1;
        }
        for (size_t i = 0; i + 2 < n && !sticky; i++)
            if (d[i]) sticky = 1;
    }
    int64_t keep = E >= -1022 ? 53 : E + 1075; /* significant bits the result can hold */
    double r;
    if (keep <= 0) {
        /* Below half the smallest subnormal rounds to 0; keep == 0 is [2^-1075, 2^-1074),
         * where only exactly 2^-1075 (a tie) rounds to the even 0. */
        if (keep < 0) return neg ? -0.0 : 0.0;
        r = (top == (limb)1 << 63 && !sticky) ? 0.0 : ldexp(1.0, -1074);
    } else {
        limb mant = top >> (64 - keep);
        limb rest = top << keep; /* the dropped bits, the first of them at bit 63 */
        const limb half = (limb)1 << 63;
        if (rest > half || (rest == half && (sticky || (mant & 1)))) mant++;
        r = ldexp((double)mant, (int)(E - keep + 1)); /* exact: mant <= 2^53 */
    }
    return neg ? -r : r;
}

double mochi_bigint_to_f64(mochi_ref x) {
    const MochiBigInt *a = bi_get(x);
    if (a->len == 0) return 0.0;
    if (a->len == 1) {
        double r = (double)a->d[0]; /* the conversion rounds to nearest */
        return a->neg ? -r : r;
    }
    return make_double(a->d, a->len, 0, 0, a->neg);
}

static MOCHI_NORETURN void bad_float(double v, const char *to) {
    char msg[64];
    snprintf(msg, sizeof msg, "invalid cast: %s to %s", v != v ? "NaN" : v > 0 ? "+Inf" : "-Inf", to);
    mochi_rt_error(msg);
}

mochi_ref mochi_bigint_from_f64(double v) {
    if (v != v || v == HUGE_VAL || v == -HUGE_VAL) bad_float(v, "bigint");
    double t = v < 0 ? ceil(v) : floor(v);
    if (t > -9223372036854775808.0 && t < 9223372036854775808.0) return mochi_bigint_from_i64((int64_t)t);
    int e;
    double m = frexp(fabs(t), &e); /* |t| = m 2^e, 0.5 <= m < 1, e > 63 */
    limb mant = (limb)ldexp(m, 53);
    size_t shift = (size_t)(e - 53), q = shift / 64, s = shift % 64;
    MochiBigInt *r = bi_new(q + 2);
    memset(r->d, 0, (q + 2) * sizeof(limb));
    r->d[q] = mant << s;
    r->d[q + 1] = s ? mant >> (64 - s) : 0;
    return bi_done(r, q + 2, t < 0);
}

/* ---- addition, subtraction, multiplication ---- */

/* a + b, where b's sign is taken as bneg. */
static mochi_ref bi_addsub(const MochiBigInt *a, const MochiBigInt *b, int bneg) {
    size_t al = a->len, bl = b->len;
    int aneg = a->neg;
    if (bl == 0) return bi_ref(a);
    if (al <= 1 && bl == 1) {
        limb x = al ? a->d[0] : 0, y = b->d[0];
        if (aneg == bneg || al == 0) {
            limb s = x + y;
            return bi_from_mag2(s, s < x, al ? aneg : bneg);
        }
        return x >= y ? bi_from_mag2(x - y, 0, aneg) : bi_from_mag2(y - x, 0, bneg);
    }
    if (aneg == bneg) {
        if (al < bl) {
            const MochiBigInt *t = a;
            a = b;
            b = t;
            size_t tl = al;
            al = bl;
            bl = tl;
        }
        MochiBigInt *r = bi_new(al + 1);
        r->d[al] = n_add(r->d, a->d, al, b->d, bl);
        return bi_done(r, al + 1, aneg);
    }
    int c = n_cmp(a->d, al, b->d, bl);
    if (c == 0) return bi_small(0);
    if (c < 0) {
        MochiBigInt *r = bi_new(bl);
        n_sub(r->d, b->d, bl, a->d, al);
        return bi_done(r, bl, bneg);
    }
    MochiBigInt *r = bi_new(al);
    n_sub(r->d, a->d, al, b->d, bl);
    return bi_done(r, al, aneg);
}

mochi_ref mochi_bigint_add(mochi_ref a, mochi_ref b) {
    const MochiBigInt *x = bi_get(a), *y = bi_get(b);
    return bi_addsub(x, y, y->neg);
}

mochi_ref mochi_bigint_sub(mochi_ref a, mochi_ref b) {
    const MochiBigInt *x = bi_get(a), *y = bi_get(b);
    return bi_addsub(x, y, !y->neg);
}

mochi_ref mochi_bigint_mul(mochi_ref a, mochi_ref b) {
    const MochiBigInt *x = bi_get(a), *y = bi_get(b);
    size_t xl = x->len, yl = y->len;
    int neg = x->neg != y->neg;
    if (xl == 0 || yl == 0) return bi_small(0);
    if (xl == 1 && yl == 1) {
        limb hi, lo = mul_wide(x->d[0], y->d[0], &hi);
        return bi_from_mag2(lo, hi, neg);
    }
    MochiBigInt *r = bi_new(xl + yl);
    if (x == y) n_sqr(r->d, x->d, xl);
    else n_mul(r->d, x->d, xl, y->d, yl);
    return bi_done(r, xl + yl, neg);
}

mochi_ref mochi_bigint_neg(mochi_ref a) {
    const MochiBigInt *x = bi_get(a);
    if (x->len == 0) return bi_small(0);
    if (x->len == 1) return bi_from_mag2(x->d[0], 0, !x->neg);
    MochiBigInt *r = bi_new(x->len);
    memcpy(r->d, x->d, x->len * sizeof(limb));
    return bi_done(r, x->len, !x->neg);
}

mochi_ref mochi_bigint_abs(mochi_ref a) {
    const MochiBigInt *x = bi_get(a);
    return x->neg ? mochi_bigint_neg(a) : bi_ref(x);
}

/* ---- division ---- */

/* Truncating division: *q = trunc(a / b), *r = a - q b (the dividend's sign).
 * Either output may be NULL when not wanted. */
static void bi_divmod(const MochiBigInt *a, const MochiBigInt *b, mochi_ref *q, mochi_ref *r) {
    size_t al = a->len, bl = b->len;
    int qneg = a->neg != b->neg;
    if (bl == 0) mochi_err_div_zero();
    if (al < bl || (al == bl && n_cmp(a->d, al, b->d, bl) < 0)) {
        if (q) *q = bi_small(0);
        if (r) *r = bi_ref(a);
        return;
    }
    if (bl == 1) {
        limb d = b->d[0];
        if (al == 1) {
            if (q) *q = bi_from_mag2(a->d[0] / d, 0, qneg);
            if (r) *r = bi_from_mag2(a->d[0] % d, 0, a->neg);
            return;
        }
        if (!q) {
            limb rem = 0;
            for (size_t i = al; i-- > 0;) div_wide(rem, a->d[i], d, &rem);
            *r = bi_from_mag2(rem, 0, a->neg);
            return;
        }
        MochiBigInt *qq = bi_new(al);
        limb rem = n_divrem_1(qq->d, a->d, al, d);
        *q = bi_done(qq, al, qneg);
        if (r) *r = bi_from_mag2(rem, 0, a->neg);
        return;
    }
    size_t ql = al - bl + 1;
    MochiBigInt *qq = q ? bi_new(ql) : NULL;
    MochiBigInt *rr = r ? bi_new(bl) : NULL;
    limb *qd = qq ? qq->d : (limb *)mochi_xmalloc(ql * sizeof(limb));
    n_divrem(qd, rr ? rr->d : NULL, a->d, al, b->d, bl);
    if (q) *q = bi_done(qq, ql, qneg);
    else free(qd);
    if (r) *r = bi_done(rr, bl, a->neg);
}

mochi_ref mochi_bigint_div(mochi_ref a, mochi_ref b) {
    mochi_ref q;
    bi_divmod(bi_get(a), bi_get(b), &q, NULL);
    return q;
}

mochi_ref mochi_bigint_rem(mochi_ref a, mochi_ref b) {
    mochi_ref r;
    bi_divmod(bi_get(a), bi_get(b), NULL, &r);
    return r;
}

mochi_ref mochi_bigint_divrem(mochi_ref a, mochi_ref b, mochi_ref *rem) {
    mochi_ref q, r;
    bi_divmod(bi_get(a), bi_get(b), &q, &r);
    if (rem) *rem = r;
    return q;
}

/* ---- comparison ---- */

int64_t mochi_bigint_cmp(mochi_ref a, mochi_ref b) {
    const MochiBigInt *x = bi_get(a), *y = bi_get(b);
    if (x->neg != y->neg) return x->neg ? -1 : 1;
    int c = n_cmp(x->d, x->len, y->d, y->len);
    return x->neg ? -c : c;
}

int64_t mochi_bigint_eq(mochi_ref a, mochi_ref b) {
    const MochiBigInt *x = bi_get(a), *y = bi_get(b);
    if (x == y) return 1;
    return x->neg == y->neg && x->len == y->len && memcmp(x->d, y->d, x->len * sizeof(limb)) == 0;
}

/* ---- powers ---- */

mochi_ref mochi_bigint_pow(mochi_ref base, int64_t e) {
    const MochiBigInt *a = bi_get(base);
    int odd = (int)(e & 1);
    if (e < 0) {
        /* 1 / a^|e| truncated toward zero, as `/` truncates: 0 unless |a| == 1. */
        if (a->len == 0) mochi_err_div_zero();
        if (a->len == 1 && a->d[0] == 1) return bi_small(a->neg && odd ? -1 : 1);
        return bi_small(0);
    }
    if (e == 0) return bi_small(1);
    if (a->len == 0) return bi_small(0);
    int neg = a->neg && odd;
    if (a->len == 1 && a->d[0] == 1) return bi_small(neg ? -1 : 1);
    uint64_t ue = (uint64_t)e;
    size_t abits = n_bits(a->d, a->len);
    if (ue > (uint64_t)MAX_LIMBS * 64 / abits) mochi_rt_error("out of memory");
    size_t maxl = (size_t)((abits * ue + 63) / 64) + 1;
    if (a->len == 1 && (a->d[0] & (a->d[0] - 1)) == 0) {
        /* A power of two: place one bit. */
        size_t k = (size_t)ctz64(a->d[0]) * (size_t)ue;
        MochiBigInt *r = bi_new(k / 64 + 1);
        memset(r->d, 0, (k / 64 + 1) * sizeof(limb));
        r->d[k / 64] = (limb)1 << (k % 64);
        return bi_done(r, k / 64 + 1, neg);
    }
    /* Left to right: square, and multiply by a where e has a one bit. */
    limb *x = (limb *)mochi_xmalloc(maxl * sizeof(limb));
    limb *t = (limb *)mochi_xmalloc(maxl * sizeof(limb));
    memcpy(x, a->d, a->len * sizeof(limb));
    size_t xn = a->len;
    int top = 63;
    while (!((ue >> top) & 1)) top--;
    for (int i = top - 1; i >= 0; i--) {
        n_sqr(t, x, xn);
        xn = n_norm(t, 2 * xn);
        limb *s = x;
        x = t;
        t = s;
        if ((ue >> i) & 1) {
            if (a->len == 1) {
                limb c = n_mul_1(x, x, xn, a->d[0]);
                if (c) x[xn++] = c;
            } else {
                n_mul(t, x, xn, a->d, a->len);
                xn = n_norm(t, xn + a->len);
                s = x;
                x = t;
                t = s;
            }
        }
    }
    mochi_ref r = bi_from_limbs(x, xn, neg);
    free(x);
    free(t);
    return r;
}

/* ---- decimal text ---- */

/* 10^(19 2^k) for k = 0, 1, ...: computed by squaring on first use, then kept. */
typedef struct {
    limb *d;
    size_t n;
} Pow10;
static Pow10 pow10_cache[40];
static int pow10_count;

static const Pow10 *pow10_level(int k) {
    while (pow10_count <= k) {
        Pow10 *p = &pow10_cache[pow10_count];
        if (pow10_count == 0) {
            p->d = (limb *)mochi_xmalloc(sizeof(limb));
            p->d[0] = TEN19;
            p->n = 1;
        } else {
            const Pow10 *q = &pow10_cache[pow10_count - 1];
            p->d = (limb *)mochi_xmalloc(2 * q->n * sizeof(limb));
            n_sqr(p->d, q->d, q->n);
            p->n = n_norm(p->d, 2 * q->n);
        }
        pow10_count++;
    }
    return &pow10_cache[k];
}

/* Up to this many limbs a number is converted by repeated division by 10^19. */
#define DEC_BASE 30

/* Writes the digits of x[0..n) so they end just before `end`: exactly `width`
 * digits (zero-padded) when width > 0, else as few as needed ("0" for zero).
 * Returns where the digits start. */
static char *dec_write(const limb *x, size_t n, char *end, size_t width) {
    n = n_norm(x, n);
    if (n <= DEC_BASE) {
        limb t[DEC_BASE];
        char *p = end;
        memcpy(t, x, n * sizeof(limb));
        while (n > 0) {
            limb rem = n_divrem_1(t, t, n, TEN19);
            n = n_norm(t, n);
            if (n > 0) {
                for (int k = 0; k < 19; k++) {
                    *--p = (char)('0' + rem % 10);
                    rem /= 10;
                }
            } else {
                do {
                    *--p = (char)('0' + rem % 10);
                    rem /= 10;
                } while (rem);
            }
        }
        if (width)
            while ((size_t)(end - p) < width) *--p = '0';
        else if (p == end)
            *--p = '0';
        return p;
    }
    /* Split by 10^(19 2^k), which has at most 2^k limbs, with 2^k <= (n+1)/2: the
     * quotient and the remainder get about half the limbs each. */
    int k = 0;
    while (((size_t)2 << k) <= (n + 1) / 2) k++;
    const Pow10 *pw = pow10_level(k);
    size_t m = pw->n, ql = n - m + 1, w = (size_t)19 << k;
    limb *q = (limb *)mochi_xmalloc((ql + m) * sizeof(limb));
    limb *r = q + ql;
    n_divrem(q, r, x, n, pw->d, m);
    dec_write(r, m, end, w);
    char *p = dec_write(q, ql, end - w, width ? width - w : 0);
    free(q);
    return p;
}

/* Room for the decimal digits of a magnitude of `bits` bits: 0.30103 is just above
 * log10 2 (1233/4096, the usual shift trick, is just below it and comes up short by
 * 15 digits at a million digits). */
static size_t dec_room(size_t bits) {
    return (size_t)((uint64_t)bits * 30103u / 100000u) + 2;
}

void mochi_bigint_fmt(MochiBuf *b, mochi_ref x) {
    const MochiBigInt *a = bi_get(x);
    if (a->len <= 1) {
        char t[24], *p = t + sizeof t;
        limb v = a->len ? a->d[0] : 0;
        do {
            *--p = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        if (a->neg) *--p = '-';
        mochi_buf_put(b, p, (size_t)(t + sizeof t - p));
        return;
    }
    size_t room = dec_room(n_bits(a->d, a->len)) + 1;
    char *buf = (char *)mochi_xmalloc(room);
    char *end = buf + room;
    char *p = dec_write(a->d, a->len, end, 0);
    if (p <= buf) mochi_rt_error("internal error: bigint digits overran their buffer");
    if (a->neg) *--p = '-';
    mochi_buf_put(b, p, (size_t)(end - p));
    free(buf);
}

mochi_ref mochi_bigint_to_str(mochi_ref x) {
    MochiBuf b;
    mochi_buf_init(&b);
    mochi_bigint_fmt(&b, x);
    return mochi_buf_to_str(&b);
}

/* Up to this many digits text is parsed 19 digits at a time into a growing number. */
#define PARSE_BASE (19 * 40)

/* Parses nd decimal digits into out (room for nd/19 + 2 limbs); returns the length. */
static size_t dec_read(limb *out, const char *s, size_t nd) {
    if (nd <= PARSE_BASE) {
        size_t n = 0, i = 0, first = nd % 19 ? nd % 19 : 19;
        while (i < nd) {
            size_t len = i == 0 ? first : 19;
            limb v = 0, scale = 1;
            for (size_t j = 0; j < len; j++) {
                v = v * 10 + (limb)(s[i + j] - '0');
                scale *= 10;
            }
            i += len;
            limb c = n ? n_mul_1(out, out, n, scale) : 0;
            if (c) out[n++] = c;
            if (n == 0) {
                if (v) out[n++] = v;
            } else if (n_add(out, out, n, &v, 1)) {
                out[n++] = 1;
            }
        }
        return n;
    }
    /* The low 19 2^k digits and the rest, joined by one product. */
    int k = 0;
    while (((size_t)19 << (k + 1)) < nd) k++;
    size_t w = (size_t)19 << k, hd = nd - w;
    limb *hi = (limb *)mochi_xmalloc((hd / 19 + 2 + w / 19 + 2) * sizeof(limb));
    limb *lo = hi + hd / 19 + 2;
    size_t hn = dec_read(hi, s, hd), ln = dec_read(lo, s + hd, w);
    size_t n;
    if (hn == 0) {
        memcpy(out, lo, ln * sizeof(limb));
        n = ln;
    } else {
        const Pow10 *pw = pow10_level(k);
        n_mul(out, hi, hn, pw->d, pw->n);
        n = hn + pw->n;
        if (ln) {
            if (n_add(out, out, n, lo, ln)) out[n++] = 1;
        }
        n = n_norm(out, n);
    }
    free(hi);
    return n;
}

mochi_ref mochi_bigint_parse(const char *p, int64_t n) {
    int64_t i = 0;
    int neg = 0;
    if (!p || n <= 0) return NULL;
    if (p[0] == '+' || p[0] == '-') neg = p[i++] == '-';
    if (i >= n) return NULL;
    for (int64_t j = i; j < n; j++)
        if (p[j] < '0' || p[j] > '9') return NULL;
    while (i < n - 1 && p[i] == '0') i++; /* leading zeros cost nothing below */
    size_t nd = (size_t)(n - i);
    if (nd <= 18) {
        int64_t v = 0;
        for (int64_t j = i; j < n; j++) v = v * 10 + (p[j] - '0');
        return mochi_bigint_from_i64(neg ? -v : v);
    }
    if (nd / 19 + 2 > MAX_LIMBS) mochi_rt_error("out of memory");
    MochiBigInt *r = bi_new(nd / 19 + 2);
    size_t len = dec_read(r->d, p + i, nd);
    return bi_done(r, len, neg);
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

mochi_ref mochi_bigint_from_str(mochi_ref s) {
    mochi_ref r = mochi_bigint_parse(mochi_str_bytes(s), mochi_str_byte_len(s));
    if (!r) bad_text("invalid integer:", s);
    return r;
}

/* ---- gcd (Lehmer) ---- */

/* Bits [s, s+62) of a[0..n). */
static int64_t bits62(const limb *a, size_t n, size_t s) {
    size_t i = s / 64, o = s % 64;
    limb v = i < n ? a[i] >> o : 0;
    if (o && i + 1 < n) v |= a[i + 1] << (64 - o);
    return (int64_t)(v & (((limb)1 << 62) - 1));
}

/* r = x u + y v, known to be >= 0 (Lehmer's cofactors have opposite signs);
 * r has room for max(un, vn) + 1 limbs, t for as many. Returns r's length. */
static size_t lin_comb(limb *r, limb *t, const limb *u, size_t un, int64_t x, const limb *v, size_t vn, int64_t y) {
    limb ax = x < 0 ? (limb)0 - (limb)x : (limb)x, ay = y < 0 ? (limb)0 - (limb)y : (limb)y;
    r[un] = n_mul_1(r, u, un, ax);
    size_t rn = n_norm(r, un + 1);
    t[vn] = n_mul_1(t, v, vn, ay);
    size_t tn = n_norm(t, vn + 1);
    if ((x < 0) == (y < 0) && x != 0 && y != 0) mochi_rt_error("internal error: bigint gcd cofactors");
    if (x >= 0 && y >= 0) { /* one of them is 0 */
        if (rn < tn) {
            memcpy(r, t, tn * sizeof(limb));
            return tn;
        }
        return rn;
    }
    if (x >= 0) { /* r - t */
        if (n_cmp(r, rn, t, tn) < 0) mochi_rt_error("internal error: bigint gcd went negative");
        n_sub(r, r, rn, t, tn);
        return n_norm(r, rn);
    }
    if (n_cmp(t, tn, r, rn) < 0) mochi_rt_error("internal error: bigint gcd went negative");
    n_sub(r, t, tn, r, rn);
    return n_norm(r, tn);
}

/* gcd(|a|, |b|) as a bigint. */
static mochi_ref bi_gcd(const MochiBigInt *a, const MochiBigInt *b) {
    if (a->len == 0) return b->neg ? mochi_bigint_neg((mochi_ref)b) : bi_ref(b);
    if (b->len == 0) return a->neg ? mochi_bigint_neg((mochi_ref)a) : bi_ref(a);
    if (a->len == 1 && b->len == 1) return bi_from_mag2(gcd64(a->d[0], b->d[0]), 0, 0);
    if (n_cmp(a->d, a->len, b->d, b->len) < 0) {
        const MochiBigInt *t = a;
        a = b;
        b = t;
    }
    size_t cap = a->len + 2;
    limb *buf = (limb *)mochi_xmalloc(4 * cap * sizeof(limb));
    limb *u = buf, *v = buf + cap, *t1 = buf + 2 * cap, *t2 = buf + 3 * cap;
    size_t un = a->len, vn = b->len;
    memcpy(u, a->d, un * sizeof(limb));
    memcpy(v, b->d, vn * sizeof(limb));
    mochi_ref result;
    for (;;) {
        if (vn == 0) {
            result = bi_from_limbs(u, un, 0);
            break;
        }
        if (vn == 1) {
            limb r = n_divrem_1(t1, u, un, v[0]);
            result = bi_from_mag2(gcd64(v[0], r), 0, 0);
            break;
        }
        /* Lehmer: run Euclid on the leading 62 bits while the quotients are certain
         * (Knuth 4.5.2 algorithm L), then apply the cofactors to the whole numbers. */
        size_t ub = n_bits(u, un);
        size_t s = ub > 62 ? ub - 62 : 0;
        int64_t uh = bits62(u, un, s), vh = bits62(v, vn, s);
        int64_t A = 1, B = 0, C = 0, D = 1;
        for (;;) {
            if (vh + C <= 0 || vh + D <= 0 || uh + A < 0 || uh + B < 0) break;
            int64_t q1 = (uh + A) / (vh + C), q2 = (uh + B) / (vh + D);
            if (q1 != q2) break;
            int64_t T = A - q1 * C;
            A = C;
            C = T;
            T = B - q1 * D;
            B = D;
            D = T;
            T = uh - q1 * vh;
            uh = vh;
            vh = T;
        }
        if (B == 0) {
            /* No certain step: one full division, u, v = v, u mod v. */
            n_divrem(t2, t1, u, un, v, vn);
            size_t rn = n_norm(t1, vn);
            limb *tmp = u;
            u = v;
            un = vn;
            v = t1;
            vn = rn;
            t1 = tmp;
            continue;
        }
        size_t nu = lin_comb(t1, t2, u, un, A, v, vn, B);
        size_t nv = lin_comb(u, t2, u, un, C, v, vn, D); /* u is read before it is written */
        /* t1 holds the new u, u's storage the new v */
        limb *tmp = v;
        v = u;
        vn = nv;
        u = t1;
        un = nu;
        t1 = tmp;
        if (n_cmp(u, un, v, vn) < 0) {
            tmp = u;
            u = v;
            v = tmp;
            size_t tn = un;
            un = vn;
            vn = tn;
        }
    }
    free(buf);
    return result;
}

mochi_ref mochi_bigint_gcd(mochi_ref a, mochi_ref b) {
    return bi_gcd(bi_get(a), bi_get(b));
}

/* ---- hashing ---- */

/* Whether a (more than 64 bits) is exactly a double. */
static int bi_is_double(const MochiBigInt *a) {
    size_t bits = n_bits(a->d, a->len), tz = 0, i = 0;
    while (a->d[i] == 0) {
        tz += 64;
        i++;
    }
    tz += (size_t)ctz64(a->d[i]);
    return bits <= 1024 && bits - tz <= 53;
}

uint64_t mochi_bigint_hash(mochi_ref x) {
    const MochiBigInt *a = bi_get(x);
    if (mochi_bigint_fits_i64(x)) return mochi_hash_i64((uint64_t)mochi_bigint_to_i64(x));
    if (bi_is_double(a)) return mochi_hash_f64(mochi_bigint_to_f64(x));
    return mochi_hash_bytes((const char *)a->d, (int64_t)(a->len * sizeof(limb))) ^ (a->neg ? 0x6E6567ull : 0);
}

/* ------------------------------------------------------------------------- */
/* bigrat                                                                    */
/* ------------------------------------------------------------------------- */

#define BR(x) ((MochiBigRat *)(x))

static MochiBigRat br_zero = {{MOCHI_O_BIGRAT, 0}, NULL, NULL};

static inline const MochiBigRat *br_get(mochi_ref x) {
    return x ? (const MochiBigRat *)x : &br_zero;
}

/* Numerator and denominator of a bigrat (a nil one reads as 0/1). */
static inline mochi_ref br_num(const MochiBigRat *r) {
    return r->num ? r->num : bi_small(0);
}
static inline mochi_ref br_den(const MochiBigRat *r) {
    return r->den ? r->den : bi_small(1);
}

/* A bigrat of n/d, which are already in lowest terms with d > 0. */
static mochi_ref br_make(mochi_ref n, mochi_ref d) {
    MochiBigRat *r = (MochiBigRat *)mochi_gc_alloc(MOCHI_O_BIGRAT, sizeof(MochiBigRat));
    r->num = n;
    r->den = BI(n)->len == 0 ? bi_small(1) : d;
    return (mochi_ref)r;
}

mochi_ref mochi_bigrat_from_bigint(mochi_ref a) {
    return br_make(a ? a : bi_small(0), bi_small(1));
}

mochi_ref mochi_bigrat_from_i64(int64_t v) {
    return br_make(mochi_bigint_from_i64(v), bi_small(1));
}

mochi_ref mochi_bigrat_new(mochi_ref num, mochi_ref den) {
    const MochiBigInt *n = bi_get(num), *d = bi_get(den);
    if (d->len == 0) mochi_err_div_zero();
    mochi_ref nr = (mochi_ref)n, dr = (mochi_ref)d;
    if (n->len == 0) return br_make(bi_small(0), bi_small(1));
    if (d->neg) {
        nr = mochi_bigint_neg(nr);
        dr = mochi_bigint_neg(dr);
    }
    if (!bi_is_one(BI(dr))) {
        mochi_ref g = bi_gcd(BI(nr), BI(dr));
        if (!bi_is_one(BI(g))) {
            nr = mochi_bigint_div(nr, g);
            dr = mochi_bigint_div(dr, g);
        }
    }
    return br_make(nr, dr);
}

mochi_ref mochi_bigrat_num(mochi_ref r) {
    return br_num(br_get(r));
}

mochi_ref mochi_bigrat_denom(mochi_ref r) {
    return br_den(br_get(r));
}

int64_t mochi_bigrat_sign(mochi_ref r) {
    return mochi_bigint_sign(br_num(br_get(r)));
}

static mochi_ref br_addsub(mochi_ref x, mochi_ref y, int sub) {
    const MochiBigRat *p = br_get(x), *q = br_get(y);
    mochi_ref a = br_num(p), b = br_den(p), c = br_num(q), d = br_den(q);
    if (sub) c = mochi_bigint_neg(c);
    if (bi_is_one(BI(b)) && bi_is_one(BI(d))) return br_make(mochi_bigint_add(a, c), b);
    mochi_ref g = bi_gcd(BI(b), BI(d));
    if (bi_is_one(BI(g)))
        return br_make(mochi_bigint_add(mochi_bigint_mul(a, d), mochi_bigint_mul(c, b)), mochi_bigint_mul(b, d));
    /* Knuth 4.5.1: with g = gcd(b, d), t = a (d/g) + c (b/g) and g2 = gcd(t, g),
     * the sum is (t/g2) / ((b/g) (d/g2)), already in lowest terms. */
    mochi_ref bg = mochi_bigint_div(b, g), dg = mochi_bigint_div(d, g);
    mochi_ref t = mochi_bigint_add(mochi_bigint_mul(a, dg), mochi_bigint_mul(c, bg));
    if (BI(t)->len == 0) return br_make(t, bi_small(1));
    mochi_ref g2 = bi_gcd(BI(t), BI(g));
    if (!bi_is_one(BI(g2))) {
        t = mochi_bigint_div(t, g2);
        d = mochi_bigint_div(d, g2);
    }
    return br_make(t, mochi_bigint_mul(bg, d));
}

mochi_ref mochi_bigrat_add(mochi_ref a, mochi_ref b) { return br_addsub(a, b, 0); }
mochi_ref mochi_bigrat_sub(mochi_ref a, mochi_ref b) { return br_addsub(a, b, 1); }

/* (a/b) (c/d) with a/b and c/d in lowest terms: cancel gcd(a, d) and gcd(c, b) first. */
static mochi_ref br_mul4(mochi_ref a, mochi_ref b, mochi_ref c, mochi_ref d) {
    if (BI(a)->len == 0 || BI(c)->len == 0) return br_make(bi_small(0), bi_small(1));
    mochi_ref g1 = bi_is_one(BI(d)) ? bi_small(1) : bi_gcd(BI(a), BI(d));
    mochi_ref g2 = bi_is_one(BI(b)) ? bi_small(1) : bi_gcd(BI(c), BI(b));
    if (!bi_is_one(BI(g1))) {
        a = mochi_bigint_div(a, g1);
        d = mochi_bigint_div(d, g1);
    }
    if (!bi_is_one(BI(g2))) {
        c = mochi_bigint_div(c, g2);
        b = mochi_bigint_div(b, g2);
    }
    return br_make(mochi_bigint_mul(a, c), mochi_bigint_mul(b, d));
}

mochi_ref mochi_bigrat_mul(mochi_ref x, mochi_ref y) {
    const MochiBigRat *p = br_get(x), *q = br_get(y);
    return br_mul4(br_num(p), br_den(p), br_num(q), br_den(q));
}

mochi_ref mochi_bigrat_div(mochi_ref x, mochi_ref y) {
    const MochiBigRat *p = br_get(x), *q = br_get(y);
    mochi_ref c = br_num(q), d = br_den(q);
    if (BI(c)->len == 0) mochi_err_div_zero();
    if (BI(c)->neg) { /* (a/b) / (c/d) = (a/b) (-d / -c) keeps the denominator positive */
        c = mochi_bigint_neg(c);
        d = mochi_bigint_neg(d);
    }
    return br_mul4(br_num(p), br_den(p), d, c);
}

mochi_ref mochi_bigrat_neg(mochi_ref x) {
    const MochiBigRat *p = br_get(x);
    return br_make(mochi_bigint_neg(br_num(p)), br_den(p));
}

mochi_ref mochi_bigrat_abs(mochi_ref x) {
    const MochiBigRat *p = br_get(x);
    if (!BI(br_num(p))->neg) return x ? x : br_make(bi_small(0), bi_small(1));
    return mochi_bigrat_neg(x);
}

mochi_ref mochi_bigrat_pow(mochi_ref x, int64_t e) {
    const MochiBigRat *p = br_get(x);
    mochi_ref n = br_num(p), d = br_den(p);
    if (e >= 0) return br_make(mochi_bigint_pow(n, e), mochi_bigint_pow(d, e));
    if (BI(n)->len == 0) mochi_err_div_zero();
    /* a^-k = (1/a)^k; k = -e computed without overflowing at INT64_MIN */
    if (BI(n)->neg) {
        n = mochi_bigint_neg(n);
        d = mochi_bigint_neg(d);
    }
    if (e == INT64_MIN) { /* (d/n)^(2^63) = ((d/n)^(2^62))^2 */
        mochi_ref h = br_make(mochi_bigint_pow(d, INT64_MAX / 2 + 1), mochi_bigint_pow(n, INT64_MAX / 2 + 1));
        return mochi_bigrat_mul(h, h);
    }
    return br_make(mochi_bigint_pow(d, -e), mochi_bigint_pow(n, -e));
}

int64_t mochi_bigrat_cmp(mochi_ref x, mochi_ref y) {
    const MochiBigRat *p = br_get(x), *q = br_get(y);
    mochi_ref a = br_num(p), b = br_den(p), c = br_num(q), d = br_den(q);
    int64_t sa = mochi_bigint_sign(a), sc = mochi_bigint_sign(c);
    if (sa != sc) return sa < sc ? -1 : 1;
    if (sa == 0) return 0;
    if (bi_is_one(BI(b)) && bi_is_one(BI(d))) return mochi_bigint_cmp(a, c);
    return mochi_bigint_cmp(mochi_bigint_mul(a, d), mochi_bigint_mul(c, b));
}

int64_t mochi_bigrat_eq(mochi_ref x, mochi_ref y) {
    const MochiBigRat *p = br_get(x), *q = br_get(y);
    return mochi_bigint_eq(br_num(p), br_num(q)) && mochi_bigint_eq(br_den(p), br_den(q));
}

mochi_ref mochi_bigrat_trunc(mochi_ref x) {
    const MochiBigRat *p = br_get(x);
    return mochi_bigint_div(br_num(p), br_den(p));
}

int64_t mochi_bigrat_to_i64(mochi_ref x) {
    return mochi_bigint_to_i64(mochi_bigrat_trunc(x));
}

double mochi_bigrat_to_f64(mochi_ref x) {
    const MochiBigRat *p = br_get(x);
    const MochiBigInt *n = BI(br_num(p)), *d = BI(br_den(p));
    if (n->len == 0) return 0.0;
    if (bi_is_one(d)) return mochi_bigint_to_f64((mochi_ref)n);
    /* q = floor(|n| 2^s / d) with 65 or 66 bits; the rest is the sticky bit. */
    int64_t e = (int64_t)n_bits(n->d, n->len) - (int64_t)n_bits(d->d, d->len);
    int64_t s = 65 - e;
    size_t nl = n->len, dl = d->len;
    size_t ns = s > 0 ? (size_t)s : 0, ds = s < 0 ? (size_t)-s : 0;
    size_t nn = nl + ns / 64 + 1, dn = dl + ds / 64 + 1;
    limb *buf = (limb *)mochi_xmalloc((2 * nn + 2 * dn + 4) * sizeof(limb));
    limb *un = buf, *ud = buf + nn, *q = ud + dn, *r = q + nn + 1;
    memset(buf, 0, (nn + dn) * sizeof(limb));
    /* shifted numerator and denominator */
    memcpy(un + ns / 64, n->d, nl * sizeof(limb));
    if (ns % 64) un[nn - 1] = n_lshift(un + ns / 64, un + ns / 64, nl, (unsigned)(ns % 64));
    memcpy(ud + ds / 64, d->d, dl * sizeof(limb));
    if (ds % 64) ud[dn - 1] = n_lshift(ud + ds / 64, ud + ds / 64, dl, (unsigned)(ds % 64));
    size_t unl = n_norm(un, nn), udl = n_norm(ud, dn);
    size_t ql;
    int sticky;
    if (udl == 1) {
        limb rem = n_divrem_1(q, un, unl, ud[0]);
        ql = unl;
        sticky = rem != 0;
    } else {
        n_divrem(q, r, un, unl, ud, udl);
        ql = unl - udl + 1;
        sticky = n_norm(r, udl) != 0;
    }
    double v = make_double(q, ql, -s, sticky, n->neg);
    free(buf);
    return v;
}

mochi_ref mochi_bigrat_from_f64(double v) {
    if (v != v || v == HUGE_VAL || v == -HUGE_VAL) bad_float(v, "bigrat");
    if (v == 0) return br_make(bi_small(0), bi_small(1));
    int e;
    double m = frexp(fabs(v), &e);
    limb mant = (limb)ldexp(m, 53); /* |v| = mant 2^(e-53) */
    int tz = ctz64(mant);
    mant >>= tz;
    int64_t sh = (int64_t)e - 53 + tz;
    mochi_ref n = bi_from_mag2(mant, 0, v < 0);
    if (sh >= 0) {
        mochi_ref two = mochi_bigint_pow(bi_small(2), sh);
        return br_make(mochi_bigint_mul(n, two), bi_small(1));
    }
    return br_make(n, mochi_bigint_pow(bi_small(2), -sh));
}

/* Parses [sign] digits [/ digits], or [sign] digits [. digits] [e [sign] digits]. */
mochi_ref mochi_bigrat_parse(const char *p, int64_t n) {
    if (!p || n <= 0) return NULL;
    for (int64_t i = 0; i < n; i++)
        if (p[i] == '/') {
            mochi_ref a = mochi_bigint_parse(p, i);
            if (!a || i + 1 >= n || p[i + 1] == '+' || p[i + 1] == '-') return NULL;
            mochi_ref b = mochi_bigint_parse(p + i + 1, n - i - 1);
            if (!b || BI(b)->len == 0) return NULL;
            return mochi_bigrat_new(a, b);
        }
    int64_t i = 0;
    int neg = 0;
    if (p[0] == '+' || p[0] == '-') neg = p[i++] == '-';
    int64_t ds = i, de = i;
    while (de < n && p[de] >= '0' && p[de] <= '9') de++;
    int64_t fs = de, fe = de;
    if (fe < n && p[fe] == '.') {
        fs = fe + 1;
        fe = fs;
        while (fe < n && p[fe] >= '0' && p[fe] <= '9') fe++;
    }
    if (de == ds && (fe - fs) == 0) return NULL;
    int64_t exp10 = 0;
    int64_t j = fe;
    if (j < n && (p[j] == 'e' || p[j] == 'E')) {
        j++;
        int eneg = 0;
        if (j < n && (p[j] == '+' || p[j] == '-')) eneg = p[j++] == '-';
        if (j >= n) return NULL;
        for (; j < n; j++) {
            if (p[j] < '0' || p[j] > '9') return NULL;
            if (exp10 > 100000000) return NULL; /* 10^(10^8): far beyond any memory */
            exp10 = exp10 * 10 + (p[j] - '0');
        }
        if (eneg) exp10 = -exp10;
    }
    if (j != n) return NULL;
    /* digits of the integer and fraction parts as one integer */
    size_t nd = (size_t)((de - ds) + (fe - fs));
    char *digits = (char *)mochi_xmalloc(nd + 2);
    size_t k = 0;
    digits[k++] = neg ? '-' : '+';
    memcpy(digits + k, p + ds, (size_t)(de - ds));
    k += (size_t)(de - ds);
    memcpy(digits + k, p + fs, (size_t)(fe - fs));
    k += (size_t)(fe - fs);
    mochi_ref m = mochi_bigint_parse(digits, (int64_t)k);
    free(digits);
    exp10 -= fe - fs;
    mochi_ref ten = bi_small(10);
    if (exp10 >= 0) return br_make(mochi_bigint_mul(m, mochi_bigint_pow(ten, exp10)), bi_small(1));
    return mochi_bigrat_new(m, mochi_bigint_pow(ten, -exp10));
}

mochi_ref mochi_bigrat_from_str(mochi_ref s) {
    mochi_ref r = mochi_bigrat_parse(mochi_str_bytes(s), mochi_str_byte_len(s));
    if (!r) bad_text("invalid rational:", s);
    return r;
}

void mochi_bigrat_fmt(MochiBuf *b, mochi_ref x, int json) {
    const MochiBigRat *p = br_get(x);
    mochi_ref d = br_den(p);
    if (json) {
        /* As Go's encoding/json writes a *big.Rat (the reference VM): a string, the
         * denominator left out when it is 1. */
        mochi_buf_putc(b, '"');
        mochi_bigint_fmt(b, br_num(p));
        if (!bi_is_one(BI(d))) {
            mochi_buf_putc(b, '/');
            mochi_bigint_fmt(b, d);
        }
        mochi_buf_putc(b, '"');
        return;
    }
    mochi_bigint_fmt(b, br_num(p));
    mochi_buf_putc(b, '/');
    mochi_bigint_fmt(b, d);
}

mochi_ref mochi_bigrat_to_str(mochi_ref x) {
    MochiBuf b;
    mochi_buf_init(&b);
    mochi_bigrat_fmt(&b, x, 0);
    return mochi_buf_to_str(&b);
}

uint64_t mochi_bigrat_hash(mochi_ref x) {
    const MochiBigRat *p = br_get(x);
    mochi_ref n = br_num(p), d = br_den(p);
    if (bi_is_one(BI(d))) return mochi_bigint_hash(n);
    /* n / 2^k with n odd is a double when n has at most 53 bits and k <= 1074. */
    const MochiBigInt *dd = BI(d), *nn = BI(n);
    size_t db = n_bits(dd->d, dd->len);
    int pow2 = dd->d[dd->len - 1] == (limb)1 << ((db - 1) % 64);
    for (size_t i = 0; pow2 && i + 1 < dd->len; i++)
        if (dd->d[i]) pow2 = 0;
    if (pow2 && db - 1 <= 1074 && n_bits(nn->d, nn->len) <= 53) return mochi_hash_f64(mochi_bigrat_to_f64(x));
    uint64_t h = mochi_bigint_hash(n) * 31 + mochi_bigint_hash(d);
    return mochi_hash_i64(h ^ 0xB16BA7ull);
}

/* ------------------------------------------------------------------------- */
/* Mixed numbers in `any` (int < bigint < bigrat < float)                    */
/* ------------------------------------------------------------------------- */

/* Rank of a numeric any: 0 int, 1 bigint, 2 bigrat, 3 float; -1 otherwise. */
static int num_rank(mochi_ref a) {
    if (!a) return -1;
    switch (a->kind) {
    case MOCHI_O_INT: return 0;
    case MOCHI_O_BIGINT: return 1;
    case MOCHI_O_BIGRAT: return 2;
    case MOCHI_O_FLOAT: return 3;
    default: return -1;
    }
}

static double as_f64(mochi_ref a) {
    switch (a->kind) {
    case MOCHI_O_INT: return (double)(int64_t)((MochiBox *)a)->v;
    case MOCHI_O_BIGINT: return mochi_bigint_to_f64(a);
    case MOCHI_O_BIGRAT: return mochi_bigrat_to_f64(a);
    default: return mochi_s2f(((MochiBox *)a)->v);
    }
}

static mochi_ref as_bigint(mochi_ref a) {
    return a->kind == MOCHI_O_INT ? mochi_bigint_from_i64((int64_t)((MochiBox *)a)->v) : a;
}

static mochi_ref as_bigrat(mochi_ref a) {
    if (a->kind == MOCHI_O_BIGRAT) return a;
    return mochi_bigrat_from_bigint(as_bigint(a));
}

int64_t mochi_num_any_cmp(mochi_ref a, mochi_ref b, int *ok) {
    int ra = num_rank(a), rb = num_rank(b), r = ra > rb ? ra : rb;
    *ok = ra >= 0 && rb >= 0;
    if (!*ok) return 0;
    if (r == 3) {
        double x = as_f64(a), y = as_f64(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (r == 2) return mochi_bigrat_cmp(as_bigrat(a), as_bigrat(b));
    if (r == 1) return mochi_bigint_cmp(as_bigint(a), as_bigint(b));
    int64_t x = (int64_t)((MochiBox *)a)->v, y = (int64_t)((MochiBox *)b)->v;
    return x < y ? -1 : x > y;
}

int64_t mochi_num_any_eq(mochi_ref a, mochi_ref b) {
    int ra = num_rank(a), rb = num_rank(b), r = ra > rb ? ra : rb;
    if (ra < 0 || rb < 0) return 0;
    if (r == 3) return as_f64(a) == as_f64(b);
    if (r == 2) return mochi_bigrat_eq(as_bigrat(a), as_bigrat(b));
    if (r == 1) return mochi_bigint_eq(as_bigint(a), as_bigint(b));
    return ((MochiBox *)a)->v == ((MochiBox *)b)->v;
}

mochi_ref mochi_num_any_arith(int op, mochi_ref a, mochi_ref b) {
    int ra = num_rank(a), rb = num_rank(b), r = ra > rb ? ra : rb;
    if (ra < 0 || rb < 0) return NULL;
    if (r == 3) {
        double x = as_f64(a), y = as_f64(b);
        switch (op) {
        case 0: return mochi_box_float(x + y);
        case 1: return mochi_box_float(x - y);
        case 2: return mochi_box_float(x * y);
        case 3: return mochi_box_float(mochi_f64_div(x, y));
        default: return mochi_box_float(mochi_f64_mod(x, y));
        }
    }
    if (r == 2) {
        mochi_ref x = as_bigrat(a), y = as_bigrat(b);
        switch (op) {
        case 0: return mochi_bigrat_add(x, y);
        case 1: return mochi_bigrat_sub(x, y);
        case 2: return mochi_bigrat_mul(x, y);
        case 3: return mochi_bigrat_div(x, y);
        default: return NULL; /* no % on rationals */
        }
    }
    mochi_ref x = as_bigint(a), y = as_bigint(b);
    switch (op) {
    case 0: return mochi_bigint_add(x, y);
    case 1: return mochi_bigint_sub(x, y);
    case 2: return mochi_bigint_mul(x, y);
    case 3: return mochi_bigint_div(x, y);
    default: return mochi_bigint_rem(x, y);
    }
}

/* ------------------------------------------------------------------------- */
/* `any` to bigint and bigrat (the IR's unbox to those types)                */
/* ------------------------------------------------------------------------- */

static MOCHI_NORETURN void big_bad_cast(mochi_ref a, const char *to) {
    static const char *const names[] = {"nil", "int", "float", "bool", "string", "list", "map", "struct",
                                        "function", "bigint", "bigrat"};
    char msg[96];
    MochiAnyKind k = mochi_any_kind(a);
    snprintf(msg, sizeof msg, "invalid cast: %s to %s", (unsigned)k < 11 ? names[k] : "value", to);
    mochi_rt_error(msg);
}

mochi_ref mochi_bigint_from_any(mochi_ref a) {
    if (!a || a->kind == MOCHI_O_BIGINT) return a;
    if (a->kind == MOCHI_O_INT) return mochi_bigint_from_i64((int64_t)((MochiBox *)a)->v);
    big_bad_cast(a, "bigint");
    return NULL; /* not reached; for compilers that do not know big_bad_cast does not return */
}

mochi_ref mochi_bigrat_from_any(mochi_ref a) {
    if (!a || a->kind == MOCHI_O_BIGRAT) return a;
    if (a->kind == MOCHI_O_INT) return mochi_bigrat_from_i64((int64_t)((MochiBox *)a)->v);
    if (a->kind == MOCHI_O_BIGINT) return mochi_bigrat_from_bigint(a);
    big_bad_cast(a, "bigrat");
    return NULL; /* not reached */
}
