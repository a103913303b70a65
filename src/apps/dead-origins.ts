/**
 * Where dead metal comes from (deadwhy, session 61): a diagnostic of PlatingApp (traceDeadOrigins(), off by default,
 * not in checkpoints or reports). Reads only: no random draw, no state the kinetics reads; a run is the same with it.
 *
 * Every voxel marked DEAD (PlatingApp.kill, after Connectivity.afterRemoval found it cut off the collector) is put down to
 * the removal that cut it off, the step (half cycle) it happened in, and the number of voxels that one removal cut off:
 *  - `oxidation`: a metal voxel oxidised into the electrolyte was the neck (in a strip step: stripping; in a plate step:
 *    the back reaction of exchange);
 *  - `oxidationUnderSei`: the same, an oxidation through an SEI voxel (the film follows the metal in);
 *  - `seiNeck`: the neck turned into SEI (SeiModule.convert through PlatingApp.transmute) and the piece it cut off still
 *    has a face on electrolyte;
 *  - `seiWrap`: the same, and the piece has no face on electrolyte left (enclosed by SEI, dead metal and substrate);
 *  - `other`: any other write of PlatingApp.transmute (none in the studies' runs) and dead metal present when tracing began.
 * A dead voxel that stops being dead (turned into SEI by the SEI module, or reconnected by the opt-in contact rule) is
 * taken off its cause in the step it leaves (`lost`), so the dead voxels still in the lattice by cause (`aliveByCause`)
 * sum to PlatingApp.deadCount at every moment, and a cycle's `formed - lost` to its dead_formed_voxels (cycles.csv).
 * Hops never make dead metal (a hop that would is rejected), so no cause is theirs.
 */
import type { CubicLattice } from '../kmc/lattice.js';
import { DIRS } from '../kmc/lattice.js';
import { EMPTY } from '../lattice/voxel.js';

export const DEAD_CAUSES = ['oxidation', 'oxidationUnderSei', 'seiNeck', 'seiWrap', 'other'] as const;
export type DeadCause = typeof DEAD_CAUSES[number];
/** cause indices the plating app passes (DC_SEI is split into seiNeck / seiWrap by the piece's exposure) */
export const DC_OX = 0, DC_OX_SEI = 1, DC_SEI = 2, DC_OTHER = 4;
const NC = DEAD_CAUSES.length;
/** size classes of one cut (voxels cut off by one removal): 1, 2-3, 4-7, 8-15, ..., the last open */
export const SIZE_CLASSES = 8;
export const sizeClassOf = (n: number): number => Math.min(SIZE_CLASSES - 1, 31 - Math.clz32(Math.max(1, n)));

export class DeadOrigins {
  /** the protocol step now running (Simulation.runAll sets it; 0 before) */
  step = 0;
  /** per dead voxel: step formed x 8 + cause */
  private readonly alive = new Map<number, number>();
  /** per step: voxels marked dead in it by cause, and dead voxels that stopped being dead in it by their cause */
  readonly formed: number[][] = [];
  readonly lost: number[][] = [];
  /** per cause: cuts (removals that cut something off), by size class, and the voxels of those cuts by size class */
  readonly cuts: number[][] = DEAD_CAUSES.map(() => new Array<number>(SIZE_CLASSES).fill(0));
  readonly cutVoxels: number[][] = DEAD_CAUSES.map(() => new Array<number>(SIZE_CLASSES).fill(0));
  /** per cause: the largest single cut */
  readonly largest: number[] = new Array<number>(NC).fill(0);
  private readonly nb = new Int32Array(DIRS);

  constructor(private readonly lat: CubicLattice, private readonly code: Uint8Array, existingDead: Iterable<number> = []) {
    for (const w of existingDead) this.mark(w, DC_OTHER);
  }

  private row(rows: number[][], s: number): number[] {
    while (rows.length <= s) rows.push(new Array<number>(NC).fill(0));
    return rows[s]!;
  }

  private mark(w: number, cause: number): void {
    this.alive.set(w, this.step * 8 + cause);
    this.row(this.formed, this.step)[cause]!++;
    this.row(this.lost, this.step);
  }

  /** The voxels in `dead` (already DEAD in the lattice) were cut off by one removal of the given cause (DC_*). */
  cut(cause: number, dead: readonly number[]): void {
    if (dead.length === 0) return;
    let c = cause;
    if (cause === DC_SEI) {
      c = 3; // enclosed unless one of its voxels touches electrolyte
      const nb = this.nb, code = this.code;
      for (let i = 0; i < dead.length && c === 3; i++) {
        this.lat.neighbors(dead[i]!, nb);
        for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && code[t] === EMPTY) { c = 2; break; } }
      }
    }
    for (const w of dead) this.mark(w, c);
    const k = sizeClassOf(dead.length);
    this.cuts[c]![k]!++;
    this.cutVoxels[c]![k]! += dead.length;
    if (dead.length > this.largest[c]!) this.largest[c] = dead.length;
  }

  /** Dead voxel w stops being dead (turned into SEI, reconnected). */
  lose(w: number): void {
    const x = this.alive.get(w);
    if (x === undefined) return;
    this.alive.delete(w);
    this.row(this.lost, this.step)[x % 8]!++;
    this.row(this.formed, this.step);
  }

  /** Dead voxels in the lattice now, by cause (sums to PlatingApp.deadCount). */
  aliveByCause(): Record<DeadCause, number> {
    const n = new Array<number>(NC).fill(0);
    for (const x of this.alive.values()) n[x % 8]!++;
    return toRecord(n);
  }

  /** Dead voxels in the lattice now, by the step they died in and their cause: [step][cause]. */
  aliveByStep(): number[][] {
    const out: number[][] = [];
    for (const x of this.alive.values()) this.row(out, Math.floor(x / 8))[x % 8]!++;
    return out;
  }

  /** voxels formed / lost in step s by cause (zeros for a step with none) */
  formedIn(s: number): Record<DeadCause, number> { return toRecord(this.formed[s] ?? new Array<number>(NC).fill(0)); }
  lostIn(s: number): Record<DeadCause, number> { return toRecord(this.lost[s] ?? new Array<number>(NC).fill(0)); }
}

function toRecord(n: readonly number[]): Record<DeadCause, number> {
  const r = {} as Record<DeadCause, number>;
  DEAD_CAUSES.forEach((c, i) => { r[c] = n[i] ?? 0; });
  return r;
}
