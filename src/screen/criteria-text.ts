/**
 * The words of a screen's sustainability by criterion and of its `~` mark, shared by the CLI's table (report.ts
 * rankingText), report.md and the workbench's Sweeps page (web/src/pages/sweeps.ts), so that they cannot say different
 * things. No file access: the page bundles it.
 */
import { CRITERIA } from '../evidence/vocabulary.js';

/** A value scored without a criterion (no data; the others shared its weight: Value.missing) is marked so where it is shown. */
export const MISSING_MARK = '~';

/** The element that counts and its score (0-1) on each criterion, as the elements stage gives them (Value.criteria). */
export interface CriteriaScores { element: string; scores: Record<string, number | null> }

/** `Co-site: Co abundance 0.550, price 0.581, hhi 0.690, toxicity 0.250` ('-' no data); the CLI prefixes `criteria: `. */
export const criteriaText = (name: string, cr: CriteriaScores): string =>
  `${name}: ${cr.element} ${CRITERIA.map((c) => `${c} ${cr.scores[c] == null ? '-' : cr.scores[c]!.toFixed(3)}`).join(', ')}`;

/** What the criteria's numbers are, once under them. */
export const CRITERIA_LEGEND = `each a score from 0 (worst) to 1 (best) of the element that counts (the worst of the candidate's), weighted by the screen's weights into its sustainability; '-' no data (left out, the others share its weight)`;

/** What the mark means, with the candidates it marks and their criteria without data (`Tc-site (Tc: abundance, Tc: hhi)`). */
export const missingMarkText = (marked: readonly { name: string; missing: readonly string[] }[]): string =>
  `${MISSING_MARK}: scored without a criterion that has no data, the other criteria sharing its weight (docs/screening.md): ${marked.map((x) => `${x.name} (${x.missing.join(', ')})`).join('; ')}.`;
