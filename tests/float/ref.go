// ref.go: the Go side of tests/float/run. It prints, for the doubles of the shared
// test sequence, the three float forms LANGUAGE.md §9 defines by Go:
//
//	BITS TOP CONTAINER JSON
//
// BITS the IEEE bits in hex; TOP strconv.FormatFloat(x, 'g', -1, 64); CONTAINER
// FormatFloat(x, 'f', -1, 64) with ".0" added when it has no fraction (non-finite as
// TOP); JSON encoding/json's Marshal (NaN and infinities, which Marshal rejects, as
// the C runtime prints them: null). check.c generates the same sequence (the edge
// cases, then splitmix64-driven random doubles of eight kinds) and compares.
//
// usage: ref N    (N random doubles after the edge cases)
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

var state uint64

func next() uint64 {
	state += 0x9E3779B97F4A7C15
	z := state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

var pow10 = [23]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// gen returns the i-th random double's bits; check.c and float_fmt.wat mirror it.
func gen(i uint64) uint64 {
	r := next()
	sign := r & (1 << 63)
	mant := r & (1<<52 - 1)
	switch i & 7 {
	case 0, 1: // any bit pattern
		return r
	case 2: // magnitudes around the layout boundaries (2^-60 .. 2^79)
		e := 963 + next()%140
		return sign | e<<52 | mant
	case 3: // a few steps from a power of two
		e := next() % 2047
		d := r % 7
		b := e << 52
		if (r>>32)&1 == 1 && b >= d {
			return sign | (b - d)
		}
		return sign | (b + d)
	case 4: // integers of every size
		n := int64(r >> (1 + next()%63))
		return math.Float64bits(float64(n))
	case 5: // short decimals: m / 10^j or m * 10^j
		m := int64(next() % 100000000000000000)
		m >>= next() % 57
		j := next() % 23
		x := float64(m)
		if r&1 == 1 {
			x = x / pow10[j]
		} else {
			x = x * pow10[j]
		}
		return sign | math.Float64bits(x)
	case 6: // subnormals with few significant bits
		return sign | mant>>(next()%52)
	default: // the extreme binades
		e := next() % 82
		if e >= 41 {
			e = 2046 - (e - 41)
		}
		return sign | e<<52 | mant
	}
}

func parse(s string) uint64 {
	x, _ := strconv.ParseFloat(s, 64) // out of range: ±Inf or 0, as strtod
	return math.Float64bits(x)
}

// edges lists the edge cases in check.c's order.
func edges() []uint64 {
	var out []uint64
	for e := uint64(0); e < 2048; e++ { // every binade's ends
		for j := uint64(0); j < 8; j++ {
			b := e << 52
			switch {
			case j < 4:
				out = append(out, b+j)
			case e == 0:
				out = append(out, 1<<63|(j-3))
			default:
				out = append(out, b-(j-3))
			}
		}
	}
	for p := -325; p <= 309; p++ { // powers of ten, wider around the layout switches
		b := parse(fmt.Sprintf("1e%d", p))
		w := int64(3)
		if p >= -8 && p <= 22 {
			w = 20
		}
		for d := -w; d <= w; d++ {
			out = append(out, b+uint64(d))
		}
	}
	for n := uint(50); n <= 62; n++ { // integers near 2^50 .. 2^62
		for d := int64(-10); d <= 10; d++ {
			out = append(out, math.Float64bits(float64(int64(1)<<n+d)))
		}
	}
	for q := uint64(1); q <= 10; q++ { // odd significands a fraction of 2^-q apart: ties
		for j := uint64(0); j < 50; j++ {
			out = append(out, (1075-q)<<52|(2*j+1))
		}
	}
	// negative zero, negative infinity, NaNs of both signs and other payloads
	out = append(out, 0x8000000000000000, 0xFFF0000000000000, 0xFFF8000000000000, 0x7FF8000000000001,
		0x7FF0000000000001, 0xFFFFFFFFFFFFFFFF)
	return out
}

func forms(w *bufio.Writer, bits uint64) {
	x := math.Float64frombits(bits)
	top := strconv.FormatFloat(x, 'g', -1, 64)
	var cont, js string
	if math.IsNaN(x) || math.IsInf(x, 0) {
		cont, js = top, "null"
	} else {
		cont = strconv.FormatFloat(x, 'f', -1, 64)
		if !strings.Contains(cont, ".") {
			cont += ".0"
		}
		b, err := json.Marshal(x)
		if err != nil {
			panic(err)
		}
		js = string(b)
	}
	fmt.Fprintf(w, "%016x %s %s %s\n", bits, top, cont, js)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: ref N")
		os.Exit(2)
	}
	n, err := strconv.ParseUint(os.Args[1], 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ref: bad count:", os.Args[1])
		os.Exit(2)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer w.Flush()
	for _, b := range edges() {
		forms(w, b)
	}
	state = 0x4D6F636869 // "Mochi"
	for i := uint64(0); i < n; i++ {
		forms(w, gen(i))
	}
}
