/**
 * loose10 (session 21): `sacplate cite <screen file>` gives every source a screen's ranking reads
 * (src/cite/screen.ts), as text, BibTeX or RIS, without simulating. Fails on main 06ce216, which
 * refused a screen file ("a screen file (base + candidates), not one run"). In-process CLI
 * (test/helpers/cli.ts); nothing is simulated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose10-cite-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('cite of a screen file: the candidates\' sets (the screen\'s metal only), a descriptor row\'s source, element, hazard, synthesis and electrolyte data; one entry per work; a candidate that does not resolve is said and left out', async () => {
  fs.writeFileSync(path.join(tmp, 'desc.csv'), 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading,synthesis,synthesis_temperature_C,source\n'
    + 'Cu-test,Cu,-0.8,0.08,0.1,0.05,4 %,pyrolysis,800,"A. Author and B. Author, J. Test. Chem., 2025, 7, 101, doi:10.1234/jtc.2025.101"\n');
  fs.writeFileSync(path.join(tmp, 'screen.yaml'), `name: cite-me
base: { metal: Li, host: N-graphene, lattice: { size: [8, 8, 10], voxel: 10 nm }, protocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2] }
descriptors: desc.csv
electrolyte: { salt: LiTFSI, solvents: [DOL, DME] }
candidates:
  - { name: Zn-N4, sacs: [{ site: Zn-N4, loading: 2 % }], synthesis: { route: pyrolysis, temperature: 900 degC } }
  - { name: Co-N4 for Li, sacs: [{ site: Co-N4, loading: 2 % }] }
`);
  const t = await run('cite', 'screen.yaml');
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /^Cite for this screen/);
  // the review's record for Zn-N4 (ref 58), its Li entries only: ref 70 is Zn-N4's Na source
  assert.match(t.stdout, /K\. Xu, M\. Zhu, .* \(ref 58 of the review\)\n {6}for plating: Zn-N4: metals\.Li\./);
  assert.doesNotMatch(t.stdout, /ref 70 of the review|metals\.Na\./);
  // the element data (HHI, mendeleev for abundance and price), the descriptor row's own source
  assert.match(t.stdout, /^ {2}- Gaultois et al\., Chem\. Mater\. 25, 2911 \(2013\), doi:10\.1021\/cm400893e\n {6}for elements: Zn: hhi, elements: Cu: hhi$/m);
  assert.match(t.stdout, /mendeleev .*\n {6}for plating: Li: molarMass, .*elements: Zn: abundance/);
  assert.match(t.stdout, /A\. Author and B\. Author, J\. Test\. Chem\., 2025, 7, 101, doi:10\.1234\/jtc\.2025\.101\n {6}for plating: Cu-test: metals\.Li\.binding/);
  // the synthesis statements and the electrolyte criterion are the review's: listed under its line, not as entries of their own
  assert.match(t.stdout, /^ {2}\[review\] .*doi:10\.1039\/d4gc02590c\n {6}for .*synthesis: pyrolysis: statement.*electrolyte: electrolyte components/m);
  // assumed route numbers are not citations
  assert.match(t.stdout, /^Not citations: .*\n(.*\n)*? {2}- assumed \[assumed value\]\n {6}for synthesis: pyrolysis: /m);
  assert.equal(t.stderr.trim().split('\n').length, 1, t.stderr);
  assert.match(t.stderr, /^not cited \(its input does not resolve, so the screen does not rank it\): candidates\[1\] "Co-N4 for Li": sacs\[0\]\.site: got "Co-N4", expected a SAC site with parameters for Li/);
  const b = await run('cite', 'screen.yaml', '--bibtex');
  assert.equal(b.code, 0, b.stderr);
  const keys = [...b.stdout.matchAll(/^@(\w+)\{([^,]+),/gm)].map((m) => `${m[1]}:${m[2]}`);
  assert.deepEqual(keys.filter((k) => /ref58|Gaultois|Author|Mentel|Li2024/.test(k)), ['article:Li2024GreenChem', 'article:ref58_Xu2019', 'misc:src_Author2025', 'misc:src_Gaultois2013', 'misc:src_Mentel2014']);
  assert.equal(new Set(keys).size, keys.length, 'one entry per work');
  assert.match(b.stdout, /@misc\{src_Author2025,\n {2}title = \{A\. Author and B\. Author, J\. Test\. Chem\., 2025, 7, 101\},\n {2}year = \{2025\},\n {2}doi = \{10\.1234\/jtc\.2025\.101\}/);
  const r = await run('cite', 'screen.yaml', '--ris');
  assert.match(r.stdout, /^DO {2}- 10\.1021\/cm400893e\r$/m);
  // a sweep file is still no run and no screen
  fs.writeFileSync(path.join(tmp, 'sweep.yaml'), 'name: s\nbase: { metal: Li, host: N-graphene, protocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2] }\naxes: [{ path: seed, values: [1, 2] }]\n');
  const s = await run('cite', 'sweep.yaml');
  assert.equal(s.code, 2);
  assert.match(s.stderr, /^sacplate: .*sweep\.yaml: a sweep file \(base \+ axes\), not one run: cite takes a run file, a run folder \(with resolved\.json\) or a screen file/);
});
