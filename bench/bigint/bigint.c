/*
 * bigint.c: the bigint benchmark kernels written against the runtime's C API
 * (bench/bigint/run builds it with the runtime's C sources and runs it beside the
 * Mochi versions, *.mochi). Same algorithms as bigint.py:
 *
 *   bigint factorial [N]   N! by N-1 multiplications            (default 5000)
 *   bigint fibonacci [N]   the Nth Fibonacci number by additions (default 50000)
 *   bigint power [N]       3^N with pow                          (default 100000)
 *
 * Each prints its number in decimal. With BIGINT_TIME=1 in the environment it also
 * writes the processor seconds spent computing and printing (not starting up) to
 * stderr: processor time, because wall time on a shared machine measures the others.
 */
#include "mochi_runtime.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    return (double)clock() / CLOCKS_PER_SEC;
}

int main(int argc, char **argv) {
    mochi_rt_init(argc, argv, NULL);
    const char *k = argc > 1 ? argv[1] : "";
    long long n = argc > 2 ? atoll(argv[2]) : -1;
    double t0 = now();
    mochi_ref r;
    if (!strcmp(k, "factorial")) {
        if (n < 0) n = 5000;
        r = mochi_bigint_from_i64(1);
        for (long long i = 2; i <= n; i++) r = mochi_bigint_mul(r, mochi_bigint_from_i64(i));
    } else if (!strcmp(k, "fibonacci")) {
        if (n < 0) n = 50000;
        mochi_ref a = mochi_bigint_from_i64(0), b = mochi_bigint_from_i64(1);
        for (long long i = 0; i < n; i++) {
            mochi_ref t = mochi_bigint_add(a, b);
            a = b;
            b = t;
        }
        r = a;
    } else if (!strcmp(k, "power")) {
        if (n < 0) n = 100000;
        r = mochi_bigint_pow(mochi_bigint_from_i64(3), n);
    } else {
        fprintf(stderr, "usage: bigint factorial|fibonacci|power [N]\n");
        return 2;
    }
    mochi_print_value(MOCHI_K_REF, mochi_r2s(r));
    mochi_out_flush();
    if (getenv("BIGINT_TIME")) fprintf(stderr, "%.6f\n", now() - t0);
    return mochi_rt_finish();
}
