# mandelbrot: the Benchmarks Game Mandelbrot set on an N x N grid over
# [-1.5, 0.5] x [-1, 1], 50 iterations, escape radius 2. Packs 8 points per byte
# (rows padded) like the PBM output, and prints a hash of those bytes.
import sys

N = 160


def mandelbrot(n):
    h = 0
    fn = float(n)
    for y in range(n):
        ci = 2.0 * y / fn - 1.0
        bits = 0
        bit_num = 0
        for x in range(n):
            cr = 2.0 * x / fn - 1.5
            zr = zi = tr = ti = 0.0
            i = 0
            while i < 50 and tr + ti <= 4.0:
                zi = 2.0 * zr * zi + ci
                zr = tr - ti + cr
                tr = zr * zr
                ti = zi * zi
                i += 1
            bits = bits * 2
            if tr + ti <= 4.0:
                bits = bits + 1
            bit_num += 1
            if bit_num == 8:
                h = (h * 31 + bits) % 1000000007
                bits = 0
                bit_num = 0
        if bit_num > 0:
            while bit_num < 8:
                bits = bits * 2
                bit_num += 1
            h = (h * 31 + bits) % 1000000007
    return h


if len(sys.argv) > 1:
    N = int(sys.argv[1])
print(mandelbrot(N))
