# The driver's Wasm paths: `mochi run --wasm`; `mochi build --target=wasm32-wasi` through
# mochi-emitwasm (the .wasm suffix added as mochi-link adds it), and its WAT text.
# RUN: scripts/mochi run --wasm examples/hello.mochi && scripts/mochi build --target=wasm32-wasi examples/hello.mochi -o %t && mochi-wasm-exec %t.wasm && scripts/mochi build --emit=wat examples/hello.mochi -o %t.wat && grep -c '^(func $main' %t.wat
