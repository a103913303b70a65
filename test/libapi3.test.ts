/**
 * Branch libapi3: the library gives what the CLI gives. `openStore` (src/store/library.ts) reads the
 * store the CLI records in with the CLI's own calls (`runs list|show`, `results`, `lit list`), and
 * `renderFigures` (src/plots/library.ts) draws a run folder's figures as `simulate --out` does; and
 * the simulate/compare table's head sits over a column that holds words (the no-dip cell), not
 * right-aligned at the far end of it. Small boxes (8-16 voxels a side): about 5 s of CPU in all,
 * most of it Vega's first load.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, renderFigures, runSweep, simulate, InputError, FileError } from '../src/index.js';
import { formatCompareTable } from '../src/cli/compare-table.js';
import { NO_DIP_CELL } from '../src/batch/table.js';
import { cli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-libapi3-'));
const tiny = { metal: 'Na', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false }, seed: 1 };

test('openStore: the runs `sacplate simulate` recorded, as `runs list` and `runs show` give them; a sweep\'s rows as runSweep returned them; the literature records', async () => {
  const db = join(dir, 'store.db');
  const file = join(dir, 'tiny.json');
  writeFileSync(file, JSON.stringify(tiny));
  const out = join(dir, 'run');
  const r = await cli(['simulate', file, '--db', db, '--out', out, '--no-figures']);
  assert.equal(r.code, 0, r.stderr);
  const id = /recorded run (\S+)/.exec(r.stderr)?.[1];
  assert.ok(id, r.stderr);
  const sweep = await runSweep({ name: 'tiny-sweep', base: tiny, axes: { host: ['Cu', 'carbon-cloth'] }, seeds: [1] }, { db, threads: 1 });
  const store = openStore(db);
  try {
    assert.equal(store.path, db);
    const runs = store.listRuns();
    const listed = await cli(['runs', 'list', '--db', db, '--format', 'json']);
    assert.deepEqual(runs, JSON.parse(listed.stdout), 'what `sacplate runs list --format json` prints');
    assert.deepEqual(runs.map((x) => x.id), [id]);
    const one = store.getRun(id.slice(0, 20))!;
    assert.equal(one.id, id, 'by a unique prefix, as `runs show` takes it');
    assert.deepEqual(one.metrics, JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')), "the run's metrics.json");
    assert.equal(store.getRun('run-nothing-like-it'), undefined);
    assert.deepEqual(store.listRuns({ status: 'failed' }), []);
    assert.deepEqual(store.listRuns({ name: 'tiny.json', since: '2000-01-01', limit: 1 }).map((x) => x.id), [id]);
    assert.deepEqual(store.listRuns({ since: '2999-01-01' }), []);
    assert.deepEqual(store.sweepRows('tiny-sweep'), sweep.rows, 'the rows runSweep returned (`sacplate results tiny-sweep`)');
    assert.deepEqual(store.sweepRows('tiny-sweep').map((x) => x.status), ['done', 'done']);
    const { records, moved } = store.literature();
    assert.ok(records.some((x) => x.name === 'SAFe/CVRCS@3DPC'), 'the review\'s records, synced in');
    assert.deepEqual(moved, []);
    // mistakes: one InputError naming the option as the script wrote it
    const refused = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: unknown) => e instanceof InputError && re.test(e.message), String(re));
    refused(() => store.listRuns({ status: 'done' as never }), /^status: got "done", expected finished, failed, cancelled, running$/);
    refused(() => store.listRuns({ limit: 0 }), /^limit: got 0, expected a whole number > 0$/);
    refused(() => store.listRuns({ since: 'last week' }), /^since: got "last week", expected a date or time/);
    refused(() => store.listRuns({ stauts: 'failed' } as never), /stauts.*did you mean "status"/);
    refused(() => store.sweepRows('no-such-sweep'), /^name: got "no-such-sweep", expected a sweep run before with this store \(.*store\.db\); none named "no-such-sweep"$/);
    refused(() => store.getRun(5 as never), /^id: got 5, expected a run id/);
  } finally { store.close(); }
  assert.throws(() => store.listRuns(), (e: unknown) => e instanceof InputError && /^listRuns: .*expected an open store/.test(e.message));
  assert.throws(() => openStore(5 as never), (e: unknown) => e instanceof InputError && /^path: got 5, expected a store file path/.test(e.message));
  const junk = join(dir, 'junk.db');
  writeFileSync(junk, 'not a database, and long enough to be read');
  assert.throws(() => openStore(junk), (e: unknown) => e instanceof FileError && /is not a SQLite database.*call openStore\(path\) with another path/.test(e.message));
  assert.equal(readFileSync(junk, 'utf8'), 'not a database, and long enough to be read', 'left as it was');
});

test('renderFigures: a run folder\'s figures drawn to SVG and PNG beside their specifications, as `simulate --out` draws them', async () => {
  const out = join(dir, 'fig');
  const r = simulate(tiny, { outDir: out });
  const specs = r.files.filter((f) => f.endsWith('.vl.json'));
  assert.ok(specs.length >= 2, 'simulate() wrote the specifications');
  assert.ok(!readdirSync(join(out, 'figures')).some((n) => /\.(svg|png)$/.test(n)), 'and no image');
  const files = await renderFigures(out);
  assert.deepEqual(files.slice().sort(), specs.flatMap((s) => [s.replace(/\.vl\.json$/, '.png'), s.replace(/\.vl\.json$/, '.svg')]).sort());
  for (const f of files) {
    const b = readFileSync(f);
    if (f.endsWith('.png')) assert.deepEqual([...b.subarray(1, 4)], [...Buffer.from('PNG')], f);
    else assert.match(b.toString('utf8'), /^<svg[\s\S]*<\/svg>\s*$/, f);
  }
  const svgOnly = join(dir, 'fig-svg');
  simulate(tiny, { outDir: svgOnly });
  assert.ok((await renderFigures(svgOnly, { png: false })).every((f) => f.endsWith('.svg')));
  assert.ok(!readdirSync(join(svgOnly, 'figures')).some((n) => n.endsWith('.png')));
  const rejects = (p: Promise<unknown>, re: RegExp) => assert.rejects(p, (e: unknown) => e instanceof InputError && re.test(e.message), String(re));
  await rejects(renderFigures(join(dir, 'nothing-here')), /^outDir: got ".*nothing-here", expected a run folder with its figure specifications .*nothing-here\/figures does not exist$/);
  await rejects(renderFigures(dir), /^outDir: .*figures does not exist$/);
  await rejects(renderFigures(out, { pgn: false } as never), /pgn.*did you mean "png"/);
  await rejects(renderFigures(out, { png: 'no' } as never), /^png: got "no", expected true or false$/);
  assert.ok(!existsSync(join(dir, 'nothing-here')), 'nothing written for a refused call');
});

test('the simulate/compare table: a column holding words (no dip) has its head over them, left-aligned; number columns stay right-aligned', () => {
  // Li on N-graphene, 16 x 16 x 12 voxels of 10 nm, 0.0001 mAh/cm2 at 1 mA/cm2: too short a step for the dip (test/audit3-cli.test.ts)
  const m = simulate({ metal: 'Li', lattice: { size: [16, 16, 12], voxel: '10 nm' }, host: 'N-graphene', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false }, seed: 1 }).metrics;
  assert.equal(m.nucleation_no_dip, true, `precondition: no dip (${m.nucleation_overpotential_mV} mV)`);
  const [head, rule, row] = formatCompareTable([{ name: 'Li on N-graphene', runs: [m] }], { legend: false }).split('\n') as [string, string, string];
  assert.equal(head.indexOf('nucl. mV'), row.indexOf(NO_DIP_CELL), `the head starts where its cell does:\n${head}\n${row}`);
  assert.equal(rule.indexOf('-', head.indexOf('nucl. mV')), head.indexOf('nucl. mV'));
  // peak mV, a number, right-aligned under its head
  const end = head.indexOf('peak mV') + 'peak mV'.length;
  assert.equal(row.slice(0, end).trimEnd().length, end, `the number ends where its head does:\n${head}\n${row}`);
  assert.ok(row.slice(0, end).endsWith(m.peak_overpotential_mV.toFixed(1)), row);
});
