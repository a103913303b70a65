/**
 * `npm test`'s node:test phase: every dist/test/*.test.js, heaviest first (bench/test-order.ts, weights
 * from bench/test-times-results.json), three files at a time, TAP on stdout (it ends with `# tests N`,
 * `# pass`, `# fail`). Exit code 1 when a test fails or a file fails to load (the file's own test fails).
 * run() keeps the given order; `node --test <files>` would sort them by name.
 *   node dist/bench/run-tests.js [--concurrency 3] [--no-groups]
 * The files lighter than GROUP_BELOW_S CPU s share node processes, a group of about GROUP_TARGET_S CPU s each (since
 * session 52, bench/test-order.ts groupLight; --no-groups: each file in its own process).
 * Three at a time on 2 cores since session 42: many files wait (chromium pages, servers, spawned CLIs, redis) while a
 * third computes. Measured back to back on this machine (1074 tests, the same build, a nice-19 study beside both):
 * --concurrency 2 296.9 s, --concurrency 3 251.1 s of node:test wall time, every test passing in both.
 * Each file runs with V8's --interrupt-budget=600000 since session 44 (below).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';
import { arg } from './args.js';
import { SOLO, fileWeights, groupLight, heaviestFirst } from './test-order.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = join(root, 'dist/test');
const results = JSON.parse(readFileSync(join(root, 'bench/test-times-results.json'), 'utf8')) as { runs: Record<string, { date?: string; files?: unknown }> };
const weights = fileWeights(results.runs);
// the order reads lane time (CPU or wall seconds, the larger: a file that waits holds its lane), the grouping CPU (testtrim64)
const laneWeights = fileWeights(results.runs, true);
// the light files share processes (bench/test-order.ts, groupLight; --no-groups: every file alone, as until session 52):
// the files below GROUP_BELOW_S CPU s, in groups of about GROUP_TARGET_S, one module per group (in a temporary folder
// removed when the phase ends) importing its files by their full paths. Measured (branch testtime26), the files one
// after another: the 113 below 4 CPU s each alone 152.9 CPU s, in 20 groups of 8 102.5 CPU s (626 tests passing both
// ways); the 19 more below 6 CPU s each alone 79.3 CPU s, in one group 55.2 CPU s (251 passing). With these bounds 132
// files in 20 groups (877 tests passing), 40 processes alone
const GROUP_BELOW_S = 6, GROUP_TARGET_S = 12;
const { alone, groups } = process.argv.includes('--no-groups')
  ? { alone: readdirSync(dir).filter((f) => f.endsWith('.test.js')), groups: [] }
  : groupLight(readdirSync(dir).filter((f) => f.endsWith('.test.js')), weights, { below: GROUP_BELOW_S, target: GROUP_TARGET_S, solo: SOLO });
const groupDir = groups.length > 0 ? mkdtempSync(join(tmpdir(), 'sacplate-test-groups-')) : undefined;
const entries = new Map<string, string>(alone.map((f) => [f, join(dir, f)]));
groups.forEach((g, k) => {
  const name = `group-${String(k + 1).padStart(2, '0')}.mjs`;
  writeFileSync(join(groupDir!, name), `// ${g.length} light test files in one process (bench/run-tests.ts)\n` + g.map((f) => `import ${JSON.stringify(pathToFileURL(join(dir, f)).href)};\n`).join(''));
  entries.set(name, join(groupDir!, name));
  laneWeights.set(name, g.reduce((s, f) => s + laneWeights.get(f)!, 0));
});
const files = heaviestFirst([...entries.keys()], laneWeights).map((f) => entries.get(f)!);
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
if (groupDir) process.on('exit', () => rmSync(groupDir, { recursive: true, force: true }));
