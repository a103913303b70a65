/**
 * Screening data beyond elements, read from data/ (shipped with the package): synthesis routes
 * (data/synthesis/routes.yaml: energy, solvents and cost per gram of host, each value sourced or
 * marked assumed) and electrolyte components (data/electrolytes/components.yaml: formulas, from
 * which fluorine content is read; the review's section 5.1 criterion).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileError, InputError } from '../errors.js';
import { packageRoot } from '../evidence/paths.js';
import { parseYamlText } from '../input/parse.js';
import { parseQuantity } from '../units.js';
import { refuseUnknownKeys } from '../args.js';

/** the synthesis temperatures a route may be given, degC (a screen file's `synthesis.temperature`, a descriptor CSV's synthesis_temperature_C) */
export const SYNTHESIS_C: readonly [number, number] = [0, 2000];

/** the keys of a candidate's synthesis and of an electrolyte */
const SYNTHESIS_KEYS = ['route', 'temperature'];
const ELECTROLYTE_KEYS = ['salt', 'solvents', 'additives'];

export interface DataSource { ref: string; where?: string; assumed?: boolean; note?: string; }
interface Val<T = number> { value: T; unit?: string; at?: number; organic?: boolean; source: DataSource; }

export interface Route {
  name: string;
  description: string;
  statement: { text: string; source: DataSource };
  temperature: Val; hold: Val; furnace_power: Val & { at: number }; batch: Val;
  solvents: Val<string[]> & { organic: boolean };
  cost_per_g_host: Val;
}

function load(file: string): unknown {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { throw new FileError(file, 'screening data file not found'); }
  return parseYamlText(text, file);
}

let routesCache: { review: string; routes: Map<string, Route> } | undefined;
export function loadRoutes(): { review: string; routes: Map<string, Route> } {
  if (routesCache) return routesCache;
  const file = join(packageRoot(), 'data', 'synthesis', 'routes.yaml');
  const d = load(file) as { review: string; routes: Record<string, Omit<Route, 'name'>> };
  const routes = new Map<string, Route>();
  for (const [name, r] of Object.entries(d.routes)) {
    for (const k of ['temperature', 'hold', 'furnace_power', 'batch', 'solvents', 'cost_per_g_host'] as const) {
      if (!r[k] || !r[k].source) throw new FileError(file, `routes.${name}.${k}: a value with a source is required`);
    }
    routes.set(name, { name, ...r });
  }
  return (routesCache = { review: d.review, routes });
}

export interface SynthesisChoice { route: string; temperature_C?: number; }

export function parseSynthesis(field: string, v: unknown): SynthesisChoice {
  const routes = loadRoutes().routes;
  const names = [...routes.keys()].join(', ');
  if (typeof v === 'string') v = { route: v };
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(field, v, `a route (${names}) or { route, temperature: "900 degC" }`);
  const o = v as Record<string, unknown>;
  refuseUnknownKeys(field, o, SYNTHESIS_KEYS);
  if (typeof o.route !== 'string' || !routes.has(o.route)) throw new InputError(`${field}.route`, o.route, `one of ${names}`);
  const out: SynthesisChoice = { route: o.route };
  if (o.temperature !== undefined) {
    const K = parseQuantity(`${field}.temperature`, o.temperature, 'temperature');
    const C = Math.round((K - 273.15) * 1e6) / 1e6;
    if (!(C >= SYNTHESIS_C[0] && C <= SYNTHESIS_C[1])) throw new InputError(`${field}.temperature`, o.temperature, `a temperature from ${SYNTHESIS_C[0]} to ${SYNTHESIS_C[1]} degC, e.g. "900 degC"`);
    out.temperature_C = C;
  }
  return out;
}

/**
 * A candidate's synthesis as the report, ranking.csv, the synthesis values' note and the workbench show it: the route,
 * with the temperature it is costed at: the one given (`pyrolysis at 850 degC`) or the route's default, said to be one
 * (`pyrolysis at 900 degC (the route's default)`; mends63: plain `pyrolysis` while its energy was 900 degC's). Route
 * `none` (no heated step) stays `none`.
 */
export function synthesisLabel(choice: SynthesisChoice): string {
  if (choice.temperature_C !== undefined) return `${choice.route} at ${choice.temperature_C} degC`;
  if (choice.route === 'none') return 'none';
  const r = loadRoutes().routes.get(choice.route);
  return r ? `${choice.route} at ${r.temperature.value} ${r.temperature.unit ?? 'degC'} (the route's default)` : choice.route;
}

export interface SynthesisIndicators {
  route: string;
  temperature_C: number;
  energy_kWh_per_g: number;
  cost_USD_per_g: number;
  organic_solvent: boolean;
  solvents: string[];
  /** what each number came from */
  sources: { what: string; value: string; source: DataSource }[];
}

/** Furnace energy per gram of host: P_ref (T - 25)/(T_ref - 25) x hold / batch. */
export function synthesisIndicators(choice: SynthesisChoice): SynthesisIndicators {
  const r = loadRoutes().routes.get(choice.route)!;
  const T = choice.temperature_C ?? r.temperature.value;
  const pRef = r.furnace_power.value, tRef = r.furnace_power.at;
  const power_kW = tRef > 25 ? pRef * Math.max(0, T - 25) / (tRef - 25) : 0;
  const energy = (power_kW * r.hold.value) / r.batch.value;
  const s = (what: string, v: Val<unknown>) => ({ what: `${r.name}: ${what}`, value: `${Array.isArray(v.value) ? v.value.join(', ') || 'none' : String(v.value)}${v.unit ? ' ' + v.unit : ''}${v.at !== undefined ? ` at ${v.at} degC` : ''}`, source: v.source });
  return {
    route: r.name, temperature_C: T, energy_kWh_per_g: energy, cost_USD_per_g: r.cost_per_g_host.value,
    organic_solvent: r.solvents.organic, solvents: r.solvents.value,
    sources: [
      { what: `${r.name}: statement`, value: r.statement.text, source: r.statement.source },
      choice.temperature_C !== undefined ? { what: `${r.name}: temperature`, value: `${T} degC`, source: { ref: 'screen file (candidate synthesis.temperature)' } } : s('temperature', r.temperature),
      s('hold', r.hold), s('furnace power', r.furnace_power), s('batch', r.batch), s('solvents', r.solvents), s('cost per g host', r.cost_per_g_host),
    ],
  };
}

interface Component { kind: 'salt' | 'solvent' | 'additive'; formula: string; name?: string; }
let compCache: { source: string; components: Map<string, Component> } | undefined;
export function loadComponents(): { source: string; components: Map<string, Component> } {
  if (compCache) return compCache;
  const d = load(join(packageRoot(), 'data', 'electrolytes', 'components.yaml')) as { source: string; components: Record<string, Component> };
  return (compCache = { source: d.source, components: new Map(Object.entries(d.components)) });
}

/** Whether a formula contains fluorine ("F" not followed by a lower-case letter, so Fe, Fr... do not count). */
export function hasFluorine(formula: string): boolean {
  return /F(?![a-z])/.test(formula);
}

export interface Electrolyte { salt: string[]; solvents: string[]; additives: string[]; }

export function parseElectrolyte(field: string, v: unknown): Electrolyte {
  const comps = loadComponents().components;
  const names = [...comps.keys()].join(', ');
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(field, v, '{ salt: LiTFSI, solvents: [DOL, DME], additives: [LiNO3] }');
  const o = v as Record<string, unknown>;
  const list = (k: string): string[] => {
    const x = o[k];
    if (x === undefined) return [];
    const arr = Array.isArray(x) ? x : [x];
    return arr.map((n, i) => {
      if (typeof n !== 'string' || !comps.has(n)) throw new InputError(`${field}.${k}${Array.isArray(x) ? `[${i}]` : ''}`, n, `a component of data/electrolytes/components.yaml: ${names}`);
      return n;
    });
  };
  refuseUnknownKeys(field, o, ELECTROLYTE_KEYS);
  const e = { salt: list('salt'), solvents: list('solvents'), additives: list('additives') };
  if (e.salt.length === 0) throw new InputError(`${field}.salt`, undefined, 'at least one salt, e.g. LiTFSI');
  return e;
}

export function electrolyteGreenness(e: Electrolyte): { fluorineFree: boolean; fluorinated: string[]; text: string } {
  const comps = loadComponents().components;
  const all = [...e.salt, ...e.solvents, ...e.additives];
  const fluorinated = all.filter((n) => hasFluorine(comps.get(n)!.formula));
  return { fluorineFree: fluorinated.length === 0, fluorinated, text: all.map((n) => `${n} (${comps.get(n)!.formula})`).join(', ') };
}
