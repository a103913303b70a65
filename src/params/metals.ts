/**
 * Metal parameter sets: Li, Na, K. Physical constants come from the project's element table
 * (shared/data/elements/alkali_metals.csv) and Kittel; the kinetic energies of the bond-counting
 * model (`bond`, `schwoebel`, `terraceBarrier`, `attemptFrequency`) are mesoscale
 * effective parameters, marked `assumed`; `lateralBond` is the bond's value (lateralOf: the rates take every lateral bond
 * as E_mm).
 */
import type { MetalParams, MetalSet } from './types.js';
import { InputError } from '../errors.js';
import { ALKALI_CSV, KITTEL, assumed, lateralOf, sv } from './sourced.js';
import { CONST } from '../units.js';

const BOND_NOTE = 'effective metal-metal bond of the simple-cubic bond-counting model (kink energy = 3 x bond); ' +
  'mesoscale parameter, not the cohesive energy; chosen so that Li > Na > K follows the cohesive energies';
const ES_NOTE = 'Ehrlich-Schwoebel extra barrier of a hop across a step edge, paid both ways, down and up the step ' +
  '(detailed balance; apps/plating.ts moveTarget); generic value for soft bcc metals';
const TERRACE_NOTE = 'hop barrier on the metal\'s own terrace; no citable DFT value in the review, low barriers of ' +
  'alkali metals (Li > Na > K) assumed';
const NU_NOTE = 'attempt frequency of all thermally activated events (MODEL.md section 3: 1e12 to 1e13 1/s)';
const LI_I0_RANGE = '; measured Li+ exchange currents of native SEIs range from <1 mA/cm2 (low-CE electrolytes) to ' +
  '>10 mA/cm2 (high-CE electrolytes after cycling): "Beneficial vs. Inhibiting Passivation by the Native Lithium SEI ' +
  'Revealed by Electrochemical Li+ Exchange", ChemRxiv 2022, chemrxiv.org/engage/chemrxiv/article-details/6279d98659f0d6f7e58ae9da';
const I0_NOTE = 'order of magnitude of i0 for M+/M in common carbonate/ether electrolytes (MODEL.md section 3: ' +
  '"about 1 mA/cm2 for Li"); not a measurement for a specific electrolyte';

const I0_EA_SRC = 'J. Chem. Soc., Faraday Trans. 1, 82, 179 (1986), doi:10.1039/F19868200179, "Application of microelectrodes to the ' +
  'study of the Li|Li+ couple in ether solvents. Part 2. Temperature dependence"';
const I0_EA_NOTE = 'measured for Li|Li+ in LiAsF6/THF on microelectrodes over 253-333 K (56 kJ/mol); no value for carbonate ' +
  'electrolytes found, so it is taken for every Li electrolyte (the SEI\'s own ion conduction has its own Arrhenius law, params/sei.ts)';
/**
 * mends117 (review86 F6): where the i0 activation energy was measured, for `sacplate cite` to say beside the value when
 * a run's electrolyte is of another solvent class (the value is used as it is: an assumption, not hidden).
 */
export const I0_EA_MEASURED = { ref: I0_EA_SRC, param: 'exchangeActivationEnergy', solvent: 'ether', medium: 'LiAsF6 in THF' } as const;
/** Reference temperature of the sets' i0 (and of every Arrhenius law in the parameter sets). */
export const T_REF_K = 298.15;
const KB_EV = CONST.kB_eV;

/**
 * The metal's numbers at temperature T: i0(T) = i0(25 degC) exp(-Ea/k (1/T - 1/298.15 K)), Ea the
 * set's exchangeActivationEnergy (0 when absent). Everything else in the set is an energy or an
 * attempt frequency that the rate laws already put under exp(-E/kT).
 */
export function metalAtTemperature(m: MetalParams, T_K: number): MetalParams {
  const ea = m.i0Activation_eV ?? 0;
  if (ea === 0 || T_K === T_REF_K) return m;
  return { ...m, i0_A_per_m2: m.i0_A_per_m2 * Math.exp(-(ea / KB_EV) * (1 / T_K - 1 / T_REF_K)) };
}

/**
 * Refuses a temperature at or above the metal's melting point (the set's `meltingPoint`, K): the lattice model
 * plates, strips and hops a solid metal, so a liquid Na (above 97.794 degC) or K (above 63.5 degC) electrode ran as a
 * solid without a word (review56). `field` and `given` name the input in the message; a set without a melting point
 * (a user-defined metal that gives none) is not checked.
 */
export function refuseMolten(set: MetalSet, T_K: number, field: string, given: unknown): void {
  const mp = set.meltingPoint;
  if (mp === undefined || mp.unit !== 'K' || !(T_K >= mp.value)) return;
  const c = (k: number, digits = 1) => Number((k - 273.15).toFixed(digits));
  // the melting point in degC to the digits of its K value (Na: 97.794, not 97.8: at "97.8 degC" = 370.95 K the line read
  // "below ... (97.8 degC): Na is liquid at 370.95 K (97.8 degC)", and 97.79 degC runs; review58)
  const mpDigits = Math.max(1, (String(mp.value).split('.')[1] ?? '').length);
  throw new InputError(field, given, `a temperature below ${set.name}'s melting point, ${mp.value} K (${c(mp.value, mpDigits)} degC): ` +
    `${set.name} is liquid at ${Number(T_K.toFixed(2))} K (${c(T_K)} degC), and the model plates and strips a solid metal`);
}

const CDL_NOTE = 'double-layer capacitance of a metal electrode in a liquid electrolyte: typically 10-40 uF/cm2 ' +
  '(Bard and Faulkner, Electrochemical Methods, 2nd ed., Wiley 2001, section 1.2.2; MODEL.md 8.2: 10-20 uF/cm2); ' +
  'no measurement for this metal and electrolyte, the upper end of MODEL.md\'s range taken';

function metal(
  name: 'Li' | 'Na' | 'K', description: string,
  d: {
    molarMass: number; atomicVolume: number; spacing: number; bond: number; terrace: number;
    cohesive: number; cohesiveKJ: number; e0: number; e0src: string; capacity: number; melting: number;
  },
): MetalSet {
  const bond = assumed(d.bond, 'eV', BOND_NOTE);
  return {
    name,
    description,
    z: sv(1, '1', 'charge number of the alkali ion M+'),
    molarMass: sv(d.molarMass, 'g/mol', ALKALI_CSV, 'column atomic_weight'),
    atomicVolume: sv(d.atomicVolume, 'Å3', ALKALI_CSV, 'column atomic_volume_A3_from_a (bcc a^3/2)'),
    atomicSpacing: sv(d.spacing, 'nm', 'MODEL.md section 2', 'voxel edge of the atomistic mode',
      { note: 'close to the bcc nearest-neighbour distance a*sqrt(3)/2' }),
    exchangeCurrentDensity: assumed(1, 'mA/cm2', I0_NOTE + (name === 'Li' ? LI_I0_RANGE : '; taken equal to Li\'s for lack of a value')),
    exchangeActivationEnergy: name === 'Li'
      ? sv(0.58, 'eV', I0_EA_SRC, 'abstract: energy of activation of the Li|Li+ couple 56 kJ/mol', { note: I0_EA_NOTE })
      : assumed(0.58, 'eV', `taken equal to Li's (${I0_EA_SRC}); no measured value for ${name}+/${name} found`),
    transferCoefficient: assumed(0.5, '1', 'symmetric charge transfer (alpha = 1/2), as in MODEL.md section 6 (Tafel 118 mV/dec)'),
    bond,
    terraceBarrier: assumed(d.terrace, 'eV', TERRACE_NOTE),
    lateralBond: lateralOf(bond), // the bond (mends61): the rates take every lateral bond as E_mm
    schwoebel: assumed(0.05, 'eV', ES_NOTE),
    attemptFrequency: assumed(1e13, '1/s', NU_NOTE),
    cohesiveEnergy: sv(d.cohesive, 'eV', KITTEL, `${name}: ${d.cohesiveKJ} kJ/mol`, { note: 'per atom' }),
    standardPotential: sv(d.e0, 'V', ALKALI_CSV + '; ' + d.e0src, 'column E0_V_vs_SHE (vs SHE)'),
    capacity: sv(d.capacity, 'mAh/g', ALKALI_CSV, 'column theoretical_capacity_mAh_g (F/(3.6 M))'),
    doubleLayerCapacitance: assumed(20, 'uF/cm2', CDL_NOTE),
    meltingPoint: sv(d.melting, 'K', ALKALI_CSV, 'column melting_point_K_mendeleev (CRC)',
      { note: 'a run at or above it is refused: the model plates and strips a solid (bcc) metal' }),
  };
}

export const METALS: Record<string, MetalSet> = {
  Li: metal('Li', 'Lithium metal anode (bcc)', {
    molarMass: 6.94, atomicVolume: 21.25, spacing: 0.30, bond: 0.10, terrace: 0.10,
    cohesive: 1.63, cohesiveKJ: 158, e0: -3.04, e0src: 'PMC6377277 (Sci Adv 2019): -3.040 V vs SHE', capacity: 3861.9, melting: 453.65,
  }),
  Na: metal('Na', 'Sodium metal anode (bcc)', {
    molarMass: 22.98976928, atomicVolume: 37.84, spacing: 0.37, bond: 0.08, terrace: 0.06,
    cohesive: 1.113, cohesiveKJ: 107, e0: -2.71, e0src: 'Nano Res 2023 doi:10.1007/s12274-023-5889-2', capacity: 1165.8, melting: 370.944,
  }),
  K: metal('K', 'Potassium metal anode (bcc)', {
    molarMass: 39.0983, atomicVolume: 71.53, spacing: 0.46, bond: 0.07, terrace: 0.05,
    cohesive: 0.934, cohesiveKJ: 90.1, e0: -2.93, e0src: 'PMC9867274: K+/K -2.93 V vs SHE', capacity: 685.5, melting: 336.65,
  }),
};
