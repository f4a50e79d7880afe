;; core.wat: process-level runtime for Wasm modules: the WASI imports, the one page of
;; linear memory, the buffered stdout, and the single runtime-error path of
;; LANGUAGE.md §10. It mirrors Sources/MochiRuntime/mochi_core.c byte for byte: every
;; runtime error ends in $mochi_rt_error, which flushes what the program printed,
;; writes `error: <msg>` (and `  at <file>:<line>` when a location is stored) to
;; stderr and exits with status 1.
;;
;; This fragment must come first after types.wat: the text format wants imports
;; before any function, memory or global definition (other imports a module needs,
;; args_* or environ_*, go before this fragment). The WASI func types are outside the
;; runtime's recursion group, one singleton group each, so they match the host's.
;;
;; Linear memory (one page, never grown; Mochi values never live here):
;;   [0, 8)       the iovec fd_write reads: buffer address, length
;;   [8, 12)      fd_write's count of bytes written
;;   [16, 1024)   scratch for leaf routines: a routine may use it only while it calls
;;                nothing that might use it too
;;   [1024, 65536) the output buffer (stdout; stderr while an error is written)
;;
;; Error messages are built with $mochi_str_concat and $mochi_fmt_i64 (string.wat).

(type $wasi.fd_write (func (param i32 i32 i32 i32) (result i32)))
(type $wasi.proc_exit (func (param i32)))
(import "wasi_snapshot_preview1" "fd_write" (func $wasi_fd_write (type $wasi.fd_write)))
(import "wasi_snapshot_preview1" "proc_exit" (func $wasi_proc_exit (type $wasi.proc_exit)))

(memory $mem 1)
(export "memory" (memory $mem))

;; The source location of the op that may fail next (the emitter stores the line
;; before such an op, and the IR module's `source` in the file at start-up).
(global $mochi_loc_line (mut i32) (i32.const 0))
(global $mochi_loc_file (mut (ref null $str)) (ref.null $str))
;; Call depth of functions in recursive cycles (the emitter counts it).
(global $mochi_depth (mut i32) (i32.const 0))
;; Bytes waiting in the output buffer at [1024, 1024 + n), and the descriptor they go to.
(global $mochi_out_n (mut i32) (i32.const 0))
(global $mochi_out_fd (mut i32) (i32.const 1))

(data $mochi_d.error "error: ")
(data $mochi_d.at "  at ")
(data $mochi_d.overflow "integer overflow")
(data $mochi_d.overflow_note "int is 64-bit; declare the value as bigint for arbitrary precision")
(data $mochi_d.note "  note: ")
(data $mochi_d.div_zero "division by zero")
(data $mochi_d.stack_overflow "stack overflow")
(data $mochi_d.expect "expect condition failed")
(data $mochi_d.index_oor " index out of range: ")
(data $mochi_d.len " (len ")
(data $mochi_d.list "list")
(data $mochi_d.oom "out of memory")

;; Writes [ptr, ptr + len) of linear memory to fd, resuming after short writes.
;; A write that fails as a closed pipe does (WASI errno `pipe`, 64; Wasmtime reports a
;; closed pipe as `io`, 29) ends the program there, with no message, as SIGPIPE ends a
;; native process (the C runtime never checks fwrite: the signal kills it, status 141
;; in a shell, nothing on stderr). WASI engines refuse exit statuses past 125, so the
;; module exits with 13, SIGPIPE's number, and scripts/mochi-wasm-exec turns that into
;; death by SIGPIPE. Any other failure (a full disk, a bad descriptor) drops the rest,
;; as fwrite does.
(func $mochi_write_all (param $fd i32) (param $ptr i32) (param $len i32)
  (local $w i32)
  (local $err i32)
  (block $done
    (loop $again
      (br_if $done (i32.le_s (local.get $len) (i32.const 0)))
      (i32.store (i32.const 0) (local.get $ptr))
      (i32.store (i32.const 4) (local.get $len))
      (local.set $err
        (call $wasi_fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
      (if (local.get $err)
        (then
          (if (i32.or (i32.eq (local.get $err) (i32.const 64)) (i32.eq (local.get $err) (i32.const 29)))
            (then
              (global.set $mochi_out_n (i32.const 0))
              (call $wasi_proc_exit (i32.const 13))
              (unreachable)))
          (br $done)))
      (local.set $w (i32.load (i32.const 8)))
      (br_if $done (i32.le_s (local.get $w) (i32.const 0)))
      (local.set $ptr (i32.add (local.get $ptr) (local.get $w)))
      (local.set $len (i32.sub (local.get $len) (local.get $w)))
      (br $again))))

(func $mochi_out_flush
  (if (global.get $mochi_out_n)
    (then
      (call $mochi_write_all (global.get $mochi_out_fd) (i32.const 1024) (global.get $mochi_out_n))
      (global.set $mochi_out_n (i32.const 0)))))

;; Appends n bytes of b from off to the output buffer, flushing it whenever it fills.
(func $mochi_out_bytes (param $b (ref $bytes)) (param $off i32) (param $n i32)
  (local $k i32)
  (local $p i32)
  (local $end i32)
  (block $done
    (loop $chunk
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (if (i32.ge_u (global.get $mochi_out_n) (i32.const 64512))
        (then (call $mochi_out_flush)))
      ;; k = min(n, room left)
      (local.set $k (i32.sub (i32.const 64512) (global.get $mochi_out_n)))
      (if (i32.lt_u (local.get $n) (local.get $k))
        (then (local.set $k (local.get $n))))
      (local.set $p (i32.add (i32.const 1024) (global.get $mochi_out_n)))
      (local.set $end (i32.add (local.get $p) (local.get $k)))
      (global.set $mochi_out_n (i32.add (global.get $mochi_out_n) (local.get $k)))
      (local.set $n (i32.sub (local.get $n) (local.get $k)))
      ;; four bytes per step, then the rest one by one
      (block $tail
        (loop $quad
          (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $end)))
          (i32.store (local.get $p)
            (i32.or
              (i32.or
                (array.get_u $bytes (local.get $b) (local.get $off))
                (i32.shl (array.get_u $bytes (local.get $b) (i32.add (local.get $off) (i32.const 1)))
                  (i32.const 8)))
              (i32.or
                (i32.shl (array.get_u $bytes (local.get $b) (i32.add (local.get $off) (i32.const 2)))
                  (i32.const 16))
                (i32.shl (array.get_u $bytes (local.get $b) (i32.add (local.get $off) (i32.const 3)))
                  (i32.const 24)))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (local.set $off (i32.add (local.get $off) (i32.const 4)))
          (br $quad)))
      (block $bytes_done
        (loop $byte
          (br_if $bytes_done (i32.ge_u (local.get $p) (local.get $end)))
          (i32.store8 (local.get $p) (array.get_u $bytes (local.get $b) (local.get $off)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (local.set $off (i32.add (local.get $off) (i32.const 1)))
          (br $byte)))
      (br $chunk))))

(func $mochi_out_byte (param $c i32)
  (if (i32.ge_u (global.get $mochi_out_n) (i32.const 64512))
    (then (call $mochi_out_flush)))
  (i32.store8 (i32.add (i32.const 1024) (global.get $mochi_out_n)) (local.get $c))
  (global.set $mochi_out_n (i32.add (global.get $mochi_out_n) (i32.const 1))))

;; print of one string: its bytes and a newline (null prints as the empty string).
(func $mochi_print_str (param $s (ref null $str))
  (if (i32.eqz (ref.is_null (local.get $s)))
    (then
      (call $mochi_out_bytes
        (struct.get $str $b (local.get $s))
        (i32.const 0)
        (array.len (struct.get $str $b (local.get $s)))))
    ;; A null string (a missing map key) prints nil, as every null does (LANGUAGE.md §5.4).
    (else
      (call $mochi_out_byte (i32.const 110))
      (call $mochi_out_byte (i32.const 105))
      (call $mochi_out_byte (i32.const 108))))
  (call $mochi_out_byte (i32.const 10)))

;; Bytes of s before its first NUL: C passes messages and the file as C strings.
(func $mochi_cstr_len (param $b (ref $bytes)) (result i32)
  (local $i i32)
  (local $n i32)
  (local.set $n (array.len (local.get $b)))
  (block $done
    (loop $scan
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (br_if $done (i32.eqz (array.get_u $bytes (local.get $b) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $scan)))
  (local.get $i))

;; The runtime error: stdout flushed, `error: <msg>\n` and, when the location is known,
;; `  at <file>:<line>\n` on stderr, exit status 1 (mochi_rt_error / mochi_rt_error_text).
(func $mochi_rt_error (param $msg (ref $str))
  (call $mochi_rt_error_note (local.get $msg) (ref.null none))
  (unreachable))

;; mochi_rt_error_note: the error, then, when there is a note, one more line
;; `  note: <note>` after the location (int overflow's hint that bigint exists).
(func $mochi_rt_error_note (param $msg (ref $str)) (param $note (ref null $str))
  (local $file (ref null $str))
  (call $mochi_out_flush)
  (global.set $mochi_out_fd (i32.const 2))
  (call $mochi_out_bytes (array.new_data $bytes $mochi_d.error (i32.const 0) (i32.const 7))
    (i32.const 0) (i32.const 7))
  (call $mochi_out_bytes (struct.get $str $b (local.get $msg))
    (i32.const 0) (call $mochi_cstr_len (struct.get $str $b (local.get $msg))))
  (call $mochi_out_byte (i32.const 10))
  (local.set $file (global.get $mochi_loc_file))
  (if (i32.and
        (i32.eqz (ref.is_null (local.get $file)))
        (i32.gt_s (global.get $mochi_loc_line) (i32.const 0)))
    (then
      (call $mochi_out_bytes (array.new_data $bytes $mochi_d.at (i32.const 0) (i32.const 5))
        (i32.const 0) (i32.const 5))
      (call $mochi_out_bytes (struct.get $str $b (ref.as_non_null (local.get $file)))
        (i32.const 0) (call $mochi_cstr_len (struct.get $str $b (ref.as_non_null (local.get $file)))))
      (call $mochi_out_byte (i32.const 58))
      (call $mochi_out_bytes
        (struct.get $str $b (call $mochi_fmt_i64 (i64.extend_i32_s (global.get $mochi_loc_line))))
        (i32.const 0)
        (array.len (struct.get $str $b (call $mochi_fmt_i64 (i64.extend_i32_s (global.get $mochi_loc_line))))))
      (call $mochi_out_byte (i32.const 10))))
  (if (i32.eqz (ref.is_null (local.get $note)))
    (then
      (call $mochi_out_bytes (array.new_data $bytes $mochi_d.note (i32.const 0) (i32.const 8))
        (i32.const 0) (i32.const 8))
      (call $mochi_out_bytes (struct.get $str $b (ref.as_non_null (local.get $note)))
        (i32.const 0) (call $mochi_cstr_len (struct.get $str $b (ref.as_non_null (local.get $note)))))
      (call $mochi_out_byte (i32.const 10))))
  (call $mochi_out_flush)
  (call $wasi_proc_exit (i32.const 1))
  (unreachable))

;; A constant message (a passive data segment's bytes are ASCII: ncp = length).
;; int arithmetic's `integer overflow` carries C's note (MOCHI_OVERFLOW_NOTE).
(func $mochi_err_overflow_at (param $line i32)
  (global.set $mochi_loc_line (local.get $line))
  (call $mochi_rt_error_note
    (struct.new $str (array.new_data $bytes $mochi_d.overflow (i32.const 0) (i32.const 16)) (i32.const 16))
    (struct.new $str (array.new_data $bytes $mochi_d.overflow_note (i32.const 0) (i32.const 66)) (i32.const 66))))

(func $mochi_err_div_zero_at (param $line i32)
  (global.set $mochi_loc_line (local.get $line))
  (call $mochi_rt_error
    (struct.new $str (array.new_data $bytes $mochi_d.div_zero (i32.const 0) (i32.const 16)) (i32.const 16))))

(func $mochi_err_stack_overflow_at (param $line i32)
  (global.set $mochi_loc_line (local.get $line))
  (call $mochi_rt_error
    (struct.new $str (array.new_data $bytes $mochi_d.stack_overflow (i32.const 0) (i32.const 14)) (i32.const 14))))

;; `<what> index out of range: I (len N)` (mochi_err_index).
(func $mochi_err_index (param $what (ref $str)) (param $i i64) (param $n i64)
  (call $mochi_rt_error
    (call $mochi_str_concat
      (call $mochi_str_concat
        (call $mochi_str_concat
          (call $mochi_str_concat
            (local.get $what)
            (struct.new $str (array.new_data $bytes $mochi_d.index_oor (i32.const 0) (i32.const 21)) (i32.const 21)))
          (call $mochi_fmt_i64 (local.get $i)))
        (call $mochi_str_concat
          (struct.new $str (array.new_data $bytes $mochi_d.len (i32.const 0) (i32.const 6)) (i32.const 6))
          (call $mochi_fmt_i64 (local.get $n))))
      (struct.new $str (array.new_fixed $bytes 1 (i32.const 41)) (i32.const 1))))
  (unreachable))

;; The index checks of mochi_list_get: i counts from the end when negative; outside
;; [0, len) is `list index out of range: I (len N)` at line. Returns the index.
(func $mochi_list_index (param $i i64) (param $len i32) (param $line i32) (result i32)
  (local $j i64)
  (local.set $j (local.get $i))
  (if (i64.lt_s (local.get $j) (i64.const 0))
    (then (local.set $j (i64.add (local.get $j) (i64.extend_i32_u (local.get $len))))))
  (if (i64.lt_u (local.get $j) (i64.extend_i32_u (local.get $len)))
    (then (return (i32.wrap_i64 (local.get $j)))))
  (global.set $mochi_loc_line (local.get $line))
  (call $mochi_err_index
    (struct.new $str (array.new_data $bytes $mochi_d.list (i32.const 0) (i32.const 4)) (i32.const 4))
    (local.get $i)
    (i64.extend_i32_u (local.get $len)))
  (unreachable))

;; `out of memory` (C's wording for a failed allocation or an impossible size). Wasm
;; engines trap on arrays past about 2^30 bytes (V8), and a trap is not a Mochi runtime
;; error, so the runtime checks sizes first: strings stay below 0x3FFFFC00 bytes.
(func $mochi_err_oom
  (call $mochi_rt_error
    (struct.new $str (array.new_data $bytes $mochi_d.oom (i32.const 0) (i32.const 13)) (i32.const 13)))
  (unreachable))

;; panic(msg): the message as given (C passes its bytes as a C string).
(func $mochi_rt_panic (param $msg (ref null $str))
  (call $mochi_rt_error (call $mochi_str_or_empty (local.get $msg))))

;; A failed `expect` outside test mode (Wasm modules have no test mode yet).
(func $mochi_rt_expect (param $cond i32)
  (if (i32.eqz (local.get $cond))
    (then
      (call $mochi_rt_error
        (struct.new $str (array.new_data $bytes $mochi_d.expect (i32.const 0) (i32.const 23)) (i32.const 23))))))

;; Test blocks: outside test mode test.begin and test.end do nothing.
(func $mochi_rt_test_begin (param $name (ref null $str)))
(func $mochi_rt_test_end)
