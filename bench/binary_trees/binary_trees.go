// binary_trees: the Benchmarks Game allocation benchmark (garbage collected). Builds
// a stretch tree of depth N+1, a long-lived tree of depth N, and 2^(N-d+4) short-lived
// trees at each depth d = 4, 6, ..., N. Prints the sum of every node count checked.
package main

import (
	"fmt"
	"os"
	"strconv"
)

type Node struct{ left, right *Node }

func bottomUp(depth int) *Node {
	if depth <= 0 {
		return &Node{}
	}
	return &Node{bottomUp(depth - 1), bottomUp(depth - 1)}
}

func check(t *Node) int {
	if t.left == nil {
		return 1
	}
	return 1 + check(t.left) + check(t.right)
}

func main() {
	N := 10
	if len(os.Args) > 1 {
		N, _ = strconv.Atoi(os.Args[1])
	}
	minDepth, maxDepth := 4, N
	if minDepth+2 > maxDepth {
		maxDepth = minDepth + 2
	}
	total := check(bottomUp(maxDepth + 1))
	longLived := bottomUp(maxDepth)
	for d := minDepth; d <= maxDepth; d += 2 {
		iterations := 1
		for i := 0; i < maxDepth-d+minDepth; i++ {
			iterations *= 2
		}
		c := 0
		for i := 0; i < iterations; i++ {
			c += check(bottomUp(d))
		}
		total += c
	}
	total += check(longLived)
	fmt.Println(total)
}
