/**
 * mends65: the candidates a screen leaves out of its ranking for want of a descriptor, in words, import-free (the CLI,
 * the report and the workbench's Sweeps page say them alike; session 64: a built-in Zn-N4 or Fe-N4, which has no DFT
 * formation or binding energy, was ranked the worst on the stability objectives, a missing number read as a bad one).
 */

/** A candidate left out of the ranking for want of a descriptor: each objective with the column it needs and why it has none. */
export interface NoData { name: string; missing: { objective: string; column: string; why: string }[] }

/**
 * The objectives read from a descriptor column alone, with that column: a candidate with no value on one of them that is
 * ranked (weight > 0) is not ranked as the worst but listed as having no data (docs/screening.md, "Stability descriptors").
 */
export const DESCRIPTOR_OBJECTIVES: Readonly<Record<string, string>> = { distortion_A: 'distortion_A', aggregation_margin_eV: 'metal_binding_eV', dissolution_potential_V: 'formation_energy_eV' };

/** One line per candidate: `Fe-N4: no metal_binding_eV (for aggregation_margin_eV): a built-in site has no sourced DFT value (...)`. */
export function noDataLines(noData: readonly NoData[]): string[] {
  return noData.map((x) => `${x.name}: ${noDataWhat(x)}`);
}

/** A candidate's missing descriptors without its name, those with one reason said once: `no metal_binding_eV (for aggregation_margin_eV), no formation_energy_eV (for ...): why`. */
export function noDataWhat(x: NoData): string {
  const whys = [...new Set(x.missing.map((m) => m.why))];
  return whys.map((w) => `${x.missing.filter((m) => m.why === w).map((m) => `no ${m.column}${m.column === m.objective ? '' : ` (for ${m.objective})`}`).join(', ')}: ${w}`).join('; ');
}

/** The line the workbench's Sweeps page shows under a screen's ranking; '' where every candidate is ranked. */
export function noDataText(noData: readonly NoData[] | undefined): string {
  if (!noData?.length) return '';
  return `not ranked, no data (a missing descriptor is not a bad value: listed, not ranked as the worst): ${noDataLines(noData).join('; ')}`;
}
