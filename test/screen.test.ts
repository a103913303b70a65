/**
 * Screening: the Pareto front against a brute-force dominance check on random data, a ranking
 * that does not depend on candidate order, the indicator arithmetic, and a small screen end to
 * end (invalid candidate reported, report with sources, same ranking with candidates reversed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../src/kmc/rng.js';
import { dominates, paretoFronts, rankCandidates, type Direction } from '../src/screen/pareto.js';
import { hasFluorine, synthesisIndicators, electrolyteGreenness } from '../src/screen/data.js';
import { parseScreen } from '../src/screen/spec.js';
import { runScreen } from '../src/screen/screen.js';
import { writeReport, reportMarkdown, reportHtml, rankingCsv, rankingText, paretoSvg } from '../src/screen/report.js';
import { InputError } from '../src/errors.js';
import { screenView } from '../src/screen/view.js';
import { getElements, sustainabilityScore, DEFAULT_WEIGHTS } from '../src/evidence/elements.js';
import { cli, cliInterrupted } from './helpers/cli.js';
import { screenStopLine } from '../src/cli/actions/sweep.js';
import { tempFolder, tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('screen');

function randomPoints(rng: Rng, n: number, d: number, levels: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: d }, () => Math.floor(rng.next() * levels)));
}

test('Pareto fronts agree with a brute-force dominance check on random data (ties, mixed directions)', () => {
  const rng = new Rng(20261130);
  for (let trial = 0; trial < 60; trial++) {
    const d = 2 + (trial % 3);
    const n = 5 + Math.floor(rng.next() * 120);
    const pts = randomPoints(rng, n, d, trial % 2 ? 6 : 1000); // few levels -> many ties and duplicates
    const dirs: Direction[] = Array.from({ length: d }, () => (rng.next() < 0.5 ? 'min' : 'max'));
    const fronts = paretoFronts(pts, dirs);
    // brute force: front 0 = points no other point dominates
    const brute = pts.map((_, i) => i).filter((i) => !pts.some((q, j) => j !== i && dominates(q, pts[i]!, dirs)));
    assert.deepEqual(fronts[0], brute, `trial ${trial}`);
    // every point in exactly one front; front k+1 points are dominated by some front-k point and by none in their own or later fronts
    assert.equal(fronts.flat().length, n);
    assert.equal(new Set(fronts.flat()).size, n);
    for (let k = 0; k < fronts.length; k++) {
      const later = fronts.slice(k).flat();
      for (const i of fronts[k]!) {
        assert.ok(!later.some((j) => dominates(pts[j]!, pts[i]!, dirs)), `trial ${trial}: point ${i} dominated within front ${k} or later`);
        if (k > 0) assert.ok(fronts[k - 1]!.some((j) => dominates(pts[j]!, pts[i]!, dirs)), `trial ${trial}: point ${i} of front ${k} not dominated by front ${k - 1}`);
      }
    }
  }
});

test('the ranking does not depend on the order of the candidates', () => {
  const rng = new Rng(7);
  const items = randomPoints(rng, 40, 3, 5).map((values, i) => ({ name: `c${String(i).padStart(2, '0')}`, values }));
  const dirs: Direction[] = ['min', 'max', 'min'];
  const ref = rankCandidates(items, dirs);
  for (let t = 0; t < 20; t++) {
    const shuffled = [...items];
    for (let i = shuffled.length - 1; i > 0; i--) { const j = Math.floor(rng.next() * (i + 1)); [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]; }
    assert.deepEqual(rankCandidates(shuffled, dirs), ref);
  }
  // ranks follow fronts
  for (let i = 1; i < ref.length; i++) assert.ok(ref[i]!.front >= ref[i - 1]!.front);
});

test('values within 1e-9 of each other tie in the fronts and the score, as in "best of all on" (review38: a front apart by 1e-7 mV)', () => {
  // review38's screen: two SACs, both permanent traps, read 110.33603077823844 and 110.33603088196897 mV (the rates'
  // float noise) with every other objective equal; B was put a front below A, "dominated by A (as good on every
  // objective, better on one)". A real difference of 1e-6 relative still dominates.
  const dirs: Direction[] = ['min', 'min', 'max'];
  const items = [
    { name: 'A', values: [110.33603077823844, 0.11, 0.126] },
    { name: 'B', values: [110.33603088196897, 0.11, 0.126] },
    { name: 'C', values: [110.3362, 0.11, 0.126] },
    { name: 'D', values: [25.84, 0.2, 0.1] },
  ];
  const r = rankCandidates(items, dirs);
  const by = new Map(r.map((x) => [x.name, x]));
  assert.equal(by.get('A')!.front, 0);
  assert.equal(by.get('B')!.front, 0, 'B ties A');
  assert.equal(by.get('B')!.dominatedBy, undefined);
  assert.equal(by.get('A')!.score, by.get('B')!.score);
  assert.equal(by.get('C')!.front, 1, 'C is worse than A by 1.6e-6 of itself: dominated');
  assert.match(by.get('C')!.dominatedBy!, /^[AB]$/);
  assert.deepEqual(by.get('B')!.values, items[1]!.values, 'the values reported are those read');
  // in any order, and against the reversed list
  assert.deepEqual(rankCandidates([...items].reverse(), dirs), r);
});

test('indicators: fluorine read from formulas, furnace energy per gram, F-free electrolyte', () => {
  assert.equal(hasFluorine('LiC2F6NO4S2'), true);
  assert.equal(hasFluorine('LiF2NO4S2'), true);
  assert.equal(hasFluorine('Fe2O3'), false, 'Fe is not fluorine');
  assert.equal(hasFluorine('LiNO3'), false);
  // pyrolysis: 1.5 kW at 1000 degC scaled to 900 degC, 4 h, 1 g batch: 1.5 x 875/975 x 4 = 5.3846 kWh/g
  assert.ok(Math.abs(synthesisIndicators({ route: 'pyrolysis', temperature_C: 900 }).energy_kWh_per_g - 5.3846) < 1e-3);
  assert.ok(synthesisIndicators({ route: 'pyrolysis', temperature_C: 700 }).energy_kWh_per_g < synthesisIndicators({ route: 'pyrolysis', temperature_C: 900 }).energy_kWh_per_g);
  assert.equal(synthesisIndicators({ route: 'none' }).energy_kWh_per_g, 0);
  assert.deepEqual(electrolyteGreenness({ salt: ['LiTFSI'], solvents: ['DOL', 'DME'], additives: ['LiNO3'] }).fluorinated, ['LiTFSI']);
  assert.equal(electrolyteGreenness({ salt: ['LiBOB'], solvents: ['DOL', 'DME'], additives: ['LiNO3'] }).fluorineFree, true);
});

test('elements stage: a cited hazard that ranks above unassessed elements only through the toxicity weight is said, with the scores with and without it (review69); since toxoel Zn and Cu have cited exposure limits and rank above Co, and the note names only an unassessed element (Cr)', async () => {
  const { elementsStage } = await import('../src/screen/stages.js');
  const cand = (name: string, element: string) => ({ name, run: { provenance: { sacs: [{ element }] } } });
  const ctx = { candidates: [cand('Co-N/O', 'Co'), cand('Zn-N4', 'Zn'), cand('Fe-N4', 'Fe'), cand('Cu-N4', 'Cu'), cand('Cr-N4', 'Cr')], opts: {} } as unknown as Parameters<ReturnType<typeof elementsStage>['run']>[0];
  const w2 = { abundance: 1, price: 1, hhi: 1, toxicity: 2 };
  const out = await elementsStage(w2).run(ctx);
  const sus = (n: string) => out.values.get(n)!.sustainability!.value!;
  // review69's inversion is gone with the data (toxicity.yaml: Zn 4.0, Cu 1 mg/m3 against Co's 0.05 and IARC 2A):
  // the toxicity weight meant to penalise cobalt now does
  assert.ok(sus('Zn-N4') > sus('Co-N/O') && sus('Cu-N4') > sus('Co-N/O') && sus('Fe-N4') > sus('Co-N/O'), JSON.stringify([...out.values]));
  const notes = out.notes.filter((n) => n.startsWith('toxicity: '));
  assert.equal(notes.length, 1, JSON.stringify(out.notes));
  // Cr (no limit or class found) still scores 0 there: Co ranks above it only through the toxicity weight, and is said
  assert.match(notes[0]!, /^toxicity: Co \(cited hazard: IARC Group 2A\) scores above Cr \(no cited hazard data\) only through the toxicity criterion: .* the toxicity weight 2 lifts Co above them \(Co 0\.4641, Cr 0\.\d+; with toxicity weight 0: Co 0\.6068, Cr 0\.\d+\)\. This is not evidence that Cr is more toxic than Co/);
  assert.doesNotMatch(notes[0]!, /Zn|Cu/);
  // none without a toxicity weight
  const w0 = { abundance: 1, price: 1, hhi: 1, toxicity: 0 };
  assert.deepEqual((await elementsStage(w0).run(ctx)).notes.filter((n) => n.startsWith('toxicity: ')), []);
});

test('elements stage: a built-in site\'s support elements count (SAFe-CVRCS: Fe in Co1-xS is scored on Fe, Co and S, the worst counts; it tied Fe-N4 on Fe alone until toxoel)', async () => {
  const { elementsStage } = await import('../src/screen/stages.js');
  const cand = (name: string, site: string, element: string) => ({ name, run: { provenance: { sacs: [{ name: site, element }] } } });
  const ctx = { candidates: [cand('SAFe', 'SAFe-CVRCS', 'Fe'), cand('Fe-N4', 'Fe-N4', 'Fe'), cand('mine', 'my-Fe-site', 'Fe')], opts: {} } as unknown as Parameters<ReturnType<typeof elementsStage>['run']>[0];
  const out = await elementsStage(DEFAULT_WEIGHTS).run(ctx);
  const v = (n: string) => out.values.get(n)!.sustainability!;
  const [fe, co, sul] = getElements(['Fe', 'Co', 'S']).map((e) => sustainabilityScore(e, DEFAULT_WEIGHTS).total);
  assert.equal(v('SAFe').value, Math.min(fe!, co!, sul!));
  assert.equal(v('SAFe').value, co, 'cobalt is the worst of the three');
  assert.equal(v('SAFe').note, 'Co, a support element; the worst of Fe, Co, S, support elements Co, S included');
  assert.ok(v('Fe-N4').value! > v('SAFe').value!, 'no longer a tie with Fe-N4');
  assert.equal(v('mine').value, fe, 'a user\'s own site is scored on its element');
  // its support elements' sources are listed beside Fe's
  assert.ok(out.sources.some((l) => l.what === 'S: toxicity') && out.sources.some((l) => l.what === 'Co: toxicity'));
});

test('a user\'s own SAC set gives supportElements (checked, scored with its element, cited by the set\'s source; toxoel took them on built-in sites only)', async () => {
  const { elementsStage } = await import('../src/screen/stages.js');
  const { buildParamSets } = await import('../src/params/registry.js');
  const { runSources } = await import('../src/cite/citations.js');
  const metals = { Li: { binding: '0.3 eV' } };
  const sets = buildParamSets({ user: { sacs: { 'my-FeCoS': { element: 'Fe', supportElements: ['Co', 'S'], metals } } } });
  const mine = sets.sacs['my-FeCoS']!;
  assert.deepEqual(mine.supportElements, ['Co', 'S']);
  const out = await elementsStage(DEFAULT_WEIGHTS).run({ candidates: [{ name: 'mine', run: { provenance: { sacs: [mine] } } }], opts: {} } as unknown as Parameters<ReturnType<typeof elementsStage>['run']>[0]);
  const [fe, co, sul] = getElements(['Fe', 'Co', 'S']).map((e) => sustainabilityScore(e, DEFAULT_WEIGHTS).total);
  const v = out.values.get('mine')!.sustainability!;
  assert.equal(v.value, Math.min(fe!, co!, sul!));
  assert.equal(v.note, 'Co, a support element; the worst of Fe, Co, S, support elements Co, S included');
  // cited as the set's other own fields are (a set without a source of its own: "user input: the set ...")
  const src = runSources({ sacs: [mine] }).find((x) => x.ref === 'user input' && (x as { set_fields?: string[] }).set_fields);
  assert.ok(src && (src as { set_fields?: string[] }).set_fields?.includes('supportElements'), JSON.stringify(runSources({ sacs: [mine] })));
  // checked: a symbol that is no element, or not a list, is refused naming the field
  assert.throws(() => buildParamSets({ user: { sacs: { bad: { element: 'Fe', supportElements: ['Co', 'Xx'], metals } } } }),
    (e: unknown) => e instanceof InputError && /^parameters\.sacs\.bad\.supportElements\[1\]: got "Xx", expected an element symbol/.test(e.message));
  assert.throws(() => buildParamSets({ user: { sacs: { bad: { element: 'Fe', supportElements: 'Co', metals } } } }),
    (e: unknown) => e instanceof InputError && /supportElements/.test(e.message) && /a list of element symbols/.test(e.message));
});

test('elements stage: a criterion without data is said beside the value, marked ~ in the CLI table and report.md and named in ranking.csv\'s sustainability_missing (review69: only the stage note said it; Tc has no abundance or HHI)', async () => {
  const { elementsStage } = await import('../src/screen/stages.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-missing-'));
  writeFileSync(join(dir, 'desc.csv'), 'name,element,binding_vs_support_eV,desolvation_shift_eV,distortion_A,loading\nTc-site,Tc,-0.5,0.1,0.05,2 %\nFe-site,Fe,-0.5,0.1,0.05,2 %\n');
  const spec = parseScreen({ name: 'missing-crit', base: { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'N-graphene', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] }, descriptors: 'desc.csv', objectives: ['sustainability'] }, { file: join(dir, 's.yaml') });
  const r = await runScreen(spec, { stages: [elementsStage(DEFAULT_WEIGHTS)], record: false });
  const [tc] = getElements(['Tc']);
  const s = sustainabilityScore(tc!, DEFAULT_WEIGHTS);
  assert.deepEqual(s.missing, ['abundance', 'hhi'], 'the data: Tc has no crustal abundance and no HHI row');
  const v = r.candidates.find((c) => c.name === 'Tc-site')!.values.sustainability!;
  assert.equal(v.value, s.total);
  assert.deepEqual(v.missing, ['Tc: abundance', 'Tc: hhi']);
  assert.match(v.note!, /no data for Tc: abundance, Tc: hhi: left out, the other criteria share their weight/);
  assert.equal(r.candidates.find((c) => c.name === 'Fe-site')!.values.sustainability!.missing, undefined);
  const { splitCsvLine } = await import('../src/evidence/elements.js');
  const rows = rankingCsv(r).trim().split('\n').map(splitCsvLine);
  const col = rows[0]!.indexOf('sustainability_missing');
  assert.ok(col > rows[0]!.indexOf('sustainability_hi'), rows[0]!.join(','));
  const cell = (name: string) => rows.find((x) => x[1] === name)![col];
  assert.equal(cell('Tc-site'), 'Tc: abundance; Tc: hhi');
  assert.equal(cell('Fe-site'), '');
  const text = rankingText(r).split('\n');
  const tcRow = text.find((l) => /Tc-site/.test(l) && /^\s*\d/.test(l))!;
  assert.match(tcRow, new RegExp(`${s.total.toPrecision(4)}~$`), tcRow);
  assert.doesNotMatch(text.find((l) => /Fe-site/.test(l) && /^\s*\d/.test(l))!, /~/);
  assert.ok(text.includes('note: Tc-site: sustainability~ scored without Tc: abundance, Tc: hhi (no data): left out, the other criteria share their weight'), text.join('\n'));
  const md = reportMarkdown(r);
  assert.match(md, /\| Tc-site \| .*\| [\d.]+~ \|/);
  assert.match(md, /~: scored without a criterion that has no data.*Tc-site \(Tc: abundance, Tc: hhi\)/);
});

test('screen: each candidate\'s sustainability by criterion (abundance, price, hhi, toxicity of the element that counts) in ranking.csv and under the CLI table (review69: the total alone)', async () => {
  const { elementsStage } = await import('../src/screen/stages.js');
  const { splitCsvLine } = await import('../src/evidence/elements.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-criteria-'));
  writeFileSync(join(dir, 'desc.csv'), 'name,element,binding_vs_support_eV,desolvation_shift_eV,distortion_A,loading\nCo-site,Co,-0.5,0.1,0.05,2 %\nTc-site,Tc,-0.5,0.1,0.05,2 %\n');
  const spec = parseScreen({ name: 'criteria', base: { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'N-graphene', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] }, descriptors: 'desc.csv', objectives: ['sustainability'], weights: 'toxicity=2' }, { file: join(dir, 's.yaml') });
  const w = { ...DEFAULT_WEIGHTS, toxicity: 2 };
  const r = await runScreen(spec, { stages: [elementsStage(w)], record: false });
  const [co, tc] = getElements(['Co', 'Tc']).map((e) => sustainabilityScore(e, w));
  const score = (s: typeof co, c: string) => s!.breakdown.find((b) => b.criterion === c)!.score;
  const rows = rankingCsv(r).trim().split('\n').map(splitCsvLine);
  const at = (name: string, col: string) => { const i = rows[0]!.indexOf(col); assert.ok(i >= 0, `column ${col}: ${rows[0]!.join(',')}`); return rows.find((x) => x[1] === name)![i]; };
  assert.equal(at('Co-site', 'sustainability_element'), 'Co');
  for (const c of ['abundance', 'price', 'hhi', 'toxicity']) {
    assert.ok(Math.abs(Number(at('Co-site', `sustainability_${c}`)) - score(co, c)!) < 1e-9, `Co ${c}`);
    const t = score(tc, c);
    if (t === null) assert.equal(at('Tc-site', `sustainability_${c}`), '', `Tc ${c}: no data, empty`);
    else assert.ok(Math.abs(Number(at('Tc-site', `sustainability_${c}`)) - t) < 1e-9, `Tc ${c}`);
  }
  assert.equal(score(co, 'toxicity'), 0.25, 'Co: IARC 2A');
  const text = rankingText(r).split('\n');
  const f3 = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  assert.ok(text.includes(`criteria: Co-site: Co abundance ${f3(score(co, 'abundance'))}, price ${f3(score(co, 'price'))}, hhi ${f3(score(co, 'hhi'))}, toxicity 0.250`), text.join('\n'));
  assert.ok(text.includes(`criteria: Tc-site: Tc abundance -, price ${f3(score(tc, 'price'))}, hhi -, toxicity ${f3(score(tc, 'toxicity'))}`), text.join('\n'));
  assert.ok(text.some((l) => /^criteria: each a score from 0 \(worst\) to 1 \(best\)/.test(l)));
});

test('report.md: the ranking gives each candidate\'s sustainability by criterion, as the CLI\'s criteria: lines (mends87: the CLI and ranking.csv had them, report.md the total only)', async () => {
  const { elementsStage } = await import('../src/screen/stages.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-criteria-md-'));
  writeFileSync(join(dir, 'desc.csv'), 'name,element,binding_vs_support_eV,desolvation_shift_eV,distortion_A,loading\nCo-site,Co,-0.5,0.1,0.05,2 %\nTc-site,Tc,-0.5,0.1,0.05,2 %\n');
  const spec = parseScreen({ name: 'criteria-md', base: { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'N-graphene', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] }, descriptors: 'desc.csv', objectives: ['sustainability'] }, { file: join(dir, 's.yaml') });
  const r = await runScreen(spec, { stages: [elementsStage(DEFAULT_WEIGHTS)], record: false });
  const [co, tc] = getElements(['Co', 'Tc']).map((e) => sustainabilityScore(e, DEFAULT_WEIGHTS));
  const f3 = (s: typeof co, c: string) => { const x = s!.breakdown.find((b) => b.criterion === c)!.score; return x === null ? '-' : x.toFixed(3); };
  const md = reportMarkdown(r);
  const ranking = md.slice(md.indexOf('## Ranking'), md.indexOf('## Non-dominated'));
  assert.ok(ranking.includes('| candidate | element that counts | abundance | price | hhi | toxicity |'), ranking);
  assert.ok(ranking.includes(`| Co-site | Co | ${f3(co, 'abundance')} | ${f3(co, 'price')} | ${f3(co, 'hhi')} | 0.250 |`), ranking);
  assert.ok(ranking.includes(`| Tc-site | Tc | - | ${f3(tc, 'price')} | - | ${f3(tc, 'toxicity')} |`), ranking);
  assert.match(ranking, /each a score from 0 \(worst\) to 1 \(best\) of the element that counts/);
  assert.match(reportHtml(r), /<td>Co-site<\/td><td>Co<\/td><td>0\.\d{3}<\/td>/);
});

test('anode stage: a site\'s support elements (SAFe-CVRCS: Co, S) are not priced, and the cost\'s note says so and why (mends87: left without a word since toxoel)', async () => {
  const { anodeStage } = await import('../src/screen/stages.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-anode-support-'));
  const spec = parseScreen({
    name: 'anode-support', base: { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'carbon-cloth', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] },
    candidates: [
      { name: 'SAFe', sacs: [{ site: 'SAFe-CVRCS', loading: '2 %' }], synthesis: 'wet-impregnation' },
      { name: 'FeN4', sacs: [{ site: 'Fe-N4', loading: '2 %' }], synthesis: 'wet-impregnation' },
    ],
    objectives: ['anode_cost_USD_per_kWh'], anode: { metal_mass: '2 mg/cm2', host_mass: '1.5 mg/cm2', sac_mass_loading: '1 wt%' },
  }, { file: join(dir, 's.yaml') });
  const r = await runScreen(spec, { stages: [anodeStage], record: false });
  const v = (name: string) => r.candidates.find((c) => c.name === name)!.values.anode_cost_USD_per_kWh!;
  // the same Fe at the same loading, the same host and route: the same cost, Co and S not in it
  assert.ok(v('SAFe').value !== null && Math.abs(v('SAFe').value! - v('FeN4').value!) < 1e-12 * v('FeN4').value!, `${v('SAFe').value} ${v('FeN4').value}`);
  assert.match(v('SAFe').note!, /support elements Co, S not priced: they are the host's material, whose composition is not known/);
  assert.doesNotMatch(v('FeN4').note!, /support/);
  assert.ok(r.notes.some((n) => n.stage === 'anode' && /SAFe: support elements Co, S not priced/.test(n.text)), JSON.stringify(r.notes));
});

// screen bookkeeping (values carried, intervals, ranking, report, store reuse): a slow terrace hop
// (0.30 eV, as the sweep tests use) keeps each of the 8 runs short under physics v2
const BASE = {
  metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'N-graphene', kinetics: { terraceBarrier: '0.3 eV' },
  protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false },
};

test('screen end to end: invalid candidate reported, report cites sources, same ranking with the candidates reversed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-screen-'));
  const db = join(dir, 'store.db');
  writeFileSync(join(dir, 'desc.csv'), 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading,synthesis,synthesis_temperature_C,source\nCu-test,Cu,-0.8,0.08,0.1,0.05,4 %,pyrolysis,800,test row\n');
  const candidates = [
    { name: 'bare', sacs: [], synthesis: 'none' },
    { name: 'Zn-N4', sacs: [{ site: 'Zn-N4', loading: '4 %' }], synthesis: { route: 'pyrolysis', temperature: '900 degC' } },
    { name: 'Fe-N4', sacs: [{ site: 'Fe-N4', loading: '4 %' }], synthesis: 'wet-impregnation' },
    { name: 'Co-N4 for Li', sacs: [{ site: 'Co-N4', loading: '4 %' }] }, // the set has no Li parameters
  ];
  const screen = (cands: unknown[]) => ({
    name: 'tiny', base: BASE, seeds: 2, candidates: cands, descriptors: 'desc.csv',
    electrolyte: { salt: 'LiTFSI', solvents: ['DOL', 'DME'] },
    anode: { metal_mass: '2 mg/cm2', host_mass: '1.5 mg/cm2', sac_mass_loading: '1 wt%', cell_voltage: '3.7 V' },
    objectives: ['nucleation_overpotential_mV', 'sustainability', 'anode_cost_USD_per_kWh'],
  });
  const file = join(dir, 'screen.json');
  const spec = parseScreen(screen(candidates), { file });
  const r = await runScreen(spec, { db, threads: 2 });
  assert.deepEqual(r.invalid.map((x) => x.name), ['Co-N4 for Li']);
  assert.match(r.invalid[0]!.error, /sacs\[0\]\.site: got "Co-N4", expected a SAC site with parameters for Li/);
  assert.deepEqual(r.ranking.map((x) => x.name).sort(), ['Cu-test', 'Fe-N4', 'Zn-N4', 'bare']);
  const byName = new Map(r.candidates.map((c) => [c.name, c]));
  const zn = byName.get('Zn-N4')!.values;
  // both seeds carried: since mends119 the mean and n are of the seeds with a dip, no_dip counts the others (this box's
  // 0.001 mAh/cm2 reads no dip in both seeds of Zn-N4: value null, n 0, no_dip 2)
  const znNuc = zn.nucleation_overpotential_mV!;
  assert.equal(znNuc.n! + (znNuc.no_dip ?? 0), 2, JSON.stringify(znNuc));
  if (znNuc.n === 2) assert.ok(znNuc.lo! <= znNuc.value! && znNuc.value! <= znNuc.hi!);
  else if (znNuc.n === 0) assert.equal(znNuc.value, null);
  assert.equal(byName.get('Cu-test')!.values.distortion_A!.value, 0.05);
  assert.equal(zn.electrolyte_fluorine_free!.value, 0);
  // bare host, hand arithmetic: Li 2 mg/cm2 at 81.4 USD/kg + host 1.5 mg/cm2 at 1 USD/g, over 2 mg x 3861.9 mAh/g x 3.7 V
  const bareCost = (2e-6 * 81.4 + 1.5e-3 * 1) / (2e-3 * 3861.9 * 3.7 * 1e-6);
  assert.ok(Math.abs(byName.get('bare')!.values.anode_cost_USD_per_kWh!.value! / bareCost - 1) < 0.01, `${byName.get('bare')!.values.anode_cost_USD_per_kWh!.value} vs ${bareCost}`);
  const files = writeReport(r, join(dir, 'report'));
  for (const f of ['report.md', 'report.html', 'pareto.svg', 'ranking.csv', 'result.json']) assert.ok(existsSync(join(dir, 'report', f)), f);
  const md = readFileSync(join(dir, 'report', 'report.md'), 'utf8');
  assert.match(md, /Sources of every parameter/);
  assert.match(md, /Zn-N4: metals\.Li\.binding/, 'the SAC set values are listed');
  assert.match(md, /review ref 58/, 'with their sources');
  assert.match(md, /Zn: toxicity \| OEL 4\.017 mg\/m3 \(NIOSH REL, TWA\) -> 0\.901 \| NIOSH Pocket Guide to Chemical Hazards, Zinc oxide/);
  assert.match(md, /pyrolysis: cost per g host \| 5 USD\/g \| assumed/);
  assert.match(md, /test row/, 'descriptor rows cite their source column');
  assert.match(readFileSync(join(dir, 'report', 'pareto.svg'), 'utf8'), /^<svg/);
  // a candidate without a value on a plotted objective is named under the plot, not left out without a word (review38)
  const svg = paretoSvg({ ...r, objectives: ['distortion_A', 'sustainability'] });
  assert.equal(svg.match(/<circle/g)?.length, 1, 'only the descriptor row has a distortion');
  assert.match(svg, /not plotted: [^<]*bare \(no value on distortion_A\)/);
  for (const n of ['Zn-N4', 'Fe-N4']) assert.match(svg, new RegExp(`not plotted: [^<]*${n} \\(no value on distortion_A\\)`));
  const none = paretoSvg({ ...r, objectives: ['electrode_nucleation_overpotential_mV', 'distortion_A'] });
  assert.doesNotMatch(none, /NaN/);
  assert.match(none, /no candidate has values on both electrode_nucleation_overpotential_mV and distortion_A/);
  assert.equal(files.length, 5);
  // the SAC share's chance level beside it, and the excess = share - chance per seed (means: the difference of the means)
  const x = (k: string) => zn[k]!.value!;
  assert.ok(x('sac_nucleation_share_chance') > 0 && x('sac_nucleation_share_chance') < 1, `chance ${x('sac_nucleation_share_chance')}`);
  assert.ok(Math.abs(x('sac_nucleation_excess') - (x('sac_nucleation_share') - x('sac_nucleation_share_chance'))) < 1e-12);
  // the bare host has no SAC share, chance nor excess (metrics.json null since mends62: not applicable; it read 0)
  const bare = byName.get('bare')!.values;
  for (const k of ['sac_nucleation_share', 'sac_nucleation_share_chance', 'sac_nucleation_excess']) assert.deepEqual(bare[k], { value: null, note: 'not applicable: no SACs' }, k);
  assert.match(rankingCsv(r).split('\n')[0]!, /,sac_nucleation_share,sac_nucleation_share_lo,sac_nucleation_share_hi,sac_nucleation_share_chance,sac_nucleation_share_chance_lo,sac_nucleation_share_chance_hi,sac_nucleation_excess,/);
  const byExcess = reportMarkdown({ ...r, objectives: ['sac_nucleation_excess', 'sustainability'] });
  assert.match(byExcess, /\| sac_nucleation_excess \| sac_nucleation_share_chance \(not ranked\) \| sustainability \|/, 'the ranking table shows the chance beside a share objective');
  assert.match(rankingText({ ...r, objectives: ['sac_nucleation_share'] }).split('\n')[0]!, /score {2}sac_nucleation_share {2}sac_nucleation_share_chance \(not ranked\)$/, 'and the CLI\'s');
  // the share and the excess both objectives: the chance once, after the share (review31: it was shown after each)
  const both = ['sac_nucleation_share', 'sac_nucleation_excess'];
  assert.equal(rankingText({ ...r, objectives: both }).split('\n')[0]!.match(/sac_nucleation_share_chance/g)?.length, 1, 'the CLI table shows the chance once');
  assert.match(reportMarkdown({ ...r, objectives: both }), /\| sac_nucleation_share \| sac_nucleation_share_chance \(not ranked\) \| sac_nucleation_excess \| why \|/, 'report.md too');
  assert.match(md, /sac_nucleation_share_chance: the share of nuclei at SACs that the same islands would have/);
  // candidates in the reverse order: the simulations are reused from the store, the ranking is the same
  const r2 = await runScreen(parseScreen(screen([...candidates].reverse()), { file }), { db, threads: 2 });
  assert.deepEqual(r2.ranking, r.ranking);
});

test('screen files: bad keys and values are one InputError naming the field', () => {
  const bad: [unknown, RegExp][] = [
    [{ base: BASE, candidates: [{ name: 'x', synthesis: 'alchemy' }] }, /^candidates\[0\]\.synthesis\.route: got "alchemy"/],
    [{ base: BASE, candidates: [{ name: 'x' }], objectives: ['beauty'] }, /^objectives\[0\]: got "beauty"/],
    [{ base: BASE, candidates: [{ name: 'x' }], electrolyte: { salt: 'LiXYZ' } }, /^electrolyte\.salt: got "LiXYZ"/],
    [{ base: BASE, candidates: [{ name: 'x' }], anode: { metal_mass: '2 mAh/cm2', host_mass: '1 mg/cm2' } }, /^anode\.metal_mass: /],
    [{ base: BASE, candidates: [{ name: 'x' }, { name: 'x' }] }, /^candidates\[1\]\.name: got "x", expected a name no other candidate has/],
    [{ base: BASE }, /^candidates: /],
    // did-you-mean hints on the keys of a candidate, its synthesis, the electrolyte and the anode
    [{ base: BASE, candidates: [{ name: 'x', hots: 'graphene' }] }, /^candidates\[0\]\.hots: .*no such key \(did you mean "host"\?\); allowed keys: name/],
    [{ base: BASE, candidates: [{ name: 'x', synthesis: { route: 'pyrolysis', temprature: '900 degC' } }] }, /^candidates\[0\]\.synthesis\.temprature: .*\(did you mean "temperature"\?\)/],
    [{ base: BASE, candidates: [{ name: 'x' }], electrolyte: { salts: 'LiTFSI' } }, /^electrolyte\.salts: .*\(did you mean "salt"\?\)/],
    [{ base: BASE, candidates: [{ name: 'x' }], anode: { metal_mas: '2 mg/cm2' } }, /^anode\.metal_mas: .*\(did you mean "metal_mass"\?\)/],
  ];
  for (const [input, re] of bad) assert.throws(() => parseScreen(input), (e: unknown) => e instanceof InputError && re.test(e.message), JSON.stringify(input));
});

test('screen CLI: Ctrl-C stops it with one line saying what is kept and how to go on, exit 130 (it ended with the library\'s error line, exit 2)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-screen-stop-'));
  const file = join(dir, 'screen.json');
  writeFileSync(file, JSON.stringify({ name: 'stop-demo', base: BASE, seeds: 1, objectives: ['nucleation_overpotential_mV'],
    candidates: [{ name: 'bare', sacs: [] }, { name: 'Zn-N4', sacs: [{ site: 'Zn-N4', loading: '4 %' }] }] }));
  // in-process: the signal is emitted once the command has its handler, as a real Ctrl-C would reach it
  const before = process.listenerCount('SIGINT'), beforeTerm = process.listenerCount('SIGTERM');
  const r = await cliInterrupted(['screen', file, '--threads', '1', '--db', join(dir, 'store.db')]);
  assert.ok(r.handled, 'screen installs no Ctrl-C handler');
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /sacplate: stopping the screen \(Ctrl-C again to quit at once\)\n/);
  // mends70b: nothing had finished, so nothing is kept (it said "no simulation had finished; they are kept in the store")
  assert.match(r.stderr, /sacplate: screen "stop-demo" stopped; no simulation (of the 2 it had to run )?had finished, so none is kept in \S+store\.db \(a simulation stopped part-way is not kept\): run the same command again to run them from the start; no report written\n$/);
  assert.doesNotMatch(r.stderr, /expected a screen left to run/, 'not the library\'s error line');
  assert.equal(r.stdout, '');
  assert.equal(process.listenerCount('SIGINT'), before, 'handler removed afterwards');
  assert.equal(process.listenerCount('SIGTERM'), beforeTerm, 'SIGTERM handler removed afterwards');
});

// From mends70b (session 70); failed on main 224657d1: the progress lines read `screen: 0/2 tasks` whatever the screen's
// name (a sweep's give the sweep's), and a stop before any simulation ended said "no simulation had finished; they are
// kept in the store".
test('screen CLI: its progress lines give the screen\'s name (the file\'s base name when it has no name:), and a stop at its first line says nothing is kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-screen-name-'));
  const file = join(dir, 'my-sacs.json');
  writeFileSync(file, JSON.stringify({ base: BASE, seeds: 1, objectives: ['nucleation_overpotential_mV'],
    candidates: [{ name: 'bare', sacs: [] }, { name: 'Zn-N4', sacs: [{ site: 'Zn-N4', loading: '4 %' }] }] }));
  let said: string | undefined;
  const r = await cli(['screen', file, '--threads', '1', '--db', join(dir, 'store.db')], {
    onStderr: (s) => { if (said === undefined && /^\S+: 0\/2 tasks/m.test(s)) { said = s; process.emit('SIGINT', 'SIGINT'); } },
  });
  assert.match(said ?? '', /^my-sacs: 0\/2 tasks\n$/, r.stderr);
  assert.doesNotMatch(r.stderr, /^screen: /m);
  assert.equal(r.code, 130, r.stderr);
  // mends70c: the store named, as a stop that keeps something names it
  assert.match(r.stderr, /\nsacplate: screen "my-sacs" stopped; no simulation of the 2 it had to run had finished, so none is kept in \S+store\.db \(a simulation stopped part-way is not kept\): run the same command again to run them from the start; no report written\n$/);
  assert.doesNotMatch(r.stderr, /kept in the store/);
  // --name: the name given
  let named: string | undefined;
  await cli(['screen', file, '--threads', '1', '--db', join(dir, 'store2.db'), '--name', 'other-name'], {
    onStderr: (s) => { if (named === undefined && /^\S+: 0\/2 tasks/m.test(s)) { named = s; process.emit('SIGINT', 'SIGINT'); } },
  });
  assert.equal(named, 'other-name: 0/2 tasks\n');
});

// From review64 (session 64); failed on main 8c86d7e6, where the nucleation stage said nothing (no line to stop at) and
// ran on the command's thread: a stop in it was heard only once it had ended, and the line then said nothing of the stage.
test('screen CLI: the nucleation stage says what it runs, and a stop there says the screen stopped in it, its finished atomistic scans cached', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-screen-nucstop-'));
  const file = join(dir, 'screen.json');
  writeFileSync(file, JSON.stringify({ name: 'nuc-stop-cli', base: BASE, seeds: 1, objectives: ['electrode_nucleation_overpotential_mV'],
    candidates: [{ name: 'bare', sacs: [] }] }));
  let said: string | undefined;
  const r = await cli(['screen', file, '--db', join(dir, 'store.db')], {
    onStderr: (s) => { if (said === undefined && /^\S+ \(nucleation\): /.test(s)) { said = s; process.emit('SIGINT', 'SIGINT'); } },
  });
  // mends70b: the screen's name, not "screen", and a stop before any atomistic scan finished keeps none (it said "the
  // atomistic scans that finished are kept in the store")
  assert.equal(said, 'nuc-stop-cli (nucleation): [1/1] bare: Li on N-graphene: atomistic stage (minutes for a new host or SAC, then cached)\n', r.stderr);
  assert.equal(r.code, 130, r.stderr);
  assert.match(r.stderr, /\nsacplate: screen "nuc-stop-cli" stopped in its nucleation stage; it had no simulation left to run; no atomistic scan had finished, so none is kept in \S+store\.db \(a scan stopped part-way is not kept\): run the same command again to run the atomistic stage from its start; no report written\n$/);
  assert.equal(r.stdout, '');
});

// From loose11 (session 21, task loose11); failed on main e23eb00. Nothing simulates: the screen is stopped before its
// first simulation.
const tmp = tempFolder('screen');

test('a stopped runScreen says it was stopped by its signal (a script\'s AbortController or the CLI\'s Ctrl-C), not "expected a screen that was not stopped (Ctrl-C)"', async () => {
  const { runScreen } = await import('../src/screen/screen.js');
  const { parseScreen } = await import('../src/screen/spec.js');
  const { platingStage } = await import('../src/screen/stages.js');
  const screen = {
    name: 'stopped-demo',
    base: { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '50 nm' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } },
    seeds: 1,
    candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }],
    objectives: ['rms_roughness_nm', 'sustainability'],
  };
  const db = join(tmp, 'screen.db');
  const stopped = (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.doesNotMatch(e.message, /\n/);
    assert.match(e.message, /^screen: got "stopped-demo", expected a screen left to run to its end: it was stopped \(its AbortSignal was aborted; at the command line, by Ctrl-C\); the simulations that finished are kept in the store, run it again to continue where it stopped$/);
    return true;
  };
  // a signal aborted before the call (a script's timeout that fired): stopped before any stage
  await assert.rejects(runScreen(screen, { db, threads: 1, record: false, signal: AbortSignal.abort() }), stopped);
  // the plating stage's own check (its sweep comes back cancelled): the same words, from the same place
  const spec = parseScreen(screen);
  await assert.rejects(platingStage.run({ spec, candidates: spec.candidates, opts: { db, threads: 1, signal: AbortSignal.abort() } }), stopped);
});

test('a plate-only screen\'s notes list no interval cut of dead metal, which it does not evaluate (review38: "Fe dead_metal_fraction (cut at 0)")', async () => {
  // Li on N-graphene + a descriptor row, plating only: seed 2 leaves a little dead metal (an oxidation during the
  // plating cuts a piece off), seed 1 none, so the two seeds' interval ran below 0 and was cut, and was listed
  const file = join(tmp, 'cut-screen.json');
  writeFileSync(join(tmp, 'cut-desc.csv'), 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading\nFe,Fe,-0.62,0.11,0.08,0.04,1.5 %\n');
  const spec = parseScreen({
    name: 'cut-demo', seeds: [1, 2], descriptors: 'cut-desc.csv', objectives: ['nucleation_overpotential_mV', 'sustainability'],
    base: { metal: 'Li', temperature: '25 degC', host: 'N-graphene', lattice: { size: [12, 12, 8], voxel: '10 nm' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } },
  }, { file });
  const db = join(tmp, 'cut-screen.db');
  const r = await runScreen(spec, { db, threads: 1, record: false });
  const { SweepStore } = await import('../src/sweep/store.js');
  const store = SweepStore.open(db);
  const dead = store.sweepRows('cut-demo-runs').map((x) => x.metrics?.dead_metal_fraction);
  store.close();
  assert.ok(dead.some((x) => typeof x === 'number' && x > 0), `a seed with dead metal (the case this checks): ${dead.join(', ')}`);
  const fe = r.candidates.find((c) => c.name === 'Fe')!.values;
  assert.equal(fe.dead_metal_fraction!.value, null);
  assert.equal(fe.dead_metal_fraction!.cut, undefined);
  const cutNote = r.notes.find((n) => n.stage === 'plating' && /ran past a physical bound/.test(n.text))?.text ?? '';
  assert.match(cutNote, /Fe porosity|Fe sac_nucleation_share|Fe nucleus_density_per_um2/, 'the note lists the evaluated cuts');
  assert.doesNotMatch(cutNote, /dead_metal_fraction|average_ce/);
  // the run count's nouns agree with their numbers (review38: "1 candidates x 2 seed(s)")
  const countNote = r.notes.find((n) => n.stage === 'plating' && /runs? \(sweep "cut-demo-runs"/.test(n.text))?.text ?? '';
  assert.match(countNote, /^1 candidate x 2 seeds = 2 runs \(sweep "cut-demo-runs"/, JSON.stringify(r.notes));
});

test('a screen whose objectives need no simulation runs none: plating values not simulated, the sources still listed (it simulated every candidate x seed until session 41)', async () => {
  const db = join(tmp, 'nosim.db');
  const screen = {
    name: 'nosim-demo',
    base: { metal: 'Li', host: 'N-graphene', lattice: { size: [8, 8, 8], voxel: '50 nm' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } },
    seeds: 2,
    candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }, { name: 'Zn', sacs: [{ site: 'Zn-N4', loading: '1 %' }], synthesis: 'none' }, { name: 'Fe', sacs: [{ site: 'Fe-N4', loading: '1 %' }], synthesis: 'none' }],
    objectives: ['sustainability', 'synthesis_energy_kWh_per_g'],
  };
  const r = await runScreen(screen, { db, threads: 1, record: false });
  const { SweepStore } = await import('../src/sweep/store.js');
  const store = SweepStore.open(db);
  const rows = store.sweepRows('nosim-demo-runs');
  store.close();
  assert.equal(rows.length, 0, 'no simulation recorded');
  // the simulated quantities are left out, not ten "(not simulated: ...)" cells per candidate (review48); said once in the notes
  const simulatedKeys = ['nucleation_overpotential_mV', 'rms_roughness_nm', 'porosity', 'sac_nucleation_share', 'sac_nucleation_share_chance', 'sac_nucleation_excess', 'host_coverage', 'nucleus_density_per_um2', 'average_ce', 'dead_metal_fraction'];
  for (const c of r.candidates) for (const k of simulatedKeys) assert.equal(c.values[k], undefined, `${c.name} ${k}`);
  assert.equal(r.ranking.length, 3);
  assert.match(r.notes.find((n) => n.stage === 'plating')?.text ?? '', /^no objective needs the kMC simulations, so none were run \(objectives: sustainability, synthesis_energy_kWh_per_g\); name one of nucleation_overpotential_mV, .*: their quantities are left out of the tables$/);
  const md = reportMarkdown(r);
  assert.doesNotMatch(md, /not simulated: no objective/);
  for (const k of simulatedKeys) {
    assert.ok(!md.split('\n').some((l) => l.startsWith('| candidate |') && l.includes(` ${k} `)), `report.md column ${k}`);
    assert.ok(!rankingCsv(r).split('\n')[0]!.split(',').includes(k), `ranking.csv column ${k}`);
    assert.ok(!rankingText(r).split('\n')[0]!.includes(k), `CLI table column ${k}`);
    assert.ok(screenView(r).candidates.every((c) => c.values[k] === undefined), `screen view ${k}`);
  }
  // one readable note beside a value: "0.887 (Fe)", not "0.887 (Fe (...))" (until toxoel Fe's read "(Fe, hazard unknown: ...)")
  const feRow = md.split('\n').find((l) => l.startsWith('| Fe |') && /\(Fe\)/.test(l)) ?? '';
  assert.match(feRow, /\| \d\.\d+ \(Fe\) \|/, feRow);
  // and no cell of the table holds a bracket within its note's bracket ("- (not requested (add it to objectives))")
  const quantityRows = md.split('## Every evaluated quantity')[1]!.split('\n\n')[1]!.split('\n').slice(2);
  assert.equal(quantityRows.length, 3);
  for (const row of quantityRows) for (const cell of row.split(' | ')) assert.doesNotMatch(cell, /\([^()]*\(/, cell);
  assert.ok(r.sources.some((s) => s.stage === 'plating' && s.lines.some((l) => /^Zn-N4: /.test(l.what))), 'the SAC set\'s sources are listed');
  // the nucleation stage, not asked for, the same way (mends60: every such screen had a "- (not requested: add it to
  // objectives)" cell per candidate in report.md and an empty column in ranking.csv): left out, said once in its note
  const nucl = 'electrode_nucleation_overpotential_mV';
  for (const c of r.candidates) assert.equal(c.values[nucl], undefined, `${c.name} ${nucl}`);
  assert.doesNotMatch(md, /not requested/);
  assert.ok(!md.split('\n').some((l) => l.startsWith('| candidate |') && l.includes(` ${nucl} `)), `report.md column ${nucl}`);
  assert.ok(!rankingCsv(r).split('\n')[0]!.split(',').includes(nucl), `ranking.csv column ${nucl}`);
  assert.ok(screenView(r).candidates.every((c) => c.values[nucl] === undefined), `screen view ${nucl}`);
  assert.deepEqual(r.notes.filter((n) => n.stage === 'nucleation').map((n) => n.text), [`${nucl} is not among the objectives, so the two-scale nucleation model was not run; add it to objectives to run it: its value is left out of the tables`]);
  // the same screen asked for a simulated objective by option simulates (the option's objectives decide, not the file's)
  const r2 = await runScreen(screen, { db, threads: 1, record: false, objectives: ['host_coverage'] });
  assert.equal(typeof r2.candidates[0]!.values.host_coverage!.value, 'number');
});

// From review50 (session 43: a DFT user's review, docs/history.md); failed on the code before its fix.
test('a candidate that fails on a key of the screen\'s base names it as base.KEY, not as a key of the candidate, which has none (review50)', () => {
  const base = { metal: 'Na', host: 'N-graphene', lattice: { size: [8, 8, 6], voxel: '10 nm' }, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'] };
  const spec = parseScreen({ name: 'base-err', base, objectives: ['sustainability'], candidates: [
    { name: 'bare', sacs: [] },
    { name: 'own host', host: 'N-graphen', sacs: [] },
  ] }, { file: join(tmpdir(), 'base-err.yaml') });
  const err = (name: string) => spec.candidates.find((c) => c.name === name)!.error ?? '';
  // the z of 6 is the base's: candidates[0] has no lattice (it read `candidates[0] "bare": lattice.size[2]: got 6, ...`)
  assert.match(err('bare'), /^candidates\[0\] "bare": base\.lattice\.size\[2\]: got 6, expected an integer z >= 8/);
  // a key the candidate gives is the candidate's
  const own = parseScreen({ name: 'own-err', base: { ...base, lattice: { size: [8, 8, 8], voxel: '10 nm' } }, objectives: ['sustainability'], candidates: [
    { name: 'own host', host: 'N-graphen', sacs: [] }, { name: 'bare', sacs: [] },
  ] }, { file: join(tmpdir(), 'own-err.yaml') });
  assert.match(own.candidates[0]!.error ?? '', /^candidates\[0\] "own host": host: got "N-graphen", expected a known host/);
  assert.equal(own.candidates[1]!.error, undefined);
});

test('a run that ended early after its first plating step leaves the nucleation reading ranked and every value read at the run\'s end unranked (screenwarn)', async () => {
  // Li plates 0.005 mAh/cm2 to its end, then a strip of 0.01 with no cut-off runs out of metal at about 0.005 (no_metal)
  const spec = parseScreen({
    name: 'strip-early', seeds: [1], objectives: ['nucleation_overpotential_mV', 'rms_roughness_nm'], candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }],
    base: { metal: 'Li', lattice: { size: [6, 6, 8], voxel: '50 nm' }, host: 'N-graphene', protocol: ['Plate 0.005 mAh/cm2 at 1 mA/cm2', 'Strip 0.01 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } },
  }, { file: join(tmp, 'strip-early.json') });
  const r = await runScreen(spec, { db: join(tmp, 'strip-early.db'), threads: 1, record: false });
  const c = r.candidates[0]!;
  assert.deepEqual(c.ended_early?.map((e) => [e.seed, e.step, e.ended, e.capacity_mAh_per_cm2]), [[1, 2, 'no_metal', 0.01]]);
  assert.equal(c.values.nucleation_overpotential_mV!.ended_early, undefined, 'the first plating step ran to its end');
  assert.ok(Number.isFinite(c.values.nucleation_overpotential_mV!.value!));
  assert.equal(c.values.rms_roughness_nm!.ended_early, 1);
  assert.match(r.ranking[0]!.why, /a run ended early \(see ended_early\) on rms_roughness_nm \(counted as no value, the worst\)$/);
  assert.deepEqual(r.ranking[0]!.parts, [0.5, 0]);
  assert.deepEqual(r.warnings.map((w) => w.replace(/after .*$/, '')), ['warning: bare (seed 1): step 2 "Strip 0.01 mAh/cm2 at 1 mA/cm2" ended early (no_metal: no connected metal was left to strip) ']);
  // the view the workbench plots carries the same
  assert.match(screenView(r).candidates[0]!.ended_early![0]!, /^seed 1 step 2 no_metal after 0\.00\d+ of 0\.01 mAh\/cm2$/);
});

test('mends70: the electrolyte\'s solvents are checked against the screen\'s temperature before any candidate runs (K at -70 degC in DME, which freezes at -58 degC, ran and was ranked)', async () => {
  const { solventRangeCheck } = await import('../src/params/electrolytes.js');
  const cold = { ...BASE, metal: 'K', temperature: '-70 degC' };
  const screenAt = (base: unknown, solvents: string[]) => ({ base, candidates: [{ name: 'bare', sacs: [] }], electrolyte: { salt: 'KFSI', solvents } });
  const refused = (input: unknown, re: RegExp) => assert.throws(() => parseScreen(input), (e: unknown) => e instanceof InputError && re.test(e.message), JSON.stringify(input));
  refused(screenAt(cold, ['DME']), /^electrolyte\.solvents\[0\]: got "DME", expected a solvent liquid at .*base\.temperature: -70 degC.*203\.15 K.*DME is liquid from -58 degC .* so it is frozen there/);
  // a mixture: the narrower of its components' ranges (DOL alone freezes at -95 degC)
  refused(screenAt(cold, ['DOL', 'DME']), /^electrolyte\.solvents\[1\]: got "DME".*below -58 degC.*pure DME.s melting point.*the mixture.s own freezing point is not in our sources/);
  refused(screenAt({ ...BASE, temperature: '95 degC' }, ['DME']), /^electrolyte\.solvents\[0\]: got "DME".*boiling there/);
  // a candidate's own electrolyte is named as its own
  assert.throws(() => parseScreen({ base: cold, candidates: [{ name: 'own', sacs: [], electrolyte: { salt: 'KFSI', solvents: ['DME'] } }] }),
    (e: unknown) => e instanceof InputError && /^candidates\[0\]\.electrolyte\.solvents\[0\]: got "DME"/.test(e.message));
  // inside the range: accepted (DOL alone is liquid to -95 degC)
  assert.equal(parseScreen(screenAt(cold, ['DOL'])).candidates[0]!.error, undefined);
  assert.equal(parseScreen(screenAt(BASE, ['DOL', 'DME'])).candidates[0]!.error, undefined);
  // a solvent with no sourced range is not guessed at: it is said to be unchecked
  assert.deepEqual(solventRangeCheck(['TEGDME'], 203.15, 'electrolyte.solvents', 'x').length, 1);
  assert.match(solventRangeCheck(['TEGDME'], 203.15, 'electrolyte.solvents', 'x')[0]!, /^TEGDME: no sourced liquid range .* not checked/);
});

test('a screen of [DEC] at 130 degC names DEC\'s boiling point first, then the model\'s 127 degC cap (it was "not evaluated" on the cap alone: review61)', async () => {
  const { SOLVENT_RANGES } = await import('../src/params/electrolytes.js');
  const screenAt = (T: string, solvents: string[]) => ({ base: { ...BASE, temperature: T }, candidates: [{ name: 'bare', sacs: [] }], electrolyte: { salt: 'LiPF6', solvents } });
  const dec = SOLVENT_RANGES.DEC!;
  let message = '';
  assert.throws(() => parseScreen(screenAt('130 degC', ['DEC'])), (e: unknown) => {
    message = e instanceof Error ? e.message : String(e);
    return e instanceof InputError && e.field === 'electrolyte.solvents[0]';
  }, 'refused as a file on its solvent, not a candidate "not evaluated"');
  const boiling = message.indexOf(`below ${dec.boiling_degC} degC`), cap = message.indexOf('base.temperature: got "130 degC", expected a temperature from 150 to 400 K');
  assert.ok(boiling > 0 && cap > boiling, `DEC's boiling point, then the cap: ${message}`);
  assert.match(message, /so it is boiling there/);
  // below the cap's other end (-123 degC) with a solvent frozen there (DOL, -95 degC): the same
  assert.throws(() => parseScreen(screenAt('-130 degC', ['DOL'])),
    (e: unknown) => e instanceof InputError && /^electrolyte\.solvents\[0\]: got "DOL".*frozen there.*candidates\[0\] "bare": base\.temperature: got "-130 degC", expected a temperature from 150 to 400 K/.test(e.message));
  // only the cap (a solvent without a sourced range; none): the candidate is not evaluated, as before
  assert.match(parseScreen(screenAt('130 degC', ['TEGDME'])).candidates[0]!.error ?? '', /base\.temperature: got "130 degC", expected a temperature from 150 to 400 K/);
  assert.match(parseScreen({ base: { ...BASE, temperature: '130 degC' }, candidates: [{ name: 'bare', sacs: [] }] }).candidates[0]!.error ?? '', /base\.temperature: got "130 degC"/);
});

test('mends72: DEC has a sourced liquid range (-43 to 126 degC) and is checked; TEGDME and TTE, with none found, are said to be unchecked and why', async () => {
  const { solventRangeCheck } = await import('../src/params/electrolytes.js');
  const screenAt = (T: string, solvents: string[]) => ({ base: { ...BASE, temperature: T }, candidates: [{ name: 'bare', sacs: [] }], electrolyte: { salt: 'LiPF6', solvents } });
  // DEC at -50 degC: frozen by its handbook melting point (until mends72 it was not checked and the screen ran)
  assert.throws(() => parseScreen(screenAt('-50 degC', ['DEC'])),
    (e: unknown) => e instanceof InputError && /^electrolyte\.solvents\[0\]: got "DEC".*DEC is liquid from -43 degC .* so it is frozen there.*chemicaldictionary/.test(e.message));
  assert.equal(parseScreen(screenAt('-40 degC', ['DEC'])).candidates[0]!.error, undefined);
  assert.deepEqual(solventRangeCheck(['DEC'], 233.15, 'electrolyte.solvents', 'x'), [], 'DEC is checked, no note');
  // with DMC: the narrower of the two (DMC freezes at 4.6 degC); with EC: no freezing point (EC_NOTE)
  assert.throws(() => solventRangeCheck(['DMC', 'DEC'], 273.15, 'electrolyte.solvents', 'x'), /\[0\]: got "DMC"/);
  assert.doesNotThrow(() => solventRangeCheck(['EC', 'DEC'], 233.15, 'electrolyte.solvents', 'x'));
  // no range found for TEGDME and TTE: not invented; the note says so and names what was searched
  for (const n of ['TEGDME', 'TTE']) {
    const notes = solventRangeCheck([n], 203.15, 'electrolyte.solvents', 'x');
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, new RegExp(`^${n}: no sourced liquid range .* not checked .*no melting or boiling point found in the sources searched`));
  }
});

// mends70c (review70b left it): the two stages' stop lines said the same things in different words, and a nucleation-stage
// stop with nothing finished left out the store the others named. One line for both stages: what of each stage finished,
// where it is kept (the store given) or that none is, what a rerun does. The CLI tests above take the lines with nothing
// finished; the ones that keep something need a finished simulation or atomistic scan (seconds to minutes), here
test('screen stop lines: each stage says what finished, where it is kept or that none is (the store named in every one), and what a rerun does (mends70c)', () => {
  const db = '/d/s.db';
  const line = (nucleating: boolean, done: number, total: number, scans: number, withDb = true) => screenStopLine({ name: 'S', nucleating, done, total, scans, ...(withDb ? { db } : {}) });
  assert.equal(line(false, 1, 2, 0), 'sacplate: screen "S" stopped; 1 of the 2 simulations it had to run finished; the finished simulation is kept in /d/s.db (a simulation stopped part-way is not kept): run the same command again to continue (it is reused); no report written');
  assert.equal(line(true, 2, 2, 3), 'sacplate: screen "S" stopped in its nucleation stage; 2 of the 2 simulations it had to run finished; some of its atomistic scans had finished; the finished simulations and the finished atomistic scans are kept in /d/s.db (a scan stopped part-way is not kept): run the same command again to continue (both are reused); no report written');
  assert.equal(line(true, 2, 2, 0), 'sacplate: screen "S" stopped in its nucleation stage; 2 of the 2 simulations it had to run finished; no atomistic scan had finished; the finished simulations are kept in /d/s.db (a scan stopped part-way is not kept): run the same command again to continue (they are reused; the atomistic stage runs from its start); no report written');
  assert.equal(line(true, 0, 0, 1), 'sacplate: screen "S" stopped in its nucleation stage; it had no simulation left to run; some of its atomistic scans had finished; the finished atomistic scans are kept in /d/s.db (a scan stopped part-way is not kept): run the same command again to continue (they are reused); no report written');
  // every case names the store once, kept or none kept; without --db, "the store"
  for (const [nuc, done, total, scans] of [[false, 0, 0, 0], [false, 0, 2, 0], [false, 2, 2, 0], [true, 0, 0, 0], [true, 0, 0, 2], [true, 1, 1, 0], [true, 1, 1, 2]] as const) {
    const l = line(nuc, done, total, scans);
    assert.equal(l.split(' in /d/s.db ').length, 2, l);
    assert.match(line(nuc, done, total, scans, false), / kept in the store \(/);
    const kept = done > 0 || scans > 0;
    assert.equal(/ none is kept /.test(l), !kept, l);
    assert.equal(/again to continue/.test(l), kept, l);
    assert.equal(/in its nucleation stage;/.test(l), nuc, l);
  }
});
