// hostfilm64 (session 64): a host without its own film (`sei: { host_film: false }`, opt-in). The default (true) is the rule
// until now: the host carries its own film, so an atom grown on it lifts that film onto its exposed faces, and a foil
// starts passivated. false: the host is bare (a freshly cleaned collector, a scraped foil): an atom grown on it takes film
// only from SEI voxels and its metal neighbours' film, and a foil starts with its exposed faces fresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import { resumeSimulation } from '../src/simulation/checkpoint.js';
import { METAL, DEAD, EMPTY } from '../src/lattice/voxel.js';
import { InputError } from '../src/errors.js';
import { CH_HOP } from '../src/apps/plating.js';
import { checkpointHalfway } from './helpers/halfway.js';

const base = (sei: unknown, o: { host?: string; extra?: Record<string, unknown>; protocol?: unknown[]; eD?: string; seed?: number } = {}) => ({
  metal: 'Li', temperature: '25 degC', lattice: { size: [10, 10, 16], voxel: '100 nm' }, host: o.host ?? 'Cu',
  kinetics: { terraceBarrier: o.eD ?? '0.35 eV' }, sei, protocol: o.protocol ?? ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], seed: o.seed ?? 2,
  output: { snapshots: false }, ...(o.extra ?? {}),
});
type Internals = { cov: Uint8Array; str: Uint8Array; isPending(v: number): boolean };
const popcount = (x: number) => { let n = 0; for (; x; x &= x - 1) n++; return n; };
/** the faces of metal voxel v on electrolyte (bit d: neighbour d is EMPTY) */
function exposed(sim: Simulation, v: number): number {
  const nb = new Int32Array(6);
  sim.app.lat.neighbors(v, nb);
  let m = 0;
  for (let d = 0; d < 6; d++) { const w = nb[d]!; if (w >= 0 && sim.app.code[w] === EMPTY) m |= 1 << d; }
  return m;
}
/** film bits on metal, metal atoms with a face on electrolyte, and those of them with no film bit */
function tally(sim: Simulation): { bits: number; atoms: number; bare: number } {
  const m = sim.sei as unknown as Internals;
  let bits = 0, atoms = 0, bare = 0;
  for (let v = 0; v < sim.app.lat.n; v++) {
    const c = sim.app.code[v]!;
    if (c !== METAL && c !== DEAD) continue;
    bits += popcount(m.cov[v]!);
    if (exposed(sim, v) === 0) continue;
    atoms++;
    if (m.cov[v] === 0) bare++;
  }
  return { bits, atoms, bare };
}

test('hostfilm input: host_film true (the default, absent from the spec) or false; anything else refused naming sei.host_film, the value and "true or false"', () => {
  assert.equal('hostFilm' in parseRunInput(base('carbonate')).sei!, false);
  assert.equal('hostFilm' in parseRunInput(base({ set: 'carbonate', host_film: true })).sei!, false);
  assert.equal(parseRunInput(base({ set: 'carbonate', host_film: false })).sei!.hostFilm, false);
  for (const bad of ['false', 'no', 0, 1, 'bare', [false]]) {
    assert.throws(() => parseRunInput(base({ set: 'carbonate', host_film: bad })), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'sei.host_film');
      assert.ok(Object.is(e.value, bad), `value ${String(e.value)}`);
      assert.match(e.expected, /true or false/);
      return true;
    });
  }
});

test('hostfilm plating on Cu, no film formed (formation_rate 0, fresh_fraction 0): the default lifts the host\'s film onto every plated atom; host_film false leaves every one bare (0 film bits)', () => {
  const got: Record<string, ReturnType<typeof tally> & { rep: Record<string, unknown> }> = {};
  for (const hf of [true, false]) {
    const sim = new Simulation(parseRunInput(base({ set: 'carbonate', formation_rate: 0, fresh_fraction: 0, ...(hf ? {} : { host_film: false }) })));
    sim.runStep(sim.steps[0]!);
    got[String(hf)] = { ...tally(sim), rep: sim.sei!.report(sim.app) as Record<string, unknown> };
  }
  const on = got.true!, off = got.false!;
  assert.ok(on.atoms > 50 && off.atoms > 50, `${on.atoms} / ${off.atoms} atoms with a face on electrolyte`);
  assert.equal(on.bare, 0, `default: ${on.bare} of ${on.atoms} surface atoms with no film bit`);
  assert.ok(on.bits > on.atoms, `${on.bits} film bits`);
  assert.equal(off.bits, 0, `host_film false: ${off.bits} film bits`);
  assert.equal(off.bare, off.atoms);
  assert.equal(on.rep.sei_host_film, undefined);
  assert.equal(off.rep.sei_host_film, 0);
});

test('hostfilm foil: a Li foil starts passivated by default (every exposed face filmed), bare with host_film false (no film bit; its surface atoms on the pending list, as fresh faces are)', () => {
  for (const hf of [true, false]) {
    const sim = new Simulation(parseRunInput(base({ set: 'carbonate', ...(hf ? {} : { host_film: false }) }, { host: 'Li', extra: { host_layers: 3 } })));
    const m = sim.sei as unknown as Internals;
    let metal = 0, surf = 0, filmedAll = 0, pending = 0, bits = 0;
    for (let v = 0; v < sim.app.lat.n; v++) {
      if (sim.app.code[v] !== METAL) continue;
      metal++;
      bits += popcount(m.cov[v]!);
      const e = exposed(sim, v);
      if (e === 0) continue;
      surf++;
      if (m.cov[v] === e) filmedAll++;
      if (m.isPending(v)) pending++;
    }
    assert.ok(metal >= 300 && surf >= 100, `${metal} foil voxels, ${surf} on electrolyte`);
    if (hf) { assert.equal(filmedAll, surf); assert.equal(pending, 0); } else { assert.equal(bits, 0); assert.equal(pending, surf); }
  }
});

test('hostfilm with film-slowed hops (0.1 eV, film_hop_on axis): the rates pass checkConsistency after each step on a bare Cu start with film forming (formation_rate 0.1 /s), hops by bare and by filmed atoms both made', () => {
  const sim = new Simulation(parseRunInput(base({ set: 'carbonate', formation_rate: 0.1, fresh_fraction: 0, host_film: false, film_hop_barrier: '0.1 eV', film_hop_on: 'axis' },
    { eD: '0.1 eV', protocol: ['Plate 0.025 mAh/cm2 at 1 mA/cm2', 'Plate 0.025 mAh/cm2 at 1 mA/cm2'] })));
  const m = sim.sei as unknown as Internals & { afterEvent: (a: unknown, ch: number, v: number, t: number) => void };
  let bareHops = 0, filmedHops = 0;
  const inner = m.afterEvent.bind(m);
  m.afterEvent = (a, ch, v, t) => {
    if (ch === CH_HOP && v >= 0 && sim.app.code[v] === EMPTY && sim.app.lastHopTo >= 0) { if (m.cov[v] === 0) bareHops++; else filmedHops++; }
    inner(a, ch, v, t);
  };
  for (const st of sim.steps) { sim.runStep(st); assert.equal(sim.app.checkConsistency(), null); }
  assert.ok(bareHops > 100 && filmedHops > 100, `hops by bare atoms ${bareHops}, by filmed atoms ${filmedHops}`);
  assert.ok(tally(sim).bits > 0);
});

test('hostfilm resume: a checkpoint of a host_film false run resumes to the full run\'s lattice and film (the resolved run carries the key)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostfilm-'));
  try {
    const run = parseRunInput(base({ set: 'carbonate', formation_rate: 0, fresh_fraction: 0, host_film: false }, { protocol: ['Plate 0.03 mAh/cm2 at 1 mA/cm2'] }));
    const file = join(dir, 'c.ckpt');
    const { full } = checkpointHalfway(run, file, { chunk: 200 });
    const resumed = resumeSimulation(file, run);
    resumed.runAll();
    assert.equal(resumed.events, full.events);
    assert.ok(Buffer.from(resumed.app.code).equals(Buffer.from(full.app.code)), 'final lattice');
    assert.equal(tally(full).bits, 0);
    assert.equal(tally(resumed).bits, 0, 'the resumed run plates on a bare host too');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
