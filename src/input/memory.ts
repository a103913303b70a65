/**
 * What a run's box costs in memory, and the refusal of a box that would not fit, before anything
 * is allocated (a 1.07e9-voxel run was accepted by the workbench and took 690 MB and 14 s of CPU
 * just to set up at 2.7e8 voxels).
 *
 * The figures are measured, not derived from the types: process.memoryUsage().arrayBuffers after
 * `new Simulation(run)` (Li on graphene + Zn-N4, 10 nm voxels; session 19, load 5.4) gave 3.04 bytes
 * per voxel for 400 x 400 x 100, 3.12 for 800 x 400 x 100 and 2.26 for 400 x 400 x 400, its RSS
 * the same within 0.3 byte; the peak RSS of a whole short `simulate` of 400 x 400 x 400 (outputs
 * and end figures written) was 1.8 bytes per voxel above a 16 x 16 x 16 run's. The lattice is 2
 * bytes per voxel (docs/speed.md), the rest goes with the columns (the band, heights): 2.5 bytes
 * per voxel + 100 per column covers the three boxes by 10-20 %. A run's active sites grow as its
 * film roughens (about 35 bytes each; 2.2 per column at the end of the 100 nm protocol,
 * docs/speed-history.md): 100 bytes more per column.
 */
import { totalmem } from 'node:os';
import { InputError } from '../errors.js';

export const BYTES_PER_VOXEL = 2.5;
export const BYTES_PER_COLUMN = 200;
/** the share of the machine's memory the runs of one server (or one CLI command) may take together */
export const MEMORY_SHARE = 0.5;

/** Bytes a run on a box of `size` voxels is reckoned to take at most (see the header). */
export function runBytes(size: readonly [number, number, number]): number {
  const [nx, ny, nz] = size;
  return BYTES_PER_VOXEL * nx * ny * nz + BYTES_PER_COLUMN * nx * ny;
}

/** This machine's memory: os.totalmem(), or the cgroup's limit when it is lower (a container). */
export function machineBytes(): number {
  const total = totalmem();
  // Node 20 gives 2^64 (or undefined) where no cgroup limit is set
  const limit = (process.constrainedMemory as (() => number | undefined) | undefined)?.() ?? 0;
  return limit > 0 && limit < total ? limit : total;
}

/** Memory for one run when `concurrency` run at once: MEMORY_SHARE of the machine's, shared. */
export function defaultRunBudget(concurrency: number): { bytes: number; why: string } {
  const m = machineBytes();
  return { bytes: (MEMORY_SHARE * m) / Math.max(1, concurrency), why: `${MEMORY_SHARE * 100} % of this machine's ${gb(m)}${concurrency > 1 ? ` over ${concurrency} runs at once` : ''}` };
}

/** The budget of one run: `bytes` as set by `flag`, or else the machine's share over `concurrency` runs at once. */
export function runBudget(bytes: number | undefined, flag: string, concurrency: number): { bytes: number; why: string } {
  return bytes !== undefined ? { bytes, why: `set by ${flag}` } : defaultRunBudget(concurrency);
}

/** What a refusal says to do about it: raise the budget with `flag`. */
export const raiseWith = (flag: string): string => `${flag} SIZE (e.g. "16 GB") on a machine with the memory`;

export function gb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toPrecision(3)} GB` : `${(bytes / 1e6).toPrecision(3)} MB`;
}

/**
 * A memory size as a user writes it: "4 GB", "512 MB", "2GiB" (bytes). `field` names the flag or
 * option in the error.
 */
export function parseBytes(field: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*(kB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i.exec(text);
  const units: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };
  const v = m ? Number(m[1]) * units[m[2]!.toLowerCase()]! : NaN;
  if (!(v > 0) || !Number.isFinite(v)) throw new InputError(field, text, 'a memory size with its unit, e.g. "4 GB" or "512 MB"');
  return v;
}

/**
 * Refuses a box whose run would not fit in `budget` bytes: one line naming lattice.size, the box,
 * its reckoned memory and the budget with where it comes from and how to raise it.
 */
export function checkRunMemory(size: readonly [number, number, number], budget: { bytes: number; why: string }, raise: string, field = 'lattice.size'): void {
  const need = runBytes(size);
  if (need <= budget.bytes) return;
  const n = size[0] * size[1] * size[2];
  const cols = size[0] * size[1];
  const nz = Math.floor((budget.bytes - BYTES_PER_COLUMN * cols) / (BYTES_PER_VOXEL * cols));
  throw new InputError(field, [...size],
    `a box whose run fits in ${gb(budget.bytes)} of memory (${budget.why}): this one, ${sci(n)} voxels, needs about ${gb(need)} `
    + `(${BYTES_PER_VOXEL} bytes per voxel + ${BYTES_PER_COLUMN} per column, measured); ${nz >= 8 ? `z up to ${nz} on this footprint` : 'a smaller footprint'}, or ${raise}`);
}

/** 1.07e9, not 1.07e+9 */
function sci(n: number): string {
  return n.toExponential(2).replace('e+', 'e');
}
