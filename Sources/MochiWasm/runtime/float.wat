;; float.wat: doubles as text and text as doubles, mirroring the C runtime byte for
;; byte: the three print forms of mochi_format.c (top level, container, JSON), the
;; shortest digits and the parser of mochi_float.c, and C's fmod (mochi_f64_mod).
;;
;; Digits: Schubfach, the same algorithm and the same power-of-ten table as
;; mochi_float.c (read that file's header): the fewest digits that read back as the
;; same double, the closest to the exact value among them, as Go's FormatFloat picks.
;; 64x64->128-bit products are built from 32-bit halves (Wasm has no wide multiply).
;;
;; Parsing (mochi_float.c's mochi_f64_parse, step for step): glibc strtod's grammar
;; over the whole text (no leading white space, no NUL byte):
;; decimal and hexadecimal forms, `inf`/`infinity`/`nan`/`nan(chars)` in any case,
;; each with an optional sign, and the correctly rounded result. A decimal number goes
;; (1) through Clinger's fast path when its digits W (at most 19) are below 2^53 and
;; its power of ten q is within 22 (one correctly rounded multiply or divide), else
;; (2) W * 10^q from the same table gives a 128-bit approximation off by less than one
;; unit; both ends of that error interval are rounded, and when they agree that is the
;; double; else (3) the decimal text is compared exactly, as big integers, with the
;; halfway point between the two candidates (digits past the 800th only count as
;; "more than"; a halfway point has at most 768 significant digits). Hexadecimal texts
;; round once from 64 bits and a sticky bit. Out of range is infinity or zero.
;;
;; The table (10^K scaled into [2^127, 2^128) and rounded up, K in [-342, 324]) is a
;; passive data segment copied into an i64 array on first use, so it costs nothing in
;; modules that never format or parse a float; tests/float/gen-tables.py generates it
;; (and checks this copy). Private helpers are $mochi_f64.*; $mochi_f64.k,
;; $mochi_f64.ok and $mochi_f64.pos are second results (no multi-value results).

;; ---- 128-bit arithmetic and the table ----

;; High 64 bits of the unsigned product a * b (the low 64 are i64.mul).
(func $mochi_f64.mulhi (param $a i64) (param $b i64) (result i64)
  (local $a0 i64)
  (local $a1 i64)
  (local $b0 i64)
  (local $b1 i64)
  (local $p01 i64)
  (local $p10 i64)
  (local $mid i64)
  (local.set $a0 (i64.and (local.get $a) (i64.const 0xFFFFFFFF)))
  (local.set $a1 (i64.shr_u (local.get $a) (i64.const 32)))
  (local.set $b0 (i64.and (local.get $b) (i64.const 0xFFFFFFFF)))
  (local.set $b1 (i64.shr_u (local.get $b) (i64.const 32)))
  (local.set $p01 (i64.mul (local.get $a0) (local.get $b1)))
  (local.set $p10 (i64.mul (local.get $a1) (local.get $b0)))
  (local.set $mid
    (i64.add
      (i64.add
        (i64.shr_u (i64.mul (local.get $a0) (local.get $b0)) (i64.const 32))
        (i64.and (local.get $p01) (i64.const 0xFFFFFFFF)))
      (i64.and (local.get $p10) (i64.const 0xFFFFFFFF))))
  (i64.add
    (i64.add
      (i64.mul (local.get $a1) (local.get $b1))
      (i64.add (i64.shr_u (local.get $p01) (i64.const 32)) (i64.shr_u (local.get $p10) (i64.const 32))))
    (i64.shr_u (local.get $mid) (i64.const 32))))

;; g(K) for K in [-342, 324] as (hi, lo) pairs: entry K at index 2 * (K + 342).
(global $mochi_f64.g (mut (ref null $arr_i64)) (ref.null $arr_i64))

(func $mochi_f64.table (result (ref $arr_i64))
  (if (ref.is_null (global.get $mochi_f64.g))
    (then
      (global.set $mochi_f64.g
        (array.new_data $arr_i64 $mochi_f64.pow10 (i32.const 0) (i32.const 1334)))))
  (ref.as_non_null (global.get $mochi_f64.g)))

;; ---- shortest digits (Schubfach; mochi_float.c's mochi_f64_shortest) ----

;; The decimal exponent of the last digit $mochi_f64.shortest returned.
(global $mochi_f64.k (mut i32) (i32.const 0))

;; floor(g * cp / 2^128) rounded to odd (mochi_float.c's round_to_odd).
(func $mochi_f64.rto (param $ghi i64) (param $glo i64) (param $cp i64) (result i64)
  (local $ylo i64)
  (local $z i64)
  (local.set $ylo (i64.mul (local.get $ghi) (local.get $cp)))
  (local.set $z (i64.add (local.get $ylo) (call $mochi_f64.mulhi (local.get $glo) (local.get $cp))))
  (i64.or
    (i64.add
      (call $mochi_f64.mulhi (local.get $ghi) (local.get $cp))
      (i64.extend_i32_u (i64.lt_u (local.get $z) (local.get $ylo))))
    (i64.extend_i32_u (i64.ne (local.get $z) (i64.const 0)))))

;; The shortest digits of a finite v > 0 as an integer without trailing zeros; the
;; decimal exponent of its last digit in $mochi_f64.k.
(func $mochi_f64.shortest (param $v f64) (result i64)
  (local $bits i64)
  (local $frac i64)
  (local $bexp i32)
  (local $c i64)
  (local $q i32)
  (local $sig i64)
  (local $k i32)
  (local $closer i32)
  (local $h i64)
  (local $t (ref $arr_i64))
  (local $gi i32)
  (local $ghi i64)
  (local $glo i64)
  (local $odd i64)
  (local $vb i64)
  (local $lower i64)
  (local $upper i64)
  (local $s i64)
  (local $sp i64)
  (local $in_lo i32)
  (local $in_hi i32)
  (local.set $bits (i64.reinterpret_f64 (local.get $v)))
  (local.set $frac (i64.and (local.get $bits) (i64.const 0xFFFFFFFFFFFFF)))
  (local.set $bexp (i32.and (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 0x7FF)))
  (if (local.get $bexp)
    (then
      (local.set $c (i64.or (local.get $frac) (i64.const 0x10000000000000)))
      (local.set $q (i32.sub (local.get $bexp) (i32.const 1075))))
    (else
      (local.set $c (local.get $frac))
      (local.set $q (i32.const -1074))))
  (block $found
    ;; an integer below 2^53: its own digits are the shortest
    (if (i32.and (i32.le_s (local.get $q) (i32.const 0)) (i32.gt_s (local.get $q) (i32.const -53)))
      (then
        (if (i64.eqz
              (i64.and (local.get $c)
                (i64.sub
                  (i64.shl (i64.const 1) (i64.extend_i32_u (i32.sub (i32.const 0) (local.get $q))))
                  (i64.const 1))))
          (then
            (local.set $sig (i64.shr_u (local.get $c) (i64.extend_i32_u (i32.sub (i32.const 0) (local.get $q)))))
            (local.set $k (i32.const 0))
            (br $found)))))
    (local.set $odd (i64.and (local.get $c) (i64.const 1)))
    ;; at a power of two (not the smallest normal) the lower neighbour is half as far
    (local.set $closer (i32.and (i64.eqz (local.get $frac)) (i32.gt_u (local.get $bexp) (i32.const 1))))
    ;; k = floor(log10(2^q)), or floor(log10(3/4 2^q)) when closer
    (local.set $k
      (i32.shr_s
        (i32.sub (i32.mul (local.get $q) (i32.const 1262611))
          (select (i32.const 524031) (i32.const 0) (local.get $closer)))
        (i32.const 22)))
    ;; h = q + floor(log2(10^-k)) + 1, in 1..4
    (local.set $h
      (i64.extend_i32_u
        (i32.add
          (i32.add (local.get $q)
            (i32.shr_s (i32.mul (i32.sub (i32.const 0) (local.get $k)) (i32.const 1741647)) (i32.const 19)))
          (i32.const 1))))
    (local.set $t (call $mochi_f64.table))
    (local.set $gi (i32.shl (i32.sub (i32.const 342) (local.get $k)) (i32.const 1)))
    (local.set $ghi (array.get $arr_i64 (local.get $t) (local.get $gi)))
    (local.set $glo (array.get $arr_i64 (local.get $t) (i32.add (local.get $gi) (i32.const 1))))
    (local.set $vb
      (call $mochi_f64.rto (local.get $ghi) (local.get $glo)
        (i64.shl (i64.shl (local.get $c) (i64.const 2)) (local.get $h))))
    ;; the interval in units of 10^k / 4, its ends included when c is even
    (local.set $lower
      (i64.add
        (call $mochi_f64.rto (local.get $ghi) (local.get $glo)
          (i64.shl
            (i64.add (i64.sub (i64.shl (local.get $c) (i64.const 2)) (i64.const 2))
              (i64.extend_i32_u (local.get $closer)))
            (local.get $h)))
        (local.get $odd)))
    (local.set $upper
      (i64.sub
        (call $mochi_f64.rto (local.get $ghi) (local.get $glo)
          (i64.shl (i64.add (i64.shl (local.get $c) (i64.const 2)) (i64.const 2)) (local.get $h)))
        (local.get $odd)))
    (local.set $s (i64.shr_u (local.get $vb) (i64.const 2)))
    (if (i64.ge_u (local.get $s) (i64.const 10))
      (then
        ;; one digit fewer: at most one multiple of 10 * 10^k fits the interval
        (local.set $sp (i64.div_u (local.get $s) (i64.const 10)))
        (local.set $in_lo (i64.le_u (local.get $lower) (i64.mul (local.get $sp) (i64.const 40))))
        (local.set $in_hi
          (i64.le_u (i64.add (i64.mul (local.get $sp) (i64.const 40)) (i64.const 40)) (local.get $upper)))
        (if (i32.ne (local.get $in_lo) (local.get $in_hi))
          (then
            (local.set $sig (i64.add (local.get $sp) (i64.extend_i32_u (local.get $in_hi))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $found)))))
    (local.set $in_lo (i64.le_u (local.get $lower) (i64.shl (local.get $s) (i64.const 2))))
    (local.set $in_hi
      (i64.le_u (i64.add (i64.shl (local.get $s) (i64.const 2)) (i64.const 4)) (local.get $upper)))
    (if (i32.ne (local.get $in_lo) (local.get $in_hi))
      (then
        (local.set $sig (i64.add (local.get $s) (i64.extend_i32_u (local.get $in_hi))))
        (br $found)))
    ;; both neighbours fit: the closer one, the even one on a tie
    (local.set $sig
      (i64.add (local.get $s)
        (i64.extend_i32_u
          (i32.or
            (i64.gt_u (local.get $vb) (i64.add (i64.shl (local.get $s) (i64.const 2)) (i64.const 2)))
            (i32.and
              (i64.eq (local.get $vb) (i64.add (i64.shl (local.get $s) (i64.const 2)) (i64.const 2)))
              (i32.wrap_i64 (i64.and (local.get $s) (i64.const 1)))))))))
  (block $trimmed
    (loop $trim
      (br_if $trimmed (i64.ne (i64.rem_u (local.get $sig) (i64.const 10)) (i64.const 0)))
      (local.set $sig (i64.div_u (local.get $sig) (i64.const 10)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $trim)))
  (global.set $mochi_f64.k (local.get $k))
  (local.get $sig))

;; Number of decimal digits of sig (1 <= sig < 10^17).
(func $mochi_f64.ndigits (param $sig i64) (result i32)
  (local $n i32)
  (local $p i64)
  (local.set $n (i32.const 1))
  (local.set $p (i64.const 10))
  (block $done
    (loop $count
      (br_if $done (i64.lt_u (local.get $sig) (local.get $p)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $p (i64.mul (local.get $p) (i64.const 10)))
      (br $count)))
  (local.get $n))

;; ---- layouts (mochi_format.c's layout_fixed and layout_exp) ----

;; %f layout of the nd digits of sig with first-digit exponent exp: no trailing zeros
;; in the fraction; `.0` added to an integer when force is set.
(func $mochi_f64.fixed (param $neg i32) (param $sig i64) (param $nd i32) (param $exp i32) (param $force i32)
  (result (ref $str))
  (local $n i32)
  (local $r (ref null $bytes))  ;; set in both branches below
  (local $i i32)
  (local $pos i32)
  (if (i32.lt_s (local.get $exp) (i32.const 0))
    (then
      ;; 0.000ddd
      (local.set $n (i32.add (i32.add (local.get $neg) (i32.const 1)) (i32.sub (local.get $nd) (local.get $exp))))
      (local.set $r (array.new $bytes (i32.const 48) (local.get $n)))
      (array.set $bytes (local.get $r) (i32.add (local.get $neg) (i32.const 1)) (i32.const 46))
      (local.set $pos (local.get $n))
      (local.set $i (local.get $nd))
      (loop $digit
        (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
        (array.set $bytes (local.get $r) (local.get $pos)
          (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $sig) (i64.const 10)))))
        (local.set $sig (i64.div_u (local.get $sig) (i64.const 10)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br_if $digit (local.get $i))))
    (else
      ;; ddd[000][.ddd]: digit i sits at neg + i, one further right past the point
      (local.set $n (i32.add (i32.add (local.get $neg) (local.get $exp)) (i32.const 1)))
      (if (i32.gt_s (local.get $nd) (i32.add (local.get $exp) (i32.const 1)))
        (then (local.set $n (i32.add (local.get $n) (i32.sub (local.get $nd) (local.get $exp)))))
        (else
          (if (local.get $force) (then (local.set $n (i32.add (local.get $n) (i32.const 2)))))))
      (local.set $r (array.new $bytes (i32.const 48) (local.get $n)))
      (if (i32.or (local.get $force) (i32.gt_s (local.get $nd) (i32.add (local.get $exp) (i32.const 1))))
        (then
          (array.set $bytes (local.get $r)
            (i32.add (i32.add (local.get $neg) (local.get $exp)) (i32.const 1)) (i32.const 46))))
      (local.set $i (local.get $nd))
      (loop $digit
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (array.set $bytes (local.get $r)
          (i32.add (i32.add (local.get $neg) (local.get $i)) (i32.gt_s (local.get $i) (local.get $exp)))
          (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $sig) (i64.const 10)))))
        (local.set $sig (i64.div_u (local.get $sig) (i64.const 10)))
        (br_if $digit (local.get $i)))))
  (if (local.get $neg) (then (array.set $bytes (local.get $r) (i32.const 0) (i32.const 45))))
  (struct.new $str (ref.as_non_null (local.get $r)) (local.get $n)))

;; %e layout d[.ddd]e±XX, at least two exponent digits (one for JSON).
(func $mochi_f64.exp (param $neg i32) (param $sig i64) (param $nd i32) (param $exp i32) (param $json i32)
  (result (ref $str))
  (local $a i32)
  (local $n i32)
  (local $m i32)
  (local $r (ref $bytes))
  (local $i i32)
  (local $pos i32)
  (local.set $a (select (i32.sub (i32.const 0) (local.get $exp)) (local.get $exp)
    (i32.lt_s (local.get $exp) (i32.const 0))))
  ;; mantissa text: digits plus the point when there is more than one
  (local.set $m (i32.add (local.get $nd) (i32.gt_s (local.get $nd) (i32.const 1))))
  (local.set $n
    (i32.add (i32.add (i32.add (local.get $neg) (local.get $m)) (i32.const 2))
      (select (i32.const 3)
        (select (i32.const 2) (select (i32.const 1) (i32.const 2) (local.get $json))
          (i32.ge_s (local.get $a) (i32.const 10)))
        (i32.ge_s (local.get $a) (i32.const 100)))))
  (local.set $r (array.new $bytes (i32.const 48) (local.get $n)))
  (if (local.get $neg) (then (array.set $bytes (local.get $r) (i32.const 0) (i32.const 45))))
  (if (i32.gt_s (local.get $nd) (i32.const 1))
    (then (array.set $bytes (local.get $r) (i32.add (local.get $neg) (i32.const 1)) (i32.const 46))))
  (local.set $i (local.get $nd))
  (loop $digit
    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    (array.set $bytes (local.get $r)
      (i32.add (i32.add (local.get $neg) (local.get $i)) (i32.gt_s (local.get $i) (i32.const 0)))
      (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $sig) (i64.const 10)))))
    (local.set $sig (i64.div_u (local.get $sig) (i64.const 10)))
    (br_if $digit (local.get $i)))
  (local.set $pos (i32.add (local.get $neg) (local.get $m)))
  (array.set $bytes (local.get $r) (local.get $pos) (i32.const 101))
  (array.set $bytes (local.get $r) (i32.add (local.get $pos) (i32.const 1))
    (select (i32.const 45) (i32.const 43) (i32.lt_s (local.get $exp) (i32.const 0))))
  ;; exponent digits from the right; a padding zero is already in place
  (local.set $pos (local.get $n))
  (loop $edigit
    (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
    (array.set $bytes (local.get $r) (local.get $pos)
      (i32.add (i32.const 48) (i32.rem_u (local.get $a) (i32.const 10))))
    (local.set $a (i32.div_u (local.get $a) (i32.const 10)))
    (br_if $edigit (local.get $a)))
  (struct.new $str (local.get $r) (local.get $n)))

;; ---- the three forms ----

;; An ASCII constant of up to four bytes, packed little-endian in w (length n).
(func $mochi_f64.text (param $w i32) (param $n i32) (result (ref $str))
  (local $r (ref $bytes))
  (local $i i32)
  (local.set $r (array.new_default $bytes (local.get $n)))
  (block $done
    (loop $byte
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (array.set $bytes (local.get $r) (local.get $i)
        (i32.shr_u (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte)))
  (struct.new $str (local.get $r) (local.get $n)))

;; NaN, +Inf, -Inf as Go prints them (mochi_format.c's nonfinite); v is not finite.
(func $mochi_f64.nonfinite (param $v f64) (result (ref $str))
  (if (f64.ne (local.get $v) (local.get $v))
    (then (return (call $mochi_f64.text (i32.const 0x4E614E) (i32.const 3)))))   ;; "NaN"
  (if (f64.gt (local.get $v) (f64.const 0))
    (then (return (call $mochi_f64.text (i32.const 0x666E492B) (i32.const 4)))))  ;; "+Inf"
  (call $mochi_f64.text (i32.const 0x666E492D) (i32.const 4)))                    ;; "-Inf"

(func $mochi_f64.is_finite (param $v f64) (result i32)
  (f64.eq (f64.sub (local.get $v) (local.get $v)) (f64.const 0)))

;; Top-level form (Go %v): exponent form when the decimal exponent is below -4 or at
;; least 6 (mochi_fmt_f64).
(func $mochi_fmt_f64 (param $v f64) (result (ref $str))
  (local $neg i32)
  (local $sig i64)
  (local $nd i32)
  (local $exp i32)
  (if (i32.eqz (call $mochi_f64.is_finite (local.get $v)))
    (then (return (call $mochi_f64.nonfinite (local.get $v)))))
  (local.set $neg (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $v)) (i64.const 63))))
  (if (f64.eq (local.get $v) (f64.const 0))
    (then
      (if (local.get $neg) (then (return (call $mochi_f64.text (i32.const 0x302D) (i32.const 2)))))
      (return (call $mochi_f64.text (i32.const 0x30) (i32.const 1)))))
  (local.set $sig (call $mochi_f64.shortest (f64.abs (local.get $v))))
  (local.set $nd (call $mochi_f64.ndigits (local.get $sig)))
  (local.set $exp (i32.sub (i32.add (global.get $mochi_f64.k) (local.get $nd)) (i32.const 1)))
  (if (i32.or (i32.lt_s (local.get $exp) (i32.const -4)) (i32.ge_s (local.get $exp) (i32.const 6)))
    (then
      (return (call $mochi_f64.exp (local.get $neg) (local.get $sig) (local.get $nd) (local.get $exp) (i32.const 0)))))
  (call $mochi_f64.fixed (local.get $neg) (local.get $sig) (local.get $nd) (local.get $exp) (i32.const 0)))

;; Container form: always a fraction, never an exponent (mochi_fmt_f64_container).
(func $mochi_fmt_f64_container (param $v f64) (result (ref $str))
  (local $neg i32)
  (local $sig i64)
  (local $nd i32)
  (if (i32.eqz (call $mochi_f64.is_finite (local.get $v)))
    (then (return (call $mochi_f64.nonfinite (local.get $v)))))
  (local.set $neg (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $v)) (i64.const 63))))
  (if (f64.eq (local.get $v) (f64.const 0))
    (then
      (if (local.get $neg) (then (return (call $mochi_f64.text (i32.const 0x302E302D) (i32.const 4)))))
      (return (call $mochi_f64.text (i32.const 0x302E30) (i32.const 3)))))
  (local.set $sig (call $mochi_f64.shortest (f64.abs (local.get $v))))
  (local.set $nd (call $mochi_f64.ndigits (local.get $sig)))
  (call $mochi_f64.fixed (local.get $neg) (local.get $sig) (local.get $nd)
    (i32.sub (i32.add (global.get $mochi_f64.k) (local.get $nd)) (i32.const 1)) (i32.const 1)))

;; JSON form (encoding/json): %f unless |v| < 1e-6 or |v| >= 1e21, then %e with the
;; exponent unpadded; NaN and infinities print null (mochi_format.c's fmt_json_f64).
(func $mochi_fmt_f64_json (param $v f64) (result (ref $str))
  (local $neg i32)
  (local $a f64)
  (local $sig i64)
  (local $nd i32)
  (local $exp i32)
  (if (i32.eqz (call $mochi_f64.is_finite (local.get $v)))
    (then (return (call $mochi_f64.text (i32.const 0x6C6C756E) (i32.const 4)))))  ;; "null"
  (local.set $neg (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $v)) (i64.const 63))))
  (if (f64.eq (local.get $v) (f64.const 0))
    (then
      (if (local.get $neg) (then (return (call $mochi_f64.text (i32.const 0x302D) (i32.const 2)))))
      (return (call $mochi_f64.text (i32.const 0x30) (i32.const 1)))))
  (local.set $a (f64.abs (local.get $v)))
  (local.set $sig (call $mochi_f64.shortest (local.get $a)))
  (local.set $nd (call $mochi_f64.ndigits (local.get $sig)))
  (local.set $exp (i32.sub (i32.add (global.get $mochi_f64.k) (local.get $nd)) (i32.const 1)))
  ;; the bounds as bit patterns: 1e-6 and 1e21 exactly as C's literals round them
  (if (i32.or
        (f64.lt (local.get $a) (f64.reinterpret_i64 (i64.const 0x3EB0C6F7A0B5ED8D)))
        (f64.ge (local.get $a) (f64.reinterpret_i64 (i64.const 0x444B1AE4D6E2EF50))))
    (then
      (return (call $mochi_f64.exp (local.get $neg) (local.get $sig) (local.get $nd) (local.get $exp) (i32.const 1)))))
  (call $mochi_f64.fixed (local.get $neg) (local.get $sig) (local.get $nd) (local.get $exp) (i32.const 0)))

;; ---- fmod (mochi_f64_mod) ----

;; C's fmod: x - n*y exactly, n = trunc(x/y), by long division of the significands.
(func $mochi_f64.fmod (param $x f64) (param $y f64) (result f64)
  (local $ux i64)
  (local $uy i64)
  (local $ex i32)
  (local $ey i32)
  (local $sx i64)
  (local $i i64)
  (local.set $ux (i64.reinterpret_f64 (local.get $x)))
  (local.set $uy (i64.reinterpret_f64 (local.get $y)))
  (local.set $ex (i32.and (i32.wrap_i64 (i64.shr_u (local.get $ux) (i64.const 52))) (i32.const 0x7FF)))
  (local.set $ey (i32.and (i32.wrap_i64 (i64.shr_u (local.get $uy) (i64.const 52))) (i32.const 0x7FF)))
  (local.set $sx (i64.and (local.get $ux) (i64.const 0x8000000000000000)))
  ;; y zero or NaN, or x not finite: NaN
  (if (i32.or
        (i32.or (i64.eqz (i64.shl (local.get $uy) (i64.const 1))) (f64.ne (local.get $y) (local.get $y)))
        (i32.eq (local.get $ex) (i32.const 0x7FF)))
    (then
      (return (f64.div (f64.mul (local.get $x) (local.get $y)) (f64.mul (local.get $x) (local.get $y))))))
  ;; |x| <= |y|
  (if (i64.le_u (i64.shl (local.get $ux) (i64.const 1)) (i64.shl (local.get $uy) (i64.const 1)))
    (then
      (if (i64.eq (i64.shl (local.get $ux) (i64.const 1)) (i64.shl (local.get $uy) (i64.const 1)))
        (then (return (f64.mul (f64.const 0) (local.get $x)))))
      (return (local.get $x))))
  ;; significands with the hidden bit at 52 (subnormals shifted up)
  (if (local.get $ex)
    (then
      (local.set $ux (i64.or (i64.and (local.get $ux) (i64.const 0xFFFFFFFFFFFFF)) (i64.const 0x10000000000000))))
    (else
      (local.set $i (i64.shl (local.get $ux) (i64.const 12)))
      (block $norm
        (loop $shift
          (br_if $norm (i64.ne (i64.shr_u (local.get $i) (i64.const 63)) (i64.const 0)))
          (local.set $ex (i32.sub (local.get $ex) (i32.const 1)))
          (local.set $i (i64.shl (local.get $i) (i64.const 1)))
          (br $shift)))
      (local.set $ux (i64.shl (local.get $ux) (i64.extend_i32_u (i32.sub (i32.const 1) (local.get $ex)))))))
  (if (local.get $ey)
    (then
      (local.set $uy (i64.or (i64.and (local.get $uy) (i64.const 0xFFFFFFFFFFFFF)) (i64.const 0x10000000000000))))
    (else
      (local.set $i (i64.shl (local.get $uy) (i64.const 12)))
      (block $norm
        (loop $shift
          (br_if $norm (i64.ne (i64.shr_u (local.get $i) (i64.const 63)) (i64.const 0)))
          (local.set $ey (i32.sub (local.get $ey) (i32.const 1)))
          (local.set $i (i64.shl (local.get $i) (i64.const 1)))
          (br $shift)))
      (local.set $uy (i64.shl (local.get $uy) (i64.extend_i32_u (i32.sub (i32.const 1) (local.get $ey)))))))
  ;; long division, one bit per step
  (block $divided
    (loop $step
      (br_if $divided (i32.le_s (local.get $ex) (local.get $ey)))
      (local.set $i (i64.sub (local.get $ux) (local.get $uy)))
      (if (i64.ge_s (local.get $i) (i64.const 0))
        (then
          (if (i64.eqz (local.get $i)) (then (return (f64.mul (f64.const 0) (local.get $x)))))
          (local.set $ux (local.get $i))))
      (local.set $ux (i64.shl (local.get $ux) (i64.const 1)))
      (local.set $ex (i32.sub (local.get $ex) (i32.const 1)))
      (br $step)))
  (local.set $i (i64.sub (local.get $ux) (local.get $uy)))
  (if (i64.ge_s (local.get $i) (i64.const 0))
    (then
      (if (i64.eqz (local.get $i)) (then (return (f64.mul (f64.const 0) (local.get $x)))))
      (local.set $ux (local.get $i))))
  (block $normal
    (loop $up
      (br_if $normal (i64.ne (i64.shr_u (local.get $ux) (i64.const 52)) (i64.const 0)))
      (local.set $ux (i64.shl (local.get $ux) (i64.const 1)))
      (local.set $ex (i32.sub (local.get $ex) (i32.const 1)))
      (br $up)))
  ;; back to a double (a subnormal when the exponent ran out)
  (if (i32.gt_s (local.get $ex) (i32.const 0))
    (then
      (local.set $ux
        (i64.or (i64.sub (local.get $ux) (i64.const 0x10000000000000))
          (i64.shl (i64.extend_i32_u (local.get $ex)) (i64.const 52)))))
    (else
      (local.set $ux (i64.shr_u (local.get $ux) (i64.extend_i32_u (i32.sub (i32.const 1) (local.get $ex)))))))
  (f64.reinterpret_i64 (i64.or (local.get $ux) (local.get $sx))))

;; a % b on floats: `division by zero` when b is zero, else C's fmod (mochi_f64_mod).
(func $mochi_f64_mod (param $a f64) (param $b f64) (result f64)
  (if (f64.eq (local.get $b) (f64.const 0))
    (then
      (call $mochi_err_div_zero_at (global.get $mochi_loc_line))
      (unreachable)))
  (call $mochi_f64.fmod (local.get $a) (local.get $b)))

;; ---- parsing (mochi_str_to_float: strtod, all of the text) ----

;; Set by $mochi_f64.parse: 1 when the whole text was a number.
(global $mochi_f64.ok (mut i32) (i32.const 0))
;; Set by the decimal and hex scanners: where the number ended, -1 when no digit.
(global $mochi_f64.pos (mut i32) (i32.const 0))

;; b[i], or 0 past the end (no number contains a NUL byte, so both stop a scan).
(func $mochi_f64.at (param $b (ref $bytes)) (param $i i32) (result i32)
  (if (result i32) (i32.lt_u (local.get $i) (array.len (local.get $b)))
    (then (array.get_u $bytes (local.get $b) (local.get $i)))
    (else (i32.const 0))))

;; Whether b[i..i+n) spells the lowercase letters packed little-endian in w, in any case.
(func $mochi_f64.word (param $b (ref $bytes)) (param $i i32) (param $w i64) (param $n i32) (result i32)
  (local $k i32)
  (block $no
    (loop $letter
      (br_if $no
        (i64.ne
          (i64.extend_i32_u (i32.or (call $mochi_f64.at (local.get $b) (i32.add (local.get $i) (local.get $k))) (i32.const 0x20)))
          (i64.and (i64.shr_u (local.get $w) (i64.extend_i32_u (i32.shl (local.get $k) (i32.const 3)))) (i64.const 0xFF))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $letter (i32.lt_u (local.get $k) (local.get $n))))
    (return (i32.const 1)))
  (i32.const 0))

;; The value of a decimal digit c, or -1.
(func $mochi_f64.digit (param $c i32) (result i32)
  (if (result i32) (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
    (then (i32.sub (local.get $c) (i32.const 48)))
    (else (i32.const -1))))

;; The value of a hex digit c, or -1.
(func $mochi_f64.hexdigit (param $c i32) (result i32)
  (local $l i32)
  (if (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
    (then (return (i32.sub (local.get $c) (i32.const 48)))))
  (local.set $l (i32.or (local.get $c) (i32.const 0x20)))
  (if (i32.lt_u (i32.sub (local.get $l) (i32.const 97)) (i32.const 6))
    (then (return (i32.sub (local.get $l) (i32.const 87)))))
  (i32.const -1))

;; The double nearest N * 2^e2 (ties to even), N = h1 * 2^64 + h0 with h1 >= 2^62, as
;; bits: infinity past the largest double, subnormal or zero below the smallest normal.
(func $mochi_f64.round (param $h1 i64) (param $h0 i64) (param $e2 i32) (result i64)
  (local $p i32)
  (local $e i32)
  (local $s i32)
  (local $mant i64)
  (local $low i64)
  (local $half i64)
  (local.set $p (i32.sub (i32.const 128) (i32.wrap_i64 (i64.clz (local.get $h1)))))
  (local.set $e (i32.add (i32.sub (local.get $p) (i32.const 1)) (local.get $e2)))
  (if (i32.ge_s (local.get $e) (i32.const 1024))
    (then (return (i64.const 0x7FF0000000000000))))
  ;; bits of N below the last kept one: s + 64 of them (s >= 9 as h1 >= 2^62)
  (local.set $s
    (i32.sub
      (select (i32.sub (local.get $p) (i32.const 53)) (i32.sub (i32.const -1074) (local.get $e2))
        (i32.ge_s (local.get $e) (i32.const -1022)))
      (i32.const 64)))
  (if (i32.gt_s (local.get $s) (i32.const 64)) (then (return (i64.const 0))))
  (if (i32.eq (local.get $s) (i32.const 64))
    (then
      (local.set $mant (i64.const 0))
      (local.set $low (local.get $h1)))
    (else
      (local.set $mant (i64.shr_u (local.get $h1) (i64.extend_i32_u (local.get $s))))
      (local.set $low
        (i64.and (local.get $h1) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $s))) (i64.const 1))))))
  (local.set $half (i64.shl (i64.const 1) (i64.extend_i32_u (i32.sub (local.get $s) (i32.const 1)))))
  (if (i32.or
        (i64.gt_u (local.get $low) (local.get $half))
        (i32.and (i64.eq (local.get $low) (local.get $half))
          (i32.or (i64.ne (local.get $h0) (i64.const 0)) (i32.wrap_i64 (i64.and (local.get $mant) (i64.const 1))))))
    (then (local.set $mant (i64.add (local.get $mant) (i64.const 1)))))
  (if (i32.lt_s (local.get $e) (i32.const -1022))
    (then (return (local.get $mant))))  ;; a subnormal; 2^52 is the smallest normal's bits
  (if (i64.eq (local.get $mant) (i64.const 0x20000000000000))
    (then
      (local.set $mant (i64.const 0x10000000000000))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (if (i32.ge_s (local.get $e) (i32.const 1024))
        (then (return (i64.const 0x7FF0000000000000))))))
  (i64.or
    (i64.shl (i64.extend_i32_u (i32.add (local.get $e) (i32.const 1023))) (i64.const 52))
    (i64.and (local.get $mant) (i64.const 0xFFFFFFFFFFFFF))))

;; W * 10^q (W > 0, q in [-342, 308]) from the table: g(q) exceeds 10^q's scaled value
;; by less than one unit, so with w = W normalised, R = w * g - (less than 2^64) and
;; N = R / 2^64 lies in [U - 1, U + 1) for U the top 128 bits of w * g. Returns the
;; rounding of U - 1 (lower end) or U + 1 (upper end).
(func $mochi_f64.approx (param $W i64) (param $q i32) (param $upper i32) (result i64)
  (local $lz i64)
  (local $w i64)
  (local $t (ref $arr_i64))
  (local $gi i32)
  (local $ghi i64)
  (local $h1 i64)
  (local $h0 i64)
  (local $x i64)
  (local.set $lz (i64.clz (local.get $W)))
  (local.set $w (i64.shl (local.get $W) (local.get $lz)))
  (local.set $t (call $mochi_f64.table))
  (local.set $gi (i32.shl (i32.add (local.get $q) (i32.const 342)) (i32.const 1)))
  (local.set $ghi (array.get $arr_i64 (local.get $t) (local.get $gi)))
  (local.set $h1 (call $mochi_f64.mulhi (local.get $w) (local.get $ghi)))
  (local.set $h0 (i64.mul (local.get $w) (local.get $ghi)))
  (local.set $x (call $mochi_f64.mulhi (local.get $w) (array.get $arr_i64 (local.get $t) (i32.add (local.get $gi) (i32.const 1)))))
  (local.set $h0 (i64.add (local.get $h0) (local.get $x)))
  (if (i64.lt_u (local.get $h0) (local.get $x)) (then (local.set $h1 (i64.add (local.get $h1) (i64.const 1)))))
  (if (local.get $upper)
    (then
      (local.set $h0 (i64.add (local.get $h0) (i64.const 1)))
      (if (i64.eqz (local.get $h0)) (then (local.set $h1 (i64.add (local.get $h1) (i64.const 1))))))
    (else
      (if (i64.eqz (local.get $h0)) (then (local.set $h1 (i64.sub (local.get $h1) (i64.const 1)))))
      (local.set $h0 (i64.sub (local.get $h0) (i64.const 1)))))
  ;; N * 2^(floor(log2(10^q)) - 63 - lz)
  (call $mochi_f64.round (local.get $h1) (local.get $h0)
    (i32.sub
      (i32.sub (i32.shr_s (i32.mul (local.get $q) (i32.const 1741647)) (i32.const 19)) (i32.const 63))
      (i32.wrap_i64 (local.get $lz)))))

;; ---- big integers for the exact comparison: 32-bit limbs in an i64 array ----

;; a = a * m + add (m, add < 2^32); returns the new length.
(func $mochi_f64.bn_muladd (param $a (ref $arr_i64)) (param $n i32) (param $m i64) (param $add i64) (result i32)
  (local $i i32)
  (local $t i64)
  (local $carry i64)
  (local.set $carry (local.get $add))
  (block $done
    (loop $limb
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $t
        (i64.add (i64.mul (array.get $arr_i64 (local.get $a) (local.get $i)) (local.get $m)) (local.get $carry)))
      (array.set $arr_i64 (local.get $a) (local.get $i) (i64.and (local.get $t) (i64.const 0xFFFFFFFF)))
      (local.set $carry (i64.shr_u (local.get $t) (i64.const 32)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $limb)))
  (if (i64.ne (local.get $carry) (i64.const 0))
    (then
      (array.set $arr_i64 (local.get $a) (local.get $n) (local.get $carry))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))))
  (local.get $n))

;; a = a * 5^k; returns the new length.
(func $mochi_f64.bn_pow5 (param $a (ref $arr_i64)) (param $n i32) (param $k i32) (result i32)
  (local $m i64)
  (block $done
    (loop $chunk
      (br_if $done (i32.lt_s (local.get $k) (i32.const 13)))
      (local.set $n (call $mochi_f64.bn_muladd (local.get $a) (local.get $n) (i64.const 1220703125) (i64.const 0)))
      (local.set $k (i32.sub (local.get $k) (i32.const 13)))
      (br $chunk)))
  (local.set $m (i64.const 1))
  (block $done
    (loop $five
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $m (i64.mul (local.get $m) (i64.const 5)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $five)))
  (call $mochi_f64.bn_muladd (local.get $a) (local.get $n) (local.get $m) (i64.const 0)))

;; a = a * 2^k; returns the new length.
(func $mochi_f64.bn_shl (param $a (ref $arr_i64)) (param $n i32) (param $k i32) (result i32)
  (local $limbs i32)
  (local $bits i64)
  (local $i i32)
  (local $hi i64)
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (local.set $limbs (i32.shr_u (local.get $k) (i32.const 5)))
  (local.set $bits (i64.extend_i32_u (i32.and (local.get $k) (i32.const 31))))
  ;; the new top limb, then every limb from the top down
  (local.set $hi
    (i64.shr_u (array.get $arr_i64 (local.get $a) (i32.sub (local.get $n) (i32.const 1)))
      (i64.sub (i64.const 32) (local.get $bits))))
  (if (i32.and (i64.ne (local.get $bits) (i64.const 0)) (i64.ne (local.get $hi) (i64.const 0)))
    (then (array.set $arr_i64 (local.get $a) (i32.add (local.get $n) (local.get $limbs)) (local.get $hi))))
  (local.set $i (local.get $n))
  (loop $limb
    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
    (array.set $arr_i64 (local.get $a) (i32.add (local.get $i) (local.get $limbs))
      (i64.and
        (i64.or
          (i64.shl (array.get $arr_i64 (local.get $a) (local.get $i)) (local.get $bits))
          (if (result i64) (i32.and (i32.gt_u (local.get $i) (i32.const 0)) (i64.ne (local.get $bits) (i64.const 0)))
            (then
              (i64.shr_u (array.get $arr_i64 (local.get $a) (i32.sub (local.get $i) (i32.const 1)))
                (i64.sub (i64.const 32) (local.get $bits))))
            (else (i64.const 0))))
        (i64.const 0xFFFFFFFF)))
    (br_if $limb (local.get $i)))
  (local.set $i (i32.const 0))
  (block $done
    (loop $zero
      (br_if $done (i32.ge_u (local.get $i) (local.get $limbs)))
      (array.set $arr_i64 (local.get $a) (local.get $i) (i64.const 0))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $zero)))
  (i32.add (i32.add (local.get $n) (local.get $limbs))
    (i32.and (i64.ne (local.get $bits) (i64.const 0)) (i64.ne (local.get $hi) (i64.const 0)))))

;; Sign of a - b for normalised numbers (no zero top limb).
(func $mochi_f64.bn_cmp (param $a (ref $arr_i64)) (param $na i32) (param $b (ref $arr_i64)) (param $nb i32) (result i32)
  (local $x i64)
  (local $y i64)
  (if (i32.ne (local.get $na) (local.get $nb))
    (then (return (select (i32.const 1) (i32.const -1) (i32.gt_u (local.get $na) (local.get $nb))))))
  (block $done
    (loop $limb
      (br_if $done (i32.eqz (local.get $na)))
      (local.set $na (i32.sub (local.get $na) (i32.const 1)))
      (local.set $x (array.get $arr_i64 (local.get $a) (local.get $na)))
      (local.set $y (array.get $arr_i64 (local.get $b) (local.get $na)))
      (if (i64.ne (local.get $x) (local.get $y))
        (then (return (select (i32.const 1) (i32.const -1) (i64.gt_u (local.get $x) (local.get $y))))))
      (br $limb)))
  (i32.const 0))

;; The exact decision between the double with bits lo and the next one up: the
;; decimal digits of b from `first` to `end` (nsig significant ones, the point
;; skipped), times 10^q for q the exponent of the last of them, against the halfway
;; point (2m + 1) 2^(e-1) of lo = m 2^e. Digits past the 800th only say "above".
(func $mochi_f64.bigcomp (param $b (ref $bytes)) (param $first i32) (param $end i32) (param $nsig i32)
  (param $q i64) (param $lo i64) (result i64)
  (local $x (ref $arr_i64))
  (local $y (ref $arr_i64))
  (local $nx i32)
  (local $ny i32)
  (local $i i32)
  (local $d i32)
  (local $nd i32)
  (local $chunk i64)
  (local $cn i32)
  (local $scale i64)
  (local $sticky i32)
  (local $e10 i32)
  (local $ef i32)
  (local $m i64)
  (local $e i32)
  (local $s2 i32)
  (local $c i32)
  (local.set $x (array.new_default $arr_i64 (i32.const 256)))
  (local.set $y (array.new_default $arr_i64 (i32.const 256)))
  (local.set $i (local.get $first))
  (local.set $scale (i64.const 1))
  (block $done
    (loop $digit
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $d (call $mochi_f64.digit (array.get_u $bytes (local.get $b) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $digit (i32.lt_s (local.get $d) (i32.const 0)))  ;; the point
      (if (i32.lt_u (local.get $nd) (i32.const 800))
        (then
          (local.set $chunk (i64.add (i64.mul (local.get $chunk) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
          (local.set $scale (i64.mul (local.get $scale) (i64.const 10)))
          (local.set $nd (i32.add (local.get $nd) (i32.const 1)))
          (if (i64.eq (local.get $scale) (i64.const 1000000000))
            (then
              (local.set $nx (call $mochi_f64.bn_muladd (local.get $x) (local.get $nx) (local.get $scale) (local.get $chunk)))
              (local.set $chunk (i64.const 0))
              (local.set $scale (i64.const 1)))))
        (else
          (if (local.get $d) (then (local.set $sticky (i32.const 1))))))
      (br $digit)))
  (if (i64.gt_u (local.get $scale) (i64.const 1))
    (then (local.set $nx (call $mochi_f64.bn_muladd (local.get $x) (local.get $nx) (local.get $scale) (local.get $chunk)))))
  ;; the kept digits' value is D * 10^e10
  (local.set $e10
    (i32.wrap_i64
      (i64.add (local.get $q)
        (i64.extend_i32_u (select (i32.sub (local.get $nsig) (i32.const 800)) (i32.const 0)
          (i32.gt_u (local.get $nsig) (i32.const 800)))))))
  (local.set $ef (i32.and (i32.wrap_i64 (i64.shr_u (local.get $lo) (i64.const 52))) (i32.const 0x7FF)))
  (local.set $m (i64.and (local.get $lo) (i64.const 0xFFFFFFFFFFFFF)))
  (if (local.get $ef)
    (then
      (local.set $m (i64.or (local.get $m) (i64.const 0x10000000000000)))
      (local.set $e (i32.sub (local.get $ef) (i32.const 1075))))
    (else (local.set $e (i32.const -1074))))
  (local.set $m (i64.add (i64.shl (local.get $m) (i64.const 1)) (i64.const 1)))
  (array.set $arr_i64 (local.get $y) (i32.const 0) (i64.and (local.get $m) (i64.const 0xFFFFFFFF)))
  (array.set $arr_i64 (local.get $y) (i32.const 1) (i64.shr_u (local.get $m) (i64.const 32)))
  (local.set $ny (select (i32.const 2) (i32.const 1) (i64.ge_u (local.get $m) (i64.const 0x100000000))))
  ;; D * 5^e10 * 2^e10 against (2m + 1) * 2^(e-1), all as integers
  (if (i32.ge_s (local.get $e10) (i32.const 0))
    (then (local.set $nx (call $mochi_f64.bn_pow5 (local.get $x) (local.get $nx) (local.get $e10))))
    (else (local.set $ny (call $mochi_f64.bn_pow5 (local.get $y) (local.get $ny) (i32.sub (i32.const 0) (local.get $e10))))))
  (local.set $s2 (i32.sub (local.get $e10) (i32.sub (local.get $e) (i32.const 1))))
  (if (i32.ge_s (local.get $s2) (i32.const 0))
    (then (local.set $nx (call $mochi_f64.bn_shl (local.get $x) (local.get $nx) (local.get $s2))))
    (else (local.set $ny (call $mochi_f64.bn_shl (local.get $y) (local.get $ny) (i32.sub (i32.const 0) (local.get $s2))))))
  (local.set $c (call $mochi_f64.bn_cmp (local.get $x) (local.get $nx) (local.get $y) (local.get $ny)))
  (if (i32.and (i32.eqz (local.get $c)) (local.get $sticky)) (then (local.set $c (i32.const 1))))
  (if (i32.lt_s (local.get $c) (i32.const 0)) (then (return (local.get $lo))))
  (if (i32.gt_s (local.get $c) (i32.const 0)) (then (return (i64.add (local.get $lo) (i64.const 1)))))
  (i64.add (local.get $lo) (i64.and (local.get $lo) (i64.const 1))))

;; 10^k as a double, 0 <= k <= 22 (exact: every step is).
(func $mochi_f64.pow10 (param $k i32) (result f64)
  (local $p f64)
  (local.set $p (f64.const 1))
  (block $done
    (loop $mul
      (br_if $done (i32.eqz (local.get $k)))
      (local.set $p (f64.mul (local.get $p) (f64.const 10)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br $mul)))
  (local.get $p))

;; A decimal number at b[i]: digits with an optional point (at least one digit), an
;; optional exponent. Returns its magnitude's bits; $mochi_f64.pos is where it ended
;; (-1: no digit). An exponent letter without digits is not consumed (strtod).
(func $mochi_f64.decimal (param $b (ref $bytes)) (param $i i32) (result i64)
  (local $c i32)
  (local $d i32)
  (local $w i64)
  (local $nsig i32)
  (local $trunc i32)
  (local $dexp i64)
  (local $seen i32)
  (local $dot i32)
  (local $first i32)
  (local $end i32)
  (local $j i32)
  (local $eneg i32)
  (local $ev i64)
  (local $q i64)
  (local $lo i64)
  (local $hi i64)
  (local $f f64)
  (block $scanned
    (loop $scan
      (local.set $c (call $mochi_f64.at (local.get $b) (local.get $i)))
      (local.set $d (call $mochi_f64.digit (local.get $c)))
      (if (i32.ge_s (local.get $d) (i32.const 0))
        (then
          (local.set $seen (i32.const 1))
          (if (local.get $dot) (then (local.set $dexp (i64.sub (local.get $dexp) (i64.const 1)))))
          (if (i32.or (local.get $nsig) (local.get $d))
            (then
              (if (i32.eqz (local.get $nsig)) (then (local.set $first (local.get $i))))
              (if (i32.lt_u (local.get $nsig) (i32.const 19))
                (then (local.set $w (i64.add (i64.mul (local.get $w) (i64.const 10)) (i64.extend_i32_u (local.get $d)))))
                (else (if (local.get $d) (then (local.set $trunc (i32.const 1))))))
              (local.set $nsig (i32.add (local.get $nsig) (i32.const 1)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $scan)))
      (if (i32.and (i32.eq (local.get $c) (i32.const 46)) (i32.eqz (local.get $dot)))
        (then
          (local.set $dot (i32.const 1))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $scan)))))
  (if (i32.eqz (local.get $seen))
    (then
      (global.set $mochi_f64.pos (i32.const -1))
      (return (i64.const 0))))
  (local.set $end (local.get $i))
  ;; the exponent, saturated far beyond any double
  (if (i32.eq (i32.or (call $mochi_f64.at (local.get $b) (local.get $i)) (i32.const 0x20)) (i32.const 101))
    (then
      (local.set $j (i32.add (local.get $i) (i32.const 1)))
      (local.set $c (call $mochi_f64.at (local.get $b) (local.get $j)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
        (then
          (local.set $eneg (i32.eq (local.get $c) (i32.const 45)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))))
      (if (i32.ge_s (call $mochi_f64.digit (call $mochi_f64.at (local.get $b) (local.get $j))) (i32.const 0))
        (then
          (block $edone
            (loop $edigit
              (local.set $d (call $mochi_f64.digit (call $mochi_f64.at (local.get $b) (local.get $j))))
              (br_if $edone (i32.lt_s (local.get $d) (i32.const 0)))
              (if (i64.lt_u (local.get $ev) (i64.const 1000000000000))
                (then (local.set $ev (i64.add (i64.mul (local.get $ev) (i64.const 10)) (i64.extend_i32_u (local.get $d))))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $edigit)))
          (if (local.get $eneg) (then (local.set $ev (i64.sub (i64.const 0) (local.get $ev)))))
          (local.set $i (local.get $j))))))
  (global.set $mochi_f64.pos (local.get $i))
  (if (i32.eqz (local.get $nsig)) (then (return (i64.const 0))))
  ;; the value is about W * 10^q (W the first 19 digits), above it when trunc
  (local.set $q
    (i64.add (i64.add (local.get $dexp) (local.get $ev))
      (i64.extend_i32_u (select (i32.sub (local.get $nsig) (i32.const 19)) (i32.const 0)
        (i32.gt_u (local.get $nsig) (i32.const 19))))))
  ;; Clinger: both W and 10^|q| are doubles, so one operation rounds correctly
  (if (i32.and
        (i32.and (i32.eqz (local.get $trunc)) (i64.le_u (local.get $w) (i64.const 0x20000000000000)))
        (i64.le_u (i64.add (local.get $q) (i64.const 22)) (i64.const 44)))
    (then
      (local.set $f (f64.convert_i64_u (local.get $w)))
      (if (i64.lt_s (local.get $q) (i64.const 0))
        (then (local.set $f (f64.div (local.get $f) (call $mochi_f64.pow10 (i32.wrap_i64 (i64.sub (i64.const 0) (local.get $q)))))))
        (else (local.set $f (f64.mul (local.get $f) (call $mochi_f64.pow10 (i32.wrap_i64 (local.get $q)))))))
      (return (i64.reinterpret_f64 (local.get $f)))))
  (if (i64.lt_s (local.get $q) (i64.const -342)) (then (return (i64.const 0))))
  (if (i64.gt_s (local.get $q) (i64.const 308)) (then (return (i64.const 0x7FF0000000000000))))
  (local.set $lo (call $mochi_f64.approx (local.get $w) (i32.wrap_i64 (local.get $q)) (i32.const 0)))
  (local.set $hi
    (call $mochi_f64.approx (i64.add (local.get $w) (i64.extend_i32_u (local.get $trunc))) (i32.wrap_i64 (local.get $q)) (i32.const 1)))
  (if (i64.eq (local.get $lo) (local.get $hi)) (then (return (local.get $lo))))
  (call $mochi_f64.bigcomp (local.get $b) (local.get $first) (local.get $end) (local.get $nsig)
    (i64.add (local.get $dexp) (local.get $ev)) (local.get $lo)))

;; A hex number at b[i], after its 0x: hex digits with an optional point (at least
;; one digit), an optional binary exponent p[+-]digits. As $mochi_f64.decimal.
(func $mochi_f64.hex (param $b (ref $bytes)) (param $i i32) (result i64)
  (local $c i32)
  (local $d i32)
  (local $m i64)
  (local $nd i32)
  (local $sticky i64)
  (local $bexp i64)
  (local $seen i32)
  (local $dot i32)
  (local $j i32)
  (local $eneg i32)
  (local $ev i64)
  (local $lz i64)
  (local $e2 i64)
  (block $scanned
    (loop $scan
      (local.set $c (call $mochi_f64.at (local.get $b) (local.get $i)))
      (local.set $d (call $mochi_f64.hexdigit (local.get $c)))
      (if (i32.ge_s (local.get $d) (i32.const 0))
        (then
          (local.set $seen (i32.const 1))
          (if (local.get $dot) (then (local.set $bexp (i64.sub (local.get $bexp) (i64.const 4)))))
          (if (i32.or (local.get $nd) (local.get $d))
            (then
              (if (i32.lt_u (local.get $nd) (i32.const 16))
                (then
                  (local.set $m (i64.or (i64.shl (local.get $m) (i64.const 4)) (i64.extend_i32_u (local.get $d))))
                  (local.set $nd (i32.add (local.get $nd) (i32.const 1))))
                (else
                  (local.set $bexp (i64.add (local.get $bexp) (i64.const 4)))
                  (if (local.get $d) (then (local.set $sticky (i64.const 1))))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $scan)))
      (if (i32.and (i32.eq (local.get $c) (i32.const 46)) (i32.eqz (local.get $dot)))
        (then
          (local.set $dot (i32.const 1))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $scan)))))
  (if (i32.eqz (local.get $seen))
    (then
      (global.set $mochi_f64.pos (i32.const -1))
      (return (i64.const 0))))
  (if (i32.eq (i32.or (call $mochi_f64.at (local.get $b) (local.get $i)) (i32.const 0x20)) (i32.const 112))
    (then
      (local.set $j (i32.add (local.get $i) (i32.const 1)))
      (local.set $c (call $mochi_f64.at (local.get $b) (local.get $j)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
        (then
          (local.set $eneg (i32.eq (local.get $c) (i32.const 45)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))))
      (if (i32.ge_s (call $mochi_f64.digit (call $mochi_f64.at (local.get $b) (local.get $j))) (i32.const 0))
        (then
          (block $edone
            (loop $edigit
              (local.set $d (call $mochi_f64.digit (call $mochi_f64.at (local.get $b) (local.get $j))))
              (br_if $edone (i32.lt_s (local.get $d) (i32.const 0)))
              (if (i64.lt_u (local.get $ev) (i64.const 1000000000000))
                (then (local.set $ev (i64.add (i64.mul (local.get $ev) (i64.const 10)) (i64.extend_i32_u (local.get $d))))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $edigit)))
          (if (local.get $eneg) (then (local.set $ev (i64.sub (i64.const 0) (local.get $ev)))))
          (local.set $i (local.get $j))))))
  (global.set $mochi_f64.pos (local.get $i))
  (if (i64.eqz (local.get $m)) (then (return (i64.const 0))))
  ;; m * 2^(bexp + ev), a sticky bit below: normalise m to the top of a 128-bit N
  (local.set $lz (i64.clz (local.get $m)))
  (local.set $e2 (i64.sub (i64.sub (i64.add (local.get $bexp) (local.get $ev)) (local.get $lz)) (i64.const 64)))
  (if (i64.gt_s (local.get $e2) (i64.const 100000)) (then (local.set $e2 (i64.const 100000))))
  (if (i64.lt_s (local.get $e2) (i64.const -100000)) (then (local.set $e2 (i64.const -100000))))
  (call $mochi_f64.round (i64.shl (local.get $m) (local.get $lz)) (local.get $sticky) (i32.wrap_i64 (local.get $e2))))

;; The double strtod reads from all of b (what mochi_str_to_float accepts), with
;; $mochi_f64.ok set to 1; 0 when strtod would stop early, fail, or skip white space.
(func $mochi_f64.parse (param $b (ref $bytes)) (result f64)
  (local $n i32)
  (local $i i32)
  (local $c i32)
  (local $neg i64)
  (local $bits i64)
  (local $j i32)
  (global.set $mochi_f64.ok (i32.const 0))
  (local.set $n (array.len (local.get $b)))
  (if (i32.eqz (local.get $n)) (then (return (f64.const 0))))
  (local.set $c (array.get_u $bytes (local.get $b) (i32.const 0)))
  ;; white space strtod would skip: ' ' \t \n \v \f \r
  (if (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.lt_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 5)))
    (then (return (f64.const 0))))
  (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
    (then
      (local.set $neg (i64.extend_i32_u (i32.eq (local.get $c) (i32.const 45))))
      (local.set $i (i32.const 1))))
  (local.set $c (i32.or (call $mochi_f64.at (local.get $b) (local.get $i)) (i32.const 0x20)))
  (block $number
    (if (i32.eq (local.get $c) (i32.const 105))  ;; i
      (then
        (local.set $bits (i64.const 0x7FF0000000000000))
        (if (call $mochi_f64.word (local.get $b) (local.get $i) (i64.const 0x7974696E69666E69) (i32.const 8))  ;; "infinity"
          (then (local.set $i (i32.add (local.get $i) (i32.const 8))) (br $number)))
        (if (call $mochi_f64.word (local.get $b) (local.get $i) (i64.const 0x666E69) (i32.const 3))  ;; "inf"
          (then (local.set $i (i32.add (local.get $i) (i32.const 3))) (br $number)))
        (return (f64.const 0))))
    (if (i32.eq (local.get $c) (i32.const 110))  ;; n
      (then
        (if (i32.eqz (call $mochi_f64.word (local.get $b) (local.get $i) (i64.const 0x6E616E) (i32.const 3)))  ;; "nan"
          (then (return (f64.const 0))))
        (local.set $bits (i64.const 0x7FF8000000000000))
        (local.set $i (i32.add (local.get $i) (i32.const 3)))
        ;; nan(n-char-sequence): letters, digits and _; taken only with its `)`
        (if (i32.eq (call $mochi_f64.at (local.get $b) (local.get $i)) (i32.const 40))
          (then
            (local.set $j (i32.add (local.get $i) (i32.const 1)))
            (block $chars
              (loop $char
                (local.set $c (call $mochi_f64.at (local.get $b) (local.get $j)))
                (br_if $chars
                  (i32.eqz
                    (i32.or
                      (i32.or
                        (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
                        (i32.lt_u (i32.sub (i32.or (local.get $c) (i32.const 0x20)) (i32.const 97)) (i32.const 26)))
                      (i32.eq (local.get $c) (i32.const 95)))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $char)))
            (if (i32.eq (local.get $c) (i32.const 41))
              (then (local.set $i (i32.add (local.get $j) (i32.const 1)))))))
        (br $number)))
    (if (i32.and
          (i32.eq (call $mochi_f64.at (local.get $b) (local.get $i)) (i32.const 48))
          (i32.eq (i32.or (call $mochi_f64.at (local.get $b) (i32.add (local.get $i) (i32.const 1))) (i32.const 0x20))
            (i32.const 120)))
      (then (local.set $bits (call $mochi_f64.hex (local.get $b) (i32.add (local.get $i) (i32.const 2)))))
      (else (local.set $bits (call $mochi_f64.decimal (local.get $b) (local.get $i)))))
    (local.set $i (global.get $mochi_f64.pos)))
  (if (i32.ne (local.get $i) (local.get $n)) (then (return (f64.const 0))))
  (global.set $mochi_f64.ok (i32.const 1))
  (f64.reinterpret_i64 (i64.or (local.get $bits) (i64.shl (local.get $neg) (i64.const 63)))))

(data $mochi_f64.invalid "invalid float: ")

;; `x as float` (mochi_str_to_float): the double strtod reads from all of s, else the
;; runtime error `invalid float: "<s>"`.
(func $mochi_f64.str_to_float (param $s (ref null $str)) (result f64)
  (local $v f64)
  (local.set $v (call $mochi_f64.parse (struct.get $str $b (call $mochi_str_or_empty (local.get $s)))))
  (if (i32.eqz (global.get $mochi_f64.ok))
    (then
      (call $mochi_rt_error
        (call $mochi_str_concat
          (struct.new $str (array.new_data $bytes $mochi_f64.invalid (i32.const 0) (i32.const 15)) (i32.const 15))
          (call $mochi_str_quote (local.get $s))))))
  (local.get $v))

;; ---- the power-of-ten table (generated by tests/float/gen-tables.py wat) ----

(data $mochi_f64.pow10
  "\5a\d6\3b\92\d6\53\f4\ee\40\3b\a1\06\29\aa\3f\11" ;; -342
  "\f8\65\65\1b\66\b4\58\95\08\c5\24\a4\59\ca\c7\4a" ;; -341
  "\76\bf\3e\a2\7f\e1\ae\ba\4a\f6\2d\0d\f0\bc\79\5d" ;; -340
  "\53\6f\ce\8a\df\99\5a\e9\dd\73\79\10\2c\2c\d8\f4" ;; -339
  "\94\05\c1\b6\2b\a0\d8\91\6a\e8\4b\8a\9b\1b\07\79" ;; -338
  "\f9\46\71\a4\36\c8\4e\b6\85\e2\de\6c\82\e2\48\97" ;; -337
  "\b7\98\8d\4d\44\7a\e2\e3\26\9b\16\08\23\1b\1b\fd" ;; -336
  "\72\7f\78\b0\6a\8c\6d\8e\f8\20\0e\e5\f5\f0\30\fe" ;; -335
  "\4f\9f\96\5c\85\ef\08\b2\36\a9\51\5e\33\2d\bd\bd" ;; -334
  "\23\47\bc\b3\66\2b\8b\de\83\13\e6\35\80\78\2c\ad" ;; -333
  "\76\ac\55\30\20\fb\16\8b\32\cc\af\21\50\cb\3b\4c" ;; -332
  "\93\17\6b\3c\e8\b9\dc\ad\3e\bf\1b\2a\24\be\4a\df" ;; -331
  "\78\dd\85\4b\62\e8\53\d9\0e\af\a2\34\ad\6d\1d\d7" ;; -330
  "\6b\aa\33\6f\3d\71\d4\87\69\ad\e5\40\8c\64\72\86" ;; -329
  "\06\95\00\cb\8c\8d\c9\a9\c3\18\1f\51\af\fd\0e\68" ;; -328
  "\48\ba\c0\fd\ef\f0\3b\d4\f3\de\66\25\1b\bd\12\02" ;; -327
  "\6d\74\98\fe\95\76\a5\84\58\4b\60\f7\30\b6\4b\01" ;; -326
  "\88\91\3e\7e\3b\d4\ce\a5\2e\5e\38\35\bd\a3\9e\41" ;; -325
  "\ea\35\ce\5d\4a\89\42\cf\ba\75\86\82\ac\4c\06\52" ;; -324
  "\b2\e1\a0\7a\ce\95\89\81\94\09\94\d1\eb\ef\43\73" ;; -323
  "\1f\1a\49\19\42\fb\eb\a1\f9\0b\f9\c5\e6\eb\14\10" ;; -322
  "\a6\60\9b\9f\12\fa\66\ca\f7\4e\77\77\e0\26\1a\d4" ;; -321
  "\d0\38\82\47\97\b8\00\fd\b5\22\55\95\98\b0\20\89" ;; -320
  "\82\63\b1\8c\5e\73\20\9e\b1\35\55\5d\5f\6e\b4\55" ;; -319
  "\62\bc\dd\2f\36\90\a8\c5\1e\83\aa\34\f7\89\21\eb" ;; -318
  "\7b\2b\d5\bb\43\b4\12\f7\e5\23\d5\01\75\ec\e9\a5" ;; -317
  "\2d\3b\65\55\aa\b0\6b\9a\6f\36\25\21\c9\33\b2\47" ;; -316
  "\f8\89\be\ea\d4\9c\06\c1\0b\84\6e\69\bb\c0\9e\99" ;; -315
  "\76\2c\6e\25\0a\44\48\f1\0e\25\ca\43\ea\70\06\c0" ;; -314
  "\ca\db\64\57\86\2a\cd\96\29\57\5e\6a\92\06\04\38" ;; -313
  "\bc\12\3e\ed\27\75\80\bc\f3\ec\f5\04\37\08\05\c6" ;; -312
  "\6b\97\8d\e8\71\92\a0\eb\2f\68\33\c6\44\4a\86\f7" ;; -311
  "\a3\7e\58\31\87\5b\44\93\1e\21\e0\fb\6a\ee\b3\7a" ;; -310
  "\4c\9e\ae\fd\68\72\15\b8\65\29\d8\ba\05\ea\60\59" ;; -309
  "\df\45\1a\3d\03\cf\1a\e6\be\33\8e\29\87\24\b9\6f" ;; -308
  "\ab\6b\30\06\62\c1\d0\8f\57\e0\f8\79\d4\b6\d3\a5" ;; -307
  "\96\86\bc\87\ba\f1\c4\b3\6d\18\77\98\89\a4\48\8f" ;; -306
  "\3c\a8\ab\29\29\2e\b6\e0\88\de\94\fe\ab\cd\1a\33" ;; -305
  "\25\49\0b\ba\d9\dc\71\8c\15\0b\1d\7f\8b\c0\f0\9f" ;; -304
  "\6f\1b\8e\28\10\54\8e\af\da\4d\e4\5e\ae\f0\ec\07" ;; -303
  "\4a\a2\b1\32\14\e9\71\db\51\61\9d\f6\d9\2c\e8\c9" ;; -302
  "\6e\05\af\9f\ac\31\27\89\d3\5c\22\3a\08\1c\31\be" ;; -301
  "\ca\c6\9a\c7\17\fe\70\ab\07\f4\aa\48\0a\63\bd\6d" ;; -300
  "\7d\78\81\b9\9d\3d\4d\d6\09\b1\d5\da\cc\bb\2c\09" ;; -299
  "\4e\eb\f0\93\82\46\f0\85\a6\8e\c5\08\60\f5\bb\25" ;; -298
  "\21\26\ed\38\23\58\6c\a7\4f\f2\f6\0a\b8\f2\2a\af" ;; -297
  "\aa\6f\28\07\2c\6e\47\d1\e2\ae\b4\0d\66\af\f5\1a" ;; -296
  "\ca\45\79\84\db\a4\cc\82\4e\ed\90\c8\9f\8d\d9\50" ;; -295
  "\3c\97\97\65\12\ce\7f\a3\a1\28\b5\ba\07\f1\0f\e5" ;; -294
  "\0c\7d\fd\fe\96\c1\5f\cc\c9\72\62\a9\49\ed\53\1e" ;; -293
  "\4f\dc\bc\be\fc\b1\77\ff\7b\0f\bb\13\9c\e8\e8\25" ;; -292
  "\b1\09\36\f7\3d\cf\aa\9f\ad\e9\54\8c\61\91\b1\77" ;; -291
  "\1d\8c\03\75\0d\83\95\c7\18\24\6a\ef\b9\f5\9d\d5" ;; -290
  "\25\6f\44\d2\d0\e3\7a\f9\1e\ad\44\6b\28\73\05\4b" ;; -289
  "\77\c5\6a\83\62\ce\ec\9b\33\ec\0a\43\f9\67\e3\4e" ;; -288
  "\d5\76\45\24\fb\01\e8\c2\40\a7\cd\93\f7\41\9c\22" ;; -287
  "\8a\d4\56\ed\79\02\a2\f3\10\11\c1\78\75\52\43\6b" ;; -286
  "\d6\44\56\34\8c\41\45\98\aa\aa\78\6b\89\13\0a\83" ;; -285
  "\0c\d6\6b\41\ef\91\56\be\54\d5\56\c6\6b\98\cc\23" ;; -284
  "\8f\cb\c6\11\6b\36\ec\ed\a9\8a\ec\b7\86\be\bf\2c" ;; -283
  "\39\3f\1c\eb\02\a2\b3\94\aa\d6\f3\32\14\d7\f7\7b" ;; -282
  "\07\4f\e3\a5\83\8a\e0\b9\54\cc\b0\3f\d9\cc\f5\da" ;; -281
  "\c9\22\5c\8f\24\ad\58\e8\69\ff\9c\8f\0f\40\b3\d1" ;; -280
  "\be\95\99\d9\36\6c\37\91\a2\1f\c2\b9\09\08\10\23" ;; -279
  "\2d\fb\ff\8f\44\47\85\b5\8b\a7\32\28\0c\0a\d4\ab" ;; -278
  "\f9\f9\ff\b3\15\99\e6\e2\6d\51\3f\32\8f\0c\c9\16" ;; -277
  "\3b\fc\7f\90\ad\1f\d0\8d\e4\92\67\7f\d9\a7\3d\ae" ;; -276
  "\4a\fb\9f\f4\98\27\44\b1\9d\77\41\df\cf\11\cd\99" ;; -275
  "\1d\fa\c7\31\7f\31\95\dd\84\d5\11\d7\43\56\40\40" ;; -274
  "\52\fc\1c\7f\ef\3e\7d\8a\73\25\6b\66\ea\35\28\48" ;; -273
  "\66\3b\e4\5e\ab\8e\1c\ad\d0\ee\05\00\65\43\32\da" ;; -272
  "\40\4a\9d\36\56\b2\63\d8\83\6a\07\40\3e\d4\be\90" ;; -271
  "\68\4e\22\e2\75\4f\3e\87\92\a2\04\e8\a6\44\77\5a" ;; -270
  "\02\e2\aa\5a\53\e3\0d\a9\37\cb\05\a2\d0\15\15\71" ;; -269
  "\83\9a\55\31\28\5c\51\d3\04\3e\87\ca\44\5b\5a\0d" ;; -268
  "\91\80\d5\1e\99\d9\12\84\c3\86\94\fe\0a\79\58\e8" ;; -267
  "\b6\e0\8a\66\ff\8f\17\a5\73\a8\39\be\4d\97\6e\62" ;; -266
  "\e3\98\2d\40\ff\73\5d\ce\90\12\c8\2d\21\3d\0a\fb" ;; -265
  "\8e\7f\1c\88\7f\68\fa\80\9a\0b\9d\bc\34\66\e6\7c" ;; -264
  "\72\9f\23\6a\9f\02\39\a1\81\4e\c4\eb\c1\ff\1f\1c" ;; -263
  "\4e\87\ac\44\47\43\87\c9\21\62\b5\66\b2\ff\27\a3" ;; -262
  "\22\a9\d7\15\19\14\e9\fb\a9\ba\62\00\9f\ff\f1\4b" ;; -261
  "\b5\c9\a6\ad\8f\ac\71\9d\aa\b4\3d\60\c3\3f\77\6f" ;; -260
  "\22\7c\10\99\b3\17\ce\c4\d4\21\4d\38\b4\0f\55\cb" ;; -259
  "\2b\9b\54\7f\a0\9d\01\f6\49\6a\60\46\a1\53\2a\7e" ;; -258
  "\fb\e0\94\4f\84\02\c1\99\6e\42\fc\cb\44\74\da\2e" ;; -257
  "\39\19\7a\63\25\43\31\c0\09\53\fb\fe\55\11\91\fa" ;; -256
  "\88\9f\58\bc\ee\93\3d\f0\cb\27\ba\7e\ab\55\35\79" ;; -255
  "\b5\63\b7\35\75\7c\26\96\df\58\34\2f\8b\55\c1\4b" ;; -254
  "\a2\3c\25\83\92\1b\b0\bb\17\6f\01\fb\ed\aa\b1\9e" ;; -253
  "\cb\8b\ee\23\77\22\9c\ea\dd\ca\c1\79\a9\15\5e\46" ;; -252
  "\5f\17\75\76\8a\95\a1\92\ca\1e\19\ec\89\cd\fa\0b" ;; -251
  "\36\5d\12\14\ed\fa\49\b7\7c\66\1f\67\ec\80\f9\ce" ;; -250
  "\84\f4\16\59\a8\79\1c\e5\1b\40\e7\80\27\e1\b7\82" ;; -249
  "\d2\58\ae\37\09\cc\31\8f\11\88\90\b0\b8\ec\b2\d1" ;; -248
  "\07\ef\99\85\0b\3f\fe\b2\16\aa\b4\dc\e6\a7\1f\86" ;; -247
  "\c9\6a\00\67\ce\ce\bd\df\9b\d4\e1\93\e0\91\a7\67" ;; -246
  "\bd\42\60\00\41\a1\d6\8b\e1\24\6d\5c\2c\bb\c8\e0" ;; -245
  "\6d\53\78\40\91\49\cc\ae\19\6e\88\73\f7\e9\fa\58" ;; -244
  "\48\68\96\90\f5\5b\7f\da\9f\89\6a\50\75\a4\39\af" ;; -243
  "\2d\01\5e\7a\79\99\8f\88\04\96\42\52\c9\06\84\6d" ;; -242
  "\78\81\f5\d8\d7\7f\b3\aa\84\3b\d3\a6\7b\08\e5\c8" ;; -241
  "\d6\e1\32\cf\cd\5f\60\d5\65\0a\88\90\9a\4a\1e\fb" ;; -240
  "\26\cd\7f\a1\e0\3b\5c\85\80\06\55\9a\a0\ee\f2\5c" ;; -239
  "\6f\c0\df\c9\d8\4a\b3\a6\1f\48\ea\c0\48\aa\2f\f4" ;; -238
  "\8b\b0\57\fc\8e\1d\60\d0\27\da\24\f1\da\94\3b\f1" ;; -237
  "\57\ce\b6\5d\79\12\3c\82\59\08\b7\d6\08\3d\c5\76" ;; -236
  "\ed\81\24\b5\17\17\cb\a2\6f\ca\64\0c\4b\8c\76\54" ;; -235
  "\68\a2\6d\a2\dd\dc\7d\cb\0a\fd\7d\cf\5d\2f\94\a9" ;; -234
  "\02\0b\09\0b\15\54\5d\fe\4d\7c\5d\43\35\3b\f9\d3" ;; -233
  "\e1\a6\e5\26\8d\54\fa\9e\b0\6d\1a\4a\01\c5\7b\c4" ;; -232
  "\9a\10\9f\70\b0\e9\b8\c6\1c\09\a1\9c\41\b6\9a\35" ;; -231
  "\c0\d4\c6\8c\1c\24\67\f8\63\4b\c9\03\d2\63\01\c3" ;; -230
  "\f8\44\fc\d7\91\76\40\9b\1e\cf\5d\42\63\de\e0\79" ;; -229
  "\36\56\fb\4d\36\94\10\c2\e5\42\f5\12\fc\15\59\98" ;; -228
  "\c4\2b\7a\e1\43\b9\94\f2\9e\93\b2\17\7b\5b\6f\3e" ;; -227
  "\5a\5b\ec\6c\ca\f3\9c\97\43\9c\cf\ee\2c\99\05\a7" ;; -226
  "\31\72\27\08\bd\30\84\bd\54\83\83\2a\78\ff\c6\50" ;; -225
  "\bd\4e\31\4a\ec\3c\e5\ec\29\64\24\35\56\bf\f8\a4" ;; -224
  "\36\d1\5e\ae\13\46\0f\94\9a\be\36\e1\95\77\1b\87" ;; -223
  "\84\85\f6\99\98\17\13\b9\40\6e\84\59\7b\55\e2\28" ;; -222
  "\e5\26\74\c0\7e\dd\57\e7\d0\89\e5\2f\da\ea\1a\33" ;; -221
  "\4f\98\48\38\6f\ea\96\90\22\76\ef\5d\c8\d2\f0\3f" ;; -220
  "\63\be\5a\06\0b\a5\bc\b4\aa\53\6b\75\7a\07\ed\0f" ;; -219
  "\fb\6d\f1\c7\4d\ce\eb\e1\95\28\c6\12\59\49\e8\d3" ;; -218
  "\bd\e4\f6\9c\f0\60\33\8d\5d\d9\bb\ab\d7\2d\71\64" ;; -217
  "\ec\9d\34\c4\2c\39\80\b0\b4\cf\aa\96\4d\79\8d\bd" ;; -216
  "\67\c5\41\f5\77\47\a0\dc\a1\83\55\fc\a0\d7\f0\ec" ;; -215
  "\60\1b\49\f9\aa\2c\e4\89\45\72\b5\9d\c4\86\16\f4" ;; -214
  "\39\62\9b\b7\d5\37\5d\ac\d6\ce\22\c5\75\28\1c\31" ;; -213
  "\c7\3a\82\25\cb\85\74\d7\8c\82\6b\36\93\32\63\7d" ;; -212
  "\bc\64\71\f7\9e\d3\a8\86\98\31\03\02\9c\ff\5d\ae" ;; -211
  "\eb\bd\4d\b5\86\08\53\a8\fd\fd\83\02\83\7f\f5\d9" ;; -210
  "\66\2d\a1\62\a8\ca\67\d2\7c\fd\24\c3\63\df\72\d0" ;; -209
  "\60\bc\a4\3d\a9\de\80\83\6e\1e\f7\59\9e\cb\47\42" ;; -208
  "\78\eb\0d\8d\53\16\61\a4\09\e6\74\f0\85\be\d9\52" ;; -207
  "\56\66\51\70\e8\5b\79\cd\8c\1f\92\6c\27\2e\90\67" ;; -206
  "\f6\df\32\46\71\d9\6b\80\b7\53\db\a3\d8\1c\ba\00" ;; -205
  "\f3\97\bf\97\cd\cf\86\a0\a5\28\d2\cc\0e\a4\e8\80" ;; -204
  "\f0\7d\af\fd\c0\83\a8\c8\ce\b2\06\80\12\cd\22\61" ;; -203
  "\6c\5d\1b\3d\b1\a4\d2\fa\82\5f\08\20\57\80\6b\79" ;; -202
  "\63\1a\31\c6\ee\a6\c3\9c\b1\3b\05\74\36\30\e3\cb" ;; -201
  "\fc\60\bd\77\aa\90\f4\c3\9d\8a\06\11\44\fc\db\be" ;; -200
  "\3b\b9\ac\15\d5\b4\f1\f4\45\2d\48\15\55\fb\92\ee" ;; -199
  "\c5\f3\8b\2d\05\11\17\99\4b\1c\4d\2d\15\dd\1b\75" ;; -198
  "\b6\f0\ee\78\46\d5\5c\bf\5e\63\a0\78\5a\d4\62\d2" ;; -197
  "\e4\ac\2a\17\98\0a\34\ef\35\7c\c8\16\71\89\fb\86" ;; -196
  "\0e\ac\7a\0e\9f\86\80\95\a1\4d\3d\ae\e6\35\5d\d4" ;; -195
  "\12\57\19\d2\46\a8\e0\ba\0a\a1\cc\59\60\83\74\89" ;; -194
  "\d7\ac\9f\86\58\d2\98\e9\4c\c9\3f\70\38\a4\d1\2b" ;; -193
  "\06\cc\23\54\77\83\ff\91\d0\dd\27\46\a3\06\63\7b" ;; -192
  "\08\bf\2c\29\55\64\7f\b6\43\d5\b1\17\4c\c8\3b\1a" ;; -191
  "\ca\ee\77\73\6a\3d\1f\e4\94\4a\9e\1d\5f\ba\ca\20" ;; -190
  "\3e\f5\2a\88\62\86\93\8e\9d\ee\82\72\7b\b4\7e\54" ;; -189
  "\8d\b2\35\2a\fb\67\38\b2\44\aa\23\4f\9a\61\9e\e9" ;; -188
  "\31\1f\c3\f4\f9\81\c6\de\d5\94\ec\e2\00\fa\05\64" ;; -187
  "\7e\f3\f9\38\3c\11\3c\8b\05\dd\d3\8d\40\bc\83\de" ;; -186
  "\5e\70\38\47\8b\15\0b\ae\46\d4\48\b1\50\ab\24\96" ;; -185
  "\76\8c\06\19\ee\da\8d\d9\58\09\9b\dd\24\d6\ad\3b" ;; -184
  "\c9\17\a4\cf\d4\a8\f8\87\d7\e5\80\0a\d7\a5\4c\e5" ;; -183
  "\bc\1d\8d\03\0a\d3\f6\a9\4d\1f\21\cd\4c\cf\9f\5e" ;; -182
  "\2b\65\70\84\cc\87\74\d4\20\67\69\00\20\c3\47\76" ;; -181
  "\3b\3f\c6\d2\df\d4\c8\84\74\e0\41\00\f4\d9\ec\29" ;; -180
  "\09\cf\77\c7\17\0a\fb\a5\91\58\52\00\71\10\68\f4" ;; -179
  "\cc\c2\55\b9\9d\cc\79\cf\b5\ee\66\40\8d\14\82\71" ;; -178
  "\bf\99\d5\93\e2\1f\ac\81\31\55\40\48\d8\4c\f1\c6" ;; -177
  "\2f\00\cb\38\db\27\17\a2\7d\6a\50\5a\0e\a0\ad\b8" ;; -176
  "\3b\c0\fd\06\d2\f1\9c\ca\1d\85\e4\f0\11\08\d9\a6" ;; -175
  "\4a\30\bd\88\46\2e\44\fd\64\a6\1d\6d\16\4a\8f\90" ;; -174
  "\2e\3e\76\15\ec\9c\4a\9e\ff\87\32\04\4e\8e\59\9a" ;; -173
  "\ba\cd\d3\1a\27\44\dd\c5\fe\29\3f\85\e1\f1\ef\40" ;; -172
  "\28\c1\88\e1\30\95\54\f7\7d\f4\8e\e6\59\ee\2b\d1" ;; -171
  "\b9\78\f5\8c\3e\dd\94\9a\cf\58\19\30\f8\74\bb\82" ;; -170
  "\e7\d6\32\30\8e\14\3a\c1\02\af\1f\3c\36\52\6a\e3" ;; -169
  "\a1\8c\3f\bc\b1\99\88\f1\c2\9a\27\cb\c3\e6\44\dc" ;; -168
  "\e5\b7\a7\15\0f\60\f5\96\ba\c0\f8\5e\3a\10\ab\29" ;; -167
  "\de\a5\11\db\12\b8\b2\bc\e8\f0\b6\f6\48\d4\15\74" ;; -166
  "\56\0f\d6\91\17\66\df\eb\22\ad\64\34\5b\49\1b\11" ;; -165
  "\95\c9\25\bb\ce\9f\6b\93\35\ec\be\00\d9\0d\b1\ca" ;; -164
  "\fb\3b\ef\69\c2\87\46\b8\43\a7\ee\40\4f\51\5d\3d" ;; -163
  "\fa\0a\6b\04\b3\29\58\e6\13\51\2a\11\a3\a5\b4\0c" ;; -162
  "\dc\e6\c2\e2\0f\1a\f7\8f\ac\72\ba\ea\85\e7\f0\47" ;; -161
  "\93\a0\73\db\93\e0\f4\b3\57\0f\69\65\67\21\ed\59" ;; -160
  "\b8\88\50\d2\b8\18\f2\e0\2d\53\c3\3e\c1\69\68\30" ;; -159
  "\73\55\72\83\73\4f\97\8c\fc\13\3a\c7\18\42\41\1e" ;; -158
  "\cf\ea\4e\64\50\23\bd\af\fb\98\08\f9\9e\92\d1\e5" ;; -157
  "\83\a5\62\7d\24\6c\ac\db\3a\bf\4a\b7\46\f7\45\df" ;; -156
  "\72\a7\5d\ce\96\c3\4b\89\84\b7\8e\32\8c\ba\8b\6b" ;; -155
  "\4f\11\f5\81\7c\b4\9e\ab\65\65\32\3f\2f\a9\6e\06" ;; -154
  "\a2\55\72\a2\9b\61\86\d6\be\fe\fe\0e\7b\53\0a\c8" ;; -153
  "\85\75\87\45\01\fd\13\86\37\5f\5f\e9\2c\74\06\bd" ;; -152
  "\e7\52\e9\96\41\fc\98\a7\05\37\b7\23\38\11\48\2c" ;; -151
  "\a0\a7\a3\fc\51\3b\7f\d1\c6\04\a5\2c\86\15\5a\f7" ;; -150
  "\c4\48\e6\3d\13\85\ef\82\fc\22\e7\db\73\4d\98\9a" ;; -149
  "\f5\da\5f\0d\58\66\ab\a3\bb\eb\e0\d2\d0\60\3e\c1" ;; -148
  "\b3\d1\b7\10\ee\3f\96\cc\a9\26\99\07\05\f9\8d\31" ;; -147
  "\1f\c6\e5\94\e9\cf\bb\ff\53\70\7f\49\46\77\f1\fd" ;; -146
  "\d3\9b\0f\fd\f1\61\d5\9f\34\a6\ef\ed\8b\ea\b6\fe" ;; -145
  "\c8\82\53\7c\6e\ba\ca\c7\c1\8f\6b\e9\2e\a5\64\fe" ;; -144
  "\7b\63\68\1b\0a\69\bd\f9\b1\73\c6\a3\7a\ce\fd\3d" ;; -143
  "\2d\3e\21\51\a6\61\16\9c\4f\08\5c\a6\0c\a1\be\06" ;; -142
  "\b8\8d\69\e5\0f\fa\1b\c3\63\0a\f3\cf\4f\49\6e\48" ;; -141
  "\26\f1\c3\de\93\f8\e2\f3\fb\cc\ef\c3\a3\db\89\5a" ;; -140
  "\b7\76\3a\6b\5c\db\6d\98\1d\e0\75\5a\46\29\96\f8" ;; -139
  "\65\14\09\86\33\52\89\be\24\58\13\f1\97\b3\bb\f6" ;; -138
  "\7f\59\8b\67\c0\a6\2b\ee\2d\2e\58\ed\7d\a0\6a\74" ;; -137
  "\ef\17\b7\40\38\48\db\94\dd\1c\57\b4\4e\a4\c2\a8" ;; -136
  "\eb\dd\e4\50\46\1a\12\ba\14\e4\6c\61\62\4d\f3\92" ;; -135
  "\66\15\1e\e5\d7\a0\96\e8\18\1d\c8\f9\ba\20\b0\77" ;; -134
  "\60\cd\32\ef\86\24\5e\91\2f\12\1d\dc\74\14\ce\0a" ;; -133
  "\b8\80\ff\aa\a8\ad\b5\b5\bb\56\24\13\92\99\81\0d" ;; -132
  "\e6\60\bf\d5\12\19\23\e3\6a\6c\ed\97\f6\ff\e1\10" ;; -131
  "\8f\9c\97\c5\ab\ef\f5\8d\c2\63\f4\1e\fa\3f\8d\ca" ;; -130
  "\b3\83\fd\b6\96\6b\73\b1\b3\7c\b1\a6\f8\8f\30\bd" ;; -129
  "\a0\e4\bc\64\7c\46\d0\dd\df\db\5d\d0\f6\b3\7c\ac" ;; -128
  "\e4\0e\f6\be\0d\2c\a2\8a\6c\a9\3a\42\7a\f0\cd\6b" ;; -127
  "\9d\92\b3\2e\11\b7\4a\ad\c7\53\c9\d2\98\6c\c1\86" ;; -126
  "\44\77\60\7a\d5\64\9d\d8\b8\a8\7b\07\bf\c7\71\e8" ;; -125
  "\8b\4a\7c\6c\05\5f\62\87\73\49\ad\64\d7\1c\47\11" ;; -124
  "\2d\5d\9b\c7\c6\f6\3a\a9\d0\9b\d8\3d\0d\e4\98\d5" ;; -123
  "\79\34\82\79\78\b4\89\d3\c4\c2\4e\8d\10\1d\ff\4a" ;; -122
  "\cb\60\f1\4b\cb\10\36\84\bb\39\51\58\2a\72\df\ce" ;; -121
  "\fe\b8\ed\1e\fe\94\43\a5\29\88\65\ee\b4\4e\97\c2" ;; -120
  "\3e\27\a9\a6\3d\7a\94\ce\33\ea\fe\29\62\22\3d\73" ;; -119
  "\87\b8\29\88\66\cc\1c\81\60\52\3f\5a\7d\35\06\08" ;; -118
  "\a8\26\34\2a\80\ff\63\a1\f8\26\cf\b0\dc\c2\07\ca" ;; -117
  "\52\30\c1\34\60\ff\bc\c9\b6\f0\02\dd\93\b3\89\fc" ;; -116
  "\67\7c\f1\41\38\3f\2c\fc\e3\ac\43\d4\78\20\ac\bb" ;; -115
  "\c0\ed\36\29\83\a7\9b\9d\0e\4c\aa\84\4b\94\4b\d5" ;; -114
  "\31\a9\84\f3\63\91\02\c5\12\df\d4\65\5e\79\9e\0a" ;; -113
  "\7d\d3\65\f0\bc\35\43\f6\d6\16\4a\ff\b5\17\46\4d" ;; -112
  "\2e\a4\3f\16\96\01\ea\99\46\4e\8e\bf\d1\ce\4b\50" ;; -111
  "\39\8d\cf\9b\fb\81\64\c0\d7\e1\71\2f\86\c2\5e\e4" ;; -110
  "\88\70\c3\82\7a\a2\7d\f0\4d\5a\4e\bb\27\73\76\5d" ;; -109
  "\55\26\ba\91\8c\85\4e\96\70\f8\10\d5\f8\07\6a\3a" ;; -108
  "\ea\af\28\b6\ef\26\e2\bb\8c\36\55\0a\f7\89\04\89" ;; -107
  "\e5\db\b2\a3\ab\b0\da\ea\2f\84\ea\cc\74\ac\45\2b" ;; -106
  "\6f\c9\4f\46\6b\ae\c8\92\9e\92\12\00\c9\8b\0b\3b" ;; -105
  "\cb\bb\e3\17\06\da\7a\b7\45\37\17\40\bb\6e\ce\09" ;; -104
  "\bd\aa\dc\9d\87\90\59\e5\16\05\1d\10\6a\0a\42\cc" ;; -103
  "\b6\ea\a9\c2\54\fa\57\8f\2e\23\12\4a\82\46\a9\9f" ;; -102
  "\64\65\54\f3\e9\f8\2d\b3\fa\ab\96\dc\22\98\93\47" ;; -101
  "\bd\7e\29\70\24\77\f9\df\f8\56\bc\93\2b\7e\78\59" ;; -100
  "\36\ef\19\c6\76\ea\fb\8b\5b\b6\55\3c\db\4e\eb\57" ;; -99
  "\03\6b\a0\77\14\e5\fa\ae\f2\23\6b\0b\92\22\e6\ed" ;; -98
  "\c4\85\88\95\59\9e\b9\da\ee\ec\45\8e\36\ab\5f\e9" ;; -97
  "\9b\53\75\fd\f7\02\b4\88\15\b4\eb\18\02\cb\db\11" ;; -96
  "\81\a8\d2\fc\b5\03\e1\aa\1a\a1\26\9f\c2\bd\52\d6" ;; -95
  "\a2\52\07\7c\a3\44\99\d5\60\49\f0\46\33\6d\e7\4b" ;; -94
  "\a5\93\84\2d\e6\ca\7f\85\dc\2d\56\0c\40\a4\70\6f" ;; -93
  "\8e\b8\e5\b8\9f\bd\df\a6\53\b9\6b\0f\50\cd\4c\cb" ;; -92
  "\b2\26\1f\a7\07\ad\97\d0\a8\a7\46\13\a4\00\20\7e" ;; -91
  "\2f\78\73\c8\24\cc\5e\82\c9\28\0c\8c\66\00\d4\8e" ;; -90
  "\3b\56\90\fa\2d\7f\f6\a2\fb\32\0f\2f\80\00\89\72" ;; -89
  "\ca\6b\34\79\f9\1e\b4\cb\ba\ff\d2\3a\a0\40\2b\4f" ;; -88
  "\bc\86\81\d7\b7\26\a1\fe\a9\bf\87\49\c8\10\f6\e2" ;; -87
  "\36\f4\b0\e6\32\b8\24\9f\ca\d7\f4\2d\7d\ca\d9\0d" ;; -86
  "\43\31\5d\a0\3f\e6\ed\c6\bc\0d\72\79\1c\3d\50\91" ;; -85
  "\94\7d\74\88\cf\5f\a9\f8\2b\91\ce\97\63\4c\a4\75" ;; -84
  "\7c\ce\48\b5\e1\db\69\9b\bb\1a\e1\3e\be\af\86\c9" ;; -83
  "\1b\02\9b\22\da\52\44\c2\69\61\99\ce\ad\5b\e8\fb" ;; -82
  "\a2\c2\41\ab\90\67\d5\f2\c4\b9\3f\42\99\72\e2\fa" ;; -81
  "\a5\19\09\6b\ba\60\c5\97\1b\d4\67\c9\9f\87\cd\dc" ;; -80
  "\0f\60\cb\05\e9\b8\b6\bd\21\c9\c1\bb\87\e9\00\54" ;; -79
  "\13\38\3e\47\23\67\24\ed\69\3b\b2\aa\e9\23\01\29" ;; -78
  "\0b\e3\86\0c\76\c0\36\94\22\65\af\0a\72\b6\a0\f9" ;; -77
  "\ce\9b\a8\8f\93\70\44\b9\6a\3e\5b\8d\0e\e4\08\f8" ;; -76
  "\c2\c2\92\73\b8\8c\95\e7\05\0e\b2\30\12\1d\0b\b6" ;; -75
  "\b9\b9\3b\48\f3\77\bd\90\c3\48\6f\5e\2b\f2\c6\b1" ;; -74
  "\28\a8\4a\1a\f0\d5\ec\b4\f4\1a\0b\36\b6\ae\38\1e" ;; -73
  "\32\52\dd\20\6c\0b\28\e2\b1\e1\8d\c3\63\da\c6\25" ;; -72
  "\5f\53\8a\94\23\07\59\8d\0f\ad\38\5a\7e\48\9c\57" ;; -71
  "\37\e8\ac\79\ec\48\af\b0\52\d8\c6\f0\9d\5a\83\2d" ;; -70
  "\44\22\18\98\27\1b\db\dc\66\8e\f8\6c\45\31\e4\f8" ;; -69
  "\6b\15\0f\bf\f8\f0\08\8a\00\59\1b\64\cb\9e\8e\1b" ;; -68
  "\c5\da\d2\ee\36\2d\8b\ac\40\2f\22\3d\7e\46\72\e2" ;; -67
  "\77\91\87\aa\84\f8\ad\d7\10\bb\6a\cc\1d\d8\0e\5b" ;; -66
  "\ea\ba\94\ea\52\bb\cc\86\ea\b4\c2\9f\12\47\e9\98" ;; -65
  "\a5\e9\39\a5\27\ea\7f\a8\25\62\b3\47\d7\98\23\3f" ;; -64
  "\0e\64\88\8e\b1\e4\9f\d2\ae\3a\a0\19\0d\7f\ec\8e" ;; -63
  "\89\3e\15\f9\ee\ee\a3\83\ad\24\04\30\68\cf\53\19" ;; -62
  "\2b\8e\5a\b7\aa\ea\8c\a4\d8\2d\05\3c\42\c3\a8\5f" ;; -61
  "\b6\31\31\65\55\25\b0\cd\4e\79\06\cb\12\f4\92\37" ;; -60
  "\11\bf\3e\5f\55\17\8e\80\d1\0b\e4\be\8b\d8\bb\e2" ;; -59
  "\d6\6e\0e\b7\2a\9d\b1\a0\c5\0e\9d\ae\ae\ce\6a\5b" ;; -58
  "\8b\0a\d2\64\75\04\de\c8\76\52\44\5a\5a\82\45\f2" ;; -57
  "\2e\8d\06\be\92\85\15\fb\13\67\d5\f0\f0\e2\d6\ee" ;; -56
  "\3d\18\c4\b6\7b\73\ed\9c\6c\60\85\96\d6\4d\46\55" ;; -55
  "\4c\1e\75\a4\5a\d0\28\c4\87\b8\26\3c\4c\e1\97\aa" ;; -54
  "\df\65\92\4d\71\04\33\f5\a9\66\30\4b\9f\d9\3d\d5" ;; -53
  "\ab\7f\7b\d0\c6\e2\3f\99\2a\40\fe\8e\03\a8\46\e5" ;; -52
  "\96\5f\9a\84\78\db\8f\bf\34\d0\bd\72\04\52\98\de" ;; -51
  "\7c\f7\c0\a5\56\d2\73\ef\41\44\6d\8f\85\66\3e\96" ;; -50
  "\ad\9a\98\27\76\63\a8\95\a9\4a\a4\79\13\00\e7\dd" ;; -49
  "\59\c1\7e\b1\53\7c\12\bb\53\5d\0d\58\18\c0\60\55" ;; -48
  "\af\71\de\9d\68\1b\d7\e9\a7\b4\10\6e\1e\f0\b8\aa" ;; -47
  "\0d\07\ab\62\21\71\26\92\e9\70\ca\04\13\96\b3\ca" ;; -46
  "\d1\c8\55\bb\69\0d\b0\b6\23\0d\fd\c5\97\7b\60\3d" ;; -45
  "\05\3b\2b\2a\c4\10\5c\e4\6b\50\7c\b7\7d\9a\b8\8c" ;; -44
  "\e3\04\5b\9a\7a\8a\b9\8e\43\b2\ad\92\8e\60\f3\77" ;; -43
  "\1c\c6\f1\40\19\ed\67\b2\d4\1e\59\37\b2\38\f0\55" ;; -42
  "\a3\37\2e\91\5f\e8\01\df\89\66\2f\c5\de\46\6c\6b" ;; -41
  "\c6\e2\bc\ba\3b\31\61\8b\16\a0\3d\3b\4b\ac\23\23" ;; -40
  "\77\1b\6c\a9\8a\7d\39\ae\1b\08\0d\0a\5e\97\ec\ab" ;; -39
  "\55\22\c7\53\ed\dc\c7\d9\22\4a\90\8c\35\bd\e7\96" ;; -38
  "\75\75\5c\54\14\ea\1c\88\55\2e\da\77\41\d6\50\7e" ;; -37
  "\d2\92\73\69\99\24\24\aa\ea\b9\d0\d5\d1\0b\e5\dd" ;; -36
  "\87\77\d0\c3\bf\2d\ad\d4\65\e8\44\4b\c6\4e\5e\95" ;; -35
  "\b4\4a\62\da\97\3c\ec\84\3f\11\0b\ef\3b\f1\5a\bd" ;; -34
  "\61\dd\fa\d0\bd\4b\27\a6\8f\d5\cd\ea\8a\ad\b1\ec" ;; -33
  "\ba\94\39\45\ad\1e\b1\cf\f3\4a\81\a5\ed\18\de\67" ;; -32
  "\f4\fc\43\4b\2c\b3\ce\81\d8\ce\70\87\94\cf\ea\80" ;; -31
  "\31\fc\14\5e\f7\5f\42\a2\8e\02\4d\a9\79\83\25\a1" ;; -30
  "\3e\3b\9a\35\f5\f7\d2\ca\31\43\a0\13\58\e4\6e\09" ;; -29
  "\0d\ca\00\83\f2\b5\87\fd\fd\53\88\18\6e\9d\ca\8b" ;; -28
  "\48\7e\e0\91\b7\d1\74\9e\7e\34\55\cf\64\a2\5e\77" ;; -27
  "\da\9d\58\76\25\06\12\c6\9e\81\2a\03\fe\4a\36\95" ;; -26
  "\51\c5\ee\d3\ae\87\96\f7\05\22\f5\83\bd\dd\83\3a" ;; -25
  "\52\3b\75\44\cd\14\be\9a\43\35\79\72\96\6a\92\c4" ;; -24
  "\27\8a\92\95\00\9a\6d\c1\94\82\17\0f\3c\05\b7\75" ;; -23
  "\b1\2c\f7\ba\80\00\c9\f1\39\63\dd\12\8b\c6\24\53" ;; -22
  "\ee\7b\da\74\50\a0\1d\97\04\5e\ca\eb\16\fc\f6\d3" ;; -21
  "\ea\1a\11\92\64\08\e5\bc\85\f5\bc\a6\1c\bb\f4\88" ;; -20
  "\a5\61\95\b6\7d\4a\1e\ec\e6\32\6c\d0\e3\e9\31\2b" ;; -19
  "\07\5d\1d\92\8e\ee\92\93\d0\9f\43\62\2e\32\ff\3a" ;; -18
  "\49\b4\a4\36\32\aa\77\b8\c3\87\d4\fa\b9\fe\be\09" ;; -17
  "\5b\e1\4d\c4\be\94\95\e6\b4\a9\89\79\68\be\2e\4c" ;; -16
  "\d9\ac\b0\3a\f7\7c\1d\90\11\0a\f6\4b\01\37\9d\0f" ;; -15
  "\0f\d8\5c\09\35\dc\24\b4\95\8c\f3\9e\c1\84\84\53" ;; -14
  "\13\0e\b4\4b\42\13\2e\e1\ba\6f\b0\06\f2\a5\65\28" ;; -13
  "\cb\88\50\6f\09\cc\bc\8c\d4\45\2e\44\b7\87\3f\f9" ;; -12
  "\fe\aa\24\cb\0b\ff\eb\af\49\d7\39\15\a5\69\8f\f7" ;; -11
  "\be\d5\ed\bd\ce\fe\e6\db\1c\4d\88\5a\0e\44\73\b5" ;; -10
  "\97\a5\b4\36\41\5f\70\89\31\30\95\f8\88\0a\68\31" ;; -9
  "\fc\ce\61\84\11\77\cc\ab\3e\7c\ba\36\2b\0d\c2\fd" ;; -8
  "\bc\42\7a\e5\d5\94\bf\d6\4d\1b\69\04\76\90\32\3d" ;; -7
  "\b5\69\6c\af\05\bd\37\86\10\b1\c1\c2\49\9a\3f\a6" ;; -6
  "\23\84\47\1b\47\ac\c5\a7\54\1d\72\33\dc\80\cf\0f" ;; -5
  "\2b\65\19\e2\58\17\b7\d1\a9\a4\4e\40\13\61\c3\d3" ;; -4
  "\3b\df\4f\8d\97\6e\12\83\ea\26\31\08\ac\1c\5a\64" ;; -3
  "\0a\d7\a3\70\3d\0a\d7\a3\a4\70\3d\0a\d7\a3\70\3d" ;; -2
  "\cc\cc\cc\cc\cc\cc\cc\cc\cd\cc\cc\cc\cc\cc\cc\cc" ;; -1
  "\00\00\00\00\00\00\00\80\01\00\00\00\00\00\00\00" ;; 0
  "\00\00\00\00\00\00\00\a0\01\00\00\00\00\00\00\00" ;; 1
  "\00\00\00\00\00\00\00\c8\01\00\00\00\00\00\00\00" ;; 2
  "\00\00\00\00\00\00\00\fa\01\00\00\00\00\00\00\00" ;; 3
  "\00\00\00\00\00\00\40\9c\01\00\00\00\00\00\00\00" ;; 4
  "\00\00\00\00\00\00\50\c3\01\00\00\00\00\00\00\00" ;; 5
  "\00\00\00\00\00\00\24\f4\01\00\00\00\00\00\00\00" ;; 6
  "\00\00\00\00\00\80\96\98\01\00\00\00\00\00\00\00" ;; 7
  "\00\00\00\00\00\20\bc\be\01\00\00\00\00\00\00\00" ;; 8
  "\00\00\00\00\00\28\6b\ee\01\00\00\00\00\00\00\00" ;; 9
  "\00\00\00\00\00\f9\02\95\01\00\00\00\00\00\00\00" ;; 10
  "\00\00\00\00\40\b7\43\ba\01\00\00\00\00\00\00\00" ;; 11
  "\00\00\00\00\10\a5\d4\e8\01\00\00\00\00\00\00\00" ;; 12
  "\00\00\00\00\2a\e7\84\91\01\00\00\00\00\00\00\00" ;; 13
  "\00\00\00\80\f4\20\e6\b5\01\00\00\00\00\00\00\00" ;; 14
  "\00\00\00\a0\31\a9\5f\e3\01\00\00\00\00\00\00\00" ;; 15
  "\00\00\00\04\bf\c9\1b\8e\01\00\00\00\00\00\00\00" ;; 16
  "\00\00\00\c5\2e\bc\a2\b1\01\00\00\00\00\00\00\00" ;; 17
  "\00\00\40\76\3a\6b\0b\de\01\00\00\00\00\00\00\00" ;; 18
  "\00\00\e8\89\04\23\c7\8a\01\00\00\00\00\00\00\00" ;; 19
  "\00\00\62\ac\c5\eb\78\ad\01\00\00\00\00\00\00\00" ;; 20
  "\00\80\7a\17\b7\26\d7\d8\01\00\00\00\00\00\00\00" ;; 21
  "\00\90\ac\6e\32\78\86\87\01\00\00\00\00\00\00\00" ;; 22
  "\00\b4\57\0a\3f\16\68\a9\01\00\00\00\00\00\00\00" ;; 23
  "\00\a1\ed\cc\ce\1b\c2\d3\01\00\00\00\00\00\00\00" ;; 24
  "\a0\84\14\40\61\51\59\84\01\00\00\00\00\00\00\00" ;; 25
  "\c8\a5\19\90\b9\a5\6f\a5\01\00\00\00\00\00\00\00" ;; 26
  "\3a\0f\20\f4\27\8f\cb\ce\01\00\00\00\00\00\00\00" ;; 27
  "\84\09\94\f8\78\39\3f\81\01\00\00\00\00\00\00\40" ;; 28
  "\e5\0b\b9\36\d7\07\8f\a1\01\00\00\00\00\00\00\50" ;; 29
  "\de\4e\67\04\cd\c9\f2\c9\01\00\00\00\00\00\00\a4" ;; 30
  "\96\22\81\45\40\7c\6f\fc\01\00\00\00\00\00\00\4d" ;; 31
  "\9d\b5\70\2b\a8\ad\c5\9d\01\00\00\00\00\00\20\f0" ;; 32
  "\05\e3\4c\36\12\19\37\c5\01\00\00\00\00\00\28\6c" ;; 33
  "\c6\1b\e0\c3\56\df\84\f6\01\00\00\00\00\00\32\c7" ;; 34
  "\5c\11\6c\3a\96\0b\13\9a\01\00\00\00\00\40\7f\3c" ;; 35
  "\b3\15\07\c9\7b\ce\97\c0\01\00\00\00\00\10\9f\4b" ;; 36
  "\20\db\48\bb\1a\c2\bd\f0\01\00\00\00\00\d4\86\1e" ;; 37
  "\f4\88\0d\b5\50\99\76\96\01\00\00\00\80\44\14\13" ;; 38
  "\31\eb\50\e2\a4\3f\14\bc\01\00\00\00\a0\55\d9\17" ;; 39
  "\fd\25\e5\1a\8e\4f\19\eb\01\00\00\00\08\ab\cf\5d" ;; 40
  "\be\37\cf\d0\b8\d1\ef\92\01\00\00\00\e5\ca\a1\5a" ;; 41
  "\ad\05\03\05\27\c6\ab\b7\01\00\00\40\9e\3d\4a\f1" ;; 42
  "\19\c7\43\c6\b0\b7\96\e5\01\00\00\d0\05\cd\9c\6d" ;; 43
  "\6f\5c\ea\7b\ce\32\7e\8f\01\00\00\a2\23\00\82\e4" ;; 44
  "\8b\f3\e4\1a\82\bf\5d\b3\01\00\80\8a\2c\80\a2\dd" ;; 45
  "\6e\30\9e\a1\62\2f\35\e0\01\00\20\ad\37\20\0b\d5" ;; 46
  "\45\de\02\a5\9d\3d\21\8c\01\00\34\cc\22\f4\26\45" ;; 47
  "\d6\95\43\0e\05\8d\29\af\01\00\41\7f\2b\b1\70\96" ;; 48
  "\4c\7b\d4\51\46\f0\f3\da\01\40\11\5f\76\dd\0c\3c" ;; 49
  "\0f\cd\24\f3\2b\76\d8\88\01\c8\6a\fb\69\0a\88\a5" ;; 50
  "\53\00\ee\ef\b6\93\0e\ab\01\7a\45\7a\04\0d\ea\8e" ;; 51
  "\68\80\e9\ab\a4\38\d2\d5\81\d8\d6\98\45\90\a4\72" ;; 52
  "\41\f0\71\eb\66\63\a3\85\51\47\86\7f\2b\da\a6\47" ;; 53
  "\51\6c\4e\a6\40\3c\0c\a7\25\d9\67\5f\b6\90\90\99" ;; 54
  "\65\07\e2\cf\50\4b\cf\d0\6e\cf\41\f7\e3\b4\f4\ff" ;; 55
  "\9f\44\ed\81\12\8f\81\82\a5\21\89\7a\0e\f1\f8\bf" ;; 56
  "\c7\95\68\22\d7\f2\21\a3\0e\6a\2b\19\52\2d\f7\af" ;; 57
  "\39\bb\02\eb\8c\6f\ea\cb\91\44\76\9f\a6\f8\f4\9b" ;; 58
  "\08\6a\c3\25\70\0b\e5\fe\b5\d5\53\47\d0\36\f2\02" ;; 59
  "\45\22\9a\17\26\27\4f\9f\91\65\94\2c\42\62\d7\01" ;; 60
  "\d6\aa\80\9d\ef\f0\22\c7\f6\7e\b9\b7\d2\3a\4d\42" ;; 61
  "\8b\d5\e0\84\2b\ad\eb\f8\b3\de\a7\65\87\89\e0\d2" ;; 62
  "\77\85\0c\33\3b\4c\93\9b\30\eb\88\9f\f4\55\cc\63" ;; 63
  "\d5\a6\cf\ff\49\1f\78\c2\fc\25\6b\c7\71\6b\bf\3c" ;; 64
  "\8a\90\c3\7f\1c\27\16\f3\7b\ef\45\39\4e\46\ef\8b" ;; 65
  "\56\3a\da\cf\71\d8\ed\97\ad\b5\cb\e3\f0\8b\75\97" ;; 66
  "\ec\c8\d0\43\8e\4e\e9\bd\18\a3\be\1c\ed\ee\52\3d" ;; 67
  "\27\fb\c4\d4\31\a2\63\ed\de\4b\ee\63\a8\aa\a7\4c" ;; 68
  "\f8\1c\fb\24\5f\45\5e\94\6b\ef\74\3e\a9\ca\e8\8f" ;; 69
  "\36\e4\39\ee\b6\d6\75\b9\45\2b\12\8e\53\fd\e2\b3" ;; 70
  "\44\5d\c8\a9\64\4c\d3\e7\17\b6\96\71\a8\bc\db\60" ;; 71
  "\4a\3a\1d\ea\be\0f\e4\90\ce\31\fe\46\e9\55\89\bc" ;; 72
  "\dd\88\a4\a4\ae\13\1d\b5\42\be\bd\98\63\ab\ab\6b" ;; 73
  "\14\ab\cd\4d\9a\58\64\e2\d2\2d\ed\7e\3c\96\96\c6" ;; 74
  "\ec\8a\a0\70\60\b7\7e\8d\a3\3c\54\cf\e5\1d\1e\fc" ;; 75
  "\a8\ad\c8\8c\38\65\de\b0\cc\4b\29\43\5f\a5\25\3b" ;; 76
  "\12\d9\fa\af\86\fe\15\dd\bf\9e\f3\13\b7\0e\ef\49" ;; 77
  "\ab\c7\fc\2d\14\bf\2d\8a\38\43\78\6c\32\69\35\6e" ;; 78
  "\96\f9\7b\39\d9\2e\b9\ac\05\54\96\07\7f\c3\c2\49" ;; 79
  "\fb\f7\da\87\8f\7a\e7\d7\07\e9\7b\c9\5e\74\33\dc" ;; 80
  "\fd\da\e8\b4\99\ac\f0\86\a4\71\ed\3d\bb\28\a0\69" ;; 81
  "\bc\11\23\22\c0\d7\ac\a8\0d\ce\68\0d\ea\32\08\c4" ;; 82
  "\2b\d6\ab\2a\b0\0d\d8\d2\91\01\c3\90\a4\3f\0a\f5" ;; 83
  "\db\65\ab\1a\8e\08\c7\83\fb\e0\79\da\c6\67\26\79" ;; 84
  "\52\3f\56\a1\b1\ca\b8\a4\39\59\18\91\b8\01\70\57" ;; 85
  "\26\cf\ab\09\5e\fd\e6\cd\87\6f\5e\b5\26\02\4c\ed" ;; 86
  "\78\61\0b\c6\5a\5e\b0\80\b5\05\5b\31\58\81\4f\54" ;; 87
  "\d6\39\8e\77\f1\75\dc\a0\22\c7\b1\3d\ae\61\63\69" ;; 88
  "\4c\c8\71\d5\6d\93\13\c9\ea\38\1e\cd\19\3a\bc\03" ;; 89
  "\5f\3a\ce\4a\49\78\58\fb\24\c7\65\40\a0\48\ab\04" ;; 90
  "\7b\e4\c0\ce\2d\4b\17\9d\77\9c\3f\28\64\0d\eb\62" ;; 91
  "\9a\1d\71\42\f9\1d\5d\c4\95\83\4f\32\bd\d0\a5\3b" ;; 92
  "\00\65\0d\93\77\65\74\f5\7a\64\e3\7e\ec\44\8f\ca" ;; 93
  "\20\5f\e8\bb\6a\bf\68\99\cc\1e\4e\cf\13\8b\99\7e" ;; 94
  "\e8\76\e2\6a\45\ef\c2\bf\7f\a6\21\c3\d8\ed\3f\9e" ;; 95
  "\a2\14\9b\c5\16\ab\b3\ef\1f\10\ea\f3\4e\e9\cf\c5" ;; 96
  "\e5\ec\80\3b\ee\4a\d0\95\13\4a\72\58\d1\f1\a1\bb" ;; 97
  "\1f\28\61\ca\a9\5d\44\bb\98\dc\8e\ae\45\6e\8a\2a" ;; 98
  "\26\72\f9\3c\14\75\15\ea\be\93\32\1a\d7\09\2d\f5" ;; 99
  "\58\e7\1b\a6\2c\69\4d\92\57\9c\5f\70\26\26\3c\59" ;; 100
  "\2e\e1\a2\cf\77\c3\e0\b6\6d\83\77\0c\b0\2f\8b\6f" ;; 101
  "\7a\99\8b\c3\55\f4\98\e4\48\64\95\0f\9c\fb\6d\0b" ;; 102
  "\ec\3f\37\9a\b5\98\df\8e\ad\5e\bd\89\41\bd\24\47" ;; 103
  "\e7\0f\c5\00\e3\7e\97\b2\58\b6\2c\ec\91\ec\ed\58" ;; 104
  "\e1\53\f6\c0\9b\5e\3d\df\ee\e3\37\67\b6\67\29\2f" ;; 105
  "\6c\f4\99\58\21\5b\86\8b\75\ee\82\00\d2\e0\79\bd" ;; 106
  "\87\71\c0\ae\e9\f1\67\ae\12\aa\a3\80\06\59\d8\ec" ;; 107
  "\e9\8d\70\1a\64\ee\01\da\96\94\cc\20\48\6f\0e\e8" ;; 108
  "\b2\58\86\90\fe\34\41\88\de\dc\7f\14\8d\05\09\31" ;; 109
  "\de\ee\a7\34\3e\82\51\aa\16\d4\9f\59\f0\46\4b\bd" ;; 110
  "\96\ea\d1\c1\cd\e2\e5\d4\1b\c9\07\70\ac\18\9e\6c" ;; 111
  "\9e\32\23\99\c0\ad\0f\85\b1\dd\04\c6\6b\cf\e2\03" ;; 112
  "\45\ff\6b\bf\30\99\53\a6\1d\15\86\b7\46\83\db\84" ;; 113
  "\16\ff\46\ef\7c\7f\e8\cf\64\9a\67\65\18\64\12\e6" ;; 114
  "\6e\5f\8c\15\ae\4f\f1\81\7f\c0\60\3f\8f\7e\cb\4f" ;; 115
  "\49\77\ef\9a\99\a3\6d\a2\9e\f0\38\0f\33\5e\be\e3" ;; 116
  "\1c\55\ab\01\80\0c\09\cb\c6\2c\07\d3\bf\f5\ad\5c" ;; 117
  "\63\2a\16\02\a0\4f\cb\fd\f7\f7\c8\c7\2f\73\d9\73" ;; 118
  "\7e\da\4d\01\c4\11\9f\9e\fb\9a\dd\dc\fd\e7\67\28" ;; 119
  "\1d\51\a1\01\35\d6\46\c6\b9\01\15\54\fd\e1\81\b2" ;; 120
  "\65\a5\09\42\c2\8b\d8\f7\27\42\1a\a9\7c\5a\22\1f" ;; 121
  "\5f\07\46\69\59\57\e7\9a\59\69\b0\e9\8d\78\75\33" ;; 122
  "\37\89\97\c3\2f\2d\a1\c1\af\83\1c\64\b1\d6\52\00" ;; 123
  "\84\6b\7d\b4\7b\78\09\f2\9b\a4\23\bd\5d\8c\67\c0" ;; 124
  "\32\63\ce\50\4d\eb\45\97\e1\46\36\96\ba\b7\40\f8" ;; 125
  "\ff\fb\01\a5\20\66\17\bd\99\d8\c3\3b\a9\e5\50\b6" ;; 126
  "\ff\7a\42\ce\a8\3f\5d\ec\bf\ce\b4\8a\13\1f\e5\a3" ;; 127
  "\df\8c\e9\80\c9\47\ba\93\38\01\b1\36\6c\33\6f\c6" ;; 128
  "\17\f0\23\e1\bb\d9\a8\b8\85\41\5d\44\47\00\0b\b8" ;; 129
  "\1d\ec\6c\d9\2a\10\d3\e6\e6\91\74\15\59\c0\0d\a6" ;; 130
  "\92\13\e4\c7\1a\ea\43\90\30\db\68\ad\37\98\c8\87" ;; 131
  "\77\18\dd\79\a1\e4\54\b4\fc\11\c3\98\45\be\ba\29" ;; 132
  "\94\5e\54\d8\c9\1d\6a\e1\7b\d6\f3\fe\d6\6d\29\f4" ;; 133
  "\1d\bb\34\27\9e\52\e2\8c\0d\66\58\5f\a6\e4\99\18" ;; 134
  "\e4\e9\01\b1\45\e7\1a\b0\90\7f\2e\f7\cf\5d\c0\5e" ;; 135
  "\5d\64\42\1d\17\a1\21\dc\74\1f\fa\f4\43\75\70\76" ;; 136
  "\ba\7e\49\72\ae\04\95\89\a9\53\1c\79\4a\49\06\6a" ;; 137
  "\69\de\db\0e\da\45\fa\ab\93\68\63\17\9d\db\87\04" ;; 138
  "\03\d6\92\92\50\d7\f8\d6\b7\42\3c\5d\84\d2\a9\45" ;; 139
  "\c2\c5\9b\5b\92\86\5b\86\b3\a9\45\ba\92\23\8a\0b" ;; 140
  "\32\b7\82\f2\36\68\f2\a7\1f\14\d7\68\77\ac\6c\8e" ;; 141
  "\ff\64\23\af\44\02\ef\d1\27\d9\0c\43\95\d7\07\32" ;; 142
  "\1f\1f\76\ed\6a\61\35\83\b9\07\e8\49\bd\e6\44\7f" ;; 143
  "\e7\a6\d3\a8\c5\b9\02\a4\a7\09\62\9c\6c\20\16\5f" ;; 144
  "\a1\90\08\13\37\68\03\cd\10\8c\7a\c3\87\a8\db\36" ;; 145
  "\64\5a\e5\6b\22\21\22\80\8a\97\2c\da\54\49\49\c2" ;; 146
  "\fd\b0\de\06\6b\a9\2a\a0\6d\bd\b7\10\aa\9b\db\f2" ;; 147
  "\3d\5d\96\c8\c5\53\35\c8\c8\ac\e5\94\94\82\92\6f" ;; 148
  "\8c\f4\bb\3a\b7\a8\42\fa\fa\17\1f\ba\39\23\77\cb" ;; 149
  "\d7\78\b5\84\72\a9\69\9c\fc\6e\53\14\04\76\2a\ff" ;; 150
  "\0d\d7\e2\25\cf\13\84\c3\bb\4a\68\19\85\13\f5\fe" ;; 151
  "\d1\8c\5b\ef\c2\18\65\f4\6a\5d\c2\5f\66\58\b2\7e" ;; 152
  "\02\38\99\d5\79\2f\bf\98\62\7a\d9\fb\3f\77\2f\ef" ;; 153
  "\03\86\ff\4a\58\fb\ee\be\fb\d8\cf\fa\0f\55\fb\aa" ;; 154
  "\84\67\bf\5d\2e\ba\aa\ee\39\cf\83\f9\53\2a\ba\95" ;; 155
  "\b2\a0\97\fa\5c\b4\2a\95\84\61\f2\7b\74\5a\94\dd" ;; 156
  "\df\88\3d\39\74\61\75\ba\e5\f9\ee\9a\11\71\f9\94" ;; 157
  "\17\eb\8c\47\d1\b9\12\e9\5e\b8\aa\01\56\cd\37\7a" ;; 158
  "\ee\12\b8\cc\22\b4\ab\91\3b\b3\0a\c1\55\e0\62\ac" ;; 159
  "\aa\17\e6\7f\2b\a1\16\b6\0a\60\4d\31\6b\98\7b\57" ;; 160
  "\94\9d\df\5f\76\49\9c\e3\0c\b8\a0\fd\85\7e\5a\ed" ;; 161
  "\7d\c2\eb\fb\e9\ad\41\8e\08\73\84\be\13\8f\58\14" ;; 162
  "\1c\b3\e6\7a\64\19\d2\b1\c9\8f\25\ae\d8\b2\6e\59" ;; 163
  "\e3\5f\a0\99\bd\9f\46\de\bc\f3\ae\d9\8e\5f\ca\6f" ;; 164
  "\ee\3b\04\80\d6\23\ec\8a\55\58\0d\48\b9\7b\de\25" ;; 165
  "\e9\4a\05\20\cc\2c\a7\ad\6b\ae\10\9a\a7\1a\56\af" ;; 166
  "\a4\9d\06\28\ff\f7\10\d9\05\da\94\80\51\a1\2b\1b" ;; 167
  "\86\22\04\79\ff\9a\aa\87\43\08\5d\f0\d2\44\fb\90" ;; 168
  "\28\2b\45\57\bf\41\95\a9\54\4a\74\ac\07\16\3a\35" ;; 169
  "\f2\75\16\2d\2f\92\fa\d3\e9\5c\91\97\89\9b\88\42" ;; 170
  "\b7\09\2e\7c\5d\9b\7c\84\12\da\ba\fe\35\61\95\69" ;; 171
  "\25\8c\39\db\34\c2\9b\a5\96\90\69\7e\83\b9\fa\43" ;; 172
  "\2e\ef\07\12\c2\b2\02\cf\bc\f4\03\5e\e4\67\f9\94" ;; 173
  "\7d\f5\44\4b\b9\af\61\81\f6\78\c2\ba\ee\e0\1b\1d" ;; 174
  "\dc\32\16\9e\a7\1b\ba\a1\33\17\73\69\2a\d9\62\64" ;; 175
  "\93\bf\9b\85\91\a2\28\ca\ff\dc\cf\03\75\8f\7b\7d" ;; 176
  "\78\af\02\e7\35\cb\b2\fc\3f\d4\c3\44\52\73\da\5c" ;; 177
  "\ab\ad\61\b0\01\bf\ef\9d\a8\64\fa\6a\13\88\08\3a" ;; 178
  "\16\19\7a\1c\c2\ae\6b\c5\d1\fd\b8\45\18\aa\8a\08" ;; 179
  "\5b\9f\98\a3\72\9a\c6\f6\46\3d\27\57\9e\54\ad\8a" ;; 180
  "\99\63\3f\a6\87\20\3c\9a\4c\86\78\f6\e2\54\ac\36" ;; 181
  "\7f\3c\cf\8f\a9\28\cb\c0\de\a7\16\b4\1b\6a\57\84" ;; 182
  "\9f\0b\c3\f3\d3\f2\fd\f0\d6\51\1c\a1\a2\44\6d\65" ;; 183
  "\43\e7\59\78\c4\b7\9e\96\26\b3\b1\a4\e5\4a\64\9f" ;; 184
  "\14\61\70\96\b5\65\46\bc\ef\1f\de\0d\9f\5d\3d\87" ;; 185
  "\59\79\0c\fc\22\ff\57\eb\eb\a7\55\d1\06\b5\0c\a9" ;; 186
  "\d8\cb\87\dd\75\ff\16\93\f3\88\d5\42\24\f1\a7\09" ;; 187
  "\ce\be\e9\54\53\bf\dc\b7\30\eb\8a\53\6d\ed\11\0c" ;; 188
  "\81\2e\24\2a\28\ef\d3\e5\fb\a5\6d\a8\c8\68\16\8f" ;; 189
  "\10\9d\56\1a\79\75\a4\8f\bd\87\44\69\7d\01\6e\f9" ;; 190
  "\55\44\ec\60\d7\92\8d\b3\ad\a9\95\c3\dc\81\c9\37" ;; 191
  "\6a\55\27\39\8d\f7\70\e0\18\14\7b\f4\53\e2\bb\85" ;; 192
  "\62\95\b8\43\b8\9a\46\8c\8f\ec\cc\78\74\6d\95\93" ;; 193
  "\bb\ba\a6\54\66\41\58\af\b3\27\00\97\d1\c8\7a\38" ;; 194
  "\6a\69\d0\e9\bf\51\2e\db\9f\31\c0\fc\05\7b\99\06" ;; 195
  "\e2\41\22\f2\17\f3\fc\88\04\1f\f8\bd\e3\ec\1f\44" ;; 196
  "\5a\d2\aa\ee\dd\2f\3c\ab\c4\26\76\ad\1c\e8\27\d5" ;; 197
  "\f1\86\55\6a\d5\3b\0b\d6\75\b0\d3\d8\23\e2\71\8a" ;; 198
  "\56\74\75\62\65\05\c7\85\4a\4e\84\67\56\2d\87\f6" ;; 199
  "\6c\d1\12\bb\be\c6\38\a7\dc\61\65\01\ac\f8\28\b4" ;; 200
  "\c7\85\d7\69\6e\f8\06\d1\53\ba\be\01\d7\36\33\e1" ;; 201
  "\9c\b3\26\02\45\5b\a4\82\74\34\17\61\46\02\c0\ec" ;; 202
  "\84\60\b0\42\16\72\4d\a3\91\01\5d\f9\d7\02\f0\27" ;; 203
  "\a5\78\5c\d3\9b\ce\20\cc\f5\41\b4\f7\8d\03\ec\31" ;; 204
  "\ce\96\33\c8\42\02\29\ff\72\52\a1\75\71\04\67\7e" ;; 205
  "\41\3e\20\bd\69\a1\79\9f\87\d3\84\e9\c6\62\00\0f" ;; 206
  "\d1\4d\68\2c\c4\09\58\c7\69\08\e6\a3\78\7b\c0\52" ;; 207
  "\45\61\82\37\35\0c\2e\f9\83\8a\df\cc\56\9a\70\a7" ;; 208
  "\cb\7c\b1\42\a1\c7\bc\9b\92\b6\0b\40\76\60\a6\88" ;; 209
  "\fe\db\5d\93\89\f9\ab\c2\36\a4\0e\d0\93\f8\cf\6a" ;; 210
  "\fe\52\35\f8\eb\f7\56\f3\44\4d\12\c4\b8\f6\83\05" ;; 211
  "\de\53\21\7b\f3\5a\16\98\4b\70\8b\7a\33\7a\72\c3" ;; 212
  "\d6\a8\e9\59\b0\f1\1b\be\5d\4c\2e\59\c0\18\4f\74" ;; 213
  "\0c\13\64\70\1c\ee\a2\ed\74\df\79\6f\f0\de\62\11" ;; 214
  "\e7\8b\3e\c6\d1\d4\85\94\a9\2b\ac\45\56\cb\dd\8a" ;; 215
  "\e1\2e\ce\37\06\4a\a7\b9\93\36\17\d7\2b\3e\95\6d" ;; 216
  "\99\ba\c1\c5\87\1c\11\e8\38\04\dd\cc\b6\8d\fa\c8" ;; 217
  "\a0\14\99\db\d4\b1\0a\91\a3\22\0a\40\92\98\9c\1d" ;; 218
  "\c8\59\7f\12\4a\5e\4d\b5\4c\ab\0c\d0\b6\be\03\25" ;; 219
  "\3a\30\1f\97\dc\b5\a0\e2\1e\d6\0f\84\64\ae\44\2e" ;; 220
  "\24\7e\73\de\a9\71\a4\8d\d3\e5\89\d2\fe\ec\ea\5c" ;; 221
  "\ad\5d\10\56\14\8e\0d\b1\48\5f\2c\87\3e\a8\25\74" ;; 222
  "\18\75\94\6b\99\f1\50\dd\1a\77\f7\28\4e\12\2f\d1" ;; 223
  "\2f\c9\3c\e3\ff\96\52\8a\70\aa\9a\d9\70\6b\bd\82" ;; 224
  "\7b\fb\0b\dc\bf\3c\e7\ac\0c\55\01\10\4d\c6\6c\63" ;; 225
  "\5a\fa\0e\d3\ef\0b\21\d8\4f\aa\01\54\e0\f7\47\3c" ;; 226
  "\78\5c\e9\e3\75\a7\14\87\72\0a\81\34\ec\fa\ac\65" ;; 227
  "\96\b3\e3\5c\53\d1\d9\a8\0e\4d\a1\41\a7\39\18\7f" ;; 228
  "\7c\a0\1c\34\a8\45\10\d3\51\a0\09\12\11\48\de\1e" ;; 229
  "\4d\e4\91\20\89\2b\ea\83\33\04\46\ab\0a\ed\4a\93" ;; 230
  "\60\5d\b6\68\6b\b6\e4\a4\40\85\17\56\4d\a8\1d\f8" ;; 231
  "\b9\f4\e3\42\06\e4\1d\ce\8f\66\9d\ab\60\12\25\36" ;; 232
  "\f3\78\ce\e9\83\ae\d2\80\1a\60\42\6b\7c\2b\d7\c1" ;; 233
  "\30\17\42\e4\24\5a\07\a1\20\f8\12\86\5b\f6\4c\b2" ;; 234
  "\fc\9c\52\1d\ae\30\49\c9\28\b6\97\67\f2\33\e0\de" ;; 235
  "\3c\44\a7\a4\d9\7c\9b\fb\b2\a3\7d\01\ef\40\98\16" ;; 236
  "\a5\8a\e8\06\08\2e\41\9d\4f\86\ee\60\95\28\1f\8e" ;; 237
  "\4e\ad\a2\08\8a\79\91\c4\e3\27\2a\b9\ba\f2\a6\f1" ;; 238
  "\a2\58\cb\8a\ec\d7\b5\f5\dc\b1\74\67\69\af\10\ae" ;; 239
  "\65\17\bf\d6\f3\a6\91\99\2a\ef\a8\e0\a1\6d\ca\ac" ;; 240
  "\3f\dd\6e\cc\b0\10\f6\bf\f4\2a\d3\58\0a\09\fd\17" ;; 241
  "\8e\94\8a\ff\dc\94\f3\ef\b1\f5\07\ef\4c\4b\fc\dd" ;; 242
  "\d9\9c\b6\1f\0a\3d\f8\95\8f\f9\64\15\10\af\bd\4a" ;; 243
  "\0f\44\a4\a7\4c\4c\76\bb\f2\37\be\1a\d4\1a\6d\9d" ;; 244
  "\13\55\8d\d1\5f\df\53\ea\ee\c5\6d\21\89\61\c8\84" ;; 245
  "\2c\55\f8\e2\9b\6b\74\92\b5\9b\e4\b4\f5\3c\fd\32" ;; 246
  "\77\6a\b6\db\82\86\11\b7\a2\c2\1d\22\33\8c\bc\3f" ;; 247
  "\15\05\a4\92\23\e8\d5\e4\4b\33\a5\ea\3f\af\ab\0f" ;; 248
  "\2d\83\a6\3b\16\b1\05\8f\0f\40\a7\f2\87\4d\cb\29" ;; 249
  "\f8\23\90\ca\5b\1d\c7\b2\13\10\51\ef\e9\20\3e\74" ;; 250
  "\f6\2c\34\bd\b2\e4\78\df\17\54\25\6b\24\a9\4d\91" ;; 251
  "\1a\9c\40\b6\ef\8e\ab\8b\8f\54\f7\c2\b6\89\d0\1a" ;; 252
  "\20\c3\d0\a3\ab\72\96\ae\b2\29\b5\73\24\ac\84\a1" ;; 253
  "\e8\f3\c4\8c\56\0f\3c\da\1f\74\a2\90\2d\d7\e5\c9" ;; 254
  "\71\18\fb\17\96\89\65\88\93\88\65\7a\7c\a6\2f\7e" ;; 255
  "\8d\de\f9\9d\fb\eb\7e\aa\b8\ea\fe\98\1b\90\bb\dd" ;; 256
  "\31\56\78\85\fa\a6\1e\d5\66\a5\3e\7f\22\74\2a\55" ;; 257
  "\de\35\6b\93\5c\28\33\85\60\27\87\8f\95\88\3a\d5" ;; 258
  "\56\03\46\b8\73\f2\7f\a6\38\f1\68\f3\ba\2a\89\8a" ;; 259
  "\2c\84\57\a6\10\ef\1f\d0\86\2d\43\b0\69\75\2b\2d" ;; 260
  "\9b\b2\f6\67\6a\f5\13\82\74\fc\29\0e\62\29\3b\9c" ;; 261
  "\42\5f\f4\01\c5\f2\98\a2\90\7b\b4\91\ba\f3\49\83" ;; 262
  "\13\77\71\42\76\2f\3f\cb\74\9a\21\36\a9\70\1c\24" ;; 263
  "\d7\d4\0d\d3\53\fb\0e\fe\11\01\aa\83\d3\8c\23\ed" ;; 264
  "\06\a5\e8\63\14\5d\c9\9e\ab\40\4a\32\04\38\36\f4" ;; 265
  "\48\ce\e2\7c\59\b4\7b\c6\d6\d0\dc\3e\05\c6\43\b1" ;; 266
  "\da\81\1b\dc\6f\a1\1a\f8\0b\05\94\8e\86\b7\94\dd" ;; 267
  "\28\31\91\e9\e5\a4\10\9b\27\83\1c\19\b4\f2\7c\ca" ;; 268
  "\72\7d\f5\63\1f\ce\d4\c1\f1\a3\63\1f\61\2f\1c\fd" ;; 269
  "\cf\dc\f2\3c\a7\01\4a\f2\ed\8c\3c\67\39\3b\63\bc" ;; 270
  "\01\ca\17\86\08\41\6e\97\14\d8\85\e0\03\05\be\d5" ;; 271
  "\82\bc\9d\a7\4a\d1\49\bd\19\4e\a7\d8\44\86\2d\4b" ;; 272
  "\a2\2b\85\51\9d\45\9c\ec\9f\21\d1\0e\d6\e7\f8\dd" ;; 273
  "\45\3b\f3\52\82\ab\e1\93\04\b5\42\c9\e5\90\bb\ca" ;; 274
  "\17\0a\b0\e7\62\16\da\b8\44\62\93\3b\1f\75\6a\3d" ;; 275
  "\9d\0c\9c\a1\fb\9b\10\e7\d5\3a\78\0a\67\12\c5\0c" ;; 276
  "\e2\87\01\45\7d\61\6a\90\c6\24\8b\66\80\2b\fb\27" ;; 277
  "\da\e9\41\96\dc\f9\84\b4\f7\ed\2d\80\60\f6\f9\b1" ;; 278
  "\51\64\d2\bb\53\38\a6\e1\74\69\39\a0\f8\73\78\5e" ;; 279
  "\b2\7e\63\55\34\e3\07\8d\e9\e1\23\64\7b\48\0b\db" ;; 280
  "\5f\5e\bc\6a\01\dc\49\b0\63\da\2c\3d\9a\1a\ce\91" ;; 281
  "\f7\75\6b\c5\01\53\5c\dc\fc\10\78\cc\40\a1\41\76" ;; 282
  "\ba\29\63\1b\e1\b3\b9\89\9e\0a\cb\7f\c8\04\e9\a9" ;; 283
  "\29\f4\3b\62\d9\20\28\ac\45\cd\bd\9f\fa\45\63\54" ;; 284
  "\33\f1\ca\ba\0f\29\32\d7\96\40\ad\47\79\17\7c\a9" ;; 285
  "\c0\d6\be\d4\a9\59\7f\86\5e\48\cc\cc\ab\8e\ed\49" ;; 286
  "\70\8c\ee\49\14\30\1f\a8\75\5a\ff\bf\56\f2\68\5c" ;; 287
  "\8c\2f\6a\5c\19\fc\26\d2\12\31\ff\6f\ec\2e\83\73" ;; 288
  "\b7\5d\c2\d9\8f\5d\58\83\ac\7e\ff\c5\53\fd\31\c8" ;; 289
  "\25\f5\32\d0\f3\74\2e\a4\56\5e\7f\b7\a8\7c\3e\ba" ;; 290
  "\6f\b2\3f\c4\30\12\3a\cd\ec\35\5f\e5\d2\1b\ce\28" ;; 291
  "\85\cf\a7\7a\5e\4b\44\80\b4\81\5b\cf\63\d1\80\79" ;; 292
  "\66\c3\51\19\36\5e\55\a0\20\62\32\c3\bc\05\e1\d7" ;; 293
  "\40\34\a6\9f\c3\b5\6a\c8\a8\fa\fe\f3\2b\47\d9\8d" ;; 294
  "\50\c1\8f\87\34\63\85\fa\52\b9\fe\f0\f6\98\4f\b1" ;; 295
  "\d2\d8\b9\d4\00\5e\93\9c\d4\33\9f\56\9a\bf\d1\6e" ;; 296
  "\07\4f\e8\09\81\35\b8\c3\c9\00\47\ec\80\2f\86\0a" ;; 297
  "\c8\62\62\4c\e1\42\a6\f4\fb\c0\58\27\61\bb\27\cd" ;; 298
  "\bd\7d\bd\cf\cc\e9\e7\98\9d\78\97\b8\1c\d5\38\80" ;; 299
  "\2c\dd\ac\03\40\e4\21\bf\c4\56\bd\e6\63\0a\47\e0" ;; 300
  "\78\14\98\04\50\5d\ea\ee\75\ac\6c\e0\fc\cc\58\18" ;; 301
  "\cb\0c\df\02\52\7a\52\95\c9\eb\43\0c\1e\80\37\0f" ;; 302
  "\fd\cf\96\83\e6\18\a7\ba\bb\e6\54\8f\25\60\05\d3" ;; 303
  "\fd\83\7c\24\20\df\50\e9\6a\20\2a\f3\2e\b8\c6\47" ;; 304
  "\7e\d2\cd\16\74\8b\d2\91\42\54\fa\57\1d\33\dc\4c" ;; 305
  "\1d\47\81\1c\51\2e\47\b6\53\e9\f8\ad\e4\3f\13\e0" ;; 306
  "\e5\98\a1\63\e5\f9\d8\e3\a7\23\77\d9\dd\0f\18\58" ;; 307
  "\8f\ff\44\5e\2f\9c\67\8e\49\76\ea\a7\ea\09\0f\57" ;; 308
  "\73\3f\d6\35\3b\83\01\b2\db\13\e5\51\65\cc\d2\2c" ;; 309
  "\4f\cf\4b\03\0a\e4\81\de\d2\58\5e\a6\7e\7f\07\f8" ;; 310
  "\91\61\0f\42\86\2e\11\8b\83\f7\fa\27\af\af\04\fb" ;; 311
  "\f6\39\93\d2\27\7a\d5\ad\64\b5\f9\f1\9a\db\c5\79" ;; 312
  "\74\08\38\c7\b1\d8\4a\d9\bd\22\78\ae\81\52\37\18" ;; 313
  "\48\05\83\1c\6f\c7\ce\87\b6\15\0b\0d\91\93\22\8f" ;; 314
  "\9a\c6\a3\e3\4a\79\c2\a9\23\db\4d\50\75\38\eb\b2" ;; 315
  "\41\b8\8c\9c\9d\17\33\d4\ec\51\61\a4\92\06\a6\5f" ;; 316
  "\28\f3\d7\81\c2\ee\9f\84\34\d3\bc\a6\1b\c4\c7\db" ;; 317
  "\f3\ef\4d\22\73\ea\c7\a5\01\08\6c\90\22\b5\b9\12" ;; 318
  "\ef\6b\e1\ea\0f\e5\39\cf\01\0a\87\34\6b\22\68\d7" ;; 319
  "\75\e3\cc\f2\29\2f\84\81\41\66\d4\00\83\15\a1\e6" ;; 320
  "\53\1c\80\6f\f4\3a\e5\a1\d1\7f\09\c1\e3\5a\49\60" ;; 321
  "\68\23\60\8b\b1\89\5e\ca\c5\df\4b\b1\9c\b1\5b\38" ;; 322
  "\42\2c\38\ee\1d\2c\f6\fc\b6\d7\9e\dd\03\9e\72\46" ;; 323
  "\a9\1b\e3\b4\92\db\19\9e\d2\46\83\6a\c2\a2\07\6c" ;; 324
)
