/**
 * What this session's helpers noticed and left (session 21, task loose11). Each test fails on the
 * code before its fix (main e23eb00). Nothing here simulates: the screen is stopped before its
 * first simulation, the CLI runs in-process (test/helpers/cli.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { InputError } from '../src/errors.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose11-'));

test('a stopped runScreen says it was stopped by its signal (a script\'s AbortController or the CLI\'s Ctrl-C), not "expected a screen that was not stopped (Ctrl-C)"', async () => {
  const { runScreen } = await import('../src/screen/screen.js');
  const { parseScreen } = await import('../src/screen/spec.js');
  const { platingStage } = await import('../src/screen/stages.js');
  const screen = {
    name: 'stopped-demo',
    base: { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '50 nm' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } },
    seeds: 1,
    candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }],
    objectives: ['rms_roughness_nm', 'sustainability'],
  };
  const db = path.join(tmp, 'screen.db');
  const stopped = (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.doesNotMatch(e.message, /\n/);
    assert.match(e.message, /^screen: got "stopped-demo", expected a screen left to run to its end: it was stopped \(its AbortSignal was aborted; at the command line, by Ctrl-C\); the simulations that finished are kept in the store, run it again to continue where it stopped$/);
    return true;
  };
  // a signal aborted before the call (a script's timeout that fired): stopped before any stage
  await assert.rejects(runScreen(screen, { db, threads: 1, record: false, signal: AbortSignal.abort() }), stopped);
  // the plating stage's own check (its sweep comes back cancelled): the same words, from the same place
  const spec = parseScreen(screen);
  await assert.rejects(platingStage.run({ spec, candidates: spec.candidates, opts: { db, threads: 1, signal: AbortSignal.abort() } }), stopped);
});

test('lit list marks an imported copy of a review record "imported" (recordOrigin, as lit show and the Evidence page) and counts it on stderr', async () => {
  const run = (...args: string[]) => cli(args, { cwd: tmp });
  const db = path.join(tmp, 'lit.db');
  const { loadLiterature } = await import('../src/evidence/index.js');
  const co = loadLiterature().records.find((r) => r.id === 'k-sa-co-hc')!;
  const { source: _s, ...copy } = { ...co, id: 'k-sa-co-hc-copy', name: 'SA-Co@HC (copy)', aliases: [] };
  const own = {
    id: 'mine-1', name: 'My K cell', metal: 'K', sac_elements: ['Co'], support: 'hard carbon', architecture: 'coating',
    user_source: { citation: 'B. User, thesis, 2026' },
    figures: [{ quantity: 'nucleation_overpotential', value: 20, unit: 'mV', conditions: { current_density: '0.5 mA/cm2' } }],
  };
  fs.writeFileSync(path.join(tmp, 'copy.json'), JSON.stringify({ records: [copy, own] }));
  const i = await run('lit', 'import', 'copy.json', '--db', db);
  assert.equal(i.code, 0, i.stderr);
  const l = await run('lit', 'list', '--metal', 'K', '--db', db);
  assert.equal(l.code, 0, l.stderr);
  const row = (name: string) => l.stdout.split('\n').find((x) => x.startsWith(name + ' '))!;
  assert.ok(row('SA-Co@HC (copy)'), l.stdout);
  assert.match(row('SA-Co@HC (copy)'), /imported: review ref 74\s*$/);
  // the review's own record keeps its source; a user's record its own
  assert.match(row('SA-Co@HC'), /\breview ref 74\s*$/);
  assert.doesNotMatch(row('SA-Co@HC'), /imported/);
  assert.match(row('My K cell'), /user: B\. User, thesis, 2026\s*$/);
  // counted apart (the review's SA-Co@HC in the same list is not)
  assert.match(l.stderr, /^\d+ of \d+ records \(1 user-supplied: source "user \.\.\.", 1 imported: source "imported: review ref \.\.\.", not from the review\)$/m);
});
