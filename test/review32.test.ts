/**
 * Session 32, task review32: a second reading of the day's merges (runquery, audit33, mends39); each test fails on
 * the code before its fix. (1) A source the user gave with `assumed: true` ("my estimate") was cited as a work
 * (audit33's `given` came before `assumed`): listed under the parameter sources and written to BibTeX, where
 * before audit33 it was "my estimate [assumed value]" under Not citations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

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
