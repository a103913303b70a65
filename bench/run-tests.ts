/**
 * `npm test`'s node:test phase: every dist/test/*.test.js, heaviest first (bench/test-order.ts, weights
 * from bench/test-times-results.json), three files at a time, TAP on stdout (it ends with `# tests N`,
 * `# pass`, `# fail`). Exit code 1 when a test fails or a file fails to load (the file's own test fails).
 * run() keeps the given order; `node --test <files>` would sort them by name.
 *   node dist/bench/run-tests.js [--concurrency 3]
 * Three at a time on 2 cores since session 42: many files wait (chromium pages, servers, spawned CLIs, redis) while a
 * third computes. Measured back to back on this machine (1074 tests, the same build, a nice-19 study beside both):
 * --concurrency 2 296.9 s, --concurrency 3 251.1 s of node:test wall time, every test passing in both.
 * Each file runs with V8's --interrupt-budget=600000 since session 44 (below).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';
import { arg } from './args.js';
import { fileWeights, heaviestFirst } from './test-order.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = join(root, 'dist/test');
const results = JSON.parse(readFileSync(join(root, 'bench/test-times-results.json'), 'utf8')) as { runs: Record<string, { date?: string; files?: unknown }> };
const files = heaviestFirst(readdirSync(dir).filter((f) => f.endsWith('.test.js')), fileWeights(results.runs)).map((f) => join(dir, f));
const concurrency = Number(arg('concurrency') ?? 3);
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a whole number of files run at once, at least 1; got ${arg('concurrency')}`);

// Each test file's process (and its worker threads) gets V8's --interrupt-budget=600000 (V8 11.3's default in Node 20:
// 67584), unless the runner was started with one: a function is optimised by TurboFan after about nine times the
// work, so a file's many short runs spend less CPU compiling code they soon leave (a small run's first pass: 0.47-0.75
// CPU s at V8's default, 0.33-0.34 s with this; the long Eden runs of validation-kpz within their noise). node:test's
// run() starts each file with this process's execArgv. Measured (branch testtime22, docs/speed-history.md "Test
// times", session 44): 38 alternated per-file pairs over 19 files, 283.2 -> 264.2 CPU s (-6.7 %, median -6.3 %). When
// V8 optimises a function changes how fast it runs, not what it computes.
if (!process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) process.execArgv.push('--interrupt-budget=600000');

const stream = run({ files, concurrency });
stream.on('test:fail', (data: { todo?: unknown }) => { if (data.todo === undefined || data.todo === false) process.exitCode = 1; });
stream.compose(tap).pipe(process.stdout);
