;; bigint.wat: arbitrary-precision integers (`bigint`) and exact rationals (`bigrat`)
;; for Wasm modules, LANGUAGE.md §9-10, mirroring Sources/MochiRuntime/mochi_bigint.c
;; function for function: the same results (exact numbers: any correct algorithm
;; agrees), the same runtime errors with the same wording, and the same decimal, `n/d`
;; and JSON forms. `$mochi_bigint_add` is C's `mochi_bigint_add`, and so on; the list
;; is in docs/WASM.md, "bigint.wat".
;;
;; Layout (types.wat, the block marked bigwasm):
;;   (type $bigint (struct (field $neg i32) (field $len i32) (field $d (ref $arr_i64))))
;;   (type $bigrat (struct (field $num (ref $bigint)) (field $den (ref $bigint))))
;; A bigint is its sign and its magnitude in $len 64-bit limbs, least significant
;; first, in $d[0 .. $len); the array may be longer than $len (a result is computed
;; into room for its largest possible size and not copied when it comes out shorter).
;; The top limb is never zero; zero has $len 0 and $neg 0. Both objects are immutable
;; once made (nothing writes into a $d after its struct.new), so results may share
;; their operands' arrays and objects. A null bigint reads as 0 and a null bigrat as
;; 0/1 everywhere (a missing map value read as a bigint), as C reads NULL. A bigrat is
;; in lowest terms with a positive denominator (1 for integers).
;;
;; Why 64-bit limbs although Wasm has no 64x64->128-bit product: measured in wasmtime
;; 49 (Cranelift), a schoolbook product of 64-bit limbs, each limb product built from
;; four 32-bit ones, runs 2.5x faster than the same product of 32-bit limbs (fewer
;; array accesses, each bounds-checked, per partial product: 1.35 ns against 3.4 ns
;; per 32x32-bit partial product), and additions 1.3x faster; and the limbs are C's,
;; so every routine below is mochi_bigint.c's portable path (MOCHI_BIGINT_PORTABLE:
;; products and 128/64-bit divisions from 32-bit halves) line for line. The products
;; take the operands' halves and add the accumulator limb and the carry in while the
;; 128-bit sum is assembled (x*y + r + c < 2^128: no carry can be lost), so no
;; comparison is needed for carries inside multiplication loops.
;;
;; Algorithms, as in C: schoolbook multiplication below a threshold and Karatsuba
;; above it (squaring has its own, cheaper variants), Knuth's algorithm D for
;; division, Lehmer's algorithm for gcd; decimal conversion divides and conquers (a
;; number is split by 10^(19*2^k), powers computed once by squaring and cached, into
;; halves printed independently; text is parsed by the same splitting in reverse).
;; Rationals follow Knuth 4.5.1 (dividing by the small gcds of the parts instead of
;; reducing big products afterwards).
;;
;; Magnitude routines work on (array, offset) pairs (Wasm arrays cannot be sliced):
;; `$mochi_bigint.n_add (r ro a ao an b bo bn)` is C's `n_add(r + ro, a + ao, an,
;; b + bo, bn)`. Private helpers are $mochi_bigint.* and $mochi_bigrat.*; second
;; results go through the globals $mochi_bigint.hi / .rem (no multi-value results).
;;
;; The mixed-kind helpers the dynamic `any` code uses (value.wat, list.wat) are at the
;; end, as in C: ints, bigints, bigrats and floats compare and combine after promotion
;; along int < bigint < bigrat < float, and hash consistently with that equality (a
;; bigint or bigrat equal to an int or a float hashes as that int or float does,
;; through $mochi_hash_any of the int or float).

;; ---- fixed texts ----

(data $mochi_bigint.d.invalid_integer "invalid integer: ")
(data $mochi_bigint.d.invalid_rational "invalid rational: ")
(data $mochi_bigint.d.invalid_cast "invalid cast: ")
(data $mochi_bigint.d.nan "NaN")
(data $mochi_bigint.d.pinf "+Inf")
(data $mochi_bigint.d.minf "-Inf")
(data $mochi_bigint.d.to_bigint " to bigint")
(data $mochi_bigint.d.to_bigrat " to bigrat")
(data $mochi_bigint.d.overflow "integer overflow")
(data $mochi_bigint.d.internal "internal error: bigint digits overran their buffer")
(data $mochi_bigint.d.cofactors "internal error: bigint gcd cofactors")
(data $mochi_bigint.d.negative "internal error: bigint gcd went negative")
(data $mochi_bigint.d.kinds "nilintfloatboolstringlistmapstructfunctionbigintbigrat")

;; ---- constants and second results ----

;; At most 2^24 limbs (128 MiB), C's bound where size_t has 32 bits (wasm32): a
;; number's bit count and every scratch size below fit an i32.
(global $mochi_bigint.max_limbs i32 (i32.const 0x1000000))

;; Below these many limbs schoolbook beats Karatsuba (measured in wasmtime).
(global $mochi_bigint.kara_mul i32 (i32.const 28))
(global $mochi_bigint.kara_sqr i32 (i32.const 40))

;; Second results: the high limb of a product, the remainder of a division.
(global $mochi_bigint.hi (mut i64) (i64.const 0))
(global $mochi_bigint.rem (mut i64) (i64.const 0))

;; 0, 1 and 10, shared (C's small values; results are immutable, so sharing is safe).
(global $mochi_bigint.zero (ref $bigint)
  (struct.new $bigint (i32.const 0) (i32.const 0) (array.new_fixed $arr_i64 0)))
(global $mochi_bigint.one (ref $bigint)
  (struct.new $bigint (i32.const 0) (i32.const 1) (array.new_fixed $arr_i64 1 (i64.const 1))))
(global $mochi_bigint.ten (ref $bigint)
  (struct.new $bigint (i32.const 0) (i32.const 1) (array.new_fixed $arr_i64 1 (i64.const 10))))

;; ---- single-limb primitives ----

;; a * b: the low limb, the high one in $mochi_bigint.hi (C's mul_wide).
(func $mochi_bigint.mul_wide (param $a i64) (param $b i64) (result i64)
  (local $a0 i64)
  (local $a1 i64)
  (local $b0 i64)
  (local $b1 i64)
  (local $u i64)
  (local $t i64)
  (local $w i64)
  (local.set $a0 (i64.and (local.get $a) (i64.const 0xFFFFFFFF)))
  (local.set $a1 (i64.shr_u (local.get $a) (i64.const 32)))
  (local.set $b0 (i64.and (local.get $b) (i64.const 0xFFFFFFFF)))
  (local.set $b1 (i64.shr_u (local.get $b) (i64.const 32)))
  (local.set $u (i64.mul (local.get $a0) (local.get $b0)))
  (local.set $t (i64.add (i64.mul (local.get $a1) (local.get $b0)) (i64.shr_u (local.get $u) (i64.const 32))))
  (local.set $w (i64.add (i64.mul (local.get $a0) (local.get $b1)) (i64.and (local.get $t) (i64.const 0xFFFFFFFF))))
  (global.set $mochi_bigint.hi
    (i64.add (i64.add (i64.mul (local.get $a1) (local.get $b1)) (i64.shr_u (local.get $t) (i64.const 32)))
             (i64.shr_u (local.get $w) (i64.const 32))))
  (i64.or (i64.shl (local.get $w) (i64.const 32)) (i64.and (local.get $u) (i64.const 0xFFFFFFFF))))

;; (n1:n0) / d for n1 < d: the quotient, the remainder in $mochi_bigint.rem (C's
;; div_wide, portable path: Hacker's Delight divlu, two 64/32-bit steps on the
;; normalised divisor).
(func $mochi_bigint.div_wide (param $n1 i64) (param $n0 i64) (param $d i64) (result i64)
  (local $s i64)
  (local $un32 i64)
  (local $un10 i64)
  (local $vn1 i64)
  (local $vn0 i64)
  (local $un1 i64)
  (local $un0 i64)
  (local $q1 i64)
  (local $q0 i64)
  (local $rhat i64)
  (local $un21 i64)
  (local.set $s (i64.clz (local.get $d)))
  (local.set $d (i64.shl (local.get $d) (local.get $s)))
  (local.set $un32
    (if (result i64) (i64.eqz (local.get $s))
      (then (local.get $n1))
      (else (i64.or (i64.shl (local.get $n1) (local.get $s))
                    (i64.shr_u (local.get $n0) (i64.sub (i64.const 64) (local.get $s)))))))
  (local.set $un10 (i64.shl (local.get $n0) (local.get $s)))
  (local.set $vn1 (i64.shr_u (local.get $d) (i64.const 32)))
  (local.set $vn0 (i64.and (local.get $d) (i64.const 0xFFFFFFFF)))
  (local.set $un1 (i64.shr_u (local.get $un10) (i64.const 32)))
  (local.set $un0 (i64.and (local.get $un10) (i64.const 0xFFFFFFFF)))
  (local.set $q1 (i64.div_u (local.get $un32) (local.get $vn1)))
  (local.set $rhat (i64.sub (local.get $un32) (i64.mul (local.get $q1) (local.get $vn1))))
  (block $done1
    (loop $again1
      (br_if $done1
        (i32.and
          (i64.lt_u (local.get $q1) (i64.const 0x100000000))
          (i64.le_u (i64.mul (local.get $q1) (local.get $vn0))
                    (i64.or (i64.shl (local.get $rhat) (i64.const 32)) (local.get $un1)))))
      (local.set $q1 (i64.sub (local.get $q1) (i64.const 1)))
      (local.set $rhat (i64.add (local.get $rhat) (local.get $vn1)))
      (br_if $again1 (i64.lt_u (local.get $rhat) (i64.const 0x100000000)))))
  (local.set $un21
    (i64.sub (i64.add (i64.shl (local.get $un32) (i64.const 32)) (local.get $un1))
             (i64.mul (local.get $q1) (local.get $d))))
  (local.set $q0 (i64.div_u (local.get $un21) (local.get $vn1)))
  (local.set $rhat (i64.sub (local.get $un21) (i64.mul (local.get $q0) (local.get $vn1))))
  (block $done0
    (loop $again0
      (br_if $done0
        (i32.and
          (i64.lt_u (local.get $q0) (i64.const 0x100000000))
          (i64.le_u (i64.mul (local.get $q0) (local.get $vn0))
                    (i64.or (i64.shl (local.get $rhat) (i64.const 32)) (local.get $un0)))))
      (local.set $q0 (i64.sub (local.get $q0) (i64.const 1)))
      (local.set $rhat (i64.add (local.get $rhat) (local.get $vn1)))
      (br_if $again0 (i64.lt_u (local.get $rhat) (i64.const 0x100000000)))))
  (global.set $mochi_bigint.rem
    (i64.shr_u
      (i64.sub (i64.add (i64.shl (local.get $un21) (i64.const 32)) (local.get $un0))
               (i64.mul (local.get $q0) (local.get $d)))
      (local.get $s)))
  (i64.or (i64.shl (local.get $q1) (i64.const 32)) (local.get $q0)))

(func $mochi_bigint.gcd64 (param $a i64) (param $b i64) (result i64)
  (local $s i64)
  (local $t i64)
  (if (i64.eqz (local.get $a)) (then (return (local.get $b))))
  (if (i64.eqz (local.get $b)) (then (return (local.get $a))))
  (local.set $s (i64.ctz (i64.or (local.get $a) (local.get $b))))
  (local.set $a (i64.shr_u (local.get $a) (i64.ctz (local.get $a))))
  (block $done
    (loop $next
      (br_if $done (i64.eqz (local.get $b)))
      (local.set $b (i64.shr_u (local.get $b) (i64.ctz (local.get $b))))
      (if (i64.gt_u (local.get $a) (local.get $b))
        (then
          (local.set $t (local.get $a))
          (local.set $a (local.get $b))
          (local.set $b (local.get $t))))
      (local.set $b (i64.sub (local.get $b) (local.get $a)))
      (br $next)))
  (i64.shl (local.get $a) (local.get $s)))

;; ---- magnitudes: limb vectors, least significant first ----

;; The length of a[ao .. ao+n) without its top zero limbs.
(func $mochi_bigint.n_norm (param $a (ref $arr_i64)) (param $ao i32) (param $n i32) (result i32)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (br_if $done (i64.ne (array.get $arr_i64 (local.get $a) (i32.sub (i32.add (local.get $ao) (local.get $n)) (i32.const 1)))
                           (i64.const 0)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (local.get $n))

(func $mochi_bigint.n_cmp (param $a (ref $arr_i64)) (param $ao i32) (param $an i32)
                          (param $b (ref $arr_i64)) (param $bo i32) (param $bn i32) (result i32)
  (local $x i64)
  (local $y i64)
  (if (i32.ne (local.get $an) (local.get $bn))
    (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $an) (local.get $bn))))))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $an)))
      (local.set $an (i32.sub (local.get $an) (i32.const 1)))
      (local.set $x (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $an))))
      (local.set $y (array.get $arr_i64 (local.get $b) (i32.add (local.get $bo) (local.get $an))))
      (if (i64.ne (local.get $x) (local.get $y))
        (then (return (select (i32.const -1) (i32.const 1) (i64.lt_u (local.get $x) (local.get $y))))))
      (br $next)))
  (i32.const 0))

;; Bits of a normalised a[ao .. ao+n).
(func $mochi_bigint.n_bits (param $a (ref $arr_i64)) (param $ao i32) (param $n i32) (result i32)
  (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
  (i32.sub (i32.shl (local.get $n) (i32.const 6))
           (i32.wrap_i64 (i64.clz (array.get $arr_i64 (local.get $a) (i32.sub (i32.add (local.get $ao) (local.get $n)) (i32.const 1)))))))

;; r = a + b over n limbs; the carry out. r may be a or b (same offsets).
(func $mochi_bigint.n_add_n (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32)
                            (param $b (ref $arr_i64)) (param $bo i32) (param $n i32) (result i64)
  (local $i i32)
  (local $c i64)
  (local $x i64)
  (local $s i64)
  (local $t i64)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))))
      (local.set $s (i64.add (local.get $x) (array.get $arr_i64 (local.get $b) (i32.add (local.get $bo) (local.get $i)))))
      (local.set $t (i64.add (local.get $s) (local.get $c)))
      ;; a carry out of x + y, or out of adding the carry in (s all ones, c 1)
      (local.set $c (i64.extend_i32_u (i32.or (i64.lt_u (local.get $s) (local.get $x)) (i64.lt_u (local.get $t) (local.get $s)))))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i)) (local.get $t))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $c))

;; r = a - b over n limbs; the borrow out.
(func $mochi_bigint.n_sub_n (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32)
                            (param $b (ref $arr_i64)) (param $bo i32) (param $n i32) (result i64)
  (local $i i32)
  (local $br i64)
  (local $x i64)
  (local $y i64)
  (local $d i64)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))))
      (local.set $y (array.get $arr_i64 (local.get $b) (i32.add (local.get $bo) (local.get $i))))
      (local.set $d (i64.sub (local.get $x) (local.get $y)))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i)) (i64.sub (local.get $d) (local.get $br)))
      (local.set $br (i64.extend_i32_u (i32.or (i64.lt_u (local.get $x) (local.get $y))
                                               (i64.lt_u (local.get $d) (local.get $br)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $br))

;; r = a + b for an >= bn; the carry out. r may be a (same offset) or b.
(func $mochi_bigint.n_add (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32) (param $an i32)
                          (param $b (ref $arr_i64)) (param $bo i32) (param $bn i32) (result i64)
  (local $c i64)
  (local $i i32)
  (local $s i64)
  (local.set $c (call $mochi_bigint.n_add_n (local.get $r) (local.get $ro) (local.get $a) (local.get $ao)
                                            (local.get $b) (local.get $bo) (local.get $bn)))
  (local.set $i (local.get $bn))
  (block $done
    (loop $next
      (br_if $done (i32.or (i32.ge_u (local.get $i) (local.get $an)) (i64.eqz (local.get $c))))
      (local.set $s (i64.add (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))) (i64.const 1)))
      (local.set $c (i64.extend_i32_u (i64.eqz (local.get $s))))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i)) (local.get $s))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i32.or (i32.eqz (ref.eq (local.get $r) (local.get $a))) (i32.ne (local.get $ro) (local.get $ao)))
    (then
      (if (i32.lt_u (local.get $i) (local.get $an))
        (then
          (array.copy $arr_i64 $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i))
                      (local.get $a) (i32.add (local.get $ao) (local.get $i)) (i32.sub (local.get $an) (local.get $i)))))))
  (local.get $c))

;; r = a - b for an >= bn; the borrow out. r may be a (same offset).
(func $mochi_bigint.n_sub (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32) (param $an i32)
                          (param $b (ref $arr_i64)) (param $bo i32) (param $bn i32) (result i64)
  (local $br i64)
  (local $i i32)
  (local $x i64)
  (local.set $br (call $mochi_bigint.n_sub_n (local.get $r) (local.get $ro) (local.get $a) (local.get $ao)
                                             (local.get $b) (local.get $bo) (local.get $bn)))
  (local.set $i (local.get $bn))
  (block $done
    (loop $next
      (br_if $done (i32.or (i32.ge_u (local.get $i) (local.get $an)) (i64.eqz (local.get $br))))
      (local.set $x (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i)) (i64.sub (local.get $x) (i64.const 1)))
      (local.set $br (i64.extend_i32_u (i64.eqz (local.get $x))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i32.or (i32.eqz (ref.eq (local.get $r) (local.get $a))) (i32.ne (local.get $ro) (local.get $ao)))
    (then
      (if (i32.lt_u (local.get $i) (local.get $an))
        (then
          (array.copy $arr_i64 $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i))
                      (local.get $a) (i32.add (local.get $ao) (local.get $i)) (i32.sub (local.get $an) (local.get $i)))))))
  (local.get $br))

;; r = a * b over n limbs; the high limb out. r may be a (same offset).
;; Each step is x*b + c from 32-bit halves: u = x0 b0 + c0, t = x1 b0 + (u >> 32) + c1,
;; w = x0 b1 + (t & M); the limb is (w << 32) | (u & M), the carry x1 b1 + (t >> 32) +
;; (w >> 32). No partial sum can exceed 2^64 - 1.
(func $mochi_bigint.n_mul_1 (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32)
                            (param $n i32) (param $b i64) (result i64)
  (local $i i32)
  (local $c i64)
  (local $x i64)
  (local $x0 i64)
  (local $x1 i64)
  (local $b0 i64)
  (local $b1 i64)
  (local $u i64)
  (local $t i64)
  (local $w i64)
  (local.set $b0 (i64.and (local.get $b) (i64.const 0xFFFFFFFF)))
  (local.set $b1 (i64.shr_u (local.get $b) (i64.const 32)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))))
      (local.set $x0 (i64.and (local.get $x) (i64.const 0xFFFFFFFF)))
      (local.set $x1 (i64.shr_u (local.get $x) (i64.const 32)))
      (local.set $u (i64.add (i64.mul (local.get $x0) (local.get $b0)) (i64.and (local.get $c) (i64.const 0xFFFFFFFF))))
      (local.set $t (i64.add (i64.add (i64.mul (local.get $x1) (local.get $b0)) (i64.shr_u (local.get $u) (i64.const 32)))
                             (i64.shr_u (local.get $c) (i64.const 32))))
      (local.set $w (i64.add (i64.mul (local.get $x0) (local.get $b1)) (i64.and (local.get $t) (i64.const 0xFFFFFFFF))))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i))
        (i64.or (i64.shl (local.get $w) (i64.const 32)) (i64.and (local.get $u) (i64.const 0xFFFFFFFF))))
      (local.set $c (i64.add (i64.add (i64.mul (local.get $x1) (local.get $b1)) (i64.shr_u (local.get $t) (i64.const 32)))
                             (i64.shr_u (local.get $w) (i64.const 32))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $c))

;; r += a * b over n limbs; the carry out. x*b + r + c < 2^128: r's halves join u and t,
;; c's join u and w (u = x0 b0 + r0 + c0, t = x1 b0 + (u >> 32) + r1,
;; w = x0 b1 + (t & M) + c1), each at most 2^64 - 1.
(func $mochi_bigint.n_addmul_1 (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32)
                               (param $n i32) (param $b i64) (result i64)
  (local $i i32)
  (local $c i64)
  (local $x i64)
  (local $x0 i64)
  (local $x1 i64)
  (local $b0 i64)
  (local $b1 i64)
  (local $y i64)
  (local $u i64)
  (local $t i64)
  (local $w i64)
  (local $k i32)
  (local.set $b0 (i64.and (local.get $b) (i64.const 0xFFFFFFFF)))
  (local.set $b1 (i64.shr_u (local.get $b) (i64.const 32)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))))
      (local.set $k (i32.add (local.get $ro) (local.get $i)))
      (local.set $y (array.get $arr_i64 (local.get $r) (local.get $k)))
      (local.set $x0 (i64.and (local.get $x) (i64.const 0xFFFFFFFF)))
      (local.set $x1 (i64.shr_u (local.get $x) (i64.const 32)))
      (local.set $u (i64.add (i64.add (i64.mul (local.get $x0) (local.get $b0)) (i64.and (local.get $y) (i64.const 0xFFFFFFFF)))
                             (i64.and (local.get $c) (i64.const 0xFFFFFFFF))))
      (local.set $t (i64.add (i64.add (i64.mul (local.get $x1) (local.get $b0)) (i64.shr_u (local.get $u) (i64.const 32)))
                             (i64.shr_u (local.get $y) (i64.const 32))))
      (local.set $w (i64.add (i64.add (i64.mul (local.get $x0) (local.get $b1)) (i64.and (local.get $t) (i64.const 0xFFFFFFFF)))
                             (i64.shr_u (local.get $c) (i64.const 32))))
      (array.set $arr_i64 (local.get $r) (local.get $k)
        (i64.or (i64.shl (local.get $w) (i64.const 32)) (i64.and (local.get $u) (i64.const 0xFFFFFFFF))))
      (local.set $c (i64.add (i64.add (i64.mul (local.get $x1) (local.get $b1)) (i64.shr_u (local.get $t) (i64.const 32)))
                             (i64.shr_u (local.get $w) (i64.const 32))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $c))

;; r -= a * b over n limbs; the borrow out.
(func $mochi_bigint.n_submul_1 (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32)
                               (param $n i32) (param $b i64) (result i64)
  (local $i i32)
  (local $c i64)
  (local $x i64)
  (local $x0 i64)
  (local $x1 i64)
  (local $b0 i64)
  (local $b1 i64)
  (local $y i64)
  (local $u i64)
  (local $t i64)
  (local $w i64)
  (local $lo i64)
  (local $k i32)
  (local.set $b0 (i64.and (local.get $b) (i64.const 0xFFFFFFFF)))
  (local.set $b1 (i64.shr_u (local.get $b) (i64.const 32)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $x (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))))
      (local.set $x0 (i64.and (local.get $x) (i64.const 0xFFFFFFFF)))
      (local.set $x1 (i64.shr_u (local.get $x) (i64.const 32)))
      ;; x*b + c as lo and c
      (local.set $u (i64.add (i64.mul (local.get $x0) (local.get $b0)) (i64.and (local.get $c) (i64.const 0xFFFFFFFF))))
      (local.set $t (i64.add (i64.add (i64.mul (local.get $x1) (local.get $b0)) (i64.shr_u (local.get $u) (i64.const 32)))
                             (i64.shr_u (local.get $c) (i64.const 32))))
      (local.set $w (i64.add (i64.mul (local.get $x0) (local.get $b1)) (i64.and (local.get $t) (i64.const 0xFFFFFFFF))))
      (local.set $lo (i64.or (i64.shl (local.get $w) (i64.const 32)) (i64.and (local.get $u) (i64.const 0xFFFFFFFF))))
      (local.set $c (i64.add (i64.add (i64.mul (local.get $x1) (local.get $b1)) (i64.shr_u (local.get $t) (i64.const 32)))
                             (i64.shr_u (local.get $w) (i64.const 32))))
      (local.set $k (i32.add (local.get $ro) (local.get $i)))
      (local.set $y (array.get $arr_i64 (local.get $r) (local.get $k)))
      (array.set $arr_i64 (local.get $r) (local.get $k) (i64.sub (local.get $y) (local.get $lo)))
      (local.set $c (i64.add (local.get $c) (i64.extend_i32_u (i64.lt_u (local.get $y) (local.get $lo)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $c))

;; r = a << s for 0 < s < 64, n >= 1; the bits shifted out. r may be a (same offset,
;; or above it: the loop runs from the top).
(func $mochi_bigint.n_lshift (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32)
                             (param $n i32) (param $s i32) (result i64)
  (local $sh i64)
  (local $rs i64)
  (local $out i64)
  (local $i i32)
  (local.set $sh (i64.extend_i32_u (local.get $s)))
  (local.set $rs (i64.sub (i64.const 64) (local.get $sh)))
  (local.set $out (i64.shr_u (array.get $arr_i64 (local.get $a) (i32.sub (i32.add (local.get $ao) (local.get $n)) (i32.const 1)))
                             (local.get $rs)))
  (local.set $i (i32.sub (local.get $n) (i32.const 1)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $i)))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i))
        (i64.or (i64.shl (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))) (local.get $sh))
                (i64.shr_u (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (i32.sub (local.get $i) (i32.const 1))))
                           (local.get $rs))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br $next)))
  (array.set $arr_i64 (local.get $r) (local.get $ro)
    (i64.shl (array.get $arr_i64 (local.get $a) (local.get $ao)) (local.get $sh)))
  (local.get $out))

;; r = a >> s for 0 < s < 64, n >= 1. r may be a (same offset, or below it).
(func $mochi_bigint.n_rshift (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32)
                             (param $n i32) (param $s i32)
  (local $sh i64)
  (local $ls i64)
  (local $i i32)
  (local.set $sh (i64.extend_i32_u (local.get $s)))
  (local.set $ls (i64.sub (i64.const 64) (local.get $sh)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i))
        (i64.or (i64.shr_u (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))) (local.get $sh))
                (i64.shl (array.get $arr_i64 (local.get $a) (i32.add (i32.add (local.get $ao) (local.get $i)) (i32.const 1)))
                         (local.get $ls))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (i32.sub (local.get $n) (i32.const 1)))
    (i64.shr_u (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (i32.sub (local.get $n) (i32.const 1))))
               (local.get $sh))))

;; r += v over n limbs (one limb added at the bottom); the carry out. r may be a.
(func $mochi_bigint.n_add_1 (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32)
                            (param $n i32) (param $v i64) (result i64)
  (local $i i32)
  (local $s i64)
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $s (i64.add (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i))) (local.get $v)))
      (local.set $v (i64.extend_i32_u (i64.lt_u (local.get $s) (local.get $v))))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i)) (local.get $s))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $done (i64.eqz (local.get $v)))
      (br $next)))
  (if (i32.or (i32.eqz (ref.eq (local.get $r) (local.get $a))) (i32.ne (local.get $ro) (local.get $ao)))
    (then
      (if (i32.lt_u (local.get $i) (local.get $n))
        (then
          (array.copy $arr_i64 $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $i))
                      (local.get $a) (i32.add (local.get $ao) (local.get $i)) (i32.sub (local.get $n) (local.get $i)))))))
  (local.get $v))

;; ---- multiplication ----

;; r[0 .. an+bn) = a * b, an >= bn >= 1; r overlaps neither.
(func $mochi_bigint.n_mul_base (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32) (param $an i32)
                               (param $b (ref $arr_i64)) (param $bo i32) (param $bn i32)
  (local $j i32)
  (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $an))
    (call $mochi_bigint.n_mul_1 (local.get $r) (local.get $ro) (local.get $a) (local.get $ao) (local.get $an)
                                (array.get $arr_i64 (local.get $b) (local.get $bo))))
  (local.set $j (i32.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $bn)))
      (array.set $arr_i64 (local.get $r) (i32.add (i32.add (local.get $ro) (local.get $an)) (local.get $j))
        (call $mochi_bigint.n_addmul_1 (local.get $r) (i32.add (local.get $ro) (local.get $j)) (local.get $a) (local.get $ao)
                                       (local.get $an) (array.get $arr_i64 (local.get $b) (i32.add (local.get $bo) (local.get $j)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next))))

;; r[0 .. 2n) = a^2: each cross product once, doubled, plus the squares.
(func $mochi_bigint.n_sqr_base (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32) (param $n i32)
  (local $i i32)
  (local $c i64)
  (local $c1 i64)
  (local $c2 i64)
  (local $lo i64)
  (local $hi i64)
  (local $t i64)
  (local $u i64)
  (local $k i32)
  (if (i32.eq (local.get $n) (i32.const 1))
    (then
      (array.set $arr_i64 (local.get $r) (local.get $ro)
        (call $mochi_bigint.mul_wide (array.get $arr_i64 (local.get $a) (local.get $ao)) (array.get $arr_i64 (local.get $a) (local.get $ao))))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (i32.const 1)) (global.get $mochi_bigint.hi))
      (return)))
  (array.set $arr_i64 (local.get $r) (local.get $ro) (i64.const 0))
  (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (local.get $n))
    (call $mochi_bigint.n_mul_1 (local.get $r) (i32.add (local.get $ro) (i32.const 1)) (local.get $a) (i32.add (local.get $ao) (i32.const 1))
                                (i32.sub (local.get $n) (i32.const 1)) (array.get $arr_i64 (local.get $a) (local.get $ao))))
  (local.set $i (i32.const 1))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
      (array.set $arr_i64 (local.get $r) (i32.add (i32.add (local.get $ro) (local.get $n)) (local.get $i))
        (call $mochi_bigint.n_addmul_1 (local.get $r) (i32.add (i32.add (local.get $ro) (i32.shl (local.get $i) (i32.const 1))) (i32.const 1))
                                       (local.get $a) (i32.add (i32.add (local.get $ao) (local.get $i)) (i32.const 1))
                                       (i32.sub (i32.sub (local.get $n) (local.get $i)) (i32.const 1))
                                       (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (array.set $arr_i64 (local.get $r) (i32.add (local.get $ro) (i32.sub (i32.shl (local.get $n) (i32.const 1)) (i32.const 1)))
    (call $mochi_bigint.n_lshift (local.get $r) (i32.add (local.get $ro) (i32.const 1)) (local.get $r) (i32.add (local.get $ro) (i32.const 1))
                                 (i32.sub (i32.shl (local.get $n) (i32.const 1)) (i32.const 2)) (i32.const 1)))
  (local.set $i (i32.const 0))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $lo (call $mochi_bigint.mul_wide (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i)))
                                                  (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $i)))))
      (local.set $hi (global.get $mochi_bigint.hi))
      (local.set $k (i32.add (local.get $ro) (i32.shl (local.get $i) (i32.const 1))))
      (local.set $t (i64.add (array.get $arr_i64 (local.get $r) (local.get $k)) (local.get $lo)))
      (local.set $c1 (i64.extend_i32_u (i64.lt_u (local.get $t) (local.get $lo))))
      (local.set $t (i64.add (local.get $t) (local.get $c)))
      (local.set $c1 (i64.add (local.get $c1) (i64.extend_i32_u (i64.lt_u (local.get $t) (local.get $c)))))
      (array.set $arr_i64 (local.get $r) (local.get $k) (local.get $t))
      (local.set $u (i64.add (array.get $arr_i64 (local.get $r) (i32.add (local.get $k) (i32.const 1))) (local.get $hi)))
      (local.set $c2 (i64.extend_i32_u (i64.lt_u (local.get $u) (local.get $hi))))
      (local.set $u (i64.add (local.get $u) (local.get $c1)))
      (local.set $c2 (i64.add (local.get $c2) (i64.extend_i32_u (i64.lt_u (local.get $u) (local.get $c1)))))
      (array.set $arr_i64 (local.get $r) (i32.add (local.get $k) (i32.const 1)) (local.get $u))
      (local.set $c (local.get $c2))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

;; Scratch limbs the Karatsuba recursion needs for a first operand of n limbs.
(func $mochi_bigint.kara_scratch (param $n i32) (result i32)
  (local $w i32)
  (local $h i32)
  (block $done
    (loop $next
      (br_if $done (i32.lt_u (local.get $n) (global.get $mochi_bigint.kara_mul)))
      (local.set $h (i32.shr_u (i32.add (local.get $n) (i32.const 1)) (i32.const 1)))
      (local.set $w (i32.add (local.get $w) (i32.add (i32.shl (local.get $h) (i32.const 2)) (i32.const 4))))
      (local.set $n (i32.add (local.get $h) (i32.const 1)))
      (br $next)))
  (local.get $w))

;; C's mul_rec: r[0 .. an+bn) = a * b, an >= bn, with scratch ws from wo.
(func $mochi_bigint.mul_rec (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32) (param $an i32)
                            (param $b (ref $arr_i64)) (param $bo i32) (param $bn i32) (param $ws (ref $arr_i64)) (param $wo i32)
  (local $h i32)
  (local $i i32)
  (local $len i32)
  (local $a1n i32)
  (local $b1n i32)
  (local $s1 i32)
  (local $s2 i32)
  (local $z1 i32)
  (local $s1n i32)
  (local $s2n i32)
  (local $zn i32)
  (if (i32.lt_u (local.get $bn) (global.get $mochi_bigint.kara_mul))
    (then
      (call $mochi_bigint.n_mul_base (local.get $r) (local.get $ro) (local.get $a) (local.get $ao) (local.get $an)
                                     (local.get $b) (local.get $bo) (local.get $bn))
      (return)))
  (local.set $h (i32.shr_u (i32.add (local.get $an) (i32.const 1)) (i32.const 1)))
  (if (i32.le_u (local.get $bn) (local.get $h))
    (then
      ;; unbalanced: a in pieces of bn limbs, each product balanced (t = ws)
      (array.fill $arr_i64 (local.get $r) (local.get $ro) (i64.const 0) (i32.add (local.get $an) (local.get $bn)))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $an)))
          (local.set $len (i32.sub (local.get $an) (local.get $i)))
          (if (i32.gt_u (local.get $len) (local.get $bn)) (then (local.set $len (local.get $bn))))
          (if (i32.eq (local.get $len) (local.get $bn))
            (then
              (call $mochi_bigint.mul_rec (local.get $ws) (local.get $wo) (local.get $a) (i32.add (local.get $ao) (local.get $i)) (local.get $len)
                                          (local.get $b) (local.get $bo) (local.get $bn)
                                          (local.get $ws) (i32.add (local.get $wo) (i32.shl (local.get $bn) (i32.const 1)))))
            (else
              (call $mochi_bigint.mul_rec (local.get $ws) (local.get $wo) (local.get $b) (local.get $bo) (local.get $bn)
                                          (local.get $a) (i32.add (local.get $ao) (local.get $i)) (local.get $len)
                                          (local.get $ws) (i32.add (local.get $wo) (i32.shl (local.get $bn) (i32.const 1))))))
          (drop (call $mochi_bigint.n_add (local.get $r) (i32.add (local.get $ro) (local.get $i))
                                          (local.get $r) (i32.add (local.get $ro) (local.get $i))
                                          (i32.sub (i32.add (local.get $an) (local.get $bn)) (local.get $i))
                                          (local.get $ws) (local.get $wo) (i32.add (local.get $len) (local.get $bn))))
          (local.set $i (i32.add (local.get $i) (local.get $bn)))
          (br $next)))
      (return)))
  ;; a = a1 B^h + a0, b = b1 B^h + b0; z1 = (a0+a1)(b0+b1) - z0 - z2
  (local.set $a1n (i32.sub (local.get $an) (local.get $h)))
  (local.set $b1n (i32.sub (local.get $bn) (local.get $h)))
  (call $mochi_bigint.mul_rec (local.get $r) (local.get $ro) (local.get $a) (local.get $ao) (local.get $h)
                              (local.get $b) (local.get $bo) (local.get $h) (local.get $ws) (local.get $wo))
  (call $mochi_bigint.mul_rec (local.get $r) (i32.add (local.get $ro) (i32.shl (local.get $h) (i32.const 1)))
                              (local.get $a) (i32.add (local.get $ao) (local.get $h)) (local.get $a1n)
                              (local.get $b) (i32.add (local.get $bo) (local.get $h)) (local.get $b1n)
                              (local.get $ws) (local.get $wo))
  (local.set $s1 (local.get $wo))
  (local.set $s2 (i32.add (i32.add (local.get $wo) (local.get $h)) (i32.const 1)))
  (local.set $z1 (i32.add (i32.add (local.get $wo) (i32.shl (local.get $h) (i32.const 1))) (i32.const 2)))
  (array.set $arr_i64 (local.get $ws) (i32.add (local.get $s1) (local.get $h))
    (call $mochi_bigint.n_add (local.get $ws) (local.get $s1) (local.get $a) (local.get $ao) (local.get $h)
                              (local.get $a) (i32.add (local.get $ao) (local.get $h)) (local.get $a1n)))
  (array.set $arr_i64 (local.get $ws) (i32.add (local.get $s2) (local.get $h))
    (call $mochi_bigint.n_add (local.get $ws) (local.get $s2) (local.get $b) (local.get $bo) (local.get $h)
                              (local.get $b) (i32.add (local.get $bo) (local.get $h)) (local.get $b1n)))
  (local.set $s1n (i32.add (local.get $h) (i64.ne (array.get $arr_i64 (local.get $ws) (i32.add (local.get $s1) (local.get $h))) (i64.const 0))))
  (local.set $s2n (i32.add (local.get $h) (i64.ne (array.get $arr_i64 (local.get $ws) (i32.add (local.get $s2) (local.get $h))) (i64.const 0))))
  (if (i32.ge_u (local.get $s1n) (local.get $s2n))
    (then
      (call $mochi_bigint.mul_rec (local.get $ws) (local.get $z1) (local.get $ws) (local.get $s1) (local.get $s1n)
                                  (local.get $ws) (local.get $s2) (local.get $s2n)
                                  (local.get $ws) (i32.add (i32.add (local.get $wo) (i32.shl (local.get $h) (i32.const 2))) (i32.const 4))))
    (else
      (call $mochi_bigint.mul_rec (local.get $ws) (local.get $z1) (local.get $ws) (local.get $s2) (local.get $s2n)
                                  (local.get $ws) (local.get $s1) (local.get $s1n)
                                  (local.get $ws) (i32.add (i32.add (local.get $wo) (i32.shl (local.get $h) (i32.const 2))) (i32.const 4)))))
  (local.set $zn (i32.add (local.get $s1n) (local.get $s2n)))
  (drop (call $mochi_bigint.n_sub (local.get $ws) (local.get $z1) (local.get $ws) (local.get $z1) (local.get $zn)
                                  (local.get $r) (local.get $ro) (i32.shl (local.get $h) (i32.const 1))))
  (drop (call $mochi_bigint.n_sub (local.get $ws) (local.get $z1) (local.get $ws) (local.get $z1) (local.get $zn)
                                  (local.get $r) (i32.add (local.get $ro) (i32.shl (local.get $h) (i32.const 1)))
                                  (i32.add (local.get $a1n) (local.get $b1n))))
  (local.set $zn (call $mochi_bigint.n_norm (local.get $ws) (local.get $z1) (local.get $zn)))
  (drop (call $mochi_bigint.n_add (local.get $r) (i32.add (local.get $ro) (local.get $h))
                                  (local.get $r) (i32.add (local.get $ro) (local.get $h))
                                  (i32.sub (i32.add (local.get $an) (local.get $bn)) (local.get $h))
                                  (local.get $ws) (local.get $z1) (local.get $zn))))

;; C's sqr_rec: r[0 .. 2n) = a^2 with scratch ws from wo.
(func $mochi_bigint.sqr_rec (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32) (param $n i32)
                            (param $ws (ref $arr_i64)) (param $wo i32)
  (local $h i32)
  (local $a1n i32)
  (local $s i32)
  (local $z1 i32)
  (local $sn i32)
  (local $zn i32)
  (if (i32.lt_u (local.get $n) (global.get $mochi_bigint.kara_sqr))
    (then
      (call $mochi_bigint.n_sqr_base (local.get $r) (local.get $ro) (local.get $a) (local.get $ao) (local.get $n))
      (return)))
  (local.set $h (i32.shr_u (i32.add (local.get $n) (i32.const 1)) (i32.const 1)))
  (local.set $a1n (i32.sub (local.get $n) (local.get $h)))
  (call $mochi_bigint.sqr_rec (local.get $r) (local.get $ro) (local.get $a) (local.get $ao) (local.get $h) (local.get $ws) (local.get $wo))
  (call $mochi_bigint.sqr_rec (local.get $r) (i32.add (local.get $ro) (i32.shl (local.get $h) (i32.const 1)))
                              (local.get $a) (i32.add (local.get $ao) (local.get $h)) (local.get $a1n) (local.get $ws) (local.get $wo))
  (local.set $s (local.get $wo))
  (local.set $z1 (i32.add (i32.add (local.get $wo) (local.get $h)) (i32.const 1)))
  (array.set $arr_i64 (local.get $ws) (i32.add (local.get $s) (local.get $h))
    (call $mochi_bigint.n_add (local.get $ws) (local.get $s) (local.get $a) (local.get $ao) (local.get $h)
                              (local.get $a) (i32.add (local.get $ao) (local.get $h)) (local.get $a1n)))
  (local.set $sn (i32.add (local.get $h) (i64.ne (array.get $arr_i64 (local.get $ws) (i32.add (local.get $s) (local.get $h))) (i64.const 0))))
  (call $mochi_bigint.sqr_rec (local.get $ws) (local.get $z1) (local.get $ws) (local.get $s) (local.get $sn)
                              (local.get $ws) (i32.add (i32.add (local.get $wo) (i32.mul (local.get $h) (i32.const 3))) (i32.const 3)))
  (local.set $zn (i32.shl (local.get $sn) (i32.const 1)))
  (drop (call $mochi_bigint.n_sub (local.get $ws) (local.get $z1) (local.get $ws) (local.get $z1) (local.get $zn)
                                  (local.get $r) (local.get $ro) (i32.shl (local.get $h) (i32.const 1))))
  (drop (call $mochi_bigint.n_sub (local.get $ws) (local.get $z1) (local.get $ws) (local.get $z1) (local.get $zn)
                                  (local.get $r) (i32.add (local.get $ro) (i32.shl (local.get $h) (i32.const 1)))
                                  (i32.shl (local.get $a1n) (i32.const 1))))
  (local.set $zn (call $mochi_bigint.n_norm (local.get $ws) (local.get $z1) (local.get $zn)))
  (drop (call $mochi_bigint.n_add (local.get $r) (i32.add (local.get $ro) (local.get $h))
                                  (local.get $r) (i32.add (local.get $ro) (local.get $h))
                                  (i32.sub (i32.shl (local.get $n) (i32.const 1)) (local.get $h))
                                  (local.get $ws) (local.get $z1) (local.get $zn))))

;; r[0 .. an+bn) = a * b for an, bn >= 1; r overlaps neither operand.
(func $mochi_bigint.n_mul (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32) (param $an i32)
                          (param $b (ref $arr_i64)) (param $bo i32) (param $bn i32)
  (if (i32.lt_u (local.get $an) (local.get $bn))
    (then
      (call $mochi_bigint.n_mul (local.get $r) (local.get $ro) (local.get $b) (local.get $bo) (local.get $bn)
                                (local.get $a) (local.get $ao) (local.get $an))
      (return)))
  (if (i32.lt_u (local.get $bn) (global.get $mochi_bigint.kara_mul))
    (then
      (call $mochi_bigint.n_mul_base (local.get $r) (local.get $ro) (local.get $a) (local.get $ao) (local.get $an)
                                     (local.get $b) (local.get $bo) (local.get $bn))
      (return)))
  (call $mochi_bigint.mul_rec (local.get $r) (local.get $ro) (local.get $a) (local.get $ao) (local.get $an)
                              (local.get $b) (local.get $bo) (local.get $bn)
                              (array.new_default $arr_i64 (call $mochi_bigint.kara_scratch (local.get $an))) (i32.const 0)))

;; r[0 .. 2n) = a^2; r does not overlap a.
(func $mochi_bigint.n_sqr (param $r (ref $arr_i64)) (param $ro i32) (param $a (ref $arr_i64)) (param $ao i32) (param $n i32)
  (if (i32.lt_u (local.get $n) (global.get $mochi_bigint.kara_sqr))
    (then
      (call $mochi_bigint.n_sqr_base (local.get $r) (local.get $ro) (local.get $a) (local.get $ao) (local.get $n))
      (return)))
  (call $mochi_bigint.sqr_rec (local.get $r) (local.get $ro) (local.get $a) (local.get $ao) (local.get $n)
                              (array.new_default $arr_i64 (call $mochi_bigint.kara_scratch (i32.add (local.get $n) (i32.const 1)))) (i32.const 0)))

;; ---- division ----

;; q[0..n) = a / d (q may be a, same offset); the remainder.
(func $mochi_bigint.n_divrem_1 (param $q (ref $arr_i64)) (param $qo i32) (param $a (ref $arr_i64)) (param $ao i32)
                               (param $n i32) (param $d i64) (result i64)
  (local $r i64)
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (array.set $arr_i64 (local.get $q) (i32.add (local.get $qo) (local.get $n))
        (call $mochi_bigint.div_wide (local.get $r) (array.get $arr_i64 (local.get $a) (i32.add (local.get $ao) (local.get $n))) (local.get $d)))
      (local.set $r (global.get $mochi_bigint.rem))
      (br $next)))
  (local.get $r))

;; Knuth's algorithm D: q[0 .. an-bn+1) = a / b and, when r is not null,
;; r[0 .. bn) = a mod b, for an >= bn >= 2 with b's top limb nonzero. q and r overlap
;; nothing.
(func $mochi_bigint.n_divrem (param $q (ref $arr_i64)) (param $qo i32) (param $r (ref null $arr_i64)) (param $ro i32)
                             (param $a (ref $arr_i64)) (param $ao i32) (param $an i32)
                             (param $b (ref $arr_i64)) (param $bo i32) (param $bn i32)
  (local $u (ref $arr_i64))
  (local $v i32)
  (local $s i32)
  (local $vh i64)
  (local $vl i64)
  (local $j i32)
  (local $u2 i64)
  (local $u1 i64)
  (local $u0 i64)
  (local $qh i64)
  (local $rh i64)
  (local $rh_big i32)
  (local $pl i64)
  (local $ph i64)
  (local $old i64)
  (local $borrow i64)
  (local $top i64)
  ;; u = a << s in u[0 .. an], v = b << s in u[an+1 .. an+1+bn)
  (local.set $u (array.new_default $arr_i64 (i32.add (i32.add (local.get $an) (i32.const 1)) (local.get $bn))))
  (local.set $v (i32.add (local.get $an) (i32.const 1)))
  (local.set $s (i32.wrap_i64 (i64.clz (array.get $arr_i64 (local.get $b) (i32.sub (i32.add (local.get $bo) (local.get $bn)) (i32.const 1))))))
  (if (local.get $s)
    (then
      (drop (call $mochi_bigint.n_lshift (local.get $u) (local.get $v) (local.get $b) (local.get $bo) (local.get $bn) (local.get $s)))
      (array.set $arr_i64 (local.get $u) (local.get $an)
        (call $mochi_bigint.n_lshift (local.get $u) (i32.const 0) (local.get $a) (local.get $ao) (local.get $an) (local.get $s))))
    (else
      (array.copy $arr_i64 $arr_i64 (local.get $u) (local.get $v) (local.get $b) (local.get $bo) (local.get $bn))
      (array.copy $arr_i64 $arr_i64 (local.get $u) (i32.const 0) (local.get $a) (local.get $ao) (local.get $an))))
  (local.set $vh (array.get $arr_i64 (local.get $u) (i32.sub (i32.add (local.get $v) (local.get $bn)) (i32.const 1))))
  (local.set $vl (array.get $arr_i64 (local.get $u) (i32.sub (i32.add (local.get $v) (local.get $bn)) (i32.const 2))))
  (local.set $j (i32.add (i32.sub (local.get $an) (local.get $bn)) (i32.const 1)))
  (block $done
    (loop $next
      (br_if $done (i32.eqz (local.get $j)))
      (local.set $j (i32.sub (local.get $j) (i32.const 1)))
      (local.set $u2 (array.get $arr_i64 (local.get $u) (i32.add (local.get $j) (local.get $bn))))
      (local.set $u1 (array.get $arr_i64 (local.get $u) (i32.sub (i32.add (local.get $j) (local.get $bn)) (i32.const 1))))
      (local.set $u0 (array.get $arr_i64 (local.get $u) (i32.sub (i32.add (local.get $j) (local.get $bn)) (i32.const 2))))
      (local.set $rh_big (i32.const 0))
      (if (i64.ge_u (local.get $u2) (local.get $vh))
        (then
          ;; u2 == vh: the estimate is B-1
          (local.set $qh (i64.const -1))
          (local.set $rh (i64.add (local.get $u1) (local.get $vh)))
          (local.set $rh_big (i64.lt_u (local.get $rh) (local.get $u1))))
        (else
          (local.set $qh (call $mochi_bigint.div_wide (local.get $u2) (local.get $u1) (local.get $vh)))
          (local.set $rh (global.get $mochi_bigint.rem))))
      (block $fixed
        (loop $fix
          (br_if $fixed (local.get $rh_big))
          (local.set $pl (call $mochi_bigint.mul_wide (local.get $qh) (local.get $vl)))
          (local.set $ph (global.get $mochi_bigint.hi))
          (br_if $fixed (i32.or (i64.lt_u (local.get $ph) (local.get $rh))
                                (i32.and (i64.eq (local.get $ph) (local.get $rh)) (i64.le_u (local.get $pl) (local.get $u0)))))
          (local.set $qh (i64.sub (local.get $qh) (i64.const 1)))
          (local.set $old (local.get $rh))
          (local.set $rh (i64.add (local.get $rh) (local.get $vh)))
          (local.set $rh_big (i64.lt_u (local.get $rh) (local.get $old)))
          (br $fix)))
      (local.set $borrow (call $mochi_bigint.n_submul_1 (local.get $u) (local.get $j) (local.get $u) (local.get $v) (local.get $bn) (local.get $qh)))
      (local.set $top (array.get $arr_i64 (local.get $u) (i32.add (local.get $j) (local.get $bn))))
      (array.set $arr_i64 (local.get $u) (i32.add (local.get $j) (local.get $bn)) (i64.sub (local.get $top) (local.get $borrow)))
      (if (i64.lt_u (local.get $top) (local.get $borrow))
        (then
          ;; the estimate was one too big (rare): add back
          (local.set $qh (i64.sub (local.get $qh) (i64.const 1)))
          (array.set $arr_i64 (local.get $u) (i32.add (local.get $j) (local.get $bn))
            (i64.add (array.get $arr_i64 (local.get $u) (i32.add (local.get $j) (local.get $bn)))
                     (call $mochi_bigint.n_add_n (local.get $u) (local.get $j) (local.get $u) (local.get $j)
                                                 (local.get $u) (local.get $v) (local.get $bn))))))
      (array.set $arr_i64 (local.get $q) (i32.add (local.get $qo) (local.get $j)) (local.get $qh))
      (br $next)))
  (if (i32.eqz (ref.is_null (local.get $r)))
    (then
      (if (local.get $s)
        (then (call $mochi_bigint.n_rshift (ref.as_non_null (local.get $r)) (local.get $ro) (local.get $u) (i32.const 0) (local.get $bn) (local.get $s)))
        (else (array.copy $arr_i64 $arr_i64 (ref.as_non_null (local.get $r)) (local.get $ro) (local.get $u) (i32.const 0) (local.get $bn)))))))

;; ---- bigint objects ----

;; A nil bigint (a zeroed slot, a missing map value) reads as 0.
(func $mochi_bigint.get (param $x (ref null $bigint)) (result (ref $bigint))
  (if (result (ref $bigint)) (ref.is_null (local.get $x))
    (then (global.get $mochi_bigint.zero))
    (else (ref.as_non_null (local.get $x)))))

;; Room for n limbs (zeroed); past the bound is `out of memory`, as C's bi_new.
(func $mochi_bigint.new (param $n i32) (result (ref $arr_i64))
  (if (i32.gt_u (local.get $n) (global.get $mochi_bigint.max_limbs)) (then (call $mochi_err_oom)))
  (array.new_default $arr_i64 (local.get $n)))

;; The bigint of d[0 .. n) normalised, with sign neg (C's bi_done).
(func $mochi_bigint.done (param $d (ref $arr_i64)) (param $n i32) (param $neg i32) (result (ref $bigint))
  (local.set $n (call $mochi_bigint.n_norm (local.get $d) (i32.const 0) (local.get $n)))
  (if (i32.eqz (local.get $n)) (then (return (global.get $mochi_bigint.zero))))
  (struct.new $bigint (i32.ne (local.get $neg) (i32.const 0)) (local.get $n) (local.get $d)))

;; A bigint of magnitude hi:lo and the given sign.
(func $mochi_bigint.from_mag2 (param $lo i64) (param $hi i64) (param $neg i32) (result (ref $bigint))
  (if (i64.eqz (local.get $hi))
    (then
      (if (i64.eqz (local.get $lo)) (then (return (global.get $mochi_bigint.zero))))
      (if (i32.and (i64.eq (local.get $lo) (i64.const 1)) (i32.eqz (local.get $neg))) (then (return (global.get $mochi_bigint.one))))
      (return (struct.new $bigint (i32.ne (local.get $neg) (i32.const 0)) (i32.const 1)
                          (array.new_fixed $arr_i64 1 (local.get $lo))))))
  (struct.new $bigint (i32.ne (local.get $neg) (i32.const 0)) (i32.const 2)
              (array.new_fixed $arr_i64 2 (local.get $lo) (local.get $hi))))

;; A bigint of a copy of d[off .. off+n) (normalised), with sign neg.
(func $mochi_bigint.from_limbs (param $d (ref $arr_i64)) (param $off i32) (param $n i32) (param $neg i32) (result (ref $bigint))
  (local $r (ref $arr_i64))
  (local.set $n (call $mochi_bigint.n_norm (local.get $d) (local.get $off) (local.get $n)))
  (if (i32.le_u (local.get $n) (i32.const 2))
    (then
      (return (call $mochi_bigint.from_mag2
        (if (result i64) (local.get $n) (then (array.get $arr_i64 (local.get $d) (local.get $off))) (else (i64.const 0)))
        (if (result i64) (i32.gt_u (local.get $n) (i32.const 1))
          (then (array.get $arr_i64 (local.get $d) (i32.add (local.get $off) (i32.const 1))))
          (else (i64.const 0)))
        (local.get $neg)))))
  (local.set $r (call $mochi_bigint.new (local.get $n)))
  (array.copy $arr_i64 $arr_i64 (local.get $r) (i32.const 0) (local.get $d) (local.get $off) (local.get $n))
  (struct.new $bigint (i32.ne (local.get $neg) (i32.const 0)) (local.get $n) (local.get $r)))

(func $mochi_bigint_from_i64 (param $v i64) (result (ref $bigint))
  (call $mochi_bigint.from_mag2
    (select (i64.sub (i64.const 0) (local.get $v)) (local.get $v) (i64.lt_s (local.get $v) (i64.const 0)))
    (i64.const 0)
    (i64.lt_s (local.get $v) (i64.const 0))))

(func $mochi_bigint.is_one (param $a (ref $bigint)) (result i32)
  (if (result i32) (i32.and (i32.eq (struct.get $bigint $len (local.get $a)) (i32.const 1))
                            (i32.eqz (struct.get $bigint $neg (local.get $a))))
    (then (i64.eq (array.get $arr_i64 (struct.get $bigint $d (local.get $a)) (i32.const 0)) (i64.const 1)))
    (else (i32.const 0))))

;; The single limb of a one-limb bigint (0 for zero).
(func $mochi_bigint.limb0 (param $a (ref $bigint)) (result i64)
  (if (result i64) (struct.get $bigint $len (local.get $a))
    (then (array.get $arr_i64 (struct.get $bigint $d (local.get $a)) (i32.const 0)))
    (else (i64.const 0))))

(func $mochi_bigint_sign (param $x (ref null $bigint)) (result i32)
  (local $a (ref $bigint))
  (local.set $a (call $mochi_bigint.get (local.get $x)))
  (if (i32.eqz (struct.get $bigint $len (local.get $a))) (then (return (i32.const 0))))
  (select (i32.const -1) (i32.const 1) (struct.get $bigint $neg (local.get $a))))

(func $mochi_bigint_fits_i64 (param $x (ref null $bigint)) (result i32)
  (local $a (ref $bigint))
  (local.set $a (call $mochi_bigint.get (local.get $x)))
  (if (i32.eqz (struct.get $bigint $len (local.get $a))) (then (return (i32.const 1))))
  (if (i32.gt_u (struct.get $bigint $len (local.get $a)) (i32.const 1)) (then (return (i32.const 0))))
  (if (result i32) (struct.get $bigint $neg (local.get $a))
    (then (i64.le_u (call $mochi_bigint.limb0 (local.get $a)) (i64.const 0x8000000000000000)))
    (else (i64.le_u (call $mochi_bigint.limb0 (local.get $a)) (i64.const 0x7FFFFFFFFFFFFFFF)))))

;; `x as int`: a value outside int64 is the plain `integer overflow` (without int
;; arithmetic's note "declare the value as bigint": this value is one).
(func $mochi_bigint_to_i64 (param $x (ref null $bigint)) (result i64)
  (local $a (ref $bigint))
  (local.set $a (call $mochi_bigint.get (local.get $x)))
  (if (i32.eqz (call $mochi_bigint_fits_i64 (local.get $a)))
    (then
      (call $mochi_rt_error (struct.new $str (array.new_data $bytes $mochi_bigint.d.overflow (i32.const 0) (i32.const 16)) (i32.const 16)))
      (unreachable)))
  (if (result i64) (struct.get $bigint $neg (local.get $a))
    (then (i64.sub (i64.const 0) (call $mochi_bigint.limb0 (local.get $a))))
    (else (call $mochi_bigint.limb0 (local.get $a)))))

;; ---- to and from doubles ----

;; m * 2^e exactly, for m <= 2^53 and a result that is a double (normal or subnormal):
;; e is in [-1074, 971], split in two steps whose first product is exact.
(func $mochi_bigint.ldexp (param $m i64) (param $e i32) (result f64)
  (local $x f64)
  (local.set $x (f64.convert_i64_u (local.get $m)))
  (if (i32.lt_s (local.get $e) (i32.const -1000))
    (then
      (local.set $x (f64.mul (local.get $x) (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $e) (i32.const 1223))) (i64.const 52)))))
      (return (f64.mul (local.get $x) (f64.const 0x1p-200)))))
  (f64.mul (local.get $x) (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $e) (i32.const 1023))) (i64.const 52)))))

;; The double nearest m * 2^e2 (round half to even), where m = d[off .. off+n) plus,
;; when sticky, something nonzero below its last bit (C's make_double). Handles
;; subnormals and overflow.
(func $mochi_bigint.make_double (param $d (ref $arr_i64)) (param $off i32) (param $n i32) (param $e2 i64)
                                (param $sticky i32) (param $neg i32) (result f64)
  (local $bits i64)
  (local $E i64)
  (local $sh i64)
  (local $top i64)
  (local $x i64)
  (local $i i32)
  (local $keep i64)
  (local $mant i64)
  (local $rest i64)
  (local $r f64)
  (local.set $n (call $mochi_bigint.n_norm (local.get $d) (local.get $off) (local.get $n)))
  (if (i32.eqz (local.get $n))
    (then (return (select (f64.const -0.0) (f64.const 0.0) (local.get $neg)))))
  (local.set $bits (i64.extend_i32_u (call $mochi_bigint.n_bits (local.get $d) (local.get $off) (local.get $n))))
  (local.set $E (i64.add (i64.sub (local.get $bits) (i64.const 1)) (local.get $e2)))
  (if (i64.gt_s (local.get $E) (i64.const 1023))
    (then (return (select (f64.const -inf) (f64.const inf) (local.get $neg)))))
  ;; the top 64 bits, leading bit at bit 63; everything below joins the sticky bit
  (local.set $x (array.get $arr_i64 (local.get $d) (i32.sub (i32.add (local.get $off) (local.get $n)) (i32.const 1))))
  (local.set $sh (i64.clz (local.get $x)))
  (local.set $top (i64.shl (local.get $x) (local.get $sh)))
  (if (i32.gt_u (local.get $n) (i32.const 1))
    (then
      (local.set $x (array.get $arr_i64 (local.get $d) (i32.sub (i32.add (local.get $off) (local.get $n)) (i32.const 2))))
      (if (i64.ne (local.get $sh) (i64.const 0))
        (then
          (local.set $top (i64.or (local.get $top) (i64.shr_u (local.get $x) (i64.sub (i64.const 64) (local.get $sh)))))
          (if (i64.ne (i64.shl (local.get $x) (local.get $sh)) (i64.const 0)) (then (local.set $sticky (i32.const 1)))))
        (else
          (if (i64.ne (local.get $x) (i64.const 0)) (then (local.set $sticky (i32.const 1))))))
      (block $done
        (loop $next
          (br_if $done (i32.or (local.get $sticky) (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $n))))
          (if (i64.ne (array.get $arr_i64 (local.get $d) (i32.add (local.get $off) (local.get $i))) (i64.const 0))
            (then (local.set $sticky (i32.const 1))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))))
  ;; significant bits the result can hold
  (local.set $keep (select (i64.const 53) (i64.add (local.get $E) (i64.const 1075)) (i64.ge_s (local.get $E) (i64.const -1022))))
  (if (i64.le_s (local.get $keep) (i64.const 0))
    (then
      ;; below half the smallest subnormal rounds to 0; keep == 0 is [2^-1075, 2^-1074),
      ;; where only exactly 2^-1075 (a tie) rounds to the even 0
      (if (i64.lt_s (local.get $keep) (i64.const 0))
        (then (return (select (f64.const -0.0) (f64.const 0.0) (local.get $neg)))))
      (local.set $r
        (select (f64.const 0.0) (f64.const 0x1p-1074)
          (i32.and (i64.eq (local.get $top) (i64.const 0x8000000000000000)) (i32.eqz (local.get $sticky))))))
    (else
      (local.set $mant (i64.shr_u (local.get $top) (i64.sub (i64.const 64) (local.get $keep))))
      ;; the dropped bits, the first of them at bit 63 (keep = 64 cannot happen: keep <= 53)
      (local.set $rest (i64.shl (local.get $top) (local.get $keep)))
      (if (i32.or (i64.gt_u (local.get $rest) (i64.const 0x8000000000000000))
                  (i32.and (i64.eq (local.get $rest) (i64.const 0x8000000000000000))
                           (i32.or (local.get $sticky) (i32.wrap_i64 (i64.and (local.get $mant) (i64.const 1))))))
        (then (local.set $mant (i64.add (local.get $mant) (i64.const 1)))))
      (local.set $r (call $mochi_bigint.ldexp (local.get $mant)
                      (i32.wrap_i64 (i64.add (i64.sub (local.get $E) (local.get $keep)) (i64.const 1)))))))
  (select (f64.neg (local.get $r)) (local.get $r) (local.get $neg)))

(func $mochi_bigint_to_f64 (param $x (ref null $bigint)) (result f64)
  (local $a (ref $bigint))
  (local $r f64)
  (local.set $a (call $mochi_bigint.get (local.get $x)))
  (if (i32.eqz (struct.get $bigint $len (local.get $a))) (then (return (f64.const 0))))
  (if (i32.eq (struct.get $bigint $len (local.get $a)) (i32.const 1))
    (then
      ;; the conversion rounds to nearest
      (local.set $r (f64.convert_i64_u (call $mochi_bigint.limb0 (local.get $a))))
      (return (select (f64.neg (local.get $r)) (local.get $r) (struct.get $bigint $neg (local.get $a))))))
  (call $mochi_bigint.make_double (struct.get $bigint $d (local.get $a)) (i32.const 0) (struct.get $bigint $len (local.get $a))
                                  (i64.const 0) (i32.const 0) (struct.get $bigint $neg (local.get $a))))

;; `invalid cast: NaN to bigint` (+Inf, -Inf; to bigrat when rat), C's bad_float.
(func $mochi_bigint.bad_float (param $v f64) (param $rat i32)
  (local $name (ref $str))
  (local.set $name
    (if (result (ref $str)) (f64.ne (local.get $v) (local.get $v))
      (then (struct.new $str (array.new_data $bytes $mochi_bigint.d.nan (i32.const 0) (i32.const 3)) (i32.const 3)))
      (else
        (if (result (ref $str)) (f64.gt (local.get $v) (f64.const 0))
          (then (struct.new $str (array.new_data $bytes $mochi_bigint.d.pinf (i32.const 0) (i32.const 4)) (i32.const 4)))
          (else (struct.new $str (array.new_data $bytes $mochi_bigint.d.minf (i32.const 0) (i32.const 4)) (i32.const 4)))))))
  (call $mochi_rt_error
    (call $mochi_str_concat
      (call $mochi_str_concat
        (struct.new $str (array.new_data $bytes $mochi_bigint.d.invalid_cast (i32.const 0) (i32.const 14)) (i32.const 14))
        (local.get $name))
      (if (result (ref $str)) (local.get $rat)
        (then (struct.new $str (array.new_data $bytes $mochi_bigint.d.to_bigrat (i32.const 0) (i32.const 10)) (i32.const 10)))
        (else (struct.new $str (array.new_data $bytes $mochi_bigint.d.to_bigint (i32.const 0) (i32.const 10)) (i32.const 10))))))
  (unreachable))

(func $mochi_bigint.not_finite (param $v f64) (result i32)
  (f64.ne (f64.sub (local.get $v) (local.get $v)) (f64.const 0)))

;; `x as bigint`: truncated toward zero.
(func $mochi_bigint_from_f64 (param $v f64) (result (ref $bigint))
  (local $t f64)
  (local $bits i64)
  (local $mant i64)
  (local $shift i32)
  (local $q i32)
  (local $s i64)
  (local $r (ref $arr_i64))
  (if (call $mochi_bigint.not_finite (local.get $v)) (then (call $mochi_bigint.bad_float (local.get $v) (i32.const 0))))
  (local.set $t (f64.trunc (local.get $v)))
  (if (i32.and (f64.gt (local.get $t) (f64.const -9223372036854775808.0)) (f64.lt (local.get $t) (f64.const 9223372036854775808.0)))
    (then (return (call $mochi_bigint_from_i64 (i64.trunc_f64_s (local.get $t))))))
  ;; |t| = mant 2^shift with a 53-bit mant (C's frexp/ldexp), shift >= 11
  (local.set $bits (i64.reinterpret_f64 (local.get $t)))
  (local.set $mant (i64.or (i64.and (local.get $bits) (i64.const 0xFFFFFFFFFFFFF)) (i64.const 0x10000000000000)))
  (local.set $shift (i32.sub (i32.wrap_i64 (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7FF))) (i32.const 1075)))
  (local.set $q (i32.shr_u (local.get $shift) (i32.const 6)))
  (local.set $s (i64.extend_i32_u (i32.and (local.get $shift) (i32.const 63))))
  (local.set $r (call $mochi_bigint.new (i32.add (local.get $q) (i32.const 2))))
  (array.set $arr_i64 (local.get $r) (local.get $q) (i64.shl (local.get $mant) (local.get $s)))
  (if (i64.ne (local.get $s) (i64.const 0))
    (then (array.set $arr_i64 (local.get $r) (i32.add (local.get $q) (i32.const 1))
            (i64.shr_u (local.get $mant) (i64.sub (i64.const 64) (local.get $s))))))
  (call $mochi_bigint.done (local.get $r) (i32.add (local.get $q) (i32.const 2)) (f64.lt (local.get $t) (f64.const 0))))

;; ---- addition, subtraction, multiplication ----

;; a + b, where b's sign is taken as bneg (C's bi_addsub).
(func $mochi_bigint.addsub (param $a (ref $bigint)) (param $b (ref $bigint)) (param $bneg i32) (result (ref $bigint))
  (local $al i32)
  (local $bl i32)
  (local $aneg i32)
  (local $x i64)
  (local $y i64)
  (local $s i64)
  (local $t (ref $bigint))
  (local $c i32)
  (local $r (ref $arr_i64))
  (local.set $al (struct.get $bigint $len (local.get $a)))
  (local.set $bl (struct.get $bigint $len (local.get $b)))
  (local.set $aneg (struct.get $bigint $neg (local.get $a)))
  (if (i32.eqz (local.get $bl)) (then (return (local.get $a))))
  (if (i32.and (i32.le_u (local.get $al) (i32.const 1)) (i32.eq (local.get $bl) (i32.const 1)))
    (then
      (local.set $x (call $mochi_bigint.limb0 (local.get $a)))
      (local.set $y (call $mochi_bigint.limb0 (local.get $b)))
      (if (i32.or (i32.eq (local.get $aneg) (local.get $bneg)) (i32.eqz (local.get $al)))
        (then
          (local.set $s (i64.add (local.get $x) (local.get $y)))
          (return (call $mochi_bigint.from_mag2 (local.get $s) (i64.extend_i32_u (i64.lt_u (local.get $s) (local.get $x)))
                                                (select (local.get $aneg) (local.get $bneg) (local.get $al))))))
      (if (i64.ge_u (local.get $x) (local.get $y))
        (then (return (call $mochi_bigint.from_mag2 (i64.sub (local.get $x) (local.get $y)) (i64.const 0) (local.get $aneg)))))
      (return (call $mochi_bigint.from_mag2 (i64.sub (local.get $y) (local.get $x)) (i64.const 0) (local.get $bneg)))))
  (if (i32.eq (local.get $aneg) (local.get $bneg))
    (then
      (if (i32.lt_u (local.get $al) (local.get $bl))
        (then
          (local.set $t (local.get $a))
          (local.set $a (local.get $b))
          (local.set $b (local.get $t))
          (local.set $c (local.get $al))
          (local.set $al (local.get $bl))
          (local.set $bl (local.get $c))))
      (local.set $r (call $mochi_bigint.new (i32.add (local.get $al) (i32.const 1))))
      (array.set $arr_i64 (local.get $r) (local.get $al)
        (call $mochi_bigint.n_add (local.get $r) (i32.const 0) (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $al)
                                  (struct.get $bigint $d (local.get $b)) (i32.const 0) (local.get $bl)))
      (return (call $mochi_bigint.done (local.get $r) (i32.add (local.get $al) (i32.const 1)) (local.get $aneg)))))
  (local.set $c (call $mochi_bigint.n_cmp (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $al)
                                          (struct.get $bigint $d (local.get $b)) (i32.const 0) (local.get $bl)))
  (if (i32.eqz (local.get $c)) (then (return (global.get $mochi_bigint.zero))))
  (if (i32.lt_s (local.get $c) (i32.const 0))
    (then
      (local.set $r (call $mochi_bigint.new (local.get $bl)))
      (drop (call $mochi_bigint.n_sub (local.get $r) (i32.const 0) (struct.get $bigint $d (local.get $b)) (i32.const 0) (local.get $bl)
                                      (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $al)))
      (return (call $mochi_bigint.done (local.get $r) (local.get $bl) (local.get $bneg)))))
  (local.set $r (call $mochi_bigint.new (local.get $al)))
  (drop (call $mochi_bigint.n_sub (local.get $r) (i32.const 0) (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $al)
                                  (struct.get $bigint $d (local.get $b)) (i32.const 0) (local.get $bl)))
  (call $mochi_bigint.done (local.get $r) (local.get $al) (local.get $aneg)))

(func $mochi_bigint_add (param $a (ref null $bigint)) (param $b (ref null $bigint)) (result (ref $bigint))
  (local $y (ref $bigint))
  (local.set $y (call $mochi_bigint.get (local.get $b)))
  (call $mochi_bigint.addsub (call $mochi_bigint.get (local.get $a)) (local.get $y) (struct.get $bigint $neg (local.get $y))))

(func $mochi_bigint_sub (param $a (ref null $bigint)) (param $b (ref null $bigint)) (result (ref $bigint))
  (local $y (ref $bigint))
  (local.set $y (call $mochi_bigint.get (local.get $b)))
  (call $mochi_bigint.addsub (call $mochi_bigint.get (local.get $a)) (local.get $y) (i32.eqz (struct.get $bigint $neg (local.get $y)))))

(func $mochi_bigint_mul (param $a (ref null $bigint)) (param $b (ref null $bigint)) (result (ref $bigint))
  (local $x (ref $bigint))
  (local $y (ref $bigint))
  (local $xl i32)
  (local $yl i32)
  (local $neg i32)
  (local $lo i64)
  (local $r (ref $arr_i64))
  (local.set $x (call $mochi_bigint.get (local.get $a)))
  (local.set $y (call $mochi_bigint.get (local.get $b)))
  (local.set $xl (struct.get $bigint $len (local.get $x)))
  (local.set $yl (struct.get $bigint $len (local.get $y)))
  (local.set $neg (i32.ne (struct.get $bigint $neg (local.get $x)) (struct.get $bigint $neg (local.get $y))))
  (if (i32.or (i32.eqz (local.get $xl)) (i32.eqz (local.get $yl))) (then (return (global.get $mochi_bigint.zero))))
  (if (i32.and (i32.eq (local.get $xl) (i32.const 1)) (i32.eq (local.get $yl) (i32.const 1)))
    (then
      (local.set $lo (call $mochi_bigint.mul_wide (call $mochi_bigint.limb0 (local.get $x)) (call $mochi_bigint.limb0 (local.get $y))))
      (return (call $mochi_bigint.from_mag2 (local.get $lo) (global.get $mochi_bigint.hi) (local.get $neg)))))
  (local.set $r (call $mochi_bigint.new (i32.add (local.get $xl) (local.get $yl))))
  (if (ref.eq (local.get $x) (local.get $y))
    (then (call $mochi_bigint.n_sqr (local.get $r) (i32.const 0) (struct.get $bigint $d (local.get $x)) (i32.const 0) (local.get $xl)))
    (else (call $mochi_bigint.n_mul (local.get $r) (i32.const 0) (struct.get $bigint $d (local.get $x)) (i32.const 0) (local.get $xl)
                                    (struct.get $bigint $d (local.get $y)) (i32.const 0) (local.get $yl))))
  (call $mochi_bigint.done (local.get $r) (i32.add (local.get $xl) (local.get $yl)) (local.get $neg)))

(func $mochi_bigint_neg (param $a (ref null $bigint)) (result (ref $bigint))
  (local $x (ref $bigint))
  (local.set $x (call $mochi_bigint.get (local.get $a)))
  (if (i32.eqz (struct.get $bigint $len (local.get $x))) (then (return (global.get $mochi_bigint.zero))))
  ;; the limbs are shared: both objects are immutable
  (struct.new $bigint (i32.eqz (struct.get $bigint $neg (local.get $x))) (struct.get $bigint $len (local.get $x))
              (struct.get $bigint $d (local.get $x))))

(func $mochi_bigint_abs (param $a (ref null $bigint)) (result (ref $bigint))
  (local $x (ref $bigint))
  (local.set $x (call $mochi_bigint.get (local.get $a)))
  (if (result (ref $bigint)) (struct.get $bigint $neg (local.get $x))
    (then (call $mochi_bigint_neg (local.get $x)))
    (else (local.get $x))))

;; ---- division ----

;; The remainder of the last $mochi_bigint.divmod that asked for one.
(global $mochi_bigint.rem_out (mut (ref null $bigint)) (ref.null $bigint))

;; Truncating division: the quotient trunc(a / b) (null when want_q is 0), and when
;; want_r the remainder a - q b (the dividend's sign) in $mochi_bigint.rem_out.
;; A zero divisor is `division by zero` (C's bi_divmod).
(func $mochi_bigint.divmod (param $a (ref $bigint)) (param $b (ref $bigint)) (param $want_q i32) (param $want_r i32) (result (ref null $bigint))
  (local $al i32)
  (local $bl i32)
  (local $qneg i32)
  (local $d i64)
  (local $x i64)
  (local $rem i64)
  (local $i i32)
  (local $ql i32)
  (local $qd (ref $arr_i64))
  (local $rd (ref null $arr_i64))
  (local $q (ref null $bigint))
  (local.set $al (struct.get $bigint $len (local.get $a)))
  (local.set $bl (struct.get $bigint $len (local.get $b)))
  (local.set $qneg (i32.ne (struct.get $bigint $neg (local.get $a)) (struct.get $bigint $neg (local.get $b))))
  (if (i32.eqz (local.get $bl)) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
  (if (i32.or (i32.lt_u (local.get $al) (local.get $bl))
              (i32.and (i32.eq (local.get $al) (local.get $bl))
                       (i32.lt_s (call $mochi_bigint.n_cmp (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $al)
                                                           (struct.get $bigint $d (local.get $b)) (i32.const 0) (local.get $bl))
                                 (i32.const 0))))
    (then
      (if (local.get $want_r) (then (global.set $mochi_bigint.rem_out (local.get $a))))
      (return (global.get $mochi_bigint.zero))))
  (if (i32.eq (local.get $bl) (i32.const 1))
    (then
      (local.set $d (call $mochi_bigint.limb0 (local.get $b)))
      (if (i32.eq (local.get $al) (i32.const 1))
        (then
          (local.set $x (call $mochi_bigint.limb0 (local.get $a)))
          (if (local.get $want_r)
            (then (global.set $mochi_bigint.rem_out
                    (call $mochi_bigint.from_mag2 (i64.rem_u (local.get $x) (local.get $d)) (i64.const 0) (struct.get $bigint $neg (local.get $a))))))
          (return (call $mochi_bigint.from_mag2 (i64.div_u (local.get $x) (local.get $d)) (i64.const 0) (local.get $qneg)))))
      (if (i32.eqz (local.get $want_q))
        (then
          (local.set $i (local.get $al))
          (block $done
            (loop $next
              (br_if $done (i32.eqz (local.get $i)))
              (local.set $i (i32.sub (local.get $i) (i32.const 1)))
              (drop (call $mochi_bigint.div_wide (local.get $rem) (array.get $arr_i64 (struct.get $bigint $d (local.get $a)) (local.get $i)) (local.get $d)))
              (local.set $rem (global.get $mochi_bigint.rem))
              (br $next)))
          (global.set $mochi_bigint.rem_out (call $mochi_bigint.from_mag2 (local.get $rem) (i64.const 0) (struct.get $bigint $neg (local.get $a))))
          (return (ref.null $bigint))))
      (local.set $qd (call $mochi_bigint.new (local.get $al)))
      (local.set $rem (call $mochi_bigint.n_divrem_1 (local.get $qd) (i32.const 0) (struct.get $bigint $d (local.get $a)) (i32.const 0)
                                                     (local.get $al) (local.get $d)))
      (if (local.get $want_r)
        (then (global.set $mochi_bigint.rem_out (call $mochi_bigint.from_mag2 (local.get $rem) (i64.const 0) (struct.get $bigint $neg (local.get $a))))))
      (return (call $mochi_bigint.done (local.get $qd) (local.get $al) (local.get $qneg)))))
  (local.set $ql (i32.add (i32.sub (local.get $al) (local.get $bl)) (i32.const 1)))
  (local.set $qd (call $mochi_bigint.new (local.get $ql)))
  (if (local.get $want_r) (then (local.set $rd (call $mochi_bigint.new (local.get $bl)))))
  (call $mochi_bigint.n_divrem (local.get $qd) (i32.const 0) (local.get $rd) (i32.const 0)
                               (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $al)
                               (struct.get $bigint $d (local.get $b)) (i32.const 0) (local.get $bl))
  (if (local.get $want_r)
    (then (global.set $mochi_bigint.rem_out
            (call $mochi_bigint.done (ref.as_non_null (local.get $rd)) (local.get $bl) (struct.get $bigint $neg (local.get $a))))))
  (if (result (ref null $bigint)) (local.get $want_q)
    (then (call $mochi_bigint.done (local.get $qd) (local.get $ql) (local.get $qneg)))
    (else (ref.null $bigint))))

(func $mochi_bigint_div (param $a (ref null $bigint)) (param $b (ref null $bigint)) (result (ref $bigint))
  (ref.as_non_null (call $mochi_bigint.divmod (call $mochi_bigint.get (local.get $a)) (call $mochi_bigint.get (local.get $b))
                                              (i32.const 1) (i32.const 0))))

(func $mochi_bigint_rem (param $a (ref null $bigint)) (param $b (ref null $bigint)) (result (ref $bigint))
  (local $r (ref $bigint))
  (drop (call $mochi_bigint.divmod (call $mochi_bigint.get (local.get $a)) (call $mochi_bigint.get (local.get $b))
                                   (i32.const 0) (i32.const 1)))
  (local.set $r (ref.as_non_null (global.get $mochi_bigint.rem_out)))
  (global.set $mochi_bigint.rem_out (ref.null $bigint))
  (local.get $r))

;; ---- comparison ----

(func $mochi_bigint_cmp (param $a (ref null $bigint)) (param $b (ref null $bigint)) (result i32)
  (local $x (ref $bigint))
  (local $y (ref $bigint))
  (local $c i32)
  (local.set $x (call $mochi_bigint.get (local.get $a)))
  (local.set $y (call $mochi_bigint.get (local.get $b)))
  (if (i32.ne (struct.get $bigint $neg (local.get $x)) (struct.get $bigint $neg (local.get $y)))
    (then (return (select (i32.const -1) (i32.const 1) (struct.get $bigint $neg (local.get $x))))))
  (local.set $c (call $mochi_bigint.n_cmp (struct.get $bigint $d (local.get $x)) (i32.const 0) (struct.get $bigint $len (local.get $x))
                                          (struct.get $bigint $d (local.get $y)) (i32.const 0) (struct.get $bigint $len (local.get $y))))
  (select (i32.sub (i32.const 0) (local.get $c)) (local.get $c) (struct.get $bigint $neg (local.get $x))))

(func $mochi_bigint_eq (param $a (ref null $bigint)) (param $b (ref null $bigint)) (result i32)
  (local $x (ref $bigint))
  (local $y (ref $bigint))
  (local.set $x (call $mochi_bigint.get (local.get $a)))
  (local.set $y (call $mochi_bigint.get (local.get $b)))
  (if (ref.eq (local.get $x) (local.get $y)) (then (return (i32.const 1))))
  (if (i32.ne (struct.get $bigint $neg (local.get $x)) (struct.get $bigint $neg (local.get $y))) (then (return (i32.const 0))))
  (i32.eqz (call $mochi_bigint.n_cmp (struct.get $bigint $d (local.get $x)) (i32.const 0) (struct.get $bigint $len (local.get $x))
                                     (struct.get $bigint $d (local.get $y)) (i32.const 0) (struct.get $bigint $len (local.get $y)))))

;; ---- powers ----

(func $mochi_bigint_pow (param $base (ref null $bigint)) (param $e i64) (result (ref $bigint))
  (local $a (ref $bigint))
  (local $odd i32)
  (local $neg i32)
  (local $alen i32)
  (local $a0 i64)
  (local $abits i64)
  (local $maxl i32)
  (local $k i64)
  (local $r (ref $arr_i64))
  (local $x (ref $arr_i64))
  (local $t (ref $arr_i64))
  (local $s (ref $arr_i64))
  (local $xn i32)
  (local $top i64)
  (local $i i64)
  (local $c i64)
  (local.set $a (call $mochi_bigint.get (local.get $base)))
  (local.set $alen (struct.get $bigint $len (local.get $a)))
  (local.set $a0 (call $mochi_bigint.limb0 (local.get $a)))
  (local.set $odd (i32.wrap_i64 (i64.and (local.get $e) (i64.const 1))))
  (if (i64.lt_s (local.get $e) (i64.const 0))
    (then
      ;; 1 / a^|e| truncated toward zero, as `/` truncates: 0 unless |a| == 1
      (if (i32.eqz (local.get $alen)) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
      (if (i32.and (i32.eq (local.get $alen) (i32.const 1)) (i64.eq (local.get $a0) (i64.const 1)))
        (then (return (call $mochi_bigint.from_mag2 (i64.const 1) (i64.const 0)
                                                    (i32.and (struct.get $bigint $neg (local.get $a)) (local.get $odd))))))
      (return (global.get $mochi_bigint.zero))))
  (if (i64.eqz (local.get $e)) (then (return (global.get $mochi_bigint.one))))
  (if (i32.eqz (local.get $alen)) (then (return (global.get $mochi_bigint.zero))))
  (local.set $neg (i32.and (struct.get $bigint $neg (local.get $a)) (local.get $odd)))
  (if (i32.and (i32.eq (local.get $alen) (i32.const 1)) (i64.eq (local.get $a0) (i64.const 1)))
    (then (return (call $mochi_bigint.from_mag2 (i64.const 1) (i64.const 0) (local.get $neg)))))
  (local.set $abits (i64.extend_i32_u (call $mochi_bigint.n_bits (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $alen))))
  (if (i64.gt_u (local.get $e) (i64.div_u (i64.shl (i64.extend_i32_u (global.get $mochi_bigint.max_limbs)) (i64.const 6)) (local.get $abits)))
    (then (call $mochi_err_oom)))
  (local.set $maxl (i32.add (i32.wrap_i64 (i64.shr_u (i64.add (i64.mul (local.get $abits) (local.get $e)) (i64.const 63)) (i64.const 6)))
                            (i32.const 1)))
  (if (i32.and (i32.eq (local.get $alen) (i32.const 1))
               (i64.eqz (i64.and (local.get $a0) (i64.sub (local.get $a0) (i64.const 1)))))
    (then
      ;; a power of two: place one bit
      (local.set $k (i64.mul (i64.ctz (local.get $a0)) (local.get $e)))
      (local.set $r (call $mochi_bigint.new (i32.add (i32.wrap_i64 (i64.shr_u (local.get $k) (i64.const 6))) (i32.const 1))))
      (array.set $arr_i64 (local.get $r) (i32.wrap_i64 (i64.shr_u (local.get $k) (i64.const 6)))
        (i64.shl (i64.const 1) (i64.and (local.get $k) (i64.const 63))))
      (return (call $mochi_bigint.done (local.get $r) (array.len (local.get $r)) (local.get $neg)))))
  ;; left to right: square, and multiply by a where e has a one bit
  (local.set $x (call $mochi_bigint.new (local.get $maxl)))
  (local.set $t (call $mochi_bigint.new (local.get $maxl)))
  (array.copy $arr_i64 $arr_i64 (local.get $x) (i32.const 0) (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $alen))
  (local.set $xn (local.get $alen))
  (local.set $top (i64.sub (i64.const 63) (i64.clz (local.get $e))))
  (local.set $i (local.get $top))
  (block $done
    (loop $next
      (br_if $done (i64.eqz (local.get $i)))
      (local.set $i (i64.sub (local.get $i) (i64.const 1)))
      (call $mochi_bigint.n_sqr (local.get $t) (i32.const 0) (local.get $x) (i32.const 0) (local.get $xn))
      (local.set $xn (call $mochi_bigint.n_norm (local.get $t) (i32.const 0) (i32.shl (local.get $xn) (i32.const 1))))
      (local.set $s (local.get $x))
      (local.set $x (local.get $t))
      (local.set $t (local.get $s))
      (if (i32.wrap_i64 (i64.and (i64.shr_u (local.get $e) (local.get $i)) (i64.const 1)))
        (then
          (if (i32.eq (local.get $alen) (i32.const 1))
            (then
              (local.set $c (call $mochi_bigint.n_mul_1 (local.get $x) (i32.const 0) (local.get $x) (i32.const 0) (local.get $xn) (local.get $a0)))
              (if (i64.ne (local.get $c) (i64.const 0))
                (then
                  (array.set $arr_i64 (local.get $x) (local.get $xn) (local.get $c))
                  (local.set $xn (i32.add (local.get $xn) (i32.const 1))))))
            (else
              (call $mochi_bigint.n_mul (local.get $t) (i32.const 0) (local.get $x) (i32.const 0) (local.get $xn)
                                        (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $alen))
              (local.set $xn (call $mochi_bigint.n_norm (local.get $t) (i32.const 0) (i32.add (local.get $xn) (local.get $alen))))
              (local.set $s (local.get $x))
              (local.set $x (local.get $t))
              (local.set $t (local.get $s))))))
      (br $next)))
  (call $mochi_bigint.done (local.get $x) (local.get $xn) (local.get $neg)))

;; ---- decimal text ----

;; 10^(19 2^k) for k = 0, 1, ...: computed by squaring on first use, then kept (as
;; $bigint objects in an array of 40).
(global $mochi_bigint.p10 (mut (ref null $arr_ref)) (ref.null $arr_ref))
(global $mochi_bigint.p10_count (mut i32) (i32.const 0))

(func $mochi_bigint.pow10_level (param $k i32) (result (ref $bigint))
  (local $cache (ref $arr_ref))
  (local $q (ref $bigint))
  (local $d (ref $arr_i64))
  (local $n i32)
  (if (ref.is_null (global.get $mochi_bigint.p10))
    (then (global.set $mochi_bigint.p10 (array.new_default $arr_ref (i32.const 40)))))
  (local.set $cache (ref.as_non_null (global.get $mochi_bigint.p10)))
  (block $done
    (loop $next
      (br_if $done (i32.gt_u (global.get $mochi_bigint.p10_count) (local.get $k)))
      (if (i32.eqz (global.get $mochi_bigint.p10_count))
        (then
          (array.set $arr_ref (local.get $cache) (i32.const 0)
            (struct.new $bigint (i32.const 0) (i32.const 1) (array.new_fixed $arr_i64 1 (i64.const 10000000000000000000)))))
        (else
          (local.set $q (ref.cast (ref $bigint) (array.get $arr_ref (local.get $cache) (i32.sub (global.get $mochi_bigint.p10_count) (i32.const 1)))))
          (local.set $n (i32.shl (struct.get $bigint $len (local.get $q)) (i32.const 1)))
          (local.set $d (call $mochi_bigint.new (local.get $n)))
          (call $mochi_bigint.n_sqr (local.get $d) (i32.const 0) (struct.get $bigint $d (local.get $q)) (i32.const 0)
                                    (struct.get $bigint $len (local.get $q)))
          (array.set $arr_ref (local.get $cache) (global.get $mochi_bigint.p10_count)
            (call $mochi_bigint.done (local.get $d) (local.get $n) (i32.const 0)))))
      (global.set $mochi_bigint.p10_count (i32.add (global.get $mochi_bigint.p10_count) (i32.const 1)))
      (br $next)))
  (ref.cast (ref $bigint) (array.get $arr_ref (local.get $cache) (local.get $k))))

;; Up to this many limbs a number is converted by repeated division by 10^19, in this
;; scratch (dec_write's base case never nests).
(global $mochi_bigint.dec_t (mut (ref null $arr_i64)) (ref.null $arr_i64))

;; Writes the decimal digits of v so they end just before end: exactly pad digits
;; (zero-padded; v < 10^pad) when pad > 0, else as few as needed (at least one).
;; Returns where they start.
(func $mochi_bigint.put_u64 (param $buf (ref $bytes)) (param $end i32) (param $v i64) (param $pad i32) (result i32)
  (local $lo i32)
  (local $k i32)
  ;; 9 digits at a time, each group in 32-bit arithmetic
  (block $done
    (loop $next
      (if (local.get $pad)
        (then (br_if $done (i32.lt_s (local.get $pad) (i32.const 9))))
        (else (br_if $done (i64.lt_u (local.get $v) (i64.const 1000000000)))))
      (local.set $lo (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 1000000000))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 1000000000)))
      (local.set $k (i32.const 9))
      (loop $digit
        (local.set $end (i32.sub (local.get $end) (i32.const 1)))
        (array.set $bytes (local.get $buf) (local.get $end) (i32.add (i32.const 48) (i32.rem_u (local.get $lo) (i32.const 10))))
        (local.set $lo (i32.div_u (local.get $lo) (i32.const 10)))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br_if $digit (local.get $k)))
      (if (local.get $pad) (then (local.set $pad (i32.sub (local.get $pad) (i32.const 9)))))
      (br $next)))
  (local.set $lo (i32.wrap_i64 (local.get $v)))
  (if (local.get $pad)
    (then
      (block $pdone
        (loop $pnext
          (br_if $pdone (i32.eqz (local.get $pad)))
          (local.set $end (i32.sub (local.get $end) (i32.const 1)))
          (array.set $bytes (local.get $buf) (local.get $end) (i32.add (i32.const 48) (i32.rem_u (local.get $lo) (i32.const 10))))
          (local.set $lo (i32.div_u (local.get $lo) (i32.const 10)))
          (local.set $pad (i32.sub (local.get $pad) (i32.const 1)))
          (br $pnext)))
      (return (local.get $end))))
  (loop $digit
    (local.set $end (i32.sub (local.get $end) (i32.const 1)))
    (array.set $bytes (local.get $buf) (local.get $end) (i32.add (i32.const 48) (i32.rem_u (local.get $lo) (i32.const 10))))
    (local.set $lo (i32.div_u (local.get $lo) (i32.const 10)))
    (br_if $digit (local.get $lo)))
  (local.get $end))

;; Writes the digits of x[xo .. xo+n) so they end just before end in buf: exactly
;; width digits (zero-padded) when width > 0, else as few as needed ("0" for zero).
;; Returns where the digits start (C's dec_write).
(func $mochi_bigint.dec_write (param $x (ref $arr_i64)) (param $xo i32) (param $n i32)
                              (param $buf (ref $bytes)) (param $end i32) (param $width i32) (result i32)
  (local $t (ref $arr_i64))
  (local $p i32)
  (local $rem i64)
  (local $k i32)
  (local $pw (ref $bigint))
  (local $m i32)
  (local $ql i32)
  (local $w i32)
  (local $q (ref $arr_i64))
  (local.set $n (call $mochi_bigint.n_norm (local.get $x) (local.get $xo) (local.get $n)))
  (if (i32.le_u (local.get $n) (i32.const 30))
    (then
      (if (ref.is_null (global.get $mochi_bigint.dec_t))
        (then (global.set $mochi_bigint.dec_t (array.new_default $arr_i64 (i32.const 30)))))
      (local.set $t (ref.as_non_null (global.get $mochi_bigint.dec_t)))
      (local.set $p (local.get $end))
      (if (local.get $n)
        (then (array.copy $arr_i64 $arr_i64 (local.get $t) (i32.const 0) (local.get $x) (local.get $xo) (local.get $n))))
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $rem (call $mochi_bigint.n_divrem_1 (local.get $t) (i32.const 0) (local.get $t) (i32.const 0) (local.get $n)
                                                         (i64.const 10000000000000000000)))
          (local.set $n (call $mochi_bigint.n_norm (local.get $t) (i32.const 0) (local.get $n)))
          (local.set $p (call $mochi_bigint.put_u64 (local.get $buf) (local.get $p) (local.get $rem)
                                                    (select (i32.const 19) (i32.const 0) (local.get $n))))
          (br $next)))
      (if (local.get $width)
        (then
          (block $padded
            (loop $pad
              (br_if $padded (i32.ge_u (i32.sub (local.get $end) (local.get $p)) (local.get $width)))
              (local.set $p (i32.sub (local.get $p) (i32.const 1)))
              (array.set $bytes (local.get $buf) (local.get $p) (i32.const 48))
              (br $pad))))
        (else
          (if (i32.eq (local.get $p) (local.get $end))
            (then
              (local.set $p (i32.sub (local.get $p) (i32.const 1)))
              (array.set $bytes (local.get $buf) (local.get $p) (i32.const 48))))))
      (return (local.get $p))))
  ;; split by 10^(19 2^k), which has at most 2^k limbs, with 2^k <= (n+1)/2: the
  ;; quotient and the remainder get about half the limbs each
  (block $found
    (loop $grow
      (br_if $found (i32.gt_u (i32.shl (i32.const 2) (local.get $k)) (i32.shr_u (i32.add (local.get $n) (i32.const 1)) (i32.const 1))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $grow)))
  (local.set $pw (call $mochi_bigint.pow10_level (local.get $k)))
  (local.set $m (struct.get $bigint $len (local.get $pw)))
  (local.set $ql (i32.add (i32.sub (local.get $n) (local.get $m)) (i32.const 1)))
  (local.set $w (i32.mul (i32.const 19) (i32.shl (i32.const 1) (local.get $k))))
  (local.set $q (array.new_default $arr_i64 (i32.add (local.get $ql) (local.get $m))))
  (call $mochi_bigint.n_divrem (local.get $q) (i32.const 0) (local.get $q) (local.get $ql)
                               (local.get $x) (local.get $xo) (local.get $n)
                               (struct.get $bigint $d (local.get $pw)) (i32.const 0) (local.get $m))
  (drop (call $mochi_bigint.dec_write (local.get $q) (local.get $ql) (local.get $m) (local.get $buf) (local.get $end) (local.get $w)))
  (call $mochi_bigint.dec_write (local.get $q) (i32.const 0) (local.get $ql) (local.get $buf) (i32.sub (local.get $end) (local.get $w))
                                (select (i32.sub (local.get $width) (local.get $w)) (i32.const 0) (local.get $width))))

;; The decimal text of a (C's mochi_bigint_fmt into a new string).
(func $mochi_bigint_to_str (param $x (ref null $bigint)) (result (ref $str))
  (local $a (ref $bigint))
  (local $room i32)
  (local $buf (ref $bytes))
  (local $p i32)
  (local $n i32)
  (local $out (ref $bytes))
  (local.set $a (call $mochi_bigint.get (local.get $x)))
  (if (i32.le_u (struct.get $bigint $len (local.get $a)) (i32.const 1))
    (then
      (local.set $buf (array.new_default $bytes (i32.const 21)))
      (local.set $p (call $mochi_bigint.put_u64 (local.get $buf) (i32.const 21) (call $mochi_bigint.limb0 (local.get $a)) (i32.const 0)))
      (if (struct.get $bigint $neg (local.get $a))
        (then
          (local.set $p (i32.sub (local.get $p) (i32.const 1)))
          (array.set $bytes (local.get $buf) (local.get $p) (i32.const 45))))
      (local.set $n (i32.sub (i32.const 21) (local.get $p)))
      (local.set $out (array.new_default $bytes (local.get $n)))
      (array.copy $bytes $bytes (local.get $out) (i32.const 0) (local.get $buf) (local.get $p) (local.get $n))
      (return (struct.new $str (local.get $out) (local.get $n)))))
  ;; room for the digits: 0.30103 is just above log10 2 (C's dec_room), and the sign
  (local.set $room (i32.add (i32.wrap_i64 (i64.add (i64.div_u (i64.mul (i64.extend_i32_u
                      (call $mochi_bigint.n_bits (struct.get $bigint $d (local.get $a)) (i32.const 0) (struct.get $bigint $len (local.get $a))))
                      (i64.const 30103)) (i64.const 100000)) (i64.const 2))) (i32.const 1)))
  (if (i32.gt_u (local.get $room) (i32.const 0x3FFFFC00)) (then (call $mochi_err_oom)))
  (local.set $buf (array.new_default $bytes (local.get $room)))
  (local.set $p (call $mochi_bigint.dec_write (struct.get $bigint $d (local.get $a)) (i32.const 0) (struct.get $bigint $len (local.get $a))
                                              (local.get $buf) (local.get $room) (i32.const 0)))
  (if (i32.le_s (local.get $p) (i32.const 0))
    (then
      (call $mochi_rt_error (struct.new $str (array.new_data $bytes $mochi_bigint.d.internal (i32.const 0) (i32.const 51)) (i32.const 51)))
      (unreachable)))
  (if (struct.get $bigint $neg (local.get $a))
    (then
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (array.set $bytes (local.get $buf) (local.get $p) (i32.const 45))))
  (local.set $n (i32.sub (local.get $room) (local.get $p)))
  (if (i32.eqz (local.get $p)) (then (return (struct.new $str (local.get $buf) (local.get $n)))))
  (local.set $out (array.new_default $bytes (local.get $n)))
  (array.copy $bytes $bytes (local.get $out) (i32.const 0) (local.get $buf) (local.get $p) (local.get $n))
  (struct.new $str (local.get $out) (local.get $n)))

;; Parses nd decimal digits s[so .. so+nd) into out from oo (room for nd/19 + 2
;; limbs); returns the length (C's dec_read).
(func $mochi_bigint.dec_read (param $out (ref $arr_i64)) (param $oo i32) (param $s (ref $bytes)) (param $so i32) (param $nd i32) (result i32)
  (local $n i32)
  (local $i i32)
  (local $first i32)
  (local $len i32)
  (local $j i32)
  (local $v i64)
  (local $scale i64)
  (local $c i64)
  (local $k i32)
  (local $w i32)
  (local $hd i32)
  (local $hi (ref $arr_i64))
  (local $lo i32)
  (local $hn i32)
  (local $ln i32)
  (local $pw (ref $bigint))
  (if (i32.le_u (local.get $nd) (i32.const 760))
    (then
      (local.set $first (i32.rem_u (local.get $nd) (i32.const 19)))
      (if (i32.eqz (local.get $first)) (then (local.set $first (i32.const 19))))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $nd)))
          (local.set $len (select (local.get $first) (i32.const 19) (i32.eqz (local.get $i))))
          (local.set $v (i64.const 0))
          (local.set $scale (i64.const 1))
          (local.set $j (i32.const 0))
          (block $dd
            (loop $digit
              (br_if $dd (i32.ge_u (local.get $j) (local.get $len)))
              (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10))
                                     (i64.extend_i32_u (i32.sub (array.get_u $bytes (local.get $s) (i32.add (i32.add (local.get $so) (local.get $i)) (local.get $j)))
                                                                (i32.const 48)))))
              (local.set $scale (i64.mul (local.get $scale) (i64.const 10)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $digit)))
          (local.set $i (i32.add (local.get $i) (local.get $len)))
          (local.set $c (i64.const 0))
          (if (local.get $n)
            (then (local.set $c (call $mochi_bigint.n_mul_1 (local.get $out) (local.get $oo) (local.get $out) (local.get $oo)
                                                            (local.get $n) (local.get $scale)))))
          (if (i64.ne (local.get $c) (i64.const 0))
            (then
              (array.set $arr_i64 (local.get $out) (i32.add (local.get $oo) (local.get $n)) (local.get $c))
              (local.set $n (i32.add (local.get $n) (i32.const 1)))))
          (if (i32.eqz (local.get $n))
            (then
              (if (i64.ne (local.get $v) (i64.const 0))
                (then
                  (array.set $arr_i64 (local.get $out) (local.get $oo) (local.get $v))
                  (local.set $n (i32.const 1)))))
            (else
              (if (i64.ne (call $mochi_bigint.n_add_1 (local.get $out) (local.get $oo) (local.get $out) (local.get $oo) (local.get $n) (local.get $v))
                          (i64.const 0))
                (then
                  (array.set $arr_i64 (local.get $out) (i32.add (local.get $oo) (local.get $n)) (i64.const 1))
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
          (br $next)))
      (return (local.get $n))))
  ;; the low 19 2^k digits and the rest, joined by one product
  (block $found
    (loop $grow
      (br_if $found (i32.ge_u (i32.mul (i32.const 19) (i32.shl (i32.const 2) (local.get $k))) (local.get $nd)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $grow)))
  (local.set $w (i32.mul (i32.const 19) (i32.shl (i32.const 1) (local.get $k))))
  (local.set $hd (i32.sub (local.get $nd) (local.get $w)))
  (local.set $lo (i32.add (i32.div_u (local.get $hd) (i32.const 19)) (i32.const 2)))
  (local.set $hi (array.new_default $arr_i64 (i32.add (i32.add (local.get $lo) (i32.div_u (local.get $w) (i32.const 19))) (i32.const 2))))
  (local.set $hn (call $mochi_bigint.dec_read (local.get $hi) (i32.const 0) (local.get $s) (local.get $so) (local.get $hd)))
  (local.set $ln (call $mochi_bigint.dec_read (local.get $hi) (local.get $lo) (local.get $s) (i32.add (local.get $so) (local.get $hd)) (local.get $w)))
  (if (i32.eqz (local.get $hn))
    (then
      (if (local.get $ln)
        (then (array.copy $arr_i64 $arr_i64 (local.get $out) (local.get $oo) (local.get $hi) (local.get $lo) (local.get $ln))))
      (return (local.get $ln))))
  (local.set $pw (call $mochi_bigint.pow10_level (local.get $k)))
  (call $mochi_bigint.n_mul (local.get $out) (local.get $oo) (local.get $hi) (i32.const 0) (local.get $hn)
                            (struct.get $bigint $d (local.get $pw)) (i32.const 0) (struct.get $bigint $len (local.get $pw)))
  (local.set $n (i32.add (local.get $hn) (struct.get $bigint $len (local.get $pw))))
  (if (local.get $ln)
    (then
      (if (i64.ne (call $mochi_bigint.n_add (local.get $out) (local.get $oo) (local.get $out) (local.get $oo) (local.get $n)
                                            (local.get $hi) (local.get $lo) (local.get $ln))
                  (i64.const 0))
        (then
          (array.set $arr_i64 (local.get $out) (i32.add (local.get $oo) (local.get $n)) (i64.const 1))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
  (call $mochi_bigint.n_norm (local.get $out) (local.get $oo) (local.get $n)))

;; [+-]digits in p[off .. off+n) as a bigint, or null when the text is not one
;; (C's mochi_bigint_parse).
(func $mochi_bigint.parse (param $p (ref $bytes)) (param $off i32) (param $n i32) (result (ref null $bigint))
  (local $i i32)
  (local $neg i32)
  (local $j i32)
  (local $c i32)
  (local $end i32)
  (local $nd i32)
  (local $v i64)
  (local $r (ref $arr_i64))
  (if (i32.le_s (local.get $n) (i32.const 0)) (then (return (ref.null $bigint))))
  (local.set $end (i32.add (local.get $off) (local.get $n)))
  (local.set $i (local.get $off))
  (local.set $c (array.get_u $bytes (local.get $p) (local.get $i)))
  (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
    (then
      (local.set $neg (i32.eq (local.get $c) (i32.const 45)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))))
  (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (ref.null $bigint))))
  (local.set $j (local.get $i))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
      (if (i32.gt_u (i32.sub (array.get_u $bytes (local.get $p) (local.get $j)) (i32.const 48)) (i32.const 9))
        (then (return (ref.null $bigint))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
  ;; leading zeros cost nothing below
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.sub (local.get $end) (i32.const 1))))
      (br_if $done (i32.ne (array.get_u $bytes (local.get $p) (local.get $i)) (i32.const 48)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $nd (i32.sub (local.get $end) (local.get $i)))
  (if (i32.le_u (local.get $nd) (i32.const 18))
    (then
      (local.set $j (local.get $i))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
          (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10))
                                 (i64.extend_i32_u (i32.sub (array.get_u $bytes (local.get $p) (local.get $j)) (i32.const 48)))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $next)))
      (return (call $mochi_bigint.from_mag2 (local.get $v) (i64.const 0) (local.get $neg)))))
  (local.set $r (call $mochi_bigint.new (i32.add (i32.div_u (local.get $nd) (i32.const 19)) (i32.const 2))))
  (call $mochi_bigint.done (local.get $r)
    (call $mochi_bigint.dec_read (local.get $r) (i32.const 0) (local.get $p) (local.get $i) (local.get $nd))
    (local.get $neg)))

;; `<what> "<s quoted>"` (C's bad_text): what is a data segment's text.
(func $mochi_bigint.bad_text (param $what (ref $str)) (param $s (ref null $str))
  (call $mochi_rt_error (call $mochi_str_concat (local.get $what) (call $mochi_str_quote (local.get $s))))
  (unreachable))

;; `s as bigint`: decimal digits with an optional sign, nothing else; otherwise the
;; runtime error `invalid integer: "s"`.
(func $mochi_bigint_from_str (param $s (ref null $str)) (result (ref $bigint))
  (local $b (ref $bytes))
  (local $r (ref null $bigint))
  (local.set $b (struct.get $str $b (call $mochi_str_or_empty (local.get $s))))
  (local.set $r (call $mochi_bigint.parse (local.get $b) (i32.const 0) (array.len (local.get $b))))
  (if (ref.is_null (local.get $r))
    (then (call $mochi_bigint.bad_text
            (struct.new $str (array.new_data $bytes $mochi_bigint.d.invalid_integer (i32.const 0) (i32.const 17)) (i32.const 17))
            (local.get $s))))
  (ref.as_non_null (local.get $r)))

;; ---- gcd (Lehmer) ----

(func $mochi_bigint.internal (param $seg i32)
  (if (i32.eqz (local.get $seg))
    (then (call $mochi_rt_error (struct.new $str (array.new_data $bytes $mochi_bigint.d.cofactors (i32.const 0) (i32.const 36)) (i32.const 36))))
    (else (call $mochi_rt_error (struct.new $str (array.new_data $bytes $mochi_bigint.d.negative (i32.const 0) (i32.const 40)) (i32.const 40)))))
  (unreachable))

;; Bits [s, s+62) of a[0 .. n).
(func $mochi_bigint.bits62 (param $a (ref $arr_i64)) (param $n i32) (param $s i32) (result i64)
  (local $i i32)
  (local $o i64)
  (local $v i64)
  (local.set $i (i32.shr_u (local.get $s) (i32.const 6)))
  (local.set $o (i64.extend_i32_u (i32.and (local.get $s) (i32.const 63))))
  (if (i32.lt_u (local.get $i) (local.get $n))
    (then (local.set $v (i64.shr_u (array.get $arr_i64 (local.get $a) (local.get $i)) (local.get $o)))))
  (if (i32.and (i64.ne (local.get $o) (i64.const 0)) (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
    (then (local.set $v (i64.or (local.get $v)
            (i64.shl (array.get $arr_i64 (local.get $a) (i32.add (local.get $i) (i32.const 1))) (i64.sub (i64.const 64) (local.get $o)))))))
  (i64.and (local.get $v) (i64.const 0x3FFFFFFFFFFFFFFF)))

;; r = x u + y v, known to be >= 0 (Lehmer's cofactors have opposite signs); r has
;; room for max(un, vn) + 1 limbs, t for as many. Returns r's length (C's lin_comb).
(func $mochi_bigint.lin_comb (param $r (ref $arr_i64)) (param $t (ref $arr_i64)) (param $u (ref $arr_i64)) (param $un i32) (param $x i64)
                             (param $v (ref $arr_i64)) (param $vn i32) (param $y i64) (result i32)
  (local $rn i32)
  (local $tn i32)
  (array.set $arr_i64 (local.get $r) (local.get $un)
    (call $mochi_bigint.n_mul_1 (local.get $r) (i32.const 0) (local.get $u) (i32.const 0) (local.get $un)
      (select (i64.sub (i64.const 0) (local.get $x)) (local.get $x) (i64.lt_s (local.get $x) (i64.const 0)))))
  (local.set $rn (call $mochi_bigint.n_norm (local.get $r) (i32.const 0) (i32.add (local.get $un) (i32.const 1))))
  (array.set $arr_i64 (local.get $t) (local.get $vn)
    (call $mochi_bigint.n_mul_1 (local.get $t) (i32.const 0) (local.get $v) (i32.const 0) (local.get $vn)
      (select (i64.sub (i64.const 0) (local.get $y)) (local.get $y) (i64.lt_s (local.get $y) (i64.const 0)))))
  (local.set $tn (call $mochi_bigint.n_norm (local.get $t) (i32.const 0) (i32.add (local.get $vn) (i32.const 1))))
  (if (i32.and (i32.eq (i64.lt_s (local.get $x) (i64.const 0)) (i64.lt_s (local.get $y) (i64.const 0)))
               (i32.and (i64.ne (local.get $x) (i64.const 0)) (i64.ne (local.get $y) (i64.const 0))))
    (then (call $mochi_bigint.internal (i32.const 0))))
  (if (i32.and (i64.ge_s (local.get $x) (i64.const 0)) (i64.ge_s (local.get $y) (i64.const 0)))
    (then
      ;; one of them is 0
      (if (i32.lt_u (local.get $rn) (local.get $tn))
        (then
          (array.copy $arr_i64 $arr_i64 (local.get $r) (i32.const 0) (local.get $t) (i32.const 0) (local.get $tn))
          (return (local.get $tn))))
      (return (local.get $rn))))
  (if (i64.ge_s (local.get $x) (i64.const 0))
    (then
      ;; r - t
      (if (i32.lt_s (call $mochi_bigint.n_cmp (local.get $r) (i32.const 0) (local.get $rn) (local.get $t) (i32.const 0) (local.get $tn)) (i32.const 0))
        (then (call $mochi_bigint.internal (i32.const 1))))
      (drop (call $mochi_bigint.n_sub (local.get $r) (i32.const 0) (local.get $r) (i32.const 0) (local.get $rn)
                                      (local.get $t) (i32.const 0) (local.get $tn)))
      (return (call $mochi_bigint.n_norm (local.get $r) (i32.const 0) (local.get $rn)))))
  (if (i32.lt_s (call $mochi_bigint.n_cmp (local.get $t) (i32.const 0) (local.get $tn) (local.get $r) (i32.const 0) (local.get $rn)) (i32.const 0))
    (then (call $mochi_bigint.internal (i32.const 1))))
  (drop (call $mochi_bigint.n_sub (local.get $r) (i32.const 0) (local.get $t) (i32.const 0) (local.get $tn)
                                  (local.get $r) (i32.const 0) (local.get $rn)))
  (call $mochi_bigint.n_norm (local.get $r) (i32.const 0) (local.get $tn)))

;; gcd(|a|, |b|) as a bigint (C's bi_gcd).
(func $mochi_bigint.gcd (param $a (ref $bigint)) (param $b (ref $bigint)) (result (ref $bigint))
  (local $tb (ref $bigint))
  (local $cap i32)
  (local $u (ref $arr_i64))
  (local $v (ref $arr_i64))
  (local $t1 (ref $arr_i64))
  (local $t2 (ref $arr_i64))
  (local $tmp (ref $arr_i64))
  (local $un i32)
  (local $vn i32)
  (local $tn i32)
  (local $r i64)
  (local $ub i32)
  (local $s i32)
  (local $uh i64)
  (local $vh i64)
  (local $A i64)
  (local $B i64)
  (local $C i64)
  (local $D i64)
  (local $q1 i64)
  (local $q2 i64)
  (local $T i64)
  (local $nu i32)
  (local $nv i32)
  (if (i32.eqz (struct.get $bigint $len (local.get $a))) (then (return (call $mochi_bigint_abs (local.get $b)))))
  (if (i32.eqz (struct.get $bigint $len (local.get $b))) (then (return (call $mochi_bigint_abs (local.get $a)))))
  (if (i32.and (i32.eq (struct.get $bigint $len (local.get $a)) (i32.const 1)) (i32.eq (struct.get $bigint $len (local.get $b)) (i32.const 1)))
    (then (return (call $mochi_bigint.from_mag2
                    (call $mochi_bigint.gcd64 (call $mochi_bigint.limb0 (local.get $a)) (call $mochi_bigint.limb0 (local.get $b)))
                    (i64.const 0) (i32.const 0)))))
  (if (i32.lt_s (call $mochi_bigint.n_cmp (struct.get $bigint $d (local.get $a)) (i32.const 0) (struct.get $bigint $len (local.get $a))
                                          (struct.get $bigint $d (local.get $b)) (i32.const 0) (struct.get $bigint $len (local.get $b)))
                (i32.const 0))
    (then
      (local.set $tb (local.get $a))
      (local.set $a (local.get $b))
      (local.set $b (local.get $tb))))
  (local.set $cap (i32.add (struct.get $bigint $len (local.get $a)) (i32.const 2)))
  (local.set $u (array.new_default $arr_i64 (local.get $cap)))
  (local.set $v (array.new_default $arr_i64 (local.get $cap)))
  (local.set $t1 (array.new_default $arr_i64 (local.get $cap)))
  (local.set $t2 (array.new_default $arr_i64 (local.get $cap)))
  (local.set $un (struct.get $bigint $len (local.get $a)))
  (local.set $vn (struct.get $bigint $len (local.get $b)))
  (array.copy $arr_i64 $arr_i64 (local.get $u) (i32.const 0) (struct.get $bigint $d (local.get $a)) (i32.const 0) (local.get $un))
  (array.copy $arr_i64 $arr_i64 (local.get $v) (i32.const 0) (struct.get $bigint $d (local.get $b)) (i32.const 0) (local.get $vn))
  (loop $outer
    (if (i32.eqz (local.get $vn))
      (then (return (call $mochi_bigint.from_limbs (local.get $u) (i32.const 0) (local.get $un) (i32.const 0)))))
    (if (i32.eq (local.get $vn) (i32.const 1))
      (then
        (local.set $r (call $mochi_bigint.n_divrem_1 (local.get $t1) (i32.const 0) (local.get $u) (i32.const 0) (local.get $un)
                                                     (array.get $arr_i64 (local.get $v) (i32.const 0))))
        (return (call $mochi_bigint.from_mag2 (call $mochi_bigint.gcd64 (array.get $arr_i64 (local.get $v) (i32.const 0)) (local.get $r))
                                              (i64.const 0) (i32.const 0)))))
    ;; Lehmer: run Euclid on the leading 62 bits while the quotients are certain (Knuth
    ;; 4.5.2 algorithm L), then apply the cofactors to the whole numbers
    (local.set $ub (call $mochi_bigint.n_bits (local.get $u) (i32.const 0) (local.get $un)))
    (local.set $s (select (i32.sub (local.get $ub) (i32.const 62)) (i32.const 0) (i32.gt_u (local.get $ub) (i32.const 62))))
    (local.set $uh (call $mochi_bigint.bits62 (local.get $u) (local.get $un) (local.get $s)))
    (local.set $vh (call $mochi_bigint.bits62 (local.get $v) (local.get $vn) (local.get $s)))
    (local.set $A (i64.const 1))
    (local.set $B (i64.const 0))
    (local.set $C (i64.const 0))
    (local.set $D (i64.const 1))
    (block $stop
      (loop $step
        (br_if $stop (i64.le_s (i64.add (local.get $vh) (local.get $C)) (i64.const 0)))
        (br_if $stop (i64.le_s (i64.add (local.get $vh) (local.get $D)) (i64.const 0)))
        (br_if $stop (i64.lt_s (i64.add (local.get $uh) (local.get $A)) (i64.const 0)))
        (br_if $stop (i64.lt_s (i64.add (local.get $uh) (local.get $B)) (i64.const 0)))
        (local.set $q1 (i64.div_s (i64.add (local.get $uh) (local.get $A)) (i64.add (local.get $vh) (local.get $C))))
        (local.set $q2 (i64.div_s (i64.add (local.get $uh) (local.get $B)) (i64.add (local.get $vh) (local.get $D))))
        (br_if $stop (i64.ne (local.get $q1) (local.get $q2)))
        (local.set $T (i64.sub (local.get $A) (i64.mul (local.get $q1) (local.get $C))))
        (local.set $A (local.get $C))
        (local.set $C (local.get $T))
        (local.set $T (i64.sub (local.get $B) (i64.mul (local.get $q1) (local.get $D))))
        (local.set $B (local.get $D))
        (local.set $D (local.get $T))
        (local.set $T (i64.sub (local.get $uh) (i64.mul (local.get $q1) (local.get $vh))))
        (local.set $uh (local.get $vh))
        (local.set $vh (local.get $T))
        (br $step)))
    (if (i64.eqz (local.get $B))
      (then
        ;; no certain step: one full division, u, v = v, u mod v
        (call $mochi_bigint.n_divrem (local.get $t2) (i32.const 0) (local.get $t1) (i32.const 0)
                                     (local.get $u) (i32.const 0) (local.get $un) (local.get $v) (i32.const 0) (local.get $vn))
        (local.set $tn (call $mochi_bigint.n_norm (local.get $t1) (i32.const 0) (local.get $vn)))
        (local.set $tmp (local.get $u))
        (local.set $u (local.get $v))
        (local.set $un (local.get $vn))
        (local.set $v (local.get $t1))
        (local.set $vn (local.get $tn))
        (local.set $t1 (local.get $tmp))
        (br $outer)))
    (local.set $nu (call $mochi_bigint.lin_comb (local.get $t1) (local.get $t2) (local.get $u) (local.get $un) (local.get $A)
                                                (local.get $v) (local.get $vn) (local.get $B)))
    ;; u is read before it is written
    (local.set $nv (call $mochi_bigint.lin_comb (local.get $u) (local.get $t2) (local.get $u) (local.get $un) (local.get $C)
                                                (local.get $v) (local.get $vn) (local.get $D)))
    ;; t1 holds the new u, u's storage the new v
    (local.set $tmp (local.get $v))
    (local.set $v (local.get $u))
    (local.set $vn (local.get $nv))
    (local.set $u (local.get $t1))
    (local.set $un (local.get $nu))
    (local.set $t1 (local.get $tmp))
    (if (i32.lt_s (call $mochi_bigint.n_cmp (local.get $u) (i32.const 0) (local.get $un) (local.get $v) (i32.const 0) (local.get $vn)) (i32.const 0))
      (then
        (local.set $tmp (local.get $u))
        (local.set $u (local.get $v))
        (local.set $v (local.get $tmp))
        (local.set $tn (local.get $un))
        (local.set $un (local.get $vn))
        (local.set $vn (local.get $tn))))
    (br $outer))
  (unreachable))

(func $mochi_bigint_gcd (param $a (ref null $bigint)) (param $b (ref null $bigint)) (result (ref $bigint))
  (call $mochi_bigint.gcd (call $mochi_bigint.get (local.get $a)) (call $mochi_bigint.get (local.get $b))))

;; ---- hashing ----

(func $mochi_bigint.mix32 (param $h i32) (result i32)
  (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
  (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
  (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
  (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
  (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

;; Whether a (more than 64 bits) is exactly a double.
(func $mochi_bigint.is_double (param $a (ref $bigint)) (result i32)
  (local $d (ref $arr_i64))
  (local $bits i32)
  (local $tz i32)
  (local $i i32)
  (local.set $d (struct.get $bigint $d (local.get $a)))
  (local.set $bits (call $mochi_bigint.n_bits (local.get $d) (i32.const 0) (struct.get $bigint $len (local.get $a))))
  (block $done
    (loop $next
      (br_if $done (i64.ne (array.get $arr_i64 (local.get $d) (local.get $i)) (i64.const 0)))
      (local.set $tz (i32.add (local.get $tz) (i32.const 64)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.set $tz (i32.add (local.get $tz) (i32.wrap_i64 (i64.ctz (array.get $arr_i64 (local.get $d) (local.get $i))))))
  (i32.and (i32.le_u (local.get $bits) (i32.const 1024)) (i32.le_u (i32.sub (local.get $bits) (local.get $tz)) (i32.const 53))))

;; Consistent with $mochi_any_eq: a bigint equal to an int or a float hashes as that
;; int or float does ($mochi_hash_any of it); others mix their limbs.
(func $mochi_bigint_hash (param $x (ref null $bigint)) (result i32)
  (local $a (ref $bigint))
  (local $d (ref $arr_i64))
  (local $h i64)
  (local $i i32)
  (local $n i32)
  (local.set $a (call $mochi_bigint.get (local.get $x)))
  (if (call $mochi_bigint_fits_i64 (local.get $a))
    (then (return (call $mochi_hash_any (call $mochi_box_i64 (call $mochi_bigint_to_i64 (local.get $a)))))))
  (if (call $mochi_bigint.is_double (local.get $a))
    (then (return (call $mochi_hash_any (struct.new $box_f64 (call $mochi_bigint_to_f64 (local.get $a)))))))
  (local.set $d (struct.get $bigint $d (local.get $a)))
  (local.set $n (struct.get $bigint $len (local.get $a)))
  (local.set $h (i64.xor (i64.const 0x243F6A8885A308D3) (i64.extend_i32_u (local.get $n))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $h (i64.mul (i64.xor (local.get $h) (array.get $arr_i64 (local.get $d) (local.get $i))) (i64.const 0xBF58476D1CE4E5B9)))
      (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 31))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (struct.get $bigint $neg (local.get $a)) (then (local.set $h (i64.xor (local.get $h) (i64.const 0x6E6567)))))
  (local.set $h (i64.mul (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))) (i64.const 0x94D049BB133111EB)))
  (i32.wrap_i64 (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32)))))

;; ---- bigrat ----

(global $mochi_bigrat.zero (ref $bigrat)
  (struct.new $bigrat
    (struct.new $bigint (i32.const 0) (i32.const 0) (array.new_fixed $arr_i64 0))
    (struct.new $bigint (i32.const 0) (i32.const 1) (array.new_fixed $arr_i64 1 (i64.const 1)))))

;; A nil bigrat reads as 0/1.
(func $mochi_bigrat.get (param $x (ref null $bigrat)) (result (ref $bigrat))
  (if (result (ref $bigrat)) (ref.is_null (local.get $x))
    (then (global.get $mochi_bigrat.zero))
    (else (ref.as_non_null (local.get $x)))))

;; A bigrat of n/d, which are already in lowest terms with d > 0 (C's br_make).
(func $mochi_bigrat.make (param $n (ref $bigint)) (param $d (ref $bigint)) (result (ref $bigrat))
  (struct.new $bigrat (local.get $n)
    (if (result (ref $bigint)) (struct.get $bigint $len (local.get $n))
      (then (local.get $d))
      (else (global.get $mochi_bigint.one)))))

(func $mochi_bigrat_from_bigint (param $a (ref null $bigint)) (result (ref $bigrat))
  (call $mochi_bigrat.make (call $mochi_bigint.get (local.get $a)) (global.get $mochi_bigint.one)))

(func $mochi_bigrat_from_i64 (param $v i64) (result (ref $bigrat))
  (call $mochi_bigrat.make (call $mochi_bigint_from_i64 (local.get $v)) (global.get $mochi_bigint.one)))

;; num/den in lowest terms; a zero den is `division by zero`.
(func $mochi_bigrat_new (param $num (ref null $bigint)) (param $den (ref null $bigint)) (result (ref $bigrat))
  (local $n (ref $bigint))
  (local $d (ref $bigint))
  (local $g (ref $bigint))
  (local.set $n (call $mochi_bigint.get (local.get $num)))
  (local.set $d (call $mochi_bigint.get (local.get $den)))
  (if (i32.eqz (struct.get $bigint $len (local.get $d))) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
  (if (i32.eqz (struct.get $bigint $len (local.get $n))) (then (return (global.get $mochi_bigrat.zero))))
  (if (struct.get $bigint $neg (local.get $d))
    (then
      (local.set $n (call $mochi_bigint_neg (local.get $n)))
      (local.set $d (call $mochi_bigint_neg (local.get $d)))))
  (if (i32.eqz (call $mochi_bigint.is_one (local.get $d)))
    (then
      (local.set $g (call $mochi_bigint.gcd (local.get $n) (local.get $d)))
      (if (i32.eqz (call $mochi_bigint.is_one (local.get $g)))
        (then
          (local.set $n (call $mochi_bigint_div (local.get $n) (local.get $g)))
          (local.set $d (call $mochi_bigint_div (local.get $d) (local.get $g)))))))
  (call $mochi_bigrat.make (local.get $n) (local.get $d)))

(func $mochi_bigrat_num (param $r (ref null $bigrat)) (result (ref $bigint))
  (struct.get $bigrat $num (call $mochi_bigrat.get (local.get $r))))

(func $mochi_bigrat_denom (param $r (ref null $bigrat)) (result (ref $bigint))
  (struct.get $bigrat $den (call $mochi_bigrat.get (local.get $r))))

(func $mochi_bigrat_sign (param $r (ref null $bigrat)) (result i32)
  (call $mochi_bigint_sign (struct.get $bigrat $num (call $mochi_bigrat.get (local.get $r)))))

;; a/b +- c/d (C's br_addsub, Knuth 4.5.1).
(func $mochi_bigrat.addsub (param $x (ref null $bigrat)) (param $y (ref null $bigrat)) (param $sub i32) (result (ref $bigrat))
  (local $p (ref $bigrat))
  (local $q (ref $bigrat))
  (local $a (ref $bigint))
  (local $b (ref $bigint))
  (local $c (ref $bigint))
  (local $d (ref $bigint))
  (local $g (ref $bigint))
  (local $bg (ref $bigint))
  (local $dg (ref $bigint))
  (local $t (ref $bigint))
  (local $g2 (ref $bigint))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (local.set $q (call $mochi_bigrat.get (local.get $y)))
  (local.set $a (struct.get $bigrat $num (local.get $p)))
  (local.set $b (struct.get $bigrat $den (local.get $p)))
  (local.set $c (struct.get $bigrat $num (local.get $q)))
  (local.set $d (struct.get $bigrat $den (local.get $q)))
  (if (local.get $sub) (then (local.set $c (call $mochi_bigint_neg (local.get $c)))))
  (if (i32.and (call $mochi_bigint.is_one (local.get $b)) (call $mochi_bigint.is_one (local.get $d)))
    (then (return (call $mochi_bigrat.make (call $mochi_bigint_add (local.get $a) (local.get $c)) (local.get $b)))))
  (local.set $g (call $mochi_bigint.gcd (local.get $b) (local.get $d)))
  (if (call $mochi_bigint.is_one (local.get $g))
    (then
      (return (call $mochi_bigrat.make
        (call $mochi_bigint_add (call $mochi_bigint_mul (local.get $a) (local.get $d)) (call $mochi_bigint_mul (local.get $c) (local.get $b)))
        (call $mochi_bigint_mul (local.get $b) (local.get $d))))))
  ;; with g = gcd(b, d), t = a (d/g) + c (b/g) and g2 = gcd(t, g), the sum is
  ;; (t/g2) / ((b/g) (d/g2)), already in lowest terms
  (local.set $bg (call $mochi_bigint_div (local.get $b) (local.get $g)))
  (local.set $dg (call $mochi_bigint_div (local.get $d) (local.get $g)))
  (local.set $t (call $mochi_bigint_add (call $mochi_bigint_mul (local.get $a) (local.get $dg))
                                        (call $mochi_bigint_mul (local.get $c) (local.get $bg))))
  (if (i32.eqz (struct.get $bigint $len (local.get $t)))
    (then (return (call $mochi_bigrat.make (local.get $t) (global.get $mochi_bigint.one)))))
  (local.set $g2 (call $mochi_bigint.gcd (local.get $t) (local.get $g)))
  (if (i32.eqz (call $mochi_bigint.is_one (local.get $g2)))
    (then
      (local.set $t (call $mochi_bigint_div (local.get $t) (local.get $g2)))
      (local.set $d (call $mochi_bigint_div (local.get $d) (local.get $g2)))))
  (call $mochi_bigrat.make (local.get $t) (call $mochi_bigint_mul (local.get $bg) (local.get $d))))

(func $mochi_bigrat_add (param $a (ref null $bigrat)) (param $b (ref null $bigrat)) (result (ref $bigrat))
  (call $mochi_bigrat.addsub (local.get $a) (local.get $b) (i32.const 0)))

(func $mochi_bigrat_sub (param $a (ref null $bigrat)) (param $b (ref null $bigrat)) (result (ref $bigrat))
  (call $mochi_bigrat.addsub (local.get $a) (local.get $b) (i32.const 1)))

;; (a/b) (c/d) with a/b and c/d in lowest terms: cancel gcd(a, d) and gcd(c, b) first.
(func $mochi_bigrat.mul4 (param $a (ref $bigint)) (param $b (ref $bigint)) (param $c (ref $bigint)) (param $d (ref $bigint)) (result (ref $bigrat))
  (local $g1 (ref $bigint))
  (local $g2 (ref $bigint))
  (if (i32.or (i32.eqz (struct.get $bigint $len (local.get $a))) (i32.eqz (struct.get $bigint $len (local.get $c))))
    (then (return (global.get $mochi_bigrat.zero))))
  (local.set $g1 (if (result (ref $bigint)) (call $mochi_bigint.is_one (local.get $d))
                   (then (global.get $mochi_bigint.one))
                   (else (call $mochi_bigint.gcd (local.get $a) (local.get $d)))))
  (local.set $g2 (if (result (ref $bigint)) (call $mochi_bigint.is_one (local.get $b))
                   (then (global.get $mochi_bigint.one))
                   (else (call $mochi_bigint.gcd (local.get $c) (local.get $b)))))
  (if (i32.eqz (call $mochi_bigint.is_one (local.get $g1)))
    (then
      (local.set $a (call $mochi_bigint_div (local.get $a) (local.get $g1)))
      (local.set $d (call $mochi_bigint_div (local.get $d) (local.get $g1)))))
  (if (i32.eqz (call $mochi_bigint.is_one (local.get $g2)))
    (then
      (local.set $c (call $mochi_bigint_div (local.get $c) (local.get $g2)))
      (local.set $b (call $mochi_bigint_div (local.get $b) (local.get $g2)))))
  (call $mochi_bigrat.make (call $mochi_bigint_mul (local.get $a) (local.get $c)) (call $mochi_bigint_mul (local.get $b) (local.get $d))))

(func $mochi_bigrat_mul (param $x (ref null $bigrat)) (param $y (ref null $bigrat)) (result (ref $bigrat))
  (local $p (ref $bigrat))
  (local $q (ref $bigrat))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (local.set $q (call $mochi_bigrat.get (local.get $y)))
  (call $mochi_bigrat.mul4 (struct.get $bigrat $num (local.get $p)) (struct.get $bigrat $den (local.get $p))
                           (struct.get $bigrat $num (local.get $q)) (struct.get $bigrat $den (local.get $q))))

(func $mochi_bigrat_div (param $x (ref null $bigrat)) (param $y (ref null $bigrat)) (result (ref $bigrat))
  (local $p (ref $bigrat))
  (local $q (ref $bigrat))
  (local $c (ref $bigint))
  (local $d (ref $bigint))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (local.set $q (call $mochi_bigrat.get (local.get $y)))
  (local.set $c (struct.get $bigrat $num (local.get $q)))
  (local.set $d (struct.get $bigrat $den (local.get $q)))
  (if (i32.eqz (struct.get $bigint $len (local.get $c))) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
  (if (struct.get $bigint $neg (local.get $c))
    (then
      ;; (a/b) / (c/d) = (a/b) (-d / -c) keeps the denominator positive
      (local.set $c (call $mochi_bigint_neg (local.get $c)))
      (local.set $d (call $mochi_bigint_neg (local.get $d)))))
  (call $mochi_bigrat.mul4 (struct.get $bigrat $num (local.get $p)) (struct.get $bigrat $den (local.get $p)) (local.get $d) (local.get $c)))

(func $mochi_bigrat_neg (param $x (ref null $bigrat)) (result (ref $bigrat))
  (local $p (ref $bigrat))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (call $mochi_bigrat.make (call $mochi_bigint_neg (struct.get $bigrat $num (local.get $p))) (struct.get $bigrat $den (local.get $p))))

(func $mochi_bigrat_abs (param $x (ref null $bigrat)) (result (ref $bigrat))
  (local $p (ref $bigrat))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (if (result (ref $bigrat)) (struct.get $bigint $neg (struct.get $bigrat $num (local.get $p)))
    (then (call $mochi_bigrat_neg (local.get $p)))
    (else (local.get $p))))

(func $mochi_bigrat_pow (param $x (ref null $bigrat)) (param $e i64) (result (ref $bigrat))
  (local $p (ref $bigrat))
  (local $n (ref $bigint))
  (local $d (ref $bigint))
  (local $h (ref $bigrat))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (local.set $n (struct.get $bigrat $num (local.get $p)))
  (local.set $d (struct.get $bigrat $den (local.get $p)))
  (if (i64.ge_s (local.get $e) (i64.const 0))
    (then (return (call $mochi_bigrat.make (call $mochi_bigint_pow (local.get $n) (local.get $e))
                                           (call $mochi_bigint_pow (local.get $d) (local.get $e))))))
  (if (i32.eqz (struct.get $bigint $len (local.get $n))) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
  ;; a^-k = (1/a)^k; k = -e computed without overflowing at INT64_MIN
  (if (struct.get $bigint $neg (local.get $n))
    (then
      (local.set $n (call $mochi_bigint_neg (local.get $n)))
      (local.set $d (call $mochi_bigint_neg (local.get $d)))))
  (if (i64.eq (local.get $e) (i64.const 0x8000000000000000))
    (then
      ;; (d/n)^(2^63) = ((d/n)^(2^62))^2
      (local.set $h (call $mochi_bigrat.make (call $mochi_bigint_pow (local.get $d) (i64.const 0x4000000000000000))
                                             (call $mochi_bigint_pow (local.get $n) (i64.const 0x4000000000000000))))
      (return (call $mochi_bigrat_mul (local.get $h) (local.get $h)))))
  (call $mochi_bigrat.make (call $mochi_bigint_pow (local.get $d) (i64.sub (i64.const 0) (local.get $e)))
                           (call $mochi_bigint_pow (local.get $n) (i64.sub (i64.const 0) (local.get $e)))))

(func $mochi_bigrat_cmp (param $x (ref null $bigrat)) (param $y (ref null $bigrat)) (result i32)
  (local $p (ref $bigrat))
  (local $q (ref $bigrat))
  (local $sa i32)
  (local $sc i32)
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (local.set $q (call $mochi_bigrat.get (local.get $y)))
  (local.set $sa (call $mochi_bigint_sign (struct.get $bigrat $num (local.get $p))))
  (local.set $sc (call $mochi_bigint_sign (struct.get $bigrat $num (local.get $q))))
  (if (i32.ne (local.get $sa) (local.get $sc))
    (then (return (select (i32.const -1) (i32.const 1) (i32.lt_s (local.get $sa) (local.get $sc))))))
  (if (i32.eqz (local.get $sa)) (then (return (i32.const 0))))
  (if (i32.and (call $mochi_bigint.is_one (struct.get $bigrat $den (local.get $p))) (call $mochi_bigint.is_one (struct.get $bigrat $den (local.get $q))))
    (then (return (call $mochi_bigint_cmp (struct.get $bigrat $num (local.get $p)) (struct.get $bigrat $num (local.get $q))))))
  (call $mochi_bigint_cmp (call $mochi_bigint_mul (struct.get $bigrat $num (local.get $p)) (struct.get $bigrat $den (local.get $q)))
                          (call $mochi_bigint_mul (struct.get $bigrat $num (local.get $q)) (struct.get $bigrat $den (local.get $p)))))

(func $mochi_bigrat_eq (param $x (ref null $bigrat)) (param $y (ref null $bigrat)) (result i32)
  (local $p (ref $bigrat))
  (local $q (ref $bigrat))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (local.set $q (call $mochi_bigrat.get (local.get $y)))
  (i32.and (call $mochi_bigint_eq (struct.get $bigrat $num (local.get $p)) (struct.get $bigrat $num (local.get $q)))
           (call $mochi_bigint_eq (struct.get $bigrat $den (local.get $p)) (struct.get $bigrat $den (local.get $q)))))

;; `r as bigint`: truncated toward zero.
(func $mochi_bigrat_trunc (param $x (ref null $bigrat)) (result (ref $bigint))
  (local $p (ref $bigrat))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (call $mochi_bigint_div (struct.get $bigrat $num (local.get $p)) (struct.get $bigrat $den (local.get $p))))

(func $mochi_bigrat_to_i64 (param $x (ref null $bigrat)) (result i64)
  (call $mochi_bigint_to_i64 (call $mochi_bigrat_trunc (local.get $x))))

;; The nearest double (ties to even): q = floor(|n| 2^s / d) with 65 or 66 bits, the
;; rest the sticky bit (C's mochi_bigrat_to_f64).
(func $mochi_bigrat_to_f64 (param $x (ref null $bigrat)) (result f64)
  (local $p (ref $bigrat))
  (local $n (ref $bigint))
  (local $d (ref $bigint))
  (local $e i32)
  (local $s i32)
  (local $nl i32)
  (local $dl i32)
  (local $ns i32)
  (local $ds i32)
  (local $nn i32)
  (local $dn i32)
  (local $un (ref $arr_i64))
  (local $ud (ref $arr_i64))
  (local $q (ref $arr_i64))
  (local $r (ref $arr_i64))
  (local $unl i32)
  (local $udl i32)
  (local $ql i32)
  (local $sticky i32)
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (local.set $n (struct.get $bigrat $num (local.get $p)))
  (local.set $d (struct.get $bigrat $den (local.get $p)))
  (if (i32.eqz (struct.get $bigint $len (local.get $n))) (then (return (f64.const 0))))
  (if (call $mochi_bigint.is_one (local.get $d)) (then (return (call $mochi_bigint_to_f64 (local.get $n)))))
  (local.set $nl (struct.get $bigint $len (local.get $n)))
  (local.set $dl (struct.get $bigint $len (local.get $d)))
  (local.set $e (i32.sub (call $mochi_bigint.n_bits (struct.get $bigint $d (local.get $n)) (i32.const 0) (local.get $nl))
                         (call $mochi_bigint.n_bits (struct.get $bigint $d (local.get $d)) (i32.const 0) (local.get $dl))))
  (local.set $s (i32.sub (i32.const 65) (local.get $e)))
  (local.set $ns (select (local.get $s) (i32.const 0) (i32.gt_s (local.get $s) (i32.const 0))))
  (local.set $ds (select (i32.sub (i32.const 0) (local.get $s)) (i32.const 0) (i32.lt_s (local.get $s) (i32.const 0))))
  (local.set $nn (i32.add (i32.add (local.get $nl) (i32.shr_u (local.get $ns) (i32.const 6))) (i32.const 1)))
  (local.set $dn (i32.add (i32.add (local.get $dl) (i32.shr_u (local.get $ds) (i32.const 6))) (i32.const 1)))
  (local.set $un (call $mochi_bigint.new (local.get $nn)))
  (local.set $ud (call $mochi_bigint.new (local.get $dn)))
  (local.set $q (call $mochi_bigint.new (i32.add (local.get $nn) (i32.const 1))))
  (local.set $r (call $mochi_bigint.new (i32.add (local.get $dn) (i32.const 1))))
  ;; shifted numerator and denominator
  (array.copy $arr_i64 $arr_i64 (local.get $un) (i32.shr_u (local.get $ns) (i32.const 6)) (struct.get $bigint $d (local.get $n)) (i32.const 0) (local.get $nl))
  (if (i32.and (local.get $ns) (i32.const 63))
    (then (array.set $arr_i64 (local.get $un) (i32.sub (local.get $nn) (i32.const 1))
            (call $mochi_bigint.n_lshift (local.get $un) (i32.shr_u (local.get $ns) (i32.const 6)) (local.get $un) (i32.shr_u (local.get $ns) (i32.const 6))
                                         (local.get $nl) (i32.and (local.get $ns) (i32.const 63))))))
  (array.copy $arr_i64 $arr_i64 (local.get $ud) (i32.shr_u (local.get $ds) (i32.const 6)) (struct.get $bigint $d (local.get $d)) (i32.const 0) (local.get $dl))
  (if (i32.and (local.get $ds) (i32.const 63))
    (then (array.set $arr_i64 (local.get $ud) (i32.sub (local.get $dn) (i32.const 1))
            (call $mochi_bigint.n_lshift (local.get $ud) (i32.shr_u (local.get $ds) (i32.const 6)) (local.get $ud) (i32.shr_u (local.get $ds) (i32.const 6))
                                         (local.get $dl) (i32.and (local.get $ds) (i32.const 63))))))
  (local.set $unl (call $mochi_bigint.n_norm (local.get $un) (i32.const 0) (local.get $nn)))
  (local.set $udl (call $mochi_bigint.n_norm (local.get $ud) (i32.const 0) (local.get $dn)))
  (if (i32.eq (local.get $udl) (i32.const 1))
    (then
      (local.set $sticky (i64.ne (call $mochi_bigint.n_divrem_1 (local.get $q) (i32.const 0) (local.get $un) (i32.const 0) (local.get $unl)
                                                                (array.get $arr_i64 (local.get $ud) (i32.const 0)))
                                 (i64.const 0)))
      (local.set $ql (local.get $unl)))
    (else
      (call $mochi_bigint.n_divrem (local.get $q) (i32.const 0) (local.get $r) (i32.const 0) (local.get $un) (i32.const 0) (local.get $unl)
                                   (local.get $ud) (i32.const 0) (local.get $udl))
      (local.set $ql (i32.add (i32.sub (local.get $unl) (local.get $udl)) (i32.const 1)))
      (local.set $sticky (i32.ne (call $mochi_bigint.n_norm (local.get $r) (i32.const 0) (local.get $udl)) (i32.const 0)))))
  (call $mochi_bigint.make_double (local.get $q) (i32.const 0) (local.get $ql) (i64.extend_i32_s (i32.sub (i32.const 0) (local.get $s)))
                                  (local.get $sticky) (struct.get $bigint $neg (local.get $n))))

;; `x as bigrat` of a float, exactly (0.1 is 3602879701896397/36028797018963968).
(func $mochi_bigrat_from_f64 (param $v f64) (result (ref $bigrat))
  (local $bits i64)
  (local $ex i32)
  (local $mant i64)
  (local $sh i32)
  (local $tz i32)
  (local $n (ref $bigint))
  (local $two (ref $bigint))
  (if (call $mochi_bigint.not_finite (local.get $v)) (then (call $mochi_bigint.bad_float (local.get $v) (i32.const 1))))
  (if (f64.eq (local.get $v) (f64.const 0)) (then (return (global.get $mochi_bigrat.zero))))
  ;; |v| = mant 2^sh: a subnormal's significand has no implicit bit
  (local.set $bits (i64.reinterpret_f64 (local.get $v)))
  (local.set $ex (i32.wrap_i64 (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7FF))))
  (local.set $mant (i64.and (local.get $bits) (i64.const 0xFFFFFFFFFFFFF)))
  (if (local.get $ex)
    (then
      (local.set $mant (i64.or (local.get $mant) (i64.const 0x10000000000000)))
      (local.set $sh (i32.sub (local.get $ex) (i32.const 1075))))
    (else (local.set $sh (i32.const -1074))))
  (local.set $tz (i32.wrap_i64 (i64.ctz (local.get $mant))))
  (local.set $mant (i64.shr_u (local.get $mant) (i64.extend_i32_u (local.get $tz))))
  (local.set $sh (i32.add (local.get $sh) (local.get $tz)))
  (local.set $n (call $mochi_bigint.from_mag2 (local.get $mant) (i64.const 0) (f64.lt (local.get $v) (f64.const 0))))
  (local.set $two (call $mochi_bigint.from_mag2 (i64.const 2) (i64.const 0) (i32.const 0)))
  (if (i32.ge_s (local.get $sh) (i32.const 0))
    (then (return (call $mochi_bigrat.make
                    (call $mochi_bigint_mul (local.get $n) (call $mochi_bigint_pow (local.get $two) (i64.extend_i32_s (local.get $sh))))
                    (global.get $mochi_bigint.one)))))
  (call $mochi_bigrat.make (local.get $n) (call $mochi_bigint_pow (local.get $two) (i64.extend_i32_s (i32.sub (i32.const 0) (local.get $sh))))))

(func $mochi_bigint.is_digit (param $c i32) (result i32)
  (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9)))

;; [sign] digits [/ digits], or [sign] digits [. digits] [e [sign] digits] in
;; p[off .. off+n), or null when the text is neither (C's mochi_bigrat_parse).
(func $mochi_bigrat.parse (param $p (ref $bytes)) (param $off i32) (param $n i32) (result (ref null $bigrat))
  (local $i i32)
  (local $end i32)
  (local $a (ref null $bigint))
  (local $b (ref null $bigint))
  (local $c i32)
  (local $neg i32)
  (local $ds i32)
  (local $de i32)
  (local $fs i32)
  (local $fe i32)
  (local $j i32)
  (local $eneg i32)
  (local $exp10 i64)
  (local $digits (ref $bytes))
  (local $k i32)
  (local $m (ref $bigint))
  (if (i32.le_s (local.get $n) (i32.const 0)) (then (return (ref.null $bigrat))))
  (local.set $end (i32.add (local.get $off) (local.get $n)))
  (local.set $i (local.get $off))
  (block $noslash
    (loop $scan
      (br_if $noslash (i32.ge_u (local.get $i) (local.get $end)))
      (if (i32.eq (array.get_u $bytes (local.get $p) (local.get $i)) (i32.const 47))
        (then
          (local.set $a (call $mochi_bigint.parse (local.get $p) (local.get $off) (i32.sub (local.get $i) (local.get $off))))
          (if (ref.is_null (local.get $a)) (then (return (ref.null $bigrat))))
          (if (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $end)) (then (return (ref.null $bigrat))))
          (local.set $c (array.get_u $bytes (local.get $p) (i32.add (local.get $i) (i32.const 1))))
          (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45))) (then (return (ref.null $bigrat))))
          (local.set $b (call $mochi_bigint.parse (local.get $p) (i32.add (local.get $i) (i32.const 1))
                                                  (i32.sub (i32.sub (local.get $end) (local.get $i)) (i32.const 1))))
          (if (ref.is_null (local.get $b)) (then (return (ref.null $bigrat))))
          (if (i32.eqz (struct.get $bigint $len (ref.as_non_null (local.get $b)))) (then (return (ref.null $bigrat))))
          (return (call $mochi_bigrat_new (local.get $a) (local.get $b)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (local.set $i (local.get $off))
  (local.set $c (array.get_u $bytes (local.get $p) (local.get $i)))
  (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
    (then
      (local.set $neg (i32.eq (local.get $c) (i32.const 45)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))))
  (local.set $ds (local.get $i))
  (local.set $de (local.get $i))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $de) (local.get $end)))
      (br_if $done (i32.eqz (call $mochi_bigint.is_digit (array.get_u $bytes (local.get $p) (local.get $de)))))
      (local.set $de (i32.add (local.get $de) (i32.const 1)))
      (br $next)))
  (local.set $fs (local.get $de))
  (local.set $fe (local.get $de))
  (if (i32.lt_u (local.get $fe) (local.get $end))
    (then
      (if (i32.eq (array.get_u $bytes (local.get $p) (local.get $fe)) (i32.const 46))
        (then
          (local.set $fs (i32.add (local.get $fe) (i32.const 1)))
          (local.set $fe (local.get $fs))
          (block $done
            (loop $next
              (br_if $done (i32.ge_u (local.get $fe) (local.get $end)))
              (br_if $done (i32.eqz (call $mochi_bigint.is_digit (array.get_u $bytes (local.get $p) (local.get $fe)))))
              (local.set $fe (i32.add (local.get $fe) (i32.const 1)))
              (br $next)))))))
  (if (i32.and (i32.eq (local.get $de) (local.get $ds)) (i32.eq (local.get $fe) (local.get $fs))) (then (return (ref.null $bigrat))))
  (local.set $j (local.get $fe))
  (if (i32.lt_u (local.get $j) (local.get $end))
    (then
      (local.set $c (array.get_u $bytes (local.get $p) (local.get $j)))
      (if (i32.or (i32.eq (local.get $c) (i32.const 101)) (i32.eq (local.get $c) (i32.const 69)))
        (then
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (if (i32.lt_u (local.get $j) (local.get $end))
            (then
              (local.set $c (array.get_u $bytes (local.get $p) (local.get $j)))
              (if (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
                (then
                  (local.set $eneg (i32.eq (local.get $c) (i32.const 45)))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))))))
          (if (i32.ge_u (local.get $j) (local.get $end)) (then (return (ref.null $bigrat))))
          (block $done
            (loop $next
              (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
              (if (i32.eqz (call $mochi_bigint.is_digit (array.get_u $bytes (local.get $p) (local.get $j)))) (then (return (ref.null $bigrat))))
              ;; 10^(10^8): far beyond any memory
              (if (i64.gt_s (local.get $exp10) (i64.const 100000000)) (then (return (ref.null $bigrat))))
              (local.set $exp10 (i64.add (i64.mul (local.get $exp10) (i64.const 10))
                                         (i64.extend_i32_u (i32.sub (array.get_u $bytes (local.get $p) (local.get $j)) (i32.const 48)))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $next)))
          (if (local.get $eneg) (then (local.set $exp10 (i64.sub (i64.const 0) (local.get $exp10)))))))))
  (if (i32.ne (local.get $j) (local.get $end)) (then (return (ref.null $bigrat))))
  ;; the digits of the integer and fraction parts as one integer
  (local.set $digits (array.new_default $bytes (i32.add (i32.add (i32.sub (local.get $de) (local.get $ds)) (i32.sub (local.get $fe) (local.get $fs))) (i32.const 1))))
  (array.set $bytes (local.get $digits) (i32.const 0) (select (i32.const 45) (i32.const 43) (local.get $neg)))
  (local.set $k (i32.const 1))
  (array.copy $bytes $bytes (local.get $digits) (local.get $k) (local.get $p) (local.get $ds) (i32.sub (local.get $de) (local.get $ds)))
  (local.set $k (i32.add (local.get $k) (i32.sub (local.get $de) (local.get $ds))))
  (array.copy $bytes $bytes (local.get $digits) (local.get $k) (local.get $p) (local.get $fs) (i32.sub (local.get $fe) (local.get $fs)))
  (local.set $m (ref.as_non_null (call $mochi_bigint.parse (local.get $digits) (i32.const 0) (array.len (local.get $digits)))))
  (local.set $exp10 (i64.sub (local.get $exp10) (i64.extend_i32_u (i32.sub (local.get $fe) (local.get $fs)))))
  (if (i64.ge_s (local.get $exp10) (i64.const 0))
    (then (return (call $mochi_bigrat.make (call $mochi_bigint_mul (local.get $m) (call $mochi_bigint_pow (global.get $mochi_bigint.ten) (local.get $exp10)))
                                           (global.get $mochi_bigint.one)))))
  (call $mochi_bigrat_new (local.get $m) (call $mochi_bigint_pow (global.get $mochi_bigint.ten) (i64.sub (i64.const 0) (local.get $exp10)))))

;; `s as bigrat`: `n/d`, an integer, or a decimal with optional fraction and exponent;
;; otherwise the runtime error `invalid rational: "s"`.
(func $mochi_bigrat_from_str (param $s (ref null $str)) (result (ref $bigrat))
  (local $b (ref $bytes))
  (local $r (ref null $bigrat))
  (local.set $b (struct.get $str $b (call $mochi_str_or_empty (local.get $s))))
  (local.set $r (call $mochi_bigrat.parse (local.get $b) (i32.const 0) (array.len (local.get $b))))
  (if (ref.is_null (local.get $r))
    (then (call $mochi_bigint.bad_text
            (struct.new $str (array.new_data $bytes $mochi_bigint.d.invalid_rational (i32.const 0) (i32.const 18)) (i32.const 18))
            (local.get $s))))
  (ref.as_non_null (local.get $r)))

;; `n/d` (also `3/1`): print's form at top level and in containers, and str's.
(func $mochi_bigrat_to_str (param $x (ref null $bigrat)) (result (ref $str))
  (local $p (ref $bigrat))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (call $mochi_str_concat
    (call $mochi_str_concat (call $mochi_bigint_to_str (struct.get $bigrat $num (local.get $p)))
                            (struct.new $str (array.new_fixed $bytes 1 (i32.const 47)) (i32.const 1)))
    (call $mochi_bigint_to_str (struct.get $bigrat $den (local.get $p)))))

;; JSON's form, as Go's encoding/json writes a *big.Rat (the reference VM): a string,
;; the denominator left out when it is 1 (C's mochi_bigrat_fmt with json set).
(func $mochi_bigrat_to_json (param $x (ref null $bigrat)) (result (ref $str))
  (local $p (ref $bigrat))
  (local $q (ref $str))
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (local.set $q (struct.new $str (array.new_fixed $bytes 1 (i32.const 34)) (i32.const 1)))
  (call $mochi_str_concat
    (call $mochi_str_concat (local.get $q)
      (if (result (ref $str)) (call $mochi_bigint.is_one (struct.get $bigrat $den (local.get $p)))
        (then (call $mochi_bigint_to_str (struct.get $bigrat $num (local.get $p))))
        (else (call $mochi_bigrat_to_str (local.get $p)))))
    (local.get $q)))

;; Consistent with $mochi_any_eq: n/1 hashes as the bigint n, and n/2^k that is a
;; double as that double.
(func $mochi_bigrat_hash (param $x (ref null $bigrat)) (result i32)
  (local $p (ref $bigrat))
  (local $n (ref $bigint))
  (local $d (ref $bigint))
  (local $dd (ref $arr_i64))
  (local $db i32)
  (local $dl i32)
  (local $pow2 i32)
  (local $i i32)
  (local.set $p (call $mochi_bigrat.get (local.get $x)))
  (local.set $n (struct.get $bigrat $num (local.get $p)))
  (local.set $d (struct.get $bigrat $den (local.get $p)))
  (if (call $mochi_bigint.is_one (local.get $d)) (then (return (call $mochi_bigint_hash (local.get $n)))))
  ;; n / 2^k with n odd is a double when n has at most 53 bits and k <= 1074
  (local.set $dd (struct.get $bigint $d (local.get $d)))
  (local.set $dl (struct.get $bigint $len (local.get $d)))
  (local.set $db (call $mochi_bigint.n_bits (local.get $dd) (i32.const 0) (local.get $dl)))
  (local.set $pow2 (i64.eq (array.get $arr_i64 (local.get $dd) (i32.sub (local.get $dl) (i32.const 1)))
                           (i64.shl (i64.const 1) (i64.extend_i32_u (i32.and (i32.sub (local.get $db) (i32.const 1)) (i32.const 63))))))
  (block $done
    (loop $next
      (br_if $done (i32.or (i32.eqz (local.get $pow2)) (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $dl))))
      (if (i64.ne (array.get $arr_i64 (local.get $dd) (local.get $i)) (i64.const 0)) (then (local.set $pow2 (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i32.and (local.get $pow2)
               (i32.and (i32.le_u (i32.sub (local.get $db) (i32.const 1)) (i32.const 1074))
                        (i32.le_u (call $mochi_bigint.n_bits (struct.get $bigint $d (local.get $n)) (i32.const 0) (struct.get $bigint $len (local.get $n)))
                                  (i32.const 53))))
    (then (return (call $mochi_hash_any (struct.new $box_f64 (call $mochi_bigrat_to_f64 (local.get $p)))))))
  (call $mochi_bigint.mix32 (i32.xor (i32.add (i32.mul (call $mochi_bigint_hash (local.get $n)) (i32.const 31)) (call $mochi_bigint_hash (local.get $d)))
                                     (i32.const 0xB16BA7))))

;; ---- mixed numbers in `any` (int < bigint < bigrat < float) ----

;; Rank of a numeric any: 0 int, 1 bigint, 2 bigrat, 3 float; -1 otherwise (nil too).
(func $mochi_num_rank (param $a anyref) (result i32)
  (if (ref.is_null (local.get $a)) (then (return (i32.const -1))))
  (if (ref.test (ref i31) (local.get $a)) (then (return (i32.const 0))))
  (if (ref.test (ref $box_i64) (local.get $a)) (then (return (i32.const 0))))
  (if (ref.test (ref $bigint) (local.get $a)) (then (return (i32.const 1))))
  (if (ref.test (ref $bigrat) (local.get $a)) (then (return (i32.const 2))))
  (if (ref.test (ref $box_f64) (local.get $a)) (then (return (i32.const 3))))
  (i32.const -1))

;; The int in an any of rank 0.
(func $mochi_bigint.int_of (param $a anyref) (result i64)
  (if (ref.test (ref i31) (local.get $a))
    (then (return (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $a)))))))
  (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $a))))

;; A number of any rank as a double.
(func $mochi_bigint.as_f64 (param $a anyref) (result f64)
  (if (ref.test (ref $box_f64) (local.get $a)) (then (return (struct.get $box_f64 $v (ref.cast (ref $box_f64) (local.get $a))))))
  (if (ref.test (ref $bigint) (local.get $a)) (then (return (call $mochi_bigint_to_f64 (ref.cast (ref $bigint) (local.get $a))))))
  (if (ref.test (ref $bigrat) (local.get $a)) (then (return (call $mochi_bigrat_to_f64 (ref.cast (ref $bigrat) (local.get $a))))))
  (f64.convert_i64_s (call $mochi_bigint.int_of (local.get $a))))

;; A number of rank 0 or 1 as a bigint.
(func $mochi_bigint.as_bigint (param $a anyref) (result (ref $bigint))
  (if (ref.test (ref $bigint) (local.get $a)) (then (return (ref.cast (ref $bigint) (local.get $a)))))
  (call $mochi_bigint_from_i64 (call $mochi_bigint.int_of (local.get $a))))

;; A number of rank 0, 1 or 2 as a bigrat.
(func $mochi_bigint.as_bigrat (param $a anyref) (result (ref $bigrat))
  (if (ref.test (ref $bigrat) (local.get $a)) (then (return (ref.cast (ref $bigrat) (local.get $a)))))
  (call $mochi_bigrat_from_bigint (call $mochi_bigint.as_bigint (local.get $a))))

;; C's mochi_num_any_cmp: -1, 0 or 1 after promotion to the higher rank; 2 when either
;; is not a number (C's *ok = 0). Floats compare as C does (NaN is neither < nor >: 0).
(func $mochi_num_any_cmp (param $a anyref) (param $b anyref) (result i32)
  (local $ra i32)
  (local $rb i32)
  (local $r i32)
  (local $x f64)
  (local $y f64)
  (local $i i64)
  (local $j i64)
  (local.set $ra (call $mochi_num_rank (local.get $a)))
  (local.set $rb (call $mochi_num_rank (local.get $b)))
  (if (i32.or (i32.lt_s (local.get $ra) (i32.const 0)) (i32.lt_s (local.get $rb) (i32.const 0))) (then (return (i32.const 2))))
  (local.set $r (select (local.get $ra) (local.get $rb) (i32.gt_s (local.get $ra) (local.get $rb))))
  (if (i32.eq (local.get $r) (i32.const 3))
    (then
      (local.set $x (call $mochi_bigint.as_f64 (local.get $a)))
      (local.set $y (call $mochi_bigint.as_f64 (local.get $b)))
      (return (select (i32.const -1) (f64.gt (local.get $x) (local.get $y)) (f64.lt (local.get $x) (local.get $y))))))
  (if (i32.eq (local.get $r) (i32.const 2))
    (then (return (call $mochi_bigrat_cmp (call $mochi_bigint.as_bigrat (local.get $a)) (call $mochi_bigint.as_bigrat (local.get $b))))))
  (if (i32.eq (local.get $r) (i32.const 1))
    (then (return (call $mochi_bigint_cmp (call $mochi_bigint.as_bigint (local.get $a)) (call $mochi_bigint.as_bigint (local.get $b))))))
  (local.set $i (call $mochi_bigint.int_of (local.get $a)))
  (local.set $j (call $mochi_bigint.int_of (local.get $b)))
  (select (i32.const -1) (i64.gt_s (local.get $i) (local.get $j)) (i64.lt_s (local.get $i) (local.get $j))))

;; C's mochi_num_any_eq: numeric equality after promotion; 0 when either is not a number.
(func $mochi_num_any_eq (param $a anyref) (param $b anyref) (result i32)
  (local $ra i32)
  (local $rb i32)
  (local $r i32)
  (local.set $ra (call $mochi_num_rank (local.get $a)))
  (local.set $rb (call $mochi_num_rank (local.get $b)))
  (if (i32.or (i32.lt_s (local.get $ra) (i32.const 0)) (i32.lt_s (local.get $rb) (i32.const 0))) (then (return (i32.const 0))))
  (local.set $r (select (local.get $ra) (local.get $rb) (i32.gt_s (local.get $ra) (local.get $rb))))
  (if (i32.eq (local.get $r) (i32.const 3))
    (then (return (f64.eq (call $mochi_bigint.as_f64 (local.get $a)) (call $mochi_bigint.as_f64 (local.get $b))))))
  (if (i32.eq (local.get $r) (i32.const 2))
    (then (return (call $mochi_bigrat_eq (call $mochi_bigint.as_bigrat (local.get $a)) (call $mochi_bigint.as_bigrat (local.get $b))))))
  (if (i32.eq (local.get $r) (i32.const 1))
    (then (return (call $mochi_bigint_eq (call $mochi_bigint.as_bigint (local.get $a)) (call $mochi_bigint.as_bigint (local.get $b))))))
  (i64.eq (call $mochi_bigint.int_of (local.get $a)) (call $mochi_bigint.int_of (local.get $b))))

;; C's mochi_num_any_arith: op 0 + 1 - 2 * 3 / 4 % on two numbers after promotion, a
;; float result boxed; null when either is not a number or for % on rationals (the
;; caller then reports `invalid operands`). Two ints compute as bigints, as in C
;; (value.wat calls this only when one operand is a bigint or bigrat).
(func $mochi_num_any_arith (param $op i32) (param $a anyref) (param $b anyref) (result anyref)
  (local $ra i32)
  (local $rb i32)
  (local $r i32)
  (local $x f64)
  (local $y f64)
  (local $p (ref $bigrat))
  (local $q (ref $bigrat))
  (local $m (ref $bigint))
  (local $n (ref $bigint))
  (local.set $ra (call $mochi_num_rank (local.get $a)))
  (local.set $rb (call $mochi_num_rank (local.get $b)))
  (if (i32.or (i32.lt_s (local.get $ra) (i32.const 0)) (i32.lt_s (local.get $rb) (i32.const 0))) (then (return (ref.null none))))
  (local.set $r (select (local.get $ra) (local.get $rb) (i32.gt_s (local.get $ra) (local.get $rb))))
  (if (i32.eq (local.get $r) (i32.const 3))
    (then
      (local.set $x (call $mochi_bigint.as_f64 (local.get $a)))
      (local.set $y (call $mochi_bigint.as_f64 (local.get $b)))
      (block $rem (block $div (block $mul (block $sub (block $add
        (br_table $add $sub $mul $div $rem (local.get $op)))
        (return (struct.new $box_f64 (f64.add (local.get $x) (local.get $y)))))
        (return (struct.new $box_f64 (f64.sub (local.get $x) (local.get $y)))))
        (return (struct.new $box_f64 (f64.mul (local.get $x) (local.get $y)))))
        (if (f64.eq (local.get $y) (f64.const 0)) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
        (return (struct.new $box_f64 (f64.div (local.get $x) (local.get $y)))))
      (return (struct.new $box_f64 (call $mochi_f64_mod (local.get $x) (local.get $y))))))
  (if (i32.eq (local.get $r) (i32.const 2))
    (then
      (local.set $p (call $mochi_bigint.as_bigrat (local.get $a)))
      (local.set $q (call $mochi_bigint.as_bigrat (local.get $b)))
      (block $rem (block $div (block $mul (block $sub (block $add
        (br_table $add $sub $mul $div $rem (local.get $op)))
        (return (call $mochi_bigrat_add (local.get $p) (local.get $q))))
        (return (call $mochi_bigrat_sub (local.get $p) (local.get $q))))
        (return (call $mochi_bigrat_mul (local.get $p) (local.get $q))))
        (return (call $mochi_bigrat_div (local.get $p) (local.get $q))))
      ;; no % on rationals
      (return (ref.null none))))
  (local.set $m (call $mochi_bigint.as_bigint (local.get $a)))
  (local.set $n (call $mochi_bigint.as_bigint (local.get $b)))
  (block $rem (block $div (block $mul (block $sub (block $add
    (br_table $add $sub $mul $div $rem (local.get $op)))
    (return (call $mochi_bigint_add (local.get $m) (local.get $n))))
    (return (call $mochi_bigint_sub (local.get $m) (local.get $n))))
    (return (call $mochi_bigint_mul (local.get $m) (local.get $n))))
    (return (call $mochi_bigint_div (local.get $m) (local.get $n))))
  (call $mochi_bigint_rem (local.get $m) (local.get $n)))

;; ---- `any` to bigint and bigrat (the IR's unbox to those types) ----

;; C's MochiAnyKind name of an any (mochi_value.c's kind_name, with bigint and bigrat).
(func $mochi_bigint.kind_name (param $a anyref) (result (ref $str))
  (local $off i32)
  (local $len i32)
  (block $set
    (if (ref.is_null (local.get $a)) (then (local.set $off (i32.const 0)) (local.set $len (i32.const 3)) (br $set)))
    (if (i32.or (ref.test (ref i31) (local.get $a)) (ref.test (ref $box_i64) (local.get $a)))
      (then (local.set $off (i32.const 3)) (local.set $len (i32.const 3)) (br $set)))
    (if (ref.test (ref $box_f64) (local.get $a)) (then (local.set $off (i32.const 6)) (local.set $len (i32.const 5)) (br $set)))
    (if (ref.test (ref $box_bool) (local.get $a)) (then (local.set $off (i32.const 11)) (local.set $len (i32.const 4)) (br $set)))
    (if (ref.test (ref $str) (local.get $a)) (then (local.set $off (i32.const 15)) (local.set $len (i32.const 6)) (br $set)))
    (if (ref.test (ref $list) (local.get $a)) (then (local.set $off (i32.const 21)) (local.set $len (i32.const 4)) (br $set)))
    (if (ref.test (ref $map) (local.get $a)) (then (local.set $off (i32.const 25)) (local.set $len (i32.const 3)) (br $set)))
    (if (ref.test (ref $struct) (local.get $a)) (then (local.set $off (i32.const 28)) (local.set $len (i32.const 6)) (br $set)))
    (if (ref.test (ref $bigint) (local.get $a)) (then (local.set $off (i32.const 42)) (local.set $len (i32.const 6)) (br $set)))
    (if (ref.test (ref $bigrat) (local.get $a)) (then (local.set $off (i32.const 48)) (local.set $len (i32.const 6)) (br $set)))
    (local.set $off (i32.const 34))
    (local.set $len (i32.const 8)))
  (struct.new $str (array.new_data $bytes $mochi_bigint.d.kinds (local.get $off) (local.get $len)) (local.get $len)))

;; `invalid cast: <kind> to bigint` (bigrat when rat), C's big_bad_cast.
(func $mochi_bigint.bad_cast (param $a anyref) (param $rat i32)
  (call $mochi_rt_error
    (call $mochi_str_concat
      (call $mochi_str_concat
        (struct.new $str (array.new_data $bytes $mochi_bigint.d.invalid_cast (i32.const 0) (i32.const 14)) (i32.const 14))
        (call $mochi_bigint.kind_name (local.get $a)))
      (if (result (ref $str)) (local.get $rat)
        (then (struct.new $str (array.new_data $bytes $mochi_bigint.d.to_bigrat (i32.const 0) (i32.const 10)) (i32.const 10)))
        (else (struct.new $str (array.new_data $bytes $mochi_bigint.d.to_bigint (i32.const 0) (i32.const 10)) (i32.const 10))))))
  (unreachable))

;; An any as a bigint: a bigint itself, an int converted, nil as nil; anything else is
;; `invalid cast: <kind> to bigint`.
(func $mochi_bigint_from_any (param $a anyref) (result (ref null $bigint))
  (if (ref.is_null (local.get $a)) (then (return (ref.null $bigint))))
  (if (ref.test (ref $bigint) (local.get $a)) (then (return (ref.cast (ref $bigint) (local.get $a)))))
  (if (i32.or (ref.test (ref i31) (local.get $a)) (ref.test (ref $box_i64) (local.get $a)))
    (then (return (call $mochi_bigint_from_i64 (call $mochi_bigint.int_of (local.get $a))))))
  (call $mochi_bigint.bad_cast (local.get $a) (i32.const 0))
  (unreachable))

;; An any as a bigrat: a bigrat itself, an int or a bigint converted, nil as nil;
;; anything else is `invalid cast: <kind> to bigrat`.
(func $mochi_bigrat_from_any (param $a anyref) (result (ref null $bigrat))
  (if (ref.is_null (local.get $a)) (then (return (ref.null $bigrat))))
  (if (ref.test (ref $bigrat) (local.get $a)) (then (return (ref.cast (ref $bigrat) (local.get $a)))))
  (if (i32.or (ref.test (ref i31) (local.get $a)) (ref.test (ref $box_i64) (local.get $a)))
    (then (return (call $mochi_bigrat_from_i64 (call $mochi_bigint.int_of (local.get $a))))))
  (if (ref.test (ref $bigint) (local.get $a))
    (then (return (call $mochi_bigrat_from_bigint (ref.cast (ref $bigint) (local.get $a))))))
  (call $mochi_bigint.bad_cast (local.get $a) (i32.const 1))
  (unreachable))
