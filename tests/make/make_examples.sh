# examples/Makefile from a clean copy: `make -j2` builds every example through the
# pattern rules (.mochi -> .mir -> .c -> executable) with the tools on PATH, the
# programs run, and a second make finds nothing to do (`make -q` and make's own
# "Nothing to be done"); touching one source rebuilds only that program.
# TIMEOUT: 600
# RUN: sh %s %t
set -eu
dir=$1
rm -rf "$dir"; mkdir -p "$dir"
cp examples/Makefile examples/*.mochi "$dir"
cd "$dir"
make -j2 >make1.log 2>&1 || { cat make1.log >&2; exit 1; }
for p in $(ls *.mochi | sed 's/\.mochi$//'); do
  [ -x "$p" ] || { echo "make -j2 did not build $p" >&2; exit 1; }
done
./hello
./primes
make -q || { echo "make -q: something is out of date after a full build" >&2; exit 1; }
second=$(make 2>&1)
case "$second" in
  *"Nothing to be done"*) echo "second make: nothing to be done" ;;
  *) echo "second make rebuilt something:"; echo "$second"; exit 1 ;;
esac
sleep 1
touch primes.mochi
make -n | sed 's|^[^ ]*/||; s/  */ /g' | cut -d' ' -f1 | sort | tr '\n' ' '
echo
