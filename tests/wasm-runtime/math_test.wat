;; math_test.wat: the Wasm side of tests/wasm-runtime/math-check. The script wraps
;; types.wat, its own WASI import and memory, runtime/math.wat and this file in one
;; module, and appends the globals $mt.mode, $mt.count, $mt.seed, $mt.range, $mt.fn,
;; $mt.nranges, $mt.nedge1, $mt.nedge2 and the data segments $mt.d.ranges (7 words per
;; generator: function, x kind, x a, x b, y kind, y a, y b; the kinds and bounds as
;; doubles' bits) and $mt.d.edge1, $mt.d.edge2 (input bits), all printed by
;; tests/math/check.c (`ranges`, `edges`). The generators mirror check.c's draw for
;; draw (splitmix64, the same seeds), so each mode prints what a check.c mode prints:
;;   0  `E fn x y result` per edge input, `R range digest` per generator ($mt.count
;;      inputs each): check.c's `digest N SEED`
;;   1  `x y result` for the first $mt.count inputs of generator $mt.range: `dump`
;;   2  call function $mt.fn on $mt.count inputs of its first generator, print the sum
;;   3  only generate those inputs (the timing baseline for mode 2)

(global $mt.state (mut i64) (i64.const 0))
;; bytes waiting in the output buffer at [1024, 1024 + n)
(global $mt.out (mut i32) (i32.const 0))

(func $mt.flush
  (i32.store (i32.const 0) (i32.const 1024))
  (i32.store (i32.const 4) (global.get $mt.out))
  (drop (call $mt.fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  (global.set $mt.out (i32.const 0)))

(func $mt.byte (param $c i32)
  (if (i32.ge_u (global.get $mt.out) (i32.const 60000)) (then (call $mt.flush)))
  (i32.store8 (i32.add (i32.const 1024) (global.get $mt.out)) (local.get $c))
  (global.set $mt.out (i32.add (global.get $mt.out) (i32.const 1))))

;; the low n hex digits of v, most significant first
(func $mt.hex (param $v i64) (param $n i32)
  (local $d i32)
  (block $done
    (loop $digit
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (local.set $d (i32.wrap_i64 (i64.and (i64.shr_u (local.get $v) (i64.extend_i32_u (i32.shl (local.get $n) (i32.const 2))))
                                           (i64.const 15))))
      (call $mt.byte (i32.add (local.get $d) (if (result i32) (i32.lt_u (local.get $d) (i32.const 10))
                                                (then (i32.const 48)) (else (i32.const 87)))))
      (br $digit))))

(func $mt.f64 (param $x f64)
  (call $mt.hex (i64.reinterpret_f64 (local.get $x)) (i32.const 16)))

(func $mt.next (result i64)
  (local $z i64)
  (global.set $mt.state (i64.add (global.get $mt.state) (i64.const 0x9E3779B97F4A7C15)))
  (local.set $z (global.get $mt.state))
  (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 30))) (i64.const 0xBF58476D1CE4E5B9)))
  (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 27))) (i64.const 0x94D049BB133111EB)))
  (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 31))))

;; an integer uniform in [a, b] (check.c's `a + r % (b - a + 1)`)
(func $mt.int (param $r i64) (param $a f64) (param $b f64) (result i64)
  (i64.add (i64.trunc_f64_s (local.get $a))
    (i64.rem_u (local.get $r)
      (i64.add (i64.sub (i64.trunc_f64_s (local.get $b)) (i64.trunc_f64_s (local.get $a))) (i64.const 1)))))

;; check.c's gen: kinds U 0, E 1, P 2, A 3, I 4, K 5
(func $mt.gen (param $kind i32) (param $a f64) (param $b f64) (result f64)
  (local $r i64)
  (local $m i64)
  (local $e i64)
  (local $sign i64)
  (block $K
    (block $I
      (block $A
        (block $EP
          (block $U
            (br_table $U $EP $EP $A $I $K (local.get $kind)))
          (return (f64.add (local.get $a)
            (f64.mul (f64.sub (local.get $b) (local.get $a))
                     (f64.mul (f64.convert_i64_u (i64.shr_u (call $mt.next) (i64.const 11))) (f64.const 0x1p-53))))))
        (local.set $r (call $mt.next))
        (local.set $e (call $mt.int (local.get $r) (local.get $a) (local.get $b)))
        (local.set $m (i64.and (call $mt.next) (i64.const 0xFFFFFFFFFFFFF)))
        (if (i32.eq (local.get $kind) (i32.const 1))
          (then (local.set $sign (i64.and (local.get $r) (i64.const 0x8000000000000000)))))
        (if (i64.lt_s (local.get $e) (i64.const -1022))
          (then (return (f64.reinterpret_i64 (i64.or (local.get $sign)
            (i64.shr_u (local.get $m) (i64.sub (i64.const -1022) (local.get $e))))))))
        (return (f64.reinterpret_i64 (i64.or (i64.or (local.get $sign)
          (i64.shl (i64.add (local.get $e) (i64.const 1023)) (i64.const 52))) (local.get $m)))))
      (return (f64.reinterpret_i64 (call $mt.next))))
    (return (f64.convert_i64_s (call $mt.int (call $mt.next) (local.get $a) (local.get $b)))))
  ;; K: k*pi/2 moved by -16..16 ulps
  (local.set $e (call $mt.int (call $mt.next) (local.get $a) (local.get $b)))
  (f64.reinterpret_i64
    (i64.sub (i64.add (i64.reinterpret_f64 (f64.mul (f64.convert_i64_s (local.get $e)) (f64.const 0x1.921fb54442d18p+0)))
                      (i64.rem_u (call $mt.next) (i64.const 33)))
             (i64.const 16))))

;; function f of check.c's table on x (and y for the last three)
(func $mt.call (param $f i32) (param $x f64) (param $y f64) (result f64)
  (block $hypot (block $atan2 (block $pow (block $log1p (block $expm1 (block $cbrt (block $log10 (block $log2
  (block $log (block $exp (block $tanh (block $cosh (block $sinh (block $atan (block $acos (block $asin
  (block $tan (block $cos (block $sin
    (br_table $sin $cos $tan $asin $acos $atan $sinh $cosh $tanh $exp $log $log2 $log10 $cbrt $expm1 $log1p
              $pow $atan2 $hypot (local.get $f)))
    (return (call $mochi_math_sin (local.get $x))))
    (return (call $mochi_math_cos (local.get $x))))
    (return (call $mochi_math_tan (local.get $x))))
    (return (call $mochi_math_asin (local.get $x))))
    (return (call $mochi_math_acos (local.get $x))))
    (return (call $mochi_math_atan (local.get $x))))
    (return (call $mochi_math_sinh (local.get $x))))
    (return (call $mochi_math_cosh (local.get $x))))
    (return (call $mochi_math_tanh (local.get $x))))
    (return (call $mochi_math_exp (local.get $x))))
    (return (call $mochi_math_log (local.get $x))))
    (return (call $mochi_math_log2 (local.get $x))))
    (return (call $mochi_math_log10 (local.get $x))))
    (return (call $mochi_math_cbrt (local.get $x))))
    (return (call $mochi_math_expm1 (local.get $x))))
    (return (call $mochi_math_log1p (local.get $x))))
    (return (call $mochi_math_pow (local.get $x) (local.get $y))))
    (return (call $mochi_math_atan2 (local.get $x) (local.get $y))))
  (call $mochi_math_hypot (local.get $x) (local.get $y)))

(global $mt.rt (mut (ref null $arr_i64)) (ref.null $arr_i64))

(func $mt.range_word (param $r i32) (param $k i32) (result i64)
  (array.get $arr_i64 (global.get $mt.rt) (i32.add (i32.mul (local.get $r) (i32.const 7)) (local.get $k))))

(func $mt.range_fn (param $r i32) (result i32)
  (i32.wrap_i64 (call $mt.range_word (local.get $r) (i32.const 0))))

(func $mt.seed_range (param $r i32)
  (global.set $mt.state
    (i64.add (i64.mul (global.get $mt.seed) (i64.const 0x2545F4914F6CDD1D))
             (i64.mul (i64.extend_i32_u (i32.add (local.get $r) (i32.const 1))) (i64.const 0x9E3779B97F4A7C15)))))

;; the next input of generator r: x into $mt.x, y into $mt.y (0 for unary functions)
(global $mt.x (mut f64) (f64.const 0))
(global $mt.y (mut f64) (f64.const 0))
(func $mt.draw (param $r i32)
  (global.set $mt.x (call $mt.gen (i32.wrap_i64 (call $mt.range_word (local.get $r) (i32.const 1)))
    (f64.reinterpret_i64 (call $mt.range_word (local.get $r) (i32.const 2)))
    (f64.reinterpret_i64 (call $mt.range_word (local.get $r) (i32.const 3)))))
  (global.set $mt.y (f64.const 0))
  (if (i32.ge_u (call $mt.range_fn (local.get $r)) (i32.const 16))
    (then (global.set $mt.y (call $mt.gen (i32.wrap_i64 (call $mt.range_word (local.get $r) (i32.const 4)))
      (f64.reinterpret_i64 (call $mt.range_word (local.get $r) (i32.const 5)))
      (f64.reinterpret_i64 (call $mt.range_word (local.get $r) (i32.const 6))))))))

(func $mt.edge_line (param $f i32) (param $x f64) (param $y f64)
  (call $mt.byte (i32.const 69))
  (call $mt.byte (i32.const 32))
  (call $mt.hex (i64.extend_i32_u (local.get $f)) (i32.const 2))
  (call $mt.byte (i32.const 32))
  (call $mt.f64 (local.get $x))
  (call $mt.byte (i32.const 32))
  (call $mt.f64 (local.get $y))
  (call $mt.byte (i32.const 32))
  (call $mt.f64 (call $mt.call (local.get $f) (local.get $x) (local.get $y)))
  (call $mt.byte (i32.const 10)))

(func $mt.edges
  (local $e1 (ref null $arr_i64))
  (local $e2 (ref null $arr_i64))
  (local $f i32)
  (local $i i32)
  (local $j i32)
  (local.set $e1 (array.new_data $arr_i64 $mt.d.edge1 (i32.const 0) (global.get $mt.nedge1)))
  (local.set $e2 (array.new_data $arr_i64 $mt.d.edge2 (i32.const 0) (global.get $mt.nedge2)))
  (block $fdone
    (loop $fns
      (br_if $fdone (i32.ge_u (local.get $f) (i32.const 19)))
      (if (i32.lt_u (local.get $f) (i32.const 16))
        (then
          (local.set $i (i32.const 0))
          (block $done
            (loop $each
              (br_if $done (i32.ge_u (local.get $i) (global.get $mt.nedge1)))
              (call $mt.edge_line (local.get $f)
                (f64.reinterpret_i64 (array.get $arr_i64 (local.get $e1) (local.get $i))) (f64.const 0))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $each))))
        (else
          (local.set $i (i32.const 0))
          (block $done
            (loop $rows
              (br_if $done (i32.ge_u (local.get $i) (global.get $mt.nedge2)))
              (local.set $j (i32.const 0))
              (block $jdone
                (loop $cols
                  (br_if $jdone (i32.ge_u (local.get $j) (global.get $mt.nedge2)))
                  (call $mt.edge_line (local.get $f)
                    (f64.reinterpret_i64 (array.get $arr_i64 (local.get $e2) (local.get $i)))
                    (f64.reinterpret_i64 (array.get $arr_i64 (local.get $e2) (local.get $j))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $cols)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $rows)))))
      (local.set $f (i32.add (local.get $f) (i32.const 1)))
      (br $fns))))

(func $mt.digests
  (local $r i32)
  (local $i i64)
  (local $h i64)
  (block $rdone
    (loop $ranges
      (br_if $rdone (i32.ge_u (local.get $r) (global.get $mt.nranges)))
      (call $mt.seed_range (local.get $r))
      (local.set $h (i64.const 0xCBF29CE484222325))
      (local.set $i (i64.const 0))
      (block $done
        (loop $each
          (br_if $done (i64.ge_u (local.get $i) (global.get $mt.count)))
          (call $mt.draw (local.get $r))
          (local.set $h (i64.mul
            (i64.xor (local.get $h)
              (i64.reinterpret_f64 (call $mt.call (call $mt.range_fn (local.get $r)) (global.get $mt.x) (global.get $mt.y))))
            (i64.const 0x100000001B3)))
          (local.set $i (i64.add (local.get $i) (i64.const 1)))
          (br $each)))
      (call $mt.byte (i32.const 82))
      (call $mt.byte (i32.const 32))
      (call $mt.hex (i64.extend_i32_u (local.get $r)) (i32.const 4))
      (call $mt.byte (i32.const 32))
      (call $mt.hex (local.get $h) (i32.const 16))
      (call $mt.byte (i32.const 10))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $ranges))))

(func $mt.dump
  (local $i i64)
  (call $mt.seed_range (global.get $mt.range))
  (block $done
    (loop $each
      (br_if $done (i64.ge_u (local.get $i) (global.get $mt.count)))
      (call $mt.draw (global.get $mt.range))
      (call $mt.f64 (global.get $mt.x))
      (call $mt.byte (i32.const 32))
      (call $mt.f64 (global.get $mt.y))
      (call $mt.byte (i32.const 32))
      (call $mt.f64 (call $mt.call (call $mt.range_fn (global.get $mt.range)) (global.get $mt.x) (global.get $mt.y)))
      (call $mt.byte (i32.const 10))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $each))))

;; modes 2 and 3: the sum of f over (or just) $mt.count inputs of f's first generator
(func $mt.bench (param $call i32)
  (local $r i32)
  (local $i i64)
  (local $s f64)
  (block $found
    (loop $find
      (br_if $found (i32.eq (call $mt.range_fn (local.get $r)) (global.get $mt.fn)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $find)))
  (call $mt.seed_range (local.get $r))
  (block $done
    (loop $each
      (br_if $done (i64.ge_u (local.get $i) (global.get $mt.count)))
      (call $mt.draw (local.get $r))
      (if (local.get $call)
        (then (local.set $s (f64.add (local.get $s)
          (call $mt.call (global.get $mt.fn) (global.get $mt.x) (global.get $mt.y)))))
        (else (local.set $s (f64.add (local.get $s) (global.get $mt.x)))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $each)))
  (call $mt.f64 (local.get $s))
  (call $mt.byte (i32.const 10)))

(func $_start
  (global.set $mt.rt (array.new_data $arr_i64 $mt.d.ranges (i32.const 0) (i32.mul (global.get $mt.nranges) (i32.const 7))))
  (block $m3
    (block $m2
      (block $m1
        (block $m0
          (br_table $m0 $m1 $m2 $m3 (global.get $mt.mode)))
        (call $mt.edges)
        (call $mt.digests)
        (call $mt.flush)
        (return))
      (call $mt.dump)
      (call $mt.flush)
      (return))
    (call $mt.bench (i32.const 1))
    (call $mt.flush)
    (return))
  (call $mt.bench (i32.const 0))
  (call $mt.flush))
