/**
 * Session 32, task audit33: the DFT-to-electrode commands (params, elements, anode-capacity, nucleation, screen,
 * fullcell, cite) as a computational materials scientist with SAC candidates of their own meets them; each test
 * fails on the code before its fix. (1) `nucleation --sac "binding -280 kJ/mol"` (or "-2900 meV") was refused as
 * "an energy in eV", though run files and parameter sets take meV and kJ/mol (the review prints desolvation energies
 * in kJ/mol); a misspelt key of the text ("bindin") had no hint. (2) A SAC whose atomistic rate is no law above the
 * host's reads as its bare host: the table printed the host's numbers under the SAC's name without a word.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { parseSacText } from '../src/nucleation/system.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit33-'));

test('nucleation --sac: energies in meV and kJ/mol are converted to eV; a misspelt key is hinted', async () => {
  assert.deepEqual(parseSacText('binding -2900 meV, reference -2.37 eV').numbers, { binding_eV: -2.9, reference_eV: -2.37 });
  // SAFe-CVRCS's desolvation energy as the review prints it: 36.84 kJ/mol = 0.3818 eV (params/derive.ts reads it so)
  const d = parseSacText('binding -3.1 eV, desolvation 36.84 kJ/mol').numbers.desolvation_eV!;
  assert.ok(Math.abs(d - 36.84e3 / (1.602176634e-19 * 6.02214076e23)) < 1e-9, String(d));
  assert.throws(() => parseSacText('binding -2.9'), /sac\.binding: got "-2\.9", expected an energy in eV, e\.g\. "-2\.29 eV" \(or with its unit/);
  assert.throws(() => parseSacText('binding -3000 kJ/mol'), /expected an energy from -10 to 10 eV/);
  const r = await cli(['nucleation', '--metal', 'Li', '--host', 'N-graphene', '--sac', 'bindin -2.9 eV', '--no-store'], { cwd: tmp });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--sac: got "bindin", expected one of binding, .* \(did you mean "binding"\?\)/);
});

test('nucleation: a SAC that nucleates as its host is said under the table', async () => {
  // binding 0.03 eV above the support's: its rate is no law above the host's at these quick settings (4.3 s of CPU)
  const args = ['nucleation', '--metal', 'Li', '--host', 'N-graphene', '--sac', 'binding -2.4 eV, reference -2.37 eV', '--sampler', 'mfpt',
    '--runs', '4', '--box', '8', '--target', '12', '--max-events', '20000', '--no-store'];
  const r = await cli(args, { cwd: tmp });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\nnote: Li on N-graphene \+ binding -2\.4 eV, reference -2\.37 eV: the SAC's atomistic nucleation rate is above the host's at fewer than 3 overpotentials: its sites nucleate as host sites/);
});

test('nucleation: an unknown host or SAC name is hinted, and what to do instead is what nucleation takes (it reads no parameters: block)', async () => {
  const host = await cli(['nucleation', '--metal', 'Li', '--host', 'N-graphen', '--sac', 'Zn-N4', '--no-store'], { cwd: tmp });
  assert.equal(host.code, 2);
  assert.match(host.stderr, /--host: got "N-graphen", expected a known host: .*sp2c-COF \(did you mean "N-graphene"\?\)\n$/);
  const sac = await cli(['nucleation', '--metal', 'Li', '--host', 'N-graphene', '--sac', 'Zn-N5', '--no-store'], { cwd: tmp });
  assert.match(sac.stderr, /--sac: got "Zn-N5", expected a known SAC site: .* \(or give the SAC by its DFT numbers, e\.g\. "binding -2\.9 eV, .*"\) \(did you mean "Zn-N4"\?\)/);
  const metal = await cli(['nucleation', '--metal', 'Li', '--host', 'N-graphene', '--sac', 'Co-N4', '--no-store'], { cwd: tmp });
  assert.match(metal.stderr, /Co-N4 has them for Na, K \(or give the SAC by its DFT numbers/);
  assert.doesNotMatch(host.stderr + sac.stderr + metal.stderr, /parameters\./);
  // a run file keeps its own way, with the hint
  const f = path.join(tmp, 'typo-host.yaml');
  fs.writeFileSync(f, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphen\nprotocol: [Plate at 1 mA/cm2 for 1 s]\n');
  const run = await cli(['params', 'resolve', f], { cwd: tmp });
  assert.match(run.stderr, /host: got "N-graphen", expected a known host: .* \(or define one under parameters\.hosts\) \(did you mean "N-graphene"\?\)/);
});
