# mochi build through a compiler wrapper: --cc="ccache gcc" (and CC="ccache gcc")
# compile the program's C through ccache, so the second build of an unchanged
# program is a cache hit (ccache's own statistics say so). Skipped, saying so,
# when ccache is not installed (scripts/setup-cross installs it).
# TIMEOUT: 600
# RUN: sh %s %t
set -eu
if ! command -v ccache >/dev/null 2>&1; then
  echo "skipped: ccache is not installed (scripts/setup-cross installs it)" >&2
  exit 0
fi
dir=$1
rm -rf "$dir"; mkdir -p "$dir"
# A private ccache and mochi cache: the counts below are this test's alone.
export CCACHE_DIR="$dir/ccache" MOCHI_CACHE="$dir/mochi-cache"
unset CC CCACHE_DISABLE CCACHE_RECACHE 2>/dev/null || true
stat() { ccache --print-stats | awk -v k="$1" '$1 == k { print $2 }'; }
hits() { echo $(( $(stat direct_cache_hit) + $(stat preprocessed_cache_hit) )); }
mochi build --cc="ccache gcc" examples/hello.mochi -o "$dir/h1"
h1=$(hits); m1=$(stat cache_miss)
mochi build --cc="ccache gcc" examples/hello.mochi -o "$dir/h2"
h2=$(hits); m2=$(stat cache_miss)
CC="ccache gcc" mochi build examples/hello.mochi -o "$dir/h3"
h3=$(hits); m3=$(stat cache_miss)
fail() { echo "FAIL: $*" >&2; ccache --print-stats >&2; exit 1; }
# The first build compiles the runtime and the program through ccache: all misses.
[ "$h1" -eq 0 ] && [ "$m1" -ge 1 ] || fail "first build: $h1 hits, $m1 misses (expected 0 hits)"
# The second (--cc) and third (CC) builds of the unchanged program: one hit each,
# no new miss (the runtime comes from mochi-link's own cache, not the compiler).
[ $((h2 - h1)) -eq 1 ] && [ $((m2 - m1)) -eq 0 ] || fail "second build (--cc): $((h2 - h1)) hits, $((m2 - m1)) misses"
[ $((h3 - h2)) -eq 1 ] && [ $((m3 - m2)) -eq 0 ] || fail "third build (CC): $((h3 - h2)) hits, $((m3 - m2)) misses"
[ "$("$dir/h2")" = "$("$dir/h1")" ] || fail "the cached build behaves differently"
# No stdout snapshot: the checks above are the test (a machine without ccache
# skips with nothing on stdout).
echo "ccache: first build $m1 misses; second build (--cc) 1 hit, 0 misses; third build (CC) 1 hit, 0 misses" >&2
