/**
 * The audit of session 18 (task loose5): `analyze --protocol aurbach` called the final strip's
 * highest voltage the cut-off when the simulated strip had run out of metal. Fails before the fix.
 * A small simulated run (8 x 8 x 10 voxels, 0.6 CPU s), analysed in-process (test/helpers/cli.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { simulate } from '../src/simulation/simulate.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose5-au-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('analyze --protocol aurbach on a simulated run whose final strip ran out of metal says so and gives the last voltage, not a "cut-off"', async () => {
  const out = path.join(tmp, 'au');
  const r = simulate({
    metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, seed: 1, output: { snapshots: false },
    protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2', { repeat: 2, steps: ['Strip 0.0001 mAh/cm2 at 1 mA/cm2', 'Plate 0.0001 mAh/cm2 at 1 mA/cm2'] }, 'Strip at 1 mA/cm2 until 1 V'],
  }, { outDir: out });
  assert.equal(r.steps.at(-1)!.ended, 'no_metal', 'the test needs a final strip that runs out of metal');
  const a = await run('analyze', path.join(out, 'eta.csv'), '--protocol', 'aurbach', '--no-figures', '--out', 'au-a');
  assert.equal(a.code, 0, a.stderr);
  const line = a.stdout.split('\n').find((l) => l.startsWith('Q_T'))!;
  assert.doesNotMatch(line, /cut-off \d/);
  const m = /final strip ended on exhausted metal \(no connected metal left to strip\) before its cut-off, last voltage (-?[\d.]+) V \(highest (-?[\d.]+) V\)/.exec(line);
  assert.ok(m, line);
  const rep = JSON.parse(fs.readFileSync(path.join(tmp, 'au-a', 'report.json'), 'utf8')) as { aurbach: { final_strip_ended: string; last_voltage_V: number; cutoff_V: number } };
  assert.equal(rep.aurbach.final_strip_ended, 'no_metal');
  assert.equal(m[1], rep.aurbach.last_voltage_V.toFixed(3));
  assert.equal(m[2], rep.aurbach.cutoff_V.toFixed(3));
  // a rest after the final strip (steps.csv's last row: kind rest, ended time) does not hide how the strip ended
  const steps = path.join(out, 'steps.csv');
  const csv = fs.readFileSync(steps, 'utf8').trimEnd().split('\n');
  const head = csv[0]!.split(','), lastRow = csv.at(-1)!.split(',');
  const rest = lastRow.map((v, i) => (head[i] === 'kind' ? 'rest' : head[i] === 'ended' ? 'time' : head[i] === 'protocol' ? 'Rest for 0.01 s' : v));
  fs.writeFileSync(steps, [...csv, rest.join(',')].join('\n') + '\n');
  const c = await run('analyze', path.join(out, 'eta.csv'), '--protocol', 'aurbach', '--no-figures', '--out', 'au-c');
  assert.equal(c.code, 0, c.stderr);
  assert.equal((JSON.parse(fs.readFileSync(path.join(tmp, 'au-c', 'report.json'), 'utf8')) as { aurbach: { final_strip_ended: string } }).aurbach.final_strip_ended, 'no_metal');
  fs.writeFileSync(steps, csv.join('\n') + '\n');
  // a strip that ended on its cut-off (steps.csv: cutoff) keeps the word
  fs.writeFileSync(steps, fs.readFileSync(steps, 'utf8').replace(/,no_metal,/, ',cutoff,'));
  const b = await run('analyze', path.join(out, 'eta.csv'), '--protocol', 'aurbach', '--no-figures', '--out', 'au-b');
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /Q_S [\d.]+ mAh, cut-off -?[\d.]+ V \(detected/);
  for (const d of ['au', 'au-a', 'au-b', 'au-c']) fs.rmSync(path.join(tmp, d), { recursive: true });
});
