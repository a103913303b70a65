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
