# prime_count: counts the primes below N by trial division with odd divisors up to
# the square root. Prints the count.
import sys

N = 30000


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes(n):
    c = 0
    for i in range(n):
        if is_prime(i):
            c += 1
    return c


if len(sys.argv) > 1:
    N = int(sys.argv[1])
print(count_primes(N))
