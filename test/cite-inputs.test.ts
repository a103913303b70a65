/**
 * `sacplate cite` and the library's citations(): what they cite for a run, a run folder or its resolved.json, a
 * screen file and a user's own sources (assumed or not), BibTeX keys shared with `lit export`, and what they say for
 * sweep, comparison, CSV and metrics files, or a compare output folder.
 *
 * Moved here from test/audit21-library.test.ts, test/audit20.test.ts, test/audit30.test.ts, test/audit33.test.ts,
 * test/review32.test.ts, test/mends45.test.ts, test/review33.test.ts and test/review34.test.ts (branch testsort;
 * docs/history.md's testsort entry maps each old file to its new ones). Each test's story is told in
 * docs/history.md under the session that wrote it: a session's name in a test's name (e.g. 'mends36') refers to
 * that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { oneLine } from './helpers/input-error.js';
import { tempFolder, tempRoot } from './helpers/tmp.js';
import { cli } from './helpers/cli.js';
import { TINY_RUN_YAML } from './helpers/small-runs.js';
import { FileError } from '../src/errors.js';
import { citations, simulate } from '../src/index.js';
import { parseRunInput } from '../src/input/parse.js';
import { formatCitations, runSetsOf, runSources } from '../src/cite/citations.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cite-inputs');

/** the literature, loaded once for every test here (each load parses and validates 18 record files, ~0.1 s) */
let litCache: ReturnType<typeof import('../src/evidence/records.js').loadLiterature> | undefined;

const literature = async () => (litCache ??= (await import('../src/evidence/records.js')).loadLiterature());
const dir = tempFolder('cite-inputs');
const tmp = tempFolder('cite-inputs');
const tmp2 = tempFolder('cite-inputs');
const tmp3 = tempFolder('cite-inputs');
const tmp4 = tempFolder('cite-inputs');
const tmp5 = tempFolder('cite-inputs');

test('citations(run): what `sacplate cite` prints for the same run file (the library had no way to the sources a run used)', async () => {
  const lib = await import('sacplate');
  const { cli } = await import('./helpers/cli.js');
  for (const fmt of ['text', 'bibtex'] as const) {
    const r = await cli(['cite', 'examples/li-zn-sac.yaml', ...(fmt === 'bibtex' ? ['--bibtex'] : [])]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lib.citations('examples/li-zn-sac.yaml', fmt), r.stdout);
  }
  assert.throws(() => lib.citations('examples/li-zn-sac.yaml', 'apa' as never), oneLine(/^format: got "apa", expected one of text, bibtex, ris$/));
});

test('cite of a sweep or comparison file says what the file is and what cite takes (it was refused for a key of its kind); a screen file is cited', async () => {
  const { cli } = await import('./helpers/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a20-'));
  const screen = join(dir, 'screen.yaml'), compare = join(dir, 'compare.yaml');
  writeFileSync(screen, 'name: s\nbase: { metal: Li, host: N-graphene, protocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2] }\ncandidates: [{ name: bare, sacs: [] }]\n');
  writeFileSync(compare, 'metal: Li\nprotocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2]\nvariants: [{ name: Cu, host: Cu }]\n');
  // since loose10 a screen file is cited whole (the screen-file test at the end of this file), no longer refused
  const s = await cli(['cite', screen]);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /^Cite for this screen/);
  const c = await cli(['cite', compare]);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /compare\.yaml: a comparison file \(variants\), not one run: .*DIR\/<case>\/resolved\.json/);
});

test('lit export --format bibtex and cite --bibtex key the same works alike (the review and ref 58 had two keys each)', async () => {
  const { toBibtex } = await import('../src/evidence/io.js');
  const { bibtex } = await import('../src/cite/citations.js');
  const lit = await literature();
  const keys = (bib: string) => [...bib.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]!);
  const exported = keys(toBibtex(lit.records, lit.review));
  // ref 58 as cite resolves a parameter set's "review ref 58" (the Zn-N4 set of examples/li-zn-sac.yaml)
  const ref58 = lit.records.flatMap((r) => r.citations).find((c) => c.number === 58)!;
  const cited = keys(bibtex([{ ref: 'review ref 58', used_by: ['Zn-N4.metals.Li.dft.Li0_binding'], assumed: false, kind: 'literature', citation: ref58, review_number: 58 }]));
  assert.ok(cited.includes('Li2024GreenChem') && cited.includes('ref58_Xu2019'), cited.join(' '));
  assert.ok(exported.includes('Li2024GreenChem') && exported.includes('ref58_Xu2019'), exported.join(' '));
});

test('cite of a compare or --seeds output folder names a run folder inside it to cite', async () => {
  const out = join(dir, 'cmp-out');
  mkdirSync(join(out, 'Cu'), { recursive: true });
  mkdirSync(join(out, 'graphene'), { recursive: true });
  writeFileSync(join(out, 'graphene', 'resolved.json'), '{}');
  writeFileSync(join(out, 'Cu', 'resolved.json'), '{}');
  writeFileSync(join(out, 'compare.csv'), 'case\n'); // compare's table (without it the folder is not said to be compare's: mends45)
  const r = await cli(['cite', out]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), `sacplate: ${out}: not a run folder (no resolved.json); it holds run folders (the output of compare or --seeds): cite one of them, e.g. ${join(out, 'Cu')}`);
  const empty = join(dir, 'empty-out');
  mkdirSync(empty);
  assert.equal((await cli(['cite', empty])).stderr.trim(), `sacplate: ${empty}: not a run folder (no resolved.json)`);
});

test('cite: a source the user gave is cited as a work whatever its words; a value without one is said to have none', async () => {
  const f = join(tmp, 'own-source.yaml');
  writeFileSync(f, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nsacs: [{ site: Cu-N3, loading: 2 % }]\n'
    + 'protocol: [Plate at 1 mA/cm2 for 1 s]\nparameters: { sacs: { Cu-N3: { element: Cu, metals: { Li: { binding: { value: 0.6, unit: eV, source: { ref: "own VASP PBE, unpublished", where: Table S2 } } } } } } }\n');
  const text = await cli(['cite', f], { cwd: tmp });
  assert.equal(text.code, 0, text.stderr);
  const [cited, notCited] = text.stdout.split('Not citations');
  // a ref without a digit was taken for a definition ("definition: own VASP PBE, unpublished", under Not citations)
  assert.match(cited!, /\n {2}- own VASP PBE, unpublished\n {6}for Cu-N3\.metals\.Li\.binding/);
  assert.doesNotMatch(notCited!, /VASP/);
  // mends63: the set's own line says what has no source (it read `your own values, no source given ...` for Cu-N3)
  assert.match(notCited!, /the set's own fields element: no source given .*\n {6}for Cu-N3\n/);
  const bib = await cli(['cite', f, '--bibtex'], { cwd: tmp });
  assert.match(bib.stdout, /title = \{own VASP PBE, unpublished\}/);
});

test('cite: a source the user gave and marked assumed stays an assumed value, not a work to cite; one not marked is cited', async () => {
  const f = join(tmp2, 'assumed-source.yaml');
  writeFileSync(f, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nsacs: [{ site: Cu-N3, loading: 2 % }]\n'
    + 'protocol: [Plate at 1 mA/cm2 for 1 s]\nparameters: { sacs: { Cu-N3: { element: Cu, metals: { Li: {\n'
    + '  binding: { value: 0.6, unit: eV, source: { ref: "my estimate", assumed: true } },\n'
    + '  redShift: { value: -0.05, unit: eV, source: "own VASP PBE, unpublished" } } } } } }\n');
  const text = await cli(['cite', f], { cwd: tmp2 });
  assert.equal(text.code, 0, text.stderr);
  const [cited, notCited] = text.stdout.split('Not citations');
  assert.doesNotMatch(cited!, /my estimate/);
  assert.match(notCited!, /\n {2}- my estimate \[assumed value\]\n {6}for Cu-N3\.metals\.Li\.binding/);
  assert.match(cited!, /\n {2}- own VASP PBE, unpublished\n {6}for Cu-N3\.metals\.Li\.redShift/);
  const bib = await cli(['cite', f, '--bibtex'], { cwd: tmp2 });
  assert.equal(bib.code, 0, bib.stderr);
  assert.doesNotMatch(bib.stdout, /my estimate/);
  assert.match(bib.stdout, /title = \{own VASP PBE, unpublished\}/);
});

test('cite of a screen: a descriptor row without a source is told the source column that cites it, not only a parameters: value\'s source', async () => {
  writeFileSync(join(tmp2, 'rows.csv'), 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading\nX-N4,Cu,-0.8,0.08,0.10,0.05,2 %\n');
  const f = join(tmp2, 'screen.yaml');
  writeFileSync(f, 'name: review32-rows\nbase:\n  metal: Li\n  lattice: { size: [8, 8, 8], voxel: 10 nm }\n  host: N-graphene\n  protocol: [Plate at 1 mA/cm2 for 1 s]\n'
    + 'descriptors: rows.csv\nobjectives: [nucleation_overpotential_mV, sustainability]\n');
  const r = await cli(['cite', f], { cwd: tmp2 });
  assert.equal(r.code, 0, r.stderr);
  const notCited = r.stdout.split('Not citations')[1]!;
  // it said only "(a value written { value, unit, source: { ref } } cites one)", which a descriptor file has no place for
  assert.match(notCited, /\n {2}- your own values, no source given \(.*a descriptor row's source column, cites one\)\n {6}for plating: X-N4: metals\.Li\.binding/);
});

test('citations() given a CSV, a metrics.json or a folder holding a run folder names what it was given and what it takes', async () => {
  const runFile = join(tmp3, 'tiny3.yaml');
  const holder = join(tmp3, 'holder');
  const run = join(holder, 'run1');
  writeFileSync(runFile, TINY_RUN_YAML);
  const s = await cli(['simulate', runFile, '--out', run, '--no-store', '--no-figures']);
  assert.equal(s.code, 0, s.stderr);
  const takes = "citations() takes a run file, a run folder, a run object or a resolved run (a screen file's sources: `sacplate cite FILE`)";
  const refusal = (input: string) => { try { citations(input); } catch (e) { assert.ok(e instanceof FileError, String(e)); return (e as Error).message; } assert.fail(`${input} was cited`); };
  const eta = join(run, 'eta.csv');
  const first = readFileSync(eta, 'utf8').split('\n', 1)[0]!;
  assert.equal(refusal(eta), `${eta}: a table (first line ${JSON.stringify(first.slice(0, 60) + '...')}; \`sacplate analyze\` reads a run's eta.csv or a cycler's data), not a run file; ${takes}`);
  const metrics = join(run, 'metrics.json');
  assert.equal(refusal(metrics), `${metrics}: a run folder's metrics.json (what simulate writes beside its outputs), not an input file; ${takes}`);
  assert.equal(refusal(holder), `${holder}: not a run folder (no resolved.json); it holds a run folder: cite that, ${run}`);
  const empty = join(tmp3, 'empty-folder');
  mkdirSync(empty);
  assert.equal(refusal(empty), `${empty}: not a run folder (no resolved.json); ${takes}`);
  assert.match(citations(run), /sacplate/, 'the run folder itself is cited');
});

test('citations() given a screen file points to `sacplate cite`, which cites it (it said only that a run file is read here)', async () => {
  const screen = resolve('examples/screen-li.yaml');
  assert.throws(() => citations(screen), (e: Error) => e instanceof FileError
    && e.message === `${screen}: a screen file (base + candidates): sacplate screen runs it; citations() takes a run file, a run folder, a run object or a resolved run (a screen file's sources: \`sacplate cite FILE\`)`);
  const c = await cli(['cite', screen]);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /^Cite for this screen/, 'what the line points to does cite it');
});

test('citations() given a run folder cites its resolved.json, as `sacplate cite DIR` does (it said EISDIR)', async () => {
  const f = join(tmp4, 'run.yaml'), out = join(tmp4, 'run-out');
  writeFileSync(f, 'metal: Li\nlattice: { size: [6, 6, 8], voxel: 10 nm }\nhost: graphene\nsacs: [{ site: Zn-N4, loading: 5 % }]\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', f, '--out', out, '--no-store', '--no-figures']);
  assert.equal(s.code, 0, s.stderr);
  for (const [fmt, flag] of [['text', []], ['bibtex', ['--bibtex']]] as const) {
    const c = await cli(['cite', out, ...flag]);
    assert.equal(c.code, 0, c.stderr);
    assert.equal(citations(out, fmt), c.stdout);
  }
  assert.match(citations(out), /Zn-N4/, 'the run\'s own sets are cited');
  assert.throws(() => citations(tmp4), (e: Error) => e instanceof FileError && /not a run folder \(no resolved\.json\); it holds a run folder: cite that, .*run-out$/.test(e.message));
});

test('citations() and cite given a run folder\'s resolved.json cite it as its folder; simulate() says what it is (its keys were listed as unknown run keys)', async () => {
  const f = join(tmp5, 'r.yaml'), out = join(tmp5, 'r-out');
  writeFileSync(f, 'metal: Li\nlattice: { size: [6, 6, 8], voxel: 10 nm }\nhost: graphene\nsacs: [{ site: Zn-N4, loading: 5 % }]\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', f, '--out', out, '--no-store', '--no-figures']);
  assert.equal(s.code, 0, s.stderr);
  const resolved = join(out, 'resolved.json');
  assert.equal(citations(resolved, 'bibtex'), citations(out, 'bibtex'));
  const c = await cli(['cite', resolved]);
  assert.equal(c.code, 0, c.stderr);
  assert.equal(c.stdout, (await cli(['cite', out])).stdout);
  assert.throws(() => simulate(resolved), (e: Error) => e.message === `${resolved}: a run folder's resolved.json (what simulate writes beside its outputs), not an input file; a run file (metal, lattice, host, protocol) is read here`);
});

// From loose10-cite (session 21, task loose10): `sacplate cite <screen file>` gives every source a screen's ranking
// reads (src/cite/screen.ts), as text, BibTeX or RIS, without simulating. Failed on main 06ce216, which refused a
// screen file ("a screen file (base + candidates), not one run"). Nothing is simulated.
const tmpScreen = tempFolder('cite-inputs');
const runScreen = (...args: string[]) => cli(args, { cwd: tmpScreen });

test('cite of a screen file: the candidates\' sets (the screen\'s metal only), a descriptor row\'s source, element, hazard, synthesis and electrolyte data; one entry per work; a candidate that does not resolve is said and left out', async () => {
  writeFileSync(join(tmpScreen, 'desc.csv'), 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading,synthesis,synthesis_temperature_C,source\n'
    + 'Cu-test,Cu,-0.8,0.08,0.1,0.05,4 %,pyrolysis,800,"A. Author and B. Author, J. Test. Chem., 2025, 7, 101, doi:10.1234/jtc.2025.101"\n');
  writeFileSync(join(tmpScreen, 'screen.yaml'), `name: cite-me
base: { metal: Li, host: N-graphene, lattice: { size: [8, 8, 10], voxel: 10 nm }, protocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2] }
descriptors: desc.csv
electrolyte: { salt: LiTFSI, solvents: [DOL, DME] }
candidates:
  - { name: Zn-N4, sacs: [{ site: Zn-N4, loading: 2 % }], synthesis: { route: pyrolysis, temperature: 900 degC } }
  - { name: Co-N4 for Li, sacs: [{ site: Co-N4, loading: 2 % }] }
`);
  const t = await runScreen('cite', 'screen.yaml');
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /^Cite for this screen/);
  // the review's record for Zn-N4 (ref 58), its Li entries only: ref 70 is Zn-N4's Na source
  assert.match(t.stdout, /K\. Xu, M\. Zhu, .* \(ref 58 of the review\)\n {6}for plating: Zn-N4: metals\.Li\./);
  assert.doesNotMatch(t.stdout, /ref 70 of the review|metals\.Na\./);
  // the element data (HHI, mendeleev for abundance and price), the descriptor row's own source
  assert.match(t.stdout, /^ {2}- Gaultois et al\., Chem\. Mater\. 25, 2911 \(2013\), doi:10\.1021\/cm400893e\n {6}for elements: Zn: hhi, elements: Cu: hhi$/m);
  // (since review56 the metal's melting point is a fourth mendeleev value of Li, so Zn's two values are in the cut list's rest)
  assert.match(t.stdout, /mendeleev .*\n {6}for plating: Li: molarMass, .*plating: Li: meltingPoint and \d+ more: .*2 of elements: Zn/);
  assert.match(t.stdout, /A\. Author and B\. Author, J\. Test\. Chem\., 2025, 7, 101, doi:10\.1234\/jtc\.2025\.101\n {6}for plating: Cu-test: metals\.Li\.binding/);
  // the synthesis statements and the electrolyte criterion are the review's: listed under its line, not as entries of their own
  assert.match(t.stdout, /^ {2}\[review\] .*doi:10\.1039\/d4gc02590c\n {6}for .*synthesis: pyrolysis: statement.*electrolyte: electrolyte components/m);
  // assumed route numbers are not citations
  assert.match(t.stdout, /^Not citations: .*\n(.*\n)*? {2}- assumed \[assumed value\]\n {6}for synthesis: pyrolysis: /m);
  assert.equal(t.stderr.trim().split('\n').length, 1, t.stderr);
  assert.match(t.stderr, /^not cited \(its input does not resolve, so the screen does not rank it\): candidates\[1\] "Co-N4 for Li": sacs\[0\]\.site: got "Co-N4", expected a SAC site with parameters for Li/);
  const b = await runScreen('cite', 'screen.yaml', '--bibtex');
  assert.equal(b.code, 0, b.stderr);
  const keys = [...b.stdout.matchAll(/^@(\w+)\{([^,]+),/gm)].map((m) => `${m[1]}:${m[2]}`);
  assert.deepEqual(keys.filter((k) => /ref58|Gaultois|Author|Mentel|Li2024/.test(k)), ['article:Li2024GreenChem', 'article:ref58_Xu2019', 'misc:src_Author2025', 'misc:src_Gaultois2013', 'misc:src_Mentel2014']);
  assert.equal(new Set(keys).size, keys.length, 'one entry per work');
  assert.match(b.stdout, /@misc\{src_Author2025,\n {2}title = \{A\. Author and B\. Author, J\. Test\. Chem\., 2025, 7, 101\},\n {2}year = \{2025\},\n {2}doi = \{10\.1234\/jtc\.2025\.101\}/);
  const r = await runScreen('cite', 'screen.yaml', '--ris');
  assert.match(r.stdout, /^DO {2}- 10\.1021\/cm400893e\r$/m);
  // a sweep file is still no run and no screen
  writeFileSync(join(tmpScreen, 'sweep.yaml'), 'name: s\nbase: { metal: Li, host: N-graphene, protocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2] }\naxes: [{ path: seed, values: [1, 2] }]\n');
  const s = await runScreen('cite', 'sweep.yaml');
  assert.equal(s.code, 2);
  assert.match(s.stderr, /^sacplate: .*sweep\.yaml: a sweep file \(base \+ axes\), not one run: cite takes a run file, a run folder \(with resolved\.json\) or a screen file/);
});

test('cite of a screen file counts a cut list\'s rest per candidate or element, not one "set" per value (review50: "and 13 more: 1 of elements: Zn: price, 1 of elements: Fe: abundance, ...")', async () => {
  const { screenSources } = await import('../src/cite/screen.js');
  const { formatCitations } = await import('../src/cite/citations.js');
  const { sources } = await screenSources(resolve('examples/screen-li.yaml'));
  const text = formatCitations(sources, 'this screen');
  const cut = text.split('\n').filter((l) => / and \d+ more: /.test(l));
  assert.ok(cut.length >= 3, text);
  for (const line of cut) {
    const n = Number(/ and (\d+) more: /.exec(line)![1]);
    const items = line.split(/ and \d+ more: /)[1]!.split(', ');
    // each item "<count> of <stage>: <set>": the stage and the candidate, element or route, never a value's own field
    const counts = items.map((x) => /^(\d+) of ([a-z]+): ([^:]+)$/.exec(x));
    assert.ok(counts.every((m) => m !== null), `an item names a value, not its set: ${line}`);
    assert.equal(counts.reduce((a, m) => a + Number(m![1]), 0), n, line);
    assert.equal(new Set(counts.map((m) => `${m![2]}: ${m![3]}`)).size, counts.length, `each set once: ${line}`);
  }
  // the element data's line: both values of each element the cut leaves out, counted together
  // (the metal's four mendeleev values come first since review56's melting point: every element is in the rest)
  const mendeleev = cut.find((l) => /plating: Li: meltingPoint and/.test(l));
  assert.ok(mendeleev, text);
  for (const el of ['Zn', 'Fe', 'Co', 'Mn', 'Ni', 'Cu']) assert.ok(mendeleev.includes(`2 of elements: ${el}`), `${el}: ${mendeleev}`);
});

test('cite of a sector run\'s folder (simulate --sectors) cites the sector scheme, Shim and Amar 2005; a serial run\'s does not (review47: it cited the run as a serial one)', async () => {
  const t = tempFolder('cite-inputs');
  const f = join(t, 'sec.yaml'), out = join(t, 'sec-out');
  // the smallest box the scheme takes (16 x 8 x 8 voxels of 50 nm), one voxel plated
  writeFileSync(f, 'metal: Li\nlattice: { size: [16, 8, 8], voxel: 50 nm }\nhost: Cu\nprotocol: [Plate 0.0001 mAh/cm2 at 3 mA/cm2]\nseed: 2\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', f, '--sectors', '2', '--out', out, '--no-store', '--no-figures']);
  assert.equal(s.code, 0, s.stderr);
  const c = await cli(['cite', out]);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /Y\. Shim and J\. G\. Amar, .*Phys\. Rev\. B.* 71, 125432.*doi:10\.1103\/PhysRevB\.71\.125432/);
  assert.match(c.stdout, /for the sector scheme \(simulate --sectors\)/);
  // a method of the engine, not a parameter's source: under its own heading, not "Parameter sources" (review47)
  const params = c.stdout.split('\n').indexOf('Parameter sources (as the parameter sets cite them):');
  const methods = c.stdout.split('\n').indexOf('Methods (the algorithms this run ran with):');
  assert.ok(methods > 0, c.stdout);
  const shim = c.stdout.split('\n').findIndex((l) => /Shim/.test(l));
  // (after the kMC solver's entry, which every run cites since session 41: two lines each)
  assert.equal(shim, methods + 3, c.stdout);
  assert.match(c.stdout.split('\n')[methods + 1]!, /^ {2}- A\. B\. Bortz, M\. H\. Kalos and J\. L\. Lebowitz/);
  assert.doesNotMatch(c.stdout, /Oppelstrup/, 'a sector run\'s threads move lone atoms hop by hop: no first-passage kMC');
  assert.ok(params < 0 || params > shim || !c.stdout.split('\n').slice(params, methods).some((l) => /Shim/.test(l)), c.stdout);
  const bib = citations(out, 'bibtex');
  const entry = bib.split('\n\n').find((e) => e.includes('PhysRevB.71.125432'))!;
  assert.match(entry, /note = \{the method of this run: the sector scheme \(simulate --sectors\)\}/);
  assert.doesNotMatch(entry, /parameter set/);
  const risEntry = citations(out, 'ris').split('\r\n\r\n').find((e) => e.includes('PhysRevB.71.125432'))!;
  assert.match(risEntry, /^N1 {2}- the method of this run: the sector scheme \(simulate --sectors\)\r$/m);
  assert.equal(citations(out), c.stdout, 'the library cites it too');
  assert.equal(citations(join(out, 'resolved.json')), c.stdout, 'and its resolved.json as its folder');
  assert.match(citations(out, 'bibtex'), /doi = \{10\.1103\/PhysRevB\.71\.125432\}/);
  // the same run file cited as a file (no engine) and a serial run's folder cite no scheme
  assert.doesNotMatch(citations(f), /Shim/);
});

// mends61 (review49): `cite run-...` said "no such run file or run folder": a compare case run without --out could not be
// cited. A stored run's id (or a unique prefix, as `runs show`) is cited from its run folder when the store names one, else
// from its stored input resolved, as cite resolves a run file
test('cite of a stored run\'s id: a compare case run without --out cites as its case\'s run file; one with --out as its folder; an unknown id is one line', async () => {
  const d = tempFolder('cite-inputs');
  const db = join(d, 'store.db');
  const file = join(d, 'cmp.yaml');
  const base = TINY_RUN_YAML.replace('host: Cu', 'host: graphene');
  writeFileSync(file, `${base}variants:\n  - { name: bare }\n  - { name: zn, sacs: [{ site: Zn-N4, loading: 10 % }] }\n`);
  const cmp = await cli(['compare', file, '--db', db, '--threads', '1']);
  assert.equal(cmp.code, 0, cmp.stderr);
  const { openStore } = await import('../src/store/library.js');
  const store = openStore(db);
  const ids = Object.fromEntries(store.listRuns().map((r) => [String(r.name).replace(/^.*\[(.*)\]$/, '$1'), r.id]));
  store.close();
  const caseFile = join(d, 'zn.yaml');
  writeFileSync(caseFile, `${base}sacs: [{ site: Zn-N4, loading: 10 % }]\n`);
  const byFile = await cli(['cite', caseFile]);
  const byId = await cli(['cite', ids.zn!, '--db', db]);
  assert.equal(byId.code, 0, byId.stderr);
  assert.equal(byId.stdout, byFile.stdout, 'the case cites as its own run file');
  assert.match(byId.stdout, /for Zn-N4/);
  assert.match(byId.stderr, /^cited from stored run run-\S+: its stored input, resolved with this version's parameter sets/);
  // a unique prefix, as runs show takes it
  assert.equal((await cli(['cite', ids.zn!.slice(0, -3), '--db', db])).stdout, byFile.stdout);
  assert.notEqual((await cli(['cite', ids.bare!, '--db', db])).stdout, byId.stdout, 'each case its own');
  // a run with --out: its folder's resolved.json (the sets the run used)
  const out = join(d, 'out');
  assert.equal((await cli(['simulate', caseFile, '--out', out, '--db', db, '--no-figures'])).code, 0);
  const s2 = openStore(db);
  const folderRun = s2.listRuns().find((r) => r.out_dir === out)!;
  s2.close();
  const viaFolder = await cli(['cite', folderRun.id, '--db', db]);
  assert.equal(viaFolder.stdout, (await cli(['cite', out])).stdout);
  assert.equal(viaFolder.stderr.trim(), `cited from stored run ${folderRun.id}: its run folder ${out}`);
  const none = await cli(['cite', 'run-20990101-000000000-0badf00d', '--db', db]);
  assert.equal(none.code, 2);
  assert.equal(none.stderr.trim(), 'sacplate: run-20990101-000000000-0badf00d: no such run file, run folder or stored run (the id or a unique prefix of one: sacplate runs list)');
});

test('cite of a user SAC set whose values have a source names what has none: the set\'s own fields (element, support), apart from a value given without one (review50: the set was listed under "your own values, no source given")', () => {
  const input = (metals: Record<string, unknown>, own: Record<string, unknown> = { element: 'Fe', support: 'N-graphene' }) => parseRunInput({ metal: 'Na', host: 'N-graphene',
    lattice: { size: [8, 8, 8], voxel: '10 nm' }, sacs: [{ site: 'Fe-N4-na', loading: '2 %' }], protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'],
    parameters: { sacs: { 'Fe-N4-na': { ...own, metals: { Na: metals } } } } }, {});
  const notCited = (run: ReturnType<typeof parseRunInput>) => formatCitations(runSources(run.provenance, runSetsOf(run))).split('Not citations')[1] ?? '';
  // review50's set: its one value cited; only the set's own fields have no source
  const one = notCited(input({ binding: { value: 0.9, unit: 'eV', source: { ref: 'doi:10.1021/acsnano.0c01234', where: 'Fig. 2' } } }));
  assert.match(one, /\n {2}- the set's own fields element, support: no source given [^\n]*\n {6}for Fe-N4-na\n/);
  assert.doesNotMatch(one, /your own values/);
  // a value without a source is listed as such, apart from the set's fields
  const two = notCited(input({ binding: '0.9 eV' }));
  assert.match(two, /\n {2}- your own values, no source given [^\n]*\n {6}for Fe-N4-na\.metals\.Na\.binding\n/);
  assert.match(two, /\n {2}- the set's own fields element, support: no source given [^\n]*\n {6}for Fe-N4-na\n/);
  // a set giving no own field (only its energies) has no such line; one whose `source:` cites it neither
  assert.doesNotMatch(notCited(input({ binding: { value: 0.9, unit: 'eV', source: 'own VASP 2025' } }, {})), /set's own fields|your own values/);
  assert.doesNotMatch(notCited(input({ binding: { value: 0.9, unit: 'eV', source: 'own VASP 2025' } }, { element: 'Fe', source: 'own VASP 2025' })), /set's own fields|your own values/);
});

test('cite of a user SAC set with dft numbers the run does not read: listed under "Not citations", not as sources of the run (mends126; review90 F3)', () => {
  const src = { ref: 'doi:10.9999/mine.2026', where: 'Table 2' };
  const dft = { Li0_binding: { value: -2.95, unit: 'eV', source: src }, formation_energy: { value: -1.8, unit: 'eV', source: src } };
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '20 nm' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], host: 'graphene',
    parameters: { sacs: { 'Cu-N4-mine': { element: 'Cu', metals: { Li: { binding: { value: 0.915, unit: 'eV', source: src }, dft } } } } }, sacs: [{ site: 'Cu-N4-mine', loading: '3 %' }] };
  const text = citations(run, 'text');
  const [cited, notCited] = text.split('Not citations');
  // the binding the run reads is cited by its source; the dft values it does not read are not among its sources
  assert.match(cited!, /doi:10\.9999\/mine\.2026[^\n]*\n {6}for Cu-N4-mine\.metals\.Li\.binding/);
  assert.doesNotMatch(cited!, /Cu-N4-mine\.metals\.Li\.dft/);
  assert.match(notCited!, /given but not used by the run[^]*Cu-N4-mine\.metals\.Li\.dft\.Li0_binding/);
  assert.match(notCited!, /Cu-N4-mine\.metals\.Li\.dft\.formation_energy/);
});

test('cite of a screen ranked on the stability criteria lists the standard-potential table as a data source with the cohesive energies, not under "definition:" (mends64: stab64 read "definition: CRC Handbook ... (Vanysek)")', async () => {
  const { screenSources } = await import('../src/cite/screen.js');
  const { formatCitations } = await import('../src/cite/citations.js');
  const t = tempFolder('cite-inputs');
  const yaml = readFileSync(resolve('examples/screen-li.yaml'), 'utf8')
    .replace(/^objectives: .*$/m, 'objectives: [aggregation_margin_eV, dissolution_potential_V]')
    .replace('descriptors: screen-li-descriptors.csv', `descriptors: ${resolve('examples/screen-li-descriptors.csv')}`);
  writeFileSync(join(t, 'stab.yaml'), yaml);
  const { sources } = await screenSources(join(t, 'stab.yaml'));
  const text = formatCitations(sources, 'this screen');
  const [cited, notCited] = text.split('Not citations');
  assert.match(cited ?? '', /CRC Handbook of Chemistry and Physics[^\n]*Electrochemical Series[^\n]*\n\s+for stability: (Cu|Mn): dissolution/, text);
  assert.match(cited ?? '', /Kittel[^\n]*\n\s+for [^\n]*stability: (Cu|Mn): cohesive energy/, text);
  assert.doesNotMatch(notCited ?? '', /CRC|Electrochemical Series/, text);
});

// review65: a script's citations(run, 'bibtex') has a format argument and `elements`, `anode-capacity` take --format, so
// `cite FILE --format bibtex` was tried and got `unknown option '--format'` with no word of --bibtex; it is the same as
// --bibtex (and --format ris as --ris, --format text the default), a wrong word or a clash refused naming --format
test('cite --format bibtex|ris|text prints what --bibtex, --ris and no flag print; a wrong word or a clash with --bibtex is refused naming --format (review65)', async () => {
  const file = join(tempFolder('cite-format'), 'run.yaml');
  writeFileSync(file, TINY_RUN_YAML);
  for (const [format, flag] of [['bibtex', ['--bibtex']], ['ris', ['--ris']], ['text', []], ['BibTeX', ['--bibtex']]] as const) {
    const a = await cli(['cite', file, '--format', format]);
    const b = await cli(['cite', file, ...flag]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout, `--format ${format}`);
  }
  const bad = await cli(['cite', file, '--format', 'endnote']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format: got "endnote", expected text, bibtex or ris/);
  const clash = await cli(['cite', file, '--format', 'ris', '--bibtex']);
  assert.equal(clash.code, 2);
  assert.match(clash.stderr, /--format: got "ris", expected one output format/);
});

test('cli66: a cycler\'s .mpt or an analysis report.json given to cite, screen or sweep says what it is, not the YAML library\'s words or a run\'s unknown keys', async () => {
  const { loadScreenFile } = await import('../src/screen/spec.js');
  const { loadSweepFile } = await import('../src/sweep/spec.js');
  const d = tempFolder('cite-inputs');
  // an EC-Lab export's head (latin-1 in real files; the words are ASCII): it read `Implicit keys need to be on a single line`
  const mpt = join(d, 'licu.mpt');
  writeFileSync(mpt, 'EC-Lab ASCII FILE\r\nNb header lines : 5\r\n\r\nGalvanostatic Cycling with Potential Limitation\r\nmode\tox/red\ttime/s\tEwe/V\tI/mA\t\r\n1\t0\t0,0\t-1,0E-001\t-1,131\t\r\n');
  const refusal = (f: () => unknown) => { try { f(); } catch (e) { assert.ok(e instanceof FileError, String(e)); return (e as Error).message; } assert.fail('read'); };
  const what = `${mpt}: an EC-Lab text export (.mpt), a cycler's data (first line "EC-Lab ASCII FILE"; \`sacplate analyze\` reads it), not a`;
  assert.ok(refusal(() => citations(mpt)).startsWith(`${what} run file; citations() takes`), refusal(() => citations(mpt)));
  assert.ok(refusal(() => loadScreenFile(mpt)).startsWith(`${what} screen file; a screen file has base:`), refusal(() => loadScreenFile(mpt)));
  assert.ok(refusal(() => loadSweepFile(mpt)).startsWith(`${what} sweep file;`), refusal(() => loadSweepFile(mpt)));
  const r = await cli(['cite', mpt]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /an EC-Lab text export \(\.mpt\), a cycler's data .*not a run file; cite takes a run file/);
  // a tab-separated table reads as a table, as a CSV does
  const tsv = join(d, 'export.txt');
  writeFileSync(tsv, 'Time\tVoltage\tCurrent\n0\t0.1\t-1\n');
  assert.ok(refusal(() => citations(tsv)).startsWith(`${tsv}: a table (first line "Time\\tVoltage\\tCurrent"; \`sacplate analyze\` reads`), refusal(() => citations(tsv)));
  // analyze's report.json: its keys were listed as unknown run keys (`file: got "licu.mpt", expected no such key ...`)
  const rep = join(d, 'report.json');
  writeFileSync(rep, JSON.stringify({ file: 'licu.mpt', format: 'mpt', protocol: 'licu', checks: [], sources: {}, licu: { average_ce: 0.95 } }));
  assert.ok(refusal(() => citations(rep)).startsWith(`${rep}: an analysis report (report.json, what sacplate analyze writes beside its figures), not an input file; citations() takes`), refusal(() => citations(rep)));
});
