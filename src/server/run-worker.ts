/**
 * Worker-thread body of a workbench run: one resolved run per worker. Posts progress (with the
 * trace rows added since the last message), voxel snapshots for the 3D view, and at the end the
 * metrics, a thinned trace and the per-cycle summary. Cancellation is a shared Int32 flag the
 * service sets (Atomics), read by the engine at each progress check as `signal.aborted`.
 */
import { parentPort } from 'node:worker_threads';
import { mkdirSync } from 'node:fs';
import { Simulation } from '../simulation/simulation.js';
import { computeMetrics, writeOutputs } from '../simulation/report.js';
import { cycleSummary } from '../simulation/cycles.js';
import type { ResolvedRun } from '../input/types.js';
import { thinTrace, traceRows, type WorkerJob, type WorkerMessage } from './messages.js';

const post = (m: WorkerMessage, transfer?: ArrayBuffer[]) => parentPort!.postMessage(m, transfer ?? []);

parentPort!.once('message', (job: WorkerJob) => {
  const flag = new Int32Array(job.cancelFlag);
  const signal = { get aborted() { return Atomics.load(flag, 0) === 1; } } as unknown as AbortSignal;
  try {
    const run = job.run as ResolvedRun;
    const sim = new Simulation(run);
    let sentRows = 0;
    let lastMsg = 0;
    let lastSnap = -Infinity;
    const voxels = run.lattice.size[0] * run.lattice.size[1] * run.lattice.size[2];
    const snapshot = () => {
      if (voxels > job.maxSnapshotVoxels) return;
      const g = sim.grid;
      const cells = g.cells.slice(); // a copy the engine no longer touches
      post({ type: 'snapshot', nx: g.nx, ny: g.ny, nz: g.nz, voxel_nm: g.voxel_m * 1e9, cells: cells.buffer as ArrayBuffer }, [cells.buffer as ArrayBuffer]);
    };
    sim.runAll({
      signal,
      chunk: job.chunk,
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastMsg < job.progressEvery_ms) return;
        lastMsg = now;
        const rows = traceRows(sim.trace, sentRows);
        sentRows = sim.trace.time_s.length;
        post({ type: 'progress', progress: p, rows });
        if (now - lastSnap >= job.snapshotEvery_ms) { lastSnap = now; snapshot(); }
      },
    });
    const rows = traceRows(sim.trace, sentRows);
    if (rows.time_s.length) post({ type: 'progress', progress: null, rows });
    snapshot();
    const cycles = cycleSummary(sim);
    const metrics = computeMetrics(sim, cycles);
    let files: string[] = [];
    if (job.outDir) { mkdirSync(job.outDir, { recursive: true }); files = writeOutputs(sim, job.outDir, metrics, cycles); }
    const cancelled = sim.stepResults.some((r) => r.ended === 'cancelled');
    post({
      type: 'done', cancelled, metrics, files, trace: thinTrace(sim.trace, job.maxTraceRows),
      cycles: cycles.cycles.map((c) => JSON.parse(JSON.stringify(c, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as unknown),
    });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
