/* mandelbrot: the Benchmarks Game Mandelbrot set on an N x N grid over
   [-1.5, 0.5] x [-1, 1], 50 iterations, escape radius 2. Packs 8 points per byte
   (rows padded) like the PBM output, and prints a hash of those bytes. */
#include <stdio.h>
#include <stdlib.h>

static long mandelbrot(long n) {
    long h = 0;
    double fn = (double)n;
    for (long y = 0; y < n; y++) {
        double ci = 2.0 * (double)y / fn - 1.0;
        long bits = 0, bit_num = 0;
        for (long x = 0; x < n; x++) {
            double cr = 2.0 * (double)x / fn - 1.5;
            double zr = 0.0, zi = 0.0, tr = 0.0, ti = 0.0;
            for (int i = 0; i < 50 && tr + ti <= 4.0; i++) {
                zi = 2.0 * zr * zi + ci;
                zr = tr - ti + cr;
                tr = zr * zr;
                ti = zi * zi;
            }
            bits = bits * 2;
            if (tr + ti <= 4.0) bits = bits + 1;
            bit_num++;
            if (bit_num == 8) {
                h = (h * 31 + bits) % 1000000007;
                bits = 0;
                bit_num = 0;
            }
        }
        if (bit_num > 0) {
            while (bit_num < 8) { bits = bits * 2; bit_num++; }
            h = (h * 31 + bits) % 1000000007;
        }
    }
    return h;
}

int main(int argc, char **argv) {
    long N = 160;
    if (argc > 1) N = atol(argv[1]);
    printf("%ld\n", mandelbrot(N));
    return 0;
}
