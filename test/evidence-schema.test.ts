/**
 * Literature record files validated by the zod 4 schemas of src/evidence/schema.ts: every shipped
 * record passes, and each kind of mistake is one line naming the record, the field path, the value
 * given and what was expected (the form the hand-written validator had; checked here against a
 * real record with one thing broken at a time).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateRecord, recordJsonSchema } from '../src/evidence/schema.js';
import { FileError } from '../src/errors.js';
import { loadLiterature, parseDataFileText, parseDataText } from '../src/evidence/records.js';
import { loadToxicity } from '../src/evidence/elements.js';
import { parsedYamlFile, shippedYamlFiles, useParsedYaml, writeParsedYaml } from '../src/evidence/parsed-yaml.js';
import { tempFolder } from './helpers/tmp.js';

const DIR = 'data/literature';
const records = readdirSync(DIR).filter((f) => !f.startsWith('_') && !f.startsWith('references')).flatMap((f) => {
  const d = parse(readFileSync(join(DIR, f), 'utf8')) as unknown;
  return Array.isArray(d) ? d : [d];
}) as Record<string, any>[];

test('every shipped literature record passes the schema and keeps its figures', () => {
  assert.ok(records.length >= 10);
  for (const r of records) {
    const v = validateRecord(r, 'x.yaml');
    assert.equal(v.id, r.id);
    assert.equal(v.figures.length, r.figures.length);
  }
});

test('each mistake is one line: record path, field, value given, what is expected', () => {
  const base = records.find((r) => r.figures.length > 0)!;
  const cases: [(r: any) => void, RegExp][] = [
    [(r) => { r.metal = 'Mg'; }, /^x\.yaml: records\[2\]\.metal: got "Mg", expected Li, Na or K$/],
    // a missing field said "got undefined"
    [(r) => { delete r.metal; }, /^x\.yaml: records\[2\]\.metal: got nothing \(field missing\), expected Li, Na or K$/],
    [(r) => { r.id = 'Bad ID'; }, /^x\.yaml: records\[2\]\.id: got "Bad ID", expected lower-case letters, digits and dashes$/],
    [(r) => { r.colour = 'red'; }, /^x\.yaml: records\[2\]\.colour: got "red", expected no such key; allowed keys: id, name, .*, source$/],
    [(r) => { r.sac_elements = ['fe']; }, /^x\.yaml: records\[2\]\.sac_elements: expected a list of element symbols, e\.g\. \[Fe\]$/],
    [(r) => { r.architecture = 'foam'; }, /^x\.yaml: records\[2\]\.architecture: got "foam", expected one of coating, 3D host, /],
    // loose8: with the way out for a user's own measurements
    [(r) => { r.refs = []; }, /^x\.yaml: records\[2\]\.refs: expected a list of the review's reference numbers \(or, for your own measurements, no refs and user_source: \{ doi: "10\.xxxx\/\.\.\." \} or \{ citation: "\.\.\." \}\)$/],
    [(r) => { r.figures[0].quantity = 'speed'; }, /^x\.yaml: records\[2\]\.figures\[0\]\.quantity: got "speed", expected one of nucleation_overpotential, /],
    [(r) => { r.figures[0].value = '3'; }, /^x\.yaml: records\[2\]\.figures\[0\]\.value: got "3", expected a number$/],
    [(r) => { r.figures[0].unit = 'furlong'; }, /^x\.yaml: records\[2\]\.figures\[0\]\.unit: got "furlong", expected a unit of .* \(e\.g\. \S+\)$/],
    [(r) => { r.figures[0].conditions = { speed: '1' }; }, /^x\.yaml: records\[2\]\.figures\[0\]\.conditions\.speed: got "1", expected no such condition; known conditions: current_density, /],
    [(r) => { r.figures[0].conditions = { current_density: '1 furlong' }; }, /^x\.yaml: records\[2\]\.figures\[0\]\.conditions\.current_density: .*"1 furlong"/],
    [(r) => { r.figures[0].conditions = { rate: 'fast' }; }, /^x\.yaml: records\[2\]\.figures\[0\]\.conditions\.rate: got "fast", expected a C-rate like "0\.5 C"$/],
    [(r) => { r.figures[0].conditions = { cycles: 1.5 }; }, /^x\.yaml: records\[2\]\.figures\[0\]\.conditions\.cycles: expected a whole number$/],
  ];
  for (const [mutate, re] of cases) {
    const r = JSON.parse(JSON.stringify(base));
    mutate(r);
    assert.throws(() => validateRecord(r, 'x.yaml', 'records[2]'), (e: unknown) => e instanceof FileError && re.test(e.message), re.source);
  }
});

test('the same schema as JSON Schema for editors: keys, the metal enum, no other keys allowed', () => {
  const js = recordJsonSchema() as { properties: Record<string, any>; required: string[]; additionalProperties: boolean };
  assert.deepEqual(js.properties.metal.enum, ['Li', 'Na', 'K']);
  for (const k of ['id', 'name', 'metal', 'sac_elements', 'support', 'architecture', 'figures']) assert.ok(js.required.includes(k), k);
  // the review's refs and section, or a user's own source (loose8)
  assert.deepEqual((js as unknown as { anyOf: unknown }).anyOf, [{ required: ['refs', 'section'] }, { required: ['user_source'] }]);
  assert.equal(js.additionalProperties, false);
  assert.ok(js.properties.figures.items.properties.quantity);
});

test('the data files parsed at build (dist/data/parsed-yaml.json) give the same records as the YAML parser; the schemas still check them', () => {
  const tmp = tempFolder('parsed-yaml');
  try {
    // the full path: every text through the YAML parser, every record through the schemas
    useParsedYaml(null);
    const full = loadLiterature();
    const fullToxicity = loadToxicity();
    // the table as `npm run build:data` writes it
    const table = join(tmp, 'parsed-yaml.json');
    const { kept, left } = writeParsedYaml(parseDataText, table);
    assert.deepEqual(left, []);
    assert.deepEqual(kept, shippedYamlFiles());
    assert.ok(kept.length >= 21, `${kept.length} files`);
    useParsedYaml(table);
    assert.deepEqual(loadLiterature(), full);
    assert.deepEqual(loadToxicity(), fullToxicity);
    // each call a fresh copy: a caller's change does not reach the next call (the review's entry is the parsed value itself)
    const changed = loadLiterature();
    changed.review.citation = 'changed by a caller';
    changed.records[0]!.figures.length = 0;
    assert.deepEqual(loadLiterature(), full);

    // the table is what the second path read: a record changed in it shows ...
    const file = join(DIR, 'li-znsas.yaml');
    const text = readFileSync(file, 'utf8');
    const t = JSON.parse(readFileSync(table, 'utf8')) as { yaml: string; texts: Record<string, string> };
    const rec = JSON.parse(t.texts[text]!) as { name: string; figures: { unit: string }[] };
    rec.name = 'ZnSAs, as the table says';
    writeFileSync(table, JSON.stringify({ ...t, texts: { ...t.texts, [text]: JSON.stringify(rec) } }));
    useParsedYaml(table);
    assert.equal(loadLiterature().records.find((r) => r.id === 'li-znsas')?.name, 'ZnSAs, as the table says');
    // ... and the schemas refuse a wrong value from the table as they refuse it from the file
    rec.figures[2]!.unit = 'furlong';
    writeFileSync(table, JSON.stringify({ ...t, texts: { ...t.texts, [text]: JSON.stringify(rec) } }));
    useParsedYaml(table);
    const refusal = (dir?: string) => { try { loadLiterature(dir); } catch (e) { assert.ok(e instanceof FileError); return e.message.slice(e.file.length); } assert.fail('not refused'); };
    const fromTable = refusal();
    // the same mistake in a copy of the folder: a text the table does not hold goes through the YAML parser
    const copy = join(tmp, 'literature');
    cpSync(DIR, copy, { recursive: true });
    writeFileSync(join(copy, 'li-znsas.yaml'), text.replace('value: 12\n    unit: mV', 'value: 12\n    unit: furlong'));
    assert.equal(refusal(copy), fromTable);
    assert.match(fromTable, /figures\[2\]\.unit: got "furlong", expected a unit of /);
    // a YAML error in the copy is the parser's, as before; a key given twice named, with both places (review69: it said
    // the library's "not valid YAML: Map keys must be unique")
    writeFileSync(join(copy, 'li-znsas.yaml'), text + 'id: twice\n');
    assert.match(refusal(copy), /^:\d+: key "id" given twice in one map \(first on line 1, column 1; again on line \d+, column 1\): YAML takes each key once; give it once$/);
    writeFileSync(join(copy, 'li-znsas.yaml'), text + 'other: [unclosed\n');
    assert.match(refusal(copy), /: not valid YAML: /);

    // a value JSON would change (.inf, -0) is left out of the table and parsed each time
    const odd = join(tmp, 'odd.yaml');
    writeFileSync(odd, 'a: .inf\nb: -0\n');
    assert.deepEqual(writeParsedYaml(parseDataText, join(tmp, 'odd.json'), [odd]), { kept: [], left: [odd] });
    for (let i = 0; i < 2; i++) assert.deepEqual(parseDataFileText('a: .inf\nb: -0\n', 'odd.yaml'), { a: Infinity, b: -0 });
  } finally {
    useParsedYaml(parsedYamlFile());
  }
});

// audit69: a condition with a unit of the wrong kind said its field twice, "record.figures[0].conditions.current_density:
// conditions.current_density: got "1 mA", expected ..." (the quantity reader's own field inside the record's path)
test('a record\'s condition of the wrong unit names its field once, with the value and the unit expected', () => {
  const raw = { id: 'my-cell', name: 'My cell', metal: 'Li', sac_elements: ['Zn'], support: 'carbon', architecture: 'host', user_source: { doi: '10.1000/xyz' },
    figures: [{ quantity: 'nucleation_overpotential', value: 15, unit: 'mV', conditions: { current_density: '1 mA' } }] };
  assert.throws(() => validateRecord(raw, 'my-cell.yaml'), (e: unknown) => e instanceof Error
    && e.message === 'my-cell.yaml: record.figures[0].conditions.current_density: got "1 mA", expected a current density (unit like mA/cm2), not "mA"');
});
