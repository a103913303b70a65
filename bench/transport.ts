/**
 * `npm run bench` (part): the transport benchmark. Writes bench/transport-results.json.
 *
 * Film growth with the electrolyte field on: Li on Cu, 50 nm voxels, 5 um x 5 um (100 x 100
 * columns, 100 layers: 1.0e6 voxels), 1 M LiPF6 in EC/DMC, separator at 25 um, at 3 mA/cm2. The
 * issue's setting plates 0.3 mAh/cm2 (360 s of cell time); the benchmark plates 0.1 mAh/cm2 (120 s:
 * the first third of it; SACPLATE_BENCH_CHARGE overrides), `--quick` 0.03 mAh/cm2.
 * Reported: events/s (kMC events, thinning rejections included), the share of the wall time spent
 * in field updates and rho scans (target < 30 %), the field grid, and the same run without the
 * field (paired, same seed) for the cost of transport as a whole.
 */
import { writeFileSync } from 'node:fs';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics } from '../src/simulation/report.js';

const quick = process.argv.includes('--quick');
const charge = quick ? '0.03 mAh/cm2' : (process.env.SACPLATE_BENCH_CHARGE ?? '0.1 mAh/cm2');
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length };
const log = (k: string, v: unknown) => { results[k] = v; process.stderr.write(`${k}: ${JSON.stringify(v)}\n`); };

function film(withField: boolean, fieldCell?: string, chargeText = charge) {
  const input = {
    metal: 'Li', host: 'Cu', lattice: { size: [100, 100, 100], voxel: '50 nm' }, seed: 1,
    protocol: [`Plate ${chargeText} at 3 mA/cm2`], output: { snapshots: false },
    ...(withField ? { electrolyte: 'LiPF6-EC-DMC', cell: { separator_distance: '25 um', ...(fieldCell ? { field_cell: fieldCell } : {}) } } : {}),
  };
  const sim = new Simulation(parseRunInput(input));
  const t0 = performance.now();
  sim.runAll();
  const wall = (performance.now() - t0) / 1000;
  const m = computeMetrics(sim);
  const tp = sim.transport;
  return {
    charge: chargeText, field: withField, wall_s: wall, events: sim.events, events_per_s: sim.events / wall,
    reductions: m.reductions, hops: m.hops, rms_roughness_nm: m.rms_roughness_nm, porosity: m.porosity, max_height_nm: m.max_height_nm,
    ...(tp ? {
      field_wall_s: tp.fieldWall_ms / 1000, field_share: tp.fieldWall_ms / 1000 / wall, field_updates: tp.updates,
      rejected_reductions: tp.rejected, grid: m.transport!.field_grid, surface_concentration_M: m.transport!.surface_concentration_M,
      concentration_overpotential_mV: m.transport!.concentration_overpotential_mV, salt_balance_residual: m.transport!.salt_balance_residual,
    } : {}),
  };
}

log('film_1e6_transport_default_grid', film(true));
log('film_1e6_no_transport', film(false));
// grid sensitivity of the cost: 250 nm cells (20 x 20 columns), short run
log('film_1e6_transport_250nm_grid_0.03mAh', film(true, '250 nm', '0.03 mAh/cm2'));
writeFileSync(new URL('../../bench/transport-results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
