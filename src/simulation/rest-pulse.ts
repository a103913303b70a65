/**
 * What a rest and a pulse do in the plating simulation (simulation/step-parts.ts runs the steps
 * on the generic loop). Kept in this one place so that a change of the open-circuit behaviour
 * touches one file.
 *
 *  - Rest (a `Rest for ...` step, and each off time of a pulse step: the same step and the same
 *    code): open circuit (controller: step-parts.ts `DoubleLayerStepController`, r = 0, which sets
 *    the double layer's open-circuit mode, electrochem/doublelayer.ts): the double layer charges or
 *    discharges through the box's present reduction and oxidation rates, the box's net count is
 *    held where the rest began, and the surface keeps evolving (hops, exchange, SEI). A rest with nothing that can react (no metal on the electrode: the open-circuit
 *    overpotential is undefined) runs only the clock, to its end (`restIdle`).
 *  - Pulse: a pulse step runs as galvanostatic on times and live rests (simulation/pulse.ts,
 *    `runPulseStep`, called by runStep before the loop; a checkpoint inside the train re-enters it
 *    there). Only a pulse step handed a loop state without the train's (`StepState.pulse`; no
 *    checkpoint writes one) runs in one loop as before: the on-times as a galvanostatic step, the off-times
 *    not simulated on the lattice: the reported clock adds them (`pulseClock`), and an electrolyte
 *    field relaxes across each of them (`PulseRelaxation`: a forced field update when a new
 *    on-time starts). (The generic loop's PulseStep parts, engine/protocol-parts.ts, run the
 *    off-times as rests of the loop parts.)
 */
import type { ProtocolStep } from '../input/types.js';

/** The name of the controller's stop for a rest with nothing that can react. */
export const REST_IDLE = 'rest_idle';

/**
 * The reported (galvanostat) clock of a galvanostatic step after `progress` net voxels in its
 * direction: the on-time (charge / current), plus the off-times of the pulses completed.
 */
export function pulseClock(step: ProtocolStep, q_C: number, I_A: number): (progress: number) => number {
  const pulse = step.control === 'galvanostatic' ? step.pulse : undefined;
  return (progress: number): number => {
    const on = (Math.max(0, progress) * q_C) / I_A;
    return pulse ? on + Math.floor(on / pulse.on_s) * pulse.off_s : on;
  };
}

/** Tells when a pulse's off time has just passed (the field then relaxes before the next on-time). */
export class PulseRelaxation {
  private last = 0;
  constructor(readonly step: ProtocolStep, readonly q_C: number, readonly I_A: number) {}
  /** true when the pulse number reached at this progress differs from the last call's */
  offTimePassed(progress: number): boolean {
    const pulse = this.step.control === 'galvanostatic' ? this.step.pulse : undefined;
    const no = pulse ? Math.floor((progress * this.q_C) / this.I_A / pulse.on_s) : 0;
    const passed = no !== this.last;
    this.last = no;
    return passed;
  }
}

/** A rest with nothing that can react: the clock runs to the end of the rest (kMC and reported). */
export function restIdle(startKmc_s: number, startTime_s: number, duration_s: number): { kmc_s: number; time_s: number } {
  return { kmc_s: startKmc_s + duration_s, time_s: startTime_s + duration_s };
}
