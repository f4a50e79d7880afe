# A Windows executable cannot run here: check that it is a well-formed PE executable.
# TIMEOUT: 900
# RUN: scripts/mochi build --target=x86_64-windows --mode=release examples/hello.mochi -o %t && tests/cross/exe_format.py %t.exe
