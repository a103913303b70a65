/**
 * Session 31, task sectorlast: the sector scheme (src/parallel/) ends the kMC clock of a step that reaches its charge
 * within a cycle at the box's last event (mends37) and weights that cycle in the time-weighted overpotential sums up to
 * it (mends38), but the overpotential trace's last window still weighted it by its whole tau. Now the trace's windows
 * weigh as the sums do: the trace's time-weighted mean over the run is the whole-run mean (the sum / kmc_time_s), and
 * its last window ends at the last event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSectors } from '../src/parallel/sector-run.js';

test('sector scheme: the overpotential trace\'s last window ends at the box\'s last event, weighted as the whole-run sum', async () => {
  const input = { metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [24, 24, 16], voxel: '50 nm' }, protocol: ['Plate 0.013 mAh/cm2 at 3 mA/cm2'], seed: 2, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' } };
  const a = await runSectors(input, { threads: 2 });
  assert.equal(a.ended, 'charge');
  const { time_s, overpotential_mV: eta, kmc_s } = a.trace;
  assert.ok(eta.length >= 4 && kmc_s.length === eta.length && time_s.length === eta.length, `${eta.length} samples`);
  // the step ended within its last cycle (else the test could not tell the two weightings apart)
  assert.ok(a.kmc_time_s < a.cycles_end_s * (1 - 1e-9), `clock ${a.kmc_time_s} s, cycles end ${a.cycles_end_s} s`);
  // the last sample's window ends at the last event, where the clock ends; the windows follow one another
  assert.ok(Math.abs(kmc_s[kmc_s.length - 1]! / a.kmc_time_s - 1) < 1e-12, `last sample's window ends at ${kmc_s[kmc_s.length - 1]} s, clock ${a.kmc_time_s} s`);
  for (let i = 1; i < kmc_s.length; i++) assert.ok(kmc_s[i]! > kmc_s[i - 1]!, `sample ${i}: ${kmc_s[i]} s after ${kmc_s[i - 1]} s`);
  // each sample is its window's time-weighted mean: weighted by the windows' kMC lengths they give the whole-run mean
  let sum = 0, prev = 0;
  for (let i = 0; i < eta.length; i++) { sum += eta[i]! * (kmc_s[i]! - prev); prev = kmc_s[i]!; }
  assert.ok(Math.abs(sum / a.kmc_time_s / a.eta_mean_mV - 1) < 1e-9, `trace mean ${sum / a.kmc_time_s} mV, whole run ${a.eta_mean_mV} mV`);
  // the whole-run mean is not the trace's mean weighted by the galvanostat clock (the check above can tell weights apart)
  let g = 0, gp = 0;
  for (let i = 0; i < eta.length; i++) { g += eta[i]! * (time_s[i]! - gp); gp = time_s[i]!; }
  assert.ok(Math.abs(g / gp / a.eta_mean_mV - 1) > 1e-6, `galvanostat-weighted ${g / gp} mV`);
});
