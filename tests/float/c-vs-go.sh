# The C runtime's float forms (top level, container, JSON) against Go's on ~220,000
# edge-case and random doubles, and the power-of-ten tables against their generator.
# `tests/float/run --big` runs 10 million.
# RUN: tests/float/run
# TIMEOUT: 300
