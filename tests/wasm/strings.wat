;; String literals with every escape, in data segments and names.
(module
  (memory (export "mem\u{2764}ory") 1)
  (data (i32.const 0) "plain, \"quoted\", back\\slash\n\ttab\r")
  (data (i32.const 64) "\00\01\7f\80\ff\FE" "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}")
  (data $utf8 "caf\c3\a9 \u{1F600} \u{e9}")
  (data $empty "")
  (func (export "\u{1F600}") (export "a b\n"))
)
