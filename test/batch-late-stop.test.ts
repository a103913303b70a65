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
import { compare, runSweep } from '../src/index.js';
import { SweepStore } from '../src/sweep/store.js';
import { queueTestHooks, runQueueWorker } from '../src/sweep/queue.js';
import { redisAvailable, startRedis, type RedisHandle } from './helpers/redis.js';

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

const TINY = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };

test('the library\'s runSweep() on the pool: a signal aborted as onProgress says the last task is done is no cancel; aborted as the first of two is done, it is', async () => {
  for (const [at, cancelled, ran] of [[2, false, 2], [1, true, 1]] as const) {
    const ac = new AbortController();
    const r = await runSweep({ name: `late${at}`, base: TINY, axes: { temperature: ['25 degC', '30 degC'] } },
      { db: join(tmp, `lib${at}.db`), threads: 1, signal: ac.signal, onProgress: (done) => { if (done === at) ac.abort(); } });
    assert.ok(ac.signal.aborted, 'the stop came');
    assert.deepEqual([r.cancelled, r.ran], [cancelled, ran], `stopped as task ${at} of 2 ended`);
  }
});

test('a queued sweep (runSweep with queue) stopped once its last result is collected, as the watcher reads its tasks\' counts, is no cancel', { timeout: 60000, skip: redisAvailable() ? false : 'redis-server not installed (.ci/run installs it)' }, async () => {
  let redis: RedisHandle | undefined;
  const stopWorker = new AbortController();
  let worker: Promise<unknown> | undefined;
  try {
    redis = await startRedis();
    worker = runQueueWorker(redis.url, { concurrency: 1, signal: stopWorker.signal });
    const db = join(tmp, 'queue.db');
    const ac = new AbortController();
    // the stop lands inside the watcher's count of its tasks on the queue (after that turn's collect), once the store
    // holds both results: the count is then abandoned (untilStop), as a Ctrl-C meets it
    queueTestHooks.afterCountRead = async () => {
      const s = SweepStore.open(db);
      try { if (s.sweepRows('lateq').every((x) => x.status === 'done')) ac.abort(); } finally { s.close(); }
    };
    const r = await runSweep({ name: 'lateq', base: TINY, axes: { temperature: ['25 degC', '30 degC'] } }, { queue: redis.url, db, signal: ac.signal });
    assert.ok(ac.signal.aborted, 'the stop came after the last result was collected');
    assert.deepEqual([r.cancelled, r.ran, r.rows.map((x) => x.status)], [false, 2, ['done', 'done']]);
  } finally {
    queueTestHooks.afterCountRead = undefined;
    stopWorker.abort();
    await worker;
    await redis?.stop();
  }
});

test('screen stopped as its last simulation ends (the bar\'s "2/2 tasks" line) is no cancel: ranking printed, exit 0, said (a stop before the last simulation ends: test/screen.test.ts)', async () => {
  const f = join(tmp, 'screen.json');
  writeFileSync(f, JSON.stringify({ name: 'late-screen', base: { ...TINY, host: 'N-graphene' }, seeds: 1, objectives: ['nucleation_overpotential_mV'],
    candidates: [{ name: 'bare', sacs: [] }, { name: 'Zn-N4', sacs: [{ site: 'Zn-N4', loading: '4 %' }] }] }));
  let stoppedAt: string | undefined;
  const r = await cli(['screen', f, '--threads', '1', '--db', join(tmp, 'screen.db')], {
    onStderr: (s) => {
      if (stoppedAt !== undefined || !/^late-screen: 2\/2 tasks/m.test(s)) return;
      stoppedAt = s;
      process.emit('SIGINT', 'SIGINT');
    },
  });
  assert.match(stoppedAt ?? '', /^late-screen: 2\/2 tasks/, `stopped at the last simulation's line: ${r.stderr}`);
  assert.match(r.stderr, /sacplate: stopping the screen/, 'the stop was taken');
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /stopped;/);
  assert.match(r.stderr, /\nsacplate: every simulation had finished before the stop took effect: the ranking follows\n/);
  assert.match(r.stdout, /bare/);
  assert.match(r.stdout, /Zn-N4/);
});

test('runScreen: a stop between stages skips no look-up stage, stops before a script\'s own stage, and the nucleation stage hears it itself before its runs', { timeout: 60000 }, async () => {
  const { runScreen } = await import('../src/screen/screen.js');
  const { nucleationStage, NUCLEATION_OBJECTIVE } = await import('../src/screen/nucleation-stage.js');
  const { stabilityStage, screenStopped } = await import('../src/screen/stages.js');
  const screen = {
    name: 'stages-stop', base: { ...TINY, host: 'N-graphene' }, seeds: 1,
    candidates: [{ name: 'Zn-N4', sacs: [{ site: 'Zn-N4', loading: '4 %' }] }], objectives: ['sustainability', NUCLEATION_OBJECTIVE],
  };
  const expected = screenStopped('stages-stop').message;
  const stopping = (ac: AbortController) => ({ name: 'stop', describe: 'aborts the signal, as a Ctrl-C during it would', hearsStop: true,
    run: async () => { ac.abort(); return { values: new Map(), sources: [], notes: [] }; } });
  // a look-up stage after the stop: it runs, the screen ends (no cancel)
  let ac = new AbortController();
  const r = await runScreen(screen, { db: join(tmp, 'stages.db'), record: false, signal: ac.signal, stages: [stopping(ac), stabilityStage] });
  assert.ok(ac.signal.aborted);
  assert.deepEqual(r.ranking.map((x) => x.name), ['Zn-N4']);
  // a script's own stage (no hearsStop): stopped before it, as before
  ac = new AbortController();
  let ran = false;
  const own = { name: 'own', describe: 'a script\'s stage', run: async () => { ran = true; return { values: new Map(), sources: [], notes: [] }; } };
  await assert.rejects(runScreen(screen, { db: join(tmp, 'stages.db'), record: false, signal: ac.signal, stages: [stopping(ac), own] }), (e: unknown) => (e as Error).message === expected);
  assert.equal(ran, false);
  // the nucleation stage with its objective asked for: it hears the stop before its (synchronous, minutes for a new SAC) runs
  ac = new AbortController();
  await assert.rejects(runScreen(screen, { db: join(tmp, 'stages.db'), record: false, signal: ac.signal, stages: [stopping(ac), nucleationStage()] }), (e: unknown) => (e as Error).message === expected);
});
