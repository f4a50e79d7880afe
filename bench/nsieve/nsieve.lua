-- nsieve: the Benchmarks Game sieve of Eratosthenes, run for m = 10000 * 2^N,
-- 10000 * 2^(N-1) and 10000 * 2^(N-2). Prints the sum of the three prime counts.
local N = 2
if arg and arg[1] then N = tonumber(arg[1]) end

local function nsieve(m)
  local flags = {}
  for i = 0, m do flags[i] = true end
  local count = 0
  for i = 2, m do
    if flags[i] then
      count = count + 1
      for k = i + i, m, i do flags[k] = false end
    end
  end
  return count
end

local total = 0
for j = 0, 2 do
  local p = 1
  for _ = 1, N - j do p = p * 2 end
  total = total + nsieve(10000 * p)
end
print(string.format("%d", total))
