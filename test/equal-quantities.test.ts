/**
 * Equal quantities written in other units compare equal where a run's identity is tested (mends62b; robust62 left it):
 * "50 nm" resolves to voxel_m 5.0000000000000004e-8 and "0.05 um" to 5e-8 (the unit factors' floating point), so a sweep
 * over both ran two tasks and a checkpoint of one was refused for the other. The task key (sweep/hash.ts canonicalJson)
 * and the checkpoint's run identity (simulation/checkpoint.ts runIdentity) now read a number that is not a whole number
 * at 15 significant digits (units.ts identityNumber); the values the engine runs with are not changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { parseSweep } from '../src/sweep/spec.js';
import { resolveTasks } from '../src/sweep/tasks.js';
import { taskHash } from '../src/sweep/hash.js';
import { resumeSimulation } from '../src/simulation/checkpoint.js';
import { InputError } from '../src/errors.js';
import type { ResolvedRun } from '../src/input/types.js';
import { checkpointHalfway } from './helpers/halfway.js';

const base = {
  metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 12], voxel: '50 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
  protocol: ['Plate at 1 mA/cm2 for 0.002 mAh/cm2'], seed: 3, output: { snapshots: false },
};
const run = (over: Record<string, unknown>) => parseRunInput({ ...base, ...over });

test('task keys: lengths, current densities, areal capacities and temperatures written in other units share a key; different values and seeds do not', () => {
  const pairs: [Record<string, unknown>, Record<string, unknown>][] = [
    [{ lattice: { size: [8, 8, 12], voxel: '50 nm' } }, { lattice: { size: [8, 8, 12], voxel: '0.05 um' } }],
    [{ lattice: { size: [8, 8, 12], voxel: '30 nm' } }, { lattice: { size: [8, 8, 12], voxel: '0.03 um' } }],
    [{ temperature: '0.1 degC' }, { temperature: '273.25 K' }],
    [{ protocol: ['Plate at 0.7 mA/cm2 for 0.002 mAh/cm2'] }, { protocol: ['Plate at 7 A/m2 for 0.0072 C/cm2'] }],
  ];
  for (const [a, b] of pairs) {
    const ra = run(a), rb = run(b);
    // the protocol pair differs in its text as written (protocol[0].text): compared without it
    const key = (r: ResolvedRun) => taskHash({ ...r, protocol: r.protocol.map((s) => ({ ...s, text: '' })) } as ResolvedRun);
    assert.equal(key(ra), key(rb), JSON.stringify([a, b]));
  }
  assert.notEqual(run({ lattice: { size: [8, 8, 12], voxel: '50 nm' } }).lattice.voxel_m, run({ lattice: { size: [8, 8, 12], voxel: '0.05 um' } }).lattice.voxel_m, 'the case this test is about: the two resolve to different doubles');
  // what stays apart: a value that differs in its 13th digit, and seeds that differ in their 16th (whole numbers are kept whole)
  assert.notEqual(taskHash(run({ lattice: { size: [8, 8, 12], voxel: '50 nm' } })), taskHash(run({ lattice: { size: [8, 8, 12], voxel: '50.00000000001 nm' } })));
  const r = run({});
  assert.notEqual(taskHash({ ...r, seed: 9007199254740991 }), taskHash({ ...r, seed: 9007199254740990 }));
});

test('a sweep over "50 nm" and "0.05 um" runs one task: the second is a repeat of the first', () => {
  const tasks = resolveTasks(parseSweep({ base, axes: { 'lattice.voxel': ['50 nm', '0.05 um'] } }));
  assert.equal(tasks.length, 2);
  assert.equal(tasks[0]!.hash, tasks[1]!.hash);
});

test('a checkpoint written with voxel "50 nm" resumes under "0.05 um" (the same run), to the uninterrupted run\'s end; 50.00000000001 nm is still refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-eqq-'));
  try {
    const a = run({}), b = run({ lattice: { size: [8, 8, 12], voxel: '0.05 um' } });
    const file = join(dir, 'checkpoint.bin');
    const { full } = checkpointHalfway(a, file, { chunk: 100 });
    const resumed = resumeSimulation(file, b);
    resumed.runAll();
    assert.equal(resumed.events, full.events);
    assert.ok(Buffer.from(resumed.app.code).equals(Buffer.from(full.app.code)), 'final lattice');
    assert.equal(JSON.stringify(resumed.trace), JSON.stringify(full.trace));
    assert.throws(() => resumeSimulation(file, run({ lattice: { size: [8, 8, 12], voxel: '50.00000000001 nm' } })),
      (e: unknown) => e instanceof InputError && /lattice\.voxel_m 5\.0000000000000004e-8 in the checkpoint's run, 5\.0000000000010003e-8 in this one/.test(e.message));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
