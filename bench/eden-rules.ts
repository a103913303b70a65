/**
 * testtime29: the Eden growth of test/validation-kpz.test.ts with the per-bond rule (the test's) and the per-site
 * (perimeter) rule beside it on the same seeds, W^2 (column mass) at the test's times; the statistics that could tell the
 * two rules apart printed per seed.
 *   node dist/bench/eden-rules.js [L] [T_MAX] [seed-from] [seed-to]   (one JSON line per seed and rule)
 * Stated before the run (testtime27's figures): groups of four seeds at L = 128 to 128 ML, plain beta per-bond
 * 0.217-0.248, perimeter 0.169-0.201 (the 0.20-0.27 window passed by the perimeter rule on seeds 5-8, 0.204).
 * The per-bond rule's intrinsic width is about half the perimeter's (W^2 at 8 ML, the test file's header): expected
 * a per-seed ratio W^2(8 ML) perimeter / per-bond of about 2, far wider than beta's gap.
 */
import { makeRun, LI, plate } from '../test/helpers/runs.js';
import { Simulation } from '../src/simulation/simulation.js';
import { heightStats } from '../src/metrics/morphology.js';
import { METAL } from '../src/lattice/voxel.js';
import type { ProtocolStep } from '../src/input/types.js';

const L = Number(process.argv[2] ?? 128), T_MAX = Number(process.argv[3] ?? 128);
const s0 = Number(process.argv[4] ?? 1), s1 = Number(process.argv[5] ?? 8);
const TIMES = [...new Set(Array.from({ length: 29 }, (_, k) => Math.round(2 ** (k / 4))))].filter((t) => t <= T_MAX);
function hold(monolayers: number): ProtocolStep {
  const { charge_C_per_m2 } = plate(1, monolayers, 0.3e-9);
  return { kind: 'plate', control: 'potentiostatic', current_A_per_m2: 0, overpotential_V: -0.05, charge_C_per_m2, text: `Hold until ${monolayers} ML` };
}
for (let seed = s0; seed <= s1; seed++) for (const reduction of ['per-bond', 'per-site'] as const) {
  const nz = T_MAX + 48;
  const t0 = process.cpuUsage();
  const sim = new Simulation(makeRun({ size: [L, L, nz], voxel_m: 0.3e-9, metal: { ...LI, nu_per_s: 0 }, model: { irreversible: true, reduction }, seed, monolayers: 1, samples: 1 }));
  let done = 0;
  const W2: number[] = [];
  for (const t of TIMES) {
    sim.runSubStep({ step: hold(t - done), index: 0, cycle: 0, half_cycle: 0 });
    done = t;
    const mass = new Float64Array(L * L), code = sim.app.code, nxy = L * L, top = Math.min(nz - 1, sim.app.maxMetalZ);
    for (let z = sim.d.hostTopZ + 1; z <= top; z++) for (let p = 0; p < nxy; p++) if (code[z * nxy + p] === METAL) mass[p]!++;
    W2.push(heightStats(mass).rms ** 2);
  }
  const u = process.cpuUsage(t0);
  console.log(JSON.stringify({ L, T_MAX, seed, reduction, cpu_s: (u.user + u.system) / 1e6, TIMES, W2: W2.map((w) => +w.toFixed(4)) }));
}
