/*
 * tests/math/check.c: the runtime's libm (Sources/MochiRuntime/mochi_math.c) under
 * test. Every input comes from a table of generators driven by splitmix64, which
 * tests/wasm-runtime/math_test.wat mirrors draw for draw, so that the C build on any
 * target and the Wasm runtime can be compared by their printed results alone.
 *
 * usage: check MODE [N] [SEED]
 *   annexf        the special values C99 Annex F fixes (and exact cases: pow(2, n),
 *                 log2(2^k), cbrt(k^3), hypot(3k, 4k) ...): every one checked, each
 *                 failure printed; exit 1 on any
 *   glibc N       per function and range, N inputs: how many results differ from the C
 *                 library's (NaN against NaN counts as equal; payload differences are
 *                 shown apart) and the largest distance in ulps; then a summary
 *                 line per function. Exit 1 when a function exceeds its bound (table
 *                 `bounds`); with --exact (glibc run without FMA) every function in
 *                 `exact_with_glibc` must show no difference at all
 *   digest N      one line per edge input (`E fn x y result`, hex bits) and one per
 *                 range (`R range digest`): what the other targets and Wasm must print
 *   dump R N      `x y result` for the first N inputs of range R (to find a difference)
 *   ranges        the generator table as the Wasm test reads it (hex words)
 *   edges         the edge inputs as the Wasm test reads them (hex words)
 *   bench N       ns per call, this runtime's and the C library's, on N inputs of each
 *                 function's first range
 */
#define _POSIX_C_SOURCE 200112L /* clock_gettime (and snprintf on macOS) */
#include "mochi_runtime.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The generators' arithmetic must round like math_test.wat's: no contraction. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("fp-contract=off")
#else
#pragma STDC FP_CONTRACT OFF
#endif

typedef double (*F1)(double);
typedef double (*F2)(double, double);

/* Each function: ours, and the C library's for the comparisons (NULL where a
 * platform lacks it never happens: C99 has all of them). */
typedef struct {
    const char *name;
    F1 m1;
    F2 m2;
    F1 c1;
    F2 c2;
} Fn;

static double c_sin(double x) { return sin(x); }
static double c_cos(double x) { return cos(x); }
static double c_tan(double x) { return tan(x); }
static double c_asin(double x) { return asin(x); }
static double c_acos(double x) { return acos(x); }
static double c_atan(double x) { return atan(x); }
static double c_sinh(double x) { return sinh(x); }
static double c_cosh(double x) { return cosh(x); }
static double c_tanh(double x) { return tanh(x); }
static double c_exp(double x) { return exp(x); }
static double c_log(double x) { return log(x); }
static double c_log2(double x) { return log2(x); }
static double c_log10(double x) { return log10(x); }
static double c_cbrt(double x) { return cbrt(x); }
static double c_expm1(double x) { return expm1(x); }
static double c_log1p(double x) { return log1p(x); }
static double c_pow(double x, double y) { return pow(x, y); }
static double c_atan2(double x, double y) { return atan2(x, y); }
static double c_hypot(double x, double y) { return hypot(x, y); }

/* The order is the Wasm test's function index. */
static const Fn fns[] = {
    {"sin", mochi_math_sin, NULL, c_sin, NULL},         {"cos", mochi_math_cos, NULL, c_cos, NULL},
    {"tan", mochi_math_tan, NULL, c_tan, NULL},         {"asin", mochi_math_asin, NULL, c_asin, NULL},
    {"acos", mochi_math_acos, NULL, c_acos, NULL},      {"atan", mochi_math_atan, NULL, c_atan, NULL},
    {"sinh", mochi_math_sinh, NULL, c_sinh, NULL},      {"cosh", mochi_math_cosh, NULL, c_cosh, NULL},
    {"tanh", mochi_math_tanh, NULL, c_tanh, NULL},      {"exp", mochi_math_exp, NULL, c_exp, NULL},
    {"log", mochi_math_log, NULL, c_log, NULL},         {"log2", mochi_math_log2, NULL, c_log2, NULL},
    {"log10", mochi_math_log10, NULL, c_log10, NULL},   {"cbrt", mochi_math_cbrt, NULL, c_cbrt, NULL},
    {"expm1", mochi_math_expm1, NULL, c_expm1, NULL},   {"log1p", mochi_math_log1p, NULL, c_log1p, NULL},
    {"pow", NULL, mochi_math_pow, NULL, c_pow},         {"atan2", NULL, mochi_math_atan2, NULL, c_atan2},
    {"hypot", NULL, mochi_math_hypot, NULL, c_hypot},
};
#define NFNS ((int)(sizeof fns / sizeof fns[0]))
enum { SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, EXP, LOG, LOG2, LOG10, CBRT, EXPM1, LOG1P, POW, ATAN2, HYPOT };

static double call(int f, double x, double y) { return fns[f].m1 ? fns[f].m1(x) : fns[f].m2(x, y); }
static double call_c(int f, double x, double y) { return fns[f].c1 ? fns[f].c1(x) : fns[f].c2(x, y); }

static uint64_t bits(double x) {
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}
static double dbl(uint64_t u) {
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* ---- generators (math_test.wat's $mt.gen does the same) ---- */

static uint64_t state;
static uint64_t next(void) {
    uint64_t z = (state += 0x9E3779B97F4A7C15U);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9U;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBU;
    return z ^ (z >> 31);
}

/* Kinds: U uniform in [a, b]; E |x| with a random significand and an exponent
 * uniform in [a, b] (below -1022: subnormals, fewer bits), random sign; P the same,
 * positive; A any 64 bits (NaNs, infinities, subnormals included); I an integer
 * uniform in [a, b]; K a multiple k*pi/2 (k integer in [a, b]) moved by -16..16 ulps. */
enum { U, E, P, A, I, K };
typedef struct {
    int kind;
    double a, b;
} Gen;
typedef struct {
    int fn;
    Gen x, y;
} Range;

static double gen(Gen g) {
    uint64_t r, m;
    int64_t e, k;
    switch (g.kind) {
    case U: return g.a + (g.b - g.a) * ((double)(next() >> 11) * 0x1p-53);
    case E:
    case P:
        r = next();
        e = (int64_t)g.a + (int64_t)(r % (uint64_t)((int64_t)g.b - (int64_t)g.a + 1));
        m = next() & 0xFFFFFFFFFFFFFU;
        {
            uint64_t sign = g.kind == E ? r & 0x8000000000000000U : 0;
            if (e < -1022) return dbl(sign | (m >> (uint64_t)(-1022 - e)));
            return dbl(sign | (uint64_t)(e + 1023) << 52 | m);
        }
    case A: return dbl(next());
    case I:
        r = next();
        k = (int64_t)g.a + (int64_t)(r % (uint64_t)((int64_t)g.b - (int64_t)g.a + 1));
        return (double)k;
    default: /* K */
        r = next();
        k = (int64_t)g.a + (int64_t)(r % (uint64_t)((int64_t)g.b - (int64_t)g.a + 1));
        return dbl(bits((double)k * 0x1.921fb54442d18p+0) + (next() % 33) - 16);
    }
}

#define G(k, a, b) {k, a, b}
#define NOY {U, 0, 0}
static const Range ranges[] = {
    {SIN, G(U, -10, 10), NOY}, {SIN, G(E, -60, 10), NOY}, {SIN, G(E, 10, 1023), NOY}, {SIN, G(K, 1, 1000000), NOY}, {SIN, G(A, 0, 0), NOY},
    {COS, G(U, -10, 10), NOY}, {COS, G(E, -60, 10), NOY}, {COS, G(E, 10, 1023), NOY}, {COS, G(K, 1, 1000000), NOY}, {COS, G(A, 0, 0), NOY},
    {TAN, G(U, -10, 10), NOY}, {TAN, G(E, -60, 10), NOY}, {TAN, G(E, 10, 1023), NOY}, {TAN, G(K, 1, 1000000), NOY}, {TAN, G(A, 0, 0), NOY},
    {ASIN, G(U, -1, 1), NOY}, {ASIN, G(E, -60, -1), NOY}, {ASIN, G(U, 0.97, 1), NOY}, {ASIN, G(A, 0, 0), NOY},
    {ACOS, G(U, -1, 1), NOY}, {ACOS, G(E, -60, -1), NOY}, {ACOS, G(U, -1, -0.97), NOY}, {ACOS, G(A, 0, 0), NOY},
    {ATAN, G(U, -10, 10), NOY}, {ATAN, G(E, -60, 70), NOY}, {ATAN, G(A, 0, 0), NOY},
    {SINH, G(U, -10, 10), NOY}, {SINH, G(E, -60, 5), NOY}, {SINH, G(U, -711, 711), NOY}, {SINH, G(A, 0, 0), NOY},
    {COSH, G(U, -10, 10), NOY}, {COSH, G(E, -60, 5), NOY}, {COSH, G(U, -711, 711), NOY}, {COSH, G(A, 0, 0), NOY},
    {TANH, G(U, -5, 5), NOY}, {TANH, G(E, -60, 5), NOY}, {TANH, G(A, 0, 0), NOY},
    {EXP, G(U, -20, 20), NOY}, {EXP, G(U, -745.2, 709.8), NOY}, {EXP, G(E, -60, 10), NOY}, {EXP, G(A, 0, 0), NOY},
    {LOG, G(U, 0, 100), NOY}, {LOG, G(U, 0.9, 1.1), NOY}, {LOG, G(P, -1074, 1023), NOY}, {LOG, G(A, 0, 0), NOY},
    {LOG2, G(U, 0, 100), NOY}, {LOG2, G(U, 0.9, 1.1), NOY}, {LOG2, G(P, -1074, 1023), NOY}, {LOG2, G(A, 0, 0), NOY},
    {LOG10, G(U, 0, 100), NOY}, {LOG10, G(U, 0.9, 1.1), NOY}, {LOG10, G(P, -1074, 1023), NOY}, {LOG10, G(A, 0, 0), NOY},
    {CBRT, G(U, -100, 100), NOY}, {CBRT, G(E, -1074, 1023), NOY}, {CBRT, G(A, 0, 0), NOY},
    {EXPM1, G(U, -2, 2), NOY}, {EXPM1, G(E, -60, 10), NOY}, {EXPM1, G(U, -40, 710), NOY}, {EXPM1, G(A, 0, 0), NOY},
    {LOG1P, G(U, -0.9, 5), NOY}, {LOG1P, G(E, -60, 1023), NOY}, {LOG1P, G(U, -1, -0.25), NOY}, {LOG1P, G(A, 0, 0), NOY},
    {POW, G(U, 0, 10), G(U, -10, 10)}, {POW, G(P, -10, 10), G(U, -100, 100)}, {POW, G(U, 0.5, 2), G(U, -1000, 1000)},
    {POW, G(P, -1074, 1023), G(U, -2, 2)}, {POW, G(E, -5, 5), G(I, -64, 64)}, {POW, G(U, 0.999, 1.001), G(E, 10, 60)},
    {POW, G(A, 0, 0), G(A, 0, 0)},
    {ATAN2, G(U, -10, 10), G(U, -10, 10)}, {ATAN2, G(E, -1074, 1023), G(E, -1074, 1023)}, {ATAN2, G(A, 0, 0), G(A, 0, 0)},
    {HYPOT, G(U, -10, 10), G(U, -10, 10)}, {HYPOT, G(E, -1074, 1023), G(E, -1074, 1023)}, {HYPOT, G(E, -600, -400), G(E, -600, -400)},
    {HYPOT, G(A, 0, 0), G(A, 0, 0)},
};
#define NRANGES ((int)(sizeof ranges / sizeof ranges[0]))

/* The generator state at the start of range r, for a run seed. */
static void seed_range(int r, uint64_t seed) { state = seed * 0x2545F4914F6CDD1DU + (uint64_t)(r + 1) * 0x9E3779B97F4A7C15U; }

static void draw(int r, double *x, double *y) {
    *x = gen(ranges[r].x);
    *y = fns[ranges[r].fn].m2 ? gen(ranges[r].y) : 0.0;
}

/* ---- edge inputs ---- */

/* One-argument inputs every unary function gets (bit patterns). */
static const uint64_t edge1[] = {
    0x0000000000000000U, 0x8000000000000000U, 0x0000000000000001U, 0x8000000000000001U, 0x000FFFFFFFFFFFFFU,
    0x800FFFFFFFFFFFFFU, 0x0010000000000000U, 0x8010000000000000U, 0x7FEFFFFFFFFFFFFFU, 0xFFEFFFFFFFFFFFFFU,
    0x7FF0000000000000U, 0xFFF0000000000000U, 0x7FF8000000000000U, 0xFFF8000000000000U, 0x7FF0000000000001U,
    0x7FF4000000000000U, 0xFFF8000000000123U, 0x3FF0000000000000U, 0xBFF0000000000000U, 0x3FE0000000000000U,
    0xBFE0000000000000U, 0x4000000000000000U, 0xC000000000000000U, 0x3FEFFFFFFFFFFFFFU, 0x3FF0000000000001U,
    0xBFEFFFFFFFFFFFFFU, 0xBFF0000000000001U, 0x400921FB54442D18U, 0x3FF921FB54442D18U, 0x3FE921FB54442D18U,
    0xC00921FB54442D18U, 0x4415AF1D78B58C40U, /* 1e20 */ 0x7E37E43C8800759CU, /* 1e300 */ 0x7FE0000000000000U,
    0x4350000000000000U, 0x4330000000000000U, 0x4086232BDD7ABCD2U, /* 709.78 */ 0x40862E42FEFA39EFU,
    0x40862E42FEFA39F0U, 0xC0874385446D71C3U, /* -745.13 */ 0xC0874910D52D3051U, 0x4076300000000000U,
    0x40C81C8000000000U, /* 12345 */ 0x3E40000000000000U, 0x3C90000000000000U, 0x3C80000000000000U,
    0x3E50000000000000U, 0x4036000000000000U, /* 22 */ 0xC036000000000000U, 0x4035FFFFFFFFFFFFU,
    0x3FD62E42FEFA39EFU, /* ln2/2 */ 0x3FE62E42FEFA39EFU, 0x3FEFFFFFFFFFFFF0U, 0x3FEF333333333333U,
    0x3FDC000000000000U, 0x3FE6000000000000U, 0x3FF3000000000000U, 0x4003800000000000U, 0x4410000000000000U,
    0x3FDA827999FCEF32U, 0xBFD2BEC333018867U, 0x4063A00000000000U, 0x40F9633000000000U, /* 103987 */
    0x5A6AC5B262CA1FFFU, 0x7FEFFFFFFFFFFFFEU, 0x4002D97C7F3321D2U, 0x400F6A7A2955385EU, 0x4012D97C7F3321D2U,
    0x401921FB54442D18U, 0x413921FB54442D18U, 0x404F000000000000U, 0x3FB999999999999AU, /* 0.1 */
    0x4024000000000000U, /* 10 */ 0x4059000000000000U, 0x408F400000000000U, 0x412E848000000000U,
    0x4202A05F20000000U, 0x4415AF1D78B58C3FU,
};
#define NEDGE1 ((int)(sizeof edge1 / sizeof edge1[0]))

/* Two-argument inputs every binary function gets: each pair of `edge2` values. */
static const uint64_t edge2[] = {
    0x0000000000000000U, 0x8000000000000000U, 0x0000000000000001U, 0x8010000000000000U, 0x3FF0000000000000U,
    0xBFF0000000000000U, 0x3FE0000000000000U, 0xC000000000000000U, 0x4008000000000000U, 0xC008000000000000U,
    0x4010000000000000U, 0x3FD5555555555555U, 0x7FEFFFFFFFFFFFFFU, 0x7FF0000000000000U, 0xFFF0000000000000U,
    0x7FF8000000000000U, 0xFFF8000000000001U, 0x7FF0000000000002U, 0x4340000000000001U, 0x43E0000000000000U,
    0x3C00000000000000U, 0x408F400000000000U, 0xC08F400000000000U, 0x3FEFFFFFFFFFFFFFU, 0x3FF0000000000001U,
};
#define NEDGE2 ((int)(sizeof edge2 / sizeof edge2[0]))

static void print_hex(uint64_t u) { printf("%016llx", (unsigned long long)u); }

/* The edge results: every unary function on edge1, every binary one on edge2^2. */
static void print_edges_results(void) {
    for (int f = 0; f < NFNS; f++) {
        if (fns[f].m1) {
            for (int i = 0; i < NEDGE1; i++) {
                printf("E %02x ", f);
                print_hex(edge1[i]);
                printf(" 0000000000000000 ");
                print_hex(bits(call(f, dbl(edge1[i]), 0.0)));
                printf("\n");
            }
        } else {
            for (int i = 0; i < NEDGE2; i++)
                for (int j = 0; j < NEDGE2; j++) {
                    printf("E %02x ", f);
                    print_hex(edge2[i]);
                    printf(" ");
                    print_hex(edge2[j]);
                    printf(" ");
                    print_hex(bits(call(f, dbl(edge2[i]), dbl(edge2[j]))));
                    printf("\n");
                }
        }
    }
}

static uint64_t digest_range(int r, long n, uint64_t seed) {
    uint64_t h = 0xCBF29CE484222325U;
    double x, y;
    seed_range(r, seed);
    for (long i = 0; i < n; i++) {
        draw(r, &x, &y);
        h = (h ^ bits(call(ranges[r].fn, x, y))) * 0x100000001B3U;
    }
    return h;
}

/* ---- Annex F and exact cases ---- */

static int failures;

static void expect(int f, double x, double y, double want) {
    double got = call(f, x, y);
    int ok = (want != want) ? (got != got) : bits(got) == bits(want);
    if (!ok) {
        failures++;
        if (failures <= 50) {
            if (fns[f].m2) printf("FAIL %s(%a, %a) = %a, want %a\n", fns[f].name, x, y, got, want);
            else printf("FAIL %s(%a) = %a, want %a\n", fns[f].name, x, got, want);
        }
    }
}

static void annexf(void) {
    const double inf = dbl(0x7FF0000000000000U), nan = dbl(0x7FF8000000000000U), pi = 0x1.921fb54442d18p+1,
                 pio2 = 0x1.921fb54442d18p+0, pio4 = 0x1.921fb54442d18p-1;
    const double zeros[2] = {0.0, -0.0};
    int k;
    for (k = 0; k < 2; k++) {
        double z = zeros[k];
        expect(SIN, z, 0, z);
        expect(COS, z, 0, 1.0);
        expect(TAN, z, 0, z);
        expect(ASIN, z, 0, z);
        expect(ACOS, z, 0, pio2);
        expect(ATAN, z, 0, z);
        expect(SINH, z, 0, z);
        expect(COSH, z, 0, 1.0);
        expect(TANH, z, 0, z);
        expect(EXP, z, 0, 1.0);
        expect(EXPM1, z, 0, z);
        expect(LOG, z, 0, -inf);
        expect(LOG2, z, 0, -inf);
        expect(LOG10, z, 0, -inf);
        expect(LOG1P, z, 0, z);
        expect(CBRT, z, 0, z);
    }
    for (int f = 0; f < NFNS; f++)
        if (fns[f].m1) expect(f, nan, 0, nan);
    expect(SIN, inf, 0, nan);
    expect(SIN, -inf, 0, nan);
    expect(COS, inf, 0, nan);
    expect(TAN, -inf, 0, nan);
    expect(ASIN, 1.0, 0, pio2);
    expect(ASIN, -1.0, 0, -pio2);
    expect(ASIN, 1.5, 0, nan);
    expect(ACOS, 1.0, 0, 0.0);
    expect(ACOS, -1.0, 0, pi);
    expect(ACOS, -inf, 0, nan);
    expect(ATAN, inf, 0, pio2);
    expect(ATAN, -inf, 0, -pio2);
    expect(ATAN, 1.0, 0, pio4);
    expect(SINH, inf, 0, inf);
    expect(SINH, -inf, 0, -inf);
    expect(SINH, 711.0, 0, inf);
    expect(COSH, -inf, 0, inf);
    expect(COSH, -711.0, 0, inf);
    expect(TANH, inf, 0, 1.0);
    expect(TANH, -inf, 0, -1.0);
    expect(TANH, 40.0, 0, 1.0);
    expect(EXP, inf, 0, inf);
    expect(EXP, -inf, 0, 0.0);
    expect(EXP, 710.0, 0, inf);
    expect(EXP, -746.0, 0, 0.0);
    expect(EXP, 1.0, 0, 0x1.5bf0a8b145769p+1);
    expect(EXP, -745.0, 0, 0x1p-1074); /* e^-745 = 0.57 * 2^-1074 */
    expect(EXPM1, inf, 0, inf);
    expect(EXPM1, -inf, 0, -1.0);
    expect(EXPM1, -50.0, 0, -1.0);
    expect(LOG, 1.0, 0, 0.0);
    expect(LOG, inf, 0, inf);
    expect(LOG, -1.0, 0, nan);
    expect(LOG, -inf, 0, nan);
    expect(LOG2, 1.0, 0, 0.0);
    expect(LOG2, inf, 0, inf);
    expect(LOG2, -0x1p-1074, 0, nan);
    expect(LOG10, 1.0, 0, 0.0);
    expect(LOG10, inf, 0, inf);
    expect(LOG10, -2.0, 0, nan);
    expect(LOG1P, -1.0, 0, -inf);
    expect(LOG1P, -2.0, 0, nan);
    expect(LOG1P, inf, 0, inf);
    expect(LOG1P, -inf, 0, nan);
    expect(CBRT, inf, 0, inf);
    expect(CBRT, -inf, 0, -inf);
    /* exact results */
    for (k = -1074; k <= 1023; k++) {
        double p = k >= -1022 ? dbl((uint64_t)(k + 1023) << 52) : dbl(1ULL << (k + 1074));
        expect(LOG2, p, 0, (double)k);
        expect(POW, 2.0, (double)k, p);
        if (k >= -1022 && k <= 1022) expect(POW, 0.5, (double)-k, p);
        if (k % 3 == 0) expect(CBRT, p, 0, dbl((uint64_t)(k / 3 + 1023) << 52)); /* k/3 >= -358: normal */
    }
    for (k = 1; k <= 100000; k++) {
        double c = (double)k * k * k;
        expect(CBRT, c, 0, (double)k);
        expect(CBRT, -c, 0, -(double)k);
        expect(HYPOT, 3.0 * k, 4.0 * k, 5.0 * k);
        expect(HYPOT, -5.0 * k, 12.0 * k, 13.0 * k);
    }
    {
        double p10 = 1.0;
        for (k = 0; k <= 22; k++) { /* 10^k is exact up to 10^22 */
            expect(POW, 10.0, (double)k, p10);
            expect(POW, p10, 1.0, p10);
            p10 *= 10.0;
        }
    }
    {
        uint64_t p3 = 1;
        for (k = 1; k <= 64; k++) {
            expect(POW, -2.0, (double)k, dbl((uint64_t)(k & 1) << 63 | (uint64_t)(k + 1023) << 52));
            if (k <= 33) { /* 3^33 < 2^53 */
                p3 *= 3;
                expect(POW, 3.0, (double)k, (double)p3);
                expect(POW, -3.0, (double)k, (k & 1) ? -(double)p3 : (double)p3);
            }
        }
    }
    /* pow's special cases (C99 F.9.4.4) */
    {
        const double any[] = {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -3.0, inf, -inf, nan};
        for (k = 0; k < 11; k++) {
            expect(POW, any[k], 0.0, 1.0);
            expect(POW, any[k], -0.0, 1.0);
            expect(POW, 1.0, any[k], 1.0);
        }
    }
    expect(POW, 0.0, -3.0, inf);
    expect(POW, -0.0, -3.0, -inf);
    expect(POW, 0.0, -2.0, inf);
    expect(POW, -0.0, -2.0, inf);
    expect(POW, -0.0, -inf, inf);
    expect(POW, 0.0, 3.0, 0.0);
    expect(POW, -0.0, 3.0, -0.0);
    expect(POW, -0.0, 2.0, 0.0);
    expect(POW, -0.0, 0.5, 0.0);
    expect(POW, -1.0, inf, 1.0);
    expect(POW, -1.0, -inf, 1.0);
    expect(POW, 0.5, -inf, inf);
    expect(POW, 2.0, -inf, 0.0);
    expect(POW, 0.5, inf, 0.0);
    expect(POW, -2.0, inf, inf);
    expect(POW, -inf, -3.0, -0.0);
    expect(POW, -inf, -2.0, 0.0);
    expect(POW, -inf, 3.0, -inf);
    expect(POW, -inf, 2.5, inf);
    expect(POW, inf, -1.0, 0.0);
    expect(POW, inf, 0.5, inf);
    expect(POW, -2.0, 0.5, nan);
    expect(POW, -8.0, 1.0 / 3.0, nan);
    expect(POW, nan, 1.0, nan);
    expect(POW, 2.0, nan, nan);
    expect(POW, 2.0, 1024.0, inf);
    expect(POW, 2.0, -1075.0, 0.0);
    expect(POW, -2.0, -1075.0, -0.0);
    expect(POW, 10.0, 309.0, inf);
    expect(POW, 4.0, 0.5, 2.0);
    /* atan2 (F.9.1.4) */
    {
        const double ys[2] = {0.0, -0.0};
        for (k = 0; k < 2; k++) {
            double y = ys[k], s = k ? -1.0 : 1.0;
            expect(ATAN2, y, 0.0, y);
            expect(ATAN2, y, -0.0, s * pi);
            expect(ATAN2, y, -1.0, s * pi);
            expect(ATAN2, y, 1.0, y);
            expect(ATAN2, y, -inf, s * pi);
            expect(ATAN2, y, inf, y);
            expect(ATAN2, s * 1.0, 0.0, s * pio2);
            expect(ATAN2, s * 1.0, -0.0, s * pio2);
            expect(ATAN2, s * 1.0, -inf, s * pi);
            expect(ATAN2, s * 1.0, inf, s * 0.0);
            expect(ATAN2, s * inf, 1.0, s * pio2);
            expect(ATAN2, s * inf, -inf, s * 3.0 * pio4);
            expect(ATAN2, s * inf, inf, s * pio4);
        }
        expect(ATAN2, nan, 1.0, nan);
        expect(ATAN2, 1.0, nan, nan);
        expect(ATAN2, 1.0, 1.0, pio4);
    }
    /* hypot (F.9.4.3) */
    expect(HYPOT, inf, nan, inf);
    expect(HYPOT, nan, -inf, inf);
    expect(HYPOT, nan, 1.0, nan);
    expect(HYPOT, 0.0, -0.0, 0.0);
    expect(HYPOT, -3.0, 0.0, 3.0);
    expect(HYPOT, 0x1p1023, 0x1p1023, 0x1.6a09e667f3bcdp+1023);
    expect(HYPOT, 0x1p-1074, 0x1p-1074, 0x1p-1074);
    expect(HYPOT, 0x1.fffffffffffffp+1023, 0x1.fffffffffffffp+1023, inf);
    expect(HYPOT, 1e308, 1e308, 0x1.92c80954c51f5p+1023);
    if (failures) printf("annexf: %d failures\n", failures);
    else printf("annexf: all special values and exact cases as C99 Annex F and exact arithmetic want\n");
}

/* ---- against the C library ---- */

static int64_t order(double x) {
    int64_t i = (int64_t)bits(x);
    return i < 0 ? INT64_MIN - i : i;
}

/* Bounds for this machine's glibc (2.36 with its FMA variants): the share of
 * results that may differ (percent) and the largest difference in ulps. The
 * measured values are in tests/math/README.md. */
static const struct {
    const char *name;
    double pct;
    int64_t ulps;
} bounds[] = {
    {"sin", 4.0, 1},    {"cos", 4.0, 1},     {"tan", 5.0, 2},    {"asin", 7.5, 1},   {"acos", 9.0, 1},
    {"atan", 7.5, 1},   {"sinh", 0.2, 2},    {"cosh", 0.2, 2},   {"tanh", 0.2, 3},   {"exp", 0.2, 1},
    {"log", 0.1, 1},    {"log2", 0.1, 1},    {"log10", 0.1, 2},  {"cbrt", 60.0, 3},  {"expm1", 0.3, 1},
    {"log1p", 0.2, 1},  {"pow", 0.2, 1},     {"atan2", 20.0, 2}, {"hypot", 0.01, 1},
};
/* Functions whose algorithm is glibc's own: without FMA (GLIBC_TUNABLES turning the
 * FMA variants off) their results must equal glibc's bit for bit. */
static const char *const exact_with_glibc[] = {"sinh", "cosh", "tanh", "exp", "log", "log2", "log10", "expm1",
                                               "log1p", "pow", "hypot"};

static int glibc_mode(long n, uint64_t seed, int exact) {
    int bad = 0;
    long fd[NFNS] = {0}, fn_n[NFNS] = {0}, fnan[NFNS] = {0};
    int64_t fmax[NFNS] = {0};
    printf("%-6s %-28s %10s %10s %8s %6s %s\n", "fn", "range", "inputs", "differ", "percent", "ulps", "(NaN payloads)");
    for (int r = 0; r < NRANGES; r++) {
        int f = ranges[r].fn;
        long d = 0, nanbits = 0;
        int64_t mx = 0;
        double x, y;
        char desc[64];
        static const char *kinds = "UEPAIK";
        seed_range(r, seed);
        for (long i = 0; i < n; i++) {
            draw(r, &x, &y);
            double m = call(f, x, y), c = call_c(f, x, y);
            if (bits(m) == bits(c)) continue;
            if (m != m && c != c) {
                nanbits++;
                continue;
            }
            d++;
            int64_t e = (m != m || c != c) ? INT64_MAX : llabs(order(m) - order(c));
            if (e > mx) mx = e;
        }
        if (fns[f].m2)
            snprintf(desc, sizeof desc, "%c(%g,%g) %c(%g,%g)", kinds[ranges[r].x.kind], ranges[r].x.a, ranges[r].x.b,
                     kinds[ranges[r].y.kind], ranges[r].y.a, ranges[r].y.b);
        else snprintf(desc, sizeof desc, "%c(%g,%g)", kinds[ranges[r].x.kind], ranges[r].x.a, ranges[r].x.b);
        printf("%-6s %-28s %10ld %10ld %7.4f%% %6lld %s\n", fns[f].name, desc, n, d, 100.0 * d / n, (long long)mx,
               nanbits ? "(some)" : "");
        fd[f] += d;
        fn_n[f] += n;
        fnan[f] += nanbits;
        if (mx > fmax[f]) fmax[f] = mx;
    }
    printf("\n%-6s %12s %10s %8s %6s %s\n", "fn", "inputs", "differ", "percent", "ulps", "verdict");
    for (int f = 0; f < NFNS; f++) {
        double pct = 100.0 * fd[f] / fn_n[f];
        int must_equal = 0, ok;
        for (size_t k = 0; k < sizeof exact_with_glibc / sizeof exact_with_glibc[0]; k++)
            if (exact && strcmp(exact_with_glibc[k], fns[f].name) == 0) must_equal = 1;
        if (must_equal) ok = fd[f] == 0;
        else ok = pct <= bounds[f].pct && fmax[f] <= bounds[f].ulps;
        if (!ok) bad = 1;
        printf("%-6s %12ld %10ld %7.4f%% %6lld %s%s\n", fns[f].name, fn_n[f], fd[f], pct, (long long)fmax[f],
               ok ? "ok" : "FAIL", must_equal ? " (must equal glibc)" : "");
        (void)fnan;
    }
    return bad;
}

/* ---- timing ---- */

/* CPU time where the platform has it (a busy machine's other processes then cost
 * less), else wall time. */
static double now(void) {
    struct timespec t;
#ifdef CLOCK_PROCESS_CPUTIME_ID
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
#else
    clock_gettime(CLOCK_MONOTONIC, &t);
#endif
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void bench(long n) {
    double *xs = malloc((size_t)n * sizeof *xs), *ys = malloc((size_t)n * sizeof *ys);
    if (!xs || !ys) {
        fprintf(stderr, "check: out of memory\n");
        exit(2);
    }
    printf("%-6s %10s %10s   (ns of CPU time per call, %ld inputs of the function's first range, best of 5)\n", "fn", "mochi",
           "libc", n);
    for (int f = 0; f < NFNS; f++) {
        int r = 0;
        while (ranges[r].fn != f) r++;
        seed_range(r, 1);
        for (long i = 0; i < n; i++) draw(r, &xs[i], &ys[i]);
        double best[2] = {1e9, 1e9};
        volatile double sink = 0;
        for (int rep = 0; rep < 5; rep++)
            for (int which = 0; which < 2; which++) {
                double s = 0, t0 = now();
                if (fns[f].m1) {
                    F1 g = which ? fns[f].c1 : fns[f].m1;
                    for (long i = 0; i < n; i++) s += g(xs[i]);
                } else {
                    F2 g = which ? fns[f].c2 : fns[f].m2;
                    for (long i = 0; i < n; i++) s += g(xs[i], ys[i]);
                }
                double t = (now() - t0) * 1e9 / (double)n;
                sink += s;
                if (t < best[which]) best[which] = t;
            }
        printf("%-6s %10.1f %10.1f\n", fns[f].name, best[0], best[1]);
    }
    free(xs);
    free(ys);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    long n = argc > 2 ? atol(argv[2]) : 100000;
    uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
    if (strcmp(mode, "annexf") == 0) {
        annexf();
        return failures ? 1 : 0;
    }
    if (strcmp(mode, "glibc") == 0 || strcmp(mode, "glibc-exact") == 0)
        return glibc_mode(n, seed, strcmp(mode, "glibc-exact") == 0);
    if (strcmp(mode, "digest") == 0) {
        print_edges_results();
        for (int r = 0; r < NRANGES; r++) {
            printf("R %04x ", r);
            print_hex(digest_range(r, n, seed));
            printf("\n");
        }
        return 0;
    }
    if (strcmp(mode, "dump") == 0 && argc > 3) {
        int r = atoi(argv[2]);
        long m = atol(argv[3]);
        double x, y;
        if (r < 0 || r >= NRANGES) return 2;
        seed_range(r, argc > 4 ? strtoull(argv[4], NULL, 0) : 1);
        for (long i = 0; i < m; i++) {
            draw(r, &x, &y);
            print_hex(bits(x));
            printf(" ");
            print_hex(bits(y));
            printf(" ");
            print_hex(bits(call(ranges[r].fn, x, y)));
            printf("\n");
        }
        return 0;
    }
    if (strcmp(mode, "ranges") == 0) {
        for (int r = 0; r < NRANGES; r++)
            printf("%d %d %016llx %016llx %d %016llx %016llx\n", ranges[r].fn, ranges[r].x.kind,
                   (unsigned long long)bits(ranges[r].x.a), (unsigned long long)bits(ranges[r].x.b), ranges[r].y.kind,
                   (unsigned long long)bits(ranges[r].y.a), (unsigned long long)bits(ranges[r].y.b));
        return 0;
    }
    if (strcmp(mode, "edges") == 0) {
        for (int i = 0; i < NEDGE1; i++) printf("1 %016llx\n", (unsigned long long)edge1[i]);
        for (int i = 0; i < NEDGE2; i++) printf("2 %016llx\n", (unsigned long long)edge2[i]);
        return 0;
    }
    if (strcmp(mode, "bench") == 0) {
        bench(n);
        return 0;
    }
    fprintf(stderr, "usage: check annexf | glibc N [SEED] | glibc-exact N | digest N [SEED] | dump R N [SEED] | ranges | "
                    "edges | bench N\n");
    return 2;
}
