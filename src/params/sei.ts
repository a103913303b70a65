/**
 * SEI parameter sets, one per electrolyte family (MODEL.md 8.4), beside the transport sets of
 * params/electrolytes.ts. What each number means in the model (apps/events/sei.ts):
 *
 *  - formationRate (1/s, 25 degC): rate at which one electrolyte-facing face of fresh metal is
 *    passivated (electrolyte reduced by the metal's electrons: the chemical part of SEI growth);
 *    activationEnergy (eV) makes it Arrhenius in T.
 *  - thickness (nm) and lithiumDensity (mol/cm3): how much metal the film that first passivates a
 *    fresh face (the inner, compact layer) binds per area.
 *    With voxel edge a and metal molar volume V_m, one passivated face binds
 *    f = thickness * lithiumDensity * V_m / a metal voxels (at most 1; more is refused, input/sei.ts): with probability f the
 *    metal voxel itself becomes SEI, otherwise the film is written into the electrolyte voxel
 *    outside the face (electrolyte-derived material; no metal consumed). So the expected metal
 *    consumed per fresh face is f, whatever the voxel.
 *  - passivation (1): rate through a covered face relative to a fresh one (SEI thickening).
 *  - crack (1): a film stretched over new area (the metal grew under it, or a pit opened under it)
 *    settles after about 1 s (rate k / 10): it cracks with probability `crack` and is passivated
 *    anew (binding f per face), or closes up at no cost. A brittle SEI (carbonates) mostly cracks,
 *    a flexible one (LiNO3-derived) mostly closes. Exchange events that plate and strip the same
 *    atom within that time leave the film as it was; new area that lasts costs crack x f per face.
 *  - freshFraction (1): fraction of the charge reduced on a fresh site (no SEI beside it) that
 *    ends in SEI (the electrochemical part: the current's own electrons reduce electrolyte).
 *  - organicConductivity / inorganicConductivity (S/cm): Li+ conductance of the film. Ions cross
 *    one SEI voxel (resistance a / sigma) in series with charge transfer (R_ct = kT / (e i0)):
 *    the rate of plating/stripping through it is the bare rate times R_ct / (R_ct + a / sigma).
 *  - inorganicShare (1): fraction of the SEI that is salt-derived (fluoride-rich) on a plain
 *    surface; sacInorganicShare where an active SAC catalyses the salt's decomposition (review
 *    section 4, ref 71: NaPF6 on Zn single atoms, barrier 1.62 vs 2.55 eV on hard carbon, NaF
 *    share of the F 1s signal 25.4 % vs 12.1 %, set as the Na sets' shares of the whole SEI: an assumed reading). inorganicPassivation: the passivation factor
 *    of inorganic SEI relative to organic (a denser film).
 *
 * Almost all of these are assumed: no paper measures them in this form. Each says so and why
 * (order of magnitude, and the measurement that bounds it). They are not fitted to the
 * Coulombic efficiencies the validation studies test (validation/studies/sei-*.ts).
 */
import { LIQUID_RANGES, type LiquidRange } from './electrolytes.js';
import { InputError } from '../errors.js';
import type { Sourced } from './types.js';
import { assumed } from './sourced.js';
import { SEI_PHASES, densityOf, molMetalPerCm3, type CrystalCell } from './sei-phases.js';

export interface SeiSet {
  name: string;
  description: string;
  metal: 'Li' | 'Na' | 'K';
  /** transport sets (params/electrolytes.ts) this SEI set belongs to */
  electrolytes: string[];
  formationRate: Sourced; // 1/s per fresh face, 25 degC
  activationEnergy: Sourced; // eV
  thickness: Sourced; // nm
  lithiumDensity: Sourced; // mol/cm3 of metal ions bound in the film
  passivation: Sourced; // 1
  freshFraction: Sourced; // 1
  organicConductivity: Sourced; // S/cm
  inorganicConductivity: Sourced; // S/cm
  inorganicShare: Sourced; // 1
  sacInorganicShare: Sourced; // 1
  inorganicPassivation: Sourced; // 1
  crack: Sourced; // 1
  /** the liquid range of the solvent the set is of (mends69; params/electrolytes.ts LIQUID_RANGES): a run outside it is refused */
  liquidRange: LiquidRange;
  conductionActivation: Sourced; // eV, of the film's ionic conductivity
}

const CRYO = 'cf. cryo-EM of Li metal SEI, Li et al., Science 358, 506 (2017), doi:10.1126/science.aam6014';
const LI3N = 'Li3N: ~1e-3 S/cm at room temperature, Alpen, Rabenau & Talat, Appl. Phys. Lett. 30, 621 (1977)';
const CAL = `calendar loss at rest, assumed: k x passivation = 1e-4 /s per filmed face against 10 /s on fresh metal, each reaction binding 3.8 nm of Li, is about 33 nm of Li, 0.7 % of 1 mAh/cm2, per day per cm2 of flat filmed surface (review78); set beside Boyle, D. T. et al., "Corrosion of lithium metal anodes during calendar ageing and its microscopic origins", Nat. Energy 6, 487-494 (2021), doi:10.1038/s41560-021-00787-9: Li metal anodes left at rest in several liquid electrolytes lose Li to corrosion, by an amount that depends on the electrolyte (SEI imaged by cryo-EM); its figure of 2-3 % of the charge lost in 24 h at rest, slowing with time, is read from SLAC/Stanford's release of 22 March 2021 on the paper, the paper's own cells, electrolytes and protocol behind it not read here (mends103: no copy of the paper or its abstract at hand). A measurement of other cells and electrolytes, an order of magnitude to compare with, not a source of this number`;
const RSEI = 'interfacial resistances of cycled Li of tens of Ohm cm2 in carbonates (impedance, order of magnitude; the best of seven Li carbonate electrolytes in Hess, arXiv:1801.09676 (2018) shows 26 Ohm cm2 of SEI resistance by EIS, so ~100 Ohm cm2 for a plain LiPF6 EC/DMC film is within the measured range, not a measured value of this electrolyte)';

/** a phase's metal per volume from its crystal cell (params/sei-phases.ts, seidens70), for the notes: "LiF (rock salt, a = 4.026 A, Z = 4: 2.640 g/cm3, 0.102 mol Li/cm3)" */
const cellNote = (c: CrystalCell, metal: string): string =>
  `${c.formula} (${c.structure}, ${c.cell}, Z = ${c.z}: ${densityOf(c).toFixed(3)} g/cm3, ${molMetalPerCm3(c).toFixed(3)} mol ${metal}/cm3 from its crystal cell, params/sei-phases.ts)`;

const rate = (v: number, why: string) => assumed(v, '1/s', `rate of passivation of a fresh metal face; ${why}`);
const share = (v: number, why: string) => assumed(v, '1', why);

// The review's pair (ref 71, section 4: the Na-F peak's content 25.4 % on Zn single atoms on hard carbon vs 12.1 % on
// hard carbon) is a share of the F 1s signal, the film's fluorine, not of the film: read as the inorganic share of the
// whole SEI it is the model's assumption, its numbers kept (review78). No figure number: Fig. 8C is the DFT barrier panel.
const NAF_READING = 'read as the inorganic share of the whole SEI; the review gives it as the content of the Na-F peak in the F 1s XPS signal, a share of the film\'s fluorine, not of the film, so this reading is assumed';
const NAF_BASE = assumed(0.121, '1', `the Na-F share of the F 1s signal on hard carbon in NaPF6, 12.1 % (review ref 71, section 4), ${NAF_READING}`);
const NAF_SAC = assumed(0.254, '1', `the Na-F share of the F 1s signal on Zn single atoms on hard carbon, 25.4 % (review ref 71, section 4), ${NAF_READING}. The link from the SAC to composition is this pair of shares: the DFT decomposition barrier of NaPF6 (1.62 eV there vs 2.55 eV on hard carbon, Fig. 8C) is not used, since its Arrhenius ratio (exp(0.93 eV / kT) ~ 1e15) would make the SEI near a SAC all NaF, far beyond what XPS shows`);

const commonLi = {
  activationEnergy: assumed(0.4, 'eV', 'Arrhenius energy of SEI growth on Li; of the order of the 0.3-0.6 eV reported for SEI growth in graphite anodes (assumed)'),
  inorganicPassivation: assumed(0.3, '1', 'inorganic (fluoride-rich) SEI is described as dense: taken to let electrolyte reach the metal 3 x less than organic SEI (assumed)'),
  conductionActivation: assumed(0.6, 'eV', `Arrhenius energy of the film's Li+ conductivity (sigma(T) = sigma(25 degC) exp(-Ea/k (1/T - 1/298 K))). Value assumed; what bounds it: the SEI overpotential of Li in carbonate electrolytes rises steeply below 0-25 degC (Hess, "Temperature-dependence of the solid-electrolyte interphase overpotential", arXiv:1801.09676, 2018, EIS and galvanostatic, -40 to 80 degC), and Li+ transport through the SEI is the rate-determining step of Li plating at low temperature ("Temperature-dependent interphase formation and Li+ transport in lithium metal batteries", Nat. Commun., 2023)`),
};
/**
 * The shared values for a set of `metal`: Li's as they are; for Na and K the same values, their notes saying they are Li's,
 * taken for that metal (review65: a K set printed "SEI growth on Li" and "the film's Li+ conductivity" without a word of it)
 */
function commonFor(metal: 'Li' | 'Na' | 'K'): typeof commonLi {
  if (metal === 'Li') return commonLi;
  const taken = (v: Sourced): Sourced => ({ ...v, source: { ...v.source, note: `Li's value, taken for ${metal} (no value for ${metal} found): ${v.source.note ?? ''}` } });
  return { activationEnergy: taken(commonLi.activationEnergy), inorganicPassivation: commonLi.inorganicPassivation, conductionActivation: taken(commonLi.conductionActivation) };
}

export const SEI_SETS: Record<string, SeiSet> = {
  carbonate: {
    name: 'carbonate', metal: 'Li', electrolytes: ['LiPF6-EC-DMC', 'LiPF6-EC-EMC'],
    description: 'SEI of Li in 1 M LiPF6 in EC/DMC or EC/EMC: thick, organic-rich (ROCO2Li, Li2CO3) with LiF',
    liquidRange: LIQUID_RANGES['EC/DMC or EC/EMC'],
    formationRate: rate(10, 'fresh Li is passivated by carbonates within ~0.1 s (assumed; Li reacts with EC/DMC on contact)'),
    ...commonFor('Li'),
    thickness: assumed(5, 'nm', `inner compact layer that first passivates fresh Li; the whole SEI grows to 10-30 nm (${CRYO}); value assumed`),
    lithiumDensity: assumed(0.06, 'mol/cm3', `inner layer of Li2O/LiF/Li2CO3 with organics: between LiEDC (~0.02, no crystal cell at hand) and ${cellNote(SEI_PHASES.LiF, 'Li')}; ${cellNote(SEI_PHASES.Li2CO3, 'Li')} and ${cellNote(SEI_PHASES.Li2O, 'Li')} beside it; assumed`),
    passivation: assumed(1e-5, '1', `growth through an existing SEI relative to fresh metal: ${CAL}; assumed`),
    freshFraction: assumed(0.02, '1', 'share of the plating charge on fresh Li that reduces electrolyte; assumed'),
    organicConductivity: assumed(2e-8, 'S/cm', `20 nm film of ~100 Ohm cm2 (${RSEI}): sigma = h / R; assumed`),
    inorganicConductivity: assumed(2e-8, 'S/cm', 'taken equal to the organic part (LiF alone conducts far less, its grain boundaries more); assumed'),
    inorganicShare: share(0.15, 'LiF share of the SEI from LiPF6; of the order of the 12 % NaF share on hard carbon in NaPF6 (review ref 71); assumed'),
    crack: assumed(0.8, '1', 'brittle carbonate SEI: most stretched film cracks (assumed)'),
    sacInorganicShare: share(0.3, 'SAC-catalysed PF6- decomposition roughly doubles the fluoride share, as for NaPF6 on Zn single atoms (12.1 -> 25.4 %, review ref 71); assumed for LiPF6'),
  },
  ether: {
    name: 'ether', metal: 'Li', electrolytes: ['LiTFSI-DOL-DME'],
    description: 'SEI of Li in 1 M LiTFSI in DOL/DME: thinner, oligomeric (poly-DOL) with LiF from TFSI-',
    liquidRange: LIQUID_RANGES['DOL/DME'],
    formationRate: rate(3, 'ethers are reduced on Li more slowly than carbonates (assumed)'),
    ...commonFor('Li'),
    thickness: assumed(4, 'nm', `thinner than in carbonates (${CRYO}); value assumed`),
    lithiumDensity: assumed(0.04, 'mol/cm3', 'oligomeric ether-derived film, less Li-rich than the carbonate SEI; assumed'),
    passivation: assumed(1e-5, '1', 'as the carbonate set; assumed'),
    freshFraction: assumed(0.01, '1', 'assumed'),
    organicConductivity: assumed(5e-8, 'S/cm', `lower interfacial resistance than in carbonates (${RSEI}); assumed`),
    inorganicConductivity: assumed(5e-8, 'S/cm', 'taken equal to the organic part; assumed'),
    inorganicShare: share(0.15, 'LiF from TFSI-; assumed'),
    crack: assumed(0.5, '1', 'more flexible oligomeric SEI (assumed)'),
    sacInorganicShare: share(0.3, 'doubled by SAC catalysis as for NaPF6 (review ref 71); assumed'),
  },
  'ether-LiNO3': {
    name: 'ether-LiNO3', metal: 'Li', electrolytes: ['LiTFSI-DOL-DME-LiNO3'],
    description: 'SEI of Li in 1 M LiTFSI in DOL/DME + LiNO3: Li3N/LiNxOy-rich, thin, well passivating',
    liquidRange: LIQUID_RANGES['DOL/DME'],
    formationRate: rate(3, 'as the ether set (the solvent is the same; assumed)'),
    ...commonFor('Li'),
    thickness: assumed(3, 'nm', `LiNO3-derived SEI is thin and compact (${CRYO}); value assumed`),
    lithiumDensity: assumed(0.05, 'mol/cm3', `${cellNote(SEI_PHASES.Li3N, 'Li')} and LiNxOy with an organic part; assumed`),
    passivation: assumed(2e-6, '1', 'Li3N/LiNxOy passivates better than the carbonate SEI (the reason LiNO3 raises CE); assumed'),
    freshFraction: assumed(0.005, '1', 'assumed'),
    organicConductivity: assumed(5e-8, 'S/cm', 'as the ether set; assumed'),
    inorganicConductivity: assumed(1e-6, 'S/cm', `Li3N-rich inorganic part, well below bulk Li3N (${LI3N}); assumed`),
    inorganicShare: share(0.4, 'NO3- is reduced first: a large inorganic (Li3N, LiNxOy, LiF) share; assumed'),
    crack: assumed(0.2, '1', 'LiNO3-derived SEI follows the metal (the reason for its high CE, assumed)'),
    sacInorganicShare: share(0.5, 'assumed (a modest increase over the already inorganic-rich base)'),
  },
  'Na-ether': {
    name: 'Na-ether', metal: 'Na', electrolytes: ['NaPF6-diglyme'],
    description: 'SEI of Na in 1 M NaPF6 in diglyme: thin, NaF-rich, the dendrite-free Na electrolyte (Seh et al. 2015)',
    liquidRange: LIQUID_RANGES.diglyme,
    formationRate: rate(5, 'Na is more reactive than Li (assumed)'),
    ...commonFor('Na'),
    thickness: assumed(4, 'nm', 'glyme SEI on Na is thin (Seh et al., ACS Cent. Sci. 1, 449 (2015): uniform inorganic SEI); value assumed'),
    lithiumDensity: assumed(0.04, 'mol/cm3', `Na ions bound in the film (${cellNote(SEI_PHASES.NaF, 'Na')}; Wikipedia's 2.558 g/cm3 gave 0.061; ${cellNote(SEI_PHASES.Na2O, 'Na')}) with an organic part; the 0.04 is assumed`),
    passivation: assumed(3e-5, '1', 'Na corrodes faster than Li at rest; assumed'),
    freshFraction: assumed(0.01, '1', 'assumed'),
    organicConductivity: assumed(3e-8, 'S/cm', 'assumed'),
    inorganicConductivity: assumed(3e-8, 'S/cm', 'assumed'),
    inorganicShare: NAF_BASE,
    crack: assumed(0.5, '1', 'assumed'),
    sacInorganicShare: NAF_SAC,
  },
  'Na-carbonate': {
    name: 'Na-carbonate', metal: 'Na', electrolytes: ['NaPF6-EC-PC'],
    description: 'SEI of Na in 1 M NaPF6 in EC/PC: thick, unstable, partly soluble organic SEI',
    liquidRange: LIQUID_RANGES['EC/PC'],
    formationRate: rate(30, 'Na reacts with carbonates faster than Li (assumed)'),
    ...commonFor('Na'),
    thickness: assumed(8, 'nm', 'Na SEI in carbonates is thicker and less stable than on Li; assumed'),
    lithiumDensity: assumed(0.03, 'mol/cm3', 'assumed'),
    passivation: assumed(1e-4, '1', 'partly soluble SEI passivates poorly; assumed'),
    freshFraction: assumed(0.03, '1', 'assumed'),
    organicConductivity: assumed(1e-8, 'S/cm', 'assumed'),
    inorganicConductivity: assumed(1e-8, 'S/cm', 'assumed'),
    inorganicShare: NAF_BASE,
    crack: assumed(0.9, '1', 'partly soluble SEI (assumed)'),
    sacInorganicShare: NAF_SAC,
  },
  'K-ether': {
    name: 'K-ether', metal: 'K', electrolytes: ['KFSI-DME'],
    description: 'SEI of K in 1 M KFSI in DME: KF-rich from FSI-',
    liquidRange: LIQUID_RANGES.DME,
    formationRate: rate(30, 'K is the most reactive of the three (assumed)'),
    ...commonFor('K'),
    thickness: assumed(5, 'nm', 'assumed'),
    lithiumDensity: assumed(0.03, 'mol/cm3', `K ions bound in the film (${cellNote(SEI_PHASES.KF, 'K')}; Wikipedia's 2.48 g/cm3 and de.wikipedia's carobbiite cell, a = 5.40 A (2.45 g/cm3), are 2-3 % below it); the 0.03 is assumed`),
    passivation: assumed(1e-4, '1', 'K corrodes fastest; assumed'),
    freshFraction: assumed(0.02, '1', 'assumed'),
    organicConductivity: assumed(3e-8, 'S/cm', 'assumed'),
    inorganicConductivity: assumed(3e-8, 'S/cm', 'assumed'),
    inorganicShare: share(0.2, 'KF from FSI-; assumed'),
    crack: assumed(0.8, '1', 'assumed'),
    sacInorganicShare: share(0.4, 'doubled by SAC catalysis as for NaPF6 (review ref 71); assumed'),
  },
};

/** The named SEI set (case-insensitive; a transport set's name finds its SEI set), or an InputError. */
export function getSeiSet(name: unknown, field = 'sei'): SeiSet {
  if (typeof name === 'string') {
    const n = name.trim().toLowerCase();
    const s = Object.values(SEI_SETS).find((x) => x.name.toLowerCase() === n || x.electrolytes.some((e) => e.toLowerCase() === n));
    if (s) return s;
  }
  throw new InputError(field, name, `a known SEI set (${Object.keys(SEI_SETS).join(', ')}) or an electrolyte name, or a map { set: carbonate, formation_rate: "10 1/s", ... }`);
}
