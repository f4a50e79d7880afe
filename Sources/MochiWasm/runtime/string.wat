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

;; "true" / "false" (mochi_str_from_bool).
(global $mochi_str_true (ref $str)
  (struct.new $str (array.new_fixed $bytes 4 (i32.const 116) (i32.const 114) (i32.const 117) (i32.const 101))
    (i32.const 4)))
(global $mochi_str_false (ref $str)
  (struct.new $str (array.new_fixed $bytes 5 (i32.const 102) (i32.const 97) (i32.const 108) (i32.const 115) (i32.const 101))
    (i32.const 5)))

(func $mochi_fmt_bool (param $v i32) (result (ref $str))
  (if (result (ref $str)) (local.get $v)
    (then (global.get $mochi_str_true))
    (else (global.get $mochi_str_false))))

;; ---- making strings ----

;; Code points in n bytes of b from off: the bytes that are not continuation bytes.
(func $mochi_count_cps (param $b (ref $bytes)) (param $off i32) (param $n i32) (result i32)
  (local $end i32)
  (local $c i32)
  (local.set $end (i32.add (local.get $off) (local.get $n)))
  (block $done
    (loop $scan
      (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $c (i32.add (local.get $c)
        (i32.ne (i32.and (array.get_u $bytes (local.get $b) (local.get $off)) (i32.const 0xC0))
                (i32.const 0x80))))
      (local.set $off (i32.add (local.get $off) (i32.const 1)))
      (br $scan)))
  (local.get $c))

;; A string of the bytes b (taken, not copied), its code points counted.
(func $mochi_str_from_bytes (param $b (ref $bytes)) (result (ref $str))
  (struct.new $str (local.get $b)
    (call $mochi_count_cps (local.get $b) (i32.const 0) (array.len (local.get $b)))))

;; One-byte strings of the bytes below 0x80, made on first use and shared.
(global $mochi_ascii1 (mut (ref null $arr_ref)) (ref.null $arr_ref))

;; The one-byte string of byte c (0..255).
(func $mochi_str_byte1 (param $c i32) (result (ref $str))
  (local $t (ref null $arr_ref))
  (local $e anyref)
  (local $s (ref $str))
  (if (i32.ge_u (local.get $c) (i32.const 0x80))
    (then
      (return (struct.new $str (array.new $bytes (local.get $c) (i32.const 1))
        (i32.ne (i32.and (local.get $c) (i32.const 0xC0)) (i32.const 0x80))))))
  (local.set $t (global.get $mochi_ascii1))
  (if (ref.is_null (local.get $t))
    (then
      (local.set $t (array.new_default $arr_ref (i32.const 128)))
      (global.set $mochi_ascii1 (local.get $t))))
  (local.set $e (array.get $arr_ref (local.get $t) (local.get $c)))
  (if (i32.eqz (ref.is_null (local.get $e)))
    (then (return (ref.cast (ref $str) (local.get $e)))))
  (local.set $s (struct.new $str (array.new $bytes (local.get $c) (i32.const 1)) (i32.const 1)))
  (array.set $arr_ref (local.get $t) (local.get $c) (local.get $s))
  (local.get $s))

;; A copy of n bytes of b from off.
(func $mochi_bytes_copy (param $b (ref $bytes)) (param $off i32) (param $n i32) (result (ref $bytes))
  (local $r (ref $bytes))
  (local.set $r (array.new_default $bytes (local.get $n)))
  (array.copy $bytes $bytes (local.get $r) (i32.const 0) (local.get $b) (local.get $off) (local.get $n))
  (local.get $r))

;; A new string of n bytes of s from off (mochi_str_new of a piece of s).
(func $mochi_str_piece (param $s (ref $str)) (param $off i32) (param $n i32) (result (ref $str))
  (local $b (ref $bytes))
  (local $r (ref $bytes))
  (local.set $b (struct.get $str $b (local.get $s)))
  (if (i32.eqz (local.get $n)) (then (return (global.get $mochi_str_empty))))
  (if (i32.eq (local.get $n) (i32.const 1))
    (then (return (call $mochi_str_byte1 (array.get_u $bytes (local.get $b) (local.get $off))))))
  (if (i32.and (i32.eqz (local.get $off)) (i32.eq (local.get $n) (array.len (local.get $b))))
    (then (return (local.get $s))))
  (local.set $r (array.new_default $bytes (local.get $n)))
  (array.copy $bytes $bytes (local.get $r) (i32.const 0) (local.get $b) (local.get $off) (local.get $n))
  (struct.new $str (local.get $r)
    (if (result i32) (i32.eq (struct.get $str $ncp (local.get $s)) (array.len (local.get $b)))
      (then (local.get $n))
      (else (call $mochi_count_cps (local.get $r) (i32.const 0) (local.get $n))))))

;; ---- code-point offsets ----

;; The last code-point offset found in a non-ASCII string: indexing s[i] for i = 0, 1,
;; 2, ... (or a slice after an index) resumes from there instead of from the start.
(global $mochi_cpc_s (mut (ref null $str)) (ref.null $str))
(global $mochi_cpc_i (mut i32) (i32.const 0))
(global $mochi_cpc_off (mut i32) (i32.const 0))

;; Byte offset of code point i of s, 0 <= i <= ncp (cp_offset in C: the ncp-th is the
;; byte length; in a non-ASCII string code point 0 is the first non-continuation byte).
(func $mochi_cp_offset (param $s (ref $str)) (param $i i32) (result i32)
  (local $b (ref $bytes))
  (local $n i32)
  (local $c i32)
  (local $off i32)
  (local.set $b (struct.get $str $b (local.get $s)))
  (local.set $n (array.len (local.get $b)))
  (if (i32.eq (struct.get $str $ncp (local.get $s)) (local.get $n))
    (then (return (local.get $i))))
  (if (i32.ge_u (local.get $i) (struct.get $str $ncp (local.get $s)))
    (then (return (local.get $n))))
  (block $start
    (if (ref.eq (local.get $s) (global.get $mochi_cpc_s))
      (then
        (local.set $c (global.get $mochi_cpc_i))
        (local.set $off (global.get $mochi_cpc_off))
        (br_if $start (i32.ge_u (local.get $i) (local.get $c)))
        (if (i32.lt_u (i32.sub (local.get $c) (local.get $i)) (local.get $i))
          (then
            ;; closer to the cached one: walk back to code point i
            (loop $back
              (local.set $off (i32.sub (local.get $off) (i32.const 1)))
              (if (i32.ne (i32.and (array.get_u $bytes (local.get $b) (local.get $off)) (i32.const 0xC0))
                          (i32.const 0x80))
                (then (local.set $c (i32.sub (local.get $c) (i32.const 1)))))
              (br_if $back (i32.gt_u (local.get $c) (local.get $i))))
            (br $start)))))
    ;; from the start: code point 0 is the first byte that is not a continuation byte
    (local.set $c (i32.const 0))
    (local.set $off (i32.const 0))
    (block $found
      (loop $skip
        (br_if $found (i32.ne (i32.and (array.get_u $bytes (local.get $b) (local.get $off)) (i32.const 0xC0))
                              (i32.const 0x80)))
        (local.set $off (i32.add (local.get $off) (i32.const 1)))
        (br $skip))))
  ;; forward from code point c at off to code point i
  (block $done
    (loop $fwd
      (br_if $done (i32.eq (local.get $c) (local.get $i)))
      (local.set $off (i32.add (local.get $off) (i32.const 1)))
      (local.set $c (i32.add (local.get $c)
        (i32.ne (i32.and (array.get_u $bytes (local.get $b) (local.get $off)) (i32.const 0xC0))
                (i32.const 0x80))))
      (br $fwd)))
  (global.set $mochi_cpc_s (local.get $s))
  (global.set $mochi_cpc_i (local.get $i))
  (global.set $mochi_cpc_off (local.get $off))
  (local.get $off))

;; Offset just past the code point starting at off: past its continuation bytes.
(func $mochi_cp_end (param $b (ref $bytes)) (param $off i32) (result i32)
  (local $n i32)
  (local.set $n (array.len (local.get $b)))
  (local.set $off (i32.add (local.get $off) (i32.const 1)))
  (block $done
    (loop $scan
      (br_if $done (i32.ge_u (local.get $off) (local.get $n)))
      (br_if $done (i32.ne (i32.and (array.get_u $bytes (local.get $b) (local.get $off)) (i32.const 0xC0))
                           (i32.const 0x80)))
      (local.set $off (i32.add (local.get $off) (i32.const 1)))
      (br $scan)))
  (local.get $off))

;; ---- indexing and slicing ----

(data $mochi_d.string "string")

(func $mochi_err_str_index (param $i i64) (param $n i64)
  (call $mochi_err_index
    (struct.new $str (array.new_data $bytes $mochi_d.string (i32.const 0) (i32.const 6)) (i32.const 6))
    (local.get $i) (local.get $n))
  (unreachable))

;; s[i]: the code point at i (from the end when negative), else
;; `string index out of range: I (len N)` (mochi_str_index).
(func $mochi_str_index (param $s (ref null $str)) (param $i i64) (result (ref $str))
  (local $n i32)
  (local $j i64)
  (local $str (ref $str))
  (local $b (ref $bytes))
  (local $off i32)
  (local $end i32)
  (local $r (ref $bytes))
  (if (i32.eqz (ref.is_null (local.get $s)))
    (then (local.set $n (struct.get $str $ncp (local.get $s)))))
  (local.set $j (local.get $i))
  (if (i64.lt_s (local.get $j) (i64.const 0))
    (then (local.set $j (i64.add (local.get $j) (i64.extend_i32_u (local.get $n))))))
  (if (i64.ge_u (local.get $j) (i64.extend_i32_u (local.get $n)))
    (then (call $mochi_err_str_index (local.get $i) (i64.extend_i32_u (local.get $n)))))
  (local.set $str (ref.as_non_null (local.get $s)))
  (local.set $b (struct.get $str $b (local.get $str)))
  (if (i32.eq (local.get $n) (array.len (local.get $b)))
    (then (return (call $mochi_str_byte1
      (array.get_u $bytes (local.get $b) (i32.wrap_i64 (local.get $j)))))))
  (local.set $off (call $mochi_cp_offset (local.get $str) (i32.wrap_i64 (local.get $j))))
  (local.set $end (call $mochi_cp_end (local.get $b) (local.get $off)))
  (if (i32.eq (local.get $end) (i32.add (local.get $off) (i32.const 1)))
    (then (return (call $mochi_str_byte1 (array.get_u $bytes (local.get $b) (local.get $off))))))
  (local.set $r (array.new_default $bytes (i32.sub (local.get $end) (local.get $off))))
  (array.copy $bytes $bytes (local.get $r) (i32.const 0) (local.get $b) (local.get $off)
    (i32.sub (local.get $end) (local.get $off)))
  (struct.new $str (local.get $r) (i32.const 1)))

;; s[a:b] by code points: negative bounds count from the end, then both are clamped to
;; [0, len] and b to at least a (mochi_str_slice's clamp_bounds).
(func $mochi_str_slice (param $s (ref null $str)) (param $a i64) (param $b i64) (result (ref $str))
  (local $str (ref $str))
  (local $n i64)
  (local $oa i32)
  (local $ob i32)
  (local $r (ref $bytes))
  (if (ref.is_null (local.get $s)) (then (return (global.get $mochi_str_empty))))
  (local.set $str (ref.as_non_null (local.get $s)))
  (local.set $n (i64.extend_i32_u (struct.get $str $ncp (local.get $str))))
  (if (i64.lt_s (local.get $a) (i64.const 0)) (then (local.set $a (i64.add (local.get $a) (local.get $n)))))
  (if (i64.lt_s (local.get $b) (i64.const 0)) (then (local.set $b (i64.add (local.get $b) (local.get $n)))))
  (if (i64.lt_s (local.get $a) (i64.const 0)) (then (local.set $a (i64.const 0))))
  (if (i64.gt_s (local.get $b) (local.get $n)) (then (local.set $b (local.get $n))))
  (if (i64.gt_s (local.get $a) (local.get $n)) (then (local.set $a (local.get $n))))
  (if (i64.lt_s (local.get $b) (local.get $a)) (then (local.set $b (local.get $a))))
  (if (i64.eq (local.get $a) (local.get $b)) (then (return (global.get $mochi_str_empty))))
  (local.set $oa (call $mochi_cp_offset (local.get $str) (i32.wrap_i64 (local.get $a))))
  (local.set $ob (call $mochi_cp_offset (local.get $str) (i32.wrap_i64 (local.get $b))))
  (if (i32.and (i32.eqz (local.get $oa))
               (i32.eq (local.get $ob) (array.len (struct.get $str $b (local.get $str)))))
    (then (return (local.get $str))))
  (if (i32.eq (i32.sub (local.get $ob) (local.get $oa)) (i32.const 1))
    (then (return (call $mochi_str_byte1
      (array.get_u $bytes (struct.get $str $b (local.get $str)) (local.get $oa))))))
  (local.set $r (array.new_default $bytes (i32.sub (local.get $ob) (local.get $oa))))
  (array.copy $bytes $bytes (local.get $r) (i32.const 0) (struct.get $str $b (local.get $str)) (local.get $oa)
    (i32.sub (local.get $ob) (local.get $oa)))
  (struct.new $str (local.get $r) (i32.wrap_i64 (i64.sub (local.get $b) (local.get $a)))))

;; ---- comparison and search ----

(func $mochi_str_eq (param $x (ref null $str)) (param $y (ref null $str)) (result i32)
  (local $a (ref $bytes))
  (local $b (ref $bytes))
  (local $n i32)
  (local $i i32)
  (if (ref.eq (local.get $x) (local.get $y)) (then (return (i32.const 1))))
  (local.set $a (struct.get $str $b (call $mochi_str_or_empty (local.get $x))))
  (local.set $b (struct.get $str $b (call $mochi_str_or_empty (local.get $y))))
  (local.set $n (array.len (local.get $a)))
  (if (i32.ne (local.get $n) (array.len (local.get $b))) (then (return (i32.const 0))))
  (block $done
    (loop $cmp
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (array.get_u $bytes (local.get $a) (local.get $i))
                  (array.get_u $bytes (local.get $b) (local.get $i)))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $cmp)))
  (i32.const 1))

;; Bytewise order (memcmp, then the shorter first): -1, 0 or 1.
(func $mochi_str_cmp (param $x (ref null $str)) (param $y (ref null $str)) (result i32)
  (local $a (ref $bytes))
  (local $b (ref $bytes))
  (local $na i32)
  (local $nb i32)
  (local $m i32)
  (local $i i32)
  (local $ca i32)
  (local $cb i32)
  (local.set $a (struct.get $str $b (call $mochi_str_or_empty (local.get $x))))
  (local.set $b (struct.get $str $b (call $mochi_str_or_empty (local.get $y))))
  (local.set $na (array.len (local.get $a)))
  (local.set $nb (array.len (local.get $b)))
  (local.set $m (select (local.get $na) (local.get $nb) (i32.lt_u (local.get $na) (local.get $nb))))
  (block $done
    (loop $cmp
      (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $ca (array.get_u $bytes (local.get $a) (local.get $i)))
      (local.set $cb (array.get_u $bytes (local.get $b) (local.get $i)))
      (if (i32.ne (local.get $ca) (local.get $cb))
        (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $ca) (local.get $cb))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $cmp)))
  (i32.sub (i32.gt_u (local.get $na) (local.get $nb)) (i32.lt_u (local.get $na) (local.get $nb))))

;; Offset of the first occurrence of needle in hay at or after from, -1 when absent
;; (find_bytes: an empty needle is found at from).
(func $mochi_find_bytes (param $h (ref $bytes)) (param $nd (ref $bytes)) (param $from i32) (result i32)
  (local $nh i32)
  (local $nn i32)
  (local $last i32)
  (local $first i32)
  (local $i i32)
  (local $j i32)
  (local.set $nh (array.len (local.get $h)))
  (local.set $nn (array.len (local.get $nd)))
  (if (i32.eqz (local.get $nn))
    (then (return (select (local.get $from) (i32.const -1) (i32.le_u (local.get $from) (local.get $nh))))))
  (if (i32.gt_u (local.get $nn) (local.get $nh)) (then (return (i32.const -1))))
  (local.set $last (i32.sub (local.get $nh) (local.get $nn)))
  (local.set $first (array.get_u $bytes (local.get $nd) (i32.const 0)))
  (local.set $i (local.get $from))
  (block $none
    (loop $at
      (br_if $none (i32.gt_s (local.get $i) (local.get $last)))
      (if (i32.eq (array.get_u $bytes (local.get $h) (local.get $i)) (local.get $first))
        (then
          (local.set $j (i32.const 1))
          (block $differ
            (loop $cmp
              (if (i32.ge_u (local.get $j) (local.get $nn)) (then (return (local.get $i))))
              (br_if $differ (i32.ne
                (array.get_u $bytes (local.get $h) (i32.add (local.get $i) (local.get $j)))
                (array.get_u $bytes (local.get $nd) (local.get $j))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $cmp)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $at)))
  (i32.const -1))

(func $mochi_str_contains (param $s (ref null $str)) (param $sub (ref null $str)) (result i32)
  (i32.ge_s
    (call $mochi_find_bytes
      (struct.get $str $b (call $mochi_str_or_empty (local.get $s)))
      (struct.get $str $b (call $mochi_str_or_empty (local.get $sub)))
      (i32.const 0))
    (i32.const 0)))

;; Code-point index of the first occurrence of sub, -1 when absent (op str.find).
(func $mochi_str_index_of (param $s (ref null $str)) (param $sub (ref null $str)) (result i64)
  (local $str (ref $str))
  (local $off i32)
  (local.set $str (call $mochi_str_or_empty (local.get $s)))
  (local.set $off (call $mochi_find_bytes
    (struct.get $str $b (local.get $str))
    (struct.get $str $b (call $mochi_str_or_empty (local.get $sub)))
    (i32.const 0)))
  (if (i32.lt_s (local.get $off) (i32.const 0)) (then (return (i64.const -1))))
  (if (i32.eq (struct.get $str $ncp (local.get $str)) (array.len (struct.get $str $b (local.get $str))))
    (then (return (i64.extend_i32_u (local.get $off)))))
  (i64.extend_i32_u (call $mochi_count_cps (struct.get $str $b (local.get $str)) (i32.const 0) (local.get $off))))

;; Whether n bytes of a from ao equal n bytes of b from bo.
(func $mochi_bytes_eq_at (param $a (ref $bytes)) (param $ao i32) (param $b (ref $bytes)) (param $bo i32) (param $n i32) (result i32)
  (local $i i32)
  (block $done
    (loop $cmp
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (array.get_u $bytes (local.get $a) (i32.add (local.get $ao) (local.get $i)))
                  (array.get_u $bytes (local.get $b) (i32.add (local.get $bo) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $cmp)))
  (i32.const 1))

(func $mochi_str_starts_with (param $s (ref null $str)) (param $p (ref null $str)) (result i32)
  (local $a (ref $bytes))
  (local $b (ref $bytes))
  (local.set $a (struct.get $str $b (call $mochi_str_or_empty (local.get $s))))
  (local.set $b (struct.get $str $b (call $mochi_str_or_empty (local.get $p))))
  (if (i32.gt_u (array.len (local.get $b)) (array.len (local.get $a))) (then (return (i32.const 0))))
  (call $mochi_bytes_eq_at (local.get $a) (i32.const 0) (local.get $b) (i32.const 0) (array.len (local.get $b))))

(func $mochi_str_ends_with (param $s (ref null $str)) (param $p (ref null $str)) (result i32)
  (local $a (ref $bytes))
  (local $b (ref $bytes))
  (local.set $a (struct.get $str $b (call $mochi_str_or_empty (local.get $s))))
  (local.set $b (struct.get $str $b (call $mochi_str_or_empty (local.get $p))))
  (if (i32.gt_u (array.len (local.get $b)) (array.len (local.get $a))) (then (return (i32.const 0))))
  (call $mochi_bytes_eq_at (local.get $a) (i32.sub (array.len (local.get $a)) (array.len (local.get $b)))
    (local.get $b) (i32.const 0) (array.len (local.get $b))))

;; ---- case, trim, reverse ----

;; ASCII letters only, as C (map_ascii): lo..hi shifted by delta; other bytes unchanged.
;; Returns s itself when no byte changes.
(func $mochi_str_map_ascii (param $s (ref null $str)) (param $lo i32) (param $delta i32) (result (ref $str))
  (local $str (ref $str))
  (local $b (ref $bytes))
  (local $r (ref $bytes))
  (local $n i32)
  (local $i i32)
  (local $c i32)
  (local.set $str (call $mochi_str_or_empty (local.get $s)))
  (local.set $b (struct.get $str $b (local.get $str)))
  (local.set $n (array.len (local.get $b)))
  ;; the first byte to change
  (block $found
    (loop $scan
      (if (i32.ge_u (local.get $i) (local.get $n)) (then (return (local.get $str))))
      (br_if $found (i32.lt_u
        (i32.sub (array.get_u $bytes (local.get $b) (local.get $i)) (local.get $lo))
        (i32.const 26)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (local.set $r (array.new_default $bytes (local.get $n)))
  (array.copy $bytes $bytes (local.get $r) (i32.const 0) (local.get $b) (i32.const 0) (local.get $n))
  (loop $map
    (local.set $c (array.get_u $bytes (local.get $r) (local.get $i)))
    (if (i32.lt_u (i32.sub (local.get $c) (local.get $lo)) (i32.const 26))
      (then (array.set $bytes (local.get $r) (local.get $i) (i32.add (local.get $c) (local.get $delta)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $map (i32.lt_u (local.get $i) (local.get $n))))
  (struct.new $str (local.get $r) (struct.get $str $ncp (local.get $str))))

(func $mochi_str_upper (param $s (ref null $str)) (result (ref $str))
  (call $mochi_str_map_ascii (local.get $s) (i32.const 97) (i32.const -32)))

(func $mochi_str_lower (param $s (ref null $str)) (result (ref $str))
  (call $mochi_str_map_ascii (local.get $s) (i32.const 65) (i32.const 32)))

;; C's is_space: space, \t, \n, \v, \f, \r.
(func $mochi_is_space (param $c i32) (result i32)
  (i32.or (i32.eq (local.get $c) (i32.const 32))
          (i32.lt_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 5))))

;; Leading and trailing ASCII white space removed. The bytes removed are each one code
;; point, so the count of what is left needs no rescan.
(func $mochi_str_trim (param $s (ref null $str)) (result (ref $str))
  (local $str (ref $str))
  (local $b (ref $bytes))
  (local $a i32)
  (local $e i32)
  (local $r (ref $bytes))
  (local.set $str (call $mochi_str_or_empty (local.get $s)))
  (local.set $b (struct.get $str $b (local.get $str)))
  (local.set $e (array.len (local.get $b)))
  (block $d1
    (loop $front
      (br_if $d1 (i32.ge_u (local.get $a) (local.get $e)))
      (br_if $d1 (i32.eqz (call $mochi_is_space (array.get_u $bytes (local.get $b) (local.get $a)))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (br $front)))
  (block $d2
    (loop $back
      (br_if $d2 (i32.le_u (local.get $e) (local.get $a)))
      (br_if $d2 (i32.eqz (call $mochi_is_space
        (array.get_u $bytes (local.get $b) (i32.sub (local.get $e) (i32.const 1))))))
      (local.set $e (i32.sub (local.get $e) (i32.const 1)))
      (br $back)))
  (if (i32.and (i32.eqz (local.get $a)) (i32.eq (local.get $e) (array.len (local.get $b))))
    (then (return (local.get $str))))
  (if (i32.eq (local.get $a) (local.get $e)) (then (return (global.get $mochi_str_empty))))
  (local.set $r (array.new_default $bytes (i32.sub (local.get $e) (local.get $a))))
  (array.copy $bytes $bytes (local.get $r) (i32.const 0) (local.get $b) (local.get $a)
    (i32.sub (local.get $e) (local.get $a)))
  (struct.new $str (local.get $r)
    (i32.sub (struct.get $str $ncp (local.get $str))
      (i32.sub (array.len (local.get $b)) (i32.sub (local.get $e) (local.get $a))))))

;; Code points in reverse order; a code point is a byte and the continuation bytes after
;; it (so leading continuation bytes travel with the first byte, as in C).
(func $mochi_str_reverse (param $s (ref null $str)) (result (ref $str))
  (local $str (ref $str))
  (local $b (ref $bytes))
  (local $r (ref $bytes))
  (local $n i32)
  (local $i i32)
  (local $j i32)
  (local $out i32)
  (local.set $str (call $mochi_str_or_empty (local.get $s)))
  (local.set $b (struct.get $str $b (local.get $str)))
  (local.set $n (array.len (local.get $b)))
  (if (i32.le_u (local.get $n) (i32.const 1)) (then (return (local.get $str))))
  (local.set $r (array.new_default $bytes (local.get $n)))
  (local.set $out (local.get $n))
  (if (i32.eq (struct.get $str $ncp (local.get $str)) (local.get $n))
    (then
      (loop $ascii
        (local.set $out (i32.sub (local.get $out) (i32.const 1)))
        (array.set $bytes (local.get $r) (local.get $out) (array.get_u $bytes (local.get $b) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $ascii (i32.lt_u (local.get $i) (local.get $n))))
      (return (struct.new $str (local.get $r) (local.get $n)))))
  (loop $cp
    (local.set $j (call $mochi_cp_end (local.get $b) (local.get $i)))
    (local.set $out (i32.sub (local.get $out) (i32.sub (local.get $j) (local.get $i))))
    (array.copy $bytes $bytes (local.get $r) (local.get $out) (local.get $b) (local.get $i)
      (i32.sub (local.get $j) (local.get $i)))
    (local.set $i (local.get $j))
    (br_if $cp (i32.lt_u (local.get $i) (local.get $n))))
  (struct.new $str (local.get $r) (struct.get $str $ncp (local.get $str))))

;; ---- split, join, repeat, pad ----

;; Appends e to the store of a list being built, doubling it when full; returns the store.
(func $mochi_arr_ref_put (param $a (ref $arr_ref)) (param $k i32) (param $e anyref) (result (ref $arr_ref))
  (local $g (ref $arr_ref))
  (if (i32.ge_u (local.get $k) (array.len (local.get $a)))
    (then
      (local.set $g (array.new_default $arr_ref (i32.shl (i32.add (local.get $k) (i32.const 2)) (i32.const 1))))
      (array.copy $arr_ref $arr_ref (local.get $g) (i32.const 0) (local.get $a) (i32.const 0) (local.get $k))
      (local.set $a (local.get $g))))
  (array.set $arr_ref (local.get $a) (local.get $k) (local.get $e))
  (local.get $a))

;; s split at each occurrence of sep; an empty sep splits into code points (mochi_str_split).
(func $mochi_str_split (param $s (ref null $str)) (param $sep (ref null $str)) (result (ref $list_ref))
  (local $str (ref $str))
  (local $b (ref $bytes))
  (local $p (ref $bytes))
  (local $a (ref $arr_ref))
  (local $n i32)
  (local $k i32)
  (local $i i32)
  (local $j i32)
  (local $at i32)
  (local.set $str (call $mochi_str_or_empty (local.get $s)))
  (local.set $b (struct.get $str $b (local.get $str)))
  (local.set $p (struct.get $str $b (call $mochi_str_or_empty (local.get $sep))))
  (local.set $n (array.len (local.get $b)))
  (if (i32.eqz (array.len (local.get $p)))
    (then
      ;; one string per code point
      (local.set $k (struct.get $str $ncp (local.get $str)))
      (local.set $a (array.new_default $arr_ref (local.get $k)))
      (if (i32.eqz (local.get $k))
        (then (return (struct.new $list_ref (i32.const 0) (i32.const 0) (i32.const 1) (local.get $a)))))
      (if (i32.eq (local.get $k) (local.get $n))
        (then
          (loop $ascii
            (array.set $arr_ref (local.get $a) (local.get $i)
              (call $mochi_str_byte1 (array.get_u $bytes (local.get $b) (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $ascii (i32.lt_u (local.get $i) (local.get $n))))
          (return (struct.new $list_ref (local.get $k) (local.get $k) (i32.const 1) (local.get $a)))))
      ;; code point 0 is the first non-continuation byte
      (local.set $i (call $mochi_cp_offset (local.get $str) (i32.const 0)))
      (local.set $at (i32.const 0))
      (loop $cp
        (local.set $j (call $mochi_cp_end (local.get $b) (local.get $i)))
        (array.set $arr_ref (local.get $a) (local.get $at)
          (if (result (ref $str)) (i32.eq (local.get $j) (i32.add (local.get $i) (i32.const 1)))
            (then (call $mochi_str_byte1 (array.get_u $bytes (local.get $b) (local.get $i))))
            (else (struct.new $str
              (call $mochi_bytes_copy (local.get $b) (local.get $i) (i32.sub (local.get $j) (local.get $i)))
              (i32.const 1)))))
        (local.set $i (local.get $j))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br_if $cp (i32.lt_u (local.get $at) (local.get $k))))
      (return (struct.new $list_ref (local.get $k) (local.get $k) (i32.const 1) (local.get $a)))))
  (local.set $a (array.new_default $arr_ref (i32.const 4)))
  (loop $piece
    (local.set $at (call $mochi_find_bytes (local.get $b) (local.get $p) (local.get $i)))
    (if (i32.ge_s (local.get $at) (i32.const 0))
      (then
        (local.set $a (call $mochi_arr_ref_put (local.get $a) (local.get $k)
          (call $mochi_str_piece (local.get $str) (local.get $i) (i32.sub (local.get $at) (local.get $i)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $i (i32.add (local.get $at) (array.len (local.get $p))))
        (br $piece))))
  (local.set $a (call $mochi_arr_ref_put (local.get $a) (local.get $k)
    (call $mochi_str_piece (local.get $str) (local.get $i) (i32.sub (local.get $n) (local.get $i)))))
  (struct.new $list_ref (i32.add (local.get $k) (i32.const 1)) (i32.add (local.get $k) (i32.const 1)) (i32.const 1) (local.get $a)))

;; The elements joined with sep between them; an element that is not a string is
;; written in its str() form (mochi_str_join).
(func $mochi_str_join (param $l (ref null $list_ref)) (param $sep (ref null $str)) (result (ref $str))
  (local $n i32)
  (local $data (ref $arr_ref))
  (local $parts (ref $arr_ref))
  (local $copied i32)
  (local $i i32)
  (local $e anyref)
  (local $es (ref null $str))
  (local $total i64)
  (local $ncp i64)
  (local $sp (ref $str))
  (local $ns i32)
  (local $r (ref $bytes))
  (local $at i32)
  (local $pb (ref $bytes))
  (if (ref.is_null (local.get $l)) (then (return (global.get $mochi_str_empty))))
  (local.set $n (struct.get $list_ref $len (local.get $l)))
  (if (i32.le_s (local.get $n) (i32.const 0)) (then (return (global.get $mochi_str_empty))))
  (local.set $data (struct.get $list_ref $data (local.get $l)))
  (local.set $parts (local.get $data))
  (local.set $sp (call $mochi_str_or_empty (local.get $sep)))
  (local.set $ns (array.len (struct.get $str $b (local.get $sp))))
  ;; sizes; elements that are not strings are formatted once, into a copy of the store
  (loop $size
    (local.set $e (array.get $arr_ref (local.get $parts) (local.get $i)))
    (if (ref.test (ref $str) (local.get $e))
      (then (local.set $es (ref.cast (ref $str) (local.get $e))))
      (else
        (if (i32.eqz (local.get $copied))
          (then
            (local.set $parts (array.new_default $arr_ref (local.get $n)))
            (array.copy $arr_ref $arr_ref (local.get $parts) (i32.const 0) (local.get $data) (i32.const 0) (local.get $n))
            (local.set $copied (i32.const 1))))
        (local.set $es (call $mochi_str_any (local.get $e)))
        (array.set $arr_ref (local.get $parts) (local.get $i) (local.get $es))))
    (local.set $total (i64.add (local.get $total) (i64.extend_i32_u (array.len (struct.get $str $b (local.get $es))))))
    (local.set $ncp (i64.add (local.get $ncp) (i64.extend_i32_u (struct.get $str $ncp (local.get $es)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $size (i32.lt_u (local.get $i) (local.get $n))))
  (if (i32.eq (local.get $n) (i32.const 1)) (then (return (ref.as_non_null (local.get $es)))))
  (local.set $total (i64.add (local.get $total)
    (i64.mul (i64.extend_i32_u (i32.sub (local.get $n) (i32.const 1))) (i64.extend_i32_u (local.get $ns)))))
  (local.set $ncp (i64.add (local.get $ncp)
    (i64.mul (i64.extend_i32_u (i32.sub (local.get $n) (i32.const 1)))
             (i64.extend_i32_u (struct.get $str $ncp (local.get $sp))))))
  (if (i64.gt_u (local.get $total) (i64.const 0x3FFFFC00)) (then (call $mochi_err_oom)))
  (local.set $r (array.new_default $bytes (i32.wrap_i64 (local.get $total))))
  (local.set $i (i32.const 0))
  (loop $copy
    (if (i32.and (i32.ne (local.get $i) (i32.const 0)) (i32.ne (local.get $ns) (i32.const 0)))
      (then
        (array.copy $bytes $bytes (local.get $r) (local.get $at) (struct.get $str $b (local.get $sp)) (i32.const 0) (local.get $ns))
        (local.set $at (i32.add (local.get $at) (local.get $ns)))))
    (local.set $pb (struct.get $str $b (ref.cast (ref $str) (array.get $arr_ref (local.get $parts) (local.get $i)))))
    (array.copy $bytes $bytes (local.get $r) (local.get $at) (local.get $pb) (i32.const 0) (array.len (local.get $pb)))
    (local.set $at (i32.add (local.get $at) (array.len (local.get $pb))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $copy (i32.lt_u (local.get $i) (local.get $n))))
  (struct.new $str (local.get $r) (i32.wrap_i64 (local.get $ncp))))

;; Fills r[at + filled, at + total) by copying r[at, at + filled) onto its own end,
;; doubling what is there (repeat and padding: log n copies, not n).
(func $mochi_bytes_double (param $r (ref $bytes)) (param $at i32) (param $filled i32) (param $total i32)
  (local $k i32)
  (block $done
    (loop $more
      (br_if $done (i32.ge_u (local.get $filled) (local.get $total)))
      (local.set $k (i32.sub (local.get $total) (local.get $filled)))
      (if (i32.gt_u (local.get $k) (local.get $filled)) (then (local.set $k (local.get $filled))))
      (array.copy $bytes $bytes (local.get $r) (i32.add (local.get $at) (local.get $filled))
        (local.get $r) (local.get $at) (local.get $k))
      (local.set $filled (i32.add (local.get $filled) (local.get $k)))
      (br $more))))

;; s repeated n times; nothing for n <= 0 (mochi_str_repeat; past the size limit,
;; `out of memory` as C past 2^40 bytes).
(func $mochi_str_repeat (param $s (ref null $str)) (param $n i64) (result (ref $str))
  (local $str (ref $str))
  (local $b (ref $bytes))
  (local $len i32)
  (local $total i32)
  (local $r (ref $bytes))
  (local.set $str (call $mochi_str_or_empty (local.get $s)))
  (local.set $b (struct.get $str $b (local.get $str)))
  (local.set $len (array.len (local.get $b)))
  (if (i32.or (i64.le_s (local.get $n) (i64.const 0)) (i32.eqz (local.get $len)))
    (then (return (global.get $mochi_str_empty))))
  (if (i64.gt_u (local.get $n) (i64.div_u (i64.const 0x3FFFFC00) (i64.extend_i32_u (local.get $len))))
    (then (call $mochi_err_oom)))
  (if (i64.eq (local.get $n) (i64.const 1)) (then (return (local.get $str))))
  (local.set $total (i32.mul (i32.wrap_i64 (local.get $n)) (local.get $len)))
  (local.set $r (array.new_default $bytes (local.get $total)))
  (array.copy $bytes $bytes (local.get $r) (i32.const 0) (local.get $b) (i32.const 0) (local.get $len))
  (call $mochi_bytes_double (local.get $r) (i32.const 0) (local.get $len) (local.get $total))
  (struct.new $str (local.get $r) (i32.mul (i32.wrap_i64 (local.get $n)) (struct.get $str $ncp (local.get $str)))))

;; s with code points of p, cycled, put in front until it is width code points long
;; (mochi_str_pad_start). Each cycle is p from its code point 0 (leading continuation
;; bytes are not part of any code point), as C copies it code point by code point.
(func $mochi_str_pad_start (param $s (ref null $str)) (param $w i64) (param $p (ref null $str)) (result (ref $str))
  (local $str (ref $str))
  (local $pad (ref $str))
  (local $pb (ref $bytes))
  (local $n i64)
  (local $np i64)
  (local $k i64)
  (local $full i64)
  (local $u0 i32)
  (local $unit i32)
  (local $remb i32)
  (local $fullb i32)
  (local $sn i32)
  (local $total i64)
  (local $r (ref $bytes))
  (local.set $str (call $mochi_str_or_empty (local.get $s)))
  (local.set $pad (call $mochi_str_or_empty (local.get $p)))
  (local.set $n (i64.extend_i32_u (struct.get $str $ncp (local.get $str))))
  (local.set $np (i64.extend_i32_u (struct.get $str $ncp (local.get $pad))))
  (if (i32.or (i64.ge_s (local.get $n) (local.get $w)) (i64.eqz (local.get $np)))
    (then (return (local.get $str))))
  (local.set $k (i64.sub (local.get $w) (local.get $n)))
  (local.set $full (i64.div_u (local.get $k) (local.get $np)))
  (local.set $pb (struct.get $str $b (local.get $pad)))
  (local.set $u0 (call $mochi_cp_offset (local.get $pad) (i32.const 0)))
  (local.set $unit (i32.sub (array.len (local.get $pb)) (local.get $u0)))
  (if (i64.gt_u (local.get $full) (i64.div_u (i64.const 0x3FFFFC00) (i64.extend_i32_u (local.get $unit))))
    (then (call $mochi_err_oom)))
  (local.set $remb (i32.sub
    (call $mochi_cp_offset (local.get $pad) (i32.wrap_i64 (i64.rem_u (local.get $k) (local.get $np))))
    (local.get $u0)))
  (local.set $fullb (i32.mul (i32.wrap_i64 (local.get $full)) (local.get $unit)))
  (local.set $sn (array.len (struct.get $str $b (local.get $str))))
  (local.set $total (i64.add (i64.extend_i32_u (local.get $fullb))
    (i64.extend_i32_u (i32.add (local.get $remb) (local.get $sn)))))
  (if (i64.gt_u (local.get $total) (i64.const 0x3FFFFC00)) (then (call $mochi_err_oom)))
  (local.set $r (array.new_default $bytes (i32.wrap_i64 (local.get $total))))
  (if (local.get $fullb)
    (then
      (array.copy $bytes $bytes (local.get $r) (i32.const 0) (local.get $pb) (local.get $u0) (local.get $unit))
      (call $mochi_bytes_double (local.get $r) (i32.const 0) (local.get $unit) (local.get $fullb))))
  (array.copy $bytes $bytes (local.get $r) (local.get $fullb) (local.get $pb) (local.get $u0) (local.get $remb))
  (array.copy $bytes $bytes (local.get $r) (i32.add (local.get $fullb) (local.get $remb))
    (struct.get $str $b (local.get $str)) (i32.const 0) (local.get $sn))
  (struct.new $str (local.get $r) (i32.wrap_i64 (local.get $w))))

;; ---- code points ----

;; The first code point of s (op str.ord); a malformed or cut-short sequence is U+FFFD,
;; the empty string `string index out of range: 0 (len 0)` (mochi_str_code_point).
(func $mochi_str_code_point (param $s (ref null $str)) (result i64)
  (local $b (ref $bytes))
  (local $n i32)
  (local $c i32)
  (local $need i32)
  (local $cp i32)
  (local $k i32)
  (local $x i32)
  (local.set $b (struct.get $str $b (call $mochi_str_or_empty (local.get $s))))
  (local.set $n (array.len (local.get $b)))
  (if (i32.eqz (local.get $n)) (then (call $mochi_err_str_index (i64.const 0) (i64.const 0))))
  (local.set $c (array.get_u $bytes (local.get $b) (i32.const 0)))
  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (i64.extend_i32_u (local.get $c)))))
  (if (i32.lt_u (local.get $c) (i32.const 0xC0)) (then (return (i64.const 0xFFFD))))
  (local.set $need
    (select (i32.const 3)
      (select (i32.const 2) (i32.const 1) (i32.ge_u (local.get $c) (i32.const 0xE0)))
      (i32.ge_u (local.get $c) (i32.const 0xF0))))
  (if (i32.ge_u (local.get $need) (local.get $n)) (then (return (i64.const 0xFFFD))))
  (local.set $cp (i32.and (local.get $c)
    (select (i32.const 0x07)
      (select (i32.const 0x0F) (i32.const 0x1F) (i32.eq (local.get $need) (i32.const 2)))
      (i32.eq (local.get $need) (i32.const 3)))))
  (local.set $k (i32.const 1))
  (loop $cont
    (local.set $x (array.get_u $bytes (local.get $b) (local.get $k)))
    (if (i32.ne (i32.and (local.get $x) (i32.const 0xC0)) (i32.const 0x80))
      (then (return (i64.const 0xFFFD))))
    (local.set $cp (i32.or (i32.shl (local.get $cp) (i32.const 6)) (i32.and (local.get $x) (i32.const 0x3F))))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (br_if $cont (i32.le_u (local.get $k) (local.get $need))))
  (i64.extend_i32_u (local.get $cp)))

;; The one-code-point string of cp (op str.chr); outside Unicode or a surrogate it is
;; U+FFFD (mochi_str_from_code_point).
(func $mochi_str_from_code_point (param $v i64) (result (ref $str))
  (local $cp i32)
  (if (i32.or (i64.gt_u (local.get $v) (i64.const 0x10FFFF))
              (i64.lt_u (i64.sub (local.get $v) (i64.const 0xD800)) (i64.const 0x800)))
    (then (local.set $v (i64.const 0xFFFD))))
  (local.set $cp (i32.wrap_i64 (local.get $v)))
  (if (i32.lt_u (local.get $cp) (i32.const 0x80))
    (then (return (call $mochi_str_byte1 (local.get $cp)))))
  (if (i32.lt_u (local.get $cp) (i32.const 0x800))
    (then (return (struct.new $str
      (array.new_fixed $bytes 2
        (i32.or (i32.const 0xC0) (i32.shr_u (local.get $cp) (i32.const 6)))
        (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 0x3F))))
      (i32.const 1)))))
  (if (i32.lt_u (local.get $cp) (i32.const 0x10000))
    (then (return (struct.new $str
      (array.new_fixed $bytes 3
        (i32.or (i32.const 0xE0) (i32.shr_u (local.get $cp) (i32.const 12)))
        (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 6)) (i32.const 0x3F)))
        (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 0x3F))))
      (i32.const 1)))))
  (struct.new $str
    (array.new_fixed $bytes 4
      (i32.or (i32.const 0xF0) (i32.shr_u (local.get $cp) (i32.const 18)))
      (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 12)) (i32.const 0x3F)))
      (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 6)) (i32.const 0x3F)))
      (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 0x3F))))
    (i32.const 1)))

;; ---- quoting (mochi_format.c's quote_go) ----

;; Length of the valid UTF-8 sequence at i (n bytes in all), 0 when invalid (utf8_len).
(func $mochi_utf8_len (param $b (ref $bytes)) (param $i i32) (param $n i32) (result i32)
  (local $c i32)
  (local $need i32)
  (local $k i32)
  (local.set $c (array.get_u $bytes (local.get $b) (local.get $i)))
  (local.set $need
    (if (result i32) (i32.lt_u (local.get $c) (i32.const 0x80))
      (then (i32.const 1))
      (else (if (result i32) (i32.eq (i32.and (local.get $c) (i32.const 0xE0)) (i32.const 0xC0))
        (then (i32.const 2))
        (else (if (result i32) (i32.eq (i32.and (local.get $c) (i32.const 0xF0)) (i32.const 0xE0))
          (then (i32.const 3))
          (else (select (i32.const 4) (i32.const 0)
            (i32.eq (i32.and (local.get $c) (i32.const 0xF8)) (i32.const 0xF0))))))))))
  (if (i32.or (i32.eqz (local.get $need))
              (i32.gt_u (local.get $need) (i32.sub (local.get $n) (local.get $i))))
    (then (return (i32.const 0))))
  (local.set $k (i32.const 1))
  (block $ok
    (loop $cont
      (br_if $ok (i32.ge_u (local.get $k) (local.get $need)))
      (if (i32.ne (i32.and (array.get_u $bytes (local.get $b) (i32.add (local.get $i) (local.get $k))) (i32.const 0xC0))
                  (i32.const 0x80))
        (then (return (i32.const 0))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $cont)))
  (if (i32.and (i32.eq (local.get $need) (i32.const 2)) (i32.lt_u (local.get $c) (i32.const 0xC2)))
    (then (return (i32.const 0))))
  (local.get $need))

;; The letter of a two-byte escape of ASCII byte c (\" \\ \n \t \r \a \b \f \v), else 0.
(func $mochi_quote_esc (param $c i32) (result i32)
  (if (i32.eq (local.get $c) (i32.const 34)) (then (return (i32.const 34))))
  (if (i32.eq (local.get $c) (i32.const 92)) (then (return (i32.const 92))))
  (if (i32.ge_u (local.get $c) (i32.const 14)) (then (return (i32.const 0))))
  (if (i32.lt_u (local.get $c) (i32.const 7)) (then (return (i32.const 0))))
  ;; 7 a, 8 b, 9 t, 10 n, 11 v, 12 f, 13 r
  (select (i32.const 97)
    (select (i32.const 98)
      (select (i32.const 116)
        (select (i32.const 110)
          (select (i32.const 118)
            (select (i32.const 102) (i32.const 114) (i32.eq (local.get $c) (i32.const 12)))
            (i32.eq (local.get $c) (i32.const 11)))
          (i32.eq (local.get $c) (i32.const 10)))
        (i32.eq (local.get $c) (i32.const 9)))
      (i32.eq (local.get $c) (i32.const 8)))
    (i32.eq (local.get $c) (i32.const 7))))

(func $mochi_hex_digit (param $x i32) (result i32)
  (i32.add (local.get $x) (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $x) (i32.const 10)))))

;; s in double quotes with Go's escapes (strconv.Quote as C writes it): \" \\ \n \t \r
;; \a \b \f \v, \xNN for other control bytes, DEL and bytes that are not valid UTF-8;
;; valid multi-byte sequences are kept (mochi_str_quote).
(func $mochi_str_quote (param $s (ref null $str)) (result (ref $str))
  (local $b (ref $bytes))
  (local $r (ref $bytes))
  (local $n i32)
  (local $i i32)
  (local $c i32)
  (local $l i32)
  (local $out i32)
  (local $e i32)
  (local.set $b (struct.get $str $b (call $mochi_str_or_empty (local.get $s))))
  (local.set $n (array.len (local.get $b)))
  ;; pass 1: the quoted length (every byte written is its own code point, except the
  ;; continuation bytes of sequences kept whole)
  (local.set $out (i32.const 2))
  (local.set $e (i32.const 2))
  (block $sized
    (loop $size
      (br_if $sized (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (array.get_u $bytes (local.get $b) (local.get $i)))
      (if (i32.ge_u (local.get $c) (i32.const 0x80))
        (then
          (local.set $l (call $mochi_utf8_len (local.get $b) (local.get $i) (local.get $n)))
          (if (local.get $l)
            (then
              (local.set $out (i32.add (local.get $out) (local.get $l)))
              (local.set $e (i32.add (local.get $e) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (local.get $l))))
            (else
              (local.set $out (i32.add (local.get $out) (i32.const 4)))
              (local.set $e (i32.add (local.get $e) (i32.const 4)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))))
          (br $size)))
      (local.set $l
        (if (result i32) (call $mochi_quote_esc (local.get $c))
          (then (i32.const 2))
          (else (select (i32.const 4) (i32.const 1)
            (i32.or (i32.lt_u (local.get $c) (i32.const 0x20)) (i32.eq (local.get $c) (i32.const 0x7F)))))))
      (local.set $out (i32.add (local.get $out) (local.get $l)))
      (local.set $e (i32.add (local.get $e) (local.get $l)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $size)))
  (if (i32.gt_u (local.get $out) (i32.const 0x3FFFFC00)) (then (call $mochi_err_oom)))
  (local.set $r (array.new $bytes (i32.const 34) (local.get $out)))
  ;; nothing escaped: the bytes between the quotes as they are
  (if (i32.eq (local.get $out) (i32.add (local.get $n) (i32.const 2)))
    (then
      (array.copy $bytes $bytes (local.get $r) (i32.const 1) (local.get $b) (i32.const 0) (local.get $n))
      (return (struct.new $str (local.get $r) (local.get $e)))))
  ;; pass 2: write
  (local.set $i (i32.const 0))
  (local.set $out (i32.const 1))
  (block $written
    (loop $write
      (br_if $written (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (array.get_u $bytes (local.get $b) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (block $hex
        (if (i32.ge_u (local.get $c) (i32.const 0x80))
          (then
            (local.set $l (call $mochi_utf8_len (local.get $b) (i32.sub (local.get $i) (i32.const 1)) (local.get $n)))
            (br_if $hex (i32.eqz (local.get $l)))
            (array.copy $bytes $bytes (local.get $r) (local.get $out) (local.get $b) (i32.sub (local.get $i) (i32.const 1)) (local.get $l))
            (local.set $out (i32.add (local.get $out) (local.get $l)))
            (local.set $i (i32.add (local.get $i) (i32.sub (local.get $l) (i32.const 1))))
            (br $write)))
        (local.set $l (call $mochi_quote_esc (local.get $c)))
        (if (local.get $l)
          (then
            (array.set $bytes (local.get $r) (local.get $out) (i32.const 92))
            (array.set $bytes (local.get $r) (i32.add (local.get $out) (i32.const 1)) (local.get $l))
            (local.set $out (i32.add (local.get $out) (i32.const 2)))
            (br $write)))
        (br_if $hex (i32.or (i32.lt_u (local.get $c) (i32.const 0x20)) (i32.eq (local.get $c) (i32.const 0x7F))))
        (array.set $bytes (local.get $r) (local.get $out) (local.get $c))
        (local.set $out (i32.add (local.get $out) (i32.const 1)))
        (br $write))
      ;; \xNN
      (array.set $bytes (local.get $r) (local.get $out) (i32.const 92))
      (array.set $bytes (local.get $r) (i32.add (local.get $out) (i32.const 1)) (i32.const 120))
      (array.set $bytes (local.get $r) (i32.add (local.get $out) (i32.const 2))
        (call $mochi_hex_digit (i32.shr_u (local.get $c) (i32.const 4))))
      (array.set $bytes (local.get $r) (i32.add (local.get $out) (i32.const 3))
        (call $mochi_hex_digit (i32.and (local.get $c) (i32.const 15))))
      (local.set $out (i32.add (local.get $out) (i32.const 4)))
      (br $write)))
  (struct.new $str (local.get $r) (local.get $e)))

;; ---- parsing ----

(data $mochi_d.invalid_base "invalid base")
(data $mochi_d.invalid_int "invalid integer: ")
(data $mochi_d.invalid_float "invalid float: ")

;; `<what> "<s quoted>"` as a runtime error (bad_text); what ends with ": ".
(func $mochi_err_bad_text (param $what (ref $str)) (param $s (ref null $str))
  (call $mochi_rt_error (call $mochi_str_concat (local.get $what) (call $mochi_str_quote (local.get $s))))
  (unreachable))

(func $mochi_err_bad_int (param $s (ref null $str))
  (call $mochi_err_bad_text
    (struct.new $str (array.new_data $bytes $mochi_d.invalid_int (i32.const 0) (i32.const 17)) (i32.const 17))
    (local.get $s))
  (unreachable))

;; An optional sign and digits of base (2..36, letters either case), nothing else; a
;; value outside int64 is invalid too (mochi_str_to_int_base).
(func $mochi_str_to_int_base (param $s (ref null $str)) (param $base i64) (result i64)
  (local $b (ref $bytes))
  (local $n i32)
  (local $i i32)
  (local $neg i32)
  (local $c i32)
  (local $d i64)
  (local $acc i64)
  (local $limit i64)
  (if (i32.or (i64.lt_s (local.get $base) (i64.const 2)) (i64.gt_s (local.get $base) (i64.const 36)))
    (then (call $mochi_rt_error
      (struct.new $str (array.new_data $bytes $mochi_d.invalid_base (i32.const 0) (i32.const 12)) (i32.const 12)))))
  (local.set $b (struct.get $str $b (call $mochi_str_or_empty (local.get $s))))
  (local.set $n (array.len (local.get $b)))
  (if (local.get $n)
    (then
      (local.set $c (array.get_u $bytes (local.get $b) (i32.const 0)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
        (then
          (local.set $neg (i32.eq (local.get $c) (i32.const 45)))
          (local.set $i (i32.const 1))))))
  (if (i32.ge_u (local.get $i) (local.get $n)) (then (call $mochi_err_bad_int (local.get $s))))
  (local.set $limit (i64.add (i64.const 0x7FFFFFFFFFFFFFFF) (i64.extend_i32_u (local.get $neg))))
  (loop $digit
    (local.set $c (array.get_u $bytes (local.get $b) (local.get $i)))
    (local.set $d
      (if (result i64) (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
        (then (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48))))
        (else (if (result i64) (i32.lt_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 26))
          (then (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 87))))
          (else (if (result i64) (i32.lt_u (i32.sub (local.get $c) (i32.const 65)) (i32.const 26))
            (then (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 55))))
            (else (i64.const 99))))))))
    (if (i64.ge_s (local.get $d) (local.get $base)) (then (call $mochi_err_bad_int (local.get $s))))
    (if (i64.gt_u (local.get $acc) (i64.div_u (i64.sub (local.get $limit) (local.get $d)) (local.get $base)))
      (then (call $mochi_err_bad_int (local.get $s))))
    (local.set $acc (i64.add (i64.mul (local.get $acc) (local.get $base)) (local.get $d)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $digit (i32.lt_u (local.get $i) (local.get $n))))
  (if (result i64) (local.get $neg)
    (then (i64.sub (i64.const 0) (local.get $acc)))
    (else (local.get $acc))))

(func $mochi_str_to_int (param $s (ref null $str)) (result i64)
  (call $mochi_str_to_int_base (local.get $s) (i64.const 10)))

;; ---- as float ----
;; One float parser (the lead's decision): float.wat's $mochi_f64.str_to_float, the
;; algorithm of the C runtime's mochi_f64_parse (strtod's syntax, correctly rounded,
;; `invalid float: "..."` on bad text). This is the name the emitter calls.
(func $mochi_str_to_float (param $s (ref null $str)) (result f64)
  (call $mochi_f64.str_to_float (local.get $s)))
