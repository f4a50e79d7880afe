// fib: naive doubly recursive Fibonacci; measures call overhead. Prints fib(N).
package main

import (
	"fmt"
	"os"
	"strconv"
)

func fib(n int64) int64 {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	var N int64 = 25
	if len(os.Args) > 1 {
		N, _ = strconv.ParseInt(os.Args[1], 10, 64)
	}
	fmt.Println(fib(N))
}
