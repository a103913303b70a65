/**
 * The 118 element symbols (IUPAC), so a user-defined SAC set's `element` is checked against the
 * periodic table: a typo ("Xx", "fe") would otherwise run, and the literature, sustainability and
 * screening look-ups that key on the element would silently find nothing.
 */
export const ELEMENT_SYMBOLS: ReadonlySet<string> = new Set((
  'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr ' +
  'Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu ' +
  'Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr ' +
  'Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og').split(' '));

/** ' (did you mean "Fe"?)' for "fe" or "FE"; nothing for a symbol that is not one in any case (a parameter set's and a descriptor row's element) */
export const symbolCaseHint = (e: string): string => {
  const hit = [...ELEMENT_SYMBOLS].find((x) => x.toLowerCase() === e.trim().toLowerCase());
  return hit ? ` (did you mean "${hit}"?)` : '';
};
