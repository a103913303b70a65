/**
 * Problems the workbench / sweeps / cycler audit listed (session 19, task loose7): the CLI and the
 * workbench's run service, sweeps and pages. Each test fails on the code before its fix. The CLI runs
 * in-process from a temporary folder (test/helpers/cli.ts); nothing here simulates. The cycler
 * analysis ones are in loose7-cycler.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { taskProgress } from '../src/cli/actions/sweep.js';
import { freePort } from './helpers/redis.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose7-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('the sweep progress bar on a terminal has no empty field: a pool sweep (no extra text) shows no "| |"; a queue sweep shows its counts', () => {
  const bars: string[] = [];
  for (const extra of [undefined, '1 running, 2 waiting']) {
    let text = '';
    // a terminal as cli-progress sees one (readline writes its cursor moves through write too)
    const tty = { isTTY: true, columns: 120, write: (s: string, cb?: () => void) => { text += s; cb?.(); return true; } } as unknown as NodeJS.WriteStream;
    const bar = taskProgress('demo', 4, tty);
    bar.update(1, extra);
    bar.stop();
    bars.push(text);
  }
  assert.match(bars[0]!, /demo \[[^\]]*\] 1\/4 tasks \| ETA/);
  assert.doesNotMatch(bars[0]!, /\|\s*\|/);
  assert.match(bars[1]!, /1\/4 tasks \| 1 running, 2 waiting \| ETA/);
});

test('the sweep progress line off a terminal says the time left at the mean time per task so far (session 22: it said the count only)', () => {
  let text = '', t = 1_000_000;
  const log = { isTTY: false, write: (s: string) => { text += s; return true; } } as unknown as NodeJS.WriteStream;
  const bar = taskProgress('demo', 4, log, () => t);
  t += 60_000; bar.update(1);          // one task in 60 s: three more, about 3 min
  t += 1_000; bar.update(1);           // within 2 s of the last line: none
  t += 29_000; bar.update(2);          // two in 90 s: two more, 90 s, said as about 2 min
  t += 10_000; bar.update(4);          // done: no time left
  bar.stop();
  assert.equal(text, 'demo: 1/4 tasks, about 3 min left\ndemo: 2/4 tasks, about 2 min left\ndemo: 4/4 tasks\n');
});

test('sweep --queue / worker with no Redis at the address: one line naming --queue and the address, nothing recorded, no banner first', async () => {
  const url = `redis://127.0.0.1:${await freePort()}`; // a port nothing listens on
  const file = path.join(tmp, 'noredis.json');
  fs.writeFileSync(file, JSON.stringify({ name: 'noredis', base: { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] }, axes: { 'sacs[0].loading': ['2 %', '4 %'] } }));
  const db = path.join(tmp, 'noredis.db');
  const s = await run('sweep', file, '--queue', url, '--db', db);
  assert.equal(s.code, 2, s.stderr);
  assert.equal(s.stderr.trim().split('\n').length, 1, s.stderr);
  assert.match(s.stderr, new RegExp(`^sacplate: --queue: got "${url}", expected a reachable Redis server \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)`));
  // the sweep was defined in the store before the connection failed: `results noredis` then found it
  assert.equal(fs.existsSync(db), false, 'no store written');
  const w = await run('worker', '--queue', url);
  assert.equal(w.code, 2, w.stderr);
  assert.equal(w.stderr.trim().split('\n').length, 1, w.stderr);
  assert.match(w.stderr, /^sacplate: --queue: got .*expected a reachable Redis server/);
});

/** about the largest box a run file takes (2^30 voxels less a layer: the plating app holds fewer than 2^30), about 2.89 GB by the estimate */
const BIG = [1024, 1024, 1023];
const BOX_RUN = (size: number[]) => ({ metal: 'Li', lattice: { size, voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] });

test('a box whose run would not fit in one run\'s memory is refused before it starts: the workbench\'s run service (nothing recorded), simulate and compare (exit 2, no folder); --max-memory raises it', async () => {
  // 2^30 voxels passed every check and the workbench started it (690 MB and 14 s of CPU to set up 2.7e8)
  // the workbench's run service (POST /api/runs starts through it, POST /api/validate asks its checkFits; an InputError is the API's 400 with this line)
  const { RunService } = await import('../src/server/service.js');
  const { validateRunInput } = await import('../src/input/schema.js');
  const service = new RunService({ storePath: path.join(tmp, 'api.db'), concurrency: 1, writeFiles: false, runMemory: { bytes: 1e9, flag: '--max-run-memory' } });
  try {
    const line = /^lattice\.size: got \[1024,1024,1023\], expected a box whose run fits in 1\.00 GB of memory \(set by --max-run-memory\): this one, 1\.07e9 voxels, needs about 2\.89 GB \(2\.5 bytes per voxel \+ 200 per column, measured\); z up to 301 on this footprint, or --max-run-memory SIZE/;
    assert.throws(() => service.start(BOX_RUN(BIG)), (e: Error) => e.name === 'InputError' && line.test(e.message));
    assert.throws(() => service.checkFits(validateRunInput(BOX_RUN(BIG))), (e: Error) => line.test(e.message));
    assert.deepEqual(service.list(), [], 'nothing recorded');
    service.checkFits(validateRunInput(BOX_RUN([512, 512, 300]))); // 7.9e7 voxels, about 0.25 GB: fits
  } finally { await service.close(); }
  const file = path.join(tmp, 'big.json');
  fs.writeFileSync(file, JSON.stringify(BOX_RUN(BIG)));
  const s = await run('simulate', file, '--out', 'big-out', '--no-store', '--max-memory', '1 GB');
  assert.equal(s.code, 2, s.stderr);
  assert.equal(s.stderr.trim().split('\n').length, 1, s.stderr);
  assert.match(s.stderr, /^sacplate: lattice\.size: got \[1024,1024,1023\], expected a box whose run fits in 1\.00 GB of memory \(set by --max-memory\).* or --max-memory SIZE \(e\.g\. "16 GB"\) on a machine with the memory$/m);
  assert.equal(fs.existsSync(path.join(tmp, 'big-out')), false, 'no output folder');
  // compare: each case checked before any run, the case named
  const cmp = path.join(tmp, 'cmp.json');
  fs.writeFileSync(cmp, JSON.stringify({ ...BOX_RUN([16, 16, 16]), variants: [{ name: 'small' }, { name: 'big', lattice: { size: BIG, voxel: '10 nm' } }] }));
  const c = await run('compare', cmp, '--no-store', '--max-memory', '1 GB');
  assert.equal(c.code, 2, c.stderr);
  assert.match(c.stderr, /^sacplate: lattice\.size \(case "big"\): got \[1024,1024,1023\], expected a box whose run fits in 1\.00 GB/);
  const bad = await run('simulate', file, '--no-store', '--max-memory', '1 furlong');
  assert.match(bad.stderr, /^sacplate: --max-memory: got "1 furlong", expected a memory size with its unit, e\.g\. "4 GB" or "512 MB"$/m);
  // without the flag the budget is half of this machine's memory (os.totalmem() or a lower cgroup limit), said in the line
  const { defaultRunBudget, machineBytes, runBytes } = await import('../src/input/memory.js');
  assert.equal(defaultRunBudget(2).bytes, machineBytes() / 4);
  assert.match(defaultRunBudget(2).why, /^50 % of this machine's [\d.]+ GB over 2 runs at once$/);
  assert.equal(runBytes([1024, 1024, 1024]), 2.5 * 2 ** 30 + 200 * 2 ** 20);
});

test('workbench: the Sweeps table leaves out metric.seed where it repeats the seed axis and clips long errors; index.html carries its icon (no /favicon.ico 404)', async () => {
  const { resultTable } = await import('../src/sweep/results.js');
  const { shownColumns, clipText, ERROR_CELL_CHARS } = await import('../src/sweep/view.js');
  const long = 'task 1: InputError: ' + 'a worker message that goes on '.repeat(10);
  const rows = [1, 2].map((seed, i) => ({
    index: i, hash: `h${i}`, label: { 'sacs[0].loading': '2 %', seed }, status: i === 0 ? 'done' as const : 'error' as const,
    ...(i === 0 ? { metrics: { seed, nucleation_overpotential_mV: 41.5 } } : { error: { type: 'InputError', message: long } }),
  }));
  const t = resultTable(rows);
  assert.ok(t.columns.includes('metric.seed'), 'the results table (CSV, API) keeps it');
  const shown = shownColumns(t.columns, t.rows, new Set(['hash'])).map((i) => t.columns[i]);
  assert.deepEqual(shown, t.columns.filter((c) => c !== 'hash' && c !== 'metric.seed'));
  // a metric that differs from the column of its name stays
  const differs = resultTable([{ ...rows[0]!, metrics: { seed: 7 } }]);
  assert.ok(shownColumns(differs.columns, differs.rows).map((i) => differs.columns[i]).includes('metric.seed'));
  const clipped = clipText(long);
  assert.equal(clipped.length, ERROR_CELL_CHARS);
  assert.ok(clipped.endsWith('…') && long.startsWith(clipped.slice(0, -1)));
  assert.equal(clipText('short'), 'short');
  // the built page (npm run build:web) names its icon, so no browser asks for /favicon.ico
  const html = fs.readFileSync(path.resolve('dist/web/index.html'), 'utf8');
  assert.match(html, /<link rel="icon" href="data:image\/svg\+xml,/);
});

test('a sweep task whose box would not fit in its machine\'s memory is an invalid task, refused before anything is allocated (pool and queue workers run the same body)', async () => {
  const { runTask } = await import('../src/sweep/task-worker.js');
  const { parseRunInput } = await import('../src/input/parse.js');
  // 1024 x 1024 x 1023 voxels (about the most the parser takes, about 2.89 GB by the estimate) on a machine whose share is 1 GB
  const out = runTask({ hash: 'h', run: parseRunInput(BOX_RUN(BIG)) }, { bytes: 1e9, why: 'a 1 GB test machine' });
  if (out.status === 'done') assert.fail('the 1.07e9-voxel task ran');
  assert.equal(out.status, 'invalid', out.error.message);
  assert.match(out.error.message, /^lattice\.size: got \[1024,1024,1023\], expected a box whose run fits in 1\.00 GB of memory \(a 1 GB test machine\): .* a machine with more memory/);
});
