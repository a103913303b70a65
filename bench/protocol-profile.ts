/**
 * Where the 100 nm standard protocol's time goes, early and late in the run (issue 11, ninth round):
 *
 *   node dist/bench/protocol-profile.js <root> <out dir> [windows, M events: 0:5,24:30,48:54,72:78] [stop after, M events]
 *
 * Runs examples/standard-protocol-100nm.yaml with the build at <root> (a git archive of any commit,
 * compiled) in one process, and profiles windows of events with V8's sampling profiler through
 * node:inspector (started and stopped between chunks of 1 M events: no checkpoint and no rerun
 * needed to reach 30, 60 or 90 % of the run; a window starts at the first chunk boundary inside it). Writes <out dir>/w<k>-<start>M.cpuprofile per window
 * (open in Chrome DevTools) and <out dir>/profile.json: per window the self time by part of the
 * engine and the top functions, and per 1 M-event chunk the CPU time, events per deposited voxel,
 * the band's layers, active sites, heap and the load average (what grows with time or box size).
 */
import { Session } from 'node:inspector';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { parse as parseYaml } from 'yaml';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number }
interface SimLike {
  runAll(o: { chunk?: number; eventLimit?: number; onProgress?: () => void }): void;
  events: number; netVoxels: number;
  trace: { time_s: number[]; overpotential_mV: number[] };
  stepResults: { rms_roughness_nm: number; mean_height_nm: number; ended: string }[];
  app: { slots: { size: number; bandLayers?: number }; maxMetalZ: number };
}

const [root, outDir, winArg, stopArg] = process.argv.slice(2);
if (!root || !outDir) { process.stderr.write('usage: node dist/bench/protocol-profile.js <root> <out dir> [0:5,24:30,...]\n'); process.exit(2); }
mkdirSync(outDir, { recursive: true });
const mod = async (p: string) => import(pathToFileURL(join(root, 'dist', 'src', p)).href) as Promise<Record<string, unknown>>;
const { Simulation } = await mod('simulation/simulation.js') as { Simulation: new (r: unknown, c?: unknown) => SimLike };
const { parseRunInput } = await mod('input/parse.js') as { parseRunInput: (i: unknown) => unknown };
const input = parseYaml(readFileSync(join(root, 'examples', 'standard-protocol-100nm.yaml'), 'utf8')) as unknown;
const windows = (winArg ?? '0:5,24:30,48:54,72:78').split(',').map((s) => s.split(':').map((x) => Number(x) * 1e6) as [number, number]);

const session = new Session();
session.connect();
// the in-process session answers synchronously
const post = (method: string, params: Record<string, unknown> = {}): unknown => {
  let out: unknown; let err: Error | null = null;
  session.post(method, params, (e, r) => { err = e; out = r; });
  if (err) throw err;
  return out;
};
post('Profiler.enable');
post('Profiler.setSamplingInterval', { interval: 500 }); // us

/** the part of the engine a sampled function belongs to (self time) */
const part = (fn: string, url: string): string => {
  const f = url.split('/').pop() ?? '';
  if (fn === '(garbage collector)') return 'garbage collector';
  if (['doublelayer.js', 'transfer-exps.js', 'galvanostat.js', 'channels.js'].includes(f) || (f === 'step-parts.js' && fn === 'update')) return 'double layer and galvanostat';
  if (f === 'lone-adatoms.js' || f === 'firstpassage.js' || (f === 'step-parts.js' && (fn === 'advance' || fn === 'nextUpdate_s'))) return 'first-passage domains';
  if (f === 'connectivity.js') return 'connectivity';
  if (f === 'solver.js' && fn === 'select') return 'selection';
  if (f === 'bandslotmap.js' && fn === 'cover') return 'band maintenance (cover)';
  if (f === 'plating.js' && ['executeAt', 'execute', 'pickMove', 'moveTarget', 'moveTargetBound'].includes(fn)) return 'event execution';
  if (['plating.js', 'solver.js', 'bandslotmap.js', 'lattice.js'].includes(f)) return 'change sets (collect, classes, solver and slot updates, relabelling)';
  if (['loop.js', 'simulation.js', 'step-parts.js'].includes(f)) return 'loop and step bookkeeping';
  return 'other';
};
const summarise = (p: Profile) => {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const count = new Map<number, number>();
  for (const s of p.samples) count.set(s, (count.get(s) ?? 0) + 1);
  const parts: Record<string, number> = {}, fns: Record<string, number> = {};
  let n = 0;
  for (const [id, c] of count) {
    const cf = byId.get(id)!.callFrame;
    n += c;
    const k = part(cf.functionName, cf.url);
    parts[k] = (parts[k] ?? 0) + c;
    const fk = `${cf.functionName || '(anonymous)'} (${cf.url.split('/').slice(-2).join('/')})`;
    fns[fk] = (fns[fk] ?? 0) + c;
  }
  const pct = (o: Record<string, number>, top = Infinity) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, +((100 * v) / n).toFixed(1)]));
  return { samples: n, wall_s: (p.endTime - p.startTime) / 1e6, self_percent_by_part: pct(parts), self_percent_top_functions: pct(fns, 15) };
};

const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
const sim = new Simulation(parseRunInput(input), {});
const chunks: Record<string, number>[] = [];
const profiles: Record<string, unknown>[] = [];
let on = -1, c0 = cpu(), e0 = 0, n0 = 0;
sim.runAll({
  chunk: 1_000_000,
  ...(stopArg !== undefined ? { eventLimit: Number(stopArg) * 1e6 } : {}),
  onProgress: () => {
    const c = cpu(), app = sim.app;
    chunks.push({
      events: sim.events, cpu_s: c - c0, events_per_cpu_s: (sim.events - e0) / (c - c0), events_per_deposited_voxel: (sim.events - e0) / (sim.netVoxels - n0),
      band_layers: app.slots.bandLayers ?? NaN, active_sites: app.slots.size, top_metal_layer: app.maxMetalZ,
      heap_used_bytes: process.memoryUsage().heapUsed, trace_rows: sim.trace.time_s.length, load_average_1min: loadavg()[0]!,
    });
    c0 = c; e0 = sim.events; n0 = sim.netVoxels;
    for (let k = 0; k < windows.length; k++) {
      const [a, b] = windows[k]!;
      if (on < 0 && sim.events >= a && sim.events < b) { post('Profiler.start'); on = k; }
      else if (on === k && sim.events >= b) {
        const p = (post('Profiler.stop') as { profile: Profile }).profile;
        writeFileSync(join(outDir, `w${k}-${a / 1e6}M.cpuprofile`), JSON.stringify(p));
        profiles.push({ window_events: [a, b], ...summarise(p) });
        on = -1;
      }
    }
  },
});
if (on >= 0) { const p = (post('Profiler.stop') as { profile: Profile }).profile; profiles.push({ window_events: [windows[on]![0], sim.events], ...summarise(p) }); }
const r = sim.stepResults[sim.stepResults.length - 1]!;
writeFileSync(join(outDir, 'profile.json'), JSON.stringify({
  date: new Date().toISOString(), node: process.version, root, events: sim.events, deposited_voxels: sim.netVoxels,
  rms_roughness_nm: r.rms_roughness_nm, mean_height_nm: r.mean_height_nm, ended: r.ended,
  peak_abs_overpotential_mV: sim.trace.overpotential_mV.reduce((m, x) => Math.max(m, Math.abs(x)), 0),
  cpu_s_whole_run_with_profiler: chunks.reduce((s, c) => s + c.cpu_s!, 0),
  profiles, chunks,
}, null, 1) + '\n');
