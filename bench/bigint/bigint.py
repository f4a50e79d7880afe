# bigint.py: the bigint benchmark kernels in CPython, the same algorithms as bigint.c
# (and the .mochi programs): `bigint.py factorial|fibonacci|power [N]` prints N!,
# the Nth Fibonacci number or 3^N. BIGINT_TIME=1 also writes the processor seconds
# spent computing and printing (not starting up) to stderr.
import os
import sys
import time

sys.set_int_max_str_digits(0)  # 3.11+ refuses to print numbers over 4,300 digits


def main():
    k = sys.argv[1] if len(sys.argv) > 1 else ""
    n = int(sys.argv[2]) if len(sys.argv) > 2 else -1
    t0 = time.process_time()
    if k == "factorial":
        n = 5000 if n < 0 else n
        r = 1
        for i in range(2, n + 1):
            r = r * i
    elif k == "fibonacci":
        n = 50000 if n < 0 else n
        a, b = 0, 1
        for _ in range(n):
            a, b = b, a + b
        r = a
    elif k == "power":
        n = 100000 if n < 0 else n
        r = pow(3, n)
    else:
        print("usage: bigint.py factorial|fibonacci|power [N]", file=sys.stderr)
        sys.exit(2)
    print(r)
    sys.stdout.flush()
    if os.environ.get("BIGINT_TIME"):
        print("%.6f" % (time.process_time() - t0), file=sys.stderr)


main()
