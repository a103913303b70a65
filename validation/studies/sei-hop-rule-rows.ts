/**
 * The rows of the film-slowed-hop rule studies on must show 3 (sei-damkohler-settledhop, -facehop, -axishop; axishop,
 * session 64: one builder for what were near-copies, each study's records unchanged in text). A study gives its arms
 * (arms[barrier][point][seed], the control first, barrier 0), the wording of its rule, and the hop-share row that is its
 * own (which hops the rule slows); the rows: rho(area, CE) per arm, the hop-made SEI share at E_d 0 per arm, the hop
 * share per arm, and for each barrier above 0 the drop of hop-made SEI against the control (paired seeds) and the rule
 * against an E_d shift (the arm at E_d against the control at E_d + barrier, Welch).
 */
import { meanInterval, pairedInterval, welchInterval } from '../../src/stats/interval.js';
import type { ValidationEntry } from '../types.js';
import { fmt, rhoBoot, seiRises, ceFalls } from './sei-common.js';
import { avg, iv } from './sei-damkohler-powered.js';

/** the figures of one run every rule study keeps: shares in % of the plated charge */
export interface HopRuleRun {
  ce: number; sei: number; dead: number; area: number; hopsPerVoxel: number;
  /** SEI bound on film hops made (SeiOrigins), % of plated */
  hopSei: number;
  /** the hop count */
  hops: number;
  /** the run's trajectory in a few numbers: equal signatures, the same run */
  sig: string;
}

export const mi = <R>(p: R[], f: (r: R) => number) => iv(meanInterval(p.map(f)));
export const means = <R>(pts: R[][], f: (r: R) => number) => pts.map((p) => fmt(avg(p.map(f)))).join(' / ');
/** the hop shares over the runs that hopped (a run without hops has none: NaN) */
export const hopped = <R extends HopRuleRun>(p: R[]) => p.filter((x) => x.hops > 0);
export const hopMeans = <R extends HopRuleRun>(pts: R[][], f: (r: R) => number) => pts.map((p) => { const q = hopped(p); return q.length > 0 ? fmt(avg(q.map(f))) : '-'; }).join(' / ');

/** a rule study's wording and its own hop-share row */
export interface HopRuleWords<R extends HopRuleRun> {
  /** the rows' id prefix: `sei-damkohler-settledhop` */
  prefix: string;
  runs: string; src: string;
  E: readonly number[]; barriers: readonly number[];
  /** the arm in rho's quantity (` under settled film only (film_hop_on: settled)`), in the hop-made and share rows' (` under settled film only`), in the drop and shift rows' (` under settled film`) */
  armRho: string; armHop: string; armShort: string;
  /** the arm's tag in the shift row's pairs (`settled`) */
  tag: string;
  /** per point in rho's note: the label and the share (`hops by atoms with settled film`) */
  pointLabel: string; point: (r: R) => number;
  /** the hop-made row's note ends with the hops per plated voxel (facehop's and later studies') */
  hopNoteTurnover: boolean;
  /** the study's hop-share row: id `${prefix}-${share.key}-${b}`, its statement `${share.stated}-${b}`, the quantity's lead, the share, its note */
  share: { key: string; stated: string; what: string; f: (r: R) => number; note: (pts: R[][]) => string };
}

export function hopRuleEntries<R extends HopRuleRun>(w: HopRuleWords<R>, arms: R[][][], seeds: readonly number[], stated: Record<string, string>): ValidationEntry[] {
  const { E, runs, src, prefix } = w;
  const out: ValidationEntry[] = [];
  const last = E.length - 1;
  const control = arms[0]!;
  w.barriers.forEach((b, a) => {
    const pts = arms[a]!;
    const r = rhoBoot(pts, (x) => x.area, (x) => x.ce);
    const s = rhoBoot(pts, (x) => x.area, (x) => x.sei);
    const gap = pairedInterval(pts[last]!.map((x) => x.ce), pts[0]!.map((x) => x.ce));
    out.push({
      id: `${prefix}-rho-${b}`, quantity: `Spearman rank correlation of CE with the specific surface area after the first plating, 6 means of ${seeds.length} seeds, bootstrap interval, film_hop_barrier ${b} eV${b === 0 ? ' (the default: control)' : w.armRho}`,
      published: `reported (must show 3 asks < -0.8, with the SEI share's rho > +0.8); stated before the run: ${stated[`rho-${b}`]}`, source: src, measured: r.rho, unit: '1', interval: [r.lo, r.hi], runs, pass: Number.isFinite(r.rho), claim: false,
      note: `SEI share's rho with the area ${fmt(s.rho)} [${fmt(s.lo)}, ${fmt(s.hi)}]; must show 3's rule: CE falls ${ceFalls(r) ? 'yes' : 'no'}, SEI rises ${seiRises(s) ? 'yes' : 'no'}; CE at E_d ${E[last]} minus 0 ${iv(gap)} points (paired); per E_d ${E.join(' / ')} eV: `
        + E.map((e, i) => { const p = pts[i]!; return `${e}: CE ${mi(p, (x) => x.ce)} %, area ${mi(p, (x) => x.area)}, SEI ${mi(p, (x) => x.sei)} % (hop-made ${mi(p, (x) => x.hopSei)}), dead ${mi(p, (x) => x.dead)} %, ${w.pointLabel} ${hopped(p).length > 1 ? mi(hopped(p), w.point) : '-'} % (runs that hopped: ${hopped(p).length}), hops per plated voxel ${fmt(avg(p.map((x) => x.hopsPerVoxel)))}`; }).join('; '),
    });
    const h = meanInterval(pts[0]!.map((x) => x.hopSei));
    out.push({
      id: `${prefix}-hop-0-${b}`, quantity: `SEI-bound charge from film hops made, % of the charge plated, E_d 0 eV, film_hop_barrier ${b} eV${b === 0 ? '' : w.armHop}`,
      published: `reported; stated before the run: ${stated[`hop-${b}`]}`, source: src, measured: h.mean, unit: '%', interval: [h.lo, h.hi], runs, pass: Number.isFinite(h.mean), claim: false,
      note: `hop-made share per E_d ${E.join(' / ')} eV: ${means(pts, (x) => x.hopSei)} %; CE: ${means(pts, (x) => x.ce)} %; SEI: ${means(pts, (x) => x.sei)} %${w.hopNoteTurnover ? `; hops per plated voxel: ${means(pts, (x) => x.hopsPerVoxel)}` : ''}`,
    });
    const sh = meanInterval(pts.flatMap((p) => hopped(p).map(w.share.f)));
    out.push({
      id: `${prefix}-${w.share.key}-${b}`, quantity: `${w.share.what}, share of all hops per run, the runs of all 6 points that hopped, film_hop_barrier ${b} eV${b === 0 ? ' (the control: what the rule would act on)' : w.armHop}`,
      published: `reported; stated before the run: ${stated[`${w.share.stated}-${b}`]}`, source: src, measured: sh.mean, unit: '%', interval: [sh.lo, sh.hi], runs, pass: Number.isFinite(sh.mean), claim: false,
      note: w.share.note(pts),
    });
    if (b === 0) return;
    // paired on seeds: the rule's effect at each E_d (arm minus control)
    const dHop = pairedInterval(control[0]!.map((x) => x.hopSei), pts[0]!.map((x) => x.hopSei));
    out.push({
      id: `${prefix}-drop-${b}`, quantity: `SEI-bound charge from hop-made film at E_d 0 eV, film_hop_barrier 0 minus ${b} eV${w.armShort} (paired seeds), points of the plated charge`,
      published: `reported; stated before the run: ${stated[`drop-${b}`]}`, source: src, measured: dHop.mean, unit: 'points', interval: [dHop.lo, dHop.hi], runs, pass: Number.isFinite(dHop.mean), claim: false,
      note: `CE, arm minus control (paired), per E_d: ${E.map((e, i) => `${e}: ${iv(pairedInterval(pts[i]!.map((x) => x.ce), control[i]!.map((x) => x.ce)))}`).join('; ')}; area, arm minus control: ${E.map((e, i) => `${e}: ${iv(pairedInterval(pts[i]!.map((x) => x.area), control[i]!.map((x) => x.area)))}`).join('; ')}`,
    });
    // the rule as an E_d shift: the arm at E_d against the control at E_d + b, where that is a point (different runs: Welch)
    const pairs: string[] = [];
    let same = 0, n = 0;
    E.forEach((e, i) => {
      const j = E.findIndex((x) => Math.abs(x - (e + b)) < 1e-9);
      if (j < 0) return;
      const arm = pts[i]!, ctl = control[j]!;
      const wi = welchInterval(arm.map((x) => x.ce), ctl.map((x) => x.ce));
      const eq = arm.filter((x, k) => x.sig === ctl[k]!.sig).length;
      same += eq; n += arm.length;
      pairs.push(`E_d ${e} (${w.tag}, ${b} eV) against ${E[j]} (control): CE ${iv(wi)} points, hop-made SEI ${fmt(avg(arm.map((x) => x.hopSei)))} vs ${fmt(avg(ctl.map((x) => x.hopSei)))} %, area ${fmt(avg(arm.map((x) => x.area)))} vs ${fmt(avg(ctl.map((x) => x.area)))}, hops per plated voxel ${fmt(avg(arm.map((x) => x.hopsPerVoxel)))} vs ${fmt(avg(ctl.map((x) => x.hopsPerVoxel)))}, the same trajectory on ${eq} of ${arm.length} seeds`);
    });
    const w0 = welchInterval(pts[0]!.map((x) => x.ce), control[E.findIndex((x) => Math.abs(x - b) < 1e-9)]!.map((x) => x.ce));
    out.push({
      id: `${prefix}-shift-${b}`, quantity: `CE at E_d 0 with film_hop_barrier ${b} eV${w.armShort} minus the control's CE at E_d ${b} eV (Welch), points: the rule against an E_d shift`,
      published: `reported; stated before the run: ${stated[`shift-${b}`]}`, source: src, measured: w0.mean, unit: 'points', interval: [w0.lo, w0.hi], runs, pass: Number.isFinite(w0.mean), claim: false,
      note: `the same trajectory on ${same} of ${n} runs; ${pairs.join('; ')}`,
    });
  });
  return out;
}
