-- reverse_complement: the Benchmarks Game reverse-complement benchmark. Its input,
-- fasta's three sequences (ALU repeat of 2N, IUB random of 3N, Homo sapiens random of
-- 5N bytes), is generated in-program with the reference LCG into arrays of byte
-- codes. Each sequence is reverse-complemented through a 128-entry table; instead of
-- writing 60-column text the output bytes (newlines included) are folded into a hash,
-- which it prints.
local N = 10000
if arg and arg[1] then N = tonumber(arg[1]) end

local ALU = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGACCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAATACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCAGCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGGAGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCCAGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

local seed = 42

local function repeat_seq(count, alu)
  local n = #alu
  local codes = {}
  for i = 1, n do codes[i - 1] = string.byte(alu, i) end
  local seq = {}
  for i = 0, count - 1 do seq[i + 1] = codes[i % n] end
  return seq
end

-- codes and cum are 1-based Lua arrays; j runs 1..last.
local function random_seq(count, codes, cum)
  local last = #cum
  local seq = {}
  for i = 1, count do
    seed = (seed * 3877 + 29573) % 139968
    local r = seed / 139968.0
    local j = 1
    while j < last and r >= cum[j] do j = j + 1 end
    seq[i] = codes[j]
  end
  return seq
end

local function cumulative(p)
  local out, acc = {}, 0.0
  for i = 1, #p do acc = acc + p[i]; out[i] = acc end
  return out
end

local function reverse_complement(h, seq, tbl)
  local col = 0
  for i = #seq, 1, -1 do
    h = (h * 31 + tbl[seq[i]]) % 1000000007
    col = col + 1
    if col == 60 or i == 1 then
      h = (h * 31 + 10) % 1000000007
      col = 0
    end
  end
  return h
end

local iub_codes = {97, 99, 103, 116, 66, 68, 72, 75, 77, 78, 82, 83, 86, 87, 89}
local iub_cum = cumulative({0.27, 0.12, 0.12, 0.27, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02})
local homo_codes = {97, 99, 103, 116}
local homo_cum = cumulative({0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008})
local one = repeat_seq(2 * N, ALU)
local two = random_seq(3 * N, iub_codes, iub_cum)
local three = random_seq(5 * N, homo_codes, homo_cum)
local from = {65, 67, 71, 84, 85, 77, 82, 87, 83, 89, 75, 86, 72, 68, 66, 78}
local to = {84, 71, 67, 65, 65, 75, 89, 87, 83, 82, 77, 66, 68, 72, 86, 78}
local tbl = {}
for i = 0, 127 do tbl[i] = i end
for i = 1, #from do
  tbl[from[i]] = to[i]
  tbl[from[i] + 32] = to[i]
end
local h = reverse_complement(0, one, tbl)
h = reverse_complement(h, two, tbl)
h = reverse_complement(h, three, tbl)
print(string.format("%d", h))
