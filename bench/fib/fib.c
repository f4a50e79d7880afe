/* fib: naive doubly recursive Fibonacci; measures call overhead. Prints fib(N). */
#include <stdio.h>
#include <stdlib.h>

static long fib(long n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
    long N = 25;
    if (argc > 1) N = atol(argv[1]);
    printf("%ld\n", fib(N));
    return 0;
}
