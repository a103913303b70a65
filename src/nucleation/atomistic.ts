/**
 * Atomistic stage of the two-scale nucleation model (MODEL.md 8.2 b): a compact kMC of the first
 * metal atoms on a host surface, at the atomic spacing, with the engine's one energy function
 * (MODEL.md 3 and 8.3) and the DFT-derived energies used as they are.
 *
 * Lattice: solid-on-solid (SOS) columns on an L x L square grid (periodic): h[i] atoms stand on
 * substrate site i (host or SAC). It is the simple-cubic bond counting of the 3D engine without
 * overhangs, which is what the first nuclei (a few to a few hundred atoms) need: 3D caps form on
 * a weakly binding host (Volmer-Weber) and flat islands on a strongly binding one. The top atom
 * of column i at height z has
 *   E_bond = (z == 1 ? E_host or E_SAC : E_mm) + E_mm x (neighbour columns with h >= z),
 * and its events (per column, all from the plating app's rate laws):
 *   reduction onto i     k0 exp(-shift/kT) exp(alpha f eta)
 *   oxidation of the top k0 exp(-shift/kT) exp(-(E_bond - E_kink)/kT) exp(-(1 - alpha) f eta), E_kink = 3 E_mm
 *   hop to each of the 4 neighbour tops  nu exp(-(E_d - E_mm + E_bond)/kT)
 * with k0 = i0 a^2 / (z e) and `shift` the reduction-barrier shift of the position (MODEL.md 3: that of
 * its most catalytic neighbour, the same for reduction into it and oxidation out of it): 0 above the
 * first layer or next to a metal column, else the SAC's shift on a SAC column and the host's on a host
 * column (host-reduction.ts gives both; the host's is 0 under the `metal-rate` rule).
 *
 * SAC migration barrier (optional, `sacMigration_eV`): the hop rate above puts every saddle at the
 * same energy (E_d - E_mm above the free atom), so a lone adatom leaves the SAC over
 * E_d - E_mm + E_SAC. The binding energies fix only the *ratio* of an edge's two hop rates (detailed
 * balance); the saddle of the edge is a free kinetic number, the one DFT gives as the barrier to
 * leave a SAC. Given, it moves the saddle of every edge between a SAC site and a host site at the
 * first layer (an atom at z = 1 hopping to an empty neighbour, z = 1 there too) by
 *   delta = E_migration - (E_d - E_mm + E_SAC),
 * both directions times exp(-delta/kT): equilibrium (occupancies, cluster free energies) is the
 * same, only the exchange between the SAC and its neighbours is slower (delta > 0) or faster. The
 * barrier into the SAC becomes E_migration - E_SAC + E_host, so E_migration >= E_SAC - E_host
 * (system.ts refuses less). In the reservoir, sea adatoms hop onto an empty SAC over the same edge.
 *
 * Why a dedicated lattice instead of the 3D plating engine: a lone Li adatom on graphene hops
 * about 6e12 times per second and lives about 3 us before it re-oxidises, so it makes about 1e7
 * hops per life. No kMC that moves it hop by hop reaches the milliseconds nucleation takes.
 * The `reservoir` switch removes that scale exactly where it is fast and equilibrated, by the
 * slow-scale stochastic simulation algorithm (Cao, Gillespie and Petzold, J. Chem. Phys. 122,
 * 014116, 2005; for surfaces the same idea as the rate scaling of quasi-equilibrated fast
 * processes of Chatterjee and Voter, J. Chem. Phys. 132, 194101, 2010, and Dybeck, Plaisance and
 * Neurock, J. Chem. Theory Comput. 13, 1525, 2017):
 *  - lone adatoms on host sites (no neighbour column occupied) are not stored; each free host
 *    site whose neighbours are free ("far" site) holds one with the equilibrium probability
 *    theta1 = k_red / (k_red + k_ox,lone) that reduction and oxidation of lone adatoms give;
 *  - slow events are those that leave that sea: a sea adatom hopping onto or next to an explicit
 *    atom or onto a SAC (rate theta1 x hop per entry), reduction there, and two sea adatoms meeting
 *    (a sea adatom hopping next to another: theta1^2 x hop; reduction next to one: theta1 x k_red);
 *  - an explicit atom that ends up alone on the host returns to the sea (it is removed).
 * Every slow transition keeps its exact rate, so the projected chain has the same equilibrium
 * cluster statistics (detailed balance holds pair by pair); what it drops is the memory of a
 * just-detached adatom (in 2D it would come back to the same cluster more often) and terms of
 * order theta1 (an explicit atom hopping next to a sea adatom). The error is measured against
 * plain kMC where plain kMC still runs (test/nucleation-atomistic.test.ts, docs/nucleation.md).
 *
 * Explicit halo (`halo` = R >= 2; branch halo, issue 15). The sea next to a cluster is where the elimination errs (studies
 * nucleation-capture-returns and -emission: in plain kMC it is depleted there). With a halo, lone host adatoms within
 * Manhattan distance R of an *anchor* (an occupied column that is not a lone host adatom: h >= 2, on a SAC, or with an
 * occupied neighbour) are kept explicit and move hop by hop; the sea at theta1 lives only beyond ("far": a free host site,
 * no occupied neighbour, no anchor within R). Sea arrivals come in at the halo's outer edge (theta1 x hop per edge from a
 * far site, as before); an explicit lone adatom returns to the sea only when no anchor is within R; when the halo grows
 * over a far site (a new anchor), that site's hidden state is drawn: an explicit lone adatom with probability theta1 (only
 * on sites with no occupied neighbour, in a fixed order); when it shrinks, the lone adatoms left outside are absorbed. This
 * is the same slow-scale SSA with an explicit region sized by the clusters (a hybrid of particle and reservoir regions as
 * in adaptive-resolution or Flekkoy-style couplings, here on a lattice with an exact equilibrium boundary: the halo's edge
 * sites exchange with the sea at the sea's own rates). R = 1 is the reservoir above, with no extra bookkeeping and the same
 * runs draw for draw; R >= box size with an anchor always present is plain kMC (test/nucleation-halo.test.ts). When the
 * last anchor of a region goes, its explicit adatoms go back to the sea: the depletion around a dissolved cluster is reset
 * to theta1 (measured in docs/nucleation-history.md, "Explicit halo").
 *
 * Each run records the first time the largest cluster reaches n atoms, for n = 1 .. target: the
 * input of the mean-first-passage-time analysis in rate.ts.
 *
 * Starting from a state, stopping in a basin (`initialHeights`, `lambdaA`, `returnHeights`; forward flux sampling,
 * ffs.ts). The heights h are the whole Markov state of the chain this file simulates: plain kMC stores every atom;
 * the reservoir's hidden sea (lone host adatoms on far sites) is at theta1 independently on each far site whatever
 * happened before (the slow-scale SSA's local equilibrium: it has no memory, which is the approximation the reservoir
 * makes), and which sites are far, the anchors and their halos are functions of h. Every rate is computed from h and
 * the fixed spec, and the draws when a halo grows depend only on the heights before the event. So a run may stop at
 * any event and another, on any seed, continue from its final heights: the joined path has the chain's law (the times
 * add; the waiting time in a state is memoryless). A given start must be a state the chain can hold: a reservoir state
 * has no lone host adatom outside every anchor's halo (the chain absorbs one at once), refused otherwise. With
 * `lambdaA` the largest cluster is recomputed over the whole box after an event that removed an atom (O(L^2); a growth
 * is seen on the changed columns, as the first-passage record is), and the run stops when it holds lambdaA atoms or
 * fewer ('basin'). Without these options nothing of this is computed and no draw changes.
 */
import { Rng } from '../kmc/rng.js';
import { CONST } from '../units.js';
import { EmissionRecorder, EmissionTracer, LoneDensityRecorder, type EmissionStats, type EmissionTrace, type LatticeView, type RunObserver } from './atomistic-diagnostics.js';

export type { EmissionStats, EmissionTrace } from './atomistic-diagnostics.js';

export interface AtomisticSpec {
  /** lateral size in sites (periodic) */
  L: number;
  T_K: number;
  eta_V: number;
  /** metal-metal bond E_mm, eV */
  bond_eV: number;
  /** metal atom bound to a host site, eV */
  hostBinding_eV: number;
  /** metal atom bound to a SAC site, eV */
  sacBinding_eV: number;
  /** reduction-barrier shift on a SAC column (negative = catalytic), eV */
  sacRedShift_eV: number;
  /** reduction-barrier shift on a bare host column with no metal beside it, eV (host-reduction.ts; absent = 0) */
  hostRedShift_eV?: number;
  /** barrier for a lone adatom on a SAC site to hop to a free neighbouring host site, eV; absent =
   * loneHopBarrier(terraceBarrier_eV, bond_eV, sacBinding_eV), the one energy function's saddle */
  sacMigration_eV?: number;
  /** hop barrier of a lone adatom on the metal's own terrace E_d, eV */
  terraceBarrier_eV: number;
  /** attempt frequency of hops, 1/s */
  nu_per_s: number;
  /** per-site exchange rate of the metal (i0 a^2 / z e), 1/s */
  k0_per_s: number;
  alpha: number;
  /** indices of SAC sites */
  sacSites: readonly number[];
  /** eliminate lone host adatoms (slow-scale SSA); false = plain kMC, every hop */
  reservoir: boolean;
  /** reservoir only: Manhattan radius R (sites, integer >= 1) of the explicit halo around each anchor (an occupied
   * column that is not a lone host adatom); lone host adatoms within R of an anchor are simulated hop by hop, the
   * sea at theta1 lives beyond. Absent or 1: the reservoir as it was (the explicit set is the anchors and their
   * neighbours), draw for draw; R -> box size: plain kMC started from the same sea (header, "Explicit halo") */
  halo?: number;
  /** plain kMC only: columns holding one atom at the start instead of the sea at theta1 (for checks
   * of the lattice's own statistics, e.g. one adatom between a SAC and the host) */
  initialAtoms?: readonly number[];
  /** start from these column heights (length L x L; forward flux sampling, ffs.ts, restarts runs from stored states)
   * instead of the empty reservoir or plain kMC's sea at theta1. Header, "Starting from a state": why the heights are the
   * whole Markov state of the projected chain. A reservoir state must have no lone host adatom outside every anchor's
   * halo (the chain never holds one: it is absorbed at once) */
  initialHeights?: Int32Array;
  /** also stop when the largest cluster holds lambdaA atoms or fewer (forward flux sampling's basin A; AtomisticRun.stop
   * 'basin'). Absent: no such stop, and the current largest cluster is never computed (the runs of before, draw for draw) */
  lambdaA?: number;
  /** return the columns' heights at the end of the run (AtomisticRun.finalHeights); no random draw changes */
  returnHeights?: boolean;
  /** stop when the largest cluster holds this many atoms */
  target: number;
  maxTime_s: number;
  maxEvents: number;
  seed: number;
  /** keep the columns of the largest cluster when it first reaches each size (AtomisticRun.clusterColumns;
   * capture.ts computes the forgotten return of emitted adatoms from them); no random draw changes */
  recordClusters?: boolean;
  /** plain kMC only, a diagnostic of capture.ts: follow one emitted adatom at a time (an atom that hops off a
   * cluster and is then alone) until it is lost or bonds again (AtomisticRun.emissions); no random draw changes */
  traceEmissions?: boolean;
  /** both arms, a diagnostic of capture.ts: per size of the tracked cluster, the time spent at it, its emissions,
   * arrivals and loosely bonded atoms (AtomisticRun.emissionStats); no random draw changes */
  recordEmission?: boolean;
  /** a check of the halo (test/nucleation-halo.test.ts): the time integral of the explicit lone host adatoms, and of the
   * explicit host sites that could hold one (not an anchor, no anchor beside them; with a halo, inside one), over the whole
   * box after every event (AtomisticRun.loneDensity; O(L^2) per event, small boxes only); no random draw changes */
  recordLone?: boolean;
}


export interface AtomisticRun {
  /** firstPassage_s[n] = first time the largest cluster held >= n atoms (NaN if never), n = 0 .. target (from a given
   * state, 0 up to its largest cluster) */
  firstPassage_s: Float64Array;
  reached: boolean;
  /** why the run ended: the target reached, the largest cluster down to lambdaA ('basin'), the event or time budget, or
   * no event left */
  stop: 'target' | 'basin' | 'events' | 'time' | 'stuck';
  /** with returnHeights: the columns' heights at the end */
  finalHeights?: Int32Array;
  time_s: number;
  events: number;
  /** equilibrium density of lone host adatoms, theta1 = k_red / (k_red + k_ox,lone) */
  theta1: number;
  /** time integral of the number of SAC sites holding metal, s (divide by time_s: mean occupancy) */
  sacOccupied_s: number;
  /** hops across a first-layer edge between a SAC site and a host site, both ways (sea arrivals included):
   * the exchange the migration barrier slows */
  sacEdgeHops: number;
  /** with recordClusters: clusterColumns[n] = the columns of the largest cluster when it first held >= n atoms */
  clusterColumns?: (Int32Array | null)[];
  /** with traceEmissions: the emitted adatoms followed, one at a time */
  emissions?: EmissionTrace[];
  /** with recordEmission: the tracked cluster's exchange with the far sites, by its size */
  emissionStats?: EmissionStats;
  /** with recordLone: time integrals (s) of the explicit lone host adatoms and of the explicit host sites two or more sites
   * from every anchor (their ratio: the lone-adatom density there, theta1 in equilibrium to first order) */
  loneDensity?: { lone_s: number; sites_s: number };
}

/** Barrier for a lone adatom bound by E_bind (eV) to hop away, with the one energy function: E_d - E_mm + E_bind, eV. */
export function loneHopBarrier(terraceBarrier_eV: number, bond_eV: number, binding_eV: number): number {
  return terraceBarrier_eV - bond_eV + binding_eV;
}

/** Rates of one configuration, precomputed as Boltzmann factors. */
function factors(s: AtomisticSpec) {
  const kT = CONST.kB_eV * s.T_K;
  const f = 1 / kT;
  const red = s.k0_per_s * Math.exp(s.alpha * f * s.eta_V);
  const oxPre = s.k0_per_s * Math.exp(-(1 - s.alpha) * f * s.eta_V) * Math.exp((3 * s.bond_eV) / kT);
  const hopPre = s.nu_per_s * Math.exp(-(s.terraceBarrier_eV - s.bond_eV) / kT);
  const sacShift = Math.exp(-s.sacRedShift_eV / kT);
  const hostShift = Math.exp(-(s.hostRedShift_eV ?? 0) / kT);
  const boltz = (e: number) => Math.exp(-e / kT);
  return { kT, red, oxPre, hopPre, sacShift, hostShift, boltz };
}

export function runAtomistic(spec: AtomisticSpec): AtomisticRun {
  const L = spec.L, N = L * L;
  const rng = new Rng(spec.seed);
  const F = factors(spec);
  const h = new Int32Array(N);
  const sac = new Uint8Array(N);
  for (const s of spec.sacSites) sac[s] = 1;
  const nb = new Int32Array(4 * N);
  for (let y = 0; y < L; y++) for (let x = 0; x < L; x++) {
    const i = y * L + x;
    nb[4 * i] = y * L + ((x + 1) % L);
    nb[4 * i + 1] = y * L + ((x + L - 1) % L);
    nb[4 * i + 2] = ((y + 1) % L) * L + x;
    nb[4 * i + 3] = ((y + L - 1) % L) * L + x;
  }
  const E_mm = spec.bond_eV;
  const reservoir = spec.reservoir;
  const halo = spec.halo ?? 1;
  if (!(Number.isInteger(halo) && halo >= 1)) throw new Error(`runAtomistic: halo = ${halo}: expected a whole number of sites >= 1 (the Manhattan radius of the explicit region around each anchor)`);
  if (halo > 1 && !reservoir) throw new Error(`runAtomistic: halo = ${halo} sites is for the reservoir (reservoir true); plain kMC keeps every adatom explicit`);
  // R = 1 is the reservoir as it was: no anchor bookkeeping at all, so its runs are those of before, draw for draw
  const haloOn = reservoir && halo >= 2;
  const hopLoneHost = F.hopPre * F.boltz(spec.hostBinding_eV);
  // a lone adatom on the host: reduction and oxidation both carry the host's shift (theta1 does not depend on it)
  const oxLoneHost = F.oxPre * F.boltz(spec.hostBinding_eV) * F.hostShift;
  const redLoneHost = F.red * F.hostShift;
  const theta1 = redLoneHost / (redLoneHost + oxLoneHost);
  // SAC migration barrier: a saddle offset on the first-layer edges between a SAC site and a host site
  // (header). Absent (or delta exactly 0): the uniform hop code below, unchanged draw for draw.
  const migDelta = spec.sacMigration_eV === undefined ? 0
    : spec.sacMigration_eV - loneHopBarrier(spec.terraceBarrier_eV, E_mm, spec.sacBinding_eV);
  const migF = F.boltz(migDelta);
  const migration = migF !== 1 && spec.sacSites.length > 0;
  // columns with an edge to a SAC site (the SAC sites and their neighbours)
  const nearSac = new Uint8Array(N);
  for (const c of spec.sacSites) { nearSac[c] = 1; for (let k = 0; k < 4; k++) nearSac[nb[4 * c + k]!] = 1; }
  /** the hop from the top of column i onto column j crosses a first-layer edge between a SAC site and a host site */
  const crossesSacEdge = (i: number, j: number): boolean => h[i] === 1 && h[j] === 0 && sac[i] !== sac[j];
  /** saddle factor of the hop from the top of column i onto column j */
  const edgeF = (i: number, j: number): number => (crossesSacEdge(i, j) ? migF : 1);
  const weightedHop = (i: number): boolean => migration && h[i] === 1 && nearSac[i] === 1;
  /** sum of the saddle factors of column i's four hops (the rate and the pick of a weighted hop) */
  const hopWeight = (i: number): number => { let w = 0; for (let k = 0; k < 4; k++) w += edgeF(i, nb[4 * i + k]!); return w; };

  // Boltzmann factor exp(-E_bond/kT) of the top atom of column i
  const bondOf = (i: number): number => {
    const z = h[i]!;
    let e = z === 1 ? (sac[i] ? spec.sacBinding_eV : spec.hostBinding_eV) : E_mm;
    for (let k = 0; k < 4; k++) if (h[nb[4 * i + k]!]! >= z) e += E_mm;
    return e;
  };
  // occupied neighbour columns of each column, kept up to date by add/remove
  const occ = new Uint8Array(N);
  const occupiedNbrs = (i: number): number => occ[i]!;
  // explicit halo (R >= 2): anchors within R of each site, kept by the anchors' own flips (haloUpdate below)
  const anchorsNear = haloOn ? new Int32Array(N) : new Int32Array(0);
  /** a free host site with no occupied neighbour (and, with a halo, no anchor within R): holds a sea adatom with probability theta1 */
  const isFar = (i: number): boolean => h[i] === 0 && sac[i] === 0 && occupiedNbrs(i) === 0 && (!haloOn || anchorsNear[i] === 0);
  const farNbrs = (i: number): number => {
    let c = 0;
    for (let k = 0; k < 4; k++) if (isFar(nb[4 * i + k]!)) c++;
    return c;
  };
  /** shift factor of the first-layer position on column i: the most catalytic of its substrate and a metal neighbour (factor 1) */
  const firstLayer = (i: number): number => {
    const base = sac[i] ? F.sacShift : F.hostShift;
    return occupiedNbrs(i) > 0 && base < 1 ? 1 : base;
  };
  const redAt = (i: number): number => (h[i] === 0 ? F.red * firstLayer(i) : F.red);
  const oxAt = (i: number, eb: number): number => F.oxPre * F.boltz(eb) * (h[i] === 1 ? firstLayer(i) : 1);

  // per-column event rates: [reduction-like, oxidation, hop (all 4), sea arrival, sea dimer]
  const parts = new Float64Array(5 * N);
  let size = 1;
  while (size < N) size <<= 1;
  const tree = new Float64Array(2 * size);
  const setRate = (i: number, r: number) => {
    let p = size + i;
    if (tree[p] === r) return;
    tree[p] = r;
    for (p >>= 1; p >= 1; p >>= 1) tree[p] = tree[2 * p]! + tree[2 * p + 1]!;
  };
  const computeColumn = (i: number) => {
    let red = 0, ox = 0, hop = 0, arr = 0, dimer = 0;
    if (h[i]! > 0) {
      const eb = bondOf(i);
      ox = oxAt(i, eb);
      hop = (weightedHop(i) ? hopWeight(i) : 4) * F.hopPre * F.boltz(eb);
    }
    if (!reservoir) red = redAt(i);
    else if (isFar(i)) {
      const m = farNbrs(i);
      // reduction onto a far site next to a sea adatom, or a sea adatom hopping next to another
      dimer = m * theta1 * (F.red + theta1 * hopLoneHost * (m - 1));
    } else {
      red = redAt(i);
      arr = theta1 * hopLoneHost * farNbrs(i);
      // sea adatoms landing on an empty SAC cross a SAC edge at the first layer
      if (migration && sac[i] === 1 && h[i] === 0) arr *= migF;
    }
    parts[5 * i] = red; parts[5 * i + 1] = ox; parts[5 * i + 2] = hop; parts[5 * i + 3] = arr; parts[5 * i + 4] = dimer;
    setRate(i, red + ox + hop + arr + dimer);
  };
  // plain kMC starts from the same equilibrated sea the reservoir assumes: lone adatoms at theta1
  // on host sites (none next to another), so both start in the state the first-passage times need
  if (spec.initialHeights !== undefined) {
    if (spec.initialAtoms !== undefined) throw new Error('runAtomistic: initialHeights and initialAtoms both given: give one start');
    const h0 = spec.initialHeights;
    if (!(h0 instanceof Int32Array) || h0.length !== N) throw new Error(`runAtomistic: initialHeights holds ${h0?.length} columns, expected the ${L} x ${L} box's ${N}`);
    for (let i = 0; i < N; i++) {
      if (!(h0[i]! >= 0)) throw new Error(`runAtomistic: initialHeights[${i}] = ${h0[i]} atoms, expected a height of 0 or more`);
      h[i] = h0[i]!;
      if (h[i]! > 0) for (let k = 0; k < 4; k++) occ[nb[4 * i + k]!]!++;
    }
    // the explicit-region check needs the anchors, so it waits for them (below, after the halo's set-up)
  } else if (spec.initialAtoms !== undefined) {
    if (reservoir) throw new Error('runAtomistic: initialAtoms is for plain kMC (reservoir false)');
    for (const i of spec.initialAtoms) {
      // a typed array ignores a write out of range: a column outside the box would start the run with one atom fewer, unsaid
      if (!(Number.isInteger(i) && i >= 0 && i < N)) throw new Error(`runAtomistic: initialAtoms holds ${i}, not a column of the ${L} x ${L} box (0 to ${N - 1})`);
      h[i]!++; if (h[i] === 1) for (let k = 0; k < 4; k++) occ[nb[4 * i + k]!]!++;
    }
  } else if (!reservoir) {
    for (let i = 0; i < N; i++) {
      if (sac[i] === 0 && h[i] === 0 && occ[i] === 0 && rng.next() < theta1) {
        h[i] = 1;
        for (let k = 0; k < 4; k++) occ[nb[4 * i + k]!]!++;
      }
    }
  }
  for (let i = 0; i < N; i++) computeColumn(i);

  // columns whose rates depend on column c: c and its neighbours up to distance 2 (far status)
  const seen = new Int32Array(N);
  let touchStamp = 0;
  const touched: number[] = [];
  const mark1 = (c: number) => { if (seen[c] !== touchStamp) { seen[c] = touchStamp; touched.push(c); } };
  const touch = (c: number) => {
    mark1(c);
    for (let k = 0; k < 4; k++) {
      const a = nb[4 * c + k]!;
      mark1(a);
      for (let q = 0; q < 4; q++) mark1(nb[4 * a + q]!);
    }
  };
  const changed: number[] = [];
  // with a halo: each column's height before the current event (hBefore, valid where hStamp is the event's), so
  // that a site the halo grows over can be asked whether it was far (sea, hidden) before the event
  const hBefore = haloOn ? new Int32Array(N) : new Int32Array(0);
  const hStamp = haloOn ? new Int32Array(N) : new Int32Array(0);
  let eventStamp = 0;
  const keepBefore = (i: number) => { if (hStamp[i] !== eventStamp) { hStamp[i] = eventStamp; hBefore[i] = h[i]!; } };
  let removedAny = false; // the event removed an atom somewhere: the largest cluster may have shrunk (lambdaA's stop)
  const add = (i: number) => {
    if (haloOn) keepBefore(i);
    if (h[i]!++ === 0) for (let k = 0; k < 4; k++) occ[nb[4 * i + k]!]!++;
    changed.push(i);
  };
  const remove = (i: number) => {
    removedAny = true;
    if (haloOn) keepBefore(i);
    if (--h[i]! === 0) for (let k = 0; k < 4; k++) occ[nb[4 * i + k]!]!--;
    changed.push(i);
  };

  // cluster size by flood fill over occupied columns
  const mark = new Int32Array(N);
  let stamp = 0;
  const stack: number[] = [];
  const visited: number[] = []; // the columns of the last cluster filled
  const clusterAtoms = (start: number): number => {
    if (h[start]! <= 0) return 0;
    stamp++;
    let atoms = 0;
    stack.length = 0;
    visited.length = 0;
    stack.push(start); mark[start] = stamp;
    while (stack.length) {
      const c = stack.pop()!;
      visited.push(c);
      atoms += h[c]!;
      for (let k = 0; k < 4; k++) {
        const a = nb[4 * c + k]!;
        if (h[a]! > 0 && mark[a] !== stamp) { mark[a] = stamp; stack.push(a); }
      }
    }
    return atoms;
  };
  /** in reservoir mode, a lone adatom on a host site goes back to the sea (with a halo: only outside every anchor's halo) */
  const absorbIfLone = (i: number) => {
    if (reservoir && h[i] === 1 && sac[i] === 0 && occupiedNbrs(i) === 0 && (!haloOn || anchorsNear[i] === 0)) remove(i);
  };
  /** after an event: the first nc columns it changed and their neighbours, each absorbed if lone (the removals it makes
   * join `changed` beyond nc and are not visited again) */
  const absorbAroundChanged = (nc: number) => {
    for (let q = 0; q < nc; q++) { const c = changed[q]!; absorbIfLone(c); for (let k = 0; k < 4; k++) absorbIfLone(nb[4 * c + k]!); }
  };

  // Explicit halo. An anchor is an occupied column that is not a lone host adatom. When a column's anchor status
  // flips, anchorsNear changes by one on its diamond (the sites within Manhattan distance R, periodic, each once);
  // the sites whose count crosses zero change their far status: they (and their neighbours) get their rates again,
  // a lone adatom left outside every halo goes back to the sea, and a site the halo grows over that was far before
  // the event is revealed: it holds an explicit lone adatom with probability theta1 (the sea's hidden state, drawn
  // now; sites in a fixed order, each only if no neighbour is occupied by then, as the plain start does).
  const isAnchor = haloOn ? new Uint8Array(N) : new Uint8Array(0);
  const diamond: { dx: number; dy: number }[] = [];
  if (haloOn) {
    const seenOffset = new Set<number>();
    for (let dy = -halo; dy <= halo; dy++) for (let dx = -(halo - Math.abs(dy)); dx <= halo - Math.abs(dy); dx++) {
      const mx = ((dx % L) + L) % L, my = ((dy % L) + L) % L;
      if (!seenOffset.has(my * L + mx)) { seenOffset.add(my * L + mx); diamond.push({ dx: mx, dy: my }); }
    }
  }
  const anchorOf = (c: number): boolean => h[c]! > 0 && (h[c]! >= 2 || sac[c] === 1 || occ[c]! > 0);
  const crossStamp = haloOn ? new Int32Array(N) : new Int32Array(0);
  const crossedWasZero = haloOn ? new Uint8Array(N) : new Uint8Array(0);
  const crossed: number[] = [];
  const spread = (c: number, d: number) => {
    const cx = c % L, cy = (c - cx) / L;
    for (const o of diamond) {
      const x = cx + o.dx, y = cy + o.dy;
      const s = (y >= L ? y - L : y) * L + (x >= L ? x - L : x);
      const before = anchorsNear[s]!;
      anchorsNear[s] = before + d;
      if ((before === 0 || before + d === 0) && crossStamp[s] !== eventStamp) { crossStamp[s] = eventStamp; crossedWasZero[s] = before === 0 ? 1 : 0; crossed.push(s); }
    }
  };
  const candStamp = haloOn ? new Int32Array(N) : new Int32Array(0);
  const flipAnchor = (c: number) => {
    if (candStamp[c] === eventStamp) return;
    candStamp[c] = eventStamp;
    const a = anchorOf(c) ? 1 : 0;
    if (a !== isAnchor[c]) { isAnchor[c] = a; spread(c, a ? 1 : -1); }
  };
  /** column c's height before the current event (keepBefore kept it if the event changed it) */
  const hAtStart = (c: number): number => (hStamp[c] === eventStamp ? hBefore[c]! : h[c]!);
  /** far before the current event: a free host site, no occupied neighbour, no anchor within R (the caller knows the last) */
  const wasFarBefore = (s: number): boolean => {
    if (sac[s] === 1 || hAtStart(s) !== 0) return false;
    for (let k = 0; k < 4; k++) if (hAtStart(nb[4 * s + k]!) !== 0) return false;
    return true;
  };
  /** after an event's own changes: anchors, then absorption, then the sites revealed (their draws) */
  const haloUpdate = () => {
    crossed.length = 0;
    const nc = changed.length;
    for (let q = 0; q < nc; q++) { const c = changed[q]!; flipAnchor(c); for (let k = 0; k < 4; k++) flipAnchor(nb[4 * c + k]!); }
    absorbAroundChanged(nc);
    for (const s of crossed) {
      const zeroNow = anchorsNear[s] === 0;
      if (zeroNow === (crossedWasZero[s] === 1)) continue;
      if (zeroNow) absorbIfLone(s);
      else if (h[s] === 0 && occ[s] === 0 && wasFarBefore(s) && rng.next() < theta1) add(s);
    }
  };
  // the largest cluster now, over the whole box (lambdaA's stop and a given start only: O(L^2), its own marks, so the
  // flood fill of clusterAtoms and its `visited`, which the recorders read, are left alone)
  const tracking = spec.lambdaA !== undefined || spec.initialHeights !== undefined;
  const markAll = tracking ? new Int32Array(N) : new Int32Array(0);
  let stampAll = 0;
  const fill: number[] = [];
  const largestNow = (): number => {
    stampAll++;
    let best = 0;
    for (let c0 = 0; c0 < N; c0++) {
      if (h[c0] === 0 || markAll[c0] === stampAll) continue;
      markAll[c0] = stampAll; fill.length = 0; fill.push(c0);
      let atoms = 0;
      while (fill.length) {
        const c = fill.pop()!;
        atoms += h[c]!;
        for (let k = 0; k < 4; k++) { const a = nb[4 * c + k]!; if (h[a]! > 0 && markAll[a] !== stampAll) { markAll[a] = stampAll; fill.push(a); } }
      }
      if (atoms > best) best = atoms;
    }
    return best;
  };
  // Starting from a state: the anchors and their halos are functions of the heights, so they are set from them here (and
  // every column's rates again); then the heights must be a state the chain can be in (no lone host adatom outside every
  // halo: the reservoir absorbs one at once, and a run started with one would carry an atom the chain cannot hold)
  if (spec.initialHeights !== undefined) {
    if (haloOn) {
      eventStamp++;
      for (let c = 0; c < N; c++) if (anchorOf(c)) { isAnchor[c] = 1; spread(c, 1); }
      crossed.length = 0;
    }
    if (reservoir) {
      for (let c = 0; c < N; c++) {
        if (h[c] === 1 && sac[c] === 0 && occ[c] === 0 && (!haloOn || anchorsNear[c] === 0)) {
          throw new Error(`runAtomistic: initialHeights has a lone host adatom on column ${c} outside every anchor's halo (R = ${halo}): not a state of the reservoir's chain, which returns such an atom to the sea`);
        }
      }
    }
    for (let i = 0; i < N; i++) computeColumn(i);
  }
  const pickFarNbr = (i: number, exclude = -1): number => {
    const c: number[] = [];
    for (let k = 0; k < 4; k++) { const a = nb[4 * i + k]!; if (a !== exclude && isFar(a)) c.push(a); }
    return c[rng.int(c.length)]!;
  };

  const fp = new Float64Array(spec.target + 1).fill(NaN);
  const clusterColumns: (Int32Array | null)[] | undefined = spec.recordClusters ? new Array<Int32Array | null>(spec.target + 1).fill(null) : undefined;
  fp[0] = 0;
  let record = 0;
  // the largest cluster now (tracked only with lambdaA or a given start)
  let current = 0;
  if (spec.initialHeights !== undefined) {
    current = largestNow();
    record = current;
    for (let k = 1; k <= Math.min(record, spec.target); k++) fp[k] = 0;
  }
  let stop: AtomisticRun['stop'] = 'events';
  if (record >= spec.target) stop = 'target';
  else if (spec.lambdaA !== undefined && current <= spec.lambdaA) stop = 'basin';
  let t = 0, events = 0;
  let sacOccupied_s = 0, sacEdgeHops = 0;
  const sacHeld = (): number => { let c = 0; for (const q of spec.sacSites) if (h[q]! > 0) c++; return c; };
  // diagnostics of capture.ts (atomistic-diagnostics.ts): they read the lattice, draw no random numbers
  const view: LatticeView = { nb, h, occ, changed, visited, mark, stamp: () => stamp, clusterAtoms };
  const tracer = spec.traceEmissions === true && !reservoir ? new EmissionTracer(view, N) : undefined;
  const recorder = spec.recordEmission ? new EmissionRecorder(view, N, spec.target) : undefined;
  // sites that hold no explicit lone adatom by construction: outside every halo (with one), or every site (the reservoir without one)
  const lone = spec.recordLone ? new LoneDensityRecorder(view, N, sac, anchorOf, (c) => (haloOn ? anchorsNear[c] === 0 : reservoir)) : undefined;
  const observers: RunObserver[] = [tracer, recorder, lone].filter((o): o is EmissionTracer | EmissionRecorder | LoneDensityRecorder => o !== undefined);
  const watched = observers.length > 0;
  let hopFrom = -1, hopTo = -1;
  while (stop === 'events' && record < spec.target && events < spec.maxEvents) {
    const total = tree[1]!;
    if (!(total > 0)) { stop = 'stuck'; break; }
    const tBefore = t;
    t += -Math.log(rng.nextOpen()) / total;
    if (watched) for (const o of observers) o.tick?.(tBefore, Math.min(t, spec.maxTime_s));
    if (t > spec.maxTime_s) { t = spec.maxTime_s; sacOccupied_s += (t - tBefore) * sacHeld(); stop = 'time'; break; }
    sacOccupied_s += (t - tBefore) * sacHeld();
    // pick a column
    let u = rng.next() * total;
    let p = 1;
    while (p < size) { const l = tree[2 * p]!; if (u < l) p = 2 * p; else { u -= l; p = 2 * p + 1; } }
    const i = Math.min(p - size, N - 1);
    // pick the event within the column
    let kind = 0;
    for (; kind < 4; kind++) { const r = parts[5 * i + kind]!; if (u < r) break; u -= r; }
    while (kind > 0 && !(parts[5 * i + kind]! > 0)) kind--; // rounding at the column's end
    changed.length = 0;
    eventStamp++;
    hopFrom = -1;
    removedAny = false;
    if (watched) for (const o of observers) o.before?.(kind, i);
    switch (kind) {
      case 0: add(i); break;
      case 1: remove(i); break;
      case 2: {
        let j: number;
        if (weightedHop(i)) {
          let v = rng.next() * hopWeight(i), k = 0;
          for (; k < 3; k++) { const e = edgeF(i, nb[4 * i + k]!); if (v < e) break; v -= e; }
          j = nb[4 * i + k]!;
        } else j = nb[4 * i + rng.int(4)]!;
        if (crossesSacEdge(i, j)) sacEdgeHops++;
        remove(i); add(j); hopFrom = i; hopTo = j; break;
      }
      case 3: if (sac[i] === 1 && h[i] === 0) sacEdgeHops++; add(i); break; // a sea adatom from a far neighbour lands on / next to column i
      default: { const k = pickFarNbr(i); add(i); add(k); break; } // two sea adatoms meet
    }
    events++;
    if (watched) for (const o of observers) o.after?.({ kind, i, hopFrom, hopTo });
    if (haloOn) haloUpdate();
    else if (reservoir) absorbAroundChanged(changed.length);
    touchStamp++;
    touched.length = 0;
    for (const c of changed) touch(c);
    if (haloOn) for (const s of crossed) { mark1(s); for (let k = 0; k < 4; k++) mark1(nb[4 * s + k]!); }
    for (const c of touched) computeColumn(c);
    for (const c of changed) {
      const n = clusterAtoms(c);
      if (n > record) {
        for (let k = record + 1; k <= Math.min(n, spec.target); k++) fp[k] = t;
        if (clusterColumns) { const cols = Int32Array.from(visited); for (let k = record + 1; k <= Math.min(n, spec.target); k++) clusterColumns[k] = cols; }
        record = n;
      }
      if (n > current) current = n;
    }
    if (watched) for (const o of observers) o.settled?.();
    if (spec.lambdaA !== undefined) {
      // only an event that removed an atom can shrink the largest cluster (a growth is seen on the changed columns above)
      if (removedAny) current = largestNow();
      if (current <= spec.lambdaA && record < spec.target) stop = 'basin';
    }
  }
  if (record >= spec.target) stop = 'target';
  return { firstPassage_s: fp, reached: record >= spec.target, stop, ...(spec.returnHeights ? { finalHeights: Int32Array.from(h) } : {}), time_s: t, events, theta1, sacOccupied_s, sacEdgeHops, ...(clusterColumns ? { clusterColumns } : {}), ...(tracer ? { emissions: tracer.emissions } : {}), ...(recorder ? { emissionStats: recorder.stats } : {}), ...(lone ? { loneDensity: lone.density } : {}) };
}
