// fasta: the Benchmarks Game FASTA generator (ALU repeat of 2N, IUB random of 3N and
// Homo sapiens random of 5N nucleotides from the reference LCG). Instead of writing
// the 60-column text it folds every output byte (newlines included) into a hash,
// which it prints.
package main

import (
	"fmt"
	"os"
	"strconv"
)

const ALU = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGACCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAATACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCAGCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGGAGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCCAGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

var seed = 42

func repeatPart(h, count int, alu string) int {
	n := len(alu)
	for i := 0; i < count; i++ {
		h = (h*31 + int(alu[i%n])) % 1000000007
		if (i+1)%60 == 0 || i == count-1 {
			h = (h*31 + 10) % 1000000007
		}
	}
	return h
}

func randomPart(h, count int, codes []int, cum []float64) int {
	last := len(cum) - 1
	for i := 0; i < count; i++ {
		seed = (seed*3877 + 29573) % 139968
		r := float64(seed) / 139968.0
		j := 0
		for j < last && r >= cum[j] {
			j++
		}
		h = (h*31 + codes[j]) % 1000000007
		if (i+1)%60 == 0 || i == count-1 {
			h = (h*31 + 10) % 1000000007
		}
	}
	return h
}

func cumulative(p []float64) []float64 {
	out := make([]float64, len(p))
	acc := 0.0
	for i, x := range p {
		acc = acc + x
		out[i] = acc
	}
	return out
}

func main() {
	N := 20000
	if len(os.Args) > 1 {
		N, _ = strconv.Atoi(os.Args[1])
	}
	iubCodes := []int{97, 99, 103, 116, 66, 68, 72, 75, 77, 78, 82, 83, 86, 87, 89}
	iubCum := cumulative([]float64{0.27, 0.12, 0.12, 0.27, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02})
	homoCodes := []int{97, 99, 103, 116}
	homoCum := cumulative([]float64{0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008})
	h := repeatPart(0, 2*N, ALU)
	h = randomPart(h, 3*N, iubCodes, iubCum)
	h = randomPart(h, 5*N, homoCodes, homoCum)
	fmt.Println(h)
}
