/**
 * Ctrl-C and SIGTERM on the CLI: one helper (src/cli/signals.ts) for every command, whose first signal stops with
 * the shared stop line (the signal, what a second one does) and whose second quits at once; sweep, fullcell with an
 * anode run, `sacplate serve` and `sacplate worker` (the last two spawned, as a real process is the point).
 *
 * Moved here from test/review33.test.ts, test/mends42.test.ts, test/mends40.test.ts and test/mends44.test.ts
 * (branch testsort; docs/history.md's testsort entry maps each old file to its new ones). Each test's story is told
 * in docs/history.md under the session that wrote it: a session's name in a test's name (e.g. 'mends36') refers to
 * that entry.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readdirSync, readFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { tempFolder } from './helpers/tmp.js';
import { cliInterrupted, cli } from './helpers/cli.js';
import { redisAvailable, startRedis, type RedisHandle } from './helpers/redis.js';
import { sweepTasks } from '../src/sweep/library.js';
import { onStopSignals, stopLine } from '../src/cli/signals.js';
import { SweepStore } from '../src/sweep/store.js';

const tmp = tempFolder('cli-signals');
const tmp2 = tempFolder('cli-signals');

/*
 * mends44, item 3: `sacplate serve` and `sacplate worker` had handlers of their own: a first Ctrl-C or SIGTERM wrote
 * "sacplate serve: stopping (cancelling running runs, closing the store)" or "worker: stopping after the running
 * tasks", without the signal or what a second one does, and a second one met no handler (process.once): the process
 * died by the signal (exit 130 for SIGINT, 143 for SIGTERM, nothing said). They use src/cli/signals.ts now as the
 * other commands do (the line, and a second signal exits 130 at once); the server still closes its port and store
 * and the worker still finishes its running tasks, each exiting 0 after that. Both tests fail on the code before
 * (the words; the worker's second SIGTERM: killed by the signal).
 */
const children: ChildProcess[] = [];

const servers: RedisHandle[] = [];

after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const r of servers) await r.stop();
});

const sacplate = (args: string[]) => {
  const proc = spawn(process.execPath, ['bin/sacplate.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  const io = { out: '', err: '' };
  proc.stdout!.on('data', (d: Buffer) => { io.out += d.toString(); });
  proc.stderr!.on('data', (d: Buffer) => { io.err += d.toString(); });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  return { proc, io, exit };
};

const until = async (what: string, ok: () => boolean, io: { err: string }) => {
  for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(ok(), `${what}; stderr: ${io.err}`);
};

test('sweep\'s stop line says what a second signal does, as the other commands\' lines do (SIGINT and SIGTERM)', async () => {
  const f = join(tmp, 'sw.yaml');
  writeFileSync(f, 'name: r33\nbase: { metal: Li, lattice: { size: [8, 8, 8], voxel: 10 nm }, host: graphene, protocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2] }\naxes: { temperature: [25 degC, 30 degC] }\n');
  for (const [sig, line] of [
    ['SIGINT', '\nsacplate: stopping the sweep: finished results are kept, run again with --resume (Ctrl-C again to quit at once)\n'],
    ['SIGTERM', '\nsacplate: SIGTERM: stopping the sweep: finished results are kept, run again with --resume (a second signal quits at once)\n'],
  ] as const) {
    const r = await cliInterrupted(['sweep', f, '--db', join(tmp, `${sig}.db`), '--threads', '1', '--json'], sig);
    assert.ok(r.handled, 'the sweep put its handler in place');
    assert.equal(r.code, 130, r.stderr);
    assert.ok(r.stderr.includes(line), r.stderr);
    // mends70b: stopped as its plan was made, before any task ended: nothing of it is kept, said (the stop line's "finished
    // results are kept" was the last word)
    assert.match(r.stderr, /\nr33: stopped before any task finished, so this run kept none \(a task stopped part-way is not kept\): run the same command again \(or with --resume\) to run the 2 from the start\n$/, r.stderr);
  }
});

// mends70c (review70b left it): mends70b's line keyed on no task run to a result, so a --keep-going sweep stopped after
// only failed tasks said "stopped before any task finished". Task 0 fails at once (the test's fault injection,
// SACPLATE_DEBUG_CRASH_TASKS: no input passes the run file's checks and then fails in the engine); the stop comes once
// its error row is in the store, task 1 running (a run of many seconds, stopped part-way)
test('sweep --keep-going stopped after only failed tasks says how many failed and that none finished (mends70c)', { timeout: 60_000 }, async () => {
  const f = join(tmp, 'kg.yaml'), db = join(tmp, 'kg.db');
  writeFileSync(f, 'name: kg70c\nbase: { metal: Li, lattice: { size: [24, 24, 24], voxel: 10 nm }, host: graphene, protocol: [Plate 1 mAh/cm2 at 1 mA/cm2], output: { snapshots: false } }\naxes: { temperature: [25 degC, 30 degC] }\n');
  const before = process.listenerCount('SIGINT');
  const call = cli(['sweep', f, '--db', db, '--threads', '1', '--keep-going', '--json'], { env: { SACPLATE_DEBUG_CRASH_TASKS: '0' } });
  const failed = () => { if (!existsSync(db)) return false; const s = SweepStore.open(db); try { return s.sweepRows('kg70c').some((x) => x.status === 'error'); } finally { s.close(); } };
  const t0 = Date.now();
  while (!(process.listenerCount('SIGINT') > before && failed()) && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20));
  assert.ok(process.listenerCount('SIGINT') > before && failed(), 'task 0 failed within 30 s, the sweep listening');
  process.emit('SIGINT', 'SIGINT');
  const r = await call;
  assert.equal(r.code, 130, r.stderr);
  const sum = JSON.parse(r.stdout) as { ran: number; errors: number; cancelled: boolean };
  assert.deepEqual([sum.ran, sum.errors, sum.cancelled], [0, 1, true], r.stdout);
  assert.doesNotMatch(r.stderr, /before any task finished/, r.stderr);
  assert.match(r.stderr, /\nkg70c: stopped after 1 task failed and none finished, so this run kept no result \(a failed task has none; a task stopped part-way is not kept\): run the same command again \(or with --resume\) to run the 2 from the start, the failed one retried\n$/, r.stderr);
});

test('one SIGINT/SIGTERM helper for the CLI: first signal stops, later ones quit (or are ignored); no command installs its own', () => {
  const added = (sig: NodeJS.Signals, before: Function[]) => process.listeners(sig).filter((l) => !before.includes(l)) as ((s: NodeJS.Signals) => void)[];
  const beforeInt = process.listeners('SIGINT'), beforeTerm = process.listeners('SIGTERM');
  const calls: string[] = [];
  const off = onStopSignals((sig) => calls.push(`first ${sig}`), (sig) => calls.push(`again ${sig}`));
  const [onInt] = added('SIGINT', beforeInt), [onTerm] = added('SIGTERM', beforeTerm);
  assert.ok(onInt && onTerm && onInt === onTerm, 'one handler on both signals');
  onTerm('SIGTERM');
  onInt('SIGINT');
  onInt('SIGINT');
  assert.deepEqual(calls, ['first SIGTERM', 'again SIGINT', 'again SIGINT']);
  off();
  assert.equal(added('SIGINT', beforeInt).length + added('SIGTERM', beforeTerm).length, 0, 'handlers removed');
  const ignored: string[] = [];
  const off2 = onStopSignals((sig) => ignored.push(sig), null);
  const [h] = added('SIGINT', beforeInt);
  h!('SIGINT'); h!('SIGINT');
  assert.deepEqual(ignored, ['SIGINT']);
  off2();
  assert.equal(stopLine('SIGINT', 'stopping the screen'), '\nsacplate: stopping the screen (Ctrl-C again to quit at once)\n');
  assert.equal(stopLine('SIGTERM', 'stopping the screen'), '\nsacplate: SIGTERM: stopping the screen (a second signal quits at once)\n');
  // the commands that stop on a signal go through the helper: none adds its own handler (sweep's queue worker, which
  // stops once and then takes the default action, and the server keep theirs)
  const own: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const f = join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (f.endsWith('.ts') && f !== join('src', 'cli', 'signals.ts')) {
        const n = (readFileSync(f, 'utf8').match(/process\.on\('SIG(INT|TERM)'/g) ?? []).length;
        if (n) own.push(`${f}: ${n}`);
      }
    }
  };
  walk(join('src', 'cli'));
  assert.deepEqual(own, []);
});

test('fullcell with anode.run: simulate\'s progress line while the anode simulates (stderr no terminal), and Ctrl-C stops it: exit 130, said, no stack trace', { timeout: 60000 }, async () => {
  const { spawn } = await import('node:child_process');
  // a Li||Cu run of 40 short half cycles (each below simulate's 200 000 events between progress reports)
  const anode = join(tmp2, 'anode.yaml');
  writeFileSync(anode, 'metal: Li\nlattice: { size: [16, 16, 40], voxel: 20 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.25 eV }\nsei: carbonate\n' +
    'protocol:\n  - repeat: 20\n    steps:\n      - Plate 0.1 mAh/cm2 at 1 mA/cm2\n      - Strip at 1 mA/cm2 until 1 V\nseed: 1\noutput: { snapshots: false }\n');
  const fc = join(tmp2, 'fc.yaml');
  writeFileSync(fc, 'cathode: LFP\nnp: 1\ncycles: 20\nanode: { run: anode.yaml }\n');
  const p = spawn(process.execPath, [resolve('bin/sacplate.js'), 'fullcell', fc], { cwd: tmp2, env: { ...process.env, SACPLATE_DB: join(tmp2, 'fc.db') } });
  let stderr = '', stdout = '';
  p.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  const sawLine = new Promise<boolean>((resolve) => {
    const guard = setTimeout(() => resolve(false), 20000);
    p.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (/^anode run: step \d+\/40 .*events\/s, eta /m.test(stderr)) { clearTimeout(guard); resolve(true); }
    });
    p.on('exit', () => { clearTimeout(guard); resolve(/^anode run: /m.test(stderr)); });
  });
  const saw = await sawLine;
  if (p.exitCode === null) p.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => { if (p.exitCode !== null) resolve(p.exitCode); else p.on('exit', (c) => resolve(c)); });
  assert.ok(saw, `no progress line: ${stderr}`);
  assert.equal(code, 130, stderr);
  assert.match(stderr, /\nsacplate: stopped: the anode run had not finished \(its CE per cycle is the full cell's input\); nothing written\n$/);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  assert.equal(stdout, '', 'no table of a half-run anode');
});

test('sacplate serve on SIGTERM: the shared stop line (signal, what a second one does), port closed, exit 0', { timeout: 60000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends44-serve-'));
  try {
    const s = sacplate(['serve', '--port', '0', '--db', join(dir, 'store.db')]);
    await until('the server printed its URL', () => /^http:\/\/127\.0\.0\.1:\d+\//.test(s.io.out), s.io);
    const url = s.io.out.trim();
    s.proc.kill('SIGTERM');
    const { code } = await s.exit;
    assert.equal(code, 0, s.io.err);
    assert.match(s.io.err, /^sacplate: SIGTERM: stopping the workbench: cancelling running runs, closing its port and store \(a second signal quits at once\)$/m);
    await assert.rejects(fetch(url), 'the port is closed');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

/**
 * A `sacplate worker` on a loopback redis with one queued sweep task of many seconds (Li on Cu, 16^3 voxels of 10 nm,
 * 0.01 mAh/cm2; the sweep in this process), `fn` given the worker once it has started the task; the sweep is stopped,
 * redis and the folder removed after it. The worker starts after the sweep when `workerFirst` is false.
 */
async function withWorkerInTask(tag: string, o: { concurrency: number; workerFirst: boolean }, fn: (w: ReturnType<typeof sacplate>) => Promise<void>): Promise<void> {
  const redis = await startRedis();
  servers.push(redis);
  const dir = mkdtempSync(join(tmpdir(), `sacplate-${tag}-worker-`));
  const stopSweep = new AbortController();
  try {
    const file = join(dir, 'one.json');
    writeFileSync(file, JSON.stringify({ name: 'one', base: { metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 16], voxel: '10 nm' }, protocol: ['Plate 0.01 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }, seeds: 1 }));
    const start = () => sacplate(['worker', '--queue', redis.url, '--concurrency', String(o.concurrency)]);
    const w = o.workerFirst ? start() : undefined;
    // the sweep that puts the task on the queue runs in this process (the library's sweepTasks, as `sacplate sweep
    // --queue` runs it; a spawned `sacplate sweep` stopped with SIGINT until branch testtime30, about 1 CPU s of node's
    // start and BullMQ's modules): only the worker's signals are tested here
    const sw = sweepTasks(file, { queue: redis.url, db: join(dir, 'store.db'), signal: stopSweep.signal });
    const worker = w ?? start();
    await until('the worker started the task', () => /start [0-9a-f]{32}/.test(worker.io.err), worker.io);
    await fn(worker);
    stopSweep.abort();
    assert.equal((await sw).cancelled, true);
  } finally {
    stopSweep.abort();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('sacplate worker: a first SIGTERM finishes the running task (shared stop line), a second exits 130 at once', { timeout: 120000, skip: redisAvailable() ? false : 'redis-server not installed (.ci/run installs it)' }, async () => {
  // one task of many seconds: the worker is still in it when the second signal comes
  await withWorkerInTask('mends44', { concurrency: 1, workerFirst: true }, async (w) => {
    w.proc.kill('SIGTERM');
    await until('the worker said it stops', () => /stopping/.test(w.io.err), w.io);
    assert.match(w.io.err, /^sacplate: SIGTERM: stopping the worker after its running tasks \(a second signal quits at once\)$/m);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(w.proc.exitCode, null, `the first signal does not end the running task: ${w.io.err}`);
    w.proc.kill('SIGTERM');
    assert.deepEqual(await w.exit, { code: 130, signal: null }, w.io.err);
  });
});

/*
 * mends47, item 1: under load (8-9), the test above once saw the worker die by SIGABRT, not exit 130: "FATAL ERROR:
 * v8::Module::IsGraphAsync must be used on an instantiated module". Node 20 aborts the whole process when a thread is
 * ended (process.exit's teardown, or pool.destroy) while require(esm) links its module graph, and piscina loaded the
 * task module by require(). The pool's threads load it through a CommonJS entry and import() now (task-entry.cts), as
 * every other thread of sacplate loads its module. Here the second signal comes as soon as the first one is said,
 * while the two threads (started with the banner, just before the task's line; 0.1-1 s to load) may still be
 * loading: a clean exit 130 with the shared stop line, whatever the timing. The abort itself came about 1 time in
 * 400-500 thread starts ended at random (docs/history.md, mends47): this test cannot show it on demand, it checks the path.
 */
test('sacplate worker: a second SIGTERM right after the first, while its threads may still be starting, exits 130 (no native abort)', { timeout: 120000, skip: redisAvailable() ? false : 'redis-server not installed (.ci/run installs it)' }, async () => {
  await withWorkerInTask('mends47', { concurrency: 2, workerFirst: false }, async (w) => {
    w.proc.kill('SIGTERM');
    await until('the worker said it stops', () => /stopping/.test(w.io.err), w.io);
    w.proc.kill('SIGTERM');
    assert.deepEqual(await w.exit, { code: 130, signal: null }, w.io.err);
    assert.match(w.io.err, /^sacplate: SIGTERM: stopping the worker after its running tasks \(a second signal quits at once\)$/m);
    assert.doesNotMatch(w.io.err, /FATAL|Abort|\n\s+at /, 'no native abort, no stack trace');
  });
});

// From audit-cli (session 10, branch `audit`: the end-to-end audit of the user commands); failed before its fix.
test('a cancelled run without a checkpoint says why: none asked for, or stopped before the first (checkpoints no longer wait for an engine rebuild, and pulse trains take them)', async () => {
  const { defaultRebuildEvery, noCheckpointNote } = await import('../src/simulation/rebuild-interval.js');
  assert.equal(defaultRebuildEvery(250 * 250 * 200), 100_000_000);
  assert.equal(defaultRebuildEvery(10), 1 << 21);
  const note = noCheckpointNote({ checkpointEvery_s: 10, rebuildEvery: defaultRebuildEvery(250 * 250 * 200), events: 8_600_000 });
  assert.match(note, /event 8,600,000 before the first one was written/);
  assert.doesNotMatch(note, /pulse/); // pulse trains take checkpoints (pulse.ts)
  assert.doesNotMatch(note, /rebuild/);
  assert.match(noCheckpointNote({ rebuildEvery: 1 << 21, events: 5 }), /--checkpoint-every/);
});

test('simulate --sectors: Ctrl-C terminates the sector run\'s threads and says nothing is kept (no checkpoint): exit 130, no outputs, no record', async () => {
  // sectorcli: the sector scheme's first CLI. A run of 120 voxels (several seconds on two threads) stopped as it starts:
  // the threads are terminated (a live worker would keep this test file's process from ending), nothing is written
  const f = join(tmp, 'sectors.yaml');
  writeFileSync(f, 'metal: Li\nhost: Cu\nlattice: { size: [16, 8, 8], voxel: 50 nm }\nprotocol: [Plate 0.01 mAh/cm2 at 3 mA/cm2]\nseed: 1\n');
  const out = join(tmp, 'sectors-out'), db = join(tmp, 'sectors.db');
  const r = await cliInterrupted(['simulate', f, '--sectors', '2', '--out', out, '--db', db]);
  assert.ok(r.handled, 'simulate --sectors put its handler in place');
  assert.equal(r.code, 130, r.stderr);
  assert.ok(r.stderr.includes('\nsacplate: stopping the sector run: its threads are terminated (Ctrl-C again to quit at once)\n'), r.stderr);
  assert.match(r.stderr, /^sacplate: sector run stopped, its threads terminated; a sector run has no checkpoint, so nothing of it is kept \(nothing was written to .*\) and it was not recorded$/m);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.ok(!existsSync(join(out, 'metrics.json')) && !existsSync(join(out, 'eta.csv')), 'no outputs');
  // the new folder it made for them is not left behind empty (review47: "nothing was written to" an empty folder it made)
  assert.ok(!existsSync(out), 'the --out folder the run made is removed');
  const { openStore } = await import('../src/store/index.js');
  const store = openStore(db);
  try { assert.equal(store.listRuns().length, 0); } finally { store.close(); }
});
