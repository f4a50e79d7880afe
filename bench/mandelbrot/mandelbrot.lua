-- mandelbrot: the Benchmarks Game Mandelbrot set on an N x N grid over
-- [-1.5, 0.5] x [-1, 1], 50 iterations, escape radius 2. Packs 8 points per byte
-- (rows padded) like the PBM output, and prints a hash of those bytes.
local N = 160
if arg and arg[1] then N = tonumber(arg[1]) end

local function mandelbrot(n)
  local h = 0
  local fn = n + 0.0
  for y = 0, n - 1 do
    local ci = 2.0 * y / fn - 1.0
    local bits, bit_num = 0, 0
    for x = 0, n - 1 do
      local cr = 2.0 * x / fn - 1.5
      local zr, zi, tr, ti = 0.0, 0.0, 0.0, 0.0
      local i = 0
      while i < 50 and tr + ti <= 4.0 do
        zi = 2.0 * zr * zi + ci
        zr = tr - ti + cr
        tr = zr * zr
        ti = zi * zi
        i = i + 1
      end
      bits = bits * 2
      if tr + ti <= 4.0 then bits = bits + 1 end
      bit_num = bit_num + 1
      if bit_num == 8 then
        h = (h * 31 + bits) % 1000000007
        bits = 0
        bit_num = 0
      end
    end
    if bit_num > 0 then
      while bit_num < 8 do bits = bits * 2; bit_num = bit_num + 1 end
      h = (h * 31 + bits) % 1000000007
    end
  end
  return h
end

print(string.format("%d", mandelbrot(N)))
