/**
 * Built-in host specs. Effective energies are derived in derive.ts (factor x metal bond); the
 * review's own numbers for these substrates go in `dft` / `reported` with their references.
 */
import type { HostSpec } from './derive.js';
import { REVIEW, review, sv } from './sourced.js';

const ALL = ['Li', 'Na', 'K'] as const;

export const HOST_SPECS: readonly HostSpec[] = [
  {
    name: 'Cu', description: 'Bare copper foil current collector (metallophobic for Li/Na/K)', conducting: true,
    source: { ref: REVIEW, where: 'sections 3-4: bare Cu foil is the control electrode' },
    factor: 0.5, factorNote: 'Cu is the weakly binding (metallophobic) reference collector; factor assumed',
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
      ? { dft: { Li: { Li0_binding_on_Li_surface: sv(1.388, 'eV', review(34), 'section 3.2, Fig. 7A', { note: 'reference for SAFe/SANi (1.589/1.611 eV)' }) } } }
      : {}),
  })),
  {
    name: 'graphene', description: 'Pristine graphene / graphitic carbon (lithiophobic)', conducting: true,
    source: { ref: review(58), where: 'Fig. 4A (the comparison substrate of ZnSAs)' },
    factor: 0.6, factorNote: 'pristine graphene binds Li weakly (lithiophobic), well below the metal; factor assumed',
    metals: [...ALL],
    dft: { Li: { Li0_binding: sv(-2.37, 'eV', review(58), 'section 3.2, Fig. 4A', { note: 'vs -3.66 eV on ZnSAs' }) } },
  },
  {
    name: 'N-graphene', description: 'N-doped graphene / N-doped carbon (the usual SAC support)', conducting: true,
    source: { ref: review(61), where: 'section 3.2: heteroatoms improve lithiophilicity (Fig. 4E)' },
    factor: 0.9, factorNote: 'N dopants make carbon more lithiophilic than graphene (review section 3.2, ref 61); factor assumed',
    metals: [...ALL],
  },
  {
    name: 'carbon-cloth', description: 'Carbon cloth / carbon fibre 3D host', conducting: true,
    source: { ref: review(70), where: 'section 4: carbon cloth control, Na' },
    factor: 0.9, factorNote: 'carbon cloth nucleates Na far better than Cu (9 vs 32 mV, ref 70); factor assumed',
    metals: [...ALL],
    reported: {
      Na: { nucleation_overpotential: sv(9, 'mV', review(70), 'section 4 (carbon cloth, Na)') },
    },
  },
  {
    name: 'hard-carbon', description: 'Hard carbon (biocarbon) host, used for Na (ref 71) and K (ref 74)', conducting: true,
    source: { ref: review(74), where: 'section 4: SA-Co@HC and the HC control' },
    factor: 0.9, factorNote: 'defect-rich disordered carbon, treated like N-doped carbon; factor assumed',
    metals: [...ALL],
    dft: {
      Na: { NaPF6_dissociation_barrier: sv(2.55, 'eV', review(71), 'section 4, Fig. 8C', { note: 'HC without SAZn; 1.62 eV with Zn single atoms' }) },
    },
  },
  {
    name: 'sp2c-COF', description: 'sp2-carbon conjugated covalent organic framework (support of sp2c-COF-Co)', conducting: true,
    source: { ref: review(64), where: 'section 3.2, Fig. 5F' },
    factor: 0.9, factorNote: 'N-rich conjugated framework treated like N-doped carbon; factor and conducting assumed',
    metals: ['Li'],
    dft: { Li: { Li_binding: sv(-1.856, 'eV', review(64), 'section 3.2', { note: 'vs -3.302 eV on sp2c-COF-Co' }) } },
  },
];
