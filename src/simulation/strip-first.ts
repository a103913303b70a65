/**
 * Which halves cycles.csv pairs in a run that starts with a strip (mends93), from the run's half-cycle directions or its
 * steps. Its own module (startcost2, from cycles.ts, which re-exports it): `sacplate simulate` prints its note on the
 * CLI's main thread, which loads no engine (the run is on a worker); cycles.ts imports the simulation's modules.
 */
import type { StepResult } from './simulation.js';
import { plural } from '../plural.js';

export interface StripFirstPairing {
  /** cycles.csv's cycles: each plating with the strip after it */
  cycles_csv: number;
  /** `sacplate analyze RUN/eta.csv --protocol symmetric`'s: each strip with the plating after it */
  analyze_symmetric: number;
  /** the line `sacplate simulate` prints (src/cli/actions/sim.ts) */
  note: string;
}

/**
 * How cycles.csv pairs a run that starts with a strip, from its physical half cycles' directions in order (-1 plating,
 * +1 strip; consecutive ones alternate), against `sacplate analyze RUN/eta.csv --protocol symmetric` (mends93).
 * cycles.csv pairs each plating with the strip after it: the Li||Cu cycle, whose CE is the strip over the plating before
 * it, and whose dead metal and inventory are of the metal that plating put down; a strip-first run's first strip (of the
 * host's own metal) is in no cycle, nor is a last plating. analyze pairs each strip with the plating after it, as a cycler
 * numbers the cycles of a schedule in the order it runs their halves (and as the protocol's repeat block is written):
 * both are kept (docs/cycler.md, "Which halves a cycle pairs"), and this says which is which. Undefined for a run whose
 * first half plates: its cycles are the same both ways, and for one that only strips.
 */
export function stripFirstPairing(signs: readonly number[]): StripFirstPairing | undefined {
  // (a run that only strips has no cycle to pair either way)
  if (signs[0] !== 1 || !signs.includes(-1)) return undefined;
  let csv = 0, sym = 0;
  for (let j = 0; j < signs.length; j++) {
    if (signs[j] === -1 && signs[j + 1] === 1) csv++;
    if (signs[j] === 1 && (j === 0 || signs[j - 1] === -1)) sym++;
  }
  const lastPlating = signs[signs.length - 1] === -1;
  const note = `note: cycles.csv pairs each plating with the strip after it (a Li||Cu cycle: its CE is the strip over the plating before it), ${plural(csv, 'cycle')}: `
    + `the run starts with a strip, and its first strip${lastPlating ? ' and its last plating are' : ' is'} in no cycle; \`sacplate analyze eta.csv --protocol symmetric\` `
    + `pairs each strip with the plating after it, as a cycler numbers a schedule that starts with a strip, ${plural(sym, 'cycle')}: its plateaus and hysteresis are of other pairs (docs/cycler.md, "Which halves a cycle pairs")`;
  return { cycles_csv: csv, analyze_symmetric: sym, note };
}

/** stripFirstPairing of a run's steps (what `sacplate simulate` has of a run: its steps, not its trace): consecutive non-rest steps of one kind are one half. */
export function stripFirstPairingOfSteps(steps: readonly Pick<StepResult, 'kind'>[]): StripFirstPairing | undefined {
  const signs: number[] = [];
  for (const x of steps) {
    const s = x.kind === 'plate' ? -1 : x.kind === 'strip' ? 1 : 0;
    if (s !== 0 && signs[signs.length - 1] !== s) signs.push(s);
  }
  return stripFirstPairing(signs);
}
