/**
 * Must show 4 of issue 10 (dead metal rises at lower temperature and at higher current), rerun in
 * session 7 with the temperature laws the model lacked: the exchange current density i0(T)
 * (Arrhenius, 0.58 eV, params/metals.ts) and, where the electrolyte field is on, D(T) and kappa(T)
 * (Valoen-Reimers for LiPF6-EC-DMC, params/electrolytes.ts). Until then i0 and D were their 25 degC
 * values at every temperature; only hops, SEI growth (0.4 eV) and the film's conduction (0.6 eV)
 * followed T. The rows of sei-dead-metal were measured before this change.
 *
 * Set-up of sei-dead-metal: Li||Cu, carbonate SEI set (whole films, the default), E_d 0.25 eV,
 * 100 nm voxels, strip to 1 V, paired seeds. Dead-metal fraction = dead voxels at the end / metal
 * plated. Every run also counts where its dead voxels came from (validation/studies/sei-common.ts
 * steps): cut off by an oxidation during plating (the back reaction of the exchange current
 * removing a neck), sealed by SEI during plating, or cut off by an oxidation during stripping.
 *
 * Stated before this run (exploratory runs with i0(T), seeds 1-3 at 0.1 mAh/cm2 and seeds 1-3 at
 * 1 mAh/cm2, were looked at: dead 0.85 vs 0.95 % and 0.55 vs 0.63 %; area after plating 0.88 vs
 * 0.38 and 0.10 vs 0.037; at 25 degC 30-45 % of the dead voxels are necks cut by the back reaction
 * during plating, at -10 degC almost none):
 * - -10 minus 25 degC at 0.1 mAh/cm2 (seeds 1-16): about -0.1 points, interval containing zero;
 *   at 1 mAh/cm2 (seeds 1-8): about -0.1 points, interval containing zero. The claim fails.
 * - 5 minus 1 mA/cm2 at 25 degC (seeds 1-16): i0(T) changes nothing at 25 degC, so seeds 1-8 are
 *   the old trajectories (-0.07 points); about -0.1 points, interval containing zero.
 * - With the electrolyte field on (LiPF6-EC-DMC, 25 um separator, 400 nm field cells; seeds 1-8):
 *   the limiting current of the gap is about 400 mA/cm2 at 25 degC and 40 mA/cm2 at -10 degC, so
 *   at 1-5 mA/cm2 the salt at the deposit falls by a few % at most: no resolvable change from the
 *   field-free comparisons; both claims fail.
 * - Sources (paired, seeds 1-16 at 0.1 mAh/cm2): necks cut by the back reaction during plating
 *   fewer at -10 degC (j/i0 = 20 instead of 1; interval below zero) and at 5 mA/cm2 (j/i0 = 5);
 *   voxels sealed by SEI during plating more at -10 degC (the area doubles while SEI growth is 5x
 *   slower; interval may contain zero).
 * - Isolation (seeds 1-16): 25 degC with i0 set to its -10 degC value (0.0497 mA/cm2) minus 25 degC:
 *   fewer back-reaction cuts (interval below zero) and about -0.2 points of dead metal.
 *
 * Replication, added after the first run of the rows above (which gave, against the statements:
 * -10 minus 25 degC at 0.1 mAh/cm2 +0.25 points [0.02, 0.48], just above zero; 5 minus 1 mA/cm2
 * +0.15 [-0.10, 0.39]; at 1 mAh/cm2 -0.07 [-0.21, 0.07]) and before its own run, on seeds not used
 * before, so that a marginal interval is not read as a result: the same three comparisons on
 * seeds 17-48 (0.1 mAh/cm2) and 9-24 (1 mAh/cm2). Stated: if the cold's +0.25 points is real,
 * about +0.25 with an interval above zero (half-width about 0.16); the current about +0.15, the
 * interval may contain zero; 1 mAh/cm2 about -0.07, containing zero.
 * Result of the replication: -0.055 [-0.25, 0.14], +0.045 [-0.14, 0.23] and -0.063 [-0.126,
 * 0.001]: the first run's +0.25 was not confirmed. Added after that, and labelled so: the pooled
 * comparisons over all seeds (1-48 at 0.1 mAh/cm2, 1-24 at 1 mAh/cm2), the best estimates, with
 * the claim's rule (interval above zero); and the first row's note points to its replication.
 */
import { meanInterval, pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { seiRun, seeds, fmt, thickSeiRuns, deadBySource, type DeadSource, type SeiRunResult } from './sei-common.js';

const I0_M10 = Math.exp(-(0.58 / 8.617333262e-5) * (1 / 263.15 - 1 / 298.15)); // mA/cm2 at -10 degC for 1 mA/cm2 at 25 degC
const FIELD = { electrolyte: 'LiPF6-EC-DMC', cell: { field_cell: '400 nm' } };

/** Rows that state no claim (ValidationEntry.claim false): the counts of where dead metal forms (mechanism). */
export const reportOnly = /^sei-dead-source-/;

export const study: ValidationStudy = {
  id: 'sei-dead-cold',
  title: 'Dead metal against temperature and current with i0(T) and D(T) (carbonate SEI)',
  run(): ValidationEntry[] {
    const S16 = seeds(16), S8 = seeds(8);
    const thin = (T: number, j: number, S: number[], extra?: Record<string, unknown>) =>
      S.map((seed) => seiRun({ seed, sei: 'carbonate', terraceBarrier_eV: 0.25, T_degC: T, j_mA: j, ...(extra ? { extra } : {}) }));
    const thick = (T: number, j: number) => thickSeiRuns(S8, 'carbonate', T, j);
    const base = thin(25, 1, S16), cold = thin(-10, 1, S16), fast = thin(25, 5, S16);
    const lowI0 = thin(25, 1, S16, { kinetics: { terraceBarrier: '0.25 eV', exchangeCurrentDensity: `${I0_M10} mA/cm2` } });
    const tBase = thick(25, 1), tCold = thick(-10, 1);
    const fBase = thin(25, 1, S8, FIELD), fCold = thin(-10, 1, S8, FIELD), fFast = thin(25, 5, S8, FIELD);

    const dead = (rs: SeiRunResult[]) => rs.map((r) => r.summary.dead_metal_fraction);
    const pct = (rs: SeiRunResult[]) => fmt(meanInterval(dead(rs)).mean * 100);
    const area = (rs: SeiRunResult[]) => fmt(meanInterval(rs.map((r) => r.surfaceArea)).mean);
    const seiF = (rs: SeiRunResult[]) => fmt(meanInterval(rs.map((r) => r.summary.sei_charge_fraction)).mean * 100);
    const src = (rs: SeiRunResult[]) => {
      const x = rs.map(deadBySource), n = rs.length;
      const m = (k: DeadSource) => fmt(x.reduce((a, s) => a + s[k], 0) / n);
      return `${m('platingCut')} cut by the back reaction during plating, ${m('seal')} sealed by SEI, ${m('stripCut')} cut during stripping (voxels per run)`;
    };
    const describe = (a: SeiRunResult[], b: SeiRunResult[]) =>
      `dead ${pct(a)} % vs ${pct(b)} %; area after plating ${area(a)} vs ${area(b)}; SEI-bound ${seiF(a)} % vs ${seiF(b)} %; first: ${src(a)}; second: ${src(b)}`;
    const claim = (id: string, quantity: string, a: SeiRunResult[], b: SeiRunResult[], runs: string, published: string, stated: string, after = ''): ValidationEntry => {
      const d = pairedInterval(dead(a), dead(b));
      return {
        id, quantity, published, source: 'issue 10, must show 4',
        measured: d.mean * 100, unit: 'points', interval: [d.lo * 100, d.hi * 100], runs, pass: d.lo > 0,
        note: `${describe(a, b)}; ${stated ? `stated before the run: ${stated}` : 'no statement: pooled after both runs were seen'}${after}`,
      };
    };
    const count = (id: string, quantity: string, key: 'platingCut' | 'seal', a: SeiRunResult[], b: SeiRunResult[], runs: string, stated: string): ValidationEntry => {
      const d = pairedInterval(a.map((r) => deadBySource(r)[key]), b.map((r) => deadBySource(r)[key]));
      return {
        id, quantity, published: 'mechanism (no published value)', source: 'session 7: where dead metal forms (sei-common.ts steps)',
        measured: d.mean, unit: 'voxels per run', interval: [d.lo, d.hi], runs, pass: Number.isFinite(d.lo), claim: false,
        note: `${describe(a, b)}; stated before the run: ${stated}`,
      };
    };
    // replication on fresh seeds
    const R32 = Array.from({ length: 32 }, (_, i) => i + 17), R16 = Array.from({ length: 16 }, (_, i) => i + 9);
    const rBase = thin(25, 1, R32), rCold = thin(-10, 1, R32), rFast = thin(25, 5, R32);
    const thickR = (T: number) => thickSeiRuns(R16, 'carbonate', T, 1);
    const rtBase = thickR(25), rtCold = thickR(-10);
    const runs16 = 'seeds 1-16 paired, Li||Cu 16 x 16 x 40 x 100 nm, E_d 0.25 eV, 2 x 0.1 mAh/cm2, carbonate SEI, i0(T)';
    const runs8t = 'seeds 1-8 paired, Li||Cu 12 x 12 x 72 x 100 nm, E_d 0.25 eV, 2 x 1 mAh/cm2, carbonate SEI, i0(T)';
    const runs8f = 'seeds 1-8 paired, Li||Cu 16 x 16 x 40 x 100 nm, E_d 0.25 eV, 2 x 0.1 mAh/cm2, carbonate SEI, i0(T), electrolyte LiPF6-EC-DMC with D(T) (25 um separator, 400 nm field cells)';
    const runsR32 = 'replication: seeds 17-48 paired (not used before), Li||Cu 16 x 16 x 40 x 100 nm, E_d 0.25 eV, 2 x 0.1 mAh/cm2, carbonate SEI, i0(T)';
    const runsR16 = 'replication: seeds 9-24 paired (not used before), Li||Cu 12 x 12 x 72 x 100 nm, E_d 0.25 eV, 2 x 1 mAh/cm2, carbonate SEI, i0(T)';
    return [
      claim('sei-dead-cold-minus-25C-replication', 'dead-metal fraction, -10 minus 25 degC, i0(T) (1 mA/cm2, 0.1 mAh/cm2), replication on fresh seeds', rCold, rBase, runsR32, '> 0 (more dead Li in the cold)', 'about +0.25 points, interval above zero if the first run\'s effect is real'),
      claim('sei-dead-5mA-minus-1mA-replication', 'dead-metal fraction, 5 minus 1 mA/cm2 (25 degC, 0.1 mAh/cm2), replication on fresh seeds', rFast, rBase, runsR32, '> 0 (more dead Li at high current)', 'about +0.15 points, interval may contain zero'),
      claim('sei-dead-cold-minus-25C-1mAh-replication', 'dead-metal fraction, -10 minus 25 degC, i0(T) (1 mA/cm2, 1 mAh/cm2), replication on fresh seeds', rtCold, rtBase, runsR16, '> 0 (more dead Li in the cold)', 'about -0.07 points, interval containing zero'),
      claim('sei-dead-cold-minus-25C-pooled', 'dead-metal fraction, -10 minus 25 degC, i0(T) (1 mA/cm2, 0.1 mAh/cm2), all 48 seeds pooled', [...cold, ...rCold], [...base, ...rBase], 'seeds 1-48 paired (first run and replication pooled), Li||Cu 16 x 16 x 40 x 100 nm, E_d 0.25 eV, 2 x 0.1 mAh/cm2, carbonate SEI, i0(T)', '> 0 (more dead Li in the cold)', ''),
      claim('sei-dead-5mA-minus-1mA-pooled', 'dead-metal fraction, 5 minus 1 mA/cm2 (25 degC, 0.1 mAh/cm2), all 48 seeds pooled', [...fast, ...rFast], [...base, ...rBase], 'seeds 1-48 paired (first run and replication pooled), Li||Cu 16 x 16 x 40 x 100 nm, E_d 0.25 eV, 2 x 0.1 mAh/cm2, carbonate SEI', '> 0 (more dead Li at high current)', ''),
      claim('sei-dead-cold-minus-25C-1mAh-pooled', 'dead-metal fraction, -10 minus 25 degC, i0(T) (1 mA/cm2, 1 mAh/cm2), all 24 seeds pooled', [...tCold, ...rtCold], [...tBase, ...rtBase], 'seeds 1-24 paired (first run and replication pooled), Li||Cu 12 x 12 x 72 x 100 nm, E_d 0.25 eV, 2 x 1 mAh/cm2, carbonate SEI, i0(T)', '> 0 (more dead Li in the cold)', ''),
      claim('sei-dead-cold-minus-25C', 'dead-metal fraction, -10 minus 25 degC, i0(T) (1 mA/cm2, 0.1 mAh/cm2)', cold, base, runs16, '> 0 (more dead Li in the cold)', 'about -0.1 points, interval containing zero (the claim fails)',
        '; NOT confirmed by its replication on fresh seeds 17-48 (row sei-dead-cold-minus-25C-replication); the pooled 48 seeds are the estimate'),
      claim('sei-dead-cold-minus-25C-1mAh', 'dead-metal fraction, -10 minus 25 degC, i0(T) (1 mA/cm2, 1 mAh/cm2)', tCold, tBase, runs8t, '> 0 (more dead Li in the cold)', 'about -0.1 points, interval containing zero (the claim fails)'),
      claim('sei-dead-5mA-minus-1mA', 'dead-metal fraction, 5 minus 1 mA/cm2 (25 degC, 0.1 mAh/cm2), 16 seeds', fast, base, runs16, '> 0 (more dead Li at high current)', 'about -0.1 points, interval containing zero (seeds 1-8 are the old runs: -0.07)'),
      claim('sei-dead-cold-minus-25C-field', 'dead-metal fraction, -10 minus 25 degC, i0(T) and electrolyte D(T) (1 mA/cm2, 0.1 mAh/cm2)', fCold, fBase, runs8f, '> 0 (more dead Li in the cold)', 'no resolvable change from the field-free comparison; the claim fails'),
      claim('sei-dead-5mA-minus-1mA-field', 'dead-metal fraction, 5 minus 1 mA/cm2 with the electrolyte field (25 degC, 0.1 mAh/cm2)', fFast, fBase, runs8f, '> 0 (more dead Li at high current)', 'no resolvable change from the field-free comparison; the claim fails'),
      count('sei-dead-source-cuts-cold', 'necks cut by the back reaction during plating, -10 minus 25 degC', 'platingCut', cold, base, runs16, 'fewer in the cold (j/i0 20 vs 1), interval below zero'),
      count('sei-dead-source-seals-cold', 'voxels sealed by SEI, -10 minus 25 degC', 'seal', cold, base, runs16, 'more in the cold (area doubles, SEI growth 5x slower), interval may contain zero'),
      count('sei-dead-source-cuts-fast', 'necks cut by the back reaction during plating, 5 minus 1 mA/cm2', 'platingCut', fast, base, runs16, 'fewer at 5 mA/cm2 (j/i0 5 vs 1), interval below zero'),
      claim('sei-dead-low-i0-minus-25C', 'dead-metal fraction, 25 degC with i0 at its -10 degC value minus 25 degC (isolates i0)', lowI0, base, runs16 + `; first: kinetics.exchangeCurrentDensity ${I0_M10.toPrecision(3)} mA/cm2`, 'mechanism check: what i0 alone does', 'about -0.2 points, fewer back-reaction cuts'),
    ];
  },
};
