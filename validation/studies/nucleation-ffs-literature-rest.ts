/**
 * Issue 15, must show 4 on the fixed candidate sampler (branch ffslit2): `sacplate nucleation --against-literature`'s
 * 8 review systems under `atomistic: { sampler: 'mfpt+ffs', tailEnd: 'electrode' }` after branch ffsfix (main c1a14eb:
 * the FFS ladder past twice n*, index.ts tailLadderMax; SAC sites read as host sites at and below a zero reading under
 * every told-apart point, sacZeroBelow; key part TAIL_RULES = 2). Study nucleation-ffs-ends reran 8 of ffslit's 11 boxes
 * (SAFe and its host, Na + Zn-N4 at 1 and + Co-N4 at 0.5 mA/cm2 and their hosts, K on hard carbon and + Co-N4). This
 * study runs the other three: Li on sp2c-COF (host alone) then Li on sp2c-COF + sp2c-COF-Co (its SAC box, on the same
 * store), and Na on Cu then Na on carbon cloth (one box: the parameter sets give Na both hosts the same numbers, so
 * carbon cloth reads Cu's box from the store); the own foil (Li on Li, no atomistic box) in this process. The cases are
 * the CLI's own (cases.ts literatureCases, no --current / --capacity: 1 mA/cm2, 0.02 mAh/cm2, capture on, every other
 * setting the default), run by nucleation-ffs-literature's chains (chainsOf, runChains: one child process per chain,
 * two at a time). It then assembles must show 4's table for all 8 cases on the fixed sampler from this study's rows and
 * nucleation-ffs-ends' record (validation/results.json, read, not rerun), and re-judges ffslit's four claims on it with
 * nucleation-ffs-literature's claim rows (mustShow4Rows).
 *
 * Claims, stated before the run:
 *  0. The three boxes equal ffslit's record (results.json nucleation-ffs-literature, build 199ed3b) to the bit:
 *     this - ffslit = 0 exactly for Li on sp2c-COF (51.286228438067695 mV), + sp2c-COF-Co (49.13550766082531 mV) and
 *     Na on Cu (56.80964600141446 mV). Why: (i) their tails ended by rule (a) (at 50, 45 and 40 mV) with every tail
 *     point's n* under 40 (ffsfix's "Not rerun here": the doc's statement, not a figure of the record; this study
 *     prints each tail point's n*), so each ladder stays at 80 atoms (tailLadderMax is 80 while 2 n* <= 80), same
 *     interfaces, same seeds; (ii) sp2c-COF-Co's SAC box was told apart at its tail points (its law read down to 45 mV,
 *     rule (a)'s two readings equal), so no zero reading lies below its told-apart points unless one sat among its MFPT
 *     points above them; (iii) TAIL_RULES = 2 changes the key, not the seeds (ffs-ends' two controls equalled ffslit's
 *     to the bit). If (ii) is wrong for sp2c-COF-Co, its value moves to its host's; the claim then fails and says so.
 *  1.-4. ffslit's four claims (nucleation-ffs-literature's, the same rows and tolerances) on the 8 fixed values:
 *  1. the own foil (Li on Li) below 1 mV;
 *  2. the Na order Cu = carbon cloth > Zn-N4 > Co-N4: |Cu - carbon cloth| <= 0.3 mV, carbon cloth - Zn-N4 > 0.3 mV,
 *     Zn-N4 - Co-N4 > 0.3 mV (Zn-N4 and Co-N4 from ffs-ends: 35.977 and 33.297 mV);
 *  3. model / reported in [0.1, 10] for the five non-zero reported nucleation overpotentials (SAFe 29, sp2c-COF-Co 8,
 *     Na on Cu 32, Na on carbon cloth 9, Na + Co-N4 11.5 mV); K + Co-N4's 3 mV (unstated kind) reported, no claim;
 *  4. every SAC case at or below its host alone: SAC - host <= +0.3 mV (5 cases; 4 from ffs-ends).
 * Expected: 0 met (every difference 0); then the table is ffslit's with ffs-ends' five moved values (SAFe 75.98,
 * Na Zn-N4 35.98, Na Co-N4 33.30, K Co-N4 47.43 mV; hosts 75.98, 37.20, 35.14, 48.26 mV) and every claim met as in
 * ffslit and ffs-ends: foil 0; tie 0 (one box); carbon cloth - Zn-N4 20.83, Zn-N4 - Co-N4 2.68 mV; ratios 2.62x,
 * 6.14x, 1.78x, 6.31x, 2.90x; SAC - host -0.001, -2.15, -1.22, -1.84, -0.83 mV.
 * Reported, no claim: each case's value (fixed sampler) beside the default sampler's (nucleation-ffs-literature's
 * DEFAULT_MV record) and the reported one, and where it comes from (this study / ffs-ends' record); each SAC case's
 * host alone; each box's tail (points, n*, end record); CPU per box and in all.
 * Expected CPU: ffslit's three boxes 108 + 180 + 177 = 465 s (carbon cloth's read of Cu's box about 1 s); the boxes ffsfix
 * left alone cost 1.0-1.2x ffslit's in ffs-ends at load 5-10, so 465-700 CPU s, about 5-12 min wall (the sp2c-COF chain,
 * host then SAC, the longer one) at this machine's load. Deterministic (seeds fixed): one number per case, no interval.
 */
import { scanRow } from './nucleation-ffs-tail.js';
import { tailText } from './nucleation-ffs-ends.js';
import { caseText, chainsOf, DEFAULT_MV, foilResult, hostName, mustShow4Rows, runChains, slug } from './nucleation-ffs-literature.js';
import type { CaseResult } from './nucleation-ffs-scan.js';
import { literatureCases, prepareCases, type NucleationCase } from '../../src/nucleation/cases.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const ID = 'nucleation-ffs-literature-rest';
const ATOMISTIC = { sampler: 'mfpt+ffs', tailEnd: 'electrode' } as const;
/** the boxes this study runs (cases.ts literatureCases's names; Na on carbon cloth reads Na on Cu's box) */
const RUN_HERE = ['Li on sp2c-COF + sp2c-COF-Co', 'Na on Cu', 'Na on carbon-cloth'] as const;
/** the record of the other five cases on the fixed sampler */
const ENDS = 'nucleation-ffs-ends';
/** ffslit's record, which claim 0 compares with */
const FFSLIT = 'nucleation-ffs-literature';
const SAMPLER = 'mfpt+ffs with the tail end electrode (ffsfix)';

const log = (m: string) => process.stderr.write(`  ${ID}: ${m}\n`);
const f2 = (v: number) => v.toFixed(2);
const f3 = (v: number) => v.toFixed(3);

/** each tail (FFS) point of a box with its n*, as "65 mV n* 21.3" */
function tailNStars(r: CaseResult, box: 'host' | 'sac'): string {
  const pts = (r.J_eta[box]?.points ?? []).filter((p) => 'ffs' in p);
  return pts.map((p) => `${Math.round(p.eta_V * 1e3)} mV n* ${p.nStar.toFixed(1)}`).join(', ') || 'no tail point';
}

/** a case's (or its host's) value on the fixed sampler and where it comes from: this study's run or ffs-ends' record */
interface Fixed { mV: number; from: string; run?: CaseResult }

export const reportOnly = /^nucleation-ffs-literature-rest-(?:case-.*|host-of-.*|ratio-k-on-hard-carbon-co-n4|cpu-total)$/;

export const study: ValidationStudy = {
  id: ID,
  title: "Issue 15 must show 4 on the fixed candidate sampler (branch ffslit2): the review's boxes ffs-ends did not rerun (Li on sp2c-COF and + Co, Na on Cu = carbon cloth), the 8 cases' table and ffslit's claims re-judged",
  async run(): Promise<ValidationEntry[]> {
    const t0 = performance.now();
    const cases = prepareCases(await literatureCases(undefined, undefined), { atomistic: { ...ATOMISTIC } });
    const named = (n: string) => {
      const c = cases.find((x) => x.name === n);
      if (!c) throw new Error(`${ID}: the CLI has no case ${n}`);
      return c;
    };
    const isFoil = (c: NucleationCase) => c.req.host === c.req.metal;
    const here = RUN_HERE.map(named);
    const results = [...cases.filter(isFoil).map(foilResult), ...await runChains(chainsOf(here), t0, log)];
    log(`all chains done (${((performance.now() - t0) / 1000).toFixed(0)} s wall)`);
    const got = (name: string) => results.find((x) => x.case === name);
    const fixed = (name: string): Fixed => {
      const r = got(name);
      if (r) return { mV: r.mV, from: 'this study', run: r };
      return { mV: scanRow(`${ENDS}-case-${slug(name)}`, ENDS), from: `${ENDS}'s record` };
    };
    const fixedHost = (c: NucleationCase): Fixed => {
      const r = got(hostName(c));
      if (r) return { mV: r.mV, from: 'this study', run: r };
      return { mV: scanRow(`${ENDS}-host-of-${slug(c.name)}`, ENDS), from: `${ENDS}'s record` };
    };
    const runs = 'seeds fixed by the scan; MFPT 12 runs per overpotential, FFS (tail) 4 repetitions per point';
    const cond = (c: NucleationCase) => `${f2(c.req.current_A_per_m2 / 10)} mA/cm2, 0.02 mAh/cm2, capture on, sampler ${SAMPLER}`;
    const rows: ValidationEntry[] = [];
    // the 8 cases' table: fixed sampler / default sampler / reported
    for (const c of cases) {
      const v = fixed(c.name), sac = c.req.sac !== undefined, def = DEFAULT_MV[c.name];
      if (sac && v.run && !v.run.hostFromCache) throw new Error(`${ID}: ${c.name} did not read its host's data from the store`);
      const box = v.run ? `${caseText(v.run, sac)}${v.run.J_eta.host || v.run.J_eta.sac ? `; ${tailText(v.run, sac ? 'sac' : 'host')}; tail n*: ${tailNStars(v.run, sac ? 'sac' : 'host')}` : ''}` : `${f3(v.mV)} mV`;
      rows.push({
        id: `${ID}-case-${slug(c.name)}`, claim: false, quantity: `Nucleation overpotential, ${c.name}, ${cond(c)}`,
        published: 'reported, no claim', source: v.from, measured: v.mV, unit: 'mV', runs, pass: Number.isFinite(v.mV),
        note: `${v.from}: ${box}; default sampler ${def === undefined ? 'not recorded' : `${f2(def)} mV (${v.mV - def >= 0 ? '+' : ''}${f2(v.mV - def)} mV)`}; reported ${c.reported ? `${c.reported.value_mV} mV (${c.reported.quantity}, ${c.reported.record}, review ref ${c.reported.ref}, ${c.reported.current})` : 'none'}`,
      });
      if (sac) {
        const h = fixedHost(c);
        rows.push({
          id: `${ID}-host-of-${slug(c.name)}`, claim: false, quantity: `Nucleation overpotential, ${c.req.metal} on ${c.req.host} (the host alone of ${c.name}), ${cond(c)}`,
          published: 'reported, no claim', source: h.from, measured: h.mV, unit: 'mV', runs, pass: Number.isFinite(h.mV),
          note: `${h.from}: ${h.run ? `${caseText(h.run, false)}; ${tailText(h.run, 'host')}; tail n*: ${tailNStars(h.run, 'host')}` : `${f3(h.mV)} mV`}`,
        });
      }
    }
    // 0. the three boxes equal ffslit's record to the bit (build 199ed3b's values, as the claim states them)
    const FFSLIT_199ED3B: Record<string, number> = {
      [`${FFSLIT}-host-of-li-on-sp2c-cof-sp2c-cof-co`]: 51.286228438067695,
      [`${FFSLIT}-case-li-on-sp2c-cof-sp2c-cof-co`]: 49.13550766082531,
      [`${FFSLIT}-case-na-on-cu`]: 56.80964600141446,
    };
    const sp2c = named('Li on sp2c-COF + sp2c-COF-Co');
    const boxes: { label: string; r: CaseResult; recordId: string; box: 'host' | 'sac' }[] = [
      { label: 'Li on sp2c-COF (host alone, 1.00 mA/cm2)', r: got(hostName(sp2c))!, recordId: `${FFSLIT}-host-of-${slug(sp2c.name)}`, box: 'host' },
      { label: `${sp2c.name} (SAC box)`, r: got(sp2c.name)!, recordId: `${FFSLIT}-case-${slug(sp2c.name)}`, box: 'sac' },
      { label: 'Na on Cu (host box; Na on carbon cloth reads it)', r: got('Na on Cu')!, recordId: `${FFSLIT}-case-na-on-cu`, box: 'host' },
    ];
    for (const b of boxes) {
      // lead (session 67): claim 0's values are 199ed3b's record, pinned as stated above: repro67b reran
      // nucleation-ffs-literature on the fixed sampler, and a reference read from results.json compared this study
      // with that rerun (Na on Cu read 0, yes, where 199ed3b's record gives -0.00078 mV, no; repro67c)
      const ref = FFSLIT_199ED3B[b.recordId];
      if (ref === undefined) throw new Error(`${ID}: no 199ed3b value for ${b.recordId}`);
      const d = b.r.mV - ref;
      rows.push({
        id: `${ID}-same-as-ffslit-${slug(b.label.replace(/ \(.*$/, ''))}${b.box === 'sac' ? '-sac' : ''}`,
        quantity: `${b.label} on the fixed sampler - ffslit's record, nucleation overpotential, ${cond(sp2c)}`,
        published: '0 (to the bit)', source: `${b.recordId} as build 199ed3b recorded it (branch ffslit; pinned in this study since session 67)`, measured: d, unit: 'mV', runs, pass: d === 0,
        note: `${b.r.mV} vs ${ref} mV; ${tailText(b.r, b.box)}; tail n*: ${tailNStars(b.r, b.box)} (ladder 80 atoms while 2 n* <= 80)${b.box === 'sac' ? `; SAC sites as host sites at and below ${(b.r.J_eta.sac as { sac_as_host_at_or_below_mV?: number } | null)?.sac_as_host_at_or_below_mV ?? 'no'} mV` : ''}`,
      });
    }
    // 1.-4. ffslit's four claims on the 8 fixed values
    rows.push(...mustShow4Rows({ prefix: ID, sampler: SAMPLER, cases, mV: (n) => fixed(n).mV, hostMV: (c) => fixedHost(c).mV, cond, runs }));
    const ran = results.filter((r) => r.J_eta.host && !(r.hostFromCache && !r.J_eta.sac));
    const cpu = ran.reduce((a, r) => a + r.cpu_s, 0);
    rows.push({
      id: `${ID}-cpu-total`, claim: false, quantity: `CPU s of this study's atomistic boxes (Li on sp2c-COF, its SAC box, Na on Cu), mfpt+ffs with the tail end electrode (ffsfix)`,
      published: 'reported, no claim', source: 'this study', measured: cpu, unit: 's', runs: 'user + system CPU of the child processes, 2 at a time on 2 cores', pass: Number.isFinite(cpu),
      note: `${ran.length} boxes: ${ran.map((r) => `${r.case} ${r.cpu_s.toFixed(0)} s`).join(', ')}; Na on carbon cloth ${got('Na on carbon-cloth')?.cpu_s.toFixed(1)} s (Na on Cu's box read from the store); ffslit's same boxes 465 s; ${((performance.now() - t0) / 1000).toFixed(0)} s wall`,
    });
    return rows;
  },
};
