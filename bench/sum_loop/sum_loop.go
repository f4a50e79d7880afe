// sum_loop: a tight integer loop with a loop-carried multiply-add-modulo chain
// (no closed form for the compiler to find). Prints the final accumulator.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func run(n int64) int64 {
	var s int64 = 0
	for i := int64(0); i < n; i++ {
		s = (s*31 + i) % 1000000007
	}
	return s
}

func main() {
	var N int64 = 500000
	if len(os.Args) > 1 {
		N, _ = strconv.ParseInt(os.Args[1], 10, 64)
	}
	fmt.Println(run(N))
}
