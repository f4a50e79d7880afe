# k_nucleotide: the Benchmarks Game k-mer counting benchmark. Its input, the Homo
# sapiens part of fasta's output (5N nucleotides), is generated in-program with the
# same LCG (advanced past fasta's 3N IUB draws). Counts every k-mer for k = 1, 2, 3,
# 4, 6, 12, 18 in a dict (k-mers packed 2 bits per base into an int key), and hashes
# the 1- and 2-mer counts and the counts of GGT, GGTA, GGTATT, GGTATTTTAATT,
# GGTATTTTAATTTATAGT into one printed checksum.
import sys

N = 5000


def homo_sapiens(n):
    cum = [0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008]
    c0 = cum[0]
    c1 = c0 + cum[1]
    c2 = c1 + cum[2]
    seed = 42
    for _ in range(3 * n):
        seed = (seed * 3877 + 29573) % 139968
    seq = []
    for _ in range(5 * n):
        seed = (seed * 3877 + 29573) % 139968
        r = seed / 139968.0
        if r < c0:
            seq.append(0)
        elif r < c1:
            seq.append(1)
        elif r < c2:
            seq.append(2)
        else:
            seq.append(3)
    return seq


def count_kmers(seq, k):
    counts = {}
    mod = 4 ** k
    key = 0
    for i, b in enumerate(seq):
        key = (key * 4 + b) % mod
        if i >= k - 1:
            counts[key] = counts.get(key, 0) + 1
    return counts


def encode(s):
    key = 0
    for c in s:
        key = key * 4 + "ACGT".index(c)
    return key


def run(n):
    seq = homo_sapiens(n)
    h = 0
    for k in (1, 2):
        counts = count_kmers(seq, k)
        for code in range(4 ** k):
            h = (h * 31 + counts.get(code, 0)) % 1000000007
    for t in ("GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT"):
        counts = count_kmers(seq, len(t))
        h = (h * 31 + counts.get(encode(t), 0)) % 1000000007
    return h


if len(sys.argv) > 1:
    N = int(sys.argv[1])
print(run(N))
