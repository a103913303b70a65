/**
 * The canonical check of the ion walkers: a single-seed diffusion-limited aggregate (Witten and
 * Sander, PRL 47, 1400, 1981) on the simple cubic lattice, grown by the same walker step
 * (`LatticeWalker`) and sticking rule (`StickySites`, 6 or 26 neighbourhood) as the deposits of
 * growByWalkers (fields/walkers.ts), so that the fractal dimension of the walker model can be
 * measured where the literature measured it: radial clusters of 1e3-1e5 particles (3D DLA,
 * D about 2.5: Meakin, PRA 27, 1495, 1983; off-lattice Tolman & Meakin, PRA 40, 428, 1989).
 *
 * Rules. The seed is one METAL voxel at the centre of a cubic lattice (grown by doubling as the
 * cluster grows, so that nothing reaches its edge). A walker starts at a uniform random point of
 * the launch sphere, radius R_l = r_max + 5 (r_max the farthest particle from the seed): a walker
 * from infinity first meets a sphere around everything uniformly. It takes unit lattice steps
 * (LatticeWalker) and is reduced on its first visit to a sticky site (sticking 1). A walker that
 * steps beyond R_out = R_l + max(5, R_l / 4) is carried back by the exact continuum law for the
 * region outside the launch sphere, which holds nothing: it escapes to infinity with probability
 * 1 - R_l / r, and is then replaced by a fresh walker (uniform on the launch sphere, as any walker
 * from infinity), or it first returns to the launch sphere at a point drawn from the exterior
 * Poisson kernel, density ~ (r^2 - R_l^2) / |x - y|^3. Brownian motion stands for the lattice walk
 * only there, at least 5 lattice units from the launch sphere and 10 from the cluster; every step
 * within R_out, where the cluster is met, is a lattice step.
 *
 * Output: the particles in order of arrival (positions relative to the seed) and the radius of
 * gyration at the requested cluster sizes; the lattice itself for the correlation integral.
 */
import { EMPTY, METAL } from '../lattice/voxel.js';
import type { Rng } from '../kmc/rng.js';
import { LatticeWalker, StickySites, type StickingNeighbourhood } from './walkers.js';

export interface DlaCluster {
  /** particles in the cluster, the seed included */
  particles: number;
  /** positions relative to the seed, in order of arrival (index 0 is the seed) */
  x: Int16Array; y: Int16Array; z: Int16Array;
  /** radius of gyration (lattice units) at each requested size */
  gyration: { n: number; rg: number }[];
  /** farthest particle from the seed at the end */
  rMax: number;
  /** lattice steps walked, walkers carried back to the launch sphere, walkers that escaped */
  steps: number; returns: number; escapes: number;
  /** the final lattice (cubic, edge `edge`, seed at (c, c, c), c = edge / 2) */
  code: Uint8Array; edge: number;
}

const LAUNCH_GAP = 5;

/**
 * Where a Brownian walker at distance r from the centre of a sphere of radius R (r > R), given that
 * it reaches the sphere, first meets it: the cosine of the angle between the meeting point and the
 * walker's direction, from a uniform u in [0, 1). The exterior Poisson kernel in 3D has density
 * ~ (r^2 - R^2) / |x - y|^3 over the sphere, which makes 1/|x - y| uniform between 1/(r + R) and
 * 1/(r - R); its mean is R / r.
 */
export function exteriorReturnCosine(r: number, R: number, u: number): number {
  const inv = 1 / (r + R) + u * (1 / (r - R) - 1 / (r + R));
  return Math.min(1, Math.max(-1, (r * r + R * R - 1 / (inv * inv)) / (2 * r * R)));
}

export function growDlaCluster(
  rng: Rng, opts: { particles: number; neighbourhood?: StickingNeighbourhood; gyrationAt?: number[] },
): DlaCluster {
  const n = opts.particles;
  if (!Number.isInteger(n) || n < 1 || n > 5e6) throw new RangeError(`particles must be an integer from 1 to 5e6, got ${n}`);
  const nbh = opts.neighbourhood ?? 6;
  const px = new Int16Array(n), py = new Int16Array(n), pz = new Int16Array(n);
  const want = [...(opts.gyrationAt ?? [])].sort((a, b) => a - b);
  const gyration: { n: number; rg: number }[] = [];
  let sx = 0, sy = 0, sz = 0, sr2 = 0;
  let edge = 64, c = 32;
  let code = new Uint8Array(edge ** 3);
  let sites!: StickySites;
  let w!: LatticeWalker;
  const build = () => {
    code = new Uint8Array(edge ** 3);
    c = edge >> 1;
    for (let k = 0; k < count; k++) code[(c + px[k]!) + edge * (c + py[k]!) + edge * edge * (c + pz[k]!)] = METAL;
    sites = new StickySites(code, [edge, edge, edge], nbh);
    w = new LatticeWalker(edge, edge);
  };
  let count = 1;            // the seed, at the origin
  build();
  let rMax = 0, rl = LAUNCH_GAP, rOut = rl + Math.max(5, rl / 4);
  let steps = 0, returns = 0, escapes = 0;
  const e2 = () => edge * edge;
  /** a uniform random direction scaled to radius r, put on the nearest lattice site */
  const placeOnSphere = (ux: number, uy: number, uz: number) => {
    w.place(c + Math.round(ux), c + Math.round(uy), c + Math.round(uz));
  };
  const launch = () => {
    const u = 2 * rng.next() - 1, phi = 2 * Math.PI * rng.next(), s = Math.sqrt(1 - u * u);
    placeOnSphere(rl * s * Math.cos(phi), rl * s * Math.sin(phi), rl * u);
  };
  while (gyration.length < want.length && want[gyration.length]! <= 1) gyration.push({ n: 1, rg: 0 });
  while (count < n) {
    launch();
    for (;;) {
      const v = w.x + edge * w.y + e2() * w.z;
      if (sites.captures(v, rng, 1)) {
        sites.deposit(v);
        const dx = w.x - c, dy = w.y - c, dz = w.z - c;
        px[count] = dx; py[count] = dy; pz[count] = dz;
        count++;
        sx += dx; sy += dy; sz += dz; sr2 += dx * dx + dy * dy + dz * dz;
        while (gyration.length < want.length && want[gyration.length]! <= count) {
          const mx = sx / count, my = sy / count, mz = sz / count;
          gyration.push({ n: count, rg: Math.sqrt(Math.max(0, sr2 / count - mx * mx - my * my - mz * mz)) });
        }
        const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (r > rMax) {
          rMax = r; rl = rMax + LAUNCH_GAP; rOut = rl + Math.max(5, rl / 4);
          // keep the return sphere and one more layer inside the lattice (no periodic image is ever met)
          if (c - Math.ceil(rOut) - 2 < 0) {
            if (edge * 2 > 32000) throw new RangeError('cluster too large for 16-bit positions');
            edge *= 2; build();
          }
        }
        break;
      }
      w.propose(rng);
      steps++;
      const dx = w.x2 - c, dy = w.y2 - c, dz = w.z2 - c, r2 = dx * dx + dy * dy + dz * dz;
      if (r2 > rOut * rOut) {
        const r = Math.sqrt(r2);
        if (rng.next() >= rl / r) { escapes++; launch(); continue; }
        // first return to the launch sphere from r, at the angle drawn from the Poisson kernel
        returns++;
        const cosT = exteriorReturnCosine(r, rl, rng.next());
        const sinT = Math.sqrt(1 - cosT * cosT), phi = 2 * Math.PI * rng.next();
        const ax = dx / r, ay = dy / r, az = dz / r;
        // an orthonormal pair perpendicular to (ax, ay, az)
        const hx = Math.abs(ax) < 0.9 ? 1 : 0, hy = hx === 1 ? 0 : 1;
        let bx = hy * az, by = -hx * az, bz = hx * ay - hy * ax;
        const bn = Math.hypot(bx, by, bz); bx /= bn; by /= bn; bz /= bn;
        const qx = ay * bz - az * by, qy = az * bx - ax * bz, qz = ax * by - ay * bx;
        const cp = Math.cos(phi) * sinT, sp = Math.sin(phi) * sinT;
        placeOnSphere(rl * (cosT * ax + cp * bx + sp * qx), rl * (cosT * ay + cp * by + sp * qy), rl * (cosT * az + cp * bz + sp * qz));
        continue;
      }
      if (code[w.x2 + edge * w.y2 + e2() * w.z2] !== EMPTY) continue;
      w.accept();
    }
  }
  return { particles: count, x: px, y: py, z: pz, gyration, rMax, steps, returns, escapes, code, edge };
}
