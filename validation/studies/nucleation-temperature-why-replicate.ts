/**
 * Which of i0 and T carries the kMC box's extra nuclei per unit charge when warm (tempwhy65, session 65): a replicate of
 * nucleation-temperature-why's four arms on 24 new seeds, read for the nuclei per net voxel and at 10 % coverage only.
 *
 * nucleation-temperature-why (seeds 401-408) found per 1000 net voxels deposited at 10 % first-layer coverage 3.37 /
 * 5.75 / 5.01 / 4.79 (-20 degC / 25 degC / 25 degC with i0(-20 degC) / -20 degC with i0(25 degC)): the whole change
 * +2.38 [+1.38, +3.39], i0 alone +1.42 [-0.47, +3.31], T alone +1.64 [-0.47, +3.76], neither part resolved. Here:
 * the same box, step, arms and probe (nucleation-temperature-probe.ts), paired seeds 409-432 (new). Claims and expected
 * ranges stated and committed before the run in docs/history.md ("## tempwhy65", its replicate paragraph).
 */
import { pairedInterval, meanInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { probeRun, type ProbeReading } from './nucleation-temperature-probe.js';
import { ARMS, range, type Arm } from './nucleation-temperature-why.js';

export const SEEDS = range(409, 432);
const ORDER: Arm[] = ['cold', 'warm', 'warmI0Cold', 'coldI0Warm'];

const Q = {
  pernet: { name: 'nuclei at 10 % first-layer coverage per 1000 net voxels deposited', unit: '1/1000 voxels', d: 2, of: (r: ProbeReading) => (1000 * r.nuclei) / (r.red - r.ox) },
  density: { name: 'nucleus density at 10 % first-layer coverage', unit: '/um2', d: 2, of: (r: ProbeReading) => r.nuclei / (64 * 0.02) ** 2 },
  net: { name: 'net voxels deposited at 10 % first-layer coverage', unit: 'voxels', d: 0, of: (r: ProbeReading) => r.red - r.ox },
} as const;
/** stated before the run: [whole change, i0 alone, T alone], and which are claims (interval above 0) */
const STATED: Record<keyof typeof Q, { text: [string, string, string]; claim: [boolean, boolean, boolean] }> = {
  pernet: { text: ['+1.5 to +3.5, interval above 0 (claim)', '+0.5 to +2.5, interval above 0 (claim)', '+0.5 to +2.5, interval above 0 (claim)'], claim: [true, true, true] },
  density: { text: ['+1.2 to +2.6, interval above 0', '+0.8 to +2.7, interval above 0', '+0.2 to +1.6'], claim: [false, false, false] },
  net: { text: ['+170 to +290', '+330 to +440', '+20 to +70'], claim: [false, false, false] },
};

export const reportOnly = /^nucleation-temperature-why-replicate-(density|net)-/;

export const study: ValidationStudy = {
  id: 'nucleation-temperature-why-replicate',
  title: 'Which of i0 and T carries the kMC box\'s extra nuclei per unit charge when warm: nucleation-temperature-why\'s arms on 24 new seeds',
  run(): ValidationEntry[] {
    const f = (v: number, d: number) => v.toFixed(d);
    const at = {} as Record<Arm, ProbeReading[]>;
    for (const a of ORDER) at[a] = SEEDS.map((s) => {
      const r = probeRun(ARMS[a].tC, s, ARMS[a].kinetics).reading;
      process.stderr.write(`nucleation-temperature-why-replicate ${a} seed ${s}: nuclei ${r.nuclei}, net ${r.red - r.ox}\n`);
      return r;
    });
    const runs = `seeds ${SEEDS[0]}-${SEEDS[SEEDS.length - 1]} paired (${SEEDS.length}) in 4 arms (-20 degC; 25 degC; 25 degC with i0(-20 degC); -20 degC with i0(25 degC)); Li on Cu, 64 x 64 x 24 of 20 nm, Plate 0.004 mAh/cm2 at 1 mA/cm2, read at 10 % first-layer coverage`;
    const rows: ValidationEntry[] = [];
    for (const [k, q] of Object.entries(Q) as [keyof typeof Q, (typeof Q)[keyof typeof Q]][]) {
      const v = (a: Arm) => at[a].map(q.of);
      const means = ORDER.map((a) => f(meanInterval(v(a)).mean, q.d)).join(' / ');
      const parts: [string, string, Arm, Arm][] = [['change', '25 minus -20 degC', 'warm', 'cold'], ['i0', '-20 degC with i0(25 degC) minus -20 degC (i0 alone)', 'coldI0Warm', 'cold'], ['T', '25 degC with i0(-20 degC) minus -20 degC (T alone)', 'warmI0Cold', 'cold']];
      parts.forEach(([id, what, a, b], j) => {
        const d = pairedInterval(v(a), v(b));
        const claim = STATED[k].claim[j]!;
        const pass = claim ? d.lo > 0 : Number.isFinite(d.mean);
        rows.push({
          id: `nucleation-temperature-why-replicate-${k}-${id}`, quantity: `${q.name}: ${what}, Li on bare Cu`,
          published: claim ? 'mechanism claim, stated before the run: > 0' : 'reported whichever way (mechanism reading)', source: 'tempwhy65; study nucleation-temperature-why (seeds 401-408)',
          measured: d.mean, unit: q.unit, interval: [d.lo, d.hi], runs, pass, ...(claim ? {} : { claim: false as const }),
          note: `means ${means} ${q.unit} (-20 degC / 25 degC / 25 degC with i0(-20 degC) / -20 degC with i0(25 degC)); paired sd ${f(d.sd, q.d)}; stated before the run: ${STATED[k].text[j]}${claim ? `; claim: the interval above 0, ${pass ? 'met' : 'NOT met'}` : ''}`,
        });
      });
    }
    return rows;
  },
};
