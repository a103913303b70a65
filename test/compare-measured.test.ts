/**
 * `sacplate compare FILE --measured CELL --protocol P` (side66): a measured cell's row beside the simulated cases, under
 * the columns it has a reading for, read by analyze's code: its figures are analyze's own (its report.json, read here by
 * the CLI), '-' under the others, the legend naming the measured rows, compare.csv's `source` column.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from './helpers/tmp.js';
import { cli } from './helpers/cli.js';
import { licuRestLines, sharedCycler } from './helpers/cycler-files.js';
import { symmetricTrace, writeMpt } from '../src/cycler/synthetic.js';
import { measuredRow } from '../src/batch/measured-rows.js';
import { compareCsv } from '../src/batch/table.js';
import { besideLiteratureSpec } from '../src/plots/compare.js';
import { analyzeFile } from '../src/analysis/report.js';
import { parseRunInput } from '../src/input/parse.js';
import { simulate } from '../src/simulation/simulate.js';

const tmp = tempFolder('compare-measured');
const UIO = sharedCycler('neware_uio.csv');
const CMP = 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\nvariants:\n  - { name: Cu, host: Cu }\n  - { name: carbon cloth, host: carbon-cloth }\n';

/** analyze's report.json of a file */
async function analyzed(file: string, protocol: string): Promise<Record<string, { average_ce?: number; nucleation?: Record<string, number> }>> {
  const out = join(tmp, `an-${Math.random().toString(36).slice(2)}`);
  const r = await cli(['analyze', file, '--protocol', protocol, '--no-figures', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, { average_ce?: number }>;
}

test('compare --measured: a real cycler file\'s row (neware_uio.csv, read as licu) beside the simulated cases, analyze\'s CE under CE %, - under the columns it has no reading for; compare.csv says measured', async () => {
  const f = join(tmp, 'cmp.yaml');
  writeFileSync(f, CMP);
  // a symmetric Li||Li trace with a 40 mV nucleation dip (synthetic: no shared file is a symmetric cell's)
  const sym = join(tmp, 'sym.mpt');
  // (side66b: its plateaus rise 5 mV a cycle, the strip's 2 mV above the plating's, so cycle 1's plateau is not the mean)
  writeMpt(sym, symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 5, current_A: 0.001, plateau: (cy, sign) => 0.03 + 0.005 * (cy - 1) + (sign === 1 ? 0.002 : 0), dip_V: 0.04 }));
  const out = join(tmp, 'out');
  const r = await cli(['compare', f, '--measured', UIO, '--out', out, '--no-figures', '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const ce = (await analyzed(UIO, 'licu')).licu!.average_ce!;
  const lines = r.stdout.split('\n');
  const head = lines[0]!.split(/\s{2,}/);
  const row = lines.find((l) => l.startsWith('neware_uio.csv (measured)'))!.split(/\s{2,}/);
  assert.equal(row.length, head.length);
  const at = (h: string) => row[head.indexOf(h)];
  assert.equal(at('CE %'), (ce * 100).toFixed(1));
  for (const h of ['nucl. mV', 'Da', 'nuclei/um2', 'dead %', 'SAC share']) assert.equal(at(h), '-', h);
  // why its nucleation is not read (analyze's protocol check: a graphite half cell plates no metal), and the legend's line
  assert.match(r.stdout, /note: neware_uio\.csv \(measured\): nucleation not read: the file's voltages do not fit the licu protocol/);
  // lead (session 67, webaudit67's leftover): the protocol check's "--protocol fullcell fits it" named a protocol compare
  // refuses; the note says where such a file is read
  const check = lines.find((l) => l.startsWith('note: neware_uio.csv (measured): analyze\'s protocol check:'))!;
  assert.ok(check, r.stdout);
  assert.match(check, /--protocol fullcell fits it: .*; compare reads no full cell \(no plating onto a host to read\): sacplate analyze FILE --protocol fullcell reads it, sacplate fullcell takes a Li\|\|Cu file's CE$/);
  assert.match(r.stdout, /\(measured: neware_uio\.csv \(measured\): .*neware_uio\.csv, a cycler export read as analyze --protocol licu reads it: CE %: the mean of 4 complete cycle\(s\)' CE of 5/);
  const [csvHead, ...csvRows] = readFileSync(join(out, 'compare.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const col = (k: string) => csvHead!.indexOf(k);
  assert.equal(csvHead!.at(-1), 'source');
  assert.deepEqual(csvRows.map((x) => [x[0], x.at(-1)]), [['Cu', 'simulated'], ['carbon cloth', 'simulated'], ['neware_uio.csv (measured)', 'measured']]);
  assert.ok(Math.abs(Number(csvRows[2]![col('average_ce')]) - ce) < 1e-11);
  assert.equal(csvRows[2]![col('nucleation_overpotential_mV')], '');
  // two files, read as symmetric: the synthetic trace's nucleation reading is analyze's
  const r2 = await cli(['compare', f, '--measured', sym, '--measured', UIO, '--protocol', 'symmetric']);
  assert.equal(r2.code, 0, r2.stderr);
  const symRep = (await analyzed(sym, 'symmetric')).symmetric as unknown as { nucleation: Record<string, number>; cycles: { plating_plateau_mV: number; stripping_plateau_mV: number; hysteresis_mV: number }[] };
  const nuc = symRep.nucleation;
  const l2 = r2.stdout.split('\n'), h2 = l2[0]!.split(/\s{2,}/);
  const s2 = l2.find((l) => l.startsWith('sym.mpt (measured)'))!.split(/\s{2,}/);
  assert.equal(s2[h2.indexOf('nucl. mV')], nuc.nucleation_overpotential_mV!.toFixed(1));
  assert.equal(s2[h2.indexOf('plateau mV')], nuc.plateau_overpotential_mV!.toFixed(1));
  assert.equal(s2[h2.indexOf('CE %')], '-');
  // side66b: plateau mV is cycle 1's plating plateau of analyze's per-cycle table, said so; the per-cycle plateaus and
  // hysteresis (no column) are in the legend as their means over analyze's cycles, with the first and last
  const cyc = symRep.cycles;
  assert.equal(cyc.length, 3);
  assert.equal(s2[h2.indexOf('plateau mV')], cyc[0]!.plating_plateau_mV.toFixed(1));
  const mean = (k: 'plating_plateau_mV' | 'stripping_plateau_mV' | 'hysteresis_mV') => (cyc.reduce((t, c) => t + c[k], 0) / cyc.length).toFixed(1);
  assert.notEqual(mean('plating_plateau_mV'), cyc[0]!.plating_plateau_mV.toFixed(1));
  const legend = l2.find((l) => l.includes('(measured: sym.mpt (measured)'))!;
  assert.match(legend, /plateau mV is that half's, cycle 1's alone, not a mean over the cycles/);
  assert.ok(legend.includes(`plating plateau mean ${mean('plating_plateau_mV')} mV over 3 cycles (cycle 1 ${cyc[0]!.plating_plateau_mV.toFixed(1)}, cycle 3 ${cyc[2]!.plating_plateau_mV.toFixed(1)})`), legend);
  assert.ok(legend.includes(`stripping plateau mean ${mean('stripping_plateau_mV')} mV over 3 cycles`), legend);
  assert.ok(legend.includes(`hysteresis mean ${mean('hysteresis_mV')} mV over 3 cycles (cycle 1 ${cyc[0]!.hysteresis_mV.toFixed(1)}, cycle 3 ${cyc[2]!.hysteresis_mV.toFixed(1)})`), legend);
  assert.ok(nuc.nucleation_overpotential_mV! > 30 && nuc.nucleation_overpotential_mV! < 50, String(nuc.nucleation_overpotential_mV));
  assert.ok(l2.some((l) => l.startsWith('neware_uio.csv (measured)')));
});

test('compare --measured refusals: a missing file, --protocol without --measured, a protocol with nothing to read', async () => {
  const f = join(tmp, 'cmp2.yaml');
  writeFileSync(f, CMP);
  let r = await cli(['compare', f, '--measured', join(tmp, 'nothere.mpt')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: --measured: got ".*nothere\.mpt", expected a cycler export that exists/);
  r = await cli(['compare', f, '--protocol', 'licu']);
  assert.match(r.stderr, /^sacplate: --protocol: got "licu", expected --measured <file> as well/);
  r = await cli(['compare', f, '--measured', UIO, '--protocol', 'fullcell']);
  assert.match(r.stderr, /^sacplate: --protocol: got "fullcell", expected symmetric, licu, aurbach/);
});

test('compare --measured with --area and --map: the file read as analyze --area and --map read it; refused as analyze refuses them (side66b)', async () => {
  const f = join(tmp, 'cmp3.yaml');
  writeFileSync(f, CMP);
  const MAP = 'time=Time,voltage=Voltage(V),current=Current(A)';
  const out = join(tmp, 'an-map');
  const a = await cli(['analyze', UIO, '--protocol', 'licu', '--map', MAP, '--area', '2', 'cm2', '--no-figures', '--out', out]);
  assert.equal(a.code, 0, a.stderr);
  const ce = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { licu: { average_ce: number } }).licu.average_ce;
  // the mapping's reading is not the detected layout's (its use is seen in the CE)
  assert.notEqual(ce, (await analyzed(UIO, 'licu')).licu!.average_ce);
  const r = await cli(['compare', f, '--measured', UIO, '--map', MAP, '--area', '2', 'cm2', '--json', '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const m = (JSON.parse(r.stdout) as { name: string; source?: string; metrics: { average_ce?: number } }[]).find((x) => x.source === 'measured')!;
  assert.equal(m.metrics.average_ce, ce);
  let e = await cli(['compare', f, '--area', '2', 'cm2']);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /^sacplate: --area: got "2 cm2", expected --measured <file> as well/);
  e = await cli(['compare', f, '--map', MAP]);
  assert.match(e.stderr, /^sacplate: --map: got "time=Time,.*", expected --measured <file> as well/);
  e = await cli(['compare', f, '--measured', UIO, '--area', '0', 'cm2']);
  assert.match(e.stderr, /^sacplate: --area: got "0 cm2", expected a positive area, e\.g\. "1\.13 cm2"/);
  e = await cli(['compare', f, '--measured', UIO, '--map', 'bogus']);
  assert.match(e.stderr, /^sacplate: --map: got "bogus", expected key=COLUMN or key=COLUMN@unit/);
});

test('compare --seeds with --measured: the measured row beside the seed means, one value with no interval, analyze\'s CE; not among the paired rows (side66b: it was refused)', async () => {
  const f = join(tmp, 'cmp4.yaml');
  writeFileSync(f, CMP);
  const out = join(tmp, 'seeds-out');
  const r = await cli(['compare', f, '--seeds', '2', '--measured', UIO, '--out', out, '--no-figures', '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const ce = (await analyzed(UIO, 'licu')).licu!.average_ce!;
  const lines = r.stdout.split('\n');
  const head = lines.find((l) => l.startsWith('case '))!.split(/\s{2,}/);
  const row = lines.find((l) => l.startsWith('neware_uio.csv (measured)'))!.split(/\s{2,}/);
  assert.equal(row[head.indexOf('CE %')], (ce * 100).toFixed(1));
  assert.ok(!row.some((x) => x.includes('±') || x.includes('[')), row.join(' | '));
  assert.match(r.stdout, /\(measured: neware_uio\.csv \(measured\): .*one measured cell, one value per column: no 95 % interval \(the cases' are over their seeds\)\)/);
  // the paired rows are the cases' alone
  assert.ok(!lines.some((l) => /measured\) minus|minus neware/.test(l)));
  const seeds = JSON.parse(readFileSync(join(out, 'seeds.json'), 'utf8')) as { cases: unknown[]; paired: { name: string }[]; measured: { name: string; source: string; metrics: { average_ce: number } }[] };
  assert.equal(seeds.cases.length, 2);
  assert.equal(seeds.paired.length, 1);
  assert.equal(seeds.measured[0]!.metrics.average_ce, ce);
  const csv = readFileSync(join(out, 'seeds.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  assert.equal(csv[0]!.at(-1), 'source');
  assert.deepEqual(csv.slice(1).map((x) => [x[0], x[1], x.at(-1)]), [['Cu', '2', 'simulated'], ['carbon cloth', '2', 'simulated'], ['neware_uio.csv (measured)', '', 'measured']]);
  assert.ok(!readFileSync(join(out, 'paired.csv'), 'utf8').includes('measured'));
});

// symcsv67: a symmetric measured row's per-cycle means (the legend's, side66b) in compare.csv's measured_* columns, equal
// to analyze's report (analyzeFile) of the same file; empty for every other row; no such column without a symmetric row
test('compare.csv: a symmetric measured row\'s per-cycle plateau and hysteresis means, and its cycles, in measured_* columns (analyze\'s report); empty for other rows; absent without a symmetric row (symcsv67)', async () => {
  const sym = join(tmp, 'sym-csv.mpt');
  // plateaus 30, 36, 42 mV plating and 4 mV higher stripping: each mean differs from cycle 1's
  writeMpt(sym, symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 5, current_A: 0.001, plateau: (cy, sign) => 0.03 + 0.006 * (cy - 1) + (sign === 1 ? 0.004 : 0), dip_V: 0.04 }));
  const run = parseRunInput({ metal: 'Na', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 1 });
  const simRow = { name: 'Na on Cu', runs: [simulate(run).metrics], run };
  const symRow = await measuredRow(sym, 'symmetric');
  const licuRow = await measuredRow(UIO, 'licu');
  const split = (csv: string) => csv.trim().split('\n').map((l) => l.split(','));
  const COLS = ['measured_plating_plateau_mV', 'measured_stripping_plateau_mV', 'measured_hysteresis_mV', 'measured_cycles'];
  // simulated runs only, and beside a licu measured row: no measured_* column
  const simOnly = compareCsv([simRow]), withLicu = compareCsv([simRow, licuRow]);
  for (const csv of [simOnly, withLicu]) assert.ok(!split(csv)[0]!.some((h) => h.startsWith('measured_')), split(csv)[0]!.join(','));
  const [head, simLine, symLine, licuLine] = split(compareCsv([simRow, symRow, licuRow]));
  assert.deepEqual(head!.slice(-5), ['source', ...COLS]);
  // the simulated row's line is the simulated-only CSV's, with `source` and four empty cells after it
  assert.equal(simLine!.join(','), `${simOnly.trim().split('\n')[1]},simulated,,,,`);
  assert.deepEqual(licuLine!.slice(-5), ['measured', '', '', '', '']);
  // the symmetric row's: analyze's per-cycle table's means over its complete cycles
  const cyc = (await analyzeFile(sym, { protocol: 'symmetric' })).report.symmetric!.cycles;
  const done = cyc.filter((c) => !c.partial);
  assert.equal(done.length, 3);
  const at = (k: string) => Number(symLine![head!.indexOf(k)]);
  assert.equal(at('measured_cycles'), 3);
  for (const k of ['plating_plateau_mV', 'stripping_plateau_mV', 'hysteresis_mV'] as const) {
    const mean = done.reduce((t, c) => t + c[k]!, 0) / done.length;
    assert.ok(Math.abs(at(`measured_${k}`) - mean) < 1e-9 * Math.abs(mean), `${k}: ${at(`measured_${k}`)} vs ${mean}`);
    assert.ok(Math.abs(mean - done[0]![k]!) > 1, `${k}: the mean is not cycle 1's`);
  }
  assert.equal(symLine![head!.indexOf('source')], 'measured');
});

// audit70b: `compare --measured --out` wrote the nucleation figure before it read the measured rows: the measured cell was
// in the table and compare.csv, not in figures/nucleation_beside_literature (the figure to set a lab cell beside the model)
test('compare --measured --out: the measured cell\'s nucleation overpotential is a point of figures/nucleation_beside_literature, analyze\'s reading (audit70b)', async () => {
  const f = join(tmp, 'cmp-fig.yaml');
  writeFileSync(f, CMP);
  const sym = join(tmp, 'sym-fig.mpt');
  writeMpt(sym, symmetricTrace({ cycles: 2, halfCycle_s: 600, dt_s: 5, current_A: 0.001, plateau: () => 0.03, dip_V: 0.04 }));
  const out = join(tmp, 'out-fig');
  const r = await cli(['compare', f, '--measured', sym, '--protocol', 'symmetric', '--out', out, '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const nuc = (await analyzed(sym, 'symmetric')).symmetric!.nucleation!;
  const spec = JSON.parse(readFileSync(join(out, 'figures', 'nucleation_beside_literature.vl.json'), 'utf8')) as { title: string; data: { values: { case: string; source: string; mV: number }[] } };
  const pts = spec.data.values.filter((v) => v.case === 'sym-fig.mpt (measured)');
  assert.equal(pts.length, 1, JSON.stringify(spec.data.values));
  assert.equal(pts[0]!.source, 'measured (cycler file)');
  assert.ok(Math.abs(pts[0]!.mV - nuc.nucleation_overpotential_mV!) < 1e-9, `${pts[0]!.mV} vs ${nuc.nucleation_overpotential_mV}`);
  assert.deepEqual(spec.data.values.filter((v) => v.source === 'model (kMC)').map((v) => v.case), ['Cu', 'carbon cloth']);
  assert.match(spec.title, /model, reported and measured$/);
});

// audit70b: the cases' names under the nucleation figure were set level whatever their width: four names of 15-28
// characters in 480 px (the main job's three and a measured file) ran into each other
test('nucleation_beside_literature: names wider than their band are slanted, short ones kept level (audit70b)', () => {
  const axis = (names: string[]) => (besideLiteratureSpec(names.map((name) => ({ name, model_mV: 50 })), 't') as unknown as { layer: { encoding: { x: { axis?: { labelAngle: number } } } }[] }).layer[0]!.encoding.x.axis!.labelAngle;
  assert.notEqual(axis(['Li on Cu', 'Li on graphene', 'Li on graphene + Zn-N4 (3 %)', 'licu_neware.csv (measured)']), 0);
  assert.equal(axis(['Cu', 'carbon cloth']), 0);
});

// audit70b: `compare --measured --out` drew no figure of the measured cell's voltage beside the cases' (the workbench's
// Compare page did); figures/measured_beside_simulated sets the cases' overlay beside the cell's voltage against its net
// plated charge per area, the integral of -I dt over --area
test('compare --measured --out --area: figures/measured_beside_simulated, the cases\' overlay beside the cell\'s voltage against its net plated charge per area; without an area, said on stderr (audit70b)', async () => {
  const f = join(tmp, 'cmp-trace.yaml');
  writeFileSync(f, CMP);
  const sym = join(tmp, 'sym-trace.mpt');
  // 2 cycles of 600 s at 1 mA: each plating 1 mA x 600 s = 0.16667 mAh, over 0.5 cm2 0.33333 mAh/cm2 of net plated charge
  writeMpt(sym, symmetricTrace({ cycles: 2, halfCycle_s: 600, dt_s: 5, current_A: 0.001, plateau: () => 0.03, dip_V: 0.04 }));
  const out = join(tmp, 'out-trace');
  const r = await cli(['compare', f, '--measured', sym, '--protocol', 'symmetric', '--area', '0.5', 'cm2', '--out', out, '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const spec = JSON.parse(readFileSync(join(out, 'figures', 'measured_beside_simulated.vl.json'), 'utf8')) as { hconcat: { data: { values: { x: number; y: number; series: string }[] } }[] };
  assert.equal(spec.hconcat.length, 2);
  assert.deepEqual([...new Set(spec.hconcat[0]!.data.values.map((v) => v.series))], ['Cu', 'carbon cloth (identical to Cu)']);
  const cell = spec.hconcat[1]!.data.values;
  assert.deepEqual([...new Set(cell.map((v) => v.series))], ['sym-trace.mpt (measured)']);
  const top = Math.max(...cell.map((v) => v.x));
  assert.ok(Math.abs(top - (0.001 * 600 / 3.6) / 0.5) < 1e-6, String(top));
  // the same without an area: no such figure, and stderr says why
  const out2 = join(tmp, 'out-trace-noarea');
  const sym2 = join(tmp, 'sym-trace-noarea.mpt');
  writeMpt(sym2, symmetricTrace({ cycles: 2, halfCycle_s: 600, dt_s: 5, current_A: 0.001, plateau: () => 0.03, dip_V: 0.04 }), { area_cm2: 0.001 });
  const r2 = await cli(['compare', f, '--measured', sym2, '--protocol', 'symmetric', '--out', out2, '--no-store']);
  assert.equal(r2.code, 0, r2.stderr);
  assert.ok(!existsSync(join(out2, 'figures', 'measured_beside_simulated.vl.json')));
  assert.match(r2.stderr, /compare: sym-trace-noarea\.mpt \(measured\): no voltage trace in figures\/measured_beside_simulated: its axis is charge per area, and neither the file nor --area gives the electrode area/);
});

/** A Li||Cu file as a cycler writes it, 3 cycles with their rests (helpers/cycler-files.ts licuRestLines) */
function licuCsv(file: string): void {
  writeFileSync(file, licuRestLines().join('\n') + '\n');
}

// mends70: the measured panel drew the whole file, so a Li||Cu cell's ~3 V open-circuit rest set its voltage axis (the
// 40 mV plating squashed flat at 0) and each cycle's plating and strip were one line that turned back on itself. A
// paper draws the steps under current, the rests left out (said in the panel's title), a line broken where the charge turns
test('measured_beside_simulated: the measured panel draws the steps under current, rests left out and said so, a line piece per direction of charge (mends70)', async () => {
  const f = join(tmp, 'cmp-licu.yaml');
  writeFileSync(f, CMP);
  const cell = join(tmp, 'licu-rest.csv');
  licuCsv(cell);
  const out = join(tmp, 'out-licu-rest');
  const r = await cli(['compare', f, '--measured', cell, '--area', '1.13', 'cm2', '--out', out, '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const spec = JSON.parse(readFileSync(join(out, 'figures', 'measured_beside_simulated.vl.json'), 'utf8')) as { hconcat: { title: string; data: { values: { x: number; y: number; series: string; piece?: string; order: number }[] } }[] };
  const panel = spec.hconcat[1]!;
  const vals = panel.data.values;
  // mends70: the figures' titles name the job by its file's base name, not the path as typed (${f}: /tmp/.../cmp-licu.yaml)
  for (const [fig, what] of [['measured_beside_simulated', 'the cases beside the measured cell'], ['overlay_eta_vs_capacity', 'overpotential of all cases'], ['nucleation_beside_literature', 'nucleation overpotential, model, reported and measured']]) {
    assert.equal((JSON.parse(readFileSync(join(out, 'figures', `${fig}.vl.json`), 'utf8')) as { title: string }).title, `cmp-licu.yaml: ${what}`);
  }
  assert.ok(vals.length > 100, String(vals.length));
  // no rest point: every voltage is one under current (-150 to +500 mV), none of the 2900-2950 mV of open circuit
  assert.ok(Math.max(...vals.map((v) => v.y)) <= 500 + 1e-9, String(Math.max(...vals.map((v) => v.y))));
  assert.ok(Math.min(...vals.map((v) => v.y)) >= -150 - 1e-9);
  assert.match(panel.title, /rests? left out/);
  // pieces: 3 platings and 3 strips, x only rising (plating) or only falling (strip) along each piece in drawing order
  const pieces = new Map<string, { x: number; order: number }[]>();
  for (const v of vals) { assert.ok(v.piece !== undefined, 'a point without its piece'); (pieces.get(v.piece) ?? pieces.set(v.piece, []).get(v.piece)!).push(v); }
  assert.equal(pieces.size, 6, [...pieces.keys()].join(' | '));
  for (const [k, ps] of pieces) {
    const xs = ps.sort((a, b) => a.order - b.order).map((p) => p.x);
    const d = Math.sign(xs.at(-1)! - xs[0]!);
    assert.notEqual(d, 0, k);
    for (let j = 1; j < xs.length; j++) assert.ok(Math.sign(xs[j]! - xs[j - 1]!) !== -d, `${k} turns at ${j}: ${xs[j - 1]} -> ${xs[j]}`);
  }
});

// review70b: since mends70 the measured panel draws a file's steps under current only; a file with none (rests only, as
// ../shared/data/cycler/FastCharge_000025_CH8.csv) got no figures/measured_beside_simulated and no word why (before
// mends70 its whole trace was drawn). Now said, as a file without an area is
test('measured_beside_simulated: a measured file with no step under current (rests only) is said to have no trace in it (review70b)', async () => {
  const f = join(tmp, 'cmp-rest.yaml');
  writeFileSync(f, CMP);
  const cell = join(tmp, 'rest-only.csv');
  writeFileSync(cell, licuRestLines(1).map((l, i) => (i === 0 ? l : l.replace(/,-?\d+\.\d+,(\d+)$/, ',0.0000,$1'))).join('\n') + '\n');
  const out = join(tmp, 'out-rest-only');
  const r = await cli(['compare', f, '--measured', cell, '--area', '1.13', 'cm2', '--out', out, '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!existsSync(join(out, 'figures', 'measured_beside_simulated.vl.json')));
  assert.match(r.stderr, /compare: rest-only\.csv \(measured\): no voltage trace in figures\/measured_beside_simulated: the file has no step under current \(rests only\), and the panel draws the steps under current/, r.stderr);
});

// measured70: every --measured file was read under the one --protocol, so a Li||Cu file and a symmetric Li||Li file could
// not share a table (the Li||Li file read as licu put its set-charge ratio, 100.0, under CE %). PROTOCOL:FILE reads a
// file under its own protocol; each row's figures are `analyze FILE --protocol P`'s for that file
test('compare --measured licu:FILE --measured symmetric:FILE: a Li||Cu and a Li||Li row in one table, each analyze --protocol P\'s; a bad prefix refused naming the file, the word and the protocols (measured70)', async () => {
  const f = join(tmp, 'cmp-both.yaml');
  writeFileSync(f, CMP);
  const licu = join(tmp, 'both-licu.csv');
  licuCsv(licu);
  const sym = join(tmp, 'both-lili.mpt');
  writeMpt(sym, symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 5, current_A: 0.001, plateau: (cy, sign) => 0.03 + 0.005 * (cy - 1) + (sign === 1 ? 0.002 : 0), dip_V: 0.04 }));
  const r = await cli(['compare', f, '--measured', `licu:${licu}`, '--measured', `symmetric:${sym}`, '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n'), head = lines[0]!.split(/\s{2,}/);
  const rowOf = (name: string) => lines.find((l) => l.startsWith(`${name} (measured)`))!.split(/\s{2,}/);
  const L = rowOf('both-licu.csv'), S = rowOf('both-lili.mpt');
  const at = (row: string[], h: string) => row[head.indexOf(h)];
  const lr = (await analyzed(licu, 'licu')).licu!, sr = (await analyzed(sym, 'symmetric')).symmetric!;
  assert.equal(at(L, 'CE %'), (lr.average_ce! * 100).toFixed(1));
  assert.equal(at(L, 'nucl. mV'), lr.nucleation!.nucleation_overpotential_mV!.toFixed(1));
  assert.equal(at(L, 'plateau mV'), lr.nucleation!.plateau_overpotential_mV!.toFixed(1));
  assert.equal(at(S, 'nucl. mV'), sr.nucleation!.nucleation_overpotential_mV!.toFixed(1));
  assert.equal(at(S, 'plateau mV'), sr.nucleation!.plateau_overpotential_mV!.toFixed(1));
  // the two readings differ (a 150 mV dip on the Li||Cu file, 40 mV on the Li||Li one): not one file's figures twice
  assert.notEqual(at(L, 'nucl. mV'), at(S, 'nucl. mV'));
  // the symmetric row's CE % is '-', said not to be a Coulombic efficiency; each row's legend names its protocol
  assert.equal(at(S, 'CE %'), '-');
  const legend = (n: string) => lines.find((l) => l.includes(`(measured: ${n} (measured)`))!;
  assert.match(legend('both-licu.csv'), /read as analyze --protocol licu reads it/);
  assert.match(legend('both-lili.mpt'), /read as analyze --protocol symmetric reads it: .*CE %: -, not a Coulombic efficiency/);
  // --json: each measured row's protocol
  const j = await cli(['compare', f, '--measured', `licu:${licu}`, '--measured', `symmetric:${sym}`, '--no-store', '--json']);
  assert.equal(j.code, 0, j.stderr);
  assert.deepEqual((JSON.parse(j.stdout) as { source?: string; protocol?: string }[]).filter((x) => x.source === 'measured').map((x) => x.protocol), ['licu', 'symmetric']);
  // the Li||Li file under --protocol licu (no prefix): its charge ratio is not put under CE % as an efficiency
  const asLicu = await cli(['compare', f, '--measured', sym, '--no-store']);
  assert.equal(asLicu.code, 0, asLicu.stderr);
  const l3 = asLicu.stdout.split('\n'), h3 = l3[0]!.split(/\s{2,}/);
  assert.equal(l3.find((l) => l.startsWith('both-lili.mpt (measured)'))!.split(/\s{2,}/)[h3.indexOf('CE %')], '-');
  assert.match(asLicu.stdout, /CE %: -, not a Coulombic efficiency: analyze's protocol check \(note\) reads the strips as stopped at a set charge \(their charge ratio 100\.0 %\); --measured symmetric:FILE/);
  // a prefix that is no protocol: refused before any run, naming the value, the word, the file and the protocols
  const bad = await cli(['compare', f, '--measured', `licu:${licu}`, '--measured', `sym:${sym}`, '--no-store']);
  assert.equal(bad.code, 2, bad.stderr);
  assert.ok(bad.stderr.startsWith(`sacplate: --measured: got "sym:${sym}", expected PROTOCOL:FILE with PROTOCOL one of symmetric, licu, aurbach (how ${sym} is read`), bad.stderr);
  assert.match(bad.stderr, /got "sym"\)/);
  const full = await cli(['compare', f, '--measured', `fullcell:${sym}`, '--no-store']);
  assert.equal(full.code, 2);
  assert.match(full.stderr, /got "fullcell": compare reads no full cell/);
});

// measured70: the simulated panel of measured_beside_simulated drew each case as one line, which turned back on itself at
// the strip of a plate/strip case (the measured panel was cut into steps in mends70); it is cut where the charge turns
test('measured_beside_simulated: the simulated panel draws a line per step, cut where the net charge turns (measured70)', async () => {
  const f = join(tmp, 'cmp-platestrip.yaml');
  writeFileSync(f, CMP.replace('protocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]', 'protocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2, Strip 0.00003 mAh/cm2 at 1 mA/cm2]'));
  const cell = join(tmp, 'licu-ps.csv');
  licuCsv(cell);
  const out = join(tmp, 'out-platestrip');
  const r = await cli(['compare', f, '--measured', cell, '--area', '1.13', 'cm2', '--out', out, '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const spec = JSON.parse(readFileSync(join(out, 'figures', 'measured_beside_simulated.vl.json'), 'utf8')) as { hconcat: { title: string; data: { values: { x: number; series: string; piece?: string; order: number }[] }; layer: { mark?: { type?: string }; encoding?: { detail?: { field: string } } }[] }[] };
  const sim = spec.hconcat[0]!;
  assert.match(sim.title, /a line per step/);
  assert.ok(sim.layer.some((l) => l.mark?.type === 'line' && l.encoding?.detail?.field === 'piece'));
  // (carbon cloth's trace is Cu's in this tiny box: its series is "carbon cloth (identical to Cu)", drawn dashed)
  const names = [...new Set(sim.data.values.map((v) => v.series))];
  assert.deepEqual(names.map((n) => n.split(' (')[0]), ['Cu', 'carbon cloth']);
  for (const name of names) {
    const pts = sim.data.values.filter((v) => v.series === name);
    assert.ok(pts.length >= 6, `${name}: ${pts.length}`);
    const pieces = new Map<string, { x: number; order: number }[]>();
    for (const v of pts) { assert.ok(v.piece !== undefined, 'a point without its piece'); (pieces.get(v.piece) ?? pieces.set(v.piece, []).get(v.piece)!).push(v); }
    // the plating and the strip: two pieces, x rising along the one and falling along the other
    assert.equal(pieces.size, 2, [...pieces.keys()].join(' | '));
    const dirs = [...pieces.values()].map((ps) => {
      const xs = ps.sort((a, b) => a.order - b.order).map((p) => p.x);
      const d = Math.sign(xs.at(-1)! - xs[0]!);
      for (let j = 1; j < xs.length; j++) assert.ok(Math.sign(xs[j]! - xs[j - 1]!) !== -d, `${name} turns at ${j}`);
      return d;
    });
    assert.deepEqual(dirs, [1, -1]);
  }
});

// measured70b: a comparison file could not name its measured cells (the rows came from --measured alone, one --area and
// --map for every file). Its `measured:` list names each cell with its own protocol, area and map, the file relative to
// the comparison file; each row is `analyze FILE --protocol P --area A`'s for that file, before the --measured files
test('a comparison file\'s measured: list: a Li||Cu item with its area and a Li||Li item, each row analyze --protocol P --area A\'s, the file\'s items before --measured\'s; a bad item refused naming it (measured70b)', async () => {
  const dir = join(tmp, 'job-measured');
  mkdirSync(dir, { recursive: true });
  licuCsv(join(dir, 'job-licu.csv'));
  writeMpt(join(dir, 'job-lili.mpt'), symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 5, current_A: 0.001, plateau: (cy, sign) => 0.03 + 0.005 * (cy - 1) + (sign === 1 ? 0.002 : 0), dip_V: 0.04 }));
  const f = join(dir, 'job.yaml');
  writeFileSync(f, CMP + 'measured:\n  - { file: job-licu.csv, protocol: licu, area: 1.13 cm2 }\n  - { file: job-lili.mpt, protocol: symmetric, area: 0.5 cm2 }\n');
  const extra = join(tmp, 'job-extra.mpt');
  writeMpt(extra, symmetricTrace({ cycles: 2, halfCycle_s: 600, dt_s: 5, current_A: 0.001, plateau: () => 0.03, dip_V: 0.04 }));
  const j = await cli(['compare', f, '--measured', `symmetric:${extra}`, '--json', '--no-store']);
  assert.equal(j.code, 0, j.stderr);
  type M = { name: string; source?: string; protocol?: string; metrics: Record<string, number | undefined> };
  const ms = (JSON.parse(j.stdout) as M[]).filter((x) => x.source === 'measured');
  assert.deepEqual(ms.map((m) => [m.name, m.protocol]), [['job-licu.csv (measured)', 'licu'], ['job-lili.mpt (measured)', 'symmetric'], ['job-extra.mpt (measured)', 'symmetric']]);
  // analyze FILE --protocol P --area A, each file's own
  const an = async (file: string, protocol: string, area: string) => {
    const out = join(tmp, `an-job-${protocol}`);
    const r = await cli(['analyze', file, '--protocol', protocol, '--area', area, 'cm2', '--no-figures', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, { average_ce?: number; nucleation?: Record<string, number> }>;
  };
  const lr = (await an(join(dir, 'job-licu.csv'), 'licu', '1.13')).licu!, sr = (await an(join(dir, 'job-lili.mpt'), 'symmetric', '0.5')).symmetric!;
  for (const k of ['nucleation_overpotential_mV', 'peak_overpotential_mV', 'plateau_overpotential_mV']) {
    assert.equal(ms[0]!.metrics[k], lr.nucleation![k], k);
    assert.equal(ms[1]!.metrics[k], sr.nucleation![k], k);
  }
  assert.equal(ms[0]!.metrics.average_ce, lr.average_ce);
  assert.equal(ms[1]!.metrics.average_ce, undefined);
  assert.notEqual(ms[0]!.metrics.nucleation_overpotential_mV, ms[1]!.metrics.nucleation_overpotential_mV);
  // each item's own area: the figure's charge axis (the Li||Cu file gives none; the Li||Li file's header says 1.13 cm2,
  // its item 0.5 cm2: it plates 1 mA x 600 s = 0.16667 mAh a half cycle, 0.33333 mAh/cm2 over 0.5 cm2)
  const out = join(tmp, 'out-job-measured');
  const r = await cli(['compare', f, '--measured', `symmetric:${extra}`, '--out', out, '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const spec = JSON.parse(readFileSync(join(out, 'figures', 'measured_beside_simulated.vl.json'), 'utf8')) as { hconcat: { data: { values: { x: number; series: string }[] } }[] };
  const cell = spec.hconcat[1]!.data.values;
  assert.deepEqual([...new Set(cell.map((v) => v.series))], ['job-licu.csv (measured)', 'job-lili.mpt (measured)', 'job-extra.mpt (measured)']);
  const top = Math.max(...cell.filter((v) => v.series === 'job-lili.mpt (measured)').map((v) => v.x));
  assert.ok(Math.abs(top - (0.001 * 600 / 3.6) / 0.5) < 1e-6, String(top));
  const extraTop = Math.max(...cell.filter((v) => v.series === 'job-extra.mpt (measured)').map((v) => v.x));
  assert.ok(Math.abs(extraTop - (0.001 * 600 / 3.6) / 1.13) < 1e-4, String(extraTop)); // its header's area: the item's is its own
  // a bad item: refused before any run, naming the item's key, the value and what is expected
  const bad = (m: string) => { const g = join(dir, `bad-${Math.random().toString(36).slice(2)}.yaml`); writeFileSync(g, CMP + 'measured:\n' + m); return cli(['compare', g, '--no-store']); };
  let e = await bad('  - { file: job-licu.csv, area: 1.13 cm2 }\n  - { file: job-lili.mpt, protocol: symmetric, area: 1.13 mm }\n');
  assert.equal(e.code, 2, e.stderr);
  assert.match(e.stderr, /^sacplate: measured\[1\]\.area: got "1\.13 mm", expected /);
  e = await bad('  - { file: job-licu.csv, protocl: licu }\n');
  assert.match(e.stderr, /^sacplate: measured\[0\]\.protocl: got "licu", expected no such key/);
  e = await bad('  - { file: nowhere.csv }\n');
  assert.match(e.stderr, /^sacplate: measured\[0\]\.file: got "nowhere\.csv", expected a cycler export that exists \(.*nowhere\.csv: no such file/);
  e = await bad('  - { file: job-lili.mpt, protocol: fullcell }\n');
  assert.match(e.stderr, /^sacplate: measured\[0\]\.protocol: got "fullcell", expected one of symmetric, licu, aurbach .*compare reads no full cell/);
});
