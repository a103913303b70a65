/**
 * Task deadtouch, step 1 (measure, no model change): at the end of each step of a run, how many DEAD
 * voxels share a face with METAL (connected metal: the plating app keeps every METAL voxel connected),
 * and how many dead clusters (face-connected DEAD voxels) hold such a voxel.
 *   node dist/bench/dead-touch.js protocol SEEDS CHARGE_mAh   (examples/standard-protocol-100nm.yaml, plate CHARGE)
 *   node dist/bench/dead-touch.js aurbach SEEDS [reconnect]   (validation/studies/sei-aurbach.ts's carbonate set-up)
 * SEEDS: e.g. 1-3. Prints one JSON line per run.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { DIRS } from '../src/kmc/lattice.js';
import { METAL, DEAD } from '../src/lattice/voxel.js';
import { AURBACH } from '../validation/studies/sei-common.js';

export interface TouchCensus { dead: number; deadTouching: number; clusters: number; clustersTouching: number; voxelsInTouchingClusters: number; metal: number }

export function touchCensus(sim: Simulation): TouchCensus {
  const lat = sim.app.lat, code = sim.app.code, n = lat.n;
  const nb = new Int32Array(DIRS);
  const seen = new Uint8Array(n);
  let dead = 0, deadTouching = 0, clusters = 0, clustersTouching = 0, inTouching = 0, metal = 0;
  const stack: number[] = [];
  for (let w = 0; w < n; w++) {
    if (code[w] === METAL) metal++;
    if (code[w] !== DEAD || seen[w]) continue;
    clusters++;
    let size = 0, touching = 0;
    seen[w] = 1; stack.push(w);
    while (stack.length > 0) {
      const u = stack.pop()!;
      size++;
      lat.neighbors(u, nb);
      let t = false;
      for (let d = 0; d < DIRS; d++) {
        const x = nb[d]!;
        if (x < 0) continue;
        if (code[x] === METAL) t = true;
        else if (code[x] === DEAD && !seen[x]) { seen[x] = 1; stack.push(x); }
      }
      if (t) touching++;
    }
    dead += size; deadTouching += touching;
    if (touching > 0) { clustersTouching++; inTouching += size; }
  }
  return { dead, deadTouching, clusters, clustersTouching, voxelsInTouchingClusters: inTouching, metal };
}

function seedList(s: string): number[] {
  const m = /^(\d+)-(\d+)$/.exec(s);
  if (m) { const out: number[] = []; for (let i = Number(m[1]); i <= Number(m[2]); i++) out.push(i); return out; }
  return s.split(',').map(Number);
}

const [what, seedsArg, extra] = process.argv.slice(2);
for (const seed of seedList(seedsArg ?? '1')) {
  let input: Record<string, unknown>;
  if (what === 'protocol') {
    input = parseYaml(readFileSync(new URL('../../examples/standard-protocol-100nm.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
    input.protocol = [`Plate ${extra ?? '0.3'} mAh/cm2 at 3 mA/cm2`];
  } else {
    input = {
      metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 40], voxel: '100 nm' }, host: 'Cu',
      kinetics: { terraceBarrier: '0.35 eV' }, sei: extra === 'reconnect' ? { set: 'carbonate', reconnect_dead_on_contact: true } : 'carbonate',
      protocol: AURBACH, output: { snapshots: false },
    };
  }
  input.seed = seed;
  const sim = new Simulation(parseRunInput(input));
  const steps: (TouchCensus & { step: number; kind: string })[] = [];
  let i = 0;
  const t0 = process.cpuUsage();
  sim.runAll({ onStepEnd: (s, r) => { steps.push({ step: i++, kind: r.kind, ...touchCensus(s) }); } });
  const cpu = process.cpuUsage(t0);
  const sum = what === 'protocol' ? undefined : cycleSummary(sim);
  console.log(JSON.stringify({ what, seed, extra, cpu_s: (cpu.user + cpu.system) / 1e6, deadFormed: sim.app.deadFormed,
    reconnected: sim.app.deadReconnected, ...(sum ? { ce: sum.aurbach?.ce_avg, dead_metal_fraction: sum.dead_metal_fraction } : {}), steps }));
}
