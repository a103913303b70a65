/**
 * Worker-thread body of `simulateInWorker` (worker-run.ts), the one worker path of the CLI and
 * the workbench server: runs a simulation with `simulate`, posts progress, and stops between
 * batches of events when the parent sets the shared cancel flag. Since startcost2 a worker takes its runs one
 * message at a time and is kept between calls (worker-run.ts), each run with its own flag, state and messages. With `live` options (the
 * workbench) each progress message also carries the trace rows added since the last, voxel
 * snapshots are posted now and then, and the end brings a thinned trace and the cycle summary.
 * It imports run-resolved.ts, not simulate.ts: the run usually comes resolved, and the run-file
 * parser (zod, YAML, the parameter registry) is loaded only for a run object still to resolve.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isResolvedRun, simulateResolved, type SimulateOptions } from './run-resolved.js';
import type { ResolvedRun } from '../input/types.js';
import type { Simulation } from './simulation.js';
import { serialiseError } from './worker-errors.js';
import { thinTrace, traceRows, type LiveOptions } from './live.js';
import { join } from 'node:path';
import { FIGURE_DIR } from '../plots/run.js';

interface Data {
  /** resolveInput()'s result, or a run object to resolve here */
  run: ResolvedRun | Record<string, unknown>;
  opts: Pick<SimulateOptions, 'outDir' | 'checkpointEvery_s' | 'resume' | 'config' | 'chunk' | 'eventLimit'> & { figures?: boolean; clearFirst?: readonly string[] };
  /** Int32Array over a SharedArrayBuffer: [0] != 0 asks the run to stop */
  cancel: SharedArrayBuffer;
  live?: LiveOptions;
}

type Post = (m: unknown, transfer?: ArrayBuffer[]) => void;

/** One run of `d`, its messages through `post` (progress, snapshots, resume, then done or error). */
async function runOne(d: Data, post: Post): Promise<void> {
  const flag = new Int32Array(d.cancel);
  // The loop asks `signal.aborted` between batches of events (simulation.ts, every `chunk` events)
  const signal = { get aborted(): boolean { return Atomics.load(flag, 0) !== 0; } } as AbortSignal;
  const live = d.live;
  let sim: Simulation | undefined;
  let sentRows = 0, lastMsg = -Infinity, lastSnap = -Infinity;
  const snapshot = () => {
    if (!live || !sim) return;
    const g = sim.grid;
    if (g.nx * g.ny * g.nz > live.maxSnapshotVoxels) return;
    const cells = g.cells.slice(); // a copy the engine no longer touches
    post({ type: 'snapshot', snapshot: { nx: g.nx, ny: g.ny, nz: g.nz, voxel_nm: g.voxel_m * 1e9, cells: cells.buffer } }, [cells.buffer as ArrayBuffer]);
  };
  const newRows = () => {
    const rows = traceRows(sim!.trace, sentRows);
    sentRows = sim!.trace.time_s.length;
    return rows;
  };
  try {
    const { figures, clearFirst, ...simOpts } = d.opts;
    // a run object's mistakes are thrown here, and come back as InputErrors
    const run = isResolvedRun(d.run) ? d.run : (await import('./simulate.js')).resolveInput(d.run);
    const r = simulateResolved(run, {
      ...simOpts, signal,
      onSimulation: (s) => { sim = s; },
      onProgress: (p) => {
        if (!live) { post({ type: 'progress', p }); return; }
        const now = performance.now();
        if (now - lastMsg < live.progressEvery_ms) return;
        lastMsg = now;
        post({ type: 'progress', p, rows: newRows() });
        if (now - lastSnap >= live.snapshotEvery_ms) { lastSnap = now; snapshot(); }
      },
      onResume: (info) => post({ type: 'resume', info }),
    }, clearFirst);
    const cancelled = r.cancelled;
    // the figures of a finished run, rendered here so that several runs render in parallel
    // (the renderer and its font reader are loaded then only: a run without figures, or cancelled, never loads them)
    if (figures && simOpts.outDir && !cancelled) {
      // (startcost2) vega numbers the SVGs' clip paths and gradients from module-level counters: reset for each run, so
      // a kept worker's figures are a fresh worker's bytes (clip-path="url(#clip3)", not #clip7 after an earlier run's)
      const render = await import('../plots/render.js');
      ((await import('vega')) as unknown as { resetSVGDefIds: () => void }).resetSVGDefIds();
      r.files.push(...(await render.renderFigureDir(join(simOpts.outDir, FIGURE_DIR))));
    }
    const extra = live ? {
      trace: thinTrace(r.trace, live.maxTraceRows),
      cycles: r.cycles.cycles.map((c) => JSON.parse(JSON.stringify(c, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as unknown),
    } : {};
    if (live) {
      const rows = newRows();
      if (rows.time_s.length) post({ type: 'progress', p: null, rows });
      snapshot();
    }
    // without live (a script's run): simulate()'s trace, cycles and grid (review73); the grid's bytes are the run's own
    // lattice array, moved, not copied, when they fill their buffer (the run is over: nothing here reads it again)
    const codes = r.grid.codes;
    const movable = !live && codes.buffer instanceof ArrayBuffer && codes.byteOffset === 0 && codes.byteLength === codes.buffer.byteLength;
    const output = live ? {} : { output: { trace: r.trace, cycles: r.cycles, grid: r.grid } };
    post({ type: 'done', metrics: r.metrics, files: r.files, steps: r.steps.map((x) => ({ ...x })), resumed: r.resumed, cancelled, events: r.metrics.events, ...extra, ...output }, movable ? [codes.buffer as ArrayBuffer] : []);
  } catch (e) {
    post({ type: 'error', error: serialiseError(e) });
  }
}

const post: Post = (m, transfer = []) => parentPort!.postMessage(m, transfer);
// startcost2: a kept worker (worker-run.ts) takes one run a message, one after another; a worker given its run in
// workerData runs that one
const wd = workerData as Data | { kept: true };
if ('kept' in wd) parentPort!.on('message', (m: { type: 'run'; data: Data }) => { if (m.type === 'run') void runOne(m.data, post); });
else await runOne(wd, post);
