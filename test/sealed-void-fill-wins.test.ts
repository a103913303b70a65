/**
 * `sealed_pores: void` on the sector engine: the exchange's one conflict, driven on a hand-built box (branch
 * voidsector63). The owner of a domain-edge column seals a liquid voxel there in the same phase as the other thread's hop
 * lands in it (in that thread's copy the voxel is still EMPTY). The rule (parallel/exchange.ts, docs/parallel.md "Sealed
 * electrolyte (void)"): the fill wins on both threads. The receiver drops the owner's relabel and counts it
 * (`conflicts`, summed into SectorRunResult.liquid_conflicts); the owner takes the fill from the hopping thread's list.
 *
 * The path is not reachable on purpose through runSectors: no run file builds this lattice, and which events a phase
 * runs is drawn. So each thread is set up as sector-worker.ts sets it up (its sub-box with wall and ghost columns,
 * strip solver, foreign columns, a ShareExchange), its events are run with PlatingApp.execute, and the exchange is the
 * worker's own (ShareExchange's writeList and readLists; the barriers do not matter with the lists written before
 * they are read). Checked: the counter, both threads' copies against the assembled lattice, every class and label of
 * each thread (checkConsistency), the assembled labels against a labelling from scratch, atoms kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { derive, physicsOf } from '../src/simulation/setup.js';
import { PlatingApp } from '../src/apps/plating.js';
import { Rng } from '../src/kmc/rng.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { EMPTY, METAL } from '../src/lattice/voxel.js';
import { VOID } from '../src/lattice/species.js';
import { PLATING_CHANNELS } from '../src/apps/channels.js';
import { StripSolver, StripSlotMap } from '../src/parallel/strip-solver.js';
import { sectorLayout, globalColumn, localColumn, inBand, WALL_CODE, WALL_BINDING_EV, WALL_RED_SHIFT_EV, LOG_CAPACITY } from '../src/parallel/sectors.js';
import { ShareExchange } from '../src/parallel/exchange.js';
import { labelMismatches } from './helpers/liquid-labels.js';

// 16 x 4 x 8 voxels of 50 nm, 2 threads: thread 0 owns columns x 0-7 (strip 0: x 0-3), thread 1 x 8-15 (strip 0: x 8-11);
// each sees two ghost columns beyond each edge (thread 1 sees x 6, 7: thread 0's edge columns)
const NX = 16, NY = 4, NZ = 8;
const at = (x: number, y: number, z: number) => x + NX * (y + NY * z);
const run = parseRunInput({
  metal: 'Li', host: 'Cu', lattice: { size: [NX, NY, NZ], voxel: '50 nm' }, protocol: ['Plate 0.01 mAh/cm2 at 3 mA/cm2'], seed: 1,
  output: { snapshots: false }, model: { sealed_pores: 'void' },
});
const L = sectorLayout(NX, NY, NZ, 2);

/**
 * Cu at z 0, Li at z 1-3, electrolyte above. A tunnel at y 1, z 2 runs through thread 0's domain from x 3 to its edge
 * column x 7, open to the bulk only through its mouth (3, 1, 3), in thread 0's strip 0. Beside the tunnel's end, in
 * thread 1's edge column, the atom (8, 1, 2) with electrolyte above it: its one open lateral move is into the tunnel.
 */
function boxCells(): Uint8Array {
  const d = derive(run), code = new Uint8Array(NX * NY * NZ).fill(EMPTY);
  code.fill(d.hostCode, 0, NX * NY);
  code.fill(METAL, NX * NY, 4 * NX * NY);
  for (let x = 3; x <= 7; x++) code[at(x, 1, 2)] = EMPTY;
  code[at(3, 1, 3)] = EMPTY;
  code[at(8, 1, 3)] = EMPTY;
  return code;
}

/** one thread as sector-worker.ts builds it: its sub-box (wall, ghost and own columns), strip solver, foreign columns, exchange */
function thread(id: number, full: Uint8Array) {
  const sub = L.subNx, lat = new CubicLattice(sub, NY, NZ, false), code = new Uint8Array(lat.n), gx = new Int32Array(sub);
  for (let lx = 0; lx < sub; lx++) gx[lx] = globalColumn(L, id, lx);
  for (let z = 0; z < NZ; z++) for (let y = 0; y < NY; y++) for (let lx = 0; lx < sub; lx++) code[lx + sub * (y + NY * z)] = gx[lx]! < 0 ? WALL_CODE : full[at(gx[lx]!, y, z)]!;
  const phys = physicsOf(run, derive(run));
  phys.substrate.set(WALL_CODE, { binding_eV: WALL_BINDING_EV, redShift_eV: WALL_RED_SHIFT_EV, terraceBarrier_eV: WALL_BINDING_EV, conducting: true });
  const regions = new Uint8Array(sub), foreign = new Uint8Array(sub), shared = new Uint8Array(sub);
  for (let lx = 0; lx < sub; lx++) {
    const out = lx < L.off || lx >= L.off + L.W;
    regions[lx] = out ? 2 : lx < L.off + L.W / 2 ? 0 : 1;
    foreign[lx] = out ? 1 : 0;
    shared[lx] = inBand(L, lx) ? 1 : 0;
  }
  const solver = new StripSolver(PLATING_CHANNELS, 4096, regions, sub), slots = new StripSlotMap(lat.nxy, lat.n, solver);
  solver.attach(slots);
  const app = new PlatingApp(lat, code, { ...phys, adatoms: 'exact' }, new Rng(7 + id), { solver, slots, foreignColumns: foreign });
  const ex = new ShareExchange(L, id, app, shared, gx, LOG_CAPACITY);
  app.onRelabel = (v) => ex.noteChange(v);
  const log = new Int32Array(2 * LOG_CAPACITY);
  /** local voxel of global (x, y, z) */
  const local = (x: number, y: number, z: number) => { const lx = localColumn(L, id, x); assert.ok(lx >= 0); return lx + sub * (y + NY * z); };
  /** runs the event (faradaic 0, hop 1) of the voxel at global (x, y, z), noting its shared voxels as runStrip does */
  const execute = (x: number, y: number, z: number, kind: 0 | 1) => {
    const v = local(x, y, z), slot = slots.get(v);
    assert.ok(slot >= 0, `voxel (${x}, ${y}, ${z}) has events`);
    const hops = app.counters.hops;
    app.execute(2 * slot + kind);
    ex.noteChange(v);
    if (app.counters.hops !== hops) ex.noteChange(app.lastHopTo);
    return app.counters.hops !== hops;
  };
  return { id, app, ex, log, local, execute, gx, sub };
}
type Thread = ReturnType<typeof thread>;

/** the exchange at the phase's end: each thread writes its list, then each takes the other's */
function exchange(ts: Thread[]): void {
  for (const t of ts) t.ex.writeList(t.log);
  for (const t of ts) t.ex.readLists(ts.filter((o) => o !== t).map((o) => o.log));
}

/** the box as sector-run.ts assembles it (each thread's own columns), and the sub-box voxels that differ from it */
function assemble(ts: Thread[]): { cells: Uint8Array; stale: number } {
  const cells = new Uint8Array(NX * NY * NZ);
  for (const t of ts) for (let z = 0; z < NZ; z++) for (let y = 0; y < NY; y++) for (let lx = L.off; lx < L.off + L.W; lx++) cells[at(t.gx[lx]!, y, z)] = t.app.code[lx + t.sub * (y + NY * z)]!;
  let stale = 0;
  for (const t of ts) for (let z = 0; z < NZ; z++) for (let y = 0; y < NY; y++) for (let lx = 0; lx < t.sub; lx++) if (t.gx[lx]! >= 0 && cells[at(t.gx[lx]!, y, z)] !== t.app.code[lx + t.sub * (y + NY * z)]) stale++;
  return { cells, stale };
}

const metal = (cells: Uint8Array) => cells.reduce((s, c) => s + (c === METAL ? 1 : 0), 0);

test('sector exchange under void: the owner seals an edge voxel that the other thread\'s hop fills in the same phase: the fill wins on both threads, counted once', () => {
  const full = boxCells(), metal0 = metal(full);
  const [t0, t1] = [thread(0, full), thread(1, full)] as const;
  const tunnelEnd = at(7, 1, 2);
  assert.equal(full[tunnelEnd], EMPTY, 'the tunnel is joined to the bulk at the start');
  // phase 0: thread 0 fills the tunnel's mouth (strip 0, x 3): the tunnel x 3-7 is sealed, x 6 and 7 in its edge columns
  assert.equal(t0.execute(3, 1, 3, 0), false);
  for (let x = 3; x <= 7; x++) assert.equal(t0.app.code[t0.local(x, 1, 2)], VOID, `thread 0 sealed (${x}, 1, 2)`);
  // ... and thread 1's atom at (8, 1, 2) (its strip 0) hops into the tunnel's end, EMPTY in its copy (a blocked step-up
  // is a null event: drawn again)
  assert.equal(t1.app.code[t1.local(7, 1, 2)], EMPTY);
  let tries = 0;
  while (!t1.execute(8, 1, 2, 1)) assert.ok(++tries < 1000, 'the atom hops');
  assert.equal(t1.app.lastHopTo, t1.local(7, 1, 2), 'its one open move: into the tunnel');
  exchange([t0, t1]);
  // the fill wins: thread 1 dropped thread 0's relabel of (7, 1, 2) and counted it; thread 0 took the fill
  assert.equal(t1.ex.conflicts, 1, 'the conflict is counted by the thread that filled');
  assert.equal(t0.ex.conflicts, 0);
  for (const t of [t0, t1]) {
    assert.equal(t.app.code[t.local(7, 1, 2)], METAL, `thread ${t.id}: the tunnel's end holds the atom`);
    assert.equal(t.app.code[t.local(8, 1, 2)], EMPTY, `thread ${t.id}: the atom's old voxel is open`);
    assert.equal(t.app.code[t.local(6, 1, 2)], VOID, `thread ${t.id}: the rest of the tunnel sealed`);
    assert.equal(t.app.checkConsistency(), null, `thread ${t.id}: every class and label`);
  }
  const { cells, stale } = assemble([t0, t1]);
  assert.equal(stale, 0, 'each thread\'s sub-box equals the assembled lattice');
  assert.deepEqual(labelMismatches(new CubicLattice(NX, NY, NZ, false), cells), { sealedEmpty: [], joinedVoid: [] }, 'the labels are those of a labelling from scratch');
  assert.equal(metal(cells), metal0 + 1, 'atoms kept: one reduction, one hop');
});

test('sector exchange under void, the control: the owner\'s seal of an edge voxel with no fill there is taken by the other thread', () => {
  const full = boxCells();
  const [t0, t1] = [thread(0, full), thread(1, full)] as const;
  t0.execute(3, 1, 3, 0);
  exchange([t0, t1]);
  assert.equal(t1.ex.conflicts, 0);
  for (const x of [6, 7]) assert.equal(t1.app.code[t1.local(x, 1, 2)], VOID, `thread 1 took the relabel of (${x}, 1, 2)`);
  for (const t of [t0, t1]) assert.equal(t.app.checkConsistency(), null, `thread ${t.id}: every class and label`);
  const { cells, stale } = assemble([t0, t1]);
  assert.equal(stale, 0);
  assert.deepEqual(labelMismatches(new CubicLattice(NX, NY, NZ, false), cells), { sealedEmpty: [], joinedVoid: [] });
});
