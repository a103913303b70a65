/**
 * fpvoid (session 62): the film benchmark (src/bench/film.ts filmRunInput, seed 1) under `model: { sealed_pores: void }`
 * with first-passage lone adatoms (on under void since fpvoid) against fill, in alternated pairs; optionally void hop by
 * hop (`engine: { adatoms: exact }`, what void ran before fpvoid) after the pairs. One JSON line per run: CPU (user +
 * system), events, events per deposited voxel, porosity, VOID voxels, first-passage exits and resolutions by a relabel,
 * the 1-minute load average at the start.
 *   node dist/bench/fpvoid-speed.js [pairs] [void-exact runs] [out.json]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { filmRunInput } from '../src/bench/film.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics } from '../src/simulation/report.js';

const pairs = Number(process.argv[2] ?? 4), exactRuns = Number(process.argv[3] ?? 0), out = process.argv[4];

function once(arm: 'fill' | 'void' | 'void-exact'): Record<string, unknown> {
  const input = { ...filmRunInput(), ...(arm === 'fill' ? {} : { model: { sealed_pores: 'void' } }) };
  const load = loadavg()[0]!;
  const t0 = process.cpuUsage();
  const sim = new Simulation(parseRunInput(input), arm === 'void-exact' ? { engine: { adatoms: 'exact' } } : {});
  sim.runAll();
  const u = process.cpuUsage(t0), m = computeMetrics(sim), st = sim.app.lone?.stats;
  const r = {
    arm, load_1min: +load.toFixed(2), cpu_s: +((u.user + u.system) / 1e6).toFixed(2), events: sim.events,
    events_per_voxel: +(sim.events / sim.netVoxels).toFixed(2), porosity: m.porosity, mean_height_nm: m.mean_height_nm,
    void_voxels: sim.app.voidCount, sealed_off: sim.app.voidSealed, exits: st?.exits ?? 0, resolved: st?.resolved ?? 0, resolved_by_relabel: st?.liquid ?? 0,
  };
  console.log(JSON.stringify(r));
  return r;
}

const rows: Record<string, unknown>[] = [];
for (let i = 0; i < pairs; i++) {
  const order: ('fill' | 'void')[] = i % 2 === 0 ? ['fill', 'void'] : ['void', 'fill'];
  for (const a of order) rows.push(once(a));
}
for (let i = 0; i < exactRuns; i++) rows.push(once('void-exact'));
if (out) writeFileSync(out, JSON.stringify({ setup: 'film benchmark (src/bench/film.ts), seed 1; void = model: { sealed_pores: void } with first-passage adatoms', rows }, null, 1) + '\n');
