/**
 * The electrolyte lines `sacplate simulate`, `simulate --seeds` and `compare` print under their tables (mends72): the
 * cell's limiting current and Sand's time of each plating step that exceeds it, the time the surface ran out and the
 * step it ran out in, or, for ion walkers, why a walker run has neither.
 *
 * Until mends72 the Sand's-time line was fields/report.ts transportSummaryLines's, of the first galvanostatic plating
 * step only: `Plate 0.0026 mAh/cm2 at 1 mA/cm2` then `Plate at 1000 mA/cm2 for 1 s` (4 x 4 x 16 voxels of 100 nm,
 * LiPF6-EC-DMC behind a 500 um diffusion layer, J_lim 10 mA/cm2) printed `Sand's time none: below the limiting current
 * (first plating at 1 mA/cm2 ...)` and, on the next line, that the salt ran out at 9.514 s, in the second step. A
 * walker run printed these lines in `simulate` only (mends71), `compare` and `--seeds` nothing.
 */
import type { TransportMetrics } from '../fields/report.js';
import { transportSummaryLines, walkerTransportLine } from '../fields/report.js';
import type { ResolvedRun } from '../input/types.js';
import { platingSteps, sandSteps, sandTime_s, stepOfTime, type NumberedStep } from '../simulation/sand-steps.js';
import { stepAt } from '../simulation/early-ends.js';

// the plating steps and Sand's time are simulation/sand-steps.ts's since review61 (metrics.json gives them too)
export { platingSteps, sandTime_s, type NumberedStep };

const mA = (A_per_m2: number) => Number((A_per_m2 / 10).toPrecision(4));
const named = (p: NumberedStep) => `step ${p.number} "${p.step.text}"`;

/**
 * The lines for one run: [] without an electrolyte; the walkers' line for ion walkers; else the limiting current with
 * Sand's time. When the first plating step is above J_lim, or no plating step is, the line is transportSummaryLines's
 * (of the first plating). When the first is below it and a later one above, Sand's time is that later step's, named
 * (step number and text); each further plating step above J_lim at another current adds a line of its own. The onset
 * line names the step the surface ran out in when `steps` (each step's duration, in order) are given and there are two or more.
 */
export function transportLines(
  t: Pick<TransportMetrics, 'electrolyte' | 'limiting_current_mA_per_cm2' | 'sand_time_analytic_s' | 'sand_time_s' | 'field_grid'>
    & Partial<Pick<TransportMetrics, 'short_circuit_s' | 'electrolyte_resistance_Ohm_cm2' | 'surface_concentration_M' | 'concentration_overpotential_mV'>> | undefined,
  run: Pick<ResolvedRun, 'protocol' | 'transport'>,
  steps?: readonly { index: number; duration_s?: number }[],
): string[] {
  const tp = run.transport;
  if (!tp) return [];
  if (tp.mode === 'walkers') return [walkerTransportLine(tp.electrolyte.name)];
  if (!t) return [];
  const plating = platingSteps(run.protocol);
  const first = plating[0];
  const base = transportSummaryLines(t, { firstPlate_mA_per_cm2: first ? first.step.current_A_per_m2 / 10 : null, sandFraction: tp.sand_fraction });
  // mends102 (ohmic2 left it): the line says a run with the liquid's potential on, `cell.migration: ohmic`, by the run
  // file's key as the space-charge line says its option, inside the cell's parenthesis (`electrolyte E (diffusion layer
  // 500 um, cell.migration: ohmic): limiting current ...`); off (the default) adds nothing
  if (tp.migration === 'ohmic' && base[0] !== undefined) {
    const at = base[0].indexOf('): limiting current');
    if (at >= 0) base[0] = `${base[0].slice(0, at)}, cell.migration: ohmic${base[0].slice(at)}`;
  }
  const jLim_A_per_m2 = t.limiting_current_mA_per_cm2 * 10;
  // the plating steps above J_lim, one per current (a repeat's later passes and a second step at the same current add
  // nothing): metrics.json's transport.sand_steps, from the same function (simulation/sand-steps.ts)
  const above = sandSteps(run.protocol, tp.electrolyte, jLim_A_per_m2).map((s) => s.numbered);
  const out = [...base];
  const later = above.filter((p) => p.number !== first?.number);
  const semiInfinite = 'semi-infinite formula from c0 at the step\'s start, a lower bound in this cell unless the steps before it left the surface depleted';
  if (first && t.sand_time_analytic_s === null && later[0]) {
    const p = later.shift()!;
    const head = base[0]!.slice(0, base[0]!.indexOf("; Sand's time"));
    out[0] = `${head}; Sand's time ${sandTime_s(tp.electrolyte, p.step.current_A_per_m2).toPrecision(3)} s for ${named(p)} (${mA(p.step.current_A_per_m2)} mA/cm2, ` +
      `the first plating above the limiting current; the first plating, ${named(first)}, is below it; ${semiInfinite})`;
  }
  const extra = later.map((p) => `Sand's time ${sandTime_s(tp.electrolyte, p.step.current_A_per_m2).toPrecision(3)} s for ${named(p)} ` +
    `(${mA(p.step.current_A_per_m2)} mA/cm2, above the limiting current; ${semiInfinite})`);
  out.splice(1, 0, ...extra);
  // the onset line: the step the surface ran out in (its number and the time into it), when the run has more than one
  const onset = t.sand_time_s;
  const last = out.length - 1;
  const at = onset !== null && steps && steps.length > 1 && out[last]!.startsWith('the salt at the surface ran out') ? stepOfTime(onset, steps) : undefined;
  if (at) {
    const st = stepAt(run.protocol, at.index);
    out[last] += ` (step ${at.step}${st === undefined ? '' : ` "${st.text}"`}, ${at.into_s.toPrecision(3)} s into it)`;
  }
  // a short circuit: the readings at the end are of the closed gap, not of the cell (mends78: review63 read a 1 um
  // separator's 0 Ohm cm2 and 10,020 mA/cm2 as readings of the cell); metrics.json's transport.readings_at says the same
  const sc = t.short_circuit_s;
  if (typeof sc === 'number' && Number.isFinite(sc)) {
    const of = [
      typeof t.electrolyte_resistance_Ohm_cm2 === 'number' ? `electrolyte resistance ${Number(t.electrolyte_resistance_Ohm_cm2.toPrecision(3))} Ohm cm2` : '',
      typeof t.surface_concentration_M === 'number' ? `salt at the surface ${t.surface_concentration_M.toPrecision(3)} M` : '',
    ].filter(Boolean).join(', ');
    out.push(`at the short circuit (t = ${sc.toFixed(4)} s) the deposit closed the gap: the readings at the end${of ? ` (${of})` : ''} are of that state, not of the cell; the limiting current above is the cell's as built`);
  } else if (typeof t.surface_concentration_M === 'number' && t.surface_concentration_M <= 0) {
    // out of salt at the end (review68): past Sand's time above J_lim the run ends with no salt at any reduction site, and
    // the end readings are the floors of an empty cell (metrics.json 880 mV and 8,947 Ohm cm2 for examples/li-transport.yaml,
    // eta.csv's cell voltage -1.34e6 mV), which read as measures of the cell; metrics.json's transport.readings_at says the same
    const of = [
      typeof t.concentration_overpotential_mV === 'number' ? `concentration overpotential ${Number(t.concentration_overpotential_mV.toPrecision(3))} mV` : '',
      typeof t.electrolyte_resistance_Ohm_cm2 === 'number' ? `electrolyte resistance ${Number(t.electrolyte_resistance_Ohm_cm2.toPrecision(3))} Ohm cm2` : '',
    ].filter(Boolean).join(', ');
    out.push(`out of salt at the end (0 M at every reduction site): the readings at the end${of ? ` (${of})` : ''} are the model's floors for an empty cell ` +
      '(c_s taken as 1e-12 c0, the conductivity\'s c as 1e-6 c0), not measures of the cell, and so are the last rows of eta.csv\'s ohmic_mV and cell_voltage_mV; ' +
      'a cycler would have stopped at its voltage limit (give the step one: "... until -1500 mV")');
  }
  return out;
}

// fieldcost66's line lives in fields/field-cell-hint.ts (the server's Run page says it too, and src/ outside src/cli/
// imports nothing from src/cli/: test/layering.test.ts); re-exported for the CLI's callers.
export { fieldCellLine, FIELD_CELL_HINT_SHARE, FIELD_CELL_HINT_CURRENT } from '../fields/field-cell-hint.js';
