import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEAD, EMPTY, HOST_BASE, METAL, SAC_BASE, SEI, VOID, type Grid } from '../src/lattice/voxel.js';
import { heightField, morphology, morphologySummary, voxelNm } from '../src/metrics/morphology.js';
import { InputError } from '../src/errors.js';

const VOX = 0.3e-9;

/** nx*ny*nz grid with `hostLayers` host layers (code HOST_BASE) at the bottom. */
function makeGrid(nx: number, ny: number, nz: number, hostLayers: number, voxel_m = VOX): Grid {
  const cells = new Uint8Array(nx * ny * nz);
  cells.fill(HOST_BASE, 0, nx * ny * hostLayers);
  return { nx, ny, nz, cells, voxel_m };
}
const idx = (g: Grid, x: number, y: number, z: number): number => x + g.nx * (y + g.ny * z);
const set = (g: Grid, x: number, y: number, z: number, c: number): void => {
  g.cells[idx(g, x, y, z)] = c;
};

const close = (a: number, b: number, tol = 1e-12): void => {
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} != ${b}`);
};

test('voxelNm rounds float noise', () => {
  assert.equal(voxelNm(makeGrid(1, 1, 1, 0)), 0.3);
});

test('flat dense film: roughness 0, porosity 0, coverage 1, one island', () => {
  const g = makeGrid(8, 6, 10, 2);
  const L = 3;
  for (let z = 2; z < 2 + L; z++) for (let y = 0; y < 6; y++) for (let x = 0; x < 8; x++) set(g, x, y, z, METAL);
  const m = morphology(g, { hostTopZ: 1 });
  close(m.mean_height_nm, L * 0.3);
  close(m.max_height_nm, L * 0.3);
  assert.equal(m.rms_roughness_nm, 0);
  assert.equal(m.porosity, 0);
  assert.equal(m.host_coverage, 1);
  assert.equal(m.island_count, 1);
  assert.deepEqual(m.island_sizes, [8 * 6 * L]);
  assert.equal(m.metal_voxels, 8 * 6 * L);
  assert.equal(m.dead_fraction, 0);
  // only the top faces touch electrolyte (periodic x/y, host below)
  assert.equal(m.metal_electrolyte_faces, 8 * 6);
  close(m.specific_surface_area, 1 / L);
  assert.equal(m.surface_area_ratio, 1);
  assert.equal(m.nuclei_on_host, 1);
  const areaUm2 = 8 * 6 * (0.3e-3) ** 2;
  close(m.nucleus_density_per_um2, 1 / areaUm2);
  assert.deepEqual(heightField(g, 1), new Int32Array(48).fill(L));
});

test('empty grid: all zeros, no NaN', () => {
  const g = makeGrid(4, 4, 4, 1);
  const m = morphology(g, { hostTopZ: 0 });
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'number') assert.ok(Number.isFinite(v), k);
  }
  assert.equal(m.island_count, 0);
  assert.equal(m.mean_height_nm, 0);
  assert.equal(m.host_coverage, 0);
  assert.equal(m.porosity, 0);
  assert.deepEqual(m.island_size_histogram, { bin_lo: [], bin_hi: [], count: [] });
});

test('single column: height, roughness, faces, coverage', () => {
  const nx = 5, ny = 4, H = 6;
  const g = makeGrid(nx, ny, 10, 1);
  for (let z = 1; z <= H; z++) set(g, 2, 1, z, METAL);
  const m = morphology(g, { hostTopZ: 0 });
  const n = nx * ny;
  close(m.mean_height_nm, (H / n) * 0.3);
  close(m.max_height_nm, H * 0.3);
  // heights: one column H, the rest 0 -> rms = H*sqrt((n-1))/n
  close(m.rms_roughness_nm, (H * Math.sqrt(n - 1) / n) * 0.3);
  assert.equal(m.porosity, 0);
  close(m.host_coverage, 1 / n);
  assert.equal(m.island_count, 1);
  assert.equal(m.metal_voxels, H);
  // 4 side faces per voxel + the top face
  assert.equal(m.metal_electrolyte_faces, 4 * H + 1);
  close(m.specific_surface_area, (4 * H + 1) / H);
  const h = heightField(g, 0);
  assert.equal(h[2 + nx * 1], H);
  assert.equal(h.reduce((a, b) => a + b, 0), H);
});

test('isolated adatom has specific surface area 5', () => {
  const g = makeGrid(5, 5, 4, 1);
  set(g, 3, 3, 1, METAL);
  const m = morphology(g, { hostTopZ: 0 });
  assert.equal(m.specific_surface_area, 5);
  assert.equal(m.nuclei_on_host, 1);
});

test('two islands joined across the periodic x boundary count as one', () => {
  const g = makeGrid(10, 6, 5, 1);
  set(g, 0, 2, 1, METAL);
  set(g, 9, 2, 1, METAL);
  set(g, 9, 2, 2, METAL);
  let m = morphology(g, { hostTopZ: 0 });
  assert.equal(m.island_count, 1);
  assert.deepEqual(m.island_sizes, [3]);
  // across y as well
  set(g, 5, 0, 1, METAL);
  set(g, 5, 5, 1, METAL);
  set(g, 5, 5, 2, METAL);
  m = morphology(g, { hostTopZ: 0 });
  assert.equal(m.island_count, 2);
  assert.deepEqual(m.island_sizes, [3, 3]);
  // not joined: x = 1 and x = 8 are not neighbours
  const g2 = makeGrid(10, 6, 5, 1);
  set(g2, 1, 2, 1, METAL);
  set(g2, 8, 2, 1, METAL);
  assert.equal(morphology(g2, { hostTopZ: 0 }).island_count, 2);
});

test('a run wrapping in x joins the row above through both of its parts', () => {
  // row z=1: metal at x=0,1 and x=8,9 (one run across the boundary); z=2: metal only at x=8 -> 1 island
  const g = makeGrid(10, 1, 4, 1);
  for (const x of [0, 1, 8, 9]) set(g, x, 0, 1, METAL);
  set(g, 8, 0, 2, METAL);
  set(g, 4, 0, 2, METAL); // floating, separate island (no host contact)
  const m = morphology(g, { hostTopZ: 0 });
  assert.equal(m.island_count, 2);
  assert.deepEqual(m.island_sizes, [5, 1]);
  assert.equal(m.nuclei_on_host, 1);
});

test('diagonal contact is not a connection (6-connectivity)', () => {
  const g = makeGrid(6, 6, 6, 1);
  set(g, 1, 1, 1, METAL);
  set(g, 2, 2, 1, METAL);
  set(g, 3, 3, 2, METAL);
  const m = morphology(g, { hostTopZ: 0 });
  assert.equal(m.island_count, 3);
  assert.equal(m.nuclei_on_host, 2);
  assert.deepEqual(m.island_size_histogram, { bin_lo: [1], bin_hi: [1], count: [3] });
});

test('buried pore gives the right porosity', () => {
  const nx = 4, ny = 4, L = 5;
  const g = makeGrid(nx, ny, 8, 1);
  for (let z = 1; z <= L; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) set(g, x, y, z, METAL);
  // a 2x1x2 pore inside the film
  set(g, 1, 1, 2, EMPTY);
  set(g, 2, 1, 2, EMPTY);
  set(g, 1, 1, 3, EMPTY);
  set(g, 2, 1, 3, EMPTY);
  const m = morphology(g, { hostTopZ: 0 });
  close(m.porosity, 4 / (nx * ny * L));
  assert.equal(m.rms_roughness_nm, 0);
  assert.equal(m.metal_voxels, nx * ny * L - 4);
  // the pore walls: 2x1x2 box has surface 2*(2*1 + 2*2 + 1*2) = 16 faces, + 16 top faces
  assert.equal(m.metal_electrolyte_faces, 16 + 16);
  assert.equal(m.island_count, 1);
  // an overhang: column with a gap below its top counts the gap as pore
  const g2 = makeGrid(3, 3, 6, 1);
  set(g2, 1, 1, 1, METAL);
  set(g2, 1, 1, 4, METAL); // floating voxel 2 empty cells above
  const m2 = morphology(g2, { hostTopZ: 0 });
  close(m2.porosity, 2 / 4);
  close(m2.max_height_nm, 4 * 0.3);
});

test('non-empty non-metal voxels (SEI) below the height are not pores', () => {
  const g = makeGrid(1, 1, 6, 1);
  set(g, 0, 0, 1, SEI);
  set(g, 0, 0, 2, METAL);
  const m = morphology(g, { hostTopZ: 0 });
  assert.equal(m.porosity, 0);
  assert.equal(m.host_coverage, 0); // SEI, not metal, is directly above the host
  assert.equal(m.nuclei_on_host, 0); // the metal touches SEI, not the host
});

test('dead fraction, SAC sites count as host, coverage over the top host layer', () => {
  const g = makeGrid(4, 4, 5, 2);
  set(g, 0, 0, 1, SAC_BASE + 3);
  set(g, 0, 0, 2, METAL);
  set(g, 2, 2, 2, METAL);
  set(g, 3, 3, 3, DEAD); // floating dead voxel
  set(g, 1, 3, 2, DEAD); // dead voxel resting on the host
  const m = morphology(g, { hostTopZ: 1 });
  assert.equal(m.metal_voxels, 4);
  assert.equal(m.dead_voxels, 2);
  close(m.dead_fraction, 0.5);
  close(m.host_coverage, 3 / 16);
  assert.equal(m.island_count, 4);
  assert.equal(m.nuclei_on_host, 3);
});

test('invalid inputs throw InputError', () => {
  const g = makeGrid(2, 2, 2, 1);
  assert.throws(() => morphology(g, { hostTopZ: 2 }), InputError);
  assert.throws(() => morphology(g, { hostTopZ: 0.5 }), InputError);
  assert.throws(() => morphology({ ...g, cells: new Uint8Array(3) }, { hostTopZ: 0 }), InputError);
  assert.throws(() => heightField({ ...g, voxel_m: 0 }, 0), InputError);
});

// ---- reference implementation (per voxel, BFS with a label array), for random grids ----

test('sealed liquid (VOID): a metal face onto it is counted apart (metal_void_faces, void_surface_area_ratio), not as electrolyte; the pore still counts in porosity', () => {
  // a flat film of 3 layers with a one-voxel pore inside: EMPTY (fill's open-looking pore) against VOID (void's sealed one)
  for (const c of [EMPTY, VOID]) {
    const g = makeGrid(8, 6, 10, 2), L = 3;
    for (let z = 2; z < 2 + L; z++) for (let y = 0; y < 6; y++) for (let x = 0; x < 8; x++) set(g, x, y, z, METAL);
    set(g, 3, 3, 3, c);
    const m = morphology(g, { hostTopZ: 1 });
    assert.equal(m.metal_electrolyte_faces, 8 * 6 + (c === EMPTY ? 6 : 0), `${c}: faces onto electrolyte`);
    assert.equal(m.metal_void_faces, c === VOID ? 6 : 0, `${c}: faces onto VOID`);
    close(m.surface_area_ratio, (8 * 6 + (c === EMPTY ? 6 : 0)) / 48);
    close(m.void_surface_area_ratio, c === VOID ? 6 / 48 : 0);
    close(m.specific_surface_area, (8 * 6 + (c === EMPTY ? 6 : 0)) / (8 * 6 * L - 1));
    close(m.porosity, 1 / (8 * 6 * L));
  }
});

function reference(g: Grid, hostTopZ: number) {
  const { nx, ny, nz, cells } = g;
  const N = nx * ny * nz;
  const isM = (c: number) => c === METAL || c === DEAD;
  const isS = (c: number) => c >= HOST_BASE && c < SAC_BASE + 32;
  const nb = (i: number): number[] => {
    const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
    const out = [
      idx(g, (x + 1) % nx, y, z), idx(g, (x + nx - 1) % nx, y, z),
      idx(g, x, (y + 1) % ny, z), idx(g, x, (y + ny - 1) % ny, z),
    ];
    if (z > 0) out.push(idx(g, x, y, z - 1));
    if (z < nz - 1) out.push(idx(g, x, y, z + 1));
    return out;
  };
  const label = new Int32Array(N).fill(-1);
  const sizes: number[] = [];
  let nuclei = 0, faces = 0, voidFaces = 0, metal = 0;
  for (let i = 0; i < N; i++) {
    if (!isM(cells[i]!)) continue;
    metal++;
    for (const j of nb(i)) { if (cells[j] === EMPTY) faces++; else if (cells[j] === VOID) voidFaces++; }
    if (label[i]! >= 0) continue;
    const id = sizes.length;
    let size = 0, touch = false;
    const stack = [i];
    label[i] = id;
    while (stack.length) {
      const k = stack.pop()!;
      size++;
      for (const j of nb(k)) {
        if (isS(cells[j]!)) touch = true;
        if (isM(cells[j]!) && label[j]! < 0) {
          label[j] = id;
          stack.push(j);
        }
      }
    }
    sizes.push(size);
    if (touch) nuclei++;
  }
  let pores = 0, below = 0;
  const h: number[] = [];
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    let top = 0;
    for (let z = hostTopZ + 1; z < nz; z++) if (isM(cells[idx(g, x, y, z)]!)) top = z - hostTopZ;
    h.push(top);
    below += top;
    for (let k = 1; k < top; k++) { const c = cells[idx(g, x, y, hostTopZ + k)]; if (c === EMPTY || c === VOID) pores++; }
  }
  return { sizes: sizes.sort((a, b) => b - a), nuclei, faces, voidFaces, metal, porosity: below ? pores / below : 0, h };
}

test('random grids agree with a per-voxel BFS reference', () => {
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const shapes: [number, number, number][] = [[1, 1, 9], [1, 7, 5], [7, 1, 5], [2, 2, 4], [9, 8, 7], [16, 12, 10]];
  for (const [nx, ny, nz] of shapes) {
    for (const p of [0.2, 0.45, 0.7]) {
      const g = makeGrid(nx, ny, nz, 1);
      for (let i = nx * ny; i < g.cells.length; i++) {
        const r = rnd();
        // (sealed liquid, VOID, among the liquid: fpvoid)
        g.cells[i] = r < p ? (r < p * 0.2 ? DEAD : METAL) : r > 0.97 ? SAC_BASE : r > 0.9 ? VOID : EMPTY;
      }
      const m = morphology(g, { hostTopZ: 0 });
      const ref = reference(g, 0);
      const tag = `${nx}x${ny}x${nz} p=${p}`;
      assert.deepEqual(m.island_sizes, ref.sizes, tag);
      assert.equal(m.nuclei_on_host, ref.nuclei, tag);
      assert.equal(m.metal_electrolyte_faces, ref.faces, tag);
      assert.equal(m.metal_void_faces, ref.voidFaces, tag);
      close(m.void_surface_area_ratio, ref.voidFaces / (nx * ny));
      assert.equal(m.metal_voxels, ref.metal, tag);
      close(m.porosity, ref.porosity);
      assert.deepEqual(Array.from(heightField(g, 0)), ref.h, tag);
      const hist = m.island_size_histogram;
      assert.equal(hist.count.reduce((a, b) => a + b, 0), m.island_count);
      for (const sz of m.island_sizes) assert.ok(sz >= 1);
    }
  }
});

test('morphologySummary drops only the island size list', () => {
  const g = makeGrid(4, 4, 4, 1);
  set(g, 1, 1, 1, METAL);
  const m = morphology(g, { hostTopZ: 0 });
  const s = morphologySummary(m);
  assert.equal('island_sizes' in s, false);
  assert.deepEqual(Object.keys(s), Object.keys(m).filter((k) => k !== 'island_sizes'));
  assert.equal(s.island_count, 1);
});

test('mends70: on a foil of the metal, pits below the host top read negative heights; a plated host is unchanged', () => {
  // 4 x 4 columns, 3 layers of foil (z 0-2, host top z = 2): one column pitted 1 deep, one 2 deep, one to the floor,
  // one with a 1-voxel deposit above the foil
  const foil = (): Grid => {
    const g = makeGrid(4, 4, 6, 0);
    g.cells.fill(METAL, 0, 16 * 3);
    set(g, 0, 0, 2, EMPTY);
    set(g, 1, 0, 2, EMPTY); set(g, 1, 0, 1, EMPTY);
    set(g, 2, 0, 2, EMPTY); set(g, 2, 0, 1, EMPTY); set(g, 2, 0, 0, EMPTY);
    set(g, 3, 3, 3, METAL);
    return g;
  };
  const heights = [-1, -2, -3, ...Array<number>(12).fill(0), 1]; // by hand, voxels
  const mean = heights.reduce((s, v) => s + v, 0) / 16;
  const rms = Math.sqrt(heights.reduce((s, v) => s + (v - mean) ** 2, 0) / 16);
  const m = morphology(foil(), { hostTopZ: 2, foil: true });
  close(m.mean_height_nm, mean * 0.3);
  close(m.rms_roughness_nm, rms * 0.3);
  close(m.max_height_nm, 0.3);
  assert.equal(m.porosity, 0, 'pits in the foil are not pores of the deposit');
  assert.deepEqual(Array.from(heightField(foil(), 2, true)), [-1, -2, -3, ...Array<number>(12).fill(0), 1]);
  // before mends70 (and still without `foil`): the pits were not seen
  assert.deepEqual(Array.from(heightField(foil(), 2)), [...Array<number>(15).fill(0), 1]);
  // a plated (non-metal) host with the same holes in its top layer: heights from the host top as before
  const h = foil();
  for (let i = 0; i < 16 * 3; i++) if (h.cells[i] === METAL) h.cells[i] = HOST_BASE;
  const mh = morphology(h, { hostTopZ: 2 });
  close(mh.mean_height_nm, 0.3 / 16);
  close(mh.max_height_nm, 0.3);
});

test('mends70: a Li foil stripped in a real run reads its pits (roughness > 0, negative mean height, a height map)', async () => {
  const { parseRunInput } = await import('../src/input/parse.js');
  const { Simulation } = await import('../src/simulation/simulation.js');
  const { heightCells } = await import('../src/plots/run.js');
  const sim = new Simulation(parseRunInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Li', seed: 1, protocol: ['Strip at 1 mA/cm2 for 2 s'] }));
  sim.runAll();
  const r = sim.stepResults[sim.stepResults.length - 1]!;
  const { nx, ny, nz } = sim.grid;
  // reference: each column's highest metal voxel, counted on the lattice, minus the host top
  const top = sim.d.hostTopZ;
  const ref: number[] = [];
  for (let c = 0; c < nx * ny; c++) {
    let z = nz - 1;
    while (z >= 0 && sim.grid.cells[c + nx * ny * z] !== METAL && sim.grid.cells[c + nx * ny * z] !== DEAD) z--;
    ref.push(z - top);
  }
  assert.ok(ref.some((v) => v < 0), 'the strip made pits');
  const mean = ref.reduce((s, v) => s + v, 0) / ref.length;
  const rms = Math.sqrt(ref.reduce((s, v) => s + (v - mean) ** 2, 0) / ref.length);
  close(r.mean_height_nm, mean * 10, 1e-9);
  close(r.rms_roughness_nm, rms * 10, 1e-9);
  assert.ok(r.rms_roughness_nm > 0);
  const hm = heightCells(sim.grid, top, 96, true);
  assert.ok(hm.cells.some((c) => c.v < 0), 'the height map shows the pits');
});

/** islands of METAL or DEAD voxels (six faces, periodic in x and y) by a plain flood fill: the test's own count */
function floodIslands(g: Grid): number {
  const { nx, ny, nz, cells } = g, seen = new Uint8Array(cells.length);
  const metal = (i: number) => cells[i] === METAL || cells[i] === DEAD;
  let n = 0;
  for (let i0 = 0; i0 < cells.length; i0++) {
    if (seen[i0] || !metal(i0)) continue;
    n++;
    const stack = [i0];
    seen[i0] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
      const nb = [idx(g, (x + 1) % nx, y, z), idx(g, (x + nx - 1) % nx, y, z), idx(g, x, (y + 1) % ny, z), idx(g, x, (y + ny - 1) % ny, z)];
      if (z > 0) nb.push(idx(g, x, y, z - 1));
      if (z < nz - 1) nb.push(idx(g, x, y, z + 1));
      for (const j of nb) if (!seen[j] && metal(j)) { seen[j] = 1; stack.push(j); }
    }
  }
  return n;
}

test('nucleicov (review82 finding 3): the nuclei read at 0.1 first-layer coverage are those of a run stopped at that charge, and outnumber the coalesced end', async () => {
  const { parseRunInput } = await import('../src/input/parse.js');
  const { Simulation } = await import('../src/simulation/simulation.js');
  const { computeMetrics } = await import('../src/simulation/report.js');
  // bare graphene, 16 x 16 voxels of 20 nm at 30 mA/cm2: two islands at a tenth of the first layer, one at 0.002 mAh/cm2
  const runOf = (mAh: string, output: Record<string, unknown> = {}) => {
    const sim = new Simulation(parseRunInput({ metal: 'Li', lattice: { size: [16, 16, 10], voxel: '20 nm' }, host: 'graphene', seed: 1,
      protocol: [`Plate ${mAh} mAh/cm2 at 30 mA/cm2`], output: { snapshots: false, ...output } }));
    sim.runAll();
    return { sim, m: computeMetrics(sim) };
  };
  const full = runOf('0.002');
  const e = full.m;
  assert.equal(e.early_coverage_target, 0.1);
  assert.equal(e.early_reason, null);
  assert.ok(e.early_host_coverage! >= 0.1 && e.early_host_coverage! < e.host_coverage, `read at coverage ${e.early_host_coverage}, end ${e.host_coverage}`);
  // the same seed stopped at the charge of the reading (a whole number of voxels): the same trajectory up to there
  // (its own setting 0.9 is never reached: the reason, and the setting moves nothing of the run)
  const stop = runOf(String(e.early_charge_mAh_per_cm2), { nuclei_coverage: 0.9 });
  assert.equal(stop.m.deposited_voxels, Math.round((e.early_charge_mAh_per_cm2! * 3.6 * (16 * 16 * 400e-14)) / full.sim.d.q_C));
  close(stop.m.host_coverage, e.early_host_coverage!);
  assert.equal(e.early_island_count, floodIslands(stop.sim.grid));
  assert.equal(e.early_island_count, stop.m.island_count);
  close(e.early_nucleus_density_per_um2!, stop.m.nucleus_density_per_um2);
  assert.equal(e.early_sac_nucleation_share, null); // bare host: not applicable, as at the end
  assert.equal(stop.m.early_island_count, null);
  assert.match(stop.m.early_reason!, /never reached 0\.9/);
  // coalesced at the end: fewer islands than at the reading
  assert.ok(e.island_count < e.early_island_count!, `end ${e.island_count} islands, at 0.1 coverage ${e.early_island_count}`);
  // the setting's range: above 0 and below 1, a fraction of the first layer
  for (const bad of [0, 1, 1.5, -0.1]) {
    assert.throws(() => parseRunInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '20 nm' }, host: 'graphene', protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], output: { nuclei_coverage: bad } }),
      (err: unknown) => err instanceof InputError && /output\.nuclei_coverage/.test(err.message) && /fraction of the first layer/.test(err.message));
  }
});
