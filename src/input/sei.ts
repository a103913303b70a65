/**
 * The run file's `sei:` key (MODEL.md 8.4; the model is apps/events/sei.ts, the sets params/sei.ts):
 *
 *   sei: carbonate                       # a named set, or an electrolyte's name (LiPF6-EC-DMC)
 *   sei: { set: ether-LiNO3, formation_rate: 3, passivation: 2e-6, fresh_fraction: 0.005,
 *          thickness: 10 nm, conductivity: 5e-8, inorganic_share: 0.4, sac_inorganic_share: 0.5,
 *          sac_deactivation: true, deactivation_length: 10, film_conduction: true, conduction_activation: 0.6 eV,
 *          torn_film_conduction: false, settle_after_layer: false, settle_layers: 1, reconnect_dead_on_contact: false,
 *          film_hop_barrier: 0 eV, film_hop_on: any, host_film: true }
 *
 * Numbers are in the set's units (1/s, nm, S/cm, 1, angstrom for deactivation_length); a string
 * may carry that unit ("10 1/s", "20 nm", "5e-8 S/cm", "10 A") or one that converts to it ("10 1/h", "0.02 um"). Without `sei:` there is no SEI and
 * runs are exactly as before. Every problem is one InputError naming the field, the value and the
 * unit expected.
 */
import { InputError } from '../errors.js';
import { getSeiSet, SEI_SETS, type SeiSet } from '../params/sei.js';
import { ELECTROLYTES } from '../params/electrolytes.js';
import { SAC_SPECS } from '../params/sacs.js';
import { refuseUnknownKeys } from '../args.js';
import { didYouMean } from '../did-you-mean.js';
import { CONST, parseUnit } from '../units.js';

/** What the SEI module needs (SI where it matters, probabilities as numbers). */
export interface SeiSpec {
  set: string;
  /** 1/s per fresh face at 298.15 K, and its activation energy, eV */
  formationRate_per_s: number;
  activation_eV: number;
  /** metal voxels bound per passivated face: thickness x ion density x atomic volume / voxel (above 1 is refused, mends73) */
  boundPerFace: number;
  passivation: number;
  freshFraction: number;
  sigmaOrganic_S_per_m: number;
  sigmaInorganic_S_per_m: number;
  inorganicShare: number;
  sacInorganicShare: number;
  /**
   * per SAC type index: the inorganic share of SEI formed next to that site (absent or shorter:
   * sacInorganicShare). A site that does not catalyse the salt's decomposition more than its host
   * (a host-identical control site) carries inorganicShare here.
   */
  sacInorganicShareBySite?: number[];
  inorganicPassivation: number;
  crack: number;
  /** per SAC type index: deactivation probability per plating event on the site (0: stable or unknown) */
  sacDeactivation: number[];
  /** thickness of the passivating film, m, and the activation energy of its ionic conductivity, eV */
  thickness_m: number;
  conductionActivation_eV: number;
  /** ions cross a filmed face at the film's conductance (reduction onto it, oxidation through it); false: films cost no charge transfer */
  filmConduction: boolean;
  /**
   * a stretched film (spread over more faces than it covered, before it settles) is torn: ions
   * cross it as at bare metal (root/neck stripping, apps/events/sei.ts acceptFaradaic); false or
   * absent (the default): a stretched film conducts as a whole one.
   */
  tornFilmConduction?: boolean;
  /**
   * seiarea (opt-in, `settle_after_layer: true`): a film stretched over new area settles (cracks or closes up) only
   * once the deposit's front has moved one voxel edge since the stretch (net faradaic charge of one layer, nx x ny
   * voxels, plated or stripped) or the protocol step has ended: area that metal covers again within the time a layer of
   * edge a takes is the lattice's voxel-high step, not new physical surface (apps/events/sei.ts, docs/cycling.md
   * "New area per plated thickness at the voxel scale"). Absent or false (the default): it settles from the moment it
   * is stretched, as before.
   */
  settleAfterLayer?: boolean;
  /**
   * mends111 (`settle_layers`, only beside settle_after_layer): the rule's threshold in layers of the box (net faradaic
   * charge since the stretch, in units of nx x ny voxels); absent: 1. A choice, not the lattice's: review84 measured
   * 2.61 / 1.02 / 0.553 % SEI-bound at 0.5 / 1 / 2 layers (docs/cycling.md).
   */
  settleLayers?: number;
  /**
   * deadtouch (opt-in, `reconnect_dead_on_contact: true`): when a METAL voxel is placed (reduction, the landing of a
   * hop, plating under SEI) face to face with dead metal, the whole dead cluster (six-face component of DEAD voxels)
   * turns back into METAL: it touches connected metal, so it has an electronic path (issue 10's definition of dead
   * metal). Absent or false (the default): dead metal stays dead, as before (PlatingApp.reconnectDead).
   */
  reconnectDeadOnContact?: boolean;
  /**
   * filmhop (opt-in, `film_hop_barrier`, eV): an atom with a film on any of its faces (the module's `cov`, filmed or
   * stretched) hops at its bare rate x exp(-barrier / kT): surface diffusion under the nm film is slower (MODEL.md 8.4).
   * Absent (0, the default): it hops at the bare rate, as before. Assumed, no value from the literature (docs/model.md).
   */
  filmHopBarrier_eV?: number;
  /**
   * settledhop (opt-in, `film_hop_on: settled`, only beside film_hop_barrier > 0): the barrier slows an atom only if it has
   * SETTLED film on some face (the module's `cov & ~str`: filmed, not stretched); an atom whose film is all stretched (the
   * film a new face got by stretching, not yet settled: cracked, not passivating) or that has none hops at the bare rate.
   * Absent (`film_hop_on: any`, the default): film of either kind slows it, as filmhop did (docs/model.md).
   * facehop (`film_hop_on: face`, likewise only beside a barrier): the barrier acts per move, on a move that leaves
   * through a face carrying settled film (a lateral move or step-down: the face towards it; a step-up: the top face);
   * moves through stretched or bare faces go at the bare rate. axishop (`film_hop_on: axis`, likewise): the symmetric rule,
   * a move slowed when any face on its axis carries settled film (a plain move: the faces towards and away from it; a
   * step-down: the face towards it and the top; a step-up: the top and the face opposite it).
   */
  filmHopOn?: 'settled' | 'face' | 'axis';
  /**
   * hostfilm64 (opt-in, `host_film: false`): the host (collector, any host species) carries no film of its own, so an atom
   * grown on it takes none from it (only from SEI voxels beside it and its metal neighbours' film), and metal present
   * before the protocol (a foil) starts bare, its faces fresh, not passivated: a freshly cleaned collector or a scraped
   * foil, before the electrolyte is reduced on it. Absent (`host_film: true`, the default): the host's film is under every
   * atom grown on it and a foil starts passivated, as before. Which is right has no source (docs/model.md).
   */
  hostFilm?: false;
}

/** the keys of an `sei:` map (parse.ts names every unknown key of a run at once); kept in params/sei-keys.ts, import-free */
export { SEI_KEYS } from '../params/sei-keys.js';
import { SEI_KEYS } from '../params/sei-keys.js';
/**
 * Assumed: a site is lost with probability (bond-length change under plating) / (this length) per
 * plating step that puts metal on it: a change of ~1 A (half a metal-N bond) breaks the site.
 */
export const DEFAULT_DEACTIVATION_LENGTH_A = 1;
const N_A = CONST.NA;

/**
 * A number of an `sei:` key in the set's unit: a bare number, or a text in that unit or one that converts to it ("0.02 um"
 * for nm, "10 1/h" for 1/s, "2e-6 S/m" for S/cm, "57.9 kJ/mol" for eV, "80 %" for 1; "A" is the angstrom here, the set's
 * unit of deactivation_length). Until mends73 only the set's own unit was read and "5 um", "10 1/h" were refused. A unit
 * that does not convert is refused naming it.
 */
function num(field: string, v: unknown, unit: string, min: number, max: number, example: string): number {
  // a unitless key (passivation, crack, the fractions) reads "dimensionless", not "1" (mends127, review91 F10: "(1, from 0 to 1)")
  const unitText = unit === '1' ? 'dimensionless' : unit;
  const expected = `${example} (${unitText}, from ${min} to ${max})`;
  let x = NaN;
  if (typeof v === 'number') x = v;
  else if (typeof v === 'string') {
    const m = /^\s*([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(.*?)\s*$/.exec(v);
    if (m && (m[2] === '' || m[2] === unit)) x = Number(m[1]);
    else if (m) {
      const to = parseUnit(unit === 'A' ? 'angstrom' : unit)!;
      const from = parseUnit(m[2]!);
      if (!from) throw new InputError(field, v, `${expected}; unknown unit "${m[2]}"`);
      const same = (a: readonly number[], b: readonly number[]) => a.every((d, i) => Math.abs(d - b[i]!) < 1e-12);
      // an energy per mole (kJ/mol) for an energy per particle (eV): with Avogadro's number
      const perMol = unit === 'eV' && same(from.dims, parseUnit('J/mol')!.dims);
      if (!same(from.dims, to.dims) && !perMol) throw new InputError(field, v, `${expected}; "${m[2]}" does not convert to ${unit}`);
      x = Number((Number(m[1]) * from.factor / to.factor / (perMol ? N_A : 1)).toPrecision(12));
    }
  }
  const converted = typeof v === 'string' && Number.isFinite(x) && !new RegExp(`^\\s*\\S+\\s*(${unit.replace(/[/.]/g, '\\$&')})?\\s*$`).test(v);
  if (!(x >= min && x <= max)) throw new InputError(field, v, converted ? `${expected}; "${v.trim()}" is ${x}${unit === '1' ? '' : ` ${unit}`}` : expected);
  return x;
}

/** x to 3 significant digits, rounded up or down when a bound must still hold at the printed value */
function sig(x: number, dir?: 'up' | 'down'): string {
  const e = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 2);
  const r = dir === 'up' ? Math.ceil(x / e - 1e-9) * e : dir === 'down' ? Math.floor(x / e + 1e-9) * e : Math.round(x / e) * e;
  return String(Number(r.toPrecision(3)));
}

/** f > 1 with the digits that show it above 1: 3 significant digits read "1" just above it (carbonate at 3.83 nm
 * voxels: "binds 1 voxels' worth ..., and the model binds at most one" until review61; now 1.002) */
function overOne(f: number): string {
  let p = 3;
  while (p < 12 && Number(f.toPrecision(p)) <= 1) p++;
  return String(Number(f.toPrecision(p)));
}

/**
 * A key's value, or its default when the key is left out. Only a missing key takes the default: a bare `key:` (YAML null)
 * is handed on, so the key's check refuses it naming the key and null, as the number keys do (cycaudit64: `host_film:`,
 * `film_hop_on:`, `set:` and the other switches took their default without a word while `crack:` was refused).
 */
function given<T>(v: unknown, dflt: T): unknown {
  return v === undefined ? dflt : v;
}

export function parseSei(
  input: unknown,
  ctx: { metal: string; voxel_m: number; atomicVolume_m3: number; sacNames: string[] },
): SeiSpec | undefined {
  if (input === undefined || input === null || input === false) return undefined;
  let set: SeiSet;
  let o: Record<string, unknown> = {};
  if (typeof input === 'string') set = getSeiSet(input);
  else if (typeof input === 'object' && !Array.isArray(input)) {
    o = input as Record<string, unknown>;
    refuseUnknownKeys('sei', o, SEI_KEYS);
    set = getSeiSet(given(o.set, 'carbonate'), 'sei.set');
  } else throw new InputError('sei', input, 'an SEI set name (carbonate, ether, ether-LiNO3, Na-ether, Na-carbonate, K-ether) or a map { set: carbonate, ... }');
  if (set.metal !== ctx.metal) {
    // quote what the file wrote (an electrolyte's name, not the set it maps to; nothing for a map without set), mends73
    const written = typeof input === 'string' ? input : o.set;
    const mine = Object.values(SEI_SETS).filter((x) => x.metal === ctx.metal).map((x) => x.name).join(', ');
    const why = written === undefined ? `without \`set\` an sei: map takes the ${set.name} set, for ${set.metal}`
      : typeof written === 'string' && written.trim().toLowerCase() !== set.name.toLowerCase() ? `${written} is the electrolyte of the ${set.name} set, for ${set.metal}`
        : `this one is for ${set.metal}`;
    throw new InputError(typeof input === 'string' ? 'sei' : 'sei.set', written, `an SEI set for ${ctx.metal} (${why}): ${mine}`);
  }
  const pick = (k: string, dflt: number, unit: string, min: number, max: number, example: string) =>
    o[k] === undefined ? dflt : num(`sei.${k}`, o[k], unit, min, max, example);
  const rate = pick('formation_rate', set.formationRate.value, '1/s', 0, 1e9, 'a rate per fresh face, e.g. 10');
  const passivation = pick('passivation', set.passivation.value, '1', 0, 1, 'a factor, e.g. 1e-3');
  const fresh = pick('fresh_fraction', set.freshFraction.value, '1', 0, 1, 'a fraction, e.g. 0.02');
  const thickness_nm = pick('thickness', set.thickness.value, 'nm', 0, 1e4, 'a film thickness, e.g. "20 nm"');
  // a film thinner than an atom is a unit slip (a bare 5e-9, metres, is 5e-9 nm): it bound no metal without a word (review49)
  if (thickness_nm > 0 && thickness_nm < 0.1) {
    throw new InputError('sei.thickness', o.thickness, `a film thickness in nm, e.g. "20 nm" (a bare number is nm: ${thickness_nm} nm is thinner than an atom; from 0.1 to 10000 nm, or 0 for no film)`);
  }
  const sigmaO = pick('conductivity', set.organicConductivity.value, 'S/cm', 1e-15, 1, 'an ionic conductivity, e.g. "2e-8 S/cm"');
  const sigmaI = o.conductivity === undefined ? set.inorganicConductivity.value : sigmaO;
  const inorg = pick('inorganic_share', set.inorganicShare.value, '1', 0, 1, 'a fraction, e.g. 0.15');
  const sacInorg = pick('sac_inorganic_share', set.sacInorganicShare.value, '1', 0, 1, 'a fraction, e.g. 0.3');
  const crack = pick('crack', set.crack.value, '1', 0, 1, 'a factor, e.g. 0.1');
  const dLen = pick('deactivation_length', DEFAULT_DEACTIVATION_LENGTH_A, 'A', 1e-6, 1e9, 'a length in angstrom, e.g. 10');
  const ea = pick('conduction_activation', set.conductionActivation.value, 'eV', 0, 5, 'an activation energy, e.g. "0.6 eV"');
  const filmConduction = given(o.film_conduction, true);
  if (typeof filmConduction !== 'boolean') throw new InputError('sei.film_conduction', filmConduction, 'true or false');
  const tornFilmConduction = given(o.torn_film_conduction, false);
  if (typeof tornFilmConduction !== 'boolean') throw new InputError('sei.torn_film_conduction', tornFilmConduction, 'true or false');
  const settleAfterLayer = given(o.settle_after_layer, false);
  if (typeof settleAfterLayer !== 'boolean') throw new InputError('sei.settle_after_layer', settleAfterLayer, 'true or false (true: a stretched film settles only after one layer of net charge or at the step end)');
  // the rule's threshold (mends111): a positive number of layers of the box, only with the rule (alone it would do nothing)
  const layersIn = o.settle_layers;
  const settleLayers = layersIn === undefined ? 1 : typeof layersIn === 'number' ? layersIn
    : typeof layersIn === 'string' && /^\s*[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?\s*$/.test(layersIn) ? Number(layersIn) : NaN;
  if (!(settleLayers > 0 && settleLayers <= 1e6)) throw new InputError('sei.settle_layers', layersIn, 'a positive number of layers of the box (net charge since the stretch, in nx x ny voxels), e.g. 1 (the default), 0.5 or 2; at most 1e6');
  if (layersIn !== undefined && !settleAfterLayer) throw new InputError('sei.settle_layers', layersIn, 'settle_after_layer: true beside it (settle_layers is that rule\'s threshold; without the rule no film is held)');
  const reconnectDead = given(o.reconnect_dead_on_contact, false);
  if (typeof reconnectDead !== 'boolean') throw new InputError('sei.reconnect_dead_on_contact', reconnectDead, 'true or false (true: dead metal that fresh metal touches turns back into metal)');
  // filmhop: the extra hop barrier of an atom under the film (0: bare-rate hops, the default); up to 2 eV (x 1e-34 at 25 degC)
  const filmHop = pick('film_hop_barrier', 0, 'eV', 0, 2, 'an extra hop barrier under the film, e.g. "0.1 eV" (0: hops at the bare rate, the default)');
  // settledhop: which film slows a hop: film of any kind (the default) or settled film only (not stretched); a setting
  // of the barrier, so `settled` without a barrier (it would do nothing) is refused, as settle_layers without its rule
  const hopOn = given(o.film_hop_on, 'any');
  // values are case-sensitive, as every enum's; `Face` is still refused, with the near spelling (polish64, cycaudit64)
  if (hopOn !== 'any' && hopOn !== 'settled' && hopOn !== 'face' && hopOn !== 'axis') throw new InputError('sei.film_hop_on', hopOn, "'any' (film of either kind, filmed or stretched, slows a hop: the default), 'settled' (only settled film does; stretched film lets the atom through at the bare rate), 'face' (per move: a move leaving through a face with settled film is slowed, moves through stretched or bare faces are not) or 'axis' (per move, symmetric: a move is slowed when either face on its axis carries settled film)"
    + (typeof hopOn === 'string' ? didYouMean(hopOn, ['any', 'settled', 'face', 'axis']) : ''));
  if ((hopOn === 'settled' || hopOn === 'face' || hopOn === 'axis') && !(filmHop > 0)) throw new InputError('sei.film_hop_on', hopOn, "film_hop_barrier > 0 beside it (film_hop_on says which film that barrier acts under; without a barrier no hop is slowed), or 'any'");
  // hostfilm64: whether the host carries its own film (true, the default: the rule until now) or not (a cleaned collector,
  // a scraped foil); only the literal booleans (a YAML "false" string is not read as false without a word)
  const hostFilm = given(o.host_film, true);
  if (typeof hostFilm !== 'boolean') throw new InputError('sei.host_film', hostFilm, 'true or false (true, the default: the host carries its own film and a foil starts passivated; false: the host is bare and a foil starts bare)');
  const deact = given(o.sac_deactivation, true);
  if (typeof deact !== 'boolean') throw new InputError('sei.sac_deactivation', deact, 'true or false');
  // metal voxels bound per passivated face: film ions per area / metal atoms per voxel area
  const ionsPerArea = thickness_nm * 1e-9 * set.lithiumDensity.value * 1e6 * N_A; // 1/m2
  const atomsPerVoxelArea = ctx.voxel_m / ctx.atomicVolume_m3; // 1/m2
  const bound = ionsPerArea / atomsPerVoxelArea;
  // the film is a state of a voxel's faces (two scales: docs/cycling.md): one passivation binds at most the voxel
  // itself. A film that holds more metal than that (a voxel thinner than the film's metal) bound one voxel, capped,
  // while film conduction used the whole thickness, without a word, until mends73: refused, with what would fit.
  if (bound > 1) {
    const voxel_nm = ctx.voxel_m * 1e9;
    // the field the user wrote: the thickness if given, else the `sei:` value as written (the set's own thickness)
    throw new InputError(o.thickness !== undefined ? 'sei.thickness' : 'sei', o.thickness ?? input,
      `a film that binds at most one voxel of metal per face: at ${sig(voxel_nm)} nm voxels the ${set.name} set's film of ${sig(thickness_nm)} nm `
      + `(${set.lithiumDensity.value} mol/cm3 of ${ctx.metal}) binds ${overOne(bound)} voxels' worth of ${ctx.metal} per passivated face, and the model binds at most one `
      + `(the film is a state of a voxel's faces); use voxels of at least ${sig(voxel_nm * bound, 'up')} nm (lattice.voxel), or a thickness of at most ${sig(thickness_nm / bound, 'down')} nm`);
  }
  const sacDeactivation = ctx.sacNames.map((name) => {
    if (!deact) return 0;
    const dd = SAC_SPECS.find((s) => s.name === name)?.stability?.bond_length_change?.value;
    return dd === undefined ? 0 : Math.min(1, dd / dLen);
  });
  return {
    set: set.name, formationRate_per_s: rate, activation_eV: set.activationEnergy.value,
    boundPerFace: bound,
    passivation, freshFraction: fresh, sigmaOrganic_S_per_m: sigmaO * 100, sigmaInorganic_S_per_m: sigmaI * 100,
    inorganicShare: inorg, sacInorganicShare: sacInorg, inorganicPassivation: set.inorganicPassivation.value, crack, sacDeactivation,
    thickness_m: thickness_nm * 1e-9, conductionActivation_eV: ea, filmConduction, tornFilmConduction,
    ...(settleAfterLayer ? { settleAfterLayer: true } : {}),
    ...(layersIn !== undefined ? { settleLayers } : {}),
    ...(reconnectDead ? { reconnectDeadOnContact: true } : {}),
    ...(filmHop > 0 ? { filmHopBarrier_eV: filmHop } : {}),
    ...(hostFilm ? {} : { hostFilm: false as const }),
    ...(hopOn === 'settled' ? { filmHopOn: 'settled' as const } : hopOn === 'face' ? { filmHopOn: 'face' as const } : hopOn === 'axis' ? { filmHopOn: 'axis' as const } : {}),
  };
}

/**
 * What `simulate` (single, --sectors) and `compare` / `--seeds` (batch/cases.ts) say before a run about its `electrolyte:`
 * and `sei:` (mends73; review59 found both silent): the two keys are independent, so a named electrolyte whose SEI set is
 * another (`electrolyte: LiTFSI-DOL-DME` with `sei: carbonate`) ran without a word, and an electrolyte alone forms no SEI.
 * Neither is refused (a mixed pair may be meant). An electrolyte given inline (no set of that name) is not judged; an
 * SEI set of an additive to the named electrolyte (ether-LiNO3's LiTFSI-DOL-DME-LiNO3 beside LiTFSI-DOL-DME, which has
 * no transport set of its own) is the nearest pair and is not warned about.
 */
export function seiWarnings(run: { transport?: { electrolyte: { name: string }; mode?: string }; sei?: { set: string } }): string[] {
  const name = run.transport?.electrolyte.name;
  if (name === undefined || !Object.hasOwn(ELECTROLYTES, name)) return [];
  // ion walkers take no SEI (input/walker-run.ts refuses `sei:`): the note's advice to add one was refused (review61)
  if (run.transport?.mode === 'walkers') return [];
  const own = Object.values(SEI_SETS).filter((x) => x.electrolytes.some((e) => e.toLowerCase() === name.toLowerCase()));
  const suggest = own.length > 0 ? `"sei: ${own[0]!.name}" (the SEI set of ${name}) or "sei: ${name}"`
    : `"sei:" with a set for ${ELECTROLYTES[name]!.metal} (${Object.values(SEI_SETS).filter((x) => x.metal === ELECTROLYTES[name]!.metal).map((x) => x.name).join(', ')})`;
  if (!run.sei) {
    // one short line (mends76): it is said before every run with a named electrolyte, a transport study's too, where
    // the paragraph it was (no film, no metal bound, the CE's terms, two spellings of the set) read as noise (review61)
    const metal = ELECTROLYTES[name]!.metal;
    const add = own.length > 0 ? `"sei: ${own[0]!.name}"` : `"sei:" with a set for ${metal}: ${Object.values(SEI_SETS).filter((x) => x.metal === metal).map((x) => x.name).join(', ')}`;
    return [`note: electrolyte ${name} without sei: no SEI forms (for one add ${add})`];
  }
  const set = SEI_SETS[run.sei.set] ?? Object.values(SEI_SETS).find((x) => x.name === run.sei!.set);
  if (!set || set.electrolytes.some((e) => e.toLowerCase() === name.toLowerCase() || e.toLowerCase().startsWith(`${name.toLowerCase()}-`))) return [];
  return [`warning: electrolyte ${name} with sei: ${set.name}: the ${set.name} SEI set is of ${set.electrolytes.join(', ')}, not of ${name}; the run takes the transport from ${name} and the SEI from ${set.name}, as written; `
    + `if the pair is not meant, write ${suggest}`];
}
