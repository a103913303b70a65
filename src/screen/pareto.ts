/**
 * Non-dominated (Pareto) sets and a ranking that does not depend on the order candidates come in.
 *
 * Each objective is minimised or maximised. A dominates B when A is no worse on every objective
 * and better on at least one. `paretoFronts` peels fronts off: front 0 is the non-dominated set,
 * front 1 what is non-dominated once front 0 is removed, and so on. It sorts the points
 * lexicographically first, so a point can only be dominated by one earlier in that order, and
 * compares each point only with the front built so far (a dominator outside the front is itself
 * dominated by a front member, which then dominates the point too).
 */
export type Direction = 'min' | 'max';

/** a[i] oriented so that smaller is better on every objective */
const oriented = (v: readonly number[], dirs: readonly Direction[]) => v.map((x, i) => (dirs[i] === 'max' ? -x : x));

export function dominates(a: readonly number[], b: readonly number[], dirs: readonly Direction[]): boolean {
  let better = false;
  for (let i = 0; i < dirs.length; i++) {
    const x = dirs[i] === 'max' ? -a[i]! : a[i]!;
    const y = dirs[i] === 'max' ? -b[i]! : b[i]!;
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/** Fronts as lists of indices into `points` (each front sorted by index). NaN counts as the worst value. */
export function paretoFronts(points: readonly (readonly number[])[], dirs: readonly Direction[]): number[][] {
  const o = points.map((p) => oriented(p, dirs).map((x) => (Number.isNaN(x) ? Infinity : x)));
  let left = points.map((_, i) => i).sort((a, b) => {
    for (let k = 0; k < dirs.length; k++) { const d = o[a]![k]! - o[b]![k]!; if (d !== 0 && !Number.isNaN(d)) return d; }
    return a - b;
  });
  const fronts: number[][] = [];
  const dom = (a: number, b: number) => {
    let better = false;
    for (let k = 0; k < dirs.length; k++) {
      if (o[a]![k]! > o[b]![k]!) return false;
      if (o[a]![k]! < o[b]![k]!) better = true;
    }
    return better;
  };
  while (left.length > 0) {
    const front: number[] = [];
    const rest: number[] = [];
    for (const i of left) (front.some((j) => dom(j, i)) ? rest : front).push(i);
    fronts.push(front.sort((a, b) => a - b));
    left = rest;
  }
  return fronts;
}

/** a and b equal to 1e-9 of the larger (float noise of two runs of the same physics) */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;

/**
 * Each objective's values with those near the smallest of a group (sorted, each within 1e-9 relative of the
 * group's first) replaced by it, so that they compare equal; NaN and infinities as they are. The groups depend on
 * the values only, not on the candidates' order.
 */
function tieNear(values: readonly (readonly number[])[], d: number): number[][] {
  const out = values.map((v) => [...v]);
  for (let k = 0; k < d; k++) {
    const idx = out.map((_, i) => i).filter((i) => Number.isFinite(out[i]![k]!)).sort((a, b) => out[a]![k]! - out[b]![k]!);
    let first = NaN;
    for (const i of idx) {
      const v = out[i]![k]!;
      if (Number.isFinite(first) && near(first, v)) out[i]![k] = first; else first = v;
    }
  }
  return out;
}

export interface RankInput { name: string; values: number[]; }
export interface Ranked {
  name: string; rank: number; front: number; score: number; values: number[];
  /** each objective's part of the score (weight share x goodness 0..1); they add up to `score` */
  parts: number[];
  /** objectives on which this candidate is the best of all (strictly better than some other candidate) */
  bestOn: number[];
  /**
   * for a candidate past the first front: the best-ranked candidate of the front before that dominates it (one whose
   * dominance is resolved, where one of them is: `dominatedByResolved`)
   */
  dominatedBy?: string;
  /**
   * with `separation` given (the screen's ranking): whether `dominatedBy`'s dominance is resolved, i.e. on every
   * objective where its mean is better the two values are told apart (95 % intervals apart, or values without an
   * interval); false: on some objective that decides it the intervals overlap (or one seed: not tested), so this
   * candidate may be better there in truth, a trade-off rather than dominated (mends126, review90 F1)
   */
  dominatedByResolved?: boolean;
  /** with `separation` given and `dominatedByResolved` false: the objectives (indices) deciding it on which the two are not told apart, and why */
  dominatedByUnresolvedOn?: { objective: number; separation: Exclude<Separation, 'resolved'> }[];
  /**
   * with `separation` given: every candidate (any front) that dominates this one by resolved differences, by name in
   * rank order; empty: no candidate is shown better than this one by the intervals, whatever its front (mends126)
   */
  resolvedDominators?: string[];
}

/** Whether two candidates' values on objective k are told apart: 'resolved', 'overlap' (95 % intervals overlap) or 'one_seed' (no interval: not tested). */
export type Separation = 'resolved' | 'overlap' | 'one_seed';

/**
 * Ranks by Pareto front, then by a weighted score within the front: each objective min-max
 * normalised over all candidates (1 = best), weights default 1; ties by name. The result depends
 * only on the set of candidates, not on their order.
 */
export function rankCandidates(items: readonly RankInput[], dirs: readonly Direction[], weights?: readonly number[], separation?: (a: string, b: string, k: number) => Separation): Ranked[] {
  const sorted = [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // values within 1e-9 (relative) of each other tie, in the fronts and the score as in `bestOn`: two runs' float noise
  // (110.33603078 and ...88 mV, two SACs that are both permanent traps) put one a front below the other, "dominated"
  // by a 1e-7 mV difference, until review38
  const tied = tieNear(sorted.map((x) => x.values), dirs.length);
  const fronts = paretoFronts(tied, dirs);
  const front = new Array<number>(sorted.length);
  fronts.forEach((f, k) => { for (const i of f) front[i] = k; });
  const w = dirs.map((_, k) => weights?.[k] ?? 1);
  const wsum = w.reduce((a, b) => a + b, 0) || 1;
  const range = dirs.map((_, k) => {
    const col = tied.map((v) => v[k]!).filter((v) => Number.isFinite(v));
    return { lo: Math.min(...col), hi: Math.max(...col), n: col.length };
  });
  // goodness 0..1 (1 = best); where every candidate with a value ties, each gets 1 in either
  // direction (a tie on a min objective gave 1 - 1 = 0, the same as a missing value, so a missing
  // value there no longer counted as the worst)
  const goodness = (v: number, k: number) => {
    const { lo, hi } = range[k]!;
    if (!Number.isFinite(v)) return 0;
    return hi > lo ? (dirs[k] === 'max' ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo)) : 1;
  };
  const parts = tied.map((v) => dirs.map((_, k) => (w[k]! * goodness(v[k]!, k)) / wsum));
  const score = parts.map((p) => p.reduce((a, b) => a + b, 0));
  // best of all on k: the best value there (to 1e-9 relative: 21.8481146231 and ...235 mV, float
  // noise of two runs, tie) while another candidate is worse or has none
  const bestOn = sorted.map((it) => dirs.map((_, k) => k).filter((k) => {
    const v = it.values[k]!, { lo, hi, n } = range[k]!;
    return Number.isFinite(v) && (!near(hi, lo) || n < sorted.length) && near(v, dirs[k] === 'max' ? hi : lo);
  }));
  const order = sorted.map((_, i) => i).sort((a, b) => front[a]! - front[b]! || score[b]! - score[a]! || (sorted[a]!.name < sorted[b]!.name ? -1 : 1));
  // a missing value counts as the worst, as in the fronts
  const worstIfMissing = (v: readonly number[]) => v.map((x, k) => (Number.isFinite(x) ? x : dirs[k] === 'max' ? -Infinity : Infinity));
  return order.map((i, r) => {
    const out: Ranked = { name: sorted[i]!.name, rank: r + 1, front: front[i]!, score: score[i]!, values: sorted[i]!.values, parts: parts[i]!, bestOn: bestOn[i]! };
    const dominatesI = (j: number) => dominates(worstIfMissing(tied[j]!), worstIfMissing(tied[i]!), dirs);
    // the objectives on which j's mean is better than i's and the two are not told apart (a value against none is:
    // not a question of noise); j's dominance of i is resolved where there are none
    const unresolvedOn = (j: number) => {
      if (separation === undefined) return [];
      const a = oriented(worstIfMissing(tied[j]!), dirs), b = oriented(worstIfMissing(tied[i]!), dirs);
      return dirs.map((_, k) => k).filter((k) => a[k]! < b[k]! && Number.isFinite(tied[j]![k]!) && Number.isFinite(tied[i]![k]!))
        .map((k) => ({ objective: k, separation: separation(sorted[j]!.name, sorted[i]!.name, k) }))
        .filter((x): x is { objective: number; separation: Exclude<Separation, 'resolved'> } => x.separation !== 'resolved');
    };
    const resolvedBy = (j: number) => unresolvedOn(j).length === 0;
    if (front[i]! > 0) {
      // mends126 (review90 F1): a dominator whose dominance is resolved is named before one resting on means alone
      const before = order.filter((j) => front[j] === front[i]! - 1 && dominatesI(j));
      const by = before.find(resolvedBy) ?? before[0];
      if (by !== undefined) {
        out.dominatedBy = sorted[by]!.name;
        if (separation) {
          out.dominatedByResolved = resolvedBy(by);
          if (!out.dominatedByResolved) out.dominatedByUnresolvedOn = unresolvedOn(by);
        }
      }
    }
    if (separation) out.resolvedDominators = order.filter((j) => j !== i && dominatesI(j) && resolvedBy(j)).map((j) => sorted[j]!.name);
    return out;
  });
}
