/**
 * The evidence base's vocabulary: the quantities a figure can report (keys of --sort and --range)
 * and the criteria of the sustainability score. Apart from schema.ts and elements.ts (zod, the
 * data files) so that the CLI can name them in its help text without loading those.
 */
import { C_PER_M2_PER_MAH_PER_CM2, type KindName } from '../units.js';

export interface QuantityDef {
  label: string;
  /** units.ts kind used to convert to canonical units; null: dimensionless or angle */
  kind: KindName | null;
  /** unit the quantity is shown and sorted in */
  displayUnit: string;
  /** factor: canonical value / factor = display value */
  displayFactor: number;
  /** units accepted when kind is null */
  units?: string[];
  /** physical range in the display unit (a record's value and range end must lie in it: an imported -5 h lifetime is refused) */
  min?: number;
  max?: number;
}

const q = (label: string, kind: KindName | null, displayUnit: string, displayFactor: number, units?: string[]): QuantityDef =>
  ({ label, kind, displayUnit, displayFactor, units });

/** The vocabulary of figures. Keys are what `--sort` and `--range` accept. */
const RAW_QUANTITIES: Record<string, QuantityDef> = {
  nucleation_overpotential: q('nucleation overpotential', 'voltage', 'mV', 1e-3),
  // not "(symmetric cell)": of the review's four, only Pt SAs/In2S3/Ti3C2's is one; the figure's cell condition says which.
  // "unless ...": SA-Co@HC's 3 mV is of a kind the review does not state, and its note says so (`lit verify` wants that
  // note wherever the quote says neither plating/stripping nor a symmetric cell); until evidence66 the label read
  // "plating/stripping overpotential" for it too
  overpotential: q('overpotential (plating/stripping unless the note says otherwise)', 'voltage', 'mV', 1e-3),
  symmetric_lifetime: q('symmetric-cell plating/stripping lifetime', 'time', 'h', 3600),
  // not counted as a symmetric-cell lifetime: SA-Co@HC's "K metal battery (over 2500 h)"
  cycling_lifetime: q('cycling lifetime of a cell whose type the review does not state', 'time', 'h', 3600),
  binding_energy: q('binding energy', 'energy', 'eV', 1),
  adsorption_energy: q('adsorption energy', 'energy', 'eV', 1),
  migration_barrier: q('migration / diffusion barrier', 'energy', 'eV', 1),
  desolvation_energy: q('desolvation energy', 'energy', 'kJ/mol', 1 / 96.4853321233),
  desolvation_barrier: q('desolvation barrier', 'energy', 'eV', 1),
  dissociation_barrier: q('dissociation / decomposition energy barrier', 'energy', 'eV', 1),
  transference_number: q('transference number', 'fraction', '1', 1),
  // not "full-cell": the review names the cell for some (SAFe/CVRCS@3DPC's Li-LiFePO4 full cell) and not for others
  // (Zn-HC's 85 % at -40 degC, CoSA@NC's 473 mAh/g of "the battery"); the figure's cell condition says which (audit32)
  capacity_retention: q('capacity retention of a cell', 'fraction', '%', 1e-2),
  // the review gives none, but a user's Li||Cu test is read by its CE first (cli66: a record of one was refused,
  // `figures[1].quantity: got "coulombic_efficiency", expected one of ...`); the figure's cell condition says which test
  coulombic_efficiency: q('Coulombic efficiency (a Li||Cu test\'s, an Aurbach average, or a cell\'s)', 'fraction', '%', 1e-2),
  specific_capacity: q('specific capacity of a cell', 'specificCapacity', 'mAh/g', 3600),
  areal_capacity: q('areal capacity of a cell', 'arealCapacity', 'mAh/cm2', C_PER_M2_PER_MAH_PER_CM2),
  sulfur_loading: q('sulfur loading of the cathode', 'arealMass', 'mg/cm2', 1e-2),
  deposition_capacity: q('areal capacity deposited for a morphology observation', 'arealCapacity', 'mAh/cm2', C_PER_M2_PER_MAH_PER_CM2),
  sei_fraction: q('share of an SEI component (XPS peak)', 'fraction', '%', 1e-2),
  bond_length_change: q('bond-length change under plating', 'length', 'Angstrom', 1e-10),
  bond_angle_change: q('bond-angle change under plating', null, 'deg', 1, ['deg', '°']),
  rdf_peak: q('radial distribution function peak distance', 'length', 'nm', 1e-9),
  tube_diameter: q('tube diameter', 'length', 'nm', 1e-9),
  dendrite_onset_time: q('time until dendrites appear', 'time', 'min', 60),
  test_current_density: q('current density of a reported test', 'currentDensity', 'mA/cm2', 10),
  test_areal_capacity: q('areal capacity of a reported test', 'arealCapacity', 'mAh/cm2', C_PER_M2_PER_MAH_PER_CM2),
};

/** Quantities that cannot be negative (or exceed 100 %): checked on every record, the review's and a user's (not the desolvation barrier: the review prints -0.65 to -3.83 eV for Li+(DME)n) */
const NON_NEGATIVE = ['nucleation_overpotential', 'overpotential', 'symmetric_lifetime', 'cycling_lifetime', 'migration_barrier',
  'dissociation_barrier', 'specific_capacity', 'areal_capacity', 'sulfur_loading', 'deposition_capacity', 'rdf_peak', 'tube_diameter',
  'dendrite_onset_time', 'test_current_density', 'test_areal_capacity'];
const UPPER: Record<string, number> = { transference_number: 1, capacity_retention: 100, coulombic_efficiency: 100, sei_fraction: 100 };
export const QUANTITIES: Record<string, QuantityDef> = Object.fromEntries(Object.entries(RAW_QUANTITIES).map(([k, d]) => [k, {
  ...d, ...(NON_NEGATIVE.includes(k) || k in UPPER ? { min: 0 } : {}), ...(k in UPPER ? { max: UPPER[k] } : {}),
}]));

export type Criterion = 'abundance' | 'price' | 'hhi' | 'toxicity';
export const CRITERIA: readonly Criterion[] = ['abundance', 'price', 'hhi', 'toxicity'];
