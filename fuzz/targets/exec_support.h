/* exec_support.h: see exec_support.c. */
#include <stddef.h>
int mochi_fuzz_run_child(void (*body)(void *), void *ctx, int timeout_ms, size_t memory_budget,
                         int *code, char **out, size_t *out_len);
