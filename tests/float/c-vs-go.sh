# The C runtime's floats against their references (tests/float/run): the top-level,
# container and JSON forms against Go on ~220,000 edge-case and random doubles, the
# parser against glibc's strtod on 200,000 generated texts, and the power-of-ten
# tables against their generator. `tests/float/run --big` runs 10 million.
# RUN: tests/float/run
# TIMEOUT: 300
