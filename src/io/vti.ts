/**
 * VTK XML ImageData (.vti) writer and reader for voxel grids; the file opens in ParaView.
 *
 * Layout: one CellData array "voxel" (UInt8, the voxel codes of src/lattice/voxel.ts), x fastest
 * then y then z, exactly the order of Grid.cells; Spacing = voxel edge in nm, Origin 0 0 0,
 * WholeExtent 0 nx 0 ny 0 nz (points). The bytes go in an appended raw block (header_type UInt64,
 * little endian), written straight from the grid in chunks, so a 1e8-voxel grid is written without
 * building a large string or copy. FieldData holds the metadata: metal, voxel_nm, mode, a legend of
 * the voxel codes, and meta.fields (strings as VTK string arrays, numbers as Float64 or Int64,
 * booleans as UInt8; NaN and +-Infinity as one binary (base64) Float64, since VTK 9.1's ASCII
 * parser reads "-inf" as +inf).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Grid } from '../lattice/voxel.js';
import { codeLegend, SPECIES } from '../lattice/species.js';
import { FileError, fsReason } from '../errors.js';
import { voxelNm } from '../metrics/morphology.js';
import { withSink } from './sink.js';
import type { FieldValue, StructureMeta } from './species.js';

/** legend of the voxel codes, from the species registry */
export const VOXEL_CODE_LEGEND = codeLegend();

/** the file name of a run's ParaView colour preset, written beside its final.vti (speciesColorPreset) */
export const SPECIES_PRESET_FILE = 'species-colors.json';

/** One ParaView colour preset (the JSON form ParaView's Color Map Editor > Choose Preset > Import reads). */
export interface ParaViewPreset {
  Name: string;
  /** show only the values present in the data in the legend */
  ShowIndexedColorActiveValues: 1;
  /** r, g, b (0-1) of each annotated value, in the order of Annotations */
  IndexedColors: number[];
  /** value, label, value, label, ...: the voxel codes and what they are */
  Annotations: (number | string)[];
}

/**
 * r g b (0-1) of the i-th code of a species' range (mends103): the registry's colour for i = 0 (the figures' and the 3D
 * view's), then lighter (odd i) and darker (even i) in steps of 5 % towards white or black, so host type 1 and SAC type
 * 1, 2, ... get colours of their own in ParaView (the preset gave every code of a range one colour until mends103)
 */
function shade(hex: string, i: number): number[] {
  const t = 0.05 * Math.ceil(i / 2), toward = i % 2 === 1 ? 1 : 0;
  return [1, 3, 5].map((k) => {
    const c = parseInt(hex.slice(k, k + 2), 16) / 255;
    return Math.round(255 * (c + (toward - c) * t)) / 255;
  });
}

/**
 * A categorical ParaView colour preset for the `voxel` array of a run's VTI files (mends100; review79: ParaView
 * coloured the codes as a continuous 0-255 scale): one annotation per voxel code the run can hold, each with its
 * species' label (src/lattice/species.ts, the VTI's `voxel_codes` legend) and its colour in the figures. The codes
 * of one label that stand for several (host i at 8 + i, SAC type i at 32 + i) get one entry per host and SAC of the
 * run, named after it ("SAC type 0 (Zn-N4)"). The form is that of ParaView's own categorical presets (its
 * ColorMaps.json, e.g. BlueObeliskElements): a list of objects with Name, IndexedColors (r g b per value, 0-1) and
 * Annotations (value, label pairs). Apply it with "Interpret Values As Categories" (docs/figures.md). Every code has a
 * colour of its own (mends103: both SEI codes had the figures' one green, every host type one grey, every SAC type one
 * yellow): each species' registry colour, shaded per code of a range (shade()).
 */
export function speciesColorPreset(o: { hosts: readonly string[]; sacs: readonly string[] }): ParaViewPreset[] {
  const IndexedColors: number[] = [], Annotations: (number | string)[] = [];
  for (const sp of SPECIES) {
    const names = sp.role === 'host' ? o.hosts : sp.role === 'sac' ? o.sacs : [''];
    names.slice(0, sp.count).forEach((name, i) => {
      Annotations.push(sp.code + i, sp.count > 1 ? `${sp.label} ${i} (${name})` : sp.label);
      IndexedColors.push(...shade(sp.colour, i).map((c) => Number(c.toFixed(4))));
    });
  }
  return [{ Name: 'voxel species (sacplate)', ShowIndexedColorActiveValues: 1, IndexedColors, Annotations }];
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function fieldArray(name: string, v: FieldValue, quantity = false): string {
  const n = xmlEscape(name);
  if (typeof v === 'string') {
    const bytes = Buffer.from(v, 'utf8');
    const codes = Array.from(bytes, (b) => String(b));
    codes.push('0');
    return `      <Array type="String" Name="${n}" NumberOfTuples="1" format="ascii">\n        ${codes.join(' ')}\n      </Array>\n`;
  }
  if (typeof v === 'boolean') {
    const b = v ? 1 : 0;
    return `      <DataArray type="UInt8" Name="${n}" NumberOfTuples="1" format="ascii" RangeMin="${b}" RangeMax="${b}">\n        ${b}\n      </DataArray>\n`;
  }
  if (!Number.isFinite(v)) {
    // NaN and +-Infinity go as raw bytes (base64 of the UInt64 byte count and the Float64): VTK 9.1's
    // ASCII parser reads "-inf" as +inf (test/outputs-readers.test.ts reads these with VTK itself)
    const b = Buffer.alloc(16);
    b.writeBigUInt64LE(8n, 0);
    b.writeDoubleLE(v, 8);
    return `      <DataArray type="Float64" Name="${n}" NumberOfTuples="1" format="binary">\n        ${b.toString('base64')}\n      </DataArray>\n`;
  }
  const type = !quantity && Number.isSafeInteger(v) ? 'Int64' : 'Float64';
  const s = String(v);
  return `      <DataArray type="${type}" Name="${n}" NumberOfTuples="1" format="ascii" RangeMin="${s}" RangeMax="${s}">\n        ${s}\n      </DataArray>\n`;
}

/**
 * Writes `grid` as a .vti file. A key of meta.fields that repeats a built-in one (metal, voxel_nm,
 * mode, voxel_codes) is skipped: the value derived from the grid and meta is written. voxel_nm and the keys of
 * meta.quantities are Float64 even when whole; another whole number is Int64 (mends103).
 */
export function writeVti(path: string, grid: Grid, meta: StructureMeta): void {
  const { nx, ny, nz, cells } = grid;
  if (cells.length !== nx * ny * nz) throw new Error(`writeVti: cells has ${cells.length} entries, nx*ny*nz = ${nx * ny * nz}`);
  const vnm = voxelNm(grid);
  const fields: [string, FieldValue][] = [['metal', meta.metal], ['voxel_nm', vnm]];
  if (meta.mode !== undefined) fields.push(['mode', meta.mode]);
  fields.push(['voxel_codes', VOXEL_CODE_LEGEND]);
  for (const [k, v] of Object.entries(meta.fields ?? {})) {
    if (fields.some(([f]) => f === k)) continue; // built-in keys (from the grid and meta) win
    fields.push([k, v]);
  }
  let min = 255;
  let max = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c < min) min = c;
    if (c > max) max = c;
  }
  if (cells.length === 0) min = 0;
  const ext = `0 ${nx} 0 ${ny} 0 ${nz}`;
  const head =
    `<?xml version="1.0"?>\n` +
    `<VTKFile type="ImageData" version="1.0" byte_order="LittleEndian" header_type="UInt64">\n` +
    `  <ImageData WholeExtent="${ext}" Origin="0 0 0" Spacing="${vnm} ${vnm} ${vnm}" Direction="1 0 0 0 1 0 0 0 1">\n` +
    `    <FieldData>\n` +
    fields.map(([k, v]) => fieldArray(k, v, k === 'voxel_nm' || (meta.quantities?.includes(k) ?? false))).join('') +
    `    </FieldData>\n` +
    `    <Piece Extent="${ext}">\n` +
    `      <PointData>\n      </PointData>\n` +
    `      <CellData Scalars="voxel">\n` +
    `        <DataArray type="UInt8" Name="voxel" format="appended" RangeMin="${min}" RangeMax="${max}" offset="0"/>\n` +
    `      </CellData>\n` +
    `    </Piece>\n` +
    `  </ImageData>\n` +
    `  <AppendedData encoding="raw">\n   _`;
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(cells.length));
  withSink(path, (s) => {
    s.text(head);
    s.bytes(len);
    s.bytes(cells);
    s.text(`\n  </AppendedData>\n</VTKFile>\n`);
  });
}

export interface VtiContents {
  grid: Grid;
  fields: Record<string, FieldValue>;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
}

const unescape = (s: string): string =>
  s.replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');

/** The voxels along x, y, z and the spacing (nm) of a .vti header's <ImageData> element (a FileError naming the line where bad). */
function imageOf(head: string, path: string): { nx: number; ny: number; nz: number; spacing_nm: number } {
  const lineOf = (pos: number): number => head.slice(0, pos).split('\n').length;
  const img = /<ImageData[^>]*>/.exec(head);
  if (!img) throw new FileError(path, 'no <ImageData> element');
  const ext = (attr(img[0], 'WholeExtent') ?? '').trim().split(/\s+/).map(Number);
  const sp = (attr(img[0], 'Spacing') ?? '').trim().split(/\s+/).map(Number);
  if (ext.length !== 6 || ext.some((v) => !Number.isInteger(v))) throw new FileError(path, 'bad WholeExtent', lineOf(img.index));
  const [a0, a1, a2, a3, a4, a5] = ext as [number, number, number, number, number, number];
  const spacing_nm = sp[0]!;
  if (sp.length !== 3 || !(spacing_nm > 0)) throw new FileError(path, 'bad Spacing', lineOf(img.index));
  return { nx: a1 - a0, ny: a3 - a2, nz: a5 - a4, spacing_nm };
}

/**
 * Reads a .vti file written by writeVti (appended raw UInt8 "voxel" cell data, UInt64 headers)
 * back into a Grid (voxel_m from the spacing) and its FieldData. Other .vti layouts give a FileError.
 */
export function readVti(path: string): VtiContents {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new FileError(path, `cannot read: ${fsReason(e)}`);
  }
  const marker = Buffer.from('<AppendedData encoding="raw">');
  const at = buf.indexOf(marker);
  if (at < 0) throw new FileError(path, 'no <AppendedData encoding="raw"> block (not written by sacplate?)');
  const head = buf.subarray(0, at).toString('utf8');
  const lineOf = (pos: number): number => head.slice(0, pos).split('\n').length;
  const vtk = /<VTKFile[^>]*>/.exec(head);
  if (!vtk || attr(vtk[0], 'type') !== 'ImageData') throw new FileError(path, 'not a VTK ImageData file');
  if (attr(vtk[0], 'header_type') !== 'UInt64' || attr(vtk[0], 'byte_order') !== 'LittleEndian') {
    throw new FileError(path, 'expected header_type="UInt64" byte_order="LittleEndian"', lineOf(vtk.index));
  }
  const { nx, ny, nz, spacing_nm } = imageOf(head, path);
  const da = /<DataArray[^>]*Name="voxel"[^>]*>/.exec(head);
  if (!da || attr(da[0], 'type') !== 'UInt8' || attr(da[0], 'format') !== 'appended') {
    throw new FileError(path, 'no appended UInt8 cell array "voxel"');
  }
  const offset = Number(attr(da[0], 'offset') ?? 'NaN');
  const us = buf.indexOf(0x5f /* _ */, at + marker.length);
  if (us < 0 || !Number.isInteger(offset)) throw new FileError(path, 'bad appended data offset');
  const start = us + 1 + offset;
  if (start + 8 > buf.length) throw new FileError(path, 'file ends inside the appended data header');
  const n = Number(buf.readBigUInt64LE(start));
  if (n !== nx * ny * nz) throw new FileError(path, `appended block holds ${n} bytes, extent needs ${nx * ny * nz}`);
  if (start + 8 + n > buf.length) throw new FileError(path, 'file ends inside the voxel data (truncated)');
  const cells = new Uint8Array(n);
  cells.set(buf.subarray(start + 8, start + 8 + n));
  return { grid: { nx, ny, nz, cells, voxel_m: spacing_nm * 1e-9 }, fields: fieldDataOf(head) };
}

/** The FieldData of a .vti header (the XML before the appended block): names to strings, flags and numbers. */
function fieldDataOf(head: string): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  const fd = /<FieldData>([\s\S]*?)<\/FieldData>/.exec(head);
  if (fd) {
    const re = /<(DataArray|Array)([^>]*)>([\s\S]*?)<\/\1>/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(fd[1]!))) {
      const attrs = m[2]!;
      const name = unescape(attr(attrs, 'Name') ?? '');
      const type = attr(attrs, 'type');
      const body = m[3]!.trim();
      if (type === 'String') {
        const bytes = body.split(/\s+/).map(Number);
        const end = bytes.indexOf(0);
        fields[name] = Buffer.from(bytes.slice(0, end < 0 ? bytes.length : end)).toString('utf8');
      } else if (type === 'UInt8' && body.split(/\s+/).length === 1 && (body === '0' || body === '1')) {
        fields[name] = body === '1';
      } else if (attr(attrs, 'format') === 'binary') {
        // one Float64 after its UInt64 byte count, base64 (how writeVti writes NaN and +-Infinity)
        const b = Buffer.from(body, 'base64');
        fields[name] = b.length >= 16 ? b.readDoubleLE(8) : NaN;
      } else {
        // 'nan', 'inf', '-inf': as files written before the non-finite values went binary
        const v = body === 'nan' ? NaN : body === 'inf' ? Infinity : body === '-inf' ? -Infinity : Number(body);
        fields[name] = v;
      }
    }
  }
  return fields;
}

/**
 * The FieldData of a .vti file written by writeVti (time_s, charge, seed ...) without reading its
 * voxel block: the header is read in 64 KiB pieces up to the appended data. For listing many
 * snapshots (the .pvd time series) where readVti would read every voxel.
 */
export function readVtiFields(path: string): Record<string, FieldValue> {
  return fieldDataOf(vtiHeadText(path));
}

/**
 * A .vti file's FieldData and its box (voxels along x, y, z; voxel edge, nm) from its header alone, as readVtiFields
 * reads it: what a grid holds before its voxels are read (the workbench refuses one over its 3D view's limit).
 */
export function readVtiHead(path: string): { fields: Record<string, FieldValue>; dims: [number, number, number]; voxel_nm: number } {
  const head = vtiHeadText(path);
  const { nx, ny, nz, spacing_nm } = imageOf(head, path);
  return { fields: fieldDataOf(head), dims: [nx, ny, nz], voxel_nm: spacing_nm };
}

/** The text of a .vti file before its appended block, read in 64 KiB pieces (the whole file where it has none). */
function vtiHeadText(path: string): string {
  let fd: number;
  try { fd = openSync(path, 'r'); } catch (e) { throw new FileError(path, `cannot read: ${fsReason(e)}`); }
  try {
    const pieces: Buffer[] = [];
    const marker = Buffer.from('<AppendedData');
    for (let pos = 0; ; ) {
      const buf = Buffer.alloc(65536);
      const n = readSync(fd, buf, 0, buf.length, pos);
      pieces.push(buf.subarray(0, n));
      pos += n;
      const all = Buffer.concat(pieces);
      const at = all.indexOf(marker);
      if (at >= 0 || n === 0) return all.subarray(0, at >= 0 ? at : all.length).toString('utf8');
    }
  } finally {
    closeSync(fd);
  }
}
