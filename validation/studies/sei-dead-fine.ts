/**
 * Must show 4 of issue 10 (dead metal rises at lower temperature and at higher current) where the
 * deposit's features are resolved: 25 nm voxels instead of the 100 nm of sei-dead-metal and
 * sei-dead-cold, whose docs say the cold's rougher deposit is "rough by single voxels" and cannot
 * show the thin filaments (Pei et al., Nano Lett. 17, 1132 (2017): nucleus radius ~ 1/eta, density
 * ~ eta^3) whose necks stripping cuts. Tested once, with the claim's rule, on seeds not looked at.
 *
 * Set-up: Li||Cu, carbonate SEI set (whole films, the default), E_d 0.25 eV, i0(T) (0.58 eV),
 * 25 nm voxels, 64 x 64 x 60 (1.6 x 1.6 um, 1.5 um tall), 2 cycles of 0.1 mAh/cm2 plated (485 nm,
 * about 19 voxel layers) and stripped to 1 V, at 25 degC 1 mA/cm2, -10 degC 1 mA/cm2 and 25 degC
 * 5 mA/cm2; paired seeds. Dead-metal fraction = dead voxels at the end / metal plated (as the
 * 100 nm studies). Sources as sei-dead-cold counts them (sei-common.ts steps): cut off by an
 * oxidation during plating (the back reaction), sealed by SEI (any step), cut off during stripping.
 * Resolution check: the same at 20 nm voxels, 80 x 80 x 72 (same box, 24 layers).
 *
 * Nothing in the SEI or connectivity model is per 100 nm voxel (checked before this study):
 * - film metal per face f = thickness x ion density x atomic volume / a (input/sei.ts): the metal
 *   bound per unit area is fixed (3.9 nm of Li per passivated area; f = 0.039 at 100 nm, 0.156 at
 *   25 nm, 0.195 at 20 nm, below the cap of 1);
 * - passivation, settling and thickening rates are per face and per second (k = 10 /s per fresh
 *   face): a time constant of a unit of area, the same at any voxel;
 * - the thin film's resistance uses its thickness h (filmFactor); an SEI voxel's uses its own
 *   edge a (throughShift: a slab of SEI a thick, 125 Ohm cm2 at 25 nm against 500 at 100 nm), a
 *   length, not a count; freshFraction is per charge;
 * - hops are coarse-grained as (a0 / a)^4 (simulation/setup.ts; Mullins), so 25 nm voxels hop 256
 *   times as often per voxel as 100 nm ones at the same E_d;
 * - connectivity (apps/connectivity.ts) is exact at any voxel; the operator split of the SEI
 *   module is per event count and per kMC time (0.1 / k), not per voxel size.
 * No parameter was converted or changed; no default changed.
 *
 * Pilot (seeds 101-103, not used here; one run at 25 degC took 6.4 s of CPU, load about 3 on 2
 * cores): nuclei on the Cu after 0.002 mAh/cm2 17-20 /um2 at 25 degC 1 mA/cm2, 21-24 at -10 degC,
 * 27-34 at 5 mA/cm2 (spacing 0.2 um: the box holds about 7); area after the first plating 0.072,
 * 0.19 and 0.13 faces per voxel (a flat 19-layer slab has 0.053); dead 1.12 / 1.11 / 1.14 % at
 * 25 degC, 1.11 / 1.02 / 1.14 % at -10 degC, 1.07 / 1.21 / 1.09 % at 5 mA/cm2; per run at 25 degC
 * about 430 voxels cut by the back reaction during plating, 710 sealed by SEI, 1000 cut during
 * stripping; at -10 degC 35, 1530, 700; at 5 mA/cm2 185, 1340, 800. SEI-bound 17.5 / 13.2 / 14.2 %.
 * One run at 20 nm (seed 104): dead 1.36 % (25 nm, same seed: 1.18 %), SEI-bound 19.6 %.
 *
 * Stated before this run (from the pilot; sd of the paired difference 0.05 points for the cold,
 * 0.08 for the current; seeds 1-80 give a half-width of about 0.02 points):
 * - -10 minus 25 degC, 25 nm (seeds 1-80): about -0.03 points, interval containing zero or just
 *   below it. The claim (interval above zero) is expected to fail.
 * - 5 minus 1 mA/cm2, 25 nm (seeds 1-80): about 0 (pilot +0.003), interval containing zero. Expected
 *   to fail.
 * - Sources (paired, per run): SEI seals more in the cold (about +800) and at 5 mA/cm2 (+600);
 *   back-reaction cuts during plating fewer (about -400 and -250); cuts during stripping fewer
 *   (about -300 and -200). Each row passes if its interval lies on the stated side of zero.
 * - 20 nm check (seeds 1-24): the same signs and sizes as at 25 nm (within their intervals), the
 *   dead fraction itself higher than at 25 nm (1.3-1.4 vs 1.1 %): not converged in the voxel.
 * Written after the pilot; then, before the run and without changing a statement, the study's
 * code was smoke-tested on seeds 1-2 (all rows, 20 nm on seeds 1-2, nuclei on seed 1: 82 s of CPU;
 * cold -0.05 and current -0.03 points at 25 nm, -0.15 and -0.12 at 20 nm, intervals across zero).
 * Cost measured there: about 14 s of CPU per seed at 25 nm (three runs), 26 s at 20 nm; this
 * study about 30 min of one core.
 */
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { morphology } from '../../src/metrics/morphology.js';
import { meanInterval, pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { seiRun, seeds, fmt, deadBySource, type DeadSource } from './sei-common.js';

const SOURCE_WORDS: Record<DeadSource, string> = { platingCut: 'cut by the back reaction during plating', seal: 'sealed by SEI', stripCut: 'cut during stripping' };

interface Grid { voxel_nm: number; n: number; nz: number }
const G25: Grid = { voxel_nm: 25, n: 64, nz: 60 };
const G20: Grid = { voxel_nm: 20, n: 80, nz: 72 };

/** What a run leaves for the table (the Simulation itself is dropped: 312 runs of 250k voxels would not fit in memory). */
interface FineRun { dead: number; area: number; height: number; sei: number; ce: number; src: Record<DeadSource, number>; clusters: number; clusterVoxels: number }

function fine(g: Grid, T: number, j: number, seedList: number[]): FineRun[] {
  return seedList.map((seed) => {
    const r = seiRun({ seed, sei: 'carbonate', terraceBarrier_eV: 0.25, T_degC: T, j_mA: j, size: [g.n, g.n, g.nz], voxel_nm: g.voxel_nm,
      protocol: [{ repeat: 2, steps: [`Plate 0.1 mAh/cm2 at ${j} mA/cm2`, `Strip at ${j} mA/cm2 until 1 V`] }] });
    const rep = r.sim.sei!.report(r.sim.app);
    return {
      dead: r.summary.dead_metal_fraction, area: r.surfaceArea, height: r.steps[0]!.meanHeight_voxels, sei: r.summary.sei_charge_fraction,
      ce: r.summary.average_ce, src: deadBySource(r), clusters: rep.dead_clusters!, clusterVoxels: rep.dead_clusters! * rep.dead_cluster_mean_voxels!,
    };
  });
}

/** nuclei on the Cu per um2 after 0.002 mAh/cm2 (under half a 25 nm layer), the morphology's nuclei_on_host */
function nucleusDensity(g: Grid, T: number, j: number, seed: number): number {
  const run = parseRunInput({ metal: 'Li', temperature: `${T} degC`, lattice: { size: [g.n, g.n, 20], voxel: `${g.voxel_nm} nm` }, host: 'Cu',
    kinetics: { terraceBarrier: '0.25 eV' }, sei: 'carbonate', protocol: [`Plate 0.002 mAh/cm2 at ${j} mA/cm2`], seed, output: { snapshots: false } });
  const sim = new Simulation(run);
  sim.runAll({});
  return morphology(sim.grid, { hostTopZ: sim.d.hostTopZ }).nucleus_density_per_um2;
}

export const study: ValidationStudy = {
  id: 'sei-dead-fine',
  title: 'Dead metal against temperature and current at 25 nm voxels (carbonate SEI, features resolved)',
  run(): ValidationEntry[] {
    const S80 = seeds(80), S24 = seeds(24), S8 = seeds(8);
    const base = fine(G25, 25, 1, S80), cold = fine(G25, -10, 1, S80), fast = fine(G25, 25, 5, S80);
    const b20 = fine(G20, 25, 1, S24), c20 = fine(G20, -10, 1, S24), f20 = fine(G20, 25, 5, S24);
    const nuc = (T: number, j: number) => fmt(meanInterval(S8.map((s) => nucleusDensity(G25, T, j, s))).mean);
    const nucText = `nuclei on the Cu after 0.002 mAh/cm2 (seeds 1-8, 25 nm): ${nuc(25, 1)} /um2 at 25 degC 1 mA/cm2, ${nuc(-10, 1)} at -10 degC, ${nuc(25, 5)} at 5 mA/cm2`;

    const dead = (rs: FineRun[]) => rs.map((r) => r.dead);
    const mean = (xs: number[], d = 3) => fmt(meanInterval(xs).mean, d);
    const describe = (rs: FineRun[]) => {
      const m = (k: DeadSource) => mean(rs.map((r) => r.src[k]));
      const cl = rs.reduce((a, r) => a + r.clusters, 0), clv = rs.reduce((a, r) => a + r.clusterVoxels, 0);
      return `dead ${mean(dead(rs).map((x) => x * 100))} %, area after plating ${mean(rs.map((r) => r.area))}, first plating ${mean(rs.map((r) => r.height))} voxels thick, ` +
        `SEI-bound ${mean(rs.map((r) => r.sei * 100))} %, CE ${mean(rs.map((r) => r.ce * 100))} %, ` +
        `${m('platingCut')} ${SOURCE_WORDS.platingCut}, ${m('seal')} ${SOURCE_WORDS.seal}, ${m('stripCut')} ${SOURCE_WORDS.stripCut} (voxels per run), mean dead cluster ${fmt(clv / Math.max(1, cl))} voxels`;
    };
    const claim = (id: string, quantity: string, a: FineRun[], b: FineRun[], runs: string, published: string, stated: string, extra = ''): ValidationEntry => {
      const d = pairedInterval(dead(a), dead(b));
      return {
        id, quantity, published, source: 'issue 10, must show 4; filament scale: Pei et al., Nano Lett. 17, 1132 (2017)',
        measured: d.mean * 100, unit: 'points', interval: [d.lo * 100, d.hi * 100], runs, pass: d.lo > 0,
        note: `first: ${describe(a)}; second: ${describe(b)}${extra}; stated before the run: ${stated}`,
      };
    };
    const count = (id: string, quantity: string, key: DeadSource, sign: 1 | -1, a: FineRun[], b: FineRun[], runs: string, stated: string): ValidationEntry => {
      const d = pairedInterval(a.map((r) => r.src[key]), b.map((r) => r.src[key]));
      return {
        id, quantity, published: `mechanism (no published value): ${sign > 0 ? 'more' : 'fewer'} dead voxels ${SOURCE_WORDS[key]}`, source: 'where dead metal forms (sei-common.ts steps), as sei-dead-cold',
        measured: d.mean, unit: 'voxels per run', interval: [d.lo, d.hi], runs, pass: sign > 0 ? d.lo > 0 : d.hi < 0,
        note: `${fmt(meanInterval(a.map((r) => r.src[key])).mean)} vs ${fmt(meanInterval(b.map((r) => r.src[key])).mean)} per run; stated before the run: ${stated}`,
      };
    };
    const runs25 = 'seeds 1-80 paired, Li||Cu 64 x 64 x 60 x 25 nm (1.6 x 1.6 um), E_d 0.25 eV, 2 x 0.1 mAh/cm2 stripped to 1 V, carbonate SEI, i0(T)';
    const runs20 = 'seeds 1-24 paired, Li||Cu 80 x 80 x 72 x 20 nm (1.6 x 1.6 um), E_d 0.25 eV, 2 x 0.1 mAh/cm2 stripped to 1 V, carbonate SEI, i0(T)';
    const COLD = 'dead-metal fraction, -10 minus 25 degC, i0(T) (1 mA/cm2, 0.1 mAh/cm2)', FAST = 'dead-metal fraction, 5 minus 1 mA/cm2 (25 degC, 0.1 mAh/cm2)';
    return [
      claim('sei-dead-fine-cold-25nm', `${COLD}, 25 nm voxels`, cold, base, runs25, '> 0 (more dead Li in the cold)', 'about -0.03 points, interval containing zero or just below it (the claim fails)', `; ${nucText}`),
      claim('sei-dead-fine-current-25nm', `${FAST}, 25 nm voxels`, fast, base, runs25, '> 0 (more dead Li at high current)', 'about 0 points, interval containing zero (the claim fails)'),
      count('sei-dead-fine-cold-seal', 'dead voxels sealed by SEI, -10 minus 25 degC (25 nm)', 'seal', 1, cold, base, runs25, 'about +800, above zero'),
      count('sei-dead-fine-cold-platecut', 'dead voxels cut by the back reaction during plating, -10 minus 25 degC (25 nm)', 'platingCut', -1, cold, base, runs25, 'about -400, below zero'),
      count('sei-dead-fine-cold-stripcut', 'dead voxels cut during stripping, -10 minus 25 degC (25 nm)', 'stripCut', -1, cold, base, runs25, 'about -300, below zero'),
      count('sei-dead-fine-current-seal', 'dead voxels sealed by SEI, 5 minus 1 mA/cm2 (25 nm)', 'seal', 1, fast, base, runs25, 'about +600, above zero'),
      count('sei-dead-fine-current-platecut', 'dead voxels cut by the back reaction during plating, 5 minus 1 mA/cm2 (25 nm)', 'platingCut', -1, fast, base, runs25, 'about -250, below zero'),
      count('sei-dead-fine-current-stripcut', 'dead voxels cut during stripping, 5 minus 1 mA/cm2 (25 nm)', 'stripCut', -1, fast, base, runs25, 'about -200, below zero'),
      claim('sei-dead-fine-cold-20nm', `${COLD}, 20 nm voxels (resolution check)`, c20, b20, runs20, '> 0 (more dead Li in the cold)', 'the sign and size of the 25 nm row (about -0.03 points), interval containing zero; dead fraction 1.3-1.4 %'),
      claim('sei-dead-fine-current-20nm', `${FAST}, 20 nm voxels (resolution check)`, f20, b20, runs20, '> 0 (more dead Li at high current)', 'the sign and size of the 25 nm row (about 0), interval containing zero; dead fraction 1.3-1.4 %'),
    ];
  },
};
