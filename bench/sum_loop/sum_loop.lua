-- sum_loop: a tight integer loop with a loop-carried multiply-add-modulo chain.
-- Prints the final accumulator (values stay below 2^53, exact in LuaJIT too).
local N = 500000
if arg and arg[1] then N = tonumber(arg[1]) end

local function run(n)
  local s = 0
  for i = 0, n - 1 do
    s = (s * 31 + i) % 1000000007
  end
  return s
end

print(string.format("%d", run(N)))
