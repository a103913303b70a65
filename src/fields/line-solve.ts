/**
 * The concentration field's line solves, the same arithmetic as solveLine with less work (branch fieldspeed).
 *
 * Lateral lines on a shared factorisation.
 * A cyclic x or y line of the field (fields/concentration.ts, solveLine) whose cells are all wholly open (open
 * fraction 1) and of one volume has face conductances gArea = D hz on every face and the diagonal cap + 2 dt gArea:
 * its matrix depends only on (n, gArea, cap, dt), so it is the same for every such line of a layer in one update
 * (above the kMC box every line is one; inside it every line above the deposit). FastLineSolves factors that matrix
 * once (solveCyclic's Sherman-Morrison form on solveTridiag's Thomas pivots) and solves each line by substitution
 * alone: the same floating-point operations in the same order as solveLine, so the result is bit for bit the same
 * (test/transport.test.ts checks it against a dense solve and against the line-by-line path). In the film benchmark
 * (10 x 10 x 21 cells, 0.1 mAh/cm2) 94 % of the lateral lines take this path.
 *
 * z columns in one pass (solveColumn): solveLine's face conductances, coefficients and Thomas elimination fused into
 * one loop over the column's cells, the same operations in the same order, without its coefficient arrays.
 */
export class FastLineSolves {
  /** lines solved on a shared factorisation, factorisations made, z columns solved by solveColumn */
  lines = 0;
  factors = 0;
  columns = 0;
  /** false: every line takes solveLine, the general path (the reference, for tests) */
  enabled = true;
  /** the factorisations, one per layer (the x lines' is the y lines' when ncx = ncy) */
  private readonly cache: Factor[] = [];

  /**
   * Solves the cyclic line idx[0..n) in place (N[cell] = cap x) when n >= 3 and its cells are all wholly open and of one
   * volume; returns false (nothing done) otherwise. phiOf: open fraction per cell; capOf: open volume per cell, m3;
   * N: salt per cell, mol; x: scratch of length >= n; layer: the line's layer (its factorisation is kept per layer).
   */
  trySolve(n: number, gArea: number, dt: number, idx: Int32Array, phiOf: Float64Array, capOf: Float64Array, N: Float64Array, x: Float64Array, layer: number): boolean {
    if (n < 3 || !this.enabled) return false;
    const cap = capOf[idx[0]!]!;
    if (!(cap > 0)) return false;
    for (let i = 0; i < n; i++) {
      const cell = idx[i]!;
      if (phiOf[cell] !== 1 || capOf[cell] !== cap) return false;
    }
    let F = this.cache[layer];
    if (F === undefined) { F = newFactor(); this.cache[layer] = F; }
    if (n !== F.n || gArea !== F.g || cap !== F.cap || dt !== F.dt) { this.factors++; factor(F, n, gArea, cap, dt); }
    this.lines++;
    const bet = F.bet, w = F.w, zz = F.zz, aa = F.aa;
    x[0] = N[idx[0]!]! / bet[0]!;
    for (let i = 1; i < n; i++) x[i] = (N[idx[i]!]! - aa * x[i - 1]!) / bet[i]!;
    for (let i = n - 2; i >= 0; i--) x[i]! -= w[i + 1]! * x[i + 1]!;
    const fact = (x[0]! + (F.beta * x[n - 1]!) / F.gamma) / F.den;
    for (let i = 0; i < n; i++) N[idx[i]!] = cap * (x[i]! - fact * zz[i]!);
    return true;
  }

  /**
   * solveLine for the z column idx[0..n) (not cyclic: bottom cell 0, top cell n-1 under the boundary plane) when
   * enabled; returns the salt that entered through the plane (dt gTop (cPlane - c_top), 0 unless gTop > 0 and the top
   * cell is open), or NaN when disabled (nothing done). zG[k]: conductance per unit open fraction of the face between
   * layers k and k+1; gTop: the top face's conductance to a reservoir at cPlane (0: none; cPlane is c0, or 0 in
   * ConcentrationField.relaxChanges' solve, as in solveLine); x, w: scratch of length >= n.
   */
  solveColumn(n: number, dt: number, idx: Int32Array, phiOf: Float64Array, capOf: Float64Array, N: Float64Array, zG: Float64Array,
    gTop: number, cPlane: number, x: Float64Array, w: Float64Array): number {
    if (!this.enabled) return NaN;
    this.columns++;
    let fp = phiOf[idx[0]!]!;
    let gl = 0, cPrev = 0, beta = 1, xPrev = 0;
    for (let i = 0; i < n; i++) {
      const cell = idx[i]!;
      // the face to the cell above: the smaller open fraction of the two
      let gr = 0;
      if (i + 1 < n) {
        const fq = phiOf[idx[i + 1]!]!;
        const f = fp < fq ? fp : fq;
        gr = f <= 0 ? 0 : zG[i]! * f;
        fp = fq;
      }
      const cap = capOf[cell]!;
      let a: number, b: number, c: number, r: number;
      if (cap <= 0) { a = 0; c = 0; b = 1; r = 0; } else { a = -dt * gl; c = -dt * gr; b = cap + dt * (gl + gr); r = N[cell]!; }
      gl = gr;
      if (i === n - 1 && gTop > 0 && cap > 0) { b += dt * gTop; r += dt * gTop * cPlane; }
      let xi: number;
      if (i === 0) { beta = b; xi = r / beta; } else {
        const wi = cPrev / beta;
        w[i] = wi;
        beta = b - a * wi;
        xi = (r - a * xPrev) / beta;
      }
      x[i] = xi; xPrev = xi; cPrev = c;
    }
    for (let i = n - 2; i >= 0; i--) x[i]! -= w[i + 1]! * x[i + 1]!;
    for (let i = 0; i < n; i++) {
      const cell = idx[i]!;
      const cap = capOf[cell]!;
      if (cap > 0) N[cell] = cap * x[i]!; // a closed cell keeps its trapped salt
    }
    return gTop > 0 && capOf[idx[n - 1]!]! > 0 ? dt * gTop * (cPlane - x[n - 1]!) : 0;
  }
}

/** One lateral line matrix's factorisation: its key (n, gArea, cap, dt), Thomas pivots and multipliers, Sherman-Morrison vector.
 * Plain data, not a class instance: a checkpoint (simulation/engine-state.ts) restores a class only if the fresh
 * Simulation holds one of it, and a fresh run holds no factorisation until its first field update (a checkpoint taken
 * after one did not resume: "a Factor that a new simulation does not hold", session 46). */
interface Factor {
  n: number; g: number; cap: number; dt: number;
  aa: number; beta: number; gamma: number; den: number;
  bet: Float64Array; w: Float64Array; zz: Float64Array;
}

const newFactor = (): Factor => ({ n: 0, g: NaN, cap: NaN, dt: NaN, aa: 0, beta: 0, gamma: 0, den: 0, bet: new Float64Array(0), w: new Float64Array(0), zz: new Float64Array(0) });

function factor(F: Factor, n: number, gArea: number, cap: number, dt: number): void {
  if (F.bet.length < n) { F.bet = new Float64Array(n); F.w = new Float64Array(n); F.zz = new Float64Array(n); }
  F.n = n; F.g = gArea; F.cap = cap; F.dt = dt;
  // solveLine's coefficients with g = gArea on every face
  const aa = -dt * gArea, cc = -dt * gArea, bb = cap + dt * (gArea + gArea);
  // solveCyclic: alpha = c[n-1], beta = a[0], gamma = -b[0]; the corrected first and last diagonal entries
  const alpha = cc, beta = aa, gamma = -bb;
  const b0 = bb - gamma, bn = bb - (alpha * beta) / gamma;
  const bet = F.bet, w = F.w, zz = F.zz;
  // Thomas pivots, and the solve for u = (gamma, 0, ..., 0, alpha)
  let p = b0;
  bet[0] = p;
  zz[0] = gamma / p;
  for (let i = 1; i < n; i++) {
    w[i] = cc / p;
    p = (i === n - 1 ? bn : bb) - aa * w[i]!;
    bet[i] = p;
    zz[i] = ((i === n - 1 ? alpha : 0) - aa * zz[i - 1]!) / p;
  }
  for (let i = n - 2; i >= 0; i--) zz[i]! -= w[i + 1]! * zz[i + 1]!;
  F.aa = aa; F.beta = beta; F.gamma = gamma;
  F.den = 1 + zz[0]! + (beta * zz[n - 1]!) / gamma;
}
