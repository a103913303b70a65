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
 *
 * Side by side (branch fieldgrid): solveLayer solves every lateral line of a wholly open layer at once and solveColumns
 * every z column at once, each line and column with the operations of trySolve and solveColumn in their order, so the
 * field is bit for bit the same; they save the index arrays, the per-line checks and the indirection, which were most
 * of the cost with 250 nm cells (docs/speed.md, "The 250 nm grid").
 */
export class FastLineSolves {
  /** lines solved on a shared factorisation, factorisations made, z columns solved by solveColumn */
  lines = 0;
  factors = 0;
  columns = 0;
  /** lateral passes of a whole layer solved together (solveLayer), column passes of the whole field (solveColumns) */
  layers = 0;
  columnPasses = 0;
  /** false: every line takes solveLine, the general path (the reference, for tests) */
  enabled = true;
  /** false: fieldspeed's line-by-line fast path (trySolve per line, solveColumn per column), the reference for solveLayer and solveColumns */
  batched = true;
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
    const F = this.factorFor(n, gArea, cap, dt, layer);
    this.lines++;
    const bet = F.bet, w = F.w, zz = F.zz, aa = F.aa;
    x[0] = N[idx[0]!]! / bet[0]!;
    for (let i = 1; i < n; i++) x[i] = (N[idx[i]!]! - aa * x[i - 1]!) / bet[i]!;
    for (let i = n - 2; i >= 0; i--) x[i]! -= w[i + 1]! * x[i + 1]!;
    const fact = (x[0]! + (F.beta * x[n - 1]!) / F.gamma) / F.den;
    for (let i = 0; i < n; i++) N[idx[i]!] = cap * (x[i]! - fact * zz[i]!);
    return true;
  }

  private factorFor(n: number, gArea: number, cap: number, dt: number, layer: number): Factor {
    let F = this.cache[layer];
    if (F === undefined) { F = newFactor(); this.cache[layer] = F; }
    if (n !== F.n || gArea !== F.g || cap !== F.cap || dt !== F.dt) { this.factors++; factor(F, n, gArea, cap, dt); }
    return F;
  }

  /**
   * trySolve for every lateral line of a layer at once (branch fieldgrid), when n >= 3 and every cell of the layer is
   * wholly open and of one volume; returns false (nothing done) otherwise, and the lines then go one by one.
   * The layer is the cells base + l lineStride + i cellStride (line l < nLines, cell i < n of it): x lines lineStride =
   * ncx, cellStride = 1; y lines lineStride = 1, cellStride = ncx. The lines are solved side by side (cell i of every
   * line, then cell i + 1), each with trySolve's operations in trySolve's order, so each line's result is trySolve's
   * bit for bit; what is saved is the per-line check, the index array and its indirection.
   */
  solveLayer(nLines: number, n: number, lineStride: number, cellStride: number, base: number, gArea: number, dt: number,
    phiOf: Float64Array, capOf: Float64Array, N: Float64Array, layer: number): boolean {
    if (n < 3 || !this.enabled || !this.batched) return false;
    const cap = capOf[base]!;
    if (!(cap > 0)) return false;
    const end = base + nLines * n;
    for (let cell = base; cell < end; cell++) if (phiOf[cell] !== 1 || capOf[cell] !== cap) return false;
    const F = this.factorFor(n, gArea, cap, dt, layer);
    this.lines += nLines;
    this.layers++;
    const bet = F.bet, w = F.w, zz = F.zz, aa = F.aa;
    const X = scratch(nLines * n);
    // forward: X[i nLines + l] is x[i] of line l
    { const b0 = bet[0]!; for (let l = 0; l < nLines; l++) X[l] = N[base + l * lineStride]! / b0; }
    for (let i = 1; i < n; i++) {
      const bi = bet[i]!, row = i * nLines, prev = row - nLines, c0 = base + i * cellStride;
      for (let l = 0; l < nLines; l++) X[row + l] = (N[c0 + l * lineStride]! - aa * X[prev + l]!) / bi;
    }
    for (let i = n - 2; i >= 0; i--) {
      const wi = w[i + 1]!, row = i * nLines, next = row + nLines;
      for (let l = 0; l < nLines; l++) X[row + l]! -= wi * X[next + l]!;
    }
    const last = (n - 1) * nLines, fb = F.beta, fg = F.gamma, fd = F.den;
    for (let l = 0; l < nLines; l++) {
      const fact = (X[l]! + (fb * X[last + l]!) / fg) / fd;
      const c0 = base + l * lineStride;
      for (let i = 0; i < n; i++) N[c0 + i * cellStride] = cap * (X[i * nLines + l]! - fact * zz[i]!);
    }
    return true;
  }

  /**
   * solveColumn for every z column of the field at once (branch fieldgrid): nc columns (cell j + nc k of column j, layer
   * k < n), side by side layer by layer, each with solveColumn's operations in solveColumn's order. gTop of column j is
   * zTopG x the open fraction of its top cell when `reservoir` (a diffusion layer's plane), else 0, as in update.
   * Returns inflow0 plus each column's entering salt added in column order (update's sum, bit for bit), or NaN when
   * not enabled or not batched (nothing done).
   */
  solveColumns(nc: number, n: number, dt: number, phiOf: Float64Array, capOf: Float64Array, N: Float64Array, zG: Float64Array,
    zTopG: number, reservoir: boolean, cPlane: number, inflow0: number): number {
    if (!this.enabled || !this.batched) return NaN;
    this.columns += nc;
    this.columnPasses++;
    const X = scratch(nc * n), W = scratch2(nc * n), S = scratch3(4 * nc);
    // per column: S[j] the open fraction below the face, S[nc + j] gl, S[2 nc + j] the previous c, S[3 nc + j] beta
    const fpB = 0, glB = nc, cpB = 2 * nc, beB = 3 * nc;
    for (let j = 0; j < nc; j++) { S[fpB + j] = phiOf[j]!; S[glB + j] = 0; S[cpB + j] = 0; S[beB + j] = 1; }
    for (let i = 0; i < n; i++) {
      const row = i * nc, top = i === n - 1, zGi = top ? 0 : zG[i]!;
      for (let j = 0; j < nc; j++) {
        const cell = row + j;
        let gr = 0;
        if (!top) {
          const fp = S[fpB + j]!, fq = phiOf[cell + nc]!;
          const f = fp < fq ? fp : fq;
          gr = f <= 0 ? 0 : zGi * f;
          S[fpB + j] = fq;
        }
        const cap = capOf[cell]!;
        const gl = S[glB + j]!;
        let a: number, b: number, c: number, r: number;
        if (cap <= 0) { a = 0; c = 0; b = 1; r = 0; } else { a = -dt * gl; c = -dt * gr; b = cap + dt * (gl + gr); r = N[cell]!; }
        S[glB + j] = gr;
        if (top) {
          const gTop = reservoir ? zTopG * phiOf[cell]! : 0;
          if (gTop > 0 && cap > 0) { b += dt * gTop; r += dt * gTop * cPlane; }
        }
        let xi: number;
        if (i === 0) { S[beB + j] = b; xi = r / b; } else {
          const wi = S[cpB + j]! / S[beB + j]!;
          W[cell] = wi;
          const beta = b - a * wi;
          S[beB + j] = beta;
          xi = (r - a * X[cell - nc]!) / beta;
        }
        X[cell] = xi; S[cpB + j] = c;
      }
    }
    for (let i = n - 2; i >= 0; i--) {
      const row = i * nc;
      for (let j = 0; j < nc; j++) X[row + j]! -= W[row + nc + j]! * X[row + nc + j]!;
    }
    const cells = n * nc;
    for (let cell = 0; cell < cells; cell++) {
      const cap = capOf[cell]!;
      if (cap > 0) N[cell] = cap * X[cell]!; // a closed cell keeps its trapped salt
    }
    let inflow = inflow0;
    const topRow = (n - 1) * nc;
    for (let j = 0; j < nc; j++) {
      const cell = topRow + j;
      const gTop = reservoir ? zTopG * phiOf[cell]! : 0;
      inflow += gTop > 0 && capOf[cell]! > 0 ? dt * gTop * (cPlane - X[cell]!) : 0;
    }
    return inflow;
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

/** Scratch of solveLayer and solveColumns, module-level: nothing in it outlives a call, and it is not part of a
 * Simulation's state (a checkpoint neither holds nor needs it). */
let buf1 = new Float64Array(0), buf2 = new Float64Array(0), buf3 = new Float64Array(0);
function scratch(n: number): Float64Array { if (buf1.length < n) buf1 = new Float64Array(n); return buf1; }
function scratch2(n: number): Float64Array { if (buf2.length < n) buf2 = new Float64Array(n); return buf2; }
function scratch3(n: number): Float64Array { if (buf3.length < n) buf3 = new Float64Array(n); return buf3; }

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
