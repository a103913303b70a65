/**
 * A run folder's per-step snapshots (snapshots/step-NNN-KIND-cycle-C.vti and .extxyz, written at the end of each plate
 * and strip step when the run's `output.snapshots` is on, its default, in the formats of `output.structures`:
 * src/simulation/report.ts writeStepSnapshot; a step with both is read from its .vti, one with only the .extxyz, as a
 * run with `output: { structures: [extxyz] }` writes, from that since web64b) as the
 * workbench's Run page scrubs through them (web64): `GET /api/runs/:id/snapshots` lists them from their headers alone
 * (readVtiHead, readExtxyzHead: no voxel block or atom read), `GET /api/runs/:id/snapshots/:step` gives one grid in the form of the latest grid
 * (`GET /api/runs/:id/snapshot`), read only when it is within the 3D view's voxel limit (the limit past which the
 * latest grid is not kept either). The reads are here, at the edge; the service (service.ts `snapshots`,
 * `snapshotGrid`) says what is missing and why.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readVti, readVtiHead } from '../io/vti.js';
import { readExtxyz, readExtxyzHead } from '../io/extxyz.js';
import { C_PER_MAH } from '../units.js';
import { stepAt } from '../simulation/early-ends.js';
import { countSteps } from '../input/protocol.js';
import type { ResolvedRun } from '../input/types.js';

/** the folder under a run's output folder that holds them */
export const SNAPSHOT_DIR = 'snapshots';
/** a step snapshot's name: its step index (at least three digits), its kind, its cycle and its format (vti or extxyz) */
const SNAPSHOT_NAME = /^step-(\d+)-([a-z]+)-cycle-(\d+)\.(vti|extxyz)$/;
/** the most a list gives: a run with more (a long cycling run keeps up to ~1 GB of them, snapshots.ts) is thinned evenly, its first and last kept */
export const MAX_LISTED = 2000;

/** One per-step snapshot as `GET /api/runs/:id/snapshots` lists it. */
export interface SnapshotEntry {
  /** the step's index in the run (0 the first; the file name's NNN, steps.csv's `step`): the route's `:step` */
  step: number;
  /** the step's text as the protocol has it ("Strip 0.001 mAh/cm2 at 1 mA/cm2"); null where the run's input no longer resolves */
  text: string | null;
  /** plate or strip (rests write none) */
  kind: string;
  /** the cycle the step belongs to, as steps.csv's `cycle` */
  cycle: number;
  /** its half cycle, as steps.csv's `half_cycle` (null in a file without it) */
  half_cycle: number | null;
  /** the run's time at the step's end, s */
  time_s: number | null;
  /** the net charge plated by then, C/cm2 and mAh/cm2 */
  charge_C_per_cm2: number | null;
  charge_mAh_per_cm2: number | null;
  /** metal connected to the collector and dead (disconnected) metal at the step's end, voxels (steps.csv's) */
  connected_voxels: number | null;
  dead_voxels: number | null;
  /** nx x ny x nz */
  voxels: number;
  /** over the 3D view's voxel limit: its grid is refused (413) */
  over_view_limit?: true;
  /** the file in the run's output folder */
  file: string;
}

/**
 * The snapshots of `dir`/snapshots by step, one a step: its .vti where it has one (its header is read without its
 * voxels), else its .extxyz; undefined when the folder has no snapshots/ folder.
 */
export function snapshotFiles(dir: string): { step: number; kind: string; cycle: number; name: string }[] | undefined {
  let names: string[];
  try { names = readdirSync(join(dir, SNAPSHOT_DIR)); } catch { return undefined; }
  const byStep = new Map<number, { step: number; kind: string; cycle: number; name: string }>();
  for (const name of names) {
    const m = SNAPSHOT_NAME.exec(name);
    const step = Number(m?.[1]);
    if (!m || !Number.isSafeInteger(step) || (byStep.has(step) && m[4] !== 'vti')) continue;
    byStep.set(step, { step, kind: m[2]!, cycle: Number(m[3]), name });
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

const isExtxyz = (file: string): boolean => file.endsWith('.extxyz');
/** a snapshot file's metadata and box from its head alone, whichever its format */
const headOf = (file: string): { fields: Record<string, unknown>; dims: [number, number, number] } => (isExtxyz(file) ? readExtxyzHead(file) : readVtiHead(file));

/** Every `k`th of `xs` so that at most `max` are left, the first and the last kept. */
function thinned<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(xs[Math.round((i * (xs.length - 1)) / (max - 1))]!);
  return out;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The snapshots of run folder `dir` (none: []), at most MAX_LISTED, each from its file's header, its step's text from
 * `protocol` when given; `listed_of` the count before thinning.
 */
export function listSnapshots(dir: string, protocol: ResolvedRun['protocol'] | undefined, viewLimit: number): { snapshots: SnapshotEntry[]; listed_of: number } {
  const files = snapshotFiles(dir) ?? [];
  const snapshots = thinned(files, MAX_LISTED).map((f): SnapshotEntry => {
    const { fields, dims } = headOf(join(dir, SNAPSHOT_DIR, f.name));
    const voxels = dims[0] * dims[1] * dims[2];
    const q = num(fields.charge_C_per_cm2);
    return {
      step: f.step, text: protocol ? stepAt(protocol, f.step)?.text ?? null : null,
      kind: typeof fields.kind === 'string' ? fields.kind : f.kind, cycle: num(fields.cycle) ?? f.cycle, half_cycle: num(fields.half_cycle),
      time_s: num(fields.time_s), charge_C_per_cm2: q, charge_mAh_per_cm2: q === null ? null : q / C_PER_MAH,
      connected_voxels: num(fields.connected_voxels), dead_voxels: num(fields.dead_voxels),
      voxels, ...(voxels > viewLimit ? { over_view_limit: true as const } : {}), file: `${SNAPSHOT_DIR}/${f.name}`,
    };
  });
  return { snapshots, listed_of: files.length };
}

/** What reading one snapshot's grid gives: the file's box, or why it is refused. */
export type SnapshotRead =
  | { ok: true; nx: number; ny: number; nz: number; voxel_nm: number; cells: Uint8Array; host: string | null; metal: string | null }
  | { ok: false; why: 'over_limit'; voxels: number; dims: [number, number, number] }
  | { ok: false; why: 'not_ours'; reason: string };

/** the most bytes an .extxyz atom line of writeExtxyz takes: a symbol, three coordinates of up to 12 digits with sign, point and exponent, a code */
const EXTXYZ_LINE_MAX = 80;

/**
 * One snapshot's grid (.vti or .extxyz): its header read first, and its voxels only when the box is within `viewLimit`
 * voxels and the file is the size such a box's file is at most (a .vti its voxels, an .extxyz one line of at most
 * EXTXYZ_LINE_MAX bytes a voxel, and a header of at most 1 MiB), so that no file is read whole past what the 3D view takes.
 */
export function readSnapshot(file: string, viewLimit: number): SnapshotRead {
  const xyz = isExtxyz(file);
  const { fields, dims } = headOf(file);
  const voxels = dims[0] * dims[1] * dims[2];
  if (voxels > viewLimit) return { ok: false, why: 'over_limit', voxels, dims };
  const bytes = statSync(file).size;
  if (bytes > voxels * (xyz ? EXTXYZ_LINE_MAX : 1) + 2 ** 20) return { ok: false, why: 'not_ours', reason: `${bytes} bytes for a box of ${voxels} voxels` };
  const { grid } = xyz ? readExtxyz(file) : readVti(file);
  return {
    ok: true, nx: grid.nx, ny: grid.ny, nz: grid.nz, voxel_nm: Number((grid.voxel_m * 1e9).toPrecision(12)), cells: grid.cells,
    host: typeof fields.host === 'string' ? fields.host : null, metal: typeof fields.metal === 'string' ? fields.metal : null,
  };
}

/** The step `step` of `protocol` when it is a rest (which writes no snapshot): its text, else undefined. */
export function restStepText(protocol: ResolvedRun['protocol'] | undefined, step: number): string | undefined {
  const s = protocol ? stepAt(protocol, step) : undefined;
  return s?.kind === 'rest' ? s.text : undefined;
}

/** The protocol's step count (null without a protocol). */
export const stepCount = (protocol: ResolvedRun['protocol'] | undefined): number | null => (protocol ? countSteps(protocol) : null);

/** the run-file key that turns per-step snapshots on (and the formats the 3D view reads: either, web64b) */
export const SNAPSHOTS_KEY = 'output: { snapshots: true } (the default), with vti or extxyz in output.structures (both by default)';

/**
 * Why a run lists no snapshot, in words for the page: its output turned them off, wrote no structure file, it has no plate or
 * strip step, none of its steps has ended yet (`active`: queued or running, `writes`: into an output folder), or it
 * has no output folder (`folder`: the folder is there).
 */
export function noSnapshotsHint(run: ResolvedRun | undefined, o: { folder: boolean; writes: boolean; active: boolean }): string {
  if (run && !run.output.snapshots) return `none: this run was started with output: { snapshots: false }; a run writes a snapshot at the end of each plate and strip step with ${SNAPSHOTS_KEY}`;
  if (run?.output.structures && run.output.structures.length === 0) return `none: this run was started with output: { structures: [] }, which writes no structure file; a run writes a snapshot at the end of each plate and strip step with ${SNAPSHOTS_KEY}`;
  if (run && !hasFaradaic(run.protocol)) return 'none: its protocol has only rests; a snapshot is written at the end of each plate and strip step';
  // a queued or running run that writes files: its folder comes with its first step's end
  if (o.active && o.writes) return `none yet: one is written as each plate or strip step ends (${SNAPSHOTS_KEY})`;
  if (!o.folder) return `none: this run has no output folder (a CLI run without --out, a run cancelled before it started, or a server that writes no files), so it wrote no snapshots; a run with one writes them with ${SNAPSHOTS_KEY}`;
  return `none: a snapshot is written at the end of each plate and strip step (${SNAPSHOTS_KEY}), and this run ended none`;
}

function hasFaradaic(entries: ResolvedRun['protocol']): boolean {
  return entries.some((e) => ('repeat' in e ? e.repeat > 0 && hasFaradaic(e.steps) : e.kind !== 'rest'));
}
