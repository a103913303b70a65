/** `sacplate simulate` end to end: outputs, store record, one-line errors with exit code 2. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { simulate } from '../src/simulation/simulate.js';
import { cli as cliInProcess } from './helpers/cli.js';
import { protocolWarnings } from '../src/batch/cases.js';
import { parseRunInput } from '../src/input/parse.js';
import { depositText } from '../src/cli/work-text.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cli-sim');

const run = async (args: string[]) => { const r = await cliInProcess(args); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; }; // in-process (test/helpers/cli.ts), in the shape spawnSync returns

test('simulate writes its outputs, records the run in the store and prints metrics JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sim-'));
  const file = join(dir, 'run.yaml');
  writeFileSync(file, [
    'metal: Li', 'temperature: 25 degC', 'lattice: { size: [16, 16, 12], voxel: 10 nm }', 'host: graphene', 'kinetics: { terraceBarrier: 0.3 eV }',
    'sacs:', '  - { site: Zn-N4, loading: 3 %, arrangement: grid }', 'protocol:', '  - Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'seed: 4',
  ].join('\n'));
  const db = join(dir, 'store.db'), out = join(dir, 'out');
  // --no-figures (branch testtime10): the figures are not among the outputs checked here (engine-cli's late-SIGTERM
  // test checks a real CLI run's figures, test/figures.test.ts their content); rendering them was about 1 of this
  // file's CPU s (the first render in a process loads Vega and resvg)
  const r = await run(['simulate', file, '--out', out, '--json', '--db', db, '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  const m = JSON.parse(r.stdout);
  for (const k of ['charge_C_per_cm2', 'deposited_voxels', 'nucleation_overpotential_mV', 'mode', 'voxel_nm', 'events_per_s']) assert.ok(k in m, k);
  assert.equal(m.mode, 'mesoscale');
  for (const f of ['metrics.json', 'eta.csv', 'final.vti', 'final.extxyz', 'resolved.json']) assert.ok(existsSync(join(out, f)), f);
  assert.match(readFileSync(join(out, 'eta.csv'), 'utf8').split('\n')[0]!, /^time_s,charge_C_per_cm2,overpotential_mV/);
  const store = openStore(db);
  try {
    const runs = store.listRuns();
    assert.equal(runs.length, 1);
  } finally { store.close(); }
});

test('output.structures chooses the structure files (the extended XYZ of a 1e8-voxel run is 1.75 GB); a wrong format is one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-structures-'));
  const body = ['metal: Li', 'temperature: 25 degC', 'lattice: { size: [8, 8, 8], voxel: 10 nm }', 'host: Cu', 'kinetics: { terraceBarrier: 0.3 eV }',
    'protocol:', '  - Plate 0.0002 mAh/cm2 at 1 mA/cm2', 'seed: 2'];
  const file = join(dir, 'run.yaml'), out = join(dir, 'out');
  writeFileSync(file, [...body, 'output: { snapshots: true, structures: [vti] }'].join('\n'));
  const r = await run(['simulate', file, '--out', out, '--no-store', '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(out, 'final.vti')) && !existsSync(join(out, 'final.extxyz')), 'VTI only');
  const snaps = readdirSync(join(out, 'snapshots'));
  // the .vti snapshots and their ParaView series (snapshots.pvd), no extended XYZ
  assert.ok(snaps.length > 1 && snaps.every((f) => f.endsWith('.vti') || f === 'snapshots.pvd') && snaps.includes('snapshots.pvd'), snaps.join(', '));
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'resolved.json'), 'utf8')).output.structures, ['vti']);
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, [...body, 'output: { structures: [xyz] }'].join('\n'));
  const b = await run(['simulate', bad, '--no-store']);
  assert.equal(b.status, 2);
  assert.match(b.stderr.trim(), /^sacplate: output\.structures\[0\]: got "xyz", expected vti or extxyz$/);
});

// mends74 (review60's "found and left"): `structures: []` with snapshots on made an empty snapshots/ folder
test('output.structures: [] with snapshots on writes no structure file and leaves no empty snapshots/ folder', () => {
  // through the library's simulate() (the CLI's worker runs the same simulateResolved): the CLI's load would cost more than the run
  const out = join(mkdtempSync(join(tmpdir(), 'sacplate-structures-')), 'out');
  simulate({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: true, structures: [] } }, { outDir: out });
  const names = readdirSync(out);
  assert.ok(names.includes('metrics.json') && names.includes('eta.csv'), names.join(', '));
  assert.ok(!names.includes('snapshots'), `no snapshots/ folder: ${names.join(', ')}`);
  assert.deepEqual(names.filter((n) => n.endsWith('.vti') || n.endsWith('.extxyz')), []);
});

test('simulate: a wrong unit gives one line naming the field, exit code 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-bad-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'metal: Li\nlattice: { size: [16, 16, 12], voxel: 10 mV }\nhost: graphene\nprotocol:\n  - Plate at 1 mA/cm2 for 1 s\n');
  const r = await run(['simulate', file, '--no-store']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /lattice\.voxel/);
});

test('simulate --resume --force with no checkpoint starts over in a cleared folder: none of the previous run\'s snapshots or cycles stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-resume-force-'));
  const body = ['metal: Li', 'lattice: { size: [8, 8, 8], voxel: 10 nm }', 'host: Cu', 'seed: 3', 'output: { structures: [vti] }', 'protocol:', '  - Plate 0.00002 mAh/cm2 at 1 mA/cm2'];
  const two = join(dir, 'two.yaml'), one = join(dir, 'one.yaml');
  writeFileSync(two, [...body, '  - Strip 0.00002 mAh/cm2 at 1 mA/cm2'].join('\n'));
  writeFileSync(one, body.join('\n'));
  const out = join(dir, 'out'), fresh = join(dir, 'fresh');
  const tree = (d: string): string[] => (readdirSync(d, { recursive: true }) as string[]).sort();
  assert.equal((await run(['simulate', two, '--out', out, '--no-store', '--no-figures'])).status, 0);
  assert.ok(!existsSync(join(out, 'checkpoint.bin')) && existsSync(join(out, 'cycles.csv')), tree(out).join(' ')); // a finished two-step run
  const r = await run(['simulate', one, '--out', out, '--resume', '--force', '--no-store', '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /--resume: no checkpoint\.bin in .*: the run starts from the beginning/);
  assert.equal((await run(['simulate', one, '--out', fresh, '--no-store', '--no-figures'])).status, 0);
  assert.deepEqual(tree(out), tree(fresh)); // only the new run's files (cycles.csv and the strip step's snapshots were left)
});

/*
 * sectorcli (issue 11): `simulate --sectors <threads>` runs one trajectory on worker threads with the sector scheme
 * (docs/parallel.md, "From the CLI"); until then it was an option of runSectors only. Its outputs are the serial run's
 * files, with the serial trace's columns, and say what the sector result is: the same final lattice (hash) and
 * morphology as runSectors on the same input and seed, the trace its trace. The smallest box the scheme takes
 * (16 x 8 x 8 voxels of 50 nm, 6 voxels plated: about 0.5 CPU s with the serial run beside it).
 */
const sectorBox = ['metal: Li', 'temperature: 25 degC', 'host: Cu', 'lattice: { size: [16, 8, 8], voxel: 50 nm }', 'seed: 2'];

test('simulate --sectors 2: the serial run\'s files, whose content is runSectors\' result on the same input and seed; recorded with engine sectors', async () => {
  const { runSectors } = await import('../src/parallel/sector-run.js');
  const { readVti } = await import('../src/io/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sectors-'));
  const file = join(dir, 'run.yaml');
  writeFileSync(file, [...sectorBox, 'protocol: [Plate 0.0005 mAh/cm2 at 3 mA/cm2]'].join('\n'));
  const db = join(dir, 'store.db'), out = join(dir, 'out'), serialOut = join(dir, 'serial');
  const r = await run(['simulate', file, '--sectors', '2', '--out', out, '--db', db, '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ran on 2 threads with the sector scheme .*docs\/parallel\.md/);
  // mends61: its cycles are the scheme's synchronous cycles, which an electrochemist read as plate/strip cycles ("10 cycles")
  assert.match(r.stdout, /\(one trajectory, \d+ sector cycles: synchronous rounds of the threads, not plate\/strip cycles\)/);
  // the table's case and the figures' titles say so (review47: a figure of a sector run read as a serial run's)
  assert.match(r.stdout, /^Li on Cu \(sector run, 2 threads\) /m);
  for (const fig of ['eta_vs_time', 'cross_section']) assert.match(readFileSync(join(out, 'figures', `${fig}.vl.json`), 'utf8'), /"Li on Cu \(sector run, 2 threads\): /, fig);
  assert.match(r.stderr, /below the smallest box/, 'the scheme\'s small-box warning is printed');
  // and what to do about it is something a CLI user can do (it said "or windowEvents 1", an option no flag sets: review47)
  assert.match(r.stderr, /check with the serial engine \(sacplate simulate without --sectors\)/);
  const ref = await runSectors({ metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [16, 8, 8], voxel: '50 nm' }, seed: 2, protocol: ['Plate 0.0005 mAh/cm2 at 3 mA/cm2'] }, { threads: 2, keepLattice: true });
  const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  assert.equal(m.engine, 'sectors');
  assert.equal(m.threads, 2);
  assert.equal(m.cycles, ref.cycles);
  assert.equal(m.sector_cycles, ref.cycles, 'under a name that says whose cycles (cycles kept)');
  assert.deepEqual(m.warnings, ref.warnings);
  assert.equal(m.lattice_hash, ref.lattice_hash);
  for (const k of ['deposited_voxels', 'events', 'reductions', 'oxidations', 'rms_roughness_nm', 'nucleus_density_per_um2', 'max_height_nm', 'porosity', 'kmc_time_s'] as const) assert.equal(m[k], ref[k], k);
  assert.equal(m.peak_overpotential_mV, ref.peak_overpotential_mV);
  assert.equal(m.plateau_overpotential_mV, ref.plateau_overpotential_mV);
  // the final structure is the sector run's lattice
  const vti = readVti(join(out, 'final.vti'));
  let hash = 0x811c9dc5;
  for (const c of vti.grid.cells) hash = Math.imul(hash ^ c, 0x01000193) >>> 0;
  assert.equal(hash, ref.lattice_hash);
  assert.deepEqual([...vti.grid.cells], [...ref.cells!]);
  // the trace under the serial trace's columns: a serial run of the same file writes the same header
  const serial = await run(['simulate', file, '--out', serialOut, '--no-store', '--no-figures']);
  assert.equal(serial.status, 0, serial.stderr);
  const csv = readFileSync(join(out, 'eta.csv'), 'utf8').trim().split('\n');
  const serialCsv = readFileSync(join(serialOut, 'eta.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0], serialCsv[0]);
  const head = csv[0]!.split(',');
  const rows = csv.slice(1).map((l) => l.split(',').map(Number));
  assert.equal(rows.length, ref.trace.time_s.length);
  rows.forEach((row, i) => {
    assert.ok(Math.abs(row[head.indexOf('time_s')]! - ref.trace.time_s[i]!) <= 1e-9 * Math.abs(ref.trace.time_s[i]!), `row ${i} time`);
    assert.ok(Math.abs(row[head.indexOf('overpotential_mV')]! - ref.trace.overpotential_mV[i]!) < 1e-6, `row ${i} overpotential`);
    assert.ok(Math.abs(row[head.indexOf('kmc_time_s')]! - ref.trace.kmc_s[i]!) <= 1e-9 * Math.abs(ref.trace.kmc_s[i]!), `row ${i} kMC time`);
  });
  // the files a serial run writes for one plating step, but cycles.csv (none for one step) and the figures (--no-figures)
  const files = (d: string) => readdirSync(d, { recursive: true }).map(String).filter((f) => !f.startsWith('figures')).sort();
  assert.deepEqual(files(out), files(serialOut));
  const store = openStore(db);
  try {
    const runs = store.listRuns();
    assert.equal(runs.length, 1);
    assert.equal((runs[0]!.metrics as { engine?: string }).engine, 'sectors');
    assert.equal(runs[0]!.status, 'finished');
  } finally { store.close(); }
  // the workbench (review47): its Run and Compare pages plot a stored run's trace (GET /api/runs/:id/series), which the
  // sector run did not store (trace null: no curve), and its runs list said nothing of the engine (a serial run's row)
  const { RunService } = await import('../src/server/service.js');
  const service = new RunService({ storePath: db, concurrency: 1, writeFiles: false });
  try {
    const [row] = service.list(10);
    assert.equal(row!.engine, 'sectors', 'GET /api/runs says the engine');
    assert.equal(row!.threads, 2);
    const tr = service.series(String(row!.id))!.trace!;
    assert.ok(tr, 'the sector run\'s trace is stored');
    assert.deepEqual(tr.time_s.map((t) => +t.toPrecision(9)), rows.map((x) => +x[head.indexOf('time_s')]!.toPrecision(9)));
    assert.deepEqual(tr.overpotential_mV.map((v) => +v.toFixed(6)), rows.map((x) => +x[head.indexOf('overpotential_mV')]!.toFixed(6)));
  } finally { await service.close(); }
  // and `runs list` says which engine ran it (the runs table has no column for it)
  const list = await run(['runs', 'list', '--db', db]);
  assert.match(list.stdout, /finished +\S*run\.yaml \(sector run, 2 threads\)/);
});

test('simulate --seed N records the input it ran, seed N, on both engines (it recorded the run file\'s seed beside metrics of seed N: review47)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-seed-input-'));
  const file = join(dir, 'run.yaml'), db = join(dir, 'store.db');
  writeFileSync(file, [...sectorBox, 'protocol: [Plate 0.0001 mAh/cm2 at 3 mA/cm2]'].join('\n'));
  for (const engine of [[], ['--sectors', '2']]) {
    const r = await run(['simulate', file, '--seed', '7', '--db', db, ...engine]);
    assert.equal(r.status, 0, r.stderr);
  }
  // and each seed of --seeds (it recorded the first seed's input beside every seed's metrics until session 41)
  const r = await run(['simulate', file, '--seed', '9', '--seeds', '2', '--threads', '1', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const store = openStore(db);
  try {
    const runs = store.listRuns();
    assert.deepEqual(runs.map((x) => (x.metrics as { seed?: number }).seed).sort(), [10, 7, 7, 9]);
    for (const x of runs) {
      const seed = (x.metrics as { seed?: number }).seed;
      assert.equal((x.input as { seed?: number }).seed, seed, `${(x.metrics as { engine?: string }).engine ?? 'serial'}, seed ${seed}: the input recorded is the one that ran`);
      assert.equal((x.input as { host?: string }).host, 'Cu', 'the run file\'s own words otherwise');
    }
  } finally { store.close(); }
});

test('simulate --sectors: a step that fills the box is warned about in the serial run\'s words, with what to do (review47: "ended at box_full" alone)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sectors-full-'));
  const file = join(dir, 'full.yaml');
  // 1 mAh/cm2 on 8 voxels of height: the deposit reaches the top after about 110 voxels (about 1,400 events)
  writeFileSync(file, [...sectorBox, 'protocol: [Plate 1 mAh/cm2 at 100 mA/cm2]'].join('\n'));
  const r = await run(['simulate', file, '--sectors', '2', '--no-store']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^warning: step 1 "Plate 1 mAh\/cm2 at 100 mA\/cm2" ended early \(box_full: the deposit reached the top of the simulation box \(make lattice\.size\[2\] larger or plate less\)\) after [0-9.e-]+ mAh\/cm2 and [0-9.e-]+ s \(\d+ of 12223 voxels\)$/m);
  // the warning before the run counts the sector scheme's room: its plate ends with the deposit's top at nz - 3, one layer
  // under the serial run's (mends83: it said the serial 250 nm, 5 layers, where this run ends at 200 nm above the host)
  assert.match(r.stderr, /the box has 200 nm above its host \(4 layers of 50 nm up to 3 layers under its top, where a sector run \(--sectors\) ends box_full\)/);
});

test('simulate --sectors 1: one wording, "1 thread", in the table row and in runs list (runs list said "1 threads": review47)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sectors-one-'));
  const file = join(dir, 'one.yaml'), db = join(dir, 'store.db');
  writeFileSync(file, [...sectorBox, 'protocol: [Plate 0.0001 mAh/cm2 at 3 mA/cm2]'].join('\n'));
  const r = await run(['simulate', file, '--sectors', '1', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Li on Cu \(sector run, 1 thread\) /m);
  // one thread fits any machine: no warning about the cores (the next test)
  assert.doesNotMatch(r.stderr, /availableParallelism/);
  const list = await run(['runs', 'list', '--db', db]);
  assert.match(list.stdout, /finished +\S*one\.yaml \(sector run, 1 thread\)/);
  assert.doesNotMatch(list.stdout, /1 threads/);
});

test('simulate --sectors above the machine\'s cores warns in one line naming them (review47: --sectors 4 on 2 cores ran 2.4x slower than 2); at or below them, no warning (sectorCoresWarning; --sectors 1 above)', async () => {
  const cores = availableParallelism();
  const box = (threads: number) => ['metal: Li', 'temperature: 25 degC', 'host: Cu', `lattice: { size: [${8 * threads}, 8, 8], voxel: 50 nm }`, 'seed: 2', 'protocol: [Plate 0.0001 mAh/cm2 at 3 mA/cm2]'].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sectors-cores-'));
  const line = (t: number) => new RegExp(`^warning: --sectors ${t} runs ${t} threads on ${cores} cores? \\(os\\.availableParallelism\\(\\)\\): `, 'm');
  // one thread more than the cores (a machine of more than 7 cores would start 9+ threads for this: not run there)
  if (cores + 1 <= 8) {
    const t = cores + 1, file = join(dir, 'over.yaml');
    writeFileSync(file, box(t));
    const r = await run(['simulate', file, '--sectors', String(t), '--no-store']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, line(t));
    assert.equal(r.stderr.split('\n').filter((l) => l.includes('availableParallelism')).length, 1, r.stderr);
  }
  const { sectorCoresWarning } = await import('../src/cli/actions/sim.js');
  assert.equal(sectorCoresWarning(2, 2), undefined);
  assert.equal(sectorCoresWarning(8, 16), undefined);
  assert.match(sectorCoresWarning(4, 2)!, /^warning: --sectors 4 runs 4 threads on 2 cores \(os\.availableParallelism\(\)\): .*--sectors 2 or fewer fits this machine$/);
  assert.match(sectorCoresWarning(2, 1)!, /^warning: --sectors 2 runs 2 threads on 1 core \(os\.availableParallelism\(\)\): .*on one core the serial engine \(no --sectors\) is the faster$/);
});

test('simulate --sectors: what the scheme does not run is refused in one line naming the flag or field, before any folder is made', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sectors-no-'));
  const write = (name: string, lines: string[]) => { const f = join(dir, name); writeFileSync(f, [...sectorBox, ...lines].join('\n')); return f; };
  const ok = write('ok.yaml', ['protocol: [Plate 0.0005 mAh/cm2 at 3 mA/cm2]']);
  const vic = join(dir, 'vic.yaml');
  writeFileSync(vic, ['metal: Li', 'temperature: 25 degC', 'host: Li', 'lattice: { size: [16, 8, 16], voxel: 50 nm, terrace_width: 4, foil: vicinal }', 'seed: 2', 'protocol: [Plate 0.0005 mAh/cm2 at 3 mA/cm2]'].join('\n'));
  const cases: [string[], RegExp][] = [
    [[ok, '--sectors', '0'], /^sacplate: --sectors: got "0", expected an integer from 1/],
    [[ok, '--sectors', '2', '--seeds', '3'], /^sacplate: --seeds: got "3", expected no --seeds beside --sectors/],
    [[ok, '--sectors', '2', '--resume'], /^sacplate: --resume: .*no checkpoint/],
    [[ok, '--sectors', '2', '--checkpoint-every', '5'], /^sacplate: --checkpoint-every: got "5", expected no --checkpoint-every beside --sectors/],
    [[ok, '--sectors', '2', '--rebuild-every', '5000'], /^sacplate: --rebuild-every: /],
    [[ok, '--sectors', '2', '--threads', '2'], /^sacplate: --threads: got "2", expected no --threads beside --sectors/],
    // a box whose x is not a multiple of 2 x threads x 4 columns: the scheme's words, its option named as the flag
    [[ok, '--sectors', '4'], /^sacplate: lattice\.size\[0\]: got 16, expected a multiple of 8 voxels, at least 32 \(strips of 4 columns or more for --sectors 4\)/],
    // mends61: a current reversal is named at its step (it was "protocol: got "2 entries""): the scheme has no feedback there
    [[write('two.yaml', ['protocol: [Plate 0.0005 mAh/cm2 at 3 mA/cm2, Strip 0.0005 mAh/cm2 at 3 mA/cm2]']), '--sectors', '2'], /^sacplate: protocol\[1\]: got "Strip 0\.0005 mAh\/cm2 at 3 mA\/cm2", expected no current reversal in a sector run \(a strip after a plate\): .*serial engine \(sacplate simulate without --sectors\)/],
    [[write('cyc.yaml', ['protocol: [{ repeat: 3, steps: [Plate 0.0005 mAh/cm2 at 3 mA/cm2, Rest for 1 s, Strip at 3 mA/cm2 until 1 V] }]']), '--sectors', '2'], /^sacplate: protocol\[0\]\.steps\[2\]: got "Strip at 3 mA\/cm2 until (cell voltage )?1 V", expected no current reversal in a sector run \(a strip after a plate\)/],
    [[write('two-plates.yaml', ['protocol: [Plate 0.0005 mAh/cm2 at 3 mA/cm2, Plate 0.0005 mAh/cm2 at 1 mA/cm2]']), '--sectors', '2'], /^sacplate: protocol: got "2 entries", expected one galvanostatic plate step/],
    [[write('strip.yaml', ['protocol: [Strip 0.0005 mAh/cm2 at 3 mA/cm2]']), '--sectors', '2'], /^sacplate: protocol: /],
    [[write('pot.yaml', ['protocol: [Hold at -50 mV for 1 s]']), '--sectors', '2'], /^sacplate: protocol: /],
    [[write('pulse.yaml', ['protocol: [\'Pulse at 3 mA/cm2 for 1 ms, rest 1 ms, 0.0005 mAh/cm2\']']), '--sectors', '2'], /^sacplate: protocol\[0\]: .*without pulses/],
    [[write('cut.yaml', ['protocol: [Plate at 3 mA/cm2 for 1 s or until -2 V]']), '--sectors', '2'], /^sacplate: protocol\[0\]: .*without a voltage cut-off/],
    [[write('sei.yaml', ['protocol: [Plate 0.0005 mAh/cm2 at 3 mA/cm2]', 'sei: carbonate']), '--sectors', '2'], /^sacplate: sei: .*no `sei:` in a sector run/],
    [[write('field.yaml', ['protocol: [Plate 0.0005 mAh/cm2 at 3 mA/cm2]', 'electrolyte: LiPF6-EC-DMC']), '--sectors', '2'], /^sacplate: electrolyte: .*no `electrolyte:`/],
    [[write('est.yaml', ['protocol: [Plate 0.0005 mAh/cm2 at 3 mA/cm2]', 'electrochem: { estimator: events }']), '--sectors', '2'], /^sacplate: electrochem\.estimator: /],
    [[ok, '--sectors', '2', '--fresh'], /^sacplate: --fresh: /],
    // review47: a repeat block was "got "1 entries", expected one ... step" (one entry, and not the block named); a plate
    // ended by a cut-off alone was the generic line, not the cut-off's
    [[write('rep.yaml', ['protocol: [{ repeat: 2, steps: [Plate 0.0005 mAh/cm2 at 3 mA/cm2] }]']), '--sectors', '2'], /^sacplate: protocol\[0\]: got "\{ repeat: 2, steps: \[1 step\] \}", expected one galvanostatic plate step .*not a repeat block/],
    [[write('cutonly.yaml', ['protocol: [Plate at 3 mA/cm2 until -2 V]']), '--sectors', '2'], /^sacplate: protocol\[0\]: got "Plate at 3 mA\/cm2 until cell voltage -2 V", expected a step without a voltage cut-off/],
    // the vicinal foil: what to write instead
    // --max-memory is the whole run's, as the default budget (half the machine over the threads): each thread builds the
    // whole box (16 x 8 x 8: 28,160 bytes reckoned, 56,320 on 2 threads). It was held against one box (review47)
    [[ok, '--sectors', '2', '--max-memory', '40 kB'], /^sacplate: lattice\.size: got \[16,8,8\], expected a box whose run fits in 0\.0200 MB of memory \(--max-memory 40 kB over the 2 threads of --sectors 2, each of which builds the whole box\)/],
    [[vic, '--sectors', '2'], /^sacplate: lattice\.foil: got "vicinal", expected .*`foil: stepped`/],
  ];
  for (const [args, words] of cases) {
    const out = join(dir, 'out');
    const r = await run(['simulate', ...args, '--out', out, '--no-store']);
    assert.equal(r.status, 2, `${args.slice(1).join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, words, args.join(' '));
    assert.ok(!existsSync(out), `${args.slice(1).join(' ')}: the --out folder was made`);
  }
});

test('simulate says before the run that a Hold at 0.5 V holds the working electrode\'s overpotential, not the cell voltage (mends65; --seeds says it through compare\'s path, the next test)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hold-warn-'));
  const file = join(dir, 'hold.yaml');
  // a stripping hold on bare Cu: nothing to strip, the step ends at once
  writeFileSync(file, ['metal: Li', 'temperature: 25 degC', 'lattice: { size: [8, 8, 8], voxel: 10 nm }', 'host: Cu', 'protocol: [Hold at 0.5 V for 1 s]', 'seed: 1'].join('\n'));
  const line = /^warning: protocol\[0\] "Hold at 0\.5 V for 1 s" holds the working electrode's overpotential at \+500 mV against the metal, not a cell voltage of 500 mV: a stripping hold /m;
  const r = await run(['simulate', file, '--no-store']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, line);
  assert.equal(r.stderr.match(new RegExp(line.source, 'gm'))!.length, 1, 'said once');
});

test('compare says the same before its runs, each case named when their protocols differ (mends65)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hold-warn-cmp-'));
  const file = join(dir, 'cmp.yaml');
  writeFileSync(file, ['metal: Li', 'temperature: 25 degC', 'lattice: { size: [8, 8, 8], voxel: 10 nm }', 'host: Cu', 'protocol: [Hold at 0.5 V for 1 s]', 'seed: 1',
    'variants:', '  - { name: strip }', '  - { name: rest, protocol: [Rest for 1e-6 s] }'].join('\n'));
  const r = await run(['compare', file, '--no-store', '--threads', '1']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^warning: strip: protocol\[0\] "Hold at 0\.5 V for 1 s" holds the working electrode's overpotential at \+500 mV against the metal, not a cell voltage of 500 mV: /m);
  assert.doesNotMatch(r.stderr, /warning: rest:/);
});

test('compare says a line several of its variants share once, naming them (review61: once per variant, each with its name); a line of every variant without names', () => {
  const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', electrolyte: 'LiTFSI-DOL-DME', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 1 };
  const item = (name: string, extra: Record<string, unknown>) => ({ name, run: parseRunInput({ ...base, ...extra }) });
  const pair = /^warning: a, b: electrolyte LiTFSI-DOL-DME with sei: carbonate: the carbonate SEI set is of LiPF6-EC-DMC, LiPF6-EC-EMC, not of LiTFSI-DOL-DME; /;
  // a and b the same mismatched pair, c its own electrolyte's set: the pair's warning once, for a and b
  const three = protocolWarnings([item('a', { sei: 'carbonate' }), item('b', { sei: 'carbonate' }), item('c', { sei: 'ether' })]);
  assert.equal(three.length, 1, three.join('\n'));
  assert.match(three[0]!, pair);
  // every variant has the pair, one a Hold at 0.5 V too: the pair's line as simulate says it, the hold's with its variant
  const hold = protocolWarnings([item('a', { sei: 'carbonate', protocol: ['Hold at 0.5 V for 1 s'] }), item('b', { sei: 'carbonate' })]);
  assert.equal(hold.length, 2, hold.join('\n'));
  assert.match(hold[0]!, /^warning: a: protocol\[0\] "Hold at 0\.5 V for 1 s" holds the working electrode's overpotential/);
  assert.match(hold[1]!, /^warning: electrolyte LiTFSI-DOL-DME with sei: carbonate: /);
  // the note of an electrolyte without sei:, for the variants without it
  const note = protocolWarnings([item('x', {}), item('y', { sei: 'ether' }), item('z', {})]);
  assert.deepEqual(note.map((w) => w.slice(0, 64)), ['note: x, z: electrolyte LiTFSI-DOL-DME without sei: no SEI forms']);
});

// mends78 (review62: no way to cut a run part way from the CLI but Ctrl-C; the library's runAll had eventLimit)
test('simulate --max-events N stops the run after N events, says so, and its outputs are of that part; a bad value or --seeds beside it is one line naming the flag', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-maxev-'));
  const file = join(d, 'two.yaml');
  writeFileSync(file, 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2, Rest for 1 s]\noutput: { snapshots: false }\n');
  for (const bad of ['0', '-3', '1.5', 'ten']) {
    const r = await run(['simulate', file, '--no-store', '--max-events', bad]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^sacplate: --max-events: got "${bad.replace('.', '\\.')}", expected an integer >= 1`, 'm'));
  }
  const seeds = await run(['simulate', file, '--no-store', '--seeds', '2', '--max-events', '50']);
  assert.equal(seeds.status, 2);
  assert.match(seeds.stderr, /^sacplate: --max-events: got "50", expected a single run \(no --seeds n, n >= 2\)/m);
  const out = join(d, 'out');
  const r = await run(['simulate', file, '--no-store', '--no-figures', '--out', out, '--max-events', '50']);
  assert.equal(r.status, 0, r.stderr);
  const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
  assert.equal(m.events, 50);
  assert.deepEqual(m.steps_ended, ['event_limit']);
  assert.match(r.stderr, /^stopped at the event limit: --max-events 50 reached in step 1 "Plate 0\.00005 mAh\/cm2 at 1 mA\/cm2" after 50 events \(t = [0-9.e+-]+ s\); the run stopped there \(no later step ran\) and its outputs are of the part it ran; to run the step to its end give a larger --max-events or none, plate less, or use a box of fewer, larger voxels \(lattice\.voxel 100 nm: mesoscale\); checkpoint kept: .*checkpoint\.bin \(continue with --resume, with a larger --max-events or none\)$/m);
  // mends65b: what to change (above: 50 events plated nothing, so no share or guess; the step's warning says the limit)
  assert.match(r.stderr, /^warning: step 1 "Plate 0\.00005 mAh\/cm2 at 1 mA\/cm2" ended early \(event_limit: the run's event limit was reached: simulate --max-events, the library's eventLimit\) after .*; to run it to its end: a larger limit, less charge in the step, or a box of fewer, larger voxels/m);
  // the plate alone takes more events than that: it did not reach its charge (steps_ended above), the rest did not run
  // the library's option, checked as the flag
  assert.throws(() => simulate(parseRunInput({ metal: 'Na', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'] }), { eventLimit: 0 }), /^InputError: eventLimit: got 0, expected an integer >= 1/);
});

// mends83 (review67: a plain --max-events run kept no checkpoint, "none asked for": a run stopped at an event limit could
// only be run again from the start)
test('simulate --max-events N with --out keeps a checkpoint where it stopped, without --checkpoint-every, and --resume goes on from it as one run to the larger limit', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-maxev-plain-'));
  const file = join(d, 'run.yaml'), out = join(d, 'out');
  writeFileSync(file, 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.0002 mAh/cm2 at 1 mA/cm2]\nseed: 3\noutput: { snapshots: false }\n');
  const r = await run(['simulate', file, '--out', out, '--max-events', '40', '--no-store', '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(out, 'checkpoint.bin')), 'a checkpoint kept at the event limit');
  assert.match(r.stderr, /after 40 events .*; checkpoint kept: .*checkpoint\.bin \(continue with --resume, with a larger --max-events or none\)$/m);
  // going on from it (as --resume does: the library's run, in this thread) is the run to 90 events in one go
  const more = simulate(file, { outDir: out, resume: true, eventLimit: 90 });
  assert.ok(more.resumed);
  const whole = simulate(file, { eventLimit: 90 });
  assert.equal(more.metrics.events, 90);
  assert.deepEqual(more.trace, whole.trace);
  assert.deepEqual(Array.from(more.grid.codes), Array.from(whole.grid.codes));
});

// review71: the refusals of a resume (a limit the checkpoint is past, another seed, another rebuild interval) were made in
// the run's worker, after the store had recorded the run: each left a "failed" run with no outputs in `runs list` and on
// the Compare page
test('simulate --resume refused (--max-events the checkpoint is past, another --seed or --rebuild-every) records no run in the store and keeps the checkpoint', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-resume-store-'));
  const file = join(d, 'run.yaml'), out = join(d, 'out'), db = join(d, 'store.db');
  writeFileSync(file, 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.0002 mAh/cm2 at 1 mA/cm2]\nseed: 3\noutput: { snapshots: false }\n');
  const first = await run(['simulate', file, '--out', out, '--max-events', '40', '--db', db, '--no-figures']);
  assert.equal(first.status, 0, first.stderr);
  const ck = join(out, 'checkpoint.bin'), bytes = readFileSync(ck);
  const runsNow = () => { const st = openStore(db); try { return st.listRuns().map((x) => x.status); } finally { st.close(); } };
  assert.deepEqual(runsNow(), ['cancelled']); // stopped at its event limit (mends86: it read finished)
  for (const [flags, line] of [
    [['--max-events', '30'], /^sacplate: --max-events: got 30, expected more events than the 40 the checkpoint .*checkpoint\.bin had run .*the checkpoint is kept/],
    [['--seed', '4'], /^sacplate: --resume: got ".*checkpoint\.bin", expected a checkpoint of the same run file and seed \(this one was written for seed 3, not 4\)$/],
    [['--rebuild-every', '5000'], /^sacplate: --rebuild-every: got 5000, expected the checkpoint's own interval, \d+ events, or none/],
  ] as const) {
    const r = await run(['simulate', file, '--out', out, '--resume', ...flags, '--db', db, '--no-figures']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr.trim(), line);
    assert.deepEqual(readFileSync(ck), bytes, 'checkpoint kept as it was');
  }
  assert.deepEqual(runsNow(), ['cancelled'], 'no run recorded for a refused resume');
});

// mends86 (review71: a run stopped at --max-events read `finished` in `runs list` and on the Compare page, though it
// stopped part way with its checkpoint kept for --resume): it is stored as a Ctrl-C'd run is, cancelled, and runs list
// says why; the resumed run that ends by itself is finished
test('simulate --max-events: the run stopped at its limit is stored cancelled, as a Ctrl-C\'d run, and runs list says "cancelled (event limit)"; its resume to the end is finished', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-maxev-state-'));
  const file = join(d, 'run.yaml'), out = join(d, 'out'), db = join(d, 'store.db');
  writeFileSync(file, 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.00003 mAh/cm2 at 1 mA/cm2]\nseed: 3\noutput: { snapshots: false }\n');
  const first = await run(['simulate', file, '--out', out, '--max-events', '20', '--db', db, '--no-figures']);
  assert.equal(first.status, 0, first.stderr);
  const statuses = () => { const st = openStore(db); try { return st.listRuns().map((x) => x.status); } finally { st.close(); } };
  assert.deepEqual(statuses(), ['cancelled']);
  const list = await run(['runs', 'list', '--db', db]);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, / cancelled \(event limit\) /);
  const more = await run(['simulate', file, '--out', out, '--resume', '--db', db, '--no-figures']);
  assert.equal(more.status, 0, more.stderr);
  assert.deepEqual(statuses(), ['finished', 'cancelled']);
  const again = await run(['runs', 'list', '--db', db]);
  assert.match(again.stdout, / finished /);
  assert.equal((again.stdout.match(/event limit/g) ?? []).length, 1);
});

// mends86 (review71: fix 1 read the checkpoint's header alone, so a corrupt engine section, SHA-256 mismatch, was still
// found in the run's worker after the store had recorded the run: a failed run with no outputs)
test('simulate --resume from a checkpoint whose engine state is corrupt is one line, exit 2, and records no run in the store', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-resume-corrupt-'));
  const file = join(d, 'run.yaml'), out = join(d, 'out'), db = join(d, 'store.db');
  writeFileSync(file, 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.0002 mAh/cm2 at 1 mA/cm2]\nseed: 3\noutput: { snapshots: false }\n');
  const first = await run(['simulate', file, '--out', out, '--max-events', '20', '--db', db, '--no-figures']);
  assert.equal(first.status, 0, first.stderr);
  const ck = join(out, 'checkpoint.bin'), bytes = readFileSync(ck);
  bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff; // a byte of the deflated engine state, after the header
  writeFileSync(ck, bytes);
  const runsNow = () => { const st = openStore(db); try { return st.listRuns().length; } finally { st.close(); } };
  assert.equal(runsNow(), 1);
  const r = await run(['simulate', file, '--out', out, '--resume', '--db', db, '--no-figures']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr.trim(), /^sacplate: .*checkpoint\.bin.*does not match its SHA-256 \(corrupt file\)$/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.equal(runsNow(), 1, 'no run recorded for a refused resume');
});

// review65: `--resume --max-events N` from a checkpoint already past N events ran one more event, said "--max-events 1000
// reached ... after 1800002 events" and, the run counting as finished, deleted the checkpoint (1.8 M events of work lost)
test('simulate --resume --max-events N from a checkpoint at N events or more is one line naming the flag and keeps the checkpoint; a larger N goes on to it', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-maxev-resume-'));
  const file = join(d, 'run.yaml'), out = join(d, 'out');
  writeFileSync(file, 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.0002 mAh/cm2 at 1 mA/cm2]\nseed: 3\noutput: { snapshots: false }\n');
  // a run cancelled at its first look after 40 events: the cancel writes the checkpoint (as Ctrl-C does)
  const signal = { aborted: false };
  const first = simulate(file, { outDir: out, checkpointEvery_s: 1e9, chunk: 40, signal: signal as unknown as AbortSignal, onProgress: (p) => { if (p.events >= 40) signal.aborted = true; } });
  assert.ok(first.steps.some((s) => s.ended === 'cancelled'), 'cancelled');
  const ck = join(out, 'checkpoint.bin');
  const at = first.metrics.events, bytes = readFileSync(ck);
  assert.ok(at >= 40 && at < 200, `checkpoint at ${at} events`);
  for (const n of [String(at), '10']) {
    const r = await run(['simulate', file, '--out', out, '--resume', '--max-events', n, '--no-store', '--no-figures']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr.trim(), new RegExp(`^sacplate: --max-events: got ${n}, expected more events than the ${at} the checkpoint .*checkpoint\\.bin had run .*the checkpoint is kept`));
    assert.deepEqual(readFileSync(ck), bytes, 'checkpoint kept as it was');
  }
  // the library's option names itself
  assert.throws(() => simulate(file, { outDir: out, resume: true, eventLimit: at }), /^InputError: eventLimit: got \d+, expected more events than the/);
  // a limit past the checkpoint stops there, as a run with that limit from the start does
  const r = await run(['simulate', file, '--out', out, '--resume', '--max-events', String(at + 30), '--no-store', '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).events, at + 30);
});

// review67: a run stopped at the event limit counted as finished and deleted its checkpoint, so `--resume --max-events N`
// removed the checkpoint it had resumed from and the run could not go on past N (nor could --checkpoint-every with
// --max-events be continued); now the state at the limit is kept, as a cancel's is, and the run goes on from it bit for bit
test('simulate --resume --max-events N keeps a checkpoint at N events, says so, and a later --resume goes on from it as one run to the larger limit', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-maxev-keep-'));
  const file = join(d, 'run.yaml'), out = join(d, 'out');
  writeFileSync(file, 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.0002 mAh/cm2 at 1 mA/cm2]\nseed: 3\noutput: { snapshots: false }\n');
  const signal = { aborted: false };
  const first = simulate(file, { outDir: out, checkpointEvery_s: 1e9, chunk: 40, signal: signal as unknown as AbortSignal, onProgress: (p) => { if (p.events >= 40) signal.aborted = true; } });
  const at = first.metrics.events;
  const ck = join(out, 'checkpoint.bin');
  const r = await run(['simulate', file, '--out', out, '--resume', '--max-events', String(at + 30), '--no-store', '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(ck), 'the checkpoint is kept at the event limit');
  // mends86 (review71: the resume line said "(step 0)" above "warning: step 1 ... ended early"): one numbering, from 1
  assert.match(r.stderr, new RegExp(`^resuming from .*checkpoint\\.bin at event ${at} \\(step 1 "Plate 0\\.0002 mAh/cm2 at 1 mA/cm2"\\)$`, 'm'));
  assert.match(r.stderr, /^warning: step 1 "Plate 0\.0002 mAh\/cm2 at 1 mA\/cm2" ended early \(event_limit/m);
  assert.match(r.stderr, new RegExp(`after ${at + 30} events .*; checkpoint kept: .*checkpoint\\.bin \\(continue with --resume, with a larger --max-events or none\\)$`, 'm'));
  // going on from it to a larger limit is the same run as one taken there in one go (from the first checkpoint's state)
  const more = simulate(file, { outDir: out, resume: true, eventLimit: at + 90 });
  assert.ok(more.resumed);
  const whole = simulate(file, { eventLimit: at + 90 });
  assert.equal(more.metrics.events, at + 90);
  assert.deepEqual(more.trace, whole.trace);
  assert.deepEqual(Array.from(more.grid.codes), Array.from(whole.grid.codes));
  // a library run with checkpoints stopped at its limit keeps one too; one without takes none
  const lib = join(d, 'lib');
  simulate(file, { outDir: lib, checkpointEvery_s: 1e9, eventLimit: 25 });
  assert.ok(existsSync(join(lib, 'checkpoint.bin')));
  const none = join(d, 'none');
  simulate(file, { outDir: none, eventLimit: 25 });
  assert.ok(!existsSync(join(none, 'checkpoint.bin')));
});

test('simulate --resume --rebuild-every X other than the checkpoint\'s interval is one line naming the flag, both values, and keeps the checkpoint; its own interval is taken', async () => {
  // mends80 (review65): the flag was taken without a word and the checkpoint's interval used (it is part of the trajectory)
  const d = mkdtempSync(join(tmpdir(), 'sacplate-rebuild-resume-'));
  const file = join(d, 'run.yaml'), out = join(d, 'out');
  writeFileSync(file, 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.0002 mAh/cm2 at 1 mA/cm2]\nseed: 3\noutput: { snapshots: false }\n');
  const signal = { aborted: false };
  // started with an interval of 5000 events (not the default, 2^21 here), cancelled at its first look after 40 events
  const first = simulate(file, { outDir: out, checkpointEvery_s: 1e9, chunk: 40, config: { rebuildEvery: 5000 }, signal: signal as unknown as AbortSignal, onProgress: (p) => { if (p.events >= 40) signal.aborted = true; } });
  assert.ok(first.steps.some((s) => s.ended === 'cancelled'), 'cancelled');
  const ck = join(out, 'checkpoint.bin'), bytes = readFileSync(ck);
  const r = await run(['simulate', file, '--out', out, '--resume', '--rebuild-every', '100000', '--no-store', '--no-figures']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr.trim(), /^sacplate: --rebuild-every: got 100000, expected the checkpoint's own interval, 5000 events, or none .*checkpoint\.bin is kept/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.deepEqual(readFileSync(ck), bytes, 'checkpoint kept as it was');
  assert.ok(!existsSync(join(out, 'metrics.json')) || JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).events === first.metrics.events, 'no outputs of a further run');
  // the library's option names itself
  assert.throws(() => simulate(file, { outDir: out, resume: true, config: { rebuildEvery: 100000 } }), /^InputError: config\.rebuildEvery: got 100000, expected the checkpoint's own interval, 5000 events/);
  // the checkpoint's own interval given again is taken: the run goes on to its end (in process: one node start less)
  const ok = simulate(file, { outDir: out, resume: true, config: { rebuildEvery: 5000 } });
  assert.equal(ok.resumed, true);
  assert.ok(!ok.steps.some((x) => x.ended === 'cancelled') && !existsSync(ck), 'finished: checkpoint removed');
});

// mends101 (review80 left it: the CLI's way to the run file's JSON Schema was `sacplate serve`): `sacplate schema` prints
// it (the package's runJsonSchema(), GET /api/schema/run's document), `--out FILE` writes it, for an editor's
// `# yaml-language-server: $schema=...` line
test('sacplate schema prints the run file\'s JSON Schema (runJsonSchema()); --out writes it; an empty --out is named (mends101)', async () => {
  const { runJsonSchema } = await import('../src/input/schema.js');
  const r = await run(['schema']);
  assert.equal(r.status, 0, r.stderr);
  const printed = JSON.parse(r.stdout) as { properties: { cell: { properties: { migration: { enum: string[] } } } } };
  assert.deepEqual(printed, JSON.parse(JSON.stringify(runJsonSchema())));
  assert.deepEqual(printed.properties.cell.properties.migration.enum, ['off', 'ohmic']);
  const file = join(mkdtempSync(join(tmpdir(), 'sacplate-schema-')), 'run.schema.json');
  const w = await run(['schema', '--out', file]);
  assert.equal(w.status, 0, w.stderr);
  assert.equal(w.stdout, '');
  assert.match(w.stderr, /wrote the run file's JSON Schema to .*run\.schema\.json/);
  assert.equal(readFileSync(file, 'utf8'), r.stdout);
  const bad = await run(['schema', '--out', ' ']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--out: got " ", expected a file path/);
});

// mends104 (review82 finding 14): cycling-symmetric's summary line read "-2 voxels, -1.636e-5 mAh/cm2", like a bug
test('simulate\'s summary line: a run that ends below its start says "net -N voxels (stripped more than plated)"; a plated run "N voxels"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-net-'));
  const file = join(dir, 'strip.yaml');
  const input = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Li', host_layers: 2, protocol: ['Strip at 1 mA/cm2 for 0.2 s'], seed: 1, output: { snapshots: false } };
  writeFileSync(file, JSON.stringify(input));
  const m = simulate(parseRunInput(input)).metrics;
  assert.ok(m.deposited_voxels < 0, `the strip took from the foil: ${m.deposited_voxels}`);
  const r = await run(['simulate', file, '--no-store']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^net ${m.deposited_voxels} voxels \\(stripped more than plated\\), -`, 'm'));
  // a plated run's count as it was (the line's words, without a second CLI run: about 0.9 CPU s of worker start-up)
  assert.equal(depositText(-m.deposited_voxels), `${-m.deposited_voxels} voxels`);
  assert.equal(depositText(0), '0 voxels');
});

test('simulate says under its table that a strip stopped at its voltage cut-off, how far it got and the metal it left connected (mends125; review89 F1: "CE 4.2 %" with no word of why)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cutoff-'));
  const file = join(dir, 'run.yaml');
  writeFileSync(file, [
    'metal: Li', 'temperature: 25 degC', 'lattice: { size: [8, 8, 16], voxel: 100 nm }', 'host: graphene',
    'protocol:', '  - Plate 0.1 mAh/cm2 at 1 mA/cm2', '  - Strip at 1 mA/cm2 until 200 mV', 'seed: 1',
  ].join('\n'));
  const out = join(dir, 'out');
  const r = await run(['simulate', file, '--out', out, '--no-store', '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  // the run's own record: its strip ended on the cut-off with most of the plated metal left (cycles.csv)
  const [head, row] = readFileSync(join(out, 'cycles.csv'), 'utf8').trim().split('\n');
  const cell = (k: string) => row!.split(',')[head!.split(',').indexOf(k)]!;
  assert.equal(cell('strip_ended'), 'cutoff');
  assert.ok(Number(cell('ce')) < 0.5, cell('ce'));
  const line = r.stdout.split('\n').find((l) => l.includes('stopped at its cut-off'));
  assert.ok(line, r.stdout);
  assert.match(line, /step 2 "Strip at 1 mA\/cm2 until (cell voltage )?200 mV"/);
  assert.match(line, /not metal lost/);
  const m = /after stripping ([\d.e-]+) of the ([\d.e-]+) mAh\/cm2 plated before it, with (\d+) % of the metal connected at its start still connected/.exec(line);
  assert.ok(m, line);
  assert.ok(Math.abs(Number(m[1]) - Number(cell('stripped_mAh_per_cm2'))) <= 0.006 * Number(m[1]) + 1e-9, `${m[1]} vs ${cell('stripped_mAh_per_cm2')}`);
  assert.ok(Math.abs(Number(m[2]) - Number(cell('plated_mAh_per_cm2'))) <= 0.006 * Number(m[2]) + 1e-9, `${m[2]} vs ${cell('plated_mAh_per_cm2')}`);
  const kept = Number(cell('connected_voxels')) / Number(cell('plated_voxels'));
  assert.ok(Math.abs(Number(m[3]) / 100 - kept) <= 0.01, `${m[3]} % vs ${kept}`);
});

test('simulate prints the SEI\'s equivalent thickness with what it is: a footprint average of all the SEI formed, not the film that passivates a face (mends125; review89 F3: 210 nm in metrics.json with no caveat)', async () => {
  const { getSeiSet } = await import('../src/params/sei.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-seit-'));
  const file = join(dir, 'run.yaml');
  // docs/cycling.md's example of the figure: Li on Cu, 6 x 6 x 16 voxels of 100 nm, carbonate, 0.03 mAh/cm2, seed 2
  writeFileSync(file, ['metal: Li', 'lattice: { size: [6, 6, 16], voxel: 100 nm }', 'host: Cu', 'sei: carbonate',
    'protocol:', '  - Plate 0.03 mAh/cm2 at 1 mA/cm2', 'seed: 2'].join('\n'));
  const out = join(dir, 'out');
  const r = await run(['simulate', file, '--out', out, '--no-store', '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  const t = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).sei_equivalent_thickness_nm as number;
  assert.ok(t > 0, String(t));
  const line = r.stdout.split('\n').find((l) => l.startsWith('SEI equivalent thickness'));
  assert.ok(line, r.stdout);
  assert.ok(line.startsWith(`SEI equivalent thickness ${+t.toPrecision(3)} nm (metrics.json sei_equivalent_thickness_nm)`), line);
  assert.match(line, /footprint average/);
  assert.ok(line.includes(`carbonate's: ${getSeiSet('carbonate').thickness.value} nm, much thinner than a 100 nm voxel`), line);
  // without sei: no such line
  writeFileSync(file, ['metal: Li', 'lattice: { size: [6, 6, 16], voxel: 100 nm }', 'host: Cu', 'protocol:', '  - Plate 0.03 mAh/cm2 at 1 mA/cm2', 'seed: 2'].join('\n'));
  const r2 = await run(['simulate', file, '--no-store']);
  assert.equal(r2.status, 0, r2.stderr);
  assert.ok(!r2.stdout.includes('SEI equivalent thickness'), r2.stdout);
});
