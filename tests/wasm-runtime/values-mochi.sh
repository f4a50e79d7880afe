#!/usr/bin/env bash
# values-mochi.sh: Mochi programs that exercise value.wat, list.wat and map.wat
# (tests/wasm-runtime/values-programs/*.mochi), compiled by mochi-ir and mochi-emitwasm
# with this work tree's runtime fragments (--runtime-dir) and run in the engine,
# against the interpreter (mochi-jitrun --interp) on the same IR: stdout, stderr and
# exit status must be identical. Fails on any difference.
#
# usage: tests/wasm-runtime/values-mochi.sh [--engine=wasmtime|node]
# Tools: $MOCHI_BIN (default .build/debug, then .build/release) for mochi-ir and
# mochi-emitwasm; $MOCHI_INTERP for the interpreter binary (default mochi-jitrun beside
# them). Until this branch has issue 18's C runtime (structs print with "__name"),
# point MOCHI_INTERP at a mochi-jitrun built from a checkout that has it.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
engine=wasmtime
for a in "$@"; do
  case "$a" in
    --engine=*) engine=${a#--engine=} ;;
    *) echo "values-mochi: unknown argument '$a'" >&2; exit 2 ;;
  esac
done
bin=${MOCHI_BIN:-}
if [ -z "$bin" ]; then
  for d in "$root/.build/debug" "$root/.build/release"; do
    [ -x "$d/mochi-emitwasm" ] && [ -x "$d/mochi-ir" ] && { bin=$d; break; }
  done
fi
[ -n "$bin" ] || { echo "values-mochi: no mochi-ir/mochi-emitwasm (swift build, or set MOCHI_BIN)" >&2; exit 2; }
interp=${MOCHI_INTERP:-$bin/mochi-jitrun}
[ -x "$interp" ] || { echo "values-mochi: no interpreter at $interp (set MOCHI_INTERP)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/values-mochi.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for f in "$here"/values-programs/*.mochi; do
  n=$(basename "$f" .mochi)
  if ! (cd "$(dirname "$f")" && "$bin/mochi-ir" "$(basename "$f")") >"$tmp/$n.mir" 2>"$tmp/$n.irerr"; then
    echo "FAIL $n: mochi-ir"; cat "$tmp/$n.irerr"; fail=$((fail + 1)); continue
  fi
  if ! "$bin/mochi-emitwasm" --runtime-dir="$root/Sources/MochiWasm/runtime" "$tmp/$n.mir" -o "$tmp/$n.wasm" 2>"$tmp/$n.emerr"; then
    echo "FAIL $n: mochi-emitwasm"; head -20 "$tmp/$n.emerr"; fail=$((fail + 1)); continue
  fi
  "$root/scripts/mochi-wasm-exec" --engine="$engine" "$tmp/$n.wasm" >"$tmp/$n.wout" 2>"$tmp/$n.werr"; echo "exit $?" >>"$tmp/$n.werr"
  "$interp" --interp "$tmp/$n.mir" >"$tmp/$n.iout" 2>"$tmp/$n.ierr"; echo "exit $?" >>"$tmp/$n.ierr"
  if cmp -s "$tmp/$n.iout" "$tmp/$n.wout" && cmp -s "$tmp/$n.ierr" "$tmp/$n.werr"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL $n"
    diff <(cat "$tmp/$n.iout" "$tmp/$n.ierr") <(cat "$tmp/$n.wout" "$tmp/$n.werr") | head -20
  fi
done
echo "values-mochi: $pass passed, $fail failed (engine $engine)"
[ $fail -eq 0 ]
