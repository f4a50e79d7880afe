// mandelbrot: the Benchmarks Game Mandelbrot set on an N x N grid over
// [-1.5, 0.5] x [-1, 1], 50 iterations, escape radius 2. Packs 8 points per byte
// (rows padded) like the PBM output, and prints a hash of those bytes.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func mandelbrot(n int) int {
	h := 0
	fn := float64(n)
	for y := 0; y < n; y++ {
		ci := 2.0*float64(y)/fn - 1.0
		bits, bitNum := 0, 0
		for x := 0; x < n; x++ {
			cr := 2.0*float64(x)/fn - 1.5
			zr, zi, tr, ti := 0.0, 0.0, 0.0, 0.0
			for i := 0; i < 50 && tr+ti <= 4.0; i++ {
				zi = 2.0*zr*zi + ci
				zr = tr - ti + cr
				tr = zr * zr
				ti = zi * zi
			}
			bits = bits * 2
			if tr+ti <= 4.0 {
				bits = bits + 1
			}
			bitNum++
			if bitNum == 8 {
				h = (h*31 + bits) % 1000000007
				bits = 0
				bitNum = 0
			}
		}
		if bitNum > 0 {
			for bitNum < 8 {
				bits = bits * 2
				bitNum++
			}
			h = (h*31 + bits) % 1000000007
		}
	}
	return h
}

func main() {
	N := 160
	if len(os.Args) > 1 {
		N, _ = strconv.Atoi(os.Args[1])
	}
	fmt.Println(mandelbrot(N))
}
