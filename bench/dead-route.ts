/**
 * Task deadroute (session 55), question 1: by which route does dead metal form in sei-dead-voxel's set-up, and which route
 * did deadfilm's fix (127d676a: SeiModule.afterReduction passes over a DEAD neighbour when counting the film a new atom is
 * plated under) remove or add? Counters only: the module's and the app's methods are wrapped at run time (no random draw,
 * no state change), so a run's trajectory is the build's own (the 100 nm arms reproduce results.json's sei-dead-voxel
 * figures of the build).
 *
 *   node dist/bench/dead-route.js run OUT.json [GRID[:FROM-TO] ...]   runs the arms of the given grids (default 100 25):
 *     100 (8 x 8 x 15 x 100 nm, seeds 301-364), 25 (32 x 32 x 60 x 25 nm, seeds 301-316), 100w (16 x 16 x 15 x 100 nm,
 *     the 1.6 um box, seeds 301-364); FROM-TO replaces the seeds
 *     12.5 (64 x 64 x 120 x 12.5 nm, seeds 301-316; tracedead); DEAD_ROUTE_ARMS=base runs the 25 degC 1 mA/cm2 arm only
 *   node dist/bench/dead-route.js compare OLD.json NEW.json   paired intervals, old rule vs new, and within each build
 *
 * Build the old rule in a temp clone (the fix reverted: `git show 127d676a -- src/apps/events/sei.ts | git apply -R`),
 * copy this file into its bench/, build, run there; run the new rule here.
 *
 * Routes, per run (voxels):
 * - seal (SEI formation cutting metal off), by what the converted voxel was doing: `crack` (it had a stretched exposed
 *   face: a stretched film settled and cracked), `fresh` (a fresh exposed face, no stretched one), `thick` (only filmed
 *   faces or faces under SEI: thickening), `electrochem` (afterReduction's freshFraction draw on a new atom); and split by
 *   whether the converted voxel was an atom plated beside dead metal (`besideDead`: it shared a face with DEAD metal when it
 *   was reduced) and whether it touched DEAD metal when converted;
 * - cut by an oxidation (afterRemoval outside an SEI conversion; by step kind from sei-common's deadBySource: a plate step's
 *   back reaction or a strip step); split by whether the oxidised atom had been plated beside dead metal;
 * - dead metal consumed: DEAD voxels turned into SEI (dead at the end = formed - consumed; no reconnection here);
 * - the fix's reach: reductions with a DEAD neighbour, the DEAD neighbours' filmed faces the new atom buried (the film the
 *   old rule lifted onto it), and what those atoms got: filmed, stretched and fresh faces, electrochemical conversions.
 * - at the end: dead voxels touching electrolyte vs enclosed (no electrolyte face: wrapped by SEI, metal or host).
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { SeiModule } from '../src/apps/events/sei.js';
import { PlatingApp } from '../src/apps/plating.js';
import { DIRS } from '../src/kmc/lattice.js';
import { METAL, DEAD, EMPTY } from '../src/lattice/species.js';
import { meanInterval, pairedInterval } from '../src/stats/interval.js';
import { seiRun, deadBySource } from '../validation/studies/sei-common.js';

type Kind = 'crack' | 'fresh' | 'thick' | 'electrochem';
const KINDS: Kind[] = ['crack', 'fresh', 'thick', 'electrochem'];

interface Counts {
  reductions: number; redBesideDead: number; deadFilmFacesBuried: number;
  besideFilmed: number; besideStretched: number; besideFresh: number; besideElectrochem: number;
  sealBy: Record<Kind, number>; sealByBeside: number; sealTouchingDead: number;
  convertedBy: Record<Kind, number>; convertedBeside: number;
  deadConsumedBy: Record<Kind, number>;
  oxCut: number; oxCutBeside: number;
  /** tracedead: dead faces a strip or a hop left bare again (SeiModule.exposeDeadFace, stripfilm builds only), fresh ones */
  deadFaceExposed: number; deadFaceFresh: number; deadFaceFreshByStrip: number;
}
const zero = (): Counts => ({
  reductions: 0, redBesideDead: 0, deadFilmFacesBuried: 0, besideFilmed: 0, besideStretched: 0, besideFresh: 0, besideElectrochem: 0,
  sealBy: { crack: 0, fresh: 0, thick: 0, electrochem: 0 }, sealByBeside: 0, sealTouchingDead: 0,
  convertedBy: { crack: 0, fresh: 0, thick: 0, electrochem: 0 }, convertedBeside: 0,
  deadConsumedBy: { crack: 0, fresh: 0, thick: 0, electrochem: 0 },
  oxCut: 0, oxCutBeside: 0,
  deadFaceExposed: 0, deadFaceFresh: 0, deadFaceFreshByStrip: 0,
});

let C = zero();
/** per voxel: the atom there was plated beside dead metal (reset per run) */
let beside = new Uint8Array(0);
let inConvert = false;
const nb = new Int32Array(DIRS);

type AnyFn = (...a: unknown[]) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const seiProto = SeiModule.prototype as any, appProto = PlatingApp.prototype as any;
const origAfterReduction = seiProto.afterReduction as AnyFn, origConvert = seiProto.convert as AnyFn, origAfterRemoval = appProto.afterRemoval as AnyFn;

seiProto.afterReduction = function (this: { cov: Uint8Array; str: Uint8Array; counters: { stretched: number; freshByReduction: number; boundElectrochemical: number } }, app: PlatingApp, v: number) {
  if (beside.length !== app.lat.n) beside = new Uint8Array(app.lat.n);
  C.reductions++;
  app.lat.neighbors(v, nb);
  let deadNb = 0, deadFilm = 0;
  for (let d = 0; d < DIRS; d++) {
    const w = nb[d]!;
    if (w < 0 || app.code[w] !== DEAD) continue;
    deadNb++;
    if (this.cov[w]! & (1 << (d ^ 1))) deadFilm++;
  }
  beside[v] = deadNb > 0 ? 1 : 0;
  if (deadNb === 0) return origAfterReduction.call(this, app, v);
  C.redBesideDead++;
  C.deadFilmFacesBuried += deadFilm;
  const s0 = this.counters.stretched, f0 = this.counters.freshByReduction, e0 = this.counters.boundElectrochemical;
  const r = origAfterReduction.call(this, app, v);
  C.besideStretched += this.counters.stretched - s0;
  C.besideFresh += this.counters.freshByReduction - f0;
  C.besideElectrochem += this.counters.boundElectrochemical - e0;
  if (app.code[v] === METAL) { let m = this.cov[v]! & ~this.str[v]!, k = 0; while (m) { k += m & 1; m >>= 1; } C.besideFilmed += k; }
  return r;
};

seiProto.convert = function (this: { cov: Uint8Array; str: Uint8Array }, app: PlatingApp, v: number, electrochemical: boolean) {
  const code = app.code;
  app.lat.neighbors(v, nb);
  let exposed = 0, touchDead = false;
  for (let d = 0; d < DIRS; d++) { const w = nb[d]!; if (w < 0) continue; if (code[w] === EMPTY) exposed |= 1 << d; else if (code[w] === DEAD) touchDead = true; }
  const kind: Kind = electrochemical ? 'electrochem' : (this.str[v]! & exposed) !== 0 ? 'crack' : (exposed & ~this.cov[v]!) !== 0 ? 'fresh' : 'thick';
  const wasDead = code[v] === DEAD, wasBeside = code[v] === METAL && beside[v] === 1;
  const before = app.deadFormed;
  inConvert = true;
  try { origConvert.call(this, app, v, electrochemical); } finally { inConvert = false; }
  const formed = app.deadFormed - before;
  C.convertedBy[kind]++;
  if (wasBeside) C.convertedBeside++;
  if (wasDead) C.deadConsumedBy[kind]++;
  C.sealBy[kind] += formed;
  if (wasBeside) C.sealByBeside += formed;
  if (touchDead) C.sealTouchingDead += formed;
};

// stripfilm's exposeDeadFace (absent before stripfilm: the wrap is skipped there)
const origExpose = seiProto.exposeDeadFace as AnyFn | undefined;
if (origExpose) {
  seiProto.exposeDeadFace = function (this: { cov: Uint8Array }, w: number, bit: number, stripped: boolean) {
    C.deadFaceExposed++;
    if ((this.cov[w]! & bit) === 0) { C.deadFaceFresh++; if (stripped) C.deadFaceFreshByStrip++; }
    return origExpose.call(this, w, bit, stripped);
  };
}

appProto.afterRemoval = function (this: PlatingApp, v: number) {
  const before = this.deadFormed;
  const wasBeside = beside.length === this.lat.n && beside[v] === 1;
  const r = origAfterRemoval.call(this, v);
  if (!inConvert) {
    const formed = this.deadFormed - before;
    C.oxCut += formed;
    if (wasBeside) C.oxCutBeside += formed;
  }
  return r;
};

export interface RouteRun { grid: string; voxel_nm: number; T: number; j: number; seed: number; dead: number; plated: number; deadEnd: number; seiBound: number; deadExposed: number; deadEnclosed: number; freshByStripping?: number; src: Record<string, number>; c: Counts }

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const GRIDS: Record<string, { voxel_nm: number; n: number; nz: number; seeds: number[] }> = {
  100: { voxel_nm: 100, n: 8, nz: 15, seeds: range(301, 64) },
  25: { voxel_nm: 25, n: 32, nz: 60, seeds: range(301, 16) },
  '100w': { voxel_nm: 100, n: 16, nz: 15, seeds: range(301, 64) },
  12.5: { voxel_nm: 12.5, n: 64, nz: 120, seeds: range(301, 16) },
};
/** DEAD_ROUTE_ARMS=base runs the 25 degC 1 mA/cm2 arm only (tracedead) */
const baseOnly = process.env.DEAD_ROUTE_ARMS === 'base';

function one(grid: string, T: number, j: number, seed: number): RouteRun {
  const g = GRIDS[grid]!, voxel_nm = g.voxel_nm;
  C = zero(); beside = new Uint8Array(0);
  const r = seiRun({ seed, sei: 'carbonate', terraceBarrier_eV: 0.25, T_degC: T, j_mA: j, size: [g.n, g.n, g.nz], voxel_nm,
    protocol: [{ repeat: 2, steps: [`Plate 0.1 mAh/cm2 at ${j} mA/cm2`, `Strip at ${j} mA/cm2 until 1 V`] }] });
  const app = r.sim.app, code = app.code;
  let deadEnd = 0, exposedDead = 0;
  for (let v = 0; v < app.lat.n; v++) {
    if (code[v] !== DEAD) continue;
    deadEnd++;
    app.lat.neighbors(v, nb);
    let e = false;
    for (let d = 0; d < DIRS; d++) { const w = nb[d]!; if (w >= 0 && code[w] === EMPTY) e = true; }
    if (e) exposedDead++;
  }
  return { grid, voxel_nm, T, j, seed, dead: r.summary.dead_metal_fraction, plated: r.summary.plated_voxels_total, deadEnd, seiBound: r.summary.sei_charge_fraction,
    deadExposed: exposedDead, deadEnclosed: deadEnd - exposedDead, freshByStripping: (r.sim.sei as unknown as { counters: { freshByStripping: number } }).counters.freshByStripping, src: deadBySource(r), c: C };
}

function runMode(out: string, specs: string[]): void {
  const runs: RouteRun[] = [];
  const t0 = Date.now();
  for (const spec of specs) {
    const [a, sr] = spec.split(':') as [string, string | undefined];
    const g = GRIDS[a];
    if (!g) throw new Error(`grid ${a}: expected 100, 25, 12.5 or 100w`);
    const m = sr ? /^(\d+)-(\d+)$/.exec(sr) : null;
    const seedList = m ? range(Number(m[1]), Number(m[2]) - Number(m[1]) + 1) : g.seeds;
    const arms: [number, number][] = baseOnly ? [[25, 1]] : g.voxel_nm === 100 ? [[25, 1], [-10, 1], [25, 5]] : [[25, 1], [-10, 1]];
    for (const seed of seedList) for (const [T, j] of arms) runs.push(one(a, T, j, seed));
    process.stderr.write(`${a} nm done, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  writeFileSync(out, JSON.stringify({ wall_s: (Date.now() - t0) / 1000, runs }) + '\n');
}

const iv = (x: { mean: number; lo: number; hi: number }, d = 3) => `${x.mean.toFixed(d)} [${x.lo.toFixed(d)}, ${x.hi.toFixed(d)}]`;

/** the per-run figures compared: dead %, and routes per run */
const FIG: [string, (r: RouteRun) => number][] = [
  ['dead at end, % of plated', (r) => 100 * r.dead],
  ['dead formed (voxels)', (r) => r.src.platingCut! + r.src.seal! + r.src.stripCut!],
  ['  sealed by SEI', (r) => r.src.seal!],
  ...KINDS.map((k) => [`    seal: ${k}`, (r: RouteRun) => r.c.sealBy[k]] as [string, (r: RouteRun) => number]),
  ['    seal by an atom plated beside dead', (r) => r.c.sealByBeside],
  ['    seal by a voxel touching dead', (r) => r.c.sealTouchingDead],
  ['  cut by oxidation, plating (back reaction)', (r) => r.src.platingCut!],
  ['  cut by oxidation, stripping', (r) => r.src.stripCut!],
  ['  oxidation cut at an atom plated beside dead', (r) => r.c.oxCutBeside],
  ['dead consumed by SEI (voxels)', (r) => KINDS.reduce((a, k) => a + r.c.deadConsumedBy[k], 0)],
  ...KINDS.map((k) => [`  consumed: ${k}`, (r: RouteRun) => r.c.deadConsumedBy[k]] as [string, (r: RouteRun) => number]),
  ['dead at end (voxels)', (r) => r.deadEnd],
  ['  of it enclosed (no electrolyte face)', (r) => r.deadEnclosed],
  ['formed - consumed - end (reconnected/other)', (r) => r.src.platingCut! + r.src.seal! + r.src.stripCut! - KINDS.reduce((a, k) => a + r.c.deadConsumedBy[k], 0) - r.deadEnd],
  ['dead faces bared by a strip or hop (stripfilm only)', (r) => r.c.deadFaceExposed ?? 0],
  ['  of them fresh', (r) => r.c.deadFaceFresh ?? 0],
  ['  fresh, by a strip', (r) => r.c.deadFaceFreshByStrip ?? 0],
  ['sei fresh faces by stripping (counter)', (r) => r.freshByStripping ?? NaN],
  ['plated voxels', (r) => r.plated],
  ['reductions beside dead', (r) => r.c.redBesideDead],
  ['  dead filmed faces buried (old rule lifts them)', (r) => r.c.deadFilmFacesBuried],
  ['  their new atoms: filmed faces', (r) => r.c.besideFilmed],
  ['  their new atoms: stretched faces', (r) => r.c.besideStretched],
  ['  their new atoms: fresh faces', (r) => r.c.besideFresh],
  ['  their new atoms: electrochemically bound', (r) => r.c.besideElectrochem],
  ['voxels converted to SEI', (r) => KINDS.reduce((a, k) => a + r.c.convertedBy[k], 0)],
  ['  of them atoms plated beside dead', (r) => r.c.convertedBeside],
  ['SEI-bound, % of plated', (r) => 100 * r.seiBound],
  ['reductions', (r) => r.c.reductions],
];

const gridOf = (r: RouteRun) => r.grid ?? String(r.voxel_nm);
function pick(runs: RouteRun[], a: string, T: number, j: number): RouteRun[] {
  return runs.filter((r) => gridOf(r) === a && r.T === T && r.j === j).sort((x, y) => x.seed - y.seed);
}

function compareMode(oldPath: string, newPath: string): void {
  const O = (JSON.parse(readFileSync(oldPath, 'utf8')) as { runs: RouteRun[] }).runs, N = (JSON.parse(readFileSync(newPath, 'utf8')) as { runs: RouteRun[] }).runs;
  const lines: string[] = [];
  const sizes = [...new Set(N.map(gridOf))];
  for (const a of sizes) {
    const arms = [...new Set(N.filter((r) => gridOf(r) === a).map((r) => `${r.T}|${r.j}`))].map((s) => s.split('|').map(Number) as [number, number]);
    for (const [T, j] of arms) {
      const o = pick(O, a, T, j), n = pick(N, a, T, j);
      if (o.length !== n.length || o.some((r, i) => r.seed !== n[i]!.seed)) throw new Error('seed lists differ');
      lines.push(`\n## grid ${a}, ${T} degC, ${j} mA/cm2, seeds ${n[0]!.seed}-${n[n.length - 1]!.seed} (${n.length}): per run, old rule | new rule | new minus old (paired by seed)`);
      for (const [name, f] of FIG) lines.push(`${name}: ${iv(meanInterval(o.map(f)))} | ${iv(meanInterval(n.map(f)))} | ${iv(pairedInterval(n.map(f), o.map(f)))}`);
    }
    // the comparisons of must show 4 within each build, and the difference of differences
    const base = (R: RouteRun[]) => pick(R, a, 25, 1);
    for (const [T, j, label] of [[-10, 1, 'cold minus 25 degC'], [25, 5, '5 minus 1 mA/cm2']] as const) {
      const oa = pick(O, a, T, j), na = pick(N, a, T, j);
      if (na.length === 0) continue;
      lines.push(`\n## grid ${a}, ${label}, paired by seed within a build`);
      for (const [name, f] of FIG) {
        const dO = oa.map((r, i) => f(r) - f(base(O)[i]!)), dN = na.map((r, i) => f(r) - f(base(N)[i]!));
        const sd = (xs: number[]) => { const m = xs.reduce((s, x) => s + x, 0) / xs.length; return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)); };
        lines.push(`${name}: old ${iv(meanInterval(dO))} (SD ${sd(dO).toFixed(3)}) | new ${iv(meanInterval(dN))} (SD ${sd(dN).toFixed(3)}) | new minus old ${iv(pairedInterval(dN, dO))}`);
      }
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'run' && rest[0]) runMode(rest[0], rest.slice(1).length > 0 ? rest.slice(1) : ['100', '25']);
else if (mode === 'compare' && rest[0] && rest[1]) compareMode(rest[0], rest[1]);
else process.stderr.write('usage: dead-route.js run OUT.json [100|25 ...] | compare OLD.json NEW.json\n');
