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
import type { Grid } from '../lattice/voxel.js';
import { EMPTY } from '../lattice/voxel.js';
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
