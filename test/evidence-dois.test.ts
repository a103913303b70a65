/**
 * The DOIs of the papers behind the evidence records (data/literature/_dois.yaml, src/evidence/dois.ts): every reference
 * a record cites has an entry, each DOI is well formed, a DOI derived by the Wiley article-number rule is the one the rule
 * gives for the reference text, and the DOI reaches `lit show`, the CSV and the BibTeX export. A broken file is refused
 * in words naming the ref and the value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileError } from '../src/errors.js';
import { DOI_FORMAT, WILEY_RULE, wileyRuleDoi } from '../src/evidence/dois.js';
import { fromCsv, toBibtex, toCsv } from '../src/evidence/io.js';
import { loadLiterature, loadReferences, parseDataText } from '../src/evidence/records.js';
import { cli } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('evidence-dois');

const DOIS = 'data/literature/_dois.yaml';
const entries = parseDataText(readFileSync(DOIS, 'utf8'), DOIS) as { ref: number; doi?: string; source?: string; derived?: string; not_found?: string[] }[];
const lit = loadLiterature();
const dir = mkdtempSync(join(tmpdir(), 'sacplate-dois-'));

test('every reference the records cite (and every entry of references.yaml) has a DOI with its source, or the searches that found none', () => {
  const cited = new Set<number>();
  for (const r of lit.records) {
    for (const n of r.refs) cited.add(n);
    for (const f of r.figures) if (f.ref !== undefined) cited.add(f.ref);
  }
  assert.ok(cited.size >= 17, `refs cited: ${[...cited].join(', ')}`);
  const byRef = new Map(entries.map((e) => [e.ref, e]));
  for (const n of [...cited, ...lit.references.keys()]) {
    const e = byRef.get(n);
    assert.ok(e, `ref ${n} has no entry in ${DOIS}`);
    if (e.doi !== undefined) assert.ok(e.source !== undefined || e.derived === WILEY_RULE, `ref ${n}: a DOI without its source`);
    else assert.ok(Array.isArray(e.not_found) && e.not_found.length > 0, `ref ${n}: neither a DOI nor the searches`);
  }
  // the citations the records carry: the DOI and where it came from, or "not found"
  for (const r of lit.records) for (const c of r.citations) {
    assert.ok(c.doi_source, `${r.id} ref ${c.number}: no doi_source`);
    if (c.doi !== undefined) assert.match(c.doi, DOI_FORMAT, `${r.id} ref ${c.number}`);
    else assert.equal(c.doi_source, 'not found');
  }
});

test('each DOI is well formed, and a derived one is what the Wiley article-number rule gives for the reference text', () => {
  let derived = 0;
  for (const e of entries) {
    if (e.doi !== undefined) assert.match(e.doi, DOI_FORMAT, `ref ${e.ref}`);
    if (e.derived === undefined) continue;
    derived++;
    const c = lit.references.get(e.ref)!;
    assert.equal(wileyRuleDoi(c).doi, e.doi, `ref ${e.ref} (${c.journal} ${c.pages})`);
  }
  assert.ok(derived >= 5, `derived: ${derived}`);
  // the rule itself, on the brief's example and on an article number without the "e"
  assert.equal(wileyRuleDoi({ journal: 'Adv. Mater.', pages: 'e2302828' }).doi, '10.1002/adma.202302828');
  assert.equal(wileyRuleDoi({ journal: 'Adv. Energy Mater.', pages: '1804019' }).doi, '10.1002/aenm.201804019');
  assert.match(wileyRuleDoi({ journal: 'Nano Lett.', pages: '3245–3253' }).why!, /the rule is for .*; this is Nano Lett\./);
  assert.match(wileyRuleDoi({ journal: 'Small Methods', pages: 'e12449' }).why!, /7-digit article number/);
});

test('lit show, the CSV and the BibTeX export carry the DOI of a record\'s paper', async () => {
  const env = { SACPLATE_DB: join(dir, 'show.db') };
  const page = await cli(['lit', 'show', 'li-zn-mxene'], { env });
  assert.equal(page.code, 0, page.stderr);
  assert.match(page.stdout, /\[57\] J\. Gu, .* doi:10\.1021\/acsnano\.9b08141\n\s+doi seen on https:\/\/ablesci\.com\/\S+ \(\d{4}-\d{2}-\d{2}\)/);
  const rule = await cli(['lit', 'show', 'li-safe-cvrcs-3dpc'], { env });
  assert.match(rule.stdout, /\[50\] .* doi:10\.1002\/adma\.202302828\n\s+doi derived: Wiley article-number rule \(not seen on a page\)/);
  const none = await cli(['lit', 'show', 'li-znsas'], { env });
  assert.match(none.stdout, /\[58\] K\. Xu, [^\n]*587–593\.\n\s+doi not found/);

  const mx = lit.records.filter((r) => r.id === 'li-zn-mxene');
  const bib = toBibtex(mx, lit.review);
  assert.match(bib, /@article\{ref57_Gu2020,[^@]*doi = \{10\.1021\/acsnano\.9b08141\}/);
  assert.match(toBibtex(lit.records.filter((r) => r.id === 'li-safe-cvrcs-3dpc')), /doi = \{10\.1002\/adma\.202302828\},\n\s+note = \{[^}]*DOI derived: Wiley article-number rule/);
  const exported = await cli(['lit', 'export', '--format', 'bibtex'], { env });
  assert.match(exported.stdout, /@article\{ref57_Gu2020,[^@]*doi = \{10\.1021\/acsnano\.9b08141\}/);

  // the CSV: a doi column beside ref; an edit of it, which the import would lose, is refused
  const csv = toCsv(mx);
  const header = csv.split('\n')[0]!.split(',');
  assert.equal(header[header.indexOf('ref') + 1], 'doi');
  assert.match(csv, /,57,10\.1021\/acsnano\.9b08141,/);
  assert.equal(fromCsv(csv, 'mx.csv')[0]!.citations[0]!.doi, '10.1021/acsnano.9b08141');
  assert.throws(() => fromCsv(csv.replace(',57,10.1021/acsnano.9b08141,', ',57,10.1021/acsnano.9b0814,'), 'mx.csv'),
    /^FileError: mx\.csv:\d+: doi: got "10\.1021\/acsnano\.9b0814", but the citations column gives ref 57 the DOI "10\.1021\/acsnano\.9b08141"/);
});

test('a malformed DOI, a DOI off the rule, one without its source or a DOI in references.yaml is refused in words', () => {
  const text = readFileSync(DOIS, 'utf8');
  let n = 0;
  const refused = (dois: string, re: RegExp, refs = readFileSync('data/literature/references.yaml', 'utf8')) => {
    const d = join(dir, `case${n++}`);
    mkdirSync(d);
    writeFileSync(join(d, 'references.yaml'), refs);
    writeFileSync(join(d, '_dois.yaml'), dois);
    assert.throws(() => loadReferences(join(d, 'references.yaml')), (e: unknown) => {
      assert.ok(e instanceof FileError, String(e));
      assert.match(e.message, re);
      return true;
    });
  };
  // the untouched copy loads: what is refused below is the change alone
  const ok = join(dir, 'ok');
  mkdirSync(ok);
  copyFileSync('data/literature/references.yaml', join(ok, 'references.yaml'));
  copyFileSync(DOIS, join(ok, '_dois.yaml'));
  assert.equal(loadReferences(join(ok, 'references.yaml')).references.get(57)!.doi, '10.1021/acsnano.9b08141');

  refused(text.replace('doi: 10.1021/acsnano.9b08141', 'doi: 10.1021acsnano.9b08141'),
    /_dois\.yaml: ref 57\.doi: got "10\.1021acsnano\.9b08141", expected a DOI \(10\.NNNN\/suffix/);
  refused(text.replace('doi: 10.1021/acsnano.9b08141', 'doi: https://doi.org/10.1021/acsnano.9b08141'), /ref 57\.doi: got "https:\/\/doi\.org\/10\.1021\/acsnano\.9b08141", expected a DOI/);
  // a typo in a derived DOI: the rule recomputed from the reference text disagrees
  refused(text.replace('doi: 10.1002/adma.202302828', 'doi: 10.1002/adma.202302882'),
    /ref 50\.doi: got "10\.1002\/adma\.202302882", but the Wiley article-number rule gives 10\.1002\/adma\.202302828 for Adv\. Mater\. e2302828/);
  // the rule claimed for a journal it does not cover
  refused(text.replace(/- ref: 8\n  not_found:\n(    - .*\n)+/, '- ref: 8\n  doi: 10.1021/x\n  derived: Wiley article-number rule\n'),
    /ref 8: the Wiley article-number rule does not apply: the rule is for .*; this is Nano Lett\./);
  refused(text.replace('  source: https://ablesci.com/scholar/paper?id=EPbkNm9Lr\n', ''), /ref 57: says nothing of where its DOI came from; expected exactly one of source/);
  refused(text.replace('- ref: 8\n', '- ref: 9\n'), /ref 9: not in references\.yaml/);
  refused(text + '- ref: 57\n  not_found: [x]\n  checked: "2026-12-03"\n', /ref 57: listed twice/);
  refused(text, /references\[0\]\.doi: got "10\.1021\/x", expected none here/,
    readFileSync('data/literature/references.yaml', 'utf8').replace('    pages: 3245–3253\n', '    pages: 3245–3253\n    doi: 10.1021/x\n'));
});
