/**
 * The return of emitted adatoms that the fast-adatom elimination (the `reservoir` of atomistic.ts)
 * forgets, as a lattice random-walk hitting probability, and the rate factor it gives (issue 15:
 * "a method that is exact or has a bounded, measured error ... show that it leaves the nucleation
 * statistics unchanged against plain kMC").
 *
 * Quasi-static linear response of the sea (docs/nucleation.md, "Fast adatoms", derivation). Let I be
 * the sites the reservoir keeps explicit around a cluster (its columns and their free neighbours),
 * F the other ("far") free host sites, hop the lone adatom's rate per direction, k = k_red + k_ox,lone
 * the rate at which a lone adatom is made or lost in place, a = k / hop = 1 / lambda^2, and c_x the
 * number of I-neighbours of x in F. In plain kMC the lone-adatom density n on F obeys, to first order
 * in theta1, A n = k_red + s with (A n)_x = k n_x + hop sum_{y in F, y~x} (n_x - n_y) + hop c_x n_x,
 * s the emission from I. The reservoir instead fixes n = theta1 on F. Both arms see the same
 * emission s; if its shape is that of equilibrium (s proportional to c, which detailed balance gives:
 * s = theta1 hop c makes n = theta1 exactly), the net flux into I in plain kMC is (1 - p_ret) times
 * the reservoir's, for attachment and detachment alike, with
 *   p_ret = hop c . A^-1 c / sum c
 * the probability that an atom emitted from I (started on F with weight c_x) re-enters I before it
 * is lost. A cluster also grows by reduction straight onto its explicit sites (k_red,I per site) and
 * shrinks by oxidation, a channel the sea does not carry and both arms treat alike; detailed balance
 * pairs each channel with its reverse, so attachment and detachment frequencies scale by the same
 * factor, the cluster free energies and n* are those of the reservoir, and the rate of crossing n*
 * (Zeldovich-Frenkel: J ~ f+(n*)) is
 *   J_plain = J_reservoir / E,   E = (|I| + s sum c) / (|I| + s sum c (1 - p_ret)),   s = theta1 hop / k_red,I
 * at I = the explicit set at n* (s = lambda^2 without a host reduction shift; E -> 1 / (1 - p_ret) for
 * lambda >> 1, E -> 1 without a sea). This is the mixed interface / diffusion control of the attachment
 * frequency (Kashchiev, Nucleation, Butterworth-Heinemann 2000, ch. 10) with the lattice's hitting
 * probability in place of the continuum ln(lambda / R) (the estimate of acceleration.ts); it has no
 * free parameter. Its one assumption beyond linear response: the sea relaxes faster than the cluster
 * changes (f+ / k << 1); when the cluster attaches many atoms per sea lifetime 1/k, an emitted atom
 * that returns finds a cluster that has moved on.
 *
 * Two evaluations, in units of hop (M = A / hop = (4 + a) - W_F, W_F the adjacency on F):
 *  - periodic L x L box (the box plain kMC runs in): M u = c by conjugate gradients, p_ret = c.u / sum c;
 *  - the infinite plane (production, lambda up to ~1e4): the screened lattice Green's function
 *    G = ((4 + a) - W)^-1 of the square lattice (Economou, Green's Functions in Quantum Physics,
 *    3rd ed., Springer 2006, ch. 5; Montroll and Weiss, J. Math. Phys. 6, 167, 1965), and the
 *    capacitance of the set: with u = G (c - q) and q supported on the sites of I next to F (dI),
 *    u = 0 on dI gives q = G_dI,dI^-1 (G c)_dI and
 *      c.u = c.G c - (G c)_dI . G_dI,dI^-1 (G c)_dI.
 *    G(m, n) = (1/pi) int_0^pi cos(m k) z(k)^|n| / sqrt(b^2 - 4) dk, b = 4 + a - 2 cos k,
 *    z = (b - sqrt(b^2 - 4)) / 2 (the inner of the two Fourier integrals done in closed form); the
 *    log peak at k = 0 (width sqrt(a)) is removed by 2 sin(k/2) = sqrt(a) sinh t.
 * test/nucleation-capture.test.ts checks both against each other, against the closed form for one
 * site (G(0,0) = 2 K(4 / (4 + a)) / (pi (4 + a)), complete elliptic integral by the AGM) and against
 * random walks.
 */

import type { AtomisticRun } from './atomistic.js';

/** The loss per hop a = k / hop = 1 / lambda^2 (k the rate a lone adatom is made or lost in place, lambda its diffusion length in sites): the screening of every Green's function here. */
export function lossPerHop(lambda_sites: number): number {
  if (!(lambda_sites > 0)) throw new RangeError(`capture: diffusion length must be > 0 sites, got ${lambda_sites}`);
  return 1 / (lambda_sites * lambda_sites);
}

/** The explicit set I of a cluster on the periodic L x L box: its columns and their 4 neighbours, as a mask. */
export function explicitMask(L: number, columns: ArrayLike<number>): Uint8Array {
  const inI = new Uint8Array(L * L);
  for (let q = 0; q < columns.length; q++) {
    const i = columns[q]!;
    const x = i % L, y = (i - x) / L;
    inI[i] = 1;
    inI[y * L + ((x + 1) % L)] = 1;
    inI[y * L + ((x + L - 1) % L)] = 1;
    inI[((y + 1) % L) * L + x] = 1;
    inI[((y + L - 1) % L) * L + x] = 1;
  }
  return inI;
}

/** The set of a mask on the box as plane coordinates, unwrapped across the periodic edges (the set
 * must be connected and smaller than half the box, as a cluster's explicit set is). */
export function unwrapMask(L: number, inI: Uint8Array): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  const seen = new Uint8Array(L * L);
  const start = inI.indexOf(1);
  if (start < 0) return out;
  const stack: { i: number; x: number; y: number }[] = [{ i: start, x: start % L, y: Math.floor(start / L) }];
  seen[start] = 1;
  while (stack.length) {
    const c = stack.pop()!;
    out.push({ x: c.x, y: c.y });
    const cx = c.i % L, cy = (c.i - cx) / L;
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      const j = ((cy + dy + L) % L) * L + ((cx + dx + L) % L);
      if (inI[j] && !seen[j]) { seen[j] = 1; stack.push({ i: j, x: c.x + dx, y: c.y + dy }); }
    }
  }
  if (out.length !== inI.reduce((s, v) => s + v, 0)) throw new RangeError('capture: the explicit set is not connected');
  return out;
}

/**
 * p_ret on the periodic L x L box: the probability that a lone adatom leaving the set (a mask over
 * the box's sites) re-enters it before it is lost, a = k / hop. Conjugate gradients with the
 * diagonal (4 + a) as preconditioner, to a relative residual of 1e-10.
 */
export function returnProbabilityBox(L: number, inI: Uint8Array, a: number, domain?: Uint8Array): number {
  const h = hittingProbabilityBox(L, inI, a, 20 * L * L, domain);
  let ch = 0, sc = 0;
  for (let i = 0; i < L * L; i++) {
    if (inI[i]) continue;
    const x = i % L, y = (i - x) / L;
    const c = inI[y * L + ((x + 1) % L)]! + inI[y * L + ((x + L - 1) % L)]! + inI[((y + 1) % L) * L + x]! + inI[((y + L - 1) % L) * L + x]!;
    ch += c * h[i]!; sc += c;
  }
  return sc > 0 ? ch / sc : 0;
}

/**
 * The probability h(x) that a lone adatom on far site x of the periodic box enters the set (mask)
 * before it is lost, for every site (1 on the set): M_F h = c, p_ret = c.h / sum c.
 * Conjugate gradients stop at a relative residual of 1e-10 or after `maxIterations` (20 L^2, far more
 * than the ~lambda it takes: M_F is diagonally dominant by a); one that stops short throws, naming
 * the set, lambda and the residual reached, rather than return a partial h that reads as converged.
 */
export function hittingProbabilityBox(L: number, inI: Uint8Array, a: number, maxIterations = 20 * L * L, domain?: Uint8Array): Float64Array {
  if (!(a > 0)) throw new RangeError(`capture: loss per hop a must be > 0, got ${a}`);
  const N = L * L;
  const nbr = (i: number, k: number): number => {
    const x = i % L, y = (i - x) / L;
    return k === 0 ? y * L + ((x + 1) % L) : k === 1 ? y * L + ((x + L - 1) % L) : k === 2 ? ((y + 1) % L) * L + x : ((y + L - 1) % L) * L + x;
  };
  // far sites and their F-neighbour lists (typed arrays: the solve touches them ~lambda times)
  const idx = new Int32Array(N).fill(-1);
  let nF = 0;
  // `domain` (a mask; absent = the whole box): the walk is killed when it steps outside it (h = 0 there)
  for (let i = 0; i < N; i++) if (!inI[i] && (domain === undefined || domain[i])) idx[i] = nF++;
  const hit = new Float64Array(N);
  for (let i = 0; i < N; i++) if (inI[i]) hit[i] = 1;
  if (nF === 0) return hit;
  const adj = new Int32Array(4 * nF).fill(-1);
  const c = new Float64Array(nF);
  for (let i = 0; i < N; i++) {
    const f = idx[i]!;
    if (f < 0) continue;
    for (let k = 0; k < 4; k++) {
      const j = nbr(i, k);
      if (inI[j]) c[f]! += 1; else adj[4 * f + k] = idx[j]!; // -1 outside the domain: absorbing
    }
  }
  const diag = 4 + a;
  const apply = (v: Float64Array, out: Float64Array) => {
    for (let f = 0; f < nF; f++) {
      let s = diag * v[f]!;
      for (let k = 0; k < 4; k++) { const g = adj[4 * f + k]!; if (g >= 0) s -= v[g]!; }
      out[f] = s;
    }
  };
  const u = new Float64Array(nF), r = Float64Array.from(c), z = new Float64Array(nF), p = new Float64Array(nF), Ap = new Float64Array(nF);
  for (let f = 0; f < nF; f++) { z[f] = r[f]! / diag; p[f] = z[f]!; }
  let rz = 0, bb = 0;
  for (let f = 0; f < nF; f++) { rz += r[f]! * z[f]!; bb += c[f]! * c[f]!; }
  if (bb === 0) return hit;
  let converged = false, rr = bb;
  for (let it = 0; it < maxIterations; it++) {
    apply(p, Ap);
    let pAp = 0;
    for (let f = 0; f < nF; f++) pAp += p[f]! * Ap[f]!;
    const alpha = rz / pAp;
    rr = 0;
    for (let f = 0; f < nF; f++) { u[f]! += alpha * p[f]!; r[f]! -= alpha * Ap[f]!; rr += r[f]! * r[f]!; }
    if (rr <= 1e-20 * bb) { converged = true; break; }
    let rzNew = 0;
    for (let f = 0; f < nF; f++) { z[f] = r[f]! / diag; rzNew += r[f]! * z[f]!; }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let f = 0; f < nF; f++) p[f] = z[f]! + beta * p[f]!;
  }
  if (!converged) {
    throw new RangeError(`capture: hitting probabilities on the ${L} x ${L} box did not converge: set of ${N - nF} sites, lambda ${(1 / Math.sqrt(a)).toPrecision(3)} sites (a = ${a.toPrecision(3)} per hop), relative residual ${Math.sqrt(rr / bb).toExponential(2)} after ${maxIterations} conjugate-gradient iterations (wanted 1e-10)`);
  }
  for (let i = 0; i < N; i++) if (idx[i]! >= 0) hit[i] = u[idx[i]!]!;
  return hit;
}

/** Composite Simpson rule of f on [lo, hi] with n (even) intervals. */
function simpson(f: (x: number) => number, lo: number, hi: number, n: number): number {
  const h = (hi - lo) / n;
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/**
 * Screened lattice Green's function of the square lattice, G(m, n) = [((4 + a) - W)^-1](0, (m, n))
 * (in units of 1/hop): the expected time a lone adatom started at the origin spends on site (m, n)
 * before it is lost, times hop. Accurate to ~1e-9 for |m|, |n| <= 60 and a down to 1e-10
 * (Simpson on the two pieces; test/nucleation-capture.test.ts checks it).
 */
export function screenedGreen(m: number, n: number, a: number): number {
  if (!(a > 0)) throw new RangeError(`capture: loss per hop a must be > 0, got ${a}`);
  // symmetric in m, n and their signs: put the larger index in the power z^n (it decays), the smaller in the cosine
  let M = Math.abs(m), Nn = Math.abs(n);
  if (M > Nn) [M, Nn] = [Nn, M];
  /** cos(M k) z^N times w, w the measure dk / sqrt(b^2 - 4) in the variable integrated; b - 2 = a + 4 sin^2(k/2) (no cancellation at small k) */
  const term = (k: number, bm2: number, w: number): number => {
    const z = (2 + bm2 - Math.sqrt(bm2 * (bm2 + 4))) / 2;
    return Math.cos(M * k) * Math.pow(z, Nn) * w;
  };
  // [0, pi/2]: 2 sin(k/2) = sqrt(a) sinh t, so b - 2 = a cosh^2 t and dk / sqrt((b - 2)(b + 2)) = dt / (cos(k/2) sqrt(b + 2))
  const sa = Math.sqrt(a);
  const tMax = Math.asinh((2 * Math.sin(Math.PI / 4)) / sa);
  const inner = simpson((t) => {
    const k = 2 * Math.asin((sa * Math.sinh(t)) / 2);
    const bm2 = a * Math.cosh(t) ** 2;
    return term(k, bm2, 1 / (Math.cos(k / 2) * Math.sqrt(bm2 + 4)));
  }, 0, tMax, 4096);
  const outer = simpson((k) => {
    const bm2 = a + 4 * Math.sin(k / 2) ** 2;
    return term(k, bm2, 1 / Math.sqrt(bm2 * (bm2 + 4)));
  }, Math.PI / 2, Math.PI, 1024);
  return (inner + outer) / Math.PI;
}

/**
 * The same Green's function on the periodic L x L box: the sum over the L modes of one direction
 * with the other direction's periodic chain in closed form,
 *   G(m, n) = (1/L) sum_j cos(2 pi j m / L) (z_j^n + z_j^(L-n)) / (sqrt(b_j^2 - 4) (1 - z_j^L)),
 * b_j = 4 + a - 2 cos(2 pi j / L), 0 <= n <= L (exact up to rounding; L operations per value).
 */
export function periodicGreen(m: number, n: number, a: number, L: number): number {
  if (!(a > 0)) throw new RangeError(`capture: loss per hop a must be > 0, got ${a}`);
  if (!(Number.isInteger(L) && L >= 3)) throw new RangeError(`capture: box side must be an integer >= 3 sites, got ${L}`);
  const M = ((m % L) + L) % L, Nn = ((n % L) + L) % L;
  let s = 0;
  for (let j = 0; j < L; j++) {
    const k = (2 * Math.PI * j) / L;
    const bm2 = a + 4 * Math.sin(k / 2) ** 2;
    const root = Math.sqrt(bm2 * (bm2 + 4));
    const z = (2 + bm2 - root) / 2;
    s += (Math.cos(M * k) * (Math.pow(z, Nn) + Math.pow(z, L - Nn))) / (root * (1 - Math.pow(z, L)));
  }
  return s / L;
}

/**
 * p_ret for a set given by its sites' coordinates, a = k / hop, on the infinite plane (L absent) or
 * on the periodic L x L box (the set's extent plus 2 must stay below L): the capacitance formula of
 * the header with the screened Green's function. Values of G are cached per (|dx|, |dy|) within one call.
 */
export function returnProbabilityOfSet(set: readonly { x: number; y: number }[], a: number, L?: number): number {
  return captureOfSet(set, a, L).pRet;
}

/** What the factor needs of one explicit set: p_ret, its number of edges to F (sum c: the arrival
 * channels the reservoir feeds at theta1 hop each) and its number of sites (where reduction attaches directly). */
export interface SetCapture { pRet: number; edges: number; sites: number }

/** `greenCache`: values of G by (|dx|, |dy|) kept across calls with the same a and L (the runs of one
 * overpotential share them: clusterCapture passes one); the values are the same, fewer integrals are done. */
export function captureOfSet(set: readonly { x: number; y: number }[], a: number, L?: number, greenCache?: Map<string, number>): SetCapture {
  if (!(a > 0)) throw new RangeError(`capture: loss per hop a must be > 0, got ${a}`);
  if (L !== undefined) {
    const xs = set.map((p) => p.x), ys = set.map((p) => p.y);
    const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    if (!(extent + 2 < L)) throw new RangeError(`capture: a set ${extent + 1} sites wide does not fit the ${L} x ${L} box`);
  }
  const green = L === undefined ? (m: number, n: number) => screenedGreen(m, n, a) : (m: number, n: number) => periodicGreen(m, n, a, L);
  const key = (x: number, y: number) => `${x},${y}`;
  const inI = new Set(set.map((p) => key(p.x, p.y)));
  const steps = [[1, 0], [-1, 0], [0, 1], [0, -1]] as const;
  // boundary of F (with c_x) and the sites of I next to F
  const c = new Map<string, { x: number; y: number; c: number }>();
  const dI: { x: number; y: number }[] = [];
  for (const p of set) {
    let touchesF = false;
    for (const [dx, dy] of steps) {
      const x = p.x + dx, y = p.y + dy, k = key(x, y);
      if (inI.has(k)) continue;
      touchesF = true;
      const e = c.get(k);
      if (e) e.c++; else c.set(k, { x, y, c: 1 });
    }
    if (touchesF) dI.push(p);
  }
  const B = [...c.values()];
  if (B.length === 0) return { pRet: 0, edges: 0, sites: set.length };
  const cache = greenCache ?? new Map<string, number>();
  const G = (dx: number, dy: number): number => {
    let m = Math.abs(dx), n = Math.abs(dy);
    if (m > n) [m, n] = [n, m];
    const k = key(m, n);
    let v = cache.get(k);
    if (v === undefined) { v = green(m, n); cache.set(k, v); }
    return v;
  };
  let cGc = 0, sc = 0;
  for (const p of B) { sc += p.c; for (const q of B) cGc += p.c * q.c * G(p.x - q.x, p.y - q.y); }
  const nI = dI.length;
  const g = new Float64Array(nI);
  for (let i = 0; i < nI; i++) { let s = 0; for (const p of B) s += p.c * G(p.x - dI[i]!.x, p.y - dI[i]!.y); g[i] = s; }
  // G_dI,dI q = g by Cholesky (G is symmetric positive definite)
  const Gm = new Float64Array(nI * nI);
  for (let i = 0; i < nI; i++) for (let j = 0; j <= i; j++) Gm[i * nI + j] = Gm[j * nI + i] = G(dI[i]!.x - dI[j]!.x, dI[i]!.y - dI[j]!.y);
  for (let j = 0; j < nI; j++) {
    let d = Gm[j * nI + j]!;
    for (let k = 0; k < j; k++) d -= Gm[j * nI + k]! ** 2;
    if (!(d > 0)) throw new RangeError('capture: Green matrix of the set is not positive definite');
    const ljj = Math.sqrt(d);
    Gm[j * nI + j] = ljj;
    for (let i = j + 1; i < nI; i++) {
      let s = Gm[i * nI + j]!;
      for (let k = 0; k < j; k++) s -= Gm[i * nI + k]! * Gm[j * nI + k]!;
      Gm[i * nI + j] = s / ljj;
    }
  }
  // g . G^-1 g = |L^-1 g|^2
  const w = new Float64Array(nI);
  let quad = 0;
  for (let i = 0; i < nI; i++) {
    let s = g[i]!;
    for (let k = 0; k < i; k++) s -= Gm[i * nI + k]! * w[k]!;
    w[i] = s / Gm[i * nI + i]!;
    quad += w[i]! * w[i]!;
  }
  return { pRet: (cGc - quad) / sc, edges: sc, sites: set.length };
}

/**
 * p_ret of each run's largest cluster when it first reached each size n (runs recorded with
 * `recordClusters`), on the run's periodic L x L box (`box` true: the box the comparison with plain
 * kMC runs in) or on the infinite plane (an electrode). Computed when first asked and kept.
 */
export function clusterCapture(runs: readonly AtomisticRun[], L: number, a: number, box: boolean): (run: number, n: number) => SetCapture {
  const green = new Map<string, number>(); // one a and one L for every run here: G shared across their sets
  return perRecordedCluster(runs, (cols) => captureOfSet(unwrapMask(L, explicitMask(L, cols)), a, box ? L : undefined, green));
}

/** `of` the columns of each run's largest cluster when it first reached n atoms (runs recorded with `recordClusters`),
 * computed when first asked for (run, n) and kept; a size a run did not record is one RangeError naming both. */
function perRecordedCluster<T>(runs: readonly AtomisticRun[], of: (cols: Int32Array) => T): (run: number, n: number) => T {
  const cache = new Map<number, T>();
  return (run, n) => {
    const key = run * 100000 + n;
    let v = cache.get(key);
    if (v === undefined) {
      const cols = runs[run]?.clusterColumns?.[n];
      if (!cols) throw new RangeError(`capture: run ${run} has no recorded cluster of ${n} atoms (record with recordClusters, and only runs that reached it)`);
      v = of(cols);
      cache.set(key, v);
    }
    return v;
  };
}

/**
 * The explicit halo of radius R (atomistic.ts `halo`) around a cluster, as masks on the periodic L x L box:
 * I (its columns and their neighbours, explicitMask) and H, the other sites within Manhattan distance R of
 * a column (a breadth-first search to depth R). Empty H at R = 1.
 */
export function haloMasks(L: number, columns: ArrayLike<number>, R: number): { inI: Uint8Array; inH: Uint8Array } {
  if (!(Number.isInteger(R) && R >= 1)) throw new RangeError(`capture: halo = ${R}: expected a whole number of sites >= 1`);
  const inI = explicitMask(L, columns);
  const dist = new Int32Array(L * L).fill(-1);
  let front: number[] = [];
  for (let q = 0; q < columns.length; q++) { const i = columns[q]!; if (dist[i] !== 0) { dist[i] = 0; front.push(i); } }
  for (let d = 1; d <= R; d++) {
    const next: number[] = [];
    for (const i of front) {
      const x = i % L, y = (i - x) / L;
      for (const j of [y * L + ((x + 1) % L), y * L + ((x + L - 1) % L), ((y + 1) % L) * L + x, ((y + L - 1) % L) * L + x]) {
        if (dist[j] === -1) { dist[j] = d; next.push(j); }
      }
    }
    front = next;
  }
  const inH = new Uint8Array(L * L);
  for (let i = 0; i < L * L; i++) if (dist[i]! >= 0 && !inI[i]) inH[i] = 1;
  return { inI, inH };
}

/**
 * p_ret,R: the probability that an adatom emitted from a cluster's explicit set I (started on the sites next
 * to I with weight c_x, as p_ret) re-enters I before it is lost (a per hop) or leaves the halo H (the sites
 * within Manhattan distance R of the cluster's columns, not in I), on the periodic L x L box. With a halo of
 * radius R the reservoir keeps that walk explicit and absorbs the walker when it leaves H, so the arm's net
 * sea flux into I is (1 - p_ret,R) of the sea's; p_ret,1 = 0 (H empty) and p_ret,R -> p_ret as R grows.
 */
export function haloReturnProbabilityBox(L: number, columns: ArrayLike<number>, R: number, a: number): number {
  if (R === 1) return 0;
  const { inI, inH } = haloMasks(L, columns, R);
  return returnProbabilityBox(L, inI, a, inH);
}

/** p_ret,R of each run's largest cluster when it first reached each size n (runs recorded with `recordClusters`), computed when first asked and kept. */
export function clusterHaloReturn(runs: readonly AtomisticRun[], L: number, a: number, R: number): (run: number, n: number) => number {
  if (R === 1) return () => 0; // H is empty: nothing to look up, recorded or not
  return perRecordedCluster(runs, (cols) => haloReturnProbabilityBox(L, cols, R, a));
}

/**
 * The rate factor at cluster size n over the given runs (fractional n: numerator and denominator
 * linear between the two sizes around it, n >= 2). A cluster gains atoms by two channels that the
 * reservoir treats differently: reduction straight onto its explicit sites (k_red,I per site, the same
 * in both arms) and arrival of sea adatoms (theta1 hop per edge, net of emission scaled by 1 - p_ret
 * in plain kMC); detailed balance pairs each with its reverse (oxidation, emission), so attachment and
 * detachment scale alike and
 *   E(n) = sum_runs (sites + s edges) / sum_runs (sites + s edges (1 - p_ret)),
 * s = seaPerDirect = theta1 hop / k_red,I (= lambda^2 on a host without a reduction-barrier shift).
 * The sums run over runs because the rate follows the mean attachment frequency. E -> 1 / (1 - p_ret)
 * when the sea carries the growth (s edges >> sites, lambda >> 1).
 * With a halo of radius R (`haloReturn` gives p_ret,R of each run's set; runs of the halo arm) the arm's own
 * net sea flux is already (1 - p_ret,R) of the sea's, and the factor between it and plain kMC is
 *   E_R(n) = sum_runs (sites + s edges (1 - p_ret,R)) / sum_runs (sites + s edges (1 - p_ret)):
 * E at R = 1 exactly (p_ret,1 = 0), 1 as R grows.
 */
export function captureFactorAt(capture: (run: number, n: number) => SetCapture, runIdx: readonly number[], n: number, seaPerDirect: number, haloReturn?: (run: number, n: number) => number): number {
  const lo = Math.max(2, Math.floor(n)), hi = Math.max(2, Math.ceil(n));
  const w = hi === lo ? 0 : n - lo;
  let num = 0, den = 0;
  const add = (r: number, m: number, weight: number) => {
    if (weight === 0) return;
    const c = capture(r, m);
    // with a halo of radius R the reservoir arm's own net sea flux is (1 - p_ret,R) of the sea's (haloReturn; 0 at R = 1)
    num += weight * (c.sites + seaPerDirect * c.edges * (haloReturn ? 1 - haloReturn(r, m) : 1));
    den += weight * (c.sites + seaPerDirect * c.edges * (1 - c.pRet));
  };
  for (const r of runIdx) { add(r, lo, 1 - w); add(r, hi, w); }
  return num / den;
}
