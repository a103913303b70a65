/**
 * Session 28, task mends28: three defects of the session's audit.
 *  (1) a file or folder that cannot be written or created says why in words, with the code in brackets (src/errors.ts
 *      fsReason), as every reader does: convert -o (cli/guards.ts) said "cannot be written (ENOENT)" and "the folder
 *      X does not exist (ENOTDIR)"; the writers (io/sink.ts) "cannot write: ENOTDIR not a directory, mkdir '...'"; an fs
 *      error reaching the top of the CLI (cli/failure.ts) "cannot open (ENOENT)". A code fsReason has no words for is
 *      given with Node's words ("file already exists, mkdir '...' (EEXIST)"), never bare. Two readers audit28 missed
 *      printed Node's message ("cannot read: ENOENT: no such file or directory, open '...'"): readVti/readVtiFields
 *      (io/vti.ts) and `cite`'s resolved.json ("cannot read (EISDIR: illegal operation on a directory, read)").
 *  (2) `lit import` (CLI and literature.importFile) of a file with 3 bad records among 5: ONE error naming every
 *      problem of every bad record by its full path (records[1].figures[0].conditions.tempp, ...), numbered, capped
 *      at 20 with "... and N more"; the store is unchanged. It named the first bad record's first problem only.
 *  (3) "Rest for 1e300 s" (and a pulse's off time of 1e300 s) validated, and the run then spun until cancelled (an
 *      idle rest costs wall time in proportion to its length): refused at input, one line naming the field, the value,
 *      the unit and the limit (1e9 s). "Plate 1e308 mAh/cm2" is left as it is: it ends by itself, box_full.
 * Each fails on the code before its fix (checked once by putting the old code back: every test failed; the readers' test with vti.ts or cite.ts alone put back).
 * Measured: the file 1.46 s user + 0.16 s sys of CPU, 1.6 s wall at load 2.6.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cli } from './helpers/cli.js';
import { describeFailure } from '../src/cli/failure.js';
import { readVti, readVtiFields, writeJson } from '../src/io/index.js';
import { FileError, InputError } from '../src/errors.js';
import { literature } from '../src/evidence/library.js';
import { parseProtocol } from '../src/input/protocol.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends28-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('(1) convert -o: a folder or file that cannot be used says why in words, the code in brackets', async () => {
  const eta = join(dir, 'eta.csv');
  writeFileSync(eta, 'time_s,charge_C_per_cm2,overpotential_mV,kmc_time_s,step,cycle,half_cycle,current_mA_per_cm2,cell_voltage_mV,counter_mV,ohmic_mV\n0,0,-10,0,0,0,0,-1,-10,0,0\n1,0.001,-11,1,0,0,0,-1,-11,0,0\n');
  const plain = join(dir, 'plain');
  writeFileSync(plain, 'x');
  const cases: [string, RegExp][] = [
    // a file in the way of the folder
    [join(plain, 'sub', 'x.csv'), new RegExp(`^sacplate: ${esc(join(plain, 'sub', 'x.csv'))}: -o: cannot use the folder ${esc(join(plain, 'sub'))}: a part of the path is a file, not a folder \\(ENOTDIR\\)$`)],
    [join(dir, 'missing', 'x.csv'), new RegExp(`^sacplate: ${esc(join(dir, 'missing', 'x.csv'))}: -o: cannot use the folder ${esc(join(dir, 'missing'))}: no such file \\(ENOENT\\)$`)],
    // a folder nobody can create files in (/proc: root too)
    ['/proc/sacplate-x.csv', /^sacplate: \/proc\/sacplate-x\.csv: -o: cannot be written: no such file \(ENOENT\)$/],
  ];
  for (const [o, re] of cases) {
    const r = await cli(['convert', eta, '--to', 'bdf', '-o', o]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr.trim(), re);
  }
});

test('(1) the writers (io/sink.ts) and an fs error at the top of the CLI (cli/failure.ts) say why in words', () => {
  const plain = join(dir, 'plain2');
  writeFileSync(plain, 'x');
  const under = join(plain, 'sub', 'm.json');
  assert.throws(() => writeJson(under, {}), (e: unknown) => e instanceof FileError
    && e.message === `${under}: cannot write: a part of the path is a file, not a folder (ENOTDIR)`);
  // real errors from node:fs, as a command that does not catch them would meet them
  const missing = join(dir, 'no-such.bin');
  let err: unknown;
  try { readFileSync(missing); } catch (e) { err = e; }
  assert.deepEqual(describeFailure(err), { line: `${missing}: cannot open: no such file (ENOENT)`, exitCode: 2 });
  // a code with no words of ours: Node's words for it, the code in brackets
  try { mkdirSync(dir); } catch (e) { err = e; }
  assert.deepEqual(describeFailure(err), { line: `${dir}: cannot mkdir: file already exists, mkdir '${dir}' (EEXIST)`, exitCode: 2 });
});

test('(1) the readers fsReason had missed: a .vti file (readVti, readVtiFields) and cite\'s resolved.json say why in words', async () => {
  const none = join(dir, 'none.vti');
  for (const read of [readVti, readVtiFields]) {
    assert.throws(() => read(none), (e: unknown) => e instanceof FileError && e.message === `${none}: cannot read: no such file (ENOENT)`);
  }
  const run = join(dir, 'run');
  mkdirSync(join(run, 'resolved.json'), { recursive: true }); // a folder where the file should be
  const r = await cli(['cite', run]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr, `sacplate: ${join(run, 'resolved.json')}: cannot read: a folder, not a file (EISDIR)\n`);
});

// five records, three of them bad: every problem in one error, by its full path
type Raw = Record<string, unknown> & { figures: Record<string, unknown>[] };
const record = (id: string): Raw => ({ ...(parseYaml(readFileSync('data/literature/li-co-n-o.yaml', 'utf8')) as Raw), id });
function badFile(): string {
  const a = record('mends-a'); a.figures[0]!.conditions = { tempp: '25 degC' };
  const b = record('mends-b'); b.metal = 'Mg'; b.colour = 'red';
  const c = record('mends-c'); delete c.name; c.figures[0]!.value = '3';
  const f = join(dir, 'bad.json');
  writeFileSync(f, JSON.stringify({ records: [record('mends-ok-0'), a, b, record('mends-ok-3'), c] }));
  return f;
}
const EXPECTED = [
  /^records\[1\]\.figures\[0\]\.conditions\.tempp: got "25 degC", expected no such condition(?: \(did you mean "temperature"\?\))?; known conditions: /,
  /^records\[2\]\.colour: got "red", expected no such key; allowed keys: /,
  /^records\[2\]\.metal: got "Mg", expected Li, Na or K$/,
  /^records\[4\]\.name: /,
  /^records\[4\]\.figures\[0\]\.value: got "3", expected a number$/,
];
function checkAll(message: string, file: string): void {
  const head = `${file}: 5 problems in 3 records: `;
  assert.ok(message.startsWith(head), message);
  const items = message.slice(head.length).split(/; \(\d+\) /);
  items[0] = items[0]!.replace(/^\(1\) /, '');
  assert.equal(items.length, EXPECTED.length, message);
  EXPECTED.forEach((re, i) => assert.match(items[i]!, re, `problem ${i + 1}`));
}

test('(2) lit import of 3 bad records: one error naming every problem by its full path; the store unchanged', async () => {
  const db = join(dir, 'lit.db');
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ records: [record('mends-good')] }));
  assert.equal(literature.importFile(good, { db }).records, 1);
  const before = JSON.stringify(literature.list({ db }));
  const file = badFile();
  const r = await cli(['lit', 'import', file, '--db', db]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  checkAll(r.stderr.trim().replace(/^sacplate: /, ''), file);
  assert.throws(() => literature.importFile(file, { db }), (e: unknown) => { assert.ok(e instanceof FileError); checkAll(e.message, file); return true; });
  assert.equal(JSON.stringify(literature.list({ db })), before, 'nothing stored');
  assert.ok(!JSON.stringify(literature.list({ db })).includes('mends-ok-0'), 'not even the good records of the bad file');
  // 25 bad records: 20 problems shown, then how many more
  const many = join(dir, 'many.json');
  writeFileSync(many, JSON.stringify({ records: Array.from({ length: 25 }, (_, i) => ({ ...record(`mends-m${i}`), metal: 'Mg' })) }));
  assert.throws(() => literature.importFile(many, { db }), (e: unknown) => e instanceof FileError
    && e.message.startsWith(`${many}: 25 problems in 25 records: (1) records[0].metal: got "Mg"`)
    && e.message.includes('; (20) records[19].metal: ') && !e.message.includes('(21)') && e.message.endsWith('; ... and 5 more'));
});

test('(3) a rest longer than 1e9 s (a Rest step, a pulse\'s off time) is refused at input in one line; 1e9 s is not', async () => {
  const refused = (step: string, what: string, q: string) => assert.throws(() => parseProtocol([step]), (e: unknown) => e instanceof InputError
    && e.message === `protocol[0]: got "${step}", expected ${what} of at most 1e9 s (about 32 years: a rest's cost grows with its length), not "${q}"`);
  refused('Rest for 1e300 s', 'a rest', '1e300 s');
  refused('Rest for 300000 h', 'a rest', '300000 h');
  refused('Pulse at 3 mA/cm2 for 1 ms, rest 1e300 s, 2 mAh/cm2', 'an off time after "rest"', '1e300 s');
  assert.deepEqual(parseProtocol(['Rest for 1e9 s'])[0], { kind: 'rest', control: 'rest', current_A_per_m2: 0, duration_s: 1e9, text: 'Rest for 1e9 s' });
  const run = join(dir, 'rest.yaml');
  writeFileSync(run, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Rest for 1e300 s]\nseed: 3\n');
  const out = join(dir, 'rest-out');
  const r = await cli(['simulate', run, '--out', out, '--no-store', '--no-figures']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: protocol\[0\]: got "Rest for 1e300 s", expected a rest of at most 1e9 s .*\n$/);
  assert.ok(!existsSync(out), 'nothing written');
});
