/**
 * Sand's time of each galvanostatic plating step above the cell's limiting current, and the step the surface ran out
 * in: what `simulate`, `compare` and `simulate --seeds` print under their tables (cli/transport-lines.ts, mends72) and
 * metrics.json's `transport.sand_steps`, `sand_onset_step`, `sand_onset_into_step_s` (review61), from one code.
 *
 * Until review61 metrics.json had only `sand_time_analytic_s`, the first plating step's (fields/report.ts): a plate
 * below J_lim then one above it (4 x 4 x 16 voxels of 100 nm, LiPF6-EC-DMC behind a 500 um layer, J_lim 10 mA/cm2,
 * `Plate 0.0026 mAh/cm2 at 1 mA/cm2`, `Plate at 1000 mA/cm2 for 1 s`) printed `Sand's time 0.0612 s for step 2` and the
 * onset `0.0754 s into` step 2, while the JSON read `sand_time_analytic_s: null` and `sand_time_s` 9.500 s (the run's clock).
 */
import type { ProtocolEntry, ProtocolStep } from '../input/types.js';
import { countSteps, isRepeat } from '../input/protocol.js';
import { CONST } from '../units.js';

/** A galvanostatic plating step (a Plate or a Pulse) and its number in execution order (1-based; a repeat block's first pass), as the step warnings number it. */
export interface NumberedStep { step: ProtocolStep; number: number }

/** The galvanostatic plating steps in execution order, repeats walked once (not unrolled), each with its step number. */
export function platingSteps(entries: ProtocolEntry[], first = 1): NumberedStep[] {
  const out: NumberedStep[] = [];
  let n = first;
  for (const e of entries) {
    if (isRepeat(e)) {
      if (e.repeat > 0) out.push(...platingSteps(e.steps, n));
      n += e.repeat * countSteps(e.steps);
    } else {
      if (e.kind === 'plate' && e.control === 'galvanostatic') out.push({ step: e, number: n });
      n++;
    }
  }
  return out;
}

/** Sand's time of a constant current J (A/m2) from a uniform c0, pi D (z c0 F)^2 / (4 (J (1 - t+))^2), s (z = 1; the formula of fields/report.ts transportMetrics). */
export function sandTime_s(e: { D_m2_per_s: number; c0_mol_per_m3: number; tPlus: number }, J_A_per_m2: number): number {
  return (Math.PI * e.D_m2_per_s * (e.c0_mol_per_m3 * CONST.F) ** 2) / (4 * (J_A_per_m2 * (1 - e.tPlus)) ** 2);
}

/** metrics.json's Sand's time of one plating step above the limiting current */
export interface SandStep {
  /** the step's number in execution order (1-based, a repeat block's first pass), as the step warnings and the printed line number it */
  step: number;
  /** the step as the protocol has it */
  protocol: string;
  current_mA_per_cm2: number;
  /** semi-infinite Sand's time from c0 at the step's start, s (a lower bound in a finite cell unless the steps before it left the surface depleted) */
  sand_time_analytic_s: number;
}

/** The galvanostatic plating steps above J_lim (A/m2), one per current (a repeat's later passes and a second step at the same current add none), each with its Sand's time. */
export function sandSteps(entries: ProtocolEntry[], e: { D_m2_per_s: number; c0_mol_per_m3: number; tPlus: number }, jLim_A_per_m2: number): (SandStep & { numbered: NumberedStep })[] {
  const out: (SandStep & { numbered: NumberedStep })[] = [];
  for (const p of platingSteps(entries)) {
    const J = p.step.current_A_per_m2;
    if (!(J > jLim_A_per_m2) || out.some((a) => a.numbered.step.current_A_per_m2 === J)) continue;
    out.push({ step: p.number, protocol: p.step.text, current_mA_per_cm2: J / 10, sand_time_analytic_s: sandTime_s(e, J), numbered: p });
  }
  return out;
}

/** The step (1-based, execution order) a time of the run (s, the trace's clock) falls in, and the time into it; undefined when the steps' durations are not all known or the time is past them. */
export function stepOfTime(t_s: number, steps: readonly { index: number; duration_s?: number }[]): { step: number; index: number; into_s: number } | undefined {
  if (!steps.every((s) => s.duration_s !== undefined)) return undefined;
  let start = 0;
  for (const s of steps) {
    const end = start + s.duration_s!;
    if (t_s <= end * (1 + 1e-9)) return { step: s.index + 1, index: s.index, into_s: Math.max(0, t_s - start) };
    start = end;
  }
  return undefined;
}
