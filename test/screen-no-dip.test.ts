/**
 * A screen whose base protocol plates too little to show the nucleation dip (issue 15; the
 * second audit's tiny screen read -2.3 mV on bare N-graphene): the kMC reading (largest |eta| of
 * the first half of the first plating step minus the median |eta| of its second half, not
 * clamped) is <= 0 when |eta| is still rising past half of the step. The screen keeps the value
 * and marks it "no dip" (src/screen/no-dip.ts, docs/screening.md "No dip").
 *
 * Expected before the run (Li on N-graphene, 16 x 16 x 12 voxels of 10 nm, 1 mA/cm2, seeds 1-2,
 * kinetics as the parameter sets give them): 0.0001 mAh/cm2 is a 0.35 s step, about as long as
 * the double layer takes to charge and the first nuclei to grow, so the step's largest |eta| falls
 * in its second half and at least one seed reads <= 0; 0.0003 mAh/cm2 (1.06 s) shows the dip
 * (seed 1) and carries no note. ~4 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScreen } from '../src/screen/spec.js';
import { runScreen } from '../src/screen/screen.js';
import { writeReport } from '../src/screen/report.js';
import { screenSweep } from '../src/screen/stages.js';
import { SweepStore } from '../src/sweep/store.js';
import { noDipNote } from '../src/screen/no-dip.js';
import { simulate } from '../src/simulation/simulate.js';
import { screenView } from '../src/screen/view.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('screen-no-dip');

const base = (cap: string) => ({
  metal: 'Li', lattice: { size: [16, 16, 12], voxel: '10 nm' }, host: 'N-graphene',
  protocol: [`Plate ${cap} mAh/cm2 at 1 mA/cm2`], output: { snapshots: false },
});

test('noDipNote: counts readings <= 0 and says nothing when every seed has a dip', () => {
  assert.equal(noDipNote([12.5, 3.1, 0.2]), null);
  assert.deepEqual(noDipNote([12.5, 0, -2.3])?.no_dip, 2);
  assert.match(noDipNote([-2.3])!.note, /^no dip in 1 of 1 seed\(s\)/);
});

test('a tiny screen: the bare host with no dip is marked, with a dip it is not; the value is kept as read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-nodip-'));
  const db = join(dir, 'store.db');
  const read = async (cap: string, seeds: number | number[]) => {
    const spec = parseScreen({ name: `nodip-${cap}`, base: base(cap), seeds, candidates: [{ name: 'bare N-graphene', sacs: [], synthesis: 'none' }], objectives: ['nucleation_overpotential_mV', 'sustainability'] }, { file: join(dir, 'screen.json') });
    const r = await runScreen(spec, { db, threads: 1 });
    const store = SweepStore.open(db);
    let perSeed: number[];
    try { perSeed = store.sweepRows(screenSweep(spec).name).map((x) => x.metrics!.nucleation_overpotential_mV as number); } finally { store.close(); }
    return { r, perSeed, v: r.candidates[0]!.values.nucleation_overpotential_mV! };
  };

  const short = await read('0.0001', 2);
  const flagged = short.perSeed.filter((x) => x <= 0).length;
  assert.ok(flagged >= 1, `0.0001 mAh/cm2: per-seed readings ${short.perSeed.join(', ')} mV, expected at least one <= 0`);
  assert.equal(short.v.no_dip, flagged);
  assert.match(short.v.note!, new RegExp(`^no dip in ${flagged} of 2 seed`));
  // mends119: the mean over the seeds with a dip, none where no seed had one (was the mean of every seed as read)
  const dips = short.perSeed.filter((x) => x > 0);
  assert.equal(short.v.value, dips.length ? dips.reduce((a, b) => a + b, 0) / dips.length : null, 'the value is the mean of the dips, the no-dip seeds counted apart');
  assert.equal(short.v.n, dips.length);
  assert.ok(short.r.notes.some((n) => n.stage === 'plating' && /reading <= 0 had no dip/.test(n.text)));
  assert.equal(screenView(short.r).candidates[0]!.values.nucleation_overpotential_mV!.no_dip, flagged, 'the stored view (workbench) carries the mark');
  assert.ok(short.r.notes.some((n) => n.stage === 'ranking' && /no dip in some seed .* nucleation_overpotential_mV .*ranked as having no value there/.test(n.text)), 'a no-dip reading is ranked as missing, not as the best (a negative value would win a minimum objective)');
  writeReport(short.r, join(dir, 'report'));
  assert.match(readFileSync(join(dir, 'report', 'report.md'), 'utf8'), /no dip in \d of 2 seed\(s\)/);

  const longer = await read('0.0003', [1]);
  assert.ok(longer.perSeed.every((x) => x > 0), `0.0003 mAh/cm2: per-seed readings ${longer.perSeed.join(', ')} mV, expected > 0`);
  assert.equal(longer.v.no_dip, undefined);
  assert.equal(longer.v.note, undefined);
  assert.equal(screenView(longer.r).candidates[0]!.values.nucleation_overpotential_mV!.no_dip, undefined);
  assert.ok(!longer.r.notes.some((n) => /no dip/.test(n.text)));
});

test('the cause: with no dip the step\'s largest |eta| lies in its second half (the plateau window), above the first half\'s', () => {
  const r = simulate({ ...base('0.0001'), seed: 1 });
  const [a, b] = r.steps[0]!.samples;
  const t = Array.from(r.trace.time_s.slice(a, b));
  const eta = Array.from(r.trace.overpotential_mV.slice(a, b), Math.abs);
  const half = t[0]! + (t[t.length - 1]! - t[0]!) / 2;
  const maxFirst = Math.max(...eta.filter((_, i) => t[i]! < half));
  const maxSecond = Math.max(...eta.filter((_, i) => t[i]! >= half));
  assert.ok(r.metrics.nucleation_overpotential_mV <= 0, `seed 1 reads ${r.metrics.nucleation_overpotential_mV} mV`);
  assert.equal(r.metrics.peak_overpotential_mV, maxFirst, 'the reported peak is the first half\'s largest |eta|');
  assert.ok(maxSecond > maxFirst, `largest |eta| ${maxSecond} mV in the second half vs ${maxFirst} mV in the first`);
});

// mends119 (review86 F3, left by mends116): the screen's value (its printed table, ranking.csv, result.json) averaged
// the no-dip readings with the dips (review86's table printed `Zn-N4 -3.928`). Now the mean and interval are over the
// seeds with a dip (none where no seed had one: `-` in the table), the no-dip seeds counted in no_dip.
test('the screen: a candidate whose seeds had no dip has no nucleation value in its table (not their negative mean), the note says so (mends119)', async () => {
  // Li on graphene, 8 x 8 x 8 voxels of 10 nm, 0.0001 mAh/cm2: seed 1 reads no dip (about 0.8 s of CPU)
  const { rankingText } = await import('../src/screen/report.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-nodip119-'));
  const spec = parseScreen({ name: 'nodip119', base: { ...base('0.0001'), lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene' }, seeds: [1], candidates: [{ name: 'bare graphene', sacs: [], synthesis: 'none' }], objectives: ['nucleation_overpotential_mV', 'sustainability'] }, { file: join(dir, 'screen.json') });
  const r = await runScreen(spec, { db: join(dir, 'store.db'), threads: 1 });
  const store = SweepStore.open(join(dir, 'store.db'));
  let read: number;
  try { read = store.sweepRows(screenSweep(spec).name)[0]!.metrics!.nucleation_overpotential_mV as number; } finally { store.close(); }
  assert.ok(read <= 0, `precondition: seed 1 reads no dip (${read} mV)`);
  const v = r.candidates[0]!.values.nucleation_overpotential_mV!;
  assert.deepEqual([v.value, v.no_dip, v.n], [null, 1, 0], 'no seed with a dip: no value, one no-dip seed counted');
  const text = rankingText(r);
  const head = text.split('\n')[0]!.trim().split(/\s{2,}/);
  const row = text.split('\n')[1]!.trim().split(/\s{2,}/);
  const col = head.findIndex((h) => h.startsWith('nucleation'));
  assert.ok(col > 0, text);
  assert.equal(row[col], '-', `the table's cell:\n${text}`);
  assert.ok(!text.includes(read.toPrecision(4)), `the negative reading is not printed as a value:\n${text}`);
  assert.match(text, /^note: bare graphene: nucleation_overpotential_mV no dip in 1 of 1 seed\(s\)/m);
});
