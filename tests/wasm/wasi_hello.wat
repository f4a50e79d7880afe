;; A small WASI program in the style of the runtime: print a GC string (an i8 array)
;; through fd_write, then exit with status 0.
(module
  (type $str (array (mut i8)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data $hello "hello, wat\n")
  (func $print (param $s (ref $str))
    (local $i i32)
    (block $done
      (loop $copy
        (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $s))))
        (i32.store8 offset=16 (local.get $i) (array.get_u $str (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (array.len (local.get $s)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func $main (export "_start")
    (call $print (array.new_data $str $hello (i32.const 0) (i32.const 11)))
    (call $proc_exit (i32.const 0)))
)
