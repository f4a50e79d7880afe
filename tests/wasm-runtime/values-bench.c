/* values-bench.c: the C side of values-bench.sh (see values-bench.wat for the kernels). */
#include "mochi_runtime.h"
#include <stdio.h>
#include <stdlib.h>
static void pi(int64_t x) { mochi_print_str(mochi_str_from_int(x)); }
static unsigned mask = 65535;
static void maps_int(int n) {
  mochi_ref m = mochi_map_new(MOCHI_K_I64, MOCHI_K_I64);
  for (int i = 0; i < n; i++) {
    int64_t k = (int64_t)(((uint32_t)i * 7919u) & mask);
    if (mochi_map_has(m, (mochi_slot)k)) { mochi_slot v; mochi_map_get(m, (mochi_slot)k, &v); mochi_map_set(m, (mochi_slot)k, v + 1); }
    else mochi_map_set(m, (mochi_slot)k, 1);
  }
  pi(mochi_map_len(m)); mochi_slot v = 0; mochi_map_get(m, 7919 & mask, &v); pi((int64_t)v);
}
static void maps_str(int n) {
  mochi_ref keys = mochi_list_new(MOCHI_K_REF, 0);
  for (int i = 0; i < 50000; i++) mochi_list_push(keys, mochi_r2s(mochi_str_concat(mochi_str_from_int(i), mochi_str_from_int(77))));
  mochi_ref m = mochi_map_new(MOCHI_K_REF, MOCHI_K_I64);
  for (int i = 0; i < n; i++) {
    mochi_slot k = mochi_list_get(keys, (int64_t)(((uint32_t)i * 7919u) % 50000));
    if (mochi_map_has(m, k)) { mochi_slot v; mochi_map_get(m, k, &v); mochi_map_set(m, k, v + 1); }
    else mochi_map_set(m, k, 1);
  }
  pi(mochi_map_len(m));
}
static mochi_ref rand_list(int n) {
  mochi_ref l = mochi_list_new(MOCHI_K_I64, 0); uint64_t s = 42;
  for (int i = 0; i < n; i++) { s = (s * 6364136223846793005ull + 1442695040888963407ull) % 0x7fffffffffffffffull; mochi_list_push(l, (s >> 16) % 1000000000); }
  return l;
}
static void sortb(int n) { mochi_ref l = rand_list(n); mochi_ref s = mochi_list_sort_by(l, l); pi((int64_t)mochi_list_get(s, 0)); pi((int64_t)mochi_list_get(s, n - 1)); }
static void pushb(int n) { int64_t t = 0; for (int k = 0; k < 10; k++) { mochi_ref l = mochi_list_new(MOCHI_K_I64, 0); for (int i = 0; i < n; i++) mochi_list_push(l, (mochi_slot)i); t += mochi_list_sum_i64(l); } pi(t); }
static void printb(int n) {
  mochi_ref l = rand_list(n); mochi_ref m = mochi_map_new(MOCHI_K_REF, MOCHI_K_F64); mochi_ref lr = mochi_list_new(MOCHI_K_REF, 0);
  for (int i = 0; i < 10000; i++) { mochi_map_set(m, mochi_r2s(mochi_str_from_int(i)), mochi_f2s(i / 8.0)); mochi_list_push(lr, mochi_r2s(mochi_str_from_int(i))); }
  for (int k = 0; k < 10; k++) { mochi_print_value(MOCHI_K_REF, mochi_r2s(l)); mochi_print_value(MOCHI_K_REF, mochi_r2s(m)); mochi_print_value(MOCHI_K_REF, mochi_r2s(lr)); }
}
int main(int argc, char **argv) {
  int k = argc > 1 ? atoi(argv[1]) : 0;
  mochi_rt_init(argc, argv, __builtin_frame_address(0));
  switch (k) { case 0: maps_int(10000000); break; case 6: mask = 4194303; maps_int(10000000); break; case 5: mask = 1023; maps_int(10000000); break; case 1: maps_str(1000000); break; case 2: sortb(1000000); break; case 3: pushb(1000000); break; case 4: printb(100000); break; }
  return mochi_rt_finish();
}
