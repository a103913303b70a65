/**
 * Does the kMC plating box obey classical nucleation scaling, and does the gross reduction flux set its nucleus density?
 * (tempwhy65b, session 65; tempwhy65 left "no (F/D)^(1/3) fall with faster hops" unresolved.)
 *
 * Box and step: nucleation-temperature's (Li on bare Cu, 64 x 64 x 24 voxels of 20 nm, Plate 0.004 mAh/cm2), read by
 * nucleation-temperature-probe.ts at 10 % first-layer coverage (the early_* convention) and stopped there. Paired seeds
 * 501-516 (new). Nuclei are counted as islands touching the host (the probe's count, the early_* count: lone adatoms and
 * transient clusters included) and by size: islands of 5 voxels or more (the claims' count), of 2 or more, of 12 or more.
 *
 * 1. Classical scaling, 25 degC with i0 = i0(-20 degC) (back-reaction about 1 %: complete condensation), 1 mA/cm2:
 *    Li's terrace barrier (kinetics.terraceBarrier) raised by dE = 0, 0.04, 0.08, 0.12, 0.16 eV. Every hop's barrier is
 *    E_d - E_mm + its bond sum (apps/plating.ts), so dE slows every hop (lone adatom, detachment, edge) by the same
 *    factor exp(-dE/kT): D/F changes and nothing else. The exponent: per seed, the least-squares slope of ln N against
 *    ln(D/F) (D the lone adatom's hop rate per move on Cu, F the reductions per site per s at the current) over dE 0.04
 *    to 0.16 (2.03 decades of D); dE = 0 (the default hops, about 1-3 islands in the box) is reported, and in a 5-point
 *    fit. F: 1, 3.16, 10, 31.6 mA/cm2 at dE = 0.04 (i0 held at i0(-20 degC)), slope of ln N against ln F.
 *    Venables (complete condensation, critical nucleus of i atoms): N ~ (F/D)^(i/(i+2)), -1/3 for i = 1, -1/2 for i = 2.
 * 2. Gross flux: 25 degC with the built-in i0 (the warm box; back-reaction ~0.83) at 1 mA/cm2, and 25 degC with i0(-20
 *    degC) at a net current G mA/cm2, G the warm arm's mean gross reductions per net voxel over the seeds (measured in this
 *    run before the G arm; same T, same hops). At the default hops (dE = 0) and at dE = 0.08 (hops 22x slower, G measured
 *    there). Paired differences warm minus cold-i0 at G, and warm minus cold-i0 at 1 mA/cm2 (the net current).
 *    Report: 25 degC minus -20 degC (built-in i0, default hops) in islands of 5 voxels or more.
 *
 * Claims and expected ranges stated and committed before the run in docs/history.md ("## tempwhy65b") after a pilot on
 * seeds 101-103 (not study seeds); the same words are in STATED below.
 */
import { pairedInterval, meanInterval } from '../../src/stats/interval.js';
import { parseRunInput } from '../../src/input/parse.js';
import { derive } from '../../src/simulation/setup.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { probeRun, type ProbeReading } from './nucleation-temperature-probe.js';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
export const SEEDS = range(501, 516);
const KB = 8.617333262e-5;
/** Li's i0 at -20 degC for 1 mA/cm2 at 25 degC (Ea 0.58 eV, params/metals.ts), mA/cm2 */
const I0_COLD = Math.exp(-(0.58 / KB) * (1 / 253.15 - 1 / 298.15));
/** Li's built-in terrace barrier, eV (params/metals.ts) */
const ED_LI = 0.1;
const D_STEPS = [0, 0.04, 0.08, 0.12, 0.16];
const D_FIT = [0.04, 0.08, 0.12, 0.16];
const F_STEPS = [1, 3.16, 10, 31.6];
const F_DE = 0.04;
const GROSS_DE = [0, 0.08];
const AREA_UM2 = (64 * 0.02) ** 2;

interface Arm { tC: number; coldI0: boolean; dE: number; j: number }
const key = (a: Arm) => `${a.tC}C ${a.coldI0 ? 'i0(-20)' : 'i0'} dE${a.dE} j${a.j}`;
const kinetics = (a: Arm): Record<string, string> | undefined => {
  const k: Record<string, string> = {};
  if (a.coldI0) k.exchangeCurrentDensity = `${I0_COLD} mA/cm2`;
  if (a.dE !== 0) k.terraceBarrier = `${(ED_LI + a.dE).toFixed(2)} eV`;
  return Object.keys(k).length > 0 ? k : undefined;
};

/** log10(D/F): D the lone adatom's hop rate per move on the host (nu (a0/a)^4 exp(-(E_d - E_mm + binding)/kT)), F = j a^2 / q per site */
function log10DF(a: Arm): number {
  const run = parseRunInput({
    metal: 'Li', temperature: `${a.tC} degC`, lattice: { size: [64, 64, 24], voxel: '20 nm' }, host: 'Cu',
    ...(kinetics(a) ? { kinetics: kinetics(a) } : {}), protocol: [`Plate 0.004 mAh/cm2 at ${a.j} mA/cm2`], seed: 1,
  });
  const d = derive(run);
  const D = d.nuHop_per_s * Math.exp(-(run.metal.terraceBarrier_eV - run.metal.lateralBond_eV + run.host.binding_eV) / d.kT_eV);
  const F = (a.j * 10 * run.lattice.voxel_m ** 2) / d.q_C;
  return Math.log10(D / F);
}

const COUNTS = {
  ge5: { name: 'islands of 5 voxels or more', min: 5 },
  ge2: { name: 'islands of 2 voxels or more', min: 2 },
  ge12: { name: 'islands of 12 voxels or more', min: 12 },
  all: { name: 'islands touching the host, lone adatoms included (the early_* count)', min: 1 },
} as const;
type Count = keyof typeof COUNTS;
const count = (r: ProbeReading, c: Count) => r.islandSizes.filter((s) => s >= COUNTS[c].min).length;

/** per-seed least-squares slope of ln y on ln x */
function slope(x: number[], y: number[]): number {
  const lx = x.map(Math.log), ly = y.map(Math.log);
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length, my = ly.reduce((s, v) => s + v, 0) / ly.length;
  let sxx = 0, sxy = 0;
  lx.forEach((v, i) => { sxx += (v - mx) ** 2; sxy += (v - mx) * (ly[i]! - my); });
  return sxy / sxx;
}

/** stated before the run (docs/history.md "## tempwhy65b"); claim: the test the row passes on */
const STATED: Record<string, { text: string; claim?: (lo: number, hi: number) => boolean }> = {
  'd-exponent-ge5': { text: '-0.40 to -0.65; claims: the interval below 0 (nuclei fall with faster hops) and below -1/3 (steeper than i* = 1)', claim: (_lo, hi) => hi < -1 / 3 },
  'd-exponent-ge2': { text: '-0.45 to -0.70' },
  'd-exponent-ge12': { text: '-0.25 to -0.55 (islands at dE 0.16 are 20 voxels on average: this count saturates there)' },
  'd-exponent-all': { text: '-0.30 to -0.60' },
  'd-exponent-ge5-with-default': { text: '-0.45 to -0.70 (5 points, dE 0 to 0.16, 2.7 decades)' },
  'f-exponent-ge5': { text: '+0.40 to +0.65; claims: the interval above 0 and above +1/3', claim: (lo) => lo > 1 / 3 },
  'f-exponent-ge2': { text: '+0.40 to +0.70' },
  'f-exponent-ge12': { text: '+0.35 to +0.65' },
  'f-exponent-all': { text: '+0.30 to +0.60' },
  'df-collapse-ge5': { text: '-0.15 to +0.15, interval holding 0 (N a function of D/F alone; |D exponent| minus F exponent)' },
  'gross-dE0-vs-G': { text: '-0.6 to +0.6 /um2, interval holding 0 (gross flux sets the density at the default hops)' },
  'gross-dE0-vs-net': { text: '+0.4 to +1.5 /um2, interval above 0' },
  'gross-dE0.08-vs-G': { text: '-6 to -14 /um2, interval below 0 (with hops 22x slower the adatoms are oxidised before they meet: the gross flux does not set it)' },
  'gross-dE0.08-vs-net': { text: '-2.5 to +1 /um2' },
  'gross-ratio-dE0': { text: '4.5 to 6.5 gross reductions per net voxel' },
  'gross-ratio-dE0.08': { text: '7.5 to 10' },
  'temperature-ge5': { text: '+0.2 to +1.5 /um2 (25 minus -20 degC, built-in i0, default hops; tempwhy65 counted lone adatoms too)' },
};

export const reportOnly = /^nucleation-box-scaling-(d-exponent-(ge2|ge12|all|ge5-with-default)|f-exponent-(ge2|ge12|all)|df-collapse-ge5|gross-.*|temperature-ge5)$/;

export const study: ValidationStudy = {
  id: 'nucleation-box-scaling',
  title: 'Classical nucleation scaling (N against D/F) in the kMC plating box, and whether the gross reduction flux sets its nucleus density',
  run(): ValidationEntry[] {
    const f = (v: number, d: number) => (v >= 0 ? '+' : '') + v.toFixed(d);
    const cache = new Map<string, ProbeReading[]>();
    const at = (a: Arm): ProbeReading[] => {
      const k = key(a);
      let rs = cache.get(k);
      if (!rs) {
        rs = SEEDS.map((s) => {
          const r = probeRun(a.tC, s, kinetics(a), true, 64, 64, undefined, a.j).reading;
          process.stderr.write(`nucleation-box-scaling ${k} seed ${s}: islands ${r.islandSizes.length}, >= 5 voxels ${count(r, 'ge5')}, red ${r.red}, ox ${r.ox}\n`);
          return r;
        });
        cache.set(k, rs);
      }
      return rs;
    };
    const back = (rs: ProbeReading[]) => meanInterval(rs.map((r) => r.ox / r.red)).mean;
    const rows: ValidationEntry[] = [];
    const runsBase = `seeds ${SEEDS[0]}-${SEEDS[SEEDS.length - 1]} paired (${SEEDS.length}); Li on bare Cu, 64 x 64 x 24 of 20 nm, Plate 0.004 mAh/cm2, read at 10 % first-layer coverage`;
    const push = (id: string, quantity: string, published: string, iv: { mean: number; lo: number; hi: number }, unit: string, runs: string, note: string) => {
      const st = STATED[id]!;
      const pass = st.claim ? st.claim(iv.lo, iv.hi) : Number.isFinite(iv.mean);
      rows.push({
        id: `nucleation-box-scaling-${id}`, quantity, published: st.claim ? published : `reported whichever way (${published})`,
        source: 'Venables, Phil. Mag. 27, 697 (1973): N ~ (F/D)^(i*/(i*+2)); tempwhy65b', measured: iv.mean, unit, interval: [iv.lo, iv.hi], runs, pass,
        ...(st.claim ? {} : { claim: false as const }),
        note: `${note}; stated before the run: ${st.text}${st.claim ? `; claim ${pass ? 'met' : 'NOT met'}` : ''}`,
      });
    };

    // 1. D scan and F scan (25 degC, i0(-20 degC))
    const dArm = (dE: number): Arm => ({ tC: 25, coldI0: true, dE, j: 1 });
    const fArm = (j: number): Arm => ({ tC: 25, coldI0: true, dE: F_DE, j });
    const dx = D_STEPS.map((dE) => 10 ** log10DF(dArm(dE)));
    const exps: Record<string, number[]> = {};
    for (const c of Object.keys(COUNTS) as Count[]) {
      const per = (steps: number[], arm: (v: number) => Arm, xs: number[], which: number[]) => SEEDS.map((_, i) => {
        const idx = which.map((v) => steps.indexOf(v));
        return slope(idx.map((k) => xs[k]!), idx.map((k) => Math.max(0.5, count(at(arm(steps[k]!))[i]!, c))));
      });
      const dExp = per(D_STEPS, dArm, dx, D_FIT), fExp = per(F_STEPS, fArm, F_STEPS, F_STEPS);
      exps[`d-${c}`] = dExp; exps[`f-${c}`] = fExp;
      const zeros = [...D_STEPS.map(dArm), ...F_STEPS.map(fArm)].reduce((s, a) => s + at(a).filter((r) => count(r, c) === 0).length, 0);
      const dMeans = D_STEPS.map((dE) => (meanInterval(at(dArm(dE)).map((r) => count(r, c))).mean / AREA_UM2).toFixed(2)).join(' / ');
      const fMeans = F_STEPS.map((j) => (meanInterval(at(fArm(j)).map((r) => count(r, c))).mean / AREA_UM2).toFixed(2)).join(' / ');
      const dBack = D_STEPS.map((dE) => back(at(dArm(dE))).toFixed(3)).join(' / ');
      const fBack = F_STEPS.map((j) => back(at(fArm(j))).toFixed(3)).join(' / ');
      const dIv = meanInterval(dExp), fIv = meanInterval(fExp);
      push(`d-exponent-${c}`, `exponent of ${COUNTS[c].name} per um2 at 10 % coverage against D/F (hops slowed by dE = ${D_FIT.join(', ')} eV), 25 degC, i0(-20 degC), 1 mA/cm2`,
        'Venables: -1/3 for i* = 1, -1/2 for i* = 2', dIv, '1', `${runsBase}; 1 mA/cm2; ${D_FIT.length} hop barriers`,
        `per-seed least-squares slope of ln N on ln(D/F), mean of ${SEEDS.length}; log10(D/F) ${D_STEPS.map((_, k) => Math.log10(dx[k]!).toFixed(2)).join(' / ')} at dE ${D_STEPS.join(' / ')} eV; N ${dMeans} /um2 (dE 0 not in the fit); back-reaction share ${dBack}; zero counts set to 0.5: ${zeros}`);
      if (c === 'ge5') {
        const five = SEEDS.map((_, i) => slope(dx, D_STEPS.map((dE) => Math.max(0.5, count(at(dArm(dE))[i]!, c)))));
        push('d-exponent-ge5-with-default', `exponent of ${COUNTS[c].name} against D/F with the default hops (dE = 0) in the fit, 25 degC, i0(-20 degC), 1 mA/cm2`,
          'Venables: -1/3 for i* = 1, -1/2 for i* = 2', meanInterval(five), '1', `${runsBase}; 1 mA/cm2; ${D_STEPS.length} hop barriers`, `per-seed slope over dE ${D_STEPS.join(' / ')} eV; N ${dMeans} /um2`);
      }
      push(`f-exponent-${c}`, `exponent of ${COUNTS[c].name} per um2 at 10 % coverage against the current density F (${F_STEPS.join(', ')} mA/cm2), 25 degC, i0(-20 degC), hops slowed by dE = ${F_DE} eV`,
        'Venables: +1/3 for i* = 1, +1/2 for i* = 2', fIv, '1', `${runsBase}; ${F_STEPS.length} current densities`,
        `per-seed least-squares slope of ln N on ln F, mean of ${SEEDS.length}; N ${fMeans} /um2; back-reaction share ${fBack}; zero counts set to 0.5: ${zeros}`);
    }
    const collapse = pairedInterval(exps['d-ge5']!.map(Math.abs), exps['f-ge5']!);
    push('df-collapse-ge5', '|D exponent| minus F exponent, islands of 5 voxels or more (0 when N is a function of D/F alone)', 'Venables: 0', collapse, '1', runsBase,
      `paired over the seeds; D exponent ${meanInterval(exps['d-ge5']!).mean.toFixed(3)}, F exponent ${meanInterval(exps['f-ge5']!).mean.toFixed(3)}`);

    // 2. gross flux
    for (const dE of GROSS_DE) {
      const warm = at({ tC: 25, coldI0: false, dE, j: 1 });
      const ratios = warm.map((r) => r.red / (r.red - r.ox));
      const G = Number(meanInterval(ratios).mean.toFixed(2));
      push(`gross-ratio-dE${dE}`, `gross reductions per net voxel up to 10 % coverage, 25 degC, built-in i0, 1 mA/cm2, dE = ${dE} eV`, 'the current G of the cold-i0 arm', meanInterval(ratios), '1', runsBase,
        `G = ${G} mA/cm2 taken for the cold-i0 arm; back-reaction share ${back(warm).toFixed(3)}`);
      const atG = at({ tC: 25, coldI0: true, dE, j: G }), atNet = at({ tC: 25, coldI0: true, dE, j: 1 });
      const d = (rs: ProbeReading[]) => rs.map((r) => count(r, 'ge5') / AREA_UM2);
      const m = (rs: ProbeReading[]) => meanInterval(d(rs)).mean.toFixed(2);
      const ma = (rs: ProbeReading[]) => meanInterval(rs.map((r) => r.islandSizes.length / AREA_UM2)).mean.toFixed(2);
      const allDiff = (o: ProbeReading[]) => { const p = pairedInterval(warm.map((r) => r.islandSizes.length / AREA_UM2), o.map((r) => r.islandSizes.length / AREA_UM2)); return `${f(p.mean, 2)} [${f(p.lo, 2)}, ${f(p.hi, 2)}]`; };
      const note = `islands of 5 voxels or more per um2: warm ${m(warm)}, cold i0 at ${G} mA/cm2 ${m(atG)} (back-reaction ${back(atG).toFixed(3)}), cold i0 at 1 mA/cm2 ${m(atNet)}; every island (the early_* count): ${ma(warm)} / ${ma(atG)} / ${ma(atNet)}`;
      push(`gross-dE${dE}-vs-G`, `islands of 5 voxels or more per um2 at 10 % coverage: the warm box (25 degC, built-in i0, 1 mA/cm2) minus 25 degC with i0(-20 degC) at the warm box's gross rate (${G} mA/cm2), dE = ${dE} eV`,
        'gross flux sets the density: 0', pairedInterval(d(warm), d(atG)), '/um2', runsBase, `${note}; every island: ${allDiff(atG)}`);
      push(`gross-dE${dE}-vs-net`, `islands of 5 voxels or more per um2 at 10 % coverage: the warm box minus 25 degC with i0(-20 degC) at the same net 1 mA/cm2, dE = ${dE} eV`,
        'net flux sets the density: 0', pairedInterval(d(warm), d(atNet)), '/um2', runsBase, `${note}; every island: ${allDiff(atNet)}`);
    }
    const warm0 = at({ tC: 25, coldI0: false, dE: 0, j: 1 }), cold0 = at({ tC: -20, coldI0: false, dE: 0, j: 1 });
    const d5 = (rs: ProbeReading[]) => rs.map((r) => count(r, 'ge5') / AREA_UM2);
    const pa = pairedInterval(warm0.map((r) => r.islandSizes.length / AREA_UM2), cold0.map((r) => r.islandSizes.length / AREA_UM2));
    push('temperature-ge5', 'islands of 5 voxels or more per um2 at 10 % coverage, 25 minus -20 degC (built-in i0, default hops, 1 mA/cm2)', 'literature: fewer when warm (< 0)',
      pairedInterval(d5(warm0), d5(cold0)), '/um2', runsBase,
      `means ${meanInterval(d5(cold0)).mean.toFixed(2)} / ${meanInterval(d5(warm0)).mean.toFixed(2)} /um2 (-20 / 25 degC); every island (the early_* count) ${f(pa.mean, 2)} [${f(pa.lo, 2)}, ${f(pa.hi, 2)}]`);
    return rows;
  },
};
