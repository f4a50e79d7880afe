# Canonical IR text survives text -> text and text -> binary -> text unchanged, and the
# binary encoding is itself canonical (binary -> binary is the identity).
# RUN: mochi-ir -O0 tests/roundtrip/canonical.mir | diff -u tests/roundtrip/canonical.mir -
# RUN: mochi-ir -O0 --emit=binary tests/roundtrip/canonical.mir -o %t && mochi-ir -O0 %t | diff -u tests/roundtrip/canonical.mir - && mochi-ir -O0 --emit=binary %t | cmp - %t
