-- prime_count: counts the primes below N by trial division with odd divisors up to
-- the square root. Prints the count.
local N = 30000
if arg and arg[1] then N = tonumber(arg[1]) end

local function is_prime(n)
  if n < 2 then return false end
  if n % 2 == 0 then return n == 2 end
  local d = 3
  while d * d <= n do
    if n % d == 0 then return false end
    d = d + 2
  end
  return true
end

local c = 0
for i = 0, N - 1 do
  if is_prime(i) then c = c + 1 end
end
print(string.format("%d", c))
