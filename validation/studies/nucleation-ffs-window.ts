/**
 * Why the production J(eta) law over-predicts below its points (issue 15; branch ffstail, Part A). No kMC: reads the
 * full FFS scan's and the default MFPT scan's points of Li on N-graphene + Zn-N4, capture on, from
 * validation/ffs-window-points.json (validation/ffs-window-data.ts says how it was made).
 *
 * Stated before computing (docs/nucleation-history.md, "The production law's window", committed before this file):
 * hypothesis H, the over-prediction comes from the fit window and form, not from the MFPT points: a line through the
 * points at 70-100 mV over-predicts below them whoever measured them. Test: the production rule (index.ts lawOf: the 4
 * lowest points with J > 0, rate.ts fitRateLaw's form of the higher r^2, B's lower bound > 0) on the FFS scan's points
 * at the MFPT law's own overpotentials (70, 80, 90, 100 mV), read at 65-45 mV and divided by the FFS point there: r_w;
 * the MFPT production law (lawOf on the MFPT scan's points) likewise: r_m. Host: J per host site; SAC arm: J_s per SAC
 * site. Criterion at both 60 and 50 mV: H holds when r_w is within a factor 3 of r_m and r_w > 3; H fails (the MFPT
 * points are the cause) when r_w is within a factor 3 of 1 and r_m > 3 r_w; anything else is mixed, and the share of
 * the log error the points carry, ln(r_m / r_w) / ln(r_m), is stated. Expected: host, H fails; SAC arm, no expectation.
 *
 * Rows: per arm and eta (65-45 mV where FFS has a point), r_w / r_m (the claim rows at 60 and 50 mV: "H holds at this
 * eta"; the others reported); per arm the verdict (reported: holds / fails / mixed, with the share).
 */
import { lawOf, rateFromLaw, type RatePoint } from '../../src/nucleation/index.js';
import type { RateLawFit } from '../../src/nucleation/rate.js';
import { e3, ffsJ, readWindowPoints } from '../ffs-window-data.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const WINDOW_MV = [70, 80, 90, 100];
const READ_MV = [65, 60, 55, 50, 45];
const CLAIM_MV = [60, 50];
const FACTOR = 3;
type Arm = 'host' | 'sac';
const ARM_LABEL: Record<Arm, string> = { host: 'host law, J per host site', sac: 'Zn-N4 SAC law, J_s per SAC site' };

/** what one eta says about H: holds, fails (the MFPT points), or mixed */
export function verdictAt(rw: number, rm: number): 'holds' | 'fails' | 'mixed' {
  if (Math.abs(Math.log(rw / rm)) <= Math.log(FACTOR) && rw > FACTOR) return 'holds';
  if (Math.abs(Math.log(rw)) <= Math.log(FACTOR) && rm > FACTOR * rw) return 'fails';
  return 'mixed';
}

export const lawText = (l: RateLawFit) => `${l.form.startsWith('3D') ? '3D cap' : '2D island'}, B ${l.B.toPrecision(3)} [${l.BLo.toPrecision(3)}, ${l.BHi.toPrecision(3)}] ${l.form.startsWith('3D') ? 'V^2' : 'V'}, r^2 ${l.r2.toFixed(4)} (other form ${l.otherR2.toFixed(4)}), on ${l.etaMin_V * 1e3}-${l.etaMax_V * 1e3} mV`;

/** the rows that state no claim (test/validation-claims.test.ts) */
export const reportOnly = /^nucleation-ffs-window-(?:(?:host|sac)-(?:65|55|45)mV|(?:host|sac)-verdict)$/;

export const study: ValidationStudy = {
  id: 'nucleation-ffs-window',
  title: "The production law's error below its points: the fit window or the MFPT points? (Li on N-graphene + Zn-N4, capture on; no kMC)",
  run(): ValidationEntry[] {
    const d = readWindowPoints();
    const rows: ValidationEntry[] = [];
    for (const arm of ['host', 'sac'] as const) {
      const inWindow = (ps: readonly RatePoint[]) => ps.filter((p) => WINDOW_MV.some((m) => Math.abs(p.eta_V * 1e3 - m) < 1e-6));
      const mfptLaw = lawOf(d.mfpt.J_eta[arm].points);
      const windowLaw = lawOf(inWindow(d.ffs.J_eta[arm].points));
      const allLaw = lawOf(d.ffs.J_eta[arm].points, 'ffs');
      if (!mfptLaw || !windowLaw || !allLaw) throw new Error(`nucleation-ffs-window: no ${arm} law (MFPT ${!!mfptLaw}, FFS window ${!!windowLaw}, FFS all ${!!allLaw})`);
      const laws = `MFPT law ${lawText(mfptLaw)}; FFS window law ${lawText(windowLaw)}; FFS law on all its points ${lawText(allLaw)}`;
      const at: { mV: number; rw: number; rm: number; v: string }[] = [];
      for (const mV of READ_MV) {
        const f = ffsJ(d.ffs, arm, mV / 1e3);
        if (!f) continue;
        const w = rateFromLaw(windowLaw, f.eta_V), m = rateFromLaw(mfptLaw, f.eta_V);
        const rw = w / f.J, rm = m / f.J, v = verdictAt(rw, rm);
        at.push({ mV, rw, rm, v });
        const claim = CLAIM_MV.includes(mV);
        rows.push({
          id: `nucleation-ffs-window-${arm}-${mV}mV`, ...(claim ? {} : { claim: false as const }),
          quantity: `r_w / r_m at ${mV} mV, ${ARM_LABEL[arm]}: (FFS window law / FFS) over (MFPT law / FFS)`,
          published: claim ? `H (the window causes it): r_w / r_m within a factor ${FACTOR} and r_w > ${FACTOR}` : 'reported, no claim',
          source: 'docs/nucleation-history.md "The production law\'s window", stated before computing', measured: rw / rm, unit: 'ratio',
          runs: 'validation/ffs-window-points.json: FFS 4 repetitions per point, MFPT 12 runs per point (seeds fixed by the scans)',
          pass: claim ? v === 'holds' : Number.isFinite(rw / rm),
          note: `FFS ${e3(f.J)} [${e3(f.lo)}, ${e3(f.hi)}] /s; FFS window law ${e3(w)} (r_w ${rw.toPrecision(3)}${w >= f.lo && w <= f.hi ? ', inside the FFS interval' : ''}); MFPT law ${e3(m)} (r_m ${rm.toPrecision(3)}); share of the log error the MFPT points carry ln(r_m / r_w) / ln(r_m) = ${(Math.log(rm / rw) / Math.log(rm)).toFixed(2)}; at this eta: ${v}. ${laws}.`,
        });
      }
      const claimAt = at.filter((a) => CLAIM_MV.includes(a.mV));
      const vs = new Set(claimAt.map((a) => a.v));
      const verdict = claimAt.length === CLAIM_MV.length && vs.size === 1 ? [...vs][0]! : 'mixed';
      const share = claimAt.map((a) => `${a.mV} mV ${(Math.log(a.rm / a.rw) / Math.log(a.rm)).toFixed(2)}`).join(', ');
      rows.push({
        id: `nucleation-ffs-window-${arm}-verdict`, claim: false,
        quantity: `Verdict on H for the ${ARM_LABEL[arm]}: 1 holds (the window and form), 0 fails (the MFPT points), 0.5 mixed`,
        published: 'reported, no claim (the criterion is the claim rows\')', source: 'this study', measured: verdict === 'holds' ? 1 : verdict === 'fails' ? 0 : 0.5, unit: 'verdict',
        runs: 'as the rows above', pass: true,
        note: `${verdict} at ${CLAIM_MV.join(' and ')} mV (${claimAt.map((a) => `${a.mV} mV ${a.v}: r_w ${a.rw.toPrecision(3)}, r_m ${a.rm.toPrecision(3)}`).join('; ')}); share of the log error the MFPT points carry: ${share}`,
      });
    }
    return rows;
  },
};
