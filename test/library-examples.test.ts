/**
 * docs/api.md's examples (examples/library/*.mjs) run as written, in this process, and what each
 * prints is what the library itself gives: the same run again (simulate, progress, a cancelled and
 * resumed run against the uninterrupted one), the same store's cached data asked again (nucleation,
 * screen: the same numbers), the cycler file analysed again; the comparison's and the sweep's cases
 * simulated here, the evidence base's records, lifetimes, scores and capacity from the evidence modules
 * the library's calls are built on. One file, so that the package's import and the test process are
 * paid once (measured: 0.6 s of CPU each). The five examples added in session 23 cost, each run alone
 * over the file's start-up (user + sys, 2-core machine at a load of about 10): compare 1.45 s, sweep 1.1 s,
 * literature 0.8 s, elements 0.1 s, fullcell 0.1 s of CPU (compare and sweep start one worker thread each);
 * the whole file 8.9 s of CPU, 15 s of wall time. Branch libapi3 added store.mjs (it reads what compare.mjs and
 * sweep.mjs left in the store) and figures.mjs; each run alone with --test-name-pattern (user + sys, load 4-6):
 * store.mjs 2.5 s (with the compare and sweep it reads, run for it), figures.mjs 1.8 s, against 0.7 s for
 * fullcell.mjs alone (the start-up); the whole file 9.2 s of CPU, 20 s of wall time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simulate } from '../src/simulation/simulate.js';
import { nucleation } from '../src/nucleation/index.js';
import { openStore } from '../src/store/index.js';
import { runScreen } from '../src/screen/screen.js';
import { analyzeFile } from '../src/analysis/report.js';
import { EXAMPLE_DB, printed, runExample } from './helpers/examples.js';
import { storedRecords } from '../src/evidence/sync.js';
import { parseRange, queryRecords } from '../src/evidence/query.js';
import { normaliseRecord } from '../src/evidence/normalise.js';
import { toBibtex } from '../src/evidence/io.js';
import { loadLiterature } from '../src/evidence/records.js';
import { getElements, sustainabilityScore } from '../src/evidence/elements.js';
import { anodeCapacity as capacityOf } from '../src/evidence/capacity.js';
import type { LitRecord } from '../src/evidence/schema.js';
import { anodeCapacity, elements, literature } from '../src/evidence/library.js';
import { InputError } from '../src/errors.js';
import { runSweep } from '../src/sweep/library.js';
import { fullCell } from '../src/fullcell/library.js';
import { closedFormDischarge } from '../src/fullcell/inventory.js';
import { compare } from '../src/batch/compare.js';
import { parseCompareInput } from '../src/input/parse.js';
import { literatureOf } from '../src/batch/table.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('library-examples');

const close = (a: number, b: number, digits: number) => Math.abs(a - b) <= 0.5 * 10 ** -digits + 1e-12;
/** What an example printed, for a later example that reads what it left in the store (store.mjs); an example runs once per process. */
const printedBy = new Map<string, string[]>();
const printedOnce = async (name: string): Promise<string[]> => printedBy.get(name) ?? await runExample(name);

test('simulate.mjs: voltage trace, nucleation overpotential, morphology and CE as simulate() gives them', async () => {
  const out = await runExample('simulate.mjs');
  const r = simulate({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [10, 10, 8], voxel: '50 nm' },
    protocol: [{ repeat: 2, steps: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'] }], seed: 1, output: { snapshots: false },
  });
  const m = r.metrics, last = r.trace.time_s.length - 1;
  assert.equal(printed(out, 'trace rows'), r.trace.time_s.length);
  assert.ok(close(printed(out, 'last cell voltage'), r.trace.cell_voltage_mV[last]!, 3));
  for (const [label, v, d] of [['nucleation overpotential', m.nucleation_overpotential_mV, 3], ['plateau overpotential', m.plateau_overpotential_mV, 3],
    ['rms roughness', m.rms_roughness_nm, 3], ['porosity', m.porosity, 4], ['average CE', m.average_ce as number, 4]] as const) {
    assert.ok(close(printed(out, label), v, d), `${label}: printed ${printed(out, label)}, simulate() ${v}`);
  }
  assert.equal(r.cycles.cycles.length, 2);
  for (const c of r.cycles.cycles) assert.ok(close(printed(out, `cycle ${c.cycle} CE`), c.ce, 4));
});

test('progress.mjs and cancel-resume.mjs: progress until the end; a run cancelled half way and resumed ends as the uninterrupted run', async () => {
  const run = { metal: 'Li', host: 'Cu', lattice: { size: [10, 10, 8], voxel: '50 nm' }, protocol: ['Plate 0.008 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: false } };
  const whole = simulate(run);
  const prog = await runExample('progress.mjs');
  assert.equal(printed(prog, 'events'), whole.metrics.events);
  const calls = printed(prog, 'progress calls');
  assert.equal(calls, Math.floor(whole.metrics.events / 1000), 'one call per 1000 events');
  assert.equal(prog.filter((l) => l.startsWith('progress: ')).length, calls);
  const res = await runExample('cancel-resume.mjs');
  assert.match(res.join('\n'), /^first part ended: cancelled after \d+ events$/m);
  assert.ok(printed(res, 'resumed at event') < whole.metrics.events);
  assert.match(res.join('\n'), /^resumed run ended: charge$/m);
  assert.equal(printed(res, 'events'), whole.metrics.events);
  assert.ok(close(printed(res, 'nucleation overpotential'), whole.metrics.nucleation_overpotential_mV, 6));
  assert.ok(close(printed(res, 'rms roughness'), whole.metrics.rms_roughness_nm, 6));
});

test('nucleation.mjs: the SAC by its numbers, as nucleation() gives it from the same store', async () => {
  const out = await runExample('nucleation.mjs');
  assert.ok(out.some((l) => /^ {2}host eta \d+ mV: /.test(l)), 'progress lines of the atomistic stage');
  const store = openStore(EXAMPLE_DB);
  try {
    const r = nucleation({
      metal: 'Li', host: 'graphene', sac: { binding_eV: -2.0, reference_eV: -1.2, element: 'Zn' }, loading: '1 wt%',
      current_A_per_m2: 10, capacity_C_per_m2: 720, atomistic: { sampler: 'mfpt', runs: 4, L: 8, target: 12, maxEvents: 5000 },
    }, store);
    assert.equal(r.atomistic?.cached, true, 'the example kept its atomistic stage in the default store');
    assert.ok(close(printed(out, 'nucleation overpotential'), r.nucleation_overpotential_mV, 3));
    assert.ok(close(printed(out, 'plateau overpotential'), r.plateau_overpotential_mV, 3));
    assert.ok(close(printed(out, 'nuclei at the peak'), r.nucleus_density_per_um2.at_peak, 3));
  } finally { store.close(); }
});

test('screen.mjs and cycler.mjs: the ranking runScreen gives from the same store; the cycles analyzeFile reads', async () => {
  const out = await runExample('screen.mjs');
  const r = await runScreen({
    name: 'library-example',
    base: { metal: 'Li', host: 'N-graphene', lattice: { size: [8, 8, 8], voxel: '50 nm' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } },
    seeds: 1,
    candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }, { name: 'Zn-N4', sacs: [{ site: 'Zn-N4', loading: '2 %' }], synthesis: { route: 'pyrolysis', temperature: '900 degC' } }],
    objectives: ['rms_roughness_nm', 'sustainability'],
  }, { threads: 1, record: false });
  const rows = out.filter((l) => / front \d+, /.test(l));
  assert.deepEqual(rows.map((l) => l.split(':')[0]), r.ranking.map((c) => c.name), 'the same order');
  for (const c of r.ranking) {
    const line = rows.find((l) => l.startsWith(`${c.name}:`))!;
    assert.equal(line, `${c.name}: front ${c.front + 1}, rms roughness ${c.values[0]!.toFixed(3)} nm, sustainability ${c.values[1]!.toFixed(3)}`);
  }
  const file = resolve('../shared/data/cycler/neware_uio.csv');
  assert.ok(existsSync(file), file);
  const cy = await runExample('cycler.mjs');
  const { report } = await analyzeFile(file, { protocol: 'fullcell', area_cm2: 1.13 });
  assert.equal(cy[0], `format: ${report.format}, ${report.rows} rows, ${report.cycles} cycles`);
  for (const c of report.fullcell!.cycles) {
    assert.ok(cy.some((l) => l.startsWith(`cycle ${c.cycle}: charge ${c.charge_mAh.toFixed(4)} mAh, discharge ${c.discharge_mAh.toFixed(4)} mAh`)), `cycle ${c.cycle}`);
  }
});

test('cycler.mjs installed from npm (no ../shared beside the package): a simulated Li||Cu eta.csv analysed as licu, as analyzeFile gives it', async () => {
  // the example in a package folder of its own, sacplate its dependency (a link to this build): ../../../shared is not there
  // (until branch pkg66 the example failed there, a FileError for node_modules/shared/data/cycler/neware_uio.csv)
  const pkgDir = join(mkdtempSync(join(tmpdir(), 'installed-')), 'my-project');
  mkdirSync(join(pkgDir, 'examples', 'library'), { recursive: true });
  mkdirSync(join(pkgDir, 'node_modules'));
  symlinkSync(resolve('.'), join(pkgDir, 'node_modules', 'sacplate'), 'dir');
  copyFileSync(resolve('examples/library/cycler.mjs'), join(pkgDir, 'examples', 'library', 'cycler.mjs'));
  assert.ok(!existsSync(join(pkgDir, '..', 'shared')));
  const saved = process.env.SACPLATE_EXAMPLE_CYCLER;
  delete process.env.SACPLATE_EXAMPLE_CYCLER;
  let out: string[];
  try { out = await runExample(join(pkgDir, 'examples', 'library', 'cycler.mjs')); } finally { if (saved !== undefined) process.env.SACPLATE_EXAMPLE_CYCLER = saved; }
  const file = /^format: .*? \((.*eta\.csv): no \.\.\/shared/.exec(out[0]!)?.[1];
  assert.ok(file && existsSync(file), out.join('\n'));
  const outDir = mkdtempSync(join(tmpdir(), 'cycler-mine-'));
  simulate({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [10, 10, 8], voxel: '50 nm' },
    protocol: [{ repeat: 2, steps: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'] }], seed: 1, output: { snapshots: false },
  }, { outDir });
  assert.equal(readFileSync(file, 'utf8'), readFileSync(join(outDir, 'eta.csv'), 'utf8'), 'the same run');
  const { report } = await analyzeFile(join(outDir, 'eta.csv'), { protocol: 'licu', area_cm2: 1 });
  assert.ok(report.licu!.cycles.length === 2);
  for (const c of report.licu!.cycles) {
    assert.ok(out.includes(`cycle ${c.cycle}: plated ${c.plated_mAh.toFixed(6)} mAh, stripped ${c.stripped_mAh.toFixed(6)} mAh, CE ${c.ce.toFixed(4)}`), `cycle ${c.cycle}:\n${out.join('\n')}`);
  }
});

test('literature.mjs: the records, the normalised lifetimes and the import as the evidence modules give them from the same store', async () => {
  const out = await runExample('literature.mjs');
  const store = openStore(EXAMPLE_DB);
  let records: LitRecord[];
  try { records = storedRecords(store); } finally { store.close(); }
  const q = { metal: 'Li', ranges: [parseRange('nucleation_overpotential=0:30')], sort: 'nucleation_overpotential' };
  const now = queryRecords(records, q);
  const mine = now.filter((r) => r.user_source);
  assert.deepEqual(mine.map((r) => r.id), ['li-my-zn-n4'], 'the imported record is in the store, found by the filters');
  const before = now.filter((r) => !r.user_source);
  assert.equal(out[0], `Li records with a nucleation overpotential of 0 to 30 mV: ${before.length} of ${records.length - 1}`);
  assert.deepEqual(out.slice(1, 1 + before.length).map((l) => l.trim().split(':')[0]), before.map((r) => r.name));
  const first = before[0]!;
  assert.ok(out.includes(`${first.name}: ${first.figures.length} figures, ${first.citations.length} citations, ${normaliseRecord(first).length} normalised lifetimes`));
  const lifetimes = queryRecords(records.filter((r) => !r.user_source), { metal: 'Li', sort: 'metal' }).flatMap((r) => normaliseRecord(r).map((n) => ({ name: r.name, ...n })));
  assert.equal(printed(out, 'normalised lifetimes'), lifetimes.length);
  for (const n of lifetimes) assert.ok(out.some((l) => l.startsWith(`  ${n.name}: ${n.lower_bound ? 'over ' : ''}${n.lifetime_h} h at `) && l.endsWith(`, ${n.distance.flag}`)), n.name);
  assert.ok(out.includes(`Li records with a nucleation overpotential of 0 to 30 mV now: ${now.length}, first ${now[0]!.name}`));
  const li = queryRecords(records, { metal: 'Li', sort: 'metal' });
  assert.equal(out.at(-1), `bibtex: ${li.length} records, ${toBibtex(li, loadLiterature().review).length} characters`);
  // a mistake names the option as the script wrote it, not the CLI's flag
  assert.throws(() => literature.list({ sacElement: 'Xx' }), (e: unknown) => e instanceof InputError && e.field === 'sacElement' && /element symbol/.test(e.message));
  assert.throws(() => literature.list({ metals: 'Li' } as never), (e: unknown) => e instanceof InputError && /^options\.metals: .*did you mean "metal"/.test(e.message));
});

test('elements.mjs: sustainability scores and the whole-anode capacity as the element and capacity modules give them', async () => {
  const out = await runExample('elements.mjs');
  const weights = { abundance: 1, price: 1, hhi: 1, toxicity: 2 };
  const scored = getElements(['Fe', 'Co', 'Ni', 'Zn', 'Pt']).map((e) => sustainabilityScore(e, weights)).sort((a, b) => b.total - a.total);
  const rows = out.filter((l) => /^[A-Z][a-z]?: sustainability /.test(l));
  assert.deepEqual(rows.map((l) => l.split(':')[0]), scored.map((s) => s.symbol), 'best first');
  for (const s of scored) assert.ok(rows.some((l) => l.startsWith(`${s.symbol}: sustainability ${s.total.toFixed(4)},`)), s.symbol);
  // 2 mg/cm2 = 0.02 kg/m2; the SAC's 1.2 wt% is a share of the host's 1.5 mg/cm2
  const a = capacityOf({ metal: 'Li', metalMass_kg_m2: 0.02, hostMass_kg_m2: 0.015, sacLoading: 0.012, collectorMass_kg_m2: 0.089 });
  assert.ok(close(printed(out, 'whole anode'), a.wholeAnode_mAh_per_g, 3));
  assert.ok(close(printed(out, 'capacity'), a.capacity_mAh_per_cm2, 5));
  assert.ok(close(printed(out, 'inactive mass'), 100 * a.inactiveFraction, 3));
  assert.throws(() => anodeCapacity({ metal: 'Li', metalMass: '-2 mg/cm2' }), (e: unknown) => e instanceof InputError && e.field === 'metalMass');
  assert.throws(() => elements(['Co'], { weights: { toxcity: 2 } as never }), (e: unknown) => e instanceof InputError && /^weights\.toxcity: .*did you mean "toxicity"/.test(e.message));
});

test('sweep.mjs: each task\'s metrics are those of the same run simulated here; the second call runs nothing', async () => {
  const out = await runExample('sweep.mjs');
  printedBy.set('sweep.mjs', out);
  const tasks = out.filter((l) => l.startsWith('task '));
  assert.equal(tasks.length, 2);
  assert.equal(out.filter((l) => l.startsWith('progress: ')).length, 2);
  assert.ok(out.includes('sweep library-sweep: 2 tasks, 2 run, 0 finished before, 0 invalid'), out.join('\n'));
  assert.ok(out.includes('second call: 0 run, 2 finished before'));
  let i = 0;
  for (const loading of ['1 %', '4 %']) {
    for (const seed of [1]) {
      const m = simulate({
        metal: 'Li', host: 'graphene', lattice: { size: [10, 10, 8], voxel: '10 nm' }, kinetics: { terraceBarrier: '0.30 eV' },
        sacs: [{ site: 'Zn-N4', loading }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false }, seed,
      }).metrics;
      assert.equal(tasks[i], `task ${i} ${JSON.stringify({ 'sacs[0].loading': loading, seed })}: done, nucleation overpotential ${m.nucleation_overpotential_mV.toFixed(3)} mV, ${m.events} events`);
      i++;
    }
  }
  await assert.rejects(runSweep('x.yaml', { treads: 2 } as never), (e: unknown) => e instanceof InputError && /^options\.treads: .*did you mean "threads"/.test(e.message));
});

test('compare.mjs: each case\'s metrics are those of its run simulated here, the review\'s figure beside it; the second call reuses every case', async () => {
  const out = await runExample('compare.mjs');
  printedBy.set('compare.mjs', out);
  const base = {
    metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' }, kinetics: { terraceBarrier: '0.30 eV' },
    protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 3, output: { snapshots: false },
  };
  const cases = parseCompareInput({ ...base, variants: [{ name: 'Cu', host: 'Cu' }, { name: 'graphene + Fe-N4', host: 'graphene', sacs: [{ site: 'Fe-N4', loading: '2 %' }] }] });
  const rows = out.filter((l) => / mV, rms roughness /.test(l));
  assert.equal(rows.length, cases.length);
  cases.forEach((c, i) => {
    const m = simulate(c.run).metrics;
    const lit = literatureOf({ name: c.name, runs: [m], run: c.run });
    assert.equal(rows[i], `${c.name}: nucleation overpotential ${m.nucleation_overpotential_mV.toFixed(3)} mV, rms roughness ${m.rms_roughness_nm.toFixed(3)} nm, ${m.events} events` +
      (lit ? `, review ${lit.value} ${lit.unit} (${lit.record})` : ''));
  });
  assert.ok(rows.some((l) => l.includes(', review ')), 'a case with the review\'s figure beside it');
  assert.ok(out.includes(`second call: ${cases.length} of ${cases.length} reused`));
  // a signal aborted before the call: the cases in the store are given back, the others named as stopped
  const more = { ...base, variants: [{ name: 'Cu', host: 'Cu' }, { name: 'Na too', metal: 'Na', host: 'Cu' }] };
  const stopped = await compare(more, { signal: AbortSignal.abort() });
  assert.equal(stopped.cancelled, true);
  assert.deepEqual(stopped.cases.map((c) => [c.name, c.reused, c.metrics.events]), [['Cu', true, simulate(cases[0]!.run).metrics.events]]);
  assert.deepEqual(stopped.stopped, ['Na too']);
  await assert.rejects(compare({ ...base, host: 'Cu' }, { outdir: 'x' } as never), (e: unknown) => e instanceof InputError && /^options\.outdir: .*did you mean "outDir"/.test(e.message));
  await assert.rejects(compare({ ...base, host: 'Cu' }, { db: false }), (e: unknown) => e instanceof InputError && e.field === 'variants');
  await assert.rejects(compare({ ...base, variants: [{ name: 'a', host: 'Cu' }, { name: 'b', host: 'graphene' }] }, { db: false, maxMemory: '4 gigs' }),
    (e: unknown) => e instanceof InputError && e.field === 'maxMemory');
});

test('fullcell.mjs: the retention at each N/P is the closed form\'s for a constant CE (LFP at 10 mg/cm2 is 1.7 mAh/cm2)', async () => {
  const out = await runExample('fullcell.mjs');
  const Qc = 10 * 0.17; // mg/cm2 x mAh/mg: LFP's 170 mAh/g
  assert.ok(out[0]!.startsWith(`cathode LFP: ${Qc.toFixed(4)} mAh/cm2, anode CE from given`), out[0]);
  for (const np of [0, 1, 2]) {
    const d1 = closedFormDischarge(Qc, np, 0.995, 1), d300 = closedFormDischarge(Qc, np, 0.995, 300);
    let c80 = 0;
    for (let n = 1; n <= 300 && c80 === 0; n++) if (closedFormDischarge(Qc, np, 0.995, n) / d1 < 0.8) c80 = n;
    assert.ok(out.includes(`N/P ${np}: first discharge ${d1.toFixed(4)} mAh/cm2, retention after cycle 300 ${(d300 / d1).toFixed(6)}, below 80 % from cycle ${c80 || 'none'}`), `N/P ${np}:\n${out.join('\n')}`);
  }
  assert.throws(() => fullCell({ cathode: 'LFP', np: 1, cycles: 300, anode: { ce: 0.995 }, cycle: 3 }), (e: unknown) => e instanceof InputError && /^cycle: .*did you mean "cycles"/.test(e.message));
});

test('store.mjs: the runs compare.mjs recorded, with the metrics it printed; sweep.mjs\'s rows; the review\'s records', async () => {
  const cmp = await printedOnce('compare.mjs'), swp = await printedOnce('sweep.mjs');
  const out = await runExample('store.mjs');
  // compare.mjs printed "Cu: nucleation overpotential X mV, rms roughness Y nm, N events, ..." per case; the store names its run "compare object [Cu]"
  const cases = cmp.map((l) => /^(.+): nucleation overpotential (\S+) mV, rms roughness \S+ nm, (\d+) events/.exec(l)).filter((m) => m !== null);
  assert.equal(cases.length, 2, cmp.join('\n'));
  for (const [, name, mV, events] of cases) assert.ok(out.includes(`compare object [${name}]: nucleation overpotential ${mV} mV, ${events} events`), `${name}:\n${out.join('\n')}`);
  assert.ok(printed(out, 'finished runs') >= 2);
  // sweep.mjs printed "task 0 {label}: done, nucleation overpotential X mV, N events" per task
  const tasks = swp.map((l) => /^task (\d+) (\{.*\}): (\w+), nucleation overpotential \S+ mV, (\d+) events$/.exec(l)).filter((m) => m !== null);
  assert.equal(tasks.length, 2, swp.join('\n'));
  assert.deepEqual(out.filter((l) => l.startsWith('library-sweep task ')), tasks.map(([, i, label, status, events]) => `library-sweep task ${i} ${label}: ${status}, ${events} events`));
  const db = openStore(EXAMPLE_DB);
  try { assert.equal(printed(out, 'literature records'), storedRecords(db).length); } finally { db.close(); }
  assert.ok(printed(out, 'literature records') >= loadLiterature().records.length, 'the review\'s records, synced in');
});

test('figures.mjs: an SVG and a PNG drawn beside each specification simulate() wrote', async () => {
  const out = await runExample('figures.mjs');
  const specs = out.find((l) => l.startsWith('specifications: '))!.slice('specifications: '.length).split(' ');
  assert.ok(specs.length >= 2 && specs.every((f) => f.endsWith('.vl.json') && existsSync(f)), out.join('\n'));
  const drawn = out.filter((l) => l.startsWith('drawn: ')).map((l) => l.split(' ')[1]!);
  assert.deepEqual(drawn.slice().sort(), specs.flatMap((f) => [f.replace(/\.vl\.json$/, '.png'), f.replace(/\.vl\.json$/, '.svg')]).sort());
  for (const f of drawn) {
    const b = readFileSync(f);
    assert.ok(out.includes(`drawn: ${f} ${b.length} bytes`));
    if (f.endsWith('.png')) assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', f);
    else assert.match(b.toString('utf8'), /^<svg[\s\S]*<\/svg>\s*$/, f);
  }
});
