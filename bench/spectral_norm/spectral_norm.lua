-- spectral_norm: the Benchmarks Game spectral norm of the infinite matrix
-- A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1), truncated to N x N, by 10 power iterations of
-- A^T A. Prints the norm times 10^9, truncated. Indices are 0-based as elsewhere.
local N = 80
if arg and arg[1] then N = tonumber(arg[1]) end

local function eval_a(i, j)
  return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1)
end

local function multiply_av(n, v, av)
  for i = 0, n - 1 do
    local s = 0.0
    for j = 0, n - 1 do s = s + eval_a(i, j) * v[j] end
    av[i] = s
  end
end

local function multiply_atv(n, v, atv)
  for i = 0, n - 1 do
    local s = 0.0
    for j = 0, n - 1 do s = s + eval_a(j, i) * v[j] end
    atv[i] = s
  end
end

local function multiply_atav(n, v, out, tmp)
  multiply_av(n, v, tmp)
  multiply_atv(n, tmp, out)
end

local u, v, tmp = {}, {}, {}
for i = 0, N - 1 do u[i] = 1.0; v[i] = 0.0; tmp[i] = 0.0 end
for _ = 1, 10 do
  multiply_atav(N, u, v, tmp)
  multiply_atav(N, v, u, tmp)
end
local vbv, vv = 0.0, 0.0
for i = 0, N - 1 do
  vbv = vbv + u[i] * v[i]
  vv = vv + v[i] * v[i]
end
print(string.format("%d", math.floor(math.sqrt(vbv / vv) * 1000000000.0)))
