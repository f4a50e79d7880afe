;; Control flow: flat and folded blocks, loops and ifs with labels and block types
;; (including multi-value), br, br_if, br_table, select, return, tail calls.
(module
  (type $pair (func (result i32 i64)))
  (func $flat (param $n i32) (result i32)
    (local $acc i32)
    block $exit
      loop $top
        local.get $n
        i32.eqz
        br_if $exit
        local.get $acc
        local.get $n
        i32.add
        local.set $acc
        local.get $n
        i32.const 1
        i32.sub
        local.set $n
        br $top
      end $top
    end $exit
    local.get $acc)
  (func $ifs (param $x i32) (result i32)
    local.get $x
    if (result i32)
      i32.const 1
    else
      i32.const 2
    end
    (if $named (result i32) (local.get $x) (then (i32.const 3)) (else (i32.const 4)))
    i32.add
    (if (local.get $x) (then nop))
    local.get $x
    if
      unreachable
    end)
  (func $table (param $i i32) (result i32)
    (block $a (block $b (block $c
      (br_table $a $b $c $a (local.get $i)))
      (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30))
  (func $multi (result i32 i64)
    (block (type $pair) (i32.const 1) (i64.const 2)))
  (func $multi_inline (param i32) (result i32)
    (local.get 0)
    (block (param i32) (result i32 i32) (i32.const 5))
    (i32.add))
  (func $multi_inline2 (result f32 f64)
    (block (result f32 f64) (f32.const 1) (f64.const 2)))
  (func $sel (param $c i32) (result i64)
    (select (i64.const 1) (i64.const 2) (local.get $c))
    (select (result i64) (i64.const 3) (i64.const 4) (local.get $c))
    i64.add)
  (func $sel_ref (param $c i32) (result funcref)
    (select (result funcref) (ref.null func) (ref.null func) (local.get $c)))
  (func $tail (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (return_call $tail (i32.sub (local.get $n) (i32.const 1))))
  (func $loop_value (result i32)
    (loop $l (result i32) (i32.const 9)))
  (func $nested_labels (result i32)
    (block $outer (result i32)
      (block $inner (result i32)
        (br_if $outer (i32.const 1) (i32.const 0))
        (br $inner (i32.const 2)))
      (drop)
      (i32.const 3)))
  (func $empty)
  (func $drop_it (drop (i32.const 1)) (nop) (return))
)
