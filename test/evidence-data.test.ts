/**
 * The literature records against the review's own text: every figure's value, unit, conditions
 * and reference are checked in the review, every number of sections 3-4 must be accounted for,
 * and deliberate corruptions of the records must be caught.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadLiterature, parseDataText } from '../src/evidence/records.js';
import { verifyRecords, type Exclusion } from '../src/evidence/verify.js';
import { normaliseReviewText, reviewReferenceList } from '../src/evidence/reviewtext.js';
import { QUANTITIES } from '../src/evidence/vocabulary.js';
import { STANDARD, normaliseRecord } from '../src/evidence/normalise.js';
import type { ReviewRecord as LitRecord } from '../src/evidence/schema.js';

const REVIEW = '../shared/seed/000_761d9a0e1df2534e.txt';
const raw = readFileSync(REVIEW, 'utf8');
const lit = loadLiterature();
const exclusions = parseDataText(readFileSync('data/literature/_review_numbers.yaml', 'utf8'), '_review_numbers.yaml') as Exclusion[];
const clone = (rs: LitRecord[]): LitRecord[] => JSON.parse(JSON.stringify(rs)) as LitRecord[];
const byId = (rs: LitRecord[], id: string) => rs.find((r) => r.id === id)!;

test('every record and figure checks out against the review text, and every number of sections 3-4 is accounted for', () => {
  const rep = verifyRecords(lit.records, raw, exclusions);
  assert.deepEqual(rep.problems, []);
  assert.ok(rep.figuresChecked >= 60, `figures checked: ${rep.figuresChecked}`);
  assert.ok(rep.numbersInSections >= 80, `numbers found in sections 3-4: ${rep.numbersInSections}`);
  assert.equal(rep.numbersCovered, rep.numbersInSections);
});

test('all systems the issue lists are present with the right metal and SAC elements', () => {
  const expected: Array<[string, string, string[]]> = [
    ['SAFe/CVRCS@3DPC', 'Li', ['Fe']], ['Zn-MXene', 'Li', ['Zn']], ['ZnSAs', 'Li', ['Zn']], ['CC@CN-SACo', 'Li', ['Co']],
    ['FeSA-N-C', 'Li', ['Fe']], ['SAZr@NG', 'Li', ['Zr']], ['SAMn@NG', 'Li', ['Mn']], ['SAni-NG', 'Li', ['Ni']],
    ['Co-N/O', 'Li', ['Co']], ['sp2c-COF-Co', 'Li', ['Co']], ['SACo/ADFS@HPSC', 'Li', ['Co']], ['Pt SAs/In2S3/Ti3C2', 'Li', ['Pt']],
    ['SAFeNi@LNCP', 'Li', ['Fe', 'Ni']], ['ZnSA-HCNT', 'Na', ['Zn']], ['ZnSA-N-C', 'Na', ['Zn']], ['Zn-HC', 'Na', ['Zn']],
    ['CoSA@NC', 'Na', ['Co']], ['SA-Co@HC', 'K', ['Co']],
  ];
  assert.equal(lit.records.length, expected.length);
  for (const [name, metal, els] of expected) {
    const r = lit.records.find((x) => x.name === name);
    assert.ok(r, `missing record ${name}`);
    assert.equal(r.metal, metal, name);
    assert.deepEqual(r.sac_elements, els, name);
    assert.ok(r.citations.length >= 1 && r.citations.every((c) => c.journal && c.year > 2000), `${name} citations`);
  }
});

test('spot checks of figures against values read by hand from the review', () => {
  const fig = (id: string, q: string) => byId(lit.records, id).figures.filter((f) => f.quantity === q && !f.subject);
  assert.equal(fig('li-safe-cvrcs-3dpc', 'nucleation_overpotential')[0]!.value, 29);
  assert.equal(fig('li-safe-cvrcs-3dpc', 'symmetric_lifetime')[0]!.conditions!.current_density, '0.5 mA/cm2');
  assert.equal(fig('li-znsas', 'binding_energy')[0]!.value, -3.66);
  assert.equal(fig('li-sp2c-cof-co', 'transference_number')[0]!.value, 0.76);
  assert.equal(fig('na-znsa-n-c', 'nucleation_overpotential')[0]!.value, 0);
  assert.equal(fig('na-zn-hc', 'capacity_retention')[0]!.conditions!.temperature, '-40 degC');
  // "the long-cycle stability of the K metal battery (over 2500 h)": no cell type, a lower bound
  assert.equal(fig('k-sa-co-hc', 'cycling_lifetime')[0]!.value, 2500);
  assert.equal(fig('k-sa-co-hc', 'cycling_lifetime')[0]!.lower_bound, true);
  assert.equal(fig('k-sa-co-hc', 'symmetric_lifetime').length, 0);
  assert.equal(fig('li-safeni-lncp', 'symmetric_lifetime')[0]!.conditions!.areal_capacity, '3 mAh/cm2');
  // "the cycle life of the SACo/ADFS@HPSC-modified Li electrode was extended to 1600 h (Fig. 6A)": no cell named
  // (Fig. 6A is SEM images): a cycling_lifetime, not a symmetric one (audit32)
  assert.equal(fig('li-saco-adfs-hpsc', 'cycling_lifetime')[0]!.value, 1600);
  assert.match(fig('li-saco-adfs-hpsc', 'cycling_lifetime')[0]!.conditions!.cell!, /^not stated/);
  assert.equal(fig('li-saco-adfs-hpsc', 'symmetric_lifetime').length, 0);
  // "the long-term cycling stability of the battery at 0.5 C (473 mA h g-1 after 500 cycles)": which cell, and per
  // gram of what, the review does not say (the record read "battery (full cell)" until audit32)
  const cosa = fig('na-cosa-nc', 'specific_capacity')[0]!;
  assert.equal(cosa.value, 473);
  assert.match(cosa.conditions!.cell!, /^not stated \(the review: the battery\)$/);
  // where the review is ambiguous the record says so in its note (audit32): SAFeNi@LNCP's text gives 3 mA h cm-2 and
  // points to Fig. 7C, whose caption gives 5 mA cm-2 under 20 mA h cm-2; sp2c-COF-Co's 0.76 and 8 mV are of "the
  // sp2c-COF-based cell", the review's name for the framework without Co; SAZr@NG's bond changes are "Fig. 4F" in the
  // text and (G) in the caption
  assert.match(fig('li-safeni-lncp', 'symmetric_lifetime')[0]!.conditions!.note!, /ambiguous: .*Fig\. 7C.*20 mA h cm-2/);
  for (const q of ['transference_number', 'nucleation_overpotential']) assert.match(fig('li-sp2c-cof-co', q)[0]!.conditions!.note!, /ambiguous: .*sp2c-COF-based cell/, q);
  for (const q of ['bond_length_change', 'bond_angle_change']) assert.match(fig('li-sazr-ng', q)[0]!.conditions!.note!, /text says Fig\. 4F.*\(G\) the bond-length change/, q);
  // a quantity whose label says "full-cell" only where every figure of it names a full (or pouch) cell: the labels said
  // "full-cell" for CoSA@NC's and Zn-HC's capacities, whose cell the review does not name (audit32)
  for (const r of lit.records) for (const f of r.figures) {
    if (/full-cell/.test(QUANTITIES[f.quantity]!.label)) assert.match(f.conditions?.cell ?? '', /full cell|pouch cell/, `${r.id}: ${f.quantity} ${f.value}`);
  }
});

// `lit normalise` compares each lifetime with "the review's standard protocol": read it from the review's own sentence
// (section 6, prospect 2), not from a copy; a typo in STANDARD (or a protocol taken from elsewhere) fails here (evidence66)
test('the standard protocol lit normalise uses is the one the review proposes', () => {
  const m = /practical stripping\/plating capacity of (\d+(?:\.\d+)?) mA h cm-2 at a standard current density of (\d+(?:\.\d+)?) mA cm-2/.exec(normaliseReviewText(raw));
  assert.ok(m, 'the review\'s sentence proposing the standard protocol was not found');
  assert.equal(STANDARD.arealCapacity_mAh_per_cm2, Number(m[1]), 'areal capacity, mAh/cm2');
  assert.equal(STANDARD.currentDensity_mA_per_cm2, Number(m[2]), 'current density, mA/cm2');
});

// "even after 1100 h plating/stripping" (Pt SAs/In2S3/Ti3C2, ref 67): the cell was still cycling, so its life is a lower
// bound, as ZnSA-HCNT's "over 900 h" is; lit normalise says so in the review's words (evidence66: a plain 1100 h, whose
// estimate read as an end of life)
test('a lifetime the review gives as "even after N h" is a lower bound, and lit normalise says so in those words', () => {
  const pt = normaliseRecord(byId(lit.records, 'li-pt-sas-in2s3-ti3c2'));
  assert.equal(pt.length, 1);
  assert.equal(pt[0]!.lower_bound, true);
  assert.ok(pt[0]!.notes.some((n) => /^even after 1100 h: a lower bound, as the review gives it/.test(n)), pt[0]!.notes.join('; '));
  const hcnt = normaliseRecord(byId(lit.records, 'na-znsa-hcnt'));
  assert.match(hcnt[0]!.notes.join('; '), /^.*over 900 h: a lower bound, as the review gives it/);
});

test('citations are the review reference list entries', () => {
  const list = reviewReferenceList(raw);
  assert.equal(list.size, 96);
  for (const [n, c] of lit.references) assert.equal(normaliseReviewText(c.text), list.get(n), `ref ${n}`);
  assert.match(list.get(8)!, /Nano Lett\., 2021, 21, 3245/);
  assert.match(list.get(84)!, /Toxicology, 2017, 387, 43/);
});

test('a wrong value is caught', () => {
  const rs = clone(lit.records);
  byId(rs, 'li-safe-cvrcs-3dpc').figures.find((f) => f.quantity === 'nucleation_overpotential')!.value = 28;
  const rep = verifyRecords(rs, raw, exclusions);
  assert.ok(rep.problems.some((p) => p.includes('li-safe-cvrcs-3dpc') && p.includes('value 28')), rep.problems.join('\n'));
});

test('a missing figure is caught by the completeness check', () => {
  const rs = clone(lit.records);
  const r = byId(rs, 'li-sp2c-cof-co');
  r.figures = r.figures.filter((f) => f.quantity !== 'transference_number');
  const rep = verifyRecords(rs, raw, exclusions);
  assert.ok(rep.problems.some((p) => p.includes('review number 0.76')), rep.problems.join('\n'));
});

test('a wrong unit, condition, reference or system attribution is caught', () => {
  const cases: Array<[string, (rs: LitRecord[]) => void, RegExp]> = [
    ['unit', (rs) => { byId(rs, 'li-znsas').figures.find((f) => f.quantity === 'overpotential')!.unit = 'V'; }, /unit V is not written/],
    ['condition', (rs) => { byId(rs, 'na-znsa-n-c').figures.find((f) => f.quantity === 'symmetric_lifetime')!.conditions!.current_density = '5 mA/cm2'; }, /condition number 5 /],
    ['ref', (rs) => { const r = byId(rs, 'k-sa-co-hc'); r.figures[0]!.ref = 12; r.refs.push(12); }, /reference 12 is not cited/],
    ['system', (rs) => { // move a Na figure to the K record
      const f = byId(rs, 'na-cosa-nc').figures.find((x) => x.quantity === 'nucleation_overpotential')!;
      const k = byId(rs, 'k-sa-co-hc');
      k.figures.push({ ...f, ref: 74 });
    }, /k-sa-co-hc .*(named|nearest)/],
    ['caption figure moved', (rs) => { // audit70d: a caption's figure is the credited paper's system; another record's is caught
      const f = byId(rs, 'li-safeni-lncp').figures.find((x) => x.quantity === 'test_current_density')!;
      byId(rs, 'li-sani-ng').figures.push({ ...f, ref: 62 });
    }, /li-sani-ng .*nearest/],
    ['quote', (rs) => { byId(rs, 'li-zn-mxene').figures[0]!.quote = 'Enhancing the areal capacity to 70 µA h cm-2'; }, /quote not found/],
    // a lifetime the review gives for no named cell, recorded as a symmetric cell's (audit32)
    ['cell', (rs) => { byId(rs, 'k-sa-co-hc').figures.find((f) => f.quantity === 'cycling_lifetime')!.quantity = 'symmetric_lifetime'; }, /k-sa-co-hc .*quote names no symmetric cell/],
    // an overpotential the review gives without saying plating/stripping or naming a symmetric cell (SA-Co@HC's 3 mV "of
    // the SA-Co@HC electrode", against Cu foil and HC) must say in its note that the kind is not stated (evidence66)
    ['overpotential kind', (rs) => { delete byId(rs, 'k-sa-co-hc').figures.find((f) => f.quantity === 'overpotential')!.conditions!.note; }, /k-sa-co-hc .*says neither plating\/stripping nor a symmetric cell/],
    ['citation', (rs) => { byId(rs, 'li-co-n-o').citations[0]!.text = 'Y. Li et al., Energy Environ. Mater., 2023, 6, e12449.'; }, /citation 63 differs/],
  ];
  for (const [name, mutate, re] of cases) {
    const rs = clone(lit.records);
    mutate(rs);
    const rep = verifyRecords(rs, raw, exclusions);
    assert.ok(rep.problems.some((p) => re.test(p)), `${name}: ${rep.problems.join('\n') || 'no problem reported'}`);
  }
});

// audit70d (session 70): the records read line by line against the review (docs/evidence-check.md).
test('audit70d: an alias is a name of the system itself, not of the bare control or the family the review compares it with', () => {
  const text = normaliseReviewText(raw);
  // "LNCP" is the bare substrate: a lookup by it gave SAFeNi@LNCP, listed `aka ... LNCP`
  assert.ok(text.includes('while the deposition of Li0 on the bare LNCP substrate showed serious aggregation (Fig. 7D and E)'));
  // "SAM-NG" is Zhai et al.'s family (M a metal); SAni-NG is its Ni member
  assert.ok(text.includes('Zhai et al. constructed single atom loaded N-doped graphene (SAM-NG) to form an M-Nx-C nanostructure'));
  assert.ok(text.includes('the single-atom Ni on the NG (SAni-NG)-based electrode'));
  assert.ok(!byId(lit.records, 'li-safeni-lncp').aliases.includes('LNCP'), byId(lit.records, 'li-safeni-lncp').aliases.join(', '));
  assert.ok(!byId(lit.records, 'li-sani-ng').aliases.includes('SAM-NG'), byId(lit.records, 'li-sani-ng').aliases.join(', '));
});

test('audit70d: where the review contradicts itself, the figure says so (its note), and keeps the text\'s value', () => {
  const text = normaliseReviewText(raw);
  const note = (id: string, q: string) => byId(lit.records, id).figures.filter((f) => f.quantity === q && !f.subject).map((f) => f.conditions?.note ?? '').join(' ');
  // "higher desolvation barriers must be overcome from -0.65 eV to -3.83 eV": a barrier printed negative, "higher" as it
  // grows more negative, and the one step it prices (36.84 kJ/mol = 0.38 eV) lies outside that range
  assert.ok(text.includes('the higher desolvation barriers must be overcome from -0.65 eV to -3.83 eV'));
  const desolv = byId(lit.records, 'li-safe-cvrcs-3dpc').figures.find((f) => f.quantity === 'desolvation_barrier')!;
  assert.equal(desolv.value, -0.65);
  assert.equal(desolv.value_to, -3.83);
  assert.match(desolv.conditions?.note ?? '', /negative/);
  // "a surprisingly long lifetime of 1600 h at 0.5 mA cm-2 (Fig. 3E)", and the caption: "(E) Nucleation overpotential"
  assert.ok(text.includes('(E) Nucleation overpotential. Reproduced with permission. [ref 50]'));
  assert.match(note('li-safe-cvrcs-3dpc', 'symmetric_lifetime'), /caption/);
  // "promote the high migration barrier (0.532 eV) of Li+": a barrier called high that the text says speeds migration
  assert.ok(text.includes('promote the high migration barrier (0.532 eV) of Li+ in the sp2c-COF-Co plane direction'));
  assert.match(note('li-sp2c-cof-co', 'migration_barrier'), /high/);
  // "with sulfur loading up to 5.4 mg cm-2": the most, not the loading of every cell
  assert.match(note('li-saco-adfs-hpsc', 'sulfur_loading'), /up to/);
});
