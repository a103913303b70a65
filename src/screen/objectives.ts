/**
 * The objectives a screen can rank by: what each measures, its unit, and whether less or more is better. A share, coverage,
 * porosity or CE is a "fraction", as the compare table's legend calls it (it read "1" until mends54: `deposit porosity (1)`).
 */
import type { Direction } from './pareto.js';

export interface ObjectiveDef { key: string; label: string; unit: string; direction: Direction; stage: string; }

const o = (key: string, label: string, unit: string, direction: Direction, stage: string): [string, ObjectiveDef] => [key, { key, label, unit, direction, stage }];

export const OBJECTIVES: Record<string, ObjectiveDef> = Object.fromEntries([
  o('nucleation_overpotential_mV', 'nucleation overpotential', 'mV', 'min', 'plating'),
  o('rms_roughness_nm', 'RMS roughness', 'nm', 'min', 'plating'),
  o('porosity', 'deposit porosity', 'fraction', 'min', 'plating'),
  o('sac_nucleation_share', 'share of nuclei at SACs (chance included: large islands cover a SAC by chance)', 'fraction', 'max', 'plating'),
  o('sac_nucleation_excess', 'share of nuclei at SACs minus its chance level (the SAC effect; 0 for a SAC that does nothing)', 'fraction', 'max', 'plating'),
  o('host_coverage', 'host coverage', 'fraction', 'max', 'plating'),
  o('nucleus_density_per_um2', 'nucleus density', '1/um2', 'max', 'plating'),
  o('electrode_nucleation_overpotential_mV', 'electrode-scale nucleation overpotential (two-scale model)', 'mV', 'min', 'nucleation'),
  o('average_ce', 'average Coulombic efficiency', 'fraction', 'max', 'cycling'),
  o('dead_metal_fraction', 'dead metal fraction', 'fraction', 'min', 'cycling'),
  o('distortion_A', 'site distortion (descriptor)', 'A', 'min', 'stability'),
  o('aggregation_margin_eV', 'aggregation margin E_b + E_coh (negative = stable against clustering)', 'eV', 'min', 'stability'),
  o('dissolution_potential_V', 'dissolution potential vs SHE (higher = more stable against dissolution)', 'V', 'max', 'stability'),
  o('sustainability', 'SAC element sustainability score', '0-1', 'max', 'elements'),
  o('synthesis_energy_kWh_per_g', 'synthesis energy per g host', 'kWh/g', 'min', 'synthesis'),
  o('synthesis_cost_USD_per_g', 'synthesis cost per g host', 'USD/g', 'min', 'synthesis'),
  o('organic_solvent', 'organic solvent in synthesis', '0/1', 'min', 'synthesis'),
  o('electrolyte_fluorine_free', 'fluorine-free electrolyte', '0/1', 'max', 'electrolyte'),
  o('anode_mAh_per_g', 'whole-anode gram capacity', 'mAh/g', 'max', 'anode'),
  o('anode_cost_USD_per_kWh', 'anode-side cost per kWh', 'USD/kWh', 'min', 'anode'),
]);

export const DEFAULT_OBJECTIVES = ['nucleation_overpotential_mV', 'rms_roughness_nm', 'sustainability', 'synthesis_energy_kWh_per_g'];
