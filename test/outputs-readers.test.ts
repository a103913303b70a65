/**
 * A run's structure files read by the readers users open them with: ASE 3.22's extxyz reader
 * (ase.io.read, as OVITO's users and ASE scripts do) and VTK 9.1's vtkXMLImageDataReader (what
 * ParaView opens .vti with), through a Python that has them (test/helpers/python.ts: Debian's
 * python3-ase and python3-vtk9, which .ci/run installs). The run is tiny but holds every species a
 * run writes: Li on graphene + Zn-N4 with a carbonate SEI, plated, stripped to 1 V (slow surface
 * diffusion leaves dead metal) and plated again. What the readers saw is compared with the
 * engine's own lattice and counts (metrics.json, the step results), not with numbers written here.
 * One Python process reads every file (importing ase and vtk costs about 1 s of CPU). test/
 * outputs-formats.test.ts checks the same files against the formats' specifications without Python.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate, type SimulateResult } from '../src/simulation/simulate.js';
import type { Simulation } from '../src/simulation/simulation.js';
import { writeExtxyz, writeVti } from '../src/io/index.js';
import {
  DEAD, EMPTY, HOST_BASE, METAL, SAC_BASE, SEI, SEI_INORGANIC, SEPARATOR,
  codeLegend, hostElement, isHost, isSac, speciesOf,
} from '../src/lattice/species.js';
import { findPython, helperScript, runPythonJson } from './helpers/python.js';

const RUN = {
  metal: 'Li', lattice: { size: [8, 8, 16], voxel: '100 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.55 eV' },
  sacs: [{ site: 'Zn-N4', loading: '10 %', arrangement: 'random' }], sei: 'carbonate',
  protocol: ['Plate 0.05 mAh/cm2 at 10 mA/cm2', 'Strip at 10 mA/cm2 until 1 V', 'Plate 0.025 mAh/cm2 at 10 mA/cm2'],
  // seed 3: a run that holds every species (seed 1's final lattice held no dead metal since seivox, whose atoms plated
  // through SEI grow under its film)
  seed: 3, output: { snapshots: true },
};

// ---- what the Python helper reports (test/helpers/read-outputs.py) ----
type Plain = number | string | boolean | null | Plain[];
interface Frame {
  n: number; symbols: string[]; numbers: number[]; cell: number[][]; pbc: boolean[]; positions: number[][];
  arrays: Record<string, { dtype: string; values: Plain[] }>;
  info: Record<string, { type: string; value: Plain }>;
}
interface VtkArray { name: string; class: string; type: string; components: number; tuples: number; values: Plain[] }
interface Vti {
  can_read: boolean; errors: string; dimensions: number[]; extent: number[]; spacing: number[]; origin: number[];
  direction: number[]; cells: number; points: number; cell_scalars: string | null;
  cell_data: VtkArray[]; point_data: VtkArray[]; field_data: VtkArray[];
}
interface Pvd { parsed: boolean; errors: string; root: string | null; type: string | null; datasets: { element: string; timestep: number; file: string; vti: Vti }[] }
interface Report { ase: string; vtk: string; files: Record<string, { frames: Frame[] } | Vti | Pvd> }

const py = findPython(['ase', 'vtkmodules', 'numpy']);
const skip = 'skip' in py ? py.skip : false;

let dir = '';
let res: SimulateResult;
let sim: Simulation;
let metrics: Record<string, unknown>;
let seen: Report;
let edgeGrid: { nx: number; ny: number; nz: number; cells: Uint8Array; voxel_m: number };
const EDGE_FIELDS = {
  note: 'a & "b" <c> é\\d', empty: '', after_empty: 'kept', neg: -2.5e-7, big: 2 ** 53 + 2, int: -7, flag: true, off: false,
  nan: NaN, inf: Infinity, ninf: -Infinity, eq: 'a=b', comma: 'x,y', label: 'Cu foil',
};

before(() => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'sacplate-readers-'));
  const out = join(dir, 'run');
  res = simulate(RUN, { outDir: out, onSimulation: (s) => { sim = s; } });
  metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Record<string, unknown>;
  // the writers alone, on every registered code and on metadata a library caller may pass
  const codes = [EMPTY, METAL, DEAD, SEI, SEPARATOR, SEI_INORGANIC, HOST_BASE, HOST_BASE + 1, SAC_BASE, SAC_BASE + 1, 255];
  const nx = 4, ny = 3, nz = 2;
  edgeGrid = { nx, ny, nz, cells: Uint8Array.from({ length: nx * ny * nz }, (_, i) => codes[i % codes.length]!), voxel_m: 0.3e-9 };
  const meta = { metal: 'K', mode: 'atomistic', hostSpecies: ['Cu', 'C'], sacSpecies: ['X', 'Zn'], fields: EDGE_FIELDS };
  writeVti(join(dir, 'edge.vti'), edgeGrid, meta);
  writeExtxyz(join(dir, 'edge.extxyz'), edgeGrid, meta);
  const snaps = readdirSync(join(out, 'snapshots')).filter((f) => f.endsWith('.extxyz')).map((f) => `extxyz:${join(out, 'snapshots', f)}`);
  seen = runPythonJson<Report>((py as { python: string }).python, helperScript('read-outputs.py'), [
    `extxyz:${join(out, 'final.extxyz')}`, `vti:${join(out, 'final.vti')}`, `pvd:${join(out, 'snapshots', 'snapshots.pvd')}`,
    ...snaps, `extxyz:${join(dir, 'edge.extxyz')}`, `vti:${join(dir, 'edge.vti')}`,
  ]);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
});

const frames = (f: string): Frame[] => (seen.files[`extxyz:${f}`] as { frames: Frame[] }).frames;
const vti = (f: string): Vti => seen.files[`vti:${f}`] as Vti;
const field = (v: Vti, name: string): VtkArray => {
  const a = v.field_data.find((x) => x.name === name);
  assert.ok(a, `field data array ${name} (${v.field_data.map((x) => x.name).join(', ')})`);
  return a;
};
const count = (values: ArrayLike<Plain | number>, pred: (c: number) => boolean): number => {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (pred(Number(values[i]))) n++;
  return n;
};
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.abs(b), `${what}: ${a} read, ${b} run`);

/** the element the docs give each code of this run (docs/figures.md, src/io/species.ts) */
function runSymbol(code: number): string {
  if (code === METAL || code === DEAD) return res.run.metal.name;
  if (isHost(code)) return hostElement(res.run.host.name);
  if (isSac(code)) return res.run.sacs[code - SAC_BASE]!.site.element;
  return speciesOf(code).element; // SEI: X (ASE's dummy atom), inorganic SEI: F
}

test('final.extxyz in ASE: one atom per solid voxel of the engine, species, cell in Angstrom, pbc, voxel_code, info', { skip }, () => {
  const out = join(dir, 'run');
  const fr = frames(join(out, 'final.extxyz'));
  assert.equal(fr.length, 1, 'one frame');
  const a = fr[0]!;
  const [nx, ny, nz] = res.run.lattice.size;
  const cells = sim.grid.cells;
  const codes = a.arrays.voxel_code!.values.map(Number);
  assert.match(a.arrays.voxel_code!.dtype, /^int/);
  // the run holds every species it can write (else this test would check less than it says)
  for (const [name, c] of [['metal', METAL], ['dead metal', DEAD], ['SEI', SEI], ['inorganic SEI', SEI_INORGANIC], ['host', HOST_BASE], ['SAC', SAC_BASE]] as const) {
    assert.ok(codes.includes(c), `the run has ${name} (code ${c})`);
  }
  // counts against metrics.json
  assert.equal(count(codes, (c) => c === METAL), metrics.connected_voxels);
  assert.equal(count(codes, (c) => c === DEAD), metrics.dead_voxels);
  assert.equal(count(codes, (c) => c === SEI || c === SEI_INORGANIC), (metrics.sei as { sei_voxels: number }).sei_voxels);
  assert.equal(a.n, count(cells, (c) => c !== EMPTY), 'one atom per solid voxel of the engine lattice');
  // cell: the box in Angstrom (voxel edge in m x 1e10), diagonal; pbc periodic in x and y
  const aA = res.run.lattice.voxel_m * 1e10;
  const L = [nx * aA, ny * aA, nz * aA];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) assert.ok(Math.abs(a.cell[i]![j]! - (i === j ? L[i]! : 0)) < 1e-9, `cell[${i}][${j}] = ${a.cell[i]![j]}`);
  assert.deepEqual(a.pbc, [true, true, false]);
  // each atom sits at a voxel centre whose engine code is its voxel_code, each voxel once; its symbol follows the run's species
  const taken = new Set<number>();
  a.positions.forEach((p, k) => {
    const ix = p.map((x) => (x / aA) - 0.5);
    for (const v of ix) assert.ok(Math.abs(v - Math.round(v)) < 1e-9, `atom ${k} at a voxel centre: ${p}`);
    const [x, y, z] = ix.map(Math.round) as [number, number, number];
    const i = x + nx * (y + ny * z);
    assert.ok(!taken.has(i), `atom ${k}: voxel ${i} once`);
    taken.add(i);
    assert.equal(codes[k], cells[i], `atom ${k}: voxel_code = the engine's code`);
    assert.equal(a.symbols[k], runSymbol(codes[k]!), `atom ${k} (code ${codes[k]})`);
  });
  assert.deepEqual([...new Set(a.symbols)].sort(), ['C', 'F', 'Li', 'X', 'Zn']);
  // info: the comment line's keys with the types ASE gives them
  const info = a.info;
  assert.deepEqual(info.metal, { type: 'str', value: 'Li' });
  assert.deepEqual(info.host, { type: 'str', value: res.run.host.name });
  assert.deepEqual(info.mode, { type: 'str', value: res.run.lattice.mode });
  assert.deepEqual(info.seed, { type: 'int', value: RUN.seed });
  close(Number(info.voxel_nm!.value), res.run.lattice.voxel_m * 1e9, 'voxel_nm');
  assert.equal(info.time_s!.type, 'float');
  close(Number(info.time_s!.value), metrics.time_s as number, 'time_s');
  close(Number(info.charge_C_per_cm2!.value), metrics.charge_C_per_cm2 as number, 'charge_C_per_cm2');
  assert.deepEqual(info.voxel_codes, { type: 'str', value: codeLegend() });
  // review39: which SAC each code 32 + i is (the legend says "32+i SAC type i" and nothing named type i: two SACs of
  // one element, sp2c-COF-Co and Co-N/O, were Co atoms with codes 32 and 33 and no word of which was which)
  assert.deepEqual(info.sac_codes, { type: 'str', value: res.run.sacs.map((x, i) => `${SAC_BASE + i} ${x.site.name}`).join(', ') });
});

test('final.vti in VTK (vtkXMLImageDataReader): extents, spacing in nm, the voxel array equal to the engine lattice, field data', { skip }, () => {
  const v = vti(join(dir, 'run', 'final.vti'));
  assert.ok(v.can_read, 'CanReadFile');
  assert.equal(v.errors, '', 'VTK reported nothing');
  const [nx, ny, nz] = res.run.lattice.size;
  assert.deepEqual(v.dimensions, [nx + 1, ny + 1, nz + 1], 'points: one more than voxels per axis');
  assert.deepEqual(v.extent, [0, nx, 0, ny, 0, nz]);
  assert.equal(v.cells, nx * ny * nz);
  const nm = res.run.lattice.voxel_m * 1e9;
  v.spacing.forEach((x, i) => close(x, nm, `Spacing[${i}] in nm (docs/figures.md)`));
  assert.deepEqual(v.origin, [0, 0, 0]);
  assert.deepEqual(v.direction, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual(v.point_data, []);
  assert.equal(v.cell_scalars, 'voxel');
  assert.equal(v.cell_data.length, 1);
  const vox = v.cell_data[0]!;
  assert.deepEqual([vox.name, vox.type, vox.components, vox.tuples], ['voxel', 'unsigned char', 1, nx * ny * nz]);
  assert.deepEqual(vox.values, Array.from(sim.grid.cells), 'every voxel as the engine left it (x fastest, then y, then z)');
  assert.equal(count(vox.values, (c) => c === METAL), metrics.connected_voxels);
  assert.equal(count(vox.values, (c) => c === DEAD), metrics.dead_voxels);
  assert.equal(count(vox.values, (c) => c === SEI || c === SEI_INORGANIC), (metrics.sei as { sei_voxels: number }).sei_voxels);
  assert.ok(count(vox.values, isSac) > 0 && count(vox.values, (c) => c === DEAD) > 0);
  // the same solid voxels as the extxyz ASE read
  assert.equal(count(vox.values, (c) => c !== EMPTY), frames(join(dir, 'run', 'final.extxyz'))[0]!.n);
  // field data: names, VTK classes, values
  const f = (n: string) => field(v, n);
  assert.deepEqual([f('metal').class, f('metal').values], ['vtkStringArray', ['Li']]);
  assert.deepEqual([f('host').class, f('host').values], ['vtkStringArray', [res.run.host.name]]);
  assert.deepEqual([f('mode').class, f('mode').values], ['vtkStringArray', [res.run.lattice.mode]]);
  assert.deepEqual(f('voxel_codes').values, [codeLegend()]);
  assert.deepEqual([f('sac_codes').class, f('sac_codes').values], ['vtkStringArray', [res.run.sacs.map((x, i) => `${SAC_BASE + i} ${x.site.name}`).join(', ')]]);
  close(Number(f('voxel_nm').values[0]), nm, 'voxel_nm');
  assert.deepEqual([f('seed').type, f('seed').values], ['long long', [RUN.seed]]);
  assert.equal(f('time_s').type, 'double');
  close(Number(f('time_s').values[0]), metrics.time_s as number, 'time_s');
  close(Number(f('charge_C_per_cm2').values[0]), metrics.charge_C_per_cm2 as number, 'charge_C_per_cm2');
});

test('snapshots: the .pvd series through VTK\'s XML parser, each .vti in VTK and each .extxyz in ASE, at the step ends the run reports', { skip }, () => {
  const snap = join(dir, 'run', 'snapshots');
  const p = seen.files[`pvd:${join(snap, 'snapshots.pvd')}`] as Pvd;
  assert.equal(p.parsed, true);
  assert.equal(p.errors, '');
  assert.deepEqual([p.root, p.type], ['VTKFile', 'Collection']);
  const steps = res.steps.filter((s) => s.kind !== 'rest');
  assert.equal(p.datasets.length, steps.length, 'one dataset per plate/strip step');
  let end = 0; // a step's end on the test clock: the durations so far
  const ends = res.steps.map((s) => (end += s.duration_s));
  p.datasets.forEach((d, i) => {
    const s = steps[i]!;
    assert.equal(d.element, 'DataSet');
    assert.equal(d.file, `step-${String(s.index).padStart(3, '0')}-${s.kind}-cycle-${s.cycle}.vti`);
    if (i > 0) assert.ok(d.timestep > p.datasets[i - 1]!.timestep, 'time increases');
    close(d.timestep, ends[res.steps.indexOf(s)]!, `${d.file} timestep = the step's end`);
    const v = d.vti;
    assert.equal(v.errors, '', `${d.file}: VTK reported nothing`);
    assert.equal(Number(field(v, 'time_s').values[0]), d.timestep, `${d.file}: time_s = the .pvd timestep`);
    assert.deepEqual(field(v, 'kind').values, [s.kind]);
    assert.deepEqual([field(v, 'step').values, field(v, 'cycle').values], [[s.index], [s.cycle]]);
    const vox = v.cell_data[0]!.values;
    assert.equal(count(vox, (c) => c === METAL), s.connected_voxels, `${d.file}: metal voxels = the step's connected_voxels`);
    assert.equal(count(vox, (c) => c === DEAD), s.dead_voxels, `${d.file}: dead voxels = the step's dead_voxels`);
    // the same snapshot as ASE reads its extended XYZ
    const a = frames(join(snap, d.file.replace(/\.vti$/, '.extxyz')))[0]!;
    assert.equal(a.n, count(vox, (c) => c !== EMPTY));
    const codes = a.arrays.voxel_code!.values.map(Number);
    for (const c of new Set(codes)) assert.equal(count(codes, (x) => x === c), count(vox, (x) => x === c), `${d.file}: code ${c}`);
    assert.equal(Number(a.info.time_s!.value), d.timestep);
    assert.deepEqual(a.info.kind, { type: 'str', value: s.kind });
  });
  assert.ok(steps.some((s) => s.kind === 'strip') && steps.at(-1)!.dead_voxels > 0, 'the series has a strip and dead metal');
});

test('the writers alone on every voxel code and on library metadata (text with & " < > é \\, empty text, NaN, +-Infinity, 2^53 + 2): VTK and ASE read what was written', { skip }, () => {
  const v = vti(join(dir, 'edge.vti'));
  assert.equal(v.errors, '');
  assert.deepEqual(v.cell_data[0]!.values, Array.from(edgeGrid.cells), 'every code, 255 included');
  const num = (n: string) => field(v, n).values[0];
  assert.deepEqual(field(v, 'note').values, [EDGE_FIELDS.note]);
  assert.deepEqual(field(v, 'empty').values, ['']);
  assert.deepEqual(field(v, 'after_empty').values, ['kept']);
  assert.deepEqual([num('neg'), num('big'), num('int'), num('flag'), num('off')], [-2.5e-7, 2 ** 53 + 2, -7, 1, 0]);
  assert.deepEqual([field(v, 'int').type, field(v, 'flag').type, field(v, 'big').type], ['long long', 'unsigned char', 'double']);
  // VTK 9.1's ASCII parser read "-inf" as +inf; the writer now writes non-finite numbers as binary
  assert.deepEqual([num('nan'), num('inf'), num('ninf')], ['nan', 'inf', '-inf']);
  assert.deepEqual([field(v, 'eq').values, field(v, 'comma').values, field(v, 'label').values], [['a=b'], ['x,y'], ['Cu foil']]);

  const [a] = frames(join(dir, 'edge.extxyz'));
  const solid = Array.from(edgeGrid.cells).filter((c) => c !== EMPTY);
  assert.equal(a!.n, solid.length);
  assert.deepEqual(a!.arrays.voxel_code!.values, solid);
  // metal and dead metal K, hosts Cu and C, SACs X and Zn, SEI X, inorganic SEI F, separator and unused X
  const sym: Record<number, string> = { [METAL]: 'K', [DEAD]: 'K', [SEI]: 'X', [SEPARATOR]: 'X', [SEI_INORGANIC]: 'F', [HOST_BASE]: 'Cu', [HOST_BASE + 1]: 'C', [SAC_BASE]: 'X', [SAC_BASE + 1]: 'Zn', 255: 'X' };
  assert.deepEqual(a!.symbols, solid.map((c) => sym[c]));
  const L = [edgeGrid.nx, edgeGrid.ny, edgeGrid.nz].map((n) => n * edgeGrid.voxel_m * 1e10); // Angstrom
  a!.cell.forEach((row, i) => row.forEach((x, j) => assert.ok(Math.abs(x - (i === j ? L[i]! : 0)) < 1e-9, `cell[${i}][${j}] = ${x}`)));
  const info = a!.info;
  assert.deepEqual(info.note, { type: 'str', value: EDGE_FIELDS.note });
  assert.equal(info.empty, undefined, 'an empty text is left out of the comment line');
  assert.deepEqual(info.after_empty, { type: 'str', value: 'kept' }, 'the key after it is read (ASE 3.22 took `empty="" after_empty=kept` as empty = "after_empty=kept")');
  assert.deepEqual([info.neg, info.big, info.int], [{ type: 'float', value: -2.5e-7 }, { type: 'int', value: 2 ** 53 + 2 }, { type: 'int', value: -7 }]);
  assert.deepEqual([info.flag, info.off], [{ type: 'bool', value: true }, { type: 'bool', value: false }]);
  assert.deepEqual([info.nan!.value, info.inf!.value, info.ninf!.value], ['nan', 'inf', '-inf']);
  assert.deepEqual([info.eq!.value, info.comma!.value, info.label!.value], ['a=b', 'x,y', 'Cu foil']);
  assert.deepEqual(info.metal, { type: 'str', value: 'K' });
  assert.deepEqual(info.mode, { type: 'str', value: 'atomistic' });
});
