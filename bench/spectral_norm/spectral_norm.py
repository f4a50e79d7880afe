# spectral_norm: the Benchmarks Game spectral norm of the infinite matrix
# A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1), truncated to N x N, by 10 power iterations of
# A^T A. Prints the norm times 10^9, truncated to an int.
import math
import sys

N = 80


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def multiply_av(n, v, av):
    for i in range(n):
        s = 0.0
        for j in range(n):
            s = s + eval_a(i, j) * v[j]
        av[i] = s


def multiply_atv(n, v, atv):
    for i in range(n):
        s = 0.0
        for j in range(n):
            s = s + eval_a(j, i) * v[j]
        atv[i] = s


def multiply_atav(n, v, out, tmp):
    multiply_av(n, v, tmp)
    multiply_atv(n, tmp, out)


def run(n):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(10):
        multiply_atav(n, u, v, tmp)
        multiply_atav(n, v, u, tmp)
    vbv = vv = 0.0
    for i in range(n):
        vbv = vbv + u[i] * v[i]
        vv = vv + v[i] * v[i]
    return int(math.sqrt(vbv / vv) * 1000000000.0)


if len(sys.argv) > 1:
    N = int(sys.argv[1])
print(run(N))
