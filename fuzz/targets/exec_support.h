/* exec_support.h: see exec_support.c. */
#include <stddef.h>
int mochi_fuzz_run_child(void (*body)(void *), void *ctx, int timeout_ms, size_t memory_budget,
                         int *code, char **out, size_t *out_len);
/* The zygote (exec_support.c): handler(engine, bytes, len) runs in a fresh child of
 * it per request; mochi_fuzz_zygote_run returns like mochi_fuzz_run_child, or -1
 * when there is no zygote (the caller then forks itself). */
int mochi_fuzz_zygote_start(void (*handler)(int, const unsigned char *, size_t), int timeout_ms,
                            size_t memory_budget);
int mochi_fuzz_zygote_run(int engine, const unsigned char *bytes, size_t len, int *code, char **out,
                          size_t *out_len);
