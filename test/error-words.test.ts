/**
 * Errors said in words: file-system errors of the writers, readers and the CLI's top level (the code in brackets), a
 * damaged store, a damaged .xlsx, a missing file; errors from worker threads (input errors nested deep, RangeErrors,
 * FFS pool workers that die) keeping their class and meaning.
 *
 * Moved here from test/mends28.test.ts, test/mends30.test.ts, test/mends33.test.ts, test/mends37.test.ts and
 * test/audit28.test.ts (branch testsort; docs/history.md's testsort entry maps each old file to its new ones). Each
 * test's story is told in docs/history.md under the session that wrote it: a session's name in a test's name (e.g.
 * 'mends36'), or a number such as (3) that begins one, refers to that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { tempFolder, tempRoot } from './helpers/tmp.js';
import { cli } from './helpers/cli.js';
import { describeFailure } from '../src/cli/failure.js';
import { readVti, readVtiFields, writeJson } from '../src/io/index.js';
import { FileError, InputError } from '../src/errors.js';
import { openStore, openStoreToRead } from '../src/store/index.js';
import { readCycler } from '../src/cycler/read.js';
import { simulateInWorker } from '../src/simulation/worker-run.js';
import { runPool } from '../src/simulation/seeds.js';
import { reviveError, type SerialisedError } from '../src/simulation/worker-errors.js';
import { sectorStep } from '../src/parallel/sectors.js';
import { parseRunInput } from '../src/input/parse.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('error-words');

const dir = tempFolder('error-words');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const dir2 = tempFolder('error-words');

const input = (protocol: string, seed = 2) => ({
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [24, 24, 16], voxel: '50 nm' },
  protocol: [protocol], seed, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' },
});

const INPUT = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 3 };
const dir3 = tempFolder('error-words');
const file = (name: string, text: string) => { const p = join(dir3, name); writeFileSync(p, text); return p; };

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

test('(1) convert -o: a folder or file that cannot be used says why in words, the code in brackets', async () => {
  const eta = join(dir, 'eta.csv');
  writeFileSync(eta, 'time_s,charge_C_per_cm2,overpotential_mV,kmc_time_s,step,cycle,half_cycle,current_mA_per_cm2,cell_voltage_mV,counter_mV,ohmic_mV\n0,0,-10,0,0,0,0,-1,-10,0,0\n1,0.001,-11,1,0,0,0,-1,-11,0,0\n');
  const plain = join(dir, 'plain');
  writeFileSync(plain, 'x');
  const cases: [string, RegExp][] = [
    // a file in the way of the folder
    [join(plain, 'sub', 'x.csv'), new RegExp(`^sacplate: ${esc(join(plain, 'sub', 'x.csv'))}: -o: cannot use the folder ${esc(join(plain, 'sub'))}: a part of the path is a file, not a folder \\(ENOTDIR\\)$`)],
    [join(dir, 'missing', 'x.csv'), new RegExp(`^sacplate: ${esc(join(dir, 'missing', 'x.csv'))}: -o: cannot use the folder ${esc(join(dir, 'missing'))}: no such file \\(ENOENT\\)$`)],
    // a folder nobody can create files in (/proc: root too)
    ['/proc/sacplate-x.csv', /^sacplate: \/proc\/sacplate-x\.csv: -o: cannot be written: no such file \(ENOENT\)$/],
  ];
  for (const [o, re] of cases) {
    const r = await cli(['convert', eta, '--to', 'bdf', '-o', o]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr.trim(), re);
  }
});

test('(1) the writers (io/sink.ts) and an fs error at the top of the CLI (cli/failure.ts) say why in words', () => {
  const plain = join(dir, 'plain2');
  writeFileSync(plain, 'x');
  const under = join(plain, 'sub', 'm.json');
  assert.throws(() => writeJson(under, {}), (e: unknown) => e instanceof FileError
    && e.message === `${under}: cannot write: a part of the path is a file, not a folder (ENOTDIR)`);
  // real errors from node:fs, as a command that does not catch them would meet them
  const missing = join(dir, 'no-such.bin');
  let err: unknown;
  try { readFileSync(missing); } catch (e) { err = e; }
  assert.deepEqual(describeFailure(err), { line: `${missing}: cannot open: no such file (ENOENT)`, exitCode: 2 });
  // a code with no words of ours: Node's words for it, the code in brackets
  try { mkdirSync(dir); } catch (e) { err = e; }
  assert.deepEqual(describeFailure(err), { line: `${dir}: cannot mkdir: file already exists, mkdir '${dir}' (EEXIST)`, exitCode: 2 });
});

test('(1) the readers fsReason had missed: a .vti file (readVti, readVtiFields) and cite\'s resolved.json say why in words', async () => {
  const none = join(dir, 'none.vti');
  for (const read of [readVti, readVtiFields]) {
    assert.throws(() => read(none), (e: unknown) => e instanceof FileError && e.message === `${none}: cannot read: no such file (ENOENT)`);
  }
  const run = join(dir, 'run');
  mkdirSync(join(run, 'resolved.json'), { recursive: true }); // a folder where the file should be
  const r = await cli(['cite', run]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr, `sacplate: ${join(run, 'resolved.json')}: cannot read: a folder, not a file (EISDIR)\n`);
});

test('(4) a damaged store, cut short, a failed read, a symlink loop, a pipe: in words, SQLite\'s message in brackets, the file left as it was', () => {
  const good = join(dir2, 'good.db');
  const st = openStore(good);
  for (let i = 0; i < 20; i++) st.recordRun({ input: { i, pad: 'x'.repeat(500) }, metrics: {} });
  st.close();
  const bytes = readFileSync(good);
  /** opens `bytes` as a store at `name`: the FileError's message; the file is the same byte for byte, no -wal or -shm beside it */
  const refused = (name: string, b: Buffer, open: (f: string) => unknown = openStore, sideFiles = false): string => {
    const f = join(dir2, name);
    writeFileSync(f, b);
    let msg = '';
    assert.throws(() => open(f), (e: unknown) => { assert.ok(e instanceof FileError && e.file === f, String(e)); msg = e.message; return true; });
    assert.deepEqual(readFileSync(f), b, `${name}: left as it was`);
    if (!sideFiles) assert.ok(!existsSync(f + '-wal') && !existsSync(f + '-shm'), `${name}: nothing written beside it`);
    assert.doesNotMatch(msg, /\n/);
    return msg;
  };
  // pages damaged under an intact header: the integrity check's count and its first problem, not its hundreds of lines
  const damaged = Buffer.from(bytes);
  for (let i = 4096; i < damaged.length; i += 7) damaged[i] = 0x5a;
  const dm = refused('damaged.db', damaged);
  assert.match(dm, /: is damaged: SQLite's integrity check found \d+ problems in its pages; it was left untouched\. Move it away or pass --db with another path \(SQLite quick_check: [^;]+; \.\.\. and \d+ more\)$/);
  assert.ok(dm.length < 400, `${dm.length} characters`);
  // cut short
  assert.match(refused('half.db', bytes.subarray(0, bytes.length >> 1)),
    /: is damaged or cut short: SQLite cannot read it as a database; it was left untouched\. Move it away or pass --db with another path \(SQLite: database disk image is malformed\)$/);
  // opened to read (no integrity check: openStoreToRead), a query on a damaged page (a read-only connection to a
  // WAL store leaves its -shm and -wal files beside it: store/index.ts openStoreToRead)
  const hdr = Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(bytes.length - 100, 0xab)]);
  const readRuns = (f: string) => {
    const s = openStoreToRead(f);
    assert.ok(s, 'opened to read');
    try { return s.listRuns(); } finally { s.close(); }
  };
  assert.match(refused('header-only.db', hdr, readRuns, true),
    /: is damaged or cut short: a read of the store failed; the file was left as it is \(SQLite: database disk image is malformed\)$/);
  // a symlink loop and a pipe given as the store
  const loop = join(dir2, 'loop.db');
  symlinkSync(loop, loop);
  assert.throws(() => openStore(loop), (e: unknown) => e instanceof FileError && e.message === `${loop}: cannot open the database file: too many symbolic links (ELOOP)`);
  const fifo = join(dir2, 'fifo.db');
  execFileSync('mkfifo', [fifo]);
  assert.throws(() => openStore(fifo), (e: unknown) => e instanceof FileError && /: is not a regular file \(a pipe, socket or device\), expected a sacplate database file; it was left untouched$/.test(e.message));
});

test('(4) an .xlsx cut short or damaged in a sheet: which, where (sheet and row), exceljs\'s words in brackets; the CLI exits 2', async () => {
  const xlsx = readFileSync('test/data/cycler/landt_custom_data_002_head5400.xlsx');
  const half = join(dir2, 'half.xlsx');
  writeFileSync(half, xlsx.subarray(0, xlsx.length >> 1));
  await assert.rejects(readCycler(half), (e: unknown) => e instanceof FileError
    && e.message === `${half}: not a readable .xlsx workbook: it is cut short (its zip ends without the directory every .xlsx ends with); copy or export it again`);
  // a real process: it exited 0 and printed nothing
  const r = spawnSync(process.execPath, ['bin/sacplate.js', 'analyze', half, '--protocol', 'licu', '--no-figures', '--out', join(dir2, 'half-out')], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /half\.xlsx: not a readable \.xlsx workbook: it is cut short/);
  // 500 bytes overwritten halfway through (inside the Record-Tab sheet's compressed XML)
  const bad = Buffer.from(xlsx);
  for (let i = xlsx.length >> 1, k = 0; k < 500; i++, k++) bad[i] = (i * 37) & 255;
  const damaged = join(dir2, 'damaged.xlsx');
  writeFileSync(damaged, bad);
  await assert.rejects(readCycler(damaged), (e: unknown) => e instanceof FileError
    && /^\S+damaged\.xlsx: not a readable \.xlsx workbook: it is damaged in sheet "Record-Tab" after row \d+: its XML cannot be read \(exceljs: .+\)$/.test(e.message));
});

test('run workers: an input error whose value is nested 3,000 levels deep comes back as that input error', async () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 3000; i++) deep = { a: deep };
  const run = { ...input('Plate 0.01 mAh/cm2 at 3 mA/cm2'), kinetics: deep } as Record<string, unknown>;
  const isIt = (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.field, 'kinetics.a');
    assert.match(e.message, /^kinetics\.a: got \{"a":\{"a":.*expected no such key/);
    assert.equal(describeFailure(e).exitCode, 2);
    return true;
  };
  // the single run's worker (before: "simulation worker exited with code 0 before finishing", exit 1)
  await assert.rejects(simulateInWorker(run).done, isIt);
  // the seeds pool (before: no answer at all; given 20 s here)
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error('runPool: no answer in 20 s')), 20_000); });
  try { await assert.rejects(Promise.race([runPool([run], { threads: 1 }), late]), isIt); } finally { clearTimeout(timer); }
});

test('run worker: a RangeError keeps its class across the thread boundary (exit 2 at the CLI)', async () => {
  // a worker that fails to allocate and posts its error as the run workers do (serialiseError)
  const url = new URL('../src/simulation/worker-errors.js', import.meta.url).href;
  const posted = await new Promise<SerialisedError>((ok, fail) => {
    const w = new Worker(`const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(url)}).then(({ serialiseError }) => { try { new Float64Array(2 ** 40); } catch (e) { parentPort.postMessage(serialiseError(e)); } });`, { eval: true });
    w.once('message', ok); w.once('error', fail);
  });
  const e = reviveError(posted);
  assert.ok(e instanceof RangeError, `${e.name}: ${e.message}`);
  assert.match(e.message, /Invalid typed array length/);
  // an input nested too deeply for the worker's stack: a RangeError whose words the CLI does not know
  const deep = reviveError({ kind: 'Error', name: 'RangeError', message: 'Maximum call stack size exceeded' });
  assert.deepEqual(describeFailure(deep), { line: 'input too large for this machine or nested too deeply (Maximum call stack size exceeded)', exitCode: 2 });
});

test('a RangeError of the code is an internal error (exit 1, please report) on the main thread and from a worker; input errors, inputs too large or nested too deeply keep exit 2', async () => {
  const internal = /^internal error: capture: halo = 0: expected a whole number of sites >= 1 \(SACPLATE_DEBUG=1 prints the stack trace; please report it\)$/;
  // main thread: the capture module's check of its own argument (no input reaches it unchecked)
  const { haloMasks } = await import('../src/nucleation/capture.js');
  let thrown: unknown;
  try { haloMasks(8, [0], 0); } catch (e) { thrown = e; }
  assert.ok(thrown instanceof RangeError);
  const main = describeFailure(thrown);
  assert.equal(main.exitCode, 1); assert.match(main.line, internal);
  // from a worker: the same call on a worker thread, its error posted as the run workers post theirs (its class kept)
  const url = new URL('../src/nucleation/capture.js', import.meta.url).href, errs = new URL('../src/simulation/worker-errors.js', import.meta.url).href;
  const posted = await new Promise<SerialisedError>((ok, fail) => {
    const w = new Worker(`const { parentPort } = require('node:worker_threads');
      Promise.all([import(${JSON.stringify(url)}), import(${JSON.stringify(errs)})]).then(([{ haloMasks }, { serialiseError }]) => {
        try { haloMasks(8, [0], 0); } catch (e) { parentPort.postMessage(serialiseError(e)); } });`, { eval: true });
    w.once('message', ok); w.once('error', fail);
  });
  const revived = reviveError(posted);
  assert.ok(revived instanceof RangeError);
  const fromWorker = describeFailure(revived);
  assert.equal(fromWorker.exitCode, 1); assert.match(fromWorker.line, internal);
  // an input nested too deeply for a worker's stack, or too large for memory: exit 2 as before
  assert.equal(describeFailure(reviveError({ kind: 'Error', name: 'RangeError', message: 'a message from thread 0 could not be read: Maximum call stack size exceeded' })).exitCode, 2);
  let big: unknown;
  try { new Float64Array(2 ** 40); } catch (e) { big = e; }
  assert.deepEqual(describeFailure(big), { line: `input too large for this machine or nested too deeply (${(big as Error).message})`, exitCode: 2 });
  // review31: a Map or Set past 2^24 entries (V8's words, as Node 20 throws them after 16,777,216 entries: measured,
  // 4.7 CPU s and 700 MB, too heavy to make here) is an input too large, as before mends37, not an internal error
  for (const kind of ['Map', 'Set']) assert.equal(describeFailure(new RangeError(`${kind} maximum size exceeded`)).exitCode, 2, kind);
  // an input path: the CLI's words and exit 2
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends37-cli-'));
  const file = join(dir, 'run.json');
  writeFileSync(file, JSON.stringify({ ...INPUT, temperature: '1e400 furlongs' }));
  const r = await cli(['simulate', file, '--out', join(dir, 'out'), '--no-figures', '--db', join(dir, 's.db')]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), 'sacplate: temperature: got "1e400 furlongs", expected a temperature in K (kelvin) or degC (also written °C, C or celsius), e.g. "25 degC" or "298.15 K"');
  // the sector scheme's threads check the protocol as runSectors does: an InputError, not a RangeError
  assert.throws(() => sectorStep(parseRunInput({ ...INPUT, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Rest for 1 s'] }).protocol),
    (e: unknown) => e instanceof InputError && e.field === 'protocol' && /^protocol: got "2 entries", expected one galvanostatic plate step/.test(e.message));
});

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
  const home = mkdtempSync(join(dir3, 'home-'));
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

test('(4) the tour with a missing file: one line saying "no such file", the path named, exit 2 (it said "cannot read (ENOENT)" or "cannot read: ENOENT")', async () => {
  const missing = join(dir3, 'no-such.yaml');
  for (const args of [['simulate', missing], ['compare', missing], ['fullcell', missing], ['lit', 'import', missing], ['analyze', join(dir3, 'no-such.csv'), '--protocol', 'fullcell'], ['screen', missing]]) {
    const r = await cli(args, { env: { SACPLATE_DB: join(dir3, 'store.db') } });
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code} ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), /^sacplate: \S*no-such\.(yaml|csv): cannot read: no such file \(ENOENT\)$/, args.join(' '));
  }
  const r = await cli(['simulate', dir3]);
  assert.match(r.stderr.trim(), /^sacplate: \S+: cannot read: a folder, not a file \(EISDIR\)$/);
});

test('robust62: a file "path" longer than any path can be (over 4096 characters) is shortened in the message, its whole text kept in .file; simulate of a 10-million-character name printed a 10 MB line', async () => {
  const long = 'x'.repeat(10_000);
  const e = new FileError(long, 'cannot read: a name too long (ENAMETOOLONG)');
  assert.equal(e.file, long);
  assert.equal(e.message, `${'x'.repeat(100)}... (10000 characters): cannot read: a name too long (ENAMETOOLONG)`);
  const path4096 = `/${'p'.repeat(4095)}`;
  assert.equal(new FileError(path4096, 'm', 3).message, `${path4096}:3: m`, 'a path of 4096 characters is said whole');
  const r = await cli(['simulate', 'y'.repeat(5000)]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: y{100}\.\.\. \(5000 characters\): cannot read: a name too long \(ENAMETOOLONG\)\n$/);
});

// audit70b: docs/evidence.md is the "Evidence base" and the workbench's page "Evidence", the command `lit`: `sacplate
// evidence` said only "unknown command 'evidence'"
test('sacplate evidence (the docs\' word for lit) names the command; another unknown command keeps its line (audit70b)', async () => {
  const r = await cli(['evidence', 'list']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), 'sacplate: unknown command \'evidence\': the review\'s evidence base is `sacplate lit` (lit list, lit show, lit normalise, lit import) (see sacplate --help)');
  const o = await cli(['evidenc']);
  assert.equal(o.stderr.trim(), 'sacplate: unknown command \'evidenc\' (see sacplate --help)');
});
