/**
 * sweeprobust65: the store taken from under a running sweep. The store's folder removed (or its file moved, deleted or
 * replaced) while a sweep ran: SQLite went on writing into the unlinked file, the sweep said `ran: 3`, exit 0, and the
 * command's closing hint opened the path again, leaving a new, empty store there: every result of the run lost without a
 * word. Now the first result recorded after that stops the sweep with one line naming the store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSweepLocal } from '../src/sweep/run.js';
import { SweepStore } from '../src/sweep/store.js';
import { FileError } from '../src/errors.js';
import { tempRoot } from './helpers/tmp.js';

tempRoot('sweep-store-gone');

/** tasks of about 0.1 s: what is checked is the store's bookkeeping, not the simulation */
const TINY_BASE = {
  metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.3 eV' },
  sacs: [{ site: 'Zn-N4', loading: '4 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false },
};

test('the store\'s folder removed (or the store moved away) while a local sweep runs: the sweep stops with one line naming the store, not ran: N, exit 0', { timeout: 60_000 }, async () => {
  const top = mkdtempSync(join(tmpdir(), 'sacplate-gone-'));
  const file = join(top, 'gone.json');
  writeFileSync(file, JSON.stringify({ name: 'gone', base: TINY_BASE, seeds: 3 }));
  // the folder removed after the first result: the next result's record is refused
  const dir = join(top, 'store');
  mkdirSync(dir);
  const db = join(dir, 's.db');
  let outcomes = 0;
  await assert.rejects(runSweepLocal(file, { db, threads: 1, onOutcome: () => { if (++outcomes === 1) rmSync(dir, { recursive: true }); } }),
    (e: Error) => e instanceof FileError && e.message.startsWith(`${db}: was removed or replaced while this command had it open`)
      && /results recorded in it since are not in any store/.test(e.message) && /run the command again/.test(e.message));
  assert.equal(outcomes, 1, 'stopped at the first result recorded after the removal');
  assert.ok(!existsSync(db), 'no new, empty store made in its place');
  // the store moved away (renamed) after the first result: what it held stays in the moved file, with that first result
  mkdirSync(dir);
  outcomes = 0;
  await assert.rejects(runSweepLocal(file, { db, threads: 1, onOutcome: () => { if (++outcomes === 1) { for (const x of ['', '-wal', '-shm']) if (existsSync(db + x)) renameSync(db + x, join(top, `moved.db${x}`)); } } }),
    (e: Error) => e instanceof FileError && e.message.startsWith(`${db}: was removed or replaced`));
  const moved = SweepStore.open(join(top, 'moved.db'));
  try { assert.equal(moved.sweepRows('gone').filter((r) => r.status === 'done').length, 1); } finally { moved.close(); }
});
