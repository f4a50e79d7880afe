;; sha256.wat: the `sha256` builtin (LANGUAGE.md §10; the IR op `sha256`), the
;; SHA-256 digest (FIPS 180-4) of a string's UTF-8 bytes or of a list of ints, as a
;; list of 32 ints. It mirrors Sources/MochiRuntime/mochi_sha256.c: a list element is
;; taken modulo 256; an element that is not an int, or an argument that is neither a
;; string nor a list, is the same runtime error. Written by the emitter's owner (the
;; op is new with issue 18); a leaf routine over linear memory scratch (core.wat's
;; [16, 1024)): message schedule w[64] at 16, the block buffer at 272, h[8] at 336,
;; the buffered byte count at 368, the total byte count at 376, the round constants
;; (copied from a passive segment on each call) at 512.

(data $sha256.k "\98\2f\8a\42\91\44\37\71\cf\fb\c0\b5\a5\db\b5\e9\5b\c2\56\39\f1\11\f1\59\a4\82\3f\92\d5\5e\1c\ab\98\aa\07\d8\01\5b\83\12\be\85\31\24\c3\7d\0c\55\74\5d\be\72\fe\b1\de\80\a7\06\dc\9b\74\f1\9b\c1\c1\69\9b\e4\86\47\be\ef\c6\9d\c1\0f\cc\a1\0c\24\6f\2c\e9\2d\aa\84\74\4a\dc\a9\b0\5c\da\88\f9\76\52\51\3e\98\6d\c6\31\a8\c8\27\03\b0\c7\7f\59\bf\f3\0b\e0\c6\47\91\a7\d5\51\63\ca\06\67\29\29\14\85\0a\b7\27\38\21\1b\2e\fc\6d\2c\4d\13\0d\38\53\54\73\0a\65\bb\0a\6a\76\2e\c9\c2\81\85\2c\72\92\a1\e8\bf\a2\4b\66\1a\a8\70\8b\4b\c2\a3\51\6c\c7\19\e8\92\d1\24\06\99\d6\85\35\0e\f4\70\a0\6a\10\16\c1\a4\19\08\6c\37\1e\4c\77\48\27\b5\bc\b0\34\b3\0c\1c\39\4a\aa\d8\4e\4f\ca\9c\5b\f3\6f\2e\68\ee\82\8f\74\6f\63\a5\78\14\78\c8\84\08\02\c7\8c\fa\ff\be\90\eb\6c\50\a4\f7\a3\f9\be\f2\78\71\c6")
(data $sha256.h0 "\67\e6\09\6a\85\ae\67\bb\72\f3\6e\3c\3a\f5\4f\a5\7f\52\0e\51\8c\68\05\9b\ab\d9\83\1f\19\cd\e0\5b")
(data $sha256.d.arg "sha256 expects a string or a list of ints")
(data $sha256.d.elem "sha256: list element is not an int")

(func $sha256.fail (param $which i32)
  (local $n i32)
  (local $b (ref null $bytes))
  (if (local.get $which)
    (then
      (local.set $n (i32.const 34))
      (local.set $b (array.new_data $bytes $sha256.d.elem (i32.const 0) (i32.const 34))))
    (else
      (local.set $n (i32.const 41))
      (local.set $b (array.new_data $bytes $sha256.d.arg (i32.const 0) (i32.const 41)))))
  (call $mochi_rt_error (struct.new $str (ref.as_non_null (local.get $b)) (local.get $n)))
  (unreachable))

;; One 64-byte block from the buffer at 272 into h.
(func $sha256.block
  (local $i i32)
  (local $s0 i32)
  (local $s1 i32)
  (local $a i32) (local $b i32) (local $c i32) (local $d i32)
  (local $e i32) (local $f i32) (local $g i32) (local $h i32)
  (local $t1 i32)
  (local $t2 i32)
  (local $p i32)
  ;; w[0..16): big-endian words of the block
  (local.set $i (i32.const 0))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (i32.const 16)))
    (local.set $p (i32.add (i32.const 272) (i32.shl (local.get $i) (i32.const 2))))
    (i32.store (i32.add (i32.const 16) (i32.shl (local.get $i) (i32.const 2)))
      (i32.or
        (i32.or (i32.shl (i32.load8_u (local.get $p)) (i32.const 24))
                (i32.shl (i32.load8_u offset=1 (local.get $p)) (i32.const 16)))
        (i32.or (i32.shl (i32.load8_u offset=2 (local.get $p)) (i32.const 8))
                (i32.load8_u offset=3 (local.get $p)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  ;; w[16..64)
  (block $done2 (loop $next2
    (br_if $done2 (i32.ge_u (local.get $i) (i32.const 64)))
    (local.set $p (i32.add (i32.const 16) (i32.shl (local.get $i) (i32.const 2))))
    (local.set $s0 (i32.xor (i32.xor (i32.rotr (i32.load (i32.sub (local.get $p) (i32.const 60))) (i32.const 7))
                                     (i32.rotr (i32.load (i32.sub (local.get $p) (i32.const 60))) (i32.const 18)))
                            (i32.shr_u (i32.load (i32.sub (local.get $p) (i32.const 60))) (i32.const 3))))
    (local.set $s1 (i32.xor (i32.xor (i32.rotr (i32.load (i32.sub (local.get $p) (i32.const 8))) (i32.const 17))
                                     (i32.rotr (i32.load (i32.sub (local.get $p) (i32.const 8))) (i32.const 19)))
                            (i32.shr_u (i32.load (i32.sub (local.get $p) (i32.const 8))) (i32.const 10))))
    (i32.store (local.get $p)
      (i32.add (i32.add (i32.load (i32.sub (local.get $p) (i32.const 64))) (local.get $s0))
               (i32.add (i32.load (i32.sub (local.get $p) (i32.const 28))) (local.get $s1))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next2)))
  (local.set $a (i32.load (i32.const 336)))
  (local.set $b (i32.load (i32.const 340)))
  (local.set $c (i32.load (i32.const 344)))
  (local.set $d (i32.load (i32.const 348)))
  (local.set $e (i32.load (i32.const 352)))
  (local.set $f (i32.load (i32.const 356)))
  (local.set $g (i32.load (i32.const 360)))
  (local.set $h (i32.load (i32.const 364)))
  (local.set $i (i32.const 0))
  (block $done3 (loop $next3
    (br_if $done3 (i32.ge_u (local.get $i) (i32.const 64)))
    (local.set $t1
      (i32.add
        (i32.add (local.get $h)
                 (i32.xor (i32.xor (i32.rotr (local.get $e) (i32.const 6)) (i32.rotr (local.get $e) (i32.const 11)))
                          (i32.rotr (local.get $e) (i32.const 25))))
        (i32.add
          (i32.xor (i32.and (local.get $e) (local.get $f)) (i32.and (i32.xor (local.get $e) (i32.const -1)) (local.get $g)))
          (i32.add (i32.load (i32.add (i32.const 512) (i32.shl (local.get $i) (i32.const 2))))
                   (i32.load (i32.add (i32.const 16) (i32.shl (local.get $i) (i32.const 2))))))))
    (local.set $t2
      (i32.add
        (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 2)) (i32.rotr (local.get $a) (i32.const 13)))
                 (i32.rotr (local.get $a) (i32.const 22)))
        (i32.xor (i32.xor (i32.and (local.get $a) (local.get $b)) (i32.and (local.get $a) (local.get $c)))
                 (i32.and (local.get $b) (local.get $c)))))
    (local.set $h (local.get $g))
    (local.set $g (local.get $f))
    (local.set $f (local.get $e))
    (local.set $e (i32.add (local.get $d) (local.get $t1)))
    (local.set $d (local.get $c))
    (local.set $c (local.get $b))
    (local.set $b (local.get $a))
    (local.set $a (i32.add (local.get $t1) (local.get $t2)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next3)))
  (i32.store (i32.const 336) (i32.add (i32.load (i32.const 336)) (local.get $a)))
  (i32.store (i32.const 340) (i32.add (i32.load (i32.const 340)) (local.get $b)))
  (i32.store (i32.const 344) (i32.add (i32.load (i32.const 344)) (local.get $c)))
  (i32.store (i32.const 348) (i32.add (i32.load (i32.const 348)) (local.get $d)))
  (i32.store (i32.const 352) (i32.add (i32.load (i32.const 352)) (local.get $e)))
  (i32.store (i32.const 356) (i32.add (i32.load (i32.const 356)) (local.get $f)))
  (i32.store (i32.const 360) (i32.add (i32.load (i32.const 360)) (local.get $g)))
  (i32.store (i32.const 364) (i32.add (i32.load (i32.const 364)) (local.get $h))))

;; Appends one byte to the message.
(func $sha256.byte (param $v i32)
  (local $n i32)
  (local.set $n (i32.load (i32.const 368)))
  (i32.store8 (i32.add (i32.const 272) (local.get $n)) (local.get $v))
  (i64.store (i32.const 376) (i64.add (i64.load (i32.const 376)) (i64.const 1)))
  (local.set $n (i32.add (local.get $n) (i32.const 1)))
  (if (i32.eq (local.get $n) (i32.const 64))
    (then
      (call $sha256.block)
      (local.set $n (i32.const 0))))
  (i32.store (i32.const 368) (local.get $n)))

;; The int an `any` element holds, or the element error.
(func $sha256.int (param $v anyref) (result i32)
  (if (ref.test (ref i31) (local.get $v))
    (then (return (i31.get_s (ref.cast (ref i31) (local.get $v))))))
  (if (ref.test (ref $box_i64) (local.get $v))
    (then (return (i32.wrap_i64 (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $v)))))))
  (call $sha256.fail (i32.const 1))
  (unreachable))

(func $mochi_sha256 (param $x anyref) (result (ref $list_i64))
  (local $i i32)
  (local $n i32)
  (local $bits i64)
  (local $out (ref $arr_i64))
  (local $bs (ref $bytes))
  (local $li (ref $list_i64))
  (local $lr (ref $list_ref))
  (memory.init $sha256.k (i32.const 512) (i32.const 0) (i32.const 256))
  (memory.init $sha256.h0 (i32.const 336) (i32.const 0) (i32.const 32))
  (i32.store (i32.const 368) (i32.const 0))
  (i64.store (i32.const 376) (i64.const 0))
  (block $fed
    (if (ref.test (ref $str) (local.get $x))
      (then
        (local.set $bs (struct.get $str $b (ref.cast (ref $str) (local.get $x))))
        (local.set $n (array.len (local.get $bs)))
        (local.set $i (i32.const 0))
        (block $d1 (loop $l1
          (br_if $d1 (i32.ge_u (local.get $i) (local.get $n)))
          (call $sha256.byte (array.get_u $bytes (local.get $bs) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l1)))
        (br $fed)))
    (if (ref.test (ref $list_i64) (local.get $x))
      (then
        (local.set $li (ref.cast (ref $list_i64) (local.get $x)))
        (local.set $n (struct.get $list_i64 $len (local.get $li)))
        (local.set $i (i32.const 0))
        (block $d2 (loop $l2
          (br_if $d2 (i32.ge_u (local.get $i) (local.get $n)))
          (call $sha256.byte (i32.wrap_i64 (array.get $arr_i64 (struct.get $list_i64 $data (local.get $li)) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l2)))
        (br $fed)))
    (if (ref.test (ref $list_ref) (local.get $x))
      (then
        (local.set $lr (ref.cast (ref $list_ref) (local.get $x)))
        (local.set $n (struct.get $list_ref $len (local.get $lr)))
        (local.set $i (i32.const 0))
        (block $d3 (loop $l3
          (br_if $d3 (i32.ge_u (local.get $i) (local.get $n)))
          (call $sha256.byte (call $sha256.int (array.get $arr_ref (struct.get $list_ref $data (local.get $lr)) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l3)))
        (br $fed)))
    ;; a list of floats or bools: the element error on its first element, as C
    (if (ref.test (ref $list) (local.get $x))
      (then
        (br_if $fed (i32.eqz (struct.get $list $len (ref.cast (ref $list) (local.get $x)))))
        (call $sha256.fail (i32.const 1))))
    (call $sha256.fail (i32.const 0)))
  ;; padding: 0x80, zeros to 56 mod 64, the bit length big-endian
  (local.set $bits (i64.shl (i64.load (i32.const 376)) (i64.const 3)))
  (call $sha256.byte (i32.const 0x80))
  (block $d4 (loop $l4
    (br_if $d4 (i32.eq (i32.load (i32.const 368)) (i32.const 56)))
    (call $sha256.byte (i32.const 0))
    (br $l4)))
  (local.set $i (i32.const 56))
  (block $d5 (loop $l5
    (br_if $d5 (i32.lt_s (local.get $i) (i32.const 0)))
    (call $sha256.byte (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.extend_i32_u (local.get $i)))))
    (local.set $i (i32.sub (local.get $i) (i32.const 8)))
    (br $l5)))
  (local.set $out (array.new $arr_i64 (i64.const 0) (i32.const 32)))
  (local.set $i (i32.const 0))
  (block $d6 (loop $l6
    (br_if $d6 (i32.ge_u (local.get $i) (i32.const 32)))
    (array.set $arr_i64 (local.get $out) (local.get $i)
      (i64.extend_i32_u
        (i32.and
          (i32.shr_u (i32.load (i32.add (i32.const 336) (i32.and (local.get $i) (i32.const -4))))
                     (i32.sub (i32.const 24) (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 3))))
          (i32.const 255))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $l6)))
  (struct.new $list_i64 (i32.const 32) (i32.const 32) (i32.const 1) (local.get $out)))
