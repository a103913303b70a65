/**
 * Issue 15, must shows 3 and 5 rerun on the fixed candidate sampler (branch ffsctl3; docs/nucleation.md "Must shows 3
 * and 5 on the fixed candidate"): branch ffsfix (main c1a14eb) changed the tail of `atomistic: { sampler: 'mfpt+ffs',
 * tailEnd: 'electrode' }` ((i) index.ts tailLadderMax: a tail point's FFS ladder reaches past 80 atoms when the
 * previous tail point's n* is over 40; (ii) sacZeroBelow: SAC sites read as host sites at and below a J_s = 0 reading
 * under every told-apart point; key part TAIL_RULES = 2, so nothing computed before is read). Seed 1's controls of study
 * nucleation-ffs-controls (Li on N-graphene, 1 mA/cm2, 0.02 mAh/cm2, capture on, every other setting the default) and
 * the doubling of nucleation-ffs-convergence (host and + Zn-N4 at 12/4 -> 24/8 MFPT runs / FFS repetitions), with the
 * options given explicitly, on fresh stores.
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
 *     (nucleation-ffs-controls, build aacb690), Zn-N4 1 wt% 49.183023 (nucleation-ffs-tail-end, build 25a89b3),
 *     doubled host 51.528399 and + Zn-N4 49.137373 (nucleation-ffs-convergence, build c960db0);
 *  2. must show 3: the twin (-2.37 eV against reference -2.37, element Zn, 1 wt%) within 0.2 mV of the host;
 *  3. must show 3: stronger binding never raises it: along twin, -2.6, -3.0 eV each step's rise <= 0.4 mV, the
 *     single-seed tolerance between two separately measured laws (study nucleation-ffs-binding-seeds: 2 x SD(d2)
 *     0.40 mV); the record's -3.0 minus -2.6 eV was +0.24 mV;
 *  4. must show 3: more SAC sites never raise it: host (0 wt%), Zn-N4 0.5, 1, 2, 10 wt%, each step's rise <= 0.2 mV
 *     (the same atomistic box at every loading: no spread between laws, the electrode stage's resolution);
 *  5. must show 3: the own foil (Li on Li, the same options) below 1 mV;
 *  6. must show 5: |doubled / baseline - 1| < 5 % for the host and for + Zn-N4 (record: +0.47 % and -0.093 %).
 * Reported, no claim: each box against its record, where each tail ended (tail_end, the n* of its tail points), the
 * -2.6 eV box against its record (48.941633), CPU per box and in all.
 * -3.66 eV is not rerun (the brief's list; its box is -3.0 eV's, 49.183 mV to the digit in the record).
 * Expected CPU (the records' boxes, load 1-3 to 8-11): host 88-105 s, twin 31-39 s, -2.6 eV 199 s, -3.0 eV 181 s,
 * Zn-N4 at 4 loadings 161-197 s each, doubled host 236 s, doubled Zn-N4 400 s: about 1850 CPU s in all (controls about
 * 1200 s, the doubling 640 s); two child processes at a time (runner below); 16-20 min wall on 2 free cores, more under the other helpers' load.
 * Runner: nucleation-ffs-scan's runJob, each SAC box in a child on a store holding its arm's host data; two children at
 * most: the doubled arm (host, then its SAC box) in one slot, the baseline host then its SAC boxes in the other, and in
 * both once the doubled arm is done (so the doubled host does not wait for the baseline's).
 */
import { caseSlug, resultNamed, runJob, tailEndCaseRow, wallClock, type CaseResult, type JobResult, type NamedRequest } from './nucleation-ffs-scan.js';
import { bindingSac, bindName } from './nucleation-ffs-controls.js';
import { largestRise, RESOLUTION_MV } from './nucleation-control-checks.js';
import { scanRow } from './nucleation-ffs-tail.js';
import { nucleation, type NucleationRequest } from '../../src/nucleation/index.js';
import { DEFAULT_LOADING } from '../../src/nucleation/system.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const ID = 'nucleation-ffs-recheck';
const ATOMISTIC = { sampler: 'mfpt+ffs', tailEnd: 'electrode' } as const;
const DOUBLED = { ...ATOMISTIC, runs: 24, ffsRepetitions: 8 } as const;
const SAME_MV = 1e-6;
const TWIN_MV = RESOLUTION_MV;
/** a single-seed "never raises" between two separately measured SAC laws (nucleation-ffs-binding-seeds: 2 x SD(d2)) */
const BINDING_MV = 0.4;
const FOIL_MV = 1;
const CHANGE = 0.05;

const base: NucleationRequest = { metal: 'Li', host: 'N-graphene', current_A_per_m2: 10, atomistic: { ...ATOMISTIC } };
const BINDINGS = [-2.37, -2.6, -3.0];
const LOADINGS = ['0.5 wt%', '1 wt%', '2 wt%', '10 wt%'];
const loadName = (l: string) => `Zn-N4 ${l}`;
const DOUBLED_SAC = 'Zn-N4 1 wt% doubled';
/** 1 wt% is the default loading (system.ts DEFAULT_LOADING): left out, as in the records' requests (issue 15's first command) */
const loadingOf = (l: string) => (l === DEFAULT_LOADING ? {} : { loading: l });

/** the earlier record of each box the fix cannot touch: [study, row] */
const CONTROLS = 'nucleation-ffs-controls';
const RECORD: Record<string, [string, string]> = {
  host: [CONTROLS, 'nucleation-ffs-controls-case-host'],
  [bindName(-2.37)]: [CONTROLS, 'nucleation-ffs-controls-case-binding-2.37-ev'],
  [bindName(-3.0)]: [CONTROLS, 'nucleation-ffs-controls-case-binding-3-ev'],
  [loadName('0.5 wt%')]: [CONTROLS, 'nucleation-ffs-controls-case-zn-n4-0.5-wt'],
  [loadName('1 wt%')]: ['nucleation-ffs-tail-end', 'nucleation-ffs-tail-end-sac'],
  [loadName('2 wt%')]: [CONTROLS, 'nucleation-ffs-controls-case-zn-n4-2-wt'],
  [loadName('10 wt%')]: [CONTROLS, 'nucleation-ffs-controls-case-zn-n4-10-wt'],
  'host doubled': ['nucleation-ffs-convergence', 'nucleation-ffs-convergence-host-doubled'],
  [DOUBLED_SAC]: ['nucleation-ffs-convergence', 'nucleation-ffs-convergence-sac-doubled'],
};
/** the box the fix can touch (its points are in no record), judged by the original claim only */
const TOUCHABLE: [string, string] = [CONTROLS, 'nucleation-ffs-controls-case-binding-2.6-ev'];

/** the SAC boxes of the baseline arm, the dearest first */
const SAC_CASES: NamedRequest[] = [
  { name: bindName(-2.6), request: { ...base, sac: bindingSac(-2.6) } },
  { name: bindName(-3.0), request: { ...base, sac: bindingSac(-3.0) } },
  ...LOADINGS.map((l) => ({ name: loadName(l), request: { ...base, sac: 'Zn-N4', ...loadingOf(l) } })),
  { name: bindName(-2.37), request: { ...base, sac: bindingSac(-2.37) } },
];
const doubledHost: NamedRequest = { name: 'host', request: { ...base, atomistic: { ...DOUBLED } } };
const doubledSac: NamedRequest = { name: DOUBLED_SAC, request: { ...base, sac: 'Zn-N4', atomistic: { ...DOUBLED } } };

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

/** the doubled arm: its host on a fresh store, then its SAC box on a store holding that host */
async function doubledArm(wall: () => string): Promise<{ host: CaseResult; sac: CaseResult }> {
  const h: JobResult = await runJob({ kind: 'requests', requests: [doubledHost] });
  log(`host doubled: ${boxText(h.results[0]!, 'host')} (${wall()})`);
  const s = await runJob({ kind: 'requests', requests: [doubledSac], hostData: h.hostData! });
  const sac = resultNamed(s.results, DOUBLED_SAC, ID);
  log(`${DOUBLED_SAC}: ${boxText(sac, 'sac')} (${wall()})`);
  return { host: { ...h.results[0]!, case: 'host doubled' }, sac };
}

/** the baseline arm: the host, then the SAC boxes two at a time beside the doubled arm */
async function baselineArm(wall: () => string, slotTaken: Promise<unknown>): Promise<CaseResult[]> {
  const host = await runJob({ kind: 'requests', requests: [{ name: 'host', request: base }] });
  log(`host: ${boxText(host.results[0]!, 'host')} (${wall()})`);
  // one slot until the doubled arm is done, then two
  const queue = SAC_CASES.slice(), done: CaseResult[] = [...host.results];
  const one = async (next: NamedRequest) => {
    const r = await runJob({ kind: 'requests', requests: [next], hostData: host.hostData! });
    const got = resultNamed(r.results, next.name, ID);
    log(`${next.name}: ${boxText(got, 'sac')} (${wall()})`);
    done.push(got);
  };
  const first = async () => { for (let n = queue.shift(); n; n = queue.shift()) await one(n); };
  const second = async () => { await slotTaken; for (let n = queue.shift(); n; n = queue.shift()) await one(n); };
  await Promise.all([first(), second()]);
  return done;
}

/** the rows that state no claim (test/validation-claims.test.ts) */
export const reportOnly = /^nucleation-ffs-recheck-(?:case-.*|binding-2.6-ev-vs-record|cpu-total)$/;

export const study: ValidationStudy = {
  id: ID,
  title: "Issue 15's must shows 3 and 5 on the fixed candidate sampler (branch ffsfix's tail): seed 1's controls and the doubling, Li on N-graphene, 1 mA/cm2, mfpt+ffs with the tail end 'electrode'",
  async run(): Promise<ValidationEntry[]> {
    const wall = wallClock();
    // two child processes at most: the doubled arm in one slot, the baseline arm's host and SAC boxes in the other,
    // and in both once the doubled arm is done
    const doubled = doubledArm(wall);
    const [dbl, baseline] = await Promise.all([doubled, baselineArm(wall, doubled)]);
    const all = [...baseline, dbl.host, dbl.sac];
    const get = (name: string) => resultNamed(all, name, ID);
    const foil = nucleation({ metal: 'Li', host: 'Li', current_A_per_m2: 10, atomistic: { ...ATOMISTIC } });
    const runs = 'seed 1 (fixed by the scan); MFPT 12 runs per overpotential, FFS (tail) 4 repetitions per point (doubled: 24 and 8); sampler mfpt+ffs, tail end electrode, build after ffsfix';
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
    // 6. doubling
    for (const [box, b, d] of [['host', h, dbl.host], ['sac', get(loadName('1 wt%')), dbl.sac]] as const) {
      const change = (d.mV - b.mV) / b.mV;
      rows.push({
        id: `${ID}-doubling-${box}`,
        quantity: `relative change of the nucleation overpotential (Li on N-graphene${box === 'sac' ? ' + Zn-N4' : ', host alone'}, 1 mA/cm2, mfpt+ffs, tail end electrode, ffsfix) when atomistic runs double: 12 -> 24 MFPT runs, 4 -> 8 FFS repetitions`,
        published: `< ${CHANGE * 100} %`, source: 'issue 15, must show 5', measured: 100 * change, unit: '%',
        runs: 'seed 1, nested (MFPT runs 1-12 of 1-24, FFS repetitions 1-4 of 1-8): not independent estimates', pass: Math.abs(change) < CHANGE,
        note: `${f3(b.mV)} mV (baseline) vs ${f3(d.mV)} mV (doubled): ${signed(d.mV - b.mV)} mV; CPU ${b.cpu_s.toFixed(0)} -> ${d.cpu_s.toFixed(0)} s`,
      });
    }
    for (const r of all) rows.push(tailEndCaseRow(`${ID}-case`, `Li on N-graphene${r.case.startsWith('host') ? ` (${r.case.replace('host', 'host alone')})` : ` + ${r.case}`}`, r, runs));
    const cpu = all.reduce((a, r) => a + r.cpu_s, 0);
    rows.push({
      id: `${ID}-cpu-total`, claim: false, quantity: 'CPU s of all atomistic boxes (2 hosts, 8 SAC boxes), mfpt+ffs with the tail end electrode (ffsfix)',
      published: 'reported, no claim (about 1850 s expected)', source: 'this study', measured: cpu, unit: 's', runs: 'user + system CPU of the child processes, two at a time on 2 cores', pass: Number.isFinite(cpu),
      note: `${all.map((r) => `${r.case} ${r.cpu_s.toFixed(0)} s`).join(', ')}; ${wall()}`,
    });
    return rows;
  },
};
