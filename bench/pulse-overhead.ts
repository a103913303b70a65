/**
 * The fixed cost of each sub-step of a pulse train (simulation/pulse.ts: each on time and each
 * rest is a `Simulation.runStep`). A train of many short pulses against one DC step of the same
 * charge, same box and seed; CPU (process.cpuUsage, user + system) of `runAll`, per sub-step and
 * per event.
 *   node dist/bench/pulse-overhead.js [repeats] [--case pulse|dc] [--count] > out.json
 * Prints one JSON object: per case the events, sub-steps, trace rows, CPU seconds of each repeat;
 * with --count (not for timing: it wraps a method) also the double layer's updates, i.e. the loop
 * iterations that stop the clock for the controller (electrochem/doublelayer.ts ETA_STEP_V).
 * Run it on two builds alternately (bench/pulse-overhead-results.json holds a before/after pair).
 */
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { pulseStats } from '../src/simulation/pulse.js';
import { createHash } from 'node:crypto';
import { DoubleLayer } from '../src/electrochem/doublelayer.js';

const args = process.argv.slice(2);
const repeats = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const only = args.includes('--case') ? args[args.indexOf('--case') + 1] : undefined;
let dlUpdates = 0;
if (args.includes('--count')) {
  const update = DoubleLayer.prototype.update;
  DoubleLayer.prototype.update = function (this: DoubleLayer, ...a: Parameters<DoubleLayer['update']>) { dlUpdates++; return update.apply(this, a); };
}

/** 24 x 24 x 32 voxels of 10 nm, Li on Cu, 600 mA/cm2: a pulse of 0.1 ms passes about 5 voxels of the box */
export const PULSE_CASES: Record<string, string> = {
  pulse: 'Pulse at 600 mA/cm2 for 0.1 ms, rest 0.1 ms, 0.005 mAh/cm2',
  dc: 'Plate 0.005 mAh/cm2 at 600 mA/cm2',
};
const runOf = (text: string) => parseRunInput({
  metal: 'Li', temperature: '25 degC', lattice: { size: [24, 24, 32], voxel: '10 nm' }, host: 'Cu',
  protocol: [text], seed: 7, output: { snapshots: false },
});
const sha = (x: unknown) => createHash('sha256').update(x instanceof Uint8Array ? x : JSON.stringify(x)).digest('hex').slice(0, 16);

const out: Record<string, unknown> = {};
for (const [name, text] of Object.entries(PULSE_CASES)) {
  if (only && only !== name) continue;
  const cpu: number[] = [];
  let info: Record<string, unknown> = {};
  for (let r = 0; r < repeats; r++) {
    const sim = new Simulation(runOf(text));
    dlUpdates = 0;
    const c0 = process.cpuUsage();
    sim.runAll();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    const ps = pulseStats(sim);
    info = {
      protocol: text, events: sim.events, rows: sim.trace.time_s.length,
      pulses: ps?.pulses ?? 0, rests: ps?.rests ?? 0, subSteps: ps ? ps.pulses + ps.rests : 1,
      restEvents: ps?.restEvents ?? 0,
      ...(args.includes('--count') ? { doubleLayerUpdates: dlUpdates } : {}),
      fingerprint: { lattice: sha(sim.app.code), trace: sha(sim.trace), steps: sha(sim.stepResults) },
    };
  }
  out[name] = { ...info, cpu_s: cpu };
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
