/**
 * params67: the run-time data the package reads (data/: element abundance, price, HHI, capacities, toxicity, the
 * stability table ... what `screen` and `elements` score) against their sources.
 *
 * - data/elements/*.csv are copies of the project's shared folder (../shared/data/elements, or SACPLATE_SHARED): every
 *   cell of every row is compared with the shared file's, and every value the package's loaders give for the columns
 *   `screen` reads (abundance_crust, price_per_kg, HHI_production, HHI_reserve, atomic_weight, density; alkali
 *   atomic_weight, theoretical_capacity_mAh_g, density_g_cm3_mendeleev) is compared with the value read from the shared
 *   file here, by a parser of this test's own. The element folder is elementsDir() (SACPLATE_ELEMENTS moves it: how
 *   the test was seen failing, on a scratch copy with one price altered). Skipped, saying so, when the shared folder is
 *   absent (the package runs without it; CI has it).
 * - the derived values are recomputed from what they are derived from: the alkali capacities F / (3.6 M) and their
 *   volumetric capacities, the toxicity table's ZnO mass fraction (from elements.csv), the stability table's cohesive
 *   energies in eV against its kJ/mol column, and each exposure limit against the source's words quoted beside it.
 * - every file under data/ is named in data/SOURCES.md with a source and a licence; the elements files' source and
 *   licence are the shared SOURCES.md's words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { elementsDir, packageRoot, sharedDir } from '../src/evidence/paths.js';
import { loadAlkali, loadElements } from '../src/evidence/elements.js';
import { parseDataFileText } from '../src/evidence/records.js';

const SHARED = join(sharedDir(), 'data', 'elements');
const HAVE_SHARED = existsSync(join(SHARED, 'elements.csv'));
const NO_SHARED = HAVE_SHARED ? false : `the shared folder (${SHARED}) is absent: the package runs without it; CI has it`;
const DATA = join(packageRoot(), 'data');
const F = 96485.33212; // C/mol (CODATA 2018, exact e x N_A)

/** A CSV file as rows of cells (RFC 4180 quotes), comment lines ("#..." or "\"#...") dropped, the header's "#" kept off. */
function csv(file: string): { header: string[]; rows: string[][] } {
  const split = (line: string) => {
    const out: string[] = [];
    let cur = '', q = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (q) { if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') q = false; else cur += c; } else if (c === '"') q = true; else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
    }
    out.push(cur);
    return out;
  };
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('"#'));
  const headAt = lines.findIndex((l) => !l.startsWith('#') || /^#[a-z_]+,/.test(l));
  const header = split(lines[headAt]!.replace(/^#/, ''));
  return { header, rows: lines.slice(headAt + 1).filter((l) => !l.startsWith('#')).map(split) };
}
const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));

test('data/elements: every cell of every file equals the shared folder\'s (../shared/data/elements)', { skip: NO_SHARED }, () => {
  let cells = 0;
  for (const f of ['elements.csv', 'hhi.csv', 'alkali_metals.csv']) {
    const ours = csv(join(elementsDir(), f)), theirs = csv(join(SHARED, f));
    assert.deepEqual(ours.header, theirs.header, `${f}: columns`);
    assert.equal(ours.rows.length, theirs.rows.length, `${f}: rows`);
    const key = theirs.header.indexOf('symbol') >= 0 ? theirs.header.indexOf('symbol') : 0;
    theirs.rows.forEach((row, i) => row.forEach((cell, j) => {
      cells++;
      const mine = ours.rows[i]![j];
      // numbers compared as numbers ("1400.0" and "1400" are one value), the rest as text
      const same = mine === cell || (num(mine) !== undefined && Number.isFinite(num(mine)) && num(mine) === num(cell));
      assert.ok(same, `${f}: row ${row[key]} ${theirs.header[j]}: data/elements has ${JSON.stringify(mine)}, the shared file ${JSON.stringify(cell)}`);
    }));
  }
  assert.ok(cells > 1800, `only ${cells} cells`);
});

test('data/elements: every value the screen reads, as the package\'s loaders give it, is the shared file\'s', { skip: NO_SHARED }, () => {
  const el = csv(join(SHARED, 'elements.csv')), hhi = csv(join(SHARED, 'hhi.csv')), alk = csv(join(SHARED, 'alkali_metals.csv'));
  const col = (t: { header: string[] }, name: string) => { const i = t.header.indexOf(name); assert.ok(i >= 0, `no column ${name}`); return i; };
  const loaded = loadElements(elementsDir());
  let n = 0;
  const same = (what: string, got: number | undefined, want: number | undefined) => { n++; assert.equal(got, want, what); };
  for (const r of el.rows) {
    const sym = r[col(el, 'symbol')]!;
    const e = loaded.get(sym);
    assert.ok(e, `${sym}: not loaded`);
    same(`${sym} atomic_weight`, e.atomicWeight, num(r[col(el, 'atomic_weight')]));
    same(`${sym} abundance_crust (mg/kg)`, e.abundance_mg_per_kg, num(r[col(el, 'abundance_crust')]));
    same(`${sym} price_per_kg (USD/kg)`, e.price_usd_per_kg, num(r[col(el, 'price_per_kg')]));
    same(`${sym} density (g/cm3)`, e.density_g_cm3, num(r[col(el, 'density')]));
    // hhi.csv lists Bi twice with the same values (shared SOURCES.md): the first row is the one read
    const h = hhi.rows.find((x) => x[0] === sym);
    same(`${sym} HHI_production`, e.hhiProduction, num(h?.[col(hhi, 'HHI_production')]));
    same(`${sym} HHI_reserve`, e.hhiReserve, num(h?.[col(hhi, 'HHI_reserve')]));
  }
  assert.equal(loaded.size, el.rows.length);
  const a = loadAlkali(elementsDir());
  for (const r of alk.rows) {
    const sym = r[0]!, x = a.get(sym);
    assert.ok(x, `${sym}: not loaded`);
    same(`${sym} atomic_weight`, x.atomicWeight, num(r[col(alk, 'atomic_weight')]));
    same(`${sym} theoretical_capacity_mAh_g`, x.theoreticalCapacity_mAh_g, num(r[col(alk, 'theoretical_capacity_mAh_g')]));
    same(`${sym} density_g_cm3_mendeleev`, x.density_g_cm3, num(r[col(alk, 'density_g_cm3_mendeleev')]));
  }
  assert.ok(n > 700, `only ${n} values`);
});

test('derived data values follow from what they are derived from, as data/SOURCES.md states', () => {
  // alkali capacities: F / (3.6 M) in mAh/g, to the 0.1 printed; volumetric = that x density (g/cm3), to the 1 printed
  const alk = csv(join(elementsDir(), 'alkali_metals.csv'));
  const i = (n: string) => alk.header.indexOf(n);
  for (const r of alk.rows) {
    const M = Number(r[i('atomic_weight')]), cap = Number(r[i('theoretical_capacity_mAh_g')]);
    assert.ok(Math.abs(F / (3.6 * M) - cap) <= 0.05 + 1e-9, `${r[0]}: capacity ${cap} mAh/g, F / (3.6 M) = ${(F / (3.6 * M)).toFixed(2)}`);
    const vol = Number(r[i('volumetric_capacity_mAh_cm3')]), rho = Number(r[i('density_g_cm3_mendeleev')]);
    assert.ok(Math.abs(cap * rho - vol) <= 0.5, `${r[0]}: volumetric ${vol} mAh/cm3, capacity x density = ${(cap * rho).toFixed(1)}`);
  }
  // the stability table: Kittel's eV and kJ/mol columns, 1 eV/atom = 96.485 kJ/mol, agree to the kJ/mol printed
  const st = csv(join(DATA, 'stability', 'metals.csv'));
  const j = (n: string) => st.header.indexOf(n);
  assert.ok(st.rows.length >= 10);
  for (const r of st.rows) {
    const ev = Number(r[j('cohesive_energy_eV')]), kj = Number(r[j('cohesive_energy_kJ_per_mol')]);
    assert.ok(Math.abs(ev * F / 1000 - kj) <= 1, `${r[0]}: ${ev} eV = ${(ev * F / 1000).toFixed(1)} kJ/mol, the table ${kj}`);
    const reaction = r[j('dissolution_reaction')]!, n = Number(r[j('dissolution_n')]);
    assert.match(reaction, new RegExp(`^${r[0]}${n === 1 ? '' : n}\\+ \\+ ${n === 1 ? '' : n}e- -> ${r[0]}$`), `${r[0]}: reaction ${reaction} with n ${n}`);
  }
  // the toxicity table: each limit is printed in the source's words quoted beside it; ZnO's mass fraction from elements.csv
  const toxFile = join(DATA, 'toxicity', 'toxicity.yaml');
  const tox = parseDataFileText(readFileSync(toxFile, 'utf8'), toxFile) as { elements: Record<string, { oel?: { value: number; quote: string; measured_as?: string; element_mass_fraction?: number } }> };
  const weights = new Map(csv(join(elementsDir(), 'elements.csv')).rows.map((r) => [r[1]!, Number(r[3])]));
  let oels = 0;
  for (const [sym, t] of Object.entries(tox.elements)) {
    if (!t.oel) continue;
    oels++;
    const v = String(t.oel.value).replace('.', '\\.');
    assert.match(t.oel.quote, new RegExp(`(^|[^\\d.])${v} ?mg/m3`), `${sym}: limit ${t.oel.value} mg/m3 is not in the quoted words "${t.oel.quote}"`);
    if (t.oel.measured_as !== undefined) {
      const parts = [...t.oel.measured_as.matchAll(/([A-Z][a-z]?)(\d*)/g)];
      const mass = parts.reduce((s, p) => s + weights.get(p[1]!)! * Number(p[2] || 1), 0);
      const frac = weights.get(sym)! / mass;
      assert.ok(Math.abs(frac - t.oel.element_mass_fraction!) <= 5e-5, `${sym}: mass fraction in ${t.oel.measured_as} ${t.oel.element_mass_fraction}, elements.csv gives ${frac.toFixed(5)}`);
    }
  }
  assert.ok(oels >= 6, `only ${oels} exposure limits`);
});

/** The rows of data/SOURCES.md's table: file (or a glob such as literature/*.yaml), what, source, licence. */
function sourceRows(file: string): { file: string; source: string; licence: string }[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter((l) => l.startsWith('|'));
  const head = lines[0]!.split('|').map((c) => c.trim().toLowerCase());
  const at = (name: string) => head.findIndex((c) => c.startsWith(name));
  assert.ok(at('file') > 0 && at('source') > 0 && at('licence') > 0, `${file}: a table with file, source and licence columns`);
  return lines.slice(2).map((l) => {
    const c = l.split('|').map((x) => x.trim());
    return { file: c[at('file')]!.replace(/`/g, ''), source: c[at('source')]!, licence: c[at('licence')]! };
  });
}

test('every file under data/ is named in data/SOURCES.md with its source and licence; the elements files\' are the shared SOURCES.md\'s', (t) => {
  const rows = sourceRows(join(DATA, 'SOURCES.md'));
  const files: string[] = [];
  const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else files.push(relative(DATA, p).split('\\').join('/')); } };
  walk(DATA);
  const matches = (pattern: string, f: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(f);
  for (const f of files) {
    if (/(^|\/)SOURCES\.md$/.test(f)) continue;
    const row = rows.find((r) => matches(r.file, f));
    assert.ok(row, `data/${f} is not in data/SOURCES.md`);
    assert.ok(row.source.length > 10, `data/${f}: no source in data/SOURCES.md`);
    assert.ok(row.licence.length > 2, `data/${f}: no licence in data/SOURCES.md`);
  }
  for (const r of rows) assert.ok(files.some((f) => matches(r.file, f)), `data/SOURCES.md names ${r.file}, which data/ does not hold`);
  if (!HAVE_SHARED) { t.diagnostic(`${NO_SHARED}: the elements files' rows not compared with the shared SOURCES.md`); return; }
  const shared = sourceRows(join(SHARED, 'SOURCES.md'));
  for (const s of shared) {
    for (const [where, mine] of [['data/SOURCES.md', rows], ['data/elements/SOURCES.md', sourceRows(join(DATA, 'elements', 'SOURCES.md'))]] as const) {
      const m = mine.find((r) => r.file === s.file || r.file === `elements/${s.file}`);
      assert.ok(m, `${where}: no row for ${s.file}`);
      assert.equal(m.licence, s.licence, `${where}: ${s.file}'s licence`);
      assert.equal(m.source, s.source, `${where}: ${s.file}'s source`);
    }
  }
});

