/* nsieve: the Benchmarks Game sieve of Eratosthenes, run for m = 10000 * 2^N,
   10000 * 2^(N-1) and 10000 * 2^(N-2). Prints the sum of the three prime counts. */
#include <stdio.h>
#include <stdlib.h>

static long nsieve(long m) {
    char *flags = malloc((size_t)m + 1);
    for (long i = 0; i <= m; i++) flags[i] = 1;
    long count = 0;
    for (long i = 2; i <= m; i++) {
        if (flags[i]) {
            count++;
            for (long k = i + i; k <= m; k += i) flags[k] = 0;
        }
    }
    free(flags);
    return count;
}

int main(int argc, char **argv) {
    long N = 2;
    if (argc > 1) N = atol(argv[1]);
    long total = 0;
    for (long j = 0; j < 3; j++) {
        long p = 1;
        for (long i = 0; i < N - j; i++) p *= 2;
        total += nsieve(10000 * p);
    }
    printf("%ld\n", total);
    return 0;
}
