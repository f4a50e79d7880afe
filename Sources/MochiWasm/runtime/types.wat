;; types.wat: the one recursion group of runtime types every runtime fragment and every
;; emitted module shares (docs/WASM.md, "Runtime types"). The emitter owns this file:
;; ask for additions in /work/notes/requests.md. User types (structs, unions, closure
;; signatures) go in a second group that the emitter writes after this one.
(rec
  ;; strings: UTF-8 bytes; ncp = code points (ncp == len(b) means ASCII: O(1) indexing)
  (type $bytes (array (mut i8)))
  (type $str (struct (field $b (ref $bytes)) (field $ncp i32)))
  ;; boxes for scalars in `any`
  (type $box_i64 (struct (field $v i64)))
  (type $box_f64 (struct (field $v f64)))
  (type $box_bool (struct (field $v i32)))
  ;; element stores
  (type $arr_i64 (array (mut i64)))
  (type $arr_f64 (array (mut f64)))
  (type $arr_i8 (array (mut i8)))
  (type $arr_ref (array (mut anyref)))
  ;; lists: a length and a store with room to grow (capacity = array.len of data).
  ;; Several lists may share one store (append, list.wat's header): $wlen is the
  ;; length that may be written in place (= len while the store is the list's own,
  ;; 0 while it may be shared: writes copy first), $own is 1 when the list may
  ;; extend its store in place (no other list sees the slots from len on)
  (type $list (sub (struct (field $len (mut i32)) (field $wlen (mut i32)) (field $own (mut i32)))))
  (type $list_i64 (sub final $list (struct (field $len (mut i32)) (field $wlen (mut i32)) (field $own (mut i32)) (field $data (mut (ref $arr_i64))))))
  (type $list_f64 (sub final $list (struct (field $len (mut i32)) (field $wlen (mut i32)) (field $own (mut i32)) (field $data (mut (ref $arr_f64))))))
  (type $list_bool (sub final $list (struct (field $len (mut i32)) (field $wlen (mut i32)) (field $own (mut i32)) (field $data (mut (ref $arr_i8))))))
  (type $list_ref (sub final $list (struct (field $len (mut i32)) (field $wlen (mut i32)) (field $own (mut i32)) (field $data (mut (ref $arr_ref))))))
  ;; sort permutations, a map's cached key order
  (type $arr_i32 (array (mut i32)))
  ;; maps: the layout is private to map.wat (documented at its top); only map.wat,
  ;; value.wat and list.wat touch the fields, the emitter only calls $mochi_map_*
  (type $map (struct
    (field $len (mut i32))
    (field $kv (mut (ref $arr_ref)))
    (field $tab (mut (ref $arr_i64)))
    (field $tombs (mut i32))
    (field $order (mut (ref null $arr_i32)))
    (field $ckey (mut eqref))
    (field $cpos (mut i32))
    (field $caux (mut i32))
    (field $ti (mut (ref null $arr_i64)))
    (field $cki (mut i64))))
  ;; structs and union values: every one starts with its descriptor
  (type $arr_str (array (ref $str)))
  (type $getter (func (param (ref $struct) i32) (result anyref)))
  (type $setter (func (param (ref $struct) i32 anyref)))
  (type $desc (struct
    (field $name (ref $str))
    (field $tag i32)
    (field $fields (ref $arr_str))
    (field $get (ref $getter))
    (field $set (ref $setter))))
  (type $struct (sub (struct (field $desc (ref $desc)))))
  ;; closures: a closure signature's type is a subtype of $clo made by the emitter
  (type $clo (sub (struct)))
  ;; group-by results: a built-in struct (desc name "group", fields key and items)
  (type $group (sub final $struct (struct (field $desc (ref $desc)) (field $key anyref) (field $items (ref $list_ref)))))
  ;; BEGIN block written by bigwasm (the layout is documented at the top of runtime/bigint.wat)
  ;; exact numbers: a bigint is a sign and a magnitude of $len 64-bit limbs, least
  ;; significant first, in $d (which may be longer); zero has $len 0. A bigrat is two
  ;; bigints in lowest terms, the denominator positive. Both are immutable.
  (type $bigint (struct (field $neg i32) (field $len i32) (field $d (ref $arr_i64))))
  (type $bigrat (struct (field $num (ref $bigint)) (field $den (ref $bigint))))
  ;; END block written by bigwasm
)
