// n_body: the Benchmarks Game n-body simulation of the Jovian planets (symplectic
// integrator, dt = 0.01) for N steps; bodies are kept in parallel float64 slices.
// Prints the final energy times 10^9, truncated to an integer.
package main

import (
	"fmt"
	"math"
	"os"
	"strconv"
)

func energy(x, y, z, vx, vy, vz, mass []float64) float64 {
	e := 0.0
	nb := len(mass)
	for i := 0; i < nb; i++ {
		e = e + 0.5*mass[i]*(vx[i]*vx[i]+vy[i]*vy[i]+vz[i]*vz[i])
		for j := i + 1; j < nb; j++ {
			dx := x[i] - x[j]
			dy := y[i] - y[j]
			dz := z[i] - z[j]
			e = e - mass[i]*mass[j]/math.Sqrt(dx*dx+dy*dy+dz*dz)
		}
	}
	return e
}

func advance(x, y, z, vx, vy, vz, mass []float64, dt float64) {
	nb := len(mass)
	for i := 0; i < nb; i++ {
		for j := i + 1; j < nb; j++ {
			dx := x[i] - x[j]
			dy := y[i] - y[j]
			dz := z[i] - z[j]
			d2 := dx*dx + dy*dy + dz*dz
			mag := dt / (d2 * math.Sqrt(d2))
			mi := mass[i] * mag
			mj := mass[j] * mag
			vx[i] = vx[i] - dx*mj
			vy[i] = vy[i] - dy*mj
			vz[i] = vz[i] - dz*mj
			vx[j] = vx[j] + dx*mi
			vy[j] = vy[j] + dy*mi
			vz[j] = vz[j] + dz*mi
		}
	}
	for i := 0; i < nb; i++ {
		x[i] = x[i] + dt*vx[i]
		y[i] = y[i] + dt*vy[i]
		z[i] = z[i] + dt*vz[i]
	}
}

func main() {
	N := 10000
	if len(os.Args) > 1 {
		N, _ = strconv.Atoi(os.Args[1])
	}
	pi := 3.141592653589793
	solarMass := 4.0 * pi * pi
	dpy := 365.24
	x := []float64{0.0, 4.84143144246472090e+00, 8.34336671824457987e+00, 1.28943695621391310e+01, 1.53796971148509165e+01}
	y := []float64{0.0, -1.16032004402742839e+00, 4.12479856412430479e+00, -1.51111514016986312e+01, -2.59193146099879641e+01}
	z := []float64{0.0, -1.03622044471123109e-01, -4.03523417114321381e-01, -2.23307578892655734e-01, 1.79258772950371181e-01}
	vx := []float64{0.0, 1.66007664274403694e-03 * dpy, -2.76742510726862411e-03 * dpy, 2.96460137564761618e-03 * dpy, 2.68067772490389322e-03 * dpy}
	vy := []float64{0.0, 7.69901118419740425e-03 * dpy, 4.99852801234917238e-03 * dpy, 2.37847173959480950e-03 * dpy, 1.62824170038242295e-03 * dpy}
	vz := []float64{0.0, -6.90460016972063023e-05 * dpy, 2.30417297573763929e-05 * dpy, -2.96589568540237556e-05 * dpy, -9.51592254519715870e-05 * dpy}
	mass := []float64{solarMass, 9.54791938424326609e-04 * solarMass, 2.85885980666130812e-04 * solarMass, 4.36624404335156298e-05 * solarMass, 5.15138902046611451e-05 * solarMass}
	px, py, pz := 0.0, 0.0, 0.0
	for i := 0; i < 5; i++ {
		px = px + vx[i]*mass[i]
		py = py + vy[i]*mass[i]
		pz = pz + vz[i]*mass[i]
	}
	vx[0] = -px / solarMass
	vy[0] = -py / solarMass
	vz[0] = -pz / solarMass
	for step := 0; step < N; step++ {
		advance(x, y, z, vx, vy, vz, mass, 0.01)
	}
	fmt.Println(int64(energy(x, y, z, vx, vy, vz, mass) * 1000000000.0))
}
