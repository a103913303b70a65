/**
 * Domain-size convergence of the reported nucleation overpotential (MODEL.md section 4: doubling
 * the lateral size should change it by less than 10 %). Li on a graphene-like host, 10 nm voxels,
 * 0.6 monolayer at 1 mA/cm2, eta sampled every 1/60 of the charge. Too slow for `npm test`
 * (the 256 x 256 run takes minutes), so it is a benchmark-style check whose output is committed:
 *   npx tsc -p . && node dist/bench/convergence.js   -> bench/convergence-results.json
 */
import { writeFileSync } from 'node:fs';
import { simulate } from '../src/simulation/simulate.js';
import { makeRun } from '../test/helpers/runs.js';

const sizes = (process.argv[2] ?? '32,64,128,256').split(',').map(Number);
const rows: Record<string, unknown>[] = [];
for (const L of sizes) {
  const r = simulate(makeRun({ size: [L, L, 16], monolayers: 0.6, samples: 60, seed: 1 }));
  const m = r.metrics;
  const row = { lateral_size: L, lateral_um: L * 0.01, peak_mV: m.peak_overpotential_mV, plateau_mV: m.plateau_overpotential_mV,
    nucleation_mV: m.nucleation_overpotential_mV, nucleus_density_per_um2: m.nucleus_density_per_um2, events: m.events, wall_s: m.wall_s };
  rows.push(row);
  process.stderr.write(JSON.stringify(row) + '\n');
}
const changes = rows.slice(1).map((r, i) => ({
  from: rows[i]!.lateral_size, to: r.lateral_size,
  nucleation_change: Math.abs((r.nucleation_mV as number) / (rows[i]!.nucleation_mV as number) - 1),
  peak_change: Math.abs((r.peak_mV as number) / (rows[i]!.peak_mV as number) - 1),
  plateau_change: Math.abs((r.plateau_mV as number) / (rows[i]!.plateau_mV as number) - 1),
}));
writeFileSync(new URL('../../bench/convergence-results.json', import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, rows, changes }, null, 2) + '\n');
