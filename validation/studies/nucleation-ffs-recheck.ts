/**
 * Issue 15, must shows 3 and 5 rerun on the fixed candidate sampler (branch ffsctl3; docs/nucleation-history.md "Must shows 3
 * and 5 on the fixed candidate"): branch ffsfix (main c1a14eb) changed the tail of `atomistic: { sampler: 'mfpt+ffs',
 * tailEnd: 'electrode' }` ((i) index.ts tailLadderMax: a tail point's FFS ladder reaches past 80 atoms when the
 * previous tail point's n* is over 40; (ii) sacZeroBelow: SAC sites read as host sites at and below a J_s = 0 reading
 * under every told-apart point; key part TAIL_RULES = 2, so nothing computed before is read). Seed 1's controls of study
 * nucleation-ffs-controls (Li on N-graphene, 1 mA/cm2, 0.02 mAh/cm2, capture on, every other setting the default), with
 * the options given explicitly, on fresh stores.
 * The doubling (must show 5: nucleation-ffs-convergence's 12/4 -> 24/8 for the host and + Zn-N4, with Zn-N4 at 1 wt% as
 * its baseline) was stated with these claims (commit 8f86187) and started at 18:34 UTC; at 18:42 the baseline host had
 * taken 97 CPU s in 302 s wall (load 5.8: about 0.33 core per child), which put the whole run (about 1850 CPU s) near
 * 19:23 UTC, past the brief's limit (done by 19:25 with the docs after it). It was stopped and left out: the doubled
 * host and + Zn-N4 rows of claim 1, the Zn-N4 1 wt% box and claim 6 are not run here (the prediction for them stands,
 * untested: the doubled boxes unchanged to the bit, so +0.47 % and -0.093 % as recorded).
 *
 * Prediction from the records, stated before the run (which boxes the fix can touch):
 *  - (i) changes a tail point only after a kept tail point with n* > 40. The tail points are the full FFS scan's points
 *    at the same overpotential (same seeds; validation/ffs-window-points.json, build 071ea9a): host n* 21.0 / 22.6 /
 *    25.1 / 32.8 at 65 / 60 / 55 / 50 mV, Zn-N4 SAC box 21.6 / 22.3 / 26.0 / 30.8 / 46.2 at 65-45 mV. The host tail
 *    ended at 50 mV and the SAC tail at 45 mV (nucleation-ffs-tail-end, -controls, -convergence): every point but the
 *    last had n* <= 30.8, so every ladder was 80, and the last point's n* makes no next point. The loading boxes
 *    (0.5, 1, 2, 10 wt%) and the -3.0 eV box hold the Zn-N4 box's trajectories (3.61e7 events each; past about 0.7 eV
 *    below the host's site the SAC keeps its adatom); the doubled arm's first 4 repetitions are the baseline's
 *    (nested seeds), its tails end at 50 / 45 mV too, and its n* there is a mean over 8 of such repetitions
 *    (none near 40). The twin's tail (75, 70 mV, J_s = 0, ended by rule (b)) has n* about 13-17.
 *  - (ii) needs a SAC law (>= 3 points with J_s > 0) and a J_s = 0 reading below its lowest J_s > 0 point. The Zn-N4
 *    box (and so the loading and -3.0 eV boxes) read J_s = 0 at 130-110 mV only, above its told-apart points 100-45 mV;
 *    the doubled SAC box's law is on 45-110 mV (the same); the twin has no SAC law (J_s > 0 at 100 mV only), so its SAC
 *    sites were host sites already.
 *  - So the fix cannot touch the host, the twin, -3.0 eV, Zn-N4 at 0.5 / 1 / 2 / 10 wt% or either doubled box.
 *    The -2.6 eV box's points are in no record (its n* at 65-50 mV and whether it read J_s = 0 at 45 mV are not
 *    known), so the fix can touch it; expected unchanged as well (its laws and tail end are Zn-N4's kind: B 0.0755 V^2,
 *    tail ended at 45 mV with both readings 48.942 mV), but it is judged by the original claim only.
 *
 * Claims (stated before the run; the tolerances are the earlier studies', none set from this run):
 *  1. every box the fix cannot touch equals its earlier record within 1e-6 mV (to the bit expected): host 51.286228,
 *     twin 51.269989, -3.0 eV 49.183023, Zn-N4 0.5 / 2 / 10 wt% 49.467435 / 48.933472 / 48.367955
 *     (nucleation-ffs-controls, build aacb690);
 *  2. must show 3: the twin (-2.37 eV against reference -2.37, element Zn, 1 wt%) within 0.2 mV of the host;
 *  3. must show 3: stronger binding never raises it: along twin, -2.6, -3.0 eV each step's rise <= 0.4 mV, the
 *     single-seed tolerance between two separately measured laws (study nucleation-ffs-binding-seeds: 2 x SD(d2)
 *     0.40 mV); the record's -3.0 minus -2.6 eV was +0.24 mV;
 *  4. must show 3: more SAC sites never raise it: host (0 wt%), Zn-N4 0.5, 2, 10 wt%, each step's rise <= 0.2 mV
 *     (the same atomistic box at every loading: no spread between laws, the electrode stage's resolution);
 *  5. must show 3: the own foil (Li on Li, the same options) below 1 mV;
 *  (6. must show 5, the doubling: not run, above.)
 * Reported, no claim: each box against its record, where each tail ended (tail_end, the n* of its tail points), the
 * -2.6 eV box against its record (48.941633), CPU per box and in all.
 * -3.66 eV is not rerun (the brief's list; its box is -3.0 eV's, 49.183 mV to the digit in the record).
 * Expected CPU (the records' boxes, load 1-3 to 8-11): host 88-105 s, twin 31-39 s, -2.6 eV 199 s, -3.0 eV 181 s,
 * Zn-N4 at 3 loadings 161-197 s each: about 1030 CPU s; two child processes at a time (runner below); 16-20 min wall on 2 free cores, more under the other helpers' load.
 * Runner: as nucleation-ffs-controls' (runJob, twoAtATime): the host in a child on a fresh store, then the SAC boxes in
 * children two at a time, the dearest first, each on a store holding the host's data.
 */
import { caseSlug, resultNamed, runJob, tailEndCaseRow, twoAtATime, wallClock, type CaseResult, type NamedRequest } from './nucleation-ffs-scan.js';
import { bindingSac, bindName } from './nucleation-ffs-controls.js';
import { largestRise, RESOLUTION_MV } from './nucleation-control-checks.js';
import { scanRow } from './nucleation-ffs-tail.js';
import { nucleation, type NucleationRequest } from '../../src/nucleation/index.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const ID = 'nucleation-ffs-recheck';
const ATOMISTIC = { sampler: 'mfpt+ffs', tailEnd: 'electrode' } as const;
const SAME_MV = 1e-6;
const TWIN_MV = RESOLUTION_MV;
/** a single-seed "never raises" between two separately measured SAC laws (nucleation-ffs-binding-seeds: 2 x SD(d2)) */
const BINDING_MV = 0.4;
const FOIL_MV = 1;

const base: NucleationRequest = { metal: 'Li', host: 'N-graphene', current_A_per_m2: 10, atomistic: { ...ATOMISTIC } };
const BINDINGS = [-2.37, -2.6, -3.0];
const LOADINGS = ['0.5 wt%', '2 wt%', '10 wt%'];
const loadName = (l: string) => `Zn-N4 ${l}`;

/** the earlier record of each box the fix cannot touch: [study, row] */
const CONTROLS = 'nucleation-ffs-controls';
const RECORD: Record<string, [string, string]> = {
  host: [CONTROLS, 'nucleation-ffs-controls-case-host'],
  [bindName(-2.37)]: [CONTROLS, 'nucleation-ffs-controls-case-binding-2.37-ev'],
  [bindName(-3.0)]: [CONTROLS, 'nucleation-ffs-controls-case-binding-3-ev'],
  [loadName('0.5 wt%')]: [CONTROLS, 'nucleation-ffs-controls-case-zn-n4-0.5-wt'],
  [loadName('2 wt%')]: [CONTROLS, 'nucleation-ffs-controls-case-zn-n4-2-wt'],
  [loadName('10 wt%')]: [CONTROLS, 'nucleation-ffs-controls-case-zn-n4-10-wt'],
};
/** the box the fix can touch (its points are in no record), judged by the original claim only */
const TOUCHABLE: [string, string] = [CONTROLS, 'nucleation-ffs-controls-case-binding-2.6-ev'];

/** the SAC boxes, the dearest first */
const SAC_CASES: NamedRequest[] = [
  { name: bindName(-2.6), request: { ...base, sac: bindingSac(-2.6) } },
  { name: bindName(-3.0), request: { ...base, sac: bindingSac(-3.0) } },
  ...LOADINGS.slice().reverse().map((l) => ({ name: loadName(l), request: { ...base, sac: 'Zn-N4', loading: l } })),
  { name: bindName(-2.37), request: { ...base, sac: bindingSac(-2.37) } },
];

const log = (m: string) => process.stderr.write(`  ${ID}: ${m}\n`);
const f3 = (v: number) => v.toFixed(3);
const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toPrecision(3)}`;

/** a box's tail record and the n* (committor) and ladder end B of its tail points: what the fix reads */
function tailPointsText(r: CaseResult, box: 'host' | 'sac'): string {
  const law = r.J_eta[box] as ({ points: { eta_V: number; nStar: number; J_per_site_s: number; ffs?: { B: number[] } }[]; tail_end?: { at_mV: number | null; by: string; open: boolean }; sac_as_host_at_or_below_mV?: number } | null);
  if (!law) return `no ${box} law`;
  const tail = law.points.filter((p) => p.ffs).map((p) => `${Math.round(p.eta_V * 1e3)} mV n* ${p.nStar.toFixed(1)} B ${p.ffs!.B.join('/')}${box === 'sac' && p.J_per_site_s === 0 ? ' J_s 0' : ''}`);
  const end = law.tail_end ? `tail ended at ${law.tail_end.at_mV} mV by ${law.tail_end.by}${law.tail_end.open ? ' (open)' : ''}` : 'no tail record';
  const zero = law.sac_as_host_at_or_below_mV === undefined ? '' : `; SAC sites as host sites at and below ${law.sac_as_host_at_or_below_mV} mV`;
  return `${end}; tail points ${tail.join(', ') || 'none'}${zero}`;
}
const boxText = (r: CaseResult, box: 'host' | 'sac') =>
  `${f3(r.mV)} mV (peak ${r.peak_mV.toFixed(2)}); ${r.cpu_s.toFixed(1)} CPU s, ${r.events.toExponential(2)} events; ${tailPointsText(r, box)}`;

/** the rows that state no claim (test/validation-claims.test.ts) */
export const reportOnly = /^nucleation-ffs-recheck-(?:case-.*|binding-2.6-ev-vs-record|cpu-total)$/;

export const study: ValidationStudy = {
  id: ID,
  title: "Issue 15's must show 3 on the fixed candidate sampler (branch ffsfix's tail): seed 1's controls, Li on N-graphene, 1 mA/cm2, mfpt+ffs with the tail end 'electrode'",
  async run(): Promise<ValidationEntry[]> {
    const wall = wallClock();
    const host = await runJob({ kind: 'requests', requests: [{ name: 'host', request: base }] });
    log(`host: ${boxText(host.results[0]!, 'host')} (${wall()})`);
    // two child processes at a time over the SAC boxes
    const boxes = await twoAtATime(SAC_CASES.map((next) => async () => {
      const r = await runJob({ kind: 'requests', requests: [next], hostData: host.hostData! });
      const got = resultNamed(r.results, next.name, ID);
      log(`${next.name}: ${boxText(got, 'sac')} (${wall()})`);
      return got;
    }));
    const all = [...host.results, ...boxes];
    const get = (name: string) => resultNamed(all, name, ID);
    const foil = nucleation({ metal: 'Li', host: 'Li', current_A_per_m2: 10, atomistic: { ...ATOMISTIC } });
    const runs = 'seed 1 (fixed by the scan); MFPT 12 runs per overpotential, FFS (tail) 4 repetitions per point; sampler mfpt+ffs, tail end electrode, build after ffsfix';
    const rows: ValidationEntry[] = [];
    // 1. the boxes the fix cannot touch
    for (const [name, [studyId, rowId]] of Object.entries(RECORD)) {
      const r = get(name), rec = scanRow(rowId, studyId), d = r.mV - rec;
      rows.push({
        id: `${ID}-same-${caseSlug(name)}`,
        quantity: `|${name} - its record|, nucleation overpotential, Li on N-graphene, 1 mA/cm2, mfpt+ffs, tail end electrode: a box branch ffsfix cannot touch (prediction in the study's header)`,
        published: `0 within ${SAME_MV} mV`, source: `validation/results.json ${rowId} (study ${studyId})`, measured: Math.abs(d), unit: 'mV', runs,
        pass: Math.abs(d) <= SAME_MV, note: `${r.mV} vs ${rec} mV (${d === 0 ? 'to the bit' : signed(d)}); ${tailPointsText(r, name.includes('Zn-N4') || name.startsWith('binding') ? 'sac' : 'host')}`,
      });
    }
    // the box the fix can touch, against its record (no claim)
    const b26 = get(bindName(-2.6)), rec26 = scanRow(TOUCHABLE[1], TOUCHABLE[0]);
    rows.push({
      id: `${ID}-binding-2.6-ev-vs-record`, claim: false, quantity: 'binding -2.6 eV (reference -2.37, element Zn, 1 wt%) - its record (nucleation-ffs-controls, build aacb690), a box the fix can touch',
      published: 'reported, no claim', source: `validation/results.json ${TOUCHABLE[1]}`, measured: b26.mV - rec26, unit: 'mV', runs, pass: Number.isFinite(b26.mV),
      note: `${b26.mV} vs ${rec26} mV; ${tailPointsText(b26, 'sac')}`,
    });
    // 2. twin = host
    const h = get('host'), twin = get(bindName(-2.37));
    rows.push({
      id: `${ID}-twin`, quantity: 'twin SAC (binding -2.37 eV vs reference -2.37 eV, element Zn, 1 wt%) minus the bare host, Li on N-graphene, 1 mA/cm2, mfpt+ffs, tail end electrode (ffsfix)',
      published: `0 within ${TWIN_MV} mV`, source: 'issue 15, must show 3', measured: twin.mV - h.mV, unit: 'mV', runs,
      pass: Math.abs(twin.mV - h.mV) <= TWIN_MV, note: `${f3(twin.mV)} vs ${f3(h.mV)} mV (record -0.016 mV)`,
    });
    // 3. stronger binding
    const byBinding = BINDINGS.map((b) => get(bindName(b)).mV);
    rows.push({
      id: `${ID}-binding`, quantity: `largest rise of the nucleation overpotential as SAC binding strengthens (${BINDINGS.join(', ')} eV, reference -2.37 eV, element Zn, 1 wt%), mfpt+ffs, tail end electrode (ffsfix)`,
      published: `<= ${BINDING_MV} mV (never raises it, one seed)`, source: "issue 15, must show 3; tolerance: study nucleation-ffs-binding-seeds' 2 x SD(d2)", measured: largestRise(byBinding), unit: 'mV', runs,
      pass: largestRise(byBinding) <= BINDING_MV, note: `${byBinding.map(f3).join(', ')} mV; -3.0 minus -2.6 eV ${signed(byBinding[2]! - byBinding[1]!)} mV (record +0.241)`,
    });
    // 4. more sites
    const bySites = [h.mV, ...LOADINGS.map((l) => get(loadName(l)).mV)];
    rows.push({
      id: `${ID}-sites`, quantity: `largest rise of the nucleation overpotential as Zn-N4 loading grows (0 = the bare host, ${LOADINGS.join(', ')}), mfpt+ffs, tail end electrode (ffsfix)`,
      published: `<= ${RESOLUTION_MV} mV (never raises it)`, source: 'issue 15, must show 3', measured: largestRise(bySites), unit: 'mV', runs,
      pass: largestRise(bySites) <= RESOLUTION_MV, note: `${bySites.map(f3).join(', ')} mV (the bare host first)`,
    });
    // 5. own foil
    rows.push({
      id: `${ID}-foil`, quantity: "nucleation overpotential of the metal's own foil (Li on Li, 1 mA/cm2), the same atomistic options", published: `< ${FOIL_MV} mV`,
      source: 'issue 15, must show 3', measured: foil.nucleation_overpotential_mV, unit: 'mV', runs: 'deterministic (no atomistic stage)', pass: foil.nucleation_overpotential_mV < FOIL_MV, note: '',
    });
    for (const r of all) rows.push(tailEndCaseRow(`${ID}-case`, `Li on N-graphene${r.case === 'host' ? ' (host alone)' : ` + ${r.case}`}`, r, runs));
    const cpu = all.reduce((a, r) => a + r.cpu_s, 0);
    rows.push({
      id: `${ID}-cpu-total`, claim: false, quantity: 'CPU s of all atomistic boxes (the host, 6 SAC boxes), mfpt+ffs with the tail end electrode (ffsfix)',
      published: 'reported, no claim (about 1030 s expected)', source: 'this study', measured: cpu, unit: 's', runs: 'user + system CPU of the child processes, two at a time on 2 cores', pass: Number.isFinite(cpu),
      note: `${all.map((r) => `${r.case} ${r.cpu_s.toFixed(0)} s`).join(', ')}; ${wall()}`,
    });
    return rows;
  },
};
