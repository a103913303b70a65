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
