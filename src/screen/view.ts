/**
 * A screen's result as the store keeps it and the workbench plots it: the objectives with their
 * labels, units and directions, then one row per ranked candidate (rank, Pareto front, score and
 * every value with its 95 % interval over seeds), the invalid candidates and the stages' notes.
 * Only finite numbers are kept (a value not measured is null, as in the report).
 */
import { OBJECTIVES } from './objectives.js';
import type { ScreenResult } from './screen.js';
import { earlyEndText } from './stages.js';
import type { CriteriaScores } from './criteria-text.js';
import type { NoData } from './no-data-text.js';

export interface ScreenView {
  name: string;
  /** weight: the objective's weight in the ranking (mends65; 0: shown, not ranked), where the result gives one */
  objectives: { key: string; label: string; unit: string; direction: 'min' | 'max'; weight?: number }[];
  candidates: {
    name: string; rank: number; front: number; pareto: boolean; score: number; synthesis: string;
    /** why the candidate ranks there, in words (the report's and ranking.csv's `why`) */
    why: string;
    /**
     * missing: the criteria a value was scored without (no data; `Tc: abundance`), marked `~` on the page; criteria: the
     * sustainability's element that counts and its score on each criterion (the CLI's `criteria:` lines)
     */
    values: Record<string, { value: number | null; lo: number | null; hi: number | null; n: number | null; no_dip?: number; cut?: string; ended_early?: number; missing?: string[]; criteria?: CriteriaScores }>;
    /** its runs that ended early, one short text each ("seed 1 step 1 box_full after 0.000743 of 0.001 mAh/cm2"): the page's note beside it */
    ended_early?: string[];
  }[];
  invalid: { name: string; error: string }[];
  /** mends65: the candidates not ranked for want of a descriptor (ScreenResult.noData); absent where none */
  no_data?: NoData[];
  notes: { stage: string; text: string }[];
}

const num = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function screenView(r: ScreenResult): ScreenView {
  const byName = new Map(r.candidates.map((c) => [c.name, c]));
  return {
    name: r.spec.name,
    objectives: r.objectives.map((k, i) => ({ key: k, label: OBJECTIVES[k]!.label, unit: OBJECTIVES[k]!.unit, direction: OBJECTIVES[k]!.direction, ...(r.objectiveWeights?.[i] !== undefined ? { weight: r.objectiveWeights[i] } : {}) })),
    candidates: r.ranking.map((x) => {
      const c = byName.get(x.name)!;
      return {
        name: x.name, rank: x.rank, front: x.front, pareto: x.pareto, score: x.score, synthesis: c.synthesis, why: x.why ?? '',
        values: Object.fromEntries(Object.entries(c.values).map(([k, v]) => [k, { value: num(v.value), lo: num(v.lo), hi: num(v.hi), n: v.n ?? null, ...(v.no_dip ? { no_dip: v.no_dip } : {}), ...(v.cut ? { cut: v.cut } : {}), ...(v.ended_early ? { ended_early: v.ended_early } : {}), ...(v.missing?.length ? { missing: v.missing } : {}), ...(v.criteria ? { criteria: v.criteria } : {}) }])),
        ...(c.ended_early?.length ? { ended_early: c.ended_early.map(earlyEndText) } : {}),
      };
    }),
    invalid: r.invalid,
    ...(r.noData?.length ? { no_data: r.noData } : {}),
    notes: r.notes,
  };
}
