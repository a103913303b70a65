/**
 * cmp64 (cycaudit64): `compare --seeds N --baseline <case>` names the case the paired rows subtract (they were each case
 * minus the FIRST, so "Zn-N4 minus graphene" took a reordered file); an unknown name is refused naming the flag, the value
 * and the cases. Tiny Na runs (8 x 8 x 8 voxels, 0.00005 mAh/cm2), the second call reusing the first's from the store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';

const BASE = 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\nseed: 1\noutput: { snapshots: false }\nvariants:\n';
const CASES: Record<string, string> = {
  Cu: '  - { name: Cu, host: Cu }\n',
  'carbon cloth': '  - { name: carbon cloth, host: carbon-cloth }\n',
  'Cu slow': '  - { name: Cu slow, kinetics: { terraceBarrier: 0.45 eV } }\n',
};
type Paired = { case: string; minus: string; differences: Record<string, { mean: number; lo95: number | null; hi95: number | null; n: number }> };

test('compare --seeds --baseline (or the file\'s baseline:): the paired rows subtract the named case, as the file reordered with it first; the flag wins; the JSON and the table name it', { timeout: 120_000 }, async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-baseline-'));
  const f = join(d, 'cmp.yaml'), g = join(d, 'reordered.yaml'), db = join(d, 's.db');
  writeFileSync(f, BASE + CASES.Cu! + CASES['carbon cloth']! + CASES['Cu slow']!);
  writeFileSync(g, BASE + CASES['Cu slow']! + CASES.Cu! + CASES['carbon cloth']!);
  const a = await cli(['compare', f, '--seeds', '2', '--baseline', 'Cu slow', '--json', '--db', db, '--threads', '2']);
  assert.equal(a.code, 0, a.stderr);
  const b = await cli(['compare', g, '--seeds', '2', '--json', '--db', db, '--threads', '2']);
  assert.equal(b.code, 0, b.stderr);
  const ja = JSON.parse(a.stdout) as { baseline: string; paired: Paired[] }, jb = JSON.parse(b.stdout) as { baseline: string; paired: Paired[] };
  assert.equal(ja.baseline, 'Cu slow');
  assert.equal(jb.baseline, 'Cu slow', 'without the flag the first case');
  assert.deepEqual(ja.paired.map((p) => [p.case, p.minus]), [['Cu', 'Cu slow'], ['carbon cloth', 'Cu slow']]);
  assert.deepEqual(ja.paired, jb.paired, 'the same rows as the reordered file\'s');
  // the baseline changes the rows: Cu minus Cu slow is the negative of Cu slow minus Cu (the default order's)
  const c = await cli(['compare', f, '--seeds', '2', '--json', '--db', db, '--threads', '2']);
  const jc = JSON.parse(c.stdout) as { baseline: string; paired: Paired[] };
  assert.equal(jc.baseline, 'Cu');
  const key = 'plateau_overpotential_mV';
  const cuMinusSlow = ja.paired[0]!.differences[key]!.mean, slowMinusCu = jc.paired[1]!.differences[key]!.mean;
  assert.deepEqual([jc.paired[1]!.case, jc.paired[1]!.minus], ['Cu slow', 'Cu']);
  assert.ok(Number.isFinite(cuMinusSlow) && cuMinusSlow !== 0, `the diffusion barriers differ in their plateau: ${cuMinusSlow}`);
  assert.ok(Math.abs(cuMinusSlow + slowMinusCu) < 1e-9 * Math.abs(cuMinusSlow), `${cuMinusSlow} against ${slowMinusCu}`);
  // the file's `baseline:` does the same; the flag wins over it
  const h = join(d, 'keyed.yaml');
  writeFileSync(h, BASE.replace('variants:\n', 'baseline: Cu slow\nvariants:\n') + CASES.Cu! + CASES['carbon cloth']! + CASES['Cu slow']!);
  const k = JSON.parse((await cli(['compare', h, '--seeds', '2', '--json', '--db', db, '--threads', '2'])).stdout) as { baseline: string; paired: Paired[] };
  assert.equal(k.baseline, 'Cu slow');
  assert.deepEqual(k.paired, ja.paired);
  const kf = JSON.parse((await cli(['compare', h, '--seeds', '2', '--baseline', 'Cu', '--json', '--db', db, '--threads', '2'])).stdout) as { baseline: string; paired: Paired[] };
  assert.equal(kf.baseline, 'Cu');
  assert.deepEqual(kf.paired, jc.paired);
  // the table's note names the baseline
  const t = await cli(['compare', f, '--seeds', '2', '--baseline', 'Cu slow', '--db', db, '--threads', '2']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /^Cu minus Cu slow /m);
  assert.match(t.stdout, /^carbon cloth minus Cu slow /m);
  assert.match(t.stdout, /paired: each case minus the baseline, Cu slow \(--baseline\), seed by seed/);
});

test('compare --baseline: an unknown case is refused naming --baseline, the value and the cases (the nearest first); with --json and without --seeds refused; so is a file\'s unknown baseline:', async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-baseline-bad-'));
  const f = join(d, 'cmp.yaml');
  writeFileSync(f, BASE + CASES.Cu! + CASES['carbon cloth']!);
  const r = await cli(['compare', f, '--seeds', '2', '--baseline', 'carbon clth', '--no-store']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /--baseline/);
  assert.match(r.stderr, /carbon clth/);
  assert.match(r.stderr, /did you mean "carbon cloth"/);
  assert.match(r.stderr, /"Cu", "carbon cloth"/);
  // mends65: plain compare --json prints a list of the cases' metrics, with no place for paired rows
  const n = await cli(['compare', f, '--baseline', 'Cu', '--json', '--no-store']);
  assert.notEqual(n.code, 0);
  assert.match(n.stderr, /--baseline: got "Cu", expected the printed table or --out \(paired\.csv\) without --seeds, or --seeds N with --json/);
  const u = await cli(['compare', f, '--baseline', 'carbon clth', '--no-store']);
  assert.notEqual(u.code, 0);
  assert.match(u.stderr, /did you mean "carbon cloth"/, 'checked without --seeds too');
  const k = join(d, 'keyed.yaml');
  writeFileSync(k, BASE.replace('variants:\n', 'baseline: Cu slo\nvariants:\n') + CASES.Cu! + CASES['Cu slow']!);
  const kr = await cli(['compare', k, '--seeds', '2', '--no-store']);
  assert.notEqual(kr.code, 0);
  assert.match(kr.stderr, /baseline/);
  assert.match(kr.stderr, /Cu slo/);
  assert.match(kr.stderr, /did you mean "Cu slow"/);
  assert.deepEqual(readdirSync(d).sort(), ['cmp.yaml', 'keyed.yaml'], 'nothing written');
});

// mends65 (session 64's leftover: --baseline was refused without --seeds): with one seed the paired rows are each case
// minus the baseline, the difference of the two runs with no interval, and say so; paired.csv beside compare.csv holds
// the same differences, which compare.csv's own columns give by subtraction; the file's baseline: does the same
test('compare --baseline without --seeds: each case minus the baseline, one run each, no interval and said so; paired.csv is compare.csv\'s difference (mends65)', { timeout: 120_000 }, async () => {
  const d = mkdtempSync(join(tmpdir(), 'sacplate-baseline-one-'));
  const f = join(d, 'cmp.yaml'), db = join(d, 's.db'), out = join(d, 'out');
  writeFileSync(f, BASE + CASES.Cu! + CASES['carbon cloth']! + CASES['Cu slow']!);
  const t = await cli(['compare', f, '--baseline', 'Cu slow', '--out', out, '--no-figures', '--db', db, '--threads', '2']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /^Cu minus Cu slow /m);
  assert.match(t.stdout, /^carbon cloth minus Cu slow /m);
  assert.doesNotMatch(t.stdout, /^Cu slow minus/m);
  assert.match(t.stdout, /paired: each case minus the baseline, Cu slow \(--baseline\), one seed each \(its run minus Cu slow's\), the difference of the two runs: one pair, so no 95 % interval/);
  assert.doesNotMatch(t.stdout.split('paired difference')[1]!, /\[/, 'no interval in the paired rows');
  const csv = (file: string) => { const [h, ...rows] = readFileSync(join(out, file), 'utf8').trim().split('\n').map((l) => l.split(',')); return rows.map((r) => Object.fromEntries(h!.map((k, i) => [k, r[i]!]))); };
  const table = csv('compare.csv'), paired = csv('paired.csv');
  const key = 'plateau_overpotential_mV';
  const col = Object.keys(table[0]!).find((k) => k === key)!;
  const caseCol = Object.keys(table[0]!)[0]!;
  const v = (name: string) => Number(table.find((r) => r[caseCol]!.replace(/"/g, '') === name)![col]);
  const cuRow = paired.find((r) => r.case === 'Cu')!;
  assert.equal(cuRow.minus, 'Cu slow');
  assert.ok(Math.abs(Number(cuRow[key]) - (v('Cu') - v('Cu slow'))) <= 1e-9 * Math.abs(v('Cu')), `${cuRow[key]} against ${v('Cu')} - ${v('Cu slow')}`);
  assert.ok(Number(cuRow[key]) !== 0, 'the two terrace barriers differ in their plateau');
  assert.equal(cuRow[`${key}_lo95`], '', 'no interval');
  assert.equal(cuRow[`${key}_n`], '1');
  // the file's baseline: gives the same rows (reused runs), named as the file's
  const h = join(d, 'keyed.yaml');
  writeFileSync(h, BASE.replace('variants:\n', 'baseline: Cu slow\nvariants:\n') + CASES.Cu! + CASES['carbon cloth']! + CASES['Cu slow']!);
  const k = await cli(['compare', h, '--db', db, '--threads', '2']);
  assert.equal(k.code, 0, k.stderr);
  assert.match(k.stdout, /paired: each case minus the baseline, Cu slow \(the file's baseline:\), one seed each/);
  assert.equal(k.stdout.split('paired difference')[1], t.stdout.split('paired difference')[1]!.replace('(--baseline)', "(the file's baseline:)"));
  // no baseline named: no paired rows, as before
  const p = await cli(['compare', f, '--db', db, '--threads', '2']);
  assert.doesNotMatch(p.stdout, /paired difference/);
});
