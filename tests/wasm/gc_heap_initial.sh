# The wasmtime CLI engine's GC heap starts at 32 MiB (scripts/mochi-wasm-exec,
# MOCHI_WASM_GC_HEAP_INITIAL; docs/WASM.md, "Engine configuration"). The size is a
# compile-time setting that a .cwasm records: one compiled by `mochi-wasm-exec
# --compile` runs under the same script with the same setting and is refused under
# another, which shows the flag reaches both `wasmtime compile` and `wasmtime run`.
# A program that allocates more than the initial heap still finishes.
# RUN: bash %s %t
set -u
t=$1
mkdir -p "$t"
cat > "$t/trees.mochi" <<'MOCHI'
type Tree = Leaf | Node(left: Tree, right: Tree)
fun make(d: int): Tree {
  if d == 0 { return Leaf }
  return Node { left: make(d - 1), right: make(d - 1) }
}
fun count(t: Tree): int {
  return match t {
    Leaf => 1
    Node(l, r) => count(l) + count(r)
  }
}
var total = 0
for i in 0..40 {
  total = total + count(make(16))
}
print(total)
MOCHI
mochi-ir "$t/trees.mochi" -o "$t/trees.mir" || exit 2
mochi-emitwasm "$t/trees.mir" -o "$t/trees.wasm" || exit 2
mochi-wasm-exec --compile "$t/trees.wasm" "$t/default.cwasm" || exit 2
MOCHI_WASM_GC_HEAP_INITIAL=0 mochi-wasm-exec --compile "$t/trees.wasm" "$t/own.cwasm" || exit 2
mochi-wasm-exec "$t/default.cwasm"
echo "default heap, default run: status $?"
MOCHI_WASM_GC_HEAP_INITIAL=0 mochi-wasm-exec "$t/own.cwasm"
echo "Wasmtime's heap, same run: status $?"
MOCHI_WASM_GC_HEAP_INITIAL=0 mochi-wasm-exec "$t/default.cwasm" 2>"$t/err"
echo "default heap, run with Wasmtime's: status $?, $(grep -c 'GC heap initial size' "$t/err") line naming the heap size"
mochi-wasm-exec "$t/own.cwasm" 2>"$t/err"
echo "Wasmtime's heap, default run: status $?, $(grep -c 'GC heap initial size' "$t/err") line naming the heap size"
