-- k_nucleotide: the Benchmarks Game k-mer counting benchmark. Its input, the Homo
-- sapiens part of fasta's output (5N nucleotides), is generated in-program with the
-- same LCG (advanced past fasta's 3N IUB draws). Counts every k-mer for k = 1, 2, 3,
-- 4, 6, 12, 18 in a table (k-mers packed 2 bits per base into a number key, exact
-- below 2^53), and hashes the 1- and 2-mer counts and the counts of GGT, GGTA,
-- GGTATT, GGTATTTTAATT, GGTATTTTAATTTATAGT into one printed checksum.
local N = 5000
if arg and arg[1] then N = tonumber(arg[1]) end

local function homo_sapiens(n)
  local cum = {0.3029549426680, 0.1979883004921, 0.1975473066391, 0.3015094502008}
  local c0 = cum[1]
  local c1 = c0 + cum[2]
  local c2 = c1 + cum[3]
  local seed = 42
  for _ = 1, 3 * n do seed = (seed * 3877 + 29573) % 139968 end
  local seq = {}
  for i = 1, 5 * n do
    seed = (seed * 3877 + 29573) % 139968
    local r = seed / 139968.0
    if r < c0 then seq[i] = 0
    elseif r < c1 then seq[i] = 1
    elseif r < c2 then seq[i] = 2
    else seq[i] = 3 end
  end
  return seq
end

local function pow4(k)
  local p = 1
  for _ = 1, k do p = p * 4 end
  return p
end

local function count_kmers(seq, k)
  local counts = {}
  local mod = pow4(k)
  local key = 0
  for i = 1, #seq do
    key = (key * 4 + seq[i]) % mod
    if i >= k then counts[key] = (counts[key] or 0) + 1 end
  end
  return counts
end

local function encode(s)
  local key = 0
  for i = 1, #s do
    local c = s:sub(i, i)
    local code = 3
    if c == "A" then code = 0 elseif c == "C" then code = 1 elseif c == "G" then code = 2 end
    key = key * 4 + code
  end
  return key
end

local seq = homo_sapiens(N)
local h = 0
for k = 1, 2 do
  local counts = count_kmers(seq, k)
  for code = 0, pow4(k) - 1 do h = (h * 31 + (counts[code] or 0)) % 1000000007 end
end
for _, t in ipairs({"GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT"}) do
  local counts = count_kmers(seq, #t)
  h = (h * 31 + (counts[encode(t)] or 0)) % 1000000007
end
print(string.format("%d", h))
