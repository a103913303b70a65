/**
 * What the generic path costs against the plating app's fast path (issue 9 section 1):
 *   node dist/bench/generic.js [pairs] [window events] [nx ny nz] [loop rounds]
 *
 * The plating benchmark's setting (src/bench/engine.ts: Li on a graphene-like host, 10 nm voxels,
 * 1 mA/cm2; default 128 x 128 x 64), run in the generic loop (engine/loop.ts) with the
 * double-layer controller twice in one process: once on the fast path (engine/plating-fast.ts),
 * once on the generic path (engine/generic-app.ts with the event types of apps/events/). Windows
 * of events alternate fast, generic, generic, fast, ... so that both see the same load; each is
 * timed in process CPU time and on the wall clock. The two trajectories are different draws of
 * the same process from the same start (the solvers order their members differently), so the
 * windows compare like with like only statistically: both stay in the adatom stage here.
 *
 * Second part, the loop's own cost: the plating loop (Simulation.runStep) and the generic loop
 * with the fast path and the double-layer controller run the same trajectory (event for event,
 * test/engine-generic.test.ts); each runs `loopEvents` events from a fresh start, alternating,
 * `rounds` times, timed in CPU time.
 * Writes bench/generic-results.json.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { Simulation } from '../src/simulation/simulation.js';
import { platingBenchRun } from '../src/bench/engine.js';
import { PlatingFastPath } from '../src/engine/plating-fast.js';
import { GenericApp } from '../src/engine/generic-app.js';
import { platingEventTypes } from '../src/apps/events/plating-types.js';
import { DoubleLayerController } from '../src/engine/controllers.js';
import { runLoop, EventLimit, type KmcApp } from '../src/engine/loop.js';
import { meanInterval } from '../src/stats/interval.js';
import type { Rng } from '../src/kmc/rng.js';

const args = process.argv.slice(2).map(Number);
const pairs = args[0] || 5, window = args[1] || 100_000;
const size: [number, number, number] = args.length >= 5 ? [args[2]!, args[3]!, args[4]!] : [128, 128, 64];

function side(kind: 'fast' | 'generic') {
  const run = platingBenchRun(size, 1);
  const sim = new Simulation(run);
  const { lat, code, phys } = sim.app;
  // the generic side takes the lattice over (its plating app is not used again)
  const app: KmcApp = kind === 'fast' ? new PlatingFastPath(sim.app) : new GenericApp(lat, code, platingEventTypes(lat, code, phys).types);
  return make(app, sim.rng, sim, run.metal.alpha);
}

function make(app: KmcApp, rng: Rng, sim: Simulation, alpha: number) {
  const step = sim.steps[0]!.step;
  const r = (step.current_A_per_m2 * sim.d.area_m2) / sim.d.q_C;
  const ctl = new DoubleLayerController(sim.dl, app.channels, alpha, sim.d.f_per_V, r);
  let t = 0;
  return {
    run(n: number): { cpu_s: number; wall_s: number; events: number } {
      const c0 = process.cpuUsage(), w0 = performance.now();
      const res = runLoop(app, rng, { controller: ctl, observers: [ctl], stop: [new EventLimit(n)] }, t);
      t = res.t_s;
      const c = process.cpuUsage(c0);
      return { cpu_s: (c.user + c.system) / 1e6, wall_s: (performance.now() - w0) / 1000, events: res.events };
    },
  };
}

const load0 = loadavg();
const fast = side('fast'), gen = side('generic');
fast.run(window); gen.run(window); // warm-up
const f: number[] = [], g: number[] = [], fw: number[] = [], gw: number[] = [], ratios: number[] = [];
for (let i = 0; i < pairs; i++) {
  const order = i % 2 === 0 ? [fast, gen] : [gen, fast];
  const out = order.map((s) => s.run(window));
  const [rf, rg] = i % 2 === 0 ? out : [out[1]!, out[0]!];
  f.push(rf!.events / rf!.cpu_s); g.push(rg!.events / rg!.cpu_s);
  fw.push(rf!.events / rf!.wall_s); gw.push(rg!.events / rg!.wall_s);
  ratios.push(Math.log((rf!.events / rf!.cpu_s) / (rg!.events / rg!.cpu_s)));
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const iv = meanInterval(ratios);
const result = {
  date: new Date().toISOString(), node: process.version, size, window_events: window, pairs,
  load_average_start: load0, load_average_end: loadavg(),
  fast_events_per_cpu_s: med(f), generic_events_per_cpu_s: med(g),
  fast_events_per_wall_s: med(fw), generic_events_per_wall_s: med(gw),
  fast_over_generic_cpu: { geometric_mean: Math.exp(iv.mean), lo95: Math.exp(iv.lo), hi95: Math.exp(iv.hi) },
  windows_cpu: { fast: f, generic: g },
};
// the loop's own cost: the same trajectory in the plating loop and in the generic loop
const loopEvents = 5 * window, rounds = args[5] || 8;
const plating: number[] = [], generic: number[] = [];
for (let i = 0; i < 2 * rounds; i++) {
  const run = platingBenchRun(size, 1);
  const sim = new Simulation(run);
  const c0 = process.cpuUsage();
  let events: number;
  if ((i % 2 === 0) === (Math.floor(i / 2) % 2 === 0)) {
    events = sim.runStep(sim.steps[0]!, { eventLimit: loopEvents }).events;
    const c = process.cpuUsage(c0); plating.push(events / ((c.user + c.system) / 1e6));
  } else {
    events = make(new PlatingFastPath(sim.app), sim.rng, sim, run.metal.alpha).run(loopEvents).events;
    const c = process.cpuUsage(c0); generic.push(events / ((c.user + c.system) / 1e6));
  }
}
const loopRatio = meanInterval(plating.map((p, i) => Math.log(generic[i]! / p)));
Object.assign(result, {
  loop: {
    events: loopEvents, rounds, plating_loop_events_per_cpu_s: plating, generic_loop_events_per_cpu_s: generic,
    generic_over_plating_cpu: { geometric_mean: Math.exp(loopRatio.mean), lo95: Math.exp(loopRatio.lo), hi95: Math.exp(loopRatio.hi) },
  },
});
process.stdout.write(`loop: plating ${plating.map(Math.round).join(', ')} vs generic ${generic.map(Math.round).join(', ')} events per CPU s; generic/plating ${Math.exp(loopRatio.mean).toFixed(3)} [${Math.exp(loopRatio.lo).toFixed(3)}, ${Math.exp(loopRatio.hi).toFixed(3)}]\n`);
const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
writeFileSync(resolve(root, 'bench', 'generic-results.json'), JSON.stringify(result, null, 2) + '\n');
process.stdout.write(`fast ${Math.round(med(f))} vs generic ${Math.round(med(g))} events per CPU s (medians of ${pairs} windows of ${window}); fast/generic ${Math.exp(iv.mean).toFixed(2)} [${Math.exp(iv.lo).toFixed(2)}, ${Math.exp(iv.hi).toFixed(2)}]\n`);
