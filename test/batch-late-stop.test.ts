/**
 * mends62c: a stop (Ctrl-C, SIGTERM, an aborted signal) that comes once every task of a batch has finished is no cancel.
 * flaky62 fixed `compare` / `simulate --seeds` (test/compare-resume.test.ts); `sweep` on the worker pool still marked any
 * stop as cancelled (src/sweep/pool.ts): a SIGINT taken as the bar's line says the last task has ended (in that write,
 * the pool's result for it in hand) gave `cancelled: true`, exit 130, though every task had its result. The library's
 * compare() had no test of its own of flaky62's behaviour. Tiny boxes (8 x 8 x 8, 10 nm voxels), one thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from './helpers/tmp.js';
import { cli } from './helpers/cli.js';
import { compare } from '../src/index.js';

const tmp = tempFolder('batch-late-stop');

test('sweep stopped as its last task ends (the bar\'s "2/2 tasks" line) is no cancel: the summary says cancelled: false, exit 0, the words as compare\'s', async () => {
  const f = join(tmp, 'sw.yaml');
  writeFileSync(f, 'name: late\nbase: { metal: Li, lattice: { size: [8, 8, 8], voxel: 10 nm }, host: graphene, protocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2] }\naxes: { temperature: [25 degC, 30 degC] }\n');
  const db = join(tmp, 'sw.db');
  let stoppedAt: string | undefined;
  const r = await cli(['sweep', f, '--db', db, '--threads', '1', '--json'], {
    onStderr: (s) => {
      if (stoppedAt !== undefined || !/^late: 2\/2 tasks/m.test(s)) return;
      stoppedAt = s;
      process.emit('SIGINT', 'SIGINT');
    },
  });
  assert.match(stoppedAt ?? '', /late: 2\/2 tasks/, `stopped at the last task's line: ${r.stderr}`);
  assert.match(r.stderr, /stopping the sweep: finished results are kept/, 'the stop was taken');
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { ran: number; cancelled: boolean; tasks: number };
  assert.equal(summary.cancelled, false, r.stdout);
  assert.equal(summary.ran, 2, r.stdout);
  assert.match(r.stderr, /\nsacplate: every task had finished before the stop took effect: the summary follows\n/);
  // a rerun finds both results: nothing to run
  const again = await cli(['sweep', f, '--db', db, '--threads', '1', '--json']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((JSON.parse(again.stdout) as { ran: number }).ran, 0, again.stdout);
});

test('the library\'s compare(): a signal aborted when every case has finished (here each one before the call, kept in the store) stops nothing: cancelled: false, files written', async () => {
  const db = join(tmp, 'cmp.db');
  const input = {
    metal: 'Na', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false },
    variants: [{ name: 'Cu', host: 'Cu' }, { name: 'graphene', host: 'graphene' }],
  };
  const first = await compare(input, { db, threads: 1, outDir: join(tmp, 'cmp1'), figures: false });
  assert.equal(first.cancelled, false);
  const ac = new AbortController();
  ac.abort();
  const out = join(tmp, 'cmp2');
  const r = await compare(input, { db, threads: 1, outDir: out, figures: false, signal: ac.signal });
  assert.equal(r.cancelled, false);
  assert.deepEqual(r.stopped, []);
  assert.deepEqual(r.cases.map((c) => [c.name, c.reused]), [['Cu', true], ['graphene', true]]);
  assert.deepEqual(r.files, [join(out, 'compare.csv')]);
  assert.ok(existsSync(r.files[0]!));
  assert.deepEqual(readFileSync(r.files[0]!, 'utf8'), readFileSync(join(tmp, 'cmp1', 'compare.csv'), 'utf8'));
  // a stop with a case not finished is a cancel: a third case, not in the store, is stopped before it starts
  const more = { ...input, variants: [...input.variants, { name: 'slower', kinetics: { terraceBarrier: '0.35 eV' } }] };
  const c = await compare(more, { db, threads: 1, outDir: join(tmp, 'cmp3'), figures: false, signal: ac.signal });
  assert.equal(c.cancelled, true);
  assert.deepEqual(c.stopped, ['slower']);
  assert.deepEqual(c.files, []);
});
