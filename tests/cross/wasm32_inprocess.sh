# The C path's WebAssembly run in-process by mochi-jitrun through the embedded
# Wasmtime: the .wasm itself (compiled through the cache), the .cwasm mochi-link
# precompiles from it, and the .cwasm `mochi build --emit=cwasm` makes directly.
# TIMEOUT: 900
# RUN: scripts/mochi build --target=wasm32-wasi --mode=release examples/hello.mochi -o %t && mochi-jitrun %t.wasm && mochi-link --emit=cwasm %t.wasm -o %t.cwasm && mochi-jitrun %t.cwasm && scripts/mochi build --emit=cwasm --mode=release examples/hello.mochi -o %t.2.cwasm && mochi-jitrun %t.2.cwasm
