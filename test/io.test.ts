import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEAD, EMPTY, HOST_BASE, METAL, SAC_BASE, type Grid } from '../src/lattice/voxel.js';
import { openCsv, readExtxyz, readExtxyzHead, readVti, readVtiFields, readVtiHead, writeCsv, writeExtxyz, writeJson, writeVti } from '../src/io/index.js';
import { FileError } from '../src/errors.js';
import { voxelNm } from '../src/metrics/morphology.js';
import { parseCsv as readCsvText, splitDelimited } from '../src/io/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-io-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function randomGrid(nx: number, ny: number, nz: number, seed: number): Grid {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const cells = new Uint8Array(nx * ny * nz);
  const nxy = nx * ny;
  for (let i = 0; i < cells.length; i++) {
    if (i < nxy) cells[i] = rnd() < 0.1 ? SAC_BASE + 1 : HOST_BASE;
    else {
      const r = rnd();
      cells[i] = r < 0.3 ? METAL : r < 0.35 ? DEAD : EMPTY;
    }
  }
  return { nx, ny, nz, cells, voxel_m: 0.3e-9 };
}

// ---------------- VTI ----------------

test('vti round trip: codes, dimensions, spacing, field data', () => {
  const g = randomGrid(7, 5, 6, 1);
  g.cells[10] = 255; // any byte survives
  const p = join(dir, 'a', 'snap.vti'); // parent directory is created
  writeVti(p, g, {
    metal: 'Li',
    mode: 'atomistic',
    fields: { time_s: 1.25e-3, seed: 7, converged: true, note: 'a & "b" <c> é', host: 'graphene', voxel_nm: 99, metal: 'Na', nan: NaN, inf: Infinity, ninf: -Infinity },
  });
  const back = readVti(p);
  assert.equal(back.grid.nx, 7);
  assert.equal(back.grid.ny, 5);
  assert.equal(back.grid.nz, 6);
  assert.deepEqual(back.grid.cells, g.cells);
  assert.equal(voxelNm(back.grid), 0.3);
  assert.deepEqual(back.fields, {
    metal: 'Li',
    voxel_nm: 0.3,
    mode: 'atomistic',
    voxel_codes: back.fields.voxel_codes,
    time_s: 1.25e-3,
    seed: 7,
    converged: true,
    note: 'a & "b" <c> é',
    host: 'graphene',
    nan: NaN, // non-finite numbers are written as binary Float64 (VTK's ASCII parser reads "-inf" as +inf)
    inf: Infinity,
    ninf: -Infinity,
  });
  assert.match(String(back.fields.voxel_codes), /1 METAL/);
  assert.deepEqual(readVtiFields(p), back.fields, 'the header-only reader gives the same field data');
  // the XML part is balanced and declares what ParaView needs
  const text = readFileSync(p).toString('latin1');
  const head = text.slice(0, text.indexOf('<AppendedData'));
  assert.match(head, /<VTKFile type="ImageData" version="1.0" byte_order="LittleEndian" header_type="UInt64">/);
  assert.match(head, /<ImageData WholeExtent="0 7 0 5 0 6" Origin="0 0 0" Spacing="0.3 0.3 0.3"/);
  assert.match(head, /<CellData Scalars="voxel">/);
  const stack: string[] = [];
  for (const m of head.matchAll(/<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g)) {
    if (m[3] === '/') continue;
    if (m[1] === '/') assert.equal(stack.pop(), m[2]);
    else stack.push(m[2]!);
  }
  assert.deepEqual(stack, ['VTKFile']);
  assert.ok(text.endsWith('</AppendedData>\n</VTKFile>\n'));
  // no temporary files left behind
  assert.deepEqual(readdirSync(join(dir, 'a')), ['snap.vti']);
});

test('vti: grid larger than one 16 MB write chunk round-trips and the file has the exact size', () => {
  const nx = 300, ny = 300, nz = 190; // 17.1e6 voxels
  const cells = new Uint8Array(nx * ny * nz);
  for (let i = 0; i < cells.length; i++) cells[i] = (i * 2654435761) >>> 29; // codes 0..7, pattern crosses chunks
  const g: Grid = { nx, ny, nz, cells, voxel_m: 1e-9 };
  const p = join(dir, 'big.vti');
  writeVti(p, g, { metal: 'Na' });
  const back = readVti(p);
  assert.equal(Buffer.compare(Buffer.from(back.grid.cells.buffer, back.grid.cells.byteOffset, back.grid.cells.length), Buffer.from(cells.buffer)), 0);
  const text = readFileSync(p);
  const at = text.indexOf('_', text.indexOf('<AppendedData')) + 1;
  assert.equal(statSync(p).size, at + 8 + cells.length + '\n  </AppendedData>\n</VTKFile>\n'.length);
  assert.equal(back.fields.metal, 'Na');
  assert.equal(back.fields.voxel_nm, 1);
  assert.deepEqual(readVtiFields(p), back.fields);
  rmSync(p);
});

test('readVtiFields: a header longer than one 64 KiB read piece; a missing file is a FileError', () => {
  const p = join(dir, 'long-header.vti');
  const note = 'x'.repeat(70_000) + ' end';
  writeVti(p, randomGrid(3, 3, 3, 2), { metal: 'K', fields: { time_s: 2.5, note } });
  const f = readVtiFields(p);
  assert.equal(f.note, note);
  assert.equal(f.time_s, 2.5);
  assert.deepEqual(f, readVti(p).fields);
  assert.throws(() => readVtiFields(join(dir, 'missing.vti')), FileError);
});

test('readVti rejects truncated and foreign files with FileError', () => {
  const g = randomGrid(4, 4, 4, 2);
  const p = join(dir, 't.vti');
  writeVti(p, g, { metal: 'K' });
  const full = readFileSync(p);
  writeFileSync(p, full.subarray(0, full.length - 40));
  assert.throws(() => readVti(p), FileError);
  writeFileSync(p, '<?xml version="1.0"?><VTKFile type="PolyData"></VTKFile>');
  assert.throws(() => readVti(p), FileError);
  assert.throws(() => readVti(join(dir, 'missing.vti')), FileError);
});

// ---------------- extended XYZ ----------------

/** Parses extxyz the way ASE's reader does for the parts we use (key=value pairs with quotes). */
function parseExtxyz(text: string) {
  const lines = text.split('\n');
  assert.equal(lines[lines.length - 1], '', 'file ends with a newline');
  lines.pop();
  assert.match(lines[0]!, /^\d+$/, 'first line is the atom count');
  const n = Number(lines[0]);
  assert.equal(lines.length, n + 2, 'one line per atom after the comment');
  const info: Record<string, string> = {};
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("((?:[^"\\]|\\.)*)"|\S+)/g;
  let rest = lines[1]!;
  for (const m of rest.matchAll(re)) {
    info[m[1]!] = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2]!;
    rest = rest.replace(m[0], '');
  }
  assert.equal(rest.trim(), '', `comment line is only key=value pairs: left ${rest}`);
  const lattice = info.Lattice!.split(/\s+/).map(Number);
  assert.equal(lattice.length, 9);
  assert.equal(info.Properties, 'species:S:1:pos:R:3:voxel_code:I:1');
  const atoms = lines.slice(2).map((l) => {
    const f = l.split(/\s+/);
    assert.equal(f.length, 5, l);
    assert.match(f[0]!, /^[A-Z][a-z]?$/);
    for (const k of [1, 2, 3]) assert.ok(Number.isFinite(Number(f[k])), l);
    assert.match(f[4]!, /^-?\d+$/);
    return { s: f[0], pos: [Number(f[1]), Number(f[2]), Number(f[3])], type: Number(f[4]) };
  });
  return { n, info, lattice, atoms };
}

test('extxyz: count, comment line, species mapping and positions in Angstrom', () => {
  const nx = 4, ny = 3, nz = 5;
  const g: Grid = { nx, ny, nz, cells: new Uint8Array(nx * ny * nz), voxel_m: 0.3e-9 };
  const I = (x: number, y: number, z: number) => x + nx * (y + ny * z);
  g.cells.fill(HOST_BASE, 0, nx * ny); // host layer z=0 (Cu)
  g.cells[I(1, 1, 0)] = SAC_BASE; // a Zn site in the host layer
  g.cells[I(1, 1, 1)] = METAL;
  g.cells[I(1, 1, 2)] = METAL;
  g.cells[I(3, 2, 4)] = DEAD;
  const p = join(dir, 'snap.extxyz');
  const n = writeExtxyz(p, g, {
    metal: 'Li', mode: 'atomistic', hostSpecies: ['Cu'], sacSpecies: ['Zn'],
    fields: { time_s: 0.5, host: 'Cu foil', blank: '', step: 12, dense: false, voxel_nm: 99, Lattice: 'x', pbc: false },
  });
  const f = parseExtxyz(readFileSync(p, 'utf8'));
  assert.equal(n, nx * ny + 3);
  assert.equal(f.n, n);
  assert.deepEqual(f.lattice, [12, 0, 0, 0, 9, 0, 0, 0, 15]);
  assert.equal(f.info.pbc, 'T T F');
  assert.equal(f.info.metal, 'Li');
  assert.equal(f.info.voxel_nm, '0.3');
  assert.equal(f.info.mode, 'atomistic');
  assert.equal(f.info.host, 'Cu foil');
  assert.equal(f.info.dense, 'F');
  assert.equal(f.info.blank, undefined, 'an empty text is left out (ASE 3.22 read `blank="" step=12` as blank = "step=12")');
  assert.equal(f.info.step, '12');
  assert.equal(Number(f.info.time_s), 0.5);
  const count = (s: string) => f.atoms.filter((a) => a.s === s).length;
  assert.equal(count('Cu'), nx * ny - 1);
  assert.equal(count('Zn'), 1);
  assert.equal(count('Li'), 3);
  const dead = f.atoms.find((a) => a.type === DEAD)!;
  assert.equal(dead.s, 'Li');
  assert.deepEqual(dead.pos, [10.5, 7.5, 13.5]);
  const zn = f.atoms.find((a) => a.s === 'Zn')!;
  assert.deepEqual(zn.pos, [4.5, 4.5, 1.5]);
  assert.equal(zn.type, SAC_BASE);
  for (const a of f.atoms) for (let k = 0; k < 3; k++) assert.ok(a.pos[k]! > 0 && a.pos[k]! < f.lattice[4 * k]!);
});

test('extxyz: a multi-megabyte file is complete (chunked writes), species callback and include filter', () => {
  const g = randomGrid(64, 64, 64, 3);
  const p = join(dir, 'big.extxyz');
  const n = writeExtxyz(p, g, { metal: 'Na', species: (c) => (c === METAL || c === DEAD ? 'Na' : c >= SAC_BASE ? 'Fe' : 'C') });
  let solid = 0;
  for (const c of g.cells) if (c !== EMPTY) solid++;
  assert.equal(n, solid);
  const text = readFileSync(p, 'utf8');
  assert.ok(text.length > 3 * 2 ** 19, `file is ${text.length} bytes`);
  const f = parseExtxyz(text);
  assert.equal(f.atoms.length, solid);
  assert.ok(f.atoms.some((a) => a.s === 'Fe'));
  // include only metal
  const n2 = writeExtxyz(p, g, { metal: 'Na' }, { include: (c) => c === METAL || c === DEAD });
  const f2 = parseExtxyz(readFileSync(p, 'utf8'));
  assert.equal(f2.atoms.length, n2);
  assert.ok(f2.atoms.every((a) => a.s === 'Na'));
  assert.throws(() => writeExtxyz(p, g, { metal: 'Li', species: () => 'bad name' }), /species/);
});

// web64b: the reader the workbench lists and draws extxyz-only snapshots with (src/server/snapshots.ts)
test('web64b: readExtxyz reads back what writeExtxyz wrote: every voxel (codes 0-255, x fastest), the box, the voxel edge and the metadata as the .vti of the same grid has them; readExtxyzHead the same from two lines; a file not ours is a FileError naming the line', () => {
  for (const [g, vnm] of [[randomGrid(7, 5, 6, 4), 0.3], [randomGrid(3, 4, 9, 5), 10], [randomGrid(2, 2, 2, 6), 1.7]] as const) {
    g.voxel_m = vnm * 1e-9;
    for (let c = 0; c < Math.min(256, g.cells.length); c++) g.cells[(c * 37) % g.cells.length] = c; // every code the box holds room for
    const meta = {
      metal: 'Na', mode: 'mesoscale', quantities: ['time_s', 'whole_q'],
      fields: { time_s: 1.25e-3, whole_q: 0, seed: 7, big: 1.5e21, neg: -3, converged: true, off: false, kind: 'strip', host: 'Cu foil', flagLike: 'T', note: 'a "b" \\c', nan: NaN, inf: Infinity, ninf: -Infinity },
    };
    const xyz = join(dir, `rt-${vnm}.extxyz`), vti = join(dir, `rt-${vnm}.vti`);
    writeExtxyz(xyz, g, meta);
    writeVti(vti, g, meta);
    const back = readExtxyz(xyz);
    assert.deepEqual([back.grid.nx, back.grid.ny, back.grid.nz, back.grid.voxel_m], [g.nx, g.ny, g.nz, g.voxel_m]);
    assert.ok(Buffer.from(back.grid.cells).equals(Buffer.from(g.cells)), `${vnm} nm: every voxel`);
    const v = readVtiHead(vti);
    assert.deepStrictEqual(back.fields, v.fields, 'the metadata as the .vti has it');
    const head = readExtxyzHead(xyz);
    assert.deepStrictEqual([head.dims, head.voxel_nm, head.fields], [v.dims, v.voxel_nm, v.fields]);
    assert.equal(head.atoms, g.cells.filter((c) => c !== EMPTY).length);
  }
  const text = readFileSync(join(dir, 'rt-10.extxyz'), 'utf8');
  const lines = text.split('\n');
  for (const [bad, line, re] of [
    [text.replace(/^\d+/, 'x'), 1, /line 1 is "x", expected the atom count/],
    [text.replace(/^\d+/, (n) => String(Number(n) + 1)), 1, /line 1 says \d+ atoms, the file has \d+/],
    [text.replace('voxel_code:I:1', 'type:I:1'), 2, /Properties=species:S:1:pos:R:3:type:I:1, expected species:S:1:pos:R:3:voxel_code:I:1/],
    [text.replace(/Lattice="(\S+)/, 'Lattice="55'), 2, /Lattice="55 0 0 .*", expected a box of whole voxels of 10 nm \(100 Angstrom\)/],
    [[...lines.slice(0, 3), lines[3]!.replace(/ \d+$/, ' 256'), ...lines.slice(4)].join('\n'), 4, /voxel_code 256, expected a voxel code 0-255/],
    [[...lines.slice(0, 3), lines[3]!.replace(/^(\S+) \S+/, '$1 60'), ...lines.slice(4)].join('\n'), 4, /x = 60 Angstrom is not the centre of a voxel of the 3 x 4 x 9 box/],
    [[...lines.slice(0, 3), lines[2]!, ...lines.slice(4)].join('\n'), 4, /a second atom in one voxel/],
  ] as const) {
    const p = join(dir, 'bad.extxyz');
    writeFileSync(p, bad);
    assert.throws(() => readExtxyz(p), (e: unknown) => e instanceof FileError && e.line === line && re.test(e.message), String(re));
  }
});

// extxyz and VTI as ASE and VTK read them: test/outputs-readers.test.ts

// ---------------- CSV ----------------

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { f += '"'; i++; }
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\n') { row.push(f); rows.push(row); row = []; f = ''; }
    else f += c;
  }
  assert.equal(f, '');
  return rows;
}

test('csv: streamed rows, numbers to 12 significant digits, quoting, non-finite values', () => {
  const p = join(dir, 'eta.csv');
  const vals = [0.1 + 0.2, 1e-300, -2.5e21, 1 / 3, 123456789012345, 5e-324];
  function* gen() {
    for (let i = 0; i < 5000; i++) yield [i * 1e-3, vals[i % vals.length]!, i % 7 === 0 ? 'a,"b"' : 'x'];
  }
  const n = writeCsv(p, ['time_s', 'eta_mV', 'label'], gen());
  assert.equal(n, 5000);
  const rows = parseCsv(readFileSync(p, 'utf8'));
  assert.deepEqual(rows[0], ['time_s', 'eta_mV', 'label']);
  assert.equal(rows.length, 5001);
  for (let i = 0; i < 5000; i++) {
    const row = rows[i + 1]!;
    assert.equal(Number(row[0]), +(i * 1e-3).toPrecision(12)); // 0.009, not 0.009000000000000001
    const v = vals[i % vals.length]!;
    assert.ok(Math.abs(Number(row[1]) - v) <= 5e-12 * Math.abs(v), `${row[1]} for ${v}`); // 12 significant digits
    if (!Number.isInteger(v)) assert.ok(row[1]!.replace(/e.*$/, '').replace(/\D/g, '').replace(/^0+/, '').length <= 12, row[1]);
    assert.equal(row[2], i % 7 === 0 ? 'a,"b"' : 'x');
  }
  // not a number, no number: an empty cell (a missing value to Excel, pandas and the cycler reader), never "NaN"/"inf" text
  writeCsv(p, ['a', 'b', 'c', 'd'], [[NaN, Infinity, -Infinity, 0]]);
  assert.equal(readFileSync(p, 'utf8'), 'a,b,c,d\n,,,0\n');
});

test('csv: the package\'s one reader reads back what its writer writes (commas, quotes, line breaks, spaces)', () => {
  const p = join(dir, 'roundtrip.csv');
  const cells = [['plain', 'a,b', 'say "hi"'], ['two\nlines', ' padded ', ''], ['x;y', 'tab\there', '""']];
  writeCsv(p, ['c1', 'c2', 'c3'], cells);
  assert.deepEqual(readCsvText(readFileSync(p, 'utf8')), [['c1', 'c2', 'c3'], ...cells]);
  assert.deepEqual(splitDelimited('1\t"a\tb"\t3', '\t'), ['1', 'a\tb', '3']);
  assert.throws(() => readCsvText('a,b\n"open,1\n'), /unterminated/);
});

test('csv: a short row throws and leaves no file; openCsv appends rows in place', () => {
  const p = join(dir, 'bad.csv');
  assert.throws(() => writeCsv(p, ['a', 'b'], [[1, 2], [3]]), /2 cells|1 cells/);
  assert.equal(existsSync(p), false);
  const q = join(dir, 'live.csv');
  const w = openCsv(q, ['t', 'v']);
  w.row([0, 1.5]);
  w.flush();
  assert.equal(readFileSync(q, 'utf8'), 't,v\n0,1.5\n'); // visible while the run goes on
  w.row(new Float64Array([1, 2.25]));
  w.close();
  assert.equal(readFileSync(q, 'utf8'), 't,v\n0,1.5\n1,2.25\n');
});

// ---------------- JSON ----------------

test('json: pretty, key order as given, typed arrays, NaN -> null', () => {
  const p = join(dir, 'out', 'metrics.json');
  const obj = { z_last: 1, a_first: 0.1 + 0.2, nested: { b: 2, a: 1 }, arr: new Int32Array([3, 1]), bad: NaN, mode: 'atomistic' };
  writeJson(p, obj);
  const text = readFileSync(p, 'utf8');
  assert.ok(text.endsWith('}\n'));
  assert.ok(text.includes('\n  "z_last": 1,\n'));
  const back = JSON.parse(text);
  assert.deepEqual(Object.keys(back), ['z_last', 'a_first', 'nested', 'arr', 'bad', 'mode']);
  assert.deepEqual(Object.keys(back.nested), ['b', 'a']);
  assert.equal(back.a_first, 0.1 + 0.2);
  assert.deepEqual(back.arr, [3, 1]);
  assert.equal(back.bad, null);
  assert.deepEqual(readdirSync(join(dir, 'out')), ['metrics.json']);
});

test('writers report an unwritable path as FileError', () => {
  const file = join(dir, 'plainfile');
  writeFileSync(file, 'x');
  const under = join(file, 'sub', 'm.json'); // a file is in the way of the directory
  assert.throws(() => writeJson(under, {}), (e: unknown) => e instanceof FileError && e.message.includes(under));
  assert.throws(() => writeCsv(under, ['a'], []), FileError);
  assert.throws(() => writeVti(under, randomGrid(2, 2, 2, 1), { metal: 'Li' }), FileError);
  assert.throws(() => writeExtxyz(under, randomGrid(2, 2, 2, 1), { metal: 'Li' }), FileError);
});
