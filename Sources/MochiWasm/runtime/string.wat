;; string.wat: immutable UTF-8 strings measured and indexed by code point, mirroring
;; Sources/MochiRuntime/mochi_string.c (and, from mochi_format.c, the integer and bool
;; forms and Go-style quoting). A $str is its bytes and its code-point count; when the
;; count equals the byte length the string is ASCII and indexing and slicing are O(1).
;; Invalid UTF-8 is handled as in C: every byte that is not a continuation byte
;; (10xxxxxx) starts a code point.
;;
;; A null string reads as the empty string everywhere. Strings are never mutated once
;; made, so results may share an argument (concat with an empty side returns the
;; other) and one-character ASCII strings come from a table built on first use.

(global $mochi_str_empty (ref $str) (struct.new $str (array.new_fixed $bytes 0) (i32.const 0)))

(func $mochi_str_or_empty (param $s (ref null $str)) (result (ref $str))
  (if (result (ref $str)) (ref.is_null (local.get $s))
    (then (global.get $mochi_str_empty))
    (else (ref.as_non_null (local.get $s)))))

(func $mochi_str_len (param $s (ref null $str)) (result i64)
  (if (result i64) (ref.is_null (local.get $s))
    (then (i64.const 0))
    (else (i64.extend_i32_u (struct.get $str $ncp (local.get $s))))))

;; Longest string the runtime makes, in bytes: engines trap on larger arrays (V8 near
;; 2^30), and a trap is not a Mochi runtime error, so past this it is `out of memory`.
(data $mochi_d.oom "out of memory")
(func $mochi_err_oom
  (call $mochi_rt_error
    (struct.new $str (array.new_data $bytes $mochi_d.oom (i32.const 0) (i32.const 13)) (i32.const 13)))
  (unreachable))

(func $mochi_str_concat (param $a (ref null $str)) (param $b (ref null $str)) (result (ref $str))
  (local $x (ref $bytes))
  (local $y (ref $bytes))
  (local $nx i32)
  (local $ny i32)
  (local $r (ref $bytes))
  (if (ref.is_null (local.get $a)) (then (return (call $mochi_str_or_empty (local.get $b)))))
  (if (ref.is_null (local.get $b)) (then (return (ref.as_non_null (local.get $a)))))
  (local.set $x (struct.get $str $b (local.get $a)))
  (local.set $y (struct.get $str $b (local.get $b)))
  (local.set $nx (array.len (local.get $x)))
  (local.set $ny (array.len (local.get $y)))
  (if (i32.eqz (local.get $ny)) (then (return (ref.as_non_null (local.get $a)))))
  (if (i32.eqz (local.get $nx)) (then (return (ref.as_non_null (local.get $b)))))
  (if (i32.gt_u (i32.add (local.get $nx) (local.get $ny)) (i32.const 0x3FFFFC00))
    (then (call $mochi_err_oom)))
  (local.set $r (array.new_default $bytes (i32.add (local.get $nx) (local.get $ny))))
  (array.copy $bytes $bytes (local.get $r) (i32.const 0) (local.get $x) (i32.const 0) (local.get $nx))
  (array.copy $bytes $bytes (local.get $r) (local.get $nx) (local.get $y) (i32.const 0) (local.get $ny))
  (struct.new $str (local.get $r)
    (i32.add (struct.get $str $ncp (local.get $a)) (struct.get $str $ncp (local.get $b)))))

;; Decimal form of an int (mochi_str_from_int: "%lld").
(func $mochi_fmt_i64 (param $v i64) (result (ref $str))
  (local $u i64)
  (local $neg i32)
  (local $n i32)
  (local $p i64)
  (local $r (ref $bytes))
  (local $k i32)
  (local.set $neg (i64.lt_s (local.get $v) (i64.const 0)))
  (local.set $u (select (i64.sub (i64.const 0) (local.get $v)) (local.get $v) (local.get $neg)))
  ;; digit count: 10^19 still fits in u64, and |v| <= 2^63 has at most 19 digits
  (local.set $n (i32.const 1))
  (local.set $p (i64.const 10))
  (block $counted
    (loop $count
      (br_if $counted (i64.lt_u (local.get $u) (local.get $p)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $counted (i32.eq (local.get $n) (i32.const 20)))
      (local.set $p (i64.mul (local.get $p) (i64.const 10)))
      (br $count)))
  (local.set $n (i32.add (local.get $n) (local.get $neg)))
  (local.set $r (array.new $bytes (i32.const 45) (local.get $n)))
  (local.set $k (local.get $n))
  (loop $digit
    (local.set $k (i32.sub (local.get $k) (i32.const 1)))
    (array.set $bytes (local.get $r) (local.get $k)
      (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $u) (i64.const 10)))))
    (local.set $u (i64.div_u (local.get $u) (i64.const 10)))
    (br_if $digit (i32.gt_s (local.get $k) (local.get $neg))))
  (struct.new $str (local.get $r) (local.get $n)))
