# scripts/install puts mochi and the tools under a prefix; the installed mochi runs
# a program from another folder (finding its tools, stencils and runtime there, not
# in the clone: MOCHI_BIN is cleared); --uninstall removes exactly what was
# installed, leaving a file of the user's in PREFIX/bin alone.
# TIMEOUT: 300
# RUN: sh %s %t
set -eu
p=$1/prefix
rm -rf "$1"; mkdir -p "$p/bin" "$1/elsewhere"
echo mine > "$p/bin/mine"
scripts/install --prefix "$p" --no-build >/dev/null
cp examples/hello.mochi "$1/elsewhere/"
root=$PWD
cd "$1/elsewhere"
env -u MOCHI_BIN PATH="$p/bin:/usr/bin:/bin" mochi run hello.mochi
env -u MOCHI_BIN PATH="$p/bin:/usr/bin:/bin" mochi build hello.mochi -o hello --cc=cc && ./hello | head -n 1
cd "$root"
scripts/install --prefix "$p" --uninstall >/dev/null
(cd "$p" && find . | sort)
