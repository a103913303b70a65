/**
 * Limits on what a run file may ask for, checked after parsing and before anything is allocated:
 * the size of the unrolled protocol, currents and overpotentials within what an electrochemical
 * cell can see, the nesting depth of a parsed file, and a default sampling interval for
 * protocols with no known charge (rest-only or potentiostatic).
 */
import { FileError, InputError } from '../errors.js';
import { countSteps, isRepeat } from './protocol.js';
import type { ProtocolEntry, ProtocolStep, ResolvedRun } from './types.js';
import { seiWarnings } from './sei.js';
import { narrowBoxWarning } from '../fields/space-charge.js';
import { C_PER_M2_PER_MAH_PER_CM2, CONST, TO } from '../units.js';

/** Steps after unrolling repeats (flattenProtocol builds them all): a repeat of 1e6 plate/strip cycles fits. */
export const MAX_STEPS = 2_000_000;
/** 1000 mA/cm2 = 1e4 A/m2: ten times the highest current densities reported for metal anodes. */
export const MAX_CURRENT_A_PER_M2 = 1e4;
/** |overpotential| of a potentiostatic hold: 1 V is far beyond any plating overpotential (a cut-off may be larger: "until 5 V" means strip until nothing is left). */
export const MAX_OVERPOTENTIAL_V = 1;
/** nesting depth of a run file's YAML/JSON (a run file needs fewer than 10 levels). */
export const MAX_DEPTH = 64;

function walk(entries: ProtocolEntry[], field: string, visit: (s: ProtocolStep, f: string) => void): void {
  entries.forEach((e, i) => {
    const f = `${field}[${i}]`;
    if (isRepeat(e)) walk(e.steps, `${f}.steps`, visit); else visit(e, f);
  });
}

export function checkProtocolLimits(entries: ProtocolEntry[], field = 'protocol'): void {
  const n = countSteps(entries);
  if (!(n <= MAX_STEPS)) {
    throw new InputError(field, `${n.toExponential(2)} steps after unrolling repeats`, `at most ${MAX_STEPS.toLocaleString('en')} steps (lower the repeat counts)`);
  }
  walk(entries, field, (s, f) => {
    if (s.control === 'galvanostatic' && !(s.current_A_per_m2 <= MAX_CURRENT_A_PER_M2)) {
      throw new InputError(f, s.text, `a current density up to ${TO.mA_per_cm2(MAX_CURRENT_A_PER_M2)} mA/cm2 (got ${TO.mA_per_cm2(s.current_A_per_m2).toPrecision(3)} mA/cm2)`);
    }
    if (s.overpotential_V !== undefined && !(Math.abs(s.overpotential_V) <= MAX_OVERPOTENTIAL_V)) {
      throw new InputError(f, s.text, `an overpotential from -${MAX_OVERPOTENTIAL_V * 1e3} to ${MAX_OVERPOTENTIAL_V * 1e3} mV against the metal (got ${(s.overpotential_V * 1e3).toPrecision(4)} mV): ${HOLD_MEANING}`);
    }
    // a cell-voltage hold: the working electrode's overpotential is at most the cell voltage (the counter electrode's and
    // the ohmic parts have the current's sign), so the same bound keeps it within the overpotential's
    const v = s.held_cell_voltage_V;
    if (v !== undefined && !(Math.abs(v) <= MAX_OVERPOTENTIAL_V)) {
      throw new InputError(f, s.text, `a cell voltage from -${MAX_OVERPOTENTIAL_V * 1e3} to ${MAX_OVERPOTENTIAL_V * 1e3} mV (got ${(v * 1e3).toPrecision(4)} mV): the cell is the metal against itself (a half cell with a metal counter electrode, no open-circuit offset), so a full cell's "Hold at 4.2 V" has no counterpart`);
    }
  });
}

/**
 * What a Hold step holds, for the words of the limit above and of holdWarnings: a cycler user's "Hold at 0.5 V for 1 h"
 * (a cell-voltage hold) ran as a +500 mV stripping overpotential (review52: 5 of 6 voxels stripped in 5e-6 s), and
 * PyBaMM's "Hold at 4.2 V" was told only the range.
 */
const HOLD_MEANING = 'a Hold step holds the working electrode\'s overpotential against the metal, not the cell voltage '
  + '(a negative overpotential plates, a positive one strips); a cell-voltage hold is written "Hold at cell voltage 500 mV" (a half cell\'s: a full cell\'s "Hold at 4.2 V", a cycler\'s or PyBaMM\'s, has no counterpart)';

/** |overpotential| of a hold from which holdWarnings warns: ten times the plating overpotentials of the review's hosts (tens of mV). */
export const HOLD_WARN_V = 0.1;

/**
 * One warning line per Hold step (as written: a repeat block's step once) whose |overpotential| is at least HOLD_WARN_V,
 * said before a run by `simulate` (single, --seeds, --sectors) and `compare`: such a hold is most likely a cell voltage
 * meant ("Hold at 0.5 V for 1 h"), run as the working electrode's overpotential (review52).
 */
export function holdWarnings(entries: readonly ProtocolEntry[], field = 'protocol'): string[] {
  const out: string[] = [];
  walk(entries as ProtocolEntry[], field, (s, f) => {
    const eta = s.overpotential_V;
    if (eta === undefined || !(Math.abs(eta) >= HOLD_WARN_V)) return;
    const mV = Number((eta * 1e3).toPrecision(6));
    out.push(`warning: ${f} "${s.text}" holds the working electrode's overpotential at ${mV > 0 ? '+' : ''}${mV} mV against the metal, not a cell voltage of ${mV} mV: `
      + `a ${eta > 0 ? 'stripping' : 'plating'} hold (a negative overpotential plates, a positive one strips; plating overpotentials are tens of mV, e.g. "Hold at -50 mV"); for a cell voltage write "Hold at cell voltage ${mV} mV"`);
  });
  return out;
}

/**
 * `cell.migration: ohmic` acts only while a galvanostatic plate (a Plate, a Pulse train) runs: the liquid's potential is
 * solved for the set current (fields/transport.ts advance, J from the step's charge clock), so a plating Hold (an
 * overpotential or a cell voltage held) plates exactly as with the option off (review80: `Hold at -250 mV for 0.3 s`,
 * eta.csv byte for byte the same, without a word). The plating holds are named; with no galvanostatic plate at all the
 * line says the option acts in no step of the run.
 */
export function migrationWarnings(run: Pick<ResolvedRun, 'protocol' | 'transport'>, field = 'protocol'): string[] {
  if (run.transport?.migration !== 'ohmic') return [];
  const holds: string[] = [];
  let plates = 0;
  walk(run.protocol, field, (s, f) => {
    if (s.control === 'galvanostatic' && s.kind === 'plate') plates++;
    else if (s.control === 'potentiostatic' && ((s.overpotential_V ?? 0) < 0 || (s.held_cell_voltage_V ?? 0) < 0)) holds.push(`${f} "${s.text}"`);
  });
  const why = 'the liquid\'s potential is solved only for the set current of a galvanostatic plate (Plate, Pulse), so a hold plates as with cell.migration: off (docs/transport.md)';
  if (plates === 0) {
    return [`warning: cell.migration: ohmic acts in no step of this run: ${holds.length ? `${holds.join(', ')} ${holds.length > 1 ? 'are potentiostatic holds' : 'is a potentiostatic hold'}, ` : 'no step plates at a set current; '}${why}`];
  }
  return holds.length ? [`warning: cell.migration: ohmic does not act in ${holds.join(', ')} (${holds.length > 1 ? 'potentiostatic holds' : 'a potentiostatic hold'}): ${why}`] : [];
}

/**
 * A stretch of protocol as a function of the net plated charge x >= 0 at its start (C/m2): it ends at max(x + d, c)
 * and its highest net charge is max(x + a, b) (-Infinity: no such term). Steps, repeats and lists of steps compose
 * (`then`), so a repeat of 1e6 cycles costs about 20 compositions.
 */
type Seg = { d: number; c: number; a: number; b: number };
const NO_CHANGE: Seg = { d: 0, c: -Infinity, a: 0, b: -Infinity };
function then(f: Seg, g: Seg): Seg {
  return { d: f.d + g.d, c: Math.max(f.c + g.d, g.c), a: Math.max(f.a, f.d + g.a), b: Math.max(f.b, f.c + g.a, g.b) };
}
const segEnd = (s: Seg, x: number) => Math.max(x + s.d, s.c);
const segPeak = (s: Seg, x: number) => Math.max(x + s.a, s.b);

/**
 * The net charge a step moves, C/m2, counted so that the protocol's highest net plated charge is a lower bound: a plate
 * adds the charge of its time or its charge, the smaller (a pulse train its on-times'), whatever cut-off it also has;
 * a plate with neither (only a cut-off) and a plating Hold (its charge is known only in the run: an overpotential or a
 * cell voltage held, "CCCV"'s CV part) add nothing; a strip removes its known charge (a Hold's "until" charge at most),
 * or everything plated when it has none ("until 200 mV"); a strip cannot remove more than is plated, a rest nothing.
 */
function stepSeg(s: ProtocolStep): Seg {
  if (s.kind === 'rest') return NO_CHANGE;
  let q = Infinity;
  if (s.control === 'galvanostatic') {
    const pulseTime = s.pulse && s.duration_s !== undefined ? s.current_A_per_m2 * s.duration_s * (s.pulse.on_s / (s.pulse.on_s + s.pulse.off_s)) : Infinity;
    q = Math.min(s.pulse ? pulseTime : s.duration_s !== undefined ? s.current_A_per_m2 * s.duration_s : Infinity, s.charge_C_per_m2 ?? Infinity);
  } else if (s.kind === 'strip' && s.charge_C_per_m2 !== undefined) q = s.charge_C_per_m2;
  if (s.kind === 'plate') return s.control === 'galvanostatic' && q < Infinity ? { d: q, c: -Infinity, a: q, b: -Infinity } : NO_CHANGE;
  return { d: -q, c: 0, a: 0, b: -Infinity };
}

function entriesSeg(entries: readonly ProtocolEntry[], memo: WeakMap<object, Seg>): Seg {
  let r = NO_CHANGE;
  for (const e of entries) r = then(r, entrySeg(e, memo));
  return r;
}
function entrySeg(e: ProtocolEntry, memo: WeakMap<object, Seg>): Seg {
  const known = memo.get(e);
  if (known) return known;
  let s: Seg;
  if (isRepeat(e)) {
    // the body n times, by squaring
    s = NO_CHANGE;
    for (let p = entriesSeg(e.steps, memo), n = e.repeat; n > 0; p = then(p, p), n = Math.floor(n / 2)) if (n % 2 === 1) s = then(s, p);
  } else s = stepSeg(e);
  memo.set(e, s);
  return s;
}

/** The first step at which the net plated charge (from x) exceeds `fits`, with its field and its cycle in each repeat around it. */
function firstOver(entries: readonly ProtocolEntry[], field: string, x: number, fits: number, memo: WeakMap<object, Seg>): { at?: { field: string; text: string; cycles: string }; x: number } {
  for (const [i, e] of entries.entries()) {
    const f = `${field}[${i}]`, s = entrySeg(e, memo);
    if (segPeak(s, x) <= fits) { x = segEnd(s, x); continue; }
    if (!isRepeat(e)) return { at: { field: f, text: e.text, cycles: '' }, x };
    const body = entriesSeg(e.steps, memo);
    for (let k = 1; k <= e.repeat; k++) {
      if (segPeak(body, x) <= fits) { x = segEnd(body, x); continue; }
      const inner = firstOver(e.steps, `${f}.steps`, x, fits, memo);
      if (inner.at) return { at: { ...inner.at, cycles: `, cycle ${k} of ${e.repeat}${inner.at.cycles}` }, x };
      break;
    }
    x = segEnd(s, x);
  }
  return { x };
}

const sig3 = (v: number) => Number(v.toPrecision(3));
const lengthText = (m: number) => (m >= 1e-6 ? `${sig3(m * 1e6)} um` : `${sig3(m * 1e9)} nm`);

/**
 * The protocol's highest net plated charge (C/m2, stepSeg's lower bound; 0 for a protocol that plates nothing known),
 * and the first step that brings it above `fits` (absent when it never does).
 */
export function peakPlatedCharge(entries: readonly ProtocolEntry[], fits = Infinity, field = 'protocol'): { peak_C_per_m2: number; over?: { field: string; text: string; cycles: string } } {
  const memo = new WeakMap<object, Seg>();
  const s = entriesSeg(entries, memo);
  const peak = Math.max(0, segPeak(s, 0));
  const { at } = peak > fits ? firstOver(entries, field, 0, fits, memo) : {};
  return { peak_C_per_m2: peak, ...(at ? { over: at } : {}) };
}

/**
 * One warning line when the protocol's highest net plated charge (peakPlatedCharge: plates add, strips subtract, a Hold
 * or a plate ending only at a cut-off adds nothing) is more, at dense packing (the metal's atomicVolume), than the box
 * holds above its host: up to the layer where a plate ends box_full (nz - 2: simulation.ts) or, with a separator in the
 * box, where the deposit touches it (short_circuit: fields/transport.ts touchesPlane). Says the charge that fits, the
 * height needed and the fix (lattice.size z, cell.separator_distance, or a smaller charge). A lower bound: a porous
 * deposit is taller than a dense one, so a box this check passes may still fill. `sectors`: the sector scheme (--sectors)
 * ends a plate one layer lower (parallel/sector-worker.ts: its top at maxMetalZ + 2 >= nz - 1, i.e. nz - 3), since it
 * reads the deposit's top only at the end of a cycle (each thread's 40 events) and keeps that cycle's growth off the
 * box's top layer; its room is counted so (mends83: boxfit counted the serial room for both).
 */
export function boxFitWarnings(run: Pick<ResolvedRun, 'protocol' | 'lattice' | 'metal' | 'transport'>, o: { sectors?: boolean } = {}): string[] {
  const { size, voxel_m: a, hostLayers } = run.lattice;
  const [nx, ny, nz] = size;
  const layer = layerCharge_C_per_m2(a, run.metal.z, run.metal.atomicVolume_m3);
  if (!(layer > 0) || !(nx * ny > 0)) return [];
  const t = run.transport;
  const planeZ = t?.boundary === 'separator' ? Math.floor(hostLayers + t.distance_m / a + 1e-9) : Infinity;
  const separatorLimits = planeZ < nz && planeZ - 1 < nz - 2;
  // layers kept under the box's top: the serial engine's plate ends with the deposit at nz - 2, the sector scheme's at nz - 3
  const topGap = o.sectors ? 3 : 2;
  const stopZ = separatorLimits ? planeZ - 1 : nz - topGap;
  const freeLayers = Math.max(0, stopZ - hostLayers);
  const fits = freeLayers * layer;
  // the engine ends a step at a whole number of voxels: half a voxel's charge over what fits is not over
  const { peak_C_per_m2: peak, over } = peakPlatedCharge(run.protocol, fits + layer / (nx * ny) / 2);
  if (!over) return [];
  const mAhText = (q: number) => `${sig3(q / C_PER_M2_PER_MAH_PER_CM2)} mAh/cm2`;
  const needLayers = Math.ceil(peak / layer - 1e-9);
  const umPer = (a / layer) * C_PER_M2_PER_MAH_PER_CM2 * 1e6;
  const zNeeded = needLayers + hostLayers + topGap;
  const distNeeded = (needLayers + 1) * a;
  // a separator above the box today lies in a taller box: both are named when both are short
  const fixes = [
    ...(t?.boundary === 'separator' && planeZ - 1 < hostLayers + needLayers ? [`cell.separator_distance at least ${lengthText(distNeeded)} (now ${lengthText(t.distance_m)})`] : []),
    ...(zNeeded > nz ? [`lattice.size z at least ${zNeeded} (now ${nz})`] : []),
  ];
  const fix = `give ${fixes.join(' and ')}`;
  const room = separatorLimits
    ? `${freeLayers} layers of ${lengthText(a)} up to the separator at ${lengthText(t!.distance_m)}, where a deposit that touches it ends the run short_circuit`
    : `${freeLayers} layers of ${lengthText(a)} up to ${nz - stopZ} layers under its top, where ${o.sectors ? 'a sector run (--sectors) ends box_full' : 'a plate ends box_full'}`;
  return [`warning: ${over.field}${over.cycles ? ` (${over.cycles.slice(2)})` : ''} "${over.text}" plates more than the box holds: the protocol's net plated charge reaches ${mAhText(peak)}, `
    + `${lengthText((peak / layer) * a)} of ${run.metal.name} at dense packing (its atomicVolume: ${sig3(umPer)} um per mAh/cm2), and the box has ${lengthText(freeLayers * a)} above its host `
    + `(${room}), room for ${mAhText(fits)}: ${fix}, or plate at most ${mAhText(fits)} net. A lower bound: a porous deposit fills the box sooner `
    + '(a plate counts its charge or time, a Hold or a plate that ends only at a cut-off counts none, a strip its charge or all)'];
}

/**
 * The lines said about a run's input before it runs, by `simulate` (single, --sectors) and by `compare` / `--seeds`
 * (batch/cases.ts): a Hold at a cell voltage's size (holdWarnings), an electrolyte with another electrolyte's SEI
 * set or with none (input/sei.ts seiWarnings, mends73), a protocol whose net plated charge does not fit the box at
 * dense packing (boxFitWarnings; a run without its lattice and metal, as some callers' partial runs, is not checked),
 * and a voxel below the metal's atomic spacing (voxelBelowSpacingWarnings, review69).
 */
export function runInputWarnings(run: Pick<ResolvedRun, 'protocol' | 'transport' | 'sei'> & Partial<Pick<ResolvedRun, 'lattice' | 'metal' | 'temperature_K'>>, o: { sectors?: boolean } = {}): string[] {
  const { lattice, metal } = run;
  // chazal3: a space-charge run in a box too narrow for the front (fields/space-charge.ts narrowBoxWarning)
  const narrow = lattice && metal && run.temperature_K !== undefined ? narrowBoxWarning({ lattice, metal, temperature_K: run.temperature_K, transport: run.transport }) : null;
  return [...holdWarnings(run.protocol), ...migrationWarnings(run), ...seiWarnings(run), ...(lattice && metal ? boxFitWarnings({ protocol: run.protocol, lattice, metal, transport: run.transport }, o) : []),
    ...(narrow ? [narrow] : []), ...(lattice && metal ? pulseResolutionWarnings({ protocol: run.protocol, lattice, metal }) : []),
    ...(lattice && metal ? voxelBelowSpacingWarnings({ lattice, metal }) : [])];
}

/**
 * review69 (audit69's leftover): a voxel below the metal's atomic spacing, out of the atomistic tolerance (parse.ts
 * DEFAULTS.atomisticTolerance: Na or K at Li's 0.30 nm, Li at 0.1 nm), ran labelled "mesoscale" without a word. MODEL.md
 * section 2 defines a voxel of the atomic spacing (atomistic mode) and larger ones (mesoscale mode) only, and forbids
 * neither; the run goes on (its charge per voxel q = (a^3 / Omega) z e still holds), said once with the voxel, the
 * spacing, the share of one atom's charge a voxel carries and the fix.
 */
export function voxelBelowSpacingWarnings(run: Pick<ResolvedRun, 'lattice' | 'metal'>): string[] {
  const { voxel_m: a, mode } = run.lattice;
  const { name, atomicSpacing_m: s, atomicVolume_m3: omega } = run.metal;
  if (mode === 'atomistic' || !(a < s)) return [];
  return [`warning: lattice.voxel ${lengthText(a)} is below ${name}'s atomic spacing, ${lengthText(s)}: MODEL.md section 2 defines that spacing (atomistic mode) `
    + 'and larger voxels (mesoscale mode, its energies effective parameters) only; this run is labelled mesoscale, '
    + `and each voxel carries ${sig3(a ** 3 / omega)} of one atom's charge (a^3 / the atomic volume); give lattice.voxel ${lengthText(s)} (or leave it out) for the atomistic mode, or a larger voxel`];
}

/**
 * mends117 (review86 F2): a Pulse step whose on time passes less than one voxel of the box (I t_on below the voxel's
 * charge per area). The box moves whole voxels (simulation/pulse.ts): an on time passes its rounded share of the
 * train's cumulative count on the galvanostat's clock, so such a train runs as one-voxel on times of q / I, each after
 * about t_off / f of off times back to back (f = I t_on / q, the voxels a pulse asks for; the pulses whose share is
 * 0 take no time), not the t_on / t_off asked; the totals (charge, on time, off time) are kept. Until mends117 only
 * docs/transport.md ("a pulse the box does not resolve") said so and the run printed nothing. Said when the on time
 * run is more than 5 % longer than the one asked (f < 1 / 1.05), with the box (x and y, or a smaller voxel, since a
 * voxel's charge per area is a z e / (atomicVolume nx ny)) or the on time that would resolve the pulse.
 */
export function pulseResolutionWarnings(run: Pick<ResolvedRun, 'protocol' | 'lattice' | 'metal'>, field = 'protocol'): string[] {
  const [nx, ny] = run.lattice.size;
  const a = run.lattice.voxel_m;
  const q = layerCharge_C_per_m2(a, run.metal.z, run.metal.atomicVolume_m3) / (nx * ny); // one voxel, C/m2 of the box
  const out: string[] = [];
  const ms = (s: number) => `${sig3(s * 1e3)} ms`;
  walk(run.protocol, field, (s, f) => {
    const I = Math.abs(s.current_A_per_m2);
    if (!s.pulse || !(I > 0) || !(q > 0)) return;
    const frac = (I * s.pulse.on_s) / q;
    if (!(frac < 1 / 1.05)) return;
    const onRun = q / I;
    const grow = Math.sqrt(1 / frac);
    out.push(`warning: ${f} "${s.text}": a pulse of ${ms(s.pulse.on_s)} at ${sig3(TO.mA_per_cm2(I))} mA/cm2 passes ${sig3(frac)} voxel of this box `
      + `(one voxel is ${mAh(q)} on ${nx} x ${ny} voxels of ${lengthText(a)}), and the box moves whole voxels: the train runs as one-voxel pulses of ${ms(onRun)} `
      + `(one voxel's charge / the current), each after about ${ms(s.pulse.off_s / frac)} of off time (${sig3(1 / frac)} rests of ${ms(s.pulse.off_s)} back to back), `
      + `not the ${ms(s.pulse.on_s)} on / ${ms(s.pulse.off_s)} off asked (the totals of charge, on time and off time are kept); to run the pulse asked give lattice.size x and y at least `
      + `${Math.ceil(nx * grow - 1e-9)} x ${Math.ceil(ny * grow - 1e-9)} (now ${nx} x ${ny}), or a voxel of at most ${lengthText(a * frac)} (now ${lengthText(a)}), `
      + `or an on time of at least ${ms(onRun)} at this current (docs/transport.md, "a pulse the box does not resolve")`);
  });
  return out;
}

/**
 * runInputWarnings of several named runs, each line once, in the order the runs first say it: as it is when every run says
 * it, else with the names of the runs that say it (`warning: a, b: electrolyte ...`). `compare` / `--seeds` (batch/cases.ts
 * protocolWarnings, mends76) and `screen` (its candidates, mends77) print these.
 */
export function mergedInputWarnings(items: readonly { name: string; run: Parameters<typeof runInputWarnings>[0] }[]): string[] {
  const by = new Map<string, string[]>();
  for (const c of items) for (const w of new Set(runInputWarnings(c.run))) by.set(w, [...(by.get(w) ?? []), c.name]);
  return [...by].map(([w, names]) => (names.length === items.length ? w : w.replace(/^(warning|note): /, `$1: ${names.join(', ')}: `)));
}

/** Throws a FileError when a parsed document nests deeper than MAX_DEPTH (checked without recursion). */
export function checkDepth(doc: unknown, file: string): void {
  const stack: [unknown, number][] = [[doc, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d >= MAX_DEPTH) throw new FileError(file, `nested more than ${MAX_DEPTH} levels deep (a run file needs fewer than 10)`);
    for (const c of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) if (c && typeof c === 'object') stack.push([c, d + 1]);
  }
}

/** The charge of one full voxel layer, C/m2 (a z e / atomic volume per layer). */
export function layerCharge_C_per_m2(voxel_m: number, z: number, atomicVolume_m3: number): number {
  return (voxel_m * z * CONST.e) / atomicVolume_m3;
}

/**
 * Sampling interval for a protocol whose steps have no known charge (rests, holds): 1/20 of the
 * charge of one full voxel layer, C/m2.
 */
export function layerSample_C_per_m2(voxel_m: number, z: number, atomicVolume_m3: number): number {
  return layerCharge_C_per_m2(voxel_m, z, atomicVolume_m3) / 20;
}

type Box = { voxel_m: number; nx: number; ny: number; z: number; atomicVolume_m3: number };
const mAh = (q: number) => `${(q / C_PER_M2_PER_MAH_PER_CM2).toExponential(2).replace(/\.?0+e/, 'e')} mAh/cm2`;
/** The box's charge per voxel (C/m2) and the words that give it, with half of it, in mAh/cm2. */
function boxVoxel(box: Box): { voxel: number; words: string } {
  const voxel = layerCharge_C_per_m2(box.voxel_m, box.z, box.atomicVolume_m3) / (box.nx * box.ny);
  return { voxel, words: `${mAh(voxel / 2)}: one voxel is ${mAh(voxel)} on ${box.nx} x ${box.ny} voxels of ${Number((box.voxel_m * 1e9).toPrecision(4))} nm` };
}

/**
 * Refuses a step whose charge limit (a plating or stripping charge, a pulse train's charge, a hold's
 * "until" charge) is below half a voxel of the box: the box moves whole voxels, and such a step
 * would wait for a whole one (at a tiny current, while its double layer settles over R_ct C_dl,
 * ~1e5 s of kMC time on Cu). A step given by a time instead ends at its time (galvanostaticTarget).
 */
export function checkStepCharges(entries: ProtocolEntry[], box: Box, field = 'protocol'): void {
  const { voxel, words } = boxVoxel(box);
  walk(entries, field, (s, f) => {
    if (s.charge_C_per_m2 !== undefined && s.charge_C_per_m2 < voxel / 2) {
      throw new InputError(f, s.text, `a charge of at least half a voxel of this box (${words}); this step ${mAh(s.charge_C_per_m2)}: give a larger charge, or a larger box in x and y`);
    }
  });
}

/**
 * Where a galvanostatic step ends, in net voxels of the box (each of charge q_C; I_A the step's
 * current in the box): at the charge of its time or its charge, the smaller, rounded to whole voxels
 * and at least one (Infinity: neither given). Except a clock-only step (`byTime`): a step given by a
 * time whose charge is below half a voxel ("Plate at 1e-8 mA/cm2 for 1 s" on 8 x 8 voxels of 10 nm):
 * rounded up to a voxel it would run on until a whole one is plated (on the kMC engine, while its
 * double layer settles over R_ct C_dl, ~1e5 s of kMC time on Cu) and report a step far longer than
 * its time. It ends at its time instead, on the kMC clock, as a rest or a timed hold (target
 * Infinity): the serial engine (simulation.ts runSubStep), the generic loop's step parts
 * (engine/protocol-parts.ts) and ion walkers (simulation/walker-step.ts, as a rest) run it so; the
 * sector scheme, which has no such clock, refuses it (refuseClockOnlySteps). A pulse train is given
 * by its charge (checkStepCharges), never by a time.
 */
export function galvanostaticTarget(step: Pick<ProtocolStep, 'duration_s' | 'charge_C_per_m2' | 'pulse'>, I_A: number, area_m2: number, q_C: number): { target: number; byTime: boolean } {
  const Q = stepCharge_C(step, I_A, area_m2);
  const byTime = step.duration_s !== undefined && !step.pulse && Math.round((I_A * step.duration_s) / q_C) === 0;
  return { target: byTime || Q === Infinity ? Infinity : Math.max(1, Math.round(Q / q_C)), byTime };
}

/** The charge a galvanostatic step passes in the box, C (I_A its current in the box): that of its time or its charge, the smaller; Infinity when neither is given. */
export function stepCharge_C(step: Pick<ProtocolStep, 'duration_s' | 'charge_C_per_m2'>, I_A: number, area_m2: number): number {
  const charges: number[] = [];
  if (step.duration_s !== undefined) charges.push(I_A * step.duration_s);
  if (step.charge_C_per_m2 !== undefined) charges.push(step.charge_C_per_m2 * area_m2);
  return Math.min(...charges);
}

/**
 * Refuses the clock-only galvanostatic steps (galvanostaticTarget's `byTime`) for an engine that
 * ends a galvanostatic step only at a count of voxels (`engine`: its name in the message).
 */
export function refuseClockOnlySteps(entries: ProtocolEntry[], box: Box, field: string, engine: string): void {
  const { voxel, words } = boxVoxel(box);
  walk(entries, field, (s, f) => {
    if (s.control !== 'galvanostatic' || !galvanostaticTarget(s, s.current_A_per_m2, 1, voxel).byTime) return;
    throw new InputError(f, s.text, `a time that passes at least half a voxel of this box (${words}) for ${engine}; this step passes ${mAh(s.current_A_per_m2 * s.duration_s!)} `
      + `in its ${s.duration_s} s, and ${engine} ends a step only at a whole voxel, not at a time on the kMC clock (the serial engine runs such a step as a rest): give a longer time or a larger current, or use the serial engine`);
  });
}
