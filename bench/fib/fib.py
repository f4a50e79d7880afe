# fib: naive doubly recursive Fibonacci; measures call overhead. Prints fib(N).
import sys

N = 25


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


if len(sys.argv) > 1:
    N = int(sys.argv[1])
print(fib(N))
