/** The package entry point and the --seeds command line (issue 2: library API; determinism 7). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliSpawnShape } from './helpers/cli.js';

test("import { simulate } from 'sacplate' works (package self-reference to dist)", async () => {
  const lib = await import('sacplate');
  assert.equal(typeof lib.simulate, 'function');
  assert.equal(typeof lib.parseRunInput, 'function');
});

test('simulate --seeds 4 reports mean and spread from worker threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-seeds-'));
  const file = join(dir, 'run.yaml');
  // worker-thread bookkeeping (seeds, stats, distinct runs): a slow terrace hop (0.30 eV, as the sweep tests use) keeps the 4 runs short
  writeFileSync(file, 'metal: Li\nlattice: { size: [16, 16, 10], voxel: 10 nm }\nhost: graphene\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol:\n  - Plate 0.0003 mAh/cm2 at 1 mA/cm2\nseed: 3\n');
  const r = await cliSpawnShape(['simulate', file, '--seeds', '4', '--threads', '2', '--json', '--no-store']); // in-process (test/helpers/cli.ts)
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(s.seeds, [3, 4, 5, 6]);
  assert.equal(s.runs.length, 4);
  const st = s.stats.nucleation_overpotential_mV;
  assert.ok(st.min <= st.mean && st.mean <= st.max && st.std >= 0);
  const distinct = new Set(s.runs.map((m: { events: number }) => m.events));
  assert.ok(distinct.size > 1, 'different seeds give different runs');
});

test('library: bad options and arguments throw the CLI\'s one-line InputError/FileError, before any work (an outDir under /proc hung in a recursive mkdir)', async () => {
  const lib = await import('sacplate');
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const cases: [() => unknown, RegExp][] = [
    [() => lib.simulate(run, null as never), /^options: got null, expected a map of options/],
    [() => lib.simulate(run, { seed: 'x' as never }), /^seed: got "x", expected a non-negative integer/],
    [() => lib.simulate(run, { seed: 1.5 }), /^seed: got 1\.5/],
    [() => lib.simulate(run, { outDir: 42 as never }), /^outDir: got 42, expected a folder path/],
    [() => lib.simulate(run, { outDir: '/proc/sacplate-lib' }), /^\/proc\/sacplate-lib: outDir: cannot create the directory/],
    [() => lib.simulate(run, { onProgress: 5 as never }), /^onProgress: got 5, expected a function/],
    [() => lib.simulate(run, { config: { rebuildEvery: 0 } }), /^config\.rebuildEvery: got 0/],
    [() => lib.simulate({ ...run, sacs: [{ site: 'Zn-N4', loading: '2 wt%' }] }), /^sacs\[0\]\.loading: got "2 wt%"/],
  ];
  for (const [f, re] of cases) {
    assert.throws(f, (e: unknown) => (e instanceof lib.InputError || e instanceof lib.FileError) && re.test((e as Error).message) && !(e as Error).message.includes('\n'), String(f));
  }
  const resolved = lib.resolveInput(run);
  for (const [args, re] of [[[run, [1]], /^run: got /], [[resolved, 0], /^seeds: got 0/], [[resolved, [1.5]], /^seeds: got \[1\.5\]/], [[resolved, [1], { threads: 0 }], /^threads: got 0/]] as const) {
    await assert.rejects((lib.runSeeds as (...a: unknown[]) => Promise<unknown>)(...args), (e: unknown) => e instanceof lib.InputError && re.test((e as Error).message));
  }
});
