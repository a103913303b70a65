/**
 * mends62 (session 62): docs/cycling.md quotes outputs of example runs (exdocs60, session 60, and since: the
 * examples' own figures, not rows of validation/results.json) that no test read, so a build that moved a trajectory
 * left them stale unseen. Each test here runs an example as the page says (a few CPU s at most), reads the figures
 * from the page's own sentence and compares them at the decimals the page shows: the page is the expected value,
 * no number is copied here. The quoted outputs left unchecked (too costly, or not reproducible in a test's budget)
 * are listed in docs/history.md's mends62 entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { casesOf } from '../src/batch/compare.js';
import { simulate } from '../src/simulation/simulate.js';
import { keptFraction } from '../src/cli/compare-table.js';
import { fullCellOf } from '../src/fullcell/library.js';
import { readInputFile } from '../src/input/parse.js';
import { shows } from './helpers/doc-triples.js';
import { tempFolder } from './helpers/tmp.js';
import { meanInterval, pairedInterval } from '../src/stats/interval.js';
import type { Metrics } from '../src/simulation/report.js';

const page = () => readFileSync('docs/cycling.md', 'utf8').replace(/\s+/g, ' ');
/** the captures of `re` in the page (the sentence must be there) */
function quoted(text: string, re: RegExp, what: string): string[] {
  const m = re.exec(text);
  assert.ok(m, `docs/cycling.md no longer says ${what} in the form this test reads: ${re}`);
  return m.slice(1);
}
/** each written figure rounds from its value at the decimals written */
function same(written: string[], values: number[], what: string): void {
  assert.equal(written.length, values.length, what);
  written.forEach((w, i) => assert.ok(shows(w, values[i]!), `${what}: the page says ${w}, the run gives ${values[i]} (all: page ${written.join(', ')}; run ${values.map((v) => +v.toPrecision(6)).join(', ')})`));
}

const HOSTS = ['graphene + Zn-N4 10 %', 'graphene + Zr-N4 10 %', 'graphene'] as const;   // the page's order
let hostRuns: Metrics[][] | undefined;
/** examples/cycling-licu.yaml's three host cases at seeds 1-6 (what `compare --seeds 6` of them runs): [case][seed - 1] */
function hosts(): Metrics[][] {
  const cases = casesOf('examples/cycling-licu.yaml');
  return (hostRuns ??= HOSTS.map((name) => [1, 2, 3, 4, 5, 6].map((seed) => simulate({ ...cases.find((c) => c.name === name)!.run, seed }).metrics)));
}

test('mends62: docs/cycling.md\'s figures of examples/cycling-licu.yaml\'s three host cases (seed 1) are what the runs give', () => {
  const text = page();
  const three = hosts().map((runs) => runs[0]!);
  const [zn, zr] = three as [Metrics, Metrics, Metrics];
  assert.equal(zn.seed, 1);
  const table = quoted(text, /the example's single-seed table \(seed 1, exdocs60: CE ([\d.]+) % Zn-N4, ([\d.]+) % Zr-N4, ([\d.]+) % graphene; dead ([\d.]+) \/ ([\d.]+) \/ ([\d.]+) %; SEI ([\d.]+) \/ ([\d.]+) \/ ([\d.]+) %; kept ([\d.]+) \/ ([\d.]+) \/ ([\d.]+) %\)/, 'the single-seed table');
  same(table, [...three.map((m) => 100 * m.average_ce!), ...three.map((m) => 100 * m.dead_metal_fraction), ...three.map((m) => 100 * m.sei_charge_fraction!), ...three.map((m) => Math.max(0, 100 * keptFraction(m)))], 'CE, dead, SEI and kept %');
  const nuc = quoted(text, /lowers the nucleation overpotential: ([\d.]+) mV for Zn-N4 and ([\d.]+) mV for Zr-N4 against ([\d.]+) mV on graphene in the example's table, seed 1 \(peaks ([\d.]+) \/ ([\d.]+) \/ ([\d.]+) mV, the first plating's plateaus ([\d.]+) \/ ([\d.]+) \/ ([\d.]+) mV\)/, 'the nucleation overpotentials');
  same(nuc, [...three.map((m) => m.nucleation_overpotential_mV), ...three.map((m) => m.peak_overpotential_mV), ...three.map((m) => m.plateau_overpotential_mV)], 'nucleation, peak and plateau mV');
  const share = quoted(text, /all sit on SACs: (\d+) islands for Zn-N4 \(chance ([\d.]+)\), (\d+) for Zr-N4 \(chance ([\d.]+)\), seed 1 \(exdocs60; ([\d.]+) and ([\d.]+) per um2 of the ([\d.]+) x ([\d.]+) um host\)/, 'the islands the last strip left');
  same([share[1]!, share[3]!, share[4]!, share[5]!], [zn.sac_nucleation_share_chance!, zr.sac_nucleation_share_chance!, zn.nucleus_density_per_um2, zr.nucleus_density_per_um2], 'SAC share by chance and islands per um2');
  const lat = casesOf('examples/cycling-licu.yaml')[0]!.run.lattice, um = (n: number) => n * lat.voxel_m * 1e6;
  assert.deepEqual([share[6], share[7]].map(Number), [um(lat.size[0]), um(lat.size[1])], 'the host\'s size');
  assert.deepEqual([share[0], share[2]].map(Number), [zn, zr].map((m) => Math.round(m.nucleus_density_per_um2 * um(lat.size[0]) * um(lat.size[1]))), 'islands left');
  assert.equal(zn.sac_nucleation_share, 1);
  assert.equal(zr.sac_nucleation_share, 1);
  // "SAC stability": the sites kept, buried and distorted after the 3 cycles
  const kept = quoted(text, /seed 1: Zn-N4 keeps ([\d.]+) of its sites \((\d+) of (\d+) buried, none distorted\), Zr-N4 ([\d.]+) \((\d+) buried, (\d+) distorted\)/, '"SAC stability"\'s fractions');
  same([kept[0]!, kept[3]!], [zn.active_sac_fraction!, zr.active_sac_fraction!], 'active SAC fraction');
  assert.deepEqual([kept[1], kept[2], '0', kept[4], kept[5]].map(Number), [zn.sei!.sac_sites_buried, Math.round((zn.sei!.sac_sites_buried! + zn.sei!.sac_sites_distorted!) / (1 - zn.active_sac_fraction!)), zn.sei!.sac_sites_distorted, zr.sei!.sac_sites_buried, zr.sei!.sac_sites_distorted]);
});

test('mends62: docs/cycling.md\'s seeds-1-6 figures of the three host cases (compare --seeds 6: paired differences, SAC act.) are what the runs give', () => {
  const text = page();
  const [zn, zr, gr] = hosts() as [Metrics[], Metrics[], Metrics[]];
  const d = (sac: Metrics[], f: (m: Metrics) => number) => { const x = pairedInterval(sac.map(f), gr.map(f)); return [x.mean, x.lo, x.hi]; };
  const mean = (runs: Metrics[], f: (m: Metrics) => number) => meanInterval(runs.map(f));
  const nuc = quoted(text, /over seeds 1-6 of the example's box, paired, measured after the fact: (-?[\d.]+) mV \[(-?[\d.]+), (-?[\d.]+)\] for Zn-N4 and (-?[\d.]+) mV \[(-?[\d.]+), (-?[\d.]+)\] for Zr-N4 against graphene's ([\d.]+) mV/, 'the paired nucleation overpotentials');
  const nu = (m: Metrics) => m.nucleation_overpotential_mV;
  same(nuc, [...d(zn, nu), ...d(zr, nu), mean(gr, nu).mean], 'nucleation mV, SAC minus graphene');
  const ce = (m: Metrics) => 100 * m.average_ce!, sei = (m: Metrics) => 100 * m.sei_charge_fraction!, dead = (m: Metrics) => 100 * m.dead_metal_fraction;
  const diff = quoted(text, /the SAC minus graphene differences are CE ([+-]?[\d.]+) \[([+-]?[\d.]+), ([+-]?[\d.]+)\] and ([+-]?[\d.]+) \[([+-]?[\d.]+), ([+-]?[\d.]+)\] points, SEI ([+-]?[\d.]+) \[([+-]?[\d.]+), ([+-]?[\d.]+)\] and ([+-]?[\d.]+) \[([+-]?[\d.]+), ([+-]?[\d.]+)\] points, dead metal ([+-]?[\d.]+) \[([+-]?[\d.]+), ([+-]?[\d.]+)\] and ([+-]?[\d.]+) \[([+-]?[\d.]+), ([+-]?[\d.]+)\] points \(Zn-N4, Zr-N4; ([\d.]+) % on graphene, ([\d.]+) and ([\d.]+) % on the SAC hosts, which keep ([\d.]+) and ([\d.]+) % of the plated metal at their sites\), none resolved; seed to seed the CE varies by about [\d.]+-[\d.]+ point \(standard deviation ([\d.]+) on graphene, ([\d.]+) and ([\d.]+) on the Zn-N4 and Zr-N4 hosts\)/, 'the paired CE, SEI and dead metal');
  const kept = (m: Metrics) => 100 * keptFraction(m);
  same(diff, [...d(zn, ce), ...d(zr, ce), ...d(zn, sei), ...d(zr, sei), ...d(zn, dead), ...d(zr, dead), mean(gr, dead).mean, mean(zn, dead).mean, mean(zr, dead).mean,
    mean(zn, kept).mean, mean(zr, kept).mean, mean(gr, ce).sd, mean(zn, ce).sd, mean(zr, ce).sd], 'CE, SEI, dead differences, dead and kept means, CE SDs');
  const act = quoted(text, /over seeds 1-6 of the example's box \(`compare --seeds 6` of its three host cases\) ([\d.]+) \[([\d.]+), ([\d.]+)\] and ([\d.]+) \[([\d.]+), ([\d.]+)\]/, '"SAC stability"\'s seeds 1-6');
  const a = (runs: Metrics[]) => { const x = mean(runs, (m) => m.active_sac_fraction!); return [x.mean, x.lo, x.hi]; };
  same(act, [...a(zn), ...a(zr)], 'active SAC fraction over seeds 1-6');
});

/** examples/fullcell/li-lfp.yaml with its anode simulated from `anodeFile` (an absolute path) */
function lfpWith(anodeFile: string, np?: number[]) {
  const lfp = readInputFile('examples/fullcell/li-lfp.yaml') as Record<string, unknown>;
  return fullCellOf({ ...lfp, ...(np ? { np } : {}), anode: { run: anodeFile } });
}

test('mends62: docs/cycling.md\'s full cell with the simulated carbonate anode (examples/fullcell/anode-licu-carbonate.yaml) is what fullcell gives', () => {
  const text = page();
  const r = lfpWith(resolve('examples/fullcell/anode-licu-carbonate.yaml'));
  assert.deepEqual(r.results.map((x) => x.np), [0, 1, 3]);
  const at = (np: number) => r.results.find((x) => x.np === np)!;
  const seq = quoted(text, /With `anode: \{ run: anode-licu-carbonate\.yaml \}` the run's CE sequence on seibare's build \([^)]*\) is ([\d.]+), ([\d.]+), ([\d.]+) \(the last repeated\), and the command prints D_1 ([\d.]+) mAh\/cm2 at N\/P 0 and `cycles_to_80pct` (\d+), (\d+) and (\d+)/, 'the CE sequence');
  same(seq.slice(0, 4), [...r.ce, at(0).first_discharge_mAh_per_cm2], 'CE per cycle and D_1');
  assert.deepEqual(seq.slice(4).map(Number), [0, 1, 3].map((np) => at(np).cycles_to_80pct));
  const mean = quoted(text, /rerun on seibare's build, exdocs60, session 60, main dfa2858b\): mean CE ([\d.]+) % over its 3 cycles .{0,200}?first discharge ([\d.]+) mAh\/cm2 at N\/P 0, retention (\d+) % after 300 cycles at N\/P 0, 1 and 3, `cycles_to_80pct` (\d+), (\d+) and (\d+)/, 'the mean CE');
  same(mean.slice(0, 2), [100 * r.ce.reduce((a, x) => a + x, 0) / r.ce.length, at(0).first_discharge_mAh_per_cm2], 'mean CE and first discharge');
  for (const np of [0, 1, 3]) assert.ok(shows(mean[2]!, 100 * at(np).final_retention), `retention at N/P ${np}: ${at(np).final_retention}`);
  assert.deepEqual(mean.slice(3).map(Number), [0, 1, 3].map((np) => at(np).cycles_to_80pct));
});

test('mends62: docs/cycling.md\'s ether anode (anode-licu-carbonate.yaml with sei: ether, N/P 0, 1, 3, 10) is what fullcell gives', () => {
  const text = page();
  const dir = tempFolder('ether-anode');
  const file = join(dir, 'anode-licu-ether.json');
  writeFileSync(file, JSON.stringify({ ...(readInputFile('examples/fullcell/anode-licu-carbonate.yaml') as Record<string, unknown>), sei: 'ether' }));
  const r = lfpWith(file, [0, 1, 3, 10]);
  const at = (np: number) => r.results.find((x) => x.np === np)!;
  const q = quoted(text, /with `sei: ether` \(Cu host, no LiNO3\) gives CE ([\d.]+), ([\d.]+), ([\d.]+) \(mean ([\d.]+) %; the last, repeated, sets the fade\), D_1 ([\d.]+) mAh\/cm2 at N\/P 0, `cycles_to_80pct` (\d+), (\d+) and (\d+) at N\/P 0, 1 and 3 and none within 300 cycles at N\/P 10 \(assumed N\/Ps\), retention (\d+) % after 300 cycles at N\/P 10/, 'the ether anode');
  same(q.slice(0, 5), [...r.ce, 100 * r.ce.reduce((a, x) => a + x, 0) / r.ce.length, at(0).first_discharge_mAh_per_cm2], 'CE per cycle, mean and D_1');
  assert.deepEqual(q.slice(5, 8).map(Number), [0, 1, 3].map((np) => at(np).cycles_to_80pct));
  assert.equal(at(10).cycles_to_80pct, null);
  assert.ok(shows(q[8]!, 100 * at(10).final_retention), `retention at N/P 10: ${at(10).final_retention}`);
});

test('mends62: examples/fullcell/anode-licu-carbonate.yaml\'s cycles.csv columns (docs/cycling.md) and its analyze --protocol licu readings (docs/cycler.md) are what its run gives', async () => {
  const { analyzeFile } = await import('../src/analysis/report.js');
  const out = join(tempFolder('anode-run'), 'run');
  const r = simulate('examples/fullcell/anode-licu-carbonate.yaml', { outDir: out });
  const cyc = r.cycles.cycles;
  assert.equal(cyc.length, 3);
  const text = page();
  const dv = quoted(text, /(\d+), (\d+), (\d+) beside (\d+), (\d+), (\d+) on seibare's build, exdocs60/, 'cycles.csv\'s dead_voxels beside dead_formed_voxels');
  assert.deepEqual(dv.map(Number), [...cyc.map((c) => c.dead_voxels), ...cyc.map((c) => c.dead_formed_voxels)]);
  const frac = quoted(text, /amended fix; ([\d.]+), ([\d.]+), ([\d.]+) % on seibare's build, exdocs60\)/, 'cycles.csv\'s dead_metal_fraction');
  same(frac, cyc.map((c) => 100 * c.dead_metal_fraction), 'dead_metal_fraction per cycle, %');
  const cycler = readFileSync('docs/cycler.md', 'utf8').replace(/\s+/g, ' ');
  const nuc = quoted(cycler, /on seibare's build, main dfa2858b, exdocs60, session 60: ([\d.]+), ([\d.]+) and ([\d.]+) mV, cycle 1 = metrics\.json's ([\d.]+) mV/, 'docs/cycler.md\'s analyze readings of the anode run');
  const { report } = await analyzeFile(join(out, 'eta.csv'), { protocol: 'licu' });
  same(nuc, [...report.licu!.cycles.map((c) => c.nucleation_overpotential_mV!), r.metrics.nucleation_overpotential_mV], 'nucleation mV per cycle (analyze) and metrics.json\'s');
});

test('mends62: docs/cycling.md\'s first 0.005 mAh/cm2 of examples/cycling-licu.yaml\'s two SAC cases (islands on a SAC against chance) is what the runs give', () => {
  const text = page();
  const q = quoted(text, /the example's Zn-N4 case plating its first 0\.005 mAh\/cm2 only, seed 1, has (\d+) first-layer islands, ([\d.]+) of them on a SAC where chance gives ([\d.]+); Zr-N4 (\d+) islands, ([\d.]+) against ([\d.]+);/, 'the first nuclei');
  // the example's file with its plate step alone, cut to 0.005 mAh/cm2, and its two SAC cases
  const raw = readInputFile('examples/cycling-licu.yaml') as { variants: { name: string }[] };
  const cases = casesOf({ ...raw, protocol: ['Plate 0.005 mAh/cm2 at 1 mA/cm2'], variants: raw.variants.filter((v) => / \+ Z[nr]-N4 /.test(v.name)) });
  assert.equal(cases.length, 2);
  const first = (name: string) => simulate(cases.find((c) => c.name === name)!.run).metrics;
  const [zn, zr] = [first('graphene + Zn-N4 10 %'), first('graphene + Zr-N4 10 %')];
  assert.deepEqual([q[0], q[3]].map(Number), [zn.island_count, zr.island_count]);
  same([q[1]!, q[2]!, q[4]!, q[5]!], [zn.sac_nucleation_share!, zn.sac_nucleation_share_chance!, zr.sac_nucleation_share!, zr.sac_nucleation_share_chance!], 'SAC share and chance');
});
