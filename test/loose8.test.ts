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
    metal: 'Li', lattice: { size: [6, 6, 8], voxel: '10 nm' }, host: 'graphene', seed: 1,
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

test('fullcell anode: {run}: a CE above 1 capped and a cycle with no CE dropped are said, naming the cycles; a first cycle with CE 0 is refused', async () => {
  // Li foil host: the first strip takes twice what was plated (CE 2); the second cycle's plating leaves no net deposit (CE NaN)
  fs.writeFileSync(path.join(tmp, 'lifoil.json'), JSON.stringify({
    metal: 'Li', lattice: { size: [6, 6, 8], voxel: '10 nm' }, host: 'Li', seed: 1,
    protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Strip 0.002 mAh/cm2 at 1 mA/cm2', 'Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Strip 0.001 mAh/cm2 at 1 mA/cm2'],
  }));
  fs.writeFileSync(path.join(tmp, 'fc.yaml'), 'cathode: LFP\nnp: 0\ncycles: 10\nanode: { run: lifoil.json }\n');
  const r = await run('fullcell', 'fc.yaml');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^note: CE above 1 capped at 1 .* in cycle\(s\) 1 \(2\.0000\)$/m);
  assert.match(r.stdout, /^note: cycle\(s\) 2 \(CE NaN\) dropped: no CE above 0/m);
  const { anodeCeOfRun } = await import('../src/cli/actions/fullcell.js');
  assert.throws(() => anodeCeOfRun('licu.yaml', [{ cycle: 1, ce: 0 }, { cycle: 2, ce: 0.98 }]),
    (e: Error) => /^anode\.run: got "licu\.yaml", expected a run whose first plate\/strip cycle strips metal back \(cycle 1 has CE 0:/.test(e.message));
  assert.deepEqual(anodeCeOfRun('x', [{ cycle: 1, ce: 0.9 }, { cycle: 2, ce: -0.1 }, { cycle: 3, ce: 1.2 }]).ce, [0.9, 1]);
});
