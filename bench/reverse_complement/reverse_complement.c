/* reverse_complement: the Benchmarks Game reverse-complement benchmark. Its input,
   fasta's three sequences (ALU repeat of 2N, IUB random of 3N, Homo sapiens random of
   5N bytes), is generated in-program with the reference LCG into byte arrays. Each
   sequence is reverse-complemented through a 128-entry table; instead of writing
   60-column text the output bytes (newlines included) are folded into a hash, which
   it prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ALU = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGACCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAATACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCAGCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGGAGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCCAGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA";

static long seed = 42;

static unsigned char *repeat_seq(long count, const char *alu) {
    long n = (long)strlen(alu);
    unsigned char *seq = malloc((size_t)count + 1);
    for (long i = 0; i < count; i++) seq[i] = (unsigned char)alu[i % n];
    return seq;
}

static unsigned char *random_seq(long count, const int *codes, const double *cum, int ncum) {
    unsigned char *seq = malloc((size_t)count + 1);
    int last = ncum - 1;
    for (long i = 0; i < count; i++) {
        seed = (seed * 3877 + 29573) % 139968;
        double r = (double)seed / 139968.0;
        int j = 0;
        while (j < last && r >= cum[j]) j++;
        seq[i] = (unsigned char)codes[j];
    }
    return seq;
}

static void cumulative(const double *p, double *out, int n) {
    double acc = 0.0;
    for (int i = 0; i < n; i++) { acc = acc + p[i]; out[i] = acc; }
}

static long reverse_complement(long h, const unsigned char *seq, long n, const int *table) {
    long col = 0;
    for (long i = n - 1; i >= 0; i--) {
        h = (h * 31 + table[seq[i]]) % 1000000007;
        col++;
        if (col == 60 || i == 0) { h = (h * 31 + 10) % 1000000007; col = 0; }
    }
    return h;
}

int main(int argc, char **argv) {
    long N = 10000;
    if (argc > 1) N = atol(argv[1]);
    if (N < 1) N = 1;
    static const int iub_codes[15] = {97, 99, 103, 116, 66, 68, 72, 75, 77, 78, 82, 83, 86, 87, 89};
    static const double iub_p[15] = {0.27, 0.12, 0.12, 0.27, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02};
    static const int homo_codes[4] = {97, 99, 103, 116};
    static const double homo_p[4] = {0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008};
    double iub_cum[15], homo_cum[4];
    cumulative(iub_p, iub_cum, 15);
    cumulative(homo_p, homo_cum, 4);
    unsigned char *one = repeat_seq(2 * N, ALU);
    unsigned char *two = random_seq(3 * N, iub_codes, iub_cum, 15);
    unsigned char *three = random_seq(5 * N, homo_codes, homo_cum, 4);
    static const int from[16] = {65, 67, 71, 84, 85, 77, 82, 87, 83, 89, 75, 86, 72, 68, 66, 78};
    static const int to[16] = {84, 71, 67, 65, 65, 75, 89, 87, 83, 82, 77, 66, 68, 72, 86, 78};
    int table[128];
    for (int i = 0; i < 128; i++) table[i] = i;
    for (int i = 0; i < 16; i++) { table[from[i]] = to[i]; table[from[i] + 32] = to[i]; }
    long h = reverse_complement(0, one, 2 * N, table);
    h = reverse_complement(h, two, 3 * N, table);
    h = reverse_complement(h, three, 5 * N, table);
    free(one); free(two); free(three);
    printf("%ld\n", h);
    return 0;
}
