/**
 * Cycling in the simulator (issue 5): mass balance at every half cycle, strip end conditions,
 * cell voltage parts, the cycler-analysis code reproducing the engine's CE and overpotentials
 * from eta.csv, and bad protocols refused before anything runs. Small lattices, fixed seeds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { DoubleLayer } from '../src/electrochem/doublelayer.js';
import { simulate } from '../src/simulation/simulate.js';
import { cycleSummary, analysisTrace, rowLabels } from '../src/simulation/cycles.js';
import { licuCe } from '../src/analysis/ce.js';
import { halfCycles } from '../src/analysis/segments.js';
import { earlyEndWarnings } from '../src/simulation/early-ends.js';
import { InputError } from '../src/errors.js';
import { METAL, DEAD } from '../src/lattice/voxel.js';
import { readCycler } from '../src/cycler/read.js';
import { computeMetrics, writeOutputs } from '../src/simulation/report.js';
import { cli as cliInProcess } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycling');

const cli = async (args: string[]) => { const r = await cliInProcess(args); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; }; // in-process (test/helpers/cli.ts), in the shape spawnSync returns

/**
 * A small Li-on-Cu cell at high Damkoehler number (10 mA/cm2, slow surface diffusion): its
 * Eden-like deposit has overhangs, and stripping leaves some dead metal.
 */
function cyclingRun(extra: Record<string, unknown> = {}) {
  return {
    metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 40], voxel: '10 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.55 eV' },
    protocol: [{ repeat: 3, steps: ['Plate 0.01 mAh/cm2 at 10 mA/cm2', 'Strip at 10 mA/cm2 until 1 V'] }],
    seed: 3, output: { snapshots: false },
    ...extra,
  };
}

function readCsv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const keys = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [keys[i]!, v])));
}

test('seiaudit: an Aurbach block whose strips stop at their cut-off reads what was stripped over what was plated', () => {
  // the reservoir protocol's shape (Plate Q_T, repeat [Strip, Plate Q_C], final strip to a cut-off) with cycling strips
  // that end at 200 mV, short of Q_C: aurbach_ce (and its voxel count) took each of them for Q_C and read 1.35
  const sim = new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 30], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.35 eV' },
    protocol: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', { repeat: 2, steps: ['Strip at 1 mA/cm2 until 200 mV', 'Plate 0.05 mAh/cm2 at 1 mA/cm2'] }, 'Strip at 1 mA/cm2 until 1 V'],
    seed: 1, output: { snapshots: false },
  }));
  sim.runAll();
  const r = sim.stepResults;
  assert.deepEqual(r.map((x) => x.kind), ['plate', 'strip', 'plate', 'strip', 'plate', 'strip']);
  const plated = r.filter((x) => x.kind === 'plate').reduce((a, x) => a + x.net_voxels, 0);
  const stripped = -r.filter((x) => x.kind === 'strip').reduce((a, x) => a + x.net_voxels, 0);
  const qc = r[2]!.net_voxels;
  assert.ok(r[1]!.ended === 'cutoff' && -r[1]!.net_voxels < 0.95 * qc, `a cycling strip stops short: ${r[1]!.ended}, ${-r[1]!.net_voxels} of ${qc}`);
  const s = cycleSummary(sim);
  assert.ok(s.aurbach, 'read as the Aurbach protocol');
  assert.ok(Math.abs(s.aurbach.ce_voxels - stripped / plated) < 1e-12, `aurbach_ce_voxels ${s.aurbach.ce_voxels}, stripped / plated ${stripped} / ${plated}`);
  assert.ok(Math.abs(s.aurbach.ce_avg - stripped / plated) < 1e-9, `aurbach_ce ${s.aurbach.ce_avg}`);
  assert.equal(s.average_ce, s.aurbach.ce_avg);
});

test('mass balance is exact at every half cycle: plated = stripped + dead + still connected', () => {
  const sim = new Simulation(parseRunInput(cyclingRun()));
  let plated = 0, stripped = 0, halves = 0;
  sim.runAll({
    onStepEnd: (s, r) => {
      halves++;
      if (r.kind === 'plate') plated += r.net_voxels; else if (r.kind === 'strip') stripped -= r.net_voxels;
      // count the lattice itself, not the counters
      let metal = 0, dead = 0;
      for (const c of s.app.code) { if (c === METAL) metal++; else if (c === DEAD) dead++; }
      assert.equal(s.initialMetal, 0, 'Cu host: no metal before the protocol');
      assert.equal(plated, stripped + dead + metal, `step ${r.index}: plated ${plated} = stripped ${stripped} + dead ${dead} + connected ${metal}`);
      assert.equal(dead, r.dead_voxels);
      assert.equal(metal, r.connected_voxels);
      // every METAL voxel is joined to the collector (exact flood fill)
      assert.deepEqual(s.app.conn!.disconnected(), [], `step ${r.index}: a METAL voxel is cut off`);
      // event tables after dead metal was marked: identical to a recomputation from scratch
      assert.equal(s.app.checkConsistency(), null);
      if (r.kind === 'strip') assert.ok(['cutoff', 'no_metal'].includes(r.ended), r.ended);
    },
  });
  assert.equal(halves, 6);
  const last = sim.stepResults[sim.stepResults.length - 1]!;
  assert.ok(last.dead_voxels > 0, 'slow surface diffusion leaves dead metal');
  assert.ok(stripped < plated, 'not everything comes back');
});

test('strip steps end at their charge, at the overpotential cut-off, or when no connected metal is left', () => {
  const r = simulate(cyclingRun({
    kinetics: { terraceBarrier: '0.30 eV' },
    protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Strip 0.001 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 for 2 s', 'Strip at 1 mA/cm2 until 150 mV', 'Strip at 1 mA/cm2 until 5 V'],
  }));
  const ended = r.steps.map((s) => s.ended);
  assert.equal(ended[1], 'charge');
  assert.equal(ended[2], 'charge'); // 2 s at 1 mA/cm2 is a charge limit in a galvanostat
  assert.ok(['cutoff', 'no_metal'].includes(ended[3]!), ended[3]);
  assert.equal(ended[4], 'no_metal');
  assert.equal(r.steps[4]!.connected_voxels, 0);
  // the galvanostat clock: each strip step lasted (stripped charge) / I
  const s1 = r.steps[1]!;
  assert.ok(Math.abs(s1.duration_s - (-s1.charge_C_per_cm2 / 1e-3)) < 1e-9 * s1.duration_s);
});

test('cell voltage = WE overpotential + counter electrode (Butler-Volmer) + ohmic, row by row', () => {
  const run = parseRunInput(cyclingRun({
    electrochem: { ohmic: '5 Ohm cm2' },
    protocol: ['Rest for 0.01 s', 'Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Rest for 0.01 s', 'Strip at 1 mA/cm2 until 300 mV'],
  }));
  const sim = new Simulation(run);
  sim.runAll();
  const tr = sim.trace;
  const f = 1 / (8.617333262e-5 * run.temperature_K);
  const i0 = run.metal.i0_A_per_m2;
  let plating = 0, stripping = 0;
  for (let k = 0; k < tr.time_s.length; k++) {
    const j = tr.current_mA_per_cm2[k]! * 10; // A/m2, > 0 anodic at the WE
    assert.ok(Math.abs(tr.cell_voltage_mV[k]! - (tr.overpotential_mV[k]! + tr.counter_mV[k]! + tr.ohmic_mV[k]!)) < 1e-9);
    assert.ok(Math.abs(tr.ohmic_mV[k]! - j * 5e-4 * 1e3) < 1e-9, 'j R with R = 5 Ohm cm2');
    // alpha = 1/2: j = 2 i0 sinh(f eta / 2) at the counter electrode
    assert.ok(Math.abs(tr.counter_mV[k]! - (2 / f) * Math.asinh(j / (2 * i0)) * 1e3) < 1e-6, `row ${k}`);
    if (j < 0) { plating++; assert.ok(tr.cell_voltage_mV[k]! < tr.overpotential_mV[k]!); }
    if (j > 0) { stripping++; assert.ok(tr.cell_voltage_mV[k]! > tr.overpotential_mV[k]!); }
    if (j === 0) assert.equal(tr.counter_mV[k], 0);
  }
  assert.ok(plating > 5 && stripping > 5);
  assert.deepEqual([...new Set(tr.half_cycle)].sort(), [-1, 0, 1]);
  // the first rest on a bare host: nothing can react, the clock runs
  assert.equal(sim.stepResults[0]!.ended, 'time');
  assert.ok(Math.abs(sim.stepResults[0]!.duration_s - 0.01) < 1e-15);
});

test('a run\'s last strip that ended on exhausted metal under half the plated charge has its CE in cycles.csv, metrics and analyze of eta.csv (review59)', async () => {
  // the cycler-file rule (a last strip under half a whole half's charge, ending over 20 mV short of the earlier strips'
  // end voltage, is where the file stops) was applied to the run's own trace: the cycle's CE was empty and the run's
  // average_ce null (Li on Cu, a 100 nm carbonate film, 3 cycles with rests, seed 4: 24 of 52 voxels stripped, no_metal;
  // seed 15 since seivox, whose atoms plated through SEI grow under its film: 25 of 52; seed 4's last strip no longer under half;
  // seed 465 since stripfilm, whose dead metal keeps its own film: 24 of 52, seed 15's 43 of 52; of seeds 1-570 (51 and 288 not read: over 8 s) only 289, 465
  // and 475 strip under half, and only 465's trace ends as the file rule takes for cut; seed 820 since seiaudit, whose hopped
  // stretched films settle on the fast pass: of seeds 1-2500, 74, 406, 506, 820, 1389, 1654, 1915, 2330 and 2432 strip under
  // half, 23-25 of 52 voxels, and only 820's trace ends as the file rule takes for cut; on D3's first fix (session 59) 820
  // no longer did and 609 was used; on D3's amended fix 820 again, 25 of 52; since seibare, session 60, a hop moving only
  // the film that exists, of seeds 1-2784 406, 1440, 1654, 2330, 2432 and 2640 strip under half, 23-25 of 52, and only
  // 2640's trace ends as the file rule takes for cut, 25 of 52; 2785 was stopped after minutes, the scan with it)
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cyc-'));
  const r = simulate(cyclingRun({
    lattice: { size: [6, 6, 24], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.25 eV' }, sei: { set: 'carbonate', thickness: '100 nm' }, seed: 2640,
    protocol: [{ repeat: 3, steps: ['Plate 0.03 mAh/cm2 at 1 mA/cm2', 'Rest for 10 s', 'Strip at 1 mA/cm2 until 1 V', 'Rest for 10 s'] }],
  }), { outDir: join(dir, 'run') });
  const cycles = readCsv(join(dir, 'run', 'cycles.csv'));
  assert.equal(cycles.length, 3);
  const last = cycles[2]!;
  // the case is what it is about: the last strip is whole (no_metal) and the file rule takes it for cut
  assert.equal(last.strip_ended, 'no_metal');
  assert.ok(Number(last.stripped_voxels) < 0.5 * Number(last.plated_voxels), JSON.stringify(last));
  const t = r.trace; // the run's trace as analysisTrace maps it, read with the cycler-file rules
  const asFile = licuCe({ time_s: t.time_s, voltage_V: t.overpotential_mV.map((x) => x * 1e-3), current_A: t.current_mA_per_cm2.map((x) => x * 1e-3),
    cycle: t.cycle, label: rowLabels(r.run.protocol, t), windowCurrent: true });
  assert.equal(asFile.cycles[2]!.partial, true, 'a cycler file ending so would be cut');
  for (const c of cycles) assert.ok(Math.abs(Number(c.ce) - Number(c.ce_voxels)) < 1e-9, `cycle ${c.cycle}: CE ${c.ce} by the trace, ${c.ce_voxels} by voxels`);
  const mean = cycles.reduce((a, c) => a + Number(c.ce_voxels), 0) / 3;
  assert.ok(Math.abs(r.metrics.average_ce! - mean) < 1e-9, `average_ce ${r.metrics.average_ce} vs ${mean}`);
  const a = await cli(['analyze', join(dir, 'run', 'eta.csv'), '--protocol', 'licu', '--json', '--no-figures', '--out', join(dir, 'a')]);
  assert.equal(a.status, 0, a.stderr);
  const rep = JSON.parse(a.stdout) as { licu: { cycles: { ce: number; partial?: boolean }[]; mean_ce: number } };
  assert.ok(Math.abs(rep.licu.cycles[2]!.ce - Number(last.ce_voxels)) < 1e-9 && !rep.licu.cycles[2]!.partial, JSON.stringify(rep.licu.cycles[2]));
  assert.ok(Math.abs(rep.licu.mean_ce - mean) < 1e-9);
});

test('a run cut (event limit, as a cancel) in its strip gives that strip no CE in cycles.csv, metrics and analyze of its eta.csv (review61)', async () => {
  // one cycle, so no earlier strip gives the file rules a cut-off: the strip cut part way read as whole (CE 0.65 in
  // cycles.csv and average_ce; analyze of the eta.csv took every sacplate-eta file's last strip for whole)
  const run = parseRunInput(cyclingRun({ lattice: { size: [6, 6, 16], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.25 eV' }, seed: 1,
    protocol: ['Plate 0.02 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }));
  const whole = new Simulation(run);
  whole.runAll();
  const [plate, strip] = whole.stepResults;
  assert.ok(plate && strip && strip.ended === 'no_metal' && strip.events > 20, JSON.stringify(whole.stepResults.map((r) => [r.ended, r.events])));
  const cut = new Simulation(run);
  cut.runAll({ eventLimit: plate.events + Math.round(strip.events * 0.8) }); // 22 of the 34 plated voxels stripped, seed 1
  const last = cut.stepResults[cut.stepResults.length - 1]!;
  assert.deepEqual([cut.stepResults.length, last.kind, last.ended], [2, 'strip', 'event_limit']);
  assert.ok(-last.net_voxels > 0 && -last.net_voxels < plate.net_voxels, 'the cut strip took part of the plated metal');
  const cycles = cycleSummary(cut);
  assert.equal(cycles.cycles.length, 1);
  assert.ok(Number.isNaN(cycles.cycles[0]!.ce) && Number.isNaN(cycles.cycles[0]!.ce_voxels), `CE ${cycles.cycles[0]!.ce} of a strip the run's end cut`);
  assert.equal(cycles.cycles[0]!.strip_ended, 'event_limit');
  const metrics = computeMetrics(cut, cycles);
  assert.equal(metrics.average_ce, null);
  // the whole run's CE is read as before
  assert.ok(Math.abs(cycleSummary(whole).cycles[0]!.ce - -strip.net_voxels / plate.net_voxels) < 1e-9);
  // analyze of the cut run's eta.csv: the steps.csv beside it says where it was cut
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cyc-cut-'));
  writeOutputs(cut, dir, metrics, cycles);
  const a = await cli(['analyze', join(dir, 'eta.csv'), '--protocol', 'licu', '--json', '--no-figures', '--out', join(dir, 'a')]);
  assert.equal(a.status, 0, a.stderr);
  const rep = JSON.parse(a.stdout) as { licu: { cycles: { ce: number | null; partial?: boolean }[] } };
  assert.equal(rep.licu.cycles.length, 1);
  assert.ok(rep.licu.cycles[0]!.ce === null && rep.licu.cycles[0]!.partial === true, JSON.stringify(rep.licu.cycles[0]));
});

test('cycles_completed counts completed cycles only: not one whose strip the run was cut in, also in a rest between two pieces of the strip (review61)', () => {
  const base = cyclingRun({ lattice: { size: [6, 6, 16], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.25 eV' }, seed: 1 });
  // cut in its strip (review61's run): the cycle has no CE, and is not a completed cycle (it was counted, 1)
  const one = parseRunInput({ ...base, protocol: ['Plate 0.02 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] });
  const ref = new Simulation(one);
  ref.runAll();
  assert.equal(cycleSummary(ref).cycles_completed, 1);
  const cut = new Simulation(one);
  cut.runAll({ eventLimit: ref.stepResults[0]!.events + Math.round(ref.stepResults[1]!.events * 0.8) });
  assert.equal(cut.stepResults[cut.stepResults.length - 1]!.ended, 'event_limit');
  const c = cycleSummary(cut);
  assert.deepEqual([c.cycles.length, c.cycles_completed], [1, 0]);
  assert.equal(computeMetrics(cut, c).cycles_completed, 0);
  // a strip in two pieces with a rest between (Strip 0.008 mAh/cm2, Rest, Strip until 1 V), cut in the rest: the strip is
  // cut (the piece after the rest never ran), no CE, no completed cycle; it read CE 0.41 (14 of 34 voxels), 1 cycle
  const two = parseRunInput({ ...base, protocol: ['Plate 0.02 mAh/cm2 at 1 mA/cm2', 'Strip 0.008 mAh/cm2 at 1 mA/cm2', 'Rest for 1 s', 'Strip at 1 mA/cm2 until 1 V'] });
  const whole = new Simulation(two);
  whole.runAll();
  const [p, s1, r] = whole.stepResults;
  assert.ok(p && s1 && r && r.kind === 'rest' && r.events >= 2, JSON.stringify(whole.stepResults.map((x) => [x.kind, x.ended, x.events])));
  assert.equal(cycleSummary(whole).cycles_completed, 1);
  const inRest = new Simulation(two);
  inRest.runAll({ eventLimit: p.events + s1.events + Math.floor(r.events / 2) });
  const lastStep = inRest.stepResults[inRest.stepResults.length - 1]!;
  assert.deepEqual([inRest.stepResults.length, lastStep.kind, lastStep.ended], [3, 'rest', 'event_limit']);
  const cr = cycleSummary(inRest);
  assert.equal(cr.cycles.length, 1);
  assert.ok(Number.isNaN(cr.cycles[0]!.ce) && Number.isNaN(cr.cycles[0]!.ce_voxels), `CE ${cr.cycles[0]!.ce} of a strip cut in its rest`);
  assert.equal(cr.cycles[0]!.strip_ended, 'charge+event_limit');
  assert.equal(cr.cycles_completed, 0);
  assert.equal(computeMetrics(inRest, cr).average_ce, null);
  // cut in a rest after a whole strip (Plate, Strip until 1 V, Rest): the strip is whole, its cycle completed
  const after = parseRunInput({ ...base, protocol: ['Plate 0.02 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V', 'Rest for 1 s'] });
  const a0 = new Simulation(after);
  a0.runAll();
  const a1 = new Simulation(after);
  a1.runAll({ eventLimit: a0.stepResults[0]!.events + a0.stepResults[1]!.events + Math.floor(a0.stepResults[2]!.events / 2) });
  assert.equal(a1.stepResults[a1.stepResults.length - 1]!.ended, 'event_limit');
  const ca = cycleSummary(a1);
  assert.equal(ca.cycles_completed, 1);
  assert.ok(ca.cycles[0]!.ce > 0, `CE ${ca.cycles[0]!.ce}`);
});

test('analyze of the eta.csv of a run cut in a rest between two pieces of a strip gives that strip no CE, as cycles.csv (the step after the rest from resolved.json); one cut in a rest after a whole strip keeps it', async () => {
  const base = cyclingRun({ lattice: { size: [6, 6, 16], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.25 eV' }, seed: 1 });
  const read = async (protocol: string[]) => {
    const run = parseRunInput({ ...base, protocol });
    const whole = new Simulation(run);
    whole.runAll();
    const [p, s1, r] = whole.stepResults;
    const cut = new Simulation(run);
    cut.runAll({ eventLimit: p!.events + s1!.events + Math.floor(r!.events / 2) });
    assert.deepEqual(cut.stepResults.map((x) => [x.kind, x.ended]).slice(2), [['rest', 'event_limit']]);
    const cycles = cycleSummary(cut);
    const dir = mkdtempSync(join(tmpdir(), 'sacplate-cyc-rest-cut-'));
    writeOutputs(cut, dir, computeMetrics(cut, cycles), cycles);
    const a = await cli(['analyze', join(dir, 'eta.csv'), '--protocol', 'licu', '--json', '--no-figures', '--out', join(dir, 'a')]);
    assert.equal(a.status, 0, a.stderr);
    return { own: cycles.cycles[0]!, file: (JSON.parse(a.stdout) as { licu: { cycles: { ce: number | null; partial?: boolean }[] } }).licu.cycles };
  };
  const inStrip = await read(['Plate 0.02 mAh/cm2 at 1 mA/cm2', 'Strip 0.008 mAh/cm2 at 1 mA/cm2', 'Rest for 1 s', 'Strip at 1 mA/cm2 until 1 V']);
  assert.ok(Number.isNaN(inStrip.own.ce));
  assert.equal(inStrip.file.length, 1);
  assert.ok(inStrip.file[0]!.ce === null && inStrip.file[0]!.partial === true, `analyze read ${JSON.stringify(inStrip.file[0])} (it read CE 0.41, whole)`);
  const afterStrip = await read(['Plate 0.02 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V', 'Rest for 1 s']);
  assert.ok(afterStrip.own.ce > 0 && afterStrip.file[0]!.ce !== null && Math.abs(afterStrip.file[0]!.ce - afterStrip.own.ce) < 1e-9, JSON.stringify(afterStrip.file[0]));
});

test('`sacplate analyze` on the simulated eta.csv reproduces the engine CE, Aurbach CE and overpotentials', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cyc-'));
  // Li||Cu per-cycle CE and symmetric overpotentials
  const out = join(dir, 'licu');
  const r = simulate(cyclingRun(), { outDir: out });
  const cycles = readCsv(join(out, 'cycles.csv'));
  assert.equal(cycles.length, 3);
  assert.equal(r.metrics.cycles_completed, 3);
  for (const c of cycles) assert.ok(Math.abs(Number(c.ce) - Number(c.ce_voxels)) < 1e-9, `trace CE ${c.ce} vs voxel count ${c.ce_voxels}`);
  // no NaN/inf text for spreadsheets; without `sei:` the dead clusters are counted at each step's end
  // (they were empty cells): count x mean = the lattice's dead voxels; no dead metal gives 0, empty, 0
  assert.doesNotMatch(readFileSync(join(out, 'cycles.csv'), 'utf8'), /\bNaN\b|\binf\b/i);
  assert.ok(cycles.some((c) => Number(c.dead_voxels) > 0), 'the test needs a cycle that leaves dead metal');
  for (const c of cycles) {
    const dead = Number(c.dead_voxels), n = Number(c.dead_clusters), mean = Number(c.dead_cluster_mean_voxels), max = Number(c.dead_cluster_max_voxels);
    if (dead === 0) { assert.deepEqual([c.dead_clusters, c.dead_cluster_mean_voxels, c.dead_cluster_max_voxels], ['0', '', '0'], JSON.stringify(c)); continue; }
    assert.ok(n >= 1 && Math.abs(n * mean - dead) < 1e-6 * dead && max >= mean && max <= dead, JSON.stringify(c));
  }
  assert.ok(r.metrics.average_ce! < 1 && r.metrics.dead_metal_fraction > 0);
  const tab = await readCycler(join(out, 'eta.csv'));
  assert.equal(tab.format, 'sacplate-eta');
  const licu = await cli(['analyze', join(out, 'eta.csv'), '--protocol', 'licu', '--json', '--no-figures', '--out', join(dir, 'a1')]);
  assert.equal(licu.status, 0, licu.stderr);
  const rep = JSON.parse(licu.stdout);
  assert.equal(rep.licu.cycles.length, 3);
  // eta.csv and cycles.csv keep 12 significant digits (src/io/csv.ts): the analysis of the file agrees to 1e-9
  const close = (x: number, y: number, what: string) => assert.ok(Math.abs(x - y) <= 1e-9 * Math.abs(y), `${what}: ${x} vs ${y}`);
  rep.licu.cycles.forEach((c: { ce: number }, i: number) => close(c.ce, Number(cycles[i]!.ce), `cycle ${i + 1}`));
  close(rep.licu.mean_ce, r.metrics.average_ce!, 'mean CE');
  const sym = await cli(['analyze', join(out, 'eta.csv'), '--protocol', 'symmetric', '--json', '--no-figures', '--out', join(dir, 'a2')]);
  assert.equal(sym.status, 0, sym.stderr);
  const hs = JSON.parse(sym.stdout).symmetric.half_cycles as { sign: number; mean_V: number; plateau_V: number }[];
  assert.equal(hs.length, 6);
  cycles.forEach((c, i) => {
    assert.equal(hs[2 * i]!.sign, -1);
    close(hs[2 * i]!.mean_V * 1e3, Number(c.mean_plating_overpotential_mV), `cycle ${i + 1} mean plating`);
    close(hs[2 * i + 1]!.mean_V * 1e3, Number(c.mean_stripping_overpotential_mV), `cycle ${i + 1} mean stripping`);
    close(hs[2 * i + 1]!.plateau_V * 1e3, Number(c.stripping_plateau_mV), `cycle ${i + 1} stripping plateau`);
  });
  // Aurbach/Adams: reservoir Q_T, n cycles of Q_C, final strip to a cut-off
  const outA = join(dir, 'aurbach');
  const a = simulate(cyclingRun({
    kinetics: { terraceBarrier: '0.25 eV' },
    protocol: ['Plate 0.004 mAh/cm2 at 1 mA/cm2', { repeat: 3, steps: ['Strip 0.001 mAh/cm2 at 1 mA/cm2', 'Plate 0.001 mAh/cm2 at 1 mA/cm2'] }, 'Strip at 1 mA/cm2 until 300 mV'],
  }), { outDir: outA });
  assert.ok(a.metrics.aurbach_ce !== undefined, 'aurbach_ce reported for the reservoir protocol');
  assert.ok(Math.abs(a.metrics.aurbach_ce! - a.metrics.aurbach_ce_voxels!) < 1e-9, `${a.metrics.aurbach_ce} vs voxels ${a.metrics.aurbach_ce_voxels}`);
  // (charges integrated from the trace: a run with no loss gives 1 to within rounding, e.g. 1 + 4e-16)
  assert.ok(a.metrics.aurbach_ce! > 0.5 && a.metrics.aurbach_ce! <= 1 + 1e-12, `aurbach_ce ${a.metrics.aurbach_ce}`);
  assert.ok(a.metrics.aurbach_ce_voxels! > 0.5 && a.metrics.aurbach_ce_voxels! <= 1, `aurbach_ce_voxels ${a.metrics.aurbach_ce_voxels}`);
  const au = await cli(['analyze', join(outA, 'eta.csv'), '--protocol', 'aurbach', '--json', '--no-figures', '--out', join(dir, 'a3')]);
  assert.equal(au.status, 0, au.stderr);
  const ar = JSON.parse(au.stdout).aurbach;
  close(ar.ce_avg, a.metrics.aurbach_ce!, 'Aurbach CE');
  assert.equal(a.metrics.average_ce, a.metrics.aurbach_ce);
  assert.equal(ar.n, 3);
  const m = JSON.parse(readFileSync(join(outA, 'metrics.json'), 'utf8'));
  for (const k of ['average_ce', 'dead_metal_fraction', 'cycles_completed', 'aurbach_ce']) assert.ok(k in m, k);
  assert.match(readFileSync(join(outA, 'eta.csv'), 'utf8').split('\n')[0]!, /^time_s,charge_C_per_cm2,overpotential_mV,kmc_time_s,step,cycle,half_cycle,current_mA_per_cm2,cell_voltage_mV,counter_mV,ohmic_mV,direction,charge_mAh_per_cm2$/);
});

test('bad protocols are refused with one line before anything runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-badproto-'));
  const cases: [unknown, RegExp][] = [
    [['Plate at -1 mA/cm2 for 1 s'], /protocol\[0\].*positive current density/],
    [['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 5 mA/cm2'], /protocol\[1\].*cut-off/],
    [[{ repeat: 0, steps: ['Plate at 1 mA/cm2 for 1 s'] }], /protocol\[0\]\.repeat.*positive integer/],
    [['Plate at 1 mA/cm2 for 1 s', { repeat: 2, steps: ['Strip at 1 mA/cm2 until 10 s'] }], /protocol\[1\]\.steps\[0\].*cut-off/],
  ];
  for (const [protocol, re] of cases) {
    const out = join(dir, 'never');
    assert.throws(() => simulate(cyclingRun({ protocol }), { outDir: out }), (e: unknown) => e instanceof InputError && re.test(e.message) && !e.message.includes('\n'));
    assert.ok(!existsSync(out), 'nothing ran, nothing written');
  }
  // through the CLI: exit code 2, one line
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'metal: Li\nlattice: { size: [16, 16, 12], voxel: 10 nm }\nhost: Cu\nprotocol:\n  - repeat: 0\n    steps: [ "Plate at 1 mA/cm2 for 1 s" ]\n');
  const r = await cli(['simulate', file, '--no-store', '--out', join(dir, 'o')]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /repeat/);
  assert.ok(!existsSync(join(dir, 'o')));
});

test('symmetric Li||Li cell: a metal-foil host strips (flat foil oxidisable), CE 1 without dead metal', () => {
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [12, 12, 12], voxel: '10 nm' }, host: 'Li', host_layers: 2,
    protocol: [{ repeat: 2, steps: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 for 1.8 s or until 1 V'] }],
    seed: 2, output: { snapshots: false },
  });
  const sim = new Simulation(run);
  // every top-layer atom of the fresh foil can be oxidised (5 bonds, electrolyte above)
  assert.equal(sim.app.solver.chCount[1], 144, 'oxidation events on the flat foil');
  assert.equal(sim.app.maxMetalZ, 1, 'the highest metal layer counts the foil (z = 0, 1)');
  sim.runAll({ onStepEnd: (s) => assert.equal(s.app.checkConsistency(), null, 'event tables equal a recomputation') });
  assert.equal(sim.initialMetal, 2 * 144);
  const strips = sim.stepResults.filter((r) => r.kind === 'strip');
  for (const s of strips) assert.equal(s.ended, 'charge');
  const plates = sim.stepResults.filter((r) => r.kind === 'plate');
  assert.equal(strips.reduce((a, s) => a - s.net_voxels, 0), plates.reduce((a, s) => a + s.net_voxels, 0));
  assert.equal(sim.app.deadCount, 0);
  // no dead metal: 0 clusters, largest 0 voxels, no mean (NaN, an empty CSV cell), without `sei:` too
  const cs = cycleSummary(sim).cycles;
  assert.equal(cs.length, 2);
  for (const c of cs) assert.deepEqual([c.dead_clusters, c.dead_cluster_mean_voxels, c.dead_cluster_max_voxels], [0, NaN, 0]);
});

test('a strip whose box reaches its top while it runs against its current runs on to its end and has a CE (review38\'s case; mends67)', () => {
  // review38's case: the strip's double layer lags the plating's and its tallest column reaches the box's top while it
  // runs against its current. Until mends67 that ended the strip box_full (no CE; 18,897 events into this strip); a full
  // box now ends only a step that needs room above the deposit (a plate): the box's top is closed, and the strip's few
  // voxels against its current stay in it. (The strip is short: a longer one costs CPU and tests nothing more.)
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [12, 12, 8], voxel: '10 nm' }, host: 'Cu',
    protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Strip 0.0003 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
  });
  const sim = new Simulation(run);
  sim.stepResults.push(sim.runStep(sim.steps[0]!));
  assert.ok(sim.app.maxMetalZ < 6, `the plate left the box's top free (highest metal layer ${sim.app.maxMetalZ} of 8)`);
  const strip = sim.runStep(sim.steps[1]!);
  sim.stepResults.push(strip);
  assert.ok(sim.app.maxMetalZ >= 6, `the strip reached the box's top (layer ${sim.app.maxMetalZ})`);
  assert.equal(strip.ended, 'charge', 'the strip runs to its charge');
  assert.ok(strip.net_voxels < 0, `the strip's net voxels ${strip.net_voxels}`);
  const s = cycleSummary(sim);
  assert.equal(s.cycles.length, 1);
  const c = s.cycles[0]!;
  assert.equal(c.strip_ended, 'charge');
  assert.ok(c.ce > 0.1 && c.ce < 0.2, `ce ${c.ce} (0.0003 of 0.002 mAh/cm2)`);
  assert.ok(Number.isFinite(s.average_ce), `average_ce ${s.average_ce}`);
});

test('after a plate that filled the box, a rest and a strip run as asked and a plate after a strip that emptied it has its room again (mends67)', () => {
  // review55: every step after one that ended box_full ran one event and ended box_full too, a strip included (the
  // app's highest metal layer is a high-water mark): the strip the user asked for never ran and the cycle had no CE
  const run = parseRunInput({
    metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.55 eV' },
    protocol: ['Plate 0.01 mAh/cm2 at 10 mA/cm2', 'Rest for 0.05 s', 'Strip 0.0001 mAh/cm2 at 10 mA/cm2', 'Plate 0.01 mAh/cm2 at 10 mA/cm2',
      'Strip at 10 mA/cm2 until 1 V', 'Plate 0.01 mAh/cm2 at 10 mA/cm2'],
    seed: 1, output: { snapshots: false },
  });
  const sim = new Simulation(run);
  sim.runAll();
  const r = sim.stepResults;
  assert.deepEqual(r.map((s) => s.ended), ['box_full', 'time', 'charge', 'box_full', 'no_metal', 'box_full'],
    r.map((s) => `${s.text}: ${s.ended} ${s.net_voxels} voxels, ${s.events} events`).join('; '));
  assert.ok(r[1]!.duration_s >= 0.05 - 1e-9, `the rest ran ${r[1]!.duration_s} s`);
  assert.ok(r[2]!.net_voxels < 0, `the short strip ran: ${r[2]!.net_voxels} voxels`);
  assert.ok(-r[4]!.net_voxels > 0.9 * r[0]!.net_voxels, `the strip to 1 V stripped ${-r[4]!.net_voxels} of ${r[0]!.net_voxels} voxels`);
  assert.ok(r[5]!.net_voxels > 0.25 * r[0]!.net_voxels, `the plate after the emptied box plated ${r[5]!.net_voxels} voxels`);
  // the cycle whose strip ran has a CE; the warnings name the plates that filled the box, not the rest or the strips
  const cs = cycleSummary(sim).cycles;
  assert.equal(cs.length, 2);
  for (const c of cs) assert.ok(Number.isFinite(c.ce) && c.strip_ended !== 'box_full', `cycle ${c.cycle}: CE ${c.ce}, strip ${c.strip_ended}`);
  const w = earlyEndWarnings(r, '', run.protocol);
  assert.deepEqual(w.filter((l) => / ended early /.test(l)).map((l) => /^warning: step (\d+) /.exec(l)?.[1]), ['1', '4', '6'], w.join('\n'));
});

test('a strip on Cu right after its plate strips from its start: no net plating against the current, kMC time within 1.5 times the galvanostat\'s (stripfix)', () => {
  // issue 10's defect (docs/history.md "stripsei", "stripfix"): at the reversal the 'rates' averages held the plate's
  // lone-adatom exchange, eta stayed cathodic and this strip first plated 37 voxels, then took 10.7 s of kMC time for
  // 3.65 s of galvanostat time. The net count is followed through the progress reports (one per event).
  const sim = new Simulation(parseRunInput({
    metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' },
    protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'], seed: 2, output: { snapshots: false },
  }));
  sim.stepResults.push(sim.runStep(sim.steps[0]!));
  const q_per_cm2 = (sim.d.q_C / sim.d.area_m2) / 1e4, start = sim.netVoxels;
  let up = 0;
  const strip = sim.runStep(sim.steps[1]!, { chunk: 1, onProgress: (p) => { up = Math.max(up, Math.round(p.charge_C_per_cm2 / q_per_cm2) - start); } });
  assert.equal(strip.kind, 'strip');
  assert.ok(strip.net_voxels < 0, `the strip's net voxels ${strip.net_voxels}`);
  assert.ok(up <= 16, `the box rose ${up} voxels above its count at the strip's start (a quarter monolayer of 8 x 8 is 16)`);
  assert.ok(strip.kmc_duration_s <= 1.5 * strip.duration_s, `kMC ${strip.kmc_duration_s} s for ${strip.duration_s} s on the galvanostat's clock`);
});

test('a strip after a plate on a mesoscale box: the double layer is updated about once an event, not at every 0.1 mV of the reversal term\'s pull (dlfast)', () => {
  // session 42: stripfix's reversal term moves the double layer's charging rate by the averages' whole exchange per
  // voxel; integrated in 0.1 mV steps (ETA_STEP_V) it cost 5.5x the CPU of a 64 x 64 box's run for the same events.
  // Here (16 x 16 voxels of 25 nm, carbonate SEI, the box lags its share beyond the band): 12.4 updates an event
  // before the fix; the double layer of such a box settles within one faradaic event and is taken quasi-steady at a
  // reversal (electrochem/doublelayer.ts). The count is the real DoubleLayer.update's calls, counted by a wrapper.
  const proto = DoubleLayer.prototype, update = proto.update;
  let calls = 0;
  proto.update = function (this: DoubleLayer, ...a: Parameters<DoubleLayer['update']>) { calls++; return update.apply(this, a); };
  try {
    const sim = new Simulation(parseRunInput({
      metal: 'Li', lattice: { size: [16, 16, 12], voxel: '25 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.25 eV' }, sei: 'carbonate',
      protocol: ['Plate 0.02 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'], seed: 1, output: { snapshots: false },
    }));
    sim.stepResults.push(sim.runStep(sim.steps[0]!));
    calls = 0;
    const strip = sim.runStep(sim.steps[1]!);
    assert.ok(strip.net_voxels < -500, `the strip's net voxels ${strip.net_voxels}`);
    assert.ok(calls < 2 * strip.events, `${calls} double-layer updates for ${strip.events} events`);
  } finally {
    proto.update = update;
  }
});

test('a CCCV cycle (a plate, a hold at a plating cell voltage to a current or a time, a strip) is one cycle: the plate and the hold\'s net are its plating half (cccvcycles)', () => {
  // mends67's case (8 x 8 x 16, 1 mA/cm2, 20 s holds) read 5 rows for 2 cycles: the half cycles followed each trace
  // row's current, which flips in a hold's windows, so the plate's voxels were left out of the plating half (CEs 1.115,
  // 5.12; three rows of the hold's own voxels); this smaller case's hold windows (up to about 19,500 mA/cm2 over a few
  // ms) also made every 10 mA/cm2 row rest by the rest threshold (cycles.csv empty). Now the protocol's steps decide.
  const sim = new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.55 eV' }, sei: 'carbonate',
    protocol: [{ repeat: 2, steps: ['Plate 0.002 mAh/cm2 at 10 mA/cm2', 'Hold at cell voltage -100 mV for 2 s or until 0.05 mA/cm2', 'Strip at 10 mA/cm2 until 1 V'] }],
    seed: 3, output: { snapshots: false },
  }));
  sim.runAll();
  const r = sim.stepResults, I = sim.trace.current_mA_per_cm2;
  assert.equal(r.length, 6);
  for (const h of [r[1]!, r[4]!]) {
    // the case tests what it is about: each hold's windows pass current of both signs
    const rows = I.slice(h.samples[0], h.samples[1]);
    assert.ok(rows.some((x) => x > 0) && rows.some((x) => x < 0), `step ${h.index}: hold rows of both signs`);
  }
  // the half cycles are the protocol's: plate + hold, then strip
  const halves = halfCycles(analysisTrace(sim)).map((s) => [s.sign, s.start, s.end]);
  assert.deepEqual(halves, [[-1, r[0]!.samples[0], r[1]!.samples[1]], [1, r[2]!.samples[0], r[2]!.samples[1]],
    [-1, r[3]!.samples[0], r[4]!.samples[1]], [1, r[5]!.samples[0], r[5]!.samples[1]]]);
  const s = cycleSummary(sim);
  assert.equal(s.cycles.length, 2, s.cycles.map((c) => `${c.plated_voxels}/${c.stripped_voxels}`).join(' '));
  for (const [i, c] of s.cycles.entries()) {
    const plate = r[3 * i]!, hold = r[3 * i + 1]!, strip = r[3 * i + 2]!;
    assert.equal(c.plated_voxels, plate.net_voxels + hold.net_voxels, `cycle ${c.cycle}: the plate and the hold's net`);
    assert.equal(c.stripped_voxels, -strip.net_voxels);
    assert.equal(c.plated_voxels, c.stripped_voxels + c.sei_bound_voxels + c.dead_formed_voxels + c.retained_voxels, `cycle ${c.cycle}: inventory`);
    assert.ok(c.ce > 0 && c.ce < 1, `cycle ${c.cycle}: CE ${c.ce}`);
    // the trace's CE (licuCe on the rows) is the voxel count's: each row's current is its window's mean
    assert.ok(Math.abs(c.ce - c.stripped_voxels / c.plated_voxels) < 1e-9, `cycle ${c.cycle}: CE ${c.ce} by the trace, ${c.ce_voxels} by voxels`);
  }
  assert.ok(Math.abs(s.average_ce - (s.cycles[0]!.ce + s.cycles[1]!.ce) / 2) < 1e-12, `average_ce ${s.average_ce}`);
});

test('an Aurbach protocol whose block plates CCCV (strip, plate, plating hold) has its Aurbach CE, each plate and its hold one Q_C (cccvcycles)', () => {
  // before: the block's three steps were not the (strip, plate) of the reservoir test (no aurbach_ce, average_ce the mean
  // of per-pair charge ratios), and the trace's Q_C detection (pairs of equal charge) took the last CCCV plate for the reservoir
  const sim = new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.55 eV' },
    protocol: ['Plate 0.003 mAh/cm2 at 10 mA/cm2',
      { repeat: 2, steps: ['Strip 0.001 mAh/cm2 at 10 mA/cm2', 'Plate 0.0005 mAh/cm2 at 10 mA/cm2', 'Hold at cell voltage -100 mV for 0.5 s'] },
      'Strip at 10 mA/cm2 until 1 V'],
    seed: 3, output: { snapshots: false },
  }));
  sim.runAll();
  const r = sim.stepResults.map((x) => x.net_voxels);
  assert.equal(r.length, 8);
  const qt = r[0]!, qc = [r[2]! + r[3]!, r[5]! + r[6]!], qs = -r[7]!;
  const want = (qc[0]! + qc[1]! + qs) / (qc[0]! + qc[1]! + qt);
  const s = cycleSummary(sim);
  assert.ok(s.aurbach, 'an Aurbach CE');
  assert.equal(s.aurbach.n, 2);
  assert.ok(Math.abs(s.aurbach.ce_voxels - want) < 1e-12, `by voxels ${s.aurbach.ce_voxels}, ${want} from the steps`);
  assert.ok(Math.abs(s.aurbach.ce_avg - want) < 1e-9, `by the trace ${s.aurbach.ce_avg}, ${want} from the steps`);
  assert.equal(s.average_ce, s.aurbach.ce_avg);
  assert.equal(s.cycles.length, 3);
  assert.deepEqual(s.cycles.map((c) => c.plated_voxels), [qt, qc[0], qc[1]]);
});

test('a plating half split by rests is one half in cycles.csv: a Rest before the plating Hold, a pulse\'s off-times (cccvcycles); its plateau is analyze\'s of the run\'s eta.csv, read over the whole half (mends88)', async () => {
  // cycleSummary paired each piece of rows between rests with the piece after it: a piece followed by another plating
  // piece was left out (Plate, Rest, Hold, Strip: the plate's voxels in no cycle), and each of a pulse plate's pieces
  // counted the whole pulse step again in the plated total (62 voxels read 3,782, dead_metal_fraction 0.00026 for 0.016)
  const opts = { metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.55 eV' }, seed: 3, output: { snapshots: false } };
  const a = new Simulation(parseRunInput({ ...opts, protocol: ['Plate 0.002 mAh/cm2 at 10 mA/cm2', 'Rest for 0.01 s', 'Hold at cell voltage -100 mV for 1 s', 'Strip at 10 mA/cm2 until 1 V'] }));
  a.runAll();
  const r = a.stepResults;
  assert.deepEqual(r.map((x) => x.kind), ['plate', 'rest', 'plate', 'strip']);
  const sa = cycleSummary(a);
  assert.equal(sa.cycles.length, 1);
  const c = sa.cycles[0]!;
  // the plate and the hold; the rest between them passes no current, its drift is rest_voxels (until mends82 it was
  // in plated_voxels: the rest's voxels then read as plated charge the circuit never passed)
  assert.equal(c.plated_voxels, r[0]!.net_voxels + r[2]!.net_voxels, 'the plate and the hold');
  assert.equal(c.rest_voxels, r[1]!.net_voxels, 'the rest');
  assert.equal(c.stripped_voxels, -r[3]!.net_voxels);
  assert.equal(c.plated_voxels + c.rest_voxels, c.stripped_voxels + c.sei_bound_voxels + c.dead_formed_voxels + c.retained_voxels, 'inventory');
  assert.equal(sa.plated_voxels_total, c.plated_voxels);
  const b = new Simulation(parseRunInput({ ...opts, protocol: ['Pulse at 10 mA/cm2 for 1 ms, rest 1 ms, 0.002 mAh/cm2', 'Strip at 10 mA/cm2 until 1 V'] }));
  b.runAll();
  const p = b.stepResults[0]!, sb = cycleSummary(b);
  assert.equal(sb.cycles.length, 1);
  assert.equal(sb.plated_voxels_total, p.net_voxels);
  assert.equal(sb.cycles[0]!.plated_voxels, p.net_voxels);
  assert.ok(b.stepResults[1]!.dead_voxels > 0, 'the test needs dead metal');
  assert.equal(sb.dead_metal_fraction, b.stepResults[1]!.dead_voxels / p.net_voxels);
  assert.equal(sb.cycles[0]!.dead_metal_fraction, b.stepResults[1]!.dead_voxels / p.net_voxels);
  // mends88 (mends85 left it): a half in pieces had its plateau from its last piece in cycles.csv, while `analyze
  // RUN/eta.csv` reads it over the whole half (src/analysis/symmetric.ts wholePlateau, mends85): the two now agree, for the
  // plate, rest and hold as for the pulse (eta.csv keeps 12 significant digits: to 1e-9)
  for (const [sim, sum, name] of [[a, sa, 'hold'], [b, sb, 'pulse']] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'sacplate-cyc-pieces-'));
    writeOutputs(sim, dir, computeMetrics(sim, sum), sum);
    const an = await cli(['analyze', join(dir, 'eta.csv'), '--protocol', 'symmetric', '--json', '--no-figures', '--out', join(dir, 'a')]);
    assert.equal(an.status, 0, an.stderr);
    const sym = JSON.parse(an.stdout).symmetric as { cycles: { plating_plateau_V: number }[]; half_cycles: { sign: number; plateau_V: number }[] };
    const platingPieces = sym.half_cycles.filter((h) => h.sign === -1);
    assert.ok(platingPieces.length > 1, `${name}: a plating half in pieces (${platingPieces.length})`);
    const own = sum.cycles[0]!.plating_plateau_mV, file = sym.cycles[0]!.plating_plateau_V * 1e3;
    assert.ok(Math.abs(own - file) <= 1e-9 * Math.abs(file), `${name}: cycles.csv's plating plateau ${own} mV, analyze's ${file} mV (its last piece's ${platingPieces[platingPieces.length - 1]!.plateau_V * 1e3} mV)`);
  }
});
