/**
 * `sealed_pores: void` on the sector engine against the serial engine on the film benchmark's box (src/bench/film.ts
 * filmRunInput: Li on Cu, 100 x 100 x 80 voxels of 50 nm, Plate 0.3 mAh/cm2 at 3 mA/cm2), a few seeds, reported only
 * (branch voidsector63; the claims are validation study parallel-sectors-void's, on 40 x 40 x 80). Per seed and rule
 * (void, fill) the serial run and the 2-thread run (default options), one after the other in this process; printed: per
 * run porosity, VOID voxels at the end, mean height, rms roughness, CPU s (the sector run's: both threads), the
 * relabels the fill-wins rule dropped, the assembled lattice's labels against a labelling from scratch (sealedEmpty,
 * joinedVoid: under void the rule's mislabels; under fill sealedEmpty is every sealed pore, which fill leaves EMPTY); then per rule
 * and quantity the Welch 95 % interval of 2 threads - serial (unpaired: the engines' streams differ).
 *   node dist/bench/void-sectors-film.js [--seeds 1-4] [--rules void,fill] > out.json
 */
import { loadavg } from 'node:os';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics } from '../src/simulation/report.js';
import { runSectors, endKeptSectorThreads } from '../src/parallel/sector-run.js';
import { filmRunInput } from '../src/bench/film.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { SealedLiquid } from '../src/apps/liquid.js';
import { EMPTY, VOID } from '../src/lattice/species.js';
import { meanInterval, welchInterval } from '../src/stats/interval.js';
import { arg, checkArgs, refuseArgs } from './args.js';

const USAGE = 'usage: node dist/bench/void-sectors-film.js [--seeds 1-4] [--rules void,fill] > out.json\n';
checkArgs('void-sectors-film', USAGE, [], ['--seeds', '--rules']);
const seedsArg = arg('seeds') ?? '1-4', m = /^(\d+)-(\d+)$/.exec(seedsArg);
if (m === null || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) refuseArgs('void-sectors-film', USAGE, `--seeds ${JSON.stringify(seedsArg)}: expected a range a-b of seeds, 1 <= a <= b`);
const seeds = Array.from({ length: Number(m![2]) - Number(m![1]) + 1 }, (_, i) => Number(m![1]) + i);
const rules = (arg('rules') ?? 'void,fill').split(',');
for (const r of rules) if (r !== 'void' && r !== 'fill') refuseArgs('void-sectors-film', USAGE, `--rules: ${JSON.stringify(r)}: expected void or fill`);

type Rule = 'void' | 'fill';
interface Outcome { seed: number; porosity: number; voids: number; mean_height_nm: number; rms_roughness_nm: number; cpu_s: number; conflicts?: number; sealedEmpty?: number; joinedVoid?: number }
const input = (seed: number, rule: Rule) => ({ ...filmRunInput(), seed, ...(rule === 'void' ? { model: { sealed_pores: 'void' } } : {}) });
const [NX, NY, NZ] = (filmRunInput().lattice as { size: number[] }).size as [number, number, number];

/** EMPTY voxels sealed off from the bulk and VOID voxels joined to it: the cells against apps/liquid.ts's labelling from scratch of a copy */
function mislabels(cells: Uint8Array): { sealedEmpty: number; joinedVoid: number } {
  const copy = cells.slice();
  new SealedLiquid(new CubicLattice(NX, NY, NZ, false), copy).labelAll();
  let sealedEmpty = 0, joinedVoid = 0;
  for (let v = 0; v < cells.length; v++) { if (cells[v] === EMPTY && copy[v] === VOID) sealedEmpty++; else if (cells[v] === VOID && copy[v] === EMPTY) joinedVoid++; }
  return { sealedEmpty, joinedVoid };
}

const out: Record<string, { serial: Outcome[]; sectors: Outcome[] }> = {};
const load0 = loadavg()[0]!, t0 = Date.now();
for (const seed of seeds) for (const rule of rules as Rule[]) {
  const o = (out[rule] ??= { serial: [], sectors: [] });
  let c0 = process.cpuUsage();
  const sim = new Simulation(parseRunInput(input(seed, rule)));
  sim.runAll();
  const met = computeMetrics(sim);
  let c = process.cpuUsage(c0), voids = 0;
  for (const x of sim.app.code) if (x === VOID) voids++;
  o.serial.push({ seed, porosity: met.porosity, voids, mean_height_nm: met.mean_height_nm, rms_roughness_nm: met.rms_roughness_nm, cpu_s: (c.user + c.system) / 1e6 });
  c0 = process.cpuUsage();
  const r = await runSectors(input(seed, rule), { threads: 2, keepLattice: true });
  c = process.cpuUsage(c0);
  if (r.ended !== 'charge' || r.atom_balance !== 0 || r.stale_voxels !== 0) throw new Error(`seed ${seed} ${rule}: ended ${r.ended}, atom balance ${r.atom_balance}, stale voxels ${r.stale_voxels}`);
  o.sectors.push({ seed, porosity: r.porosity, voids: r.void_voxels, mean_height_nm: r.mean_height_nm, rms_roughness_nm: r.rms_roughness_nm, cpu_s: (c.user + c.system) / 1e6, conflicts: r.liquid_conflicts, ...mislabels(r.cells!) });
  const a = o.serial.at(-1)!, b = o.sectors.at(-1)!;
  process.stderr.write(`seed ${seed} ${rule}: porosity ${a.porosity.toPrecision(3)} / ${b.porosity.toPrecision(3)}, VOID ${a.voids} / ${b.voids}, rms ${a.rms_roughness_nm.toFixed(1)} / ${b.rms_roughness_nm.toFixed(1)} nm, CPU ${a.cpu_s.toFixed(1)} / ${b.cpu_s.toFixed(1)} s, dropped ${b.conflicts}, mislabels ${b.sealedEmpty} / ${b.joinedVoid}\n`);
}
await endKeptSectorThreads();
const keys = ['porosity', 'voids', 'mean_height_nm', 'rms_roughness_nm', 'cpu_s'] as const;
const summary: Record<string, Record<string, unknown>> = {};
for (const [rule, o] of Object.entries(out)) {
  summary[rule] = {};
  for (const k of keys) {
    const a = o.serial.map((x) => x[k]), b = o.sectors.map((x) => x[k]), d = welchInterval(b, a);
    summary[rule]![k] = { serial_mean: meanInterval(a).mean, sectors_mean: meanInterval(b).mean, diff: d.mean, interval: [d.lo, d.hi], relative: d.mean / meanInterval(a).mean, relative_interval: [d.lo / meanInterval(a).mean, d.hi / meanInterval(a).mean] };
  }
  summary[rule]!.conflicts = o.sectors.reduce((s, x) => s + (x.conflicts ?? 0), 0);
  summary[rule]!.sealedEmpty = o.sectors.reduce((s, x) => s + (x.sealedEmpty ?? 0), 0);
  summary[rule]!.joinedVoid = o.sectors.reduce((s, x) => s + (x.joinedVoid ?? 0), 0);
}
process.stdout.write(JSON.stringify({
  bench: 'void-sectors-film', date: new Date().toISOString(), node: process.version, box: [NX, NY, NZ], protocol: (filmRunInput().protocol as string[])[0],
  seeds, rules, threads: 2, test: 'Welch 95 % interval of 2 threads - serial, unpaired', wall_s: (Date.now() - t0) / 1000, load: [load0, loadavg()[0]],
  summary, runs: out,
}, null, 1) + '\n');
