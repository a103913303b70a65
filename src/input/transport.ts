/**
 * The run file's transport keys (MODEL.md 8.1):
 *
 *   electrolyte: LiPF6-EC-DMC            # a named set (sacplate params list --kind electrolyte)
 *   electrolyte: { concentration: 1 M, diffusivity: 3e-6 cm2/s, transference: 0.38, conductivity: 10 mS/cm }
 *   cell: { separator_distance: 25 um }  # counter electrode behind a separator at 25 um (default)
 *   cell: { diffusion_layer: 50 um }     # or: bulk held at c0 beyond 50 um
 *   cell: { ..., field_cell: 500 nm, sand_fraction: 0.01, stop_at_sand: true }
 *   cell: { ..., space_charge: chazalviel }  # past Sand's time the tips follow the anions' front at v_a = (1 - t+) J / (F c0)
 *   cell: { transport: walkers }          # one random-walking ion per voxel (DLA limit) instead of the field
 *   cell: { transport: walkers, drift: 0.01 S/m }  # walkers on a clock, drifting in E0 = J / kappa (or off, electrolyte)
 *
 * Without `electrolyte:` there is no field and runs are exactly as before. Every problem is one
 * InputError naming the field, the value and the unit expected.
 */
import { InputError } from '../errors.js';
import { parseQuantity } from '../units.js';
import { DEFAULT_INLINE_EPS_R, ELECTROLYTES, getElectrolyte, resolveElectrolyte, type ElectrolyteParams } from '../params/electrolytes.js';
import { SEI_SETS } from '../params/sei.js';
import type { TransportSpec } from '../fields/transport.js';
import { refuseUnknownKeys } from '../args.js';

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
/** the keys of an inline `electrolyte:` and of `cell:` (parse.ts names every unknown key of a run at once) */
export const ELECTROLYTE_KEYS = ['concentration', 'diffusivity', 'transference', 'conductivity', 'permittivity', 'name'];
export const CELL_KEYS = ['separator_distance', 'diffusion_layer', 'field_cell', 'sand_fraction', 'stop_at_sand', 'transport', 'drift', 'drift_cell', 'space_charge', 'migration'];
const FIELD_ONLY_KEYS = ['field_cell', 'sand_fraction', 'stop_at_sand', 'space_charge']; // and migration (parseMigration's own refusal)
/** Celgard 2400/2500 separators are 25 um thick */
export const DEFAULT_SEPARATOR_M = 25e-6;

function range(field: string, input: unknown, v: number, min: number, max: number, what: string): number {
  if (!(v >= min && v <= max)) throw new InputError(field, input, what);
  return v;
}

function inlineElectrolyte(o: Record<string, unknown>, metal: string): ElectrolyteParams {
  refuseUnknownKeys('electrolyte', o, ELECTROLYTE_KEYS);
  const need = (k: string, example: string) => {
    if (o[k] === undefined) throw new InputError(`electrolyte.${k}`, undefined, `${example} (required in an inline electrolyte)`);
    return o[k];
  };
  const c0 = range('electrolyte.concentration', o.concentration,
    parseQuantity('electrolyte.concentration', need('concentration', 'a salt concentration, e.g. "1 M"'), 'concentration'), 1, 10000,
    'a salt concentration from 0.001 to 10 M, e.g. "1 M"');
  const D = range('electrolyte.diffusivity', o.diffusivity,
    parseQuantity('electrolyte.diffusivity', need('diffusivity', 'a salt diffusion coefficient, e.g. "3e-6 cm2/s"'), 'diffusivity'), 1e-14, 1e-7,
    'a salt diffusion coefficient from 1e-10 to 1e-3 cm2/s, e.g. "3e-6 cm2/s"');
  const tPlus = range('electrolyte.transference', o.transference,
    parseQuantity('electrolyte.transference', need('transference', 'a cation transference number, e.g. 0.38'), 'fraction'), 0, 0.99,
    'a cation transference number from 0 to 0.99, e.g. 0.38');
  const kappa = o.conductivity === undefined ? NaN : range('electrolyte.conductivity', o.conductivity,
    parseQuantity('electrolyte.conductivity', o.conductivity, 'conductivity'), 1e-6, 100,
    'an ionic conductivity from 1e-5 to 1000 mS/cm, e.g. "10 mS/cm"');
  // chazal3: the relative permittivity (the space-charge zone's drop), a plain number (dimensionless); absent: 20, assumed
  const epsWhat = 'a relative permittivity (static dielectric constant, dimensionless) from 1 to 200, e.g. 18.5 (1 M LiPF6 in EC/EMC 3:7) or 7.2 (DME)';
  let epsR = DEFAULT_INLINE_EPS_R;
  if (o.permittivity !== undefined) {
    const p = o.permittivity;
    const v = typeof p === 'number' ? p : typeof p === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(p) ? Number(p) : NaN;
    if (!(v >= 1 && v <= 200)) throw new InputError('electrolyte.permittivity', p, epsWhat);
    epsR = v;
  }
  if (o.name !== undefined && typeof o.name !== 'string') throw new InputError('electrolyte.name', o.name, 'a name (text)');
  return {
    name: (o.name as string | undefined) ?? 'inline', metal, c0_mol_per_m3: c0, D_m2_per_s: D, tPlus, kappa_S_per_m: kappa, epsR,
    epsR_source: o.permittivity !== undefined ? `the inline electrolyte's permittivity ${epsR}` : `${epsR}, assumed (the inline electrolyte gives no permittivity: electrolyte.permittivity)`,
  };
}

/**
 * A map given over a base's named electrolyte (a comparison's variant `electrolyte: { concentration: 2 M }` under `electrolyte:
 * LiPF6-EC-DMC`, or a sweep axis `electrolyte: [{ ... }]`) replaces the set: a named set has no merge form (its
 * diffusivity and conductivity follow the temperature; docs/parameters.md, "Comparison files"). When that map then lacks
 * a required value, the inline parser's `electrolyte.diffusivity: got nothing (field missing)` named a key the user never
 * wrote (review80); this is the error said as what it is, at `field` (the variant's or the axis's electrolyte), or
 * undefined where `e` is another mistake.
 */
export function namedElectrolyteMapError(field: string, base: unknown, map: unknown, e: unknown): InputError | undefined {
  if (typeof base !== 'string' || !isObj(map) || !(e instanceof InputError) || !e.field.startsWith('electrolyte.') || e.value !== undefined) return undefined;
  const missing = ['concentration', 'diffusivity', 'transference'].filter((k) => map[k] === undefined);
  if (missing.length === 0) return undefined;
  return new InputError(field, map, `a whole inline electrolyte (${missing.join(', ')} missing): a map over the base's named electrolyte ${base} replaces it whole, `
    + `it is not merged with the set's values (a named set's diffusivity and conductivity follow the temperature); give concentration, diffusivity and transference `
    + `(conductivity for cell.migration, permittivity for the space-charge zone; \`sacplate params show ${base}\` prints the set's), or another set's name`);
}

/**
 * Resolves `electrolyte:` and `cell:`. Returns undefined when the run has no electrolyte (and then
 * refuses a `cell:` block, which would do nothing).
 */
export function parseTransport(
  electrolyte: unknown, cell: unknown, metal: string,
  lattice: { size: [number, number, number]; voxel_m: number; hostLayers: number },
  /** the run's temperature, K: a named set's D and kappa are taken at it (params/electrolytes.ts); an inline electrolyte's values are used as given */
  T_K = 298.15,
  /** the metal's charge number (a user's metal set may give 1 to 4) */
  z = 1,
): TransportSpec | undefined {
  if (electrolyte === undefined || electrolyte === null) {
    if (cell !== undefined && cell !== null) throw new InputError('cell', cell, 'no cell geometry without an electrolyte: add `electrolyte:` (e.g. LiPF6-EC-DMC) or remove `cell:`');
    return undefined;
  }
  // branch fieldaudit: the field is the binary salt M+ X- (c the cation's concentration = the salt's; Sand's time, the
  // limiting current, the kT/e factors of the concentration overpotential, the anions' drift and the liquid's potential
  // are its). A user's divalent metal ran with them unchanged: Sand's time 1/z^2 and J_lim 1/z of MODEL.md 8.1's
  if (z !== 1) {
    throw new InputError('electrolyte', electrolyte, `an electrolyte for a metal of charge number 1 (the field is the binary salt M+ X-: ` +
      `its Sand's time, limiting current and concentration overpotential are those of z = 1); metal ${metal} has got z = ${z} ` +
      '(parameters.metals): remove `electrolyte:` or give the metal z: 1');
  }
  let e: ElectrolyteParams;
  if (isObj(electrolyte)) e = inlineElectrolyte(electrolyte, metal);
  else {
    refuseSeiOnlyElectrolyte(electrolyte, metal);
    const set = getElectrolyte(electrolyte, 'electrolyte');
    if (set.metal !== metal) throw new InputError('electrolyte', electrolyte, `an electrolyte of ${metal}+ (this one carries ${set.metal}+)`);
    e = resolveElectrolyte(set, T_K);
  }
  let boundary: TransportSpec['boundary'] = 'separator';
  let distance_m = DEFAULT_SEPARATOR_M;
  let cellM: number | undefined;
  let sand_fraction = 0.01;
  let stop_at_sand = false;
  let walkers = false;
  let drift: TransportSpec['drift'];
  let spaceCharge = false;
  let migration = false;
  if (cell !== undefined && cell !== null) {
    if (!isObj(cell)) throw new InputError('cell', cell, 'a map { separator_distance: "25 um" } or { diffusion_layer: "50 um" }');
    refuseUnknownKeys('cell', cell, CELL_KEYS);
    if (cell.transport !== undefined) {
      if (cell.transport !== 'field' && cell.transport !== 'walkers') {
        throw new InputError('cell.transport', cell.transport, 'field (the concentration field, the default) or walkers (one random-walking ion per voxel: diffusion-limited growth)');
      }
      walkers = cell.transport === 'walkers';
      const f = walkers ? FIELD_ONLY_KEYS.find((k) => cell[k] !== undefined) : undefined;
      if (f !== undefined) throw new InputError(`cell.${f}`, cell[f], 'no concentration-field option with cell.transport: walkers (the walkers have no field): remove it or use transport: field');
    }
    if (cell.drift !== undefined) drift = parseDrift(cell.drift, walkers, e);
    if (cell.drift_cell !== undefined) {
      if (!drift) throw new InputError('cell.drift_cell', cell.drift_cell, 'cell.drift_cell needs cell.drift (the potential grid of drifting walkers)');
      const r = parseQuantity('cell.drift_cell', cell.drift_cell, 'length') / lattice.voxel_m, n = Math.round(r);
      if (n < 1 || n > 16 || Math.abs(r - n) > 1e-6 * r) throw new InputError('cell.drift_cell', cell.drift_cell, `the potential grid's cell edge: a whole number of voxels from 1 to 16 (voxel ${fmtNm(lattice.voxel_m)})`);
      drift = { ...drift, cell_voxels: n };
    }
    if (cell.separator_distance !== undefined && cell.diffusion_layer !== undefined) {
      throw new InputError('cell.diffusion_layer', cell.diffusion_layer, 'either separator_distance or diffusion_layer, not both');
    }
    const a = lattice.voxel_m;
    const dist = (k: 'separator_distance' | 'diffusion_layer') => range(`cell.${k}`, cell[k],
      parseQuantity(`cell.${k}`, cell[k], 'length'), 2 * a, 0.01,
      `a distance from the host surface of at least two voxels (${(2 * a * 1e9).toPrecision(3)} nm) and at most 1 cm, e.g. "25 um"`);
    if (cell.separator_distance !== undefined) { boundary = 'separator'; distance_m = dist('separator_distance'); }
    if (cell.diffusion_layer !== undefined) {
      boundary = 'diffusion_layer'; distance_m = dist('diffusion_layer');
      // the bulk held at c0 inside the box: a deposit grew through it and the run stopped as a "short circuit: the deposit
      // reached the separator plane" (until branch review54); only a separator (a counter electrode) can be inside the box
      const electrolyteLayers = lattice.size[2] - lattice.hostLayers;
      if (distance_m / a < electrolyteLayers - 1e-9) {
        throw new InputError('cell.diffusion_layer', cell.diffusion_layer, `a diffusion layer that ends above the box, at least ${fmtNm(electrolyteLayers * a)} ` +
          `from the host surface (the box's ${electrolyteLayers} voxel layers above the host): the bulk held at c0 cannot lie where the deposit grows; ` +
          'a counter electrode inside the box, where a deposit reaching it is a short circuit, is cell.separator_distance');
      }
    }
    if (cell.field_cell !== undefined) cellM = parseQuantity('cell.field_cell', cell.field_cell, 'length');
    if (cell.stop_at_sand !== undefined) {
      if (typeof cell.stop_at_sand !== 'boolean') throw new InputError('cell.stop_at_sand', cell.stop_at_sand, 'true or false');
      stop_at_sand = cell.stop_at_sand;
    }
    if (cell.space_charge !== undefined) spaceCharge = parseSpaceCharge(cell.space_charge, stop_at_sand, e);
    if (cell.migration !== undefined) migration = parseMigration(cell.migration, walkers, spaceCharge, e);
    if (cell.sand_fraction !== undefined) {
      sand_fraction = range('cell.sand_fraction', cell.sand_fraction, parseQuantity('cell.sand_fraction', cell.sand_fraction, 'fraction'), 1e-6, 0.5,
        'a fraction of c0 from 1e-6 to 0.5, e.g. 0.01');
    }
  }
  const [nx, ny] = lattice.size;
  const g = gcd(nx, ny);
  let b: number;
  if (cellM !== undefined) {
    const r = cellM / lattice.voxel_m;
    b = Math.round(r);
    if (b < 1 || Math.abs(r - b) > 1e-6 * r || g % b !== 0) {
      const ok = divisors(g).map((d) => `${fmtNm(d * lattice.voxel_m)}`).join(', ');
      throw new InputError('cell.field_cell', cell && isObj(cell) ? cell.field_cell : cellM,
        `a whole number of voxels that divides the lattice's x and y sizes: one of ${ok}`);
    }
  } else {
    // default: at most 16 x 16 columns of cells
    b = divisors(g).find((d) => nx / d <= 16 && ny / d <= 16) ?? g;
  }
  // boundary plane above the box, or inside it (then a deposit reaching it is a short circuit)
  const plane = lattice.hostLayers + distance_m / lattice.voxel_m;
  if (plane < lattice.hostLayers + 2) throw new InputError('cell', cell, 'a boundary plane at least two voxels above the host');
  return { electrolyte: e, boundary, distance_m, cell_voxels: b, sand_fraction, ...(stop_at_sand ? { stop_at_sand } : {}), ...(walkers ? { mode: 'walkers' as const } : {}), ...(drift ? { drift } : {}),
    ...(spaceCharge ? { space_charge: 'chazalviel' as const } : {}), ...(migration ? { migration: 'ohmic' as const } : {}) };
}

/**
 * `cell.migration` (field mode; fields/liquid-potential.ts, branch migstudy): off (the default) or ohmic, each reduction
 * site's rate scaled by exp(-alpha f (phi_max - phi_s)), phi the liquid's potential at the site's cell with the model's
 * own current distribution. Refused with walkers (they have no field), with the space-charge zone (past Sand's onset it
 * sets where the current goes itself) and without a conductivity.
 */
function parseMigration(v: unknown, walkers: boolean, spaceCharge: boolean, e: ElectrolyteParams): boolean {
  if (v !== 'off' && v !== 'ohmic') {
    throw new InputError('cell.migration', v, 'off (the default) or ohmic (the liquid\'s potential along the deposit\'s surface scales each site\'s reduction rate: docs/transport.md)');
  }
  if (v === 'off') return false;
  if (walkers) throw new InputError('cell.migration', v, 'off with cell.transport: walkers (the walkers have no concentration field; their migration is cell.drift)');
  if (spaceCharge) throw new InputError('cell.migration', v, 'off with cell.space_charge: chazalviel (past Sand\'s onset the zone rule sets where the current goes): remove one of them');
  if (!(e.kappa_S_per_m > 0)) {
    throw new InputError('cell.migration', v, `an electrolyte with a conductivity (the liquid's ohmic potential): give electrolyte.conductivity, e.g. "10 mS/cm" (${e.name} has none)`);
  }
  return true;
}

/**
 * `cell.space_charge` (field mode; fields/space-charge.ts): off (the default) or chazalviel, growth past Sand's time at
 * the anions' drift velocity (1 - t+) J / (F c0) (Chazalviel's mu_a J / kappa with kappa = F c0 (mu_a + mu_c); branch
 * chazal4). Needs the electrolyte's conductivity (the readings' ohmic part ahead of the front) and is refused with
 * stop_at_sand (which ends the step where the zone would start). The walkers' refusal is FIELD_ONLY_KEYS'.
 */
function parseSpaceCharge(v: unknown, stopAtSand: boolean, e: ElectrolyteParams): boolean {
  if (v !== 'off' && v !== 'chazalviel') {
    throw new InputError('cell.space_charge', v, 'off (the default) or chazalviel (past Sand\'s time the deposit\'s tips follow the anions\' front at their drift velocity (1 - t+) J / (F c0): docs/transport.md)');
  }
  if (v === 'off') return false;
  if (stopAtSand) throw new InputError('cell.space_charge', v, 'off with cell.stop_at_sand: true (that ends the plate at Sand\'s onset, where the space-charge growth would start): remove one of them');
  if (!(e.kappa_S_per_m > 0)) {
    throw new InputError('cell.space_charge', v, `an electrolyte with a conductivity (the cell voltage's ohmic part ahead of the anions' front): give electrolyte.conductivity, e.g. "10 mS/cm" (${e.name} has none)`);
  }
  return true;
}

/** `cell.drift` (walkers only, fields/drift-walkers.ts): off | electrolyte | a conductivity */
function parseDrift(v: unknown, walkers: boolean, e: ElectrolyteParams): NonNullable<TransportSpec['drift']> {
  const what = 'off (walkers on a clock, no drift), electrolyte (E0 = J / the electrolyte\'s conductivity) or a conductivity for E0 = J / kappa, e.g. "0.01 S/m"';
  if (!walkers) throw new InputError('cell.drift', v, 'cell.drift needs cell.transport: walkers (the concentration field has no drift term)');
  if (v === 'off') return { kappa_S_per_m: null };
  if (v === 'electrolyte') return { kappa_S_per_m: e.kappa_S_per_m };
  if (typeof v !== 'string' && typeof v !== 'number') throw new InputError('cell.drift', v, what);
  let k: number;
  try { k = parseQuantity('cell.drift', v, 'conductivity'); } catch { throw new InputError('cell.drift', v, what); }
  if (!(k > 0 && Number.isFinite(k))) throw new InputError('cell.drift', v, what);
  return { kappa_S_per_m: k };
}

export function gcd(a: number, b: number): number { while (b) { [a, b] = [b, a % b]; } return a; }
export function divisors(n: number): number[] { const out: number[] = []; for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d); return out; }
export function fmtNm(m: number): string { return m >= 1e-6 ? `${Number((m * 1e6).toPrecision(4))} um` : `${Number((m * 1e9).toPrecision(4))} nm`; }

/**
 * An SEI set's electrolyte that has no transport set (NaPF6-EC-PC: `sei: NaPF6-EC-PC` takes Na-carbonate) is refused
 * as `electrolyte:` saying why, with the electrolytes of the run's metal (review65: the refusal listed every metal's
 * electrolytes and no reason, beside an `sei:` that took the same name).
 */
function refuseSeiOnlyElectrolyte(electrolyte: unknown, metal: string): void {
  if (typeof electrolyte !== 'string') return;
  const n = electrolyte.trim().toLowerCase();
  if (Object.keys(ELECTROLYTES).some((k) => k.toLowerCase() === n)) return;
  const sei = Object.values(SEI_SETS).find((x) => x.electrolytes.some((e) => e.toLowerCase() === n));
  if (!sei) return;
  const own = Object.values(ELECTROLYTES).filter((e) => e.metal === metal).map((e) => e.name);
  const name = sei.electrolytes.find((e) => e.toLowerCase() === n)!;
  throw new InputError('electrolyte', electrolyte, `an electrolyte with a transport set for ${metal}: ${own.length ? own.join(', ') : 'none'} ` +
    `(${name} is only the electrolyte of the SEI set ${sei.name}${sei.metal === metal ? '' : ` (for ${sei.metal})`}, \`sei: ${name}\`: no diffusivity, ` +
    'transference or conductivity is given for it), or its numbers as a map { concentration: "1 M", diffusivity: "3e-6 cm2/s", transference: 0.38, conductivity: "10 mS/cm" }');
}
