/**
 * Rough edges a user met (session 26, task audit26): real-valued flags read by Number() (`--checkpoint-every 0x10`
 * waited 16 s, `--rest-fraction 0x0` took 0, `serve --checkpoint-every ' '` checkpointed at every look), a run file given
 * to `lit import` refused for its first unknown key alone, `elements Xx` naming a field the command does not call so,
 * and how a run file's YAML numbers (0x2, 0o7, 010, 0b11) are read (docs/parameters.md). Each test fails on the code
 * before its fix (the YAML one on a parser switched to YAML 1.1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cli } from './helpers/cli.js';
import { decimalOf } from '../src/args.js';
import { InputError } from '../src/errors.js';
import { checkServeOptions } from '../src/server/serve.js';
import { elementData } from '../src/evidence/library.js';
import { parseRunInput, parseYamlText } from '../src/input/parse.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit26-'));
const DB = path.join(tmp, 'store.db');
const RUN = path.resolve('examples/li-cu-small-box.yaml');
const CSV = path.join(tmp, 'cell.csv');
fs.writeFileSync(CSV, 'time/s,Ewe/V,I/mA\n0,0.1,-1\n1,0.1,-1\n2,-0.1,1\n3,-0.1,1\n');
const READ = ['--format', 'generic', '--map', 'time=time/s,voltage=Ewe/V,current=I/mA', '--no-figures', '--out', path.join(tmp, 'an')];

test('decimalOf: a sign, digits, a point and an exponent (spaces around them) or a finite number; hex, binary, octal, blank, Infinity, 1e999 are NaN', () => {
  for (const [text, v] of [['0.5', 0.5], [' 2 ', 2], ['-1.5e-3', -1.5e-3], ['.25', 0.25], ['3.', 3], ['+4', 4], ['1E2', 100], ['0', 0]] as const) assert.equal(decimalOf(text), v, text);
  assert.equal(decimalOf(0.01), 0.01);
  for (const bad of ['0x10', '0b11', '0o7', '', ' ', 'Infinity', '-Infinity', '1e999', 'NaN', '1,5', '1 2', '.', 'e3', '1e', '--1', Infinity, NaN, true, null, undefined]) {
    assert.ok(Number.isNaN(decimalOf(bad)), String(bad));
  }
});

test('a real-valued flag written other than as a decimal is one refusal naming the flag, the value and the unit (Number() read 0x10 as 16, 0x0 as 0)', async () => {
  const calls: [string, string, string[], RegExp][] = [
    ['--checkpoint-every', '0x10', ['simulate', RUN, '--no-store', '--out', path.join(tmp, 'o')], /seconds of wall time/],
    ['--checkpoint-every', 'Infinity', ['simulate', RUN, '--no-store', '--out', path.join(tmp, 'o')], /seconds of wall time/],
    ['--checkpoint-every', '0o7', ['simulate', RUN, '--no-store', '--out', path.join(tmp, 'o')], /seconds of wall time/],
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

test('serve --checkpoint-every: a decimal number of seconds or off; blank and hex are refused (Number() read " " as 0: a checkpoint at every look)', () => {
  for (const bad of [' ', '', '0x10', 'Infinity']) {
    assert.throws(() => checkServeOptions({ checkpointEvery: bad }, {}), (e: unknown) => e instanceof InputError && e.field === '--checkpoint-every' && e.value === bad && /seconds of wall time/.test(e.expected), JSON.stringify(bad));
  }
  assert.equal(checkServeOptions({ checkpointEvery: '1.5e1' }, {}).checkpointEvery_s, 15);
});

test('lit import of a file with several unknown keys (a run file) names every one in its one line', async () => {
  const r = await cli(['lit', 'import', RUN, '--db', DB]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  const allowed = /allowed keys: ([^;]+);/.exec(r.stderr)?.[1]?.split(', ') ?? [];
  assert.ok(allowed.includes('name') && allowed.includes('metal'), r.stderr);
  const keys = Object.keys(parseYaml(fs.readFileSync(RUN, 'utf8')) as Record<string, unknown>);
  const unknown = keys.filter((k) => !allowed.includes(k));
  assert.ok(unknown.length >= 2 && unknown.length < keys.length, `${unknown.join(', ')} of ${keys.join(', ')}`);
  const [first, ...rest] = unknown;
  // the missing fields follow, numbered (branch mends28: every problem of the record in the one line)
  assert.match(r.stderr, new RegExp(`: \\d+ problems: \\(1\\) record\\.${first}: got `), r.stderr);
  const also = /; also no such keys: (.+?); \(2\) record\.id: /.exec(r.stderr)?.[1]?.split(', ').map((k) => k.replace(/ \(did you mean .*$/, ''));
  assert.deepEqual(also, rest.map((k) => `record.${k}`), r.stderr); // each by its full path, as the first (bare names until audit29)
});

test('elements with an unknown symbol names the field as the command\'s usage and the library call name it (symbols), the value and what is expected', async () => {
  const r = await cli(['elements', 'Co', 'Xx']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: symbols: got "Xx", expected an element symbol such as Fe, Co[^\n]*\n$/);
  const usage = await cli(['elements', '--help']);
  assert.match(usage.stdout, /Usage: sacplate elements \[options\] <symbols\.\.\.>/);
  assert.throws(() => elementData(['Fe', 'Qq']), (e: unknown) => e instanceof InputError && e.field === 'symbols' && e.value === 'Qq');
});

test('a run file\'s YAML numbers are read as YAML 1.2 writes them (docs/parameters.md): 0x2 is 2, 0o7 is 7, 010 is 10; 0b11 and .inf are refused in a number field, a number in a text field is refused showing the value YAML read', () => {
  const run = (extra: string, host = 'Cu') => parseRunInput(parseYamlText(`metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: ${host}\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\n${extra}\n`, 'r.yaml'));
  for (const [text, seed] of [['0x2', 2], ['0o7', 7], ['010', 10], ['2.0', 2], ['1e2', 100]] as const) assert.equal(run(`seed: ${text}`).seed, seed, text);
  for (const [text, value] of [['0b11', '0b11'], ['.inf', Infinity], ['"0x2"', '0x2']] as const) {
    assert.throws(() => run(`seed: ${text}`), (e: unknown) => e instanceof InputError && e.field === 'seed' && Object.is(e.value, value), text);
  }
  assert.throws(() => run('', '0x10'), (e: unknown) => e instanceof InputError && e.field === 'host' && e.value === 16);
});
