/**
 * energyaudit probe (session 60): how often the default engine takes the one faradaic event that has no reverse
 * (docs/model.md, "Known defects", E1): a reduction into an electrolyte voxel with no electrolyte neighbour (a closed
 * one-voxel pore, or a voxel at the top of the box with solids on its five faces). The atom it makes has no
 * electrolyte neighbour, so no oxidation, while MODEL.md 8.3 wants detailed balance between reduction and oxidation.
 *
 * `node dist/bench/energyaudit-probe.js film|main|eden`: the film benchmark (src/bench/film.ts, Li on Cu, 100 x 100 x 80
 * of 50 nm, 0.3 mAh/cm2 at 3 mA/cm2, seed 1), the main job (examples/main-job.yaml, each variant), or validation-kpz's
 * Eden growth (128 x 128 columns, 8 monolayers, both reduction rules, seed 1). One JSON line per
 * run: reductions, of them into closed voxels (and at the top of the box), oxidations, hops, and at the end the metal
 * voxels without an electrolyte face that a closed-voxel reduction made. A run-time patch of PlatingApp's executeAt
 * (src/ unchanged; the run's trajectory is the default engine's: the patch only reads).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { PlatingApp } from '../src/apps/plating.js';
import { EMPTY } from '../src/lattice/voxel.js';
import { Simulation } from '../src/simulation/simulation.js';
import { parseCompareInput, parseRunInput } from '../src/input/parse.js';
import { filmRunInput } from '../src/bench/film.js';
import type { ResolvedRun } from '../src/input/types.js';
import { makeRun, LI } from '../test/helpers/runs.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...a: any[]) => unknown;
type App = { code: Uint8Array; lat: { neighbors(v: number, out: Int32Array): void; nxy: number; n: number } };
const P = PlatingApp.prototype as unknown as Record<string, Fn>;
const C = { closedReductions: 0, topOfBox: 0 };
const nb = new Int32Array(6);
const orig = P.executeAt!;
P.executeAt = function (this: App, entity: number, v: number) {
  if ((entity & 1) === 0 && this.code[v] === EMPTY) {
    this.lat.neighbors(v, nb);
    let open = false, edge = false;
    for (let d = 0; d < 6; d++) { const t = nb[d]!; if (t < 0) edge = true; else if (this.code[t] === EMPTY) open = true; }
    if (!open) { C.closedReductions++; if (edge) C.topOfBox++; }
  }
  return orig.call(this, entity, v);
};

function run(name: string, r: ResolvedRun): void {
  C.closedReductions = 0; C.topOfBox = 0;
  const u0 = process.cpuUsage();
  const sim = new Simulation(r);
  sim.runAll({});
  const u = process.cpuUsage(u0);
  const k = sim.app.counters;
  console.log(JSON.stringify({ name, reductions: k.reductions, ...C, share: C.closedReductions / k.reductions, oxidations: k.oxidations, hops: k.hops, events: sim.events, cpu_s: (u.user + u.system) / 1e6 }));
}

const which = process.argv[2] ?? 'main';
if (which === 'film') run('film', parseRunInput(filmRunInput()));
else if (which === 'eden') {
  // validation-kpz's Eden growth (irreversible, nu = 0), 128 x 128 columns, 8 monolayers, both reduction rules, seed 1
  for (const reduction of ['per-bond', 'per-site'] as const) {
    run(`eden ${reduction} 128 x 128, 8 ML`, makeRun({ size: [128, 128, 64], voxel_m: 0.3e-9, metal: { ...LI, nu_per_s: 0 }, model: { irreversible: true, reduction }, seed: 1, monolayers: 8, samples: 1 }));
  }
}
else for (const c of parseCompareInput(parseYaml(readFileSync('examples/main-job.yaml', 'utf8')))) run(`main-job: ${c.name}`, c.run);
