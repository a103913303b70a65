/**
 * One warning line per protocol step that ended before its own end condition (the deposit filled
 * the box, no metal was left to strip, the run stalled): what `sacplate simulate`, `compare` and
 * `simulate --seeds` print after a run (src/cli/run-report.ts re-exports these) and what the
 * workbench's run view carries as `warnings` (src/server/app.ts). Moved here from the CLI's
 * run-report so that the server, which must not import src/cli/, says the same lines.
 */
import type { ProtocolEntry, ProtocolStep } from '../input/types.js';
import { countSteps, isRepeat } from '../input/protocol.js';
import type { StepResult } from './simulation.js';
import { C_PER_MAH, CM2_PER_M2 } from '../units.js';

const EARLY: Record<string, string> = {
  box_full: 'the deposit reached the top of the simulation box (make lattice.size[2] larger or plate less)',
  no_metal: 'no connected metal was left to strip',
  stalled: 'no event could happen any more, or the clock could not advance (rates beyond the time resolution at the step\'s time)',
  no_path: 'no site could carry the current (metal sealed under SEI or dead metal, or nothing to plate on): the overpotential would diverge',
  event_limit: 'the run\'s event limit was reached: simulate --max-events, the library\'s eventLimit',
};

/**
 * Why a step ended `transport_limited` (src/engine/transport-part.ts, simulation/step-parts.ts): the run's surface
 * concentration reached Sand's onset with `cell.stop_at_sand: true`, or no reduction site had salt left.
 */
const TRANSPORT_LIMITED = "the surface concentration reached Sand's onset, cell.sand_fraction x c0, and cell.stop_at_sand ends the step there, " +
  'or no reduction site had salt left; the current is above what the cell carries, metrics.json transport.limiting_current_mA_per_cm2';

/**
 * What a transport_limited step's line says of it when the step recorded how it ended (StepResult.transport_end, since
 * review68; a step from an older store keeps TRANSPORT_LIMITED's two cases): the rule that ended it, in the user's
 * words, the overpotential it reached and the cell's limiting current; and, after the charge and time, what to change.
 * Until review68 the line gave both rules with no word of which, nor of the overpotential or a way on: past Sand's time
 * a galvanostatic plate above the limiting current runs out of salt (branch saltneg), as a cycler's would hit its
 * voltage limit.
 */
function transportLimitedText(s: StepEnd): { why: string; fix: string } {
  const t = s.transport_end;
  if (t === undefined) return { why: TRANSPORT_LIMITED, fix: '' };
  const jLim = Number(t.limiting_current_mA_per_cm2.toPrecision(3));
  const eta = `the overpotential reached ${t.overpotential_mV.toFixed(1)} mV`;
  const why = t.by === 'sand_onset'
    ? `the surface concentration fell to Sand's onset, cell.sand_fraction x c0, and cell.stop_at_sand: true ends the step there; ${eta}`
    : `Sand's time had passed and no reduction site had salt left (${t.surface_concentration_M > 0 ? `${t.surface_concentration_M.toPrecision(3)} M` : '0 M'} at the surface): a current above the cell's limiting current, ${jLim} mA/cm2, cannot be carried once the surface is out of salt, and on a cycler the voltage would run to its limit; ${eta}`;
  const fix = `; to plate on, run at or below ${jLim} mA/cm2 (or a shorter cell.separator_distance / cell.diffusion_layer), or give the step a voltage cut-off ("... until -1500 mV") to end it where a cycler would`;
  return { why, fix };
}

/**
 * How far a step stopped by the event limit got (mends65b; review65: a newcomer's first Na run, the README's file with
 * `metal: Na` stopped by the guide's `--max-events`, read only "the event limit was reached"): the share of its charge
 * or time it ran (the larger, where it gives both: the first reached ends it), as ", 12 % of the step's 0.002 mAh/cm2",
 * and the events the whole step would take at its pace so far (its events over that share: a linear guess; a plate
 * limited by nucleation speeds up once islands grow). Nothing known for a step given by a cut-off alone, or that ran
 * no charge yet.
 */
export function eventLimitReach(s: StepEnd, protocol?: ProtocolEntry[]): { share: string; stepEvents?: number } {
  const st = protocol ? stepAt(protocol, s.index) : undefined;
  const parts: { f: number; of: string }[] = [];
  if (st?.charge_C_per_m2 !== undefined && s.charge_C_per_cm2 !== undefined) {
    const whole = st.charge_C_per_m2 / CM2_PER_M2;
    parts.push({ f: Math.abs(s.charge_C_per_cm2) / whole, of: `${Number((whole / C_PER_MAH).toPrecision(6))} mAh/cm2` });
  }
  if (st?.duration_s !== undefined && s.duration_s !== undefined) parts.push({ f: s.duration_s / st.duration_s, of: `${Number(st.duration_s.toPrecision(6))} s` });
  const best = parts.sort((a, b) => b.f - a.f)[0];
  if (!best || !(best.f > 0)) return { share: '' };
  const share = `, ${(100 * best.f).toPrecision(2)} % of the step's ${best.of}`;
  return s.events !== undefined && s.events > 0 && best.f < 1 ? { share, stepEvents: s.events / best.f } : { share };
}

/** an event count in words: 950, 58 k, 7.6 M */
const eventsText = (n: number): string => n >= 1e6 ? `${(n / 1e6).toPrecision(2)} M` : n >= 1e3 ? `${(n / 1e3).toPrecision(2)} k` : `${Math.round(n)}`;

/** What an event_limit step's warning adds after its charge and time: how far it got and the ways to run it to its end. */
function eventLimitText(s: StepEnd, protocol?: ProtocolEntry[]): string {
  const { share, stepEvents } = eventLimitReach(s, protocol);
  const guess = stepEvents !== undefined ? ` (this step alone takes about ${eventsText(stepEvents)} events at its pace so far, a linear guess)` : '';
  return `${share}; to run it to its end: a larger limit${guess}, less charge in the step, or a box of fewer, larger voxels ` +
    '(lattice.voxel 100 nm: mesoscale; Na and K take far more events per mAh/cm2 than Li: docs/guide.md, Cost)';
}

/** "after 0.0123 mAh/cm2 and 1.23 s": a step's charge and duration when recorded. */
function afterText(s: StepEnd): string {
  return s.charge_C_per_cm2 !== undefined && s.duration_s !== undefined
    ? `after ${(Math.abs(s.charge_C_per_cm2) / C_PER_MAH).toPrecision(3)} mAh/cm2 and ${s.duration_s.toPrecision(3)} s`
    : 'after a charge and time not recorded';
}

/** The protocol step run as step `index` (execution order), walking repeats without unrolling them. */
export function stepAt(entries: ProtocolEntry[], index: number): ProtocolStep | undefined {
  let i = index;
  for (const e of entries) {
    if (isRepeat(e)) {
      const per = countSteps(e.steps);
      if (i < per * e.repeat) return stepAt(e.steps, i % per);
      i -= per * e.repeat;
    } else if (i-- === 0) return e;
  }
  return undefined;
}

/** How a step ended, and (when recorded) its text, charge and duration: a StepResult, or less for a run reused from an older store. */
export type StepEnd = Pick<StepResult, 'index' | 'ended'> & Partial<Pick<StepResult, 'text' | 'charge_C_per_cm2' | 'duration_s' | 'short_of_progress_voxels' | 'net_voxels' | 'current_window' | 'transport_end' | 'events'>>;

/**
 * A shortfall of at most this share of the step's furthest progress is not warned about: the last row's time and
 * charge then differ by under 1 %, as in a plate that filled its box and ran one voxel back (164 voxels, 1 short).
 */
export const SHORT_WARN_SHARE = 0.01;

/**
 * The steps earlyEndWarnings warns about as ended early, in order: each whose `ended` is one of EARLY's reasons, but
 * a strip to a voltage cut-off that ran out of metal after stripping some (below). The screen reads them to mark and
 * leave unranked the values of such a run (src/screen/stages.ts), with the same rule as the warnings.
 */
export function earlyEndSteps<S extends StepEnd>(steps: readonly S[], protocol?: ProtocolEntry[]): S[] {
  // ...unless it stripped nothing at all (a first strip on a bare host): that is a mistake, not a cut-off
  const toCutoff = (s: StepEnd) => s.ended === 'no_metal' && s.charge_C_per_cm2 !== 0 && protocol !== undefined && stepAt(protocol, s.index)?.cutoff_V !== undefined;
  return steps.filter((s) => s.ended in EARLY && !toCutoff(s));
}

/**
 * How each step of a run ended, for earlyEndWarnings, when the run is reused from the store: its
 * recorded steps (`steps_json`), or for a row written before those were kept (NULL there) the
 * endings in its metrics (`steps_ended`, one per step in order, without charge or time), with a
 * line saying so. Such a run was reported as if no step had ended early. (Moved here from
 * src/cli/run-report.ts, which re-exports it, for the screen: src/screen/ does not import src/cli/.)
 */
export function reusedStepEnds(steps: readonly StepResult[] | undefined, metrics: { steps_ended?: unknown }, label: string): { steps: StepEnd[]; note?: string } {
  if (steps !== undefined) return { steps: [...steps] };
  const ended = metrics.steps_ended;
  const pre = label ? `${label}: ` : '';
  if (!Array.isArray(ended) || !ended.every((e) => typeof e === 'string')) {
    return { steps: [], note: `note: ${pre}steps not recorded (a run from an older version, reused from the store): whether a step ended early is not known; --fresh runs it again` };
  }
  return {
    steps: ended.map((e, index) => ({ index, ended: e as StepResult['ended'] })),
    note: `note: ${pre}steps not recorded (a run from an older version, reused from the store): early ends read from its metrics' steps_ended, without their charge and time; --fresh runs it again`,
  };
}

/**
 * One warning line per step that ended before its own end condition. A strip to a voltage
 * cut-off that ran out of connected metal is not one: that is how the cut-off comes in a cell
 * (the voltage rises when the metal is gone), the Aurbach strip-all and a Li||Cu strip mean it,
 * and steps.csv still says `no_metal` (the tour's Li||Cu comparison printed 18 such warnings). One
 * that stripped nothing (no metal from its start: a first strip on a bare host) is warned about.
 */
export function earlyEndWarnings(steps: readonly StepEnd[], label = '', protocol?: ProtocolEntry[]): string[] {
  const out: string[] = [];
  const pre = label ? `${label}: ` : '';
  const early = earlyEndSteps(steps, protocol);
  // a galvanostatic step whose box ran against its current after its furthest progress: the charge clock kept that
  // progress's time (it never runs backwards), so the step's last row pairs it with the box's charge at the end
  // (more than SHORT_WARN_SHARE of its furthest progress, |net| + short, when the net count is recorded)
  const isShort = (s: StepEnd) => {
    const v = s.short_of_progress_voxels ?? 0;
    return v > 0 && (s.net_voxels === undefined || v > SHORT_WARN_SHARE * (Math.abs(s.net_voxels) + v));
  };
  const voxels = (n: number | undefined) => `${n} voxel${n === 1 ? '' : 's'}`;
  const oneLine = (s: StepEnd) => s.ended === 'box_full' && isShort(s);
  for (const s of early.slice(0, 3)) {
    const text = s.text ?? (protocol ? stepAt(protocol, s.index)?.text : undefined);
    const after = afterText(s);
    // a plate that filled its box at a moment the box was short of its furthest progress: one cause, one line (mends66:
    // such a plate printed a second line, the shortfall the box's flicker when the top was reached); a strip that ran out
    // of metal after running against its current keeps two (two things happened)
    const short = oneLine(s) ? ` (${voxels(s.short_of_progress_voxels)} short of its furthest progress when it ended: the time is that progress's)` : '';
    const limit = s.ended === 'event_limit' ? eventLimitText(s, protocol) : '';
    out.push(`warning: ${pre}step ${s.index + 1}${text !== undefined ? ` "${text}"` : ''} ended early (${s.ended}: ${EARLY[s.ended]}) ${after}${short}${limit}`);
  }
  if (early.length > 3) out.push(`warning: ${pre}${early.length - 3} more steps ended early (see steps.csv, column ended)`);
  // a galvanostatic step the electrolyte ended (mends69: it printed nothing where a full box prints a line): not one of
  // EARLY's (earlyEndSteps, which the screen reads to leave a run's values unranked, is unchanged), but said in one line
  const limited = steps.filter((s) => s.ended === 'transport_limited');
  for (const s of limited.slice(0, 3)) {
    const text = s.text ?? (protocol ? stepAt(protocol, s.index)?.text : undefined);
    const { why, fix } = transportLimitedText(s);
    out.push(`warning: ${pre}step ${s.index + 1}${text !== undefined ? ` "${text}"` : ''} ended when the salt at the surface ran out (transport_limited: ${why}) ${afterText(s)}${fix}`);
  }
  if (limited.length > 3) out.push(`warning: ${pre}${limited.length - 3} more steps ended when the salt at the surface ran out (see steps.csv, column ended)`);
  // a step that ended short of its furthest progress (a strip after a plate: the box ran against its current) gets a
  // line of its own, but a plate that filled its box has it in its line above
  const short = steps.filter((s) => isShort(s) && !(oneLine(s) && early.includes(s)));
  for (const s of short.slice(0, 3)) {
    const text = s.text ?? (protocol ? stepAt(protocol, s.index)?.text : undefined);
    out.push(`warning: ${pre}step ${s.index + 1}${text !== undefined ? ` "${text}"` : ''} ended ${voxels(s.short_of_progress_voxels)} short of its furthest progress (the box ran against its current after it): its time${s.duration_s !== undefined ? ` (${s.duration_s.toPrecision(3)} s)` : ''} and its last trace row's are that progress's, the row's charge the box's at the end`);
  }
  if (short.length > 3) out.push(`warning: ${pre}${short.length - 3} more steps ended short of their furthest progress`);
  out.push(...pulseOverWarnings(steps, pre, protocol));
  out.push(...unreadCutoffWarnings(steps, pre, protocol));
  out.push(...holdAgainstWarnings(steps, pre, protocol));
  return out;
}

/**
 * A Hold at a plating overpotential (or cell voltage) that stripped net, or one at a stripping one that plated net
 * (mends116, review86 F10: Li on Cu, 12 x 12 x 10 voxels of 10 nm, `Hold at -50 mV for 0.2 s` after a 0.0005 mAh/cm2
 * plate took 34 voxels to 24, with no word, against "a negative overpotential plates"). Not a sign error: the Hold
 * holds the working electrode's overpotential against the bulk metal (eta.csv's overpotential_mV reads the held value on
 * each of its rows), and a deposit of small islands has its own equilibrium potential below the bulk metal's (the box
 * at open circuit with its count held reads cathodic tens to hundreds of mV: docs/figures.md), so -50 mV is anodic of
 * those islands and they dissolve (the Gibbs-Thomson shift of a cluster under the critical size at that overpotential).
 * Said in one line a step (at most 3), with its net charge.
 */
function holdAgainstWarnings(steps: readonly StepEnd[], pre: string, protocol?: ProtocolEntry[]): string[] {
  const out: string[] = [];
  const against = steps.filter((s) => {
    const st = protocol ? stepAt(protocol, s.index) : undefined;
    return st?.control === 'potentiostatic' && s.net_voxels !== undefined && s.ended !== 'cancelled'
      && ((st.kind === 'plate' && s.net_voxels < 0) || (st.kind === 'strip' && s.net_voxels > 0));
  });
  for (const s of against.slice(0, 3)) {
    const st = stepAt(protocol!, s.index)!;
    const plate = st.kind === 'plate';
    const held = st.held_cell_voltage_V !== undefined ? 'the cell voltage' : 'the working electrode\'s overpotential against the bulk metal';
    const q = s.charge_C_per_cm2 !== undefined ? `, ${s.charge_C_per_cm2.toPrecision(3)} C/cm2` : '';
    out.push(`note: ${pre}step ${s.index + 1} "${s.text ?? st.text}" held ${held} on the ${plate ? 'plating' : 'stripping'} side and ${plate ? 'stripped' : 'plated'} net `
      + `(${Math.abs(s.net_voxels!)} voxel${Math.abs(s.net_voxels!) === 1 ? '' : 's'}${q}): `
      + (plate
        ? 'small islands sit below the bulk metal\'s potential (a box at open circuit reads cathodic tens to hundreds of mV: docs/figures.md), so a small plating overpotential is anodic of them and they dissolve; a hold that grows them needs one nearer the first plating\'s plateau overpotential (metrics.json plateau_overpotential_mV)'
        : 'the box\'s own potential sat on the other side of the held value'));
  }
  if (against.length > 3) out.push(`note: ${pre}${against.length - 3} more Hold steps passed net charge against their side (see steps.csv, net_voxels)`);
  return out;
}

/**
 * A Hold whose current cut-off was never read: the step ended (on its time, or an open-circuit end) before the cut-off's
 * first window closed (engine/current-window.ts: a window lasts 10 voxels at the cut-off current, so 23.6 s at
 * 0.05 mA/cm2 on 8 x 8 voxels of 10 nm of Li). Until mends70 such a hold ended on time with no word, its progress
 * reading "first window open" throughout (review57). Not said of a step that ended early (its own line says so) or was
 * cancelled (it resumes).
 */
function unreadCutoffWarnings(steps: readonly StepEnd[], pre: string, protocol?: ProtocolEntry[]): string[] {
  const out: string[] = [];
  const unread = steps.filter((s) => s.current_window !== undefined && s.current_window.windows === 0 && s.ended !== 'cancelled' && s.ended !== 'current_cutoff' && !(s.ended in EARLY));
  // at most 3 lines, as the early ends: a cycling CCCV protocol has a hold per cycle
  for (const s of unread.slice(0, 3)) {
    const w = s.current_window!;
    const st = protocol ? stepAt(protocol, s.index) : undefined;
    const text = s.text ?? st?.text;
    const limit = st?.current_cutoff_A_per_m2 !== undefined ? ` (${(st.current_cutoff_A_per_m2 / CM2_PER_M2 * 1e3).toPrecision(3)} mA/cm2)` : '';
    const dur = s.duration_s;
    // the window scales as 1 / (footprint x cut-off): this factor on either closes one window within the step's time
    const k = dur !== undefined && dur > 0 ? w.window_s / dur : undefined;
    const how = k !== undefined
      ? `a box with at least ${k.toPrecision(2)} times the footprint (lattice.size x and y) or a cut-off at least ${k.toPrecision(2)} times higher would close one window within the step's ${dur!.toPrecision(3)} s`
      : 'a larger box footprint (lattice.size x and y) or a higher cut-off makes the window shorter';
    out.push(`warning: ${pre}step ${s.index + 1}${text !== undefined ? ` "${text}"` : ''} never read its current cut-off${limit}: ` +
      `it ended (${s.ended}) before the cut-off's first window of ${w.window_s.toPrecision(3)} s (${w.voxels_per_window} voxels of this box at the cut-off current) closed; ${how}`);
  }
  if (unread.length > 3) out.push(`warning: ${pre}${unread.length - 3} more Hold steps never read their current cut-off`);
  return out;
}

/**
 * The line `sacplate simulate` prints when the deposit reached the separator plane (metrics' `short_circuit_s`, a
 * field's or the walkers'), and the workbench's run view and `compare` / `simulate --seeds` with the run's label: until
 * review57 only `simulate` said it, and the Run page read "finished" with no warning for a run that stopped there, its
 * plate short of its charge and the steps after it not run. [] without a short circuit.
 */
export function shortCircuitLines(metrics: { short_circuit_s?: number | null } | null | undefined, label = ''): string[] {
  const t = metrics?.short_circuit_s;
  if (typeof t !== 'number' || !Number.isFinite(t)) return [];
  return [`${label ? `${label}: ` : ''}short circuit: the deposit reached the separator plane at t = ${t.toPrecision(4)} s; the run stopped there`];
}

/** A pulse step whose box holds more than this share above its charge (and more than 1.5 voxels) is warned about. */
export const PULSE_OVER_SHARE = 0.1;

/**
 * A pulse step ("Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2") whose box ended with more metal than the step's
 * charge: its rests, meant as open circuit, plated. Until branch review54 such a step ended `charge` without a word:
 * 8 x 8 x 64 voxels of 100 nm, "Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 0.01 mAh/cm2" (0.0026 voxel a pulse) held 373
 * voxels for 31 asked, because each rest held the count of its own start and its double layer kept a cathodic
 * overpotential, so every rest's drift stayed. Since branch pulserest a train's rests hold the count the on times have
 * passed (simulation/pulse.ts, electrochem/doublelayer.ts trainRest): that run holds 32. The warning stays as a guard.
 */
function pulseOverWarnings(steps: readonly StepEnd[], pre: string, protocol?: ProtocolEntry[]): string[] {
  const out: string[] = [];
  if (protocol === undefined) return out;
  for (const s of steps) {
    const st = stepAt(protocol, s.index);
    if (st?.pulse === undefined || st.charge_C_per_m2 === undefined || s.charge_C_per_cm2 === undefined || !(s.net_voxels !== undefined && s.net_voxels > 0)) continue;
    const want = st.charge_C_per_m2 / CM2_PER_M2, got = s.charge_C_per_cm2, perVoxel = got / s.net_voxels;
    if (!(got - want > Math.max(PULSE_OVER_SHARE * want, 1.5 * perVoxel))) continue;
    const perPulse = (st.current_A_per_m2 / CM2_PER_M2) * st.pulse.on_s / perVoxel;
    out.push(`warning: ${pre}step ${s.index + 1} "${st.text}" deposited ${(got / C_PER_MAH).toPrecision(3)} mAh/cm2, ${(got / want).toPrecision(3)} times its charge: ` +
      `its rests, meant as open circuit, plated (a pulse passes ${perPulse.toPrecision(2)} voxel of this box); ` +
      'the metal and morphology are not those of the pulse train asked for: use longer pulses and rests, or a wider box, and report it (docs/transport.md, Pulse plating)');
  }
  return out;
}
