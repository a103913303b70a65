/**
 * The event rates recomputed independently (branch energyaudit): MODEL.md sections 3 and 8.3 and the parameter sets'
 * own numbers, written out here without the engine's helpers, against what the engine files in its solver.
 *
 *  1. Site energies and rate constants of resolved runs (Li/Na/K, hosts, SACs, two temperatures, both voxel modes):
 *     kT = k_B T, k0 = i0(T) a^2 / q with q = (a^3 / Omega) z e and i0(T) Arrhenius from its 25 degC value, the hop
 *     attempt frequency nu (a0/a)^4 in the mesoscale mode, host binding (1 + cos theta) / 2 x E_mm, SAC binding from
 *     the review's DFT numbers (docs/parameters.md), SAC reduction shift from the desolvation energy.
 *  2. Every voxel of random small deposits (host, SACs, an insulating host patch, dead metal, overhangs, holes, the top
 *     of the box): reduction k0 exp(-E_red/kT), E_red the lowest shift of a conducting neighbour; oxidation
 *     k0 exp(-(E_red + E_bond - 3 E_mm)/kT) for metal with an electrolyte neighbour; the hop entity
 *     nu exp(-(E_d - E_mm + E_bond)/kT) (n_plain + n_step exp(-E_ES/kT)), E_bond = every bond the atom has. Read
 *     from both the plating app's solver (the fast path) and the generic event types (apps/events/).
 *  3. Detailed balance with one Hamiltonian H = -sum of bonds + N (E_kink - e eta): for every oxidation and the
 *     reduction that undoes it, and every hop and its reverse, the engine's rates in the two configurations have the
 *     ratio exp(-(H_after - H_before)/kT), H summed over the whole box here; the moves without a reverse are exactly
 *     the documented exceptions (docs/model.md, "One energy function").
 *  4. The channel multipliers: reduction x exp(alpha f eta), oxidation x exp(-(1 - alpha) f eta), hops x 1, with
 *     alpha from the set or a `kinetics:` override (0.3: a swapped alpha and 1 - alpha fails), f = e/kT.
 * Cheap: a few hundred voxels, a few thousand engine rates, well under a second.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { derive, physicsOf } from '../src/simulation/setup.js';
import { Simulation } from '../src/simulation/simulation.js';
import { PlatingApp, CH_RED, CH_OX, CH_HOP, type PlatingPhysics } from '../src/apps/plating.js';
import { platingEventTypes } from '../src/apps/events/plating-types.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { HelicalLattice } from '../src/kmc/helical-lattice.js';
import { Rng } from '../src/kmc/rng.js';
import { EMPTY, METAL, DEAD, HOST_BASE, SAC_BASE } from '../src/lattice/voxel.js';
import { VOID } from '../src/lattice/species.js';
import { METALS } from '../src/params/metals.js';
import { SAC_SPECS } from '../src/params/sacs.js';
import type { ResolvedRun } from '../src/input/types.js';
import { runAtomistic } from '../src/nucleation/atomistic.js';

// CODATA 2018 (exact SI values), written out here
const KB_EV = 8.617333262e-5; // eV/K
const E_C = 1.602176634e-19; // C
const F_C = 96485.33212; // C/mol
const T25 = 298.15;

const close = (a: number, b: number, rel = 1e-5): boolean => a === b || Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));

// ---------------------------------------------------------------------------------------------
// 1. site energies and rate constants

const contact = (deg: number) => (1 + Math.cos((deg * Math.PI) / 180)) / 2;
/** the hosts' assumed contact angles (docs/parameters.md, params/hosts.ts notes): lithiophobic 135 deg, N-doped 90 deg */
const HOST_FACTOR: Record<string, number> = { Cu: contact(135), graphene: contact(135), 'carbon-cloth': contact(135), 'hard-carbon': contact(135), 'N-graphene': contact(90) };
const dft = (sac: string, metal: string, key: string): number => {
  const s = SAC_SPECS.find((x) => x.name === sac)!.metals[metal as 'Li']!.dft[key]!;
  return s.unit === 'kJ/mol' ? (s.value * 1000) / F_C : s.value;
};
/** the SAC's binding and reduction shift by the rules of docs/parameters.md, from the review's numbers */
function sacExpected(sac: string, metal: string): { binding: number; redShift: number } {
  const bond = METALS[metal]!.bond.value, coh = METALS[metal]!.cohesiveEnergy.value;
  switch (`${sac}/${metal}`) {
    case 'Zn-N4/Li': return { binding: HOST_FACTOR.graphene! * bond + Math.abs(dft(sac, metal, 'Li0_binding')) - Math.abs(dft(sac, metal, 'Li0_binding_graphene')), redShift: 0 };
    case 'Fe-N4/Li': return { binding: bond + Math.abs(dft(sac, metal, 'Li0_binding')) - Math.abs(dft(sac, metal, 'Li0_binding_Li_surface')), redShift: 0 };
    case 'SAFe-CVRCS/Li': return { binding: HOST_FACTOR['carbon-cloth']! * bond, redShift: -dft(sac, metal, 'desolvation_Li_DME4_to_DME3') };
    case 'Zr-N4/Li': return { binding: HOST_FACTOR['N-graphene']! * bond + Math.max(0, Math.abs(dft(sac, metal, 'Li0_binding')) - coh), redShift: 0 };
    case 'Mn-N4/Li': return { binding: HOST_FACTOR['N-graphene']! * bond + Math.max(0, Math.abs(dft(sac, metal, 'Li0_binding')) - coh), redShift: 0 };
    case 'Co-N4/Na': return { binding: HOST_FACTOR['N-graphene']! * bond + Math.max(0, Math.abs(dft(sac, metal, 'Na0_binding')) - coh), redShift: 0 };
    case 'Co-N4/K': return { binding: HOST_FACTOR['hard-carbon']! * bond + Math.max(0, Math.abs(dft(sac, metal, 'K0_adsorption')) - coh), redShift: 0 };
    case 'Zn-N4/Na': return { binding: HOST_FACTOR['N-graphene']! * bond + Math.abs(dft(sac, metal, 'Na_binding')) - Math.abs(dft(sac, metal, 'Na_binding_substrate')), redShift: 0 };
    default: throw new Error(`no expectation for ${sac}/${metal}`);
  }
}

interface Case { metal: string; T_K: number; voxel_nm: number; host: string; sacs: string[]; alpha?: number }
const CASES: Case[] = [
  { metal: 'Li', T_K: T25, voxel_nm: 10, host: 'graphene', sacs: ['Zn-N4', 'SAFe-CVRCS'] },
  { metal: 'Li', T_K: 263.15, voxel_nm: 0.30, host: 'N-graphene', sacs: ['Zr-N4', 'Fe-N4'], alpha: 0.3 },
  { metal: 'Na', T_K: 273.15, voxel_nm: 0.37, host: 'N-graphene', sacs: ['Co-N4', 'Zn-N4'] },
  { metal: 'K', T_K: 318.15, voxel_nm: 20, host: 'Cu', sacs: ['Co-N4'], alpha: 0.7 },
];

function resolve(c: Case, size: [number, number, number] = [6, 5, 8], step = 'Plate 0.0001 mAh/cm2 at 1 mA/cm2', keep: boolean | 'void' = false): ResolvedRun {
  return parseRunInput({
    ...(keep ? { model: { sealed_pores: keep === 'void' ? 'void' : 'keep' } } : {}),
    metal: c.metal, temperature: `${c.T_K} K`, lattice: { size, voxel: `${c.voxel_nm} nm` }, host: c.host,
    sacs: c.sacs.map((site) => ({ site, loading: '10 %' })), host_layers: 2,
    ...(c.alpha !== undefined ? { kinetics: { transferCoefficient: c.alpha } } : {}),
    protocol: [step], seed: 1, output: { snapshots: false },
  });
}

/** the rate constants and site energies of case c from the sets' own numbers (nothing from the engine) */
function expected(c: Case) {
  const m = METALS[c.metal]!;
  const kT = KB_EV * c.T_K;
  const a = c.voxel_nm * 1e-9, a0 = m.atomicSpacing.value * 1e-9, omega = m.atomicVolume.value * 1e-30;
  const i0 = m.exchangeCurrentDensity.value * 10 * Math.exp(-(m.exchangeActivationEnergy!.value / KB_EV) * (1 / c.T_K - 1 / T25)); // mA/cm2 -> A/m2
  const q = (a ** 3 / omega) * m.z.value * E_C;
  const atomistic = Math.abs(a - a0) <= 0.1 * a0;
  return {
    kT, k0: (i0 * a * a) / q, nu: m.attemptFrequency.value * (atomistic ? 1 : (a0 / a) ** 4),
    Emm: m.bond.value, Ed: m.terraceBarrier.value, Ees: m.schwoebel.value,
    alpha: c.alpha ?? m.transferCoefficient.value,
    host: { binding: (c.host === c.metal ? 1 : HOST_FACTOR[c.host]!) * m.bond.value, redShift: 0 },
    sacs: c.sacs.map((s) => sacExpected(s, c.metal)),
  };
}

test('rate constants and site energies of resolved runs equal the sets\' numbers by MODEL.md 2-3 (k0 = i0(T) a^2/q, nu (a0/a)^4, kT, bindings, shifts)', () => {
  for (const c of CASES) {
    const run = resolve(c), d = derive(run), phys = physicsOf(run, d), x = expected(c);
    const tag = `${c.metal} ${c.T_K} K ${c.voxel_nm} nm ${c.host}`;
    assert.ok(close(phys.kT_eV, x.kT, 1e-12), `${tag}: kT ${phys.kT_eV} against ${x.kT} eV`);
    assert.ok(close(d.f_per_V, 1 / x.kT, 1e-12), `${tag}: f ${d.f_per_V} against e/kT ${1 / x.kT} 1/V`);
    assert.ok(close(phys.k0_per_s, x.k0, 1e-9), `${tag}: k0 ${phys.k0_per_s} against i0 a^2/q ${x.k0} 1/s`);
    assert.ok(close(phys.nuHop_per_s, x.nu, 1e-9), `${tag}: nu ${phys.nuHop_per_s} against ${x.nu} 1/s`);
    assert.equal(phys.bond_eV, x.Emm);
    assert.equal(phys.terraceBarrierMetal_eV, x.Ed);
    assert.equal(phys.schwoebel_eV, x.Ees);
    assert.equal(run.metal.alpha, x.alpha, `${tag}: alpha`);
    const host = phys.substrate.get(HOST_BASE)!;
    assert.ok(Math.abs(host.binding_eV - x.host.binding) < 2e-6, `${tag}: host binding ${host.binding_eV} against ${x.host.binding} eV`);
    assert.equal(host.redShift_eV, 0);
    assert.equal(host.conducting, true);
    x.sacs.forEach((s, i) => {
      const got = phys.substrate.get(SAC_BASE + i)!;
      assert.ok(Math.abs(got.binding_eV - s.binding) < 2e-6, `${tag} ${c.sacs[i]}: binding ${got.binding_eV} against ${s.binding} eV`);
      assert.ok(Math.abs(got.redShift_eV - s.redShift) < 2e-6, `${tag} ${c.sacs[i]}: reduction shift ${got.redShift_eV} against ${s.redShift} eV`);
      assert.equal(got.conducting, true);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 2. every voxel's rates, recomputed

/** an insulating host patch (a code the runs' hosts do not use), binding 0.03 eV */
const INSULATOR = HOST_BASE + 1;

interface Model {
  nx: number; ny: number; nz: number;
  kT: number; k0: number; nu: number; Emm: number; Ed: number; Ees: number;
  /** reduction shift of a conducting neighbour (METAL 0); absent: not a site of charge transfer */
  shift: Map<number, number>;
  /** bond of a metal atom to a neighbour of this code */
  bind: Map<number, number>;
  balanced: boolean;
  /** helical boundaries (kmc/helical-lattice.ts): levels a lateral step across the x (y) boundary drops, 0 = periodic */
  rx: number; ry: number;
  /** run file `model: { sealed_pores: keep }` (branch e1pores): no reduction into an EMPTY voxel with no EMPTY face inside the box */
  keep: boolean;
  /**
   * run file `model: { sealed_pores: void }` (branch e1void): sealed liquid is VOID (labelVoid below: no reduction into
   * it, no oxidation out into it), and the top of the box is the bulk electrolyte (an atom in the top layer oxidises)
   */
  void?: boolean;
}

function modelOf(c: Case, nx: number, ny: number, nz: number, balanced: boolean, rise: readonly [number, number] = [0, 0], keep: boolean | 'void' = false): Model {
  const x = expected(c);
  // the sets give derived energies to 1e-6 eV (test 1 checks them to that): the same digits here
  const e6 = (e: number) => Math.round(e * 1e6) / 1e6;
  const shift = new Map<number, number>([[METAL, 0]]), bind = new Map<number, number>([[METAL, x.Emm], [DEAD, x.Emm]]);
  shift.set(HOST_BASE, e6(x.host.redShift)); bind.set(HOST_BASE, e6(x.host.binding));
  x.sacs.forEach((s, i) => { shift.set(SAC_BASE + i, e6(s.redShift)); bind.set(SAC_BASE + i, e6(s.binding)); });
  bind.set(INSULATOR, 0.03);
  return { nx, ny, nz, kT: x.kT, k0: x.k0, nu: x.nu, Emm: x.Emm, Ed: x.Ed, Ees: x.Ees, shift, bind, balanced, rx: rise[0], ry: rise[1], keep: keep === true, void: keep === 'void' };
}

const idx = (M: Model, x: number, y: number, z: number) => x + M.nx * (y + M.ny * z);
/**
 * the six face neighbours: lateral +x, -x, +y, -y (periodic; across a helical boundary rx / ry levels lower going +,
 * higher going -), then +z, -z; -1 outside the closed z range
 */
function faces(M: Model, v: number): number[] {
  const x = v % M.nx, y = Math.floor(v / M.nx) % M.ny, z = Math.floor(v / (M.nx * M.ny));
  const at = (xx: number, yy: number, zz: number) => (zz < 0 || zz >= M.nz ? -1 : idx(M, xx, yy, zz));
  return [
    at((x + 1) % M.nx, y, x === M.nx - 1 ? z - M.rx : z), at((x + M.nx - 1) % M.nx, y, x === 0 ? z + M.rx : z),
    at(x, (y + 1) % M.ny, y === M.ny - 1 ? z - M.ry : z), at(x, (y + M.ny - 1) % M.ny, y === 0 ? z + M.ry : z),
    at(x, y, z + 1), at(x, y, z - 1),
  ];
}
const zOf = (M: Model, v: number) => Math.floor(v / (M.nx * M.ny));

function bondSum(M: Model, code: Uint8Array, v: number): number {
  let e = 0;
  for (const t of faces(M, v)) if (t >= 0 && code[t] !== EMPTY) e += M.bind.get(code[t]!) ?? 0;
  return e;
}
/** lowest reduction shift among v's conducting neighbours (Infinity: none) */
function bestShift(M: Model, code: Uint8Array, v: number): number {
  let b = Infinity;
  for (const t of faces(M, v)) if (t >= 0) { const s = M.shift.get(code[t]!); if (s !== undefined && s < b) b = s; }
  return b;
}

function redRate(M: Model, code: Uint8Array, v: number): number {
  if (code[v] !== EMPTY) return 0;
  // sealed_pores keep: the pore's liquid has no ion to give (the top of the box is not electrolyte, as oxRate reads it)
  if (M.keep && !faces(M, v).some((t) => t >= 0 && code[t] === EMPTY)) return 0;
  const b = bestShift(M, code, v);
  return b === Infinity ? 0 : M.k0 * Math.exp(-b / M.kT);
}
function oxRate(M: Model, code: Uint8Array, v: number): number {
  if (code[v] !== METAL) return 0;
  // no electrolyte beside it (sealed_pores void: the top of the box is the bulk electrolyte, a VOID face is none)
  if (!faces(M, v).some((t, d) => (t >= 0 ? code[t] === EMPTY : M.void === true && d === 4))) return 0;
  const b = bestShift(M, code, v);
  return b === Infinity ? 0 : M.k0 * Math.exp(-(b + bondSum(M, code, v) - 3 * M.Emm) / M.kT);
}
/** the moves of the atom at v: [landing voxel, crosses a step edge] (a thinned step-up onto a taken voxel included: a null event) */
function moves(M: Model, code: Uint8Array, v: number): [number, boolean][] {
  const z = zOf(M, v), nxy = M.nx * M.ny;
  if (code[v] !== METAL || z < 1) return [];
  const above = z + 1 < M.nz ? code[v + nxy]! : EMPTY, below = code[v - nxy]!;
  if (M.balanced ? below === EMPTY : above !== EMPTY) return [];
  const out: [number, boolean][] = [];
  for (const t of faces(M, v).slice(0, 4)) {
    if (t < 0) continue;
    const zt = zOf(M, t); // v's own level but across a helical boundary
    if (code[t] === EMPTY) {
      if (zt >= 1 && code[t - nxy] !== EMPTY) out.push([t, false]); // onto a supported site
      else if (zt >= 2 && code[t - 2 * nxy] !== EMPTY) out.push([t - nxy, true]); // down a step
    } else if (zt + 1 < M.nz && z + 1 < M.nz && above === EMPTY) out.push([t + nxy, true]); // up onto the step
  }
  return out;
}
function hopRate(M: Model, code: Uint8Array, v: number): number {
  const mv = moves(M, code, v);
  if (mv.length === 0) return 0;
  const w = mv.reduce((s, [, es]) => s + (es ? Math.exp(-M.Ees / M.kT) : 1), 0);
  return M.nu * Math.exp(-(M.Ed - M.Emm + bondSum(M, code, v)) / M.kT) * w;
}

/** the configuration's energy at eta = 0: minus every bond a metal (or dead metal) voxel has, plus E_kink per metal voxel */
function energy(M: Model, code: Uint8Array): number {
  let H = 0;
  for (let v = 0; v < code.length; v++) {
    const c = code[v]!;
    if (c !== METAL && c !== DEAD) continue;
    H += 3 * M.Emm;
    for (const t of faces(M, v)) {
      if (t < 0 || code[t] === EMPTY) continue;
      const ct = code[t]!;
      // a metal-metal bond is met from both ends: count it half each time
      H -= ct === METAL || ct === DEAD ? M.Emm / 2 : M.bind.get(ct) ?? 0;
    }
  }
  return H;
}

/** sealed_pores void: the liquid (EMPTY or VOID) that no path of liquid joins to the top layer is VOID, the rest EMPTY */
function labelVoid(M: Model, code: Uint8Array): Uint8Array {
  const out = code.slice(), nxy = M.nx * M.ny, seen = new Uint8Array(code.length), stack: number[] = [];
  const liquid = (c: number) => c === EMPTY || c === VOID;
  for (let v = code.length - nxy; v < code.length; v++) if (liquid(code[v]!)) { seen[v] = 1; stack.push(v); }
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const t of faces(M, v)) if (t >= 0 && !seen[t] && liquid(code[t]!)) { seen[t] = 1; stack.push(t); }
  }
  for (let v = 0; v < code.length; v++) if (liquid(code[v]!)) out[v] = seen[v] ? EMPTY : VOID;
  return out;
}

/** METAL joined to a conducting substrate voxel of the bottom layer through METAL and conducting substrate */
function connected(M: Model, code: Uint8Array): Uint8Array {
  const seen = new Uint8Array(code.length), stack: number[] = [];
  const conducts = (c: number) => c === METAL || (c !== DEAD && M.shift.has(c));
  for (let v = 0; v < M.nx * M.ny; v++) if (conducts(code[v]!)) { seen[v] = 1; stack.push(v); }
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const t of faces(M, v)) if (t >= 0 && !seen[t] && conducts(code[t]!)) { seen[t] = 1; stack.push(t); }
  }
  return seen;
}
const allConnected = (M: Model, code: Uint8Array): boolean => {
  const s = connected(M, code);
  for (let v = 0; v < code.length; v++) if (code[v] === METAL && !s[v]) return false;
  return true;
};

/** a small deterministic generator (not the engine's) */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

/**
 * A random deposit: host in layers 0-1 (SACs and an insulating patch in layer 1), metal columns of random height with
 * holes and overhangs above, a few voxels at the top of the box; metal cut off from the collector made dead, plus a
 * few dead voxels on purpose.
 */
function randomDeposit(M: Model, nSac: number, seed: number, foil: boolean): Uint8Array {
  const r = lcg(seed), nxy = M.nx * M.ny;
  const code = new Uint8Array(nxy * M.nz);
  const base = foil ? METAL : HOST_BASE;
  code.fill(base, 0, 2 * nxy);
  if (!foil) for (let p = 0; p < nxy; p++) {
    const u = r();
    if (u < 0.12 * nSac) code[nxy + p] = SAC_BASE + Math.floor(u / 0.12);
    else if (u > 0.9) code[nxy + p] = INSULATOR;
  }
  for (let p = 0; p < nxy; p++) {
    const h = Math.floor(r() * 5);
    for (let z = 2; z < 2 + h && z < M.nz; z++) if (r() > 0.12) code[z * nxy + p] = METAL; // holes
    if (r() < 0.25) { const z = 2 + h + 1 + Math.floor(r() * 2); if (z < M.nz) code[z * nxy + p] = METAL; } // overhangs, floating atoms
  }
  for (let p = 0; p < nxy; p++) if (r() < 0.15) code[(M.nz - 1) * nxy + p] = METAL; // the top layer of the box
  const s = connected(M, code);
  for (let v = 2 * nxy; v < code.length; v++) if (code[v] === METAL && (!s[v] || r() < 0.04)) code[v] = DEAD;
  // dead metal made on purpose may cut other metal off: make that dead too
  const s2 = connected(M, code);
  for (let v = 0; v < code.length; v++) if (code[v] === METAL && !s2[v]) code[v] = DEAD;
  return code;
}

function physicsFor(c: Case, balanced: boolean, keep: boolean | 'void' = false): PlatingPhysics {
  const run = resolve(c, undefined, undefined, keep);
  const phys = physicsOf(run, derive(run));
  const substrate = new Map(phys.substrate);
  substrate.set(INSULATOR, { binding_eV: 0.03, redShift_eV: 0, terraceBarrier_eV: 0.1, conducting: false });
  return { ...phys, substrate, ...(balanced ? { hops: 'balanced' as const } : {}) };
}

/** the plating app's rate and channel of voxel v's faradaic (kind 0) or hop (kind 1) event: [rate, channel] ([0, -1]: none) */
function appRate(app: PlatingApp, v: number, kind: 0 | 1): [number, number] {
  const slot = app.slots.get(v);
  if (slot < 0) return [0, -1];
  const cls = app.solver.classOf(slot * 2 + kind);
  return cls < 0 ? [0, -1] : [app.solver.rate[cls]!, app.solver.channelOf[cls]!];
}

const NX = 6, NY = 5, NZ = 8;
const latOf = (M: Model) => (M.rx !== 0 || M.ry !== 0 ? new HelicalLattice(NX, NY, NZ, M.rx, M.ry) : new CubicLattice(NX, NY, NZ, false));
const VARIANTS: { c: Case; balanced: boolean; foil: boolean; seed: number; rise?: [number, number] }[] = [
  { c: CASES[0]!, balanced: false, foil: false, seed: 11 },
  { c: CASES[1]!, balanced: true, foil: false, seed: 12 },
  { c: CASES[2]!, balanced: false, foil: false, seed: 13 },
  { c: CASES[3]!, balanced: true, foil: false, seed: 14 },
  { c: { metal: 'Li', T_K: T25, voxel_nm: 10, host: 'Li', sacs: [] }, balanced: false, foil: true, seed: 15 },
  // helical boundaries (a vicinal foil's lattice): lateral neighbours across the box edge two (x) and one (y) levels off
  { c: { metal: 'Li', T_K: T25, voxel_nm: 10, host: 'Li', sacs: [] }, balanced: true, foil: true, seed: 16, rise: [2, 1] },
  { c: CASES[0]!, balanced: false, foil: false, seed: 17, rise: [1, 2] },
];

test('every voxel\'s reduction, oxidation and hop rate in the plating app and in the generic event types equals MODEL.md 3 / 8.3 recomputed', (t) => {
  let nRed = 0, nOx = 0, nHop = 0, nStep = 0, nVoid = 0;
  for (const { c, balanced, foil, seed, rise } of VARIANTS) {
    const M = modelOf(c, NX, NY, NZ, balanced, rise), phys = physicsFor(c, balanced);
    for (let k = 0; k < 3; k++) {
      const code = randomDeposit(M, c.sacs.length, seed * 100 + k, foil);
      const app = new PlatingApp(latOf(M), code.slice(), phys, new Rng(1));
      const gen = platingEventTypes(latOf(M), code.slice(), phys).types;
      for (let v = 0; v < code.length; v++) {
        const tag = `${c.metal} ${c.host} seed ${seed * 100 + k} voxel ${v} (z ${zOf(M, v)}, code ${code[v]})`;
        const red = redRate(M, code, v), ox = oxRate(M, code, v), hop = hopRate(M, code, v);
        const [fr, fch] = appRate(app, v, 0), [hr, hch] = appRate(app, v, 1);
        const want = code[v] === EMPTY ? red : ox;
        assert.ok(close(fr, want), `${tag}: app faradaic ${fr} against ${want} 1/s`);
        if (want > 0) assert.equal(fch, code[v] === EMPTY ? CH_RED : CH_OX, `${tag}: channel`);
        assert.ok(close(hr, hop), `${tag}: app hop ${hr} against ${hop} 1/s`);
        if (hop > 0) assert.equal(hch, CH_HOP, `${tag}: hop channel`);
        assert.ok(close(gen[0]!.rate(v), red), `${tag}: generic reduction ${gen[0]!.rate(v)} against ${red}`);
        assert.ok(close(gen[1]!.rate(v), ox), `${tag}: generic oxidation ${gen[1]!.rate(v)} against ${ox}`);
        assert.ok(close(gen[2]!.rate(v), hop), `${tag}: generic hop ${gen[2]!.rate(v)} against ${hop}`);
        if (red > 0) nRed++;
        if (ox > 0) nOx++;
        if (hop > 0) { nHop++; if (moves(M, code, v).some(([, es]) => es)) nStep++; }
        if (red > 0 && faces(M, v).every((t) => t >= 0 && code[t] !== EMPTY)) nVoid++;
      }
    }
  }
  t.diagnostic(`sites: ${nRed} reductions, ${nOx} oxidations, ${nHop} hops (${nStep} with step moves), ${nVoid} enclosed`);
  // the deposits exercise every branch (numbers of this file's seeds)
  assert.ok(nRed > 300 && nOx > 150 && nHop > 100 && nStep > 50 && nVoid > 0, `sites: ${nRed} reductions, ${nOx} oxidations, ${nHop} hops (${nStep} with step moves), ${nVoid} enclosed`);
});

// ---------------------------------------------------------------------------------------------
// 3. detailed balance between configurations, with the engine's own rates on both sides

/** the plating app on a copy of `code` */
const appOn = (M: Model, code: Uint8Array, phys: PlatingPhysics) => new PlatingApp(latOf(M), code.slice(), phys, new Rng(1));

interface Balance { pairs: number; checked: number; noReverse: string[]; bad: string[] }

/**
 * Every oxidation and every reduction of configuration `code`, and every hop, against the reverse event in the
 * configuration it leads to, both rates read from the plating app (the second through rateAfter): k_forward / k_back must be exp(-(H_after - H_before)/kT).
 * Events that cut metal off (dead metal, a rejected hop) and thinned step-ups onto a taken voxel (null events) have no
 * reverse by design and are left out; events whose reverse the engine does not have are listed in `noReverse`.
 */
/**
 * The app's rate of voxel w's event (kind 0 faradaic, 1 hop) in the configuration `changes` lead to, made with
 * PlatingApp.transmute (the engine's own incremental update, which the event modules use) and undone after the read.
 */
function rateAfter(app: PlatingApp, changes: [number, number][], w: number, kind: 0 | 1): number {
  const old = changes.map(([v]) => app.code[v]!);
  for (const [v, c] of changes) app.transmute(v, c);
  const [k] = appRate(app, w, kind);
  for (let i = changes.length - 1; i >= 0; i--) app.transmute(changes[i]![0], old[i]!);
  return k;
}

function balance(M: Model, phys: PlatingPhysics, code: Uint8Array, out: Balance, what: 'faradaic' | 'hop'): void {
  const app = appOn(M, code, phys), H0 = energy(M, code), es = Math.exp(-M.Ees / M.kT);
  const nxy = M.nx * M.ny;
  for (let v = 0; v < code.length; v++) {
    const tag = `${code[v] === EMPTY ? 'reduction' : 'atom'} at ${v} (z ${zOf(M, v)})`;
    if (what === 'faradaic' && (code[v] === EMPTY || code[v] === METAL)) {
      const [k, ch] = appRate(app, v, 0);
      if (k === 0 || ch < 0) continue;
      const after = code.slice();
      after[v] = code[v] === EMPTY ? METAL : EMPTY;
      if (!allConnected(M, after)) continue; // stripping that cuts metal off: dead metal, no reverse
      out.pairs++;
      const kBack = rateAfter(app, [[v, after[v]!]], v, 0);
      if (kBack === 0) { out.noReverse.push(`${tag}: no electrolyte beside the reduced atom: ${faces(M, v).every((t) => t < 0 || after[t] !== EMPTY)}`); continue; }
      const want = Math.exp(-(energy(M, after) - H0) / M.kT);
      out.checked++;
      if (!close(k / kBack, want)) out.bad.push(`${tag}: k / k_back ${k / kBack} against exp(-(H_after - H_before)/kT) ${want}`);
      continue;
    }
    if (what !== 'hop' || code[v] !== METAL) continue;
    const [k] = appRate(app, v, 1);
    const mv = moves(M, code, v);
    if (k === 0) { assert.equal(mv.length, 0, `${tag}: moves without a hop event`); continue; }
    const W = mv.reduce((s, [, e]) => s + (e ? es : 1), 0);
    for (const [dest, isStep] of mv) {
      if (code[dest] !== EMPTY) continue; // thinned step-up onto a taken voxel: a null event
      const after = code.slice();
      after[v] = EMPTY; after[dest] = METAL;
      if (!allConnected(M, after)) continue; // rejected: would cut metal off or land on nothing connected
      out.pairs++;
      const kFwd = (k * (isStep ? es : 1)) / W;
      const back = moves(M, after, dest).find(([d]) => d === v);
      const kDest = rateAfter(app, [[dest, METAL], [v, EMPTY]], dest, 1);
      const moveTag = `${tag} -> ${dest} (${isStep ? 'step' : 'plain'})`;
      if (back === undefined || kDest === 0) {
        const solidAbove = zOf(M, dest) + 1 < M.nz && after[dest + nxy] !== EMPTY;
        const unsupported = code[v - nxy] === EMPTY;
        out.noReverse.push(`${moveTag}: ${M.balanced ? 'balanced' : 'solid-on-solid'}, ${solidAbove ? 'lands under a solid' : ''}${unsupported ? 'leaves an unsupported site' : ''}`);
        if (M.balanced || !(solidAbove || unsupported)) out.bad.push(`${moveTag}: no reverse move, and not one of the documented one-way moves`);
        continue;
      }
      assert.equal(back[1], isStep, `${moveTag}: the reverse move ${back[1] ? 'crosses' : 'does not cross'} a step edge`);
      const Wb = moves(M, after, dest).reduce((s, [, e]) => s + (e ? es : 1), 0);
      const kBack = (kDest * (isStep ? es : 1)) / Wb;
      const want = Math.exp(-(energy(M, after) - H0) / M.kT);
      out.checked++;
      if (!close(kFwd / kBack, want)) out.bad.push(`${moveTag}: k / k_back ${kFwd / kBack} against exp(-(H_after - H_before)/kT) ${want}`);
    }
  }
  // every change undone: the app's rates are a fresh app's
  assert.deepEqual(app.code, code);
  const fresh = appOn(M, code, phys);
  for (let v = 0; v < code.length; v++) for (const kind of [0, 1] as const) assert.equal(appRate(app, v, kind)[0], appRate(fresh, v, kind)[0], `voxel ${v} kind ${kind} after the round trips`);
}

/**
 * the balance of every variant's first deposit, per kind of event (computed once: the E1 todo test reads the faradaic one
 * too); `keep`: with the run file's `model: { sealed_pores: keep }` (branch e1pores)
 */
const balances = new Map<string, Balance>();
function balanceOf(what: 'faradaic' | 'hop', keep: boolean | 'void' = false): Balance {
  let tot = balances.get(`${what} ${keep}`);
  if (tot !== undefined) return tot;
  tot = { pairs: 0, checked: 0, noReverse: [], bad: [] };
  for (const { c, balanced, foil, seed, rise } of VARIANTS) {
    const M = modelOf(c, NX, NY, NZ, balanced, rise, keep), phys = physicsFor(c, balanced, keep);
    const r: Balance = { pairs: 0, checked: 0, noReverse: [], bad: [] };
    const dep = randomDeposit(M, c.sacs.length, seed * 100, foil);
    balance(M, phys, keep === 'void' ? labelVoid(M, dep) : dep, r, what);
    tot.pairs += r.pairs; tot.checked += r.checked;
    tot.noReverse.push(...r.noReverse.map((x) => `${c.metal}/${c.host}: ${x}`)); tot.bad.push(...r.bad.map((x) => `${c.metal}/${c.host}: ${x}`));
  }
  balances.set(`${what} ${keep}`, tot);
  return tot;
}

test('detailed balance: every hop, oxidation and reduction against its reverse, engine rates on both sides, ratio exp(-dH/kT) with one H', (t) => {
  for (const what of ['faradaic', 'hop'] as const) {
    const tot = balanceOf(what);
    t.diagnostic(`${what}: ${tot.pairs} pairs, ${tot.checked} balanced checked, ${tot.noReverse.length} without a reverse`);
    for (const x of tot.noReverse.slice(0, 12)) t.diagnostic(`  ${x}`);
    assert.deepEqual(tot.bad, []);
    assert.ok(tot.checked > 200, `${tot.checked} pairs checked`);
  }
});

// ---------------------------------------------------------------------------------------------
// 4. the overpotential: the kink site's balance and the channel multipliers

test('eta = 0: a kink site of the metal plates and strips at k0 (with a SAC that catalyses too); the multipliers are exp(alpha f eta), exp(-(1 - alpha) f eta), 1', () => {
  // Li foil, two layers; one more layer over x < 3, and a half row at x = 3 (y 0, 1): the empty voxel (3, 2, 2) touches
  // three metal voxels (a kink site), and so does the atom at (3, 1, 2)
  for (const c of [{ metal: 'Li', T_K: T25, voxel_nm: 10, host: 'Li', sacs: [] }, ...CASES]) {
    const M = modelOf(c, NX, NY, NZ, false), phys = physicsFor(c, false), nxy = NX * NY;
    const code = new Uint8Array(nxy * NZ);
    code.fill(c.host === c.metal ? METAL : HOST_BASE, 0, nxy);
    code.fill(METAL, nxy, 2 * nxy); // a metal film on the host: the kink is the metal's own
    for (let y = 0; y < NY; y++) for (let x = 0; x < 3; x++) code[idx(M, x, y, 2)] = METAL;
    code[idx(M, 3, 0, 2)] = METAL; code[idx(M, 3, 1, 2)] = METAL;
    const app = appOn(M, code, phys), site = idx(M, 3, 2, 2), atom = idx(M, 3, 1, 2);
    const [kRed, chRed] = appRate(app, site, 0), [kOx, chOx] = appRate(app, atom, 0);
    const x = expected(c), tag = `${c.metal} on ${c.host}`;
    assert.equal(chRed, CH_RED); assert.equal(chOx, CH_OX);
    assert.ok(close(kRed, x.k0) && close(kOx, x.k0), `${tag}: kink reduction ${kRed}, oxidation ${kOx}, k0 ${x.k0} 1/s`);
    // a SAC below the kink site: the most catalytic of it and the metal sets the barrier (SAFe-CVRCS's -0.38 eV)
    c.sacs.forEach((_, i) => {
      const withSac = code.slice(), shift = M.shift.get(SAC_BASE + i)!;
      withSac[idx(M, 3, 2, 1)] = SAC_BASE + i; // the voxel below the kink site is the SAC
      const [r2] = appRate(appOn(M, withSac, phys), site, 0), want = x.k0 * Math.exp(-Math.min(0, shift) / M.kT);
      assert.ok(close(r2, want), `${tag}: reduction over ${c.sacs[i]} ${r2} against ${want} 1/s`);
    });
    // the multipliers, read after Simulation.setEta (what the step controllers apply)
    const sim = new Simulation(resolve(c));
    for (const eta of [0.05, -0.03, 0]) {
      sim.setEta(eta);
      const m = sim.app.solver.mult, f = 1 / x.kT;
      assert.ok(close(m[CH_RED]!, Math.exp(x.alpha * f * eta), 1e-12), `${tag} eta ${eta}: reduction x ${m[CH_RED]} against exp(alpha f eta) ${Math.exp(x.alpha * f * eta)} (alpha ${x.alpha})`);
      assert.ok(close(m[CH_OX]!, Math.exp(-(1 - x.alpha) * f * eta), 1e-12), `${tag} eta ${eta}: oxidation x ${m[CH_OX]} against exp(-(1 - alpha) f eta) ${Math.exp(-(1 - x.alpha) * f * eta)}`);
      assert.equal(m[CH_HOP], 1);
      // the kink's two rates at eta: their ratio is exp(f eta) whatever alpha (the equilibrium does not move with alpha)
      assert.ok(close((kRed * m[CH_RED]!) / (kOx * m[CH_OX]!), Math.exp(f * eta), 1e-9), `${tag} eta ${eta}: kink ratio`);
    }
    // a potentiostatic step: "Hold at -50 mV" plates (negative = plating, input/protocol.ts): the controller holds eta = +0.05 V
    const hold = new Simulation(resolve(c, [6, 5, 8], 'Hold at -50 mV for 1e-9 s'));
    hold.runAll();
    assert.ok(close(hold.app.solver.mult[CH_RED]!, Math.exp(x.alpha * 0.05 / x.kT), 1e-12) && close(hold.app.solver.mult[CH_OX]!, Math.exp(-(1 - x.alpha) * 0.05 / x.kT), 1e-12),
      `${tag}: "Hold at -50 mV" multipliers ${hold.app.solver.mult[CH_RED]}, ${hold.app.solver.mult[CH_OX]}`);
  }
});

test('nucleation stage (nucleation/atomistic.ts): a lone host adatom\'s equilibrium occupancy is k_red / (k_red + k_ox), 1 / (1 + exp(-f eta) exp(-(E_host - 3 E_mm)/kT))', () => {
  // the same rate laws on the SOS lattice of the two-scale model: reduction x exp(alpha f eta), oxidation x
  // exp(-(1 - alpha) f eta) exp(-(E_host - E_kink)/kT), the host's reduction shift on both (it cancels)
  for (const [T_K, eta_V, alpha, host, shift] of [[T25, 0.05, 0.5, 0.0146, 0], [263.15, 0.02, 0.3, 0.05, 0.04], [318.15, -0.01, 0.7, 0.35, -0.1]] as const) {
    const r = runAtomistic({
      L: 8, T_K, eta_V, bond_eV: 0.1, hostBinding_eV: host, sacBinding_eV: host, sacRedShift_eV: 0, hostRedShift_eV: shift,
      terraceBarrier_eV: 0.1, nu_per_s: 1e13, k0_per_s: 3e5, alpha, sacSites: [], reservoir: true, target: 4, maxTime_s: 1, maxEvents: 1, seed: 1,
    });
    const kT = KB_EV * T_K, want = 1 / (1 + Math.exp(-eta_V / kT) * Math.exp(-(host - 0.3) / kT));
    assert.ok(close(r.theta1, want, 1e-9), `T ${T_K} K, eta ${eta_V} V, alpha ${alpha}, E_host ${host} eV: theta1 ${r.theta1} against ${want}`);
  }
});

test('E1 (docs/model.md, "Known defects"): every reduction has its reverse, also into a voxel with no electrolyte neighbour', {
  todo: 'E1: a reduction into an electrolyte voxel with no electrolyte neighbour (a closed one-voxel pore; a voxel at the top of the box ' +
    'with solids on its five faces) makes an atom that cannot oxidise (oxidation needs an electrolyte neighbour): no detailed balance ' +
    'there (MODEL.md 8.3). 1,154 of 461,468 reductions (0.25 %) of the film benchmark, none on the main job (bench/energyaudit-probe.ts). ' +
    'The fix moves trajectories: the lead decides (refuse such reductions, or let such atoms oxidise). The refusal is the opt-in ' +
    'run-file switch `model: { sealed_pores: keep }` (branch e1pores; the test below holds it to detailed balance); the electrolyte\'s own ' +
    'connectivity, sealed liquid made VOID, is `model: { sealed_pores: void }` (branch e1void; the last test); the default still fills',
}, () => {
  // the reductions without a reverse (the documented one-way hops are the other test's)
  const bad = balanceOf('faradaic').noReverse;
  assert.deepEqual(bad, []);
});

test('E1 with `model: { sealed_pores: keep }` (branch e1pores): every reduction has its reverse and balances; every voxel\'s reduction rate in both paths equals the recomputation', (t) => {
  const tot = balanceOf('faradaic', true);
  t.diagnostic(`faradaic, keep: ${tot.pairs} pairs, ${tot.checked} balanced checked, ${tot.noReverse.length} without a reverse`);
  assert.deepEqual(tot.noReverse, []);
  assert.deepEqual(tot.bad, []);
  assert.ok(tot.checked > 200, `${tot.checked} pairs checked`);
  // the deposits hold sealed sites (closed pores; the top of the box's are test/sealed-pores.test.ts's): refused in the
  // fast path and the generic type
  let nSealed = 0, nTop = 0;
  for (const { c, balanced, foil, seed, rise } of VARIANTS) {
    const M = modelOf(c, NX, NY, NZ, balanced, rise, true), phys = physicsFor(c, balanced, true);
    for (let k = 0; k < 3; k++) {
      const code = randomDeposit(M, c.sacs.length, seed * 100 + k, foil);
      const app = appOn(M, code, phys), gen = platingEventTypes(latOf(M), code.slice(), phys).types;
      for (let v = 0; v < code.length; v++) {
        if (code[v] !== EMPTY) continue;
        const want = redRate(M, code, v), tag = `${c.metal} ${c.host} seed ${seed * 100 + k} voxel ${v} (z ${zOf(M, v)})`;
        assert.ok(close(appRate(app, v, 0)[0], want), `${tag}: app reduction ${appRate(app, v, 0)[0]} against ${want}`);
        assert.ok(close(gen[0]!.rate(v), want), `${tag}: generic reduction ${gen[0]!.rate(v)} against ${want}`);
        if (want === 0 && bestShift(M, code, v) < Infinity) { nSealed++; if (faces(M, v).includes(-1) && zOf(M, v) === NZ - 1) nTop++; }
      }
      assert.equal(app.checkConsistency(), null);
    }
  }
  t.diagnostic(`sealed sites refused: ${nSealed} (${nTop} at the top of the box)`);
  assert.ok(nSealed > 5, `${nSealed} sealed sites, ${nTop} at the top of the box`);
});

test('kinetics.lateralBond: a value other than the bond the run uses is refused (the rates use E_mm for every lateral bond), the bond itself is accepted', () => {
  const run = (kinetics: Record<string, unknown>) => parseRunInput({
    metal: 'Li', lattice: { size: [6, 5, 8], voxel: '10 nm' }, host: 'graphene', kinetics, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'],
  });
  // until energyaudit `lateralBond: 0.2 eV` ran as if absent: the app's hop and oxidation rates read `bond` only
  assert.throws(() => run({ lateralBond: '0.2 eV' }), (e: Error) => e.name === 'InputError' && /kinetics\.lateralBond: got "0\.2 eV"/.test(e.message) && /0\.1 eV/.test(e.message) && /bond/.test(e.message));
  assert.throws(() => run({ bond: '0.08 eV', lateralBond: '0.1 eV' }), (e: Error) => /kinetics\.lateralBond/.test(e.message) && /0\.08 eV/.test(e.message));
  // the same value as the bond, as docs/parameters.md and docs/speed.md give it, runs; so does bond alone
  assert.equal(run({ bond: '0.1 eV', lateralBond: '0.1 eV' }).metal.bond_eV, 0.1);
  assert.equal(run({ lateralBond: '0.1 eV' }).metal.lateralBond_eV, 0.1);
  assert.equal(run({ bond: '0.08 eV' }).metal.bond_eV, 0.08);
});

test('a SAC on an insulating host is no electron source (MODEL.md 3.1: an electronically connected solid), unless it sits on the collector (one host layer)', () => {
  const run = (hostLayers: number) => new Simulation(parseRunInput({
    metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'glass', host_layers: hostLayers,
    parameters: { hosts: { glass: { conducting: false, metals: { Li: { binding: '0.05 eV', redShift: '0 eV', terraceBarrier: '0.05 eV' } } } } },
    sacs: [{ site: 'Zn-N4', loading: '10 %' }], protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
  }));
  // until energyaudit the SACs (conducting, on no path to the collector) plated 69 voxels on 16 x 16 x 10 voxels of glass with
  // 5 % Zn-N4 (host_layers 2), metal that no path joins to the collector, which then stripped (8 oxidations) and hopped
  const off = run(2);
  off.runAll();
  assert.equal(off.app.counters.reductions, 0, 'reductions from SACs that no path joins to the collector');
  assert.equal(off.stepResults[0]!.ended, 'no_path');
  // one host layer: the SACs are in the collector's layer (z = 0): they conduct, and plate
  const on = run(1);
  on.runAll();
  assert.ok(on.app.counters.reductions > 0 && on.stepResults[0]!.ended === 'charge', `${on.app.counters.reductions} reductions, ${on.stepResults[0]!.ended}`);
});

test('E1 with `model: { sealed_pores: void }` (branch e1void): the app labels sealed liquid VOID as recomputed; every voxel\'s rate in both paths equals MODEL.md 3 with VOID faces no electrolyte; every faradaic pair has its reverse and balances', (t) => {
  let nVoid = 0, nTopOx = 0;
  for (const { c, balanced, foil, seed, rise } of VARIANTS) {
    const M = modelOf(c, NX, NY, NZ, balanced, rise, 'void'), phys = physicsFor(c, balanced, 'void');
    for (let k = 0; k < 3; k++) {
      const raw = randomDeposit(M, c.sacs.length, seed * 100 + k, foil), code = labelVoid(M, raw);
      const app = appOn(M, raw, phys), gen = platingEventTypes(latOf(M), code.slice(), phys).types;
      assert.deepEqual(app.code, code, `${c.metal} ${c.host} seed ${seed * 100 + k}: the app's labelling`);
      for (let v = 0; v < code.length; v++) {
        const tag = `${c.metal} ${c.host} seed ${seed * 100 + k} voxel ${v} (z ${zOf(M, v)}, code ${code[v]})`;
        const red = redRate(M, code, v), ox = oxRate(M, code, v);
        const want = code[v] === EMPTY ? red : ox;
        assert.ok(close(appRate(app, v, 0)[0], want), `${tag}: app faradaic ${appRate(app, v, 0)[0]} against ${want}`);
        assert.ok(close(gen[0]!.rate(v), red), `${tag}: generic reduction ${gen[0]!.rate(v)} against ${red}`);
        assert.ok(close(gen[1]!.rate(v), ox), `${tag}: generic oxidation ${gen[1]!.rate(v)} against ${ox}`);
        if (code[v] === VOID) nVoid++;
        if (ox > 0 && !faces(M, v).some((w) => w >= 0 && code[w] === EMPTY)) nTopOx++;
      }
      assert.equal(app.checkConsistency(), null);
    }
  }
  const tot = balanceOf('faradaic', 'void');
  t.diagnostic(`void: ${nVoid} VOID voxels, ${nTopOx} top-layer atoms oxidising into the bulk above; faradaic ${tot.pairs} pairs, ${tot.checked} balanced checked, ${tot.noReverse.length} without a reverse`);
  // (the deposits hold no top-layer atom with solids on its five faces in the box: test/sealed-void.test.ts builds one)
  assert.ok(nVoid > 5, `${nVoid} VOID voxels`);
  assert.deepEqual(tot.noReverse, []);
  assert.deepEqual(tot.bad, []);
  assert.ok(tot.checked > 200, `${tot.checked} pairs checked`);
});
