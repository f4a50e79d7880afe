// prime_count: counts the primes below N by trial division with odd divisors up to
// the square root. Prints the count.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func isPrime(n int64) bool {
	if n < 2 {
		return false
	}
	if n%2 == 0 {
		return n == 2
	}
	for d := int64(3); d*d <= n; d += 2 {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func main() {
	var N int64 = 30000
	if len(os.Args) > 1 {
		N, _ = strconv.ParseInt(os.Args[1], 10, 64)
	}
	var c int64 = 0
	for i := int64(0); i < N; i++ {
		if isPrime(i) {
			c++
		}
	}
	fmt.Println(c)
}
