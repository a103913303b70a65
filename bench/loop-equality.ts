/**
 * Before/after equality of the plating simulation over the example files (issue 9, "the engine
 * as parts": `Simulation` on the generic loop must run the same trajectories as its own loop).
 *   node dist/bench/loop-equality.js [events per case] > out.json   (on each build, then diff)
 *
 * Every run file in examples/ (each variant of a compare file) and a few extra protocols (pulse
 * with and without an electrolyte, a hold with a cell-voltage cut-off, a rest) run from a fixed
 * seed up to an event limit, with a small rebuild interval (so that rebuilds happen) and a
 * checkpoint at every rebuild point (kept in memory: its loop state, clocks, counters and lattice
 * hash). Printed per case: events, steps ended, sha256 of the final lattice, of the trace columns,
 * of the step results, of the checkpoints, and of the metrics without their wall times. Cases
 * without an electrolyte (checkpoints refuse one) also run interrupted: cancelled after the third
 * checkpoint written to a file, resumed from that file (simulation/checkpoint.ts), run to the end;
 * `resume` is whether the resumed run ends with the same lattice, trace, step results and metrics.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseCompareInput, parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics } from '../src/simulation/report.js';
import { writeCheckpoint, resumeSimulation } from '../src/simulation/checkpoint.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { ResolvedRun } from '../src/input/types.js';

const eventLimit = Number(process.argv[2] ?? 300_000);
const sha = (x: unknown) => createHash('sha256').update(typeof x === 'string' || x instanceof Uint8Array ? x : JSON.stringify(x)).digest('hex').slice(0, 16);

const cases: { name: string; run: ResolvedRun }[] = [];
const dir = 'examples';
const files: string[] = [];
for (const f of readdirSync(dir, { recursive: true }) as string[]) if (f.endsWith('.yaml')) files.push(join(dir, f));
files.sort();
for (const f of files) {
  const raw = parseYaml(readFileSync(f, 'utf8')) as Record<string, unknown>;
  if (!raw || typeof raw !== 'object' || !('protocol' in raw) || !('metal' in raw)) continue;
  try {
    for (const c of parseCompareInput(raw)) cases.push({ name: `${f}: ${c.name}`, run: c.run });
  } catch (e) { process.stderr.write(`${f}: skipped (${(e as Error).message})\n`); }
}
const extra = (name: string, protocol: string[], more: Record<string, unknown> = {}) => cases.push({ name, run: parseRunInput({
  metal: 'Li', temperature: '25 degC', lattice: { size: [12, 12, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
  protocol, seed: 3, output: { snapshots: false }, ...more,
}) });
extra('extra: pulse, plate, rest, strip', ['Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 0.0003 mAh/cm2', 'Rest for 0.01 s', 'Strip at 1 mA/cm2 for 0.2 s or until cell voltage 300 mV']);
extra('extra: hold until cell voltage, hold for time', ['Hold at -60 mV until cell voltage 100 mV', 'Hold at -40 mV for 0.05 s']);
extra('extra: pulse with an electrolyte', ['Pulse at 50 mA/cm2 for 1 ms, rest 1 ms, 0.05 mAh/cm2'],
  { lattice: { size: [12, 12, 24], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '20 um' } });
extra('extra: SEI, plate and strip with C_dl', ['Plate 0.02 mAh/cm2 at 1 mA/cm2', 'Rest for 1 s', 'Strip at 1 mA/cm2 until 1 V'],
  { sei: 'carbonate', lattice: { size: [12, 12, 20], voxel: '100 nm' }, electrochem: { double_layer: '20 uF/cm2' } });

const fingerprint = (sim: Simulation) => {
  const m = computeMetrics(sim) as unknown as Record<string, unknown>;
  const { wall_s: _w, events_per_s: _e, ...mt } = m;
  if (mt.transport) { const { field_wall_share: _f, ...t } = mt.transport as Record<string, unknown>; mt.transport = t; }
  return { lattice: sha(sim.app.code), trace: sha(sim.trace), steps: sha(sim.stepResults), metrics: sha(mt) };
};
const tmp = mkdtempSync(join(tmpdir(), 'loop-eq-'));
const out: Record<string, unknown> = {};
for (const c of cases) {
  const sim = new Simulation(c.run, { rebuildEvery: 40_000 });
  const cks: string[] = [];
  sim.runAll({
    eventLimit, chunk: 50_000,
    checkpoint: { every_s: 0, write: (s, st) => cks.push(sha({ st, events: s.events, t: s.kmcTime, time: s.time, eta: s.eta, net: s.netVoxels, code: sha(s.app.code), rng: s.rng.getState() })) },
  });
  const fp = fingerprint(sim);
  let resume: boolean | string = c.run.transport ? 'no checkpoints (electrolyte)' : 'fewer than 3 checkpoints';
  if (!c.run.transport && cks.length >= 3) {
    const file = join(tmp, 'checkpoint.bin'), ac = new AbortController();
    let n = 0;
    const a = new Simulation(c.run, { rebuildEvery: 40_000 });
    a.runAll({ eventLimit, chunk: 10_000, signal: ac.signal, checkpoint: { every_s: 0, write: (s, st) => { if (n++ < 3) writeCheckpoint(file, s, st); if (n === 3) ac.abort(); } } });
    const b = resumeSimulation(file, c.run, { rebuildEvery: 40_000 });
    b.runAll({ eventLimit, chunk: 50_000 });
    resume = JSON.stringify(fingerprint(b)) === JSON.stringify(fp) && b.events === sim.events;
  }
  out[c.name] = {
    events: sim.events, ended: sim.stepResults.map((r) => r.ended), lattice: fp.lattice, kmc_time_s: sim.kmcTime, time_s: sim.time,
    trace: fp.trace, steps: fp.steps, checkpoints: cks.length, checkpoint_hash: sha(cks), metrics: fp.metrics, resume,
  };
  process.stderr.write(`${c.name}: ${sim.events} events, ${sim.stepResults.map((r) => r.ended).join(',')}\n`);
}
rmSync(tmp, { recursive: true, force: true });
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
