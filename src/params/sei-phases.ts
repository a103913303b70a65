/**
 * The SEI's crystalline phases by their crystal cells, and the density each cell gives: rho = Z M / (N_A V_cell)
 * (seidens70; seidens69 did NaF, seiout68b LiF and Li2CO3). The model does not read these: the SEI sets' lithiumDensity
 * values (params/sei.ts) are assumed model inputs, whose notes quote these phases for scale; the why-studies
 * (validation/studies/sei-ce-na-glyme-why.ts, sei-inactive-fang-why.ts) write the film's bound metal as these phases.
 *
 * Each cell names the source of its lattice constants; where stored sources differ, the others and the density each
 * gives are in `others` (test/sei-phases.test.ts checks every density against Z M / (N_A V) of each cited cell).
 * Lengths are literals in cm (4.63e-8, not 4.63 x 1e-8), so the studies' figures are those computed before this module
 * to the last bit. Molar masses from standard atomic weights: Li 6.94, Na 22.990, K 39.098, C 12.011, N 14.007,
 * O 15.999, F 18.998 g/mol.
 */
export const N_A = 6.02214076e23;

export interface CrystalCell {
  formula: string;
  /** structure type and space group */
  structure: string;
  /** formula units a cell */
  z: number;
  gPerMol: number;
  /** metal atoms (Li, Na, K) a formula unit */
  metalPerFormula: number;
  volume_cm3: number;
  /** the lattice constants as written in the source, for notes: "a = 4.63 A" */
  cell: string;
  source: string;
  /** other stored sources' lattice constants, and what they give (prose; the test recomputes them) */
  others: string;
}

const cubic = (a: number): number => a ** 3;
const hexagonal = (a: number, c: number): number => Math.sqrt(3) / 2 * a * a * c;
const monoclinic = (a: number, b: number, c: number, betaDeg: number): number => a * b * c * Math.sin(betaDeg * Math.PI / 180);

export const SEI_PHASES = {
  LiF: {
    formula: 'LiF', structure: 'rock salt, Fm-3m', z: 4, gPerMol: 6.94 + 18.998, metalPerFormula: 1, volume_cm3: cubic(4.026e-8),
    cell: 'a = 4.026 A', source: 'the Lithiumfluorid infobox and text of the German Wikipedia (402.6 pm), as stored at de.zxc.wiki; its density 2.64 g/cm3',
    others: 'a = 4.0173 A (Wyckoff, Crystal Structures (1963), Crystallography Open Database 9008667, as in NCrystal\'s data/LiF_sg225_LithiumFlouride.ncmat, repository mctools/ncrystal): 2.657 g/cm3, 0.6 % denser',
  },
  Li2O: {
    formula: 'Li2O', structure: 'antifluorite, Fm-3m', z: 4, gPerMol: 2 * 6.94 + 15.999, metalPerFormula: 2, volume_cm3: cubic(4.619e-8),
    cell: 'a = 4.619 A', source: 'Wyckoff (1963), Crystallography Open Database 9009059, as in NCrystal\'s data/Li2O_sg225_LithiumOxide.ncmat (repository mctools/ncrystal)',
    others: 'a = 4.61 A (ICSD 22402, Bijvoet et al., Recl. Trav. Chim. Pays-Bas 43, 680 (1925), as in pymatgen\'s test_files/Li2O.cif, whose diffraction density is 2.02 g/cm3): 2.026 g/cm3, 0.6 % denser',
  },
  Li2CO3: {
    formula: 'Li2CO3', structure: 'zabuyelite, monoclinic C2/c', z: 4, gPerMol: 73.89, metalPerFormula: 2, volume_cm3: monoclinic(8.356e-8, 4.964e-8, 6.185e-8, 114.6),
    cell: 'a = 8.356, b = 4.964, c = 6.185 A, beta = 114.6 deg', source: 'webmineral\'s Zabuyelite page (V = 233.26 A3, calculated density 2.10 g/cm3)',
    others: 'none stored beside it; Wikipedia\'s Lithium carbonate infobox 2.11 g/cm3 (no cell), zabuyelite\'s specific gravity 2.09',
  },
  Li3N: {
    formula: 'Li3N', structure: 'hexagonal, P6/mmm', z: 1, gPerMol: 3 * 6.94 + 14.007, metalPerFormula: 3, volume_cm3: hexagonal(3.652e-8, 3.866e-8),
    cell: 'a = 3.652, c = 3.866 A', source: 'Kawada et al. (1986), time-of-flight neutron diffraction at 20 degC, Crystallography Open Database 1544904, as in NCrystal\'s data/Li3N_sg191_LithiumNitride.ncmat (repository mctools/ncrystal)',
    others: 'a = 3.655, c = 3.876 A (the Russian Wikipedia\'s Нитрид лития, as stored at hmong.ru): 1.290 g/cm3, 0.4 % less dense',
  },
  NaF: {
    formula: 'NaF', structure: 'rock salt, Fm-3m, villiaumite', z: 4, gPerMol: 22.990 + 18.998, metalPerFormula: 1, volume_cm3: cubic(4.63e-8),
    cell: 'a = 4.63 A', source: 'the Villiaumit infobox of the German Wikipedia, as stored at de.zxc.wiki (measured 2.79, calculated 2.808 g/cm3)',
    others: 'a = 4.62 A (Wyckoff (1963), Crystallography Open Database 9008679, NCrystal\'s data/NaF_sg225_SodiumFlouride.ncmat): 2.828 g/cm3, 0.6 % denser',
  },
  Na2O: {
    formula: 'Na2O', structure: 'antifluorite, Fm-3m', z: 4, gPerMol: 2 * 22.990 + 15.999, metalPerFormula: 2, volume_cm3: cubic(5.56e-8),
    cell: 'a = 5.56 A', source: 'the Great Russian Encyclopedia\'s Оксид натрия (a = 0.556 nm, Z = 4, Fm3m; bigenc.ru), whose stated density, 2.25 g/cm3, is not the cell\'s',
    others: 'a = 5.550 A (Brown et al., Chemistry: The Central Science, chapter 12, problem 116, as stored at pearson.com): 2.408 g/cm3, 0.5 % denser; Wikipedia\'s infobox 2.27 g/cm3 (no cell) is 5 % below the cell',
  },
  KF: {
    formula: 'KF', structure: 'rock salt, Fm-3m, carobbiite', z: 4, gPerMol: 39.098 + 18.998, metalPerFormula: 1, volume_cm3: cubic(5.347e-8),
    cell: 'a = 5.347 A', source: 'Wyckoff (1963), Crystallography Open Database 9008652, as in NCrystal\'s data/KF_sg225_PotassiumFlouride.ncmat (repository mctools/ncrystal)',
    others: 'a = 5.34 A (the French Wikipedia\'s Carobbiite, as stored at de.frwiki.wiki and it.frwiki.wiki: calculated 2.528, measured 2.505 g/cm3): 2.534 g/cm3, 0.4 % denser; a = 5.40 A (the German Wikipedia\'s Carobbiit, as translated at memim.com): 2.451 g/cm3, 2.9 % less dense, below the mineral\'s measured 2.505, so not taken; Wikipedia\'s Potassium fluoride infobox 2.48 g/cm3 (no cell)',
  },
} as const satisfies Record<string, CrystalCell>;

export type SeiPhase = keyof typeof SEI_PHASES;

/** g/cm3 from the cell: Z M / (N_A V) */
export const densityOf = (c: CrystalCell): number => c.z * c.gPerMol / (N_A * c.volume_cm3);
/** cm3 of the phase per mol of the metal it binds */
export const cm3PerMolMetal = (c: CrystalCell): number => c.gPerMol / densityOf(c) / c.metalPerFormula;
/** mol of the metal bound per cm3 of the phase */
export const molMetalPerCm3 = (c: CrystalCell): number => 1 / cm3PerMolMetal(c);
