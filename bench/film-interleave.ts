/**
 * The film-growth benchmark (src/bench/film.ts) of two builds in one process, window by window:
 *   node dist/bench/film-interleave.js <old root> <new root> [window events] [--new-input '<json>'] [--old-input '<json>']
 *
 * Each build runs in a worker thread of this process (bench/film-worker.ts); the two take turns
 * after every window of events (old, new, old, new, ...), only one running at a time, so both
 * see the same load of this shared machine. Each window is timed on the wall clock and in
 * process CPU time (the waiting side sleeps in Atomics.wait and uses none).
 *
 * --new-input / --old-input: keys merged into that side's run file (e.g. an acceleration switch
 * the old build does not know). Reported per side: deposited voxels and events per CPU second
 * and per wall second over the whole run, and the paired ratio new/old of events per CPU s over
 * windows 2.. (geometric mean and 95 % interval): for an exact optimisation both sides run the
 * same trajectory, so window k of both holds the same events. Load averages beside the figures.
 */
import { Worker } from 'node:worker_threads';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { meanInterval } from '../src/stats/interval.js';
import { filmRunInput } from '../src/bench/film.js';

const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const newExtra = JSON.parse(opt('--new-input') ?? '{}') as Record<string, unknown>;
const oldExtra = JSON.parse(opt('--old-input') ?? '{}') as Record<string, unknown>;
// engine switches (SimulationConfig.engine) of each side, e.g. '{"stepUp":"exact"}'
const newEngine = JSON.parse(opt('--new-engine') ?? 'null') as Record<string, unknown> | null;
const oldEngine = JSON.parse(opt('--old-engine') ?? 'null') as Record<string, unknown> | null;
// another run file for both sides (default: the film-growth benchmark's), and an event limit
const baseInput = JSON.parse(opt('--input') ?? 'null') as Record<string, unknown> | null ?? filmRunInput();
const eventsArg = opt('--events');
const eventLimit = eventsArg !== undefined ? Number(eventsArg) : undefined;
const [oldRoot, newRoot, windowArg] = args;
if (!oldRoot || !newRoot) { process.stderr.write('usage: node dist/bench/film-interleave.js <old root> <new root> [window events]\n'); process.exit(2); }
const window = Number(windowArg ?? 500_000);
const turn = new SharedArrayBuffer(8);
const here = fileURLToPath(new URL('.', import.meta.url));
const worker = resolve(here, 'film-worker.js');

interface Win { events: number; net: number; wall_s: number; cpu_s: number }
interface Side { memory: Record<string, number>; windows: Win[]; events: number; deposited_voxels: number; ended: string; mean_height_nm: number; rms_roughness_nm: number; porosity: number; reductions: number; oxidations: number; hops: number }
const load0 = loadavg();
const run = (root: string, id: 0 | 1, extra: Record<string, unknown>, engine: Record<string, unknown> | null) => new Promise<Side>((ok, fail) => {
  const w = new Worker(worker, { workerData: { root, id, input: { ...baseInput, ...extra }, ...(engine ? { engine } : {}), window, ...(eventLimit !== undefined ? { eventLimit } : {}), turn } });
  w.once('message', (m) => ok(m as Side));
  w.once('error', fail);
});
const [o, n] = await Promise.all([run(oldRoot, 0, oldExtra, oldEngine), run(newRoot, 1, newExtra, newEngine)]);
const load1 = loadavg();
const sum = (ws: Win[], k: keyof Win) => ws.reduce((s, w) => s + w[k], 0);
const summary = (s: Side) => {
  const cpu = sum(s.windows, 'cpu_s'), wall = sum(s.windows, 'wall_s');
  const { windows, ...rest } = s;
  return {
    ...rest, events_per_deposited_voxel: s.events / s.deposited_voxels, cpu_s: cpu, wall_s: wall,
    deposited_voxels_per_cpu_s: s.deposited_voxels / cpu, events_per_cpu_s: s.events / cpu,
    deposited_voxels_per_wall_s: s.deposited_voxels / wall, events_per_wall_s: s.events / wall,
    windows_events_per_cpu_s: windows.map((w) => w.events / w.cpu_s),
    // per window: events per deposited voxel and CPU s (the stages of a run: nucleation, coalescence, thickening)
    windows_events_per_deposited_voxel: windows.map((w) => w.events / w.net),
    windows_cpu_s: windows.map((w) => w.cpu_s),
    // and wall s (filmspeed68: a side's stretch of slow windows in CPU s, read beside its wall s)
    windows_wall_s: windows.map((w) => w.wall_s),
  };
};
const so = summary(o), sn = summary(n);
const m = Math.min(o.windows.length, n.windows.length);
const logs: number[] = [];
for (let k = 1; k < m; k++) {
  const a = o.windows[k]!, b = n.windows[k]!;
  if (a.events > 0 && b.events > 0) logs.push(Math.log((b.events / b.cpu_s) / (a.events / a.cpu_s)));
}
const iv = logs.length >= 2 ? meanInterval(logs) : null;
const out = {
  date: new Date().toISOString(), node: process.version, window_events: window, event_limit: eventLimit ?? null, input: baseInput,
  load_average_start: load0, load_average_end: load1,
  old: { root: oldRoot, input_extra: oldExtra, engine: oldEngine, ...so }, new: { root: newRoot, input_extra: newExtra, engine: newEngine, ...sn },
  ratio_new_over_old: {
    deposited_voxels_per_cpu_s: sn.deposited_voxels_per_cpu_s / so.deposited_voxels_per_cpu_s,
    events_per_cpu_s: sn.events_per_cpu_s / so.events_per_cpu_s,
    deposited_voxels_per_wall_s: sn.deposited_voxels_per_wall_s / so.deposited_voxels_per_wall_s,
    paired_windows_events_per_cpu_s: iv ? { geometric_mean: Math.exp(iv.mean), lo95: Math.exp(iv.lo), hi95: Math.exp(iv.hi), windows: logs.length } : null,
  },
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
