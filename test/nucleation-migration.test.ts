/**
 * A SAC's migration barrier (`--sac "..., migration <eV>"`, atomistic.ts header): a saddle offset on
 * the first-layer edges between a SAC site and a host site, both directions by exp(-delta/kT).
 * Measured on the real atomistic lattice (fixed seeds, exact kMC time):
 *  - equilibrium is unchanged: one adatom in a 4 x 4 plain-kMC box (1 SAC, 15 host sites, no
 *    reduction or oxidation) sits on the SAC a fraction w / (w + 15), w = exp((E_SAC - E_host)/kT),
 *    with and without the barrier; in the reservoir (lone adatoms as a sea), the SAC holds metal a
 *    fraction theta1 w / (1 + theta1 w) (pairs next to the SAC atom add < 1e-3 here);
 *  - the exchange across the SAC's edges (hops per second) is slower by exp(-delta/kT).
 * Tolerances: 10 % on occupancies and on the rate ratio (eight seeds gave at most 8 % on both).
 * Each run is 40000-100000 events: the file takes about 0.6 s of CPU.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAtomistic, loneHopBarrier, type AtomisticSpec } from '../src/nucleation/atomistic.js';
import { atomisticKey } from '../src/nucleation/index.js';
import { parseSacText, resolveStudy } from '../src/nucleation/system.js';
import { sacArg } from '../src/nucleation/cases.js';
import { InputError } from '../src/errors.js';
import { CONST } from '../src/units.js';

const T = 298.15, kT = CONST.kB_eV * T;
const delta = 0.06;
const slow = Math.exp(-delta / kT); // 0.097

const near = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got / want - 1) <= tol, `${what}: ${got.toPrecision(4)} vs ${want.toPrecision(4)} (tolerance ${tol * 100} %)`);

const plain: AtomisticSpec = {
  L: 4, T_K: T, eta_V: 0, bond_eV: 0.1, hostBinding_eV: 0.05, sacBinding_eV: 0.1, sacRedShift_eV: 0,
  terraceBarrier_eV: 0.1, nu_per_s: 1e13, k0_per_s: 1e-30, alpha: 0.5, sacSites: [5], reservoir: false,
  target: 99, maxTime_s: 1e9, maxEvents: 100000, seed: 3, initialAtoms: [15],
};

test('migration barrier, plain kMC: one adatom\'s share of time on the SAC is the Boltzmann one with and without it; the exchange slows by exp(-delta/kT)', () => {
  const dflt = loneHopBarrier(plain.terraceBarrier_eV, plain.bond_eV, plain.sacBinding_eV);
  const w = Math.exp((plain.sacBinding_eV - plain.hostBinding_eV) / kT);
  const exact = w / (w + 15);
  const a = runAtomistic(plain);
  const b = runAtomistic({ ...plain, sacMigration_eV: dflt + delta });
  near(a.sacOccupied_s / a.time_s, exact, 0.1, 'SAC occupancy, no barrier given');
  near(b.sacOccupied_s / b.time_s, exact, 0.1, `SAC occupancy, barrier ${(dflt + delta).toFixed(2)} eV`);
  near((b.sacEdgeHops / b.time_s) / (a.sacEdgeHops / a.time_s), slow, 0.1, 'exchange rate ratio');
  // the one energy function's own barrier, given, is no change: the same run draw for draw
  const c = runAtomistic({ ...plain, sacMigration_eV: dflt });
  assert.deepEqual([c.time_s, c.sacEdgeHops, c.sacOccupied_s], [a.time_s, a.sacEdgeHops, a.sacOccupied_s]);
});

test('migration barrier, reservoir: sea adatoms land on the SAC over the same saddle (occupancy kept, exchange slowed by exp(-delta/kT))', () => {
  const spec: AtomisticSpec = {
    ...plain, L: 6, eta_V: -0.1, sacBinding_eV: 0.4, k0_per_s: 1e-6, sacSites: [14], reservoir: true, maxEvents: 40000, seed: 5,
  };
  delete spec.initialAtoms;
  const dflt = loneHopBarrier(spec.terraceBarrier_eV, spec.bond_eV, spec.sacBinding_eV);
  const a = runAtomistic(spec);
  const b = runAtomistic({ ...spec, sacMigration_eV: dflt + delta });
  const x = a.theta1 * Math.exp((spec.sacBinding_eV - spec.hostBinding_eV) / kT);
  near(a.sacOccupied_s / a.time_s, x / (1 + x), 0.1, 'SAC occupancy, no barrier given');
  near(b.sacOccupied_s / b.time_s, x / (1 + x), 0.1, 'SAC occupancy with the barrier');
  near((b.sacEdgeHops / b.time_s) / (a.sacEdgeHops / a.time_s), slow, 0.1, 'exchange rate ratio');
});

test('migration barrier: parsed from the SAC numbers, carried to the study, part of the cache key only when given', () => {
  const text = 'binding -3.66 eV, reference -2.37 eV, element Zn, migration 1.54 eV';
  assert.equal(parseSacText(text).numbers.migration_eV, 1.54);
  // a string that starts with the key is numbers, not a SAC name
  assert.equal((sacArg('migration 1.5 eV, binding -3.66 eV').sac as { migration_eV?: number }).migration_eV, 1.5);
  const study = (m?: string) => resolveStudy({ metal: 'Li', host: 'N-graphene', sac: parseSacText('binding -3.66 eV, reference -2.37 eV, element Zn' + (m ?? '')).numbers });
  const none = study(), s1 = study(', migration 1.54 eV'), s2 = study(', migration 1.74 eV');
  assert.equal(none.sac?.migration_eV, undefined);
  assert.equal(s1.sac?.migration_eV, 1.54);
  assert.ok(s1.provenance.some((p) => /migration barrier 1\.54 eV/.test(p)));
  const o = { runs: 12, L: 16, target: 40, maxEvents: 200000, reservoir: true, capture: true, seed: 1 };
  const keys = new Set([atomisticKey(none, o), atomisticKey(s1, o), atomisticKey(s2, o)]);
  assert.equal(keys.size, 3, 'a cached law must not be reused for another barrier');
  // the host's own scan does not depend on the SAC's barrier (shared cache entry)
  assert.equal(atomisticKey({ ...s1, sac: null, sacLabel: null }, o), atomisticKey({ ...none, sac: null, sacLabel: null }, o));
});

test('migration barrier: one that makes the barrier into the SAC negative is refused, naming field, value and unit', () => {
  // model SAC 1.34 eV, N-graphene 0.05 eV: at least 1.29 eV
  const run = (m: string) => resolveStudy({ metal: 'Li', host: 'N-graphene', sac: parseSacText(`binding -3.66 eV, reference -2.37 eV, element Zn, migration ${m}`).numbers });
  assert.throws(() => run('1.0 eV'), (e: unknown) => e instanceof InputError && e.field === 'sac.migration' && /got "1 eV".*at least 1\.290 eV/.test(e.message));
  assert.equal(run('1.29 eV').sac?.migration_eV, 1.29); // the limit itself is taken
  assert.throws(() => parseSacText('binding -3.66 eV, migration 1.5'), (e: unknown) => e instanceof InputError && e.field === 'sac.migration' && /eV/.test(e.message));
  assert.throws(() => parseSacText('binding -3.66 eV, migration 15 eV'), (e: unknown) => e instanceof InputError && e.field === 'sac.migration');
});
