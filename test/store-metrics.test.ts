/** Store migration 2: run metrics as columns, filled from metrics_json for runs recorded before it, and by every later write. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, SCHEMA_VERSION, METRIC_COLUMNS } from '../src/store/index.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('store-metrics');

test('a version-1 store gains metric columns filled from its runs\' metrics; new writes fill them too', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sacplate-store-m-')), 's.db');
  // a store as the previous version left it
  const db = new Database(file);
  db.exec(`CREATE TABLE runs (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, name TEXT, input_json TEXT NOT NULL, metrics_json TEXT NOT NULL,
     out_dir TEXT, artefacts_json TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL CHECK (status IN ('finished','failed','cancelled','running')));
   CREATE INDEX runs_created ON runs(created_at);
   CREATE TABLE param_sets (kind TEXT NOT NULL, name TEXT NOT NULL, data_json TEXT NOT NULL, source TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (kind, name));
   CREATE TABLE lit_records (id TEXT PRIMARY KEY, name TEXT NOT NULL, metal TEXT NOT NULL, data_json TEXT NOT NULL, origin TEXT NOT NULL, hash TEXT NOT NULL, updated_at TEXT NOT NULL);`);
  db.prepare(`INSERT INTO runs VALUES ('run-20250101-000000000-00000001', '2025-01-01T00:00:00Z', 'old', '{}', ?, NULL, '[]', 'finished')`)
    .run(JSON.stringify({ metal: 'Na', host: 'Cu', sacs: ['Zn-N4 2.00 % random', 'Fe-N4 1.00 % grid'], seed: 7, nucleation_overpotential_mV: 41.5, average_ce: null }));
  db.prepare(`INSERT INTO runs VALUES ('run-20250101-000000000-00000002', '2025-01-01T00:00:01Z', 'broken', '{}', 'not json', NULL, '[]', 'failed')`).run();
  db.pragma('user_version = 1');
  db.close();

  const s = openStore(file);
  try {
    assert.equal(s.schemaVersion(), SCHEMA_VERSION);
    const rows = s.runMetricRows(['run-20250101-000000000-00000001', 'run-20250101-000000000-00000002']);
    const old = rows.find((r) => r.name === 'old')!;
    assert.equal(old.metal, 'Na');
    assert.equal(old.host, 'Cu');
    assert.equal(old.sacs, 'Zn-N4 2.00 % random+Fe-N4 1.00 % grid');
    assert.equal(old.seed, 7);
    assert.equal(old.nucleation_overpotential_mV, 41.5);
    assert.equal(old.average_ce, null);
    const broken = rows.find((r) => r.name === 'broken')!;
    assert.equal(broken.metal, null); // a row whose metrics are not JSON keeps its columns empty
    const id = s.recordRun({ name: 'new', input: {}, metrics: { metal: 'Li', seed: 3, rms_roughness_nm: 2.5, porosity: Number.NaN } });
    const r = s.runMetricRows([id])[0]!;
    assert.deepEqual([r.metal, r.seed, r.rms_roughness_nm, r.porosity], ['Li', 3, 2.5, null]);
    s.updateRun(id, { metrics: { metal: 'Li', seed: 3, rms_roughness_nm: 3.5 }, trace: { time_s: [0, 1] }, cycles: [] });
    assert.equal(s.runMetricRows([id])[0]!.rms_roughness_nm, 3.5);
    assert.deepEqual(s.runSeries(id), { trace: { time_s: [0, 1] }, cycles: [] });
    assert.ok(METRIC_COLUMNS.every((c) => c.name in r));
  } finally { s.close(); }
});
