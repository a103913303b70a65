/**
 * Does the FFS rate depend on how the interfaces are drawn? (branch ffs; study nucleation-ffs's settings against
 * others on the same box). FFS is unbiased for any basin and any set of interfaces a path must cross; what they change
 * is the variance. If the rates of nucleation-ffs depended on its basin (lambda_A 2), its ladder or its sample sizes,
 * its 60 and 50 mV rows (the law's extrapolation 77x and 2700x too high) would be an artefact of the settings.
 *
 * Box: Li on N-graphene's host box as the scan builds it, capture off (as nucleation-ffs). Reference: nucleation-ffs's
 * own settings and seeds 1-4 (runFfs is deterministic: the same rates as its rows). Variants, each four repetitions on
 * seeds 11-14 (not used by nucleation-ffs):
 *  - basin 3: lambda_A 3, interfaces from 4 (the same ladder above it);
 *  - coarse: lambda_A 2, interfaces 3, 5, 7, 10, 13, 16, 20, 25, 30, 35, 40, 50, 60 (and 70 at 50 mV): fewer stages
 *    with smaller P each;
 *  - more samples (60 mV only): the reference ladder with 1000 crossings and 900 trials per stage.
 * Claim per variant and overpotential (stated before the run; no variant had been run before): the ratio variant /
 * reference has a 95 % interval (from the two t intervals over repetitions, as nucleation-ffs's check) containing 1.
 */
import { atomisticSpecOf, resolveStudy, type AtomisticOptions } from '../../src/nucleation/index.js';
import type { FfsJob } from '../ffs-job.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { FLUX_CROSSINGS, LADDER, LAMBDA_A, REPS, pool, runJobs } from './nucleation-ffs.js';

const OPTS: AtomisticOptions = { capture: false };
const e3 = (v: number) => v.toExponential(2);

interface Variant { name: string; lambdaA: number; interfaces: number[]; crossings: number; trials: number; seeds: number[] }

export const study: ValidationStudy = {
  id: 'nucleation-ffs-interfaces',
  title: 'FFS of the atomistic box: the rate against another basin, a coarser ladder and more samples (60 and 50 mV)',
  async run(): Promise<ValidationEntry[]> {
    const s = resolveStudy({ metal: 'Li', host: 'N-graphene' });
    const points = [{ eta: 0.06, B: 60 }, { eta: 0.05, B: 70 }];
    const plan: { eta: number; v: Variant }[] = [];
    for (const p of points) {
      const ref = LADDER.filter((l) => l <= p.B);
      const seeds = Array.from({ length: REPS }, (_, i) => 11 + i);
      plan.push({ eta: p.eta, v: { name: 'reference (nucleation-ffs)', lambdaA: LAMBDA_A, interfaces: ref, crossings: FLUX_CROSSINGS, trials: 300, seeds: Array.from({ length: REPS }, (_, i) => 1 + i) } });
      plan.push({ eta: p.eta, v: { name: 'basin 3', lambdaA: 3, interfaces: ref.filter((l) => l > 3), crossings: FLUX_CROSSINGS, trials: 300, seeds } });
      plan.push({ eta: p.eta, v: { name: 'coarse ladder', lambdaA: 2, interfaces: [3, 5, 7, 10, 13, 16, 20, 25, 30, 35, 40, 50, 60, 70].filter((l) => l <= p.B), crossings: FLUX_CROSSINGS, trials: 300, seeds } });
      if (p.eta === 0.06) plan.push({ eta: p.eta, v: { name: 'more samples', lambdaA: LAMBDA_A, interfaces: ref, crossings: 1000, trials: 900, seeds } });
    }
    const jobs: FfsJob[] = [];
    const idx: number[][] = [];
    // the dearest first (more samples, then 50 mV)
    const order = [...plan.keys()].sort((a, b) => (plan[b]!.v.trials - plan[a]!.v.trials) || (plan[a]!.eta - plan[b]!.eta));
    for (const k of order) {
      const { eta, v } = plan[k]!;
      idx[k] = v.seeds.map((seed) => { jobs.push({ kind: 'ffs', box: atomisticSpecOf(s, OPTS, eta, false), options: { lambdaA: v.lambdaA, interfaces: v.interfaces, fluxCrossings: v.crossings, trials: v.trials, seed, maxEventsPerRun: 1e8 } }); return jobs.length - 1; });
    }
    const res = await runJobs(jobs);
    const rows: ValidationEntry[] = [];
    for (const p of points) {
      const ks = [...plan.keys()].filter((k) => plan[k]!.eta === p.eta);
      const ref = pool(idx[ks[0]!]!.map((j) => res[j]!.ffs!));
      for (const k of ks.slice(1)) {
        const v = plan[k]!.v;
        const f = pool(idx[k]!.map((j) => res[j]!.ffs!));
        const ratio = f.rate / ref.rate;
        const half = 1.96 * Math.sqrt(f.lnSe ** 2 + ref.lnSe ** 2);
        const lo = ratio * Math.exp(-half), hi = ratio * Math.exp(half);
        rows.push({
          id: `nucleation-ffs-interfaces-${v.name.replace(/ /g, '-')}-${Math.round(p.eta * 1e3)}mV`,
          quantity: `FFS box rate with ${v.name} / with nucleation-ffs's settings, Li on N-graphene host box, ${(p.eta * 1e3).toFixed(0)} mV`,
          published: '1 (FFS is unbiased for any basin and interfaces)', source: 'Allen, Valeriani and ten Wolde, J. Phys.: Condens. Matter 21, 463102 (2009)',
          measured: ratio, unit: 'ratio', interval: [lo, hi],
          runs: `${v.name}: lambda_A ${v.lambdaA}, interfaces ${v.interfaces.join(', ')}, ${v.crossings} crossings, ${v.trials} trials per stage, seeds ${v.seeds.join(', ')}; reference: nucleation-ffs's settings, seeds 1-${REPS}`,
          pass: Number.isFinite(lo) && Number.isFinite(hi) && lo <= 1 && hi >= 1,
          note: `${v.name} ${e3(f.rate)} /s [${e3(f.lo)}, ${e3(f.hi)}] (repetitions ${f.each.map(e3).join(', ')}; spread / the 2009 formula ${f.spreadOverFormula.toFixed(2)}; ${e3(f.events)} events, ${f.cpu.toFixed(1)} CPU s per repetition); reference ${e3(ref.rate)} /s [${e3(ref.lo)}, ${e3(ref.hi)}] (${e3(ref.events)} events, ${ref.cpu.toFixed(1)} CPU s per repetition). Claim: the ratio's 95 % interval contains 1.`,
        });
      }
    }
    return rows;
  },
};
