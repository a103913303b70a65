/**
 * Where the capture factor of study nucleation-capture goes wrong: its first half, the lattice
 * return probability of an emitted adatom, measured directly in plain kMC. Plain runs with
 * `traceEmissions` (atomistic.ts) follow one emitted adatom at a time (an atom that hops off a cluster
 * and is then alone) until it is lost (oxidised, or covered by a reduction on top), hops back onto
 * the explicit set the cluster had when it left (its columns and their neighbours: "returned"),
 * bonds to other metal, or is met by another atom. capture.ts predicts, for that set frozen at the
 * emission, the probability h(start) that a lone adatom on the site it landed on re-enters the set
 * before it is lost (hittingProbabilityBox, periodic box), and the c-weighted mean p_ret over the
 * set's far neighbours that the factor E uses (the equilibrium shape of the emission).
 * Claims: for emissions from clusters of 4 columns or more, pooled, the measured fraction returned
 * lies within 0.05 of the mean predicted h(start), and the c-weighted p_ret within 0.02 of the mean
 * h(start). Honest record: the tolerances were set after one scratch run at lambda 3 (seeds 1-40:
 * 0.65-0.70 returned against 0.68-0.70 predicted, by cluster size); lambda 10 and 30 were not run
 * before this file was written. The frozen set neglects the cluster's own motion during the walk,
 * and other atoms (2-5 % of the outcomes at lambda 3), hence 0.05.
 * Diagnostic rows (reported, no claim; lambda 1 and 3 seen in a scratch run first, lambda 10 not):
 * the growth of supercritical clusters, time from 20 to 30 atoms, plain / reservoir, beside E(n)
 * averaged over n = 20-29: the same linear response predicts the net flux (not only the crossing
 * rate) to fall by E, with no Zeldovich step in between.
 */
import { diffusionLength } from '../../src/nucleation/acceleration.js';
import { runAtomistic } from '../../src/nucleation/atomistic.js';
import { captureFactorAt, clusterCapture, explicitMask, hittingProbabilityBox, lossPerHop, returnProbabilityBox } from '../../src/nucleation/capture.js';
import { seaPerDirect } from '../../src/nucleation/acceleration.js';
import { meanInterval } from '../../src/stats/interval.js';
import { liBoxSpec, seeds } from './nucleation-li-box.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

/** Rows that state no claim (ValidationEntry.claim false): the growth-time ratios are reported, not tested. */
export const reportOnly = /^nucleation-capture-growth-lambda/;

export const study: ValidationStudy = {
  id: 'nucleation-capture-returns',
  title: 'Two-scale nucleation: return of emitted adatoms in plain kMC against the lattice hitting probability of capture.ts',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    /** Li's energies on graphene at 120 mV with the terrace barrier raised so that plain kMC runs, on an L x L box, to a 30-atom cluster */
    const boxSpec = (c: { Ed: number; L: number }) => liBoxSpec(c.Ed, c.L);
    for (const c of [{ Ed: 0.526, L: 24, n: 40 }, { Ed: 0.467, L: 48, n: 20 }, { Ed: 0.41, L: 64, n: 12 }]) {
      const t0 = Date.now();
      const spec = { ...boxSpec(c), reservoir: false, traceEmissions: true };
      const lambda = diffusionLength(spec).lambda_sites;
      const a = lossPerHop(lambda);
      const bins = new Map<string, { n: number; ret: number; other: number; start: number; cw: number }>();
      const all = { n: 0, ret: 0, other: 0, start: 0, cw: 0 };
      for (let seed = 1; seed <= c.n; seed++) {
        for (const e of runAtomistic({ ...spec, seed }).emissions ?? []) {
          const cols = e.cluster.length;
          if (cols < 4) continue;
          const bin = cols <= 6 ? '4-6' : cols <= 10 ? '7-10' : '11+';
          const m = explicitMask(c.L, e.cluster);
          const hs = hittingProbabilityBox(c.L, m, a)[e.start]!, cw = returnProbabilityBox(c.L, m, a);
          for (const b of [bins.get(bin) ?? { n: 0, ret: 0, other: 0, start: 0, cw: 0 }, all]) {
            b.n++; if (e.outcome === 'returned') b.ret++; if (e.outcome === 'bonded' || e.outcome === 'met') b.other++; b.start += hs; b.cw += cw;
            if (b !== all) bins.set(bin, b);
          }
        }
      }
      const p = all.ret / all.n, half = 1.96 * Math.sqrt((p * (1 - p)) / all.n);
      const pred = all.start / all.n, cw = all.cw / all.n;
      const per = [...bins.entries()].sort().map(([k, b]) => `${k} columns: ${b.n} emissions, returned ${(b.ret / b.n).toFixed(3)}, predicted ${(b.start / b.n).toFixed(3)} (c-weighted ${(b.cw / b.n).toFixed(3)})`).join('; ');
      out.push({
        id: `nucleation-capture-returns-lambda${lambda.toPrecision(2)}`,
        quantity: `fraction of emitted adatoms that return to the cluster's explicit set, plain kMC (Li energies, E_d ${c.Ed} eV, lambda ${lambda.toPrecision(2)} sites, ${c.L} x ${c.L}, 120 mV; clusters of 4+ columns)`,
        published: `${pred.toFixed(3)} = mean lattice hitting probability from the landing site (within 0.05); c-weighted p_ret ${cw.toFixed(3)} (within 0.02 of it)`,
        source: 'capture.ts hittingProbabilityBox / returnProbabilityBox on the set frozen at the emission',
        measured: p, unit: '1', interval: [p - half, p + half], runs: `seeds 1-${c.n}, plain kMC, ${all.n} emissions followed`,
        pass: Math.abs(p - pred) <= 0.05 && Math.abs(cw - pred) <= 0.02,
        note: `${per}; bonded elsewhere or met ${(all.other / all.n).toFixed(3)}; ${((Date.now() - t0) / 1000).toFixed(0)} s wall`,
      });
    }
    // supercritical growth, 20 -> 30 atoms: plain / reservoir time against E(n) of the reservoir's clusters
    for (const c of [{ Ed: 0.585, L: 16, n: 160 }, { Ed: 0.526, L: 24, n: 160 }, { Ed: 0.467, L: 48, n: 80 }]) {
      const t0 = Date.now();
      const spec = boxSpec(c);
      const d = diffusionLength(spec);
      const res = seeds(c.n).map((seed) => runAtomistic({ ...spec, reservoir: true, seed, recordClusters: true })).filter((r) => r.reached);
      const plain = seeds(c.n).map((seed) => runAtomistic({ ...spec, reservoir: false, seed })).filter((r) => r.reached);
      const grow = (r: { firstPassage_s: Float64Array }) => r.firstPassage_s[30]! - r.firstPassage_s[20]!;
      const gr = meanInterval(res.map(grow)), gp = meanInterval(plain.map(grow));
      const rel = Math.sqrt((gr.se / gr.mean) ** 2 + (gp.se / gp.mean) ** 2);
      const ratio = gp.mean / gr.mean;
      const cap = clusterCapture(res, c.L, 1 / d.lambda_sites ** 2, true);
      const idx = res.map((_, i) => i);
      let E = 0;
      for (let n = 20; n < 30; n++) E += captureFactorAt(cap, idx, n, seaPerDirect(spec, d)) / 10;
      out.push({
        id: `nucleation-capture-growth-lambda${d.lambda_sites.toPrecision(2)}`,
        quantity: `growth of the largest cluster from 20 to 30 atoms, plain / reservoir mean time (Li energies, E_d ${c.Ed} eV, lambda ${d.lambda_sites.toPrecision(2)} sites, ${c.L} x ${c.L}, 120 mV)`,
        published: `reported beside E(n) averaged over 20-29 atoms = ${E.toFixed(2)} (diagnostic, no claim)`,
        source: 'capture.ts captureFactorAt on the reservoir runs\' recorded clusters',
        measured: ratio, unit: '1', interval: [ratio * Math.exp(-1.96 * rel), ratio * Math.exp(1.96 * rel)],
        runs: `seeds 1-${c.n}, both arms (${res.length} and ${plain.length} reached)`,
        pass: Number.isFinite(ratio) && Number.isFinite(E), claim: false,
        note: `measured / E = ${(ratio / E).toFixed(2)}; mean growth time ${gr.mean.toExponential(3)} s reservoir, ${gp.mean.toExponential(3)} s plain; ${((Date.now() - t0) / 1000).toFixed(0)} s wall`,
      });
    }
    return out;
  },
};
