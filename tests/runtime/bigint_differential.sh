# The runtime's bigint and bigrat against Python's int and Fraction: every operation
# on random operands up to 3,000 digits, built with cc, with cc on the portable limb
# path, and with tcc (scripts/bigint-differential prints its seed on failure;
# MOCHI_BIGINT_CASES=N MOCHI_BIGINT_DIGITS=D for a longer run).
# TIMEOUT: 300
# RUN: scripts/bigint-differential
# CHECK: passed, 0 failed
