// k_nucleotide: the Benchmarks Game k-mer counting benchmark. Its input, the Homo
// sapiens part of fasta's output (5N nucleotides), is generated in-program with the
// same LCG (advanced past fasta's 3N IUB draws). Counts every k-mer for k = 1, 2, 3,
// 4, 6, 12, 18 in a map (k-mers packed 2 bits per base into an int key), and hashes
// the 1- and 2-mer counts and the counts of GGT, GGTA, GGTATT, GGTATTTTAATT,
// GGTATTTTAATTTATAGT into one printed checksum.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func homoSapiens(n int) []int {
	cum := []float64{0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008}
	c0 := cum[0]
	c1 := c0 + cum[1]
	c2 := c1 + cum[2]
	seed := 42
	for i := 0; i < 3*n; i++ {
		seed = (seed*3877 + 29573) % 139968
	}
	seq := make([]int, 0, 5*n)
	for i := 0; i < 5*n; i++ {
		seed = (seed*3877 + 29573) % 139968
		r := float64(seed) / 139968.0
		switch {
		case r < c0:
			seq = append(seq, 0)
		case r < c1:
			seq = append(seq, 1)
		case r < c2:
			seq = append(seq, 2)
		default:
			seq = append(seq, 3)
		}
	}
	return seq
}

func pow4(k int) int {
	p := 1
	for i := 0; i < k; i++ {
		p *= 4
	}
	return p
}

func countKmers(seq []int, k int) map[int]int {
	counts := map[int]int{}
	mod := pow4(k)
	key := 0
	for i, b := range seq {
		key = (key*4 + b) % mod
		if i >= k-1 {
			counts[key]++
		}
	}
	return counts
}

func encode(s string) int {
	key := 0
	for i := 0; i < len(s); i++ {
		code := 3
		switch s[i] {
		case 'A':
			code = 0
		case 'C':
			code = 1
		case 'G':
			code = 2
		}
		key = key*4 + code
	}
	return key
}

func main() {
	N := 5000
	if len(os.Args) > 1 {
		N, _ = strconv.Atoi(os.Args[1])
	}
	seq := homoSapiens(N)
	h := 0
	for k := 1; k < 3; k++ {
		counts := countKmers(seq, k)
		for code := 0; code < pow4(k); code++ {
			h = (h*31 + counts[code]) % 1000000007
		}
	}
	for _, t := range []string{"GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT"} {
		counts := countKmers(seq, len(t))
		h = (h*31 + counts[encode(t)]) % 1000000007
	}
	fmt.Println(h)
}
