/* k_nucleotide: the Benchmarks Game k-mer counting benchmark. Its input, the Homo
   sapiens part of fasta's output (5N nucleotides), is generated in-program with the
   same LCG (advanced past fasta's 3N IUB draws). Counts every k-mer for k = 1, 2, 3,
   4, 6, 12, 18 in a hash table (open addressing; k-mers packed 2 bits per base), and
   hashes the 1- and 2-mer counts and the counts of GGT, GGTA, GGTATT, GGTATTTTAATT,
   GGTATTTTAATTTATAGT into one printed checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint64_t *keys; long *vals; size_t cap, len; } Table; /* key+1; 0 = empty */

static size_t slot_of(uint64_t key, size_t mask) { return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & mask; }

static void table_init(Table *t, size_t cap) {
    t->cap = cap; t->len = 0;
    t->keys = calloc(cap, sizeof *t->keys);
    t->vals = calloc(cap, sizeof *t->vals);
}

static void table_free(Table *t) { free(t->keys); free(t->vals); }

static void table_grow(Table *t) {
    Table n;
    table_init(&n, t->cap * 2);
    size_t mask = n.cap - 1;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->keys[i]) continue;
        size_t j = slot_of(t->keys[i] - 1, mask);
        while (n.keys[j]) j = (j + 1) & mask;
        n.keys[j] = t->keys[i]; n.vals[j] = t->vals[i]; n.len++;
    }
    table_free(t);
    *t = n;
}

static void table_inc(Table *t, uint64_t key) {
    if (2 * (t->len + 1) > t->cap) table_grow(t);
    size_t mask = t->cap - 1, i = slot_of(key, mask);
    while (t->keys[i]) {
        if (t->keys[i] == key + 1) { t->vals[i]++; return; }
        i = (i + 1) & mask;
    }
    t->keys[i] = key + 1; t->vals[i] = 1; t->len++;
}

static long table_get(const Table *t, uint64_t key) {
    size_t mask = t->cap - 1, i = slot_of(key, mask);
    while (t->keys[i]) {
        if (t->keys[i] == key + 1) return t->vals[i];
        i = (i + 1) & mask;
    }
    return 0;
}

static unsigned char *homo_sapiens(long n) {
    if (n < 1) n = 1;
    const double cum[4] = {0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008};
    double c0 = cum[0], c1 = c0 + cum[1], c2 = c1 + cum[2];
    long seed = 42;
    for (long i = 0; i < 3 * n; i++) seed = (seed * 3877 + 29573) % 139968;
    unsigned char *seq = malloc((size_t)(5 * n));
    for (long i = 0; i < 5 * n; i++) {
        seed = (seed * 3877 + 29573) % 139968;
        double r = (double)seed / 139968.0;
        seq[i] = r < c0 ? 0 : r < c1 ? 1 : r < c2 ? 2 : 3;
    }
    return seq;
}

static uint64_t pow4(int k) { uint64_t p = 1; for (int i = 0; i < k; i++) p *= 4; return p; }

static void count_kmers(Table *t, const unsigned char *seq, long len, int k) {
    table_init(t, 64);
    uint64_t mod = pow4(k), key = 0;
    for (long i = 0; i < len; i++) {
        key = (key * 4 + seq[i]) % mod;
        if (i >= k - 1) table_inc(t, key);
    }
}

static uint64_t encode(const char *s) {
    uint64_t key = 0;
    for (; *s; s++) key = key * 4 + (*s == 'A' ? 0 : *s == 'C' ? 1 : *s == 'G' ? 2 : 3);
    return key;
}

int main(int argc, char **argv) {
    long N = 5000;
    if (argc > 1) N = atol(argv[1]);
    if (N < 1) N = 1;
    unsigned char *seq = homo_sapiens(N);
    long len = 5 * N, h = 0;
    for (int k = 1; k < 3; k++) {
        Table t;
        count_kmers(&t, seq, len, k);
        for (uint64_t code = 0; code < pow4(k); code++) h = (h * 31 + table_get(&t, code)) % 1000000007;
        table_free(&t);
    }
    const char *targets[5] = {"GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT"};
    for (int i = 0; i < 5; i++) {
        Table t;
        count_kmers(&t, seq, len, (int)strlen(targets[i]));
        h = (h * 31 + table_get(&t, encode(targets[i]))) % 1000000007;
        table_free(&t);
    }
    free(seq);
    printf("%ld\n", h);
    return 0;
}
