-- binary_trees: the Benchmarks Game allocation benchmark (tables as nodes). Builds a
-- stretch tree of depth N+1, a long-lived tree of depth N, and 2^(N-d+4) short-lived
-- trees at each depth d = 4, 6, ..., N. Prints the sum of every node count checked.
local N = 10
if arg and arg[1] then N = tonumber(arg[1]) end

local function bottom_up(depth)
  if depth <= 0 then return {} end
  return { bottom_up(depth - 1), bottom_up(depth - 1) }
end

local function check(t)
  if not t[1] then return 1 end
  return 1 + check(t[1]) + check(t[2])
end

local min_depth = 4
local max_depth = N
if min_depth + 2 > max_depth then max_depth = min_depth + 2 end
local total = check(bottom_up(max_depth + 1))
local long_lived = bottom_up(max_depth)
for d = min_depth, max_depth, 2 do
  local iterations = 1
  for _ = 1, max_depth - d + min_depth do iterations = iterations * 2 end
  local c = 0
  for _ = 1, iterations do c = c + check(bottom_up(d)) end
  total = total + c
end
total = total + check(long_lived)
print(string.format("%d", total))
