// nsieve: the Benchmarks Game sieve of Eratosthenes, run for m = 10000 * 2^N,
// 10000 * 2^(N-1) and 10000 * 2^(N-2). Prints the sum of the three prime counts.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func nsieve(m int) int {
	flags := make([]bool, m+1)
	for i := range flags {
		flags[i] = true
	}
	count := 0
	for i := 2; i <= m; i++ {
		if flags[i] {
			count++
			for k := i + i; k <= m; k += i {
				flags[k] = false
			}
		}
	}
	return count
}

func main() {
	N := 2
	if len(os.Args) > 1 {
		N, _ = strconv.Atoi(os.Args[1])
	}
	total := 0
	for j := 0; j < 3; j++ {
		p := 1
		for i := 0; i < N-j; i++ {
			p *= 2
		}
		total += nsieve(10000 * p)
	}
	fmt.Println(total)
}
