# The same modules in node 24 (scripts/wasi-node.mjs: node:wasi in a Worker with a large
# stack): output and exit status byte for byte, recursion to depth 99,990, and a runtime
# error's stderr text and status 1.
# RUN: mochi-ir tests/wasm/closures.mochi | mochi-emitwasm -o %t1.wasm && mochi-wasm-exec --engine=node %t1.wasm && mochi-ir tests/wasm/errors/stack_overflow.mochi | mochi-emitwasm -o %t2.wasm && mochi-wasm-exec --engine=node %t2.wasm
# EXIT: 1
