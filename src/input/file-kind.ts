/**
 * What a YAML or JSON file given to the wrong command is, told by its top-level keys, and the command that reads it.
 * `screen`, `fullcell`, `cite` and `sweep` (and fullcell's `anode.run`) say it in one line: they listed the file's
 * keys as unknown keys of their own kind ("metal: got "Li", expected no such key in a screen file; ...", or for
 * a sweep file as fullcell's anode run "name: got "sweep-loading", expected no such key", without naming the file).
 * Loads nothing: a light command may use it.
 */
export type FileKind = 'screen-result' | 'fullcell-result' | 'analysis-report' | 'screen' | 'sweep' | 'comparison' | 'nucleation' | 'fullcell' | 'resolved' | 'metrics' | 'run';

/** The kind of a parsed file and its words ("a sweep file (base + axes): sacplate sweep runs it"); undefined when its keys say none. */
export function fileKindOf(o: unknown): { kind: FileKind; what: string } | undefined {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return undefined;
  const has = (k: string) => Object.hasOwn(o, k);
  if (has('spec') && has('ranking')) return { kind: 'screen-result', what: "a screen's result.json (what screen --report writes), not an input file" };
  // fullcell --out's fullcell.json (cathode, np and cycles beside results): it was "a full-cell file: sacplate fullcell
  // reads it", which fullcell then refused for its keys ("capacity_mAh_per_cm2: got 1.7, expected no such key"; review49)
  if (has('results') && has('ce_source') && has('cathode')) return { kind: 'fullcell-result', what: 'a full-cell result (fullcell.json, what fullcell --out writes), not an input file' };
  // analyze's report.json (protocol, checks, sources beside the readings): its keys were listed as unknown run keys,
  // `file: got "licu.mpt", expected no such key; allowed keys: metal, ...` (cli66)
  if (has('protocol') && has('checks') && has('sources') && has('format')) return { kind: 'analysis-report', what: "an analysis report (report.json, what sacplate analyze writes beside its figures), not an input file" };
  if (has('candidates') || has('descriptors')) return { kind: 'screen', what: 'a screen file (base + candidates): sacplate screen runs it' };
  if (has('axes')) return { kind: 'sweep', what: 'a sweep file (base + axes): sacplate sweep runs it' };
  if (has('variants')) return { kind: 'comparison', what: 'a comparison file (variants): sacplate compare runs it' };
  if (has('cases')) return { kind: 'nucleation', what: 'a nucleation case file (metal, current, cases): sacplate nucleation reads it' };
  if (has('cathode') || has('np')) return { kind: 'fullcell', what: 'a full-cell file (cathode, np, cycles, anode): sacplate fullcell reads it' };
  // a run folder's resolved.json has a run's keys too (and units, provenance, derived): its keys were listed as unknown
  // run keys, fifteen of them, when it was given as a run file (review34)
  if (has('provenance') && has('derived')) return { kind: 'resolved', what: "a run folder's resolved.json (what simulate writes beside its outputs), not an input file" };
  // a run folder's metrics.json: its 40-odd keys were listed as unknown run keys (mends45)
  if (has('events') && has('wall_s') && has('deposited_voxels')) return { kind: 'metrics', what: "a run folder's metrics.json (what simulate writes beside its outputs), not an input file" };
  if (has('protocol') || has('lattice')) return { kind: 'run', what: 'a run file (metal, lattice, host, protocol): sacplate simulate runs it' };
  return undefined;
}
