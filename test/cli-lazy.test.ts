/**
 * A light command loads only what it needs: `sacplate --version` and `sacplate params list` must
 * not load the simulation engine, the web server, the store (SQLite), sweeps or the worker
 * pool (src/cli/commands/*.ts load each command's work from src/cli/actions/ when it runs;
 * before that, every call loaded all of it: 390 files, about 0.5 CPU s more than now).
 * Real processes, with test/helpers/loaded-modules.ts recording every file they load.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadedFiles } from './helpers/loaded-modules.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cli-lazy');

const root = resolve('.');
const src = pathToFileURL(join(root, 'dist/src')).href + '/';

/** The files `sacplate <args>` loads, relative to dist/src/ for ours, `node_modules/<package>` for packages. */
function loads(args: string[]): { status: number | null; stdout: string; files: string[] } {
  const list = join(mkdtempSync(join(tmpdir(), 'sacplate-lazy-')), 'loaded.txt');
  const r = spawnSync(process.execPath, ['--import', join(root, 'dist/test/helpers/loaded-modules.js'), 'bin/sacplate.js', ...args], {
    encoding: 'utf8', env: { ...process.env, SACPLATE_LOADED_OUT: list },
  });
  const files = loadedFiles(list).map((u) => {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u);
    return m ? `node_modules/${m[1]}` : u.startsWith(src) ? u.slice(src.length) : u;
  });
  return { status: r.status, stdout: r.stdout, files: [...new Set(files)] };
}

/** What no light command may load: the engine, the server, the store, sweeps, worker pools and their packages. */
const HEAVY = /^(engine|kmc|apps|simulation|fields|lattice|sweep|store\/index|parallel|server\/(?!serve\.js))|^node_modules\/(better-sqlite3|fastify|@fastify\/|bullmq|ioredis|piscina|cli-progress|@resvg\/|exceljs|hyparquet)/;

test('sacplate --version loads the command declarations and commander, nothing else (no zod, yaml, engine or server)', () => {
  const r = loads(['--version']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '0.1.0\n');
  // the recording works: the entry and the declarations are in it
  assert.ok(r.files.includes('cli/main.js') && r.files.includes('cli/commands/sim.js') && r.files.includes('node_modules/commander'), r.files.join(' '));
  assert.deepEqual(r.files.filter((f) => HEAVY.test(f) || /^node_modules\/(zod|yaml)$/.test(f) || f.startsWith('cli/actions/')), []);
});

test('sacplate params list loads its own action and the built-in sets: no zod, yaml, engine, server or store', () => {
  const r = loads(['params', 'list']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^metal {2}Li /m);
  assert.ok(r.files.includes('cli/actions/params.js') && r.files.includes('params/sets.js'), r.files.join(' '));
  assert.deepEqual(r.files.filter((f) => HEAVY.test(f) || /^node_modules\/(zod|yaml)$/.test(f) || /^(input|params\/registry)/.test(f) || (f.startsWith('cli/actions/') && f !== 'cli/actions/params.js')), []);
});

// mends47, item 2: `runs list` (and `runs show`) loaded actions/evidence.js, the literature commands' work, and with
// it the records' schema (zod, 95 files) and the literature modules: 176 files, about 0.2 CPU s a call more. Their
// action is actions/runs.js now, which needs the store and the query columns only.
test('sacplate runs list loads its own action and the store: no zod, yaml, literature modules, engine or sweeps', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sacplate-lazy-')), 'runs.db');
  const r = loads(['runs', 'list', '--db', db]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^id +created +status +name/);
  assert.ok(r.files.includes('store/index.js') && r.files.includes('node_modules/better-sqlite3'), r.files.join(' '));
  // the store (its SQLite) is what the command reads; the rest of HEAVY is not needed
  assert.deepEqual(r.files.filter((f) => (HEAVY.test(f) && !/^(store\/index\.js|node_modules\/better-sqlite3)$/.test(f)) || /^node_modules\/(zod|yaml)$/.test(f)
    || (f.startsWith('evidence/') && f !== 'evidence/vocabulary.js') || (f.startsWith('cli/actions/') && !['cli/actions/runs.js', 'cli/actions/text-out.js'].includes(f))), []);
});

// testtime20: yaml (72 files), better-sqlite3 and piscina are CommonJS packages that the run parser, the stores and the
// sweep pool load on first use (src/lazy-require.ts), not at import: a test file or script that imports them and never
// reads YAML text, opens a store or starts a pool does not load them (about 0.05-0.1 CPU s a process for yaml alone).
test('the run parser, the stores and the sweep pool load yaml, better-sqlite3 and piscina when first used, not at import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-lazy-'));
  const script = `
    import { createRequire } from 'node:module';
    const cache = createRequire(import.meta.url).cache;
    const pkgs = () => [...new Set(Object.keys(cache).map((f) => /[\\\\/]node_modules[\\\\/](yaml|better-sqlite3|piscina)[\\\\/]/.exec(f)?.[1]).filter(Boolean))].sort();
    const parse = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/src/input/parse.js')).href)});
    const store = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/src/store/index.js')).href)});
    const sweepStore = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/src/sweep/store.js')).href)});
    const pool = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/src/sweep/pool.js')).href)});
    const atImport = pkgs();
    const yaml = parse.parseYamlText('a: 1\\n', 'x.yaml');
    const s = store.openStore(${JSON.stringify(join(dir, 'runs.db'))}); s.close();
    sweepStore.SweepStore.open(${JSON.stringify(join(dir, 'runs.db'))}).close();
    await pool.createPool(1).destroy();
    console.log(JSON.stringify({ atImport, afterUse: pkgs(), yaml }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { atImport: string[]; afterUse: string[]; yaml: unknown };
  assert.deepEqual(out.atImport, []);
  // the recording sees them once used, and they work
  assert.deepEqual(out.afterUse, ['better-sqlite3', 'piscina', 'yaml']);
  assert.deepEqual(out.yaml, { a: 1 });
});

// startcost: `simulate` loaded the batch commands' work (cli/batch.js: compare's and --seeds' pool, tables and literature
// plots), the figures' renderer, the bench's engine and cli-progress (29 files, for a bar it draws on a terminal only)
// with its action, for one run too: about 0.05 CPU s a call. They are loaded where they are used now. The call here is
// refused by the action (--max-events 0) once it and all it imports are loaded: what a plain run loads before its
// run, without the run's CPU (the run's worker is test/worker-load.test.ts's).
let plainCall: ReturnType<typeof loads> | undefined;
/** `simulate` refused by its action (--max-events 0) once all it imports is loaded: one call for the two tests that read it */
const plainSimulate = () => (plainCall ??= loads(['simulate', 'examples/li-cu-small-box.yaml', '--no-store', '--no-figures', '--max-events', '0']));

test('simulate\'s action loads no batch commands, figure renderer, bench or cli-progress with it (a plain run\'s imports)', () => {
  const r = plainSimulate();
  assert.equal(r.status, 2);
  // the recording works: the command's action and the run service it runs through are in it
  assert.ok(['cli/actions/sim.js', 'server/service.js', 'simulation/worker-run.js', 'cli/progress-bar.js'].every((f) => r.files.includes(f)), r.files.join(' '));
  assert.deepEqual(r.files.filter((f) => /^(cli\/batch\.js|batch\/compare\.js|plots\/(render|library|compare)\.js|bench\/|apps\/diffusion\.js|simulation\/seeds\.js)$|^node_modules\/(cli-progress|@resvg\/)/.test(f)), []);
});

// startcost2: the run service (server/service.ts) imported CHECKPOINT_FILE from simulation/simulate.js and runIdentity
// from simulation/report.js, simulate's action checkResume, stripFirstPairingOfSteps and MAX_RUN_VOXELS from the engine's
// modules, the table sampleWindowOf from report.js, and compare's seeds.ts resolveInput from simulate.js: the CLI's main
// thread loaded the whole engine (apps/, kmc/, engine/: about 0.07 CPU s a call) for runs that go to a worker, which
// loads it again. They are in small modules now (simulation/checkpoint-file.ts, run-identity.ts, strip-first.ts,
// sample-window.ts, resolve-input.ts, is-resolved-run.ts, input/voxel-limit.ts; the old modules re-export them).
// compare's action is in cli/actions/sim.js too: this call loads it, the batch commands (cli/batch.js,
// simulation/seeds.js, batch/compare.js) and the run service, and is refused on the compare file's variant (a plain
// run's own call is the test above's).
const ENGINE = /^(apps|kmc|engine)\//;

test('simulate\'s and compare\'s main thread load no engine (apps/, kmc/, engine/): the runs load it on their workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-lazy-'));
  const file = join(dir, 'cmp.yaml');
  writeFileSync(file, 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\nvariants:\n  - { name: x, host: nope }\n');
  const r = loads(['compare', file, '--no-store']);
  assert.equal(r.status, 2);
  // the recording works: compare's action, the batch commands and the run service are in it
  assert.ok(['cli/actions/sim.js', 'cli/batch.js', 'simulation/seeds.js', 'batch/compare.js', 'server/service.js', 'simulation/worker-run.js'].every((f) => r.files.includes(f)), r.files.join(' '));
  assert.deepEqual(r.files.filter((f) => ENGINE.test(f)), []);
  // a plain simulate's call (the test above's): no engine either
  assert.deepEqual(plainSimulate().files.filter((f) => ENGINE.test(f)), []);
});
