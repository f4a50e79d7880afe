# float.wat against the C runtime: formatting (3 forms), parsing, fmod and the
# `invalid float` error on 20,000 generated inputs each (float-check --big: 3 million).
# RUN: tests/wasm-runtime/float-check --size=20000
# TIMEOUT: 600
