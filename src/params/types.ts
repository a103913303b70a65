/**
 * Parameter sets, PyBaMM style: every number carries its unit and its source.
 * A `Sourced` value is what a parameter file holds; the engine uses the plain numbers of
 * the resolved sets (`MetalParams`, `HostParams`, `SacParams`).
 *
 * Energetics of the bond-counting model (MODEL.md section 3), all in eV, positive = bound:
 *  - metal.bond_eV: metal-metal bond. Kink (half-crystal) energy E_kink = 3 * bond on the
 *    simple-cubic lattice (half of 6 neighbours).
 *  - host.binding_eV / SAC binding: bond of a metal atom to one host (or SAC) voxel it touches.
 *    An adatom whose total bond energy is below E_kink re-oxidises faster than a kink atom.
 *  - redShift_eV: shift of the reduction barrier (desolvation + charge transfer) of a site
 *    whose most catalytic neighbour is this material, relative to the metal's own barrier
 *    (which is fixed by the metal's exchange current density i0). Negative = catalytic.
 *  - terraceBarrier_eV: surface-hop barrier E_d of an atom sitting on this material.
 */

export interface Source {
  /** DOI, or "review ref N" with figure/section, or a handbook */
  ref: string;
  /** where in the source: table, figure, section */
  where?: string;
  /** true when the number is an assumption of ours, not a measured/computed value */
  assumed?: boolean;
  note?: string;
  /**
   * a source the user gave (a parameters: block's `source`, a descriptor row's `source` column): cited as a work
   * whatever its words (`cite` took a ref without a digit, "own VASP PBE, unpublished", for a definition)
   */
  given?: true;
}

export interface Sourced {
  value: number;
  unit: string;
  source: Source;
}

export interface MetalSet {
  name: 'Li' | 'Na' | 'K' | string;
  description: string;
  z: Sourced; // charge number, 1
  molarMass: Sourced; // g/mol
  atomicVolume: Sourced; // A3 per atom
  atomicSpacing: Sourced; // nm, voxel edge of the atomistic mode
  exchangeCurrentDensity: Sourced; // mA/cm2 (i0 of M+/M on the metal itself, at 25 degC)
  /** eV, Arrhenius energy of i0: i0(T) = i0(25 degC) exp(-Ea/k (1/T - 1/298.15 K)); absent = 0 (i0 independent of T) */
  exchangeActivationEnergy?: Sourced;
  transferCoefficient: Sourced; // alpha, 1
  bond: Sourced; // eV, metal-metal bond (effective)
  terraceBarrier: Sourced; // eV, hop barrier on the metal's own surface
  lateralBond: Sourced; // eV, the bond's value (params/sourced.ts lateralOf): the rates take every lateral bond as E_mm
  schwoebel: Sourced; // eV, extra barrier of a hop across a step edge, down or up (detailed balance)
  attemptFrequency: Sourced; // 1/s
  cohesiveEnergy: Sourced; // eV/atom (reference, atomistic mode)
  standardPotential: Sourced; // V vs SHE
  capacity: Sourced; // mAh/g
  /** uF/cm2, double-layer capacitance of the metal in its electrolyte (default of electrochem.double_layer) */
  doubleLayerCapacitance?: Sourced;
  /** K, the solid's melting point: a run at or above it is refused (the model plates and strips a solid metal); absent = not checked */
  meltingPoint?: Sourced;
}

/** Interaction of one metal with a host or SAC. */
export interface MetalInteraction {
  binding: Sourced; // eV, model bond to one voxel of this material (effective)
  redShift: Sourced; // eV, reduction-barrier shift vs the metal
  terraceBarrier: Sourced; // eV, hop barrier on top of this material
  /** raw DFT numbers quoted by the review, kept for screening and provenance */
  dft?: Record<string, Sourced>;
  /** measured numbers the review quotes for this pair (e.g. nucleation overpotential), for validation */
  reported?: Record<string, Sourced>;
}

export interface HostSet {
  name: string;
  description: string;
  conducting: boolean;
  /** per metal; a host without an entry for a metal cannot be used with it */
  metals: Partial<Record<'Li' | 'Na' | 'K', MetalInteraction>> & Record<string, MetalInteraction | undefined>;
  /**
   * the element final.extxyz writes for the host (`parameters.hosts.<name>.element`, since review65; a known symbol): a
   * user set's, '' for a new set that gives none (written X, as a SAC set without one); absent on the built-in sets,
   * whose element is lattice/species.ts hostElement's (Cu, the metal foils, carbon)
   */
  element?: string;
  source: Source;
}

export interface SacSet {
  name: string; // e.g. "Zn-N4"
  element: string; // "Zn"
  coordination: string; // "N4"
  support: string; // host name it is reported on, e.g. "N-graphene"
  description: string;
  metals: Partial<Record<'Li' | 'Na' | 'K', MetalInteraction>> & Record<string, MetalInteraction | undefined>;
  /** structural stability under plating, when the review gives it (e.g. bond-length change) */
  stability?: Record<string, Sourced>;
  /**
   * a user set's other elements of the material beside its SAC element and a C/N support (`parameters.sacs.<name>.supportElements`,
   * since mends84; known symbols), scored with the element by the screen's sustainability and cited by the set's source;
   * a built-in site's are on its spec (src/params/sacs.ts)
   */
  supportElements?: string[];
  source: Source;
}

/** Resolved numbers the engine uses (canonical units: eV, K, m, A/m2, 1/s). */
export interface MetalParams {
  name: string;
  z: number;
  molarMass_g_per_mol: number;
  atomicVolume_m3: number;
  atomicSpacing_m: number;
  /** exchange current density of M+/M on the metal: the set's 25 degC value from resolveMetal, the value at the run's temperature in a ResolvedRun (params/metals.ts metalAtTemperature) */
  i0_A_per_m2: number;
  /** Arrhenius energy of i0, eV (absent = 0) */
  i0Activation_eV?: number;
  alpha: number;
  bond_eV: number;
  terraceBarrier_eV: number;
  lateralBond_eV: number;
  schwoebel_eV: number;
  nu_per_s: number;
}
export interface InteractionParams {
  binding_eV: number;
  redShift_eV: number;
  terraceBarrier_eV: number;
}
export interface HostParams extends InteractionParams { name: string; conducting: boolean; }
export interface SacParams extends InteractionParams { name: string; element: string; }
