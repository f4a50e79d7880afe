/* sum_loop: a tight integer loop with a loop-carried multiply-add-modulo chain
   (no closed form for the C compiler to find). Prints the final accumulator. */
#include <stdio.h>
#include <stdlib.h>

static long run(long n) {
    long s = 0;
    for (long i = 0; i < n; i++) s = (s * 31 + i) % 1000000007;
    return s;
}

int main(int argc, char **argv) {
    long N = 500000;
    if (argc > 1) N = atol(argv[1]);
    printf("%ld\n", run(N));
    return 0;
}
