/**
 * `model: { sealed_pores: void }` with ion walkers (`cell: { transport: walkers }`; branch voidwalk; docs/model.md,
 * "Sealed electrolyte with ion walkers"). A walker never enters VOID (it steps onto EMPTY only), is never born there
 * (its launch plane lies above every solid: open liquid) and is never reduced there (a voxel sealed off by a walker's
 * reduction turns VOID at once and loses its stickiness: StickySites with the electrolyte's connectivity). A walker on
 * a clock that stands in liquid a reduction seals off is held there: it does not move and is not reduced, it stays in
 * flight (the ions in and out balance as before), and walks on if its voxel is ever EMPTY again.
 * Walkers one at a time never meet sealed liquid (the one in flight is the one that seals), so void and fill grow the
 * same deposit from the same seed. About 1 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { driftWalkerStats, walkersInFlight } from '../src/simulation/drift-walker-step.js';
import { computeMetrics } from '../src/simulation/report.js';
import { growByWalkers } from '../src/fields/walkers.js';
import { IonCloud, restDriftWalkers } from '../src/fields/drift-walkers.js';
import { SealedLiquid } from '../src/apps/liquid.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCheckpoint, resumeSimulation } from '../src/simulation/checkpoint.js';
import type { StepState } from '../src/simulation/simulation.js';
import { assertSameState } from './helpers/same-state.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { Rng } from '../src/kmc/rng.js';
import { EMPTY, METAL, DEAD, HOST_BASE } from '../src/lattice/voxel.js';
import { VOID } from '../src/lattice/species.js';
import { labelMismatch } from './helpers/liquid-labels.js';

/**
 * Cups standing on layer z0 (a conductor): a ring of dead (non-conducting) metal around a 3 x 3 cavity one layer high,
 * under a dead lid with one hole above the cavity's middle. The hole is not sticky (no conductor beside it); the
 * cavity's floor is: a walker that comes in through the hole is reduced on the middle of the floor, right below the
 * hole, and that seals the other 8 voxels of the cavity. Walker deposits on a flat host seal almost nothing (none in
 * the pilots of the study sealed-void-walkers), so the tests give them these.
 */
function cups(code: Uint8Array, nx: number, ny: number, z0: number): void {
  const nxy = nx * ny;
  for (let y0 = 1; y0 + 5 <= ny; y0 += 6) for (let x0 = 1; x0 + 5 <= nx; x0 += 6) {
    for (let z = 1; z <= 2; z++) for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) {
      const inside = x >= 1 && x <= 3 && y >= 1 && y <= 3 && z === 1;
      const hole = x === 2 && y === 2 && z === 2;
      if (!inside && !hole) code[(x0 + x) + nx * (y0 + y) + nxy * (z0 + z)] = DEAD;
    }
  }
}
const count = (code: Uint8Array, c: number) => { let k = 0; for (const x of code) if (x === c) k++; return k; };
const metalSet = (code: Uint8Array) => code.map((c) => (c === METAL ? 1 : 0));

const walkerRun = (patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  metal: 'Li', host: 'Cu', lattice: { size: [20, 20, 48], voxel: '0.3 nm' },
  electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers' }, model: { sealed_pores: 'void' },
  protocol: ['Plate 0.0001 mAh/cm2 at 2 mA/cm2'], seed: 4, output: { snapshots: false }, ...patch,
});

test('run file: sealed_pores void with cell.transport walkers resolves (both kinds of walkers)', () => {
  const r = parseRunInput(walkerRun());
  assert.equal(r.transport?.mode, 'walkers');
  assert.deepEqual(r.model, { sealedPores: 'void' });
  const c = parseRunInput(walkerRun({ cell: { transport: 'walkers', drift: 'off' } }));
  assert.equal(c.model?.sealedPores, 'void');
});

test('walkers one at a time with the liquid tracked: every pocket a reduction seals is VOID at once, never sticky, and the walks are those without it', () => {
  const size: [number, number, number] = [14, 14, 40];
  const grow = (tracked: boolean) => {
    const lat = new CubicLattice(size[0], size[1], size[2], false);
    const code = new Uint8Array(lat.n);
    code.fill(HOST_BASE, 0, lat.nxy);
    cups(code, size[0], size[1], 0);
    const liquid = tracked ? new SealedLiquid(lat, code) : undefined;
    liquid?.labelAll();
    let bad: string | null = null, checked = 0;
    const g = growByWalkers(code, size, new Rng(7), {
      particles: 900, stopHeight: 36, ...(liquid ? { liquid } : {}),
      onStick: (v) => {
        if (bad !== null || !tracked) return;
        if (code[v] !== METAL) bad = `voxel ${v} reduced but ${code[v]}`;
        // the labels after every arrival (every 3rd: the check is a whole-box search)
        else if (++checked % 3 === 0) bad = labelMismatch(lat, code);
      },
    });
    return { code, g, bad, lat };
  };
  const t = grow(true), f = grow(false);
  assert.equal(t.bad, null);
  assert.equal(labelMismatch(t.lat, t.code), null);
  const nVoid = count(t.code, VOID);
  assert.ok(nVoid > 0, `pockets sealed by the deposit: ${nVoid} VOID voxels`);
  assert.equal(count(f.code, VOID), 0);
  // the walker in flight is the one that seals: sealed liquid is out of every later walker's reach
  assert.deepEqual(metalSet(t.code), metalSet(f.code));
  assert.equal(t.g.steps, f.g.steps);
  assert.equal(t.g.particles, f.g.particles);
});

/**
 * A closed metal box (outer 5 x 5 x 5, a 3 x 3 x 3 cavity) on the host whose lid has one hole; walker A stands in the
 * hole (sticky: the lid's metal beside it), walker B in the cavity beside its wall (sticky too: under fill it is reduced
 * at its first turn).
 */
function cavity() {
  const NX = 9, NY = 9, NZ = 12;
  const lat = new CubicLattice(NX, NY, NZ, false);
  const code = new Uint8Array(lat.n);
  const at = (x: number, y: number, z: number) => x + NX * y + lat.nxy * z;
  code.fill(HOST_BASE, 0, lat.nxy);
  for (let z = 1; z <= 5; z++) for (let y = 2; y <= 6; y++) for (let x = 2; x <= 6; x++) {
    const inside = x >= 3 && x <= 5 && y >= 3 && y <= 5 && z >= 2 && z <= 4;
    if (!inside) code[at(x, y, z)] = METAL;
  }
  code[at(4, 4, 5)] = EMPTY; // the hole in the lid
  return { lat, code, at, size: [NX, NY, NZ] as [number, number, number], hole: [4, 4, 5], mid: [3, 4, 3] };
}

test('walkers on a clock: a walker in liquid that another walker\'s reduction seals off is held there (not moved, not reduced, still in flight); under fill it is reduced inside', () => {
  for (const mode of ['void', 'fill'] as const) {
    const c = cavity();
    const liquid = mode === 'void' ? new SealedLiquid(c.lat, c.code) : undefined;
    assert.equal(liquid?.labelAll() ?? 0, 0, 'the open box: nothing sealed');
    const cloud = new IonCloud(c.code, c.size, new Rng(3), { beta0: 0, launchGap: 3, ...(liquid ? { liquid } : {}) });
    cloud.add(c.hole[0]!, c.hole[1]!, c.hole[2]!);
    cloud.add(c.mid[0]!, c.mid[1]!, c.mid[2]!);
    cloud.run(200, true);
    const midV = c.at(c.mid[0]!, c.mid[1]!, c.mid[2]!);
    assert.equal(c.code[c.at(c.hole[0]!, c.hole[1]!, c.hole[2]!)], METAL, `${mode}: A reduced in the hole`);
    if (mode === 'void') {
      assert.equal(cloud.particles, 1, 'B is not reduced (its voxel, sealed off in the same sweep before its turn, is no longer sticky)');
      assert.equal(cloud.n, 1, 'B is still in flight');
      assert.deepEqual([cloud.xs[0], cloud.ys[0], cloud.zs[0]], c.mid, 'B has not moved');
      assert.equal(count(c.code, VOID), 27, 'the cavity is sealed liquid');
      assert.equal(c.code[midV], VOID);
      assert.equal(labelMismatch(c.lat, c.code), null);
      // a rest: the held walker stays (no hop out of or within sealed liquid)
      const r = restDriftWalkers(c.code, c.size, new Rng(5), { xs: Int32Array.of(c.mid[0]!), ys: Int32Array.of(c.mid[1]!), zs: Int32Array.of(c.mid[2]!) }, 50, { launchGap: 3 });
      assert.deepEqual([r.walkers.xs[0], r.walkers.ys[0], r.walkers.zs[0]], c.mid);
      assert.equal(r.steps, 0);
      // the pocket reopened (its codes EMPTY again, as a strip would leave them): the walker walks on and is reduced
      for (let v = 0; v < c.code.length; v++) if (c.code[v] === VOID) c.code[v] = EMPTY;
      c.code[c.at(c.hole[0]!, c.hole[1]!, c.hole[2]!)] = EMPTY;
      const again = new IonCloud(c.code, c.size, new Rng(3), { beta0: 0, launchGap: 3 });
      again.add(c.mid[0]!, c.mid[1]!, c.mid[2]!);
      again.run(400, true);
      assert.equal(again.particles, 1, 'walks on once its liquid is joined again');
    } else {
      assert.equal(cloud.particles, 2, 'fill: B is reduced in the sealed cavity');
      assert.equal(cloud.n, 0);
      assert.equal(count(c.code, VOID), 0);
    }
  }
});

test('sealed_pores void with walkers from a run file: one at a time, the same deposit as fill with its sealed liquid labelled; on a clock, the labels exact and the ions balanced', () => {
  /** a Simulation whose host carries the cups (the app rebuilt from the codes: labelled from scratch) */
  const withCups = (run: Record<string, unknown>) => {
    const sim = new Simulation(parseRunInput(run));
    const [nx, ny] = sim.run.lattice.size;
    cups(sim.app.code, nx, ny, sim.d.hostTopZ);
    sim.rebuild();
    return sim;
  };
  const runOf = (sealed: 'void' | 'fill') => { const sim = withCups(walkerRun({ model: { sealed_pores: sealed } })); sim.runAll(); return sim; };
  const v = runOf('void'), f = runOf('fill');
  assert.deepEqual(v.stepResults.map((s) => s.ended), ['charge']);
  assert.deepEqual(metalSet(v.app.code), metalSet(f.app.code), 'the same deposit');
  assert.ok(count(v.app.code, VOID) > 0, `sealed liquid: ${count(v.app.code, VOID)} VOID voxels`);
  assert.equal(v.app.checkConsistency(), null);
  assert.equal(labelMismatch(v.app.lat, v.app.code), null);
  const mv = computeMetrics(v), mf = computeMetrics(f);
  assert.equal(mv.porosity, mf.porosity, 'VOID is pore too');
  assert.equal(mv.walkers!.random_walk_steps, mf.walkers!.random_walk_steps);
  // walkers on a clock, with a rest between two plates (ions in flight carried through it)
  const clocked = { lattice: { size: [16, 16, 48], voxel: '20 nm' }, cell: { transport: 'walkers', drift: '0.0004 S/m' },
    protocol: ['Pulse at 10 mA/cm2 for 1 ms, rest 3 ms, 0.001 mAh/cm2', 'Rest for 1 ms', 'Plate at 300 mA/cm2 for 0.001 mAh/cm2'], seed: 3 };
  const sim = withCups(walkerRun({ ...clocked }));
  const metal0 = count(sim.app.code, METAL);
  const carried: number[] = [];
  sim.runAll({ onStepEnd: (s) => { carried.push(walkersInFlight(s)?.xs.length ?? 0); } });
  assert.deepEqual(sim.stepResults.map((s) => s.ended), ['charge', 'time', 'charge']);
  assert.equal(sim.app.checkConsistency(), null);
  assert.equal(labelMismatch(sim.app.lat, sim.app.code), null);
  assert.ok(count(sim.app.code, VOID) > 0, `sealed liquid: ${count(sim.app.code, VOID)} VOID voxels`);
  const st = driftWalkerStats(sim)!;
  assert.equal(carried[1]! + st.injected, st.particles + st.inFlight, 'carried + entered = reduced + in flight (held ones among them)');
  assert.equal(sim.netVoxels, count(sim.app.code, METAL) - metal0, 'one voxel a reduced walker');
  // no walker in flight stands on a solid voxel; the ones on VOID are the held ones
  const w = walkersInFlight(sim)!;
  const [nx, ny] = [16, 16];
  let held = 0;
  for (let i = 0; i < w.xs.length; i++) {
    if (w.zs[i]! >= 48) continue;
    const c = sim.app.code[w.xs[i]! + nx * w.ys[i]! + nx * ny * w.zs[i]!]!;
    assert.ok(c === EMPTY || c === VOID, `walker ${i} on code ${c}`);
    if (c === VOID) held++;
  }
  assert.equal(st.held, held);
});

test('walkers on a clock under void: a checkpoint at a sweep boundary after liquid was sealed resumes to the uninterrupted run', () => {
  const run = parseRunInput(walkerRun({ lattice: { size: [16, 16, 48], voxel: '20 nm' }, cell: { transport: 'walkers', drift: '0.0004 S/m' },
    protocol: ['Pulse at 10 mA/cm2 for 1 ms, rest 3 ms, 0.002 mAh/cm2'], seed: 3 }));
  const withCups = () => { const sim = new Simulation(run); cups(sim.app.code, 16, 16, sim.d.hostTopZ); sim.rebuild(); return sim; };
  const full = withCups();
  full.runAll();
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-void-walkers-'));
  try {
    const file = join(dir, 'ck.bin');
    let kept = false;
    const periodic = withCups();
    periodic.runAll({ checkpoint: { every_s: 0, write: (s: Simulation, st: StepState) => {
      const g = s.clockedWalkers.growth;
      if (!kept && g && g.cloud.sealed > 0 && g.cloud.particles < 0.8 * g.o.target) { writeCheckpoint(file, s, st); kept = true; }
    } } });
    assert.ok(kept, 'a checkpoint after the first pocket was sealed');
    assertSameState(periodic, full, 'taking checkpoints changes nothing');
    const resumed = resumeSimulation(file, run);
    resumed.runAll();
    assertSameState(resumed, full, 'resumed');
    assert.ok(count(resumed.app.code, VOID) > 0);
    assert.equal(labelMismatch(resumed.app.lat, resumed.app.code), null);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
