/**
 * One benchmark of one build, in its own process (bench/compare.ts starts these):
 *   node dist/bench/child.js <build root> diffusion|plating|film
 * prints the result as JSON on stdout. The build at <build root> must be compiled (dist/).
 *
 * The timing is done here, the same for both builds, with that build's own classes
 * (DiffusionApp; Simulation with its platingBenchRun; Simulation and parseRunInput for the film):
 * the settings of src/bench/engine.ts (diffusion 100^3, 5 windows of 3e6 events after a 1e5
 * warm-up; plating 128 x 128 x 64, 5 windows of 1e6 events after a 1e6 warm-up window) and of
 * src/bench/film.ts. Each window is timed on the wall clock and in process CPU time
 * (process.cpuUsage): on a shared machine the wall clock also counts the time other processes
 * held the core, CPU time much less so.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchFilmWith } from '../src/bench/film.js';

const [root, which] = process.argv.slice(2);
if (!root || !which) { process.stderr.write('usage: node dist/bench/child.js <build root> diffusion|plating|film\n'); process.exit(2); }
const mod = async (p: string) => import(pathToFileURL(join(root, 'dist', 'src', p)).href) as Promise<Record<string, unknown>>;

interface Mark { wall: number; cpu: number; events: number }
const mark = (events: number): Mark => { const c = process.cpuUsage(); return { wall: performance.now() / 1000, cpu: (c.user + c.system) / 1e6, events }; };
function windows(marks: Mark[]) {
  const wall: number[] = [], cpu: number[] = [];
  for (let k = 1; k < marks.length; k++) {
    const d = marks[k]!.events - marks[k - 1]!.events;
    wall.push(d / (marks[k]!.wall - marks[k - 1]!.wall));
    cpu.push(d / (marks[k]!.cpu - marks[k - 1]!.cpu));
  }
  return { events: marks[marks.length - 1]!.events - marks[0]!.events, repeats_events_per_s: wall, repeats_events_per_cpu_s: cpu, events_per_s: median(wall), events_per_cpu_s: median(cpu) };
}
function median(xs: number[]): number { const s = xs.slice().sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; }

let result: unknown;
if (which === 'diffusion') {
  const { DiffusionApp } = await mod('apps/diffusion.js') as { DiffusionApp: new (o: unknown) => { run(n: number): number } };
  const app = new DiffusionApp({ size: 100, seed: 1, mode: 'bond', E0_eV: 0.1, Eb_eV: 0.05, kT_eV: 0.0257 });
  app.run(100_000); // warm-up
  let n = 0;
  const marks = [mark(0)];
  for (let k = 0; k < 5; k++) { n += app.run(3_000_000); marks.push(mark(n)); }
  result = { app: 'diffusion', size: [100, 100, 100], ...windows(marks) };
} else if (which === 'plating') {
  const { Simulation } = await mod('simulation/simulation.js') as { Simulation: new (r: unknown) => { steps: unknown[]; events: number; runStep(s: unknown, o: unknown): unknown } };
  const { platingBenchRun } = await mod('bench/engine.js') as { platingBenchRun: (size: number[], seed: number) => unknown };
  const sim = new Simulation(platingBenchRun([128, 128, 64], 1));
  const events = 1_000_000;
  sim.runStep(sim.steps[0], { eventLimit: events }); // warm-up window
  const marks = [mark(sim.events)];
  sim.runStep(sim.steps[0], { eventLimit: sim.events + 5 * events + 1, chunk: events, onProgress: (p: { events: number }) => marks.push(mark(p.events)) });
  result = { app: 'plating', size: [128, 128, 64], ...windows(marks) };
} else if (which === 'film') {
  const sim = await mod('simulation/simulation.js');
  const parse = await mod('input/parse.js');
  result = benchFilmWith(sim.Simulation as never, parse.parseRunInput as never);
} else {
  process.stderr.write(`unknown benchmark ${which}\n`); process.exit(2);
}
process.stdout.write(JSON.stringify(result) + '\n');
