/**
 * `sacplate params list|show|resolve`: the named parameter sets with units and sources, and a
 * run file resolved to the numbers the engine uses.
 *
 * The work of these commands; their flags and help text are in commands/params.ts, which loads
 * this file only when one of them runs.
 */
import { InputError } from '../../errors.js';
import {
  builtinSets, listParams, resolveHost, resolveMetal, resolveSac, sourcedEntries, sourcedText,
  type ParamKind, type ParamSets, type ParamSummary,
} from '../../params/sets.js';
import type { HostSet, MetalSet, SacSet, Sourced } from '../../params/types.js';
import { ELECTROLYTES, resolveElectrolyte, type ElectrolyteSet } from '../../params/electrolytes.js';
import { SEI_SETS, type SeiSet } from '../../params/sei.js';
import { SEI_KEYS } from '../../params/sei-keys.js';
import { CATHODES, arealCapacity, type CathodeSet } from '../../fullcell/cathodes.js';

const KINDS: ParamKind[] = ['metal', 'host', 'sac'];

function checkKind(k: unknown): ParamKind | undefined {
  if (k === undefined) return undefined;
  if (k === 'electrolyte' || k === 'sei') return undefined; // handled beside the registry (params/electrolytes.ts, params/sei.ts)
  if (typeof k !== 'string' || !KINDS.includes(k as ParamKind)) throw new InputError('--kind', k, 'metal, host, sac, electrolyte or sei');
  return k as ParamKind;
}

/** The sets `params list` lists and `params show` names when it finds none: every kind with none given (listParams, mends94). */
function listed(opts: { kind?: string }, kind: ParamKind | undefined, sets: ParamSets): ParamSummary[] {
  return listParams(opts.kind === 'electrolyte' || opts.kind === 'sei' ? opts.kind : kind, sets);
}
function findElectrolyte(name: string): ElectrolyteSet | undefined {
  return Object.values(ELECTROLYTES).find((e) => e.name.toLowerCase() === name.toLowerCase());
}
export function electrolyteText(e: ElectrolyteSet): string {
  const lines = [`electrolyte ${e.name}: ${e.description}`, `  carries: ${e.metal}+`];
  const entries: [string, Sourced][] = [['concentration', e.concentration], ['diffusivity', e.diffusivity], ['transference', e.transference], ['conductivity', e.conductivity], ['permittivity', e.permittivity]];
  if (e.temperature !== 'valoen-reimers') entries.push(['Ea of D', e.temperature.diffusivity], ['Ea of kappa', e.temperature.conductivity]);
  for (const [p, v] of entries) lines.push(`  ${p.padEnd(13)}  ${sourcedText(v).padEnd(16)}  ${fmtSource(v)}`);
  if (e.temperature === 'valoen-reimers') lines.push('  temperature    D and kappa from the Valoen-Reimers fit at the run temperature (down to -10 degC); t+ constant');
  else lines.push('  temperature    D and kappa Arrhenius from their 25 degC values; t+ constant');
  // branch ohmic7: how kappa follows c in the field (cell.migration: ohmic's liquid potential, the cell voltage's R_el)
  lines.push(`  kappa(c)       ${e.conductivityVsConcentration === 'valoen-reimers' ? 'kappa0 K(c) / K(c0), K the Valoen-Reimers fit at the run temperature'
    : e.conductivityVsConcentration === 'nyman' ? 'kappa0 K(c) / K(c0), K the conductivity source\'s fit (25 degC)'
      // users83: an assumed law marked as every assumed value of the set is (it read as sourced)
      : 'kappa0 c / c0, ASSUMED: no sourced kappa(c) for this set (for LiPF6 in carbonates this law reads about half the measured kappa below 0.2 M)'} (the field\'s cells; docs/transport.md)`);
  // users83: the range a run's temperature is refused outside (input/parse.ts refuseOutsideLiquidRange), as seiText prints it
  const lr = e.liquidRange;
  lines.push(`  liquid range   ${lr.solvent}: ${lr.freezing_degC ?? 'not checked'} to ${lr.boiling_degC ?? 'not checked'} degC, a run outside it is refused (${lr.source})`);
  return lines.join('\n');
}

/**
 * SEI sets (params/sei.ts, a run's `sei:`) in the list and show commands (review59: `params show ether-LiNO3` was refused,
 * so what the LiNO3 set changes, and which of its numbers are assumed, could be read only in the source).
 */
function findSei(name: string): SeiSet | undefined {
  return Object.values(SEI_SETS).find((e) => e.name.toLowerCase() === name.toLowerCase());
}
/** each SEI set value and the `sei:` map key that overrides it (input/sei.ts SEI_KEYS; none: the set's own) */
const SEI_FIELDS: [keyof SeiSet, string | undefined][] = [
  ['formationRate', 'formation_rate'], ['activationEnergy', undefined], ['thickness', 'thickness'], ['lithiumDensity', undefined],
  ['passivation', 'passivation'], ['freshFraction', 'fresh_fraction'], ['organicConductivity', 'conductivity'],
  ['inorganicConductivity', 'conductivity'], ['inorganicShare', 'inorganic_share'], ['sacInorganicShare', 'sac_inorganic_share'],
  ['inorganicPassivation', undefined], ['crack', 'crack'], ['conductionActivation', 'conduction_activation'],
];
function seiText(e: SeiSet): string {
  const lines = [`sei ${e.name}: ${e.description}`, `  metal: ${e.metal}; a run's \`sei: ${e.name}\` (or an electrolyte's name: ${e.electrolytes.join(', ')}); a map { set: ${e.name}, <key>: value } overrides the values below by their sei.<key> (docs/cycling.md)`];
  const label = (f: keyof SeiSet, key: string | undefined) => !key ? `${f} (fixed by the set)`
    : key === 'conductivity' ? `sei.conductivity (${f === 'organicConductivity' ? 'organic' : 'inorganic'} part; the key sets both)` : `sei.${key}`;
  const rows = SEI_FIELDS.map(([f, key]) => [label(f, key), e[f] as Sourced] as const);
  const w = Math.max(...rows.map(([p]) => p.length), 10);
  for (const [p, v] of rows) lines.push(`  ${p.padEnd(w)}  ${sourcedText(v).padEnd(16)}  ${fmtSource(v)}`);
  // the sei: keys that are rules of the model, not values of the set (cycaudit64: film_hop_on, host_film and the other
  // switches were named nowhere the CLI prints, only in docs/cycling.md); from SEI_KEYS, so a new key is listed at once
  const setKeys = new Set(SEI_FIELDS.map(([, k]) => k));
  const rules = SEI_KEYS.filter((k) => k !== 'set' && !setKeys.has(k));
  lines.push(`  other sei: keys (rules of the model, not values of the set; docs/cycling.md): ${rules.join(', ')}`);
  const lr = e.liquidRange;
  lines.push(`  liquid range   ${lr.solvent}: ${lr.freezing_degC ?? 'not checked'} to ${lr.boiling_degC ?? 'not checked'} degC (${lr.source})`);
  return lines.join('\n');
}

/**
 * The full-cell cathode sets (fullcell/cathodes.ts, `fullcell`'s `cathode:`) in `params show` (mends127, review91 F8:
 * `params show LFP` was refused as no known parameter set, and neither it nor `fullcell` showed the sets' sources).
 */
function findCathode(name: string): CathodeSet | undefined {
  return Object.values(CATHODES).find((c) => c.name.toLowerCase() === name.trim().toLowerCase());
}
function cathodeText(c: CathodeSet): string {
  const rows: [string, Sourced][] = [['specific capacity', c.specificCapacity], ['loading', c.loading], ['voltage', c.voltage]];
  const w = Math.max(...rows.map(([p]) => p.length));
  return [`cathode ${c.name}: ${c.description}`,
    `  metal: ${c.metal}; a full-cell file's \`cathode: ${c.name}\` (sacplate fullcell, docs/cycling.md "Full cell"); \`loading:\` or \`capacity:\` overrides the loading; ${+arealCapacity(c).toPrecision(4)} mAh/cm2 at the loading below`,
    ...rows.map(([p, v]) => `  ${p.padEnd(w)}  ${sourcedText(v).padEnd(16)}  ${fmtSource(v)}`)].join('\n');
}

function fmtSource(s: Sourced): string {
  const src = s.source;
  let t = src.ref + (src.where ? `, ${src.where}` : '');
  if (src.assumed) t = `ASSUMED: ${src.note ?? ''}${src.ref && !src.ref.startsWith('assumed') && !src.ref.startsWith('derived') ? ` [${src.ref}]` : ''}`;
  else if (src.note) t += ` (${src.note})`;
  return t;
}


type AnySet = { kind: ParamKind; set: MetalSet | HostSet | SacSet };

function findAll(name: string, sets: ParamSets, kind?: ParamKind): AnySet[] {
  const out: AnySet[] = [];
  const eq = (a: string) => a === name || a.toLowerCase() === name.toLowerCase();
  if (!kind || kind === 'metal') for (const m of Object.values(sets.metals)) if (eq(m.name)) out.push({ kind: 'metal', set: m });
  if (!kind || kind === 'host') for (const h of Object.values(sets.hosts)) if (eq(h.name)) out.push({ kind: 'host', set: h });
  if (!kind || kind === 'sac') for (const s of Object.values(sets.sacs)) if (eq(s.name)) out.push({ kind: 'sac', set: s });
  return out;
}

/** Plain canonical numbers of a set, per metal for hosts and SACs. */
function resolvedOf(a: AnySet): unknown {
  if (a.kind === 'metal') return resolveMetal(a.set as MetalSet);
  const set = a.set as HostSet | SacSet;
  const out: Record<string, unknown> = {};
  for (const m of Object.keys(set.metals)) {
    if (!set.metals[m]) continue;
    out[m] = a.kind === 'host' ? resolveHost(set as HostSet, m) : resolveSac(set as SacSet, m);
  }
  return out;
}

/**
 * A set of the --input file's block named as a built-in set: the block's values over the built-in's (registry.ts
 * applyMetal, applyHost, applySac merge them), so its header says so (mends91: it printed the built-in's `source:` line
 * alone, or the block's own `source:` alone, over values some of which are the other's; each value's line already said
 * whose it is). The words are the nucleation provenance's for such a set (src/nucleation/cases.ts, mends90), which the
 * workbench's Nucleation page shows.
 */
interface Merged { field: string; of: string; builtinSource?: string }

function sourceWords(src: { ref: string; where?: string }): string {
  return `${src.ref}${src.where ? `, ${src.where}` : ''}`;
}

/** The sets of the block that a built-in set of the same kind and name lies under, by `${kind}:${name}`. */
function mergedSets(block: unknown, file: string): Map<string, Merged> {
  const out = new Map<string, Merged>();
  if (!block || typeof block !== 'object') return out;
  const builtin = builtinSets();
  const sections: [ParamKind, 'metals' | 'hosts' | 'sacs'][] = [['metal', 'metals'], ['host', 'hosts'], ['sac', 'sacs']];
  for (const [kind, key] of sections) {
    const section = (block as Record<string, unknown>)[key];
    if (!section || typeof section !== 'object') continue;
    for (const name of Object.keys(section)) {
      if (!Object.hasOwn(builtin[key], name)) continue;
      const b = builtin[key][name] as { source?: { ref: string; where?: string } };
      out.set(`${kind}:${name}`, { field: `parameters.${key}.${name}`, of: file, ...(b.source ? { builtinSource: sourceWords(b.source) } : {}) });
    }
  }
  return out;
}

function showText(a: AnySet, merged?: Merged): string {
  const s = a.set as MetalSet & HostSet & SacSet;
  const lines: string[] = [];
  lines.push(`${a.kind} ${s.name}: ${s.description}`);
  // a user set without a coordination or support printed "coordination , support N-graphene"
  if (a.kind === 'sac') lines.push(`  ${[`element ${s.element || 'not given'}`, s.coordination ? `coordination ${s.coordination}` : '', s.support ? `support ${s.support}` : '', s.supportElements?.length ? `support elements ${s.supportElements.join(', ')}` : ''].filter(Boolean).join(', ')}`);
  if (a.kind === 'host') lines.push(`  conducting: ${s.conducting}`);
  // review65: a user host's element (what final.extxyz writes); the built-in sets give none (hostElement's table)
  if (a.kind === 'host' && s.element !== undefined) lines.push(s.element === '' ? `  element not given (final.extxyz writes X, ASE's dummy atom; give it as parameters.hosts.${s.name}.element, e.g. element: Cu)` : `  element ${s.element} (final.extxyz writes ${s.element})`);
  if (merged) {
    // the block's own `source:` (given: registry.ts parseSource) is the set's source of the values the block gives
    const own = s.source?.given ? `, the block's set source: ${sourceWords(s.source)}` : '';
    lines.push(`  source: merged: ${merged.field} of ${merged.of} over the built-in ${s.name} (the values the block gives are ${merged.of}'s${own}, the others the built-in set's${merged.builtinSource ? `, set source: ${merged.builtinSource}` : ''}; each value's own source below)`);
  } else if (s.source) lines.push(`  source: ${sourceWords(s.source)}${s.source.note ? ` (${s.source.note})` : ''}`); // params67: a set source's note (Co-N/O's Fig. 5E)
  const entries = sourcedEntries(a.set);
  const w = Math.max(...entries.map(([p]) => p.length), 10);
  for (const [p, v] of entries) lines.push(`  ${p.padEnd(w)}  ${sourcedText(v).padEnd(16)}  ${fmtSource(v)}`);
  return lines.join('\n');
}

// the run-file reader (yaml, the run schema) and the user-set schemas (params/registry.ts, zod) are
// loaded only for --input and resolve: `params list` and `show` of the built-in sets go without them
const parser = () => import('../../input/parse.js');

async function userSets(file: string): Promise<ParamSets & { merged: Map<string, Merged> }> {
  // one reader with nucleation --params (mends81): a bare sacs: block was read as a file with no sets, and the set refused
  // by name; a screen, sweep, nucleation or full-cell file is refused naming what it is (it showed the built-in sets only)
  const { readParametersBlock } = await parser();
  const { block } = readParametersBlock('--input', file);
  const { buildParamSets } = await import('../../params/registry.js');
  return { ...buildParamSets({ user: block }), merged: mergedSets(block, file) };
}

export async function paramsList(opts: { kind?: string; json?: boolean; input?: string }): Promise<void> {
  const kind = checkKind(opts.kind);
  const sets = opts.input ? await userSets(opts.input) : builtinSets();
  // the library's list, every kind with none given (mends94: the metal, host and SAC sets, the electrolyte and SEI rows added here)
  const rows = listed(opts, kind, sets);
  if (opts.json) { process.stdout.write(JSON.stringify(rows, null, 2) + '\n'); return; }
  const w = Math.max(...rows.map((r) => r.name.length), 4);
  for (const r of rows) process.stdout.write(`${r.kind.padEnd(5)}  ${r.name.padEnd(w)}  [${r.metals.join(',')}]  ${r.description}\n`);
}

export async function paramsShow(name: string, opts: { kind?: string; json?: boolean; input?: string }): Promise<void> {
  const onlyElectrolytes = opts.kind === 'electrolyte', onlySei = opts.kind === 'sei';
  const kind = checkKind(opts.kind);
  const user = opts.input ? await userSets(opts.input) : undefined;
  const sets: ParamSets = user ?? builtinSets();
  const found = onlyElectrolytes || onlySei ? [] : findAll(name, sets, kind);
  const el = kind || onlySei ? undefined : findElectrolyte(name);
  if (el && found.length === 0) {
    if (opts.json) process.stdout.write(JSON.stringify({ kind: 'electrolyte', set: el, resolved: resolveElectrolyte(el) }, null, 2) + '\n');
    else process.stdout.write(electrolyteText(el) + '\n');
    return;
  }
  const sei = kind || onlyElectrolytes ? undefined : findSei(name);
  if (sei && found.length === 0) {
    if (opts.json) process.stdout.write(JSON.stringify({ kind: 'sei', set: sei }, null, 2) + '\n');
    else process.stdout.write(seiText(sei) + '\n');
    return;
  }
  // a cathode set when no --kind is given (mends127, review91 F8); a run's sets keep their names first
  const cathode = opts.kind === undefined && found.length === 0 ? findCathode(name) : undefined;
  if (cathode) {
    if (opts.json) process.stdout.write(JSON.stringify({ kind: 'cathode', set: cathode }, null, 2) + '\n');
    else process.stdout.write(cathodeText(cathode) + '\n');
    return;
  }
  if (found.length === 0) {
    // the sets of the kind asked for: --kind electrolyte listed every other kind's, and no kind left the electrolytes out
    const known = listed(opts, kind, sets).map((r) => r.name);
    // without --kind: where the cathode sets are (mends127: a cathode's name was told only the run's sets)
    const cathodes = opts.kind === undefined ? `; or a full-cell cathode set (sacplate fullcell's cathode:): ${Object.keys(CATHODES).join(', ')}` : '';
    throw new InputError('name', name, `a known ${onlyElectrolytes ? 'electrolyte' : onlySei ? 'SEI' : 'parameter'} set: ${[...new Set(known)].join(', ')}${cathodes}`);
  }
  if (opts.json) {
    const mergedOf = (a: AnySet) => user?.merged.get(`${a.kind}:${a.set.name}`);
    const out = found.map((a) => {
      const m = mergedOf(a);
      return { kind: a.kind, set: a.set, resolved: resolvedOf(a), bindingScale: sets.bindingScale,
        ...(m ? { merged_over_builtin: { block: `${m.field} of ${m.of}`, ...(m.builtinSource ? { builtin_set_source: m.builtinSource } : {}) } } : {}) };
    });
    process.stdout.write(JSON.stringify(out.length === 1 ? out[0] : out, null, 2) + '\n');
    return;
  }
  process.stdout.write(found.map((a) => showText(a, user?.merged.get(`${a.kind}:${a.set.name}`))).join('\n\n') + '\n');
}

export async function paramsResolve(file: string): Promise<void> {
  const { loadCompareFile, loadRunFile, readInputFile } = await parser();
  const raw = readInputFile(file);
  const isCompare = raw && typeof raw === 'object' && 'variants' in raw;
  const out = isCompare ? loadCompareFile(file) : loadRunFile(file);
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}
