/**
 * `sacplate cite`: what a run used, as text and as BibTeX a reference manager accepts. Checked on
 * the example run files: every literature source the text lists (every DOI in it) is in the BibTeX,
 * the electrolyte's and the SEI set's sources included, and the BibTeX is well formed (standard
 * entry types, unique keys, balanced braces, an author or a title in each entry).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRunFile, parseRunInput } from '../src/input/parse.js';
import { runSources, formatCitations, bibtex, ris, runSetsOf, mergeSameWork, type RunSource } from '../src/cite/citations.js';

/** BibTeX entry types every standard style (plain, unsrt, natbib's plainnat) knows */
const STANDARD = new Set(['article', 'book', 'booklet', 'inbook', 'incollection', 'inproceedings', 'manual', 'mastersthesis', 'misc', 'phdthesis', 'proceedings', 'techreport', 'unpublished']);

function entries(bib: string): { type: string; key: string; body: string }[] {
  const out: { type: string; key: string; body: string }[] = [];
  const re = /@(\w+)\{([^,\s]+),/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(bib))) {
    // the entry runs to its matching closing brace
    let depth = 0, i = m.index + m[0].indexOf('{');
    for (; i < bib.length; i++) {
      if (bib[i] === '{') depth++;
      else if (bib[i] === '}' && --depth === 0) break;
    }
    assert.equal(depth, 0, `entry ${m[2]}: braces do not balance`);
    out.push({ type: m[1]!.toLowerCase(), key: m[2]!, body: bib.slice(m.index, i + 1) });
    re.lastIndex = i + 1;
  }
  return out;
}

function check(run: { provenance?: unknown }, what: string, dois: string[]): void {
  const sources = runSources(run.provenance, runSetsOf(run));
  const text = formatCitations(sources);
  const bib = bibtex(sources);
  const es = entries(bib);
  assert.equal(new Set(es.map((e) => e.key)).size, es.length, `${what}: keys unique`);
  for (const e of es) {
    assert.ok(STANDARD.has(e.type), `${what}: @${e.type}{${e.key}} is not a standard BibTeX entry type`);
    assert.match(e.body, /\n\s*(author|title)\s*=/, `${what}: ${e.key} has neither author nor title`);
  }
  // every DOI of a non-assumed source the text lists is in the BibTeX
  const inText = [...text.matchAll(/doi:(10\.[^\s,"]+)/g)].map((x) => x[1]!.replace(/[.)]+$/, ''));
  for (const d of dois) assert.ok(inText.includes(d), `${what}: the text lists doi ${d}`);
  for (const d of inText) assert.ok(bib.toLowerCase().includes(`doi = {${d.toLowerCase()}}`), `${what}: doi ${d} of the text is not in the BibTeX`);
}

test('cite --bibtex holds every source with a DOI the text lists, in standard entries', () => {
  // Li on graphene + Zn-N4: the review, ref 58, Li's exchange-current activation energy (J. Chem. Soc. Faraday Trans. 1986)
  check(loadRunFile('examples/li-zn-sac.yaml'), 'li-zn-sac', ['10.1039/d4gc02590c', '10.1039/F19868200179']);
  // an electrolyte: its set's source (Valoen & Reimers 2005)
  check(loadRunFile('examples/li-transport.yaml'), 'li-transport', ['10.1149/1.1872737']);
  // an SEI set: every value of it is assumed, and the text says so
  const sei = parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 10], voxel: '10 nm' }, sei: 'carbonate', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] }, {});
  check(sei, 'sei carbonate', []);
  const assumedSrc = runSources(sei.provenance, runSetsOf(sei)).find((x) => x.ref === 'assumed (sacplate)')!;
  assert.ok(assumedSrc.assumed && assumedSrc.used_by.includes('sei:carbonate.formationRate'), assumedSrc.used_by.join(', '));
});

test('cite --bibtex: a textbook source is kept, the review reference is keyed by its first author', () => {
  const run = loadRunFile('examples/li-zn-sac.yaml');
  const bib = bibtex(runSources(run.provenance, runSetsOf(run)));
  assert.match(bib, /Kittel, Introduction to Solid State Physics/);
  // ref 58: "K. Xu, M. Zhu, ..., Y. Qian"
  assert.match(bib, /@article\{ref58_Xu2019,/);
});

test('cite --bibtex and --ris of a source given by its DOI alone: a title and a key a reader can tell apart, not `@misc{src_source, title = {}`, and an RIS record with its TI (review50)', () => {
  // a DFT user's own SAC set, its binding cited by the paper's DOI as docs/parameters.md shows ("doi:10.xxxx/yyyy")
  const run = parseRunInput({ metal: 'Na', host: 'N-graphene', lattice: { size: [8, 8, 8], voxel: '10 nm' }, sacs: [{ site: 'Fe-N4-na', loading: '2 %' }],
    protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'],
    parameters: { sacs: { 'Fe-N4-na': { element: 'Fe', support: 'N-graphene', metals: { Na: { binding: { value: 0.9, unit: 'eV', source: { ref: 'doi:10.1021/acsnano.0c01234', where: 'Fig. 2' } } } } } } } }, {});
  const sources = runSources(run.provenance, runSetsOf(run));
  const bib = bibtex(sources);
  const e = entries(bib).find((x) => x.body.includes('doi = {10.1021/acsnano.0c01234}'));
  assert.ok(e, bib);
  const title = /\n\s*title = \{(.*)\},?\n/.exec(e.body)?.[1] ?? '';
  assert.ok(/\w/.test(title), `an empty title: ${e.body}`);
  assert.ok(title.includes('10.1021/acsnano.0c01234'), `the title says which work: ${e.body}`);
  assert.notEqual(e.key, 'src_source', e.body);
  assert.match(e.key, /acsnano/);
  const rec = ris(sources).split('\r\n\r\n').find((r) => r.includes('DO  - 10.1021/acsnano.0c01234'));
  assert.ok(rec, ris(sources));
  assert.match(rec, /^TI {2}- .*10\.1021\/acsnano\.0c01234/m);
});

test('cite --ris: the same sources as RIS records a reference manager imports (EndNote, Zotero)', () => {
  const run = loadRunFile('examples/li-transport.yaml');
  const sources = runSources(run.provenance, runSetsOf(run));
  const text = ris(sources);
  const recs = text.replace(/\r\n$/, '').split('\r\n\r\n');
  for (const r of recs) {
    const lines = r.split(/\r?\n/);
    assert.match(lines[0]!, /^TY {2}- (JOUR|COMP|GEN|BOOK)$/, 'a record starts with its type');
    assert.equal(lines[lines.length - 1], 'ER  - ', 'and ends with ER');
    for (const l of lines) assert.match(l, /^[A-Z][A-Z0-9] {2}- /, `RIS tag line: ${l}`);
    assert.ok(lines.some((l) => /^(TI|T1)  - ./.test(l)), 'every record has a title');
  }
  // the records are those of the BibTeX, DOIs included
  assert.equal(recs.length, (bibtex(sources).match(/^@/gm) ?? []).length);
  for (const d of ['10.1039/d4gc02590c', '10.1149/1.1872737', '10.1039/F19868200179']) assert.ok(text.includes(`DO  - ${d}`), d);
});

test('cite: a work cited twice (same DOI or address) is listed once, with the most specific text and every parameter that cites it', () => {
  // Li on graphene + Zn-N4: the Zn-N4 set cites the review by its DOI; the text printed it as the review and again as a source
  const run = loadRunFile('examples/li-zn-sac.yaml');
  const text = formatCitations(runSources(run.provenance, runSetsOf(run)));
  assert.equal(text.match(/d4gc02590c/gi)?.length, 1, text);
  assert.match(text, /\[review\][^\n]*doi:10\.1039\/d4gc02590c\n {6}for Zn-N4\n/);
  // two texts of one DOI (DOIs are case-insensitive) and a review reference with it: one entry, the resolved reference's
  const citation = { number: 7, authors: 'A. Author and B. Author', journal: 'J. Test', year: 2020, doi: '10.1000/ABC' } as NonNullable<RunSource['citation']>;
  const merged = mergeSameWork([
    { ref: 'Author 2020, doi:10.1000/abc', used_by: ['Li.a'], assumed: false, kind: 'literature' },
    { ref: 'review ref 7', used_by: ['Li.b'], assumed: false, kind: 'literature', citation, review_number: 7 },
    { ref: 'A. Author et al., J. Test (2020), doi:10.1000/ABC, table 2', used_by: ['Li.c', 'Li.a'], assumed: false, kind: 'literature', where: ['table 2'] },
    { ref: 'another paper 2021, doi:10.1000/xyz', used_by: ['Li.d'], assumed: false, kind: 'literature' },
    { ref: 'Kittel, 8th ed.', used_by: ['Li.e'], assumed: false, kind: 'literature' },
    { ref: 'Kittel, 8th ed., ch. 3', used_by: ['Li.f'], assumed: false, kind: 'literature' },
  ]);
  assert.deepEqual(merged.map((s) => [s.ref, s.used_by.join(' ')]), [
    ['review ref 7', 'Li.a Li.b Li.c'], ['another paper 2021, doi:10.1000/xyz', 'Li.d'], ['Kittel, 8th ed.', 'Li.e'], ['Kittel, 8th ed., ch. 3', 'Li.f'],
  ]);
  assert.deepEqual(merged[0]!.where, ['table 2']);
  // between two texts the longer one stays
  const texts = mergeSameWork([{ ref: 'X 2020 https://example.org/x', used_by: ['p'], assumed: false, kind: 'literature', url: 'https://example.org/x' },
    { ref: 'X et al., Journal 2020, https://example.org/x', used_by: ['q'], assumed: true, kind: 'literature', url: 'https://example.org/x' }]);
  assert.deepEqual(texts.map((s) => [s.ref, s.used_by.join(' '), s.assumed]), [['X et al., Journal 2020, https://example.org/x', 'p q', true]]);
});

// From loose5 (session 18, task loose5: a new user's audit); failed on the code before its fix.
test('cite: sources a reader can resolve (no shared/data path), definitions and model choices apart from the citations', () => {
  {
    const run = loadRunFile('examples/li-zn-sac.yaml');
    const sources = runSources(run.provenance, runSetsOf(run));
    const text = formatCitations(sources), bib = bibtex(sources), refs = ris(sources);
    for (const out of [text, bib, refs]) assert.doesNotMatch(out, /shared\/data/, 'a path only the project has');
    const [cited, own] = text.split(/^Not citations: .*$/m);
    assert.ok(own !== undefined, text);
    for (const internal of [/charge number of the alkali ion/, /MODEL\.md section 2/, /assumed \(sacplate\)/, /derived \(sacplate/]) {
      assert.doesNotMatch(cited!, internal);
      assert.match(own, internal);
    }
    assert.match(own, /definition: charge number of the alkali ion M\+\n\s+for Li\.z/);
    assert.match(own, /model choice: voxel edge of the atomistic mode \(the project's model document, MODEL\.md section 2\)\n\s+for Li\.atomicSpacing/);
    // the element file's values: mendeleev, with its address; the standard potential: the page the data row cites
    assert.match(cited!, /mendeleev .*https:\/\/github\.com\/lmmentel\/mendeleev\n\s+for Li\.molarMass, Li\.atomicVolume, Li\.capacity/);
    assert.match(cited!, /PMC6377277 .*https:\/\/www\.ncbi\.nlm\.nih\.gov\/pmc\/articles\/PMC6377277\/\n\s+for Li\.standardPotential/);
    assert.match(bib, /url = \{https:\/\/github\.com\/lmmentel\/mendeleev\}/);
    assert.match(refs, /UR {2}- https:\/\/www\.ncbi\.nlm\.nih\.gov\/pmc\/articles\/PMC6377277\//);
    assert.doesNotMatch(bib, /charge number|MODEL\.md/);
  }
});

test('cite names the methods a run ran with: the kMC solver (Bortz, Kalos and Lebowitz 1975) always, first-passage kMC (Oppelstrup et al. 2006) where lone adatoms took it (session 41: only a sector run had a Methods heading)', () => {
  const methodsOf = (run: unknown) => runSources((run as { provenance?: unknown }).provenance, runSetsOf(run)).filter((x) => x.kind === 'method').map((x) => x.ref.replace(/,.*$/, ''));
  // a plain run: first-passage lone adatoms on (the serial engine's default)
  assert.deepEqual(methodsOf(loadRunFile('examples/li-zn-sac.yaml')), ['A. B. Bortz', 'T. Oppelstrup']);
  const text = formatCitations(runSources(loadRunFile('examples/li-zn-sac.yaml').provenance, runSetsOf(loadRunFile('examples/li-zn-sac.yaml'))));
  assert.match(text, /^Methods \(the algorithms this run ran with\):\n {2}- A\. B\. Bortz[^\n]*doi:10\.1016\/0021-9991\(75\)90060-1\n/m);
  // an electrolyte field or an SEI turns first-passage off (simulation.ts): the solver only
  assert.deepEqual(methodsOf(loadRunFile('examples/li-transport.yaml')), ['A. B. Bortz']);
  const sei = parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 10], voxel: '10 nm' }, sei: 'carbonate', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] }, {});
  assert.deepEqual(methodsOf(sei), ['A. B. Bortz']);
  // a sector run's threads move lone atoms hop by hop: the solver and the sector scheme
  assert.deepEqual(methodsOf({ ...loadRunFile('examples/li-zn-sac.yaml'), engine: 'sectors' }), ['A. B. Bortz', 'Y. Shim and J. G. Amar']);
});

test('cite of a run that turned first-passage off (config.engine.adatoms "exact") names no first-passage kMC: resolved.json and the store record the switch (mends60)', async () => {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { simulate } = await import('../src/simulation/simulate.js');
  const { citations } = await import('../src/cite/run-citations.js');
  const { openStore } = await import('../src/store/library.js');
  const { RunService } = await import('../src/server/service.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cite-engine-'));
  try {
    // a slow terrace hop keeps the hop-by-hop run short (67 events)
    const input = { metal: 'Li', host: 'Cu', seed: 1, lattice: { size: [6, 6, 8], voxel: '10 nm' }, kinetics: { terraceBarrier: '0.6 eV' }, protocol: ['Plate 0.0002 mAh/cm2 at 3 mA/cm2'], output: { structures: [] } };
    const config = { engine: { adatoms: 'exact' as const } };
    const out = join(dir, 'run');
    simulate(input, { outDir: out, config });
    const resolved = JSON.parse(readFileSync(join(out, 'resolved.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(resolved.engine_config, { adatoms: 'exact' }, 'resolved.json records the switch');
    const text = citations(out);
    assert.match(text, /Bortz/);
    assert.doesNotMatch(text, /Oppelstrup/, 'no first-passage kMC for a run that did not use it');
    // the same record without the switch is a default run's: first-passage cited (the switch is what cite reads)
    const { engine_config: _e, ...plain } = resolved;
    assert.equal(runSetsOf(plain).firstPassage, true);
    assert.equal(runSetsOf(resolved).firstPassage, undefined);
    // the workbench's service (a library caller's config) records it in the store's record of the run
    const db = join(dir, 'store.db');
    const service = new RunService({ storePath: db, concurrency: 1, writeFiles: false });
    try {
      const v = service.start(input, 'exact adatoms', { config });
      await service.wait(v.id);
    } finally { await service.close(); }
    const store = openStore(db);
    try {
      const [row] = store.listRuns();
      assert.equal(row!.status, 'finished');
      assert.deepEqual((row!.metrics as { engine_config?: unknown }).engine_config, { adatoms: 'exact' }, 'the store records the switch');
    } finally { store.close(); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('cite of an SEI run names the SEI set among the assumed values: the cut list says which sets the rest are of (review49: "and 16 more" hid sei:carbonate, all 13 of its values)', () => {
  const run = parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 10], voxel: '100 nm' }, sei: 'carbonate', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] }, {});
  const sources = runSources(run.provenance, runSetsOf(run));
  const assumed = sources.find((s) => s.ref === 'assumed (sacplate)')!;
  const sei = assumed.used_by.filter((u) => u.startsWith('sei:carbonate.'));
  assert.ok(sei.length > 4, `the carbonate set's values are assumed: ${assumed.used_by.join(', ')}`);
  const lines = formatCitations(sources).split('\n');
  const at = lines.findIndex((l) => l.startsWith('  - assumed (sacplate)'));
  const line = lines[at + 1]!;
  // the first four by name, the rest counted per set: every one of the list, the SEI set by name
  const shown = assumed.used_by.slice(0, 4);
  assert.ok(line.startsWith(`      for ${shown.join(', ')} and ${assumed.used_by.length - 4} more: `), line);
  const counts = [...line.split(' more: ')[1]!.matchAll(/(\d+) of (\S+?)(?:,|$)/g)].map((m) => [m[2]!, Number(m[1])] as const);
  const rest = assumed.used_by.slice(4);
  const expected = new Map<string, number>();
  for (const u of rest) { const k = u.split('.')[0]!; expected.set(k, (expected.get(k) ?? 0) + 1); }
  assert.deepEqual(counts, [...expected], line);
  assert.ok(counts.some(([k, n]) => k === 'sei:carbonate' && n === sei.length), line);
});

test('cite does not cite a user terraceBarrier the run does not use: listed apart, as params show says it (mends83 left cite citing its source)', () => {
  const run = parseRunInput({ metal: 'Li', host: 'cu-foam', lattice: { size: [8, 8, 8], voxel: '10 nm' }, sacs: [{ site: 'Cu-N4-mine', loading: '2 %' }],
    protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'],
    parameters: {
      hosts: { 'cu-foam': { metals: { Li: { binding: '0.05 eV', terraceBarrier: '0.10 eV' } } } },
      sacs: { 'Cu-N4-mine': { element: 'Cu', metals: { Li: {
        binding: { value: 0.9, unit: 'eV', source: { ref: 'B. Bind et al., J. Test. Chem., 2024, 1, 1, doi:10.1000/binding' } },
        terraceBarrier: { value: 0.3, unit: 'eV', source: { ref: 'C. Neb et al., J. Test. Chem., 2024, 2, 2, doi:10.1000/neb', where: 'Table 2' } } } } } },
    } }, {});
  const sources = runSources(run.provenance, runSetsOf(run));
  const text = formatCitations(sources);
  assert.match(text, /10\.1000\/binding/, 'the binding\'s source is cited');
  assert.doesNotMatch(text, /10\.1000\/neb/, text);
  assert.ok(!sources.some((s) => s.used_by.some((u) => /metals\.Li\.terraceBarrier/.test(u)) && !s.unused), JSON.stringify(sources));
  const unused = sources.find((s) => s.unused)!;
  // the metal's lateralBond too: the set holds the bond's value there, and the rates take the bond (mends61)
  assert.deepEqual(unused.used_by.sort(), ['Cu-N4-mine.metals.Li.terraceBarrier', 'Li.lateralBond', 'cu-foam.metals.Li.terraceBarrier']);
  assert.match(text, /given but not used by the run, so not cited .*\n {6}for (Li\.lateralBond, )?(cu-foam|Cu-N4-mine)\.metals\.Li\.terraceBarrier, /);
  assert.doesNotMatch(bibtex(sources), /10\.1000\/neb/);
  assert.doesNotMatch(ris(sources), /10\.1000\/neb/);
});

test('cite keeps every place a work is cited at (a set citing one paper at Table S2 and Fig. 3): the text, the BibTeX note and the RIS N1 name both, as `params show` does (review50: only the first `where` was kept, and the text printed none)', () => {
  const src = (where: string) => ({ ref: 'A. Author et al., J. Test. Chem., 2023, 5, 101, doi:10.1000/twoplaces', where });
  const run = parseRunInput({ metal: 'Na', host: 'N-graphene', lattice: { size: [8, 8, 8], voxel: '10 nm' }, sacs: [{ site: 'Fe-N4-na', loading: '2 %' }],
    protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'],
    parameters: { sacs: { 'Fe-N4-na': { element: 'Fe', support: 'N-graphene', metals: { Na: {
      binding: { value: 0.9, unit: 'eV', source: src('Table S2') },
      redShift: { value: -0.05, unit: 'eV', source: src('Fig. 3') },
      terraceBarrier: { value: 0.1, unit: 'eV', source: src('Table S2') } } } } } } }, {});
  const sources = runSources(run.provenance, runSetsOf(run));
  const text = formatCitations(sources);
  const entry = text.split('\n  - ').find((e) => e.includes('10.1000/twoplaces')) ?? '';
  assert.match(entry, /Table S2/, text);
  assert.match(entry, /Fig\. 3/, text);
  assert.equal(entry.match(/Table S2/g)?.length, 1, `a place is named once: ${entry}`);
  const bib = entries(bibtex(sources)).find((x) => x.body.includes('doi = {10.1000/twoplaces}'));
  assert.ok(bib);
  const note = /\n\s*note = \{(.*)\}\n/.exec(bib.body)?.[1] ?? '';
  assert.ok(note.includes('Table S2') && note.includes('Fig. 3'), bib.body);
  const rec = ris(sources).split('\r\n\r\n').find((r) => r.includes('DO  - 10.1000/twoplaces')) ?? '';
  const n1 = /^N1 {2}- (.*)$/m.exec(rec)?.[1] ?? '';
  assert.ok(n1.includes('Table S2') && n1.includes('Fig. 3'), rec);
  // two texts of one work (one DOI) merged keep both places
  const merged = mergeSameWork([
    { ref: 'Author 2020, doi:10.1000/abc', used_by: ['Li.a'], assumed: false, kind: 'literature', where: ['Fig. 2'] },
    { ref: 'A. Author et al., J. Test (2020), doi:10.1000/ABC', used_by: ['Li.b'], assumed: false, kind: 'literature', where: ['Table 1', 'Fig. 2'] },
  ]);
  assert.deepEqual(merged.map((s) => s.where), [['Fig. 2', 'Table 1']]);
});

test('mends117 (review86 F6): cite follows the run: the ether-measured i0 activation energy is said assumed for a carbonate run, and a Li run\'s Zn-N4 is cited at its Li place, not the Na papers\'', () => {
  const run = (o: Record<string, unknown>) => parseRunInput({ metal: 'Li', host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '3 %' }], lattice: { size: [8, 8, 8], voxel: '10 nm' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], ...o });
  const text = (r: ReturnType<typeof run>) => formatCitations(runSources(r.provenance, runSetsOf(r)));
  const ea = (t: string) => t.split('\n').find((l) => l.includes('Li.exchangeActivationEnergy')) ?? '';
  const carbonate = text(run({ electrolyte: 'LiPF6-EC-DMC', sei: 'carbonate' }));
  // the paper is the parameter set's own source (kept), its line says where it was measured and that the run assumes it
  assert.match(carbonate, /Li\|Li\+ couple in ether solvents/);
  assert.match(ea(carbonate), /measured in ether \(LiAsF6 in THF\); assumed for carbonate \(this run's LiPF6-EC-DMC\)/, ea(carbonate));
  assert.match(ea(text(run({ electrolyte: 'LiTFSI-DOL-DME' }))), /measured in ether \(LiAsF6 in THF\), as this run's LiTFSI-DOL-DME/);
  assert.match(ea(text(run({}))), /this run names none/);
  // the value itself is unchanged (0.58 eV, the paper's 56 kJ/mol)
  assert.equal((run({ electrolyte: 'LiPF6-EC-DMC' }).provenance as { metal: { exchangeActivationEnergy: { value: number } } }).metal.exchangeActivationEnergy.value, 0.58);
  // the review's line for Zn-N4: the Li place only for a Li run (ref 58), the Na place for a Na run (refs 70, 71)
  const where = (t: string) => /for Zn-N4\n\s+where: ([^\n]+)/.exec(t)?.[1];
  assert.equal(where(carbonate), 'section 3.2 (ref 58, Fig. 4A)');
  const na = parseRunInput({ metal: 'Na', host: 'carbon-cloth', sacs: [{ site: 'Zn-N4', loading: '3 %' }], lattice: { size: [8, 8, 8], voxel: '10 nm' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] });
  assert.equal(where(text(na)), 'section 4 (refs 70, 71)');
});
