/* fasta: the Benchmarks Game FASTA generator (ALU repeat of 2N, IUB random of 3N and
   Homo sapiens random of 5N nucleotides from the reference LCG). Instead of writing
   the 60-column text it folds every output byte (newlines included) into a hash,
   which it prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ALU = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGACCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAATACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCAGCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGGAGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCCAGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA";

static long seed = 42;

static long repeat_part(long h, long count, const char *alu) {
    long n = (long)strlen(alu);
    for (long i = 0; i < count; i++) {
        h = (h * 31 + (unsigned char)alu[i % n]) % 1000000007;
        if ((i + 1) % 60 == 0 || i == count - 1) h = (h * 31 + 10) % 1000000007;
    }
    return h;
}

static long random_part(long h, long count, const int *codes, const double *cum, int ncum) {
    int last = ncum - 1;
    for (long i = 0; i < count; i++) {
        seed = (seed * 3877 + 29573) % 139968;
        double r = (double)seed / 139968.0;
        int j = 0;
        while (j < last && r >= cum[j]) j++;
        h = (h * 31 + codes[j]) % 1000000007;
        if ((i + 1) % 60 == 0 || i == count - 1) h = (h * 31 + 10) % 1000000007;
    }
    return h;
}

static void cumulative(const double *p, double *out, int n) {
    double acc = 0.0;
    for (int i = 0; i < n; i++) { acc = acc + p[i]; out[i] = acc; }
}

int main(int argc, char **argv) {
    long N = 20000;
    if (argc > 1) N = atol(argv[1]);
    static const int iub_codes[15] = {97, 99, 103, 116, 66, 68, 72, 75, 77, 78, 82, 83, 86, 87, 89};
    static const double iub_p[15] = {0.27, 0.12, 0.12, 0.27, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02};
    static const int homo_codes[4] = {97, 99, 103, 116};
    static const double homo_p[4] = {0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008};
    double iub_cum[15], homo_cum[4];
    cumulative(iub_p, iub_cum, 15);
    cumulative(homo_p, homo_cum, 4);
    long h = repeat_part(0, 2 * N, ALU);
    h = random_part(h, 3 * N, iub_codes, iub_cum, 15);
    h = random_part(h, 5 * N, homo_codes, homo_cum, 4);
    printf("%ld\n", h);
    return 0;
}
