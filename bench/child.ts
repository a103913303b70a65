/**
 * One benchmark of one build, in its own process (bench/compare.ts starts these):
 *   node dist/bench/child.js <build root> diffusion|plating|film
 * prints the result as JSON on stdout. The build at <build root> must be compiled (dist/).
 * diffusion and plating call that build's own src/bench/engine.ts (the functions exist since
 * issue 2); film runs this build's film benchmark with that build's Simulation and parseRunInput.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchFilmWith } from '../src/bench/film.js';

const [root, which] = process.argv.slice(2);
if (!root || !which) { process.stderr.write('usage: node dist/bench/child.js <build root> diffusion|plating|film\n'); process.exit(2); }
const mod = async (p: string) => import(pathToFileURL(join(root, 'dist', 'src', p)).href) as Promise<Record<string, unknown>>;

let result: unknown;
if (which === 'diffusion') {
  const m = await mod('bench/engine.js');
  result = (m.benchDiffusion as (L: number, e: number, s: number, r: number) => unknown)(100, 3_000_000, 1, 5);
} else if (which === 'plating') {
  const m = await mod('bench/engine.js');
  result = (m.benchPlating as (size: number[], e: number, s: number, r: number) => unknown)([128, 128, 64], 1_000_000, 1, 5);
} else if (which === 'film') {
  const sim = await mod('simulation/simulation.js');
  const parse = await mod('input/parse.js');
  result = benchFilmWith(sim.Simulation as never, parse.parseRunInput as never);
} else {
  process.stderr.write(`unknown benchmark ${which}\n`); process.exit(2);
}
process.stdout.write(JSON.stringify(result) + '\n');
