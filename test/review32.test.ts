/**
 * Session 32, task review32: a second reading of the day's merges (runquery, audit33, mends39); each test fails on
 * the code before its fix. (1) A source the user gave with `assumed: true` ("my estimate") was cited as a work
 * (audit33's `given` came before `assumed`): listed under the parameter sources and written to BibTeX, where
 * before audit33 it was "my estimate [assumed value]" under Not citations. (2) A screen descriptor row without a
 * source was listed as "your own values, no source given (a value written { value, unit, source: { ref } } cites one)":
 * a descriptor file has no such place; its source column does it. (3) The workbench without a store refused a filter
 * or an order showing the parsed conditions (`where: got [{"column":"average_ce",...}]`), not what was written. (4) The library's
 * runScreen({ objectives }) named no near objective for a misspelt one, where `screen --objectives` and a screen file's
 * objectives: do (audit33 hinted those two).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { runScreen } from '../src/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-review32-'));

test('cite: a source the user gave and marked assumed stays an assumed value, not a work to cite; one not marked is cited', async () => {
  const f = path.join(tmp, 'assumed-source.yaml');
  fs.writeFileSync(f, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nsacs: [{ site: Cu-N3, loading: 2 % }]\n'
    + 'protocol: [Plate at 1 mA/cm2 for 1 s]\nparameters: { sacs: { Cu-N3: { element: Cu, metals: { Li: {\n'
    + '  binding: { value: 0.6, unit: eV, source: { ref: "my estimate", assumed: true } },\n'
    + '  redShift: { value: -0.05, unit: eV, source: "own VASP PBE, unpublished" } } } } } }\n');
  const text = await cli(['cite', f], { cwd: tmp });
  assert.equal(text.code, 0, text.stderr);
  const [cited, notCited] = text.stdout.split('Not citations');
  assert.doesNotMatch(cited!, /my estimate/);
  assert.match(notCited!, /\n {2}- my estimate \[assumed value\]\n {6}for Cu-N3\.metals\.Li\.binding/);
  assert.match(cited!, /\n {2}- own VASP PBE, unpublished\n {6}for Cu-N3\.metals\.Li\.redShift/);
  const bib = await cli(['cite', f, '--bibtex'], { cwd: tmp });
  assert.equal(bib.code, 0, bib.stderr);
  assert.doesNotMatch(bib.stdout, /my estimate/);
  assert.match(bib.stdout, /title = \{own VASP PBE, unpublished\}/);
});

test('cite of a screen: a descriptor row without a source is told the source column that cites it, not only a parameters: value\'s source', async () => {
  fs.writeFileSync(path.join(tmp, 'rows.csv'), 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading\nX-N4,Cu,-0.8,0.08,0.10,0.05,2 %\n');
  const f = path.join(tmp, 'screen.yaml');
  fs.writeFileSync(f, 'name: review32-rows\nbase:\n  metal: Li\n  lattice: { size: [8, 8, 8], voxel: 10 nm }\n  host: N-graphene\n  protocol: [Plate at 1 mA/cm2 for 1 s]\n'
    + 'descriptors: rows.csv\nobjectives: [nucleation_overpotential_mV, sustainability]\n');
  const r = await cli(['cite', f], { cwd: tmp });
  assert.equal(r.code, 0, r.stderr);
  const notCited = r.stdout.split('Not citations')[1]!;
  // it said only "(a value written { value, unit, source: { ref } } cites one)", which a descriptor file has no place for
  assert.match(notCited, /\n {2}- your own values, no source given \(.*a descriptor row's source column, cites one\)\n {6}for plating: X-N4: metals\.Li\.binding/);
});

test('workbench without a store: GET /api/runs?where= or ?sort= is refused with the value as written, not the parsed conditions', async () => {
  const service = new RunService({ store: null, writeFiles: false });
  const app = await buildApp({ service });
  try {
    for (const [q, message] of [
      [`where=${encodeURIComponent('average_ce>0.95; host=graphene')}`, /^where: got "average_ce>0\.95; host=graphene", expected no filter or order: this workbench runs without a store/],
      ['sort=-average_ce', /^sort: got "-average_ce", expected no filter or order/],
    ] as const) {
      const r = await app.inject({ method: 'GET', url: `/api/runs?${q}` });
      assert.equal(r.statusCode, 400, r.body);
      // it said: where: got [{"column":"average_ce","op":">","value":0.95},...]
      assert.match((r.json() as { error: string }).error, message);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/api/runs' })).statusCode, 200);
  } finally { await app.close(); await service.close(); }
});

test('library: runScreen\'s objectives option hints the nearest objective, as screen --objectives and a screen file do', async () => {
  // refused before any run: nothing simulated, nothing recorded
  await assert.rejects(runScreen('examples/screen-li.yaml', { objectives: ['nucleaton_overpotential_mV'], record: false }),
    /^InputError: objectives: got "nucleaton_overpotential_mV", expected one of nucleation_overpotential_mV, .* \(did you mean "nucleation_overpotential_mV"\?\)$/);
  const cliSays = await cli(['screen', 'examples/screen-li.yaml', '--objectives', 'nucleaton_overpotential_mV']);
  assert.equal(cliSays.code, 2);
  assert.match(cliSays.stderr, /--objectives: got "nucleaton_overpotential_mV", expected one of .* \(did you mean "nucleation_overpotential_mV"\?\)/);
});
