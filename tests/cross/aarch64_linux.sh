# Cross-compiled through zig cc (static musl) and run under qemu-user (scripts/setup-cross).
# TIMEOUT: 900
# RUN: scripts/mochi build --target=aarch64-linux --mode=release examples/hello.mochi -o %t && qemu-aarch64-static %t
