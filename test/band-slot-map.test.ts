/**
 * The bounded band slot map (issue 11, seventh round, target 4): its band keeps at most `depth`
 * layers while the side map below it stays small, and it hands out the same slots as the hash
 * map operation for operation (so every fixed-seed trajectory is the same), through a film that
 * climbs (keys leave the band's bottom for the side map, and stragglers arrive below it) and a
 * surface that recedes (the side map fills and the band is widened down).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { SlotMap } from '../src/kmc/slotmap.js';
import { BandSlotMap } from '../src/kmc/bandslotmap.js';
import { Rng } from '../src/kmc/rng.js';

test('bounded band: same slots as the hash map, band depth bounded while climbing, widened when the surface recedes', () => {
  const nxy = 64, nz = 60, n = nxy * nz, depth = 6;
  const a = new SlotMap(16), b = new BandSlotMap(nxy, n, depth);
  const rng = new Rng(11);
  const present = new Set<number>();
  let sawLow = 0, climbEnd: { band: number; span: number } | null = null;
  const steps = 120_000;
  for (let k = 0; k < steps; k++) {
    // the surface climbs to layer 50, then recedes to layer 5; keys in 3 layers around it, and
    // one key in 50 anywhere below it (a pore)
    const climbing = k < steps / 2;
    const surf = climbing ? 2 + Math.floor((48 * k) / (steps / 2)) : 50 - Math.floor((45 * (k - steps / 2)) / (steps / 2));
    const z = rng.int(50) === 0 ? rng.int(surf + 1) : Math.min(nz - 1, Math.max(0, surf - 1 + rng.int(3)));
    const key = z * nxy + rng.int(nxy);
    const op = rng.int(10);
    if (op < 5) { assert.equal(b.getOrAdd(key), a.getOrAdd(key)); present.add(key); }
    else if (op < 7) { a.delete(key); b.delete(key); present.delete(key); }
    else if (op === 7 && present.size > 0) {
      // a present key goes (a pore filled, a site buried)
      const keys = [...present], x = keys[rng.int(keys.length)]!;
      a.delete(x); b.delete(x); present.delete(x);
    }
    else if (present.size >= 2) {
      const keys = [...present];
      const x = keys[rng.int(keys.length)]!, y = keys[rng.int(keys.length)]!;
      if (op === 8 && x !== y) { a.swapKeys(x, y); b.swapKeys(x, y); }
      if (op === 9 && !present.has(key)) { a.rekey(x, key); b.rekey(x, key); present.delete(x); present.add(key); }
    }
    if (k === steps / 2 - 1) {
      // the layers an unbounded band would span: from the lowest key present to the top
      let lo = nz;
      for (const x of present) lo = Math.min(lo, Math.floor(x / nxy));
      climbEnd = { band: b.bandLayers, span: surf + 2 - lo };
    }
    sawLow = Math.max(sawLow, b.lowKeys);
    if (k % 1009 === 0) {
      for (const x of present) assert.equal(b.get(x), a.get(x), `key ${x}`);
      // absent keys are absent in both (below, in and above the band)
      for (let t = 0; t < 50; t++) { const x = rng.int(n); if (!present.has(x)) assert.equal(b.get(x), -1); }
    }
  }
  assert.equal(b.size, a.size);
  assert.equal(b.slotCount, a.slotCount);
  assert.deepEqual(Array.from(b.slotKey.subarray(0, b.slotCount)), Array.from(a.slotKey.subarray(0, a.slotCount)));
  assert.ok(climbEnd !== null && climbEnd.band < climbEnd.span / 2, `after the climb the band spans under half the layers holding keys (${JSON.stringify(climbEnd)})`);
  assert.ok(sawLow > 0, 'keys went to the side map');
  assert.ok(sawLow <= Math.max(256, nxy >> 2), `side map at most 256 keys (${sawLow})`);
  // after the retreat the surface's keys are in the band, not the side map
  assert.ok(b.lowKeys < present.size / 4, `side map ${b.lowKeys} of ${present.size} keys after the retreat`);
});

test('bounded band: a bad depth is refused with its value', () => {
  assert.throws(() => new BandSlotMap(10, 100, 1), /depth must be an integer above 1 layers, got 1/);
});
