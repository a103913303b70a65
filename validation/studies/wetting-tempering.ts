/**
 * Replica exchange (parallel tempering) of one island on a host, with the plating app's own hop
 * dynamics inside each replica (Swendsen and Wang, PRL 57, 2607, 1986; Hukushima and Nemoto, JPSJ
 * 65, 1604, 1996). Used by the `wetting` study.
 *
 * Why it samples the equilibrium of the engine's energy function: hops are the only events (no
 * reduction or oxidation: a conserved island). A hop's rate is nu exp(-(E_ts + E_bond)/kT) with
 * E_bond the bonds the atom has before the move, and every move has its reverse (an atom on top of
 * a column goes to a neighbouring column of height h-2 .. h and back; with connectivity on, an atom
 * with metal above does not move, so the island stays a height map), so each replica's kMC obeys
 * detailed balance with E = -E_mm (metal-metal bonds) - E_host (atoms on the host). Each replica
 * runs for a FIXED SIMULATED TIME per round (a state-independent stop: the last drawn waiting time
 * that would cross it is not executed, exact by memorylessness), so a replica in equilibrium is
 * still in equilibrium at the round's end (a fixed number of events would bias towards fast
 * states). Then neighbouring temperatures exchange configurations with the Metropolis probability
 * min(1, exp((1/kT_i - 1/kT_j)(E_i - E_j))). Shapes are sampled at round ends, so every sample
 * is a draw from the Boltzmann distribution at its temperature once the chain has mixed.
 */
import { CubicLattice } from '../../src/kmc/lattice.js';
import { Rng } from '../../src/kmc/rng.js';
import { PlatingApp, CH_HOP } from '../../src/apps/plating.js';
import { METAL, HOST_BASE } from '../../src/lattice/voxel.js';

const KB = 8.617333262e-5;

export interface IslandBox { L: number; NZ: number }

/** Largest 6-connected metal island: atoms and atoms on the host (base); total metal. */
export function islandShape(code: Uint8Array, box: IslandBox): { atoms: number; base: number; total: number } {
  const { L, NZ } = box, nxy = L * L, n = nxy * NZ, seen = new Uint8Array(n);
  let best = { atoms: 0, base: 0 }, total = 0;
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (code[i] !== METAL) continue;
    total++;
    if (seen[i]) continue;
    seen[i] = 1; stack.push(i);
    let atoms = 0, base = 0;
    while (stack.length) {
      const v = stack.pop()!;
      atoms++;
      const z = (v / nxy) | 0, r = v - z * nxy, y = (r / L) | 0, x = r - y * L;
      if (z === 1) base++;
      for (const [dx, dy, dz] of [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]] as const) {
        const zz = z + dz;
        if (zz < 0 || zz >= NZ) continue;
        const w = ((x + dx + L) % L) + L * ((y + dy + L) % L) + nxy * zz;
        if (code[w] === METAL && !seen[w]) { seen[w] = 1; stack.push(w); }
      }
    }
    if (atoms > best.atoms) best = { atoms, base };
  }
  return { ...best, total };
}

/** height / width of the largest island: (atoms / base) / sqrt(base) */
export const islandRatio = (s: { atoms: number; base: number }): number => s.atoms / s.base / Math.sqrt(s.base);

/** Energy of the engine's bond counting: -E_mm per metal-metal pair - E_host per metal atom on the host (z = 1). */
export function islandEnergy(code: Uint8Array, box: IslandBox, eMM: number, eHost: number): number {
  const { L, NZ } = box, nxy = L * L;
  let mm = 0, mh = 0;
  for (let z = 1; z < NZ; z++) for (let y = 0; y < L; y++) for (let x = 0; x < L; x++) {
    const v = z * nxy + y * L + x;
    if (code[v] !== METAL) continue;
    if (code[v - nxy] === HOST_BASE) mh++;
    if (code[z * nxy + y * L + ((x + 1) % L)] === METAL) mm++;
    if (code[z * nxy + ((y + 1) % L) * L + x] === METAL) mm++;
    if (z + 1 < NZ && code[v + nxy] === METAL) mm++;
  }
  return -eMM * mm - eHost * mh;
}

export interface TemperingOptions {
  box: IslandBox;
  eMM: number;
  eHost: number;
  /** temperatures, K, ascending */
  temps: number[];
  /** the starting configuration (every replica starts from it) */
  start: Uint8Array;
  /**
   * burn-in rounds of `eventsPerRound` events (per replica: one number for all, or one per
   * temperature), which also fix each replica's round duration (its shortest burn-in round, in simulated time)
   */
  burnRounds: number;
  eventsPerRound: number | number[];
  /** production rounds (fixed time per replica), sampled at each round's end */
  rounds: number;
  seed: number;
}

export interface TemperingResult {
  temps: number[];
  /** per temperature: ratio and energy at the end of every production round */
  ratio: number[][];
  energy: number[][];
  /** per neighbouring pair (i, i+1): accepted / attempted exchanges in production */
  acceptance: number[];
  /** production passes of a configuration from the hottest slot down to the coldest one (mixing across the ladder) */
  downPasses: number;
  events: number;
  /** largest island at the end of the coldest replica */
  coldIsland: { atoms: number; base: number; total: number };
}

function physAt(T: number, eMM: number, eHost: number) {
  return {
    kT_eV: KB * T, k0_per_s: 0, nuHop_per_s: 1e13, bond_eV: eMM, lateralBond_eV: eMM, schwoebel_eV: 0,
    terraceBarrierMetal_eV: eMM, // E_ts = 0
    adatoms: 'exact' as const,
    substrate: new Map([[HOST_BASE, { binding_eV: eHost, redShift_eV: 0, terraceBarrier_eV: eHost, conducting: true }]]),
  };
}

/** Runs replica exchange; returns per-temperature samples of the island's shape and energy. */
export function temperIsland(o: TemperingOptions): TemperingResult {
  const { box, temps } = o;
  const M = temps.length;
  const lat = new CubicLattice(box.L, box.L, box.NZ, false);
  const rng = new Rng(o.seed);
  const codes = temps.map(() => Uint8Array.from(o.start));
  const phys = temps.map((T) => physAt(T, o.eMM, o.eHost));
  const apps = codes.map((c, i) => new PlatingApp(lat, c, phys[i]!, rng));
  const totals = new Float64Array(3);
  let events = 0;
  /** advance replica i by `n` events (burn-in) or for `tau` seconds; returns the simulated time used */
  const advance = (i: number, n: number, tau: number): number => {
    const app = apps[i]!;
    let t = 0;
    for (let e = 0; e < n; e++) {
      const total = app.solver.sum[CH_HOP]!;
      if (!(total > 0)) break;
      const dt = -Math.log(rng.nextOpen()) / total;
      if (t + dt > tau) { t = tau; break; }
      t += dt;
      totals[0] = 0; totals[1] = 0; totals[2] = total;
      const ev = app.solver.select(totals, rng);
      if (ev < 0) break;
      app.execute(ev);
      events++;
      if ((events & 0xffff) === 0) app.solver.resum();
    }
    return t;
  };
  const beta = temps.map((T) => 1 / (KB * T));
  // which starting slot's configuration each slot now holds (round-trip count)
  const label = temps.map((_, i) => i);
  let lastEnd: ('top' | 'bottom' | null)[] = temps.map(() => null);
  let downPasses = 0;
  const exchange = (round: number, stats: number[][] | null): void => {
    const energies = codes.map((c) => islandEnergy(c, box, o.eMM, o.eHost));
    for (let i = round % 2; i + 1 < M; i += 2) {
      const d = (beta[i]! - beta[i + 1]!) * (energies[i]! - energies[i + 1]!);
      const acc = d >= 0 || rng.next() < Math.exp(d);
      if (stats) { stats[i]![1]!++; if (acc) stats[i]![0]!++; }
      if (!acc) continue;
      const tmp = Uint8Array.from(codes[i]!);
      codes[i]!.set(codes[i + 1]!); codes[i + 1]!.set(tmp);
      const e = energies[i]!; energies[i] = energies[i + 1]!; energies[i + 1] = e;
      const l = label[i]!; label[i] = label[i + 1]!; label[i + 1] = l;
      apps[i] = new PlatingApp(lat, codes[i]!, phys[i]!, rng);
      apps[i + 1] = new PlatingApp(lat, codes[i + 1]!, phys[i + 1]!, rng);
    }
    // walkers (configurations followed through the exchanges): count passes from the hottest to the coldest slot
    if (lastEnd[label[0]!] === 'top') downPasses++;
    lastEnd[label[0]!] = 'bottom';
    lastEnd[label[M - 1]!] = 'top';
  };
  // burn-in: fixed events per round, measuring each temperature's simulated time per round
  // (the shortest burn-in round: a compact start has few mobile atoms and long rounds, and a mean
  // would let later, more mobile configurations run orders of magnitude more events per round)
  const tau = temps.map(() => Infinity);
  for (let r = 0; r < o.burnRounds; r++) {
    for (let i = 0; i < M; i++) tau[i] = Math.min(tau[i]!, advance(i, typeof o.eventsPerRound === 'number' ? o.eventsPerRound : o.eventsPerRound[i]!, Infinity));
    exchange(r, null);
  }
  lastEnd = temps.map(() => null); downPasses = 0;
  const ratio = temps.map(() => [] as number[]), energy = temps.map(() => [] as number[]);
  const stats = temps.map(() => [0, 0]);
  for (let r = 0; r < o.rounds; r++) {
    for (let i = 0; i < M; i++) advance(i, Number.MAX_SAFE_INTEGER, tau[i]!);
    for (let i = 0; i < M; i++) {
      ratio[i]!.push(islandRatio(islandShape(codes[i]!, box)));
      energy[i]!.push(islandEnergy(codes[i]!, box, o.eMM, o.eHost));
    }
    exchange(r, stats);
  }
  for (let i = 0; i < M; i++) {
    const err = apps[i]!.checkConsistency();
    if (err !== null) throw new Error(`replica at ${temps[i]} K: ${err}`);
  }
  return {
    temps, ratio, energy, events, downPasses,
    acceptance: stats.slice(0, M - 1).map(([a, n]) => (n! > 0 ? a! / n! : 0)),
    coldIsland: islandShape(codes[0]!, box),
  };
}
