/**
 * The liquid's electrostatic potential on the concentration field's grid (branch migstudy): a measurement tool for the
 * question whether the concentration-field mode may take the liquid's potential as uniform along the deposit's surface
 * (docs/transport.md, "The liquid's potential along the surface").
 *
 * Equation (electroneutral binary salt, Newman ch. 12-13, in concentrated-solution form with a thermodynamic factor of 1;
 * D and t+ independent of c, review81): the current density in the liquid is
 *   i = -kappa(c) grad phi + kappa(c) (kT/e)(1 - 2 t+) grad ln c,   kappa(c) = `kappaOf` (c floored at cFloor c0): the
 *   set's sourced kappa(c) (params/electrolytes.ts conductivityOf, branch ohmic7: Valoen-Reimers' for LiPF6-EC-DMC), or
 *   kappa0 c / c0 without one (the default here; until ohmic7 for every set, about half the measured Valoen-Reimers
 *   kappa(c) below 0.2 M, so the ohmic part near Sand's time was about 2x high),
 * the second term the diffusion potential, and div i = 0 in the liquid. phi is the electrostatic potential of the
 * liquid (plating: the current runs down to the working electrode, so phi falls towards it; a site where phi is higher
 * has the larger cathodic driving force phi_liquid - phi_metal).
 *
 * Finite volumes on the field's cells (fields/concentration.ts): a liquid cell is one with open volume; two liquid
 * cells joined by a face conduct G = A min(open fractions) / (d_i / kappa_i + d_j / kappa_j) (A the face's area,
 * d the half-widths: the two half-cells in series), the current through the face G [(phi_i - phi_j) - beta (ln c_i -
 * ln c_j)], beta = (kT/e)(1 - 2 t+) (i = -kappa grad (phi - beta ln c): with no current phi - beta ln c is uniform). A cell holding solid is an electrode cell (every solid is taken as conducting:
 * metal and the Cu or carbon host; an insulating solid would need the lattice's codes, `electrode`).
 *
 * Two boundary problems (`electrode`):
 *  - 'fixed' (primary current distribution): the electrode at phi = 0 (at the face of a wholly solid cell, at the
 *    centre of a partly open one), the current J entering evenly through the boundary plane's open top cells. The
 *    current then converges on tips; the liquid cells next to the deposit read the drop across their half-cell,
 *    which grows with the current they pass.
 *  - 'sink' (the model's own current distribution, the first-order secondary distribution): phi = 0 at the boundary
 *    plane (where the salt is c0 with a diffusion layer; the top cells' own c with a separator), and the current J x
 *    box area leaves the liquid into the deposit at the cells in `sink` (weights, normalised here: for the model's
 *    distribution the rate k(s) min(c/c0, 1) of the reduction sites in each cell, Transport.reductionWeights; a site
 *    under the SEI shares its rate out to the cells of the liquid voxels it touches, branch mends118). Its
 *    surface potential phi_s, against its maximum, is what the rates would see: exp(-alpha f (phi_max - phi_s)) <= 1.
 * Liquid not joined to a Dirichlet boundary (a pore the deposit sealed, in 'sink') is left out: NaN, its sink dropped.
 *
 * Solved by conjugate gradients with a diagonal (Jacobi) preconditioner on the symmetric positive definite system,
 * warm-started from `start` when given, to a relative residual `tol` (default 1e-10).
 */
import type { ConcentrationField } from './concentration.js';

export interface LiquidPotentialOptions {
  /** bulk conductivity, S/m */
  kappa0_S_per_m: number;
  tPlus: number;
  /** kT / e, V */
  kT_V: number;
  /** current density while plating, A/m2 (> 0) */
  J_A_per_m2: number;
  electrode: 'fixed' | 'sink' | 'tafel';
  /** 'tafel': the transfer coefficient (default 1/2), Newton's steps at most (default 40) and its tolerance, V (default 1e-7) */
  alpha?: number;
  maxNewton?: number;
  newtonTol?: number;
  /** 'sink' and 'tafel': per cell (length >= the box's cells), the share of the current leaving the liquid there (any scale) */
  sink?: Float64Array;
  /** include the diffusion potential term (default true) */
  diffusionPotential?: boolean;
  /** kappa(c), S/m, c in mol/m3 (params/electrolytes.ts conductivityOf; branch ohmic7); default kappa0 c / c0 */
  kappaOf?: (c_mol_per_m3: number) => number;
  /** kappa's and ln c's floor, fraction of c0 (default 1e-6, as electrolyteResistance) */
  cFloor?: number;
  /** per cell: 1 where the cell holds conducting solid (default: any solid) */
  electrodeMask?: Uint8Array;
  tol?: number;
  maxIter?: number;
  start?: Float64Array;
}

export interface LiquidPotentialResult {
  /** per cell, V (NaN for cells outside the solved liquid) */
  phi: Float64Array;
  /** liquid cells next to the deposit (a face to an electrode cell, or a partly solid cell itself in 'sink') */
  surface: Int32Array;
  /** 'fixed': per surface cell (same order), the current it passes into the electrode, A; 'sink': the imposed current, A */
  surfaceCurrent: Float64Array;
  /** max - min of phi over the surface cells, V; and over those passing current (> 1e-9 of the mean cell's), V */
  spread_V: number;
  spreadCarrying_V: number;
  /** 'sink' and 'tafel': max - min of phi over the cells with a weight (sites that reduce at a uniform potential), V */
  spreadSites_V: number;
  /** current-weighted mean of phi over the surface, V */
  meanSurface_V: number;
  /** 'sink' and 'tafel': the share of the current the solution moves off the weights' distribution (0 for 'sink': it imposes them) */
  moved: number;
  /** 'tafel': Newton steps taken, and the largest change of phi in the last, V */
  newton: number;
  lastStep_V: number;
  /** conjugate-gradient iterations, all solves; the last solve's relative residual */
  iterations: number;
  relResidual: number;
}

export function liquidPotential(field: ConcentrationField, o: LiquidPotentialOptions): LiquidPotentialResult {
  const { ncx, ncy, ncz, nCells, hx, hz } = field;
  const nxy = ncx * ncy, nBox = field.open.length, c0 = field.spec.c0;
  if (!(o.kappa0_S_per_m > 0)) throw new RangeError(`kappa0 must be > 0 S/m, got ${o.kappa0_S_per_m}`);
  if (o.electrode !== 'fixed' && (o.sink === undefined || o.sink.length < nBox)) throw new RangeError('electrode sink needs a weight per box cell');
  const floor = (o.cFloor ?? 1e-6) * c0, kappaOf = o.kappaOf;
  const beta = o.diffusionPotential === false ? 0 : o.kT_V * (1 - 2 * o.tPlus);
  const A = hx * hx, halfX = hx / 2;
  const liquid = new Uint8Array(nCells), solid = new Uint8Array(nCells), kap = new Float64Array(nCells), cc = new Float64Array(nCells);
  const frac = new Float64Array(nCells);
  for (let i = 0; i < nCells; i++) {
    const cap = field.capacity(i);
    const fr = i < nBox ? (field.nvox[i]! > 0 ? field.open[i]! / field.nvox[i]! : 0) : 1;
    frac[i] = fr;
    if (i < nBox && field.open[i]! < field.nvox[i]!) solid[i] = o.electrodeMask ? o.electrodeMask[i]! : 1;
    const fixedNode = o.electrode === 'fixed' && solid[i] === 1 && fr > 0; // a partly open electrode cell: a node at phi = 0
    if (cap > 0 && !fixedNode) {
      liquid[i] = 1;
      const c = Math.max(field.conc(i), floor);
      kap[i] = kappaOf ? kappaOf(c) : (o.kappa0_S_per_m * c) / c0; cc[i] = c;
    }
  }
  // neighbours: 0 +x, 1 -x, 2 +y, 3 -y, 4 +z, 5 -z (x, y periodic); -1 none
  const nb = (i: number, d: number): number => {
    const k = (i / nxy) | 0, j = i - k * nxy, cy = (j / ncx) | 0, cx = j - cy * ncx;
    switch (d) {
      case 0: return ncx > 1 ? ((cx + 1) % ncx) + ncx * cy + nxy * k : -1;
      case 1: return ncx > 1 ? ((cx + ncx - 1) % ncx) + ncx * cy + nxy * k : -1;
      case 2: return ncy > 1 ? cx + ncx * ((cy + 1) % ncy) + nxy * k : -1;
      case 3: return ncy > 1 ? cx + ncx * ((cy + ncy - 1) % ncy) + nxy * k : -1;
      case 4: return k + 1 < ncz ? i + nxy : -1;
      default: return k > 0 ? i - nxy : -1;
    }
  };
  const NB = new Int32Array(6 * nCells);
  for (let i = 0; i < nCells; i++) for (let d = 0; d < 6; d++) NB[6 * i + d] = nb(i, d);
  const half = (i: number, d: number): number => (d < 4 ? halfX : hz[(i / nxy) | 0]! / 2);
  const area = (i: number, d: number): number => (d < 4 ? hx * hz[(i / nxy) | 0]! : A);
  // face conductances, 6 per cell (liquid-liquid: series of the halves; to an electrode: the liquid half alone, or the
  // whole centre distance to a partly open electrode node), and the diagonal
  const G = new Float64Array(6 * nCells);
  const diag = new Float64Array(nCells), rhs = new Float64Array(nCells), dirichlet = new Uint8Array(nCells);
  const isSurface = new Uint8Array(nCells), gElec = new Float64Array(nCells);
  for (let i = 0; i < nCells; i++) {
    if (liquid[i] !== 1) continue;
    for (let d = 0; d < 6; d++) {
      const j = nb(i, d);
      if (j < 0) continue;
      if (liquid[j] === 1) {
        // two faces join the same pair when a lateral line has two cells: each is a face of its own, as in the field
        const f = Math.min(frac[i]!, frac[j]!);
        if (f <= 0) continue;
        const g = (area(i, d) * f) / (half(i, d) / kap[i]! + half(j, d) / kap[j]!);
        G[6 * i + d] = g;
        diag[i]! += g;
        // the diffusion potential on the face's own conductance: i = -kappa grad (phi - beta ln c), so with no current
        // phi - beta ln c is uniform whatever the jump in c (a form linear in c, (kappa0 / c0) grad c, gave a depleted
        // cell next to a full one beta c_j / (2 c_i) instead of beta ln(c_j / c_i): kilovolts at c_i = 1e-6 c0)
        rhs[i]! += beta * g * (Math.log(cc[i]!) - Math.log(cc[j]!));
      } else if (solid[j] === 1) {
        isSurface[i] = 1;
        if (o.electrode === 'fixed') {
          const partly = frac[j]! > 0;
          const f = partly ? Math.min(frac[i]!, frac[j]!) : frac[i]!;
          const g = (area(i, d) * f) / ((half(i, d) + (partly ? half(j, d) : 0)) / kap[i]!);
          gElec[i]! += g; diag[i]! += g; dirichlet[i] = 1;
        }
      }
    }
    if (o.electrode !== 'fixed' && i < nBox && solid[i] === 1) isSurface[i] = 1;
  }
  // the boundary plane, above the top layer
  const top = (ncz - 1) * nxy;
  let topOpen = 0;
  for (let j = 0; j < nxy; j++) if (liquid[top + j] === 1) topOpen++;
  const I = o.J_A_per_m2 * nxy * A;
  if (o.electrode === 'fixed') {
    for (let j = 0; j < nxy; j++) if (liquid[top + j] === 1) rhs[top + j]! += I / topOpen;
  } else {
    const cPlane = field.spec.boundary === 'diffusion_layer' ? c0 : NaN;
    for (let j = 0; j < nxy; j++) {
      const i = top + j;
      if (liquid[i] !== 1) continue;
      const g = (A * frac[i]!) / (hz[ncz - 1]! / 2 / kap[i]!);
      diag[i]! += g; dirichlet[i] = 1;
      if (cPlane === cPlane) rhs[i]! += beta * g * Math.log(cc[i]! / cPlane);
    }
  }
  // keep the liquid joined to a Dirichlet boundary (a breadth-first walk over conducting faces)
  const inSys = new Uint8Array(nCells), q = new Int32Array(nCells);
  let qt = 0;
  for (let i = 0; i < nCells; i++) if (dirichlet[i] === 1) { inSys[i] = 1; q[qt++] = i; }
  for (let h = 0; h < qt; h++) {
    const i = q[h]!;
    for (let d = 0; d < 6; d++) {
      if (!(G[6 * i + d]! > 0)) continue;
      const j = nb(i, d);
      if (inSys[j] !== 1) { inSys[j] = 1; q[qt++] = j; }
    }
  }
  // conjugate gradients, Jacobi-preconditioned, on (A + diag(extra)) x = b over the joined liquid. The joined cells are
  // numbered 0..nSys-1 and each holds its six faces' conductances and neighbours' numbers (a missing face: g = 0 to
  // itself), so every loop runs over packed arrays without a branch (branch ohmic3: the same iteration, faster than the
  // loops over every cell with their tests; a preconditioner tridiagonal along z columns cut no iterations)
  const sysList: number[] = [];
  const pos = new Int32Array(nCells).fill(-1);
  for (let i = 0; i < nCells; i++) if (inSys[i] === 1) { pos[i] = sysList.length; sysList.push(i); }
  const sys = Int32Array.from(sysList), nSys = sys.length;
  const sG = new Float64Array(6 * nSys), sN = new Int32Array(6 * nSys);
  for (let n = 0; n < nSys; n++) {
    const i = sys[n]!;
    for (let d = 0; d < 6; d++) {
      const g = G[6 * i + d]!;
      if (g > 0) { sG[6 * n + d] = g; sN[6 * n + d] = pos[NB[6 * i + d]!]!; } else sN[6 * n + d] = n;
    }
  }
  const r = new Float64Array(nSys), z = new Float64Array(nSys), p = new Float64Array(nSys), Ap = new Float64Array(nSys);
  const D = new Float64Array(nSys), invD = new Float64Array(nSys), xs = new Float64Array(nSys), bs = new Float64Array(nSys);
  const tol = o.tol ?? 1e-10, maxIter = o.maxIter ?? 20000;
  let iterations = 0, relResidual = 0;
  const apply = (v: Float64Array, out: Float64Array): void => {
    for (let n = 0, b6 = 0; n < nSys; n++, b6 += 6) {
      out[n] = D[n]! * v[n]! - sG[b6]! * v[sN[b6]!]! - sG[b6 + 1]! * v[sN[b6 + 1]!]! - sG[b6 + 2]! * v[sN[b6 + 2]!]!
        - sG[b6 + 3]! * v[sN[b6 + 3]!]! - sG[b6 + 4]! * v[sN[b6 + 4]!]! - sG[b6 + 5]! * v[sN[b6 + 5]!]!;
    }
  };
  const pcg = (extra: Float64Array | null, b: Float64Array, x: Float64Array): void => {
    for (let n = 0; n < nSys; n++) {
      const i = sys[n]!;
      D[n] = diag[i]! + (extra ? extra[i]! : 0); invD[n] = 1 / D[n]!; xs[n] = x[i]!; bs[n] = b[i]!;
    }
    apply(xs, Ap);
    let bnorm = 0, rr = 0, rz = 0;
    for (let n = 0; n < nSys; n++) {
      const rn = bs[n]! - Ap[n]!;
      r[n] = rn; z[n] = rn * invD[n]!; p[n] = z[n]!; rr += rn * rn; rz += rn * z[n]!; bnorm += bs[n]! * bs[n]!;
    }
    bnorm = Math.sqrt(bnorm) || 1;
    let it = 0, rel = 0;
    for (; it < maxIter; it++) {
      rel = Math.sqrt(rr) / bnorm;
      if (rel < tol) break;
      apply(p, Ap);
      let pAp = 0;
      for (let n = 0; n < nSys; n++) pAp += p[n]! * Ap[n]!;
      if (!(pAp > 0)) break;
      const al = rz / pAp;
      let rz1 = 0;
      rr = 0;
      for (let n = 0; n < nSys; n++) {
        xs[n]! += al * p[n]!;
        const rn = r[n]! - al * Ap[n]!;
        r[n] = rn; const zn = rn * invD[n]!; z[n] = zn; rz1 += rn * zn; rr += rn * rn;
      }
      const bt = rz1 / rz; rz = rz1;
      for (let n = 0; n < nSys; n++) p[n] = z[n]! + bt * p[n]!;
    }
    for (let n = 0; n < nSys; n++) x[sys[n]!] = xs[n]!;
    iterations += it; relResidual = rel;
  };
  const x = new Float64Array(nCells);
  if (o.start) for (let i = 0; i < nCells; i++) if (inSys[i] === 1 && Number.isFinite(o.start[i]!)) x[i] = o.start[i]!;
  // the sink's weights over the joined liquid
  const w = new Float64Array(nBox);
  let W = 0;
  if (o.electrode !== 'fixed') for (let i = 0; i < nBox; i++) if (inSys[i] === 1 && o.sink![i]! > 0) { w[i] = o.sink![i]!; W += w[i]!; }
  const surfaceCurrentOf = new Float64Array(nCells);
  let newton = 0, lastStep = 0;
  if (o.electrode === 'fixed') pcg(null, rhs, x);
  else if (o.electrode === 'sink' || !(W > 0)) {
    const b = Float64Array.from(rhs);
    if (W > 0) for (let i = 0; i < nBox; i++) if (w[i]! > 0) { const s = (I * w[i]!) / W; b[i]! -= s; surfaceCurrentOf[i] = s; }
    pcg(null, b, x);
  } else {
    // Tafel kinetics at each site: the cell's current lambda w_i exp(alpha f phi_i), lambda set by the total I (the
    // metal's potential); Newton on phi, the exponential linearised (a Robin term on the diagonal, so the system stays
    // symmetric positive definite), each step up limited to 2 kT/e per cell
    const aF = (o.alpha ?? 0.5) / o.kT_V, maxStep = 2 * o.kT_V;
    const extra = new Float64Array(nCells), b = new Float64Array(nCells), xn = new Float64Array(nCells), e = new Float64Array(nBox);
    for (; newton < (o.maxNewton ?? 40); newton++) {
      let xm = -Infinity;
      for (let i = 0; i < nBox; i++) if (w[i]! > 0 && x[i]! > xm) xm = x[i]!;
      let S = 0;
      for (let i = 0; i < nBox; i++) if (w[i]! > 0) { e[i] = w[i]! * Math.exp(aF * (x[i]! - xm)); S += e[i]!; }
      const lam = I / S;
      b.set(rhs); extra.fill(0);
      for (let i = 0; i < nBox; i++) if (w[i]! > 0) { const s = lam * e[i]!; extra[i] = s * aF; b[i]! += -s + s * aF * x[i]!; surfaceCurrentOf[i] = s; }
      xn.set(x);
      pcg(extra, b, xn);
      let md = 0;
      for (let i = 0; i < nCells; i++) {
        if (inSys[i] !== 1) continue;
        let d = xn[i]! - x[i]!;
        if (d > maxStep) d = maxStep; // upward only: a cell's exponential grows; a step down only cuts its current
        x[i]! += d;
        if (Math.abs(d) > md) md = Math.abs(d);
      }
      lastStep = md;
      if (md < (o.newtonTol ?? 1e-7)) { newton++; break; }
    }
    let xm = -Infinity;
    for (let i = 0; i < nBox; i++) if (w[i]! > 0 && x[i]! > xm) xm = x[i]!;
    let S = 0;
    for (let i = 0; i < nBox; i++) if (w[i]! > 0) { e[i] = w[i]! * Math.exp(aF * (x[i]! - xm)); S += e[i]!; }
    for (let i = 0; i < nBox; i++) surfaceCurrentOf[i] = w[i]! > 0 ? (I * e[i]!) / S : 0;
  }
  // the share of the current the potential moves away from the uniform-potential distribution (I w_i / W)
  let moved = 0;
  if (o.electrode !== 'fixed' && W > 0) {
    for (let i = 0; i < nBox; i++) if (w[i]! > 0) moved += Math.abs(surfaceCurrentOf[i]! - (I * w[i]!) / W);
    moved /= 2 * I;
  }
  const phi = new Float64Array(nCells).fill(NaN);
  for (let i = 0; i < nCells; i++) if (inSys[i] === 1) phi[i] = x[i]!;
  // the surface
  const surf: number[] = [];
  for (let i = 0; i < nCells; i++) if (isSurface[i] === 1 && inSys[i] === 1) surf.push(i);
  const surface = Int32Array.from(surf), surfaceCurrent = new Float64Array(surf.length);
  let lo = Infinity, hi = -Infinity, loC = Infinity, hiC = -Infinity, sw = 0, swp = 0, loS = Infinity, hiS = -Infinity;
  for (let n = 0; n < surf.length; n++) {
    const i = surf[n]!;
    const cur = o.electrode === 'fixed' ? gElec[i]! * x[i]! : surfaceCurrentOf[i]!;
    surfaceCurrent[n] = cur;
    const v = x[i]!;
    if (v < lo) lo = v; if (v > hi) hi = v;
    if (i < nBox && w[i]! > 0) { if (v < loS) loS = v; if (v > hiS) hiS = v; }
    if (cur > 1e-9 * (I / Math.max(1, surf.length))) { if (v < loC) loC = v; if (v > hiC) hiC = v; sw += cur; swp += cur * v; }
  }
  return {
    phi, surface, surfaceCurrent, moved, newton, lastStep_V: lastStep, spread_V: surf.length > 0 ? hi - lo : 0, spreadCarrying_V: hiC >= loC ? hiC - loC : 0,
    spreadSites_V: hiS >= loS ? hiS - loS : 0,
    meanSurface_V: sw > 0 ? swp / sw : NaN, iterations, relResidual,
  };
}
