/**
 * How many structure snapshots a run writes (output.snapshots: one .vti and one .extxyz at the
 * end of every plate/strip step) and how large they get. A long cycling run would otherwise
 * write millions of files (a `repeat: 1000000` plate/strip on a 16^3 box: 1.34 million files,
 * 11 GB), so beyond SNAPSHOT_BUDGET_BYTES only every Nth cycle is kept (its plate and strip ends),
 * plus the first and the last step.
 */
import type { ResolvedRun } from '../input/types.js';
import type { StepResult } from './simulation.js';
import { forEachFlatStep, isRepeat } from '../input/protocol.js';
import type { ProtocolEntry } from '../input/types.js';

export const SNAPSHOT_BUDGET_BYTES = 1e9;

export interface SnapshotPlan {
  /** plate/strip steps in the protocol (each would get a snapshot) */
  steps: number;
  /** estimated bytes of one snapshot (.vti + .extxyz) */
  bytes_each: number;
  /** estimated bytes with every step kept */
  bytes_all: number;
  /** keep the snapshots of every Nth cycle (1: all) */
  every_cycle: number;
  /** snapshots kept: the plate/strip steps keepSnapshot keeps (mends69: the bytes were estimated, up to two snapshots over) */
  kept: number;
  /** estimated bytes of what is kept (kept x bytes_each) */
  bytes_kept: number;
}

function faradaicSteps(entries: ProtocolEntry[]): number {
  let n = 0;
  for (const e of entries) n += isRepeat(e) ? e.repeat * faradaicSteps(e.steps) : e.kind === 'rest' ? 0 : 1;
  return n;
}

/**
 * The plate/strip steps whose snapshots keepSnapshot keeps when every `every`th cycle's are (and the first and the last
 * step's), each step and cycle numbered as the run numbers them (input/protocol.ts forEachFlatStep, flattenProtocol's walk;
 * rests write no snapshot), counted without building the list (up to MAX_STEPS steps; mends69).
 */
function keptSteps(entries: ProtocolEntry[], every: number): number {
  let kept = 0, lastIndex = -1, lastFaradaic = false, lastCounted = false;
  forEachFlatStep(entries, (step, index, cycle) => {
    const faradaic = step.kind !== 'rest';
    const counted = faradaic && (index === 0 || cycle % every === 0);
    if (counted) kept++;
    lastIndex = index; lastFaradaic = faradaic; lastCounted = counted;
  });
  // the last step's is kept whatever its cycle
  return lastIndex >= 0 && lastFaradaic && !lastCounted ? kept + 1 : kept;
}

/**
 * Estimate: the .vti holds one byte per voxel (plus ~2 kB of header); the .extxyz one ~45-byte line
 * per solid voxel, at least the host layers and, as a rough guess for the deposit, four voxel layers.
 */
export function snapshotPlan(run: ResolvedRun, budget = SNAPSHOT_BUDGET_BYTES): SnapshotPlan {
  const [nx, ny, nz] = run.lattice.size;
  const bytes_each = nx * ny * nz + 2048 + nx * ny * (run.lattice.hostLayers + 4) * 45;
  const steps = run.output.snapshots ? faradaicSteps(run.protocol) : 0;
  const bytes_all = steps * bytes_each;
  const every_cycle = bytes_all > budget ? Math.ceil(bytes_all / budget) : 1;
  // audit69: the first and the last step's are kept too (keepSnapshot): a run of one or two steps keeps them all, which
  // bytes_all / every_cycle said as half (a one-step 1.3 GB box: "about 642.3 MB" kept, the 1.3 GB written). mends69: the
  // snapshots kept counted one by one, as the run keeps them (the estimate ceil(all / N) + 2 was up to two over: a 3-step
  // run keeping 2 said 3)
  const kept = every_cycle > 1 ? keptSteps(run.protocol, every_cycle) : steps;
  return { steps, bytes_each, bytes_all, every_cycle, kept, bytes_kept: kept * bytes_each };
}

/** Whether the snapshot at the end of step r is kept under the plan. */
export function keepSnapshot(plan: SnapshotPlan, r: StepResult, lastIndex: number): boolean {
  if (plan.every_cycle <= 1) return true;
  return r.index === 0 || r.index === lastIndex || r.cycle % plan.every_cycle === 0;
}

const gb = (b: number) => (b >= 1e9 ? `${(b / 1e9).toFixed(1)} GB` : `${(b / 1e6).toFixed(1)} MB`);

/** A warning when the run's snapshots would exceed the budget (and what is kept instead). */
export function snapshotWarning(run: ResolvedRun, outDir: string | undefined): string | undefined {
  if (!outDir) return undefined;
  const p = snapshotPlan(run);
  if (p.every_cycle <= 1) return undefined;
  // audit69: one or two steps are the first and the last, whose snapshots are always written: none is left out
  if (p.steps <= 2) return `warning: the snapshots of the ${p.steps} plate/strip step${p.steps === 1 ? '' : 's'} take about ${gb(p.bytes_all)}, over the budget of ${gb(SNAPSHOT_BUDGET_BYTES)} (the first and the last step's are always written); set output.snapshots: false to write none`;
  // mends69: more steps, each kept all the same (the first and the last, the others before the first repeat block, cycle 0)
  if (p.kept === p.steps) return `warning: the snapshots of the ${p.steps.toLocaleString('en')} plate/strip steps take about ${gb(p.bytes_all)}, over the budget of ${gb(SNAPSHOT_BUDGET_BYTES)}; each is written (the first and the last step's always, and every cycle-0 step's, before the first repeat block); set output.snapshots: false to write none`;
  return `warning: snapshots of all ${p.steps.toLocaleString('en')} plate/strip steps would take about ${gb(p.bytes_all)}; keeping every ${ordinal(p.every_cycle)} cycle's and the first and last step's (${p.kept.toLocaleString('en')} of the ${p.steps.toLocaleString('en')} snapshots, about ${gb(p.bytes_kept)}, budget ${gb(SNAPSHOT_BUDGET_BYTES)}); set output.snapshots: false to write none`;
}

/** 2nd, 3rd, 11th, 21st (audit69: it wrote "2th") */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'}`;
}
