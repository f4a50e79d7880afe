# --portable: a static musl executable for x86-64 Linux, run natively.
# TIMEOUT: 900
# RUN: scripts/mochi build --portable --mode=release examples/hello.mochi -o %t && %t
