/**
 * A run's worker thread loads the engine, not the run-file parser: the worker of the run service
 * (simulate-worker.ts: simulate, compare, --seeds, the workbench) takes a resolved run and imports
 * run-resolved.ts, so input/parse.js (zod, the YAML parser, the parameter registry) and
 * input/run-schema.js stay unloaded (bench/worker-start.ts: what that saves each run). A run object
 * still to resolve loads the parser on its worker. test/helpers/worker-scripts.ts records each
 * worker's files. This file loads no parser itself (a run built in code), to stay cheap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { endKeptWorker, simulateInWorker } from '../src/simulation/worker-run.js';
import { makeRun } from './helpers/runs.js';
import { workerScripts } from './helpers/worker-scripts.js';

const src = pathToFileURL(join(resolve('.'), 'dist/src')).href + '/';
/** ours relative to dist/src/, packages as node_modules/<package> */
const names = (urls: string[]) => [...new Set(urls.map((u) => {
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u);
  return m ? `node_modules/${m[1]}` : u.startsWith(src) ? u.slice(src.length) : u;
}))];
const PARSER = /^(input\/(parse|run-schema)\.js|params\/registry\.js|schema-keys\.js|node_modules\/(zod|yaml))$/;

test('simulateInWorker with a resolved run: its worker loads the engine and no run-file parser, zod or yaml', async () => {
  await endKeptWorker(); // (startcost2) a fresh worker: a kept one has loaded what earlier runs needed
  const { result, workers } = await workerScripts(() => simulateInWorker(makeRun({ size: [8, 8, 8], monolayers: 0.01, samples: 2 })).done);
  assert.equal(workers.length, 1);
  const files = names(workers[0]!);
  assert.ok(result.metrics.events > 0);
  // the recording works: the worker's entry, the run and the engine are in it
  assert.ok(['simulation/simulate-worker.js', 'simulation/run-resolved.js', 'simulation/simulation.js', 'kmc/solver.js'].every((f) => files.includes(f)), files.join(' '));
  assert.deepEqual(files.filter((f) => PARSER.test(f)), []);
  // startcost: nor the figures' renderer (and its font reader), loaded on the worker when a run asks for figures only
  assert.deepEqual(files.filter((f) => /^plots\/(render|text-width)\.js$/.test(f)), []);
});

test('simulateInWorker with a run object: resolved on its worker, which loads the parser (the recording sees it where it is loaded)', async () => {
  await endKeptWorker();
  // a run of a few hundred events: a slow terrace hop keeps it short (as test/cli-robust.test.ts)
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], seed: 1 };
  const { result, workers } = await workerScripts(() => simulateInWorker(run).done);
  assert.equal(workers.length, 1);
  const files = names(workers[0]!);
  assert.ok(result.metrics.events > 0);
  assert.ok(['input/parse.js', 'input/run-schema.js', 'node_modules/zod'].every((f) => files.includes(f)), files.join(' '));
  // a run object has no YAML text: the YAML parser is loaded on first use since testtime20 (src/lazy-require.ts)
  assert.ok(!files.includes('node_modules/yaml'), files.join(' '));
});

test('a recording begun while an earlier worker is still exiting: the process survives, that worker is not recorded', () => {
  // branch wlflake: the helper connected and NodeWorker.enable'd a session per recording; Node 20's first enable of a
  // session (WorkerManager::SetAutoAttach) loops over the workers still registered and reports each to the session's
  // JS listener from inside the loop, where the exiting worker's "finished" request can run and free the entry the
  // loop stands on: SIGSEGV, 3 in 300 runs of this file under load. Here the listener is made slow (on each
  // attachedToWorker it spins until the worker has run its exit handlers, then 20 ms more, as a loaded machine may) so
  // the worker finishes inside that window: with the old helper this test failed 9 runs in 10 (SIGSEGV), with this
  // one none in 10. In a child process, as a crash takes the process with it.
  const helper = new URL('./helpers/worker-scripts.js', import.meta.url).href;
  const script = `
    import { Worker } from 'node:worker_threads';
    import { Session } from 'node:inspector';
    const { workerScripts } = await import(${JSON.stringify(helper)});
    let exiting = new Int32Array(new SharedArrayBuffer(4));
    const emit = Session.prototype.emit;
    Session.prototype.emit = function (name, ...a) {
      // until the worker runs its exit handlers, then 20 ms more (2 s at most)
      if (name === 'NodeWorker.attachedToWorker') {
        const t = Date.now();
        while (Atomics.load(exiting, 0) === 0 && Date.now() - t < 2000);
        const t2 = Date.now();
        while (Date.now() - t2 < 20);
      }
      return emit.call(this, name, ...a);
    };
    const all = [];
    for (let round = 0; round < 3; round++) { // the old helper survived one round 4 times in 10
      exiting = new Int32Array(new SharedArrayBuffer(4));
      const w = new Worker('import { parentPort, workerData } from "node:worker_threads"; process.on("exit", () => Atomics.store(new Int32Array(workerData), 0, 1)); parentPort.postMessage(1);',
        { eval: true, workerData: exiting.buffer }); // an ES module: this process has --input-type=module
      await new Promise((ok) => w.once('message', ok)); // its script has ended: the worker is exiting
      all.push(...(await workerScripts(async () => 0)).workers);
    }
    const workers = all;
    console.log(JSON.stringify(workers));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.deepEqual([r.signal, r.status, r.stdout.trim()], [null, 0, '[]'], r.stderr);
});

// startcost2: simulateInWorker keeps its worker for the process's next call (worker-run.ts): node's worker start, the
// engine's modules and V8's compilation of them once a process, not once a run (a tiny run 0.2 CPU s a call in a fresh
// worker, 0.007 s in a kept one). The engine must keep nothing between runs that changes a run: a run after another
// (a larger box, other seed) in the kept worker gives the bytes of the same run in a fresh worker. Before, each call
// started its own worker (two workers recorded here).
test('simulateInWorker keeps its worker: a second run takes the first\'s, with the bytes of the same run in a fresh worker', async () => {
  const first = makeRun({ size: [10, 10, 8], monolayers: 0.03, samples: 4, seed: 5 });
  const second = makeRun({ size: [8, 8, 8], monolayers: 0.01, samples: 2, seed: 2 });
  /** the run's whole result but its wall-clock readings */
  const bytes = (r: Awaited<ReturnType<typeof simulateInWorker>['done']>) => {
    const { wall_s: _w, events_per_s: _e, ...metrics } = r.metrics;
    return { ...r, metrics };
  };
  await endKeptWorker();
  const fresh = bytes(await simulateInWorker(second).done);
  await endKeptWorker();
  const { result, workers } = await workerScripts(async () => {
    const a = await simulateInWorker(first).done;
    return { a, b: bytes(await simulateInWorker(second).done) };
  });
  assert.equal(workers.length, 1, 'one worker for the two runs');
  assert.ok(result.a.metrics.events > 0 && fresh.metrics.events > 0);
  assert.deepEqual(result.b, fresh);
  await endKeptWorker();
});

// startcost2: a run's terminate() once it has ended stops nothing: its worker (kept) may be running the next call's run
test('terminate() of an ended run leaves the kept worker to the run that took it', async () => {
  await endKeptWorker();
  const run = makeRun({ size: [8, 8, 8], monolayers: 0.01, samples: 2 });
  const first = simulateInWorker(run);
  await first.done;
  const { result, workers } = await workerScripts(async () => {
    const second = simulateInWorker(run); // takes the first's worker
    await first.terminate();
    return second.done;
  });
  assert.equal(workers.length, 0, 'the second run took the kept worker');
  assert.ok(result.metrics.events > 0);
  await endKeptWorker();
});
