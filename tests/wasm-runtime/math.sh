# math.wat against mochi_math.c: every edge input and 20,000 generated inputs per
# generator give the same bits (tests/wasm-runtime/math-check --big: 2.5 million).
# RUN: tests/wasm-runtime/math-check --size=20000
# CHECK: Wasm equals C bit for bit
# TIMEOUT: 600
