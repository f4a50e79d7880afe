# mochi-link names the line that says why a link failed: the linker's own (an output
# path that is a folder, an undefined function), not the compiler driver's
# `collect2: error: ld returned 1 exit status` after it.
# RUN: bash %s %t
set -u
t=$1
mkdir -p "$t.d/out"
printf 'int main(void) { return 0; }\n' > "$t.d/ok.c"
printf 'int f(void);\nint main(void) { return f(); }\n' > "$t.d/undef.c"
for cc in gcc cc; do
  command -v $cc >/dev/null || continue
  mochi-link --cc=$cc "$t.d/ok.c" -o "$t.d/out" 2>&1 | sed "s|$t.d/||g; s|/usr/bin/||; s|($cc exit|(CC exit|"
  mochi-link --cc=$cc "$t.d/undef.c" -o "$t.d/undef" 2>&1 | sed "s|$t.d/||g; s|/usr/bin/||; s|($cc exit|(CC exit|; s|undef.c:[0-9(][^ ]*|undef.c|"
  break
done
rm -rf "$t.d"
