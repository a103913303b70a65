/**
 * Resume from the workbench: a run the server owns writes a checkpoint at a cancel; after a server
 * restart (a new RunService on the same store and output folder; also when the server was killed
 * while the run ran) POST /api/runs/:id/resume continues it under the same id, and it ends with
 * the metrics, trace and eta.csv of an uninterrupted run of the same seed. Bad resumes (unknown
 * id, finished, queued, failed on its own, started by the CLI, no checkpoint) are one-line 404/409
 * errors that change nothing in the store.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { openStore } from '../src/store/index.js';
import { join } from 'node:path';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { checkServeOptions } from '../src/server/serve.js';
import { InputError } from '../src/errors.js';
import { thinTrace } from '../src/server/messages.js';
import { simulate } from '../src/simulation/simulate.js';
import { withoutWallClocks as physics } from './helpers/same-state.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-resume-'));
const storePath = join(dir, 'store.db');
const outRoot = join(dir, 'runs');
/** A tiny box (about 0.3 s of CPU): the raised terrace barrier keeps surface hops few, as in server-api.test.ts. */
const TINY = { metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Rest for 1 ms'], seed: 7 };
// chunk 200 events: progress (and the cancel flag) is looked at often enough to stop the tiny run midway
const serviceAt = (chunk = 200) => new RunService({ storePath, outRoot, concurrency: 1, chunk, checkpointEvery_s: 600 });
const opened: { close(): Promise<void> }[] = [];
after(async () => { for (const x of opened.reverse()) await x.close(); });

async function server(service: RunService) {
  const app = await buildApp({ service });
  opened.push(service, app);
  return (method: string, path: string) => app.inject({ method, url: path }).then((r) => ({ status: r.statusCode, body: r.json() as Record<string, any> }));
}


test('a workbench run cancelled midway resumes after a server restart and ends as an uninterrupted run', async () => {
  const s1 = serviceAt();
  const call1 = await server(s1);
  // reference: the same run uninterrupted, on this thread (the library's path, the same outputs)
  const refDir = join(dir, 'reference');
  const refRun = simulate(TINY, { outDir: refDir });
  const refMetrics = JSON.parse(readFileSync(join(refDir, 'metrics.json'), 'utf8')) as Record<string, unknown>;
  // the same run through the server, cancelled at its first progress message
  const v = s1.start(TINY, 'cut');
  let sawProgress = 0;
  s1.subscribe(v.id, (e) => { if (e.type === 'progress' && e.progress && sawProgress++ === 0) s1.cancel(v.id); });
  // a run queued behind it cannot be resumed; cancelled while queued, it has no checkpoint
  const queued = s1.start(TINY, 'queued');
  assert.equal(s1.status(queued.id)!.status, 'queued');
  const running = await call1('POST', `/api/runs/${queued.id}/resume`);
  assert.equal(running.status, 409);
  assert.match(running.body.error, /is queued; only a cancelled run/);
  s1.cancel(queued.id);
  // cancelled while queued it never ran: resume would start it from the beginning (mends35; it was a 409 "has no checkpoint",
  // still said of a run that ran and has none: below); test/run-queue.test.ts starts one
  const never = s1.status(queued.id)!;
  assert.deepEqual([never.status, never.resumable, never.never_started], ['cancelled', true, true]);
  await s1.wait(v.id);
  const cut = s1.status(v.id)!;
  assert.equal(cut.status, 'cancelled');
  assert.equal(cut.resumable, true);
  const cutEvents = (cut.metrics as { events: number }).events;
  assert.ok(cutEvents > 0 && cutEvents < (refMetrics.events as number), `cancelled midway: ${cutEvents} of ${refMetrics.events as number} events`);

  const unknown = await call1('POST', `/api/runs/${v.id.slice(0, -8)}00000000/resume`);
  assert.equal(unknown.status, 404);
  assert.match(unknown.body.error, /^run: got "run-/);

  // restart: a new service on the same store and folder sees the cancelled run as resumable
  await s1.close();
  const s2a = serviceAt();
  opened.push(s2a);
  assert.equal(s2a.status(v.id)!.resumable, true);
  await s2a.close();
  // ... and so it does when the server was killed while the run ran (its row still says running)
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
  const db = openStore(storePath);
  db.updateRun(v.id, { status: 'running', metrics: { workbench_pid: deadPid } });
  // two runs that cannot be resumed from the workbench: one failed on its own, one the CLI ran into its own folder
  const failed = db.recordRun({ name: 'failed', input: TINY, metrics: { error: 'engine said no' }, status: 'failed' });
  const cli = db.recordRun({ name: 'cli', input: TINY, metrics: {}, status: 'cancelled', outDir: join(dir, 'cli-out') });
  // one cancelled after it ran, with no checkpoint in its folder
  const noCheckpoint = db.recordRun({ name: 'no-checkpoint', input: TINY, metrics: { events: 10 }, status: 'cancelled' });
  db.close();
  const s2 = serviceAt();
  const call2 = await server(s2);
  assert.equal(s2.status(v.id)!.status, 'failed');
  assert.equal(s2.status(v.id)!.resumable, true);
  const onItsOwn = await call2('POST', `/api/runs/${failed}/resume`);
  assert.equal(onItsOwn.status, 409);
  assert.match(onItsOwn.body.error, /failed \(engine said no\); only a cancelled run/);
  const byCli = await call2('POST', `/api/runs/${cli}/resume`);
  assert.equal(byCli.status, 409);
  assert.match(byCli.body.error, /was started by the CLI \(output folder .*cli-out\); continue it there with sacplate simulate RUN_FILE --out .*cli-out --resume/);
  const noCk = await call2('POST', `/api/runs/${noCheckpoint}/resume`);
  assert.equal(noCk.status, 409);
  assert.match(noCk.body.error, /has no checkpoint/);
  const resumed = await call2('POST', `/api/runs/${v.id}/resume`);
  assert.equal(resumed.status, 202, JSON.stringify(resumed.body));
  assert.equal(resumed.body.id, v.id);
  let rows = 0;
  s2.subscribe(v.id, (e) => { if (e.type === 'progress') rows += e.rows.time_s.length; });
  await s2.wait(v.id);
  const end = s2.status(v.id)!;
  assert.equal(end.status, 'finished', JSON.stringify(end));
  assert.equal((await s2.result(v.id))!.resumed, true, 'continued from the checkpoint, not started over');
  assert.ok(rows > 0, 'the resumed run streams progress');
  assert.deepEqual(physics(end.metrics as Record<string, unknown>), physics(refMetrics));
  // through JSON as the store keeps it (-0 is written 0)
  assert.deepEqual(s2.series(v.id)!.trace, JSON.parse(JSON.stringify(thinTrace(refRun.trace, 4000))));
  assert.equal(readFileSync(join(outRoot, v.id, 'eta.csv'), 'utf8'), readFileSync(join(refDir, 'eta.csv'), 'utf8'));
  assert.ok(!existsSync(join(outRoot, v.id, 'checkpoint.bin')), 'a finished run keeps no checkpoint');
  // a finished run: refused, its results untouched
  const finished = await call2('POST', `/api/runs/${v.id}/resume`);
  assert.equal(finished.status, 409);
  assert.match(finished.body.error, /has finished; its results are kept/);
  assert.deepEqual(s2.status(v.id)!.metrics, end.metrics);
});

test('sacplate serve --checkpoint-every: seconds, or off; anything else is one line', () => {
  assert.equal(checkServeOptions({ checkpointEvery: '30' }, {}).checkpointEvery_s, 30);
  assert.equal(checkServeOptions({ checkpointEvery: 'off' }, {}).checkpointEvery_s, null);
  assert.equal('checkpointEvery_s' in checkServeOptions({}, {}), false, 'the service default (120 s) when not given');
  assert.throws(() => checkServeOptions({ checkpointEvery: 'soon' }, {}),
    (e: unknown) => e instanceof InputError && e.message === '--checkpoint-every: got "soon", expected seconds of wall time >= 0 between checkpoints of the runs the workbench starts, or off');
  assert.throws(() => new RunService({ store: null, checkpointEvery_s: -1 }), (e: unknown) => e instanceof InputError && /^checkpointEvery_s: got -1, expected seconds of wall time >= 0/.test(e.message));
});

test('a workbench run with ions as walkers takes checkpoints too: cancelled at its first progress, resumed, it ends as an uninterrupted run', async () => {
  const WALKERS = {
    metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 64], voxel: '0.3 nm' }, electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers' },
    protocol: ['Plate 0.0003 mAh/cm2 at 2 mA/cm2'], seed: 4, output: { snapshots: false, sample: '0.00001 mAh/cm2' },
  };
  // The walker run is short (733 events, about 0.05 s): with 200-event chunks and 0.0001 mAh/cm2 (407
  // events) the run could end on its worker before the cancel sent at its first progress message
  // arrived (seen once on an idle machine). 20-event chunks and three times the charge leave it
  // about 700 events to run after that message.
  const refDir = join(dir, 'reference-walkers');
  simulate(WALKERS, { outDir: refDir });
  const refMetrics = JSON.parse(readFileSync(join(refDir, 'metrics.json'), 'utf8')) as Record<string, unknown>;
  const s = serviceAt(20);
  const call = await server(s);
  const v = s.start(WALKERS, 'walkers');
  let seen = 0;
  s.subscribe(v.id, (e) => { if (e.type === 'progress' && e.progress && seen++ === 0) s.cancel(v.id); });
  await s.wait(v.id);
  const cut = s.status(v.id)!;
  assert.equal(cut.status, 'cancelled');
  assert.equal(cut.resumable, true, 'a cancelled walker run left a checkpoint');
  const resumed = await call('POST', `/api/runs/${v.id}/resume`);
  assert.equal(resumed.status, 202, JSON.stringify(resumed.body));
  await s.wait(v.id);
  const end = s.status(v.id)!;
  assert.equal(end.status, 'finished', JSON.stringify(end));
  assert.equal((await s.result(v.id))!.resumed, true, 'continued from the checkpoint, not started over');
  assert.deepEqual(physics(end.metrics as Record<string, unknown>), physics(refMetrics));
  assert.equal(readFileSync(join(outRoot, v.id, 'eta.csv'), 'utf8'), readFileSync(join(refDir, 'eta.csv'), 'utf8'));
});
