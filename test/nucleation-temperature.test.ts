/**
 * `sacplate nucleation --temperature` and a case file's `temperature:` (nucl64; review64's friction log: the request
 * carried T_K, the CLI had no way to set it, and cold cells, -20 degC, are tested). Read by the run file's temperature
 * schema (input/run-schema.ts temperatureSchema); the value reaches the model (the report's temperature_K, the foil's
 * Butler-Volmer plateau through i0(T)), the table's heading, eta.csv and the atomistic cache key (a run at another
 * temperature computes, it does not read 25 degC's data). Cheap: the metal's own foil needs no atomistic stage, and
 * the cache check runs the tiny atomistic settings of test/nucleation-cached.test.ts once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { casesFromBody } from '../src/nucleation/cases.js';
import { atomisticSource, nucleation } from '../src/nucleation/index.js';
import { openStore } from '../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-nuc-temp-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('nucleation --temperature: the value reaches the model (temperature_K, the foil\'s plateau through i0(T)), the table\'s heading and eta.csv', async () => {
  const at = async (T: string[] | null, more: string[] = []) => {
    const r = await cli(['nucleation', '--metal', 'Li', '--host', 'Li', ...(T ? ['--temperature', ...T] : []), '--no-store', ...more]);
    assert.equal(r.code, 0, r.stderr);
    return r;
  };
  const cold = JSON.parse((await at(['-20', 'degC'], ['--json', '--out', join(dir, 'cold')])).stdout) as { temperature_K: number; plateau_overpotential_mV: number };
  const warm = JSON.parse((await at(null, ['--json'])).stdout) as typeof cold;
  assert.ok(Math.abs(cold.temperature_K - 253.15) < 1e-9, String(cold.temperature_K));
  assert.equal(warm.temperature_K, 298.15);
  // the foil's plateau is Butler-Volmer at i0(T): lower i0 in the cold, a higher plateau
  assert.ok(cold.plateau_overpotential_mV > warm.plateau_overpotential_mV * 1.5, `${cold.plateau_overpotential_mV} against ${warm.plateau_overpotential_mV} mV`);
  // "253.15 K" is the same temperature as "-20 degC"
  const kelvin = JSON.parse((await at(['253.15 K'], ['--json'])).stdout) as typeof cold;
  assert.ok(Math.abs(kelvin.plateau_overpotential_mV - cold.plateau_overpotential_mV) < 1e-9);
  assert.match((await at(['-20 degC'])).stdout, /^at plating current density 1 mA\/cm2, plated capacity 0\.02 mAh\/cm2, temperature 253\.15 K \(-20 degC\):\n/);
  const csv = readFileSync(join(dir, 'cold', 'eta.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'case,t_s,eta_mV,nuclei_per_um2,metal_area,temperature_K');
  assert.ok(csv.slice(1).every((l) => Math.abs(Number(l.split(',').at(-1)) - 253.15) < 1e-9), csv[1]);
});

test('nucleation --temperature: a bad value is one line naming --temperature, the value and the expected form and range; a molten metal is refused in refuseMolten\'s words', async () => {
  for (const [T, expected] of [
    ['500 K', /^sacplate: --temperature: got "500 K", expected a temperature from 150 to 400 K \(-123 to 127 degC\), e\.g\. "25 degC" or "298\.15 K"\n$/],
    ['warm', /^sacplate: --temperature: got "warm", expected a temperature with a unit, e\.g\. "25 degC"\n$/],
    ['25', /^sacplate: --temperature: got "25", expected a temperature in K \(kelvin\) or degC .*e\.g\. "25 degC" or "298\.15 K"\n$/],
  ] as const) {
    const r = await cli(['nucleation', '--metal', 'Li', '--host', 'Li', '--temperature', T, '--no-store']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, expected);
  }
  const k = await cli(['nucleation', '--metal', 'K', '--host', 'K', '--temperature', '70 degC', '--no-store']);
  assert.equal(k.code, 2);
  assert.equal(k.stderr, 'sacplate: --temperature: got "70 degC", expected a temperature below K\'s melting point, 336.65 K (63.5 degC): K is liquid at 343.15 K (70 degC), and the model plates and strips a solid metal\n');
  // the review's systems beside their reported figures run at the default: said, not ignored
  const lit = await cli(['nucleation', '--against-literature', '--temperature', '-20 degC', '--no-store']);
  assert.equal(lit.code, 2);
  assert.match(lit.stderr, /^sacplate: --temperature: got "-20 degC", expected nothing with --against-literature/);
});

test('nucleation case file: temperature: for every case, a case\'s own for it (its default name says it), --temperature wins over the file\'s and is refused beside a case\'s own; the body takes the same keys', async () => {
  const file = join(dir, 'cases.yaml');
  writeFileSync(file, 'metal: Na\ntemperature: 0 degC\ncases:\n  - host: Na\n  - host: Na\n    temperature: -20 degC\n');
  const r = await cli(['nucleation', file, '--json', '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { case: string; temperature_K: number }[];
  assert.deepEqual(rows.map((x) => [x.case, Number(x.temperature_K.toFixed(6))]), [['Na on Na', 273.15], ['Na on Na, at -20 degC', 253.15]]);
  const human = await cli(['nucleation', file, '--no-store']);
  assert.match(human.stdout, /per case \(its column\):\ncase +temperature \(K\) /);
  // the flag beside a file's temperature: the flag's (as --current beside current:); beside a case's own: refused
  writeFileSync(file, 'metal: Na\ntemperature: 0 degC\ncases:\n  - host: Na\n');
  const flag = await cli(['nucleation', file, '--temperature', '10 degC', '--json', '--no-store']);
  assert.equal(flag.code, 0, flag.stderr);
  assert.ok(Math.abs((JSON.parse(flag.stdout) as { temperature_K: number }).temperature_K - 283.15) < 1e-9);
  writeFileSync(file, 'metal: Na\ncases:\n  - host: Na\n    temperature: 0 degC\n');
  const both = await cli(['nucleation', file, '--temperature', '10 degC', '--no-store']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /^sacplate: --temperature: got "10 degC", expected nothing: cases\[0\] gives its own temperature already \(0 degC\)/);
  // bad values named where they were written; a molten metal too
  writeFileSync(file, 'metal: Na\ntemperature: 120 degC\ncases:\n  - host: Na\n');
  assert.match((await cli(['nucleation', file, '--no-store'])).stderr, /^sacplate: temperature: got "120 degC", expected a temperature below Na's melting point, 370\.944 K \(97\.794 degC\)/);
  writeFileSync(file, 'metal: Na\ncases:\n  - host: Na\n    temperature: 5 furlongs\n');
  assert.match((await cli(['nucleation', file, '--no-store'])).stderr, /^sacplate: cases\[0\]\.temperature: got "5 furlongs", expected a temperature/);
  // the workbench's body: the same keys and words
  assert.ok(Math.abs((await casesFromBody({ metal: 'Li', host: 'Li', temperature: '-20 degC' })).cases[0]!.req.T_K! - 253.15) < 1e-9);
  const body = await casesFromBody({ metal: 'Li', temperature: '253.15 K', cases: [{ host: 'Li' }, { host: 'graphene', temperature: '0 degC' }] });
  assert.deepEqual(body.cases.map((c) => Number(c.req.T_K!.toFixed(6))), [253.15, 273.15]);
  await assert.rejects(casesFromBody({ metal: 'Li', host: 'Li', temperature: '500 K' }), /^InputError: temperature: got "500 K", expected a temperature from 150 to 400 K/);
  await assert.rejects(casesFromBody({ metal: 'K', host: 'K', temperature: '70 degC' }), /^InputError: temperature: got "70 degC", expected a temperature below K's melting point/);
  await assert.rejects(casesFromBody({ against_literature: true, temperature: '0 degC' }), /^InputError: temperature: got "0 degC", expected no such key beside against_literature/);
});

test('nucleation: the atomistic cache key holds the temperature (a run at -20 degC does not read 25 degC\'s cached data)', () => {
  const store = openStore(join(dir, 'cache.db'));
  try {
    const req = { metal: 'Li', host: 'graphene', current_A_per_m2: 10, capacity_C_per_m2: 180, plateau: 'end' as const,
      atomistic: { sampler: 'mfpt' as const, runs: 4, L: 6, target: 10, maxEvents: 3000 } };
    const first = nucleation(req, store);
    assert.equal(first.atomistic?.cached, false);
    assert.equal(atomisticSource(req, store), 'cached');
    assert.equal(atomisticSource({ ...req, T_K: 298.15 }, store), 'cached', 'the default is 25 degC');
    assert.equal(atomisticSource({ ...req, T_K: 253.15 }, store), 'compute', 'another temperature is other atomistic data');
    assert.equal(atomisticSource({ ...req, T_K: 298.16 }, store), 'compute');
  } finally {
    store.close();
  }
});
