/**
 * Issue 15, must show 2, Pei's scaling on a denser current sweep (branch pei4). The six-current rows
 * (nucleation-host-reduction-pei-density, nucleation-plateau-pei-density) read the nucleus density at
 * the end against the peak overpotential as 2.15 [0.02, 4.29] (Pei 3): an interval too wide to decide.
 * Here the same model and the same estimator on 15 currents instead of 6: Li on graphene, Bronsted host
 * reduction (the default), atomistic law at its defaults (12 runs per overpotential, fixed seeds),
 * electrode stage with the adatom sea and its exclusion zones, 0.02 mAh/cm2; density (and radius) at
 * the end against the peak overpotential, least squares in log-log with the 95 % interval of
 * src/stats/interval.ts linearFit, as those rows compute it. Currents 0.05-10 mA/cm2 on the 1-1.5-2-3-5-7
 * series (about log-spaced, ratios 1.4-1.67), which contains the six of the earlier rows, so those
 * six must come out as recorded (the stage is deterministic).
 *
 * Claims and pass criteria (written before the run of this sweep; no current outside the six was run):
 *  - density vs peak: exponent 3 within 20 % (Pei et al., Nano Lett. 17, 1132, 2017);
 *  - radius vs peak: exponent -1 within 20 %, read at 0.02 mAh/cm2 (like for like across currents,
 *    the host-reduction row's reading) and at the flat plateau (the nucleation-plateau row's reading,
 *    a different capacity per current);
 *  - diagnostics of what sets the density (from the electrode stage's trace, no new physics):
 *    (a) the requested end (0.02 mAh/cm2) does not set it: the densities at 0.02 mAh/cm2 and at the
 *        flat reading (later) agree within 0.1 % at every current;
 *    (b) Pei's picture, the burst at the peak sets the density: share of the nuclei at the end born
 *        after the peak below 5 % at every current;
 *    (c) the exclusion zones are consistent with births outside them only: a nucleus born outside
 *        every zone is farther than the zone reach lambda a from every older nucleus, so the nuclei
 *        born outside the zones are at most as dense as discs of radius lambda_min a / 2 can pack:
 *        N_out pi (lambda_min a)^2 <= 2 pi / sqrt(3) = 3.63 (hexagonal packing; lambda_min over the
 *        window in which 1-99 % of the nuclei were born); the measured ratio to 3.63 at most 1;
 *    and the density exponent below 0.5 mA/cm2 (the peak is the nucleation burst) and from 1 mA/cm2 up
 *    (the peak follows growth), each against Pei's 3 within 20 % (diagnostic rows).
 * Expected before the run, from the six-point reading (its densities and peaks interpolated in log-log
 * at the 15 currents, ends extrapolated, then fitted; and the six currents' traces, the same numbers
 * as the records):
 *  - density exponent about 2.0-2.3, interval about [1.1-1.5, 2.9-3.1]: narrower than the six points'
 *    but still about +-0.9, because density vs peak is not a power law: steep where the peak is pinned
 *    by the nucleation burst (0.1-0.5 mA/cm2: 65-72 mV, local exponent about 17 [16, 18]), flat where the
 *    peak follows growth (1-5 mA/cm2: 92-169 mV, local exponent about 0.4 [0.2, 0.6]). Not met;
 *  - radius at 0.02 mAh/cm2 about -0.70 [-0.98, -0.41] (not met); at the flat reading about
 *    -0.80 [-1.05, -0.55] (at the edge of 20 %: either outcome);
 *  - (a) met (0 difference at the six currents: the last 1 % of the nuclei is born by 15.5 s of the
 *    36 s run at 2 mA/cm2, earlier at the others); (b) not met: 23-30 % of the nuclei are born after
 *    the peak at 0.1-2 mA/cm2 (2 % at 5), in the gaps between the zones while eta stays high;
 *    (c) not met from 0.5 mA/cm2 up (ratio 0.40, 0.70 at 0.1, 0.2 mA/cm2; 1.9-4.3 at 0.5-5): the zones
 *    are overlapped by Avrami as if the nuclei were placed at random, so births outside them go on in
 *    the exponential tail exp(-X) of the zone cover until X = -ln(1 - cover) is 7-25, and the density
 *    is about X / (pi (r + lambda a)^2). The reach lambda a grows with eta (the lone adatom's life is
 *    ended by re-oxidation, k_ox ~ exp(-(1 - alpha) f eta), so lambda ~ exp(eta / 103 mV): 6.5 um at
 *    92 mV, 8.9 um at 124 mV), which is why the density falls from 1 to 2 mA/cm2: the zones' area grows
 *    1.9x while X grows from 21 to 25.
 * After the first run (f3c3b8e's record): only the end-independent row's note was extended (each
 * current's ratio of the two densities, to show where the 2.1 % is); no claim or number changed.
 *
 * Branch zones: rerun under the electrode stage's new default overlap of the exclusion zones
 * (SeaSpec.zoneOverlap `phantom`: Kolmogorov-Johnson-Mehl-Avrami with phantom nuclei, births at J(eta)
 * over the whole electrode counted in the zones' extended area; the record above is `random`, the real
 * nuclei only). Claims and pass criteria unchanged. Written before this rerun (no current of this
 * study was run under `phantom`; seen before it: the closed-form test, and the CLI's Li on N-graphene +
 * Zn-N4 at 1 mA/cm2 and the review's systems, whose end densities fell 3.4-4.5x and whose peaks rose
 * 6-9 mV):
 *  - (c) packing: met now, the ratio at most 1 at every current (that is the defect the change
 *    removes); where the reach is flat over the birth window (0.05-0.3 mA/cm2) about 0.28 or less
 *    (N pi (r + lambda a)^2 <= 1 for fixed zones, against 3.63 for the hexagonal bound);
 *  - densities lower than the record at every current: by up to X / (1 - exp(-X)) with X the record's
 *    cover, so about 1.5-4x below 0.3 mA/cm2 and up to 7-25x at 0.5-3 mA/cm2 where the record rode the
 *    tail; peaks higher (fewer nuclei carry the current later);
 *  - Pei's density exponent: no number expected (both branches move); either outcome. Radius
 *    exponents, (a), (b): no number expected; either outcome.
 */
import { withTempStore } from '../temp-store.js';
import { atomisticStage, lawFromData, resolveStudy, seaOf, simulateElectrode, type Study } from '../../src/nucleation/index.js';
import type { ElectrodeResult, NucleationLaw } from '../../src/nucleation/electrode.js';
import { plateauSpec } from '../../src/nucleation/plateau.js';
import { linearFit } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

/** mA/cm2: the 1-1.5-2-3-5-7 series from 0.05 to 10, containing the earlier rows' 0.1, 0.2, 0.5, 1, 2, 5 */
export const DENSE_CURRENTS = [0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10];
const SIX = [0.1, 0.2, 0.5, 1, 2, 5];
export const Q = 720; // 0.02 mAh/cm2, C/m2
/** densest packing of discs: N pi d^2 / 4 <= pi / (2 sqrt 3), d the least distance between centres */
const HEX_BOUND = (2 * Math.PI) / Math.sqrt(3);

export interface Row {
  mA: number; peak: number; N: number; Nflat: number; rad: number; radFlat: number; atPeak: number; outside: number;
  born1_s: number; born99_s: number; reachMin: number; reachMax: number; cover99: number; T: number; flatAt: number; flatStop: string;
}

function run(s: Study, law: NucleationLaw, mA: number, plateau: 'end' | 'flat'): ElectrodeResult {
  const I = mA * 10;
  return simulateElectrode({
    z: s.z, atomicVolume_m3: s.omega_m3, i0_A_per_m2: s.i0_A_per_m2, alpha: s.alpha, T_K: s.T_K, hostSites_per_m2: 1 / (s.a_m * s.a_m),
    sacSites_per_m2: 0, Cdl_F_per_m2: s.Cdl_F_per_m2, law, growth: { kind: 'interface' },
    control: { kind: 'galvanostatic', current_A_per_m2: I, duration_s: Q / I }, sea: seaOf(s), samples: 4000,
    ...(plateau === 'flat' ? { plateau: plateauSpec('flat', Q, I) } : {}),
  });
}

/** one current's reading (the 0.02 mAh/cm2 end and the flat plateau); study nucleation-ffs-must-shows reads it under other laws */
export function row(s: Study, law: NucleationLaw, mA: number): Row {
  const r = run(s, law, mA, 'end'), f = run(s, law, mA, 'flat');
  const N = r.nuclei_end_per_m2, tr = r.trace;
  // the window in which 1 % to 99 % of the nuclei at the end were born (trace samples: 4000 + log-spaced early)
  const i1 = tr.findIndex((p) => p.nuclei_per_m2 >= 0.01 * N), i99 = tr.findIndex((p) => p.nuclei_per_m2 >= 0.99 * N);
  let reachMin = Infinity, reachMax = 0;
  for (let k = i1; k <= i99; k++) { reachMin = Math.min(reachMin, tr[k]!.zoneReach_m); reachMax = Math.max(reachMax, tr[k]!.zoneReach_m); }
  return {
    mA, peak: r.peak_eta_V, N, Nflat: f.nuclei_end_per_m2, rad: r.mean_radius_end_m, radFlat: f.mean_radius_end_m, atPeak: r.nuclei_at_peak_per_m2,
    outside: r.born_per_m2.outside_zones, born1_s: tr[i1]!.t_s, born99_s: tr[i99]!.t_s, reachMin, reachMax, cover99: tr[i99]!.zoneCover,
    T: Q / (mA * 10), flatAt: (f.plateau_t_s * mA * 10) / 3.6e4, flatStop: f.plateau_stop,
  };
}

export type Fit = ReturnType<typeof linearFit>;
export const logFit = (xs: number[], ys: number[]): Fit => linearFit(xs.map(Math.log), ys.map(Math.log));
/** the exponent within 20 % of Pei's (issue 15, must show 2) */
export const pass20 = (f: Fit, target: number) => Math.abs(f.slope / target - 1) <= 0.2;
export const iv = (f: Fit) => `${f.slope.toFixed(2)} [${f.slopeLo.toFixed(2)}, ${f.slopeHi.toFixed(2)}]`;
const list = (xs: number[], d: number) => xs.map((x) => x.toFixed(d)).join(', ');
const prec = (xs: number[], p = 3) => xs.map((x) => x.toPrecision(p)).join(', ');

export const study: ValidationStudy = {
  id: 'nucleation-pei-dense',
  title: 'Pei scaling on 15 currents (0.05-10 mA/cm2): nucleus density and radius vs peak overpotential, and what sets the density',
  run(): ValidationEntry[] {
    return withTempStore('sacplate-pei-dense-', (store) => {
      const s = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'bronsted' });
      const law = lawFromData(atomisticStage(s, {}, store));
      const rows = DENSE_CURRENTS.map((mA) => row(s, law, mA));
      const peaks = rows.map((r) => r.peak);
      const fN = logFit(peaks, rows.map((r) => r.N));
      const fR = logFit(peaks, rows.map((r) => r.rad));
      const fRflat = logFit(peaks, rows.map((r) => r.radFlat));
      const six = rows.filter((r) => SIX.includes(r.mA));
      const fSix = logFit(six.map((r) => r.peak), six.map((r) => r.N));
      const low = rows.filter((r) => r.mA <= 0.5), high = rows.filter((r) => r.mA >= 1);
      const fLow = logFit(low.map((r) => r.peak), low.map((r) => r.N)), fHigh = logFit(high.map((r) => r.peak), high.map((r) => r.N));
      const src = 'Pei et al., Nano Lett. 17, 1132 (2017)';
      const runs = 'deterministic electrode stage (adatom sea with exclusion zones overlapped by KJMA with phantom nuclei, Bronsted host reduction), atomistic law at its defaults (12 runs per overpotential, fixed seeds)';
      const cur = `currents ${DENSE_CURRENTS.join(', ')} mA/cm2`;
      const endVsFlat = Math.max(...rows.map((r) => Math.abs(r.Nflat / r.N - 1)));
      const afterPeak = rows.map((r) => 1 - r.atPeak / r.N);
      const packing = rows.map((r) => (r.outside * Math.PI * r.reachMin * r.reachMin) / HEX_BOUND);
      const cover = rows.map((r) => -Math.log1p(-r.cover99));
      return [
        {
          id: 'nucleation-pei-dense-density', quantity: 'exponent of nucleus density (at 0.02 mAh/cm2) vs peak overpotential, 15 currents 0.05-10 mA/cm2, Bronsted rule (default)',
          published: '3', source: src, measured: fN.slope, unit: '1', interval: [fN.slopeLo, fN.slopeHi], runs, pass: pass20(fN, 3),
          note: `within 20 % asked; ${cur}; peaks ${list(peaks.map((x) => x * 1e3), 1)} mV; densities ${prec(rows.map((r) => r.N / 1e12))} /um2; ` +
            `the six currents of the earlier rows alone: ${iv(fSix)} (recorded 2.15 [0.02, 4.29]); r2 ${fN.r2.toFixed(3)}`,
        },
        {
          id: 'nucleation-pei-dense-size', quantity: 'exponent of mean nucleus radius (at 0.02 mAh/cm2) vs peak overpotential, 15 currents 0.05-10 mA/cm2, Bronsted rule',
          published: '-1', source: src, measured: fR.slope, unit: '1', interval: [fR.slopeLo, fR.slopeHi], runs, pass: pass20(fR, -1),
          note: `within 20 % asked; radii ${prec(rows.map((r) => r.rad * 1e9))} nm (extended hemispheres); the same capacity at every current`,
        },
        {
          id: 'nucleation-pei-dense-size-flat', quantity: 'exponent of mean nucleus radius at the flat plateau reading vs peak overpotential, 15 currents 0.05-10 mA/cm2, Bronsted rule',
          published: '-1', source: src, measured: fRflat.slope, unit: '1', interval: [fRflat.slopeLo, fRflat.slopeHi], runs: `${runs}; plateau flat`, pass: pass20(fRflat, -1),
          note: `within 20 % asked; radii ${prec(rows.map((r) => r.radFlat * 1e9))} nm read at ${list(rows.map((r) => r.flatAt), 3)} mAh/cm2 ` +
            `(${rows.map((r) => r.flatStop).join(', ')}): a different capacity per current, as in nucleation-plateau-pei-size`,
        },
        {
          id: 'nucleation-pei-dense-density-low', quantity: 'diagnostic: exponent of nucleus density vs peak overpotential, currents 0.05-0.5 mA/cm2 only (the peak is the nucleation burst)',
          published: '3', source: src, measured: fLow.slope, unit: '1', interval: [fLow.slopeLo, fLow.slopeHi], runs, pass: pass20(fLow, 3),
          note: `peaks ${list(low.map((r) => r.peak * 1e3), 1)} mV; densities ${prec(low.map((r) => r.N / 1e12))} /um2`,
        },
        {
          id: 'nucleation-pei-dense-density-high', quantity: 'diagnostic: exponent of nucleus density vs peak overpotential, currents 1-10 mA/cm2 only (the peak follows growth)',
          published: '3', source: src, measured: fHigh.slope, unit: '1', interval: [fHigh.slopeLo, fHigh.slopeHi], runs, pass: pass20(fHigh, 3),
          note: `peaks ${list(high.map((r) => r.peak * 1e3), 1)} mV; densities ${prec(high.map((r) => r.N / 1e12))} /um2`,
        },
        {
          id: 'nucleation-pei-dense-end-independent', quantity: 'diagnostic: largest relative difference of the nucleus density at 0.02 mAh/cm2 and at the flat plateau reading (later), 15 currents',
          published: '< 0.1 % (the requested end does not set the density)', source: 'issue 15 (what sets the density at the end)', measured: 100 * endVsFlat, unit: '%', runs, pass: endVsFlat < 1e-3,
          note: `density at the flat reading / at 0.02 mAh/cm2 - 1: ${rows.map((r) => (r.Nflat / r.N - 1).toExponential(1)).join(', ')}; 1-99 % of the nuclei born between ${rows.map((r) => `${prec([r.born1_s * 1e3])}-${prec([r.born99_s * 1e3])} ms`).join(', ')} (runs of ${prec(rows.map((r) => r.T))} s to 0.02 mAh/cm2)`,
        },
        {
          id: 'nucleation-pei-dense-after-peak', quantity: 'diagnostic: largest share of the nuclei at the end born after the peak, 15 currents',
          published: '< 5 % (Pei\'s picture: the burst at the peak sets the density)', source: src, measured: Math.max(...afterPeak), unit: '1', runs, pass: Math.max(...afterPeak) < 0.05,
          note: `shares ${list(afterPeak, 3)}; born outside the exclusion zones ${list(rows.map((r) => r.outside / r.N), 3)} of the nuclei`,
        },
        {
          id: 'nucleation-pei-dense-zone-packing', quantity: 'diagnostic: largest N_out pi (lambda_min a)^2 / (2 pi / sqrt 3): nuclei born outside the exclusion zones against the densest packing their least spacing (the zone reach) allows, 15 currents',
          published: '<= 1 (a nucleus born outside every zone is farther than lambda a from every older one)', source: 'geometry (hexagonal packing of discs of radius lambda a / 2); electrode.ts exclusion zones',
          measured: Math.max(...packing), unit: '1', runs, pass: Math.max(...packing) <= 1,
          note: `ratios ${list(packing, 2)}; zone reach lambda a over the birth window ${rows.map((r) => `${(r.reachMin * 1e6).toFixed(2)}-${(r.reachMax * 1e6).toFixed(2)}`).join(', ')} um; ` +
            `zone cover X = -ln(1 - cover) when 99 % were born ${list(cover, 1)} (zone overlap phantom: Avrami over the births at J(eta) everywhere, phantoms included; Infinity: cover 1 in double precision)`,
        },
      ];
    });
  },
};
