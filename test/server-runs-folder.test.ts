/**
 * robust63b: the workbench accepted a run (202) when the folder its runs write in (workbench-runs beside the store)
 * could not be made, and the run then failed naming it (robust63's P13). Now the request is refused, a 503 naming the
 * folder, why and what to do, nothing recorded; with the folder fixed the next run is taken. As root a mode refuses
 * nothing, so the folder is made impossible here by a file of its name; the permission case (a folder this user may not
 * write) runs as user nobody in test/permissions.test.ts.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-runs-folder-'));
const service = new RunService({ storePath: join(dir, 'store.db'), concurrency: 1, checkpointEvery_s: null });
const app = await buildApp({ service, webRoot: join(dir, 'none') });
after(async () => { await app.close(); await service.close(); rmSync(dir, { recursive: true, force: true }); });

const RUN = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', seed: 1, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };

test('a run asked for when the workbench cannot make its runs\' folder: a 503 naming the folder and why, nothing recorded (it was taken, 202, and failed); taken once the folder can be made', async () => {
  const runs = join(dir, 'workbench-runs');
  writeFileSync(runs, 'not a folder');
  const r = await app.inject({ method: 'POST', url: '/api/runs', payload: RUN });
  assert.equal(r.statusCode, 503, r.body);
  assert.equal(r.json().error, `${runs}: the workbench cannot make its runs' folder (something that is not a folder has its name); runs started here write their outputs there (beside the store); make it writable by the user running sacplate serve, or serve a store (--db) in a folder that user can write`);
  assert.equal(service.list().length, 0, 'nothing recorded');
  rmSync(runs);
  const ok = await app.inject({ method: 'POST', url: '/api/runs', payload: RUN });
  assert.equal(ok.statusCode, 202, ok.body);
  const v = await service.wait(ok.json().id as string);
  assert.equal(v?.status, 'finished', JSON.stringify(v));
});
