# IR with the exact-number types and every big.* op survives text -> text and text ->
# binary -> text unchanged (binary type tags 10 and 11), and runs the same in the
# interpreter and the JIT.
# RUN: mochi-ir -O0 tests/roundtrip/bigint.mir | diff -u tests/roundtrip/bigint.mir -
# RUN: mochi-ir -O0 --emit=binary tests/roundtrip/bigint.mir -o %t && mochi-ir -O0 %t | diff -u tests/roundtrip/bigint.mir - && mochi-ir -O0 --emit=binary %t | cmp - %t
# RUN: mochi-jitrun --interp tests/roundtrip/bigint.mir && mochi-jitrun tests/roundtrip/bigint.mir
