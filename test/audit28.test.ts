/**
 * Session 27, task audit28.
 *  (1) FfsPool (src/nucleation/ffs-pool.ts) with a worker thread that ends without answering: a REAL pool worker
 *      (ffs-worker.js) dies inside its repetition, by a preload script (node --require, which worker threads run too)
 *      that ends the worker holding repetition 1 at its first read of the cancel word (inside runFfs):
 *      (a) process.exit(7): ffsPoint on a pool of 3 throws within 10 s an error naming worker thread 2 of 2, repetition 1
 *          and exit code 7; the other worker is stopped by the pool itself (the process's thread count falls back
 *          without pool.close()) and the child exits by itself;
 *      (b) terminate() from outside (the caller's signal getter, once the worker's word says it runs repetition 1; Linux
 *          only: seen through /proc): "no exit code";
 *      (c) the CLI (`nucleation --sampler ffs --threads 3`, the same preload): one line "sacplate: ... worker thread 2 of
 *          2 ... exit code 7 ... repetition 1", exit 1, no stack trace, within 20 s.
 *      Before the fix each child hung in the pool's wait (killed at its timeout: checked once).
 *  (2) an FFS point on 2 threads: its JSON carries no null or NaN CPU figure (cpuEach_s was [null, null, null, null]):
 *      no cpuEach_s but a note that per-repetition CPU is not measured on 2 threads, the point's process CPU, and the
 *      progress line says so too (ffsScan, one point: its stop rule ends the grid there).
 *  (3) the validation tables (validation/table.ts) print a row's source once: 14 rows of validation/results.json whose
 *      published text names its source ("converged in domain size (MODEL.md 4: ...)") printed it again after it.
 * Cheap box (Li on N-graphene's host box 8 x 8, 90 mV, target 16, 50 crossings and trials, as
 * test/nucleation-ffs-pool.test.ts); the CLI's box 8 x 8, target 16 (it stops within 100 ms of the worker's death).
 * (2) fails with ffs-scan.ts's cpuEach_s before the fix (NaN on a pool), (3) with table.ts's `published` before it.
 *  (4) a missing file given to the tour's commands (simulate, compare, fullcell, lit import, analyze, screen): one line
 *      "<path>: cannot read: no such file (ENOENT)", exit 2; a folder: "a folder, not a file (EISDIR)" (src/errors.ts
 *      fsReason); it said "cannot read (ENOENT)" or "cannot read: ENOENT" (fails with fsReason's words left out).
 * Measured: the file 3.7 s user + 0.5 s sys of CPU (children included), 6.7 s wall at load 5-7.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTables, type StudyResult } from '../validation/table.js';
import { ffsScan, FFS_SCAN } from '../src/nucleation/ffs-scan.js';
import { FfsPool } from '../src/nucleation/ffs-pool.js';
import { atomisticSpecOf, resolveStudy } from '../src/nucleation/index.js';
import { cli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-audit28-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

// the pool's worker (workerData with ctl and port) given repetition 1 ends at its first read of the cancel word
// (word 0), inside runFfs: process.exit(7), or nothing with DIE=none (the caller then terminates it)
const PRELOAD = file('die.cjs', `
const { isMainThread, workerData } = require('node:worker_threads');
if (!isMainThread && workerData && workerData.ctl && workerData.port && process.env.DIE === 'exit') {
  let mine = false;
  workerData.port.on('message', (t) => { mine = t.reps.includes(1); });
  const load = Atomics.load;
  Atomics.load = function (a, i) { if (mine && a.buffer === workerData.ctl && i === 0) process.exit(7); return load(a, i); };
}
`);
const src = new URL('../src/nucleation/', import.meta.url).href;
const CHILD = file('child.mjs', `
import { readFileSync, existsSync } from 'node:fs';
const { ffsPoint, FFS_SCAN } = await import(${JSON.stringify(src + 'ffs-scan.js')});
const { FfsPool, W_WORKER, W_EACH, W_REP } = await import(${JSON.stringify(src + 'ffs-pool.js')});
const { atomisticSpecOf, resolveStudy } = await import(${JSON.stringify(src + 'index.js')});
const threads = () => existsSync('/proc/self/status') ? Number(/Threads:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) : NaN;
const spec = { ...atomisticSpecOf(resolveStudy({ metal: 'Li', host: 'N-graphene' }), { capture: true, L: 8, target: 16 }, 0.09, false), maxEvents: 1e7 };
const set = { ...FFS_SCAN, fluxCrossings: 50, trials: 50, ladderMax: 20 };
const before = threads();
const pool = new FfsPool(3);
// DIE=none: the caller's signal, read inside its own runFfs, terminates worker 2 once it runs repetition 1 (its word)
let killed = false;
const running = () => pool.started === 2 && Atomics.load(pool.ctl, W_WORKER + W_EACH + W_REP) === 2;
const signal = { get aborted() { if (process.env.DIE === 'none' && !killed && running()) { killed = true; void pool.workers[1].w.terminate(); } return false; } };
const t0 = performance.now();
let message = 'no error';
try { ffsPoint(spec, 1, set, { target: 16, capture: false, pool, signal }); } catch (e) { message = e.message; }
const ms = performance.now() - t0;
// no pool.close(): the pool stopped its other worker itself (terminate() is asynchronous: up to 5 s)
for (let i = 0; i < 50 && Number.isFinite(before) && threads() > before; i++) await new Promise((r) => setTimeout(r, 100));
console.log(JSON.stringify({ message, ms, before, after: threads() }));
`);

function child(die: 'exit' | 'none'): { message: string; ms: number; before: number; after: number } {
  const r = spawnSync(process.execPath, ['--require', PRELOAD, CHILD], { encoding: 'utf8', timeout: 20000, killSignal: 'SIGKILL', env: { ...process.env, DIE: die } });
  assert.equal(r.signal, null, `the child did not end by itself within 20 s (hung in the pool's wait?): ${r.stdout}${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { message: string; ms: number; before: number; after: number };
}

test('(1a) a pool worker that calls process.exit inside its repetition: the point fails naming it, and the pool stops its other worker', () => {
  const o = child('exit');
  assert.match(o.message, /^FfsPool: worker thread 2 of 2 .*ended with exit code 7 while it ran repetition 1 \(seed 2\), without answering: the point failed \(no result for its repetition 1 of repetitions 0-3\) and the other threads were stopped/);
  assert.ok(o.ms < 10000, `failed after ${o.ms.toFixed(0)} ms`);
  if (Number.isFinite(o.before)) assert.ok(o.after <= o.before, `no worker left without close(): ${o.after} threads after against ${o.before} before`);
});

test('(1b) a pool worker terminated from outside (no exit code): the point fails naming it (Linux: /proc)', { skip: !existsSync('/proc/thread-self') && 'no /proc/thread-self' }, () => {
  const o = child('none');
  assert.match(o.message, /^FfsPool: worker thread 2 of 2 \(thread id \d+\) ended with no exit code \(terminated, or past its heap limit\) while it ran repetition 1 \(seed 2\)/);
  assert.ok(o.ms < 10000, `failed after ${o.ms.toFixed(0)} ms`);
  if (Number.isFinite(o.before)) assert.ok(o.after <= o.before, `no worker left without close(): ${o.after} threads after against ${o.before} before`);
});

test('(1c) the CLI: a pool worker that dies is one line naming it, exit 1, no stack trace', () => {
  const bin = fileURLToPath(new URL('../../bin/sacplate.js', import.meta.url));
  const home = mkdtempSync(join(dir, 'home-'));
  const r = spawnSync(process.execPath, ['--require', PRELOAD, bin, 'nucleation', '--metal', 'Li', '--host', 'graphene', '--sampler', 'ffs', '--box', '8', '--target', '16', '--threads', '3', '--no-store'],
    { encoding: 'utf8', timeout: 20000, killSignal: 'SIGKILL', env: { ...process.env, HOME: home, DIE: 'exit', SACPLATE_DEBUG: '' } });
  assert.equal(r.signal, null, `the CLI did not end within 20 s: ${r.stderr}`);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('sacplate:'));
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^sacplate: internal error: FfsPool: worker thread 2 of 2 .*ended with exit code 7 while it ran repetition 1 \(seed \d+\)/);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  assert.equal(r.stdout, '');
});

test('(2) an FFS point on 2 threads: no null or NaN CPU figure in its JSON or its progress line; it says per-repetition CPU is not measured', async () => {
  const study = resolveStudy({ metal: 'Li', host: 'N-graphene' });
  const specAt = (eta: number) => ({ ...atomisticSpecOf(study, { capture: true, L: 8, target: 16 }, eta, false), maxEvents: 1e7 });
  const lines: string[] = [];
  const pool = new FfsPool(2);
  let points;
  try {
    ({ points } = ffsScan(specAt, 0.09, { L: 8, target: 16, capture: false, seed: 1, pool, stop: () => 'one point' }, false, null, (m) => lines.push(m), undefined, { ...FFS_SCAN, fluxCrossings: 50, trials: 50, ladderMax: 20 }));
  } finally {
    await pool.close();
  }
  assert.equal(points.length, 1);
  const d = points[0]!.ffs;
  const json = JSON.stringify(d);
  assert.doesNotMatch(json, /"(cpuEach_s|cpu_s|wallEach_s|wall_s)":(\[[^\]]*)?null/, json);
  assert.equal(d.cpuEach_s, undefined);
  assert.match(d.cpuEachNote ?? '', /^per-repetition CPU not measured on 2 threads/);
  assert.ok(d.threads === 2 && d.cpu_s > 0 && d.wallEach_s.length === 4 && d.wallEach_s.every((w) => w > 0), json);
  const line = lines.find((l) => l.startsWith('host eta 90 mV (FFS'))!;
  assert.match(line, /, \d+\.\d CPU s of the process \(per-repetition CPU not measured on 2 threads\), \d+\.\d s wall$/);
  assert.doesNotMatch(line, /NaN|null/);
});

test("(3) the validation tables carry each row's source once: a published text that names its source is not followed by it again", () => {
  const { studies } = JSON.parse(readFileSync('validation/results.json', 'utf8')) as { studies: StudyResult[] };
  const esc = (x: string) => x.replace(/\|/g, '\\|');
  let rows = 0, named = 0;
  for (const s of studies) {
    for (const e of s.entries) {
      const { readme, docs } = renderTables([{ ...s, entries: [e] }]);
      for (const table of [readme, docs]) {
        const row = table.split('\n').find((l) => l.startsWith(`| ${esc(e.quantity)} |`))!;
        const pub = row.slice(`| ${esc(e.quantity)} | `.length).split(' | ')[0]!;
        const src = esc(e.source);
        assert.equal(pub.split(src).length - 1, (esc(e.published).split(src).length - 1) || 1, `${s.id}: "${e.quantity}": the source "${e.source}" once: ${pub}`);
        if (!e.published.includes(e.source)) assert.equal(pub, `${esc(e.published)} (${src})`);
      }
      rows++;
      if (e.published.includes(e.source)) named++;
    }
  }
  assert.ok(rows > 600 && named >= 14, `${rows} rows, ${named} naming their source in the published text`);
  // a longer name that only begins with the source is not the source: it is still added
  const one = (published: string, source: string) => renderTables([{ id: 'x', title: 'X', wall_s: 1, entries: [{ id: 'q', quantity: 'q', published, source, measured: 1, unit: 'mV', runs: 'seed 1', pass: true, note: '' }] }]).readme.split('\n')[2]!;
  assert.match(one('< 10 % (MODEL.md 4)', 'MODEL.md 4'), /^\| q \| < 10 % \(MODEL\.md 4\) \| 1 mV/);
  assert.match(one('< 10 % (MODEL.md 45)', 'MODEL.md 4'), /^\| q \| < 10 % \(MODEL\.md 45\) \(MODEL\.md 4\) \| 1 mV/);
});

test('(4) the tour with a missing file: one line saying "no such file", the path named, exit 2 (it said "cannot read (ENOENT)" or "cannot read: ENOENT")', async () => {
  const missing = join(dir, 'no-such.yaml');
  for (const args of [['simulate', missing], ['compare', missing], ['fullcell', missing], ['lit', 'import', missing], ['analyze', join(dir, 'no-such.csv'), '--protocol', 'fullcell'], ['screen', missing]]) {
    const r = await cli(args, { env: { SACPLATE_DB: join(dir, 'store.db') } });
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code} ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), /^sacplate: \S*no-such\.(yaml|csv): cannot read: no such file \(ENOENT\)$/, args.join(' '));
  }
  const r = await cli(['simulate', dir]);
  assert.match(r.stderr.trim(), /^sacplate: \S+: cannot read: a folder, not a file \(EISDIR\)$/);
});
