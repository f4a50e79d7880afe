;; values-stubs.wat: temporary stand-ins for runtime functions other engineers own,
;; used by values-test.sh only while the real ones are missing (the script drops
;; every stand-in whose name a runtime fragment defines).
;;
;; The float formatters here are NOT general: they find the shortest digits only for
;; values with at most 15 significant digits whose decimal exponent is within +-22
;; (the exact strtod fast path: digits < 2^53 times or divided by an exact power of
;; ten), and trap on anything else, so a test can never pass on a wrong float text.
;; $mochi_f64_mod is exact only when x - trunc(x/y)*y is (the small values tested).

(global $stub.pow10 (ref $arr_f64)
  (array.new_fixed $arr_f64 23
    (f64.const 1e0) (f64.const 1e1) (f64.const 1e2) (f64.const 1e3) (f64.const 1e4) (f64.const 1e5)
    (f64.const 1e6) (f64.const 1e7) (f64.const 1e8) (f64.const 1e9) (f64.const 1e10) (f64.const 1e11)
    (f64.const 1e12) (f64.const 1e13) (f64.const 1e14) (f64.const 1e15) (f64.const 1e16) (f64.const 1e17)
    (f64.const 1e18) (f64.const 1e19) (f64.const 1e20) (f64.const 1e21) (f64.const 1e22)))

(func $stub.p10 (param $k i32) (result f64)
  (if (i32.gt_u (local.get $k) (i32.const 22)) (then (unreachable)))
  (array.get $arr_f64 (global.get $stub.pow10) (local.get $k)))

;; shortest digits of v > 0: returns digits d (as i64), count nd, exponent e (v = d.ddd * 10^e)
(global $stub.nd (mut i32) (i32.const 0))
(global $stub.e (mut i32) (i32.const 0))
(func $stub.digits (param $v f64) (result i64)
  (local $e i32)
  (local $p i32)
  (local $k i32)
  (local $d f64)
  (local $back f64)
  ;; decimal exponent: 10^e <= v < 10^(e+1)
  (if (f64.ge (local.get $v) (f64.const 1))
    (then
      (block $done (loop $up
        (br_if $done (f64.lt (local.get $v) (call $stub.p10 (i32.add (local.get $e) (i32.const 1)))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $up))))
    (else
      (block $done (loop $down
        (local.set $e (i32.sub (local.get $e) (i32.const 1)))
        (br_if $done (f64.ge (f64.mul (local.get $v) (call $stub.p10 (i32.sub (i32.const 0) (local.get $e)))) (f64.const 1)))
        (br $down)))))
  (local.set $p (i32.const 1))
  (loop $try
    (if (i32.gt_s (local.get $p) (i32.const 15)) (then (unreachable)))
    (local.set $k (i32.sub (i32.sub (local.get $p) (i32.const 1)) (local.get $e)))
    (local.set $d (f64.nearest
      (if (result f64) (i32.ge_s (local.get $k) (i32.const 0))
        (then (f64.mul (local.get $v) (call $stub.p10 (local.get $k))))
        (else (f64.div (local.get $v) (call $stub.p10 (i32.sub (i32.const 0) (local.get $k))))))))
    (local.set $back
      (if (result f64) (i32.ge_s (local.get $k) (i32.const 0))
        (then (f64.div (local.get $d) (call $stub.p10 (local.get $k))))
        (else (f64.mul (local.get $d) (call $stub.p10 (i32.sub (i32.const 0) (local.get $k)))))))
    (if (f64.eq (local.get $back) (local.get $v))
      (then
        ;; d may have rounded up to 10^p (then it is 1 followed by zeros: one digit)
        (if (f64.ge (local.get $d) (call $stub.p10 (local.get $p)))
          (then (local.set $d (f64.div (local.get $d) (f64.const 10))) (local.set $e (i32.add (local.get $e) (i32.const 1)))))
        ;; drop trailing zeros
        (local.set $p (call $stub.ndig (i64.trunc_f64_u (local.get $d))))
        (block $done (loop $trim
          (br_if $done (i32.le_s (local.get $p) (i32.const 1)))
          (br_if $done (f64.ne (f64.mul (f64.trunc (f64.div (local.get $d) (f64.const 10))) (f64.const 10)) (local.get $d)))
          (local.set $d (f64.div (local.get $d) (f64.const 10)))
          (local.set $p (i32.sub (local.get $p) (i32.const 1)))
          (br $trim)))
        (global.set $stub.nd (local.get $p))
        (global.set $stub.e (local.get $e))
        (return (i64.trunc_f64_u (local.get $d)))))
    (local.set $p (i32.add (local.get $p) (i32.const 1)))
    (br $try))
  (unreachable))

(func $stub.ndig (param $d i64) (result i32)
  (local $n i32)
  (local.set $n (i32.const 1))
  (block $done (loop $next
    (br_if $done (i64.lt_u (local.get $d) (i64.const 10)))
    (local.set $d (i64.div_u (local.get $d) (i64.const 10)))
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (br $next)))
  (local.get $n))

;; digit i (0 first) of d with nd digits
(func $stub.dig (param $d i64) (param $nd i32) (param $i i32) (result i32)
  (local $k i32)
  (local.set $k (i32.sub (i32.sub (local.get $nd) (i32.const 1)) (local.get $i)))
  (block $done (loop $next
    (br_if $done (i32.le_s (local.get $k) (i32.const 0)))
    (local.set $d (i64.div_u (local.get $d) (i64.const 10)))
    (local.set $k (i32.sub (local.get $k) (i32.const 1)))
    (br $next)))
  (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $d) (i64.const 10)))))

;; layout: mode 0 top (%v), 1 container, 2 json
(func $stub.fmt (param $v f64) (param $mode i32) (result (ref $str))
  (local $mark i32)
  (local $neg i32)
  (local $d i64)
  (local $nd i32)
  (local $e i32)
  (local $i i32)
  (local $a f64)
  (local $expo i32)
  (local.set $mark (global.get $value.blen))
  (if (f64.ne (local.get $v) (local.get $v))
    (then
      (if (i32.eq (local.get $mode) (i32.const 2)) (then (call $value.put_null))
        (else (call $value.put2 (i32.const 78) (i32.const 97)) (call $value.putc (i32.const 78))))
      (return (call $value.take (local.get $mark)))))
  (if (f64.eq (f64.abs (local.get $v)) (f64.const inf))
    (then
      (if (i32.eq (local.get $mode) (i32.const 2)) (then (call $value.put_null))
        (else
          (call $value.putc (select (i32.const 43) (i32.const 45) (f64.gt (local.get $v) (f64.const 0))))
          (call $value.put2 (i32.const 73) (i32.const 110)) (call $value.putc (i32.const 102))))
      (return (call $value.take (local.get $mark)))))
  (local.set $neg (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $v)) (i64.const 63))))
  (if (local.get $neg) (then (call $value.putc (i32.const 45))))
  (if (f64.eq (local.get $v) (f64.const 0))
    (then
      (call $value.putc (i32.const 48))
      (if (i32.eq (local.get $mode) (i32.const 1)) (then (call $value.put2 (i32.const 46) (i32.const 48))))
      (return (call $value.take (local.get $mark)))))
  (local.set $a (f64.abs (local.get $v)))
  (local.set $d (call $stub.digits (local.get $a)))
  (local.set $nd (global.get $stub.nd))
  (local.set $e (global.get $stub.e))
  (local.set $expo
    (if (result i32) (i32.eqz (local.get $mode))
      (then (i32.or (i32.lt_s (local.get $e) (i32.const -4)) (i32.ge_s (local.get $e) (i32.const 6))))
      (else (if (result i32) (i32.eq (local.get $mode) (i32.const 2))
        (then (i32.or (f64.lt (local.get $a) (f64.const 1e-6)) (f64.ge (local.get $a) (f64.const 1e21))))
        (else (i32.const 0))))))
  (if (local.get $expo)
    (then
      (call $value.putc (call $stub.dig (local.get $d) (local.get $nd) (i32.const 0)))
      (if (i32.gt_s (local.get $nd) (i32.const 1))
        (then
          (call $value.putc (i32.const 46))
          (local.set $i (i32.const 1))
          (block $done (loop $next
            (br_if $done (i32.ge_s (local.get $i) (local.get $nd)))
            (call $value.putc (call $stub.dig (local.get $d) (local.get $nd) (local.get $i)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))))
      (call $value.putc (i32.const 101))
      (call $value.putc (select (i32.const 45) (i32.const 43) (i32.lt_s (local.get $e) (i32.const 0))))
      (local.set $e (select (i32.sub (i32.const 0) (local.get $e)) (local.get $e) (i32.lt_s (local.get $e) (i32.const 0))))
      (if (i32.and (i32.lt_s (local.get $e) (i32.const 10)) (i32.ne (local.get $mode) (i32.const 2))) (then (call $value.putc (i32.const 48))))
      (call $value.put_i64 (i64.extend_i32_s (local.get $e)))
      (return (call $value.take (local.get $mark)))))
  (if (i32.lt_s (local.get $e) (i32.const 0))
    (then
      (call $value.put2 (i32.const 48) (i32.const 46))
      (local.set $i (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_s (local.get $i) (i32.sub (i32.sub (i32.const 0) (local.get $e)) (i32.const 1))))
        (call $value.putc (i32.const 48))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (local.set $i (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $nd)))
        (call $value.putc (call $stub.dig (local.get $d) (local.get $nd) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (return (call $value.take (local.get $mark)))))
  (local.set $i (i32.const 0))
  (block $done (loop $next
    (br_if $done (i32.gt_s (local.get $i) (local.get $e)))
    (if (i32.lt_s (local.get $i) (local.get $nd))
      (then (call $value.putc (call $stub.dig (local.get $d) (local.get $nd) (local.get $i))))
      (else (call $value.putc (i32.const 48))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (if (i32.gt_s (local.get $nd) (i32.add (local.get $e) (i32.const 1)))
    (then
      (call $value.putc (i32.const 46))
      (block $done (loop $next
        (br_if $done (i32.ge_s (local.get $i) (local.get $nd)))
        (call $value.putc (call $stub.dig (local.get $d) (local.get $nd) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
    (else (if (i32.eq (local.get $mode) (i32.const 1)) (then (call $value.put2 (i32.const 46) (i32.const 48))))))
  (call $value.take (local.get $mark)))

(func $mochi_fmt_f64 (param $v f64) (result (ref $str))
  (call $stub.fmt (local.get $v) (i32.const 0)))
(func $mochi_fmt_f64_container (param $v f64) (result (ref $str))
  (call $stub.fmt (local.get $v) (i32.const 1)))
(func $mochi_fmt_f64_json (param $v f64) (result (ref $str))
  (call $stub.fmt (local.get $v) (i32.const 2)))

(func $mochi_f64_mod (param $x f64) (param $y f64) (result f64)
  (f64.sub (local.get $x) (f64.mul (local.get $y) (f64.trunc (f64.div (local.get $x) (local.get $y))))))
