/**
 * One spelling of a quantity per area in what a user reads: `_per_cm2`, as the simulator, cycles.csv
 * and the analyze report spell it (test/cycles-report-names.test.ts), also in the evidence base
 * (`lit normalise`, `lit show`, `anode-capacity`, whose per-gram keys read `_per_g` as the screen's) and the nucleation report; a nucleation job an
 * older version kept in the store (with `plateau_capacity_mAh_cm2`) is read with today's keys.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { openStore } from '../src/store/index.js';
import { nucleation, type NucleationReport } from '../src/nucleation/index.js';
import { NucleationJobs, type JobView } from '../src/server/nucleation-jobs.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-keys-'));
const DB = join(dir, 'keys.db');
// its two stores (keys.db, jobs.db): not left in the temporary folder run after run
after(() => rmSync(dir, { recursive: true, force: true }));

/** every key of a JSON value, nested */
const keys = (o: unknown): string[] => (o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => [k, ...keys(v)]) : []);
/** a quantity per area spelt without "per" (area_cm2 is an area, not per area) */
const oddKeys = (o: unknown) => [...new Set(keys(o))].filter((k) => /(mAh|mA|Ah|C|mg|g)_cm2$/.test(k));
/** a quantity per gram spelt without "per" (the screen's `anode_mAh_per_g` is the spelling) */
const oddGramKeys = (o: unknown) => [...new Set(keys(o))].filter((k) => /(mAh|Wh|USD)_g$/.test(k));

async function json(args: string[]): Promise<any> {
  const r = await cli(args, { env: { SACPLATE_DB: DB } });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('per-area keys of lit normalise, lit show, anode-capacity and nucleation are spelt _per_cm2', async () => {
  const norm = await json(['lit', 'normalise', '--format', 'json', '--db', DB]) as Record<string, number | null>[];
  assert.deepEqual(oddKeys(norm), []);
  // current x time: what passes in each direction over the lifetime; the capacity per cycle is the reported one
  const withJ = norm.filter((n) => n.current_density_mA_per_cm2 !== null);
  assert.ok(withJ.length > 0, 'records with a current density');
  for (const n of withJ) assert.ok(Math.abs(n.cumulative_capacity_mAh_per_cm2! - n.current_density_mA_per_cm2! * n.lifetime_h!) <= 1e-5 * n.cumulative_capacity_mAh_per_cm2!, JSON.stringify(n));
  const withQ = norm.filter((n) => n.areal_capacity_mAh_per_cm2 !== null);
  assert.ok(withQ.length > 0, 'records with an areal capacity');
  for (const n of withQ) assert.equal(n.cycled_capacity_per_cycle_mAh_per_cm2, n.areal_capacity_mAh_per_cm2);
  const show = await json(['lit', 'show', 'ZnSA-HCNT', '--format', 'json', '--db', DB]);
  assert.deepEqual(oddKeys(show), []);
  assert.ok(show.normalised.length > 0 && 'cumulative_capacity_mAh_per_cm2' in show.normalised[0]);
  // 2 mg/cm2 of Li at F / (3.6 x 6.94) = 3861.88 mAh/g: 7.7238 mAh/cm2; 2 + 1.5 mg/cm2 in all
  const cap = await json(['anode-capacity', '--metal', 'Li', '--metal-mass', '2 mg/cm2', '--host-mass', '1.5 mg/cm2', '--format', 'json']);
  assert.deepEqual(oddKeys(cap), []);
  assert.deepEqual(oddGramKeys(cap), []);
  assert.ok(Math.abs(cap.wholeAnode_mAh_per_g - 7.7238 / 3.5e-3) < 0.01, String(cap.wholeAnode_mAh_per_g));
  assert.ok(Math.abs(cap.capacity_mAh_per_cm2 - 7.7238) < 1e-4, String(cap.capacity_mAh_per_cm2));
  assert.ok(Math.abs(cap.masses_mg_per_cm2.total - 3.5) < 1e-12);
  // the metal's own foil (no atomistic stage), read at the end of the default 0.02 mAh/cm2
  const nuc = await json(['nucleation', '--metal', 'Li', '--host', 'Li', '--plateau', 'end', '--json', '--no-store']);
  assert.deepEqual(oddKeys(nuc), []);
  assert.ok(Math.abs(nuc.plateau_capacity_mAh_per_cm2 - nuc.capacity_mAh_per_cm2) < 1e-9);
});

test('a nucleation job kept in the store by an older version is read with today\'s keys', () => {
  const store = openStore(join(dir, 'jobs.db'));
  try {
    const report = nucleation({ metal: 'Li', host: 'Li', current_A_per_m2: 10, plateau: 'end' });
    // as the store held it before the rename: the same report with plateau_capacity_mAh_cm2
    const old = Object.fromEntries(Object.entries(report).map(([k, v]) => [k === 'plateau_capacity_mAh_per_cm2' ? 'plateau_capacity_mAh_cm2' : k, v]));
    const id = 'nuc-20261201-120000000-0123abcd';
    const view: Omit<JobView, 'request'> = { // (an older version kept no request: mends62)
      id, created_at: '2026-12-01T12:00:00.000Z', status: 'finished', literature: false,
      cases: [{ name: 'Li on Li', atomistic: 'own-metal', reported: null }],
      progress: { done: 1, case: null, lines: 0, log: [] }, results: [old as unknown as NucleationReport], wall_s: 0.1, live: false,
    };
    store.saveParamSet('nucleation-job', id, view, 'written as an older sacplate serve did');
    const got = new NucleationJobs(store).status(id)!;
    const r = got.results[0] as unknown as Record<string, unknown>;
    assert.equal('plateau_capacity_mAh_cm2' in r, false);
    assert.deepEqual(r, JSON.parse(JSON.stringify(report)), 'the report as this version writes it');
    assert.deepEqual(Object.keys(r), Object.keys(report), 'keys in their place');
  } finally {
    store.close();
  }
});
