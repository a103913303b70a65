/**
 * Reference diffusion app (the like-for-like model for speed comparisons with other kMC codes,
 * e.g. SPPARKS' "diffusion" app): simple-cubic lattice, periodic in x, y and z, a random 50 %
 * occupancy, every atom hops to each empty neighbour. Rates are either all equal (nu per hop),
 * or bond counting: nu * exp(-(E0 + n Eb) / kT) per hop, n = occupied neighbours of the atom.
 *
 * Because a hop's rate depends only on n, an atom's total rate (6 - n) * k(n) falls in one of
 * six classes and the n-fold way selects in O(1).
 */
import { Rng } from '../kmc/rng.js';
import { ClassSolver } from '../kmc/solver.js';
import { CubicLattice } from '../kmc/lattice.js';
import { InputError } from '../errors.js';

export interface DiffusionOptions {
  size: number; // L, the lattice is L x L x L
  occupancy?: number; // default 0.5
  mode?: 'equal' | 'bond'; // default 'bond'
  E0_eV?: number; // default 0.10
  Eb_eV?: number; // default 0.05
  kT_eV?: number; // default 0.0257
  nu_per_s?: number; // default 1e13
  seed?: number;
}

export class DiffusionApp {
  readonly lat: CubicLattice;
  readonly occ: Uint8Array; // 1 = atom
  readonly nOcc: Uint8Array; // occupied neighbours of each site
  readonly solver: ClassSolver;
  readonly rng: Rng;
  /** class id for n = 0..5 (n = 6: no hop) */
  private readonly classOfN: Int32Array;
  private readonly totals = new Float64Array(1);
  time = 0;
  events = 0;
  readonly atoms: number;
  private readonly nb = new Int32Array(6);

  constructor(o: DiffusionOptions) {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new InputError('options', o, 'a map with size, e.g. { size: 32 }');
    if (!(Number.isInteger(o.size) && o.size >= 2 && o.size <= 1024)) throw new InputError('size', o.size, 'an integer from 2 to 1024 (the lattice is size^3)');
    const L = o.size;
    this.lat = new CubicLattice(L, L, L, true);
    const n = this.lat.n;
    this.rng = new Rng(o.seed ?? 1);
    this.occ = new Uint8Array(n);
    this.nOcc = new Uint8Array(n);
    this.solver = new ClassSolver(1, n);
    const kT = o.kT_eV ?? 0.0257, E0 = o.E0_eV ?? 0.1, Eb = o.Eb_eV ?? 0.05, nu = o.nu_per_s ?? 1e13;
    this.classOfN = new Int32Array(7).fill(-1);
    for (let k = 0; k < 6; k++) {
      const perHop = o.mode === 'equal' ? nu : nu * Math.exp(-(E0 + k * Eb) / kT);
      this.classOfN[k] = this.solver.addClass((6 - k) * perHop, 0);
    }
    // exactly round(occupancy * n) atoms at random sites (partial Fisher-Yates)
    const target = Math.round((o.occupancy ?? 0.5) * n);
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = 0; i < target; i++) {
      const j = i + this.rng.int(n - i);
      const t = perm[i]!; perm[i] = perm[j]!; perm[j] = t;
      this.occ[perm[i]!] = 1;
    }
    this.atoms = target;
    const nb = this.nb;
    for (let i = 0; i < n; i++) {
      this.lat.neighbors(i, nb);
      let c = 0;
      for (let d = 0; d < 6; d++) c += this.occ[nb[d]!]!;
      this.nOcc[i] = c;
    }
    for (let i = 0; i < n; i++) if (this.occ[i]) this.solver.set(i, this.classOfN[this.nOcc[i]!]!);
  }

  /** Runs `events` hops (or fewer if nothing can move). Returns the number done. */
  run(events: number): number {
    const { occ, nOcc, solver, rng, lat, classOfN, totals, nb } = this;
    let done = 0;
    for (; done < events; done++) {
      const R = solver.sum[0]!;
      totals[0] = R;
      const s = solver.select(totals, rng);
      if (s < 0) break;
      // pick an empty neighbour uniformly
      lat.neighbors(s, nb);
      const free = 6 - nOcc[s]!;
      let k = rng.int(free);
      let d = -1;
      for (let j = 0; j < 6; j++) {
        const t = nb[j]!;
        if (occ[t] === 0) { if (k === 0) { d = t; break; } k--; }
      }
      this.time += -Math.log(rng.nextOpen()) / R;
      // move
      occ[s] = 0; occ[d] = 1;
      solver.set(s, -1);
      for (let j = 0; j < 6; j++) {
        const t = nb[j]!;
        nOcc[t]!--;
        if (occ[t] === 1) solver.set(t, classOfN[nOcc[t]!]!);
      }
      lat.neighbors(d, nb);
      for (let j = 0; j < 6; j++) {
        const t = nb[j]!;
        nOcc[t]!++;
        if (occ[t] === 1) solver.set(t, classOfN[nOcc[t]!]!);
      }
      solver.set(d, classOfN[nOcc[d]!]!);
    }
    this.events += done;
    solver.resum();
    return done;
  }

  /** Bytes of the app's per-site state and the solver. */
  bytes(): number { return this.occ.byteLength + this.nOcc.byteLength + this.solver.bytes(); }
}
