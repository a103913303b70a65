/**
 * Task seitrace: the figures docs/cycling-history.md quotes ("The strip steps' negative dead count ...") from bench/sei-dead-trace.ts's result files (no run of its own).
 *   node dist/bench/sei-dead-trace-sum.js bench/sei-dead-trace-25nm-results.json bench/sei-dead-trace-12.5nm-results.json [more 12.5 nm files]
 * The first file is the coarse size, the rest are pooled as the fine size (seed sets must not overlap). Prints, per size:
 * must show 4's two comparisons (paired, points), the routes per 1,000 plated voxels (paired arm differences), the
 * share of the dead voxels formed that the SEI converted before the end; then the change of each paired arm difference
 * from the coarse to the fine size (Welch: the sizes share no trajectory).
 */
import { readFileSync } from 'node:fs';
import { meanInterval, welchInterval, type Interval } from '../src/stats/interval.js';

interface Step { kind: string; ox: number; oxSei: number; seal: number; toSei: number; lostAtRebuild: number; mainNet: number }
interface Run { voxel_nm: number; arm: string; seed: number; dead_fraction: number; plated: number; dead_end: number; steps: Step[] }

const files = process.argv.slice(2);
if (files.length < 2) { process.stderr.write('usage: node dist/bench/sei-dead-trace-sum.js COARSE.json FINE.json [FINE2.json ...]\n'); process.exit(2); }
const load = (f: string) => (JSON.parse(readFileSync(f, 'utf8')) as { runs: Run[] }).runs;
const sizes = [load(files[0]!), files.slice(1).flatMap(load)];
const f4 = (x: number) => Number(x.toPrecision(3));
const iv = (x: Interval) => `${f4(x.mean)} [${f4(x.lo)}, ${f4(x.hi)}]`;

const per1000 = (r: Run, x: number) => (1000 * x) / r.plated;
const ROUTES: [string, (r: Run) => number][] = [
  ['cut by oxidation while plating', (r) => per1000(r, r.steps.filter((s) => s.kind === 'plate').reduce((a, s) => a + s.ox + s.oxSei, 0))],
  ['sealed by SEI', (r) => per1000(r, r.steps.reduce((a, s) => a + s.seal, 0))],
  ['cut by oxidation while stripping', (r) => per1000(r, r.steps.filter((s) => s.kind !== 'plate').reduce((a, s) => a + s.ox + s.oxSei, 0))],
  ['dead turned into SEI (removed)', (r) => per1000(r, r.steps.reduce((a, s) => a + s.toSei, 0))],
  ['dead left at the end', (r) => per1000(r, r.dead_end)],
  ['dead left, points', (r) => 100 * r.dead_fraction],
];
const formed = (r: Run) => r.steps.reduce((a, s) => a + s.ox + s.oxSei + s.seal, 0);
const arm = (runs: Run[], a: string) => runs.filter((r) => r.arm === a).sort((x, y) => x.seed - y.seed);
const diffs = (runs: Run[], a: string, fn: (r: Run) => number) => {
  const x = arm(runs, a), b = arm(runs, 'base');
  for (let i = 0; i < x.length; i++) if (x[i]!.seed !== b[i]!.seed) throw new Error('unpaired seeds');
  return x.map((r, i) => fn(r) - fn(b[i]!));
};
for (const runs of sizes) {
  const seeds = arm(runs, 'base').map((r) => r.seed);
  console.log(`\n${runs[0]!.voxel_nm} nm, seeds ${seeds[0]}-${seeds[seeds.length - 1]} (${seeds.length})`);
  for (const a of ['base', 'cold', 'fast']) {
    const rs = arm(runs, a);
    console.log(`  ${a}: ` + ROUTES.map(([k, fn]) => `${k} ${iv(meanInterval(rs.map(fn)))}`).join('; ') +
      `; share of the formed turned into SEI ${iv(meanInterval(rs.map((r) => r.steps.reduce((x, s) => x + s.toSei, 0) / formed(r))))}` +
      `; deadFormed lost at rebuilds per run (0 in runs on a build with the fix) ${iv(meanInterval(rs.map((r) => r.steps.reduce((x, s) => x + s.lostAtRebuild, 0))))}`);
  }
  for (const a of ['cold', 'fast']) console.log(`  ${a} minus base, paired: ` + ROUTES.map(([k, fn]) => `${k} ${iv(meanInterval(diffs(runs, a, fn)))}`).join('; '));
}
for (const a of ['cold', 'fast']) {
  console.log(`\n${a} minus base: fine size minus coarse (Welch): ` + ROUTES.map(([k, fn]) => `${k} ${iv(welchInterval(diffs(sizes[1]!, a, fn), diffs(sizes[0]!, a, fn)))}`).join('; '));
}
