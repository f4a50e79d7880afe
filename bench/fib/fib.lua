-- fib: naive doubly recursive Fibonacci; measures call overhead. Prints fib(N).
local N = 25
if arg and arg[1] then N = tonumber(arg[1]) end

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

print(string.format("%d", fib(N)))
