# The runtime's libm: Annex F special values and exact cases, the C library's results
# on 20,000 inputs per generator (bounds; exact equality where the algorithm is
# glibc's own), and the same bits from every native compiler and flag set.
# RUN: tests/math/run --size=20000
# CHECK: annexf: all special values
# CHECK: tests/math/run: all passed
# TIMEOUT: 300
