/**
 * Domains that follow the work (issue 11 target 3, branch balance68): the sector scheme's strip edges moved at a cycle's
 * end so that the four strips of two threads hold equal shares of the box's total event rate (its expected events).
 *
 * Why: on the film benchmark the two threads' strips differ by about 6.5 expected events per phase of about 10
 * (docs/parallel.md, "Third round"): a few fast adatoms set a strip's rate, and whichever strip holds them does most of
 * the phase's work while the other thread waits. A fixed split of the box cannot follow them.
 *
 * The layout (two threads only): thread 0's domain is the unwrapped global columns [a0, a1), thread 1's [a1, a0 + nx);
 * thread k's first strip [a_k, s_k), its second [s_k, a_(k+1)). The edges move within `slack` columns of their
 * fixed places (a0 in [-slack, slack], a1 in [W - slack, W + slack], W = nx / 2): each thread's sub-box holds its
 * fixed domain plus slack plus ghost columns, so a domain edge can move without a new sub-box. Every strip keeps at
 * least `minStrip` columns (the reach: parallel/sectors.ts MIN_STRIP keeps two active strips apart).
 *
 * A cycle's decomposition is chosen from the state at the cycle's start (the per-column rates every thread publishes)
 * by a rule that every thread computes on the same numbers, so all threads agree; Shim and Amar's scheme holds for any
 * decomposition that keeps the active strips apart, chosen anew each cycle. What changes is where the strip edges lie
 * (approximation 1 sits at the edges): its error has to be measured, not assumed (docs/parallel.md, "Domains that
 * follow the work").
 */

/** a two-thread layout: the two domain edges and the two strip splits, unwrapped global columns (module comment) */
export interface BalanceLayout { a0: number; a1: number; s0: number; s1: number }

/** the fixed layout (no balancing): edges at 0 and W, each domain cut in its middle */
export function fixedLayout(nx: number): BalanceLayout {
  const W = nx / 2;
  return { a0: 0, a1: W, s0: W / 2, s1: W + W / 2 };
}

/**
 * The cost of a layout in the weights' unit: the slower strip of each phase, summed over the two phases (the wall time
 * of a cycle if each strip's work were its weight). C(u): the cumulative weight up to unwrapped column u.
 */
function costOf(C: (u: number) => number, nx: number, l: BalanceLayout): number {
  const p0 = Math.max(C(l.s0) - C(l.a0), C(l.s1) - C(l.a1));
  const p1 = Math.max(C(l.a1) - C(l.s0), C(l.a0 + nx) - C(l.s1));
  return p0 + p1;
}

/** the u in [lo, hi] whose C(u) is nearest to goal (C non-decreasing; the lower u on a tie) */
function nearest(C: (u: number) => number, lo: number, hi: number, goal: number): number {
  if (lo >= hi) return lo;
  // the first u with C(u) >= goal, then the better of it and the one before
  let a = lo, b = hi;
  while (a < b) { const m = (a + b) >> 1; if (C(m) >= goal) b = m; else a = m + 1; }
  if (a > lo && goal - C(a - 1) <= C(a) - goal) return a - 1;
  return a;
}

/** balanceLayout's prefix sums, kept between calls (the rule runs at every balancing cycle's end) */
let scratch = new Float64Array(0);

/**
 * The layout for the next cycle from per-global-column weights (rates, >= 0; w.length = nx): the edges within `slack`
 * of their fixed places that give the two domains the most equal weights, each domain cut where its two strips' weights
 * are most equal, every strip at least minStrip columns. It is taken only when its cost (costOf) is lower than the
 * current layout's by more than `gain` times the total weight; else the current layout stays (no churn for a
 * difference of a fraction of an event). Deterministic: the same weights and layout give the same answer on every
 * thread.
 */
export function balanceLayout(w: Float64Array, cur: BalanceLayout, slack: number, minStrip: number, gain: number): BalanceLayout {
  const nx = w.length, W = nx / 2;
  if (scratch.length < nx + 1) scratch = new Float64Array(nx + 1);
  const P = scratch;
  for (let g = 0; g < nx; g++) P[g + 1] = P[g]! + w[g]!;
  const total = P[nx]!;
  if (!(total > 0)) return cur;
  const C = (u: number): number => (u < 0 ? P[nx + u]! - total : u > nx ? total + P[u - nx]! : P[u]!);
  let best = cur, bestCost = costOf(C, nx, cur);
  const curCost = bestCost;
  for (let a0 = -slack; a0 <= slack; a0++) {
    const a1 = nearest(C, Math.max(W - slack, a0 + 2 * minStrip), Math.min(W + slack, a0 + nx - 2 * minStrip), C(a0) + total / 2);
    const s0 = nearest(C, a0 + minStrip, a1 - minStrip, (C(a0) + C(a1)) / 2);
    const s1 = nearest(C, a1 + minStrip, a0 + nx - minStrip, (C(a1) + C(a0 + nx)) / 2);
    const l = { a0, a1, s0, s1 }, c = costOf(C, nx, l);
    if (c < bestCost) { best = l; bestCost = c; }
  }
  return curCost - bestCost > gain * total ? best : cur;
}

/** the largest slack two threads' boxes allow: every strip keeps minStrip columns at the edges' extremes */
export function maxSlack(nx: number, minStrip: number): number {
  return Math.max(0, Math.floor((nx / 2 - 2 * minStrip) / 2));
}
