# mochi-objdump on a truncated Wasm module: one error line with the byte offset,
# exit status 1, nothing on stdout (read from stdin, so the message names "-").
# RUN: printf '\000\141\163\155\001\000\000\000\001\005\001\140\000\001\177\003\002\001\000\007\012\001\006\141\156\163\167\145\162\000' | mochi-objdump -
# EXIT: 1
