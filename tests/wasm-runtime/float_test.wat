;; float_test.wat: the Wasm side of tests/wasm-runtime/float-check, which appends the
;; globals $ft.mode, $ft.count, $ft.nedges, $ft.nspecials and the data segments
;; $ft.edges (edge-case doubles) and $ft.specials (texts, each after its length byte),
;; both dumped by tests/float/check.c. Every generator below mirrors check.c's (same
;; splitmix64 sequence, same draws in the same order), so each mode's output must equal
;; a `check` mode's byte for byte:
;;   0  `BITS TOP CONTAINER JSON` for the edge cases, then $ft.count random doubles:
;;      $mochi_fmt_f64, $mochi_fmt_f64_container, $mochi_fmt_f64_json (check print-fmt)
;;   1  format $ft.count random doubles' top-level form, print the total length (timing)
;;   2  only generate them (the timing baseline for mode 1)
;;   3  `TEXT RESULT` for $ft.count generated texts: $mochi_f64.parse's bits, or ERR
;;      where mochi_str_to_float fails (check print-parse)
;;   4  `X Y fmod(X, Y)` for $ft.count pairs: $mochi_f64.fmod (check print-mod)

(global $ft.state (mut i64) (i64.const 0))

(func $ft.next (result i64)
  (local $z i64)
  (global.set $ft.state (i64.add (global.get $ft.state) (i64.const 0x9E3779B97F4A7C15)))
  (local.set $z (global.get $ft.state))
  (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 30))) (i64.const 0xBF58476D1CE4E5B9)))
  (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 27))) (i64.const 0x94D049BB133111EB)))
  (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 31))))

(func $ft.pow10 (param $j i64) (result f64)
  (local $p f64)
  (local.set $p (f64.const 1))
  (block $done
    (loop $mul
      (br_if $done (i64.eqz (local.get $j)))
      (local.set $p (f64.mul (local.get $p) (f64.const 10)))
      (local.set $j (i64.sub (local.get $j) (i64.const 1)))
      (br $mul)))
  (local.get $p))

;; The i-th random double's bits (check.c's gen).
(func $ft.gen (param $i i64) (result i64)
  (local $r i64)
  (local $sign i64)
  (local $mant i64)
  (local $e i64)
  (local $d i64)
  (local $b i64)
  (local $m i64)
  (local $j i64)
  (local $x f64)
  (local.set $r (call $ft.next))
  (local.set $sign (i64.and (local.get $r) (i64.const 0x8000000000000000)))
  (local.set $mant (i64.and (local.get $r) (i64.const 0xFFFFFFFFFFFFF)))
  (block $k7
    (block $k6
      (block $k5
        (block $k4
          (block $k3
            (block $k2
              (block $k01
                (br_table $k01 $k01 $k2 $k3 $k4 $k5 $k6 $k7
                  (i32.wrap_i64 (i64.and (local.get $i) (i64.const 7)))))
              ;; any bit pattern
              (return (local.get $r)))
            ;; magnitudes around the layout boundaries
            (local.set $e (i64.add (i64.const 963) (i64.rem_u (call $ft.next) (i64.const 140))))
            (return (i64.or (i64.or (local.get $sign) (i64.shl (local.get $e) (i64.const 52))) (local.get $mant))))
          ;; a few steps from a power of two
          (local.set $e (i64.rem_u (call $ft.next) (i64.const 2047)))
          (local.set $d (i64.rem_u (local.get $r) (i64.const 7)))
          (local.set $b (i64.shl (local.get $e) (i64.const 52)))
          (if (i32.and
                (i64.eq (i64.and (i64.shr_u (local.get $r) (i64.const 32)) (i64.const 1)) (i64.const 1))
                (i64.ge_u (local.get $b) (local.get $d)))
            (then (return (i64.or (local.get $sign) (i64.sub (local.get $b) (local.get $d))))))
          (return (i64.or (local.get $sign) (i64.add (local.get $b) (local.get $d)))))
        ;; integers of every size
        (return (i64.reinterpret_f64 (f64.convert_i64_s
          (i64.shr_u (local.get $r) (i64.add (i64.const 1) (i64.rem_u (call $ft.next) (i64.const 63))))))))
      ;; short decimals
      (local.set $m (i64.rem_u (call $ft.next) (i64.const 100000000000000000)))
      (local.set $m (i64.shr_s (local.get $m) (i64.rem_u (call $ft.next) (i64.const 57))))
      (local.set $j (i64.rem_u (call $ft.next) (i64.const 23)))
      (local.set $x (f64.convert_i64_s (local.get $m)))
      (if (i64.eqz (i64.and (local.get $r) (i64.const 1)))
        (then (local.set $x (f64.mul (local.get $x) (call $ft.pow10 (local.get $j)))))
        (else (local.set $x (f64.div (local.get $x) (call $ft.pow10 (local.get $j))))))
      (return (i64.or (local.get $sign) (i64.reinterpret_f64 (local.get $x)))))
    ;; subnormals with few significant bits
    (return (i64.or (local.get $sign) (i64.shr_u (local.get $mant) (i64.rem_u (call $ft.next) (i64.const 52))))))
  ;; the extreme binades
  (local.set $e (i64.rem_u (call $ft.next) (i64.const 82)))
  (if (i64.ge_u (local.get $e) (i64.const 41))
    (then (local.set $e (i64.sub (i64.const 2046) (i64.sub (local.get $e) (i64.const 41))))))
  (i64.or (i64.or (local.get $sign) (i64.shl (local.get $e) (i64.const 52))) (local.get $mant)))

(func $ft.put (param $r (ref $bytes)) (param $at i32) (param $s (ref $str)) (result i32)
  (local $n i32)
  (local.set $n (array.len (struct.get $str $b (local.get $s))))
  (array.copy $bytes $bytes (local.get $r) (local.get $at) (struct.get $str $b (local.get $s)) (i32.const 0) (local.get $n))
  (i32.add (local.get $at) (local.get $n)))

;; `BITS TOP CONTAINER JSON` for one double.
(func $ft.line (param $bits i64)
  (local $v f64)
  (local $top (ref $str))
  (local $con (ref $str))
  (local $js (ref $str))
  (local $r (ref $bytes))
  (local $i i32)
  (local $d i32)
  (local $at i32)
  (local.set $v (f64.reinterpret_i64 (local.get $bits)))
  (local.set $top (call $mochi_fmt_f64 (local.get $v)))
  (local.set $con (call $mochi_fmt_f64_container (local.get $v)))
  (local.set $js (call $mochi_fmt_f64_json (local.get $v)))
  (local.set $r (array.new $bytes (i32.const 32)
    (i32.add (i32.const 19)
      (i32.add (array.len (struct.get $str $b (local.get $top)))
        (i32.add (array.len (struct.get $str $b (local.get $con))) (array.len (struct.get $str $b (local.get $js))))))))
  (loop $hex
    (local.set $d (i32.wrap_i64 (i64.and (i64.shr_u (local.get $bits) (i64.extend_i32_u (i32.sub (i32.const 60) (i32.shl (local.get $i) (i32.const 2))))) (i64.const 15))))
    (array.set $bytes (local.get $r) (local.get $i)
      (select (i32.add (i32.const 48) (local.get $d)) (i32.add (i32.const 87) (local.get $d)) (i32.lt_u (local.get $d) (i32.const 10))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $hex (i32.lt_u (local.get $i) (i32.const 16))))
  (local.set $at (call $ft.put (local.get $r) (i32.const 17) (local.get $top)))
  (local.set $at (call $ft.put (local.get $r) (i32.add (local.get $at) (i32.const 1)) (local.get $con)))
  (local.set $at (call $ft.put (local.get $r) (i32.add (local.get $at) (i32.const 1)) (local.get $js)))
  (call $mochi_print_str (struct.new $str (local.get $r) (local.get $at))))

;; ---- texts to parse (check.c's gen_text) ----

(global $ft.buf (mut (ref null $bytes)) (ref.null $bytes))
(global $ft.len (mut i32) (i32.const 0))

(func $ft.tput (param $c i32)
  (array.set $bytes (global.get $ft.buf) (global.get $ft.len) (local.get $c))
  (global.set $ft.len (i32.add (global.get $ft.len) (i32.const 1))))

(func $ft.tdigit
  (call $ft.tput (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (call $ft.next) (i64.const 10))))))

(func $ft.tstr (param $s (ref $str))
  (local $i i32)
  (local $b (ref $bytes))
  (local.set $b (struct.get $str $b (local.get $s)))
  (block $done
    (loop $byte
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $b))))
      (call $ft.tput (array.get_u $bytes (local.get $b) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte))))

;; A signed decimal integer.
(func $ft.tint (param $v i64)
  (if (i64.lt_s (local.get $v) (i64.const 0))
    (then
      (call $ft.tput (i32.const 45))
      (local.set $v (i64.sub (i64.const 0) (local.get $v)))))
  (call $ft.tstr (call $mochi_fmt_i64 (local.get $v))))

;; Big-integer division by a small d (check.c's bn_divsmall); the length is in $ft.bnn.
(global $ft.bnn (mut i32) (i32.const 0))
(func $ft.divsmall (param $a (ref $arr_i64)) (param $d i64) (result i64)
  (local $i i32)
  (local $rem i64)
  (local $cur i64)
  (local.set $i (global.get $ft.bnn))
  (block $done
    (loop $limb
      (br_if $done (i32.eqz (local.get $i)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $cur (i64.or (i64.shl (local.get $rem) (i64.const 32)) (array.get $arr_i64 (local.get $a) (local.get $i))))
      (array.set $arr_i64 (local.get $a) (local.get $i) (i64.div_u (local.get $cur) (local.get $d)))
      (local.set $rem (i64.rem_u (local.get $cur) (local.get $d)))
      (br $limb)))
  (block $done
    (loop $trim
      (br_if $done (i32.eqz (global.get $ft.bnn)))
      (br_if $done (i64.ne (array.get $arr_i64 (local.get $a) (i32.sub (global.get $ft.bnn) (i32.const 1))) (i64.const 0)))
      (global.set $ft.bnn (i32.sub (global.get $ft.bnn) (i32.const 1)))
      (br $trim)))
  (local.get $rem))

;; check.c's halfway(): the exact halfway point above a random positive double (or
;; just below, just above, or cut short), as DIGITSe-N.
(func $ft.halfway
  (local $r i64)
  (local $bits i64)
  (local $ef i64)
  (local $m i64)
  (local $e1 i64)
  (local $h i64)
  (local $a (ref $arr_i64))
  (local $exp10 i64)
  (local $digits (ref $bytes))
  (local $nd i32)
  (local $chunk i64)
  (local $k i32)
  (local $t i32)
  (local $variant i64)
  (local $keep i32)
  (local.set $r (call $ft.next))
  (local.set $bits (i64.rem_u (local.get $r) (i64.const 0x7FF0000000000000)))
  (local.set $ef (i64.shr_u (local.get $bits) (i64.const 52)))
  (local.set $m (i64.and (local.get $bits) (i64.const 0xFFFFFFFFFFFFF)))
  (if (i64.ne (local.get $ef) (i64.const 0))
    (then
      (local.set $m (i64.or (local.get $m) (i64.const 0x10000000000000)))
      (local.set $e1 (i64.sub (i64.sub (local.get $ef) (i64.const 1075)) (i64.const 1))))
    (else (local.set $e1 (i64.const -1075))))
  (local.set $h (i64.add (i64.shl (local.get $m) (i64.const 1)) (i64.const 1)))
  (local.set $a (array.new_default $arr_i64 (i32.const 400)))
  (array.set $arr_i64 (local.get $a) (i32.const 0) (i64.and (local.get $h) (i64.const 0xFFFFFFFF)))
  (array.set $arr_i64 (local.get $a) (i32.const 1) (i64.shr_u (local.get $h) (i64.const 32)))
  (global.set $ft.bnn (select (i32.const 2) (i32.const 1) (i64.ge_u (local.get $h) (i64.const 0x100000000))))
  (if (i64.ge_s (local.get $e1) (i64.const 0))
    (then
      (global.set $ft.bnn (call $mochi_f64.bn_shl (local.get $a) (global.get $ft.bnn) (i32.wrap_i64 (local.get $e1)))))
    (else
      (global.set $ft.bnn (call $mochi_f64.bn_pow5 (local.get $a) (global.get $ft.bnn) (i32.wrap_i64 (i64.sub (i64.const 0) (local.get $e1)))))
      (local.set $exp10 (local.get $e1))))
  ;; decimal digits, least significant first, nine per division
  (local.set $digits (array.new_default $bytes (i32.const 1200)))
  (block $done
    (loop $div
      (br_if $done (i32.eqz (global.get $ft.bnn)))
      (local.set $chunk (call $ft.divsmall (local.get $a) (i64.const 1000000000)))
      (local.set $k (i32.const 0))
      (loop $nine
        (array.set $bytes (local.get $digits) (local.get $nd)
          (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $chunk) (i64.const 10)))))
        (local.set $chunk (i64.div_u (local.get $chunk) (i64.const 10)))
        (local.set $nd (i32.add (local.get $nd) (i32.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $nine (i32.lt_u (local.get $k) (i32.const 9))))
      (br $div)))
  (block $done
    (loop $lead
      (br_if $done (i32.le_u (local.get $nd) (i32.const 1)))
      (br_if $done (i32.ne (array.get_u $bytes (local.get $digits) (i32.sub (local.get $nd) (i32.const 1))) (i32.const 48)))
      (local.set $nd (i32.sub (local.get $nd) (i32.const 1)))
      (br $lead)))
  (local.set $k (i32.const 0))
  (block $done
    (loop $rev
      (br_if $done (i32.ge_u (local.get $k) (i32.div_u (local.get $nd) (i32.const 2))))
      (local.set $t (array.get_u $bytes (local.get $digits) (local.get $k)))
      (array.set $bytes (local.get $digits) (local.get $k)
        (array.get_u $bytes (local.get $digits) (i32.sub (i32.sub (local.get $nd) (i32.const 1)) (local.get $k))))
      (array.set $bytes (local.get $digits) (i32.sub (i32.sub (local.get $nd) (i32.const 1)) (local.get $k)) (local.get $t))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $rev)))
  (local.set $variant (i64.rem_u (call $ft.next) (i64.const 4)))
  (if (i64.eq (local.get $variant) (i64.const 1))
    (then
      (local.set $k (i32.sub (local.get $nd) (i32.const 1)))
      (block $done
        (loop $borrow
          (br_if $done (i32.ne (array.get_u $bytes (local.get $digits) (local.get $k)) (i32.const 48)))
          (array.set $bytes (local.get $digits) (local.get $k) (i32.const 57))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $borrow)))
      (array.set $bytes (local.get $digits) (local.get $k)
        (i32.sub (array.get_u $bytes (local.get $digits) (local.get $k)) (i32.const 1)))))
  (if (i64.eq (local.get $variant) (i64.const 3))
    (then
      (local.set $keep (i32.add (i32.const 17) (i32.wrap_i64 (i64.rem_u (call $ft.next) (i64.const 10)))))
      (if (i32.gt_s (local.get $nd) (local.get $keep))
        (then
          (local.set $exp10 (i64.add (local.get $exp10) (i64.extend_i32_u (i32.sub (local.get $nd) (local.get $keep)))))
          (local.set $nd (local.get $keep))))))
  (local.set $k (i32.const 0))
  (block $done
    (loop $put
      (br_if $done (i32.ge_u (local.get $k) (local.get $nd)))
      (call $ft.tput (array.get_u $bytes (local.get $digits) (local.get $k)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $put)))
  (if (i64.eq (local.get $variant) (i64.const 2))
    (then
      (local.set $k (i32.const 0))
      (loop $zeros
        (call $ft.tput (i32.const 48))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $zeros (i32.lt_u (local.get $k) (i32.const 9))))
      (call $ft.tput (i32.const 49))
      (local.set $exp10 (i64.sub (local.get $exp10) (i64.const 10)))))
  (call $ft.tput (i32.const 101))
  (call $ft.tint (local.get $exp10)))

(func $ft.hexdigit (param $up i32)
  (local $d i32)
  (local.set $d (i32.wrap_i64 (i64.rem_u (call $ft.next) (i64.const 16))))
  (call $ft.tput
    (select (i32.add (i32.const 48) (local.get $d))
      (i32.add (select (i32.const 55) (i32.const 87) (local.get $up)) (local.get $d))
      (i32.lt_u (local.get $d) (i32.const 10)))))

;; The i-th text (check.c's gen_text) into $ft.buf[0, $ft.len).
(func $ft.gen_text (param $i i64)
  (local $r i64)
  (local $n i64)
  (local $k i64)
  (local $nd i64)
  (local $dot i64)
  (local $up i32)
  (local $specials (ref $bytes))
  (local $at i32)
  (local $j i32)
  (local $c i32)
  (global.set $ft.len (i32.const 0))
  (block $k7
    (block $k6
      (block $k5
        (block $k4
          (block $k3
            (block $k2
              (block $k1
                (block $k0
                  (br_table $k0 $k1 $k2 $k3 $k4 $k5 $k6 $k7
                    (i32.wrap_i64 (i64.and (local.get $i) (i64.const 7)))))
                ;; a double's top-level form
                (call $ft.tstr (call $mochi_fmt_f64 (f64.reinterpret_i64 (call $ft.gen (local.get $i)))))
                (return))
              ;; its container form
              (call $ft.tstr (call $mochi_fmt_f64_container (f64.reinterpret_i64 (call $ft.gen (local.get $i)))))
              (return))
            ;; any mix of sign, digits, point and exponent
            (local.set $r (call $ft.next))
            (if (i64.eq (i64.rem_u (local.get $r) (i64.const 3)) (i64.const 1)) (then (call $ft.tput (i32.const 45))))
            (if (i64.eq (i64.rem_u (local.get $r) (i64.const 3)) (i64.const 2)) (then (call $ft.tput (i32.const 43))))
            (local.set $n (i64.rem_u (call $ft.next) (i64.const 22)))
            (block $done
              (loop $d
                (br_if $done (i64.ge_u (local.get $k) (local.get $n)))
                (call $ft.tdigit)
                (local.set $k (i64.add (local.get $k) (i64.const 1)))
                (br $d)))
            (if (i64.ne (i64.and (i64.shr_u (local.get $r) (i64.const 8)) (i64.const 1)) (i64.const 0))
              (then (call $ft.tput (i32.const 46))))
            (local.set $n (i64.rem_u (call $ft.next) (i64.const 22)))
            (local.set $k (i64.const 0))
            (block $done
              (loop $d
                (br_if $done (i64.ge_u (local.get $k) (local.get $n)))
                (call $ft.tdigit)
                (local.set $k (i64.add (local.get $k) (i64.const 1)))
                (br $d)))
            (if (i64.ne (i64.and (i64.shr_u (local.get $r) (i64.const 9)) (i64.const 3)) (i64.const 0))
              (then
                (call $ft.tput
                  (select (i32.const 69) (i32.const 101)
                    (i32.wrap_i64 (i64.and (i64.shr_u (local.get $r) (i64.const 11)) (i64.const 1)))))
                (if (i64.eq (i64.rem_u (i64.shr_u (local.get $r) (i64.const 12)) (i64.const 3)) (i64.const 1))
                  (then (call $ft.tput (i32.const 45))))
                (if (i64.eq (i64.rem_u (i64.shr_u (local.get $r) (i64.const 12)) (i64.const 3)) (i64.const 2))
                  (then (call $ft.tput (i32.const 43))))
                (local.set $n (i64.add (i64.const 1) (i64.rem_u (call $ft.next) (i64.const 3))))
                (local.set $k (i64.const 0))
                (block $done
                  (loop $d
                    (br_if $done (i64.ge_u (local.get $k) (local.get $n)))
                    (call $ft.tdigit)
                    (local.set $k (i64.add (local.get $k) (i64.const 1)))
                    (br $d)))))
            (return))
          ;; 17..45 digits, any exponent a double can need
          (local.set $r (call $ft.next))
          (if (i64.ne (i64.and (local.get $r) (i64.const 1)) (i64.const 0)) (then (call $ft.tput (i32.const 45))))
          (local.set $nd (i64.add (i64.const 17) (i64.rem_u (call $ft.next) (i64.const 29))))
          (local.set $dot (i64.rem_u (call $ft.next) (i64.add (local.get $nd) (i64.const 1))))
          (block $done
            (loop $d
              (br_if $done (i64.ge_u (local.get $k) (local.get $nd)))
              (if (i64.eq (local.get $k) (local.get $dot)) (then (call $ft.tput (i32.const 46))))
              (if (i64.eqz (local.get $k))
                (then (call $ft.tput (i32.add (i32.const 49) (i32.wrap_i64 (i64.rem_u (call $ft.next) (i64.const 9))))))
                (else (call $ft.tdigit)))
              (local.set $k (i64.add (local.get $k) (i64.const 1)))
              (br $d)))
          (call $ft.tput (i32.const 101))
          (call $ft.tint (i64.sub (i64.rem_u (call $ft.next) (i64.const 711)) (i64.const 380)))
          (return))
        ;; hexadecimal
        (local.set $r (call $ft.next))
        (call $ft.tput (i32.const 48))
        (call $ft.tput (select (i32.const 88) (i32.const 120) (i32.wrap_i64 (i64.and (local.get $r) (i64.const 1)))))
        (local.set $up (i32.wrap_i64 (i64.and (i64.shr_u (local.get $r) (i64.const 1)) (i64.const 1))))
        (local.set $n (i64.rem_u (call $ft.next) (i64.const 18)))
        (block $done
          (loop $d
            (br_if $done (i64.ge_u (local.get $k) (local.get $n)))
            (call $ft.hexdigit (local.get $up))
            (local.set $k (i64.add (local.get $k) (i64.const 1)))
            (br $d)))
        (if (i64.ne (i64.and (i64.shr_u (local.get $r) (i64.const 2)) (i64.const 1)) (i64.const 0))
          (then
            (call $ft.tput (i32.const 46))
            (local.set $n (i64.rem_u (call $ft.next) (i64.const 18)))
            (local.set $k (i64.const 0))
            (block $done
              (loop $d
                (br_if $done (i64.ge_u (local.get $k) (local.get $n)))
                (call $ft.hexdigit (local.get $up))
                (local.set $k (i64.add (local.get $k) (i64.const 1)))
                (br $d)))))
        (if (i64.ne (i64.and (i64.shr_u (local.get $r) (i64.const 3)) (i64.const 3)) (i64.const 0))
          (then
            (call $ft.tput
              (select (i32.const 80) (i32.const 112)
                (i32.wrap_i64 (i64.and (i64.shr_u (local.get $r) (i64.const 5)) (i64.const 1)))))
            (if (i64.eq (i64.rem_u (i64.shr_u (local.get $r) (i64.const 6)) (i64.const 3)) (i64.const 1))
              (then (call $ft.tput (i32.const 45))))
            (if (i64.eq (i64.rem_u (i64.shr_u (local.get $r) (i64.const 6)) (i64.const 3)) (i64.const 2))
              (then (call $ft.tput (i32.const 43))))
            (call $ft.tint (i64.rem_u (call $ft.next) (i64.const 1200)))))
        (return))
      ;; special spellings and malformed texts, letters in random case
      (local.set $k (i64.rem_u (call $ft.next) (i64.extend_i32_u (global.get $ft.nspecials))))
      (local.set $r (call $ft.next))
      (local.set $specials (array.new_data $bytes $ft.specials (i32.const 0) (global.get $ft.specials_size)))
      (block $found
        (loop $skip
          (br_if $found (i64.eqz (local.get $k)))
          (local.set $at (i32.add (local.get $at)
            (i32.add (i32.const 1) (array.get_u $bytes (local.get $specials) (local.get $at)))))
          (local.set $k (i64.sub (local.get $k) (i64.const 1)))
          (br $skip)))
      (local.set $n (i64.extend_i32_u (array.get_u $bytes (local.get $specials) (local.get $at))))
      (block $done
        (loop $byte
          (br_if $done (i64.ge_u (i64.extend_i32_u (local.get $j)) (local.get $n)))
          (local.set $c (array.get_u $bytes (local.get $specials) (i32.add (i32.add (local.get $at) (i32.const 1)) (local.get $j))))
          (if (i32.and
                (i32.lt_u (i32.sub (i32.or (local.get $c) (i32.const 0x20)) (i32.const 97)) (i32.const 26))
                (i32.wrap_i64 (i64.and (i64.shr_u (local.get $r) (i64.extend_i32_u (i32.and (local.get $j) (i32.const 63)))) (i64.const 1))))
            (then (local.set $c (i32.xor (local.get $c) (i32.const 0x20)))))
          (call $ft.tput (local.get $c))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $byte)))
      (return))
    (call $ft.halfway)
    (return))
  ;; integers, many exactly halfway between two doubles
  (local.set $r (call $ft.next))
  (call $ft.tstr (call $ft.fmt_u64 (i64.shr_u (local.get $r) (i64.rem_u (call $ft.next) (i64.const 12)))))
  (local.set $n (i64.rem_u (call $ft.next) (i64.const 4)))
  (block $done
    (loop $z
      (br_if $done (i64.ge_u (local.get $k) (local.get $n)))
      (call $ft.tput (i32.const 48))
      (local.set $k (i64.add (local.get $k) (i64.const 1)))
      (br $z))))

;; Decimal digits of an unsigned 64-bit value.
(func $ft.fmt_u64 (param $v i64) (result (ref $str))
  (local $r (ref $bytes))
  (local $n i32)
  (local $t i64)
  (local.set $t (local.get $v))
  (loop $count
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (local.set $t (i64.div_u (local.get $t) (i64.const 10)))
    (br_if $count (i64.ne (local.get $t) (i64.const 0))))
  (local.set $r (array.new_default $bytes (local.get $n)))
  (loop $digit
    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
    (array.set $bytes (local.get $r) (local.get $n)
      (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
    (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
    (br_if $digit (local.get $n)))
  (struct.new $str (local.get $r) (array.len (local.get $r))))

;; The lowercase hex digit of d (0..15).
(func $ft.hexchar (param $d i32) (result i32)
  (select (i32.add (i32.const 48) (local.get $d)) (i32.add (i32.const 87) (local.get $d)) (i32.lt_u (local.get $d) (i32.const 10))))

;; Appends 16 hex digits of v to r at `at`; returns the new end.
(func $ft.puthex (param $r (ref $bytes)) (param $at i32) (param $v i64) (result i32)
  (local $i i32)
  (local $d i32)
  (loop $hex
    (local.set $d (i32.wrap_i64 (i64.and (i64.shr_u (local.get $v) (i64.extend_i32_u (i32.sub (i32.const 60) (i32.shl (local.get $i) (i32.const 2))))) (i64.const 15))))
    (array.set $bytes (local.get $r) (i32.add (local.get $at) (local.get $i))
      (select (i32.add (i32.const 48) (local.get $d)) (i32.add (i32.const 87) (local.get $d)) (i32.lt_u (local.get $d) (i32.const 10))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $hex (i32.lt_u (local.get $i) (i32.const 16))))
  (i32.add (local.get $at) (i32.const 16)))

;; Prints r[0, n) as a line.
(func $ft.print (param $r (ref $bytes)) (param $n i32)
  (local $out (ref $bytes))
  (local.set $out (array.new_default $bytes (local.get $n)))
  (array.copy $bytes $bytes (local.get $out) (i32.const 0) (local.get $r) (i32.const 0) (local.get $n))
  (call $mochi_print_str (struct.new $str (local.get $out) (local.get $n))))

;; `TEXT RESULT` for the text in $ft.buf (check.c's parse_line).
(func $ft.parse_line
  (local $text (ref $bytes))
  (local $r (ref $bytes))
  (local $i i32)
  (local $c i32)
  (local $at i32)
  (local $v f64)
  (local $bits i64)
  (local.set $text (array.new_default $bytes (global.get $ft.len)))
  (array.copy $bytes $bytes (local.get $text) (i32.const 0) (global.get $ft.buf) (i32.const 0) (global.get $ft.len))
  (local.set $r (array.new_default $bytes (i32.add (i32.mul (global.get $ft.len) (i32.const 4)) (i32.const 20))))
  (block $done
    (loop $byte
      (br_if $done (i32.ge_u (local.get $i) (global.get $ft.len)))
      (local.set $c (array.get_u $bytes (local.get $text) (local.get $i)))
      (if (i32.or (i32.or (i32.lt_u (local.get $c) (i32.const 32)) (i32.gt_u (local.get $c) (i32.const 126)))
            (i32.eq (local.get $c) (i32.const 92)))
        (then
          (array.set $bytes (local.get $r) (local.get $at) (i32.const 92))
          (array.set $bytes (local.get $r) (i32.add (local.get $at) (i32.const 1)) (i32.const 120))
          (array.set $bytes (local.get $r) (i32.add (local.get $at) (i32.const 2))
            (call $ft.hexchar (i32.shr_u (local.get $c) (i32.const 4))))
          (array.set $bytes (local.get $r) (i32.add (local.get $at) (i32.const 3))
            (call $ft.hexchar (i32.and (local.get $c) (i32.const 15))))
          (local.set $at (i32.add (local.get $at) (i32.const 4))))
        (else
          (array.set $bytes (local.get $r) (local.get $at) (local.get $c))
          (local.set $at (i32.add (local.get $at) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $byte)))
  (array.set $bytes (local.get $r) (local.get $at) (i32.const 32))
  (local.set $at (i32.add (local.get $at) (i32.const 1)))
  (local.set $v (call $mochi_f64.parse (local.get $text)))
  (if (global.get $mochi_f64.ok)
    (then
      (local.set $bits (i64.reinterpret_f64 (local.get $v)))
      (if (f64.ne (local.get $v) (local.get $v))
        (then (local.set $bits (i64.or (i64.and (local.get $bits) (i64.const 0x8000000000000000)) (i64.const 0x7FF8000000000000)))))
      (local.set $at (call $ft.puthex (local.get $r) (local.get $at) (local.get $bits))))
    (else
      (array.set $bytes (local.get $r) (local.get $at) (i32.const 69))
      (array.set $bytes (local.get $r) (i32.add (local.get $at) (i32.const 1)) (i32.const 82))
      (array.set $bytes (local.get $r) (i32.add (local.get $at) (i32.const 2)) (i32.const 82))
      (local.set $at (i32.add (local.get $at) (i32.const 3)))))
  (call $ft.print (local.get $r) (local.get $at)))

;; `X Y fmod(X, Y)` (check.c's print-mod).
(func $ft.mod_line (param $a i64) (param $b i64)
  (local $r (ref $bytes))
  (local $at i32)
  (local $z f64)
  (local.set $r (array.new $bytes (i32.const 32) (i32.const 50)))
  (local.set $at (call $ft.puthex (local.get $r) (i32.const 0) (local.get $a)))
  (local.set $at (call $ft.puthex (local.get $r) (i32.const 17) (local.get $b)))
  (local.set $at (i32.const 34))
  (if (f64.eq (f64.reinterpret_i64 (local.get $b)) (f64.const 0))
    (then
      (array.set $bytes (local.get $r) (i32.const 34) (i32.const 69))
      (array.set $bytes (local.get $r) (i32.const 35) (i32.const 82))
      (array.set $bytes (local.get $r) (i32.const 36) (i32.const 82))
      (call $ft.print (local.get $r) (i32.const 37))
      (return)))
  (local.set $z (call $mochi_f64.fmod (f64.reinterpret_i64 (local.get $a)) (f64.reinterpret_i64 (local.get $b))))
  (if (f64.ne (local.get $z) (local.get $z))
    (then
      (array.set $bytes (local.get $r) (i32.const 34) (i32.const 78))
      (array.set $bytes (local.get $r) (i32.const 35) (i32.const 97))
      (array.set $bytes (local.get $r) (i32.const 36) (i32.const 78))
      (call $ft.print (local.get $r) (i32.const 37))
      (return)))
  (call $ft.print (local.get $r) (call $ft.puthex (local.get $r) (i32.const 34) (i64.reinterpret_f64 (local.get $z)))))

(func $_start
  (local $edges (ref $arr_i64))
  (local $i i32)
  (local $n i64)
  (local $vals (ref $arr_f64))
  (local $sum i32)
  (if (i32.eq (global.get $ft.mode) (i32.const 3))
    (then
      (global.set $ft.buf (array.new_default $bytes (i32.const 4096)))
      (global.set $ft.state (i64.const 0x70617273))
      (block $done
        (loop $text
          (br_if $done (i64.ge_u (local.get $n) (global.get $ft.count)))
          (call $ft.gen_text (local.get $n))
          (call $ft.parse_line)
          (local.set $n (i64.add (local.get $n) (i64.const 1)))
          (br $text)))
      (call $mochi_out_flush)
      (return)))
  (if (i32.eq (global.get $ft.mode) (i32.const 4))
    (then
      (global.set $ft.state (i64.const 0x6D6F64))
      (block $done
        (loop $pair
          (br_if $done (i64.ge_u (local.get $n) (global.get $ft.count)))
          (call $ft.mod_line (call $ft.gen (local.get $n)) (call $ft.gen (i64.add (local.get $n) (i64.const 1))))
          (local.set $n (i64.add (local.get $n) (i64.const 1)))
          (br $pair)))
      (call $mochi_out_flush)
      (return)))
  (if (i32.eqz (global.get $ft.mode))
    (then
      (local.set $edges (array.new_data $arr_i64 $ft.edges (i32.const 0) (global.get $ft.nedges)))
      (block $done
        (loop $edge
          (br_if $done (i32.ge_u (local.get $i) (global.get $ft.nedges)))
          (call $ft.line (array.get $arr_i64 (local.get $edges) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $edge)))))
  (global.set $ft.state (i64.const 0x4D6F636869))
  (if (i32.eqz (global.get $ft.mode))
    (then
      (block $done
        (loop $rand
          (br_if $done (i64.ge_u (local.get $n) (global.get $ft.count)))
          (call $ft.line (call $ft.gen (local.get $n)))
          (local.set $n (i64.add (local.get $n) (i64.const 1)))
          (br $rand)))
      (call $mochi_out_flush)
      (return)))
  ;; timing modes: generate the doubles, then (mode 1) format each one
  (local.set $vals (array.new_default $arr_f64 (i32.wrap_i64 (global.get $ft.count))))
  (block $done
    (loop $gen
      (br_if $done (i64.ge_u (local.get $n) (global.get $ft.count)))
      (array.set $arr_f64 (local.get $vals) (i32.wrap_i64 (local.get $n))
        (f64.reinterpret_i64 (call $ft.gen (local.get $n))))
      (local.set $n (i64.add (local.get $n) (i64.const 1)))
      (br $gen)))
  (if (i32.eq (global.get $ft.mode) (i32.const 1))
    (then
      (local.set $i (i32.const 0))
      (block $done
        (loop $fmt
          (br_if $done (i32.ge_u (local.get $i) (i32.wrap_i64 (global.get $ft.count))))
          (local.set $sum (i32.add (local.get $sum)
            (array.len (struct.get $str $b
              (call $mochi_fmt_f64 (array.get $arr_f64 (local.get $vals) (local.get $i)))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $fmt)))))
  (call $mochi_print_str (call $mochi_fmt_i64 (i64.extend_i32_u (local.get $sum))))
  (call $mochi_out_flush))
