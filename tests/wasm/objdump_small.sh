# mochi-objdump on a small Wasm module (written here byte by byte: the module
# `(func $answer (export "answer") (result i32) i32.const 42)` with its name
# section): the section list, the offset | bytes | meaning view and the WAT listing.
# RUN: printf '\000\141\163\155\001\000\000\000\001\005\001\140\000\001\177\003\002\001\000\007\012\001\006\141\156\163\167\145\162\000\000\012\006\001\004\000\101\052\013\000\020\004\156\141\155\145\001\011\001\000\006\141\156\163\167\145\162' | mochi-objdump -
