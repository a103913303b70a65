/**
 * audit20 (screening, evidence, full cells, citing as a user from the field): each test fails
 * on the code before its fix. Small: no simulation runs here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descriptorCandidates } from '../src/screen/spec.js';

const BASE = { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'N-graphene', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
const HEAD = 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading';

test('a descriptor row whose element is no element (Xx) is refused before any simulation, naming file, row and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a20-'));
  const f = join(dir, 'desc.csv');
  writeFileSync(f, `${HEAD}\nok,Fe,-0.5,0.1,0.1,0.1,2 %\nbad,Xx,-0.5,0.1,0.1,0.1,2 %\n`);
  assert.throws(() => descriptorCandidates(f, BASE, dir), (e: Error) => {
    assert.match(e.message, /desc\.csv row 3, element: got "Xx", expected an element symbol/);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
});
