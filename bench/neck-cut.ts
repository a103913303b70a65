/**
 * Task neckcut (session 56): why, at E_d 0.10 eV, the cold gives LESS dead metal (sei-dead-ed010-powered's
 * counterexample to issue 10's must show 4), with E_d 0.25 eV as contrast. Counters only, the technique of
 * bench/dead-route.ts: the app's methods are wrapped at run time (no random draw, no state change), so each run is the
 * build's own trajectory; the run itself is sei-common's seiRun input (sei-dead-ed010-powered's diffusing arm), with
 * this file's own onStepEnd (morphology() and a neck census: no draw either). `check` runs seiRun on the same seed and
 * compares the summaries, to show the trajectory is the study's.
 *
 *   node dist/bench/neck-cut.js run OUT.json ED FROM-TO [SIZE] [VOXEL_NM] [J]   runs -10 and 25 degC at J mA/cm2 (default 1)
 *     for each seed (ED in eV, e.g. 0.10; SIZE nx,ny,nz, default 16,16,40; VOXEL_NM default 100); appends to OUT.json if it exists
 *   node dist/bench/neck-cut.js sum OUT.json [more.json ...]   paired intervals (cold minus 25 degC) per E_d / grid
 *   node dist/bench/neck-cut.js check SEED                       this runner against seiRun, E_d 0.10 eV, both temperatures
 *
 * Per run, split by step kind (plate / strip): reductions, oxidations, hops (the app's counters), oxidations that cut
 * metal off (cut events) and the voxels they cut, the oxidised atom's bonds (its METAL, DEAD and substrate face
 * neighbours when it went), dead voxels sealed by SEI (the module's deadByWrap); at the end of each plate step the neck
 * census: necks (METAL voxels whose removal alone cuts METAL off the ground: articulation points of the graph of METAL
 * voxels and a ground node), voxels hanging on at least one neck, one-bond METAL atoms, METAL voxels, the specific
 * surface area; at the end: dead voxels left, reconnected (the opt-in contact rule, off here) and consumed by SEI.
 */
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { PlatingApp } from '../src/apps/plating.js';
import { DIRS } from '../src/kmc/lattice.js';
import { METAL, DEAD, isSubstrate } from '../src/lattice/species.js';
import { meanInterval, pairedInterval } from '../src/stats/interval.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { morphology } from '../src/metrics/morphology.js';
import { seiRun } from '../validation/studies/sei-common.js';
import { DoubleLayer } from '../src/electrochem/doublelayer.js';

interface Ev { oxCuts: number; oxCutVoxels: number; oxByBonds: number[]; cutByBonds: number[] }
const zeroEv = (): Ev => ({ oxCuts: 0, oxCutVoxels: 0, oxByBonds: [0, 0, 0, 0, 0, 0, 0], cutByBonds: [0, 0, 0, 0, 0, 0, 0] });
let E = zeroEv();
let inTransmute = false;
/** the neck census sampled every sampleEvery oxidations of the strip steps (stated after the first bench run, H5): 50 at
 * 100 nm, scaled with the voxels per plated charge, (100 nm / voxel)^3, so a strip is sampled about 50 times at any voxel */
let sampleEvery = 50;
let sampling = false, oxCount = 0;
let S = { samples: 0, necks: 0, hanging: 0, oneBond: 0 };
const nb = new Int32Array(DIRS);

type AnyFn = (...a: unknown[]) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const appProto = PlatingApp.prototype as any;
const origAfterRemoval = appProto.afterRemoval as AnyFn, origTransmute = appProto.transmute as AnyFn;
let wrapped = false;
function wrap(): void {
  if (wrapped) return;
  wrapped = true;
  appProto.transmute = function (this: PlatingApp, v: number, c: number) {
    inTransmute = true;
    try { return origTransmute.call(this, v, c); } finally { inTransmute = false; }
  };
  appProto.afterRemoval = function (this: PlatingApp, v: number) {
    if (inTransmute) return origAfterRemoval.call(this, v);
    const code = this.code;
    this.lat.neighbors(v, nb);
    let bonds = 0;
    for (let d = 0; d < DIRS; d++) { const w = nb[d]!; if (w < 0) continue; const c = code[w]!; if (c === METAL || c === DEAD || isSubstrate(c)) bonds++; }
    const before = this.deadFormed;
    const r = origAfterRemoval.call(this, v);
    const formed = this.deadFormed - before;
    E.oxByBonds[bonds]!++;
    if (formed > 0) { E.oxCuts++; E.oxCutVoxels += formed; E.cutByBonds[bonds]!++; }
    if (sampling && ++oxCount % sampleEvery === 0) { const c = neckCensus(this); S.samples++; S.necks += c.necks; S.hanging += c.hanging; S.oneBond += c.oneBond; }
    return r;
  };
}

/**
 * backrx (session 57): the time integrals of the box's reduction and oxidation sums at eta = 0 (A, B), of A exp(alpha f
 * eta) and B exp(-(1 - alpha) f eta) (the expected reductions and oxidations) and of eta, over the plate steps: the
 * technique of src/electrochem/rate-integrals.ts (DoubleLayer.update wrapped; between two calls the rates are constant),
 * on the prototype, so every DoubleLayer the run makes is seen. The interval open at a step's end is dropped (a step
 * starts with a fresh `last`). No draw, no state change.
 */
interface Integ { A: number; B: number; red: number; ox: number; eta: number; T: number }
const zeroInteg = (): Integ => ({ A: 0, B: 0, red: 0, ox: 0, eta: 0, T: 0 });
let I = zeroInteg(), integOn = false, fAlpha = { f: 0, alpha: 0.5 };
let lastDl: { t: number; A: number; B: number; eta: number } | null = null;
let dlWrapped = false;
function wrapDl(): void {
  if (dlWrapped) return;
  dlWrapped = true;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const proto = DoubleLayer.prototype as any;
  const orig = proto.update as AnyFn;
  proto.update = function (this: DoubleLayer, t: number, A: number, B: number, ...rest: unknown[]) {
    if (integOn && lastDl && t > lastDl.t && Number.isFinite(lastDl.eta)) {
      const h = t - lastDl.t, { f, alpha } = fAlpha;
      I.A += lastDl.A * h; I.B += lastDl.B * h; I.eta += lastDl.eta * h; I.T += h;
      I.red += lastDl.A * Math.exp(alpha * f * lastDl.eta) * h; I.ox += lastDl.B * Math.exp(-(1 - alpha) * f * lastDl.eta) * h;
    }
    const e = orig.call(this, t, A, B, ...rest) as number;
    lastDl = { t, A, B, eta: e };
    return e;
  };
}

/** the neck census of the METAL voxels (iterative Tarjan from a ground node) */
interface Necks { metal: number; necks: number; hanging: number; oneBond: number }
function neckCensus(app: PlatingApp): Necks {
  const lat = app.lat, code = app.code, n = lat.n, nxy = lat.nxy;
  const conn = app.conn!;
  const disc = new Int32Array(n).fill(-1), low = new Int32Array(n), size = new Int32Array(n);
  const parent = new Int32Array(n), itDir = new Int8Array(n);
  const nbl = new Int32Array(DIRS);
  const marks = new Int32Array(n + 2);
  const isNeck = new Uint8Array(n);
  let t = 0, metal = 0, oneBond = 0;
  const grounded = (v: number): boolean => {
    if (v < nxy) return true;
    lat.neighbors(v, nbl);
    for (let d = 0; d < DIRS; d++) { const w = nbl[d]!; if (w >= 0 && conn.isGroundedSubstrate(w)) return true; }
    return false;
  };
  for (let v = 0; v < n; v++) {
    if (code[v] !== METAL) continue;
    metal++;
    lat.neighbors(v, nbl);
    let b = 0;
    for (let d = 0; d < DIRS; d++) { const w = nbl[d]!; if (w < 0) continue; const c = code[w]!; if (c === METAL || c === DEAD || isSubstrate(c)) b++; }
    if (b === 1) oneBond++;
  }
  // the ground node's children: grounded METAL voxels not yet reached (each starts a DFS tree under the ground)
  const stack: number[] = [];
  const nbs = new Int32Array(DIRS);
  for (let r = 0; r < n; r++) {
    if (code[r] !== METAL || disc[r]! >= 0 || !grounded(r)) continue;
    // r's DFS; a grounded voxel also links to the ground (disc 0 of the virtual root): low = -1
    disc[r] = low[r] = t++; size[r] = 1; parent[r] = -1; itDir[r] = 0;
    stack.push(r);
    while (stack.length > 0) {
      const v = stack[stack.length - 1]!;
      if (itDir[v]! < DIRS) {
        const d = itDir[v]!;
        itDir[v] = d + 1;
        if (d === 0 && grounded(v)) low[v] = -1;
        lat.neighbors(v, nbs);
        const w = nbs[d]!;
        if (w < 0 || code[w] !== METAL) continue;
        if (disc[w]! < 0) { disc[w] = low[w] = t++; size[w] = 1; parent[w] = v; itDir[w] = 0; stack.push(w); }
        else if (w !== parent[v]) { if (disc[w]! < low[v]!) low[v] = disc[w]!; }
      } else {
        stack.pop();
        const p = parent[v]!;
        if (p >= 0) {
          size[p] = size[p]! + size[v]!;
          if (low[v]! < low[p]!) low[p] = low[v]!;
          if (low[v]! >= disc[p]!) { isNeck[p] = 1; marks[disc[v]!]!++; marks[disc[v]! + size[v]!]!--; }
        }
      }
    }
  }
  let necks = 0, hanging = 0, run = 0;
  for (let v = 0; v < n; v++) if (isNeck[v]) necks++;
  for (let i = 0; i < t; i++) { run += marks[i]!; if (run > 0) hanging++; }
  return { metal, necks, hanging, oneBond };
}

interface Part { reductions: number; oxidations: number; hops: number; oxCuts: number; oxCutVoxels: number; seal: number; oxByBonds: number[]; cutByBonds: number[] }
const zeroPart = (): Part => ({ reductions: 0, oxidations: 0, hops: 0, oxCuts: 0, oxCutVoxels: 0, seal: 0, oxByBonds: [0, 0, 0, 0, 0, 0, 0], cutByBonds: [0, 0, 0, 0, 0, 0, 0] });
export interface NeckRun {
  ed: number; voxel_nm: number; size: number[]; T: number; j: number; seed: number;
  dead: number; plated: number; sei: number; ce: number; area: number;
  plate: Part; strip: Part; necksAt: (Necks & { area: number })[];
  deadFormed: number; deadEnd: number; deadReconnected: number; deadConsumed: number; cpu_s: number;
  /** the neck census every 50 strip oxidations, summed over the samples (H5) */
  stripNecks?: { samples: number; necks: number; hanging: number; oneBond: number };
  /** backrx: the plate steps' rate integrals (Integ), the geometric exchange rate nxy k0 (1/s), f (1/V) */
  plateInteg?: Integ; r0?: number; f?: number;
}

function one(ed: number, T: number, j: number, seed: number, size: [number, number, number], voxel_nm: number): NeckRun {
  wrap(); wrapDl();
  const c0 = process.cpuUsage();
  I = zeroInteg(); lastDl = null; integOn = true;
  E = zeroEv();
  S = { samples: 0, necks: 0, hanging: 0, oneBond: 0 }; oxCount = 0; sampling = false;
  sampleEvery = Math.max(1, Math.round(50 * (100 / voxel_nm) ** 3));
  let stepIdx = 0;
  // sei-common's seiRun input, unchanged (sei-dead-ed010-powered's diffusing arm at E_d = ed)
  const run = parseRunInput({
    metal: 'Li', temperature: `${T} degC`, lattice: { size, voxel: `${voxel_nm} nm` }, host: 'Cu',
    kinetics: { terraceBarrier: `${ed} eV` }, sei: 'carbonate',
    protocol: [{ repeat: 2, steps: [`Plate 0.1 mAh/cm2 at ${j} mA/cm2`, `Strip at ${j} mA/cm2 until 1 V`] }],
    seed, output: { snapshots: false },
  });
  const sim = new Simulation(run);
  fAlpha = { f: sim.d.f_per_V, alpha: run.metal.alpha };
  const plate = zeroPart(), strip = zeroPart();
  const necksAt: NeckRun['necksAt'] = [];
  const areas: number[] = [];
  let red = 0, ox = 0, hops = 0, wrapD = 0;
  sim.runAll({
    onStepEnd: (s, r) => {
      const app = s.app, k = r.kind === 'plate' ? plate : strip;
      const cr = app.counters, w = s.sei?.counters.deadByWrap ?? 0;
      k.reductions += cr.reductions - red; k.oxidations += cr.oxidations - ox; k.hops += cr.hops - hops; k.seal += w - wrapD;
      red = cr.reductions; ox = cr.oxidations; hops = cr.hops; wrapD = w;
      k.oxCuts += E.oxCuts; k.oxCutVoxels += E.oxCutVoxels;
      for (let b = 0; b < 7; b++) { k.oxByBonds[b]! += E.oxByBonds[b]!; k.cutByBonds[b]! += E.cutByBonds[b]!; }
      E = zeroEv();
      if (r.kind === 'plate') {
        const mo = morphology(s.grid, { hostTopZ: s.d.hostTopZ });
        areas.push(mo.specific_surface_area);
        necksAt.push({ ...neckCensus(app), area: mo.specific_surface_area });
      }
      // the protocol is plate, strip, plate, strip: the next step is a strip after an even step index
      sampling = stepIdx % 2 === 0; stepIdx++; oxCount = 0;
      integOn = stepIdx % 2 === 0; lastDl = null; // the next step is a plate after an odd step index
    },
  });
  sampling = false; integOn = false;
  const app = sim.app, sm = cycleSummary(sim);
  const c1 = process.cpuUsage(c0);
  return {
    ed, voxel_nm, size, T, j, seed, dead: sm.dead_metal_fraction * 100, plated: sm.plated_voxels_total, sei: sm.sei_charge_fraction * 100,
    ce: sm.average_ce * 100, area: areas[0] ?? NaN, plate, strip, necksAt,
    deadFormed: app.deadFormed, deadEnd: app.deadCount, deadReconnected: app.deadReconnected,
    deadConsumed: app.deadFormed - app.deadReconnected - app.deadCount, cpu_s: (c1.user + c1.system) / 1e6, stripNecks: S,
    plateInteg: I, r0: sim.d.k0_per_s * app.lat.nxy, f: sim.d.f_per_V,
  };
}

function runMode(out: string, ed: number, from: number, to: number, size: [number, number, number], voxel_nm: number, j = 1): void {
  const prev: NeckRun[] = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { runs: NeckRun[] }).runs : [];
  const t0 = Date.now();
  // written every 16 seeds at 100 nm, every seed on a larger box (backrx: the 25 nm arm's runs take minutes)
  const every = size[0] * size[1] * size[2] > 16 * 16 * 40 ? 1 : 16;
  for (let seed = from; seed <= to; seed++) {
    for (const T of [25, -10]) prev.push(one(ed, T, j, seed, size, voxel_nm));
    if ((seed - from) % every === every - 1) {
      writeFileSync(out, JSON.stringify({ runs: prev }) + '\n');
      process.stderr.write(`E_d ${ed}, ${j} mA/cm2, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    }
  }
  writeFileSync(out, JSON.stringify({ runs: prev }) + '\n');
}

const iv = (x: { mean: number; lo: number; hi: number }, d = 3) => `${x.mean.toFixed(d)} [${x.lo.toFixed(d)}, ${x.hi.toFixed(d)}]`;
const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
const ge2 = (b: number[]) => sum(b.slice(2));

/** per-run figures: [name, value] (a NaN value leaves the run out of that row's pairs) */
const FIG: [string, (r: NeckRun) => number][] = [
  ['dead at end, % of plated', (r) => r.dead],
  ['plated voxels', (r) => r.plated],
  ['dead formed (voxels)', (r) => r.deadFormed],
  ['H1 cut while plating (voxels)', (r) => r.plate.oxCutVoxels],
  ['H1a plate oxidations per 100 reductions', (r) => 100 * r.plate.oxidations / r.plate.reductions],
  ['    plate oxidations', (r) => r.plate.oxidations],
  ['    plate reductions', (r) => r.plate.reductions],
  ['H1b plate cut events per 1000 oxidations', (r) => 1000 * r.plate.oxCuts / r.plate.oxidations],
  ['H1b plate oxidised atoms with >= 2 bonds, %', (r) => 100 * ge2(r.plate.oxByBonds) / sum(r.plate.oxByBonds)],
  ['    plate cut events', (r) => r.plate.oxCuts],
  ['    plate oxidations of atoms with >= 2 bonds', (r) => ge2(r.plate.oxByBonds)],
  ['    plate cut events per 1000 oxidations of >= 2-bond atoms', (r) => 1000 * r.plate.oxCuts / ge2(r.plate.oxByBonds)],
  ['H1c plate voxels per cut event (runs with a cut)', (r) => r.plate.oxCuts > 0 ? r.plate.oxCutVoxels / r.plate.oxCuts : NaN],
  ['H2 sealed by SEI (voxels)', (r) => r.plate.seal + r.strip.seal],
  ['    of it in plate steps', (r) => r.plate.seal],
  ['    SEI-bound, % of plated', (r) => r.sei],
  ['H3 necks at end of plate 1', (r) => r.necksAt[0]?.necks ?? NaN],
  ['H3 voxels hanging on a neck, plate 1', (r) => r.necksAt[0]?.hanging ?? NaN],
  ['H3 one-bond atoms, plate 1', (r) => r.necksAt[0]?.oneBond ?? NaN],
  ['H3 METAL voxels, plate 1', (r) => r.necksAt[0]?.metal ?? NaN],
  ['H3 necks at end of plate 2', (r) => r.necksAt[1]?.necks ?? NaN],
  ['H3 voxels hanging on a neck, plate 2', (r) => r.necksAt[1]?.hanging ?? NaN],
  ['H3 one-bond atoms, plate 2', (r) => r.necksAt[1]?.oneBond ?? NaN],
  ['H3 specific area, plate 1', (r) => r.area],
  ['H4 dead reconnected (voxels)', (r) => r.deadReconnected],
  ['H4 dead consumed by SEI (voxels)', (r) => r.deadConsumed],
  ['    dead at end (voxels)', (r) => r.deadEnd],
  ['strip: cut (voxels)', (r) => r.strip.oxCutVoxels],
  ['strip: oxidations', (r) => r.strip.oxidations],
  ['strip: reductions (back reaction)', (r) => r.strip.reductions],
  ['strip: cut events per 1000 oxidations', (r) => 1000 * r.strip.oxCuts / r.strip.oxidations],
  ['strip: oxidised atoms with >= 2 bonds, %', (r) => 100 * ge2(r.strip.oxByBonds) / sum(r.strip.oxByBonds)],
  ['strip: cut events per 1000 oxidations of >= 2-bond atoms', (r) => 1000 * r.strip.oxCuts / ge2(r.strip.oxByBonds)],
  ['strip: voxels per cut event (runs with a cut)', (r) => r.strip.oxCuts > 0 ? r.strip.oxCutVoxels / r.strip.oxCuts : NaN],
  ['H5 necks during the strips (mean of samples every 50 oxidations at 100 nm)', (r) => r.stripNecks && r.stripNecks.samples > 0 ? r.stripNecks.necks / r.stripNecks.samples : NaN],
  ['H5 voxels hanging on a neck during the strips', (r) => r.stripNecks && r.stripNecks.samples > 0 ? r.stripNecks.hanging / r.stripNecks.samples : NaN],
  ['H5 one-bond atoms during the strips', (r) => r.stripNecks && r.stripNecks.samples > 0 ? r.stripNecks.oneBond / r.stripNecks.samples : NaN],
  ['H5 strip cut events per 1000 oxidations per mean neck', (r) => r.stripNecks && r.stripNecks.necks > 0 ? 1000 * r.strip.oxCuts / r.strip.oxidations / (r.stripNecks.necks / r.stripNecks.samples) : NaN],
  ['hops per plate reduction', (r) => r.plate.hops / r.plate.reductions],
  // backrx: the plate steps' rate integrals (DoubleLayer.update wrapped): the model's share against Butler-Volmer's
  ['BV plate share, expected (integral of B exp(-f eta/2) over integral of A exp(f eta/2)), per 100', (r) => r.plateInteg && r.plateInteg.red > 0 ? 100 * r.plateInteg.ox / r.plateInteg.red : NaN],
  ['BV plate expected reductions / counted', (r) => r.plateInteg && r.plate.reductions > 0 ? r.plateInteg.red / r.plate.reductions : NaN],
  ['BV plate expected oxidations / counted', (r) => r.plateInteg && r.plate.oxidations > 0 ? r.plateInteg.ox / r.plate.oxidations : NaN],
  ['BV plate time-mean eta, mV', (r) => r.plateInteg && r.plateInteg.T > 0 ? 1e3 * r.plateInteg.eta / r.plateInteg.T : NaN],
  ['BV exp(-f <eta>), per 100 (the share a foil with A = B would give at the model eta)', (r) => r.plateInteg && r.plateInteg.T > 0 && r.f ? 100 * Math.exp(-r.f * r.plateInteg.eta / r.plateInteg.T) : NaN],
  ['BV plate time-mean A / (nxy k0)', (r) => r.plateInteg && r.plateInteg.T > 0 && r.r0 ? r.plateInteg.A / r.plateInteg.T / r.r0 : NaN],
  ['BV plate time-mean B / (nxy k0)', (r) => r.plateInteg && r.plateInteg.T > 0 && r.r0 ? r.plateInteg.B / r.plateInteg.T / r.r0 : NaN],
  ['BV plate <B> / <A>', (r) => r.plateInteg && r.plateInteg.A > 0 ? r.plateInteg.B / r.plateInteg.A : NaN],
  ['BV effective i0 from the share, mA/cm2 (j sqrt(s) / (1 - s))', (r) => { const s = r.plate.oxidations / r.plate.reductions; return r.j * Math.sqrt(s) / (1 - s); }],
  ['plate oxidations of 1-bond atoms, % of plate oxidations', (r) => 100 * r.plate.oxByBonds[1]! / sum(r.plate.oxByBonds)],
  ['plate oxidations of 1-bond atoms per 100 reductions', (r) => 100 * r.plate.oxByBonds[1]! / r.plate.reductions],
  ['plate oxidations of >= 2-bond atoms per 100 reductions', (r) => 100 * ge2(r.plate.oxByBonds) / r.plate.reductions],
];

export interface SumRow { name: string; n: number; base: number; cold: number; diff: { mean: number; lo: number; hi: number } }
function sumMode(paths: string[]): void {
  const runs = paths.flatMap((p) => (JSON.parse(readFileSync(p, 'utf8')) as { runs: NeckRun[] }).runs);
  const key = (r: NeckRun) => `E_d ${r.ed} eV, ${r.size.join(' x ')} x ${r.voxel_nm} nm${r.j !== 1 ? `, ${r.j} mA/cm2` : ''}`;
  const out: Record<string, { seeds: string; pairs: number; rows: SumRow[]; pooled: Record<string, [number, number]>; bonds: Record<string, number[]> }> = {};
  const lines: string[] = [];
  for (const k of [...new Set(runs.map(key))]) {
    const R = runs.filter((r) => key(r) === k);
    const base = new Map(R.filter((r) => r.T === 25).map((r) => [r.seed, r])), cold = new Map(R.filter((r) => r.T === -10).map((r) => [r.seed, r]));
    const seeds = [...base.keys()].filter((s) => cold.has(s)).sort((a, b) => a - b);
    const B = seeds.map((s) => base.get(s)!), C = seeds.map((s) => cold.get(s)!);
    lines.push(`\n## ${k}, seeds ${seeds[0]}-${seeds[seeds.length - 1]} (${seeds.length} pairs): 25 degC | -10 degC | cold minus 25 degC (paired, 95 %)`);
    const rows: SumRow[] = [];
    for (const [name, f] of FIG) {
      const idx = seeds.map((_, i) => i).filter((i) => Number.isFinite(f(B[i]!)) && Number.isFinite(f(C[i]!)));
      const b = idx.map((i) => f(B[i]!)), c = idx.map((i) => f(C[i]!));
      if (idx.length < 3) { lines.push(`${name}: too few runs (${idx.length})`); continue; }
      const d = pairedInterval(c, b), mb = meanInterval(b).mean, mc = meanInterval(c).mean;
      rows.push({ name: name.trim(), n: idx.length, base: mb, cold: mc, diff: { mean: d.mean, lo: d.lo, hi: d.hi } });
      lines.push(`${name}: ${mb.toFixed(3)} | ${mc.toFixed(3)} | ${iv(d)}${idx.length < seeds.length ? ` (${idx.length} pairs)` : ''}`);
    }
    // pooled ratios over the arm (sum over runs), the bond histograms
    const pooled: Record<string, [number, number]> = {};
    const pr = (name: string, num: (r: NeckRun) => number, den: (r: NeckRun) => number) => {
      pooled[name] = [sum(B.map(num)) / sum(B.map(den)), sum(C.map(num)) / sum(C.map(den))];
      lines.push(`pooled ${name}: ${pooled[name]![0].toFixed(4)} | ${pooled[name]![1].toFixed(4)}`);
    };
    pr('plate voxels per cut event', (r) => r.plate.oxCutVoxels, (r) => r.plate.oxCuts);
    pr('strip voxels per cut event', (r) => r.strip.oxCutVoxels, (r) => r.strip.oxCuts);
    pr('plate cut events per oxidation', (r) => r.plate.oxCuts, (r) => r.plate.oxidations);
    pr('strip cut events per oxidation', (r) => r.strip.oxCuts, (r) => r.strip.oxidations);
    const bonds: Record<string, number[]> = {};
    for (const [nm, pick] of [['plate oxidised by bonds', (r: NeckRun) => r.plate.oxByBonds], ['plate cuts by bonds', (r: NeckRun) => r.plate.cutByBonds],
      ['strip oxidised by bonds', (r: NeckRun) => r.strip.oxByBonds], ['strip cuts by bonds', (r: NeckRun) => r.strip.cutByBonds]] as const) {
      for (const [arm, A] of [['25', B], ['-10', C]] as const) {
        const h = [0, 1, 2, 3, 4, 5, 6].map((b) => sum(A.map((r) => pick(r)[b]!)) / A.length);
        bonds[`${nm}, ${arm} degC`] = h;
        lines.push(`${nm}, ${arm} degC (per run, 0-6 bonds): ${h.map((x) => x.toFixed(2)).join(' ')}`);
      }
    }
    lines.push(`CPU per run: ${(sum(R.map((r) => r.cpu_s)) / R.length).toFixed(2)} s`);
    out[k] = { seeds: `${seeds[0]}-${seeds[seeds.length - 1]}`, pairs: seeds.length, rows, pooled, bonds };
  }
  process.stdout.write(lines.join('\n') + '\n');
  if (process.env.NECK_SUMMARY) writeFileSync(process.env.NECK_SUMMARY, JSON.stringify(out, null, 1) + '\n');
}

/** brute force: remove each METAL voxel in turn and flood from the ground (the check of neckCensus) */
function bruteNecks(app: PlatingApp): { necks: number; hanging: number } {
  const lat = app.lat, code = app.code, n = lat.n, nxy = lat.nxy, conn = app.conn!;
  const nbl = new Int32Array(DIRS);
  const grounded = (v: number): boolean => {
    if (v < nxy) return true;
    lat.neighbors(v, nbl);
    for (let d = 0; d < DIRS; d++) { const w = nbl[d]!; if (w >= 0 && conn.isGroundedSubstrate(w)) return true; }
    return false;
  };
  const metal: number[] = [];
  for (let v = 0; v < n; v++) if (code[v] === METAL) metal.push(v);
  const hang = new Uint8Array(n);
  let necks = 0;
  const seen = new Uint8Array(n);
  for (const x of metal) {
    seen.fill(0);
    const st: number[] = [];
    for (const v of metal) if (v !== x && grounded(v)) { seen[v] = 1; st.push(v); }
    while (st.length > 0) {
      const v = st.pop()!;
      lat.neighbors(v, nbl);
      for (let d = 0; d < DIRS; d++) { const w = nbl[d]!; if (w >= 0 && w !== x && !seen[w] && code[w] === METAL) { seen[w] = 1; st.push(w); } }
    }
    let cut = 0;
    for (const v of metal) if (v !== x && !seen[v]) { cut++; hang[v] = 1; }
    if (cut > 0) necks++;
  }
  let hanging = 0;
  for (const v of metal) if (hang[v]) hanging++;
  return { necks, hanging };
}

function checkMode(seed: number): void {
  for (const [ed, T] of [[0.1, 25], [0.1, -10], [0.25, 25], [0.25, -10]] as const) {
    const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: `${T} degC`, lattice: { size: [16, 16, 40], voxel: '100 nm' }, host: 'Cu',
      kinetics: { terraceBarrier: `${ed} eV` }, sei: 'carbonate', protocol: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', 'Strip 0.06 mAh/cm2 at 1 mA/cm2'], seed, output: { snapshots: false } }));
    sim.runAll({ onStepEnd: (s, r) => {
      const a = neckCensus(s.app), b = bruteNecks(s.app);
      process.stdout.write(`seed ${seed}, E_d ${ed} eV, ${T} degC, after the ${r.kind}: census necks ${a.necks} hanging ${a.hanging} | brute force ${b.necks} ${b.hanging}: ${a.necks === b.necks && a.hanging === b.hanging ? 'same' : 'DIFFERENT'}\n`);
    } });
  }
  for (const T of [25, -10]) {
    const a = one(0.1, T, 1, seed, [16, 16, 40], 100);
    const b = seiRun({ seed, sei: 'carbonate', terraceBarrier_eV: 0.1, T_degC: T, j_mA: 1 });
    const sb = b.summary;
    const same = a.dead === sb.dead_metal_fraction * 100 && a.plated === sb.plated_voxels_total && a.sei === sb.sei_charge_fraction * 100 && a.area === b.surfaceArea;
    process.stdout.write(`seed ${seed}, ${T} degC: neck-cut dead ${a.dead} plated ${a.plated} sei ${a.sei} area ${a.area} | seiRun ${sb.dead_metal_fraction * 100} ${sb.plated_voxels_total} ${sb.sei_charge_fraction * 100} ${b.surfaceArea}: ${same ? 'same' : 'DIFFERENT'}\n`);
  }
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'run' && rest[0] && rest[1] && rest[2]) {
  const m = /^(\d+)-(\d+)$/.exec(rest[2]);
  if (!m) throw new Error(`seeds ${rest[2]}: expected FROM-TO`);
  const size = (rest[3] ?? '16,16,40').split(',').map(Number) as [number, number, number];
  runMode(rest[0], Number(rest[1]), Number(m[1]), Number(m[2]), size, Number(rest[4] ?? 100), Number(rest[5] ?? 1));
} else if (mode === 'sum' && rest[0]) sumMode(rest);
else if (mode === 'check' && rest[0]) checkMode(Number(rest[0]));
else process.stderr.write('usage: neck-cut.js run OUT.json ED FROM-TO [nx,ny,nz] [voxel_nm] [mA/cm2] | sum OUT.json ... | check SEED\n');
