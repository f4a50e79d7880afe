;; values-bench.wat: the Wasm side of values-bench.sh (values-bench.c is the C side,
;; the same work through the C runtime). argv[1] picks the kernel:
;;   0  10M map<int,int> updates (`if k in m { m[k] = m[k] + 1 } else { m[k] = 1 }`), 65,536 keys
;;   1  1M map<string,int> updates over 50,000 string keys
;;   2  sort of 1M pseudo-random ints (list.sortby of a list by itself)
;;   3  10 x 1M list pushes, then sum
;;   4  printing: a 100,000-int list, a 10,000-entry map of floats, a 10,000-string list, 10 times
;;   5  as 0 with 1,024 keys (everything in cache)
;;   6  as 0 with 4,194,304 keys (a 64 MB table)
;; Each prints a checksum line or the printed text, compared with C's.
(global $b.mask (mut i32) (i32.const 65535))
(func $b.maps_int (param $n i32)
  (local $m (ref $map)) (local $i i32) (local $k anyref)
  (local.set $m (call $mochi_map_new (i32.const 0)))
  (block $d (loop $l
    (br_if $d (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $k (ref.i31 (i32.and (i32.mul (local.get $i) (i32.const 7919)) (global.get $b.mask))))
    (if (call $mochi_map_has (local.get $m) (local.get $k))
      (then (call $mochi_map_set (local.get $m) (local.get $k)
              (call $mochi_box_i64 (i64.add (call $mochi_unbox_i64 (call $mochi_map_get (local.get $m) (local.get $k))) (i64.const 1)))))
      (else (call $mochi_map_set (local.get $m) (local.get $k) (ref.i31 (i32.const 1)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $l)))
  (call $mochi_print_str (call $mochi_fmt_any (call $mochi_box_i64 (call $mochi_map_len (local.get $m)))))
  (call $mochi_print_str (call $mochi_fmt_any (call $mochi_map_get (local.get $m) (ref.i31 (i32.and (i32.const 7919) (global.get $b.mask)))))))

(func $b.maps_str (param $n i32)
  (local $m (ref $map)) (local $i i32) (local $k anyref) (local $keys (ref $list_ref))
  (local.set $keys (call $mochi_list_new_ref (i32.const 0)))
  (block $d (loop $l
    (br_if $d (i32.ge_u (local.get $i) (i32.const 50000)))
    (call $mochi_list_push_ref (local.get $keys) (call $mochi_str_concat (call $mochi_fmt_i64 (i64.extend_i32_u (local.get $i))) (call $mochi_fmt_i64 (i64.const 77))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $l)))
  (local.set $i (i32.const 0))
  (local.set $m (call $mochi_map_new (i32.const 0)))
  (block $d (loop $l
    (br_if $d (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $k (array.get $arr_ref (struct.get $list_ref $data (local.get $keys)) (i32.rem_u (i32.mul (local.get $i) (i32.const 7919)) (i32.const 50000))))
    (if (call $mochi_map_has (local.get $m) (local.get $k))
      (then (call $mochi_map_set (local.get $m) (local.get $k)
              (call $mochi_box_i64 (i64.add (call $mochi_unbox_i64 (call $mochi_map_get (local.get $m) (local.get $k))) (i64.const 1)))))
      (else (call $mochi_map_set (local.get $m) (local.get $k) (ref.i31 (i32.const 1)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $l)))
  (call $mochi_print_str (call $mochi_fmt_any (call $mochi_box_i64 (call $mochi_map_len (local.get $m))))))

(func $b.rand_list (param $n i32) (result (ref $list_i64))
  (local $l (ref $list_i64)) (local $i i32) (local $s i64)
  (local.set $l (call $mochi_list_new_i64 (i32.const 0)))
  (local.set $s (i64.const 42))
  (block $d (loop $lp
    (br_if $d (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $s (i64.rem_u (i64.add (i64.mul (local.get $s) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)) (i64.const 0x7fffffffffffffff)))
    (call $mochi_list_push_i64 (local.get $l) (i64.rem_u (i64.shr_u (local.get $s) (i64.const 16)) (i64.const 1000000000)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $lp)))
  (local.get $l))

(func $b.sort (param $n i32)
  (local $l (ref $list_i64)) (local $s (ref $list))
  (local.set $l (call $b.rand_list (local.get $n)))
  (local.set $s (call $mochi_list_sort_by (local.get $l) (local.get $l)))
  (call $mochi_print_str (call $mochi_fmt_any (call $list.get_any (local.get $s) (i32.const 0))))
  (call $mochi_print_str (call $mochi_fmt_any (call $list.get_any (local.get $s) (i32.sub (local.get $n) (i32.const 1))))))

(func $b.push (param $n i32)
  (local $k i32) (local $l (ref $list_i64)) (local $i i32) (local $t i64)
  (block $d (loop $lp
    (br_if $d (i32.ge_u (local.get $k) (i32.const 10)))
    (local.set $l (call $mochi_list_new_i64 (i32.const 0)))
    (local.set $i (i32.const 0))
    (block $d2 (loop $lp2
      (br_if $d2 (i32.ge_u (local.get $i) (local.get $n)))
      (call $mochi_list_push_i64 (local.get $l) (i64.extend_i32_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $lp2)))
    (local.set $t (i64.add (local.get $t) (call $mochi_list_sum_i64 (local.get $l))))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (br $lp)))
  (call $mochi_print_str (call $mochi_fmt_i64 (local.get $t))))

(func $b.print (param $n i32)
  (local $l (ref $list_i64)) (local $k i32) (local $m (ref $map)) (local $i i32) (local $lr (ref $list_ref))
  (local.set $l (call $b.rand_list (local.get $n)))
  (local.set $m (call $mochi_map_new (i32.const 0)))
  (local.set $lr (call $mochi_list_new_ref (i32.const 0)))
  (block $d (loop $lp
    (br_if $d (i32.ge_u (local.get $i) (i32.const 10000)))
    (call $mochi_map_set (local.get $m) (call $mochi_fmt_i64 (i64.extend_i32_u (local.get $i))) (struct.new $box_f64 (f64.div (f64.convert_i32_u (local.get $i)) (f64.const 8))))
    (call $mochi_list_push_ref (local.get $lr) (call $mochi_fmt_i64 (i64.extend_i32_u (local.get $i))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $lp)))
  (block $d (loop $lp
    (br_if $d (i32.ge_u (local.get $k) (i32.const 10)))
    (call $mochi_print_str (call $mochi_fmt_any (local.get $l)))
    (call $mochi_print_str (call $mochi_fmt_any (local.get $m)))
    (call $mochi_print_str (call $mochi_fmt_any (local.get $lr)))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (br $lp))))

(func $_start
  (local $k i32)
  (local.set $k (call $t.argn))
  (if (i32.eq (local.get $k) (i32.const 0)) (then (call $b.maps_int (i32.const 10000000))))
  (if (i32.eq (local.get $k) (i32.const 6)) (then (global.set $b.mask (i32.const 4194303)) (call $b.maps_int (i32.const 10000000))))
  (if (i32.eq (local.get $k) (i32.const 5)) (then (global.set $b.mask (i32.const 1023)) (call $b.maps_int (i32.const 10000000))))
  (if (i32.eq (local.get $k) (i32.const 1)) (then (call $b.maps_str (i32.const 1000000))))
  (if (i32.eq (local.get $k) (i32.const 2)) (then (call $b.sort (i32.const 1000000))))
  (if (i32.eq (local.get $k) (i32.const 3)) (then (call $b.push (i32.const 1000000))))
  (if (i32.eq (local.get $k) (i32.const 4)) (then (call $b.print (i32.const 100000))))
  (call $mochi_out_flush))
