/**
 * Full-cell lithium (sodium, potassium) inventory (issue 10, item 6): the anode's per-cycle
 * Coulombic efficiency drives the metal inventory of a cell with a cathode of areal capacity Q_c
 * and a metal excess Q_a = (N/P) Q_c on the anode (N/P = 0: anode-free).
 *
 * Cycle n: the charge moves the cyclable metal in the cathode, C_n, onto the anode (C_1 = Q_c);
 * of the metal plated a fraction 1 - CE_n is lost (SEI, dead metal: what the anode model counts
 * as not stripped), so the anode then holds X_n + C_n - (1 - CE_n) C_n, X_n the excess left from
 * before (X_1 = Q_a). The discharge returns as much as the cathode takes back:
 *   D_n = min(Q_c, X_n + CE_n C_n),   X_{n+1} = X_n + CE_n C_n - D_n,   C_{n+1} = D_n.
 * Retention_n = D_n / D_1. The cathode itself is taken as perfectly reversible: only the metal
 * inventory fades (the model isolates what the anode does to a cell).
 *
 * Closed form for a constant CE: while the excess lasts, D_n = Q_c and X_{n+1} = X_n - (1 - CE) Q_c,
 * so the excess runs out after n* = floor(Q_a / ((1 - CE) Q_c)) full cycles; then
 * D_{n*+1} = X + CE Q_c with X = Q_a - n* (1 - CE) Q_c, and every later cycle D_{n+1} = CE D_n.
 * N/P = 0 gives D_n = Q_c CE^n from the first cycle: the fastest fade.
 */

export interface FullCellInput {
  /** cathode areal capacity, mAh/cm2 */
  cathode_mAh_per_cm2: number;
  /** anode metal excess over the cathode capacity (0 = anode-free) */
  np: number;
  /** anode CE per cycle (the last value repeats when the list is shorter than `cycles`) */
  ce: number[];
  cycles: number;
}

export interface FullCellCycle {
  cycle: number;
  ce: number;
  charge_mAh_per_cm2: number;
  discharge_mAh_per_cm2: number;
  retention: number;
  /** metal excess left on the anode after the discharge, mAh/cm2 */
  anode_excess_mAh_per_cm2: number;
  /** metal lost in this cycle (SEI, dead), mAh/cm2 */
  lost_mAh_per_cm2: number;
}

export interface FullCellResult {
  cycles: FullCellCycle[];
  /** first cycle whose retention is below 0.8, or null if none within the run */
  cycles_to_80pct: number | null;
  final_retention: number;
}

/** The per-cycle inventory recursion (see the file comment). */
export function fullCell(inp: FullCellInput): FullCellResult {
  const Qc = inp.cathode_mAh_per_cm2;
  let X = inp.np * Qc, C = Qc, D1 = NaN;
  const out: FullCellCycle[] = [];
  let c80: number | null = null;
  for (let n = 1; n <= inp.cycles; n++) {
    const ce = inp.ce[Math.min(n - 1, inp.ce.length - 1)]!;
    const onAnode = X + ce * C;
    const D = Math.min(Qc, onAnode);
    const lost = (1 - ce) * C;
    X = onAnode - D;
    if (n === 1) D1 = D;
    const retention = D / D1;
    out.push({ cycle: n, ce, charge_mAh_per_cm2: C, discharge_mAh_per_cm2: D, retention, anode_excess_mAh_per_cm2: X, lost_mAh_per_cm2: lost });
    if (c80 === null && retention < 0.8) c80 = n;
    C = D;
  }
  return { cycles: out, cycles_to_80pct: c80, final_retention: out.length > 0 ? out[out.length - 1]!.retention : NaN };
}

/** Discharge capacity of cycle n (1-based) for a constant CE, closed form (mAh/cm2). */
export function closedFormDischarge(Qc: number, np: number, ce: number, n: number): number {
  const Qa = np * Qc;
  if (ce >= 1) return Qc;
  const loss = (1 - ce) * Qc;
  // full cycles while the excess covers the loss: cycle m is full if Qa - (m - 1) loss >= loss
  const nFull = Math.floor(Qa / loss + 1e-12);
  if (n <= nFull) return Qc;
  const X = Qa - nFull * loss; // excess left before the first short cycle (< loss)
  const first = X + ce * Qc; // D of cycle nFull + 1
  return first * ce ** (n - nFull - 1);
}

/**
 * The mean anode CE that a cell with this N/P needs to keep `retention` of its first discharge
 * after `n` cycles (constant CE; bisection on the closed form).
 */
export function requiredCe(np: number, retention: number, n: number): number {
  let lo = 0.5, hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    const r = closedFormDischarge(1, np, mid, n) / closedFormDischarge(1, np, mid, 1);
    if (r >= retention) hi = mid; else lo = mid;
  }
  return hi;
}
