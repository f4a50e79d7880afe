// fannkuch_redux: the Benchmarks Game pancake-flipping benchmark over all N!
// permutations (in the reference generation order). Prints checksum*1000 + maxFlips.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func fannkuch(n int) int {
	perm1 := make([]int, n)
	perm := make([]int, n)
	count := make([]int, n)
	for i := 0; i < n; i++ {
		perm1[i] = i
	}
	maxFlips, checksum, permCount := 0, 0, 0
	r := n
	for {
		for r != 1 {
			count[r-1] = r
			r--
		}
		copy(perm, perm1)
		flips := 0
		k := perm[0]
		for k != 0 {
			for i, j := 0, k; i < j; i, j = i+1, j-1 {
				perm[i], perm[j] = perm[j], perm[i]
			}
			flips++
			k = perm[0]
		}
		if flips > maxFlips {
			maxFlips = flips
		}
		if permCount%2 == 0 {
			checksum += flips
		} else {
			checksum -= flips
		}
		for {
			if r == n {
				return checksum*1000 + maxFlips
			}
			perm0 := perm1[0]
			for i := 0; i < r; i++ {
				perm1[i] = perm1[i+1]
			}
			perm1[r] = perm0
			count[r]--
			if count[r] > 0 {
				break
			}
			r++
		}
		permCount++
	}
}

func main() {
	N := 8
	if len(os.Args) > 1 {
		N, _ = strconv.Atoi(os.Args[1])
	}
	fmt.Println(fannkuch(N))
}
