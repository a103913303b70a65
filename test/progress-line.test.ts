/**
 * The step's progress a run reports (simulation/progress.ts): the step's text, its charge against its
 * target (galvanostatic steps and pulse trains) or its kMC time against its limit (rests, timed holds),
 * and the first-passage exits beside the events; and the one line the CLI (stderr not a terminal) and
 * the workbench print from it. Until session 22 both said the events and the overall fraction only.
 * A box of 8 x 8 x 8 voxels of 10 nm with fast terrace hops: about 1,200 events, 0.1 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type ProgressInfo } from '../src/simulation/simulation.js';
import { countText, groupedCount, progressText, rateText } from '../src/simulation/progress.js';
import { progressBar } from '../src/cli/progress-bar.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { inTempDir } from './helpers/tmp.js';
import { taskProgress } from '../src/cli/actions/sweep.js';

const PROTOCOL = ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Rest for 0.002 s', 'Pulse at 2 mA/cm2 for 0.1 s, rest 0.1 s, 0.0005 mAh/cm2'];

test('progress: each step reports its text and how far it is (charge of its target, or time of its limit), with the first-passage exits', () => {
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: PROTOCOL, seed: 1, output: { snapshots: false },
  });
  const sim = new Simulation(run);
  const ps: ProgressInfo[] = [];
  sim.runAll({ chunk: 10, onProgress: (p) => ps.push({ ...p }) });
  // 0.0005 mAh/cm2 in this box: a whole number of voxels of q_C each (1 mAh/cm2 = 3.6e4 C/m2)
  const voxel_mAh = sim.d.q_C / sim.d.area_m2 / 3.6e4;
  const target_mAh = Math.round(0.0005 / voxel_mAh) * voxel_mAh;
  assert.ok(Math.abs(target_mAh - 0.0005) <= voxel_mAh / 2);
  for (const step of [0, 1, 2]) {
    const mine = ps.filter((p) => p.step === step);
    assert.ok(mine.length >= 1, `progress reports in step ${step}: ${mine.length}`);
    let lastDone = -Infinity;
    for (const p of mine) {
      assert.equal(p.stepText, PROTOCOL[step], 'the step as the protocol says it (a pulse train: the train, not its on time)');
      assert.equal(p.steps, 3);
      assert.equal(p.stepFraction, Math.min(1, Math.max(0, p.stepDone / p.stepTarget)));
      assert.equal(p.fraction, (step + p.stepFraction) / 3);
      if (step === 1) {
        assert.equal(p.stepUnit, 's');
        assert.equal(p.stepTarget, 0.002);
        assert.ok(p.stepDone >= 0 && p.stepDone <= 0.002, `rest: ${p.stepDone} s`);
      } else {
        assert.equal(p.stepUnit, 'mAh/cm2');
        assert.ok(Math.abs(p.stepTarget - target_mAh) < 1e-12 * target_mAh, `target ${p.stepTarget} mAh/cm2, expected ${target_mAh}`);
        // a whole number of voxels (the pulse train's net charge since it started, its rests included)
        assert.ok(Math.abs(p.stepDone / voxel_mAh - Math.round(p.stepDone / voxel_mAh)) < 1e-9, `${p.stepDone} mAh/cm2`);
        if (step === 0) {
          assert.ok(p.stepDone >= lastDone, 'a galvanostatic step\'s charge never goes back'); lastDone = p.stepDone;
          // mends81: its net charge now beside it, a whole number of voxels, at most the furthest
          assert.ok(p.stepNet !== undefined && p.stepNet <= p.stepDone + 1e-15 && Math.abs(p.stepNet / voxel_mAh - Math.round(p.stepNet / voxel_mAh)) < 1e-9, `net ${p.stepNet}, furthest ${p.stepDone} mAh/cm2`);
        }
      }
    }
  }
  // the exits only grow, and end at most at the run's count (metrics.json's first_passage_exits)
  for (let i = 1; i < ps.length; i++) assert.ok(ps[i]!.first_passage_exits >= ps[i - 1]!.first_passage_exits);
  assert.ok(ps.at(-1)!.first_passage_exits > 0, 'this box has lone adatoms that leave by first passage');
  assert.ok(ps.at(-1)!.first_passage_exits <= sim.app.lone!.stats.exits);

  // the line: "step 1/3 Plate 0.0005 mAh/cm2 at 1 mA/cm2: 86.7 % (0.000425 of 0.000491 mAh/cm2 at its furthest, net 0.000393 now), 680 events + 281 first-passage exits"
  const p = ps.filter((q) => q.step === 0).at(-1)!;
  const s3 = (x: number) => String(Number(x.toPrecision(3)));
  // (the box ran back from its furthest charge here: the line says both since mends81)
  const net = s3(p.stepNet!) === s3(p.stepDone) ? '' : ` at its furthest, net ${s3(p.stepNet!)} now`;
  assert.equal(progressText(p), `step 1/3 ${PROTOCOL[0]}: ${(100 * p.stepFraction).toFixed(1)} % (${s3(p.stepDone)} of ${s3(p.stepTarget)} mAh/cm2${net}), ` +
    `${p.events.toLocaleString('en')} events${p.first_passage_exits > 0 ? ` + ${p.first_passage_exits.toLocaleString('en')} first-passage exits` : ''}`);
  // simulate's progress (cli/actions/sim.ts) says that line, on a terminal (the bar, the line last) and off one
  for (const isTTY of [true, false]) {
    let text = '';
    const stream = { isTTY, columns: 400, write: (x: string, cb?: () => void) => { text += x; cb?.(); return true; } } as unknown as NodeJS.WriteStream;
    const bar = progressBar('simulate', stream);
    bar.update(p);
    bar.stop();
    assert.ok(text.includes(isTTY ? ` | ${progressText(p)}` : `simulate: ${progressText(p)}; run ${(100 * p.fraction).toFixed(1)} %, `), `${isTTY ? 'bar' : 'line'}: ${JSON.stringify(text)}`);
    // the overpotential with its unit (a walker run's line says why it has none: the ion-walker test below)
    assert.ok(Number.isFinite(p.overpotential_mV) && text.includes(`eta ${p.overpotential_mV.toFixed(1)} mV`), `${isTTY ? 'bar' : 'line'}: ${JSON.stringify(text)}`);
  }
  const rest = ps.find((q) => q.step === 1)!;
  assert.match(progressText(rest), new RegExp(`^step 2/3 Rest for 0\\.002 s: ${(100 * rest.stepFraction).toFixed(1)} % \\(${s3(rest.stepDone).replace('.', '\\.')} of 0\\.002 s\\), `));
});

test('progress line: a step with nothing to measure against (a hold until a cut-off) says so with its charge so far; counts of millions in M', () => {
  const hold: Parameters<typeof progressText>[0] = {
    step: 0, steps: 1, fraction: 0, stepFraction: 0, events: 3_140_000, stepIndeterminate: true,
    stepText: 'Hold at -60 mV until cell voltage 100 mV', stepDone: 0.0123, stepTarget: Infinity, stepUnit: 'mAh/cm2', first_passage_exits: 412_000,
  };
  assert.equal(progressText(hold), 'Hold at -60 mV until cell voltage 100 mV: until its cut-off (0.0123 mAh/cm2 so far), 3.14 M events + 412,000 first-passage exits');
  assert.equal(countText(999_999), '999,999');
  assert.equal(countText(1_000_000), '1 M');
  assert.equal(countText(12_345_678), '12.3 M');
  // one step: no "step 1/1"; no exits: none said; one event: singular
  assert.equal(progressText({ ...hold, first_passage_exits: 0, events: 1 }), 'Hold at -60 mV until cell voltage 100 mV: until its cut-off (0.0123 mAh/cm2 so far), 1 event');
});

// mends81 (review67: the line gave a step's furthest charge, 0.00009 of 0.01 mAh/cm2, while the table and steps.csv give
// its net, 6.5e-5 mAh/cm2 at the end: the run read less at its end than the line had shown, with no word which is which)
test('progress line: a galvanostatic step whose box ran back from its furthest charge says both, "at its furthest, net ... now"; equal, the line as before', () => {
  const plate: Parameters<typeof progressText>[0] = {
    step: 0, steps: 1, fraction: 0.009, stepFraction: 0.009, events: 437_952,
    stepText: 'Plate 0.01 mAh/cm2 at 1 mA/cm2', stepDone: 0.00009, stepTarget: 0.01, stepUnit: 'mAh/cm2', stepNet: 0.00006545,
  };
  assert.equal(progressText(plate), 'Plate 0.01 mAh/cm2 at 1 mA/cm2: 0.9 % (0.00009 of 0.01 mAh/cm2 at its furthest, net 0.0000655 now), 437,952 events');
  assert.equal(progressText({ ...plate, stepNet: 0.00009 }), 'Plate 0.01 mAh/cm2 at 1 mA/cm2: 0.9 % (0.00009 of 0.01 mAh/cm2), 437,952 events');
  // a rest's seconds have no net
  assert.equal(progressText({ ...plate, stepText: 'Rest for 1 s', stepDone: 0.5, stepTarget: 1, stepFraction: 0.5, stepUnit: 's', stepNet: 0.1 }), 'Rest for 1 s: 50.0 % (0.5 of 1 s), 437,952 events');
});

// From audit-cli (session 10, branch `audit`: the end-to-end audit of the user commands); failed before its fix.
test('simulate progress of an ion-walker run (no overpotential modelled) says so, "eta not modelled (ion walkers)": not "eta NaN mV", nor "eta - mV" (until branch libapi3)', async () => {
  await inTempDir('progress-line', async (dir) => {
    const file = join(dir, 'walkers.yaml');
    writeFileSync(file, 'metal: Li\nhost: Cu\nlattice: { size: [12, 12, 24], voxel: 0.3 nm }\nelectrolyte: LiPF6-EC-DMC\ncell: { transport: walkers, separator_distance: 5 nm }\nprotocol:\n  - Plate 0.0001 mAh/cm2 at 1 mA/cm2\nseed: 1\n');
    const r = await cli(['simulate', file, '--no-store', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^simulate: .*events\/s, eta not modelled \(ion walkers\)(, time left unknown|, about \d+ (s|min) left)?$/m, r.stderr);
    assert.doesNotMatch(r.stderr, /eta - mV/);
    // the line says the step and how far it is: its charge against the step's (the walkers' arrivals; progress.ts)
    assert.match(r.stderr, /^simulate: Plate 0\.0001 mAh\/cm2 at 1 mA\/cm2: \d+\.\d % \([0-9.e-]+ of [0-9.e-]+ mAh\/cm2\), [0-9,]+ events?; /m, r.stderr);
    assert.doesNotMatch(r.stderr, /NaN/);
  });
});

// From loose7 (session 19, task loose7: the workbench / sweeps / cycler audit); failed on the code before its fix.
test('the sweep progress bar on a terminal has no empty field: a pool sweep (no extra text) shows no "| |"; a queue sweep shows its counts', () => {
  const bars: string[] = [];
  for (const extra of [undefined, '1 running, 2 waiting']) {
    let text = '';
    // a terminal as cli-progress sees one (readline writes its cursor moves through write too)
    const tty = { isTTY: true, columns: 120, write: (s: string, cb?: () => void) => { text += s; cb?.(); return true; } } as unknown as NodeJS.WriteStream;
    const bar = taskProgress('demo', 4, tty);
    bar.update(1, extra);
    bar.stop();
    bars.push(text);
  }
  assert.match(bars[0]!, /demo \[[^\]]*\] 1\/4 tasks \| ETA/);
  assert.doesNotMatch(bars[0]!, /\|\s*\|/);
  assert.match(bars[1]!, /1\/4 tasks \| 1 running, 2 waiting \| ETA/);
});

// From loose7 (session 19, task loose7: the workbench / sweeps / cycler audit); failed on the code before its fix.
test('the sweep progress line off a terminal says the time left at the mean time per task so far (session 22: it said the count only)', () => {
  let text = '', t = 1_000_000;
  const log = { isTTY: false, write: (s: string) => { text += s; return true; } } as unknown as NodeJS.WriteStream;
  const bar = taskProgress('demo', 4, log, () => t);
  t += 60_000; bar.update(1);          // one task in 60 s: three more, about 3 min
  t += 1_000; bar.update(1);           // within 2 s of the last line: none
  t += 29_000; bar.update(2);          // two in 90 s: two more, 90 s, said as about 2 min
  t += 10_000; bar.update(4);          // done: no time left
  bar.stop();
  assert.equal(text, 'demo: 1/4 tasks, about 3 min left\ndemo: 2/4 tasks, about 2 min left\ndemo: 4/4 tasks\n');
});

// From review42 (session 39): a SAC box read with scaled-rates runs millions of flicker events with its charge still; the bar said "ETA INFs".
test('a progress bar whose charge (or task count) stands still while events go on says "ETA unknown", not "ETA INFs" or "ETA NULLs"', () => {
  const tty = (sink: { text: string }) => ({ isTTY: true, columns: 400, write: (x: string, cb?: () => void) => { sink.text += x; cb?.(); return true; } }) as unknown as NodeJS.WriteStream;
  const wait = () => { const t = Date.now(); while (Date.now() - t < 2); }; // the bar's ETA reads the time between updates
  const p: ProgressInfo = {
    step: 0, steps: 1, fraction: 0.3, stepFraction: 0.3, events: 1_000, stepText: 'Plate 0.002 mAh/cm2 at 1 mA/cm2', stepDone: 0.0006, stepTarget: 0.002,
    stepUnit: 'mAh/cm2', first_passage_exits: 0, charge_C_per_cm2: 2.16e-3, overpotential_mV: 50, events_per_s: 5e5,
  } as ProgressInfo;
  const sim = { text: '' };
  const bar = progressBar('simulate', tty(sim));
  bar.update(p);
  for (let i = 1; i <= 12; i++) { wait(); bar.update({ ...p, events: 1_000 + i * 200_000 }); } // more than the bar's ETA buffer (10 updates)
  bar.stop();
  const last = sim.text.split('\u001b[1G').at(-1)!;
  assert.match(last, /\| ETA unknown \| Plate/, JSON.stringify(last));
  const sweep = { text: '' };
  const tasks = taskProgress('demo', 4, tty(sweep));
  for (let i = 0; i < 12; i++) { wait(); tasks.update(1); }
  tasks.stop();
  assert.match(sweep.text.split('\u001b[1G').at(-1)!, /1\/4 tasks \| ETA unknown/, JSON.stringify(sweep.text.split('\u001b[1G').at(-1)));
  assert.doesNotMatch(sim.text + sweep.text, /INFs|NULLs/);
});

// review62: a field run on small cells (`cell.field_cell: 250 nm` on 50 nm voxels) spends most of its time in the
// electrolyte field (fieldspeed: 93-94 % of 88-311 s), and its progress line said only "1,130 events/s": nothing told
// the user where the minutes went, or which setting moves them
test('progress of an electrolyte-field run reports the share of the wall time in the field, and the line says it where it is most of the time', () => {
  const run = (lyte: boolean) => parseRunInput({
    metal: 'Li', lattice: { size: [4, 4, 12], voxel: '100 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.01 mAh/cm2 at 10 mA/cm2'], seed: 1, output: { snapshots: false },
    ...(lyte ? { electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '50 um', field_cell: '100 nm' } } : {}),
  });
  const sim = new Simulation(run(true));
  const ps: ProgressInfo[] = [];
  sim.runAll({ chunk: 20, onProgress: (p) => ps.push({ ...p }) });
  assert.ok(ps.length >= 3, `${ps.length} reports`);
  for (const p of ps) assert.ok(typeof p.field_share === 'number' && p.field_share >= 0 && p.field_share <= 1, JSON.stringify(p.field_share));
  // the field's time over the reports' windows is the field's time in the run (fields/transport.ts fieldWall_ms)
  assert.ok(ps.some((p) => p.field_share! > 0), 'the field took time in some window');
  assert.ok(sim.transport!.fieldWall_ms > 0);
  // no electrolyte: no share
  const plain = new Simulation(run(false));
  const qs: ProgressInfo[] = [];
  plain.runAll({ chunk: 20, onProgress: (p) => qs.push({ ...p }) });
  assert.ok(qs.length >= 1 && qs.every((p) => p.field_share === undefined));
  // the line: the share where the field takes half the time or more, with the setting that sets its cells
  const p = { ...ps.at(-1)!, events_per_s: 1130, field_settle_share: 0, rejected_share: 0 }; // fieldcost2: the shares it adds set apart (their own test)
  assert.equal(rateText({ ...p, field_share: 0.94 }), '1,130 events/s, 94 % of the wall time in the electrolyte field (cell.field_cell sets its cells: docs/transport.md, "Grid")');
  assert.equal(rateText({ ...p, field_share: 0.3 }), '1,130 events/s');
  assert.equal(rateText({ ...p, field_share: undefined }), '1,130 events/s');
  let text = '';
  const stream = { isTTY: false, columns: 400, write: (x: string, cb?: () => void) => { text += x; cb?.(); return true; } } as unknown as NodeJS.WriteStream;
  const bar = progressBar('simulate', stream);
  bar.update({ ...p, field_share: 0.94 });
  bar.stop();
  assert.ok(text.includes('94 % of the wall time in the electrolyte field'), text);
});

test('simulate\'s progress line (stderr not a terminal: a log file) says the time left in the sweep\'s words, unknown until the run has moved (mends80: none; the bar had its ETA)', () => {
  let text = '', t = 0;
  const stream = { isTTY: false, columns: 400, write: (x: string, cb?: () => void) => { text += x; cb?.(); return true; } } as unknown as NodeJS.WriteStream;
  const bar = progressBar('simulate', stream, { now: () => t });
  const p = (fraction: number): ProgressInfo => ({
    step: 0, steps: 2, fraction, stepFraction: fraction, events: 1000, events_per_s: 500, charge_C_per_cm2: 0, overpotential_mV: 60,
    stepText: 'Plate 0.001 mAh/cm2 at 1 mA/cm2', stepDone: fraction * 0.001, stepTarget: 0.001, stepUnit: 'mAh/cm2', first_passage_exits: 0,
  });
  const lines = (): string[] => text.trim().split('\n');
  // a resumed run starts part way (0.1): the pace is taken from its first report on
  bar.update(p(0.1));
  assert.match(lines().at(-1)!, /, eta 60\.0 mV, time left unknown$/);
  t = 10_000; bar.update(p(0.3)); // 0.2 of the run in 10 s: 0.7 left at 0.02 a second is 35 s
  assert.match(lines().at(-1)!, /, eta 60\.0 mV, about 35 s left$/);
  t = 11_000; bar.update(p(0.32)); // within 2 s of the last line: none written
  assert.equal(lines().length, 2);
  t = 20_000; bar.update(p(0.5)); // 0.4 in 20 s: 0.5 left is 25 s
  assert.match(lines().at(-1)!, /about 25 s left$/);
  t = 600_000; bar.update(p(0.52)); // 0.42 in 600 s: 0.48 left is 686 s, 11 min
  assert.match(lines().at(-1)!, /about 11 min left$/);
  // a run that has not moved since its first report (a SAC box's flickers) says unknown, as the bar does
  let still = '';
  t = 0;
  const bar2 = progressBar('simulate', { ...stream, write: (x: string) => { still += x; return true; } } as unknown as NodeJS.WriteStream, { now: () => t });
  bar2.update(p(0.4));
  t = 5000; bar2.update(p(0.4));
  assert.match(still.trim().split('\n').at(-1)!, /time left unknown$/);
  // the sweep's lines keep their words
  let sw = '', ts = 0;
  const tp = taskProgress('sweep', 8, { isTTY: false, write: (x: string) => { sw += x; return true; } } as unknown as NodeJS.WriteStream, () => ts);
  ts = 4000; tp.update(2);
  assert.match(sw, /^sweep: 2\/8 tasks, about 12 s left\n$/);
});

// startcost: the lines' counts (progress, rate, the summary's work) are written without toLocaleString, whose first call
// in a thread sets up ICU's number formatting (about 20 ms of CPU a CLI run): the same text as toLocaleString('en')
test('groupedCount writes a count as toLocaleString("en") does: whole numbers at each length, and the rest handed to it', () => {
  const xs = [0, 1, 9, 10, 999, 1000, 1001, 12400, 57800, 666529, 999999, 1000000, 2 ** 31, Number.MAX_SAFE_INTEGER, -0, -5, 0.5, 1234.5678, 2 ** 60, NaN, Infinity];
  for (let d = 1; d <= 16; d++) xs.push(10 ** (d - 1) + d, 10 ** d - 1);
  for (const x of xs) assert.equal(groupedCount(x), x.toLocaleString('en'), String(x));
  assert.equal(countText(57800), (57800).toLocaleString('en'));
});

// fieldcost2 (fieldcost's leftover): the line said where the time goes as `cell.field_cell` whatever took the field's time
// (fieldcost's SEI run: 94-100 % of the wall in the field, nearly all of it settle, cells below zero in liquid with no
// salt left), and nothing where the time went to rejected draws (a run whose sites are out of salt: 8 x 8 x 64 voxels of
// li-transport, seed 3, 768 M events, 98 % of them draws at cells with no salt). Now a report carries the field's time in
// settle and the share of rejected draws, and the line says each where it is large. li-transport's plate in 4 x 4 x 24
// voxels (box_full at about 0.15 mAh/cm2, nearly every event past Sand's time a rejected draw).
test('fieldcost2: the progress line says the field\'s share in settle and the share of rejected draws where they are large', () => {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [4, 4, 24], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
    cell: { diffusion_layer: '50 um', field_cell: '100 nm' }, protocol: ['Plate 0.2 mAh/cm2 at 150 mA/cm2'], seed: 1, output: { snapshots: false },
  }));
  const ps: ProgressInfo[] = [];
  sim.runAll({ chunk: 2000, onProgress: (p) => ps.push({ ...p }) });
  assert.ok(ps.length >= 3, `${ps.length} reports`);
  let prev = 0, rejected = 0;
  for (const p of ps) {
    for (const k of ['field_settle_share', 'rejected_share'] as const) assert.ok(typeof p[k] === 'number' && p[k]! >= 0 && p[k]! <= 1, `${k}: ${p[k]}`);
    rejected += p.rejected_share! * (p.events - prev);
    prev = p.events;
  }
  // the windows' shares add up to the rejected draws the thinning counted up to the last report
  assert.ok(rejected > 0.5 * prev && rejected <= sim.transport!.rejected + 1e-6, `${rejected} rejected in the windows, ${sim.transport!.rejected} in the run`);
  const late = ps.filter((p) => p.rejected_share! >= 0.9);
  assert.ok(late.length > 0, 'some window was mostly rejected draws');
  const q = { ...late.at(-1)!, events_per_s: 1130, field_share: 0.94, field_settle_share: 0.8, rejected_share: 0.995 };
  assert.equal(rateText(q), '1,130 events/s, 94 % of the wall time in the electrolyte field (cell.field_cell sets its cells: docs/transport.md, "Grid"; 80 % of it giving cells below zero the salt reductions took, the liquid at the reduction sites running out of salt: docs/transport.md, "A reduction\'s salt"), 99.5 % of the events rejected draws (reductions drawn where the liquid holds little or no salt: docs/transport.md, "Rejected draws")');
  assert.match(rateText({ ...q, rejected_share: 1 - 5e-5 }), /, all but 0\.005 % of the events rejected draws/);
  assert.equal(rateText({ ...q, field_share: 0.3, field_settle_share: 0.9, rejected_share: 0.5 }), '1,130 events/s');
});

// mends64 (review64): a run whose protocol plates more than the box holds was warned about at once, and its line then
// counted the whole protocol's time ("about 1204 min left") where a plate ends box_full after about 1 % of it
test('simulate\'s progress line of a run its input warnings say overfills the box says its time left is the whole protocol\'s, which a plate that ends box_full cuts short; other runs\' lines as before', () => {
  let text = '', t = 0;
  const stream = { isTTY: false, columns: 400, write: (x: string) => { text += x; return true; } } as unknown as NodeJS.WriteStream;
  const p = (fraction: number): ProgressInfo => ({
    step: 0, steps: 2, fraction, stepFraction: fraction, events: 1000, events_per_s: 500, charge_C_per_cm2: 0, overpotential_mV: 60,
    stepText: 'Plate 4 mAh/cm2 at 1 mA/cm2', stepDone: fraction * 4, stepTarget: 4, stepUnit: 'mAh/cm2', first_passage_exits: 0,
  });
  const bar = progressBar('simulate', stream, { now: () => t, boxFills: true });
  bar.update(p(0.1));
  assert.match(text.trim().split('\n').at(-1)!, /, time left unknown$/);
  t = 10_000; bar.update(p(0.3));
  assert.match(text.trim().split('\n').at(-1)!, /, about 35 s left for the whole protocol, less where a plate ends box_full \(the box holds less than it plates: the warning above\)$/);
});

// audit69b: on a terminal `sweep` drew `a69b-tty [░░░...] 0/4 tasks | ETA 0s` for as long as its first task ran (cli-progress
// starts its estimate at the text '0' until a second value comes); so did the seeds' and simulate's bars at their start.
test('a progress bar before its first update says "ETA unknown", not "ETA 0s"; a finished one says 0s (audit69b)', () => {
  const tty = (sink: { text: string }) => ({ isTTY: true, columns: 400, write: (x: string, cb?: () => void) => { sink.text += x; cb?.(); return true; } }) as unknown as NodeJS.WriteStream;
  const started = { text: '' };
  const bar = taskProgress('demo', 4, tty(started));
  bar.stop();
  assert.match(started.text, /0\/4 tasks \| ETA unknown/, JSON.stringify(started.text));
  assert.doesNotMatch(started.text, /ETA 0s/);
  const done = { text: '' };
  const bar2 = taskProgress('demo', 2, tty(done));
  bar2.update(1); bar2.update(2); bar2.stop();
  assert.match(done.text, /2\/2 tasks \| ETA 0s/, JSON.stringify(done.text));
});
