;; map.wat: hash maps with sorted iteration, mirroring mochi_map.c (docs/WASM.md,
;; "map.wat"). Keys and values are anys; equality and hashing are value.wat's
;; ($mochi_any_eq, $mochi_hash_any: 1 and 1.0 are one key, as in C).
;;
;; The layout (in types.wat's group; only the runtime touches the fields):
;;
;;   (type $map (struct
;;     (field $len (mut i32))                   ;; live entries
;;     (field $kv (mut (ref $arr_ref)))         ;; entries, dense: key e at 2e, value at 2e+1
;;     (field $tab (mut (ref $arr_i64)))        ;; open addressing, linear probing, size 0 or 2^k:
;;                                              ;;   0 empty, 1 deleted, else (hash << 32) | (e + 2),
;;                                              ;;   with bit 31 set when the key is an i31 int
;;     (field $tombs (mut i32))                 ;; deleted slots in $tab
;;     (field $order (mut (ref null $arr_i32))) ;; entry numbers in sorted key order; null: stale
;;     (field $ckey (mut eqref))                ;; the last key looked up ...
;;     (field $cpos (mut i32))                  ;; ... its slot (>= 0); absent: -(insert slot) - 2;
;;                                              ;;   -1: nothing cached
;;     (field $caux (mut i32))                  ;; ... and its entry while $cpos >= 0, else
;;                                              ;;   its hash (what insert needs)
;;     (field $ti (mut (ref null $arr_i64)))    ;; a typed map<int, int>'s entries, unboxed
;;                                              ;;   (key e at 2e, value at 2e+1); null: boxed
;;     (field $cki (mut i64))))                 ;; a typed map's cached key
;;                                              ;;   (see "typed int maps" below)
;;
;; As in C: entries stay dense (a deletion moves the last entry into the hole), so
;; keys(), values() and printing walk an array; a table slot holds the whole 32-bit
;; hash, so a probe reads an entry only when the hashes agree, and a rebuild re-places
;; slots without hashing any key again; an i31 key's hash is a bijection of its value
;; ($value.hash_i64), so an i31 key whose hash agrees with an i31 slot's (bit 31) is
;; that slot's key, found without reading the entry; live and deleted slots stay under 3/4 of the
;; table. The last key looked up is remembered by identity (an i31 int key is the
;; same reference as any other i31 of its value, a string key the same object the
;; program passes again; a boxed big int by value), so `if k in m { m[k] = m[k] + 1 }`
;; probes once, not three times: get and set are only that cached-key test, and has
;; of an int key ($map.has_i31, $map.has_i64) a probe with the hash inline; all three
;; reach their slow half through a constant function reference ($map.g_*), which
;; Wasmtime's inliner leaves alone, so the fast paths inline into the program's loop
;; without pulling insert or the general probe (and their saved registers) in. Int
;; keys hash with two multiplies and compare by ref.eq or by value, string keys hash
;; their bytes once per operation.
;;
;; Every observable order (keys(), values(), printing, iteration) is the sorted key
;; order of LANGUAGE.md §10: keys compare bytewise by their text (decimal for ints,
;; the bytes for strings, str() for anything else), ties by C's rank (strings before
;; other kinds) and then entry number. The order is computed on first use and cached
;; in $order until a key is added or removed, so updating values keeps it. A map of
;; int keys sorts without making any text (see $map.order).

(global $map.empty_kv (ref $arr_ref) (array.new_fixed $arr_ref 0))
(global $map.empty_tab (ref $arr_i64) (array.new_fixed $arr_i64 0))

;; The slow halves of get, set and has are called through constant function
;; references, never by a direct call: Wasmtime's Cranelift (run with -C inlining=y,
;; scripts/mochi-wasm-exec) inlines direct callees, and the slow half (insert's array
;; growth, the general probe) inlined into a fast path made every cached-key get or
;; set save five callee-saved registers; an indirect call is never inlined (as the
;; emitter's cold error calls, EmitWasm.swift's coldCallee). Each type is a recursion
;; group of its own, so it is the callee's own type.
(type $map.t_get (func (param (ref null $map)) (param anyref) (result anyref)))
(type $map.t_set (func (param (ref null $map)) (param anyref) (param anyref)))
(type $map.t_insert (func (param (ref $map)) (param anyref) (param anyref)))
(type $map.t_has (func (param (ref $map)) (param anyref) (result i32)))
(global $map.g_get_slow (ref $map.t_get) (ref.func $map.get_slow))
(global $map.g_set_slow (ref $map.t_set) (ref.func $map.set_slow))
(global $map.g_insert (ref $map.t_insert) (ref.func $map.insert))
(global $map.g_has_slow (ref $map.t_has) (ref.func $map.has_slow))
(type $map.t_grow (func (param (ref $map)) (result (ref $arr_ref))))
(type $map.t_regrow (func (param (ref $map)) (param i64)))
(global $map.g_grow_kv (ref $map.t_grow) (ref.func $map.grow_kv))
(global $map.g_regrow (ref $map.t_regrow) (ref.func $map.regrow))

(data $map.d.nil "assignment to a nil map")

;; A table size (power of two, at least 8) with room for n entries under 3/4.
(func $map.tcap_for (param $n i32) (result i32)
  (local $tc i32)
  (local.set $tc (i32.const 8))
  (block $done (loop $next
    (br_if $done (i32.le_u (i32.mul (local.get $n) (i32.const 4)) (i32.mul (local.get $tc) (i32.const 3))))
    (local.set $tc (i32.shl (local.get $tc) (i32.const 1)))
    (br $next)))
  (local.get $tc))

(func $mochi_map_new (param $cap i32) (result (ref $map))
  (if (i32.le_s (local.get $cap) (i32.const 0))
    (then
      (return (struct.new $map (i32.const 0) (global.get $map.empty_kv) (global.get $map.empty_tab)
        (i32.const 0) (ref.null $arr_i32) (ref.null eq) (i32.const -1) (i32.const 0) (ref.null $arr_i64) (i64.const 0)))))
  (if (i32.gt_u (local.get $cap) (i32.const 0x10000000)) (then (call $list.oom)))
  (struct.new $map (i32.const 0)
    (array.new_default $arr_ref (i32.shl (local.get $cap) (i32.const 1)))
    (array.new_default $arr_i64 (call $map.tcap_for (local.get $cap)))
    (i32.const 0) (ref.null $arr_i32) (ref.null eq) (i32.const -1) (i32.const 0) (ref.null $arr_i64) (i64.const 0)))

;; Key equality: identity first (equal i31 ints are identical), then strings by bytes,
;; then $mochi_any_eq.
(func $map.key_eq (param $a anyref) (param $b eqref) (result i32)
  (if (ref.eq (ref.cast eqref (local.get $a)) (local.get $b)) (then (return (i32.const 1))))
  (if (i32.and (ref.test (ref $box_i64) (local.get $a)) (ref.test (ref $box_i64) (local.get $b)))
    (then (return (i64.eq (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $a)))
                          (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $b)))))))
  (if (ref.test (ref $str) (local.get $a))
    (then
      (if (ref.test (ref $str) (local.get $b))
        (then (return (call $value.str_eq (ref.cast (ref $str) (local.get $a)) (ref.cast (ref $str) (local.get $b))))))))
  (if (i32.and (ref.test (ref i31) (local.get $a)) (ref.test (ref i31) (local.get $b))) (then (return (i32.const 0))))
  (call $mochi_any_eq (local.get $a) (local.get $b)))

;; The table slot holding key, or -1. Either way m's cache describes key afterwards:
;; $cpos is the slot, or -(the slot to insert at) - 2, or -1 when the table is empty;
;; $caux is key's entry, or its hash while it is absent. (get and set test the cache
;; themselves first: a call less on `m[k] = m[k] + 1`; has goes straight to
;; $map.probe.) The cache holds key when its key is the same reference (any i31 int,
;; a string the program passes again) or an int of the same value (a big int key
;; boxed again).
(func $map.lookup (param $m (ref $map)) (param $key anyref) (result i32)
  (local $ek eqref)
  (local $ck eqref)
  (local $c i32)
  (local.set $ek (ref.cast eqref (local.get $key)))
  ;; the cache first (inline: every lookup that misses it is a call less)
  (local.set $c (struct.get $map $cpos (local.get $m)))
  (if (i32.ne (local.get $c) (i32.const -1))
    (then
      (local.set $ck (struct.get $map $ckey (local.get $m)))
      (if (if (result i32) (ref.eq (local.get $ck) (local.get $ek))
            (then (i32.const 1))
            (else
              (if (result i32) (i32.and (ref.test (ref $box_i64) (local.get $key)) (ref.test (ref $box_i64) (local.get $ck)))
                (then (i64.eq (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $key)))
                              (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $ck)))))
                (else (i32.const 0)))))
        (then (return (select (local.get $c) (i32.const -1) (i32.ge_s (local.get $c) (i32.const 0))))))))
  (return_call $map.probe (local.get $m) (local.get $key)))

;; $map.lookup without the cache test: hashes key and probes the table, leaving the
;; cache describing key. For a caller whose key rarely is the cached one (has: a key
;; is usually tested once, before get or set use the cache).
(func $map.probe (param $m (ref $map)) (param $key anyref) (result i32)
  (local $ek eqref)
  (local $h i64)
  (local $fl i64)
  (local $tab (ref $arr_i64))
  (local $mask i32)
  (local $i i32)
  (local $t i64)
  (local $free i32)
  (local $kv (ref $arr_ref))
  (local $k2 anyref)
  (local.set $ek (ref.cast eqref (local.get $key)))
  ;; the hash ($value.hash_i64 of an int key without $mochi_hash_any's dispatch), kept
  ;; as i64 with the 32-bit hash in the high half, as the table stores it; $fl is the
  ;; slot bit of an i31 key
  (if (ref.test (ref i31) (local.get $key))
    (then
      (local.set $h (i64.extend_i32_u (call $value.mix32 (i31.get_s (ref.cast (ref i31) (local.get $key))))))
      (local.set $fl (i64.const 0x80000000)))
    (else
      (if (ref.test (ref $box_i64) (local.get $key))
        (then (local.set $h (i64.extend_i32_u (call $value.hash_i64 (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $key)))))))
        (else (local.set $h (i64.extend_i32_u (call $mochi_hash_any (local.get $key))))))))
  (local.set $h (i64.shl (local.get $h) (i64.const 32)))
  (struct.set $map $caux (local.get $m) (i32.wrap_i64 (i64.shr_u (local.get $h) (i64.const 32))))
  (struct.set $map $ckey (local.get $m) (local.get $ek))
  (local.set $tab (struct.get $map $tab (local.get $m)))
  (local.set $mask (i32.sub (array.len (local.get $tab)) (i32.const 1)))
  (if (i32.lt_s (local.get $mask) (i32.const 0))
    (then
      (struct.set $map $cpos (local.get $m) (i32.const -1))
      (return (i32.const -1))))
  (local.set $kv (struct.get $map $kv (local.get $m)))
  (local.set $i (i32.and (i32.wrap_i64 (i64.shr_u (local.get $h) (i64.const 32))) (local.get $mask)))
  (local.set $free (i32.const -1))
  (loop $probe
    (local.set $t (array.get $arr_i64 (local.get $tab) (local.get $i)))
    (if (i64.le_u (local.get $t) (i64.const 1))
      (then
        (if (i32.lt_s (local.get $free) (i32.const 0)) (then (local.set $free (local.get $i))))
        (if (i64.eqz (local.get $t))
          (then
            (struct.set $map $cpos (local.get $m) (i32.sub (i32.const -2) (local.get $free)))
            (return (i32.const -1)))))
      (else
        (if (i64.eq (i64.and (local.get $t) (i64.const 0xFFFFFFFF00000000)) (local.get $h))
          (then
            ;; an i31 key and an i31 slot with its hash: the same int
            (if (i64.ne (i64.and (local.get $t) (local.get $fl)) (i64.const 0))
              (then
                (struct.set $map $cpos (local.get $m) (local.get $i))
                (struct.set $map $caux (local.get $m) (i32.sub (i32.and (i32.wrap_i64 (local.get $t)) (i32.const 0x7FFFFFFF)) (i32.const 2)))
                (return (local.get $i))))
            (local.set $k2 (array.get $arr_ref (local.get $kv) (i32.shl (i32.sub (i32.and (i32.wrap_i64 (local.get $t)) (i32.const 0x7FFFFFFF)) (i32.const 2)) (i32.const 1))))
            (if (if (result i32) (ref.eq (ref.cast eqref (local.get $k2)) (local.get $ek))
                  (then (i32.const 1))
                  (else
                    (if (result i32) (i32.and (ref.test (ref $box_i64) (local.get $k2)) (ref.test (ref $box_i64) (local.get $ek)))
                      (then (i64.eq (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $k2)))
                                    (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $ek)))))
                      (else
                        ;; two strings: their bytes, without $map.key_eq's other tests
                        (if (result i32) (i32.and (ref.test (ref $str) (local.get $k2)) (ref.test (ref $str) (local.get $ek)))
                          (then (call $value.str_eq (ref.cast (ref $str) (local.get $k2)) (ref.cast (ref $str) (local.get $ek))))
                          (else (call $map.key_eq (local.get $k2) (local.get $ek))))))))
              (then
                (struct.set $map $cpos (local.get $m) (local.get $i))
                (struct.set $map $caux (local.get $m) (i32.sub (i32.and (i32.wrap_i64 (local.get $t)) (i32.const 0x7FFFFFFF)) (i32.const 2)))
                (return (local.get $i))))))))
    (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (local.get $mask)))
    (br $probe))
  (unreachable))

;; The entry number in table slot i.
(func $map.entry (param $m (ref $map)) (param $i i32) (result i32)
  (i32.sub (i32.and (i32.wrap_i64 (array.get $arr_i64 (struct.get $map $tab (local.get $m)) (local.get $i))) (i32.const 0x7FFFFFFF))
           (i32.const 2)))

;; A new table of tc slots holding the live slots of the old one (no key is hashed).
(func $map.rebuild (param $m (ref $map)) (param $tc i32)
  (local $old (ref $arr_i64))
  (local $tab (ref $arr_i64))
  (local $mask i32)
  (local $i i32)
  (local $j i32)
  (local $t i64)
  (local.set $old (struct.get $map $tab (local.get $m)))
  (local.set $tab (array.new_default $arr_i64 (local.get $tc)))
  (local.set $mask (i32.sub (local.get $tc) (i32.const 1)))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $old))))
    (local.set $t (array.get $arr_i64 (local.get $old) (local.get $i)))
    (if (i64.gt_u (local.get $t) (i64.const 1))
      (then
        (local.set $j (i32.and (i32.wrap_i64 (i64.shr_u (local.get $t) (i64.const 32))) (local.get $mask)))
        (block $placed (loop $probe
          (br_if $placed (i64.eqz (array.get $arr_i64 (local.get $tab) (local.get $j))))
          (local.set $j (i32.and (i32.add (local.get $j) (i32.const 1)) (local.get $mask)))
          (br $probe)))
        (array.set $arr_i64 (local.get $tab) (local.get $j) (local.get $t))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (struct.set $map $tab (local.get $m) (local.get $tab))
  (struct.set $map $tombs (local.get $m) (i32.const 0))
  (struct.set $map $cpos (local.get $m) (i32.const -1)))

;; Puts slot value t into the first free slot of its probe path (no deleted slots
;; to reuse: used right after a rebuild).
(func $map.place (param $m (ref $map)) (param $t i64)
  (local $tab (ref $arr_i64))
  (local $mask i32)
  (local $j i32)
  (local.set $tab (struct.get $map $tab (local.get $m)))
  (local.set $mask (i32.sub (array.len (local.get $tab)) (i32.const 1)))
  (local.set $j (i32.and (i32.wrap_i64 (i64.shr_u (local.get $t) (i64.const 32))) (local.get $mask)))
  (block $placed (loop $probe
    (br_if $placed (i64.eqz (array.get $arr_i64 (local.get $tab) (local.get $j))))
    (local.set $j (i32.and (i32.add (local.get $j) (i32.const 1)) (local.get $mask)))
    (br $probe)))
  (array.set $arr_i64 (local.get $tab) (local.get $j) (local.get $t)))

;; Adds key -> value as a new entry; the lookup that found key absent has just filled
;; m's cache (hash, insertion slot).
(func $map.insert (param $m (ref $map)) (param $key anyref) (param $value anyref)
  (local $n i32)
  (local $kv (ref $arr_ref))
  (local $h i32)
  (local $ins i32)
  (local $t i64)
  (local $tab (ref $arr_i64))
  (local $tombs i32)
  (local.set $h (struct.get $map $caux (local.get $m)))
  (local.set $ins (struct.get $map $cpos (local.get $m)))
  (if (i32.ne (local.get $ins) (i32.const -1)) (then (local.set $ins (i32.sub (i32.const -2) (local.get $ins)))))
  (local.set $n (struct.get $map $len (local.get $m)))
  (local.set $kv (struct.get $map $kv (local.get $m)))
  (if (i32.ge_u (i32.shl (local.get $n) (i32.const 1)) (array.len (local.get $kv)))
    (then (local.set $kv (call_ref $map.t_grow (local.get $m) (global.get $map.g_grow_kv)))))
  (array.set $arr_ref (local.get $kv) (i32.shl (local.get $n) (i32.const 1)) (local.get $key))
  (array.set $arr_ref (local.get $kv) (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 1)) (local.get $value))
  (struct.set $map $len (local.get $m) (i32.add (local.get $n) (i32.const 1)))
  (struct.set $map $order (local.get $m) (ref.null $arr_i32))
  (local.set $t (i64.or (i64.shl (i64.extend_i32_u (local.get $h)) (i64.const 32)) (i64.extend_i32_u (i32.add (local.get $n) (i32.const 2)))))
  (if (ref.test (ref i31) (local.get $key)) (then (local.set $t (i64.or (local.get $t) (i64.const 0x80000000)))))
  ;; (the cache keeps describing key: now present, at slot ins; a rebuild clears it)
  (if (i32.ge_s (local.get $ins) (i32.const 0))
    (then
      (local.set $tab (struct.get $map $tab (local.get $m)))
      (local.set $tombs (struct.get $map $tombs (local.get $m)))
      (if (i32.le_u (i32.mul (i32.add (i32.add (local.get $n) (i32.const 1)) (local.get $tombs)) (i32.const 4))
                    (i32.mul (array.len (local.get $tab)) (i32.const 3)))
        (then
          ;; (a table without deleted slots, the usual one, needs no read of the slot)
          (if (local.get $tombs)
            (then
              (if (i64.eq (array.get $arr_i64 (local.get $tab) (local.get $ins)) (i64.const 1))
                (then (struct.set $map $tombs (local.get $m) (i32.sub (local.get $tombs) (i32.const 1)))))))
          (array.set $arr_i64 (local.get $tab) (local.get $ins) (local.get $t))
          (struct.set $map $cpos (local.get $m) (local.get $ins))
          (struct.set $map $caux (local.get $m) (local.get $n))
          (return)))))
  (return_call_ref $map.t_regrow (local.get $m) (local.get $t) (global.get $map.g_regrow)))

;; insert's cold halves, reached through constant function references so that the
;; allocation, copy and re-placing loops stay out of insert (and the registers they
;; need out of its prologue).
;; kv with room for one more entry (doubled, at least 8 slots); the new array when
;; it had to grow.
(func $map.grow_kv (param $m (ref $map)) (result (ref $arr_ref))
  (local $kv (ref $arr_ref))
  (local $nkv (ref $arr_ref))
  (local $n i32)
  (local.set $kv (struct.get $map $kv (local.get $m)))
  (local.set $n (struct.get $map $len (local.get $m)))
  (if (i32.ge_u (local.get $n) (i32.const 0x10000000)) (then (call $list.oom)))
  (local.set $nkv (array.new_default $arr_ref
    (select (i32.shl (array.len (local.get $kv)) (i32.const 1)) (i32.const 8) (array.len (local.get $kv)))))
  (array.copy $arr_ref $arr_ref (local.get $nkv) (i32.const 0) (local.get $kv) (i32.const 0) (i32.shl (local.get $n) (i32.const 1)))
  (struct.set $map $kv (local.get $m) (local.get $nkv))
  (local.get $nkv))

;; A table big enough for the entries (len, the new one counted) under 3/4, its
;; live slots re-placed, then slot value t placed.
(func $map.regrow (param $m (ref $map)) (param $t i64)
  (local $tc i32)
  (local $n i32)
  (local.set $n (struct.get $map $len (local.get $m)))
  (local.set $tc (select (array.len (struct.get $map $tab (local.get $m))) (i32.const 8) (array.len (struct.get $map $tab (local.get $m)))))
  (block $done (loop $next
    (br_if $done (i32.le_u (i32.mul (local.get $n) (i32.const 4)) (i32.mul (local.get $tc) (i32.const 3))))
    (local.set $tc (i32.shl (local.get $tc) (i32.const 1)))
    (br $next)))
  (call $map.rebuild (local.get $m) (local.get $tc))
  (call $map.place (local.get $m) (local.get $t)))

(func $mochi_map_get (param $m (ref null $map)) (param $key anyref) (result anyref)
  (local $c i32)
  ;; the fast path only (small: cheap to call); the rest in $map.get_slow
  (if (i32.eqz (ref.is_null (local.get $m)))
    (then
      (local.set $c (struct.get $map $cpos (local.get $m)))
      (if (i32.ge_s (local.get $c) (i32.const 0))
        (then
          (if (ref.eq (struct.get $map $ckey (local.get $m)) (ref.cast eqref (local.get $key)))
            (then
              (return (array.get $arr_ref (struct.get $map $kv (local.get $m))
                (i32.add (i32.shl (struct.get $map $caux (local.get $m)) (i32.const 1)) (i32.const 1))))))))))
  (return_call_ref $map.t_get (local.get $m) (local.get $key) (global.get $map.g_get_slow)))

(func $map.get_slow (param $m (ref null $map)) (param $key anyref) (result anyref)
  (local $i i32)
  (local $mm (ref $map))
  (if (ref.is_null (local.get $m)) (then (return (ref.null none))))
  (local.set $mm (ref.as_non_null (local.get $m)))
  (call $map.boxed (local.get $mm))
  (local.set $i (call $map.lookup (local.get $mm) (local.get $key)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (ref.null none))))
  ;; value of entry e at 2e + 1 = 2 (slot - 2) + 1
  (array.get $arr_ref (struct.get $map $kv (local.get $mm))
    (i32.sub (i32.shl (i32.and (i32.wrap_i64 (array.get $arr_i64 (struct.get $map $tab (local.get $mm)) (local.get $i))) (i32.const 0x7FFFFFFF)) (i32.const 1))
             (i32.const 3))))

(func $mochi_map_set (param $m (ref null $map)) (param $key anyref) (param $value anyref)
  (local $c i32)
  (if (i32.eqz (ref.is_null (local.get $m)))
    (then
      (local.set $c (struct.get $map $cpos (local.get $m)))
      (if (i32.ne (local.get $c) (i32.const -1))
        (then
          (if (ref.eq (struct.get $map $ckey (local.get $m)) (ref.cast eqref (local.get $key)))
            (then
              ;; the cached key: its entry, or (cpos < -1) absent with its insertion
              ;; slot known (`if k in m {...} else { m[k] = v }` probes once)
              (if (i32.lt_s (local.get $c) (i32.const 0))
                (then (return_call_ref $map.t_insert (ref.as_non_null (local.get $m)) (local.get $key) (local.get $value) (global.get $map.g_insert))))
              (array.set $arr_ref (struct.get $map $kv (local.get $m))
                (i32.add (i32.shl (struct.get $map $caux (local.get $m)) (i32.const 1)) (i32.const 1))
                (local.get $value))
              (return)))))))
  (return_call_ref $map.t_set (local.get $m) (local.get $key) (local.get $value) (global.get $map.g_set_slow)))

(func $map.set_slow (param $m (ref null $map)) (param $key anyref) (param $value anyref)
  (local $i i32)
  (local $mm (ref $map))
  (if (ref.is_null (local.get $m))
    (then
      (call $mochi_rt_error (call $value.ascii (array.new_data $bytes $map.d.nil (i32.const 0) (i32.const 23))))
      (unreachable)))
  (local.set $mm (ref.as_non_null (local.get $m)))
  (call $map.boxed (local.get $mm))
  (local.set $i (call $map.lookup (local.get $mm) (local.get $key)))
  (if (i32.lt_s (local.get $i) (i32.const 0))
    (then (call $map.insert (local.get $mm) (local.get $key) (local.get $value)) (return)))
  (array.set $arr_ref (struct.get $map $kv (local.get $mm))
    (i32.sub (i32.shl (i32.and (i32.wrap_i64 (array.get $arr_i64 (struct.get $map $tab (local.get $mm)) (local.get $i))) (i32.const 0x7FFFFFFF)) (i32.const 1))
             (i32.const 3))
    (local.get $value)))

;; Set use: adds key (value nil) when absent; 1 when it was added.
(func $map.add (param $m (ref $map)) (param $key anyref) (result i32)
  (call $map.boxed (local.get $m))
  (if (i32.ge_s (call $map.lookup (local.get $m) (local.get $key)) (i32.const 0)) (then (return (i32.const 0))))
  (call $map.insert (local.get $m) (local.get $key) (ref.null none))
  (i32.const 1))

;; has of an i31 key: $map.probe as a leaf (the hash inline, no calls but the rare
;; tail call, so nothing to save on the way in), answering has's 0 or 1 itself. A
;; slot with the key's hash holding a key that is not an i31 (an equal float or
;; boxed int may be there) goes to $map.has_slow, which decides.
(func $map.has_i31 (param $m (ref $map)) (param $key (ref i31)) (result i32)
  (local $h i32)
  (local $hh i64)
  (local $tab (ref $arr_i64))
  (local $mask i32)
  (local $i i32)
  (local $t i64)
  (local $free i32)
  ;; $value.mix32 of the key (inline: a call less per has)
  (local.set $h (i31.get_s (local.get $key)))
  (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
  (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
  (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
  (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
  (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
  (local.set $hh (i64.shl (i64.extend_i32_u (local.get $h)) (i64.const 32)))
  (struct.set $map $caux (local.get $m) (local.get $h))
  (struct.set $map $ckey (local.get $m) (local.get $key))
  (local.set $tab (struct.get $map $tab (local.get $m)))
  (local.set $mask (i32.sub (array.len (local.get $tab)) (i32.const 1)))
  (if (i32.lt_s (local.get $mask) (i32.const 0))
    (then
      (struct.set $map $cpos (local.get $m) (i32.const -1))
      (return (i32.const 0))))
  (local.set $i (i32.and (local.get $h) (local.get $mask)))
  (local.set $free (i32.const -1))
  (loop $probe
    (local.set $t (array.get $arr_i64 (local.get $tab) (local.get $i)))
    (if (i64.le_u (local.get $t) (i64.const 1))
      (then
        (if (i32.lt_s (local.get $free) (i32.const 0)) (then (local.set $free (local.get $i))))
        (if (i64.eqz (local.get $t))
          (then
            (struct.set $map $cpos (local.get $m) (i32.sub (i32.const -2) (local.get $free)))
            (return (i32.const 0)))))
      (else
        (if (i64.eq (i64.and (local.get $t) (i64.const 0xFFFFFFFF00000000)) (local.get $hh))
          (then
            (if (i64.eqz (i64.and (local.get $t) (i64.const 0x80000000)))
              (then (return_call_ref $map.t_has (local.get $m) (local.get $key) (global.get $map.g_has_slow))))
            (struct.set $map $cpos (local.get $m) (local.get $i))
            (struct.set $map $caux (local.get $m) (i32.sub (i32.and (i32.wrap_i64 (local.get $t)) (i32.const 0x7FFFFFFF)) (i32.const 2)))
            (return (i32.const 1))))))
    (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (local.get $mask)))
    (br $probe))
  (unreachable))

;; has of a boxed int key (past 31 bits), the same leaf for $box_i64: the hash is
;; $value.hash_i64's, inline; a slot with the key's hash is the key when its entry's
;; key is a boxed int of the same value. An i31 slot or an entry key of another kind
;; with that hash (an equal float) goes to $map.has_slow.
(func $map.has_i64 (param $m (ref $map)) (param $key (ref $box_i64)) (result i32)
  (local $x i64)
  (local $h i32)
  (local $hh i64)
  (local $tab (ref $arr_i64))
  (local $kv (ref $arr_ref))
  (local $mask i32)
  (local $i i32)
  (local $t i64)
  (local $free i32)
  (local $k2 anyref)
  (local.set $x (struct.get $box_i64 $v (local.get $key)))
  (if (i64.eq (i64.extend_i32_s (i32.wrap_i64 (local.get $x))) (local.get $x))
    (then
      ;; $value.mix32
      (local.set $h (i32.wrap_i64 (local.get $x)))
      (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
      (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
      (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
      (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
      (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16)))))
    (else
      (local.set $hh (i64.mul (local.get $x) (i64.const 0x9E3779B97F4A7C15)))
      (local.set $h (i32.wrap_i64 (i64.xor (local.get $hh) (i64.shr_u (local.get $hh) (i64.const 32)))))))
  (local.set $hh (i64.shl (i64.extend_i32_u (local.get $h)) (i64.const 32)))
  (struct.set $map $caux (local.get $m) (local.get $h))
  (struct.set $map $ckey (local.get $m) (local.get $key))
  (local.set $tab (struct.get $map $tab (local.get $m)))
  (local.set $mask (i32.sub (array.len (local.get $tab)) (i32.const 1)))
  (if (i32.lt_s (local.get $mask) (i32.const 0))
    (then
      (struct.set $map $cpos (local.get $m) (i32.const -1))
      (return (i32.const 0))))
  (local.set $kv (struct.get $map $kv (local.get $m)))
  (local.set $i (i32.and (local.get $h) (local.get $mask)))
  (local.set $free (i32.const -1))
  (loop $probe
    (local.set $t (array.get $arr_i64 (local.get $tab) (local.get $i)))
    (if (i64.le_u (local.get $t) (i64.const 1))
      (then
        (if (i32.lt_s (local.get $free) (i32.const 0)) (then (local.set $free (local.get $i))))
        (if (i64.eqz (local.get $t))
          (then
            (struct.set $map $cpos (local.get $m) (i32.sub (i32.const -2) (local.get $free)))
            (return (i32.const 0)))))
      (else
        (if (i64.eq (i64.and (local.get $t) (i64.const 0xFFFFFFFF00000000)) (local.get $hh))
          (then
            (if (i64.ne (i64.and (local.get $t) (i64.const 0x80000000)) (i64.const 0))
              (then (return_call_ref $map.t_has (local.get $m) (local.get $key) (global.get $map.g_has_slow))))
            (local.set $k2 (array.get $arr_ref (local.get $kv)
              (i32.shl (i32.sub (i32.and (i32.wrap_i64 (local.get $t)) (i32.const 0x7FFFFFFF)) (i32.const 2)) (i32.const 1))))
            (if (i32.eqz (ref.test (ref $box_i64) (local.get $k2)))
              (then (return_call_ref $map.t_has (local.get $m) (local.get $key) (global.get $map.g_has_slow))))
            (if (i64.eq (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $k2))) (local.get $x))
              (then
                (struct.set $map $cpos (local.get $m) (local.get $i))
                (struct.set $map $caux (local.get $m) (i32.sub (i32.and (i32.wrap_i64 (local.get $t)) (i32.const 0x7FFFFFFF)) (i32.const 2)))
                (return (i32.const 1))))))))
    (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (local.get $mask)))
    (br $probe))
  (unreachable))

;; has by the general probe (any key kind).
(func $map.has_slow (param $m (ref $map)) (param $key anyref) (result i32)
  (i32.ge_s (call $map.probe (local.get $m) (local.get $key)) (i32.const 0)))

(func $mochi_map_has (param $m (ref null $map)) (param $key anyref) (result i32)
  ;; straight to a probe: no cache test (a key is usually tested once, before get
  ;; and set use the cache the probe leaves: k_nucleotide's `if key in counts`);
  ;; int keys by the leaves above, tail-called so has itself keeps no frame
  (if (ref.is_null (local.get $m)) (then (return (i32.const 0))))
  (call $map.boxed (ref.as_non_null (local.get $m)))
  (if (ref.test (ref i31) (local.get $key))
    (then (return_call $map.has_i31 (ref.as_non_null (local.get $m)) (ref.cast (ref i31) (local.get $key)))))
  (if (ref.test (ref $box_i64) (local.get $key))
    (then (return_call $map.has_i64 (ref.as_non_null (local.get $m)) (ref.cast (ref $box_i64) (local.get $key)))))
  (return_call_ref $map.t_has (ref.as_non_null (local.get $m)) (local.get $key) (global.get $map.g_has_slow)))

(func $mochi_map_len (param $m (ref null $map)) (result i64)
  (if (ref.is_null (local.get $m)) (then (return (i64.const 0))))
  (i64.extend_i32_u (struct.get $map $len (local.get $m))))

(func $mochi_map_delete (param $m (ref null $map)) (param $key anyref)
  (local $mm (ref $map))
  (local $i i32)
  (local $e i32)
  (local $last i32)
  (local $tab (ref $arr_i64))
  (local $kv (ref $arr_ref))
  (local $mask i32)
  (local $j i32)
  (local $t i64)
  (if (ref.is_null (local.get $m)) (then (return)))
  (local.set $mm (ref.as_non_null (local.get $m)))
  (call $map.boxed (local.get $mm))
  (local.set $i (call $map.lookup (local.get $mm) (local.get $key)))
  (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return)))
  (local.set $tab (struct.get $map $tab (local.get $mm)))
  (local.set $kv (struct.get $map $kv (local.get $mm)))
  (local.set $e (call $map.entry (local.get $mm) (local.get $i)))
  (array.set $arr_i64 (local.get $tab) (local.get $i) (i64.const 1))
  (struct.set $map $tombs (local.get $mm) (i32.add (struct.get $map $tombs (local.get $mm)) (i32.const 1)))
  (struct.set $map $cpos (local.get $mm) (i32.const -1))
  (local.set $last (i32.sub (struct.get $map $len (local.get $mm)) (i32.const 1)))
  (if (i32.ne (local.get $e) (local.get $last))
    (then
      ;; move the last entry into the hole and repoint its slot; the search starts where
      ;; its hash puts it and, should a key object have changed since it was added,
      ;; still ends (the slot is in the table)
      (local.set $mask (i32.sub (array.len (local.get $tab)) (i32.const 1)))
      (local.set $j (i32.and (call $mochi_hash_any (array.get $arr_ref (local.get $kv) (i32.shl (local.get $last) (i32.const 1))))
                             (local.get $mask)))
      (block $found (loop $probe
        (local.set $t (array.get $arr_i64 (local.get $tab) (local.get $j)))
        (br_if $found (i32.and (i64.gt_u (local.get $t) (i64.const 1))
                               (i32.eq (i32.sub (i32.and (i32.wrap_i64 (local.get $t)) (i32.const 0x7FFFFFFF)) (i32.const 2)) (local.get $last))))
        (local.set $j (i32.and (i32.add (local.get $j) (i32.const 1)) (local.get $mask)))
        (br $probe)))
      (array.set $arr_i64 (local.get $tab) (local.get $j)
        (i64.or (i64.and (local.get $t) (i64.const 0xFFFFFFFF80000000)) (i64.extend_i32_u (i32.add (local.get $e) (i32.const 2)))))
      (array.set $arr_ref (local.get $kv) (i32.shl (local.get $e) (i32.const 1))
        (array.get $arr_ref (local.get $kv) (i32.shl (local.get $last) (i32.const 1))))
      (array.set $arr_ref (local.get $kv) (i32.add (i32.shl (local.get $e) (i32.const 1)) (i32.const 1))
        (array.get $arr_ref (local.get $kv) (i32.add (i32.shl (local.get $last) (i32.const 1)) (i32.const 1))))))
  (array.set $arr_ref (local.get $kv) (i32.shl (local.get $last) (i32.const 1)) (ref.null none))
  (array.set $arr_ref (local.get $kv) (i32.add (i32.shl (local.get $last) (i32.const 1)) (i32.const 1)) (ref.null none))
  (struct.set $map $len (local.get $mm) (local.get $last))
  (struct.set $map $order (local.get $mm) (ref.null $arr_i32))
  (if (i32.gt_u (struct.get $map $tombs (local.get $mm)) (i32.shr_u (array.len (local.get $tab)) (i32.const 2)))
    (then (call $map.rebuild (local.get $mm) (array.len (local.get $tab))))))

;; ---- typed int maps ----
;;
;; A map<int, int> the program makes (`$mochi_map_new_ii`) keeps its entries unboxed
;; in $ti, key e at 2e and value at 2e + 1, with $kv empty; the table, $len, $tombs
;; and $order are as above (a slot's hash is the one the boxed key would have, and its
;; bit 31 is set when the key is an i31), and the cache is $cpos/$caux with the key
;; in $cki ($ckey holds $map.typed_key, which no program value is, so the boxed
;; fast paths of get and set never take a typed map's cache for theirs). The emitter
;; calls $mochi_map_has_ii, $mochi_map_get_ii and $mochi_map_set_ii for a
;; map<int, int>'s `k in m`, `m[k]` and `m[k] = v`: no key or value is boxed, and a
;; key past 31 bits is compared in $ti instead of through a box. Any other operation
;; that reads entries (printing, equality, delete, a boxed get or set through `any`)
;; first turns the map into a boxed one ($map.boxed, once, in place: maps are shared
;; references); the _ii functions work on a boxed map too (boxing as before).
;; keys() and values() into int lists and the sorted order read $ti directly.

(global $map.typed_key (ref $box_bool) (struct.new $box_bool (i32.const 0)))
(type $map.t_get_ii (func (param (ref null $map)) (param i64) (result i64)))
(type $map.t_set_ii (func (param (ref null $map)) (param i64) (param i64)))
(type $map.t_insert_ii (func (param (ref $map)) (param i64) (param i64)))
(type $map.t_grow_ti (func (param (ref $map)) (result (ref $arr_i64))))
(global $map.g_get_ii_slow (ref $map.t_get_ii) (ref.func $map.get_ii_slow))
(global $map.g_set_ii_slow (ref $map.t_set_ii) (ref.func $map.set_ii_slow))
(global $map.g_insert_ii (ref $map.t_insert_ii) (ref.func $map.insert_ii))
(global $map.g_grow_ti (ref $map.t_grow_ti) (ref.func $map.grow_ti))
(type $map.t_has_ii (func (param (ref null $map)) (param i64) (result i32)))
(global $map.g_has_ii_boxed (ref $map.t_has_ii) (ref.func $map.has_ii_boxed))

(func $mochi_map_new_ii (param $cap i32) (result (ref $map))
  (if (i32.le_s (local.get $cap) (i32.const 0))
    (then
      (return (struct.new $map (i32.const 0) (global.get $map.empty_kv) (global.get $map.empty_tab)
        (i32.const 0) (ref.null $arr_i32) (global.get $map.typed_key) (i32.const -1) (i32.const 0)
        (global.get $map.empty_tab) (i64.const 0)))))
  (if (i32.gt_u (local.get $cap) (i32.const 0x10000000)) (then (call $list.oom)))
  (struct.new $map (i32.const 0) (global.get $map.empty_kv)
    (array.new_default $arr_i64 (call $map.tcap_for (local.get $cap)))
    (i32.const 0) (ref.null $arr_i32) (global.get $map.typed_key) (i32.const -1) (i32.const 0)
    (array.new_default $arr_i64 (i32.shl (local.get $cap) (i32.const 1))) (i64.const 0)))

;; A typed map made boxed, in place (nothing when it is boxed already): each key and
;; value boxed as $mochi_box_i64 boxes it, at the same entry numbers, so the table
;; and the sorted order stay; the cache is cleared.
(func $map.boxed (param $m (ref $map))
  (local $ti (ref null $arr_i64))
  (local $t (ref $arr_i64))
  (local $kv (ref $arr_ref))
  (local $n i32)
  (local $i i32)
  (local.set $ti (struct.get $map $ti (local.get $m)))
  (if (ref.is_null (local.get $ti)) (then (return)))
  (local.set $t (ref.as_non_null (local.get $ti)))
  (local.set $n (i32.shl (struct.get $map $len (local.get $m)) (i32.const 1)))
  (local.set $kv (array.new_default $arr_ref (array.len (local.get $t))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (array.set $arr_ref (local.get $kv) (local.get $i)
      (call $mochi_box_i64 (array.get $arr_i64 (local.get $t) (local.get $i))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (struct.set $map $kv (local.get $m) (local.get $kv))
  (struct.set $map $ti (local.get $m) (ref.null $arr_i64))
  (struct.set $map $ckey (local.get $m) (ref.null none))
  (struct.set $map $cpos (local.get $m) (i32.const -1)))

;; The table slot of int key x in typed map m (entries t), or -1; the cache then
;; describes x as $map.probe leaves it. A typed map has no deleted slots (deleting
;; makes it boxed), so the first empty slot is where x would go. A slot whose hash
;; agrees is x when both are i31 ints (the hash is a bijection of 32-bit ints), or
;; when neither is and its entry's key is x.
(func $map.probe_ii (param $m (ref $map)) (param $t (ref $arr_i64)) (param $x i64) (result i32)
  (local $h i32)
  (local $hh i64)
  (local $small i32)
  (local $tab (ref $arr_i64))
  (local $mask i32)
  (local $i i32)
  (local $s i64)
  (local.set $h (call $value.hash_i64 (local.get $x)))
  (local.set $hh (i64.shl (i64.extend_i32_u (local.get $h)) (i64.const 32)))
  (local.set $small (i64.lt_u (i64.add (local.get $x) (i64.const 0x40000000)) (i64.const 0x80000000)))
  (struct.set $map $caux (local.get $m) (local.get $h))
  (struct.set $map $cki (local.get $m) (local.get $x))
  (local.set $tab (struct.get $map $tab (local.get $m)))
  (local.set $mask (i32.sub (array.len (local.get $tab)) (i32.const 1)))
  (if (i32.lt_s (local.get $mask) (i32.const 0))
    (then
      (struct.set $map $cpos (local.get $m) (i32.const -1))
      (return (i32.const -1))))
  (local.set $i (i32.and (local.get $h) (local.get $mask)))
  (loop $probe
    (local.set $s (array.get $arr_i64 (local.get $tab) (local.get $i)))
    (if (i64.eqz (local.get $s))
      (then
        (struct.set $map $cpos (local.get $m) (i32.sub (i32.const -2) (local.get $i)))
        (return (i32.const -1))))
    (if (i64.eq (i64.and (local.get $s) (i64.const 0xFFFFFFFF00000000)) (local.get $hh))
      (then
        (if (if (result i32) (i32.wrap_i64 (i64.and (local.get $s) (i64.const 0x80000000)))
              (then (local.get $small))
              (else (i64.eq (array.get $arr_i64 (local.get $t)
                              (i32.shl (i32.sub (i32.wrap_i64 (local.get $s)) (i32.const 2)) (i32.const 1)))
                            (local.get $x))))
          (then
            (struct.set $map $cpos (local.get $m) (local.get $i))
            (struct.set $map $caux (local.get $m) (i32.sub (i32.and (i32.wrap_i64 (local.get $s)) (i32.const 0x7FFFFFFF)) (i32.const 2)))
            (return (local.get $i))))))
    (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (local.get $mask)))
    (br $probe))
  (unreachable))

;; has of a boxed map, through a constant reference: inlined into $mochi_map_has_ii,
;; $mochi_map_has and its leaves would make has too large for the program's loop to
;; take get and set inline as well.
(func $map.has_ii_boxed (param $m (ref null $map)) (param $x i64) (result i32)
  (return_call $mochi_map_has (local.get $m) (call $mochi_box_i64 (local.get $x))))

(func $mochi_map_has_ii (param $m (ref null $map)) (param $x i64) (result i32)
  (local $ti (ref null $arr_i64))
  (if (ref.is_null (local.get $m)) (then (return (i32.const 0))))
  (local.set $ti (struct.get $map $ti (local.get $m)))
  (if (ref.is_null (local.get $ti))
    (then (return_call_ref $map.t_has_ii (local.get $m) (local.get $x) (global.get $map.g_has_ii_boxed))))
  (i32.ge_s (call $map.probe_ii (ref.as_non_null (local.get $m)) (ref.as_non_null (local.get $ti)) (local.get $x))
            (i32.const 0)))

(func $mochi_map_get_ii (param $m (ref null $map)) (param $x i64) (result i64)
  (local $ti (ref null $arr_i64))
  ;; the cached key's value (the fast path only); the rest in $map.get_ii_slow
  (if (i32.eqz (ref.is_null (local.get $m)))
    (then
      (local.set $ti (struct.get $map $ti (local.get $m)))
      (if (i32.eqz (ref.is_null (local.get $ti)))
        (then
          (if (i32.and (i32.ge_s (struct.get $map $cpos (local.get $m)) (i32.const 0))
                       (i64.eq (struct.get $map $cki (local.get $m)) (local.get $x)))
            (then
              (return (array.get $arr_i64 (ref.as_non_null (local.get $ti))
                (i32.add (i32.shl (struct.get $map $caux (local.get $m)) (i32.const 1)) (i32.const 1))))))))))
  (return_call_ref $map.t_get_ii (local.get $m) (local.get $x) (global.get $map.g_get_ii_slow)))

;; (a missing key reads as nil, which an int use reads as 0, as the boxed path's
;; $mochi_unbox_i64_or0 does)
(func $map.get_ii_slow (param $m (ref null $map)) (param $x i64) (result i64)
  (local $ti (ref null $arr_i64))
  (local $v anyref)
  (if (ref.is_null (local.get $m)) (then (return (i64.const 0))))
  (local.set $ti (struct.get $map $ti (local.get $m)))
  (if (ref.is_null (local.get $ti))
    (then
      (local.set $v (call $mochi_map_get (local.get $m) (call $mochi_box_i64 (local.get $x))))
      (if (ref.test (ref i31) (local.get $v))
        (then (return (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $v)))))))
      (return_call $mochi_unbox_i64_or0 (local.get $v))))
  (if (i32.lt_s (call $map.probe_ii (ref.as_non_null (local.get $m)) (ref.as_non_null (local.get $ti)) (local.get $x))
                (i32.const 0))
    (then (return (i64.const 0))))
  (array.get $arr_i64 (ref.as_non_null (local.get $ti))
    (i32.add (i32.shl (struct.get $map $caux (local.get $m)) (i32.const 1)) (i32.const 1))))

(func $mochi_map_set_ii (param $m (ref null $map)) (param $x i64) (param $v i64)
  (local $ti (ref null $arr_i64))
  (local $c i32)
  (if (i32.eqz (ref.is_null (local.get $m)))
    (then
      (local.set $ti (struct.get $map $ti (local.get $m)))
      (if (i32.eqz (ref.is_null (local.get $ti)))
        (then
          (local.set $c (struct.get $map $cpos (local.get $m)))
          (if (i32.and (i32.ne (local.get $c) (i32.const -1))
                       (i64.eq (struct.get $map $cki (local.get $m)) (local.get $x)))
            (then
              ;; the cached key: its entry, or (cpos < -1) absent with its insertion
              ;; slot known
              (if (i32.lt_s (local.get $c) (i32.const 0))
                (then (return_call_ref $map.t_insert_ii (ref.as_non_null (local.get $m)) (local.get $x) (local.get $v)
                        (global.get $map.g_insert_ii))))
              (array.set $arr_i64 (ref.as_non_null (local.get $ti))
                (i32.add (i32.shl (struct.get $map $caux (local.get $m)) (i32.const 1)) (i32.const 1))
                (local.get $v))
              (return)))))))
  (return_call_ref $map.t_set_ii (local.get $m) (local.get $x) (local.get $v) (global.get $map.g_set_ii_slow)))

(func $map.set_ii_slow (param $m (ref null $map)) (param $x i64) (param $v i64)
  (local $ti (ref null $arr_i64))
  (if (i32.eqz (ref.is_null (local.get $m)))
    (then
      (local.set $ti (struct.get $map $ti (local.get $m)))))
  (if (ref.is_null (local.get $ti))
    (then
      ;; nil (the runtime error) or boxed
      (return_call $mochi_map_set (local.get $m) (call $mochi_box_i64 (local.get $x)) (call $mochi_box_i64 (local.get $v)))))
  (if (i32.lt_s (call $map.probe_ii (ref.as_non_null (local.get $m)) (ref.as_non_null (local.get $ti)) (local.get $x))
                (i32.const 0))
    (then (return_call $map.insert_ii (ref.as_non_null (local.get $m)) (local.get $x) (local.get $v))))
  (array.set $arr_i64 (ref.as_non_null (local.get $ti))
    (i32.add (i32.shl (struct.get $map $caux (local.get $m)) (i32.const 1)) (i32.const 1))
    (local.get $v)))

;; m[x] = m[x] + d, the three ops of a map<int, int> update the emitter fuses
;; (`counts[k] = counts[k] + 1`): the cached key's value read, added to and written
;; with one cache test. As the three ops: a missing key reads as 0, the sum's overflow
;; is `integer overflow` at the add's line, and the write is $mochi_map_set_ii at its
;; line $sline (a nil map's error); the emitter has stored the read's line.
(type $map.t_add_ii (func (param (ref null $map)) (param i64) (param i64) (param i32) (param i32)))
(global $map.g_add_ii_slow (ref $map.t_add_ii) (ref.func $map.add_ii_slow))
(type $map.t_err_line (func (param i32)))
(global $map.g_overflow_at (ref $map.t_err_line) (ref.func $mochi_err_overflow_at))
(func $mochi_map_add_ii (param $m (ref null $map)) (param $x i64) (param $d i64) (param $line i32) (param $sline i32)
  (local $ti (ref null $arr_i64))
  (local $i i32)
  (local $v i64)
  (local $r i64)
  (if (i32.eqz (ref.is_null (local.get $m)))
    (then
      (local.set $ti (struct.get $map $ti (local.get $m)))
      (if (i32.eqz (ref.is_null (local.get $ti)))
        (then
          (if (i32.and (i32.ge_s (struct.get $map $cpos (local.get $m)) (i32.const 0))
                       (i64.eq (struct.get $map $cki (local.get $m)) (local.get $x)))
            (then
              (local.set $i (i32.add (i32.shl (struct.get $map $caux (local.get $m)) (i32.const 1)) (i32.const 1)))
              (local.set $v (array.get $arr_i64 (ref.as_non_null (local.get $ti)) (local.get $i)))
              (local.set $r (i64.add (local.get $v) (local.get $d)))
              (if (i64.lt_s (i64.and (i64.xor (local.get $v) (local.get $r)) (i64.xor (local.get $d) (local.get $r))) (i64.const 0))
                (then (return_call_ref $map.t_err_line (local.get $line) (global.get $map.g_overflow_at))))
              (array.set $arr_i64 (ref.as_non_null (local.get $ti)) (local.get $i) (local.get $r))
              (return)))))))
  (return_call_ref $map.t_add_ii (local.get $m) (local.get $x) (local.get $d) (local.get $line) (local.get $sline)
    (global.get $map.g_add_ii_slow)))

(func $map.add_ii_slow (param $m (ref null $map)) (param $x i64) (param $d i64) (param $line i32) (param $sline i32)
  (local $v i64)
  (local $r i64)
  (local.set $v (call $mochi_map_get_ii (local.get $m) (local.get $x)))
  (local.set $r (i64.add (local.get $v) (local.get $d)))
  (if (i64.lt_s (i64.and (i64.xor (local.get $v) (local.get $r)) (i64.xor (local.get $d) (local.get $r))) (i64.const 0))
    (then (call $mochi_err_overflow_at (local.get $line))))
  (global.set $mochi_loc_line (local.get $sline))
  (return_call $mochi_map_set_ii (local.get $m) (local.get $x) (local.get $r)))

;; The counting idiom of a map<int, int>, `if x in m { m[x] = m[x] + d } else
;; { m[x] = d }`, which the emitter fuses (FunctionEmit.swift, findMapCounts) into
;; one call in place of the test: its result is the test's (1 when x was present,
;; and its value has had d added; 0 when x -> d was added). The fast path is one
;; probe of a typed map, with the hash inline: when it finds x, its value is added
;; to in place with neither the cache written nor its fields read back (the cache
;; still describes its key, since the table and the entries stay where they were);
;; when it finds x absent, it leaves the cache as $map.probe_ii does and inserts
;; with $map.insert_ii, as $mochi_map_set_ii would. The sum's overflow is `integer
;; overflow` at the add's line $line; the insertion's errors are at the write's line
;; $sline. A boxed or nil map takes the three operations in order
;; ($map.count_ii_slow; nil: the write's error).
(type $map.t_count_ii (func (param (ref null $map)) (param i64) (param i64) (param i32) (param i32) (result i32)))
(global $map.g_count_ii_slow (ref $map.t_count_ii) (ref.func $map.count_ii_slow))
(func $mochi_map_count_ii (param $m (ref null $map)) (param $x i64) (param $d i64) (param $line i32) (param $sline i32) (result i32)
  (local $ti (ref null $arr_i64))
  (local $t (ref $arr_i64))
  (local $tab (ref $arr_i64))
  (local $mask i32)
  (local $h i32)
  (local $i i32)
  (local $s i64)
  (local $hh i64)
  (local $small i32)
  (local $e i32)
  (local $v i64)
  (local $r i64)
  (block $slow
    (br_if $slow (ref.is_null (local.get $m)))
    (local.set $ti (struct.get $map $ti (local.get $m)))
    (br_if $slow (ref.is_null (local.get $ti)))
    (local.set $t (ref.as_non_null (local.get $ti)))
    (local.set $tab (struct.get $map $tab (local.get $m)))
    (local.set $mask (i32.sub (array.len (local.get $tab)) (i32.const 1)))
    (br_if $slow (i32.lt_s (local.get $mask) (i32.const 0)))
    (local.set $h (call $value.hash_i64 (local.get $x)))
    (local.set $hh (i64.shl (i64.extend_i32_u (local.get $h)) (i64.const 32)))
    (local.set $small (i64.lt_u (i64.add (local.get $x) (i64.const 0x40000000)) (i64.const 0x80000000)))
    (local.set $i (i32.and (local.get $h) (local.get $mask)))
    (loop $probe
      (local.set $s (array.get $arr_i64 (local.get $tab) (local.get $i)))
      (if (i64.eqz (local.get $s))
        (then
          ;; absent: the cache as $map.probe_ii leaves it (the hash, the insertion
          ;; slot), then $map.insert_ii at the write's line
          (struct.set $map $caux (ref.as_non_null (local.get $m)) (local.get $h))
          (struct.set $map $cki (ref.as_non_null (local.get $m)) (local.get $x))
          (struct.set $map $cpos (ref.as_non_null (local.get $m)) (i32.sub (i32.const -2) (local.get $i)))
          (global.set $mochi_loc_line (local.get $sline))
          (call_ref $map.t_insert_ii (ref.as_non_null (local.get $m)) (local.get $x) (local.get $d) (global.get $map.g_insert_ii))
          (return (i32.const 0))))
      (if (i64.eq (i64.and (local.get $s) (i64.const 0xFFFFFFFF00000000)) (local.get $hh))
        (then
          ;; (2e: the shift drops the i31 flag, bit 31)
          (local.set $e (i32.shl (i32.sub (i32.wrap_i64 (local.get $s)) (i32.const 2)) (i32.const 1)))
          (if (if (result i32) (i32.wrap_i64 (i64.and (local.get $s) (i64.const 0x80000000)))
                (then (local.get $small))
                (else (i64.eq (array.get $arr_i64 (local.get $t) (local.get $e)) (local.get $x))))
            (then
              (local.set $e (i32.add (local.get $e) (i32.const 1)))
              (local.set $v (array.get $arr_i64 (local.get $t) (local.get $e)))
              (local.set $r (i64.add (local.get $v) (local.get $d)))
              (if (i64.lt_s (i64.and (i64.xor (local.get $v) (local.get $r)) (i64.xor (local.get $d) (local.get $r))) (i64.const 0))
                (then
                  (call_ref $map.t_err_line (local.get $line) (global.get $map.g_overflow_at))
                  (unreachable)))
              (array.set $arr_i64 (local.get $t) (local.get $e) (local.get $r))
              (return (i32.const 1))))))
      (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (local.get $mask)))
      (br $probe)))
  (return_call_ref $map.t_count_ii (local.get $m) (local.get $x) (local.get $d) (local.get $line) (local.get $sline)
    (global.get $map.g_count_ii_slow)))

(func $map.count_ii_slow (param $m (ref null $map)) (param $x i64) (param $d i64) (param $line i32) (param $sline i32) (result i32)
  (if (call $mochi_map_has_ii (local.get $m) (local.get $x))
    (then
      (call $mochi_map_add_ii (local.get $m) (local.get $x) (local.get $d) (local.get $line) (local.get $sline))
      (return (i32.const 1))))
  (global.set $mochi_loc_line (local.get $sline))
  (call $mochi_map_set_ii (local.get $m) (local.get $x) (local.get $d))
  (i32.const 0))

;; $map.insert for a typed map: key x -> v as a new entry; the probe that found x
;; absent has just filled the cache (hash, insertion slot).
(func $map.insert_ii (param $m (ref $map)) (param $x i64) (param $v i64)
  (local $n i32)
  (local $ti (ref $arr_i64))
  (local $h i32)
  (local $ins i32)
  (local $t i64)
  (local $tab (ref $arr_i64))
  (local.set $h (struct.get $map $caux (local.get $m)))
  (local.set $ins (struct.get $map $cpos (local.get $m)))
  (if (i32.ne (local.get $ins) (i32.const -1)) (then (local.set $ins (i32.sub (i32.const -2) (local.get $ins)))))
  (local.set $n (struct.get $map $len (local.get $m)))
  (local.set $ti (ref.as_non_null (struct.get $map $ti (local.get $m))))
  (if (i32.ge_u (i32.shl (local.get $n) (i32.const 1)) (array.len (local.get $ti)))
    (then (local.set $ti (call_ref $map.t_grow_ti (local.get $m) (global.get $map.g_grow_ti)))))
  (array.set $arr_i64 (local.get $ti) (i32.shl (local.get $n) (i32.const 1)) (local.get $x))
  (array.set $arr_i64 (local.get $ti) (i32.add (i32.shl (local.get $n) (i32.const 1)) (i32.const 1)) (local.get $v))
  (struct.set $map $len (local.get $m) (i32.add (local.get $n) (i32.const 1)))
  (struct.set $map $order (local.get $m) (ref.null $arr_i32))
  (local.set $t (i64.or (i64.shl (i64.extend_i32_u (local.get $h)) (i64.const 32)) (i64.extend_i32_u (i32.add (local.get $n) (i32.const 2)))))
  (if (i64.lt_u (i64.add (local.get $x) (i64.const 0x40000000)) (i64.const 0x80000000))
    (then (local.set $t (i64.or (local.get $t) (i64.const 0x80000000)))))
  ;; (no deleted slots in a typed map)
  (if (i32.ge_s (local.get $ins) (i32.const 0))
    (then
      (local.set $tab (struct.get $map $tab (local.get $m)))
      (if (i32.le_u (i32.mul (i32.add (local.get $n) (i32.const 1)) (i32.const 4))
                    (i32.mul (array.len (local.get $tab)) (i32.const 3)))
        (then
          (array.set $arr_i64 (local.get $tab) (local.get $ins) (local.get $t))
          (struct.set $map $cpos (local.get $m) (local.get $ins))
          (struct.set $map $caux (local.get $m) (local.get $n))
          (return)))))
  (return_call_ref $map.t_regrow (local.get $m) (local.get $t) (global.get $map.g_regrow)))

;; $ti with room for one more entry (doubled, at least 4 entries).
(func $map.grow_ti (param $m (ref $map)) (result (ref $arr_i64))
  (local $ti (ref $arr_i64))
  (local $nti (ref $arr_i64))
  (local $n i32)
  (local.set $ti (ref.as_non_null (struct.get $map $ti (local.get $m))))
  (local.set $n (struct.get $map $len (local.get $m)))
  (if (i32.ge_u (local.get $n) (i32.const 0x10000000)) (then (call $list.oom)))
  (local.set $nti (array.new_default $arr_i64
    (select (i32.shl (array.len (local.get $ti)) (i32.const 1)) (i32.const 8) (array.len (local.get $ti)))))
  (array.copy $arr_i64 $arr_i64 (local.get $nti) (i32.const 0) (local.get $ti) (i32.const 0) (i32.shl (local.get $n) (i32.const 1)))
  (struct.set $map $ti (local.get $m) (local.get $nti))
  (local.get $nti))

;; ---- sorted order ----

;; The entry numbers of m in sorted key order (cached until the key set changes).
(func $map.order (param $m (ref $map)) (result (ref $arr_i32))
  (local $ord (ref null $arr_i32))
  (local $idx (ref $arr_i32))
  (local $n i32)
  (local $i i32)
  (local $k anyref)
  (local $allint i32)
  (local $x i64)
  (local $u i64)
  (local $nd i32)
  (local $p i64)
  (local $kc (ref $arr_i32))
  (local $ki (ref $arr_i64))
  (local $kt (ref $arr_ref))
  (local $kv (ref $arr_ref))
  (local $mark i32)
  (local $ti (ref null $arr_i64))
  (local.set $ord (struct.get $map $order (local.get $m)))
  (if (i32.eqz (ref.is_null (local.get $ord))) (then (return (ref.as_non_null (local.get $ord)))))
  ;; (a typed map's keys are all ints: the first branch below reads them from $ti)
  (local.set $n (struct.get $map $len (local.get $m)))
  (local.set $kv (struct.get $map $kv (local.get $m)))
  (local.set $ti (struct.get $map $ti (local.get $m)))
  (local.set $idx (call $sort.iota (local.get $n)))
  (if (i32.gt_u (local.get $n) (i32.const 1))
    (then
      (local.set $kc (array.new_default $arr_i32 (local.get $n)))
      (local.set $allint (i32.const 1))
      (block $done (loop $next
        (br_if $done (i32.eqz (ref.is_null (local.get $ti))))
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eqz (call $value.is_int (array.get $arr_ref (local.get $kv) (i32.shl (local.get $i) (i32.const 1)))))
          (then (local.set $allint (i32.const 0)) (br $done)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (local.set $i (i32.const 0))
      (if (local.get $allint)
        (then
          ;; decimal text order without text: sign, then the magnitude's digits padded
          ;; to 19 with zeros (a shorter prefix ties and then sorts first by length)
          (local.set $ki (array.new_default $arr_i64 (local.get $n)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $x
              (if (result i64) (ref.is_null (local.get $ti))
                (then (call $value.int_of (array.get $arr_ref (local.get $kv) (i32.shl (local.get $i) (i32.const 1)))))
                (else (array.get $arr_i64 (ref.as_non_null (local.get $ti)) (i32.shl (local.get $i) (i32.const 1))))))
            (local.set $u (select (i64.sub (i64.const 0) (local.get $x)) (local.get $x) (i64.lt_s (local.get $x) (i64.const 0))))
            (local.set $nd (i32.const 1))
            (local.set $p (i64.const 10))
            (block $counted (loop $count
              (br_if $counted (i32.ge_u (local.get $nd) (i32.const 19)))
              (br_if $counted (i64.lt_u (local.get $u) (local.get $p)))
              (local.set $p (i64.mul (local.get $p) (i64.const 10)))
              (local.set $nd (i32.add (local.get $nd) (i32.const 1)))
              (br $count)))
            (local.set $p (local.get $u))
            (local.set $mark (local.get $nd))
            (block $padded (loop $pad
              (br_if $padded (i32.ge_u (local.get $mark) (i32.const 19)))
              (local.set $p (i64.mul (local.get $p) (i64.const 10)))
              (local.set $mark (i32.add (local.get $mark) (i32.const 1)))
              (br $pad)))
            (array.set $arr_i64 (local.get $ki) (local.get $i) (local.get $p))
            (array.set $arr_i32 (local.get $kc) (local.get $i)
              (i32.or (i32.shl (i64.ge_s (local.get $x) (i64.const 0)) (i32.const 5)) (local.get $nd)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (global.set $sort.ki (local.get $ki))
          (global.set $sort.kc (local.get $kc))
          (call $sort.run (local.get $idx) (i32.const 2)))
        (else
          ;; texts: a string key's own bytes, str() of anything else; rank as in C's
          ;; any-keyed maps (nil 0, strings 1, then C's object kind + 1)
          (local.set $kt (array.new_default $arr_ref (local.get $n)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $k (array.get $arr_ref (local.get $kv) (i32.shl (local.get $i) (i32.const 1))))
            (if (ref.test (ref $str) (local.get $k))
              (then
                (array.set $arr_ref (local.get $kt) (local.get $i) (local.get $k))
                (array.set $arr_i32 (local.get $kc) (local.get $i) (i32.const 1)))
              (else
                (local.set $mark (global.get $value.blen))
                (call $value.fmt (local.get $k) (i32.const 2) (i32.const 0))
                (array.set $arr_ref (local.get $kt) (local.get $i) (call $value.take (local.get $mark)))
                (array.set $arr_i32 (local.get $kc) (local.get $i) (call $map.rank (local.get $k)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (global.set $sort.kt (local.get $kt))
          (global.set $sort.kc (local.get $kc))
          (call $sort.run (local.get $idx) (i32.const 3))))))
  (struct.set $map $order (local.get $m) (local.get $idx))
  (local.get $idx))

;; C's tie-break rank of a key with the text of another kind's key: 0 for nil, else
;; its object kind + 1 (list 3, map 4, struct 5, function 6, int 7, float 8, bool 9).
(func $map.rank (param $k anyref) (result i32)
  (local $kind i32)
  (local.set $kind (call $value.kind (local.get $k)))
  (if (i32.eqz (local.get $kind)) (then (return (i32.const 0))))
  (if (i32.eq (local.get $kind) (i32.const 4)) (then (return (i32.const 1))))
  (if (i32.le_u (local.get $kind) (i32.const 3))
    ;; int 1 -> 7, float 2 -> 8, bool 3 -> 9
    (then (return (i32.add (local.get $kind) (i32.const 6)))))
  ;; list 5 -> 3, map 6 -> 4, struct 7 -> 5, function 8 -> 6
  (i32.sub (local.get $kind) (i32.const 2)))

;; keys(m) / values(m) in sorted-key order as a list of the bank asked for
;; (0 i64, 1 f64, 2 bool, 3 ref); a key of another kind is C's bad cast.
(func $map.column (param $m (ref null $map)) (param $bank i32) (param $which i32) (result (ref $list))
  (local $n i32)
  (local $i i32)
  (local $ord (ref $arr_i32))
  (local $kv (ref $arr_ref))
  (local $out (ref $list))
  (local $ar (ref $arr_ref))
  (local $ti (ref null $arr_i64))
  (local.set $n (call $map.len32 (local.get $m)))
  (local.set $out (call $list.new_bank (local.get $bank) (local.get $n)))
  (if (i32.eqz (local.get $n)) (then (return (local.get $out))))
  (local.set $ord (call $map.order (ref.as_non_null (local.get $m))))
  (local.set $ti (struct.get $map $ti (ref.as_non_null (local.get $m))))
  (if (i32.eqz (ref.is_null (local.get $ti)))
    (then
      (if (i32.eqz (local.get $bank))
        (then
          ;; a typed map's ints into an int list, unboxed
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $mochi_list_push_i64 (ref.cast (ref $list_i64) (local.get $out))
              (array.get $arr_i64 (ref.as_non_null (local.get $ti))
                (i32.add (i32.shl (array.get $arr_i32 (local.get $ord) (local.get $i)) (i32.const 1)) (local.get $which))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (return (local.get $out))))
      (call $map.boxed (ref.as_non_null (local.get $m)))))
  (local.set $kv (struct.get $map $kv (ref.as_non_null (local.get $m))))
  (if (i32.eq (local.get $bank) (i32.const 3))
    (then
      (local.set $ar (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $out))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (array.set $arr_ref (local.get $ar) (local.get $i)
          (array.get $arr_ref (local.get $kv) (i32.add (i32.shl (array.get $arr_i32 (local.get $ord) (local.get $i)) (i32.const 1)) (local.get $which))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (struct.set $list $len (local.get $out) (local.get $n))
      (struct.set $list $wlen (local.get $out) (local.get $n))
      (return (local.get $out))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (call $list.push_any (local.get $out)
      (array.get $arr_ref (local.get $kv) (i32.add (i32.shl (array.get $arr_i32 (local.get $ord) (local.get $i)) (i32.const 1)) (local.get $which))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $out))

(func $map.len32 (param $m (ref null $map)) (result i32)
  (if (result i32) (ref.is_null (local.get $m))
    (then (i32.const 0))
    (else (struct.get $map $len (local.get $m)))))

(func $mochi_map_keys (param $m (ref null $map)) (param $bank i32) (result (ref $list))
  (call $map.column (local.get $m) (local.get $bank) (i32.const 0)))

(func $mochi_map_values (param $m (ref null $map)) (param $bank i32) (result (ref $list))
  (call $map.column (local.get $m) (local.get $bank) (i32.const 1)))

(func $mochi_map_eq (param $a (ref null $map)) (param $b (ref null $map)) (result i32)
  (local $x (ref $map))
  (local $y (ref $map))
  (local $n i32)
  (local $i i32)
  (local $j i32)
  (local $kv (ref $arr_ref))
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (if (i32.or (ref.is_null (local.get $a)) (ref.is_null (local.get $b))) (then (return (i32.const 0))))
  (local.set $x (ref.as_non_null (local.get $a)))
  (local.set $y (ref.as_non_null (local.get $b)))
  (call $map.boxed (local.get $x))
  (call $map.boxed (local.get $y))
  (local.set $n (struct.get $map $len (local.get $x)))
  (if (i32.ne (local.get $n) (struct.get $map $len (local.get $y))) (then (return (i32.const 0))))
  (local.set $kv (struct.get $map $kv (local.get $x)))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $j (call $map.lookup (local.get $y) (array.get $arr_ref (local.get $kv) (i32.shl (local.get $i) (i32.const 1)))))
    (if (i32.lt_s (local.get $j) (i32.const 0)) (then (return (i32.const 0))))
    (if (i32.eqz (call $mochi_any_eq
          (array.get $arr_ref (local.get $kv) (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))
          (array.get $arr_ref (struct.get $map $kv (local.get $y)) (i32.add (i32.shl (call $map.entry (local.get $y) (local.get $j)) (i32.const 1)) (i32.const 1)))))
      (then (return (i32.const 0))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (i32.const 1))
