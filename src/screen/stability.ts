/**
 * SAC stability descriptors from DFT numbers (stab64): the two criteria computational SAC studies screen with.
 *
 * - Aggregation (clustering) margin = E_b(M in site) + E_coh(M): the metal atom's binding energy in its site (DFT sign,
 *   negative = bound, the descriptor column metal_binding_eV) minus the energy per atom it would have in its own bulk
 *   metal relative to the free atom (-E_coh, E_coh as Kittel tabulates it, positive). Negative: the single atom is bound
 *   more strongly in the site than in its bulk metal, so clustering into metal does not pay. The comparison of E_bind with
 *   the bulk cohesive energy E_c as the thermodynamic view of SAC stability: Su et al., npj Comput. Mater. (2020),
 *   doi:10.1038/s41524-020-00411-6.
 * - Dissolution potential U_diss = U0_diss(M, bulk) - E_f / (n e), E_f the site's formation energy per metal atom against
 *   the bulk metal (E_f = E(M@site) - E(site) - E(M, bulk), the column formation_energy_eV), U0 and n of the bulk metal's
 *   dissolution: Greeley and Norskov, Electrochim. Acta 52, 5829 (2007), as used for SACs by Guo et al., ACS Catal.
 *   (2019), doi:10.1021/acscatal.9b02778 (section 3.2). Higher = more stable (dissolves at a more positive potential).
 *
 * The per-element values come from data/stability/metals.csv (sources in data/stability/SOURCES.md). An element not in
 * the table has no value (undefined), which the stage reports as a missing value with a note.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileError } from '../errors.js';
import { packageRoot } from '../evidence/paths.js';
import { splitCsvLine } from '../evidence/elements.js';

export interface MetalStability {
  symbol: string;
  /** cohesive energy per atom, eV (positive), Kittel */
  cohesive_eV: number;
  cohesive_kJ_per_mol: number;
  /** dissolution half-reaction written as reduction, e.g. "Fe2+ + 2e- -> Fe" */
  reaction: string;
  /** electrons in the dissolution */
  n: number;
  /** standard potential of the reaction vs SHE, V */
  U0_V: number;
}

export const STABILITY_TABLE = 'data/stability/metals.csv';
/**
 * the standard-potential table, named as data/stability/SOURCES.md names it, with the compilation it draws on (mends64: without a
 * year the cite's kind rule, src/cite/citations.ts kindOf, took it for a definition and listed it under "Not citations")
 */
export const CRC_POTENTIALS = 'CRC Handbook of Chemistry and Physics, "Electrochemical Series" (P. Vanysek), after Bard, Parsons and Jordan, Standard Potentials in Aqueous Solution (IUPAC, 1985)';
export const AGGREGATION_REF = 'Su et al., npj Comput. Mater. (2020), doi:10.1038/s41524-020-00411-6';
export const DISSOLUTION_REF = 'Greeley and Norskov, Electrochim. Acta 52, 5829 (2007); for SACs Guo et al., ACS Catal. (2019), doi:10.1021/acscatal.9b02778';

let cache: Map<string, MetalStability> | undefined;

/** The table, read once; a malformed row is a FileError naming the file and line. */
export function stabilityTable(): Map<string, MetalStability> {
  if (cache) return cache;
  const file = join(packageRoot(), 'data', 'stability', 'metals.csv');
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { throw new FileError(file, 'stability table not found (the package ships it in data/stability)'); }
  const lines = text.split(/\r?\n/).map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => l.trim() !== '' && !l.startsWith('#'));
  const header = splitCsvLine(lines[0]!.l).map((h) => h.trim());
  const want = ['symbol', 'cohesive_energy_eV', 'cohesive_energy_kJ_per_mol', 'dissolution_reaction', 'dissolution_n', 'dissolution_potential_V'];
  if (want.some((w, i) => header[i] !== w)) throw new FileError(file, `header: expected ${want.join(',')}`, lines[0]!.n);
  const out = new Map<string, MetalStability>();
  for (const { l, n: line } of lines.slice(1)) {
    const c = splitCsvLine(l).map((x) => x.trim());
    const num = (i: number) => {
      const x = Number(c[i]);
      if (c[i] === '' || !Number.isFinite(x)) throw new FileError(file, `${want[i]}: got ${JSON.stringify(c[i] ?? '')}, expected a number`, line);
      return x;
    };
    const m: MetalStability = { symbol: c[0]!, cohesive_eV: num(1), cohesive_kJ_per_mol: num(2), reaction: c[3] ?? '', n: num(4), U0_V: num(5) };
    if (!(m.cohesive_eV > 0) || !(Number.isInteger(m.n) && m.n >= 1)) throw new FileError(file, `${m.symbol}: a positive cohesive energy and a whole electron count >= 1 are required`, line);
    out.set(m.symbol, m);
  }
  return (cache = out);
}

/** E_b + E_coh (eV): negative = bound more strongly in the site than in the bulk metal; undefined for an element not in the table. */
export function aggregationMargin(element: string, bindingEnergy_eV: number): number | undefined {
  const m = stabilityTable().get(element);
  return m === undefined ? undefined : bindingEnergy_eV + m.cohesive_eV;
}

/** U0_diss - E_f / n (V, vs SHE; E_f in eV per metal atom, so E_f / (n e) in V is E_f / n); undefined for an element not in the table. */
export function dissolutionPotential(element: string, formationEnergy_eV: number): number | undefined {
  const m = stabilityTable().get(element);
  return m === undefined ? undefined : m.U0_V - formationEnergy_eV / m.n;
}
