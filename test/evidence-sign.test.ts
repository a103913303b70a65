/**
 * Binding energies of the evidence base in one sign convention for ranges and sorting (the DFT one:
 * negative = binds, more negative = stronger), while each figure keeps the number as the review
 * prints it (its quote is checked against the review): refs 34 and 70 print positive binding
 * energies ("0.34 eV vs. 0.09 eV"), which sorted after every negative one and fell outside every
 * negative range.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLiterature } from '../src/evidence/records.js';
import { queryRecords, parseRange, ownValues } from '../src/evidence/query.js';
import { toCsv, fromCsv } from '../src/evidence/io.js';

const lit = loadLiterature();
const recs = lit.records;
const names = (rs: { name: string }[]) => rs.map((r) => r.name);

test('binding energies: every one negative in the DFT sign; printed-positive ones are marked and keep the printed number', () => {
  let marked = 0;
  for (const r of recs) {
    for (const f of r.figures) {
      if (f.quantity !== 'binding_energy') continue;
      const dft = f.value * (f.to_dft_sign ?? 1);
      assert.ok(dft < 0, `${r.id}: ${f.value} eV (${f.reference ?? ''}) is ${dft} eV in the DFT sign`);
      if (f.to_dft_sign === -1) { marked++; assert.ok(f.value > 0, 'the printed number is kept'); }
    }
  }
  assert.equal(marked, 5, 'refs 34 (1.388, 1.589, 1.611 eV) and 70 (0.34, 0.09 eV)');
  assert.deepEqual(ownValues(recs.find((r) => r.id === 'na-znsa-n-c')!, 'binding_energy'), [-0.34]);
});

test('ranges and sorting use the DFT sign: ZnSA-N-C (printed 0.34 eV) is the weakest binder and in a negative range', () => {
  const sorted = queryRecords(recs, { sort: 'binding_energy' }).filter((r) => ownValues(r, 'binding_energy').length > 0);
  const vals = sorted.map((r) => ownValues(r, 'binding_energy')[0]!);
  for (let i = 1; i < vals.length; i++) assert.ok(vals[i]! >= vals[i - 1]!, `sorted: ${names(sorted).join(', ')}`);
  assert.equal(sorted[sorted.length - 1]!.name, 'ZnSA-N-C');
  assert.deepEqual(names(queryRecords(recs, { ranges: [parseRange('binding_energy=-0.5 eV:0 eV')] })), ['ZnSA-N-C']);
  // the mark survives a CSV export and import
  const back = fromCsv(toCsv(recs), 'x.csv');
  const f = back.find((r) => r.id === 'na-znsa-n-c')!.figures.find((x) => x.quantity === 'binding_energy')!;
  assert.equal(f.value, 0.34);
  assert.equal(f.to_dft_sign, -1);
});
