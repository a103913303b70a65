/**
 * `sacplate nucleation`: the electrode's nucleation overpotential from a SAC's DFT numbers
 * (atomistic kMC -> J(eta) -> electrode model; src/nucleation/). One case from flags, several
 * from a YAML/JSON file, or `--against-literature`: the review's systems beside their reported
 * figures (nothing is fitted to them).
 *
 * The work of this command; its flags and help text are in commands/nucleation.ts, which loads this
 * file only when it runs.
 */
import { existsSync } from 'node:fs';
import { onStopSignals, stopLine, doneStarting } from '../signals.js';
import { join } from 'node:path';
import { FileError, InputError } from '../../errors.js';
import { readTextFile } from '../../io/text-file.js';
import { parseHostReduction, parsePlateauRule, peakWhere, type NucleationReport, type NucleationRequest } from '../../nucleation/index.js';
import type { Store } from '../../store/index.js';
import type { TimeAxis } from '../../plots/nucleation.js';
import { temperatureText } from '../../plots/temperature-text.js';
import { ASSUMED_SAC_MOLAR_MASS, resolveStudy } from '../../nucleation/system.js';
import { defaultFfsThreads, parseFfsThreads } from '../../nucleation/sampler.js';
import { applyParamsBlock, atomisticOf, capacityOf, casesFromDoc, currentOf, literatureCases, prepareCases, sacArgAt, temperatureGiven, type CaseOptions, type NucleationCase, type TemperatureGiven } from '../../nucleation/cases.js';

interface Flags {
  metal?: string; host?: string; sac?: string; loading?: string[]; current?: string[]; capacity?: string[]; temperature?: string[];
  runs?: string; box?: string; target?: string; maxEvents?: string; plain?: boolean; capture?: string; sampler?: string; tailEnd?: string; ffsRepetitions?: string; threads?: string; force?: boolean; hostReduction?: string; plateau?: string; json?: boolean; db?: string; store?: boolean; out?: string; plot?: string; plotTime?: string; againstLiterature?: boolean;
  listCached?: boolean; clearCached?: string; params?: string;
}

type Case = NucleationCase;

const joinArg = (v: string[] | string | undefined) => (Array.isArray(v) ? v.join(' ') : v);

// yaml is loaded only by the commands that read a case file: a cached call stays fast (issue 15, speed);
// the run file's reader (its words for a second document, its depth and alias limits) reads it
async function fileCases(file: string, base: { current?: number; capacity?: number; temperature?: TemperatureGiven }): Promise<Case[]> {
  const { parseYamlText } = await import('../../input/parse.js');
  if (!existsSync(file)) throw new FileError(file, 'no such file');
  const doc = parseYamlText(readTextFile(file), file, 'a nucleation case file');
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new FileError(file, 'expected a mapping with metal, current and cases');
  // the temperature reader: the run file's schema, which parse.js above has loaded already (zod)
  const { temperatureOf } = await import('../../nucleation/temperature.js');
  return casesFromDoc(doc as Record<string, unknown>, { ...base, temperatureOf });
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/**
 * `--params FILE` (mends79; review64: a user SAC set that `params show --input` prints and `simulate` runs was "unknown
 * SAC" here): the SAC sets of a run or comparison file's `parameters:` block (inline or a path, as `params show --input`
 * reads it), or of a file that is such a block (sacs: ...). Each case whose SAC is named there runs that set's numbers
 * for its metal (its model binding and reduction shift, as `simulate` resolves them: sacResolved), its citation in the
 * provenance and under the table. Only `sacs`: nucleation's metals and hosts are the built-in ones, so a block that
 * changes them is refused rather than half read. A built-in SAC name the block does not define runs as before.
 */
export async function applyParamsFile(cases: Case[], file: string): Promise<string[]> {
  // one reader with params show/list --input (mends81)
  const { readParametersBlock, PARAMETERS_FILE_FORMS } = await import('../../input/parse.js');
  const { block } = readParametersBlock('--params', file);
  if (block === undefined) throw new InputError('--params', file, `${PARAMETERS_FILE_FORMS}; this run file has no parameters: key`);
  if (!block || typeof block !== 'object' || Array.isArray(block)) throw new InputError('--params', file, 'a parameters block holding sacs: { NAME: { element, metals: { Li: { binding } } } }');
  // a note for each set no case runs (mends86): a misspelt name ran the built-in set without a word
  return applyParamsBlock(cases, block, { field: '--params', value: file, of: file });
}

/** Under the table: each case whose SAC came from --params, with its file and citation (mends79). */
export function paramsLines(cases: Case[]): string[] {
  const out: string[] = [];
  for (const c of cases) {
    // a host of --params FILE (branch nuchost), then its SAC
    if (c.req.hostResolved !== undefined) out.push(`host of ${c.name}: ${c.req.hostResolved.set.name} from ${c.req.hostResolved.source}`);
    if (c.req.sacResolved?.source !== undefined) out.push(`SAC of ${c.name}: ${c.req.sacResolved.name} from ${c.req.sacResolved.source}`);
  }
  return out;
}

/**
 * One line a case whose host is not the metal's own foil but binds the metal exactly as its own surface does (a host by
 * numbers equal to it, "binding -1.5 eV, reference -1.5 eV" for Li, or a --params host of the bond's binding): it runs as
 * a foreign host of that binding, a flat terrace on which the metal nucleates as 2D islands (12.3 mV for Li at the small
 * settings of nuchost's measurement), not as the foil (`--host Li`: stepped, every site grows from t = 0, no nucleation
 * step, 0.0 mV). Which name is the foil is a model decision (system.ts `ownMetal`), said here, not changed (mends83).
 */
export function ownSurfaceLines(cases: Case[]): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const s = resolveStudy(c.req);
    if (s.ownMetal || Math.abs(s.hostBinding_eV - s.bond_eV) > 1e-9) continue;
    out.push(`note: ${c.name}: this host binds ${s.metal} as ${s.metal}'s own surface does (${s.bond_eV.toFixed(4)} eV, its bond), and runs as a foreign host of that binding: `
      + `a flat terrace, on which the first ${s.metal} nucleates as 2D islands (its J(eta) law above), so it has a nucleation overpotential; `
      + `--host ${s.metal} is ${s.metal}'s own foil, stepped, every site of which grows from the start: no nucleation step, 0 mV (docs/nucleation.md, "A host of your own")`);
  }
  return out;
}

type Reported = NonNullable<Case['reported']> & { cell?: string; note?: string };

/**
 * The reported column: the value, the quantity when not a nucleation overpotential, and "cell not
 * stated" when the review names no cell (SA-Co@HC's 3 mV read as a symmetric-cell figure until loose9).
 */
export function reportedText(rep: Reported | undefined): string {
  if (!rep) return '-';
  const what = [rep.quantity !== 'nucleation_overpotential' ? rep.quantity : '', rep.cell && /^not stated\b/i.test(rep.cell) ? 'cell not stated' : ''].filter(Boolean);
  return `${rep.value_mV}${what.length ? ` (${what.join(', ')})` : ''}`;
}

/** Below the table: for each reported figure whose cell the review does not state, what it does say. */
export function reportedNotes(reps: (Reported | undefined)[]): string[] {
  return reps.filter((r): r is Reported => !!r && !!r.cell && /^not stated\b/i.test(r.cell))
    .map((r) => `${r.record}'s ${r.value_mV} mV: cell ${r.cell}${r.note ? `; ${r.note}` : ''}`);
}

/**
 * Below the table (--against-literature): each reported figure's place in the review and its paper's DOI, one line a
 * record and place ("  ZnSA-N-C, 32, 9 and 0 mV: review ref 70, section 4; doi not found ..."). Until review51 the
 * table named the record and reference only, and a reader comparing her own dip with a system's went to lit show
 * for the figure and found no DOI at all.
 */
export function reportedSources(reps: (Reported | undefined)[]): string[] {
  const groups = new Map<string, { rep: Reported; values: number[] }>();
  for (const r of reps) {
    if (!r) continue;
    const key = `${r.record}\u0000${r.ref}\u0000${r.where ?? ''}`;
    const g = groups.get(key);
    if (g) g.values.push(r.value_mV); else groups.set(key, { rep: r, values: [r.value_mV] });
  }
  return [...groups.values()].map(({ rep, values }) => {
    const v = values.length > 1 ? `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}` : String(values[0]);
    const place = [`review ref ${rep.ref}`, rep.where ?? ''].filter(Boolean).join(', ');
    return `  ${rep.record}, ${v} mV: ${place}; ${rep.doi ? `doi:${rep.doi}` : 'doi not found (data/literature/_dois.yaml)'}`;
  });
}

/** The cases' reported figures with the cell and note the evidence gives (loaded only with --against-literature). */
export async function withCells(cases: Case[]): Promise<(Reported | undefined)[]> {
  const { reportedCell } = await import('../../evidence/beside.js');
  return cases.map((c) => (c.reported ? { ...c.reported, ...reportedCell(c.reported.record, c.reported.quantity) } : undefined));
}

/**
 * Under the table: the sign convention, in words and as a cycler would read the first case (review51). The table's
 * overpotentials are magnitudes |eta|, positive while plating (as the review quotes them), while a cycler's trace of the
 * working electrode against the metal (a Li||Cu cell, EC-Lab's Ewe) is below 0 V while the metal plates: a user
 * comparing her first-cycle dip read "96.6 mV" beside "-0.097 V" with nothing to say which way either was counted.
 */
export function signLine(rows: { c: Case; r: NucleationReport }[]): string {
  const { c, r } = rows[0]!;
  const metal = typeof c.req.metal === 'string' ? c.req.metal : 'the metal';
  return `sign: the overpotentials above are magnitudes, positive while plating (|eta|); nucleation = peak - plateau. `
    + `A cycler's working electrode against the metal (${metal}||Cu, EC-Lab's Ewe) is below 0 V while ${metal} plates: `
    + `${c.name} reads -${f1(r.peak_overpotential_mV)} mV at the peak and -${f1(r.plateau_overpotential_mV)} mV on the plateau `
    + `(sacplate simulate's overpotential_mV has that sign; this command's eta.csv and --json are |eta|)\n`;
}

/**
 * The line under the table for each case whose SAC box gave no law (J_eta.sac.note): a SAC not told apart from a host
 * site at any activated point is a note (its sites nucleate as host sites, as measured); one told apart at some points
 * whose points give no law is a warning naming the cause (review83: a SAC 140-1900x faster per site at its 3 activated
 * points read as "above the host's at fewer than 3 overpotentials", its effect dropped without a word of it).
 */
export function sacNoLawLines(rows: readonly { c: { name: string }; r: Pick<NucleationReport, 'J_eta'> }[]): string[] {
  return rows.flatMap(({ c, r }) => {
    const sacJ = r.J_eta.sac;
    if (!sacJ || !('note' in sacJ) || !sacJ.note) return [];
    if (sacJ.sac_effect !== 'not resolved') return [`note: ${c.name}: the SAC's atomistic nucleation rate is above the host's at fewer than 3 overpotentials: its sites nucleate as host sites, so the case reads about as its bare host (J_eta.sac in --json)`];
    return [`warning: ${c.name}: the SAC's effect is not resolved, not found absent: ${sacJ.note.replace(/: no SAC law, so the electrode reads its sites as host sites: the SAC's effect is not resolved \(not found absent\); /, '; ')}; with no SAC law its sites nucleate as host sites, so the case reads about as its bare host (J_eta.sac in --json)`];
  });
}

/**
 * Under the table: each case's fitted J(eta) laws (host and SAC), in the units of docs/nucleation.md's "JSON keys" (K per
 * site in 1/s, B in V^2 for the 3D cap or V for the 2D island, b in V) and the overpotentials they were measured on, with
 * the case's peak beside them (below them: the law is extrapolated there). Until mends79 they were in --json only
 * (review64). The metal's own foil has none; a SAC box that gave no law says so.
 */
export function lawLines(rows: { c: Case; r: NucleationReport }[]): string[] {
  const g = (x: number, n = 4) => String(Number(x.toPrecision(n)));
  const mv = (v: number) => String(Number((v * 1e3).toFixed(1)));
  const out: string[] = [];
  for (const { c, r } of rows) {
    for (const [which, law] of [['host', r.J_eta.host], ['SAC', r.J_eta.sac]] as const) {
      if (!law) continue;
      if (!('form' in law)) { out.push(`  ${c.name}, ${which}: no law (${'note' in law ? law.note : 'none fitted'})`); continue; }
      const unit = law.q === 3 ? 'V^2' : 'V';
      const peak = r.peak_overpotential_mV;
      // the report's peak_vs_measured reads the same rule (mends126)
      const pw = peakWhere(peak, law);
      const where = pw === 'inside' ? `; the peak, ${f1(peak)} mV, is inside it` : `; the peak, ${f1(peak)} mV, is ${pw} it: read from the law extrapolated`;
      out.push(`  ${c.name}, ${which}: ${law.form}, ln K ${law.lnK.toFixed(2)} (K ${law.lnK > 700 ? 'inf' : Math.exp(law.lnK).toExponential(2)} /s per site), `
        + `B ${g(law.B)} ${unit} (95 % ${g(law.BLo)}-${g(law.BHi)}), r2 ${law.r2.toFixed(3)}; n* = (${g(law.b_V)} V/eta)^${law.q}; `
        + `measured at ${mv(law.etaMin_V)}-${mv(law.etaMax_V)} mV${where}`
        // mends110: a SAC law the mfpt scan's refinement resolved says so (the grid's own points gave none)
        + `${'refined' in law && law.refined?.by === 'law' ? `; ${law.refined.said} (the 10 mV grid's points alone gave no law)` : ''}`);
    }
  }
  return out.length ? ['J(eta) laws (J per site in 1/s, eta in V; --json\'s J_eta; docs/nucleation.md "JSON keys"):', ...out] : [];
}

/**
 * The table's heading line: the plating current density and plated capacity the cases ran at (until mends40 only
 * --json said them); one that differs between cases (--against-literature: each system at its reported current) is
 * a column instead, and the heading says so.
 */
const num = (x: number) => String(Number(x.toPrecision(4)));
/** a temperature in K to 0.01 K (298.15, 253.15) for the column; the heading adds degC (temperatureText, shared with the figure) */
const kelvin = (x: number) => String(Number(x.toFixed(2)));
const CONDITIONS = [
  { key: 'current_mA_per_cm2', what: 'plating current density', unit: 'mA/cm2', column: 'current (mA/cm2)', cell: num, heading: (x: number) => `${num(x)} mA/cm2` },
  { key: 'capacity_mAh_per_cm2', what: 'plated capacity', unit: 'mAh/cm2', column: 'capacity (mAh/cm2)', cell: num, heading: (x: number) => `${num(x)} mAh/cm2` },
  // nucl64: the temperature the cases ran at (--temperature, a case file's temperature:), 25 degC by default
  { key: 'temperature_K', what: 'temperature', unit: 'K', column: 'temperature (K)', cell: kelvin, heading: temperatureText },
] as const;

export function table(rows: { c: Case; r: NucleationReport; rep?: Reported | undefined }[], literature: boolean): string {
  const perCase = CONDITIONS.filter(({ key, cell }) => rows.some(({ r }) => cell(r[key]) !== cell(rows[0]!.r[key])));
  const shared = CONDITIONS.filter((k) => !perCase.includes(k));
  const heading = [...shared.map(({ key, what, heading: h }) => `${what} ${h(rows[0]!.r[key])}`),
    ...perCase.map(({ what }) => `${what} per case (its column)`)].join(', ');
  const head = ['case', ...perCase.map(({ column }) => column), 'nucleation (mV)', 'peak (mV)', 'plateau (mV)', 'plateau read at', 'nuclei end (/um2)', 'radius (nm)', 'SAC share', 'atomistic'];
  if (literature) head.push('reported (mV)', 'reference');
  const lines = rows.map(({ c, r, rep }) => {
    const cells = [c.name, ...perCase.map(({ key, cell }) => cell(r[key])), f1(r.nucleation_overpotential_mV), f1(r.peak_overpotential_mV), f1(r.plateau_overpotential_mV),
      `${r.plateau_capacity_mAh_per_cm2.toPrecision(2)} mAh/cm2 (${r.plateau_stop})`,
      r.nucleus_density_per_um2.at_end.toPrecision(3), r.mean_nucleus_radius_nm.toPrecision(3),
      r.sac_share_of_nuclei === null ? '-' : r.sac_share_of_nuclei.toFixed(3),
      r.own_metal ? 'own metal' : r.atomistic?.cached ? 'cached' : `${r.atomistic?.wall_s.toFixed(0)} s`];
    if (literature) {
      cells.push(reportedText(rep),
        c.reported ? `${c.reported.record}, review ref ${c.reported.ref}, at ${c.reported.current}` : '');
    }
    return cells;
  });
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]) => l.map((x, i) => x.padEnd(w[i]!)).join('  ').trimEnd();
  return [`at ${heading}:`, fmt(head), fmt(w.map((n) => '-'.repeat(n))), ...lines.map(fmt)].join('\n') + '\n';
}

/**
 * A legend under the table, one line per column with its unit, as simulate's and compare's tables have (review64: the
 * columns were explained only in docs/nucleation.md's JSON keys; `radius (nm)`, `plateau read at`'s `(flat)` and
 * `atomistic`'s `cached` or `7 s` went unsaid).
 */
export function legendLines(rows: { r: NucleationReport }[], literature: boolean): string[] {
  const perCase = CONDITIONS.filter(({ key, cell }) => rows.some(({ r }) => cell(r[key]) !== cell(rows[0]!.r[key])));
  const items: [string, string][] = [
    ...perCase.map(({ column, what, unit }): [string, string] => [column, `the case's ${what} (${unit})`]),
    ['nucleation (mV)', 'nucleation overpotential: peak minus plateau of |eta| in the first plating (mV)'],
    ['peak (mV)', 'largest |eta| of the first plating, the nucleation dip (mV)'],
    ['plateau (mV)', '|eta| of the growth plateau after it: its time-weighted mean over the last 10 % of the run (mV)'],
    ['plateau read at', 'the plated capacity where the plateau was read (mAh/cm2) and why the run stopped there: flat (eta moved < 0.1 mV over the window), film-closed (metal over >= 0.95 of the electrode), cap (1 mAh/cm2 reached, or the asked capacity where larger), end (the asked capacity, --plateau end); docs/nucleation.md, "The plateau rule"'],
    ['nuclei end (/um2)', 'nuclei per um2 of electrode when the plateau was read (1/um2)'],
    ['radius (nm)', 'number-weighted mean radius of the nuclei at the end, as hemispheres, overlap not subtracted (nm)'],
    ['SAC share', 'the SAC\'s share of the nuclei: those born on SAC sites over all born (fraction); - without a SAC'],
    ['atomistic', 'where J(eta) came from: the atomistic stage run now, its wall time (s); cached (the store held it); own metal (the metal\'s own surface needs none)'],
  ];
  if (literature) items.push(['reported (mV)', 'the review\'s reported nucleation overpotential (mV), listed below with its place in the review'], ['reference', 'the review\'s record, its reference number and the current it was measured at']);
  const w = Math.max(...items.map(([h]) => h.length));
  return items.map(([h, text]) => `  ${h.padEnd(w)}  ${text}`);
}

async function writeOut(dir: string, rows: { c: Case; r: NucleationReport; rep?: Reported | undefined }[], time: TimeAxis): Promise<string[]> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  // the package's one CSV writer: names quoted only when needed, a missing number an empty cell
  const { writeCsv } = await import('../../io/csv.js');
  // temperature_K last (nucl64): the case's temperature, one value a case, so that a file of several temperatures is read alone
  writeCsv(join(dir, 'eta.csv'), ['case', 't_s', 'eta_mV', 'nuclei_per_um2', 'metal_area', 'temperature_K'],
    rows.flatMap(({ c, r }) => r.trace.map((p) => [c.name, p.t_s, p.eta_mV, p.nuclei_per_um2, p.metal_area, r.temperature_K])));
  files.push(join(dir, 'eta.csv'));
  writeFileSync(join(dir, 'nucleation.json'), JSON.stringify(rows.map(({ c, r, rep }) => ({ case: c.name, reported: rep ?? null, ...r })), null, 2) + '\n');
  files.push(join(dir, 'nucleation.json'));
  const { nucleationEtaSpec } = await import('../../plots/nucleation.js');
  const { writeFigure } = await import('../../plots/render.js');
  // the molar mass a wt% loading without element assumed, on the figure too (the JSON and stderr say it in full)
  const notes = rows.filter(({ r }) => r.sac_loading_assumption !== null)
    .map(({ c }) => `${rows.length > 1 ? `${c.name}: ` : ''}SAC molar mass assumed ${ASSUMED_SAC_MOLAR_MASS} g/mol (no element given; middle of Mn-Zn, sites within +-8.7 %)`);
  const spec = nucleationEtaSpec(rows.map(({ c, r }) => ({ ...r, name: c.name })), time, notes);
  files.push(...(await writeFigure(dir, 'eta-vs-time', spec)));
  return files;
}

/**
 * The cases on a worker thread (nucleationInWorker, as the workbench runs them), so that Ctrl-C
 * reaches this thread while the synchronous atomistic stage runs: the first Ctrl-C (or SIGTERM)
 * stops the work before its next atomistic run and says so (exit 130, as simulate and compare);
 * a second quits at once. Returns the reports in case order, or undefined when stopped.
 *
 * One case whose atomistic data the store already holds (or the metal's own surface, which needs
 * none) runs here instead: it has no atomistic run to stop at, and the thread was a sixth to a fifth
 * of such a call's CPU (its start-up, a second load of the nucleation modules, a second store
 * connection; docs/nucleation-history.md, "Branch nucspeed"). Ctrl-C then stops it at once, Node's
 * default: nothing has been written yet. The store stays open for that case and is closed by the
 * caller; for the worker it is closed first (the worker opens its own connection).
 */
async function computeCases(cases: Case[], store: Store | undefined, threads: number): Promise<NucleationReport[] | undefined> {
  // a case's first line is its name; with several cases it says which of how many (--against-literature: 8)
  const progress = (i: number, m: string) => process.stderr.write(m === `${cases[i]!.name}: ...` ? `${cases.length > 1 ? `[${i + 1}/${cases.length}] ` : ''}${m}\n` : `  ${m}\n`);
  if (cases.length === 1) {
    const { atomisticSource, nucleation } = await import('../../nucleation/index.js');
    const c = cases[0]!;
    const source = atomisticSource(c.req, store);
    if (source === 'cached' || source === 'own-metal') {
      await doneStarting(); // (Node's default takes a stop from here: this thread computes it at once; signals.ts)
      progress(0, `${c.name}: ...`);
      return [nucleation(c.req, store, (m) => progress(0, m))];
    }
  }
  const storePath = store?.path ?? null;
  store?.close();
  const { nucleationInWorker } = await import('../../nucleation/in-worker.js');
  const work = nucleationInWorker(cases.map((c) => ({ name: c.name, req: c.req })), storePath, {
    // the worker's first line of a case is its name (`Li on Cu: ...`), the rest are indented as before
    progress,
  }, threads);
  const offSignals = onStopSignals((sig) => {
    work.cancel();
    process.stderr.write(stopLine(sig, 'stopping before the next atomistic run'));
  }, () => void work.terminate().then(() => process.exit(130)));
  let done;
  try {
    done = await work.done;
  } finally {
    offSignals();
  }
  if (done.cancelled) {
    const finished = done.reports.filter((r) => r !== undefined).length;
    process.stderr.write(`sacplate: cancelled; ${finished} of ${cases.length} case${cases.length === 1 ? '' : 's'} had finished; no outputs written` +
      `${storePath !== null ? ' (atomistic scans that finished are cached in the store, and the finished points of the one stopped: a rerun reads them)' : ''}\n`);
    process.exitCode = 130;
    return undefined;
  }
  return done.reports;
}

/** one cached atomistic stage as --list-cached prints it */
export interface CachedEntry {
  key: string; system: string; version: number | null; current: boolean; sampler: string;
  runs: number | null; box: number | null; target: number | null; max_events: number | null; capture: boolean | null;
  tail_end: string | null; events: number | null; wall_s: number | null; saved: string;
  /** the model bindings the entry was computed for (mends81), null for an entry cached before they were stored */
  numbers: { host_eV: number; sac_eV?: number; sacRedShift_eV?: number; sacMigration_eV?: number } | null;
}

/** An entry's model numbers in words: two user sets of one name and other numbers are one system with two keys (mends81). */
export function numbersText(e: CachedEntry): string {
  const n = e.numbers;
  if (!n) return 'not stored (cached before mends81)';
  const eV = (x: number) => `${Number(x.toPrecision(4))} eV`;
  return `host ${eV(n.host_eV)}${n.sac_eV !== undefined ? `; SAC ${eV(n.sac_eV)}${n.sacRedShift_eV ? `, shift ${eV(n.sacRedShift_eV)}` : ''}${n.sacMigration_eV !== undefined ? `, migration ${eV(n.sacMigration_eV)}` : ''}` : ''}`;
}

const CACHE_KIND = 'nucleation-atomistic';

/** The store's cached atomistic stages (kind nucleation-atomistic of param_sets), oldest system name first. */
export function cachedEntries(store: Store, version: number): CachedEntry[] {
  return store.listParamSets(CACHE_KIND).map((rec) => {
    const m = /atomistic stage v(\d+): (.*)$/.exec(rec.source ?? '');
    const d = (rec.data ?? {}) as { options?: Record<string, unknown>; events?: unknown; wall_s?: unknown; numbers?: CachedEntry['numbers'] };
    const o = d.options ?? {};
    const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
    const te = o.tailEnd as { rule?: string; current_A_per_m2?: number; capacity_C_per_m2?: number } | undefined;
    const v = m ? Number(m[1]) : null;
    return {
      key: rec.name, system: m ? m[2]! : (rec.source ?? '(no description)'), version: v, current: v === version,
      sampler: typeof o.sampler === 'string' ? o.sampler : 'mfpt',
      runs: n(o.runs), box: n(o.L), target: n(o.target), max_events: n(o.maxEvents), capture: typeof o.capture === 'boolean' ? o.capture : null,
      tail_end: te?.rule ? `${te.rule}${te.current_A_per_m2 !== undefined ? ` at ${Number((te.current_A_per_m2 / 10).toPrecision(4))} mA/cm2` : ''}` : null,
      events: n(d.events), wall_s: n(d.wall_s), saved: rec.updated_at,
      numbers: d.numbers && typeof d.numbers === 'object' && typeof d.numbers.host_eV === 'number' ? d.numbers : null,
    };
  }).sort((a, b) => a.system.localeCompare(b.system) || a.saved.localeCompare(b.saved));
}

/**
 * `--list-cached` and `--clear-cached <what>` (mends79; review64: the cache could be seen or cleared only by deleting the
 * store): list the atomistic stages the store holds, or delete all of them, one by its cache key (or a unique start of
 * it, 6 characters at least), or every entry of one system as listed ("Li on graphene + Zn-N4", any case).
 */
async function cacheCommand(file: string | undefined, o: Flags): Promise<void> {
  const flag = o.listCached ? '--list-cached' : '--clear-cached';
  if (o.listCached && o.clearCached !== undefined) throw new InputError('--clear-cached', o.clearCached, 'either --list-cached or --clear-cached, not both');
  if (file !== undefined) throw new InputError('file', file, `nothing with ${flag} (it reads the store's cache, no case)`);
  const other: [string, unknown][] = [['--metal', o.metal], ['--host', o.host], ['--sac', o.sac], ['--against-literature', o.againstLiterature],
    ['--out', o.out], ['--plot', o.plot], ['--temperature', o.temperature], ['--runs', o.runs], ['--box', o.box], ['--target', o.target], ['--max-events', o.maxEvents], ['--sampler', o.sampler], ['--params', o.params]];
  for (const [f, v] of other) if (v !== undefined) throw new InputError(f, v, `nothing with ${flag} (it reads the store's cache, no case)`);
  if (o.store === false) throw new InputError('--no-store', true, `nothing with ${flag} (it reads the store: --db or $SACPLATE_DB)`);
  const { openStore, defaultStorePath } = await import('../../store/index.js');
  const { ATOMISTIC_VERSION, POINT_KIND } = await import('../../nucleation/index.js');
  const { resolve } = await import('node:path');
  const path = resolve(o.db && o.db.trim() !== '' ? o.db : defaultStorePath());
  if (!existsSync(path)) {
    if (o.clearCached !== undefined) throw new InputError('--clear-cached', o.clearCached, `an entry of the cache, and there is no store at ${path} (--db or $SACPLATE_DB): nothing is cached`);
    if (o.json) process.stdout.write(JSON.stringify({ store: path, entries: [] }, null, 2) + '\n');
    else process.stdout.write(`no store at ${path} (--db or $SACPLATE_DB): nothing is cached\n`);
    return;
  }
  const store = openStore(path);
  try {
    const entries = cachedEntries(store, ATOMISTIC_VERSION);
    // the finished points of scans stopped before their box was saved (Ctrl-C; index.ts pointMemo)
    const kept = store.listParamSets(POINT_KIND).length;
    const keptLine = kept ? `${kept} finished point${kept === 1 ? '' : 's'} of stopped scans kept (the same case run again reads them; --clear-cached all deletes them too)\n` : '';
    const settings = (e: CachedEntry) => `${e.sampler}${e.tail_end ? ` (tail end ${e.tail_end})` : ''}, runs ${e.runs ?? '?'}, box ${e.box ?? '?'}, target ${e.target ?? '?'}, max events ${e.max_events ?? '?'}${e.capture === false ? ', capture off' : ''}`;
    if (o.listCached) {
      if (o.json) { process.stdout.write(JSON.stringify({ store: path, entries, kept_points: kept }, null, 2) + '\n'); return; }
      if (entries.length === 0) { process.stdout.write(`nothing cached in ${path}\n${keptLine}`); return; }
      const head = ['key', 'system', 'model numbers', 'settings', 'events', 'made in (s wall)', 'saved (UTC)'];
      const lines = entries.map((e) => [e.key, e.system + (e.current ? '' : ` (stage v${e.version ?? '?'}: an older version, never read again)`), numbersText(e), settings(e),
        e.events === null ? '?' : String(e.events), e.wall_s === null ? '?' : e.wall_s.toFixed(1), e.saved.replace('T', ' ').replace(/\.\d+Z$/, '')]);
      const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
      const fmt = (l: string[]) => l.map((x, i) => x.padEnd(w[i]!)).join('  ').trimEnd();
      process.stdout.write([`${entries.length} atomistic stage${entries.length === 1 ? '' : 's'} cached in ${path} (a call with the same numbers and settings reads them; --clear-cached <key|system|all> deletes):`,
        fmt(head), fmt(w.map((x) => '-'.repeat(x))), ...lines.map(fmt)].join('\n') + '\n' + keptLine);
      return;
    }
    const what = o.clearCached!.trim();
    let gone: CachedEntry[];
    if (what.toLowerCase() === 'all') {
      gone = entries;
      if (kept) process.stdout.write(`cleared ${store.deleteParamSetsStartingWith(POINT_KIND, '')} finished point${kept === 1 ? '' : 's'} of stopped scans\n`);
    }
    else {
      const bySystem = entries.filter((e) => e.system.toLowerCase() === what.toLowerCase());
      const byKey = /^[0-9a-f]{6,}$/i.test(what) ? entries.filter((e) => e.key.startsWith(what.toLowerCase())) : [];
      if (byKey.length > 1) throw new InputError('--clear-cached', what, `a cache key or a unique start of one; ${byKey.length} keys start so: ${byKey.map((e) => e.key).join(', ')}`);
      gone = bySystem.length ? bySystem : byKey;
      if (gone.length === 0) {
        const systems = [...new Set(entries.map((e) => e.system))];
        throw new InputError('--clear-cached', what, `all, a cache key or a system as --list-cached prints it (${systems.length ? `cached: ${systems.slice(0, 12).join('; ')}${systems.length > 12 ? '; ...' : ''}` : `nothing is cached in ${path}`})`);
      }
    }
    for (const e of gone) store.deleteParamSet(CACHE_KIND, e.key);
    const left = entries.length - gone.length;
    // a system's entries of other numbers or settings are cleared together: said, with a key to clear one (mends81)
    const several = what.toLowerCase() !== 'all' && gone.length > 1 ? ` (every entry of "${gone[0]!.system}": ${gone.length} of other numbers or settings; a key clears one)` : '';
    process.stdout.write(`cleared ${gone.length} cached atomistic stage${gone.length === 1 ? '' : 's'} from ${path}${several}${gone.length ? ':' : ''}\n`
      + gone.map((e) => `  ${e.key}  ${e.system}  ${numbersText(e)}  ${settings(e)}\n`).join('')
      + `${left} left; the next call for ${gone.length === 1 ? 'it' : 'them'} computes the atomistic stage again\n`);
  } finally {
    store.close();
  }
}

export async function nucleation(file: string | undefined, o: Flags): Promise<void> {
  if (o.listCached || o.clearCached !== undefined) return cacheCommand(file, o);
  const current = o.current !== undefined ? currentOf('--current', joinArg(o.current)) : undefined;
  const capacity = o.capacity !== undefined ? capacityOf('--capacity', joinArg(o.capacity)) : undefined;
  // nucl64: the run file's temperature: schema ("25 degC", "253.15 K"); "-20 degC" unquoted is two words, as --current's
  const temperature = o.temperature !== undefined ? await temperatureGiven('--temperature', joinArg(o.temperature)) : undefined;
  // checked with the other flags, before any work; the figure's module is loaded only when it is drawn
  if (o.plotTime !== undefined && o.plotTime !== 'log' && o.plotTime !== 'linear') throw new InputError('--plot-time', o.plotTime, 'log or linear (the figure\'s time axis)');
  const plotTime: TimeAxis = o.plotTime === 'linear' ? 'linear' : 'log';
  // --plot is --out under another name: both given, the one --plot named was ignored without a word
  if (o.out !== undefined && o.plot !== undefined) throw new InputError('--plot', [o.out, o.plot], 'either --out or --plot (the same folder flag), not both');
  // a figure's axis without a figure: say so rather than ignore the flag
  if (o.plotTime !== undefined && o.out === undefined && o.plot === undefined) throw new InputError('--plot-time', o.plotTime, 'with --plot <dir> or --out <dir> (it sets the time axis of the figure they write; no figure is written without them)');
  // flags that would change nothing (they were ignored without a word): the review's systems, or a case file, give the metal, hosts and SACs
  const given: [string, unknown][] = [['--metal', o.metal], ['--host', o.host], ['--sac', o.sac]];
  if (o.againstLiterature) {
    const lit = 'nothing with --against-literature (it runs the review\'s systems, each with its own metal, host and SAC)';
    if (file !== undefined) throw new InputError('file', file, lit);
    for (const [flag, v] of given) if (v !== undefined) throw new InputError(flag, v, lit);
    if (o.params !== undefined) throw new InputError('--params', o.params, lit);
    // the review's figures beside the model's at the default 25 degC; at another temperature the comparison would mislead
    if (temperature !== undefined) throw new InputError('--temperature', temperature.value, 'nothing with --against-literature (it runs the review\'s systems at the default 25 degC, beside their reported figures)');
  } else if (file !== undefined) {
    for (const [flag, v] of given) if (v !== undefined) throw new InputError(flag, v, `nothing with a case file (${file} gives the metal and each case's host and SAC)`);
  }
  const atomistic = atomisticOf({ runs: '--runs', box: '--box', target: '--target', maxEvents: '--max-events', plain: '--plain', capture: '--capture', sampler: '--sampler', tailEnd: '--tail-end', ffsRepetitions: '--ffs-repetitions' }, { runs: o.runs, box: o.box, target: o.target, maxEvents: o.maxEvents, plain: o.plain, capture: o.capture, sampler: o.sampler, tailEnd: o.tailEnd, ffsRepetitions: o.ffsRepetitions });
  // the FFS repetitions' threads (not in the cache key): refused beside a named sampler that runs no FFS (--sampler mfpt, --plain)
  const threads = o.threads === undefined ? defaultFfsThreads() : parseFfsThreads('--threads', o.threads, true, o.plain ? 'mfpt' : atomistic?.sampler);
  let cases: Case[];
  if (o.againstLiterature) cases = await literatureCases(current, capacity);
  else if (file !== undefined) cases = await fileCases(file, { ...(current !== undefined ? { current } : {}), ...(capacity !== undefined ? { capacity } : {}), ...(temperature !== undefined ? { temperature } : {}) });
  else {
    if (o.metal === undefined) throw new InputError('--metal', undefined, 'Li, Na or K (or a case file, or --against-literature)');
    if (o.host === undefined) throw new InputError('--host', undefined, 'a host name (sacplate params list)');
    const req: NucleationRequest = { metal: o.metal, host: o.host, current_A_per_m2: current ?? 10, ...sacArgAt(o.sac, '--sac', ' ') };
    if (capacity !== undefined) req.capacity_C_per_m2 = capacity;
    if (temperature !== undefined) req.T_K = temperature.K;
    // one loading: --sac "..., loading 2 wt%" beside --loading is refused by prepareCases, as for a case file's case
    cases = [{ name: `${o.metal} on ${o.host}${o.sac ? ' + ' + o.sac : ''}`, req, ...(req.loading !== undefined ? { loadingFrom: '--sac' } : {}),
      ...(temperature !== undefined ? { temperatureFrom: { field: '--temperature', value: temperature.value } } : {}) }];
  }
  const paramsNotes = o.params !== undefined ? await applyParamsFile(cases, o.params) : [];
  // errors name the flags as typed: --loading, --metal, --sac binding (a key of --sac's text)
  const opts: CaseOptions = { loadingField: '--loading', flags: true };
  if (o.loading !== undefined) opts.loading = joinArg(o.loading)!; // "1.2 wt%" or, unquoted, 1.2 wt%
  if (o.hostReduction !== undefined) opts.hostReduction = parseHostReduction('--host-reduction', o.hostReduction);
  if (o.plateau !== undefined) opts.plateau = parsePlateauRule('--plateau', o.plateau);
  if (atomistic !== undefined) opts.atomistic = atomistic;
  prepareCases(cases, opts); // every input error before any work
  for (const n of paramsNotes) process.stderr.write(`${n}\n`);
  // what a case's numbers do not say and the model assumes (a wt% loading without the SAC's element):
  // one line per such case on stderr, before the work; --json has it as sac_loading_assumption
  for (const c of cases) {
    if (c.sacLoadingAssumption) process.stderr.write(`sacplate: warning: ${cases.length > 1 ? `${c.name}: ` : ''}${c.sacLoadingAssumption}\n`);
  }
  // the output folder is checked before the work: a previous run's folder (a simulation's eta.csv) is not overwritten.
  // --force clears it only once the results are ready: a run stopped (Ctrl-C) or failing before then writes nothing
  // and leaves the previous outputs as they were (they were cleared before the work; mends45)
  let clearOut = () => {};
  if ((o.out ?? o.plot) !== undefined) {
    const { prepareOutDir } = await import('../../io/dirs.js');
    clearOut = prepareOutDir((o.out ?? o.plot)!, { field: o.out !== undefined ? '--out' : '--plot', force: o.force === true, inputs: [file], laterClear: true });
  }
  let store: Store | undefined;
  if (o.store !== false) {
    // opened here so that a bad --db is one line before any work (computeCases closes it before a worker opens its own);
    // one case may only read (its atomistic data cached): an existing store is opened read-only, without the
    // whole-file quick_check, and openStore (checks, creation, migration) is the way for anything else
    const { openStore, openStoreToRead } = await import('../../store/index.js');
    store = (cases.length === 1 ? openStoreToRead(o.db) : undefined) ?? openStore(o.db);
  }
  let reports: NucleationReport[] | undefined;
  try {
    reports = await computeCases(cases, store, threads);
  } finally {
    store?.close(); // closing twice is a no-op (Store.close)
  }
  if (reports === undefined) return; // stopped by Ctrl-C / SIGTERM: said, exit 130
  const reps = o.againstLiterature ? await withCells(cases) : cases.map((c) => c.reported);
  const rows = cases.map((c, i) => ({ c, r: reports[i]!, rep: reps[i] }));
  const outDir = o.out ?? o.plot;
  if (outDir !== undefined) {
    clearOut();
    const files = await writeOut(outDir, rows, plotTime);
    process.stderr.write(`wrote ${files.join(', ')}\n`);
  }
  if (o.json) {
    const payload = rows.map(({ c, r, rep }) => ({ case: c.name, reported: rep ?? null, ...r, trace: undefined }));
    process.stdout.write(JSON.stringify(payload.length === 1 && !o.againstLiterature ? payload[0] : payload, null, 2) + '\n');
  } else {
    process.stdout.write(table(rows, !!o.againstLiterature));
    process.stdout.write(legendLines(rows, !!o.againstLiterature).join('\n') + '\n');
    process.stdout.write(signLine(rows));
    for (const line of lawLines(rows)) process.stdout.write(`${line}\n`);
    for (const line of paramsLines(cases)) process.stdout.write(`${line}\n`);
    // a host by its DFT numbers (branch nuchost): its derivation, as the provenance says it
    for (const { c, r } of rows) {
      const line = /^\s*(binding|reference|refhost)\s/i.test(String(c.req.host)) ? r.provenance.find((l) => l.startsWith('host ')) : undefined;
      if (line !== undefined) process.stdout.write(`host of ${c.name}: ${line.slice(`host ${String(c.req.host).trim()}: `.length)}\n`);
    }
    for (const line of ownSurfaceLines(rows.map(({ c }) => c))) process.stdout.write(`${line}\n`);
    // a SAC whose J(eta) is no law above the host's reads as its bare host: the table showed the host's numbers
    // under the SAC's name without a word (the note was in --json's J_eta.sac only)
    for (const line of sacNoLawLines(rows)) process.stdout.write(`${line}\n`);
    if (o.againstLiterature) {
      process.stdout.write('reported: the review\'s figure (sacplate lit show <record>); no model parameter was fitted to it. See docs/nucleation.md.\n');
      for (const line of reportedSources(reps)) process.stdout.write(`${line}\n`);
      for (const line of reportedNotes(reps)) process.stdout.write(`${line}\n`);
    }
  }
}
