/**
 * An FFS point's repetitions on several threads (src/nucleation/ffs-pool.ts, ffs-worker.ts; branch ffspar), on a cheap
 * box (Li on N-graphene's host box, 8 x 8, 90 mV, target 16, ladder to 20, as test/nucleation-ffs-scan.test.ts's n* test):
 *  (a) ffsPoint on a pool of 2 and of 3 threads is ffsPoint on one to the bit (rates, n*, B, events, the capture
 *      factor E and the clusters it was taken over), and the pool's runFfs results are the sequential ones with every
 *      kept state (cpu_s and wall_s aside: measurements, and cpu_s NaN on a pool: the point has no cpuEach_s there but
 *      a note that per-repetition CPU is not measured); the pool runs a second point too;
 *  (b) a stop during a parallel point (atomisticStage with threads 2, sampler ffs, a 10 x 10 box: its first point takes about 7 s of CPU; the signal set 0.8 s in) throws
 *      NucleationCancelled within 2 s, the pool's thread was running when the stop came, and none is left: the child
 *      process's thread count (Linux /proc) falls back to what it was before the stage, and the process exits by itself;
 *  (c) an error inside a worker surfaces as the sequential loop's (a box with halo 0: every repetition fails at its
 *      first run): the same class, name and message, repetition 0's (which runs on the worker: its stack names
 *      ffs-worker.js), and the pool closes after it;
 *  (d) the library's `threads` and the CLI's --threads: an integer >= 1 (countOf for the flag), refused beside a named
 *      sampler that runs no FFS (mfpt, --plain), one line each, before any work (instant).
 * Checked against broken variants (scratch edits of dist, restored): results put back in completion order (the
 * caller's share first) fails (a); atomisticStage without pool.close() fails (b) (the thread count stays up and the child
 * does not exit); the caller's own error thrown before the workers' fails (c); the sampler check left out of
 * parseFfsThreads fails (d).
 * Fixed seeds. Measured: the file 5.4 s of user CPU (the child of (b) included), 5.8 s wall at load 2.6; (a) 1.9-3.0 s,
 * (b) 2.0 s wall, (c) and (d) under 0.1 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffsPoint, FFS_SCAN, ladderFor, type FfsPointResult } from '../src/nucleation/ffs-scan.js';
import { FfsPool } from '../src/nucleation/ffs-pool.js';
import { runFfs, type FfsResult } from '../src/nucleation/ffs.js';
import { atomisticSpecOf, resolveStudy } from '../src/nucleation/index.js';
import { nucleation } from '../src/nucleation/library.js';
import { parseFfsThreads } from '../src/nucleation/sampler.js';
import { InputError } from '../src/errors.js';
import { cli } from './helpers/cli.js';

const spec = { ...atomisticSpecOf(resolveStudy({ metal: 'Li', host: 'N-graphene' }), { capture: true, L: 8, target: 16 }, 0.09, false), maxEvents: 1e7 };
const set = { ...FFS_SCAN, fluxCrossings: 50, trials: 50, ladderMax: 20 };

/** a point without its measurements (CPU, wall, threads) */
const physics = (p: FfsPointResult) => ({ ...p, ffs: { ...p.ffs, cpuEach_s: [], cpuEachNote: '', wallEach_s: [], threads: 0, cpu_s: 0, wall_s: 0 } });

test('(a) a point on a pool of 2 or 3 threads is the sequential point to the bit, kept states included', async () => {
  const one = ffsPoint(spec, 1, set, { target: 16, capture: true });
  assert.equal(one.ffs.failed, null);
  assert.ok(one.ffs.captureClusters > 0 && one.E > 1, 'the capture factor was taken over kept states');
  assert.equal(one.ffs.threads, 1);
  for (const threads of [2, 3]) {
    const pool = new FfsPool(threads);
    try {
      const p = ffsPoint(spec, 1, set, { target: 16, capture: true, pool });
      assert.equal(p.ffs.threads, threads);
      assert.equal(pool.started, threads - 1);
      assert.equal(p.ffs.cpuEach_s, undefined, 'no per-repetition CPU on a pool (process.cpuUsage counts every thread)');
      assert.match(p.ffs.cpuEachNote ?? '', new RegExp(`^per-repetition CPU not measured on ${threads} threads`));
      assert.ok(p.ffs.wallEach_s.every((w) => w > 0) && p.ffs.cpu_s > 0);
      assert.deepEqual(physics(p), physics(one));
      if (threads === 2) {
        // the repetitions themselves, every kept state, on the pool's second point (a cheaper ladder, seeds 40 ..)
        const o = { lambdaA: 2, interfaces: ladderFor(12, 12), fluxCrossings: 20, trials: 20, maxEventsPerRun: 1e8, keepStates: true };
        const box = { ...spec } as Partial<typeof spec>;
        delete box.target;
        const strip = (r: FfsResult) => ({ ...r, cpu_s: 0, wall_s: 0 });
        const seq = [0, 1, 2].map((r) => runFfs(box as typeof spec, { ...o, seed: 40 + r }));
        const par = pool.run(box as typeof spec, o, 40, 3);
        assert.ok(seq.every((r) => (r.states?.length ?? 0) > 1));
        assert.deepEqual(par.map(strip), seq.map(strip));
      }
    } finally {
      await pool.close();
    }
    assert.equal(pool.started, 0);
  }
});

test('(b) a stop during a parallel point stops it and leaves no thread: the process exits', () => {
  const dist = new URL('../src/nucleation/', import.meta.url).href;
  const script = `
    import { readFileSync, existsSync } from 'node:fs';
    const { atomisticStage, resolveStudy, NucleationCancelled } = await import(${JSON.stringify(dist + 'index.js')});
    const threads = () => existsSync('/proc/self/status') ? Number(/Threads:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) : NaN;
    const before = threads();
    const t0 = performance.now();
    let atStop = null, tStop = NaN;
    const signal = { get aborted() { if (performance.now() - t0 < 800) return false; if (atStop === null) { atStop = threads(); tStop = performance.now(); } return true; } };
    let what = 'finished';
    try {
      atomisticStage(resolveStudy({ metal: 'Li', host: 'N-graphene' }), { sampler: 'ffs', L: 10, target: 16, capture: false }, undefined, undefined, signal, undefined, 2);
    } catch (e) { what = e instanceof NucleationCancelled ? 'cancelled' : 'error: ' + e.message; }
    const stopMs = performance.now() - tStop;
    // the pool's terminate() is asynchronous: up to 5 s for its thread to be gone
    for (let i = 0; i < 50 && Number.isFinite(before) && threads() > before; i++) await new Promise((r) => setTimeout(r, 100));
    console.log(JSON.stringify({ what, before, atStop, after: threads(), stopMs }));
  `;
  // a file, not -e: a worker inherits the process's execArgv, and --input-type (which -e needs here) refuses a file
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ffspar-'));
  writeFileSync(join(dir, 'stop.mjs'), script);
  const r = spawnSync(process.execPath, [join(dir, 'stop.mjs')], { encoding: 'utf8', timeout: 30000 });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.signal, null, `the child did not exit by itself within 30 s (a thread left running?): ${r.stdout}${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout.trim().split('\n').pop()!) as { what: string; before: number; atStop: number; after: number; stopMs: number };
  assert.equal(o.what, 'cancelled');
  assert.ok(o.stopMs < 2000, `stopped ${o.stopMs.toFixed(0)} ms after the signal`);
  if (Number.isFinite(o.before)) {
    assert.ok(o.atStop > o.before, `the pool's thread ran when the stop came: ${o.atStop} threads against ${o.before} before`);
    assert.ok(o.after <= o.before, `no thread left: ${o.after} threads after against ${o.before} before`);
  }
});

test("(c) an error inside a worker surfaces as the sequential loop's, from the worker, and the pool closes", async () => {
  const bad = { ...spec, halo: 0 };
  const seqErr = (() => { try { ffsPoint(bad, 1, set, { target: 16, capture: true }); } catch (e) { return e as Error; } return null; })();
  assert.ok(seqErr instanceof Error && /halo = 0/.test(seqErr.message));
  const pool = new FfsPool(2);
  try {
    assert.throws(() => ffsPoint(bad, 1, set, { target: 16, capture: true, pool }), (e: Error) => {
      assert.equal(e.constructor, seqErr.constructor);
      assert.equal(e.name, seqErr.name);
      assert.equal(e.message, seqErr.message);
      assert.match(e.stack ?? '', /ffs-worker\.js/, 'repetition 0 ran on the worker: its error is the one thrown');
      return true;
    });
  } finally {
    await pool.close();
  }
  assert.equal(pool.started, 0);
  assert.throws(() => pool.run(bad, { lambdaA: 2, interfaces: [3, 4], fluxCrossings: 2, trials: 1 }, 1, 2), /FfsPool: closed/);
});

test('(d) threads: the library option and --threads take an integer >= 1 (a count as text for the flag), refused beside a named sampler without FFS, in one line before any work', async () => {
  const req = { metal: 'Li', host: 'graphene', current_A_per_m2: 10 };
  for (const bad of [0, 1.5, -1, '2', NaN]) {
    await assert.rejects(nucleation(req, { db: false, threads: bad as number }), (e: unknown) => e instanceof InputError && e.field === 'threads' && /expected an integer >= 1 \(threads each forward flux sampling point/.test(e.message), String(bad));
  }
  await assert.rejects(nucleation({ ...req, atomistic: { sampler: 'mfpt' } }, { db: false, threads: 2 }), /threads: got 2, expected 1 or left out with sampler 'mfpt'/);
  await assert.rejects(nucleation({ ...req, atomistic: { reservoir: false } }, { db: false, threads: 2 }), /threads: got 2, expected 1 or left out with sampler 'mfpt'/);
  const nuc = ['nucleation', '--metal', 'Li', '--host', 'graphene', '--no-store'];
  for (const [args, want] of [
    [[...nuc, '--threads', '0x2'], /^sacplate: --threads: got "0x2", expected an integer >= 1 \(/],
    [[...nuc, '--threads', '0'], /^sacplate: --threads: got "0", expected an integer >= 1 \(/],
    [[...nuc, '--threads', '2', '--sampler', 'mfpt'], /^sacplate: --threads: got "2", expected 1 or left out with sampler 'mfpt'/],
    [[...nuc, '--threads', '2', '--plain'], /^sacplate: --threads: got "2", expected 1 or left out with sampler 'mfpt'/],
  ] as const) {
    const r = await cli([...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code} ${r.stderr}`);
    assert.match(r.stderr, want);
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
  }
  assert.equal(parseFfsThreads('--threads', ' 3 ', true), 3);
  assert.equal(parseFfsThreads('threads', 1, false, 'mfpt'), 1, 'one thread is what mfpt runs on: taken');
});
