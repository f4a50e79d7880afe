/*
 * check.c: the C side of tests/float/run. It includes the runtime's mochi_format.c
 * (to reach its static JSON float form) and is linked with the other runtime files.
 *
 *   check fmt N          read ref.go's lines for the same sequence from stdin and
 *                        compare them with the C runtime's three forms; exit 1 on
 *                        any difference (the first ones are printed)
 *   check print-fmt N    print the C runtime's lines (BITS TOP CONTAINER JSON) for
 *                        the sequence: what the Wasm runtime's test must print
 *   check edges          print the edge-case bit patterns, one hex word a line
 *   check bench N        time the three forms over N random doubles of the sequence
 *
 * The sequence is the edge cases, then N doubles from gen() below, which mirrors
 * ref.go's gen() and tests/wasm-runtime/float_fmt.wat's.
 */
#include "../../Sources/MochiRuntime/mochi_format.c"
#include <time.h>

static uint64_t state;

static uint64_t next(void) {
    state += 0x9E3779B97F4A7C15u;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static const double pow10_tab[23] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static uint64_t bits_of(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static uint64_t gen(uint64_t i) {
    uint64_t r = next();
    uint64_t sign = r & ((uint64_t)1 << 63);
    uint64_t mant = r & (((uint64_t)1 << 52) - 1);
    switch (i & 7) {
    case 0: case 1:
        return r;
    case 2: {
        uint64_t e = 963 + next() % 140;
        return sign | e << 52 | mant;
    }
    case 3: {
        uint64_t e = next() % 2047, d = r % 7, b = e << 52;
        if (((r >> 32) & 1) == 1 && b >= d) return sign | (b - d);
        return sign | (b + d);
    }
    case 4: {
        int64_t n = (int64_t)(r >> (1 + next() % 63));
        return bits_of((double)n);
    }
    case 5: {
        int64_t m = (int64_t)(next() % 100000000000000000u);
        m >>= next() % 57;
        uint64_t j = next() % 23;
        double x = (double)m;
        x = (r & 1) ? x / pow10_tab[j] : x * pow10_tab[j];
        return sign | bits_of(x);
    }
    case 6:
        return sign | mant >> (next() % 52);
    default: {
        uint64_t e = next() % 82;
        if (e >= 41) e = 2046 - (e - 41);
        return sign | e << 52 | mant;
    }
    }
}

static uint64_t *edge_list(size_t *n) {
    size_t cap = 1 << 15, k = 0;
    uint64_t *out = malloc(cap * sizeof *out);
#define PUT(v) do { if (k == cap) out = realloc(out, (cap *= 2) * sizeof *out); out[k++] = (v); } while (0)
    for (uint64_t e = 0; e < 2048; e++)
        for (uint64_t j = 0; j < 8; j++) {
            uint64_t b = e << 52;
            if (j < 4) PUT(b + j);
            else if (e == 0) PUT((uint64_t)1 << 63 | (j - 3));
            else PUT(b - (j - 3));
        }
    for (int p = -325; p <= 309; p++) {
        char s[16];
        snprintf(s, sizeof s, "1e%d", p);
        uint64_t b = bits_of(strtod(s, NULL));
        int64_t w = p >= -8 && p <= 22 ? 20 : 3;
        for (int64_t d = -w; d <= w; d++) PUT(b + (uint64_t)d);
    }
    for (int n2 = 50; n2 <= 62; n2++)
        for (int64_t d = -10; d <= 10; d++) PUT(bits_of((double)(((int64_t)1 << n2) + d)));
    for (uint64_t q = 1; q <= 10; q++)
        for (uint64_t j = 0; j < 50; j++) PUT((1075 - q) << 52 | (2 * j + 1));
#undef PUT
    *n = k;
    return out;
}

/* The C runtime's line for one double. */
static size_t forms(char *line, uint64_t bits) {
    double x;
    memcpy(&x, &bits, sizeof x);
    size_t n = (size_t)sprintf(line, "%016llx ", (unsigned long long)bits);
    n += mochi_fmt_f64(line + n, x);
    line[n++] = ' ';
    n += mochi_fmt_f64_container(line + n, x);
    line[n++] = ' ';
    n += fmt_json_f64(line + n, x);
    line[n++] = '\n';
    line[n] = 0;
    return n;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: check fmt N | print-fmt N | edges | bench N\n");
        return 2;
    }
    const char *mode = argv[1];
    uint64_t count = argc > 2 ? strtoull(argv[2], NULL, 10) : 0;
    size_t ne;
    uint64_t *edges = edge_list(&ne);
    if (strcmp(mode, "edges") == 0) {
        for (size_t i = 0; i < ne; i++) printf("%016llx\n", (unsigned long long)edges[i]);
        return 0;
    }
    if (strcmp(mode, "bench") == 0) {
        uint64_t *v = malloc((size_t)count * sizeof *v);
        state = 0x4D6F636869u;
        for (uint64_t i = 0; i < count; i++) v[i] = gen(i);
        char buf[400];
        const char *names[3] = {"top", "container", "json"};
        for (int f = 0; f < 3; f++) {
            size_t sum = 0;
            clock_t t0 = clock();
            for (uint64_t i = 0; i < count; i++) {
                double x;
                memcpy(&x, &v[i], sizeof x);
                sum += f == 0 ? mochi_fmt_f64(buf, x) : f == 1 ? mochi_fmt_f64_container(buf, x) : fmt_json_f64(buf, x);
            }
            double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
            printf("%-9s %llu doubles in %.3f s (%.0f ns each, %zu bytes)\n", names[f],
                   (unsigned long long)count, s, s * 1e9 / (double)count, sum);
        }
        return 0;
    }
    int compare = strcmp(mode, "fmt") == 0;
    if (!compare && strcmp(mode, "print-fmt") != 0) {
        fprintf(stderr, "check: unknown mode '%s'\n", mode);
        return 2;
    }
    static char mine[2048], theirs[2048];
    uint64_t total = ne + count, diffs = 0;
    state = 0x4D6F636869u;
    for (uint64_t i = 0; i < total; i++) {
        uint64_t bits = i < ne ? edges[i] : gen(i - ne);
        forms(mine, bits);
        if (!compare) {
            fputs(mine, stdout);
            continue;
        }
        if (!fgets(theirs, sizeof theirs, stdin)) {
            fprintf(stderr, "check: the reference ended after %llu lines\n", (unsigned long long)i);
            return 1;
        }
        if (strcmp(mine, theirs) != 0) {
            if (++diffs <= 10) fprintf(stderr, "DIFF\n  go: %s  c:  %s", theirs, mine);
        }
    }
    if (compare) {
        printf("fmt: %llu doubles (%llu edge cases, %llu random), %llu differences from Go\n",
               (unsigned long long)total, (unsigned long long)ne, (unsigned long long)count,
               (unsigned long long)diffs);
        return diffs ? 1 : 0;
    }
    return 0;
}
