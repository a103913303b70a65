/**
 * The SAC share of first-layer islands and its chance level (metrics.json's sac_nucleation_share and
 * sac_nucleation_share_chance; moved here from simulation/report.ts by nucleicov, which reads them at a first-layer
 * coverage during the run as well as at the end: metrics/early-nuclei.ts).
 */
import { METAL, DEAD } from '../lattice/voxel.js';
import { isSac } from '../lattice/species.js';

/** sacNucleation on voxel codes (x fastest, then y, then z) of an nx x ny box whose top host layer is z = hostTopZ. */
/**
 * `islands`: the first-layer islands counted (review65: with none, share and chance read 0, which metrics.json gave as
 * "no nucleus on a SAC"; sacShareMetrics now gives null there, a share over no island being no value).
 */
export function sacNucleationOf(code: ArrayLike<number>, nx: number, ny: number, hostTopZ: number): { share: number; chance: number; islands: number } {
  const nxy = nx * ny;
  const z1 = (hostTopZ + 1) * nxy, z0 = hostTopZ * nxy;
  const seen = new Uint8Array(nxy);
  const stack = new Int32Array(nxy);
  const footprints: number[] = [];
  let onSac = 0, sacSites = 0;
  for (let p = 0; p < nxy; p++) if (isSac(code[z0 + p]!)) sacSites++;
  for (let p = 0; p < nxy; p++) {
    if (seen[p] || (code[z1 + p] !== METAL && code[z1 + p] !== DEAD)) continue;
    let sac = false, sp = 0, size = 0;
    stack[sp++] = p; seen[p] = 1;
    while (sp > 0) {
      const c = stack[--sp]!;
      size++;
      if (isSac(code[z0 + c]!)) sac = true;
      const x = c % nx, y = (c / nx) | 0;
      const nb = [((x + 1) % nx) + nx * y, ((x - 1 + nx) % nx) + nx * y, x + nx * ((y + 1) % ny), x + nx * ((y - 1 + ny) % ny)];
      for (const q of nb) {
        if (!seen[q] && (code[z1 + q] === METAL || code[z1 + q] === DEAD)) { seen[q] = 1; stack[sp++] = q; }
      }
    }
    footprints.push(size);
    if (sac) onSac++;
  }
  const total = footprints.length;
  return { share: total > 0 ? onSac / total : 0, chance: sacChanceShare(footprints, nxy, sacSites), islands: total };
}

/**
 * The mean over islands of the chance that an island of footprint f covers at least one of S
 * sites placed uniformly at random (without replacement) over N sites: 1 - C(N - f, S) / C(N, S),
 * as the product prod_{i < min(f, S)} (N - max(f, S) - i) / (N - i) (no factorials); 0 without
 * islands or without SAC sites.
 */
export function sacChanceShare(footprints: readonly number[], N: number, S: number): number {
  if (footprints.length === 0 || S <= 0) return 0;
  let sum = 0;
  for (const f of footprints) {
    const a = Math.min(f, S), b = Math.max(f, S);
    let none = 1; // C(N - f, S) / C(N, S) = C(N - S, f) / C(N, f)
    for (let i = 0; i < a && none > 0; i++) none *= Math.max(0, N - b - i) / (N - i);
    sum += 1 - none;
  }
  return sum / footprints.length;
}

