# bigint.wat against Python's int and Fraction: every bigint and bigrat operation of the
# C library's differential test (its generator, scripts/bigint-differential) plus the
# mixed-kind any paths, on random operands up to 1,000 digits, and every error case in
# a process of its own (C's message and exit status); --cases=N --digits=D for more.
# TIMEOUT: 600
# RUN: tests/wasm-runtime/bigint-differential
# CHECK: passed, 0 failed
