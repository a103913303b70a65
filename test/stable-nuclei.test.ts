/**
 * nuclei65: how many of the "nuclei" (nucleus_density_per_um2, early_nucleus_density_per_um2: every island touching the
 * host or a SAC) are single atoms, and the density of stable islands (5 voxels or more, tempwhy65b's count) beside it,
 * at the end (metrics.json stable_nucleus_density_per_um2, single_voxel_nuclei) and early (early_*). On a hand-built
 * lattice the counts are exact; a small real run's agree with a flood fill of its lattice; the store's columns,
 * `runs list` and compare.csv carry them; the printed table's columns do not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEAD, HOST_BASE, METAL, SAC_BASE, type Grid } from '../src/lattice/voxel.js';
import { morphology, STABLE_ISLAND_VOXELS } from '../src/metrics/morphology.js';
import { earlyNucleiMetrics, earlyNucleiState, lookAtRow } from '../src/metrics/early-nuclei.js';
import { SUBSTRATE_CODES } from '../src/lattice/species.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics } from '../src/simulation/report.js';
import { compareCsv } from '../src/batch/table.js';
import { formatCompareTable } from '../src/cli/compare-table.js';
import { openStore, MIGRATIONS, BARE_RUN_SQL_FUNCTION } from '../src/store/index.js';
import { QUERY_COLUMN_NAMES } from '../src/store/run-query.js';
import { tempRoot } from './helpers/tmp.js';

tempRoot('stable-nuclei');

const VOX = 20e-9;
const NEW_KEYS = ['stable_nucleus_density_per_um2', 'single_voxel_nuclei', 'early_stable_nucleus_density_per_um2', 'early_single_voxel_nuclei'] as const;

/**
 * 12 x 12 x 6 voxels, one host layer (z 0) with a SAC site at (4, 1). On it, islands of known size:
 * A a lone adatom on the host, B a lone adatom on the SAC, I a lone DEAD atom on the host (dead metal is deposit);
 * C a dimer; D a column of 4; E an L of 5; F 5 voxels in a row across the periodic x edge (2 + 3 without the wrap);
 * and, touching neither host nor SAC, G a block of 6 and H one atom (islands, not nuclei).
 */
function handLattice(): { g: Grid; nuclei: number; singles: number; stable: number; islands: number } {
  const nx = 12, ny = 12, nz = 6;
  const cells = new Uint8Array(nx * ny * nz);
  cells.fill(HOST_BASE, 0, nx * ny);
  const g: Grid = { nx, ny, nz, cells, voxel_m: VOX };
  const set = (x: number, y: number, z: number, c = METAL) => { cells[x + nx * (y + ny * z)] = c; };
  set(4, 1, 0, SAC_BASE);
  set(1, 1, 1); // A
  set(4, 1, 1); // B, on the SAC
  set(7, 7, 1, DEAD); // I
  set(7, 1, 1); set(8, 1, 1); // C
  for (let z = 1; z <= 4; z++) set(1, 4, z); // D: 4 voxels
  set(4, 4, 1); set(5, 4, 1); set(6, 4, 1); set(4, 4, 2); set(4, 4, 3); // E: 5 voxels
  set(9, 10, 1); set(10, 10, 1); set(11, 10, 1); set(0, 10, 1); set(1, 10, 1); // F: 5 voxels across x = 11 | 0
  for (let x = 7; x <= 9; x++) for (let z = 4; z <= 5; z++) set(x, 7, z); // G: floating, 6 voxels
  set(4, 8, 5); // H: floating, 1 voxel
  return { g, nuclei: 7, singles: 3, stable: 2, islands: 9 };
}

const areaUm2 = (g: Grid) => g.nx * g.ny * (g.voxel_m * 1e6) ** 2;

test('nuclei65: on a hand-built lattice the stable islands (5 voxels or more) and the single-atom nuclei are counted exactly', () => {
  assert.equal(STABLE_ISLAND_VOXELS, 5, "tempwhy65b's count");
  const h = handLattice();
  const m = morphology(h.g, { hostTopZ: 0 });
  assert.equal(m.island_count, h.islands);
  assert.equal(m.nuclei_on_host, h.nuclei);
  // A, B (on the SAC) and I (dead); not H, which touches no host
  assert.equal(m.single_voxel_nuclei, h.singles);
  // E and F (joined across the periodic edge); not D (4 voxels) nor G (6, floating)
  assert.equal(m.stable_nuclei_on_host, h.stable);
  assert.equal(m.stable_nucleus_density_per_um2, h.stable / areaUm2(h.g));
  assert.equal(m.nucleus_density_per_um2, h.nuclei / areaUm2(h.g));
  // one more voxel on D makes it stable; one taken from E, not
  const more = handLattice();
  more.g.cells[1 + 12 * (4 + 12 * 5)] = METAL;
  more.g.cells[4 + 12 * (4 + 12 * 3)] = 0;
  const m2 = morphology(more.g, { hostTopZ: 0 });
  assert.equal(m2.stable_nuclei_on_host, 2);
  assert.deepEqual([...m2.island_sizes].filter((s) => s === 5 || s === 4).sort(), [4, 5, 5]);
});

test('nuclei65: the early reading gives the same counts at the row it reads, null where it never read', () => {
  const h = handLattice();
  const st = earlyNucleiState(0.05); // 14 of 144 host sites covered: read
  lookAtRow(st, h.g, 0, false, 0.001);
  const e = earlyNucleiMetrics(st, true);
  assert.equal(e.early_single_voxel_nuclei, h.singles);
  assert.equal(e.early_stable_nucleus_density_per_um2, h.stable / areaUm2(h.g));
  const never = earlyNucleiState(0.5);
  lookAtRow(never, h.g, 0, false, 0.001);
  const n = earlyNucleiMetrics(never, true);
  assert.equal(n.early_stable_nucleus_density_per_um2, null);
  assert.equal(n.early_single_voxel_nuclei, null);
  assert.match(n.early_reason!, /never reached 0\.5/);
});

/** each island's size and whether it touches a host or SAC voxel, by a plain flood fill (the test's own count) */
function floodNuclei(g: Grid): { size: number; onHost: boolean }[] {
  const { nx, ny, nz, cells } = g, seen = new Uint8Array(cells.length), out: { size: number; onHost: boolean }[] = [];
  const metal = (i: number) => cells[i] === METAL || cells[i] === DEAD;
  const at = (x: number, y: number, z: number) => x + nx * (y + ny * z);
  for (let i0 = 0; i0 < cells.length; i0++) {
    if (seen[i0] || !metal(i0)) continue;
    let size = 0, onHost = false;
    const stack = [i0];
    seen[i0] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      size++;
      const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
      const nb = [at((x + 1) % nx, y, z), at((x + nx - 1) % nx, y, z), at(x, (y + 1) % ny, z), at(x, (y + ny - 1) % ny, z)];
      if (z > 0) nb.push(at(x, y, z - 1));
      if (z < nz - 1) nb.push(at(x, y, z + 1));
      for (const j of nb) {
        if (SUBSTRATE_CODES[cells[j]!] === 1) onHost = true;
        if (!seen[j] && metal(j)) { seen[j] = 1; stack.push(j); }
      }
    }
    out.push({ size, onHost });
  }
  return out;
}

test('nuclei65: a real SAC run writes the counts (a flood fill of its lattice agrees), the store, runs list and compare.csv carry them, the printed table does not', () => {
  const run = parseRunInput({ metal: 'Li', lattice: { size: [10, 10, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '10 %' }],
    kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], seed: 3, output: { snapshots: false } });
  const sim = new Simulation(run);
  sim.runAll();
  const m = computeMetrics(sim);
  const nuclei = floodNuclei(sim.grid).filter((i) => i.onHost);
  assert.equal(m.stable_island_min_voxels, 5);
  assert.equal(m.single_voxel_nuclei, nuclei.filter((i) => i.size === 1).length);
  assert.equal(m.stable_nucleus_density_per_um2, nuclei.filter((i) => i.size >= 5).length / areaUm2(sim.grid));
  assert.ok(m.single_voxel_nuclei! > 0, 'the SACs hold lone atoms in this box');
  assert.equal(typeof m.early_stable_nucleus_density_per_um2, 'number', m.early_reason ?? '');
  assert.ok(m.early_single_voxel_nuclei! <= m.early_island_count!);
  // the store: a version-8 store migrates to 9 (the columns filled from metrics_json), a new write fills them
  const f = join(mkdtempSync(join(tmpdir(), 'sacplate-stable-')), 'v8.db');
  const db = new Database(f);
  db.function(BARE_RUN_SQL_FUNCTION, (_m: unknown, _i: unknown) => 0);
  db.transaction(() => { for (const sql of MIGRATIONS.slice(0, 8)) db.exec(sql); })();
  db.pragma('user_version = 8');
  db.prepare(`INSERT INTO runs (id, created_at, name, input_json, metrics_json, out_dir, artefacts_json, status) VALUES (?, ?, ?, '{}', ?, NULL, '[]', 'finished')`)
    .run('run-20261201-000000000-00000001', '2026-12-01T00:00:01Z', 'old', JSON.stringify(m));
  db.close();
  const st = openStore(f);
  try {
    const id = st.recordRun({ name: 'new', input: {}, metrics: m });
    const rows = st.runRows({ orderBy: { column: 'created_at' } });
    assert.equal(rows.length, 2);
    for (const r of rows) for (const k of NEW_KEYS) assert.equal(r[k], m[k], `${r.name} ${k}`);
    assert.equal(st.runMetricRows([id])[0]!.single_voxel_nuclei, m.single_voxel_nuclei);
  } finally { st.close(); }
  for (const k of NEW_KEYS) assert.ok(QUERY_COLUMN_NAMES.includes(k), `runs list --columns ${k}`);
  // compare.csv: each key a column with the case's value; the printed table's columns as before
  const [head, line] = compareCsv([{ name: 'zn', run, runs: [m] }]).trim().split('\n').map((l) => l.split(','));
  for (const k of NEW_KEYS) assert.equal(Number(line![head!.indexOf(k)]), Number((m[k] as number).toPrecision(12)), `compare.csv ${k}`);
  assert.doesNotMatch(formatCompareTable([{ name: 'zn', run, runs: [m] }]).split('\n')[0]!, /stable|single/, "the printed table's columns are as before");
});
