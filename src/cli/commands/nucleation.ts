/**
 * `sacplate nucleation`: the electrode's nucleation overpotential from a SAC's DFT numbers
 * (atomistic kMC -> J(eta) -> electrode model; src/nucleation/). One case from flags, several
 * from a YAML/JSON file, or `--against-literature`: the review's systems beside their reported
 * figures (nothing is fitted to them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { FileError, InputError } from '../../errors.js';
import { parseQuantity } from '../../units.js';
import type { Store } from '../../store/index.js';
import { nucleation, parseHostReduction, parsePlateauRule, parseSacText, resolveStudy, DEFAULT_CAPACITY_C_PER_M2, type NucleationReport, type NucleationRequest, type SacNumbers } from '../../nucleation/index.js';
import { didYouMean } from '../../input/hints.js';
import { flagNumber } from '../guards.js';

interface Flags {
  metal?: string; host?: string; sac?: string; loading?: string[]; current?: string[]; capacity?: string[];
  runs?: string; plain?: boolean; force?: boolean; hostReduction?: string; plateau?: string; json?: boolean; db?: string; store?: boolean; out?: string; plot?: string; againstLiterature?: boolean;
}

const joinArg = (v: string[] | string | undefined) => (Array.isArray(v) ? v.join(' ') : v);

/** "Zn-N4" names a SAC of the parameter sets; "binding -2.29 eV, loading 1.2 wt%" gives its numbers. */
function sacArg(text: string | undefined): { sac?: string | SacNumbers; loading?: string } {
  if (text === undefined) return {};
  // numbers, not a name: an energy, a comma or a leading key (a unit left out must say so, not "unknown SAC")
  if (/\d\s*eV/i.test(text) || text.includes(',') || /^\s*(binding|reference|desolvation|loading|element)\b/i.test(text)) {
    const p = parseSacText(text);
    const r: { sac: SacNumbers; loading?: string } = { sac: p.numbers };
    if (p.loading !== undefined) r.loading = p.loading;
    return r;
  }
  return { sac: text };
}

function currentOf(field: string, v: unknown): number {
  const I = parseQuantity(field, v, 'currentDensity');
  if (!(I > 0)) throw new InputError(field, v, 'a positive plating current density, e.g. "1 mA/cm2"');
  return I;
}
function capacityOf(field: string, v: unknown): number {
  const Q = parseQuantity(field, v, 'arealCapacity');
  if (!(Q > 0)) throw new InputError(field, v, 'a positive areal capacity, e.g. "0.02 mAh/cm2"');
  return Q;
}
function runsOf(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = flagNumber(v);
  if (!Number.isInteger(n) || n < 4 || n > 1000) throw new InputError('--runs', v, 'an integer from 4 to 1000 (atomistic runs per overpotential)');
  return n;
}

interface Case { name: string; req: NucleationRequest; /** a case file's case: 'cases[i]', the prefix of its fields in errors */ where?: string; reported?: { value_mV: number; record: string; ref: number; quote: string; quantity: string; current: string } }

/** The review's systems with a reported nucleation (or plating) overpotential that the parameter sets can describe. */
const LITERATURE_CASES: { metal: string; host: string; sac?: string; record: string; subject?: RegExp; quantity?: string }[] = [
  { metal: 'Li', host: 'carbon-cloth', sac: 'SAFe-CVRCS', record: 'SAFe/CVRCS@3DPC' },
  { metal: 'Li', host: 'sp2c-COF', sac: 'sp2c-COF-Co', record: 'sp2c-COF-Co' },
  { metal: 'Na', host: 'Cu', record: 'ZnSA-N-C', subject: /copper/i },
  { metal: 'Na', host: 'carbon-cloth', record: 'ZnSA-N-C', subject: /carbon cloth/i },
  { metal: 'Na', host: 'N-graphene', sac: 'Zn-N4', record: 'ZnSA-N-C' },
  { metal: 'Na', host: 'N-graphene', sac: 'Co-N4', record: 'CoSA@NC' },
  { metal: 'K', host: 'hard-carbon', sac: 'Co-N4', record: 'SA-Co@HC', quantity: 'overpotential' },
  // control: the metal's own foil (no report; the model must give < 1 mV)
  { metal: 'Li', host: 'Li', record: '' },
];

// yaml and the evidence base are loaded only by the commands that read them: a cached call stays fast (issue 15, speed)
async function literatureCases(current: number | undefined, capacity: number | undefined): Promise<Case[]> {
  const { loadLiterature } = await import('../../evidence/records.js');
  const recs = loadLiterature().records;
  const out: Case[] = [];
  for (const c of LITERATURE_CASES) {
    const r = recs.find((x) => x.name === c.record);
    const q = c.quantity ?? 'nucleation_overpotential';
    const f = r?.figures.find((x) => x.quantity === q && (c.subject ? x.subject !== undefined && c.subject.test(x.subject) : x.subject === undefined));
    const cur = f?.conditions?.current_density;
    const I = current ?? (cur ? currentOf('conditions.current_density', cur) : 10);
    const req: NucleationRequest = { metal: c.metal, host: c.host, current_A_per_m2: I };
    if (c.sac) req.sac = c.sac;
    if (capacity !== undefined) req.capacity_C_per_m2 = capacity;
    const cs: Case = { name: `${c.metal} on ${c.host}${c.sac ? ' + ' + c.sac : ''}`, req };
    if (f && r) cs.reported = { value_mV: f.value, record: r.name, ref: f.ref, quote: f.quote, quantity: q, current: cur ?? '1 mA/cm2 (not reported; assumed)' };
    out.push(cs);
  }
  return out;
}

/** The keys of a nucleation case file and of each case (nothing else is read). */
const FILE_KEYS = ['metal', 'current', 'capacity', 'cases'] as const;
const CASE_KEYS = ['name', 'host', 'sac', 'loading'] as const;

async function fileCases(file: string, base: { current?: number; capacity?: number }): Promise<Case[]> {
  const { parse: parseYaml } = await import('yaml');
  if (!existsSync(file)) throw new FileError(file, 'no such file');
  let doc: unknown;
  try { doc = parseYaml(readFileSync(file, 'utf8')); } catch (e) { throw new FileError(file, `not valid YAML/JSON (${(e as Error).message.split('\n')[0]})`); }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new FileError(file, 'expected a mapping with metal, current and cases');
  const d = doc as Record<string, unknown>;
  // a misspelt key would otherwise run silently with the default (curent: -> 1 mA/cm2)
  const unknown = Object.keys(d).find((k) => !(FILE_KEYS as readonly string[]).includes(k));
  if (unknown !== undefined) throw new InputError(unknown, d[unknown], `no such key${didYouMean(unknown, FILE_KEYS)}; allowed keys: ${FILE_KEYS.join(', ')}`);
  if (typeof d.metal !== 'string') throw new InputError('metal', d.metal, 'Li, Na or K');
  const current = base.current ?? currentOf('current', d.current ?? '1 mA/cm2');
  const capacity = base.capacity ?? (d.capacity !== undefined ? capacityOf('capacity', d.capacity) : undefined);
  if (!Array.isArray(d.cases) || d.cases.length === 0) throw new InputError('cases', d.cases, 'a list of cases, each with host and optionally sac and loading');
  return d.cases.map((c: unknown, i: number) => {
    if (!c || typeof c !== 'object') throw new InputError(`cases[${i}]`, c, 'a mapping with host, sac, loading');
    const cc = c as Record<string, unknown>;
    const extra = Object.keys(cc).find((k) => !(CASE_KEYS as readonly string[]).includes(k));
    if (extra !== undefined) throw new InputError(`cases[${i}].${extra}`, cc[extra], `no such key${didYouMean(extra, CASE_KEYS)}; a case has: ${CASE_KEYS.join(', ')}`);
    if (typeof cc.host !== 'string') throw new InputError(`cases[${i}].host`, cc.host, 'a host name (sacplate params list)');
    const req: NucleationRequest = { metal: d.metal as string, host: cc.host, current_A_per_m2: current };
    if (capacity !== undefined) req.capacity_C_per_m2 = capacity;
    if (cc.sac !== undefined) {
      if (typeof cc.sac !== 'string') throw new InputError(`cases[${i}].sac`, cc.sac, 'a SAC name or "binding <eV>, ..."');
      Object.assign(req, sacArg(cc.sac));
    }
    if (cc.loading !== undefined) req.loading = String(cc.loading);
    const name = typeof cc.name === 'string' ? cc.name : `${req.metal} on ${req.host}${cc.sac ? ' + ' + String(cc.sac) : ''}`;
    return { name, req, where: `cases[${i}]` };
  });
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

function table(rows: { c: Case; r: NucleationReport }[], literature: boolean): string {
  const head = ['case', 'nucleation (mV)', 'peak (mV)', 'plateau (mV)', 'plateau read at', 'nuclei end (/um2)', 'radius (nm)', 'atomistic'];
  if (literature) head.push('reported (mV)', 'reference');
  const lines = rows.map(({ c, r }) => {
    const cells = [c.name, f1(r.nucleation_overpotential_mV), f1(r.peak_overpotential_mV), f1(r.plateau_overpotential_mV),
      `${r.plateau_capacity_mAh_cm2.toPrecision(2)} mAh/cm2 (${r.plateau_stop})`,
      r.nucleus_density_per_um2.at_end.toPrecision(3), r.mean_nucleus_radius_nm.toPrecision(3),
      r.own_metal ? 'own metal' : r.atomistic?.cached ? 'cached' : `${r.atomistic?.wall_s.toFixed(0)} s`];
    if (literature) {
      cells.push(c.reported ? `${c.reported.value_mV}${c.reported.quantity !== 'nucleation_overpotential' ? ' (' + c.reported.quantity + ')' : ''}` : '-',
        c.reported ? `${c.reported.record}, review ref ${c.reported.ref}, at ${c.reported.current}` : '');
    }
    return cells;
  });
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]) => l.map((x, i) => x.padEnd(w[i]!)).join('  ').trimEnd();
  return [fmt(head), fmt(w.map((n) => '-'.repeat(n))), ...lines.map(fmt)].join('\n') + '\n';
}

async function writeOut(dir: string, rows: { c: Case; r: NucleationReport }[]): Promise<string[]> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const csv = ['case,t_s,eta_mV,nuclei_per_um2,metal_area'];
  for (const { c, r } of rows) for (const p of r.trace) csv.push(`"${c.name}",${p.t_s},${p.eta_mV},${p.nuclei_per_um2},${p.metal_area}`);
  writeFileSync(join(dir, 'eta.csv'), csv.join('\n') + '\n'); files.push(join(dir, 'eta.csv'));
  writeFileSync(join(dir, 'nucleation.json'), JSON.stringify(rows.map(({ c, r }) => ({ case: c.name, reported: c.reported ?? null, ...r })), null, 2) + '\n');
  files.push(join(dir, 'nucleation.json'));
  const { lineSpec } = await import('../../plots/spec.js');
  const { writeFigure } = await import('../../plots/render.js');
  const spec = lineSpec({
    title: 'Electrode overpotential during the first plating (two-scale nucleation model)',
    xlabel: 'time (s)', ylabel: 'overpotential (mV)',
    series: rows.map(({ c, r }) => ({ name: c.name, x: r.trace.map((p) => p.t_s), y: r.trace.map((p) => p.eta_mV) })),
  });
  files.push(...(await writeFigure(dir, 'eta-vs-time', spec)));
  return files;
}

export function register(program: Command): void {
  program
    .command('nucleation')
    .description('nucleation overpotential of a whole electrode from DFT numbers: atomistic kMC -> J(eta) -> electrode model (docs/nucleation.md)')
    .argument('[file]', 'YAML/JSON with metal, current, capacity and cases [{host, sac, loading}]')
    .option('--metal <metal>', 'Li, Na or K')
    .option('--host <host>', 'host (sacplate params list)')
    .option('--sac <sac>', 'SAC name (e.g. Zn-N4) or its numbers: "binding -2.29 eV, reference -1.2 eV, desolvation 0.38 eV, loading 1.2 wt%, element Co"')
    .option('--loading <loading...>', 'SAC loading: "1.2 wt%", "2 %" of host sites or "0.1 sites/nm2" (default 1 wt%)')
    .option('--current <value...>', 'plating current density (default 1 mA/cm2)')
    .option('--capacity <value...>', `plated capacity (default ${DEFAULT_CAPACITY_C_PER_M2 / 3.6e4} mAh/cm2)`)
    .option('--runs <n>', 'atomistic runs per overpotential (default 12)')
    .option('--host-reduction <rule>', 'reduction on the bare host: bronsted (beta 1/2 of the binding deficit in the barrier: the physically argued rule; default) or metal-rate (the metal\'s own rate on every site; the earlier rule; docs/nucleation.md)')
    .option('--plateau <rule>', 'where the plateau is read: flat (default: the run goes on past the capacity until eta drifts < 0.1 mV over the last 10 % or the film has closed, at most 1 mAh/cm2) or end (the last 10 % of the requested capacity; the earlier reading)')
    .option('--plain', 'atomistic stage without the slow-scale elimination of lone adatoms (slow; for checks)')
    .option('--against-literature', "the review's systems beside their reported overpotentials (nothing fitted to them)")
    .option('--json', 'print JSON')
    .option('--out <dir>', 'write nucleation.json, eta.csv and figures')
    .option('--plot <dir>', 'same as --out')
    .option('--force', 'clear the --out / --plot folder first when it holds a previous run')
    .option('--db <path>', 'store for the atomistic cache (default ~/.sacplate/sacplate.db or $SACPLATE_DB)')
    .option('--no-store', 'do not read or write the atomistic cache')
    .action(async (file: string | undefined, o: Flags) => {
      const current = o.current !== undefined ? currentOf('--current', joinArg(o.current)) : undefined;
      const capacity = o.capacity !== undefined ? capacityOf('--capacity', joinArg(o.capacity)) : undefined;
      const runs = runsOf(o.runs);
      let cases: Case[];
      if (o.againstLiterature) cases = await literatureCases(current, capacity);
      else if (file !== undefined) cases = await fileCases(file, { ...(current !== undefined ? { current } : {}), ...(capacity !== undefined ? { capacity } : {}) });
      else {
        if (o.metal === undefined) throw new InputError('--metal', undefined, 'Li, Na or K (or a case file, or --against-literature)');
        if (o.host === undefined) throw new InputError('--host', undefined, 'a host name (sacplate params list)');
        const req: NucleationRequest = { metal: o.metal, host: o.host, current_A_per_m2: current ?? 10, ...sacArg(o.sac) };
        if (capacity !== undefined) req.capacity_C_per_m2 = capacity;
        cases = [{ name: `${o.metal} on ${o.host}${o.sac ? ' + ' + o.sac : ''}`, req }];
      }
      for (const c of cases) {
        // "1.2 wt%" or, unquoted, 1.2 wt%; with a case file it loads every case that has a SAC
        if (o.loading !== undefined && ((file === undefined && !o.againstLiterature) || c.req.sac !== undefined)) c.req.loading = joinArg(o.loading)!;
        if (o.hostReduction !== undefined) c.req.hostReduction = parseHostReduction('--host-reduction', o.hostReduction);
        if (o.plateau !== undefined) c.req.plateau = parsePlateauRule('--plateau', o.plateau);
        if (runs !== undefined || o.plain) c.req.atomistic = { ...(runs !== undefined ? { runs } : {}), ...(o.plain ? { reservoir: false } : {}) };
      }
      for (const c of cases) { // every input error before any work
        try { resolveStudy(c.req); } catch (e) {
          // a case file's host, sac or loading is named where it is written (cases[1].loading), unless --loading gave it
          if (e instanceof InputError && c.where && /^(host|sac|loading)(\.|$)/.test(e.field) && !(e.field === 'loading' && o.loading !== undefined)) {
            throw new InputError(`${c.where}.${e.field}`, e.value, e.expected);
          }
          throw e;
        }
      }
      // the output folder is checked before the work: a previous run's folder (a simulation's eta.csv) is not overwritten
      if ((o.out ?? o.plot) !== undefined) {
        const { prepareOutDir } = await import('../guards.js');
        prepareOutDir((o.out ?? o.plot)!, { field: o.out !== undefined ? '--out' : '--plot', force: o.force === true });
      }
      let store: Store | undefined;
      if (o.store !== false) {
        const { openStore } = await import('../../store/index.js');
        store = openStore(o.db);
      }
      try {
        const rows: { c: Case; r: NucleationReport }[] = [];
        for (const c of cases) {
          process.stderr.write(`${c.name}: ...\n`);
          rows.push({ c, r: nucleation(c.req, store, (m) => process.stderr.write(`  ${m}\n`)) });
        }
        const outDir = o.out ?? o.plot;
        if (outDir !== undefined) {
          const files = await writeOut(outDir, rows);
          process.stderr.write(`wrote ${files.join(', ')}\n`);
        }
        if (o.json) {
          const payload = rows.map(({ c, r }) => ({ case: c.name, reported: c.reported ?? null, ...r, trace: undefined }));
          process.stdout.write(JSON.stringify(payload.length === 1 && !o.againstLiterature ? payload[0] : payload, null, 2) + '\n');
        } else {
          process.stdout.write(table(rows, !!o.againstLiterature));
          if (o.againstLiterature) process.stdout.write('reported: the review\'s figure (sacplate lit show <record>); no model parameter was fitted to it. See docs/nucleation.md.\n');
        }
      } finally {
        store?.close();
      }
    });
}
