-- fasta: the Benchmarks Game FASTA generator (ALU repeat of 2N, IUB random of 3N and
-- Homo sapiens random of 5N nucleotides from the reference LCG). Instead of writing
-- the 60-column text it folds every output byte (newlines included) into a hash,
-- which it prints.
local N = 20000
if arg and arg[1] then N = tonumber(arg[1]) end

local ALU = "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGGGAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGACCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAATACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCAGCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGGAGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCCAGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

local seed = 42

local function repeat_part(h, count, alu)
  local n = #alu
  local codes = {}
  for i = 1, n do codes[i - 1] = string.byte(alu, i) end
  for i = 0, count - 1 do
    h = (h * 31 + codes[i % n]) % 1000000007
    if (i + 1) % 60 == 0 or i == count - 1 then h = (h * 31 + 10) % 1000000007 end
  end
  return h
end

-- codes and cum are 1-based Lua arrays; j runs 1..last.
local function random_part(h, count, codes, cum)
  local last = #cum
  for i = 0, count - 1 do
    seed = (seed * 3877 + 29573) % 139968
    local r = seed / 139968.0
    local j = 1
    while j < last and r >= cum[j] do j = j + 1 end
    h = (h * 31 + codes[j]) % 1000000007
    if (i + 1) % 60 == 0 or i == count - 1 then h = (h * 31 + 10) % 1000000007 end
  end
  return h
end

local function cumulative(p)
  local out, acc = {}, 0.0
  for i = 1, #p do acc = acc + p[i]; out[i] = acc end
  return out
end

local iub_codes = {97, 99, 103, 116, 66, 68, 72, 75, 77, 78, 82, 83, 86, 87, 89}
local iub_cum = cumulative({0.27, 0.12, 0.12, 0.27, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02})
local homo_codes = {97, 99, 103, 116}
local homo_cum = cumulative({0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008})
local h = repeat_part(0, 2 * N, ALU)
h = random_part(h, 3 * N, iub_codes, iub_cum)
h = random_part(h, 5 * N, homo_codes, homo_cum)
print(string.format("%d", h))
