/**
 * The protocols an analysis takes (report.ts) and the rules that pair half cycles into full-cell
 * cycles (ce.ts). Apart from them so that the CLI can list them in its help text without loading
 * the analysis.
 */
import { InputError } from '../errors.js';

export const PROTOCOLS = ['symmetric', 'licu', 'aurbach', 'fullcell'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const PAIR_RULES = ['auto', 'discharge-charge', 'charge-discharge', 'file'] as const;
export type PairRule = (typeof PAIR_RULES)[number];

/**
 * The analysis options one protocol reads (AnalyzeOptions' keys): given with another protocol they were ignored without a
 * word until session 25 (`--protocol licu --n 3`, `--protocol fullcell --limit 100 mV`).
 */
export const PROTOCOL_OPTIONS: Readonly<Record<string, Protocol | readonly Protocol[]>> = {
  // the plateau window of the nucleation reading: symmetric's first half cycle, each Li||Cu plating, Aurbach's first plating (session 28)
  plateauFrom: ['symmetric', 'licu', 'aurbach'],
  limit_V: 'symmetric', softShort: 'symmetric', collapseFraction: 'symmetric', noiseFactor: 'symmetric',
  noiseRelative: 'symmetric', history: 'symmetric', minHistory: 'symmetric',
  qt_mAh: 'aurbach', qc_mAh: 'aurbach', n: 'aurbach',
  pair: 'fullcell', referenceCycle: 'fullcell', mass_g: 'fullcell',
};

/**
 * Refuses the first of `given` (option key -> value as the caller gave it; undefined is absent) that `protocol` does not
 * read, in one line naming it and `protocol` by `name` (the CLI's flags, the library's keys) and the protocol that reads it.
 */
export function refuseOtherProtocolOptions(protocol: Protocol, given: Record<string, unknown>, name: (key: string) => string = (k) => k): void {
  for (const [k, v] of Object.entries(given)) {
    const own = PROTOCOL_OPTIONS[k];
    const owners: readonly Protocol[] = own === undefined ? [] : typeof own === 'string' ? [own] : own;
    if (v !== undefined && owners.length > 0 && !owners.includes(protocol)) {
      const list = owners.length === 1 ? owners[0]! : `${owners.slice(0, -1).join(', ')} or ${owners[owners.length - 1]!}`;
      throw new InputError(name(k), v, `left out with ${name('protocol')} ${protocol} (read by ${name('protocol')} ${list} only)`);
    }
  }
}
