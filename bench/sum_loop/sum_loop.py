# sum_loop: a tight integer loop with a loop-carried multiply-add-modulo chain.
# Prints the final accumulator.
import sys

N = 500000


def run(n):
    s = 0
    for i in range(n):
        s = (s * 31 + i) % 1000000007
    return s


if len(sys.argv) > 1:
    N = int(sys.argv[1])
print(run(N))
