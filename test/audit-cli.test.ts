/**
 * Defects found by the end-to-end audit of the user commands (tenth session, branch `audit`):
 * each test failed before its fix. Bad input must give one line naming the field, the value and
 * what was expected, exit code 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from './helpers/cli.js';

function oneLine(r: { code: number; stderr: string }, field: string, what: RegExp): void {
  assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0]!.includes(field), `${field} not named in: ${lines[0]}`);
  assert.match(lines[0]!, what);
}

test('nucleation --sac: SAC numbers with the eV left out name sac.binding and its unit, not "unknown SAC site"', async () => {
  const r = await cli(['nucleation', '--metal', 'Na', '--host', 'carbon-cloth', '--sac', 'binding -2.29, loading 1.2 wt%', '--no-store']);
  oneLine(r, 'sac.binding', /eV/);
  const r2 = await cli(['nucleation', '--metal', 'Na', '--host', 'carbon-cloth', '--sac', 'binding -2.29', '--no-store']);
  oneLine(r2, 'sac.binding', /eV/);
});

test('compare table: SEI % and SAC act. read "-" for runs without sei: or without SACs, not 0.00 and 1.000', async () => {
  const { simulate } = await import('../src/simulation/simulate.js');
  const { parseRunInput } = await import('../src/input/parse.js');
  const { formatCompareTable, COLUMNS } = await import('../src/cli/compare-table.js');
  // bookkeeping only (no surface diffusion claim): terrace barrier 0.3 eV keeps the runs short
  const tiny = (extra: Record<string, unknown>) => ({
    metal: 'Li', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1, ...extra,
  });
  const cases = [['bare', tiny({})], ['sac', tiny({ host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '10 %' }] })], ['sei', tiny({ sei: 'carbonate' })]] as const;
  const rows = cases.map(([name, input]) => { const run = parseRunInput(input); return { name, runs: [simulate(run).metrics], run }; });
  const lines = formatCompareTable(rows, { legend: false }).split('\n');
  const head = lines[0]!.split(/\s{2,}/);
  const at = (row: number, col: string) => lines[row]!.split(/\s{2,}/)[head.indexOf(col)];
  const sei = COLUMNS.find((c) => c.key === 'sei_charge_fraction')!.head, act = COLUMNS.find((c) => c.key === 'active_sac_fraction')!.head;
  assert.equal(at(2, sei), '-', lines[2]);
  assert.equal(at(2, act), '-', lines[2]);
  assert.equal(at(3, sei), '-', lines[3]);
  assert.equal(at(3, act), '1.000', lines[3]);
  assert.match(at(4, sei)!, /^\d+\.\d\d$/, lines[4]);
  assert.equal(at(4, act), '-', lines[4]);
});

test('nucleation --sac by its numbers with a wt% loading and no element (issue 15\'s own command): one line that says how to give the element', async () => {
  const r = await cli(['nucleation', '--metal', 'Na', '--host', 'carbon-cloth', '--sac', 'binding -2.29 eV, loading 1.2 wt%', '--current', '1', 'mA/cm2', '--no-store']);
  oneLine(r, 'sac.element', /got nothing \(field missing\).*element Co.*1\.2 wt%.*sites\/nm2/);
});
