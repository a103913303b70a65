/**
 * Step terminations as objects (after PyBaMM's experiment/step/step_termination.py): what ends
 * a protocol step. A step ends at the first of its terminations reached:
 *
 *   charge          "Plate 0.01 mAh/cm2 at 1 mA/cm2", "Hold at -50 mV until 0.01 mAh/cm2"
 *   time            "for 10 s"
 *   overpotential   "until overpotential 200 mV": the working electrode's overpotential, on the step's side
 *   cell voltage    "until cell voltage 200 mV": the cell's voltage, signed as a cycler's (plating ends below
 *                   -value, stripping above +value, the named form unsigned or with the step's sign, a sign against it refused by the parser; the
 *                   overpotential form likewise; VoltageTermination)
 *                   (overpotential + counter electrode + ohmic part, the cell_voltage_mV column)
 *   current         "Hold at -20 mV until 0.05 mA/cm2" (a Hold step only; the text becomes "until current
 *                   0.05 mA/cm2"): the net faradaic current density in the hold's direction, averaged
 *                   over a window of the time CURRENT_WINDOW_VOXELS voxels take at the limit, falls to the limit or below
 *                   (CurrentTermination; the window: engine/current-window.ts)
 *
 * A bare "until 200 mV" means the cell voltage, as on a cycler (VOLTAGE_CUTOFF_DEFAULT); the step
 * text in steps.csv and resolved.json says which one a step uses. Voltage terminations are tested
 * on each sampled row (time-weighted window averages, as a cycler samples); charge and time are
 * exact counts in the loop (simulation.ts).
 */
import type { ProtocolStep } from './types.js';
import { InputError } from '../errors.js';
import { C_PER_M2_PER_MAH_PER_CM2 } from '../units.js';

export type VoltageQuantity = 'cell_voltage' | 'overpotential';
/** what a bare "until <voltage>" means */
export const VOLTAGE_CUTOFF_DEFAULT: VoltageQuantity = 'cell_voltage';
/** the words a step text uses for each */
export const VOLTAGE_WORDS: Record<VoltageQuantity, string> = { cell_voltage: 'cell voltage', overpotential: 'overpotential' };

/** What the loop knows at a sampled row of a step. */
export interface StepProgress {
  /** charge passed in the step, C/m2 (in the step's direction, positive) */
  charge_C_per_m2: number;
  /** time in the step, s */
  time_s: number;
  /** working-electrode overpotential of the row, mV */
  overpotential_mV: number;
  /** cell voltage of the row, mV */
  cell_voltage_mV: number;
  /** the net faradaic current density of the last closed window, in the step's direction (positive when it flows as the step drives it), A/m2 */
  window_current_A_per_m2?: number;
}

export interface Termination {
  readonly kind: 'charge' | 'time' | VoltageQuantity | 'current';
  /** limit in SI (C/m2, s, V, A/m2; voltages and currents as magnitudes) */
  readonly value: number;
  /** whether the step has reached it */
  reached(p: StepProgress): boolean;
  /** how a step text writes it */
  text(): string;
}

export class ChargeTermination implements Termination {
  readonly kind = 'charge';
  constructor(readonly value: number) {}
  reached(p: StepProgress): boolean { return p.charge_C_per_m2 >= this.value; }
  text(): string { return `${fmt(this.value / C_PER_M2_PER_MAH_PER_CM2)} mAh/cm2`; }
}

export class TimeTermination implements Termination {
  readonly kind = 'time';
  constructor(readonly value: number) {}
  reached(p: StepProgress): boolean { return p.time_s >= this.value; }
  text(): string { return `${fmt(this.value)} s`; }
}

/**
 * A voltage cut-off, reached on the step's side: plating drives the cell voltage and the working
 * electrode's potential below 0 V and ends at -value, stripping drives them above and ends at +value
 * (`direction` -1 and +1, from the step's kind; docs/parameters.md); only a step with no direction (a
 * rest) compares the magnitude. In a steady step this is the magnitude test it replaced; at a step's
 * start it is not: the double layer still carries the previous step's polarisation (cell voltage
 * -100 mV, overpotential -127 mV in the first row of a strip after a plate at 1 mA/cm2), whose magnitude
 * already passes a 20 mV cut-off, and a magnitude test ended the strip there, one event in.
 */
export class VoltageTermination implements Termination {
  constructor(readonly kind: VoltageQuantity, readonly value: number, readonly direction: -1 | 0 | 1 = 0) {}
  reached(p: StepProgress): boolean {
    const v = this.kind === 'cell_voltage' ? p.cell_voltage_mV : p.overpotential_mV;
    return (this.direction === 0 ? Math.abs(v) : this.direction * v) >= this.value * 1e3;
  }
  text(): string { return `${VOLTAGE_WORDS[this.kind]} ${fmt(this.value * 1e3)} mV`; }
}

/**
 * A current cut-off's window, in voxels at the limit current: the current is read over consecutive windows of kMC time
 * of length M q / (A i_lim) (the time M voxels take at the limit), so it is at or below the limit when a window's net
 * count is at most M: read at the limit to 1/M (engine/current-window.ts, which says why not windows of events).
 */
export const CURRENT_WINDOW_VOXELS = 10;

/**
 * A current cut-off (a Hold step's "until 0.05 mA/cm2"), reached when the window's net faradaic current in the step's
 * direction (cathodic for a plating hold at a negative overpotential, anodic for a stripping one) is at or below
 * `value`. A window whose net current flows the other way is below the limit too: a cycler's current passes through
 * zero to reverse, and |I| <= limit ends its step there; a window of discrete events can jump past zero.
 */
export class CurrentTermination implements Termination {
  readonly kind = 'current';
  constructor(readonly value: number) {}
  reached(p: StepProgress): boolean { return p.window_current_A_per_m2 !== undefined && p.window_current_A_per_m2 <= this.value; }
  text(): string { return `current ${fmt(this.value / 10)} mA/cm2`; }
}

/**
 * Which voltage a step's cut-off applies to. A step parsed from text always says; a resolved run
 * built by hand without `cutoff_on` keeps the v1 meaning (the working-electrode overpotential).
 */
export function cutoffQuantity(step: ProtocolStep): VoltageQuantity {
  return step.cutoff_on ?? 'overpotential';
}

/** The sign a step drives the cell voltage to: -1 plating, +1 stripping, 0 a rest (VoltageTermination). */
export function cutoffDirection(step: ProtocolStep): -1 | 0 | 1 {
  return step.kind === 'plate' ? -1 : step.kind === 'strip' ? 1 : 0;
}

/** The terminations of a step, in the order charge, time, voltage, current. */
export function stepTerminations(step: ProtocolStep): Termination[] {
  if (step === null || typeof step !== 'object' || Array.isArray(step) || typeof step.kind !== 'string') throw new InputError('step', step, 'a parsed protocol step: parseProtocol(["Plate 1 mAh/cm2 at 1 mA/cm2"])[0]');
  const out: Termination[] = [];
  if (step.charge_C_per_m2 !== undefined) out.push(new ChargeTermination(step.charge_C_per_m2));
  if (step.duration_s !== undefined) out.push(new TimeTermination(step.duration_s));
  if (step.cutoff_V !== undefined) out.push(new VoltageTermination(cutoffQuantity(step), step.cutoff_V, cutoffDirection(step)));
  if (step.current_cutoff_A_per_m2 !== undefined) out.push(new CurrentTermination(step.current_cutoff_A_per_m2));
  return out;
}

/**
 * Whether a sampled row reaches the step's voltage cut-off. A potentiostatic step holds the
 * overpotential, so only a cell-voltage cut-off applies to it.
 */
export function voltageCutoffReached(step: ProtocolStep, overpotential_mV: number, cell_voltage_mV: number): boolean {
  if (step.cutoff_V === undefined) return false;
  const on = cutoffQuantity(step);
  if (on === 'overpotential' && step.control === 'potentiostatic') return false;
  return new VoltageTermination(on, step.cutoff_V, cutoffDirection(step)).reached({ charge_C_per_m2: 0, time_s: 0, overpotential_mV, cell_voltage_mV });
}

/**
 * Splits the qualifier off an "until" clause: "cell voltage 200 mV" -> { on: 'cell_voltage', rest: '200 mV' }.
 * Accepted: "cell voltage", "voltage" (the cell's), "overpotential", "working-electrode overpotential".
 */
export function splitVoltageQualifier(body: string): { on?: VoltageQuantity; rest: string } {
  const m = /^(cell\s+voltage|voltage|(?:working[-\s]electrode\s+|WE\s+)?overpotential)\s*(.*)$/is.exec(body.trim());
  if (!m) return { rest: body };
  return { on: /overpotential/i.test(m[1]!) ? 'overpotential' : 'cell_voltage', rest: m[2]!.trim() };
}

/** The step text with the default voltage quantity written out ("until 200 mV" -> "until cell voltage 200 mV"). */
export function explicitUntil(text: string, on: VoltageQuantity): string {
  return text.replace(/\buntil\s+/i, `until ${VOLTAGE_WORDS[on]} `);
}

function fmt(x: number): string { return String(Number(x.toPrecision(6))); }
