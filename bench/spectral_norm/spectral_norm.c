/* spectral_norm: the Benchmarks Game spectral norm of the infinite matrix
   A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1), truncated to N x N, by 10 power iterations of
   A^T A. Prints the norm times 10^9, truncated to an integer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double eval_a(long i, long j) { return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1); }

static void multiply_av(long n, const double *v, double *av) {
    for (long i = 0; i < n; i++) {
        double s = 0.0;
        for (long j = 0; j < n; j++) s = s + eval_a(i, j) * v[j];
        av[i] = s;
    }
}

static void multiply_atv(long n, const double *v, double *atv) {
    for (long i = 0; i < n; i++) {
        double s = 0.0;
        for (long j = 0; j < n; j++) s = s + eval_a(j, i) * v[j];
        atv[i] = s;
    }
}

static void multiply_atav(long n, const double *v, double *out, double *tmp) {
    multiply_av(n, v, tmp);
    multiply_atv(n, tmp, out);
}

int main(int argc, char **argv) {
    long N = 80;
    if (argc > 1) N = atol(argv[1]);
    if (N < 1) N = 1;
    double *u = malloc((size_t)N * sizeof *u), *v = malloc((size_t)N * sizeof *v), *tmp = malloc((size_t)N * sizeof *tmp);
    for (long i = 0; i < N; i++) { u[i] = 1.0; v[i] = 0.0; tmp[i] = 0.0; }
    for (int i = 0; i < 10; i++) {
        multiply_atav(N, u, v, tmp);
        multiply_atav(N, v, u, tmp);
    }
    double vbv = 0.0, vv = 0.0;
    for (long i = 0; i < N; i++) {
        vbv = vbv + u[i] * v[i];
        vv = vv + v[i] * v[i];
    }
    printf("%ld\n", (long)(sqrt(vbv / vv) * 1000000000.0));
    free(u); free(v); free(tmp);
    return 0;
}
