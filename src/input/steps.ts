/**
 * Protocol steps as objects (after PyBaMM's experiment/step/: a step is a control, a value and
 * its terminations). Four kinds:
 *
 *   GalvanostaticStep   "Plate at 1 mA/cm2 for 10 s", "Strip at 1 mA/cm2 until 200 mV"
 *   PotentiostaticStep  "Hold at -50 mV for 10 s", "Hold at -50 mV until 0.01 mAh/cm2", "Hold at -20 mV until current 0.05 mA/cm2"
 *   RestStep            "Rest for 1 s"
 *   PulseStep           "Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2"
 *
 * Each gives its control, its drive at time t into the step (current density, or the held
 * overpotential), its terminations (input/termination.ts: charge, time, working-electrode
 * overpotential, cell voltage) and its text. The text is canonical: it parses back to the same
 * step, and a voltage cut-off always says which voltage it is ("until cell voltage 200 mV",
 * "until overpotential 200 mV"; a bare "until 200 mV" on input means the cell voltage, as on a
 * cycler). The plain `ProtocolStep` records stay what run files resolve to and what the plating
 * loop reads; `stepObject` wraps one. engine/protocol-parts.ts turns a step object into the
 * generic loop's parts (controller and stop rules).
 */
import type { ProtocolStep } from './types.js';
import { stepTerminations, cutoffQuantity, VOLTAGE_WORDS, type Termination } from './termination.js';
import { C_PER_M2_PER_MAH_PER_CM2, TO } from '../units.js';

export type StepControl = 'galvanostatic' | 'potentiostatic' | 'rest' | 'pulse';

export interface StepObject {
  readonly control: StepControl;
  /** +1 plates onto the working electrode, -1 strips it, 0 rest */
  readonly direction: 1 | -1 | 0;
  readonly step: ProtocolStep;
  /** current density the step applies at time t into it, A/m2 (magnitude; 0 in a rest, an off time, or a hold) */
  current_A_per_m2(t_s: number): number;
  /** the working-electrode overpotential a hold imposes, V (negative plates), or undefined */
  readonly heldOverpotential_V: number | undefined;
  /** what ends it, in the order charge, time, voltage */
  terminations(): Termination[];
  /** canonical step text (re-parses to this step) */
  text(): string;
}

const f6 = (x: number) => String(Number(x.toPrecision(6)));
const mAcm2 = (j: number) => `${f6(TO.mA_per_cm2(j))} mA/cm2`;
const mAhcm2 = (q: number) => `${f6(q / C_PER_M2_PER_MAH_PER_CM2)} mAh/cm2`;
const ms = (t: number) => (t < 1 ? `${f6(t * 1e3)} ms` : `${f6(t)} s`);

abstract class BaseStep implements StepObject {
  abstract readonly control: StepControl;
  constructor(readonly step: ProtocolStep) {}
  get direction(): 1 | -1 | 0 { return this.step.kind === 'plate' ? 1 : this.step.kind === 'strip' ? -1 : 0; }
  get heldOverpotential_V(): number | undefined { return undefined; }
  current_A_per_m2(_t: number): number { return 0; }
  terminations(): Termination[] { return stepTerminations(this.step); }
  /** the cut-off clause ("cell voltage 200 mV" / "overpotential 200 mV"), or '' */
  protected cutoffText(): string {
    const s = this.step;
    return s.cutoff_V === undefined ? '' : `${VOLTAGE_WORDS[cutoffQuantity(s)]} ${f6(s.cutoff_V * 1e3)} mV`;
  }
  abstract text(): string;
}

export class GalvanostaticStep extends BaseStep {
  readonly control = 'galvanostatic';
  override current_A_per_m2(): number { return this.step.current_A_per_m2; }
  text(): string {
    const s = this.step, v = this.cutoffText();
    return `${s.kind === 'strip' ? 'Strip' : 'Plate'}${s.charge_C_per_m2 !== undefined ? ` ${mAhcm2(s.charge_C_per_m2)}` : ''} at ${mAcm2(s.current_A_per_m2)}` +
      `${s.duration_s !== undefined ? ` for ${f6(s.duration_s)} s` : ''}${v !== '' ? `${s.duration_s !== undefined ? ' or' : ''} until ${v}` : ''}`;
  }
}

export class PotentiostaticStep extends BaseStep {
  readonly control = 'potentiostatic';
  /** the held overpotential; undefined for a cell-voltage hold (heldCellVoltage_V), whose overpotential follows the box */
  override get heldOverpotential_V(): number | undefined { return this.step.held_cell_voltage_V !== undefined ? undefined : this.step.overpotential_V ?? 0; }
  get heldCellVoltage_V(): number | undefined { return this.step.held_cell_voltage_V; }
  /** "for" takes the time (or the charge when there is no time), "until" the charge, the cell-voltage or the current cut-off */
  text(): string {
    const s = this.step;
    if (s.cutoff_V !== undefined && s.current_cutoff_A_per_m2 !== undefined) throw new Error(`a Hold step with a voltage and a current cut-off has no text form: ${s.text}`);
    const v = s.current_cutoff_A_per_m2 !== undefined ? `current ${mAcm2(s.current_cutoff_A_per_m2)}` : this.cutoffText();
    const q = s.charge_C_per_m2 !== undefined ? mAhcm2(s.charge_C_per_m2) : '';
    if (s.duration_s !== undefined && q !== '' && v !== '') throw new Error(`a Hold step with a time, a charge and a voltage limit has no text form: ${s.text}`);
    const forPart = s.duration_s !== undefined ? `${f6(s.duration_s)} s` : q;
    const untilPart = s.duration_s !== undefined ? (q !== '' ? q : v) : v;
    const held = s.held_cell_voltage_V !== undefined ? `cell voltage ${f6(s.held_cell_voltage_V * 1e3)}` : f6((s.overpotential_V ?? 0) * 1e3);
    return `Hold at ${held} mV${forPart !== '' ? ` for ${forPart}` : ''}${untilPart !== '' ? `${forPart !== '' ? ' or' : ''} until ${untilPart}` : ''}`;
  }
}

export class RestStep extends BaseStep {
  readonly control = 'rest';
  text(): string { return `Rest for ${f6(this.step.duration_s ?? 0)} s`; }
}

/** Pulse plating: the current flows for on_s, then rests for off_s, repeated until the charge (on-times) has passed. */
export class PulseStep extends BaseStep {
  readonly control = 'pulse';
  get on_s(): number { return this.step.pulse!.on_s; }
  get off_s(): number { return this.step.pulse!.off_s; }
  /** on during [k (on + off), k (on + off) + on) */
  override current_A_per_m2(t: number): number {
    const p = this.on_s + this.off_s;
    return t - Math.floor(t / p) * p < this.on_s ? this.step.current_A_per_m2 : 0;
  }
  /** time of the k-th switch (k = 0: the first off, 1: on again, ...), s after the step's start */
  switchTime_s(k: number): number {
    return Math.floor((k + 1) / 2) * (this.on_s + this.off_s) + (k % 2 === 0 ? this.on_s : 0);
  }
  /** the next time after t at which the current switches on or off */
  nextSwitch_s(t: number): number {
    const p = this.on_s + this.off_s, k = Math.floor(t / p), into = t - k * p;
    return into < this.on_s ? k * p + this.on_s : (k + 1) * p;
  }
  text(): string {
    return `Pulse at ${mAcm2(this.step.current_A_per_m2)} for ${ms(this.on_s)}, rest ${ms(this.off_s)}, ${mAhcm2(this.step.charge_C_per_m2 ?? 0)}`;
  }
}

/** The object of a resolved step. */
export function stepObject(step: ProtocolStep): StepObject {
  if (step.pulse) return new PulseStep(step);
  if (step.control === 'galvanostatic') return new GalvanostaticStep(step);
  if (step.control === 'potentiostatic') return new PotentiostaticStep(step);
  return new RestStep(step);
}
