;; bigint_test.wat: the Wasm half of tests/wasm-runtime/bigint-differential (test only),
;; the counterpart of tests/runtime/bigint_driver.c. It runs one operation per line of
;; the passive data segment $bt.cases (written by the script: `(data $bt.cases "...")`
;; and `(global $bt.cases_len i32 ...)`) through bigint.wat's functions and prints one
;; result line per operation, in the C driver's forms: integers in decimal, rationals
;; as n/d, doubles as the 16 hex digits of their bits. The script numbers the
;; operations (the first token of a line is an op code, see OPS in the script), so no
;; names are compared here. Typed operands of the mixed-kind operations are a kind
;; letter and a value: i:<int64> b:<bigint> r:<n/d> f:<hex bits> s:<text> t:<0|1>
;; n: (nil) l: (an empty list).
;;
;; With a command-line argument the module instead runs that one line (the error
;; cases: each must stop the process with C's message and exit status). The module
;; needs the WASI imports args_sizes_get and args_get, which the script puts before
;; core.wat's.

(global $bt.in (mut (ref null $bytes)) (ref.null $bytes))
(global $bt.pos (mut i32) (i32.const 0))
(global $bt.end (mut i32) (i32.const 0))
(global $bt.toff (mut i32) (i32.const 0))
(global $bt.tlen (mut i32) (i32.const 0))

(func $bt.in_ (result (ref $bytes))
  (ref.as_non_null (global.get $bt.in)))

;; The next space-separated token of the current line in $bt.toff/$bt.tlen; 0 when none.
(func $bt.next (result i32)
  (local $p i32)
  (local.set $p (global.get $bt.pos))
  (block $done
    (loop $skip
      (br_if $done (i32.ge_u (local.get $p) (global.get $bt.end)))
      (br_if $done (i32.ne (array.get_u $bytes (call $bt.in_) (local.get $p)) (i32.const 32)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $skip)))
  (global.set $bt.toff (local.get $p))
  (block $done
    (loop $scan
      (br_if $done (i32.ge_u (local.get $p) (global.get $bt.end)))
      (br_if $done (i32.eq (array.get_u $bytes (call $bt.in_) (local.get $p)) (i32.const 32)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $scan)))
  (global.set $bt.tlen (i32.sub (local.get $p) (global.get $bt.toff)))
  (global.set $bt.pos (local.get $p))
  (i32.ne (global.get $bt.tlen) (i32.const 0)))

;; The next token as a string (ASCII).
(func $bt.str (result (ref $str))
  (local $b (ref $bytes))
  (drop (call $bt.next))
  (local.set $b (array.new_default $bytes (global.get $bt.tlen)))
  (array.copy $bytes $bytes (local.get $b) (i32.const 0) (call $bt.in_) (global.get $bt.toff) (global.get $bt.tlen))
  (struct.new $str (local.get $b) (global.get $bt.tlen)))

(func $bt.big (result (ref $bigint))
  (local $r (ref null $bigint))
  (drop (call $bt.next))
  (local.set $r (call $mochi_bigint.parse (call $bt.in_) (global.get $bt.toff) (global.get $bt.tlen)))
  (if (ref.is_null (local.get $r)) (then (unreachable)))
  (ref.as_non_null (local.get $r)))

(func $bt.rat (result (ref $bigrat))
  (local $r (ref null $bigrat))
  (drop (call $bt.next))
  (local.set $r (call $mochi_bigrat.parse (call $bt.in_) (global.get $bt.toff) (global.get $bt.tlen)))
  (if (ref.is_null (local.get $r)) (then (unreachable)))
  (ref.as_non_null (local.get $r)))

;; A decimal int64 in in[off .. off+n) (strtoll's result for the texts the script writes).
(func $bt.parse_i64 (param $off i32) (param $n i32) (result i64)
  (local $v i64)
  (local $neg i32)
  (local $c i32)
  (local $end i32)
  (local.set $end (i32.add (local.get $off) (local.get $n)))
  (if (i32.eq (array.get_u $bytes (call $bt.in_) (local.get $off)) (i32.const 45))
    (then (local.set $neg (i32.const 1)) (local.set $off (i32.add (local.get $off) (i32.const 1)))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $c (array.get_u $bytes (call $bt.in_) (local.get $off)))
      (local.set $v (i64.sub (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48)))))
      (local.set $off (i32.add (local.get $off) (i32.const 1)))
      (br $next)))
  ;; accumulated negatively, so INT64_MIN parses too
  (select (local.get $v) (i64.sub (i64.const 0) (local.get $v)) (local.get $neg)))

(func $bt.i64 (result i64)
  (drop (call $bt.next))
  (call $bt.parse_i64 (global.get $bt.toff) (global.get $bt.tlen)))

(func $bt.parse_hex (param $off i32) (param $n i32) (result i64)
  (local $v i64)
  (local $c i32)
  (local $end i32)
  (local.set $end (i32.add (local.get $off) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $off) (local.get $end)))
      (local.set $c (array.get_u $bytes (call $bt.in_) (local.get $off)))
      (local.set $v (i64.or (i64.shl (local.get $v) (i64.const 4))
        (i64.extend_i32_u (select (i32.sub (local.get $c) (i32.const 87)) (i32.sub (local.get $c) (i32.const 48))
                                  (i32.ge_u (local.get $c) (i32.const 97))))))
      (local.set $off (i32.add (local.get $off) (i32.const 1)))
      (br $next)))
  (local.get $v))

(func $bt.f64 (result f64)
  (drop (call $bt.next))
  (f64.reinterpret_i64 (call $bt.parse_hex (global.get $bt.toff) (global.get $bt.tlen))))

;; A typed operand (kind letter, ':', value) as an any.
(func $bt.any (result anyref)
  (local $k i32)
  (local $off i32)
  (local $n i32)
  (local $b (ref $bytes))
  (drop (call $bt.next))
  (local.set $k (array.get_u $bytes (call $bt.in_) (global.get $bt.toff)))
  (local.set $off (i32.add (global.get $bt.toff) (i32.const 2)))
  (local.set $n (i32.sub (global.get $bt.tlen) (i32.const 2)))
  (if (i32.eq (local.get $k) (i32.const 105)) ;; i
    (then (return (call $mochi_box_i64 (call $bt.parse_i64 (local.get $off) (local.get $n))))))
  (if (i32.eq (local.get $k) (i32.const 98)) ;; b
    (then (return (ref.as_non_null (call $mochi_bigint.parse (call $bt.in_) (local.get $off) (local.get $n))))))
  (if (i32.eq (local.get $k) (i32.const 114)) ;; r
    (then (return (ref.as_non_null (call $mochi_bigrat.parse (call $bt.in_) (local.get $off) (local.get $n))))))
  (if (i32.eq (local.get $k) (i32.const 102)) ;; f
    (then (return (call $mochi_box_f64 (f64.reinterpret_i64 (call $bt.parse_hex (local.get $off) (local.get $n)))))))
  (if (i32.eq (local.get $k) (i32.const 115)) ;; s
    (then
      (local.set $b (array.new_default $bytes (local.get $n)))
      (array.copy $bytes $bytes (local.get $b) (i32.const 0) (call $bt.in_) (local.get $off) (local.get $n))
      (return (struct.new $str (local.get $b) (local.get $n)))))
  (if (i32.eq (local.get $k) (i32.const 116)) ;; t
    (then (return (call $mochi_box_bool (i32.eq (array.get_u $bytes (call $bt.in_) (local.get $off)) (i32.const 49))))))
  (if (i32.eq (local.get $k) (i32.const 108)) ;; l
    (then (return (call $mochi_list_new_ref (i32.const 0)))))
  (ref.null none))

;; ---- output ----

(func $bt.out_str (param $s (ref $str))
  (call $mochi_out_bytes (struct.get $str $b (local.get $s)) (i32.const 0) (array.len (struct.get $str $b (local.get $s)))))

(func $bt.out_i64 (param $v i64)
  (call $bt.out_str (call $mochi_fmt_i64 (local.get $v))))

(func $bt.out_f64 (param $d f64)
  (local $v i64)
  (local $i i32)
  (local $x i32)
  (local.set $v (i64.reinterpret_f64 (local.get $d)))
  (local.set $i (i32.const 60))
  (loop $next
    (local.set $x (i32.wrap_i64 (i64.and (i64.shr_u (local.get $v) (i64.extend_i32_u (local.get $i))) (i64.const 15))))
    (call $mochi_out_byte (i32.add (local.get $x) (select (i32.const 87) (i32.const 48) (i32.ge_u (local.get $x) (i32.const 10)))))
    (local.set $i (i32.sub (local.get $i) (i32.const 4)))
    (br_if $next (i32.ge_s (local.get $i) (i32.const 0)))))

(func $bt.out_big (param $x (ref null $bigint))
  (call $bt.out_str (call $mochi_bigint_to_str (local.get $x))))

(func $bt.out_rat (param $x (ref null $bigrat))
  (call $bt.out_str (call $mochi_bigrat_to_str (local.get $x))))

;; A result of the mixed-kind arithmetic: kind letter, ':', value (as the operands).
(func $bt.out_any (param $a anyref)
  (if (ref.is_null (local.get $a)) (then (call $mochi_out_byte (i32.const 110)) (call $mochi_out_byte (i32.const 58)) (return)))
  (if (ref.test (ref $box_f64) (local.get $a))
    (then
      (call $mochi_out_byte (i32.const 102)) (call $mochi_out_byte (i32.const 58))
      (call $bt.out_f64 (struct.get $box_f64 $v (ref.cast (ref $box_f64) (local.get $a))))
      (return)))
  (if (ref.test (ref $bigint) (local.get $a))
    (then
      (call $mochi_out_byte (i32.const 98)) (call $mochi_out_byte (i32.const 58))
      (call $bt.out_big (ref.cast (ref $bigint) (local.get $a)))
      (return)))
  (if (ref.test (ref $bigrat) (local.get $a))
    (then
      (call $mochi_out_byte (i32.const 114)) (call $mochi_out_byte (i32.const 58))
      (call $bt.out_rat (ref.cast (ref $bigrat) (local.get $a)))
      (return)))
  (call $mochi_out_byte (i32.const 105)) (call $mochi_out_byte (i32.const 58))
  (call $bt.out_i64 (call $mochi_unbox_i64 (local.get $a))))

;; The hash the maps would use for a: bigint.wat's for exact numbers, value.wat's else.
(func $bt.hash (param $a anyref) (result i32)
  (if (ref.test (ref $bigint) (local.get $a)) (then (return (call $mochi_bigint_hash (ref.cast (ref $bigint) (local.get $a))))))
  (if (ref.test (ref $bigrat) (local.get $a)) (then (return (call $mochi_bigrat_hash (ref.cast (ref $bigrat) (local.get $a))))))
  (call $mochi_hash_any (local.get $a)))

;; ---- one operation ----

(func $bt.run
  (local $op i32)
  (local $a (ref $bigint))
  (local $q (ref $bigint))
  (local $x anyref)
  (local $y anyref)
  (local.set $op (i32.wrap_i64 (call $bt.i64)))
  (block $done
    ;; bigint
    (if (i32.eq (local.get $op) (i32.const 0)) (then (call $bt.out_big (call $mochi_bigint_add (call $bt.big) (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 1)) (then (call $bt.out_big (call $mochi_bigint_sub (call $bt.big) (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 2)) (then (call $bt.out_big (call $mochi_bigint_mul (call $bt.big) (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 3))
      (then (local.set $a (call $bt.big)) (call $bt.out_big (call $mochi_bigint_mul (local.get $a) (local.get $a))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 4)) (then (call $bt.out_big (call $mochi_bigint_div (call $bt.big) (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 5)) (then (call $bt.out_big (call $mochi_bigint_rem (call $bt.big) (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 6))
      (then
        (local.set $a (call $bt.big))
        (local.set $q (ref.as_non_null (call $mochi_bigint.divmod (local.get $a) (call $bt.big) (i32.const 1) (i32.const 1))))
        (call $bt.out_big (local.get $q))
        (call $mochi_out_byte (i32.const 32))
        (call $bt.out_big (global.get $mochi_bigint.rem_out))
        (br $done)))
    (if (i32.eq (local.get $op) (i32.const 7)) (then (call $bt.out_big (call $mochi_bigint_neg (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 8)) (then (call $bt.out_big (call $mochi_bigint_abs (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 9)) (then (call $bt.out_big (call $mochi_bigint_pow (call $bt.big) (call $bt.i64))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 10)) (then (call $bt.out_big (call $mochi_bigint_gcd (call $bt.big) (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 11))
      (then (call $bt.out_i64 (i64.extend_i32_s (call $mochi_bigint_cmp (call $bt.big) (call $bt.big)))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 12))
      (then (call $bt.out_i64 (i64.extend_i32_s (call $mochi_bigint_eq (call $bt.big) (call $bt.big)))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 13))
      (then (call $bt.out_i64 (i64.extend_i32_s (call $mochi_bigint_sign (call $bt.big)))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 14))
      (then (call $bt.out_i64 (i64.extend_i32_s (call $mochi_bigint_fits_i64 (call $bt.big)))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 15)) (then (call $bt.out_i64 (call $mochi_bigint_to_i64 (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 16)) (then (call $bt.out_big (call $mochi_bigint_from_i64 (call $bt.i64))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 17)) (then (call $bt.out_f64 (call $mochi_bigint_to_f64 (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 18)) (then (call $bt.out_big (call $mochi_bigint_from_f64 (call $bt.f64))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 19)) (then (call $bt.out_big (call $mochi_bigint_from_str (call $bt.str))) (br $done)))
    ;; str(x) of a bigint: str()'s form through the any printer
    (if (i32.eq (local.get $op) (i32.const 20)) (then (call $bt.out_str (call $mochi_str_any (call $bt.big))) (br $done)))
    ;; bigrat
    (if (i32.eq (local.get $op) (i32.const 21)) (then (call $bt.out_rat (call $mochi_bigrat_add (call $bt.rat) (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 22)) (then (call $bt.out_rat (call $mochi_bigrat_sub (call $bt.rat) (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 23)) (then (call $bt.out_rat (call $mochi_bigrat_mul (call $bt.rat) (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 24)) (then (call $bt.out_rat (call $mochi_bigrat_div (call $bt.rat) (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 25)) (then (call $bt.out_rat (call $mochi_bigrat_neg (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 26)) (then (call $bt.out_rat (call $mochi_bigrat_abs (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 27)) (then (call $bt.out_rat (call $mochi_bigrat_pow (call $bt.rat) (call $bt.i64))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 28))
      (then (call $bt.out_i64 (i64.extend_i32_s (call $mochi_bigrat_cmp (call $bt.rat) (call $bt.rat)))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 29))
      (then (call $bt.out_i64 (i64.extend_i32_s (call $mochi_bigrat_eq (call $bt.rat) (call $bt.rat)))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 30)) (then (call $bt.out_rat (call $mochi_bigrat_new (call $bt.big) (call $bt.big))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 31)) (then (call $bt.out_big (call $mochi_bigrat_num (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 32)) (then (call $bt.out_big (call $mochi_bigrat_denom (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 33)) (then (call $bt.out_f64 (call $mochi_bigrat_to_f64 (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 34)) (then (call $bt.out_rat (call $mochi_bigrat_from_f64 (call $bt.f64))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 35)) (then (call $bt.out_big (call $mochi_bigrat_trunc (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 36)) (then (call $bt.out_i64 (call $mochi_bigrat_to_i64 (call $bt.rat))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 37)) (then (call $bt.out_rat (call $mochi_bigrat_from_str (call $bt.str))) (br $done)))
    ;; mixed kinds (value.wat's any paths)
    (if (i32.eq (local.get $op) (i32.const 38))
      (then (call $bt.out_i64 (i64.extend_i32_s (call $mochi_num_any_cmp (call $bt.any) (call $bt.any)))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 39))
      (then (call $bt.out_i64 (i64.extend_i32_s (call $mochi_num_any_eq (call $bt.any) (call $bt.any)))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 40))
      (then
        (local.set $op (i32.wrap_i64 (call $bt.i64)))
        (call $bt.out_any (call $mochi_num_any_arith (local.get $op) (call $bt.any) (call $bt.any)))
        (br $done)))
    (if (i32.eq (local.get $op) (i32.const 41))
      (then
        (local.set $x (call $bt.any))
        (local.set $y (call $bt.any))
        (call $bt.out_i64 (i64.extend_i32_u (i32.eq (call $bt.hash (local.get $x)) (call $bt.hash (local.get $y)))))
        (br $done)))
    (if (i32.eq (local.get $op) (i32.const 42))
      (then
        (local.set $x (call $mochi_bigint_from_any (call $bt.any)))
        (if (ref.is_null (local.get $x)) (then (call $bt.out_any (ref.null none))) (else (call $bt.out_any (local.get $x))))
        (br $done)))
    (if (i32.eq (local.get $op) (i32.const 43))
      (then
        (local.set $x (call $mochi_bigrat_from_any (call $bt.any)))
        (if (ref.is_null (local.get $x)) (then (call $bt.out_any (ref.null none))) (else (call $bt.out_any (local.get $x))))
        (br $done)))
    (if (i32.eq (local.get $op) (i32.const 44)) (then (call $bt.out_str (call $mochi_bigrat_to_json (call $bt.rat))) (br $done)))
    ;; the any printers: print's form, str(), to_json of one typed operand
    (if (i32.eq (local.get $op) (i32.const 46)) (then (call $bt.out_str (call $mochi_fmt_any (call $bt.any))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 47)) (then (call $bt.out_str (call $mochi_str_any (call $bt.any))) (br $done)))
    (if (i32.eq (local.get $op) (i32.const 48)) (then (call $bt.out_str (call $mochi_to_json_any (call $bt.any))) (br $done)))
    (unreachable)))

;; Runs the lines of in[0 .. n): one result line each.
(func $bt.run_lines (param $n i32)
  (local $p i32)
  (block $done
    (loop $line
      (br_if $done (i32.ge_u (global.get $bt.pos) (local.get $n)))
      (local.set $p (global.get $bt.pos))
      (block $eol
        (loop $scan
          (br_if $eol (i32.ge_u (local.get $p) (local.get $n)))
          (br_if $eol (i32.eq (array.get_u $bytes (call $bt.in_) (local.get $p)) (i32.const 10)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $scan)))
      (global.set $bt.end (local.get $p))
      (call $bt.run)
      (call $mochi_out_byte (i32.const 10))
      (global.set $bt.pos (i32.add (local.get $p) (i32.const 1)))
      (br $line))))

(func $_start
  (local $argc i32)
  (local $size i32)
  (local $p i32)
  (local $n i32)
  (local $b (ref $bytes))
  ;; argv into the scratch [16, 1024): counts at 16, pointers at 32, strings at 256
  (drop (call $wasi_args_sizes_get (i32.const 16) (i32.const 20)))
  (local.set $argc (i32.load (i32.const 16)))
  (if (i32.ge_u (local.get $argc) (i32.const 2))
    (then
      (if (i32.gt_u (i32.load (i32.const 20)) (i32.const 760)) (then (unreachable)))
      (drop (call $wasi_args_get (i32.const 32) (i32.const 256)))
      (local.set $p (i32.load (i32.const 36)))
      (block $done
        (loop $len
          (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $len)))
      (local.set $b (array.new_default $bytes (local.get $n)))
      (local.set $size (i32.const 0))
      (block $done
        (loop $copy
          (br_if $done (i32.ge_u (local.get $size) (local.get $n)))
          (array.set $bytes (local.get $b) (local.get $size) (i32.load8_u (i32.add (local.get $p) (local.get $size))))
          (local.set $size (i32.add (local.get $size) (i32.const 1)))
          (br $copy)))
      (global.set $bt.in (local.get $b))
      (call $bt.run_lines (local.get $n))
      (call $mochi_out_flush)
      (return)))
  (global.set $bt.in (array.new_data $bytes $bt.cases (i32.const 0) (global.get $bt.cases_len)))
  (call $bt.run_lines (global.get $bt.cases_len))
  (call $mochi_out_flush))
