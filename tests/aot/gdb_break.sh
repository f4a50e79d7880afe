# With --mode=dev, gdb stops at a Mochi line of a built executable and the backtrace
# names the Mochi functions with their Mochi lines (LANGUAGE-level debugging, DESIGN §6),
# and each frame's call depth (`mochi_depth`, the recursion guard's count).
# RUN: scripts/mochi build --mode=dev tests/aot/gdb_fib.mochi -o %t && gdb -batch -ex 'break gdb_fib.mochi:5' -ex run -ex bt %t 2>&1
# CHECK: Breakpoint 1, mochi_fn_fib (v0=1, mochi_depth=11) at tests/aot/gdb_fib.mochi:5
# CHECK: return n
# CHECK: #0  mochi_fn_fib (v0=1, mochi_depth=11) at tests/aot/gdb_fib.mochi:5
# CHECK: in mochi_fn_fib (v0=2, mochi_depth=10) at tests/aot/gdb_fib.mochi:7
# CHECK: in mochi_fn_main_2 (mochi_depth=1) at tests/aot/gdb_fib.mochi:11
