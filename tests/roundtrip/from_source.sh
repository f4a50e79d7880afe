# IR lowered from Mochi source round-trips through both encodings byte for byte.
# RUN: mochi-ir examples/hello.mochi -o %t.mir && mochi-ir %t.mir | cmp - %t.mir
# RUN: mochi-ir examples/hello.mochi -o %t.mir && mochi-ir --emit=binary %t.mir -o %t.mirb && mochi-ir %t.mirb | cmp - %t.mir
