/**
 * Nucleation overpotential (MODEL.md 4, 9): domain-size convergence over seeds, and the two
 * controls of section 9, with the double layer of electrochem/doublelayer.ts.
 *  - Li on graphene (lithiophobic, contact angle 135 deg), 1 mA/cm2, 0.004 mAh/cm2 (the main job's
 *    charge and voxel), 20 nm voxels: lateral sizes 16, 32, 64, 128 voxels (0.32-2.56 um), seeds
 *    1-6; the claim: doubling the size changes the mean by less than 10 % (MODEL.md 4). Each row
 *    also gives the 95 % interval of the change (Welch, unpaired: the boxes do not share seeds'
 *    trajectories). Until 2026-11-30 this ran seeds 1-3 on 16-64 only; three seeds left the
 *    interval of each mean at +-15-25 % and the verdict flipped between reruns (32 x 32 failed on
 *    one build, 64 x 64 on the next), so seeds 4-6 and the 128 x 128 box were added before the
 *    next run, with the claim unchanged.
 *  - the metal's own stepped foil (kinked diagonal steps every 4 voxels, 4 levels up and 4 down),
 *    32 x 32, seeds 1-5: nucleation overpotential < 2 mV (upper end of the 95 % interval).
 *  - a SAC whose parameters equal its host's (3 % of graphene sites, 32 x 32 voxels of 20 nm): paired
 *    difference to the bare host over seeds 1-6 has a 95 % interval that contains zero.
 */
import { parseRunInput } from '../../src/input/parse.js';
import { simulate } from '../../src/simulation/simulate.js';
import { meanInterval, pairedInterval, welchInterval } from '../../src/stats/interval.js';
import type { ResolvedRun } from '../../src/input/types.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

/** The size series' run (and the controls'): Li at 1 mA/cm2 on `host`, size x size x 24 voxels; exported for nucleation-convergence-large. */
export function li(host: string, size: number, extra: Record<string, unknown> = {}, voxel = '20 nm', mAh = '0.004'): ResolvedRun {
  return parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [size, size, 24], voxel, ...extra }, host,
    protocol: [`Plate ${mAh} mAh/cm2 at 1 mA/cm2`], seed: 1, output: { snapshots: false },
    ...(host === 'Li' ? { host_layers: 4 } : {}),
  });
}

const nuc = (run: ResolvedRun, seed: number): number => simulate({ ...run, seed }).metrics.nucleation_overpotential_mV;

export const study: ValidationStudy = {
  id: 'nucleation-convergence',
  title: 'Nucleation overpotential: domain size, foil control, SAC-equals-host control',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    const seeds = [1, 2, 3, 4, 5, 6];
    const means: number[] = [];
    let prev: number[] = [];
    for (const L of [16, 32, 64, 128]) {
      const v = seeds.map((s) => nuc(li('graphene', L), s));
      const iv = meanInterval(v);
      means.push(iv.mean);
      const ch = prev.length > 0 ? welchInterval(v, prev) : undefined;
      prev = v;
      out.push({
        id: `nucleation-graphene-${L}`, quantity: `Li on graphene, nucleation overpotential, ${L} x ${L} voxels of 20 nm (${(L * 0.02).toFixed(2)} um)`,
        published: 'converged in domain size (MODEL.md 4: doubling the size changes it by < 10 %)', source: 'MODEL.md 4',
        measured: iv.mean, unit: 'mV', interval: [iv.lo, iv.hi], runs: `seeds ${seeds.join(', ')}: ${v.map((x) => x.toFixed(1)).join(', ')} mV`,
        pass: means.length < 2 || Math.abs(iv.mean / means[means.length - 2]! - 1) < 0.1,
        note: (means.length < 2 || ch === undefined ? 'smallest box' : `change from ${L / 2} x ${L / 2}: ${(100 * (iv.mean / means[means.length - 2]! - 1)).toFixed(1)} % (${ch.mean.toFixed(1)} mV, 95 % interval ${ch.lo.toFixed(1)} to ${ch.hi.toFixed(1)} mV)`)
          + '. Why it falls (peak and plateau apart, the first birth\'s Poisson statistics): study nucleation-box-poisson, docs/model.md',
      });
    }
    const foilSeeds = [1, 2, 3, 4, 5];
    const foil = foilSeeds.map((s) => nuc(li('Li', 32, { terrace_width: 4 }, '10 nm', '0.002'), s));
    const fi = meanInterval(foil);
    out.push({
      id: 'nucleation-foil-control', quantity: 'Li on its own stepped foil (32 x 32 voxels of 10 nm, one monolayer at 1 mA/cm2), nucleation overpotential',
      published: '< 2 mV (no nucleation on the metal itself)', source: 'MODEL.md 9 (controls)',
      measured: fi.mean, unit: 'mV', interval: [fi.lo, fi.hi], runs: `seeds ${foilSeeds.join(', ')}: ${foil.map((x) => x.toFixed(2)).join(', ')} mV`,
      pass: fi.hi < 2, note: 'claim: the upper end of the 95 % interval is below 2 mV',
    });
    const pairSeeds = [1, 2, 3, 4, 5, 6];
    const host = li('graphene', 32);
    const twin: ResolvedRun = {
      ...host,
      sacs: [{ site: { name: 'host-twin', element: 'C', binding_eV: host.host.binding_eV, redShift_eV: host.host.redShift_eV, terraceBarrier_eV: host.host.terraceBarrier_eV },
        loading_fraction: 0.03, arrangement: 'random' }],
    };
    const a = pairSeeds.map((s) => nuc(twin, s)), b = pairSeeds.map((s) => nuc(host, s));
    const d = pairedInterval(a, b);
    out.push({
      id: 'nucleation-sac-twin-control', quantity: 'SAC with its host\'s parameters (3 %) minus bare graphene, paired nucleation overpotential (32 x 32 voxels of 20 nm)',
      published: '0 within the 95 % interval', source: 'MODEL.md 9 (controls)',
      measured: d.mean, unit: 'mV', interval: [d.lo, d.hi], runs: `seeds ${pairSeeds.join(', ')}: twin ${a.map((x) => x.toFixed(1)).join(', ')}; host ${b.map((x) => x.toFixed(1)).join(', ')} mV`,
      pass: d.lo <= 0 && d.hi >= 0, note: 'claim: the interval contains 0 (a SAC differs from its host only where its interval excludes 0)',
    });
    return out;
  },
};
