/**
 * Store rows written before `steps_json` was added (src/sweep/store.ts adds the column by migration;
 * older rows hold NULL there). `compare` and `simulate --seeds` reuse such a row: its run's early
 * ends were dropped (the steps read as an empty list), so a run whose deposit filled the box was
 * reported as one whose steps all ended normally. Now the ends come from the row's metrics
 * (`steps_ended`), with a line saying the steps were not recorded. The rows are made through the
 * real store from the library's runs (in this thread: no worker start-up), then the column is
 * NULLed with SQL, as an older version left it. A 6 x 6 x 8 box whose plating fills it (box_full).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli } from './helpers/cli.js';
import { simulate } from '../src/simulation/simulate.js';
import { loadRunFile } from '../src/input/parse.js';
import { runInputWarnings } from '../src/input/limits.js';
import { SweepStore } from '../src/sweep/store.js';
import { taskHash } from '../src/sweep/hash.js';
import { earlyEndWarnings, reusedStepEnds } from '../src/cli/run-report.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('store-old-rows');

const RUN = 'metal: Na\nlattice: { size: [6, 6, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.5 eV }\n' +
  'protocol: [Plate 0.01 mAh/cm2 at 20 mA/cm2, Strip 0.001 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\nseed: 1\n';

test('simulate --seeds reusing rows without steps_json (an older store): the early ends come from the metrics, said to be so, not dropped', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-old-rows-'));
  const f = join(d, 'run.yaml'), db = join(d, 's.db');
  writeFileSync(f, RUN);
  const run = loadRunFile(f);
  const own: string[] = [];
  const store = SweepStore.open(db);
  try {
    for (const seed of [1, 2]) {
      const r = { ...run, seed };
      const res = simulate(r);
      store.record({ hash: taskHash(r), status: 'done', metrics: res.metrics as unknown as Record<string, unknown>, steps: res.steps, worker: 'local' });
      own.push(...earlyEndWarnings(res.steps, `seed ${seed}`, run.protocol));
    }
  } finally { store.close(); }
  assert.ok(own.some((w) => /ended early \(box_full/.test(w)), `the runs end early (else this test could not fail): ${own.join('\n')}`);
  const sql = new Database(db);
  try { assert.equal(sql.prepare('UPDATE task_results SET steps_json = NULL').run().changes, 2); } finally { sql.close(); }

  const r = await cli(['simulate', f, '--seeds', '2', '--db', db, '--threads', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /seeds: 2 of 2 runs reused from the store/);
  for (const s of [1, 2]) {
    assert.match(r.stderr, new RegExp(`note: seed ${s}: steps not recorded \\(a run from an older version, reused from the store\\): early ends read from its metrics' steps_ended, without their charge and time; --fresh runs it again`));
  }
  // the warnings of the runs themselves, step by step, but for the charge and time the row does not hold (and for a
  // step that ended short of its furthest progress, since stripfix: steps_ended does not say that; a box_full step's
  // line says it in a bracket at its end since mends66)
  const expected = own.filter((w) => !/ended \d+ voxels? short of its furthest progress/.test(w))
    .map((w) => w.replace(/ \(\d+ voxels? short of its furthest progress when it ended: the time is that progress's\)$/, '').replace(/after \S+ mAh\/cm2 and \S+ s$/, 'after a charge and time not recorded'));
  // after the line said before the runs (input/limits.ts runInputWarnings: 0.01 mAh/cm2 of Na is more than the box's 5 free
  // layers of 10 nm hold at dense packing, branch boxfit)
  const before = runInputWarnings(run);
  assert.equal(before.length, 1, before.join('\n'));
  assert.match(before[0]!, /plates more than the box holds/);
  assert.deepEqual(r.stderr.split('\n').filter((l) => l.startsWith('warning:')), [...before, ...expected]);
});

test('a reused row with neither steps nor steps_ended in its metrics says that early ends are not known; recorded steps are taken as they are', () => {
  const none = reusedStepEnds(undefined, {}, 'Cu');
  assert.deepEqual(none.steps, []);
  assert.match(none.note ?? '', /^note: Cu: steps not recorded .*whether a step ended early is not known; --fresh runs it again$/);
  const fromMetrics = reusedStepEnds(undefined, { steps_ended: ['charge', 'box_full'] }, 'Cu');
  assert.deepEqual(fromMetrics.steps, [{ index: 0, ended: 'charge' }, { index: 1, ended: 'box_full' }]);
  assert.equal(reusedStepEnds([], { steps_ended: ['box_full'] }, 'Cu').note, undefined);
});
