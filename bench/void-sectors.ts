/**
 * How often would a sector run under `model: { sealed_pores: void }` need a liquid search past one thread's sub-box?
 * (branch voidwalk; docs/model.md E1, "With the sector engine".) Runs the serial engine under `void` and, at every
 * liquid search it makes, repeats that search inside the sub-box of the thread that would own the event in a sector
 * run (parallel/sectors.ts: the domain of W = nx / threads columns plus GHOST columns a side; the wall beyond):
 *  - a reduction's searches (SealedLiquid.afterFill, when its shortcuts do not settle it; a voxel f turned solid): from
 *    each EMPTY face of f, a search over EMPTY voxels (not through f) inside the sub-box that stops at open liquid
 *    (joined), runs out (sealed: exact, the pocket lies inside) or meets the sub-box's edge first (undecided: the thread
 *    cannot tell without the other domains);
 *  - a reopening (SealedLiquid.afterOpen joins VOID to the bulk): whether every VOID voxel it turns EMPTY lies inside
 *    the sub-box (the thread can relabel the whole pocket in its own copy).
 * The events are the serial run's: this counts what a sector run would meet, not what it would do.
 *   node dist/bench/void-sectors.js [threads=2] [seed=1] [charge=0.3] > out.json   (the film benchmark's box)
 */
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { SealedLiquid } from '../src/apps/liquid.js';
import { filmRunInput } from '../src/bench/film.js';
import { GHOST } from '../src/parallel/sectors.js';
import { EMPTY, VOID } from '../src/lattice/species.js';

const threads = Number(process.argv[2] ?? 2), seed = Number(process.argv[3] ?? 1), charge = Number(process.argv[4] ?? 0.3);
const input = { ...filmRunInput(), seed, model: { sealed_pores: 'void' }, protocol: [`Plate ${charge} mAh/cm2 at 3 mA/cm2`] };
const run = parseRunInput(input);
const [nx, ny] = run.lattice.size;
const W = nx / threads, nxy = nx * ny;
const colOf = (v: number) => (v % nxy) % nx;
/** whether column x lies in the sub-box of the thread that owns column x0 (its domain plus GHOST columns a side) */
const inSub = (x0: number, x: number) => {
  const k = Math.floor(x0 / W), lo = k * W - GHOST;
  return (((x - lo) % nx) + nx) % nx < W + 2 * GHOST;
};

const counts = { fills: 0, searches: 0, groups: 0, joined: 0, sealed: 0, undecided: 0, undecidedTrulySealed: 0, opens: 0, opensOutside: 0, reopenedVoxels: 0, reopenedOutside: 0, sealedVoxels: 0 };
const nb = new Int32Array(6), nb2 = new Int32Array(6);
type Liquid = { lat: SealedLiquid['lat']; code: Uint8Array; isOpen(w: number): boolean };

const proto = SealedLiquid.prototype as unknown as {
  afterFill(f: number, toVoid: number[]): void; afterOpen(o: number, toEmpty: number[], toVoid: number[]): void;
  search(this: Liquid, f: number, m: number, mayBeOpen: boolean, toVoid: number[]): void;
};
const search0 = proto.search, afterOpen0 = proto.afterOpen, afterFill0 = proto.afterFill;
proto.afterFill = function (this: Liquid, f: number, toVoid: number[]) { counts.fills++; const n0 = toVoid.length; afterFill0.call(this, f, toVoid); counts.sealedVoxels += toVoid.length - n0; };
proto.search = function (this: Liquid, f: number, m: number, mayBeOpen: boolean, toVoid: number[]) {
  counts.searches++;
  const code = this.code, x0 = colOf(f), start = toVoid.length;
  this.lat.neighbors(f, nb);
  const outcomes: { seen: Set<number>; out: 'joined' | 'sealed' | 'undecided' }[] = [];
  for (let d = 0; d < 6; d++) {
    const s = nb[d]!;
    if (s < 0 || code[s] !== EMPTY || outcomes.some((o) => o.seen.has(s))) continue;
    counts.groups++;
    // the sub-box search: breadth first over EMPTY voxels (not through f) inside the sub-box
    const seen = new Set<number>([s]), queue = [s];
    let out: 'joined' | 'sealed' | 'undecided' = 'sealed';
    for (let h = 0; h < queue.length && out === 'sealed'; h++) {
      const v = queue[h]!;
      if (this.isOpen(v)) { out = 'joined'; break; }
      this.lat.neighbors(v, nb2);
      for (let e = 0; e < 6; e++) {
        const t = nb2[e]!;
        if (t < 0 || t === f || code[t] !== EMPTY || seen.has(t)) continue;
        if (!inSub(x0, colOf(t))) { out = 'undecided'; break; }
        seen.add(t); queue.push(t);
      }
    }
    outcomes.push({ seen, out });
    counts[out]++;
  }
  search0.call(this, f, m, mayBeOpen, toVoid);
  // an undecided group that the whole-box search found sealed: a pocket past the sub-box's edge
  const sealedNow = new Set(toVoid.slice(start));
  for (const o of outcomes) if (o.out === 'undecided' && [...o.seen].some((v) => sealedNow.has(v))) counts.undecidedTrulySealed++;
};
proto.afterOpen = function (this: Liquid, o: number, toEmpty: number[], toVoid: number[]) {
  const n0 = toEmpty.length;
  afterOpen0.call(this, o, toEmpty, toVoid);
  if (toEmpty.length > n0) {
    counts.opens++;
    const x0 = colOf(o);
    let outside = 0;
    for (let i = n0; i < toEmpty.length; i++) if (!inSub(x0, colOf(toEmpty[i]!))) outside++;
    counts.reopenedVoxels += toEmpty.length - n0; counts.reopenedOutside += outside;
    if (outside > 0) counts.opensOutside++;
  }
};

const c0 = process.cpuUsage();
const sim = new Simulation(run);
sim.runAll();
const c = process.cpuUsage(c0);
let voids = 0;
for (const x of sim.app.code) if (x === VOID) voids++;
process.stdout.write(`${JSON.stringify({
  box: run.lattice.size, threads, W, ghost: GHOST, seed, charge_mAh_per_cm2: charge, events: sim.events, reductions: sim.app.counters.reductions,
  voidAtEnd: voids, voidSealed: sim.app.voidSealed, voidOpened: sim.app.voidOpened, ...counts, cpu_s: (c.user + c.system) / 1e6,
}, null, 1)}\n`);
