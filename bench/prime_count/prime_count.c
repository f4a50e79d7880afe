/* prime_count: counts the primes below N by trial division with odd divisors up to
   the square root. Prints the count. */
#include <stdio.h>
#include <stdlib.h>

static int is_prime(long n) {
    if (n < 2) return 0;
    if (n % 2 == 0) return n == 2;
    for (long d = 3; d * d <= n; d += 2)
        if (n % d == 0) return 0;
    return 1;
}

int main(int argc, char **argv) {
    long N = 30000;
    if (argc > 1) N = atol(argv[1]);
    long c = 0;
    for (long i = 0; i < N; i++)
        if (is_prime(i)) c++;
    printf("%ld\n", c);
    return 0;
}
