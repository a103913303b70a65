/**
 * Store migration 3 (branch storechance): the runs table gains `sac_nucleation_share_chance`, filled from metrics_json
 * for the runs a version-2 store holds and by every later write; a new store ends with the same columns as a version-2
 * store migrated forward (migration 2 keeps its own list: no duplicate column); a store of a newer version is refused.
 * Review31: a store this user cannot write (version 2, whose first open writes migration 3, or current) and a run whose
 * metrics_json is not JSON are refused in one line, exit 2 (both were "internal error ... please report it").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, MIGRATIONS, METRIC_COLUMNS, SCHEMA_VERSION, metricColumnValues, BARE_RUN_SQL_FUNCTION } from '../src/store/index.js';
import { simulate } from '../src/simulation/simulate.js';
import { runHadNoSacs } from '../src/metrics/sac-list.js';
import { FileError } from '../src/errors.js';
import { cli } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('store-chance');

const CHANCE = 'sac_nucleation_share_chance';

/** A store as version 2 of the code left it (its first two migrations), with some runs written as that version wrote them. */
function storeAtVersion2(file: string, runs: { id: string; name: string; metrics: unknown; metricsJson?: string }[]): void {
  const db = new Database(file);
  db.transaction(() => { for (const sql of MIGRATIONS.slice(0, 2)) db.exec(sql); })();
  db.pragma('user_version = 2');
  const cols = (db.pragma('table_info(runs)') as { name: string }[]).map((c) => c.name);
  assert.ok(!cols.includes(CHANCE), 'migration 2 does not add the chance (a later migration does)');
  // version 2's insert: the metric columns it had
  const known = METRIC_COLUMNS.map((c, i) => [c.name, i] as const).filter(([n]) => cols.includes(n));
  const ins = db.prepare(`INSERT INTO runs (id, created_at, name, input_json, metrics_json, out_dir, artefacts_json, status, ${known.map(([n]) => n).join(', ')})
    VALUES (?, ?, ?, '{}', ?, NULL, '[]', 'finished'${', ?'.repeat(known.length)})`);
  for (const [k, r] of runs.entries()) {
    const values = metricColumnValues(r.metrics);
    ins.run(r.id, `2026-12-01T00:00:0${k}Z`, r.name, r.metricsJson ?? JSON.stringify(r.metrics), ...known.map(([, i]) => values[i]!));
  }
  db.close();
}

const tableInfo = (file: string) => { const db = new Database(file, { readonly: true }); try { return { cols: db.pragma('table_info(runs)'), indexes: db.pragma('index_list(runs)') }; } finally { db.close(); } };

test('a version-2 store with a real SAC run migrates: every row kept, the chance filled; a new store has the same columns; a newer store is refused', () => {
  // a real run with SACs (a few thousand events): its metrics as metrics.json holds them
  const { metrics } = simulate({ metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '10 %' }],
    kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 3, output: { snapshots: false } });
  const chance = metrics.sac_nucleation_share_chance;
  assert.ok(chance !== null && chance > 0 && chance < 1, `the run's chance level ${chance}`);

  const dir = mkdtempSync(join(tmpdir(), 'sacplate-store-chance-'));
  const old = join(dir, 'v2.db');
  storeAtVersion2(old, [
    { id: 'run-20261201-000000000-00000001', name: 'sac', metrics },
    { id: 'run-20261201-000000000-00000002', name: 'before-chance', metrics: { metal: 'Na', host: 'Cu', sac_nucleation_share: 0.5 } },
    { id: 'run-20261201-000000000-00000003', name: 'broken', metrics: null, metricsJson: 'not json' },
  ]);
  const s = openStore(old);
  try {
    assert.equal(s.schemaVersion(), SCHEMA_VERSION);
    assert.equal(s.countRuns(), 3);
    const rows = s.runMetricRows(['run-20261201-000000000-00000001', 'run-20261201-000000000-00000002', 'run-20261201-000000000-00000003']);
    const byName = (n: string) => rows.find((r) => r.name === n)!;
    assert.equal(byName('sac')[CHANCE], chance);
    assert.equal(byName('sac').sac_nucleation_share, metrics.sac_nucleation_share, 'the columns migration 2 filled are kept');
    assert.equal(byName('sac').seed, 3);
    assert.equal(byName('before-chance')[CHANCE], null, 'a run written before the chance existed has none');
    assert.equal(byName('before-chance').sac_nucleation_share, 0.5);
    assert.equal(byName('broken')[CHANCE], null);
    assert.equal(s.getRun('run-20261201-000000000-00000001')!.metrics.sac_nucleation_share_chance, chance, 'metrics_json kept');
    // a write by this version fills it
    const id = s.recordRun({ name: 'new', input: {}, metrics: { ...metrics, sac_nucleation_share_chance: 0.25 } });
    assert.equal(s.runMetricRows([id])[0]![CHANCE], 0.25);
    s.updateRun(id, { metrics: { ...metrics, sac_nucleation_share_chance: 0.125 } });
    assert.equal(s.runMetricRows([id])[0]![CHANCE], 0.125);
  } finally { s.close(); }

  // a new store ends with the columns (and indexes) of the migrated one: the chance once
  const fresh = join(dir, 'fresh.db');
  openStore(fresh).close();
  const a = tableInfo(old), b = tableInfo(fresh);
  assert.deepEqual(b, a);
  const names = (b.cols as { name: string }[]).map((c) => c.name);
  assert.equal(names.filter((n) => n === CHANCE).length, 1);
  assert.deepEqual(METRIC_COLUMNS.map((c) => c.name).filter((n) => !names.includes(n)), [], 'every metric column is in the table');

  // a store of a newer version than this code: refused in words, left as it was
  const db = new Database(old);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  const bytes = readFileSync(old);
  assert.throws(() => openStore(old), (e: unknown) => e instanceof FileError
    && e.message.includes(`database schema version ${SCHEMA_VERSION + 1} is newer than this sacplate understands (${SCHEMA_VERSION}); use a newer sacplate`));
  assert.deepEqual(readFileSync(old), bytes);
});

test('a store this user cannot write (version 2, which migration 3 must write, or current): one line, exit 2, not an internal error (review31)', { timeout: 60_000 }, (t) => {
  // as root a file's mode does not stop writes: the CLI runs as nobody (test/cli-robust.test.ts does the same)
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const probe = spawnSync(process.execPath, ['bin/sacplate.js', '--version'], { encoding: 'utf8', ...asUser });
  if (probe.status !== 0) { t.skip('the checkout is not readable by user nobody'); return; }
  // the folder read-only too (SQLite: SQLITE_READONLY_DIRECTORY), or the file only (SQLITE_READONLY)
  for (const folderMode of [0o555, 0o777]) {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-store-ro-'));
  const v2 = join(dir, 'v2.db'), v3 = join(dir, 'v3.db');
  storeAtVersion2(v2, [{ id: 'run-20261201-000000000-00000001', name: 'old', metrics: { metal: 'Li', sac_nucleation_share: 0.5 } }]);
  openStore(v3).close();
  for (const f of [v2, v3]) chmodSync(f, 0o444);
  chmodSync(dir, folderMode);
  try {
    for (const f of [v2, v3]) {
      const bytes = readFileSync(f);
      const r = spawnSync(process.execPath, ['bin/sacplate.js', 'runs', 'list', '--db', f], { encoding: 'utf8', ...asUser });
      // a current store in a folder SQLite can write its -wal and -shm files into is read (nothing else is written)
      if (f === v3 && folderMode === 0o777) { assert.equal(r.status, 0, r.stderr); assert.match(r.stdout, /^id  created  status/); continue; }
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.ok(r.stderr.startsWith(`sacplate: ${f}: cannot be written: the store file or its folder is read-only for this user`), r.stderr);
      assert.deepEqual(readFileSync(f), bytes, 'left as it was');
    }
  } finally { chmodSync(dir, 0o755); }
  }
});

test('a run whose metrics_json is not JSON (a store changed outside sacplate): runs list and show refuse it in one line naming the store, the run and the column, exit 2 (review31)', async () => {
  const f = join(mkdtempSync(join(tmpdir(), 'sacplate-store-badjson-')), 'v2.db');
  const id = 'run-20261201-000000000-00000001';
  storeAtVersion2(f, [{ id, name: 'broken', metrics: null, metricsJson: 'not json' }]);
  for (const args of [['runs', 'list'], ['runs', 'show', id]]) {
    const r = await cli([...args, '--db', f]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(r.stderr.startsWith(`sacplate: ${f}: run ${id}: its metrics_json is not JSON (`), r.stderr);
  }
});

/**
 * A store file at schema `version` (the first `version` migrations, as an older build left it) holding one finished
 * run per [name, metrics] pair, created one second apart in that order; its path.
 */
function storeAtVersion(version: number, runs: [name: string, metrics: unknown][]): string {
  const f = join(mkdtempSync(join(tmpdir(), `sacplate-store-v${version}-`)), `v${version}.db`);
  const db = new Database(f);
  db.transaction(() => { for (const sql of MIGRATIONS.slice(0, version)) db.exec(sql); })();
  db.pragma(`user_version = ${version}`);
  const ins = db.prepare(`INSERT INTO runs (id, created_at, name, input_json, metrics_json, out_dir, artefacts_json, status) VALUES (?, ?, ?, '{}', ?, NULL, '[]', 'finished')`);
  runs.forEach(([name, metrics], i) => ins.run(`run-20261201-000000000-0000000${i + 1}`, `2026-12-01T00:00:0${i + 1}Z`, name, JSON.stringify(metrics)));
  db.close();
  return f;
}

// mends49: the runs table had no column for a run's current (runs list could not sort or filter by it). Migration 4 adds
// the first plating step's current density and capacity, filled from the metrics_json of the runs a version-3 store holds.
test('a version-3 store migrates to version 4: the plating current and capacity columns, filled from metrics_json; runs list sorts by the current', async () => {
  const run = (j: string) => simulate({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, protocol: [`Plate 0.00005 mAh/cm2 at ${j}`], seed: 1, output: { snapshots: false } }).metrics;
  const f = storeAtVersion(3, [['at 3', run('3 mA/cm2')], ['at 0.5', run('500 uA/cm2')], ['before', { metal: 'Li', host: 'Cu' }]]);
  const r = await cli(['runs', 'list', '--db', f, '--sort', 'plating_current_mA_per_cm2', '--columns', 'name,plating_current_mA_per_cm2,plating_capacity_mAh_per_cm2', '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ['name,plating_current_mA_per_cm2,plating_capacity_mAh_per_cm2', 'at 0.5,0.5,0.00005', 'at 3,3,0.00005', 'before,,']);
  const st = openStore(f);
  try { assert.equal(st.schemaVersion(), SCHEMA_VERSION); } finally { st.close(); }
});

// review42: two runs of one box read by different estimators (their overpotentials differ: a SAC box by 100 mV and more)
// looked the same in `runs list`, which had no estimator column to show, filter or sort by. Migration 5 adds it, filled
// from metrics_json; a run recorded before metrics.json named its estimator keeps an empty cell.
test('a version-4 store migrates to version 5: the estimator column, filled from metrics_json; runs list filters and shows it', async () => {
  const run = (estimator?: string) => simulate({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false }, ...(estimator ? { electrochem: { estimator } } : {}) }).metrics;
  const f = storeAtVersion(4, [['default', run()], ['scaled', run('scaled-rates')], ['before', { metal: 'Li', host: 'Cu' }]]);
  const all = await cli(['runs', 'list', '--db', f, '--sort', 'created_at', '--columns', 'name,estimator', '--format', 'csv']);
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(all.stdout.trim().split('\n'), ['name,estimator', 'default,rates', 'scaled,scaled-rates', 'before,']);
  const some = await cli(['runs', 'list', '--db', f, '--where', 'estimator=scaled-rates', '--columns', 'name', '--format', 'csv']);
  assert.equal(some.code, 0, some.stderr);
  assert.deepEqual(some.stdout.trim().split('\n'), ['name', 'scaled']);
  // a run recorded now fills it as it is written
  const st = openStore(f);
  try { assert.equal(st.schemaVersion(), SCHEMA_VERSION); } finally { st.close(); }
  assert.ok(METRIC_COLUMNS.some((c) => c.name === 'estimator'));
  assert.equal(metricColumnValues(run('events'))[METRIC_COLUMNS.findIndex((c) => c.name === 'estimator')], 'events');
});

// mends60: a sector run (simulate --sectors N) was marked only beside its name in `runs list`: no column said the engine,
// so `--where` could not select sector runs. Migration 6 adds `engine` (serial | sectors) and `threads`, filled from
// metrics_json (only a sector run's metrics name an engine: sector-simulate.ts writes engine and threads); every row kept.
test('a version-5 store migrates to version 6: the engine and threads columns; runs list shows them and --where selects sector runs', async () => {
  const sector = { metal: 'Li', host: 'Cu', seed: 1, engine: 'sectors', threads: 2, events: 500 };
  const f = storeAtVersion(5, [['serial', { metal: 'Li', host: 'Cu', seed: 1, events: 400 }], ['sector', sector], ['before', { metal: 'Li', host: 'Cu' }]]);
  const some = await cli(['runs', 'list', '--db', f, '--where', 'engine=sectors', '--columns', 'name,engine,threads', '--format', 'csv']);
  assert.equal(some.code, 0, some.stderr);
  assert.deepEqual(some.stdout.trim().split('\n'), ['name,engine,threads', 'sector,sectors,2']);
  const st = openStore(f);
  try {
    assert.equal(st.schemaVersion(), SCHEMA_VERSION);
    assert.deepEqual(st.runRows({ orderBy: { column: 'created_at' } }).map((r) => [r.name, r.engine, r.threads]), [['serial', 'serial', 1], ['sector', 'sectors', 2], ['before', 'serial', 1]], 'every row kept');
    // a run recorded now fills them as it is written
    st.recordRun({ name: 'new sector', input: {}, metrics: { ...sector, threads: 3 } });
    assert.deepEqual(st.runRows({ where: [{ column: 'threads', op: '>', value: 1 }], orderBy: { column: 'threads' } }).map((r) => [r.name, r.engine, r.threads]), [['sector', 'sectors', 2], ['new sector', 'sectors', 3]]);
  } finally { st.close(); }
  // the default table shows the engine
  const table = await cli(['runs', 'list', '--db', f, '--where', 'engine=serial']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^id +created +status +name +engine +out dir/m);
  assert.equal(table.stdout.trim().split('\n').filter((l) => / (serial|before) +serial\b/.test(l)).length, 2, table.stdout);
});

// mends66 (mends63's leftover): a bare-host run written before mends62 holds 0 for its SAC share and chance in the SQL
// columns (the API reads them null, mends63), so `runs list --where sac_nucleation_share<0.5` chose it and `--format csv`
// read 0. Migration 7 sets them NULL where runHadNoSacs says the run had no SACs; every row kept, a real 0 kept.
test('a version-6 store with old bare-host rows migrates to 7: their SAC share and chance columns read null, a SAC run\'s real 0 stays; every row kept; idempotent', async () => {
  const f = join(mkdtempSync(join(tmpdir(), 'sacplate-store-v6-')), 'v6.db');
  const db = new Database(f);
  db.transaction(() => { for (const sql of MIGRATIONS.slice(0, 6)) db.exec(sql); })();
  db.pragma('user_version = 6');
  // as a version before mends62 wrote them: the share and chance columns from the metrics' 0 (the fill of migrations 2 and 3)
  const ins = db.prepare(`INSERT INTO runs (id, created_at, name, input_json, metrics_json, out_dir, artefacts_json, status, sac_nucleation_share, sac_nucleation_share_chance)
    VALUES (@id, @at, @name, @input, @metrics, NULL, '[]', 'finished', json_extract(@metrics, '$.sac_nucleation_share'), json_extract(@metrics, '$.sac_nucleation_share_chance'))`);
  const rows: [name: string, input: unknown, metrics: unknown][] = [
    ['bare sacs listed', {}, { metal: 'Li', host: 'Cu', sacs: [], sac_nucleation_share: 0, sac_nucleation_share_chance: 0 }],
    ['bare no list', { metal: 'Li', host: 'graphene', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] }, { metal: 'Li', host: 'graphene', sac_nucleation_share: 0, sac_nucleation_share_chance: 0 }],
    ['sac real 0', {}, { metal: 'Li', host: 'graphene', sacs: ['Zn-N4 3.00 % random'], sac_nucleation_share: 0, sac_nucleation_share_chance: 0.1 }],
    ['sac in input', { metal: 'Li', sacs: [{ site: 'Zn-N4', loading: '3 %' }] }, { metal: 'Li', host: 'graphene', sac_nucleation_share: 0.4, sac_nucleation_share_chance: 0.2 }],
    ['unknown', {}, { metal: 'Li', host: 'Cu', sac_nucleation_share: 0, sac_nucleation_share_chance: 0 }],
  ];
  rows.forEach(([name, input, metrics], i) => ins.run({ id: `run-20261201-000000000-0000000${i + 1}`, at: `2026-12-01T00:00:0${i + 1}Z`, name, input: JSON.stringify(input), metrics: JSON.stringify(metrics) }));
  // a row whose metrics are not JSON (a store changed outside sacplate) is kept as it is
  db.prepare(`INSERT INTO runs (id, created_at, name, input_json, metrics_json, artefacts_json, status, sac_nucleation_share) VALUES ('run-20261201-000000000-00000009', '2026-12-01T00:00:09Z', 'broken', '{}', 'not json', '[]', 'finished', 0)`).run();
  db.close();

  const listed = async () => {
    const r = await cli(['runs', 'list', '--db', f, '--where', 'sac_nucleation_share<0.5', '--sort', 'created_at', '--columns', 'name,sac_nucleation_share,sac_nucleation_share_chance', '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim().split('\n');
  };
  const expected = ['name,sac_nucleation_share,sac_nucleation_share_chance', 'sac in input,0.4,0.2', 'unknown,0,0', 'broken,0,', 'sac real 0,0,0.1'].sort();
  assert.deepEqual((await listed()).sort(), expected);
  const columns = () => {
    const st = openStore(f);
    try {
      assert.equal(st.schemaVersion(), SCHEMA_VERSION);
      assert.equal(st.countRuns(), 6, 'every row kept');
      return st.runRows({ orderBy: { column: 'created_at' } }).map((r) => [r.name, r.sac_nucleation_share, r.sac_nucleation_share_chance]);
    } finally { st.close(); }
  };
  const after = columns();
  assert.deepEqual(after, [['bare sacs listed', null, null], ['bare no list', null, null], ['sac real 0', 0, 0.1], ['sac in input', 0.4, 0.2], ['unknown', 0, 0], ['broken', 0, null]]);
  // run again (migration 7's SQL on the migrated store, with the function a migrating connection registers; until
  // earlyapi the store was put back to version 6, which now runs migration 8's ALTER TABLE a second time): the same rows and values
  const again = new Database(f);
  const parse = (t: unknown): unknown => { try { return JSON.parse(String(t)); } catch { return undefined; } };
  again.function(BARE_RUN_SQL_FUNCTION, (m: unknown, i: unknown) => (runHadNoSacs(parse(m), parse(i)) === true ? 1 : 0));
  again.exec(MIGRATIONS[6]!);
  again.close();
  assert.deepEqual(columns(), after);
  assert.deepEqual((await listed()).sort(), expected);
});

// earlyapi (mends106 left it): the runs table had no column for metrics.json's early_* keys (nucleicov: the nuclei counted
// at output.nuclei_coverage, before they coalesce), so GET /api/compare's rows and the Compare page had none of them.
// Migration 8 adds them, filled from metrics_json; a version-7 store (the old schema's SQL) keeps every row, a row written
// before nucleicov reads them null, a SAC run its values; `runs list` filters and sorts by them; a new write fills them.
test('a version-7 store migrates to 8: the early_* columns, filled from metrics_json (null for a run before nucleicov); every row kept; runs list filters by them', async () => {
  const EARLY = ['early_island_count', 'early_nucleus_density_per_um2', 'early_sac_nucleation_share', 'early_sac_nucleation_share_chance', 'early_host_coverage', 'early_charge_mAh_per_cm2'];
  // a real SAC run (a tenth of a CPU second): its early_* as metrics.json holds them
  const { metrics } = simulate({ metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '10 %' }],
    kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], seed: 3, output: { snapshots: false } });
  const m = metrics as unknown as Record<string, number | null>;
  assert.ok(EARLY.every((k) => typeof m[k] === 'number'), JSON.stringify(EARLY.map((k) => m[k])));
  // the old schema's SQL (its 7 migrations; 7 calls the SQL function a migrating connection registers), then the rows as a
  // version-7 sacplate wrote them: its metric columns only
  const f = join(mkdtempSync(join(tmpdir(), 'sacplate-store-v7-')), 'v7.db');
  const db = new Database(f);
  db.function(BARE_RUN_SQL_FUNCTION, (_m: unknown, _i: unknown) => 0);
  db.transaction(() => { for (const sql of MIGRATIONS.slice(0, 7)) db.exec(sql); })();
  db.pragma('user_version = 7');
  const v7cols = (db.pragma('table_info(runs)') as { name: string }[]).map((c) => c.name);
  const known = METRIC_COLUMNS.map((c, i) => [c.name, i] as const).filter(([n]) => v7cols.includes(n));
  const ins = db.prepare(`INSERT INTO runs (id, created_at, name, input_json, metrics_json, out_dir, artefacts_json, status, ${known.map(([n]) => n).join(', ')})
    VALUES (?, ?, ?, '{}', ?, NULL, '[]', 'finished'${', ?'.repeat(known.length)})`);
  const old: [string, unknown][] = [['early sac', metrics], ['before nucleicov', { metal: 'Li', host: 'Cu', sacs: [], seed: 1, nucleus_density_per_um2: 2.44 }],
    ['never reached', { metal: 'Li', host: 'Cu', sacs: [], seed: 2, early_island_count: null, early_nucleus_density_per_um2: null, early_reason: 'the first-layer coverage never reached 0.1' }]];
  old.forEach(([name, mm], i) => { const values = metricColumnValues(mm); ins.run(`run-20261201-000000000-0000000${i + 1}`, `2026-12-01T00:00:0${i + 1}Z`, name, JSON.stringify(mm), ...known.map(([, j]) => values[j]!)); });
  db.close();
  const cols = () => { const db = new Database(f, { readonly: true }); try { return (db.pragma('table_info(runs)') as { name: string }[]).map((c) => c.name); } finally { db.close(); } };
  assert.deepEqual(EARLY.filter((k) => cols().includes(k)), [], 'the old schema has no early_* column');
  const st = openStore(f);
  try {
    assert.equal(st.schemaVersion(), SCHEMA_VERSION);
    assert.equal(st.countRuns(), 3, 'every row kept');
    const rows = st.runRows({ orderBy: { column: 'created_at' } });
    assert.deepEqual(rows.map((r) => r.name), ['early sac', 'before nucleicov', 'never reached']);
    assert.deepEqual(EARLY.map((k) => rows[0]![k]), EARLY.map((k) => m[k]), 'filled from metrics_json');
    assert.deepEqual(EARLY.map((k) => rows[1]![k]), EARLY.map(() => null), 'a run recorded before nucleicov: null');
    assert.deepEqual(EARLY.map((k) => rows[2]![k]), EARLY.map(() => null), 'never reached: null');
    assert.equal(rows[1]!.nucleus_density_per_um2, 2.44, 'the other columns kept');
    // a write by this version fills them
    const id = st.recordRun({ name: 'new', input: {}, metrics: { ...metrics, early_nucleus_density_per_um2: 12.5 } });
    assert.equal(st.runMetricRows([id])[0]!.early_nucleus_density_per_um2, 12.5);
  } finally { st.close(); }
  assert.deepEqual(EARLY.filter((k) => !cols().includes(k)), []);
  const r = await cli(['runs', 'list', '--db', f, '--where', 'early_nucleus_density_per_um2>0', '--sort', 'created_at', '--columns', 'name,early_nucleus_density_per_um2,early_sac_nucleation_share', '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  const [head, ...lines] = r.stdout.trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(head, ['name', 'early_nucleus_density_per_um2', 'early_sac_nucleation_share']);
  // (the CSV's numbers to 12 figures)
  const near = (cell: string | undefined, x: number | null | undefined) => typeof x === 'number' && Math.abs(Number(cell) - x) <= 1e-9 * Math.abs(x);
  assert.ok(lines.length === 2 && lines[0]![0] === 'early sac' && near(lines[0]![1], m.early_nucleus_density_per_um2) && near(lines[0]![2], m.early_sac_nucleation_share)
    && lines[1]![0] === 'new' && near(lines[1]![1], 12.5) && near(lines[1]![2], m.early_sac_nucleation_share), r.stdout);
});
