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
import { runLocal } from '../src/sweep/pool.js';
import { parseRunInput } from '../src/input/parse.js';
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

test('a result that cannot be kept (the store locked by another program past its wait) while another task\'s result is on its way: the pool stops with that error, not piscina\'s "Unexpected message from Worker" as an internal error', { timeout: 60_000 }, async () => {
  // by hand (sweeprobust65): a sweep whose store another program held locked for 20 s died with `sacplate: internal
  // error: Unexpected message from Worker: { taskId: 4, result: { ... every metric ... } }` (exit 1): the record waited
  // for the lock (15 s, the event loop blocked), the next task's result arrived meanwhile, and the stop that followed
  // left piscina a message for a task it no longer had, which it emits as an 'error' no one listened to. The wait is
  // 1.5 s here (a real lock costs 15 s), long enough for the second task to end during it.
  const run = parseRunInput(TINY_BASE);
  const tasks = [1, 2, 3].map((seed) => ({ hash: `h${seed}`, run: { ...run, seed } }));
  let first = true;
  const locked = new Error('the store is locked');
  await assert.rejects(runLocal(tasks, {
    threads: 1,
    onOutcome: () => {
      if (!first) return;
      first = false;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500); // blocks as SQLite's busy wait does, without the CPU
      throw locked;
    },
  }), (e) => e === locked);
  // the message piscina had no task for is emitted after the call has returned: a turn of the event loop for it
  await new Promise((r) => setTimeout(r, 200));
});
