// spectral_norm: the Benchmarks Game spectral norm of the infinite matrix
// A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1), truncated to N x N, by 10 power iterations of
// A^T A. Prints the norm times 10^9, truncated to an integer.
package main

import (
	"fmt"
	"math"
	"os"
	"strconv"
)

func evalA(i, j int) float64 { return 1.0 / float64((i+j)*(i+j+1)/2+i+1) }

func multiplyAv(n int, v, av []float64) {
	for i := 0; i < n; i++ {
		s := 0.0
		for j := 0; j < n; j++ {
			s = s + evalA(i, j)*v[j]
		}
		av[i] = s
	}
}

func multiplyAtv(n int, v, atv []float64) {
	for i := 0; i < n; i++ {
		s := 0.0
		for j := 0; j < n; j++ {
			s = s + evalA(j, i)*v[j]
		}
		atv[i] = s
	}
}

func multiplyAtAv(n int, v, out, tmp []float64) {
	multiplyAv(n, v, tmp)
	multiplyAtv(n, tmp, out)
}

func main() {
	N := 80
	if len(os.Args) > 1 {
		N, _ = strconv.Atoi(os.Args[1])
	}
	u := make([]float64, N)
	v := make([]float64, N)
	tmp := make([]float64, N)
	for i := range u {
		u[i] = 1.0
	}
	for i := 0; i < 10; i++ {
		multiplyAtAv(N, u, v, tmp)
		multiplyAtAv(N, v, u, tmp)
	}
	vBv, vv := 0.0, 0.0
	for i := 0; i < N; i++ {
		vBv = vBv + u[i]*v[i]
		vv = vv + v[i]*v[i]
	}
	fmt.Println(int64(math.Sqrt(vBv/vv) * 1000000000.0))
}
