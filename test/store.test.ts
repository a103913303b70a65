/** The SQLite store: runs, parameter sets, migrations, WAL, corruption handling, concurrent writers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, defaultStorePath, SCHEMA_VERSION } from '../src/store/index.js';
import { FileError, InputError } from '../src/errors.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('store');

const tmp = () => mkdtempSync(join(tmpdir(), 'sacplate-store-'));

test('runs: record, list, get, update; parameter sets; schema version and WAL', () => {
  const dir = tmp();
  const path = join(dir, 'nested', 'dir', 's.db');
  const s = openStore(path);
  try {
    assert.equal(s.schemaVersion(), SCHEMA_VERSION);
    assert.equal(s.journalMode(), 'wal');
    const a = s.recordRun({ name: 'li-baseline', input: { metal: 'Li', size: [32, 32, 32] }, metrics: { roughness_nm: 1.5 }, outDir: '/tmp/out/a', artefacts: ['eta.csv', 'final.vtk'] });
    const b = s.recordRun({ name: 'na-zn', input: { metal: 'Na' }, metrics: {}, status: 'failed' });
    assert.match(a, /^run-\d{8}-\d{9}-[0-9a-f]{8}$/);
    const ra = s.getRun(a)!;
    assert.deepEqual(ra.input, { metal: 'Li', size: [32, 32, 32] });
    assert.deepEqual(ra.metrics, { roughness_nm: 1.5 });
    assert.deepEqual(ra.artefacts, ['eta.csv', 'final.vtk']);
    assert.equal(ra.out_dir, '/tmp/out/a');
    assert.equal(ra.status, 'finished');
    assert.equal(s.listRuns().length, 2);
    assert.deepEqual(s.listRuns({ status: 'failed' }).map((r) => r.id), [b]);
    assert.deepEqual(s.listRuns({ name: 'base' }).map((r) => r.id), [a]);
    assert.equal(s.getRun(a.slice(0, a.length - 2))?.id, a); // unique prefix
    s.updateRun(b, { status: 'cancelled', metrics: { steps: 3 } });
    assert.equal(s.getRun(b)!.status, 'cancelled');
    assert.throws(() => s.recordRun({ input: {}, metrics: {}, status: 'exploded' as 'failed' }), InputError);
    s.saveParamSet('sac', 'Zn-N4', { element: 'Zn' }, 'review ref 70');
    s.saveParamSet('sac', 'Zn-N4', { element: 'Zn', v: 2 }, 'review ref 70');
    assert.deepEqual(s.getParamSet('sac', 'Zn-N4')!.data, { element: 'Zn', v: 2 });
    assert.equal(s.listParamSets('sac').length, 1);
  } finally { s.close(); }
  // reopening keeps everything and does not re-run migrations
  const s2 = openStore(path);
  assert.equal(s2.countRuns(), 2);
  s2.close();
});

test('default path: SACPLATE_DB, else ~/.sacplate/sacplate.db', () => {
  const old = process.env.SACPLATE_DB;
  try {
    process.env.SACPLATE_DB = '/tmp/x/y.db';
    assert.equal(defaultStorePath(), '/tmp/x/y.db');
    delete process.env.SACPLATE_DB;
    assert.match(defaultStorePath(), /\.sacplate[\\/]sacplate\.db$/);
  } finally {
    if (old === undefined) delete process.env.SACPLATE_DB; else process.env.SACPLATE_DB = old;
  }
});

test('a corrupted or foreign file is reported and left byte-for-byte untouched', () => {
  const dir = tmp();
  const garbage = join(dir, 'garbage.db');
  writeFileSync(garbage, 'this is a text file, not a database\n'.repeat(20));
  const before = readFileSync(garbage);
  assert.throws(() => openStore(garbage), (e: unknown) => e instanceof FileError && /not a SQLite database/.test(e.message));
  assert.deepEqual(readFileSync(garbage), before);
  assert.equal(existsSync(garbage + '-wal'), false);

  // valid header, damaged pages
  const good = join(dir, 'good.db');
  const s = openStore(good);
  for (let i = 0; i < 20; i++) s.recordRun({ input: { i, pad: 'x'.repeat(500) }, metrics: {} });
  s.close();
  const bytes = readFileSync(good);
  const damaged = Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(bytes.length - 100, 0x5a)]);
  const bad = join(dir, 'damaged.db');
  writeFileSync(bad, damaged);
  assert.throws(() => openStore(bad), FileError);
  assert.deepEqual(readFileSync(bad), damaged);

  // a SQLite file of some other program
  const foreign = join(dir, 'foreign.db');
  const db = new Database(foreign);
  db.exec('CREATE TABLE t (x)');
  db.close();
  const fb = readFileSync(foreign);
  assert.throws(() => openStore(foreign), (e: unknown) => e instanceof FileError && /not a sacplate store/.test(e.message));
  assert.deepEqual(readFileSync(foreign), fb);

  // a newer schema than this code knows
  const newer = join(dir, 'newer.db');
  const n = new Database(newer);
  n.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
  n.close();
  assert.throws(() => openStore(newer), (e: unknown) => e instanceof FileError && /newer/.test(e.message));
});

test('two processes writing runs at the same time: every run is present afterwards', async () => {
  const dir = tmp();
  const path = join(dir, 'shared.db');
  const N = 60;
  const script = join(dir, 'writer.mjs');
  const storeModule = resolve('dist/src/store/index.js');
  writeFileSync(script, `
import { openStore } from ${JSON.stringify(storeModule)};
const [path, tag, n] = process.argv.slice(2);
const ids = [];
for (let i = 0; i < Number(n); i++) {
  const s = openStore(path); // open per run, like separate CLI invocations
  ids.push(s.recordRun({ name: tag + '-' + i, input: { tag, i }, metrics: { i }, artefacts: ['a' + i] }));
  s.close();
}
process.stdout.write(JSON.stringify(ids));
`);
  const runOne = (tag: string) => new Promise<string[]>((res, rej) => {
    const p = spawn(process.execPath, [script, path, tag, String(N)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => (code === 0 ? res(JSON.parse(out) as string[]) : rej(new Error(`writer ${tag} exited ${code}: ${err}`))));
  });
  const [a, b] = await Promise.all([runOne('A'), runOne('B')]);
  assert.equal(a.length, N);
  assert.equal(b.length, N);
  const s = openStore(path);
  try {
    const all = s.listRuns({ limit: 10 * N });
    assert.equal(all.length, 2 * N);
    const ids = new Set(all.map((r) => r.id));
    for (const id of [...a, ...b]) assert.ok(ids.has(id), `run ${id} lost`);
    for (const tag of ['A', 'B']) {
      const names = new Set(all.filter((r) => r.name?.startsWith(tag + '-')).map((r) => r.name));
      assert.equal(names.size, N);
    }
  } finally { s.close(); }
});
