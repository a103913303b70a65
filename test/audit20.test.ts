/**
 * audit20 (screening, evidence, full cells, citing as a user from the field): each test fails
 * on the code before its fix. Small: no simulation runs here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descriptorCandidates } from '../src/screen/spec.js';

const BASE = { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'N-graphene', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
const HEAD = 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading';
/** the literature, loaded once for every test here (each load parses and validates 18 record files, ~0.1 s) */
let litCache: ReturnType<typeof import('../src/evidence/records.js').loadLiterature> | undefined;
const literature = async () => (litCache ??= (await import('../src/evidence/records.js')).loadLiterature());

test('a descriptor row whose element is no element (Xx) is refused before any simulation, naming file, row and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a20-'));
  const f = join(dir, 'desc.csv');
  writeFileSync(f, `${HEAD}\nok,Fe,-0.5,0.1,0.1,0.1,2 %\nbad,Xx,-0.5,0.1,0.1,0.1,2 %\n`);
  assert.throws(() => descriptorCandidates(f, BASE, dir), (e: Error) => {
    assert.match(e.message, /desc\.csv row 3, element: got "Xx", expected an element symbol/);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
});

test('ranking: a candidate without a value counts as the worst even where every candidate with a value ties on a min objective', async () => {
  const { rankCandidates } = await import('../src/screen/pareto.js');
  // objective 0: min, only "B valued" has a value; objective 1: max, "A missing" is better there.
  // Neither dominates the other (one front); with objective 0 weighted 2 the candidate with the
  // value must come first: it was last (the tied min objective gave it 1 - 1 = 0, as for a missing value)
  const r = rankCandidates([{ name: 'A missing', values: [NaN, 0.6] }, { name: 'B valued', values: [20, 0.5] }], ['min', 'max'], [2, 1]);
  assert.deepEqual(r.map((x) => x.front), [0, 0]);
  assert.equal(r[0]!.name, 'B valued');
  assert.ok(Math.abs(r[0]!.score - 2 / 3) < 1e-12 && Math.abs(r[1]!.score - 1 / 3) < 1e-12, JSON.stringify(r));
  // the same tie on a max objective scored 1 before and after
  const m = rankCandidates([{ name: 'A missing', values: [NaN, 0.6] }, { name: 'B valued', values: [20, 0.5] }], ['max', 'max'], [2, 1]);
  assert.equal(m[0]!.name, 'B valued');
});

test('ranking.csv counts Pareto fronts from 1, as the report and the CLI print them ("front 2")', async () => {
  const { rankingCsv, reportMarkdown } = await import('../src/screen/report.js');
  const r = {
    spec: { name: 'a20', seeds: [1] }, objectives: ['sustainability'], invalid: [], sources: [], notes: [],
    ranking: [{ name: 'Fe', rank: 1, front: 0, score: 1, values: [0.6], parts: [1], pareto: true, why: 'w' }, { name: 'Pt', rank: 2, front: 1, score: 0, values: [0.1], parts: [0], pareto: false, why: 'w' }],
    candidates: [{ name: 'Fe', origin: '', synthesis: 'none', values: { sustainability: { value: 0.6 } } }, { name: 'Pt', origin: '', synthesis: 'none', values: { sustainability: { value: 0.1 } } }],
  } as unknown as Parameters<typeof rankingCsv>[0];
  const rows = rankingCsv(r).trim().split('\n').map((l) => l.split(','));
  const col = rows[0]!.indexOf('front');
  assert.deepEqual(rows.slice(1).map((x) => x[col]), ['1', '2']);
  assert.match(reportMarkdown(r), /\| 2 \| Pt \| front 2 \|/);
});

test('fullcell: np: [] is one line naming np (it printed an empty table and exited 0)', async () => {
  const { parseFullCell } = await import('../src/fullcell/library.js');
  assert.throws(() => parseFullCell({ cathode: 'LFP', np: [], cycles: 10, anode: { ce: 0.99 } }, '.'), (e: Error) => {
    assert.match(e.message, /^np: got \[\], expected at least one N\/P ratio/);
    return true;
  });
  assert.deepEqual(parseFullCell({ cathode: 'LFP', np: [0, 1], cycles: 10, anode: { ce: 0.99 } }, '.').np, [0, 1]);
});

test('fullcell: loading and capacity both given is one line (the loading was dropped without a word)', async () => {
  const { parseFullCell } = await import('../src/fullcell/library.js');
  assert.throws(() => parseFullCell({ cathode: 'LFP', loading: '10 mg/cm2', capacity: '3 mAh/cm2', np: 1, cycles: 10, anode: { ce: 0.99 } }, '.'), (e: Error) => /^loading: got "10 mg\/cm2", expected loading or capacity, not both/.test(e.message));
  assert.equal(parseFullCell({ cathode: 'LFP', loading: '10 mg/cm2', np: 1, cycles: 10, anode: { ce: 0.99 } }, '.').capacity_mAh_per_cm2.toFixed(9), '1.700000000');
});

test('lit: SAFeNi@LNCP\'s SAFe and SANi site binding energies are the system\'s own (a binding-energy range finds it); the bare Li surface stays a control', async () => {
  const { queryRecords, parseRange, ownValues } = await import('../src/evidence/query.js');
  const recs = (await literature()).records;
  const safeni = recs.find((r) => r.id === 'li-safeni-lncp')!;
  // DFT sign: printed 1.589 (SAFe) and 1.611 eV (SANi); the original Li surface (1.388 eV) is not the system's
  assert.deepEqual(ownValues(safeni, 'binding_energy'), [-1.589, -1.611]);
  const hits = queryRecords(recs, { ranges: [parseRange('binding_energy=-1.7 eV:-1.5 eV')] }).map((r) => r.name);
  assert.deepEqual(hits, ['SAFeNi@LNCP']);
  assert.deepEqual(queryRecords(recs, { ranges: [parseRange('binding_energy=-1.4 eV:-1.38 eV')] }).map((r) => r.name), []);
});

test('elements --sustainability says when a criterion has no data and its weight went to the others; the screen\'s elements stage notes it', async () => {
  const { cli } = await import('./helpers/cli.js');
  const r = await cli(['elements', 'Tc', 'Fe', '--sustainability']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /n\/a: no data for that criterion; it is left out of the score and the other criteria share its weight \(Tc: abundance, hhi\)/);
  const full = await cli(['elements', 'Fe', 'Co', '--sustainability']);
  assert.doesNotMatch(full.stderr, /n\/a:/);
  const { elementsStage } = await import('../src/screen/stages.js');
  const { DEFAULT_WEIGHTS } = await import('../src/evidence/elements.js');
  const cand = (name: string, element: string) => ({ name, run: { provenance: { sacs: [{ element }] } } });
  const out = await elementsStage(DEFAULT_WEIGHTS).run({ candidates: [cand('tc', 'Tc'), cand('fe', 'Fe')] } as unknown as Parameters<ReturnType<typeof elementsStage>['run']>[0]);
  assert.ok(out.notes.some((n) => /^Tc: no abundance, hhi data; left out of its sustainability score/.test(n)), JSON.stringify(out.notes));
  assert.ok(!out.notes.some((n) => n.startsWith('Fe:')));
  // a SAC set of the candidate's own whose element is no element: said, not only a missing value
  const bad = await elementsStage(DEFAULT_WEIGHTS).run({ candidates: [cand('mine', 'Xx')] } as unknown as Parameters<ReturnType<typeof elementsStage>['run']>[0]);
  assert.equal(bad.values.get('mine')!.sustainability!.value, null);
  assert.ok(bad.notes.some((n) => /^mine: not scored: element: got "Xx", expected an element symbol/.test(n)), JSON.stringify(bad.notes));
});

test('lit --range with a bound in the wrong unit names the bound as typed, not a parsed object', async () => {
  const { parseRange } = await import('../src/evidence/query.js');
  assert.throws(() => parseRange('nucleation_overpotential=1 eV:2 eV'), (e: Error) => {
    assert.equal(e.message, '--range nucleation_overpotential: got "1 eV", expected a voltage (unit like mV), not "eV"');
    return true;
  });
});

test('screen CLI: the stages\' notes follow the ranking table; a screen whose every candidate is refused says so instead of an empty table', async () => {
  const { cli } = await import('./helpers/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a20-'));
  const f = join(dir, 'none.yaml');
  // no simulation runs: the one candidate is refused when its input is resolved
  writeFileSync(f, 'name: a20-none\nbase: { metal: Li, lattice: { size: [8, 8, 10], voxel: 10 nm }, host: N-graphene, protocol: [Plate 0.0003 mAh/cm2 at 1 mA/cm2] }\nseeds: 1\ncandidates: [{ name: Co-N4, sacs: [{ site: Co-N4, loading: 2 % }] }]\nobjectives: [sustainability]\n');
  const r = await cli(['screen', f, '--db', join(dir, 's.db'), '--threads', '1']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^not evaluated: candidates\[0\] "Co-N4"/);
  assert.equal(r.stdout, 'no candidate evaluated: each of the 1 is listed above with its error\n');
  const j = await cli(['screen', f, '--db', join(dir, 's.db'), '--threads', '1', '--json']);
  assert.ok(Array.isArray((JSON.parse(j.stdout) as { notes?: unknown }).notes), j.stdout);
  // the notes, on a result built here (no simulation)
  const { rankingText } = await import('../src/screen/report.js');
  const res = {
    spec: { name: 'a20', seeds: [1] }, objectives: ['sustainability', 'average_ce'], invalid: [], sources: [],
    notes: [{ stage: 'ranking', text: 'no value for some candidates on: average_ce (ranked as the worst there)' }],
    ranking: [{ name: 'bare', rank: 1, front: 0, score: 0.5, values: [1, NaN], pareto: true, why: 'non-dominated' }],
    candidates: [{ name: 'bare', origin: '', synthesis: 'none', values: { sustainability: { value: 1 }, average_ce: { value: null, note: 'no plate/strip cycles' } } }],
  } as unknown as Parameters<typeof rankingText>[0];
  const text = rankingText(res).split('\n');
  assert.match(text[1]!, /^   1  bare +yes  0\.500 +1\.000 +-$/);
  assert.equal(text[3], 'note (ranking): no value for some candidates on: average_ce (ranked as the worst there)');
});

test('screen: each ranked candidate says why it is there (best on which objectives, dominated by whom, what is missing); the score\'s parts add up to it', async () => {
  const { rankCandidates } = await import('../src/screen/pareto.js');
  const { rankWhy } = await import('../src/screen/screen.js');
  const objectives = ['nucleation_overpotential_mV', 'sustainability', 'anode_cost_USD_per_kWh'];
  const r = rankCandidates([
    { name: 'Fe', values: [20, 0.66, 100] },
    { name: 'Pt', values: [15, 0.16, 300] },
    { name: 'Zn', values: [25, 0.55, 100.00000000001] }, // dominated by Fe (the cost a float-noise tie)
    { name: 'Co', values: [NaN, 0.52, 90] },
  ], ['min', 'max', 'min']);
  const by = new Map(r.map((x) => [x.name, x]));
  for (const x of r) assert.ok(Math.abs(x.parts.reduce((a, b) => a + b, 0) - x.score) < 1e-12);
  assert.equal(rankWhy(by.get('Fe')!, objectives), 'non-dominated; best of all on sustainability');
  assert.equal(rankWhy(by.get('Pt')!, objectives), 'non-dominated; best of all on nucleation_overpotential_mV');
  assert.equal(rankWhy(by.get('Co')!, objectives), 'non-dominated; best of all on anode_cost_USD_per_kWh; no value on nucleation_overpotential_mV (counted as the worst)');
  assert.equal(rankWhy(by.get('Zn')!, objectives), 'front 2: dominated by Fe (as good on every objective, better on one)');
  // a reading with no dip is ranked as missing: the why says which
  assert.equal(rankWhy(by.get('Co')!, objectives, ['nucleation_overpotential_mV']), 'non-dominated; best of all on anode_cost_USD_per_kWh; no nucleation dip in some seed on nucleation_overpotential_mV (counted as no value, the worst)');
});

test('screen: a simulated objective whose best mean lies within another candidate\'s 95 % interval gets a note that its order is not resolved', async () => {
  const { unresolvedNotes } = await import('../src/screen/screen.js');
  const v = (value: number, lo: number, hi: number) => ({ value, lo, hi, n: 2 });
  const notes = unresolvedNotes(['nucleation_overpotential_mV', 'rms_roughness_nm', 'sustainability'], [
    { name: 'A', values: { nucleation_overpotential_mV: v(21.85, -16.77, 60.47), rms_roughness_nm: v(8.0, 7.9, 8.1), sustainability: { value: 0.5 } } },
    { name: 'B', values: { nucleation_overpotential_mV: v(36.1, -18.76, 90.95), rms_roughness_nm: v(9.0, 8.9, 9.1), sustainability: { value: 0.6 } } },
  ]);
  assert.equal(notes.length, 1, JSON.stringify(notes));
  assert.match(notes[0]!, /^nucleation_overpotential_mV: the best mean, A 21\.85 \[-16\.77, 60\.47\], is within the 95 % intervals of 1 other candidate\(s\) \(B\): the order on nucleation_overpotential_mV is not resolved/);
  // one seed: no interval at all
  const one = (value: number) => ({ value, lo: NaN, hi: NaN, n: 1 });
  assert.deepEqual(unresolvedNotes(['rms_roughness_nm'], [{ name: 'A', values: { rms_roughness_nm: one(8) } }, { name: 'B', values: { rms_roughness_nm: one(9) } }]),
    ['rms_roughness_nm: one seed per candidate, no 95 % interval: the order on rms_roughness_nm is not tested (seeds: 3 or more give intervals)']);
});

test('cite of a sweep or comparison file says what the file is and what cite takes (it was refused for a key of its kind); a screen file is cited', async () => {
  const { cli } = await import('./helpers/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a20-'));
  const screen = join(dir, 'screen.yaml'), compare = join(dir, 'compare.yaml');
  writeFileSync(screen, 'name: s\nbase: { metal: Li, host: N-graphene, protocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2] }\ncandidates: [{ name: bare, sacs: [] }]\n');
  writeFileSync(compare, 'metal: Li\nprotocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2]\nvariants: [{ name: Cu, host: Cu }]\n');
  // since loose10 a screen file is cited whole (test/loose10-cite.test.ts), no longer refused
  const s = await cli(['cite', screen]);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /^Cite for this screen/);
  const c = await cli(['cite', compare]);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /compare\.yaml: a comparison file \(variants\), not one run: .*DIR\/<case>\/resolved\.json/);
});

test('lit normalise: the vs-standard cell gives the ratios its flag rests on (a bare "incomplete" hid 0.167x and 3.33x alike)', async () => {
  const { normaliseRecord, standardCell } = await import('../src/evidence/normalise.js');
  const recs = (await literature()).records;
  const cell = (id: string) => standardCell(normaliseRecord(recs.find((r) => r.id === id)!)[0]!);
  assert.equal(cell('na-znsa-hcnt'), 'incomplete (j 3.33x)'); // 10 mA/cm2
  assert.equal(cell('li-safe-cvrcs-3dpc'), 'incomplete (j 0.167x)'); // 0.5 mA/cm2
  assert.equal(cell('li-safeni-lncp'), 'incomplete (Q 1x)'); // 3 mAh/cm2
  // its "K metal battery (over 2500 h)" names no cell type: not normalised as a symmetric cell (loose8)
  assert.equal(normaliseRecord(recs.find((r) => r.id === 'k-sa-co-hc')!).length, 0);
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

test('lit list --sac-element that is no element is one line; a real element no system uses is an empty list', async () => {
  const { queryRecords } = await import('../src/evidence/query.js');
  const recs = (await literature()).records;
  assert.throws(() => queryRecords(recs, { sacElement: 'Xx' }), (e: Error) => e.message === '--sac-element: got "Xx", expected an element symbol, e.g. Co');
  assert.deepEqual(queryRecords(recs, { sacElement: 'Cu' }), []);
  assert.equal(queryRecords(recs, { sacElement: 'fe' }).length, 3);
});

test('a descriptor row with a synthesis temperature but no route is refused (the temperature was dropped and the row screened as route none)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a20-'));
  const f = join(dir, 'desc.csv');
  writeFileSync(f, `${HEAD},synthesis,synthesis_temperature_C\nok,Fe,-0.5,0.1,0.1,0.1,2 %,pyrolysis,800\nbad,Co,-0.5,0.1,0.1,0.1,2 %,,800\n`);
  assert.throws(() => descriptorCandidates(f, BASE, dir), (e: Error) => /^desc\.csv row 3, synthesis_temperature_C: got "800", expected a synthesis route/.test(e.message));
});

test('screen: the file\'s objective_weights follow their objectives by name when --objectives names others (they went by position)', async () => {
  const { runScreen } = await import('../src/screen/screen.js');
  const { parseScreen } = await import('../src/screen/spec.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a20-'));
  // a stage of the pipeline's own kind that gives two fixed objectives (no simulation)
  const fixed = { name: 'fixed', describe: 'fixed values', async run() {
    return { values: new Map([['A', { porosity: { value: 0 }, sustainability: { value: 0.2 } }], ['B', { porosity: { value: 0.1 }, sustainability: { value: 0.9 } }]]), sources: [], notes: [] };
  } };
  const spec = parseScreen({ name: 'a20-w', base: BASE, candidates: [{ name: 'A', sacs: [] }, { name: 'B', sacs: [] }], objectives: ['porosity', 'anode_mAh_per_g'], objective_weights: [5, 0] }, { file: join(dir, 's.yaml') });
  // --objectives sustainability,porosity: porosity keeps its weight 5 (A best there), sustainability 1 (B best)
  const r = await runScreen(spec, { stages: [fixed], objectives: ['sustainability', 'porosity'], record: false });
  assert.deepEqual(r.ranking.map((x) => x.name), ['A', 'B']);
  assert.ok(Math.abs(r.ranking[0]!.score - 5 / 6) < 1e-12, String(r.ranking[0]!.score));
});

test('screen anode: metal_mass 0 is refused in one line (the cost per kWh became Infinity, shown as "-" with its usual note)', async () => {
  const { parseScreen } = await import('../src/screen/spec.js');
  const spec = (metal_mass: string) => parseScreen({ name: 'a20-a', base: BASE, candidates: [{ name: 'A', sacs: [] }], anode: { metal_mass, host_mass: '1.5 mg/cm2' } }, { file: '/tmp/a20.yaml' });
  assert.throws(() => spec('0 mg/cm2'), (e: Error) => /^anode\.metal_mass: got "0 mg\/cm2", expected a positive areal mass/.test(e.message));
  assert.equal(spec('2 mg/cm2').anode!.metalMass_kg_m2, 0.02);
});

test('fullcell prints the first discharge beside the retention (retention is relative to it: CE 0.3 read 100 % at cycle 1)', async () => {
  const { cli } = await import('./helpers/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a20-'));
  const f = join(dir, 'fc.yaml');
  writeFileSync(f, 'cathode: LFP\nnp: [0, 1]\ncycles: 10\nanode: { ce: 0.3 }\n');
  const r = await cli(['fullcell', f]);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').slice(2).map((l) => l.trim().split(/\s{2,}/));
  // N/P 0: D1 = CE x Q_c = 0.3 x 1.7; N/P 1: the excess (1.7) covers the first cycle's loss (1.19)
  assert.deepEqual(rows.map((x) => [x[0], x[1]]), [['0', '0.510'], ['1', '1.700']]);
  assert.match(r.stdout, /retention = discharge \/ first discharge/);
});
