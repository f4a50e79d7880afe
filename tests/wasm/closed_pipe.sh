# A Wasm module whose stdout pipe is closed by its reader (`| head -1`) ends there, as
# SIGPIPE ends a native Mochi process: status 141 in every engine, as the JIT's, and
# nothing on stderr, also when the write that fails is the flush before a runtime error.
# A write that fails otherwise (/dev/full) is dropped as the C runtime's fwrite drops
# it: status 0. core.wat's $mochi_write_all, scripts/mochi-wasm-exec.
# RUN: bash %s %t
set -u
t=$1
mkdir -p "$t"
cat > "$t/lines.mochi" <<'MOCHI'
for i in 0..200000 {
  print(i)
}
print("done")
MOCHI
cat > "$t/fails.mochi" <<'MOCHI'
fun at(xs: list<int>, i: int): int {
  return xs[i]
}
for i in 0..200000 {
  print(i)
}
print(at([1, 2], 7))
MOCHI
for p in lines fails; do
  mochi-ir "$t/$p.mochi" -o "$t/$p.mir" || exit 2
  mochi-emitwasm "$t/$p.mir" -o "$t/$p.wasm" || exit 2
  mochi-jitrun "$t/$p.mir" 2>"$t/err" | head -1 >/dev/null
  echo "$p jit | head -1: status ${PIPESTATUS[0]}, stderr $(wc -c <"$t/err") bytes"
  for e in wasmtime node inprocess; do
    mochi-wasm-exec --engine=$e "$t/$p.wasm" 2>"$t/err" | head -1 >/dev/null
    echo "$p wasm $e | head -1: status ${PIPESTATUS[0]}, stderr $(wc -c <"$t/err") bytes"
  done
done
mochi-jitrun "$t/lines.mir" >/dev/full
echo "lines jit >/dev/full: status $?"
for e in wasmtime node inprocess; do
  mochi-wasm-exec --engine=$e "$t/lines.wasm" >/dev/full
  echo "lines wasm $e >/dev/full: status $?"
done
