-- n_body: the Benchmarks Game n-body simulation of the Jovian planets (symplectic
-- integrator, dt = 0.01) for N steps; bodies are kept in parallel arrays (1-based).
-- Prints the final energy times 10^9, truncated toward zero.
local N = 10000
if arg and arg[1] then N = tonumber(arg[1]) end
local sqrt = math.sqrt

local function energy(x, y, z, vx, vy, vz, mass)
  local e = 0.0
  local nb = #mass
  for i = 1, nb do
    e = e + 0.5 * mass[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i])
    for j = i + 1, nb do
      local dx = x[i] - x[j]
      local dy = y[i] - y[j]
      local dz = z[i] - z[j]
      e = e - mass[i] * mass[j] / sqrt(dx * dx + dy * dy + dz * dz)
    end
  end
  return e
end

local function advance(x, y, z, vx, vy, vz, mass, dt)
  local nb = #mass
  for i = 1, nb do
    for j = i + 1, nb do
      local dx = x[i] - x[j]
      local dy = y[i] - y[j]
      local dz = z[i] - z[j]
      local d2 = dx * dx + dy * dy + dz * dz
      local mag = dt / (d2 * sqrt(d2))
      local mi = mass[i] * mag
      local mj = mass[j] * mag
      vx[i] = vx[i] - dx * mj
      vy[i] = vy[i] - dy * mj
      vz[i] = vz[i] - dz * mj
      vx[j] = vx[j] + dx * mi
      vy[j] = vy[j] + dy * mi
      vz[j] = vz[j] + dz * mi
    end
  end
  for i = 1, nb do
    x[i] = x[i] + dt * vx[i]
    y[i] = y[i] + dt * vy[i]
    z[i] = z[i] + dt * vz[i]
  end
end

local pi = 3.141592653589793
local solar_mass = 4.0 * pi * pi
local dpy = 365.24
local x = {0.0, 4.84143144246472090e+00, 8.34336671824457987e+00, 1.28943695621391310e+01, 1.53796971148509165e+01}
local y = {0.0, -1.16032004402742839e+00, 4.12479856412430479e+00, -1.51111514016986312e+01, -2.59193146099879641e+01}
local z = {0.0, -1.03622044471123109e-01, -4.03523417114321381e-01, -2.23307578892655734e-01, 1.79258772950371181e-01}
local vx = {0.0, 1.66007664274403694e-03 * dpy, -2.76742510726862411e-03 * dpy, 2.96460137564761618e-03 * dpy, 2.68067772490389322e-03 * dpy}
local vy = {0.0, 7.69901118419740425e-03 * dpy, 4.99852801234917238e-03 * dpy, 2.37847173959480950e-03 * dpy, 1.62824170038242295e-03 * dpy}
local vz = {0.0, -6.90460016972063023e-05 * dpy, 2.30417297573763929e-05 * dpy, -2.96589568540237556e-05 * dpy, -9.51592254519715870e-05 * dpy}
local mass = {solar_mass, 9.54791938424326609e-04 * solar_mass, 2.85885980666130812e-04 * solar_mass, 4.36624404335156298e-05 * solar_mass, 5.15138902046611451e-05 * solar_mass}
local px, py, pz = 0.0, 0.0, 0.0
for i = 1, 5 do
  px = px + vx[i] * mass[i]
  py = py + vy[i] * mass[i]
  pz = pz + vz[i] * mass[i]
end
vx[1] = -px / solar_mass
vy[1] = -py / solar_mass
vz[1] = -pz / solar_mass
for _ = 1, N do advance(x, y, z, vx, vy, vz, mass, 0.01) end
local e = energy(x, y, z, vx, vy, vz, mass) * 1000000000.0
if e >= 0 then e = math.floor(e) else e = math.ceil(e) end
print(string.format("%d", e))
