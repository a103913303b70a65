/**
 * How far a run is, in one place: the step's progress (charge passed against the step's target, or kMC
 * time against its limit) that the simulation, its pulse trains and its ion walkers report, and the one
 * line that says it, shared by the CLI's progress lines (when stderr is not a terminal) and the
 * workbench's live status (web/src/pages/run.ts imports this file: no Node module here, nor in units.ts).
 *
 * "step 1/3 Plate 0.3 mAh/cm2 at 1 mA/cm2: 42.0 % (0.126 of 0.3 mAh/cm2), 3.1 M events + 0.4 M first-passage exits"
 *
 * Until session 22 those lines said the events and the overall fraction only: a run of one long step sat
 * at "12 %" with no way to see the charge behind it, and the first-passage exits (which in a small box of
 * 10 nm voxels carry nearly all the hops, cli/work-text.ts) were missing, so a busy run read as a slow one.
 */
import { C_PER_M2_PER_MAH_PER_CM2 } from '../units.js';

/** what a step's progress is measured in: net charge through the box, or the kMC clock */
export type StepUnit = 'mAh/cm2' | 's';

/** A step's progress: `done` of `target` in `unit` (target Infinity: a hold that ends at a cut-off only). */
export interface StepProgress { fraction: number; done: number; target: number; unit: StepUnit }


/**
 * The one computation of how far a step is (its fraction was worked out three times, in
 * simulation.ts, pulse.ts and walker-step.ts): a count of net voxels (a charge: q_C per voxel over
 * area_m2) or seconds of kMC time against the step's target. Clamped to [0, 1]: a strip that runs
 * ahead of its count, or an oxidation that takes the net count below 0, never shows past the ends.
 */
export function stepProgress(done: number, target: number, unit: StepUnit): StepProgress {
  const fraction = target > 0 && Number.isFinite(target) ? Math.min(1, Math.max(0, done / target)) : 0;
  return { fraction, done, target, unit };
}

/** a count of net voxels as a charge, mAh/cm2 */
export function voxelsToMAhPerCm2(count: number, q_C: number, area_m2: number): number {
  return (count * q_C) / area_m2 / C_PER_M2_PER_MAH_PER_CM2;
}

/** What the progress line needs of a progress report (simulation.ts's ProgressInfo has all of it). */
export interface ProgressLineInput {
  step: number;
  steps: number;
  fraction: number;
  stepFraction: number;
  events: number;
  stepIndeterminate?: boolean;
  /** the step's text as the protocol has it ("Plate 0.3 mAh/cm2 at 1 mA/cm2") */
  stepText?: string;
  stepDone?: number;
  stepTarget?: number;
  stepUnit?: StepUnit;
  /** a galvanostatic step on the count clock: the step's net charge now, mAh/cm2, where stepDone is its furthest net
   *  charge, which sets the step's time (docs/figures.md); the line says both when they differ (mends81) */
  stepNet?: number;
  /** first-passage exits of lone adatoms so far (metrics.json's first_passage_exits; events leaves them out) */
  first_passage_exits?: number;
  /** events per second since the last report */
  events_per_s?: number;
  /** an ion-walker rest (walker-step.ts's walkerProgress): its ions walk, none is reduced, so no event is counted */
  resting?: boolean;
  /** a Hold step with a current cut-off: the cut-off and its last window's current, mA/cm2 (null: no window closed yet) */
  currentCutoff?: { limit_mA_per_cm2: number; window_mA_per_cm2: number | null };
  /** with an electrolyte field: the share of the wall time since the last report in the field (simulation.ts ProgressInfo) */
  field_share?: number;
  /** of that field time, the share in settle (fields/concentration.ts: open cells below zero after an update given the
   *  salt they lack), 0-1 (branch fieldcost2) */
  field_settle_share?: number;
  /** with an electrolyte field: the share of the events since the last report that were rejected draws (a reduction drawn
   *  where its cell holds little or no salt, fields/transport.ts accept), 0-1 (branch fieldcost2) */
  rejected_share?: number;
}

/**
 * A whole count with its thousands marked, 12,400: `n.toLocaleString('en')`'s text, without its cost where it can
 * (startcost: the first toLocaleString of a thread sets up ICU's number formatting, about 20 ms of CPU that every
 * CLI run and every progress line paid); any other number (a fraction, -0, beyond 2^53) goes to toLocaleString.
 */
export function groupedCount(n: number): string {
  if (!(Number.isSafeInteger(n) && n >= 0) || Object.is(n, -0)) return n.toLocaleString('en');
  const s = String(n);
  let out = s.slice(0, ((s.length - 1) % 3) + 1);
  for (let i = out.length; i < s.length; i += 3) out += ',' + s.slice(i, i + 3);
  return out;
}

/** a count as the line says it: 850, 12,400, 3.1 M */
export function countText(n: number): string {
  return n >= 1e6 ? `${Number((n / 1e6).toPrecision(3))} M` : groupedCount(Math.round(n));
}

const amount = (x: number): string => Number(x.toPrecision(3)).toString(); // 0.126, 2.45e-7 (JS writes the exponent below 1e-6)

/** The step, how far it is, and the work done: one line (no trailing newline). */
export function progressText(p: ProgressLineInput): string {
  const head = `${p.steps > 1 ? `step ${p.step + 1}/${p.steps} ` : ''}${p.stepText ?? `step ${p.step + 1}`}`;
  let where: string;
  if (p.stepDone === undefined || p.stepUnit === undefined) where = p.stepIndeterminate ? 'until its cut-off' : `${(p.stepFraction * 100).toFixed(1)} %`;
  else if (p.stepIndeterminate || p.stepTarget === undefined || !Number.isFinite(p.stepTarget)) where = `until its cut-off (${amount(p.stepDone)} ${p.stepUnit} so far)`;
  else {
    // mends81 (review67): the furthest charge, which the step's clock and end go by, read as the net the table and
    // steps.csv give at the end (0.00009 against 6.5e-5 mAh/cm2): where the box has run back from it, both, in words
    const net = p.stepUnit === 'mAh/cm2' && p.stepNet !== undefined && amount(p.stepNet) !== amount(p.stepDone) ? p.stepNet : undefined;
    where = `${(p.stepFraction * 100).toFixed(1)} % (${amount(p.stepDone)} of ${amount(p.stepTarget)} ${p.stepUnit}${net === undefined ? '' : ` at its furthest, net ${amount(net)} now`})`;
  }
  const exits = p.first_passage_exits ?? 0;
  const cc = p.currentCutoff;
  // a current cut-off: what the step waits for ("current 0.31 mA/cm2 in the hold's direction, ends at 0.05 mA/cm2")
  if (cc) where += `, current ${cc.window_mA_per_cm2 === null ? '- (first window open)' : `${amount(cc.window_mA_per_cm2)} mA/cm2`} in the hold's direction, ends at ${amount(cc.limit_mA_per_cm2)} mA/cm2`;
  return `${head}: ${where}, ${countText(p.events)} event${p.events === 1 ? '' : 's'}${exits > 0 ? ` + ${countText(exits)} first-passage exit${exits === 1 ? '' : 's'}` : ''}`;
}

/**
 * The pace after the line's step: the events per second, or in a walker rest (`resting`) "resting, 4.02 of 20 s": none
 * of its walks is an event, and its line said "0 events/s", true but read as a stall (until mends47).
 */
export function rateText(p: ProgressLineInput): string {
  if (p.resting) return `resting, ${amount(p.stepDone ?? 0)} of ${amount(p.stepTarget ?? 0)} ${p.stepUnit ?? 's'}`;
  const share = p.field_share ?? 0;
  // review62: where the electrolyte field takes half the time or more, the line says so and what sets its cost (small
  // cells: every reduction takes a large part of a cell's salt and updates the field; docs/transport.md)
  // fieldcost2: where settle takes half the field's time or more (liquid with no salt left at the reduction sites:
  // fieldcost's SEI run, 94-100 % of the wall, was nearly all settle), the line says that share beside the grid's pointer
  const settle = (p.field_settle_share ?? 0) >= FIELD_SHARE_SAID;
  const field = share >= FIELD_SHARE_SAID ? `, ${fieldShareText(share)} (${FIELD_CELL_POINTER}${settle ? `; ${fieldSettleText(p.field_settle_share!)}` : ''})` : '';
  // fieldcost2: a run whose sites are out of salt spends its time on rejected draws, not in the field (8 x 8 x 64, seed
  // 3: 768 M events, 98 % of them at sites of cells with no salt); events/s alone read as a busy run
  const rej = p.rejected_share ?? 0;
  const rejected = rej >= REJECTED_SHARE_SAID ? `, ${rejectedShareText(rej)}` : '';
  return `${groupedCount(Math.round(p.events_per_s ?? 0))} events/s${field}${rejected}`;
}

/** the share of rejected draws among the events from which the progress line says it (branch fieldcost2) */
export const REJECTED_SHARE_SAID = 0.9;

/** "99.9 % of the events rejected draws (...)": the share to one decimal below 99.9 %, else the share of accepted ones */
export const rejectedShareText = (share: number): string => {
  const pct = share * 100;
  const said = pct < 99.9 ? `${pct.toFixed(1)} %` : `all but ${Number(((1 - share) * 100).toPrecision(2))} %`;
  return `${said} of the events rejected draws (reductions drawn where the liquid holds little or no salt: docs/transport.md, "Rejected draws")`;
};

/** what takes the field's time where settle holds half of it or more (branch fieldcost2) */
export const fieldSettleText = (settleShare: number): string =>
  `${Math.round(settleShare * 100)} % of it giving cells below zero the salt reductions took, the liquid at the reduction sites running out of salt: docs/transport.md, "A reduction's salt"`;

/** the share of the wall time in the electrolyte field from which the progress line says it */
export const FIELD_SHARE_SAID = 0.5;

/** "80 % of the wall time in the electrolyte field": the progress line's words, and the workbench's finished run page's (metrics.json `transport.field_wall_share`; mends78) */
export const fieldShareText = (share: number): string => `${Math.round(share * 100)} % of the wall time in the electrolyte field`;

/** what sets the field's cost, said beside a share of half or more */
export const FIELD_CELL_POINTER = 'cell.field_cell sets its cells: docs/transport.md, "Grid"';

/**
 * The live line: the step (progressText), the run's fraction when it has steps after it, and the pace (rateText):
 * `sacplate simulate`'s line on a stderr that is no terminal (before its overpotential) and the workbench's status.
 */
export function liveText(p: ProgressLineInput): string {
  return `${progressText(p)}; ${p.steps > 1 ? `run ${(p.fraction * 100).toFixed(1)} %, ` : ''}${rateText(p)}`;
}
