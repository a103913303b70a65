/**
 * Problems a new user's audit listed (session 18, task loose5); each test fails on the code before
 * its fix. The CLI runs in-process from a temporary folder (test/helpers/cli.ts); nothing here
 * simulates or runs the atomistic stage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose5-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('a single-value flag given twice is one line naming the flag and both values, exit 2, for every command (not the last value silently)', async () => {
  const runFile = path.resolve('examples/li-zn-sac.yaml');
  const cases: [string[], RegExp][] = [
    [['nucleation', '--metal', 'Li', '--host', 'Cu', '--sac', 'Zn-N4', '--sac', 'Co-N4', '--no-store'], /^sacplate: --sac: got \["Zn-N4","Co-N4"\], expected --sac once/],
    [['nucleation', '--metal', 'Li', '--metal', 'Na', '--host', 'Cu', '--no-store'], /^sacplate: --metal: got \["Li","Na"\]/],
    [['nucleation', '--metal', 'Li', '--host', 'Cu', '--host', 'carbon cloth', '--no-store'], /^sacplate: --host: got \["Cu","carbon cloth"\]/],
    [['simulate', runFile, '--seed', '1', '--seed', '2', '--no-store'], /^sacplate: --seed: got \["1","2"\]/],
    [['simulate', runFile, '--out', 'a', '--out', 'b', '--no-store'], /^sacplate: --out: got \["a","b"\]/],
    [['convert', runFile, '-o', 'x.csv', '--output', 'y.csv', '--to', 'bdf'], /^sacplate: --output: got \["x.csv","y.csv"\]/],
  ];
  for (const [args, re] of cases) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(r.stdout, '');
  }
  assert.deepEqual(fs.readdirSync(tmp), [], 'no output folder made');
  // a flag that collects on purpose still does: --range twice is two ranges (the second empties the list)
  const db = path.join(tmp, 'lit.db');
  const one = await run('lit', 'list', '--range', 'nucleation_overpotential=0:1000', '--format', 'json', '--db', db);
  const two = await run('lit', 'list', '--range', 'nucleation_overpotential=0:1000', '--range', 'nucleation_overpotential=2000:3000', '--format', 'json', '--db', db);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  assert.ok((JSON.parse(one.stdout) as { records: unknown[] }).records.length > 0);
  assert.equal((JSON.parse(two.stdout) as { records: unknown[] }).records.length, 0);
  fs.rmSync(db, { force: true });
});
