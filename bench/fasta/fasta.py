# fasta: the Benchmarks Game FASTA generator (ALU repeat of 2N, IUB random of 3N and
# Homo sapiens random of 5N nucleotides from the reference LCG). Instead of writing
# the 60-column text it folds every output byte (newlines included) into a hash,
# which it prints.
import sys

N = 20000

ALU = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGACCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAATACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCAGCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGGAGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCCAGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

seed = 42


def repeat_part(h, count, alu):
    n = len(alu)
    for i in range(count):
        h = (h * 31 + alu[i % n]) % 1000000007
        if (i + 1) % 60 == 0 or i == count - 1:
            h = (h * 31 + 10) % 1000000007
    return h


def random_part(h, count, codes, cum):
    global seed
    last = len(cum) - 1
    s = seed
    for i in range(count):
        s = (s * 3877 + 29573) % 139968
        r = s / 139968.0
        j = 0
        while j < last and r >= cum[j]:
            j += 1
        h = (h * 31 + codes[j]) % 1000000007
        if (i + 1) % 60 == 0 or i == count - 1:
            h = (h * 31 + 10) % 1000000007
    seed = s
    return h


def cumulative(p):
    out = []
    acc = 0.0
    for x in p:
        acc = acc + x
        out.append(acc)
    return out


def run(n):
    iub_codes = [97, 99, 103, 116, 66, 68, 72, 75, 77, 78, 82, 83, 86, 87, 89]
    iub_cum = cumulative([0.27, 0.12, 0.12, 0.27, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02])
    homo_codes = [97, 99, 103, 116]
    homo_cum = cumulative([0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008])
    h = repeat_part(0, 2 * n, ALU.encode())
    h = random_part(h, 3 * n, iub_codes, iub_cum)
    h = random_part(h, 5 * n, homo_codes, homo_cum)
    return h


if len(sys.argv) > 1:
    N = int(sys.argv[1])
print(run(N))
