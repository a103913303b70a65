/**
 * Equilibrium sampler of the plating engine's energy function at a fixed number of atoms: a
 * Metropolis-Hastings Monte Carlo (Metropolis et al., J. Chem. Phys. 21, 1087, 1953; Hastings,
 * Biometrika 57, 97, 1970) with non-local, conserving moves (Kawasaki, Phys. Rev. 145, 224, 1966:
 * an atom is exchanged with an empty site, here anywhere on the surface, not only next door).
 * Used to measure the equilibrium (Winterbottom, Acta Metall. 15, 303, 1967) shape of an island on
 * a host, which is a property of the energy function alone, not of the kMC's hops.
 *
 * The energy (MODEL.md 8.3, apps/plating.ts): E = - sum over contacts of a metal atom with a solid
 * neighbour of that neighbour's bond, counted once per pair: E_mm (PlatingPhysics.bond_eV) per
 * metal-metal pair, the substrate's binding_eV per metal-host / metal-SAC contact. The bond table
 * is built from a PlatingPhysics exactly as PlatingApp builds its own, and removing the atom at v
 * changes E by PlatingApp.bondEnergy(v) (test/island-sampler.test.ts checks this against the
 * engine on random configurations with host and SAC sites).
 *
 * Configurations: METAL atoms above a fixed substrate (the lattice's z = 0 layer, whatever codes it
 * holds), every atom touching a solid (no floating atom: the engine has none either), no atom in the
 * top layer z = nz - 1 (a closed lid the island never reaches).
 *
 * One move (a heat-bath re-insertion of one atom):
 *  1. pick an atom v uniformly among the MOVABLE atoms S (those with at least one empty neighbour);
 *  2. take it out; the targets T are the empty sites with 1 to 5 solid neighbours (v's own site is
 *     one of them); pick w in T with probability exp(B(w) / kT) / Z, B(w) the bonds an atom at w
 *     would have, Z the sum over T;
 *  3. put it at w; accept with probability min(1, |S| / |S'|) (S' after the move) unless an atom
 *     is left floating (then reject).
 * Why this is exact (detailed balance for pi(x) ~ exp(-E(x) / kT)): the configuration with v taken
 * out is the same for the move x -> x' and its reverse x' -> x, so T and Z are the same; with
 * E(x) = E_0 - B(v) and E(x') = E_0 - B(w), pi(x') q(x' -> x) / (pi(x) q(x -> x')) =
 * [exp(B(w) / kT) exp(B(v) / kT) / |S'|] / [exp(B(v) / kT) exp(B(w) / kT) / |S|] = |S| / |S'|.
 * A move is allowed both ways or neither: v has a solid neighbour and an empty one, so v is in T;
 * w is in T, so after the move the atom at w has an empty neighbour and is in S'. Checked by exact
 * enumeration of a six-atom system in the test.
 *
 * Parallel tempering (Swendsen and Wang, PRL 57, 2607, 1986; Hukushima and Nemoto, JPSJ 65, 1604,
 * 1996) is `temper()`: replicas at several temperatures exchange temperatures with probability
 * min(1, exp((1/kT_i - 1/kT_j)(E_i - E_j))).
 */
import { CubicLattice, DIRS } from '../kmc/lattice.js';
import type { Rng } from '../kmc/rng.js';
import { EMPTY, METAL, DEAD } from '../lattice/voxel.js';
import type { PlatingPhysics } from '../apps/plating.js';

/** The part of the engine's physics that sets the energy. */
export type EnergyPhysics = Pick<PlatingPhysics, 'bond_eV' | 'substrate'>;

/** Bond of a metal atom to each code, eV: the table PlatingApp builds (bindOf). */
export function bondTable(phys: EnergyPhysics): Float64Array {
  const t = new Float64Array(256);
  t[METAL] = phys.bond_eV;
  t[DEAD] = phys.bond_eV;
  for (const [c, s] of phys.substrate) t[c] = s.binding_eV;
  return t;
}

/** Indexed set of sites with O(1) add, remove and uniform pick. */
class SiteSet {
  items: number[] = [];
  add(i: number, pos: Int32Array): void { pos[i] = this.items.length; this.items.push(i); }
  remove(i: number, pos: Int32Array): void {
    const k = pos[i]!, last = this.items.pop()!;
    if (last !== i) { this.items[k] = last; pos[last] = k; }
    pos[i] = -1;
  }
  get size(): number { return this.items.length; }
}

/** Energy of a configuration, eV, by counting pairs (independent of the sampler's bookkeeping). */
export function configurationEnergy(lat: CubicLattice, code: Uint8Array, bond: Float64Array): number {
  const nb = new Int32Array(DIRS);
  let e = 0;
  for (let i = 0; i < lat.n; i++) {
    if (code[i] !== METAL) continue;
    lat.neighbors(i, nb);
    for (let d = 0; d < DIRS; d++) {
      const t = nb[d]!;
      if (t < 0 || code[t] === EMPTY) continue;
      // metal-metal pairs are seen from both atoms: half each; a substrate contact once
      e -= code[t] === METAL ? bond[METAL]! / 2 : bond[code[t]!]!;
    }
  }
  return e;
}

export interface MoveOption { to: number; probability: number; acceptance: number }

export class IslandSampler {
  readonly lat: CubicLattice;
  readonly code: Uint8Array;
  readonly bond: Float64Array;
  /** current energy, eV (kept by the moves; configurationEnergy recomputes it) */
  energy_eV: number;
  kT_eV: number;
  moves = 0;
  accepted = 0;
  private readonly rng: Rng;
  private readonly nbr: Int32Array;
  private readonly nSolid: Uint8Array;
  private readonly posS: Int32Array;
  private readonly posT: Int32Array;
  private readonly clsT: Int32Array;
  private readonly S = new SiteSet();
  /** target classes by bond value */
  private readonly classOf = new Map<number, number>();
  private readonly classBond: number[] = [];
  private readonly classSet: SiteSet[] = [];
  private classWeight: number[] = [];
  private readonly topZ: number;

  constructor(lat: CubicLattice, code: Uint8Array, phys: EnergyPhysics, kT_eV: number, rng: Rng) {
    if (lat.periodicZ) throw new Error('the island sampler needs a lattice closed in z');
    this.lat = lat; this.code = code; this.rng = rng; this.kT_eV = kT_eV;
    this.bond = bondTable(phys);
    const n = lat.n;
    this.nbr = new Int32Array(n * DIRS);
    const buf = new Int32Array(DIRS);
    for (let i = 0; i < n; i++) { lat.neighbors(i, buf); this.nbr.set(buf, i * DIRS); }
    this.topZ = lat.nz - 1;
    this.nSolid = new Uint8Array(n);
    this.posS = new Int32Array(n).fill(-1);
    this.posT = new Int32Array(n).fill(-1);
    this.clsT = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const z = (i / lat.nxy) | 0, c = code[i]!;
      if (z === 0) { if (c === METAL) throw new Error('the sampler moves metal above the substrate layer z = 0 only'); continue; }
      if (c !== EMPTY && c !== METAL) throw new Error(`the sampler holds metal atoms over a fixed substrate; code ${c} at z = ${z}`);
      if (c === METAL && z === this.topZ) throw new Error('no atom may sit in the top layer (the lid)');
    }
    for (let i = 0; i < n; i++) { this.nSolid[i] = this.countSolid(i); this.refresh(i); }
    for (let i = lat.nxy; i < n; i++) if (code[i] === METAL && this.nSolid[i] === 0) throw new Error('a metal atom touches no solid');
    this.setTemperature(kT_eV);
    this.energy_eV = configurationEnergy(lat, code, this.bond);
  }

  setTemperature(kT_eV: number): void {
    this.kT_eV = kT_eV;
    this.classWeight = this.classBond.map((b) => Math.exp(b / kT_eV));
  }

  /** movable atoms (at least one empty neighbour) */
  get movable(): number { return this.S.size; }

  /** Bonds an atom at i has (or would have), eV: the engine's E_bond. */
  bondAt(i: number): number {
    const o = i * DIRS, code = this.code;
    let b = 0;
    for (let d = 0; d < DIRS; d++) { const t = this.nbr[o + d]!; if (t >= 0) b += this.bond[code[t]!]!; }
    return b;
  }

  private countSolid(i: number): number {
    const o = i * DIRS, code = this.code;
    let s = 0;
    for (let d = 0; d < DIRS; d++) { const t = this.nbr[o + d]!; if (t >= 0 && code[t] !== EMPTY) s++; }
    return s;
  }

  private classFor(b: number): number {
    const key = Math.round(b * 1e9);
    let c = this.classOf.get(key);
    if (c === undefined) {
      c = this.classBond.length;
      this.classOf.set(key, c);
      this.classBond.push(b);
      this.classSet.push(new SiteSet());
      this.classWeight.push(Math.exp(b / this.kT_eV));
    }
    return c;
  }

  /** Puts site i in the right set (S, a target class, or none). */
  private refresh(i: number): void {
    const z = (i / this.lat.nxy) | 0;
    if (z === 0) return;
    const c = this.code[i]!, ns = this.nSolid[i]!;
    const inS = c === METAL && ns < DIRS;
    if (inS && this.posS[i]! < 0) this.S.add(i, this.posS);
    else if (!inS && this.posS[i]! >= 0) this.S.remove(i, this.posS);
    const inT = c === EMPTY && ns >= 1 && ns < DIRS && z < this.topZ;
    const want = inT ? this.classFor(this.bondAt(i)) : -1;
    const have = this.clsT[i]!;
    if (want === have) return;
    if (have >= 0) this.classSet[have]!.remove(i, this.posT);
    if (want >= 0) this.classSet[want]!.add(i, this.posT);
    this.clsT[i] = want;
  }

  private setSite(i: number, c: number): void {
    const delta = c === EMPTY ? -1 : 1;
    this.code[i] = c;
    this.refresh(i);
    const o = i * DIRS;
    for (let d = 0; d < DIRS; d++) {
      const t = this.nbr[o + d]!;
      if (t < 0) continue;
      this.nSolid[t] = this.nSolid[t]! + delta;
      this.refresh(t);
    }
  }

  /** a metal neighbour of i with no solid neighbour left */
  private strandsNeighbour(i: number): boolean {
    const o = i * DIRS;
    for (let d = 0; d < DIRS; d++) {
      const t = this.nbr[o + d]!;
      if (t >= 0 && this.code[t] === METAL && this.nSolid[t] === 0) return true;
    }
    return false;
  }

  private totalWeight(): number {
    let z = 0;
    for (let c = 0; c < this.classSet.length; c++) z += this.classSet[c]!.size * this.classWeight[c]!;
    return z;
  }

  private pickTarget(): number {
    let u = this.rng.next() * this.totalWeight();
    let last = -1;
    for (let c = 0; c < this.classSet.length; c++) {
      const s = this.classSet[c]!;
      if (s.size === 0) continue;
      last = c;
      const w = s.size * this.classWeight[c]!;
      if (u < w) return s.items[Math.min(s.size - 1, Math.floor(u / this.classWeight[c]!))]!;
      u -= w;
    }
    const s = this.classSet[last]!; // rounding at the very end of the range
    return s.items[s.size - 1]!;
  }

  /** One move; true when an atom changed place. */
  step(): boolean {
    this.moves++;
    const nS = this.S.size;
    if (nS === 0) return false;
    const v = this.S.items[this.rng.int(nS)]!;
    this.setSite(v, EMPTY);
    const bv = this.bondAt(v);
    const w = this.pickTarget();
    const bw = this.bondAt(w);
    this.setSite(w, METAL);
    const nS2 = this.S.size;
    const ok = !this.strandsNeighbour(v) && (nS2 <= nS || this.rng.next() * nS2 < nS);
    if (!ok) { this.setSite(w, EMPTY); this.setSite(v, METAL); return false; }
    this.energy_eV += bv - bw;
    this.accepted++;
    return w !== v;
  }

  /** n moves */
  run(n: number): void { for (let k = 0; k < n; k++) this.step(); }

  /**
   * Every move from the current configuration that starts with the atom at v (for the exact
   * detailed-balance test): target, probability of choosing it, acceptance. Leaves the state unchanged.
   */
  moveOptions(v: number): MoveOption[] {
    if (this.posS[v]! < 0) return [];
    const nS = this.S.size;
    this.setSite(v, EMPTY);
    const z = this.totalWeight();
    const out: MoveOption[] = [];
    for (let c = 0; c < this.classSet.length; c++) {
      for (const w of [...this.classSet[c]!.items]) {
        const p = this.classWeight[c]! / z;
        this.setSite(w, METAL);
        const acc = this.strandsNeighbour(v) ? 0 : Math.min(1, nS / this.S.size);
        this.setSite(w, EMPTY);
        out.push({ to: w, probability: p, acceptance: acc });
      }
    }
    this.setSite(v, METAL);
    return out;
  }

  /** the movable atoms (a copy) */
  movableAtoms(): number[] { return [...this.S.items]; }
}

export interface TemperResult {
  /** per temperature slot: energy after every production round, and what `measure` returned when measured */
  energy: number[][];
  measured: number[][];
  /** per neighbouring pair of slots: accepted / attempted exchanges */
  acceptance: number[];
  /** passes of a replica from the hottest slot to the coldest */
  downPasses: number;
  /** final sampler in each temperature slot */
  samplers: IslandSampler[];
}

/**
 * Parallel tempering: `samplers` (one per temperature, ascending) run `movesPerRound` moves each,
 * then neighbours exchange temperatures; after `burnRounds` rounds, `measure` is called on each
 * slot's configuration every round for `rounds` rounds.
 */
export function temper(samplers: IslandSampler[], kTs: number[], o: {
  movesPerRound: number; burnRounds: number; rounds: number; rng: Rng;
  measure: (s: IslandSampler) => number;
  /** temperature slots to measure (default all) and how often, in rounds (default 1) */
  measureSlots?: number[]; measureEvery?: number;
}): TemperResult {
  const M = kTs.length;
  if (samplers.length !== M) throw new Error('one sampler per temperature');
  const slot = samplers.slice();
  slot.forEach((s, i) => s.setTemperature(kTs[i]!));
  const energy = kTs.map(() => [] as number[]), measured = kTs.map(() => [] as number[]);
  const stats = kTs.map(() => [0, 0]);
  const lastEnd = new Map<IslandSampler, 'top' | 'bottom'>();
  let downPasses = 0;
  for (let r = 0; r < o.burnRounds + o.rounds; r++) {
    const prod = r >= o.burnRounds;
    for (const s of slot) s.run(o.movesPerRound);
    if (prod) slot.forEach((s, i) => energy[i]!.push(s.energy_eV));
    if (prod && (r - o.burnRounds) % (o.measureEvery ?? 1) === 0) {
      for (const i of o.measureSlots ?? kTs.map((_, k) => k)) measured[i]!.push(o.measure(slot[i]!));
    }
    for (let i = r % 2; i + 1 < M; i += 2) {
      const a = slot[i]!, b = slot[i + 1]!;
      const d = (1 / kTs[i]! - 1 / kTs[i + 1]!) * (a.energy_eV - b.energy_eV);
      const acc = d >= 0 || o.rng.next() < Math.exp(d);
      if (prod) { stats[i]![1]!++; if (acc) stats[i]![0]!++; }
      if (!acc) continue;
      slot[i] = b; slot[i + 1] = a;
      b.setTemperature(kTs[i]!); a.setTemperature(kTs[i + 1]!);
    }
    if (prod) {
      if (lastEnd.get(slot[0]!) === 'top') downPasses++;
      lastEnd.set(slot[0]!, 'bottom');
      lastEnd.set(slot[M - 1]!, 'top');
    }
  }
  return {
    energy, measured, downPasses, samplers: slot,
    acceptance: stats.slice(0, M - 1).map(([a, n]) => (n! > 0 ? a! / n! : 0)),
  };
}
