/**
 * Cell voltage of a symmetric cell (Li||Li, Na||Na, K||K) or a Li||Cu-type cell (issue 5):
 * the simulated working electrode (WE) against a counter electrode (CE) that is a flat metal
 * surface obeying Butler-Volmer with its own exchange current density and transfer coefficient,
 * plus an ohmic drop through the electrolyte and separator (area-specific resistance R).
 *
 * Sign convention (the cycler's): j > 0 is anodic at the WE (stripping it), j < 0 plates onto the
 * WE. Potentials are relative to each electrode's equilibrium potential (both are the same metal,
 * so the open-circuit voltage is zero).
 *
 *   V_cell = phi_WE - phi_CE + j R
 *
 * phi_WE is the engine's sampled WE overpotential (negative while plating). The CE carries the
 * opposite reaction, cathodic current density j at the CE:
 *   j = i0_CE [exp(alpha_CE f eta_CE) - exp(-(1 - alpha_CE) f eta_CE)],  eta_CE cathodic-positive,
 * and phi_CE = -eta_CE, so its contribution to V_cell is +eta_CE ("counter" part below).
 */
import { solveOverpotential } from './galvanostat.js';

import { InputError } from '../errors.js';
import { isMap, numberArg } from '../args.js';

export interface CounterElectrode {
  /** exchange current density of the CE, A/m2 */
  i0_A_per_m2: number;
  /** cathodic transfer coefficient of the CE */
  alpha: number;
}

export interface CellParts {
  /** V_cell, V */
  cell_V: number;
  /** the WE part (phi_WE), V */
  we_V: number;
  /** the CE part (-phi_CE = eta_CE), V */
  counter_V: number;
  /** the ohmic part j R, V */
  ohmic_V: number;
}

/** The CE's contribution to the cell voltage at WE current density j (A/m2, > 0 anodic at the WE). */
export function counterPart(j_A_per_m2: number, ce: CounterElectrode, f_per_V: number): number {
  if (j_A_per_m2 === 0) return 0;
  return solveOverpotential(ce.i0_A_per_m2, ce.i0_A_per_m2, j_A_per_m2, ce.alpha, f_per_V);
}

/**
 * The counter electrode at the salt concentration outside its own double layer, c_CE = ratio c0 (mends68): its exchange
 * current i0(c_CE) = i0(c0) (c_CE/c0)^(1 - alpha), alpha its cathodic transfer coefficient. The exponent is the anodic
 * transfer coefficient of M+ + e- = M whichever way the electrode runs: with the metal at activity 1,
 * i = F [k_a e^((1 - alpha) f E) - k_c c e^(-alpha f E)]; at equilibrium e^(f E_eq) = k_c c / k_a, so
 * i0 = F k_a e^((1 - alpha) f E_eq) = F k_a^alpha k_c^(1 - alpha) c^(1 - alpha) (Newman and Thomas-Alyea, ch. 8:
 * i0 = F k c^(1 - alpha) for a metal electrode). The counter strips while the working electrode plates (anodic, its
 * term without c), and its c_CE rises above c0: its i0 rises and its surface overpotential falls. The working
 * electrode's own dependence is the same exponent (docs/transport.md "What the cell voltage holds"). ratio 1 (no field,
 * or a diffusion layer: the counter beyond the held bulk) returns `ce` itself.
 */
export function counterAt(ce: CounterElectrode, ratio: number): CounterElectrode {
  if (ratio === 1) return ce;
  return { i0_A_per_m2: ce.i0_A_per_m2 * Math.max(ratio, 1e-12) ** (1 - ce.alpha), alpha: ce.alpha };
}

/** What the cell voltage needs of an electrolyte field (fields/transport.ts TransportField; branches nernst, cellv2, mends68). */
export interface CellField {
  /** bulk salt concentration, mol/m3 */
  readonly c0: number;
  /** the counter's surface concentration c_CE at current density j (A/m2, cycler sign), mol/m3; null when the counter is beyond the field (a diffusion layer) */
  counterConc(j_A_per_m2: number): number | null;
  /** the electrolyte's area-specific resistance over the field now, Ohm m2 */
  electrolyteResistance(): number;
  /** `cell.migration: ohmic` (branch ohmic7): the electrolyte's share of the ohmic part at j, V, from the solved liquid
   *  potential to the site the overpotential is referenced to, in place of j R_el; null: j R_el (fields/transport.ts) */
  liquidOhmic?(j_A_per_m2: number): number | null;
  /** what the cell voltage adds for the depleted electrolyte at j, V, the working electrode's sign (positive while it plates): the diffusion potential and the counter's concentration part */
  cellConcPart(j_A_per_m2: number): number;
}

/** What the cell voltage's parts depend on besides the working electrode's overpotential and the current. */
export interface CellVoltageContext {
  counter: CounterElectrode;
  f_per_V: number;
  /** the user's `electrochem.ohmic`, Ohm m2 */
  ohmic_Ohm_m2: number;
  /** an electrolyte field, when the run has one */
  field?: CellField;
}

/**
 * The cell voltage's parts at the working electrode's current density j (A/m2, cycler sign), V (cycler sign): the
 * counter's Butler-Volmer part, with a field at its own surface concentration (counterAt); the ohmic part j (R + R_el) (with `cell.migration: ohmic` while its solve stands, j R + the solved liquid's share, CellField.liquidOhmic: branch ohmic7);
 * the concentration part (0 without a field). The one function of the trace's rows (simulation.ts pushRow), the
 * cell-voltage hold (simulation/step-parts.ts cellVoltageHoldEta) and the generic loop's voltage stops
 * (engine/protocol-parts.ts; mends68: they summed overpotential + counter + j R without the field's parts). The cell
 * voltage is overpotential_mV + the three (docs/transport.md "What the cell voltage holds").
 */
export function cellVoltageParts(j_A_per_m2: number, k: CellVoltageContext): { counter_V: number; ohmic_V: number; concentration_V: number } {
  const tp = k.field;
  if (!tp) return { counter_V: counterPart(j_A_per_m2, k.counter, k.f_per_V), ohmic_V: j_A_per_m2 * k.ohmic_Ohm_m2, concentration_V: 0 };
  const cCE = tp.counterConc(j_A_per_m2);
  const counter = cCE === null ? k.counter : counterAt(k.counter, cCE / tp.c0);
  const liquid = tp.liquidOhmic ? tp.liquidOhmic(j_A_per_m2) : null;
  return {
    counter_V: counterPart(j_A_per_m2, counter, k.f_per_V),
    ohmic_V: liquid === null ? j_A_per_m2 * (k.ohmic_Ohm_m2 + tp.electrolyteResistance()) : j_A_per_m2 * k.ohmic_Ohm_m2 + liquid,
    concentration_V: -tp.cellConcPart(j_A_per_m2),
  };
}

/** The cell voltage at the working electrode's overpotential we_mV (cycler sign) and current density j, mV: cellVoltageParts added to it. */
export function cellVoltage_mV(we_mV: number, j_A_per_m2: number, k: CellVoltageContext): number {
  const p = cellVoltageParts(j_A_per_m2, k);
  return we_mV + p.counter_V * 1e3 + p.ohmic_V * 1e3 + p.concentration_V * 1e3;
}

/** Cell voltage and its parts. */
export function cellVoltage(we_V: number, j_A_per_m2: number, ce: CounterElectrode, ohmic_Ohm_m2: number, f_per_V: number): CellParts {
  numberArg('we_V', we_V, 'the working electrode\'s potential, V (a number)');
  numberArg('j_A_per_m2', j_A_per_m2, 'a current density, A/m2 (a number)');
  if (!isMap(ce)) throw new InputError('ce', ce, 'a counter electrode { i0_A_per_m2, alpha }');
  if (!(typeof ce.i0_A_per_m2 === 'number' && ce.i0_A_per_m2 > 0)) throw new InputError('ce.i0_A_per_m2', ce.i0_A_per_m2, 'an exchange current density > 0, A/m2');
  if (!(typeof ce.alpha === 'number' && ce.alpha > 0 && ce.alpha < 1)) throw new InputError('ce.alpha', ce.alpha, 'a transfer coefficient in (0, 1)');
  numberArg('ohmic_Ohm_m2', ohmic_Ohm_m2, 'an area-specific resistance, Ohm m2 (a number)');
  if (!(typeof f_per_V === 'number' && f_per_V > 0 && Number.isFinite(f_per_V))) throw new InputError('f_per_V', f_per_V, 'F/RT > 0, 1/V (38.9 at 298 K)');
  const counter_V = counterPart(j_A_per_m2, ce, f_per_V);
  const ohmic_V = j_A_per_m2 * ohmic_Ohm_m2;
  return { cell_V: we_V + counter_V + ohmic_V, we_V, counter_V, ohmic_V };
}
