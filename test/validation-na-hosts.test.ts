/**
 * Validation against the review (issue 2, "Must show" 5, Na part; review section 4, ref 70): the Na
 * nucleation overpotential orders Cu > carbon cloth > Zn single-atom host (32 > 9 > 0 mV).
 *
 * The runs are those of examples/na-hosts.yaml (built-in Na, Cu, carbon-cloth and Zn-N4 parameter
 * sets; 10 nm voxels; 3 % Zn-N4 sites, random; 0.0005 mAh/cm2 at 1 mA/cm2, about 0.4 of a voxel
 * layer: the nucleation stage); only the number of columns and the seeds change.
 * nucleation_overpotential_mV is what simulate() reports (peak minus plateau of the first plating
 * step). Adatoms on these weakly binding hosts hop ~1e4 times per deposited voxel, so the runs are
 * costly: about 5 CPU-s for 24 x 24 columns, 7 for 32 x 32, 15 for 48 x 48.
 *
 * Measured on this machine (engine of commit bb9b5a7 plus the cycling work then in the tree; mean
 * over seeds, mV, range in brackets; review: Cu 32, carbon cloth 9, Zn-SA 0):
 *   24 x 24, seeds 1-2: Cu 41.7 (41.1-42.2)  carbon cloth 30.0 (27.6-32.5)  + Zn-N4 31.7 (30.3-33.2)
 *   32 x 32, seeds 1-3: Cu 34.7 (32.2-38.6)  carbon cloth 22.2 (20.4-25.0)  + Zn-N4 19.3 (18.4-20.8)
 *   40 x 40, seeds 1-2: Cu 29.6 (28.3-30.9)  carbon cloth 20.3 (19.7-20.8)  + Zn-N4 17.4 (16.9-18.0)
 *   48 x 48, seeds 1-3: Cu 26.5 (25.6-28.0)  carbon cloth 21.9 (20.1-23.5)  + Zn-N4 16.5 (16.1-17.0)
 * Cu > carbon cloth holds at every size; carbon cloth > Zn-N4 needs at least 32 x 32 columns (on
 * 24 x 24 there are only 17 SAC sites and the two are equal within noise). The values still fall
 * with domain size (Cu 42 -> 27 mV from 24 to 48 columns): not converged.
 *
 * Since physics v2 every case here runs in `npm run validate` (study long-tests), not in `npm test`.
 * Before that, `npm test` ran the 24 x 24 case (Cu above both carbon hosts; the carbon-cloth > Zn-N4 ordering at
 * that size is a todo). The full ordering at the example's 48 x 48 with three seeds runs when
 * SACPLATE_FULL_VALIDATION=1 (184 s on two worker threads here; it passed with the numbers above).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCompareFile, type CompareCase } from '../src/input/parse.js';
import { simulate } from '../src/simulation/simulate.js';
import { runSeeds } from '../src/simulation/seeds.js';

const REVIEW_MV: Record<string, number> = { 'Cu': 32, 'carbon-cloth': 9, 'carbon-cloth + Zn-N4': 0 };
type Result = Map<string, { mean: number; each: number[] }>;

function cases(): CompareCase[] {
  const cs = loadCompareFile('examples/na-hosts.yaml');
  assert.deepEqual(cs.map((c) => c.name), ['Cu', 'carbon-cloth', 'carbon-cloth + Zn-N4']);
  for (const c of cs) assert.equal(c.run.metal.name, 'Na');
  return cs;
}

function table(m: Result): string {
  return [...m].map(([k, v]) => `${k} ${v.mean.toFixed(1)} mV (seeds ${v.each.map((x) => x.toFixed(1)).join(', ')}; review ${REVIEW_MV[k]})`).join('; ');
}

let small: Result | undefined;
/** 24 x 24 columns, seed 1 */
function smallDomain(): Result {
  if (small) return small;
  small = new Map();
  for (const c of cases()) {
    const r = simulate({ ...c.run, lattice: { ...c.run.lattice, size: [24, 24, 40] }, seed: 1 });
    assert.deepEqual(r.metrics.steps_ended, ['charge'], c.name);
    const v = r.metrics.nucleation_overpotential_mV;
    assert.ok(Number.isFinite(v), `${c.name}: a nucleation overpotential`);
    small.set(c.name, { mean: v, each: [v] });
  }
  return small;
}

test('Na hosts: Cu and carbon cloth are the same host to the model (one wetting source); Zn single atoms lower the nucleation overpotential', { skip: process.env.SACPLATE_FULL_VALIDATION === '1' ? false : 'long physics study (about 2 CPU-minutes under physics v2): run by `npm run validate` (study long-tests) or SACPLATE_FULL_VALIDATION=1' }, (t) => {
  // Physics v2 (params/hosts.ts): Cu and carbon cloth both take their Na bond from the one
  // independent source there is (molten alkali metal forms a sphere on Cu and on carbon, Wang et
  // al. 2019; 135 deg assumed), so the model cannot order them and the same seed gives the same run.
  // v1 asserted Cu > carbon cloth + 5 mV, but its carbon-cloth factor had been set from that very
  // order (review 32 > 9 mV): a calibration used as validation. The review's order is reported as
  // not reproduced (README, docs/model.md). Zn-N4 binds Na 0.25 eV more than its support (ref 70,
  // unscaled): stated effect, at least 5 mV lower than bare carbon cloth.
  const m = smallDomain();
  t.diagnostic(`24 x 24: ${table(m)}`);
  const cu = m.get('Cu')!.mean, cc = m.get('carbon-cloth')!.mean, zn = m.get('carbon-cloth + Zn-N4')!.mean;
  assert.ok(cu > 10, `Cu shows a nucleation barrier: ${table(m)}`);
  assert.equal(cu, cc, table(m));
  assert.ok(cc > zn + 5, table(m));
});

test('Na hosts, 32 x 32 columns, seeds 1-3: carbon cloth > carbon cloth with Zn single atoms (review: 9 > 0 mV)', { skip: process.env.SACPLATE_FULL_VALIDATION === '1' ? false : 'long physics study: run by `npm run validate` (study long-tests) or SACPLATE_FULL_VALIDATION=1' }, async (t) => {
  // 24 x 24 columns hold too few SAC sites (17) to separate the two carbon hosts; from 32 x 32 up
  // the ordering holds (measured: 32 x 32 seeds 1-3, 40 x 40 seeds 1-2, 48 x 48 seeds 1-3).
  const m: Result = new Map();
  for (const c of cases().slice(1)) {
    const s = await runSeeds({ ...c.run, lattice: { ...c.run.lattice, size: [32, 32, 40] } }, [1, 2, 3], { threads: 2 });
    const each = s.runs.map((r) => r.nucleation_overpotential_mV);
    m.set(c.name, { mean: each.reduce((a, b) => a + b, 0) / each.length, each });
  }
  t.diagnostic(`32 x 32: ${table(m)}`);
  assert.ok(m.get('carbon-cloth')!.mean > m.get('carbon-cloth + Zn-N4')!.mean, table(m));
});

test('Na hosts, example size 48 x 48, seeds 1-3: Cu > carbon cloth > carbon cloth with Zn single atoms', {
  skip: process.env.SACPLATE_FULL_VALIDATION === '1' ? false : 'set SACPLATE_FULL_VALIDATION=1 (about 3 minutes on 2 cores)',
}, async (t) => {
  const m: Result = new Map();
  for (const c of cases()) {
    const s = await runSeeds({ ...c.run, lattice: { ...c.run.lattice, size: [48, 48, 40] } }, [1, 2, 3], { threads: 2 });
    const each = s.runs.map((r) => r.nucleation_overpotential_mV);
    m.set(c.name, { mean: each.reduce((a, b) => a + b, 0) / each.length, each });
  }
  t.diagnostic(`48 x 48: ${table(m)}`);
  const cu = m.get('Cu')!.mean, cc = m.get('carbon-cloth')!.mean, zn = m.get('carbon-cloth + Zn-N4')!.mean;
  assert.ok(cu > cc + 2, table(m));
  assert.ok(cc > zn + 2, table(m));
});
