/**
 * Problems the screening / evidence / full-cell / citing audit (session 20, audit20) listed and did not
 * fix (session 20, task loose8). Each test fails on the code before its fix. The CLI runs in-process
 * from a temporary folder (test/helpers/cli.ts); nothing here simulates beyond a few hundred events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose8-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('a user-defined SAC set whose element is not an element symbol is refused in one line naming the field and value (exit 2)', async () => {
  const input = (element: string) => ({
    metal: 'Li', lattice: { size: [6, 6, 6], voxel: '10 nm' }, host: 'graphene', seed: 1,
    parameters: { sacs: { 'My-N4': { element, metals: { Li: { binding: '-0.5 eV' } } } } },
    sacs: [{ site: 'My-N4', loading: '2 %' }], protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'],
  });
  fs.writeFileSync(path.join(tmp, 'xx.json'), JSON.stringify(input('Xx')));
  const r = await run('simulate', 'xx.json', '--no-store');
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /parameters\.sacs\.My-N4\.element: got "Xx", expected an element symbol/);
  fs.writeFileSync(path.join(tmp, 'fe.json'), JSON.stringify(input('fe')));
  const f = await run('simulate', 'fe.json', '--no-store');
  assert.equal(f.code, 2, f.stderr);
  assert.match(f.stderr, /element: got "fe", expected an element symbol.*did you mean "Fe"/);
});
