# The C path to WebAssembly: zig cc for wasm32-wasi, run under the wasmtime CLI.
# TIMEOUT: 900
# RUN: scripts/mochi build --target=wasm32-wasi --mode=release examples/hello.mochi -o %t && wasmtime %t.wasm
