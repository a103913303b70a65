/**
 * What a run's cell voltage is the voltage of (the cell_voltage_mV column, electrochem/cell.ts). The counter
 * electrode is always a flat foil of the plated metal and the working electrode is the host, so a run on the
 * metal's own foil is a symmetric cell (Li || Li) and any other host is not (Li || graphene, Li || Cu): calling
 * the second a symmetric cell told a reader the counter and working electrodes were alike when they are not.
 * No Node imports: the web pages label their plots with it too.
 */

/** "symmetric-cell voltage (Li || Li)" on the metal's own foil, else "cell voltage (Li || graphene)" (counter || working). */
export function cellVoltageLabel(metal: string, host: string): string {
  return metal.toLowerCase() === host.toLowerCase() ? `symmetric-cell voltage (${metal} || ${metal})` : `cell voltage (${metal} || ${host})`;
}
