/**
 * The capture factor of the fast-adatom elimination against plain kMC (issue 15, must show: the
 * acceleration "leaves the nucleation statistics unchanged against plain kMC where plain kMC can
 * still run"). Study nucleation-acceleration measured that the reservoir (atomistic.ts) overestimates
 * the rate as the adatom diffusion length lambda grows; capture.ts derives the factor E from the
 * quasi-static linear response of the sea around each cluster's explicit set (the lattice hitting
 * probability p_ret of an emitted adatom, plus the direct-reduction channel that the sea does not
 * carry), with no free parameter. This study tests J_plain = J_reservoir / E.
 *
 * Set-up as nucleation-acceleration: Li's energies on graphene (E_mm 0.10 eV, host binding 0.0146 eV,
 * host-reduction rule `metal-rate`) at 120 mV, terrace barrier E_d raised so that plain kMC runs,
 * boxes wider than 2 lambda, largest cluster to 30 atoms, the same seeds in both arms (the arms
 * share seeds, not trajectories: their first draws already differ, so the bootstrap resamples each
 * arm on its own). Rates: 1 / tau_J of the MFPT fit (rate.ts) of each arm; E from the reservoir
 * arm's own clusters (the largest cluster's columns and free neighbours when it first reaches n,
 * at the reservoir's fitted n*, on the same periodic box); intervals: percentile bootstrap, 200
 * resamples, E recomputed on each resample. The earlier measure (plain / reservoir mean time to 30
 * atoms) is kept beside it.
 *
 * Prediction, computed from the reservoir arm alone (acceleration.ts predictCapture, the same seeds,
 * so the same runs as below) and written here before any plain run of this study:
 *   E_d 0.585 eV, lambda 0.99, 16 x 16, seeds 1-160:  n* 6.75, E = 1.30 (box; plane 1.30)
 *   E_d 0.526 eV, lambda 3.1,  24 x 24, seeds 1-160:  n* 7.25, E = 2.81 (2.81)
 *   E_d 0.467 eV, lambda 9.9,  48 x 48, seeds 1-160:  n* 8.75, E = 5.95 (5.88)
 *   E_d 0.41 eV,  lambda 30,   64 x 64, seeds 1-160:  n* 9.75, E = 11.9 (9.75)
 *   E_d 0.374 eV, lambda 60,   128 x 128, seeds 1-120: n* 13.75, E = 15.4 (13.0)
 *   E_d 0.348 eV, lambda 100,  224 x 224, seeds 1-100: n* 15, E = 17.4 (15.3)
 * Claims: at every lambda J_plain / (J_reservoir / E) has a 95 % interval containing 1, and the two
 * arms' n* bootstrap intervals overlap. Stated limit of the derivation, before the runs: it assumes
 * the sea relaxes faster than the cluster changes (attachment frequency over the sea's loss rate,
 * f+ / k = theta1 (sum c) / a, well below 1). That holds at lambda 1 (f+/k 0.03) and 3 (0.3), not at
 * 10 (3), 30 (31), 60 (140), 100 (410): there an emitted adatom returns, if at all, after the cluster
 * has moved on, and the quasi-static E is expected to overestimate the correction. The claim is
 * tested at every lambda all the same, and what it shows is the result (no formula changed after it).
 * Last row: the factor the production stage would need for Li itself (E_d 0.10 eV, lambda ~1e4),
 * from reservoir runs with the stage's own box and target, on the infinite plane (reported, no pass
 * claim: there is no plain kMC to compare with).
 */
import { compareCapture, predictCapture, diffusionLength } from '../../src/nucleation/acceleration.js';
import { atomisticStage, resolveStudy } from '../../src/nucleation/index.js';
import { liBoxSpec as liSpec, seeds } from './nucleation-li-box.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';


const f2 = (x: number) => x.toFixed(2);
const iv = (r: { ratio: number; lo: number; hi: number }) => `${f2(r.ratio)} [${f2(r.lo)}, ${f2(r.hi)}]`;

/** Rows that state no claim (ValidationEntry.claim false): the Li estimate is reported, not tested. */
export const reportOnly = /^nucleation-capture-li$/;

export const study: ValidationStudy = {
  id: 'nucleation-capture',
  title: 'Two-scale nucleation: the capture factor E of the fast-adatom elimination, predicted, against plain kMC',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    const cases = [
      { Ed: 0.585, L: 16, n: 160, predicted: 1.30 },
      { Ed: 0.526, L: 24, n: 160, predicted: 2.81 },
      { Ed: 0.467, L: 48, n: 160, predicted: 5.95 },
      { Ed: 0.41, L: 64, n: 160, predicted: 11.9 },
      { Ed: 0.374, L: 128, n: 120, predicted: 15.4 },
      { Ed: 0.348, L: 224, n: 100, predicted: 17.4 },
    ];
    for (const c of cases) {
      const t0 = Date.now();
      const r = compareCapture(liSpec(c.Ed, c.L), seeds(c.n));
      const wall = (Date.now() - t0) / 1000;
      const lam = r.lambda_sites.toPrecision(2);
      const nsOverlap = r.reservoir.nStarLo <= r.plain.nStarHi && r.plain.nStarLo <= r.reservoir.nStarHi;
      const allReached = r.plain.reached === r.plain.runs && r.reservoir.reached === r.reservoir.runs;
      out.push({
        id: `nucleation-capture-lambda${lam}`,
        quantity: `J_plain / (J_reservoir / E), MFPT rates (Li energies, E_d ${c.Ed} eV, lambda ${lam} sites, ${c.L} x ${c.L}, 120 mV, largest cluster to 30 atoms)`,
        published: `1 (interval contains 1; n* intervals overlap); E = ${r.E_box.toFixed(2)} predicted before the run (${c.predicted} in the header)`,
        source: 'quasi-static linear response of the adatom sea: lattice return probability plus direct reduction (capture.ts); Kashchiev, Nucleation (2000) ch. 10',
        measured: r.corrected.ratio, unit: '1', interval: [r.corrected.lo, r.corrected.hi], runs: `seeds 1-${c.n}, both arms; ${r.bootstrap} bootstrap resamples`,
        pass: r.corrected.lo <= 1 && r.corrected.hi >= 1 && nsOverlap && allReached,
        note: `E box ${r.E_box.toFixed(2)} (plane ${r.E_plane.toFixed(2)}); uncorrected J_reservoir / J_plain ${iv(r.raw)}; plain / reservoir mean time to 30 atoms ${iv(r.time)}; ` +
          `n* reservoir ${r.reservoir.nStar} [${r.reservoir.nStarLo}, ${r.reservoir.nStarHi}], plain ${r.plain.nStar} [${r.plain.nStarLo}, ${r.plain.nStarHi}]; ` +
          `box rates ${r.reservoir.rate_per_s.toExponential(3)} and ${r.plain.rate_per_s.toExponential(3)} /s; f+/k ${r.attachPerLoss.toPrecision(2)}; ` +
          `reached ${r.reservoir.reached}/${r.reservoir.runs} and ${r.plain.reached}/${r.plain.runs}; events per run ${r.reservoir.events.toPrecision(3)} and ${r.plain.events.toPrecision(3)} (${r.speedup.toFixed(0)}x); ` +
          `interval width (hi/lo) ${(r.corrected.hi / r.corrected.lo).toFixed(2)}; ${wall.toFixed(0)} s wall`,
      });
    }
    // the factor Li itself would need: the production stage's box, target and overpotentials
    const s = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'metal-rate' });
    const d = atomisticStage(s, {});
    const pts = d.host.points;
    const etaMid = pts.length ? Math.round((pts.reduce((a, p) => a + p.eta_V, 0) / pts.length) * 100) / 100 : 0.13;
    const spec = liSpec(s.terraceBarrier_eV, d.options.L, etaMid, d.options.target, d.options.maxEvents);
    const p = predictCapture(spec, seeds(48));
    out.push({
      id: 'nucleation-capture-li',
      quantity: `Li on graphene (E_d ${s.terraceBarrier_eV} eV): capture factor E at n*, infinite plane, from reservoir runs at ${(etaMid * 1e3).toFixed(0)} mV (${d.options.L} x ${d.options.L}, target ${d.options.target})`,
      published: 'reported (the factor the production J would be divided by, valid only if the lambda rows pass)', source: 'capture.ts',
      measured: p.E_plane, unit: '1 (rate factor)', runs: `seeds 1-48, reservoir only (${p.reached} reached)`,
      pass: Number.isFinite(p.E_plane), claim: false,
      note: `lambda ${diffusionLength(spec).lambda_sites.toPrecision(3)} sites, n* ${p.nStar}, f+/k ${p.attachPerLoss.toPrecision(2)}; the earlier continuum bound (acceleration.ts) gave 19.5`,
    });
    return out;
  },
};
