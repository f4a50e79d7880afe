# nsieve: the Benchmarks Game sieve of Eratosthenes, run for m = 10000 * 2^N,
# 10000 * 2^(N-1) and 10000 * 2^(N-2). Prints the sum of the three prime counts.
import sys

N = 2


def nsieve(m):
    flags = [True] * (m + 1)
    count = 0
    i = 2
    while i <= m:
        if flags[i]:
            count += 1
            k = i + i
            while k <= m:
                flags[k] = False
                k += i
        i += 1
    return count


def main(n):
    total = 0
    for j in range(3):
        p = 1
        for _ in range(n - j):
            p *= 2
        total += nsieve(10000 * p)
    return total


if len(sys.argv) > 1:
    N = int(sys.argv[1])
print(main(N))
