/**
 * Branch saltneg: the salt of enclosed and depleted cells, measured on a run (node dist/bench/saltneg-measure.js NAME).
 * After every field update: the lowest c / c0 of an open cell and the lowest salt of any cell over c0 x its volume; at
 * the end (the counter's pending release added): the liquid in cells of negative salt (volume share, salt share), the
 * liquid the deposit has enclosed (connected components of open cells, through open faces, that do not reach the top
 * layer): its volume, salt and mean c, the connected liquid's mean c, c_s.
 */
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';

const RUNS: Record<string, Record<string, unknown>> = {
  short1um: { metal: 'Li', host: 'Cu', lattice: { size: [4, 4, 16], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
    cell: { separator_distance: '1 um', field_cell: '100 nm' }, protocol: ['Plate at 1000 mA/cm2 for 1 s'], seed: 1, output: { snapshots: false } },
  sand400: { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 40], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
    cell: { diffusion_layer: '500 um', field_cell: '100 nm' }, protocol: ['Plate at 400 mA/cm2 for 1.2 s'], seed: 1, output: { snapshots: false } },
  sep25: { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 40], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
    cell: { separator_distance: '25 um', field_cell: '100 nm' }, protocol: ['Plate 0.1 mAh/cm2 at 100 mA/cm2'], seed: 1, output: { snapshots: false } },
};

const name = process.argv[2] ?? 'short1um';
const w0 = performance.now();
const sim = new Simulation(parseRunInput(RUNS[name]!));
const tp = sim.transport!, f = tp.field, c0 = f.spec.c0;
let minOpen = Infinity, minAny = Infinity, updates = 0;
const upd = f.update.bind(f), relax = f.relaxChanges.bind(f);
let inRelax = false;
f.relaxChanges = (dt: number) => { inRelax = true; try { relax(dt); } finally { inRelax = false; } };
f.update = (dt: number) => {
  upd(dt);
  if (inRelax) return; // the perturbation's solve (relaxChanges), not the field
  updates++;
  for (let i = 0; i < f.nCells; i++) {
    const cap = f.capacity(i);
    if (cap > 0) minOpen = Math.min(minOpen, f.N[i]! / cap / c0);
    const vol = i < f.nvox.length ? f.nvox[i]! * f.spec.a ** 3 : cap;
    minAny = Math.min(minAny, f.N[i]! / (c0 * vol));
  }
};
sim.runAll();
f.update(1e-12);
const n = f.nCells, nxy = f.ncx * f.ncy;
let V = 0, S = 0, Vneg = 0, Sneg = 0;
for (let i = 0; i < n; i++) { const cap = f.capacity(i); V += cap; S += f.N[i]!; if (f.N[i]! < 0) { Vneg += cap; Sneg += f.N[i]!; } }
// components of open cells through open faces
const comp = new Int32Array(n).fill(-1);
const comps: { V: number; S: number; top: boolean; cells: number }[] = [];
for (let s = 0; s < n; s++) {
  if (comp[s]! >= 0 || !(f.capacity(s) > 0)) continue;
  const id = comps.length, c = { V: 0, S: 0, top: false, cells: 0 };
  comps.push(c);
  const stack = [s]; comp[s] = id;
  while (stack.length) {
    const i = stack.pop()!;
    c.V += f.capacity(i); c.S += f.N[i]!; c.cells++;
    const k = (i / nxy) | 0, j = i - k * nxy, cy = (j / f.ncx) | 0, cx = j - cy * f.ncx;
    if (k === f.ncz - 1) c.top = true;
    const nb = [((cx + 1) % f.ncx) + f.ncx * cy + nxy * k, ((cx + f.ncx - 1) % f.ncx) + f.ncx * cy + nxy * k,
      cx + f.ncx * ((cy + 1) % f.ncy) + nxy * k, cx + f.ncx * ((cy + f.ncy - 1) % f.ncy) + nxy * k];
    if (k + 1 < f.ncz) nb.push(i + nxy);
    if (k > 0) nb.push(i - nxy);
    for (const t of nb) if (comp[t]! < 0 && f.capacity(t) > 0) { comp[t] = id; stack.push(t); }
  }
}
const open = comps.filter((c) => c.top), closed = comps.filter((c) => !c.top);
const sum = (cs: typeof comps, k: 'V' | 'S' | 'cells') => cs.reduce((a, c) => a + c[k], 0);
let closedSalt = 0; for (let i = 0; i < n; i++) if (!(f.capacity(i) > 0)) closedSalt += f.N[i]!;
if (process.env.LAYERS) for (let k = 0; k < f.ncz; k++) { let v = 0, s = 0, o = 0; for (let j = 0; j < nxy; j++) { v += f.capacity(k * nxy + j); s += f.N[k * nxy + j]!; if (f.capacity(k * nxy + j) > 0) o++; } console.log(k, o, (s / v / c0).toFixed(3)); }
const M = (x: number) => (x / 1000).toFixed(4);
console.log(JSON.stringify({
  run: name, ended: sim.stepResults?.map?.((r: { ended: string }) => r.ended), t_s: sim.time, updates,
  min_c_open_c0: +minOpen.toFixed(4), min_salt_any_c0: +minAny.toFixed(4),
  negative_volume_share: +(Vneg / V).toFixed(4), negative_salt_share: +(Sneg / S).toFixed(4),
  mean_M: M(S / V), connected_M: M(sum(open, 'S') / sum(open, 'V')),
  enclosed: { pores: closed.length, cells: sum(closed, 'cells'), volume_share: +(sum(closed, 'V') / V).toFixed(4), salt_share: +(sum(closed, 'S') / S).toFixed(4),
    mean_M: closed.length ? M(sum(closed, 'S') / sum(closed, 'V')) : null, min_pore_M: closed.length ? M(Math.min(...closed.map((c) => c.S / c.V))) : null },
  closed_cells_salt_share: +(closedSalt / S).toFixed(6), surface_M: M(tp.surfaceConc), unsupplied_share: (f as unknown as { unsupplied?: number }).unsupplied === undefined ? null : (f as unknown as { unsupplied: number }).unsupplied / f.initial, sand_s: tp.sandTime_s, balance_rel: tp.balanceResidual() / f.initial,
  cpu_s: +((performance.now() - w0) / 1000).toFixed(1),
}));
