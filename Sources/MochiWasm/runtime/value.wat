;; value.wat: the dynamic `any` value of the Wasm runtime: boxing and unboxing, deep
;; equality, ordering and hashing, dynamic arithmetic and access, struct helpers,
;; group-by, and every textual form of a value (print's top-level and container forms,
;; str(), JSON), each mirroring the C function named in docs/WASM.md byte for byte.
;;
;; An `any` is an anyref that describes itself (docs/WASM.md, "any"): null is nil, an
;; i31 or a $box_i64 is an int (i31 exactly for [-2^30, 2^30)), $box_f64 a float,
;; $box_bool a bool, and strings, lists, maps, structs, closures are their own objects.
;; `$value.kind` turns one into C's MochiAnyKind number (0 nil, 1 int, 2 float, 3 bool,
;; 4 string, 5 list, 6 map, 7 struct, 8 function), so the code below reads like
;; mochi_value.c and mochi_format.c.
;;
;; Text is built in one growable byte buffer (`$value.buf`, `$value.blen`). A
;; formatter records the length (a mark), appends, and `$value.take` cuts everything
;; after the mark into a new string and truncates back to it. Nested formatting (a
;; map key's text while its map is being printed, a cmp's str() forms, an error
;; message) just appends past the current end, so one buffer serves every level.
;;
;; Structs print as a map of their fields plus the entry "__name" (LANGUAGE.md §9):
;; the descriptor's field names and "__name" are sorted bytewise together; anonymous
;; descriptors (tag -2, C's `anonymous`: records made by `record.new`, groups) print
;; as plain maps, without "__name", as §9 says. A struct's
;; fields are read boxed through its descriptor's getter, so a field's static kind is
;; not known here; scalar fields print exactly as C's typed slots do (the only
;; difference is the depth cut-off at 2000 levels of nesting, where a scalar field is
;; printed rather than cut: C cuts only `any` fields there).
;;
;; Fixed texts (error messages, kind names) are passive data segments read with
;; array.new_data; the texts printed in hot loops are written byte by byte.

;; ---- the two bool boxes ----

(global $mochi_true (ref $box_bool) (struct.new $box_bool (i32.const 1)))
(global $mochi_false (ref $box_bool) (struct.new $box_bool (i32.const 0)))

;; ---- fixed texts ----

(data $value.d.invalid_cast "invalid cast: ")
(data $value.d.to " to ")
(data $value.d.invalid_operands "invalid operands for ")
(data $value.d.and " and ")
(data $value.d.kinds "nilintfloatboolstringlistmapstructfunction")
(data $value.d.int "int")
(data $value.d.float "float")
(data $value.d.bool "bool")
(data $value.d.string "string")
(data $value.d.list "list")
(data $value.d.map "map")
(data $value.d.builder "invalid group-by builder")

;; "__name", the struct entry every struct and variant prints with (§9)
(global $value.s.__name (ref $str)
  (struct.new $str
    (array.new_fixed $bytes 6 (i32.const 95) (i32.const 95) (i32.const 110) (i32.const 97) (i32.const 109) (i32.const 101))
    (i32.const 6)))
(global $value.s.key (ref $str)
  (struct.new $str (array.new_fixed $bytes 3 (i32.const 107) (i32.const 101) (i32.const 121)) (i32.const 3)))
(global $value.s.items (ref $str)
  (struct.new $str
    (array.new_fixed $bytes 5 (i32.const 105) (i32.const 116) (i32.const 101) (i32.const 109) (i32.const 115))
    (i32.const 5)))

;; An ASCII string from a data segment (messages): ncp = byte length.
(func $value.ascii (param $b (ref $bytes)) (result (ref $str))
  (struct.new $str (local.get $b) (array.len (local.get $b))))

;; ---- the text buffer ----

(global $value.buf (mut (ref $bytes)) (array.new_default $bytes (i32.const 1024)))
(global $value.blen (mut i32) (i32.const 0))

;; Room for n more bytes (capacity doubles).
(func $value.reserve (param $n i32)
  (local $cap i32)
  (local $need i32)
  (local $nb (ref $bytes))
  (local.set $need (i32.add (global.get $value.blen) (local.get $n)))
  (local.set $cap (array.len (global.get $value.buf)))
  (if (i32.le_u (local.get $need) (local.get $cap)) (then (return)))
  (if (i32.lt_u (local.get $need) (global.get $value.blen)) (then (unreachable)))
  (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))
  (if (i32.lt_u (local.get $cap) (local.get $need)) (then (local.set $cap (local.get $need))))
  (local.set $nb (array.new_default $bytes (local.get $cap)))
  (array.copy $bytes $bytes (local.get $nb) (i32.const 0) (global.get $value.buf) (i32.const 0) (global.get $value.blen))
  (global.set $value.buf (local.get $nb)))

(func $value.putc (param $c i32)
  (local $n i32)
  (local.set $n (global.get $value.blen))
  (if (i32.ge_u (local.get $n) (array.len (global.get $value.buf)))
    (then (call $value.reserve (i32.const 1))))
  (array.set $bytes (global.get $value.buf) (local.get $n) (local.get $c))
  (global.set $value.blen (i32.add (local.get $n) (i32.const 1))))

;; Two bytes, e.g. ", ".
(func $value.put2 (param $a i32) (param $b i32)
  (local $n i32)
  (call $value.reserve (i32.const 2))
  (local.set $n (global.get $value.blen))
  (array.set $bytes (global.get $value.buf) (local.get $n) (local.get $a))
  (array.set $bytes (global.get $value.buf) (i32.add (local.get $n) (i32.const 1)) (local.get $b))
  (global.set $value.blen (i32.add (local.get $n) (i32.const 2))))

(func $value.put_range (param $b (ref $bytes)) (param $off i32) (param $len i32)
  (call $value.reserve (local.get $len))
  (array.copy $bytes $bytes (global.get $value.buf) (global.get $value.blen) (local.get $b) (local.get $off) (local.get $len))
  (global.set $value.blen (i32.add (global.get $value.blen) (local.get $len))))

(func $value.put_bytes (param $b (ref $bytes))
  (call $value.put_range (local.get $b) (i32.const 0) (array.len (local.get $b))))

(func $value.put_str (param $s (ref $str))
  (call $value.put_bytes (struct.get $str $b (local.get $s))))

;; "nil", "true", "false", "null", "<nil>", "<func>", "..." (hot: no allocation)
(func $value.put_nil
  (call $value.put2 (i32.const 110) (i32.const 105)) (call $value.putc (i32.const 108)))
(func $value.put_null
  (call $value.put2 (i32.const 110) (i32.const 117)) (call $value.put2 (i32.const 108) (i32.const 108)))
(func $value.put_bool (param $v i32)
  (if (local.get $v)
    (then
      (call $value.put2 (i32.const 116) (i32.const 114))
      (call $value.put2 (i32.const 117) (i32.const 101)))
    (else
      (call $value.put2 (i32.const 102) (i32.const 97))
      (call $value.put2 (i32.const 108) (i32.const 115))
      (call $value.putc (i32.const 101)))))
(func $value.put_angle_nil
  (call $value.put2 (i32.const 60) (i32.const 110))
  (call $value.put2 (i32.const 105) (i32.const 108))
  (call $value.putc (i32.const 62)))
(func $value.put_func
  (call $value.put2 (i32.const 60) (i32.const 102))
  (call $value.put2 (i32.const 117) (i32.const 110))
  (call $value.put2 (i32.const 99) (i32.const 62)))
(func $value.put_dots
  (call $value.put2 (i32.const 46) (i32.const 46)) (call $value.putc (i32.const 46)))

;; Decimal form of an int (C's "%lld").
(func $value.put_i64 (param $v i64)
  (local $u i64)
  (local $nd i32)
  (local $t i64)
  (local $end i32)
  (local $buf (ref $bytes))
  (if (i64.lt_s (local.get $v) (i64.const 0))
    (then
      (call $value.putc (i32.const 45))
      (local.set $u (i64.sub (i64.const 0) (local.get $v))))
    (else (local.set $u (local.get $v))))
  ;; digit count of u (unsigned)
  (local.set $nd (i32.const 1))
  (local.set $t (local.get $u))
  (block $done
    (loop $count
      (br_if $done (i64.lt_u (local.get $t) (i64.const 10)))
      (local.set $t (i64.div_u (local.get $t) (i64.const 10)))
      (local.set $nd (i32.add (local.get $nd) (i32.const 1)))
      (br $count)))
  (call $value.reserve (local.get $nd))
  (local.set $buf (global.get $value.buf))
  (local.set $end (i32.add (global.get $value.blen) (local.get $nd)))
  (global.set $value.blen (local.get $end))
  (loop $digit
    (local.set $end (i32.sub (local.get $end) (i32.const 1)))
    (array.set $bytes (local.get $buf) (local.get $end)
      (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $u) (i64.const 10)))))
    (local.set $u (i64.div_u (local.get $u) (i64.const 10)))
    (br_if $digit (i64.ne (local.get $u) (i64.const 0)))))

;; Everything appended since `mark`, as a new string; the buffer goes back to mark.
(func $value.take (param $mark i32) (result (ref $str))
  (local $n i32)
  (local $nb (ref $bytes))
  (local.set $n (i32.sub (global.get $value.blen) (local.get $mark)))
  (local.set $nb (array.new_default $bytes (local.get $n)))
  (array.copy $bytes $bytes (local.get $nb) (i32.const 0) (global.get $value.buf) (local.get $mark) (local.get $n))
  (global.set $value.blen (local.get $mark))
  ;; a huge text once printed need not pin its buffer for the rest of the run
  (if (i32.and (i32.eqz (local.get $mark)) (i32.gt_u (array.len (global.get $value.buf)) (i32.const 1048576)))
    (then (global.set $value.buf (array.new_default $bytes (i32.const 1024)))))
  (call $mochi_str_from_bytes (local.get $nb)))

;; ---- kinds ----

(func $value.kind (param $a anyref) (result i32)
  (if (ref.is_null (local.get $a)) (then (return (i32.const 0))))
  (if (ref.test (ref i31) (local.get $a)) (then (return (i32.const 1))))
  (if (ref.test (ref $str) (local.get $a)) (then (return (i32.const 4))))
  (if (ref.test (ref $box_f64) (local.get $a)) (then (return (i32.const 2))))
  (if (ref.test (ref $box_i64) (local.get $a)) (then (return (i32.const 1))))
  (if (ref.test (ref $box_bool) (local.get $a)) (then (return (i32.const 3))))
  (if (ref.test (ref $list) (local.get $a)) (then (return (i32.const 5))))
  (if (ref.test (ref $map) (local.get $a)) (then (return (i32.const 6))))
  (if (ref.test (ref $struct) (local.get $a)) (then (return (i32.const 7))))
  (i32.const 8))

;; The int in an any known to hold one (i31 or $box_i64).
(func $value.int_of (param $a anyref) (result i64)
  (if (ref.test (ref i31) (local.get $a))
    (then (return (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $a)))))))
  (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $a))))

;; The number in an any known to hold an int or a float, as a double (C's num_of).
(func $value.num_of (param $a anyref) (result f64)
  (if (ref.test (ref $box_f64) (local.get $a))
    (then (return (struct.get $box_f64 $v (ref.cast (ref $box_f64) (local.get $a))))))
  (f64.convert_i64_s (call $value.int_of (local.get $a))))

(func $value.bool_of (param $a anyref) (result i32)
  (struct.get $box_bool $v (ref.cast (ref $box_bool) (local.get $a))))

(func $value.is_int (param $a anyref) (result i32)
  (i32.or (ref.test (ref i31) (local.get $a)) (ref.test (ref $box_i64) (local.get $a))))

(func $value.is_num (param $a anyref) (result i32)
  (i32.or (call $value.is_int (local.get $a)) (ref.test (ref $box_f64) (local.get $a))))

;; BEGIN exact
;; A bigint or a bigrat (bigint.wat's objects). The lines between `;; BEGIN exact` and
;; `;; END exact` hand exact numbers in an `any` to bigint.wat, as C's mochi_value.c
;; does; mochi-emitwasm leaves them out of a program that makes no bigint or bigrat,
;; so that its dynamic-value code does not reach bigint.wat.
(func $value.is_big (param $a anyref) (result i32)
  (i32.or (ref.test (ref $bigint) (local.get $a)) (ref.test (ref $bigrat) (local.get $a))))
;; END exact

;; Reference identity of two anys (ref.eq needs eqref; every Mochi value is one).
(func $value.same (param $a anyref) (param $b anyref) (result i32)
  (ref.eq (ref.cast eqref (local.get $a)) (ref.cast eqref (local.get $b))))

;; The kind name C's kind_name gives (into the buffer).
(func $value.put_kind_name (param $a anyref)
  (local $k i32)
  (local $off i32)
  (local $len i32)
  ;; BEGIN exact
  (if (call $value.is_big (local.get $a))
    (then (call $value.put_str (call $mochi_bigint.kind_name (local.get $a))) (return)))
  ;; END exact
  (local.set $k (call $value.kind (local.get $a)))
  ;; offsets into "nilintfloatboolstringlistmapstructfunction"
  (block $set
    (block $k8 (block $k7 (block $k6 (block $k5 (block $k4 (block $k3 (block $k2 (block $k1 (block $k0
      (br_table $k0 $k1 $k2 $k3 $k4 $k5 $k6 $k7 $k8 (local.get $k)))
      (local.set $off (i32.const 0)) (local.set $len (i32.const 3)) (br $set))
      (local.set $off (i32.const 3)) (local.set $len (i32.const 3)) (br $set))
      (local.set $off (i32.const 6)) (local.set $len (i32.const 5)) (br $set))
      (local.set $off (i32.const 11)) (local.set $len (i32.const 4)) (br $set))
      (local.set $off (i32.const 15)) (local.set $len (i32.const 6)) (br $set))
      (local.set $off (i32.const 21)) (local.set $len (i32.const 4)) (br $set))
      (local.set $off (i32.const 25)) (local.set $len (i32.const 3)) (br $set))
      (local.set $off (i32.const 28)) (local.set $len (i32.const 6)) (br $set))
    (local.set $off (i32.const 34)) (local.set $len (i32.const 8)))
  (call $value.put_bytes (array.new_data $bytes $value.d.kinds (local.get $off) (local.get $len))))

;; ---- errors ----

;; `invalid cast: <kind of a> to <want>` (C's bad_cast and mochi_emitc_unbox_ref).
(func $mochi_bad_cast (param $a anyref) (param $want (ref $str))
  (local $mark i32)
  (local.set $mark (global.get $value.blen))
  (call $value.put_bytes (array.new_data $bytes $value.d.invalid_cast (i32.const 0) (i32.const 14)))
  (call $value.put_kind_name (local.get $a))
  (call $value.put_bytes (array.new_data $bytes $value.d.to (i32.const 0) (i32.const 4)))
  (call $value.put_str (local.get $want))
  (call $mochi_rt_error (call $value.take (local.get $mark)))
  (unreachable))

(func $value.bad_cast_int (param $a anyref)
  (call $mochi_bad_cast (local.get $a) (call $value.ascii (array.new_data $bytes $value.d.int (i32.const 0) (i32.const 3))))
  (unreachable))
(func $value.bad_cast_float (param $a anyref)
  (call $mochi_bad_cast (local.get $a) (call $value.ascii (array.new_data $bytes $value.d.float (i32.const 0) (i32.const 5))))
  (unreachable))
(func $value.bad_cast_bool (param $a anyref)
  (call $mochi_bad_cast (local.get $a) (call $value.ascii (array.new_data $bytes $value.d.bool (i32.const 0) (i32.const 4))))
  (unreachable))

;; `invalid operands for <op>: <kind> and <kind>`; op is 1-2 ASCII bytes (b2 = 0: one).
(func $value.bad_operands (param $op1 i32) (param $op2 i32) (param $a anyref) (param $b anyref)
  (local $mark i32)
  (local.set $mark (global.get $value.blen))
  (call $value.put_bytes (array.new_data $bytes $value.d.invalid_operands (i32.const 0) (i32.const 21)))
  (call $value.putc (local.get $op1))
  (if (local.get $op2) (then (call $value.putc (local.get $op2))))
  (call $value.put2 (i32.const 58) (i32.const 32))
  (call $value.put_kind_name (local.get $a))
  (call $value.put_bytes (array.new_data $bytes $value.d.and (i32.const 0) (i32.const 5)))
  (call $value.put_kind_name (local.get $b))
  (call $mochi_rt_error (call $value.take (local.get $mark)))
  (unreachable))

;; ---- boxing ----

(func $mochi_box_i64 (param $v i64) (result (ref any))
  (if (result (ref any))
    (i64.lt_u (i64.add (local.get $v) (i64.const 0x40000000)) (i64.const 0x80000000))
    (then (ref.i31 (i32.wrap_i64 (local.get $v))))
    (else (struct.new $box_i64 (local.get $v)))))

(func $mochi_box_f64 (param $v f64) (result (ref $box_f64))
  (struct.new $box_f64 (local.get $v)))

(func $mochi_box_bool (param $v i32) (result (ref $box_bool))
  (if (result (ref $box_bool)) (local.get $v)
    (then (global.get $mochi_true))
    (else (global.get $mochi_false))))

(func $mochi_unbox_i64 (param $a anyref) (result i64)
  (if (ref.test (ref i31) (local.get $a))
    (then (return (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $a)))))))
  (if (ref.test (ref $box_i64) (local.get $a))
    (then (return (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $a))))))
  (call $value.bad_cast_int (local.get $a))
  (unreachable))

(func $mochi_unbox_f64 (param $a anyref) (result f64)
  (if (ref.test (ref $box_f64) (local.get $a))
    (then (return (struct.get $box_f64 $v (ref.cast (ref $box_f64) (local.get $a))))))
  (if (call $value.is_int (local.get $a))
    (then (return (f64.convert_i64_s (call $value.int_of (local.get $a))))))
  (call $value.bad_cast_float (local.get $a))
  (unreachable))

(func $mochi_unbox_bool (param $a anyref) (result i32)
  (if (ref.test (ref $box_bool) (local.get $a))
    (then (return (struct.get $box_bool $v (ref.cast (ref $box_bool) (local.get $a))))))
  (call $value.bad_cast_bool (local.get $a))
  (unreachable))

(func $mochi_unbox_i64_or0 (param $a anyref) (result i64)
  (if (ref.is_null (local.get $a)) (then (return (i64.const 0))))
  (call $mochi_unbox_i64 (local.get $a)))

(func $mochi_unbox_f64_or0 (param $a anyref) (result f64)
  (if (ref.is_null (local.get $a)) (then (return (f64.const 0))))
  (call $mochi_unbox_f64 (local.get $a)))

(func $mochi_unbox_bool_or0 (param $a anyref) (result i32)
  (if (ref.is_null (local.get $a)) (then (return (i32.const 0))))
  (call $mochi_unbox_bool (local.get $a)))

;; mochi_emitc_unbox_ref check 1: a string (nil passes).
(func $mochi_unbox_str (param $a anyref) (result (ref null $str))
  (if (ref.is_null (local.get $a)) (then (return (ref.null $str))))
  (if (ref.test (ref $str) (local.get $a)) (then (return (ref.cast (ref $str) (local.get $a)))))
  (call $mochi_bad_cast (local.get $a) (call $value.ascii (array.new_data $bytes $value.d.string (i32.const 0) (i32.const 6))))
  (unreachable))

;; Check 2: a list (nil passes); a list of another bank is converted element by
;; element (C's mochi_list_to_any / mochi_list_from_any).
(func $value.unbox_list (param $a anyref) (param $bank i32) (result (ref null $list))
  (local $l (ref $list))
  (if (ref.is_null (local.get $a)) (then (return (ref.null $list))))
  (if (i32.eqz (ref.test (ref $list) (local.get $a)))
    (then
      (call $mochi_bad_cast (local.get $a) (call $value.ascii (array.new_data $bytes $value.d.list (i32.const 0) (i32.const 4))))
      (unreachable)))
  (local.set $l (ref.cast (ref $list) (local.get $a)))
  (if (i32.eq (call $list.bank (local.get $l)) (local.get $bank)) (then (return (local.get $l))))
  (call $list.convert (local.get $l) (local.get $bank)))

(func $mochi_unbox_list_i64 (param $a anyref) (result (ref null $list_i64))
  (ref.cast (ref null $list_i64) (call $value.unbox_list (local.get $a) (i32.const 0))))
(func $mochi_unbox_list_f64 (param $a anyref) (result (ref null $list_f64))
  (ref.cast (ref null $list_f64) (call $value.unbox_list (local.get $a) (i32.const 1))))
(func $mochi_unbox_list_bool (param $a anyref) (result (ref null $list_bool))
  (ref.cast (ref null $list_bool) (call $value.unbox_list (local.get $a) (i32.const 2))))
(func $mochi_unbox_list_ref (param $a anyref) (result (ref null $list_ref))
  (ref.cast (ref null $list_ref) (call $value.unbox_list (local.get $a) (i32.const 3))))

;; Check 3: a map (nil passes). Maps hold anys, so any map is every map type here.
(func $mochi_unbox_map (param $a anyref) (result (ref null $map))
  (if (ref.is_null (local.get $a)) (then (return (ref.null $map))))
  (if (ref.test (ref $map) (local.get $a)) (then (return (ref.cast (ref $map) (local.get $a)))))
  (call $mochi_bad_cast (local.get $a) (call $value.ascii (array.new_data $bytes $value.d.map (i32.const 0) (i32.const 3))))
  (unreachable))

;; Check 3 with the map type's key and value banks (0 int, 1 float, 2 bool, 3 any), as
;; C converts `{...} as map<K, V>`: every key and value is checked (C's bad cast:
;; `invalid cast: string to int`), ints become floats for a float bank, and when
;; anything changed the result is a new map (C copies when the kinds differ); otherwise
;; the map itself.
(func $mochi_unbox_map_kv (param $a anyref) (param $kb i32) (param $vb i32) (result (ref null $map))
  (local $m (ref $map))
  (local $kv (ref $arr_ref))
  (local $ord (ref $arr_i32))
  (local $out (ref $map))
  (local $n i32)
  (local $i i32)
  (local $e i32)
  (local $same i32)
  (if (ref.is_null (local.get $a)) (then (return (ref.null $map))))
  (local.set $m (ref.as_non_null (call $mochi_unbox_map (local.get $a))))
  (if (i32.and (i32.eq (local.get $kb) (i32.const 3)) (i32.eq (local.get $vb) (i32.const 3))) (then (return (local.get $m))))
  (local.set $n (struct.get $map $len (local.get $m)))
  (call $map.boxed (ref.as_non_null (local.get $m)))
  (local.set $kv (struct.get $map $kv (local.get $m)))
  ;; C converts in sorted-key order: the first bad key or value it meets is the one reported
  (local.set $ord (call $map.order (local.get $m)))
  (local.set $same (i32.const 1))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $e (i32.shl (array.get $arr_i32 (local.get $ord) (local.get $i)) (i32.const 1)))
    (local.set $same (i32.and (local.get $same)
      (call $value.same (array.get $arr_ref (local.get $kv) (local.get $e))
                        (call $value.coerce (array.get $arr_ref (local.get $kv) (local.get $e)) (local.get $kb)))))
    (local.set $same (i32.and (local.get $same)
      (call $value.same (array.get $arr_ref (local.get $kv) (i32.add (local.get $e) (i32.const 1)))
                        (call $value.coerce (array.get $arr_ref (local.get $kv) (i32.add (local.get $e) (i32.const 1))) (local.get $vb)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (if (local.get $same) (then (return (local.get $m))))
  (local.set $out (call $mochi_map_new (local.get $n)))
  (local.set $i (i32.const 0))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $e (i32.shl (array.get $arr_i32 (local.get $ord) (local.get $i)) (i32.const 1)))
    (call $mochi_map_set (local.get $out)
      (call $value.coerce (array.get $arr_ref (local.get $kv) (local.get $e)) (local.get $kb))
      (call $value.coerce (array.get $arr_ref (local.get $kv) (i32.add (local.get $e) (i32.const 1))) (local.get $vb)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $out))

;; An any as the scalar bank b's any form: the value C's mochi_unbox(x, b) then
;; mochi_box(b, ...) gives (ints become floats for bank 1; bank 3 passes anything).
(func $value.coerce (param $a anyref) (param $bank i32) (result anyref)
  (block $b3 (block $b2 (block $b1 (block $b0
    (br_table $b0 $b1 $b2 $b3 (local.get $bank)))
    (drop (call $mochi_unbox_i64 (local.get $a)))
    (return (local.get $a)))
    (if (ref.test (ref $box_f64) (local.get $a)) (then (return (local.get $a))))
    (return (struct.new $box_f64 (call $mochi_unbox_f64 (local.get $a)))))
    (drop (call $mochi_unbox_bool (local.get $a)))
    (return (local.get $a)))
  (local.get $a))

;; ---- truthiness ----

(func $mochi_any_truthy (param $a anyref) (result i32)
  (if (ref.is_null (local.get $a)) (then (return (i32.const 0))))
  (if (ref.test (ref $box_bool) (local.get $a)) (then (return (call $value.bool_of (local.get $a)))))
  (if (call $value.is_int (local.get $a))
    (then (return (i64.ne (call $value.int_of (local.get $a)) (i64.const 0)))))
  (if (ref.test (ref $box_f64) (local.get $a))
    (then (return (f64.ne (call $value.num_of (local.get $a)) (f64.const 0)))))
  ;; BEGIN exact
  (if (ref.test (ref $bigint) (local.get $a))
    (then (return (i32.ne (call $mochi_bigint_sign (ref.cast (ref $bigint) (local.get $a))) (i32.const 0)))))
  (if (ref.test (ref $bigrat) (local.get $a))
    (then (return (i32.ne (call $mochi_bigrat_sign (ref.cast (ref $bigrat) (local.get $a))) (i32.const 0)))))
  ;; END exact
  (i32.const 1))

;; ---- equality ----

(func $mochi_any_eq (param $a anyref) (param $b anyref) (result i32)
  (local $ka i32)
  (local $kb i32)
  (if (call $value.same (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  ;; BEGIN exact
  (if (i32.or (call $value.is_big (local.get $a)) (call $value.is_big (local.get $b)))
    (then (return (call $mochi_num_any_eq (local.get $a) (local.get $b)))))
  ;; END exact
  (local.set $ka (call $value.kind (local.get $a)))
  (local.set $kb (call $value.kind (local.get $b)))
  (if (i32.and (i32.or (i32.eq (local.get $ka) (i32.const 1)) (i32.eq (local.get $ka) (i32.const 2)))
               (i32.or (i32.eq (local.get $kb) (i32.const 1)) (i32.eq (local.get $kb) (i32.const 2))))
    (then
      (if (i32.and (i32.eq (local.get $ka) (i32.const 1)) (i32.eq (local.get $kb) (i32.const 1)))
        (then (return (i64.eq (call $value.int_of (local.get $a)) (call $value.int_of (local.get $b))))))
      (return (f64.eq (call $value.num_of (local.get $a)) (call $value.num_of (local.get $b))))))
  (if (i32.ne (local.get $ka) (local.get $kb)) (then (return (i32.const 0))))
  (block $other
    (block $struct (block $map (block $list (block $str (block $bool
      (br_table $other $other $other $bool $str $list $map $struct $other (local.get $ka)))
      (return (i32.eq (call $value.bool_of (local.get $a)) (call $value.bool_of (local.get $b)))))
      (return (call $value.str_eq (ref.cast (ref $str) (local.get $a)) (ref.cast (ref $str) (local.get $b)))))
      (return (call $mochi_list_eq (ref.cast (ref $list) (local.get $a)) (ref.cast (ref $list) (local.get $b)))))
      (return (call $mochi_map_eq (ref.cast (ref $map) (local.get $a)) (ref.cast (ref $map) (local.get $b)))))
    (return (call $mochi_struct_eq (ref.cast (ref $struct) (local.get $a)) (ref.cast (ref $struct) (local.get $b)))))
  (i32.const 0))

;; Byte equality of two strings (mochi_str_eq).
(func $value.str_eq (param $x (ref $str)) (param $y (ref $str)) (result i32)
  (local $a (ref $bytes))
  (local $b (ref $bytes))
  (local $n i32)
  (local $i i32)
  (if (ref.eq (local.get $x) (local.get $y)) (then (return (i32.const 1))))
  (local.set $a (struct.get $str $b (local.get $x)))
  (local.set $b (struct.get $str $b (local.get $y)))
  (local.set $n (array.len (local.get $a)))
  (if (i32.ne (local.get $n) (array.len (local.get $b))) (then (return (i32.const 0))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.ne (array.get_u $bytes (local.get $a) (local.get $i)) (array.get_u $bytes (local.get $b) (local.get $i)))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; Bytewise order of two byte arrays: -1, 0, 1 (memcmp, then the shorter first).
(func $value.bytes_cmp (param $a (ref $bytes)) (param $b (ref $bytes)) (result i32)
  (local $na i32)
  (local $nb i32)
  (local $m i32)
  (local $i i32)
  (local $x i32)
  (local $y i32)
  (local.set $na (array.len (local.get $a)))
  (local.set $nb (array.len (local.get $b)))
  (local.set $m (select (local.get $na) (local.get $nb) (i32.lt_u (local.get $na) (local.get $nb))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $x (array.get_u $bytes (local.get $a) (local.get $i)))
      (local.set $y (array.get_u $bytes (local.get $b) (local.get $i)))
      (if (i32.ne (local.get $x) (local.get $y))
        (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $x) (local.get $y))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (if (i32.lt_u (local.get $na) (local.get $nb)) (then (return (i32.const -1))))
  (i32.gt_u (local.get $na) (local.get $nb)))

;; Two descriptors describe the same type (C's same_desc; the field kinds C also
;; compares are implied by the names within one module; a struct and its anonymous
;; twin are one type).
(func $value.same_desc (param $a (ref $desc)) (param $b (ref $desc)) (result i32)
  (local $fa (ref $arr_str))
  (local $fb (ref $arr_str))
  (local $i i32)
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (local.set $fa (struct.get $desc $fields (local.get $a)))
  (local.set $fb (struct.get $desc $fields (local.get $b)))
  (if (i32.ne (array.len (local.get $fa)) (array.len (local.get $fb))) (then (return (i32.const 0))))
  ;; tag -2 is a plain struct's anonymous twin (record.new): the same type as tag -1
  (if (i32.ne (call $value.type_tag (local.get $a)) (call $value.type_tag (local.get $b))) (then (return (i32.const 0))))
  (if (i32.eqz (call $value.str_eq (struct.get $desc $name (local.get $a)) (struct.get $desc $name (local.get $b))))
    (then (return (i32.const 0))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $fa))))
      (if (i32.eqz (call $value.str_eq (array.get $arr_str (local.get $fa) (local.get $i)) (array.get $arr_str (local.get $fb) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; A descriptor's tag with an anonymous twin's -2 read as the plain struct's -1.
(func $value.type_tag (param $d (ref $desc)) (result i32)
  (local $t i32)
  (local.set $t (struct.get $desc $tag (local.get $d)))
  (select (i32.const -1) (local.get $t) (i32.eq (local.get $t) (i32.const -2))))

;; Field i of a struct, boxed (through its descriptor's getter).
(func $value.field (param $s (ref $struct)) (param $i i32) (result anyref)
  (call_ref $getter (local.get $s) (local.get $i)
    (struct.get $desc $get (struct.get $struct $desc (local.get $s)))))

(func $mochi_struct_eq (param $a (ref null $struct)) (param $b (ref null $struct)) (result i32)
  (local $x (ref $struct))
  (local $y (ref $struct))
  (local $d (ref $desc))
  (local $n i32)
  (local $i i32)
  (if (ref.eq (local.get $a) (local.get $b)) (then (return (i32.const 1))))
  (if (i32.or (ref.is_null (local.get $a)) (ref.is_null (local.get $b))) (then (return (i32.const 0))))
  (local.set $x (ref.as_non_null (local.get $a)))
  (local.set $y (ref.as_non_null (local.get $b)))
  (local.set $d (struct.get $struct $desc (local.get $x)))
  (if (i32.eqz (call $value.same_desc (local.get $d) (struct.get $struct $desc (local.get $y))))
    (then (return (i32.const 0))))
  (local.set $n (array.len (struct.get $desc $fields (local.get $d))))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.eqz (call $mochi_any_eq (call $value.field (local.get $x) (local.get $i))
                                       (call $value.field (local.get $y) (local.get $i))))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const 1))

;; ---- hashing (agrees with $mochi_any_eq: equal values hash alike) ----

(func $value.mix32 (param $h i32) (result i32)
  (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
  (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
  (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
  (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
  (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

;; An int that fits 32 bits: $value.mix32 of its 32 bits, a bijection, so two such
;; ints with one hash are one int (map.wat tells an i31 key's slot by its hash alone).
;; Others: one 64-bit multiply, the high half folded into the low bits that index tables.
(func $value.hash_i64 (param $x i64) (result i32)
  (local $h i64)
  (if (i64.eq (i64.extend_i32_s (i32.wrap_i64 (local.get $x))) (local.get $x))
    (then (return (call $value.mix32 (i32.wrap_i64 (local.get $x))))))
  (local.set $h (i64.mul (local.get $x) (i64.const 0x9E3779B97F4A7C15)))
  (i32.wrap_i64 (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32)))))

;; Integral floats hash as the int they equal (1.0 == 1).
(func $value.hash_f64 (param $d f64) (result i32)
  (if (i32.and (f64.ge (local.get $d) (f64.const -9.2e18)) (f64.le (local.get $d) (f64.const 9.2e18)))
    (then
      (if (f64.eq (f64.trunc (local.get $d)) (local.get $d))
        (then (return (call $value.hash_i64 (i64.trunc_f64_s (local.get $d))))))))
  (call $value.mix32 (call $value.hash_i64 (i64.xor (i64.reinterpret_f64 (local.get $d)) (i64.const 0x5851F42D4C957F2D)))))

(func $value.hash_bool (param $v i32) (result i32)
  (call $value.mix32 (i32.xor (local.get $v) (i32.const 0xB001))))

;; FNV-1a over the bytes, then a final mix.
(func $value.hash_bytes (param $b (ref $bytes)) (result i32)
  (local $h i32)
  (local $i i32)
  (local $n i32)
  (local.set $n (array.len (local.get $b)))
  (local.set $h (i32.xor (i32.const 0x811C9DC5) (local.get $n)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $h (i32.mul (i32.xor (local.get $h) (array.get_u $bytes (local.get $b) (local.get $i))) (i32.const 0x01000193)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (call $value.mix32 (local.get $h)))

(func $value.hash_str (param $s (ref $str)) (result i32)
  (call $value.hash_bytes (struct.get $str $b (local.get $s))))

(func $mochi_hash_any (param $a anyref) (result i32)
  (local $h i32)
  (local $i i32)
  (local $n i32)
  (local $s (ref $struct))
  (local $m (ref $map))
  (local $kv (ref $arr_ref))
  (if (ref.is_null (local.get $a)) (then (return (i32.const 0x5EED))))
  ;; BEGIN exact
  (if (ref.test (ref $bigint) (local.get $a))
    (then (return (call $mochi_bigint_hash (ref.cast (ref $bigint) (local.get $a))))))
  (if (ref.test (ref $bigrat) (local.get $a))
    (then (return (call $mochi_bigrat_hash (ref.cast (ref $bigrat) (local.get $a))))))
  ;; END exact
  (if (ref.test (ref i31) (local.get $a))
    (then (return (call $value.hash_i64 (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $a))))))))
  (if (ref.test (ref $str) (local.get $a))
    (then (return (call $value.hash_str (ref.cast (ref $str) (local.get $a))))))
  (if (ref.test (ref $box_i64) (local.get $a))
    (then (return (call $value.hash_i64 (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $a)))))))
  (if (ref.test (ref $box_f64) (local.get $a))
    (then (return (call $value.hash_f64 (struct.get $box_f64 $v (ref.cast (ref $box_f64) (local.get $a)))))))
  (if (ref.test (ref $box_bool) (local.get $a))
    (then (return (call $value.hash_bool (call $value.bool_of (local.get $a))))))
  (if (ref.test (ref $list) (local.get $a))
    (then (return (call $list.hash (ref.cast (ref $list) (local.get $a))))))
  (if (ref.test (ref $map) (local.get $a))
    (then
      ;; order-free: a sum over the entries
      (local.set $m (ref.cast (ref $map) (local.get $a)))
      (call $map.boxed (ref.as_non_null (local.get $m)))
      (local.set $kv (struct.get $map $kv (local.get $m)))
      (local.set $n (struct.get $map $len (local.get $m)))
      (local.set $h (i32.const 0x3A9))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $h (i32.add (local.get $h)
            (call $value.mix32 (i32.add
              (i32.mul (call $mochi_hash_any (array.get $arr_ref (local.get $kv) (i32.shl (local.get $i) (i32.const 1)))) (i32.const 31))
              (call $mochi_hash_any (array.get $arr_ref (local.get $kv) (i32.add (i32.shl (local.get $i) (i32.const 1)) (i32.const 1))))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (local.get $h))))
  (if (ref.test (ref $struct) (local.get $a))
    (then
      (local.set $s (ref.cast (ref $struct) (local.get $a)))
      (local.set $h (call $value.hash_str (struct.get $desc $name (struct.get $struct $desc (local.get $s)))))
      (local.set $n (array.len (struct.get $desc $fields (struct.get $struct $desc (local.get $s)))))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $h (call $value.mix32 (i32.add (i32.mul (local.get $h) (i32.const 31))
            (call $mochi_hash_any (call $value.field (local.get $s) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (return (local.get $h))))
  ;; a closure equals only itself: one hash for all is consistent
  (i32.const 0xC105))

;; ---- ordering (mochi_any_cmp) ----

(func $mochi_any_cmp (param $a anyref) (param $b anyref) (result i32)
  (local $ka i32)
  (local $kb i32)
  (local $x i64)
  (local $y i64)
  (local $fx f64)
  (local $fy f64)
  (local $mark i32)
  (local $sa (ref $str))
  (local $sb (ref $str))
  (if (call $value.same (local.get $a) (local.get $b)) (then (return (i32.const 0))))
  (local.set $ka (call $value.kind (local.get $a)))
  (local.set $kb (call $value.kind (local.get $b)))
  (if (i32.eqz (local.get $ka)) (then (return (i32.const -1))))
  (if (i32.eqz (local.get $kb)) (then (return (i32.const 1))))
  ;; BEGIN exact
  ;; two numbers after promotion; 2 when one is not a number (then as below)
  (if (i32.or (call $value.is_big (local.get $a)) (call $value.is_big (local.get $b)))
    (then
      (local.set $mark (call $mochi_num_any_cmp (local.get $a) (local.get $b)))
      (if (i32.ne (local.get $mark) (i32.const 2)) (then (return (local.get $mark))))))
  ;; END exact
  (if (i32.and (i32.le_u (local.get $ka) (i32.const 2)) (i32.le_u (local.get $kb) (i32.const 2)))
    (then
      (if (i32.and (i32.eq (local.get $ka) (i32.const 1)) (i32.eq (local.get $kb) (i32.const 1)))
        (then
          (local.set $x (call $value.int_of (local.get $a)))
          (local.set $y (call $value.int_of (local.get $b)))
          (return (select (i32.const -1) (i64.gt_s (local.get $x) (local.get $y)) (i64.lt_s (local.get $x) (local.get $y))))))
      (local.set $fx (call $value.num_of (local.get $a)))
      (local.set $fy (call $value.num_of (local.get $b)))
      (return (select (i32.const -1) (f64.gt (local.get $fx) (local.get $fy)) (f64.lt (local.get $fx) (local.get $fy))))))
  (if (i32.and (i32.eq (local.get $ka) (i32.const 4)) (i32.eq (local.get $kb) (i32.const 4)))
    (then (return (call $value.bytes_cmp (struct.get $str $b (ref.cast (ref $str) (local.get $a)))
                                         (struct.get $str $b (ref.cast (ref $str) (local.get $b)))))))
  (if (i32.and (i32.eq (local.get $ka) (i32.const 3)) (i32.eq (local.get $kb) (i32.const 3)))
    (then (return (i32.sub (call $value.bool_of (local.get $a)) (call $value.bool_of (local.get $b))))))
  ;; anything else: by str() forms
  (local.set $mark (global.get $value.blen))
  (call $value.fmt (local.get $a) (i32.const 2) (i32.const 0))
  (local.set $sa (call $value.take (local.get $mark)))
  (call $value.fmt (local.get $b) (i32.const 2) (i32.const 0))
  (local.set $sb (call $value.take (local.get $mark)))
  (call $value.bytes_cmp (struct.get $str $b (local.get $sa)) (struct.get $str $b (local.get $sb))))

;; ---- dynamic arithmetic ----

(func $value.add_i64 (param $x i64) (param $y i64) (result i64)
  (local $r i64)
  (local.set $r (i64.add (local.get $x) (local.get $y)))
  ;; overflow: the operands agree in sign and the result does not
  (if (i64.lt_s (i64.and (i64.xor (local.get $r) (local.get $x)) (i64.xor (local.get $r) (local.get $y))) (i64.const 0))
    (then (call $mochi_err_overflow_at (global.get $mochi_loc_line))))
  (local.get $r))

(func $value.sub_i64 (param $x i64) (param $y i64) (result i64)
  (local $r i64)
  (local.set $r (i64.sub (local.get $x) (local.get $y)))
  (if (i64.lt_s (i64.and (i64.xor (local.get $x) (local.get $y)) (i64.xor (local.get $r) (local.get $x))) (i64.const 0))
    (then (call $mochi_err_overflow_at (global.get $mochi_loc_line))))
  (local.get $r))

(func $value.mul_i64 (param $x i64) (param $y i64) (result i64)
  (local $r i64)
  (local.set $r (i64.mul (local.get $x) (local.get $y)))
  (if (i64.ne (local.get $x) (i64.const 0))
    (then
      (if (i32.or
            (i32.and (i64.eq (local.get $x) (i64.const -1)) (i64.eq (local.get $y) (i64.const 0x8000000000000000)))
            (i32.and (i64.ne (local.get $x) (i64.const -1))
                     (i64.ne (i64.div_s (local.get $r) (local.get $x)) (local.get $y))))
        (then (call $mochi_err_overflow_at (global.get $mochi_loc_line))))))
  (local.get $r))

(func $value.div_i64 (param $x i64) (param $y i64) (result i64)
  (if (i64.eqz (local.get $y)) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
  (if (i32.and (i64.eq (local.get $y) (i64.const -1)) (i64.eq (local.get $x) (i64.const 0x8000000000000000)))
    (then (call $mochi_err_overflow_at (global.get $mochi_loc_line))))
  (i64.div_s (local.get $x) (local.get $y)))

(func $value.rem_i64 (param $x i64) (param $y i64) (result i64)
  (if (i64.eqz (local.get $y)) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
  (if (i64.eq (local.get $y) (i64.const -1)) (then (return (i64.const 0))))
  (i64.rem_s (local.get $x) (local.get $y)))

;; op: 0 + 1 - 2 * 3 / 4 % (C's arith)
(func $value.arith (param $op i32) (param $a anyref) (param $b anyref) (result anyref)
  (local $ka i32)
  (local $kb i32)
  (local $x i64)
  (local $y i64)
  (local $fx f64)
  (local $fy f64)
  (local $r anyref)
  (local.set $ka (call $value.kind (local.get $a)))
  (local.set $kb (call $value.kind (local.get $b)))
  (if (i32.or (i32.eqz (local.get $ka)) (i32.eqz (local.get $kb))) (then (return (ref.null none))))
  ;; BEGIN exact
  ;; null from bigint.wat: not two numbers, or % on rationals; the kind of a bigint or
  ;; bigrat (8) matches no case below, so that ends in `invalid operands`
  (if (i32.or (call $value.is_big (local.get $a)) (call $value.is_big (local.get $b)))
    (then
      (local.set $r (call $mochi_num_any_arith (local.get $op) (local.get $a) (local.get $b)))
      (if (i32.eqz (ref.is_null (local.get $r))) (then (return (local.get $r))))))
  ;; END exact
  (if (i32.and (i32.eq (local.get $ka) (i32.const 1)) (i32.eq (local.get $kb) (i32.const 1)))
    (then
      (local.set $x (call $value.int_of (local.get $a)))
      (local.set $y (call $value.int_of (local.get $b)))
      (block $rem (block $div (block $mul (block $sub (block $add
        (br_table $add $sub $mul $div $rem (local.get $op)))
        (return (call $mochi_box_i64 (call $value.add_i64 (local.get $x) (local.get $y)))))
        (return (call $mochi_box_i64 (call $value.sub_i64 (local.get $x) (local.get $y)))))
        (return (call $mochi_box_i64 (call $value.mul_i64 (local.get $x) (local.get $y)))))
        (return (call $mochi_box_i64 (call $value.div_i64 (local.get $x) (local.get $y)))))
      (return (call $mochi_box_i64 (call $value.rem_i64 (local.get $x) (local.get $y))))))
  (if (i32.and (i32.le_u (local.get $ka) (i32.const 2)) (i32.le_u (local.get $kb) (i32.const 2)))
    (then
      (local.set $fx (call $value.num_of (local.get $a)))
      (local.set $fy (call $value.num_of (local.get $b)))
      (block $rem (block $div (block $mul (block $sub (block $add
        (br_table $add $sub $mul $div $rem (local.get $op)))
        (return (struct.new $box_f64 (f64.add (local.get $fx) (local.get $fy)))))
        (return (struct.new $box_f64 (f64.sub (local.get $fx) (local.get $fy)))))
        (return (struct.new $box_f64 (f64.mul (local.get $fx) (local.get $fy)))))
        (if (f64.eq (local.get $fy) (f64.const 0)) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
        (return (struct.new $box_f64 (f64.div (local.get $fx) (local.get $fy)))))
      (if (f64.eq (local.get $fy) (f64.const 0)) (then (call $mochi_err_div_zero_at (global.get $mochi_loc_line))))
      (return (struct.new $box_f64 (call $mochi_f64_mod (local.get $fx) (local.get $fy))))))
  (if (i32.eqz (local.get $op))
    (then
      (if (i32.and (i32.eq (local.get $ka) (i32.const 4)) (i32.eq (local.get $kb) (i32.const 4)))
        (then (return (call $mochi_str_concat (ref.cast (ref $str) (local.get $a)) (ref.cast (ref $str) (local.get $b))))))
      (if (i32.and (i32.eq (local.get $ka) (i32.const 5)) (i32.eq (local.get $kb) (i32.const 5)))
        (then (return (call $mochi_list_concat (ref.cast (ref $list) (local.get $a)) (ref.cast (ref $list) (local.get $b))))))))
  (block $rem (block $div (block $mul (block $sub (block $add
    (br_table $add $sub $mul $div $rem (local.get $op)))
    (call $value.bad_operands (i32.const 43) (i32.const 0) (local.get $a) (local.get $b)))
    (call $value.bad_operands (i32.const 45) (i32.const 0) (local.get $a) (local.get $b)))
    (call $value.bad_operands (i32.const 42) (i32.const 0) (local.get $a) (local.get $b)))
    (call $value.bad_operands (i32.const 47) (i32.const 0) (local.get $a) (local.get $b)))
  (call $value.bad_operands (i32.const 37) (i32.const 0) (local.get $a) (local.get $b))
  (unreachable))

(func $mochi_any_add (param $a anyref) (param $b anyref) (result anyref)
  (call $value.arith (i32.const 0) (local.get $a) (local.get $b)))
(func $mochi_any_sub (param $a anyref) (param $b anyref) (result anyref)
  (call $value.arith (i32.const 1) (local.get $a) (local.get $b)))
(func $mochi_any_mul (param $a anyref) (param $b anyref) (result anyref)
  (call $value.arith (i32.const 2) (local.get $a) (local.get $b)))
(func $mochi_any_div (param $a anyref) (param $b anyref) (result anyref)
  (call $value.arith (i32.const 3) (local.get $a) (local.get $b)))
(func $mochi_any_mod (param $a anyref) (param $b anyref) (result anyref)
  (call $value.arith (i32.const 4) (local.get $a) (local.get $b)))

(func $mochi_any_neg (param $a anyref) (result anyref)
  (local $x i64)
  (if (ref.is_null (local.get $a)) (then (return (ref.null none))))
  (if (call $value.is_int (local.get $a))
    (then
      (local.set $x (call $value.int_of (local.get $a)))
      (if (i64.eq (local.get $x) (i64.const 0x8000000000000000))
        (then (call $mochi_err_overflow_at (global.get $mochi_loc_line))))
      (return (call $mochi_box_i64 (i64.sub (i64.const 0) (local.get $x))))))
  (if (ref.test (ref $box_f64) (local.get $a))
    (then (return (struct.new $box_f64 (f64.neg (call $value.num_of (local.get $a)))))))
  ;; BEGIN exact
  (if (ref.test (ref $bigint) (local.get $a))
    (then (return (call $mochi_bigint_neg (ref.cast (ref $bigint) (local.get $a))))))
  (if (ref.test (ref $bigrat) (local.get $a))
    (then (return (call $mochi_bigrat_neg (ref.cast (ref $bigrat) (local.get $a))))))
  ;; END exact
  (call $value.bad_operands (i32.const 45) (i32.const 0) (local.get $a) (local.get $a))
  (unreachable))

;; C's mochi_any_to_float (list sums and averages over anys).
(func $value.to_float (param $a anyref) (result f64)
  (if (call $value.is_num (local.get $a)) (then (return (call $value.num_of (local.get $a)))))
  (if (ref.test (ref $box_bool) (local.get $a))
    (then (return (f64.convert_i32_u (call $value.bool_of (local.get $a))))))
  (if (ref.test (ref $str) (local.get $a))
    (then (return (call $mochi_str_to_float (ref.cast (ref $str) (local.get $a))))))
  ;; BEGIN exact
  (if (ref.test (ref $bigint) (local.get $a))
    (then (return (call $mochi_bigint_to_f64 (ref.cast (ref $bigint) (local.get $a))))))
  (if (ref.test (ref $bigrat) (local.get $a))
    (then (return (call $mochi_bigrat_to_f64 (ref.cast (ref $bigrat) (local.get $a))))))
  ;; END exact
  (call $value.bad_cast_float (local.get $a))
  (unreachable))

;; ---- dynamic access ----

(func $mochi_any_index (param $x anyref) (param $i anyref) (result anyref)
  (local $k i32)
  (local $l (ref $list))
  (local $j i32)
  (local.set $k (call $value.kind (local.get $x)))
  (if (i32.eqz (local.get $k)) (then (return (ref.null none))))
  (if (i32.eq (local.get $k) (i32.const 5))
    (then
      (if (i32.eqz (call $value.is_int (local.get $i))) (then (call $value.bad_cast_int (local.get $i))))
      (local.set $l (ref.cast (ref $list) (local.get $x)))
      (local.set $j (call $mochi_list_index (call $value.int_of (local.get $i))
                      (struct.get $list $len (local.get $l)) (global.get $mochi_loc_line)))
      (return (call $list.get_any (local.get $l) (local.get $j)))))
  (if (i32.eq (local.get $k) (i32.const 4))
    (then
      (if (i32.eqz (call $value.is_int (local.get $i))) (then (call $value.bad_cast_int (local.get $i))))
      (return (call $mochi_str_index (ref.cast (ref $str) (local.get $x)) (call $value.int_of (local.get $i))))))
  (if (i32.eq (local.get $k) (i32.const 6))
    (then (return (call $mochi_map_get (ref.cast (ref $map) (local.get $x)) (local.get $i)))))
  (if (i32.and (i32.eq (local.get $k) (i32.const 7)) (ref.test (ref $str) (local.get $i)))
    (then (return (call $mochi_any_field (local.get $x) (ref.cast (ref $str) (local.get $i))))))
  (call $value.bad_operands (i32.const 91) (i32.const 93) (local.get $x) (local.get $i))
  (unreachable))

;; Index of the field named `name` in d, or -1.
(func $value.field_index (param $d (ref $desc)) (param $name (ref $str)) (result i32)
  (local $f (ref $arr_str))
  (local $i i32)
  (local.set $f (struct.get $desc $fields (local.get $d)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $f))))
      (if (call $value.str_eq (array.get $arr_str (local.get $f) (local.get $i)) (local.get $name))
        (then (return (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (i32.const -1))

(func $mochi_any_field (param $x anyref) (param $name (ref $str)) (result anyref)
  (local $s (ref $struct))
  (local $i i32)
  (if (ref.test (ref $struct) (local.get $x))
    (then
      (local.set $s (ref.cast (ref $struct) (local.get $x)))
      (local.set $i (call $value.field_index (struct.get $struct $desc (local.get $s)) (local.get $name)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (ref.null none))))
      (return (call $value.field (local.get $s) (local.get $i)))))
  (if (ref.test (ref $map) (local.get $x))
    (then (return (call $mochi_map_get (ref.cast (ref $map) (local.get $x)) (local.get $name)))))
  (ref.null none))

(func $mochi_any_len (param $x anyref) (result i64)
  (local $items anyref)
  (if (ref.test (ref $list) (local.get $x))
    (then (return (i64.extend_i32_u (struct.get $list $len (ref.cast (ref $list) (local.get $x)))))))
  (if (ref.test (ref $map) (local.get $x))
    (then (return (i64.extend_i32_u (struct.get $map $len (ref.cast (ref $map) (local.get $x)))))))
  (if (ref.test (ref $str) (local.get $x))
    (then (return (call $mochi_str_len (ref.cast (ref $str) (local.get $x))))))
  (if (ref.test (ref $struct) (local.get $x))
    (then
      ;; a group: its items
      (local.set $items (call $mochi_any_field (local.get $x) (global.get $value.s.items)))
      (if (ref.test (ref $list) (local.get $items))
        (then (return (i64.extend_i32_u (struct.get $list $len (ref.cast (ref $list) (local.get $items)))))))))
  (i64.const 0))

;; ---- structs from maps ----

;; `m as S`: each field read from the map by name and stored through the setter, which
;; unboxes to the field's type (a missing scalar field is C's `invalid cast: nil to int`).
(func $mochi_struct_from_map (param $d (ref $desc)) (param $m (ref null $map)) (param $proto (ref $struct)) (result (ref $struct))
  (local $f (ref $arr_str))
  (local $i i32)
  (if (ref.is_null (local.get $m)) (then (return (local.get $proto))))
  (local.set $f (struct.get $desc $fields (local.get $d)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $f))))
      (call_ref $setter (local.get $proto) (local.get $i)
        (call $mochi_map_get (local.get $m) (array.get $arr_str (local.get $f) (local.get $i)))
        (struct.get $desc $set (local.get $d)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $proto))

;; `x as S` for an x of any kind (main's mochi_struct_from_map): a struct of S's type
;; is itself (structs are shared); another struct or a map gives its fields by name
;; through $desc.$set (C's any_field: a missing one is nil, unboxed with C's error);
;; nil gives proto as it is; anything else is C's `invalid cast: value is not a map`.
(data $value.d.not_map "invalid cast: value is not a map")
(func $mochi_struct_from_any (param $d (ref $desc)) (param $x anyref) (param $proto (ref $struct)) (result (ref $struct))
  (local $f (ref $arr_str))
  (local $i i32)
  (if (ref.is_null (local.get $x)) (then (return (local.get $proto))))
  (if (ref.test (ref $struct) (local.get $x))
    (then
      (if (call $value.same_desc (struct.get $struct $desc (ref.cast (ref $struct) (local.get $x))) (local.get $d))
        (then (return (ref.cast (ref $struct) (local.get $x)))))))
  (if (i32.eqz (i32.or (ref.test (ref $struct) (local.get $x)) (ref.test (ref $map) (local.get $x))))
    (then
      (call $mochi_rt_error (call $value.ascii (array.new_data $bytes $value.d.not_map (i32.const 0) (i32.const 32))))
      (unreachable)))
  (local.set $f (struct.get $desc $fields (local.get $d)))
  (block $done
    (loop $next
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $f))))
      (call_ref $setter (local.get $proto) (local.get $i)
        (call $mochi_any_field (local.get $x) (array.get $arr_str (local.get $f) (local.get $i)))
        (struct.get $desc $set (local.get $d)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  (local.get $proto))

;; ---- group by ----

(func $value.group_get (type $getter) (param $s (ref $struct)) (param $i i32) (result anyref)
  (if (result anyref) (i32.eqz (local.get $i))
    (then (struct.get $group $key (ref.cast (ref $group) (local.get $s))))
    (else (struct.get $group $items (ref.cast (ref $group) (local.get $s))))))

;; A group's fields are immutable ($group in types.wat): nothing stores into a group
;; (the emitter writes only fields of its own struct types, and $mochi_struct_from_map
;; is never given the group descriptor), so the setter is never called.
(func $value.group_set (type $setter) (param $s (ref $struct)) (param $i i32) (param $v anyref)
  (unreachable))

(global $value.group_desc (ref $desc)
  (struct.new $desc
    (struct.new $str
      (array.new_fixed $bytes 5 (i32.const 103) (i32.const 114) (i32.const 111) (i32.const 117) (i32.const 112))
      (i32.const 5))
    ;; anonymous, as C's mochi_group_desc: a group prints as {"items": ..., "key": ...}
    (i32.const -2)
    (array.new_fixed $arr_str 2 (global.get $value.s.key) (global.get $value.s.items))
    (ref.func $value.group_get)
    (ref.func $value.group_set)))

;; The builder: a two-element list [index map (key -> group number), groups list].
(func $mochi_group_new (result (ref any))
  (local $b (ref $list_ref))
  (local.set $b (call $mochi_list_new_ref (i32.const 2)))
  (call $mochi_list_push_ref (local.get $b) (call $mochi_map_new (i32.const 0)))
  (call $mochi_list_push_ref (local.get $b) (call $mochi_list_new_ref (i32.const 0)))
  (local.get $b))

(func $value.builder (param $b anyref) (result (ref $arr_ref))
  (local $l (ref $list_ref))
  (block $bad
    (br_if $bad (i32.eqz (ref.test (ref $list_ref) (local.get $b))))
    (local.set $l (ref.cast (ref $list_ref) (local.get $b)))
    (br_if $bad (i32.ne (struct.get $list_ref $len (local.get $l)) (i32.const 2)))
    (br_if $bad (i32.eqz (ref.test (ref $map) (array.get $arr_ref (struct.get $list_ref $data (local.get $l)) (i32.const 0)))))
    (return (struct.get $list_ref $data (local.get $l))))
  (call $mochi_rt_error (call $value.ascii (array.new_data $bytes $value.d.builder (i32.const 0) (i32.const 24))))
  (unreachable))

(func $mochi_group_add (param $b anyref) (param $key anyref) (param $item anyref)
  (local $st (ref $arr_ref))
  (local $index (ref $map))
  (local $groups (ref $list_ref))
  (local $at anyref)
  (local $g (ref $group))
  (local.set $st (call $value.builder (local.get $b)))
  (local.set $index (ref.cast (ref $map) (array.get $arr_ref (local.get $st) (i32.const 0))))
  (local.set $groups (ref.cast (ref $list_ref) (array.get $arr_ref (local.get $st) (i32.const 1))))
  (local.set $at (call $mochi_map_get (local.get $index) (local.get $key)))
  (local.set $g
    (if (result (ref $group)) (ref.is_null (local.get $at))
      (then
        (call $mochi_map_set (local.get $index) (local.get $key) (ref.i31 (struct.get $list_ref $len (local.get $groups))))
        (call $mochi_list_push_ref (local.get $groups)
          (struct.new $group (global.get $value.group_desc) (local.get $key) (call $mochi_list_new_ref (i32.const 0))))
        (ref.cast (ref $group) (array.get $arr_ref (struct.get $list_ref $data (local.get $groups))
          (i32.sub (struct.get $list_ref $len (local.get $groups)) (i32.const 1)))))
      (else
        (ref.cast (ref $group)
          (array.get $arr_ref (struct.get $list_ref $data (local.get $groups)) (i31.get_s (ref.cast (ref i31) (local.get $at))))))))
  (call $mochi_list_push_ref (struct.get $group $items (local.get $g)) (local.get $item)))

(func $mochi_group_result (param $b anyref) (result (ref $list_ref))
  (ref.cast (ref $list_ref) (array.get $arr_ref (call $value.builder (local.get $b)) (i32.const 1))))

(func $mochi_group_key (param $g anyref) (result anyref)
  (struct.get $group $key (ref.cast (ref $group) (local.get $g))))

(func $mochi_group_items (param $g anyref) (result anyref)
  (struct.get $group $items (ref.cast (ref $group) (local.get $g))))

;; ---- print, container and str() forms (mochi_format.c's fmt_ref) ----

;; mode: 0 top level, 1 container, 2 str()
(func $value.fmt (param $a anyref) (param $mode i32) (param $depth i32)
  (local $f f64)
  (if (i32.gt_s (local.get $depth) (i32.const 2000)) (then (call $value.put_dots) (return)))
  (if (ref.is_null (local.get $a))
    (then
      (if (i32.eq (local.get $mode) (i32.const 2)) (then (call $value.put_angle_nil)) (else (call $value.put_nil)))
      (return)))
  (if (ref.test (ref i31) (local.get $a))
    (then (call $value.put_i64 (i64.extend_i32_s (i31.get_s (ref.cast (ref i31) (local.get $a))))) (return)))
  (if (ref.test (ref $str) (local.get $a))
    (then
      (if (i32.eq (local.get $mode) (i32.const 1))
        (then (call $value.put_quoted (ref.cast (ref $str) (local.get $a))))
        (else (call $value.put_str (ref.cast (ref $str) (local.get $a)))))
      (return)))
  (if (ref.test (ref $box_f64) (local.get $a))
    (then (call $value.put_f64 (struct.get $box_f64 $v (ref.cast (ref $box_f64) (local.get $a))) (local.get $mode)) (return)))
  (if (ref.test (ref $box_i64) (local.get $a))
    (then (call $value.put_i64 (struct.get $box_i64 $v (ref.cast (ref $box_i64) (local.get $a)))) (return)))
  (if (ref.test (ref $box_bool) (local.get $a))
    (then (call $value.put_bool (call $value.bool_of (local.get $a))) (return)))
  (if (ref.test (ref $list) (local.get $a))
    (then (call $value.fmt_list (ref.cast (ref $list) (local.get $a)) (local.get $mode) (local.get $depth)) (return)))
  (if (ref.test (ref $map) (local.get $a))
    (then (call $value.fmt_map (ref.cast (ref $map) (local.get $a)) (local.get $mode) (local.get $depth)) (return)))
  (if (ref.test (ref $struct) (local.get $a))
    (then (call $value.fmt_struct (ref.cast (ref $struct) (local.get $a)) (local.get $mode) (local.get $depth)) (return)))
  ;; BEGIN exact
  ;; the same text in every mode (C's mochi_bigint_fmt, mochi_bigrat_fmt(b, a, 0))
  (if (ref.test (ref $bigint) (local.get $a))
    (then (call $value.put_str (call $mochi_bigint_to_str (ref.cast (ref $bigint) (local.get $a)))) (return)))
  (if (ref.test (ref $bigrat) (local.get $a))
    (then (call $value.put_str (call $mochi_bigrat_to_str (ref.cast (ref $bigrat) (local.get $a)))) (return)))
  ;; END exact
  (call $value.put_func))

;; A map value or struct field: C prints a typed (scalar) slot without the depth cut.
(func $value.fmt_slot (param $a anyref) (param $mode i32) (param $depth i32)
  (if (i32.and (i32.eqz (ref.is_null (local.get $a)))
               (i32.or (call $value.is_num (local.get $a)) (ref.test (ref $box_bool) (local.get $a))))
    (then (call $value.fmt (local.get $a) (local.get $mode) (i32.const 0)))
    (else (call $value.fmt (local.get $a) (local.get $mode) (local.get $depth)))))

;; A float: the container form in mode 1, the top-level form otherwise.
(func $value.put_f64 (param $f f64) (param $mode i32)
  (if (i32.eq (local.get $mode) (i32.const 1))
    (then (call $value.put_str (call $mochi_fmt_f64_container (local.get $f))))
    (else (call $value.put_str (call $mochi_fmt_f64 (local.get $f))))))

;; Go-quoted string: printable ASCII without `"` or `\` is copied as is; anything
;; else goes through $mochi_str_quote (string.wat), which has every escape rule.
(func $value.put_quoted (param $s (ref $str))
  (local $b (ref $bytes))
  (local $i i32)
  (local $n i32)
  (local $c i32)
  (local.set $b (struct.get $str $b (local.get $s)))
  (local.set $n (array.len (local.get $b)))
  (block $slow
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (array.get_u $bytes (local.get $b) (local.get $i)))
        (br_if $slow (i32.lt_u (local.get $c) (i32.const 32)))
        (br_if $slow (i32.ge_u (local.get $c) (i32.const 127)))
        (br_if $slow (i32.eq (local.get $c) (i32.const 34)))
        (br_if $slow (i32.eq (local.get $c) (i32.const 92)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $value.reserve (i32.add (local.get $n) (i32.const 2)))
    (call $value.putc (i32.const 34))
    (call $value.put_bytes (local.get $b))
    (call $value.putc (i32.const 34))
    (return))
  (call $value.put_str (call $mochi_str_quote (local.get $s))))

(func $value.put_sep (param $mode i32)
  (if (i32.eq (local.get $mode) (i32.const 2))
    (then (call $value.putc (i32.const 32)))
    (else (call $value.put2 (i32.const 44) (i32.const 32)))))

(func $value.fmt_list (param $l (ref $list)) (param $mode i32) (param $depth i32)
  (local $n i32)
  (local $i i32)
  (local $em i32)
  (local $ai (ref $arr_i64))
  (local $af (ref $arr_f64))
  (local $ab (ref $arr_i8))
  (local $ar (ref $arr_ref))
  (local.set $n (struct.get $list $len (local.get $l)))
  (local.set $em (select (i32.const 2) (i32.const 1) (i32.eq (local.get $mode) (i32.const 2))))
  (call $value.putc (i32.const 91))
  (if (ref.test (ref $list_i64) (local.get $l))
    (then
      (local.set $ai (struct.get $list_i64 $data (ref.cast (ref $list_i64) (local.get $l))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (local.get $i) (then (call $value.put_sep (local.get $mode))))
        (call $value.put_i64 (array.get $arr_i64 (local.get $ai) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
    (else (if (ref.test (ref $list_f64) (local.get $l))
    (then
      (local.set $af (struct.get $list_f64 $data (ref.cast (ref $list_f64) (local.get $l))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (local.get $i) (then (call $value.put_sep (local.get $mode))))
        (call $value.put_f64 (array.get $arr_f64 (local.get $af) (local.get $i)) (local.get $em))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
    (else (if (ref.test (ref $list_bool) (local.get $l))
    (then
      (local.set $ab (struct.get $list_bool $data (ref.cast (ref $list_bool) (local.get $l))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (local.get $i) (then (call $value.put_sep (local.get $mode))))
        (call $value.put_bool (array.get_u $arr_i8 (local.get $ab) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))
    (else
      (local.set $ar (struct.get $list_ref $data (ref.cast (ref $list_ref) (local.get $l))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (local.get $i) (then (call $value.put_sep (local.get $mode))))
        (call $value.fmt (array.get $arr_ref (local.get $ar) (local.get $i)) (local.get $em) (i32.add (local.get $depth) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))))))))
  (call $value.putc (i32.const 93)))

;; C's mochi_key_text: a string key's bytes, anything else in str() form.
(func $value.key_text (param $k anyref)
  (if (ref.test (ref $str) (local.get $k))
    (then (call $value.put_str (ref.cast (ref $str) (local.get $k))))
    (else (call $value.fmt (local.get $k) (i32.const 2) (i32.const 0)))))

;; A map key in print form: always quoted (int keys print as "1").
(func $value.put_quoted_key (param $k anyref)
  (local $mark i32)
  (if (ref.test (ref $str) (local.get $k))
    (then (call $value.put_quoted (ref.cast (ref $str) (local.get $k))) (return)))
  (if (call $value.is_int (local.get $k))
    (then
      (call $value.putc (i32.const 34))
      (call $value.put_i64 (call $value.int_of (local.get $k)))
      (call $value.putc (i32.const 34))
      (return)))
  (local.set $mark (global.get $value.blen))
  (call $value.key_text (local.get $k))
  (call $value.put_quoted (call $value.take (local.get $mark))))

(func $value.fmt_map (param $m (ref $map)) (param $mode i32) (param $depth i32)
  (local $ord (ref $arr_i32))
  (local $kv (ref $arr_ref))
  (local $n i32)
  (local $i i32)
  (local $e i32)
  (local.set $n (struct.get $map $len (local.get $m)))
  ;; the order array is replaced, never changed, when a key is added: safe to hold
  (local.set $ord (call $map.order (local.get $m)))
  (call $map.boxed (ref.as_non_null (local.get $m)))
  (local.set $kv (struct.get $map $kv (local.get $m)))
  (if (i32.eq (local.get $mode) (i32.const 2))
    (then (call $value.put2 (i32.const 109) (i32.const 97)) (call $value.put2 (i32.const 112) (i32.const 91)))
    (else (call $value.putc (i32.const 123))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $e (i32.shl (array.get $arr_i32 (local.get $ord) (local.get $i)) (i32.const 1)))
    (if (local.get $i) (then (call $value.put_sep (local.get $mode))))
    (if (i32.eq (local.get $mode) (i32.const 2))
      (then
        (call $value.key_text (array.get $arr_ref (local.get $kv) (local.get $e)))
        (call $value.putc (i32.const 58))
        (call $value.fmt_slot (array.get $arr_ref (local.get $kv) (i32.add (local.get $e) (i32.const 1)))
          (i32.const 2) (i32.add (local.get $depth) (i32.const 1))))
      (else
        (call $value.put_quoted_key (array.get $arr_ref (local.get $kv) (local.get $e)))
        (call $value.put2 (i32.const 58) (i32.const 32))
        (call $value.fmt_slot (array.get $arr_ref (local.get $kv) (i32.add (local.get $e) (i32.const 1)))
          (i32.const 1) (i32.add (local.get $depth) (i32.const 1)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (if (i32.eq (local.get $mode) (i32.const 2))
    (then (call $value.putc (i32.const 93)))
    (else (call $value.putc (i32.const 125)))))

;; The print order of a struct's entries: field indices 0..n-1 and n for "__name",
;; sorted bytewise by name (insertion sort: structs are small; stable). An anonymous
;; descriptor (tag -2: the twin of a struct type that the IR's `record.new` uses for
;; map literals and query records, and the group descriptor, as C's `anonymous`
;; flag) prints as a plain map, without "__name" (LANGUAGE.md §9).
(func $value.struct_order (param $d (ref $desc)) (result (ref $arr_i32))
  (local $f (ref $arr_str))
  (local $n i32)
  (local $ord (ref $arr_i32))
  (local $i i32)
  (local $j i32)
  (local $v i32)
  (local.set $f (struct.get $desc $fields (local.get $d)))
  (local.set $n (array.len (local.get $f)))
  (local.set $ord (array.new_default $arr_i32
    (i32.add (local.get $n) (i32.ne (struct.get $desc $tag (local.get $d)) (i32.const -2)))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $ord))))
    (local.set $v (local.get $i))
    (local.set $j (local.get $i))
    (block $placed (loop $shift
      (br_if $placed (i32.eqz (local.get $j)))
      (br_if $placed (i32.le_s
        (call $value.bytes_cmp
          (struct.get $str $b (call $value.entry_name (local.get $f) (array.get $arr_i32 (local.get $ord) (i32.sub (local.get $j) (i32.const 1)))))
          (struct.get $str $b (call $value.entry_name (local.get $f) (local.get $v))))
        (i32.const 0)))
      (array.set $arr_i32 (local.get $ord) (local.get $j) (array.get $arr_i32 (local.get $ord) (i32.sub (local.get $j) (i32.const 1))))
      (local.set $j (i32.sub (local.get $j) (i32.const 1)))
      (br $shift)))
    (array.set $arr_i32 (local.get $ord) (local.get $j) (local.get $v))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (local.get $ord))

(func $value.entry_name (param $f (ref $arr_str)) (param $i i32) (result (ref $str))
  (if (result (ref $str)) (i32.eq (local.get $i) (array.len (local.get $f)))
    (then (global.get $value.s.__name))
    (else (array.get $arr_str (local.get $f) (local.get $i)))))

(func $value.fmt_struct (param $s (ref $struct)) (param $mode i32) (param $depth i32)
  (local $d (ref $desc))
  (local $f (ref $arr_str))
  (local $ord (ref $arr_i32))
  (local $n i32)
  (local $i i32)
  (local $e i32)
  (local $em i32)
  (local.set $d (struct.get $struct $desc (local.get $s)))
  (local.set $f (struct.get $desc $fields (local.get $d)))
  (local.set $n (array.len (local.get $f)))
  (local.set $ord (call $value.struct_order (local.get $d)))
  (local.set $em (select (i32.const 2) (i32.const 1) (i32.eq (local.get $mode) (i32.const 2))))
  (if (i32.eq (local.get $mode) (i32.const 2))
    (then (call $value.put2 (i32.const 109) (i32.const 97)) (call $value.put2 (i32.const 112) (i32.const 91)))
    (else (call $value.putc (i32.const 123))))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $ord))))
    (local.set $e (array.get $arr_i32 (local.get $ord) (local.get $i)))
    (if (local.get $i) (then (call $value.put_sep (local.get $mode))))
    (if (i32.eq (local.get $mode) (i32.const 2))
      (then
        (call $value.put_str (call $value.entry_name (local.get $f) (local.get $e)))
        (call $value.putc (i32.const 58)))
      (else
        (call $value.put_quoted (call $value.entry_name (local.get $f) (local.get $e)))
        (call $value.put2 (i32.const 58) (i32.const 32))))
    (if (i32.eq (local.get $e) (local.get $n))
      (then (call $value.fmt (struct.get $desc $name (local.get $d)) (local.get $em) (i32.const 0)))
      (else (call $value.fmt_slot (call $value.field (local.get $s) (local.get $e)) (local.get $em)
                                  (i32.add (local.get $depth) (i32.const 1)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))
  (if (i32.eq (local.get $mode) (i32.const 2))
    (then (call $value.putc (i32.const 93)))
    (else (call $value.putc (i32.const 125)))))

(func $mochi_fmt_any (param $a anyref) (result (ref $str))
  (local $mark i32)
  (if (ref.test (ref $str) (local.get $a)) (then (return (ref.cast (ref $str) (local.get $a)))))
  (local.set $mark (global.get $value.blen))
  (call $value.fmt (local.get $a) (i32.const 0) (i32.const 0))
  (call $value.take (local.get $mark)))

(func $mochi_str_any (param $a anyref) (result (ref $str))
  (local $mark i32)
  (if (ref.test (ref $str) (local.get $a)) (then (return (ref.cast (ref $str) (local.get $a)))))
  (local.set $mark (global.get $value.blen))
  (call $value.fmt (local.get $a) (i32.const 2) (i32.const 0))
  (call $value.take (local.get $mark)))

;; ---- JSON (mochi_format.c's json_rec) ----

;; Length of the valid UTF-8 sequence at b[i] (n bytes in all), 0 when invalid.
(func $value.utf8_len (param $b (ref $bytes)) (param $i i32) (param $n i32) (result i32)
  (local $c i32)
  (local $need i32)
  (local $k i32)
  (local.set $c (array.get_u $bytes (local.get $b) (local.get $i)))
  (local.set $need
    (if (result i32) (i32.lt_u (local.get $c) (i32.const 0x80)) (then (i32.const 1))
      (else (if (result i32) (i32.eq (i32.and (local.get $c) (i32.const 0xE0)) (i32.const 0xC0)) (then (i32.const 2))
        (else (if (result i32) (i32.eq (i32.and (local.get $c) (i32.const 0xF0)) (i32.const 0xE0)) (then (i32.const 3))
          (else (if (result i32) (i32.eq (i32.and (local.get $c) (i32.const 0xF8)) (i32.const 0xF0)) (then (i32.const 4))
            (else (i32.const 0))))))))))
  (if (i32.eqz (local.get $need)) (then (return (i32.const 0))))
  (if (i32.gt_s (local.get $need) (i32.sub (local.get $n) (local.get $i))) (then (return (i32.const 0))))
  (local.set $k (i32.const 1))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $k) (local.get $need)))
    (if (i32.ne (i32.and (array.get_u $bytes (local.get $b) (i32.add (local.get $i) (local.get $k))) (i32.const 0xC0)) (i32.const 0x80))
      (then (return (i32.const 0))))
    (local.set $k (i32.add (local.get $k) (i32.const 1)))
    (br $next)))
  (if (i32.and (i32.eq (local.get $need) (i32.const 2)) (i32.lt_u (local.get $c) (i32.const 0xC2)))
    (then (return (i32.const 0))))
  (local.get $need))

(func $value.put_hex (param $c i32)
  (call $value.putc (i32.add (i32.and (local.get $c) (i32.const 15))
    (select (i32.const 87) (i32.const 48) (i32.ge_u (i32.and (local.get $c) (i32.const 15)) (i32.const 10))))))

;; encoding/json's string form (C's quote_json).
(func $value.json_quote (param $s (ref $str))
  (local $b (ref $bytes))
  (local $n i32)
  (local $i i32)
  (local $c i32)
  (local $l i32)
  (local.set $b (struct.get $str $b (local.get $s)))
  (local.set $n (array.len (local.get $b)))
  (call $value.putc (i32.const 34))
  (block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $c (array.get_u $bytes (local.get $b) (local.get $i)))
    (block $continue
      (if (i32.ge_u (local.get $c) (i32.const 0x80))
        (then
          (local.set $l (call $value.utf8_len (local.get $b) (local.get $i) (local.get $n)))
          (if (i32.eqz (local.get $l))
            (then
              ;; \ufffd
              (call $value.put2 (i32.const 92) (i32.const 117))
              (call $value.put2 (i32.const 102) (i32.const 102))
              (call $value.put2 (i32.const 102) (i32.const 100))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $continue)))
          ;; (i32.and evaluates both sides: the bytes are read only inside a valid 3-byte sequence)
          (if (if (result i32) (i32.and (i32.eq (local.get $l) (i32.const 3)) (i32.eq (local.get $c) (i32.const 0xE2)))
                (then (i32.and (i32.eq (array.get_u $bytes (local.get $b) (i32.add (local.get $i) (i32.const 1))) (i32.const 0x80))
                               (i32.eq (i32.and (array.get_u $bytes (local.get $b) (i32.add (local.get $i) (i32.const 2))) (i32.const 0xFE)) (i32.const 0xA8))))
                (else (i32.const 0)))
            (then
              ;; \u2028 or \u2029
              (call $value.put2 (i32.const 92) (i32.const 117))
              (call $value.put2 (i32.const 50) (i32.const 48))
              (call $value.put2 (i32.const 50)
                (select (i32.const 56) (i32.const 57)
                  (i32.eq (array.get_u $bytes (local.get $b) (i32.add (local.get $i) (i32.const 2))) (i32.const 0xA8)))))
            (else (call $value.put_range (local.get $b) (local.get $i) (local.get $l))))
          (local.set $i (i32.add (local.get $i) (local.get $l)))
          (br $continue)))
      (block $plain
        (block $esc
          (if (i32.eq (local.get $c) (i32.const 34)) (then (call $value.put2 (i32.const 92) (i32.const 34)) (br $esc)))
          (if (i32.eq (local.get $c) (i32.const 92)) (then (call $value.put2 (i32.const 92) (i32.const 92)) (br $esc)))
          (if (i32.eq (local.get $c) (i32.const 10)) (then (call $value.put2 (i32.const 92) (i32.const 110)) (br $esc)))
          (if (i32.eq (local.get $c) (i32.const 9)) (then (call $value.put2 (i32.const 92) (i32.const 116)) (br $esc)))
          (if (i32.eq (local.get $c) (i32.const 13)) (then (call $value.put2 (i32.const 92) (i32.const 114)) (br $esc)))
          (br_if $plain (i32.and (i32.ge_u (local.get $c) (i32.const 32))
            (i32.and (i32.ne (local.get $c) (i32.const 60))
              (i32.and (i32.ne (local.get $c) (i32.const 62)) (i32.ne (local.get $c) (i32.const 38))))))
          ;; \u00XX
          (call $value.put2 (i32.const 92) (i32.const 117))
          (call $value.put2 (i32.const 48) (i32.const 48))
          (call $value.put_hex (i32.shr_u (local.get $c) (i32.const 4)))
          (call $value.put_hex (local.get $c)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $continue))
      (call $value.putc (local.get $c))
      (local.set $i (i32.add (local.get $i) (i32.const 1))))
    (br $next)))
  (call $value.putc (i32.const 34)))

(func $value.indent (param $pretty i32) (param $level i32)
  (local $i i32)
  (if (i32.eqz (local.get $pretty)) (then (return)))
  (call $value.putc (i32.const 10))
  (block $done (loop $next
    (br_if $done (i32.ge_s (local.get $i) (local.get $level)))
    (call $value.put2 (i32.const 32) (i32.const 32))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next))))

;; Between a JSON key and its value.
(func $value.json_colon (param $pretty i32)
  (if (local.get $pretty)
    (then (call $value.put2 (i32.const 58) (i32.const 32)))
    (else (call $value.putc (i32.const 58)))))

(func $value.json (param $a anyref) (param $pretty i32) (param $level i32)
  (local $l (ref $list))
  (local $m (ref $map))
  (local $s (ref $struct))
  (local $d (ref $desc))
  (local $f (ref $arr_str))
  (local $ord (ref $arr_i32))
  (local $kv (ref $arr_ref))
  (local $n i32)
  (local $i i32)
  (local $e i32)
  (local $mark i32)
  (local $lv i32)
  (if (i32.gt_s (local.get $level) (i32.const 2000)) (then (call $value.put_null) (return)))
  (local.set $lv (i32.add (local.get $level) (i32.const 1)))
  (if (ref.is_null (local.get $a)) (then (call $value.put_null) (return)))
  (if (call $value.is_int (local.get $a)) (then (call $value.put_i64 (call $value.int_of (local.get $a))) (return)))
  (if (ref.test (ref $str) (local.get $a)) (then (call $value.json_quote (ref.cast (ref $str) (local.get $a))) (return)))
  (if (ref.test (ref $box_f64) (local.get $a))
    (then (call $value.put_str (call $mochi_fmt_f64_json (call $value.num_of (local.get $a)))) (return)))
  (if (ref.test (ref $box_bool) (local.get $a)) (then (call $value.put_bool (call $value.bool_of (local.get $a))) (return)))
  ;; BEGIN exact
  ;; a bigint as its digits; a bigrat as Go's big.Rat JSON string (C's mochi_bigrat_fmt(b, a, 1))
  (if (ref.test (ref $bigint) (local.get $a))
    (then (call $value.put_str (call $mochi_bigint_to_str (ref.cast (ref $bigint) (local.get $a)))) (return)))
  (if (ref.test (ref $bigrat) (local.get $a))
    (then (call $value.put_str (call $mochi_bigrat_to_json (ref.cast (ref $bigrat) (local.get $a)))) (return)))
  ;; END exact
  (if (ref.test (ref $list) (local.get $a))
    (then
      (local.set $l (ref.cast (ref $list) (local.get $a)))
      (local.set $n (struct.get $list $len (local.get $l)))
      (if (i32.eqz (local.get $n)) (then (call $value.put2 (i32.const 91) (i32.const 93)) (return)))
      (call $value.putc (i32.const 91))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (local.get $i) (then (call $value.putc (i32.const 44))))
        (call $value.indent (local.get $pretty) (local.get $lv))
        (call $value.json (call $list.get_any (local.get $l) (local.get $i)) (local.get $pretty) (local.get $lv))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (call $value.indent (local.get $pretty) (local.get $level))
      (call $value.putc (i32.const 93))
      (return)))
  (if (ref.test (ref $map) (local.get $a))
    (then
      (local.set $m (ref.cast (ref $map) (local.get $a)))
      (local.set $n (struct.get $map $len (local.get $m)))
      (if (i32.eqz (local.get $n)) (then (call $value.put2 (i32.const 123) (i32.const 125)) (return)))
      (local.set $ord (call $map.order (local.get $m)))
      (call $map.boxed (ref.as_non_null (local.get $m)))
      (local.set $kv (struct.get $map $kv (local.get $m)))
      (call $value.putc (i32.const 123))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $e (i32.shl (array.get $arr_i32 (local.get $ord) (local.get $i)) (i32.const 1)))
        (if (local.get $i) (then (call $value.putc (i32.const 44))))
        (call $value.indent (local.get $pretty) (local.get $lv))
        (local.set $mark (global.get $value.blen))
        (call $value.key_text (array.get $arr_ref (local.get $kv) (local.get $e)))
        (call $value.json_quote (call $value.take (local.get $mark)))
        (call $value.json_colon (local.get $pretty))
        (call $value.json (array.get $arr_ref (local.get $kv) (i32.add (local.get $e) (i32.const 1))) (local.get $pretty) (local.get $lv))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (call $value.indent (local.get $pretty) (local.get $level))
      (call $value.putc (i32.const 125))
      (return)))
  (if (ref.test (ref $struct) (local.get $a))
    (then
      (local.set $s (ref.cast (ref $struct) (local.get $a)))
      (local.set $d (struct.get $struct $desc (local.get $s)))
      (local.set $f (struct.get $desc $fields (local.get $d)))
      (local.set $n (array.len (local.get $f)))
      (local.set $ord (call $value.struct_order (local.get $d)))
      (if (i32.eqz (array.len (local.get $ord))) (then (call $value.put2 (i32.const 123) (i32.const 125)) (return)))
      (call $value.putc (i32.const 123))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $ord))))
        (local.set $e (array.get $arr_i32 (local.get $ord) (local.get $i)))
        (if (local.get $i) (then (call $value.putc (i32.const 44))))
        (call $value.indent (local.get $pretty) (local.get $lv))
        (call $value.json_quote (call $value.entry_name (local.get $f) (local.get $e)))
        (call $value.json_colon (local.get $pretty))
        (if (i32.eq (local.get $e) (local.get $n))
          (then (call $value.json_quote (struct.get $desc $name (local.get $d))))
          (else (call $value.json (call $value.field (local.get $s) (local.get $e)) (local.get $pretty) (local.get $lv))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (call $value.indent (local.get $pretty) (local.get $level))
      (call $value.putc (i32.const 125))
      (return)))
  ;; a function
  (call $value.put_null))

(func $mochi_to_json_any (param $a anyref) (result (ref $str))
  (local $mark i32)
  (local.set $mark (global.get $value.blen))
  (call $value.json (local.get $a) (i32.const 0) (i32.const 0))
  (call $value.take (local.get $mark)))

;; json(x): indented, then a newline (print_str adds it).
(func $mochi_json_print_any (param $a anyref)
  (local $mark i32)
  (local.set $mark (global.get $value.blen))
  (call $value.json (local.get $a) (i32.const 1) (i32.const 0))
  (call $mochi_print_str (call $value.take (local.get $mark))))
