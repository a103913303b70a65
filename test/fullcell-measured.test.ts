/**
 * `sacplate fullcell` with a measured anode (side66): `anode: { file, protocol }` in the full-cell file, or
 * --anode-file, read by the code `sacplate analyze` runs. The CE per cycle is analyze's own (its report.json, read here
 * by the CLI), and the retention is the closed form of that CE sequence; a missing file, a file with no complete cycle
 * and a symmetric cell's file are refused naming the field, the value and what is expected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tempFolder } from './helpers/tmp.js';
import { cli } from './helpers/cli.js';
import { sharedCycler } from './helpers/cycler-files.js';
import { symmetricTrace, writeMpt, type SyntheticTrace } from '../src/cycler/synthetic.js';

const tmp = tempFolder('fullcell-measured');
const UIO = sharedCycler('neware_uio.csv');

/** analyze's own CE per cycle of a file read as licu (its report.json) */
async function analyzeCes(file: string): Promise<{ cycle: number; ce: number | null; partial?: true }[]> {
  const out = join(tmp, `an-${Math.random().toString(36).slice(2)}`);
  const r = await cli(['analyze', file, '--protocol', 'licu', '--no-figures', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { licu: { cycles: { cycle: number; ce: number | null; partial?: true }[] } }).licu.cycles;
}

/** the printed table's rows: [N/P, first discharge, retention %, cycles_to_80pct] */
const rowsOf = (stdout: string) => stdout.split('\n').slice(2).filter((l) => /^\d/.test(l)).map((l) => l.trim().split(/\s{2,}/));

test('fullcell anode: { file } takes the CE per cycle analyze reads from a real cycler file (neware_uio.csv), and the retention is that sequence\'s closed form', async () => {
  const ces = await analyzeCes(UIO);
  const used = ces.filter((c) => !c.partial && c.ce !== null).map((c) => c.ce!);
  assert.ok(used.length >= 2 && used.length < ces.length, `complete cycles ${used.length} of ${ces.length}`);
  const dir = join(tmp, 'fc1');
  mkdirSync(dir, { recursive: true });
  const f = join(dir, 'fc.yaml');
  // the path relative to the full-cell file
  writeFileSync(f, `cathode: NCM811\ncapacity: 3 mAh/cm2\nnp: [0, 2]\ncycles: 100\nanode: { file: ${relative(dir, UIO)}, protocol: licu }\n`);
  const out = join(dir, 'out');
  const r = await cli(['fullcell', f, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  // the source named: the file, the cycles used, the formation cycle in; the cut cycle left out, said
  assert.match(r.stdout, new RegExp(`anode CE from measured ${relative(dir, UIO).replace(/[.]/g, '\\.')} \\(licu CE of cycle\\(s\\) 1-${used.length} of ${ces.length}; cycle 1, the first plating onto the bare electrode, in`));
  assert.match(r.stdout, new RegExp(`note: .*cycle\\(s\\) ${ces.length} left out`));
  // the CE per cycle in fullcell.csv is analyze's, then the last repeated (the CSV prints 12 significant digits)
  const rows = readFileSync(join(out, 'fullcell.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const np0 = rows.filter((x) => x[0] === 0);
  assert.equal(np0.length, 100);
  np0.forEach((x, i) => assert.ok(Math.abs(x[2]! - used[Math.min(i, used.length - 1)]!) < 1e-11, `cycle ${i + 1}: ${x[2]} against analyze's ${used[Math.min(i, used.length - 1)]}`));
  // closed form: anode-free, D_n = Q x prod(CE_1..n), retention = prod(CE_2..n)
  const ce = (n: number) => used[Math.min(n - 1, used.length - 1)]!;
  let prod = 1;
  for (let n = 2; n <= 100; n++) prod *= ce(n);
  const t = rowsOf(r.stdout);
  assert.equal(t[0]![1], (3 * ce(1)).toFixed(3));
  assert.equal(t[0]![2], `${(prod * 100).toFixed(2)} %`);
  // N/P 2: 6 mAh/cm2 of excess against the losses (1 - CE_n) x 3 mAh/cm2 of 100 full cycles
  let lost = 0;
  for (let n = 1; n <= 100; n++) lost += (1 - ce(n)) * 3;
  assert.ok(lost < 6, `lost ${lost}`);
  assert.equal(t[1]![2], '100.00 %');
  // --anode-file (relative to the working folder) with --anode-from-cycle 2: the formation cycle out, said
  const r2 = await cli(['fullcell', f, '--anode-file', UIO, '--anode-from-cycle', '2']);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stdout, new RegExp(`licu CE of cycle\\(s\\) 2-${used.length} of ${ces.length}; from cycle 2`));
  assert.equal(rowsOf(r2.stdout)[0]![1], (3 * used[1]!).toFixed(3));
});

test('fullcell anode: { file } refusals name the field, the value and what is expected: a missing file, no complete cycle, a symmetric cell\'s file, another protocol', async () => {
  const dir = join(tmp, 'fc2');
  mkdirSync(dir, { recursive: true });
  const fc = (anode: string) => { const f = join(dir, `fc-${Math.random().toString(36).slice(2)}.yaml`); writeFileSync(f, `cathode: LFP\nnp: 1\ncycles: 10\nanode: ${anode}\n`); return f; };
  let r = await cli(['fullcell', fc('{ file: nothere.mpt }')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: anode\.file: got "nothere\.mpt", expected a Li\|\|Cu test's cycler export that exists \(.*nothere\.mpt: no such file\)/);
  // one plating and nothing stripped: no complete cycle
  const n = 200, plate: SyntheticTrace = { time_s: new Float64Array(n), voltage_V: new Float64Array(n), current_A: new Float64Array(n), cycle: new Float64Array(n).fill(1), halfCycle: new Float64Array(n) };
  for (let k = 0; k < n; k++) { plate.time_s[k] = 10 * k; plate.voltage_V[k] = k < 20 ? 2.8 : -0.03; plate.current_A[k] = k < 20 ? 0 : -0.001; }
  writeMpt(join(dir, 'plate.mpt'), plate);
  r = await cli(['fullcell', fc('{ file: plate.mpt }')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: anode\.file: got "plate\.mpt", expected a Li\|\|Cu cycler file with at least one complete plate\/strip cycle \(read as licu: 1 cycle\(s\), none complete: cycle 1 not stripped\)/);
  // a symmetric Li||Li cell: plated = stripped by time, a CE near 1 that is none
  writeMpt(join(dir, 'sym.mpt'), symmetricTrace({ cycles: 4, halfCycle_s: 600, dt_s: 10, current_A: 0.001, plateau: () => 0.03 }));
  r = await cli(['fullcell', fc('{ file: sym.mpt, protocol: licu }')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: anode\.file: got "sym\.mpt", expected a Li\|\|Cu test's export .*a symmetric cell's voltages .*analyze --protocol symmetric reads it/);
  r = await cli(['fullcell', fc(`{ file: ${UIO}, protocol: symmetric }`)]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: anode\.protocol: got "symmetric", expected licu .* or aurbach/);
  r = await cli(['fullcell', fc('{ ce: 0.99, file: sym.mpt }')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: anode\.file: got "sym\.mpt", expected one of ce, run and file, not ce and file/);
  // a run file where a cycler export goes: the key that simulates one named (the reader said "analyze DIR/eta.csv")
  writeFileSync(join(dir, 'licu.yaml'), 'metal: Li\nhost: Cu\nprotocol: [Plate 0.1 mAh/cm2 at 1 mA/cm2]\n');
  r = await cli(['fullcell', fc('{ file: licu.yaml }')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: anode\.file: got "licu\.yaml", expected a Li\|\|Cu test's cycler export, not a run file \(licu\.yaml\): anode: \{ run: licu\.yaml \} simulates a run file/);
  r = await cli(['fullcell', fc('{ ce: 0.99 }'), '--anode-protocol', 'licu']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: --anode-protocol: got "licu", expected --anode-file <file> as well/);
  // the library's synchronous fullCell cannot read a cycler file: said, with what can
  const { fullCell } = await import('../src/fullcell/library.js');
  assert.throws(() => fullCell({ cathode: 'LFP', np: 1, cycles: 10, anode: { file: UIO } }), /^InputError: anode\.file: got .*read asynchronously, by `sacplate fullcell` or fullCellMeasuredOf\(\)/);
});

test('fullcell anode: { file, area_cm2, map } and --anode-area/--anode-map read the file as analyze --area and --map read it (side66b)', async () => {
  const MAP = 'time=Time,voltage=Voltage(V),current=Current(A)';
  // analyze's own reading with the area and the mapping (the generic layout: cycles by the current sign)
  const out = join(tmp, 'an-area-map');
  const a = await cli(['analyze', UIO, '--protocol', 'licu', '--area', '2', 'cm2', '--map', MAP, '--no-figures', '--out', out]);
  assert.equal(a.code, 0, a.stderr);
  const cycles = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { licu: { cycles: { ce: number | null; partial?: true; plated_mAh: number }[] } }).licu.cycles;
  const used = cycles.filter((c) => !c.partial && c.ce !== null);
  const plain = (await analyzeCes(UIO)).filter((c) => !c.partial && c.ce !== null).map((c) => c.ce!);
  // the mapping reads other CEs than the detected layout: its use is seen in them
  assert.ok(used.some((c, i) => c.ce !== plain[i]), 'the --map reading equals the detected one');
  const cycled = used.reduce((s, c) => s + c.plated_mAh, 0) / used.length / 2;
  const dir = join(tmp, 'fc3');
  mkdirSync(dir, { recursive: true });
  const f = join(dir, 'fc.yaml');
  writeFileSync(f, `cathode: NCM811\ncapacity: 3 mAh/cm2\nnp: 0\ncycles: 10\nanode: { file: ${UIO}, area_cm2: 2, map: "${MAP}" }\n`);
  const r = await cli(['fullcell', f, '--out', join(dir, 'out')]);
  assert.equal(r.code, 0, r.stderr);
  const rows = readFileSync(join(dir, 'out', 'fullcell.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  rows.forEach((x, i) => assert.ok(Math.abs(x[2]! - used[Math.min(i, used.length - 1)]!.ce!) < 1e-11, `cycle ${i + 1}: ${x[2]}`));
  // the area gives the capacity the CE was measured at (analyze's plated charge over 2 cm2)
  assert.match(r.stdout, new RegExp(`measured in a Li\\|\\|Cu test cycling ${Number(cycled.toPrecision(3))} mAh/cm2 per cycle`));
  // the flags, relative to the working folder: the same reading
  const r2 = await cli(['fullcell', f, '--anode-file', UIO, '--anode-area', '2', 'cm2', '--anode-map', MAP]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(rowsOf(r2.stdout)[0]![2], rowsOf(r.stdout)[0]![2]);
  assert.match(r2.stdout, new RegExp(`cycling ${Number(cycled.toPrecision(3))} mAh/cm2 per cycle`));
  // without an area: the note names the option that gives it
  const r3 = await cli(['fullcell', f, '--anode-file', UIO]);
  assert.match(r3.stdout, /gives no electrode area \(--anode-area gives it, as analyze --area\)/);
  // refused as analyze refuses its --area and --map, by this command's names
  const fc = (anode: string) => { const g = join(dir, `fc-${Math.random().toString(36).slice(2)}.yaml`); writeFileSync(g, `cathode: LFP\nnp: 1\ncycles: 10\nanode: ${anode}\n`); return g; };
  let e = await cli(['fullcell', fc(`{ file: ${UIO}, area_cm2: -2 }`)]);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /^sacplate: anode\.area_cm2: got -2, expected a number above 0 \(electrode area in cm2, e\.g\. 1\.13\)/);
  e = await cli(['fullcell', f, '--anode-file', UIO, '--anode-area', '-1', 'cm2']);
  assert.match(e.stderr, /^sacplate: --anode-area: got "-1 cm2", expected a positive area, e\.g\. "1\.13 cm2"/);
  e = await cli(['fullcell', fc(`{ file: ${UIO}, map: bogus }`)]);
  assert.match(e.stderr, /^sacplate: anode\.map: got "bogus", expected key=COLUMN or key=COLUMN@unit, keys: time, voltage, current/);
  e = await cli(['fullcell', fc('{ ce: 0.99, area_cm2: 2 }')]);
  assert.match(e.stderr, /^sacplate: anode\.area_cm2: got 2, expected area_cm2 only with anode\.file/);
  e = await cli(['fullcell', fc('{ ce: 0.99 }'), '--anode-map', MAP]);
  assert.match(e.stderr, /^sacplate: --anode-map: got "time=Time,.*", expected --anode-file <file> as well/);
});
