/**
 * How a user gives a SAC to `sacplate nucleation` (issue 15, "What a user does"): the issue's second
 * command as written (a wt% loading without the SAC's element) runs and says what it assumed; with an
 * element the exact molar mass is used and nothing is said; a named SAC takes a loading and a
 * migration barrier (as a SAC by its numbers does) and keeps the bare name's cache key without them;
 * bad values are one line naming the field, the value and the unit.
 * The CLI runs use a tiny atomistic setting (4 x 4 sites, 4 runs per overpotential, 1000 events, stop
 * at 6 atoms: the smallest of a few tried that still gives Na on carbon cloth a J(eta) law), computed
 * once and read from one store: what is tested is the SAC input and what is reported, not the physics. The site densities are checked against the
 * arithmetic of system.ts written out here (wt% -> SAC atoms per carbon atom -> 38.2 C/nm2).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { InputError } from '../src/errors.js';
import { atomisticKey, nucleation, resolveStudy } from '../src/nucleation/index.js';
import { openStore } from '../src/store/index.js';
import { ASSUMED_SAC_MOLAR_MASS, sacSitesPerM2 } from '../src/nucleation/system.js';
import { casesFromBody, casesFromDoc, prepareCases, sacArg } from '../src/nucleation/cases.js';

// sampler mfpt: the default (mfpt+ffs) runs forward flux sampling at fixed settings, minutes of CPU even on this box (branch ffsdefault)
const TINY = ['--sampler', 'mfpt', '--runs', '4', '--box', '4', '--target', '6', '--max-events', '1000', '--capacity', '0.005', 'mAh/cm2', '--plateau', 'end'];
/** SAC sites per nm2 of a wt% loading on a graphene-like sheet (38.2 C/nm2, C 12.011 g/mol) */
const sitesPerNm2 = (wt: number, M: number) => ((wt / M) / ((100 - wt) / 12.011)) * 38.2;
const TINY_OPTIONS = { sampler: 'mfpt', runs: 4, L: 4, target: 6, maxEvents: 1000 } as const;
const options = { runs: 12, L: 16, target: 40, maxEvents: 200000, reservoir: true, capture: true, seed: 1 };

test("nucleation CLI: issue 15's second command as written runs, says the assumed molar mass once on stderr and in the JSON; with element Co nothing is assumed", async () => {
  assert.equal(ASSUMED_SAC_MOLAR_MASS, 60.16, 'the middle of Mn (54.938) and Zn (65.38)');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sac-input-'));
  try {
    const issue = ['nucleation', '--metal', 'Na', '--host', 'carbon-cloth', '--sac', 'binding -2.29 eV, loading 1.2 wt%', '--current', '1', 'mA/cm2'];
    const db = ['--db', join(dir, 's.db')];
    // the atomistic data computed here (the CLI would start a worker thread for them: 0.3-0.4 s of CPU more);
    // the CLI calls below read them from the store, as a user's second call does
    const store = openStore(join(dir, 's.db'));
    try {
      nucleation({ metal: 'Na', host: 'carbon-cloth', sac: { binding_eV: -2.29 }, current_A_per_m2: 10, capacity_C_per_m2: 180, plateau: 'end', atomistic: TINY_OPTIONS }, store);
    } finally {
      store.close();
    }
    const human = await cli([...issue, ...TINY, ...db]);
    assert.equal(human.code, 0, human.stderr);
    const warnings = human.stderr.split('\n').filter((l) => /warning/.test(l));
    assert.equal(warnings.length, 1, human.stderr);
    assert.match(warnings[0]!, /^sacplate: warning: SAC element not given: its molar mass taken as 60\.16 g\/mol \(the middle of the 3d SAC metals Mn-Zn, 54\.938-65\.38 g\/mol\) to turn 1\.2 wt% into sites, within \+-8\.7 %/);
    assert.ok(human.stderr.startsWith(warnings[0]!), 'said before the work');
    // the molar-mass assumption is said on stderr only (the table's own notes, e.g. mends107's "the SAC's effect is not
    // resolved" under the table, are the table's)
    assert.doesNotMatch(human.stdout, /molar mass|assumed/, 'the table on stdout has no molar-mass assumption');
    assert.match(human.stdout, /^at plating current density [\d.]+ mA\/cm2, plated capacity [\d.]+ mAh\/cm2, temperature 298\.15 K \(25 degC\):\ncase +nucleation \(mV\)/);
    // --json: stdout is the JSON alone; the assumption is a key and a provenance line
    const json = await cli([...issue, ...TINY, ...db, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const j = JSON.parse(json.stdout) as { sac_loading_assumption: string | null; sac_sites_per_nm2: number; provenance: string[]; atomistic: { cached: boolean; cache_key: string } };
    assert.equal(j.sac_loading_assumption, warnings[0]!.replace('sacplate: warning: ', ''));
    assert.ok(j.provenance.includes(`assumed: ${j.sac_loading_assumption}`), j.provenance.join('\n'));
    assert.ok(Math.abs(j.sac_sites_per_nm2 / sitesPerNm2(1.2, 60.16) - 1) < 1e-12, `${j.sac_sites_per_nm2}`);
    assert.equal(j.atomistic.cached, true, 'the atomistic data read from the store');
    // the element given: its exact mass, no assumption (so no warning: the CLI prints sac_loading_assumption);
    // the atomistic data are the same (the loading only enters the electrode stage)
    const co = resolveStudy({ metal: 'Na', host: 'carbon-cloth', ...sacArg('binding -2.29 eV, element Co, loading 1.2 wt%') });
    assert.equal(co.sacLoadingAssumption, null);
    assert.ok(!co.provenance.some((p) => /molar mass taken/.test(p)));
    assert.ok(Math.abs(co.sac!.sites_per_m2 / 1e18 / sitesPerNm2(1.2, 58.933) - 1) < 1e-12, `${co.sac!.sites_per_m2}`);
    assert.equal(atomisticKey(co, { runs: 4, L: 4, target: 6, maxEvents: 1000, reservoir: true, capture: true, seed: 1 }), j.atomistic.cache_key);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('named SAC with overrides: "Zn-N4, loading 2 wt%" loads Zn-N4 at 2 wt% (exact arithmetic), "Zn-N4, migration ... eV" moves its saddle; without them the bare name\'s cache key', () => {
  const na = { metal: 'Na', host: 'N-graphene' };
  const bare = resolveStudy({ ...na, ...sacArg('Zn-N4') });
  const two = resolveStudy({ ...na, ...sacArg('Zn-N4, loading 2 wt%') });
  assert.equal(bare.sac!.loadingText, '1 wt%');
  assert.equal(two.sac!.loadingText, '2 wt%');
  assert.ok(Math.abs(bare.sac!.sites_per_m2 / 1e18 / sitesPerNm2(1, 65.38) - 1) < 1e-12);
  assert.ok(Math.abs(two.sac!.sites_per_m2 / 1e18 / sitesPerNm2(2, 65.38) - 1) < 1e-12);
  // 2 wt% against 1 wt%: (2/98) / (1/99) = 2.0204..., the named set's element (Zn) used, nothing assumed
  assert.ok(Math.abs(two.sac!.sites_per_m2 / bare.sac!.sites_per_m2 - (2 / 98) / (1 / 99)) < 1e-12);
  assert.equal(two.sacLoadingAssumption, null);
  assert.equal(two.sac!.binding_eV, bare.sac!.binding_eV);
  assert.equal(atomisticKey(two, options), atomisticKey(bare, options), 'a loading is not atomistic data');
  assert.equal(atomisticKey(resolveStudy({ ...na, sac: { name: 'Zn-N4' } }), options), atomisticKey(bare, options), 'the library form without a barrier');
  // a migration barrier: the same rule as for a SAC by its numbers (at least the binding difference to the host)
  const least = bare.sac!.binding_eV - bare.hostBinding_eV;
  const m = Number((least + 0.2).toFixed(2));
  const mig = resolveStudy({ ...na, ...sacArg(`Zn-N4, migration ${m} eV, loading 2 wt%`) });
  assert.equal(mig.sac!.migration_eV, m);
  assert.equal(mig.sacLabel, `Zn-N4, migration ${m} eV`);
  assert.equal(mig.sac!.sites_per_m2, two.sac!.sites_per_m2);
  assert.notEqual(atomisticKey(mig, options), atomisticKey(bare, options), 'a barrier is other atomistic data');
  assert.ok(mig.provenance.some((p) => p.startsWith(`SAC migration barrier ${m} eV`)));
  assert.throws(() => resolveStudy({ ...na, ...sacArg(`Zn-N4, migration ${(least - 0.1).toFixed(2)} eV`) }),
    (e: unknown) => e instanceof InputError && e.field === 'sac.migration' && e.message.includes(`a barrier of at least ${least.toFixed(3)} eV`));
  // a case file's sac and a workbench body take the same text
  const [fromFile] = prepareCases(casesFromDoc({ metal: 'Na', cases: [{ host: 'N-graphene', sac: 'Zn-N4, loading 2 wt%' }] }, {}), {});
  assert.equal(fromFile!.req.sac, 'Zn-N4');
  assert.equal(fromFile!.req.loading, '2 wt%');
});

test('workbench body: a named SAC with a migration barrier; its loading given twice is refused', async () => {
  const { cases } = await casesFromBody({ metal: 'Na', host: 'N-graphene', sac: 'Zn-N4, migration 1.5 eV' });
  assert.deepEqual(cases[0]!.req.sac, { name: 'Zn-N4', migration_eV: 1.5 });
  await assert.rejects(casesFromBody({ metal: 'Na', host: 'N-graphene', sac: 'Zn-N4, loading 2 wt%', loading: '1 wt%' }),
    (e: unknown) => e instanceof InputError && e.field === 'loading' && /gives a loading already \(2 wt%\)/.test(e.message));
  assert.throws(() => casesFromDoc({ metal: 'Na', cases: [{ host: 'N-graphene', sac: 'Zn-N4, loading 2 wt%', loading: '1 wt%' }] }, {}),
    (e: unknown) => e instanceof InputError && e.field === 'cases[0].loading');
});

test('SAC loading bounds: 0 or more, and at most one SAC per host site (1 / a^2, what "100 %" gives) in every unit', () => {
  const a = 0.3e-9, host = 1 / (a * a);
  assert.equal(sacSitesPerM2('100 %', 'Zn', a), host);
  assert.equal(sacSitesPerM2('11.1 sites/nm2', 'Zn', a), 11.1e18, 'just below 1 / (0.3 nm)^2 = 11.11 sites/nm2');
  assert.ok(Math.abs(sacSitesPerM2('10 wt%', 'Zn', a) / 1e18 - sitesPerNm2(10, 65.38)) < 1e-9, '10 wt% Zn: 0.78 sites/nm2');
  assert.equal(sacSitesPerM2('0 wt%', 'Zn', a), 0);
  const refused = (text: string, re: RegExp) => assert.throws(() => sacSitesPerM2(text, 'Zn', a), (e: unknown) => e instanceof InputError && e.field === 'loading' && re.test(e.message), text);
  refused('11.2 sites/nm2', /at most one SAC per host site, 11\.1 sites\/nm2 at a = 0\.300 nm/);
  refused('90 wt%', new RegExp(`this gives ${sitesPerNm2(90, 65.38).toPrecision(3)} sites/nm2$`));
  refused('-1 wt%', /expected a SAC loading of 0 or more/);
  refused('-0.1 sites/nm2', /expected a SAC loading of 0 or more/);
  refused('-5 %', /expected a SAC loading of 0 or more/);
});

test('nucleation CLI: bad SAC values are one line naming the field as typed (--sac, a key of its text after it), the value and what is expected, exit 2', async () => {
  for (const [sac, line] of [
    // an unknown element is still refused (it would turn wt% into sites)
    ['binding -2.29 eV, element Xx, loading 1.2 wt%', /^sacplate: --sac element: got "Xx", expected one of Fe, Co, Ni, Zn, Mn, Zr, Cu \(the SAC's element/],
    // a named SAC's own numbers are the parameter set's
    ['Zn-N4, binding -1 eV', /^sacplate: --sac binding: got "-1 eV", expected nothing for the named SAC Zn-N4 .*takes loading and migration/],
    ['Zn-N4, element Co', /^sacplate: --sac element: got "Co", expected nothing for the named SAC Zn-N4/],
    ['Zn-N4, migration 1.5', /^sacplate: --sac migration: got "1\.5", expected an energy in eV/],
    ['Zn-N4, migration 15 eV', /^sacplate: --sac migration: got "15 eV", expected an energy from -10 to 10 eV/],
    ['Zn-N4, loading 2 kg', /^sacplate: --sac loading: got "2 kg", expected a SAC loading such as "1\.2 wt%"/],
    // a negative loading says so (it got the generic "such as" line); more SAC sites than host sites is refused (it ran)
    ['Zn-N4, loading -1 wt%', /^sacplate: --sac loading: got "-1 wt%", expected a SAC loading of 0 or more/],
    ['Zn-N4, loading 1000 sites/nm2', /^sacplate: --sac loading: got "1000 sites\/nm2", expected at most one SAC per host site, [0-9.]+ sites\/nm2 at a = [0-9.]+ nm \("100 %"\); this gives 1\.00e\+3 sites\/nm2$/],
    ['Zn-N4, loading 2 wt%, loading 3 wt%', /^sacplate: --sac loading: got "3 wt%", expected loading once/],
    ['Zn-N4, colour red', /^sacplate: --sac: got "colour", expected one of binding, reference/],
    ['binding -2.29 eV, constructor x', /^sacplate: --sac: got "constructor", expected one of binding, reference/],
    ['Zn-N5, loading 2 wt%', /^sacplate: --sac: got "Zn-N5"/],
  ] as const) {
    const r = await cli(['nucleation', '--metal', 'Na', '--host', 'N-graphene', '--sac', sac, '--no-store']);
    assert.equal(r.code, 2, `${sac}: exit ${r.code}, ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), line);
  }
  const twice = await cli(['nucleation', '--metal', 'Na', '--host', 'N-graphene', '--sac', 'Zn-N4, loading 2 wt%', '--loading', '1', 'wt%', '--no-store']);
  assert.equal(twice.code, 2, twice.stderr);
  assert.match(twice.stderr, /^sacplate: --loading: got "1 wt%", expected nothing: --sac gives a loading already \(2 wt%\); give it once\n$/);
});

test('nucleation case file: a bad value in a case\'s sac text is named under the case (cases[1].sac.binding; it said sac.binding), a loading in it as cases[0].sac.loading, and a bad --loading for every case as --loading (it said loading)', () => {
  const named = (doc: Record<string, unknown>, o: Parameters<typeof prepareCases>[1]) => {
    try { prepareCases(casesFromDoc(doc, {}), o); } catch (e) { return e instanceof InputError ? e.message : `not an InputError: ${String(e)}`; }
    return 'no error';
  };
  const cli = { loadingField: '--loading', flags: true };
  assert.equal(named({ metal: 'Na', cases: [{ host: 'Cu' }, { host: 'N-graphene', sac: 'binding x eV' }] }, cli), 'cases[1].sac.binding: got "x eV", expected an energy in eV, e.g. "-2.29 eV" (or with its unit: "-2290 meV", "-221 kJ/mol")');
  assert.match(named({ metal: 'Na', cases: [{ host: 'N-graphene', sac: 'Zn-N4, loading 2 kg' }] }, cli), /^cases\[0\]\.sac\.loading: got "2 kg", expected a SAC loading such as "1\.2 wt%"/);
  assert.match(named({ metal: 'Na', cases: [{ host: 'N-graphene', sac: 'Zn-N4' }] }, { ...cli, loading: '2 kg' }), /^--loading: got "2 kg", expected a SAC loading such as "1\.2 wt%"/);
  // a body's keys stay the keys: its common loading is `loading`, a case's metal the file's `metal`
  assert.match(named({ metal: 'Na', cases: [{ host: 'N-graphene', sac: 'Zn-N4' }] }, { loading: '2 kg' }), /^loading: got "2 kg"/);
  assert.match(named({ metal: 'Mg', cases: [{ host: 'Cu' }] }, cli), /^metal: got "Mg"/);
});

test('nucleation: --loading beside a case file\'s case that gives its own loading (in its sac text or its loading key) is refused in one line naming the case and both values; so is a body\'s loading; a case without one takes it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-loading-'));
  try {
    // issue 15's SAC (carbon cloth, binding -2.29 eV), which runs under TINY: main ran these with --loading's 2 wt%, silently
    for (const [sacCase, key] of [
      [{ name: 'SAC by its numbers', host: 'carbon-cloth', sac: 'binding -2.29 eV, element Co, loading 1.2 wt%' }, 'cases[1].sac'],
      [{ name: 'SAC by its numbers', host: 'carbon-cloth', sac: 'binding -2.29 eV, element Co', loading: '1.2 wt%' }, 'cases[1].loading'],
    ] as const) {
      const file = join(dir, 'cases.json');
      writeFileSync(file, JSON.stringify({ metal: 'Na', current: '1 mA/cm2', cases: [{ name: 'bare Cu', host: 'Cu' }, sacCase] }));
      const r = await cli(['nucleation', file, '--loading', '2', 'wt%', '--no-store', ...TINY]);
      assert.equal(r.code, 2, `${key}: exit ${r.code}, ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `sacplate: --loading: got "2 wt%", expected nothing: case "SAC by its numbers" (${key}) gives a loading already (1.2 wt%); give it once: in the case, or with --loading for every case that has a SAC\n`);
      // the workbench: the same rule and line, the body's key for the flag
      await assert.rejects(casesFromBody({ metal: 'Na', loading: '2 wt%', cases: [{ host: 'Cu' }, sacCase] }), (e: unknown) => e instanceof InputError &&
        e.message === `loading: got "2 wt%", expected nothing: case "SAC by its numbers" (${key}) gives a loading already (1.2 wt%); give it once: in the case, or with loading for every case that has a SAC`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // without a loading of its own a case with a SAC takes the common one; a case without a SAC does not
  const [cu, zn] = prepareCases(casesFromDoc({ metal: 'Na', cases: [{ host: 'Cu' }, { host: 'N-graphene', sac: 'Zn-N4' }] }, {}), { loading: '2 wt%' });
  assert.equal(cu!.req.loading, undefined);
  assert.equal(zn!.req.loading, '2 wt%');
  assert.equal(resolveStudy(zn!.req).sac!.loadingText, '2 wt%');
});
