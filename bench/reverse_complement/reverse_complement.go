// reverse_complement: the Benchmarks Game reverse-complement benchmark. Its input,
// fasta's three sequences (ALU repeat of 2N, IUB random of 3N, Homo sapiens random of
// 5N bytes), is generated in-program with the reference LCG into byte slices. Each
// sequence is reverse-complemented through a 128-entry table; instead of writing
// 60-column text the output bytes (newlines included) are folded into a hash, which
// it prints.
package main

import (
	"fmt"
	"os"
	"strconv"
)

const ALU = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGACCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAATACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCAGCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGGAGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCCAGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

var seed = 42

func repeatSeq(count int, alu string) []byte {
	seq := make([]byte, count)
	n := len(alu)
	for i := 0; i < count; i++ {
		seq[i] = alu[i%n]
	}
	return seq
}

func randomSeq(count int, codes []byte, cum []float64) []byte {
	seq := make([]byte, count)
	last := len(cum) - 1
	for i := 0; i < count; i++ {
		seed = (seed*3877 + 29573) % 139968
		r := float64(seed) / 139968.0
		j := 0
		for j < last && r >= cum[j] {
			j++
		}
		seq[i] = codes[j]
	}
	return seq
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

func reverseComplement(h int, seq []byte, table []int) int {
	col := 0
	for i := len(seq) - 1; i >= 0; i-- {
		h = (h*31 + table[seq[i]]) % 1000000007
		col++
		if col == 60 || i == 0 {
			h = (h*31 + 10) % 1000000007
			col = 0
		}
	}
	return h
}

func main() {
	N := 10000
	if len(os.Args) > 1 {
		N, _ = strconv.Atoi(os.Args[1])
	}
	iubCodes := []byte{97, 99, 103, 116, 66, 68, 72, 75, 77, 78, 82, 83, 86, 87, 89}
	iubCum := cumulative([]float64{0.27, 0.12, 0.12, 0.27, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02})
	homoCodes := []byte{97, 99, 103, 116}
	homoCum := cumulative([]float64{0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008})
	one := repeatSeq(2*N, ALU)
	two := randomSeq(3*N, iubCodes, iubCum)
	three := randomSeq(5*N, homoCodes, homoCum)
	from := []int{65, 67, 71, 84, 85, 77, 82, 87, 83, 89, 75, 86, 72, 68, 66, 78}
	to := []int{84, 71, 67, 65, 65, 75, 89, 87, 83, 82, 77, 66, 68, 72, 86, 78}
	table := make([]int, 128)
	for i := range table {
		table[i] = i
	}
	for i := range from {
		table[from[i]] = to[i]
		table[from[i]+32] = to[i]
	}
	h := reverseComplement(0, one, table)
	h = reverseComplement(h, two, table)
	h = reverseComplement(h, three, table)
	fmt.Println(h)
}
