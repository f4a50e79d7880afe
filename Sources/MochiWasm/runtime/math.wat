;; math.wat: the runtime's libm, the same algorithms as Sources/MochiRuntime/mochi_math.c
;; operation for operation, so that the IR's math1/math2 functions give the same bits
;; in Wasm as in every other mode: $mochi_math_sin cos tan asin acos atan sinh cosh tanh
;; exp log log2 log10 cbrt expm1 log1p, each (param f64) (result f64), and
;; $mochi_math_pow atan2 hypot, (param f64 f64) (result f64). (sqrt, floor, ceil, trunc,
;; fabs, round, fmin and fmax are single Wasm instructions the emitter uses inline; C's
;; fmod is float.wat's $mochi_f64_mod.)
;;
;; Read mochi_math.c for the algorithms and their sources (ARM optimized-routines for
;; exp, log, log2 and pow; fdlibm and FreeBSD msun for the rest; Borges' correction for
;; hypot) and their licence notices, which cover this translation too. Each double
;; operation below is the C file's, in the C file's order (the `;;` lines above the
;; longer expressions are the C expressions they compute); Wasm has no fused
;; multiply-add, which is why the C side never contracts either. NaNs are made from
;; bits, never by arithmetic on NaNs, whose bits Wasm leaves open: a NaN argument comes
;; back quieted (the first of two), an invalid operation gives 0xFFF8000000000000.
;;
;; The tables (2^(i/128), the log, log2 and pow subinterval tables, 2/pi and pi/2 in
;; 24-bit pieces) are passive data segments copied into arrays on first use, so a
;; module pays for them only when it calls a function that reads them;
;; tests/math/tables.py checks them against mochi_math.c. Private helpers are
;; $mochi_math.*; $mochi_math.y0/.y1 carry rem_pio2's second and third results and
;; $mochi_math.tail pow's log tail (no multi-value results).
;; tests/wasm-runtime/math-check compares every function with the C build bit for bit.

;; ---- bits ----

;; The high word (sign, exponent, top of the significand) as a signed i32, as fdlibm's
;; GET_HIGH_WORD into an int32_t.
(func $mochi_math.hi (param $x f64) (result i32)
  (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))

(func $mochi_math.lo (param $x f64) (result i32)
  (i32.wrap_i64 (i64.reinterpret_f64 (local.get $x))))

(func $mochi_math.words (param $hi i32) (param $lo i32) (result f64)
  (f64.reinterpret_i64
    (i64.or (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32)) (i64.extend_i32_u (local.get $lo)))))

;; x with its low word cleared
(func $mochi_math.head (param $x f64) (result f64)
  (f64.reinterpret_i64 (i64.and (i64.reinterpret_f64 (local.get $x)) (i64.const 0xFFFFFFFF00000000))))

(func $mochi_math.quiet (param $x f64) (result f64)
  (f64.reinterpret_i64 (i64.or (i64.reinterpret_f64 (local.get $x)) (i64.const 0x0008000000000000))))

;; what x86's a + b gives when one is a NaN: the first NaN, quieted
(func $mochi_math.nan2 (param $a f64) (param $b f64) (result f64)
  (if (result f64) (f64.ne (local.get $a) (local.get $a))
    (then (call $mochi_math.quiet (local.get $a)))
    (else (call $mochi_math.quiet (local.get $b)))))

;; an invalid operation on x: x itself when a NaN, else the default NaN
(func $mochi_math.invalid (param $x f64) (result f64)
  (if (result f64) (f64.ne (local.get $x) (local.get $x))
    (then (call $mochi_math.quiet (local.get $x)))
    (else (f64.reinterpret_i64 (i64.const 0xFFF8000000000000)))))

;; a NaN argument quieted, anything else itself (fdlibm's x + x on inf or NaN)
(func $mochi_math.self (param $x f64) (result f64)
  (if (result f64) (f64.ne (local.get $x) (local.get $x))
    (then (call $mochi_math.quiet (local.get $x)))
    (else (local.get $x))))

;; x * 2^n (musl's scalbn)
(func $mochi_math.scalbn (param $x f64) (param $n i32) (result f64)
  (local $y f64)
  (local.set $y (local.get $x))
  (if (i32.gt_s (local.get $n) (i32.const 1023))
    (then
      (local.set $y (f64.mul (local.get $y) (f64.const 0x1p1023)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1023)))
      (if (i32.gt_s (local.get $n) (i32.const 1023))
        (then
          (local.set $y (f64.mul (local.get $y) (f64.const 0x1p1023)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1023)))
          (if (i32.gt_s (local.get $n) (i32.const 1023)) (then (local.set $n (i32.const 1023)))))))
    (else
      (if (i32.lt_s (local.get $n) (i32.const -1022))
        (then
          (local.set $y (f64.mul (local.get $y) (f64.const 0x1p-969)))
          (local.set $n (i32.add (local.get $n) (i32.const 969)))
          (if (i32.lt_s (local.get $n) (i32.const -1022))
            (then
              (local.set $y (f64.mul (local.get $y) (f64.const 0x1p-969)))
              (local.set $n (i32.add (local.get $n) (i32.const 969)))
              (if (i32.lt_s (local.get $n) (i32.const -1022)) (then (local.set $n (i32.const -1022))))))))))
  (f64.mul (local.get $y)
    (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.add (i32.const 0x3ff) (local.get $n))) (i64.const 52)))))

;; ---- tables ----

(global $mochi_math.exp_tab (mut (ref null $arr_i64)) (ref.null $arr_i64))
(global $mochi_math.log_tab (mut (ref null $arr_i64)) (ref.null $arr_i64))
(global $mochi_math.log_tab2 (mut (ref null $arr_i64)) (ref.null $arr_i64))
(global $mochi_math.log2_tab (mut (ref null $arr_i64)) (ref.null $arr_i64))
(global $mochi_math.log2_tab2 (mut (ref null $arr_i64)) (ref.null $arr_i64))
(global $mochi_math.pow_tab (mut (ref null $arr_i64)) (ref.null $arr_i64))
(global $mochi_math.ipio2 (mut (ref null $arr_i32)) (ref.null $arr_i32))
(global $mochi_math.pio2 (mut (ref null $arr_f64)) (ref.null $arr_f64))

;; 2^(i/128) as {tail, sbits} pairs
(func $mochi_math.exp_table (result (ref $arr_i64))
  (if (ref.is_null (global.get $mochi_math.exp_tab))
    (then (global.set $mochi_math.exp_tab (array.new_data $arr_i64 $mochi_math.d.exp (i32.const 0) (i32.const 256)))))
  (ref.as_non_null (global.get $mochi_math.exp_tab)))

;; log: {invc, logc} and {chi, clo} per subinterval (128)
(func $mochi_math.log_table (result (ref $arr_i64))
  (if (ref.is_null (global.get $mochi_math.log_tab))
    (then (global.set $mochi_math.log_tab (array.new_data $arr_i64 $mochi_math.d.log (i32.const 0) (i32.const 256)))))
  (ref.as_non_null (global.get $mochi_math.log_tab)))

(func $mochi_math.log_table2 (result (ref $arr_i64))
  (if (ref.is_null (global.get $mochi_math.log_tab2))
    (then (global.set $mochi_math.log_tab2 (array.new_data $arr_i64 $mochi_math.d.log2nd (i32.const 0) (i32.const 256)))))
  (ref.as_non_null (global.get $mochi_math.log_tab2)))

;; log2: the same with 64 subintervals
(func $mochi_math.log2_table (result (ref $arr_i64))
  (if (ref.is_null (global.get $mochi_math.log2_tab))
    (then (global.set $mochi_math.log2_tab (array.new_data $arr_i64 $mochi_math.d.log2 (i32.const 0) (i32.const 128)))))
  (ref.as_non_null (global.get $mochi_math.log2_tab)))

(func $mochi_math.log2_table2 (result (ref $arr_i64))
  (if (ref.is_null (global.get $mochi_math.log2_tab2))
    (then (global.set $mochi_math.log2_tab2 (array.new_data $arr_i64 $mochi_math.d.log22nd (i32.const 0) (i32.const 128)))))
  (ref.as_non_null (global.get $mochi_math.log2_tab2)))

;; pow's log: {invc, logc, logctail} per subinterval (128)
(func $mochi_math.pow_table (result (ref $arr_i64))
  (if (ref.is_null (global.get $mochi_math.pow_tab))
    (then (global.set $mochi_math.pow_tab (array.new_data $arr_i64 $mochi_math.d.pow (i32.const 0) (i32.const 384)))))
  (ref.as_non_null (global.get $mochi_math.pow_tab)))

;; 2/pi in 24-bit pieces (66)
(func $mochi_math.ipio2_table (result (ref $arr_i32))
  (if (ref.is_null (global.get $mochi_math.ipio2))
    (then (global.set $mochi_math.ipio2 (array.new_data $arr_i32 $mochi_math.d.ipio2 (i32.const 0) (i32.const 66)))))
  (ref.as_non_null (global.get $mochi_math.ipio2)))

;; pi/2 in 24-bit pieces (8)
(func $mochi_math.pio2_table (result (ref $arr_f64))
  (if (ref.is_null (global.get $mochi_math.pio2))
    (then (global.set $mochi_math.pio2 (array.new_data $arr_f64 $mochi_math.d.pio2 (i32.const 0) (i32.const 8)))))
  (ref.as_non_null (global.get $mochi_math.pio2)))

;; ---- exp, log, log2, pow (ARM optimized-routines, without FMA) ----


;; scale * (1 + tmp) where that may overflow or underflow (mm_exp_special)
(func $mochi_math.exp_special (param $tmp f64) (param $sbits i64) (param $ki i64) (result f64)
  (local $scale f64)
  (local $y f64)
  (local $hi f64)
  (local $lo f64)
  (local $one f64)
  (if (i64.eqz (i64.and (local.get $ki) (i64.const 0x80000000)))
    (then
      ;; k > 0: the exponent of scale may be too large by up to 460
      (local.set $sbits (i64.sub (local.get $sbits) (i64.const 0x3F10000000000000)))
      (local.set $scale (f64.reinterpret_i64 (local.get $sbits)))
      ;; y = scale + scale * tmp
      (local.set $y (f64.add (local.get $scale) (f64.mul (local.get $scale) (local.get $tmp))))
      (return (f64.mul (local.get $y) (f64.const 0x1p1009)))))
  ;; k < 0: round once, before scaling into the subnormal range
  (local.set $sbits (i64.add (local.get $sbits) (i64.const 0x3FE0000000000000)))
  (local.set $scale (f64.reinterpret_i64 (local.get $sbits)))
  ;; y = scale + scale * tmp
  (local.set $y (f64.add (local.get $scale) (f64.mul (local.get $scale) (local.get $tmp))))
  (if (f64.lt (f64.abs (local.get $y)) (f64.const 1))
    (then
      (local.set $one (f64.const 1))
      (if (f64.lt (local.get $y) (f64.const 0)) (then (local.set $one (f64.const -1))))
      ;; lo = scale - y + scale * tmp
      (local.set $lo (f64.add (f64.sub (local.get $scale) (local.get $y)) (f64.mul (local.get $scale) (local.get $tmp))))
      ;; hi = one + y
      (local.set $hi (f64.add (local.get $one) (local.get $y)))
      ;; lo = one - hi + y + lo
      (local.set $lo (f64.add (f64.add (f64.sub (local.get $one) (local.get $hi)) (local.get $y)) (local.get $lo)))
      ;; y = (hi + lo) - one
      (local.set $y (f64.sub (f64.add (local.get $hi) (local.get $lo)) (local.get $one)))
      (if (f64.eq (local.get $y) (f64.const 0))
        (then (local.set $y (f64.reinterpret_i64 (i64.and (local.get $sbits) (i64.const 0x8000000000000000))))))))
  (f64.mul (f64.const 0x1p-1022) (local.get $y)))

(func $mochi_math_exp (param $x f64) (result f64)
  (local $abstop i32)
  (local $ki i64)
  (local $idx i32)
  (local $sbits i64)
  (local $kd f64)
  (local $z f64)
  (local $r f64)
  (local $r2 f64)
  (local $scale f64)
  (local $tail f64)
  (local $tmp f64)
  (local $t (ref null $arr_i64))
  (local.set $abstop
    (i32.and (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 52))) (i32.const 0x7ff)))
  ;; |x| < 2^-54, |x| >= 512 or NaN
  (if (i32.ge_u (i32.sub (local.get $abstop) (i32.const 0x3c9)) (i32.const 0x3f))
    (then
      (if (i32.ge_u (i32.sub (local.get $abstop) (i32.const 0x3c9)) (i32.const 0x80000000))
        (then (return (f64.add (f64.const 1) (local.get $x)))))
      (if (i32.ge_u (local.get $abstop) (i32.const 0x409))
        (then
          (if (i64.eq (i64.reinterpret_f64 (local.get $x)) (i64.const 0xFFF0000000000000))
            (then (return (f64.const 0))))
          (if (i32.ge_u (local.get $abstop) (i32.const 0x7ff))
            (then (return (call $mochi_math.self (local.get $x)))))
          (if (i64.lt_s (i64.reinterpret_f64 (local.get $x)) (i64.const 0))
            (then (return (f64.const 0))))
          (return (f64.const inf))))
      (local.set $abstop (i32.const 0))))
  ;; x = ln2/N*k + r, |r| <= ln2/2N
  ;; z = MM_EXP_INVLN2N * x
  (local.set $z (f64.mul (f64.const 0x1.71547652b82fep+7) (local.get $x)))
  ;; kd = z + MM_EXP_SHIFT
  (local.set $kd (f64.add (local.get $z) (f64.const 0x1.8p52)))
  (local.set $ki (i64.reinterpret_f64 (local.get $kd)))
  ;; kd = kd - MM_EXP_SHIFT
  (local.set $kd (f64.sub (local.get $kd) (f64.const 0x1.8p52)))
  ;; r = x + kd * MM_EXP_NEGLN2HIN + kd * MM_EXP_NEGLN2LON
  (local.set $r (f64.add (f64.add (local.get $x) (f64.mul (local.get $kd) (f64.const -0x1.62e42fefa0000p-8))) (f64.mul (local.get $kd) (f64.const -0x1.cf79abc9e3b3ap-47))))
  (local.set $idx (i32.shl (i32.wrap_i64 (i64.and (local.get $ki) (i64.const 127))) (i32.const 1)))
  (local.set $t (call $mochi_math.exp_table))
  (local.set $tail (f64.reinterpret_i64 (array.get $arr_i64 (local.get $t) (local.get $idx))))
  (local.set $sbits
    (i64.add (array.get $arr_i64 (local.get $t) (i32.add (local.get $idx) (i32.const 1)))
      (i64.shl (local.get $ki) (i64.const 45))))
  ;; r2 = r * r
  (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
  ;; tmp = tail + r + r2 * (MM_EXP_C2 + r * MM_EXP_C3) + r2 * r2 * (MM_EXP_C4 + r * MM_EXP_C5)
  (local.set $tmp (f64.add (f64.add (f64.add (local.get $tail) (local.get $r)) (f64.mul (local.get $r2) (f64.add (f64.const 0x1.ffffffffffdbdp-2) (f64.mul (local.get $r) (f64.const 0x1.555555555543cp-3))))) (f64.mul (f64.mul (local.get $r2) (local.get $r2)) (f64.add (f64.const 0x1.55555cf172b91p-5) (f64.mul (local.get $r) (f64.const 0x1.1111167a4d017p-7))))))
  (if (i32.eqz (local.get $abstop))
    (then (return (call $mochi_math.exp_special (local.get $tmp) (local.get $sbits) (local.get $ki)))))
  (local.set $scale (f64.reinterpret_i64 (local.get $sbits)))
  ;; scale + scale * tmp
  (f64.add (local.get $scale) (f64.mul (local.get $scale) (local.get $tmp))))


(func $mochi_math_log (param $x f64) (result f64)
  (local $w f64)
  (local $z f64)
  (local $r f64)
  (local $r2 f64)
  (local $r3 f64)
  (local $y f64)
  (local $invc f64)
  (local $logc f64)
  (local $kd f64)
  (local $hi f64)
  (local $lo f64)
  (local $rhi f64)
  (local $rlo f64)
  (local $ix i64)
  (local $tmp i64)
  (local $top i32)
  (local $i i32)
  (local $t (ref null $arr_i64))
  (local $t2 (ref null $arr_i64))
  (local.set $ix (i64.reinterpret_f64 (local.get $x)))
  (local.set $top (i32.wrap_i64 (i64.shr_u (local.get $ix) (i64.const 48))))
  ;; 1 - 2^-4 <= x < 1 + 0x1.09p-4: a polynomial in r = x - 1
  (if (i64.lt_u (i64.sub (local.get $ix) (i64.const 0x3FEE000000000000)) (i64.const 0x0003090000000000))
    (then
      (if (i64.eq (local.get $ix) (i64.const 0x3FF0000000000000)) (then (return (f64.const 0))))
      ;; r = x - 1.0
      (local.set $r (f64.sub (local.get $x) (f64.const 1.0)))
      ;; r2 = r * r
      (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
      ;; r3 = r * r2
      (local.set $r3 (f64.mul (local.get $r) (local.get $r2)))
      ;; y = r3 * (MM_LOG_B1 + r * MM_LOG_B2 + r2 * MM_LOG_B3 + r3 * (MM_LOG_B4 + r * MM_LOG_B5 + r2 * MM_LOG_B6 + r3 * (MM_LOG_B7 + r * MM_LOG_B8 + r2 * MM_LOG_B9 + r3 * MM_LOG_B10)))
      (local.set $y (f64.mul (local.get $r3) (f64.add (f64.add (f64.add (f64.const 0x1.5555555555577p-2) (f64.mul (local.get $r) (f64.const -0x1.ffffffffffdcbp-3))) (f64.mul (local.get $r2) (f64.const 0x1.999999995dd0cp-3))) (f64.mul (local.get $r3) (f64.add (f64.add (f64.add (f64.const -0x1.55555556745a7p-3) (f64.mul (local.get $r) (f64.const 0x1.24924a344de30p-3))) (f64.mul (local.get $r2) (f64.const -0x1.fffffa4423d65p-4))) (f64.mul (local.get $r3) (f64.add (f64.add (f64.add (f64.const 0x1.c7184282ad6cap-4) (f64.mul (local.get $r) (f64.const -0x1.999eb43b068ffp-4))) (f64.mul (local.get $r2) (f64.const 0x1.78182f7afd085p-4))) (f64.mul (local.get $r3) (f64.const -0x1.5521375d145cdp-4)))))))))
      ;; w = r * 0x1p27
      (local.set $w (f64.mul (local.get $r) (f64.const 0x1p27)))
      ;; rhi = r + w - w
      (local.set $rhi (f64.sub (f64.add (local.get $r) (local.get $w)) (local.get $w)))
      ;; rlo = r - rhi
      (local.set $rlo (f64.sub (local.get $r) (local.get $rhi)))
      ;; w = rhi * rhi * MM_LOG_B0
      (local.set $w (f64.mul (f64.mul (local.get $rhi) (local.get $rhi)) (f64.const -0x1.0000000000000p-1)))
      ;; hi = r + w
      (local.set $hi (f64.add (local.get $r) (local.get $w)))
      ;; lo = r - hi + w
      (local.set $lo (f64.add (f64.sub (local.get $r) (local.get $hi)) (local.get $w)))
      ;; lo = lo + MM_LOG_B0 * rlo * (rhi + r)
      (local.set $lo (f64.add (local.get $lo) (f64.mul (f64.mul (f64.const -0x1.0000000000000p-1) (local.get $rlo)) (f64.add (local.get $rhi) (local.get $r)))))
      ;; y = y + lo
      (local.set $y (f64.add (local.get $y) (local.get $lo)))
      ;; y = y + hi
      (local.set $y (f64.add (local.get $y) (local.get $hi)))
      (return (local.get $y))))
  (if (i32.ge_u (i32.sub (local.get $top) (i32.const 0x0010)) (i32.const 0x7fe0))
    (then
      ;; x < 2^-1022, inf or NaN
      (if (i64.eqz (i64.shl (local.get $ix) (i64.const 1))) (then (return (f64.const -inf))))
      (if (i64.eq (local.get $ix) (i64.const 0x7FF0000000000000)) (then (return (local.get $x))))
      (if (i32.or (i32.ne (i32.and (local.get $top) (i32.const 0x8000)) (i32.const 0))
                  (i32.eq (i32.and (local.get $top) (i32.const 0x7ff0)) (i32.const 0x7ff0)))
        (then (return (call $mochi_math.invalid (local.get $x)))))
      ;; subnormal: normalize
      (local.set $ix (i64.reinterpret_f64 (f64.mul (local.get $x) (f64.const 0x1p52))))
      (local.set $ix (i64.sub (local.get $ix) (i64.const 0x0340000000000000)))))
  (local.set $tmp (i64.sub (local.get $ix) (i64.const 0x3FE6000000000000)))
  (local.set $i (i32.wrap_i64 (i64.and (i64.shr_u (local.get $tmp) (i64.const 45)) (i64.const 127))))
  (local.set $kd (f64.convert_i64_s (i64.shr_s (local.get $tmp) (i64.const 52))))
  (local.set $z (f64.reinterpret_i64
    (i64.sub (local.get $ix) (i64.and (local.get $tmp) (i64.const 0xFFF0000000000000)))))
  (local.set $t (call $mochi_math.log_table))
  (local.set $t2 (call $mochi_math.log_table2))
  (local.set $invc (f64.reinterpret_i64 (array.get $arr_i64 (local.get $t) (i32.shl (local.get $i) (i32.const 1)))))
  (local.set $logc (f64.reinterpret_i64
    (array.get $arr_i64 (local.get $t) (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))))
  ;; r = (z - chi - clo) * invc
  (local.set $r (f64.mul
    (f64.sub
      (f64.sub (local.get $z)
        (f64.reinterpret_i64 (array.get $arr_i64 (local.get $t2) (i32.shl (local.get $i) (i32.const 1)))))
      (f64.reinterpret_i64
        (array.get $arr_i64 (local.get $t2) (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))))
    (local.get $invc)))
  ;; w = kd * MM_LN2HI + logc
  (local.set $w (f64.add (f64.mul (local.get $kd) (f64.const 0x1.62e42fefa3800p-1)) (local.get $logc)))
  ;; hi = w + r
  (local.set $hi (f64.add (local.get $w) (local.get $r)))
  ;; lo = w - hi + r + kd * MM_LN2LO
  (local.set $lo (f64.add (f64.add (f64.sub (local.get $w) (local.get $hi)) (local.get $r)) (f64.mul (local.get $kd) (f64.const 0x1.ef35793c76730p-45))))
  ;; r2 = r * r
  (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
  ;; lo + r2 * MM_LOG_A0 + r * r2 * (MM_LOG_A1 + r * MM_LOG_A2 + r2 * (MM_LOG_A3 + r * MM_LOG_A4)) + hi
  (f64.add (f64.add (f64.add (local.get $lo) (f64.mul (local.get $r2) (f64.const -0x1.0000000000001p-1))) (f64.mul (f64.mul (local.get $r) (local.get $r2)) (f64.add (f64.add (f64.const 0x1.555555551305bp-2) (f64.mul (local.get $r) (f64.const -0x1.fffffffeb4590p-3))) (f64.mul (local.get $r2) (f64.add (f64.const 0x1.999b324f10111p-3) (f64.mul (local.get $r) (f64.const -0x1.55575e506c89fp-3))))))) (local.get $hi)))


(func $mochi_math_log2 (param $x f64) (result f64)
  (local $z f64)
  (local $r f64)
  (local $r2 f64)
  (local $r4 f64)
  (local $y f64)
  (local $invc f64)
  (local $logc f64)
  (local $kd f64)
  (local $hi f64)
  (local $lo f64)
  (local $t1 f64)
  (local $t2 f64)
  (local $t3 f64)
  (local $p f64)
  (local $rhi f64)
  (local $rlo f64)
  (local $ix i64)
  (local $tmp i64)
  (local $top i32)
  (local $i i32)
  (local $t (ref null $arr_i64))
  (local $tt (ref null $arr_i64))
  (local.set $ix (i64.reinterpret_f64 (local.get $x)))
  (local.set $top (i32.wrap_i64 (i64.shr_u (local.get $ix) (i64.const 48))))
  ;; 1 - 0x1.5b51p-5 <= x < 1 + 0x1.6ab2p-5
  (if (i64.lt_u (i64.sub (local.get $ix) (i64.const 0x3FEEA4AF00000000)) (i64.const 0x000210AA00000000))
    (then
      (if (i64.eq (local.get $ix) (i64.const 0x3FF0000000000000)) (then (return (f64.const 0))))
      ;; r = x - 1.0
      (local.set $r (f64.sub (local.get $x) (f64.const 1.0)))
      (local.set $rhi (call $mochi_math.head (local.get $r)))
      ;; rlo = r - rhi
      (local.set $rlo (f64.sub (local.get $r) (local.get $rhi)))
      ;; hi = rhi * MM_INVLN2HI
      (local.set $hi (f64.mul (local.get $rhi) (f64.const 0x1.7154765200000p+0)))
      ;; lo = rlo * MM_INVLN2HI + r * MM_INVLN2LO
      (local.set $lo (f64.add (f64.mul (local.get $rlo) (f64.const 0x1.7154765200000p+0)) (f64.mul (local.get $r) (f64.const 0x1.705fc2eefa200p-33))))
      ;; r2 = r * r
      (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
      ;; r4 = r2 * r2
      (local.set $r4 (f64.mul (local.get $r2) (local.get $r2)))
      ;; p = r2 * (MM_LOG2_B0 + r * MM_LOG2_B1)
      (local.set $p (f64.mul (local.get $r2) (f64.add (f64.const -0x1.71547652b82fep-1) (f64.mul (local.get $r) (f64.const 0x1.ec709dc3a03f7p-2)))))
      ;; y = hi + p
      (local.set $y (f64.add (local.get $hi) (local.get $p)))
      ;; lo = lo + (hi - y + p)
      (local.set $lo (f64.add (local.get $lo) (f64.add (f64.sub (local.get $hi) (local.get $y)) (local.get $p))))
      ;; lo = lo + r4 * (MM_LOG2_B2 + r * MM_LOG2_B3 + r2 * (MM_LOG2_B4 + r * MM_LOG2_B5) + r4 * (MM_LOG2_B6 + r * MM_LOG2_B7 + r2 * (MM_LOG2_B8 + r * MM_LOG2_B9)))
      (local.set $lo (f64.add (local.get $lo) (f64.mul (local.get $r4) (f64.add (f64.add (f64.add (f64.const -0x1.71547652b7c3fp-2) (f64.mul (local.get $r) (f64.const 0x1.2776c50f05be4p-2))) (f64.mul (local.get $r2) (f64.add (f64.const -0x1.ec709dd768fe5p-3) (f64.mul (local.get $r) (f64.const 0x1.a61761ec4e736p-3))))) (f64.mul (local.get $r4) (f64.add (f64.add (f64.const -0x1.7153fbc64a79bp-3) (f64.mul (local.get $r) (f64.const 0x1.484d154f01b4ap-3))) (f64.mul (local.get $r2) (f64.add (f64.const -0x1.289e4a72c383cp-3) (f64.mul (local.get $r) (f64.const 0x1.0b32f285aee66p-3))))))))))
      ;; y = y + lo
      (local.set $y (f64.add (local.get $y) (local.get $lo)))
      (return (local.get $y))))
  (if (i32.ge_u (i32.sub (local.get $top) (i32.const 0x0010)) (i32.const 0x7fe0))
    (then
      (if (i64.eqz (i64.shl (local.get $ix) (i64.const 1))) (then (return (f64.const -inf))))
      (if (i64.eq (local.get $ix) (i64.const 0x7FF0000000000000)) (then (return (local.get $x))))
      (if (i32.or (i32.ne (i32.and (local.get $top) (i32.const 0x8000)) (i32.const 0))
                  (i32.eq (i32.and (local.get $top) (i32.const 0x7ff0)) (i32.const 0x7ff0)))
        (then (return (call $mochi_math.invalid (local.get $x)))))
      (local.set $ix (i64.reinterpret_f64 (f64.mul (local.get $x) (f64.const 0x1p52))))
      (local.set $ix (i64.sub (local.get $ix) (i64.const 0x0340000000000000)))))
  (local.set $tmp (i64.sub (local.get $ix) (i64.const 0x3FE6000000000000)))
  (local.set $i (i32.wrap_i64 (i64.and (i64.shr_u (local.get $tmp) (i64.const 46)) (i64.const 63))))
  (local.set $kd (f64.convert_i64_s (i64.shr_s (local.get $tmp) (i64.const 52))))
  (local.set $z (f64.reinterpret_i64
    (i64.sub (local.get $ix) (i64.and (local.get $tmp) (i64.const 0xFFF0000000000000)))))
  (local.set $t (call $mochi_math.log2_table))
  (local.set $tt (call $mochi_math.log2_table2))
  (local.set $invc (f64.reinterpret_i64 (array.get $arr_i64 (local.get $t) (i32.shl (local.get $i) (i32.const 1)))))
  (local.set $logc (f64.reinterpret_i64
    (array.get $arr_i64 (local.get $t) (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))))
  ;; r = (z - chi - clo) * invc
  (local.set $r (f64.mul
    (f64.sub
      (f64.sub (local.get $z)
        (f64.reinterpret_i64 (array.get $arr_i64 (local.get $tt) (i32.shl (local.get $i) (i32.const 1)))))
      (f64.reinterpret_i64
        (array.get $arr_i64 (local.get $tt) (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1)))))
    (local.get $invc)))
  (local.set $rhi (call $mochi_math.head (local.get $r)))
  ;; rlo = r - rhi
  (local.set $rlo (f64.sub (local.get $r) (local.get $rhi)))
  ;; t1 = rhi * MM_INVLN2HI
  (local.set $t1 (f64.mul (local.get $rhi) (f64.const 0x1.7154765200000p+0)))
  ;; t2 = rlo * MM_INVLN2HI + r * MM_INVLN2LO
  (local.set $t2 (f64.add (f64.mul (local.get $rlo) (f64.const 0x1.7154765200000p+0)) (f64.mul (local.get $r) (f64.const 0x1.705fc2eefa200p-33))))
  ;; t3 = kd + logc
  (local.set $t3 (f64.add (local.get $kd) (local.get $logc)))
  ;; hi = t3 + t1
  (local.set $hi (f64.add (local.get $t3) (local.get $t1)))
  ;; lo = t3 - hi + t1 + t2
  (local.set $lo (f64.add (f64.add (f64.sub (local.get $t3) (local.get $hi)) (local.get $t1)) (local.get $t2)))
  ;; r2 = r * r
  (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
  ;; r4 = r2 * r2
  (local.set $r4 (f64.mul (local.get $r2) (local.get $r2)))
  ;; p = MM_LOG2_A0 + r * MM_LOG2_A1 + r2 * (MM_LOG2_A2 + r * MM_LOG2_A3) + r4 * (MM_LOG2_A4 + r * MM_LOG2_A5)
  (local.set $p (f64.add (f64.add (f64.add (f64.const -0x1.71547652b8339p-1) (f64.mul (local.get $r) (f64.const 0x1.ec709dc3a04bep-2))) (f64.mul (local.get $r2) (f64.add (f64.const -0x1.7154764702ffbp-2) (f64.mul (local.get $r) (f64.const 0x1.2776c50034c48p-2))))) (f64.mul (local.get $r4) (f64.add (f64.const -0x1.ec7b328ea92bcp-3) (f64.mul (local.get $r) (f64.const 0x1.a6225e117f92ep-3))))))
  ;; lo + r2 * p + hi
  (f64.add (f64.add (local.get $lo) (f64.mul (local.get $r2) (local.get $p))) (local.get $hi)))


;; pow's log(x) tail (the second result of $mochi_math.pow_log)
(global $mochi_math.tail (mut f64) (f64.const 0))

;; log(x) = result + $mochi_math.tail to about 68 bits; ix is x's bits (mm_pow_log)
(func $mochi_math.pow_log (param $ix i64) (result f64)
  (local $z f64)
  (local $r f64)
  (local $y f64)
  (local $invc f64)
  (local $logc f64)
  (local $logctail f64)
  (local $kd f64)
  (local $hi f64)
  (local $t1 f64)
  (local $t2 f64)
  (local $lo f64)
  (local $lo1 f64)
  (local $lo2 f64)
  (local $p f64)
  (local $zhi f64)
  (local $zlo f64)
  (local $rhi f64)
  (local $rlo f64)
  (local $ar f64)
  (local $ar2 f64)
  (local $ar3 f64)
  (local $lo3 f64)
  (local $lo4 f64)
  (local $arhi f64)
  (local $arhi2 f64)
  (local $iz i64)
  (local $tmp i64)
  (local $i i32)
  (local $t (ref null $arr_i64))
  (local.set $tmp (i64.sub (local.get $ix) (i64.const 0x3FE6955500000000)))
  (local.set $i (i32.wrap_i64 (i64.and (i64.shr_u (local.get $tmp) (i64.const 45)) (i64.const 127))))
  (local.set $kd (f64.convert_i64_s (i64.shr_s (local.get $tmp) (i64.const 52))))
  (local.set $iz (i64.sub (local.get $ix) (i64.and (local.get $tmp) (i64.const 0xFFF0000000000000))))
  (local.set $z (f64.reinterpret_i64 (local.get $iz)))
  (local.set $t (call $mochi_math.pow_table))
  (local.set $invc (f64.reinterpret_i64 (array.get $arr_i64 (local.get $t) (i32.mul (local.get $i) (i32.const 3)))))
  (local.set $logc (f64.reinterpret_i64
    (array.get $arr_i64 (local.get $t) (i32.add (i32.mul (local.get $i) (i32.const 3)) (i32.const 1)))))
  (local.set $logctail (f64.reinterpret_i64
    (array.get $arr_i64 (local.get $t) (i32.add (i32.mul (local.get $i) (i32.const 3)) (i32.const 2)))))
  ;; split z so that rhi, rlo and rhi*rhi are exact
  (local.set $zhi (f64.reinterpret_i64
    (i64.and (i64.add (local.get $iz) (i64.const 0x80000000)) (i64.const 0xFFFFFFFF00000000))))
  ;; zlo = z - zhi
  (local.set $zlo (f64.sub (local.get $z) (local.get $zhi)))
  ;; rhi = zhi * invc - 1.0
  (local.set $rhi (f64.sub (f64.mul (local.get $zhi) (local.get $invc)) (f64.const 1.0)))
  ;; rlo = zlo * invc
  (local.set $rlo (f64.mul (local.get $zlo) (local.get $invc)))
  ;; r = rhi + rlo
  (local.set $r (f64.add (local.get $rhi) (local.get $rlo)))
  ;; t1 = kd * MM_LN2HI + logc
  (local.set $t1 (f64.add (f64.mul (local.get $kd) (f64.const 0x1.62e42fefa3800p-1)) (local.get $logc)))
  ;; t2 = t1 + r
  (local.set $t2 (f64.add (local.get $t1) (local.get $r)))
  ;; lo1 = kd * MM_LN2LO + logctail
  (local.set $lo1 (f64.add (f64.mul (local.get $kd) (f64.const 0x1.ef35793c76730p-45)) (local.get $logctail)))
  ;; lo2 = t1 - t2 + r
  (local.set $lo2 (f64.add (f64.sub (local.get $t1) (local.get $t2)) (local.get $r)))
  ;; ar = MM_POW_A0 * r
  (local.set $ar (f64.mul (f64.const -0x1.0000000000000p-1) (local.get $r)))
  ;; ar2 = r * ar
  (local.set $ar2 (f64.mul (local.get $r) (local.get $ar)))
  ;; ar3 = r * ar2
  (local.set $ar3 (f64.mul (local.get $r) (local.get $ar2)))
  ;; arhi = MM_POW_A0 * rhi
  (local.set $arhi (f64.mul (f64.const -0x1.0000000000000p-1) (local.get $rhi)))
  ;; arhi2 = rhi * arhi
  (local.set $arhi2 (f64.mul (local.get $rhi) (local.get $arhi)))
  ;; hi = t2 + arhi2
  (local.set $hi (f64.add (local.get $t2) (local.get $arhi2)))
  ;; lo3 = rlo * (ar + arhi)
  (local.set $lo3 (f64.mul (local.get $rlo) (f64.add (local.get $ar) (local.get $arhi))))
  ;; lo4 = t2 - hi + arhi2
  (local.set $lo4 (f64.add (f64.sub (local.get $t2) (local.get $hi)) (local.get $arhi2)))
  ;; p = ar3 * (MM_POW_A1 + r * MM_POW_A2 + ar2 * (MM_POW_A3 + r * MM_POW_A4 + ar2 * (MM_POW_A5 + r * MM_POW_A6)))
  (local.set $p (f64.mul (local.get $ar3) (f64.add (f64.add (f64.const -0x1.5555555555560p-1) (f64.mul (local.get $r) (f64.const 0x1.0000000000006p-1))) (f64.mul (local.get $ar2) (f64.add (f64.add (f64.const 0x1.999999959554ep-1) (f64.mul (local.get $r) (f64.const -0x1.555555529a47ap-1))) (f64.mul (local.get $ar2) (f64.add (f64.const -0x1.2495b9b4845e9p+0) (f64.mul (local.get $r) (f64.const 0x1.0002b8b263fc3p+0)))))))))
  ;; lo = lo1 + lo2 + lo3 + lo4 + p
  (local.set $lo (f64.add (f64.add (f64.add (f64.add (local.get $lo1) (local.get $lo2)) (local.get $lo3)) (local.get $lo4)) (local.get $p)))
  ;; y = hi + lo
  (local.set $y (f64.add (local.get $hi) (local.get $lo)))
  ;; hi - y + lo
  (global.set $mochi_math.tail (f64.add (f64.sub (local.get $hi) (local.get $y)) (local.get $lo)))
  (local.get $y))

;; sign * exp(x + xtail); sign_bias 0 or 0x40000 (mm_pow_exp)
(func $mochi_math.pow_exp (param $x f64) (param $xtail f64) (param $sign_bias i64) (result f64)
  (local $abstop i32)
  (local $ki i64)
  (local $idx i32)
  (local $sbits i64)
  (local $kd f64)
  (local $z f64)
  (local $r f64)
  (local $r2 f64)
  (local $scale f64)
  (local $tail f64)
  (local $tmp f64)
  (local $one f64)
  (local $t (ref null $arr_i64))
  (local.set $abstop
    (i32.and (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 52))) (i32.const 0x7ff)))
  (if (i32.ge_u (i32.sub (local.get $abstop) (i32.const 0x3c9)) (i32.const 0x3f))
    (then
      (if (i32.ge_u (i32.sub (local.get $abstop) (i32.const 0x3c9)) (i32.const 0x80000000))
        (then
          (local.set $one (f64.add (f64.const 1) (local.get $x)))
          (return (if (result f64) (i64.eqz (local.get $sign_bias))
            (then (local.get $one)) (else (f64.neg (local.get $one)))))))
      (if (i32.ge_u (local.get $abstop) (i32.const 0x409))
        (then
          (if (i64.lt_s (i64.reinterpret_f64 (local.get $x)) (i64.const 0))
            (then (return (if (result f64) (i64.eqz (local.get $sign_bias))
              (then (f64.const 0)) (else (f64.const -0))))))
          (return (if (result f64) (i64.eqz (local.get $sign_bias))
            (then (f64.const inf)) (else (f64.const -inf))))))
      (local.set $abstop (i32.const 0))))
  ;; z = MM_EXP_INVLN2N * x
  (local.set $z (f64.mul (f64.const 0x1.71547652b82fep+7) (local.get $x)))
  ;; kd = z + MM_EXP_SHIFT
  (local.set $kd (f64.add (local.get $z) (f64.const 0x1.8p52)))
  (local.set $ki (i64.reinterpret_f64 (local.get $kd)))
  ;; kd = kd - MM_EXP_SHIFT
  (local.set $kd (f64.sub (local.get $kd) (f64.const 0x1.8p52)))
  ;; r = x + kd * MM_EXP_NEGLN2HIN + kd * MM_EXP_NEGLN2LON
  (local.set $r (f64.add (f64.add (local.get $x) (f64.mul (local.get $kd) (f64.const -0x1.62e42fefa0000p-8))) (f64.mul (local.get $kd) (f64.const -0x1.cf79abc9e3b3ap-47))))
  ;; r = r + xtail
  (local.set $r (f64.add (local.get $r) (local.get $xtail)))
  (local.set $idx (i32.shl (i32.wrap_i64 (i64.and (local.get $ki) (i64.const 127))) (i32.const 1)))
  (local.set $t (call $mochi_math.exp_table))
  (local.set $tail (f64.reinterpret_i64 (array.get $arr_i64 (local.get $t) (local.get $idx))))
  (local.set $sbits
    (i64.add (array.get $arr_i64 (local.get $t) (i32.add (local.get $idx) (i32.const 1)))
      (i64.shl (i64.add (local.get $ki) (local.get $sign_bias)) (i64.const 45))))
  ;; r2 = r * r
  (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
  ;; tmp = tail + r + r2 * (MM_EXP_C2 + r * MM_EXP_C3) + r2 * r2 * (MM_EXP_C4 + r * MM_EXP_C5)
  (local.set $tmp (f64.add (f64.add (f64.add (local.get $tail) (local.get $r)) (f64.mul (local.get $r2) (f64.add (f64.const 0x1.ffffffffffdbdp-2) (f64.mul (local.get $r) (f64.const 0x1.555555555543cp-3))))) (f64.mul (f64.mul (local.get $r2) (local.get $r2)) (f64.add (f64.const 0x1.55555cf172b91p-5) (f64.mul (local.get $r) (f64.const 0x1.1111167a4d017p-7))))))
  (if (i32.eqz (local.get $abstop))
    (then (return (call $mochi_math.exp_special (local.get $tmp) (local.get $sbits) (local.get $ki)))))
  (local.set $scale (f64.reinterpret_i64 (local.get $sbits)))
  ;; scale + scale * tmp
  (f64.add (local.get $scale) (f64.mul (local.get $scale) (local.get $tmp))))

;; 0: iy (a non-zero finite double's bits) not an integer, 1: odd, 2: even
(func $mochi_math.checkint (param $iy i64) (result i32)
  (local $e i32)
  (local.set $e (i32.and (i32.wrap_i64 (i64.shr_u (local.get $iy) (i64.const 52))) (i32.const 0x7ff)))
  (if (i32.lt_s (local.get $e) (i32.const 0x3ff)) (then (return (i32.const 0))))
  (if (i32.gt_s (local.get $e) (i32.const 0x433)) (then (return (i32.const 2))))
  (if (i64.ne (i64.and (local.get $iy)
                (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.sub (i32.const 0x433) (local.get $e)))) (i64.const 1)))
              (i64.const 0))
    (then (return (i32.const 0))))
  (if (i64.ne (i64.and (local.get $iy) (i64.shl (i64.const 1) (i64.extend_i32_u (i32.sub (i32.const 0x433) (local.get $e)))))
              (i64.const 0))
    (then (return (i32.const 1))))
  (i32.const 2))

;; i is the bits of 0, inf or NaN
(func $mochi_math.zeroinfnan (param $i i64) (result i32)
  (i64.ge_u (i64.sub (i64.shl (local.get $i) (i64.const 1)) (i64.const 1)) (i64.const 0xFFDFFFFFFFFFFFFF)))

(func $mochi_math.issignaling (param $x f64) (result i32)
  (i64.gt_u (i64.shl (i64.xor (i64.reinterpret_f64 (local.get $x)) (i64.const 0x0008000000000000)) (i64.const 1))
            (i64.const 0xFFF0000000000000)))

(func $mochi_math_pow (param $x f64) (param $y f64) (result f64)
  (local $sign_bias i64)
  (local $ix i64)
  (local $iy i64)
  (local $topx i32)
  (local $topy i32)
  (local $yint i32)
  (local $x2 f64)
  (local $lo f64)
  (local $hi f64)
  (local $ehi f64)
  (local $elo f64)
  (local $yhi f64)
  (local $ylo f64)
  (local $lhi f64)
  (local $llo f64)
  (local.set $ix (i64.reinterpret_f64 (local.get $x)))
  (local.set $iy (i64.reinterpret_f64 (local.get $y)))
  (local.set $topx (i32.wrap_i64 (i64.shr_u (local.get $ix) (i64.const 52))))
  (local.set $topy (i32.wrap_i64 (i64.shr_u (local.get $iy) (i64.const 52))))
  (if (i32.or (i32.ge_u (i32.sub (local.get $topx) (i32.const 1)) (i32.const 0x7fe))
              (i32.ge_u (i32.sub (i32.and (local.get $topy) (i32.const 0x7ff)) (i32.const 0x3be)) (i32.const 0x80)))
    (then
      ;; x < 2^-1022, x <= 0, inf or NaN; or |y| < 2^-65, |y| >= 2^63 or NaN
      (if (call $mochi_math.zeroinfnan (local.get $iy))
        (then
          (if (i64.eqz (i64.shl (local.get $iy) (i64.const 1)))
            (then (return (if (result f64) (call $mochi_math.issignaling (local.get $x))
              (then (call $mochi_math.nan2 (local.get $x) (local.get $y))) (else (f64.const 1))))))
          (if (i64.eq (local.get $ix) (i64.const 0x3FF0000000000000))
            (then (return (if (result f64) (call $mochi_math.issignaling (local.get $y))
              (then (call $mochi_math.nan2 (local.get $x) (local.get $y))) (else (f64.const 1))))))
          (if (i32.or (i64.gt_u (i64.shl (local.get $ix) (i64.const 1)) (i64.const 0xFFE0000000000000))
                      (i64.gt_u (i64.shl (local.get $iy) (i64.const 1)) (i64.const 0xFFE0000000000000)))
            (then (return (call $mochi_math.nan2 (local.get $x) (local.get $y)))))
          (if (i64.eq (i64.shl (local.get $ix) (i64.const 1)) (i64.const 0x7FE0000000000000))
            (then (return (f64.const 1))))
          ;; |x| < 1 && y == inf, or |x| > 1 && y == -inf: 0
          (if (i32.eq (i64.lt_u (i64.shl (local.get $ix) (i64.const 1)) (i64.const 0x7FE0000000000000))
                      (i64.ge_s (local.get $iy) (i64.const 0)))
            (then (return (f64.const 0))))
          (return (f64.mul (local.get $y) (local.get $y)))))
      (if (call $mochi_math.zeroinfnan (local.get $ix))
        (then
          (if (f64.ne (local.get $x) (local.get $x))
            (then
              ;; x * x's bits, made explicitly: x quieted, its sign flipped when x is
              ;; negative and y an odd integer (then 1/x2 keeps the NaN)
              (local.set $x2 (call $mochi_math.quiet (local.get $x)))
              (if (i32.and (i64.lt_s (local.get $ix) (i64.const 0))
                           (i32.eq (call $mochi_math.checkint (local.get $iy)) (i32.const 1)))
                (then (local.set $x2 (f64.neg (local.get $x2)))))
              (return (local.get $x2))))
          (local.set $x2 (f64.mul (local.get $x) (local.get $x)))
          (if (i32.and (i64.lt_s (local.get $ix) (i64.const 0))
                       (i32.eq (call $mochi_math.checkint (local.get $iy)) (i32.const 1)))
            (then (local.set $x2 (f64.neg (local.get $x2)))))
          (return (if (result f64) (i64.lt_s (local.get $iy) (i64.const 0))
            (then (f64.div (f64.const 1) (local.get $x2))) (else (local.get $x2))))))
      ;; x and y are non-zero finite
      (if (i64.lt_s (local.get $ix) (i64.const 0))
        (then
          ;; x < 0
          (local.set $yint (call $mochi_math.checkint (local.get $iy)))
          (if (i32.eqz (local.get $yint)) (then (return (call $mochi_math.invalid (local.get $x)))))
          (if (i32.eq (local.get $yint) (i32.const 1)) (then (local.set $sign_bias (i64.const 0x40000))))
          (local.set $ix (i64.and (local.get $ix) (i64.const 0x7FFFFFFFFFFFFFFF)))
          (local.set $topx (i32.and (local.get $topx) (i32.const 0x7ff)))))
      (if (i32.ge_u (i32.sub (i32.and (local.get $topy) (i32.const 0x7ff)) (i32.const 0x3be)) (i32.const 0x80))
        (then
          ;; sign_bias is 0 here: y is not odd
          (if (i64.eq (local.get $ix) (i64.const 0x3FF0000000000000)) (then (return (f64.const 1))))
          (if (i32.lt_u (i32.and (local.get $topy) (i32.const 0x7ff)) (i32.const 0x3be))
            (then (return (if (result f64) (i64.gt_u (local.get $ix) (i64.const 0x3FF0000000000000))
              (then (f64.add (f64.const 1) (local.get $y))) (else (f64.sub (f64.const 1) (local.get $y)))))))
          (return (if (result f64) (i32.eq (i64.gt_u (local.get $ix) (i64.const 0x3FF0000000000000))
                                           (i32.lt_u (local.get $topy) (i32.const 0x800)))
            (then (f64.const inf)) (else (f64.const 0))))))
      (if (i32.eqz (local.get $topx))
        (then
          ;; subnormal x: normalize, the exponent becomes negative
          (local.set $ix (i64.and (i64.reinterpret_f64 (f64.mul (local.get $x) (f64.const 0x1p52)))
                                  (i64.const 0x7FFFFFFFFFFFFFFF)))
          (local.set $ix (i64.sub (local.get $ix) (i64.const 0x0340000000000000)))))))
  (local.set $hi (call $mochi_math.pow_log (local.get $ix)))
  (local.set $lo (global.get $mochi_math.tail))
  (local.set $yhi (f64.reinterpret_i64 (i64.and (local.get $iy) (i64.const 0xFFFFFFFFF8000000))))
  ;; ylo = y - yhi
  (local.set $ylo (f64.sub (local.get $y) (local.get $yhi)))
  (local.set $lhi (f64.reinterpret_i64 (i64.and (i64.reinterpret_f64 (local.get $hi)) (i64.const 0xFFFFFFFFF8000000))))
  ;; llo = hi - lhi + lo
  (local.set $llo (f64.add (f64.sub (local.get $hi) (local.get $lhi)) (local.get $lo)))
  ;; ehi = yhi * lhi
  (local.set $ehi (f64.mul (local.get $yhi) (local.get $lhi)))
  ;; elo = ylo * lhi + y * llo
  (local.set $elo (f64.add (f64.mul (local.get $ylo) (local.get $lhi)) (f64.mul (local.get $y) (local.get $llo))))
  (call $mochi_math.pow_exp (local.get $ehi) (local.get $elo) (local.get $sign_bias)))

;; ---- sin, cos, tan (fdlibm kernels, FreeBSD msun's argument reduction) ----


;; sin(x + y) on [-pi/4, pi/4]; iy == 0: y is 0
(func $mochi_math.kernel_sin (param $x f64) (param $y f64) (param $iy i32) (result f64)
  (local $z f64)
  (local $r f64)
  (local $v f64)
  (local $w f64)
  ;; z = x * x
  (local.set $z (f64.mul (local.get $x) (local.get $x)))
  ;; w = z * z
  (local.set $w (f64.mul (local.get $z) (local.get $z)))
  ;; r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6)
  (local.set $r (f64.add (f64.add (f64.const 0x1.111111110f8a6p-7) (f64.mul (local.get $z) (f64.add (f64.const -0x1.a01a019c161d5p-13) (f64.mul (local.get $z) (f64.const 0x1.71de357b1fe7dp-19))))) (f64.mul (f64.mul (local.get $z) (local.get $w)) (f64.add (f64.const -0x1.ae5e68a2b9cebp-26) (f64.mul (local.get $z) (f64.const 0x1.5d93a5acfd57cp-33))))))
  ;; v = z * x
  (local.set $v (f64.mul (local.get $z) (local.get $x)))
  ;; x + v * (S1 + z * r)
  (if (i32.eqz (local.get $iy)) (then (return (f64.add (local.get $x) (f64.mul (local.get $v) (f64.add (f64.const -0x1.5555555555549p-3) (f64.mul (local.get $z) (local.get $r))))))))
  ;; x - ((z * (0.5 * y - v * r) - y) - v * S1)
  (f64.sub (local.get $x) (f64.sub (f64.sub (f64.mul (local.get $z) (f64.sub (f64.mul (f64.const 0.5) (local.get $y)) (f64.mul (local.get $v) (local.get $r)))) (local.get $y)) (f64.mul (local.get $v) (f64.const -0x1.5555555555549p-3)))))


;; cos(x + y) on [-pi/4, pi/4]
(func $mochi_math.kernel_cos (param $x f64) (param $y f64) (result f64)
  (local $hz f64)
  (local $z f64)
  (local $r f64)
  (local $w f64)
  ;; z = x * x
  (local.set $z (f64.mul (local.get $x) (local.get $x)))
  ;; w = z * z
  (local.set $w (f64.mul (local.get $z) (local.get $z)))
  ;; r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6))
  (local.set $r (f64.add (f64.mul (local.get $z) (f64.add (f64.const 0x1.555555555554cp-5) (f64.mul (local.get $z) (f64.add (f64.const -0x1.6c16c16c15177p-10) (f64.mul (local.get $z) (f64.const 0x1.a01a019cb1590p-16)))))) (f64.mul (f64.mul (local.get $w) (local.get $w)) (f64.add (f64.const -0x1.27e4f809c52adp-22) (f64.mul (local.get $z) (f64.add (f64.const 0x1.1ee9ebdb4b1c4p-29) (f64.mul (local.get $z) (f64.const -0x1.8fae9be8838d4p-37))))))))
  ;; hz = 0.5 * z
  (local.set $hz (f64.mul (f64.const 0.5) (local.get $z)))
  ;; w = 1.0 - hz
  (local.set $w (f64.sub (f64.const 1.0) (local.get $hz)))
  ;; w + (((1.0 - w) - hz) + (z * r - x * y))
  (f64.add (local.get $w) (f64.add (f64.sub (f64.sub (f64.const 1.0) (local.get $w)) (local.get $hz)) (f64.sub (f64.mul (local.get $z) (local.get $r)) (f64.mul (local.get $x) (local.get $y))))))


;; tan(x + y) on [-pi/4, pi/4] (iy 1), or -1/tan(x + y) (iy -1)
(func $mochi_math.kernel_tan (param $x f64) (param $y f64) (param $iy i32) (result f64)
  (local $z f64)
  (local $r f64)
  (local $v f64)
  (local $w f64)
  (local $s f64)
  (local $a f64)
  (local $t f64)
  (local $hx i32)
  (local $ix i32)
  (local.set $hx (call $mochi_math.hi (local.get $x)))
  (local.set $ix (i32.and (local.get $hx) (i32.const 0x7fffffff)))
  (if (i32.ge_s (local.get $ix) (i32.const 0x3FE59428))
    (then
      ;; |x| >= 0.6744: tan(pi/4 - x) instead
      (if (i32.lt_s (local.get $hx) (i32.const 0))
        (then
          (local.set $x (f64.neg (local.get $x)))
          (local.set $y (f64.neg (local.get $y)))))
      ;; z = pio4 - x
      (local.set $z (f64.sub (f64.const 0x1.921fb54442d18p-1) (local.get $x)))
      ;; w = pio4lo - y
      (local.set $w (f64.sub (f64.const 0x1.1a62633145c07p-55) (local.get $y)))
      ;; x = z + w
      (local.set $x (f64.add (local.get $z) (local.get $w)))
      (local.set $y (f64.const 0))))
  ;; z = x * x
  (local.set $z (f64.mul (local.get $x) (local.get $x)))
  ;; w = z * z
  (local.set $w (f64.mul (local.get $z) (local.get $z)))
  ;; r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] + w * T[11]))))
  (local.set $r (f64.add (f64.const 0x1.111111110fe7ap-3) (f64.mul (local.get $w) (f64.add (f64.const 0x1.664f48406d637p-6) (f64.mul (local.get $w) (f64.add (f64.const 0x1.d6d22c9560328p-9) (f64.mul (local.get $w) (f64.add (f64.const 0x1.344d8f2f26501p-11) (f64.mul (local.get $w) (f64.add (f64.const 0x1.47e88a03792a6p-14) (f64.mul (local.get $w) (f64.const -0x1.375cbdb605373p-16))))))))))))
  ;; v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] + w * T[12])))))
  (local.set $v (f64.mul (local.get $z) (f64.add (f64.const 0x1.ba1ba1bb341fep-5) (f64.mul (local.get $w) (f64.add (f64.const 0x1.226e3e96e8493p-7) (f64.mul (local.get $w) (f64.add (f64.const 0x1.7dbc8fee08315p-10) (f64.mul (local.get $w) (f64.add (f64.const 0x1.026f71a8d1068p-12) (f64.mul (local.get $w) (f64.add (f64.const 0x1.2b80f32f0a7e9p-14) (f64.mul (local.get $w) (f64.const 0x1.b2a7074bf7ad4p-16)))))))))))))
  ;; s = z * x
  (local.set $s (f64.mul (local.get $z) (local.get $x)))
  ;; r = y + z * (s * (r + v) + y)
  (local.set $r (f64.add (local.get $y) (f64.mul (local.get $z) (f64.add (f64.mul (local.get $s) (f64.add (local.get $r) (local.get $v))) (local.get $y)))))
  ;; r = r + T[0] * s
  (local.set $r (f64.add (local.get $r) (f64.mul (f64.const 0x1.5555555555563p-2) (local.get $s))))
  ;; w = x + r
  (local.set $w (f64.add (local.get $x) (local.get $r)))
  (if (i32.ge_s (local.get $ix) (i32.const 0x3FE59428))
    (then
      (local.set $v (f64.convert_i32_s (local.get $iy)))
      ;; (1 - ((hx >> 30) & 2)) * (v - 2.0 * (x - (w * w / (w + v) - r)))
      (return (f64.mul
        (f64.convert_i32_s (i32.sub (i32.const 1) (i32.and (i32.shr_s (local.get $hx) (i32.const 30)) (i32.const 2))))
        ;; v - 2.0 * (x - (w * w / (w + v) - r))
        (f64.sub (local.get $v) (f64.mul (f64.const 2.0) (f64.sub (local.get $x) (f64.sub (f64.div (f64.mul (local.get $w) (local.get $w)) (f64.add (local.get $w) (local.get $v))) (local.get $r)))))))))
  (if (i32.eq (local.get $iy) (i32.const 1)) (then (return (local.get $w))))
  ;; -1/(x + r), accurately
  (local.set $z (call $mochi_math.head (local.get $w)))
  ;; v = r - (z - x)
  (local.set $v (f64.sub (local.get $r) (f64.sub (local.get $z) (local.get $x))))
  ;; a = -1.0 / w
  (local.set $a (f64.div (f64.const -1.0) (local.get $w)))
  (local.set $t (call $mochi_math.head (local.get $a)))
  ;; s = 1.0 + t * z
  (local.set $s (f64.add (f64.const 1.0) (f64.mul (local.get $t) (local.get $z))))
  ;; t + a * (s + t * v)
  (f64.add (local.get $t) (f64.mul (local.get $a) (f64.add (local.get $s) (f64.mul (local.get $t) (local.get $v))))))

;; Payne-Hanek (fdlibm's __kernel_rem_pio2, double precision): $xs holds the input's
;; 24-bit pieces (the first scaled by 2^e0); sets $mochi_math.y0/.y1 to the input
;; minus n*pi/2 and returns n mod 8. Works in fresh arrays (this is the rare path).
(func $mochi_math.kernel_rem_pio2 (param $xs (ref $arr_f64)) (param $e0 i32) (param $nx i32) (result i32)
  (local $jz i32)
  (local $jx i32)
  (local $jv i32)
  (local $carry i32)
  (local $n i32)
  (local $i i32)
  (local $j i32)
  (local $k i32)
  (local $m i32)
  (local $q0 i32)
  (local $ih i32)
  (local $z f64)
  (local $fw f64)
  (local $iq (ref null $arr_i32))
  (local $f (ref null $arr_f64))
  (local $fq (ref null $arr_f64))
  (local $q (ref null $arr_f64))
  (local $ipio2 (ref null $arr_i32))
  (local $pio2 (ref null $arr_f64))
  (local.set $iq (array.new $arr_i32 (i32.const 0) (i32.const 20)))
  (local.set $f (array.new $arr_f64 (f64.const 0) (i32.const 20)))
  (local.set $fq (array.new $arr_f64 (f64.const 0) (i32.const 20)))
  (local.set $q (array.new $arr_f64 (f64.const 0) (i32.const 20)))
  (local.set $ipio2 (call $mochi_math.ipio2_table))
  (local.set $pio2 (call $mochi_math.pio2_table))
  (local.set $jx (i32.sub (local.get $nx) (i32.const 1)))
  (local.set $jv (i32.div_s (i32.sub (local.get $e0) (i32.const 3)) (i32.const 24)))
  (if (i32.lt_s (local.get $jv) (i32.const 0)) (then (local.set $jv (i32.const 0))))
  (local.set $q0 (i32.sub (local.get $e0) (i32.mul (i32.const 24) (i32.add (local.get $jv) (i32.const 1)))))
  ;; f[0 .. jx+jk] = ipio2[jv-jx .. jv+jk]
  (local.set $j (i32.sub (local.get $jv) (local.get $jx)))
  (local.set $m (i32.add (local.get $jx) (i32.const 4)))
  (local.set $i (i32.const 0))
  (block $done
    (loop $fill
      (br_if $done (i32.gt_s (local.get $i) (local.get $m)))
      (array.set $arr_f64 (local.get $f) (local.get $i)
        (if (result f64) (i32.lt_s (local.get $j) (i32.const 0))
          (then (f64.const 0))
          (else (f64.convert_i32_s (array.get $arr_i32 (local.get $ipio2) (local.get $j))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $fill)))
  ;; q[i] = sum x[j] * f[jx + i - j], i in [0, jk]
  (local.set $i (i32.const 0))
  (block $done
    (loop $rows
      (br_if $done (i32.gt_s (local.get $i) (i32.const 4)))
      (array.set $arr_f64 (local.get $q) (local.get $i)
        (call $mochi_math.rem_pio2_dot (local.get $xs) (local.get $f) (local.get $jx) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rows)))
  (local.set $jz (i32.const 4))
  (loop $recompute
    ;; distill q[] into iq[] in reverse
    (local.set $i (i32.const 0))
    (local.set $j (local.get $jz))
    (local.set $z (array.get $arr_f64 (local.get $q) (local.get $jz)))
    (block $done
      (loop $distill
        (br_if $done (i32.le_s (local.get $j) (i32.const 0)))
        (local.set $fw (f64.convert_i32_s (i32.trunc_sat_f64_s (f64.mul (f64.const 0x1p-24) (local.get $z)))))
        (array.set $arr_i32 (local.get $iq) (local.get $i)
          ;; z - 0x1p24 * fw
          (i32.trunc_sat_f64_s (f64.sub (local.get $z) (f64.mul (f64.const 0x1p24) (local.get $fw)))))
        (local.set $z (f64.add (array.get $arr_f64 (local.get $q) (i32.sub (local.get $j) (i32.const 1))) (local.get $fw)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $distill)))
    (local.set $z (call $mochi_math.scalbn (local.get $z) (local.get $q0)))
    ;; trim off the integer part >= 8
    ;; z - 8.0 * floor(z * 0.125)
    (local.set $z (f64.sub (local.get $z) (f64.mul (f64.const 8.0) (f64.floor (f64.mul (local.get $z) (f64.const 0.125))))))
    (local.set $n (i32.trunc_sat_f64_s (local.get $z)))
    (local.set $z (f64.sub (local.get $z) (f64.convert_i32_s (local.get $n))))
    (local.set $ih (i32.const 0))
    (if (i32.gt_s (local.get $q0) (i32.const 0))
      (then
        ;; iq[jz-1] holds bits of n
        (local.set $i (i32.shr_s (array.get $arr_i32 (local.get $iq) (i32.sub (local.get $jz) (i32.const 1)))
                                 (i32.sub (i32.const 24) (local.get $q0))))
        (local.set $n (i32.add (local.get $n) (local.get $i)))
        (array.set $arr_i32 (local.get $iq) (i32.sub (local.get $jz) (i32.const 1))
          (i32.sub (array.get $arr_i32 (local.get $iq) (i32.sub (local.get $jz) (i32.const 1)))
                   (i32.shl (local.get $i) (i32.sub (i32.const 24) (local.get $q0)))))
        (local.set $ih (i32.shr_s (array.get $arr_i32 (local.get $iq) (i32.sub (local.get $jz) (i32.const 1)))
                                  (i32.sub (i32.const 23) (local.get $q0)))))
      (else
        (if (i32.eqz (local.get $q0))
          (then (local.set $ih (i32.shr_s (array.get $arr_i32 (local.get $iq) (i32.sub (local.get $jz) (i32.const 1)))
                                          (i32.const 23))))
          (else (if (f64.ge (local.get $z) (f64.const 0.5)) (then (local.set $ih (i32.const 2))))))))
    (if (i32.gt_s (local.get $ih) (i32.const 0))
      (then
        ;; q >= 0.5: use q - 1
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $carry (i32.const 0))
        (local.set $i (i32.const 0))
        (block $done
          (loop $complement
            (br_if $done (i32.ge_s (local.get $i) (local.get $jz)))
            (local.set $j (array.get $arr_i32 (local.get $iq) (local.get $i)))
            (if (i32.eqz (local.get $carry))
              (then
                (if (i32.ne (local.get $j) (i32.const 0))
                  (then
                    (local.set $carry (i32.const 1))
                    (array.set $arr_i32 (local.get $iq) (local.get $i) (i32.sub (i32.const 0x1000000) (local.get $j))))))
              (else (array.set $arr_i32 (local.get $iq) (local.get $i) (i32.sub (i32.const 0xffffff) (local.get $j)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $complement)))
        (if (i32.eq (local.get $q0) (i32.const 1))
          (then (array.set $arr_i32 (local.get $iq) (i32.sub (local.get $jz) (i32.const 1))
            (i32.and (array.get $arr_i32 (local.get $iq) (i32.sub (local.get $jz) (i32.const 1))) (i32.const 0x7fffff)))))
        (if (i32.eq (local.get $q0) (i32.const 2))
          (then (array.set $arr_i32 (local.get $iq) (i32.sub (local.get $jz) (i32.const 1))
            (i32.and (array.get $arr_i32 (local.get $iq) (i32.sub (local.get $jz) (i32.const 1))) (i32.const 0x3fffff)))))
        (if (i32.eq (local.get $ih) (i32.const 2))
          (then
            (local.set $z (f64.sub (f64.const 1) (local.get $z)))
            (if (i32.ne (local.get $carry) (i32.const 0))
              (then (local.set $z (f64.sub (local.get $z)
                (call $mochi_math.scalbn (f64.const 1) (local.get $q0))))))))))
    ;; recompute with more terms when the fraction cancelled
    (if (f64.eq (local.get $z) (f64.const 0))
      (then
        (local.set $j (i32.const 0))
        (local.set $i (i32.sub (local.get $jz) (i32.const 1)))
        (block $done
          (loop $or
            (br_if $done (i32.lt_s (local.get $i) (i32.const 4)))
            (local.set $j (i32.or (local.get $j) (array.get $arr_i32 (local.get $iq) (local.get $i))))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (br $or)))
        (if (i32.eqz (local.get $j))
          (then
            ;; k = the number of terms needed
            (local.set $k (i32.const 1))
            (block $done
              (loop $count
                (br_if $done (i32.ne (array.get $arr_i32 (local.get $iq) (i32.sub (i32.const 4) (local.get $k))) (i32.const 0)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $count)))
            (local.set $i (i32.add (local.get $jz) (i32.const 1)))
            (block $done
              (loop $more
                (br_if $done (i32.gt_s (local.get $i) (i32.add (local.get $jz) (local.get $k))))
                (array.set $arr_f64 (local.get $f) (i32.add (local.get $jx) (local.get $i))
                  (f64.convert_i32_s (array.get $arr_i32 (local.get $ipio2) (i32.add (local.get $jv) (local.get $i)))))
                (array.set $arr_f64 (local.get $q) (local.get $i)
                  (call $mochi_math.rem_pio2_dot (local.get $xs) (local.get $f) (local.get $jx) (local.get $i)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $more)))
            (local.set $jz (i32.add (local.get $jz) (local.get $k)))
            (br $recompute))))))
  ;; chop off zero terms
  (if (f64.eq (local.get $z) (f64.const 0))
    (then
      (local.set $jz (i32.sub (local.get $jz) (i32.const 1)))
      (local.set $q0 (i32.sub (local.get $q0) (i32.const 24)))
      (block $done
        (loop $chop
          (br_if $done (i32.ne (array.get $arr_i32 (local.get $iq) (local.get $jz)) (i32.const 0)))
          (local.set $jz (i32.sub (local.get $jz) (i32.const 1)))
          (local.set $q0 (i32.sub (local.get $q0) (i32.const 24)))
          (br $chop))))
    (else
      ;; break z into 24-bit pieces if necessary
      (local.set $z (call $mochi_math.scalbn (local.get $z) (i32.sub (i32.const 0) (local.get $q0))))
      (if (f64.ge (local.get $z) (f64.const 0x1p24))
        (then
          (local.set $fw (f64.convert_i32_s (i32.trunc_sat_f64_s (f64.mul (f64.const 0x1p-24) (local.get $z)))))
          ;; z - 0x1p24 * fw
          (array.set $arr_i32 (local.get $iq) (local.get $jz) (i32.trunc_sat_f64_s (f64.sub (local.get $z) (f64.mul (f64.const 0x1p24) (local.get $fw)))))
          (local.set $jz (i32.add (local.get $jz) (i32.const 1)))
          (local.set $q0 (i32.add (local.get $q0) (i32.const 24)))
          (array.set $arr_i32 (local.get $iq) (local.get $jz) (i32.trunc_sat_f64_s (local.get $fw))))
        (else (array.set $arr_i32 (local.get $iq) (local.get $jz) (i32.trunc_sat_f64_s (local.get $z)))))))
  ;; the pieces as doubles
  (local.set $fw (call $mochi_math.scalbn (f64.const 1) (local.get $q0)))
  (local.set $i (local.get $jz))
  (block $done
    (loop $conv
      (br_if $done (i32.lt_s (local.get $i) (i32.const 0)))
      (array.set $arr_f64 (local.get $q) (local.get $i)
        (f64.mul (local.get $fw) (f64.convert_i32_s (array.get $arr_i32 (local.get $iq) (local.get $i)))))
      (local.set $fw (f64.mul (local.get $fw) (f64.const 0x1p-24)))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $conv)))
  ;; fq = pi/2 * q
  (local.set $i (local.get $jz))
  (block $done
    (loop $prod
      (br_if $done (i32.lt_s (local.get $i) (i32.const 0)))
      (local.set $fw (f64.const 0))
      (local.set $k (i32.const 0))
      (block $kdone
        (loop $kloop
          (br_if $kdone (i32.gt_s (local.get $k) (i32.const 4)))
          (br_if $kdone (i32.gt_s (local.get $k) (i32.sub (local.get $jz) (local.get $i))))
          (local.set $fw (f64.add (local.get $fw)
            (f64.mul (array.get $arr_f64 (local.get $pio2) (local.get $k))
                     (array.get $arr_f64 (local.get $q) (i32.add (local.get $i) (local.get $k))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $kloop)))
      (array.set $arr_f64 (local.get $fq) (i32.sub (local.get $jz) (local.get $i)) (local.get $fw))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $prod)))
  ;; compress fq[] into y0 + y1
  (local.set $fw (f64.const 0))
  (local.set $i (local.get $jz))
  (block $done
    (loop $sum
      (br_if $done (i32.lt_s (local.get $i) (i32.const 0)))
      (local.set $fw (f64.add (local.get $fw) (array.get $arr_f64 (local.get $fq) (local.get $i))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $sum)))
  (global.set $mochi_math.y0 (if (result f64) (i32.eqz (local.get $ih)) (then (local.get $fw)) (else (f64.neg (local.get $fw)))))
  (local.set $fw (f64.sub (array.get $arr_f64 (local.get $fq) (i32.const 0)) (local.get $fw)))
  (local.set $i (i32.const 1))
  (block $done
    (loop $sum
      (br_if $done (i32.gt_s (local.get $i) (local.get $jz)))
      (local.set $fw (f64.add (local.get $fw) (array.get $arr_f64 (local.get $fq) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $sum)))
  (global.set $mochi_math.y1 (if (result f64) (i32.eqz (local.get $ih)) (then (local.get $fw)) (else (f64.neg (local.get $fw)))))
  (i32.and (local.get $n) (i32.const 7)))

;; sum over j in [0, jx] of xs[j] * f[jx + i - j], in that order
(func $mochi_math.rem_pio2_dot (param $xs (ref $arr_f64)) (param $f (ref null $arr_f64)) (param $jx i32) (param $i i32) (result f64)
  (local $j i32)
  (local $fw f64)
  (block $done
    (loop $dot
      (br_if $done (i32.gt_s (local.get $j) (local.get $jx)))
      (local.set $fw (f64.add (local.get $fw)
        (f64.mul (array.get $arr_f64 (local.get $xs) (local.get $j))
                 (array.get $arr_f64 (local.get $f) (i32.sub (i32.add (local.get $jx) (local.get $i)) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $dot)))
  (local.get $fw))

;; x - n*pi/2 as $mochi_math.y0 + $mochi_math.y1 for finite |x| > pi/4; returns n
(global $mochi_math.y0 (mut f64) (f64.const 0))
(global $mochi_math.y1 (mut f64) (f64.const 0))


;; the small cases: x - k*pi/2 with pi/2 in two parts (k = 1..4, s the sign)
(func $mochi_math.rem_pio2_k (param $x f64) (param $k f64) (param $s f64) (result f64)
  (local $z f64)
  (local $y0 f64)
  ;; z = x - s*k*pio2_1; y0 = z - s*k*pio2_1t; y1 = (z - y0) - s*k*pio2_1t
  ;; z = x - s * (k * pio2_1)
  (local.set $z (f64.sub (local.get $x) (f64.mul (local.get $s) (f64.mul (local.get $k) (f64.const 0x1.921fb54400000p+0)))))
  ;; y0 = z - s * (k * pio2_1t)
  (local.set $y0 (f64.sub (local.get $z) (f64.mul (local.get $s) (f64.mul (local.get $k) (f64.const 0x1.0b4611a626331p-34)))))
  (global.set $mochi_math.y0 (local.get $y0))
  ;; (z - y0) - s * (k * pio2_1t)
  (global.set $mochi_math.y1 (f64.sub (f64.sub (local.get $z) (local.get $y0)) (f64.mul (local.get $s) (f64.mul (local.get $k) (f64.const 0x1.0b4611a626331p-34)))))
  (local.get $y0))

(func $mochi_math.rem_pio2 (param $x f64) (result i32)
  (local $z f64)
  (local $w f64)
  (local $t f64)
  (local $r f64)
  (local $fn f64)
  (local $y0 f64)
  (local $e0 i32)
  (local $i i32)
  (local $j i32)
  (local $nx i32)
  (local $n i32)
  (local $ix i32)
  (local $hx i32)
  (local $tx (ref null $arr_f64))
  (local.set $hx (call $mochi_math.hi (local.get $x)))
  (local.set $ix (i32.and (local.get $hx) (i32.const 0x7fffffff)))
  (block $medium
    (if (i32.le_s (local.get $ix) (i32.const 0x400f6a7a))
      (then
        ;; |x| ~<= 5pi/4
        (br_if $medium (i32.eq (i32.and (local.get $ix) (i32.const 0xfffff)) (i32.const 0x921fb)))
        (if (i32.le_s (local.get $ix) (i32.const 0x4002d97c))
          (then
            (if (i32.gt_s (local.get $hx) (i32.const 0))
              (then (drop (call $mochi_math.rem_pio2_k (local.get $x) (f64.const 1) (f64.const 1))) (return (i32.const 1))))
            (drop (call $mochi_math.rem_pio2_k (local.get $x) (f64.const 1) (f64.const -1)))
            (return (i32.const -1))))
        (if (i32.gt_s (local.get $hx) (i32.const 0))
          (then (drop (call $mochi_math.rem_pio2_k (local.get $x) (f64.const 2) (f64.const 1))) (return (i32.const 2))))
        (drop (call $mochi_math.rem_pio2_k (local.get $x) (f64.const 2) (f64.const -1)))
        (return (i32.const -2))))
    (if (i32.le_s (local.get $ix) (i32.const 0x401c463b))
      (then
        ;; |x| ~<= 9pi/4
        (if (i32.le_s (local.get $ix) (i32.const 0x4015fdbc))
          (then
            (br_if $medium (i32.eq (local.get $ix) (i32.const 0x4012d97c)))
            (if (i32.gt_s (local.get $hx) (i32.const 0))
              (then (drop (call $mochi_math.rem_pio2_k (local.get $x) (f64.const 3) (f64.const 1))) (return (i32.const 3))))
            (drop (call $mochi_math.rem_pio2_k (local.get $x) (f64.const 3) (f64.const -1)))
            (return (i32.const -3))))
        (br_if $medium (i32.eq (local.get $ix) (i32.const 0x401921fb)))
        (if (i32.gt_s (local.get $hx) (i32.const 0))
          (then (drop (call $mochi_math.rem_pio2_k (local.get $x) (f64.const 4) (f64.const 1))) (return (i32.const 4))))
        (drop (call $mochi_math.rem_pio2_k (local.get $x) (f64.const 4) (f64.const -1)))
        (return (i32.const -4))))
    (br_if $medium (i32.lt_s (local.get $ix) (i32.const 0x413921fb)))
    ;; large |x|: z = |x| scaled into [2^23, 2^24), cut into three 24-bit pieces
    (local.set $e0 (i32.sub (i32.shr_s (local.get $ix) (i32.const 20)) (i32.const 1046)))
    (local.set $z (call $mochi_math.words (i32.sub (local.get $ix) (i32.shl (local.get $e0) (i32.const 20)))
                                          (call $mochi_math.lo (local.get $x))))
    (local.set $tx (array.new $arr_f64 (f64.const 0) (i32.const 3)))
    (array.set $arr_f64 (local.get $tx) (i32.const 0) (f64.convert_i32_s (i32.trunc_sat_f64_s (local.get $z))))
    (local.set $z (f64.mul (f64.sub (local.get $z) (array.get $arr_f64 (local.get $tx) (i32.const 0))) (f64.const 0x1p24)))
    (array.set $arr_f64 (local.get $tx) (i32.const 1) (f64.convert_i32_s (i32.trunc_sat_f64_s (local.get $z))))
    (local.set $z (f64.mul (f64.sub (local.get $z) (array.get $arr_f64 (local.get $tx) (i32.const 1))) (f64.const 0x1p24)))
    (array.set $arr_f64 (local.get $tx) (i32.const 2) (local.get $z))
    (local.set $nx (i32.const 3))
    (block $done
      (loop $skip
        (br_if $done (f64.ne (array.get $arr_f64 (local.get $tx) (i32.sub (local.get $nx) (i32.const 1))) (f64.const 0)))
        (local.set $nx (i32.sub (local.get $nx) (i32.const 1)))
        (br $skip)))
    (local.set $n (call $mochi_math.kernel_rem_pio2 (ref.as_non_null (local.get $tx)) (local.get $e0) (local.get $nx)))
    (if (i32.lt_s (local.get $hx) (i32.const 0))
      (then
        (global.set $mochi_math.y0 (f64.neg (global.get $mochi_math.y0)))
        (global.set $mochi_math.y1 (f64.neg (global.get $mochi_math.y1)))
        (return (i32.sub (i32.const 0) (local.get $n)))))
    (return (local.get $n)))
  ;; medium |x| (< 2^20 pi/2): Cody-Waite with up to three parts of pi/2
  ;; fn = x * invpio2 + 0x1.8p52
  (local.set $fn (f64.add (f64.mul (local.get $x) (f64.const 0x1.45f306dc9c883p-1)) (f64.const 0x1.8p52)))
  ;; fn = fn - 0x1.8p52
  (local.set $fn (f64.sub (local.get $fn) (f64.const 0x1.8p52)))
  (local.set $n (i32.trunc_sat_f64_s (local.get $fn)))
  ;; r = x - fn * pio2_1
  (local.set $r (f64.sub (local.get $x) (f64.mul (local.get $fn) (f64.const 0x1.921fb54400000p+0))))
  ;; w = fn * pio2_1t
  (local.set $w (f64.mul (local.get $fn) (f64.const 0x1.0b4611a626331p-34)))
  (local.set $j (i32.shr_s (local.get $ix) (i32.const 20)))
  ;; y0 = r - w
  (local.set $y0 (f64.sub (local.get $r) (local.get $w)))
  (local.set $i (i32.sub (local.get $j)
    (i32.and (i32.shr_s (call $mochi_math.hi (local.get $y0)) (i32.const 20)) (i32.const 0x7ff))))
  (if (i32.gt_s (local.get $i) (i32.const 16))
    (then
      ;; 2nd iteration, good to 118 bits
      (local.set $t (local.get $r))
      ;; w = fn * pio2_2
      (local.set $w (f64.mul (local.get $fn) (f64.const 0x1.0b4611a600000p-34)))
      ;; r = t - w
      (local.set $r (f64.sub (local.get $t) (local.get $w)))
      ;; w = fn * pio2_2t - ((t - r) - w)
      (local.set $w (f64.sub (f64.mul (local.get $fn) (f64.const 0x1.3198a2e037073p-69)) (f64.sub (f64.sub (local.get $t) (local.get $r)) (local.get $w))))
      ;; y0 = r - w
      (local.set $y0 (f64.sub (local.get $r) (local.get $w)))
      (local.set $i (i32.sub (local.get $j)
        (i32.and (i32.shr_s (call $mochi_math.hi (local.get $y0)) (i32.const 20)) (i32.const 0x7ff))))
      (if (i32.gt_s (local.get $i) (i32.const 49))
        (then
          ;; 3rd iteration, 151 bits
          (local.set $t (local.get $r))
          ;; w = fn * pio2_3
          (local.set $w (f64.mul (local.get $fn) (f64.const 0x1.3198a2e000000p-69)))
          ;; r = t - w
          (local.set $r (f64.sub (local.get $t) (local.get $w)))
          ;; w = fn * pio2_3t - ((t - r) - w)
          (local.set $w (f64.sub (f64.mul (local.get $fn) (f64.const 0x1.b839a252049c1p-104)) (f64.sub (f64.sub (local.get $t) (local.get $r)) (local.get $w))))
          ;; y0 = r - w
          (local.set $y0 (f64.sub (local.get $r) (local.get $w)))))))
  (global.set $mochi_math.y0 (local.get $y0))
  ;; (r - y0) - w
  (global.set $mochi_math.y1 (f64.sub (f64.sub (local.get $r) (local.get $y0)) (local.get $w)))
  (local.get $n))

(func $mochi_math_sin (param $x f64) (result f64)
  (local $n i32)
  (local $ix i32)
  (local.set $ix (i32.and (call $mochi_math.hi (local.get $x)) (i32.const 0x7fffffff)))
  (if (i32.le_s (local.get $ix) (i32.const 0x3fe921fb))
    (then
      ;; |x| ~<= pi/4
      (if (i32.lt_s (local.get $ix) (i32.const 0x3e500000)) (then (return (local.get $x))))
      (return (call $mochi_math.kernel_sin (local.get $x) (f64.const 0) (i32.const 0)))))
  (if (i32.ge_s (local.get $ix) (i32.const 0x7ff00000)) (then (return (call $mochi_math.invalid (local.get $x)))))
  (local.set $n (call $mochi_math.rem_pio2 (local.get $x)))
  (block $c3
    (block $c2
      (block $c1
        (block $c0
          (br_table $c0 $c1 $c2 $c3 (i32.and (local.get $n) (i32.const 3))))
        (return (call $mochi_math.kernel_sin (global.get $mochi_math.y0) (global.get $mochi_math.y1) (i32.const 1))))
      (return (call $mochi_math.kernel_cos (global.get $mochi_math.y0) (global.get $mochi_math.y1))))
    (return (f64.neg (call $mochi_math.kernel_sin (global.get $mochi_math.y0) (global.get $mochi_math.y1) (i32.const 1)))))
  (f64.neg (call $mochi_math.kernel_cos (global.get $mochi_math.y0) (global.get $mochi_math.y1))))

(func $mochi_math_cos (param $x f64) (result f64)
  (local $n i32)
  (local $ix i32)
  (local.set $ix (i32.and (call $mochi_math.hi (local.get $x)) (i32.const 0x7fffffff)))
  (if (i32.le_s (local.get $ix) (i32.const 0x3fe921fb))
    (then
      (if (i32.lt_s (local.get $ix) (i32.const 0x3e46a09e)) (then (return (f64.const 1))))
      (return (call $mochi_math.kernel_cos (local.get $x) (f64.const 0)))))
  (if (i32.ge_s (local.get $ix) (i32.const 0x7ff00000)) (then (return (call $mochi_math.invalid (local.get $x)))))
  (local.set $n (call $mochi_math.rem_pio2 (local.get $x)))
  (block $c3
    (block $c2
      (block $c1
        (block $c0
          (br_table $c0 $c1 $c2 $c3 (i32.and (local.get $n) (i32.const 3))))
        (return (call $mochi_math.kernel_cos (global.get $mochi_math.y0) (global.get $mochi_math.y1))))
      (return (f64.neg (call $mochi_math.kernel_sin (global.get $mochi_math.y0) (global.get $mochi_math.y1) (i32.const 1)))))
    (return (f64.neg (call $mochi_math.kernel_cos (global.get $mochi_math.y0) (global.get $mochi_math.y1)))))
  (call $mochi_math.kernel_sin (global.get $mochi_math.y0) (global.get $mochi_math.y1) (i32.const 1)))

(func $mochi_math_tan (param $x f64) (result f64)
  (local $n i32)
  (local $ix i32)
  (local.set $ix (i32.and (call $mochi_math.hi (local.get $x)) (i32.const 0x7fffffff)))
  (if (i32.le_s (local.get $ix) (i32.const 0x3fe921fb))
    (then
      (if (i32.lt_s (local.get $ix) (i32.const 0x3e400000)) (then (return (local.get $x))))
      (return (call $mochi_math.kernel_tan (local.get $x) (f64.const 0) (i32.const 1)))))
  (if (i32.ge_s (local.get $ix) (i32.const 0x7ff00000)) (then (return (call $mochi_math.invalid (local.get $x)))))
  (local.set $n (call $mochi_math.rem_pio2 (local.get $x)))
  ;; 1: n even, -1: n odd
  (call $mochi_math.kernel_tan (global.get $mochi_math.y0) (global.get $mochi_math.y1)
    (i32.sub (i32.const 1) (i32.shl (i32.and (local.get $n) (i32.const 1)) (i32.const 1)))))

;; ---- asin, acos, atan, atan2 (fdlibm / FreeBSD msun) ----


;; asin(x) = x + x^3 R(x^2): R = p/q
(func $mochi_math.asin_r (param $t f64) (result f64)
  (local $p f64)
  (local $q f64)
  ;; p = t * (pS0 + t * (pS1 + t * (pS2 + t * (pS3 + t * (pS4 + t * pS5)))))
  (local.set $p (f64.mul (local.get $t) (f64.add (f64.const 0x1.5555555555555p-3) (f64.mul (local.get $t) (f64.add (f64.const -0x1.4d61203eb6f7dp-2) (f64.mul (local.get $t) (f64.add (f64.const 0x1.9c1550e884455p-3) (f64.mul (local.get $t) (f64.add (f64.const -0x1.48228b5688f3bp-5) (f64.mul (local.get $t) (f64.add (f64.const 0x1.9efe07501b288p-11) (f64.mul (local.get $t) (f64.const 0x1.23de10dfdf709p-15)))))))))))))
  ;; q = 1.0 + t * (qS1 + t * (qS2 + t * (qS3 + t * qS4)))
  (local.set $q (f64.add (f64.const 1.0) (f64.mul (local.get $t) (f64.add (f64.const -0x1.33a271c8a2d4bp+1) (f64.mul (local.get $t) (f64.add (f64.const 0x1.02ae59c598ac8p+1) (f64.mul (local.get $t) (f64.add (f64.const -0x1.6066c1b8d0159p-1) (f64.mul (local.get $t) (f64.const 0x1.3b8c5b12e9282p-4))))))))))
  ;; p / q
  (f64.div (local.get $p) (local.get $q)))

(func $mochi_math_asin (param $x f64) (result f64)
  (local $t f64)
  (local $w f64)
  (local $p f64)
  (local $q f64)
  (local $c f64)
  (local $r f64)
  (local $s f64)
  (local $hx i32)
  (local $ix i32)
  (local.set $hx (call $mochi_math.hi (local.get $x)))
  (local.set $ix (i32.and (local.get $hx) (i32.const 0x7fffffff)))
  (if (i32.ge_s (local.get $ix) (i32.const 0x3ff00000))
    (then
      ;; |x| >= 1
      (if (i32.eqz (i32.or (i32.sub (local.get $ix) (i32.const 0x3ff00000)) (call $mochi_math.lo (local.get $x))))
        ;; x * MM_PIO2_HI + x * MM_PIO2_LO
        (then (return (f64.add (f64.mul (local.get $x) (f64.const 0x1.921fb54442d18p+0)) (f64.mul (local.get $x) (f64.const 0x1.1a62633145c07p-54))))))
      (return (call $mochi_math.invalid (local.get $x)))))
  (if (i32.lt_s (local.get $ix) (i32.const 0x3fe00000))
    (then
      ;; |x| < 0.5
      (if (i32.lt_s (local.get $ix) (i32.const 0x3e500000)) (then (return (local.get $x))))
      ;; t = x * x
      (local.set $t (f64.mul (local.get $x) (local.get $x)))
      (local.set $w (call $mochi_math.asin_r (local.get $t)))
      ;; x + x * w
      (return (f64.add (local.get $x) (f64.mul (local.get $x) (local.get $w))))))
  ;; 1 > |x| >= 0.5
  ;; w = 1.0 - fabs(x)
  (local.set $w (f64.sub (f64.const 1.0) (f64.abs (local.get $x))))
  ;; t = w * 0.5
  (local.set $t (f64.mul (local.get $w) (f64.const 0.5)))
  (local.set $r (call $mochi_math.asin_r (local.get $t)))
  ;; s = sqrt(t)
  (local.set $s (f64.sqrt (local.get $t)))
  (if (i32.ge_s (local.get $ix) (i32.const 0x3FEF3333))
    (then
      ;; |x| > 0.975
      ;; t = MM_PIO2_HI - (2.0 * (s + s * r) - MM_PIO2_LO)
      (local.set $t (f64.sub (f64.const 0x1.921fb54442d18p+0) (f64.sub (f64.mul (f64.const 2.0) (f64.add (local.get $s) (f64.mul (local.get $s) (local.get $r)))) (f64.const 0x1.1a62633145c07p-54)))))
    (else
      (local.set $w (call $mochi_math.head (local.get $s)))
      ;; c = (t - w * w) / (s + w)
      (local.set $c (f64.div (f64.sub (local.get $t) (f64.mul (local.get $w) (local.get $w))) (f64.add (local.get $s) (local.get $w))))
      ;; p = 2.0 * s * r - (MM_PIO2_LO - 2.0 * c)
      (local.set $p (f64.sub (f64.mul (f64.mul (f64.const 2.0) (local.get $s)) (local.get $r)) (f64.sub (f64.const 0x1.1a62633145c07p-54) (f64.mul (f64.const 2.0) (local.get $c)))))
      ;; q = pio4_hi - 2.0 * w
      (local.set $q (f64.sub (f64.const 0x1.921fb54442d18p-1) (f64.mul (f64.const 2.0) (local.get $w))))
      ;; t = pio4_hi - (p - q)
      (local.set $t (f64.sub (f64.const 0x1.921fb54442d18p-1) (f64.sub (local.get $p) (local.get $q))))))
  (if (result f64) (i32.gt_s (local.get $hx) (i32.const 0))
    (then (local.get $t)) (else (f64.neg (local.get $t)))))

(func $mochi_math_acos (param $x f64) (result f64)
  (local $z f64)
  (local $r f64)
  (local $w f64)
  (local $s f64)
  (local $c f64)
  (local $df f64)
  (local $hx i32)
  (local $ix i32)
  (local.set $hx (call $mochi_math.hi (local.get $x)))
  (local.set $ix (i32.and (local.get $hx) (i32.const 0x7fffffff)))
  (if (i32.ge_s (local.get $ix) (i32.const 0x3ff00000))
    (then
      ;; |x| >= 1
      (if (i32.eqz (i32.or (i32.sub (local.get $ix) (i32.const 0x3ff00000)) (call $mochi_math.lo (local.get $x))))
        (then (return (if (result f64) (i32.gt_s (local.get $hx) (i32.const 0))
          ;; MM_PI + 2.0 * MM_PIO2_LO
          (then (f64.const 0)) (else (f64.add (f64.const 0x1.921fb54442d18p+1) (f64.mul (f64.const 2.0) (f64.const 0x1.1a62633145c07p-54))))))))
      (return (call $mochi_math.invalid (local.get $x)))))
  (if (i32.lt_s (local.get $ix) (i32.const 0x3fe00000))
    (then
      ;; |x| < 0.5
      ;; MM_PIO2_HI + MM_PIO2_LO
      (if (i32.le_s (local.get $ix) (i32.const 0x3c600000)) (then (return (f64.add (f64.const 0x1.921fb54442d18p+0) (f64.const 0x1.1a62633145c07p-54)))))
      ;; z = x * x
      (local.set $z (f64.mul (local.get $x) (local.get $x)))
      (local.set $r (call $mochi_math.asin_r (local.get $z)))
      ;; MM_PIO2_HI - (x - (MM_PIO2_LO - x * r))
      (return (f64.sub (f64.const 0x1.921fb54442d18p+0) (f64.sub (local.get $x) (f64.sub (f64.const 0x1.1a62633145c07p-54) (f64.mul (local.get $x) (local.get $r))))))))
  (if (i32.lt_s (local.get $hx) (i32.const 0))
    (then
      ;; x < -0.5
      ;; z = (1.0 + x) * 0.5
      (local.set $z (f64.mul (f64.add (f64.const 1.0) (local.get $x)) (f64.const 0.5)))
      ;; s = sqrt(z)
      (local.set $s (f64.sqrt (local.get $z)))
      (local.set $r (call $mochi_math.asin_r (local.get $z)))
      ;; w = r * s - MM_PIO2_LO
      (local.set $w (f64.sub (f64.mul (local.get $r) (local.get $s)) (f64.const 0x1.1a62633145c07p-54)))
      ;; MM_PI - 2.0 * (s + w)
      (return (f64.sub (f64.const 0x1.921fb54442d18p+1) (f64.mul (f64.const 2.0) (f64.add (local.get $s) (local.get $w)))))))
  ;; x > 0.5
  ;; z = (1.0 - x) * 0.5
  (local.set $z (f64.mul (f64.sub (f64.const 1.0) (local.get $x)) (f64.const 0.5)))
  ;; s = sqrt(z)
  (local.set $s (f64.sqrt (local.get $z)))
  (local.set $df (call $mochi_math.head (local.get $s)))
  ;; c = (z - df * df) / (s + df)
  (local.set $c (f64.div (f64.sub (local.get $z) (f64.mul (local.get $df) (local.get $df))) (f64.add (local.get $s) (local.get $df))))
  (local.set $r (call $mochi_math.asin_r (local.get $z)))
  ;; w = r * s + c
  (local.set $w (f64.add (f64.mul (local.get $r) (local.get $s)) (local.get $c)))
  ;; 2.0 * (df + w)
  (f64.mul (f64.const 2.0) (f64.add (local.get $df) (local.get $w))))


;; atan(0.5), atan(1), atan(1.5), atan(inf) in two parts
(func $mochi_math.atanhi (param $id i32) (result f64)
  (block $b3
    (block $b2
      (block $b1
        (block $b0
          (br_table $b0 $b1 $b2 $b3 (local.get $id)))
        (return (f64.const 0x1.dac670561bb4fp-2)))
      (return (f64.const 0x1.921fb54442d18p-1)))
    (return (f64.const 0x1.f730bd281f69bp-1)))
  (f64.const 0x1.921fb54442d18p+0))

(func $mochi_math.atanlo (param $id i32) (result f64)
  (block $b3
    (block $b2
      (block $b1
        (block $b0
          (br_table $b0 $b1 $b2 $b3 (local.get $id)))
        (return (f64.const 0x1.a2b7f222f65e2p-56)))
      (return (f64.const 0x1.1a62633145c07p-55)))
    (return (f64.const 0x1.007887af0cbbdp-56)))
  (f64.const 0x1.1a62633145c07p-54))

(func $mochi_math_atan (param $x f64) (result f64)
  (local $w f64)
  (local $s1 f64)
  (local $s2 f64)
  (local $z f64)
  (local $hx i32)
  (local $ix i32)
  (local $id i32)
  (local.set $hx (call $mochi_math.hi (local.get $x)))
  (local.set $ix (i32.and (local.get $hx) (i32.const 0x7fffffff)))
  (if (i32.ge_s (local.get $ix) (i32.const 0x44100000))
    (then
      ;; |x| >= 2^66
      (if (f64.ne (local.get $x) (local.get $x)) (then (return (call $mochi_math.quiet (local.get $x)))))
      (return (if (result f64) (i32.gt_s (local.get $hx) (i32.const 0))
        ;; mm_atanhi[3] + mm_atanlo[3]; -mm_atanhi[3] - mm_atanlo[3]
        (then (f64.add (f64.const 0x1.921fb54442d18p+0) (f64.const 0x1.1a62633145c07p-54))) (else (f64.sub (f64.neg (f64.const 0x1.921fb54442d18p+0)) (f64.const 0x1.1a62633145c07p-54)))))))
  (if (i32.lt_s (local.get $ix) (i32.const 0x3fdc0000))
    (then
      ;; |x| < 0.4375
      (if (i32.lt_s (local.get $ix) (i32.const 0x3e400000)) (then (return (local.get $x))))
      (local.set $id (i32.const -1)))
    (else
      (local.set $x (f64.abs (local.get $x)))
      (if (i32.lt_s (local.get $ix) (i32.const 0x3ff30000))
        (then
          (if (i32.lt_s (local.get $ix) (i32.const 0x3fe60000))
            (then
              ;; 7/16 <= |x| < 11/16
              (local.set $id (i32.const 0))
              ;; x = (2.0 * x - 1.0) / (2.0 + x)
              (local.set $x (f64.div (f64.sub (f64.mul (f64.const 2.0) (local.get $x)) (f64.const 1.0)) (f64.add (f64.const 2.0) (local.get $x)))))
            (else
              ;; 11/16 <= |x| < 19/16
              (local.set $id (i32.const 1))
              ;; x = (x - 1.0) / (x + 1.0)
              (local.set $x (f64.div (f64.sub (local.get $x) (f64.const 1.0)) (f64.add (local.get $x) (f64.const 1.0)))))))
        (else
          (if (i32.lt_s (local.get $ix) (i32.const 0x40038000))
            (then
              ;; |x| < 2.4375
              (local.set $id (i32.const 2))
              ;; x = (x - 1.5) / (1.0 + 1.5 * x)
              (local.set $x (f64.div (f64.sub (local.get $x) (f64.const 1.5)) (f64.add (f64.const 1.0) (f64.mul (f64.const 1.5) (local.get $x))))))
            (else
              ;; 2.4375 <= |x| < 2^66
              (local.set $id (i32.const 3))
              ;; x = -1.0 / x
              (local.set $x (f64.div (f64.const -1.0) (local.get $x)))))))))
  ;; z = x * x
  (local.set $z (f64.mul (local.get $x) (local.get $x)))
  ;; w = z * z
  (local.set $w (f64.mul (local.get $z) (local.get $z)))
  ;; s1 = z * (aT0 + w * (aT2 + w * (aT4 + w * (aT6 + w * (aT8 + w * aT10)))))
  (local.set $s1 (f64.mul (local.get $z) (f64.add (f64.const 0x1.555555555550dp-2) (f64.mul (local.get $w) (f64.add (f64.const 0x1.24924920083ffp-3) (f64.mul (local.get $w) (f64.add (f64.const 0x1.745cdc54c206ep-4) (f64.mul (local.get $w) (f64.add (f64.const 0x1.10d66a0d03d51p-4) (f64.mul (local.get $w) (f64.add (f64.const 0x1.97b4b24760debp-5) (f64.mul (local.get $w) (f64.const 0x1.0ad3ae322da11p-6)))))))))))))
  ;; s2 = w * (aT1 + w * (aT3 + w * (aT5 + w * (aT7 + w * aT9))))
  (local.set $s2 (f64.mul (local.get $w) (f64.add (f64.const -0x1.999999998ebc4p-3) (f64.mul (local.get $w) (f64.add (f64.const -0x1.c71c6fe231671p-4) (f64.mul (local.get $w) (f64.add (f64.const -0x1.3b0f2af749a6dp-4) (f64.mul (local.get $w) (f64.add (f64.const -0x1.dde2d52defd9ap-5) (f64.mul (local.get $w) (f64.const -0x1.2b4442c6a6c2fp-5)))))))))))
  ;; x - x * (s1 + s2)
  (if (i32.lt_s (local.get $id) (i32.const 0)) (then (return (f64.sub (local.get $x) (f64.mul (local.get $x) (f64.add (local.get $s1) (local.get $s2)))))))
  (local.set $z (f64.sub (call $mochi_math.atanhi (local.get $id))
    ;; x * (s1 + s2)
    (f64.sub (f64.sub (f64.mul (local.get $x) (f64.add (local.get $s1) (local.get $s2))) (call $mochi_math.atanlo (local.get $id))) (local.get $x))))
  (if (result f64) (i32.lt_s (local.get $hx) (i32.const 0))
    (then (f64.neg (local.get $z))) (else (local.get $z))))


(func $mochi_math_atan2 (param $y f64) (param $x f64) (result f64)
  (local $z f64)
  (local $k i32)
  (local $m i32)
  (local $hx i32)
  (local $hy i32)
  (local $ix i32)
  (local $iy i32)
  (local $lx i32)
  (local $ly i32)
  (local.set $hx (call $mochi_math.hi (local.get $x)))
  (local.set $ix (i32.and (local.get $hx) (i32.const 0x7fffffff)))
  (local.set $lx (call $mochi_math.lo (local.get $x)))
  (local.set $hy (call $mochi_math.hi (local.get $y)))
  (local.set $iy (i32.and (local.get $hy) (i32.const 0x7fffffff)))
  (local.set $ly (call $mochi_math.lo (local.get $y)))
  (if (i32.or (f64.ne (local.get $x) (local.get $x)) (f64.ne (local.get $y) (local.get $y)))
    (then (return (call $mochi_math.nan2 (local.get $x) (local.get $y)))))
  ;; x = 1
  (if (i32.and (i32.eq (local.get $hx) (i32.const 0x3ff00000)) (i32.eqz (local.get $lx)))
    (then (return (call $mochi_math_atan (local.get $y)))))
  ;; m = 2*sign(x) + sign(y)
  (local.set $m (i32.or (i32.and (i32.shr_s (local.get $hy) (i32.const 31)) (i32.const 1))
                        (i32.and (i32.shr_s (local.get $hx) (i32.const 30)) (i32.const 2))))
  (if (i32.eqz (i32.or (local.get $iy) (local.get $ly)))
    (then
      ;; y = 0
      (if (i32.lt_s (local.get $m) (i32.const 2)) (then (return (local.get $y))))
      (if (i32.eq (local.get $m) (i32.const 2)) (then (return (f64.const 0x1.921fb54442d18p+1))))
      (return (f64.const -0x1.921fb54442d18p+1))))
  ;; x = 0
  (if (i32.eqz (i32.or (local.get $ix) (local.get $lx)))
    (then (return (if (result f64) (i32.lt_s (local.get $hy) (i32.const 0))
      (then (f64.const -0x1.921fb54442d18p+0)) (else (f64.const 0x1.921fb54442d18p+0))))))
  (if (i32.eq (local.get $ix) (i32.const 0x7ff00000))
    (then
      ;; x = inf
      (if (i32.eq (local.get $iy) (i32.const 0x7ff00000))
        (then
          (block $c3
            (block $c2
              (block $c1
                (block $c0
                  (br_table $c0 $c1 $c2 $c3 (local.get $m)))
                (return (f64.const 0x1.921fb54442d18p-1)))
              (return (f64.const -0x1.921fb54442d18p-1)))
            ;; 3.0 * pi_o_4
            (return (f64.mul (f64.const 3.0) (f64.const 0x1.921fb54442d18p-1))))
          ;; -3.0 * pi_o_4
          (return (f64.mul (f64.const -3.0) (f64.const 0x1.921fb54442d18p-1)))))
      (block $c3
        (block $c2
          (block $c1
            (block $c0
              (br_table $c0 $c1 $c2 $c3 (local.get $m)))
            (return (f64.const 0)))
          (return (f64.const -0)))
        (return (f64.const 0x1.921fb54442d18p+1)))
      (return (f64.const -0x1.921fb54442d18p+1))))
  ;; y = inf
  (if (i32.eq (local.get $iy) (i32.const 0x7ff00000))
    (then (return (if (result f64) (i32.lt_s (local.get $hy) (i32.const 0))
      (then (f64.const -0x1.921fb54442d18p+0)) (else (f64.const 0x1.921fb54442d18p+0))))))
  ;; y/x
  (local.set $k (i32.shr_s (i32.sub (local.get $iy) (local.get $ix)) (i32.const 20)))
  (if (i32.gt_s (local.get $k) (i32.const 60))
    (then
      ;; |y/x| > 2^60
      ;; z = pi_o_2 + 0.5 * pi_lo
      (local.set $z (f64.add (f64.const 0x1.921fb54442d18p+0) (f64.mul (f64.const 0.5) (f64.const 0x1.1a62633145c07p-53))))
      (local.set $m (i32.and (local.get $m) (i32.const 1))))
    (else
      (if (i32.and (i32.lt_s (local.get $hx) (i32.const 0)) (i32.lt_s (local.get $k) (i32.const -60)))
        (then (local.set $z (f64.const 0)))
        ;; fabs(y / x)
        (else (local.set $z (call $mochi_math_atan (f64.abs (f64.div (local.get $y) (local.get $x)))))))))
  (block $c3
    (block $c2
      (block $c1
        (block $c0
          (br_table $c0 $c1 $c2 $c3 (local.get $m)))
        (return (local.get $z)))
      (return (f64.neg (local.get $z))))
    ;; MM_PI - (z - pi_lo)
    (return (f64.sub (f64.const 0x1.921fb54442d18p+1) (f64.sub (local.get $z) (f64.const 0x1.1a62633145c07p-53)))))
  ;; (z - pi_lo) - MM_PI
  (f64.sub (f64.sub (local.get $z) (f64.const 0x1.1a62633145c07p-53)) (f64.const 0x1.921fb54442d18p+1)))

;; ---- expm1, log1p, sinh, cosh, tanh, log10 (fdlibm, as glibc has them) ----


(func $mochi_math_expm1 (param $x f64) (result f64)
  (local $y f64)
  (local $hi f64)
  (local $lo f64)
  (local $c f64)
  (local $t f64)
  (local $e f64)
  (local $hxs f64)
  (local $hfx f64)
  (local $r1 f64)
  (local $h2 f64)
  (local $h4 f64)
  (local $R1 f64)
  (local $R2 f64)
  (local $R3 f64)
  (local $twopk f64)
  (local $k i32)
  (local $xsb i32)
  (local $hx i32)
  (local.set $hx (call $mochi_math.hi (local.get $x)))
  (local.set $xsb (i32.and (local.get $hx) (i32.const 0x80000000)))
  (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
  ;; huge and non-finite arguments
  (if (i32.ge_u (local.get $hx) (i32.const 0x4043687A))
    (then
      ;; |x| >= 56 ln2
      (if (i32.ge_u (local.get $hx) (i32.const 0x40862E42))
        (then
          (if (i32.ge_u (local.get $hx) (i32.const 0x7ff00000))
            (then
              (if (f64.ne (local.get $x) (local.get $x)) (then (return (call $mochi_math.quiet (local.get $x)))))
              (return (if (result f64) (i32.eqz (local.get $xsb)) (then (local.get $x)) (else (f64.const -1))))))
          (if (f64.gt (local.get $x) (f64.const 0x1.62e42fefa39efp+9)) (then (return (f64.const inf))))))
      (if (i32.ne (local.get $xsb) (i32.const 0)) (then (return (f64.const -1))))))
  ;; argument reduction: x = k ln2 + hi - lo
  (if (i32.gt_u (local.get $hx) (i32.const 0x3fd62e42))
    (then
      ;; |x| > 0.5 ln2
      (if (i32.lt_u (local.get $hx) (i32.const 0x3FF0A2B2))
        (then
          ;; and |x| < 1.5 ln2
          (if (i32.eqz (local.get $xsb))
            (then
              ;; hi = x - MM_LN2_HI
              (local.set $hi (f64.sub (local.get $x) (f64.const 0x1.62e42fee00000p-1)))
              (local.set $lo (f64.const 0x1.a39ef35793c76p-33))
              (local.set $k (i32.const 1)))
            (else
              ;; hi = x + MM_LN2_HI
              (local.set $hi (f64.add (local.get $x) (f64.const 0x1.62e42fee00000p-1)))
              (local.set $lo (f64.const -0x1.a39ef35793c76p-33))
              (local.set $k (i32.const -1)))))
        (else
          (local.set $k (i32.trunc_sat_f64_s
            ;; invln2 * x
            (f64.add (f64.mul (f64.const 0x1.71547652b82fep+0) (local.get $x)) (if (result f64) (i32.eqz (local.get $xsb)) (then (f64.const 0.5)) (else (f64.const -0.5))))))
          (local.set $t (f64.convert_i32_s (local.get $k)))
          ;; hi = x - t * MM_LN2_HI
          (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const 0x1.62e42fee00000p-1))))
          ;; lo = t * MM_LN2_LO
          (local.set $lo (f64.mul (local.get $t) (f64.const 0x1.a39ef35793c76p-33)))))
      ;; x = hi - lo
      (local.set $x (f64.sub (local.get $hi) (local.get $lo)))
      ;; c = (hi - x) - lo
      (local.set $c (f64.sub (f64.sub (local.get $hi) (local.get $x)) (local.get $lo))))
    (else
      ;; |x| < 2^-54
      (if (i32.lt_u (local.get $hx) (i32.const 0x3c900000)) (then (return (local.get $x))))
      (local.set $k (i32.const 0))))
  ;; x is in the primary range; the polynomial in Estrin's order (glibc's)
  ;; hfx = 0.5 * x
  (local.set $hfx (f64.mul (f64.const 0.5) (local.get $x)))
  ;; hxs = x * hfx
  (local.set $hxs (f64.mul (local.get $x) (local.get $hfx)))
  ;; R1 = 1.0 + hxs * Q1
  (local.set $R1 (f64.add (f64.const 1.0) (f64.mul (local.get $hxs) (f64.const -0x1.11111111110f4p-5))))
  ;; h2 = hxs * hxs
  (local.set $h2 (f64.mul (local.get $hxs) (local.get $hxs)))
  ;; R2 = Q2 + hxs * Q3
  (local.set $R2 (f64.add (f64.const 0x1.a01a019fe5585p-10) (f64.mul (local.get $hxs) (f64.const -0x1.4ce199eaadbb7p-14))))
  ;; h4 = h2 * h2
  (local.set $h4 (f64.mul (local.get $h2) (local.get $h2)))
  ;; R3 = Q4 + hxs * Q5
  (local.set $R3 (f64.add (f64.const 0x1.0cfca86e65239p-18) (f64.mul (local.get $hxs) (f64.const -0x1.afdb76e09c32dp-23))))
  ;; r1 = R1 + h2 * R2 + h4 * R3
  (local.set $r1 (f64.add (f64.add (local.get $R1) (f64.mul (local.get $h2) (local.get $R2))) (f64.mul (local.get $h4) (local.get $R3))))
  ;; t = 3.0 - r1 * hfx
  (local.set $t (f64.sub (f64.const 3.0) (f64.mul (local.get $r1) (local.get $hfx))))
  ;; e = hxs * ((r1 - t) / (6.0 - x * t))
  (local.set $e (f64.mul (local.get $hxs) (f64.div (f64.sub (local.get $r1) (local.get $t)) (f64.sub (f64.const 6.0) (f64.mul (local.get $x) (local.get $t))))))
  ;; x - (x * e - hxs)
  (if (i32.eqz (local.get $k)) (then (return (f64.sub (local.get $x) (f64.sub (f64.mul (local.get $x) (local.get $e)) (local.get $hxs))))))
  ;; 2^k (unused when k is 1024)
  (local.set $twopk (call $mochi_math.words (i32.add (i32.const 0x3ff00000) (i32.shl (local.get $k) (i32.const 20))) (i32.const 0)))
  ;; e = (x * (e - c) - c)
  (local.set $e (f64.sub (f64.mul (local.get $x) (f64.sub (local.get $e) (local.get $c))) (local.get $c)))
  ;; e = e - hxs
  (local.set $e (f64.sub (local.get $e) (local.get $hxs)))
  ;; 0.5 * (x - e) - 0.5
  (if (i32.eq (local.get $k) (i32.const -1)) (then (return (f64.sub (f64.mul (f64.const 0.5) (f64.sub (local.get $x) (local.get $e))) (f64.const 0.5)))))
  (if (i32.eq (local.get $k) (i32.const 1))
    (then
      ;; -2.0 * (e - (x + 0.5))
      (if (f64.lt (local.get $x) (f64.const -0.25)) (then (return (f64.mul (f64.const -2.0) (f64.sub (local.get $e) (f64.add (local.get $x) (f64.const 0.5)))))))
      ;; 1.0 + 2.0 * (x - e)
      (return (f64.add (f64.const 1.0) (f64.mul (f64.const 2.0) (f64.sub (local.get $x) (local.get $e)))))))
  (if (i32.or (i32.le_s (local.get $k) (i32.const -2)) (i32.gt_s (local.get $k) (i32.const 56)))
    (then
      ;; exp(x) - 1 suffices
      ;; y = 1.0 - (e - x)
      (local.set $y (f64.sub (f64.const 1.0) (f64.sub (local.get $e) (local.get $x))))
      (if (i32.eq (local.get $k) (i32.const 1024))
        (then
          ;; y = y * 2.0 * 0x1p1023
          (local.set $y (f64.mul (f64.mul (local.get $y) (f64.const 2.0)) (f64.const 0x1p1023))))
        (else
          ;; y = y * twopk
          (local.set $y (f64.mul (local.get $y) (local.get $twopk)))))
      ;; y - 1.0
      (return (f64.sub (local.get $y) (f64.const 1.0)))))
  (if (i32.lt_s (local.get $k) (i32.const 20))
    (then
      ;; t = 1 - 2^-k
      (local.set $t (call $mochi_math.words (i32.sub (i32.const 0x3ff00000) (i32.shr_s (i32.const 0x200000) (local.get $k))) (i32.const 0)))
      ;; y = t - (e - x)
      (local.set $y (f64.sub (local.get $t) (f64.sub (local.get $e) (local.get $x))))
      ;; y = y * twopk
      (local.set $y (f64.mul (local.get $y) (local.get $twopk))))
    (else
      ;; t = 2^-k
      (local.set $t (call $mochi_math.words (i32.shl (i32.sub (i32.const 0x3ff) (local.get $k)) (i32.const 20)) (i32.const 0)))
      ;; y = x - (e + t)
      (local.set $y (f64.sub (local.get $x) (f64.add (local.get $e) (local.get $t))))
      ;; y = y + 1.0
      (local.set $y (f64.add (local.get $y) (f64.const 1.0)))
      ;; y = y * twopk
      (local.set $y (f64.mul (local.get $y) (local.get $twopk)))))
  (local.get $y))


(func $mochi_math_log1p (param $x f64) (result f64)
  (local $hfsq f64)
  (local $f f64)
  (local $c f64)
  (local $s f64)
  (local $z f64)
  (local $R f64)
  (local $u f64)
  (local $z2 f64)
  (local $z4 f64)
  (local $z6 f64)
  (local $R1 f64)
  (local $R2 f64)
  (local $R3 f64)
  (local $R4 f64)
  (local $kd f64)
  (local $k i32)
  (local $hx i32)
  (local $hu i32)
  (local $ax i32)
  (local.set $hx (call $mochi_math.hi (local.get $x)))
  (local.set $ax (i32.and (local.get $hx) (i32.const 0x7fffffff)))
  (local.set $k (i32.const 1))
  (if (i32.lt_s (local.get $hx) (i32.const 0x3FDA827A))
    (then
      ;; x < 0.41422
      (if (i32.ge_s (local.get $ax) (i32.const 0x3ff00000))
        (then
          ;; x <= -1.0
          (if (f64.eq (local.get $x) (f64.const -1)) (then (return (f64.const -inf))))
          (return (call $mochi_math.invalid (local.get $x)))))
      (if (i32.lt_s (local.get $ax) (i32.const 0x3e200000))
        (then
          ;; |x| < 2^-29
          (if (i32.lt_s (local.get $ax) (i32.const 0x3c900000)) (then (return (local.get $x))))
          ;; x - x * x * 0.5
          (return (f64.sub (local.get $x) (f64.mul (f64.mul (local.get $x) (local.get $x)) (f64.const 0.5))))))
      (if (i32.or (i32.gt_s (local.get $hx) (i32.const 0)) (i32.le_s (local.get $hx) (i32.const 0xbfd2bec3)))
        (then
          ;; -0.2929 < x < 0.41422
          (local.set $k (i32.const 0))
          (local.set $f (local.get $x))
          (local.set $hu (i32.const 1)))))
    (else
      (if (i32.ge_s (local.get $hx) (i32.const 0x7ff00000)) (then (return (call $mochi_math.self (local.get $x)))))))
  (if (i32.ne (local.get $k) (i32.const 0))
    (then
      (if (i32.lt_s (local.get $hx) (i32.const 0x43400000))
        (then
          ;; u = 1.0 + x
          (local.set $u (f64.add (f64.const 1.0) (local.get $x)))
          (local.set $hu (call $mochi_math.hi (local.get $u)))
          (local.set $k (i32.sub (i32.shr_s (local.get $hu) (i32.const 20)) (i32.const 1023)))
          ;; the correction term
          (if (i32.gt_s (local.get $k) (i32.const 0))
            (then
              ;; c = 1.0 - (u - x)
              (local.set $c (f64.sub (f64.const 1.0) (f64.sub (local.get $u) (local.get $x)))))
            (else
              ;; c = x - (u - 1.0)
              (local.set $c (f64.sub (local.get $x) (f64.sub (local.get $u) (f64.const 1.0))))))
          ;; c = c / u
          (local.set $c (f64.div (local.get $c) (local.get $u))))
        (else
          (local.set $u (local.get $x))
          (local.set $hu (call $mochi_math.hi (local.get $u)))
          (local.set $k (i32.sub (i32.shr_s (local.get $hu) (i32.const 20)) (i32.const 1023)))
          (local.set $c (f64.const 0))))
      (local.set $hu (i32.and (local.get $hu) (i32.const 0x000fffff)))
      (if (i32.lt_s (local.get $hu) (i32.const 0x6a09e))
        (then
          ;; normalize u
          (local.set $u (call $mochi_math.words (i32.or (local.get $hu) (i32.const 0x3ff00000)) (call $mochi_math.lo (local.get $u)))))
        (else
          ;; normalize u/2
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (local.set $u (call $mochi_math.words (i32.or (local.get $hu) (i32.const 0x3fe00000)) (call $mochi_math.lo (local.get $u))))
          (local.set $hu (i32.shr_s (i32.sub (i32.const 0x00100000) (local.get $hu)) (i32.const 2)))))
      ;; f = u - 1.0
      (local.set $f (f64.sub (local.get $u) (f64.const 1.0)))))
  ;; hfsq = 0.5 * f * f
  (local.set $hfsq (f64.mul (f64.mul (f64.const 0.5) (local.get $f)) (local.get $f)))
  (local.set $kd (f64.convert_i32_s (local.get $k)))
  (if (i32.eqz (local.get $hu))
    (then
      ;; |f| < 2^-20
      (if (f64.eq (local.get $f) (f64.const 0))
        (then
          (if (i32.eqz (local.get $k)) (then (return (f64.const 0))))
          ;; c = c + kd * MM_LN2_LO
          (local.set $c (f64.add (local.get $c) (f64.mul (local.get $kd) (f64.const 0x1.a39ef35793c76p-33))))
          ;; kd * MM_LN2_HI + c
          (return (f64.add (f64.mul (local.get $kd) (f64.const 0x1.62e42fee00000p-1)) (local.get $c)))))
      ;; R = hfsq * (1.0 - 0.66666666666666666 * f)
      (local.set $R (f64.mul (local.get $hfsq) (f64.sub (f64.const 1.0) (f64.mul (f64.const 0.6666666666666666) (local.get $f)))))
      ;; f - R
      (if (i32.eqz (local.get $k)) (then (return (f64.sub (local.get $f) (local.get $R)))))
      ;; kd * MM_LN2_HI - ((R - (kd * MM_LN2_LO + c)) - f)
      (return (f64.sub (f64.mul (local.get $kd) (f64.const 0x1.62e42fee00000p-1)) (f64.sub (f64.sub (local.get $R) (f64.add (f64.mul (local.get $kd) (f64.const 0x1.a39ef35793c76p-33)) (local.get $c))) (local.get $f))))))
  ;; s = f / (2.0 + f)
  (local.set $s (f64.div (local.get $f) (f64.add (f64.const 2.0) (local.get $f))))
  ;; z = s * s
  (local.set $z (f64.mul (local.get $s) (local.get $s)))
  ;; R1 = z * Lp1
  (local.set $R1 (f64.mul (local.get $z) (f64.const 0x1.5555555555593p-1)))
  ;; z2 = z * z
  (local.set $z2 (f64.mul (local.get $z) (local.get $z)))
  ;; R2 = Lp2 + z * Lp3
  (local.set $R2 (f64.add (f64.const 0x1.999999997fa04p-2) (f64.mul (local.get $z) (f64.const 0x1.2492494229359p-2))))
  ;; z4 = z2 * z2
  (local.set $z4 (f64.mul (local.get $z2) (local.get $z2)))
  ;; R3 = Lp4 + z * Lp5
  (local.set $R3 (f64.add (f64.const 0x1.c71c51d8e78afp-3) (f64.mul (local.get $z) (f64.const 0x1.7466496cb03dep-3))))
  ;; z6 = z4 * z2
  (local.set $z6 (f64.mul (local.get $z4) (local.get $z2)))
  ;; R4 = Lp6 + z * Lp7
  (local.set $R4 (f64.add (f64.const 0x1.39a09d078c69fp-3) (f64.mul (local.get $z) (f64.const 0x1.2f112df3e5244p-3))))
  ;; R = R1 + z2 * R2 + z4 * R3 + z6 * R4
  (local.set $R (f64.add (f64.add (f64.add (local.get $R1) (f64.mul (local.get $z2) (local.get $R2))) (f64.mul (local.get $z4) (local.get $R3))) (f64.mul (local.get $z6) (local.get $R4))))
  ;; f - (hfsq - s * (hfsq + R))
  (if (i32.eqz (local.get $k)) (then (return (f64.sub (local.get $f) (f64.sub (local.get $hfsq) (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $R))))))))
  ;; kd * MM_LN2_HI - ((hfsq - (s * (hfsq + R) + (kd * MM_LN2_LO + c))) - f)
  (f64.sub (f64.mul (local.get $kd) (f64.const 0x1.62e42fee00000p-1)) (f64.sub (f64.sub (local.get $hfsq) (f64.add (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $R))) (f64.add (f64.mul (local.get $kd) (f64.const 0x1.a39ef35793c76p-33)) (local.get $c)))) (local.get $f))))

(func $mochi_math_sinh (param $x f64) (result f64)
  (local $t f64)
  (local $w f64)
  (local $h f64)
  (local $jx i32)
  (local $ix i32)
  (local.set $jx (call $mochi_math.hi (local.get $x)))
  (local.set $ix (i32.and (local.get $jx) (i32.const 0x7fffffff)))
  ;; inf or NaN
  (if (i32.ge_s (local.get $ix) (i32.const 0x7ff00000)) (then (return (call $mochi_math.self (local.get $x)))))
  (local.set $h (f64.const 0.5))
  (if (i32.lt_s (local.get $jx) (i32.const 0)) (then (local.set $h (f64.const -0.5))))
  (if (i32.lt_s (local.get $ix) (i32.const 0x40360000))
    (then
      ;; |x| < 22: sign(x) * 0.5 * (E + E/(E + 1))
      (if (i32.lt_s (local.get $ix) (i32.const 0x3e300000)) (then (return (local.get $x))))
      (local.set $t (call $mochi_math_expm1 (f64.abs (local.get $x))))
      (if (i32.lt_s (local.get $ix) (i32.const 0x3ff00000))
        ;; h * (2.0 * t - t * t / (t + 1.0))
        (then (return (f64.mul (local.get $h) (f64.sub (f64.mul (f64.const 2.0) (local.get $t)) (f64.div (f64.mul (local.get $t) (local.get $t)) (f64.add (local.get $t) (f64.const 1.0))))))))
      ;; h * (t + t / (t + 1.0))
      (return (f64.mul (local.get $h) (f64.add (local.get $t) (f64.div (local.get $t) (f64.add (local.get $t) (f64.const 1.0))))))))
  ;; |x| in [22, log(DBL_MAX)]
  (if (i32.lt_s (local.get $ix) (i32.const 0x40862e42))
    (then (return (f64.mul (local.get $h) (call $mochi_math_exp (f64.abs (local.get $x)))))))
  ;; |x| in [log(DBL_MAX), overflow threshold]
  (if (i32.or (i32.lt_s (local.get $ix) (i32.const 0x408633ce))
              (i32.and (i32.eq (local.get $ix) (i32.const 0x408633ce))
                       (i32.le_u (call $mochi_math.lo (local.get $x)) (i32.const 0x8fb9f87d))))
    (then
      (local.set $w (call $mochi_math_exp (f64.mul (f64.const 0.5) (f64.abs (local.get $x)))))
      ;; t = h * w
      (local.set $t (f64.mul (local.get $h) (local.get $w)))
      ;; t * w
      (return (f64.mul (local.get $t) (local.get $w)))))
  ;; overflow
  (if (result f64) (i32.lt_s (local.get $jx) (i32.const 0)) (then (f64.const -inf)) (else (f64.const inf))))

(func $mochi_math_cosh (param $x f64) (result f64)
  (local $t f64)
  (local $w f64)
  (local $ix i32)
  (local.set $ix (i32.and (call $mochi_math.hi (local.get $x)) (i32.const 0x7fffffff)))
  (if (i32.lt_s (local.get $ix) (i32.const 0x40360000))
    (then
      ;; |x| < 22
      (if (i32.lt_s (local.get $ix) (i32.const 0x3fd62e43))
        (then
          ;; |x| < 0.5 ln2: 1 + expm1(|x|)^2 / (2 exp(|x|))
          (if (i32.lt_s (local.get $ix) (i32.const 0x3c800000)) (then (return (f64.const 1))))
          (local.set $t (call $mochi_math_expm1 (f64.abs (local.get $x))))
          ;; w = 1.0 + t
          (local.set $w (f64.add (f64.const 1.0) (local.get $t)))
          ;; 1.0 + (t * t) / (w + w)
          (return (f64.add (f64.const 1.0) (f64.div (f64.mul (local.get $t) (local.get $t)) (f64.add (local.get $w) (local.get $w)))))))
      ;; (exp(|x|) + 1/exp(|x|)) / 2
      (local.set $t (call $mochi_math_exp (f64.abs (local.get $x))))
      ;; 0.5 * t + 0.5 / t
      (return (f64.add (f64.mul (f64.const 0.5) (local.get $t)) (f64.div (f64.const 0.5) (local.get $t))))))
  ;; |x| in [22, log(DBL_MAX)]
  (if (i32.lt_s (local.get $ix) (i32.const 0x40862e42))
    (then (return (f64.mul (f64.const 0.5) (call $mochi_math_exp (f64.abs (local.get $x)))))))
  (if (i64.le_u (i64.and (i64.reinterpret_f64 (local.get $x)) (i64.const 0x7FFFFFFFFFFFFFFF)) (i64.const 0x408633CE8FB9F87D))
    (then
      (local.set $w (call $mochi_math_exp (f64.mul (f64.const 0.5) (f64.abs (local.get $x)))))
      ;; t = 0.5 * w
      (local.set $t (f64.mul (f64.const 0.5) (local.get $w)))
      ;; t * w
      (return (f64.mul (local.get $t) (local.get $w)))))
  ;; inf or NaN: x * x; else overflow
  (if (i32.ge_s (local.get $ix) (i32.const 0x7ff00000))
    (then
      (if (f64.ne (local.get $x) (local.get $x)) (then (return (call $mochi_math.quiet (local.get $x)))))))
  (f64.const inf))

(func $mochi_math_tanh (param $x f64) (result f64)
  (local $t f64)
  (local $z f64)
  (local $jx i32)
  (local $ix i32)
  (local.set $jx (call $mochi_math.hi (local.get $x)))
  (local.set $ix (i32.and (local.get $jx) (i32.const 0x7fffffff)))
  (if (i32.ge_s (local.get $ix) (i32.const 0x7ff00000))
    (then
      ;; inf or NaN
      (if (f64.ne (local.get $x) (local.get $x)) (then (return (call $mochi_math.quiet (local.get $x)))))
      (return (if (result f64) (i32.ge_s (local.get $jx) (i32.const 0)) (then (f64.const 1)) (else (f64.const -1))))))
  (if (i32.lt_s (local.get $ix) (i32.const 0x40360000))
    (then
      ;; |x| < 22
      (if (i32.eqz (i32.or (local.get $ix) (call $mochi_math.lo (local.get $x)))) (then (return (local.get $x))))
      ;; x * (1.0 + x)
      (if (i32.lt_s (local.get $ix) (i32.const 0x3c800000)) (then (return (f64.mul (local.get $x) (f64.add (f64.const 1.0) (local.get $x))))))
      (if (i32.ge_s (local.get $ix) (i32.const 0x3ff00000))
        (then
          ;; |x| >= 1
          (local.set $t (call $mochi_math_expm1 (f64.mul (f64.const 2) (f64.abs (local.get $x)))))
          ;; z = 1.0 - 2.0 / (t + 2.0)
          (local.set $z (f64.sub (f64.const 1.0) (f64.div (f64.const 2.0) (f64.add (local.get $t) (f64.const 2.0))))))
        (else
          (local.set $t (call $mochi_math_expm1 (f64.mul (f64.const -2) (f64.abs (local.get $x)))))
          ;; z = -t / (t + 2.0)
          (local.set $z (f64.div (f64.neg (local.get $t)) (f64.add (local.get $t) (f64.const 2.0)))))))
    (else
      ;; |x| >= 22: +-1
      (local.set $z (f64.const 1))))
  (if (result f64) (i32.ge_s (local.get $jx) (i32.const 0)) (then (local.get $z)) (else (f64.neg (local.get $z)))))


;; log10(x) = k log10(2) + log10(m) for x = 2^k m, through log (fdlibm's reduction)
(func $mochi_math_log10 (param $x f64) (result f64)
  (local $y f64)
  (local $z f64)
  (local $hx i64)
  (local $i i64)
  (local $k i32)
  (local.set $hx (i64.reinterpret_f64 (local.get $x)))
  (if (i64.lt_s (local.get $hx) (i64.const 0x0010000000000000))
    (then
      ;; x < 2^-1022
      (if (i64.eqz (i64.and (local.get $hx) (i64.const 0x7FFFFFFFFFFFFFFF))) (then (return (f64.const -inf))))
      (if (i64.lt_s (local.get $hx) (i64.const 0)) (then (return (call $mochi_math.invalid (local.get $x)))))
      ;; subnormal: scale up
      (local.set $k (i32.const -54))
      (local.set $x (f64.mul (local.get $x) (f64.const 0x1p54)))
      (local.set $hx (i64.reinterpret_f64 (local.get $x)))))
  (if (i64.ge_u (local.get $hx) (i64.const 0x7FF0000000000000)) (then (return (call $mochi_math.self (local.get $x)))))
  (local.set $k (i32.add (local.get $k) (i32.sub (i32.wrap_i64 (i64.shr_u (local.get $hx) (i64.const 52))) (i32.const 1023))))
  ;; i = 1 when k < 0
  (local.set $i (i64.extend_i32_u (i32.shr_u (local.get $k) (i32.const 31))))
  (local.set $hx (i64.or (i64.and (local.get $hx) (i64.const 0x000FFFFFFFFFFFFF))
                         (i64.shl (i64.sub (i64.const 0x3ff) (local.get $i)) (i64.const 52))))
  (local.set $y (f64.convert_i32_s (i32.add (local.get $k) (i32.wrap_i64 (local.get $i)))))
  (local.set $x (f64.reinterpret_i64 (local.get $hx)))
  ;; y * log10_2lo
  (local.set $z (f64.add (f64.mul (local.get $y) (f64.const 0x1.9fef311f12b36p-42)) (f64.mul (f64.const 0x1.bcb7b1526e50ep-2) (call $mochi_math_log (local.get $x)))))
  ;; z + y * log10_2hi
  (f64.add (local.get $z) (f64.mul (local.get $y) (f64.const 0x1.34413509f6000p-2))))

;; ---- cbrt (FreeBSD msun), hypot (Borges' correction) ----


(func $mochi_math_cbrt (param $x f64) (result f64)
  (local $r f64)
  (local $s f64)
  (local $t f64)
  (local $w f64)
  (local $hx i32)
  (local $sign i32)
  (local $high i32)
  (local.set $hx (call $mochi_math.hi (local.get $x)))
  (local.set $sign (i32.and (local.get $hx) (i32.const 0x80000000)))
  (local.set $hx (i32.xor (local.get $hx) (local.get $sign)))
  ;; cbrt(NaN, inf) is itself
  (if (i32.ge_u (local.get $hx) (i32.const 0x7ff00000)) (then (return (call $mochi_math.self (local.get $x)))))
  ;; a cube root to 5 bits from the exponent: integer division of the bits by 3
  (if (i32.lt_u (local.get $hx) (i32.const 0x00100000))
    (then
      ;; zero or subnormal
      (if (i32.eqz (i32.or (local.get $hx) (call $mochi_math.lo (local.get $x)))) (then (return (local.get $x))))
      (local.set $t (f64.mul (local.get $x) (f64.const 0x1p54)))
      (local.set $high (call $mochi_math.hi (local.get $t)))
      (local.set $t (call $mochi_math.words
        (i32.or (local.get $sign) (i32.add (i32.div_u (i32.and (local.get $high) (i32.const 0x7fffffff)) (i32.const 3))
                                           (i32.const 696219795)))
        (i32.const 0))))
    (else
      (local.set $t (call $mochi_math.words
        (i32.or (local.get $sign) (i32.add (i32.div_u (local.get $hx) (i32.const 3)) (i32.const 715094163)))
        (i32.const 0)))))
  ;; to 23 bits: t * P(t^3/x), P ~ 1/cbrt
  ;; r = (t * t) * (t / x)
  (local.set $r (f64.mul (f64.mul (local.get $t) (local.get $t)) (f64.div (local.get $t) (local.get $x))))
  ;; t = t * ((P0 + r * (P1 + r * P2)) + ((r * r) * r) * (P3 + r * P4))
  (local.set $t (f64.mul (local.get $t) (f64.add (f64.add (f64.const 0x1.e03e60f61e692p+0) (f64.mul (local.get $r) (f64.add (f64.const -0x1.e28e092f02420p+0) (f64.mul (local.get $r) (f64.const 0x1.9f1604a49d6c2p+0))))) (f64.mul (f64.mul (f64.mul (local.get $r) (local.get $r)) (local.get $r)) (f64.add (f64.const -0x1.844cbbee751d9p-1) (f64.mul (local.get $r) (f64.const 0x1.2b000d4e4edd7p-3)))))))
  ;; round t away from zero to 23 bits, so that t*t is exact
  (local.set $t (f64.reinterpret_i64
    (i64.and (i64.add (i64.reinterpret_f64 (local.get $t)) (i64.const 0x80000000)) (i64.const 0xFFFFFFFFC0000000))))
  ;; one Newton step to 53 bits, error < 0.667 ulp
  ;; s = t * t
  (local.set $s (f64.mul (local.get $t) (local.get $t)))
  ;; r = x / s
  (local.set $r (f64.div (local.get $x) (local.get $s)))
  ;; w = t + t
  (local.set $w (f64.add (local.get $t) (local.get $t)))
  ;; r = (r - t) / (w + r)
  (local.set $r (f64.div (f64.sub (local.get $r) (local.get $t)) (f64.add (local.get $w) (local.get $r))))
  ;; t + t * r
  (f64.add (local.get $t) (f64.mul (local.get $t) (local.get $r))))

;; sqrt(ax^2 + ay^2) corrected by its exact residual, ax >= ay >= 0 not too large or small
(func $mochi_math.hypot_kernel (param $ax f64) (param $ay f64) (result f64)
  (local $t1 f64)
  (local $t2 f64)
  (local $h f64)
  (local $delta f64)
  ;; h = sqrt(ax * ax + ay * ay)
  (local.set $h (f64.sqrt (f64.add (f64.mul (local.get $ax) (local.get $ax)) (f64.mul (local.get $ay) (local.get $ay)))))
  (if (f64.le (local.get $h) (f64.mul (f64.const 2) (local.get $ay)))
    (then
      ;; delta = h - ay
      (local.set $delta (f64.sub (local.get $h) (local.get $ay)))
      ;; t1 = ax * (2.0 * delta - ax)
      (local.set $t1 (f64.mul (local.get $ax) (f64.sub (f64.mul (f64.const 2.0) (local.get $delta)) (local.get $ax))))
      ;; t2 = (delta - 2.0 * (ax - ay)) * delta
      (local.set $t2 (f64.mul (f64.sub (local.get $delta) (f64.mul (f64.const 2.0) (f64.sub (local.get $ax) (local.get $ay)))) (local.get $delta))))
    (else
      ;; delta = h - ax
      (local.set $delta (f64.sub (local.get $h) (local.get $ax)))
      ;; t1 = 2.0 * delta * (ax - 2.0 * ay)
      (local.set $t1 (f64.mul (f64.mul (f64.const 2.0) (local.get $delta)) (f64.sub (local.get $ax) (f64.mul (f64.const 2.0) (local.get $ay)))))
      ;; t2 = (4.0 * delta - ay) * ay + delta * delta
      (local.set $t2 (f64.add (f64.mul (f64.sub (f64.mul (f64.const 4.0) (local.get $delta)) (local.get $ay)) (local.get $ay)) (f64.mul (local.get $delta) (local.get $delta))))))
  ;; h - (t1 + t2) / (2.0 * h)
  (f64.sub (local.get $h) (f64.div (f64.add (local.get $t1) (local.get $t2)) (f64.mul (f64.const 2.0) (local.get $h)))))

(func $mochi_math_hypot (param $x f64) (param $y f64) (result f64)
  (local $ax f64)
  (local $ay f64)
  ;; inf or NaN
  (if (i32.or (i32.eqz (f64.lt (f64.abs (local.get $x)) (f64.const inf)))
              (i32.eqz (f64.lt (f64.abs (local.get $y)) (f64.const inf))))
    (then
      (if (i32.and (i32.or (f64.eq (f64.abs (local.get $x)) (f64.const inf)) (f64.eq (f64.abs (local.get $y)) (f64.const inf)))
                   (i32.and (i32.eqz (call $mochi_math.issignaling (local.get $x)))
                            (i32.eqz (call $mochi_math.issignaling (local.get $y)))))
        (then (return (f64.const inf))))
      (return (call $mochi_math.nan2 (local.get $x) (local.get $y)))))
  (local.set $x (f64.abs (local.get $x)))
  (local.set $y (f64.abs (local.get $y)))
  (if (f64.lt (local.get $x) (local.get $y))
    (then (local.set $ax (local.get $y)) (local.set $ay (local.get $x)))
    (else (local.set $ax (local.get $x)) (local.set $ay (local.get $y))))
  (if (f64.gt (local.get $ax) (f64.const 0x1p511))
    (then
      ;; huge: scale down
      ;; ax * 0x1p-54; ax + ay
      (if (f64.le (local.get $ay) (f64.mul (local.get $ax) (f64.const 0x1p-54))) (then (return (f64.add (local.get $ax) (local.get $ay)))))
      ;; ax * 0x1p-600; ay * 0x1p-600
      (return (f64.div (call $mochi_math.hypot_kernel (f64.mul (local.get $ax) (f64.const 0x1p-600)) (f64.mul (local.get $ay) (f64.const 0x1p-600))) (f64.const 0x1p-600)))))
  (if (f64.lt (local.get $ay) (f64.const 0x1p-459))
    (then
      ;; tiny: scale up
      ;; ay / 0x1p-54; ax + ay
      (if (f64.ge (local.get $ax) (f64.div (local.get $ay) (f64.const 0x1p-54))) (then (return (f64.add (local.get $ax) (local.get $ay)))))
      ;; ax / 0x1p-600; ay / 0x1p-600
      (return (f64.mul (call $mochi_math.hypot_kernel (f64.div (local.get $ax) (f64.const 0x1p-600)) (f64.div (local.get $ay) (f64.const 0x1p-600))) (f64.const 0x1p-600)))))
  ;; ax * 0x1p-54; ax + ay
  (if (f64.le (local.get $ay) (f64.mul (local.get $ax) (f64.const 0x1p-54))) (then (return (f64.add (local.get $ax) (local.get $ay)))))
  (call $mochi_math.hypot_kernel (local.get $ax) (local.get $ay)))

;; ---- tables (tests/math/tables.py generates and checks them from mochi_math.c) ----

(data $mochi_math.d.exp
  "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\f0\3f"
  "\6e\bf\88\1a\4f\3b\9b\3c\35\33\fb\a9\3d\f6\ef\3f"
  "\5d\dc\d8\9c\13\60\71\bc\61\80\77\3e\9a\ec\ef\3f"
  "\d1\66\87\10\7a\5e\90\bc\85\7f\6e\e8\15\e3\ef\3f"
  "\13\f6\67\35\52\d2\8c\3c\74\85\15\d3\b0\d9\ef\3f"
  "\fa\8e\f9\23\80\ce\8b\bc\de\f6\dd\29\6b\d0\ef\3f"
  "\61\c8\e6\61\4e\f7\60\3c\c8\9b\75\18\45\c7\ef\3f"
  "\99\d3\33\5b\e4\a3\90\3c\83\f3\c6\ca\3e\be\ef\3f"
  "\6d\7b\83\5d\a6\9a\97\3c\0f\89\f9\6c\58\b5\ef\3f"
  "\fc\ef\fd\92\1a\b5\8e\3c\f7\47\72\2b\92\ac\ef\3f"
  "\d1\9c\2f\70\3d\be\3e\3c\a2\d1\d3\32\ec\a3\ef\3f"
  "\0b\6e\90\89\34\03\6a\bc\1b\d3\fe\af\66\9b\ef\3f"
  "\0e\bd\2f\2a\52\56\95\bc\51\5b\12\d0\01\93\ef\3f"
  "\55\ea\4e\8c\ef\80\50\bc\cc\31\6c\c0\bd\8a\ef\3f"
  "\16\f4\d5\b9\23\c9\91\bc\e0\2d\a9\ae\9a\82\ef\3f"
  "\af\55\5c\e9\e3\d3\80\3c\51\8e\a5\c8\98\7a\ef\3f"
  "\48\93\a5\ea\15\1b\80\bc\7b\51\7d\3c\b8\72\ef\3f"
  "\3d\32\de\55\f0\1f\8f\bc\ea\8d\8c\38\f9\6a\ef\3f"
  "\bf\53\13\3f\8c\89\8b\3c\75\cb\6f\eb\5b\63\ef\3f"
  "\26\eb\11\76\9c\d9\96\bc\d4\5c\04\84\e0\5b\ef\3f"
  "\60\2f\3a\3e\f7\ec\9a\3c\aa\b9\68\31\87\54\ef\3f"
  "\9d\38\86\cb\82\e7\8f\bc\1d\d9\fc\22\50\4d\ef\3f"
  "\8d\c3\a6\44\41\6f\8a\3c\d6\8c\62\88\3b\46\ef\3f"
  "\7d\04\e4\b0\05\7a\80\3c\96\dc\7d\91\49\3f\ef\3f"
  "\94\a8\a8\e3\fd\8e\96\3c\38\62\75\6e\7a\38\ef\3f"
  "\7d\48\74\f2\18\5e\87\3c\3f\a6\b2\4f\ce\31\ef\3f"
  "\f2\e7\1f\98\2b\47\80\3c\dd\7c\e2\65\45\2b\ef\3f"
  "\5e\08\71\3f\7b\b8\96\bc\81\63\f5\e1\df\24\ef\3f"
  "\31\ab\09\6d\e1\f7\82\3c\e1\de\1f\f5\9d\1e\ef\3f"
  "\fa\bf\6f\1a\9b\21\3d\bc\90\d9\da\d0\7f\18\ef\3f"
  "\b4\0a\0c\72\82\37\8b\3c\0b\03\e4\a6\85\12\ef\3f"
  "\8f\cb\ce\89\92\14\6e\3c\56\2f\3e\a9\af\0c\ef\3f"
  "\b6\ab\b0\4d\75\4d\83\3c\15\b7\31\0a\fe\06\ef\3f"
  "\4c\74\ac\e2\01\42\86\3c\31\d8\4c\fc\70\01\ef\3f"
  "\4a\f8\d3\5d\39\dd\8f\3c\ff\16\64\b2\08\fc\ee\3f"
  "\04\5b\8e\3b\80\a3\86\bc\f1\9f\92\5f\c5\f6\ee\3f"
  "\68\50\4b\cc\ed\4a\92\bc\cb\a9\3a\37\a7\f1\ee\3f"
  "\8e\2d\51\1b\f8\07\99\bc\66\d8\05\6d\ae\ec\ee\3f"
  "\d2\36\94\3e\e8\d1\71\bc\f7\9f\e5\34\db\e7\ee\3f"
  "\15\1b\ce\b3\19\19\99\bc\e5\a8\13\c3\2d\e3\ee\3f"
  "\6d\4c\2a\a7\48\9f\85\3c\22\34\12\4c\a6\de\ee\3f"
  "\8a\69\28\7a\60\12\93\bc\1c\80\ac\04\45\da\ee\3f"
  "\5b\89\17\48\8f\a7\58\bc\2a\2e\f7\21\0a\d6\ee\3f"
  "\1b\9a\49\67\9b\2c\7c\bc\97\a8\50\d9\f5\d1\ee\3f"
  "\11\ac\c2\60\ed\63\43\3c\2d\89\61\60\08\ce\ee\3f"
  "\ef\64\06\3b\09\66\96\3c\57\00\1d\ed\41\ca\ee\3f"
  "\79\03\a1\da\e1\cc\6e\3c\d0\3c\c1\b5\a2\c6\ee\3f"
  "\30\12\0f\3f\8e\ff\93\3c\de\d3\d7\f0\2a\c3\ee\3f"
  "\b0\af\7a\bb\ce\90\76\3c\27\2a\36\d5\da\bf\ee\3f"
  "\77\e0\54\eb\bd\1d\93\3c\0d\dd\fd\99\b2\bc\ee\3f"
  "\8e\a3\71\00\34\94\8f\bc\a7\2c\9d\76\b2\b9\ee\3f"
  "\49\a3\93\dc\cc\de\87\bc\42\66\cf\a2\da\b6\ee\3f"
  "\5f\38\0f\bd\c6\de\78\bc\82\4f\9d\56\2b\b4\ee\3f"
  "\f6\5c\7b\ec\46\12\86\bc\0f\92\5d\ca\a4\b1\ee\3f"
  "\8e\d7\fd\18\05\35\93\3c\da\27\b5\36\47\af\ee\3f"
  "\05\9b\8a\2f\b7\98\7b\3c\fd\c7\97\d4\12\ad\ee\3f"
  "\09\54\1c\e2\e1\63\90\3c\29\54\48\dd\07\ab\ee\3f"
  "\ea\c6\19\50\85\c7\34\3c\b7\46\59\8a\26\a9\ee\3f"
  "\35\c0\64\2b\e6\32\94\3c\48\21\ad\15\6f\a7\ee\3f"
  "\9f\76\99\61\4a\e4\8c\bc\09\dc\76\b9\e1\a5\ee\3f"
  "\a8\4d\ef\3b\c5\33\8c\bc\85\55\3a\b0\7e\a4\ee\3f"
  "\ae\e9\2b\89\78\53\84\bc\20\c3\cc\34\46\a3\ee\3f"
  "\58\58\56\78\dd\ce\93\bc\25\22\55\82\38\a2\ee\3f"
  "\64\19\7e\80\aa\10\57\3c\73\a9\4c\d4\55\a1\ee\3f"
  "\28\22\5e\bf\ef\b3\93\bc\cd\3b\7f\66\9e\a0\ee\3f"
  "\82\b9\34\87\ad\12\6a\bc\bf\da\0b\75\12\a0\ee\3f"
  "\ee\a9\6d\b8\ef\67\63\bc\2f\1a\65\3c\b2\9f\ee\3f"
  "\51\88\e0\54\3d\dc\80\bc\84\94\51\f9\7d\9f\ee\3f"
  "\cf\3e\5a\7e\64\1f\78\bc\74\5f\ec\e8\75\9f\ee\3f"
  "\b0\7d\8b\c0\4a\ee\86\bc\74\81\a5\48\9a\9f\ee\3f"
  "\8a\e6\55\1e\32\19\86\bc\c9\67\42\56\eb\9f\ee\3f"
  "\d3\d4\09\5e\cb\9c\90\3c\3f\5d\de\4f\69\a0\ee\3f"
  "\1d\a5\4d\b9\dc\32\7b\bc\87\01\eb\73\14\a1\ee\3f"
  "\6b\c0\67\54\fd\ec\94\3c\32\c1\30\01\ed\a1\ee\3f"
  "\55\6c\d6\ab\e1\eb\65\3c\62\4e\cf\36\f3\a2\ee\3f"
  "\42\cf\b3\2f\c5\a1\88\bc\12\1a\3e\54\27\a4\ee\3f"
  "\34\37\3b\f1\b6\69\93\bc\13\ce\4c\99\89\a5\ee\3f"
  "\1e\ff\19\3a\84\5e\80\bc\ad\c7\23\46\1a\a7\ee\3f"
  "\6e\57\72\d8\50\d4\94\bc\ed\92\44\9b\d9\a8\ee\3f"
  "\00\8a\0e\5b\67\ad\90\3c\99\66\8a\d9\c7\aa\ee\3f"
  "\b4\ea\f0\c1\2f\b7\8d\3c\db\a0\2a\42\e5\ac\ee\3f"
  "\ff\e7\c5\9c\60\b6\65\bc\8c\44\b5\16\32\af\ee\3f"
  "\44\5f\f3\59\83\f6\7b\3c\36\77\15\99\ae\b1\ee\3f"
  "\83\3d\1e\a7\1f\09\93\bc\c6\ff\91\0b\5b\b4\ee\3f"
  "\29\1e\6c\8b\b8\a9\5d\bc\e5\c5\cd\b0\37\b7\ee\3f"
  "\59\b9\90\7c\f9\23\6c\bc\0f\52\c8\cb\44\ba\ee\3f"
  "\aa\f9\f4\22\43\43\92\bc\50\4e\de\9f\82\bd\ee\3f"
  "\4b\8e\66\d7\6c\ca\85\bc\ba\07\ca\70\f1\c0\ee\3f"
  "\27\ce\91\2b\fc\af\71\3c\90\f0\a3\82\91\c4\ee\3f"
  "\bb\73\0a\e1\35\d2\6d\3c\23\23\e3\19\63\c8\ee\3f"
  "\63\22\62\22\04\c5\87\bc\65\e5\5d\7b\66\cc\ee\3f"
  "\d5\31\e2\e3\86\1c\8b\3c\33\2d\4a\ec\9b\d0\ee\3f"
  "\15\bb\bc\d3\d1\bb\91\bc\5d\25\3e\b2\03\d5\ee\3f"
  "\d2\31\ee\9c\31\cc\90\3c\58\b3\30\13\9e\d9\ee\3f"
  "\b3\5a\73\6e\84\69\84\3c\bf\fd\79\55\6b\de\ee\3f"
  "\b4\9d\8e\97\cd\df\82\bc\7a\f3\d3\bf\6b\e3\ee\3f"
  "\87\33\cb\92\77\1a\8c\3c\ad\d3\5a\99\9f\e8\ee\3f"
  "\fa\d9\d1\4a\8f\7b\90\bc\66\b6\8d\29\07\ee\ee\3f"
  "\ba\ae\dc\56\d9\c3\55\bc\fb\15\4f\b8\a2\f3\ee\3f"
  "\40\f6\a6\3d\0e\a4\90\bc\3a\59\e5\8d\72\f9\ee\3f"
  "\34\93\ad\38\f4\d6\68\bc\47\5e\fb\f2\76\ff\ee\3f"
  "\35\8a\58\6b\e2\ee\91\bc\4a\06\a1\30\b0\05\ef\3f"
  "\cd\dd\5f\0a\d7\ff\74\3c\d2\c1\4b\90\1e\0c\ef\3f"
  "\ac\98\92\fa\fb\bd\91\bc\09\1e\d7\5b\c2\12\ef\3f"
  "\b3\0c\af\30\ae\6e\73\3c\9c\52\85\dd\9b\19\ef\3f"
  "\94\fd\9f\5c\32\e3\8e\3c\7a\d0\ff\5f\ab\20\ef\3f"
  "\ac\59\09\d1\8f\e0\84\3c\4b\d1\57\2e\f1\27\ef\3f"
  "\67\1a\4e\38\af\cd\63\3c\b5\e7\06\94\6d\2f\ef\3f"
  "\68\19\92\6c\2c\6b\67\3c\69\90\ef\dc\20\37\ef\3f"
  "\d2\b5\cc\83\18\8a\80\bc\fa\c3\5d\55\0b\3f\ef\3f"
  "\6f\fa\ff\3f\5d\ad\8f\bc\7c\89\07\4a\2d\47\ef\3f"
  "\49\a9\75\38\ae\0d\90\bc\f2\89\0d\08\87\4f\ef\3f"
  "\a7\07\3d\a6\85\a3\74\3c\87\a4\fb\dc\18\58\ef\3f"
  "\0f\22\40\20\9e\91\82\bc\98\83\c9\16\e3\60\ef\3f"
  "\ac\92\c1\d5\50\5a\8e\3c\85\32\db\03\e6\69\ef\3f"
  "\4b\6b\01\ac\59\3a\84\3c\60\b4\01\f3\21\73\ef\3f"
  "\1f\3e\b4\07\21\d5\82\bc\5f\9b\7b\33\97\7c\ef\3f"
  "\c9\0d\47\3b\b9\2a\89\bc\29\a1\f5\14\46\86\ef\3f"
  "\d3\88\3a\60\04\b6\74\3c\f6\3f\8b\e7\2e\90\ef\3f"
  "\71\72\9d\51\ec\c5\83\3c\83\4c\c7\fb\51\9a\ef\3f"
  "\f0\91\d3\8f\12\f7\8f\bc\da\90\a4\a2\af\a4\ef\3f"
  "\7d\74\23\e2\98\ae\8d\bc\f1\67\8e\2d\48\af\ef\3f"
  "\08\20\aa\41\bc\c3\8e\3c\27\5a\61\ee\1b\ba\ef\3f"
  "\32\eb\a9\c3\94\2b\84\3c\97\ba\6b\37\2b\c5\ef\3f"
  "\ee\85\d1\31\a9\64\8a\3c\40\45\6e\5b\76\d0\ef\3f"
  "\ed\e3\3b\e4\ba\37\8e\bc\14\be\9c\ad\fd\db\ef\3f"
  "\9d\cd\91\4d\3b\89\77\3c\d8\90\9e\81\c1\e7\ef\3f"
  "\89\cc\60\41\c1\05\53\3c\f1\71\8f\2b\c2\f3\ef\3f")
(data $mochi_math.d.log
  "\9f\de\e0\c3\f0\34\f7\3f\00\90\e6\79\7f\cc\d7\bf"
  "\1f\e9\2c\6a\78\13\f7\3f\00\00\0d\c2\ee\6f\d7\bf"
  "\a0\b5\fa\08\60\f2\f6\3f\00\e0\51\13\e3\13\d7\bf"
  "\7d\8c\13\1f\a6\d1\f6\3f\00\78\28\38\5b\b8\d6\bf"
  "\d1\b4\c5\0b\49\b1\f6\3f\00\78\80\90\55\5d\d6\bf"
  "\ba\0c\2f\33\47\91\f6\3f\00\00\18\76\d0\02\d6\bf"
  "\23\42\22\18\9f\71\f6\3f\00\90\90\86\ca\a8\d5\bf"
  "\d9\1e\a5\99\4f\52\f6\3f\00\50\03\56\43\4f\d5\bf"
  "\c4\24\8f\aa\56\33\f6\3f\00\40\6b\c3\37\f6\d4\bf"
  "\14\dc\9d\6b\b3\14\f6\3f\00\50\a8\fd\a7\9d\d4\bf"
  "\4c\5c\c6\52\64\f6\f5\3f\00\a8\89\39\92\45\d4\bf"
  "\4f\2c\91\b5\67\d8\f5\3f\00\b8\b0\39\f4\ed\d3\bf"
  "\de\90\5b\cb\bc\ba\f5\3f\00\70\8f\44\ce\96\d3\bf"
  "\78\1a\d9\f2\61\9d\f5\3f\00\a0\bd\17\1e\40\d3\bf"
  "\87\56\46\12\56\80\f5\3f\00\80\46\ef\e2\e9\d2\bf"
  "\d3\6b\e7\ce\97\63\f5\3f\00\e0\30\38\1b\94\d2\bf"
  "\93\7f\a7\e2\25\47\f5\3f\00\88\da\8c\c5\3e\d2\bf"
  "\83\45\06\42\ff\2a\f5\3f\00\90\27\29\e1\e9\d1\bf"
  "\df\bd\b2\db\22\0f\f5\3f\00\f8\48\2b\6d\95\d1\bf"
  "\d7\de\34\47\8f\f3\f4\3f\00\f8\b9\9a\67\41\d1\bf"
  "\40\28\de\cf\43\d8\f4\3f\00\98\ef\94\d0\ed\d0\bf"
  "\c8\a3\78\c0\3e\bd\f4\3f\00\10\db\18\a5\9a\d0\bf"
  "\8a\25\e0\c3\7f\a2\f4\3f\00\b8\63\52\e6\47\d0\bf"
  "\34\84\d4\24\05\88\f4\3f\00\f0\86\45\22\eb\cf\bf"
  "\0b\2d\19\1b\ce\6d\f4\3f\00\b0\17\75\4a\47\cf\bf"
  "\54\18\39\d3\d9\53\f4\3f\00\30\10\3d\44\a4\ce\bf"
  "\5a\84\b4\44\27\3a\f4\3f\00\b0\e9\44\0d\02\ce\bf"
  "\fb\f8\15\41\b5\20\f4\3f\00\f0\77\29\a2\60\cd\bf"
  "\b1\f4\3e\da\82\07\f4\3f\00\90\95\04\01\c0\cc\bf"
  "\8f\fe\57\5d\8f\ee\f3\3f\00\10\89\56\29\20\cc\bf"
  "\e9\4c\0b\a0\d9\d5\f3\3f\00\10\81\8d\17\81\cb\bf"
  "\2b\c1\10\c0\60\bd\f3\3f\00\d0\d3\cc\c9\e2\ca\bf"
  "\b8\da\75\2b\24\a5\f3\3f\00\90\12\2e\40\45\ca\bf"
  "\02\d0\9f\cd\22\8d\f3\3f\00\f0\1d\68\77\a8\c9\bf"
  "\1c\7a\84\c5\5b\75\f3\3f\00\30\48\69\6d\0c\c9\bf"
  "\e2\36\ad\49\ce\5d\f3\3f\00\c0\45\a6\20\71\c8\bf"
  "\40\d4\4d\98\79\46\f3\3f\00\30\14\b4\8f\d6\c7\bf"
  "\24\cb\ff\ce\5c\2f\f3\3f\00\70\62\3c\b8\3c\c7\bf"
  "\49\0d\a1\75\77\18\f3\3f\00\60\37\9b\9a\a3\c6\bf"
  "\90\39\3e\37\c8\01\f3\3f\00\a0\b7\54\31\0b\c6\bf"
  "\41\f8\95\bb\4e\eb\f2\3f\00\30\24\76\7d\73\c5\bf"
  "\d1\a9\19\02\0a\d5\f2\3f\00\30\c2\8f\7b\dc\c4\bf"
  "\2a\fd\b7\a8\f9\be\f2\3f\00\00\d2\51\2c\46\c4\bf"
  "\ab\1b\0c\7a\1c\a9\f2\3f\00\00\83\bc\8a\b0\c3\bf"
  "\30\b5\14\60\72\93\f2\3f\00\00\49\6b\99\1b\c3\bf"
  "\f5\a1\57\57\fa\7d\f2\3f\00\40\a4\90\54\87\c2\bf"
  "\bf\3b\1d\9b\b3\68\f2\3f\00\a0\79\f8\b9\f3\c1\bf"
  "\bd\f5\8f\83\9d\53\f2\3f\00\a0\2c\25\c8\60\c1\bf"
  "\3b\08\c9\aa\b7\3e\f2\3f\00\20\f7\57\7f\ce\c0\bf"
  "\b6\40\a9\2b\01\2a\f2\3f\00\a0\fe\49\dc\3c\c0\bf"
  "\32\41\cc\96\79\15\f2\3f\00\80\4b\bc\bd\57\bf\bf"
  "\9b\fc\d2\1d\20\01\f2\3f\00\40\40\96\08\37\be\bf"
  "\0b\48\4d\49\f4\ec\f1\3f\00\40\f9\3e\98\17\bd\bf"
  "\69\65\8f\52\f5\d8\f1\3f\00\a0\d8\4e\67\f9\bb\bf"
  "\7c\7e\57\11\23\c5\f1\3f\00\60\2f\20\79\dc\ba\bf"
  "\e9\26\cb\74\7c\b1\f1\3f\00\80\28\e7\c3\c0\b9\bf"
  "\b6\1a\2c\0c\01\9e\f1\3f\00\c0\72\b3\46\a6\b8\bf"
  "\bd\70\b6\7b\b0\8a\f1\3f\00\00\ac\b3\01\8d\b7\bf"
  "\b6\bc\ef\25\8a\77\f1\3f\00\00\38\45\f1\74\b6\bf"
  "\da\31\4c\35\8d\64\f1\3f\00\80\87\6d\0e\5e\b5\bf"
  "\dd\5f\27\90\b9\51\f1\3f\00\e0\a1\de\5c\48\b4\bf"
  "\4c\d2\32\a4\0e\3f\f1\3f\00\a0\6a\4d\d9\33\b3\bf"
  "\da\f9\10\72\8b\2c\f1\3f\00\60\c5\f8\79\20\b2\bf"
  "\31\b5\ec\28\30\1a\f1\3f\00\20\62\98\46\0e\b1\bf"
  "\af\34\84\da\fb\07\f1\3f\00\00\d2\6a\6c\fa\af\bf"
  "\b3\6b\4e\0f\ee\f5\f0\3f\00\40\77\4a\8d\da\ad\bf"
  "\ce\9f\2a\5d\06\e4\f0\3f\00\00\85\e4\ec\bc\ab\bf"
  "\21\a5\2c\63\44\d2\f0\3f\00\c0\12\40\89\a1\a9\bf"
  "\1a\98\e2\7c\a7\c0\f0\3f\00\c0\02\33\58\88\a7\bf"
  "\d1\36\c6\83\2f\af\f0\3f\00\80\d6\67\5e\71\a5\bf"
  "\39\13\a0\98\db\9d\f0\3f\00\80\65\49\8a\5c\a3\bf"
  "\df\e7\52\af\ab\8c\f0\3f\00\40\15\64\e3\49\a1\bf"
  "\fb\28\4e\2f\9f\7b\f0\3f\00\80\eb\82\c0\72\9e\bf"
  "\19\8f\35\8c\b5\6a\f0\3f\00\80\52\52\f1\55\9a\bf"
  "\2c\f9\ec\a5\ee\59\f0\3f\00\80\81\cf\62\3d\96\bf"
  "\90\2c\d1\cd\49\49\f0\3f\00\00\aa\8c\fb\28\92\bf"
  "\a9\ad\f0\c6\c6\38\f0\3f\00\00\f9\20\7b\31\8c\bf"
  "\a9\32\79\13\65\28\f0\3f\00\00\aa\5d\35\19\84\bf"
  "\48\73\ea\27\24\18\f0\3f\00\00\ec\c2\03\12\78\bf"
  "\95\b1\14\06\04\08\f0\3f\00\00\24\79\09\04\60\bf"
  "\1a\fa\26\f7\1f\e0\ef\3f\00\00\90\84\f3\ef\6f\3f"
  "\74\ea\61\c2\1c\a1\ef\3f\00\00\3d\35\41\dc\87\3f"
  "\2e\99\81\b0\10\63\ef\3f\00\80\c2\c4\a3\ce\93\3f"
  "\cd\ad\ee\3c\f6\25\ef\3f\00\00\89\14\c1\9f\9b\3f"
  "\e7\13\91\03\c8\e9\ee\3f\00\00\11\ce\d8\b0\a1\3f"
  "\ab\b1\cb\78\80\ae\ee\3f\00\c0\01\d0\5b\8a\a5\3f"
  "\9b\0c\9d\a2\1a\74\ee\3f\00\80\d8\40\83\5c\a9\3f"
  "\b5\99\0a\83\91\3a\ee\3f\00\80\57\ef\6a\27\ad\3f"
  "\56\9a\60\09\e0\01\ee\3f\00\c0\98\e5\98\75\b0\3f"
  "\98\bb\77\e5\01\ca\ed\3f\00\20\0d\e3\f5\53\b2\3f"
  "\03\91\7c\0b\f2\92\ed\3f\00\00\38\8b\dd\2e\b4\3f"
  "\ce\5c\fb\66\ac\5c\ed\3f\00\c0\57\87\59\06\b6\3f"
  "\9d\de\5e\aa\2c\27\ed\3f\00\00\6a\35\76\da\b7\3f"
  "\cd\2c\6b\3e\6e\f2\ec\3f\00\60\1c\4e\43\ab\b9\3f"
  "\02\79\a7\a2\6d\be\ec\3f\00\60\0d\bb\c7\78\bb\3f"
  "\6d\08\37\6d\26\8b\ec\3f\00\20\e7\32\13\43\bd\3f"
  "\04\58\5d\bd\94\58\ec\3f\00\60\de\71\31\0a\bf\3f"
  "\8c\9f\bb\33\b5\26\ec\3f\00\40\91\2b\15\67\c0\3f"
  "\3f\e7\ec\ee\83\f5\eb\3f\00\b0\92\82\85\47\c1\3f"
  "\c1\96\db\75\fd\c4\eb\3f\00\30\ca\cd\6e\26\c2\3f"
  "\28\4a\86\0c\1e\95\eb\3f\00\50\c5\a6\d7\03\c3\3f"
  "\2c\3e\ef\c5\e2\65\eb\3f\00\10\33\3c\c3\df\c3\3f"
  "\8b\88\c9\67\48\37\eb\3f\00\80\7a\6b\36\ba\c4\3f"
  "\4a\30\1d\21\4b\09\eb\3f\00\f0\d1\28\39\93\c5\3f"
  "\7e\ef\f2\85\e8\db\ea\3f\00\f0\18\24\cd\6a\c6\3f"
  "\a2\3d\60\31\1d\af\ea\3f\00\90\66\ec\f8\40\c7\3f"
  "\a7\58\d3\3f\e6\82\ea\3f\00\f0\1a\f5\c0\15\c8\3f"
  "\8b\73\09\ef\40\57\ea\3f\00\80\f6\54\29\e9\c8\3f"
  "\27\4b\ab\90\2a\2c\ea\3f\00\40\f8\02\36\bb\c9\3f"
  "\d1\f2\93\13\a0\01\ea\3f\00\00\2c\1c\ed\8b\ca\3f"
  "\1b\3c\db\24\9f\d7\e9\3f\00\d0\01\5c\51\5b\cb\3f"
  "\90\b1\c7\05\25\ae\e9\3f\00\c0\bc\cc\67\29\cc\3f"
  "\2f\ce\97\f2\2e\85\e9\3f\00\60\48\d5\35\f6\cc\3f"
  "\75\4b\a4\ee\ba\5c\e9\3f\00\c0\46\34\bd\c1\cd\3f"
  "\38\48\e7\9d\c6\34\e9\3f\00\e0\cf\b8\01\8c\ce\3f"
  "\e6\52\67\2f\4f\0d\e9\3f\00\90\17\c0\09\55\cf\3f"
  "\9d\d7\ff\8e\52\e6\e8\3f\00\b8\1f\12\6c\0e\d0\3f"
  "\7c\00\cc\9f\ce\bf\e8\3f\00\d0\93\0e\b8\71\d0\3f"
  "\0e\c3\be\da\c0\99\e8\3f\00\70\86\9e\6b\d4\d0\3f"
  "\fb\17\23\aa\27\74\e8\3f\00\d0\4b\33\87\36\d1\3f"
  "\08\9a\b3\ac\00\4f\e8\3f\00\48\23\67\0d\98\d1\3f"
  "\55\3e\65\e8\49\2a\e8\3f\00\80\cc\e0\ff\f8\d1\3f"
  "\60\02\f4\95\01\06\e8\3f\00\68\63\d7\5f\59\d2\3f"
  "\29\a3\e0\63\25\e2\e7\3f\00\a8\14\09\30\b9\d2\3f"
  "\ad\b5\dc\77\b3\be\e7\3f\00\60\43\10\72\18\d3\3f"
  "\c2\25\97\67\aa\9b\e7\3f\00\18\ec\6d\26\77\d3\3f"
  "\57\06\17\f2\07\79\e7\3f\00\30\af\fb\4f\d5\d3\3f"
  "\0c\13\d6\db\ca\56\e7\3f\00\e0\2f\e3\ee\32\d4\3f")
(data $mochi_math.d.log2nd
  "\6b\b6\4f\01\00\10\e6\3f\3c\5b\42\91\6c\02\7e\3c"
  "\95\b4\4d\03\00\30\e6\3f\41\5d\00\48\ea\bf\8d\3c"
  "\78\d4\94\0d\00\50\e6\3f\b7\a5\d6\86\a7\7f\8e\3c"
  "\ad\6f\4e\07\00\70\e6\3f\4c\25\54\6b\ea\fc\61\3c"
  "\ae\0f\df\fe\ff\8f\e6\3f\fd\0e\59\4c\27\7e\7c\bc"
  "\bc\c5\63\07\00\b0\e6\3f\01\da\dc\48\68\c1\8a\bc"
  "\f6\c1\5c\1e\00\d0\e6\3f\11\93\49\9d\1c\3f\83\3c"
  "\3e\f6\05\eb\ff\ef\e6\3f\53\2d\e2\1a\04\80\7e\bc"
  "\80\97\86\0e\00\10\e7\3f\52\79\09\71\66\ff\7b\3c"
  "\12\e9\67\fc\ff\2f\e7\3f\24\87\bd\26\e2\00\8c\3c"
  "\6a\11\81\df\ff\4f\e7\3f\d2\01\f1\6e\91\02\6e\bc"
  "\90\9c\67\0f\00\70\e7\3f\74\9c\54\cd\71\fc\67\bc"
  "\35\c8\7e\fa\ff\8f\e7\3f\83\04\f5\9e\c1\be\81\3c"
  "\e6\c2\20\fe\ff\af\e7\3f\65\64\cc\29\17\7e\70\bc"
  "\00\c9\3f\ed\ff\cf\e7\3f\1c\8b\7b\08\72\80\80\bc"
  "\76\1a\26\e9\ff\ef\e7\3f\ae\f9\9d\6d\28\c0\8d\3c"
  "\e8\a3\9c\04\00\10\e8\3f\33\4c\e5\51\d2\7f\89\3c"
  "\8f\2c\93\17\00\30\e8\3f\81\f3\30\b6\e9\fe\8a\bc"
  "\9c\73\33\06\00\50\e8\3f\bc\35\65\6b\bf\bf\89\3c"
  "\c6\89\42\20\00\70\e8\3f\75\7b\11\f3\65\bf\8b\bc"
  "\04\79\f5\eb\ff\8f\e8\3f\57\cb\3d\a2\6e\00\89\bc"
  "\df\04\bc\22\00\b0\e8\3f\0a\4b\e0\38\df\00\7d\bc"
  "\8a\1b\0c\e5\ff\cf\e8\3f\05\9f\ff\46\71\00\88\bc"
  "\43\8e\91\fc\ff\ef\e8\3f\38\70\7a\d0\7b\81\83\3c"
  "\c7\5f\fa\1e\00\10\e9\3f\03\b4\df\76\91\3e\89\3c"
  "\b9\7b\46\13\00\30\e9\3f\76\02\98\4b\4e\80\7f\3c"
  "\6f\07\ee\e6\ff\4f\e9\3f\2e\62\ff\d9\f0\7e\8f\bc"
  "\d1\12\3c\de\ff\6f\e9\3f\ba\38\26\96\aa\82\70\bc"
  "\0d\8a\45\f4\ff\8f\e9\3f\ef\a8\64\91\1b\80\87\bc"
  "\3e\2e\98\dd\ff\af\e9\3f\37\93\5a\8a\e0\40\87\bc"
  "\66\fb\49\ed\ff\cf\e9\3f\00\e0\9b\c1\08\ce\3f\3c"
  "\51\9c\f1\20\00\f0\e9\3f\0a\5b\88\27\aa\3f\8a\bc"
  "\06\b0\45\11\00\10\ea\3f\56\da\58\99\48\ff\74\3c"
  "\fa\f6\bb\07\00\30\ea\3f\18\6d\2b\8a\ab\be\8c\3c"
  "\79\1d\97\10\00\50\ea\3f\30\79\78\dd\ca\fe\88\3c"
  "\48\2e\f5\1d\00\70\ea\3f\db\ab\d8\3d\76\41\8f\bc"
  "\52\33\59\1c\00\90\ea\3f\12\76\c2\84\02\bf\8e\bc"
  "\4b\3e\4f\2a\00\b0\ea\3f\5f\3f\ff\3c\04\fd\69\bc"
  "\d1\1e\ae\d7\ff\cf\ea\3f\b4\70\90\12\e7\3e\82\bc"
  "\78\04\51\ee\ff\ef\ea\3f\a3\de\0e\e0\3e\06\6a\3c"
  "\5b\0d\65\db\ff\0f\eb\3f\b9\0a\1f\38\c8\06\5a\3c"
  "\57\ca\aa\fe\ff\2f\eb\3f\1d\3c\23\74\1e\01\79\bc"
  "\dc\ba\95\d9\ff\4f\eb\3f\9f\2a\86\68\10\ff\79\bc"
  "\9c\65\9e\24\00\70\eb\3f\3e\4f\86\d0\45\ff\8a\3c"
  "\40\16\87\f9\ff\8f\eb\3f\f9\c3\c2\96\77\fe\7c\3c"
  "\4f\cb\04\d2\ff\af\eb\3f\c4\2b\f2\ee\27\ff\63\bc"
  "\45\5c\41\d2\ff\cf\eb\3f\21\ea\3b\ee\b7\ff\6c\bc"
  "\df\09\63\f8\ff\ef\eb\3f\5c\0b\2e\97\03\41\81\bc"
  "\53\76\b5\e1\ff\0f\ec\3f\19\6a\b7\94\64\c1\8b\3c"
  "\e3\57\fa\f1\ff\2f\ec\3f\ed\c6\30\8d\ef\fe\64\bc"
  "\24\e4\bf\dc\ff\4f\ec\3f\75\47\ec\bc\68\3f\84\bc"
  "\f7\b9\54\ed\ff\6f\ec\3f\ec\e0\53\f0\a3\7e\84\3c"
  "\d5\8f\99\eb\ff\8f\ec\3f\f1\92\f9\8d\06\83\73\3c"
  "\9a\21\25\21\00\b0\ec\3f\04\0e\18\64\8e\fd\68\bc"
  "\9c\46\94\dd\ff\cf\ec\3f\72\ea\c7\1c\be\7e\8e\3c"
  "\76\c4\fd\ea\ff\ef\ec\3f\fe\88\9f\ad\39\be\8e\3c"
  "\2b\f8\9a\16\00\10\ed\3f\71\5a\b9\a8\91\7d\75\3c"
  "\1d\f7\0f\0d\00\30\ed\3f\da\c7\70\69\90\c1\89\3c"
  "\c4\0f\79\ea\ff\4f\ed\3f\0c\fe\58\c5\37\0e\58\bc"
  "\e5\87\dc\2e\00\70\ed\3f\44\0f\c1\4d\d6\80\7f\bc"
  "\aa\82\dc\21\00\90\ed\3f\5c\5c\fd\94\8f\7c\74\bc"
  "\83\02\6b\d8\ff\af\ed\3f\7e\61\21\c5\1d\7f\8c\3c"
  "\39\47\6c\29\00\d0\ed\3f\53\b1\ff\b2\9e\01\88\3c"
  "\f5\90\44\e5\ff\ef\ed\3f\89\cc\52\c6\d2\00\6e\3c"
  "\94\f6\ab\cd\ff\0f\ee\3f\d2\69\2d\20\40\83\7f\bc"
  "\dd\c8\52\db\ff\2f\ee\3f\64\08\1b\ca\c1\00\7b\3c"
  "\ef\16\42\f2\ff\4f\ee\3f\51\ab\94\b0\a8\ff\72\3c"
  "\11\5e\8a\e8\ff\6f\ee\3f\59\be\ef\b1\73\f6\57\bc"
  "\0d\ff\9e\11\00\90\ee\3f\01\c8\0b\5e\8d\80\84\bc"
  "\44\17\a5\df\ff\af\ee\3f\b5\20\43\d5\06\00\78\3c"
  "\a1\7f\12\1a\00\d0\ee\3f\92\5c\56\60\f8\02\50\bc"
  "\c4\bc\ba\07\00\f0\ee\3f\11\e6\35\5d\44\40\85\bc"
  "\02\8d\7a\f5\ff\0f\ef\3f\05\91\ef\39\31\fb\4f\bc"
  "\c7\8a\e5\1e\00\30\ef\3f\55\11\73\f2\ac\81\8a\3c"
  "\94\34\82\f5\ff\4f\ef\3f\43\c7\d7\d4\41\3f\8a\3c"
  "\6b\4c\a9\fc\ff\6f\ef\3f\75\78\98\1c\f4\02\62\bc"
  "\41\c4\f9\e1\ff\8f\ef\3f\4b\e7\77\f4\d1\7d\77\3c"
  "\7e\e3\e0\d2\ff\af\ef\3f\31\a3\7c\9a\19\01\6f\bc"
  "\9e\e4\77\1c\00\d0\ef\3f\b1\ac\ce\4b\ee\81\71\3c"
  "\31\c3\e0\f7\ff\ef\ef\3f\5a\87\70\01\37\05\6e\bc"
  "\6e\60\65\f4\ff\0f\f0\3f\da\0a\1c\49\ad\7e\8a\bc"
  "\58\7a\86\f3\ff\2f\f0\3f\e0\b2\fc\c3\69\7f\97\bc"
  "\17\0d\fc\fd\ff\4f\f0\3f\5b\94\cb\34\fe\bf\97\3c"
  "\82\4d\cd\03\00\70\f0\3f\cb\56\e4\c0\83\00\82\3c"
  "\e8\cb\f2\f9\ff\8f\f0\3f\1a\75\37\be\df\ff\6d\bc"
  "\65\da\0c\01\00\b0\f0\3f\eb\26\e6\ae\7f\3f\91\bc"
  "\38\d3\a4\01\00\d0\f0\3f\f7\9f\48\79\fa\7d\80\3c"
  "\fd\fd\da\fa\ff\ef\f0\3f\c0\6b\d6\70\05\04\77\bc"
  "\96\fd\ba\0b\00\10\f1\3f\62\0b\6d\84\d4\80\8e\3c"
  "\5d\f4\e5\fa\ff\2f\f1\3f\ef\36\fd\64\fa\bf\9d\3c"
  "\d9\9a\d5\0d\00\50\f1\3f\ae\50\12\70\77\00\9a\3c"
  "\9a\55\21\0f\00\70\f1\3f\ee\de\e3\e2\f9\fd\8d\3c"
  "\26\54\27\fc\ff\8f\f1\3f\73\72\3b\dc\30\00\91\3c"
  "\59\3c\3d\12\00\b0\f1\3f\88\01\03\80\79\7f\99\3c"
  "\b7\9e\29\f8\ff\cf\f1\3f\67\8c\9f\ab\32\f9\65\bc"
  "\00\d4\8a\f4\ff\ef\f1\3f\eb\5b\a7\9d\bf\7f\93\3c"
  "\a4\86\8b\0c\00\10\f2\3f\22\5b\fd\91\6b\80\9f\3c"
  "\03\43\85\03\00\30\f2\3f\33\bf\9f\eb\c2\ff\93\3c"
  "\84\f6\bc\ff\ff\4f\f2\3f\72\2e\2e\7e\e7\01\76\3c"
  "\d9\21\29\f5\ff\6f\f2\3f\61\0c\7f\76\bb\fc\7f\3c"
  "\3c\3a\93\14\00\90\f2\3f\2b\41\02\3c\ca\02\72\bc"
  "\13\63\55\14\00\b0\f2\3f\02\1f\f2\33\82\80\92\bc"
  "\3b\52\fe\eb\ff\cf\f2\3f\f2\dc\4f\38\7e\ff\88\bc"
  "\96\ad\b8\0b\00\f0\f2\3f\c5\41\30\50\51\ff\85\bc"
  "\af\e2\7a\fb\ff\0f\f3\3f\9d\28\5e\88\71\00\81\bc"
  "\7f\5f\ac\fe\ff\2f\f3\3f\15\b7\b7\3f\5d\ff\91\bc"
  "\56\67\a6\0c\00\50\f3\3f\bd\82\8b\22\82\7f\95\3c"
  "\21\f7\fb\11\00\70\f3\3f\cc\d5\0d\c4\ba\00\80\3c"
  "\b9\2f\59\f9\ff\8f\f3\3f\51\a7\b2\2d\9d\3f\94\bc"
  "\42\d2\dd\04\00\b0\f3\3f\e1\38\76\70\6b\7f\85\3c"
  "\57\c9\b2\f5\ff\cf\f3\3f\31\12\bf\10\3a\02\7a\3c"
  "\18\b4\b0\ea\ff\ef\f3\3f\b0\52\b1\66\6d\7f\98\3c"
  "\f4\af\32\15\00\10\f4\3f\24\85\19\5f\37\f8\67\3c"
  "\29\8b\47\17\00\30\f4\3f\43\51\dc\72\e6\01\83\3c"
  "\63\b4\95\e7\ff\4f\f4\3f\5a\89\b2\b8\69\ff\89\3c"
  "\e0\75\04\e8\ff\6f\f4\3f\54\f2\c2\9b\b1\c0\95\bc"
  "\e7\c1\6f\ef\ff\8f\f4\3f\72\2a\3a\f2\09\40\9b\3c"
  "\04\a7\be\e5\ff\af\f4\3f\45\7d\0d\bf\b7\ff\94\bc"
  "\de\27\10\17\00\d0\f4\3f\3d\6a\dc\71\64\c0\99\bc"
  "\e2\3e\f0\0f\00\f0\f4\3f\1c\53\85\0b\89\7f\97\3c"
  "\d1\4b\dc\12\00\10\f5\3f\36\a4\66\71\65\04\60\3c"
  "\7a\27\05\16\00\30\f5\3f\09\32\23\ce\ce\bf\96\bc"
  "\4c\70\db\ec\ff\4f\f5\3f\d7\a1\05\05\72\02\89\bc"
  "\a9\54\5f\ef\ff\6f\f5\3f\12\64\c9\0e\e6\bf\9b\3c"
  "\12\10\e6\17\00\90\f5\3f\90\ef\af\81\c5\7e\88\3c"
  "\92\3e\c9\03\00\b0\f5\3f\c0\0c\bf\0a\08\41\9f\bc"
  "\bc\19\49\1d\00\d0\f5\3f\29\47\25\fb\2a\81\98\bc"
  "\89\7a\b8\e7\ff\ef\f5\3f\04\69\ed\80\b7\7e\94\bc")
(data $mochi_math.d.log2
  "\f8\ac\b1\6b\28\24\f7\3f\00\b0\cd\ee\5f\09\e1\bf"
  "\a1\cc\d2\66\f7\e1\f6\3f\00\d0\76\bd\94\84\e0\bf"
  "\8a\d4\30\0e\3d\a1\f6\3f\00\f8\e8\ae\43\01\e0\bf"
  "\85\6c\d0\32\ec\61\f6\3f\00\40\0b\36\c5\fe\de\bf"
  "\f8\98\11\95\fa\23\f6\3f\00\e0\b7\1a\d9\fd\dd\bf"
  "\6c\02\cf\a4\5b\e7\f5\3f\00\90\c7\0c\ae\ff\dc\bf"
  "\b8\4f\21\5a\05\ac\f5\3f\00\a0\fd\11\38\04\dc\bf"
  "\1e\6e\16\0f\ed\71\f5\3f\00\e0\3a\32\67\0b\db\bf"
  "\35\f8\0b\59\09\39\f5\3f\00\b0\2d\5a\2f\15\da\bf"
  "\dd\ad\61\ed\4f\01\f5\3f\00\60\f8\5a\7f\21\d9\bf"
  "\d0\7b\48\8e\b8\ca\f4\3f\00\90\71\b0\4d\30\d8\bf"
  "\ee\4f\33\b4\39\95\f4\3f\00\e0\a9\f9\89\41\d7\bf"
  "\69\d5\af\df\cb\60\f4\3f\00\90\19\b5\2b\55\d6\bf"
  "\53\b9\e4\4e\66\2d\f4\3f\00\10\9b\a2\23\6b\d5\bf"
  "\a6\d8\1d\11\01\fb\f3\3f\00\a0\5f\0f\65\83\d4\bf"
  "\36\58\0c\b7\95\c9\f3\3f\00\a0\f6\37\e9\9d\d3\bf"
  "\4a\fd\b6\4a\1c\99\f3\3f\00\60\8d\53\a1\ba\d2\bf"
  "\b5\99\e0\0c\8e\69\f3\3f\00\40\ca\40\83\d9\d1\bf"
  "\b2\e7\13\82\e4\3a\f3\3f\00\e0\40\3a\85\fa\d0\bf"
  "\b1\bd\85\19\19\0d\f3\3f\00\30\e7\32\9c\1d\d0\bf"
  "\d7\71\b2\ca\25\e0\f2\3f\00\60\fa\a2\7d\85\ce\bf"
  "\82\cd\13\cf\04\b4\f2\3f\00\80\3d\63\c8\d3\cc\bf"
  "\50\cb\7c\2c\b0\88\f2\3f\00\a0\14\4c\03\26\cb\bf"
  "\e5\4d\94\63\22\5e\f2\3f\00\e0\4f\2f\1c\7c\c9\bf"
  "\b1\15\86\3d\56\34\f2\3f\00\00\80\3f\02\d6\c7\bf"
  "\38\af\3e\e3\46\0b\f2\3f\00\e0\05\1a\a7\33\c6\bf"
  "\dd\a3\cd\fd\ee\e2\f1\3f\00\00\57\e9\f5\94\c4\bf"
  "\30\39\0b\58\4a\bb\f1\3f\00\a0\e0\24\e4\f9\c2\bf"
  "\00\22\7f\84\53\94\f1\3f\00\c0\fd\5a\59\62\c1\bf"
  "\3c\d7\d5\c0\06\6e\f1\3f\00\80\bd\75\9a\9c\bf\bf"
  "\c2\e4\b7\47\5f\48\f1\3f\00\c0\f9\5b\57\7b\bc\bf"
  "\d1\85\00\ad\58\23\f1\3f\00\80\f4\0f\c6\60\b9\bf"
  "\27\22\53\0f\f0\fe\f0\3f\00\00\b6\47\e2\4c\b6\bf"
  "\8f\3a\d0\77\20\db\f0\3f\00\40\01\b2\78\3f\b3\bf"
  "\d9\80\59\d6\e6\b7\f0\3f\00\c0\42\1a\7d\38\b0\bf"
  "\8d\40\7b\fe\3e\95\f0\3f\00\00\b5\08\92\6f\aa\bf"
  "\83\3b\c5\ca\25\73\f0\3f\00\00\77\4f\95\7a\a4\bf"
  "\5c\1b\0d\e4\97\51\f0\3f\00\00\0c\c5\a8\23\9d\bf"
  "\a2\8e\20\c1\91\30\f0\3f\00\00\78\29\26\6a\91\bf"
  "\21\7e\b3\25\10\10\f0\3f\00\00\e8\d8\f8\20\77\bf"
  "\6b\a7\ca\f9\7e\c0\ef\3f\00\00\50\b1\53\fe\86\3f"
  "\84\f1\f6\d3\65\44\ef\3f\00\80\0f\e1\cc\1c\a1\3f"
  "\7f\10\84\9f\07\cc\ee\3f\00\80\8b\8c\fc\4d\ac\3f"
  "\e8\5a\97\99\3a\57\ee\3f\00\40\57\1e\32\aa\b3\3f"
  "\e6\3d\bd\f0\d6\e5\ed\3f\00\80\8b\d0\a0\18\b9\3f"
  "\b3\38\ff\81\b6\77\ed\3f\00\40\04\da\e9\72\be\3f"
  "\43\e9\4d\72\b5\0c\ed\3f\00\60\7f\50\d2\dc\c1\3f"
  "\63\75\0e\dc\b2\a4\ec\3f\00\a0\de\03\ab\76\c4\3f"
  "\51\cb\d6\e8\8e\3f\ec\3f\00\20\e2\77\43\07\c7\3f"
  "\4c\0c\02\4f\2b\dd\eb\3f\00\40\a9\8b\de\8e\c9\3f"
  "\ca\15\60\00\6c\7d\eb\3f\00\e0\d2\6a\b8\0d\cc\3f"
  "\8f\33\2e\6e\36\20\eb\3f\00\e0\ce\af\0a\84\ce\3f"
  "\39\50\29\26\70\c5\ea\3f\00\80\67\b4\0a\79\d0\3f"
  "\dd\31\27\bc\01\6d\ea\3f\00\c0\01\68\05\ac\d1\3f"
  "\8b\f1\3f\bc\d3\16\ea\3f\00\e0\fe\d4\11\db\d2\3f"
  "\ad\fe\67\49\d1\c2\e9\3f\00\80\c5\4e\46\06\d4\3f"
  "\02\99\7c\f4\e4\70\e9\3f\00\f0\3a\09\be\2d\d5\3f"
  "\f2\bc\82\39\fb\20\e9\3f\00\d0\50\20\90\51\d6\3f"
  "\f1\59\f7\87\01\d3\e8\3f\00\f0\ea\cd\d2\71\d7\3f"
  "\6d\f6\b9\eb\e5\86\e8\3f\00\90\7d\85\9c\8e\d8\3f"
  "\94\b9\58\b6\97\3c\e8\3f\00\60\e1\55\01\a8\d9\3f"
  "\22\10\c6\ff\05\f4\e7\3f\00\d0\d3\6e\18\be\da\3f"
  "\ca\15\14\18\22\ad\e7\3f\00\e0\a0\ae\f2\d0\db\3f"
  "\8c\ff\9e\f9\dc\67\e7\3f\00\40\bf\3d\a4\e0\dc\3f")
(data $mochi_math.d.log22nd
  "\8e\0a\b9\12\00\20\e6\3f\05\b6\44\06\ab\04\89\3c"
  "\a6\34\57\04\00\60\e6\3f\a9\f7\62\ea\9b\ff\61\3c"
  "\c5\f2\25\c3\ff\9f\e6\3f\ba\90\3c\cb\cf\7e\82\3c"
  "\04\5a\b9\38\00\e0\e6\3f\26\93\73\56\88\ff\88\3c"
  "\e3\94\99\e0\ff\1f\e7\3f\b1\82\5f\27\40\fd\8a\3c"
  "\10\0e\59\15\00\60\e7\3f\41\83\23\b4\75\fd\72\bc"
  "\d5\5b\65\12\00\a0\e7\3f\76\2b\24\7c\e6\08\78\3c"
  "\a6\e9\59\32\00\e0\e7\3f\b7\22\f6\26\e4\08\62\bc"
  "\d2\b2\b4\ed\ff\1f\e8\3f\2f\c9\a5\1e\46\02\84\bc"
  "\c3\fc\fa\2d\00\60\e8\3f\1f\9a\f2\a2\f4\f7\6d\3c"
  "\50\6b\8c\f7\ff\9f\e8\3f\fd\95\49\09\53\04\8e\bc"
  "\66\15\67\39\00\e0\e8\3f\45\7b\c7\be\f3\04\8a\bc"
  "\45\17\bf\e2\ff\1f\e9\3f\3c\20\0e\40\34\fa\77\bc"
  "\d1\9f\5c\cc\ff\5f\e9\3f\5d\69\a0\05\80\ff\76\bc"
  "\67\47\ba\3b\00\a0\e9\3f\03\7e\ec\c4\c4\f8\70\3c"
  "\a5\2d\b9\e7\ff\df\e9\3f\02\46\8c\47\d9\7f\8e\3c"
  "\af\fd\2e\d7\ff\1f\ea\3f\7e\ae\cd\4d\55\0c\6a\bc"
  "\95\ff\04\de\ff\5f\ea\3f\6b\b2\e9\8c\a9\7d\86\3c"
  "\2b\8d\5e\ca\ff\9f\ea\3f\de\13\4c\b5\c9\84\82\bc"
  "\ea\03\ad\dd\ff\df\ea\3f\3c\2e\60\ea\c8\12\58\3c"
  "\4d\3d\0d\f1\ff\1f\eb\3f\9c\78\27\ad\dd\fa\8e\bc"
  "\5a\16\21\ce\ff\5f\eb\3f\37\12\c6\19\17\cb\53\3c"
  "\74\e6\50\d9\ff\9f\eb\3f\00\ce\94\41\d9\f7\73\3c"
  "\af\a8\9c\13\00\e0\eb\3f\c0\9b\5d\21\c4\0a\75\3c"
  "\99\df\46\5b\00\20\ec\3f\c9\c1\e9\53\a6\ee\6b\3c"
  "\ae\f7\b9\40\00\60\ec\3f\d6\70\4a\27\9f\07\7c\bc"
  "\8a\fd\55\62\00\a0\ec\3f\1f\4c\e8\76\40\0b\7a\bc"
  "\5d\09\4c\d9\ff\df\ec\3f\d7\b5\9a\f9\33\f9\88\3c"
  "\cf\d6\75\f9\ff\1f\ed\3f\be\e1\5f\66\08\2c\58\bc"
  "\93\1c\56\a2\ff\5f\ed\3f\f3\95\d2\9b\28\04\7b\bc"
  "\0c\8b\22\9d\ff\9f\ed\3f\36\a2\0f\34\51\02\87\3c"
  "\16\7e\bc\65\00\e0\ed\3f\0c\d8\a4\16\1e\01\75\bc"
  "\91\47\f6\02\00\20\ee\3f\e0\62\ef\09\2f\80\89\3c"
  "\d8\a6\d7\57\00\60\ee\3f\fa\f7\0c\58\75\0b\7e\bc"
  "\0c\c0\ed\27\00\a0\ee\3f\11\98\45\09\83\84\8c\bc"
  "\7c\cb\f5\6c\00\e0\ee\3f\f4\76\15\95\27\80\8f\bc"
  "\cc\7d\2b\78\00\20\ef\3f\8f\53\74\72\d9\81\8f\bc"
  "\0a\45\0c\26\00\60\ef\3f\dc\ff\27\27\00\71\40\bc"
  "\33\d5\8c\e8\ff\9f\ef\3f\b0\a8\fd\e1\dc\1b\58\bc"
  "\89\86\0f\d5\ff\df\ef\3f\6e\8e\91\cb\1a\f9\87\3c"
  "\67\23\29\04\00\20\f0\3f\81\46\32\65\f3\7f\9b\3c"
  "\68\d6\e3\e3\ff\5f\f0\3f\7b\95\ae\dd\08\fa\86\3c"
  "\57\a7\85\0a\00\a0\f0\3f\91\fb\d3\80\de\e2\57\bc"
  "\cc\3f\5f\1a\00\e0\f0\3f\14\f0\c5\05\33\82\91\bc"
  "\f5\ba\af\f8\ff\1f\f1\3f\c2\ba\80\66\bb\fa\8b\bc"
  "\ad\91\4d\e5\ff\5f\f1\3f\ef\e7\37\17\12\7f\9d\bc"
  "\e1\36\ac\11\00\a0\f1\3f\ff\f5\16\05\0a\00\9c\3c"
  "\48\42\c8\19\00\e0\f1\3f\a0\5d\da\e4\fb\82\90\bc"
  "\6e\5e\fe\0f\00\20\f2\3f\43\fb\9c\4c\d0\fd\88\bc"
  "\91\d8\9f\26\00\60\f2\3f\82\d1\94\79\2a\fe\8c\3c"
  "\da\e6\a6\29\00\a0\f2\3f\c5\8b\5e\71\73\02\70\bc"
  "\39\3e\29\e0\ff\df\f2\3f\f9\a6\b2\da\39\7c\9b\3c"
  "\82\f0\dc\f7\ff\1f\f3\3f\54\52\dc\6e\33\f1\7d\3c"
  "\60\8b\5a\f0\ff\5f\f3\3f\eb\31\cd\4c\56\03\9e\bc"
  "\cc\ae\0e\2e\00\a0\f3\3f\77\a4\d3\4b\e7\f0\75\3c"
  "\36\b2\3b\04\00\e0\f3\3f\33\88\9d\14\cb\7d\9c\3c"
  "\ff\87\d1\02\00\20\f4\3f\28\3d\2d\cf\af\08\7e\3c"
  "\b1\7c\38\0d\00\60\f4\3f\a6\99\65\85\37\08\82\3c"
  "\89\9f\56\04\00\a0\f4\3f\d2\bc\4f\90\5c\fa\89\bc"
  "\f3\43\35\04\00\e0\f4\3f\29\53\17\ed\25\11\78\bc"
  "\0f\7f\02\cc\ff\1f\f5\3f\dc\54\77\84\d8\83\98\3c"
  "\6f\b3\87\fd\ff\5f\f5\3f\07\28\d0\31\e7\09\87\bc"
  "\ba\f7\1d\f2\ff\9f\f5\3f\02\7b\72\68\9f\f7\87\3c"
  "\81\34\fc\eb\ff\df\f5\3f\3e\e9\30\2e\90\80\91\bc")
(data $mochi_math.d.pow
  "\00\00\00\00\00\a0\f6\3f\00\c8\b9\f2\82\2c\d6\bf\80\56\37\28\24\b4\fa\3c"
  "\00\00\00\00\00\80\f6\3f\00\08\58\bf\bd\d1\d5\bf\20\f7\e0\d8\08\a5\1c\bd"
  "\00\00\00\00\00\60\f6\3f\00\58\45\17\77\76\d5\bf\6d\50\b6\d5\a4\62\23\bd"
  "\00\00\00\00\00\40\f6\3f\00\f8\2d\87\ad\1a\d5\bf\d5\67\b0\9e\e4\84\e6\bc"
  "\00\00\00\00\00\20\f6\3f\00\78\77\95\5f\be\d4\bf\e0\3e\29\93\69\1b\04\bd"
  "\00\00\00\00\00\00\f6\3f\00\60\1c\c2\8b\61\d4\bf\cc\84\4c\48\2f\d8\13\3d"
  "\00\00\00\00\00\e0\f5\3f\00\a8\86\86\30\04\d4\bf\3a\0b\82\ed\f3\42\dc\3c"
  "\00\00\00\00\00\c0\f5\3f\00\48\69\55\4c\a6\d3\bf\60\94\51\86\c6\b1\20\3d"
  "\00\00\00\00\00\a0\f5\3f\00\80\98\9a\dd\47\d3\bf\92\80\c5\d4\4d\59\25\3d"
  "\00\00\00\00\00\80\f5\3f\00\20\e1\ba\e2\e8\d2\bf\d8\2b\b7\99\1e\7b\26\3d"
  "\00\00\00\00\00\60\f5\3f\00\88\de\13\5a\89\d2\bf\3f\b0\cf\b6\14\ca\15\3d"
  "\00\00\00\00\00\60\f5\3f\00\88\de\13\5a\89\d2\bf\3f\b0\cf\b6\14\ca\15\3d"
  "\00\00\00\00\00\40\f5\3f\00\78\cf\fb\41\29\d2\bf\76\da\53\28\24\5a\16\bd"
  "\00\00\00\00\00\20\f5\3f\00\98\69\c1\98\c8\d1\bf\04\54\e7\68\bc\af\1f\bd"
  "\00\00\00\00\00\00\f5\3f\00\a8\ab\ab\5c\67\d1\bf\f0\a8\82\33\c6\1f\1f\3d"
  "\00\00\00\00\00\e0\f4\3f\00\48\ae\f9\8b\05\d1\bf\66\5a\05\fd\c4\a8\26\bd"
  "\00\00\00\00\00\c0\f4\3f\00\90\73\e2\24\a3\d0\bf\0e\03\f4\7e\ee\6b\0c\bd"
  "\00\00\00\00\00\a0\f4\3f\00\d0\b4\94\25\40\d0\bf\7f\2d\f4\9e\b8\36\f0\bc"
  "\00\00\00\00\00\a0\f4\3f\00\d0\b4\94\25\40\d0\bf\7f\2d\f4\9e\b8\36\f0\bc"
  "\00\00\00\00\00\80\f4\3f\00\40\5e\6d\18\b9\cf\bf\87\3c\99\ab\2a\57\0d\3d"
  "\00\00\00\00\00\60\f4\3f\00\60\dc\cb\ad\f0\ce\bf\24\af\86\9c\b7\26\2b\3d"
  "\00\00\00\00\00\40\f4\3f\00\f0\2a\6e\07\27\ce\bf\10\ff\3f\54\4f\2f\17\bd"
  "\00\00\00\00\00\20\f4\3f\00\c0\4f\6b\21\5c\cd\bf\1b\68\ca\bb\91\ba\21\3d"
  "\00\00\00\00\00\00\f4\3f\00\a0\9a\c7\f7\8f\cc\bf\34\84\9f\68\4f\79\27\3d"
  "\00\00\00\00\00\00\f4\3f\00\a0\9a\c7\f7\8f\cc\bf\34\84\9f\68\4f\79\27\3d"
  "\00\00\00\00\00\e0\f3\3f\00\90\2d\74\86\c2\cb\bf\8f\b7\8b\31\b0\4e\19\3d"
  "\00\00\00\00\00\c0\f3\3f\00\c0\80\4e\c9\f3\ca\bf\66\90\cd\3f\63\4e\ba\3c"
  "\00\00\00\00\00\a0\f3\3f\00\b0\e2\1f\bc\23\ca\bf\ea\c1\46\dc\64\8c\25\bd"
  "\00\00\00\00\00\a0\f3\3f\00\b0\e2\1f\bc\23\ca\bf\ea\c1\46\dc\64\8c\25\bd"
  "\00\00\00\00\00\80\f3\3f\00\50\f4\9c\5a\52\c9\bf\e3\d4\c1\04\d9\d1\2a\bd"
  "\00\00\00\00\00\60\f3\3f\00\d0\20\65\a0\7f\c8\bf\09\fa\db\7f\bf\bd\2b\3d"
  "\00\00\00\00\00\40\f3\3f\00\e0\10\02\89\ab\c7\bf\58\4a\53\72\90\db\2b\3d"
  "\00\00\00\00\00\40\f3\3f\00\e0\10\02\89\ab\c7\bf\58\4a\53\72\90\db\2b\3d"
  "\00\00\00\00\00\20\f3\3f\00\d0\19\e7\0f\d6\c6\bf\66\e2\b2\a3\6a\e4\10\bd"
  "\00\00\00\00\00\00\f3\3f\00\90\a7\70\30\ff\c5\bf\39\50\10\9f\43\9e\1e\bd"
  "\00\00\00\00\00\00\f3\3f\00\90\a7\70\30\ff\c5\bf\39\50\10\9f\43\9e\1e\bd"
  "\00\00\00\00\00\e0\f2\3f\00\b0\a1\e3\e5\26\c5\bf\8f\5b\07\90\8b\de\20\bd"
  "\00\00\00\00\00\c0\f2\3f\00\80\cb\6c\2b\4d\c4\bf\3c\78\35\61\c1\0c\17\3d"
  "\00\00\00\00\00\c0\f2\3f\00\80\cb\6c\2b\4d\c4\bf\3c\78\35\61\c1\0c\17\3d"
  "\00\00\00\00\00\a0\f2\3f\00\90\1e\20\fc\71\c3\bf\3a\54\27\4d\86\78\f1\3c"
  "\00\00\00\00\00\80\f2\3f\00\f0\1f\f8\52\95\c2\bf\08\c4\71\17\30\8d\24\bd"
  "\00\00\00\00\00\60\f2\3f\00\60\2f\d5\2a\b7\c1\bf\96\a3\11\18\a4\80\2e\bd"
  "\00\00\00\00\00\60\f2\3f\00\60\2f\d5\2a\b7\c1\bf\96\a3\11\18\a4\80\2e\bd"
  "\00\00\00\00\00\40\f2\3f\00\90\d0\7c\7e\d7\c0\bf\f4\5b\e8\88\96\69\0a\3d"
  "\00\00\00\00\00\40\f2\3f\00\90\d0\7c\7e\d7\c0\bf\f4\5b\e8\88\96\69\0a\3d"
  "\00\00\00\00\00\20\f2\3f\00\e0\db\31\91\ec\bf\bf\f2\33\a3\5c\54\75\25\bd"
  "\00\00\00\00\00\00\f2\3f\00\00\2b\6e\07\27\be\bf\3c\00\f0\2a\2c\34\2a\3d"
  "\00\00\00\00\00\00\f2\3f\00\00\2b\6e\07\27\be\bf\3c\00\f0\2a\2c\34\2a\3d"
  "\00\00\00\00\00\e0\f1\3f\00\c0\5b\8f\54\5e\bc\bf\06\be\5f\58\57\0c\1d\bd"
  "\00\00\00\00\00\c0\f1\3f\00\e0\4a\3a\6d\92\ba\bf\c8\aa\5b\e8\35\39\25\3d"
  "\00\00\00\00\00\c0\f1\3f\00\e0\4a\3a\6d\92\ba\bf\c8\aa\5b\e8\35\39\25\3d"
  "\00\00\00\00\00\a0\f1\3f\00\a0\31\d6\45\c3\b8\bf\68\56\2f\4d\29\7c\13\3d"
  "\00\00\00\00\00\a0\f1\3f\00\a0\31\d6\45\c3\b8\bf\68\56\2f\4d\29\7c\13\3d"
  "\00\00\00\00\00\80\f1\3f\00\60\e5\8a\d2\f0\b6\bf\da\73\33\c9\37\97\26\bd"
  "\00\00\00\00\00\60\f1\3f\00\20\06\3f\07\1b\b5\bf\57\5e\c6\61\5b\02\1f\3d"
  "\00\00\00\00\00\60\f1\3f\00\20\06\3f\07\1b\b5\bf\57\5e\c6\61\5b\02\1f\3d"
  "\00\00\00\00\00\40\f1\3f\00\e0\1b\96\d7\41\b3\bf\df\13\f9\cc\da\5e\2c\3d"
  "\00\00\00\00\00\40\f1\3f\00\e0\1b\96\d7\41\b3\bf\df\13\f9\cc\da\5e\2c\3d"
  "\00\00\00\00\00\20\f1\3f\00\80\a3\ee\36\65\b1\bf\09\a3\8f\76\5e\7c\14\3d"
  "\00\00\00\00\00\00\f1\3f\00\80\11\c0\30\0a\af\bf\91\8e\36\83\9e\59\2d\3d"
  "\00\00\00\00\00\00\f1\3f\00\80\11\c0\30\0a\af\bf\91\8e\36\83\9e\59\2d\3d"
  "\00\00\00\00\00\e0\f0\3f\00\80\19\71\dd\42\ab\bf\4c\70\d6\e5\7a\82\1c\3d"
  "\00\00\00\00\00\e0\f0\3f\00\80\19\71\dd\42\ab\bf\4c\70\d6\e5\7a\82\1c\3d"
  "\00\00\00\00\00\c0\f0\3f\00\c0\32\f6\58\74\a7\bf\ee\a1\f2\34\46\fc\2c\bd"
  "\00\00\00\00\00\c0\f0\3f\00\c0\32\f6\58\74\a7\bf\ee\a1\f2\34\46\fc\2c\bd"
  "\00\00\00\00\00\a0\f0\3f\00\c0\fe\b9\87\9e\a3\bf\aa\fe\26\f5\b7\02\f5\3c"
  "\00\00\00\00\00\a0\f0\3f\00\c0\fe\b9\87\9e\a3\bf\aa\fe\26\f5\b7\02\f5\3c"
  "\00\00\00\00\00\80\f0\3f\00\00\78\0e\9b\82\9f\bf\e4\09\7e\7c\26\80\29\bd"
  "\00\00\00\00\00\80\f0\3f\00\00\78\0e\9b\82\9f\bf\e4\09\7e\7c\26\80\29\bd"
  "\00\00\00\00\00\60\f0\3f\00\80\d5\07\1b\b9\97\bf\39\a6\fa\93\54\8d\28\bd"
  "\00\00\00\00\00\40\f0\3f\00\00\fc\b0\a8\c0\8f\bf\9c\a6\d3\f6\7c\1e\df\bc"
  "\00\00\00\00\00\40\f0\3f\00\00\fc\b0\a8\c0\8f\bf\9c\a6\d3\f6\7c\1e\df\bc"
  "\00\00\00\00\00\20\f0\3f\00\00\10\6b\2a\e0\7f\bf\e4\40\da\0d\3f\e2\19\bd"
  "\00\00\00\00\00\20\f0\3f\00\00\10\6b\2a\e0\7f\bf\e4\40\da\0d\3f\e2\19\bd"
  "\00\00\00\00\00\00\f0\3f\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00"
  "\00\00\00\00\00\00\f0\3f\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00"
  "\00\00\00\00\00\c0\ef\3f\00\00\89\75\15\10\80\3f\e8\2b\9d\99\6b\c7\10\bd"
  "\00\00\00\00\00\80\ef\3f\00\80\93\58\56\20\90\3f\d2\f7\e2\06\5b\dc\23\bd"
  "\00\00\00\00\00\40\ef\3f\00\00\c9\28\25\49\98\3f\34\0c\5a\32\ba\a0\2a\bd"
  "\00\00\00\00\00\00\ef\3f\00\40\e7\89\5d\41\a0\3f\53\d7\f1\5c\c0\11\01\3d"
  "\00\00\00\00\00\c0\ee\3f\00\00\2e\d4\ae\66\a4\3f\28\fd\bd\75\73\16\2c\bd"
  "\00\00\00\00\00\80\ee\3f\00\c0\9f\14\aa\94\a8\3f\7d\26\5a\d0\95\79\19\bd"
  "\00\00\00\00\00\40\ee\3f\00\c0\dd\cd\73\cb\ac\3f\07\28\d8\47\f2\68\1a\bd"
  "\00\00\00\00\00\20\ee\3f\00\c0\06\c0\31\ea\ae\3f\7b\3b\c9\4f\3e\11\0e\bd"
  "\00\00\00\00\00\e0\ed\3f\00\60\46\d1\3b\97\b1\3f\9b\9e\0d\56\5d\32\25\bd"
  "\00\00\00\00\00\a0\ed\3f\00\e0\d1\a7\f5\bd\b3\3f\d7\4e\db\a5\5e\c8\2c\3d"
  "\00\00\00\00\00\60\ed\3f\00\a0\97\4d\5a\e9\b5\3f\1e\1d\5d\3c\06\69\2c\bd"
  "\00\00\00\00\00\40\ed\3f\00\c0\ea\0a\d3\00\b7\3f\32\ed\9d\a9\8d\1e\ec\3c"
  "\00\00\00\00\00\00\ed\3f\00\40\59\5d\5e\33\b9\3f\da\47\bd\3a\5c\11\23\3d"
  "\00\00\00\00\00\c0\ec\3f\00\60\ad\8d\c8\6a\bb\3f\e5\68\f7\2b\80\90\13\bd"
  "\00\00\00\00\00\a0\ec\3f\00\40\bc\01\58\88\bc\3f\d3\ac\5a\c6\d1\46\26\3d"
  "\00\00\00\00\00\60\ec\3f\00\20\0a\83\39\c7\be\3f\e0\45\e6\af\68\c0\2d\bd"
  "\00\00\00\00\00\40\ec\3f\00\e0\db\39\91\e8\bf\3f\fd\0a\a1\4f\d6\34\25\bd"
  "\00\00\00\00\00\00\ec\3f\00\e0\27\82\8e\17\c1\3f\f2\07\2d\ce\78\ef\21\3d"
  "\00\00\00\00\00\e0\eb\3f\00\f0\23\7e\2b\aa\c1\3f\34\99\38\44\8e\a7\2c\3d"
  "\00\00\00\00\00\a0\eb\3f\00\80\86\0c\61\d1\c2\3f\a1\b4\81\cb\6c\9d\03\3d"
  "\00\00\00\00\00\80\eb\3f\00\90\15\b0\fc\65\c3\3f\89\72\4b\23\a8\2f\c6\3c"
  "\00\00\00\00\00\40\eb\3f\00\b0\33\83\3d\91\c4\3f\78\b6\fd\54\79\83\25\3d"
  "\00\00\00\00\00\20\eb\3f\00\b0\a1\e4\e5\27\c5\3f\c7\7d\69\e5\e8\33\26\3d"
  "\00\00\00\00\00\e0\ea\3f\00\10\8c\be\4e\57\c6\3f\78\2e\3c\2c\8b\cf\19\3d"
  "\00\00\00\00\00\c0\ea\3f\00\70\75\8b\12\f0\c6\3f\e1\21\9c\e5\8d\11\25\bd"
  "\00\00\00\00\00\a0\ea\3f\00\50\44\85\8d\89\c7\3f\05\43\91\70\10\66\1c\bd"
  "\00\00\00\00\00\60\ea\3f\00\00\39\eb\af\be\c8\3f\d1\2c\e9\aa\54\3d\07\bd"
  "\00\00\00\00\00\40\ea\3f\00\00\f7\dc\5a\5a\c9\3f\6f\ff\a0\58\28\f2\07\3d"
  "\00\00\00\00\00\00\ea\3f\00\e0\8a\3c\ed\93\ca\3f\69\21\56\50\43\72\28\bd"
  "\00\00\00\00\00\e0\e9\3f\00\d0\5b\57\d8\31\cb\3f\aa\e1\ac\4e\8d\35\0c\bd"
  "\00\00\00\00\00\c0\e9\3f\00\e0\3b\38\87\d0\cb\3f\b6\12\54\59\c4\4b\2d\bd"
  "\00\00\00\00\00\a0\e9\3f\00\10\f0\c6\fb\6f\cc\3f\d2\2b\96\c5\72\ec\f1\bc"
  "\00\00\00\00\00\60\e9\3f\00\90\d4\b0\3d\b1\cd\3f\35\b0\15\f7\2a\ff\2a\bd"
  "\00\00\00\00\00\40\e9\3f\00\10\e7\ff\0e\53\ce\3f\30\f4\41\60\27\12\c2\3c"
  "\00\00\00\00\00\20\e9\3f\00\00\dd\e4\ad\f5\ce\3f\11\8e\bb\65\15\21\ca\bc"
  "\00\00\00\00\00\00\e9\3f\00\b0\b3\6c\1c\99\cf\3f\30\df\0c\ca\ec\cb\1b\3d"
  "\00\00\00\00\00\c0\e8\3f\00\58\4d\60\38\71\d0\3f\91\4e\ed\16\db\9c\f8\3c"
  "\00\00\00\00\00\a0\e8\3f\00\60\61\67\2d\c4\d0\3f\e9\ea\3c\16\8b\18\27\3d"
  "\00\00\00\00\00\80\e8\3f\00\e8\27\82\8e\17\d1\3f\1c\f0\a5\63\0e\21\2c\bd"
  "\00\00\00\00\00\60\e8\3f\00\f8\ac\cb\5c\6b\d1\3f\81\16\a5\f7\cd\9a\2b\3d"
  "\00\00\00\00\00\40\e8\3f\00\68\5a\63\99\bf\d1\3f\b7\bd\47\51\ed\a6\2c\3d"
  "\00\00\00\00\00\20\e8\3f\00\b8\0e\6d\45\14\d2\3f\ea\ba\46\ba\de\87\0a\3d"
  "\00\00\00\00\00\e0\e7\3f\00\90\dc\7c\f0\be\d2\3f\f4\04\50\4a\fa\9c\2a\3d"
  "\00\00\00\00\00\c0\e7\3f\00\60\d3\e1\f1\14\d3\3f\b8\3c\21\d3\7a\e2\28\bd"
  "\00\00\00\00\00\a0\e7\3f\00\10\be\76\67\6b\d3\3f\c8\77\f1\b0\cd\6e\11\3d"
  "\00\00\00\00\00\80\e7\3f\00\30\33\77\52\c2\d3\3f\5c\bd\06\b6\54\3b\18\3d"
  "\00\00\00\00\00\60\e7\3f\00\e8\d5\23\b4\19\d4\3f\9d\e0\90\ec\36\e4\08\3d"
  "\00\00\00\00\00\40\e7\3f\00\c8\71\c2\8d\71\d4\3f\75\d6\67\09\ce\27\2f\bd"
  "\00\00\00\00\00\20\e7\3f\00\30\17\9e\e0\c9\d4\3f\a4\d8\0a\1b\89\20\2e\bd"
  "\00\00\00\00\00\00\e7\3f\00\a0\38\07\ae\22\d5\3f\59\c7\64\81\70\be\2e\3d"
  "\00\00\00\00\00\e0\e6\3f\00\d0\c8\53\f7\7b\d5\3f\ef\40\5d\ee\ed\ad\1f\3d"
  "\00\00\00\00\00\c0\e6\3f\00\60\59\df\bd\d5\d5\3f\dc\65\a4\08\2a\0b\0a\bd")
(data $mochi_math.d.ipio2
  "\83\f9\a2\00\44\4e\6e\00\fc\29\15\00\d1\57\27\00\dd\34\f5\00\62\db\c0\00"
  "\3c\99\95\00\41\90\43\00\63\51\fe\00\bb\de\ab\00\b7\61\c5\00\3a\6e\24\00"
  "\d2\4d\42\00\49\06\e0\00\09\ea\2e\00\1c\92\d1\00\eb\1d\fe\00\29\b1\1c\00"
  "\e8\3e\a7\00\f5\35\82\00\44\bb\2e\00\9c\e9\84\00\b4\26\70\00\41\7e\5f\00"
  "\d6\91\39\00\53\83\39\00\9c\f4\39\00\8b\5f\84\00\28\f9\bd\00\f8\1f\3b\00"
  "\de\ff\97\00\0f\98\05\00\11\2f\ef\00\0a\5a\8b\00\6d\1f\6d\00\cf\7e\36\00"
  "\09\cb\27\00\46\4f\b7\00\9e\66\3f\00\2d\ea\5f\00\ba\27\75\00\e5\eb\c7\00"
  "\3d\7b\f1\00\f7\39\07\00\92\52\8a\00\fb\6b\ea\00\1f\b1\5f\00\08\5d\8d\00"
  "\30\03\56\00\7b\fc\46\00\f0\ab\6b\00\20\bc\cf\00\36\f4\9a\00\e3\a9\1d\00"
  "\5e\61\91\00\08\1b\e6\00\85\99\65\00\a0\14\5f\00\8d\40\68\00\80\d8\ff\00"
  "\27\73\4d\00\06\06\31\00\ca\56\15\00\c9\a8\73\00\7b\e2\60\00\6b\8c\c0\00")
(data $mochi_math.d.pio2
  "\00\00\00\40\fb\21\f9\3f\00\00\00\00\2d\44\74\3e"
  "\00\00\00\80\98\46\f8\3c\00\00\00\60\51\cc\78\3b"
  "\00\00\00\80\83\1b\f0\39\00\00\00\40\20\25\7a\38"
  "\00\00\00\80\22\82\e3\36\00\00\00\00\1d\f3\69\35")

