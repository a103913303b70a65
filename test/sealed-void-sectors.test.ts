/**
 * `sealed_pores: void` on the sector engine (branch voidsector; docs/model.md, "With the sector engine"): each thread
 * labels the liquid of its own domain only; a search that reaches another thread's column counts as joined (the wall as
 * bulk, at the domain's edge: apps/liquid.ts, "Foreign columns"); a relabel in a domain's edge columns (the other
 * thread's ghosts) goes through the exchange like any change of a shared voxel, and the one conflict (the owner seals a
 * voxel the other thread's hop fills in the same phase) is settled the same way on both threads (the fill wins).
 * Checked here: every thread's classes and labels against a recomputation after every cycle (check: true, with the rule's
 * from-scratch labelling of its sub-box), the threads' copies against the assembled lattice (stale voxels), atoms
 * conserved, and the assembled lattice's labels against a labelling from scratch over the whole box: every disagreement
 * must be the rule's (EMPTY liquid sealed in truth, in a pocket that crosses a domain edge), and they are counted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSectors, endKeptSectorThreads } from '../src/parallel/sector-run.js';
import { sectorLayout } from '../src/parallel/sectors.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { EMPTY, METAL } from '../src/lattice/voxel.js';
import { SealedLiquid } from '../src/apps/liquid.js';
import { VOID } from '../src/lattice/species.js';
import { labelMismatches } from './helpers/liquid-labels.js';
import { parseRunInput } from '../src/input/parse.js';
import { derive, physicsOf } from '../src/simulation/setup.js';
import { PlatingApp } from '../src/apps/plating.js';
import { Rng } from '../src/kmc/rng.js';
import { HOST_BASE } from '../src/lattice/voxel.js';
import { StripSolver, StripSlotMap } from '../src/parallel/strip-solver.js';
import { PLATING_CHANNELS } from '../src/apps/channels.js';

const SIZE = [16, 16, 16] as const;
const input = (seed: number, sealed: 'fill' | 'void') => ({
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [...SIZE], voxel: '50 nm' },
  protocol: ['Plate 0.05 mAh/cm2 at 3 mA/cm2'], seed, output: { snapshots: false }, model: { sealed_pores: sealed },
});

test('foreign columns (a sector thread\'s ghosts): their EMPTY liquid counts as joined and is never relabelled; the owner\'s VOID there stops a path; a search over VOID does not enter them', () => {
  // 8 x 1 x 4, periodic in x: z 0 and 2 metal, z 3 the bulk; at z 1 pocket A (x 1, 2) and pocket B (x 5, 6);
  // columns 6 and 7 are another thread's
  const NXs = 8, lat = new CubicLattice(NXs, 1, 4, false);
  const at = (x: number, z: number) => x + NXs * z;
  const fresh = () => {
    const code = new Uint8Array(lat.n).fill(METAL);
    for (let x = 0; x < NXs; x++) code[at(x, 3)] = EMPTY;
    for (const x of [1, 2, 5, 6]) code[at(x, 1)] = EMPTY;
    return code;
  };
  const foreign = new Uint8Array(NXs); foreign[6] = 1; foreign[7] = 1;
  // without foreign columns both pockets are sealed
  const whole = fresh();
  assert.equal(new SealedLiquid(lat, whole).labelAll(), 4);
  // with them: A sealed, B's own voxel joined through the foreign EMPTY one, which is left as it is
  const code = fresh(), liq = new SealedLiquid(lat, code, foreign);
  assert.equal(liq.labelAll(), 2);
  assert.deepEqual([1, 2, 5, 6].map((x) => code[at(x, 1)]), [VOID, VOID, EMPTY, EMPTY]);
  assert.equal(liq.isOpen(at(6, 1)), true);
  assert.equal(liq.isOpen(at(5, 1)), false);
  // the owner relabels x 6 VOID (taken through the exchange): no path any more, x 5 is sealed
  code[at(6, 1)] = VOID;
  const toVoid: number[] = [];
  liq.afterFill(at(6, 1), toVoid);
  assert.deepEqual(toVoid, [at(5, 1)]);
  code[at(5, 1)] = VOID;
  // metal above x 5 oxidised: joined from the bulk; the pocket beside it turns EMPTY, but not the foreign VOID voxel
  code[at(5, 2)] = EMPTY;
  const toEmpty: number[] = [], toVoid2: number[] = [];
  liq.afterOpen(at(5, 2), toEmpty, toVoid2);
  assert.deepEqual(toEmpty, [at(5, 1)]);
  assert.deepEqual(toVoid2, []);
  // a foreign voxel that turns EMPTY (the owner's) is joined by the rule: the own VOID beside it turns EMPTY
  code[at(5, 2)] = METAL; code[at(6, 1)] = VOID; code[at(5, 1)] = VOID;
  code[at(6, 1)] = EMPTY;
  const toEmpty2: number[] = [];
  liq.afterOpen(at(6, 1), toEmpty2, []);
  assert.deepEqual(toEmpty2, [at(5, 1)]);
});

test('PlatingApp with foreign columns: the owner\'s relabels of a ghost voxel, taken by transmute, seal and reopen the own part of a pocket across the edge; every class and label exact', () => {
  // 6 x 6 x 8 voxels of 10 nm: Cu at z 0, Li metal at z 1 and 2 except the pocket A = (2, 2, 2), B = (3, 2, 2), lidded at
  // z 3; columns 3-5 another thread's (B is a ghost voxel)
  const NXa = 6, NYa = 6, NZa = 8, at = (x: number, y: number, z: number) => x + NXa * (y + NYa * z);
  const run = parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [NXa, NYa, NZa], voxel: '10 nm' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false }, model: { sealed_pores: 'void' } });
  const phys = physicsOf(run, derive(run));
  const code = new Uint8Array(NXa * NYa * NZa);
  code.fill(HOST_BASE, 0, NXa * NYa);
  code.fill(METAL, NXa * NYa, 3 * NXa * NYa);
  const A = at(2, 2, 2), B = at(3, 2, 2);
  code[A] = EMPTY; code[B] = EMPTY; code[at(2, 2, 3)] = METAL; code[at(3, 2, 3)] = METAL;
  const foreign = new Uint8Array(NXa); foreign[3] = 1; foreign[4] = 1; foreign[5] = 1;
  const app = new PlatingApp(new CubicLattice(NXa, NYa, NZa, false), code, phys, new Rng(1), undefined);
  // (without foreign columns the pocket is sealed whole)
  assert.deepEqual([app.code[A], app.code[B]], [VOID, VOID]);
  const code2 = code.slice(); code2[A] = EMPTY; code2[B] = EMPTY;
  const lat2 = new CubicLattice(NXa, NYa, NZa, false);
  const regions = new Uint8Array(NXa);
  const solver = new StripSolver(PLATING_CHANNELS, 64, regions, NXa), slots = new StripSlotMap(lat2.nxy, lat2.n, solver);
  solver.attach(slots);
  const own = new PlatingApp(lat2, code2, phys, new Rng(1), { solver, slots, foreignColumns: foreign });
  assert.deepEqual([own.code[A], own.code[B]], [EMPTY, EMPTY], 'A is joined through the ghost voxel B (the rule)');
  assert.equal(own.checkConsistency(), null);
  own.transmute(B, VOID);
  assert.deepEqual([own.code[A], own.code[B]], [VOID, VOID], 'B relabelled by its owner: A sealed');
  assert.equal(own.voidCount, 2);
  assert.equal(own.checkConsistency(), null);
  own.transmute(B, EMPTY);
  assert.deepEqual([own.code[A], own.code[B]], [EMPTY, EMPTY], 'B joined again by its owner: A joined');
  assert.equal(own.voidCount, 0);
  assert.equal(own.checkConsistency(), null);
});

/** the pocket (liquid component, 6-connected over EMPTY and VOID) of voxel v touches both threads' domains */
function crossesDomains(lat: CubicLattice, code: Uint8Array, v: number, W: number): boolean {
  const seen = new Set<number>([v]), stack = [v], nb = new Int32Array(6), sides = new Set<number>();
  while (stack.length > 0) {
    const u = stack.pop()!;
    sides.add(Math.floor((u % lat.nx) / W));
    lat.neighbors(u, nb);
    for (const t of nb) if (t >= 0 && !seen.has(t) && (code[t] === EMPTY || code[t] === VOID)) { seen.add(t); stack.push(t); }
  }
  return sides.size > 1;
}

test('sector engine under void, 2 threads: classes and labels exact per thread after every cycle, the copies agree, atoms kept; the assembled labels differ from scratch only by the rule', { timeout: 120_000 }, async () => {
  const L = sectorLayout(SIZE[0], SIZE[1], SIZE[2], 2);
  const lat = new CubicLattice(SIZE[0], SIZE[1], SIZE[2], false);
  let sealedSeen = 0, ruleMismatches = 0;
  for (const seed of [1, 2]) {
    const r = await runSectors(input(seed, 'void'), { threads: 2, check: true, keepLattice: true });
    assert.equal(r.ended, 'charge');
    assert.deepEqual(r.consistency, [null, null]);
    assert.equal(r.stale_voxels, 0, 'every thread\'s sub-box equals the assembled lattice');
    assert.equal(r.atom_balance, 0);
    const cells = r.cells!;
    let voids = 0;
    for (const c of cells) if (c === VOID) voids++;
    assert.equal(r.void_voxels, voids);
    sealedSeen += voids;
    const m = labelMismatches(lat, cells);
    assert.deepEqual(m.joinedVoid, [], 'no VOID voxel is joined to the bulk');
    for (const v of m.sealedEmpty) assert.ok(crossesDomains(lat, cells, v, L.W), `voxel ${v}: EMPTY, sealed off, in a pocket inside one domain`);
    ruleMismatches += m.sealedEmpty.length;
  }
  assert.ok(sealedSeen > 0, 'the runs sealed some liquid (else the test shows nothing)');
  console.log(`# VOID voxels ${sealedSeen}, EMPTY sealed by the rule ${ruleMismatches} (seeds 1-2)`);
  await endKeptSectorThreads();
});
