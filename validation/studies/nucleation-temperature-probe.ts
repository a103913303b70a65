/**
 * How the kMC box turns ions into nuclei on the bare host (tempwhy65, session 65): an observer of the plating run that
 * reads, up to a first-layer coverage, the gross reductions and oxidations, the hops, the lone adatoms over time, the
 * gains and losses of small clusters by size (the effective critical nucleus size) and where the nuclei stand.
 *
 * It is an event module (apps/events/module.ts) added to the Simulation before the run (simulate's onSimulation): its
 * afterEvent reads the lattice and writes nothing of the engine's state and draws no random number, so the trajectory is
 * the run's without it (the study's control row checks one seed's metrics with and without it). The run is stopped
 * (simulate's signal) once the coverage is past the reading's, to save the rest of the step.
 *
 * Cluster bookkeeping, per executed event (v the event's voxel; metal = METAL or DEAD; a component is 6-connected metal,
 * its size read by a breadth-first search capped at CAP voxels):
 *  - a reduction at v: the component of v after it has size S; S = 1 is a new lone adatom ("born on the bare host" when a
 *    substrate voxel is under it), else a gain of the class S - 1 (the cluster it joined);
 *  - an oxidation at v: no metal neighbour of v left, a loss of the class 1 (a lone adatom oxidised); else the component
 *    of a metal neighbour has S' and the loss is of the class S' + 1;
 *  - a hop u -> w: u's metal neighbours but w; none: the atom was alone, and if w's component after has S > 1 the atom
 *    was captured (a gain of the class S - 1); some: when w is in their component the atom moved on its cluster
 *    (nothing), else it left it (a loss of the class S' + 1, a detachment) and joined w's component if S > 1 (a gain).
 * Classes of CAP or more are pooled. First-passage exits of lone adatoms (apps/lone-adatoms.ts) are not events and
 * change no cluster (an exit lands in an empty ring); the hops they stand for are counted (first_passage_hops).
 */
import type { EventModule } from '../../src/apps/events/module.js';
import { CH_RED, CH_OX, CH_HOP, type PlatingApp } from '../../src/apps/plating.js';
import { METAL, DEAD, SUBSTRATE_CODES } from '../../src/lattice/species.js';
import { parseRunInput } from '../../src/input/parse.js';
import { simulate } from '../../src/simulation/simulate.js';
import type { Simulation } from '../../src/simulation/simulation.js';

/** component sizes are read up to this; the classes 1 .. CAP - 1 are kept apart, CAP and above pooled */
export const CAP = 12;
/** first-layer coverage the readings are taken at (the early_* convention, metrics/early-nuclei.ts) */
export const COVERAGE = 0.1;

export interface ProbeReading {
  /** gross reductions, oxidations, executed hops and first-passage hops up to the coverage */
  red: number; ox: number; hops: number; fpHops: number;
  /** reductions that made a lone adatom on the bare host (no metal neighbour, a substrate voxel under it) */
  bornOnHost: number;
  /** per class s (index s, 1 .. CAP): gains (all; by a reduction onto the cluster), oxidation losses, detachment losses */
  gain: number[]; gainRed: number[]; lossOx: number[]; lossHop: number[];
  /** time-weighted mean lone adatoms (metal voxels with no metal neighbour) and small clusters (2 .. 4 voxels) over the window,
   * and each over the coverage thirds [0, 1/3), [1/3, 2/3), [2/3, 1] of the reading's */
  loneMean: number; smallMean: number; loneThirds: number[]; smallThirds: number[];
  /** largest lone-adatom count seen at a look */
  lonePeak: number;
  /** kMC time at the coverage, s */
  t_s: number;
  /** at the coverage: islands touching the host, their centroids' Clark-Evans ratio (periodic box; 1 = random, > 1 spread) */
  nuclei: number; clarkEvans: number;
  /** at the coverage: each island's size in voxels (the whole island, first layer and above; tempwhy65b) */
  islandSizes: number[];
  /** metrics of the run as simulate gives them (the early_* reading when reached before the stop) */
  earlyDensity: number | null; plateauMean_mV: number;
  /** mean |eta| over the window (kMC-time weighted), mV */
  etaMean_mV: number;
}

const metalCode = (c: number) => c === METAL || c === DEAD;

class Probe implements EventModule {
  readonly name = 'tempwhy-probe';
  readonly writes: readonly number[] = [];
  readonly reads = 0;
  readonly r: ProbeReading;
  done = false;
  private seen = new Int32Array(0);
  private stamp = 1;
  private queue = new Int32Array(0);
  private lastLook = 0;
  private lastT = 0;
  private lastLone = 0;
  private lastSmall = 0;
  private sumT = [0, 0, 0];
  private sumLone = [0, 0, 0];
  private sumSmall = [0, 0, 0];
  private events = 0;
  private etaDt = 0;
  constructor(private readonly sim: Simulation, private readonly sig: { aborted: boolean }, private readonly look: number) {
    this.r = {
      red: 0, ox: 0, hops: 0, fpHops: 0, bornOnHost: 0, gain: new Array<number>(CAP + 1).fill(0), gainRed: new Array<number>(CAP + 1).fill(0), lossOx: new Array<number>(CAP + 1).fill(0),
      lossHop: new Array<number>(CAP + 1).fill(0), loneMean: 0, smallMean: 0, loneThirds: [0, 0, 0], smallThirds: [0, 0, 0], lonePeak: 0, t_s: 0,
      nuclei: 0, clarkEvans: NaN, islandSizes: [], earlyDensity: null, plateauMean_mV: NaN, etaMean_mV: NaN,
    };
  }

  /** size of v's metal component (v metal), up to CAP; `hit` set when `target` is in it */
  private comp(app: PlatingApp, v: number, target = -1): { size: number; hit: boolean } {
    const n = app.code.length;
    if (this.seen.length !== n) { this.seen = new Int32Array(n); this.queue = new Int32Array(CAP + 8); this.stamp = 1; }
    const st = ++this.stamp, seen = this.seen, q = this.queue, code = app.code, lat = app.lat;
    let head = 0, tail = 0, hit = v === target;
    seen[v] = st; q[tail++] = v;
    while (head < tail && tail < CAP) {
      const u = q[head++]!;
      for (let d = 0; d < 6 && tail < CAP; d++) {
        const w = lat.step(u, d);
        if (w < 0 || seen[w] === st || !metalCode(code[w]!)) continue;
        seen[w] = st; q[tail++] = w;
        if (w === target) hit = true;
      }
    }
    // a component cut at CAP may still hold target beyond the cap: only its size matters there (a pooled class)
    return { size: Math.min(tail, CAP), hit };
  }

  private metalNbs(app: PlatingApp, v: number, except: number): number[] {
    const out: number[] = [];
    for (let d = 0; d < 6; d++) { const w = app.lat.step(v, d); if (w >= 0 && w !== except && metalCode(app.code[w]!)) out.push(w); }
    return out;
  }

  private onSubstrate(app: PlatingApp, v: number): boolean {
    const w = app.lat.step(v, 5);
    return w >= 0 && SUBSTRATE_CODES[app.code[w]!] === 1;
  }

  afterEvent(app: PlatingApp, ch: number, v: number, t_s: number): void {
    if (this.done) return;
    const r = this.r;
    if (ch === CH_RED) {
      r.red++;
      const s = this.comp(app, v).size;
      if (s === 1) { if (this.onSubstrate(app, v)) r.bornOnHost++; }
      else { r.gain[Math.min(s - 1, CAP)]!++; r.gainRed[Math.min(s - 1, CAP)]!++; }
    } else if (ch === CH_OX) {
      r.ox++;
      const nb = this.metalNbs(app, v, -1);
      if (nb.length === 0) r.lossOx[1]!++;
      else r.lossOx[Math.min(this.comp(app, nb[0]!).size + 1, CAP)]!++;
    } else if (ch === CH_HOP) {
      r.hops++;
      const w = app.lastHopTo;
      if (w >= 0) {
        const nb = this.metalNbs(app, v, w);
        const sw = this.comp(app, w).size;
        if (nb.length === 0) {
          if (sw > 1) r.gain[Math.min(sw - 1, CAP)]!++;
        } else {
          const c = this.comp(app, nb[0]!, w);
          if (!c.hit) {
            r.lossHop[Math.min(c.size + 1, CAP)]!++;
            if (sw > 1) r.gain[Math.min(sw - 1, CAP)]!++;
          }
        }
      }
    }
    if (++this.events - this.lastLook >= this.look) this.lookNow(app, t_s);
  }

  /** a look at the lattice: coverage, lone adatoms and small clusters; the reading once the coverage is reached */
  private lookNow(app: PlatingApp, t_s: number): void {
    this.lastLook = this.events;
    const sim = this.sim, nxy = app.lat.nxy, code = app.code, z0 = sim.d.hostTopZ;
    const dt = t_s - this.lastT;
    // coverage of the first layer
    let sites = 0, covered = 0;
    for (let c = 0; c < nxy; c++) if (SUBSTRATE_CODES[code[z0 * nxy + c]!] === 1) { sites++; if (metalCode(code[(z0 + 1) * nxy + c]!)) covered++; }
    const cov = sites > 0 ? covered / sites : 0;
    const third = Math.min(2, Math.floor((cov / COVERAGE) * 3));
    // left-rectangle time weights: the counts of the last look held over dt
    this.sumT[third]! += dt; this.sumLone[third]! += this.lastLone * dt; this.sumSmall[third]! += this.lastSmall * dt;
    this.etaDt += Math.abs(sim.eta) * dt;
    const { lone, small } = this.census(app, z0);
    this.lastLone = lone; this.lastSmall = small; this.lastT = t_s;
    if (lone > this.r.lonePeak) this.r.lonePeak = lone;
    if (cov >= COVERAGE) this.finish(app, t_s, z0);
  }

  /** lone adatoms and clusters of 2 .. 4 voxels in the layers above the host, up to the highest metal layer */
  private census(app: PlatingApp, z0: number): { lone: number; small: number } {
    const nxy = app.lat.nxy, code = app.code, top = Math.min(app.lat.nz - 1, app.maxMetalZ + 1);
    let lone = 0, small = 0;
    const n = code.length;
    if (this.seen.length !== n) { this.seen = new Int32Array(n); this.queue = new Int32Array(CAP + 8); this.stamp = 1; }
    const mark = ++this.stamp;
    const lab = this.seen;
    for (let i = (z0 + 1) * nxy; i < (top + 1) * nxy && i < n; i++) {
      if (!metalCode(code[i]!) || lab[i] === mark) continue;
      // full component (flood fill with an explicit stack), marked with `mark`
      const stack = [i]; lab[i] = mark; let size = 0;
      while (stack.length > 0) {
        const u = stack.pop()!; size++;
        for (let d = 0; d < 6; d++) { const w = app.lat.step(u, d); if (w >= 0 && lab[w] !== mark && metalCode(code[w]!)) { lab[w] = mark; stack.push(w); } }
      }
      if (size === 1) lone++; else if (size <= 4) small++;
    }
    this.stamp++; // the marks above are not the comp() stamps
    return { lone, small };
  }

  private finish(app: PlatingApp, t_s: number, z0: number): void {
    this.done = true;
    const r = this.r;
    r.fpHops = app.lone?.stats.hopsReplaced ?? 0;
    r.t_s = t_s;
    const T = this.sumT.reduce((a, b) => a + b, 0);
    r.loneMean = T > 0 ? this.sumLone.reduce((a, b) => a + b, 0) / T : 0;
    r.smallMean = T > 0 ? this.sumSmall.reduce((a, b) => a + b, 0) / T : 0;
    r.loneThirds = this.sumT.map((t, k) => (t > 0 ? this.sumLone[k]! / t : 0));
    r.smallThirds = this.sumT.map((t, k) => (t > 0 ? this.sumSmall[k]! / t : 0));
    r.etaMean_mV = T > 0 ? (this.etaDt / T) * 1e3 : NaN;
    // islands touching the host (first layer) and their centroids (periodic unwrap by the circular mean)
    const nx = app.lat.nx, ny = app.lat.ny, nxy = app.lat.nxy, code = app.code, top = Math.min(app.lat.nz - 1, app.maxMetalZ + 1), n = code.length;
    const mark = ++this.stamp, lab = this.seen;
    const cents: [number, number][] = [];
    for (let i = (z0 + 1) * nxy; i < (z0 + 2) * nxy; i++) {
      if (!metalCode(code[i]!) || lab[i] === mark) continue;
      const stack = [i]; lab[i] = mark;
      let cx = 0, sx = 0, cy = 0, sy = 0, size = 0;
      while (stack.length > 0) {
        const u = stack.pop()!;
        size++;
        const x = u % nx, y = Math.floor(u / nx) % ny;
        cx += Math.cos((2 * Math.PI * x) / nx); sx += Math.sin((2 * Math.PI * x) / nx);
        cy += Math.cos((2 * Math.PI * y) / ny); sy += Math.sin((2 * Math.PI * y) / ny);
        for (let d = 0; d < 6; d++) { const w = app.lat.step(u, d); if (w >= 0 && w < n && w <= top * nxy + nxy && lab[w] !== mark && metalCode(code[w]!)) { lab[w] = mark; stack.push(w); } }
      }
      const ang = (c: number, s: number, L: number) => ((Math.atan2(s, c) / (2 * Math.PI)) * L + L) % L;
      cents.push([ang(cx, sx, nx), ang(cy, sy, ny)]);
      r.islandSizes.push(size);
    }
    this.stamp++;
    r.nuclei = cents.length;
    if (cents.length >= 2) {
      let sum = 0;
      for (let a = 0; a < cents.length; a++) {
        let best = Infinity;
        for (let b = 0; b < cents.length; b++) {
          if (a === b) continue;
          let dx = Math.abs(cents[a]![0] - cents[b]![0]); dx = Math.min(dx, nx - dx);
          let dy = Math.abs(cents[a]![1] - cents[b]![1]); dy = Math.min(dy, ny - dy);
          best = Math.min(best, Math.hypot(dx, dy));
        }
        sum += best;
      }
      // Clark-Evans: mean nearest-neighbour distance over 1 / (2 sqrt(density)) (a Poisson pattern's expectation)
      r.clarkEvans = sum / cents.length / (0.5 / Math.sqrt(cents.length / (nx * ny)));
    }
    this.sig.aborted = true;
  }

  advance(): void { /* nothing of its own */ }
  report(): Record<string, number> { return {}; }
}

export interface ProbeRun { reading: ProbeReading; metrics: ReturnType<typeof simulate>['metrics'] }

/** Li on bare Cu, the study box (side x side x 24 of 20 nm) and step; kinetics overrides as the run file's `kinetics:` takes them; probe false: the plain run (to eventLimit events when given); current_mA the step's current density, mA/cm2 (tempwhy65b) */
export function probeRun(tC: number, seed: number, kinetics?: Record<string, string>, probe = true, side = 64, look = 64, eventLimit?: number, current_mA = 1): ProbeRun {
  const run = parseRunInput({
    metal: 'Li', temperature: `${tC} degC`, lattice: { size: [side, side, 24], voxel: '20 nm' }, host: 'Cu',
    ...(kinetics ? { kinetics } : {}),
    protocol: [`Plate 0.004 mAh/cm2 at ${current_mA} mA/cm2`], seed, output: { snapshots: false },
  });
  const sig = { aborted: false };
  let p: Probe | null = null;
  // simulate takes any { aborted: boolean } as its signal (run-resolved.ts checkSimulateOptions)
  const signal = sig as unknown as AbortSignal;
  const res = simulate(run, probe ? { signal, onSimulation: (sim) => { p = new Probe(sim, sig, look); sim.modules.push(p); } } : eventLimit !== undefined ? { eventLimit } : {});
  const m = res.metrics;
  if (!probe) return { reading: null as unknown as ProbeReading, metrics: m };
  const pr = p as Probe | null;
  if (!pr || !pr.done) throw new Error(`${tC} degC seed ${seed}: the coverage ${COVERAGE} was not reached (${m.steps_ended.join(', ')})`);
  pr.r.earlyDensity = m.early_nucleus_density_per_um2 ?? null;
  pr.r.plateauMean_mV = m.plateau_overpotential_mV;
  return { reading: pr.r, metrics: m };
}
