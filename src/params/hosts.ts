/**
 * Built-in host specs. Effective energies are derived in derive.ts (factor x metal bond); the
 * review's own numbers for these substrates go in `dft` / `reported` with their references.
 */
import { wettingRatio, type HostSpec } from './derive.js';

/**
 * Wetting of hosts by the molten metal (independent of the nucleation results the hosts are
 * tested on). Wang et al., Nat. Commun. 10, 4930 (2019), doi:10.1038/s41467-019-12938-4, introduction:
 * "Most metal current collectors (e.g., Cu and Ni foam) and carbon materials used in Li metal
 * batteries are lithiophobic to molten Li; ... molten Li presents a liquid sphere on these
 * substrates". A sphere-like drop is theta well above 90 deg; 135 deg is assumed for the number.
 * Clean, oxide-free Cu is wetted by Li (zero advancing angle) but not by Na or K (Jordan and Lane,
 * Aust. J. Chem. 19, 1093, 1966): battery Cu carries its native oxide, so the lithiophobic value is used.
 */
const LITHIOPHOBIC_DEG = 135;
const PHOBIC_NOTE = `factor = (1 + cos ${LITHIOPHOBIC_DEG} deg) / 2 = ${wettingRatio(LITHIOPHOBIC_DEG).toFixed(3)}: molten alkali metal forms a ` +
  'sphere on Cu and on carbon (Wang et al., Nat. Commun. 10, 4930, 2019, doi:10.1038/s41467-019-12938-4); ' +
  `the angle ${LITHIOPHOBIC_DEG} deg is assumed (the source gives no number)`;
const PHOBIC = wettingRatio(LITHIOPHOBIC_DEG);
import { LI_SURFACE_QUOTE, LI_SURFACE_WHERE, REVIEW, review, sv } from './sourced.js';

const ALL = ['Li', 'Na', 'K'] as const;

export const HOST_SPECS: readonly HostSpec[] = [
  {
    name: 'Cu', description: 'Bare copper foil current collector (metallophobic for Li/Na/K)', conducting: true,
    source: { ref: REVIEW, where: 'sections 3-4: bare Cu foil is the control electrode' },
    factor: PHOBIC, factorNote: PHOBIC_NOTE + '; oxide-free Cu is wetted by Li (Jordan and Lane, Aust. J. Chem. 19, 1093, 1966)',
    metals: [...ALL],
    reported: {
      Na: { nucleation_overpotential: sv(32, 'mV', review(70), 'section 4 (bare Cu foil, Na)') },
    },
  },
  ...(['Li', 'Na', 'K'] as const).map((m): HostSpec => ({
    name: m, description: `${m} metal foil (the metal's own surface)`, conducting: true,
    source: { ref: 'metal foil: same material as the plated metal' },
    factor: 1, factorNote: 'a foil of the metal binds an adatom like the metal itself (binding = bond)',
    metals: [m], foil: true,
    ...(m === 'Li'
      ? { dft: { Li: { Li0_binding_on_Li_surface: sv(-1.388, 'eV', review(34), LI_SURFACE_WHERE, { note: `the original Li surface: "${LI_SURFACE_QUOTE}" (no figure cited for it: the review's Fig. 7A, cited with the next sentence, is the diffusion barriers); the reference of Fe-N4 and Ni-N4; printed as a positive number, stored with the DFT sign (negative = binds)` }) } } }
      : {}),
  })),
  {
    name: 'graphene', description: 'Pristine graphene / graphitic carbon (lithiophobic)', conducting: true,
    source: { ref: review(58), where: 'Fig. 4A (the comparison substrate of ZnSAs)' },
    factor: PHOBIC, factorNote: PHOBIC_NOTE + ' (carbon materials)',
    metals: [...ALL],
    dft: { Li: { Li0_binding: sv(-2.37, 'eV', review(58), 'section 3.2, Fig. 4A', { note: 'vs -3.66 eV on ZnSAs' }) } },
  },
  {
    name: 'N-graphene', description: 'N-doped graphene / N-doped carbon (the usual SAC support)', conducting: true,
    source: { ref: review(61), where: 'section 3.2: heteroatoms improve lithiophilicity (Fig. 4E)' },
    factor: wettingRatio(90), factorNote: 'N dopants make carbon more lithiophilic than graphene (review section 3.2, ref 61), no angle given: ' +
      'theta = 90 deg assumed, factor (1 + cos 90 deg) / 2 = 0.5',
    metals: [...ALL],
  },
  {
    name: 'carbon-cloth', description: 'Carbon cloth / carbon fibre 3D host', conducting: true,
    source: { ref: review(70), where: 'section 4: carbon cloth control, Na' },
    factor: PHOBIC, factorNote: PHOBIC_NOTE + ' (carbon materials). v1 set 0.9 from the Na nucleation order (9 vs 32 mV, ' +
      'ref 70) it was then tested on; that order is now a prediction, not an input',
    metals: [...ALL],
    reported: {
      Na: { nucleation_overpotential: sv(9, 'mV', review(70), 'section 4 (carbon cloth, Na)') },
    },
  },
  {
    name: 'hard-carbon', description: 'Hard carbon (biocarbon) host, used for Na (ref 71) and K (ref 74)', conducting: true,
    source: { ref: review(74), where: 'section 4: SA-Co@HC and the HC control' },
    factor: PHOBIC, factorNote: PHOBIC_NOTE + ' (carbon materials; a defect-rich hard carbon may wet better: not known here)',
    metals: [...ALL],
    dft: {
      Na: { NaPF6_dissociation_barrier: sv(2.55, 'eV', review(71), 'section 4, Fig. 8C', { note: 'HC without SAZn; 1.62 eV with Zn single atoms' }) },
    },
  },
  {
    name: 'sp2c-COF', description: 'sp2-carbon conjugated covalent organic framework (support of sp2c-COF-Co)', conducting: true,
    source: { ref: review(64), where: 'section 3.2, Fig. 5F' },
    factor: wettingRatio(90), factorNote: 'N-rich conjugated framework treated like N-doped carbon (theta = 90 deg assumed, factor 0.5); conducting assumed',
    metals: ['Li'],
    dft: { Li: { Li_binding: sv(-1.856, 'eV', review(64), 'section 3.2', { note: 'vs -3.302 eV on sp2c-COF-Co' }) } },
  },
];
