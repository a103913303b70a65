/**
 * A cached `sacplate nucleation` call (issue 15's speed line): one case whose atomistic data are in
 * the store runs on the main thread with the store opened read-only (openStoreToRead), a case that
 * must compute runs on the worker thread as before. The two paths must print the same thing, and
 * the read-only open must refuse what openStore refuses (by handing it back) and write nothing.
 * The atomistic stage runs in a tinier setting than test/nucleation-cli.test.ts (6 x 6 sites, 4 runs
 * per overpotential, 3000 events per run, stop at 10 atoms), with a small capacity and the plateau
 * read at its end: about 1.2 s of CPU for the file (load 4).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli } from './helpers/cli.js';
import { openStore, openStoreToRead, SCHEMA_VERSION } from '../src/store/index.js';
import { FileError } from '../src/errors.js';

// --sampler mfpt: the default (mfpt+ffs) runs forward flux sampling at fixed settings, minutes of CPU even on this box (branch ffsdefault)
const TINY = ['--sampler', 'mfpt', '--runs', '4', '--box', '6', '--target', '10', '--max-events', '3000', '--capacity', '0.005', 'mAh/cm2', '--plateau', 'end'];

/** a store of this version at `file` holding 20 runs (several pages), with `param` saved when given; its bytes */
function storeWithRuns(file: string, param?: Record<string, unknown>): Buffer {
  const w = openStore(file);
  if (param) w.saveParamSet('nucleation-atomistic', 'k', param, 'test');
  for (let i = 0; i < 20; i++) w.recordRun({ input: { i, pad: 'x'.repeat(500) }, metrics: {} });
  w.close();
  return readFileSync(file);
}
/** the store's bytes with a valid header and every page after it overwritten */
const damage = (bytes: Buffer): Buffer => Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(bytes.length - 100, 0x5a)]);

test('nucleation CLI: a cached call (main thread, read-only store) prints what the computing call (worker) printed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-nuc-cached-'));
  try {
    const args = ['nucleation', '--metal', 'Li', '--host', 'graphene', ...TINY, '--json', '--db', join(dir, 's.db')];
    const first = await cli(args);
    assert.equal(first.code, 0, first.stderr);
    const again = await cli(args);
    assert.equal(again.code, 0, again.stderr);
    type Report = { atomistic: { cached: boolean; wall_s: number }; call_wall_s: number };
    const a = JSON.parse(first.stdout) as Report, b = JSON.parse(again.stdout) as Report;
    assert.equal(a.atomistic.cached, false);
    assert.equal(b.atomistic.cached, true);
    // each call's own wall time: the computing call's holds its atomistic stage (two 1 ms clocks), the cached call's
    // atomistic.wall_s is the computing call's (stored with the data)
    assert.ok(a.call_wall_s >= a.atomistic.wall_s - 0.002, `computing call ${a.call_wall_s} s, its atomistic stage ${a.atomistic.wall_s} s`);
    assert.equal(b.atomistic.wall_s, a.atomistic.wall_s);
    // the same report to the last digit but for the cache flag and the call's own time (the electrode stage is the same
    // code on either thread)
    const own = (out: string) => { assert.equal(out.match(/"call_wall_s": /g)?.length, 1, out); return out.replace(/"call_wall_s": [0-9.e+-]+/, '"call_wall_s": 0'); };
    assert.equal(own(again.stdout), own(first.stdout).replace('"cached": false', '"cached": true').replace('"host_from_cache": false', '"host_from_cache": true'));
    // the same first line of progress; the computing call adds the atomistic scan's lines
    assert.equal(again.stderr, 'Li on graphene: ...\n');
    assert.ok(first.stderr.startsWith('Li on graphene: ...\n  host eta '), first.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('openStoreToRead: reads a current store, writes nothing, hands every other file back to openStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-store-read-'));
  try {
    const absent = join(dir, 'absent.db');
    assert.equal(openStoreToRead(absent), undefined);
    assert.equal(existsSync(absent), false, 'not created');
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    assert.equal(openStoreToRead(empty), undefined);
    assert.equal(openStoreToRead(dir), undefined, 'a folder');
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is a text file, not a database\n'.repeat(20));
    assert.equal(openStoreToRead(garbage), undefined);
    for (const version of [0, SCHEMA_VERSION - 1, SCHEMA_VERSION + 1]) {
      const f = join(dir, `v${version}.db`);
      const db = new Database(f);
      db.exec('CREATE TABLE t (x)');
      db.pragma(`user_version = ${version}`);
      db.close();
      assert.equal(openStoreToRead(f), undefined, `schema version ${version}`);
    }

    const good = join(dir, 'good.db');
    const bytes = storeWithRuns(good, { a: 1 });
    const r = openStoreToRead(good)!;
    assert.ok(r, 'a current store opens');
    assert.deepEqual(r.getParamSet('nucleation-atomistic', 'k')?.data, { a: 1 });
    assert.throws(() => r.saveParamSet('nucleation-atomistic', 'k2', { a: 2 }, 'test'), /readonly/i);
    r.close();
    assert.deepEqual(readFileSync(good), bytes, 'the store is byte-for-byte as it was');

    // valid header, damaged pages: a read that meets them is a FileError, the file is left as it was
    const damaged = damage(bytes);
    const bad = join(dir, 'damaged.db');
    writeFileSync(bad, damaged);
    const d = openStoreToRead(bad);
    if (d) {
      assert.throws(() => d.getParamSet('nucleation-atomistic', 'k'), FileError);
      d.close();
    }
    assert.deepEqual(readFileSync(bad), damaged);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nucleation CLI: a damaged store is one line, exit 2, and left as it was (read-only path too)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-nuc-damaged-'));
  try {
    const damaged = damage(storeWithRuns(join(dir, 'good.db')));
    const bad = join(dir, 'damaged.db');
    writeFileSync(bad, damaged);
    const r = await cli(['nucleation', '--metal', 'Li', '--host', 'graphene', ...TINY, '--json', '--db', bad]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0]!.includes(bad), lines[0]);
    assert.deepEqual(readFileSync(bad), damaged);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nucleation CLI: with several cases each case\'s first line says which of how many ([2/2] on Li: ...); one case keeps its plain line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-nuc-cases-'));
  try {
    // two cases on the metal's own foil: no atomistic stage (own-metal), only the worker and the kMC of each case
    const file = join(dir, 'cases.yaml');
    writeFileSync(file, 'metal: Li\ncases:\n  - { name: foil A, host: Li }\n  - { name: foil B, host: Li }\n');
    const r = await cli(['nucleation', file, ...TINY, '--no-store', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^\[1\/2\] foil A: \.\.\.\n(  .*\n)*\[2\/2\] foil B: \.\.\.\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
