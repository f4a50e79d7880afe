# macOS executables cannot run here: check that each is a well-formed Mach-O executable.
# TIMEOUT: 900
# RUN: scripts/mochi build --target=x86_64-macos --mode=release examples/hello.mochi -o %t && tests/cross/exe_format.py %t
# RUN: scripts/mochi build --target=aarch64-macos --mode=release examples/hello.mochi -o %t && tests/cross/exe_format.py %t
