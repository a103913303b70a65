/**
 * Numbers in inputs: counts in decimal digits only (countOf), reals as decimals (decimalOf), a bare number where a
 * unit is needed, numbers beyond a double's range, .inf/.nan and number words, superscript minus in units, YAML 1.2
 * numbers, the ranges of temperatures, rests, SAC loadings, Pulse steps and box sizes, each refusal naming the
 * field, the value and the unit or range expected.
 *
 * Moved here from test/audit2-cli.test.ts, test/audit25.test.ts, test/audit26.test.ts, test/audit30.test.ts,
 * test/audit29.test.ts, test/audit31.test.ts, test/mends28.test.ts, test/mends31.test.ts, test/mends35.test.ts,
 * test/mends36.test.ts, test/mends37.test.ts and test/mends38.test.ts (branch testsort; docs/history.md's testsort
 * entry maps each old file to its new ones). Each test's story is told in docs/history.md under the session that
 * wrote it: a session's name in a test's name (e.g. 'mends36'), or a number such as (3) that begins one, refers to
 * that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempFolder } from './helpers/tmp.js';
import { cli, cliSpawnShape } from './helpers/cli.js';
import { TINY_RUN, BIG_BOX, boxRun } from './helpers/small-runs.js';
import { countOf, decimalOf } from '../src/args.js';
import { InputError } from '../src/errors.js';
import { casesFromBody } from '../src/nucleation/cases.js';
import { parseFfsRepetitions } from '../src/nucleation/sampler.js';
import { checkServeOptions } from '../src/server/serve.js';
import { parseRunInput, parseYamlText } from '../src/input/parse.js';
import { parseQuantity } from '../src/units.js';
import { validateRunInput } from '../src/input/schema.js';
import { parseProtocol } from '../src/input/protocol.js';

const tmp = tempFolder('input-numbers');

/** The CLI in-process from tmp (test/helpers/cli.ts), in the shape spawnSync returns. */
const run = (...args: string[]) => cliSpawnShape(args, { cwd: tmp });

const tmp2 = tempFolder('input-numbers');
const DB = join(tmp2, 'store.db');
const RUN = resolve('examples/li-cu-small-box.yaml');
const SWEEP = resolve('examples/sweep-loading.yaml');
const CSV = join(tmp2, 'cell.csv');
writeFileSync(CSV, 'time/s,Ewe/V,I/mA\n0,0.1,-1\n1,0.1,-1\n2,-0.1,1\n3,-0.1,1\n');
const tmp3 = tempFolder('input-numbers');
const READ = ['--format', 'generic', '--map', 'time=time/s,voltage=Ewe/V,current=I/mA', '--no-figures', '--out', join(tmp3, 'an')];
const dir = tempFolder('input-numbers');
const dir2 = tempFolder('input-numbers');

// a 0.30 eV terrace hop (the default 0.10 eV until branch testtime7): the run only carries a queue slot
// and an event count through: seed 3 at 25 degC is 1,161 events and 376 first-passage exits instead of
// 255,049 events and 883,926 exits (3.5 CPU s a run); seeds 3 and 4 still differ in events (1,161 and 1,068)
const INPUT = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 3 };

const run2 = (step: string) => validateRunInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: [step] });
const message = (step: string): string => { try { run2(step); } catch (e) { return (e as Error).message; } return 'accepted'; };
const INPUT2 = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 3 };

const refused = (patch: Record<string, unknown>): string => {
  try { validateRunInput({ ...INPUT2, ...patch }); } catch (e) { return (e as Error).message; }
  return 'accepted';
};

test('a bare number where a unit is needed says the unit is missing (it said: not "")', async () => {
  const r = await run('analyze', resolve('../shared/data/cycler/neware_uio.csv'), '--protocol', 'fullcell', '--no-figures', '--out', 'o-area', '--area', '1.13');
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /--area: got "1\.13", expected an area with its unit, e.g\. "[\d.]+ cm2" \(no unit given\)/);
});

test('countOf: plain decimal digits (spaces around them) or a number; 0x10, 1e1, 0b11, 0o7, 1.0, +3, -1, blank are NaN', () => {
  assert.equal(countOf('16'), 16);
  assert.equal(countOf(' 007 '), 7);
  assert.equal(countOf(12), 12);
  for (const bad of ['0x10', '1e1', '0b11', '0o7', '1.0', '+3', '-1', '', ' ', '1 2', 'Infinity', true, null]) assert.ok(Number.isNaN(countOf(bad)), String(bad));
});

test('a count given as text other than in decimal digits is one refusal naming the flag and the value (Number() read --runs 0x10 as 16, --ffs-repetitions 1e1 as 10)', async () => {
  const nuc = ['nucleation', '--metal', 'Li', '--host', 'graphene', '--no-store'];
  const calls: [string, string, string[]][] = [
    ['--runs', '0x10', nuc],
    ['--ffs-repetitions', '1e1', [...nuc, '--sampler', 'mfpt+ffs']],
    ['--box', '0b10000', nuc],
    ['--target', '4e1', nuc],
    ['--max-events', '1e4', nuc],
    ['--seed', '0x10', ['simulate', RUN, '--no-store']],
    ['--seeds', '1e1', ['simulate', RUN, '--no-store']],
    ['--threads', '1.0', ['simulate', RUN, '--no-store', '--seeds', '2']],
    ['--rebuild-every', '1e4', ['simulate', RUN, '--no-store']],
    ['--threads', '0x2', ['compare', resolve('examples/li-hosts.yaml'), '--no-store']],
    ['--events', '1e3', ['bench']],
    ['--size', '0x10', ['bench', '--events', '10']],
    ['--shape', '0x10,16,16', ['bench', '--app', 'plating', '--events', '10']],
    ['--threads', '0x2', ['sweep', SWEEP, '--db', DB]],
    ['--concurrency', '0x2', ['worker', '--queue', 'redis://127.0.0.1:1']],
    ['--header-line', '0x1', ['analyze', CSV, '--protocol', 'licu', '--format', 'generic', '--map', 'time=time/s,voltage=Ewe/V,current=I/mA', '--no-figures', '--out', tmp2]],
    ['--n', '1e1', ['analyze', CSV, '--protocol', 'aurbach', '--no-figures', '--out', tmp2]],
    ['--reference-cycle', '0x2', ['analyze', CSV, '--protocol', 'fullcell', '--no-figures', '--out', tmp2]],
    ['--limit', '0x10', ['runs', 'list', '--db', DB]],
  ];
  for (const [flag, value, args] of calls) {
    const r = await cli([...args, flag, value]);
    assert.equal(r.code, 2, `${flag} ${value}: exit ${r.code}\n${r.stderr.slice(0, 400)}`);
    assert.match(r.stderr, new RegExp(`^sacplate: ${flag}: got "${value.replace('.', '\\.')}", expected [^\\n]+\\n$`), `${flag} ${value}`);
  }
  // decimal digits are read as before
  const ok = await cli(['runs', 'list', '--db', DB, '--limit', '16']);
  assert.equal(ok.code, 0, ok.stderr);
});

test('a count in a nucleation request body and the workbench\'s own flags: text in decimal digits only', async () => {
  for (const [key, v] of [['runs', '0x10'], ['box', '1e1'], ['max_events', '1e4'], ['ffs_repetitions', '1e1']] as const) {
    await assert.rejects(casesFromBody({ metal: 'Li', host: 'graphene', sampler: 'mfpt+ffs', [key]: v }), (e: unknown) => e instanceof InputError && e.field === key && e.value === v, `${key} ${v}`);
  }
  assert.equal((await casesFromBody({ metal: 'Li', host: 'graphene', runs: '16' })).cases[0]!.req.atomistic?.runs, 16);
  assert.throws(() => parseFfsRepetitions('--ffs-repetitions', '0x8', 'ffs', true), /^InputError: --ffs-repetitions: got "0x8", expected an integer from 2 to 100/);
  assert.equal(parseFfsRepetitions('--ffs-repetitions', '8', 'ffs', true), 8);
  for (const o of [{ port: '0x10' }, { port: '1e3' }, { concurrency: '0b11' }]) {
    assert.throws(() => checkServeOptions(o, {}), (e: unknown) => e instanceof InputError && e.field === `--${Object.keys(o)[0]}`, JSON.stringify(o));
  }
  assert.equal(checkServeOptions({ port: '8080', concurrency: '3' }, {}).port, 8080);
});

test('decimalOf: a sign, digits, a point and an exponent (spaces around them) or a finite number; hex, binary, octal, blank, Infinity, 1e999 are NaN', () => {
  for (const [text, v] of [['0.5', 0.5], [' 2 ', 2], ['-1.5e-3', -1.5e-3], ['.25', 0.25], ['3.', 3], ['+4', 4], ['1E2', 100], ['0', 0]] as const) assert.equal(decimalOf(text), v, text);
  assert.equal(decimalOf(0.01), 0.01);
  for (const bad of ['0x10', '0b11', '0o7', '', ' ', 'Infinity', '-Infinity', '1e999', 'NaN', '1,5', '1 2', '.', 'e3', '1e', '--1', Infinity, NaN, true, null, undefined]) {
    assert.ok(Number.isNaN(decimalOf(bad)), String(bad));
  }
});

test('a real-valued flag written other than as a decimal is one refusal naming the flag, the value and the unit (Number() read 0x10 as 16, 0x0 as 0)', async () => {
  const calls: [string, string, string[], RegExp][] = [
    ['--checkpoint-every', '0x10', ['simulate', RUN, '--no-store', '--out', join(tmp3, 'o')], /seconds of wall time/],
    ['--checkpoint-every', 'Infinity', ['simulate', RUN, '--no-store', '--out', join(tmp3, 'o')], /seconds of wall time/],
    ['--checkpoint-every', '0o7', ['simulate', RUN, '--no-store', '--out', join(tmp3, 'o')], /seconds of wall time/],
    ['--rest-fraction', '0x0', ['analyze', CSV, '--protocol', 'symmetric', ...READ], /a fraction of the largest \|I\|/],
    ['--rest-fraction', '0b0', ['analyze', CSV, '--protocol', 'symmetric', ...READ], /a fraction of the largest \|I\|/],
    ['--plateau-from', '0x1', ['analyze', CSV, '--protocol', 'symmetric', ...READ], /a fraction of each half cycle/],
  ];
  for (const [flag, value, args, unit] of calls) {
    const r = await cli([...args, flag, value]);
    assert.equal(r.code, 2, `${flag} ${value}: exit ${r.code}\n${r.stderr.slice(0, 400)}`);
    assert.match(r.stderr, new RegExp(`^sacplate: ${flag}: got "${value}", expected [^\\n]+\\n$`), `${flag} ${value}`);
    assert.match(r.stderr, unit, `${flag} ${value}`);
  }
  // decimals are read as before
  const ok = await cli(['analyze', CSV, '--protocol', 'symmetric', ...READ, '--rest-fraction', '1e-2', '--plateau-from', '.5']);
  assert.equal(ok.code, 0, ok.stderr);
});

test('a run file\'s YAML numbers are read as YAML 1.2 writes them (docs/parameters.md): 0x2 is 2, 0o7 is 7, 010 is 10; 0b11 and .inf are refused in a number field, a number in a text field is refused showing the value YAML read', () => {
  const run = (extra: string, host = 'Cu') => parseRunInput(parseYamlText(`metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: ${host}\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\n${extra}\n`, 'r.yaml'));
  for (const [text, seed] of [['0x2', 2], ['0o7', 7], ['010', 10], ['2.0', 2], ['1e2', 100]] as const) assert.equal(run(`seed: ${text}`).seed, seed, text);
  for (const [text, value] of [['0b11', '0b11'], ['.inf', Infinity], ['"0x2"', '0x2']] as const) {
    assert.throws(() => run(`seed: ${text}`), (e: unknown) => e instanceof InputError && e.field === 'seed' && Object.is(e.value, value), text);
  }
  assert.throws(() => run('', '0x10'), (e: unknown) => e instanceof InputError && e.field === 'host' && e.value === 16);
});

test('superscript minus in a unit (mA cm⁻², S cm⁻¹, m² s⁻¹) reads as the ASCII spelling does', async () => {
  assert.equal(parseQuantity('x', '1 mA cm⁻²', 'currentDensity'), parseQuantity('x', '1 mA cm-2', 'currentDensity'));
  assert.equal(parseQuantity('x', '3 mAh cm⁻²', 'arealCapacity'), parseQuantity('x', '3 mAh/cm2', 'arealCapacity'));
  assert.equal(parseQuantity('x', '10 mS cm⁻¹', 'conductivity'), parseQuantity('x', '10 mS/cm', 'conductivity'));
  assert.equal(parseQuantity('x', '3e-10 m² s⁻¹', 'diffusivity'), parseQuantity('x', '3e-10 m2/s', 'diffusivity'));
  // in a protocol step, as in the README's run file
  const run = parseRunInput({ metal: 'Li', temperature: '25 °C', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.002 mAh cm⁻² at 1 mA cm⁻²'], seed: 1 });
  const ascii = parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1 });
  assert.deepEqual(run.protocol, ascii.protocol.map((p) => ({ ...p, text: 'Plate 0.002 mAh cm⁻² at 1 mA cm⁻²' })));
});

test('a box of 2^30 voxels (1024^3) is refused as input, in one line naming lattice.size (or --shape), the count and the ceiling: the plating app holds fewer; simulate said "internal error" after it was accepted', async () => {
  const run = { metal: 'Li', host: 'graphene', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], lattice: { size: [1024, 1024, 1024], voxel: '10 nm' } };
  assert.throws(() => parseRunInput(run), (e: unknown) => e instanceof InputError && e.field === 'lattice.size' && /^lattice\.size: got \[1024,1024,1024\], expected at most 2\^30 - 1 = 1073741823 voxels in all, what the plating app holds \(got 1073741824\)$/.test(e.message));
  const file = join(dir, 'box.json');
  writeFileSync(file, JSON.stringify(run));
  for (const args of [['simulate', file, '--no-store', '--out', join(dir, 'box')], ['bench', '--app', 'plating', '--shape', '1024,1024,1024']]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args[0]}: exit ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, /^sacplate: (lattice\.size|--shape): got .*1024.*1024.*1024.*, expected at most 2\^30 - 1 = 1073741823 voxels in all, what the plating app holds \(got 1073741824\)\n$/);
  }
  // one voxel layer less is taken (its memory is another check: docs/workbench.md)
  assert.doesNotThrow(() => parseRunInput({ ...run, lattice: { size: [1024, 1024, 1023], voxel: '10 nm' } }));
});

test('a SAC loading given as a bare number is a fraction taken only up to 0.1: 1, 0.5 and 2 ask for the unit, naming the percentage they would be', () => {
  const run = (loading: unknown) => ({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading }], protocol: ['Plate 0.01 mAh/cm2 at 1 mA/cm2'] });
  // a bare 1 ran as 100 % of the host sites without a word (review46: a sweep axis `loading: [1, 2]` meant 1 % and 2 %)
  for (const [v, forms, pct] of [[1, '"1 %" or "100 %"', '100'], ['1', '"1 %" or "100 %"', '100'], [0.5, '"0.5 %" or "50 %"', '50'], [0.11, '"0.11 %" or "11 %"', '11'],
    [2, '"2 %"', '200'], ['2', '"2 %"', '200'], [250, '"2 %"', '25000'], [-0.5, '"2 %"', '-50']] as const) {
    assert.throws(() => validateRunInput(run(v)), (e: Error) => e.message === `sacs[0].loading: got ${JSON.stringify(v)}, expected a loading with its unit, ${forms} of host sites or "0.5 sites/nm2" (a number without a unit is a fraction of host sites, taken only from 0 to 0.1: ${v} would be ${pct} % of them)`, String(v));
  }
  assert.throws(() => validateRunInput(run('150 %')), (e: Error) => e.message === 'sacs[0].loading: got "150 %", expected a loading from 0 to 100 %');
  assert.equal(validateRunInput(run(0.02)).sacs[0]!.loading_fraction, 0.02);
  assert.equal(validateRunInput(run('0.1')).sacs[0]!.loading_fraction, 0.1);
  assert.equal(validateRunInput(run(0)).sacs[0]!.loading_fraction, 0);
  assert.equal(validateRunInput(run('100 %')).sacs[0]!.loading_fraction, 1);
  assert.equal(validateRunInput(run('1 %')).sacs[0]!.loading_fraction, 0.01);
});

test('(3) a rest longer than 1e9 s (a Rest step, a pulse\'s off time) is refused at input in one line; 1e9 s is not', async () => {
  const refused = (step: string, what: string, q: string) => assert.throws(() => parseProtocol([step]), (e: unknown) => e instanceof InputError
    && e.message === `protocol[0]: got "${step}", expected ${what} of at most 1e9 s (about 32 years: a rest's cost grows with its length), not "${q}"`);
  refused('Rest for 1e300 s', 'a rest', '1e300 s');
  refused('Rest for 300000 h', 'a rest', '300000 h');
  refused('Pulse at 3 mA/cm2 for 1 ms, rest 1e300 s, 2 mAh/cm2', 'an off time after "rest"', '1e300 s');
  assert.deepEqual(parseProtocol(['Rest for 1e9 s'])[0], { kind: 'rest', control: 'rest', current_A_per_m2: 0, duration_s: 1e9, text: 'Rest for 1e9 s' });
  const run = join(dir2, 'rest.yaml');
  writeFileSync(run, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Rest for 1e300 s]\nseed: 3\n');
  const out = join(dir2, 'rest-out');
  const r = await cli(['simulate', run, '--out', out, '--no-store', '--no-figures']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: protocol\[0\]: got "Rest for 1e300 s", expected a rest of at most 1e9 s .*\n$/);
  assert.ok(!existsSync(out), 'nothing written');
});

test('a run file temperature out of 150 to 400 K says the range, in one wording; "298 k" is kelvin', () => {
  const range = 'a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"';
  for (const t of ['-300 K', '0 K', '149 K', '401 K', '-300 degC', '-274 degC']) {
    assert.throws(() => parseRunInput({ ...TINY_RUN, temperature: t }), (e: Error) => e.message === `temperature: got "${t}", expected ${range}`, t);
  }
  assert.equal(parseRunInput({ ...TINY_RUN, temperature: '298 k' }).temperature_K, 298);
  assert.equal(parseQuantity('t', '298 k', 'temperature'), 298);
  for (const t of ['298 F', '298 kK', '298']) {
    assert.throws(() => parseQuantity('t', t, 'temperature'), (e: Error) => e.message === `t: got "${t}", expected a temperature in K (kelvin) or degC (also written °C, C or celsius), e.g. "25 degC" or "298.15 K"`, t);
  }
});

test('a quantity whose number is beyond a double\'s range ("1e400 K") is refused with its accepted range, not "expected ... with a unit"', () => {
  const refused = (patch: Record<string, unknown>): string => {
    try { validateRunInput({ ...INPUT, ...patch }); } catch (e) { return (e as Error).message; }
    return 'accepted';
  };
  const T = 'expected a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"';
  assert.equal(refused({ temperature: '1e400 K' }), `temperature: got "1e400 K", ${T}`);
  assert.equal(refused({ temperature: '-1e400 degC' }), `temperature: got "-1e400 degC", ${T}`);
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: '1e400 nm' } }), 'lattice.voxel: got "1e400 nm", expected a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"');
  assert.equal(refused({ kinetics: { terraceBarrier: '1e400 eV' } }), 'kinetics.terraceBarrier: got "1e400 eV", expected a barrier of 0 to 5 eV, e.g. "0.10 eV"');
  assert.equal(refused({ parameters: { metals: { Li: { bond: '1e400 eV' } } } }), 'parameters.metals.Li.bond: got "1e400 eV", expected a bond energy of 0 to 5 eV, e.g. "0.10 eV"');
  assert.equal(refused({ protocol: ['Plate 0.01 mAh/cm2 at 1e400 mA/cm2'] }),
    'protocol[0]: got "Plate 0.01 mAh/cm2 at 1e400 mA/cm2", expected a current density after "at" with a finite number (e.g. "at 1 mA/cm2" or "at 10 A/m2"), not "1e400 mA/cm2" (1e400 is beyond the largest number, about 1.8e308)');
  assert.equal(refused({ protocol: ['Plate 1e400 mAh/cm2 at 1 mA/cm2'] }),
    'protocol[0]: got "Plate 1e400 mAh/cm2 at 1 mA/cm2", expected an areal capacity before "at" with a finite number (e.g. "Plate 0.01 mAh/cm2 at 1 mA/cm2"), not "1e400 mAh/cm2" (1e400 is beyond the largest number, about 1.8e308)');
  // the unit parser itself, for a caller without a range
  assert.throws(() => parseQuantity('i', '1e400 mA/cm2', 'currentDensity'), (e: Error) => e.message === 'i: got "1e400 mA/cm2", expected a current density with a finite number (1e400 is beyond the largest number, about 1.8e308), e.g. "1 mA/cm2"');
  // finite values still read
  assert.equal(parseQuantity('T', '298.15 K', 'temperature'), 298.15);
});

test('a Pulse step refuses 1e400 (not finite), a negative and a zero current, time or charge, naming the field and the unit', () => {
  assert.deepEqual((run2('Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2').protocol[0] as { pulse?: unknown }).pulse, { on_s: 1e-3, off_s: 3e-3 });
  const parts = [
    { at: 0, what: 'current density after "at"', unit: '3 mA/cm2', big: '1e400 mA/cm2', neg: '-3 mA/cm2', zero: '0 mA/cm2' },
    { at: 1, what: 'on time after "for"', unit: '1 ms', big: '1e400 ms', neg: '-1 ms', zero: '0 ms' },
    { at: 2, what: 'off time after "rest"', unit: '3 ms', big: '1e400 ms', neg: '-3 ms', zero: '0 ms' },
    { at: 3, what: 'areal capacity to pass', unit: '2 mAh/cm2', big: '1e400 mAh/cm2', neg: '-2 mAh/cm2', zero: '0 mAh/cm2' },
  ];
  const good = ['3 mA/cm2', '1 ms', '3 ms', '2 mAh/cm2'];
  const step = (at: number, v: string) => { const q = good.map((g, i) => (i === at ? v : g)); return `Pulse at ${q[0]} for ${q[1]}, rest ${q[2]}, ${q[3]}`; };
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  for (const p of parts) {
    assert.match(message(step(p.at, p.big)), new RegExp(`^protocol\\[0\\]: got ".*", expected ${/^[aeiou]/.test(p.what) ? 'an' : 'a'} ${esc(p.what)} with a finite number \\(e\\.g\\. ${esc(p.unit)}\\), not "${esc(p.big)}" \\(1e400 is beyond the largest number, about 1\\.8e308\\)$`), p.what);
    for (const v of [p.neg, p.zero]) {
      assert.match(message(step(p.at, v)), new RegExp(`^protocol\\[0\\]: got ".*", expected a positive ${esc(p.what)} \\(e\\.g\\. ${esc(p.unit)}\\), not "${esc(v)}"$`), `${p.what}: ${v}`);
    }
  }
});

test('"1e400 furlongs": the unknown unit is refused first (field, value, units accepted), not the number beyond a double\'s range', () => {
  assert.equal(refused({ temperature: '1e400 furlongs' }),
    'temperature: got "1e400 furlongs", expected a temperature in K (kelvin) or degC (also written °C, C or celsius), e.g. "25 degC" or "298.15 K"');
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: '1e400 furlongs' } }),
    'lattice.voxel: got "1e400 furlongs", expected a length; unknown unit "furlongs", e.g. "0.30 nm"');
  assert.equal(refused({ protocol: ['Plate 0.01 mAh/cm2 at 1e400 furlongs'] }),
    'protocol[0]: got "Plate 0.01 mAh/cm2 at 1e400 furlongs", expected a current density after "at" (e.g. "at 1 mA/cm2" or "at 10 A/m2"), not "1e400 furlongs"');
  assert.equal(refused({ protocol: ['Pulse at 1e400 furlongs for 1 ms, rest 3 ms, 2 mAh/cm2'] }),
    'protocol[0]: got "Pulse at 1e400 furlongs for 1 ms, rest 3 ms, 2 mAh/cm2", expected a positive current density after "at" (e.g. 3 mA/cm2), not "1e400 furlongs"');
  assert.equal(refused({ parameters: { metals: { Li: { bond: '1e400 furlongs' } } } }),
    'parameters.metals.Li.bond: got "1e400 furlongs", expected an energy; unknown unit "furlongs", e.g. "0.10 eV"');
  // a known unit of another kind is refused for its unit too
  assert.throws(() => parseQuantity('i', '1e400 mA', 'currentDensity'), (e: Error) => e.message === 'i: got "1e400 mA", expected a current density (unit like mA/cm2), not "mA"');
  // the right unit with an overflowing number still says the number (mends35)
  assert.throws(() => parseQuantity('i', '1e400 mA/cm2', 'currentDensity'), /1e400 is beyond the largest number/);
  assert.match(refused({ protocol: ['Plate 0.01 mAh/cm2 at 1e400 mA/cm2'] }), /with a finite number .*1e400 is beyond the largest number/);
});

test('a bare .inf or .nan (YAML, no unit) is refused as not finite, with the field\'s range as "1e400 K" is, not "with a unit"', () => {
  const T = 'expected a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"';
  assert.equal(refused({ temperature: Infinity }), `temperature: got Infinity, ${T}`);
  assert.equal(refused({ temperature: -Infinity }), `temperature: got -Infinity, ${T}`);
  assert.equal(refused({ temperature: NaN }), `temperature: got NaN, ${T}`);
  assert.equal(refused({ temperature: '1e400 K' }), `temperature: got "1e400 K", ${T}`);
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: Infinity } }), 'lattice.voxel: got Infinity, expected a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"');
  assert.equal(refused({ parameters: { metals: { Li: { bond: Infinity } } } }), 'parameters.metals.Li.bond: got Infinity, expected a bond energy of 0 to 5 eV, e.g. "0.10 eV"');
  // the unit parser itself, for a caller without a range
  assert.throws(() => parseQuantity('T', Infinity, 'temperature'), (e: Error) => e.message === 'T: got Infinity, expected a temperature with a finite number (Infinity is not finite), e.g. "25 degC"');
  assert.throws(() => parseQuantity('f', NaN, 'fraction'), (e: Error) => e.message === 'f: got NaN, expected a fraction with a finite number (NaN is not finite), e.g. "2 %"');
  // a finite bare number still lacks its unit
  assert.equal(refused({ temperature: 300 }), 'temperature: got 300, expected a temperature with a unit, e.g. "25 degC"');
});

test('review31: {value: .inf, unit: K} (the object form) is refused as not finite, as a bare .inf is; the message shows Infinity and NaN, not null', () => {
  // the unit parser returned Infinity and NaN for these (a library caller got NaN K back)
  assert.throws(() => parseQuantity('T', { value: Infinity, unit: 'K' }, 'temperature'), (e: Error) => e.message === 'T: got {"value":Infinity,"unit":"K"}, expected a temperature with a finite number (Infinity is not finite), e.g. "25 degC"');
  assert.throws(() => parseQuantity('a', { value: NaN, unit: 'nm' }, 'length'), (e: Error) => e.message === 'a: got {"value":NaN,"unit":"nm"}, expected a length with a finite number (NaN is not finite), e.g. "0.30 nm"');
  assert.throws(() => parseQuantity('a', { value: -Infinity, unit: 'furlongs' }, 'length'), /unknown unit "furlongs"/, 'the unit is said first');
  // a run file's field with its range, the value shown as given (it read {"value":null,"unit":"K"})
  assert.equal(refused({ temperature: { value: NaN, unit: 'K' } }), 'temperature: got {"value":NaN,"unit":"K"}, expected a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"');
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: { value: Infinity, unit: 'nm' } } }), 'lattice.voxel: got {"value":Infinity,"unit":"nm"}, expected a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"');
  assert.equal(parseQuantity('a', { value: 3, unit: 'nm' }, 'length'), parseQuantity('a', '3 nm', 'length'), 'a finite one as before');
});

test('a number word ("inf K", "nan K") is refused as not finite, with the field\'s range as "1e400 K" is, not "with a unit"', () => {
  const T = 'expected a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"';
  for (const t of ['inf K', 'nan K', '-inf K', '+Infinity K', 'NaN degC', '.inf K', '1e400 K']) assert.equal(refused({ temperature: t }), `temperature: got "${t}", ${T}`);
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: 'inf nm' } }), 'lattice.voxel: got "inf nm", expected a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"');
  assert.equal(refused({ parameters: { metals: { Li: { bond: 'nan eV' } } } }), 'parameters.metals.Li.bond: got "nan eV", expected a bond energy of 0 to 5 eV, e.g. "0.10 eV"');
  assert.equal(refused({ protocol: ['Plate 0.01 mAh/cm2 at inf mA/cm2'] }),
    'protocol[0]: got "Plate 0.01 mAh/cm2 at inf mA/cm2", expected a current density after "at" with a finite number (e.g. "at 1 mA/cm2" or "at 10 A/m2"), not "inf mA/cm2" (inf is not finite)');
  assert.equal(refused({ protocol: ['Pulse at nan mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2'] }),
    'protocol[0]: got "Pulse at nan mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2", expected a current density after "at" with a finite number (e.g. 3 mA/cm2), not "nan mA/cm2" (nan is not finite)');
  // the unit parser itself, for a caller without a range
  assert.throws(() => parseQuantity('T', 'inf K', 'temperature'), (e: Error) => e.message === 'T: got "inf K", expected a temperature with a finite number (inf is not finite), e.g. "25 degC"');
  assert.throws(() => parseQuantity('x', '-Infinity nm', 'length'), (e: Error) => e.message === 'x: got "-Infinity nm", expected a length with a finite number (-Infinity is not finite), e.g. "0.30 nm"');
  assert.throws(() => parseQuantity('f', 'nan', 'fraction'), (e: Error) => e.message === 'f: got "nan", expected a fraction with a finite number (nan is not finite), e.g. "2 %"');
  // an unknown unit is said first, as for "1e400 furlongs"; a word that only starts like one is no number
  assert.equal(refused({ temperature: 'inf furlongs' }), 'temperature: got "inf furlongs", expected a temperature in K (kelvin) or degC (also written °C, C or celsius), e.g. "25 degC" or "298.15 K"');
  assert.throws(() => parseQuantity('x', 'inf furlongs', 'length'), (e: Error) => e.message === 'x: got "inf furlongs", expected a length; unknown unit "furlongs", e.g. "0.30 nm"');
  assert.throws(() => parseQuantity('t', 'nanoseconds', 'time'), (e: Error) => e.message === 't: got "nanoseconds", expected a time with a unit, e.g. "10 s"');
  // a finite number is read as before
  assert.equal(parseQuantity('T', '25 degC', 'temperature'), 298.15);
});

test('a Pulse step\'s off time, on time and capacity beyond a double are named with their article ("an off time", not "a off time")', () => {
  const pulse = (step: string) => refused({ protocol: [step] });
  assert.match(pulse('Pulse at 3 mA/cm2 for 1 ms, rest 1e400 ms, 2 mAh/cm2'), /expected an off time after "rest" with a finite number/);
  assert.match(pulse('Pulse at 3 mA/cm2 for 1e400 ms, rest 3 ms, 2 mAh/cm2'), /expected an on time after "for" with a finite number/);
  assert.match(pulse('Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 1e400 mAh/cm2'), /expected an areal capacity to pass with a finite number/);
  assert.match(pulse('Pulse at 1e400 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2'), /expected a current density after "at" with a finite number/);
});

// From loose7 (session 19, task loose7: the workbench / sweeps / cycler audit); failed on the code before its fix.
const tmp4 = tempFolder('input-numbers');
const run4 = (...args: string[]) => cli(args, { cwd: tmp4 });

test('a box whose run would not fit in one run\'s memory is refused before it starts: the workbench\'s run service (nothing recorded), simulate and compare (exit 2, no folder); --max-memory raises it', async () => {
  // 2^30 voxels passed every check and the workbench started it (690 MB and 14 s of CPU to set up 2.7e8)
  // the workbench's run service (POST /api/runs starts through it, POST /api/validate asks its checkFits; an InputError is the API's 400 with this line)
  const { RunService } = await import('../src/server/service.js');
  const { validateRunInput } = await import('../src/input/schema.js');
  const service = new RunService({ storePath: join(tmp4, 'api.db'), concurrency: 1, writeFiles: false, runMemory: { bytes: 1e9, flag: '--max-run-memory' } });
  try {
    const line = /^lattice\.size: got \[1024,1024,1023\], expected a box whose run fits in 1\.00 GB of memory \(set by --max-run-memory\): this one, 1\.07e9 voxels, needs about 2\.89 GB \(2\.5 bytes per voxel \+ 200 per column, measured\); z up to 301 on this footprint, or --max-run-memory SIZE/;
    assert.throws(() => service.start(boxRun(BIG_BOX)), (e: Error) => e.name === 'InputError' && line.test(e.message));
    assert.throws(() => service.checkFits(validateRunInput(boxRun(BIG_BOX))), (e: Error) => line.test(e.message));
    assert.deepEqual(service.list(), [], 'nothing recorded');
    service.checkFits(validateRunInput(boxRun([512, 512, 300]))); // 7.9e7 voxels, about 0.25 GB: fits
  } finally { await service.close(); }
  const file = join(tmp4, 'big.json');
  writeFileSync(file, JSON.stringify(boxRun(BIG_BOX)));
  const s = await run4('simulate', file, '--out', 'big-out', '--no-store', '--max-memory', '1 GB');
  assert.equal(s.code, 2, s.stderr);
  assert.equal(s.stderr.trim().split('\n').length, 1, s.stderr);
  assert.match(s.stderr, /^sacplate: lattice\.size: got \[1024,1024,1023\], expected a box whose run fits in 1\.00 GB of memory \(set by --max-memory\).* or --max-memory SIZE \(e\.g\. "16 GB"\) on a machine with the memory$/m);
  assert.equal(existsSync(join(tmp4, 'big-out')), false, 'no output folder');
  // compare: each case checked before any run, the case named
  const cmp = join(tmp4, 'cmp.json');
  writeFileSync(cmp, JSON.stringify({ ...boxRun([16, 16, 16]), variants: [{ name: 'small' }, { name: 'big', lattice: { size: BIG_BOX, voxel: '10 nm' } }] }));
  const c = await run4('compare', cmp, '--no-store', '--max-memory', '1 GB');
  assert.equal(c.code, 2, c.stderr);
  assert.match(c.stderr, /^sacplate: lattice\.size \(case "big"\): got \[1024,1024,1023\], expected a box whose run fits in 1\.00 GB/);
  const bad = await run4('simulate', file, '--no-store', '--max-memory', '1 furlong');
  assert.match(bad.stderr, /^sacplate: --max-memory: got "1 furlong", expected a memory size with its unit, e\.g\. "4 GB" or "512 MB"$/m);
  // without the flag the budget is half of this machine's memory (os.totalmem() or a lower cgroup limit), said in the line
  const { defaultRunBudget, machineBytes, runBytes } = await import('../src/input/memory.js');
  assert.equal(defaultRunBudget(2).bytes, machineBytes() / 4);
  assert.match(defaultRunBudget(2).why, /^50 % of this machine's [\d.]+ GB over 2 runs at once$/);
  assert.equal(runBytes([1024, 1024, 1024]), 2.5 * 2 ** 30 + 200 * 2 ** 20);
});

// From review37 (session 36: a user's review, docs/history.md); failed on the code before its fix.
test('a length, area or volume in "A" (the angstrom as ASE writes it) is refused with the angstrom\'s spelling; the ampere stays refused', async () => {
  const { parseRunInput } = await import('../src/input/parse.js');
  const { parseQuantity } = await import('../src/units.js');
  const run = (voxel: string) => () => parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] });
  assert.throws(run('3 A'), (e: Error) => e.message === 'lattice.voxel: got "3 A", expected a length (unit like nm), not "A" ("A" is the ampere; the angstrom is "Å" or "angstrom")');
  assert.equal(run('3 Å')().lattice.voxel_m, parseQuantity('v', '0.3 nm', 'length'));
  assert.throws(() => parseQuantity('v', '21 A3', 'volume'), /not "A3" \("A" is the ampere; the angstrom is "Å3" or "angstrom3"\)$/);
  assert.throws(() => parseQuantity('v', '3 A', 'area'), /not "A"$/); // an area in A: no angstrom meant
});

test('mends117 (review86 F5): "25 C" in temperature is degC, and the accepted forms say so; C in a charge field stays the coulomb', () => {
  assert.equal(parseQuantity('temperature', '25 C', 'temperature'), parseQuantity('temperature', '25 degC', 'temperature'));
  assert.equal(parseQuantity('temperature', '25 celsius', 'temperature'), 25 + 273.15);
  // the accepted-forms message names C and celsius beside degC (before mends117: "in K (kelvin) or degC, e.g. ...")
  assert.throws(() => parseQuantity('temperature', '25 furlongs', 'temperature'), (e: Error) => e instanceof InputError && /degC \(also written °C, C or celsius\)/.test(e.message));
  assert.throws(() => parseQuantity('temperature', '25 C/cm2', 'temperature'), InputError);
  // in a charge field C is the coulomb: 3.6 C/cm2 is 1 mAh/cm2 (36000 C/m2), 3.6 C is 1 mAh; never 25 degC
  assert.equal(parseQuantity('q', '3.6 C/cm2', 'arealCapacity'), parseQuantity('q', '1 mAh/cm2', 'arealCapacity'));
  assert.ok(Math.abs(parseQuantity('q', '3.6 C', 'charge') - 3.6) < 1e-12);
  assert.throws(() => parseQuantity('q', '25 C', 'arealCapacity'), InputError);
});

// review69 (audit69's leftover b): `--max-events 1e6` was refused as "an integer >= 1", which 1e6 reads as to a reader; every
// count is read in plain decimal digits only (countOf, by design: Number() took 0x10 as 16), so a whole number written
// with an exponent or a point is refused naming the digits it stands for, by every count flag alike
test('a count written as 1e6 or 2.0 is refused naming the plain digits it stands for, by every count flag; 2.5 and 0x10 as before', async () => {
  const nuc = ['nucleation', '--metal', 'Li', '--host', 'graphene', '--no-store'];
  const calls: [string, string, string, string[]][] = [
    ['--max-events', '1e6', '1000000', ['simulate', RUN, '--no-store']],
    ['--max-events', '1E4', '10000', nuc],
    ['--runs', '1.6e1', '16', nuc],
    ['--ffs-repetitions', '1e1', '10', [...nuc, '--sampler', 'mfpt+ffs']],
    ['--seeds', '4.0', '4', ['simulate', RUN, '--no-store']],
    ['--threads', '2.0', '2', ['compare', resolve('examples/li-hosts.yaml'), '--no-store']],
    ['--threads', '1e0', '1', ['sweep', SWEEP, '--db', DB]],
    ['--concurrency', '2.', '2', ['worker', '--queue', 'redis://127.0.0.1:1']],
    ['--n', '1e1', '10', ['analyze', CSV, '--protocol', 'aurbach', '--no-figures', '--out', tmp2]],
    ['--limit', '1e2', '100', ['runs', 'list', '--db', DB]],
    ['--port', '8.08e3', '8080', ['serve', '--db', DB]],
  ];
  for (const [flag, value, digits, args] of calls) {
    const r = await cli([...args, flag, value]);
    assert.equal(r.code, 2, `${flag} ${value}: exit ${r.code}\n${r.stderr.slice(0, 400)}`);
    assert.ok(r.stderr.startsWith(`sacplate: ${flag}: got "${value}", expected `) && r.stderr.endsWith(`, in plain digits: ${digits} for "${value}"\n`), `${flag} ${value}: ${r.stderr}`);
  }
  // not a whole number, or not a decimal: no digits to name
  for (const value of ['2.5', '0x10', '1e-1']) {
    const r = await cli(['simulate', RUN, '--no-store', '--max-events', value]);
    assert.equal(r.stderr, `sacplate: --max-events: got "${value}", expected an integer >= 1\n`, value);
  }
});
