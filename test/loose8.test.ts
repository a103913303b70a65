/**
 * Problems the screening / evidence / full-cell / citing audit (session 20, audit20) listed and did not
 * fix (session 20, task loose8). Each test fails on the code before its fix. The CLI runs in-process
 * from a temporary folder (test/helpers/cli.ts); nothing here simulates beyond a few hundred events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-loose8-'));
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('a user-defined SAC set whose element is not an element symbol is refused in one line naming the field and value (exit 2)', async () => {
  const input = (element: string) => ({
    metal: 'Li', lattice: { size: [6, 6, 8], voxel: '10 nm' }, host: 'graphene', seed: 1,
    parameters: { sacs: { 'My-N4': { element, metals: { Li: { binding: '-0.5 eV' } } } } },
    sacs: [{ site: 'My-N4', loading: '2 %' }], protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'],
  });
  fs.writeFileSync(path.join(tmp, 'xx.json'), JSON.stringify(input('Xx')));
  const r = await run('simulate', 'xx.json', '--no-store');
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /parameters\.sacs\.My-N4\.element: got "Xx", expected an element symbol/);
  fs.writeFileSync(path.join(tmp, 'fe.json'), JSON.stringify(input('fe')));
  const f = await run('simulate', 'fe.json', '--no-store');
  assert.equal(f.code, 2, f.stderr);
  assert.match(f.stderr, /element: got "fe", expected an element symbol.*did you mean "Fe"/);
});

test('fullcell anode: {run}: a CE above 1 capped and a cycle with no CE dropped are said, naming the cycles; a first cycle with CE 0 is refused', async () => {
  // Li foil host: the first strip takes twice what was plated (CE 2); the second cycle's plating leaves no net deposit (CE NaN)
  fs.writeFileSync(path.join(tmp, 'lifoil.json'), JSON.stringify({
    metal: 'Li', lattice: { size: [6, 6, 8], voxel: '10 nm' }, host: 'Li', seed: 1,
    protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Strip 0.002 mAh/cm2 at 1 mA/cm2', 'Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Strip 0.001 mAh/cm2 at 1 mA/cm2'],
  }));
  fs.writeFileSync(path.join(tmp, 'fc.yaml'), 'cathode: LFP\nnp: 0\ncycles: 10\nanode: { run: lifoil.json }\n');
  const r = await run('fullcell', 'fc.yaml');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^note: CE above 1 capped at 1 .* in cycle\(s\) 1 \(2\.0000\)$/m);
  assert.match(r.stdout, /^note: cycle\(s\) 2 \(CE NaN\) dropped: no CE above 0/m);
  const { anodeCeOfRun } = await import('../src/cli/actions/fullcell.js');
  assert.throws(() => anodeCeOfRun('licu.yaml', [{ cycle: 1, ce: 0 }, { cycle: 2, ce: 0.98 }]),
    (e: Error) => /^anode\.run: got "licu\.yaml", expected a run whose first plate\/strip cycle strips metal back \(cycle 1 has CE 0:/.test(e.message));
  assert.deepEqual(anodeCeOfRun('x', [{ cycle: 1, ce: 0.9 }, { cycle: 2, ce: -0.1 }, { cycle: 3, ce: 1.2 }]).ce, [0.9, 1]);
});

test('the element symbols a SAC set is checked against are the 118 of data/elements/elements.csv', async () => {
  const { ELEMENT_SYMBOLS } = await import('../src/params/element-symbols.js');
  const { loadElements } = await import('../src/evidence/elements.js');
  assert.deepEqual([...ELEMENT_SYMBOLS].sort(), [...loadElements().keys()].sort());
});

const db = path.join(tmp, 'lit.db');

test('lower bounds: "over 900 h" keeps its qualifier in lit normalise (table, JSON, CSV), lit list and lit show; SA-Co@HC\'s "K metal battery" is no symmetric-cell lifetime', async () => {
  const t = await run('lit', 'normalise', '--db', db);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /^ZnSA-HCNT +>= 900 +10 +>= 9000 .*>= 3000 \(estimate\)$/m);
  assert.match(t.stdout, /^SAFeNi@LNCP +900 /m); // "life (900 h)": no "over", no qualifier
  assert.doesNotMatch(t.stdout, /SA-Co@HC/);
  assert.match(t.stderr, /not normalised: the lifetime of SA-Co@HC, whose cell type the review does not state/);
  assert.match(t.stderr, /^>= : the review gives that lifetime as "over N h", a lower bound/m);
  const j = JSON.parse((await run('lit', 'normalise', '--format', 'json', '--db', db)).stdout) as { record: string; lower_bound: boolean; notes: string[]; estimate?: { label: string } }[];
  const hcnt = j.find((n) => n.record === 'na-znsa-hcnt')!;
  assert.equal(hcnt.lower_bound, true);
  assert.match(hcnt.notes.join('; '), /lower bound: the review gives "over 900 h"/);
  assert.match(hcnt.estimate!.label, /^a LOWER BOUND/);
  assert.equal(j.find((n) => n.record === 'li-safeni-lncp')!.lower_bound, false);
  const c = (await run('lit', 'normalise', '--format', 'csv', '--db', db)).stdout.trim().split('\n');
  assert.match(c[0]!, /^name,record,lifetime_h,lower_bound,current_density_mA_per_cm2,areal_capacity_mAh_per_cm2,/);
  assert.match(c.find((l) => l.startsWith('ZnSA-HCNT,'))!, /^ZnSA-HCNT,na-znsa-hcnt,900,true,10,/);
  const l = await run('lit', 'list', '--metal', 'K', '--db', db);
  assert.match(l.stdout, /SA-Co@HC .*over 2500 h \(cell type not stated\)/);
  const s = await run('lit', 'show', 'ZnSA-HCNT', '--db', db);
  assert.match(s.stdout, /symmetric-cell plating\/stripping lifetime: over 900 h/);
  assert.match(s.stdout, /lifetime over 900 h: incomplete/);
  const k = await run('lit', 'list', '--range', 'symmetric_lifetime=2000:', '--format', 'json', '--db', db);
  assert.equal((JSON.parse(k.stdout) as { records: unknown[] }).records.length, 0, 'SA-Co@HC\'s battery is not counted as a symmetric cell');
});

test('lit verify wants lower_bound exactly where the quote says "over N"', async () => {
  const { loadLiterature, parseDataText } = await import('../src/evidence/records.js');
  const { verifyRecords } = await import('../src/evidence/verify.js');
  const raw = fs.readFileSync('../shared/seed/000_761d9a0e1df2534e.txt', 'utf8');
  const ex = parseDataText(fs.readFileSync('data/literature/_review_numbers.yaml', 'utf8'), '_review_numbers.yaml') as Parameters<typeof verifyRecords>[2];
  const recs = JSON.parse(JSON.stringify(loadLiterature().records)) as ReturnType<typeof loadLiterature>['records'];
  delete recs.find((r) => r.id === 'na-znsa-hcnt')!.figures.find((f) => f.quantity === 'symmetric_lifetime')!.lower_bound;
  recs.find((r) => r.id === 'li-safeni-lncp')!.figures.find((f) => f.quantity === 'symmetric_lifetime')!.lower_bound = true;
  const p = verifyRecords(recs, raw, ex).problems;
  assert.ok(p.some((x) => /^na-znsa-hcnt figure \d+ \(symmetric_lifetime 900 h\): the quote gives 900 as a lower bound/.test(x)), p.join('\n'));
  assert.ok(p.some((x) => /^li-safeni-lncp figure \d+ \(symmetric_lifetime 900 h\): lower_bound: true, but the quote has no "over 900"/.test(x)), p.join('\n'));
});

test('elements --format csv: one row per element, units in the headers, a criterion without data empty', async () => {
  const r = await run('elements', 'Co', 'Tc', '--sustainability', '--format', 'csv');
  assert.equal(r.code, 0, r.stderr);
  const [head, ...rows] = r.stdout.trim().split('\n');
  assert.match(head!, /^symbol,name,atomic_weight_g_per_mol,crust_abundance_mg_per_kg,price_usd_per_kg,hhi_production_0_to_10000,hhi_reserve_0_to_10000,hazard_flags,sustainability_score_0_to_1,abundance_score_0_to_1,/);
  assert.match(rows.find((x) => x.startsWith('Co,'))!, /^Co,Cobalt,58\.933194,25,32\.8,3100,2700,"IARC Group 2A/);
  assert.match(rows.find((x) => x.startsWith('Tc,'))!, /^Tc,Technetium,97\.90721,,100000,,,,/);
  const bad = await run('elements', 'Co', '--format', 'xml');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format: got "xml", expected table \| json \| csv/);
});

test('seed intervals are cut at a quantity\'s physical bounds and say so (2 seeds: SAC share 0.583 [-0.476, 1.642], nuclei down to -268 /um2)', async () => {
  const { boundedInterval, meanInterval } = await import('../src/stats/interval.js');
  const share = [0.5, 0.666];
  assert.ok(meanInterval(share).lo < 0 && meanInterval(share).hi > 1, 'the plain t interval runs past both bounds');
  const b = boundedInterval(share, 'sac_nucleation_share');
  assert.deepEqual([b.lo, b.hi, b.mean, b.cut], [0, 1, meanInterval(share).mean, 'interval cut at 0 and 1 (physical bound)']);
  const d = boundedInterval([20, 300], 'nucleus_density_per_um2');
  assert.equal(d.lo, 0); assert.ok(d.hi > 300); assert.equal(d.cut, 'interval cut at 0 (physical bound)');
  const n = boundedInterval([10, 12], 'nucleation_overpotential_mV'); // no bound: a reading <= 0 means no dip
  assert.ok(n.lo < 0); assert.equal(n.cut, undefined);
  // compare's table and CSV (one shared function: compare, seeds, screen, /api/runs/compare)
  const { formatCompareTable, compareCsv } = await import('../src/cli/compare-table.js');
  const m = (share: number, dens: number) => ({ sac_nucleation_share: share, nucleus_density_per_um2: dens, nucleation_overpotential_mV: 5, sacs: ['Zn-N4'], deposited_voxels: 10, dead_voxels: 0, cycles_completed: 0, steps_ended: [] });
  const rows = [{ name: 'two seeds', runs: [m(0.5, 20), m(0.666, 300)] }] as unknown as Parameters<typeof formatCompareTable>[0];
  const t = formatCompareTable(rows);
  assert.match(t, /0\.583 \[0\.000, 1\.000\]\*/);
  assert.match(t, /^note: two seeds: \* nuclei\/um2: interval cut at 0 \(physical bound\); SAC share: interval cut at 0 and 1 \(physical bound\): the 95 % interval over 2 seeds ran past/m);
  const [head, row] = compareCsv(rows).trim().split('\n').map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
  assert.equal(row![head!.indexOf('sac_nucleation_share_lo95')], '0');
  assert.equal(row![head!.indexOf('sac_nucleation_share_hi95')], '1');
  assert.match(row![head!.indexOf('intervals_cut')]!, /nucleus_density_per_um2: interval cut at 0 .*; sac_nucleation_share: interval cut at 0 and 1/);
});
