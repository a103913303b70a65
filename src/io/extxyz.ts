/**
 * Extended XYZ writer (the format of ASE's ase.io.extxyz and of OVITO): one atom per solid voxel, and per sealed-electrolyte
 * VOID voxel (code 6, `model: { sealed_pores: void }`: ASE's dummy X with voxel_code 6, the comment line's legend naming it).
 *
 *   line 1: number of atoms
 *   line 2: Lattice="Lx 0 0 0 Ly 0 0 0 Lz" Properties=species:S:1:pos:R:3:voxel_code:I:1 pbc="T T F" metal=Li voxel_nm=0.3 ...
 *   then one line per atom: species x y z type
 *
 * Positions are voxel centres in Angstrom ((i + 0.5) * voxel edge); the box is nx*ny*nz voxels,
 * periodic in x and y. `voxel_code` is the voxel code (1 METAL, 2 DEAD, 8+i host i, 32+i SAC i,
 * ...), so dead metal can be told from live metal although both carry the metal's symbol. The
 * column is deliberately not called `type`: OVITO maps both `type` and `species` columns to its
 * Particle Type property, so a `type` column would clash with the element names. Species follow
 * speciesTable() in ./species.ts. Written in chunks through one file descriptor.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Grid } from '../lattice/voxel.js';
import { EMPTY } from '../lattice/voxel.js';
import { FileError, fsReason } from '../errors.js';
import { voxelNm } from '../metrics/morphology.js';
import { withSink } from './sink.js';
import { speciesTable, type FieldValue, type StructureMeta } from './species.js';
import { codeLegend } from '../lattice/species.js';

export interface ExtxyzOptions {
  /** which voxel codes become atoms; default every code except EMPTY */
  include?: (code: number) => boolean;
}

const num = (v: number): string => String(Number(v.toPrecision(12)));

/** key=value of the comment line; a quantity's whole number gets a decimal point ("0.0"), which ASE reads as a float (mends103) */
function kv(key: string, v: FieldValue, quantity = false): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`extxyz: metadata key ${JSON.stringify(key)} must be letters, digits, _`);
  if (typeof v === 'boolean') return `${key}=${v ? 'T' : 'F'}`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return `${key}=${Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf'}`;
    const t = String(v);
    return `${key}=${quantity && /^-?\d+$/.test(t) ? `${t}.0` : t}`;
  }
  // "T", "F", true/false are quoted for readers that keep quoted values as text (the extxyz spec); ASE
  // 3.22 types a value by its look whether quoted or not ("T" -> True, "12" -> 12, "1 2" -> an array)
  if (/^[A-Za-z_][A-Za-z0-9_.\-+]*$/.test(v) && !/^[TF]$/.test(v) && !/^(true|false)$/i.test(v)) return `${key}=${v}`;
  return `${key}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/**
 * The comment (second) line of the file, for a grid and its metadata. Keys of meta.fields that repeat
 * a built-in one (Lattice, Properties, pbc, metal, voxel_nm, mode, voxel_codes; any case) are skipped,
 * and so are empty texts (ASE 3.22 misreads key="").
 */
export function extxyzComment(grid: Grid, meta: StructureMeta): string {
  const aA = voxelNm(grid) * 10;
  const L = (n: number): string => num(n * aA);
  const parts = [
    `Lattice="${L(grid.nx)} 0 0 0 ${L(grid.ny)} 0 0 0 ${L(grid.nz)}"`,
    'Properties=species:S:1:pos:R:3:voxel_code:I:1',
    'pbc="T T F"',
    kv('metal', meta.metal),
    kv('voxel_nm', voxelNm(grid), true),
  ];
  if (meta.mode !== undefined) parts.push(kv('mode', meta.mode));
  // what each voxel_code means (dead metal and SEI carry element symbols of their own or the metal's)
  parts.push(kv('voxel_codes', codeLegend()));
  const reserved = new Set(['lattice', 'properties', 'pbc', 'metal', 'voxel_nm', 'mode', 'voxel_codes']);
  for (const [k, v] of Object.entries(meta.fields ?? {})) {
    if (reserved.has(k.toLowerCase())) continue; // built-in keys (from the grid and meta) win
    // an empty text is left out: ASE 3.22 reads `a="" b=1` as a = "b=1", so the key after it was lost
    // (test/outputs-readers.test.ts); the .vti keeps the empty text
    if (v === '') continue;
    parts.push(kv(k, v, meta.quantities?.includes(k) ?? false));
  }
  return parts.join(' ');
}

/** Writes the solid voxels of `grid` as an extended XYZ file. Returns the number of atoms written. */
export function writeExtxyz(path: string, grid: Grid, meta: StructureMeta, opts: ExtxyzOptions = {}): number {
  const { nx, ny, nz, cells } = grid;
  if (cells.length !== nx * ny * nz) throw new Error(`writeExtxyz: cells has ${cells.length} entries, nx*ny*nz = ${nx * ny * nz}`);
  const include = opts.include ?? ((c: number) => c !== EMPTY);
  const keep = new Uint8Array(256);
  for (let c = 0; c < 256; c++) keep[c] = c !== EMPTY && include(c) ? 1 : 0;
  const sp = speciesTable(meta);
  const head = new Array<string>(256);
  const tail = new Array<string>(256);
  for (let c = 0; c < 256; c++) {
    head[c] = sp[c]!;
    tail[c] = ` ${c}\n`;
  }
  let count = 0;
  for (let i = 0; i < cells.length; i++) count += keep[cells[i]!]!;
  const aA = voxelNm(grid) * 10;
  const coord = (n: number): string[] => Array.from({ length: n }, (_, i) => ' ' + num((i + 0.5) * aA));
  const xs = coord(nx);
  const ys = coord(ny);
  const zs = coord(nz);
  const comment = extxyzComment(grid, meta);
  withSink(path, (s) => {
    s.text(`${count}\n${comment}\n`);
    let i = 0;
    for (let z = 0; z < nz; z++) {
      const zt = zs[z]!;
      for (let y = 0; y < ny; y++) {
        const yz = ys[y]! + zt;
        let line = '';
        for (let x = 0; x < nx; x++, i++) {
          const c = cells[i]!;
          if (keep[c]) line += head[c]! + xs[x]! + yz + tail[c]!;
        }
        if (line.length) s.text(line);
      }
    }
  });
  return count;
}

// ---------------- reader (web64b) ----------------

/** the Properties writeExtxyz writes; a file with others is not one of ours */
const PROPERTIES = 'species:S:1:pos:R:3:voxel_code:I:1';
/** the comment line's keys that say the box and the columns, not metadata */
const STRUCTURAL = new Set(['Lattice', 'Properties', 'pbc']);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * A comment line's key=value pairs as writeExtxyz writes them (kv): a quoted value is text (its \\ escapes undone), an
 * unquoted T or F a flag, an unquoted number (or nan, inf, -inf) a number, anything else text. So a file's metadata
 * reads back as it was given, but for the texts the writer leaves out (empty ones) or changes (a line break becomes a
 * space), and an unquoted text that reads as a number or a flag (the writer quotes T, F, true and false; "nan" or "inf"
 * given as a text come back as numbers).
 */
function commentPairs(line: string, path: string): Map<string, { v: string; quoted: boolean }> {
  const out = new Map<string, { v: string; quoted: boolean }>();
  const re = /([A-Za-z_][A-Za-z0-9_]*)=(?:"((?:[^"\\]|\\.)*)"|(\S+))/gy;
  let pos = 0;
  for (;;) {
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
    if (pos >= line.length) return out;
    re.lastIndex = pos;
    const m = re.exec(line);
    if (!m) throw new FileError(path, `the comment line is not key=value pairs from character ${pos + 1} ("${line.slice(pos, pos + 40)}")`, 2);
    out.set(m[1]!, m[2] !== undefined ? { v: m[2].replace(/\\(.)/g, '$1'), quoted: true } : { v: m[3]!, quoted: false });
    pos = re.lastIndex;
  }
}

function fieldOf(p: { v: string; quoted: boolean }): FieldValue {
  if (p.quoted) return p.v;
  if (p.v === 'T' || p.v === 'F') return p.v === 'T';
  if (p.v === 'nan') return NaN;
  if (p.v === 'inf' || p.v === '-inf') return p.v === 'inf' ? Infinity : -Infinity;
  return NUMBER.test(p.v) ? Number(p.v) : p.v;
}

/** What the first two lines of an extended XYZ file writeExtxyz wrote say: its atoms, its box and its metadata. */
export interface ExtxyzHead {
  /** the atom count (line 1) */
  atoms: number;
  /** voxels along x, y and z: the Lattice's diagonal over the voxel edge */
  dims: [number, number, number];
  /** voxel edge, nm */
  voxel_nm: number;
  /** the comment line's metadata (metal, voxel_nm, mode, voxel_codes and the run's fields), as readVtiHead gives a .vti's FieldData */
  fields: Record<string, FieldValue>;
  /** the characters of the two lines with their line ends: where the atoms start */
  headChars: number;
}

function parseHead(text: string, path: string): ExtxyzHead {
  const e1 = text.indexOf('\n');
  const e2 = e1 < 0 ? -1 : text.indexOf('\n', e1 + 1);
  if (e2 < 0) throw new FileError(path, 'ends before its comment line (line 2): not an extended XYZ file');
  const countText = text.slice(0, e1).trim();
  if (!/^\d{1,10}$/.test(countText)) throw new FileError(path, `line 1 is "${countText.slice(0, 40)}", expected the atom count (a whole number)`, 1);
  const pairs = commentPairs(text.slice(e1 + 1, e2), path);
  const props = pairs.get('Properties')?.v;
  if (props !== PROPERTIES) throw new FileError(path, `Properties=${props ?? '(none)'}, expected ${PROPERTIES} (the columns sacplate writes)`, 2);
  const vnm = pairs.get('voxel_nm');
  const voxel_nm = vnm ? Number(vnm.v) : NaN;
  if (!(voxel_nm > 0) || !Number.isFinite(voxel_nm)) throw new FileError(path, `voxel_nm=${vnm?.v ?? '(none)'}, expected the voxel edge in nm (a number > 0)`, 2);
  const lat = (pairs.get('Lattice')?.v ?? '').trim().split(/\s+/).map(Number);
  const aA = voxel_nm * 10;
  const diag = [lat[0], lat[4], lat[8]].map((L) => (L === undefined ? NaN : L / aA));
  const offDiag = [1, 2, 3, 5, 6, 7].some((k) => lat[k] !== 0);
  if (lat.length !== 9 || offDiag || diag.some((n) => !(Math.round(n) >= 1) || Math.abs(n - Math.round(n)) > 1e-6 * n)) {
    throw new FileError(path, `Lattice="${pairs.get('Lattice')?.v ?? ''}", expected a box of whole voxels of ${voxel_nm} nm (${aA} Angstrom) along x, y and z, zero off its diagonal`, 2);
  }
  const fields: Record<string, FieldValue> = {};
  for (const [k, p] of pairs) if (!STRUCTURAL.has(k)) fields[k] = fieldOf(p);
  return { atoms: Number(countText), dims: diag.map(Math.round) as [number, number, number], voxel_nm, fields, headChars: e2 + 1 };
}

/**
 * An extended XYZ file's atom count, box and metadata from its first two lines alone (read in 64 KiB pieces up to the
 * second line end): what readVtiHead gives of a .vti. A FileError naming the line for a file writeExtxyz did not write.
 */
export function readExtxyzHead(path: string): ExtxyzHead {
  let fd: number;
  try { fd = openSync(path, 'r'); } catch (e) { throw new FileError(path, `cannot read: ${fsReason(e)}`); }
  try {
    const pieces: Buffer[] = [];
    for (let pos = 0, lines = 0; ; ) {
      const buf = Buffer.alloc(65536);
      const n = readSync(fd, buf, 0, buf.length, pos);
      pieces.push(buf.subarray(0, n));
      pos += n;
      for (let i = 0; i < n; i++) if (buf[i] === 0x0a) lines++;
      if (lines >= 2 || n === 0) return parseHead(Buffer.concat(pieces).toString('utf8'), path);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an extended XYZ file writeExtxyz wrote back into a Grid and its metadata: each atom's voxel from its position
 * (voxel centres, Angstrom) and its code from `voxel_code`; the voxels no atom stands in are EMPTY (the writer leaves
 * them out). A FileError naming the line for a file that is not one of ours: other columns, an atom outside the box or
 * off a voxel's centre, two atoms in one voxel, a count that is not the atoms' lines.
 */
export function readExtxyz(path: string): { grid: Grid; fields: Record<string, FieldValue> } {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new FileError(path, `cannot read: ${fsReason(e)}`); }
  const head = parseHead(text, path);
  const [nx, ny, nz] = head.dims;
  const cells = new Uint8Array(nx * ny * nz);
  const seen = new Uint8Array(nx * ny * nz);
  const aA = head.voxel_nm * 10;
  const at = (t: string | undefined, n: number, line: number, axis: string): number => {
    const u = Number(t) / aA - 0.5, i = Math.round(u);
    if (!(i >= 0 && i < n) || Math.abs(u - i) > 1e-3) throw new FileError(path, `${axis} = ${t ?? '(none)'} Angstrom is not the centre of a voxel of the ${nx} x ${ny} x ${nz} box (${aA} Angstrom voxels)`, line);
    return i;
  };
  let atoms = 0, pos = head.headChars, line = 2;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    line++;
    const l = text.slice(pos, end);
    pos = end + 1;
    if (l.trim() === '') continue;
    const f = l.trim().split(/\s+/);
    if (f.length !== 5) throw new FileError(path, `"${l.slice(0, 60)}" has ${f.length} columns, expected 5 (species x y z voxel_code)`, line);
    const code = Number(f[4]);
    if (!Number.isInteger(code) || code < 0 || code > 255) throw new FileError(path, `voxel_code ${f[4]}, expected a voxel code 0-255`, line);
    const k = at(f[1], nx, line, 'x') + nx * (at(f[2], ny, line, 'y') + ny * at(f[3], nz, line, 'z'));
    if (seen[k]) throw new FileError(path, 'a second atom in one voxel', line);
    seen[k] = 1;
    cells[k] = code;
    atoms++;
  }
  if (atoms !== head.atoms) throw new FileError(path, `line 1 says ${head.atoms} atoms, the file has ${atoms}`, 1);
  return { grid: { nx, ny, nz, cells, voxel_m: head.voxel_nm * 1e-9 }, fields: head.fields };
}
