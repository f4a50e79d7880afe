;; list.wat: typed lists and the list builtins of the Wasm runtime, mirroring
;; mochi_list.c (docs/WASM.md, "list.wat").
;;
;; A list is `{len, wlen, own, data}` with one of four element stores (`$list_i64`,
;; `_f64`, `_bool` one byte per element, `_ref` anys); the capacity is the store's
;; length and push doubles it. As in C (mochi_list.c), `append` returns a new list
;; that shares its operand's store when it can, so that `xs = append(xs, v)` on a
;; global, a field or a parameter (which the IR's appendinplace pass cannot turn into
;; a push) is linear. Copy-on-write keeps the lists apart:
;;   - `wlen` is the length the emitter may write in place: = len while the store is
;;     the list's own, 0 while it may be shared (C's wlen and `shared`). Before writing
;;     elements in place the emitter calls `$mochi_list_unshare_B` when wlen != len.
;;   - `own` is 1 when the list may extend its store in place: no other list sees the
;;     slots from its len on (C's `used == end`). append takes it over from its
;;     operand when it shares the store; push in place needs it (and room).
;; Every list built here or inline by the emitter starts with wlen = len, own = 1 and
;; a store of its own; only append (the shared case) makes wlen 0.
;;
;; Functions over several banks take and return `$list`; the emitter casts results.
;; As in C, a nil list reads as an empty list of anys (C's mochi_list_kind(NULL)).
;; Set operations hash elements (a `$map` used as a set, keys boxed), `sort by` is
;; C's stable merge sort over a permutation, with the same insertion-sort cut-off and
;; split, so even keys that compare inconsistently (NaN) end up in C's order.

;; ---- banks ----

;; 0 i64, 1 f64, 2 bool, 3 ref
(func $list.bank (param $l (ref $list)) (result i32)
  (if (ref.test (ref $list_i64) (local.get $l)) (then (return (i32.const 0))))
  (if (ref.test (ref $list_f64) (local.get $l)) (then (return (i32.const 1))))
  (if (ref.test (ref $list_bool) (local.get $l)) (then (return (i32.const 2))))
  (i32.const 3))

(func $list.len (param $l (ref null $list)) (result i32)
  (if (result i32) (ref.is_null (local.get $l))
    (then (i32.const 0))
    (else (struct.get $list $len (local.get $l)))))

;; The bank of a possibly nil list (nil: 3, as C's mochi_list_kind(NULL)).
(func $list.bank_or_ref (param $l (ref null $list)) (result i32)
  (if (result i32) (ref.is_null (local.get $l))
    (then (i32.const 3))
    (else (call $list.bank (ref.as_non_null (local.get $l))))))

;; A nil list (a missing map key read as null) as the empty list of a bank. The list
;; builtins make their result in their first operand's bank, and nil has none: the
;; emitter passes the bank of the list's type for a list of unboxed elements.
(func $list.nil_as (param $l (ref null $list)) (param $bank i32) (result (ref $list))
  (if (result (ref $list)) (ref.is_null (local.get $l))
    (then (call $list.new_bank (local.get $bank) (i32.const 0)))
    (else (ref.as_non_null (local.get $l)))))

(func $list.new_bank (param $bank i32) (param $cap i32) (result (ref $list))
  (block $b3 (block $b2 (block $b1 (block $b0
    (br_table $b0 $b1 $b2 $b3 (local.get $bank)))
    (return (call $mochi_list_new_i64 (local.get $cap))))
    (return (call $mochi_list_new_f64 (local.get $cap))))
    (return (call $mochi_list_new_bool (local.get $cap))))
  (call $mochi_list_new_ref (local.get $cap)))

;; Element i (in range) as an any.
(func $list.get_any (param $l (ref $list)) (param $i i32) (result anyref)
  (if (ref.test (ref $list_i64) (local.get $l))
    (then (return (call $mochi_box_i64 (array.get $arr_i64 (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $l))) (local.get $i))))))
  (if (ref.test (ref $list_f64) (local.get $l))
    (then (return (struct.new $box_f64 (array.get $arr_f64 (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $l))) (local.get $i))))))
  (if (ref.test (ref $list_bool) (local.get $l))
    (then (return (call $mochi_box_bool (array.get_u $arr_i8 (struct.get $list_bool $data (ref.cast (ref $list_bool) (local.get $l))) (local.get $i))))))
  (array.get $arr_ref (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $l))) (local.get $i)))

;; Push an any onto a list of any bank: unboxed to the bank (a bad cast as in C).
(func $list.push_any (param $l (ref $list)) (param $v anyref)
  (if (ref.test (ref $list_i64) (local.get $l))
    (then (call $mochi_list_push_i64 (ref.cast (ref $list_i64) (local.get $l)) (call $mochi_unbox_i64 (local.get $v))) (return)))
  (if (ref.test (ref $list_f64) (local.get $l))
    (then (call $mochi_list_push_f64 (ref.cast (ref $list_f64) (local.get $l)) (call $mochi_unbox_f64 (local.get $v))) (return)))
  (if (ref.test (ref $list_bool) (local.get $l))
    (then (call $mochi_list_push_bool (ref.cast (ref $list_bool) (local.get $l)) (call $mochi_unbox_bool (local.get $v))) (return)))
  (call $mochi_list_push_ref (ref.cast (ref $list_ref) (local.get $l)) (local.get $v)))

;; A copy of l in another bank, element by element (C's mochi_list_to_any and
;; mochi_list_from_any: boxing into anys, or unboxing with C's bad-cast errors).
(func $list.convert (param $l (ref $list)) (param $bank i32) (result (ref $list))
  (local $n i32)
  (local $i i32)
  (local $out (ref $list))
  (local.set $n (struct.get $list $len (local.get $l)))
  (local.set $out (call $list.new_bank (local.get $bank) (local.get $n)))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (call $list.push_any (local.get $out) (call $list.get_any (local.get $l) (local.get $i)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $out))

;; ---- new, push, append ----

(func $mochi_list_new_i64 (param $cap i32) (result (ref $list_i64))
  (struct.new $list_i64 (i32.const 0) (i32.const 0) (i32.const 1) (array.new_default $arr_i64 (call $list.cap0 (local.get $cap)))))
(func $mochi_list_new_f64 (param $cap i32) (result (ref $list_f64))
  (struct.new $list_f64 (i32.const 0) (i32.const 0) (i32.const 1) (array.new_default $arr_f64 (call $list.cap0 (local.get $cap)))))
(func $mochi_list_new_bool (param $cap i32) (result (ref $list_bool))
  (struct.new $list_bool (i32.const 0) (i32.const 0) (i32.const 1) (array.new_default $arr_i8 (call $list.cap0 (local.get $cap)))))
(func $mochi_list_new_ref (param $cap i32) (result (ref $list_ref))
  (struct.new $list_ref (i32.const 0) (i32.const 0) (i32.const 1) (array.new_default $arr_ref (call $list.cap0 (local.get $cap)))))

(func $list.cap0 (param $cap i32) (result i32)
  (select (local.get $cap) (i32.const 0) (i32.gt_s (local.get $cap) (i32.const 0))))

;; The capacity a store grows to so that it holds `need` elements (C's regrow).
(func $list.grown (param $cap i32) (param $need i32) (result i32)
  (local $nc i32)
  (local.set $nc (select (i32.shl (local.get $cap) (i32.const 1)) (i32.const 4) (i32.gt_s (local.get $cap) (i32.const 2))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $nc) (local.get $need)))
    (local.set $nc (i32.shl (local.get $nc) (i32.const 1)))
    (br $next)))
  (if (i32.or (i32.gt_u (local.get $nc) (i32.const 0x40000000)) (i32.lt_s (local.get $need) (i32.const 0)))
    (then (call $list.oom)))
  (local.get $nc))

(data $list.d.oom "out of memory")
(data $list.d.push_nil "push on nil list")
(data $list.d.sort_keys "sort keys do not match the list")
(data $list.d.range_step "range step cannot be zero")

(func $list.oom
  (call $mochi_rt_error (call $value.ascii (array.new_data $bytes $list.d.oom (i32.const 0) (i32.const 13))))
  (unreachable))

(func $list.push_nil
  (call $mochi_rt_error (call $value.ascii (array.new_data $bytes $list.d.push_nil (i32.const 0) (i32.const 16))))
  (unreachable))

;; push: in place while the list owns the end of its store (no other list sees
;; slot len) and the store has room; otherwise the elements first move to a grown
;; store of the list's own (the emitter inlines the fast path).
;; push reaches its cold half (a new store, the copy) through constant function
;; references: the program calls push itself only when its inline fast path finds no
;; room, and Wasmtime's inliner (-C inlining=y) would otherwise put the allocation and
;; copy loops into the program's loop, with more registers saved and spilled there.
(type $list.t_restore_i64 (func (param (ref $list_i64)) (param i32) (result (ref $arr_i64))))
(global $list.g_restore_i64 (ref $list.t_restore_i64) (ref.func $list.restore_i64))
(type $list.t_restore_f64 (func (param (ref $list_f64)) (param i32) (result (ref $arr_f64))))
(global $list.g_restore_f64 (ref $list.t_restore_f64) (ref.func $list.restore_f64))
(type $list.t_restore_bool (func (param (ref $list_bool)) (param i32) (result (ref $arr_i8))))
(global $list.g_restore_bool (ref $list.t_restore_bool) (ref.func $list.restore_bool))
(type $list.t_restore_ref (func (param (ref $list_ref)) (param i32) (result (ref $arr_ref))))
(global $list.g_restore_ref (ref $list.t_restore_ref) (ref.func $list.restore_ref))

(func $mochi_list_push_i64 (param $l (ref null $list_i64)) (param $v i64)
  (local $n i32)
  (local $d (ref $arr_i64))
  (if (ref.is_null (local.get $l)) (then (call $list.push_nil)))
  (local.set $n (struct.get $list_i64 $len (local.get $l)))
  (local.set $d (struct.get $list_i64 $data (local.get $l)))
  (if (i32.or (i32.ge_u (local.get $n) (array.len (local.get $d)))
              (i32.eqz (struct.get $list_i64 $own (local.get $l))))
    (then (local.set $d (call_ref $list.t_restore_i64 (ref.as_non_null (local.get $l))
      (call $list.grown (array.len (local.get $d)) (i32.add (local.get $n) (i32.const 1)))
      (global.get $list.g_restore_i64)))))
  (array.set $arr_i64 (local.get $d) (local.get $n) (local.get $v))
  (struct.set $list_i64 $len (local.get $l) (i32.add (local.get $n) (i32.const 1)))
  ;; a store of its own stays writable to its end; a shared one stays at 0
  (if (i32.eq (struct.get $list_i64 $wlen (local.get $l)) (local.get $n))
    (then (struct.set $list_i64 $wlen (local.get $l) (i32.add (local.get $n) (i32.const 1))))))

;; fill: the pushes of a loop that pushes one value once per step of a counter
;; from i to n (the emitter's fill loops: `for i in 0..n { xs = append(xs, v) }`), at
;; once. As n - i pushes would: nothing when i >= n; push's errors (a nil list; past
;; 2^30 elements, out of memory); the store grown, when it must be, to the capacity
;; those pushes would have reached (list.grown doubles as they would), the list's
;; own; wlen follows len when it did before.
(func $mochi_list_fill_i64 (param $l (ref null $list_i64)) (param $v i64) (param $i i64) (param $to i64)
  (local $k i64)
  (local $n i32)
  (local $need i32)
  (local $d (ref $arr_i64))
  (if (i64.ge_s (local.get $i) (local.get $to)) (then (return)))
  (if (ref.is_null (local.get $l)) (then (call $list.push_nil)))
  ;; (k as unsigned: to - i of any two i64s with i < to)
  (local.set $k (i64.sub (local.get $to) (local.get $i)))
  (local.set $n (struct.get $list_i64 $len (local.get $l)))
  (if (i64.gt_u (local.get $k) (i64.sub (i64.const 0x40000000) (i64.extend_i32_u (local.get $n))))
    (then (call $list.oom)))
  (local.set $need (i32.add (local.get $n) (i32.wrap_i64 (local.get $k))))
  (local.set $d (struct.get $list_i64 $data (local.get $l)))
  (if (i32.or (i32.gt_u (local.get $need) (array.len (local.get $d)))
              (i32.eqz (struct.get $list_i64 $own (local.get $l))))
    (then (local.set $d (call_ref $list.t_restore_i64 (ref.as_non_null (local.get $l))
      (call $list.grown (array.len (local.get $d)) (local.get $need))
      (global.get $list.g_restore_i64)))))
  (array.fill $arr_i64 (local.get $d) (local.get $n) (local.get $v) (i32.wrap_i64 (local.get $k)))
  (struct.set $list_i64 $len (local.get $l) (local.get $need))
  (if (i32.eq (struct.get $list_i64 $wlen (local.get $l)) (local.get $n))
    (then (struct.set $list_i64 $wlen (local.get $l) (local.get $need)))))

(func $mochi_list_fill_f64 (param $l (ref null $list_f64)) (param $v f64) (param $i i64) (param $to i64)
  (local $k i64)
  (local $n i32)
  (local $need i32)
  (local $d (ref $arr_f64))
  (if (i64.ge_s (local.get $i) (local.get $to)) (then (return)))
  (if (ref.is_null (local.get $l)) (then (call $list.push_nil)))
  ;; (k as unsigned: to - i of any two i64s with i < to)
  (local.set $k (i64.sub (local.get $to) (local.get $i)))
  (local.set $n (struct.get $list_f64 $len (local.get $l)))
  (if (i64.gt_u (local.get $k) (i64.sub (i64.const 0x40000000) (i64.extend_i32_u (local.get $n))))
    (then (call $list.oom)))
  (local.set $need (i32.add (local.get $n) (i32.wrap_i64 (local.get $k))))
  (local.set $d (struct.get $list_f64 $data (local.get $l)))
  (if (i32.or (i32.gt_u (local.get $need) (array.len (local.get $d)))
              (i32.eqz (struct.get $list_f64 $own (local.get $l))))
    (then (local.set $d (call_ref $list.t_restore_f64 (ref.as_non_null (local.get $l))
      (call $list.grown (array.len (local.get $d)) (local.get $need))
      (global.get $list.g_restore_f64)))))
  (array.fill $arr_f64 (local.get $d) (local.get $n) (local.get $v) (i32.wrap_i64 (local.get $k)))
  (struct.set $list_f64 $len (local.get $l) (local.get $need))
  (if (i32.eq (struct.get $list_f64 $wlen (local.get $l)) (local.get $n))
    (then (struct.set $list_f64 $wlen (local.get $l) (local.get $need)))))

(func $mochi_list_fill_bool (param $l (ref null $list_bool)) (param $v i32) (param $i i64) (param $to i64)
  (local $k i64)
  (local $n i32)
  (local $need i32)
  (local $d (ref $arr_i8))
  (if (i64.ge_s (local.get $i) (local.get $to)) (then (return)))
  (if (ref.is_null (local.get $l)) (then (call $list.push_nil)))
  ;; (k as unsigned: to - i of any two i64s with i < to)
  (local.set $k (i64.sub (local.get $to) (local.get $i)))
  (local.set $n (struct.get $list_bool $len (local.get $l)))
  (if (i64.gt_u (local.get $k) (i64.sub (i64.const 0x40000000) (i64.extend_i32_u (local.get $n))))
    (then (call $list.oom)))
  (local.set $need (i32.add (local.get $n) (i32.wrap_i64 (local.get $k))))
  (local.set $d (struct.get $list_bool $data (local.get $l)))
  (if (i32.or (i32.gt_u (local.get $need) (array.len (local.get $d)))
              (i32.eqz (struct.get $list_bool $own (local.get $l))))
    (then (local.set $d (call_ref $list.t_restore_bool (ref.as_non_null (local.get $l))
      (call $list.grown (array.len (local.get $d)) (local.get $need))
      (global.get $list.g_restore_bool)))))
  (array.fill $arr_i8 (local.get $d) (local.get $n) (i32.ne (local.get $v) (i32.const 0)) (i32.wrap_i64 (local.get $k)))
  (struct.set $list_bool $len (local.get $l) (local.get $need))
  (if (i32.eq (struct.get $list_bool $wlen (local.get $l)) (local.get $n))
    (then (struct.set $list_bool $wlen (local.get $l) (local.get $need)))))

(func $mochi_list_fill_ref (param $l (ref null $list_ref)) (param $v anyref) (param $i i64) (param $to i64)
  (local $k i64)
  (local $n i32)
  (local $need i32)
  (local $d (ref $arr_ref))
  (if (i64.ge_s (local.get $i) (local.get $to)) (then (return)))
  (if (ref.is_null (local.get $l)) (then (call $list.push_nil)))
  ;; (k as unsigned: to - i of any two i64s with i < to)
  (local.set $k (i64.sub (local.get $to) (local.get $i)))
  (local.set $n (struct.get $list_ref $len (local.get $l)))
  (if (i64.gt_u (local.get $k) (i64.sub (i64.const 0x40000000) (i64.extend_i32_u (local.get $n))))
    (then (call $list.oom)))
  (local.set $need (i32.add (local.get $n) (i32.wrap_i64 (local.get $k))))
  (local.set $d (struct.get $list_ref $data (local.get $l)))
  (if (i32.or (i32.gt_u (local.get $need) (array.len (local.get $d)))
              (i32.eqz (struct.get $list_ref $own (local.get $l))))
    (then (local.set $d (call_ref $list.t_restore_ref (ref.as_non_null (local.get $l))
      (call $list.grown (array.len (local.get $d)) (local.get $need))
      (global.get $list.g_restore_ref)))))
  (array.fill $arr_ref (local.get $d) (local.get $n) (local.get $v) (i32.wrap_i64 (local.get $k)))
  (struct.set $list_ref $len (local.get $l) (local.get $need))
  (if (i32.eq (struct.get $list_ref $wlen (local.get $l)) (local.get $n))
    (then (struct.set $list_ref $wlen (local.get $l) (local.get $need)))))

;; reserve: room for the pushes of a loop that pushes onto l at least once per step
;; of a counter from i to `to` (the emitter calls it where such a loop is entered:
;; `for i in 0..n { ... xs = append(xs, v) ... }`), so the store is made once, of
;; len + (to - i) slots, instead of doubling (a new store zeroed and the elements
;; copied) as the pushes reach its end. Nothing observable: nothing when i >= to, on
;; a nil list (the push reports it), or when len + (to - i) passes push's limit of
;; 2^30 elements (the pushes reach it and report `out of memory` where push would);
;; otherwise, when the store is too small or not the list's own, the elements move
;; to a store of the list's own with that many slots (as push's cold half moves
;; them). Later pushes past it grow the store as before.
(func $mochi_list_reserve_i64 (param $l (ref null $list_i64)) (param $i i64) (param $to i64)
  (local $k i64)
  (local $n i32)
  (local $need i32)
  (local $d (ref $arr_i64))
  (if (i64.ge_s (local.get $i) (local.get $to)) (then (return)))
  (if (ref.is_null (local.get $l)) (then (return)))
  ;; (k as unsigned: to - i of any two i64s with i < to)
  (local.set $k (i64.sub (local.get $to) (local.get $i)))
  (local.set $n (struct.get $list_i64 $len (local.get $l)))
  (if (i64.gt_u (local.get $k) (i64.sub (i64.const 0x40000000) (i64.extend_i32_u (local.get $n))))
    (then (return)))
  (local.set $need (i32.add (local.get $n) (i32.wrap_i64 (local.get $k))))
  (local.set $d (struct.get $list_i64 $data (local.get $l)))
  (if (i32.and (i32.le_u (local.get $need) (array.len (local.get $d)))
               (struct.get $list_i64 $own (local.get $l)))
    (then (return)))
  (drop (call_ref $list.t_restore_i64 (ref.as_non_null (local.get $l))
    (select (local.get $need) (array.len (local.get $d)) (i32.gt_u (local.get $need) (array.len (local.get $d))))
    (global.get $list.g_restore_i64))))

(func $mochi_list_reserve_f64 (param $l (ref null $list_f64)) (param $i i64) (param $to i64)
  (local $k i64)
  (local $n i32)
  (local $need i32)
  (local $d (ref $arr_f64))
  (if (i64.ge_s (local.get $i) (local.get $to)) (then (return)))
  (if (ref.is_null (local.get $l)) (then (return)))
  ;; (k as unsigned: to - i of any two i64s with i < to)
  (local.set $k (i64.sub (local.get $to) (local.get $i)))
  (local.set $n (struct.get $list_f64 $len (local.get $l)))
  (if (i64.gt_u (local.get $k) (i64.sub (i64.const 0x40000000) (i64.extend_i32_u (local.get $n))))
    (then (return)))
  (local.set $need (i32.add (local.get $n) (i32.wrap_i64 (local.get $k))))
  (local.set $d (struct.get $list_f64 $data (local.get $l)))
  (if (i32.and (i32.le_u (local.get $need) (array.len (local.get $d)))
               (struct.get $list_f64 $own (local.get $l)))
    (then (return)))
  (drop (call_ref $list.t_restore_f64 (ref.as_non_null (local.get $l))
    (select (local.get $need) (array.len (local.get $d)) (i32.gt_u (local.get $need) (array.len (local.get $d))))
    (global.get $list.g_restore_f64))))

(func $mochi_list_reserve_bool (param $l (ref null $list_bool)) (param $i i64) (param $to i64)
  (local $k i64)
  (local $n i32)
  (local $need i32)
  (local $d (ref $arr_i8))
  (if (i64.ge_s (local.get $i) (local.get $to)) (then (return)))
  (if (ref.is_null (local.get $l)) (then (return)))
  ;; (k as unsigned: to - i of any two i64s with i < to)
  (local.set $k (i64.sub (local.get $to) (local.get $i)))
  (local.set $n (struct.get $list_bool $len (local.get $l)))
  (if (i64.gt_u (local.get $k) (i64.sub (i64.const 0x40000000) (i64.extend_i32_u (local.get $n))))
    (then (return)))
  (local.set $need (i32.add (local.get $n) (i32.wrap_i64 (local.get $k))))
  (local.set $d (struct.get $list_bool $data (local.get $l)))
  (if (i32.and (i32.le_u (local.get $need) (array.len (local.get $d)))
               (struct.get $list_bool $own (local.get $l)))
    (then (return)))
  (drop (call_ref $list.t_restore_bool (ref.as_non_null (local.get $l))
    (select (local.get $need) (array.len (local.get $d)) (i32.gt_u (local.get $need) (array.len (local.get $d))))
    (global.get $list.g_restore_bool))))

(func $mochi_list_reserve_ref (param $l (ref null $list_ref)) (param $i i64) (param $to i64)
  (local $k i64)
  (local $n i32)
  (local $need i32)
  (local $d (ref $arr_ref))
  (if (i64.ge_s (local.get $i) (local.get $to)) (then (return)))
  (if (ref.is_null (local.get $l)) (then (return)))
  ;; (k as unsigned: to - i of any two i64s with i < to)
  (local.set $k (i64.sub (local.get $to) (local.get $i)))
  (local.set $n (struct.get $list_ref $len (local.get $l)))
  (if (i64.gt_u (local.get $k) (i64.sub (i64.const 0x40000000) (i64.extend_i32_u (local.get $n))))
    (then (return)))
  (local.set $need (i32.add (local.get $n) (i32.wrap_i64 (local.get $k))))
  (local.set $d (struct.get $list_ref $data (local.get $l)))
  (if (i32.and (i32.le_u (local.get $need) (array.len (local.get $d)))
               (struct.get $list_ref $own (local.get $l)))
    (then (return)))
  (drop (call_ref $list.t_restore_ref (ref.as_non_null (local.get $l))
    (select (local.get $need) (array.len (local.get $d)) (i32.gt_u (local.get $need) (array.len (local.get $d))))
    (global.get $list.g_restore_ref))))

;; The cold half of push and of copy-on-write: the elements move to a new store of
;; `cap` (>= len) slots that no other list refers to, which the list owns and may
;; write in place (wlen = len).
(func $list.restore_i64 (param $l (ref $list_i64)) (param $cap i32) (result (ref $arr_i64))
  (local $n i32)
  (local $nd (ref $arr_i64))
  (local.set $n (struct.get $list_i64 $len (local.get $l)))
  (local.set $nd (array.new_default $arr_i64 (local.get $cap)))
  (array.copy $arr_i64 $arr_i64 (local.get $nd) (i32.const 0) (struct.get $list_i64 $data (local.get $l)) (i32.const 0) (local.get $n))
  (struct.set $list_i64 $data (local.get $l) (local.get $nd))
  (struct.set $list_i64 $wlen (local.get $l) (local.get $n))
  (struct.set $list_i64 $own (local.get $l) (i32.const 1))
  (local.get $nd))

;; Copy-on-write, before the emitter writes elements of l in place (it calls this
;; only when wlen != len, i.e. while l's store may be shared): l gets a store of its
;; own holding its elements, so the lists sharing the old one do not see the writes.
(func $mochi_list_unshare_i64 (param $l (ref null $list_i64))
  (if (ref.is_null (local.get $l)) (then (return)))
  (if (i32.eq (struct.get $list_i64 $wlen (local.get $l)) (struct.get $list_i64 $len (local.get $l))) (then (return)))
  (drop (call $list.restore_i64 (ref.as_non_null (local.get $l)) (array.len (struct.get $list_i64 $data (local.get $l))))))

;; append(xs, v): a new list of len+1 elements; xs is unchanged. When xs owns the end
;; of its store and the store has room, the new list shares it: v goes into slot len
;; (which no other list sees), the new list takes over the end (own) and both lists
;; become read-only in place (wlen 0: a write copies first). So `xs = append(xs, v)`
;; is amortised O(1). Otherwise the elements are copied into a store of the new
;; list's own, with room to grow.
(func $mochi_list_append_i64 (param $l (ref null $list_i64)) (param $v i64) (result (ref $list_i64))
  (local $n i32)
  (local $d (ref $arr_i64))
  (local $out (ref $list_i64))
  (if (ref.is_null (local.get $l))
    (then
      (local.set $out (call $mochi_list_new_i64 (i32.const 4)))
      (call $mochi_list_push_i64 (local.get $out) (local.get $v))
      (return (local.get $out))))
  (local.set $n (struct.get $list_i64 $len (local.get $l)))
  (local.set $d (struct.get $list_i64 $data (local.get $l)))
  (if (i32.and (struct.get $list_i64 $own (local.get $l)) (i32.lt_u (local.get $n) (array.len (local.get $d))))
    (then
      (struct.set $list_i64 $own (local.get $l) (i32.const 0))
      (struct.set $list_i64 $wlen (local.get $l) (i32.const 0))
      (array.set $arr_i64 (local.get $d) (local.get $n) (local.get $v))
      (return (struct.new $list_i64 (i32.add (local.get $n) (i32.const 1)) (i32.const 0) (i32.const 1) (local.get $d)))))
  (local.set $d (array.new_default $arr_i64 (call $list.grown (local.get $n) (i32.add (local.get $n) (i32.const 1)))))
  (array.copy $arr_i64 $arr_i64 (local.get $d) (i32.const 0) (struct.get $list_i64 $data (local.get $l)) (i32.const 0) (local.get $n))
  (array.set $arr_i64 (local.get $d) (local.get $n) (local.get $v))
  (struct.new $list_i64 (i32.add (local.get $n) (i32.const 1)) (i32.add (local.get $n) (i32.const 1)) (i32.const 1) (local.get $d)))

;; push: in place while the list owns the end of its store (no other list sees
;; slot len) and the store has room; otherwise the elements first move to a grown
;; store of the list's own (the emitter inlines the fast path).
(func $mochi_list_push_f64 (param $l (ref null $list_f64)) (param $v f64)
  (local $n i32)
  (local $d (ref $arr_f64))
  (if (ref.is_null (local.get $l)) (then (call $list.push_nil)))
  (local.set $n (struct.get $list_f64 $len (local.get $l)))
  (local.set $d (struct.get $list_f64 $data (local.get $l)))
  (if (i32.or (i32.ge_u (local.get $n) (array.len (local.get $d)))
              (i32.eqz (struct.get $list_f64 $own (local.get $l))))
    (then (local.set $d (call_ref $list.t_restore_f64 (ref.as_non_null (local.get $l))
      (call $list.grown (array.len (local.get $d)) (i32.add (local.get $n) (i32.const 1)))
      (global.get $list.g_restore_f64)))))
  (array.set $arr_f64 (local.get $d) (local.get $n) (local.get $v))
  (struct.set $list_f64 $len (local.get $l) (i32.add (local.get $n) (i32.const 1)))
  ;; a store of its own stays writable to its end; a shared one stays at 0
  (if (i32.eq (struct.get $list_f64 $wlen (local.get $l)) (local.get $n))
    (then (struct.set $list_f64 $wlen (local.get $l) (i32.add (local.get $n) (i32.const 1))))))

;; The cold half of push and of copy-on-write: the elements move to a new store of
;; `cap` (>= len) slots that no other list refers to, which the list owns and may
;; write in place (wlen = len).
(func $list.restore_f64 (param $l (ref $list_f64)) (param $cap i32) (result (ref $arr_f64))
  (local $n i32)
  (local $nd (ref $arr_f64))
  (local.set $n (struct.get $list_f64 $len (local.get $l)))
  (local.set $nd (array.new_default $arr_f64 (local.get $cap)))
  (array.copy $arr_f64 $arr_f64 (local.get $nd) (i32.const 0) (struct.get $list_f64 $data (local.get $l)) (i32.const 0) (local.get $n))
  (struct.set $list_f64 $data (local.get $l) (local.get $nd))
  (struct.set $list_f64 $wlen (local.get $l) (local.get $n))
  (struct.set $list_f64 $own (local.get $l) (i32.const 1))
  (local.get $nd))

;; Copy-on-write, before the emitter writes elements of l in place (it calls this
;; only when wlen != len, i.e. while l's store may be shared): l gets a store of its
;; own holding its elements, so the lists sharing the old one do not see the writes.
(func $mochi_list_unshare_f64 (param $l (ref null $list_f64))
  (if (ref.is_null (local.get $l)) (then (return)))
  (if (i32.eq (struct.get $list_f64 $wlen (local.get $l)) (struct.get $list_f64 $len (local.get $l))) (then (return)))
  (drop (call $list.restore_f64 (ref.as_non_null (local.get $l)) (array.len (struct.get $list_f64 $data (local.get $l))))))

;; append(xs, v): a new list of len+1 elements; xs is unchanged. When xs owns the end
;; of its store and the store has room, the new list shares it: v goes into slot len
;; (which no other list sees), the new list takes over the end (own) and both lists
;; become read-only in place (wlen 0: a write copies first). So `xs = append(xs, v)`
;; is amortised O(1). Otherwise the elements are copied into a store of the new
;; list's own, with room to grow.
(func $mochi_list_append_f64 (param $l (ref null $list_f64)) (param $v f64) (result (ref $list_f64))
  (local $n i32)
  (local $d (ref $arr_f64))
  (local $out (ref $list_f64))
  (if (ref.is_null (local.get $l))
    (then
      (local.set $out (call $mochi_list_new_f64 (i32.const 4)))
      (call $mochi_list_push_f64 (local.get $out) (local.get $v))
      (return (local.get $out))))
  (local.set $n (struct.get $list_f64 $len (local.get $l)))
  (local.set $d (struct.get $list_f64 $data (local.get $l)))
  (if (i32.and (struct.get $list_f64 $own (local.get $l)) (i32.lt_u (local.get $n) (array.len (local.get $d))))
    (then
      (struct.set $list_f64 $own (local.get $l) (i32.const 0))
      (struct.set $list_f64 $wlen (local.get $l) (i32.const 0))
      (array.set $arr_f64 (local.get $d) (local.get $n) (local.get $v))
      (return (struct.new $list_f64 (i32.add (local.get $n) (i32.const 1)) (i32.const 0) (i32.const 1) (local.get $d)))))
  (local.set $d (array.new_default $arr_f64 (call $list.grown (local.get $n) (i32.add (local.get $n) (i32.const 1)))))
  (array.copy $arr_f64 $arr_f64 (local.get $d) (i32.const 0) (struct.get $list_f64 $data (local.get $l)) (i32.const 0) (local.get $n))
  (array.set $arr_f64 (local.get $d) (local.get $n) (local.get $v))
  (struct.new $list_f64 (i32.add (local.get $n) (i32.const 1)) (i32.add (local.get $n) (i32.const 1)) (i32.const 1) (local.get $d)))

;; push: in place while the list owns the end of its store (no other list sees
;; slot len) and the store has room; otherwise the elements first move to a grown
;; store of the list's own (the emitter inlines the fast path).
(func $mochi_list_push_bool (param $l (ref null $list_bool)) (param $v i32)
  (local $n i32)
  (local $d (ref $arr_i8))
  (if (ref.is_null (local.get $l)) (then (call $list.push_nil)))
  (local.set $n (struct.get $list_bool $len (local.get $l)))
  (local.set $d (struct.get $list_bool $data (local.get $l)))
  (if (i32.or (i32.ge_u (local.get $n) (array.len (local.get $d)))
              (i32.eqz (struct.get $list_bool $own (local.get $l))))
    (then (local.set $d (call_ref $list.t_restore_bool (ref.as_non_null (local.get $l))
      (call $list.grown (array.len (local.get $d)) (i32.add (local.get $n) (i32.const 1)))
      (global.get $list.g_restore_bool)))))
  (array.set $arr_i8 (local.get $d) (local.get $n) (i32.ne (local.get $v) (i32.const 0)))
  (struct.set $list_bool $len (local.get $l) (i32.add (local.get $n) (i32.const 1)))
  ;; a store of its own stays writable to its end; a shared one stays at 0
  (if (i32.eq (struct.get $list_bool $wlen (local.get $l)) (local.get $n))
    (then (struct.set $list_bool $wlen (local.get $l) (i32.add (local.get $n) (i32.const 1))))))

;; The cold half of push and of copy-on-write: the elements move to a new store of
;; `cap` (>= len) slots that no other list refers to, which the list owns and may
;; write in place (wlen = len).
(func $list.restore_bool (param $l (ref $list_bool)) (param $cap i32) (result (ref $arr_i8))
  (local $n i32)
  (local $nd (ref $arr_i8))
  (local.set $n (struct.get $list_bool $len (local.get $l)))
  (local.set $nd (array.new_default $arr_i8 (local.get $cap)))
  (array.copy $arr_i8 $arr_i8 (local.get $nd) (i32.const 0) (struct.get $list_bool $data (local.get $l)) (i32.const 0) (local.get $n))
  (struct.set $list_bool $data (local.get $l) (local.get $nd))
  (struct.set $list_bool $wlen (local.get $l) (local.get $n))
  (struct.set $list_bool $own (local.get $l) (i32.const 1))
  (local.get $nd))

;; Copy-on-write, before the emitter writes elements of l in place (it calls this
;; only when wlen != len, i.e. while l's store may be shared): l gets a store of its
;; own holding its elements, so the lists sharing the old one do not see the writes.
(func $mochi_list_unshare_bool (param $l (ref null $list_bool))
  (if (ref.is_null (local.get $l)) (then (return)))
  (if (i32.eq (struct.get $list_bool $wlen (local.get $l)) (struct.get $list_bool $len (local.get $l))) (then (return)))
  (drop (call $list.restore_bool (ref.as_non_null (local.get $l)) (array.len (struct.get $list_bool $data (local.get $l))))))

;; append(xs, v): a new list of len+1 elements; xs is unchanged. When xs owns the end
;; of its store and the store has room, the new list shares it: v goes into slot len
;; (which no other list sees), the new list takes over the end (own) and both lists
;; become read-only in place (wlen 0: a write copies first). So `xs = append(xs, v)`
;; is amortised O(1). Otherwise the elements are copied into a store of the new
;; list's own, with room to grow.
(func $mochi_list_append_bool (param $l (ref null $list_bool)) (param $v i32) (result (ref $list_bool))
  (local $n i32)
  (local $d (ref $arr_i8))
  (local $out (ref $list_bool))
  (if (ref.is_null (local.get $l))
    (then
      (local.set $out (call $mochi_list_new_bool (i32.const 4)))
      (call $mochi_list_push_bool (local.get $out) (local.get $v))
      (return (local.get $out))))
  (local.set $n (struct.get $list_bool $len (local.get $l)))
  (local.set $d (struct.get $list_bool $data (local.get $l)))
  (if (i32.and (struct.get $list_bool $own (local.get $l)) (i32.lt_u (local.get $n) (array.len (local.get $d))))
    (then
      (struct.set $list_bool $own (local.get $l) (i32.const 0))
      (struct.set $list_bool $wlen (local.get $l) (i32.const 0))
      (array.set $arr_i8 (local.get $d) (local.get $n) (i32.ne (local.get $v) (i32.const 0)))
      (return (struct.new $list_bool (i32.add (local.get $n) (i32.const 1)) (i32.const 0) (i32.const 1) (local.get $d)))))
  (local.set $d (array.new_default $arr_i8 (call $list.grown (local.get $n) (i32.add (local.get $n) (i32.const 1)))))
  (array.copy $arr_i8 $arr_i8 (local.get $d) (i32.const 0) (struct.get $list_bool $data (local.get $l)) (i32.const 0) (local.get $n))
  (array.set $arr_i8 (local.get $d) (local.get $n) (i32.ne (local.get $v) (i32.const 0)))
  (struct.new $list_bool (i32.add (local.get $n) (i32.const 1)) (i32.add (local.get $n) (i32.const 1)) (i32.const 1) (local.get $d)))

;; push: in place while the list owns the end of its store (no other list sees
;; slot len) and the store has room; otherwise the elements first move to a grown
;; store of the list's own (the emitter inlines the fast path).
(func $mochi_list_push_ref (param $l (ref null $list_ref)) (param $v anyref)
  (local $n i32)
  (local $d (ref $arr_ref))
  (if (ref.is_null (local.get $l)) (then (call $list.push_nil)))
  (local.set $n (struct.get $list_ref $len (local.get $l)))
  (local.set $d (struct.get $list_ref $data (local.get $l)))
  (if (i32.or (i32.ge_u (local.get $n) (array.len (local.get $d)))
              (i32.eqz (struct.get $list_ref $own (local.get $l))))
    (then (local.set $d (call_ref $list.t_restore_ref (ref.as_non_null (local.get $l))
      (call $list.grown (array.len (local.get $d)) (i32.add (local.get $n) (i32.const 1)))
      (global.get $list.g_restore_ref)))))
  (array.set $arr_ref (local.get $d) (local.get $n) (local.get $v))
  (struct.set $list_ref $len (local.get $l) (i32.add (local.get $n) (i32.const 1)))
  ;; a store of its own stays writable to its end; a shared one stays at 0
  (if (i32.eq (struct.get $list_ref $wlen (local.get $l)) (local.get $n))
    (then (struct.set $list_ref $wlen (local.get $l) (i32.add (local.get $n) (i32.const 1))))))

;; The cold half of push and of copy-on-write: the elements move to a new store of
;; `cap` (>= len) slots that no other list refers to, which the list owns and may
;; write in place (wlen = len).
(func $list.restore_ref (param $l (ref $list_ref)) (param $cap i32) (result (ref $arr_ref))
  (local $n i32)
  (local $nd (ref $arr_ref))
  (local.set $n (struct.get $list_ref $len (local.get $l)))
  (local.set $nd (array.new_default $arr_ref (local.get $cap)))
  (array.copy $arr_ref $arr_ref (local.get $nd) (i32.const 0) (struct.get $list_ref $data (local.get $l)) (i32.const 0) (local.get $n))
  (struct.set $list_ref $data (local.get $l) (local.get $nd))
  (struct.set $list_ref $wlen (local.get $l) (local.get $n))
  (struct.set $list_ref $own (local.get $l) (i32.const 1))
  (local.get $nd))

;; Copy-on-write, before the emitter writes elements of l in place (it calls this
;; only when wlen != len, i.e. while l's store may be shared): l gets a store of its
;; own holding its elements, so the lists sharing the old one do not see the writes.
(func $mochi_list_unshare_ref (param $l (ref null $list_ref))
  (if (ref.is_null (local.get $l)) (then (return)))
  (if (i32.eq (struct.get $list_ref $wlen (local.get $l)) (struct.get $list_ref $len (local.get $l))) (then (return)))
  (drop (call $list.restore_ref (ref.as_non_null (local.get $l)) (array.len (struct.get $list_ref $data (local.get $l))))))

;; append(xs, v): a new list of len+1 elements; xs is unchanged. When xs owns the end
;; of its store and the store has room, the new list shares it: v goes into slot len
;; (which no other list sees), the new list takes over the end (own) and both lists
;; become read-only in place (wlen 0: a write copies first). So `xs = append(xs, v)`
;; is amortised O(1). Otherwise the elements are copied into a store of the new
;; list's own, with room to grow.
(func $mochi_list_append_ref (param $l (ref null $list_ref)) (param $v anyref) (result (ref $list_ref))
  (local $n i32)
  (local $d (ref $arr_ref))
  (local $out (ref $list_ref))
  (if (ref.is_null (local.get $l))
    (then
      (local.set $out (call $mochi_list_new_ref (i32.const 4)))
      (call $mochi_list_push_ref (local.get $out) (local.get $v))
      (return (local.get $out))))
  (local.set $n (struct.get $list_ref $len (local.get $l)))
  (local.set $d (struct.get $list_ref $data (local.get $l)))
  (if (i32.and (struct.get $list_ref $own (local.get $l)) (i32.lt_u (local.get $n) (array.len (local.get $d))))
    (then
      (struct.set $list_ref $own (local.get $l) (i32.const 0))
      (struct.set $list_ref $wlen (local.get $l) (i32.const 0))
      (array.set $arr_ref (local.get $d) (local.get $n) (local.get $v))
      (return (struct.new $list_ref (i32.add (local.get $n) (i32.const 1)) (i32.const 0) (i32.const 1) (local.get $d)))))
  (local.set $d (array.new_default $arr_ref (call $list.grown (local.get $n) (i32.add (local.get $n) (i32.const 1)))))
  (array.copy $arr_ref $arr_ref (local.get $d) (i32.const 0) (struct.get $list_ref $data (local.get $l)) (i32.const 0) (local.get $n))
  (array.set $arr_ref (local.get $d) (local.get $n) (local.get $v))
  (struct.new $list_ref (i32.add (local.get $n) (i32.const 1)) (i32.add (local.get $n) (i32.const 1)) (i32.const 1) (local.get $d)))

;; ---- copies: slice, concat, reverse ----

;; A new list of l's bank holding l[a, a+n) (in range); l nil gives an empty list of anys.
(func $list.copy_range (param $l (ref null $list)) (param $a i32) (param $n i32) (result (ref $list))
  (local $bank i32)
  (local $ai (ref $arr_i64))
  (local $af (ref $arr_f64))
  (local $ab (ref $arr_i8))
  (local $ar (ref $arr_ref))
  (local.set $bank (call $list.bank_or_ref (local.get $l)))
  (if (i32.eqz (local.get $n)) (then (return (call $list.new_bank (local.get $bank) (i32.const 0)))))
  (block $b3 (block $b2 (block $b1 (block $b0
    (br_table $b0 $b1 $b2 $b3 (local.get $bank)))
    (local.set $ai (array.new_default $arr_i64 (local.get $n)))
    (array.copy $arr_i64 $arr_i64 (local.get $ai) (i32.const 0) (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $l))) (local.get $a) (local.get $n))
    (return (struct.new $list_i64 (local.get $n) (local.get $n) (i32.const 1) (local.get $ai))))
    (local.set $af (array.new_default $arr_f64 (local.get $n)))
    (array.copy $arr_f64 $arr_f64 (local.get $af) (i32.const 0) (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $l))) (local.get $a) (local.get $n))
    (return (struct.new $list_f64 (local.get $n) (local.get $n) (i32.const 1) (local.get $af))))
    (local.set $ab (array.new_default $arr_i8 (local.get $n)))
    (array.copy $arr_i8 $arr_i8 (local.get $ab) (i32.const 0) (struct.get $list_bool $data (ref.cast (ref $list_bool) (local.get $l))) (local.get $a) (local.get $n))
    (return (struct.new $list_bool (local.get $n) (local.get $n) (i32.const 1) (local.get $ab))))
  (local.set $ar (array.new_default $arr_ref (local.get $n)))
  (array.copy $arr_ref $arr_ref (local.get $ar) (i32.const 0) (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $l))) (local.get $a) (local.get $n))
  (struct.new $list_ref (local.get $n) (local.get $n) (i32.const 1) (local.get $ar)))

(func $mochi_list_slice (param $l (ref null $list)) (param $a i64) (param $b i64) (result (ref $list))
  (local $n i64)
  (local.set $n (i64.extend_i32_u (call $list.len (local.get $l))))
  (if (i64.lt_s (local.get $a) (i64.const 0)) (then (local.set $a (i64.add (local.get $a) (local.get $n)))))
  (if (i64.lt_s (local.get $b) (i64.const 0)) (then (local.set $b (i64.add (local.get $b) (local.get $n)))))
  (if (i64.lt_s (local.get $a) (i64.const 0)) (then (local.set $a (i64.const 0))))
  (if (i64.gt_s (local.get $a) (local.get $n)) (then (local.set $a (local.get $n))))
  (if (i64.gt_s (local.get $b) (local.get $n)) (then (local.set $b (local.get $n))))
  (if (i64.lt_s (local.get $b) (local.get $a)) (then (local.set $b (local.get $a))))
  (call $list.copy_range (local.get $l) (i32.wrap_i64 (local.get $a)) (i32.wrap_i64 (i64.sub (local.get $b) (local.get $a)))))

(func $mochi_list_concat (param $a (ref null $list)) (param $b (ref null $list)) (result (ref $list))
  (local $na i32)
  (local $nb i32)
  (local $ka i32)
  (local $out (ref $list))
  (local $i i32)
  (local.set $na (call $list.len (local.get $a)))
  (local.set $nb (call $list.len (local.get $b)))
  (local.set $ka (if (result i32) (ref.is_null (local.get $a))
    (then (call $list.bank_or_ref (local.get $b)))
    (else (call $list.bank (ref.as_non_null (local.get $a))))))
  (if (i32.ge_u (i32.add (local.get $na) (local.get $nb)) (i32.const 0x40000000)) (then (call $list.oom)))
  (local.set $out (call $list.new_bank (local.get $ka) (i32.add (local.get $na) (local.get $nb))))
  (if (local.get $na) (then (call $list.copy_into (local.get $out) (ref.as_non_null (local.get $a)))))
  (if (local.get $nb)
    (then
      (if (i32.eq (call $list.bank (ref.as_non_null (local.get $b))) (local.get $ka))
        (then (call $list.copy_into (local.get $out) (ref.as_non_null (local.get $b))))
        (else
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $nb)))
            (call $list.push_any (local.get $out) (call $list.get_any (ref.as_non_null (local.get $b)) (local.get $i)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))))))
  (local.get $out))

;; Append all of src (same bank) to dst, which has room for them.
(func $list.copy_into (param $dst (ref $list)) (param $src (ref $list))
  (local $n i32)
  (local $m i32)
  (local.set $n (struct.get $list $len (local.get $dst)))
  (local.set $m (struct.get $list $len (local.get $src)))
  (if (ref.test (ref $list_i64) (local.get $dst))
    (then (array.copy $arr_i64 $arr_i64 (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $dst))) (local.get $n)
            (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $src))) (i32.const 0) (local.get $m)))
    (else (if (ref.test (ref $list_f64) (local.get $dst))
    (then (array.copy $arr_f64 $arr_f64 (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $dst))) (local.get $n)
            (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $src))) (i32.const 0) (local.get $m)))
    (else (if (ref.test (ref $list_bool) (local.get $dst))
    (then (array.copy $arr_i8 $arr_i8 (struct.get $list_bool $data (ref.cast (ref $list_bool) (local.get $dst))) (local.get $n)
            (struct.get $list_bool $data (ref.cast (ref $list_bool) (local.get $src))) (i32.const 0) (local.get $m)))
    (else (array.copy $arr_ref $arr_ref (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $dst))) (local.get $n)
            (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $src))) (i32.const 0) (local.get $m))))))))
  (struct.set $list $len (local.get $dst) (i32.add (local.get $n) (local.get $m)))
  (struct.set $list $wlen (local.get $dst) (i32.add (local.get $n) (local.get $m))))

(func $mochi_list_reverse (param $l (ref null $list)) (result (ref $list))
  (local $n i32)
  (local $i i32)
  (local $j i32)
  (local $out (ref $list))
  (local $ai (ref $arr_i64))
  (local $af (ref $arr_f64))
  (local $ab (ref $arr_i8))
  (local $ar (ref $arr_ref))
  (local.set $n (call $list.len (local.get $l)))
  (local.set $out (call $list.copy_range (local.get $l) (i32.const 0) (local.get $n)))
  (local.set $j (i32.sub (local.get $n) (i32.const 1)))
  (if (ref.test (ref $list_i64) (local.get $out))
    (then
      (local.set $ai (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $out))))
      (block $done (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $j)))
        (call $list.swap_i64 (local.get $ai) (local.get $i) (local.get $j))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $next)))
      (return (local.get $out))))
  ;; the other banks: rebuild from the end (rare; no need for four swap loops)
  (local.set $out (call $list.new_bank (call $list.bank (local.get $out)) (local.get $n)))
  (block $done (loop $next
    (br_if $done (i32.lt_s (local.get $j) (i32.const 0)))
    (call $list.push_any (local.get $out) (call $list.get_any (ref.as_non_null (local.get $l)) (local.get $j)))
    (local.set $j (i32.sub (local.get $j) (i32.const 1)))
    (br $next)))
  (local.get $out))

(func $list.swap_i64 (param $a (ref $arr_i64)) (param $i i32) (param $j i32)
  (local $t i64)
  (local.set $t (array.get $arr_i64 (local.get $a) (local.get $i)))
  (array.set $arr_i64 (local.get $a) (local.get $i) (array.get $arr_i64 (local.get $a) (local.get $j)))
  (array.set $arr_i64 (local.get $a) (local.get $j) (local.get $t)))

;; ---- equality, membership, hashing ----

(func $mochi_list_eq (param $a (ref null $list)) (param $b (ref null $list)) (result i32)
  (local $n i32)
  (local $i i32)
  (local $x (ref $list))
  (local $y (ref $list))
  (local $bank i32)
  (local $ai (ref $arr_i64))
  (local $bi (ref $arr_i64))
  (local $af (ref $arr_f64))
  (local $bf (ref $arr_f64))
  (local $ar (ref $arr_ref))
  (local $br (ref $arr_ref))
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (if (i32.or (ref.is_null (local.get $a)) (ref.is_null (local.get $b))) (then (return (i32.const 0))))
  (local.set $x (ref.as_non_null (local.get $a)))
  (local.set $y (ref.as_non_null (local.get $b)))
  (local.set $n (struct.get $list $len (local.get $x)))
  (if (i32.ne (local.get $n) (struct.get $list $len (local.get $y))) (then (return (i32.const 0))))
  (local.set $bank (call $list.bank (local.get $x)))
  (if (i32.eq (local.get $bank) (call $list.bank (local.get $y)))
    (then
      (if (i32.eqz (local.get $bank))
        (then
          (local.set $ai (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $x))))
          (local.set $bi (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $y))))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (if (i64.ne (array.get $arr_i64 (local.get $ai) (local.get $i)) (array.get $arr_i64 (local.get $bi) (local.get $i)))
              (then (return (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (return (i32.const 1))))
      (if (i32.eq (local.get $bank) (i32.const 1))
        (then
          (local.set $af (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $x))))
          (local.set $bf (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $y))))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (if (f64.ne (array.get $arr_f64 (local.get $af) (local.get $i)) (array.get $arr_f64 (local.get $bf) (local.get $i)))
              (then (return (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (return (i32.const 1))))
      (if (i32.eq (local.get $bank) (i32.const 3))
        (then
          (local.set $ar (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $x))))
          (local.set $br (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $y))))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (if (i32.eqz (call $mochi_any_eq (array.get $arr_ref (local.get $ar) (local.get $i)) (array.get $arr_ref (local.get $br) (local.get $i))))
              (then (return (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (return (i32.const 1))))))
  ;; bools, or two banks: compare as anys
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (if (i32.eqz (call $mochi_any_eq (call $list.get_any (local.get $x) (local.get $i)) (call $list.get_any (local.get $y) (local.get $i))))
      (then (return (i32.const 0))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (i32.const 1))

;; mochi_list_contains: v is the element boxed; compared as the list's kind compares.
(func $mochi_list_contains (param $l (ref null $list)) (param $v anyref) (result i32)
  (local $n i32)
  (local $i i32)
  (local $x i64)
  (local $f f64)
  (local $ai (ref $arr_i64))
  (local $af (ref $arr_f64))
  (local $ar (ref $arr_ref))
  (local.set $n (call $list.len (local.get $l)))
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (if (i32.and (ref.test (ref $list_i64) (local.get $l)) (call $value.is_int (local.get $v)))
    (then
      (local.set $x (call $value.int_of (local.get $v)))
      (local.set $ai (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $l))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i64.eq (array.get $arr_i64 (local.get $ai) (local.get $i)) (local.get $x)) (then (return (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (i32.const 0))))
  (if (i32.and (ref.test (ref $list_f64) (local.get $l)) (call $value.is_num (local.get $v)))
    (then
      (local.set $f (call $value.num_of (local.get $v)))
      (local.set $af (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $l))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (f64.eq (array.get $arr_f64 (local.get $af) (local.get $i)) (local.get $f)) (then (return (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (i32.const 0))))
  (if (ref.test (ref $list_ref) (local.get $l))
    (then
      (local.set $ar (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $l))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (call $mochi_any_eq (array.get $arr_ref (local.get $ar) (local.get $i)) (local.get $v)) (then (return (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (i32.const 0))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (if (call $mochi_any_eq (call $list.get_any (ref.as_non_null (local.get $l)) (local.get $i)) (local.get $v)) (then (return (i32.const 1))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (i32.const 0))

;; The hash of a list: equal lists (across banks: [1] == [1.0]) hash alike.
(func $list.hash (param $l (ref $list)) (result i32)
  (local $h i32)
  (local $n i32)
  (local $i i32)
  (local $e i32)
  (local $ai (ref $arr_i64))
  (local $af (ref $arr_f64))
  (local $ab (ref $arr_i8))
  (local $ar (ref $arr_ref))
  (local.set $h (i32.const 0x1157))
  (local.set $n (struct.get $list $len (local.get $l)))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (if (ref.test (ref $list_i64) (local.get $l))
      (then (local.set $e (call $value.hash_i64 (array.get $arr_i64 (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $l))) (local.get $i)))))
      (else (if (ref.test (ref $list_f64) (local.get $l))
        (then (local.set $e (call $value.hash_f64 (array.get $arr_f64 (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $l))) (local.get $i)))))
        (else (if (ref.test (ref $list_bool) (local.get $l))
          (then (local.set $e (call $value.hash_bool (array.get_u $arr_i8 (struct.get $list_bool $data (ref.cast (ref $list_bool) (local.get $l))) (local.get $i)))))
          (else (local.set $e (call $mochi_hash_any (array.get $arr_ref (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $l))) (local.get $i))))))))))
    (local.set $h (call $value.mix32 (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $e))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $h))

;; ---- set operations (a $map with null values as the set) ----

(func $mochi_list_distinct (param $l (ref null $list)) (result (ref $list))
  (call $mochi_list_union (local.get $l) (ref.null $list)))

(func $mochi_list_union (param $a (ref null $list)) (param $b (ref null $list)) (result (ref $list))
  (local $all (ref null $list))
  (local $n i32)
  (local $i i32)
  (local $out (ref $list))
  (local $set (ref $map))
  (local $v anyref)
  (local.set $all (if (result (ref null $list)) (ref.is_null (local.get $b))
    (then (local.get $a))
    (else (call $mochi_list_concat (local.get $a) (local.get $b)))))
  (local.set $n (call $list.len (local.get $all)))
  (local.set $out (call $list.new_bank (call $list.bank_or_ref (local.get $all)) (local.get $n)))
  (local.set $set (call $mochi_map_new (local.get $n)))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $v (call $list.get_any (ref.as_non_null (local.get $all)) (local.get $i)))
    (if (call $map.add (local.get $set) (local.get $v))
      (then (call $list.push_any (local.get $out) (local.get $v))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $out))

;; C's filter_by: b's elements converted to a's kind first (those that cannot be are
;; skipped), then a's elements kept when (in b) == keep_if_in, once each if dedupe.
(func $list.filter_by (param $a (ref null $list)) (param $b (ref null $list)) (param $keep i32) (param $dedupe i32) (result (ref $list))
  (local $na i32)
  (local $nb i32)
  (local $k i32)
  (local $i i32)
  (local $v anyref)
  (local $out (ref $list))
  (local $sb (ref $map))
  (local $seen (ref $map))
  (local.set $na (call $list.len (local.get $a)))
  (local.set $nb (call $list.len (local.get $b)))
  (local.set $k (call $list.bank_or_ref (local.get $a)))
  (local.set $out (call $list.new_bank (local.get $k) (i32.const 0)))
  (local.set $sb (call $mochi_map_new (local.get $nb)))
  (local.set $seen (call $mochi_map_new (i32.const 0)))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $nb)))
    (local.set $v (call $list.get_any (ref.as_non_null (local.get $b)) (local.get $i)))
    (block $skip
      (if (i32.eqz (local.get $k))
        (then (br_if $skip (i32.eqz (call $value.is_int (local.get $v))))))
      (if (i32.eq (local.get $k) (i32.const 1))
        (then
          (br_if $skip (i32.eqz (call $value.is_num (local.get $v))))
          (local.set $v (struct.new $box_f64 (call $value.num_of (local.get $v))))))
      (if (i32.eq (local.get $k) (i32.const 2))
        (then (br_if $skip (i32.eqz (ref.test (ref $box_bool) (local.get $v))))))
      (drop (call $map.add (local.get $sb) (local.get $v))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.set $i (i32.const 0))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $na)))
    (local.set $v (call $list.get_any (ref.as_non_null (local.get $a)) (local.get $i)))
    (if (i32.eq (call $mochi_map_has (local.get $sb) (local.get $v)) (local.get $keep))
      (then
        (if (i32.or (i32.eqz (local.get $dedupe)) (call $map.add (local.get $seen) (local.get $v)))
          (then (call $list.push_any (local.get $out) (local.get $v))))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $out))

(func $mochi_list_except (param $a (ref null $list)) (param $b (ref null $list)) (result (ref $list))
  (call $list.filter_by (local.get $a) (local.get $b) (i32.const 0) (i32.const 0)))

(func $mochi_list_intersect (param $a (ref null $list)) (param $b (ref null $list)) (result (ref $list))
  (call $list.filter_by (local.get $a) (local.get $b) (i32.const 1) (i32.const 1)))

;; ---- aggregates ----

(func $mochi_list_sum_i64 (param $l (ref null $list_i64)) (result i64)
  (local $s i64)
  (local $x i64)
  (local $r i64)
  (local $n i32)
  (local $i i32)
  (local $d (ref $arr_i64))
  (local.set $n (call $list.len (local.get $l)))
  (if (i32.eqz (local.get $n)) (then (return (i64.const 0))))
  (local.set $d (struct.get $list_i64 $data (local.get $l)))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $x (array.get $arr_i64 (local.get $d) (local.get $i)))
    (local.set $r (i64.add (local.get $s) (local.get $x)))
    ;; overflow: both operands of one sign and the sum of the other
    (if (i64.lt_s (i64.and (i64.xor (local.get $r) (local.get $s)) (i64.xor (local.get $r) (local.get $x))) (i64.const 0))
      (then (call $mochi_err_overflow_at (global.get $mochi_loc_line))))
    (local.set $s (local.get $r))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $s))

;; C's mochi_list_sum_f64 over a list of any bank.
(func $list.sum_f64 (param $l (ref null $list)) (result f64)
  (local $s f64)
  (local $n i32)
  (local $i i32)
  (local $af (ref $arr_f64))
  (local $ai (ref $arr_i64))
  (local.set $n (call $list.len (local.get $l)))
  (if (i32.eqz (local.get $n)) (then (return (f64.const 0))))
  (if (ref.test (ref $list_f64) (local.get $l))
    (then
      (local.set $af (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $l))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (f64.add (local.get $s) (array.get $arr_f64 (local.get $af) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (local.get $s))))
  (if (ref.test (ref $list_i64) (local.get $l))
    (then
      (local.set $ai (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $l))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (f64.add (local.get $s) (f64.convert_i64_s (array.get $arr_i64 (local.get $ai) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (local.get $s))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $s (f64.add (local.get $s) (call $value.to_float (call $list.get_any (ref.as_non_null (local.get $l)) (local.get $i)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $s))

(func $mochi_list_sum_f64 (param $l (ref null $list_f64)) (result f64)
  (call $list.sum_f64 (local.get $l)))

(func $mochi_list_sum_any (param $l (ref null $list)) (result anyref)
  (local $n i32)
  (local $i i32)
  (local $is i64)
  (local $fs f64)
  (local $all_int i32)
  (local $e anyref)
  (local $big i32)
  (local $flt i32)
  (local $acc anyref)
  (if (ref.test (ref $list_i64) (local.get $l))
    (then (return (call $mochi_box_i64 (call $mochi_list_sum_i64 (ref.cast (ref $list_i64) (local.get $l)))))))
  (if (ref.test (ref $list_f64) (local.get $l))
    (then (return (struct.new $box_f64 (call $list.sum_f64 (local.get $l))))))
  (local.set $n (call $list.len (local.get $l)))
  ;; BEGIN exact
  ;; bigints and bigrats and no float: an exact sum (int < bigint < bigrat), as in C
  (if (ref.test (ref $list_ref) (local.get $l))
    (then
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $e (call $list.get_any (ref.as_non_null (local.get $l)) (local.get $i)))
        (local.set $big (i32.or (local.get $big) (call $value.is_big (local.get $e))))
        (local.set $flt (i32.or (local.get $flt) (ref.test (ref $box_f64) (local.get $e))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (if (i32.and (local.get $big) (i32.eqz (local.get $flt)))
        (then
          (local.set $acc (call $mochi_box_i64 (i64.const 0)))
          (local.set $i (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $e (call $list.get_any (ref.as_non_null (local.get $l)) (local.get $i)))
            (local.set $acc (call $mochi_num_any_arith (i32.const 0) (local.get $acc) (local.get $e)))
            ;; not a number: the error the float sum below gives
            (if (ref.is_null (local.get $acc)) (then (drop (call $value.to_float (local.get $e)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (return (local.get $acc))))
      (local.set $i (i32.const 0))))
  ;; END exact
  (local.set $all_int (i32.const 1))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $e (call $list.get_any (ref.as_non_null (local.get $l)) (local.get $i)))
    (if (i32.and (call $value.is_int (local.get $e)) (local.get $all_int))
      (then (local.set $is (call $value.add_i64 (local.get $is) (call $value.int_of (local.get $e)))))
      (else
        (if (local.get $all_int) (then (local.set $fs (f64.convert_i64_s (local.get $is)))))
        (local.set $all_int (i32.const 0))
        (local.set $fs (f64.add (local.get $fs) (call $value.to_float (local.get $e))))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (if (result anyref) (local.get $all_int)
    (then (call $mochi_box_i64 (local.get $is)))
    (else (struct.new $box_f64 (local.get $fs)))))

(func $mochi_list_avg (param $l (ref null $list)) (result f64)
  (local $n i32)
  (local.set $n (call $list.len (local.get $l)))
  (if (i32.eqz (local.get $n)) (then (return (f64.const 0))))
  (f64.div (call $list.sum_f64 (local.get $l)) (f64.convert_i32_u (local.get $n))))

;; C's extreme: the first element beaten by none (want -1 min, 1 max); nil when empty.
(func $list.extreme (param $l (ref null $list)) (param $want i32) (result anyref)
  (local $n i32)
  (local $i i32)
  (local $c i32)
  (local $bi i64)
  (local $x i64)
  (local $bf f64)
  (local $f f64)
  (local $best anyref)
  (local $e anyref)
  (local $ai (ref $arr_i64))
  (local $af (ref $arr_f64))
  (local.set $n (call $list.len (local.get $l)))
  (if (i32.eqz (local.get $n)) (then (return (ref.null none))))
  (if (ref.test (ref $list_i64) (local.get $l))
    (then
      (local.set $ai (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $l))))
      (local.set $bi (array.get $arr_i64 (local.get $ai) (i32.const 0)))
      (local.set $i (i32.const 1))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (array.get $arr_i64 (local.get $ai) (local.get $i)))
        (if (select (i64.lt_s (local.get $x) (local.get $bi)) (i64.gt_s (local.get $x) (local.get $bi)) (i32.lt_s (local.get $want) (i32.const 0)))
          (then (local.set $bi (local.get $x))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (call $mochi_box_i64 (local.get $bi)))))
  (if (ref.test (ref $list_f64) (local.get $l))
    (then
      (local.set $af (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $l))))
      (local.set $bf (array.get $arr_f64 (local.get $af) (i32.const 0)))
      (local.set $i (i32.const 1))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $f (array.get $arr_f64 (local.get $af) (local.get $i)))
        (if (select (f64.lt (local.get $f) (local.get $bf)) (f64.gt (local.get $f) (local.get $bf)) (i32.lt_s (local.get $want) (i32.const 0)))
          (then (local.set $bf (local.get $f))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (struct.new $box_f64 (local.get $bf)))))
  ;; bools and anys: mochi_slot_cmp through the boxes (bools compare 0 < 1)
  (local.set $best (call $list.get_any (ref.as_non_null (local.get $l)) (i32.const 0)))
  (local.set $i (i32.const 1))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $e (call $list.get_any (ref.as_non_null (local.get $l)) (local.get $i)))
    (local.set $c (call $mochi_any_cmp (local.get $e) (local.get $best)))
    (if (i32.or (i32.and (i32.lt_s (local.get $want) (i32.const 0)) (i32.lt_s (local.get $c) (i32.const 0)))
                (i32.and (i32.gt_s (local.get $want) (i32.const 0)) (i32.gt_s (local.get $c) (i32.const 0))))
      (then (local.set $best (local.get $e))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $best))

(func $mochi_list_min (param $l (ref null $list)) (result anyref)
  (call $list.extreme (local.get $l) (i32.const -1)))

(func $mochi_list_max (param $l (ref null $list)) (result anyref)
  (call $list.extreme (local.get $l) (i32.const 1)))

;; ---- ranges ----

(func $mochi_range3 (param $a i64) (param $b i64) (param $step i64) (result (ref $list_i64))
  (local $cnt i64)
  (local $n i32)
  (local $i i32)
  (local $v i64)
  (local $d (ref $arr_i64))
  (if (i64.eqz (local.get $step))
    (then
      (call $mochi_rt_error (call $value.ascii (array.new_data $bytes $list.d.range_step (i32.const 0) (i32.const 25))))
      (unreachable)))
  ;; the count of a, a+step, ... strictly before b (no value overflows: C stops there)
  (if (i64.gt_s (local.get $step) (i64.const 0))
    (then
      (if (i64.lt_s (local.get $a) (local.get $b))
        (then (local.set $cnt (i64.add (i64.div_u (i64.sub (i64.sub (local.get $b) (local.get $a)) (i64.const 1)) (local.get $step)) (i64.const 1))))))
    (else
      (if (i64.gt_s (local.get $a) (local.get $b))
        (then (local.set $cnt (i64.add (i64.div_u (i64.sub (i64.sub (local.get $a) (local.get $b)) (i64.const 1))
                                                  (i64.sub (i64.const 0) (local.get $step))) (i64.const 1)))))))
  (if (i64.gt_u (local.get $cnt) (i64.const 0x40000000)) (then (call $list.oom)))
  (local.set $n (i32.wrap_i64 (local.get $cnt)))
  (local.set $d (array.new_default $arr_i64 (local.get $n)))
  (local.set $v (local.get $a))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (array.set $arr_i64 (local.get $d) (local.get $i) (local.get $v))
    (local.set $v (i64.add (local.get $v) (local.get $step)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (struct.new $list_i64 (local.get $n) (local.get $n) (i32.const 1) (local.get $d)))

;; ---- sorting ----
;;
;; `$sort.msort` is C's merge_sort over a permutation (idx[lo, lo+n)), comparing
;; through `$sort.cmp`, whose key arrays and mode are globals set just before a sort
;; (nothing a sort calls can start another one). Modes:
;;   0  ints: ki signed
;;   1  C's SortKey: kc = class*2 + is_int (class 0 nil, 1 number, 2 bool, 3 text),
;;      ki the int (or bool), kf the number, kt the text ($str)
;;   2  ints in decimal text order (map keys): kc = (non-negative << 5) | digits, ki
;;      the magnitude's digits padded with zeros to 19 digits (unsigned)
;;   3  texts (kt, bytewise), then kc (rank)
;;   4  floats: kf (NaN compares equal to everything, as in C)

(global $sort.mode (mut i32) (i32.const 0))
(global $sort.ki (mut (ref null $arr_i64)) (ref.null $arr_i64))
(global $sort.kf (mut (ref null $arr_f64)) (ref.null $arr_f64))
(global $sort.kc (mut (ref null $arr_i32)) (ref.null $arr_i32))
(global $sort.kt (mut (ref null $arr_ref)) (ref.null $arr_ref))

(func $sort.cmp (param $a i32) (param $b i32) (result i32)
  (local $ca i32)
  (local $cb i32)
  (local $x i64)
  (local $y i64)
  (local $f f64)
  (local $g f64)
  (local $ba anyref)
  (local $bb anyref)
  (block $m4 (block $m3 (block $m2 (block $m1 (block $m0
    (br_table $m0 $m1 $m2 $m3 $m4 (global.get $sort.mode)))
    (local.set $x (array.get $arr_i64 (global.get $sort.ki) (local.get $a)))
    (local.set $y (array.get $arr_i64 (global.get $sort.ki) (local.get $b)))
    (return (select (i32.const -1) (i64.gt_s (local.get $x) (local.get $y)) (i64.lt_s (local.get $x) (local.get $y)))))
    ;; mode 1
    (local.set $ca (array.get $arr_i32 (global.get $sort.kc) (local.get $a)))
    (local.set $cb (array.get $arr_i32 (global.get $sort.kc) (local.get $b)))
    (if (i32.ne (i32.shr_u (local.get $ca) (i32.const 1)) (i32.shr_u (local.get $cb) (i32.const 1)))
      (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $ca) (local.get $cb))))))
    (if (i32.or (i32.eq (i32.shr_u (local.get $ca) (i32.const 1)) (i32.const 2))
                (i32.and (i32.and (local.get $ca) (local.get $cb)) (i32.const 1)))
      (then
        ;; bools, or two ints
        (local.set $x (array.get $arr_i64 (global.get $sort.ki) (local.get $a)))
        (local.set $y (array.get $arr_i64 (global.get $sort.ki) (local.get $b)))
        (return (select (i32.const -1) (i64.gt_s (local.get $x) (local.get $y)) (i64.lt_s (local.get $x) (local.get $y))))))
    (if (i32.eq (i32.shr_u (local.get $ca) (i32.const 1)) (i32.const 1))
      (then
        ;; BEGIN exact
        ;; an exact number against an int or another exact number: exactly (C's key_cmp)
        (local.set $ba (array.get $arr_ref (global.get $sort.kt) (local.get $a)))
        (local.set $bb (array.get $arr_ref (global.get $sort.kt) (local.get $b)))
        (if (i32.and (i32.eqz (i32.and (ref.is_null (local.get $ba)) (ref.is_null (local.get $bb))))
                     (i32.and (i32.or (i32.eqz (ref.is_null (local.get $ba))) (i32.and (local.get $ca) (i32.const 1)))
                              (i32.or (i32.eqz (ref.is_null (local.get $bb))) (i32.and (local.get $cb) (i32.const 1)))))
          (then
            (if (ref.is_null (local.get $ba))
              (then (local.set $ba (call $mochi_box_i64 (array.get $arr_i64 (global.get $sort.ki) (local.get $a))))))
            (if (ref.is_null (local.get $bb))
              (then (local.set $bb (call $mochi_box_i64 (array.get $arr_i64 (global.get $sort.ki) (local.get $b))))))
            (return (call $mochi_num_any_cmp (local.get $ba) (local.get $bb)))))
        ;; END exact
        (local.set $f (array.get $arr_f64 (global.get $sort.kf) (local.get $a)))
        (local.set $g (array.get $arr_f64 (global.get $sort.kf) (local.get $b)))
        (return (select (i32.const -1) (f64.gt (local.get $f) (local.get $g)) (f64.lt (local.get $f) (local.get $g))))))
    (if (i32.eq (i32.shr_u (local.get $ca) (i32.const 1)) (i32.const 3))
      (then
        (return (call $value.bytes_cmp
          (struct.get $str $b (ref.cast (ref $str) (array.get $arr_ref (global.get $sort.kt) (local.get $a))))
          (struct.get $str $b (ref.cast (ref $str) (array.get $arr_ref (global.get $sort.kt) (local.get $b))))))))
    (return (i32.const 0)))
    ;; mode 2
    (local.set $ca (array.get $arr_i32 (global.get $sort.kc) (local.get $a)))
    (local.set $cb (array.get $arr_i32 (global.get $sort.kc) (local.get $b)))
    (if (i32.ne (i32.shr_u (local.get $ca) (i32.const 5)) (i32.shr_u (local.get $cb) (i32.const 5)))
      (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $ca) (local.get $cb))))))
    (local.set $x (array.get $arr_i64 (global.get $sort.ki) (local.get $a)))
    (local.set $y (array.get $arr_i64 (global.get $sort.ki) (local.get $b)))
    (if (i64.ne (local.get $x) (local.get $y))
      (then (return (select (i32.const -1) (i32.const 1) (i64.lt_u (local.get $x) (local.get $y))))))
    (return (select (i32.const -1) (i32.gt_u (local.get $ca) (local.get $cb)) (i32.lt_u (local.get $ca) (local.get $cb)))))
    ;; mode 3
    (local.set $ca (call $value.bytes_cmp
      (struct.get $str $b (ref.cast (ref $str) (array.get $arr_ref (global.get $sort.kt) (local.get $a))))
      (struct.get $str $b (ref.cast (ref $str) (array.get $arr_ref (global.get $sort.kt) (local.get $b))))))
    (if (local.get $ca) (then (return (local.get $ca))))
    (local.set $ca (array.get $arr_i32 (global.get $sort.kc) (local.get $a)))
    (local.set $cb (array.get $arr_i32 (global.get $sort.kc) (local.get $b)))
    (return (select (i32.const -1) (i32.gt_s (local.get $ca) (local.get $cb)) (i32.lt_s (local.get $ca) (local.get $cb)))))
  ;; mode 4
  (local.set $f (array.get $arr_f64 (global.get $sort.kf) (local.get $a)))
  (local.set $g (array.get $arr_f64 (global.get $sort.kf) (local.get $b)))
  (select (i32.const -1) (f64.gt (local.get $f) (local.get $g)) (f64.lt (local.get $f) (local.get $g))))

;; C's merge_sort(idx + lo, tmp, n): insertion sort up to 12, else halves and a merge
;; that takes the right element only when it is strictly smaller.
(func $sort.msort (param $idx (ref $arr_i32)) (param $tmp (ref $arr_i32)) (param $lo i32) (param $n i32)
  (local $i i32)
  (local $j i32)
  (local $k i32)
  (local $v i32)
  (local $h i32)
  (if (i32.lt_s (local.get $n) (i32.const 2)) (then (return)))
  (if (i32.le_s (local.get $n) (i32.const 12))
    (then
      (local.set $i (i32.const 1))
      (block $done (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $v (array.get $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $i))))
        (local.set $j (local.get $i))
        (block $placed (loop $shift
          (br_if $placed (i32.eqz (local.get $j)))
          (br_if $placed (i32.le_s (call $sort.cmp (array.get $arr_i32 (local.get $idx) (i32.sub (i32.add (local.get $lo) (local.get $j)) (i32.const 1))) (local.get $v)) (i32.const 0)))
          (array.set $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $j))
            (array.get $arr_i32 (local.get $idx) (i32.sub (i32.add (local.get $lo) (local.get $j)) (i32.const 1))))
          (local.set $j (i32.sub (local.get $j) (i32.const 1)))
          (br $shift)))
        (array.set $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $j)) (local.get $v))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return)))
  (local.set $h (i32.shr_u (local.get $n) (i32.const 1)))
  (call $sort.msort (local.get $idx) (local.get $tmp) (local.get $lo) (local.get $h))
  (call $sort.msort (local.get $idx) (local.get $tmp) (i32.add (local.get $lo) (local.get $h)) (i32.sub (local.get $n) (local.get $h)))
  (local.set $i (i32.const 0))
  (local.set $j (local.get $h))
  (block $done (loop $next
    (br_if $done (i32.or (i32.ge_s (local.get $i) (local.get $h)) (i32.ge_s (local.get $j) (local.get $n))))
    (if (i32.lt_s (call $sort.cmp (array.get $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $j)))
                                  (array.get $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $i)))) (i32.const 0))
      (then
        (array.set $arr_i32 (local.get $tmp) (local.get $k) (array.get $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $j))))
        (local.set $j (i32.add (local.get $j) (i32.const 1))))
      (else
        (array.set $arr_i32 (local.get $tmp) (local.get $k) (array.get $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (br $next)))
  ;; the rest of the left run; the rest of the right run is already in place
  (array.copy $arr_i32 $arr_i32 (local.get $tmp) (local.get $k) (local.get $idx) (i32.add (local.get $lo) (local.get $i)) (i32.sub (local.get $h) (local.get $i)))
  (local.set $k (i32.add (local.get $k) (i32.sub (local.get $h) (local.get $i))))
  (array.copy $arr_i32 $arr_i32 (local.get $idx) (local.get $lo) (local.get $tmp) (i32.const 0) (local.get $k)))

;; The same sort for int keys (a total order: a run already in order skips its merge).
(func $sort.msort_i64 (param $idx (ref $arr_i32)) (param $tmp (ref $arr_i32)) (param $lo i32) (param $n i32) (param $key (ref $arr_i64))
  (local $i i32)
  (local $j i32)
  (local $k i32)
  (local $v i32)
  (local $kv i64)
  (local $h i32)
  (local $x i32)
  (local $y i32)
  (if (i32.lt_s (local.get $n) (i32.const 2)) (then (return)))
  (if (i32.le_s (local.get $n) (i32.const 12))
    (then
      (local.set $i (i32.const 1))
      (block $done (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $v (array.get $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $i))))
        (local.set $kv (array.get $arr_i64 (local.get $key) (local.get $v)))
        (local.set $j (local.get $i))
        (block $placed (loop $shift
          (br_if $placed (i32.eqz (local.get $j)))
          (local.set $x (array.get $arr_i32 (local.get $idx) (i32.sub (i32.add (local.get $lo) (local.get $j)) (i32.const 1))))
          (br_if $placed (i64.le_s (array.get $arr_i64 (local.get $key) (local.get $x)) (local.get $kv)))
          (array.set $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $j)) (local.get $x))
          (local.set $j (i32.sub (local.get $j) (i32.const 1)))
          (br $shift)))
        (array.set $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $j)) (local.get $v))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return)))
  (local.set $h (i32.shr_u (local.get $n) (i32.const 1)))
  (call $sort.msort_i64 (local.get $idx) (local.get $tmp) (local.get $lo) (local.get $h) (local.get $key))
  (call $sort.msort_i64 (local.get $idx) (local.get $tmp) (i32.add (local.get $lo) (local.get $h)) (i32.sub (local.get $n) (local.get $h)) (local.get $key))
  (if (i64.le_s (array.get $arr_i64 (local.get $key) (array.get $arr_i32 (local.get $idx) (i32.sub (i32.add (local.get $lo) (local.get $h)) (i32.const 1))))
                (array.get $arr_i64 (local.get $key) (array.get $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $h)))))
    (then (return)))
  (local.set $j (local.get $h))
  (block $done (loop $next
    (br_if $done (i32.or (i32.ge_s (local.get $i) (local.get $h)) (i32.ge_s (local.get $j) (local.get $n))))
    (local.set $x (array.get $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $i))))
    (local.set $y (array.get $arr_i32 (local.get $idx) (i32.add (local.get $lo) (local.get $j))))
    (if (i64.lt_s (array.get $arr_i64 (local.get $key) (local.get $y)) (array.get $arr_i64 (local.get $key) (local.get $x)))
      (then
        (array.set $arr_i32 (local.get $tmp) (local.get $k) (local.get $y))
        (local.set $j (i32.add (local.get $j) (i32.const 1))))
      (else
        (array.set $arr_i32 (local.get $tmp) (local.get $k) (local.get $x))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (br $next)))
  (array.copy $arr_i32 $arr_i32 (local.get $tmp) (local.get $k) (local.get $idx) (i32.add (local.get $lo) (local.get $i)) (i32.sub (local.get $h) (local.get $i)))
  (local.set $k (i32.add (local.get $k) (i32.sub (local.get $h) (local.get $i))))
  (array.copy $arr_i32 $arr_i32 (local.get $idx) (local.get $lo) (local.get $tmp) (i32.const 0) (local.get $k)))

;; The identity permutation of n.
(func $sort.iota (param $n i32) (result (ref $arr_i32))
  (local $a (ref $arr_i32))
  (local $i i32)
  (local.set $a (array.new_default $arr_i32 (local.get $n)))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (array.set $arr_i32 (local.get $a) (local.get $i) (local.get $i))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $a))

;; Runs the generic sort with the key globals set, then drops them.
(func $sort.run (param $idx (ref $arr_i32)) (param $mode i32)
  (local $n i32)
  (local.set $n (array.len (local.get $idx)))
  (global.set $sort.mode (local.get $mode))
  (call $sort.msort (local.get $idx) (array.new_default $arr_i32 (local.get $n)) (i32.const 0) (local.get $n))
  (global.set $sort.ki (ref.null $arr_i64))
  (global.set $sort.kf (ref.null $arr_f64))
  (global.set $sort.kc (ref.null $arr_i32))
  (global.set $sort.kt (ref.null $arr_ref)))

(func $mochi_list_sort_by (param $l (ref null $list)) (param $keys (ref null $list)) (result (ref $list))
  (local $n i32)
  (local $i i32)
  (local $idx (ref $arr_i32))
  (local $kb i32)
  (local $kc (ref $arr_i32))
  (local $ki (ref $arr_i64))
  (local $kf (ref $arr_f64))
  (local $kt (ref $arr_ref))
  (local $ab (ref $arr_i8))
  (local $v anyref)
  (local $mark i32)
  (local.set $n (call $list.len (local.get $l)))
  (if (i32.lt_u (call $list.len (local.get $keys)) (local.get $n))
    (then
      (call $mochi_rt_error (call $value.ascii (array.new_data $bytes $list.d.sort_keys (i32.const 0) (i32.const 31))))
      (unreachable)))
  (if (i32.eqz (local.get $n)) (then (return (call $list.copy_range (local.get $l) (i32.const 0) (i32.const 0)))))
  (local.set $idx (call $sort.iota (local.get $n)))
  (local.set $kb (call $list.bank (ref.as_non_null (local.get $keys))))
  (if (i32.eqz (local.get $kb))
    (then
      (call $sort.msort_i64 (local.get $idx) (array.new_default $arr_i32 (local.get $n)) (i32.const 0) (local.get $n)
        (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $keys))))
      (return (call $list.permute (ref.as_non_null (local.get $l)) (local.get $idx)))))
  (if (i32.eq (local.get $kb) (i32.const 1))
    (then
      (global.set $sort.kf (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $keys))))
      (call $sort.run (local.get $idx) (i32.const 4))
      (return (call $list.permute (ref.as_non_null (local.get $l)) (local.get $idx)))))
  ;; bools and anys: C's SortKey classes
  (local.set $kc (array.new_default $arr_i32 (local.get $n)))
  (local.set $ki (array.new_default $arr_i64 (local.get $n)))
  (local.set $kf (array.new_default $arr_f64 (local.get $n)))
  (local.set $kt (array.new_default $arr_ref (local.get $n)))
  (if (i32.eq (local.get $kb) (i32.const 2))
    (then
      (local.set $ab (struct.get $list_bool $data (ref.cast (ref $list_bool) (local.get $keys))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (array.set $arr_i32 (local.get $kc) (local.get $i) (i32.const 4))
        (array.set $arr_i64 (local.get $ki) (local.get $i) (i64.extend_i32_u (array.get_u $arr_i8 (local.get $ab) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
    (else
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $v (array.get $arr_ref (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $keys))) (local.get $i)))
        (block $set
          (if (ref.is_null (local.get $v)) (then (br $set)))
          (if (call $value.is_int (local.get $v))
            (then
              (array.set $arr_i32 (local.get $kc) (local.get $i) (i32.const 3))
              (array.set $arr_i64 (local.get $ki) (local.get $i) (call $value.int_of (local.get $v)))
              (array.set $arr_f64 (local.get $kf) (local.get $i) (f64.convert_i64_s (call $value.int_of (local.get $v))))
              (br $set)))
          ;; BEGIN exact
          ;; an exact number: a number key whose float is kf and whose value is kept in
          ;; kt (text keys only use kt), so $sort.cmp compares it exactly with ints and
          ;; other exact numbers (C's SortKey.big)
          (if (call $value.is_big (local.get $v))
            (then
              (array.set $arr_i32 (local.get $kc) (local.get $i) (i32.const 2))
              (array.set $arr_f64 (local.get $kf) (local.get $i) (call $value.to_float (local.get $v)))
              (array.set $arr_ref (local.get $kt) (local.get $i) (local.get $v))
              (br $set)))
          ;; END exact
          (if (ref.test (ref $box_f64) (local.get $v))
            (then
              (array.set $arr_i32 (local.get $kc) (local.get $i) (i32.const 2))
              (array.set $arr_f64 (local.get $kf) (local.get $i) (call $value.num_of (local.get $v)))
              (br $set)))
          (if (ref.test (ref $box_bool) (local.get $v))
            (then
              (array.set $arr_i32 (local.get $kc) (local.get $i) (i32.const 4))
              (array.set $arr_i64 (local.get $ki) (local.get $i) (i64.extend_i32_u (call $value.bool_of (local.get $v))))
              (br $set)))
          (array.set $arr_i32 (local.get $kc) (local.get $i) (i32.const 6))
          (if (ref.test (ref $str) (local.get $v))
            (then (array.set $arr_ref (local.get $kt) (local.get $i) (local.get $v)))
            (else
              (local.set $mark (global.get $value.blen))
              (call $value.fmt (local.get $v) (i32.const 2) (i32.const 0))
              (array.set $arr_ref (local.get $kt) (local.get $i) (call $value.take (local.get $mark))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))))
  (global.set $sort.kc (local.get $kc))
  (global.set $sort.ki (local.get $ki))
  (global.set $sort.kf (local.get $kf))
  (global.set $sort.kt (local.get $kt))
  (call $sort.run (local.get $idx) (i32.const 1))
  (call $list.permute (ref.as_non_null (local.get $l)) (local.get $idx)))

;; A new list of l's bank: out[i] = l[idx[i]].
(func $list.permute (param $l (ref $list)) (param $idx (ref $arr_i32)) (result (ref $list))
  (local $n i32)
  (local $i i32)
  (local $si (ref $arr_i64))
  (local $di (ref $arr_i64))
  (local $sf (ref $arr_f64))
  (local $df (ref $arr_f64))
  (local $sb (ref $arr_i8))
  (local $db (ref $arr_i8))
  (local $sr (ref $arr_ref))
  (local $dr (ref $arr_ref))
  (local.set $n (array.len (local.get $idx)))
  (if (ref.test (ref $list_i64) (local.get $l))
    (then
      (local.set $si (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $l))))
      (local.set $di (array.new_default $arr_i64 (local.get $n)))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (array.set $arr_i64 (local.get $di) (local.get $i) (array.get $arr_i64 (local.get $si) (array.get $arr_i32 (local.get $idx) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (struct.new $list_i64 (local.get $n) (local.get $n) (i32.const 1) (local.get $di)))))
  (if (ref.test (ref $list_f64) (local.get $l))
    (then
      (local.set $sf (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $l))))
      (local.set $df (array.new_default $arr_f64 (local.get $n)))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (array.set $arr_f64 (local.get $df) (local.get $i) (array.get $arr_f64 (local.get $sf) (array.get $arr_i32 (local.get $idx) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (struct.new $list_f64 (local.get $n) (local.get $n) (i32.const 1) (local.get $df)))))
  (if (ref.test (ref $list_bool) (local.get $l))
    (then
      (local.set $sb (struct.get $list_bool $data (ref.cast (ref $list_bool) (local.get $l))))
      (local.set $db (array.new_default $arr_i8 (local.get $n)))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (array.set $arr_i8 (local.get $db) (local.get $i) (array.get_u $arr_i8 (local.get $sb) (array.get $arr_i32 (local.get $idx) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (struct.new $list_bool (local.get $n) (local.get $n) (i32.const 1) (local.get $db)))))
  (local.set $sr (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $l))))
  (local.set $dr (array.new_default $arr_ref (local.get $n)))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (array.set $arr_ref (local.get $dr) (local.get $i) (array.get $arr_ref (local.get $sr) (array.get $arr_i32 (local.get $idx) (local.get $i))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (struct.new $list_ref (local.get $n) (local.get $n) (i32.const 1) (local.get $dr)))
