/**
 * A run's structure files as ParaView, OVITO and ASE read them, checked against the formats'
 * specifications on a tiny plate/strip run, without Python (test/outputs-readers.test.ts reads
 * them with the real ASE and VTK readers where a Python has them): the VTK XML ImageData
 * (extents, spacing, cell data count, UInt64 header of the appended raw block), the extended XYZ
 * (atom count, Lattice in Angstrom, Properties, pbc, positions inside the cell) and the ParaView
 * time series of the snapshots (a .pvd collection whose timesteps are the files' own time_s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../src/simulation/simulate.js';
import { cli } from './helpers/cli.js';
import { csvNumber, parseCsv } from '../src/io/csv.js';
import { tempFolder, tempRoot } from './helpers/tmp.js';
import { speciesColorPreset } from '../src/io/index.js';
import { SPECIES, HOST_BASE, HOST_TYPES, SAC_BASE, SAC_TYPES } from '../src/lattice/species.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('outputs-formats');

const RUN = {
  metal: 'Li', lattice: { size: [8, 8, 12], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
  protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip 0.0002 mAh/cm2 at 1 mA/cm2', 'Plate 0.0003 mAh/cm2 at 1 mA/cm2'], seed: 3,
};

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** the VTI's extents, spacing, voxel bytes and FieldData numbers, read by the spec (not by src/io/vti.ts) */
function readVtiBySpec(file: string) {
  const buf = readFileSync(file);
  const at = buf.indexOf('<AppendedData encoding="raw">');
  const head = buf.subarray(0, at).toString('utf8');
  const vtk = /<VTKFile[^>]*>/.exec(head)![0];
  assert.equal(attr(vtk, 'type'), 'ImageData');
  assert.equal(attr(vtk, 'byte_order'), 'LittleEndian');
  assert.equal(attr(vtk, 'header_type'), 'UInt64');
  const img = /<ImageData[^>]*>/.exec(head)![0];
  const piece = /<Piece[^>]*>/.exec(head)![0];
  assert.equal(attr(piece, 'Extent'), attr(img, 'WholeExtent'));
  const [x0, x1, y0, y1, z0, z1] = attr(img, 'WholeExtent')!.split(' ').map(Number) as [number, number, number, number, number, number];
  const cells = (x1 - x0) * (y1 - y0) * (z1 - z0); // extents count points: cells are one fewer per axis
  const da = /<CellData[^>]*>\s*<DataArray[^>]*>/.exec(head)![0];
  assert.match(da, /type="UInt8"/);
  assert.match(da, /format="appended"/);
  const start = buf.indexOf('_', at) + 1 + Number(attr(da, 'offset'));
  const n = Number(buf.readBigUInt64LE(start));
  assert.equal(n, cells, 'the appended block holds one byte per cell');
  const voxels = buf.subarray(start + 8, start + 8 + n);
  const fields: Record<string, number> = {};
  for (const m of head.matchAll(/<DataArray type="(?:Float64|Int64)" Name="([^"]+)"[^>]*>\s*([^<\s]+)\s*</g)) fields[m[1]!] = Number(m[2]);
  return { nx: x1 - x0, ny: y1 - y0, nz: z1 - z0, spacing: attr(img, 'Spacing')!.split(' ').map(Number), voxels, fields };
}

test('structure files by the formats\' specs, and a ParaView time series of the snapshots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-formats-'));
  simulate(RUN, { outDir: dir });
  // VTI: 8 x 8 x 12 cells of 10 nm
  const v = readVtiBySpec(join(dir, 'final.vti'));
  assert.deepEqual([v.nx, v.ny, v.nz], [8, 8, 12]);
  assert.deepEqual(v.spacing, [10, 10, 10]);
  const solid = v.voxels.reduce((a, c) => a + (c !== 0 ? 1 : 0), 0);
  // extended XYZ as ASE reads it: count, Lattice (Angstrom), Properties, pbc, positions in the cell
  const lines = readFileSync(join(dir, 'final.extxyz'), 'utf8').trimEnd().split('\n');
  assert.equal(Number(lines[0]), solid, 'one atom per solid voxel of the VTI');
  assert.equal(lines.length - 2, solid);
  const comment = lines[1]!;
  const lat = /Lattice="([^"]+)"/.exec(comment)![1]!.split(' ').map(Number);
  assert.deepEqual(lat, [800, 0, 0, 0, 800, 0, 0, 0, 1200], '8 x 10 nm = 800 Angstrom');
  assert.match(comment, /(^| )Properties=species:S:1:pos:R:3:voxel_code:I:1( |$)/);
  assert.match(comment, /(^| )pbc="T T F"( |$)/);
  for (const l of lines.slice(2)) {
    const [sp, x, y, z, code] = l.split(' ');
    assert.match(sp!, /^[A-Z][a-z]?$/);
    for (const [c, L] of [[x, 800], [y, 800], [z, 1200]] as const) assert.ok(Number(c) > 0 && Number(c) < L, `position ${c} inside the cell`);
    assert.ok(Number.isInteger(Number(code)));
  }
  // the snapshots as one time series: snapshots/snapshots.pvd lists every .vti with its time_s
  const snap = join(dir, 'snapshots');
  const vtis = readdirSync(snap).filter((f) => f.endsWith('.vti')).sort();
  assert.equal(vtis.length, 3, 'one snapshot per plate/strip step');
  const pvdFile = join(snap, 'snapshots.pvd');
  assert.ok(existsSync(pvdFile), 'snapshots/snapshots.pvd');
  const pvd = readFileSync(pvdFile, 'utf8');
  assert.match(pvd, /<VTKFile type="Collection"[^>]*>\s*<Collection>/);
  const sets = [...pvd.matchAll(/<DataSet [^>]*\/>/g)].map((m) => ({ t: Number(attr(m[0], 'timestep')), file: attr(m[0], 'file')! }));
  assert.deepEqual(sets.map((s) => s.file), vtis);
  for (const s of sets) assert.equal(s.t, readVtiBySpec(join(snap, s.file)).fields.time_s, `${s.file}: timestep = the file's time_s`);
  for (let i = 1; i < sets.length; i++) assert.ok(sets[i]!.t > sets[i - 1]!.t, 'time increases');
});

test('metrics.json: the specific surface area also in m2/g, with Li at its bulk density (0.534 g/cm3, CRC Handbook)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ssa-'));
  const r = simulate({ ...RUN, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }, { outDir: dir });
  const m = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as Record<string, number>;
  assert.equal(m.specific_surface_area, r.metrics.specific_surface_area);
  assert.ok(m.specific_surface_area! > 0);
  assert.equal((m as Record<string, unknown>).estimator, 'rates'); // the default, said (review40)
  // faces per metal voxel x (10 nm)^2 over (10 nm)^3 x 0.534 g/cm3, to 2 %: the Li set's atomic volume
  // (bcc a^3/2 with a = 3.49 A, mendeleev) makes 0.542 g/cm3, 1.5 % above the measured density
  const expected = m.specific_surface_area! / (10e-9 * 0.534e6);
  assert.ok(Math.abs(m.specific_surface_area_m2_per_g! / expected - 1) < 0.02, `${m.specific_surface_area_m2_per_g} vs ${expected} m2/g`);
});

// mends48: metrics.json did not say the applied current (only the protocol's text and eta.csv did), so a user comparing
// runs cut it out of the text. Each step's current density and areal capacity, as numbers in mA/cm2 and mAh/cm2, read
// by the parser that gives a sweep's protocol axis its columns (review39)
test('metrics.json: each step\'s current density and areal capacity as numbers (empty for a rest), in the units a cell is quoted in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cur-'));
  const protocol = ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Rest for 0.0001 s', 'Strip 0.0002 mAh/cm2 at 30 A/m2', 'Plate at 500 uA/cm2 for 0.1 s'];
  simulate({ ...RUN, protocol, output: { snapshots: false } }, { outDir: dir });
  const m = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(m.steps_ended, ['charge', 'time', 'charge', 'time']);
  const close = (got: unknown, want: (number | null)[], what: string) => {
    assert.ok(Array.isArray(got) && got.length === want.length, `${what}: ${JSON.stringify(got)}`);
    want.forEach((w, i) => assert.ok(w === null ? got[i] === null : Math.abs((got[i] as number) / w - 1) < 1e-12, `${what}[${i}]: ${JSON.stringify(got)}`));
  };
  close(m.steps_current_mA_per_cm2, [1, null, 3, 0.5], 'steps_current_mA_per_cm2'); // 30 A/m2 = 3 mA/cm2
  close(m.steps_capacity_mAh_per_cm2, [0.0005, null, 0.0002, null], 'steps_capacity_mAh_per_cm2'); // by time: no capacity given
  // mends49: the run's current as one number (the first galvanostatic plating step's), to sort and plot runs by
  close([m.plating_current_mA_per_cm2, m.plating_capacity_mAh_per_cm2], [1, 0.0005], 'plating_*');
  // after a rest, inside a repeat block, given by time: 0.5 mA/cm2 and no capacity; a strip first is not a plating
  const later = simulate({ ...RUN, protocol: ['Rest for 0.0001 s', { repeat: 1, steps: ['Plate at 500 uA/cm2 for 0.05 s'] }, 'Plate 0.0001 mAh/cm2 at 2 mA/cm2'], output: { snapshots: false } }).metrics;
  close([later.plating_current_mA_per_cm2, later.plating_capacity_mAh_per_cm2], [0.5, null], 'plating_* after a rest');
});

// review40: a run with `electrochem: { estimator: events }` read other overpotentials than the same box by default
// (a plateau of 89.1 against 108.4 mV, Li on graphene + Zn-N4 2 %, 12 x 12 x 10 voxels, seed 1), and neither
// metrics.json nor the printed table nor the figures' titles said which: both rows read `Li on graphene + Zn-N4 ...`
test('metrics.json, the printed table and the figures say which estimator the galvanostat used', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-est-'));
  const file = join(dir, 'run.json');
  writeFileSync(file, JSON.stringify({ ...RUN, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false }, electrochem: { estimator: 'events' } }));
  const r = await cli(['simulate', file, '--out', join(dir, 'out'), '--no-store', '--no-figures']);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(readFileSync(join(dir, 'out', 'metrics.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(m.estimator, 'events');
  assert.match(r.stdout, /^Li on Cu \(events estimator\) +-?\d/m);
  const spec = readFileSync(join(dir, 'out', 'figures', 'eta_vs_capacity.vl.json'), 'utf8');
  assert.match(spec, /Li on Cu \(events estimator\): overpotential vs /);
});

// From audit-cli (session 10, branch `audit`: the end-to-end audit of the user commands); failed before its fix.
test('extxyz: the comment line carries the voxel-code legend (dead metal is the metal\'s symbol with code 2, SEI has codes 3 and 5), as the VTI does', async () => {
  const { extxyzComment } = await import('../src/io/extxyz.js');
  const { VOXEL_CODE_LEGEND } = await import('../src/io/vti.js');
  const g = { nx: 2, ny: 2, nz: 2, cells: new Uint8Array(8), voxel_m: 1e-8 };
  const line = extxyzComment(g, { metal: 'Li', mode: 'mesoscale', fields: { voxel_codes: 'not this' } });
  const m = /voxel_codes="([^"]*)"/.exec(line);
  assert.ok(m, line);
  assert.equal(m[1], VOXEL_CODE_LEGEND);
  assert.match(m[1]!, /2 DEAD.*3 SEI.*5 SEI_INORGANIC/);
  assert.equal(line.match(/voxel_codes=/g)!.length, 1);
});

// From loose5 (session 18, task loose5: a new user's audit); failed on the code before its fix.
const tmp = tempFolder('outputs-formats');
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('CSV numbers: float noise is not written (12 significant digits), integers and tiny values as they are; the outputs of fullcell show it', async () => {
  assert.equal(csvNumber(1.0000000000000004), '1');
  assert.equal(csvNumber(0.1 + 0.2), '0.3');
  assert.equal(csvNumber(0.9953000000000001), '0.9953');
  assert.equal(csvNumber(123456789012345), '123456789012345');
  assert.equal(csvNumber(-1.5e-21), '-1.5e-21');
  assert.equal(csvNumber(1 / 3), '0.333333333333');
  // fullcell.csv (ce, retention, capacities per cycle): no cell carries more than 12 significant digits
  writeFileSync(join(tmp, 'fc.yaml'), 'cathode: LFP\nloading: 10 mg/cm2\nnp: [1, 2.5]\ncycles: 40\nanode: { ce: 0.997 }\n');
  const r = await run('fullcell', 'fc.yaml', '--out', 'fc-out');
  assert.equal(r.code, 0, r.stderr);
  const rows = parseCsv(readFileSync(join(tmp, 'fc-out', 'fullcell.csv'), 'utf8'));
  assert.deepEqual(rows[0], ['np', 'cycle', 'ce', 'charge_mAh_per_cm2', 'discharge_mAh_per_cm2', 'retention', 'anode_excess_mAh_per_cm2', 'lost_mAh_per_cm2'], 'column names unchanged');
  const digits = (c: string) => c.replace(/e.*$/, '').replace(/\D/g, '').replace(/^0+/, '').length;
  const long = rows.slice(1).flat().filter((c) => digits(c) > 12);
  assert.deepEqual(long, []);
  rmSync(join(tmp, 'fc-out'), { recursive: true });
  rmSync(join(tmp, 'fc.yaml'));
});

// mends100 (review60, review79): the separator plane (cell.separator_distance) was in neither structure file: no voxel
// holds it (code 4 SEPARATOR is in the legend only), so a viewer could not place it
test('mends100: a run with a separator writes the plane\'s height above the host surface, nm, in the extended XYZ comment (key=value, atoms.info) and the VTI\'s FieldData; none without one', () => {
  const run = (extra: Record<string, unknown>) => {
    const dir = mkdtempSync(join(tmpdir(), 'sacplate-formats-'));
    simulate({ metal: 'Li', host: 'Cu', lattice: { size: [4, 4, 16], voxel: '100 nm' }, seed: 1, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], ...extra }, { outDir: dir });
    const comment = readFileSync(join(dir, 'final.extxyz'), 'utf8').split('\n')[1]!;
    const snap = readdirSync(join(dir, 'snapshots')).find((f) => f.endsWith('.vti'))!;
    return { comment, vti: readVtiBySpec(join(dir, 'final.vti')).fields, snap: readVtiBySpec(join(dir, 'snapshots', snap)).fields };
  };
  const sep = run({ electrolyte: 'LiPF6-EC-DMC', cell: { separator_distance: '1.2 um' } });
  // a quantity, written with its decimal point (mends103: `separator_plane_nm=1200`, an int to ASE, until then)
  assert.match(sep.comment, /(^| )separator_plane_nm=1200\.0( |$)/, sep.comment);
  assert.equal(sep.vti.separator_plane_nm, 1200);
  assert.equal(sep.snap.separator_plane_nm, 1200, 'each snapshot too');
  for (const r of [run({}), run({ electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '5 um' } })]) {
    assert.doesNotMatch(r.comment, /separator_plane_nm/);
    assert.equal(r.vti.separator_plane_nm, undefined);
  }
});

// mends100 (review79): ParaView coloured the VTI's `voxel` codes as a continuous 0-255 scale (no lookup table, the
// labels only in the `voxel_codes` text). Beside final.vti a run writes species-colors.json, a categorical preset in the
// form of ParaView's own (its ColorMaps.json's BlueObeliskElements: a list of objects with Name, IndexedColors r g b
// 0-1 per value, Annotations value, label pairs)
test('mends100: beside final.vti a run writes species-colors.json, a ParaView categorical preset: every voxel code of the run annotated with its species\' label and colour', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-formats-'));
  simulate({
    metal: 'Li', host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '20 %' }], lattice: { size: [6, 6, 8], voxel: '10 nm' }, seed: 1,
    kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate 0.0003 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false },
  }, { outDir: dir });
  const presets = JSON.parse(readFileSync(join(dir, 'species-colors.json'), 'utf8')) as { Name: string; IndexedColors: number[]; Annotations: (number | string)[] }[];
  assert.ok(Array.isArray(presets) && presets.length === 1, 'a list of one preset');
  const p = presets[0]!;
  assert.equal(typeof p.Name, 'string');
  const values = p.Annotations.filter((_, i) => i % 2 === 0), labels = p.Annotations.filter((_, i) => i % 2 === 1);
  assert.ok(values.every((v) => Number.isInteger(v)) && labels.every((l) => typeof l === 'string'), 'value, label pairs');
  assert.equal(p.IndexedColors.length, 3 * values.length, 'one r g b per annotated value');
  assert.ok(p.IndexedColors.every((c) => c >= 0 && c <= 1));
  const label = (code: number) => labels[values.indexOf(code)];
  const color = (code: number) => p.IndexedColors.slice(3 * values.indexOf(code), 3 * values.indexOf(code) + 3);
  // the registry's labels (the VTI's voxel_codes legend) and the figures' colours (METAL #4c78a8, DEAD #e45756)
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(label), ['EMPTY', 'METAL', 'DEAD', 'SEI', 'SEPARATOR', 'SEI_INORGANIC']);
  assert.equal(label(8), 'host 0 (graphene)');
  assert.equal(label(32), 'SAC type 0 (Zn-N4)');
  assert.deepEqual(color(1).map((c) => Math.round(c * 255)), [0x4c, 0x78, 0xa8]);
  assert.deepEqual(color(2).map((c) => Math.round(c * 255)), [0xe4, 0x57, 0x56]);
  // every code the run's VTI holds is annotated
  const codes = new Set(readVtiBySpec(join(dir, 'final.vti')).voxels);
  assert.ok(codes.has(32) && codes.has(1), [...codes].join(' '));
  for (const c of codes) assert.ok(values.includes(c), `code ${c} annotated`);
});

// mends103 (review79 left it): a number in the structure files' metadata was written Int64 when whole and Float64 otherwise, so
// a quantity changed type within a snapshot series: a plate then a strip of the same charge wrote charge_C_per_cm2 Float64
// in the plate's snapshot and Int64 (0) in the strip's and final.vti (vtkDoubleArray, then vtkLongLongArray, for one
// ParaView time series), and voxel_nm 10 Int64. The run's quantities (voxel_nm, time_s, charge_C_per_cm2,
// separator_plane_nm) are now doubles in every file, the counts (seed, step, cycle, voxels) integers
test('mends103: the structure files\' quantities are doubles in every snapshot and final.vti (charge_C_per_cm2 0 after a full strip was Int64), counts integers; extxyz writes them with a decimal point', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-formats-'));
  simulate({
    metal: 'Li', host: 'Cu', lattice: { size: [6, 6, 8], voxel: '10 nm' }, seed: 1, kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2', 'Strip 0.0002 mAh/cm2 at 1 mA/cm2'],
  }, { outDir: dir });
  const types = (file: string) => {
    const head = readFileSync(file).toString('latin1').split('<AppendedData')[0]!;
    return Object.fromEntries([...head.matchAll(/<DataArray type="(\w+)" Name="([^"]+)"[^>]*>\s*([^<\s]+)/g)].map((m) => [m[2]!, { type: m[1]!, value: Number(m[3]) }]));
  };
  const files = [...readdirSync(join(dir, 'snapshots')).filter((f) => f.endsWith('.vti')).sort().map((f) => join(dir, 'snapshots', f)), join(dir, 'final.vti')];
  assert.equal(files.length, 3, files.join(' '));
  const strip = types(files[1]!);
  assert.equal(strip.charge_C_per_cm2!.value, 0, 'the strip takes all that was plated (the case that wrote Int64)');
  for (const f of files) {
    const t = types(f);
    for (const k of ['voxel_nm', 'time_s', 'charge_C_per_cm2']) assert.equal(t[k]?.type, 'Float64', `${f}: ${k} ${JSON.stringify(t[k])}`);
    assert.equal(t.seed?.type, 'Int64', `${f}: seed`);
    if (f.includes('snapshots')) for (const k of ['step', 'cycle', 'dead_voxels', 'connected_voxels']) assert.equal(t[k]?.type, 'Int64', `${f}: ${k}`);
  }
  const comment = readFileSync(join(dir, 'final.extxyz'), 'utf8').split('\n')[1]!;
  assert.match(comment, / voxel_nm=10\.0 /, comment);
  assert.match(comment, / charge_C_per_cm2=0\.0 /, comment);
  assert.match(comment, / seed=1 /, comment);
});

// mends103: the preset gave both SEI codes (3 organic-rich, 5 inorganic-rich) the figures' one SEI green, and every host
// type, every SAC type one colour each, so ParaView drew them alike. Every code of the largest preset (24 host types,
// 32 SAC types) now has a colour of its own; the single-code species (0-5) and the first host and SAC type clearly so
test('mends103: species-colors.json gives every voxel code its own colour (both SEI codes, each host and SAC type)', () => {
  const hosts = Array.from({ length: HOST_TYPES }, (_, i) => `h${i}`), sacs = Array.from({ length: SAC_TYPES }, (_, i) => `s${i}`);
  const p = speciesColorPreset({ hosts, sacs })[0]!;
  const values = p.Annotations.filter((_, i) => i % 2 === 0) as number[];
  assert.equal(values.length, 7 + HOST_TYPES + SAC_TYPES, 'codes 0-6 (6: VOID, branch e1void), every host and SAC type');
  const rgb = (code: number) => p.IndexedColors.slice(3 * values.indexOf(code), 3 * values.indexOf(code) + 3);
  const byte = (code: number) => rgb(code).map((c) => Math.round(c * 255)).join(' ');
  const seen = new Map<string, number>();
  for (const v of values) {
    const k = byte(v);
    assert.ok(!seen.has(k), `codes ${seen.get(k)} and ${v} share the colour ${k}`);
    seen.set(k, v);
  }
  // clearly apart (Euclidean distance of r g b in 0-1 at least 0.2): the fixed codes and the first host and SAC type
  const main = [0, 1, 2, 3, 4, 5, 6, HOST_BASE, SAC_BASE];
  for (const a of main) for (const b of main) {
    if (a >= b) continue;
    const d = Math.hypot(...rgb(a).map((c, i) => c - rgb(b)[i]!));
    assert.ok(d >= 0.2, `codes ${a} (${byte(a)}) and ${b} (${byte(b)}) are ${d.toFixed(3)} apart`);
  }
  // the first of each range keeps the figures' colour (the cross-section figure and the 3D view draw with it)
  for (const sp of SPECIES) if (sp.code >= 0) assert.equal(byte(sp.code), [1, 3, 5].map((i) => parseInt(sp.colour.slice(i, i + 2), 16)).join(' '), sp.label);
});

test('mends117 (review86 F7): eta.csv and steps.csv give the charge in mAh/cm2 too, as a column appended at the end (the earlier columns and their positions unchanged)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mah-'));
  simulate({ ...RUN, protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2', 'Strip 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }, { outDir: dir });
  for (const file of ['eta.csv', 'steps.csv']) {
    const [head, ...rows] = parseCsv(readFileSync(join(dir, file), 'utf8').trim());
    assert.equal(head!.at(-1), 'charge_mAh_per_cm2', `${file}: ${head!.join(',')}`);
    // the column before it is the one that was last (eta.csv's direction, steps.csv's mean_height_nm)
    assert.equal(head!.at(-2), file === 'eta.csv' ? 'direction' : 'mean_height_nm');
    const iC = head!.indexOf('charge_C_per_cm2'), iM = head!.indexOf('charge_mAh_per_cm2');
    assert.ok(rows.length > 1);
    for (const r of rows) assert.ok(Math.abs(Number(r[iM]) - Number(r[iC]) / 3.6) <= 1e-11 * Math.max(1e-12, Math.abs(Number(r[iC]))) + 1e-18, `${file}: ${r[iC]} C/cm2 vs ${r[iM]} mAh/cm2`);
    if (file === 'steps.csv') {
      // the plate asked 0.0002 mAh/cm2: its row reads that to within one voxel of the 8 x 8 box (3.3e-5 mAh/cm2)
      assert.ok(Math.abs(Number(rows[0]![iM]) - 0.0002) < 3.3e-5, rows[0]![iM]);
    }
  }
});
