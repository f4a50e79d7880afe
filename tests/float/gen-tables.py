#!/usr/bin/env python3
"""gen-tables.py: the power-of-ten table shared by float formatting and parsing, in
the two places it lives: Sources/MochiRuntime/mochi_float.c (a C array) and
Sources/MochiWasm/runtime/float.wat (a passive data segment read into an i64 array).

For every K in [KMIN, KMAX], g(K) is 10^K scaled into [2^127, 2^128) and rounded up:

    g(K) = floor(10^K * 2^(127 - floor(log2(10^K)))) + 1,   so g - 1 <= 10^K * 2^(...) < g

stored as two 64-bit halves (hi, lo). Formatting (Schubfach) needs K in [-292, 324]
(K = -k for the decimal exponents k of doubles); parsing (an Eisel-Lemire style
approximation with an exact fallback) needs K in [-342, 308]; one table covers both.
The table is computed here from exact integer arithmetic, and the script also checks
the integer approximations of logarithms both codes use over the ranges they use.

usage: gen-tables.py c        print the C table body
       gen-tables.py wat      print the WAT data segment
       gen-tables.py check    verify the committed C and WAT copies match (exit 1 if not)
"""
import os
import sys

KMIN, KMAX = -342, 324
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def floor_log2_pow10(k):
    """Exact floor(log2(10^k))."""
    if k >= 0:
        return (10 ** k).bit_length() - 1
    p = 10 ** -k  # 1/p with p not a power of two: floor(log2(1/p)) = -bit_length(p)
    return -p.bit_length()


def g(k):
    e = 127 - floor_log2_pow10(k)
    if k >= 0:
        v = (10 ** k << e) if e >= 0 else (10 ** k >> -e)
    else:
        v = (1 << e) // 10 ** -k
    v += 1
    assert (1 << 127) < v <= (1 << 128) - 1, k
    return v


def check_logs():
    import math
    from fractions import Fraction
    # floor(log10(2^q)) and floor(log10(3/4 * 2^q)) for every binary exponent of a double
    for q in range(-1077, 972):
        f = Fraction(2) ** q
        k = 0
        while Fraction(10) ** k > f: k -= 1
        while Fraction(10) ** (k + 1) <= f: k += 1
        assert (q * 1262611) >> 22 == k, q
        f34 = f * Fraction(3, 4)
        k = 0
        while Fraction(10) ** k > f34: k -= 1
        while Fraction(10) ** (k + 1) <= f34: k += 1
        assert (q * 1262611 - 524031) >> 22 == k, q
    for k in range(KMIN, KMAX + 1):
        assert (k * 1741647) >> 19 == floor_log2_pow10(k), k


def c_table():
    lines = []
    for k in range(KMIN, KMAX + 1):
        v = g(k)
        lines.append("    {0x%016XU, 0x%016XU}, /* %d */" % (v >> 64, v & (2 ** 64 - 1), k))
    return "\n".join(lines) + "\n"


def wat_segment():
    # little-endian i64 pairs (hi, lo) per K, as array.new_data $arr_i64 reads them
    out = []
    for k in range(KMIN, KMAX + 1):
        v = g(k)
        b = (v >> 64).to_bytes(8, "little") + (v & (2 ** 64 - 1)).to_bytes(8, "little")
        out.append("  \"" + "".join("\\%02x" % x for x in b) + "\" ;; %d" % k)
    return "(data $mochi_f64.pow10\n" + "\n".join(out) + "\n)\n"


def between(path, start, end):
    text = open(path).read()
    i = text.index(start) + len(start)
    j = text.index(end, i)
    return text[i:j]


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "check"
    if what == "c":
        sys.stdout.write(c_table())
    elif what == "wat":
        sys.stdout.write(wat_segment())
    elif what == "check":
        check_logs()
        ok = True
        c = between(os.path.join(ROOT, "Sources/MochiRuntime/mochi_float.c"),
                    "static const uint64_t mochi_pow10_g[][2] = {\n", "};")
        if c != c_table():
            print("gen-tables: the table in mochi_float.c differs from the generator's", file=sys.stderr)
            ok = False
        wat_path = os.path.join(ROOT, "Sources/MochiWasm/runtime/float.wat")
        if os.path.exists(wat_path):
            w = "(data $mochi_f64.pow10\n" + between(wat_path, "(data $mochi_f64.pow10\n", "\n)\n") + "\n)\n"
            if w != wat_segment():
                print("gen-tables: the data segment in float.wat differs from the generator's", file=sys.stderr)
                ok = False
        print("gen-tables: tables and logarithm approximations %s" % ("ok" if ok else "DIFFER"))
        sys.exit(0 if ok else 1)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
