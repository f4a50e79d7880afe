;; Custom sections placed before, between and after the other sections, next to the
;; name section.
(module $customs
  (@custom "at-start" (before first) "\00\01")
  (type $t (func))
  (@custom "after-type" (after type) "x")
  (@custom "before-import" (before import) "y")
  (func $f (type $t))
  (@custom "after-code" (after code) "code")
  (@custom "default-end" "at the end")
  (@custom "producers" (after last) "\01\0clanguage\01\05mochi\00")
  (export "f" (func $f))
)
