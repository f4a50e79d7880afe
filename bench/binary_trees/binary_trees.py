# binary_trees: the Benchmarks Game allocation benchmark (tuples as nodes). Builds a
# stretch tree of depth N+1, a long-lived tree of depth N, and 2^(N-d+4) short-lived
# trees at each depth d = 4, 6, ..., N. Prints the sum of every node count checked.
import sys

N = 10


def bottom_up(depth):
    if depth <= 0:
        return (None, None)
    return (bottom_up(depth - 1), bottom_up(depth - 1))


def check(t):
    left, right = t
    if left is None:
        return 1
    return 1 + check(left) + check(right)


def run(n):
    min_depth = 4
    max_depth = max(min_depth + 2, n)
    total = check(bottom_up(max_depth + 1))
    long_lived = bottom_up(max_depth)
    for d in range(min_depth, max_depth + 1, 2):
        iterations = 1
        for _ in range(max_depth - d + min_depth):
            iterations *= 2
        c = 0
        for _ in range(iterations):
            c += check(bottom_up(d))
        total += c
    total += check(long_lived)
    return total


if len(sys.argv) > 1:
    N = int(sys.argv[1])
print(run(N))
