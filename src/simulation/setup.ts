/**
 * From a resolved run to the plating app: the lattice (host layers, SAC placement) and the
 * physics numbers (rates per site, charge per voxel, hop attempt frequency).
 */
import { seiPhysics } from '../apps/events/sei.js';
import type { ResolvedRun } from '../input/types.js';
import { CONST } from '../units.js';
import { Rng, seedStream } from '../kmc/rng.js';
import { CubicLattice } from '../kmc/lattice.js';
import { fillVicinalFoil, vicinalLattice } from './vicinal-foil.js';
import { HOST_BASE, METAL, SAC_BASE } from '../lattice/voxel.js';
import type { PlatingPhysics } from '../apps/plating.js';

export interface Derived {
  kT_eV: number;
  /** f = e / kT, 1/V */
  f_per_V: number;
  /** charge per voxel, C: (a^3 / Omega) z e */
  q_C: number;
  /** projected electrode area of the box, m2 */
  area_m2: number;
  /** exchange rate per surface site of the metal on itself, 1/s: i0 a^2 / q */
  k0_per_s: number;
  /** hop attempt frequency after coarse-graining, 1/s: nu (a0/a)^4 in the mesoscale mode */
  nuHop_per_s: number;
  /** (a0 / a)^4 */
  hopScaling: number;
  hostTopZ: number;
  /** host code used in the lattice (METAL when the host is the metal's own foil) */
  hostCode: number;
}

export function derive(run: ResolvedRun): Derived {
  const m = run.metal;
  const kT = CONST.kB_eV * run.temperature_K;
  const a = run.lattice.voxel_m;
  const q = (a ** 3 / m.atomicVolume_m3) * m.z * CONST.e;
  const [nx, ny] = run.lattice.size;
  const area = nx * ny * a * a;
  const k0 = (m.i0_A_per_m2 * a * a) / q;
  // Coarse-graining of surface diffusion (Mullins): relaxation of a feature of size a by surface
  // diffusion scales as a^-4, so a voxel of edge a hops (a0/a)^4 times as often as an atom.
  const hopScaling = run.lattice.mode === 'atomistic' ? 1 : (m.atomicSpacing_m / a) ** 4;
  const hostIsMetal = run.host.name === m.name;
  return {
    kT_eV: kT,
    f_per_V: 1 / kT,
    q_C: q,
    area_m2: area,
    k0_per_s: k0,
    nuHop_per_s: m.nu_per_s * hopScaling,
    hopScaling,
    hostTopZ: run.lattice.hostLayers - 1,
    hostCode: hostIsMetal ? METAL : HOST_BASE,
  };
}

export function physicsOf(run: ResolvedRun, d: Derived): PlatingPhysics {
  const m = run.metal;
  const substrate: PlatingPhysics['substrate'] = new Map();
  if (d.hostCode !== METAL) {
    substrate.set(HOST_BASE, {
      binding_eV: run.host.binding_eV, redShift_eV: run.host.redShift_eV,
      terraceBarrier_eV: run.host.terraceBarrier_eV, conducting: run.host.conducting,
    });
  }
  // A SAC conducts when electrons reach it (MODEL.md 3.1, "an electronically connected solid"): through a conducting host,
  // or from the collector when it sits in the bottom layer (one host layer). On an insulating host above that it is an
  // island no path joins to the collector; until energyaudit it conducted there and plated metal that stripped and hopped
  // without any path (apps/connectivity.ts's invariant broken). Built-in hosts all conduct: no built-in run changes.
  const sacConducts = run.host.conducting || run.lattice.hostLayers === 1;
  run.sacs.forEach((s, i) => {
    // hops off a SAC pay its binding like every other bond (one energy function, apps/plating.ts)
    substrate.set(SAC_BASE + i, {
      binding_eV: s.site.binding_eV, redShift_eV: s.site.redShift_eV,
      terraceBarrier_eV: s.site.terraceBarrier_eV, conducting: sacConducts,
    });
  });
  return {
    kT_eV: d.kT_eV,
    k0_per_s: d.k0_per_s,
    nuHop_per_s: d.nuHop_per_s,
    bond_eV: m.bond_eV,
    lateralBond_eV: m.lateralBond_eV,
    schwoebel_eV: m.schwoebel_eV,
    terraceBarrierMetal_eV: m.terraceBarrier_eV,
    substrate,
    irreversible: run.model?.irreversible === true,
    reduction: run.model?.reduction ?? 'per-site',
    ...(run.model?.hops === 'balanced' ? { hops: 'balanced' as const } : {}),
    ...(run.model?.sealedPores === 'keep' || run.model?.sealedPores === 'void' ? { sealedPores: run.model.sealedPores } : {}),
    ...(run.sei?.reconnectDeadOnContact ? { reconnectDead: true } : {}),
    ...(run.sei ? { sei: seiPhysics(run.sei, { kT_eV: d.kT_eV, voxel_m: run.lattice.voxel_m, i0_A_per_m2: m.i0_A_per_m2, bond_eV: m.bond_eV }) } : {}),
  };
}

/** Tag of the random stream that places the SACs (kmc/rng.ts seedStream). */
export const SAC_PLACEMENT_STREAM = 1;

/**
 * Builds the voxel codes: host layers at the bottom, SACs in the top host layer. SAC placement
 * draws from its own stream of the run's seed (seedStream), not from the kinetic stream: the same
 * seed then gives the same kinetic numbers with and without SACs, so a SAC whose parameters equal
 * the host's gives the host's run bit for bit (test/sac-twin.test.ts), and a SAC-vs-host pair on one
 * seed shares its random numbers until the SACs make the runs differ.
 */
export function buildLattice(run: ResolvedRun, d: Derived): { lat: CubicLattice; code: Uint8Array } {
  const rng = seedStream(run.seed, SAC_PLACEMENT_STREAM);
  const [nx, ny, nz] = run.lattice.size;
  const vicinal = run.lattice.foil === 'vicinal' && run.lattice.terraceWidth !== undefined && d.hostCode === METAL;
  const lat = vicinal ? vicinalLattice(run) : new CubicLattice(nx, ny, nz, false);
  const code = new Uint8Array(lat.n);
  const nxy = nx * ny;
  code.fill(d.hostCode, 0, nxy * run.lattice.hostLayers);
  const w = run.lattice.terraceWidth;
  if (vicinal) fillVicinalFoil(run, code);
  else if (w !== undefined && d.hostCode === METAL) {
    // a stepped foil: monatomic steps along the diagonal, terraces w wide, as many levels up and
    // then down as fit in the period P = gcd(nx, ny) of (x + y): heights 0, 1, ..., k, k-1, ..., 1
    // with k = P / 2w (k = 1: one more layer where (x + y) mod 2w >= w). Diagonal steps on a simple
    // cubic (100) face are fully kinked: every step site is a kink (half-crystal) site, as on a real
    // polycrystalline foil. Plating fills the valleys by step flow; the steps last about k / 2
    // monolayers (with k = 1 the foil was flat after half a monolayer and then had to nucleate).
    // The foil counts as initial metal.
    const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
    const P = gcd(nx, ny), k = Math.max(1, Math.floor(P / (2 * w)));
    const z0 = run.lattice.hostLayers;
    for (let p = 0; p < nxy; p++) {
      const i = Math.floor((((p % nx) + Math.floor(p / nx)) % (2 * w * k)) / w);
      const h = Math.min(i <= k ? i : 2 * k - i, nz - z0 - 2);
      for (let l = 0; l < h; l++) code[(z0 + l) * nxy + p] = METAL;
    }
  }
  const top = d.hostTopZ * nxy;
  const taken = new Uint8Array(nxy);
  run.sacs.forEach((s, i) => {
    const want = Math.round(s.loading_fraction * nxy);
    const sites = placeSites(s.arrangement, want, nx, ny, taken, rng);
    for (const p of sites) { code[top + p] = SAC_BASE + i; taken[p] = 1; }
  });
  return { lat, code };
}

function placeSites(arr: string, want: number, nx: number, ny: number, taken: Uint8Array, rng: Rng): number[] {
  const n = nx * ny;
  const free: number[] = [];
  for (let i = 0; i < n; i++) if (!taken[i]) free.push(i);
  want = Math.min(want, free.length);
  if (want <= 0) return [];
  if (arr === 'grid') {
    // a regular square grid with about `want` points
    const g = Math.max(1, Math.round(Math.sqrt(want)));
    const gx = g, gy = Math.max(1, Math.round(want / g));
    const out: number[] = [];
    for (let j = 0; j < gy; j++) for (let i = 0; i < gx; i++) {
      const x = Math.floor(((i + 0.5) * nx) / gx), y = Math.floor(((j + 0.5) * ny) / gy);
      const p = x + nx * y;
      if (!taken[p]) out.push(p);
    }
    return out;
  }
  if (arr === 'clustered') {
    // clusters of about 5 sites grown from random centres by nearest free neighbours
    const out: number[] = [];
    const mark = new Uint8Array(n);
    while (out.length < want) {
      let c = free[rng.int(free.length)]!;
      let guard = 0;
      while ((mark[c] || taken[c]) && guard++ < 100) c = free[rng.int(free.length)]!;
      if (mark[c] || taken[c]) break;
      const cluster = [c]; mark[c] = 1; out.push(c);
      for (let k = 1; k < 5 && out.length < want; k++) {
        const base = cluster[rng.int(cluster.length)]!;
        const x = base % nx, y = (base / nx) | 0;
        const dirs = [[1, 0], [-1, 0], [0, 1], [0, -1]];
        const [dx, dy] = dirs[rng.int(4)]!;
        const p = ((x + dx! + nx) % nx) + nx * ((y + dy! + ny) % ny);
        if (!mark[p] && !taken[p]) { mark[p] = 1; cluster.push(p); out.push(p); }
      }
    }
    return out;
  }
  // random: partial Fisher-Yates over the free sites
  for (let i = 0; i < want; i++) {
    const j = i + rng.int(free.length - i);
    const t = free[i]!; free[i] = free[j]!; free[j] = t;
  }
  return free.slice(0, want);
}
