/* fannkuch_redux: the Benchmarks Game pancake-flipping benchmark over all N!
   permutations (in the reference generation order). Prints checksum * 1000 + maxFlips. */
#include <stdio.h>
#include <stdlib.h>

static long fannkuch(int n) {
    int perm1[32], perm[32], count[32];
    for (int i = 0; i < n; i++) { perm1[i] = i; perm[i] = 0; count[i] = 0; }
    long max_flips = 0, checksum = 0, perm_count = 0;
    int r = n;
    for (;;) {
        while (r != 1) { count[r - 1] = r; r--; }
        for (int i = 0; i < n; i++) perm[i] = perm1[i];
        long flips = 0;
        int k = perm[0];
        while (k != 0) {
            for (int i = 0, j = k; i < j; i++, j--) { int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
            flips++;
            k = perm[0];
        }
        if (flips > max_flips) max_flips = flips;
        checksum += perm_count % 2 == 0 ? flips : -flips;
        for (;;) {
            if (r == n) return checksum * 1000 + max_flips;
            int perm0 = perm1[0];
            for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
            perm1[r] = perm0;
            count[r]--;
            if (count[r] > 0) break;
            r++;
        }
        perm_count++;
    }
}

int main(int argc, char **argv) {
    int N = 8;
    if (argc > 1) N = atoi(argv[1]);
    printf("%ld\n", fannkuch(N));
    return 0;
}
